/* rules.c - parse rule files into a compiled, immutable rule set.
 *
 * The format (rules/README.md) is line based: a line at column 1 is a
 * directive or opens a block; indented lines are "key value" pairs of the
 * open block. The parser keeps going after an error so that one run reports
 * every problem of every file, each with file:line:col and the line's text.
 * Regular expressions and selectors are compiled here, once, while the line
 * is read, so that an error inside a pattern points at its column; matching
 * a compiled rule against a member is the scan's (src/scan/). Where the text
 * comes from (embedded, folders, packs) is ruleload.c's.
 */
#include "rules.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jdoc.h"

enum block_kind { B_NONE, B_RULE, B_FACT, B_ADJUST, B_UNREF, B_LAYOUT, B_DEFAULTS };

/* Defaults of the current file, kept as selector sources. */
typedef struct defaults {
    char *records;
    char **text;
    size_t ntext;
    char **text_longest;
    size_t ntext_longest;
    tr_timesel *time_src; /* sel unused; we keep sources in time_txt */
    char **time_txt;
    int *time_ms;
    size_t ntime;
    char **media;
    size_t nmedia;
} defaults;

typedef struct parser {
    tr_rules *r;
    const char *file;
    tr_diag_fn diag;
    void *user;
    size_t nerr, nwarn;
    int oom;
    int layer; /* of the file being parsed */
    /* current line */
    const char *line;
    unsigned lineno;
    /* current block */
    enum block_kind kind;
    void *cur;
    unsigned keys; /* bit set of keys seen in the block */
    unsigned block_line;
    defaults defs;
    /* where header directives were set */
    const char *version_file, *name_file, *requires_file;
    unsigned version_line, name_line, requires_line;
} parser;

/* ---- small helpers ---------------------------------------------------- */

static void *grow(void *arrp, size_t *n, size_t elsize)
{
    void **arr = arrp;
    char *p = realloc(*arr, (*n + 1) * elsize);
    if (!p) return NULL;
    *arr = p;
    memset(p + *n * elsize, 0, elsize);
    return p + (*n)++ * elsize;
}

static void diag(parser *p, tr_diag_level level, unsigned col, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    tr_diag d;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (level == TR_DIAG_ERROR) p->nerr++;
    else p->nwarn++;
    if (!p->diag) return;
    d.level = level;
    d.file = p->file;
    d.line = p->lineno;
    d.col = col;
    d.message = msg;
    d.line_text = p->line;
    p->diag(&d, p->user);
}

static char *xstrdup(parser *p, const char *s)
{
    char *d = strdup(s);
    if (!d) p->oom = 1;
    return d;
}

static int is_blank(int c) { return c == ' ' || c == '\t'; }

/* Split "key value": returns key length; *val points to the value (trimmed
 * at the start; the line is already trimmed at the end). */
static size_t split_kv(const char *s, const char **val)
{
    size_t k = 0;
    while (s[k] && !is_blank((unsigned char)s[k])) k++;
    const char *v = s + k;
    while (is_blank((unsigned char)*v)) v++;
    *val = v;
    return k;
}

/* Next token of s (blank separated, double quotes group); *len its length.
 * Returns NULL at the end. */
static const char *next_token(const char *s, size_t *len)
{
    while (is_blank((unsigned char)*s)) s++;
    if (!*s) return NULL;
    const char *t = s;
    int q = 0;
    while (*s && (q || !is_blank((unsigned char)*s))) {
        if (*s == '\\' && q && s[1]) s++;
        else if (*s == '"') q = !q;
        s++;
    }
    *len = (size_t)(s - t);
    return t;
}

static unsigned colof(parser *p, const char *at) { return (unsigned)(at - p->line) + 1; }

static int valid_id(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' && *s != '-') return 0;
    return 1;
}

/* ---- compiled pieces ---------------------------------------------------- */

/* Whether q starts an unbounded quantifier: +, * or {n,}. */
static int unbounded_at(const char *q)
{
    if (*q == '+' || *q == '*') return 1;
    if (*q != '{') return 0;
    q++;
    while (*q >= '0' && *q <= '9') q++;
    return q[0] == ',' && q[1] == '}';
}

/* A group with an unbounded quantifier inside, itself repeated without bound:
 * (a+)+, (x*y)*, (?:a|b+){2,}. Such patterns can take exponential time. */
static int nested_quantifier(const char *re)
{
    int depth = 0, inner[64] = {0};
    for (const char *c = re; *c; c++) {
        if (*c == '\\' && c[1]) {
            c++;
            continue;
        }
        if (*c == '[') { /* skip a character class */
            c++;
            if (*c == '^') c++;
            if (*c == ']') c++;
            while (*c && *c != ']') {
                if (*c == '\\' && c[1]) c++;
                c++;
            }
            if (!*c) break;
            continue;
        }
        if (*c == '(') {
            if (depth < 63) inner[++depth] = 0;
        } else if (*c == ')' && depth > 0) {
            int had = inner[depth--];
            if (had && unbounded_at(c + 1)) return 1;
            if (had && depth > 0) inner[depth] = 1;
        } else if (depth > 0 && c != re && unbounded_at(c)) {
            inner[depth] = 1;
        }
    }
    return 0;
}

static int add_regex_ex(parser *p, tr_regex **arr, size_t *n, const char *src, int want_anchor);

static int add_regex(parser *p, tr_regex **arr, size_t *n, const char *src)
{
    return add_regex_ex(p, arr, n, src, 0);
}

static int add_regex_ex(parser *p, tr_regex **arr, size_t *n, const char *src, int want_anchor)
{
    char err[256];
    size_t off = 0;
    tr_regex re;

    if (!*src) {
        diag(p, TR_DIAG_ERROR, colof(p, src), "empty regular expression");
        return -1;
    }
    if (tr_regex_compile(&re, src, &off, err, sizeof err) != 0) {
        diag(p, TR_DIAG_ERROR, colof(p, src) + (unsigned)off, "invalid regular expression: %s", err);
        return -1;
    }
    if (want_anchor && src[strlen(src) - 1] != '$')
        diag(p, TR_DIAG_WARNING, colof(p, src) + (unsigned)strlen(src) - 1,
             "path pattern is not anchored at the end with '$': it may match files it was not written for");
    if (nested_quantifier(src))
        diag(p, TR_DIAG_WARNING, colof(p, src),
             "nested unbounded quantifiers (like (a+)+) can take exponential time on some paths");
    tr_regex *slot = grow(arr, n, sizeof *slot);
    if (!slot) {
        tr_regex_free(&re);
        p->oom = 1;
        return -1;
    }
    *slot = re;
    return 0;
}

