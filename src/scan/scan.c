/* scan.c - the scan: list, detect, read facts, extract items, finalise.
 *
 * 1. List every part into one tree (tree.c); sort members into documents
 *    (.json/.html), media (by the rule set's extensions and paths) and other
 *    files.
 * 2. Detect layouts and platforms from marker paths (layout blocks).
 * 3. For each document, find the rules whose platform and path fit, in rule
 *    order, up to the first one without conditions: these are its candidates.
 *    A document without candidates is unmatched.
 * 4. Visit the documents that fact blocks read (small files) and set the
 *    account facts; then visit every document with candidates, parse it, pick
 *    the rule, and append one item per record with its time, text and media
 *    references. Each scanning thread reads (inflates), parses and classifies
 *    the members it takes (tr_tree_visit_parallel); results are merged in
 *    tree order (export, then path), so the report depends neither on the
 *    threads nor on how the export was packed.
 * 5. Finalise: the as-of date and the derived fact `minor`, adjusts,
 *    --assume-public, media inheritance, totals.
 *
 * Items are kept compactly (about 32 bytes each) because their final verdict
 * depends on facts that may only be known at the end (the as-of date can be
 * the newest item time).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "report.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "extract.h"
#include "html.h"
#include "jdoc.h"
#include "text.h"

enum { K_OTHER, K_DOC_JSON, K_DOC_HTML, K_MEDIA };

typedef struct ref { uint32_t media_member, item; } ref;

typedef struct scan {
    const tr_scan_options *o;
    const tr_rules *rules;
    tr_report *rep;
    tr_tree *tree;
    tr_matcher m;
    size_t n;               /* members */
    int private_text;       /* keep_text also keeps the texts of items decided private */
    unsigned char *kind;    /* per member */
    unsigned char *plat;    /* per member: platforms it belongs to */
    uint16_t *rel;          /* per member: length of its profile folder prefix (combined exports) */
    uint32_t *cand_off;     /* per member: offset into cand, n+1 entries */
    uint16_t *cand;         /* candidate rule indexes */
    size_t ncand;
    unsigned char *factdoc; /* per member: some fact block reads it */
    unsigned char *claimed; /* per member: 0 not read, 1 undecided, 2 decided, 3 unreadable */
    ref *refs;
    size_t nrefs, caprefs;
    size_t capitems;
    int oom;
    tr_rule html;           /* where records and fields are in an HTML document */
    int64_t now;            /* the scanning clock: no item time after it dates an export */
    int64_t *newest;        /* per account: newest item time not after now */
    unsigned char *has_newest;
    struct worker *fact_worker; /* the fact pass's arena and buffer */
} scan;

/* ---- notes ------------------------------------------------------------------ */

/* Append a note with valid UTF-8 text for the reports (a message cut at
 * 1024 bytes, or text from a parser, may end inside a sequence). Returns 0,
 * or -1 when out of memory. */
static int push_note(tr_note **arr, size_t *n, const char *path, const char *msg)
{
    tr_note *v = realloc(*arr, (*n + 1) * sizeof *v);
    if (!v) return -1;
    *arr = v;
    v[*n].path = tr_utf8_scrub(path, strlen(path), NULL);
    v[*n].message = tr_utf8_scrub(msg, strlen(msg), NULL);
    if (!v[*n].path || !v[*n].message) {
        free(v[*n].path);
        free(v[*n].message);
        return -1;
    }
    (*n)++;
    return 0;
}

static void add_note(scan *s, tr_note **arr, size_t *n, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void add_note(scan *s, tr_note **arr, size_t *n, const char *path, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (push_note(arr, n, path, msg) != 0) s->oom = 1;
}

#define ERROR(s, path, ...) add_note((s), &(s)->rep->errors, &(s)->rep->nerrors, (path), __VA_ARGS__)
#define WARN(s, path, ...) add_note((s), &(s)->rep->warnings, &(s)->rep->nwarnings, (path), __VA_ARGS__)

/* ---- member kinds ------------------------------------------------------------ */

static const char *extension(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : NULL;
}

/* The kind of a member path, matching with m (the calling thread's). */
static int path_kind(const scan *s, tr_matcher *m, const char *path)
{
    const char *ext = extension(path);
    if (tr_doc_stem_len(path) < strlen(path)) /* a document: .json, .html, .htm */
        return !strcasecmp(ext, "json") ? K_DOC_JSON : K_DOC_HTML;
    if (ext)
        for (size_t i = 0; i < s->rules->nmedia_ext; i++)
            if (!strcasecmp(ext, s->rules->media_ext[i])) return K_MEDIA;
    for (size_t i = 0; i < s->rules->nmedia_paths; i++)
        if (tr_regex_match(&s->rules->media_paths[i], m, path, strlen(path)) > 0) return K_MEDIA;
    return K_OTHER;
}

static int member_kind(scan *s, const char *path) { return path_kind(s, &s->m, path); }

#define stem_len tr_doc_stem_len

static int any_path(scan *s, const tr_regex *re, size_t n, const char *path, size_t len)
{
    int rc = tr_any_match(re, n, path, len, &s->m);
    if (rc < 0) ERROR(s, path, "a path pattern hit the regular expression match limit");
    return rc > 0;
}

/* The path rules see: without the profile folder of a combined export. */
static const char *rule_path(const scan *s, size_t i)
{
    return tr_tree_member(s->tree, i)->path + s->rel[i];
}

/* Combined exports (several profiles in one download) keep each profile in
 * a root folder named like an export (rule set: profile-folder). Rules see
 * the paths below it; reports keep the whole path. */
static void find_profiles(scan *s)
{
    const tr_rules *r = s->rules;
    char first[512];
    if (!r->nprofile_folders) return;
    for (size_t i = 0; i < s->n; i++) {
        const char *path = tr_tree_member(s->tree, i)->path;
        const char *slash = strchr(path, '/');
        size_t n = slash ? (size_t)(slash - path) : 0;
        if (!n || n >= sizeof first || n >= UINT16_MAX) continue;
        memcpy(first, path, n);
        first[n] = 0;
        if (tr_any_match(r->profile_folders, r->nprofile_folders, first, n, &s->m) > 0) s->rel[i] = (uint16_t)(n + 1);
    }
}

/* ---- detection ------------------------------------------------------------- */

/* Append a layout name to a list unless it is there. 0, or -1 when out of memory. */
static int add_layout(const char ***list, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if ((*list)[i] == name) return 0;
    const char **v = realloc(*list, (*n + 1) * sizeof *v);
    if (!v) return -1;
    *list = v;
    v[(*n)++] = name;
    return 0;
}

static tr_err detect(scan *s, char **errmsg)
{
    const tr_rules *r = s->rules;
    size_t na = s->rep->naccounts, nl = r->nlayouts ? r->nlayouts : 1;
    unsigned char *hit = calloc(na * nl, 1); /* per account and layout */
    size_t docs_json = 0, docs_html = 0;
    if (!hit) return TR_ERR_NOMEM;
    for (size_t i = 0; i < s->n; i++) {
        const char *path = rule_path(s, i);
        size_t len = strlen(path), a = tr_tree_member(s->tree, i)->exp;
        for (size_t l = 0; l < r->nlayouts; l++) {
            if (any_path(s, r->layouts[l].markers, r->layouts[l].nmarkers, path, len)) {
                hit[a * nl + l] = 1;
                if (!s->plat[i]) s->plat[i] = (unsigned char)r->layouts[l].platform;
            }
        }
        if (s->kind[i] == K_DOC_JSON) docs_json++;
        else if (s->kind[i] == K_DOC_HTML) docs_html++;
    }
    /* layouts in rule order, for the report and for each account */
    for (size_t l = 0; l < r->nlayouts; l++) {
        for (size_t a = 0; a < na; a++) {
            tr_account *ac = &s->rep->accounts[a];
            if (!hit[a * nl + l]) continue;
            ac->platforms |= r->layouts[l].platform;
            s->rep->platforms |= r->layouts[l].platform;
            if (r->layouts[l].product_only) continue;
            if (add_layout(&ac->layouts, &ac->nlayouts, r->layouts[l].name) != 0 ||
                add_layout(&s->rep->layouts, &s->rep->nlayouts, r->layouts[l].name) != 0) {
                free(hit);
                return TR_ERR_NOMEM;
            }
        }
    }
    free(hit);
    s->rep->format = docs_json && docs_html ? "mixed" : docs_json ? "json" : docs_html ? "html" : "none";
    if (!s->rep->platforms) {
        size_t np = tr_tree_parts(s->tree);
        char names[512] = "";
        for (size_t p = 0; p < np; p++) {
            size_t l = strlen(names);
            snprintf(names + l, sizeof names - l, "%s%s", p ? ", " : "", tr_tree_part_name(s->tree, p));
        }
        /* a part cut short or over a limit: say so, it may be the reason */
        const char *why = NULL;
        for (size_t p = 0; p < tr_tree_problem_count(s->tree) && !why; p++)
            if (tr_tree_problem(s->tree, p)->incomplete) why = tr_tree_problem(s->tree, p)->message;
        /* what was found: the first few distinct top folders or files */
        char found[300] = "";
        size_t nf = 0;
        for (size_t i = 0; i < s->n && nf < 6; i++) {
            const char *path = tr_tree_member(s->tree, i)->path, *slash = strchr(path, '/');
            int len = slash ? (int)(slash - path) : (int)strlen(path), dup = 0;
            for (size_t j = 0; j < i && !dup; j++)
                dup = !strncmp(tr_tree_member(s->tree, j)->path, path, (size_t)len) &&
                      strchr("/", tr_tree_member(s->tree, j)->path[len]);
            if (dup) continue;
            size_t l = strlen(found);
            snprintf(found + l, sizeof found - l, "%s%.*s%s", nf ? ", " : "", len, path, slash ? "/" : "");
            nf++;
        }
        if (asprintf(errmsg,
                     "%s: not a Facebook or Instagram export (%zu files%s, none in a known export layout%s%s%s)%s%s. "
                     "Give the export's .zip files (every part), a .tar/.tar.gz/.tar.zst/.7z of it, or the folder "
                     "it was unzipped into; if this is an export of a layout trainable does not know yet, "
                     "`trainable schema` on it prints what is needed to add one",
                     names, s->n, why ? " could be read" : "", nf ? "; found: " : "", found, nf == 6 ? ", ..." : "",
                     why ? ": " : "", why ? why : "") < 0)
            *errmsg = NULL;
        return TR_ERR_NOT_EXPORT;
    }
    /* an unmarked member belongs to the platforms of its profile folder
     * (members are sorted by export and path, so a profile's members are
     * adjacent), else to every platform of its export */
    for (size_t a = 0, b; a < s->n; a = b) {
        unsigned plats = 0;
        const tr_member *ma = tr_tree_member(s->tree, a);
        const char *pa = ma->path;
        for (b = a; b < s->n && s->rel[b] == s->rel[a] && tr_tree_member(s->tree, b)->exp == ma->exp &&
                    (!s->rel[a] || !strncmp(tr_tree_member(s->tree, b)->path, pa, s->rel[a]));
             b++)
            plats |= s->plat[b];
        if (!s->rel[a] || !plats) plats = s->rep->accounts[ma->exp].platforms;
        for (size_t i = a; i < b; i++)
            if (!s->plat[i]) s->plat[i] = (unsigned char)plats;
    }
    return TR_OK;
}

/* ---- candidates -------------------------------------------------------------- */

static int rule_unconditional(const tr_rule *r) { return r->nconds == 0; }

static tr_err find_candidates(scan *s)
{
    const tr_rules *r = s->rules;
    size_t cap = 0;
    for (size_t i = 0; i < s->n; i++) {
        s->cand_off[i] = (uint32_t)s->ncand;
        if (s->kind[i] != K_DOC_JSON && s->kind[i] != K_DOC_HTML) continue;
        const char *path = rule_path(s, i);
        size_t len = stem_len(path);
        for (size_t k = 0; k < r->nrules; k++) {
            const tr_rule *ru = &r->rules[k];
            if (!(ru->platforms & s->plat[i])) continue;
            if (!any_path(s, ru->paths, ru->npaths, path, len)) continue;
            if (s->ncand == cap) {
                cap = cap ? cap * 2 : 1024;
                uint16_t *v = realloc(s->cand, cap * sizeof *v);
                if (!v) return TR_ERR_NOMEM;
                s->cand = v;
            }
            s->cand[s->ncand++] = (uint16_t)k;
            if (rule_unconditional(ru)) break;
        }
        for (size_t f = 0; f < r->nfacts; f++) {
            const tr_factrule *fr = &r->facts[f];
            if ((fr->platforms & s->plat[i]) && any_path(s, fr->paths, fr->npaths, path, len)) s->factdoc[i] = 1;
        }
    }
    s->cand_off[s->n] = (uint32_t)s->ncand;
    return TR_OK;
}

/* ---- facts -------------------------------------------------------------------- */

static tr_fact *find_fact(tr_fact *facts, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(facts[i].name, name)) return &facts[i];
    return NULL;
}

