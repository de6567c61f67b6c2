/* test_regex.c - unit tests for src/rules/regex.c, in particular the required
 * literal tr_regex_literal extracts from a pattern's source.
 *
 * tr_regex_match answers 0 without running PCRE2 when the subject lacks the
 * pattern's literal. That is only right if every match contains the literal:
 * an extraction that returns too much silently changes which rule a file
 * gets. So besides a table of patterns and the literal expected of each, the
 * implication
 *
 *     tr_regex_match_pcre(re, s) == 1   =>   re->lit occurs in s
 *
 * (and with it tr_regex_match == tr_regex_match_pcre) is checked
 *
 *  - for known tricky pattern / subject pairs (known_pairs);
 *  - for every pattern of the built-in rule set (rule paths, fact paths,
 *    unreferenced paths, layout markers, media paths, profile folders, `~`
 *    and `!~` conditions) against every member path of every sample zip
 *    (with and without extension, with each leading folder dropped), every
 *    string of the samples' JSON members, the paths, JSON strings and facts
 *    of the rules' examples, and a few thousand deterministic mutations;
 *  - exhaustively, for every pattern of up to four characters over a small
 *    alphabet of metacharacters against every short subject;
 *  - for a few thousand patterns generated from a small grammar (literals
 *    incl. UTF-8, escapes, classes, groups with alternation, quantifiers,
 *    anchors, braces that are not quantifiers), each with a subject the
 *    grammar builds to match it, mutations of that subject, random subjects
 *    and the samples of other patterns.
 *
 * A counterexample is printed as pattern, subject and literal (bytes outside
 * printable ASCII as \xNN) and fails the test; the number of (pattern,
 * subject) pairs that matched is printed so the run visibly exercises
 * matches.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include "tt.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "extract.h"
#include "jdoc.h"
#include "regex.h"
#include "rules.h"
#include "zipdir.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MATCH_LIMIT 100000u
#define DEPTH_LIMIT 1000u
#define MAX_SHOWN 25 /* patterns whose (first) counterexample a test prints */

/* ---- helpers ----------------------------------------------------------------- */

static uint64_t rng_state;

static void rng_seed(uint64_t s) { rng_state = s ? s : 0x9e3779b97f4a7c15u; }

static uint64_t rng(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717u;
}

static size_t rnd(size_t n) { return n ? (size_t)(rng() % n) : 0; }

/* s[0..n) for a message: printable ASCII as is, the rest as \xNN. */
static const char *show(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    if (!s) {
        snprintf(out, cap, "(none)");
        return out;
    }
    for (size_t i = 0; i < n && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
            out[o++] = (char)c;
        } else {
            o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
        }
    }
    out[o] = '\0';
    return out;
}

typedef struct stats {
    size_t pairs;       /* (pattern, subject) pairs run */
    size_t matched;     /* ... PCRE2 matched */
    size_t matched_lit; /* ... PCRE2 matched and the pattern has a literal */
    size_t skipped;     /* ... the literal filter answered 0 (subject lacks it) */
    size_t limits;      /* ... PCRE2 hit a limit */
    size_t bad;         /* counterexamples */
    size_t bad_patterns; /* patterns with a counterexample */
    char last_bad[512]; /* the pattern of the last counterexample */
} stats;

/* Run re on s both ways; count, and print a counterexample. 0 ok, -1 bad. */
static int check_pair(const tr_regex *re, tr_matcher *m, const char *s, size_t n, stats *st)
{
    int p = tr_regex_match_pcre(re, m, s, n);
    int f = tr_regex_match(re, m, s, n);
    int has = !re->lit || memmem(s, n, re->lit, re->litlen) != NULL;

    st->pairs++;
    if (p < 0) st->limits++;
    if (p == 1) {
        st->matched++;
        if (re->lit) st->matched_lit++;
    }
    if (!has) st->skipped++;
    /* the filter may only turn a limit (-1) into 0, never change 1 or 0 */
    if ((p == 1 && !has) || (p == 1) != (f == 1) || (has && p != f)) {
        st->bad++;
        if (strncmp(st->last_bad, re->src, sizeof st->last_bad - 1) != 0) { /* the first of each pattern */
            snprintf(st->last_bad, sizeof st->last_bad, "%s", re->src);
            if (st->bad_patterns++ >= MAX_SHOWN) return -1;
            char a[512], b[512], c[256];
            fprintf(stderr, "  counterexample: pattern \"%s\" subject \"%s\" literal \"%s\": pcre %d, filtered %d\n",
                    show(re->src, strlen(re->src), a, sizeof a), show(s, n, b, sizeof b),
                    show(re->lit, re->litlen, c, sizeof c), p, f);
        }
        return -1;
    }
    return 0;
}

/* ---- a set of byte strings (deduplicated) ------------------------------------ */

typedef struct subj {
    char *s; /* NUL-terminated copy (may hold NULs) */
    size_t n;
} subj;

typedef struct sset {
    subj *v;
    size_t n, cap;
    size_t *tab; /* open addressing: index + 1, 0 empty */
    size_t tabcap;
} sset;

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static int sset_grow(sset *S)
{
    size_t nc = S->tabcap ? S->tabcap * 2 : 1024;
    size_t *nt = calloc(nc, sizeof *nt);
    if (!nt) return -1;
    for (size_t i = 0; i < S->n; i++) {
        size_t h = (size_t)hash(S->v[i].s, S->v[i].n) & (nc - 1);
        while (nt[h]) h = (h + 1) & (nc - 1);
        nt[h] = i + 1;
    }
    free(S->tab);
    S->tab = nt;
    S->tabcap = nc;
    return 0;
}

/* 1 added, 0 already there, -1 out of memory */
static int sset_add(sset *S, const char *s, size_t n)
{
    if ((S->n + 1) * 2 > S->tabcap && sset_grow(S) != 0) return -1;
    size_t h = (size_t)hash(s, n) & (S->tabcap - 1);
    while (S->tab[h]) {
        const subj *e = &S->v[S->tab[h] - 1];
        if (e->n == n && memcmp(e->s, s, n) == 0) return 0;
        h = (h + 1) & (S->tabcap - 1);
    }
    if (S->n == S->cap) {
        size_t nc = S->cap ? S->cap * 2 : 1024;
        subj *nv = realloc(S->v, nc * sizeof *nv);
        if (!nv) return -1;
        S->v = nv;
        S->cap = nc;
    }
    char *c = malloc(n + 1);
    if (!c) return -1;
    memcpy(c, s, n);
    c[n] = '\0';
    S->v[S->n].s = c;
    S->v[S->n].n = n;
    S->tab[h] = ++S->n;
    return 1;
}

static void sset_free(sset *S)
{
    for (size_t i = 0; i < S->n; i++) free(S->v[i].s);
    free(S->v);
    free(S->tab);
    memset(S, 0, sizeof *S);
}

/* ---- the literal of each pattern ------------------------------------------- */