static tr_jpath *compile_sel(parser *p, const char *src, size_t len)
{
    char buf[1024];
    tr_jpath *jp = NULL;
    size_t col = 0;
    const char *msg = NULL;

    if (len >= sizeof buf) {
        diag(p, TR_DIAG_ERROR, colof(p, src), "selector too long");
        return NULL;
    }
    memcpy(buf, src, len);
    buf[len] = 0;
    if (tr_jpath_compile(buf, &jp, &col, &msg) != 0) {
        diag(p, TR_DIAG_ERROR, colof(p, src) + (unsigned)col, "invalid selector: %s", msg ? msg : "syntax error");
        return NULL;
    }
    return jp;
}

static void free_cond(tr_cond *c)
{
    tr_jpath_free(c->sel);
    free(c->fact);
    free(c->value);
    tr_regex_free(&c->re);
}

static void free_examples(tr_example *ex, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(ex[i].path);
        free(ex[i].json);
        if (ex[i].facts)
            for (char **f = ex[i].facts; *f; f++) free(*f);
        free(ex[i].facts);
    }
    free(ex);
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

static void free_regexes(tr_regex *re, size_t n)
{
    for (size_t i = 0; i < n; i++) tr_regex_free(&re[i]);
    free(re);
}

static void free_rule(tr_rule *r)
{
    free(r->id);
    free_regexes(r->paths, r->npaths);
    tr_jpath_free(r->records);
    free(r->reason);
    free(r->source);
    for (size_t i = 0; i < r->nconds; i++) free_cond(&r->conds[i]);
    free(r->conds);
    for (size_t i = 0; i < r->ntext; i++) tr_jpath_free(r->text[i]);
    free(r->text);
    for (size_t i = 0; i < r->ntext_longest; i++) tr_jpath_free(r->text_longest[i]);
    free(r->text_longest);
    for (size_t i = 0; i < r->ntime; i++) tr_jpath_free(r->time[i].sel);
    free(r->time);
    for (size_t i = 0; i < r->nmedia; i++) tr_jpath_free(r->media[i]);
    free(r->media);
    free_strv(r->tags, r->ntags);
    free_examples(r->examples, r->nexamples);
}

static void free_defaults(defaults *d)
{
    free(d->records);
    free_strv(d->text, d->ntext);
    free_strv(d->text_longest, d->ntext_longest);
    free_strv(d->time_txt, d->ntime);
    free(d->time_ms);
    free_strv(d->media, d->nmedia);
    memset(d, 0, sizeof *d);
}

static void free_factrule(tr_factrule *f);
static void free_adjust(tr_adjust *a);
static void free_unref(tr_unref *u);
static void free_layout(tr_layout *l);

void tr_rules_free(tr_rules *r)
{
    if (!r) return;
    free(r->name);
    free(r->origin);
    free(r->version);
    free(r->requires);
    free_strv(r->files, r->nfiles);
    free_strv(r->roots, r->nroots);
    free_strv(r->media_ext, r->nmedia_ext);
    free_regexes(r->media_paths, r->nmedia_paths);
    free_regexes(r->profile_folders, r->nprofile_folders);
    for (size_t i = 0; i < r->nlayouts; i++) free_layout(&r->layouts[i]);
    free(r->layouts);
    for (size_t i = 0; i < r->nrules; i++) free_rule(&r->rules[i]);
    free(r->rules);
    for (size_t i = 0; i < r->nfacts; i++) free_factrule(&r->facts[i]);
    free(r->facts);
    for (size_t i = 0; i < r->nadjusts; i++) free_adjust(&r->adjusts[i]);
    free(r->adjusts);
    for (size_t i = 0; i < r->nunrefs; i++) free_unref(&r->unrefs[i]);
    free(r->unrefs);
    free(r);
}

/* ---- values of keys ----------------------------------------------------- */

/* Parse "SCOPE SEL OP [VALUE]" into c. Returns 0 or -1 (diagnosed). */
static int parse_cond(parser *p, const char *v, tr_cond *c, int fact_only)
{
    size_t len;
    const char *t = next_token(v, &len);

    memset(c, 0, sizeof *c);
    if (!t) {
        diag(p, TR_DIAG_ERROR, colof(p, v), "expected a condition: SCOPE SELECTOR OP [VALUE]");
        return -1;
    }
    if (len == 4 && !strncmp(t, "file", 4)) c->scope = TR_SCOPE_FILE;
    else if (len == 6 && !strncmp(t, "record", 6)) c->scope = TR_SCOPE_RECORD;
    else if (len == 4 && !strncmp(t, "fact", 4)) c->scope = TR_SCOPE_FACT;
    else {
        diag(p, TR_DIAG_ERROR, colof(p, t), "unknown condition scope '%.*s' (expected file, record or fact)",
             (int)len, t);
        return -1;
    }
    if (fact_only && c->scope != TR_SCOPE_FACT) {
        diag(p, TR_DIAG_ERROR, colof(p, t), "only 'fact' conditions are allowed here");
        return -1;
    }
    const char *s = next_token(t + len, &len);
    if (!s) {
        diag(p, TR_DIAG_ERROR, colof(p, t + len), "expected a selector after the scope");
        return -1;
    }
    if (c->scope == TR_SCOPE_FACT) {
        c->fact = strndup(s, len);
        if (!c->fact) { p->oom = 1; return -1; }
    } else {
        c->sel = compile_sel(p, s, len);
        if (!c->sel) return -1;
    }
    const char *o = next_token(s + len, &len);
    if (!o) {
        diag(p, TR_DIAG_ERROR, colof(p, s + len), "expected an operator (~, !~, =, !=, exists, missing, greatest)");
        return -1;
    }
#define OPIS(str) (len == strlen(str) && !strncmp(o, str, len))
    if (OPIS("~")) c->op = TR_OP_MATCH;
    else if (OPIS("!~")) c->op = TR_OP_NOMATCH;
    else if (OPIS("=")) c->op = TR_OP_EQ;
    else if (OPIS("!=")) c->op = TR_OP_NE;
    else if (OPIS("exists")) c->op = TR_OP_EXISTS;
    else if (OPIS("missing")) c->op = TR_OP_MISSING;
    else if (OPIS("greatest")) c->op = TR_OP_GREATEST;
    else {
        diag(p, TR_DIAG_ERROR, colof(p, o), "unknown operator '%.*s' (expected ~, !~, =, !=, exists, missing, greatest)",
             (int)len, o);
        return -1;
    }
#undef OPIS
    const char *val = o + len;
    while (is_blank((unsigned char)*val)) val++;
    if (c->op == TR_OP_GREATEST && c->scope != TR_SCOPE_RECORD) {
        diag(p, TR_DIAG_ERROR, colof(p, o), "'greatest' compares the records of a file: use it with 'record'");
        return -1;
    }
    if (c->op == TR_OP_EXISTS || c->op == TR_OP_MISSING || c->op == TR_OP_GREATEST) {
        if (*val) {
            diag(p, TR_DIAG_ERROR, colof(p, val), "'%s' takes no value",
                 c->op == TR_OP_EXISTS ? "exists" : c->op == TR_OP_MISSING ? "missing" : "greatest");
            return -1;
        }
        return 0;
    }
    if (!*val) {
        diag(p, TR_DIAG_ERROR, colof(p, val), "expected a value after the operator");
        return -1;
    }
    if (c->op == TR_OP_MATCH || c->op == TR_OP_NOMATCH) {
        char err[256];
        size_t off = 0;
        if (tr_regex_compile(&c->re, val, &off, err, sizeof err) != 0) {
            diag(p, TR_DIAG_ERROR, colof(p, val) + (unsigned)off, "invalid regular expression: %s", err);
            return -1;
        }
    } else {
        c->value = xstrdup(p, val);
        if (!c->value) return -1;
    }
    return 0;
}

