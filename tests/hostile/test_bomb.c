/* test_bomb.c - zip bombs end the scan of that member, in bounded memory
 * and time, with exit 5 naming the member.
 *
 * Each case builds a zip in a scratch folder and runs the trainable binary
 * on it (fork + exec, JSON report on stdout), measuring the child's peak
 * resident memory (wait4's ru_maxrss) and wall time:
 *
 *   ratio    a 200 MB member of zeros, declared honestly (about 200 KB
 *            compressed): stopped by the compression ratio limit after a
 *            few MB, far below its size.
 *   member   the same bomb with --max-ratio 0 and --max-member-bytes 100 MB:
 *            refused from its declared size, never read.
 *   liar     a 10 MB member of zeros whose declared size (local header,
 *            central directory and data descriptor) is patched to 1000
 *            bytes: stopped at byte 1001.
 *   stream   a 200 MB member written with a data descriptor (size unknown
 *            up front) in a zip whose central directory is cut off, so it
 *            is read as a stream with no size at all: stopped by the ratio.
 *
 * Bounds: peak memory under 150 MB (reading the 200 MB member would need
 * more than 200 MB) and 60 s each, in the sanitizer build too.
 *
 * Usage: test_bomb TRAINABLE
 */
#include "hx.h"

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "../unit/tt.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define BOMB "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_2.json"
#define MAX_RSS_KB (150L * 1024)
#define MAX_SECONDS 60.0

static const char *bin;

typedef struct run {
    int status;  /* exit code, or 128 + signal */
    long rss_kb; /* peak resident memory of the child */
    double secs;
    char *out;   /* stdout */
    char *err;   /* stderr */
} run;

static char *slurp_fd(int fd)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    ssize_t n;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            char *nb = realloc(buf, cap = cap * 2 + 8192);
            if (!nb) break;
            buf = nb;
        }
        n = read(fd, buf + len, cap - len - 1);
        if (n <= 0) break;
        len += (size_t)n;
    }
    if (buf) buf[len] = 0;
    return buf;
}

/* Run bin with args (NULL-terminated); stdout and stderr go to files. */
static int run_bin(run *r, const char *const *args)
{
    const char *outp = hx_path("stdout"), *errp = hx_path("stderr");
    struct timespec t0, t1;
    struct rusage ru;
    pid_t pid;
    int st;

    memset(r, 0, sizeof *r);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int o = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600), e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0) _exit(127);
        alarm((unsigned)MAX_SECONDS * 2); /* a hang ends as SIGALRM */
        execv(bin, (char *const *)args);
        _exit(127);
    }
    if (wait4(pid, &st, 0, &ru) != pid) return -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    r->rss_kb = ru.ru_maxrss;
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    int fd = open(outp, O_RDONLY);
    r->out = fd >= 0 ? slurp_fd(fd) : NULL;
    if (fd >= 0) close(fd);
    fd = open(errp, O_RDONLY);
    r->err = fd >= 0 ? slurp_fd(fd) : NULL;
    if (fd >= 0) close(fd);
    printf("  exit %d, peak %ld MB, %.2f s\n", r->status, r->rss_kb / 1024, r->secs);
    return 0;
}

static void run_free(run *r)
{
    free(r->out);
    free(r->err);
}

/* The JSON report on stdout has an error for `path` whose message holds `msg`. */
static int report_error(const run *r, const char *path, const char *msg)
{
    json_t *doc = r->out ? json_loads(r->out, 0, NULL) : NULL, *v;
    size_t i;
    int found = 0;
    json_array_foreach(json_object_get(doc, "errors"), i, v) {
        const char *p = json_string_value(json_object_get(v, "path"));
        const char *m = json_string_value(json_object_get(v, "message"));
        if (p && m && strstr(p, path) && strstr(m, msg)) found = 1;
    }
    if (!found) fprintf(stderr, "  no error for %s with '%s' in:\n%s\n  stderr: %s\n", path, msg,
                        r->out ? r->out : "(no output)", r->err ? r->err : "");
    json_decref(doc);
    return found;
}

#define BOUNDED(r)                                                                                            \
    do {                                                                                                      \
        TT_ASSERT((r).rss_kb < MAX_RSS_KB);                                                                   \
        TT_ASSERT((r).secs < MAX_SECONDS);                                                                    \
    } while (0)

