/* draft.c - rule drafts for unmatched files (draft.h).
 *
 * Everything is read from the schema (generalised paths, key names, value
 * types), never from the export itself, so a draft can hold no value of it.
 * A schema may come from someone else: every string taken from it is checked
 * before it enters a rule line (odd path components become [^/]+, odd keys
 * are left out).
 *
 * Ownership: drafts and strings are owned by tr_draft's state and freed on
 * its one cleanup path; the returned text belongs to the caller.
 */
#include "draft.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruletest.h"
#include "schema.h"
#include "tr_limits.h"

#define MAX_PATH_LEN 1000
#define MAX_TEXT 3
#define MAX_TIME 2
#define MAX_DEPTH 4

typedef struct draft {
    char *pattern;       /* the path regex */
    char *gen;           /* the generalised path without extension (for hints) */
    char *id;
    unsigned platform;
    char *examples[4];   /* concrete example paths (.json and .html twins) */
    size_t nexamples;
    char *about[4];      /* "PATH (json, 1 file, 386 bytes)" */
    size_t nabout;
    const json_t *skel;  /* borrowed from the schema, or NULL */
} draft;

typedef struct state {
    const tr_rules *rules;
    draft *d;
    size_t n;
    char **skipped;      /* comment lines for files not drafted */
    size_t nskipped;
    tr_matcher m;
    int oom;
} state;

/* ---- small strings --------------------------------------------------------------- */

typedef struct buf { char *s; size_t len, cap; int oom; } buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) { b->oom = 1; return; }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}
static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

/* The string of b (caller frees), or NULL when out of memory. */
static char *take(buf *b)
{
    if (b->oom) { free(b->s); return NULL; }
    if (!b->s) return strdup("");
    return b->s;
}

static int plain_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == '\'' || c == '&';
}

/* ---- paths --------------------------------------------------------------------------- */

/* Length of a document component without its .json / .html / .htm. */
static size_t doc_stem(const char *c, size_t n)
{
    static const char *const ext[] = {".json", ".html", ".htm"};
    for (size_t i = 0; i < 3; i++) {
        size_t el = strlen(ext[i]);
        if (n > el && !strncmp(c + n - el, ext[i], el)) return n - el;
    }
    return n;
}

/* From a generalised path: the anchored pattern, the generalised stem path and
 * a concrete example (with ext). 0, or -1 (out of memory, or nothing to use). */
static int gen_pattern(const char *gp, const char *ext, char **pattern, char **gen, char **example)
{
    buf pb = {0}, gb = {0}, eb = {0};
    const char *p = gp;
    size_t ncomp = 0;

    *pattern = *gen = *example = NULL;
    puts_(&pb, "(^|/)");
    while (*p) {
        const char *q = strchr(p, '/');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (!q) n = doc_stem(p, n);
        if (n) {
            int odd = 0;
            for (size_t i = 0; i < n; i++) odd |= !plain_char(p[i]);
            if (ncomp++) { puts_(&pb, "/"); puts_(&gb, "/"); puts_(&eb, "/"); }
            if (n == 8 && !strncmp(p, "<thread>", 8)) {
                puts_(&pb, "[^/]+");
                puts_(&gb, "<thread>");
                puts_(&eb, "someone_1");
            } else if (odd || (n == 1 && *p == '.') || (n == 2 && !strncmp(p, "..", 2))) {
                /* <name>, or anything else a hand-made schema holds */
                puts_(&pb, "[^/]+");
                puts_(&gb, "<name>");
                puts_(&eb, "Name");
            } else {
                for (size_t i = 0; i < n; i++) {
                    char c = p[i];
                    if (c == 'N') { puts_(&pb, "\\d+"); puts_(&eb, "1"); }
                    else if (c == '.') { puts_(&pb, "\\."); put(&eb, &c, 1); }
                    else if (c == '\'') { puts_(&pb, "['_]"); put(&eb, &c, 1); }
                    else { put(&pb, &c, 1); put(&eb, &c, 1); }
                    put(&gb, &c, 1);
                }
            }
        }
        if (!q) break;
        p = q + 1;
    }
    puts_(&pb, "$");
    puts_(&eb, ext);
    *pattern = take(&pb);
    *gen = take(&gb);
    *example = take(&eb);
    if (!*pattern || !*gen || !*example || !ncomp) {
        free(*pattern);
        free(*gen);
        free(*example);
        *pattern = *gen = *example = NULL;
        return -1;
    }
    return 0;
}

