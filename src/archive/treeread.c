/* treeread.c - reading members of the archive tree (tree.h): the reader that
 * enforces the limits, the walk of a part in archive order, and direct reads
 * at central directory offsets by several threads (tr_tree_visit_parallel).
 * How listing and reading fit together is described at the top of tree.c.
 * Built with TR_NO_THREADS (the browser edition, which has no threads), the
 * visit is always the serial one and no thread is created. In the browser
 * edition, a visit first announces the byte ranges of the members it will
 * read directly with posix_fadvise(POSIX_FADV_WILLNEED), so that the page
 * can fetch them from the chosen files in a few large reads. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* O_NOFOLLOW, O_CLOEXEC */
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "crc32.h"
#include "tree_int.h"

/* ---- reader --------------------------------------------------------------- */

static size_t reader_fail(tr_reader *r, tr_err code, const char *f, ...)
{
    va_list ap;
    r->err = code;
    va_start(ap, f);
    vsnprintf(r->msg, sizeof r->msg, f, ap);
    va_end(ap);
    return (size_t)-1;
}

size_t tr_reader_read(tr_reader *r, void *buf, size_t n)
{
    const tr_limits *lim;
    uint64_t allow, left;
    size_t ask;
    ssize_t got;

    if (r == NULL)
        return (size_t)-1;
    if (r->err != TR_OK)
        return (size_t)-1;
    if (r->eof || n == 0)
        return 0;
    if (buf == NULL)
        return reader_fail(r, TR_ERR_USAGE, "tr_reader_read: NULL buffer");
    lim = &r->t->limits;
    /* The most bytes this member may still yield. */
    allow = lim->max_member_bytes > r->done ? lim->max_member_bytes - r->done : 0;
    if (r->e->size_known) {
        uint64_t rest = r->e->m.size > r->done ? r->e->m.size - r->done : 0;
        if (rest < allow)
            allow = rest;
    }
    left = lim->max_total_bytes > *r->total ? lim->max_total_bytes - *r->total : 0;
    if (left < allow)
        allow = left;
    /* Ask for one byte more than allowed, so an overrun shows. */
    ask = allow < n ? (size_t)allow + 1 : n;
    if (r->a != NULL) {
        got = archive_read_data(r->a, buf, ask);
        if (got < 0) {
            if (got == ARCHIVE_FATAL)
                r->fatal = 1;
            return reader_fail(r, TR_ERR_ARCHIVE, "%s", tree_arch_msg(r->a));
        }
    } else {
        do
            got = read(r->fd, buf, ask);
        while (got < 0 && errno == EINTR);
        if (got < 0)
            return reader_fail(r, TR_ERR_IO, "%s", strerror(errno));
    }
    if (got == 0) {
        if (r->check_crc && r->crc != r->e->crc)
            return reader_fail(r, TR_ERR_ARCHIVE, "CRC mismatch: the member is damaged (%08lx, where the archive says %08lx)",
                               (unsigned long)r->crc, (unsigned long)r->e->crc);
        r->eof = 1;
        return 0;
    }
    if ((uint64_t)got > allow) {
        if (r->e->size_known && r->done + (uint64_t)got > r->e->m.size)
            return reader_fail(r, TR_ERR_LIMIT, "member inflates past its declared size of %llu bytes",
                               (unsigned long long)r->e->m.size);
        if (r->done + (uint64_t)got > lim->max_member_bytes)
            return reader_fail(r, TR_ERR_LIMIT,
                               "member inflates past the limit of %llu bytes (--max-member-bytes)",
                               (unsigned long long)lim->max_member_bytes);
        *r->exhausted = 1;
        return reader_fail(r, TR_ERR_LIMIT,
                           "read stopped: the total read budget of %llu bytes is used up (--max-total-bytes)",
                           (unsigned long long)lim->max_total_bytes);
    }
    r->done += (uint64_t)got;
    *r->total += (uint64_t)got;
    if (r->check_crc)
        r->crc = tr_crc32(r->crc, buf, (size_t)got);
    /* Compression ratio: the compressed bytes libarchive consumed for this
     * member so far, against what they inflated to. Checked past a floor, so
     * small members never trip it; a zip bomb is stopped after a few MB. */
    if (r->a != NULL && lim->max_ratio > 0 && r->done > TR_RATIO_MIN_BYTES) {
        int64_t pos = archive_filter_bytes(r->a, -1);
        uint64_t packed = pos > r->start ? (uint64_t)(pos - r->start) : 0;
        if (r->done / lim->max_ratio > packed)
            return reader_fail(r, TR_ERR_LIMIT,
                               "member inflates more than %u times its compressed size (%llu bytes from %llu) (--max-ratio)",
                               lim->max_ratio, (unsigned long long)r->done, (unsigned long long)packed);
    }
    return (size_t)got;
}

