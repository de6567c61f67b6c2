/* tree.c - one virtual tree over all the parts of an export (tree.h):
 * listing, and the tree's accessors. Reading members is in treeread.c; the
 * types both share are in tree_int.h.
 *
 * Listing. Each zip part is listed from its central directory, read in one
 * go (zipdir.c): names, sizes, types, the encryption flag, and where each
 * local header starts. When the directory cannot be used that way (no
 * usable end record, a damaged directory, a name given by an extra field),
 * libarchive lists the part instead (zip only: the seekable reader uses the
 * central directory; libarchive's streaming zip reader takes over when there
 * is none, e.g. in a truncated download) by walking its headers; member data
 * is never read while listing. A folder input is walked with
 * opendir/readdir/lstat, never following symbolic links; names are sorted
 * per directory so ordinals are stable. Every kept entry becomes a
 * tr_entry: its normalised path inside the part, size, part and ordinal (the
 * index of the header within its part, which is how a walk finds it again).
 * When a part is listed, its wrapper folders are stripped. When all parts are
 * listed, entries are sorted by (path, part, ordinal) and duplicates
 * collapse onto the last one, so the later part wins.
 *
 * Visiting. Wanted members are sorted by part and ordinal. A member whose
 * local header offset is known is read directly: libarchive's streaming zip
 * reader gets a view of the part that starts there, and the name it finds
 * must be the one listed. Several threads can do this at once
 * (tr_tree_visit_parallel), each with its own views; that is only done when
 * the outcome cannot depend on timing (the read budget cannot run out, every
 * offset is known). Otherwise one thread visits in archive order; a part
 * without offsets is reopened and its headers walked again. The visitor gets
 * a tr_reader pulling archive_read_data (read(2) for a folder). The reader
 * enforces the limits
 * (declared size, max_member_bytes, max_total_bytes) by asking for at most one
 * byte more than is allowed, so an overrun is seen without buffering anything.
 * A reader error goes to the visitor only (it reports it); a member that is
 * not visited gets one problem (incomplete=1), once per tree even when a
 * later visit skips it again.
 * After ARCHIVE_FATAL inside a member of a walked part the part is reopened
 * (at most MAX_REOPENS times) to reach the wanted members behind it; when the
 * headers cannot be walked past the damage, those get "not read: the archive
 * is corrupt before this member". A member read directly cannot harm the
 * others: each has its own reader.
 *
 * Limits. max_entries counts every header (or directory entry) over all
 * parts, junk and directories included; past it listing stops with one
 * problem. A member whose declared size is over max_member_bytes, or over
 * what is left of max_total_bytes, is not visited. Sizes a header does not
 * give (a streamed zip with data descriptors) count as 0 and unknown: such
 * members are visited and bounded by the reader alone. max_total_bytes counts
 * the bytes the visitor actually pulled during one tr_tree_visit; once a
 * read hits it, every later member of that visit is reported, not visited.
 * max_ratio compares, once a zip member has yielded TR_RATIO_MIN_BYTES, the
 * bytes it yielded with the compressed bytes libarchive consumed for it
 * (archive_filter_bytes): a zip bomb stops after a few MB even when it
 * declares its size honestly or declares none.
 *
 * Damage. A zip part without a usable end of central directory record (cut
 * short, or damaged there) is listed by libarchive's streaming reader up to
 * the damage; that part gets a problem (incomplete), since entries after the
 * cut cannot be known.
 *
 * Names. libarchive converts UTF-8-flagged zip names to the current locale;
 * in the C locale that fails for every non-ASCII name. Header reads therefore
 * run under a thread-local C.UTF-8 locale (uselocale), which passes UTF-8
 * names through and keeps unflagged names as raw bytes. The process locale is
 * never changed. A name (or part name, or problem text) that is not valid
 * UTF-8 has each bad byte replaced by U+FFFD, so that everything the tree
 * hands out can go into a UTF-8 report as is.
 *
 * Memory. The tree owns everything it hands out: strings live in a chunked
 * string pool freed with the tree. Entries are an array that no longer moves
 * once tr_tree_open returns; each problem is allocated on its own, so the
 * pointers handed out stay valid while tr_tree_visit adds more. Member data
 * is never buffered here: the visitor pulls it.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* newlocale/uselocale, O_NOFOLLOW, O_CLOEXEC */
#endif

#include "tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "text.h"
#include "tree_int.h"
#include "zipdir.h"

/* ---- small helpers ------------------------------------------------------ */

