/* test_html.c - unit tests for src/parse/html.c: the three markup
 * generations of Meta's HTML exports turned into the JSON shape of html.h.
 * Pages are fed from memory through tr_html_load_callback, in chunks of
 * several sizes (1 byte included), and every result must be the same. */
#include "tt.h"
#include "html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jdoc.h"
#include "jpath.h"
#include "text.h"

/* ---- feeding pages -------------------------------------------------------------- */

typedef struct mem {
    const char *s;
    size_t len, pos, chunk;
    size_t fail_at; /* return an error once pos reaches this (0: never) */
} mem;

static size_t mem_read(void *buf, size_t len, void *data)
{
    mem *m = data;
    if (m->fail_at && m->pos >= m->fail_at) return (size_t)-1;
    size_t n = m->len - m->pos;
    if (n > len) n = len;
    if (n > m->chunk) n = m->chunk;
    memcpy(buf, m->s + m->pos, n);
    m->pos += n;
    return n;
}

static tr_limits limits(void)
{
    tr_limits l;
    tr_limits_default(&l);
    return l;
}

/* Load s[0..len) in chunks of `chunk` bytes. */
static json_t *load_n(const char *s, size_t len, size_t chunk, char **err)
{
    mem m = {s, len, 0, chunk, 0};
    tr_limits l = limits();
    return tr_html_load_callback(mem_read, &m, &l, err);
}

/* Load a page whole, then in 1, 7 and 4096-byte chunks: the results must be
 * equal. Returns the whole-page result (caller decrefs), NULL on error. */
static json_t *load(const char *page)
{
    static const size_t chunks[] = {1, 7, 4096};
    char *err = NULL;
    json_t *whole = load_n(page, strlen(page), strlen(page) + 1, &err);
    if (!whole) {
        fprintf(stderr, "load: %s\n", err ? err : "(null)");
        free(err);
        return NULL;
    }
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        json_t *part = load_n(page, strlen(page), chunks[i], &err);
        int same = part && json_equal(whole, part);
        if (!same) {
            char *a = json_dumps(whole, JSON_COMPACT), *b = part ? json_dumps(part, JSON_COMPACT) : NULL;
            fprintf(stderr, "chunks of %zu differ:\n  %s\n  %s\n", chunks[i], a, b ? b : err);
            free(a);
            free(b);
        }
        json_decref(part);
        free(err);
        err = NULL;
        if (!same) {
            json_decref(whole);
            return NULL;
        }
    }
    return whole;
}

static json_t *item(json_t *doc, size_t i) { return json_array_get(json_object_get(doc, "items"), i); }
static size_t nitems(json_t *doc) { return json_array_size(json_object_get(doc, "items")); }
static const char *sget(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
    tr_date day = {y, mo, d};
    return tr_date_to_days(day) * 86400 + h * 3600 + mi * 60 + s;
}

/* The uri array of an item as one string "a|b|c". */
static char *uris(json_t *it)
{
    static char buf[1024];
    size_t i;
    json_t *v;
    buf[0] = '\0';
    json_array_foreach(json_object_get(it, "uri"), i, v) {
        if (i) strncat(buf, "|", sizeof buf - strlen(buf) - 1);
        strncat(buf, json_string_value(v), sizeof buf - strlen(buf) - 1);
    }
    return buf;
}

/* ---- pages ----------------------------------------------------------------------- */

/* H3 (Facebook 2024+): items are the sections directly under main; the
 * first item has a nested section with its own footer and photo. */