typedef struct lcase {
    const char *pat;
    const char *lit; /* NULL: none */
} lcase;

static const lcase LITERALS[] = {
    /* plain literals */
    {"abc", "abc"},
    {"a", "a"},
    {"", NULL},
    {"posts/your_posts", "posts/your_posts"},
    {"Meta AI", "Meta AI"},
    {"a b#c", "a b#c"}, /* not extended: space and # are literal */
    {"a]b}c", "a]b}c"}, /* a lone ] or } is literal */
    /* escapes of punctuation: literal characters */
    {"a\\/b", "a/b"},
    {"\\.json", ".json"},
    {"x\\-y", "x-y"},
    {"a\\\\b", "a\\b"},
    {"\\(a\\)", "(a)"},
    {"a\\|b", "a|b"},
    {"a\\[b\\]", "a[b]"},
    {"a\\{2\\}", "a{2}"},
    {"a\\.?bcd", "bcd"}, /* the escaped character is the one made optional */
    {"a\\_b", "a_b"},
    /* escapes of letters and digits: run breakers */
    {"ab\\dcde", "cde"},
    {"abc\\wde", "abc"},
    {"ab\\bcde", "cde"},
    {"abc\\sd", "abc"},
    {"\\Aabc\\z", "abc"},
    /* escapes with an argument (\x41 is A, not "41"; \101 octal; \cJ a
     * newline; \pL a letter; \1 a back reference): the pattern is given up,
     * rather than read wrongly */
    {"(a)\\1bc", NULL},
    {"zz\\x41yyy", NULL},
    {"\\x{41}bc", NULL},
    {"zz\\x41", NULL},
    {"\\x41bc", NULL},
    {"\\101bc", NULL},
    {"\\012bc", NULL},
    {"\\cJbc", NULL},
    {"\\pLbc", NULL},
    {"\\PLbc", NULL},
    {"\\p{L}bc", NULL},
    {"[[:alpha:]]bc", NULL}, /* a POSIX class inside a class: given up too */
    {"ab{|c}", NULL},        /* { not a quantifier: the | is top-level */
    /* groups: content ignored, at any depth, with quantifiers after them */
    {"ab(cd)efg", "efg"},
    {"ab(c(d)e)fgh", "fgh"},
    {"ab(c(d(e)f)g)hi", "ab"},
    {"(a|b)cde", "cde"},
    {"ab(cd)?efg", "efg"},
    {"abc(de)+", "abc"},
    {"abc(de){2}", "abc"},
    {"abc(de)*?f", "abc"},
    {"(abcdef)?xy", "xy"},
    {"(ab\\)cd)ef", "ef"},
    /* classes, at the top and inside groups */
    {"ab[cd]efg", "efg"},
    {"[]a]bcd", "bcd"},
    {"[^]a]bcd", "bcd"},
    {"[a\\]b]cde", "cde"},
    {"[|]abc", "abc"},
    {"x([)]|y)abc", "abc"},
    {"x([(]y)abc", "abc"},
    {"(a[)(]b)cd", "cd"},
    {"ab[cd]?ef", "ab"},
    {"[abc]+de", "de"},
    /* quantifiers */
    {"abc?", "ab"},
    {"abc*def", "def"},
    {"abcd{2}e", "abc"},
    {"abcd{2,3}ef", "abc"},
    {"abcd{2,}ef", "abc"},
    {"ab*?cde", "cde"},
    {"a++bcd", "bcd"},
    {"abc+", "abc"},
    {"abc+de", "abc"},
    {"ab+?c", "ab"},
    {"abc?+d", "ab"},
    {"abc{2}+de", "ab"},
    {"abc{2}?de", "ab"},
    {"ab??c", "a"},
    /* alternation */
    {"abc|def", NULL},
    {"abc|", NULL},
    {"|abc", NULL},
    {"(abc|def)ghi", "ghi"},
    {"ab(c|d)", "ab"},
    {"ab((c|d)|e)fg", "ab"},
    /* constructs that give none */
    {"(?i)abc", NULL},
    {"(?:ab)cd", NULL},
    {"abc(?=d)", NULL},
    {"abc(?!d)", NULL},
    {"(?<=x)abc", NULL},
    {"(?<n>a)bc", NULL},
    {"(*UTF)abc", NULL},
    {"(*CR)abc", NULL},
    {"\\Qabc\\E", NULL},
    {"x\\Qa.b\\Eyz", NULL},
    /* anchors and . break runs */
    {"^abc$", "abc"},
    {"ab.cde", "cde"},
    {"^a.b$", "a"},
    {"a^bc", "bc"},
    {"ab$cde", "cde"},
    {".*", NULL},
    {"^$", NULL},
    /* UTF-8: a quantifier drops the whole character */
    {"caf\xc3\xa9?", "caf"},
    {"\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9"},
    {"ab\xe2\x80\x99?c", "ab"},
    {"x\xe2\x80\x99{2}yz", "yz"},
    {"\xf0\x9f\x98\x80?ab", "ab"},
    {"a\xf0\x9f\x98\x80*b", "a"},
    {"\xf0\x9f\x98\x80+", "\xf0\x9f\x98\x80"},
    {"\xe2\x80\x99s", "\xe2\x80\x99s"},
    /* the longest run wins; the first of equal ones */
    {"ab(x)abcd(y)abc", "abcd"},
    {"ab.cd", "ab"},
    /* unbalanced or odd patterns: no literal, no crash */
    {"abc\\", NULL},
    {"a{", NULL},
    {"ab{1", NULL},
    {"[abc", NULL},
    {"(abc", NULL},
    {"abc)", NULL},
    {"ab(c", NULL},
    /* every shape of the patterns in rules/ */
    {"(^|/)posts/your_posts(__check_ins__photos_and_videos)?(_\\d+)?$", "posts/your_posts"},
    {"(^|/)(comments_and_reactions|comments)/comments(_\\d+)?$", "/comments"},
    {"(^|/)(posts|photos_and_videos)/album/\\d+$", "/album/"},
    {"(^|/)(personal_information|account_information)/(personal_information/)?personal_information$",
     "personal_information"},
    {"(^|/)groups/your_group_messages/[^/]+$", "groups/your_group_messages/"},
    {"(^|/)messages/", "messages/"},
    {"(^|/)messages/[^/]+/message$", "messages/"},
    {"(^|/)messages/(inbox|message_requests)/[^/]+/message(_\\d+)?$", "messages/"},
    {"(^|/)this_profile['_]s_activity_across_facebook/events/[^/]+$", "s_activity_across_facebook/events/"},
    {"(^|/)media/(.*/)?[^/.]+$", "media/"},
    {"(^|/)messages/(.+/)?files/.+$", "messages/"},
    {"(^|/)(professional_information|profile_changes)$", NULL},
    {".*", NULL},
    {"^((your_facebook_activity|your_activity_across_facebook|this_profile['_]s_activity_across_facebook)/)?posts/.+$",
     "posts/"},
    {"^(your_instagram_activity/)?likes/.+$", "likes/"},
    {"^(start_here|index)$", NULL},
    {"^(media|profile|connections|searches)\\.json$", ".json"},
    {"^account_information/", "account_information/"},
    {"^comments/(post_comments|reels_comments)", "comments/"},
    {"^comments/comments(\\.|$)", "comments/comments"},
    {"^this_profile['_]s_activity_across_facebook/", "s_activity_across_facebook/"},
    {"^your_activity_across_facebook/(?!(.*/)?(media|photos|videos|audio|gifs|files|stickers_used)/)", NULL},
    {"^(facebook|instagram)-[^/]+$", "-"},
    {"^Meta AI$", "Meta AI"},
    {"(?i)^(Profile pictures|Cover photos|Profielfoto['\xe2\x80\x99]s)$", NULL},
};

