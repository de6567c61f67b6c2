/* regex.h - PCRE2 patterns as the rules use them.
 *
 * Patterns are compiled once (UTF mode, invalid UTF tolerated in subjects,
 * JIT when available) and matched under the match and depth limits of
 * limits.h, so a runaway pattern gives an error, never a hang. Matching needs
 * a tr_matcher (one per thread): it holds the match data and limits.
 */
#ifndef TR_REGEX_H
#define TR_REGEX_H

#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

typedef struct tr_regex {
    char *src;         /* the pattern as written (owned) */
    pcre2_code *code;  /* compiled (owned) */
    char *lit;         /* a literal every match contains, or NULL (owned) */
    size_t litlen;
    int lit_at_start;  /* every match starts with it (the pattern is "^literal...") */
} tr_regex;

typedef struct tr_matcher {
    pcre2_match_data *md;
    pcre2_match_context *mc;
} tr_matcher;

/* Compile src into re. Returns 0, or -1 with *err_off (0-based offset in src)
 * and the PCRE2 message in errbuf. */
int tr_regex_compile(tr_regex *re, const char *src, size_t *err_off, char *errbuf, size_t errlen);
void tr_regex_free(tr_regex *re);

/* 0 on success, -1 out of memory. */
int tr_matcher_init(tr_matcher *m, unsigned match_limit, unsigned depth_limit);
void tr_matcher_free(tr_matcher *m);

/* 1 match, 0 no match, -1 a limit was hit or another matching error. A
 * subject without the pattern's required literal (tr_regex_literal) is
 * answered 0 without running PCRE2: rules test hundreds of paths and values
 * against patterns most of which cannot match. */
int tr_regex_match(const tr_regex *re, tr_matcher *m, const char *s, size_t len);

/* The same without the literal check (for tests). */
int tr_regex_match_pcre(const tr_regex *re, tr_matcher *m, const char *s, size_t len);

/* The longest run of literal characters at the top level of pattern src
 * that every match must contain: outside groups and classes, not made
 * optional by a quantifier. None (*len 0) when the pattern has a top-level
 * '|', an inline option or other "(?" construct, \Q, or no such run.
 * Returns a malloc'd copy (NULL when none or out of memory). */
char *tr_regex_literal(const char *src, size_t *len);
/* The same, and *at_start: 1 when the pattern begins with '^' followed by
 * that literal, so every match starts with it. */
char *tr_regex_literal_at(const char *src, size_t *len, int *at_start);

#endif
