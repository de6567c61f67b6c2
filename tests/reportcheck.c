/* reportcheck.c - check the JSONL, CSV, HTML and objection outputs of a scan
 * against the JSON report of the same scan, by parsing them back.
 *
 * Usage:
 *   reportcheck jsonl REPORT.json OUT.jsonl      every line parses and equals
 *                                                items[i]; as many lines as items
 *   reportcheck csv REPORT.json OUT.csv          RFC 4180 parse; one row per item
 *                                                with the item's fields (text
 *                                                compared when the column exists),
 *                                                formula cells neutralised
 *   reportcheck html REPORT.json OUT.html        CSP present; no element or
 *                                                attribute that loads or runs
 *                                                anything; headline, category and
 *                                                split numbers equal the report's
 *   reportcheck objection REPORT.json OUT.txt    the evidence counts of every
 *                                                category are in the text, and no
 *                                                item text is
 *   reportcheck private REPORT.json OUT          no text of a private item is in
 *                                                OUT, raw or HTML-escaped (REPORT
 *                                                made with --show-private-text),
 *                                                unless the text of an item
 *                                                that is not private holds it
 * REPORT.json is written with --items (and, for csv, the same --show-text
 * options as OUT). The checks are written independently of src/report, so
 * that a bug there cannot hide itself. Exit 0 when all checks pass, 1 when
 * one fails (each failure is printed), 2 on bad input.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static int failures;

#define FAIL(...)                                                                                                      \
    do {                                                                                                               \
        printf(__VA_ARGS__);                                                                                           \
        putchar('\n');                                                                                                 \
        failures++;                                                                                                    \
    } while (0)

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;

    if (!f) return NULL;
    do {
        if (n + 65536 + 1 > cap) {
            char *nb = realloc(buf, cap = (n + 65536 + 1) * 2);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static const char *verdicts[3] = {"eligible", "uncertain", "private"};

/* ---- jsonl ---------------------------------------------------------------------- */

static void check_jsonl(json_t *report, const char *text)
{
    json_t *items = json_object_get(report, "items");
    size_t i = 0;
    const char *p = text;

    if (!json_is_array(items)) {
        FAIL("the JSON report has no items array (run it with --items)");
        return;
    }
    while (*p) {
        const char *nl = strchr(p, '\n');
        json_error_t err;
        if (!nl) {
            FAIL("line %zu does not end with a newline", i + 1);
            break;
        }
        json_t *j = json_loadb(p, (size_t)(nl - p), 0, &err);
        if (!j) FAIL("line %zu is not JSON: %s", i + 1, err.text);
        else if (!json_is_object(j)) FAIL("line %zu is not an object", i + 1);
        else if (i >= json_array_size(items)) FAIL("line %zu: more lines than items", i + 1);
        else if (!json_equal(j, json_array_get(items, i))) FAIL("line %zu differs from items[%zu]", i + 1, i);
        json_decref(j);
        i++;
        p = nl + 1;
    }
    if (i != json_array_size(items)) FAIL("%zu lines, %zu items", i, json_array_size(items));
}

/* ---- csv ------------------------------------------------------------------------ */

typedef struct row { char **f; size_t n, cap; } row;

static void row_free(row *r)
{
    for (size_t i = 0; i < r->n; i++) free(r->f[i]);
    free(r->f);
    memset(r, 0, sizeof *r);
}

static int row_push(row *r, const char *s, size_t len)
{
    if (r->n == r->cap) {
        char **nf = realloc(r->f, (r->cap = r->cap ? r->cap * 2 : 8) * sizeof *nf);
        if (!nf) return -1;
        r->f = nf;
    }
    if (!(r->f[r->n] = strndup(s, len))) return -1;
    r->n++;
    return 0;
}

/* Parse one RFC 4180 record at *pp (CRLF line ends). Returns 1 and the row,
 * 0 at the end, -1 on a syntax error (message printed). */
