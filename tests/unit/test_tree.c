/* test_tree.c - unit tests for src/archive/tree.c: listing zip parts and
 * folders into one tree (normalisation, junk, wrappers, merging), and
 * streaming members through the limits.
 *
 * Every test builds its inputs at run time in a fresh mkdtemp directory
 * under /tmp (zip files written with libarchive's zip writer, sometimes
 * patched byte by byte afterwards) and removes it at the end. The library
 * itself never writes to disk.
 *
 * Each test body runs inside a fixture (FX_TEST) so that the tree, the
 * collected data and the directory are released even when an assertion
 * fails and returns early.
 */
#include "tt.h"
#include "tree.h"

#include <errno.h>
#include <ftw.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "../hostile/hx.h"

/* Known category folders, as the caller passes them. */
static const char *const ROOTS[] = {
    "your_facebook_activity", "your_instagram_activity", "personal_information",
    "connections",            "logged_information",      "ads_information",
    "preferences",            "security_and_login_information", NULL,
};

/* ---- zip writing ------------------------------------------------------- */

/* Entries of the zip writer the hostile-input tests use (tests/hostile/hx.h:
 * libarchive, names as given, UTF-8 under a C.UTF-8 thread locale when the
 * options say "hdrcharset=UTF-8"). data is a symbolic link's target. */
typedef hx_ent zent;

#define REG(n, d) {(n), (d), sizeof(d) - 1, AE_IFREG, 0, 0}
#define DIRE(n) {(n), NULL, 0, AE_IFDIR, 0, 0}
#define LNK(n, target) {(n), (target), 0, AE_IFLNK, 0, 0}
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define write_zip hx_write_zip

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int rc = -1;
    if (f == NULL)
        return -1;
    if (fwrite(data, 1, len, f) == len)
        rc = 0;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

/* Read a whole file (caller frees). */
static unsigned char *slurp(const char *path, size_t *len)
{
    unsigned char *buf = NULL;
    FILE *f = fopen(path, "rb");
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

static unsigned rd16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static void wr32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* Locate the central directory record of `name` in a zip image: offset of
 * the record, or -1. */
static long find_cd(const unsigned char *z, size_t len, const char *name)
{
    size_t nl = strlen(name), i;
    for (i = 0; i + 46 <= len; i++) {
        if (memcmp(z + i, "PK\1\2", 4) == 0 && rd16(z + i + 28) == nl && i + 46 + nl <= len &&
            memcmp(z + i + 46, name, nl) == 0)
            return (long)i;
    }
    return -1;
}

/* Deterministic pseudo-random bytes (incompressible test data). */
static void fill_random(unsigned char *p, size_t n, uint32_t seed)
{
    size_t i;
    for (i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)(seed >> 16);
    }
}

/* ---- fixture ------------------------------------------------------------ */

typedef struct visited {
    size_t index;
    char *data;
    size_t len;
    tr_err err;
    char msg[256];
} visited;

/* What tr_tree_visit_parallel gave for one seq (pcollect). */
typedef struct prec {
    int calls;       /* times the visitor was called with this seq */
    int isnull;      /* r was NULL */
    size_t index;
    unsigned thread;
    char *data;
    size_t len;
    tr_err err;
    char msg[256];
} prec;

/* One parallel visit: a record per wanted member, indexed by seq. */
typedef struct pres {
    prec *r;
    size_t n;        /* wanted members */
    int bad_seq;     /* calls with seq >= n */
    int slow0;       /* thread 0 sleeps after each member it reads */
    size_t stop_at;  /* the visitor returns nonzero after this many calls (0: never) */
    int ncalls;
    tr_err rc;       /* what tr_tree_visit_parallel returned */
} pres;

