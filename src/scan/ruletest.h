/* ruletest.h - run the examples that rule files carry (match / nomatch).
 *
 * For a rule's example, the whole rule set decides the example path (with
 * the example's JSON as the file and its facts) the way a scan would: the
 * first rule whose platform, path and file/fact conditions fit wins. When a
 * rule that could follow it looks at records (`when record ...`), each record
 * of the example's JSON is decided on its own, as a scan decides it. A
 * `match` example must be won by its own rule (for one record at least), a
 * `nomatch` example must not (for any record).
 * Fact examples must (or must not) read a value; unreferenced-media examples
 * must (or must not) be decided by their block.
 */
#ifndef TR_RULETEST_H
#define TR_RULETEST_H

#include <stddef.h>

#include "jdoc.h"
#include "report.h"
#include "rules.h"

/* Called for each failing example: where it is written, the block id, and a
 * one-line message. */
typedef void (*tr_test_fail_fn)(const char *file, unsigned line, const char *id, const char *message, void *user);

/* Run every example. Returns the number of failures; *nexamples (may be
 * NULL) receives the number of examples run. */
size_t tr_rules_test(const tr_rules *r, tr_test_fail_fn fail, void *user, size_t *nexamples);

/* The first rule deciding path for the given platforms, file JSON (may be
 * NULL) and facts, or -1. Used by the tests and by `rules test`. */
long tr_rules_decide(const tr_rules *r, unsigned platforms, const char *path, tr_jv *doc, const tr_fact *facts,
                     size_t nfacts, tr_matcher *m);

#endif