/* A pool chunk with room for n + 1 bytes, or NULL when out of memory. */
static pool_chunk *pool_room(tr_tree *t, size_t n)
{
    pool_chunk *c = t->pool, *nc;
    size_t cap;

    if (c != NULL && c->cap - c->used >= n + 1)
        return c;
    if (n >= SIZE_MAX - sizeof(pool_chunk) - POOL_CHUNK)
        return NULL;
    cap = n + 1 > POOL_CHUNK ? n + 1 : POOL_CHUNK;
    /* Zeroed: PCRE2's JIT reads a few bytes past the end of a subject (in
     * bounds, aligned), which must not be uninitialised memory. */
    nc = calloc(1, sizeof *nc + cap);
    if (nc == NULL)
        return NULL;
    nc->used = 0;
    nc->cap = cap;
    if (c != NULL && n + 1 > POOL_CHUNK) {
        /* A big string gets a chunk of its own behind the current one, so
         * the free space of the current chunk is not lost. */
        nc->next = c->next;
        c->next = nc;
    } else {
        nc->next = c;
        t->pool = nc;
    }
    return nc;
}

/* Copy n bytes of s plus a NUL into the pool. NULL when out of memory. */
static char *pool_strndup(tr_tree *t, const char *s, size_t n)
{
    pool_chunk *c = pool_room(t, n);
    char *out;

    if (c == NULL)
        return NULL;
    out = c->data + c->used;
    memcpy(out, s, n);
    out[n] = '\0';
    c->used += n + 1;
    return out;
}

static char *pool_strdup(tr_tree *t, const char *s)
{
    return pool_strndup(t, s, strlen(s));
}

/* Copy s[0..n) into the pool as valid UTF-8 (bad bytes become U+FFFD):
 * names and messages from an archive can hold any bytes, and reports are
 * UTF-8. NULL when out of memory. */
static char *pool_strndup_utf8(tr_tree *t, const char *s, size_t n)
{
    char *fixed, *out;
    size_t len;

    if (tr_utf8_valid(s, n))
        return pool_strndup(t, s, n);
    fixed = tr_utf8_scrub(s, n, &len);
    if (fixed == NULL)
        return NULL;
    out = pool_strndup(t, fixed, len);
    free(fixed);
    return out;
}

static char *pool_strdup_utf8(tr_tree *t, const char *s)
{
    return pool_strndup_utf8(t, s, strlen(s));
}

/* printf into a malloc'd string (caller frees). NULL when out of memory. */
static char *tree_vfmt(const char *fmt, va_list ap)
{
    char *s = NULL;
    va_list ap2;
    int n;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        goto out;
    s = malloc((size_t)n + 1);
    if (s == NULL)
        goto out;
    vsnprintf(s, (size_t)n + 1, fmt, ap);
out:
    return s;
}

char *tree_fmt(const char *f, ...)
{
    char *s;
    va_list ap;
    va_start(ap, f);
    s = tree_vfmt(f, ap);
    va_end(ap);
    return s;
}

/* Record a problem; path and message are copied into the pool. */
tr_err tree_add_problem_v(tr_tree *t, const char *path, int incomplete, const char *f, va_list ap)
{
    tr_err rc = TR_ERR_NOMEM;
    char *msg = tree_vfmt(f, ap);
    tr_problem *p = NULL;

    pthread_mutex_lock(&t->mu);
    if (msg == NULL)
        goto out;
    if (t->nproblems == t->pcap) {
        size_t cap = t->pcap ? t->pcap * 2 : 16;
        tr_problem **np = realloc(t->problems, cap * sizeof *np);
        if (np == NULL)
            goto out;
        t->problems = np;
        t->pcap = cap;
    }
    p = malloc(sizeof *p);
    if (p == NULL)
        goto out;
    p->path = pool_strdup_utf8(t, path ? path : "");
    p->message = pool_strdup_utf8(t, msg);
    p->incomplete = incomplete;
    if (p->path == NULL || p->message == NULL)
        goto out;
    t->problems[t->nproblems++] = p;
    p = NULL;
    rc = TR_OK;
out:
    pthread_mutex_unlock(&t->mu);
    free(p);
    free(msg);
    return rc;
}

static tr_err add_problem(tr_tree *t, const char *path, int incomplete, const char *f, ...)
{
    tr_err rc;
    va_list ap;
    va_start(ap, f);
    rc = tree_add_problem_v(t, path, incomplete, f, ap);
    va_end(ap);
    return rc;
}

/* The last component of path, trailing '/' removed, into the pool. */
static const char *base_name(tr_tree *t, const char *path)
{
    size_t end = strlen(path), start;

    while (end > 1 && path[end - 1] == '/')
        end--;
    start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    if (start == end) /* "" or "/" */
        return pool_strndup_utf8(t, path, end);
    return pool_strndup_utf8(t, path + start, end - start);
}

/* libarchive's message for the last error of a; never NULL. */
const char *tree_arch_msg(struct archive *a)
{
    const char *s = archive_error_string(a);
    return s ? s : "unknown libarchive error";
}

/* Read one header of a zip part under the tree's UTF-8 locale and fetch its
 * name (NULL if it cannot be represented). */
int tree_read_header(tr_tree *t, struct archive *a, struct archive_entry **e, const char **name)
{
    locale_t old = (locale_t)0;
    int r;

    if (t->utf8 != (locale_t)0)
        old = uselocale(t->utf8);
    *name = NULL;
    r = archive_read_next_header(a, e);
    if (r == ARCHIVE_OK || r == ARCHIVE_WARN) {
        *name = archive_entry_pathname(*e);
        if (*name == NULL)
            *name = archive_entry_pathname_utf8(*e);
    }
    if (t->utf8 != (locale_t)0)
        uselocale(old);
    return r;
}

