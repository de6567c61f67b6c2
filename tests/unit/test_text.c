/* test_text.c - unit tests for src/base/text.c: UTF-8 validation, mojibake
 * repair and the civil-date helpers. */
#include "tt.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Repair s (C string) and compare with want; frees the result. */
#define REPAIR_EQ(s, want)                                                     \
    do {                                                                       \
        size_t rl_ = 0;                                                        \
        char *r_ = tr_mojibake_repair((s), strlen(s), &rl_);                   \
        int ok_ = r_ && strcmp(r_, (want)) == 0 && rl_ == strlen(want);        \
        if (!ok_) {                                                            \
            fprintf(stderr, "  got \"%s\" (len %zu)\n", r_ ? r_ : "(null)", rl_); \
            free(r_);                                                          \
            TT_FAIL_("repair(%s) != %s", #s, #want);                           \
        }                                                                      \
        free(r_);                                                              \
    } while (0)

/* ---- tr_utf8_valid ---------------------------------------------------- */

TT_TEST(utf8_valid_accepts)
{
    TT_ASSERT(tr_utf8_valid("", 0));
    TT_ASSERT(tr_utf8_valid(NULL, 0));
    TT_ASSERT(tr_utf8_valid("plain ascii", 11));
    TT_ASSERT(tr_utf8_valid("caf\xc3\xa9", 5));
    TT_ASSERT(tr_utf8_valid("\xe4\xb8\xad\xe6\x96\x87", 6));           /* 中文 */
    TT_ASSERT(tr_utf8_valid("\xf0\x9f\x98\x80", 4));                   /* U+1F600 */
    TT_ASSERT(tr_utf8_valid("\xc2\x80", 2));                           /* U+0080 */
    TT_ASSERT(tr_utf8_valid("\xed\x9f\xbf", 3));                       /* U+D7FF */
    TT_ASSERT(tr_utf8_valid("\xee\x80\x80", 3));                       /* U+E000 */
    TT_ASSERT(tr_utf8_valid("\xef\xbf\xbf", 3));                       /* U+FFFF */
    TT_ASSERT(tr_utf8_valid("\xf4\x8f\xbf\xbf", 4));                   /* U+10FFFF */
    TT_ASSERT(tr_utf8_valid("a\0b", 3));                               /* NUL is valid */
}

TT_TEST(utf8_valid_rejects)
{
    TT_ASSERT(!tr_utf8_valid("\x80", 1));                 /* lone continuation */
    TT_ASSERT(!tr_utf8_valid("\xc3", 1));                 /* truncated 2-byte */
    TT_ASSERT(!tr_utf8_valid("\xc3(", 2));                /* bad continuation */
    TT_ASSERT(!tr_utf8_valid("\xe4\xb8", 2));             /* truncated 3-byte */
    TT_ASSERT(!tr_utf8_valid("\xf0\x9f\x98", 3));         /* truncated 4-byte */
    TT_ASSERT(!tr_utf8_valid("\xc0\xaf", 2));             /* overlong '/' */
    TT_ASSERT(!tr_utf8_valid("\xc1\xbf", 2));             /* overlong */
    TT_ASSERT(!tr_utf8_valid("\xe0\x80\xaf", 3));         /* overlong 3-byte */
    TT_ASSERT(!tr_utf8_valid("\xe0\x9f\xbf", 3));         /* overlong U+07FF */
    TT_ASSERT(!tr_utf8_valid("\xf0\x8f\xbf\xbf", 4));     /* overlong U+FFFF */
    TT_ASSERT(!tr_utf8_valid("\xed\xa0\x80", 3));         /* U+D800 */
    TT_ASSERT(!tr_utf8_valid("\xed\xbf\xbf", 3));         /* U+DFFF */
    TT_ASSERT(!tr_utf8_valid("\xf4\x90\x80\x80", 4));     /* U+110000 */
    TT_ASSERT(!tr_utf8_valid("\xf5\x80\x80\x80", 4));     /* F5 lead */
    TT_ASSERT(!tr_utf8_valid("\xff", 1));
    TT_ASSERT(!tr_utf8_valid("\xfe", 1));
    /* len bounds the check: a valid sequence cut by len is invalid */
    TT_ASSERT(!tr_utf8_valid("caf\xc3\xa9", 4));
    TT_ASSERT(tr_utf8_valid("caf\xc3\xa9", 3));
}

/* ---- tr_mojibake_repair ----------------------------------------------- */

TT_TEST(repair_accents)
{
    /* é written as U+00C3 U+00A9 (UTF-8 C3 83 C2 A9) -> é */
    REPAIR_EQ("\xc3\x83\xc2\xa9", "\xc3\xa9");
    REPAIR_EQ("Caf\xc3\x83\xc2\xa9 time", "Caf\xc3\xa9 time");
    /* Portuguese: Parabéns */
    REPAIR_EQ("Parab\xc3\x83\xc2\xa9ns!", "Parab\xc3\xa9ns!");
    /* German: Grüße (ü = C3 BC, ß = C3 9F) */
    REPAIR_EQ("Gr\xc3\x83\xc2\xbc\xc3\x83\xc2\x9f" "e", "Gr\xc3\xbc\xc3\x9f" "e");
    /* Danish: Smørrebrød (ø = C3 B8) */
    REPAIR_EQ("Sm\xc3\x83\xc2\xb8rrebr\xc3\x83\xc2\xb8" "d", "Sm\xc3\xb8rrebr\xc3\xb8" "d");
    /* Portuguese: São João (ã = C3 A3) */
    REPAIR_EQ("S\xc3\x83\xc2\xa3o Jo\xc3\x83\xc2\xa3o", "S\xc3\xa3o Jo\xc3\xa3o");
}

TT_TEST(repair_emoji_and_flags)
{
    /* U+00F0 U+009F U+0098 U+0080 -> 😀 (F0 9F 98 80) */
    REPAIR_EQ("\xc3\xb0\xc2\x9f\xc2\x98\xc2\x80", "\xf0\x9f\x98\x80");
    /* Sunset at the lake 🌅 (F0 9F 8C 85) */
    REPAIR_EQ("Sunset at the lake \xc3\xb0\xc2\x9f\xc2\x8c\xc2\x85",
              "Sunset at the lake \xf0\x9f\x8c\x85");
    /* 🇨🇴: two regional indicators F0 9F 87 A8, F0 9F 87 B4 */
    REPAIR_EQ("Un Taxi \xc3\xb0\xc2\x9f\xc2\x87\xc2\xa8\xc3\xb0\xc2\x9f\xc2\x87\xc2\xb4",
              "Un Taxi \xf0\x9f\x87\xa8\xf0\x9f\x87\xb4");
    /* 👍 F0 9F 91 8D */
    REPAIR_EQ("\xc3\xb0\xc2\x9f\xc2\x91\xc2\x8d", "\xf0\x9f\x91\x8d");
}

TT_TEST(repair_cjk)
{
    /* 中文 = E4 B8 AD E6 96 87 written byte by byte */
    REPAIR_EQ("\xc3\xa4\xc2\xb8\xc2\xad\xc3\xa6\xc2\x96\xc2\x87", "\xe4\xb8\xad\xe6\x96\x87");
    /* real CJK (code points > U+00FF) is left alone */
    REPAIR_EQ("\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87");
    /* real CJK next to mojibake: any code point > U+00FF means no repair */
    REPAIR_EQ("\xe4\xb8\xad \xc3\x83\xc2\xa9", "\xe4\xb8\xad \xc3\x83\xc2\xa9");
}

TT_TEST(repair_mixed_ascii)
{
    REPAIR_EQ("hello world", "hello world");
    REPAIR_EQ("a\xc3\x83\xc2\xa9" "b c\xc3\x83\xc2\xa8" "d 123",
              "a\xc3\xa9" "b c\xc3\xa8" "d 123");
}

TT_TEST(repair_leaves_invalid)
{
    /* U+00C3 alone followed by ASCII: byte C3 then 'x' is not UTF-8 */
    REPAIR_EQ("\xc3\x83x", "\xc3\x83x");
    REPAIR_EQ("\xc3\x83" "abc", "\xc3\x83" "abc");
    /* U+00C3 at the very end: truncated sequence */
    REPAIR_EQ("abc\xc3\x83", "abc\xc3\x83");
    /* U+00FF / U+0080 bytes that never form UTF-8 */
    REPAIR_EQ("\xc3\xbf", "\xc3\xbf");
    REPAIR_EQ("\xc2\x80", "\xc2\x80");
    REPAIR_EQ("x\xc3\xbf\xc2\x80y", "x\xc3\xbf\xc2\x80y");
    /* bytes that would form an overlong or a surrogate stay as they are */
    REPAIR_EQ("\xc3\x80\xc2\xaf", "\xc3\x80\xc2\xaf");               /* C0 AF */
    REPAIR_EQ("\xc3\xad\xc2\xa0\xc2\x80", "\xc3\xad\xc2\xa0\xc2\x80"); /* ED A0 80 */
}

TT_TEST(repair_leaves_correct_text)
{
    /* "café" with a real U+00E9: byte E9 alone is not UTF-8 -> unchanged */
    REPAIR_EQ("caf\xc3\xa9", "caf\xc3\xa9");
    REPAIR_EQ("\xc3\xa9", "\xc3\xa9");
    /* a repaired string repairs to itself */
    REPAIR_EQ("Gr\xc3\xbc\xc3\x9f" "e", "Gr\xc3\xbc\xc3\x9f" "e");
}

TT_TEST(repair_invalid_input_copied)
{
    size_t n = 99;
    char *r = tr_mojibake_repair("ab\xff\xc3", 4, &n);

    TT_ASSERT(r != NULL);
    TT_INT_EQ(n, 4);
    TT_ASSERT(memcmp(r, "ab\xff\xc3", 5) == 0);
    free(r);
}

TT_TEST(repair_empty)
{
    size_t n = 99;
    char *r = tr_mojibake_repair("", 0, &n);

    TT_ASSERT(r != NULL);
    TT_INT_EQ(n, 0);
    TT_STR_EQ(r, "");
    free(r);
    n = 99;
    r = tr_mojibake_repair(NULL, 0, &n);
    TT_ASSERT(r != NULL);
    TT_INT_EQ(n, 0);
    TT_STR_EQ(r, "");
    free(r);
    /* out_len may be NULL */
    r = tr_mojibake_repair("\xc3\x83\xc2\xa9", 4, NULL);
    TT_STR_EQ(r, "\xc3\xa9");
    free(r);
}

TT_TEST(repair_is_a_copy)
{
    const char *s = "ascii only";
    char *r = tr_mojibake_repair(s, strlen(s), NULL);

    TT_ASSERT(r != NULL);
    TT_ASSERT(r != s);
    TT_STR_EQ(r, s);
    free(r);
}

TT_TEST(repair_embedded_nul)
{
    /* "é\0é" as mojibake, 9 bytes with the NUL: len, not strlen, counts */
    const char in[] = "\xc3\x83\xc2\xa9\0\xc3\x83\xc2\xa9";
    const char want[] = "\xc3\xa9\0\xc3\xa9";
    size_t n = 0;
    char *r = tr_mojibake_repair(in, sizeof in - 1, &n);

    TT_ASSERT(r != NULL);
    TT_INT_EQ(n, sizeof want - 1);
    TT_ASSERT(memcmp(r, want, sizeof want) == 0); /* includes the final NUL */
    free(r);

    /* len shorter than the string: only the prefix is looked at */
    n = 0;
    r = tr_mojibake_repair("\xc3\x83\xc2\xa9rest", 4, &n);
    TT_INT_EQ(n, 2);
    TT_STR_EQ(r, "\xc3\xa9");
    free(r);

    /* NUL next to an invalid sequence: unchanged copy with the NUL kept */
    n = 0;
    r = tr_mojibake_repair("\xc3\x83\0x", 4, &n);
    TT_INT_EQ(n, 4);
    TT_ASSERT(r && memcmp(r, "\xc3\x83\0x", 5) == 0);
    free(r);
}

/* ---- dates ------------------------------------------------------------ */

static tr_date D(int y, int m, int d)
{
    tr_date r = {y, m, d};
    return r;
}

#define DATE_EQ(a, y, m, d)                                                    \
    do {                                                                       \
        tr_date da_ = (a);                                                     \
        if (da_.year != (y) || da_.month != (m) || da_.day != (d))             \
            TT_FAIL_("%s: got %d-%d-%d, want %d-%d-%d", #a, da_.year,          \
                     da_.month, da_.day, (y), (m), (d));                       \
    } while (0)

TT_TEST(date_parse_valid)
{
    tr_date d = {0, 0, 0};

    TT_INT_EQ(tr_date_parse("2024-02-29", &d), 0);
    DATE_EQ(d, 2024, 2, 29);
    TT_INT_EQ(tr_date_parse("2025-6-1", &d), 0);
    DATE_EQ(d, 2025, 6, 1);
    TT_INT_EQ(tr_date_parse("2025-06-01", &d), 0);
    DATE_EQ(d, 2025, 6, 1);
    TT_INT_EQ(tr_date_parse("2000-02-29", &d), 0);
    TT_INT_EQ(tr_date_parse("1919-01-01", &d), 0);
    DATE_EQ(d, 1919, 1, 1);
    TT_INT_EQ(tr_date_parse("0001-01-01", &d), 0);
    TT_INT_EQ(tr_date_parse("9999-12-31", &d), 0);
    TT_INT_EQ(tr_date_parse("2023-12-31", NULL), 0);
}

TT_TEST(date_parse_invalid)
{
    tr_date d = {7, 7, 7};

    TT_INT_EQ(tr_date_parse("2025-02-29", &d), -1);
    DATE_EQ(d, 7, 7, 7); /* untouched on failure */
    TT_INT_EQ(tr_date_parse("1900-02-29", &d), -1);
    TT_INT_EQ(tr_date_parse("2025-13-01", &d), -1);
    TT_INT_EQ(tr_date_parse("2025-00-10", &d), -1);
    TT_INT_EQ(tr_date_parse("2025-04-31", &d), -1);
    TT_INT_EQ(tr_date_parse("2025-04-00", &d), -1);
    TT_INT_EQ(tr_date_parse("0000-01-01", &d), -1);
    TT_INT_EQ(tr_date_parse("abc", &d), -1);
    TT_INT_EQ(tr_date_parse("", &d), -1);
    TT_INT_EQ(tr_date_parse(NULL, &d), -1);
    TT_INT_EQ(tr_date_parse("2025-06-01x", &d), -1);
    TT_INT_EQ(tr_date_parse("2025-06-01 ", &d), -1);
    TT_INT_EQ(tr_date_parse(" 2025-06-01", &d), -1);
    TT_INT_EQ(tr_date_parse("2025-006-01", &d), -1);
    TT_INT_EQ(tr_date_parse("2025-06-001", &d), -1);
    TT_INT_EQ(tr_date_parse("25-06-01", &d), -1);
    TT_INT_EQ(tr_date_parse("20250-06-01", &d), -1);
    TT_INT_EQ(tr_date_parse("2025/06/01", &d), -1);
    TT_INT_EQ(tr_date_parse("2025-06", &d), -1);
    TT_INT_EQ(tr_date_parse("2025--06-01", &d), -1);
    TT_INT_EQ(tr_date_parse("+2025-06-01", &d), -1);
    DATE_EQ(d, 7, 7, 7);
}

TT_TEST(date_valid_ranges)
{
    TT_ASSERT(tr_date_valid(D(1, 1, 1)));
    TT_ASSERT(tr_date_valid(D(9999, 12, 31)));
    TT_ASSERT(!tr_date_valid(D(0, 12, 31)));
    TT_ASSERT(!tr_date_valid(D(10000, 1, 1)));
    TT_ASSERT(!tr_date_valid(D(-5, 1, 1)));
    TT_ASSERT(tr_date_valid(D(2024, 2, 29)));
    TT_ASSERT(!tr_date_valid(D(2023, 2, 29)));
    TT_ASSERT(!tr_date_valid(D(2100, 2, 29)));
    TT_ASSERT(tr_date_valid(D(2400, 2, 29)));
    TT_ASSERT(!tr_date_valid(D(2024, 6, 31)));
    TT_ASSERT(tr_date_valid(D(2024, 7, 31)));
    TT_ASSERT(!tr_date_valid(D(2024, 1, 32)));
    TT_ASSERT(!tr_date_valid(D(2024, 0, 1)));
    TT_ASSERT(!tr_date_valid(D(2024, 13, 1)));
    TT_ASSERT(!tr_date_valid(D(2024, 1, 0)));
    TT_ASSERT(!tr_date_valid(D(2024, 1, -1)));
}

TT_TEST(date_days)
{
    TT_INT_EQ(tr_date_to_days(D(1970, 1, 1)), 0);
    TT_INT_EQ(tr_date_to_days(D(1970, 1, 2)), 1);
    TT_INT_EQ(tr_date_to_days(D(1969, 12, 31)), -1);
    TT_INT_EQ(tr_date_to_days(D(2000, 3, 1)), 11017);
    TT_INT_EQ(tr_date_to_days(D(2024, 1, 1)), 19723);
    TT_INT_EQ(tr_date_to_days(D(1, 1, 1)), -719162);
    TT_INT_EQ(tr_date_to_days(D(9999, 12, 31)), 2932896);
    DATE_EQ(tr_date_from_days(0), 1970, 1, 1);
    DATE_EQ(tr_date_from_days(-1), 1969, 12, 31);
    DATE_EQ(tr_date_from_days(19723), 2024, 1, 1);
    DATE_EQ(tr_date_from_days(-719162), 1, 1, 1);
    DATE_EQ(tr_date_from_days(2932896), 9999, 12, 31);
    /* out-of-range months roll over */
    TT_INT_EQ(tr_date_to_days(D(2025, 13, 1)), tr_date_to_days(D(2026, 1, 1)));
    TT_INT_EQ(tr_date_to_days(D(2025, 0, 1)), tr_date_to_days(D(2024, 12, 1)));
    /* absurd inputs do not overflow */
    (void)tr_date_from_days(INT64_MAX);
    (void)tr_date_from_days(INT64_MIN);
}

TT_TEST(date_round_trips)
{
    /* every day of 1..9999 round-trips and consecutive days are consecutive */
    int64_t first = tr_date_to_days(D(1, 1, 1));
    int64_t last = tr_date_to_days(D(9999, 12, 31));
    tr_date prev = tr_date_from_days(first - 1);

    DATE_EQ(prev, 0, 12, 31);
    for (int64_t n = first; n <= last; n++) {
        tr_date d = tr_date_from_days(n);
        if (!tr_date_valid(d))
            TT_FAIL_("day %lld -> invalid %d-%d-%d", (long long)n, d.year, d.month, d.day);
        if (tr_date_to_days(d) != n)
            TT_FAIL_("day %lld does not round-trip", (long long)n);
        prev = d;
    }
    DATE_EQ(prev, 9999, 12, 31);
}

TT_TEST(date_from_unix)
{
    DATE_EQ(tr_date_from_unix(0), 1970, 1, 1);
    DATE_EQ(tr_date_from_unix(86399), 1970, 1, 1);
    DATE_EQ(tr_date_from_unix(86400), 1970, 1, 2);
    DATE_EQ(tr_date_from_unix(-1), 1969, 12, 31);
    DATE_EQ(tr_date_from_unix(-86400), 1969, 12, 31);
    DATE_EQ(tr_date_from_unix(-86401), 1969, 12, 30);
    DATE_EQ(tr_date_from_unix(1700000000), 2023, 11, 14);
    DATE_EQ(tr_date_from_unix(1704067200), 2024, 1, 1);
    DATE_EQ(tr_date_from_unix(951782400), 2000, 2, 29);
    /* the Unix time of midnight of a date maps back to it */
    tr_date d = D(1919, 1, 1);
    DATE_EQ(tr_date_from_unix(tr_date_to_days(d) * 86400), 1919, 1, 1);
    d = D(2024, 2, 29);
    DATE_EQ(tr_date_from_unix(tr_date_to_days(d) * 86400 + 86399), 2024, 2, 29);
    (void)tr_date_from_unix(INT64_MIN);
    (void)tr_date_from_unix(INT64_MAX);
}

TT_TEST(age)
{
    tr_date b = D(1990, 6, 15);

    TT_INT_EQ(tr_age_on(b, D(2020, 6, 15)), 30); /* exact birthday */
    TT_INT_EQ(tr_age_on(b, D(2020, 6, 14)), 29); /* day before */
    TT_INT_EQ(tr_age_on(b, D(2020, 6, 16)), 30);
    TT_INT_EQ(tr_age_on(b, D(2020, 5, 31)), 29);
    TT_INT_EQ(tr_age_on(b, D(2020, 12, 31)), 30);
    TT_INT_EQ(tr_age_on(b, D(2021, 1, 1)), 30);
    TT_INT_EQ(tr_age_on(b, D(1990, 6, 15)), 0);
    TT_INT_EQ(tr_age_on(b, D(1990, 6, 14)), -1); /* before birth */
    /* 18th birthday boundary */
    TT_INT_EQ(tr_age_on(D(2007, 3, 10), D(2025, 3, 9)), 17);
    TT_INT_EQ(tr_age_on(D(2007, 3, 10), D(2025, 3, 10)), 18);
}

TT_TEST(age_leap_day)
{
    tr_date b = D(2008, 2, 29);

    TT_INT_EQ(tr_age_on(b, D(2025, 2, 28)), 16); /* common year: not yet */
    TT_INT_EQ(tr_age_on(b, D(2025, 3, 1)), 17);  /* older on Mar 1 */
    TT_INT_EQ(tr_age_on(b, D(2024, 2, 28)), 15); /* leap year: day before */
    TT_INT_EQ(tr_age_on(b, D(2024, 2, 29)), 16); /* leap year: on the day */
    TT_INT_EQ(tr_age_on(b, D(2024, 3, 1)), 16);
    TT_INT_EQ(tr_age_on(b, D(2026, 2, 28)), 17);
    TT_INT_EQ(tr_age_on(b, D(2026, 3, 1)), 18);
}

TT_TEST(date_format)
{
    char buf[11];

    tr_date_format(D(2024, 2, 29), buf);
    TT_STR_EQ(buf, "2024-02-29");
    tr_date_format(D(1, 1, 1), buf);
    TT_STR_EQ(buf, "0001-01-01");
    tr_date_format(D(9999, 12, 31), buf);
    TT_STR_EQ(buf, "9999-12-31");
    tr_date_format(D(-44, 3, 15), buf); /* 11 characters: cut to fit */
    TT_STR_EQ(buf, "-0044-03-1");
    tr_date_format(D(123456, 1, 2), buf); /* too wide: cut, still terminated */
    TT_INT_EQ(strlen(buf), 10);
}

TT_TEST(time_iso)
{
    char buf[32];

    tr_time_iso(0, buf);
    TT_STR_EQ(buf, "1970-01-01T00:00:00Z");
    tr_time_iso(1700000000, buf);
    TT_STR_EQ(buf, "2023-11-14T22:13:20Z");
    tr_time_iso(-86400, buf);
    TT_STR_EQ(buf, "1969-12-31T00:00:00Z");
    tr_time_iso(-1, buf);
    TT_STR_EQ(buf, "1969-12-31T23:59:59Z");
    tr_time_iso(-86401, buf);
    TT_STR_EQ(buf, "1969-12-30T23:59:59Z");
    tr_time_iso(1709164800, buf);
    TT_STR_EQ(buf, "2024-02-29T00:00:00Z");
    tr_time_iso(-1577923200, buf);
    TT_STR_EQ(buf, "1920-01-01T00:00:00Z");
    tr_time_iso(253402300799, buf);
    TT_STR_EQ(buf, "9999-12-31T23:59:59Z");
    tr_time_iso(-62135596800, buf);
    TT_STR_EQ(buf, "0001-01-01T00:00:00Z");
    /* extremes: no overflow, always terminated within 32 bytes */
    tr_time_iso(INT64_MIN, buf);
    TT_ASSERT(strlen(buf) < 32);
    tr_time_iso(INT64_MAX, buf);
    TT_ASSERT(strlen(buf) < 32);
}

TT_TEST(utf8_scrub)
{
    size_t n = 0;
    char *r = tr_utf8_scrub("ok \xc3\xa9", 6, &n);
    TT_STR_EQ(r, "ok \xc3\xa9"); /* valid: unchanged */
    TT_INT_EQ(n, 6);
    free(r);
    r = tr_utf8_scrub("a\xff\xc3" "b\xe2\x82", 6, &n); /* bad byte, cut sequences */
    TT_STR_EQ(r, "a\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
    TT_INT_EQ(n, strlen(r));
    TT_ASSERT(tr_utf8_valid(r, n));
    free(r);
    r = tr_utf8_scrub("\xed\xa0\x80", 3, &n); /* a surrogate is not UTF-8 */
    TT_STR_EQ(r, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    free(r);
    r = tr_utf8_scrub(NULL, 0, &n);
    TT_STR_EQ(r, "");
    free(r);
}

int main(void)
{
    TT_RUN(utf8_valid_accepts);
    TT_RUN(utf8_valid_rejects);
    TT_RUN(repair_accents);
    TT_RUN(repair_emoji_and_flags);
    TT_RUN(repair_cjk);
    TT_RUN(repair_mixed_ascii);
    TT_RUN(repair_leaves_invalid);
    TT_RUN(repair_leaves_correct_text);
    TT_RUN(repair_invalid_input_copied);
    TT_RUN(repair_empty);
    TT_RUN(repair_is_a_copy);
    TT_RUN(repair_embedded_nul);
    TT_RUN(date_parse_valid);
    TT_RUN(date_parse_invalid);
    TT_RUN(date_valid_ranges);
    TT_RUN(date_days);
    TT_RUN(date_round_trips);
    TT_RUN(date_from_unix);
    TT_RUN(age);
    TT_RUN(age_leap_day);
    TT_RUN(date_format);
    TT_RUN(time_iso);
    TT_RUN(utf8_scrub);
    return tt_done();
}