/* Parse "PATH [facts N=V...] [with JSON]" (facts may also follow the JSON). */
static int parse_example(parser *p, const char *v, tr_example **arr, size_t *n, int must_match)
{
    size_t len;
    const char *t = next_token(v, &len);
    tr_example *ex;

    if (!t) {
        diag(p, TR_DIAG_ERROR, colof(p, v), "expected an example path");
        return -1;
    }
    ex = grow(arr, n, sizeof *ex);
    if (!ex) { p->oom = 1; return -1; }
    ex->must_match = must_match;
    ex->line = p->lineno;
    ex->path = strndup(t, len);
    if (!ex->path) { p->oom = 1; return -1; }
    const char *s = t + len;
    size_t nf = 0;
    while ((t = next_token(s, &len)) != NULL) {
        if (len == 4 && !strncmp(t, "with", 4)) {
            const char *j = t + 4;
            while (is_blank((unsigned char)*j)) j++;
            /* one JSON value, then the rest of the line; the parser writes
             * into its buffer, so it reads a copy */
            size_t jlen = strlen(j), used = 0;
            char *copy = malloc(jlen + 1);
            tr_jdoc *d = tr_jdoc_new();
            tr_jerror jerr;
            int ok = 0, oom = !copy || !d;
            if (!oom) {
                memcpy(copy, j, jlen + 1);
                ok = tr_jdoc_parse(d, copy, jlen, TR_JPREFIX, NULL, &used, &jerr) != NULL;
                oom = !ok && jerr.kind == TR_JERR_NOMEM;
            }
            tr_jdoc_free(d);
            free(copy);
            if (oom) { p->oom = 1; return -1; }
            if (!ok) {
                diag(p, TR_DIAG_ERROR, colof(p, j) + (unsigned)jerr.offset, "invalid example JSON: %s", jerr.text);
                return -1;
            }
            free(ex->json);
            ex->json = strndup(j, used);
            if (!ex->json) { p->oom = 1; return -1; }
            s = j + used;
            continue;
        }
        if (len == 5 && !strncmp(t, "facts", 5)) {
            s = t + len;
            const char *f;
            while ((f = next_token(s, &len)) != NULL) {
                if ((len == 4 && !strncmp(f, "with", 4))) break;
                const char *eq = memchr(f, '=', len);
                if (!eq || eq == f) {
                    diag(p, TR_DIAG_ERROR, colof(p, f), "expected NAME=VALUE after 'facts'");
                    return -1;
                }
                char **nv = realloc(ex->facts, (nf + 2) * sizeof *nv);
                if (!nv) { p->oom = 1; return -1; }
                ex->facts = nv;
                nv[nf] = strndup(f, len);
                nv[nf + 1] = NULL;
                if (!nv[nf]) { p->oom = 1; return -1; }
                nf++;
                s = f + len;
            }
            continue;
        }
        diag(p, TR_DIAG_ERROR, colof(p, t), "unexpected '%.*s' in example (expected 'with JSON' or 'facts N=V')",
             (int)len, t);
        return -1;
    }
    return 0;
}

static int add_words(parser *p, char ***arr, size_t *n, const char *v, int lower)
{
    size_t len;
    const char *t;
    int any = 0;
    while ((t = next_token(v, &len)) != NULL) {
        char **slot = grow(arr, n, sizeof *slot);
        if (!slot) { p->oom = 1; return -1; }
        *slot = strndup(t, len);
        if (!*slot) { p->oom = 1; return -1; }
        if (lower)
            for (char *c = *slot; *c; c++) *c = (char)tolower((unsigned char)*c);
        v = t + len;
        any = 1;
    }
    if (!any) {
        diag(p, TR_DIAG_ERROR, colof(p, v), "expected at least one value");
        return -1;
    }
    return 0;
}

/* `SEL [WORD]`: the selector's source in *src (malloc'd), validated, and
 * whether WORD follows it (`time SEL ms`, `text SEL longest`); what names
 * the key in messages ("time", "text"). */
static int parse_sel_flag(parser *p, const char *v, const char *word, const char *what, char **src, int *flag)
{
    size_t len, l2, wl = strlen(word);
    const char *t = next_token(v, &len);
    if (!t) {
        diag(p, TR_DIAG_ERROR, colof(p, v), "expected a selector");
        return -1;
    }
    const char *u = next_token(t + len, &l2);
    *flag = 0;
    if (u) {
        if (l2 == wl && !strncmp(u, word, wl) && !next_token(u + l2, &l2)) *flag = 1;
        else {
            diag(p, TR_DIAG_ERROR, colof(p, u), "expected nothing or '%s' after the %s selector", word, what);
            return -1;
        }
    }
    tr_jpath *jp = compile_sel(p, t, len); /* validate now, compile again per rule */
    if (!jp) return -1;
    tr_jpath_free(jp);
    *src = strndup(t, len);
    if (!*src) { p->oom = 1; return -1; }
    return 0;
}

/* `time SEL [ms]` and `text SEL [longest]` (a fallback: the longest string). */
static int parse_time(parser *p, const char *v, char **src, int *ms)
{
    return parse_sel_flag(p, v, "ms", "time", src, ms);
}

static int parse_text(parser *p, const char *v, char **src, int *longest)
{
    return parse_sel_flag(p, v, "longest", "text", src, longest);
}

/* ---- blocks --------------------------------------------------------------- */

enum {
    K_PLATFORM = 1u << 0, K_PATH = 1u << 1, K_RECORDS = 1u << 2, K_CATEGORY = 1u << 3,
    K_VERDICT = 1u << 4, K_REASON = 1u << 5, K_SOURCE = 1u << 6, K_TEXT = 1u << 7,
    K_TIME = 1u << 8, K_MEDIA = 1u << 9, K_SETS = 1u << 10, K_VALUE = 1u << 11,
    K_TYPE = 1u << 12, K_FROM = 1u << 13, K_TO = 1u << 14, K_MARKER = 1u << 15,
    K_WORDS = 1u << 16,
};

