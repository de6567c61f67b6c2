/* tree_int.h - the insides of the archive tree, shared by tree.c (listing)
 * and treeread.c (reading members). Not part of libtrainable's interface. */
#ifndef TR_TREE_INT_H
#define TR_TREE_INT_H

#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>

#include <archive.h>
#include <archive_entry.h>

#include "tree.h"

#define ZIP_BLOCK_SIZE (64u * 1024u) /* libarchive read block for zip parts */
#define MAX_RETRIES 64               /* ARCHIVE_RETRY headers in a row before giving up */
#define MAX_REOPENS 16               /* reopenings of one part after fatal member errors */
#define POOL_CHUNK (64u * 1024u)     /* string pool chunk size */
#define NO_OFFSET UINT64_MAX

/* libarchive's ARCHIVE_ERRNO_FILE_FORMAT, which only its private headers define. */
#ifdef EFTYPE
#define TR_ERRNO_FILE_FORMAT EFTYPE
#else
#define TR_ERRNO_FILE_FORMAT EILSEQ
#endif

/* ---- types ------------------------------------------------------------ */

typedef struct pool_chunk {
    struct pool_chunk *next;
    size_t used, cap;
    char data[];
} pool_chunk;

typedef struct tr_entry {
    tr_member m;         /* public view; m.path points into `full` (wrapper stripped) */
    const char *full;    /* normalised path inside the part, wrapper included (pool) */
    const char *src;     /* folder input: path relative to the folder as on disk (pool) */
    uint64_t offset;     /* zip: where its local header starts (NO_OFFSET: reached by walking) */
    uint64_t span;       /* zip, with offset: about how many bytes from there the member takes */
    uint32_t crc;        /* zip, with offset: the CRC-32 the central directory gives */
    unsigned size_known; /* m.size came from the header or lstat */
    unsigned reported;   /* a visit recorded a problem for it (one per member) */
} tr_entry;

typedef struct tr_part {
    const char *input; /* the input as given (pool) */
    const char *name;  /* its basename (pool) */
} tr_part;

struct tr_tree {
    tr_limits limits;
    int is_folder;
    tr_part *parts; /* nparts, all inputs, listed or not */
    size_t nparts;
    tr_export *exports; /* nexports (>= 1 after listing) */
    size_t nexports;
    tr_entry *entries; /* sorted by export, then path, once tr_tree_open returns */
    size_t count, cap;
    tr_problem **problems; /* each malloc'd, so a tr_problem never moves */
    size_t nproblems, pcap;
    uint64_t total_bytes;
    uint64_t nlisted; /* entries seen over all parts (max_entries) */
    int stop_listing; /* max_entries was hit */
    pool_chunk *pool;
    char *scratch; /* normalisation buffer, grown as needed */
    size_t scratch_cap;
    locale_t utf8; /* thread-local locale for header reads, or (locale_t)0 */
    pthread_mutex_t mu; /* problems and the pool, while threads visit */
};

struct tr_reader {
    tr_tree *t;
    struct archive *a; /* zip part being read, or NULL */
    int fd;            /* folder member, or -1 */
    const tr_entry *e;
    uint64_t done;     /* bytes handed to the visitor for this member */
    uint64_t *total;   /* bytes read over the whole visit */
    int *exhausted;    /* set when max_total_bytes was hit */
    int64_t start;     /* zip: compressed bytes consumed from the part when the member began */
    int eof;
    int fatal; /* the zip part cannot continue (ARCHIVE_FATAL) */
    int check_crc; /* the CRC is checked here (tr_crc32), not by libarchive */
    uint32_t crc;  /* of the bytes handed out so far */
    tr_err err;
    char msg[512];
};

enum { NORM_OK, NORM_EMPTY, NORM_UNSAFE, NORM_JUNK, NORM_NOMEM };

/* tree.c: a malloc'd printf (NULL when out of memory). */
char *tree_fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
/* tree.c: record a problem (locked: callable from visiting threads). */
tr_err tree_add_problem_v(tr_tree *t, const char *path, int incomplete, const char *f, va_list ap);
/* tree.c: libarchive's last message for a. */
const char *tree_arch_msg(struct archive *a);
/* tree.c: read one header of a zip under the tree's UTF-8 locale. */
int tree_read_header(tr_tree *t, struct archive *a, struct archive_entry **e, const char **name);
/* tree.c: open a zip part for reading (NULL with *code and *why). */
struct archive *tree_open_zip(tr_tree *t, const char *input, tr_err *code, char **why);
/* tree.c: normalise a raw member name into *scratch (NORM_*); tree_normalise
 * uses the tree's own scratch buffer (one thread only). */
int tree_normalise_into(char **scratch, size_t *scratch_cap, const char *raw);
int tree_normalise(tr_tree *t, const char *raw);

#endif
