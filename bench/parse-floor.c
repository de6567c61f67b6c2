/* parse-floor.c - the single-thread parse floor of a scan.
 *
 *   parse-floor PART.zip...
 *
 * Reads every part with libarchive, inflates every member whose name ends in
 * ".json" into one reused buffer and parses it with jansson's json_loadb,
 * then frees the document. One thread, nothing else: no classification, no
 * tree, no report. Every other member is skipped (libarchive seeks over it in
 * a zip). Prints the members and bytes parsed and the seconds it took on
 * stdout; exits 1 if a part cannot be read or a member is not valid JSON.
 *
 * Built by bench/run:  cc -O2 bench/parse-floor.c $(pkg-config --cflags --libs libarchive jansson)
 */
#define _POSIX_C_SOURCE 200809L
#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int ends_with_json(const char *name)
{
    size_t n = strlen(name);
    return n >= 5 && strcmp(name + n - 5, ".json") == 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: parse-floor PART.zip...\n");
        return 2;
    }
    double t0 = now();
    size_t cap = 1 << 20, members = 0;
    unsigned long long bytes = 0;
    char *buf = malloc(cap);
    int bad = 0;
    if (!buf) return 1;
    for (int i = 1; i < argc; i++) {
        struct archive *a = archive_read_new();
        struct archive_entry *e;
        archive_read_support_format_zip(a);
        if (archive_read_open_filename(a, argv[i], 1 << 16) != ARCHIVE_OK) {
            fprintf(stderr, "parse-floor: %s: %s\n", argv[i], archive_error_string(a));
            return 1;
        }
        int r;
        while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
            const char *name = archive_entry_pathname(e);
            if (archive_entry_filetype(e) != AE_IFREG || !name || !ends_with_json(name)) {
                archive_read_data_skip(a);
                continue;
            }
            size_t len = 0;
            for (;;) {
                if (len == cap) {
                    char *nb = realloc(buf, cap *= 2);
                    if (!nb) return 1;
                    buf = nb;
                }
                la_ssize_t got = archive_read_data(a, buf + len, cap - len);
                if (got < 0) {
                    fprintf(stderr, "parse-floor: %s: %s: %s\n", argv[i], name, archive_error_string(a));
                    return 1;
                }
                if (got == 0) break;
                len += (size_t)got;
            }
            json_error_t err;
            json_t *doc = json_loadb(buf, len, 0, &err);
            if (!doc) {
                fprintf(stderr, "parse-floor: %s: %s: %s\n", argv[i], name, err.text);
                bad = 1;
            }
            json_decref(doc);
            members++;
            bytes += len;
        }
        if (r != ARCHIVE_EOF) {
            fprintf(stderr, "parse-floor: %s: %s\n", argv[i], archive_error_string(a));
            return 1;
        }
        archive_read_free(a);
    }
    free(buf);
    printf("parse-floor: %zu JSON members, %llu bytes, %.3f s\n", members, bytes, now() - t0);
    return bad;
}
