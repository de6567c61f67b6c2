/* html.c - HTML export members, turned into the JSON shape rules read
 * (html.h says what comes out; export-formats.md §10 what goes in).
 *
 * Two stages. parse() feeds the member to libxml2's HTML push parser in
 * chunks as the reader yields them and keeps the tree. build() walks the
 * tree: the page title, the top-level item containers (groups expanded,
 * headers set aside), then per item its title, body text, label/value rows,
 * time and relative links. Every walk over the tree is iterative (parent and
 * sibling pointers), so a deeply nested page cannot exhaust the stack.
 *
 * Class names are obfuscated React classes that Meta has kept for years
 * (_a6-g, _a6-h, _a6-p, _a6-o, _a72d, _2pi0, _2pio, _2let, _2lem); where a
 * page lacks them, headings (h1-h6) and <footer> are the structural
 * fallback.
 *
 * Ownership: every function that returns memory says who frees it; the
 * libxml2 tree never leaves this file.
 */
#include "html.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "htmldate.h"
#include "text.h"

#define CHUNK (64 * 1024)
#define PARSE_OPTIONS (HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER)

/* ---- libxml2 set-up ------------------------------------------------------------ */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void) { xmlInitParser(); }

/* ---- growable buffers ------------------------------------------------------------ */

typedef struct sbuf { char *s; size_t len, cap; int oom; } sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *v = realloc(b->s, cap);
        if (!v) {
            b->oom = 1;
            return;
        }
        b->s = v;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_char(sbuf *b, char c) { sb_add(b, &c, 1); }

/* A copy of s[0..n) that is valid UTF-8: libxml2 hands out UTF-8, but an
 * attribute or a byte sequence it passed through may not be; each bad byte
 * becomes U+FFFD rather than the string being lost (jansson takes only
 * valid UTF-8). Returns a malloc'd string (caller frees), NULL when out of
 * memory. */
