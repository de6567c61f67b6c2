/* extract.c - records, conditions, times, texts and facts from JSON. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "extract.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdint.h>
#include <strings.h>

#include "text.h"

int tr_records_each(const tr_jpath *sel, json_t *doc, tr_jpath_fn fn, void *user)
{
    if (sel) return tr_jpath_each(sel, doc, fn, user);
    /* auto: bare array, or one key wrapping an array, else one record */
    json_t *arr = NULL;
    if (json_is_array(doc)) arr = doc;
    else if (json_is_object(doc) && json_object_size(doc) == 1) {
        json_t *only = json_object_iter_value(json_object_iter(doc));
        if (json_is_array(only)) arr = only;
    }
    if (!arr) return fn(doc, user);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        int rc = fn(v, user);
        if (rc) return rc;
    }
    return 0;
}

char *tr_json_text(json_t *v)
{
    char buf[64];
    switch (json_typeof(v)) {
    case JSON_STRING:
        return tr_mojibake_repair(json_string_value(v), json_string_length(v), NULL);
    case JSON_INTEGER:
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return strdup(buf);
    case JSON_REAL:
        snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
        return strdup(buf);
    case JSON_TRUE: return strdup("true");
    case JSON_FALSE: return strdup("false");
    default: return NULL;
    }
}

typedef struct cond_ctx {
    const tr_cond *c;
    tr_matcher *m;
    int found;   /* some value yielded */
    int hit;     /* some value satisfied the positive form */
    int limit;   /* a regex hit its limit */
} cond_ctx;

static int cond_visit(json_t *v, void *user)
{
    cond_ctx *x = user;
    x->found = 1;
    if (x->c->op == TR_OP_EXISTS || x->c->op == TR_OP_MISSING) return 1;
    char *s = tr_json_text(v);
    if (!s) return 0;
    int ok = 0;
    if (x->c->op == TR_OP_MATCH || x->c->op == TR_OP_NOMATCH) {
        int rc = tr_regex_match(&x->c->re, x->m, s, strlen(s));
        if (rc < 0) x->limit = 1;
        ok = rc > 0;
    } else {
        ok = strcasecmp(s, x->c->value) == 0;
    }
    free(s);
    if (ok) {
        x->hit = 1;
        return 1;
    }
    return 0;
}

int tr_cond_eval_json(const tr_cond *c, json_t *root, tr_matcher *m)
{
    cond_ctx x = {c, m, 0, 0, 0};
    tr_jpath_each(c->sel, root, cond_visit, &x);
    if (x.limit && !x.hit) return -1;
    switch (c->op) {
    case TR_OP_EXISTS: return x.found;
    case TR_OP_MISSING: return !x.found;
    case TR_OP_MATCH:
    case TR_OP_EQ: return x.hit;
    case TR_OP_NOMATCH:
    case TR_OP_NE: return !x.hit;
    }
    return 0;
}

int tr_cond_eval_fact(const tr_cond *c, const tr_fact *facts, size_t nfacts)
{
    const tr_fact *f = NULL;
    for (size_t i = 0; i < nfacts; i++)
        if (strcmp(facts[i].name, c->fact) == 0) {
            f = &facts[i];
            break;
        }
    switch (c->op) {
    case TR_OP_EXISTS: return f != NULL;
    case TR_OP_MISSING: return f == NULL;
    case TR_OP_EQ: return f && strcasecmp(f->text, c->value) == 0;
    case TR_OP_NE: return !f || strcasecmp(f->text, c->value) != 0;
    case TR_OP_MATCH:
    case TR_OP_NOMATCH: {
        if (!f) return c->op == TR_OP_NOMATCH;
        /* under the default limits: a runaway pattern must not hang */
        tr_matcher m;
        if (tr_matcher_init(&m, TR_DEFAULT_MATCH_LIMIT, TR_DEFAULT_DEPTH_LIMIT) != 0) return 0;
        int rc = tr_regex_match(&c->re, &m, f->text, strlen(f->text));
        tr_matcher_free(&m);
        if (rc < 0) return 0; /* a limit: the condition does not hold either way */
        return (rc > 0) == (c->op == TR_OP_MATCH);
    }
    }
    return 0;
}

/* Seconds from a JSON time value: a number, a string of digits, or an ISO
 * 8601 date-time string. */