static int once(parser *p, unsigned key, const char *name, const char *k)
{
    if (p->keys & key) {
        diag(p, TR_DIAG_ERROR, colof(p, k), "'%s' given twice in this block", name);
        return 0;
    }
    p->keys |= key;
    return 1;
}

static int set_text(parser *p, char **dst, const char *v, const char *key)
{
    if (!*v) {
        diag(p, TR_DIAG_ERROR, colof(p, v), "'%s' needs a value", key);
        return -1;
    }
    free(*dst);
    *dst = xstrdup(p, v);
    return *dst ? 0 : -1;
}

static int parse_platform(parser *p, const char *v, unsigned *out, int allow_any)
{
    if (tr_platform_parse(v, out) != 0 || (!allow_any && *out == TR_PLAT_ANY)) {
        diag(p, TR_DIAG_ERROR, colof(p, v), "unknown platform '%s' (expected facebook%s)", v,
             allow_any ? ", instagram or any" : " or instagram");
        return -1;
    }
    return 0;
}

/* A draft (`trainable rules draft`) leaves "TODO" where a person decides. */
#define DRAFT_TODO(p, v, key, choices)                                                                       \
    diag(p, TR_DIAG_ERROR, colof(p, v), "'%s TODO': this rule is an unfinished draft; replace TODO with its %s (%s)", \
         key, key, choices)
#define CATEGORIES "post, photo, video, comment, reaction, story, reel, message, ai_chat, event, listing, profile, " \
                   "connection, activity, ads, security, settings or other"

static int parse_verdict(parser *p, const char *v, tr_verdict *out)
{
    if (!strcmp(v, "TODO")) {
        DRAFT_TODO(p, v, "verdict", "eligible, uncertain or private");
        return -1;
    }
    if (tr_verdict_parse(v, out) != 0) {
        diag(p, TR_DIAG_ERROR, colof(p, v), "unknown verdict '%s' (expected eligible, uncertain or private)", v);
        return -1;
    }
    return 0;
}

static void rule_key(parser *p, tr_rule *r, const char *k, size_t klen, const char *v)
{
#define KEY(s) (klen == strlen(s) && !strncmp(k, s, klen))
    if (KEY("platform")) {
        if (once(p, K_PLATFORM, "platform", k)) parse_platform(p, v, &r->platforms, 1);
    } else if (KEY("path")) {
        p->keys |= K_PATH;
        add_regex_ex(p, &r->paths, &r->npaths, v, 1);
    } else if (KEY("records")) {
        if (!once(p, K_RECORDS, "records", k)) return;
        if (!strcmp(v, "none")) r->no_records = 1;
        else if (strcmp(v, "auto") != 0) r->records = compile_sel(p, v, strlen(v));
    } else if (KEY("category")) {
        if (!once(p, K_CATEGORY, "category", k)) return;
        if (!strcmp(v, "TODO")) DRAFT_TODO(p, v, "category", CATEGORIES);
        else if (tr_category_parse(v, &r->category) != 0)
            diag(p, TR_DIAG_ERROR, colof(p, v), "unknown category '%s'", v);
    } else if (KEY("verdict")) {
        if (once(p, K_VERDICT, "verdict", k)) parse_verdict(p, v, &r->verdict);
    } else if (KEY("reason")) {
        if (once(p, K_REASON, "reason", k)) set_text(p, &r->reason, v, "reason");
    } else if (KEY("source")) {
        if (once(p, K_SOURCE, "source", k)) set_text(p, &r->source, v, "source");
    } else if (KEY("when")) {
        tr_cond c;
        if (parse_cond(p, v, &c, 0) != 0) { free_cond(&c); return; }
        tr_cond *slot = grow(&r->conds, &r->nconds, sizeof *slot);
        if (!slot) { free_cond(&c); p->oom = 1; return; }
        *slot = c;
        if (c.scope == TR_SCOPE_FILE) r->has_file_conds = 1;
        else if (c.scope == TR_SCOPE_RECORD) r->has_record_conds = 1;
        else r->has_fact_conds = 1;
        if (c.op == TR_OP_GREATEST) r->has_rank_conds = 1;
    } else if (KEY("text")) {
        char *src = NULL;
        int longest = 0;
        if (parse_text(p, v, &src, &longest) != 0) return;
        tr_jpath **slot = longest ? grow(&r->text_longest, &r->ntext_longest, sizeof *slot)
                                  : grow(&r->text, &r->ntext, sizeof *slot);
        if (!slot) { free(src); p->oom = 1; return; }
        *slot = compile_sel(p, src, strlen(src));
        free(src);
        p->keys |= K_TEXT;
    } else if (KEY("media")) {
        tr_jpath *jp = compile_sel(p, v, strlen(v));
        if (!jp) return;
        tr_jpath **slot = grow(&r->media, &r->nmedia, sizeof *slot);
        if (!slot) { tr_jpath_free(jp); p->oom = 1; return; }
        *slot = jp;
        p->keys |= K_MEDIA;
    } else if (KEY("time")) {
        char *src = NULL;
        int ms = 0;
        if (parse_time(p, v, &src, &ms) != 0) return;
        tr_timesel *slot = grow(&r->time, &r->ntime, sizeof *slot);
        if (!slot) { free(src); p->oom = 1; return; }
        slot->sel = compile_sel(p, src, strlen(src));
        slot->ms = ms;
        free(src);
        p->keys |= K_TIME;
    } else if (KEY("tags")) {
        add_words(p, &r->tags, &r->ntags, v, 0);
    } else if (KEY("match") || KEY("nomatch")) {
        parse_example(p, v, &r->examples, &r->nexamples, KEY("match"));
    } else {
        diag(p, TR_DIAG_ERROR, colof(p, k), "unknown key '%.*s' in a rule", (int)klen, k);
    }
}