static int csv_record(const char **pp, row *r, size_t line)
{
    const char *p = *pp;
    char *buf = NULL;
    size_t cap = 0, n;

    if (!*p) return 0;
    for (;;) {
        n = 0;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p) {
                    FAIL("record %zu: unterminated quoted field", line);
                    free(buf);
                    return -1;
                }
                if (*p == '"' && p[1] == '"') p++;
                else if (*p == '"') break;
                if (n + 2 > cap && !(buf = realloc(buf, cap = (n + 2) * 2))) return -1;
                buf[n++] = *p++;
            }
            p++;
        } else {
            while (*p && *p != ',' && *p != '\r' && *p != '\n') {
                if (*p == '"') {
                    FAIL("record %zu: quote inside an unquoted field", line);
                    free(buf);
                    return -1;
                }
                if (n + 2 > cap && !(buf = realloc(buf, cap = (n + 2) * 2))) return -1;
                buf[n++] = *p++;
            }
        }
        if (row_push(r, buf ? buf : "", n) != 0) return -1;
        if (*p == ',') {
            p++;
            continue;
        }
        if (p[0] == '\r' && p[1] == '\n') {
            p += 2;
            break;
        }
        FAIL("record %zu: a field is not followed by ',' or CRLF", line);
        free(buf);
        return -1;
    }
    free(buf);
    *pp = p;
    return 1;
}

/* What a cell holding s must look like: a leading ' before = + - @ tab CR. */
static int cell_equal(const char *cell, const char *s)
{
    if (*s && strchr("=+-@\t\r", *s)) return cell[0] == '\'' && !strcmp(cell + 1, s);
    return !strcmp(cell, s);
}

static void check_csv(json_t *report, const char *text)
{
    static const char *const cols[] = {"path", "index", "category", "verdict", "rule", "time", "text"};
    json_t *items = json_object_get(report, "items");
    const char *p = text;
    row r = {0};
    size_t line = 1, ncols, i = 0;
    char num[32];

    if (!json_is_array(items)) {
        FAIL("the JSON report has no items array (run it with --items)");
        return;
    }
    if (csv_record(&p, &r, line) != 1) {
        FAIL("no header row");
        goto out;
    }
    ncols = r.n;
    if (ncols != 6 && ncols != 7) FAIL("header has %zu columns", ncols);
    for (size_t c = 0; c < r.n && c < 7; c++)
        if (strcmp(r.f[c], cols[c])) FAIL("header column %zu is '%s', expected '%s'", c + 1, r.f[c], cols[c]);
    for (;;) {
        row_free(&r);
        line++;
        int k = csv_record(&p, &r, line);
        if (k <= 0) break;
        json_t *it = json_array_get(items, i);
        if (!it) {
            FAIL("record %zu: more rows than items", line);
            break;
        }
        if (r.n != ncols) {
            FAIL("record %zu has %zu fields, header %zu", line, r.n, ncols);
            i++;
            continue;
        }
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(it, "index")));
        const char *want[7] = {json_string_value(json_object_get(it, "path")), num,
                               json_string_value(json_object_get(it, "category")),
                               json_string_value(json_object_get(it, "verdict")),
                               json_string_value(json_object_get(it, "rule")),
                               json_string_value(json_object_get(it, "time")),
                               json_string_value(json_object_get(it, "text"))};
        for (size_t c = 0; c < ncols; c++)
            if (!cell_equal(r.f[c], want[c] ? want[c] : ""))
                FAIL("record %zu, column %s: '%s', expected '%s'", line, cols[c], r.f[c], want[c] ? want[c] : "");
        i++;
    }
    if (i != json_array_size(items)) FAIL("%zu rows, %zu items", i, json_array_size(items));
out:
    row_free(&r);
}

/* ---- html ----------------------------------------------------------------------- */

static int ieq_prefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (tolower((unsigned char)*s) != *prefix) return 0;
    return 1;
}