static const char H3_POSTS[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Your posts</title>"
    "<style>section._a6-g{color:red}</style></head><body>"
    "<div class=\"_a705\"><main class=\"_a706\" role=\"main\">"
    "<section class=\"_a6-g\" aria-labelledby=\"u_0_1\">"
    "<h2 class=\"_2ph_ _a6-h _a6-i\">Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1 added 2 new photos.</h2>"
    "<div class=\"_2ph_ _a6-p\"><div><div class=\"_2pin\"><div>Fr\xc3\xbchlingsspaziergang &amp; mehr \xf0\x9f\x8c\xb8</div></div>"
    "<div class=\"_2pin\"><a href=\"your_facebook_activity/posts/media/Mobile_1/a.jpg\">"
    "<img class=\"_a6_o _3-96\" src=\"your_facebook_activity/posts/media/Mobile_1/a.jpg\"/></a></div>"
    "<section class=\"_a6-g\"><h2 class=\"_2ph_ _a6-h _a6-i\">Attachment</h2>"
    "<div class=\"_2ph_ _a6-p\"><img src=\"your_facebook_activity/posts/media/Mobile_1/b.jpg\"/>"
    "<img src=\"https://scontent.xx.fbcdn.net/v/t39/c.jpg?oh=1\"/></div>"
    "<footer class=\"_3-94 _a6-o\"><div class=\"_a72d\">Jan 01, 2020 1:00:00 am</div></footer></section>"
    "</div></div>"
    "<footer class=\"_3-94 _a6-o\"><a href=\"https://www.facebook.com/dyi/l/?l=abc\">"
    "<div class=\"_a72d\">May 20, 2025 6:22:10 pm</div></a></footer></section>"
    "<section class=\"_a6-g\" aria-labelledby=\"u_0_2\">"
    "<h2 class=\"_2ph_ _a6-h _a6-i\">Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1 updated her status.</h2>"
    "<div class=\"_2ph_ _a6-p\"><div class=\"_2pin\"><div>Kdo jde v sobotu na k\xc3\xa1vu?</div></div></div>"
    "<footer class=\"_3-94 _a6-o\"><a href=\"https://www.facebook.com/dyi/l/?l=def\">"
    "<div class=\"_a72d\">May 02, 2025 7:45:00 am</div></a></footer></section>"
    "</main></div></body></html>";

TT_TEST(h3_items_and_nested_sections)
{
    json_t *doc = load(H3_POSTS);
    TT_ASSERT(doc);
    TT_STR_EQ(sget(doc, "title"), "Your posts");
    TT_STR_EQ(sget(doc, "name"), "Your posts");
    TT_INT_EQ(nitems(doc), 2); /* the nested section is part of item 0 */
    json_t *a = item(doc, 0), *b = item(doc, 1);
    TT_STR_EQ(sget(a, "title"), "Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1 added 2 new photos.");
    TT_ASSERT(strstr(sget(a, "text"), "Fr\xc3\xbchlingsspaziergang & mehr \xf0\x9f\x8c\xb8") != NULL);
    TT_INT_EQ(json_integer_value(json_object_get(a, "time")), utc(2025, 5, 20, 18, 22, 10));
    TT_STR_EQ(uris(a), "your_facebook_activity/posts/media/Mobile_1/a.jpg|"
                       "your_facebook_activity/posts/media/Mobile_1/b.jpg");
    TT_STR_EQ(sget(b, "text"), "Kdo jde v sobotu na k\xc3\xa1vu?");
    TT_INT_EQ(json_integer_value(json_object_get(b, "time")), utc(2025, 5, 2, 7, 45, 0));
    TT_INT_EQ(json_array_size(json_object_get(b, "uri")), 0);
    TT_STR_EQ(sget(b, "title"), "Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1 updated her status.");
    TT_ASSERT(!json_object_get(a, "values"));
    json_decref(doc);
}

/* H3 grouped page (recently_viewed): the items are the sections inside the
 * category sections; a title-only section is an item, not a header. */
static const char H3_GROUPED[] =
    "<html><head><title>Recently viewed</title></head><body><main class=\"_a706\" role=\"main\">"
    "<section class=\"_a6-g\"><h2 class=\"_a6-h\">Facebook Watch Videos</h2>"
    "<section class=\"_a6-g\"><div class=\"_a6-p\"><div>Prague in 4K</div></div>"
    "<footer><a href=\"https://www.facebook.com/watch/?v=1\"><div class=\"_a72d\">May 15, 2025 9:00:00 pm</div></a></footer></section>"
    "<section class=\"_a6-g\"><div class=\"_a6-p\"><div>Brno by night</div></div>"
    "<footer><div class=\"_a72d\">May 14, 2025 9:00:00 pm</div></footer></section>"
    "</section>\n"
    "<section class=\"_a6-g\">\n  <h2>Marketplace Interactions</h2>\n"
    "<section class=\"_a6-g\"><h2>Kolo Author</h2></section></section>"
    "</main></body></html>";

/* An item without a title of its own does not take a nested section's. */
TT_TEST(h3_nested_title_not_taken)
{
    json_t *doc = load("<html><body><main class=\"_a706\"><section class=\"_a6-g\">"
                       "<div class=\"_a6-p\">text<section class=\"_a6-g\"><h3 class=\"_a6-h\">Media</h3>"
                       "<footer><div class=\"_a72d\">Jun 02, 2025 9:15 pm</div></footer></section></div>"
                       "</section></main></body></html>");
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 1);
    TT_STR_EQ(sget(item(doc, 0), "title"), "");
    /* the time may come from a nested section when the item has none */
    TT_INT_EQ(json_integer_value(json_object_get(item(doc, 0), "time")), utc(2025, 6, 2, 21, 15, 0));
    json_decref(doc);
}

TT_TEST(h3_grouped_page)
{
    json_t *doc = load(H3_GROUPED);
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 3);
    TT_STR_EQ(sget(item(doc, 0), "text"), "Prague in 4K");
    TT_STR_EQ(sget(item(doc, 1), "text"), "Brno by night");
    TT_STR_EQ(sget(item(doc, 2), "title"), "Kolo Author");
    TT_ASSERT(json_is_null(json_object_get(item(doc, 2), "time")));
    TT_INT_EQ(json_integer_value(json_object_get(item(doc, 0), "time")), utc(2025, 5, 15, 21, 0, 0));
    json_decref(doc);
}

/* H2 (Instagram): _a70e title, boxes, minute dates, Meta AI as a sender,
 * label/value tables. */