/* The account whose export member i belongs to. */
static tr_account *account_of(const scan *s, size_t member)
{
    return &s->rep->accounts[tr_tree_member(s->tree, member)->exp];
}

static const char *unreadable_in(const tr_report *r, const tr_unreadable *u, size_t n, const char *fact)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(u[k].fact, fact)) return tr_tree_member(r->tree, u[k].member)->path;
    return NULL;
}

const char *tr_report_unreadable(const tr_report *r, const char *fact)
{
    return unreadable_in(r, r->unreadable, r->nunreadable, fact);
}

const char *tr_account_unreadable(const tr_report *r, const tr_account *a, const char *fact)
{
    return unreadable_in(r, a->unreadable, a->nunreadable, fact);
}

const tr_fact *tr_report_fact(const tr_report *r, const char *name)
{
    return find_fact(r->facts, r->nfacts, name);
}

const tr_fact *tr_account_fact(const tr_account *a, const char *name)
{
    return find_fact(a->facts, a->nfacts, name);
}

const tr_account *tr_item_account(const tr_report *r, const tr_item *it)
{
    return &r->accounts[tr_tree_member(r->tree, it->member)->exp];
}

/* An HTML page that should hold a fact, where no fact block found it: its
 * labels are localised, so the export may record the fact after all. */
static void note_unreadable(scan *s, const char *fact, size_t member)
{
    tr_account *ac = account_of(s, member);
    for (size_t k = 0; k < ac->nunreadable; k++)
        if (!strcmp(ac->unreadable[k].fact, fact)) return;
    tr_unreadable *v = realloc(ac->unreadable, (ac->nunreadable + 1) * sizeof *v);
    if (!v) {
        s->oom = 1;
        return;
    }
    ac->unreadable = v;
    v[ac->nunreadable++] = (tr_unreadable){fact, (uint32_t)member};
}

static void read_facts(scan *s, size_t i, tr_jv *doc)
{
    const tr_rules *r = s->rules;
    const char *path = rule_path(s, i);
    size_t len = stem_len(path);
    tr_account *ac = account_of(s, i);
    for (size_t f = 0; f < r->nfacts; f++) {
        const tr_factrule *fr = &r->facts[f];
        if (!(fr->platforms & s->plat[i]) || find_fact(ac->facts, ac->nfacts, fr->sets)) continue;
        if (!any_path(s, fr->paths, fr->npaths, path, len)) continue;
        tr_fact fact;
        memset(&fact, 0, sizeof fact);
        if (tr_fact_read_rule(fr, doc, &fact) != 0) {
            if (s->kind[i] == K_DOC_HTML) note_unreadable(s, fr->sets, i);
            continue;
        }
        fact.name = fr->sets;
        tr_fact *nv = realloc(ac->facts, (ac->nfacts + 1) * sizeof *nv);
        if (!nv) {
            free(fact.text);
            s->oom = 1;
            return;
        }
        ac->facts = nv;
        nv[ac->nfacts++] = fact;
    }
}

/* ---- items -------------------------------------------------------------------- */

/* What processing one member produces. Filled by the thread that read the
 * member, merged into the report in archive order, so the report is the same
 * whatever the number of threads. Item indexes in refs are local. */
typedef struct sink {
    tr_item *items;
    size_t nitems, capitems;
    ref *refs;
    size_t nrefs, caprefs;
    tr_note *errors;
    size_t nerrors;
    int64_t newest;  /* newest item time not after the scanning clock */
    int has_newest;
    uint64_t media_refs, media_refs_found; /* references to media files, and those found */
    size_t member;   /* the member processed */
    int oom;
    tr_matcher *m; /* the worker's own */
} sink;

