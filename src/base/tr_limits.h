/* tr_limits.h - every limit of a scan in one place, with its default.
 *
 * Each limit can be overridden by the caller (the CLI has an option for
 * each). A limit hit is reported for the member concerned and makes the scan
 * incomplete; it never stops the scan.
 */
#ifndef TR_LIMITS_H
#define TR_LIMITS_H

#include <stdint.h>

#define TR_DEFAULT_MAX_MEMBER_BYTES  (512ull << 20)  /* largest JSON/HTML member parsed */
#define TR_DEFAULT_MAX_TOTAL_BYTES   (16ull << 30)   /* total JSON/HTML bytes read */
#define TR_DEFAULT_MAX_ENTRIES       2000000ull      /* archive entries over all parts */
#define TR_DEFAULT_MAX_DEPTH         64              /* JSON nesting depth accepted */
#define TR_DEFAULT_MAX_STRING_BYTES  (16ull << 20)   /* longest JSON string (or key) accepted */
#define TR_DEFAULT_MAX_VALUES        20000000ull     /* JSON values in one member (memory: 16 bytes each) */
#define TR_DEFAULT_STREAM_MIN_BYTES  (1ull << 20)    /* members this large are read one record at a time */
#define TR_DEFAULT_MAX_RATIO         200u            /* uncompressed : compressed bytes of a zip member */
#define TR_RATIO_MIN_BYTES           (1ull << 20)    /* the ratio is only checked past this many bytes */
#define TR_DEFAULT_MATCH_LIMIT       1000000u        /* PCRE2 match limit per match */
#define TR_DEFAULT_DEPTH_LIMIT       10000u          /* PCRE2 depth limit per match */

typedef struct tr_limits {
    uint64_t max_member_bytes; /* a document member larger than this is not parsed */
    uint64_t max_total_bytes;  /* documents are not read past this many bytes in all */
    uint64_t max_entries;      /* entries past this count are not listed */
    unsigned max_depth;        /* JSON nesting deeper than this is an error */
    uint64_t max_string_bytes; /* a JSON string or key longer than this is an error; 0: no limit */
    uint64_t stream_min_bytes; /* a JSON member this large whose records are a (wrapped) array is
                                * parsed one record at a time, not as one tree */
    uint64_t max_values;       /* a JSON member of more values than this is not used: parsing stops
                                * there (a parsed value takes 16 bytes: dense JSON such as
                                * [1,1,...] would otherwise take 8 times its size); 0: no limit */
    unsigned max_ratio;        /* a zip member inflating more than this many times its compressed
                                * bytes (once past TR_RATIO_MIN_BYTES) is stopped; 0: no limit */
    unsigned match_limit;      /* pcre2_set_match_limit */
    unsigned depth_limit;      /* pcre2_set_depth_limit */
} tr_limits;

/* Fill *l with the defaults above. */
void tr_limits_default(tr_limits *l);

#endif