static const char H2_THREAD[] =
    "<html><head><meta charset=\"utf-8\"></head><body>"
    "<div class=\"_3-8y _3-95 _a70a\"><div class=\"_a70d\"><div class=\"_a70e\">Meta AI</div></div></div>"
    "<div class=\"_a705\"><div class=\"_a706\" role=\"main\">"
    "<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite noborder\"><h2 class=\"_3-95 _2pim _a6-h _a6-i\">Meta AI</h2>"
    "<div class=\"_3-95 _a6-p\"><div><div></div><div>This looks like xiaolongbao \xf0\x9f\xa5\x9f</div>"
    "<div></div><div></div></div></div><div class=\"_3-94 _a6-o\">Aug 25, 2025 10:00 am</div></div>"
    "<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite noborder\"><h2 class=\"_3-95 _2pim _a6-h _a6-i\">Mei Lin</h2>"
    "<div class=\"_3-95 _a6-p\"><div><div></div><div>What is this dish?</div>"
    "<div><img src=\"your_instagram_activity/messages/inbox/metaai_1/photos/1.jpg\" class=\"_a6_o _3-96\"/></div>"
    "</div></div><div class=\"_3-94 _a6-o\">Aug 25, 2025 10:00 am</div></div>"
    "</div></div></body></html>";

TT_TEST(h2_thread_with_meta_ai)
{
    json_t *doc = load(H2_THREAD);
    TT_ASSERT(doc);
    TT_STR_EQ(sget(doc, "title"), "Meta AI");
    TT_INT_EQ(nitems(doc), 2);
    TT_STR_EQ(sget(item(doc, 0), "title"), "Meta AI");
    TT_STR_EQ(sget(item(doc, 0), "text"), "This looks like xiaolongbao \xf0\x9f\xa5\x9f");
    TT_INT_EQ(json_integer_value(json_object_get(item(doc, 1), "time")), utc(2025, 8, 25, 10, 0, 0));
    TT_STR_EQ(uris(item(doc, 1)), "your_instagram_activity/messages/inbox/metaai_1/photos/1.jpg");
    json_t *p = json_object_get(doc, "participants");
    TT_INT_EQ(json_array_size(p), 2);
    TT_STR_EQ(sget(json_array_get(p, 0), "name"), "Meta AI");
    TT_STR_EQ(sget(json_array_get(p, 1), "name"), "Mei Lin");
    json_decref(doc);
}

/* A group thread: the participants header names them (here in a header box
 * that is not an item), and Meta AI joins when it speaks. */
static const char H2_GROUP[] =
    "<html><body><div class=\"_a706\">"
    "<h2 class=\"_a6-h\">Participants: Lena Vogt, Mei Lin</h2>"
    "<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite noborder\"><h2 class=\"_a6-h\">Mailbox thread pending</h2></div>"
    "<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite noborder\"><h2 class=\"_a6-h\">Meta AI</h2>"
    "<div class=\"_a6-p\">Hello</div><div class=\"_a6-o\">Sep 22, 2017, 6:33 AM</div></div>"
    "</div></body></html>";

TT_TEST(h2_participants_header)
{
    json_t *doc = load(H2_GROUP);
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 1);
    TT_INT_EQ(json_integer_value(json_object_get(item(doc, 0), "time")), utc(2017, 9, 22, 6, 33, 0));
    json_t *p = json_object_get(doc, "participants");
    TT_INT_EQ(json_array_size(p), 3);
    TT_STR_EQ(sget(json_array_get(p, 0), "name"), "Lena Vogt");
    TT_STR_EQ(sget(json_array_get(p, 1), "name"), "Mei Lin");
    TT_STR_EQ(sget(json_array_get(p, 2), "name"), "Meta AI");
    json_decref(doc);
}

/* H1 (2019-2021): the first box is the thread header. */
static const char H1_THREAD[] =
    "<html><head><title>Sof\xc3\xad" "a Reyes</title></head><body><div class=\"_4t5n\" role=\"main\">"
    "<div class=\"pam _3-95 _2pi0 _2lej uiBoxWhite noborder\"><div class=\"_3b0d\">Sof\xc3\xad" "a Reyes</div>"
    "<div>Participants: Sof\xc3\xad" "a Reyes, Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1</div></div>"
    "<div class=\"pam _3-95 _2pi0 _2lej uiBoxWhite noborder\"><div class=\"_3-96 _2pio _2lek _2lel\">Sof\xc3\xad" "a Reyes</div>"
    "<div class=\"_3-96 _2let\"><div><div></div><div>\xc2\xa1" "Feliz cumplea\xc3\xb1os!</div></div></div>"
    "<div class=\"_3-94 _2lem\">Oct 19, 2019 at 2:37 PM</div></div>"
    "<div class=\"pam _3-95 _2pi0 _2lej uiBoxWhite noborder\"><div class=\"_3-96 _2pio _2lek _2lel\">Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1</div>"
    "<div class=\"_3-96 _2let\"><div><div></div><div><img src=\"messages/inbox/sofiareyes_ab/photos/1.jpg\"/></div></div></div>"
    "<div class=\"_3-94 _2lem\">19 Oct 2019, 14:37</div></div>"
    "</div></body></html>";

