/* names.h - member names as people's tools store them. A zip written without
 * the UTF-8 flag (Windows Explorer, old tools) stores names in the DOS code
 * page CP437; macOS stores names decomposed (NFD: "e" + combining accent).
 * The export's JSON names its media precomposed (NFC) in UTF-8, so the tree
 * matches names in NFC UTF-8.
 *
 * Ownership: each function returns a malloc'd, NUL-terminated string (caller
 * frees), or NULL when out of memory.
 */
#ifndef TR_NAMES_H
#define TR_NAMES_H

#include <stddef.h>

/* s[0..n) read as CP437, in UTF-8. */
char *tr_name_cp437(const char *s, size_t n, size_t *outlen);

/* s[0..n), valid UTF-8, in Unicode normalisation form C. */
char *tr_name_nfc(const char *s, size_t n, size_t *outlen);

#endif