static char *utf8_clean(const char *s, size_t n)
{
    sbuf b = {0};
    if (tr_utf8_valid(s, n)) {
        sb_add(&b, s, n);
    } else {
        for (size_t i = 0; i < n;) {
            size_t k = 1;
            while (k <= 4 && i + k <= n && !tr_utf8_valid(s + i, k)) k++;
            if (k <= 4 && i + k <= n) {
                sb_add(&b, s + i, k);
                i += k;
            } else {
                sb_add(&b, "\xef\xbf\xbd", 3);
                i++;
            }
        }
        sb_add(&b, "", 0);
    }
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

/* A JSON string of s[0..n), which is valid UTF-8 (utf8_clean). New
 * reference, or NULL when out of memory. */
static json_t *jstr(const char *s, size_t n) { return json_stringn(s, n); }

typedef struct nodes { xmlNode **v; size_t n, cap; int oom; } nodes;

static void nodes_push(nodes *a, xmlNode *x)
{
    if (a->oom) return;
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        xmlNode **v = realloc(a->v, cap * sizeof *v);
        if (!v) {
            a->oom = 1;
            return;
        }
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
}

/* ---- nodes ----------------------------------------------------------------------- */

static int is_el(const xmlNode *n) { return n && n->type == XML_ELEMENT_NODE; }

static int named(const xmlNode *n, const char *name)
{
    return is_el(n) && n->name && !strcmp((const char *)n->name, name);
}

/* The value of attribute `name`, or NULL when absent ("" when empty). The
 * HTML parser stores a value as one text child. Borrowed from the tree. */
static const char *attr(const xmlNode *n, const char *name)
{
    if (!is_el(n)) return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (!a->name || strcasecmp((const char *)a->name, name)) continue;
        if (a->children && a->children->content) return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

static int has_class(const xmlNode *n, const char *cls)
{
    const char *v = attr(n, "class");
    size_t len = strlen(cls);
    if (!v) return 0;
    for (const char *p = v; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r' && *e != '\f') e++;
        if ((size_t)(e - p) == len && !memcmp(p, cls, len)) return 1;
        p = e;
    }
    return 0;
}

/* Elements whose content is never text of the page. */
static int ignored(const xmlNode *n)
{
    return named(n, "script") || named(n, "style") || named(n, "template") || named(n, "noscript");
}

static int is_heading(const xmlNode *n)
{
    return is_el(n) && n->name && n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2];
}

/* An item container: H2/H3 _a6-g boxes and sections, H1 pam _2pi0 boxes. */
static int is_container(const xmlNode *n)
{
    return is_el(n) && (has_class(n, "_a6-g") || (has_class(n, "_2pi0") && has_class(n, "pam")));
}

static int is_title_el(const xmlNode *n) { return has_class(n, "_a6-h") || has_class(n, "_2pio"); }
static int is_body_el(const xmlNode *n) { return has_class(n, "_a6-p") || has_class(n, "_2let") || has_class(n, "_2pin"); }
static int is_time_el(const xmlNode *n)
{
    return has_class(n, "_a72d") || has_class(n, "_a6-o") || has_class(n, "_2lem") || named(n, "footer");
}
static int is_label_cell(const xmlNode *n) { return named(n, "td") && has_class(n, "_a6_q"); }

/* Block elements: their text is on lines of its own. */
static int is_block(const xmlNode *n)
{
    static const char *const B[] = {"div", "p", "br", "tr", "td", "th", "li", "ul", "ol", "table", "section",
                                    "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
                                    "blockquote", "pre", "dt", "dd", "hr", "figure", "figcaption"};
    if (!is_el(n)) return 0;
    for (size_t i = 0; i < sizeof B / sizeof B[0]; i++)
        if (!strcmp((const char *)n->name, B[i])) return 1;
    return 0;
}

/* The next node after n in document order within top's subtree, entering
 * n's children when `down`; *depth follows (children of top are at 1).
 * NULL at the end. */
static xmlNode *next_node(xmlNode *n, xmlNode *top, int down, int *depth)
{
    if (down && n->children) {
        (*depth)++;
        return n->children;
    }
    for (;;) {
        if (n == top) return NULL;
        if (n->next) return n->next;
        n = n->parent;
        (*depth)--;
        if (!n || n == top) return NULL;
    }
}

/* The shallowest element under top that p accepts (the first of those at
 * that depth), or NULL. Ignored elements are not entered; with `own`,
 * nested item containers are not either (what belongs to the item itself,
 * not to a section nested in it). */
static xmlNode *find_shallowest(xmlNode *top, int (*p)(const xmlNode *), int own)
{
    xmlNode *best = NULL;
    int best_depth = 0, depth = 1;
    for (xmlNode *n = top->children; n;) {
        int down = is_el(n) && !ignored(n) && !(own && is_container(n));
        if (down && p(n) && (!best || depth < best_depth)) {
            best = n;
            best_depth = depth;
        }
        if (best && depth >= best_depth) down = 0; /* nothing shallower below */
        n = next_node(n, top, down, &depth);
    }
    return best;
}

static xmlNode *shallowest(xmlNode *top, int (*p)(const xmlNode *)) { return find_shallowest(top, p, 0); }

/* ---- text ------------------------------------------------------------------------ */

/* Length of a blank at s: ASCII white space or U+00A0, else 0. */
static size_t blank_at(const char *s)
{
    unsigned char c = (unsigned char)*s;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xc2 && (unsigned char)s[1] == 0xa0) return 2;
    return 0;
}

/* Append the text of raw to out: runs of blanks become one space, lines
 * are trimmed, empty lines dropped; lines are joined with `sep`. */
static void normalise(sbuf *out, const char *raw, char sep)
{
    const char *p = raw;
    int first = out->len == 0;
    while (*p) {
        const char *eol = strchr(p, '\n');
        const char *end = eol ? eol : p + strlen(p);
        int started = 0, space = 0;
        while (p < end) {
            size_t b = blank_at(p);
            if (b) {
                space = 1;
                p += b;
                continue;
            }
            if (!started) {
                if (!first) sb_char(out, sep);
                first = 0;
                started = 1;
            } else if (space) {
                sb_char(out, ' ');
            }
            space = 0;
            sb_add(out, p, 1);
            p++;
        }
        p = eol ? eol + 1 : end;
    }
}

/* The text of n's subtree: block elements on their own lines (oneline:
 * joined with spaces). Ignored elements and comments are left out. Returns a
 * malloc'd string, possibly "" (caller frees), or NULL when out of memory. */