TT_TEST(h1_thread_header_skipped)
{
    json_t *doc = load(H1_THREAD);
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 2);
    TT_STR_EQ(sget(item(doc, 0), "title"), "Sof\xc3\xad" "a Reyes");
    TT_STR_EQ(sget(item(doc, 0), "text"), "\xc2\xa1" "Feliz cumplea\xc3\xb1os!");
    TT_INT_EQ(json_integer_value(json_object_get(item(doc, 0), "time")), utc(2019, 10, 19, 14, 37, 0));
    TT_INT_EQ(json_integer_value(json_object_get(item(doc, 1), "time")), utc(2019, 10, 19, 14, 37, 0));
    TT_STR_EQ(uris(item(doc, 1)), "messages/inbox/sofiareyes_ab/photos/1.jpg");
    json_t *p = json_object_get(doc, "participants");
    TT_INT_EQ(json_array_size(p), 2);
    TT_STR_EQ(sget(json_array_get(p, 1), "name"), "Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1");
    json_decref(doc);
}

/* An H1 page whose first box is an item (it has a body and a time). */
TT_TEST(h1_first_box_item)
{
    json_t *doc = load("<html><body>"
                       "<div class=\"pam _2pi0\"><div class=\"_2pio\">A</div><div class=\"_2let\">x</div>"
                       "<div class=\"_2lem\">Oct 19, 2019, 2:37 PM</div></div>"
                       "<div class=\"pam _2pi0\"><div class=\"_2pio\">B</div><div class=\"_2let\">y</div>"
                       "<div class=\"_2lem\">Oct 20, 2019, 2:37 PM</div></div></body></html>");
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 2);
    json_decref(doc);
}

TT_TEST(unparseable_date_counted_with_null_time)
{
    json_t *doc = load("<html><body><main class=\"_a706\">"
                       "<section class=\"_a6-g\"><h2>One</h2><div class=\"_a6-p\">a</div>"
                       "<footer class=\"_a6-o\"><div class=\"_a72d\">yesterday at 4:19 pm</div></footer></section>"
                       "<section class=\"_a6-g\"><h2>Two</h2><div class=\"_a6-p\">b</div>"
                       "<footer class=\"_a6-o\"><div class=\"_a72d\"></div></footer></section>"
                       "<section class=\"_a6-g\"><h2>Three</h2><div class=\"_a6-p\">c</div>"
                       "<footer class=\"_a6-o\"><div class=\"_a72d\">17. Mai 2026 14:05</div></footer></section>"
                       "</main></body></html>");
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 3);
    TT_ASSERT(json_is_null(json_object_get(item(doc, 0), "time")));
    TT_ASSERT(json_is_null(json_object_get(item(doc, 1), "time")));
    TT_INT_EQ(json_integer_value(json_object_get(item(doc, 2), "time")), utc(2026, 5, 17, 14, 5, 0));
    json_decref(doc);
}

TT_TEST(script_and_style_ignored)
{
    json_t *doc = load("<html><head><title>T<script>var x='not a title';</script></title>"
                       "<script>document.write('<section class=\"_a6-g\"><h2>fake</h2></section>');</script>"
                       "<style>._a6-g { content: \"fake\" }</style></head><body><main>"
                       "<section class=\"_a6-g\"><h2>Real<style>h2{}</style></h2>"
                       "<div class=\"_a6-p\">visible<script>hidden()</script> text<noscript>no</noscript></div>"
                       "<template><section class=\"_a6-g\"><h2>inert</h2></section></template></section>"
                       "<script type=\"text/template\"><section class=\"_a6-g\"></section></script>"
                       "</main></body></html>");
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 1);
    TT_STR_EQ(sget(item(doc, 0), "title"), "Real");
    TT_STR_EQ(sget(item(doc, 0), "text"), "visible text");
    TT_ASSERT(strstr(sget(doc, "title"), "not a title") == NULL);
    json_decref(doc);
}

TT_TEST(relative_and_absolute_links)
{
    json_t *doc = load("<html><body><main><section class=\"_a6-g\"><h2>x</h2><div class=\"_a6-p\">"
                       "<img src=\"http://example.org/a.jpg\"><img src=\"https://example.org/b.jpg\">"
                       "<img src=\"data:image/png;base64,iVBORw0KGgo=\"><img src=\"//cdn.example.org/c.jpg\">"
                       "<a href=\"mailto:jane@example.org\">m</a><a href=\"#top\">t</a><a href=\"\">e</a>"
                       "<a href=\"javascript:void(0)\">j</a><img src=\"HTTPS://EXAMPLE.ORG/D.JPG\">"
                       "<img src=\"media/posts/202508/1.jpg?_nc=1\">"
                       "<video src=\"media/reels/202507/AQMx_1\"><source src=\"media/reels/202507/AQMx_1.srt\"></video>"
                       "<a href=\" media/posts/202508/1.jpg \">again</a>"
                       "<img src=\"files/Fahrplan%20Prag.pdf\"><img src=\"../photos/2.jpg\">"
                       "<audio src=\"messages/inbox/a_1/audio/3.mp4#t=1\"></audio>"
                       "<img src=\"media/%ff.jpg\"><img src=\"media/%00.jpg\">"
                       "</div></section></main></body></html>");
    TT_ASSERT(doc);
    TT_STR_EQ(uris(item(doc, 0)), "media/posts/202508/1.jpg|media/reels/202507/AQMx_1|media/reels/202507/AQMx_1.srt|"
                                  "files/Fahrplan Prag.pdf|../photos/2.jpg|messages/inbox/a_1/audio/3.mp4|"
                                  "media/%ff.jpg|media/%00.jpg");
    json_decref(doc);
}