TT_TEST(literal_table)
{
    int bad = 0;
    for (size_t i = 0; i < NELEM(LITERALS); i++) {
        size_t len = 12345;
        char *lit = tr_regex_literal(LITERALS[i].pat, &len);
        const char *want = LITERALS[i].lit;
        int ok = want ? lit && len == strlen(want) && memcmp(lit, want, len) == 0 : !lit && len == 0;
        if (ok && lit && lit[len] != '\0') ok = 0;
        if (!ok) {
            char a[256], b[256], c[256];
            fprintf(stderr, "  tr_regex_literal(\"%s\"): got \"%s\" (len %zu), want \"%s\"\n",
                    show(LITERALS[i].pat, strlen(LITERALS[i].pat), a, sizeof a), show(lit, lit ? len : 0, b, sizeof b),
                    len, show(want, want ? strlen(want) : 0, c, sizeof c));
            bad++;
        }
        free(lit);
    }
    if (bad) TT_FAIL_("%d of %zu patterns gave the wrong literal", bad, NELEM(LITERALS));
}

/* tr_regex_compile stores the literal; tr_regex_free clears it. */
TT_TEST(compile_keeps_literal)
{
    tr_regex re;
    size_t off = 0;
    char err[128];
    TT_INT_EQ(tr_regex_compile(&re, "(^|/)posts/your_posts(_\\d+)?$", &off, err, sizeof err), 0);
    TT_STR_EQ(re.lit, "posts/your_posts");
    TT_INT_EQ(re.litlen, 16);
    tr_matcher m;
    TT_INT_EQ(tr_matcher_init(&m, MATCH_LIMIT, DEPTH_LIMIT), 0);
    TT_INT_EQ(tr_regex_match(&re, &m, "x/posts/your_posts_12", 21), 1);
    TT_INT_EQ(tr_regex_match(&re, &m, "x/posts/your_post_12", 20), 0);
    TT_INT_EQ(tr_regex_match(&re, &m, "posts", 5), 0); /* shorter than the literal */
    TT_INT_EQ(tr_regex_match(&re, &m, "", 0), 0);
    TT_INT_EQ(tr_regex_match_pcre(&re, &m, "posts/your_posts", 16), 1);
    tr_regex_free(&re);
    TT_ASSERT(re.lit == NULL && re.litlen == 0 && re.src == NULL);
    tr_regex_free(&re); /* twice is harmless */

    TT_INT_EQ(tr_regex_compile(&re, "^(a|b)$", &off, err, sizeof err), 0);
    TT_ASSERT(re.lit == NULL && re.litlen == 0);
    TT_INT_EQ(tr_regex_match(&re, &m, "a", 1), 1);
    tr_regex_free(&re);

    /* "^literal": checked at the start only */
    TT_INT_EQ(tr_regex_compile(&re, "^your_facebook_activity/", &off, err, sizeof err), 0);
    TT_INT_EQ(re.lit_at_start, 1);
    TT_INT_EQ(tr_regex_match(&re, &m, "your_facebook_activity/posts/x", 30), 1);
    TT_INT_EQ(tr_regex_match(&re, &m, "a/your_facebook_activity/posts", 30), 0);
    tr_regex_free(&re);
    /* the longest run is not the one after '^': not anchored */
    TT_INT_EQ(tr_regex_compile(&re, "^abc?abc", &off, err, sizeof err), 0);
    TT_STR_EQ(re.lit, "abc");
    TT_INT_EQ(re.lit_at_start, 0);
    TT_INT_EQ(tr_regex_match(&re, &m, "ababc", 5), 1);
    tr_regex_free(&re);
    TT_INT_EQ(tr_regex_compile(&re, "^\\.ab(c)", &off, err, sizeof err), 0);
    TT_STR_EQ(re.lit, ".ab");
    TT_INT_EQ(re.lit_at_start, 1);
    TT_INT_EQ(tr_regex_match(&re, &m, ".abc", 4), 1);
    TT_INT_EQ(tr_regex_match(&re, &m, "x.abc", 5), 0);
    tr_regex_free(&re);
    TT_INT_EQ(tr_regex_compile(&re, "(^)abc", &off, err, sizeof err), 0);
    TT_INT_EQ(re.lit_at_start, 0);
    tr_regex_free(&re);

    /* a subject with NULs and invalid UTF-8 around the literal */
    TT_INT_EQ(tr_regex_compile(&re, "x\xc3\xa9y", &off, err, sizeof err), 0);
    TT_INT_EQ(tr_regex_match(&re, &m, "\0\xff" "x\xc3\xa9y\xc3", 7), 1);
    TT_INT_EQ(tr_regex_match(&re, &m, "\0\xff" "x\xc3\xa9", 5), 0);
    tr_regex_free(&re);

    TT_ASSERT(tr_regex_compile(&re, "a(", &off, err, sizeof err) != 0);
    TT_ASSERT(re.lit == NULL);
    tr_matcher_free(&m);
}

/* Patterns no one should write, and truncated ones: tr_regex_literal never
 * reads out of bounds (run this under ASan) and always pairs NULL with 0. */
TT_TEST(odd_patterns_do_not_crash)
{
    static const char *odd[] = {
        "", "\\", "a\\", "\\\\\\", "a{", "a{1", "a{1,", "a{}", "{", "}", "{}", "{2}", "[", "[]", "[^]", "[]]", "[^]]",
        "[\\", "[a\\", "[a\\]", "(", ")", "((", "(a", "a)", "())", "(()", "(*", "(?", "\\Q", "\\Qa", "?", "*a", "+",
        "|", "a|", "x[", "\xc3", "\xc3?", "\xa9?", "??", "a??", "(\\", "([", "([)", "[(]", "\xe2\x80", "\xe2\x80?",
        "\xf0\x9f\x98", "a\xf0\x9f\x98?", "\\\xc3\xa9?", "\\\xc3", "a{{{{", "a}}}}", "[[[[", "]]]]", "$?", "^*",
    };
    for (size_t i = 0; i < NELEM(odd); i++) {
        size_t len = 99;
        char *lit = tr_regex_literal(odd[i], &len);
        TT_ASSERT((lit == NULL) == (len == 0));
        if (lit) TT_INT_EQ(strlen(lit), len);
        free(lit);
    }
    /* every prefix of every table pattern */
    for (size_t i = 0; i < NELEM(LITERALS); i++) {
        size_t n = strlen(LITERALS[i].pat);
        for (size_t k = 0; k <= n; k++) {
            char *p = malloc(k + 1);
            TT_ASSERT(p != NULL);
            memcpy(p, LITERALS[i].pat, k);
            p[k] = '\0';
            size_t len = 99;
            char *lit = tr_regex_literal(p, &len);
            int ok = (lit == NULL) == (len == 0);
            free(lit);
            free(p);
            TT_ASSERT(ok);
        }
    }
}

