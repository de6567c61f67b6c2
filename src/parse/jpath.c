/* jpath.c - compiler and evaluator for the selector language of jpath.h.
 *
 * Grammar (whitespace around the whole selector is trimmed; none is allowed
 * inside it except within quotes):
 *
 *   selector := "." | path
 *   path     := (step | index) index* ("." step index*)*
 *   step     := name | quoted | "*" | "**"
 *   index    := "[" ("*" | digits) "]"
 *   name     := one or more bytes other than . [ ] " * | \ space and ASCII
 *               control characters (bytes >= 0x80 are allowed)
 *   quoted   := '"' alt ("|" alt)* '"'   where an alt is non-empty and may
 *               use the escapes \" and \\ (no other escapes)
 *
 * Error columns are 0-based byte offsets into the source as given.
 *
 * Member lookup, per alternative in order: exact match, then ASCII
 * case-insensitive match (the first such member in document order). The
 * first alternative found wins. A name with bytes >= 0x80 also matches its
 * mojibake spelling (see add_alt), tried right after it.
 *
 * Evaluation recurses once per step, and "**" recurses once per level of
 * the JSON it walks, so the C stack depth is bounded by the number of steps
 * (at most TR_JPATH_MAX_STEPS) plus the JSON depth, which is capped at
 * JPATH_MAX_WALK_DEPTH (a scan's JSON is limited by --max-depth anyway).
 */
#include "jpath.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TR_JPATH_MAX_STEPS 64      /* steps per selector */
#define JPATH_MAX_WALK_DEPTH 4096  /* "**" does not descend deeper than this */

typedef enum step_kind {
    STEP_NAME,   /* member by name (with alternatives) */
    STEP_STAR,   /* every member value of an object */
    STEP_DSTAR,  /* the value and all descendants */
    STEP_ALL,    /* every element of an array */
    STEP_INDEX   /* element N of an array */
} step_kind;

typedef struct step {
    step_kind kind;
    size_t index;  /* STEP_INDEX */
    size_t nalts;  /* STEP_NAME: number of alternatives */
    char **alts;   /* STEP_NAME: NUL-terminated names */
    size_t *alens; /* STEP_NAME: their lengths */
} step;

struct tr_jpath {
    char *src;
    size_t nsteps;
    step steps[TR_JPATH_MAX_STEPS];
};

/* ---- compiling -------------------------------------------------------- */

typedef struct parser {
    const char *s;   /* the whole source */
    size_t pos;      /* current offset */
    size_t end;      /* offset of the end after trimming */
    size_t err_col;
    const char *err_msg;
    tr_jpath *p;
} parser;

static const char MSG_NOMEM[] = "out of memory";