static void sink_error(sink *k, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void sink_error(sink *k, const char *path, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (push_note(&k->errors, &k->nerrors, path, msg) != 0) k->oom = 1;
}

static void sink_free(sink *k)
{
    for (size_t i = 0; i < k->nitems; i++) free(k->items[i].text);
    free(k->items);
    free(k->refs);
    for (size_t i = 0; i < k->nerrors; i++) {
        free(k->errors[i].path);
        free(k->errors[i].message);
    }
    free(k->errors);
    tr_matcher *m = k->m;
    memset(k, 0, sizeof *k);
    k->m = m;
}


typedef struct member_ctx {
    scan *s;
    sink *k;
    size_t member;
    tr_jv *doc;
    const tr_rule *view; /* the HTML view, or NULL: the rule's own selectors */
    const uint16_t *cand; /* candidates from the chosen one on */
    size_t ncand;
    uint32_t index;
    int limit_noted;
    tr_rank rank; /* the records of doc, for `greatest` conditions */
} member_ctx;

static int conds_hold(member_ctx *x, const tr_rule *ru, tr_jv *rec, int scope)
{
    const tr_account *ac = account_of(x->s, x->member);
    int ok = tr_rule_conds_ranked(ru, (tr_scope)scope, x->doc, rec, ac->facts, ac->nfacts, x->k->m, &x->rank);
    if (ok < 0 && !x->limit_noted) {
        x->limit_noted = 1;
        sink_error(x->k, tr_tree_member(x->s->tree, x->member)->path,
                   "rule %s: a condition hit the regular expression match limit", ru->id);
    }
    return ok > 0;
}

static void add_ref(sink *k, uint32_t media, uint32_t item)
{
    if (k->nrefs == k->caprefs) {
        size_t cap = k->caprefs ? k->caprefs * 2 : 64;
        ref *v = realloc(k->refs, cap * sizeof *v);
        if (!v) {
            k->oom = 1;
            return;
        }
        k->refs = v;
        k->caprefs = cap;
    }
    k->refs[k->nrefs++] = (ref){media, item};
}

/* Find the media member a uri names: as written, relative to the document's
 * folder, or with leading components dropped (uris that include a wrapper). */
static size_t resolve_uri(scan *s, uint32_t exp, const char *docpath, size_t prefix, const char *uri)
{
    char buf[4096];
    size_t idx;
    if (!*uri || strstr(uri, "://") || strlen(uri) >= sizeof buf / 2) return (size_t)-1;
    while (uri[0] == '.' && uri[1] == '/') uri += 2;
    while (*uri == '/') uri++;
    if ((idx = tr_tree_find(s->tree, exp, uri)) != (size_t)-1) return idx;
    if (prefix) { /* uris are relative to the profile's own root */
        snprintf(buf, sizeof buf, "%.*s%s", (int)prefix, docpath, uri);
        if ((idx = tr_tree_find(s->tree, exp, buf)) != (size_t)-1) return idx;
    }
    const char *slash = strrchr(docpath, '/');
    if (slash) {
        snprintf(buf, sizeof buf, "%.*s/%s", (int)(slash - docpath), docpath, uri);
        if ((idx = tr_tree_find(s->tree, exp, buf)) != (size_t)-1) return idx;
    }
    const char *p = uri;
    for (int k = 0; k < 4 && (p = strchr(p, '/')) != NULL; k++) {
        p++;
        if ((idx = tr_tree_find(s->tree, exp, p)) != (size_t)-1) return idx;
    }
    return (size_t)-1;
}

typedef struct media_ctx { scan *s; sink *k; uint32_t exp; const char *docpath; size_t prefix; uint32_t item; } media_ctx;

static int media_visit(tr_jv *v, void *user)
{
    media_ctx *x = user;
    if (!tr_jv_is_string(v)) return 0;
    size_t idx = resolve_uri(x->s, x->exp, x->docpath, x->prefix, v->u.s);
    int found = idx != (size_t)-1 && x->s->kind[idx] == K_MEDIA;
    if (found) add_ref(x->k, (uint32_t)idx, x->item);
    /* a reference to a media file of the export (not a web address): counted
     * to tell when most of them resolve to nothing (missing parts) */
    if (*v->u.s && !strstr(v->u.s, "://") && (found || path_kind(x->s, x->k->m, v->u.s) == K_MEDIA)) {
        x->k->media_refs++;
        x->k->media_refs_found += (uint64_t)found;
    }
    return 0;
}

static int record_visit(tr_jv *rec, void *user)
{
    member_ctx *x = user;
    scan *s = x->s;
    sink *k = x->k;
    const tr_rules *r = s->rules;
    const tr_rule *ru = NULL;
    size_t c;
    uint32_t index = x->index++;

    for (c = 0; c < x->ncand; c++) {
        const tr_rule *cr = &r->rules[x->cand[c]];
        if (c > 0 && !conds_hold(x, cr, rec, TR_SCOPE_FILE)) continue;
        if (c > 0 && !conds_hold(x, cr, rec, TR_SCOPE_FACT)) continue;
        if (!conds_hold(x, cr, rec, TR_SCOPE_RECORD)) continue;
        ru = cr;
        break;
    }
    if (!ru) return 0;
    if (k->nitems == k->capitems) {
        size_t cap = k->capitems ? k->capitems * 2 : 256;
        tr_item *v = realloc(k->items, cap * sizeof *v);
        if (!v) {
            k->oom = 1;
            return 1;
        }
        k->items = v;
        k->capitems = cap;
    }
    tr_item *it = &k->items[k->nitems];
    memset(it, 0, sizeof *it);
    it->member = (uint32_t)x->member;
    it->index = index;
    it->rule = x->cand[c];
    it->adjust = -1;
    it->category = (uint8_t)ru->category;
    it->verdict = (uint8_t)ru->verdict;
    const tr_rule *fields = x->view ? x->view : ru;
    it->has_time = (uint8_t)tr_item_time(fields, rec, &it->time);
    if (it->has_time && it->time <= s->now && (!k->has_newest || it->time > k->newest)) {
        k->newest = it->time;
        k->has_newest = 1;
    }
    if (s->o->keep_text && (ru->verdict != TR_PRIVATE || s->private_text)) {
        int oom = 0;
        it->text = tr_item_text(fields, rec, x->view == NULL, &oom);
        if (oom) k->oom = 1;
    }
    const tr_member *doc = tr_tree_member(s->tree, x->member);
    media_ctx mx = {s, k, doc->exp, doc->path, s->rel[x->member], (uint32_t)k->nitems};
    k->nitems++;
    for (size_t j = 0; j < fields->nmedia; j++)
        if (fields->media[j]) tr_jpath_each(fields->media[j], rec, media_visit, &mx);
    return k->oom;
}

static void extract_items(scan *s, sink *k, size_t i, tr_jv *doc)
{
    const tr_rules *r = s->rules;
    uint32_t a = s->cand_off[i], b = s->cand_off[i + 1];
    member_ctx x;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.k = k;
    x.member = i;
    x.doc = doc;
    x.view = s->kind[i] == K_DOC_HTML ? &s->html : NULL;

    s->claimed[i] = 1;
    for (uint32_t c = a; c < b; c++) {
        const tr_rule *ru = &r->rules[s->cand[c]];
        if (!conds_hold(&x, ru, NULL, TR_SCOPE_FILE) || !conds_hold(&x, ru, NULL, TR_SCOPE_FACT)) continue;
        x.cand = &s->cand[c];
        x.ncand = b - c;
        s->claimed[i] = 2;
        if (ru->no_records) return;
        tr_rank_init(&x.rank, doc, x.view ? x.view->records : ru->records);
        tr_records_each(x.view ? x.view->records : ru->records, doc, record_visit, &x);
        return;
    }
}

/* ---- one member, from bytes to items ------------------------------------------ */

/* What each visiting thread owns: its regex matcher, its document arena and
 * its read buffer, all reused from member to member. */
typedef struct worker {
    tr_matcher m;
    tr_jdoc *doc;
    char *buf;
    size_t cap;
} worker;

/* Bytes already in memory, for the HTML reader. */
typedef struct mem_reader { const char *p; size_t left; } mem_reader;

static size_t mem_read(void *buf, size_t len, void *data)
{
    mem_reader *m = data;
    if (len > m->left) len = m->left;
    memcpy(buf, m->p, len);
    m->p += len;
    m->left -= len;
    return len;
}

/* The limits of one member's parse (the value budget spans the member). */
static void member_limits(const scan *s, tr_jlimits *l)
{
    memset(l, 0, sizeof *l);
    l->max_depth = s->o->limits.max_depth;
    l->max_string_bytes = s->o->limits.max_string_bytes;
    l->values_left = s->o->limits.max_values;
    l->values_limited = s->o->limits.max_values != 0;
}

/* Report a parse error of member `path`; `base` is the offset of the parse
 * in the member (record-at-a-time reading). */
static void parse_error(scan *s, sink *k, const char *path, const tr_jerror *e, size_t base, size_t len)
{
    switch (e->kind) {
    case TR_JERR_DEPTH:
        sink_error(k, path, "JSON nested deeper than %u levels (--max-depth)", s->o->limits.max_depth);
        break;
    case TR_JERR_STRING:
        sink_error(k, path, "JSON string longer than %llu bytes (--max-string-bytes)",
                   (unsigned long long)s->o->limits.max_string_bytes);
        break;
    case TR_JERR_VALUES:
        sink_error(k, path, "JSON member holds more than %llu values, over the limit (--max-values)",
                   (unsigned long long)s->o->limits.max_values);
        break;
    case TR_JERR_NOMEM:
        k->oom = 1;
        break;
    default:
        if (len == 0) sink_error(k, path, "empty file, not JSON");
        else if (base == 0)
            sink_error(k, path, "invalid JSON at line %lu, column %lu: %s", e->line, e->column, e->text);
        else sink_error(k, path, "invalid JSON at byte %zu: %s", base + e->offset, e->text);
    }
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

/* Past a JSON string starting at p ('"'), or NULL when it does not end. */
static const char *skip_string(const char *p, const char *end)
{
    for (p++; p < end; p++) {
        if (*p == '\\') p++;
        else if (*p == '"') return p + 1;
    }
    return NULL;
}

static void drop_items(sink *k)
{
    for (size_t i = 0; i < k->nitems; i++) free(k->items[i].text);
    k->nitems = k->nrefs = 0;
    k->has_newest = 0;
    k->media_refs = k->media_refs_found = 0;
}

/* Read a large member one record at a time, so that memory holds the
 * member's bytes and one record's values, not the whole document's. Applies
 * where records are auto and no candidate rule looks at the file: a bare
 * array, or an object whose one key wraps an array. Returns 1 when done
 * (items extracted, or an error reported and no item kept, as a whole parse
 * would), 0 to parse the whole document instead (another shape, or a second
 * key after the array, found once the array is read). Records are parsed
 * with TR_JCOPY, so the buffer is never changed and can still be parsed
 * whole. */
static int stream_records(scan *s, worker *w, sink *out, size_t member, char *buf, size_t len, const char *path)
{
    const tr_rules *r = s->rules;
    uint32_t a = s->cand_off[member], b = s->cand_off[member + 1];
    const char *p = buf, *end = buf + len, *open;
    const tr_rule *ru = NULL;
    uint32_t c;
    int wrapped = 0, first = 1, failed = 0;
    member_ctx x;
    tr_jlimits lim;

    for (uint32_t k = a; k < b; k++)
        if (r->rules[s->cand[k]].has_file_conds || r->rules[s->cand[k]].has_rank_conds) return 0;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.k = out;
    x.member = member;
    for (c = a; c < b; c++) { /* the first candidate whose fact conditions hold */
        ru = &r->rules[s->cand[c]];
        const tr_account *ac = account_of(s, member);
        if (tr_rule_conds(ru, TR_SCOPE_FACT, NULL, NULL, ac->facts, ac->nfacts, out->m) > 0) break;
    }
    if (c == b) return 0;
    if (ru->records || ru->no_records) return 0;
    p = skip_ws(p, end);
    if (p < end && *p == '{') { /* {"key": [ ... ] } */
        p = skip_ws(p + 1, end);
        if (p == end || *p != '"' || !(p = skip_string(p, end))) return 0;
        p = skip_ws(p, end);
        if (p == end || *p != ':') return 0;
        p = skip_ws(p + 1, end);
        wrapped = 1;
    }
    if (p == end || *p != '[') return 0;
    open = p;
    x.cand = &s->cand[c];
    x.ncand = b - c;
    member_limits(s, &lim);
    if (lim.values_limited && lim.values_left) lim.values_left--; /* the array */
    if (wrapped && lim.values_limited && lim.values_left) lim.values_left--; /* the object */
    if (lim.max_depth && lim.max_depth <= (unsigned)(wrapped + 1)) {
        sink_error(out, path, "JSON nested deeper than %u levels (--max-depth)", s->o->limits.max_depth);
        failed = 1;
    }
    lim.max_depth = lim.max_depth ? lim.max_depth - (unsigned)(wrapped + 1) : 0;
    p = skip_ws(open + 1, end);
    while (!failed && !out->oom) {
        tr_jerror jerr;
        size_t used = 0;
        if (p < end && *p == ']' && first) break;
        tr_jdoc_clear(w->doc);
        tr_jv *rec = tr_jdoc_parse(w->doc, (char *)p, (size_t)(end - p), TR_JPREFIX | TR_JCOPY, &lim, &used, &jerr);
        if (!rec) {
            parse_error(s, out, path, &jerr, (size_t)(p - buf), len);
            failed = 1;
            break;
        }
        record_visit(rec, &x);
        first = 0;
        p = skip_ws(p + used, end);
        if (p < end && *p == ',') {
            p = skip_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == ']') break;
        sink_error(out, path, "invalid JSON at byte %zu: ',' or ']' expected", (size_t)(p - buf));
        failed = 1;
    }
    if (!failed && !out->oom) {
        p = skip_ws(p + 1, end);
        if (wrapped) {
            if (p < end && *p == ',') { /* a second key: the whole object is one record */
                drop_items(out);
                for (size_t e = 0; e < out->nerrors; e++) {
                    free(out->errors[e].path);
                    free(out->errors[e].message);
                }
                out->nerrors = 0;
                tr_jdoc_clear(w->doc);
                return 0;
            }
            if (p == end || *p != '}') {
                sink_error(out, path, "invalid JSON at byte %zu: '}' expected", (size_t)(p - buf));
                failed = 1;
            } else {
                p = skip_ws(p + 1, end);
            }
        }
        if (!failed && p != end) {
            sink_error(out, path, "invalid JSON at byte %zu: end of file expected", (size_t)(p - buf));
            failed = 1;
        }
    }
    if (failed) drop_items(out); /* like a whole parse: an unreadable member counts no item */
    tr_jdoc_clear(w->doc);
    s->claimed[member] = 2;
    return 1;
}

/* Parse member bytes buf[0..len) into w->doc: HTML through the HTML reader,
 * JSON with jdoc (in place). NULL when unreadable, with the error in out. */
static tr_jv *load_doc(scan *s, worker *w, sink *out, size_t member, char *buf, size_t len)
{
    const char *path = tr_tree_member(s->tree, member)->path;
    tr_jv *doc;

    tr_jdoc_clear(w->doc);
    if (s->kind[member] == K_DOC_HTML) {
        mem_reader mr = {buf, len};
        char *herr = NULL;
        json_t *h = tr_html_load_callback(mem_read, &mr, &s->o->limits, &herr);
        if (!h) {
            sink_error(out, path, "%s", herr ? herr : "cannot read this HTML member");
            free(herr);
            return NULL;
        }
        doc = tr_jv_from_jansson(w->doc, h);
        json_decref(h);
        if (!doc) out->oom = 1;
    } else {
        tr_jlimits lim;
        tr_jerror jerr;
        member_limits(s, &lim);
        doc = tr_jdoc_parse(w->doc, buf, len, 0, &lim, NULL, &jerr);
        if (!doc) parse_error(s, out, path, &jerr, 0, len);
    }
    return doc;
}

/* Parse member bytes buf[0..len) (JSON or HTML) and extract its items. */
static void process_member(scan *s, worker *w, sink *out, size_t member, char *buf, size_t len)
{
    tr_jv *doc;

    if (s->kind[member] == K_DOC_JSON && len >= s->o->limits.stream_min_bytes &&
        stream_records(s, w, out, member, buf, len, tr_tree_member(s->tree, member)->path))
        return;
    doc = load_doc(s, w, out, member, buf, len);
    if (doc) extract_items(s, out, member, doc);
    tr_jdoc_clear(w->doc);
}

/* Merge a processed member into the report (in archive order). */
static void commit_sink(scan *s, sink *k)
{
    tr_report *rep = s->rep;
    if (k->oom) s->oom = 1;
    if (k->nitems) {
        if (rep->nitems + k->nitems > s->capitems) {
            size_t cap = s->capitems ? s->capitems : 4096;
            while (cap < rep->nitems + k->nitems) cap *= 2;
            tr_item *v = realloc(rep->item, cap * sizeof *v);
            if (!v) {
                s->oom = 1;
                goto out;
            }
            rep->item = v;
            s->capitems = cap;
        }
        memcpy(rep->item + rep->nitems, k->items, k->nitems * sizeof *k->items);
        for (size_t r = 0; r < k->nrefs; r++) {
            if (s->nrefs == s->caprefs) {
                size_t cap = s->caprefs ? s->caprefs * 2 : 1024;
                ref *v = realloc(s->refs, cap * sizeof *v);
                if (!v) {
                    s->oom = 1;
                    break;
                }
                s->refs = v;
                s->caprefs = cap;
            }
            s->refs[s->nrefs++] = (ref){k->refs[r].media_member, k->refs[r].item + (uint32_t)rep->nitems};
        }
        rep->nitems += k->nitems;
        k->nitems = 0; /* texts now belong to the report */
    }
    {
        size_t a = tr_tree_member(s->tree, k->member)->exp;
        if (k->has_newest && (!s->has_newest[a] || k->newest > s->newest[a])) {
            s->newest[a] = k->newest;
            s->has_newest[a] = 1;
        }
        rep->accounts[a].media_refs += k->media_refs;
        rep->accounts[a].media_refs_found += k->media_refs_found;
    }
    for (size_t e = 0; e < k->nerrors; e++) ERROR(s, k->errors[e].path, "%s", k->errors[e].message);
out:
    sink_free(k);
}

/* ---- reading documents -------------------------------------------------------- */

/* Read the whole member into *buf (grown as needed, kept by the caller):
 * it is bounded by the member size limit, which the reader enforces.
 * Returns 0, or -1 with *err set (malloc'd; NULL when out of memory). */
static int read_all(tr_reader *rd, const tr_member *m, char **buf, size_t *cap, size_t *len, char **err)
{
    size_t n = 0;
    const char *msg = NULL;
    *len = 0;
    *err = NULL;
    if (*cap < 65536 || (m->size < (64u << 20) && *cap < (size_t)m->size + 1)) {
        size_t want = m->size > 0 && m->size < (64u << 20) ? (size_t)m->size + 1 : 65536;
        char *nb = realloc(*buf, want > *cap ? want : *cap);
        if (!nb) return -1;
        *buf = nb;
        if (want > *cap) *cap = want;
    }
    for (;;) {
        if (n == *cap) {
            char *nb = realloc(*buf, *cap * 2);
            if (!nb) return -1;
            *buf = nb;
            *cap *= 2;
        }
        size_t got = tr_reader_read(rd, *buf + n, *cap - n);
        if (got == (size_t)-1) {
            tr_err e = tr_reader_error(rd, &msg);
            *err = strdup(msg ? msg : tr_strerror(e));
            return -1;
        }
        if (got == 0) break;
        n += got;
    }
    *len = n;
    return 0;
}

/* Fact pass: documents are few and small. A document that cannot be read
 * sets no fact; its error is reported by the main pass, which reads it again
 * under the rule that claims it. */
static int visit_fact_doc(size_t i, const tr_member *m, tr_reader *rd, void *user)
{
    scan *s = user;
    worker *w = s->fact_worker;
    size_t len;
    char *err = NULL;
    sink dropped;
    tr_jv *doc;

    if (read_all(rd, m, &w->buf, &w->cap, &len, &err) != 0) {
        if (!err) s->oom = 1;
        free(err);
        return s->oom;
    }
    memset(&dropped, 0, sizeof dropped);
    doc = load_doc(s, w, &dropped, i, w->buf, len);
    if (doc) read_facts(s, i, doc);
    if (dropped.oom) s->oom = 1;
    sink_free(&dropped);
    tr_jdoc_clear(w->doc);
    return s->oom;
}

/* The main pass: members are read and processed by the visiting threads,
 * and merged into the report in tree order, whoever finishes first. */
typedef struct main_ctx {
    scan *s;
    worker *workers;
    sink **done; /* per wanted member (seq), once processed */
    size_t next, total; /* next seq to merge, of total */
    uint64_t bytes, total_bytes;
    pthread_mutex_t mu;
} main_ctx;

static int visit_doc(size_t seq, size_t i, const tr_member *m, tr_reader *rd, void *user, unsigned thread)
{
    main_ctx *mc = user;
    scan *s = mc->s;
    worker *w = &mc->workers[thread];
    sink *k = calloc(1, sizeof *k);
    int stop;

    if (!k) {
        s->oom = 1;
        return 1;
    }
    k->m = &w->m;
    k->member = i;
    if (rd) {
        size_t len;
        char *err = NULL;
        /* a rule claims it: if it cannot be read, it is an error, not unmatched */
        s->claimed[i] = 3;
        if (read_all(rd, m, &w->buf, &w->cap, &len, &err) != 0) {
            if (err) sink_error(k, m->path, "%s", err);
            else k->oom = 1;
            free(err);
        } else {
            process_member(s, w, k, i, w->buf, len);
        }
        if (w->cap > (64u << 20)) { /* one huge member: do not keep its buffer */
            free(w->buf);
            w->buf = NULL;
            w->cap = 0;
        }
    }
    pthread_mutex_lock(&mc->mu);
    mc->done[seq] = k;
    while (mc->done[mc->next]) {
        sink *d = mc->done[mc->next];
        commit_sink(s, d);
        free(d);
        mc->done[mc->next++] = NULL;
        if (mc->next == mc->total) break;
    }
    if (rd) mc->bytes += m->size;
    if (s->o->progress && rd) s->o->progress(mc->bytes, mc->total_bytes, s->rep->nitems, m->path, s->o->progress_user);
    stop = s->oom;
    pthread_mutex_unlock(&mc->mu);
    return stop;
}

#ifdef TR_NO_THREADS
#define MAX_THREADS 1 /* a build without threads (the browser edition) */
#else
#define MAX_THREADS 16
#endif

static size_t default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (size_t)n;
}

/* Visit the wanted members with o->threads threads (0: one per CPU). */
static tr_err main_pass(scan *s, const unsigned char *want)
{
    size_t nthreads = s->o->threads ? s->o->threads : default_threads(), nw = 0, started = 0;
    main_ctx mc;
    tr_err rc = TR_OK;

    if (nthreads > MAX_THREADS) nthreads = MAX_THREADS;
    memset(&mc, 0, sizeof mc);
    mc.s = s;
    for (size_t i = 0; i < s->n; i++)
        if (want[i]) {
            nw++;
            mc.total_bytes += tr_tree_member(s->tree, i)->size;
        }
    if (nw == 0) return TR_OK;
    mc.total = nw;
    mc.done = calloc(nw + 1, sizeof *mc.done);
    mc.workers = calloc(nthreads, sizeof *mc.workers);
    if (!mc.done || !mc.workers) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    for (; started < nthreads; started++) {
        worker *w = &mc.workers[started];
        if (tr_matcher_init(&w->m, s->o->limits.match_limit, s->o->limits.depth_limit) != 0) break;
        if (!(w->doc = tr_jdoc_new())) {
            tr_matcher_free(&w->m);
            break;
        }
    }
    if (started == 0) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    pthread_mutex_init(&mc.mu, NULL);
    rc = tr_tree_visit_parallel(s->tree, want, started, visit_doc, &mc);
    pthread_mutex_destroy(&mc.mu);
    if (rc == TR_ERR_USAGE && s->oom) rc = TR_ERR_NOMEM;
out:
    if (mc.done)
        for (size_t q = 0; q < nw; q++)
            if (mc.done[q]) {
                sink_free(mc.done[q]);
                free(mc.done[q]);
            }
    for (size_t t = 0; t < started; t++) {
        tr_matcher_free(&mc.workers[t].m);
        tr_jdoc_free(mc.workers[t].doc);
        free(mc.workers[t].buf);
    }
    free(mc.workers);
    free(mc.done);
    return rc;
}

/* ---- finalising ---------------------------------------------------------------- */

static int has_tag(char *const *tags, size_t n, char *const *want, size_t nwant)
{
    for (size_t i = 0; i < nwant; i++)
        for (size_t j = 0; j < n; j++)
            if (!strcmp(want[i], tags[j])) return 1;
    return 0;
}

/* Apply the adjusts to one verdict, with the facts of account ac. rule is
 * NULL for unreferenced media. */
static tr_verdict adjust(scan *s, const tr_account *ac, const tr_rule *rule, unsigned plat, int category, tr_verdict v,
                         int16_t *which)
{
    const tr_rules *r = s->rules;
    for (size_t a = 0; a < r->nadjusts; a++) {
        const tr_adjust *ad = &r->adjusts[a];
        if (!(ad->platforms & plat)) continue;
        if (!(ad->from & (1u << v))) continue;
        if (ad->ntags && (!rule || !has_tag(rule->tags, rule->ntags, ad->tags, ad->ntags))) continue;
        if (category >= 0 && (ad->except & (1u << category))) continue;
        int ok = 1;
        for (size_t c = 0; c < ad->nconds && ok; c++)
            ok = tr_cond_eval_fact(&ad->conds[c], ac->facts, ac->nfacts);
        if (!ok) continue;
        v = ad->to;
        *which = (int16_t)a;
    }
    return v;
}

/* The date in the name of export e, else in the name of the first of its
 * parts that has one. */
static int date_from_names(const scan *s, size_t e, tr_date *out)
{
    const tr_export *ex = tr_tree_export(s->tree, e);
    if (ex && ex->name && tr_export_name_date(ex->name, out)) return 1;
    for (size_t p = 0; p < tr_tree_parts(s->tree); p++) {
        int mine = 0;
        for (size_t i = 0; i < s->n && !mine; i++) {
            const tr_member *m = tr_tree_member(s->tree, i);
            mine = m->part == p && m->exp == e;
        }
        if (mine && tr_export_name_date(tr_tree_part_name(s->tree, p), out)) return 1;
    }
    return 0;
}

static int push_fact(scan *s, tr_fact **facts, size_t *n, const tr_fact *f)
{
    tr_fact *nv = realloc(*facts, (*n + 1) * sizeof *nv);
    if (!nv) {
        s->oom = 1;
        return -1;
    }
    *facts = nv;
    nv[*n] = *f;
    nv[*n].text = f->text ? strdup(f->text) : NULL;
    if (f->text && !nv[*n].text) {
        s->oom = 1;
        return -1;
    }
    (*n)++;
    return 0;
}

static void set_fact_bool(scan *s, tr_account *ac, const char *name, int b)
{
    tr_fact f;
    memset(&f, 0, sizeof f);
    f.name = name;
    f.type = TR_FACT_BOOL;
    f.boolean = b;
    f.text = b ? "true" : "false";
    push_fact(s, &ac->facts, &ac->nfacts, &f);
}

static void add_missing(scan *s, tr_account *ac, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void add_missing(scan *s, tr_account *ac, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char **v = realloc(ac->missing, (ac->nmissing + 1) * sizeof *v);
    if (!v) {
        s->oom = 1;
        return;
    }
    ac->missing = v;
    if (!(v[ac->nmissing] = tr_utf8_scrub(msg, strlen(msg), NULL))) s->oom = 1;
    else ac->nmissing++;
}

/* The export's date, the as-of date, and the facts derived from them
 * (classification.md: "The as-of date", "Account holder under 18"). */
static void account_dates(scan *s, size_t e)
{
    tr_account *ac = &s->rep->accounts[e];
    const tr_export *ex = tr_tree_export(s->tree, e);

    if (date_from_names(s, e, &ac->date)) {
        ac->has_date = 1;
        ac->date_source = "file name";
    } else if (ex && ex->has_mtime && ex->newest_mtime <= s->now) {
        /* Meta writes the export's creation time on every entry */
        ac->has_date = 1;
        ac->date = tr_date_from_unix(ex->newest_mtime);
        ac->date_source = "archive entries";
    } else if (s->has_newest[e]) {
        ac->has_date = 1;
        ac->date = tr_date_from_unix(s->newest[e]);
        ac->date_source = "newest item";
    }
    if (s->o->has_as_of) {
        ac->has_as_of = 1;
        ac->as_of = s->o->as_of;
        ac->as_of_source = "option";
    } else if (ac->has_date) {
        ac->has_as_of = 1;
        ac->as_of = ac->date;
        ac->as_of_source = ac->date_source;
    }
    /* facts an HTML page did not show in a form we read, and nothing else set */
    size_t keep = 0;
    for (size_t k = 0; k < ac->nunreadable; k++)
        if (!find_fact(ac->facts, ac->nfacts, ac->unreadable[k].fact)) ac->unreadable[keep++] = ac->unreadable[k];
    ac->nunreadable = keep;
    const tr_fact *f = find_fact(ac->facts, ac->nfacts, "birth_date");
    if (f && f->type == TR_FACT_DATE) ac->birth_date_source = "export";
    else if (!f && s->o->has_birth_date) { /* --birth-date: for an export that records none */
        char d[16];
        tr_fact bf;
        memset(&bf, 0, sizeof bf);
        tr_date_format(s->o->birth_date, d);
        bf.name = "birth_date";
        bf.type = TR_FACT_DATE;
        bf.date = s->o->birth_date;
        bf.text = d;
        if (push_fact(s, &ac->facts, &ac->nfacts, &bf) != 0) return;
        f = &ac->facts[ac->nfacts - 1];
        ac->birth_date_source = "option";
    }
    ac->minor = -1;
    if (f && f->type == TR_FACT_DATE) {
        ac->has_birth_date = 1;
        ac->birth_date = f->date;
        if (ac->has_as_of) {
            ac->minor = tr_age_on(f->date, ac->as_of) < 18;
            set_fact_bool(s, ac, "minor", ac->minor);
        }
    }
    f = find_fact(ac->facts, ac->nfacts, "private_account");
    ac->private_account = f && f->type == TR_FACT_BOOL ? f->boolean : -1;
}

/* The first second after which an item of account ac is dated in the future:
 * after the export's date (a day's margin for time zones) or the clock. */
static int64_t future_after(const scan *s, const tr_account *ac)
{
    int64_t cut = s->now;
    if (ac->has_date && (tr_date_to_days(ac->date) + 2) * 86400 - 1 < cut) cut = (tr_date_to_days(ac->date) + 2) * 86400 - 1;
    return cut;
}

/* What looks missing from an account's export (classification.md: "missing
 * parts"). A named part that is missing makes the scan incomplete. */
static void account_missing(scan *s, size_t e)
{
    tr_account *ac = &s->rep->accounts[e];
    const tr_export *ex = tr_tree_export(s->tree, e);
    const tr_rules *r = s->rules;
    unsigned fact_plats = 0;

    if (ex && ex->missing) {
        add_missing(s, ac, "%s", ex->missing);
        ERROR(s, ac->name ? ac->name : "", "%s: scan every part of the export together", ex->missing);
    }
    for (size_t f = 0; f < r->nfacts; f++) fact_plats |= r->facts[f].platforms;
    if ((ac->platforms & fact_plats) && !ac->has_fact_doc)
        add_missing(s, ac, "the profile: no file of this export holds the account's profile (birth date, e-mail, "
                           "account privacy); another part of the export may hold it");
    if (ac->media_refs >= 4 && ac->media_refs_found * 2 < ac->media_refs)
        add_missing(s, ac, "media files: most media references resolve to no file of the export; another part "
                           "of the export may hold them");
}

/* The report's own values: the sums of the accounts, and the facts and dates
 * they all share. */
static void report_summary(scan *s)
{
    tr_report *rep = s->rep;
    const tr_account *a0 = &rep->accounts[0];
    int same_as_of = 1, same_birth = 1;

    rep->minor = a0->minor;
    rep->private_account = a0->private_account;
    for (size_t a = 0; a < rep->naccounts; a++) {
        const tr_account *ac = &rep->accounts[a];
        for (int v = 0; v < TR_VERDICT__COUNT; v++) {
            rep->items[v] += ac->items[v];
            rep->media_files[v] += ac->media_files[v];
            rep->media_bytes[v] += ac->media_bytes[v];
        }
        rep->future_items += ac->future_items;
        rep->nmissing += ac->nmissing;
        if (ac->has_as_of != a0->has_as_of ||
            (ac->has_as_of && tr_date_to_days(ac->as_of) != tr_date_to_days(a0->as_of)))
            same_as_of = 0;
        if (ac->has_birth_date != a0->has_birth_date ||
            (ac->has_birth_date && tr_date_to_days(ac->birth_date) != tr_date_to_days(a0->birth_date)))
            same_birth = 0;
        if (ac->minor != rep->minor) rep->minor = -1;
        if (ac->private_account != rep->private_account) rep->private_account = -1;
        for (size_t k = 0; k < ac->nunreadable; k++) {
            tr_unreadable *v = realloc(rep->unreadable, (rep->nunreadable + 1) * sizeof *v);
            if (!v) {
                s->oom = 1;
                return;
            }
            rep->unreadable = v;
            v[rep->nunreadable++] = ac->unreadable[k];
        }
    }
    if (same_as_of && a0->has_as_of) {
        rep->has_as_of = 1;
        rep->as_of = a0->as_of;
        rep->as_of_source = a0->as_of_source;
        for (size_t a = 1; a < rep->naccounts; a++)
            if (strcmp(rep->accounts[a].as_of_source, rep->as_of_source)) rep->as_of_source = "several";
    }
    if (same_birth && a0->has_birth_date) {
        rep->has_birth_date = 1;
        rep->birth_date = a0->birth_date;
    }
    /* the facts every account records with the same value */
    for (size_t k = 0; k < a0->nfacts; k++) {
        const tr_fact *f = &a0->facts[k];
        int all = 1;
        for (size_t a = 1; a < rep->naccounts && all; a++) {
            const tr_fact *g = find_fact(rep->accounts[a].facts, rep->accounts[a].nfacts, f->name);
            all = g && g->text && f->text && !strcmp(g->text, f->text);
        }
        if (all && push_fact(s, &rep->facts, &rep->nfacts, f) != 0) return;
    }
}

static void finalise(scan *s)
{
    tr_report *rep = s->rep;
    const tr_rules *r = s->rules;
    size_t na = rep->naccounts;

    for (size_t a = 0; a < na; a++) account_dates(s, a);
    if (s->oom) return;

    /* items: an item's category and verdict come from its rule, so the
     * adjusted verdict depends on the account, the rule and the member's
     * platforms only */
    size_t per = (size_t)r->nrules * 256u;
    uint32_t *memo = calloc(na * per + 1, sizeof *memo); /* verdict << 16 | (adjust + 1), + 1 */
    int64_t *cut = malloc(na * sizeof *cut);
    if (!memo || !cut) {
        free(memo);
        free(cut);
        s->oom = 1;
        return;
    }
    for (size_t a = 0; a < na; a++) cut[a] = future_after(s, &rep->accounts[a]);
    for (size_t i = 0; i < rep->nitems; i++) {
        tr_item *it = &rep->item[i];
        const tr_rule *ru = &r->rules[it->rule];
        size_t a = tr_tree_member(s->tree, it->member)->exp;
        tr_account *ac = &rep->accounts[a];
        uint32_t *m = &memo[a * per + (size_t)it->rule * 256u + s->plat[it->member]];
        tr_verdict v;
        if (*m) {
            v = (tr_verdict)((*m >> 16) - 1);
            it->adjust = (int16_t)((int)(*m & 0xffffu) - 1);
        } else {
            v = adjust(s, ac, ru, s->plat[it->member], it->category, (tr_verdict)it->verdict, &it->adjust);
            *m = ((uint32_t)v + 1) << 16 | (uint32_t)(uint16_t)(it->adjust + 1);
        }
        if (s->o->assume_public && v == TR_UNCERTAIN) {
            v = TR_ELIGIBLE;
            it->assumed = 1;
        }
        it->verdict = (uint8_t)v;
        ac->items[v]++;
        rep->categories[it->category][v]++;
        if (it->has_time && it->time > cut[a]) { /* a spam invitation to 2069 dates nothing */
            it->future = 1;
            ac->future_items++;
            continue;
        }
        if (v == TR_ELIGIBLE && it->has_time) {
            if (!rep->has_eligible_time || it->time < rep->eligible_first) rep->eligible_first = it->time;
            if (!rep->has_eligible_time || it->time > rep->eligible_last) rep->eligible_last = it->time;
            rep->has_eligible_time = 1;
        }
    }
    free(memo);
    free(cut);

    /* media: referenced ones take the most exposed verdict of their items */
    size_t nmedia = 0;
    int32_t *slot = malloc((s->n ? s->n : 1) * sizeof *slot);
    if (!slot) {
        s->oom = 1;
        return;
    }
    for (size_t i = 0; i < s->n; i++) slot[i] = s->kind[i] == K_MEDIA ? (int32_t)nmedia++ : -1;
    rep->media = calloc(nmedia ? nmedia : 1, sizeof *rep->media);
    if (!rep->media) {
        free(slot);
        s->oom = 1;
        return;
    }
    rep->nmedia = nmedia;
    for (size_t i = 0; i < s->n; i++) {
        if (slot[i] < 0) continue;
        tr_media *md = &rep->media[slot[i]];
        md->member = (uint32_t)i;
        md->item = -1;
        md->unref = -1;
        md->adjust = -1;
    }
    rep->refs = malloc((s->nrefs ? s->nrefs : 1) * sizeof *rep->refs);
    if (!rep->refs) {
        free(slot);
        s->oom = 1;
        return;
    }
    rep->nrefs = s->nrefs;
    for (size_t k = 0; k < s->nrefs; k++) {
        tr_media *md = &rep->media[slot[s->refs[k].media_member]];
        const tr_item *it = &rep->item[s->refs[k].item];
        rep->refs[k] = (tr_ref){(uint32_t)slot[s->refs[k].media_member], s->refs[k].item};
        if (md->item < 0 || it->verdict > md->verdict) {
            md->item = (int32_t)s->refs[k].item;
            md->verdict = it->verdict;
        }
    }
    free(slot);
    for (size_t k = 0; k < rep->nmedia; k++) {
        tr_media *md = &rep->media[k];
        const tr_member *mem = tr_tree_member(s->tree, md->member);
        tr_account *ac = &rep->accounts[mem->exp];
        if (md->item < 0) {
            tr_verdict v = TR_UNCERTAIN;
            const char *rp = rule_path(s, md->member);
            for (size_t u = 0; u < r->nunrefs; u++)
                if (any_path(s, r->unrefs[u].paths, r->unrefs[u].npaths, rp, strlen(rp))) {
                    md->unref = (int16_t)u;
                    v = r->unrefs[u].verdict;
                    break;
                }
            v = adjust(s, ac, NULL, s->plat[md->member], -1, v, &md->adjust);
            if (s->o->assume_public && v == TR_UNCERTAIN) v = TR_ELIGIBLE;
            md->verdict = (uint8_t)v;
        }
        ac->media_files[md->verdict]++;
        ac->media_bytes[md->verdict] += mem->size;
    }

    /* unmatched: other files, and documents no rule took */
    for (size_t i = 0; i < s->n; i++) {
        int doc = s->kind[i] == K_DOC_JSON || s->kind[i] == K_DOC_HTML;
        /* claimed: 0 not read, 1 read but no rule's conditions held, 2 decided, 3 unreadable */
        int un = s->kind[i] == K_OTHER ||
                 (doc && !s->factdoc[i] && (s->cand_off[i] == s->cand_off[i + 1] || s->claimed[i] == 1));
        if (!un) continue;
        uint32_t *v = realloc(rep->unmatched, (rep->nunmatched + 1) * sizeof *v);
        if (!v) {
            s->oom = 1;
            return;
        }
        rep->unmatched = v;
        v[rep->nunmatched++] = (uint32_t)i;
    }

    /* problems from the archive layer */
    for (size_t i = 0; i < tr_tree_problem_count(s->tree); i++) {
        const tr_problem *p = tr_tree_problem(s->tree, i);
        if (p->incomplete) ERROR(s, p->path, "%s", p->message);
        else WARN(s, p->path, "%s", p->message);
    }
    for (size_t i = 0; i < s->n; i++)
        if (s->factdoc[i]) account_of(s, i)->has_fact_doc = 1;
    for (size_t a = 0; a < na; a++) account_missing(s, a);
    report_summary(s);
    rep->complete = rep->nerrors == 0;
}

static int cmp_note(const void *a, const void *b)
{
    const tr_note *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c ? c : strcmp(x->message, y->message);
}

/* ---- the HTML view -------------------------------------------------------------- */

/* Where records and fields are in the documents tr_html_load returns. */
static tr_err html_view(tr_rule *v)
{
    size_t col;
    const char *msg;
    memset(v, 0, sizeof *v);
    v->time = calloc(1, sizeof *v->time);
    v->text = calloc(2, sizeof *v->text);
    v->media = calloc(1, sizeof *v->media);
    if (!v->time || !v->text || !v->media) return TR_ERR_NOMEM;
    v->ntime = 1;
    v->ntext = 2;
    v->nmedia = 1;
    if (tr_jpath_compile("items[*]", &v->records, &col, &msg) || tr_jpath_compile("time", &v->time[0].sel, &col, &msg) ||
        tr_jpath_compile("title", &v->text[0], &col, &msg) || tr_jpath_compile("text", &v->text[1], &col, &msg) ||
        tr_jpath_compile("uri[*]", &v->media[0], &col, &msg))
        return TR_ERR_NOMEM;
    return TR_OK;
}

static void html_view_free(tr_rule *v)
{
    tr_jpath_free(v->records);
    if (v->time) tr_jpath_free(v->time[0].sel);
    if (v->text) {
        tr_jpath_free(v->text[0]);
        tr_jpath_free(v->text[1]);
    }
    if (v->media) tr_jpath_free(v->media[0]);
    free(v->time);
    free(v->text);
    free(v->media);
}

/* ---- entry point ---------------------------------------------------------------- */

tr_err tr_scan(const char *const *inputs, size_t n, const tr_scan_options *o, tr_report **out, char **errmsg)
{
    scan s;
    tr_err rc = TR_OK;
    unsigned char *want = NULL;

    *out = NULL;
    *errmsg = NULL;
    memset(&s, 0, sizeof s);
    s.o = o;
    s.rules = o->rules;
    if (tr_matcher_init(&s.m, o->limits.match_limit, o->limits.depth_limit) != 0) return TR_ERR_NOMEM;
    s.rep = calloc(1, sizeof *s.rep);
    if (!s.rep) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    s.rep->rules = o->rules;
    s.rep->assume_public = o->assume_public;
    s.rep->texts_kept = o->keep_text;
    s.private_text = !o->skip_private_text;
    for (size_t i = 0; i < o->rules->nadjusts; i++)
        if (o->rules->adjusts[i].from & (1u << TR_PRIVATE)) s.private_text = 1; /* a private item may not stay so */
    s.rep->private_account = -1;
    s.rep->minor = -1;
    rc = tr_tree_open(inputs, n, (const char *const *)o->rules->roots, &o->limits, &s.tree, errmsg);
    if (rc != TR_OK) goto out;
    s.rep->tree = s.tree;
    s.n = tr_tree_count(s.tree);
    s.now = (int64_t)time(NULL);
    s.rep->naccounts = tr_tree_exports(s.tree) ? tr_tree_exports(s.tree) : 1;
    s.rep->accounts = calloc(s.rep->naccounts, sizeof *s.rep->accounts);
    s.newest = calloc(s.rep->naccounts, sizeof *s.newest);
    s.has_newest = calloc(s.rep->naccounts, 1);
    if (!s.rep->accounts || !s.newest || !s.has_newest) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    for (size_t a = 0; a < s.rep->naccounts; a++) {
        const tr_export *ex = tr_tree_export(s.tree, a);
        s.rep->accounts[a].exp = (uint32_t)a;
        s.rep->accounts[a].name = ex && ex->name ? ex->name : "";
        s.rep->accounts[a].private_account = -1;
        s.rep->accounts[a].minor = -1;
    }
    s.kind = calloc(s.n + 1, 1);
    s.plat = calloc(s.n + 1, 1);
    s.rel = calloc(s.n + 1, sizeof *s.rel);
    s.factdoc = calloc(s.n + 1, 1);
    s.claimed = calloc(s.n + 1, 1);
    s.cand_off = calloc(s.n + 1, sizeof *s.cand_off);
    want = calloc(s.n + 1, 1);
    if (!s.kind || !s.plat || !s.rel || !s.factdoc || !s.claimed || !s.cand_off || !want) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    find_profiles(&s);
    for (size_t i = 0; i < s.n; i++) s.kind[i] = (unsigned char)member_kind(&s, rule_path(&s, i));
    if ((rc = html_view(&s.html)) != TR_OK) goto out;
    if ((rc = detect(&s, errmsg)) != TR_OK) goto out;
    if ((rc = find_candidates(&s)) != TR_OK) goto out;

    /* facts first: they can decide rules */
    int any = 0;
    for (size_t i = 0; i < s.n; i++) any |= want[i] = s.factdoc[i];
    if (any) {
        worker fw;
        memset(&fw, 0, sizeof fw);
        fw.doc = tr_jdoc_new();
        s.fact_worker = &fw;
        rc = fw.doc ? tr_tree_visit(s.tree, want, visit_fact_doc, &s) : TR_ERR_NOMEM;
        tr_jdoc_free(fw.doc);
        free(fw.buf);
        s.fact_worker = NULL;
        if (s.oom) rc = TR_ERR_NOMEM;
        if (rc != TR_OK) goto out;
    }
    for (size_t i = 0; i < s.n; i++) want[i] = s.cand_off[i] != s.cand_off[i + 1];
    rc = main_pass(&s, want);
    if (s.oom) rc = TR_ERR_NOMEM;
    if (rc != TR_OK) goto out;
    /* documents whose candidates were all conditional and none held */
    finalise(&s);
    if (s.oom) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    if (s.rep->nerrors) qsort(s.rep->errors, s.rep->nerrors, sizeof *s.rep->errors, cmp_note);
    if (s.rep->nwarnings) qsort(s.rep->warnings, s.rep->nwarnings, sizeof *s.rep->warnings, cmp_note);
    *out = s.rep;
    s.rep = NULL;
out:
    if (rc == TR_ERR_NOMEM && !*errmsg) *errmsg = strdup("out of memory");
    tr_report_free(s.rep);
    tr_matcher_free(&s.m);
    free(s.kind);
    free(s.plat);
    free(s.rel);
    free(s.factdoc);
    free(s.claimed);
    free(s.cand_off);
    free(s.newest);
    free(s.has_newest);
    free(s.cand);
    free(s.refs);
    free(want);
    html_view_free(&s.html);
    return rc;
}

void tr_report_free(tr_report *r)
{
    if (!r) return;
    tr_tree_free(r->tree);
    free(r->layouts);
    for (size_t a = 0; a < r->naccounts; a++) {
        tr_account *ac = &r->accounts[a];
        free(ac->layouts);
        for (size_t i = 0; i < ac->nfacts; i++) free(ac->facts[i].text);
        free(ac->facts);
        free(ac->unreadable);
        for (size_t i = 0; i < ac->nmissing; i++) free(ac->missing[i]);
        free(ac->missing);
    }
    free(r->accounts);
    for (size_t i = 0; i < r->nfacts; i++) free(r->facts[i].text);
    free(r->facts);
    free(r->unmatched);
    free(r->unreadable);
    for (size_t i = 0; i < r->nerrors; i++) {
        free(r->errors[i].path);
        free(r->errors[i].message);
    }
    free(r->errors);
    for (size_t i = 0; i < r->nwarnings; i++) {
        free(r->warnings[i].path);
        free(r->warnings[i].message);
    }
    free(r->warnings);
    for (size_t i = 0; i < r->nitems; i++) free(r->item[i].text);
    free(r->item);
    free(r->media);
    free(r->refs);
    free(r);
}

const char *tr_item_reason(const tr_report *r, const tr_item *it)
{
    if (it->assumed) return "Assumed public (--assume-public): the export does not record the audience.";
    return it->adjust >= 0 ? r->rules->adjusts[it->adjust].reason : r->rules->rules[it->rule].reason;
}

const char *tr_item_rule_id(const tr_report *r, const tr_item *it)
{
    return it->adjust >= 0 ? r->rules->adjusts[it->adjust].id : r->rules->rules[it->rule].id;
}

const char *tr_media_reason(const tr_report *r, const tr_media *m)
{
    if (m->item >= 0) return tr_item_reason(r, &r->item[m->item]);
    if (m->adjust >= 0) return r->rules->adjusts[m->adjust].reason;
    return m->unref >= 0 ? r->rules->unrefs[m->unref].reason : "Media file that no item references.";
}

const char *tr_media_rule_id(const tr_report *r, const tr_media *m)
{
    if (m->item >= 0) return tr_item_rule_id(r, &r->item[m->item]);
    if (m->adjust >= 0) return r->rules->adjusts[m->adjust].id;
    return m->unref >= 0 ? r->rules->unrefs[m->unref].id : "";
}
