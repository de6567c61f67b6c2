/* names.c - CP437 names and NFC composition of member names (names.h).
 * NFC comes from GNU libunistring (u8_normalize). The browser page is built
 * without libunistring for now (TR_NO_UNISTRING, scripts/build-web.sh):
 * there names are kept as they are, so a name stored in NFD (macOS) does not
 * match its NFC reference in the page. */
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef TR_NO_UNISTRING
#include <uninorm.h>
#endif

/* The code points of CP437's bytes 0x80-0xff. */
static const uint16_t cp437_high[128] = {
    0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5, 0x00e7,
    0x00ea, 0x00eb, 0x00e8, 0x00ef, 0x00ee, 0x00ec, 0x00c4, 0x00c5,
    0x00c9, 0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb, 0x00f9,
    0x00ff, 0x00d6, 0x00dc, 0x00a2, 0x00a3, 0x00a5, 0x20a7, 0x0192,
    0x00e1, 0x00ed, 0x00f3, 0x00fa, 0x00f1, 0x00d1, 0x00aa, 0x00ba,
    0x00bf, 0x2310, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab, 0x00bb,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
    0x2555, 0x2563, 0x2551, 0x2557, 0x255d, 0x255c, 0x255b, 0x2510,
    0x2514, 0x2534, 0x252c, 0x251c, 0x2500, 0x253c, 0x255e, 0x255f,
    0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c, 0x2567,
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256b,
    0x256a, 0x2518, 0x250c, 0x2588, 0x2584, 0x258c, 0x2590, 0x2580,
    0x03b1, 0x00df, 0x0393, 0x03c0, 0x03a3, 0x03c3, 0x00b5, 0x03c4,
    0x03a6, 0x0398, 0x03a9, 0x03b4, 0x221e, 0x03c6, 0x03b5, 0x2229,
    0x2261, 0x00b1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00f7, 0x2248,
    0x00b0, 0x2219, 0x00b7, 0x221a, 0x207f, 0x00b2, 0x25a0, 0x00a0,
};

char *tr_name_cp437(const char *s, size_t n, size_t *outlen)
{
    char *out = malloc(n * 3 + 1);
    size_t o = 0;

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (c >= 0x80)
            c = cp437_high[c - 0x80];
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xc0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3f));
        } else {
            out[o++] = (char)(0xe0 | (c >> 12));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[o++] = (char)(0x80 | (c & 0x3f));
        }
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

#ifdef TR_NO_UNISTRING
char *tr_name_nfc(const char *s, size_t n, size_t *outlen)
{
    char *out = malloc(n + 1);

    if (out != NULL) {
        memcpy(out, s, n);
        out[n] = '\0';
        *outlen = n;
    }
    return out;
}
#else
char *tr_name_nfc(const char *s, size_t n, size_t *outlen)
{
    size_t len = 0;
    uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &len);
    char *out = NULL;

    if (nfc == NULL)
        return NULL;
    out = malloc(len + 1);
    if (out != NULL) {
        memcpy(out, nfc, len);
        out[len] = '\0';
        *outlen = len;
    }
    free(nfc);
    return out;
}
#endif
