/* util.c - helpers shared by the report writers: number and size
 * formatting, words for categories and verdicts, plural forms, terminal
 * widths, the order items are listed in, per-year tallies, and whether an
 * item's text may be shown, and terminal-safe printing (tr_fputs_safe). */
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "reporter.h"

int tr_report_text_shown(const tr_report_opts *o, const tr_item *it)
{
    return o->show_text && it->text && (it->verdict != TR_PRIVATE || o->show_private_text);
}

int tr_report_verdict_listed(const tr_report_opts *o, unsigned v)
{
    return !o->verdicts || (o->verdicts & TR_VERDICT_BIT(v));
}

const char *tr_plural(uint64_t n, const char *one, const char *many) { return tr_ngettext(one, many, n); }

const char *tr_category_label(tr_category c)
{
    static const char *const label[TR_CAT__COUNT] = {
        NC_("category", "Posts"), NC_("category", "Photos"), NC_("category", "Videos"),
        NC_("category", "Comments"), NC_("category", "Reactions"), NC_("category", "Stories"),
        NC_("category", "Reels"), NC_("category", "Messages"), NC_("category", "Chats with Meta AI"),
        NC_("category", "Events"), NC_("category", "Marketplace listings"), NC_("category", "Profile"),
        NC_("category", "Connections"), NC_("category", "Activity and logs"), NC_("category", "Ads data"),
        NC_("category", "Security and logins"), NC_("category", "Settings"), NC_("category", "Other")};
    return tr_pgettext((unsigned)c < TR_CAT__COUNT ? label[c] : label[TR_CAT_OTHER]);
}

const char *tr_verdict_word(tr_verdict v)
{
    return v == TR_ELIGIBLE ? C_("verdict", "eligible") : v == TR_UNCERTAIN ? C_("verdict", "uncertain") : C_("verdict", "private");
}

_Static_assert(TR_PLAT_ANY == 7u, "tr_platform_label names three platforms");

const char *tr_platform_label(unsigned p)
{
    static const char *const label[8] = {N_("unknown platform"),        "Facebook",
                                         "Instagram",                   N_("Facebook and Instagram"),
                                         "Messenger",                   N_("Facebook and Messenger"),
                                         N_("Instagram and Messenger"), N_("Facebook, Instagram and Messenger")};
    return _(label[p & 7u]);
}

/* East Asian wide and fullwidth ranges (Unicode EastAsianWidth W and F, the
 * large blocks), and emoji presentation blocks. */