/* ---- skeletons ----------------------------------------------------------------------------- */

static const json_t *one_of(const json_t *s, int want_object)
{
    const json_t *alts = json_is_object(s) && json_object_size(s) == 1 ? json_object_get(s, "<one of>") : NULL;
    size_t i;
    const json_t *a;
    if (!json_is_array(alts)) return NULL;
    json_array_foreach(alts, i, a) {
        int arr = json_is_object(a) && json_object_get(a, "array") && json_object_size(a) == 2;
        if (json_is_object(a) && arr != want_object) return a;
    }
    return NULL;
}

/* The array skeleton's items (JSON null when every array was empty), or NULL. */
static const json_t *array_items(const json_t *s)
{
    if (json_is_object(s) && json_object_size(s) == 2 && json_is_array(json_object_get(s, "array")) &&
        json_object_get(s, "items"))
        return json_object_get(s, "items");
    const json_t *alt = one_of(s, 0);
    return alt ? array_items(alt) : NULL;
}

static size_t array_max(const json_t *s)
{
    const json_t *a = json_is_object(s) ? json_object_get(s, "array") : NULL;
    if (!a) {
        const json_t *alt = one_of(s, 0);
        a = alt ? json_object_get(alt, "array") : NULL;
    }
    return json_is_array(a) ? (size_t)json_integer_value(json_array_get(a, 1)) : 0;
}

/* The object skeleton s is (or holds as an alternative), or NULL. */
static const json_t *object_of(const json_t *s)
{
    if (!json_is_object(s) || array_items(s)) return NULL;
    if (json_object_size(s) == 1 && json_object_get(s, "<one of>")) return one_of(s, 1);
    return s;
}

static int has_type(const json_t *s, const char *type)
{
    const char *t = json_string_value(s);
    if (!t) {
        const json_t *alts = json_is_object(s) ? json_object_get(s, "<one of>") : NULL;
        size_t i;
        const json_t *a;
        json_array_foreach(alts, i, a) if (json_is_string(a) && has_type(a, type)) return 1;
        return 0;
    }
    size_t tl = strlen(type);
    for (const char *p = t; (p = strstr(p, type)) != NULL; p += tl)
        if ((p == t || p[-1] == '|') && (p[tl] == '\0' || p[tl] == '|')) return 1;
    return 0;
}

/* A key usable in a selector: a bare word, or quoted (no quote, bar or
 * control character inside). Writes it to b; 0, or -1 when unusable. */
static int put_key(buf *b, const char *k)
{
    int bare = isalpha((unsigned char)k[0]) || k[0] == '_';
    if (k[0] == '<' || !k[0] || strlen(k) > 64) return -1;
    for (const char *c = k; *c; c++) {
        if ((unsigned char)*c < 0x20 || *c == '"' || *c == '|' || *c == '\\' || *c == 0x7f) return -1;
        if (!isalnum((unsigned char)*c) && *c != '_') bare = 0;
    }
    if (bare) puts_(b, k);
    else {
        puts_(b, "\"");
        puts_(b, k);
        puts_(b, "\"");
    }
    return 0;
}

static const char *const TEXT_KEYS[] = {"post", "text", "content", "caption", "description", "comment",
                                        "message", "body", "title", "name", NULL};

