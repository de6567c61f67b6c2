/* test_escape.c - unit tests for what keeps export text harmless in each
 * output: tr_html_escape (HTML report), tr_csv_field (CSV, RFC 4180 and
 * spreadsheet formula injection), tr_fputs_safe (terminal), and the
 * progress line; plus the count and size formatting they share. */
#include "tt.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progress.h"
#include "reporter.h"
#include "util.h"

/* Run fn(f, s) on a memory stream and return what it wrote (static buffer). */
static const char *capture(void (*fn)(FILE *, const char *), const char *s)
{
    static char out[4096];
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return "(open_memstream failed)";
    fn(f, s);
    fclose(f);
    snprintf(out, sizeof out, "%s", buf ? buf : "");
    free(buf);
    return out;
}

#define HTML(s) capture(tr_html_escape, (s))
#define CSV(s) capture(tr_csv_field, (s))
#define SAFE(s) capture(tr_fputs_safe, (s))

/* ---- HTML --------------------------------------------------------------------- */

TT_TEST(html_script_is_text)
{
    TT_STR_EQ(HTML("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
}

TT_TEST(html_attribute_breakout)
{
    TT_STR_EQ(HTML("\"><img src=x onerror=alert(1)>"), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    TT_STR_EQ(HTML("' onmouseover='x"), "&#39; onmouseover=&#39;x");
}

TT_TEST(html_ampersand_and_entities)
{
    TT_STR_EQ(HTML("Tom & Jerry"), "Tom &amp; Jerry");
    TT_STR_EQ(HTML("&lt;already&gt;"), "&amp;lt;already&amp;gt;");
    TT_STR_EQ(HTML("&#x3C;script"), "&amp;#x3C;script");
}

TT_TEST(html_keeps_utf8_and_whitespace)
{
    TT_STR_EQ(HTML("Caf\xc3\xa9 \xf0\x9f\x8c\xb8"), "Caf\xc3\xa9 \xf0\x9f\x8c\xb8");
    TT_STR_EQ(HTML("a\tb\nc\r"), "a\tb\nc\r");
    TT_STR_EQ(HTML(""), "");
    TT_STR_EQ(HTML(NULL), "");
}

TT_TEST(html_replaces_controls_and_bad_bytes)
{
    TT_STR_EQ(HTML("a\x01z"), "a&#xFFFD;z");
    TT_STR_EQ(HTML("a\x7fz"), "a&#xFFFD;z");
    TT_STR_EQ(HTML("a\xc2\x85z"), "a&#xFFFD;z");           /* C1 NEL */
    TT_STR_EQ(HTML("a\xffz"), "a&#xFFFD;z");               /* not UTF-8 */
    TT_STR_EQ(HTML("a\xc3"), "a&#xFFFD;");                 /* cut short */
    TT_STR_EQ(HTML("\xe0\x80\xbc"), "&#xFFFD;&#xFFFD;&#xFFFD;"); /* overlong '<' */
}

/* ---- CSV ------------------------------------------------------------------------ */

TT_TEST(csv_plain_fields_unquoted)
{
    TT_STR_EQ(CSV("your_facebook_activity/posts/a.json"), "your_facebook_activity/posts/a.json");
    TT_STR_EQ(CSV(""), "");
    TT_STR_EQ(CSV(NULL), "");
    TT_STR_EQ(CSV("Caf\xc3\xa9"), "Caf\xc3\xa9");
}

TT_TEST(csv_rfc4180_quoting)
{
    TT_STR_EQ(CSV("a,b"), "\"a,b\"");
    TT_STR_EQ(CSV("say \"hi\""), "\"say \"\"hi\"\"\"");
    TT_STR_EQ(CSV("two\nlines"), "\"two\nlines\"");
    TT_STR_EQ(CSV("cr\r\nlf"), "\"cr\r\nlf\"");
}

TT_TEST(csv_formula_injection)
{
    TT_STR_EQ(CSV("=1+1"), "\"'=1+1\"");
    TT_STR_EQ(CSV("+1"), "\"'+1\"");
    TT_STR_EQ(CSV("-1"), "\"'-1\"");
    TT_STR_EQ(CSV("@SUM(A1:A2)"), "\"'@SUM(A1:A2)\"");
    TT_STR_EQ(CSV("\t=1"), "\"'\t=1\"");
    TT_STR_EQ(CSV("\r=1"), "\"'\r=1\"");
    TT_STR_EQ(CSV("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    /* only the first character counts */
    TT_STR_EQ(CSV("a=1"), "a=1");
    TT_STR_EQ(CSV("1-2"), "1-2");
}

/* ---- terminal --------------------------------------------------------------------- */

TT_TEST(safe_plain_and_utf8)
{
    TT_STR_EQ(SAFE("posts/your_posts_1.json"), "posts/your_posts_1.json");
    TT_STR_EQ(SAFE("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 Caf\xc3\xa9"), "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 Caf\xc3\xa9");
    TT_STR_EQ(SAFE(NULL), "");
}

TT_TEST(safe_escape_sequences)
{
    TT_STR_EQ(SAFE("\x1b[2J\x1b]0;pwned\x07"), "\\e[2J\\e]0;pwned\\x07");
    TT_STR_EQ(SAFE("a\rb\nc\td"), "a\\x0db\\x0ac\\x09d");
    TT_STR_EQ(SAFE("\x7f"), "\\x7f");
    TT_STR_EQ(SAFE("\xc2\x9b" "31m"), "\\u009b31m"); /* C1 CSI as UTF-8 */
    TT_STR_EQ(SAFE("\x9b" "31m"), "\\x9b31m");       /* raw CSI byte: not UTF-8 */
    TT_STR_EQ(SAFE("a\xc3"), "a\\xc3");
}

TT_TEST(safe_bidi_controls)
{
    TT_STR_EQ(SAFE("abc\xe2\x80\xaetxt.exe"), "abc\\u202etxt.exe"); /* RLO */
    TT_STR_EQ(SAFE("\xe2\x81\xa6x\xe2\x81\xa9"), "\\u2066x\\u2069");
}

/* ---- shared formatting --------------------------------------------------------------- */

TT_TEST(fmt_count_separators)
{
    char b[48];
    TT_STR_EQ(tr_fmt_count(0, ",", b, sizeof b), "0");
    TT_STR_EQ(tr_fmt_count(999, ",", b, sizeof b), "999");
    TT_STR_EQ(tr_fmt_count(1204, ",", b, sizeof b), "1,204");
    TT_STR_EQ(tr_fmt_count(1234567, ".", b, sizeof b), "1.234.567");
    TT_STR_EQ(tr_fmt_count(1000, "\xc2\xa0", b, sizeof b), "1\xc2\xa0" "000");
    TT_STR_EQ(tr_fmt_count(18446744073709551615u, ",", b, sizeof b), "18,446,744,073,709,551,615");
    TT_STR_EQ(tr_fmt_count(1234, NULL, b, sizeof b), "1234");
    TT_STR_EQ(tr_fmt_count(123456, ",", b, 4), "123"); /* truncated, terminated */
}

TT_TEST(fmt_bytes_units)
{
    char b[32];
    TT_STR_EQ(tr_fmt_bytes(0, b, sizeof b), "0 B");
    TT_STR_EQ(tr_fmt_bytes(999, b, sizeof b), "999 B");
    TT_STR_EQ(tr_fmt_bytes(24900, b, sizeof b), "24.9 KB");
    TT_STR_EQ(tr_fmt_bytes(3500000000u, b, sizeof b), "3.5 GB");
}

TT_TEST(utf8_sanitize)
{
    char *s = tr_utf8_sanitize("ok\xff\xc3\xa9");
    TT_ASSERT(s != NULL);
    int same = strcmp(s, "ok\xef\xbf\xbd\xc3\xa9") == 0;
    free(s);
    TT_ASSERT(same);
}

/* ---- progress ------------------------------------------------------------------------ */

TT_TEST(progress_silent_off_terminal)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    TT_ASSERT(f != NULL);
    tr_progress *p = tr_progress_new(f, 0); /* a memory stream is not a terminal */
    tr_progress_update(p, 1, 2, 3, "x");
    tr_progress_end(p);
    fclose(f);
    int empty = len == 0;
    free(buf);
    TT_ASSERT(p == NULL);
    TT_ASSERT(empty);
    TT_ASSERT(tr_progress_new(stderr, 1) == NULL); /* --quiet */
    tr_progress_end(NULL);
}

TT_TEST(progress_line)
{
    char b[512];
    tr_progress_format(b, sizeof b, 100, 500000, 1000000, 1204, "posts/a.json", 75.2);
    TT_STR_EQ(b, "[==========>         ]  50%  500.0 KB of 1.0 MB  1,204 items  1:15  posts/a.json");
    tr_progress_format(b, sizeof b, 100, 2000, 0, 3, NULL, 0);
    TT_STR_EQ(b, "2.0 KB read  3 items  0:00");
}

TT_TEST(progress_member_cut_and_cleaned)
{
    char b[512];
    /* the name is cut from the left to fit, at a character boundary */
    tr_progress_format(b, sizeof b, 40, 0, 0, 0, "a/very/long/path/to/caf\xc3\xa9.json", 0);
    TT_STR_EQ(b, "0 B read  0 items  0:00  \xe2\x80\xa6" "h/to/caf\xc3\xa9.json");
    /* escape sequences in a member name never reach the terminal */
    tr_progress_format(b, sizeof b, 100, 0, 0, 0, "x\x1b[2Jy\xe2\x80\xae", 0);
    TT_STR_EQ(b, "0 B read  0 items  0:00  x?[2Jy?");
    TT_ASSERT(strchr(b, 0x1b) == NULL);
    /* never wider than asked */
    tr_progress_format(b, sizeof b, 10, 500, 1000, 7, "m", 0);
    TT_INT_EQ(strlen(b), 10);
}

int main(void)
{
    TT_RUN(html_script_is_text);
    TT_RUN(html_attribute_breakout);
    TT_RUN(html_ampersand_and_entities);
    TT_RUN(html_keeps_utf8_and_whitespace);
    TT_RUN(html_replaces_controls_and_bad_bytes);
    TT_RUN(csv_plain_fields_unquoted);
    TT_RUN(csv_rfc4180_quoting);
    TT_RUN(csv_formula_injection);
    TT_RUN(safe_plain_and_utf8);
    TT_RUN(safe_escape_sequences);
    TT_RUN(safe_bidi_controls);
    TT_RUN(fmt_count_separators);
    TT_RUN(fmt_bytes_units);
    TT_RUN(utf8_sanitize);
    TT_RUN(progress_silent_off_terminal);
    TT_RUN(progress_line);
    TT_RUN(progress_member_cut_and_cleaned);
    return tt_done();
}
