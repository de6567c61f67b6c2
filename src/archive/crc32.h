/* crc32.h - the CRC-32 of zip members (ISO-HDLC, as zlib's crc32()).
 *
 * libarchive checks each member's CRC with zlib's table-driven crc32, which
 * is a tenth of a scan's time once JSON reading is fast. Where the CPU has
 * carry-less multiplication (x86-64 PCLMULQDQ), members read directly
 * (tree.c) are checked here instead, folding 64 bytes per step; elsewhere
 * libarchive keeps checking them. */
#ifndef TR_CRC32_H
#define TR_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Update crc (0 to start) with buf[0..len), zlib's convention. */
uint32_t tr_crc32(uint32_t crc, const void *buf, size_t len);

/* 1 when tr_crc32 runs on carry-less multiplication (and so is worth
 * using instead of libarchive's check), 0 when it is the table version. */
int tr_crc32_fast(void);

#endif
