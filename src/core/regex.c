/* regex.c - compile and match PCRE2 patterns with JIT and limits. */
#include "regex.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

int tr_regex_compile(tr_regex *re, const char *src, size_t *err_off, char *errbuf, size_t errlen)
{
    int errcode = 0;
    PCRE2_SIZE off = 0;

    memset(re, 0, sizeof *re);
    re->code = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                             PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &errcode, &off, NULL);
    if (!re->code) {
        if (errbuf && errlen) pcre2_get_error_message(errcode, (PCRE2_UCHAR *)errbuf, errlen);
        if (err_off) *err_off = (size_t)off;
        return -1;
    }
    (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    re->src = strdup(src);
    if (!re->src) {
        pcre2_code_free(re->code);
        re->code = NULL;
        if (errbuf && errlen) snprintf(errbuf, errlen, "out of memory");
        if (err_off) *err_off = 0;
        return -1;
    }
    return 0;
}

void tr_regex_free(tr_regex *re)
{
    if (!re) return;
    pcre2_code_free(re->code);
    free(re->src);
    re->code = NULL;
    re->src = NULL;
}

int tr_matcher_init(tr_matcher *m, unsigned match_limit, unsigned depth_limit)
{
    m->md = pcre2_match_data_create(1, NULL);
    m->mc = pcre2_match_context_create(NULL);
    if (!m->md || !m->mc) {
        tr_matcher_free(m);
        return -1;
    }
    pcre2_set_match_limit(m->mc, match_limit);
    pcre2_set_depth_limit(m->mc, depth_limit);
    return 0;
}

void tr_matcher_free(tr_matcher *m)
{
    if (!m) return;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    m->md = NULL;
    m->mc = NULL;
}

int tr_regex_match(const tr_regex *re, tr_matcher *m, const char *s, size_t len)
{
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, m->md, m->mc);
    if (rc >= 0) return 1;
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    return -1;
}