/* Open a zip part for reading. NULL on failure: *code tells why, with a
 * malloc'd reason in *why (NULL only when out of memory). */
struct archive *tree_open_zip(tr_tree *t, const char *input, tr_err *code, char **why)
{
    struct archive *a = archive_read_new();
    locale_t old = (locale_t)0;
    int r;

    *why = NULL;
    *code = TR_OK;
    if (a == NULL) {
        *code = TR_ERR_NOMEM;
        goto out;
    }
    if (archive_read_support_format_zip(a) != ARCHIVE_OK) {
        *code = TR_ERR_INTERNAL;
        *why = tree_fmt("%s", archive_error_string(a) ? archive_error_string(a) : "zip support missing");
        goto out;
    }
    if (t->utf8 != (locale_t)0)
        old = uselocale(t->utf8);
    r = archive_read_open_filename(a, input, ZIP_BLOCK_SIZE);
    if (t->utf8 != (locale_t)0)
        uselocale(old);
    if (r != ARCHIVE_OK) {
        int en = archive_errno(a);
        if (en > 0 && en != TR_ERRNO_FILE_FORMAT) {
            *code = TR_ERR_IO;
            *why = tree_fmt("%s", strerror(en));
        } else if (archive_format(a) == 0) {
            *code = TR_ERR_ARCHIVE;
            *why = tree_fmt("not a zip archive (%s)", tree_arch_msg(a));
        } else {
            *code = TR_ERR_ARCHIVE;
            *why = tree_fmt("%s", tree_arch_msg(a));
        }
        goto out;
    }
out:
    if (*code != TR_OK) {
        archive_read_free(a);
        a = NULL;
        if (*why == NULL && *code != TR_ERR_NOMEM)
            *code = TR_ERR_NOMEM;
    }
    return a;
}

/* ---- path normalisation -------------------------------------------------- */


static int is_junk_component(const char *c, size_t n, int last)
{
    if (n == 8 && memcmp(c, "__MACOSX", 8) == 0)
        return 1;
    if (!last)
        return 0;
    if (n >= 2 && c[0] == '.' && c[1] == '_')
        return 1;
    if (n == 9 && memcmp(c, ".DS_Store", 9) == 0)
        return 1;
    if (n == 11 && memcmp(c, "no-data.txt", 11) == 0)
        return 1;
    return 0;
}

/* Normalise raw into t->scratch: '\' is a separator, empty and "."
 * components go, ".." is unsafe. Junk is checked after safety. */
int tree_normalise_into(char **scratch, size_t *scratch_cap, const char *raw)
{
    size_t len = strlen(raw), o = 0, i = 0;
    int junk = 0;

    if (len + 1 > *scratch_cap) {
        size_t cap = len + 1 < 256 ? 256 : len + 1;
        char *s = realloc(*scratch, cap);
        if (s == NULL)
            return NORM_NOMEM;
        *scratch = s;
        *scratch_cap = cap;
    }
    while (i < len) {
        size_t start, n;
        while (i < len && (raw[i] == '/' || raw[i] == '\\'))
            i++;
        start = i;
        while (i < len && raw[i] != '/' && raw[i] != '\\')
            i++;
        n = i - start;
        if (n == 0 || (n == 1 && raw[start] == '.'))
            continue;
        if (n == 2 && raw[start] == '.' && raw[start + 1] == '.')
            return NORM_UNSAFE;
        if (o > 0)
            (*scratch)[o++] = '/';
        memcpy((*scratch) + o, raw + start, n);
        o += n;
        {
            size_t j = i;
            while (j < len && (raw[j] == '/' || raw[j] == '\\'))
                j++;
            if (is_junk_component(raw + start, n, j == len))
                junk = 1;
        }
    }
    (*scratch)[o] = '\0';
    if (o == 0)
        return NORM_EMPTY;
    if (!tr_utf8_valid((*scratch), o)) {
        /* A name that is not UTF-8 (no UTF-8 flag, legacy code page, or
         * crafted): its bad bytes become U+FFFD, so every path the tree
         * hands out is valid UTF-8. No JSON uri can name such a member. */
        size_t n;
        char *fixed = tr_utf8_scrub((*scratch), o, &n);
        if (fixed == NULL)
            return NORM_NOMEM;
        free((*scratch));
        (*scratch) = fixed;
        *scratch_cap = n + 1;
    }
    return junk ? NORM_JUNK : NORM_OK;
}

int tree_normalise(tr_tree *t, const char *raw)
{
    return tree_normalise_into(&t->scratch, &t->scratch_cap, raw);
}

/* ---- listing -------------------------------------------------------------- */

