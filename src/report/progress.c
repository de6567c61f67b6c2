/* progress.c - the progress bar on stderr (see progress.h).
 *
 * Timing uses CLOCK_MONOTONIC. Nothing is drawn during the first second, so
 * a quick scan leaves the terminal untouched; after that the line is
 * redrawn with "\r" and cleared with "\r\033[K" at the end. The width comes
 * from the terminal (TIOCGWINSZ), 80 when unknown. The member name is shown
 * by its end (the file name matters most), cut at a UTF-8 boundary, with
 * every control character or escape byte replaced by '?'.
 *
 * On Ctrl-C the command's signal handler calls tr_progress_interrupt, which
 * may only touch the three sig_atomic_t below and call write(2): they say
 * which descriptor holds a drawn line, and stop any later draw.
 */
#include "progress.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#define PROGRESS_DELAY 1.0    /* seconds before the first draw */
#define PROGRESS_INTERVAL 0.1 /* seconds between draws */
#define BAR_WIDTH 20

/* The live bar, for tr_progress_interrupt (one bar at a time). */
static volatile sig_atomic_t live_fd = -1, live_drawn = 0, interrupted = 0;

struct tr_progress {
    FILE *out;        /* borrowed */
    int fd;
    double start, last;
    int drawn;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

tr_progress *tr_progress_new(FILE *out, int quiet)
{
    tr_progress *p;
    int fd = out ? fileno(out) : -1;

    if (quiet || fd < 0 || !isatty(fd)) return NULL;
    p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->out = out;
    p->fd = fd;
    p->start = now();
    live_drawn = 0;
    live_fd = fd;
    return p;
}

static int term_width(int fd)
{
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
    return 80;
}

/* Columns taken by the UTF-8 string s (one per code point: good enough for
 * a status line). */
static size_t columns(const char *s)
{
    size_t c = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80) c++;
    return c;
}

/* Append the last `cols` columns of member to buf (at o, capacity n), made
 * safe for a terminal. Returns the new length. */
static size_t append_member(char *buf, size_t o, size_t n, const char *member, size_t cols)
{
    const char *p = member;
    size_t have = 0;

    /* Count the safe code points, then skip the leading ones that do not fit. */
    for (const char *q = member; *q;) {
        size_t k = tr_utf8_seq(q);
        q += k ? k : 1;
        have++;
    }
    if (have > cols) {
        size_t skip = have - cols + (cols >= 1 ? 1 : 0); /* room for the ellipsis */
        for (size_t i = 0; i < skip && *p; i++) {
            size_t k = tr_utf8_seq(p);
            p += k ? k : 1;
        }
        if (cols >= 1 && o + 3 < n) {
            memcpy(buf + o, "\xe2\x80\xa6", 3); /* … */
            o += 3;
        }
    }
    while (*p) {
        size_t k = tr_utf8_seq(p);
        uint32_t c = k ? tr_utf8_decode(p, k) : 0;
        if (!k || c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            if (o + 1 < n) buf[o++] = '?';
            p += k ? k : 1;
            continue;
        }
        if (o + k >= n) break;
        memcpy(buf + o, p, k);
        o += k;
        p += k;
    }
    buf[o] = '\0';
    return o;
}

char *tr_progress_format(char *buf, size_t n, int width, uint64_t done, uint64_t total, size_t items,
                         const char *member, double elapsed)
{
    char a[32], b[32], c[48];
    size_t o;
    unsigned secs = elapsed > 0 ? (unsigned)elapsed : 0;

    if (!n) return buf;
    char amount[128], found[96];
    tr_i18n_bytes(done, a, sizeof a);
    tr_i18n_count(items, c, sizeof c);
    snprintf(found, sizeof found, tr_ngettext("%s item", "%s items", items), c);
    if (total && done <= total) {
        int pct = (int)(done * 100.0 / (double)total), fill = (int)(done * (double)BAR_WIDTH / (double)total);
        char bar[BAR_WIDTH + 1];
        for (int i = 0; i < BAR_WIDTH; i++) bar[i] = i < fill ? '=' : i == fill ? '>' : ' ';
        bar[BAR_WIDTH] = '\0';
        tr_i18n_bytes(total, b, sizeof b);
        /* TRANSLATORS: the progress line: "312 MB of 650 MB" */
        snprintf(amount, sizeof amount, _("%s of %s"), a, b);
        snprintf(buf, n, "[%s] %3d%%  %s  %s  %u:%02u", bar, pct, amount, found, secs / 60, secs % 60);
    } else {
        /* TRANSLATORS: the progress line when the total is unknown: "312 MB read" */
        snprintf(amount, sizeof amount, _("%s read"), a);
        snprintf(buf, n, "%s  %s  %u:%02u", amount, found, secs / 60, secs % 60);
    }
    o = strlen(buf);
    if ((int)columns(buf) > width) { /* a very narrow terminal: cut the numbers */
        buf[width > 0 ? width : 0] = '\0';
        return buf;
    }
    if (member && *member && (int)columns(buf) + 3 < width) {
        size_t room = (size_t)width - columns(buf) - 2;
        if (o + 2 < n) {
            buf[o++] = ' ';
            buf[o++] = ' ';
            buf[o] = '\0';
        }
        append_member(buf, o, n, member, room);
    }
    return buf;
}

void tr_progress_update(tr_progress *p, uint64_t done, uint64_t total, size_t items, const char *member)
{
    char line[1024];
    double t;
    int width;

    if (!p || interrupted) return;
    t = now();
    if (t - p->start < PROGRESS_DELAY || (p->drawn && t - p->last < PROGRESS_INTERVAL)) return;
    width = term_width(p->fd) - 1; /* never write into the last column: some terminals wrap there */
    if (width > (int)sizeof line / 4) width = (int)sizeof line / 4;
    tr_progress_format(line, sizeof line, width, done, total, items, member, t - p->start);
    live_drawn = 1; /* before the draw: an interrupt during it clears the line too */
    fprintf(p->out, "\r%s\033[K", line);
    fflush(p->out);
    p->last = t;
    p->drawn = 1;
}

void tr_progress_hook(uint64_t done, uint64_t total, size_t items, const char *member, void *user)
{
    tr_progress_update(user, done, total, items, member);
}

void tr_progress_interrupt(void)
{
    static const char clear[] = "\r\033[K";
    int fd = live_fd;

    interrupted = 1;
    if (fd >= 0 && live_drawn) {
        ssize_t w = write(fd, clear, sizeof clear - 1);
        (void)w; /* nothing to do about a failed write in a signal handler */
    }
}

void tr_progress_end(tr_progress *p)
{
    if (!p) return;
    live_fd = -1;
    live_drawn = 0;
    if (p->drawn && !interrupted) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
    }
    free(p);
}