static void fact_key(parser *p, tr_factrule *f, const char *k, size_t klen, const char *v)
{
    if (KEY("platform")) {
        if (once(p, K_PLATFORM, "platform", k)) parse_platform(p, v, &f->platforms, 1);
    } else if (KEY("path")) {
        p->keys |= K_PATH;
        add_regex_ex(p, &f->paths, &f->npaths, v, 1);
    } else if (KEY("sets")) {
        if (!once(p, K_SETS, "sets", k)) return;
        if (!valid_id(v)) diag(p, TR_DIAG_ERROR, colof(p, v), "invalid fact name '%s'", v);
        else set_text(p, &f->sets, v, "sets");
    } else if (KEY("value")) {
        if (once(p, K_VALUE, "value", k)) f->value = compile_sel(p, v, strlen(v));
    } else if (KEY("type")) {
        if (!once(p, K_TYPE, "type", k)) return;
        if (!strcmp(v, "date")) f->type = TR_FACT_DATE;
        else if (!strcmp(v, "bool")) f->type = TR_FACT_BOOL;
        else if (!strcmp(v, "string")) f->type = TR_FACT_STRING;
        else if (!strcmp(v, "email")) f->type = TR_FACT_EMAIL;
        else diag(p, TR_DIAG_ERROR, colof(p, v), "unknown fact type '%s' (expected date, bool, string or email)", v);
    } else if (KEY("true") || KEY("false")) {
        p->keys |= K_WORDS;
        if (KEY("true")) add_words(p, &f->yes, &f->nyes, v, 0);
        else add_words(p, &f->no, &f->nno, v, 0);
    } else if (KEY("match") || KEY("nomatch")) {
        parse_example(p, v, &f->examples, &f->nexamples, KEY("match"));
    } else {
        diag(p, TR_DIAG_ERROR, colof(p, k), "unknown key '%.*s' in a fact", (int)klen, k);
    }
}

static void adjust_key(parser *p, tr_adjust *a, const char *k, size_t klen, const char *v)
{
    if (KEY("platform")) {
        if (once(p, K_PLATFORM, "platform", k)) parse_platform(p, v, &a->platforms, 1);
    } else if (KEY("when")) {
        tr_cond c;
        if (parse_cond(p, v, &c, 1) != 0) { free_cond(&c); return; }
        tr_cond *slot = grow(&a->conds, &a->nconds, sizeof *slot);
        if (!slot) { free_cond(&c); p->oom = 1; return; }
        *slot = c;
    } else if (KEY("tags")) {
        add_words(p, &a->tags, &a->ntags, v, 0);
    } else if (KEY("from") || KEY("except")) {
        int from = KEY("from");
        size_t len;
        const char *t;
        const char *s = v;
        if (from && !once(p, K_FROM, "from", k)) return;
        if (!*v) diag(p, TR_DIAG_ERROR, colof(p, v), "expected at least one value");
        while ((t = next_token(s, &len)) != NULL) {
            char w[64];
            snprintf(w, sizeof w, "%.*s", (int)(len < 63 ? len : 63), t);
            if (from) {
                tr_verdict vd;
                if (parse_verdict(p, w, &vd) == 0) a->from |= 1u << vd;
            } else {
                tr_category c;
                if (tr_category_parse(w, &c) == 0) a->except |= 1u << c;
                else diag(p, TR_DIAG_ERROR, colof(p, t), "unknown category '%s'", w);
            }
            s = t + len;
        }
    } else if (KEY("to")) {
        if (once(p, K_TO, "to", k)) parse_verdict(p, v, &a->to);
    } else if (KEY("reason")) {
        if (once(p, K_REASON, "reason", k)) set_text(p, &a->reason, v, "reason");
    } else if (KEY("source")) {
        if (once(p, K_SOURCE, "source", k)) set_text(p, &a->source, v, "source");
    } else {
        diag(p, TR_DIAG_ERROR, colof(p, k), "unknown key '%.*s' in an adjust block", (int)klen, k);
    }
}

static void unref_key(parser *p, tr_unref *u, const char *k, size_t klen, const char *v)
{
    if (KEY("path")) {
        p->keys |= K_PATH;
        add_regex(p, &u->paths, &u->npaths, v);
    } else if (KEY("verdict")) {
        if (once(p, K_VERDICT, "verdict", k)) parse_verdict(p, v, &u->verdict);
    } else if (KEY("reason")) {
        if (once(p, K_REASON, "reason", k)) set_text(p, &u->reason, v, "reason");
    } else if (KEY("source")) {
        if (once(p, K_SOURCE, "source", k)) set_text(p, &u->source, v, "source");
    } else {
        diag(p, TR_DIAG_ERROR, colof(p, k), "unknown key '%.*s' in an unreferenced block", (int)klen, k);
    }
}

static void layout_key(parser *p, tr_layout *l, const char *k, size_t klen, const char *v)
{
    if (KEY("platform")) {
        if (once(p, K_PLATFORM, "platform", k)) parse_platform(p, v, &l->platform, 0);
    } else if (KEY("marker")) {
        p->keys |= K_MARKER;
        add_regex(p, &l->markers, &l->nmarkers, v);
    } else {
        diag(p, TR_DIAG_ERROR, colof(p, k), "unknown key '%.*s' in a layout", (int)klen, k);
    }
}

static void defaults_key(parser *p, const char *k, size_t klen, const char *v)
{
    defaults *d = &p->defs;
    if (KEY("records")) {
        if (strcmp(v, "auto") != 0) {
            tr_jpath *jp = compile_sel(p, v, strlen(v));
            if (!jp) return;
            tr_jpath_free(jp);
        }
        set_text(p, &d->records, v, "records");
    } else if (KEY("text")) {
        char *src = NULL;
        int longest = 0;
        if (parse_text(p, v, &src, &longest) != 0) return;
        char **slot = longest ? grow(&d->text_longest, &d->ntext_longest, sizeof *slot)
                              : grow(&d->text, &d->ntext, sizeof *slot);
        if (!slot) { free(src); p->oom = 1; return; }
        *slot = src;
    } else if (KEY("media")) {
        tr_jpath *jp = compile_sel(p, v, strlen(v));
        if (!jp) return;
        tr_jpath_free(jp);
        char **slot = grow(&d->media, &d->nmedia, sizeof *slot);
        if (!slot) { p->oom = 1; return; }
        *slot = xstrdup(p, v);
    } else if (KEY("time")) {
        char *src = NULL;
        int ms = 0;
        if (parse_time(p, v, &src, &ms) != 0) return;
        char **slot = grow(&d->time_txt, &d->ntime, sizeof *slot);
        if (!slot) { free(src); p->oom = 1; return; }
        *slot = src;
        d->ntime--;
        int *m = grow(&d->time_ms, &d->ntime, sizeof *m);
        if (!m) { p->oom = 1; return; }
        *m = ms;
    } else {
        diag(p, TR_DIAG_ERROR, colof(p, k), "unknown key '%.*s' in defaults (expected records, text, time, media)",
             (int)klen, k);
    }
#undef KEY
}

