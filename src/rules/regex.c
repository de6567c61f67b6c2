/* regex.c - compile and match PCRE2 patterns with JIT and limits. */
#include "regex.h"

#include <ctype.h>
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
    if (re->src) re->lit = tr_regex_literal_at(src, &re->litlen, &re->lit_at_start);
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
    free(re->lit);
    re->code = NULL;
    re->src = NULL;
    re->lit = NULL;
    re->litlen = 0;
}

/* Drop the last character (a whole UTF-8 sequence) of buf[0..*n). */
static void drop_last(const char *buf, size_t *n)
{
    while (*n > 0 && ((unsigned char)buf[*n - 1] & 0xc0) == 0x80) (*n)--;
    if (*n > 0) (*n)--;
}

char *tr_regex_literal(const char *src, size_t *len)
{
    int at_start;
    return tr_regex_literal_at(src, len, &at_start);
}

char *tr_regex_literal_at(const char *src, size_t *len, int *at_start)
{
    size_t n = strlen(src), cur = 0, best = 0, depth = 0, cur_from = 0, best_from = 0;
    char *run = malloc(n + 1), *out = NULL;
    char *bestbuf = malloc(n + 1);

    *len = 0;
    if (!run || !bestbuf || strstr(src, "(?") || strstr(src, "\\Q") || strstr(src, "(*") || strstr(src, "[:") ||
        strstr(src, "[.") || strstr(src, "[="))
        goto out;
    *at_start = 0;
    /* a run starts where its first character is; cur_from is the pattern
     * index of the first character of the current run */
#define END_RUN()                                                                                                      \
    do {                                                                                                               \
        if (cur > best) {                                                                                              \
            memcpy(bestbuf, run, cur);                                                                                 \
            best = cur;                                                                                                \
            best_from = cur_from;                                                                                      \
        }                                                                                                              \
        cur = 0;                                                                                                       \
    } while (0)
#define ADD(ch)                                                                                                        \
    do {                                                                                                               \
        if (cur == 0) cur_from = i;                                                                                    \
        run[cur++] = (ch);                                                                                             \
    } while (0)
    for (size_t i = 0; i < n; i++) {
        char c = src[i];
        if (c == '[') { /* a class, at any depth: skip it whole */
            END_RUN();
            i++;
            if (i < n && src[i] == '^') i++;
            if (i < n && src[i] == ']') i++;
            while (i < n && src[i] != ']') {
                if (src[i] == '\\') i++;
                i++;
            }
            if (i >= n) goto none;
            continue;
        }
        if (depth > 0) {
            if (c == '\\') i++;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            continue;
        }
        switch (c) {
        case '\\':
            if (i + 1 >= n) goto none;
            c = src[++i];
            if (isalnum((unsigned char)c) || (unsigned char)c >= 0x80) {
                /* a class such as \d or an assertion such as \b ends the
                 * run; an escape with an argument (\x41, \101, \cJ, \pL,
                 * \g1, \E...) is not worth reading: no literal at all */
                if (!strchr("dDwWsSbBhHvVRXAzZGK", c)) goto none;
                END_RUN();
                continue;
            }
            i--; /* the run starts at the backslash */
            ADD(c);
            i++;
            continue;
        case '(':
            END_RUN();
            depth++;
            continue;
        case ')':
        case '|':
            goto none;
        case '.':
        case '^':
        case '$':
            END_RUN();
            continue;
        case '?':
        case '*':
        case '{':
            /* the character before may occur zero times */
            drop_last(run, &cur);
            END_RUN();
            if (c == '{') { /* {n}, {n,} or {n,m}; any other brace: no literal */
                size_t j = i + 1;
                if (j >= n || !isdigit((unsigned char)src[j])) goto none;
                while (j < n && isdigit((unsigned char)src[j])) j++;
                if (j < n && src[j] == ',') {
                    j++;
                    while (j < n && isdigit((unsigned char)src[j])) j++;
                }
                if (j >= n || src[j] != '}') goto none;
                i = j;
            }
            continue;
        case '+':
            END_RUN();
            continue;
        default:
            ADD(c);
        }
    }
    if (depth != 0) goto none;
    END_RUN();
#undef END_RUN
#undef ADD
    /* "^literal...": the literal begins every match (no top-level '|' here) */
    *at_start = best > 0 && best_from == 1 && src[0] == '^';
    if (best == 0) goto out;
    out = malloc(best + 1);
    if (!out) goto out;
    memcpy(out, bestbuf, best);
    out[best] = '\0';
    *len = best;
    goto out;
none:
    *len = 0;
    *at_start = 0;
out:
    free(run);
    free(bestbuf);
    return out;
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

/* Whether s[0..n) contains lit[0..k) (k >= 1): subjects are short paths
 * and values, where finding the first byte with memchr beats memmem. */
static int contains(const char *s, size_t n, const char *lit, size_t k)
{
    const char *end;
    if (k > n) return 0;
    end = s + (n - k) + 1;
    while (s < end) {
        const char *p = memchr(s, lit[0], (size_t)(end - s));
        if (!p) return 0;
        if (memcmp(p + 1, lit + 1, k - 1) == 0) return 1;
        s = p + 1;
    }
    return 0;
}

int tr_regex_match(const tr_regex *re, tr_matcher *m, const char *s, size_t len)
{
    if (re->lit) {
        if (re->lit_at_start ? len < re->litlen || memcmp(s, re->lit, re->litlen) != 0
                             : !contains(s, len, re->lit, re->litlen))
            return 0;
    }
    return tr_regex_match_pcre(re, m, s, len);
}

int tr_regex_match_pcre(const tr_regex *re, tr_matcher *m, const char *s, size_t len)
{
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, m->md, m->mc);
    if (rc >= 0) return 1;
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    return -1;
}
