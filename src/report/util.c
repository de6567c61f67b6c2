/* util.c - helpers shared by the report writers: number and size
 * formatting, per-year tallies, and whether an item's text may be shown. */
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reporter.h"

int tr_report_text_shown(const tr_report_opts *o, const tr_item *it)
{
    return o->show_text && it->text && (it->verdict != TR_PRIVATE || o->show_private_text);
}

size_t tr_utf8_seq(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = *p == 0 ? 0 : *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
    for (size_t i = 1; i < n; i++)
        if (!p[i]) return 0; /* cut short by the end of the string */
    return n && tr_utf8_valid(s, n) ? n : 0;
}

uint32_t tr_utf8_decode(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    switch (n) {
    case 1: return p[0];
    case 2: return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3fu);
    case 3: return (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3fu);
    case 4: return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 | (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3fu);
    default: return 0xfffd;
    }
}

char *tr_utf8_sanitize(const char *s)
{
    size_t len = strlen(s), o = 0;
    char *out = malloc(len * 3 + 1); /* each bad byte grows to 3 */
    if (!out) return NULL;
    while (*s) {
        size_t n = tr_utf8_seq(s);
        if (n) {
            memcpy(out + o, s, n);
            o += n;
            s += n;
        } else {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            s++;
        }
    }
    out[o] = '\0';
    return out;
}

char *tr_fmt_count(uint64_t v, const char *sep, char *buf, size_t n)
{
    char digits[32];
    size_t len = (size_t)snprintf(digits, sizeof digits, "%" PRIu64, v), seplen = sep ? strlen(sep) : 0, o = 0;

    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0 && seplen) {
            for (size_t k = 0; k < seplen && o + 1 < n; k++) buf[o++] = sep[k];
        }
        if (o + 1 < n) buf[o++] = digits[i];
    }
    if (n) buf[o < n ? o : n - 1] = '\0';
    return buf;
}

char *tr_fmt_bytes(uint64_t b, char *buf, size_t n)
{
    static const char *const unit[] = {"B", "KB", "MB", "GB", "TB", "PB"};
    double v = (double)b;
    int u = 0;

    while (v >= 1000 && u < 5) {
        v /= 1000;
        u++;
    }
    if (u == 0) snprintf(buf, n, "%" PRIu64 " B", b);
    else snprintf(buf, n, "%.1f %s", v, unit[u]);
    return buf;
}

int tr_years_count(const tr_report *r, tr_years *y)
{
    int have = 0, lo = 0, hi = 0;

    memset(y, 0, sizeof *y);
    for (size_t i = 0; i < r->nitems; i++) {
        const tr_item *it = &r->item[i];
        if (!it->has_time || it->future) continue; /* a future date never stretches the chart */
        int year = tr_date_from_unix(it->time).year;
        if (!have || year < lo) lo = year;
        if (!have || year > hi) hi = year;
        have = 1;
    }
    if (have) {
        if ((int64_t)hi - lo + 1 > TR_YEARS_MAX) lo = hi - TR_YEARS_MAX + 1;
        y->first = lo;
        y->n = (size_t)(hi - lo + 1);
        y->count = calloc(y->n, sizeof *y->count);
        if (!y->count) {
            memset(y, 0, sizeof *y);
            return -1;
        }
    }
    for (size_t i = 0; i < r->nitems; i++) {
        const tr_item *it = &r->item[i];
        unsigned v = it->verdict < TR_VERDICT__COUNT ? it->verdict : TR_PRIVATE;
        if (!it->has_time) {
            y->undated[v]++;
            continue;
        }
        if (it->future) {
            y->future[v]++;
            continue;
        }
        int year = tr_date_from_unix(it->time).year;
        if (year < y->first) y->older[v]++;
        else y->count[year - y->first][v]++;
    }
    return 0;
}

void tr_years_free(tr_years *y)
{
    if (!y) return;
    free(y->count);
    memset(y, 0, sizeof *y);
}