/* Copy the file's defaults into a rule for the keys it did not set. */
static void apply_defaults(parser *p, tr_rule *r)
{
    defaults *d = &p->defs;
    if (!(p->keys & K_RECORDS) && d->records && strcmp(d->records, "auto") != 0)
        r->records = compile_sel(p, d->records, strlen(d->records));
    if (!(p->keys & K_TEXT))
        for (size_t i = 0; i < d->ntext; i++) {
            tr_jpath **slot = grow(&r->text, &r->ntext, sizeof *slot);
            if (!slot) { p->oom = 1; return; }
            *slot = compile_sel(p, d->text[i], strlen(d->text[i]));
        }
    if (!(p->keys & K_TEXT))
        for (size_t i = 0; i < d->ntext_longest; i++) {
            tr_jpath **slot = grow(&r->text_longest, &r->ntext_longest, sizeof *slot);
            if (!slot) { p->oom = 1; return; }
            *slot = compile_sel(p, d->text_longest[i], strlen(d->text_longest[i]));
        }
    if (!(p->keys & K_TIME))
        for (size_t i = 0; i < d->ntime; i++) {
            tr_timesel *slot = grow(&r->time, &r->ntime, sizeof *slot);
            if (!slot) { p->oom = 1; return; }
            slot->sel = compile_sel(p, d->time_txt[i], strlen(d->time_txt[i]));
            slot->ms = d->time_ms[i];
        }
    if (!(p->keys & K_MEDIA)) {
        if (d->nmedia == 0) {
            tr_jpath **slot = grow(&r->media, &r->nmedia, sizeof *slot);
            if (!slot) { p->oom = 1; return; }
            *slot = compile_sel(p, "**.uri", 6);
        }
        for (size_t i = 0; i < d->nmedia; i++) {
            tr_jpath **slot = grow(&r->media, &r->nmedia, sizeof *slot);
            if (!slot) { p->oom = 1; return; }
            *slot = compile_sel(p, d->media[i], strlen(d->media[i]));
        }
    }
}

static void require(parser *p, unsigned key, const char *name, const char *what, const char *id)
{
    if (!(p->keys & key)) {
        unsigned save = p->lineno;
        const char *line = p->line;
        p->lineno = p->block_line;
        p->line = NULL;
        diag(p, TR_DIAG_ERROR, 1, "%s '%s' has no '%s'", what, id ? id : "?", name);
        p->lineno = save;
        p->line = line;
    }
}

static void *cur_block(parser *p);

static void end_block(parser *p)
{
    void *cur = cur_block(p);
    switch (p->kind) {
    case B_RULE: {
        tr_rule *r = cur;
        const char *id = r->id;
        require(p, K_PLATFORM, "platform", "rule", id);
        require(p, K_PATH, "path", "rule", id);
        require(p, K_CATEGORY, "category", "rule", id);
        require(p, K_VERDICT, "verdict", "rule", id);
        require(p, K_REASON, "reason", "rule", id);
        require(p, K_SOURCE, "source", "rule", id);
        apply_defaults(p, r);
        int nmatch = 0;
        for (size_t i = 0; i < r->nexamples; i++) nmatch += r->examples[i].must_match;
        if (!nmatch) {
            unsigned save = p->lineno;
            const char *line = p->line;
            p->lineno = p->block_line;
            p->line = NULL;
            diag(p, TR_DIAG_WARNING, 1, "rule '%s' has no 'match' example", id ? id : "?");
            p->lineno = save;
            p->line = line;
        }
        break;
    }
    case B_FACT: {
        tr_factrule *f = cur;
        require(p, K_PLATFORM, "platform", "fact", f->id);
        require(p, K_PATH, "path", "fact", f->id);
        require(p, K_SETS, "sets", "fact", f->id);
        require(p, K_VALUE, "value", "fact", f->id);
        require(p, K_TYPE, "type", "fact", f->id);
        if ((p->keys & K_WORDS) && (p->keys & K_TYPE) && f->type != TR_FACT_BOOL) {
            unsigned save = p->lineno;
            const char *line = p->line;
            p->lineno = p->block_line;
            p->line = NULL;
            diag(p, TR_DIAG_ERROR, 1, "fact '%s' has 'true' or 'false' words but is not of type bool",
                 f->id ? f->id : "?");
            p->lineno = save;
            p->line = line;
        }
        break;
    }
    case B_ADJUST: {
        tr_adjust *a = cur;
        if (!(p->keys & K_PLATFORM)) a->platforms = TR_PLAT_ANY;
        require(p, K_FROM, "from", "adjust", a->id);
        require(p, K_TO, "to", "adjust", a->id);
        require(p, K_REASON, "reason", "adjust", a->id);
        require(p, K_SOURCE, "source", "adjust", a->id);
        break;
    }
    case B_UNREF: {
        tr_unref *u = cur;
        require(p, K_PATH, "path", "unreferenced block", u->id);
        require(p, K_VERDICT, "verdict", "unreferenced block", u->id);
        require(p, K_REASON, "reason", "unreferenced block", u->id);
        require(p, K_SOURCE, "source", "unreferenced block", u->id);
        break;
    }
    case B_LAYOUT: {
        tr_layout *l = cur;
        require(p, K_PLATFORM, "platform", "layout", l->name);
        require(p, K_MARKER, "marker", "layout", l->name);
        break;
    }
    case B_DEFAULTS:
    case B_NONE:
        break;
    }
    p->kind = B_NONE;
    p->cur = NULL;
    p->keys = 0;
}

/* Index-stable pointers: blocks are appended to arrays that may move, so the
 * current block is found again by index through these helpers. */
static void *cur_block(parser *p)
{
    tr_rules *r = p->r;
    switch (p->kind) {
    case B_RULE: return &r->rules[r->nrules - 1];
    case B_FACT: return &r->facts[r->nfacts - 1];
    case B_ADJUST: return &r->adjusts[r->nadjusts - 1];
    case B_UNREF: return &r->unrefs[r->nunrefs - 1];
    case B_LAYOUT: return &r->layouts[r->nlayouts - 1];
    default: return NULL;
    }
}

static void header_once(parser *p, char **dst, const char **wfile, unsigned *wline, const char *name,
                        const char *v)
{
    if (*dst) {
        diag(p, TR_DIAG_ERROR, 1, "'%s' already set at %s:%u", name, *wfile, *wline);
        return;
    }
    if (set_text(p, dst, v, name) == 0) {
        *wfile = p->file;
        *wline = p->lineno;
    }
}

