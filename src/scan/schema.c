/* schema.c - the structure-only dump of an export (`trainable schema`).
 *
 * 1. tr_scan the inputs, so detection, media and the unmatched list are the
 *    scan's own (texts are never kept).
 * 2. Give every member of the report's tree a generalised path (media: its
 *    generalised folder) and a kind; sort by (path, kind) and group: each
 *    group is one entry of "members".
 * 3. Stream every JSON member once more through tr_tree_visit and merge the
 *    shape of its value into its entry's skeleton. Values are looked at for
 *    their type only and never copied.
 * 4. Build the JSON.
 *
 * What keeps personal data out is the generalisation of paths and keys (see
 * schema.h); it is deliberately conservative and unit-tested.
 *
 * Ownership: every function frees what it allocates on one cleanup path; the
 * returned json_t and strings belong to the caller.
 */
#include "schema.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules.h"

/* ---- generalising names --------------------------------------------------- */

static const char *const THREAD_SECTIONS[] = {
    "inbox", "archived_threads", "filtered_threads", "message_requests", "e2ee_cutover",
    "broadcast", "ai_conversations", NULL,
};

static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int is_section(const char *c, size_t n)
{
    for (size_t i = 0; THREAD_SECTIONS[i]; i++)
        if (strlen(THREAD_SECTIONS[i]) == n && !memcmp(THREAD_SECTIONS[i], c, n)) return 1;
    return 0;
}

/* Length of c[0..n) up to its extension's dot when the extension is plain
 * (1 to 5 lowercase letters and digits, at least one letter, after a dot
 * that is not the first character); n when there is none. */
static size_t stem_len(const char *c, size_t n)
{
    size_t dot = n;
    int letter = 0;
    while (dot > 0 && c[dot - 1] != '.') dot--;
    if (dot < 2 || n - dot < 1 || n - dot > 5) return n; /* no dot, leading dot, or too long */
    for (size_t i = dot; i < n; i++) {
        if (is_lower(c[i])) letter = 1;
        else if (!is_digit(c[i])) return n;
    }
    return letter ? dot - 1 : n;
}

/* Append the generalised component c[0..n) to out; returns the new end.
 * Only a file name (last) keeps an extension. Writes at most max(n, 14)
 * bytes. */
static char *gen_component(char *out, const char *c, size_t n, int thread, int last)
{
    size_t stem = last ? stem_len(c, n) : n;
    int plain = 1;
    for (size_t i = 0; i < n && plain; i++)
        plain = is_lower(c[i]) || is_digit(c[i]) || strchr("_-.'&", c[i]) != NULL;
    if (!thread && is_section(c, n)) { /* known vocabulary, kept as is ("e2ee_cutover") */
        memcpy(out, c, n);
        return out + n;
    }
    if (thread || !plain) {
        const char *ph = thread ? "<thread>" : "<name>";
        memcpy(out, ph, strlen(ph));
        out += strlen(ph);
    } else {
        for (size_t i = 0; i < stem; i++) {
            if (!is_digit(c[i])) *out++ = c[i];
            else if (i == 0 || !is_digit(c[i - 1])) *out++ = 'N';
        }
    }
    if (stem < n) { /* the plain extension, dot included, verbatim */
        memcpy(out, c + stem, n - stem);
        out += n - stem;
    }
    return out;
}

char *tr_schema_path(const char *path, int media)
{
    size_t len = strlen(path);
    const char *end = path + len, *prev = NULL, *p = path;
    size_t prevn = 0;
    char *out = NULL, *w;

    if (media) {
        const char *slash = strrchr(path, '/');
        end = slash ? slash : path;
    }
    /* each component grows to at most 14 bytes, plus '/' */
    out = malloc(16 * (len + 1) + 3);
    if (!out) goto out;
    w = out;
    while (p < end) {
        const char *q = memchr(p, '/', (size_t)(end - p));
        size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
        if (n) {
            if (w != out) *w++ = '/';
            w = gen_component(w, p, n, prev && is_section(prev, prevn), p + n >= end);
            prev = p;
            prevn = n;
        }
        p += n + 1;
    }
    if (media) {
        if (w == out) *w++ = '.';
        *w++ = '/';
    }
    *w = '\0';
out:
    return out;
}