static tr_err add_entry(tr_tree *t, const char *full, const char *src, uint64_t size,
                        int size_known, size_t part, uint32_t ordinal, int encrypted)
{
    tr_err rc = TR_ERR_NOMEM;
    tr_entry *e;

    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        tr_entry *ne = realloc(t->entries, cap * sizeof *ne);
        if (ne == NULL)
            goto out;
        t->entries = ne;
        t->cap = cap;
    }
    e = &t->entries[t->count];
    memset(e, 0, sizeof *e);
    e->full = pool_strdup(t, full);
    if (e->full == NULL)
        goto out;
    if (src != NULL) {
        e->src = pool_strdup(t, src);
        if (e->src == NULL)
            goto out;
    }
    e->m.path = e->full;
    e->m.size = size;
    e->m.part = (uint32_t)part;
    e->m.ordinal = ordinal;
    e->m.encrypted = encrypted ? 1u : 0u;
    e->size_known = size_known ? 1u : 0u;
    e->offset = NO_OFFSET;
    t->count++;
    rc = TR_OK;
out:
    return rc;
}

/* Check max_entries before one more entry of `part` is listed. Returns 1 when
 * listing must stop (a problem was recorded), 0 to go on, -1 out of memory. */
static int entry_budget(tr_tree *t, size_t part)
{
    if (t->nlisted < t->limits.max_entries) {
        t->nlisted++;
        return 0;
    }
    t->stop_listing = 1;
    if (add_problem(t, t->parts[part].name, 1,
                    "more than %llu entries; the rest is not listed (--max-entries)",
                    (unsigned long long)t->limits.max_entries) != TR_OK)
        return -1;
    return 1;
}

static int is_root(const char *const *roots, const char *c, size_t n)
{
    size_t i;
    if (roots == NULL)
        return 0;
    for (i = 0; roots[i] != NULL; i++)
        if (strlen(roots[i]) == n && memcmp(roots[i], c, n) == 0)
            return 1;
    return 0;
}

/* Strip the wrapper folders of the entries [start, t->count) of one part. */
static void strip_wrappers(tr_tree *t, size_t start, const char *const *roots)
{
    size_t off = 0, i;

    if (start >= t->count)
        return;
    for (;;) {
        const char *first = t->entries[start].full + off;
        const char *slash = strchr(first, '/');
        size_t n;
        int same = 1;

        if (slash == NULL)
            break;
        n = (size_t)(slash - first);
        if (is_root(roots, first, n))
            break;
        for (i = start + 1; i < t->count && same; i++) {
            const char *p = t->entries[i].full + off;
            if (strncmp(p, first, n) != 0 || p[n] != '/')
                same = 0;
        }
        if (!same)
            break;
        off += n + 1;
    }
    for (i = start; i < t->count; i++)
        t->entries[i].m.path = t->entries[i].full + off;
}

/* Decide what to do with one listed entry (zip or folder). `raw` is the name
 * as stored, `type` an AE_IF* value (0: regular). */
static tr_err take_entry(tr_tree *t, size_t part, uint32_t ordinal, const char *raw,
                         const char *src, unsigned type, uint64_t size, int size_known,
                         int encrypted)
{
    size_t len = strlen(raw);
    int nr;

    if (type == AE_IFDIR || (len > 0 && (raw[len - 1] == '/' || raw[len - 1] == '\\')))
        return TR_OK;
    nr = tree_normalise(t, raw);
    switch (nr) {
    case NORM_NOMEM:
        return TR_ERR_NOMEM;
    case NORM_EMPTY:
    case NORM_JUNK:
        return TR_OK;
    case NORM_UNSAFE:
        return add_problem(t, raw, 0, "unsafe path");
    default:
        break;
    }
    if (type == AE_IFLNK)
        return add_problem(t, raw, 0, "symbolic link not followed");
    if (type != 0 && type != AE_IFREG)
        return add_problem(t, raw, 0, "not a regular file; skipped");
    return add_entry(t, t->scratch, src, size, size_known, part, ordinal, encrypted);
}

/* Whether the zip file at path ends with a usable end of central directory
 * record: found in the last 64 KiB, its central directory inside the file
 * and starting with a central header (or a ZIP64 locator in front of it).
 * Without one, libarchive reads the part as a stream of local headers, and a
 * part cut short in its central directory (a truncated download) would list
 * every entry up to the cut and look whole. 1 yes, 0 no. */
