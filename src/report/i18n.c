/* i18n.c - message lookup in the embedded .mo catalogs, the plural rules
 * of our languages, the language from the environment, and numbers and
 * dates written the language's way (see i18n.h).
 *
 * The .mo format (GNU gettext): a header of 32-bit words (magic 0x950412de
 * in the file's byte order, revision, N, offset of the originals' table,
 * offset of the translations' table, hash size and offset), then two tables
 * of N (length, offset) pairs; every string is NUL-terminated, a plural's
 * forms are separated by NUL, a context is "context\004msgid". msgfmt sorts
 * the originals, so a lookup is a binary search; the hash table is not used.
 * A catalog is checked once, when it is selected, so a lookup never reads
 * outside it.
 */
#include "i18n.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- languages ----------------------------------------------------------- */

static const char *const langs[] = {"en", "fr", "de", "es", "it", "nl", "pt", NULL};

const char *tr_i18n_lang_at(size_t i)
{
    return i < sizeof langs / sizeof langs[0] ? langs[i] : NULL;
}

const char *tr_i18n_lang_list(void) { return "en, fr, de, es, it, nl or pt"; }

int tr_i18n_plural(const char *lang, uint64_t n)
{
    if (lang && !strcmp(lang, "fr")) return n > 1; /* Plural-Forms: nplurals=2; plural=(n > 1); */
    return n != 1;                                  /* Plural-Forms: nplurals=2; plural=(n != 1); */
}

const char *tr_i18n_from_locale(const char *locale)
{
    if (!locale) return NULL;
    for (size_t i = 0; langs[i]; i++) {
        size_t n = strlen(langs[i]);
        /* "fr", "fr_FR", "fr_FR.UTF-8", "fr@euro", "fr-CH"; not "fra" or "frisian" */
        if (!strncmp(locale, langs[i], n) && strchr("_.@-", locale[n]) != NULL) return langs[i];
    }
    return NULL;
}

const char *tr_i18n_from_env(void)
{
    const char *v = getenv("LANGUAGE");
    if (v && *v) {
        char one[64];
        while (*v) {
            size_t n = strcspn(v, ":");
            if (n < sizeof one) {
                memcpy(one, v, n);
                one[n] = '\0';
                const char *l = tr_i18n_from_locale(one);
                if (l) return l;
            }
            v += n;
            if (*v == ':') v++;
        }
    }
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        v = getenv(vars[i]);
        if (v && *v) {
            const char *l = tr_i18n_from_locale(v);
            return l ? l : "en";
        }
    }
    return "en";
}

/* ---- the .mo reader -------------------------------------------------------- */

#define MO_MAGIC 0x950412deu

static uint32_t mo_word(const unsigned char *p, int swap)
{
    return swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Byte order of a .mo image: 0 little-endian, 1 big-endian, -1 not a .mo. */
static int mo_order(const unsigned char *mo, size_t len)
{
    if (!mo || len < 28) return -1;
    if (mo_word(mo, 0) == MO_MAGIC) return 0;
    if (mo_word(mo, 1) == MO_MAGIC) return 1;
    return -1;
}

/* String i of the table at offset `table`: its bytes and length. */
static const char *mo_string(const unsigned char *mo, int swap, uint32_t table, uint32_t i, size_t *len)
{
    const unsigned char *d = mo + table + (size_t)i * 8;
    *len = mo_word(d, swap);
    return (const char *)mo + mo_word(d + 4, swap);
}

static int mo_check_table(const unsigned char *mo, size_t len, int swap, uint32_t n, uint32_t table)
{
    if (table > len || (len - table) / 8 < n) return -1;
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *d = mo + table + (size_t)i * 8;
        uint32_t slen = mo_word(d, swap), off = mo_word(d + 4, swap);
        if (off >= len || len - off <= slen || mo[off + slen] != '\0') return -1;
    }
    return 0;
}

int tr_mo_check(const unsigned char *mo, size_t len)
{
    int swap = mo_order(mo, len);
    if (swap < 0) return -1;
    uint32_t rev = mo_word(mo + 4, swap), n = mo_word(mo + 8, swap);
    uint32_t orig = mo_word(mo + 12, swap), trans = mo_word(mo + 16, swap);
    if (rev >> 16 > 1) return -1; /* major revisions 0 and 1 share this layout */
    if (mo_check_table(mo, len, swap, n, orig) || mo_check_table(mo, len, swap, n, trans)) return -1;
    /* the binary search needs the originals sorted, as msgfmt writes them */
    for (uint32_t i = 1; i < n; i++) {
        size_t la, lb;
        const char *a = mo_string(mo, swap, orig, i - 1, &la), *b = mo_string(mo, swap, orig, i, &lb);
        if (strcmp(a, b) >= 0) return -1;
    }
    return 0;
}