static void begin_block(parser *p, const char *k, size_t klen, const char *v)
{
    tr_rules *r = p->r;
#define KEY(s) (klen == strlen(s) && !strncmp(k, s, klen))
    int product = KEY("product");
    enum block_kind kind = KEY("rule") ? B_RULE : KEY("fact") ? B_FACT : KEY("adjust") ? B_ADJUST
                         : KEY("unreferenced") ? B_UNREF : KEY("layout") || product ? B_LAYOUT
                         : KEY("defaults") ? B_DEFAULTS : B_NONE;
    if (kind == B_NONE) {
        if (KEY("version")) header_once(p, &r->version, &p->version_file, &p->version_line, "version", v);
        else if (KEY("ruleset")) header_once(p, &r->name, &p->name_file, &p->name_line, "ruleset", v);
        else if (KEY("requires")) header_once(p, &r->requires, &p->requires_file, &p->requires_line, "requires", v);
        else if (KEY("roots")) add_words(p, &r->roots, &r->nroots, v, 0);
        else if (KEY("media-extensions")) add_words(p, &r->media_ext, &r->nmedia_ext, v, 1);
        else if (KEY("media-path")) add_regex(p, &r->media_paths, &r->nmedia_paths, v);
        else if (KEY("profile-folder")) add_regex(p, &r->profile_folders, &r->nprofile_folders, v);
        else
            diag(p, TR_DIAG_ERROR, 1, "unknown directive or block '%.*s' (an indented line belongs to the block above)",
                 (int)klen, k);
        return;
    }
#undef KEY
    if (kind == B_DEFAULTS) {
        if (*v) diag(p, TR_DIAG_ERROR, colof(p, v), "'defaults' takes no name");
        free_defaults(&p->defs);
        p->kind = B_DEFAULTS;
        p->block_line = p->lineno;
        return;
    }
    if (!valid_id(v)) {
        diag(p, TR_DIAG_ERROR, *v ? colof(p, v) : (unsigned)klen + 1,
             *v ? "invalid id '%s' (letters, digits, '.', '_' and '-' only)" : "expected an id after the keyword", v);
    }
    void *blk = NULL;
    size_t sz = 0;
    switch (kind) {
    case B_RULE: blk = grow(&r->rules, &r->nrules, sz = sizeof(tr_rule)); break;
    case B_FACT: blk = grow(&r->facts, &r->nfacts, sz = sizeof(tr_factrule)); break;
    case B_ADJUST: blk = grow(&r->adjusts, &r->nadjusts, sz = sizeof(tr_adjust)); break;
    case B_UNREF: blk = grow(&r->unrefs, &r->nunrefs, sz = sizeof(tr_unref)); break;
    case B_LAYOUT: blk = grow(&r->layouts, &r->nlayouts, sz = sizeof(tr_layout)); break;
    default: break;
    }
    if (!blk) { p->oom = 1; return; }
    char *id = xstrdup(p, v);
    *(int *)blk = p->layer; /* every block struct starts with its layer */
    switch (kind) {
    case B_RULE: ((tr_rule *)blk)->id = id; ((tr_rule *)blk)->file = p->file; ((tr_rule *)blk)->line = p->lineno; break;
    case B_FACT: ((tr_factrule *)blk)->id = id; ((tr_factrule *)blk)->file = p->file; ((tr_factrule *)blk)->line = p->lineno; break;
    case B_ADJUST: ((tr_adjust *)blk)->id = id; ((tr_adjust *)blk)->file = p->file; ((tr_adjust *)blk)->line = p->lineno; break;
    case B_UNREF: ((tr_unref *)blk)->id = id; ((tr_unref *)blk)->file = p->file; ((tr_unref *)blk)->line = p->lineno; break;
    case B_LAYOUT:
        ((tr_layout *)blk)->name = id;
        ((tr_layout *)blk)->file = p->file;
        ((tr_layout *)blk)->line = p->lineno;
        ((tr_layout *)blk)->product_only = product;
        break;
    default: break;
    }
    (void)sz;
    p->kind = kind;
    p->block_line = p->lineno;
}

static void parse_line(parser *p, char *line)
{
    const char *v;
    size_t klen;

    p->line = line;
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\r' || is_blank((unsigned char)line[n - 1]))) line[--n] = 0;
    const char *s = line;
    while (is_blank((unsigned char)*s)) s++;
    if (!*s || *s == '#') return;
    if (s == line) {
        end_block(p);
        klen = split_kv(s, &v);
        begin_block(p, s, klen, v);
        return;
    }
    if (p->kind == B_NONE) {
        diag(p, TR_DIAG_ERROR, colof(p, s), "indented line outside a block");
        return;
    }
    klen = split_kv(s, &v);
    switch (p->kind) {
    case B_RULE: rule_key(p, cur_block(p), s, klen, v); break;
    case B_FACT: fact_key(p, cur_block(p), s, klen, v); break;
    case B_ADJUST: adjust_key(p, cur_block(p), s, klen, v); break;
    case B_UNREF: unref_key(p, cur_block(p), s, klen, v); break;
    case B_LAYOUT: layout_key(p, cur_block(p), s, klen, v); break;
    case B_DEFAULTS: defaults_key(p, s, klen, v); break;
    case B_NONE: break;
    }
}

static void parse_file(parser *p, const tr_rule_source *src)
{
    const char *s = src->text, *end = src->text + src->len;
    p->lineno = 0;
    free_defaults(&p->defs);
    while (s < end && !p->oom) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
        char *line = strndup(s, len);
        if (!line) { p->oom = 1; break; }
        p->lineno++;
        if (memchr(s, 0, len)) diag(p, TR_DIAG_ERROR, 1, "NUL byte in rule file");
        else parse_line(p, line);
        p->line = NULL;
        free(line);
        s = nl ? nl + 1 : end;
    }
    p->lineno++;
    end_block(p);
    free_defaults(&p->defs);
}

/* ---- whole-set checks ----------------------------------------------------- */

typedef struct idref { const char *id, *file; unsigned line; int layer; } idref;

static void check_ids(parser *p)
{
    tr_rules *r = p->r;
    size_t n = r->nrules + r->nfacts + r->nadjusts + r->nunrefs + r->nlayouts, k = 0;
    idref *ids = calloc(n ? n : 1, sizeof *ids);
    if (!ids) { p->oom = 1; return; }
    for (size_t i = 0; i < r->nrules; i++) ids[k++] = (idref){r->rules[i].id, r->rules[i].file, r->rules[i].line, r->rules[i].layer};
    for (size_t i = 0; i < r->nfacts; i++) ids[k++] = (idref){r->facts[i].id, r->facts[i].file, r->facts[i].line, r->facts[i].layer};
    for (size_t i = 0; i < r->nadjusts; i++) ids[k++] = (idref){r->adjusts[i].id, r->adjusts[i].file, r->adjusts[i].line, r->adjusts[i].layer};
    for (size_t i = 0; i < r->nunrefs; i++) ids[k++] = (idref){r->unrefs[i].id, r->unrefs[i].file, r->unrefs[i].line, r->unrefs[i].layer};
    for (size_t i = 0; i < r->nlayouts; i++) ids[k++] = (idref){r->layouts[i].name, r->layouts[i].file, r->layouts[i].line, r->layouts[i].layer};
    for (size_t i = 0; i < k; i++) {
        if (!ids[i].id) continue;
        for (size_t j = 0; j < i; j++) {
            if (ids[j].id && ids[j].layer == ids[i].layer && strcmp(ids[i].id, ids[j].id) == 0) {
                p->file = ids[i].file;
                p->lineno = ids[i].line;
                p->line = NULL;
                diag(p, TR_DIAG_ERROR, 1, "duplicate id '%s' (first defined at %s:%u)", ids[i].id, ids[j].file,
                     ids[j].line);
                break;
            }
        }
    }
    free(ids);
}

