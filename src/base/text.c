/* text.c - text helpers: strict UTF-8 validation, repair of Meta's mojibake
 * (UTF-8 bytes written as one \u00XX escape each), and proleptic Gregorian
 * civil-date arithmetic in UTC (parse, validate, days since the epoch, age,
 * ISO formatting).
 *
 * Date notes:
 *  - tr_date_valid accepts years 1..9999 with real month lengths.
 *  - tr_date_to_days does not require a valid date: a month outside 1..12
 *    rolls into the neighbouring years and the day is added to the first of
 *    the month, as mktime does ("2025-13-01" is 2026-01-01).
 *  - tr_date_from_days saturates at {INT_MIN,1,1} / {INT_MAX,12,31} when
 *    the year does not fit in an int (only reachable from absurd timestamps).
 *  - tr_age_on returns a negative number when `on` is before `birth`.
 *  - Years outside 0..9999 are written with a sign or more digits
 *    ("-0044-03-15"); tr_date_format cuts them to its 11-byte buffer, while
 *    tr_time_iso's 32 bytes always fit.
 */
#include "text.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- UTF-8 ------------------------------------------------------------ */

/* Decode one UTF-8 sequence at s[0..len). On success store the code point in
 * *cp and return the sequence length (1..4); return 0 if the bytes are not a
 * valid, shortest-form, non-surrogate sequence for a code point <= U+10FFFF. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char b0 = s[0];
    size_t n;
    uint32_t c, min;

    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2; c = b0 & 0x1Fu; min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3; c = b0 & 0x0Fu; min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4; c = b0 & 0x07u; min = 0x10000;
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or F5..FF */
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

int tr_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;

    if (!s)
        return len == 0;
    while (i < len) {
        size_t n = utf8_decode(p + i, len - i, &cp);
        if (n == 0)
            return 0;
        i += n;
    }
    return 1;
}

char *tr_utf8_scrub(const char *s, size_t len, size_t *out_len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    uint32_t cp;
    char *r;

    if (!s)
        len = 0;
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    r = malloc(len * 3 + 1); /* a bad byte grows to 3 */
    if (!r)
        return NULL;
    while (i < len) {
        size_t n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            memcpy(r + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(r + o, p + i, n);
        o += n;
        i += n;
    }
    r[o] = '\0';
    if (out_len)
        *out_len = o;
    return r;
}

/* A NUL-terminated copy of s[0..len) (s may be NULL when len is 0). */
static char *copy_bytes(const char *s, size_t len, size_t *out_len)
{
    char *r = malloc(len + 1);

    if (!r)
        return NULL;
    if (len)
        memcpy(r, s, len);
    r[len] = '\0';
    if (out_len)
        *out_len = len;
    return r;
}

/* Map every code point of the valid UTF-8 string s[0..len) to one byte into
 * buf (room for len bytes). Return the number of bytes written, or 0 with
 * *ok = 0 when a code point is > U+00FF. *any_high is set when some code
 * point is >= U+0080 (otherwise the string is ASCII and needs no repair). */
static size_t latin1_bytes(const unsigned char *s, size_t len, unsigned char *buf,
                           int *ok, int *any_high)
{
    size_t i = 0, o = 0;
    uint32_t cp = 0;

    *ok = 1;
    *any_high = 0;
    while (i < len) {
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0 || cp > 0xFF) {
            *ok = 0;
            return 0;
        }
        if (cp >= 0x80)
            *any_high = 1;
        buf[o++] = (unsigned char)cp;
        i += n;
    }
    return o;
}

/* Whether s[0..len) is all ASCII (8 bytes at a time): most strings of an
 * export are, and need neither validation nor repair. */
static int all_ascii(const unsigned char *s, size_t len)
{
    uint64_t acc = 0, w;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        acc |= w;
    }
    for (; i < len; i++)
        acc |= s[i];
    return (acc & 0x8080808080808080u) == 0;
}

char *tr_mojibake_repair(const char *s, size_t len, size_t *out_len)
{
    unsigned char *buf = NULL;
    char *result = NULL;
    size_t n;
    int ok, any_high;

    if (!s)
        len = 0;
    if (len == 0 || all_ascii((const unsigned char *)s, len) || !tr_utf8_valid(s, len))
        return copy_bytes(s, len, out_len);

    buf = malloc(len + 1); /* the byte string is never longer than s */
    if (!buf)
        goto out;
    n = latin1_bytes((const unsigned char *)s, len, buf, &ok, &any_high);
    if (!ok || !any_high || !tr_utf8_valid((const char *)buf, n)) {
        result = copy_bytes(s, len, out_len);
        goto out;
    }
    buf[n] = '\0';
    if (out_len)
        *out_len = n;
    result = (char *)buf;
    buf = NULL;
out:
    free(buf);
    return result;
}