static int has_end_record(const char *path)
{
    unsigned char buf[65557], sig[4];
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC), ok = 0;
    size_t n;
    off_t base;

    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || st.st_size < 22)
        goto out;
    n = st.st_size < (off_t)sizeof buf ? (size_t)st.st_size : sizeof buf;
    base = st.st_size - (off_t)n;
    if (pread(fd, buf, n, base) != (ssize_t)n)
        goto out;
    for (size_t i = n - 22 + 1; i-- > 0 && !ok;) {
        const unsigned char *p = buf + i;
        uint64_t pos = (uint64_t)base + i, cd_size, cd_off;
        if (memcmp(p, "PK\5\6", 4) != 0 || i + 22 + ((size_t)p[20] | (size_t)p[21] << 8) > n)
            continue;
        cd_size = (uint64_t)p[12] | (uint64_t)p[13] << 8 | (uint64_t)p[14] << 16 | (uint64_t)p[15] << 24;
        cd_off = (uint64_t)p[16] | (uint64_t)p[17] << 8 | (uint64_t)p[18] << 16 | (uint64_t)p[19] << 24;
        if (cd_size == 0xffffffffu || cd_off == 0xffffffffu) {
            /* ZIP64: the locator sits right before this record */
            ok = i >= 20 && memcmp(p - 20, "PK\6\7", 4) == 0;
            continue;
        }
        if (cd_size > pos)
            continue;
        if (cd_size == 0) {
            ok = 1;
            continue;
        }
        /* the central directory at its stated offset, or (data in front of
         * the zip) right before this record */
        if ((cd_off + cd_size <= pos && pread(fd, sig, 4, (off_t)cd_off) == 4 && memcmp(sig, "PK\1\2", 4) == 0) ||
            (pread(fd, sig, 4, (off_t)(pos - cd_size)) == 4 && memcmp(sig, "PK\1\2", 4) == 0))
            ok = 1;
    }
out:
    close(fd);
    return ok;
}

/* The AE_IF* type of a central directory entry (0: a regular file). */
static unsigned cd_type(const tr_zipdir_entry *z)
{
    unsigned host = z->made_by >> 8, mode = z->attr >> 16;
    if (host == 3 && mode != 0) { /* Unix */
        switch (mode & 0170000) {
        case 0120000: return AE_IFLNK;
        case 0040000: return AE_IFDIR;
        case 0100000: return 0;
        default: return AE_IFIFO; /* another kind of file */
        }
    }
    return (z->attr & 0x10) ? AE_IFDIR : 0; /* MS-DOS directory attribute */
}

/* List one zip part from its central directory alone (zipdir.h): one read,
 * where libarchive's walk reads every local header. Every entry then knows
 * where it starts, so members can be read directly, by several threads.
 * *done is 0 when the directory cannot be used this way (damaged, or a name
 * libarchive would read differently): the caller walks the part instead. */
static tr_err list_zip_cd(tr_tree *t, size_t part, int *done)
{
    tr_zipdir_entry *cd = NULL;
    size_t n = 0;
    tr_err rc = TR_OK;
    int fd = open(t->parts[part].input, O_RDONLY | O_CLOEXEC);

    *done = 0;
    if (fd < 0 || tr_zipdir_read(fd, &cd, &n) != 0 || n > UINT32_MAX)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (cd[i].other_name || strlen(cd[i].name) != cd[i].name_len)
            goto out;
    *done = 1;
    for (size_t i = 0; i < n && rc == TR_OK; i++) {
        int stop = entry_budget(t, part);
        size_t before = t->count;
        if (stop != 0) {
            rc = stop < 0 ? TR_ERR_NOMEM : TR_OK;
            break;
        }
        rc = take_entry(t, part, (uint32_t)i, cd[i].name, NULL, cd_type(&cd[i]), cd[i].usize, 1,
                        (cd[i].flags & 1) != 0);
        if (rc == TR_OK && t->count > before) {
            t->entries[t->count - 1].offset = cd[i].offset;
            /* local header, name, a typical extra field, data, descriptor */
            t->entries[t->count - 1].span = 30 + cd[i].name_len + 256 + cd[i].csize + 24;
            t->entries[t->count - 1].crc = cd[i].crc;
        }
    }
out:
    if (fd >= 0)
        close(fd);
    free(cd);
    return rc;
}

/* List one zip part. Returns TR_OK (listed, possibly with problems),
 * TR_ERR_NOMEM, or a part failure code with *why (malloc'd reason). */