tr_err tr_reader_error(const tr_reader *r, const char **message)
{
    if (r == NULL) {
        if (message != NULL)
            *message = tr_strerror(TR_ERR_USAGE);
        return TR_ERR_USAGE;
    }
    if (message != NULL)
        *message = r->msg;
    return r->err;
}

/* ---- visit ------------------------------------------------------------------ */

typedef struct want_item {
    uint32_t part, ordinal;
    size_t index; /* into t->entries */
    size_t rank;  /* among the wanted members in tree order (export, path): the visitor's seq */
} want_item;

static int cmp_want(const void *a, const void *b)
{
    const want_item *x = a, *y = b;
    if (x->part != y->part)
        return x->part < y->part ? -1 : 1;
    if (x->ordinal != y->ordinal)
        return x->ordinal < y->ordinal ? -1 : 1;
    return 0;
}

typedef struct visit_state {
    tr_tree *t;
    tr_visit_fn fn;
    void *user;
    uint64_t total;  /* bytes read so far */
    int exhausted;   /* max_total_bytes hit */
    int stopped;     /* the visitor asked to stop */
} visit_state;

/* Record that wanted member e was not (fully) read. One problem per member
 * over the life of the tree: visiting it again (a second pass) for the same
 * reason does not repeat it. */
static tr_err member_problem(tr_tree *t, tr_entry *e, const char *f, ...)
{
    tr_err rc = TR_OK;
    va_list ap;

    if (e->reported)
        goto out;
    va_start(ap, f);
    rc = tree_add_problem_v(t, e->m.path, 1, f, ap);
    va_end(ap);
    if (rc == TR_OK)
        e->reported = 1;
out:
    return rc;
}

/* Decide whether member e may be read. 1: go; 0: not read, a problem was
 * recorded; -1: out of memory. */
static int precheck(visit_state *vs, tr_entry *e)
{
    tr_tree *t = vs->t;
    const tr_limits *lim = &t->limits;
    uint64_t left = lim->max_total_bytes > vs->total ? lim->max_total_bytes - vs->total : 0;
    tr_err rc;

    if (e->m.encrypted)
        rc = member_problem(t, e, "member is encrypted; not read");
    else if (e->method == 9)
        rc = member_problem(t, e, "member is compressed with Deflate64 (7-Zip), which trainable cannot read: "
                                  "re-zip the export with ordinary Deflate (7-Zip: -mm=Deflate), or unzip it "
                                  "and scan the folder");
    else if (e->size_known && e->m.size > lim->max_member_bytes)
        rc = member_problem(t, e, "member is %llu bytes, over the limit of %llu bytes (--max-member-bytes)",
                         (unsigned long long)e->m.size, (unsigned long long)lim->max_member_bytes);
    else if (vs->exhausted || (left == 0 && (!e->size_known || e->m.size > 0)))
        rc = member_problem(t, e, "not read: the total read budget of %llu bytes is used up (--max-total-bytes)",
                         (unsigned long long)lim->max_total_bytes);
    else if (e->size_known && e->m.size > left)
        rc = member_problem(t, e,
                         "not read: member is %llu bytes, over the %llu bytes left of the total read budget of %llu bytes (--max-total-bytes)",
                         (unsigned long long)e->m.size, (unsigned long long)left,
                         (unsigned long long)lim->max_total_bytes);
    else
        return 1;
    return rc == TR_OK ? 0 : -1;
}

