/* tree.c - one virtual tree over all the parts of an export (tree.h):
 * listing, and the tree's accessors. Reading members is in treeread.c; the
 * types both share are in tree_int.h.
 *
 * Listing. Each zip part is listed from its central directory, read in one
 * go (zipdir.c): names, sizes, types, times, the encryption flag, the
 * compression method, and where each local header starts. When the
 * directory cannot be used that way (no usable end record, a damaged
 * directory, a name given by an extra field), libarchive lists the part
 * instead (a zip with its zip readers only: the seekable reader uses the
 * central directory; the streaming reader takes over when there is none,
 * e.g. in a truncated download; any other file with every format and filter
 * libarchive has: tar, 7z, gzip, zstd, ...) by walking its headers; member
 * data is never read while listing. A folder input is walked with
 * opendir/readdir/lstat, never following symbolic links; names are sorted
 * per directory so ordinals are stable; an archive in it outside any
 * export folder becomes a part of its own, listed after the inputs. An
 * archive member outside any export folder (the parts zipped together) is
 * copied into a memory file (memfd_create: never to disk, up to
 * INNER_MAX_BYTES, MAX_DEPTH levels deep) and becomes a part too, named
 * "outer.zip/inner.zip". Every kept entry becomes a tr_entry: its
 * normalised path inside the part, size, time, part and ordinal (the index
 * of the header within its part, which is how a walk finds it again). Pieces
 * of split zips are refused with what to do. When all parts are listed,
 * treegroup.c finds the exports and each entry's path inside its export;
 * entries are sorted by (export, path, part, ordinal) and duplicates
 * collapse onto the last one, so the later part wins.
 *
 * Visiting. Wanted members are sorted by part and ordinal (the visitor's
 * seq is their rank in tree order, so results merge in an order that does
 * not depend on the packing). A member whose
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

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "names.h"
#include "text.h"
#include "tree_int.h"
#include "zipdir.h"

/* ---- listing -------------------------------------------------------------- */

static tr_err add_entry(tr_tree *t, const char *full, const char *src, uint64_t size,
                        int size_known, size_t part, uint32_t ordinal, int encrypted,
                        int has_mtime, int64_t mtime)
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
    e->full = tree_pool_copy(t, full);
    if (e->full == NULL)
        goto out;
    if (src != NULL) {
        e->src = tree_pool_copy(t, src);
        if (e->src == NULL)
            goto out;
    }
    e->m.path = e->full;
    e->m.size = size;
    e->m.part = (uint32_t)part;
    e->m.ordinal = ordinal;
    e->m.encrypted = encrypted ? 1u : 0u;
    e->m.has_mtime = has_mtime ? 1u : 0u;
    e->m.mtime = has_mtime ? mtime : 0;
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
    if (tree_add_problem(t, t->parts[part].name, 1,
                    "more than %llu entries; the rest is not listed (--max-entries)",
                    (unsigned long long)t->limits.max_entries) != TR_OK)
        return -1;
    return 1;
}

/* Whether some folder of path (not its last component) is a root. */
static int under_root(const char *const *roots, const char *path)
{
    const char *c = path, *slash;
    while ((slash = strchr(c, '/')) != NULL) {
        if (tree_is_root(roots, c, (size_t)(slash - c)))
            return 1;
        c = slash + 1;
    }
    return 0;
}

/* Whether the name ends like an archive trainable opens as parts. */
int tree_archive_name(const char *name)
{
    static const char *const ext[] = {".zip", ".tar", ".tgz", ".tar.gz", ".tar.zst", ".tzst", ".tar.xz",
                                      ".tar.bz2", ".7z", NULL};
    size_t n = strlen(name);
    for (size_t i = 0; ext[i] != NULL; i++) {
        size_t k = strlen(ext[i]);
        if (n > k && strcasecmp(name + n - k, ext[i]) == 0)
            return 1;
    }
    return 0;
}