static int time_value(json_t *v, int ms, int64_t *out)
{
    int64_t t = 0;
    if (json_is_integer(v)) t = (int64_t)json_integer_value(v);
    else if (json_is_real(v)) {
        double d = json_real_value(v);
        if (!(d >= 1 && d < 9.0e18)) return 0; /* converting a double out of range is undefined */
        t = (int64_t)d;
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        int y, mo, d, h = 0, mi = 0, se = 0;
        char *end;
        long long n = strtoll(s, &end, 10);
        if (*s && !*end) t = (int64_t)n;
        else if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) >= 3) {
            tr_date dt = {y, mo, d};
            if (!tr_date_valid(dt)) return 0;
            t = tr_date_to_days(dt) * 86400 + h * 3600 + mi * 60 + se;
            ms = 0;
        } else return 0;
    } else return 0;
    if (t <= 0) return 0; /* before the division: -INT64_MIN would overflow */
    if (ms) t /= 1000;
    if (t <= 0) return 0;
    *out = t;
    return 1;
}

typedef struct time_ctx { int ms; int found; int64_t t; } time_ctx;

static int time_visit(json_t *v, void *user)
{
    time_ctx *x = user;
    if (time_value(v, x->ms, &x->t)) {
        x->found = 1;
        return 1;
    }
    return 0;
}

int tr_item_time(const tr_rule *r, json_t *rec, int64_t *out)
{
    for (size_t i = 0; i < r->ntime; i++) {
        time_ctx x = {r->time[i].ms, 0, 0};
        if (!r->time[i].sel) continue;
        tr_jpath_each(r->time[i].sel, rec, time_visit, &x);
        if (x.found) {
            *out = x.t;
            return 1;
        }
    }
    return 0;
}

typedef struct text_ctx { char *buf; size_t len; int oom; int repair; } text_ctx;

static int text_visit(json_t *v, void *user)
{
    text_ctx *x = user;
    if (!json_is_string(v) || json_string_length(v) == 0) return 0;
    size_t n = json_string_length(v);
    char *s = x->repair ? tr_mojibake_repair(json_string_value(v), n, &n) : strndup(json_string_value(v), n);
    if (!s) {
        x->oom = 1;
        return 1;
    }
    char *nb = realloc(x->buf, x->len + n + 2);
    if (!nb) {
        free(s);
        x->oom = 1;
        return 1;
    }
    x->buf = nb;
    if (x->len) x->buf[x->len++] = '\n';
    memcpy(x->buf + x->len, s, n);
    x->len += n;
    x->buf[x->len] = 0;
    free(s);
    return 0;
}

char *tr_item_text(const tr_rule *r, json_t *rec, int repair, int *oom)
{
    text_ctx x = {NULL, 0, 0, repair};
    for (size_t i = 0; i < r->ntext && !x.oom; i++)
        if (r->text[i]) tr_jpath_each(r->text[i], rec, text_visit, &x);
    if (x.oom) {
        *oom = 1;
        free(x.buf);
        return NULL;
    }
    return x.buf;
}

int tr_fact_from_json(json_t *v, tr_fact_type type, tr_fact *f)
{
    char buf[16];
    f->type = type;
    f->text = NULL;
    switch (type) {
    case TR_FACT_STRING:
        f->text = tr_json_text(v);
        if (!f->text || !*f->text) {
            free(f->text);
            f->text = NULL;
            return -1;
        }
        return 0;
    case TR_FACT_BOOL: {
        if (json_is_boolean(v)) f->boolean = json_is_true(v);
        else if (json_is_string(v) && !strcasecmp(json_string_value(v), "true")) f->boolean = 1;
        else if (json_is_string(v) && !strcasecmp(json_string_value(v), "false")) f->boolean = 0;
        else return -1;
        f->text = strdup(f->boolean ? "true" : "false");
        return f->text ? 0 : -1;
    }
    case TR_FACT_DATE: {
        tr_date d = {0, 0, 0};
        if (json_is_object(v)) {
            d.year = (int)json_integer_value(json_object_get(v, "year"));
            d.month = (int)json_integer_value(json_object_get(v, "month"));
            d.day = (int)json_integer_value(json_object_get(v, "day"));
        } else if (!json_is_string(v) || tr_date_parse(json_string_value(v), &d) != 0) {
            return -1;
        }
        if (!tr_date_valid(d)) return -1;
        f->date = d;
        tr_date_format(d, buf);
        f->text = strdup(buf);
        return f->text ? 0 : -1;
    }
    }
    return -1;
}

