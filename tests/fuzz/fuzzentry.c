/* fuzzentry.c - one JSON member through every rule, as a scan would
 * (fuzzentry.h). */
#include "fuzzentry.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "jdoc.h"

typedef struct run {
    const tr_rule *rule;
    tr_jv *doc;
    const tr_fact *facts;
    size_t nfacts;
    tr_matcher *m;
    tr_fuzz_stats *st;
    int oom;
} run;

static int media_visit(tr_jv *v, void *user)
{
    run *x = user;
    if (tr_jv_is_string(v)) x->st->media++;
    return 0;
}

static int record_visit(tr_jv *rec, void *user)
{
    run *x = user;
    const tr_rule *ru = x->rule;
    int64_t t;
    int oom = 0;

    x->st->records++;
    if (tr_rule_conds(ru, TR_SCOPE_RECORD, x->doc, rec, x->facts, x->nfacts, x->m) < 0) x->st->limit_hits++;
    if (tr_item_time(ru, rec, &t)) x->st->times++;
    char *text = tr_item_text(ru, rec, 1, &oom);
    if (oom) {
        x->oom = 1;
        return 1;
    }
    if (text) {
        if (!tr_utf8_valid(text, strlen(text))) x->st->invalid_texts++;
        x->st->texts++;
        free(text);
    }
    for (size_t j = 0; j < ru->nmedia; j++)
        if (ru->media[j]) tr_jpath_each(ru->media[j], rec, media_visit, x);
    return 0;
}

int tr_fuzz_json_member(const tr_rules *rules, const tr_limits *limits, tr_matcher *m, const char *data,
                        size_t len, tr_fuzz_stats *stats)
{
    tr_fuzz_stats local;
    tr_fact *facts = NULL;
    size_t nfacts = 0;
    tr_jdoc *d = NULL;
    char *buf = NULL;
    tr_jerror jerr;
    tr_jv *doc;
    int rc = 0;

    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    if (!rules || !limits || !m) return 0;
    if (limits->max_member_bytes && len > limits->max_member_bytes) return 0;
    /* scan.c, process_job: parse within the depth, string and value limits
     * (the parser writes into its buffer: a copy) */
    tr_jlimits jl = {limits->max_depth, limits->max_string_bytes, limits->max_values, limits->max_values != 0};
    buf = malloc(len + 1);
    d = tr_jdoc_new();
    if (!buf || !d) {
        rc = -1;
        goto out;
    }
    if (len) memcpy(buf, data, len);
    buf[len] = '\0';
    doc = tr_jdoc_parse(d, buf, len, 0, &jl, NULL, &jerr);
    if (!doc) {
        if (jerr.kind == TR_JERR_NOMEM) rc = -1;
        goto out;
    }
    stats->parsed = 1;

    /* scan.c, read_facts: every fact block's value */
    facts = calloc(rules->nfacts + 1, sizeof *facts);
    if (!facts) {
        rc = -1;
        goto out;
    }
    for (size_t f = 0; f < rules->nfacts; f++) {
        const tr_factrule *fr = &rules->facts[f];
        tr_jv *v = tr_jpath_first(fr->value, doc);
        tr_fact fact;
        memset(&fact, 0, sizeof fact);
        if (!v || tr_fact_from_json(v, fr->type, &fact) != 0) continue;
        fact.name = fr->sets;
        facts[nfacts++] = fact;
        stats->facts++;
    }

    /* scan.c, extract_items and record_visit: every rule, not only the
     * candidates a path would select */
    for (size_t k = 0; k < rules->nrules && rc == 0; k++) {
        const tr_rule *ru = &rules->rules[k];
        run x = {ru, doc, facts, nfacts, m, stats, 0};
        int f1 = tr_rule_conds(ru, TR_SCOPE_FILE, doc, NULL, facts, nfacts, m);
        int f2 = tr_rule_conds(ru, TR_SCOPE_FACT, doc, NULL, facts, nfacts, m);
        if (f1 < 0 || f2 < 0) stats->limit_hits++;
        tr_records_each(ru->records, doc, record_visit, &x);
        if (x.oom) rc = -1;
    }
out:
    for (size_t i = 0; i < nfacts; i++) free(facts[i].text);
    free(facts);
    tr_jdoc_free(d);
    free(buf);
    return rc;
}
