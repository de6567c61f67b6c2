/* treebase.c - what listing (tree.c), grouping (treegroup.c) and reading
 * (treeread.c) of the archive tree share: the string pool, problems,
 * opening a part with libarchive, reading a header under the UTF-8 locale,
 * normalising member names, and the root folder names. It calls nothing
 * else of the tree. How it all fits together is at the top of tree.c.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* uselocale */
#endif

#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "names.h"
#include "text.h"
#include "tree_int.h"

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

const char *tree_pool_copy(tr_tree *t, const char *s)
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

tr_err tree_add_problem(tr_tree *t, const char *path, int incomplete, const char *f, ...)
{
    tr_err rc;
    va_list ap;
    va_start(ap, f);
    rc = tree_add_problem_v(t, path, incomplete, f, ap);
    va_end(ap);
    return rc;
}

const char *tree_pool_strdup(tr_tree *t, const char *s)
{
    return pool_strdup_utf8(t, s);
}

/* The last component of path, trailing '/' removed, into the pool. */
const char *tree_base_name(tr_tree *t, const char *path)
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

/* The reason given for a file that no reader takes. */
/* What a file's first bytes say it is packed with, or NULL. */
static const char *packed_with(const char *path)
{
    unsigned char b[6] = {0};
    FILE *f = fopen(path, "rb");
    const char *what = NULL;
    if (f == NULL)
        return NULL;
    if (fread(b, 1, sizeof b, f) == sizeof b) {
        if (b[0] == 0x1f && b[1] == 0x8b)
            what = "gzip";
        else if (b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd)
            what = "zstd";
        else if (memcmp(b, "\xfd" "7zXZ", 5) == 0)
            what = "xz";
        else if (memcmp(b, "BZh", 3) == 0)
            what = "bzip2";
        else if (memcmp(b, "7z\xbc\xaf\x27\x1c", 6) == 0)
            what = "7z";
    }
    fclose(f);
    return what;
}

char *tree_not_archive(struct archive *a, const char *path)
{
    const char *packed = path ? packed_with(path) : NULL;
    /* a compression or 7z was recognised, but no archive could be read */
    if (packed != NULL)
        return tree_fmt("a %s file that cannot be read, damaged or cut short (%s): download or pack it again",
                        packed, tree_arch_msg(a));
    return tree_fmt("not an archive trainable can read (%s): give the export's .zip files, a .tar, .tar.gz, "
                    ".tar.zst or .7z of it, or the folder it was unzipped into", tree_arch_msg(a));
}

/* Open an archive part for reading: a zip with libarchive's zip readers
 * only (as before: a damaged zip is not mistaken for another format), any
 * other archive with every format and filter libarchive has (tar, 7z, gzip,
 * zstd, ...). NULL on failure: *code tells why, with a malloc'd reason in
 * *why (NULL only when out of memory). */
struct archive *tree_open_part(tr_tree *t, size_t part, tr_err *code, char **why)
{
    struct archive *a = archive_read_new();
    const tr_part *p = &t->parts[part];
    locale_t old = (locale_t)0;
    int r;

    *why = NULL;
    *code = TR_OK;
    if (a == NULL) {
        *code = TR_ERR_NOMEM;
        goto out;
    }
    if (p->kind == PART_ZIP ? archive_read_support_format_zip(a) != ARCHIVE_OK
                            : (archive_read_support_format_all(a) != ARCHIVE_OK ||
                               archive_read_support_filter_all(a) < ARCHIVE_WARN)) {
        *code = TR_ERR_INTERNAL;
        *why = tree_fmt("%s", archive_error_string(a) ? archive_error_string(a) : "archive support missing");
        goto out;
    }
    if (t->utf8 != (locale_t)0)
        old = uselocale(t->utf8);
    r = archive_read_open_filename(a, p->input, ZIP_BLOCK_SIZE);
    if (t->utf8 != (locale_t)0)
        uselocale(old);
    if (r != ARCHIVE_OK) {
        int en = archive_errno(a);
        if (en > 0 && en != TR_ERRNO_FILE_FORMAT) {
            *code = TR_ERR_IO;
            *why = tree_fmt("%s", strerror(en));
        } else if (archive_format(a) == 0) {
            *code = TR_ERR_ARCHIVE;
            *why = p->kind == PART_ZIP ? tree_fmt("not a zip archive (%s)", tree_arch_msg(a)) : tree_not_archive(a, p->input);
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

/* Normalise raw into *scratch: '\\' is a separator, empty and "."
 * components go, ".." is unsafe. Junk is checked after safety. A name that
 * is not UTF-8 is CP437 when it comes from a zip (`zip`), else its bad bytes
 * become U+FFFD; a name with non-ASCII characters is then composed to NFC
 * (names.h). */
int tree_normalise_into(char **scratch, size_t *scratch_cap, const char *raw, int zip)
{
    size_t len = strlen(raw), o = 0, i = 0;
    int junk = 0, ascii = 1;

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
    for (i = 0; i < o && ascii; i++)
        ascii = (unsigned char)(*scratch)[i] < 0x80;
    if (!ascii) {
        size_t n;
        char *fixed = NULL, *nfc;
        if (!tr_utf8_valid((*scratch), o)) {
            /* Not UTF-8: a zip without the UTF-8 flag (CP437), or a legacy
             * code page or crafted bytes elsewhere (each bad byte becomes
             * U+FFFD; no JSON uri can name such a member). */
            fixed = zip ? tr_name_cp437(*scratch, o, &n) : tr_utf8_scrub((*scratch), o, &n);
            if (fixed == NULL)
                return NORM_NOMEM;
        }
        nfc = tr_name_nfc(fixed ? fixed : *scratch, fixed ? n : o, &n);
        free(fixed);
        if (nfc == NULL)
            return NORM_NOMEM;
        free((*scratch));
        (*scratch) = nfc;
        *scratch_cap = n + 1;
    }
    return junk ? NORM_JUNK : NORM_OK;
}

int tree_normalise(tr_tree *t, const char *raw, int zip)
{
    return tree_normalise_into(&t->scratch, &t->scratch_cap, raw, zip);
}

/* Whether c[0..n) is one of the root folder names. A name written "/name" in
 * the list is a root too; tree_is_top_root tells those apart. */
int tree_is_root(const char *const *roots, const char *c, size_t n)
{
    size_t i;
    if (roots == NULL)
        return 0;
    for (i = 0; roots[i] != NULL; i++) {
        const char *r = roots[i] + (roots[i][0] == '/');
        if (strlen(r) == n && memcmp(r, c, n) == 0)
            return 1;
    }
    return 0;
}

/* Whether c[0..n) is a root that only ever sits at the top of an export
 * (written "/name" in the list): found deeper, its parent folder is where an
 * export (or a part of one) was unpacked. */
int tree_is_top_root(const char *const *roots, const char *c, size_t n)
{
    size_t i;
    if (roots == NULL)
        return 0;
    for (i = 0; roots[i] != NULL; i++)
        if (roots[i][0] == '/' && strlen(roots[i] + 1) == n && memcmp(roots[i] + 1, c, n) == 0)
            return 1;
    return 0;
}