/* Hand one member to the visitor through r, then skip what it left. A
 * reader error is the visitor's to report (it saw it); only its effect on
 * the part (r->fatal) matters here. */
static void run_visitor(visit_state *vs, size_t index, tr_reader *r)
{
    if (vs->fn(index, &r->e->m, r, vs->user) != 0)
        vs->stopped = 1;
    if (r->a != NULL && !r->eof && !r->fatal) {
        if (archive_read_data_skip(r->a) == ARCHIVE_FATAL) {
            r->fatal = 1;
            if (r->err == TR_OK) {
                r->err = TR_ERR_ARCHIVE;
                snprintf(r->msg, sizeof r->msg, "%s", tree_arch_msg(r->a));
            }
        }
    }
}

static void reader_init(tr_reader *r, visit_state *vs, const tr_entry *e)
{
    memset(r, 0, sizeof *r);
    r->t = vs->t;
    r->fd = -1;
    r->e = e;
    r->total = &vs->total;
    r->exhausted = &vs->exhausted;
    r->err = TR_OK;
}

/* Record the same problem for the wanted items [k, end). */
static tr_err fail_rest(tr_tree *t, const want_item *w, size_t k, size_t end, const char *msg)
{
    tr_err rc = TR_OK;
    for (; k < end && rc == TR_OK; k++)
        rc = member_problem(t, &t->entries[w[k].index], "%s", msg);
    return rc;
}

/* (Re)open the zip part of w[k] for the visit. NULL when it cannot be
 * opened; then the wanted items [k, end) got a problem, or *rc is set. */
static struct archive *reopen_zip(visit_state *vs, const want_item *w, size_t k, size_t end,
                                  tr_err *rc)
{
    tr_tree *t = vs->t;
    tr_err code;
    char *why = NULL, *msg = NULL;
    struct archive *a = tree_open_part(t, w[k].part, &code, &why);

    *rc = TR_OK;
    if (a != NULL)
        goto out;
    if (code == TR_ERR_NOMEM || why == NULL) {
        *rc = TR_ERR_NOMEM;
        goto out;
    }
    msg = tree_fmt("not read: %s cannot be opened: %s", t->parts[w[k].part].name, why);
    *rc = msg ? fail_rest(t, w, k, end, msg) : TR_ERR_NOMEM;
out:
    free(why);
    free(msg);
    return a;
}

/* Visit the wanted items [k, end) of one zip part, in ordinal order. After
 * a fatal error inside a member the part is reopened (up to MAX_REOPENS
 * times) to reach the members behind it: with a central directory, headers
 * are found again by seeking, so one corrupt member does not cost the rest
 * of the part. */
static tr_err visit_zip_part(visit_state *vs, const want_item *w, size_t k, size_t end)
{
    tr_tree *t = vs->t;
    tr_err rc = TR_OK;
    struct archive *a = NULL;
    uint32_t ordinal = 0;
    int retries = 0, reopens = 0;

    if (vs->exhausted) {
        for (; k < end && rc == TR_OK; k++)
            if (precheck(vs, &t->entries[w[k].index]) < 0)
                rc = TR_ERR_NOMEM;
        goto out;
    }
    a = reopen_zip(vs, w, k, end, &rc);
    if (a == NULL)
        goto out;
    while (k < end && !vs->stopped) {
        tr_entry *e = &t->entries[w[k].index];
        struct archive_entry *ae;
        const char *name;
        int r = tree_read_header(t, a, &ae, &name), go, nr;
        tr_reader rd;

        if (r == ARCHIVE_EOF) {
            rc = fail_rest(t, w, k, end, "not read: the archive ended before this member");
            goto out;
        }
        if (r == ARCHIVE_FATAL || (r == ARCHIVE_RETRY && ++retries > MAX_RETRIES)) {
            rc = fail_rest(t, w, k, end, "not read: the archive is corrupt before this member");
            goto out;
        }
        if (ordinal++ != e->m.ordinal)
            continue;
        k++;
        if (r == ARCHIVE_RETRY) {
            rc = member_problem(t, e, "not read: %s", tree_arch_msg(a));
            if (rc != TR_OK)
                goto out;
            continue;
        }
        retries = 0;
        nr = name ? tree_normalise(t, name, t->parts[e->m.part].kind == PART_ZIP) : NORM_EMPTY;
        if (nr == NORM_NOMEM) {
            rc = TR_ERR_NOMEM;
            goto out;
        }
        if (nr != NORM_OK || strcmp(t->scratch, e->full) != 0) {
            rc = member_problem(t, e, "not read: the archive changed since it was listed");
            if (rc != TR_OK)
                goto out;
            continue;
        }
        go = precheck(vs, e);
        if (go < 0) {
            rc = TR_ERR_NOMEM;
            goto out;
        }
        if (go == 0)
            continue;
        reader_init(&rd, vs, e);
        rd.a = a;
        rd.start = archive_filter_bytes(a, -1);
        run_visitor(vs, w[k - 1].index, &rd);
        if (rd.fatal && !vs->stopped && k < end) {
            /* libarchive refuses every call after ARCHIVE_FATAL. */
            archive_read_free(a);
            a = NULL;
            if (reopens++ == MAX_REOPENS) {
                rc = fail_rest(t, w, k, end, "not read: the archive is corrupt before this member");
                goto out;
            }
            a = reopen_zip(vs, w, k, end, &rc);
            if (a == NULL)
                goto out;
            ordinal = 0;
            retries = 0;
        }
    }
out:
    archive_read_free(a);
    return rc;
}