static char *node_text(xmlNode *top, int oneline)
{
    sbuf raw = {0}, out = {0};
    char *result = NULL;
    xmlNode *n = top->children;

    if (top->type == XML_TEXT_NODE || top->type == XML_CDATA_SECTION_NODE) n = top; /* a bare text node */
    while (n) {
        int down = 0;
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            sb_add(&raw, (const char *)n->content, strlen((const char *)n->content));
        } else if (is_el(n) && !ignored(n)) {
            if (is_block(n)) sb_char(&raw, '\n');
            down = n->children != NULL;
        }
        if (n == top) break;
        if (down) {
            n = n->children;
            continue;
        }
        for (;;) { /* leave n, and its ancestors that have no next sibling */
            if (is_block(n) && !ignored(n)) sb_char(&raw, '\n');
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            if (!n || n == top) {
                n = NULL;
                break;
            }
        }
    }
    if (raw.oom) goto out;
    sb_add(&out, "", 0);
    if (raw.s) normalise(&out, raw.s, oneline ? ' ' : '\n');
    if (out.oom) goto out;
    result = utf8_clean(out.s, out.len);
out:
    free(raw.s);
    free(out.s);
    return result;
}

/* ---- links --------------------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The media path a src/href names, or NULL when it is not a relative path
 * (a scheme such as http:, https:, data:, mailto:; //host; #fragment; empty).
 * ?query and #fragment are cut; %XX escapes decoded when that gives UTF-8
 * without NUL. Returns a malloc'd valid UTF-8 string (caller frees), or NULL
 * (*oom set when out of memory). */