static int is_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff) ||
           (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
           (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
           (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
           (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd);
}

static int is_zero_width(uint32_t c)
{
    return (c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || (c >= 0xfe00 && c <= 0xfe0f) ||
           c == 0x200d || c == 0xfeff;
}

size_t tr_display_width(const char *s, size_t len)
{
    size_t w = 0, i = 0;

    while (i < len && s[i]) {
        if (s[i] == '\033' && i + 1 < len && s[i + 1] == '[') { /* our own colour codes */
            i += 2;
            while (i < len && s[i] && !(s[i] >= '@' && s[i] <= '~')) i++;
            if (i < len && s[i]) i++;
            continue;
        }
        size_t n = tr_utf8_seq(s + i);
        if (n == 0 || i + n > len) { /* shown as \xNN by tr_fputs_safe; never reached for its output */
            w++;
            i++;
            continue;
        }
        uint32_t c = tr_utf8_decode(s + i, n);
        w += is_zero_width(c) ? 0 : is_wide(c) ? 2 : 1;
        i += n;
    }
    return w;
}

/* ---- the order of item lists ---------------------------------------------------- */

typedef struct listed {
    size_t item;
    int rank;          /* 0 eligible, 1 uncertain, 2 private */
    uint32_t reason;   /* rule and adjust: items with the same one share a reason */
    int64_t group_min; /* the oldest time of the item's reason group (INT64_MAX: none) */
    int64_t time;      /* INT64_MAX when undated */
    uint32_t member, index;
} listed;

static int cmp3(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

static int by_reason_then_time(const void *pa, const void *pb)
{
    const listed *a = pa, *b = pb;
    int c = a->rank - b->rank;
    if (!c) c = cmp3(a->reason, b->reason);
    if (!c) c = cmp3(a->time, b->time);
    if (!c) c = cmp3(a->member, b->member);
    if (!c) c = cmp3(a->index, b->index);
    return c;
}

static int by_group_then_time(const void *pa, const void *pb)
{
    const listed *a = pa, *b = pb;
    int c = a->rank - b->rank;
    if (!c) c = cmp3(a->group_min, b->group_min);
    if (!c) c = cmp3(a->reason, b->reason);
    if (!c) c = cmp3(a->time, b->time);
    if (!c) c = cmp3(a->member, b->member);
    if (!c) c = cmp3(a->index, b->index);
    return c;
}

int tr_items_listed(const tr_report *r, const tr_report_opts *o, size_t **out, size_t *n)
{
    listed *l = NULL;
    size_t *idx = NULL, k = 0;
    int rc = -1;

    *out = NULL;
    *n = 0;
    if (r->nitems && !(l = malloc(r->nitems * sizeof *l))) return -1;
    for (size_t i = 0; i < r->nitems; i++) {
        const tr_item *it = &r->item[i];
        unsigned v = it->verdict < TR_VERDICT__COUNT ? it->verdict : TR_PRIVATE;
        if (!tr_report_verdict_listed(o, v)) continue;
        l[k].item = i;
        l[k].rank = v == TR_ELIGIBLE ? 0 : v == TR_UNCERTAIN ? 1 : 2;
        l[k].reason = (uint32_t)it->rule << 16 | (uint16_t)(it->adjust + 1);
        l[k].time = it->has_time ? it->time : INT64_MAX;
        l[k].member = it->member;
        l[k].index = it->index;
        k++;
    }
    if (!k) {
        rc = 0;
        goto out;
    }
    qsort(l, k, sizeof *l, by_reason_then_time);
    for (size_t g = 0; g < k;) { /* runs of one reason: the first is the oldest */
        size_t e = g;
        while (e < k && l[e].rank == l[g].rank && l[e].reason == l[g].reason) e++;
        for (size_t j = g; j < e; j++) l[j].group_min = l[g].time;
        g = e;
    }
    qsort(l, k, sizeof *l, by_group_then_time);
    if (!(idx = malloc(k * sizeof *idx))) goto out;
    for (size_t j = 0; j < k; j++) idx[j] = l[j].item;
    *out = idx;
    *n = k;
    rc = 0;
out:
    free(l);
    return rc;
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
    int last = r->has_as_of ? r->as_of.year : INT32_MAX; /* nothing after the export's date */

    memset(y, 0, sizeof *y);
    for (size_t i = 0; i < r->nitems; i++) {
        const tr_item *it = &r->item[i];
        if (!it->has_time || it->future) continue; /* a future date never stretches the chart */
        int year = tr_date_from_unix(it->time).year;
        if (year > last) continue;
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
        if (year > last) y->later[v]++;
        else if (!y->n || year < y->first) y->older[v]++;
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

/* Code points that reorder or hide text on a terminal: bidirectional
 * embeddings, overrides, isolates and marks (the "Trojan Source" set). */
static int is_bidi_control(uint32_t c)
{
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f ||
           c == 0x061c;
}

void tr_fputs_safe(FILE *out, const char *s)
{
    const char *p = s;

    while (p && *p) {
        size_t n = tr_utf8_seq(p);
        uint32_t c = n ? tr_utf8_decode(p, n) : 0;
        if (n == 0) { /* not UTF-8: a lone 0x9b byte is CSI on some terminals */
            fprintf(out, "\\x%02x", (unsigned char)*p);
            p++;
            continue;
        }
        if (c == 0x1b) fputs("\\e", out); /* ESC: the sequence after it is printed as plain text */
        else if (n == 1 && (c < 0x20 || c == 0x7f)) fprintf(out, "\\x%02x", c);
        else if ((c >= 0x80 && c < 0xa0) || is_bidi_control(c)) fprintf(out, "\\u%04x", (unsigned)c);
        else fwrite(p, 1, n, out);
        p += n;
    }
}

const char *tr_as_of_words(const char *src)
{
    return !src                             ? ""
         : !strcmp(src, "option")          ? _("the date given with --as-of")
         : !strcmp(src, "file name")       ? _("the date in its name")
         : !strcmp(src, "archive entries") ? _("the date its archive entries were written")
         : !strcmp(src, "newest item")     ? _("the date of its newest item")
                                           : _("each export's own date");
}

char *tr_print_to_string(void (*print)(FILE *, const char *), const char *s)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);

    if (!m) return NULL;
    print(m, s);
    if (fclose(m) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}