#define KEY_MAX 41 /* characters of a kept key */

/* The generalised key in buf (>= KEY_MAX + 1 bytes), or the static "<key>". */
static const char *gen_key(const char *key, char *buf)
{
    size_t n = 0;
    for (const char *c = key; *c; c++) {
        if (is_digit(*c) && c != key && is_digit(c[-1])) continue;
        char ch = is_digit(*c) ? 'N' : *c;
        int ok = is_lower(ch) || is_upper(ch) ||
                 (n > 0 && (is_digit(ch) || ch == ' ' || ch == '_' || ch == '\'' || ch == '-'));
        if (!ok || n == KEY_MAX) return "<key>";
        buf[n++] = ch;
    }
    if (n == 0) return "<key>";
    buf[n] = '\0';
    return buf;
}

char *tr_schema_key(const char *key)
{
    char buf[KEY_MAX + 1];
    return strdup(gen_key(key, buf));
}

/* ---- skeletons ------------------------------------------------------------------ */

enum {
    T_STRING = 1u, T_NUMBER = 2u, T_BOOL = 4u, T_NULL = 8u, T_DEEP = 16u,
    T_OBJECT = 32u, T_ARRAY = 64u,
};
#define T_SCALARS (T_STRING | T_NUMBER | T_BOOL | T_NULL | T_DEEP)

typedef struct skkey {
    char *name;   /* owned */
    tr_skel *val; /* owned */
} skkey;

struct tr_skel {
    unsigned types;
    skkey *keys; /* objects: distinct generalised keys, in first-seen order */
    size_t nkeys, capkeys;
    size_t more;     /* most keys one object had beyond TR_SCHEMA_MAX_KEYS */
    size_t amin, amax;
    tr_skel *items;  /* arrays: merged elements, NULL while none was seen */
};

tr_skel *tr_skel_new(void)
{
    return calloc(1, sizeof(tr_skel));
}

void tr_skel_free(tr_skel *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->nkeys; i++) {
        free(s->keys[i].name);
        tr_skel_free(s->keys[i].val);
    }
    free(s->keys);
    tr_skel_free(s->items);
    free(s);
}

/* The child of s for key k; NULL with *full set when s has no room for a new
 * key, NULL with *full clear when out of memory. */
static tr_skel *child(tr_skel *s, const char *k, int *full)
{
    tr_skel *c = NULL;
    char *name = NULL;

    *full = 0;
    for (size_t i = 0; i < s->nkeys; i++)
        if (!strcmp(s->keys[i].name, k)) return s->keys[i].val;
    if (s->nkeys == TR_SCHEMA_MAX_KEYS) {
        *full = 1;
        goto out;
    }
    if (s->nkeys == s->capkeys) {
        size_t cap = s->capkeys ? 2 * s->capkeys : 8;
        skkey *v = realloc(s->keys, cap * sizeof *v);
        if (!v) goto out;
        s->keys = v;
        s->capkeys = cap;
    }
    name = strdup(k);
    c = tr_skel_new();
    if (!name || !c) {
        free(name);
        tr_skel_free(c);
        c = NULL;
        goto out;
    }
    s->keys[s->nkeys].name = name;
    s->keys[s->nkeys].val = c;
    s->nkeys++;
out:
    return c;
}