/* Known pairs: each subject matches its pattern (asserted), so it must
 * contain the pattern's literal. */
typedef struct kpair {
    const char *pat, *subj;
} kpair;

static const kpair KNOWN[] = {
    {"(^|/)posts/your_posts(__check_ins__photos_and_videos)?(_\\d+)?$", "posts/your_posts__check_ins__photos_and_videos_1"},
    {"(^|/)posts/your_posts(__check_ins__photos_and_videos)?(_\\d+)?$", "a/posts/your_posts"},
    {"^comments/comments(\\.|$)", "comments/comments.json"},
    {"abc?", "ab"},
    {"caf\xc3\xa9?", "caf"},
    {"a\\.?b", "ab"},
    {"ab+?c", "abbc"},
    {"x([)]|y)abc", "x)abc"},
    {"[]a]bcd", "]bcd"},
    {"[^]a]bcd", "xbcd"},
    /* escapes whose following characters are part of the escape */
    {"\\x41bc", "Abc"},
    {"\\xA/b", "\n/b"},
    {"\\101bc", "Abc"},
    {"\\012bc", "\nbc"},
    {"(a)\\12", "a\n"},
    {"\\cJbc", "\nbc"},
    {"\\c}bc", "=bc"},
    {"\\pLbc", "xbc"},
    {"\\PLbc", "1bc"},
    {"(a)\\g1", "aa"},
    {"(a)\\g-1", "aa"},
    {"(a)\\g<1>", "aa"},
    {"(a)\\g'1'", "aa"},
    /* POSIX classes: the class ends at the second ] */
    {"[[:alpha:]]b", "xb"},
    {"[[:digit:]]", "5"},
    {"[a[:digit:]]xy", "5xy"},
    /* a { that is not a quantifier: what follows it is pattern, not skipped */
    {"ab{|c}", "c}"},
    {"a{[}]bc", "a{}bc"},
    {"ab{x|y}", "y}"},
    {"{|}a", "{"},
    {"{[}]", "{}"},
    /* \E without \Q is nothing: a quantifier after it applies to the character before */
    {"ab\\E?", "a"},
    {"a.b\\E*", "a."},
};

TT_TEST(known_pairs)
{
    tr_matcher m;
    stats st = {0};
    int bad = 0;
    TT_INT_EQ(tr_matcher_init(&m, MATCH_LIMIT, DEPTH_LIMIT), 0);
    for (size_t i = 0; i < NELEM(KNOWN); i++) {
        tr_regex re;
        size_t off = 0;
        char err[128];
        const char *s = KNOWN[i].subj;
        size_t n = strlen(s);
        if (tr_regex_compile(&re, KNOWN[i].pat, &off, err, sizeof err) != 0) {
            fprintf(stderr, "  does not compile: %s: %s\n", KNOWN[i].pat, err);
            bad++;
            continue;
        }
        if (tr_regex_match_pcre(&re, &m, s, n) != 1) {
            fprintf(stderr, "  test bug: \"%s\" does not match %s\n", s, KNOWN[i].pat);
            bad++;
        }
        if (check_pair(&re, &m, s, n, &st) != 0) bad++;
        tr_regex_free(&re);
    }
    tr_matcher_free(&m);
    if (bad) TT_FAIL_("%d of %zu known pairs failed", bad, NELEM(KNOWN));
}

/* ---- the built-in rule set against the samples --------------------------- */

static const char *source_dir(char *buf, size_t cap)
{
    const char *env = getenv("TR_SOURCE_DIR");
    if (env && *env) return env;
    /* CMake compiles with an absolute __FILE__: .../tests/unit/test_regex.c */
    const char *f = __FILE__, *p = strstr(f, "tests/unit/test_regex.c");
    if (p && (size_t)(p - f) < cap) {
        memcpy(buf, f, (size_t)(p - f));
        buf[p - f] = '\0';
        if (!buf[0]) strcpy(buf, ".");
        return buf;
    }
    return ".";
}

/* The path, without its .json/.html extension, with each leading folder
 * dropped, and (for folders) without the trailing slash. */
static int add_path_variants(sset *S, const char *path, size_t n)
{
    char *tmp = malloc(n + 1);
    if (!tmp) return -1;
    memcpy(tmp, path, n);
    tmp[n] = '\0';
    if (n && tmp[n - 1] == '/' && sset_add(S, tmp, n - 1) < 0) goto oom;
    for (size_t start = 0; start <= n; start++) {
        if (start > 0 && tmp[start - 1] != '/') continue;
        const char *p = tmp + start;
        size_t len = n - start;
        if (sset_add(S, p, len) < 0) goto oom;
        if (memchr(p, '\0', len)) continue;
        size_t stem = tr_doc_stem_len(p);
        if (stem < len && sset_add(S, p, stem) < 0) goto oom;
    }
    free(tmp);
    return 0;
oom:
    free(tmp);
    return -1;
}

static int add_strings(sset *S, const tr_jv *v, int depth)
{
    if (!v || depth > 64) return 0;
    if (v->type == TR_JSTRING) {
        if (v->n <= 300 && sset_add(S, v->u.s, v->n) < 0) return -1;
    } else if (v->type == TR_JARRAY) {
        for (size_t i = 0; i < v->n; i++)
            if (add_strings(S, &v->u.kids[i], depth + 1) < 0) return -1;
    } else if (v->type == TR_JOBJECT) {
        for (size_t i = 0; i < 2 * (size_t)v->n; i++)
            if (add_strings(S, &v->u.kids[i], depth + 1) < 0) return -1;
    }
    return 0;
}

/* Every string (key or value) of a JSON text; a text that is not JSON adds
 * nothing. */
static int add_json_strings(sset *S, tr_jdoc *d, const char *text, size_t n)
{
    char *buf = malloc(n + 1);
    if (!buf) return -1;
    memcpy(buf, text, n);
    buf[n] = '\0';
    tr_jdoc_clear(d);
    tr_jerror err;
    tr_jv *v = tr_jdoc_parse(d, buf, n, 0, NULL, NULL, &err);
    int rc = v ? add_strings(S, v, 0) : 0;
    free(buf);
    return rc;
}