/* Walk every tag: no element that loads or runs something, no event handler
 * or src attribute, href only on <a> and only https: or #. */
static void check_tags(const char *html)
{
    static const char *const banned[] = {"script", "link", "img", "iframe", "frame", "object", "embed", "base",
                                         "form", "input", "video", "audio", "source", "image", "use", "foreignobject",
                                         "animate", "set", "template", "portal", NULL};
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        char name[32];
        size_t n = 0;
        const char *q = p + 1;
        if (*q == '/' || *q == '!') continue;
        while (isalnum((unsigned char)*q) && n + 1 < sizeof name) name[n++] = (char)tolower((unsigned char)*q++);
        name[n] = '\0';
        if (!n) {
            FAIL("a raw '<' that is not a tag: %.40s", p);
            continue;
        }
        for (int b = 0; banned[b]; b++)
            if (!strcmp(name, banned[b])) FAIL("element <%s> in the report", name);
        if (!strcmp(name, "meta")) {
            if (!strstr(q, ">")) FAIL("unterminated <meta>");
            else if (ieq_prefix(q, " http-equiv=\"refresh")) FAIL("<meta http-equiv=refresh>");
        }
        /* attributes, up to '>' outside quotes */
        while (*q && *q != '>') {
            while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '/') q++;
            const char *an = q;
            while (*q && *q != '=' && *q != '>' && *q != ' ' && *q != '/') q++;
            size_t al = (size_t)(q - an);
            const char *val = "";
            size_t vl = 0;
            if (*q == '=') {
                q++;
                char quote = (*q == '"' || *q == '\'') ? *q++ : 0;
                val = q;
                while (*q && (quote ? *q != quote : (*q != ' ' && *q != '>'))) q++;
                vl = (size_t)(q - val);
                if (quote && *q) q++;
            }
            if (!al) continue;
            if (al > 2 && ieq_prefix(an, "on")) FAIL("event handler attribute %.*s on <%s>", (int)al, an, name);
            if ((al == 3 && ieq_prefix(an, "src")) || (al == 6 && ieq_prefix(an, "srcset")) ||
                (al == 10 && ieq_prefix(an, "xlink:href")) || (al == 6 && ieq_prefix(an, "action")) ||
                (al == 6 && ieq_prefix(an, "poster")) || (al == 10 && ieq_prefix(an, "background")))
                FAIL("attribute %.*s on <%s>", (int)al, an, name);
            if (al == 4 && ieq_prefix(an, "href")) {
                if (strcmp(name, "a")) FAIL("href on <%s>", name);
                else if (!(vl >= 8 && !strncmp(val, "https://", 8)) && !(vl >= 1 && val[0] == '#'))
                    FAIL("link to %.*s", (int)vl, val);
            }
            if (al == 5 && ieq_prefix(an, "style") && memchr(val, '(', vl)) FAIL("style attribute with a function");
        }
    }
}

/* The number in value="N" after `key` (e.g. id="items-eligible"), or -1. */
static long long data_value(const char *html, const char *id)
{
    char key[256];
    snprintf(key, sizeof key, "id=\"%s\" value=\"", id);
    const char *p = strstr(html, key);
    return p ? strtoll(p + strlen(key), NULL, 10) : -1;
}

/* The next `n` numbers in <td class="n"> cells after `anchor`, commas dropped. */
static int cells_after(const char *html, const char *anchor, long long *out, int n)
{
    const char *p = strstr(html, anchor);
    for (int i = 0; i < n; i++) {
        p = p ? strstr(p, "<td class=\"n\">") : NULL;
        if (!p) return -1;
        p += strlen("<td class=\"n\">");
        long long v = 0;
        for (; *p && *p != '<'; p++)
            if (isdigit((unsigned char)*p)) v = v * 10 + (*p - '0');
        out[i] = v;
    }
    return 0;
}