static char *relative_path(const char *u, int *oom)
{
    size_t len, o = 0;
    char *dec = NULL, *result = NULL;
    const char *p;
    int decoded = 1;

    while (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r') u++;
    len = strcspn(u, "?#");
    while (len && (u[len - 1] == ' ' || u[len - 1] == '\t' || u[len - 1] == '\n' || u[len - 1] == '\r')) len--;
    if (len == 0 || (u[0] == '/' && u[1] == '/')) goto out;
    for (p = u; p < u + len && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                                (p > u && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')));
         p++)
        ;
    if (p > u && p < u + len && *p == ':') goto out; /* scheme: */
    if (!(dec = malloc(len + 1))) goto oom;
    for (size_t i = 0; i < len; i++) {
        int hi, lo;
        if (u[i] == '%' && i + 2 < len && (hi = hexval(u[i + 1])) >= 0 && (lo = hexval(u[i + 2])) >= 0) {
            if (hi == 0 && lo == 0) decoded = 0;
            dec[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            dec[o++] = u[i];
        }
    }
    if (!decoded || !tr_utf8_valid(dec, o)) result = utf8_clean(u, len); /* keep the escapes */
    else result = utf8_clean(dec, o);
    if (result) goto out;
oom:
    *oom = 1;
out:
    free(dec);
    return result;
}

/* ---- one item ------------------------------------------------------------------ */

typedef struct builder {
    json_t *titles;  /* set of item titles seen (object keys) */
    json_t *titles_order; /* the same, in order */
    int meta_ai;     /* some title or header name is "Meta AI" */
    int oom;
} builder;

static int set_new(json_t *obj, const char *key, json_t *v, int *oom)
{
    if (!v || json_object_set_new(obj, key, v) != 0) {
        *oom = 1;
        return -1;
    }
    return 0;
}

/* Whether some ancestor of n below item has the body class. */
static int inside_body(xmlNode *n, xmlNode *item)
{
    for (xmlNode *a = n->parent; a && a != item; a = a->parent)
        if (is_body_el(a)) return 1;
    return 0;
}

/* The label and value of an H2 one-cell row: the cell's own text is the
 * label (else its first element), the elements after it are the value.
 * Returns 0 with *label and *value malloc'd (caller frees), or -1 when out
 * of memory (both NULL). */
static int one_cell_row(xmlNode *td, char **label, char **value)
{
    sbuf own = {0}, val = {0}, lab = {0};
    xmlNode *first = NULL;
    int has_own = 0, rc = -1;

    *label = *value = NULL;
    for (xmlNode *c = td->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            sb_add(&own, (const char *)c->content, strlen((const char *)c->content));
    sb_add(&own, "", 0);
    if (own.oom) goto out;
    for (const char *p = own.s; *p; p++)
        if (!blank_at(p) && *p != '\n') has_own = 1;
    for (xmlNode *c = td->children; c; c = c->next) {
        if (!is_el(c) || ignored(c)) continue;
        if (!has_own && !first) {
            first = c;
            continue;
        }
        char *t = node_text(c, 1);
        if (!t) goto out;
        if (*t && val.len) sb_char(&val, ' ');
        sb_add(&val, t, strlen(t));
        free(t);
    }
    sb_add(&val, "", 0);
    if (has_own) {
        sb_add(&lab, "", 0);
        normalise(&lab, own.s, ' ');
        if (lab.oom || !(*label = utf8_clean(lab.s, lab.len))) goto out;
    } else if (!(*label = first ? node_text(first, 1) : strdup(""))) {
        goto out;
    }
    if (val.oom) goto out;
    *value = val.s;
    val.s = NULL;
    rc = 0;
out:
    if (rc) {
        free(*label);
        *label = NULL;
    }
    free(own.s);
    free(val.s);
    free(lab.s);
    return rc;
}

/* Read the label/value row whose label cell is td into values, dates and
 * (when the row is outside the item's body) the text; *oom set when out of
 * memory. H3 rows are two cells (_a6_q label, _a6_r value), H2 rows one. */
static void read_row(xmlNode *td, xmlNode *item, json_t *values, json_t *dates, sbuf *text, int *oom)
{
    char *label = NULL, *value = NULL;
    xmlNode *sib = td->next;
    int rc;

    while (sib && !is_el(sib)) sib = sib->next;
    if (sib && named(sib, "td") && has_class(sib, "_a6_r")) {
        label = node_text(td, 1);
        value = node_text(sib, 1);
        rc = label && value ? 0 : -1;
    } else {
        rc = one_cell_row(td, &label, &value);
    }
    if (rc) {
        *oom = 1;
        goto out;
    }
    if (!*label || !*value) goto out;
    if (!json_object_get(values, label)) {
        tr_date d;
        if (set_new(values, label, jstr(value, strlen(value)), oom) != 0) goto out;
        if (tr_htmldate_parse(value, strlen(value), &d, NULL) == TR_HTMLDATE_DAY) {
            char iso[16];
            tr_date_format(d, iso);
            if (set_new(dates, label, json_string(iso), oom) != 0) goto out;
        }
    }
    if (!inside_body(td, item)) {
        if (text->len) sb_char(text, '\n');
        sb_add(text, label, strlen(label));
        sb_add(text, ": ", 2);
        sb_add(text, value, strlen(value));
    }
out:
    free(label);
    free(value);
}

typedef struct item_walk { json_t *uris, *seen; int oom; } item_walk;

static void add_uri(item_walk *w, const char *u)
{
    char *p = relative_path(u, &w->oom);
    if (!p) return;
    if (!json_object_get(w->seen, p)) {
        json_t *s = jstr(p, strlen(p));
        if (!s || json_array_append_new(w->uris, s) != 0 || json_object_set_new(w->seen, p, json_true()) != 0)
            w->oom = 1;
    }
    free(p);
}

/* The time of an item: its nearest time element (a _a72d inside it if
 * any), else the first row value that is a date with a clock time. Returns
 * 1 and *out, or 0. */
static int item_time(xmlNode *item, json_t *values, int64_t *out, int *oom)
{
    xmlNode *t = shallowest(item, is_time_el);
    if (t) {
        xmlNode *inner = has_class(t, "_a72d") ? NULL : shallowest(t, is_time_el);
        if (inner && has_class(inner, "_a72d")) t = inner;
        char *s = node_text(t, 1);
        if (!s) {
            *oom = 1;
            return 0;
        }
        int k = tr_htmldate_parse(s, strlen(s), NULL, out);
        free(s);
        return k != TR_HTMLDATE_NONE;
    }
    const char *key;
    json_t *v;
    json_object_foreach(values, key, v) {
        if (tr_htmldate_parse(json_string_value(v), json_string_length(v), NULL, out) == TR_HTMLDATE_TIME) return 1;
    }
    return 0;
}

/* Build the JSON object of one item container. New reference, or NULL when
 * out of memory. */
static json_t *build_item(builder *b, xmlNode *item)
{
    json_t *obj = json_object(), *values = json_object(), *dates = json_object();
    item_walk w = {json_array(), json_object(), 0};
    sbuf text = {0};
    char *title = NULL;
    int64_t t = 0;
    int depth = 1, oom = 0;
    json_t *result = NULL;

    if (!obj || !values || !dates || !w.uris || !w.seen) goto out;
    xmlNode *tel = find_shallowest(item, is_title_el, 1);
    if (!tel) tel = find_shallowest(item, is_heading, 1);
    title = tel ? node_text(tel, 1) : strdup("");
    if (!title) goto out;

    /* body text, rows and links in one pass */
    for (xmlNode *n = item->children; n;) {
        int down = is_el(n) && !ignored(n);
        if (down && is_body_el(n) && !inside_body(n, item)) {
            char *s = node_text(n, 0);
            if (!s) goto out;
            if (*s) {
                if (text.len) sb_char(&text, '\n');
                sb_add(&text, s, strlen(s));
            }
            free(s);
        }
        if (down && is_label_cell(n)) read_row(n, item, values, dates, &text, &oom);
        if (down) {
            const char *u = NULL;
            if (named(n, "img") || named(n, "video") || named(n, "audio") || named(n, "source")) u = attr(n, "src");
            else if (named(n, "a")) u = attr(n, "href");
            if (u) add_uri(&w, u);
        }
        if (oom || w.oom || text.oom) goto out;
        n = next_node(n, item, down, &depth);
    }
    sb_add(&text, "", 0);
    if (text.oom) goto out;

    if (set_new(obj, "title", jstr(title, strlen(title)), &oom) ||
        set_new(obj, "text", jstr(text.s, text.len), &oom))
        goto out;
    int has_time = item_time(item, values, &t, &oom);
    if (oom || set_new(obj, "time", has_time ? json_integer(t) : json_null(), &oom)) goto out;
    if (json_object_set(obj, "uri", w.uris) != 0) goto out;
    if (json_object_size(values) && json_object_set(obj, "values", values) != 0) goto out;
    if (json_object_size(dates) && json_object_set(obj, "dates", dates) != 0) goto out;

    /* the senders, for participants */
    if (*title && !json_object_get(b->titles, title)) {
        if (json_object_set_new(b->titles, title, json_true()) != 0 ||
            json_array_append_new(b->titles_order, jstr(title, strlen(title))) != 0)
            goto out;
    }
    if (!strcmp(title, "Meta AI")) b->meta_ai = 1;
    result = obj;
    obj = NULL;
out:
    if (!result) b->oom = 1;
    json_decref(obj);
    json_decref(values);
    json_decref(dates);
    json_decref(w.uris);
    json_decref(w.seen);
    free(text.s);
    free(title);
    return result;
}

/* ---- page structure ------------------------------------------------------------ */

/* A group: a container whose element children are headings and at least
 * one container, with no text of its own. */
static int is_group(xmlNode *c)
{
    int containers = 0;
    for (xmlNode *k = c->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            for (const char *p = k->content ? (const char *)k->content : ""; *p; p++)
                if (!blank_at(p) && *p != '\n') return 0;
            continue;
        }
        if (!is_el(k) || ignored(k)) continue;
        if (is_container(k)) containers++;
        else if (!is_heading(k) && !is_title_el(k)) return 0;
    }
    return containers > 0;
}

static const char *const PARTICIPANTS[] = {"participants", "participantes", "teilnehmer", "partecipanti",
                                           "deelnemers", "participantes"};

/* When text is a "Participants: A, B" line, the names part; else NULL.
 * Borrowed from text. */
static const char *participants_list(const char *text)
{
    const char *colon = strchr(text, ':');
    if (!colon) return NULL;
    size_t n = (size_t)(colon - text);
    while (n && text[n - 1] == ' ') n--;
    for (size_t i = 0; i < sizeof PARTICIPANTS / sizeof PARTICIPANTS[0]; i++)
        if (strlen(PARTICIPANTS[i]) == n && !strncasecmp(text, PARTICIPANTS[i], n)) return colon + 1;
    return NULL;
}

/* Add the names of a "Participants: A, B" text to names. */
static void add_participants(json_t *names, const char *list, int *meta_ai, int *oom)
{
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ',');
        const char *end = e ? e : p + strlen(p);
        while (p < end && (*p == ' ' || *p == '\n')) p++;
        const char *q = end;
        while (q > p && (q[-1] == ' ' || q[-1] == '\n')) q--;
        if (q > p) {
            json_t *o = json_pack("{s:s%}", "name", p, (size_t)(q - p));
            if (!o || json_array_append_new(names, o) != 0) {
                *oom = 1;
                return;
            }
            if ((size_t)(q - p) == 7 && !memcmp(p, "Meta AI", 7)) *meta_ai = 1;
        }
        p = e ? e + 1 : end;
    }
}

static int is_h1_thread_name(const xmlNode *n) { return has_class(n, "_3b0d"); }

/* A header container, not an item: it has no body and no time, and its
 * title is a participants line or "Mailbox thread pending", or it is the
 * first H1 box of the page, or it holds the H1 thread name (_3b0d). The
 * participants it names go to names. */
static int is_header(xmlNode *c, int first, json_t *names, int *meta_ai, int *oom)
{
    char *title = NULL, *all = NULL;
    const char *list;
    int header = 0;

    if (shallowest(c, is_body_el) || shallowest(c, is_time_el)) return 0;
    xmlNode *tel = shallowest(c, is_title_el);
    if (!tel) tel = shallowest(c, is_heading);
    title = tel ? node_text(tel, 1) : strdup("");
    if (!title) goto oom;
    if ((list = participants_list(title)) != NULL) {
        add_participants(names, list, meta_ai, oom);
        header = 1;
        goto out;
    }
    if (!strcasecmp(title, "Mailbox thread pending")) {
        header = 1;
        goto out;
    }
    if (!(first && has_class(c, "_2pi0")) && !shallowest(c, is_h1_thread_name)) goto out;
    header = 1;
    /* an H1 header box: its participants line can be anywhere in it */
    if (!(all = node_text(c, 0))) goto oom;
    for (char *line = all; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        if ((list = participants_list(line)) != NULL) {
            add_participants(names, list, meta_ai, oom);
            break;
        }
        line = nl ? nl + 1 : NULL;
    }
    goto out;
oom:
    *oom = 1;
out:
    free(title);
    free(all);
    return header;
}

static int is_title_tag(const xmlNode *n) { return named(n, "title"); }
static int is_ig_title(const xmlNode *n) { return has_class(n, "_a70e"); }

/* The page's top-level containers, in document order: containers are not
 * entered. Participants headers outside any container go to names. */
static void top_containers(xmlNode *root, nodes *out, json_t *names, int *meta_ai, int *oom)
{
    int depth = 1;
    for (xmlNode *n = root->children; n && !*oom && !out->oom;) {
        int down = is_el(n) && !ignored(n);
        if (down && is_container(n)) {
            nodes_push(out, n);
            down = 0;
        } else if (down && (named(n, "h2") || is_title_el(n))) {
            char *s = node_text(n, 1);
            const char *list = s ? participants_list(s) : NULL;
            if (!s) *oom = 1;
            else if (list) add_participants(names, list, meta_ai, oom);
            free(s);
        }
        n = next_node(n, root, down, &depth);
    }
    if (out->oom) *oom = 1;
}

/* Replace every group by its child containers (recursively, in order). */
static void expand_groups(const nodes *tops, nodes *out, int *oom)
{
    nodes stack = {0};
    for (size_t i = 0; i < tops->n && !*oom; i++) {
        nodes_push(&stack, tops->v[i]);
        while (stack.n && !stack.oom && !out->oom) {
            xmlNode *c = stack.v[--stack.n];
            if (!is_group(c)) {
                nodes_push(out, c);
                continue;
            }
            size_t mark = stack.n;
            for (xmlNode *k = c->children; k; k = k->next)
                if (is_container(k)) nodes_push(&stack, k);
            /* reverse what was pushed so that the first child pops first */
            for (size_t a = mark, z = stack.n; a + 1 < z; a++, z--) {
                xmlNode *tmp = stack.v[a];
                stack.v[a] = stack.v[z - 1];
                stack.v[z - 1] = tmp;
            }
        }
        if (stack.oom || out->oom) *oom = 1;
    }
    free(stack.v);
}

/* The JSON document of a parsed page (html.h). New reference, or NULL when
 * out of memory. */
static json_t *build(xmlDoc *doc)
{
    builder b = {json_object(), json_array(), 0, 0};
    json_t *root = json_object(), *items = json_array(), *names = json_array(), *result = NULL;
    nodes tops = {0}, list = {0};
    char *title = NULL;
    int oom = 0;
    xmlNode *top = xmlDocGetRootElement(doc);

    if (!b.titles || !b.titles_order || !root || !items || !names) goto out;
    if (top) {
        xmlNode *t = shallowest(top, is_title_tag);
        title = t ? node_text(t, 1) : strdup("");
        if (title && !*title && (t = shallowest(top, is_ig_title)) != NULL) {
            free(title);
            title = node_text(t, 1);
        }
        if (!title) goto out;
        top_containers(top, &tops, names, &b.meta_ai, &oom);
        if (!oom) expand_groups(&tops, &list, &oom);
        if (oom) goto out;
        for (size_t i = 0; i < list.n; i++) {
            if (is_header(list.v[i], i == 0, names, &b.meta_ai, &oom)) continue;
            if (oom) goto out;
            json_t *it = build_item(&b, list.v[i]);
            if (!it || json_array_append_new(items, it) != 0) goto out;
        }
        if (oom || b.oom) goto out;
    } else if (!(title = strdup(""))) {
        goto out;
    }
    /* participants: the header's names, else the senders */
    if (!json_array_size(names)) {
        size_t i;
        json_t *v;
        json_array_foreach(b.titles_order, i, v) {
            json_t *o = json_pack("{s:O}", "name", v);
            if (!o || json_array_append_new(names, o) != 0) goto out;
        }
    } else if (b.meta_ai) {
        int have = 0;
        size_t i;
        json_t *v;
        json_array_foreach(names, i, v) have |= !strcmp(json_string_value(json_object_get(v, "name")), "Meta AI");
        if (!have && json_array_append_new(names, json_pack("{s:s}", "name", "Meta AI")) != 0) goto out;
    }
    if (set_new(root, "title", jstr(title, strlen(title)), &oom) ||
        set_new(root, "name", jstr(title, strlen(title)), &oom) || json_object_set(root, "participants", names) ||
        json_object_set(root, "items", items))
        goto out;
    result = root;
    root = NULL;
out:
    json_decref(root);
    json_decref(items);
    json_decref(names);
    json_decref(b.titles);
    json_decref(b.titles_order);
    free(tops.v);
    free(list.v);
    free(title);
    return result;
}

/* ---- parsing ------------------------------------------------------------------- */

/* Parse the bytes fn yields. Returns the tree (caller xmlFreeDoc's it), or
 * NULL with *errmsg set (malloc'd; NULL when out of memory).
 *
 * libxml2 2.9's push parser loses the end of a <script> or <style> element
 * when a chunk ends inside its end tag ("</sty" | "le>"): everything after
 * becomes script text. So a chunk is never cut at a '<' among its last
 * HOLD bytes: that tail is held back and fed with the next chunk, and an
 * end tag always arrives whole. */
#define HOLD 16

static xmlDoc *parse(tr_html_read_fn fn, void *data, const tr_limits *limits, char **errmsg)
{
    char *buf = malloc(CHUNK + HOLD);
    htmlParserCtxtPtr ctxt = NULL;
    xmlDoc *doc = NULL;
    uint64_t total = 0;
    size_t held = 0;
    int text = 0;
    const char *msg = NULL;

    if (!buf) goto out;
    /* encoding forced to UTF-8: Meta's pages are UTF-8, and a page whose
     * <meta charset> comes late must not be read as Latin-1 before it */
    ctxt = htmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
    if (!ctxt) goto out;
    htmlCtxtUseOptions(ctxt, PARSE_OPTIONS);
    for (;;) {
        size_t n = fn(buf + held, CHUNK, data), have, cut;
        if (n == (size_t)-1) {
            msg = "cannot read this member";
            goto out;
        }
        if (n == 0) break;
        if (n > CHUNK) n = CHUNK;
        total += n;
        if (limits && total > limits->max_member_bytes) {
            msg = "HTML member larger than the limit (--max-member-bytes)";
            goto out;
        }
        for (size_t i = held; i < held + n && !text; i++)
            text = !(buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\f');
        have = held + n;
        cut = have;
        for (size_t i = have; i > 0 && have - i < HOLD; i--)
            if (buf[i - 1] == '<') {
                cut = i - 1;
                break;
            }
        if (cut > 0) htmlParseChunk(ctxt, buf, (int)cut, 0);
        held = have - cut;
        memmove(buf, buf + cut, held);
        if (ctxt->errNo == XML_ERR_NO_MEMORY) goto out;
    }
    htmlParseChunk(ctxt, buf, (int)held, 1);
    if (ctxt->errNo == XML_ERR_NO_MEMORY) goto out;
    if (!text) {
        msg = "empty file, not HTML";
        goto out;
    }
    doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (!doc) msg = "cannot parse this member as HTML";
out:
    if (!doc) *errmsg = msg ? strdup(msg) : NULL;
    if (ctxt) {
        if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
        htmlFreeParserCtxt(ctxt);
    }
    free(buf);
    return doc;
}

json_t *tr_html_load_callback(tr_html_read_fn fn, void *data, const tr_limits *limits, char **errmsg)
{
    json_t *out = NULL;
    xmlDoc *doc;

    *errmsg = NULL;
    pthread_once(&init_once, init_libxml);
    doc = parse(fn, data, limits, errmsg);
    if (!doc) return NULL;
    out = build(doc);
    xmlFreeDoc(doc);
    if (!out) *errmsg = strdup("out of memory");
    return out;
}

static size_t reader_read(void *buf, size_t len, void *data) { return tr_reader_read(data, buf, len); }

json_t *tr_html_load(tr_reader *rd, const tr_limits *limits, char **errmsg)
{
    const char *msg = NULL;
    json_t *out = tr_html_load_callback(reader_read, rd, limits, errmsg);
    if (!out && tr_reader_error(rd, &msg) != TR_OK) {
        free(*errmsg);
        *errmsg = strdup(msg ? msg : "cannot read this member");
    }
    return out;
}

/* ---- to tr_jv ------------------------------------------------------------------ */

/* Fill dst with a copy of v. 0, or -1 when out of memory or too large. */
static int jv_copy(tr_jdoc *d, tr_jv *dst, json_t *v)
{
    size_t n;

    memset(dst, 0, sizeof *dst);
    switch (json_typeof(v)) {
    case JSON_NULL: dst->type = TR_JNULL; return 0;
    case JSON_TRUE: dst->type = TR_JTRUE; return 0;
    case JSON_FALSE: dst->type = TR_JFALSE; return 0;
    case JSON_INTEGER:
        dst->type = TR_JINT;
        dst->u.i = (int64_t)json_integer_value(v);
        return 0;
    case JSON_REAL:
        dst->type = TR_JREAL;
        dst->u.d = json_real_value(v);
        return 0;
    case JSON_STRING:
        n = json_string_length(v);
        if (n > UINT32_MAX || !(dst->u.s = tr_jdoc_strdup(d, json_string_value(v), n))) return -1;
        dst->type = TR_JSTRING;
        dst->n = (uint32_t)n;
        return 0;
    case JSON_ARRAY: {
        n = json_array_size(v);
        tr_jv *kids = NULL;
        if (n > UINT32_MAX || (n && !(kids = tr_jdoc_kids(d, n)))) return -1;
        for (size_t i = 0; i < n; i++)
            if (jv_copy(d, &kids[i], json_array_get(v, i)) != 0) return -1;
        dst->type = TR_JARRAY;
        dst->n = (uint32_t)n;
        dst->u.kids = kids;
        return 0;
    }
    case JSON_OBJECT: {
        n = json_object_size(v);
        tr_jv *kids = NULL;
        size_t i = 0;
        if (n > UINT32_MAX || (n && !(kids = tr_jdoc_kids(d, 2 * n)))) return -1;
        for (void *it = json_object_iter(v); it && i < n; it = json_object_iter_next(v, it), i++) {
            const char *key = json_object_iter_key(it);
#if JANSSON_VERSION_HEX >= 0x020e00
            size_t klen = json_object_iter_key_len(it);
#else
            size_t klen = strlen(key);
#endif
            tr_jv *k = &kids[2 * i];
            memset(k, 0, sizeof *k);
            if (klen > UINT32_MAX || !(k->u.s = tr_jdoc_strdup(d, key, klen))) return -1;
            k->type = TR_JSTRING;
            k->n = (uint32_t)klen;
            if (jv_copy(d, &kids[2 * i + 1], json_object_iter_value(it)) != 0) return -1;
        }
        dst->type = TR_JOBJECT;
        dst->n = (uint32_t)i;
        dst->u.kids = kids;
        return 0;
    }
    }
    return -1;
}

tr_jv *tr_jv_from_jansson(tr_jdoc *d, json_t *v)
{
    tr_jv *root;

    if (!d || !v || !(root = tr_jdoc_kids(d, 1))) return NULL;
    return jv_copy(d, root, v) == 0 ? root : NULL;
}