/* The wanted members sorted by (part, ordinal): *w malloc'd (NULL when
 * none is wanted). */
static tr_err want_list(tr_tree *t, const unsigned char *want, want_item **w, size_t *nw)
{
    size_t i, k, n = 0;

    *w = NULL;
    *nw = 0;
    for (i = 0; i < t->count; i++)
        n += want[i] != 0;
    if (n == 0)
        return TR_OK;
    *w = malloc(n * sizeof **w);
    if (*w == NULL)
        return TR_ERR_NOMEM;
    for (i = 0, k = 0; i < t->count; i++) {
        if (want[i]) {
            (*w)[k].part = t->entries[i].m.part;
            (*w)[k].ordinal = t->entries[i].m.ordinal;
            (*w)[k].index = i;
            (*w)[k].rank = k;
            k++;
        }
    }
    qsort(*w, n, sizeof **w, cmp_want);
    *nw = n;
    return TR_OK;
}

typedef struct serial_ctx {
    tr_visit_fn fn;
    void *user;
} serial_ctx;

static int serial_adapter(size_t seq, size_t index, const tr_member *m, tr_reader *r, void *user, unsigned thread)
{
    serial_ctx *c = user;
    (void)seq;
    (void)thread;
    return r != NULL ? c->fn(index, m, r, c->user) : 0;
}

tr_err tr_tree_visit(tr_tree *t, const unsigned char *want, tr_visit_fn fn, void *user)
{
    serial_ctx c = {fn, user};
    if (fn == NULL)
        return TR_ERR_USAGE;
    return tr_tree_visit_parallel(t, want, 1, serial_adapter, &c);
}

/* ---- parallel visit ------------------------------------------------------------ */

typedef struct pv_shared {
    tr_tree *t;
    const want_item *w;
    size_t nw;
    int *fds;         /* zip: per part, open on the part (or -1) */
    unsigned char *seen; /* serial fallback: the visitor was called for item k */
    tr_pvisit_fn fn;
    void *user;
    size_t next; /* next item to claim */
    int stopped;
    tr_err rc;
    pthread_mutex_t mu;
} pv_shared;

typedef struct pv_thread {
    pv_shared *sh;
    unsigned id;
    size_t k; /* the item being visited */
    visit_state vs;
    char *scratch;
    size_t scratch_cap;
    unsigned char *block; /* read buffer of the view */
    pthread_t th;
} pv_thread;

typedef struct pv_view {
    int fd;
    uint64_t pos;
    uint64_t end; /* where the member is expected to end: reads stop there first */
    unsigned char *block;
} pv_view;