static json_int_t jint(json_t *o, const char *a, const char *b, const char *c)
{
    json_t *j = json_object_get(o, a);
    if (b) j = json_object_get(j, b);
    if (c) j = json_object_get(j, c);
    return json_integer_value(j);
}

static void check_html(json_t *report, const char *html)
{
    char id[128];
    long long cells[3];
    const char *key;
    json_t *v;

    if (!strstr(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                      "'unsafe-inline'; img-src data:\">"))
        FAIL("no Content-Security-Policy meta tag");
    for (const char *st = strstr(html, "<style"); st; st = strstr(st + 1, "<style")) {
        const char *end = strstr(st, "</style>");
        size_t len = end ? (size_t)(end - st) : strlen(st);
        char *css = strndup(st, len);
        if (css && (strstr(css, "@import") || strstr(css, "url(") || strstr(css, "image-set(")))
            FAIL("CSS that fetches (@import, url() or image-set())");
        free(css);
    }
    if (!strstr(html, "</html>")) FAIL("the document is cut short");
    check_tags(html);
    for (int i = 0; i < 3; i++) {
        struct { const char *prefix, *a, *b; } w[3] = {{"items", "items", NULL}, {"media", "media", "files"},
                                                       {"bytes", "media", "bytes"}};
        for (int k = 0; k < 3; k++) {
            snprintf(id, sizeof id, "%s-%s", w[k].prefix, verdicts[i]);
            long long got = data_value(html, id);
            json_int_t want = w[k].b ? jint(json_object_get(report, "totals"), w[k].a, verdicts[i], w[k].b)
                                     : jint(json_object_get(report, "totals"), w[k].a, verdicts[i], NULL);
            if (got != (long long)want) FAIL("headline %s: %lld, report %" JSON_INTEGER_FORMAT, id, got, want);
        }
    }
    json_object_foreach(json_object_get(report, "categories"), key, v) {
        snprintf(id, sizeof id, "id=\"cat-%s\"", key);
        if (cells_after(html, id, cells, 3) != 0) {
            FAIL("no row for category %s", key);
            continue;
        }
        for (int i = 0; i < 3; i++)
            if (cells[i] != (long long)json_integer_value(json_object_get(v, verdicts[i])))
                FAIL("category %s, %s: %lld in the HTML", key, verdicts[i], cells[i]);
    }
    if (strstr(html, "id=\"split-before\"")) {
        long long b[3], a[3], u[3] = {0, 0, 0};
        json_int_t want = jint(report, "totals", "items", "eligible") + jint(report, "totals", "items", "uncertain");
        if (cells_after(html, "id=\"split-before\"", b, 3) || cells_after(html, "id=\"split-after\"", a, 3) ||
            (strstr(html, "id=\"split-undated\"") && cells_after(html, "id=\"split-undated\"", u, 3)))
            FAIL("split rows incomplete");
        else if (b[2] + a[2] + u[2] != (long long)want)
            FAIL("split: %lld + %lld + %lld items, report %" JSON_INTEGER_FORMAT, b[2], a[2], u[2], want);
    }
}

/* ---- objection ---------------------------------------------------------------------- */

static const char *const en_cat[][2] = {
    {"post", "posts"}, {"photo", "photos"}, {"video", "videos"}, {"comment", "comments"},
    {"story", "stories"}, {"reel", "reels"}, {"ai_chat", "conversations with Meta AI"}, {"event", "events"},
    {"listing", "Marketplace listings"}, {"other", "other items"}, {NULL, NULL}};