static int text_rank(const char *k)
{
    for (int i = 0; TEXT_KEYS[i]; i++)
        if (!strcasecmp(k, TEXT_KEYS[i])) return i;
    return -1;
}

/* 0 not a time, 1 seconds, 2 milliseconds. */
static int time_kind(const char *k)
{
    size_t n = strlen(k);
    char low[72];
    if (n >= sizeof low) return 0;
    for (size_t i = 0; i <= n; i++) low[i] = (char)tolower((unsigned char)k[i]);
    int ms = (n > 3 && !strcmp(low + n - 3, "_ms")) || !strcmp(low, "ms");
    if (strstr(low, "timestamp") || !strcmp(low, "time") || !strcmp(low, "taken_at") || !strcmp(low, "created_at") ||
        !strcmp(low, "date") || (n > 5 && !strcmp(low + n - 5, "_time")))
        return ms ? 2 : 1;
    return 0;
}

typedef struct guess {
    char *text[MAX_TEXT];
    int rank[MAX_TEXT];
    size_t ntext;
    char *time[MAX_TIME];
    int ms[MAX_TIME];
    size_t ntime;
    int oom;
} guess;

static void add_text(guess *g, const char *sel, int rank)
{
    size_t at = g->ntext;
    while (at > 0 && g->rank[at - 1] > rank) at--;
    if (at >= MAX_TEXT) return;
    char *s = strdup(sel);
    if (!s) { g->oom = 1; return; }
    if (g->ntext == MAX_TEXT) free(g->text[--g->ntext]);
    memmove(g->text + at + 1, g->text + at, (g->ntext - at) * sizeof *g->text);
    memmove(g->rank + at + 1, g->rank + at, (g->ntext - at) * sizeof *g->rank);
    g->text[at] = s;
    g->rank[at] = rank;
    g->ntext++;
}

/* Look for text and time keys in the record skeleton s, below prefix. */
static void walk(guess *g, const json_t *s, const char *prefix, int depth)
{
    const json_t *o = object_of(s), *v;
    const char *k;
    if (!o || depth > MAX_DEPTH || g->oom) return;
    json_object_foreach((json_t *)o, k, v) {
        buf b = {0};
        if (*prefix) {
            puts_(&b, prefix);
            puts_(&b, ".");
        }
        if (put_key(&b, k) != 0) {
            free(b.s);
            continue;
        }
        char *sel = take(&b);
        if (!sel) { g->oom = 1; return; }
        const json_t *items = array_items(v);
        int tk = time_kind(k), rank = text_rank(k);
        if (tk && has_type(v, "number") && g->ntime < MAX_TIME) {
            if (!(g->time[g->ntime] = strdup(sel))) g->oom = 1;
            else g->ms[g->ntime++] = tk == 2;
        } else if (rank >= 0 && has_type(v, "string")) {
            add_text(g, sel, rank);
        }
        if (items && object_of(items)) {
            char *inner = NULL;
            if (asprintf(&inner, "%s[*]", sel) < 0) g->oom = 1;
            else walk(g, items, inner, depth + 1);
            free(inner);
        } else if (object_of(v)) {
            walk(g, v, sel, depth + 1);
        }
        free(sel);
    }
}

static void guess_free(guess *g)
{
    for (size_t i = 0; i < g->ntext; i++) free(g->text[i]);
    for (size_t i = 0; i < g->ntime; i++) free(g->time[i]);
    memset(g, 0, sizeof *g);
}

/* How much an array's elements look like records: a time 2, a text 1. */
static int record_score(const json_t *items)
{
    guess g;
    memset(&g, 0, sizeof g);
    walk(&g, items, "", 0);
    int score = (g.ntime ? 2 : 0) + (g.ntext ? 1 : 0);
    guess_free(&g);
    return score;
}

/* The records selector for a file's skeleton and the record's skeleton:
 * [*] for an array; KEY[*] for an object wrapping arrays of objects and
 * nothing else (the array whose elements look most like records: a time,
 * a text, then the longest); else . (the file is one item). */