/* One walk for both nesting limits: returns the depth of v (stopping once
 * past `limit` levels) and raises *str to the longest string or key seen
 * (stopping once past `slimit`). */
static unsigned measure(json_t *v, unsigned limit, size_t slimit, size_t *str)
{
    unsigned best = 0;
    if (json_is_string(v)) {
        if (json_string_length(v) > *str) *str = json_string_length(v);
        return 0;
    }
    if (limit == 0) return 1;
    if (json_is_object(v)) {
        for (void *it = json_object_iter(v); it && best < limit && *str <= slimit; it = json_object_iter_next(v, it)) {
#if JANSSON_VERSION_HEX >= 0x020e00
            size_t k = json_object_iter_key_len(it);
#else
            size_t k = strlen(json_object_iter_key(it));
#endif
            if (k > *str) *str = k;
            unsigned d = measure(json_object_iter_value(it), limit - 1, slimit, str);
            if (d > best) best = d;
        }
        return best + 1;
    }
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v) && best < limit && *str <= slimit; i++) {
            unsigned d = measure(json_array_get(v, i), limit - 1, slimit, str);
            if (d > best) best = d;
        }
        return best + 1;
    }
    return 0;
}

unsigned tr_json_depth(json_t *v, unsigned limit)
{
    size_t str = 0;
    return measure(v, limit, SIZE_MAX, &str);
}

size_t tr_json_max_string(json_t *v, size_t limit)
{
    size_t str = 0;
    measure(v, UINT_MAX, limit, &str);
    return str;
}

int tr_json_over_limits(json_t *v, unsigned above, const tr_limits *l)
{
    size_t str = 0;
    size_t slimit = l->max_string_bytes && l->max_string_bytes < SIZE_MAX ? (size_t)l->max_string_bytes : SIZE_MAX;
    if (above >= l->max_depth) return 1;
    if (measure(v, l->max_depth - above + 1, slimit, &str) > l->max_depth - above) return 1;
    return str > slimit ? 2 : 0;
}

size_t tr_doc_stem_len(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot && dot != base && (!strcasecmp(dot, ".json") || !strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm")))
        return (size_t)(dot - path);
    return strlen(path);
}

int tr_any_match(const tr_regex *re, size_t n, const char *s, size_t len, tr_matcher *m)
{
    int limit = 0;
    for (size_t i = 0; i < n; i++) {
        int rc = tr_regex_match(&re[i], m, s, len);
        if (rc > 0) return 1;
        if (rc < 0) limit = 1;
    }
    return limit ? -1 : 0;
}

int tr_rule_conds(const tr_rule *r, tr_scope scope, json_t *doc, json_t *rec, const tr_fact *facts, size_t nfacts,
                  tr_matcher *m)
{
    int limit = 0;
    for (size_t c = 0; c < r->nconds; c++) {
        const tr_cond *cd = &r->conds[c];
        int ok;
        if (cd->scope != scope) continue;
        if (scope == TR_SCOPE_FACT) ok = tr_cond_eval_fact(cd, facts, nfacts);
        else ok = tr_cond_eval_json(cd, scope == TR_SCOPE_FILE ? doc : rec, m);
        if (ok < 0) limit = 1;
        if (ok <= 0) return limit ? -1 : 0;
    }
    return 1;
}

int tr_export_name_date(const char *name, tr_date *out)
{
    for (const char *p = name; *p; p++) {
        int y, m, d, n = 0;
        if (*p != '-' || !isdigit((unsigned char)p[1])) continue;
        if (sscanf(p, "-%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n < 9) continue;
        if (p[n] != '-' && p[n] != '.' && p[n] != '_' && p[n] != 0) continue;
        if (!isdigit((unsigned char)p[4]) || p[5] != '-') continue; /* exactly four year digits */
        tr_date dt = {y, m, d};
        if (tr_date_valid(dt)) {
            *out = dt;
            return 1;
        }
    }
    return 0;
}

uint64_t tr_json_count_values(const char *buf, size_t len, uint64_t limit)
{
    uint64_t n = 1;
    int in_string = 0;
    for (size_t i = 0; i < len && n <= limit; i++) {
        char c = buf[i];
        if (in_string) {
            if (c == '\\') i++;
            else if (c == '"') in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == ',' || c == '[' || c == '{' || c == ':') {
            n++;
        }
    }
    return n;
}
