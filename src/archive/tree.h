/* tree.h - one virtual tree over all the parts of an export.
 *
 * The inputs are .zip parts (read with libarchive as streams: nothing is
 * extracted to disk) or one folder holding an unzipped export. All parts are
 * merged into one tree keyed by relative path, so a post whose JSON sits in
 * part 1 and whose photo sits in part 2 is resolved. Paths are normalised
 * ('\' becomes '/', "." components and leading '/' dropped; a ".." component
 * makes the entry a problem, never a path; bytes that are not UTF-8 become
 * U+FFFD), and the wrapper folder of each
 * part is stripped when it is not a known category folder. Junk entries
 * (__MACOSX/, ._*, .DS_Store, no-data.txt, directories) are dropped.
 *
 * Listing reads headers only (media are never decompressed). Reading data
 * happens in tr_tree_visit, which streams the wanted members part by part, in
 * archive order, through a tr_reader that enforces the size limits.
 *
 * Ownership: the tree owns every string it hands out; they stay valid until
 * tr_tree_free.
 */
#ifndef TR_TREE_H
#define TR_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "tr_limits.h"

typedef struct tr_member {
    const char *path;   /* relative to the export root, '/'-separated */
    uint64_t size;      /* uncompressed size from the header (or stat) */
    uint32_t part;      /* index of the input this member comes from */
    uint32_t ordinal;   /* position of the entry within its part */
    unsigned encrypted; /* nonzero: the member is encrypted and cannot be read */
    uint32_t exp;       /* index of the export (account download) it belongs to: tr_tree_export */
    int64_t mtime;      /* modification time from the header (Unix seconds), valid when has_mtime */
    unsigned has_mtime;
} tr_member;

/* One export: the parts of one account's download that belong together (same
 * wrapper name, or -partN names of one stem). Inputs that hold several
 * exports (another account, platform or date) give several, each with its own
 * members; paths are unique within an export, not across them. */
typedef struct tr_export {
    const char *name;     /* the export's name as the person knows it (zip stem or folder) */
    int64_t newest_mtime; /* newest modification time of its entries, valid when has_mtime */
    unsigned has_mtime;
    const char *missing;  /* human text of a named part that looks missing (a part2 without part1), or NULL */
} tr_export;

/* A problem met while listing or reading: a corrupt part, an entry with an
 * unsafe name, a duplicate across parts, a limit. `incomplete` is nonzero when
 * the problem means something was not scanned. */
typedef struct tr_problem {
    const char *path;    /* member path, or the input name for a whole part */
    const char *message; /* one line, no trailing newline */
    int incomplete;
} tr_problem;

typedef struct tr_tree tr_tree;
typedef struct tr_reader tr_reader;

/* Open and list the inputs: either n >= 1 zip files, or exactly one folder.
 * `limits` may be NULL for the defaults; it is copied.
 * `roots` is a NULL-terminated list of the known category folder names (a
 * first path component in this list is never stripped as a wrapper). Fatal
 * errors (no input could be opened or listed, a folder mixed with zips, an
 * input that is not a zip archive) return a code and set *errmsg to a
 * malloc'd message (caller frees) naming the input; per-entry trouble becomes
 * a tr_problem instead. On success *out owns everything; free with
 * tr_tree_free. */
tr_err tr_tree_open(const char *const *inputs, size_t n, const char *const *roots,
                    const tr_limits *limits, tr_tree **out, char **errmsg);
void tr_tree_free(tr_tree *t);

size_t tr_tree_count(const tr_tree *t);
const tr_member *tr_tree_member(const tr_tree *t, size_t i); /* sorted by export, then path */
/* Index of the member of export exp with exactly this path, or (size_t)-1. */
size_t tr_tree_find(const tr_tree *t, uint32_t exp, const char *path);

/* The exports found in the inputs (at least 1 once tr_tree_open succeeded). */
size_t tr_tree_exports(const tr_tree *t);
const tr_export *tr_tree_export(const tr_tree *t, size_t e);

size_t tr_tree_parts(const tr_tree *t);
const char *tr_tree_part_name(const tr_tree *t, size_t part); /* basename of the input */
int tr_tree_is_folder(const tr_tree *t);
uint64_t tr_tree_total_bytes(const tr_tree *t); /* sum of member sizes */

/* Problems recorded so far (listing, and reading once tr_tree_visit ran). */
size_t tr_tree_problem_count(const tr_tree *t);
const tr_problem *tr_tree_problem(const tr_tree *t, size_t i);

/* Called once per wanted member, in archive order. Read its bytes through r.
 * Return 0 to go on, nonzero to stop the visit (tr_tree_visit then returns
 * TR_ERR_USAGE). */
typedef int (*tr_visit_fn)(size_t index, const tr_member *m, tr_reader *r, void *user);

/* Stream the members i with want[i] != 0 (want has tr_tree_count entries).
 * An encrypted member, or one whose declared size exceeds
 * limits->max_member_bytes or the remaining total budget, is not visited: a
 * problem is recorded instead. A wanted member that cannot be reached because
 * its part broke off is recorded as a problem too. */
tr_err tr_tree_visit(tr_tree *t, const unsigned char *want, tr_visit_fn fn, void *user);

/* The visitor of tr_tree_visit_parallel. seq is the member's rank among the
 * wanted members in archive order (0, 1, ...), so results can be merged in
 * that order; thread (0 .. nthreads-1) tells which visiting thread calls. r is
 * NULL when the member is not read (a problem was recorded). Return 0 to go
 * on, nonzero to stop the visit. */
typedef int (*tr_pvisit_fn)(size_t seq, size_t index, const tr_member *m, tr_reader *r, void *user,
                            unsigned thread);

/* Like tr_tree_visit, but with up to nthreads threads reading and visiting
 * members at once (the calling thread is thread 0), and the visitor called
 * exactly once for every wanted member, read or not, concurrently from
 * several threads. Each zip member is reached directly at the offset its
 * part's central directory gives (zipdir.h). The visit runs on the calling
 * thread alone, in archive order, when the outcome could depend on timing or
 * a member cannot be reached directly: the read budget (max_total_bytes)
 * might run out, a size is unknown, a part has no usable central directory,
 * or a name there is not the one listed. */
tr_err tr_tree_visit_parallel(tr_tree *t, const unsigned char *want, size_t nthreads, tr_pvisit_fn fn,
                              void *user);

/* Read up to n bytes of the current member into buf. Returns the count, 0 at
 * the end of the member, or (size_t)-1 on error (corrupt data, or more bytes
 * than the declared size or than max_member_bytes, or a zip member inflating
 * past max_ratio times its compressed bytes: TR_ERR_LIMIT). After an
 * error tr_reader_error tells the code and message; the visit goes on with
 * the next member. */
size_t tr_reader_read(tr_reader *r, void *buf, size_t n);
tr_err tr_reader_error(const tr_reader *r, const char **message);

#endif