typedef struct fx {
    char dir[64];
    char paths[8][512];
    int next_path;
    tr_tree *t;
    char *errmsg;
    tr_limits lim;
    unsigned char *want;
    visited *v; /* what the visitor saw */
    size_t nv, vcap;
    size_t chunk;      /* read size used by the visitor */
    size_t read_max;   /* the visitor stops reading a member after this many bytes */
    size_t stop_after; /* the visitor returns nonzero after this many members (0: never) */
    tr_tree *t2;       /* a second tree over the same inputs (compare two visits) */
    char *errmsg2;
    pres pr[2];        /* parallel visits: pr[0] of t, pr[1] of t2 */
} fx;

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int fx_init(fx *f)
{
    memset(f, 0, sizeof *f);
    strcpy(f->dir, "/tmp/tr-archive-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    tr_limits_default(&f->lim);
    f->chunk = 4096;
    f->read_max = SIZE_MAX;
    return 0;
}

static void fx_fini(fx *f)
{
    size_t i;
    tr_tree_free(f->t);
    free(f->errmsg);
    free(f->want);
    for (i = 0; i < f->nv; i++)
        free(f->v[i].data);
    free(f->v);
    tr_tree_free(f->t2);
    free(f->errmsg2);
    for (int k = 0; k < 2; k++) {
        for (i = 0; i < f->pr[k].n && f->pr[k].r != NULL; i++)
            free(f->pr[k].r[i].data);
        free(f->pr[k].r);
    }
    if (f->dir[0])
        nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A path inside the fixture directory (a ring of 8 buffers). */
static const char *P(fx *f, const char *name)
{
    char *buf = f->paths[f->next_path++ % 8];
    size_t n = strlen(f->dir); /* < sizeof f->dir */
    memcpy(buf, f->dir, n);
    snprintf(buf + n, sizeof f->paths[0] - n, "/%s", name);
    return buf;
}

static tr_err fx_open(fx *f, const char *const *inputs, size_t n)
{
    tr_tree_free(f->t);
    f->t = NULL;
    free(f->errmsg);
    f->errmsg = NULL;
    return tr_tree_open(inputs, n, ROOTS, &f->lim, &f->t, &f->errmsg);
}

static int collect(size_t index, const tr_member *m, tr_reader *r, void *user)
{
    fx *f = user;
    visited *v;
    char *buf = NULL;
    size_t cap = 0, len = 0, got;

    (void)m;
    if (f->nv == f->vcap) {
        size_t nc = f->vcap ? f->vcap * 2 : 8;
        visited *nv = realloc(f->v, nc * sizeof *nv);
        if (nv == NULL)
            return 1;
        f->v = nv;
        f->vcap = nc;
    }
    v = &f->v[f->nv++];
    memset(v, 0, sizeof *v);
    v->index = index;
    for (;;) {
        size_t ask = f->chunk;
        if (len >= f->read_max)
            break;
        if (f->read_max - len < ask)
            ask = f->read_max - len;
        if (cap - len < ask) {
            size_t nc = cap * 2 + ask;
            char *nb = realloc(buf, nc);
            if (nb == NULL)
                break;
            buf = nb;
            cap = nc;
        }
        got = tr_reader_read(r, buf + len, ask);
        if (got == (size_t)-1) {
            const char *msg = NULL;
            v->err = tr_reader_error(r, &msg);
            snprintf(v->msg, sizeof v->msg, "%s", msg ? msg : "");
            break;
        }
        if (got == 0)
            break;
        len += got;
    }
    v->data = buf;
    v->len = len;
    return f->stop_after && f->nv >= f->stop_after;
}

/* Visit the members named in paths (NULL-terminated). -2 when a path is not
 * in the tree, else the tr_err of tr_tree_visit. */
static int fx_visit(fx *f, const char *const *paths)
{
    size_t i;
    free(f->want);
    f->want = calloc(tr_tree_count(f->t) + 1, 1);
    if (f->want == NULL)
        return TR_ERR_NOMEM;
    for (i = 0; paths[i] != NULL; i++) {
        size_t k = tr_tree_find(f->t, 0, paths[i]);
        if (k == (size_t)-1) {
            fprintf(stderr, "  not in tree: %s\n", paths[i]);
            return -2;
        }
        f->want[k] = 1;
    }
    return (int)tr_tree_visit(f->t, f->want, collect, f);
}

/* The visit record of tree member `path`, or NULL. */
static const visited *seen(const fx *f, const char *path)
{
    size_t i, k = tr_tree_find(f->t, 0, path);
    for (i = 0; i < f->nv && k != (size_t)-1; i++)
        if (f->v[i].index == k)
            return &f->v[i];
    return NULL;
}

/* Index of the first problem whose path is `path` (NULL: any) and whose
 * message starts with `msg`, or -1. */
static long problem(const tr_tree *t, const char *path, const char *msg)
{
    size_t i;
    for (i = 0; i < tr_tree_problem_count(t); i++) {
        const tr_problem *p = tr_tree_problem(t, i);
        if ((path == NULL || strcmp(p->path, path) == 0) &&
            strncmp(p->message, msg, strlen(msg)) == 0)
            return (long)i;
    }
    return -1;
}

static void dump_problems(const tr_tree *t)
{
    size_t i;
    for (i = 0; i < tr_tree_problem_count(t); i++) {
        const tr_problem *p = tr_tree_problem(t, i);
        fprintf(stderr, "  problem: [%s] %s (incomplete=%d)\n", p->path, p->message, p->incomplete);
    }
}

static void dump_tree(const tr_tree *t)
{
    size_t i;
    for (i = 0; i < tr_tree_count(t); i++) {
        const tr_member *m = tr_tree_member(t, i);
        fprintf(stderr, "  member: %s (%llu bytes, part %u, #%u)\n", m->path,
                (unsigned long long)m->size, m->part, m->ordinal);
    }
    dump_problems(t);
}

#define FX_TEST(name)                                                          \
    static void name##_body(fx *f);                                            \
    TT_TEST(name)                                                              \
    {                                                                          \
        fx f;                                                                  \
        if (fx_init(&f) != 0) {                                                \
            fprintf(stderr, "%s: mkdtemp: %s\n", #name, strerror(errno));      \
            tt_cur_failed = 1;                                                 \
            return;                                                            \
        }                                                                      \
        name##_body(&f);                                                       \
        if (tt_cur_failed && f.t)                                              \
            dump_tree(f.t);                                                    \
        fx_fini(&f);                                                           \
    }                                                                          \
    static void name##_body(fx *f)

/* Open one zip written from ents. */
#define OPEN_ONE(file, ents, options)                                          \
    do {                                                                       \
        const char *in_[1];                                                    \
        in_[0] = P(f, file);                                                   \
        TT_INT_EQ(write_zip(in_[0], ents, NELEM(ents), options, NULL), 0);     \
        TT_INT_EQ(fx_open(f, in_, 1), TR_OK);                                  \
    } while (0)

#define HAS(path) TT_ASSERT(tr_tree_find(f->t, 0, path) != (size_t)-1)
#define HASNT(path) TT_ASSERT(tr_tree_find(f->t, 0, path) == (size_t)-1)

/* ---- parallel visit helpers ------------------------------------------------ */

/* The visitor of tr_tree_visit_parallel: records what it got per seq (each
 * seq is only ever touched by the thread it was handed to, except the call
 * counter, which catches a seq handed out twice). */
static int pcollect(size_t seq, size_t index, const tr_member *m, tr_reader *r, void *user,
                    unsigned thread)
{
    pres *p = user;
    prec *x;
    size_t cap = 0;

    (void)m;
    if (seq >= p->n) {
        __atomic_add_fetch(&p->bad_seq, 1, __ATOMIC_SEQ_CST);
        return 0;
    }
    x = &p->r[seq];
    if (__atomic_add_fetch(&x->calls, 1, __ATOMIC_SEQ_CST) > 1)
        return 0;
    x->index = index;
    x->thread = thread;
    x->isnull = r == NULL;
    while (r != NULL) {
        size_t got;
        if (cap - x->len < 1000) {
            char *nb = realloc(x->data, cap * 2 + 1000);
            if (nb == NULL) {
                x->err = TR_ERR_NOMEM;
                break;
            }
            x->data = nb;
            cap = cap * 2 + 1000;
        }
        got = tr_reader_read(r, x->data + x->len, 1000);
        if (got == (size_t)-1) {
            const char *msg = NULL;
            x->err = tr_reader_error(r, &msg);
            snprintf(x->msg, sizeof x->msg, "%s", msg ? msg : "");
            break;
        }
        if (got == 0)
            break;
        x->len += got;
    }
    if (p->slow0 && thread == 0 && r != NULL) {
        /* let the other threads claim members */
        struct timespec ts = {0, 3000000};
        nanosleep(&ts, NULL);
    }
    return p->stop_at && (size_t)__atomic_add_fetch(&p->ncalls, 1, __ATOMIC_SEQ_CST) >= p->stop_at;
}

/* Open the second tree over the same inputs. */
static tr_err fx_open2(fx *f, const char *const *inputs, size_t n)
{
    tr_tree_free(f->t2);
    f->t2 = NULL;
    free(f->errmsg2);
    f->errmsg2 = NULL;
    return tr_tree_open(inputs, n, ROOTS, &f->lim, &f->t2, &f->errmsg2);
}

/* Want every member of f->t. */
static int fx_want_all(fx *f)
{
    free(f->want);
    f->want = malloc(tr_tree_count(f->t) + 1);
    if (f->want == NULL)
        return -1;
    memset(f->want, 1, tr_tree_count(f->t) + 1);
    return 0;
}

/* tr_tree_visit_parallel over f->want with nthreads, on f->t (which 0) or
 * f->t2 (which 1), into f->pr[which]. */
static tr_err fx_pvisit(fx *f, int which, size_t nthreads)
{
    tr_tree *t = which ? f->t2 : f->t;
    pres *p = &f->pr[which];
    size_t i, n = 0;

    for (i = 0; i < p->n && p->r != NULL; i++)
        free(p->r[i].data);
    free(p->r);
    p->r = NULL;
    for (i = 0; i < tr_tree_count(t); i++)
        n += f->want[i] != 0;
    p->n = n;
    p->bad_seq = 0;
    p->ncalls = 0;
    p->r = calloc(n + 1, sizeof *p->r);
    if (p->r == NULL) {
        p->n = 0;
        return TR_ERR_NOMEM;
    }
    p->rc = tr_tree_visit_parallel(t, f->want, nthreads, pcollect, p);
    return p->rc;
}

/* Every seq 0..n-1 called exactly once, each wanted member exactly once,
 * seq in archive order (part, ordinal). 0 when so. */
static int pres_complete(const fx *f, int which)
{
    const tr_tree *t = which ? f->t2 : f->t;
    const pres *p = &f->pr[which];
    size_t count = tr_tree_count(t), s;
    unsigned char *hit = calloc(count + 1, 1);
    int bad = p->bad_seq != 0;

    if (hit == NULL)
        return -1;
    if (bad)
        fprintf(stderr, "  visit %d: %d calls with seq >= %zu\n", which, p->bad_seq, p->n);
    for (s = 0; s < p->n; s++) {
        const prec *x = &p->r[s];
        if (x->calls != 1) {
            fprintf(stderr, "  visit %d: seq %zu called %d times\n", which, s, x->calls);
            bad = 1;
            continue;
        }
        if (x->index >= count || !f->want[x->index] || hit[x->index]) {
            fprintf(stderr, "  visit %d: seq %zu has index %zu (unwanted or repeated)\n", which, s, x->index);
            bad = 1;
            continue;
        }
        hit[x->index] = 1;
        if (s > 0 && p->r[s - 1].calls == 1 && p->r[s - 1].index < count) {
            const tr_member *a = tr_tree_member(t, p->r[s - 1].index), *b = tr_tree_member(t, x->index);
            if (!(a->part < b->part || (a->part == b->part && a->ordinal < b->ordinal))) {
                fprintf(stderr, "  visit %d: seq %zu (%s) is not after seq %zu (%s) in archive order\n", which, s,
                        b->path, s - 1, a->path);
                bad = 1;
            }
        }
    }
    free(hit);
    return bad ? -1 : 0;
}

/* The two visits gave the same (seq, index, read or not, bytes, error). */
static int pres_same(const fx *f)
{
    const pres *a = &f->pr[0], *b = &f->pr[1];
    int bad = 0;
    if (a->n != b->n || a->rc != b->rc) {
        fprintf(stderr, "  visits differ: %zu vs %zu members, rc %d vs %d\n", a->n, b->n, a->rc, b->rc);
        return -1;
    }
    for (size_t s = 0; s < a->n; s++) {
        const prec *x = &a->r[s], *y = &b->r[s];
        if (x->calls != y->calls || x->isnull != y->isnull || x->index != y->index || x->len != y->len ||
            x->err != y->err || strcmp(x->msg, y->msg) != 0 ||
            (x->len > 0 && memcmp(x->data, y->data, x->len) != 0)) {
            fprintf(stderr, "  seq %zu differs: index %zu/%zu, null %d/%d, %zu/%zu bytes, err %d/%d (%s / %s)\n",
                    s, x->index, y->index, x->isnull, y->isnull, x->len, y->len, x->err, y->err, x->msg, y->msg);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* Which threads a visit used: *maxt the highest id, return 1 when any
 * member went to a thread other than 0. */
static int pres_other_threads(const pres *p, unsigned *maxt)
{
    int other = 0;
    *maxt = 0;
    for (size_t s = 0; s < p->n; s++) {
        if (p->r[s].thread > *maxt)
            *maxt = p->r[s].thread;
        other |= p->r[s].thread != 0;
    }
    return other;
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The problems of the two trees are the same (in the same order when
 * ordered, else as sets). */
static int problems_same(const tr_tree *a, const tr_tree *b, int ordered)
{
    size_t na = tr_tree_problem_count(a), nb = tr_tree_problem_count(b), i;
    char **la, **lb;
    int bad = 0;

    if (na != nb) {
        fprintf(stderr, "  %zu problems vs %zu\n", na, nb);
        dump_problems(a);
        fprintf(stderr, "  --\n");
        dump_problems(b);
        return -1;
    }
    la = calloc(na + 1, sizeof *la);
    lb = calloc(nb + 1, sizeof *lb);
    for (i = 0; la != NULL && lb != NULL && i < na; i++) {
        const tr_problem *p = tr_tree_problem(a, i), *q = tr_tree_problem(b, i);
        size_t lp = strlen(p->path) + strlen(p->message) + 8, lq = strlen(q->path) + strlen(q->message) + 8;
        la[i] = malloc(lp);
        lb[i] = malloc(lq);
        if (la[i] == NULL || lb[i] == NULL) {
            bad = 1;
            break;
        }
        snprintf(la[i], lp, "%s\t%s\t%d", p->path, p->message, p->incomplete);
        snprintf(lb[i], lq, "%s\t%s\t%d", q->path, q->message, q->incomplete);
    }
    if (la == NULL || lb == NULL)
        bad = 1;
    if (!bad && !ordered) {
        qsort(la, na, sizeof *la, cmp_strp);
        qsort(lb, nb, sizeof *lb, cmp_strp);
    }
    for (i = 0; !bad && i < na; i++)
        if (strcmp(la[i], lb[i]) != 0) {
            fprintf(stderr, "  problem %zu differs:\n    %s\n    %s\n", i, la[i], lb[i]);
            bad = 1;
        }
    for (i = 0; i < na; i++) {
        if (la != NULL)
            free(la[i]);
        if (lb != NULL)
            free(lb[i]);
    }
    free(la);
    free(lb);
    return bad ? -1 : 0;
}

/* The record of the member at `path` in visit `which`, or NULL. */
static const prec *pseen(const fx *f, int which, const char *path)
{
    const tr_tree *t = which ? f->t2 : f->t;
    size_t k = tr_tree_find(t, 0, path);
    for (size_t s = 0; k != (size_t)-1 && s < f->pr[which].n; s++)
        if (f->pr[which].r[s].calls > 0 && f->pr[which].r[s].index == k)
            return &f->pr[which].r[s];
    return NULL;
}

/* Where the local header of `name` starts, from its central directory
 * record, or -1. */
static long local_header(const unsigned char *z, size_t len, const char *name)
{
    long cd = find_cd(z, len, name);
    return cd < 0 ? -1 : (long)rd32(z + cd + 42);
}

/* Both trees over inputs, every member wanted, visited with 1 thread (t)
 * and with 4 (t2, thread 0 slowed down so that the others take members).
 * Asserts both visits complete and identical, with the same problems. */
#define VISIT_1_AND_4(inputs, ninputs, ordered_problems)                                     \
    do {                                                                                    \
        TT_INT_EQ(fx_open(f, inputs, ninputs), TR_OK);                                      \
        TT_INT_EQ(fx_open2(f, inputs, ninputs), TR_OK);                                     \
        TT_INT_EQ(tr_tree_count(f->t2), tr_tree_count(f->t));                               \
        TT_INT_EQ(fx_want_all(f), 0);                                                       \
        f->pr[1].slow0 = 1;                                                                 \
        TT_INT_EQ(fx_pvisit(f, 0, 1), TR_OK);                                               \
        TT_INT_EQ(fx_pvisit(f, 1, 4), TR_OK);                                               \
        TT_INT_EQ(f->pr[0].n, tr_tree_count(f->t));                                         \
        TT_INT_EQ(pres_complete(f, 0), 0);                                                  \
        TT_INT_EQ(pres_complete(f, 1), 0);                                                  \
        TT_INT_EQ(pres_same(f), 0);                                                         \
        TT_INT_EQ(problems_same(f->t, f->t2, ordered_problems), 0);                         \
    } while (0)

/* ---- listing: wrappers --------------------------------------------------- */

FX_TEST(wrapper_stripped)
{
    static const zent z[] = {
        DIRE("facebook-jdoe-2025-06-01-Ab12Cd34/"),
        DIRE("facebook-jdoe-2025-06-01-Ab12Cd34/your_facebook_activity/"),
        REG("facebook-jdoe-2025-06-01-Ab12Cd34/your_facebook_activity/posts/your_posts_1.json", "[]"),
        REG("facebook-jdoe-2025-06-01-Ab12Cd34/personal_information/profile_information/profile_information.json",
            "{}"),
    };
    OPEN_ONE("facebook-jdoe-2025-06-01-Ab12Cd34.zip", z, NULL);
    TT_INT_EQ(tr_tree_count(f->t), 2);
    TT_STR_EQ(tr_tree_member(f->t, 0)->path,
              "personal_information/profile_information/profile_information.json");
    TT_STR_EQ(tr_tree_member(f->t, 1)->path, "your_facebook_activity/posts/your_posts_1.json");
    TT_INT_EQ(tr_tree_member(f->t, 1)->size, 2);
    TT_INT_EQ(tr_tree_parts(f->t), 1);
    TT_STR_EQ(tr_tree_part_name(f->t, 0), "facebook-jdoe-2025-06-01-Ab12Cd34.zip");
    TT_INT_EQ(tr_tree_is_folder(f->t), 0);
    TT_INT_EQ(tr_tree_total_bytes(f->t), 4);
    TT_INT_EQ(tr_tree_problem_count(f->t), 0);
}

FX_TEST(wrapper_kept_when_known_root)
{
    static const zent z[] = {
        REG("your_facebook_activity/posts/your_posts_1.json", "[]"),
        REG("your_facebook_activity/comments_and_reactions/comments.json", "{}"),
    };
    OPEN_ONE("part.zip", z, NULL);
    TT_INT_EQ(tr_tree_count(f->t), 2);
    HAS("your_facebook_activity/posts/your_posts_1.json");
    HAS("your_facebook_activity/comments_and_reactions/comments.json");
}

FX_TEST(wrapper_stripped_above_known_root_only)
{
    /* A media-only part: only one file, deep under a wrapper. */
    static const zent z[] = {
        REG("wrapper/your_facebook_activity/posts/media/Album_1/p.jpg", "JPG"),
    };
    OPEN_ONE("media.zip", z, NULL);
    TT_INT_EQ(tr_tree_count(f->t), 1);
    TT_STR_EQ(tr_tree_member(f->t, 0)->path, "your_facebook_activity/posts/media/Album_1/p.jpg");
}

FX_TEST(double_wrapper_stripped)
{
    static const zent z[] = {
        REG("meta-2026-Jan-10-17-13-19/instagram-u-2026-01-09-tok/your_instagram_activity/content/posts_1.json", "[]"),
        REG("meta-2026-Jan-10-17-13-19/instagram-u-2026-01-09-tok/personal_information/personal_information/personal_information.json", "{}"),
    };
    OPEN_ONE("meta.zip", z, NULL);
    HAS("your_instagram_activity/content/posts_1.json");
    HAS("personal_information/personal_information/personal_information.json");
}

FX_TEST(no_wrapper_when_first_components_differ)
{
    static const zent z[] = {
        REG("wrapper/a.json", "1"),
        REG("top.txt", "2"),
        REG("other/b.json", "3"),
    };
    OPEN_ONE("plain.zip", z, NULL);
    HAS("wrapper/a.json");
    HAS("top.txt");
    HAS("other/b.json");
}

/* ---- listing: junk, directories, names ------------------------------------- */

FX_TEST(junk_dropped)
{
    static const zent z[] = {
        REG("w/your_facebook_activity/posts/your_posts_1.json", "[]"),
        REG("__MACOSX/w/your_facebook_activity/posts/._your_posts_1.json", "rsrc"),
        REG("w/your_facebook_activity/posts/._your_posts_1.json", "rsrc"),
        REG("w/your_facebook_activity/.DS_Store", "ds"),
        REG("w/your_facebook_activity/polls/no-data.txt", "nothing"),
        REG("w/your_facebook_activity/x/__MACOSX/y.json", "{}"),
        REG("w/your_facebook_activity/posts/.DS_Store.json", "{}"), /* not junk */
    };
    OPEN_ONE("junk.zip", z, NULL);
    TT_INT_EQ(tr_tree_count(f->t), 2);
    HAS("your_facebook_activity/posts/your_posts_1.json");
    HAS("your_facebook_activity/posts/.DS_Store.json");
    TT_INT_EQ(tr_tree_problem_count(f->t), 0);
}

FX_TEST(directory_entries_dropped)
{
    static const zent z[] = {
        DIRE("your_facebook_activity/"),
        DIRE("your_facebook_activity/posts/"),
        DIRE("your_facebook_activity/empty/"),
        REG("your_facebook_activity/posts/a.json", "[]"),
        /* A "file" whose name ends in '/' is a directory too. */
        {"your_facebook_activity/odd/", "", 0, AE_IFREG, 0, 0},
    };
    OPEN_ONE("dirs.zip", z, NULL);
    TT_INT_EQ(tr_tree_count(f->t), 1);
    TT_STR_EQ(tr_tree_member(f->t, 0)->path, "your_facebook_activity/posts/a.json");
    TT_INT_EQ(tr_tree_problem_count(f->t), 0);
}

FX_TEST(unsafe_and_odd_names)
{
    static const zent z[] = {
        REG("../x", "evil"),
        REG("a/../../y", "evil"),
        REG("/etc/x", "abs"),
        REG("bs\\dir\\c.txt", "bs"),
        REG("dots//./d/./e.txt", "dots"),
        REG("./lead.txt", "lead"),
    };
    OPEN_ONE("names.zip", z, NULL);
    TT_INT_EQ(tr_tree_count(f->t), 4);
    HAS("etc/x");
    HAS("bs/dir/c.txt");
    HAS("dots/d/e.txt");
    HAS("lead.txt");
    HASNT("x");
    HASNT("y");
    {
        long p1 = problem(f->t, "../x", "unsafe path"), p2 = problem(f->t, "a/../../y", "unsafe path");
        TT_ASSERT(p1 >= 0);
        TT_ASSERT(p2 >= 0);
        TT_STR_EQ(tr_tree_problem(f->t, (size_t)p1)->message, "unsafe path");
    }
    TT_INT_EQ(tr_tree_problem_count(f->t), 2);
}

FX_TEST(symlink_reported)
{
    static const zent z[] = {
        REG("your_facebook_activity/a.json", "[]"),
        LNK("your_facebook_activity/link.json", "/etc/passwd"),
    };
    OPEN_ONE("link.zip", z, NULL);
    TT_INT_EQ(tr_tree_count(f->t), 1);
    HASNT("your_facebook_activity/link.json");
    {
        long p = problem(f->t, "your_facebook_activity/link.json", "symbolic link not followed");
        TT_ASSERT(p >= 0);
        TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 0);
    }
}

FX_TEST(non_ascii_names_kept_as_bytes)
{
    /* UTF-8-flagged name (hdrcharset=UTF-8) and a raw Latin-1 byte name:
     * the UTF-8 bytes are kept, the byte that is not UTF-8 becomes U+FFFD. */
    static const zent z1[] = {
        REG("your_facebook_activity/posts/media/Caf\xc3\xa9_12/p.jpg", "jpg"),
    };
    static const zent z2[] = {
        REG("your_facebook_activity/posts/raw\xe9.json", "[]"),
    };
    const char *in[2];
    in[0] = P(f, "utf8.zip");
    in[1] = P(f, "raw.zip");
    TT_INT_EQ(write_zip(in[0], z1, 1, "hdrcharset=UTF-8", NULL), 0);
    TT_INT_EQ(write_zip(in[1], z2, 1, NULL, NULL), 0);
    TT_INT_EQ(fx_open(f, in, 2), TR_OK);
    HAS("your_facebook_activity/posts/media/Caf\xc3\xa9_12/p.jpg");
    HAS("your_facebook_activity/posts/raw\xef\xbf\xbd.json");
    TT_INT_EQ(tr_tree_problem_count(f->t), 0);
}

FX_TEST(max_entries_limit)
{
    static const zent z[] = {
        REG("your_facebook_activity/a.json", "1"), REG("your_facebook_activity/b.json", "2"),
        REG("your_facebook_activity/c.json", "3"), REG("your_facebook_activity/d.json", "4"),
    };
    const char *in[2];
    f->lim.max_entries = 2;
    in[0] = P(f, "one.zip");
    in[1] = P(f, "two.zip");
    TT_INT_EQ(write_zip(in[0], z, NELEM(z), NULL, NULL), 0);
    TT_INT_EQ(write_zip(in[1], z, NELEM(z), NULL, NULL), 0);
    TT_INT_EQ(fx_open(f, in, 2), TR_OK);
    TT_INT_EQ(tr_tree_count(f->t), 2);
    {
        long p = problem(f->t, "one.zip", "more than 2 entries");
        TT_ASSERT(p >= 0);
        TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
        p = problem(f->t, "two.zip", "not listed");
        TT_ASSERT(p >= 0);
        TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
    }
}

/* ---- listing: parts -------------------------------------------------------- */

FX_TEST(two_parts_merged)
{
    static const zent z1[] = {
        REG("facebook-jdoe-2025-06-01-Ab12Cd34/your_facebook_activity/posts/your_posts_1.json",
            "[{\"uri\":\"your_facebook_activity/posts/media/A_1/p.jpg\"}]"),
        REG("facebook-jdoe-2025-06-01-Ab12Cd34/personal_information/x.json", "{}"),
    };
    static const zent z2[] = {
        REG("facebook-jdoe-2025-06-01-Xy98Zw76/your_facebook_activity/posts/media/A_1/p.jpg", "JPEGDATA"),
    };
    const char *in[2];
    size_t k;
    in[0] = P(f, "facebook-jdoe-2025-06-01-Ab12Cd34.zip");
    in[1] = P(f, "facebook-jdoe-2025-06-01-Xy98Zw76.zip");
    TT_INT_EQ(write_zip(in[0], z1, NELEM(z1), NULL, NULL), 0);
    TT_INT_EQ(write_zip(in[1], z2, NELEM(z2), NULL, NULL), 0);
    TT_INT_EQ(fx_open(f, in, 2), TR_OK);
    TT_INT_EQ(tr_tree_count(f->t), 3);
    TT_INT_EQ(tr_tree_parts(f->t), 2);
    TT_STR_EQ(tr_tree_part_name(f->t, 1), "facebook-jdoe-2025-06-01-Xy98Zw76.zip");
    k = tr_tree_find(f->t, 0, "your_facebook_activity/posts/media/A_1/p.jpg");
    TT_ASSERT(k != (size_t)-1);
    TT_INT_EQ(tr_tree_member(f->t, k)->part, 1);
    TT_INT_EQ(tr_tree_member(f->t, k)->size, 8);
    k = tr_tree_find(f->t, 0, "your_facebook_activity/posts/your_posts_1.json");
    TT_ASSERT(k != (size_t)-1);
    TT_INT_EQ(tr_tree_member(f->t, k)->part, 0);
    TT_ASSERT(tr_tree_find(f->t, 0, "your_facebook_activity/posts") == (size_t)-1);
    TT_ASSERT(tr_tree_find(f->t, 0, "") == (size_t)-1);
    /* sorted by path */
    for (k = 1; k < tr_tree_count(f->t); k++)
        TT_ASSERT(strcmp(tr_tree_member(f->t, k - 1)->path, tr_tree_member(f->t, k)->path) < 0);
    TT_INT_EQ(tr_tree_problem_count(f->t), 0);
}

FX_TEST(duplicate_across_parts_later_wins)
{
    static const zent z1[] = {
        REG("w1/your_facebook_activity/posts/a.json", "OLD"),
        REG("w1/your_facebook_activity/posts/b.json", "B"),
    };
    static const zent z2[] = {
        REG("w2/your_facebook_activity/posts/a.json", "NEWER"),
        REG("w2/your_facebook_activity/posts/c.json", "C"),
    };
    static const char *const want[] = {"your_facebook_activity/posts/a.json", NULL};
    const char *in[2];
    const visited *v;
    long p;
    size_t k;
    in[0] = P(f, "p1.zip");
    in[1] = P(f, "p2.zip");
    TT_INT_EQ(write_zip(in[0], z1, NELEM(z1), NULL, NULL), 0);
    TT_INT_EQ(write_zip(in[1], z2, NELEM(z2), NULL, NULL), 0);
    TT_INT_EQ(fx_open(f, in, 2), TR_OK);
    TT_INT_EQ(tr_tree_count(f->t), 3);
    k = tr_tree_find(f->t, 0, "your_facebook_activity/posts/a.json");
    TT_ASSERT(k != (size_t)-1);
    TT_INT_EQ(tr_tree_member(f->t, k)->part, 1);
    TT_INT_EQ(tr_tree_member(f->t, k)->size, 5);
    TT_INT_EQ(tr_tree_total_bytes(f->t), 7);
    p = problem(f->t, "your_facebook_activity/posts/a.json", "");
    TT_ASSERT(p >= 0);
    TT_STR_EQ(tr_tree_problem(f->t, (size_t)p)->message,
              "duplicate across parts: p1.zip and p2.zip; using p2.zip");
    TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 0);
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    v = seen(f, "your_facebook_activity/posts/a.json");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(v->len, 5);
    TT_ASSERT(memcmp(v->data, "NEWER", 5) == 0);
}

FX_TEST(not_a_zip_sole_input_is_fatal)
{
    const char *in[1];
    in[0] = P(f, "notes.zip");
    TT_INT_EQ(write_file(in[0], "this is not a zip file, only text\n", 34), 0);
    TT_INT_EQ(fx_open(f, in, 1), TR_ERR_ARCHIVE);
    TT_ASSERT(f->t == NULL);
    TT_ASSERT(f->errmsg != NULL);
    TT_ASSERT(strncmp(f->errmsg, in[0], strlen(in[0])) == 0);
    TT_ASSERT(strncmp(f->errmsg + strlen(in[0]), ": not a zip archive", 19) == 0);
}

FX_TEST(empty_file_sole_input_is_fatal)
{
    const char *in[1];
    in[0] = P(f, "empty.zip");
    TT_INT_EQ(write_file(in[0], "", 0), 0);
    TT_INT_EQ(fx_open(f, in, 1), TR_ERR_ARCHIVE);
    TT_ASSERT(f->errmsg != NULL && strstr(f->errmsg, "empty.zip: ") != NULL);
}

FX_TEST(missing_sole_input_is_fatal)
{
    const char *in[1];
    in[0] = P(f, "missing.zip");
    TT_INT_EQ(fx_open(f, in, 1), TR_ERR_IO);
    TT_ASSERT(f->t == NULL);
    TT_ASSERT(f->errmsg != NULL);
    TT_ASSERT(strstr(f->errmsg, "missing.zip: ") != NULL);
}

FX_TEST(bad_part_among_good_is_a_problem)
{
    static const zent z[] = {REG("your_facebook_activity/a.json", "[]")};
    const char *in[3];
    long p;
    in[0] = P(f, "good.zip");
    in[1] = P(f, "bad.zip");
    in[2] = P(f, "gone.zip");
    TT_INT_EQ(write_zip(in[0], z, 1, NULL, NULL), 0);
    TT_INT_EQ(write_file(in[1], "garbage garbage garbage", 23), 0);
    TT_INT_EQ(fx_open(f, in, 3), TR_OK);
    TT_INT_EQ(tr_tree_count(f->t), 1);
    p = problem(f->t, "bad.zip", "");
    TT_ASSERT(p >= 0);
    TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
    p = problem(f->t, "gone.zip", "");
    TT_ASSERT(p >= 0);
    TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
    TT_STR_EQ(tr_tree_problem(f->t, (size_t)p)->message, strerror(ENOENT));
}

FX_TEST(long_input_name)
{
    static const zent z[] = {REG("your_facebook_activity/a.json", "[]")};
    enum { LONG = 70000 }; /* longer than a string pool chunk */
    char *name = malloc(LONG + 1);
    const char *in[2];
    long p;
    TT_ASSERT(name != NULL);
    memset(name, 'n', LONG);
    name[LONG] = '\0';
    in[0] = P(f, "good.zip");
    in[1] = name;
    if (write_zip(in[0], z, 1, NULL, NULL) != 0 || fx_open(f, in, 2) != TR_OK) {
        free(name);
        TT_FAIL_("open failed");
    }
    free(name);
    TT_INT_EQ(strlen(tr_tree_part_name(f->t, 1)), LONG);
    p = problem(f->t, tr_tree_part_name(f->t, 1), "");
    TT_ASSERT(p >= 0);
    TT_STR_EQ(tr_tree_problem(f->t, (size_t)p)->message, strerror(ENAMETOOLONG));
    HAS("your_facebook_activity/a.json");
}

FX_TEST(many_entries_sorted_and_found)
{
    enum { N = 3000 };
    static char names[N][64];
    static zent z[N];
    const char *in[1];
    size_t i;
    for (i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "w/your_facebook_activity/messages/inbox/t_%zu/message_1.json",
                 (i * 7919) % N);
        z[i] = (zent){names[i], "{}", 2, AE_IFREG, 0, 0};
    }
    in[0] = P(f, "many.zip");
    TT_INT_EQ(write_zip(in[0], z, N, "zip:compression=store", NULL), 0);
    TT_INT_EQ(fx_open(f, in, 1), TR_OK);
    TT_INT_EQ(tr_tree_count(f->t), N);
    TT_INT_EQ(tr_tree_total_bytes(f->t), 2 * N);
    for (i = 1; i < N; i++)
        TT_ASSERT(strcmp(tr_tree_member(f->t, i - 1)->path, tr_tree_member(f->t, i)->path) < 0);
    for (i = 0; i < N; i++) {
        size_t k = tr_tree_find(f->t, 0, names[i] + 2);
        TT_ASSERT(k != (size_t)-1);
        TT_STR_EQ(tr_tree_member(f->t, k)->path, names[i] + 2);
        TT_INT_EQ(tr_tree_member(f->t, k)->ordinal, i);
    }
}

FX_TEST(usage_errors)
{
    const char *in[2];
    tr_tree *t = (tr_tree *)1;
    TT_INT_EQ(mkdir(P(f, "folder"), 0700), 0);
    in[0] = P(f, "folder");
    in[1] = P(f, "x.zip");
    TT_INT_EQ(fx_open(f, in, 2), TR_ERR_USAGE);
    TT_STR_EQ(f->errmsg, "a folder cannot be combined with other inputs");
    TT_INT_EQ(tr_tree_open(in, 0, ROOTS, NULL, &t, NULL), TR_ERR_USAGE);
    TT_ASSERT(t == NULL);
    /* NULL-safe accessors */
    TT_INT_EQ(tr_tree_count(NULL), 0);
    TT_ASSERT(tr_tree_member(NULL, 0) == NULL);
    TT_ASSERT(tr_tree_find(NULL, 0, "x") == (size_t)-1);
    TT_ASSERT(tr_tree_problem(NULL, 0) == NULL);
    TT_ASSERT(tr_reader_read(NULL, NULL, 1) == (size_t)-1);
    tr_tree_free(NULL);
}

/* ---- visiting ----------------------------------------------------------------- */

FX_TEST(visit_reads_exact_bytes_of_wanted_only)
{
    enum { BIG = 300000 };
    unsigned char *big = malloc(BIG);
    zent z[5] = {
        REG("your_facebook_activity/posts/your_posts_1.json", "[{\"post\":\"hello\"}]"),
        REG("your_facebook_activity/posts/media/A_1/p.jpg", "JPEGJPEGJPEG"),
        {"your_facebook_activity/messages/inbox/t_1/message_1.json", NULL, BIG, AE_IFREG, 0, 0},
        REG("your_facebook_activity/comments_and_reactions/comments.json", "{\"comments_v2\":[]}"),
        REG("your_facebook_activity/empty.json", ""),
    };
    static const char *const want[] = {
        "your_facebook_activity/posts/your_posts_1.json",
        "your_facebook_activity/messages/inbox/t_1/message_1.json",
        "your_facebook_activity/comments_and_reactions/comments.json",
        "your_facebook_activity/empty.json",
        NULL,
    };
    const char *in[1];
    const visited *v;
    TT_ASSERT(big != NULL);
    /* Half random, half text: exercises both stored-like and deflated data. */
    fill_random(big, BIG / 2, 7);
    memset(big + BIG / 2, 'a', BIG - BIG / 2);
    z[2].data = (const char *)big;
    in[0] = P(f, "v.zip");
    if (write_zip(in[0], z, NELEM(z), NULL, NULL) != 0 || fx_open(f, in, 1) != TR_OK) {
        free(big);
        TT_FAIL_("setup failed");
    }
    f->chunk = 1000; /* many reads per member */
    if (fx_visit(f, want) != TR_OK) {
        free(big);
        TT_FAIL_("visit failed");
    }
    v = seen(f, "your_facebook_activity/messages/inbox/t_1/message_1.json");
    if (v == NULL || v->len != BIG || memcmp(v->data, big, BIG) != 0 || v->err != TR_OK) {
        free(big);
        TT_FAIL_("big member not read exactly");
    }
    free(big);
    TT_INT_EQ(f->nv, 4);
    TT_ASSERT(seen(f, "your_facebook_activity/posts/media/A_1/p.jpg") == NULL);
    v = seen(f, "your_facebook_activity/posts/your_posts_1.json");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(v->len, 18);
    TT_ASSERT(memcmp(v->data, "[{\"post\":\"hello\"}]", 18) == 0);
    v = seen(f, "your_facebook_activity/comments_and_reactions/comments.json");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(v->len, 18);
    TT_ASSERT(memcmp(v->data, "{\"comments_v2\":[]}", 18) == 0);
    v = seen(f, "your_facebook_activity/empty.json");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(v->len, 0);
    TT_INT_EQ(v->err, TR_OK);
    /* archive order: posts (#0) before messages (#2) before comments (#3) */
    TT_INT_EQ(f->v[0].index, tr_tree_find(f->t, 0, "your_facebook_activity/posts/your_posts_1.json"));
    TT_INT_EQ(f->v[3].index, tr_tree_find(f->t, 0, "your_facebook_activity/empty.json"));
    TT_INT_EQ(tr_tree_problem_count(f->t), 0);
}

FX_TEST(visitor_reading_part_of_a_member)
{
    static const zent z[] = {
        REG("your_facebook_activity/a.json", "0123456789abcdefghij"),
        REG("your_facebook_activity/b.json", "second member"),
    };
    static const char *const want[] = {"your_facebook_activity/a.json", "your_facebook_activity/b.json",
                                       NULL};
    const visited *v;
    OPEN_ONE("partial.zip", z, "zip:compression=store");
    f->read_max = 5; /* the rest of each member is skipped */
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    TT_INT_EQ(f->nv, 2);
    v = seen(f, "your_facebook_activity/b.json");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(v->len, 5);
    TT_ASSERT(memcmp(v->data, "secon", 5) == 0);
    TT_INT_EQ(tr_tree_problem_count(f->t), 0);
}

FX_TEST(visitor_can_stop_the_visit)
{
    static const zent z[] = {
        REG("your_facebook_activity/a.json", "1"),
        REG("your_facebook_activity/b.json", "2"),
    };
    static const char *const want[] = {"your_facebook_activity/a.json", "your_facebook_activity/b.json",
                                       NULL};
    OPEN_ONE("stop.zip", z, NULL);
    f->stop_after = 1;
    TT_INT_EQ(fx_visit(f, want), TR_ERR_USAGE);
    TT_INT_EQ(f->nv, 1);
}

FX_TEST(member_over_max_member_bytes_not_visited)
{
    static const zent z[] = {
        REG("your_facebook_activity/small.json", "0123456789"),
        REG("your_facebook_activity/large.json", "01234567890123456789"),
    };
    static const char *const want[] = {"your_facebook_activity/small.json",
                                       "your_facebook_activity/large.json", NULL};
    long p;
    f->lim.max_member_bytes = 10;
    OPEN_ONE("limits.zip", z, NULL);
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    TT_INT_EQ(f->nv, 1);
    TT_ASSERT(seen(f, "your_facebook_activity/small.json") != NULL);
    TT_ASSERT(seen(f, "your_facebook_activity/large.json") == NULL);
    p = problem(f->t, "your_facebook_activity/large.json", "");
    TT_ASSERT(p >= 0);
    TT_STR_EQ(tr_tree_problem(f->t, (size_t)p)->message,
              "member is 20 bytes, over the limit of 10 bytes (--max-member-bytes)");
    TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
}

FX_TEST(total_budget)
{
    static const zent z[] = {
        REG("your_facebook_activity/1.json", "0123456789"),
        REG("your_facebook_activity/2.json", "0123456789"),
        REG("your_facebook_activity/3.json", "0123456789"),
        REG("your_facebook_activity/4.json", "0123456789"),
    };
    static const char *const want[] = {
        "your_facebook_activity/1.json", "your_facebook_activity/2.json",
        "your_facebook_activity/3.json", "your_facebook_activity/4.json", NULL,
    };
    long p;
    f->lim.max_total_bytes = 25;
    OPEN_ONE("budget.zip", z, NULL);
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    TT_INT_EQ(f->nv, 2);
    TT_ASSERT(seen(f, "your_facebook_activity/2.json") != NULL);
    p = problem(f->t, "your_facebook_activity/3.json", "not read: member is 10 bytes, over the 5 bytes left");
    TT_ASSERT(p >= 0);
    TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
    p = problem(f->t, "your_facebook_activity/4.json", "not read:");
    TT_ASSERT(p >= 0);
    TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
    TT_INT_EQ(tr_tree_problem_count(f->t), 2);
}

FX_TEST(inflating_past_declared_size_stops)
{
    /* Declare 1000 bytes in the central directory for a 1 MB member. (For a
     * small member libarchive notices the lie itself at the end of the
     * stream; the reader's own check is what stops a large one early.) */
    enum { SZ = 1 << 20 };
    static const char *const want[] = {"your_facebook_activity/lie.json",
                                       "your_facebook_activity/ok.json", NULL};
    char *big = malloc(SZ);
    zent z[2];
    const char *in[1];
    unsigned char *zip = NULL;
    size_t len = 0;
    long cd;
    const visited *v;
    TT_ASSERT(big != NULL);
    memset(big, 'x', SZ);
    z[0] = (zent){"your_facebook_activity/lie.json", big, SZ, AE_IFREG, 0, 0};
    z[1] = (zent){"your_facebook_activity/ok.json", "fine", 4, AE_IFREG, 0, 0};
    in[0] = P(f, "lie.zip");
    if (write_zip(in[0], z, 2, NULL, NULL) != 0 || (zip = slurp(in[0], &len)) == NULL) {
        free(big);
        TT_FAIL_("setup failed");
    }
    free(big);
    cd = find_cd(zip, len, "your_facebook_activity/lie.json");
    if (cd < 0 || rd32(zip + cd + 24) != SZ) {
        free(zip);
        TT_FAIL_("central directory record not found");
    }
    wr32(zip + cd + 24, 1000);
    {
        uint32_t lh = rd32(zip + cd + 42);
        if (rd32(zip + lh + 22) == SZ)
            wr32(zip + lh + 22, 1000);
    }
    if (write_file(in[0], zip, len) != 0) {
        free(zip);
        TT_FAIL_("rewrite failed");
    }
    free(zip);
    TT_INT_EQ(fx_open(f, in, 1), TR_OK);
    TT_INT_EQ(tr_tree_member(f->t, tr_tree_find(f->t, 0, "your_facebook_activity/lie.json"))->size, 1000);
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    v = seen(f, "your_facebook_activity/lie.json");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(v->err, TR_ERR_LIMIT);
    TT_STR_EQ(v->msg, "member inflates past its declared size of 1000 bytes");
    TT_ASSERT(v->len <= 1000);
    TT_INT_EQ(tr_tree_problem_count(f->t), 0); /* the visitor saw and reports it */
    /* The next member is still read. */
    v = seen(f, "your_facebook_activity/ok.json");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(v->len, 4);
    TT_INT_EQ(v->err, TR_OK);
}

FX_TEST(encrypted_member_reported_not_read)
{
    static const zent z[] = {
        REG("your_facebook_activity/secret.json", "{\"secret\":true}"),
    };
    static const char *const want[] = {"your_facebook_activity/secret.json", NULL};
    const char *in[1];
    long p;
    in[0] = P(f, "enc.zip");
    TT_INT_EQ(write_zip(in[0], z, 1, "zip:encryption=zipcrypt", "pw"), 0);
    TT_INT_EQ(fx_open(f, in, 1), TR_OK);
    TT_INT_EQ(tr_tree_count(f->t), 1);
    TT_ASSERT(tr_tree_member(f->t, 0)->encrypted != 0);
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    TT_INT_EQ(f->nv, 0);
    p = problem(f->t, "your_facebook_activity/secret.json", "");
    TT_ASSERT(p >= 0);
    TT_STR_EQ(tr_tree_problem(f->t, (size_t)p)->message, "member is encrypted; not read");
    TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
    /* A second pass over the same member does not repeat the problem. */
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    TT_INT_EQ(f->nv, 0);
    TT_INT_EQ(tr_tree_problem_count(f->t), 1);
}

FX_TEST(truncated_zip_reports_and_never_crashes)
{
    enum { N = 6, SZ = 8000 };
    static const char *names[N] = {
        "w/your_facebook_activity/m/1.bin", "w/your_facebook_activity/m/2.bin",
        "w/your_facebook_activity/m/3.bin", "w/your_facebook_activity/m/4.bin",
        "w/your_facebook_activity/m/5.bin", "w/your_facebook_activity/m/6.bin",
    };
    unsigned char *data = malloc((size_t)N * SZ), *zip = NULL;
    zent z[N];
    const char *in[1];
    size_t i, len = 0, incomplete = 0;
    tr_err rc;

    TT_ASSERT(data != NULL);
    fill_random(data, (size_t)N * SZ, 99);
    for (i = 0; i < N; i++)
        z[i] = (zent){names[i], data + i * SZ, SZ, AE_IFREG, 0, 0};
    in[0] = P(f, "good.zip");
    if (write_zip(in[0], z, N, NULL, NULL) != 0 || (zip = slurp(in[0], &len)) == NULL) {
        free(data);
        TT_FAIL_("setup failed");
    }
    free(data);
    in[0] = P(f, "truncated.zip");
    i = (size_t)write_file(in[0], zip, len / 2);
    free(zip);
    TT_INT_EQ(i, 0);
    rc = fx_open(f, in, 1);
    if (rc != TR_OK) {
        /* Acceptable: nothing could be listed at all; the message names it. */
        TT_INT_EQ(rc, TR_ERR_ARCHIVE);
        TT_ASSERT(f->errmsg != NULL && strstr(f->errmsg, "truncated.zip: ") != NULL);
        return;
    }
    /* Listed what precedes the cut; visit all of it. */
    free(f->want);
    f->want = malloc(tr_tree_count(f->t) + 1);
    TT_ASSERT(f->want != NULL);
    memset(f->want, 1, tr_tree_count(f->t) + 1);
    TT_INT_EQ(tr_tree_visit(f->t, f->want, collect, f), TR_OK);
    for (i = 0; i < tr_tree_problem_count(f->t); i++)
        incomplete += tr_tree_problem(f->t, i)->incomplete != 0;
    TT_ASSERT(incomplete > 0);
    TT_ASSERT(tr_tree_count(f->t) < N);
    /* What was read in full is exact. */
    for (i = 0; i < f->nv; i++) {
        const tr_member *m = tr_tree_member(f->t, f->v[i].index);
        if (f->v[i].err == TR_OK)
            TT_INT_EQ(f->v[i].len, SZ);
        TT_ASSERT(m != NULL);
    }
}

FX_TEST(corrupt_member_data)
{
    enum { SZ = 20000 };
    char *text = malloc(SZ);
    zent z[3];
    static const char *const want[] = {"your_facebook_activity/a.json", "your_facebook_activity/b.json",
                                       "your_facebook_activity/c.json", NULL};
    const char *in[1];
    unsigned char *zip = NULL;
    size_t len = 0, i;
    long cd;
    const visited *v;

    TT_ASSERT(text != NULL);
    for (i = 0; i < SZ; i++)
        text[i] = (char)('a' + (i * 7 + i / 13) % 26);
    z[0] = (zent){"your_facebook_activity/a.json", "aaaa", 4, AE_IFREG, 0, 0};
    z[1] = (zent){"your_facebook_activity/b.json", text, SZ, AE_IFREG, 0, 0};
    z[2] = (zent){"your_facebook_activity/c.json", "cccc", 4, AE_IFREG, 0, 0};
    in[0] = P(f, "corrupt.zip");
    if (write_zip(in[0], z, 3, NULL, NULL) != 0 || (zip = slurp(in[0], &len)) == NULL) {
        free(text);
        TT_FAIL_("setup failed");
    }
    free(text);
    cd = find_cd(zip, len, "your_facebook_activity/b.json");
    if (cd < 0) {
        free(zip);
        TT_FAIL_("no central directory record");
    }
    {
        uint32_t lh = rd32(zip + cd + 42), csize = rd32(zip + cd + 20);
        size_t start = lh + 30 + rd16(zip + lh + 26) + rd16(zip + lh + 28);
        for (i = csize / 4; i < csize / 2 && start + i < len; i++)
            zip[start + i] = (unsigned char)(0xA5 ^ i);
    }
    i = (size_t)write_file(in[0], zip, len);
    free(zip);
    TT_INT_EQ(i, 0);
    TT_INT_EQ(fx_open(f, in, 1), TR_OK);
    TT_INT_EQ(tr_tree_count(f->t), 3);
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    v = seen(f, "your_facebook_activity/b.json");
    TT_ASSERT(v != NULL);
    TT_ASSERT(v->err == TR_ERR_ARCHIVE || v->err == TR_ERR_LIMIT);
    TT_ASSERT(v->msg[0] != '\0');
    /* The part is reopened after the fatal error: the member behind it is read. */
    v = seen(f, "your_facebook_activity/c.json");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(v->len, 4);
    TT_ASSERT(memcmp(v->data, "cccc", 4) == 0);
    TT_INT_EQ(tr_tree_problem_count(f->t), 0);
    v = seen(f, "your_facebook_activity/a.json");
    TT_ASSERT(v != NULL && v->len == 4 && v->err == TR_OK);
}

FX_TEST(part_truncated_after_listing)
{
    /* List a good part, then cut it in half before the visit: every wanted
     * member is read exactly, or its visitor saw a read error, or it has a
     * problem; none is lost silently. */
    enum { N = 6, SZ = 8000 };
    static const char *names[N] = {
        "your_facebook_activity/m/1.bin", "your_facebook_activity/m/2.bin",
        "your_facebook_activity/m/3.bin", "your_facebook_activity/m/4.bin",
        "your_facebook_activity/m/5.bin", "your_facebook_activity/m/6.bin",
    };
    unsigned char *data = malloc((size_t)N * SZ), *zip = NULL;
    zent z[N];
    const char *in[1];
    size_t i, len = 0;

    TT_ASSERT(data != NULL);
    fill_random(data, (size_t)N * SZ, 5);
    for (i = 0; i < N; i++)
        z[i] = (zent){names[i], (const char *)data + i * SZ, SZ, AE_IFREG, 0, 0};
    in[0] = P(f, "part.zip");
    if (write_zip(in[0], z, N, NULL, NULL) != 0 || fx_open(f, in, 1) != TR_OK ||
        (zip = slurp(in[0], &len)) == NULL) {
        free(data);
        free(zip);
        TT_FAIL_("setup failed");
    }
    i = (size_t)write_file(in[0], zip, len / 2);
    free(zip);
    if (i != 0) {
        free(data);
        TT_FAIL_("truncation failed");
    }
    TT_INT_EQ(tr_tree_count(f->t), N);
    free(f->want);
    f->want = malloc(N);
    if (f->want == NULL) {
        free(data);
        TT_FAIL_("no memory");
    }
    memset(f->want, 1, N);
    if (tr_tree_visit(f->t, f->want, collect, f) != TR_OK) {
        free(data);
        TT_FAIL_("visit failed");
    }
    for (i = 0; i < N; i++) {
        const visited *v = seen(f, names[i]);
        long p = problem(f->t, names[i], "");
        int exact = v && v->err == TR_OK && v->len == SZ && memcmp(v->data, data + i * SZ, SZ) == 0;
        int told = (v && v->err != TR_OK) || (p >= 0 && tr_tree_problem(f->t, (size_t)p)->incomplete);
        if (!exact && !told) {
            free(data);
            TT_FAIL_("%s neither read nor reported", names[i]);
        }
        if (i == N - 1 && exact) {
            free(data);
            TT_FAIL_("the last member cannot have been read");
        }
    }
    free(data);
}

/* ---- folder input ---------------------------------------------------------------- */

FX_TEST(folder_listing_and_visit)
{
    static const char *const want[] = {"your_facebook_activity/posts/your_posts_1.json",
                                       "personal_information/p.json",
                                       "personal_information/sub/q.json", NULL};
    const char *in[1];
    const visited *v;
    long p;
    TT_INT_EQ(mkdir(P(f, "export"), 0700), 0);
    TT_INT_EQ(mkdir(P(f, "export/facebook-jdoe-2025"), 0700), 0);
    TT_INT_EQ(mkdir(P(f, "export/facebook-jdoe-2025/your_facebook_activity"), 0700), 0);
    TT_INT_EQ(mkdir(P(f, "export/facebook-jdoe-2025/your_facebook_activity/posts"), 0700), 0);
    TT_INT_EQ(mkdir(P(f, "export/facebook-jdoe-2025/your_facebook_activity/empty"), 0700), 0);
    TT_INT_EQ(mkdir(P(f, "export/facebook-jdoe-2025/personal_information"), 0700), 0);
    TT_INT_EQ(mkdir(P(f, "export/facebook-jdoe-2025/__MACOSX"), 0700), 0);
    TT_INT_EQ(write_file(P(f, "export/facebook-jdoe-2025/your_facebook_activity/posts/your_posts_1.json"),
                         "[1,2,3]", 7), 0);
    TT_INT_EQ(write_file(P(f, "export/facebook-jdoe-2025/your_facebook_activity/posts/p.jpg"), "JPG", 3),
              0);
    TT_INT_EQ(write_file(P(f, "export/facebook-jdoe-2025/personal_information/p.json"), "{}", 2), 0);
    /* A backslash in a file name is a separator in the tree; the file is
     * still read under its real name. */
    TT_INT_EQ(write_file(P(f, "export/facebook-jdoe-2025/personal_information/sub\\q.json"), "[]", 2),
              0);
    TT_INT_EQ(write_file(P(f, "export/facebook-jdoe-2025/.DS_Store"), "ds", 2), 0);
    TT_INT_EQ(write_file(P(f, "export/facebook-jdoe-2025/__MACOSX/._x"), "r", 1), 0);
    TT_INT_EQ(symlink("/etc/passwd", P(f, "export/facebook-jdoe-2025/your_facebook_activity/link.json")),
              0);
    /* trailing '/' on the input */
    snprintf(f->paths[7], sizeof f->paths[7], "%s/export/", f->dir);
    in[0] = f->paths[7];
    TT_INT_EQ(fx_open(f, in, 1), TR_OK);
    TT_INT_EQ(tr_tree_is_folder(f->t), 1);
    TT_STR_EQ(tr_tree_part_name(f->t, 0), "export");
    TT_INT_EQ(tr_tree_count(f->t), 4);
    HAS("your_facebook_activity/posts/your_posts_1.json");
    HAS("your_facebook_activity/posts/p.jpg");
    HAS("personal_information/p.json");
    HAS("personal_information/sub/q.json");
    TT_INT_EQ(tr_tree_member(f->t, tr_tree_find(f->t, 0, "your_facebook_activity/posts/p.jpg"))->size, 3);
    TT_INT_EQ(tr_tree_total_bytes(f->t), 14);
    p = problem(f->t, NULL, "symbolic link not followed");
    TT_ASSERT(p >= 0);
    TT_STR_EQ(tr_tree_problem(f->t, (size_t)p)->path,
              "facebook-jdoe-2025/your_facebook_activity/link.json");
    TT_INT_EQ(tr_tree_problem_count(f->t), 1);
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    TT_INT_EQ(f->nv, 3);
    v = seen(f, "personal_information/sub/q.json");
    TT_ASSERT(v != NULL && v->len == 2 && v->err == TR_OK && memcmp(v->data, "[]", 2) == 0);
    v = seen(f, "your_facebook_activity/posts/your_posts_1.json");
    TT_ASSERT(v != NULL && v->len == 7 && memcmp(v->data, "[1,2,3]", 7) == 0);
    v = seen(f, "personal_information/p.json");
    TT_ASSERT(v != NULL && v->len == 2 && memcmp(v->data, "{}", 2) == 0);
}

FX_TEST(folder_limits)
{
    static const char *const want[] = {"your_facebook_activity/big.json",
                                       "your_facebook_activity/grows.json", NULL};
    const char *in[1];
    long p;
    const visited *v;
    FILE *fp;
    TT_INT_EQ(mkdir(P(f, "ex"), 0700), 0);
    TT_INT_EQ(mkdir(P(f, "ex/your_facebook_activity"), 0700), 0);
    TT_INT_EQ(write_file(P(f, "ex/your_facebook_activity/big.json"), "0123456789ABCDEF", 16), 0);
    TT_INT_EQ(write_file(P(f, "ex/your_facebook_activity/grows.json"), "01234", 5), 0);
    f->lim.max_member_bytes = 8;
    in[0] = P(f, "ex");
    TT_INT_EQ(fx_open(f, in, 1), TR_OK);
    /* The file grows after listing: reading stops at its listed size. */
    fp = fopen(P(f, "ex/your_facebook_activity/grows.json"), "ab");
    TT_ASSERT(fp != NULL);
    fputs("56789", fp);
    fclose(fp);
    TT_INT_EQ(fx_visit(f, want), TR_OK);
    p = problem(f->t, "your_facebook_activity/big.json", "member is 16 bytes, over the limit of 8 bytes");
    TT_ASSERT(p >= 0);
    TT_ASSERT(seen(f, "your_facebook_activity/big.json") == NULL);
    v = seen(f, "your_facebook_activity/grows.json");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(v->err, TR_ERR_LIMIT);
    TT_STR_EQ(v->msg, "member inflates past its declared size of 5 bytes");
}

/* ---- direct reads at central directory offsets (tr_tree_visit_parallel) ------------ */

typedef struct expect {
    const char *path;
    const char *data;
    size_t len;
    const char *problem; /* not read: the problem it gets */
} expect;

/* Check visit `which` against the expectations: read members exact, the
 * others r == NULL with their problem. */
static int check_expect(const fx *f, int which, const expect *x, size_t n)
{
    const tr_tree *t = which ? f->t2 : f->t;
    for (size_t i = 0; i < n; i++) {
        const prec *v = pseen(f, which, x[i].path);
        if (v == NULL) {
            fprintf(stderr, "  visit %d: %s not visited\n", which, x[i].path);
            return -1;
        }
        if (x[i].problem != NULL) {
            long p = problem(t, x[i].path, x[i].problem);
            if (!v->isnull || p < 0 || !tr_tree_problem(t, (size_t)p)->incomplete ||
                strcmp(tr_tree_problem(t, (size_t)p)->message, x[i].problem) != 0) {
                fprintf(stderr, "  visit %d: %s: want r == NULL and problem \"%s\"\n", which, x[i].path,
                        x[i].problem);
                return -1;
            }
        } else if (v->isnull || v->err != TR_OK || v->len != x[i].len ||
                   (x[i].len > 0 && memcmp(v->data, x[i].data, x[i].len) != 0)) {
            fprintf(stderr, "  visit %d: %s: null %d, err %d (%s), %zu bytes, want %zu\n", which, x[i].path,
                    v->isnull, v->err, v->msg, v->len, x[i].len);
            return -1;
        }
    }
    return 0;
}

FX_TEST(parallel_visit_same_as_serial)
{
    /* Three parts (deflate with UTF-8 names and junk, stored, encrypted),
     * one member over max_member_bytes: every member visited once with 1
     * and with 4 threads, with the same outcome. */
    enum { NSMALL = 10 };
    static char rnd[30000], text[20000], over[70000];
    static char small_names[NSMALL][64], small_data[NSMALL][32];
    zent p1[8 + NSMALL];
    static const zent p2[] = {
        REG("personal_information/profile.json", "{\"name\":\"J\"}"),
        REG("preferences/p_1.json", "[1]"),
        REG("preferences/p_2.json", "[2,2]"),
        REG("preferences/p_3.json", "[3,3,3]"),
    };
    static const zent p3[] = {
        REG("security_and_login_information/s1.json", "{\"ip\":1}"),
        REG("security_and_login_information/s2.json", "{\"ip\":2}"),
    };
    expect x[32];
    size_t nx = 0, i, nz = 0;
    const char *in[3];
    unsigned maxt;

    fill_random((unsigned char *)rnd, sizeof rnd, 11);
    for (i = 0; i < sizeof text; i++)
        text[i] = (char)('a' + (i * 7 + i / 13) % 26);
    memset(over, 'o', sizeof over);
    f->lim.max_member_bytes = 65536;
    p1[nz++] = (zent)REG("your_facebook_activity/posts/your_posts_1.json", "[{\"post\":\"hello\"}]");
    p1[nz++] = (zent)DIRE("your_facebook_activity/posts/");
    p1[nz++] = (zent){"your_facebook_activity/posts/media/p1.jpg", rnd, sizeof rnd, AE_IFREG, 0, 0};
    p1[nz++] = (zent){"your_facebook_activity/messages/inbox/t_1/message_1.json", text, sizeof text, AE_IFREG, 0, 0};
    p1[nz++] = (zent){"your_facebook_activity/big_over.json", over, sizeof over, AE_IFREG, 0, 0};
    p1[nz++] = (zent)REG("your_facebook_activity/empty.json", "");
    p1[nz++] = (zent)REG("__MACOSX/._x", "junk");
    p1[nz++] = (zent)REG("personal_information/caf\xc3\xa9.json", "{\"caf\xc3\xa9\":1}");
    for (i = 0; i < NSMALL; i++) {
        snprintf(small_names[i], sizeof small_names[i], "your_facebook_activity/s/%zu.json", i);
        snprintf(small_data[i], sizeof small_data[i], "{\"n\":%zu}", i * 31);
        p1[nz++] = (zent){small_names[i], small_data[i], strlen(small_data[i]), AE_IFREG, 0, 0};
    }
    for (i = 0; i < nz; i++)
        if (p1[i].type == AE_IFREG && strncmp(p1[i].name, "__MACOSX", 8) != 0)
            x[nx++] = (expect){p1[i].name, p1[i].data, p1[i].len,
                               p1[i].len > 65536 ? "member is 70000 bytes, over the limit of 65536 bytes "
                                                   "(--max-member-bytes)"
                                                 : NULL};
    for (i = 0; i < NELEM(p2); i++)
        x[nx++] = (expect){p2[i].name, p2[i].data, p2[i].len, NULL};
    for (i = 0; i < NELEM(p3); i++)
        x[nx++] = (expect){p3[i].name, NULL, 0, "member is encrypted; not read"};
    in[0] = P(f, "p1.zip");
    in[1] = P(f, "p2.zip");
    in[2] = P(f, "p3.zip");
    TT_INT_EQ(write_zip(in[0], p1, nz, "hdrcharset=UTF-8", NULL), 0);
    TT_INT_EQ(write_zip(in[1], p2, NELEM(p2), "zip:compression=store", NULL), 0);
    TT_INT_EQ(write_zip(in[2], p3, NELEM(p3), "zip:encryption=zipcrypt", "pw"), 0);
    VISIT_1_AND_4(in, 3, 0);
    TT_INT_EQ(tr_tree_count(f->t), nx);
    TT_INT_EQ(check_expect(f, 0, x, nx), 0);
    TT_INT_EQ(check_expect(f, 1, x, nx), 0);
    TT_INT_EQ(tr_tree_problem_count(f->t), 3);
    /* one thread: thread 0 only; four: the others took members too */
    TT_INT_EQ(pres_other_threads(&f->pr[0], &maxt), 0);
    TT_INT_EQ(pres_other_threads(&f->pr[1], &maxt), 1);
    TT_ASSERT(maxt < 4);
    /* tr_tree_visit (the one-thread wrapper) sees the same bytes and never
     * a member that is not read; no problem is repeated */
    TT_INT_EQ(tr_tree_visit(f->t, f->want, collect, f), TR_OK);
    TT_INT_EQ(f->nv, nx - 3);
    for (i = 0; i < f->nv; i++) {
        const prec *v = pseen(f, 0, tr_tree_member(f->t, f->v[i].index)->path);
        TT_ASSERT(v != NULL && !v->isnull && v->len == f->v[i].len);
        TT_ASSERT(v->len == 0 || memcmp(v->data, f->v[i].data, v->len) == 0);
    }
    TT_INT_EQ(tr_tree_problem_count(f->t), 3);
}

FX_TEST(parallel_visit_wanted_subset_and_stop)
{
    enum { N = 24 };
    static char names[N][48], data[N][16];
    zent z[N];
    const char *in[1];
    size_t i, n = 0;
    for (i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "your_facebook_activity/m/%02zu.json", i);
        snprintf(data[i], sizeof data[i], "[%zu]", i);
        z[i] = (zent){names[i], data[i], strlen(data[i]), AE_IFREG, 0, 0};
    }
    in[0] = P(f, "sub.zip");
    TT_INT_EQ(write_zip(in[0], z, N, NULL, NULL), 0);
    TT_INT_EQ(fx_open(f, in, 1), TR_OK);
    TT_INT_EQ(fx_open2(f, in, 1), TR_OK);
    /* every third member wanted */
    free(f->want);
    f->want = calloc(N + 1, 1);
    TT_ASSERT(f->want != NULL);
    for (i = 0; i < N; i += 3, n++)
        f->want[tr_tree_find(f->t, 0, names[i])] = 1;
    f->pr[1].slow0 = 1;
    TT_INT_EQ(fx_pvisit(f, 0, 1), TR_OK);
    TT_INT_EQ(fx_pvisit(f, 1, 4), TR_OK);
    TT_INT_EQ(f->pr[1].n, n);
    TT_INT_EQ(pres_complete(f, 0), 0);
    TT_INT_EQ(pres_complete(f, 1), 0);
    TT_INT_EQ(pres_same(f), 0);
    for (i = 0; i < n; i++) {
        const prec *v = &f->pr[1].r[i];
        TT_STR_EQ(tr_tree_member(f->t2, v->index)->path, names[3 * i]);
        TT_INT_EQ(v->len, strlen(data[3 * i]));
    }
    /* nothing wanted: no call */
    memset(f->want, 0, N + 1);
    TT_INT_EQ(fx_pvisit(f, 1, 4), TR_OK);
    TT_INT_EQ(f->pr[1].n, 0);
    TT_INT_EQ(f->pr[1].bad_seq, 0);
    /* the visitor stops the visit: TR_ERR_USAGE, no seq twice, no crash */
    memset(f->want, 1, N + 1);
    f->pr[1].stop_at = 3;
    TT_INT_EQ(fx_pvisit(f, 1, 4), TR_ERR_USAGE);
    TT_INT_EQ(f->pr[1].bad_seq, 0);
    TT_ASSERT(f->pr[1].ncalls >= 3 && f->pr[1].ncalls <= N);
    for (i = 0; i < N; i++)
        TT_ASSERT(f->pr[1].r[i].calls <= 1);
    /* bad arguments */
    TT_INT_EQ(tr_tree_visit_parallel(f->t, NULL, 4, pcollect, &f->pr[0]), TR_ERR_USAGE);
    TT_INT_EQ(tr_tree_visit_parallel(f->t, f->want, 4, NULL, NULL), TR_ERR_USAGE);
    TT_INT_EQ(tr_tree_visit_parallel(NULL, f->want, 4, pcollect, &f->pr[0]), TR_ERR_USAGE);
}

FX_TEST(folder_parallel_same_as_serial)
{
    enum { N = 12 };
    char name[64], data[32];
    const char *in[1];
    unsigned maxt;
    size_t i;
    TT_INT_EQ(mkdir(P(f, "ex"), 0700), 0);
    TT_INT_EQ(mkdir(P(f, "ex/your_facebook_activity"), 0700), 0);
    for (i = 0; i < N; i++) {
        snprintf(name, sizeof name, "ex/your_facebook_activity/%02zu.json", i);
        snprintf(data, sizeof data, "{\"folder\":%zu}", i);
        TT_INT_EQ(write_file(P(f, name), data, strlen(data)), 0);
    }
    in[0] = P(f, "ex");
    VISIT_1_AND_4(in, 1, 0);
    TT_INT_EQ(f->pr[0].n, N);
    for (i = 0; i < N; i++) {
        const prec *v;
        snprintf(name, sizeof name, "your_facebook_activity/%02zu.json", i);
        snprintf(data, sizeof data, "{\"folder\":%zu}", i);
        v = pseen(f, 1, name);
        TT_ASSERT(v != NULL && !v->isnull && v->len == strlen(data) && memcmp(v->data, data, v->len) == 0);
    }
    TT_INT_EQ(pres_other_threads(&f->pr[1], &maxt), 1);
    TT_ASSERT(maxt < 4);
}

/* Five members a..e under your_facebook_activity/, written with options. */
static const zent FIVE[] = {
    REG("your_facebook_activity/a.json", "{\"a\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}"),
    REG("your_facebook_activity/b.json", "{\"b\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}"),
    REG("your_facebook_activity/c.json", "{\"c\":\"cccccccccccccccccccccccccccccccccccccc\"}"),
    REG("your_facebook_activity/d.json", "{\"d\":\"dddddddddddddddddddddddddddddddddddddd\"}"),
    REG("your_facebook_activity/e.json", "{\"e\":\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"}"),
};

/* FIVE as expectations, member `bad` (or none: -1) not read with problem
 * msg. */
static size_t five_expect(expect *x, int bad, const char *msg)
{
    for (size_t i = 0; i < NELEM(FIVE); i++)
        x[i] = (expect){FIVE[i].name, FIVE[i].data, FIVE[i].len, (int)i == bad ? msg : NULL};
    return NELEM(FIVE);
}

FX_TEST(local_name_differs_from_directory)
{
    /* One byte of c.json's name changed in its local header only: the
     * directory (and so the tree) says c.json, the header at the offset
     * says x.json. */
    const char *in[1];
    unsigned char *zip;
    size_t len = 0, nx;
    long lh;
    expect x[5];
    static const char *const opts[] = {NULL, "zip:compression=store"};

    for (int o = 0; o < 2; o++) {
        in[0] = P(f, o ? "name-store.zip" : "name.zip");
        TT_INT_EQ(write_zip(in[0], FIVE, NELEM(FIVE), opts[o], NULL), 0);
        zip = slurp(in[0], &len);
        TT_ASSERT(zip != NULL);
        lh = local_header(zip, len, "your_facebook_activity/c.json");
        if (lh < 0 || memcmp(zip + lh, "PK\3\4", 4) != 0 ||
            memcmp(zip + lh + 30, "your_facebook_activity/c.json", 29) != 0) {
            free(zip);
            TT_FAIL_("local header of c.json not found");
        }
        zip[lh + 30 + 23] = 'x';
        lh = write_file(in[0], zip, len);
        free(zip);
        TT_INT_EQ(lh, 0);
        nx = five_expect(x, 2, "not read: the archive changed since it was listed");
        VISIT_1_AND_4(in, 1, 0);
        TT_INT_EQ(check_expect(f, 0, x, nx), 0);
        TT_INT_EQ(check_expect(f, 1, x, nx), 0);
        TT_INT_EQ(tr_tree_problem_count(f->t), 1);
    }
}

FX_TEST(damaged_data_fails_the_crc)
{
    /* One byte of c.json's stored data flipped: the member inflates (it is
     * stored) to the right size, so only its CRC can tell. Read directly, by
     * 1 and 4 threads, it gives a reader error naming the CRC; the others
     * are read. */
    const char *in[1];
    unsigned char *zip;
    size_t len = 0;
    long lh;

    in[0] = P(f, "crc.zip");
    TT_INT_EQ(write_zip(in[0], FIVE, NELEM(FIVE), "zip:compression=store", NULL), 0);
    zip = slurp(in[0], &len);
    TT_ASSERT(zip != NULL);
    lh = local_header(zip, len, "your_facebook_activity/c.json");
    if (lh < 0 || rd16(zip + lh + 8) != 0) {
        free(zip);
        TT_FAIL_("stored local header of c.json not found");
    }
    zip[lh + 30 + rd16(zip + lh + 26) + rd16(zip + lh + 28) + 10] ^= 0x01; /* 'c' becomes 'b' */
    lh = write_file(in[0], zip, len);
    free(zip);
    TT_INT_EQ(lh, 0);
    VISIT_1_AND_4(in, 1, 0);
    for (int which = 0; which < 2; which++) {
        for (size_t i = 0; i < NELEM(FIVE); i++) {
            const prec *v = pseen(f, which, FIVE[i].name);
            TT_ASSERT(v != NULL && !v->isnull);
            if (i == 2) {
                TT_INT_EQ(v->err, TR_ERR_ARCHIVE);
                TT_ASSERT(strstr(v->msg, "CRC") != NULL);
            } else {
                TT_INT_EQ(v->err, TR_OK);
                TT_INT_EQ(v->len, FIVE[i].len);
            }
        }
    }
}

FX_TEST(wrong_local_header_offset)
{
    /* b.json's directory record gives a wrong local header offset: d.json's
     * header, the middle of b's own header, the middle of a's data, the
     * start of the file. b is not read, with a problem; the others are. */
    const char *in[1];
    unsigned char *zip = NULL;
    size_t len = 0, nx;
    long cdb, lha, lhb, lhd;
    expect x[5];
    int k;

    in[0] = P(f, "off.zip");
    TT_INT_EQ(write_zip(in[0], FIVE, NELEM(FIVE), "zip:compression=store", NULL), 0);
    zip = slurp(in[0], &len);
    TT_ASSERT(zip != NULL);
    cdb = find_cd(zip, len, "your_facebook_activity/b.json");
    lha = local_header(zip, len, "your_facebook_activity/a.json");
    lhb = local_header(zip, len, "your_facebook_activity/b.json");
    lhd = local_header(zip, len, "your_facebook_activity/d.json");
    if (cdb < 0 || lha != 0 || lhb <= 0 || lhd <= 0) {
        free(zip);
        TT_FAIL_("directory records not found");
    }
    for (k = 0; k < 4; k++) {
        static const char *const why[] = {"d's header", "inside b's header", "inside a's data", "a's header"};
        uint32_t to = k == 0   ? (uint32_t)lhd
                      : k == 1 ? (uint32_t)lhb + 7
                      : k == 2 ? (uint32_t)(30 + rd16(zip + 26) + rd16(zip + 28) + 10) /* a is stored */
                               : 0;
        long p;
        wr32(zip + cdb + 42, to);
        const prec *v0, *v1;
        if (write_file(in[0], zip, len) != 0) {
            free(zip);
            TT_FAIL_("rewrite failed");
        }
        VISIT_1_AND_4(in, 1, 0);
        /* b: r == NULL and a problem saying it was not read (the wording
         * depends on what is at the offset: "the archive changed since it
         * was listed" at another header, libarchive's "Unrecognized
         * archive format" at bytes that are not a header) */
        p = problem(f->t, "your_facebook_activity/b.json", "not read: ");
        v0 = pseen(f, 0, "your_facebook_activity/b.json");
        v1 = pseen(f, 1, "your_facebook_activity/b.json");
        if (p < 0 || v0 == NULL || v1 == NULL || !v0->isnull || !v1->isnull) {
            free(zip);
            TT_FAIL_("offset at %s: b.json read, or no problem", why[k]);
        }
        TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
        if (k == 0 || k == 3)
            TT_STR_EQ(tr_tree_problem(f->t, (size_t)p)->message,
                      "not read: the archive changed since it was listed");
        /* the others: a, c, d, e read exactly */
        nx = five_expect(x, -1, NULL);
        x[1] = x[--nx];
        if (check_expect(f, 0, x, nx) != 0 || check_expect(f, 1, x, nx) != 0) {
            free(zip);
            TT_FAIL_("offset at %s: the other members not read", why[k]);
        }
        TT_INT_EQ(tr_tree_problem_count(f->t), 1);
    }
    free(zip);
}

FX_TEST(budget_run_out_falls_back_to_one_thread)
{
    /* Ten members of 1000 bytes, 4500 bytes of budget: the outcome depends
     * on order, so 4 threads must visit exactly as 1 does (thread 0 alone,
     * in archive order). */
    enum { N = 10, SZ = 1000 };
    static char data[N][SZ], names[N][48];
    zent z[N];
    const char *in[1];
    unsigned maxt;
    size_t i;
    for (i = 0; i < N; i++) {
        fill_random((unsigned char *)data[i], SZ, (uint32_t)i + 1);
        snprintf(names[i], sizeof names[i], "your_facebook_activity/b/%02zu.bin", i);
        z[i] = (zent){names[i], data[i], SZ, AE_IFREG, 0, 0};
    }
    in[0] = P(f, "budget.zip");
    TT_INT_EQ(write_zip(in[0], z, N, NULL, NULL), 0);
    f->lim.max_total_bytes = 4500;
    VISIT_1_AND_4(in, 1, 1);
    TT_INT_EQ(pres_other_threads(&f->pr[1], &maxt), 0);
    for (i = 0; i < N; i++) {
        const prec *v = &f->pr[1].r[i];
        TT_STR_EQ(tr_tree_member(f->t2, v->index)->path, names[i]);
        if (i < 4) {
            TT_ASSERT(!v->isnull && v->err == TR_OK && v->len == SZ && memcmp(v->data, data[i], SZ) == 0);
        } else {
            long p = problem(f->t2, names[i], "");
            TT_ASSERT(v->isnull);
            TT_ASSERT(p >= 0);
            TT_STR_EQ(tr_tree_problem(f->t2, (size_t)p)->message,
                      "not read: member is 1000 bytes, over the 500 bytes left of the total read budget of "
                      "4500 bytes (--max-total-bytes)");
        }
    }
    /* A budget of exactly the wanted bytes cannot run out: threads again. */
    f->lim.max_total_bytes = (uint64_t)N * SZ;
    VISIT_1_AND_4(in, 1, 0);
    TT_INT_EQ(pres_other_threads(&f->pr[1], &maxt), 1);
    TT_INT_EQ(tr_tree_problem_count(f->t2), 0);
    for (i = 0; i < N; i++)
        TT_ASSERT(!f->pr[1].r[i].isnull && f->pr[1].r[i].len == SZ);
    /* One byte less: back to one thread; the last member is not read. */
    f->lim.max_total_bytes = (uint64_t)N * SZ - 1;
    VISIT_1_AND_4(in, 1, 1);
    TT_INT_EQ(pres_other_threads(&f->pr[1], &maxt), 0);
    TT_ASSERT(f->pr[1].r[N - 1].isnull);
    TT_ASSERT(!f->pr[1].r[N - 2].isnull && f->pr[1].r[N - 2].len == SZ);
}

FX_TEST(no_central_directory_walks_as_before)
{
    /* Cut inside the central directory: no end record. The part is listed
     * by walking its local headers and read the same way, on one thread. */
    enum { N = 6, SZ = 8000 };
    static char data[N][SZ], names[N][48];
    zent z[N];
    const char *in[1];
    unsigned char *zip;
    size_t len = 0, i;
    uint32_t cd_off;
    unsigned maxt;
    long p;
    for (i = 0; i < N; i++) {
        fill_random((unsigned char *)data[i], SZ, 100 + (uint32_t)i);
        snprintf(names[i], sizeof names[i], "your_facebook_activity/m/%zu.bin", i);
        z[i] = (zent){names[i], data[i], SZ, AE_IFREG, 0, 0};
    }
    in[0] = P(f, "nocd.zip");
    TT_INT_EQ(write_zip(in[0], z, N, NULL, NULL), 0);
    zip = slurp(in[0], &len);
    TT_ASSERT(zip != NULL && len > 22);
    if (memcmp(zip + len - 22, "PK\5\6", 4) != 0) {
        free(zip);
        TT_FAIL_("no end record");
    }
    cd_off = rd32(zip + len - 22 + 16);
    i = (size_t)write_file(in[0], zip, cd_off + 30);
    free(zip);
    TT_INT_EQ(i, 0);
    VISIT_1_AND_4(in, 1, 0);
    TT_INT_EQ(tr_tree_count(f->t), N);
    p = problem(f->t, "nocd.zip", "the archive's central directory is missing or damaged");
    TT_ASSERT(p >= 0);
    TT_INT_EQ(tr_tree_problem(f->t, (size_t)p)->incomplete, 1);
    TT_INT_EQ(tr_tree_problem_count(f->t), 1);
    TT_INT_EQ(pres_other_threads(&f->pr[1], &maxt), 0);
    for (i = 0; i < N; i++) {
        const prec *v = pseen(f, 1, names[i]);
        TT_ASSERT(v != NULL && !v->isnull && v->err == TR_OK && v->len == SZ && memcmp(v->data, data[i], SZ) == 0);
    }
}

FX_TEST(end_record_count_short_lists_every_member)
{
    /* The end record counts fewer entries than the directory holds (what a
     * zip of more than 65535 entries without ZIP64 looks like: the 16-bit
     * count wrapped). libarchive lists every record of such a directory
     * (bsdtar -t shows them all); the tree must not silently lose members. */
    const char *in[1];
    unsigned char *zip;
    size_t len = 0;
    static const unsigned counts[] = {1, 0};
    for (size_t c = 0; c < NELEM(counts); c++) {
        in[0] = P(f, "count.zip");
        TT_INT_EQ(write_zip(in[0], FIVE, NELEM(FIVE), NULL, NULL), 0);
        zip = slurp(in[0], &len);
        TT_ASSERT(zip != NULL);
        if (len < 22 || memcmp(zip + len - 22, "PK\5\6", 4) != 0) {
            free(zip);
            TT_FAIL_("no end record");
        }
        zip[len - 22 + 8] = zip[len - 22 + 10] = (unsigned char)counts[c];
        len = (size_t)write_file(in[0], zip, len);
        free(zip);
        TT_INT_EQ(len, 0);
        TT_INT_EQ(fx_open(f, in, 1), TR_OK);
        if (tr_tree_count(f->t) != NELEM(FIVE))
            TT_FAIL_("end record count %u: %zu members listed, want %zu", counts[c], tr_tree_count(f->t),
                     NELEM(FIVE));
    }
}

int main(void)
{
    TT_RUN(wrapper_stripped);
    TT_RUN(wrapper_kept_when_known_root);
    TT_RUN(wrapper_stripped_above_known_root_only);
    TT_RUN(double_wrapper_stripped);
    TT_RUN(no_wrapper_when_first_components_differ);
    TT_RUN(junk_dropped);
    TT_RUN(directory_entries_dropped);
    TT_RUN(unsafe_and_odd_names);
    TT_RUN(symlink_reported);
    TT_RUN(non_ascii_names_kept_as_bytes);
    TT_RUN(max_entries_limit);
    TT_RUN(two_parts_merged);
    TT_RUN(duplicate_across_parts_later_wins);
    TT_RUN(not_a_zip_sole_input_is_fatal);
    TT_RUN(empty_file_sole_input_is_fatal);
    TT_RUN(missing_sole_input_is_fatal);
    TT_RUN(bad_part_among_good_is_a_problem);
    TT_RUN(long_input_name);
    TT_RUN(many_entries_sorted_and_found);
    TT_RUN(usage_errors);
    TT_RUN(visit_reads_exact_bytes_of_wanted_only);
    TT_RUN(visitor_reading_part_of_a_member);
    TT_RUN(visitor_can_stop_the_visit);
    TT_RUN(member_over_max_member_bytes_not_visited);
    TT_RUN(total_budget);
    TT_RUN(inflating_past_declared_size_stops);
    TT_RUN(encrypted_member_reported_not_read);
    TT_RUN(truncated_zip_reports_and_never_crashes);
    TT_RUN(corrupt_member_data);
    TT_RUN(part_truncated_after_listing);
    TT_RUN(folder_listing_and_visit);
    TT_RUN(folder_limits);
    TT_RUN(parallel_visit_same_as_serial);
    TT_RUN(parallel_visit_wanted_subset_and_stop);
    TT_RUN(folder_parallel_same_as_serial);
    TT_RUN(local_name_differs_from_directory);
    TT_RUN(damaged_data_fails_the_crc);
    TT_RUN(wrong_local_header_offset);
    TT_RUN(budget_run_out_falls_back_to_one_thread);
    TT_RUN(no_central_directory_walks_as_before);
    TT_RUN(end_record_count_short_lists_every_member);
    return tt_done();
}