static char *guess_records(const json_t *skel, const json_t **record)
{
    const json_t *o = object_of(skel), *v, *best = NULL;
    const char *k, *bestk = NULL;
    size_t bestmax = 0;
    int scalars = 0, bestscore = -1;

    *record = skel;
    if (array_items(skel)) {
        *record = array_items(skel);
        return strdup("[*]");
    }
    if (!o) return strdup(".");
    json_object_foreach((json_t *)o, k, v) {
        const json_t *items = array_items(v);
        if (has_type(v, "string") || has_type(v, "number") || has_type(v, "bool")) scalars = 1;
        if (!items || !object_of(items) || k[0] == '<') continue;
        int score = record_score(items);
        if (score > bestscore || (score == bestscore && array_max(v) > bestmax)) {
            best = items;
            bestk = k;
            bestmax = array_max(v);
            bestscore = score;
        }
    }
    if (!best || scalars) return strdup(".");
    buf b = {0};
    if (put_key(&b, bestk) != 0) {
        free(b.s);
        return strdup(".");
    }
    puts_(&b, "[*]");
    *record = best;
    return take(&b);
}

/* ---- hints ------------------------------------------------------------------------------------ */

/* The folders of path p (up to its last '/'): starts and lengths, at most max. */
static size_t folders(const char *p, const char **at, size_t *len, size_t max)
{
    size_t n = 0;
    const char *last = strrchr(p, '/');
    while (last && p < last && n < max) {
        const char *q = memchr(p, '/', (size_t)(last - p) + 1);
        at[n] = p;
        len[n++] = (size_t)(q - p);
        p = q + 1;
    }
    return n;
}

/* How close the rule example path ex is to the draft's generalised stem path:
 * 10 for the same parent folder (maybe in another era of the layout), 1 per
 * leading folder in common, 2 per word (3 letters or more) the file names
 * share. */
static int closeness(const char *gen, const char *ex)
{
    const char *fa[32], *fb[32];
    size_t la[32], lb[32], na, nb, i;
    int score = 0;
    char *g2 = tr_schema_path(ex, 0);
    if (!g2) return 0;
    g2[doc_stem(g2, strlen(g2))] = '\0';
    na = folders(gen, fa, la, 32);
    nb = folders(g2, fb, lb, 32);
    for (i = 0; i < na && i < nb && la[i] == lb[i] && !strncmp(fa[i], fb[i], la[i]); i++) score++;
    if (na && nb && la[na - 1] == lb[nb - 1] && !strncmp(fa[na - 1], fb[nb - 1], la[na - 1])) score += 10;
    const char *sa = strrchr(gen, '/'), *sb = strrchr(g2, '/');
    sa = sa ? sa + 1 : gen;
    sb = sb ? sb + 1 : g2;
    for (const char *w = sa; *w;) {
        size_t n = strcspn(w, "_-.");
        for (const char *x = sb; n >= 3 && *x;) {
            size_t m = strcspn(x, "_-.");
            if (m == n && !strncmp(w, x, n)) score += 2;
            x += m;
            if (*x) x++;
        }
        w += n;
        if (*w) w++;
    }
    free(g2);
    return score;
}

static const tr_rule *nearest(const tr_rules *r, const char *gen, const char **example)
{
    const tr_rule *best = NULL;
    int bestscore = 0;
    for (size_t i = 0; i < r->nrules; i++)
        for (size_t e = 0; e < r->rules[i].nexamples; e++) {
            const tr_example *ex = &r->rules[i].examples[e];
            if (!ex->must_match) continue;
            int s = closeness(gen, ex->path);
            if (s > bestscore) {
                bestscore = s;
                best = &r->rules[i];
                *example = ex->path;
            }
        }
    return best;
}