/* Whether the name is one piece of a split archive (.z01, .zip.001, .001). */
static int split_piece_name(const char *name)
{
    size_t n = strlen(name);
    const char *dot = strrchr(name, '.');
    if (dot == NULL)
        return 0;
    if (strlen(dot) == 4 && (dot[1] == 'z' || dot[1] == 'Z') && isdigit((unsigned char)dot[2]) &&
        isdigit((unsigned char)dot[3]))
        return 1;
    return n > 4 && strlen(dot) == 4 && isdigit((unsigned char)dot[1]) && isdigit((unsigned char)dot[2]) &&
           isdigit((unsigned char)dot[3]);
}

/* What one listed entry is, for take_entry. */
typedef struct raw_entry {
    const char *raw;   /* the name as stored */
    const char *src;   /* folder input: the path on disk below the folder */
    unsigned type;     /* AE_IF* (0: regular) */
    uint64_t size;
    int size_known, encrypted, has_mtime;
    int64_t mtime;
} raw_entry;

/* Decide what to do with one listed entry (archive or folder). Content that
 * is not read (an unsafe name, a link, a special file) makes the scan
 * incomplete, with what to do; junk and folders are dropped. */
static tr_err take_entry(tr_tree *t, size_t part, uint32_t ordinal, const raw_entry *r)
{
    size_t len = strlen(r->raw);
    int nr;
    tr_err rc;

    if (r->type == AE_IFDIR || (len > 0 && (r->raw[len - 1] == '/' || r->raw[len - 1] == '\\')))
        return TR_OK;
    nr = tree_normalise(t, r->raw, t->parts[part].kind == PART_ZIP);
    switch (nr) {
    case NORM_NOMEM:
        return TR_ERR_NOMEM;
    case NORM_EMPTY:
    case NORM_JUNK:
        return TR_OK;
    case NORM_UNSAFE:
        return tree_add_problem(t, r->raw, 1,
                           "unsafe path (a \"..\" component): not read; unpack the archive, put the file "
                           "where it belongs in the export and scan the folder");
    default:
        break;
    }
    /* a link holds no content of its own: what it points to, when inside
     * the export, is scanned there */
    if (r->type == AE_IFLNK)
        return tree_add_problem(t, r->src ? r->src : r->raw, 0, "symbolic link not followed");
    if (r->type != 0 && r->type != AE_IFREG) {
        if (r->size == 0 && r->src != NULL)
            return tree_add_problem(t, t->scratch, 0, "not a regular file; skipped");
        return tree_add_problem(t, t->scratch, 1,
                           "not a regular file (a device, pipe or hard link entry): not read; unpack the "
                           "archive and scan the folder");
    }
    rc = add_entry(t, t->scratch, r->src, r->size, r->size_known, part, ordinal, r->encrypted, r->has_mtime,
                   r->mtime);
    /* an archive outside any export folder: the export's parts zipped together */
    if (rc == TR_OK && t->parts[part].kind != PART_FOLDER && t->parts[part].depth < MAX_DEPTH &&
        tree_archive_name(t->scratch) && !under_root(t->roots, t->scratch))
        t->entries[t->count - 1].archive = 1;
    return rc;
}

/* Whether the zip file at path ends with a usable end of central directory
 * record: found in the last 64 KiB, its central directory inside the file
 * and starting with a central header (or a ZIP64 locator in front of it).
 * Without one, libarchive reads the part as a stream of local headers, and a
 * part cut short in its central directory (a truncated download) would list
 * every entry up to the cut and look whole. 1 yes, 0 no; *split is set when
 * the record says the zip is the last piece of a split (spanned) zip. */
static int has_end_record(const char *path, int *split)
{
    unsigned char buf[65557], sig[4];
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC), ok = 0;
    size_t n;
    off_t base;

    *split = 0;
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
        if ((p[4] | p[5]) != 0 && (p[4] | p[5]) != 0xff) { /* this disk's number: a split zip */
            *split = 1;
            continue;
        }
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

