/* fuzz_scan.c - a whole scan of an in-memory zip: the input is written to a
 * memfd (nothing touches the disk) and scanned through /proc/self/fd/N with
 * the built-in rules, one thread; the JSON and text reports are written to
 * memory and /dev/null. Checks: the scan ends with a report or a fatal
 * error that says why, an incomplete report says what was missed, and the
 * JSON report parses back with every error, warning, unmatched file and
 * item in it. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <jansson.h>

#include "report.h"
#include "reporter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tr_rules *rules;
    static FILE *null;
    tr_scan_options o;
    tr_report *rep = NULL;
    char *errmsg = NULL, path[64];
    const char *in[1] = {path};
    int fd;

    if (!rules) {
        if (tr_rules_load_embedded(NULL, NULL, &rules) != TR_OK) abort();
        null = fopen("/dev/null", "w");
        if (!null) abort();
    }
    fd = memfd_create("fuzz.zip", MFD_CLOEXEC);
    if (fd < 0) abort();
    for (size_t off = 0; off < size;) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) abort();
        off += (size_t)w;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    memset(&o, 0, sizeof o);
    o.rules = rules;
    tr_limits_default(&o.limits);
    o.limits.max_member_bytes = 8u << 20;
    o.limits.max_total_bytes = 64u << 20;
    o.threads = 1;
    o.keep_text = 1;
    tr_err rc = tr_scan(in, 1, &o, &rep, &errmsg);
    if (rc == TR_OK) {
        tr_report_opts ro;
        if (!rep || errmsg) abort();
        if (!rep->complete != (rep->nerrors > 0)) abort();
        memset(&ro, 0, sizeof ro);
        ro.tool_version = "fuzz";
        ro.items = 1;
        ro.show_text = ro.show_private_text = 1;
        /* the JSON report is valid and holds every note and unmatched file
         * (a string that is not UTF-8 would silently drop one) */
        char *buf = NULL;
        size_t blen = 0;
        FILE *mem = open_memstream(&buf, &blen);
        if (!mem) abort();
        if (tr_write_json(mem, rep, &ro) != 0) abort();
        if (fclose(mem) != 0) abort();
        json_t *doc = json_loadb(buf, blen, 0, NULL);
        if (!doc) abort();
        if (json_array_size(json_object_get(doc, "errors")) != rep->nerrors) abort();
        if (json_array_size(json_object_get(doc, "warnings")) != rep->nwarnings) abort();
        if (json_array_size(json_object_get(doc, "unmatched")) != rep->nunmatched) abort();
        if (json_array_size(json_object_get(doc, "items")) != rep->nitems) abort();
        json_decref(doc);
        free(buf);
        if (tr_write_text(null, rep, &ro) != 0) abort();
    } else {
        if (rep) abort();
        if (rc != TR_ERR_NOMEM && (!errmsg || !*errmsg)) abort(); /* a fatal error says why */
    }
    tr_report_free(rep);
    free(errmsg);
    close(fd);
    return 0;
}
