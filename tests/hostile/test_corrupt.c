/* test_corrupt.c - truncated and corrupted exports never crash or hang.
 *
 * For every sample zip (samples/ *.zip): cut it at 100 offsets spread evenly
 * over the file plus 16 inside the central directory and a few at its
 * edges, and flip bytes at seeded pseudo-random positions (40 variants per
 * sample: anywhere, in the central directory, at local headers). Each
 * variant is scanned in this process with the built-in rules, both reports
 * are rendered, and the outcome must be what the command line turns into
 * exit 0 (complete), 4 (a fatal error whose message names the input) or 5
 * (a report whose errors say what was missed, each with a path and a
 * message). A cut-off archive is never complete: exit 4 or 5. A crash ends the test (ASan/UBSan in the sanitizer build, and
 * a signal handler here names the variant); a scan taking more than 20 s
 * is a hang. Leaks over all variants are caught by LeakSanitizer at exit.
 *
 * Usage: test_corrupt [SOURCE_DIR] (default: $TR_SOURCE_DIR).
 */
#include "hx.h"

#include <dirent.h>
#include <signal.h>

static char current[512]; /* the variant being scanned, for crash reports */
static size_t nvariants, nfailed, by_code[8];

static void say_current(void)
{
    static const char pre[] = "\ntest_corrupt: crashed or hung on variant: ";
    ssize_t w = write(2, pre, sizeof pre - 1);
    w = write(2, current, strlen(current));
    w = write(2, "\n", 1);
    (void)w;
}

static void on_alarm(int sig)
{
    (void)sig;
    say_current();
    _exit(124);
}