static void check_objection(json_t *report, const char *text)
{
    const char *key;
    json_t *v;
    char want[128];
    size_t i;

    json_object_foreach(json_object_get(report, "categories"), key, v) {
        json_int_t n = json_integer_value(json_object_get(v, "eligible")) + json_integer_value(json_object_get(v, "uncertain"));
        for (i = 0; en_cat[i][0] && strcmp(en_cat[i][0], key); i++) {}
        if (!n || !en_cat[i][0]) continue;
        if (!strcmp(key, "photo") || !strcmp(key, "video")) {
            /* counted as files: a file listed twice is one, so between 1 and the items */
            snprintf(want, sizeof want, "%s: ", en_cat[i][1]);
            const char *at = strstr(text, want);
            long long k = at ? strtoll(at + strlen(want), NULL, 10) : 0;
            if (n < 1000 && (k < 1 || k > (long long)n))
                FAIL("the objection text counts %lld %s, not 1 to %" JSON_INTEGER_FORMAT, k, en_cat[i][1], n);
            continue;
        }
        snprintf(want, sizeof want, "%s: %" JSON_INTEGER_FORMAT, en_cat[i][1], n);
        if (n < 1000 && !strstr(text, want)) FAIL("the objection text lacks '%s'", want);
    }
    json_array_foreach(json_object_get(report, "items"), i, v) {
        const char *t = json_string_value(json_object_get(v, "text"));
        if (t && strlen(t) >= 12 && strstr(text, t)) FAIL("item text in the objection: %.60s", t);
    }
}

/* ---- private ------------------------------------------------------------------------- */

/* s with & < > " ' as the HTML report escapes them (malloc'd). */
static char *html_escaped(const char *s)
{
    char *out = malloc(strlen(s) * 6 + 1), *o = out;
    if (!out) return NULL;
    for (; *s; s++) {
        const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '"' ? "&quot;"
                      : *s == '\'' ? "&#39;" : NULL;
        if (e) o += sprintf(o, "%s", e);
        else *o++ = *s;
    }
    *o = '\0';
    return out;
}

/* Nonzero when the text of an item that is not private holds t: it may be
 * shown (a post "X updated her profile picture." and the private profile
 * history line with the same words). */
static int shown_elsewhere(json_t *items, const char *t)
{
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v) {
        const char *u = json_string_value(json_object_get(v, "text"));
        if (u && strstr(u, t) && strcmp(json_string_value(json_object_get(v, "verdict")), "private")) return 1;
    }
    return 0;
}

static void check_private(json_t *report, const char *text)
{
    json_t *items = json_object_get(report, "items"), *v;
    size_t i, seen = 0;

    json_array_foreach(items, i, v) {
        const char *t = json_string_value(json_object_get(v, "text"));
        if (!t || strcmp(json_string_value(json_object_get(v, "verdict")), "private") || strlen(t) < 12) continue;
        if (shown_elsewhere(items, t)) continue;
        char *esc = html_escaped(t);
        seen++;
        if (strstr(text, t) || (esc && strstr(text, esc))) FAIL("private text shown: %.60s", t);
        free(esc);
    }
    if (!seen) FAIL("the report holds no private text to look for (run it with --show-private-text)");
}

int main(int argc, char **argv)
{
    json_error_t err;
    json_t *report = NULL;
    char *text = NULL;
    int rc = 2;

    if (argc != 4) {
        fprintf(stderr, "usage: reportcheck jsonl|csv|html|objection|private REPORT.json OUT\n");
        return 2;
    }
    report = json_load_file(argv[2], 0, &err);
    if (!report) {
        fprintf(stderr, "%s:%d: %s\n", argv[2], err.line, err.text);
        goto out;
    }
    if (!(text = slurp(argv[3], NULL))) {
        fprintf(stderr, "cannot read %s\n", argv[3]);
        goto out;
    }
    if (!strcmp(argv[1], "jsonl")) check_jsonl(report, text);
    else if (!strcmp(argv[1], "csv")) check_csv(report, text);
    else if (!strcmp(argv[1], "html")) check_html(report, text);
    else if (!strcmp(argv[1], "objection")) check_objection(report, text);
    else if (!strcmp(argv[1], "private")) check_private(report, text);
    else {
        fprintf(stderr, "reportcheck: unknown check '%s'\n", argv[1]);
        goto out;
    }
    rc = failures ? 1 : 0;
out:
    free(text);
    json_decref(report);
    return rc;
}
