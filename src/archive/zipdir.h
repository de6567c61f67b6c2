/* zipdir.h - where each member of a zip file starts, from its central directory.
 *
 * libarchive walks a zip's members one after the other: reaching member N
 * means reading the local headers of the N-1 before it. To let several
 * threads read members of one part at once, the tree reads the central
 * directory here, once, for the offset of every local header; each thread
 * then hands libarchive's streaming zip reader a view that starts at the
 * member it wants. Only offsets come from here: names, sizes and data are
 * still read and checked by libarchive, and the tree compares the name it
 * finds at the offset with the one it listed.
 *
 * Handles data in front of the archive (the offsets are then shifted) and
 * ZIP64. Refuses (returns -1) when the end record or the directory is not
 * where it says, its records do not fill it exactly (an entry count that
 * wrapped at 65535 without ZIP64, or lies), the first local header is not at
 * its offset, or the directory is larger than TR_ZIPDIR_MAX_BYTES.
 *
 * Ownership: *out and every name in it live in one malloc'd block; free it
 * with free(*out).
 */
#ifndef TR_ZIPDIR_H
#define TR_ZIPDIR_H

#include <stddef.h>
#include <stdint.h>

#define TR_ZIPDIR_MAX_BYTES (256u << 20)

typedef struct tr_zipdir_entry {
    const char *name;   /* raw bytes as stored, NUL-terminated */
    size_t name_len;
    uint64_t offset;    /* of the local header, from the start of the file */
    uint64_t csize;     /* compressed size */
    uint64_t usize;     /* uncompressed size */
    uint32_t attr;      /* external attributes (Unix mode in the high 16 bits when made_by is 3) */
    uint32_t crc;       /* CRC-32 of the uncompressed data */
    uint16_t made_by;   /* version made by: high byte is the host system */
    uint16_t flags;     /* general purpose bit flags (bit 0 encrypted, bit 3 data descriptor) */
    uint16_t method;    /* 0 stored, 8 deflated, ... */
    unsigned other_name; /* an extra field gives another name (0x7075, Info-ZIP Unicode path) */
} tr_zipdir_entry;

/* Read the central directory of the zip file open on fd. Returns 0 and
 * sets *out / *n, or -1 (not readable this way; *out NULL). */
int tr_zipdir_read(int fd, tr_zipdir_entry **out, size_t *n);

#endif
