/* ruleload.c - where a rule set's text comes from: the rules embedded at
 * build time, a folder of *.rules files (--rules), extra folders layered on
 * top (--extra-rules), or sources in memory (an installed rule pack). The
 * text is handed to tr_rules_load (rules.c), which parses and compiles it.
 *
 * Ownership: the sources read from folders are owned here and freed before
 * returning; embedded and borrowed sources are never freed.
 */
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One more zeroed source at the end of *srcs, or NULL when out of memory. */
static tr_rule_source *add_source(tr_rule_source **srcs, size_t *n)
{
    tr_rule_source *v = realloc(*srcs, (*n + 1) * sizeof *v);
    if (!v) return NULL;
    *srcs = v;
    memset(&v[*n], 0, sizeof *v);
    return &v[(*n)++];
}

/* One more NULL name at the end of *names, or NULL when out of memory. */
static char **grow_names(char ***names, size_t *n)
{
    char **v = realloc(*names, (*n + 1) * sizeof *v);
    if (!v) return NULL;
    *names = v;
    v[*n] = NULL;
    return &v[(*n)++];
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f) return NULL;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *nb = realloc(buf, cap);
            if (!nb) { free(buf); buf = NULL; goto out; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) { free(buf); buf = NULL; goto out; }
    buf[n] = 0;
    *len = n;
out:
    fclose(f);
    return buf;
}

static void dir_diag(tr_diag_fn fn, void *user, const char *dir, const char *msg)
{
    tr_diag d = {TR_DIAG_ERROR, dir, 0, 0, msg, NULL};
    if (fn) fn(&d, user);
}

/* Append the *.rules files of dir, in name order, to *srcs as layer. */
static tr_err read_dir(const char *dir, int layer, tr_diag_fn diagfn, void *user, tr_rule_source **srcs, size_t *n)
{
    DIR *d = NULL;
    struct dirent *e;
    char **names = NULL;
    size_t nnames = 0;
    tr_err rc = TR_OK;
    char msg[512];

    d = opendir(dir);
    if (!d) {
        snprintf(msg, sizeof msg, "cannot open rules folder: %s", strerror(errno));
        dir_diag(diagfn, user, dir, msg);
        return TR_ERR_RULES;
    }
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l <= 6 || strcmp(e->d_name + l - 6, ".rules") != 0 || e->d_name[0] == '.') continue;
        char **slot = grow_names(&names, &nnames);
        if (!slot || asprintf(slot, "%s/%s", dir, e->d_name) < 0) {
            if (slot) *slot = NULL;
            rc = TR_ERR_NOMEM;
            goto out;
        }
    }
    if (!nnames) {
        dir_diag(diagfn, user, dir, "no *.rules file in this folder");
        rc = TR_ERR_RULES;
        goto out;
    }
    qsort(names, nnames, sizeof *names, cmp_str);
    for (size_t i = 0; i < nnames; i++) {
        tr_rule_source *s = add_source(srcs, n);
        if (!s) {
            rc = TR_ERR_NOMEM;
            goto out;
        }
        s->name = names[i];
        s->layer = layer;
        names[i] = NULL;
        s->text = read_file(s->name, &s->len);
        if (!s->text) {
            snprintf(msg, sizeof msg, "cannot read rule file: %s", strerror(errno));
            dir_diag(diagfn, user, s->name, msg);
            rc = TR_ERR_RULES;
            goto out;
        }
    }
out:
    if (d) closedir(d);
    for (size_t i = 0; i < nnames; i++) free(names[i]);
    free(names);
    return rc;
}

/* The base set is a folder (dir), sources in memory (base, borrowed), or
 * the embedded rules when both are NULL. */
static tr_err load_layers(const char *dir, const tr_rule_source *base, size_t nbase_src, const char *const *extra,
                          size_t nextra, tr_diag_fn diagfn, void *user, tr_rules **out, size_t *nerrors,
                          size_t *nwarnings)
{
    tr_rule_source *srcs = NULL;
    size_t n = 0, nbase = 0;
    tr_err rc = TR_OK;

    *out = NULL;
    if (nerrors) *nerrors = 0;
    if (nwarnings) *nwarnings = 0;
    if (!dir && !base) {
        base = tr_embedded_rules;
        nbase_src = tr_embedded_rules_count;
    }
    if (dir) {
        rc = read_dir(dir, 0, diagfn, user, &srcs, &n);
    } else {
        for (size_t i = 0; i < nbase_src && rc == TR_OK; i++) {
            tr_rule_source *s = add_source(&srcs, &n);
            if (!s) rc = TR_ERR_NOMEM;
            else {
                *s = base[i];
                s->layer = 0;
            }
        }
    }
    nbase = dir ? 0 : n; /* embedded and borrowed sources are not owned */
    for (size_t i = 0; i < nextra && rc == TR_OK; i++) rc = read_dir(extra[i], (int)i + 1, diagfn, user, &srcs, &n);
    if (rc == TR_ERR_RULES && nerrors) *nerrors = 1;
    if (rc == TR_OK) rc = tr_rules_load(srcs, n, diagfn, user, out, nerrors, nwarnings);
    for (size_t i = nbase; i < n; i++) {
        free((char *)srcs[i].name);
        free((char *)srcs[i].text);
    }
    free(srcs);
    return rc;
}

tr_err tr_rules_load_layers(const char *dir, const char *const *extra, size_t nextra, tr_diag_fn diagfn,
                            void *user, tr_rules **out, size_t *nerrors, size_t *nwarnings)
{
    return load_layers(dir, NULL, 0, extra, nextra, diagfn, user, out, nerrors, nwarnings);
}

tr_err tr_rules_load_layers_src(const tr_rule_source *base, size_t nbase, const char *const *extra, size_t nextra,
                                tr_diag_fn diagfn, void *user, tr_rules **out, size_t *nerrors, size_t *nwarnings)
{
    return load_layers(NULL, base, nbase, extra, nextra, diagfn, user, out, nerrors, nwarnings);
}

tr_err tr_rules_load_dir(const char *dir, tr_diag_fn diagfn, void *user, tr_rules **out, size_t *nerrors,
                         size_t *nwarnings)
{
    return tr_rules_load_layers(dir, NULL, 0, diagfn, user, out, nerrors, nwarnings);
}

tr_err tr_rules_load_embedded(tr_diag_fn diagfn, void *user, tr_rules **out)
{
    return tr_rules_load(tr_embedded_rules, tr_embedded_rules_count, diagfn, user, out, NULL, NULL);
}
