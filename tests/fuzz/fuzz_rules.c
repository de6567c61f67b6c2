/* fuzz_rules.c - the rule-file parser (tr_rules_load) on arbitrary text,
 * then, when the text loads, the rule set's own examples (tr_rules_test),
 * which parse the examples' JSON and run every path, condition and fact. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "ruletest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_diag(const tr_diag *d, void *user)
{
    size_t *n = user;
    /* every diagnostic must carry a file and a message */
    if (!d->file || !d->message || !*d->message) abort();
    (*n)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    tr_rule_source src = {"fuzz.rules", text, size, 0};
    tr_rules *rules = NULL;
    size_t ndiag = 0, nerr = 0, nwarn = 0;

    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    tr_err rc = tr_rules_load(&src, 1, on_diag, &ndiag, &rules, &nerr, &nwarn);
    if (rc == TR_OK) {
        if (!rules || nerr) abort();
        tr_rules_test(rules, NULL, NULL, NULL);
    } else if (rc == TR_ERR_RULES) {
        if (rules || !nerr) abort(); /* an invalid set says why, and yields nothing */
    }
    if (ndiag != nerr + nwarn) abort();
    tr_rules_free(rules);
    free(text);
    return 0;
}
