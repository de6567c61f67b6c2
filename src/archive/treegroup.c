/* treegroup.c - which export each listed entry belongs to (tree.h:
 * tr_export), and where the export's root is in its path.
 *
 * Roots. An export is recognised by its root folders (the rule set's
 * `roots`), wherever they sit: the export's root is the folder holding them.
 * For each entry the candidate root is the parent of its first folder that is
 * a top-only root ("/name" in the list: your_facebook_activity/ and the like,
 * which only ever sit at the top of an export), else the parent of its first
 * folder that is any root. Per part, the candidates found through a top-only
 * root are export roots; so is any other candidate that has no shorter
 * candidate above it (the rest are category folders deeper in an export).
 * Each entry then takes the deepest export root above it whose next folder is
 * a root (or is its own candidate), else the deepest one above it at all: a
 * part unzipped into personal_information/profile_information/ of another is
 * seen as a second root there, and each file goes with its own. Entries below
 * no export root, when there are export roots elsewhere, are not part of an
 * export (the other files of a Downloads folder): they are dropped and listed
 * in one warning per part. When no entry anywhere sits under a known root,
 * everything is one export whose wrapper folders are stripped as before (the
 * scan then says it is no known layout).
 *
 * Names. Each export root is named by the deepest folder of its path that
 * looks like an export's name (facebook-..., instagram-..., meta-...,
 * <user>_<YYYYMMDD>), else by its part's name; copies made by the system
 * (" 2", " (1)"), archive extensions, -partN / _partN and Google Drive's
 * -<time>-1-001 are not part of a name. Names of facebook-/instagram- exports
 * are compared without the token after their date, since the parts of one
 * export can carry different tokens. Roots with the same name are one export;
 * roots without an export-like name join the only named export when there is
 * exactly one, else they are one export of their own. Exports are numbered
 * in the order of their names, so the numbering does not depend on the order
 * of the inputs.
 *
 * Missing parts: the part numbers seen (-partN, Drive's -001) of an export;
 * a number below the highest that is not there is missing.
 *
 * Memory: export names and texts live in the tree's pool.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tree_int.h"

#define NAME_MAX_LEN 256
#define MAX_PARTNO 1000

typedef struct xname {
    char disp[NAME_MAX_LEN]; /* the name without copy, part and archive suffixes */
    char key[NAME_MAX_LEN];  /* what parts of one export share */
    int named;               /* looks like an export's name */
    unsigned partno;         /* from -partN or Drive's -NNN, 0 when none */
} xname;

typedef struct rootname {
    const char *s;
    size_t n;
    int top;
} rootname;

typedef struct cand {
    uint32_t part;
    const char *s; /* the prefix is s[0..len) */
    size_t len;
    unsigned strong;  /* found through a top-only root */
    unsigned genuine; /* an export root */
    int src;          /* its source (export root) index once named */
} cand;

typedef struct source {
    xname x;
    int inherit; /* index of the source it belongs with (a part unpacked inside another), or -1 */
    uint32_t exp;
} source;

typedef struct group_ctx {
    tr_tree *t;
    rootname *roots;
    size_t nroots;
    cand *c;
    size_t nc;
} group_ctx;

/* ---- root names ----------------------------------------------------------------- */

static int cmp_rootname(const void *a, const void *b)
{
    const rootname *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* 0 not a root, 1 a root, 2 a top-only root */
static int root_kind(const group_ctx *g, const char *c, size_t n)
{
    rootname key = {c, n, 0};
    const rootname *r = g->nroots ? bsearch(&key, g->roots, g->nroots, sizeof key, cmp_rootname) : NULL;
    return r == NULL ? 0 : r->top ? 2 : 1;
}

static tr_err load_roots(group_ctx *g, const char *const *roots)
{
    size_t n = 0, o = 0;
    while (roots != NULL && roots[n] != NULL)
        n++;
    if (n == 0)
        return TR_OK;
    g->roots = malloc(n * sizeof *g->roots);
    if (g->roots == NULL)
        return TR_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        int top = roots[i][0] == '/';
        g->roots[i].s = roots[i] + top;
        g->roots[i].n = strlen(roots[i] + top);
        g->roots[i].top = top;
    }
    qsort(g->roots, n, sizeof *g->roots, cmp_rootname);
    /* a name listed twice is top-only when either says so */
    for (size_t i = 0; i < n; i++) {
        if (o > 0 && cmp_rootname(&g->roots[o - 1], &g->roots[i]) == 0) {
            g->roots[o - 1].top |= g->roots[i].top;
            continue;
        }
        g->roots[o++] = g->roots[i];
    }
    g->nroots = o;
    return TR_OK;
}

