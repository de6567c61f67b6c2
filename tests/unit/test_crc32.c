/* test_crc32.c - tr_crc32 against the standard check value and a bitwise
 * reference, over every length up to a few kilobytes, unaligned starts and
 * arbitrary chunking (both the byte table and the folding path). */
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "tt.h"

/* One bit at a time, straight from the definition. */
static uint32_t reference(uint32_t crc, const unsigned char *p, size_t n)
{
    uint32_t c = ~crc;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return ~c;
}

static unsigned char *random_bytes(size_t n, uint32_t seed)
{
    unsigned char *p = malloc(n);
    for (size_t i = 0; p && i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)(seed >> 16);
    }
    return p;
}

TT_TEST(check_value)
{
    TT_INT_EQ(tr_crc32(0, "123456789", 9), 0xCBF43926u);
    TT_INT_EQ(tr_crc32(0, "", 0), 0);
    TT_INT_EQ(tr_crc32(0, NULL, 0), 0);
    TT_INT_EQ(tr_crc32(0x12345678u, "", 0), 0x12345678u);
}

TT_TEST(every_length_and_alignment)
{
    unsigned char *b = random_bytes(4200, 7);
    size_t bad = 0;
    TT_ASSERT(b != NULL);
    for (size_t len = 0; len <= 4096; len++)
        for (size_t off = 0; off < 3; off++)
            if (tr_crc32(0, b + off, len) != reference(0, b + off, len)) bad++;
    free(b);
    TT_INT_EQ(bad, 0);
}

TT_TEST(chunked_equals_whole)
{
    size_t n = 1u << 20, pos = 0;
    unsigned char *b = random_bytes(n, 11);
    uint32_t whole, c = 0, seed = 3;
    TT_ASSERT(b != NULL);
    whole = reference(0, b, n);
    TT_INT_EQ(tr_crc32(0, b, n), whole);
    while (pos < n) { /* chunks of 0 to 70,000 bytes */
        size_t k;
        seed = seed * 1103515245u + 12345u;
        k = (seed >> 8) % 70001u;
        if (k > n - pos) k = n - pos;
        c = tr_crc32(c, b + pos, k);
        pos += k;
    }
    TT_INT_EQ(c, whole);
    /* one flipped bit anywhere changes it */
    b[123457] ^= 0x10;
    TT_ASSERT(tr_crc32(0, b, n) != whole);
    free(b);
}

TT_TEST(all_zero_and_all_ones)
{
    unsigned char z[300], o[300];
    memset(z, 0, sizeof z);
    memset(o, 0xff, sizeof o);
    for (size_t len = 0; len <= sizeof z; len += 37) {
        TT_INT_EQ(tr_crc32(0, z, len), reference(0, z, len));
        TT_INT_EQ(tr_crc32(0, o, len), reference(0, o, len));
    }
}

int main(void)
{
    TT_RUN(check_value);
    TT_RUN(every_length_and_alignment);
    TT_RUN(chunked_equals_whole);
    TT_RUN(all_zero_and_all_ones);
    return tt_done();
}
