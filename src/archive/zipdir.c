/* zipdir.c - the central directory reader of zipdir.h (APPNOTE 6.3.x, 4.3.12-4.3.16). */
#include "zipdir.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EOCD_MIN 22u
#define EOCD_SEARCH (65535u + EOCD_MIN)

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t le64(const unsigned char *p) { return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32; }

static int read_at(int fd, void *buf, size_t n, uint64_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

/* Find the directory: its offset (as found in the file), size, entry count
 * and the shift of every stored offset (data in front of the zip). */
static int locate(int fd, uint64_t fsize, uint64_t *cd_off, uint64_t *cd_size, uint64_t *count, uint64_t *shift)
{
    unsigned char *buf, sig[4], rec[56];
    size_t n = fsize < EOCD_SEARCH ? (size_t)fsize : EOCD_SEARCH;
    uint64_t base = fsize - n;
    int rc = -1;

    buf = malloc(n);
    if (buf == NULL || read_at(fd, buf, n, base) != 0)
        goto out;
    for (size_t i = n - EOCD_MIN + 1; i-- > 0;) {
        const unsigned char *p = buf + i;
        uint64_t pos = base + i, off, size, cnt;
        if (memcmp(p, "PK\5\6", 4) != 0 || i + EOCD_MIN + le16(p + 20) != n)
            continue;
        cnt = le16(p + 10);
        size = le32(p + 12);
        off = le32(p + 16);
        if (cnt == 0xffff || size == 0xffffffffu || off == 0xffffffffu) {
            uint64_t loc, rpos;
            if (pos < 20 || read_at(fd, rec, 20, pos - 20) != 0 || memcmp(rec, "PK\6\7", 4) != 0)
                goto out;
            loc = le64(rec + 8);
            if (loc + 56 > pos || read_at(fd, rec, 56, loc) != 0 || memcmp(rec, "PK\6\6", 4) != 0) {
                goto out;
            }
            rpos = loc;
            cnt = le64(rec + 32);
            size = le64(rec + 40);
            off = le64(rec + 48);
            pos = rpos;
        }
        if (size > pos)
            goto out;
        /* the directory at its stated offset, or right before the end
         * records (data in front of the zip) */
        if (off + size <= pos && (size == 0 || (read_at(fd, sig, 4, off) == 0 && memcmp(sig, "PK\1\2", 4) == 0))) {
            *shift = 0;
            *cd_off = off;
        } else if (size > 0 && read_at(fd, sig, 4, pos - size) == 0 && memcmp(sig, "PK\1\2", 4) == 0 &&
                   pos - size >= off) {
            *shift = pos - size - off;
            *cd_off = pos - size;
        } else {
            goto out;
        }
        *cd_size = size;
        *count = cnt;
        rc = 0;
        break;
    }
out:
    free(buf);
    return rc;
}

int tr_zipdir_read(int fd, tr_zipdir_entry **out, size_t *n)
{
    struct stat st;
    uint64_t cd_off, cd_size, count, shift;
    unsigned char *cd = NULL;
    tr_zipdir_entry *ents = NULL;
    size_t k = 0, pos = 0;
    int rc = -1;

    *out = NULL;
    *n = 0;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)EOCD_MIN)
        goto out;
    if (locate(fd, (uint64_t)st.st_size, &cd_off, &cd_size, &count, &shift) != 0)
        goto out;
    if (cd_size > TR_ZIPDIR_MAX_BYTES || count > cd_size / 46 + 1)
        goto out;
    /* one block: the entries, then the directory bytes (names point there) */
    ents = malloc((size_t)count * sizeof *ents + (size_t)cd_size + 1);
    if (ents == NULL)
        goto out;
    cd = (unsigned char *)(ents + count);
    if (read_at(fd, cd, (size_t)cd_size, cd_off) != 0)
        goto out;
    while (k < count) {
        const unsigned char *p = cd + pos;
        size_t nlen, xlen, clen;
        uint64_t usize, csize, lho;
        if (cd_size - pos < 46 || memcmp(p, "PK\1\2", 4) != 0)
            goto out;
        nlen = le16(p + 28);
        xlen = le16(p + 30);
        clen = le16(p + 32);
        if (cd_size - pos - 46 < nlen + xlen + clen)
            goto out;
        usize = le32(p + 24);
        csize = le32(p + 20);
        lho = le32(p + 42);
        /* ZIP64 extra field: the 8-byte values of the fields set to ~0 */
        ents[k].other_name = 0;
        for (size_t x = 0; x + 4 <= xlen;) {
            const unsigned char *f = p + 46 + nlen + x;
            size_t flen = le16(f + 2), at = 4;
            if (x + 4 + flen > xlen)
                break;
            if (le16(f) == 0x0001) {
                if (usize == 0xffffffffu && at + 8 <= 4 + flen) {
                    usize = le64(f + at);
                    at += 8;
                }
                if (csize == 0xffffffffu && at + 8 <= 4 + flen) {
                    csize = le64(f + at);
                    at += 8;
                }
                if (lho == 0xffffffffu && at + 8 <= 4 + flen)
                    lho = le64(f + at);
            } else if (le16(f) == 0x7075) {
                ents[k].other_name = 1;
            }
            x += 4 + flen;
        }
        if (lho > UINT64_MAX - shift || lho + shift >= cd_off)
            goto out;
        ents[k].flags = le16(p + 8);
        ents[k].method = le16(p + 10);
        ents[k].csize = csize;
        ents[k].usize = usize;
        ents[k].made_by = le16(p + 4);
        ents[k].attr = le32(p + 38);
        ents[k].crc = le32(p + 16);
        ents[k].offset = lho + shift;
        ents[k].name = (const char *)p + 46;
        ents[k].name_len = nlen;
        k++;
        pos += 46 + nlen + xlen + clen;
    }
    /* the records fill the directory (a count cut to 16 bits, or lying,
     * would hide members), and the first member is where it is said to be
     * (a directory offset a few bytes off reads as data in front) */
    if (pos != cd_size)
        goto out;
    if (k > 0) {
        uint64_t low = ents[0].offset;
        unsigned char sig[4];
        for (size_t i = 1; i < k; i++)
            if (ents[i].offset < low)
                low = ents[i].offset;
        if (read_at(fd, sig, 4, low) != 0 || memcmp(sig, "PK\3\4", 4) != 0)
            goto out;
    }
    /* names become NUL-terminated: overwrite the byte after each name (the
     * start of the extra field or of the next record, already parsed) */
    for (size_t i = 0; i < k; i++)
        ((char *)ents[i].name)[ents[i].name_len] = '\0';
    *out = ents;
    *n = k;
    ents = NULL;
    rc = 0;
out:
    free(ents);
    return rc;
}