static int fail(parser *ps, size_t col, const char *msg)
{
    ps->err_col = col;
    ps->err_msg = msg;
    return -1;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_name_char(unsigned char c)
{
    if (c >= 0x80)
        return 1;
    if (c <= 0x20 || c == 0x7f)
        return 0;
    return strchr(".[]\"*|\\", c) == NULL;
}

static int peek(const parser *ps)
{
    return ps->pos < ps->end ? (unsigned char)ps->s[ps->pos] : -1;
}

/* Reserve the next step slot, or fail with "too many steps" at col. */
static step *new_step(parser *ps, size_t col)
{
    step *st;

    if (ps->p->nsteps >= TR_JPATH_MAX_STEPS) {
        fail(ps, col, "too many steps");
        return NULL;
    }
    st = &ps->p->steps[ps->p->nsteps++];
    memset(st, 0, sizeof *st);
    return st;
}

/* Append the alternative buf[0..len) to st, as it is. */
static int add_one_alt(parser *ps, step *st, const char *buf, size_t len)
{
    char **alts = realloc(st->alts, (st->nalts + 1) * sizeof *alts);
    size_t *alens;
    char *name;

    if (!alts)
        return fail(ps, ps->pos, MSG_NOMEM);
    st->alts = alts;
    alens = realloc(st->alens, (st->nalts + 1) * sizeof *alens);
    if (!alens)
        return fail(ps, ps->pos, MSG_NOMEM);
    st->alens = alens;
    name = malloc(len + 1);
    if (!name)
        return fail(ps, ps->pos, MSG_NOMEM);
    memcpy(name, buf, len);
    name[len] = '\0';
    st->alens[st->nalts] = strlen(name);
    st->alts[st->nalts++] = name;
    return 0;
}

/* Append the alternative buf[0..len) and, when it has bytes >= 0x80, its
 * mojibake spelling right after it: every such byte as the UTF-8 of the
 * code point U+0080..U+00FF it would be read as. That is how a JSON export's
 * keys arrive ("Compte priv\u00c3\u00a9" decodes to "Compte privÃ©"), while
 * an HTML export's labels are proper UTF-8 ("Compte privé"). */
static int add_alt(parser *ps, step *st, const char *buf, size_t len)
{
    size_t high = 0, k = 0;
    char *moj;
    int rc;

    if (add_one_alt(ps, st, buf, len) != 0)
        return -1;
    for (size_t i = 0; i < len; i++)
        high += (unsigned char)buf[i] >= 0x80;
    if (high == 0)
        return 0;
    moj = malloc(len + high);
    if (!moj)
        return fail(ps, ps->pos, MSG_NOMEM);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 0x80) {
            moj[k++] = (char)c;
        } else {
            moj[k++] = (char)(0xc0 | c >> 6);
            moj[k++] = (char)(0x80 | (c & 0x3f));
        }
    }
    rc = add_one_alt(ps, st, moj, k);
    free(moj);
    return rc;
}

/* An unquoted name: one alternative. */
static int parse_name(parser *ps, step *st)
{
    size_t start = ps->pos;

    while (ps->pos < ps->end && is_name_char((unsigned char)ps->s[ps->pos]))
        ps->pos++;
    st->kind = STEP_NAME;
    return add_alt(ps, st, ps->s + start, ps->pos - start);
}

/* A quoted name with '|' alternatives; ps->pos is at the opening quote. */
static int parse_quoted(parser *ps, step *st)
{
    size_t open = ps->pos, alt_start;
    char *buf = NULL;
    size_t len = 0;
    int rc = -1, c;

    st->kind = STEP_NAME;
    buf = malloc(ps->end - open); /* an alternative is never longer */
    if (!buf) {
        fail(ps, open, MSG_NOMEM);
        goto out;
    }
    ps->pos++;
    alt_start = ps->pos;
    for (;;) {
        c = peek(ps);
        if (c < 0) {
            fail(ps, open, "unterminated quoted name");
            goto out;
        }
        if (c == '\\') {
            int e = ps->pos + 1 < ps->end ? (unsigned char)ps->s[ps->pos + 1] : -1;
            if (e < 0) {
                fail(ps, open, "unterminated quoted name");
                goto out;
            }
            if (e != '"' && e != '\\') {
                fail(ps, ps->pos, "invalid escape in quoted name (only \\\" and \\\\)");
                goto out;
            }
            buf[len++] = (char)e;
            ps->pos += 2;
            continue;
        }
        if (c == '|' || c == '"') {
            if (len == 0) {
                fail(ps, alt_start, "empty name in quotes");
                goto out;
            }
            if (add_alt(ps, st, buf, len) != 0)
                goto out;
            len = 0;
            ps->pos++;
            alt_start = ps->pos;
            if (c == '"')
                break;
            continue;
        }
        buf[len++] = (char)c;
        ps->pos++;
    }
    rc = 0;
out:
    free(buf);
    return rc;
}