/* ---- drafts ------------------------------------------------------------------------------------ */

static int id_taken(const state *st, const char *id)
{
    for (size_t i = 0; i < st->rules->nrules; i++)
        if (!strcmp(st->rules->rules[i].id, id)) return 1;
    for (size_t i = 0; i < st->n; i++)
        if (st->d[i].id && !strcmp(st->d[i].id, id)) return 1;
    return 0;
}

/* draft.<fb|ig|any>.<folder>.<file>, made unique; the folder is the last
 * one that is not a placeholder (<thread>, <name>). */
static char *make_id(const state *st, const char *gen, unsigned platform)
{
    buf b = {0};
    const char *fa[32], *last = strrchr(gen, '/'), *folder = NULL, *folder_end = NULL;
    size_t la[32], nf = folders(gen, fa, la, 32);
    for (size_t i = nf; i-- > 0 && !folder;)
        if (fa[i][0] != '<') {
            folder = fa[i];
            folder_end = fa[i] + la[i];
        }
    puts_(&b, "draft.");
    puts_(&b, platform == TR_PLAT_FACEBOOK ? "fb" : platform == TR_PLAT_INSTAGRAM ? "ig" : "any");
    for (int part = 0; part < 2; part++) {
        const char *s = part ? (last ? last + 1 : gen) : folder, *e = part ? s + strlen(s) : folder_end;
        if (!s) continue;
        puts_(&b, ".");
        for (const char *c = s; c < e; c++) {
            if (*c == '<' || *c == '>') continue;
            char ch = isalnum((unsigned char)*c) || *c == '_' || *c == '-' ? *c : '_';
            put(&b, &ch, 1);
        }
    }
    char *id = take(&b);
    for (int k = 2; id && id_taken(st, id) && k < 1000; k++) {
        char *n = NULL;
        size_t base = strlen(id);
        if (k > 2) base = strrchr(id, '.') - id;
        if (asprintf(&n, "%.*s.%d", (int)base, id, k) < 0) n = NULL;
        free(id);
        id = n;
    }
    return id;
}

static unsigned guess_platform(state *st, unsigned export_platforms, const char *example)
{
    if (export_platforms == TR_PLAT_FACEBOOK || export_platforms == TR_PLAT_INSTAGRAM) return export_platforms;
    for (size_t i = 0; i < st->rules->nlayouts; i++) {
        const tr_layout *l = &st->rules->layouts[i];
        for (size_t k = 0; k < l->nmarkers; k++)
            if (tr_regex_match(&l->markers[k], &st->m, example, strlen(example)) > 0) return l->platform;
    }
    return TR_PLAT_ANY;
}

static void skip(state *st, const char *fmt, const char *path, const char *more)
{
    char *line = NULL;
    if (asprintf(&line, fmt, path, more) < 0) { st->oom = 1; return; }
    char **v = realloc(st->skipped, (st->nskipped + 1) * sizeof *v);
    if (!v) { free(line); st->oom = 1; return; }
    st->skipped = v;
    v[st->nskipped++] = line;
}

