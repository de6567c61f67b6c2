/* crc32.c - CRC-32 (reflected polynomial 0xEDB88320), see crc32.h.
 *
 * The fast path folds the message 512 bits at a time with carry-less
 * multiplication, then to 128 and 64 bits, and ends with a Barrett
 * reduction, as in Intel's "Fast CRC Computation for Generic Polynomials
 * Using PCLMULQDQ" (2009); the constants are those of that paper for this
 * polynomial (also in Linux's crc32-pclmul). Lengths under 64 bytes and the
 * last 0-15 bytes go through the byte table. */
#include "crc32.h"

#include <pthread.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TR_HAVE_CLMUL 1
#include <immintrin.h>
#endif

static uint32_t table[256];
static int fast;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
#ifdef TR_HAVE_CLMUL
    __builtin_cpu_init();
    fast = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
#endif
}

/* The running (not inverted) state over bytes. */
static uint32_t bytewise(uint32_t c, const unsigned char *p, size_t n)
{
    while (n--) c = table[(c ^ *p++) & 0xffu] ^ (c >> 8);
    return c;
}

#ifdef TR_HAVE_CLMUL
/* The running state over n bytes, n >= 64 and a multiple of 16. */
__attribute__((target("pclmul,sse4.1"))) static uint32_t folded(uint32_t c, const unsigned char *p, size_t n)
{
    const __m128i r2r1 = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);
    const __m128i r4r3 = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);
    const __m128i r5 = _mm_set_epi64x(0, 0x163cd6124);
    const __m128i poly = _mm_set_epi64x(0x1f7011641, 0x1db710641); /* mu, P' */
    const __m128i mask32 = _mm_set_epi32(0, 0, 0, -1);
    __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(const void *)(p + 32));
    __m128i x4 = _mm_loadu_si128((const __m128i *)(const void *)(p + 48));
    __m128i t;

    x1 = _mm_xor_si128(x1, _mm_cvtsi32_si128((int)c));
    p += 64;
    n -= 64;
    while (n >= 64) { /* four lanes, 64 bytes a step */
        __m128i y1 = _mm_clmulepi64_si128(x1, r2r1, 0x11), y2 = _mm_clmulepi64_si128(x2, r2r1, 0x11);
        __m128i y3 = _mm_clmulepi64_si128(x3, r2r1, 0x11), y4 = _mm_clmulepi64_si128(x4, r2r1, 0x11);
        x1 = _mm_xor_si128(_mm_clmulepi64_si128(x1, r2r1, 0x00), y1);
        x2 = _mm_xor_si128(_mm_clmulepi64_si128(x2, r2r1, 0x00), y2);
        x3 = _mm_xor_si128(_mm_clmulepi64_si128(x3, r2r1, 0x00), y3);
        x4 = _mm_xor_si128(_mm_clmulepi64_si128(x4, r2r1, 0x00), y4);
        x1 = _mm_xor_si128(x1, _mm_loadu_si128((const __m128i *)(const void *)p));
        x2 = _mm_xor_si128(x2, _mm_loadu_si128((const __m128i *)(const void *)(p + 16)));
        x3 = _mm_xor_si128(x3, _mm_loadu_si128((const __m128i *)(const void *)(p + 32)));
        x4 = _mm_xor_si128(x4, _mm_loadu_si128((const __m128i *)(const void *)(p + 48)));
        p += 64;
        n -= 64;
    }
    /* four lanes into one */
    t = _mm_clmulepi64_si128(x1, r4r3, 0x11);
    x1 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x1, r4r3, 0x00), t), x2);
    t = _mm_clmulepi64_si128(x1, r4r3, 0x11);
    x1 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x1, r4r3, 0x00), t), x3);
    t = _mm_clmulepi64_si128(x1, r4r3, 0x11);
    x1 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x1, r4r3, 0x00), t), x4);
    while (n >= 16) {
        t = _mm_clmulepi64_si128(x1, r4r3, 0x11);
        x1 = _mm_xor_si128(_mm_clmulepi64_si128(x1, r4r3, 0x00), t);
        x1 = _mm_xor_si128(x1, _mm_loadu_si128((const __m128i *)(const void *)p));
        p += 16;
        n -= 16;
    }
    /* 128 to 64 bits (R4 times the low half, added to the high half) */
    t = _mm_clmulepi64_si128(r4r3, x1, 0x01);
    x1 = _mm_xor_si128(_mm_srli_si128(x1, 8), t);
    /* 64 to 32 bits */
    t = _mm_clmulepi64_si128(_mm_and_si128(x1, mask32), r5, 0x00);
    x1 = _mm_xor_si128(_mm_srli_si128(x1, 4), t);
    /* Barrett reduction */
    t = _mm_and_si128(_mm_clmulepi64_si128(_mm_and_si128(x1, mask32), poly, 0x10), mask32);
    t = _mm_clmulepi64_si128(t, poly, 0x00);
    x1 = _mm_xor_si128(x1, t);
    return (uint32_t)_mm_extract_epi32(x1, 1);
}
#endif

uint32_t tr_crc32(uint32_t crc, const void *buf, size_t len)
{
    const unsigned char *p = buf;
    uint32_t c = ~crc;

    pthread_once(&once, init);
#ifdef TR_HAVE_CLMUL
    if (fast && len >= 64) {
        size_t whole = len & ~(size_t)15;
        c = folded(c, p, whole);
        p += whole;
        len -= whole;
    }
#endif
    return ~bytewise(c, p, len);
}

int tr_crc32_fast(void)
{
    pthread_once(&once, init);
    return fast;
}