/* ---- names ---------------------------------------------------------------------- */

static int ends_with_ci(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k && strncasecmp(s + n - k, suf, k) == 0;
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Read a name (a folder or a part's file name) as an export's name. */
static void parse_name(const char *s, size_t n, xname *x)
{
    static const char *const ext[] = {".tar.gz", ".tar.zst", ".tar.xz", ".tar.bz2", ".tgz", ".tzst",
                                      ".zip", ".tar", ".7z", NULL};
    char *d = x->disp;
    size_t i, k;

    memset(x, 0, sizeof *x);
    if (n >= NAME_MAX_LEN)
        n = NAME_MAX_LEN - 1;
    memcpy(d, s, n);
    d[n] = '\0';
    for (i = 0; ext[i] != NULL; i++)
        if (ends_with_ci(d, n, ext[i])) {
            n -= strlen(ext[i]);
            break;
        }
    /* copies: "name (1)" (Windows, browsers), "name 2" (macOS) */
    if (n > 3 && d[n - 1] == ')') {
        for (k = n - 1; k > 0 && isdigit((unsigned char)d[k - 1]); k--)
            ;
        if (k < n - 1 && k >= 3 && d[k - 1] == '(' && d[k - 2] == ' ')
            n = k - 2;
    }
    for (k = n; k > 0 && isdigit((unsigned char)d[k - 1]); k--)
        ;
    if (k < n && k >= 2 && d[k - 1] == ' ')
        n = k - 1;
    /* Google Drive: -<YYYYMMDDTHHMMSSZ>-<n>-<NNN> */
    for (k = n; k > 0 && isdigit((unsigned char)d[k - 1]); k--)
        ;
    if (n - k == 3 && k >= 3 && d[k - 1] == '-') {
        size_t j = k - 1;
        while (j > 0 && isdigit((unsigned char)d[j - 1]))
            j--;
        if (j < k - 1 && j >= 2 && d[j - 1] == '-') {
            x->partno = (unsigned)atoi(d + k);
            n = j - 1;
            if (n >= 17 && d[n - 17] == '-' && all_digits(d + n - 16, 8) && d[n - 8] == 'T' &&
                all_digits(d + n - 7, 6) && d[n - 1] == 'Z')
                n -= 17;
        }
    }
    /* -partN, _partN, " part N" */
    for (k = n; k > 0 && isdigit((unsigned char)d[k - 1]); k--)
        ;
    if (k < n && n - k < 5) {
        size_t j = k;
        if (j > 0 && d[j - 1] == ' ')
            j--;
        if (j >= 5 && strncasecmp(d + j - 4, "part", 4) == 0 &&
            (d[j - 5] == '-' || d[j - 5] == '_' || d[j - 5] == ' ')) {
            x->partno = (unsigned)atoi(d + k);
            n = j - 5;
        }
    }
    d[n] = '\0';
    memcpy(x->key, d, n + 1);
    if (strncasecmp(d, "facebook-", 9) == 0 || strncasecmp(d, "instagram-", 10) == 0) {
        /* cut the token after the date: -YYYY-M-D-token */
        for (i = 0; i + 5 < n; i++) {
            size_t j;
            if (d[i] != '-' || !all_digits(d + i + 1, 4) || d[i + 5] != '-')
                continue;
            j = i + 6;
            for (k = 0; k < 2; k++) {
                size_t st = j;
                while (j < n && isdigit((unsigned char)d[j]) && j - st < 2)
                    j++;
                if (j == st || (k == 0 && (j >= n || d[j] != '-')))
                    break;
                if (k == 0)
                    j++;
            }
            if (k == 2 && (j == n || d[j] == '-')) {
                x->key[j] = '\0';
                break;
            }
        }
        x->named = 1;
    } else if (strncasecmp(d, "meta-", 5) == 0) {
        x->named = 1;
    } else if (n > 9 && d[n - 9] == '_' && all_digits(d + n - 8, 8)) {
        x->named = 1;
    }
    if (x->partno > MAX_PARTNO)
        x->partno = 0;
}

/* The last component of a part's name ("outer.zip/inner.zip": inner.zip). */
static const char *part_base(const tr_tree *t, uint32_t part)
{
    const char *s = t->parts[part].name, *slash = strrchr(s, '/');
    return slash ? slash + 1 : s;
}

/* ---- candidates ----------------------------------------------------------------- */

/* The candidate root of one path: its length in *len (0: the path's top). */
static int path_cand(const group_ctx *g, const char *full, size_t *len, unsigned *strong)
{
    const char *c = full, *slash;
    size_t any = SIZE_MAX;

    while ((slash = strchr(c, '/')) != NULL) {
        int k = root_kind(g, c, (size_t)(slash - c));
        if (k == 2) {
            *len = (size_t)(c - full);
            *strong = 1;
            return 1;
        }
        if (k == 1 && any == SIZE_MAX)
            any = (size_t)(c - full);
        c = slash + 1;
    }
    if (any == SIZE_MAX)
        return 0;
    *len = any;
    *strong = 0;
    return 1;
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    size_t n;
    int c;
    if (x->part != y->part)
        return x->part < y->part ? -1 : 1;
    n = x->len < y->len ? x->len : y->len;
    c = memcmp(x->s, y->s, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static cand *find_cand(const group_ctx *g, uint32_t part, const char *s, size_t len)
{
    cand key = {part, s, len, 0, 0, 0};
    return g->nc ? bsearch(&key, g->c, g->nc, sizeof key, cmp_cand) : NULL;
}

/* The export root an entry belongs with, or NULL (below none). */
static const cand *entry_root(const group_ctx *g, const tr_entry *e)
{
    const char *full = e->full;
    size_t own = 0, pos[64], np = 0;
    unsigned strong;
    int has_own = path_cand(g, full, &own, &strong);

    pos[np++] = 0;
    for (const char *c = full; (c = strchr(c, '/')) != NULL && np < 64; c++)
        pos[np++] = (size_t)(c - full) + 1;
    /* pos[np-1] is the file's own folder; a root ends in '/' before a file */
    for (size_t k = np; k-- > 0;) {
        const cand *c = find_cand(g, e->m.part, full, pos[k]);
        const char *next = full + pos[k], *slash = strchr(next, '/');
        if (c == NULL || !c->genuine)
            continue;
        if ((has_own && own == pos[k]) || (slash != NULL && root_kind(g, next, (size_t)(slash - next)) != 0))
            return c;
    }
    for (size_t k = np; k-- > 0;) {
        const cand *c = find_cand(g, e->m.part, full, pos[k]);
        if (c != NULL && c->genuine)
            return c;
    }
    return NULL;
}

/* ---- naming -------------------------------------------------------------------- */

/* Name one export root. */
static void name_root(const group_ctx *g, const cand *c, source *src, const source *all)
{
    const tr_tree *t = g->t;
    xname stem, comp;
    const char *s = c->s;
    size_t len = c->len, start, end;

    src->inherit = -1;
    parse_name(part_base(t, c->part), strlen(part_base(t, c->part)), &stem);
    /* a root whose own folder is a category folder: a part unpacked inside
     * another; it goes with the root above it in the same part */
    if (len > 0) {
        end = len - 1;
        start = end;
        while (start > 0 && s[start - 1] != '/')
            start--;
        if (root_kind(g, s + start, end - start) != 0) {
            for (size_t k = start + 1; k-- > 0;) {
                if (k > 0 && s[k - 1] != '/')
                    continue;
                const cand *up = find_cand(g, c->part, s, k);
                if (up != NULL && up->genuine && up->src >= 0) {
                    src->inherit = up->src;
                    src->x = all[up->src].x;
                    return;
                }
            }
            src->x = stem;
            return;
        }
    }
    /* the deepest folder that looks like an export's name */
    src->x = stem;
    src->x.partno = 0;
    end = len;
    {
        int found = 0;
        unsigned partno = 0;
        while (end > 0) {
            end--; /* at the '/' closing a component */
            start = end;
            while (start > 0 && s[start - 1] != '/')
                start--;
            parse_name(s + start, end - start, &comp);
            if (partno == 0)
                partno = comp.partno;
            if (!found && comp.named) {
                src->x = comp;
                found = 1;
            }
            end = start;
        }
        if (!found && !stem.named && len > 0) {
            /* no export-like name anywhere: the root's own folder names it */
            end = len - 1;
            start = end;
            while (start > 0 && s[start - 1] != '/')
                start--;
            parse_name(s + start, end - start, &src->x);
        } else if (!found) {
            src->x = stem;
        }
        src->x.partno = partno ? partno : stem.partno;
    }
}

/* ---- exports -------------------------------------------------------------------- */

typedef struct xgroup {
    const char *key; /* NULL: the export of roots without an export-like name */
    const char *name;
    unsigned char *parts; /* part numbers seen, [1..MAX_PARTNO] */
    unsigned maxpart;
} xgroup;

static int cmp_xgroup(const void *a, const void *b)
{
    const xgroup *x = a, *y = b;
    if (x->key == NULL || y->key == NULL)
        return (x->key == NULL) - (y->key == NULL);
    return strcmp(x->key, y->key);
}

/* "part 1 of NAME", "parts 1 and 3 of NAME", ...; NULL when nothing is missing. */
static const char *missing_text(tr_tree *t, const xgroup *x)
{
    char buf[512];
    size_t o = 0, miss = 0, shown = 0, total = 0;
    const char *res = NULL;

    if (x->parts == NULL || x->maxpart == 0)
        return NULL;
    for (unsigned p = 1; p <= x->maxpart; p++)
        total += !x->parts[p];
    if (total == 0)
        return NULL;
    o += (size_t)snprintf(buf + o, sizeof buf - o, "part%s ", total > 1 ? "s" : "");
    for (unsigned p = 1; p <= x->maxpart && o < sizeof buf; p++) {
        if (x->parts[p])
            continue;
        miss++;
        if (shown == 20) {
            o += (size_t)snprintf(buf + o, sizeof buf - o, " and %zu more", total - shown);
            break;
        }
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%u",
                              miss == 1 ? "" : miss == total ? " and " : ", ", p);
        shown++;
    }
    if (o < sizeof buf)
        snprintf(buf + o, sizeof buf - o, " of %s", x->name);
    res = tree_pool_strdup(t, buf);
    return res;
}

/* Drop the entries that belong to no export and the archives opened as
 * parts; one warning per part lists the files dropped. */
static tr_err drop_unrelated(tr_tree *t, const unsigned char *unrelated)
{
    tr_err rc = TR_OK;
    size_t o = 0;

    for (size_t p = 0; p < t->nparts && rc == TR_OK; p++) {
        char list[400] = "";
        size_t n = 0, len = 0;
        for (size_t i = 0; i < t->count; i++) {
            const tr_entry *e = &t->entries[i];
            if (e->m.part != p || !unrelated[i])
                continue;
            if (len < 300)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", n ? ", " : "", e->full);
            n++;
        }
        if (n > 0)
            rc = tree_add_problem(t, t->parts[p].name, 0,
                                  "not part of a Facebook or Instagram export, so not scanned: %s%s (%zu file%s)",
                                  list, len >= 300 ? ", ..." : "", n, n == 1 ? "" : "s");
    }
    for (size_t i = 0; i < t->count; i++)
        if (!unrelated[i] && !t->entries[i].archive)
            t->entries[o++] = t->entries[i];
    t->count = o;
    return rc;
}

/* Strip the wrapper folders of the entries [start, end) of one part (when no
 * entry anywhere sits under a known root). */
static void strip_wrappers(tr_tree *t, size_t start, size_t end, const char *const *roots)
{
    size_t off = 0, i;

    if (start >= end)
        return;
    for (;;) {
        const char *first = t->entries[start].full + off;
        const char *slash = strchr(first, '/');
        size_t n;
        int same = 1;

        if (slash == NULL)
            break;
        n = (size_t)(slash - first);
        if (tree_is_root(roots, first, n))
            break;
        for (i = start + 1; i < end && same; i++) {
            const char *p = t->entries[i].full + off;
            if (strncmp(p, first, n) != 0 || p[n] != '/')
                same = 0;
        }
        if (!same)
            break;
        off += n + 1;
    }
    for (i = start; i < end; i++)
        t->entries[i].m.path = t->entries[i].full + off;
}

/* Everything is one export, wrappers stripped part by part (no entry sits
 * under a known root). */
static tr_err one_export(tr_tree *t, const group_ctx *g, unsigned char *drop)
{
    xgroup x = {NULL, NULL, NULL, 0};
    xname best, cur;
    int have = 0;
    tr_err rc = TR_OK;

    x.parts = calloc(MAX_PARTNO + 1, 1);
    if (x.parts == NULL)
        return TR_ERR_NOMEM;
    for (size_t p = 0; p < t->nparts; p++) {
        size_t start = SIZE_MAX, end = 0;
        for (size_t i = 0; i < t->count; i++) {
            if (t->entries[i].m.part != p || t->entries[i].archive)
                continue;
            if (start == SIZE_MAX)
                start = i;
            end = i + 1;
        }
        if (start == SIZE_MAX)
            continue;
        strip_wrappers(t, start, end, t->roots);
        parse_name(part_base(t, (uint32_t)p), strlen(part_base(t, (uint32_t)p)), &cur);
        if (!have || strcmp(cur.disp, best.disp) < 0)
            best = cur;
        have = 1;
        if (cur.partno) {
            x.parts[cur.partno] = 1;
            if (cur.partno > x.maxpart)
                x.maxpart = cur.partno;
        }
    }
    (void)g;
    for (size_t i = 0; i < t->count; i++) {
        t->entries[i].m.exp = 0;
        drop[i] = 0;
    }
    t->exports = calloc(1, sizeof *t->exports);
    if (t->exports == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    t->nexports = 1;
    x.name = tree_pool_strdup(t, have ? best.disp : t->nparts ? t->parts[0].name : "");
    if (x.name == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    t->exports[0].name = x.name;
    t->exports[0].missing = missing_text(t, &x);
out:
    free(x.parts);
    return rc;
}

tr_err tree_group(tr_tree *t)
{
    group_ctx g = {t, NULL, 0, NULL, 0};
    source *src = NULL;
    xgroup *xg = NULL;
    size_t nsrc = 0, nxg = 0, nnamed = 0, ngen = 0;
    unsigned char *drop = NULL;
    const cand **root_of = NULL;
    tr_err rc = TR_OK;

    drop = calloc(t->count ? t->count : 1, 1);
    if (drop == NULL || load_roots(&g, t->roots) != TR_OK) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    /* the candidate roots, one per (part, prefix) */
    g.c = malloc((t->count ? t->count : 1) * sizeof *g.c);
    if (g.c == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < t->count; i++) {
        const tr_entry *e = &t->entries[i];
        cand c = {e->m.part, e->full, 0, 0, 0, -1};
        if (e->archive || !path_cand(&g, e->full, &c.len, &c.strong))
            continue;
        if (g.nc > 0 && cmp_cand(&g.c[g.nc - 1], &c) == 0) {
            g.c[g.nc - 1].strong |= c.strong;
            continue;
        }
        g.c[g.nc++] = c;
    }
    if (g.nc > 1)
        qsort(g.c, g.nc, sizeof *g.c, cmp_cand);
    {
        size_t o = 0;
        for (size_t i = 0; i < g.nc; i++) {
            if (o > 0 && cmp_cand(&g.c[o - 1], &g.c[i]) == 0) {
                g.c[o - 1].strong |= g.c[i].strong;
                continue;
            }
            g.c[o++] = g.c[i];
        }
        g.nc = o;
    }
    if (g.nc == 0) {
        rc = one_export(t, &g, drop);
        if (rc == TR_OK)
            rc = drop_unrelated(t, drop);
        goto out;
    }
    /* export roots: through a top-only root, or with no candidate above */
    for (size_t i = 0; i < g.nc; i++) {
        cand *c = &g.c[i];
        int above = 0;
        if (!c->strong) {
            for (size_t k = 0; k < c->len && !above; k++)
                if ((k == 0 || c->s[k - 1] == '/') && find_cand(&g, c->part, c->s, k) != NULL)
                    above = 1;
        }
        c->genuine = c->strong || !above;
        ngen += c->genuine;
    }
    /* name each export root, in order (a root above another comes first) */
    src = calloc(ngen, sizeof *src);
    if (src == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < g.nc; i++) {
        if (!g.c[i].genuine)
            continue;
        name_root(&g, &g.c[i], &src[nsrc], src);
        g.c[i].src = (int)nsrc++;
    }
    /* exports: roots of the same key; the others with the only named one */
    xg = calloc(nsrc + 1, sizeof *xg);
    if (xg == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < nsrc; i++) {
        size_t k;
        if (src[i].inherit >= 0 || !src[i].x.named)
            continue;
        for (k = 0; k < nxg; k++)
            if (strcmp(xg[k].key, src[i].x.key) == 0)
                break;
        if (k == nxg) {
            xg[nxg].key = src[i].x.key;
            xg[nxg++].name = src[i].x.disp;
            nnamed++;
        } else if (strcmp(src[i].x.disp, xg[k].name) < 0) {
            xg[k].name = src[i].x.disp;
        }
    }
    for (size_t i = 0; i < nsrc; i++) {
        if (src[i].inherit >= 0 || src[i].x.named || nnamed == 1)
            continue;
        size_t k;
        for (k = 0; k < nxg; k++)
            if (xg[k].key == NULL)
                break;
        if (k == nxg) {
            xg[nxg].key = NULL;
            xg[nxg++].name = src[i].x.disp;
        } else if (strcmp(src[i].x.disp, xg[k].name) < 0) {
            xg[k].name = src[i].x.disp;
        }
    }
    qsort(xg, nxg, sizeof *xg, cmp_xgroup);
    for (size_t i = 0; i < nsrc; i++) {
        const source *s = &src[i];
        size_t k = 0;
        while (s->inherit >= 0)
            s = &src[s->inherit];
        if (s->x.named) {
            while (k < nxg && (xg[k].key == NULL || strcmp(xg[k].key, s->x.key) != 0))
                k++;
        } else if (nnamed == 1) {
            while (k < nxg && xg[k].key == NULL)
                k++;
        } else {
            while (k < nxg && xg[k].key != NULL)
                k++;
        }
        src[i].exp = (uint32_t)k;
        if (src[i].x.partno) {
            if (xg[k].parts == NULL && (xg[k].parts = calloc(MAX_PARTNO + 1, 1)) == NULL) {
                rc = TR_ERR_NOMEM;
                goto out;
            }
            xg[k].parts[src[i].x.partno] = 1;
            if (src[i].x.partno > xg[k].maxpart)
                xg[k].maxpart = src[i].x.partno;
        }
    }
    t->exports = calloc(nxg, sizeof *t->exports);
    if (t->exports == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    t->nexports = nxg;
    for (size_t k = 0; k < nxg; k++) {
        t->exports[k].name = tree_pool_strdup(t, xg[k].name);
        if (t->exports[k].name == NULL) {
            rc = TR_ERR_NOMEM;
            goto out;
        }
        xg[k].name = t->exports[k].name;
        t->exports[k].missing = missing_text(t, &xg[k]);
    }
    /* each entry: its export and its path inside it */
    for (size_t i = 0; i < t->count; i++) {
        tr_entry *e = &t->entries[i];
        const cand *c;
        if (e->archive)
            continue;
        c = entry_root(&g, e);
        if (c == NULL) {
            drop[i] = 1;
            continue;
        }
        e->m.exp = src[c->src].exp;
        e->m.path = e->full + c->len;
    }
    rc = drop_unrelated(t, drop);
out:
    if (xg != NULL)
        for (size_t k = 0; k < nxg + 1; k++)
            free(xg[k].parts);
    free(xg);
    free(src);
    free(root_of);
    free(g.c);
    free(g.roots);
    free(drop);
    return rc;
}

void tree_export_times(tr_tree *t)
{
    for (size_t i = 0; i < t->count; i++) {
        const tr_member *m = &t->entries[i].m;
        tr_export *e = &t->exports[m->exp];
        if (m->has_mtime && (!e->has_mtime || m->mtime > e->newest_mtime)) {
            e->newest_mtime = m->mtime;
            e->has_mtime = 1;
        }
    }
}