/* Member names of a zip (from its central directory) and the strings of its
 * JSON members (through libarchive). Returns members seen, -1 on error. */
static long add_zip(sset *paths, sset *strings, tr_jdoc *d, const char *file)
{
    long members = 0;
    int fd = open(file, O_RDONLY);
    if (fd < 0) return -1;
    tr_zipdir_entry *ents = NULL;
    size_t n = 0;
    if (tr_zipdir_read(fd, &ents, &n) == 0) {
        for (size_t i = 0; i < n; i++) {
            if (add_path_variants(paths, ents[i].name, ents[i].name_len) < 0) {
                free(ents);
                close(fd);
                return -1;
            }
            members++;
        }
        free(ents);
    }
    close(fd);

    struct archive *a = archive_read_new();
    if (!a) return -1;
    archive_read_support_format_zip(a);
    archive_read_support_filter_all(a);
    if (archive_read_open_filename(a, file, 65536) != ARCHIVE_OK) {
        archive_read_free(a);
        return members;
    }
    struct archive_entry *e;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        const char *name = archive_entry_pathname(e);
        if (!name) continue;
        if (!members) (void)add_path_variants(paths, name, strlen(name)); /* no central directory */
        size_t nl = strlen(name);
        if (nl < 5 || strcmp(name + nl - 5, ".json") != 0 || strstr(name, "__MACOSX")) continue;
        la_int64_t size = archive_entry_size(e);
        if (size <= 0 || size > (4 << 20)) continue;
        char *buf = malloc((size_t)size);
        if (!buf) break;
        la_ssize_t got = archive_read_data(a, buf, (size_t)size);
        if (got == size && add_json_strings(strings, d, buf, (size_t)size) < 0) {
            free(buf);
            archive_read_free(a);
            return -1;
        }
        free(buf);
    }
    archive_read_free(a);
    return members;
}

/* Every compiled pattern of a rule set. */
typedef struct rlist {
    const tr_regex **v;
    size_t n, cap;
} rlist;

static int rlist_add(rlist *L, const tr_regex *re)
{
    if (L->n == L->cap) {
        size_t nc = L->cap ? L->cap * 2 : 256;
        const tr_regex **nv = realloc(L->v, nc * sizeof *nv);
        if (!nv) return -1;
        L->v = nv;
        L->cap = nc;
    }
    L->v[L->n++] = re;
    return 0;
}

static int collect_patterns(const tr_rules *r, rlist *L)
{
    int rc = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        const tr_rule *ru = &r->rules[i];
        for (size_t k = 0; k < ru->npaths; k++) rc |= rlist_add(L, &ru->paths[k]);
        for (size_t k = 0; k < ru->nconds; k++)
            if (ru->conds[k].op == TR_OP_MATCH || ru->conds[k].op == TR_OP_NOMATCH)
                rc |= rlist_add(L, &ru->conds[k].re);
    }
    for (size_t i = 0; i < r->nfacts; i++)
        for (size_t k = 0; k < r->facts[i].npaths; k++) rc |= rlist_add(L, &r->facts[i].paths[k]);
    for (size_t i = 0; i < r->nadjusts; i++)
        for (size_t k = 0; k < r->adjusts[i].nconds; k++)
            if (r->adjusts[i].conds[k].op == TR_OP_MATCH || r->adjusts[i].conds[k].op == TR_OP_NOMATCH)
                rc |= rlist_add(L, &r->adjusts[i].conds[k].re);
    for (size_t i = 0; i < r->nunrefs; i++)
        for (size_t k = 0; k < r->unrefs[i].npaths; k++) rc |= rlist_add(L, &r->unrefs[i].paths[k]);
    for (size_t i = 0; i < r->nlayouts; i++)
        for (size_t k = 0; k < r->layouts[i].nmarkers; k++) rc |= rlist_add(L, &r->layouts[i].markers[k]);
    for (size_t i = 0; i < r->nmedia_paths; i++) rc |= rlist_add(L, &r->media_paths[i]);
    for (size_t i = 0; i < r->nprofile_folders; i++) rc |= rlist_add(L, &r->profile_folders[i]);
    return rc;
}

static int add_examples(sset *paths, sset *strings, tr_jdoc *d, const tr_example *ex, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (ex[i].path && add_path_variants(paths, ex[i].path, strlen(ex[i].path)) < 0) return -1;
        if (ex[i].json && add_json_strings(strings, d, ex[i].json, strlen(ex[i].json)) < 0) return -1;
        for (char **f = ex[i].facts; f && *f; f++) {
            const char *eq = strchr(*f, '=');
            if (sset_add(strings, *f, strlen(*f)) < 0) return -1;
            if (eq && sset_add(strings, eq + 1, strlen(eq + 1)) < 0) return -1;
        }
    }
    return 0;
}

static const unsigned char MUT_BYTES[] = {'a', 'z', 'A', '0', '1', '_', '/', '.', '-', ' ', '\'', '\n', '\0', 0x80,
                                          0xa9, 0xc3, 0xe2, 0xf0, 0xff, 's', 'j', 'o', 'n', 'm', 'e', '(', '|'};

/* A mutation of a (maybe spliced with b) into out (cap >= a.n + b.n + 8). */
static size_t mutate(const subj *a, const subj *b, char *out)
{
    size_t n = a->n;
    memcpy(out, a->s, n);
    int ops = 1 + (int)rnd(3);
    for (int k = 0; k < ops; k++) {
        size_t at = rnd(n + 1);
        switch (rnd(6)) {
        case 0: /* insert */
            memmove(out + at + 1, out + at, n - at);
            out[at] = (char)MUT_BYTES[rnd(sizeof MUT_BYTES)];
            n++;
            break;
        case 1: /* delete */
            if (at < n) {
                memmove(out + at, out + at + 1, n - at - 1);
                n--;
            }
            break;
        case 2: /* replace */
            if (at < n) out[at] = (char)MUT_BYTES[rnd(sizeof MUT_BYTES)];
            break;
        case 3: { /* splice: a prefix of out, a suffix of b */
            size_t from = rnd(b->n + 1);
            memcpy(out + at, b->s + from, b->n - from);
            n = at + b->n - from;
            k = ops; /* the buffer bound holds for one splice only */
            break;
        }
        case 4: /* truncate */
            n = at;
            break;
        default: /* drop a prefix */
            memmove(out, out + at, n - at);
            n -= at;
            break;
        }
    }
    return n;
}