/* One unmatched member of the schema. */
static void add_member(state *st, const json_t *m, unsigned export_platforms)
{
    const char *path = json_string_value(json_object_get(m, "path"));
    const char *kind = json_string_value(json_object_get(m, "kind"));
    char *pattern = NULL, *gen = NULL, *example = NULL, *about = NULL;
    tr_jv empty;

    if (!path || !kind || strlen(path) > MAX_PATH_LEN) return;
    for (const char *c = path; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f) return; /* not from tr_schema */
    if (strcmp(kind, "json") != 0 && strcmp(kind, "html") != 0) {
        skip(st, "# Not drafted: %s (%s): rules decide only .json and .html documents.", path, kind);
        return;
    }
    if (gen_pattern(path, !strcmp(kind, "json") ? ".json" : ".html", &pattern, &gen, &example) != 0) {
        if (!pattern) skip(st, "# Not drafted: %s%s: no usable path.", path, "");
        goto out;
    }
    unsigned platform = guess_platform(st, export_platforms, example);
    memset(&empty, 0, sizeof empty);
    empty.type = TR_JOBJECT;
    long w = tr_rules_decide(st->rules, platform == TR_PLAT_ANY ? TR_PLAT_ANY : platform, example, &empty, NULL, 0, &st->m);
    if (w >= 0) {
        skip(st, "# Not drafted: %s: rule %s of these rules already decides it.", path, st->rules->rules[w].id);
        goto out;
    }
    if (asprintf(&about, "%s (%s, %lld file%s, %lld bytes)", path, kind,
                 (long long)json_integer_value(json_object_get(m, "files")),
                 json_integer_value(json_object_get(m, "files")) == 1 ? "" : "s",
                 (long long)json_integer_value(json_object_get(m, "bytes"))) < 0) {
        about = NULL;
        st->oom = 1;
        goto out;
    }
    draft *d = NULL;
    for (size_t i = 0; i < st->n && !d; i++)
        if (!strcmp(st->d[i].pattern, pattern)) d = &st->d[i];
    if (!d) {
        draft *v = realloc(st->d, (st->n + 1) * sizeof *v);
        if (!v) { st->oom = 1; goto out; }
        st->d = v;
        d = &v[st->n++];
        memset(d, 0, sizeof *d);
        d->pattern = pattern;
        d->gen = gen;
        d->platform = platform;
        pattern = gen = NULL;
        if (!(d->id = make_id(st, d->gen, platform))) { st->oom = 1; goto out; }
    }
    if (d->nexamples < 4) {
        d->examples[d->nexamples++] = example;
        example = NULL;
    }
    if (d->nabout < 4) {
        d->about[d->nabout++] = about;
        about = NULL;
    }
    const json_t *sk = json_object_get(m, "skeleton");
    if (!d->skel && !strcmp(kind, "json") && (object_of(sk) || array_items(sk))) d->skel = sk;
out:
    free(pattern);
    free(gen);
    free(example);
    free(about);
}

static void write_draft(FILE *f, const state *st, const draft *d)
{
    const char *hint_ex = NULL;
    const tr_rule *near = nearest(st->rules, d->gen, &hint_ex);
    guess g;
    memset(&g, 0, sizeof g);

    fputc('\n', f);
    for (size_t i = 0; i < d->nabout; i++) fprintf(f, "# %s\n", d->about[i]);
    fprintf(f, "rule %s\n", d->id);
    fprintf(f, "  platform  %s\n", tr_platform_name(d->platform));
    fprintf(f, "  path      %s\n", d->pattern);
    if (d->skel) {
        const json_t *record = NULL;
        char *records = guess_records(d->skel, &record);
        if (records) {
            fprintf(f, "  records   %s\n", records);
            walk(&g, record, "", 0);
        }
        free(records);
    } else {
        fprintf(f, "  # an HTML page: its items, times and texts are read from the page\n");
    }
    if (near)
        fprintf(f, "  # nearest rule: %s (category %s, verdict %s) at %s:%u, for %s\n", near->id,
                tr_category_name(near->category), tr_verdict_name(near->verdict), near->file, near->line, hint_ex);
    else
        fprintf(f, "  # no existing rule shares a folder with this file\n");
    fprintf(f, "  # categories: post photo video comment reaction story reel message ai_chat event listing\n"
               "  #   profile connection activity ads security settings other; verdicts: eligible uncertain private\n");
    fprintf(f, "  category  TODO\n  verdict   TODO\n");
    fprintf(f, "  reason    Not yet described: drafted from a file no rule knew.\n");
    fprintf(f, "  source    classification.md\n");
    for (size_t i = 0; i < g.ntext; i++) fprintf(f, "  text      %s\n", g.text[i]);
    for (size_t i = 0; i < g.ntime; i++) fprintf(f, "  time      %s%s\n", g.time[i], g.ms[i] ? " ms" : "");
    if (d->skel && !g.ntext) fprintf(f, "  # no key looks like the item's own text: add 'text SEL' if it has one\n");
    if (d->skel && !g.ntime) fprintf(f, "  # no key looks like a time: add 'time SEL' if it has one\n");
    for (size_t i = 0; i < d->nexamples; i++) fprintf(f, "  match     %s\n", d->examples[i]);
    guess_free(&g);
}

