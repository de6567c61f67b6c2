/* fuzz_text.c - the text helpers, the selector compiler and the regex
 * literal: tr_mojibake_repair, tr_utf8_valid / tr_utf8_scrub, the date
 * parsers, tr_jpath_compile + tr_jpath_each, and tr_regex_literal. Input: a
 * selector on the first line, and JSON after it for the selector to walk;
 * the whole input is also used as text. The first line is also a pattern,
 * matched against what follows it and against the whole input: whenever
 * PCRE2 matches, the literal tr_regex_literal took from the pattern must
 * occur in the subject (else tr_regex_match, which skips PCRE2 for a subject
 * without it, would answer differently). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "jdoc.h"
#include "jpath.h"
#include "regex.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(tr_jv *v, void *user)
{
    (void)v;
    return ++*(size_t *)user > 100000; /* stop a combinatorial walk */
}

/* PCRE2 matches s[0..n) => the literal occurs in it, and tr_regex_match agrees. */
static void check_literal(const tr_regex *re, tr_matcher *m, const char *s, size_t n)
{
    int p = tr_regex_match_pcre(re, m, s, n);
    if (p != 1) return;
    if (re->lit && !memmem(s, n, re->lit, re->litlen)) abort();
    if (tr_regex_match(re, m, s, n) != 1) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t n = 0, nl = 0;
    char *r, *line;

    /* mojibake repair: a copy or a repair, never longer, valid in -> valid out */
    r = tr_mojibake_repair(s, size, &n);
    if (!r) return 0;
    if (n > size || r[n] != '\0') abort();
    if (tr_utf8_valid(s, size) && !tr_utf8_valid(r, n)) abort();
    free(r);
    r = tr_utf8_scrub(s, size, &n);
    if (!r) return 0;
    if (!tr_utf8_valid(r, n) || r[n] != '\0') abort();
    free(r);

    /* the first line as a selector, a date and an export name */
    while (nl < size && data[nl] != '\n') nl++;
    line = malloc(nl + 1);
    if (!line) return 0;
    memcpy(line, data, nl);
    line[nl] = '\0';
    {
        tr_date d;
        if (tr_date_parse(line, &d) == 0 && !tr_date_valid(d)) abort();
        if (tr_export_name_date(line, &d) && !tr_date_valid(d)) abort();
        (void)tr_doc_stem_len(line);
    }
    {
        tr_jpath *p = NULL;
        size_t col = 0;
        const char *msg = NULL;
        if (tr_jpath_compile(line, &p, &col, &msg) == 0) {
            if (!p || strcmp(tr_jpath_source(p), line) != 0) abort();
            if (nl < size) {
                /* the parser writes into its buffer: a copy */
                size_t jlen = size - nl - 1;
                char *buf = malloc(jlen + 1);
                tr_jdoc *d = tr_jdoc_new();
                tr_jv *doc = NULL;
                if (buf && d) {
                    if (jlen) memcpy(buf, s + nl + 1, jlen);
                    buf[jlen] = '\0';
                    doc = tr_jdoc_parse(d, buf, jlen, 0, NULL, NULL, NULL);
                }
                if (doc) {
                    size_t k = 0;
                    tr_jpath_each(p, doc, count, &k);
                    (void)tr_jpath_first(p, doc);
                }
                tr_jdoc_free(d);
                free(buf);
            }
            tr_jpath_free(p);
        } else {
            if (p || !msg || col > nl) abort(); /* an error points inside the selector */
        }
    }
    {
        /* the first line as a pattern (up to a NUL in it, as a rule file
         * would give it), what follows as the subject, then the whole input */
        static tr_matcher m;
        static int m_ok;
        size_t ll = 0;
        char *lit = tr_regex_literal(line, &ll);
        if ((lit == NULL) != (ll == 0) || (lit && strlen(lit) != ll)) abort();
        free(lit);
        if (!m_ok) m_ok = tr_matcher_init(&m, 100000, 1000) == 0;
        tr_regex re;
        size_t off = 0;
        char err[128];
        if (m_ok && tr_regex_compile(&re, line, &off, err, sizeof err) == 0) {
            if ((re.lit == NULL) != (re.litlen == 0)) abort();
            if (nl < size) check_literal(&re, &m, s + nl + 1, size - nl - 1);
            check_literal(&re, &m, s, size);
            tr_regex_free(&re);
        }
    }
    free(line);
    return 0;
}