static tr_err list_zip(tr_tree *t, size_t part, char **why)
{
    tr_err rc = TR_OK;
    struct archive *a = NULL;
    struct archive_entry *e;
    uint32_t ordinal = 0;
    int retries = 0;

    *why = NULL;
    {
        int done = 0;
        rc = list_zip_cd(t, part, &done);
        if (done || rc != TR_OK)
            return rc;
    }
    a = tree_open_zip(t, t->parts[part].input, &rc, why);
    if (a == NULL)
        goto out;
    for (;;) {
        const char *name;
        int r = tree_read_header(t, a, &e, &name), stop;
        uint32_t ord;
        la_int64_t size;

        if (r == ARCHIVE_EOF)
            break;
        if (r == ARCHIVE_FATAL || (r == ARCHIVE_RETRY && ++retries > MAX_RETRIES)) {
            if (ordinal == 0 && archive_format(a) == 0) {
                rc = TR_ERR_ARCHIVE;
                *why = tree_fmt("not a zip archive (%s)", tree_arch_msg(a));
                if (*why == NULL)
                    rc = TR_ERR_NOMEM;
            } else if (ordinal == 0) {
                rc = TR_ERR_ARCHIVE;
                *why = tree_fmt("%s", tree_arch_msg(a));
                if (*why == NULL)
                    rc = TR_ERR_NOMEM;
            } else {
                rc = add_problem(t, t->parts[part].name, 1,
                                 "archive is corrupt after %lu entries: %s",
                                 (unsigned long)ordinal, tree_arch_msg(a));
            }
            break;
        }
        if (ordinal == UINT32_MAX) {
            rc = add_problem(t, t->parts[part].name, 1, "too many entries; the rest is not listed");
            break;
        }
        ord = ordinal++;
        if (r == ARCHIVE_RETRY) {
            rc = add_problem(t, t->parts[part].name, 1, "entry %lu cannot be read: %s",
                             (unsigned long)ord, tree_arch_msg(a));
            if (rc != TR_OK)
                break;
            continue;
        }
        retries = 0;
        stop = entry_budget(t, part);
        if (stop != 0) {
            rc = stop < 0 ? TR_ERR_NOMEM : TR_OK;
            break;
        }
        if (name == NULL) {
            rc = add_problem(t, t->parts[part].name, 1, "entry %lu has an unreadable name: %s",
                             (unsigned long)ord, tree_arch_msg(a));
            if (rc != TR_OK)
                break;
            continue;
        }
        if (r == ARCHIVE_WARN) {
            rc = add_problem(t, name, 0, "%s", tree_arch_msg(a));
            if (rc != TR_OK)
                break;
        }
        size = archive_entry_size(e);
        rc = take_entry(t, part, ord, name, NULL, (unsigned)archive_entry_filetype(e),
                        size > 0 ? (uint64_t)size : 0,
                        archive_entry_size_is_set(e) && size >= 0,
                        archive_entry_is_encrypted(e));
        if (rc != TR_OK)
            break;
    }
    if (rc == TR_OK && !has_end_record(t->parts[part].input))
        rc = add_problem(t, t->parts[part].name, 1,
                         "the archive's central directory is missing or damaged (a cut-off download?): "
                         "entries were read up to the damage, later ones may be missing");
out:
    archive_read_free(a);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk directory `rel` ("" for the root) of the folder input. */
static tr_err walk_dir(tr_tree *t, const char *root, const char *rel, uint32_t *ordinal)
{
    tr_err rc = TR_OK;
    char *dirpath = NULL, *path = NULL, *relpath = NULL;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    DIR *d = NULL;
    struct dirent *de;

    dirpath = *rel ? tree_fmt("%s/%s", root, rel) : tree_fmt("%s", root);
    if (dirpath == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    d = opendir(dirpath);
    if (d == NULL) {
        rc = add_problem(t, rel, 1, "cannot read folder: %s", strerror(errno));
        goto out;
    }
    for (;;) {
        errno = 0;
        de = readdir(d);
        if (de == NULL) {
            if (errno != 0)
                rc = add_problem(t, rel, 1, "folder not read completely: %s", strerror(errno));
            break;
        }
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            char **nn = realloc(names, nc * sizeof *nn);
            if (nn == NULL) {
                rc = TR_ERR_NOMEM;
                goto out;
            }
            names = nn;
            cap = nc;
        }
        names[n] = tree_fmt("%s", de->d_name);
        if (names[n] == NULL) {
            rc = TR_ERR_NOMEM;
            goto out;
        }
        n++;
    }
    closedir(d);
    d = NULL;
    if (rc != TR_OK)
        goto out;
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    for (i = 0; i < n && !t->stop_listing; i++) {
        struct stat st;
        int stop;

        free(path);
        free(relpath);
        path = tree_fmt("%s/%s", dirpath, names[i]);
        relpath = *rel ? tree_fmt("%s/%s", rel, names[i]) : tree_fmt("%s", names[i]);
        if (path == NULL || relpath == NULL) {
            rc = TR_ERR_NOMEM;
            goto out;
        }
        stop = entry_budget(t, 0);
        if (stop != 0) {
            rc = stop < 0 ? TR_ERR_NOMEM : TR_OK;
            goto out;
        }
        if (lstat(path, &st) != 0) {
            rc = add_problem(t, relpath, 1, "cannot read: %s", strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            if (strcmp(names[i], "__MACOSX") != 0)
                rc = walk_dir(t, root, relpath, ordinal);
        } else if (*ordinal == UINT32_MAX) {
            rc = add_problem(t, relpath, 1, "too many entries; the rest is not listed");
            t->stop_listing = 1;
        } else {
            unsigned type = S_ISREG(st.st_mode) ? AE_IFREG : S_ISLNK(st.st_mode) ? AE_IFLNK : AE_IFIFO;
            uint32_t ord = (*ordinal)++;
            rc = take_entry(t, 0, ord, relpath, relpath, type,
                            st.st_size > 0 ? (uint64_t)st.st_size : 0, 1, 0);
        }
        if (rc != TR_OK)
            goto out;
    }
out:
    if (d != NULL)
        closedir(d);
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(dirpath);
    free(path);
    free(relpath);
    return rc;
}

/* Sort by path, then part, then ordinal: the last of a run of equal paths
 * is the one that wins. */
static int cmp_entry(const void *a, const void *b)
{
    const tr_entry *x = a, *y = b;
    int c;
    if (x->m.exp != y->m.exp)
        return x->m.exp < y->m.exp ? -1 : 1;
    c = strcmp(x->m.path, y->m.path);
    if (c != 0)
        return c;
    if (x->m.part != y->m.part)
        return x->m.part < y->m.part ? -1 : 1;
    if (x->m.ordinal != y->m.ordinal)
        return x->m.ordinal < y->m.ordinal ? -1 : 1;
    return 0;
}

/* Sort the entries and collapse duplicates onto the last one. */
static tr_err merge(tr_tree *t)
{
    tr_err rc = TR_OK;
    size_t i, o = 0;

    if (t->count > 1)
        qsort(t->entries, t->count, sizeof *t->entries, cmp_entry);
    for (i = 0; i < t->count; i++) {
        if (i + 1 < t->count && t->entries[i].m.exp == t->entries[i + 1].m.exp &&
            strcmp(t->entries[i].m.path, t->entries[i + 1].m.path) == 0) {
            const tr_entry *a = &t->entries[i], *b = &t->entries[i + 1];
            if (a->m.part != b->m.part)
                rc = add_problem(t, a->m.path, 0, "duplicate across parts: %s and %s; using %s",
                                 t->parts[a->m.part].name, t->parts[b->m.part].name,
                                 t->parts[b->m.part].name);
            else
                rc = add_problem(t, a->m.path, 0, "duplicate entry in %s; using the later one",
                                 t->parts[a->m.part].name);
            if (rc != TR_OK)
                goto out;
            continue;
        }
        t->entries[o++] = t->entries[i];
    }
    t->count = o;
    t->total_bytes = 0;
    for (i = 0; i < t->count; i++)
        t->total_bytes += t->entries[i].m.size;
out:
    return rc;
}

/* ---- open / free / accessors ------------------------------------------------ */

/* Name the exports the members belong to and find each one's newest entry
 * time. For now every input is taken as parts of one export, named after the
 * first input. */
static tr_err find_exports(tr_tree *t)
{
    tr_export *e;
    size_t i;

    if ((t->exports = calloc(1, sizeof *t->exports)) == NULL)
        return TR_ERR_NOMEM;
    t->nexports = 1;
    e = &t->exports[0];
    e->name = t->nparts > 0 ? t->parts[0].name : "";
    for (i = 0; i < t->count; i++) {
        const tr_member *m = &t->entries[i].m;
        if (m->has_mtime && (!e->has_mtime || m->mtime > e->newest_mtime)) {
            e->newest_mtime = m->mtime;
            e->has_mtime = 1;
        }
    }
    return TR_OK;
}

tr_err tr_tree_open(const char *const *inputs, size_t n, const char *const *roots,
                    const tr_limits *limits, tr_tree **out, char **errmsg)
{
    tr_err rc = TR_OK, first_code = TR_OK;
    tr_tree *t = NULL;
    char *first_msg = NULL, *why = NULL;
    size_t i, ndirs = 0, listed = 0;
    struct stat st;

    if (errmsg != NULL)
        *errmsg = NULL;
    if (out != NULL)
        *out = NULL;
    if (inputs == NULL || n == 0) {
        rc = TR_ERR_USAGE;
        first_msg = tree_fmt("no input given");
        goto out;
    }
    if (out == NULL || n > UINT32_MAX) {
        rc = TR_ERR_USAGE;
        first_msg = tree_fmt("invalid arguments to tr_tree_open");
        goto out;
    }
    for (i = 0; i < n; i++) {
        if (inputs[i] == NULL) {
            rc = TR_ERR_USAGE;
            first_msg = tree_fmt("an input is NULL");
            goto out;
        }
    }
    t = calloc(1, sizeof *t);
    if (t == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    pthread_mutex_init(&t->mu, NULL);
    if (limits != NULL)
        t->limits = *limits;
    else
        tr_limits_default(&t->limits);
    t->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    t->parts = calloc(n, sizeof *t->parts);
    if (t->parts == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    t->nparts = n;
    for (i = 0; i < n; i++) {
        t->parts[i].input = pool_strdup(t, inputs[i]);
        t->parts[i].name = base_name(t, inputs[i]);
        if (t->parts[i].input == NULL || t->parts[i].name == NULL) {
            rc = TR_ERR_NOMEM;
            goto out;
        }
        if (stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode))
            ndirs++;
    }
    if (ndirs > 0 && n > 1) {
        rc = TR_ERR_USAGE;
        first_msg = tree_fmt("a folder cannot be combined with other inputs");
        goto out;
    }

    if (ndirs == 1) {
        uint32_t ordinal = 0;
        DIR *d = opendir(inputs[0]);
        if (d == NULL) {
            rc = TR_ERR_IO;
            first_msg = tree_fmt("%s: %s", inputs[0], strerror(errno));
            goto out;
        }
        closedir(d);
        t->is_folder = 1;
        /* "." and ".." say nothing: name the folder after its real path. */
        if (strcmp(t->parts[0].name, ".") == 0 || strcmp(t->parts[0].name, "..") == 0) {
            char *real = realpath(inputs[0], NULL);
            if (real != NULL) {
                const char *nm = base_name(t, real);
                if (nm != NULL)
                    t->parts[0].name = nm;
            }
            free(real);
        }
        rc = walk_dir(t, inputs[0], "", &ordinal);
        if (rc != TR_OK)
            goto out;
        strip_wrappers(t, 0, roots);
    } else {
        for (i = 0; i < n; i++) {
            size_t start = t->count;
            tr_err prc;

            if (t->stop_listing) {
                rc = add_problem(t, t->parts[i].name, 1,
                                 "not listed: over the entry limit (--max-entries)");
                if (rc != TR_OK)
                    goto out;
                continue;
            }
            if (stat(inputs[i], &st) != 0) {
                prc = TR_ERR_IO;
                why = tree_fmt("%s", strerror(errno));
            } else {
                prc = list_zip(t, i, &why);
            }
            if (prc == TR_ERR_NOMEM || (prc != TR_OK && why == NULL)) {
                rc = TR_ERR_NOMEM;
                goto out;
            }
            if (prc != TR_OK) {
                /* The part could not be listed at all: fatal when no part
                 * lists, otherwise a problem. Its entries (none) are gone. */
                t->count = start;
                if (first_code == TR_OK) {
                    first_code = prc;
                    first_msg = tree_fmt("%s: %s", inputs[i], why);
                    if (first_msg == NULL) {
                        rc = TR_ERR_NOMEM;
                        goto out;
                    }
                }
                rc = add_problem(t, t->parts[i].name, 1, "%s", why);
                free(why);
                why = NULL;
                if (rc != TR_OK)
                    goto out;
                continue;
            }
            free(why);
            why = NULL;
            listed++;
            strip_wrappers(t, start, roots);
        }
        if (listed == 0) {
            rc = first_code;
            goto out;
        }
        free(first_msg);
        first_msg = NULL;
    }
    rc = merge(t);
    if (rc == TR_OK)
        rc = find_exports(t);
out:
    free(why);
    if (rc != TR_OK) {
        if (errmsg != NULL) {
            *errmsg = first_msg ? first_msg : tree_fmt("%s", tr_strerror(rc));
            first_msg = NULL;
        }
        tr_tree_free(t);
        t = NULL;
    }
    free(first_msg);
    if (out != NULL)
        *out = t;
    return rc;
}

void tr_tree_free(tr_tree *t)
{
    pool_chunk *c, *next;
    size_t i;

    if (t == NULL)
        return;
    for (c = t->pool; c != NULL; c = next) {
        next = c->next;
        free(c);
    }
    if (t->utf8 != (locale_t)0)
        freelocale(t->utf8);
    free(t->parts);
    free(t->exports);
    free(t->entries);
    for (i = 0; i < t->nproblems; i++)
        free(t->problems[i]);
    free(t->problems);
    free(t->scratch);
    pthread_mutex_destroy(&t->mu);
    free(t);
}

size_t tr_tree_count(const tr_tree *t)
{
    return t ? t->count : 0;
}

const tr_member *tr_tree_member(const tr_tree *t, size_t i)
{
    return t && i < t->count ? &t->entries[i].m : NULL;
}

size_t tr_tree_find(const tr_tree *t, uint32_t exp, const char *path)
{
    size_t lo = 0, hi;

    if (t == NULL || path == NULL)
        return (size_t)-1;
    hi = t->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const tr_member *m = &t->entries[mid].m;
        int c = m->exp != exp ? (m->exp < exp ? -1 : 1) : strcmp(m->path, path);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

size_t tr_tree_exports(const tr_tree *t)
{
    return t ? t->nexports : 0;
}

const tr_export *tr_tree_export(const tr_tree *t, size_t e)
{
    return t && e < t->nexports ? &t->exports[e] : NULL;
}

size_t tr_tree_parts(const tr_tree *t)
{
    return t ? t->nparts : 0;
}

const char *tr_tree_part_name(const tr_tree *t, size_t part)
{
    return t && part < t->nparts ? t->parts[part].name : NULL;
}

int tr_tree_is_folder(const tr_tree *t)
{
    return t ? t->is_folder : 0;
}

uint64_t tr_tree_total_bytes(const tr_tree *t)
{
    return t ? t->total_bytes : 0;
}

size_t tr_tree_problem_count(const tr_tree *t)
{
    return t ? t->nproblems : 0;
}

const tr_problem *tr_tree_problem(const tr_tree *t, size_t i)
{
    return t && i < t->nproblems ? t->problems[i] : NULL;
}