const char *tr_mo_lookup(const unsigned char *mo, size_t len, const char *msgid, size_t *tlen)
{
    int swap = mo_order(mo, len);
    if (swap < 0 || !msgid) return NULL;
    uint32_t n = mo_word(mo + 8, swap), orig = mo_word(mo + 12, swap), trans = mo_word(mo + 16, swap);
    uint32_t lo = 0, hi = n;

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        size_t l;
        /* a plural's original is "singular\0plural": strcmp stops at the first NUL */
        int c = strcmp(msgid, mo_string(mo, swap, orig, mid, &l));
        if (c == 0) {
            const char *t = mo_string(mo, swap, trans, mid, &l);
            if (tlen) *tlen = l;
            return t;
        }
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

/* ---- the current language ---------------------------------------------------- */

static const char *cur_lang = "en";
static const tr_catalog_bytes *cur_cat; /* NULL for English */

int tr_i18n_set(const char *lang)
{
    size_t i;
    for (i = 0; langs[i] && (!lang || strcmp(langs[i], lang)); i++) {}
    if (!langs[i]) return -1;
    if (!strcmp(lang, "en")) {
        cur_lang = langs[i];
        cur_cat = NULL;
        return 0;
    }
    for (const tr_catalog_bytes *c = tr_embedded_catalogs; c->lang; c++) {
        if (strcmp(c->lang, lang)) continue;
        if (tr_mo_check(c->mo, c->len) != 0) return -1;
        cur_lang = langs[i];
        cur_cat = c;
        return 0;
    }
    return -1;
}

const char *tr_i18n_lang(void) { return cur_lang; }

/* The translation of key, or NULL (an empty translation counts as none). */
static const char *lookup(const char *key, size_t *tlen)
{
    size_t l = 0;
    const char *t = cur_cat ? tr_mo_lookup(cur_cat->mo, cur_cat->len, key, &l) : NULL;
    if (!t || !*t) return NULL;
    if (tlen) *tlen = l;
    return t;
}

const char *tr_gettext(const char *msgid)
{
    const char *t = lookup(msgid, NULL);
    return t ? t : msgid;
}

const char *tr_pgettext(const char *key)
{
    const char *t = lookup(key, NULL);
    if (t) return t;
    const char *eot = strchr(key, '\004');
    return eot ? eot + 1 : key;
}

const char *tr_ngettext(const char *singular, const char *plural, uint64_t n)
{
    size_t len;
    const char *t = lookup(singular, &len);
    int form = tr_i18n_plural(cur_lang, n);

    if (!t) return tr_i18n_plural("en", n) ? plural : singular;
    /* the forms are NUL-separated within len bytes */
    const char *p = t, *end = t + len;
    for (int i = 0; i < form; i++) {
        const char *z = memchr(p, '\0', (size_t)(end - p));
        if (!z || z + 1 > end) return t;
        p = z + 1;
    }
    return *p ? p : t;
}

/* ---- numbers and dates --------------------------------------------------------- */

static void put(char *buf, size_t n, size_t *o, const char *s)
{
    for (; *s && *o + 1 < n; s++) buf[(*o)++] = *s;
    if (n) buf[*o < n ? *o : n - 1] = '\0';
}

char *tr_i18n_count(uint64_t v, char *buf, size_t n)
{
    /* TRANSLATORS: the thousands separator, as in 1,234 (French: a narrow
       no-break space U+202F; German: "."). */
    const char *sep = C_("thousands separator", ",");
    char digits[32];
    size_t len = (size_t)snprintf(digits, sizeof digits, "%" PRIu64, v), o = 0;
    char one[2] = {0, 0};

    if (n) buf[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0) put(buf, n, &o, sep);
        one[0] = digits[i];
        put(buf, n, &o, one);
    }
    return buf;
}

char *tr_i18n_bytes(uint64_t b, char *buf, size_t n)
{
    static const char *const unit[] = {NC_("unit", "B"), NC_("unit", "KB"), NC_("unit", "MB"),
                                       NC_("unit", "GB"), NC_("unit", "TB"), NC_("unit", "PB")};
    uint64_t tenths;
    int u = 0;
    char num[48], *dot;

    if (b < 1000) {
        snprintf(buf, n, "%s %s", tr_i18n_count(b, num, sizeof num), tr_pgettext(unit[0]));
        return buf;
    }
    /* one decimal, rounded half up, in integers so no locale can change it */
    uint64_t div = 1;
    while (b / div >= 1000 && u < 5) {
        div *= 1000;
        u++;
    }
    tenths = (b + div / 20) / (div / 10);
    if (tenths >= 10000 && u < 5) { /* 999.96 KB rounds to 1000.0: one unit up */
        div *= 1000;
        u++;
        tenths = (b + div / 20) / (div / 10);
    }
    snprintf(num, sizeof num, "%" PRIu64 ".%" PRIu64, tenths / 10, tenths % 10);
    dot = strchr(num, '.');
    *dot = '\0';
    /* TRANSLATORS: the decimal mark, as in 24.9 MB */
    snprintf(buf, n, "%s%s%s %s", num, C_("decimal mark", "."), dot + 1, tr_pgettext(unit[u]));
    return buf;
}

char *tr_i18n_date(tr_date d, char *buf, size_t n)
{
    static const char *const months[12] = {
        NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),     NC_("month", "April"),
        NC_("month", "May"),     NC_("month", "June"),     NC_("month", "July"),      NC_("month", "August"),
        NC_("month", "September"), NC_("month", "October"), NC_("month", "November"), NC_("month", "December")};
    /* TRANSLATORS: a date; {day} and {year} are numbers, {month} the month's name */
    const char *pat = d.day == 1 ? C_("date, first day of a month", "{day} {month} {year}")
                                 : C_("date", "{day} {month} {year}");
    char num[16];
    size_t o = 0;

    if (n) buf[0] = '\0';
    if (d.month < 1 || d.month > 12) {
        snprintf(buf, n, "%04d-%02d-%02d", d.year, d.month, d.day);
        return buf;
    }
    while (*pat) {
        if (!strncmp(pat, "{day}", 5)) {
            snprintf(num, sizeof num, "%d", d.day);
            put(buf, n, &o, num);
            pat += 5;
        } else if (!strncmp(pat, "{month}", 7)) {
            put(buf, n, &o, tr_pgettext(months[d.month - 1]));
            pat += 7;
        } else if (!strncmp(pat, "{year}", 6)) {
            snprintf(num, sizeof num, "%d", d.year);
            put(buf, n, &o, num);
            pat += 6;
        } else {
            char one[2] = {*pat++, 0};
            put(buf, n, &o, one);
        }
    }
    return buf;
}