/* Label/value rows: H3 two cells, H2 one cell; dates without a clock. */
TT_TEST(label_value_rows)
{
    json_t *doc = load("<html><body><main>"
                       "<section class=\"_a6-g\"><h2>Profile</h2><table>"
                       "<tr><td class=\"_a6_q\">Name</td><td class=\"_a6_r\">Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1</td></tr>"
                       "<tr><td class=\"_a6_q\">Birthday</td><td class=\"_2piu _a6_r\">January 15, 1990</td></tr>"
                       "<tr><td class=\"_a6_q\">Name</td><td class=\"_a6_r\">second wins not</td></tr>"
                       "<tr><td class=\"_a6_q\">Last login</td><td class=\"_a6_r\">May 31, 2025 9:30:00 pm</td></tr>"
                       "</table></section>"
                       "<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite noborder\"><h2 class=\"_a6-h\">User Information</h2>"
                       "<div class=\"_a6-p\"><table>"
                       "<tr><td colspan=\"2\" class=\"_2pin _a6_q\">Date of birth<div><div>1995-03-02</div></div></td></tr>"
                       "<tr><td colspan=\"2\" class=\"_2pin _a6_q\"><div class=\"_a6-q\">Private Account</div>"
                       "<div><div class=\"_a6-q\">False</div></div></td></tr>"
                       "</table></div><div class=\"_a6-o\">Jan 02, 2025 10:00 am</div></div>"
                       "</main></body></html>");
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 2);
    json_t *a = item(doc, 0), *b = item(doc, 1);
    json_t *va = json_object_get(a, "values"), *da = json_object_get(a, "dates");
    TT_STR_EQ(sget(va, "Name"), "Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1");
    TT_STR_EQ(sget(va, "Birthday"), "January 15, 1990");
    TT_STR_EQ(sget(da, "Birthday"), "1990-01-15");
    TT_ASSERT(!json_object_get(da, "Last login")); /* has a clock: not a calendar date */
    /* no footer: the first value with a clock is the time */
    TT_INT_EQ(json_integer_value(json_object_get(a, "time")), utc(2025, 5, 31, 21, 30, 0));
    TT_ASSERT(strstr(sget(a, "text"), "Birthday: January 15, 1990") != NULL);
    json_t *vb = json_object_get(b, "values");
    TT_STR_EQ(sget(vb, "Date of birth"), "1995-03-02");
    TT_STR_EQ(sget(vb, "Private Account"), "False");
    TT_STR_EQ(sget(json_object_get(b, "dates"), "Date of birth"), "1995-03-02");
    TT_INT_EQ(json_integer_value(json_object_get(b, "time")), utc(2025, 1, 2, 10, 0, 0));
    json_decref(doc);
}

/* A group row: a label cell spanning both columns that holds a nested
 * table. The group's value is the nested rows' text (labels included: the
 * e-mail fact type takes the address out of it), and each nested row is a
 * row of the item too. */
TT_TEST(group_rows_keep_their_nested_rows)
{
    json_t *doc = load("<html><body><main class=\"_a706\">"
                       "<section class=\"_a6-g\"><div class=\"_2ph_ _a6-p\"><table>"
                       "<tr><td class=\"_2pin _a6_q\">Full name</td><td class=\"_2pin _2piu _a6_r\">Camille</td></tr>"
                       "<tr><td class=\"_2pin _a6_q\" colspan=\"2\">Emails<div><div><table>"
                       "<tr><td class=\"_2pin _a6_q\">Email</td><td class=\"_2pin _2piu _a6_r\">c@example.fr</td></tr>"
                       "<tr><td class=\"_2pin _a6_q\">Previous emails</td><td class=\"_2pin _2piu _a6_r\">old@example.org</td></tr>"
                       "</table></div></div></td></tr>"
                       "</table></div></section></main></body></html>");
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 1);
    json_t *v = json_object_get(item(doc, 0), "values");
    TT_STR_EQ(sget(v, "Full name"), "Camille");
    TT_STR_EQ(sget(v, "Email"), "c@example.fr");
    TT_STR_EQ(sget(v, "Previous emails"), "old@example.org");
    const char *group = sget(v, "Emails");
    TT_ASSERT(group && strstr(group, "c@example.fr") && strstr(group, "old@example.org"));
    TT_ASSERT(group && strstr(group, "c@example.fr") < strstr(group, "old@example.org"));
    json_decref(doc);
}

/* Every prefix of every page (a member cut off anywhere) must load or fail
 * cleanly; libxml2 recovers what it can. */