static int add(tr_skel *s, json_t *v, unsigned depth)
{
    int rc = -1;
    char buf[KEY_MAX + 1];
    const char *key;
    json_t *val;
    size_t i, extra = 0;

    switch (json_typeof(v)) {
    case JSON_STRING: s->types |= T_STRING; break;
    case JSON_INTEGER:
    case JSON_REAL: s->types |= T_NUMBER; break;
    case JSON_TRUE:
    case JSON_FALSE: s->types |= T_BOOL; break;
    case JSON_NULL: s->types |= T_NULL; break;
    case JSON_OBJECT:
        if (depth >= TR_SCHEMA_MAX_DEPTH) {
            s->types |= T_DEEP;
            break;
        }
        s->types |= T_OBJECT;
        json_object_foreach(v, key, val) {
            int full;
            tr_skel *c = child(s, gen_key(key, buf), &full);
            if (!c && !full) goto out;
            if (!c) extra++;
            else if (add(c, val, depth + 1) != 0) goto out;
        }
        if (extra > s->more) s->more = extra;
        break;
    case JSON_ARRAY:
        if (depth >= TR_SCHEMA_MAX_DEPTH) {
            s->types |= T_DEEP;
            break;
        }
        if (!(s->types & T_ARRAY) || json_array_size(v) < s->amin) s->amin = json_array_size(v);
        if (!(s->types & T_ARRAY) || json_array_size(v) > s->amax) s->amax = json_array_size(v);
        s->types |= T_ARRAY;
        json_array_foreach(v, i, val) {
            if (!s->items && !(s->items = tr_skel_new())) goto out;
            if (add(s->items, val, depth + 1) != 0) goto out;
        }
        break;
    }
    rc = 0;
out:
    return rc;
}

int tr_skel_add(tr_skel *s, const json_t *v)
{
    /* jansson's iteration API takes non-const values; nothing is modified */
    return add(s, (json_t *)(uintptr_t)v, 0);
}

/* Set key to a new reference; -1 when val is NULL or on failure. */
static int set_new(json_t *obj, const char *key, json_t *val)
{
    return val ? json_object_set_new(obj, key, val) : -1;
}

static int append_new(json_t *arr, json_t *val)
{
    return val ? json_array_append_new(arr, val) : -1;
}

json_t *tr_skel_json(const tr_skel *s)
{
    json_t *obj = NULL, *arr = NULL, *scal = NULL, *list = NULL, *res = NULL;
    static const struct { unsigned bit; const char *name; } names[] = {
        {T_STRING, "string"}, {T_NUMBER, "number"}, {T_BOOL, "bool"}, {T_NULL, "null"}, {T_DEEP, "..."},
    };
    int parts = 0;

    if (!s || !s->types) return json_null();
    if (s->types & T_OBJECT) {
        parts++;
        if (!(obj = json_object())) goto out;
        for (size_t i = 0; i < s->nkeys; i++)
            if (set_new(obj, s->keys[i].name, tr_skel_json(s->keys[i].val)) != 0) goto out;
        if (s->more && set_new(obj, "<more keys>", json_integer((json_int_t)s->more)) != 0) goto out;
    }
    if (s->types & T_ARRAY) {
        parts++;
        if (!(arr = json_pack("{s:[I,I]}", "array", (json_int_t)s->amin, (json_int_t)s->amax))) goto out;
        if (set_new(arr, "items", tr_skel_json(s->items)) != 0) goto out;
    }
    if (s->types & T_SCALARS) {
        char buf[64] = "";
        parts++;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            if (!(s->types & names[i].bit)) continue;
            if (buf[0]) strcat(buf, "|");
            strcat(buf, names[i].name);
        }
        if (!(scal = json_string(buf))) goto out;
    }
    if (parts == 1) {
        res = obj ? obj : arr ? arr : scal;
        obj = arr = scal = NULL;
        goto out;
    }
    /* containers and other types met at this place */
    if (!(list = json_array())) goto out;
    if ((obj && json_array_append(list, obj) != 0) || (arr && json_array_append(list, arr) != 0) ||
        (scal && json_array_append(list, scal) != 0))
        goto out;
    if (!(res = json_object())) goto out;
    if (json_object_set(res, "<one of>", list) != 0) {
        json_decref(res);
        res = NULL;
    }
out:
    json_decref(obj);
    json_decref(arr);
    json_decref(scal);
    json_decref(list);
    return res;
}

/* ---- the schema ------------------------------------------------------------------ */

enum { K_JSON, K_HTML, K_MEDIA, K_OTHER };
static const char *const KIND_NAMES[] = {"json", "html", "media", "other"};

typedef struct mkey {
    char *path;      /* generalised; owned */
    uint32_t member; /* index into the tree */
    uint8_t kind;
} mkey;