/* One step: name, quoted name, "*" or "**". */
static int parse_step(parser *ps)
{
    int c = peek(ps);
    step *st;

    if (c < 0 || c == '.' || c == '[')
        return fail(ps, ps->pos, "empty step");
    if (c != '"' && c != '*' && !is_name_char((unsigned char)c))
        return fail(ps, ps->pos, "unexpected character");
    st = new_step(ps, ps->pos);
    if (!st)
        return -1;
    if (c == '"')
        return parse_quoted(ps, st);
    if (c == '*') {
        ps->pos++;
        st->kind = STEP_STAR;
        if (peek(ps) == '*') {
            ps->pos++;
            st->kind = STEP_DSTAR;
        }
        return 0;
    }
    return parse_name(ps, st);
}

/* One "[*]" or "[N]"; ps->pos is at '['. */
static int parse_index(parser *ps)
{
    step *st = new_step(ps, ps->pos);
    int c;

    if (!st)
        return -1;
    ps->pos++;
    c = peek(ps);
    if (c == '*') {
        st->kind = STEP_ALL;
        ps->pos++;
    } else if (c >= '0' && c <= '9') {
        size_t start = ps->pos, n = 0;
        st->kind = STEP_INDEX;
        while ((c = peek(ps)) >= '0' && c <= '9') {
            size_t d = (size_t)(c - '0');
            if (n > (SIZE_MAX - d) / 10)
                return fail(ps, start, "index too large");
            n = n * 10 + d;
            ps->pos++;
        }
        st->index = n;
    } else {
        return fail(ps, ps->pos, "expected '*' or an index after '['");
    }
    if (peek(ps) != ']')
        return fail(ps, ps->pos, "expected ']'");
    ps->pos++;
    return 0;
}

/* Any number of indexes directly after a step. */
static int parse_indexes(parser *ps)
{
    while (peek(ps) == '[')
        if (parse_index(ps) != 0)
            return -1;
    return 0;
}

static int parse_path(parser *ps)
{
    if (peek(ps) == '[') {
        if (parse_index(ps) != 0)
            return -1;
    } else if (parse_step(ps) != 0) {
        return -1;
    }
    for (;;) {
        int c;
        if (parse_indexes(ps) != 0)
            return -1;
        c = peek(ps);
        if (c < 0)
            return 0;
        if (c != '.')
            return fail(ps, ps->pos, "unexpected character");
        ps->pos++;
        if (parse_step(ps) != 0)
            return -1;
    }
}

void tr_jpath_free(tr_jpath *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nsteps; i++) {
        for (size_t j = 0; j < p->steps[i].nalts; j++)
            free(p->steps[i].alts[j]);
        free(p->steps[i].alts);
        free(p->steps[i].alens);
    }
    free(p->src);
    free(p);
}

int tr_jpath_compile(const char *src, tr_jpath **out, size_t *err_col, const char **err_msg)
{
    parser ps = {0};
    size_t len;
    int rc = -1;

    ps.err_msg = "invalid argument";
    if (out)
        *out = NULL;
    if (!src || !out)
        goto out;
    len = strlen(src);
    ps.s = src;
    ps.p = calloc(1, sizeof *ps.p);
    if (!ps.p || !(ps.p->src = malloc(len + 1))) {
        fail(&ps, 0, MSG_NOMEM);
        goto out;
    }
    memcpy(ps.p->src, src, len + 1);
    ps.end = len;
    while (ps.end > 0 && is_space((unsigned char)src[ps.end - 1]))
        ps.end--;
    while (ps.pos < ps.end && is_space((unsigned char)src[ps.pos]))
        ps.pos++;
    if (ps.pos == ps.end) {
        fail(&ps, ps.pos, "empty selector");
        goto out;
    }
    if (!(ps.end - ps.pos == 1 && src[ps.pos] == '.') && parse_path(&ps) != 0)
        goto out;
    *out = ps.p;
    ps.p = NULL;
    rc = 0;
out:
    if (rc != 0) {
        if (err_col)
            *err_col = ps.err_col;
        if (err_msg)
            *err_msg = ps.err_msg;
    }
    tr_jpath_free(ps.p);
    return rc;
}