TT_TEST(honest_bomb_stopped_by_ratio)
{
    hx_ent e[] = {HX_BASE_ENTRIES, {BOMB, "", 0, 0, 0, 200ull << 20}};
    const char *in = hx_path("facebook-bomb-2025-01-01-Ab12Cd34.zip");
    run r;

    TT_INT_EQ(hx_write_zip(in, e, NELEM(e), NULL, NULL), 0);
    {
        const char *args[] = {bin, "scan", "--format", "json", "--threads", "2", in, NULL};
        TT_INT_EQ(run_bin(&r, args), 0);
    }
    TT_INT_EQ(r.status, 5);
    BOUNDED(r);
    TT_ASSERT(report_error(&r, BOMB, "--max-ratio"));
    TT_ASSERT(r.err && strstr(r.err, "incomplete"));
    run_free(&r);
    {
        const char *args[] = {bin, "scan", "--format", "json", "--max-ratio", "0", "--max-member-bytes", "100000000",
                              in, NULL};
        TT_INT_EQ(run_bin(&r, args), 0);
    }
    TT_INT_EQ(r.status, 5);
    BOUNDED(r);
    TT_ASSERT(report_error(&r, BOMB, "over the limit of 100000000 bytes (--max-member-bytes)"));
    run_free(&r);
}

/* Patch every declared uncompressed size of member `name` in the zip image
 * (local header, central directory, data descriptor) from `real` to `lie`. */
static int patch_sizes(unsigned char *z, size_t len, const char *name, uint32_t real, uint32_t lie)
{
    size_t nl = strlen(name);
    int patched = 0;
    for (size_t i = 0; i + 46 + nl <= len; i++) {
        if (memcmp(z + i, "PK\3\4", 4) == 0 && hx_rd16(z + i + 26) == nl && !memcmp(z + i + 30, name, nl) &&
            hx_rd32(z + i + 22) == real) {
            hx_wr32(z + i + 22, lie);
            patched++;
        } else if (memcmp(z + i, "PK\1\2", 4) == 0 && hx_rd16(z + i + 28) == nl && !memcmp(z + i + 46, name, nl) &&
                   hx_rd32(z + i + 24) == real) {
            hx_wr32(z + i + 24, lie);
            patched++;
        } else if (memcmp(z + i, "PK\7\10", 4) == 0 && hx_rd32(z + i + 12) == real) {
            hx_wr32(z + i + 12, lie);
            patched++;
        }
    }
    return patched;
}

TT_TEST(member_larger_than_declared_is_stopped)
{
    hx_ent e[] = {HX_BASE_ENTRIES, {BOMB, "", 0, 0, 0, 10u << 20}};
    const char *in = hx_path("facebook-liar-2025-01-01-Ab12Cd34.zip");
    unsigned char *z;
    size_t len = 0;
    run r;

    TT_INT_EQ(hx_write_zip(in, e, NELEM(e), NULL, NULL), 0);
    z = hx_read_file(in, &len);
    TT_ASSERT(z != NULL);
    {
        int n = patch_sizes(z, len, BOMB, 10u << 20, 1000);
        TT_ASSERT(n >= 2); /* the central directory and a local header or descriptor */
    }
    TT_INT_EQ(hx_write_file(in, z, len), 0);
    free(z);
    {
        const char *args[] = {bin, "scan", "--format", "json", in, NULL};
        TT_INT_EQ(run_bin(&r, args), 0);
    }
    TT_INT_EQ(r.status, 5);
    BOUNDED(r);
    TT_ASSERT(report_error(&r, BOMB, "past its declared size of 1000 bytes"));
    run_free(&r);
}

TT_TEST(streamed_bomb_without_sizes)
{
    hx_ent e[] = {HX_BASE_ENTRIES, {BOMB, "", 0, 0, 1, 200ull << 20}};
    const char *in = hx_path("facebook-stream-2025-01-01-Ab12Cd34.zip");
    unsigned char *z;
    size_t len = 0;
    long eocd;
    run r;

    TT_INT_EQ(hx_write_zip(in, e, NELEM(e), NULL, NULL), 0);
    z = hx_read_file(in, &len);
    TT_ASSERT(z != NULL);
    eocd = hx_find_eocd(z, len);
    TT_ASSERT(eocd > 0);
    /* cut inside the central directory: read as a stream, sizes unknown */
    TT_INT_EQ(hx_write_file(in, z, (size_t)hx_rd32(z + eocd + 16) + 10), 0);
    free(z);
    {
        const char *args[] = {bin, "scan", "--format", "json", in, NULL};
        TT_INT_EQ(run_bin(&r, args), 0);
    }
    TT_INT_EQ(r.status, 5);
    BOUNDED(r);
    TT_ASSERT(report_error(&r, BOMB, "--max-ratio"));
    TT_ASSERT(report_error(&r, "facebook-stream-2025-01-01-Ab12Cd34.zip", "central directory"));
    run_free(&r);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_bomb TRAINABLE\n");
        return 2;
    }
    bin = argv[1];
    if (hx_init("bomb") != 0) return 1;
    TT_RUN(honest_bomb_stopped_by_ratio);
    TT_RUN(member_larger_than_declared_is_stopped);
    TT_RUN(streamed_bomb_without_sizes);
    return tt_done();
}