static la_ssize_t view_read(struct archive *a, void *user, const void **out)
{
    pv_view *v = user;
    size_t want = ZIP_BLOCK_SIZE;
    ssize_t r;
    /* a small member takes one small read, not a whole block (past the
     * expected end, or when it was wrong, whole blocks again) */
    if (v->end > v->pos && v->end - v->pos < want)
        want = v->end - v->pos < 4096 ? 4096 : (size_t)(v->end - v->pos);
    do
        r = pread(v->fd, v->block, want, (off_t)v->pos);
    while (r < 0 && errno == EINTR);
    if (r < 0) {
        archive_set_error(a, errno, "%s", strerror(errno));
        return ARCHIVE_FATAL;
    }
    v->pos += (uint64_t)r;
    *out = v->block;
    return r;
}

static la_int64_t view_skip(struct archive *a, void *user, la_int64_t n)
{
    pv_view *v = user;
    (void)a;
    if (n < 0)
        return 0;
    v->pos += (uint64_t)n;
    return n;
}

/* The visitor of the parallel visit, called by run_visitor. */
static int pv_adapter(size_t index, const tr_member *m, tr_reader *r, void *user)
{
    pv_thread *th = user;
    th->sh->seen[th->k] = 1;
    return th->sh->fn(th->sh->w[th->k].rank, index, m, r, th->sh->user, th->id);
}

/* Tell the caller that item k is not read (a problem was recorded). */
static void pv_unread(pv_thread *th, size_t k)
{
    pv_shared *sh = th->sh;
    tr_entry *e = &sh->t->entries[sh->w[k].index];
    sh->seen[k] = 1;
    if (sh->fn(sh->w[k].rank, sh->w[k].index, &e->m, NULL, sh->user, th->id) != 0)
        th->vs.stopped = 1;
}

/* Read one zip member through a streaming reader on a view of its part
 * that starts at its local header. */
static tr_err pv_zip_member(pv_thread *th, size_t k, tr_entry *e)
{
    pv_shared *sh = th->sh;
    tr_tree *t = sh->t;
    struct archive *a = archive_read_new();
    struct archive_entry *ae;
    pv_view v = {sh->fds[sh->w[k].part], e->offset, e->offset + e->span, th->block};
    const char *name;
    tr_reader rd;
    tr_err rc = TR_OK;
    int r, nr, own_crc = tr_crc32_fast();

    if (a == NULL)
        return TR_ERR_NOMEM;
    if (archive_read_support_format_zip_streamable(a) != ARCHIVE_OK ||
        (own_crc && archive_read_set_format_option(a, "zip", "ignorecrc32", "1") != ARCHIVE_OK) ||
        archive_read_open2(a, &v, NULL, view_read, view_skip, NULL) != ARCHIVE_OK) {
        rc = member_problem(t, e, "not read: %s", tree_arch_msg(a));
        goto unread;
    }
    r = tree_read_header(t, a, &ae, &name);
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
        rc = member_problem(t, e, "not read: no member header where the central directory says (%s)", tree_arch_msg(a));
        goto unread;
    }
    nr = name ? tree_normalise_into(&th->scratch, &th->scratch_cap, name, 1) : NORM_EMPTY;
    if (nr == NORM_NOMEM) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    if (nr != NORM_OK || strcmp(th->scratch, e->full) != 0) {
        rc = member_problem(t, e, "not read: the archive changed since it was listed");
        goto unread;
    }
    reader_init(&rd, &th->vs, e);
    rd.a = a;
    rd.start = archive_filter_bytes(a, -1);
    rd.check_crc = own_crc;
    run_visitor(&th->vs, sh->w[k].index, &rd);
    goto out;
unread:
    if (rc == TR_OK)
        pv_unread(th, k);
out:
    archive_read_free(a);
    return rc;
}

static tr_err pv_folder_member(pv_thread *th, size_t k, tr_entry *e)
{
    tr_tree *t = th->sh->t;
    char *path = tree_fmt("%s/%s", t->parts[e->m.part].input, e->src);
    struct stat st;
    tr_reader rd;
    tr_err rc = TR_OK;
    int fd;

    if (path == NULL)
        return TR_ERR_NOMEM;
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        rc = member_problem(t, e, "not read: %s", strerror(errno));
    } else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = member_problem(t, e, "not read: no longer a regular file");
    } else {
        reader_init(&rd, &th->vs, e);
        rd.fd = fd;
        run_visitor(&th->vs, th->sh->w[k].index, &rd);
        goto out;
    }
    if (rc == TR_OK)
        pv_unread(th, k);