static void on_fatal(int sig)
{
    say_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* ASan's death callback, when the runtime is there. */
extern void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

static uint32_t rng = 2463534242u;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Scan one variant written at path; check the outcome. */
static void check(const char *path, const char *what, unsigned threads, int cut)
{
    hx_scan s;
    const char *base = strrchr(path, '/') + 1;

    snprintf(current, sizeof current, "%s", what);
    nvariants++;
    alarm(20);
    hx_scan_run(&s, &path, 1, NULL, NULL, threads);
    alarm(0);
    by_code[s.exit_code & 7]++;
    if (s.exit_code == 4) {
        if (!s.errmsg || !strstr(s.errmsg, base)) {
            fprintf(stderr, "FAIL %s: exit 4 without a message naming the input: %s\n", what,
                    s.errmsg ? s.errmsg : "(none)");
            nfailed++;
        }
    } else if (s.exit_code == 5) {
        if (s.rep->nerrors == 0) {
            fprintf(stderr, "FAIL %s: incomplete without errors\n", what);
            nfailed++;
        }
        for (size_t i = 0; i < s.rep->nerrors; i++) {
            if (!*s.rep->errors[i].path || !*s.rep->errors[i].message) {
                fprintf(stderr, "FAIL %s: an error without path or message\n", what);
                nfailed++;
                break;
            }
        }
        if (!strstr(s.text, "INCOMPLETE")) {
            fprintf(stderr, "FAIL %s: the text summary does not say the scan is incomplete\n", what);
            nfailed++;
        }
    } else if (s.exit_code == 0 && cut) {
        fprintf(stderr, "FAIL %s: a cut-off archive scanned as complete\n", what);
        nfailed++;
    } else if (s.exit_code != 0) {
        fprintf(stderr, "FAIL %s: exit %d (%s)\n", what, s.exit_code, s.errmsg ? s.errmsg : tr_strerror(s.err));
        nfailed++;
    }
    hx_scan_free(&s);
}

static void one_sample(const char *src_path, const char *name)
{
    size_t len = 0;
    unsigned char *z = hx_read_file(src_path, &len), *v;
    const char *out = hx_path(name); /* same name: the as-of date still comes from it */
    char what[512];
    long eocd, cd = -1;
    size_t ncut = 0;

    if (!z || len < 64) {
        fprintf(stderr, "FAIL cannot read %s\n", src_path);
        nfailed++;
        free(z);
        return;
    }
    v = malloc(len);
    if (!v) exit(1);
    eocd = hx_find_eocd(z, len);
    if (eocd >= 0) cd = (long)hx_rd32(z + eocd + 16);
    if (cd < 0 || cd >= eocd) cd = eocd >= 0 ? eocd : (long)len / 2;

    /* cuts: 100 spread over the file, 16 inside the central directory, edges */
    size_t cuts[140];
    for (size_t i = 0; i < 100; i++) cuts[ncut++] = 1 + (len - 2) * i / 99;
    for (size_t i = 0; i < 16; i++) cuts[ncut++] = (size_t)cd + ((size_t)(eocd > cd ? eocd : cd + 1) - (size_t)cd) * i / 16;
    if (eocd >= 0) {
        cuts[ncut++] = (size_t)eocd;
        cuts[ncut++] = (size_t)eocd + 4;
        cuts[ncut++] = (size_t)eocd + 12;
        cuts[ncut++] = (size_t)eocd + 20;
    }
    cuts[ncut++] = len - 1;
    for (size_t i = 0; i < ncut; i++) {
        if (cuts[i] == 0 || cuts[i] >= len) continue;
        if (hx_write_file(out, z, cuts[i]) != 0) exit(1);
        snprintf(what, sizeof what, "%s cut at %zu of %zu", name, cuts[i], len);
        check(out, what, i % 7 == 0 ? 2 : 1, 1);
    }

    /* flips: anywhere, in the central directory, at local file headers */
    for (int k = 0; k < 40; k++) {
        int nflip = 1 + (int)(next_rand() % 4);
        size_t lo = 0, span = len;
        char where[200] = "";
        size_t wl = 0;
        memcpy(v, z, len);
        if (k % 3 == 1) { /* central directory and end record */
            lo = (size_t)cd;
            span = len - lo;
        }
        for (int f = 0; f < nflip; f++) {
            size_t pos = lo + next_rand() % span;
            unsigned char x = (unsigned char)(1 + next_rand() % 255);
            if (k % 3 == 2) { /* a field of some local header: signature, flags, method, sizes, name length */
                static const unsigned char fields[] = {0, 3, 6, 8, 18, 22, 26, 28};
                size_t hits[64], nh = 0;
                for (size_t p = 0; p + 30 < len && nh < 64; p++)
                    if (memcmp(z + p, "PK\3\4", 4) == 0) hits[nh++] = p;
                if (nh) pos = hits[next_rand() % nh] + fields[next_rand() % sizeof fields];
                if (pos >= len) pos = len - 1;
            }
            v[pos] ^= x;
            wl += (size_t)snprintf(where + wl, sizeof where - wl, " %zu^0x%02x", pos, x);
            if (wl >= sizeof where) wl = sizeof where - 1;
        }
        if (hx_write_file(out, v, len) != 0) exit(1);
        snprintf(what, sizeof what, "%s flipped at%s", name, where);
        check(out, what, k % 5 == 0 ? 2 : 1, 0);
    }
    free(v);
    free(z);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    const char *src = argc > 1 ? argv[1] : getenv("TR_SOURCE_DIR");
    char samples[4096], *names[256];
    size_t n = 0;
    DIR *d;
    struct dirent *de;

    if (!src) {
        fprintf(stderr, "usage: test_corrupt SOURCE_DIR\n");
        return 2;
    }
    signal(SIGALRM, on_alarm);
    signal(SIGSEGV, on_fatal);
    signal(SIGBUS, on_fatal);
    signal(SIGABRT, on_fatal);
    signal(SIGFPE, on_fatal);
    if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(say_current);
    if (hx_init("corrupt") != 0) return 1;
    hx_default_rules();
    snprintf(samples, sizeof samples, "%s/samples", src);
    d = opendir(samples);
    if (!d) {
        perror(samples);
        return 1;
    }
    while ((de = readdir(d)) != NULL && n < 256) {
        size_t l = strlen(de->d_name);
        if (l > 4 && !strcmp(de->d_name + l - 4, ".zip")) names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", samples, names[i]);
        one_sample(path, names[i]);
        free(names[i]);
    }
    tr_rules_free(hx_rules);
    printf("%zu samples, %zu variants: %zu complete, %zu fatal (exit 4), %zu incomplete (exit 5); %zu failed\n", n,
           nvariants, by_code[0], by_code[4], by_code[5], nfailed);
    if (n == 0) {
        fprintf(stderr, "no sample zips in %s\n", samples);
        return 1;
    }
    return nfailed ? 1 : 0;
}