typedef struct entry {
    const char *path; /* borrowed from the mkey array */
    uint8_t kind;
    int unmatched;
    uint64_t files, bytes, unreadable;
    tr_skel *skel;    /* JSON only; owned */
} entry;

typedef struct schema {
    tr_report *rep;
    size_t n;              /* members */
    mkey *keys;            /* n, sorted */
    entry *entries;
    size_t nentries;
    uint32_t *entry_of;    /* per member */
    unsigned char *want;   /* per member */
    unsigned char *flag;   /* per member: F_MEDIA, F_UNMATCHED */
    int oom;
    int failed;            /* something could not be read for its shape */
} schema;

enum { F_MEDIA = 1, F_UNMATCHED = 2 };

static int cmp_mkey(const void *a, const void *b)
{
    const mkey *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c) return c;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    return x->member < y->member ? -1 : x->member > y->member;
}

static int member_kind(const char *path, unsigned flag)
{
    const char *base = strrchr(path, '/'), *dot;
    if (flag & F_MEDIA) return K_MEDIA;
    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    if (!dot || dot == base) return K_OTHER;
    if (!strcasecmp(dot + 1, "json")) return K_JSON;
    if (!strcasecmp(dot + 1, "html") || !strcasecmp(dot + 1, "htm")) return K_HTML;
    return K_OTHER;
}

/* Sort the members into entries. */
static tr_err group(schema *s)
{
    tr_err rc = TR_ERR_NOMEM;
    const tr_tree *t = s->rep->tree;

    for (size_t i = 0; i < s->rep->nmedia; i++) s->flag[s->rep->media[i].member] |= F_MEDIA;
    for (size_t i = 0; i < s->rep->nunmatched; i++) s->flag[s->rep->unmatched[i]] |= F_UNMATCHED;
    for (size_t i = 0; i < s->n; i++) {
        const tr_member *m = tr_tree_member(t, i);
        s->keys[i].kind = (uint8_t)member_kind(m->path, s->flag[i]);
        s->keys[i].member = (uint32_t)i;
        if (!(s->keys[i].path = tr_schema_path(m->path, s->keys[i].kind == K_MEDIA))) goto out;
    }
    qsort(s->keys, s->n, sizeof *s->keys, cmp_mkey);
    for (size_t i = 0; i < s->n; i++) {
        const mkey *k = &s->keys[i];
        const tr_member *m = tr_tree_member(t, k->member);
        entry *e = s->nentries ? &s->entries[s->nentries - 1] : NULL;
        if (!e || strcmp(e->path, k->path) != 0 || e->kind != k->kind) {
            e = &s->entries[s->nentries++];
            e->path = k->path;
            e->kind = k->kind;
            if (k->kind == K_JSON && !(e->skel = tr_skel_new())) goto out;
        }
        e->files++;
        e->bytes += m->size;
        if (s->flag[k->member] & F_UNMATCHED) e->unmatched = 1;
        s->entry_of[k->member] = (uint32_t)(s->nentries - 1);
        s->want[k->member] = k->kind == K_JSON;
    }
    rc = TR_OK;
out:
    return rc;
}

static size_t load_cb(void *buf, size_t len, void *data)
{
    return tr_reader_read(data, buf, len);
}