const char *tr_jpath_source(const tr_jpath *p)
{
    return p ? p->src : NULL;
}

/* ---- evaluating ------------------------------------------------------- */

typedef struct eval_ctx {
    const tr_jpath *p;
    tr_jpath_fn fn;
    void *user;
} eval_ctx;

static int eval(const eval_ctx *cx, size_t i, tr_jv *v, size_t depth);

/* Per alternative: the exact member, else the first member equal to it
 * ignoring ASCII case. */
static tr_jv *lookup(const tr_jv *obj, const step *st)
{
    for (size_t a = 0; a < st->nalts; a++) {
        tr_jv *m = tr_jv_find(obj, st->alts[a], st->alens[a]);
        if (m)
            return m;
    }
    return NULL;
}

/* Children of v, each followed by steps from i on. */
static int each_child(const eval_ctx *cx, size_t i, tr_jv *v, size_t depth, int objects,
                      int arrays)
{
    int rc = 0;

    if (objects && v->type == TR_JOBJECT) {
        for (size_t k = 0; k < v->n && !rc; k++)
            rc = eval(cx, i, &v->u.kids[2 * k + 1], depth + 1);
    } else if (arrays && v->type == TR_JARRAY) {
        for (size_t k = 0; k < v->n && !rc; k++)
            rc = eval(cx, i, &v->u.kids[k], depth + 1);
    }
    return rc;
}

/* "**": v itself, then every descendant in pre-order, each followed by
 * steps from i on. */
static int walk(const eval_ctx *cx, size_t i, tr_jv *v, size_t depth)
{
    int rc = eval(cx, i, v, depth);

    if (rc || depth >= JPATH_MAX_WALK_DEPTH)
        return rc;
    if (v->type == TR_JOBJECT) {
        for (size_t k = 0; k < v->n && !rc; k++)
            rc = walk(cx, i, &v->u.kids[2 * k + 1], depth + 1);
    } else if (v->type == TR_JARRAY) {
        for (size_t k = 0; k < v->n && !rc; k++)
            rc = walk(cx, i, &v->u.kids[k], depth + 1);
    }
    return rc;
}

/* Apply steps i.. to v (at JSON depth `depth` below the root). */
static int eval(const eval_ctx *cx, size_t i, tr_jv *v, size_t depth)
{
    const step *st;
    tr_jv *child;

    if (i == cx->p->nsteps)
        return cx->fn(v, cx->user);
    st = &cx->p->steps[i];
    switch (st->kind) {
    case STEP_NAME:
        child = v->type == TR_JOBJECT ? lookup(v, st) : NULL;
        return child ? eval(cx, i + 1, child, depth + 1) : 0;
    case STEP_STAR:
        return each_child(cx, i + 1, v, depth, 1, 0);
    case STEP_ALL:
        return each_child(cx, i + 1, v, depth, 0, 1);
    case STEP_INDEX:
        child = tr_jv_at(v, st->index);
        return child ? eval(cx, i + 1, child, depth + 1) : 0;
    case STEP_DSTAR:
        return walk(cx, i + 1, v, depth);
    }
    return 0;
}

int tr_jpath_each(const tr_jpath *p, tr_jv *root, tr_jpath_fn fn, void *user)
{
    eval_ctx cx;

    if (!p || !root || !fn)
        return 0;
    cx.p = p;
    cx.fn = fn;
    cx.user = user;
    return eval(&cx, 0, root, 0);
}

static int take_first(tr_jv *value, void *user)
{
    *(tr_jv **)user = value;
    return 1;
}

tr_jv *tr_jpath_first(const tr_jpath *p, tr_jv *root)
{
    tr_jv *found = NULL;

    tr_jpath_each(p, root, take_first, &found);
    return found;
}