/* ---- dates ------------------------------------------------------------ */

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
    static const unsigned char len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2 && is_leap(y))
        return 29;
    return len[m - 1];
}

int tr_date_valid(tr_date d)
{
    if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1)
        return 0;
    return d.day <= days_in_month(d.year, d.month);
}

/* Read 1..maxd decimal digits at *p into *v; advance *p. 0 ok, -1 otherwise. */
static int read_digits(const char **p, int mind, int maxd, int *v)
{
    int n = 0, val = 0;

    while (n < maxd && **p >= '0' && **p <= '9') {
        val = val * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    if (n < mind || (**p >= '0' && **p <= '9'))
        return -1;
    *v = val;
    return 0;
}

int tr_date_parse(const char *s, tr_date *out)
{
    tr_date d;
    const char *p = s;

    if (!s)
        return -1;
    if (read_digits(&p, 4, 4, &d.year) != 0 || *p++ != '-')
        return -1;
    if (read_digits(&p, 1, 2, &d.month) != 0 || *p++ != '-')
        return -1;
    if (read_digits(&p, 1, 2, &d.day) != 0 || *p != '\0')
        return -1;
    if (!tr_date_valid(d))
        return -1;
    if (out)
        *out = d;
    return 0;
}

/* Floor division and modulo for a positive divisor. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b < 0) ? q - 1 : q;
}

/* Howard Hinnant's days_from_civil, with month normalised into 1..12. */
int64_t tr_date_to_days(tr_date d)
{
    int64_t m0 = (int64_t)d.month - 1;
    int64_t y = (int64_t)d.year + floor_div(m0, 12);
    int64_t m = m0 - floor_div(m0, 12) * 12 + 1; /* 1..12 */
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = floor_div(y, 400);
    yoe = y - era * 400;                                   /* [0, 399] */
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5;          /* [0, 365] */
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468 + ((int64_t)d.day - 1);
}

/* Howard Hinnant's civil_from_days. */
tr_date tr_date_from_days(int64_t days)
{
    const int64_t lim = INT64_MAX / 4; /* keeps z below from overflowing */
    tr_date r;
    int64_t z, era, doe, yoe, y, doy, mp;

    if (days > lim)
        days = lim;
    if (days < -lim)
        days = -lim;
    z = days + 719468;
    era = floor_div(z, 146097);
    doe = z - era * 146097;                                 /* [0, 146096] */
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);          /* [0, 365] */
    mp = (5 * doy + 2) / 153;                               /* [0, 11] */
    r.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    y += r.month <= 2;
    if (y > INT_MAX) {
        r.year = INT_MAX; r.month = 12; r.day = 31;
    } else if (y < INT_MIN) {
        r.year = INT_MIN; r.month = 1; r.day = 1;
    } else {
        r.year = (int)y;
    }
    return r;
}

tr_date tr_date_from_unix(int64_t secs)
{
    return tr_date_from_days(floor_div(secs, 86400));
}

int tr_age_on(tr_date birth, tr_date on)
{
    int64_t age = (int64_t)on.year - birth.year;

    /* Birthday not reached yet this year. A Feb 29 birthday counts as
     * reached on Mar 1 in common years, since (3,1) > (2,29). */
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day))
        age--;
    if (age > INT_MAX)
        return INT_MAX;
    if (age < INT_MIN)
        return INT_MIN;
    return (int)age;
}

/* "YYYY" or "-YYYY" into buf of size cap; returns the characters written
 * (as snprintf would). */
static int format_year(int year, char *buf, size_t cap)
{
    if (year < 0)
        return snprintf(buf, cap, "-%04lld", -(long long)year);
    return snprintf(buf, cap, "%04d", year);
}

/* Copy the NUL-terminated src into dst of size cap (> 0), truncating. */
static void copy_trunc(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);

    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void tr_date_format(tr_date d, char *buf)
{
    char tmp[48];
    int n;

    if (!buf)
        return;
    n = format_year(d.year, tmp, sizeof tmp);
    if (n < 0)
        n = 0;
    snprintf(tmp + n, sizeof tmp - (size_t)n, "-%02d-%02d", d.month, d.day);
    copy_trunc(buf, 11, tmp); /* cuts years outside 0..9999 */
}

void tr_time_iso(int64_t secs, char *buf)
{
    char tmp[64];
    int64_t rem = secs % 86400;
    tr_date d;
    int n;

    if (!buf)
        return;
    if (rem < 0)
        rem += 86400; /* now [0, 86399]; avoids days * 86400 overflowing */
    d = tr_date_from_unix(secs);
    n = format_year(d.year, tmp, sizeof tmp);
    if (n < 0)
        n = 0;
    snprintf(tmp + n, sizeof tmp - (size_t)n, "-%02d-%02dT%02d:%02d:%02dZ", d.month,
             d.day, (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
    copy_trunc(buf, 32, tmp); /* never cuts: at most 28 characters */
}
