/* tt.h - the unit-test harness: assertion macros and a runner.
 *
 * A test file defines its tests with TT_TEST(name) and lists them in main:
 *
 *   TT_TEST(repairs_accents) { TT_STR_EQ(fix("Caf\xc3\x83\xc2\xa9"), "Caf\xc3\xa9"); }
 *   int main(void) { TT_RUN(repairs_accents); return tt_done(); }
 *
 * A failed assertion prints file:line and the values, marks the test failed
 * and returns from it. tt_done() prints "N passed, N failed" and returns the
 * exit status for ctest.
 */
#ifndef TT_H
#define TT_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int tt_failed_tests, tt_passed_tests, tt_cur_failed;

#define TT_TEST(name) static void name(void)

#define TT_FAIL_(...)                                                          \
    do {                                                                       \
        fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                        \
        fprintf(stderr, __VA_ARGS__);                                          \
        fputc('\n', stderr);                                                   \
        tt_cur_failed = 1;                                                     \
        return;                                                                \
    } while (0)

#define TT_ASSERT(cond)                                                        \
    do {                                                                       \
        if (!(cond)) TT_FAIL_("assertion failed: %s", #cond);                  \
    } while (0)

#define TT_INT_EQ(a, b)                                                        \
    do {                                                                       \
        long long tt_a_ = (long long)(a), tt_b_ = (long long)(b);              \
        if (tt_a_ != tt_b_)                                                    \
            TT_FAIL_("%s == %s: got %lld, want %lld", #a, #b, tt_a_, tt_b_);   \
    } while (0)

#define TT_STR_EQ(a, b)                                                        \
    do {                                                                       \
        const char *tt_a_ = (a), *tt_b_ = (b);                                 \
        if (!tt_a_ || !tt_b_ || strcmp(tt_a_, tt_b_) != 0)                     \
            TT_FAIL_("%s == %s: got \"%s\", want \"%s\"", #a, #b,              \
                     tt_a_ ? tt_a_ : "(null)", tt_b_ ? tt_b_ : "(null)");      \
    } while (0)

#define TT_RUN(name)                                                           \
    do {                                                                       \
        tt_cur_failed = 0;                                                     \
        name();                                                                \
        if (tt_cur_failed) {                                                   \
            tt_failed_tests++;                                                 \
            fprintf(stderr, "FAIL %s\n", #name);                               \
        } else {                                                               \
            tt_passed_tests++;                                                 \
        }                                                                      \
    } while (0)

static inline int tt_done(void)
{
    printf("%d passed, %d failed\n", tt_passed_tests, tt_failed_tests);
    return tt_failed_tests ? 1 : 0;
}

#endif