TT_TEST(rules_against_samples)
{
    tr_rules *r = NULL;
    rlist L = {0};
    sset paths = {0}, strings = {0}, all = {0};
    tr_jdoc *d = tr_jdoc_new();
    tr_matcher m;
    stats st = {0};
    char dirbuf[1024], path[2048];
    long zips = 0, members = 0;
    int fail = 0;

    if (tr_matcher_init(&m, MATCH_LIMIT, DEPTH_LIMIT) != 0 || !d) TT_FAIL_("out of memory");
    if (tr_rules_load_embedded(NULL, NULL, &r) != TR_OK || !r) {
        fail = 1;
        fprintf(stderr, "  the built-in rules do not load\n");
        goto out;
    }
    if (collect_patterns(r, &L) != 0) goto oom;

    /* subjects: the samples */
    const char *src = source_dir(dirbuf, sizeof dirbuf);
    snprintf(path, sizeof path, "%s/samples", src);
    DIR *dir = opendir(path);
    if (!dir) {
        fail = 1;
        fprintf(stderr, "  cannot open %s (set TR_SOURCE_DIR)\n", path);
        goto out;
    }
    struct dirent *de;
    while ((de = readdir(dir))) {
        size_t nl = strlen(de->d_name);
        if (nl < 4 || strcmp(de->d_name + nl - 4, ".zip") != 0) continue;
        snprintf(path, sizeof path, "%s/samples/%s", src, de->d_name);
        long k = add_zip(&paths, &strings, d, path);
        if (k < 0) {
            closedir(dir);
            fail = 1;
            fprintf(stderr, "  cannot read %s\n", path);
            goto out;
        }
        zips++;
        members += k;
    }
    closedir(dir);
    if (zips == 0 || members == 0) {
        fail = 1;
        fprintf(stderr, "  no sample zip under %s/samples\n", src);
        goto out;
    }
    /* subjects: the rules' examples */
    for (size_t i = 0; i < r->nrules; i++)
        if (add_examples(&paths, &strings, d, r->rules[i].examples, r->rules[i].nexamples) < 0) goto oom;
    for (size_t i = 0; i < r->nfacts; i++)
        if (add_examples(&paths, &strings, d, r->facts[i].examples, r->facts[i].nexamples) < 0) goto oom;

    for (size_t i = 0; i < paths.n; i++)
        if (sset_add(&all, paths.v[i].s, paths.v[i].n) < 0) goto oom;
    for (size_t i = 0; i < strings.n; i++)
        if (sset_add(&all, strings.v[i].s, strings.v[i].n) < 0) goto oom;
    size_t base = all.n;

    /* subjects: mutations of the paths (and of the strings) */
    rng_seed(20250601);
    for (int i = 0; i < 6000; i++) {
        const sset *from = (i % 4 == 3) ? &all : &paths;
        const subj *a = &from->v[rnd(from->n)], *b = &from->v[rnd(from->n)];
        char *buf = malloc(a->n + b->n + 8);
        if (!buf) goto oom;
        size_t n = mutate(a, b, buf);
        int rc = sset_add(&all, buf, n);
        free(buf);
        if (rc < 0) goto oom;
    }

    size_t withlit = 0;
    for (size_t p = 0; p < L.n; p++) {
        if (L.v[p]->lit) withlit++;
        for (size_t s = 0; s < all.n; s++) (void)check_pair(L.v[p], &m, all.v[s].s, all.v[s].n, &st);
    }
    printf("rules_against_samples: %zu patterns (%zu with a literal), %ld zips, %ld members, %zu subjects "
           "(%zu paths, %zu strings, %zu mutations): %zu pairs, %zu matched (%zu by a pattern with a literal), "
           "%zu skipped by the literal, %zu limits, %zu counterexamples\n",
           L.n, withlit, zips, members, all.n, paths.n, strings.n, all.n - base, st.pairs, st.matched,
           st.matched_lit, st.skipped, st.limits, st.bad);
    if (st.matched_lit < 1000) {
        fail = 1;
        fprintf(stderr, "  too few matches (%zu) to mean anything\n", st.matched_lit);
    }
    if (L.n < 100 || withlit < 50) {
        fail = 1;
        fprintf(stderr, "  too few patterns: %zu, %zu with a literal\n", L.n, withlit);
    }
    if (st.bad) fail = 1;
    goto out;
oom:
    fail = 1;
    fprintf(stderr, "  out of memory\n");
out:
    tr_matcher_free(&m);
    tr_jdoc_free(d);
    sset_free(&paths);
    sset_free(&strings);
    sset_free(&all);
    free(L.v);
    tr_rules_free(r);
    if (fail) TT_FAIL_("the literal filter disagrees with PCRE2 on the built-in rules (%zu counterexamples)", st.bad);
}

/* ---- small-scope exhaustive check ----------------------------------------- */

/* Every pattern of up to PAT_MAX characters over PAT_ALPHA that compiles and
 * has a literal, against every subject of up to 3 characters over
 * SUBJ_ALPHA. */
#define PAT_MAX 4
static const char PAT_ALPHA[] = "ab[]{}()|\\?+.^1";
static const char SUBJ_ALPHA[] = "ab[]{}()|";

TT_TEST(exhaustive_short_patterns)
{
    tr_matcher m;
    stats st = {0};
    size_t npat = 0, nlit = 0;
    const size_t A = sizeof PAT_ALPHA - 1, B = sizeof SUBJ_ALPHA - 1;
    sset subjects = {0};

    TT_INT_EQ(tr_matcher_init(&m, MATCH_LIMIT, DEPTH_LIMIT), 0);
    {
        char s[4];
        for (size_t len = 0; len <= 3; len++) {
            size_t total = 1;
            for (size_t k = 0; k < len; k++) total *= B;
            for (size_t x = 0; x < total; x++) {
                size_t y = x;
                for (size_t k = 0; k < len; k++, y /= B) s[k] = SUBJ_ALPHA[y % B];
                if (sset_add(&subjects, s, len) < 0) {
                    sset_free(&subjects);
                    tr_matcher_free(&m);
                    TT_FAIL_("out of memory");
                }
            }
        }
    }
    char p[PAT_MAX + 1];
    for (size_t len = 1; len <= PAT_MAX; len++) {
        size_t total = 1;
        for (size_t k = 0; k < len; k++) total *= A;
        for (size_t x = 0; x < total; x++) {
            size_t y = x;
            for (size_t k = 0; k < len; k++, y /= A) p[k] = PAT_ALPHA[y % A];
            p[len] = '\0';
            npat++;
            size_t ll = 0;
            char *lit = tr_regex_literal(p, &ll);
            int has = lit != NULL;
            free(lit);
            if (!has) continue; /* nothing to check: the filter is off */
            tr_regex re;
            size_t off;
            char err[128];
            if (tr_regex_compile(&re, p, &off, err, sizeof err) != 0) continue;
            nlit++;
            for (size_t s = 0; s < subjects.n; s++) (void)check_pair(&re, &m, subjects.v[s].s, subjects.v[s].n, &st);
            /* and the pattern's own text */
            (void)check_pair(&re, &m, p, len, &st);
            tr_regex_free(&re);
        }
    }
    printf("exhaustive_short_patterns: %zu patterns, %zu with a literal that compile, %zu subjects: %zu pairs, "
           "%zu matched, %zu counterexamples\n",
           npat, nlit, subjects.n, st.pairs, st.matched, st.bad);
    sset_free(&subjects);
    tr_matcher_free(&m);
    if (st.bad) TT_FAIL_("%zu counterexamples", st.bad);
    TT_ASSERT(st.matched > 1000);
}