TT_TEST(truncated_members)
{
    static const char *const pages[] = {H3_POSTS, H3_GROUPED, H2_THREAD, H2_GROUP, H1_THREAD};
    for (size_t p = 0; p < sizeof pages / sizeof pages[0]; p++) {
        size_t len = strlen(pages[p]);
        for (size_t cut = 0; cut < len; cut += (cut < 64 ? 1 : 3)) {
            char *err = NULL;
            json_t *doc = load_n(pages[p], cut, 97, &err);
            if (!doc) {
                TT_ASSERT(err != NULL);
                free(err);
                continue;
            }
            TT_ASSERT(json_is_array(json_object_get(doc, "items")));
            TT_ASSERT(nitems(doc) <= 3);
            json_decref(doc);
        }
    }
    /* a page cut inside the second item still has the first */
    char *err = NULL;
    const char *cut = strstr(H3_POSTS, "Kdo jde");
    json_t *doc = load_n(H3_POSTS, (size_t)(cut - H3_POSTS), 4096, &err);
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 2);
    TT_INT_EQ(json_integer_value(json_object_get(item(doc, 0), "time")), utc(2025, 5, 20, 18, 22, 10));
    json_decref(doc);
}

TT_TEST(errors_and_limits)
{
    char *err = NULL;
    tr_limits l = limits();
    /* empty and blank members */
    TT_ASSERT(!load_n("", 0, 10, &err));
    TT_STR_EQ(err, "empty file, not HTML");
    free(err);
    TT_ASSERT(!load_n(" \n\t ", 4, 10, &err));
    TT_ASSERT(err != NULL);
    free(err);
    /* a read error */
    mem m = {H3_POSTS, strlen(H3_POSTS), 0, 50, 100};
    TT_ASSERT(!tr_html_load_callback(mem_read, &m, &l, &err));
    TT_STR_EQ(err, "cannot read this member");
    free(err);
    /* the member size limit */
    l.max_member_bytes = 100;
    mem m2 = {H3_POSTS, strlen(H3_POSTS), 0, 64, 0};
    TT_ASSERT(!tr_html_load_callback(mem_read, &m2, &l, &err));
    TT_ASSERT(err && strstr(err, "max-member-bytes"));
    free(err);
    /* not HTML at all: no items, no error */
    json_t *doc = load("just some text, no markup");
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 0);
    TT_STR_EQ(sget(doc, "title"), "");
    TT_INT_EQ(json_array_size(json_object_get(doc, "participants")), 0);
    json_decref(doc);
}

TT_TEST(bad_bytes_and_entities)
{
    /* invalid UTF-8 and NUL bytes must still give valid JSON strings */
    static const char page[] = "<html><body><main><section class=\"_a6-g\"><h2>A\xff\xfe B</h2>"
                               "<div class=\"_a6-p\">caf\xc3\xa9 &#233; &eacute; &#x1F600; &lt;b&gt;</div>"
                               "</section></main></body></html>";
    char *err = NULL;
    json_t *doc = load_n(page, sizeof page - 1, 5, &err);
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), 1);
    const char *t = sget(item(doc, 0), "title");
    TT_ASSERT(t && tr_utf8_valid(t, strlen(t)));
    json_decref(doc);
    doc = load("<html><body><main><section class=\"_a6-g\"><h2>x</h2>"
               "<div class=\"_a6-p\">caf\xc3\xa9 &#233; &eacute; &#x1F600; &lt;b&gt; Tom&#039;s</div>"
               "</section></main></body></html>");
    TT_ASSERT(doc);
    /* entities decoded; text never mojibake-repaired */
    TT_STR_EQ(sget(item(doc, 0), "text"), "caf\xc3\xa9 \xc3\xa9 \xc3\xa9 \xf0\x9f\x98\x80 <b> Tom's");
    json_decref(doc);
    static const char nul[] = "<html><body><main><section class=\"_a6-g\"><h2>a\0b</h2></section></main></body></html>";
    doc = load_n(nul, sizeof nul - 1, 3, &err);
    if (!doc) free(err);
    json_decref(doc);
}

/* libxml2 2.9's push parser loses the end of <script>/<style> when a chunk
 * ends inside "</style>": html.c holds such tails back. Every chunk size
 * must give the same document. */
TT_TEST(chunk_boundaries_anywhere)
{
    static const char page[] =
        "<html><head><title>T</title><style>p{color:red} section{}</style>"
        "<script>if (a<b && c>d) { x = \"</scr\" + \"ipt>\"; }</script><!-- a <comment> -->"
        "</head><body><main><section class=\"_a6-g\"><h2>Real</h2><div class=\"_a6-p\">t<!-- x --></div>"
        "<footer><div class=\"_a72d\">May 17, 2026 2:05:15 pm</div></footer></section>"
        "<section class=\"_a6-g\"><h2>Two</h2></section></main></body></html>";
    char *err = NULL;
    json_t *whole = load_n(page, sizeof page - 1, sizeof page, &err);
    TT_ASSERT(whole);
    TT_INT_EQ(nitems(whole), 2);
    TT_STR_EQ(sget(item(whole, 0), "text"), "t");
    for (size_t chunk = 1; chunk < sizeof page; chunk++) {
        json_t *doc = load_n(page, sizeof page - 1, chunk, &err);
        int same = doc && json_equal(doc, whole);
        json_decref(doc);
        if (!same) {
            json_decref(whole);
            TT_FAIL_("chunks of %zu give another document", chunk);
        }
    }
    json_decref(whole);
}