tr_err tr_draft(const json_t *schema, const tr_rules *rules, char **text, size_t *ndrafts, char **errmsg)
{
    state st;
    const json_t *members = json_object_get(schema, "members"), *m, *pl;
    unsigned export_platforms = 0;
    size_t i;
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = NULL;
    tr_err rc = TR_OK;

    *text = NULL;
    *ndrafts = 0;
    memset(&st, 0, sizeof st);
    st.rules = rules;
    if (!json_is_object(schema) || json_integer_value(json_object_get(schema, "schema_version")) != TR_SCHEMA_VERSION ||
        !json_is_array(members)) {
        if (asprintf(errmsg, "not the output of 'trainable schema' (schema_version %d with members)", TR_SCHEMA_VERSION) < 0)
            *errmsg = NULL;
        return TR_ERR_USAGE;
    }
    if (tr_matcher_init(&st.m, TR_DEFAULT_MATCH_LIMIT, TR_DEFAULT_DEPTH_LIMIT) != 0) return TR_ERR_NOMEM;
    json_array_foreach(json_object_get(schema, "platforms"), i, pl) {
        unsigned p;
        if (json_is_string(pl) && tr_platform_parse(json_string_value(pl), &p) == 0) export_platforms |= p;
    }
    json_array_foreach(members, i, m) {
        if (json_is_true(json_object_get(m, "unmatched"))) add_member(&st, m, export_platforms);
        if (st.oom) { rc = TR_ERR_NOMEM; goto out; }
    }
    if (!(f = open_memstream(&out, &outlen))) { rc = TR_ERR_NOMEM; goto out; }
    if (st.n) {
        fprintf(f, "# Rule drafts for %zu file%s that no rule of %s %s knows.\n", st.n, st.n == 1 ? "" : "s",
                rules->name ? rules->name : "(unnamed)", rules->version ? rules->version : "");
        fprintf(f, "# Replace each 'category TODO' and 'verdict TODO', review the other lines, save the\n"
                   "# blocks as a .rules file in a folder of their own (DIR), then:\n"
                   "#   trainable rules check --strict --extra-rules DIR\n"
                   "#   trainable scan --extra-rules DIR EXPORT\n");
    } else {
        fprintf(f, "# No JSON or HTML file of this export is unmatched: nothing to draft.\n");
    }
    for (size_t k = 0; k < st.nskipped; k++) fprintf(f, "%s\n", st.skipped[k]);
    for (size_t k = 0; k < st.n; k++) write_draft(f, &st, &st.d[k]);
    if (fclose(f) != 0) { f = NULL; rc = TR_ERR_NOMEM; goto out; }
    f = NULL;
    *text = out;
    *ndrafts = st.n;
    out = NULL;
out:
    if (f) fclose(f);
    free(out);
    for (size_t k = 0; k < st.n; k++) {
        free(st.d[k].pattern);
        free(st.d[k].gen);
        free(st.d[k].id);
        for (size_t e = 0; e < st.d[k].nexamples; e++) free(st.d[k].examples[e]);
        for (size_t e = 0; e < st.d[k].nabout; e++) free(st.d[k].about[e]);
    }
    free(st.d);
    for (size_t k = 0; k < st.nskipped; k++) free(st.skipped[k]);
    free(st.skipped);
    tr_matcher_free(&st.m);
    return rc;
}