int tr_version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
        if (x != y) return x < y ? -1 : 1;
        if (*a == '.') a++;
        else if (*a) return 0;
        if (*b == '.') b++;
        else if (*b) return 0;
    }
    return 0;
}

static void check_set(parser *p)
{
    tr_rules *r = p->r;
    p->line = NULL;
    p->file = r->nfiles ? r->files[0] : "(rules)";
    p->lineno = 0;
    if (!r->version) diag(p, TR_DIAG_ERROR, 0, "the rule set declares no 'version'");
    if (r->requires) {
        p->file = p->requires_file;
        p->lineno = p->requires_line;
        if (tr_version_cmp(r->requires, TR_VERSION) > 0)
            diag(p, TR_DIAG_ERROR, 0, "this rule set requires trainable %s or newer; this is trainable %s",
                 r->requires, TR_VERSION);
    }
    p->file = r->nfiles ? r->files[0] : "(rules)";
    p->lineno = 0;
    if (!r->nlayouts) diag(p, TR_DIAG_ERROR, 0, "the rule set has no 'layout' block");
    if (!r->nrules) diag(p, TR_DIAG_ERROR, 0, "the rule set has no 'rule' block");
    check_ids(p);
    /* make roots NULL-terminated */
    char **v = realloc(r->roots, (r->nroots + 1) * sizeof *v);
    if (!v) { p->oom = 1; return; }
    v[r->nroots] = NULL;
    r->roots = v;
}

/* Merge layers: a block whose id exists in a lower layer replaces it in
 * place; remaining higher-layer rules and facts move before the base ones
 * (adjusts, unreferenced and layout blocks keep their order). */
#define MERGE_LAYERS(arr, n, T, idfield, freefn, new_first)                                                        \
    do {                                                                                                           \
        size_t w_ = 0;                                                                                             \
        for (size_t i_ = 0; i_ < (n); i_++) {                                                                      \
            int replaced_ = 0;                                                                                     \
            for (size_t j_ = 0; j_ < w_ && !replaced_; j_++)                                                       \
                if ((arr)[j_].layer < (arr)[i_].layer && (arr)[i_].idfield && (arr)[j_].idfield &&                 \
                    !strcmp((arr)[j_].idfield, (arr)[i_].idfield)) {                                               \
                    int keep_ = (arr)[j_].layer; /* stays in place */                                             \
                    freefn(&(arr)[j_]);                                                                            \
                    (arr)[j_] = (arr)[i_];                                                                         \
                    (arr)[j_].layer = keep_;                                                                       \
                    replaced_ = 1;                                                                                 \
                }                                                                                                  \
            if (!replaced_) (arr)[w_++] = (arr)[i_];                                                               \
        }                                                                                                          \
        (n) = w_;                                                                                                  \
        if (new_first) { /* stable: higher layers first */                                                         \
            T *tmp_ = malloc(((n) ? (n) : 1) * sizeof(T));                                                         \
            if (!tmp_) { p->oom = 1; break; }                                                                      \
            size_t k_ = 0;                                                                                         \
            for (int l_ = max_layer; l_ >= 0; l_--)                                                                \
                for (size_t i_ = 0; i_ < (n); i_++)                                                                \
                    if ((arr)[i_].layer == l_) tmp_[k_++] = (arr)[i_];       \
            if (k_) memcpy((arr), tmp_, k_ * sizeof(T));                                                           \
            free(tmp_);                                                                                            \
        }                                                                                                          \
    } while (0)

static void free_factrule(tr_factrule *f)
{
    free(f->id);
    free_regexes(f->paths, f->npaths);
    free(f->sets);
    tr_jpath_free(f->value);
    free_strv(f->yes, f->nyes);
    free_strv(f->no, f->nno);
    free_examples(f->examples, f->nexamples);
}

static void free_adjust(tr_adjust *a)
{
    free(a->id);
    for (size_t j = 0; j < a->nconds; j++) free_cond(&a->conds[j]);
    free(a->conds);
    free_strv(a->tags, a->ntags);
    free(a->reason);
    free(a->source);
}

static void free_unref(tr_unref *u)
{
    free(u->id);
    free_regexes(u->paths, u->npaths);
    free(u->reason);
    free(u->source);
}

static void free_layout(tr_layout *l)
{
    free(l->name);
    free_regexes(l->markers, l->nmarkers);
}

static void merge_layers(parser *p, int max_layer)
{
    tr_rules *r = p->r;
    if (max_layer == 0) return;
    MERGE_LAYERS(r->rules, r->nrules, tr_rule, id, free_rule, 1);
    MERGE_LAYERS(r->facts, r->nfacts, tr_factrule, id, free_factrule, 1);
    MERGE_LAYERS(r->adjusts, r->nadjusts, tr_adjust, id, free_adjust, 0);
    MERGE_LAYERS(r->unrefs, r->nunrefs, tr_unref, id, free_unref, 0);
    MERGE_LAYERS(r->layouts, r->nlayouts, tr_layout, name, free_layout, 0);
}

tr_err tr_rules_load(const tr_rule_source *srcs, size_t n, tr_diag_fn diagfn, void *user, tr_rules **out,
                     size_t *nerrors, size_t *nwarnings)
{
    parser p;
    tr_err rc = TR_OK;
    int max_layer = 0;

    *out = NULL;
    memset(&p, 0, sizeof p);
    p.diag = diagfn;
    p.user = user;
    p.r = calloc(1, sizeof *p.r);
    if (!p.r) return TR_ERR_NOMEM;
    for (size_t i = 0; i < n && !p.oom; i++) {
        char **slot = grow(&p.r->files, &p.r->nfiles, sizeof *slot);
        if (!slot || !(*slot = strdup(srcs[i].name))) { p.oom = 1; break; }
        p.file = *slot;
        p.layer = srcs[i].layer;
        if (srcs[i].layer > max_layer) max_layer = srcs[i].layer;
        parse_file(&p, &srcs[i]);
    }
    if (!p.oom) check_set(&p);
    if (!p.oom && !p.nerr) merge_layers(&p, max_layer);
    if (p.oom) rc = TR_ERR_NOMEM;
    else if (p.nerr) rc = TR_ERR_RULES;
    if (nerrors) *nerrors = p.nerr;
    if (nwarnings) *nwarnings = p.nwarn;
    free_defaults(&p.defs);
    if (rc != TR_OK) tr_rules_free(p.r);
    else *out = p.r;
    return rc;
}