/* Deep nesting must not exhaust the stack, and stays one item. */
TT_TEST(deep_nesting)
{
    const size_t depth = 50000;
    size_t cap = depth * 12 + 256, len = 0;
    char *page = malloc(cap);
    TT_ASSERT(page);
    len += (size_t)sprintf(page + len, "<html><body><main><section class=\"_a6-g\"><h2>deep</h2>");
    for (size_t i = 0; i < depth; i++) len += (size_t)sprintf(page + len, "<div>");
    len += (size_t)sprintf(page + len, "x<section class=\"_a6-g\">y</section>");
    for (size_t i = 0; i < depth; i++) len += (size_t)sprintf(page + len, "</div>");
    len += (size_t)sprintf(page + len, "</section></main></body></html>");
    char *err = NULL;
    json_t *doc = load_n(page, len, 65536, &err);
    free(page);
    TT_ASSERT(doc || err);
    if (doc) TT_INT_EQ(nitems(doc), 1);
    json_decref(doc);
    free(err);
}

/* Many items: one pass, no quadratic blow-up in participants. */
TT_TEST(many_items)
{
    const size_t n = 20000;
    size_t cap = n * 160 + 256, len = 0;
    char *page = malloc(cap);
    TT_ASSERT(page);
    len += (size_t)sprintf(page + len, "<html><body><div class=\"_a706\">");
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(page + len,
                               "<div class=\"pam _3-95 _2ph- _a6-g\"><h2 class=\"_a6-h\">sender %zu</h2>"
                               "<div class=\"_a6-p\">m</div><div class=\"_a6-o\">Sep 22, 2017 6:33 am</div></div>",
                               i % 3);
    len += (size_t)sprintf(page + len, "</div></body></html>");
    char *err = NULL;
    json_t *doc = load_n(page, len, 65536, &err);
    free(page);
    TT_ASSERT(doc);
    TT_INT_EQ(nitems(doc), n);
    TT_INT_EQ(json_array_size(json_object_get(doc, "participants")), 3);
    json_decref(doc);
}

/* ---- tr_jv_from_jansson --------------------------------------------------------- */

/* Whether the copy v has the type, bytes and members of j, in j's order. */
static int same_value(json_t *j, const tr_jv *v)
{
    if (!v) return 0;
    switch (json_typeof(j)) {
    case JSON_NULL: return v->type == TR_JNULL;
    case JSON_TRUE: return v->type == TR_JTRUE;
    case JSON_FALSE: return v->type == TR_JFALSE;
    case JSON_INTEGER: return v->type == TR_JINT && v->u.i == (int64_t)json_integer_value(j);
    case JSON_REAL: return v->type == TR_JREAL && v->u.d == json_real_value(j);
    case JSON_STRING:
        return v->type == TR_JSTRING && v->n == json_string_length(j) &&
               memcmp(v->u.s, json_string_value(j), v->n) == 0 && v->u.s[v->n] == '\0' &&
               v->u.s != json_string_value(j);
    case JSON_ARRAY:
        if (v->type != TR_JARRAY || v->n != json_array_size(j)) return 0;
        for (size_t i = 0; i < v->n; i++)
            if (!same_value(json_array_get(j, i), tr_jv_at(v, i))) return 0;
        return 1;
    case JSON_OBJECT: {
        size_t i = 0;
        if (v->type != TR_JOBJECT || v->n != json_object_size(j)) return 0;
        for (void *it = json_object_iter(j); it; it = json_object_iter_next(j, it), i++) {
            const tr_jv *k = tr_jv_key(v, i);
            size_t klen = json_object_iter_key_len(it);
            if (!k || k->type != TR_JSTRING || k->n != klen || memcmp(k->u.s, json_object_iter_key(it), klen) != 0 ||
                k->u.s[klen] != '\0' || !same_value(json_object_iter_value(it), tr_jv_val(v, i)))
                return 0;
        }
        return i == v->n;
    }
    }
    return 0;
}

static int count_values(tr_jv *v, void *user)
{
    (void)v;
    (*(size_t *)user)++;
    return 0;
}

