/* fuzz_json.c - one JSON member through the record extractor: parse,
 * records (auto and by selector), conditions, times, texts with mojibake
 * repair and media selectors of every built-in rule, as a scan does
 * (tests/fuzz/fuzzentry.h). Input: the member's bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzzentry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tr_rules *rules;
    static tr_limits limits;
    static tr_matcher m;
    tr_fuzz_stats st;

    if (!rules) {
        if (tr_rules_load_embedded(NULL, NULL, &rules) != TR_OK) abort();
        tr_limits_default(&limits);
        if (tr_matcher_init(&m, limits.match_limit, limits.depth_limit) != 0) abort();
    }
    if (tr_fuzz_json_member(rules, &limits, &m, (const char *)data, size, &st) != 0) abort(); /* out of memory */
    if (st.invalid_texts) abort(); /* repaired text must be UTF-8 */
    return 0;
}