/* ---- generated patterns ------------------------------------------------------ */

typedef struct gstr {
    char b[2048];
    size_t n;
    int full;
} gstr;

static void gput(gstr *g, const char *s, size_t n)
{
    if (g->n + n >= sizeof g->b) {
        g->full = 1;
        return;
    }
    memcpy(g->b + g->n, s, n);
    g->n += n;
    g->b[g->n] = '\0';
}

static void gputs(gstr *g, const char *s) { gput(g, s, strlen(s)); }

typedef struct piece {
    const char *pat;
    const char *sample; /* a string it matches (a guess for a few) */
} piece;

/* The sample's length: "\\0" matches a NUL. */
static size_t sample_len(const piece *pc) { return strcmp(pc->pat, "\\0") == 0 ? 1 : strlen(pc->sample); }

static const piece G_LITS[] = {
    {"a", "a"}, {"b", "b"}, {"c", "c"}, {"/", "/"}, {"_", "_"}, {"-", "-"}, {" ", " "}, {"A", "A"},
    {"1", "1"}, {"0", "0"}, {"L", "L"}, {"x", "x"}, {"}", "}"}, {"]", "]"}, {"'", "'"}, {"#", "#"},
    {"\xc3\xa9", "\xc3\xa9"}, {"\xe2\x80\x99", "\xe2\x80\x99"}, {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},
};

static const piece G_ESCAPES[] = {
    {"\\.", "."}, {"\\/", "/"}, {"\\-", "-"}, {"\\\\", "\\"}, {"\\{", "{"}, {"\\}", "}"}, {"\\|", "|"},
    {"\\(", "("}, {"\\)", ")"}, {"\\[", "["}, {"\\]", "]"}, {"\\*", "*"}, {"\\?", "?"}, {"\\+", "+"},
    {"\\^", "^"}, {"\\$", "$"}, {"\\ ", " "}, {"\\_", "_"}, {"\\'", "'"}, {"\\\xc3\xa9", "\xc3\xa9"},
    {"\\d", "7"}, {"\\D", "x"}, {"\\w", "k"}, {"\\W", "-"}, {"\\s", " "}, {"\\S", "s"}, {"\\b", ""},
    {"\\B", ""}, {"\\h", " "}, {"\\v", "\n"}, {"\\R", "\n"}, {"\\N", "z"}, {"\\X", "\xc3\xa9"},
    {"\\t", "\t"}, {"\\n", "\n"}, {"\\e", "\x1b"}, {"\\a", "\x07"}, {"\\f", "\f"}, {"\\r", "\r"},
    {"\\x41", "A"}, {"\\x61", "a"}, {"\\x2f", "/"}, {"\\xA", "\n"}, {"\\x{e9}", "\xc3\xa9"},
    {"\\x{2019}", "\xe2\x80\x99"}, {"\\101", "A"}, {"\\141", "a"}, {"\\012", "\n"}, {"\\0", "\0"},
    {"\\o{141}", "a"}, {"\\N{U+61}", "a"}, {"\\cA", "\x01"}, {"\\cJ", "\n"}, {"\\c}", "="}, {"\\ca", "\x01"},
    {"\\pL", "q"}, {"\\PL", "1"}, {"\\p{Lu}", "Q"}, {"\\p{L}", "b"}, {"\\pN", "1"}, {"\\A", ""}, {"\\z", ""},
    {"\\Z", ""}, {"\\G", ""}, {"\\K", ""}, {"\\E", ""}, {"\\1", ""}, {"\\g1", ""}, {"\\g{1}", ""},
    {"\\g-1", ""}, {"\\g<1>", ""}, {"\\g'1'", ""},
};

static const piece G_CLASSES[] = {
    {"[ab]", "a"}, {"[^a]", "b"}, {"[]a]", "]"}, {"[^]a]", "b"}, {"[a\\]b]", "]"}, {"[)(|]", "|"},
    {"[[:alpha:]]", "q"}, {"[[:digit:]x]", "5"}, {"[a[:^alpha:]]", "1"}, {"[a-c]", "b"}, {"[\\d]", "3"},
    {"[\xc3\xa9\xe2\x80\x99]", "\xe2\x80\x99"}, {"[{}]", "}"}, {"[[]", "["}, {"[^/]", "q"}, {"[.]", "."},
    {"['_]", "_"}, {"[\\x41]", "A"}, {"[\\]]", "]"}, {"[a\\-]", "-"},
};

static const piece G_BRACES[] = {
    {"{", "{"}, {"{x}", "{x}"}, {"{,2}", "{,2}"}, {"{|}", "{"}, {"{[}]", "{}"}, {"{(a)}", "{a}"},
    {"{a|b}", "{a"}, {"{1", "{1"}, {"{1,2", "{1,2"}, {"{a}", "{a}"},
};

static const piece G_QUANT[] = {
    {"?", NULL}, {"*", NULL}, {"+", NULL}, {"{2}", NULL}, {"{1,3}", NULL}, {"{0}", NULL}, {"{2,}", NULL},
    {"??", NULL}, {"*?", NULL}, {"+?", NULL}, {"?+", NULL}, {"*+", NULL}, {"++", NULL}, {"{1,2}?", NULL},
    {"{0,1}", NULL}, {"{1}", NULL},
};

static void gen_seq(gstr *pat, gstr *smp, int depth);

static void put_piece(gstr *pat, gstr *smp, const piece *pc, size_t reps)
{
    gputs(pat, pc->pat);
    size_t sl = sample_len(pc);
    for (size_t i = 0; i < reps; i++) gput(smp, pc->sample, sl);
}