TT_TEST(jv_from_jansson_copies_every_type)
{
    json_t *j = json_object(), *arr = json_array(), *inner = json_object();
    TT_ASSERT(j && arr && inner);
    json_object_set_new(j, "s", json_stringn("a\0b", 3));
    json_object_set_new(j, "i", json_integer(-5));
    json_object_set_new(j, "min", json_integer(INT64_MIN));
    json_object_set_new(j, "r", json_real(2.5));
    json_object_set_new(j, "t", json_true());
    json_object_set_new(j, "f", json_false());
    json_object_set_new(j, "n", json_null());
    json_object_set_new(j, "", json_string("empty key"));
    json_object_setn_new(j, "k\0x", 3, json_integer(1));
    json_array_append_new(arr, json_integer(1));
    json_array_append_new(arr, json_array());
    json_array_append_new(arr, json_object());
    json_array_append_new(arr, json_string(""));
    json_object_set_new(j, "a", arr);
    json_object_set_new(inner, "Private Account", json_string("False"));
    json_object_set_new(j, "o", inner);
    /* first in the object, last inserted: jansson's order is kept */
    json_object_set_new(j, "s", json_stringn("a\0b", 3));

    tr_jdoc *d = tr_jdoc_new();
    TT_ASSERT(d != NULL);
    tr_jv *v = tr_jv_from_jansson(d, j);
    TT_ASSERT(same_value(j, v));
    TT_INT_EQ(tr_jv_size(v), 11);
    TT_STR_EQ(tr_jv_key(v, 0)->u.s, "s");
    TT_STR_EQ(tr_jv_key(v, 10)->u.s, "o");
    json_decref(j); /* a deep copy: it outlives the jansson value */
    const tr_jv *str = tr_jv_get(v, "s");
    TT_INT_EQ(tr_jv_len(str), 3);
    TT_ASSERT(memcmp(tr_jv_str(str), "a\0b", 4) == 0);
    TT_INT_EQ(tr_jv_int(tr_jv_get(v, "i")), -5);
    TT_ASSERT(tr_jv_int(tr_jv_get(v, "min")) == INT64_MIN);
    TT_ASSERT(tr_jv_is_real(tr_jv_get(v, "r")) && tr_jv_number(tr_jv_get(v, "r")) == 2.5);
    TT_ASSERT(tr_jv_is_true(tr_jv_get(v, "t")));
    TT_ASSERT(tr_jv_is_bool(tr_jv_get(v, "f")) && !tr_jv_is_true(tr_jv_get(v, "f")));
    TT_ASSERT(tr_jv_is(tr_jv_get(v, "n"), TR_JNULL));
    TT_STR_EQ(tr_jv_str(tr_jv_get(v, "")), "empty key");
    TT_INT_EQ(tr_jv_key(v, 8)->n, 3); /* "k\0x": its NUL kept */
    TT_ASSERT(memcmp(tr_jv_key(v, 8)->u.s, "k\0x", 3) == 0);
    const tr_jv *a = tr_jv_get(v, "a");
    TT_INT_EQ(tr_jv_size(a), 4);
    TT_ASSERT(tr_jv_is_array(tr_jv_at(a, 1)) && tr_jv_size(tr_jv_at(a, 1)) == 0);
    TT_ASSERT(tr_jv_is_object(tr_jv_at(a, 2)) && tr_jv_size(tr_jv_at(a, 2)) == 0);
    TT_STR_EQ(tr_jv_str(tr_jv_at(a, 3)), "");
    TT_STR_EQ(tr_jv_str(tr_jv_get(tr_jv_get(v, "o"), "Private Account")), "False");

    /* scalars at the top */
    json_t *five = json_integer(5);
    TT_ASSERT(tr_jv_int(tr_jv_from_jansson(d, five)) == 5);
    TT_ASSERT(tr_jv_from_jansson(NULL, five) == NULL);
    TT_ASSERT(tr_jv_from_jansson(d, NULL) == NULL);
    json_decref(five);
    tr_jdoc_free(d);
}

TT_TEST(jv_from_jansson_of_an_html_page)
{
    json_t *doc = load(H3_POSTS);
    TT_ASSERT(doc);
    tr_jdoc *d = tr_jdoc_new();
    TT_ASSERT(d != NULL);
    tr_jv *v = tr_jv_from_jansson(d, doc);
    TT_ASSERT(same_value(doc, v));
    json_decref(doc);
    /* the selectors the scan uses for HTML members read the copy */
    tr_jpath *p = NULL;
    TT_INT_EQ(tr_jpath_compile("items[*]", &p, NULL, NULL), 0);
    size_t n = 0;
    tr_jpath_each(p, v, count_values, &n);
    tr_jpath_free(p);
    TT_INT_EQ(n, 2);
    TT_INT_EQ(tr_jv_int(tr_jv_get(tr_jv_at(tr_jv_get(v, "items"), 0), "time")), utc(2025, 5, 20, 18, 22, 10));
    TT_STR_EQ(tr_jv_str(tr_jv_get(v, "title")), "Your posts");
    tr_jdoc_free(d);
}

int main(void)
{
    TT_RUN(h3_items_and_nested_sections);
    TT_RUN(h3_nested_title_not_taken);
    TT_RUN(h3_grouped_page);
    TT_RUN(h2_thread_with_meta_ai);
    TT_RUN(h2_participants_header);
    TT_RUN(h1_thread_header_skipped);
    TT_RUN(h1_first_box_item);
    TT_RUN(unparseable_date_counted_with_null_time);
    TT_RUN(script_and_style_ignored);
    TT_RUN(relative_and_absolute_links);
    TT_RUN(label_value_rows);
    TT_RUN(group_rows_keep_their_nested_rows);
    TT_RUN(truncated_members);
    TT_RUN(errors_and_limits);
    TT_RUN(bad_bytes_and_entities);
    TT_RUN(chunk_boundaries_anywhere);
    TT_RUN(deep_nesting);
    TT_RUN(many_items);
    TT_RUN(jv_from_jansson_copies_every_type);
    TT_RUN(jv_from_jansson_of_an_html_page);
    return tt_done();
}