/* Whether the file starts like a zip (a local header, an empty zip's end
 * record, or the marker of a split zip's first piece). */
static int zip_magic(const char *path)
{
    unsigned char b[4];
    int fd = open(path, O_RDONLY | O_CLOEXEC), ok = 0;
    if (fd < 0)
        return 0;
    if (pread(fd, b, 4, 0) == 4 && b[0] == 'P' && b[1] == 'K' &&
        ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6) || (b[2] == 7 && b[3] == 8)))
        ok = 1;
    close(fd);
    return ok;
}

/* The AE_IF* type of a central directory entry (0: a regular file). A Unix
 * mode with permission bits but no file type (Python's ZipFile.writestr
 * stores 0o600) is a regular file, as unzip, bsdtar and 7-Zip take it. */
static unsigned cd_type(const tr_zipdir_entry *z)
{
    unsigned host = z->made_by >> 8, mode = z->attr >> 16;
    if (host == 3 && (mode & 0170000) != 0) { /* Unix */
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
    t->parts[part].kind = PART_ZIP;
    for (size_t i = 0; i < n && rc == TR_OK; i++) {
        int stop = entry_budget(t, part);
        size_t before = t->count;
        raw_entry r = {cd[i].name, NULL, cd_type(&cd[i]), cd[i].usize, 1, (cd[i].flags & 1) != 0,
                       (int)cd[i].has_mtime, cd[i].mtime};
        if (stop != 0) {
            rc = stop < 0 ? TR_ERR_NOMEM : TR_OK;
            break;
        }
        rc = take_entry(t, part, (uint32_t)i, &r);
        if (rc == TR_OK && t->count > before) {
            tr_entry *e = &t->entries[t->count - 1];
            e->offset = cd[i].offset;
            /* local header, name, a typical extra field, data, descriptor */
            e->span = 30 + cd[i].name_len + 256 + cd[i].csize + 24;
            e->crc = cd[i].crc;
            e->method = cd[i].method;
        }
    }
out:
    if (fd >= 0)
        close(fd);
    free(cd);
    return rc;
}

/* List one archive part by walking its headers with libarchive: a zip whose
 * central directory cannot be used, or another archive (tar, 7z, ...).
 * Returns TR_OK (listed, possibly with problems), TR_ERR_NOMEM, or a part
 * failure code with *why (malloc'd reason). */
static tr_err list_walk(tr_tree *t, size_t part, char **why)
{
    tr_err rc = TR_OK;
    struct archive *a = NULL;
    struct archive_entry *e;
    uint32_t ordinal = 0;
    int retries = 0, split = 0, zip = t->parts[part].kind == PART_ZIP;

    a = tree_open_part(t, part, &rc, why);
    if (a == NULL)
        goto out;
    for (;;) {
        const char *name;
        int r = tree_read_header(t, a, &e, &name), stop;
        uint32_t ord;
        la_int64_t size;

        if (r == ARCHIVE_EOF && ordinal == 0 && !zip && archive_format(a) == ARCHIVE_FORMAT_EMPTY) {
            rc = TR_ERR_ARCHIVE;
            *why = tree_fmt("not an archive trainable can read (an empty file): give the export's .zip files, "
                            "a .tar, .tar.gz, .tar.zst or .7z of it, or the folder it was unzipped into");
            if (*why == NULL)
                rc = TR_ERR_NOMEM;
            break;
        }
        if (r == ARCHIVE_EOF)
            break;
        if (r == ARCHIVE_FATAL || (r == ARCHIVE_RETRY && ++retries > MAX_RETRIES)) {
            if (ordinal == 0 && archive_format(a) == 0) {
                rc = TR_ERR_ARCHIVE;
                *why = zip ? tree_fmt("not a zip archive (%s)", tree_arch_msg(a)) : tree_not_archive(a, t->parts[part].input);
                if (*why == NULL)
                    rc = TR_ERR_NOMEM;
            } else if (ordinal == 0) {
                rc = TR_ERR_ARCHIVE;
                *why = tree_fmt("%s", tree_arch_msg(a));
                if (*why == NULL)
                    rc = TR_ERR_NOMEM;
            } else {
                rc = tree_add_problem(t, t->parts[part].name, 1,
                                 "archive is corrupt after %lu entries: %s",
                                 (unsigned long)ordinal, tree_arch_msg(a));
            }
            break;
        }
        if (ordinal == UINT32_MAX) {
            rc = tree_add_problem(t, t->parts[part].name, 1, "too many entries; the rest is not listed");
            break;
        }
        ord = ordinal++;
        if (r == ARCHIVE_RETRY) {
            rc = tree_add_problem(t, t->parts[part].name, 1, "entry %lu cannot be read: %s",
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
            rc = tree_add_problem(t, t->parts[part].name, 1, "entry %lu has an unreadable name: %s",
                             (unsigned long)ord, tree_arch_msg(a));
            if (rc != TR_OK)
                break;
            continue;
        }
        if (r == ARCHIVE_WARN) {
            rc = tree_add_problem(t, name, 0, "%s", tree_arch_msg(a));
            if (rc != TR_OK)
                break;
        }
        size = archive_entry_size(e);
        {
            raw_entry re = {name, NULL, (unsigned)archive_entry_filetype(e), size > 0 ? (uint64_t)size : 0,
                            archive_entry_size_is_set(e) && size >= 0, archive_entry_is_encrypted(e),
                            archive_entry_mtime_is_set(e), (int64_t)archive_entry_mtime(e)};
            if (archive_entry_hardlink(e) != NULL && re.size == 0)
                re.type = AE_IFIFO; /* a hard link entry in a tar: no data of its own */
            rc = take_entry(t, part, ord, &re);
        }
        if (rc != TR_OK)
            break;
    }
    if (rc == TR_OK && zip && !has_end_record(t->parts[part].input, &split))
        rc = tree_add_problem(t, t->parts[part].name, 1,
                         "the archive's central directory is missing or damaged (a cut-off download?): "
                         "entries were read up to the damage, later ones may be missing");
out:
    archive_read_free(a);
    return rc;
}

/* The message for a piece of a split archive. */
static char *split_message(void)
{
    return tree_fmt("one piece of a split archive (.z01, .zip.001, ...), which trainable cannot read piece "
                    "by piece: join the pieces first (Info-ZIP: zip -s 0 NAME.zip --out whole.zip; "
                    "7-Zip pieces: cat NAME.zip.0* > whole.zip), or unzip them and scan the folder");
}

/* List one archive file: from its central directory when it is a zip whose
 * directory can be used, else by walking it. */
static tr_err list_file(tr_tree *t, size_t part, char **why)
{
    tr_err rc;
    int done = 0, split = 0;
    const char *input = t->parts[part].input;

    *why = NULL;
    if (split_piece_name(t->parts[part].name)) {
        *why = split_message();
        return *why ? TR_ERR_ARCHIVE : TR_ERR_NOMEM;
    }
    rc = list_zip_cd(t, part, &done);
    if (done || rc != TR_OK)
        return rc;
    if (has_end_record(input, &split) || zip_magic(input)) {
        t->parts[part].kind = PART_ZIP;
    } else if (split) {
        *why = split_message();
        return *why ? TR_ERR_ARCHIVE : TR_ERR_NOMEM;
    } else {
        t->parts[part].kind = PART_ARCHIVE;
    }
    return list_walk(t, part, why);
}

/* Add a part to list: an input, a file found in a folder input, or an
 * archive held in memory. Returns its index, or (size_t)-1 out of memory. */
static size_t add_part(tr_tree *t, const char *input, const char *name, int kind, unsigned depth, int memfd)
{
    tr_part *p;
    if (t->nparts == t->partcap) {
        size_t cap = t->partcap ? t->partcap * 2 : 8;
        tr_part *np = realloc(t->parts, cap * sizeof *np);
        if (np == NULL)
            return (size_t)-1;
        t->parts = np;
        t->partcap = cap;
    }
    p = &t->parts[t->nparts];
    memset(p, 0, sizeof *p);
    p->input = tree_pool_copy(t, input);
    p->name = tree_pool_strdup(t, name);
    p->kind = kind;
    p->depth = depth;
    p->memfd = memfd;
    if (p->input == NULL || p->name == NULL)
        return (size_t)-1;
    return t->nparts++;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk directory `rel` ("" for the root) of folder part `part`. Archives
 * outside any export folder (the parts of an export in a Downloads folder)
 * become parts of their own. */
static tr_err walk_dir(tr_tree *t, size_t part, const char *rel, uint32_t *ordinal)
{
    tr_err rc = TR_OK;
    char *dirpath = NULL, *path = NULL, *relpath = NULL, *shown = NULL;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    DIR *d = NULL;
    struct dirent *de;
    const char *root = t->parts[part].input;

    dirpath = *rel ? tree_fmt("%s/%s", root, rel) : tree_fmt("%s", root);
    if (dirpath == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    d = opendir(dirpath);
    if (d == NULL) {
        rc = tree_add_problem(t, rel, 1, "cannot read folder: %s", strerror(errno));
        goto out;
    }
    for (;;) {
        errno = 0;
        de = readdir(d);
        if (de == NULL) {
            if (errno != 0)
                rc = tree_add_problem(t, rel, 1, "folder not read completely: %s", strerror(errno));
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
        stop = entry_budget(t, part);
        if (stop != 0) {
            rc = stop < 0 ? TR_ERR_NOMEM : TR_OK;
            goto out;
        }
        if (lstat(path, &st) != 0) {
            rc = tree_add_problem(t, relpath, 1, "cannot read: %s", strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            if (strcmp(names[i], "__MACOSX") != 0)
                rc = walk_dir(t, part, relpath, ordinal);
        } else if (*ordinal == UINT32_MAX) {
            rc = tree_add_problem(t, relpath, 1, "too many entries; the rest is not listed");
            t->stop_listing = 1;
        } else if (S_ISREG(st.st_mode) && (tree_archive_name(names[i]) || split_piece_name(names[i])) &&
                   strncmp(names[i], "._", 2) != 0 && !under_root(t->roots, relpath)) {
            free(shown);
            shown = tree_fmt("%s/%s", t->parts[part].name, relpath);
            if (shown == NULL || add_part(t, path, shown, PART_ZIP, 0, -1) == (size_t)-1)
                rc = TR_ERR_NOMEM;
        } else {
            unsigned type = S_ISREG(st.st_mode) ? AE_IFREG : S_ISLNK(st.st_mode) ? AE_IFLNK : AE_IFIFO;
            uint32_t ord = (*ordinal)++;
            raw_entry r = {relpath, relpath, type, st.st_size > 0 ? (uint64_t)st.st_size : 0, 1, 0, 1,
                           (int64_t)st.st_mtime};
            rc = take_entry(t, part, ord, &r);
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
    free(shown);
    return rc;
}

/* ---- archives inside archives ------------------------------------------------ */

typedef struct inner_ctx {
    tr_tree *t;
    size_t *idx; /* entry index of each archive read */
    int *fd;     /* its memory file, or -1 */
    size_t n;
} inner_ctx;

/* A memory file: memfd (never on disk); in the browser page, whose file
 * system lives in memory, an unlinked temporary file of it. */
static int memory_file(void)
{
#ifdef __EMSCRIPTEN__
    char name[] = "/tmp/trainable-partXXXXXX";
    int fd = mkstemp(name);
    if (fd >= 0)
        unlink(name);
    return fd;
#else
    return memfd_create("trainable-part", MFD_CLOEXEC);
#endif
}

/* Copy one archive member into a memory file (never to disk). */
static int inner_visit(size_t index, const tr_member *m, tr_reader *r, void *user)
{
    inner_ctx *c = user;
    char buf[65536];
    size_t got;
    int fd = memory_file(), ok = fd >= 0;

    while (ok && (got = tr_reader_read(r, buf, sizeof buf)) != 0) {
        const char *p = buf;
        if (got == (size_t)-1) {
            const char *why;
            tr_reader_error(r, &why);
            if (tree_add_problem(c->t, m->path, 1, "archive inside the archive not read: %s", why) != TR_OK)
                return 1;
            ok = 0;
            break;
        }
        while (got > 0) {
            ssize_t w = write(fd, p, got);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                if (tree_add_problem(c->t, m->path, 1, "archive inside the archive not read: %s",
                                strerror(errno)) != TR_OK)
                    return 1;
                ok = 0;
                break;
            }
            p += w;
            got -= (size_t)w;
        }
    }
    if (fd < 0 && tree_add_problem(c->t, m->path, 1, "archive inside the archive not read: %s", strerror(errno)) != TR_OK)
        return 1;
    if (!ok && fd >= 0) {
        close(fd);
        fd = -1;
    }
    c->idx[c->n] = index;
    c->fd[c->n++] = fd;
    return 0;
}

/* Read the archives found inside archives into memory and add each as a
 * part (to be listed by the caller). One level at a time, MAX_DEPTH deep. */
static tr_err open_inner(tr_tree *t, size_t *added)
{
    tr_err rc = TR_OK;
    unsigned char *want = NULL;
    inner_ctx c = {t, NULL, NULL, 0};
    tr_limits saved = t->limits;
    size_t nw = 0;

    *added = 0;
    for (size_t i = 0; i < t->count; i++)
        if (t->entries[i].archive == 1)
            nw++;
    if (nw == 0)
        return TR_OK;
    want = calloc(t->count, 1);
    c.idx = malloc(nw * sizeof *c.idx);
    c.fd = malloc(nw * sizeof *c.fd);
    if (want == NULL || c.idx == NULL || c.fd == NULL) {
        rc = TR_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < t->count; i++) {
        tr_entry *e = &t->entries[i];
        if (e->archive != 1)
            continue;
        e->archive = 2; /* taken */
        if (e->size_known && e->m.size > INNER_MAX_BYTES) {
            rc = tree_add_problem(t, e->full, 1,
                             "an archive inside an archive is opened in memory, up to %llu bytes; this one "
                             "is %llu bytes: unpack the outer archive and give the archives inside it",
                             (unsigned long long)INNER_MAX_BYTES, (unsigned long long)e->m.size);
            if (rc != TR_OK)
                goto out;
            continue;
        }
        want[i] = 1;
    }
    /* the reader's limits are for documents; an inner archive has its own */
    t->limits.max_member_bytes = INNER_MAX_BYTES;
    t->limits.max_total_bytes = UINT64_MAX;
    rc = tr_tree_visit(t, want, inner_visit, &c);
    t->limits = saved;
    if (rc == TR_ERR_USAGE)
        rc = TR_ERR_NOMEM;
    for (size_t k = 0; k < c.n && rc == TR_OK; k++) {
        const tr_entry *e = &t->entries[c.idx[k]];
        char *input, *shown;
        size_t p;
        if (c.fd[k] < 0)
            continue;
        input = tree_fmt("/proc/self/fd/%d", c.fd[k]);
        shown = tree_fmt("%s/%s", t->parts[e->m.part].name, e->full);
        p = input && shown ? add_part(t, input, shown, PART_ZIP, t->parts[e->m.part].depth + 1, c.fd[k])
                           : (size_t)-1;
        free(input);
        free(shown);
        if (p == (size_t)-1) {
            rc = TR_ERR_NOMEM;
            break;
        }
        c.fd[k] = -1;
        (*added)++;
    }
out:
    for (size_t k = 0; k < c.n; k++)
        if (c.fd[k] >= 0)
            close(c.fd[k]);
    free(want);
    free(c.idx);
    free(c.fd);
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
                rc = tree_add_problem(t, a->m.path, 0, "duplicate across parts: %s and %s; using %s",
                                 t->parts[a->m.part].name, t->parts[b->m.part].name,
                                 t->parts[b->m.part].name);
            else
                rc = tree_add_problem(t, a->m.path, 0, "duplicate entry in %s; using the later one",
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

tr_err tr_tree_open(const char *const *inputs, size_t n, const char *const *roots,
                    const tr_limits *limits, tr_tree **out, char **errmsg)
{
    tr_err rc = TR_OK, first_code = TR_OK;
    tr_tree *t = NULL;
    char *first_msg = NULL, *why = NULL;
    size_t i, listed = 0;
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
    t->roots = roots;
    t->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    for (i = 0; i < n; i++) {
        const char *name = tree_base_name(t, inputs[i]);
        int dir = stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode);
        if (name == NULL || add_part(t, inputs[i], name, dir ? PART_FOLDER : PART_ZIP, 0, -1) == (size_t)-1) {
            rc = TR_ERR_NOMEM;
            goto out;
        }
        /* "." and ".." say nothing: name a folder after its real path. */
        if (dir && (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)) {
            char *real = realpath(inputs[i], NULL);
            if (real != NULL) {
                const char *nm = tree_base_name(t, real);
                if (nm != NULL)
                    t->parts[i].name = nm;
            }
            free(real);
        }
    }
    t->is_folder = n == 1 && t->parts[0].kind == PART_FOLDER;

    /* List every part; folders add the archives they hold, archives the
     * archives inside them (read into memory), as parts behind the inputs. */
    for (i = 0;; i++) {
        size_t added = 0;
        if (i == t->nparts) {
            rc = open_inner(t, &added);
            if (rc != TR_OK)
                goto out;
            if (added == 0)
                break;
        }
        size_t start = t->count;
        tr_err prc;

        if (t->stop_listing) {
            rc = tree_add_problem(t, t->parts[i].name, 1, "not listed: over the entry limit (--max-entries)");
            if (rc != TR_OK)
                goto out;
            continue;
        }
        if (t->parts[i].kind == PART_FOLDER) {
            uint32_t ordinal = 0;
            DIR *d = opendir(t->parts[i].input);
            if (d == NULL) {
                prc = TR_ERR_IO;
                why = tree_fmt("%s", strerror(errno));
            } else {
                closedir(d);
                prc = walk_dir(t, i, "", &ordinal);
            }
        } else if (t->parts[i].memfd < 0 && stat(t->parts[i].input, &st) != 0) {
            prc = TR_ERR_IO;
            why = tree_fmt("%s", strerror(errno));
        } else {
            prc = list_file(t, i, &why);
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
                first_msg = tree_fmt("%s: %s", t->parts[i].depth || i >= n ? t->parts[i].name : inputs[i], why);
                if (first_msg == NULL) {
                    rc = TR_ERR_NOMEM;
                    goto out;
                }
            }
            rc = tree_add_problem(t, t->parts[i].name, 1, "%s", why);
            free(why);
            why = NULL;
            if (rc != TR_OK)
                goto out;
            continue;
        }
        free(why);
        why = NULL;
        listed++;
    }
    if (listed == 0) {
        rc = first_code;
        goto out;
    }
    free(first_msg);
    first_msg = NULL;
    rc = tree_group(t);
    if (rc == TR_OK)
        rc = merge(t);
    if (rc == TR_OK)
        tree_export_times(t);
out:
    free(why);
    if (t != NULL)
        t->roots = NULL;
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
    for (i = 0; i < t->nparts; i++)
        if (t->parts[i].memfd >= 0)
            close(t->parts[i].memfd);
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