static int visit(size_t i, const tr_member *m, tr_reader *rd, void *user)
{
    schema *s = user;
    entry *e = &s->entries[s->entry_of[i]];
    json_error_t jerr;
    json_t *doc;

    (void)m;
    doc = json_load_callback(load_cb, rd, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (tr_reader_error(rd, NULL) != TR_OK || !doc) {
        e->unreadable++;
        s->failed = 1;
    } else if (tr_skel_add(e->skel, doc) != 0) {
        s->oom = 1;
    }
    json_decref(doc);
    return s->oom;
}

/* Members the visit skipped (encrypted, over a limit, a broken part). */
static void note_problems(schema *s, size_t from)
{
    const tr_tree *t = s->rep->tree;
    for (size_t i = from; i < tr_tree_problem_count(t); i++) {
        const tr_problem *p = tr_tree_problem(t, i);
        size_t m;
        if (!p->incomplete) continue;
        s->failed = 1;
        m = tr_tree_find(t, 0, p->path);
        if (m != (size_t)-1 && s->want[m]) s->entries[s->entry_of[m]].unreadable++;
    }
}

static json_t *entry_json(const entry *e)
{
    json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:b}", "path", e->path, "kind", KIND_NAMES[e->kind], "files",
                          (json_int_t)e->files, "bytes", (json_int_t)e->bytes, "unmatched", e->unmatched);
    if (!o) goto out;
    if (set_new(o, "skeleton", e->skel ? tr_skel_json(e->skel) : json_null()) != 0 ||
        (e->unreadable && set_new(o, "unreadable", json_integer((json_int_t)e->unreadable)) != 0)) {
        json_decref(o);
        o = NULL;
    }
out:
    return o;
}

static json_t *build(const schema *s)
{
    const tr_report *r = s->rep;
    json_t *root = NULL, *a;
    int ok = 0;

    root = json_pack("{s:i, s:s+, s:s?, s:s, s:b}", "schema_version", TR_SCHEMA_VERSION, "tool", "trainable ",
                     TR_VERSION, "rules_version", r->rules->version, "format", r->format ? r->format : "none",
                     "complete", r->complete && !s->failed);
    if (!root) goto out;
    if (set_new(root, "platforms", a = json_array()) != 0) goto out;
    for (int b = 0; b < TR_PLAT__BITS; b++)
        if ((r->platforms & (1u << b)) && append_new(a, json_string(tr_platform_name(1u << b))) != 0) goto out;
    if (set_new(root, "layouts", a = json_array()) != 0) goto out;
    for (size_t i = 0; i < r->nlayouts; i++)
        if (append_new(a, json_string(r->layouts[i])) != 0) goto out;
    if (set_new(root, "members", a = json_array()) != 0) goto out;
    for (size_t i = 0; i < s->nentries; i++)
        if (append_new(a, entry_json(&s->entries[i])) != 0) goto out;
    ok = 1;
out:
    if (!ok) {
        json_decref(root);
        root = NULL;
    }
    return root;
}

tr_err tr_schema(const char *const *inputs, size_t n, const tr_scan_options *o, json_t **out, char **errmsg)
{
    tr_scan_options so = *o;
    schema s;
    tr_err rc;
    size_t problems;

    *out = NULL;
    *errmsg = NULL;
    memset(&s, 0, sizeof s);
    so.keep_text = 0;
    rc = tr_scan(inputs, n, &so, &s.rep, errmsg);
    if (rc != TR_OK) goto out;
    rc = TR_ERR_NOMEM;
    s.n = tr_tree_count(s.rep->tree);
    s.keys = calloc(s.n + 1, sizeof *s.keys);
    s.entries = calloc(s.n + 1, sizeof *s.entries);
    s.entry_of = calloc(s.n + 1, sizeof *s.entry_of);
    s.want = calloc(s.n + 1, 1);
    s.flag = calloc(s.n + 1, 1);
    if (!s.keys || !s.entries || !s.entry_of || !s.want || !s.flag) goto out;
    if ((rc = group(&s)) != TR_OK) goto out;
    problems = tr_tree_problem_count(s.rep->tree);
    rc = tr_tree_visit(s.rep->tree, s.want, visit, &s);
    if (s.oom) rc = TR_ERR_NOMEM;
    if (rc != TR_OK) goto out;
    note_problems(&s, problems);
    rc = (*out = build(&s)) ? TR_OK : TR_ERR_NOMEM;
out:
    if (rc == TR_ERR_NOMEM && !*errmsg) *errmsg = strdup("out of memory");
    for (size_t i = 0; s.keys && i < s.n; i++) free(s.keys[i].path);
    for (size_t i = 0; i < s.nentries; i++) tr_skel_free(s.entries[i].skel);
    free(s.keys);
    free(s.entries);
    free(s.entry_of);
    free(s.want);
    free(s.flag);
    tr_report_free(s.rep);
    return rc;
}