out:
    if (fd >= 0)
        close(fd);
    free(path);
    return rc;
}

/* Visit item k on thread th: 0, or a fatal code. */
static tr_err pv_member(pv_thread *th, size_t k)
{
    pv_shared *sh = th->sh;
    tr_entry *e = &sh->t->entries[sh->w[k].index];
    int go;

    th->k = k;
    go = precheck(&th->vs, e);
    if (go < 0)
        return TR_ERR_NOMEM;
    if (go == 0) {
        pv_unread(th, k);
        return TR_OK;
    }
    return sh->t->parts[e->m.part].kind == PART_FOLDER ? pv_folder_member(th, k, e) : pv_zip_member(th, k, e);
}

static void *pv_run(void *arg)
{
    pv_thread *th = arg;
    pv_shared *sh = th->sh;
    tr_err rc = TR_OK;

    for (;;) {
        size_t k;
        pthread_mutex_lock(&sh->mu);
        if (th->vs.stopped || rc != TR_OK)
            sh->stopped = 1;
        if (rc != TR_OK && sh->rc == TR_OK)
            sh->rc = rc;
        if (sh->stopped || sh->next >= sh->nw) {
            pthread_mutex_unlock(&sh->mu);
            break;
        }
        k = sh->next++;
        pthread_mutex_unlock(&sh->mu);
        rc = pv_member(th, k);
    }
    return NULL;
}

/* The visitor of a walked part (visit_zip_part): numbers the items. */
static int pv_serial_adapter(size_t index, const tr_member *m, tr_reader *r, void *user)
{
    pv_thread *th = user;
    pv_shared *sh = th->sh;
    want_item key = {m->part, m->ordinal, index, 0};
    const want_item *hit = bsearch(&key, sh->w, sh->nw, sizeof key, cmp_want);
    size_t k = hit ? (size_t)(hit - sh->w) : 0;
    sh->seen[k] = 1;
    return sh->fn(sh->w[k].rank, index, m, r, sh->user, 0);
}

/* One thread: each part's items in archive order, read directly when the
 * part was listed from its central directory, else by walking the part. */
static tr_err pv_serial(pv_thread *th)
{
    pv_shared *sh = th->sh;
    tr_tree *t = sh->t;
    tr_err rc = TR_OK;

    for (size_t k = 0; k < sh->nw && !th->vs.stopped && rc == TR_OK;) {
        size_t end = k, direct = t->parts[sh->w[k].part].kind == PART_FOLDER;
        while (end < sh->nw && sh->w[end].part == sh->w[k].part)
            end++;
        if (!direct) {
            direct = sh->fds[sh->w[k].part] >= 0;
            for (size_t i = k; i < end && direct; i++)
                direct = t->entries[sh->w[i].index].offset != NO_OFFSET;
        }
        if (direct) { /* a folder's files, or members whose offsets are known */
            for (size_t i = k; i < end && !th->vs.stopped && rc == TR_OK; i++)
                rc = pv_member(th, i);
        } else {
            th->vs.fn = pv_serial_adapter;
            rc = visit_zip_part(&th->vs, sh->w, k, end);
            th->vs.fn = pv_adapter;
        }
        k = end;
    }
    /* the items never handed over (each got a problem) */
    for (size_t k = 0; rc == TR_OK && k < sh->nw && !th->vs.stopped; k++)
        if (!sh->seen[k]) {
            th->k = k;
            pv_unread(th, k);
        }
    return rc;
}

/* Whether the items can be read by several threads with the same outcome
 * as by one: the read budget cannot run out, and every zip member can be
 * reached directly. */
static int pv_possible(pv_shared *sh)
{
    tr_tree *t = sh->t;
    uint64_t sum = 0;

    for (size_t k = 0; k < sh->nw; k++) {
        const tr_entry *e = &t->entries[sh->w[k].index];
        if (!e->size_known || e->m.size > t->limits.max_total_bytes - sum)
            return 0;
        if (t->parts[e->m.part].kind != PART_FOLDER && (e->offset == NO_OFFSET || sh->fds[e->m.part] < 0))
            return 0;
        sum += e->m.size;
    }
    return 1;
}