/* One atom and maybe a quantifier, with a sample. */
static void gen_atom(gstr *pat, gstr *smp, int depth)
{
    /* how many times the sample repeats, from the quantifier chosen first */
    const piece *q = rnd(100) < 30 ? &G_QUANT[rnd(NELEM(G_QUANT))] : NULL;
    size_t reps = 1;
    if (q) {
        switch (q->pat[0]) {
        case '?': reps = rnd(2); break;
        case '*': reps = rnd(3); break;
        case '+': reps = 1 + rnd(2); break;
        default:
            if (!strcmp(q->pat, "{2}")) reps = 2;
            else if (!strncmp(q->pat, "{1,3}", 5)) reps = 1 + rnd(3);
            else if (!strcmp(q->pat, "{0}")) reps = 0;
            else if (!strcmp(q->pat, "{2,}")) reps = 2 + rnd(2);
            else if (!strncmp(q->pat, "{1,2}", 5)) reps = 1 + rnd(2);
            else if (!strcmp(q->pat, "{0,1}")) reps = rnd(2);
            else reps = 1;
        }
    }
    size_t r = rnd(100);
    if (r < 38) {
        put_piece(pat, smp, &G_LITS[rnd(NELEM(G_LITS))], reps);
    } else if (r < 56) {
        put_piece(pat, smp, &G_ESCAPES[rnd(NELEM(G_ESCAPES))], reps);
    } else if (r < 66) {
        put_piece(pat, smp, &G_CLASSES[rnd(NELEM(G_CLASSES))], reps);
    } else if (r < 80 && depth < 3) {
        /* a group with 1..3 alternatives; the sample takes one of them */
        size_t alts = 1 + rnd(3), pick = rnd(alts);
        gstr sub;
        size_t k = rnd(100);
        gputs(pat, k < 4 ? "(?:" : k < 6 ? "(?=" : "(");
        sub.n = 0;
        sub.full = 0;
        sub.b[0] = '\0';
        for (size_t i = 0; i < alts; i++) {
            gstr altsmp;
            altsmp.n = 0;
            altsmp.full = 0;
            if (i) gputs(pat, "|");
            gen_seq(pat, &altsmp, depth + 1);
            if (i == pick) sub = altsmp;
        }
        gputs(pat, ")");
        for (size_t i = 0; i < reps; i++) gput(smp, sub.b, sub.n);
    } else if (r < 85) {
        gputs(pat, ".");
        for (size_t i = 0; i < reps; i++) gputs(smp, rnd(2) ? "x" : "\xc3\xa9");
    } else if (r < 90) {
        gputs(pat, rnd(2) ? "^" : "$");
        q = NULL;
    } else if (r < 97) {
        put_piece(pat, smp, &G_BRACES[rnd(NELEM(G_BRACES))], 1);
        q = NULL;
    } else {
        static const piece rare[] = {{"\\Qa.b\\E", "a.b"}, {"(?i)", ""}, {"(*UTF)", ""}, {"(?#c)", ""}};
        put_piece(pat, smp, &rare[rnd(NELEM(rare))], 1);
        q = NULL;
    }
    if (q) gputs(pat, q->pat);
}

static void gen_seq(gstr *pat, gstr *smp, int depth)
{
    size_t n = 1 + rnd(depth ? 3 : 6);
    for (size_t i = 0; i < n; i++) gen_atom(pat, smp, depth);
}

#define POOL 64

TT_TEST(generated_patterns)
{
    tr_matcher m;
    stats st = {0};
    size_t gen = 0, compiled = 0, withlit = 0;
    static subj pool[POOL];
    size_t npool = 0;
    char buf[8192];

    TT_INT_EQ(tr_matcher_init(&m, MATCH_LIMIT, DEPTH_LIMIT), 0);
    rng_seed(0x7261696e61626c65u);
    for (int iter = 0; iter < 6000; iter++) {
        gstr pat, smp;
        pat.n = smp.n = 0;
        pat.full = smp.full = 0;
        pat.b[0] = smp.b[0] = '\0';
        gen_seq(&pat, &smp, 0);
        if (rnd(100) < 10) { /* a top-level alternative */
            gstr smp2;
            smp2.n = 0;
            smp2.full = 0;
            gputs(&pat, "|");
            gen_seq(&pat, &smp2, 0);
            if (rnd(2)) smp = smp2;
        }
        if (pat.full || smp.full) continue;
        gen++;
        tr_regex re;
        size_t off;
        char err[128];
        if (tr_regex_compile(&re, pat.b, &off, err, sizeof err) != 0) continue;
        compiled++;
        if (re.lit) withlit++;

        /* the sample, alone and inside other text */
        (void)check_pair(&re, &m, smp.b, smp.n, &st);
        if (smp.n + 16 < sizeof buf) {
            memcpy(buf, "q/", 2);
            memcpy(buf + 2, smp.b, smp.n);
            memcpy(buf + 2 + smp.n, "\n_z", 3);
            (void)check_pair(&re, &m, buf, smp.n + 5, &st);
        }
        /* mutations of the sample */
        subj a = {smp.b, smp.n};
        for (int k = 0; k < 4; k++) {
            const subj *b = npool ? &pool[rnd(npool)] : &a;
            if (a.n + b->n + 8 > sizeof buf) continue;
            size_t n = mutate(&a, b, buf);
            (void)check_pair(&re, &m, buf, n, &st);
        }
        /* the pattern's own text, and its pieces between | (a | inside
         * braces that are not a quantifier is still an alternation) */
        (void)check_pair(&re, &m, pat.b, pat.n, &st);
        for (size_t i = 0, start = 0; i <= pat.n; i++) {
            if (i == pat.n || pat.b[i] == '|') {
                (void)check_pair(&re, &m, pat.b + start, i - start, &st);
                start = i + 1;
            }
        }
        /* random subjects over the grammar's characters */
        for (int k = 0; k < 3; k++) {
            size_t n = 0, len = rnd(12);
            for (size_t i = 0; i < len; i++) {
                const piece *pc = &G_LITS[rnd(NELEM(G_LITS))];
                if (rnd(4) == 0) pc = &G_ESCAPES[rnd(NELEM(G_ESCAPES))];
                size_t sl = sample_len(pc);
                memcpy(buf + n, pc->sample, sl);
                n += sl;
            }
            (void)check_pair(&re, &m, buf, n, &st);
        }
        /* the samples of earlier patterns */
        for (size_t k = 0; k < npool && k < 8; k++) {
            const subj *b = &pool[rnd(npool)];
            (void)check_pair(&re, &m, b->s, b->n, &st);
        }
        tr_regex_free(&re);

        size_t slot = npool < POOL ? npool++ : rnd(POOL);
        free(pool[slot].s);
        pool[slot].s = malloc(smp.n + 1);
        if (pool[slot].s) {
            memcpy(pool[slot].s, smp.b, smp.n);
            pool[slot].s[smp.n] = '\0';
            pool[slot].n = smp.n;
        } else {
            pool[slot].n = 0;
        }
    }
    for (size_t i = 0; i < npool; i++) free(pool[i].s);
    tr_matcher_free(&m);
    printf("generated_patterns: %zu generated, %zu compiled, %zu with a literal: %zu pairs, %zu matched "
           "(%zu by a pattern with a literal), %zu limits, %zu counterexamples\n",
           gen, compiled, withlit, st.pairs, st.matched, st.matched_lit, st.limits, st.bad);
    if (st.bad) TT_FAIL_("%zu counterexamples", st.bad);
    TT_ASSERT(compiled > 2000);
    TT_ASSERT(st.matched_lit > 2000);
}

int main(void)
{
    TT_RUN(literal_table);
    TT_RUN(compile_keeps_literal);
    TT_RUN(odd_patterns_do_not_crash);
    TT_RUN(known_pairs);
    TT_RUN(rules_against_samples);
    TT_RUN(exhaustive_short_patterns);
    TT_RUN(generated_patterns);
    return tt_done();
}