tr_err tr_tree_visit_parallel(tr_tree *t, const unsigned char *want, size_t nthreads, tr_pvisit_fn fn,
                              void *user)
{
    tr_err rc = TR_OK;
    want_item *w = NULL;
    pv_shared sh;
    pv_thread *th = NULL;
    size_t started = 0, i;
    int par = 0;

    if (t == NULL || fn == NULL || (want == NULL && t->count > 0))
        return TR_ERR_USAGE;
    memset(&sh, 0, sizeof sh);
    pthread_mutex_init(&sh.mu, NULL);
    rc = want_list(t, want, &w, &sh.nw);
    if (rc != TR_OK || sh.nw == 0)
        goto out;
    sh.t = t;
    sh.w = w;
    sh.fn = fn;
    sh.user = user;
    if (nthreads < 1)
        nthreads = 1;
#ifdef TR_NO_THREADS
    nthreads = 1; /* a build without threads: always the serial visit */
#endif
    if (nthreads > sh.nw)
        nthreads = sh.nw;
    th = calloc(nthreads, sizeof *th);
    sh.fds = malloc(t->nparts * sizeof *sh.fds);
    sh.seen = calloc(sh.nw, 1);
    if (th == NULL || sh.fds == NULL || sh.seen == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    for (i = 0; i < t->nparts; i++)
        sh.fds[i] = -1;
    /* the parts whose wanted members can be read directly */
    for (size_t k = 0; k < sh.nw; k++) {
        uint32_t part = w[k].part;
        if (sh.fds[part] < 0 && t->parts[part].kind == PART_ZIP && t->entries[w[k].index].offset != NO_OFFSET)
            sh.fds[part] = open(t->parts[part].input, O_RDONLY | O_CLOEXEC);
    }
#ifdef __EMSCRIPTEN__
    /* reading from the browser's files costs about 1 ms a call: the page's
     * reader (web/worker.js) reads the announced ranges together */
    for (size_t k = 0; k < sh.nw; k++) {
        const tr_entry *e = &t->entries[w[k].index];
        if (sh.fds[w[k].part] >= 0 && e->offset != NO_OFFSET)
            (void)posix_fadvise(sh.fds[w[k].part], (off_t)e->offset, (off_t)e->span, POSIX_FADV_WILLNEED);
    }
#endif
    par = nthreads > 1 && pv_possible(&sh);
    for (i = 0; i < nthreads; i++) {
        th[i].sh = &sh;
        th[i].id = (unsigned)i;
        th[i].vs.t = t;
        th[i].vs.fn = pv_adapter;
        th[i].vs.user = &th[i];
        if ((th[i].block = malloc(ZIP_BLOCK_SIZE)) == NULL) {
            rc = TR_ERR_NOMEM;
            goto out;
        }
    }
    if (!par) {
        rc = pv_serial(&th[0]);
        if (rc == TR_OK && th[0].vs.stopped)
            rc = TR_ERR_USAGE;
        goto out;
    }
#ifndef TR_NO_THREADS
    for (started = 1; started < nthreads; started++)
        if (pthread_create(&th[started].th, NULL, pv_run, &th[started]) != 0)
            break;
#endif
    pv_run(&th[0]);
    for (i = 1; i < started; i++)
        pthread_join(th[i].th, NULL);
    rc = sh.rc;
    if (rc == TR_OK && sh.stopped)
        rc = TR_ERR_USAGE;
out:
    if (th != NULL)
        for (i = 0; i < nthreads; i++) {
            free(th[i].scratch);
            free(th[i].block);
        }
    if (sh.fds != NULL)
        for (i = 0; i < t->nparts; i++)
            if (sh.fds[i] >= 0)
                close(sh.fds[i]);
    free(th);
    free(sh.fds);
    free(sh.seen);
    free(w);
    pthread_mutex_destroy(&sh.mu);
    return rc;
}
