/* test_odd.c - odd and hostile archives through a whole scan: unsafe,
 * absolute, backslashed, non-UTF-8 and terminal-escape names; duplicates
 * across parts; directory and symlink entries; encrypted members; ZIP64 and
 * data-descriptor entries; a pathological rule; every JSON limit. Each test
 * builds its zips with libarchive's writer in a scratch folder, scans them
 * with tr_scan and checks the report, the JSON report (valid, parsed back)
 * and the text summary (no raw control character).
 */
#include "hx.h"

#include <time.h>

#include "../unit/tt.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define POSTS "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The text summary holds no raw C0 control other than newline, no DEL and
 * no C1 control (UTF-8 C2 80..9F). */
static int text_is_clean(const char *t)
{
    const unsigned char *p = (const unsigned char *)t;
    for (; *p; p++) {
        if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f) return 0;
        if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) return 0;
    }
    return 1;
}

/* The JSON report's unmatched paths contain one with `needle`. */
static int unmatched_has(const hx_scan *s, const char *needle)
{
    json_t *a = json_object_get(s->doc, "unmatched"), *v;
    size_t i;
    json_array_foreach(a, i, v) {
        const char *p = json_string_value(json_object_get(v, "path"));
        if (p && strstr(p, needle)) return 1;
    }
    return 0;
}

static long items_total(const hx_scan *s)
{
    return (long)(s->rep->items[TR_ELIGIBLE] + s->rep->items[TR_UNCERTAIN] + s->rep->items[TR_PRIVATE]);
}

TT_TEST(odd_names)
{
    static const char link_target[] = "/etc/passwd";
    const hx_ent e[] = {
        HX_BASE_ENTRIES,
        {"../evil.json", "[]", 2, 0, 0, 0},
        {"your_facebook_activity/../../outside.json", "[]", 2, 0, 0, 0},
        {"/your_facebook_activity/absolute_path.json", "[]", 2, 0, 0, 0},
        {"your_facebook_activity\\backslash\\back.json", "[]", 2, 0, 0, 0},
        {"your_facebook_activity/raw_\xff\xfe_bytes.json", "[]", 2, 0, 0, 0},
        {"your_facebook_activity/\x1b[31mred\x07\x9b.json", "[]", 2, 0, 0, 0},
        {"your_facebook_activity/dir/", NULL, 0, AE_IFDIR, 0, 0},
        {"your_facebook_activity/link.json", link_target, 0, AE_IFLNK, 0, 0},
    };
    const char *in = hx_path("facebook-odd-2025-01-01-Ab12Cd34.zip");
    hx_scan s;

    TT_INT_EQ(hx_write_zip(in, e, NELEM(e), NULL, NULL), 0);
    hx_scan_run(&s, &in, 1, NULL, NULL, 1);
    if (s.exit_code != 0) hx_dump(&s);
    /* unsafe names hold content that is not read: the scan is incomplete;
     * the symlink is a warning (it holds no content of its own) */
    TT_INT_EQ(s.exit_code, 5);
    TT_ASSERT(HX_ERROR(&s, "../evil.json", "unsafe path") != NULL);
    TT_ASSERT(HX_ERROR(&s, "outside.json", "unsafe path") != NULL);
    TT_ASSERT(HX_WARNING(&s, "link.json", "symbolic link not followed") != NULL);
    TT_ASSERT(hx_member(&s, "evil.json") < 0 && hx_member(&s, "outside.json") < 0);
    TT_ASSERT(hx_member(&s, "your_facebook_activity/link.json") < 0);
    /* absolute: the leading '/' is dropped; backslashes are separators */
    TT_ASSERT(hx_member(&s, "your_facebook_activity/absolute_path.json") >= 0);
    TT_ASSERT(hx_member(&s, "your_facebook_activity/backslash/back.json") >= 0);
    /* a zip name that is not UTF-8 is CP437 (0xff U+00A0, 0xfe U+25A0); the
     * JSON report keeps it */
    TT_ASSERT(hx_member(&s, "your_facebook_activity/raw_\xc2\xa0\xe2\x96\xa0_bytes.json") >= 0);
    TT_ASSERT(s.doc != NULL);
    TT_ASSERT(unmatched_has(&s, "raw_\xc2\xa0\xe2\x96\xa0_bytes.json"));
    /* the escape-laden name is in the JSON report (escaped) and in the
     * text summary only as harmless text */
    TT_ASSERT(unmatched_has(&s, "\x1b[31mred"));
    TT_ASSERT(strstr(s.json, "\\u001b[31mred") != NULL || strstr(s.json, "\\u001B[31mred") != NULL);
    TT_ASSERT(text_is_clean(s.text));
    TT_ASSERT(strstr(s.text, "[31mred") != NULL);
    /* the directory entry is not a member */
    TT_ASSERT(hx_member(&s, "your_facebook_activity/dir") < 0);
    TT_INT_EQ(items_total(&s), 1);
    hx_scan_free(&s);
}

TT_TEST(duplicates_across_parts_later_wins)
{
    static const char two[] = "[{\"timestamp\": 1700000000, \"data\": [{\"post\": \"a\"}]},"
                              " {\"timestamp\": 1700000001, \"data\": [{\"post\": \"b\"}]}]";
    const hx_ent p1[] = {HX_BASE_ENTRIES};
    const hx_ent p2[] = {{POSTS, two, sizeof two - 1, 0, 0, 0}};
    const char *in[2];
    hx_scan s;

    in[0] = hx_path("facebook-dup-2025-01-01-Ab12Cd34-part1.zip");
    in[1] = hx_path("facebook-dup-2025-01-01-Ab12Cd34-part2.zip");
    TT_INT_EQ(hx_write_zip(in[0], p1, NELEM(p1), NULL, NULL), 0);
    TT_INT_EQ(hx_write_zip(in[1], p2, NELEM(p2), NULL, NULL), 0);
    hx_scan_run(&s, in, 2, NULL, NULL, 1);
    TT_INT_EQ(s.exit_code, 0);
    {
        const tr_note *w = HX_WARNING(&s, "your_posts__check_ins", "duplicate across parts");
        TT_ASSERT(w != NULL);
        TT_ASSERT(strstr(w->message, "using facebook-dup-2025-01-01-Ab12Cd34-part2.zip") != NULL);
    }
    TT_INT_EQ(items_total(&s), 2); /* part 2's version was read */
    TT_ASSERT(strstr(s.json, "duplicate across parts") != NULL);
    hx_scan_free(&s);
}

TT_TEST(encrypted_members_reported_not_read)
{
    const hx_ent e[] = {HX_BASE_ENTRIES};
    const char *in = hx_path("facebook-enc-2025-01-01-Ab12Cd34.zip");
    hx_scan s;

    TT_INT_EQ(hx_write_zip(in, e, NELEM(e), "zip:encryption=zipcrypt", "secret"), 0);
    hx_scan_run(&s, &in, 1, NULL, NULL, 1);
    TT_INT_EQ(s.exit_code, 5);
    TT_ASSERT(HX_ERROR(&s, "your_posts__check_ins", "encrypted") != NULL);
    TT_INT_EQ(items_total(&s), 0);
    /* the photo is still counted from the directory: never read anyway */
    TT_INT_EQ(s.rep->nmedia, 1);
    hx_scan_free(&s);
}

/* Whether some local header of the zip at path has general-purpose flag bit
 * 3 (sizes in a data descriptor after the data), and whether it has a ZIP64
 * end record. */
static void zip_features(const char *path, int *descriptor, int *zip64)
{
    size_t len = 0;
    unsigned char *z = hx_read_file(path, &len);
    *descriptor = *zip64 = 0;
    for (size_t i = 0; z && i + 30 <= len; i++) {
        if (memcmp(z + i, "PK\3\4", 4) == 0 && (hx_rd16(z + i + 6) & 8)) *descriptor = 1;
        if (memcmp(z + i, "PK\6\6", 4) == 0) *zip64 = 1;
    }
    free(z);
}

TT_TEST(zip64_and_data_descriptors)
{
    static const char *const opts[] = {"zip:zip64", NULL, "zip:zip64", "zip:compression=store"};
    for (int k = 0; k < 4; k++) {
        hx_ent e[] = {HX_BASE_ENTRIES};
        char name[128];
        const char *in;
        int desc, z64;
        hx_scan s;

        if (k >= 1) e[0].unknown_size = e[1].unknown_size = 1; /* streamed: sizes after the data */
        snprintf(name, sizeof name, "facebook-z%d-2025-01-01-Ab12Cd34.zip", k);
        in = hx_path(name);
        TT_INT_EQ(hx_write_zip(in, e, NELEM(e), opts[k], NULL), 0);
        zip_features(in, &desc, &z64);
        if (k == 0 || k == 2) TT_ASSERT(z64);
        if (k == 1 || k == 2) TT_ASSERT(desc);
        hx_scan_run(&s, &in, 1, NULL, NULL, 1);
        if (s.exit_code != 0) hx_dump(&s);
        TT_INT_EQ(s.exit_code, 0);
        TT_INT_EQ(items_total(&s), 1);
        TT_INT_EQ(s.rep->nmedia, 1);
        TT_INT_EQ(s.rep->media_files[TR_UNCERTAIN], 1); /* referenced by the post */
        hx_scan_free(&s);
    }
}

/* A rule set: the built-in rules plus the rule file `text` as an extra layer. */
static tr_rules *rules_plus(const char *name, const char *text)
{
    char dir[512];
    const char *extra[1] = {dir};
    tr_rules *r = NULL;
    snprintf(dir, sizeof dir, "%s", hx_path(name));
    if (mkdir(dir, 0700) != 0) return NULL;
    char file[600];
    snprintf(file, sizeof file, "%s/50-test.rules", dir);
    if (hx_write_file(file, text, strlen(text)) != 0) return NULL;
    if (tr_rules_load_layers(NULL, extra, 1, NULL, NULL, &r, NULL, NULL) != TR_OK) return NULL;
    return r;
}

TT_TEST(regex_runaway_is_an_error_not_a_hang)
{
    static const char rule[] = "rule test.runaway\n"
                               "  platform  facebook\n"
                               "  path      (a+)+$\n"
                               "  category  other\n"
                               "  verdict   private\n"
                               "  reason    Test.\n"
                               "  source    test\n"
                               "\n"
                               "rule test.runaway_record\n"
                               "  platform  facebook\n"
                               "  path      (^|/)slow_records$\n"
                               "  category  other\n"
                               "  verdict   private\n"
                               "  reason    Test.\n"
                               "  source    test\n"
                               "  when      record value ~ (a+)+$\n";
    char apath[256], avalue[200];
    memset(avalue, 0, sizeof avalue);
    strcpy(avalue, "[{\"value\": \"");
    memset(avalue + strlen(avalue), 'a', 60);
    strcat(avalue, "!\"}]");
    snprintf(apath, sizeof apath, "your_facebook_activity/%s!/x.json",
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    const hx_ent e[] = {
        HX_BASE_ENTRIES,
        {apath, "[]", 2, 0, 0, 0},
        {"your_facebook_activity/slow_records.json", avalue, strlen(avalue), 0, 0, 0},
    };
    const char *in = hx_path("facebook-regex-2025-01-01-Ab12Cd34.zip");
    tr_rules *r = rules_plus("runaway", rule);
    hx_scan s;
    double t0;

    TT_ASSERT(r != NULL);
    TT_INT_EQ(hx_write_zip(in, e, NELEM(e), NULL, NULL), 0);
    t0 = now();
    hx_scan_run(&s, &in, 1, r, NULL, 1);
    TT_ASSERT(now() - t0 < 20);
    if (s.exit_code != 5) hx_dump(&s);
    TT_INT_EQ(s.exit_code, 5);
    TT_ASSERT(HX_ERROR(&s, "aaaa!/x.json", "match limit") != NULL);
    TT_ASSERT(HX_ERROR(&s, "slow_records.json", "match limit") != NULL);
    hx_scan_free(&s);
    tr_rules_free(r);
}

TT_TEST(json_limits_each_make_the_scan_incomplete)
{
    size_t big = (1u << 20) + 10, deep = 100;
    char *longstr = malloc(big + 64), *nested = malloc(deep * 2 + 64);
    TT_ASSERT(longstr && nested);
    strcpy(longstr, "[{\"data\": [{\"post\": \"");
    {
        /* letters that do not compress much: the ratio limit stays out of it */
        size_t at = strlen(longstr);
        uint32_t seed = 12345;
        for (size_t i = 0; i < big; i++) {
            seed = seed * 1103515245u + 12345u;
            longstr[at + i] = (char)('a' + (seed >> 16) % 26);
        }
        longstr[at + big] = 0;
    }
    strcat(longstr, "\"}]}]");
    for (size_t i = 0; i < deep; i++) nested[i] = '[';
    for (size_t i = 0; i < deep; i++) nested[deep + i] = ']';
    nested[2 * deep] = 0;
    const hx_ent e[] = {
        HX_BASE_ENTRIES,
        {"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_2.json", longstr, strlen(longstr), 0, 0,
         0},
        {"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_3.json", nested, strlen(nested), 0, 0,
         0},
    };
    const char *in = hx_path("facebook-limits-2025-01-01-Ab12Cd34.zip");
    tr_limits l;
    hx_scan s;

    TT_INT_EQ(hx_write_zip(in, e, NELEM(e), NULL, NULL), 0);
    free(longstr);
    free(nested);
    /* defaults: the 1 MB string is fine, 100 levels are not */
    hx_scan_run(&s, &in, 1, NULL, NULL, 2);
    TT_INT_EQ(s.exit_code, 5);
    TT_ASSERT(HX_ERROR(&s, "videos_3.json", "--max-depth") != NULL);
    TT_ASSERT(HX_ERROR(&s, "videos_2.json", NULL) == NULL);
    hx_scan_free(&s);
    /* string limit */
    tr_limits_default(&l);
    l.max_string_bytes = 1u << 20;
    l.max_depth = 200;
    hx_scan_run(&s, &in, 1, NULL, &l, 1);
    TT_INT_EQ(s.exit_code, 5);
    TT_ASSERT(HX_ERROR(&s, "videos_2.json", "--max-string-bytes") != NULL);
    TT_ASSERT(HX_ERROR(&s, "videos_3.json", NULL) == NULL);
    hx_scan_free(&s);
    /* member size, total budget, entries */
    tr_limits_default(&l);
    l.max_depth = 200;
    l.max_member_bytes = 1000;
    hx_scan_run(&s, &in, 1, NULL, &l, 1);
    TT_INT_EQ(s.exit_code, 5);
    TT_ASSERT(HX_ERROR(&s, "videos_2.json", "--max-member-bytes") != NULL);
    hx_scan_free(&s);
    tr_limits_default(&l);
    l.max_total_bytes = 300;
    hx_scan_run(&s, &in, 1, NULL, &l, 1);
    TT_INT_EQ(s.exit_code, 5);
    TT_ASSERT(HX_ERROR(&s, NULL, "--max-total-bytes") != NULL);
    hx_scan_free(&s);
    tr_limits_default(&l);
    l.max_entries = 3;
    hx_scan_run(&s, &in, 1, NULL, &l, 1);
    TT_INT_EQ(s.exit_code, 5);
    TT_ASSERT(HX_ERROR(&s, "facebook-limits-2025-01-01-Ab12Cd34.zip", "--max-entries") != NULL);
    hx_scan_free(&s);
}

TT_TEST(long_names_and_messages_stay_utf8)
{
    /* a 3000-byte name of 3-byte characters: notes are cut at 1024 bytes,
     * never inside a character in the report */
    char name[3200];
    size_t o = 0;
    o += (size_t)snprintf(name, sizeof name, "your_facebook_activity/x/");
    while (o + 3 < 3000) {
        memcpy(name + o, "\xe2\x82\xac", 3);
        o += 3;
    }
    strcpy(name + o, "/../y.json");
    const hx_ent e[] = {HX_BASE_ENTRIES, {name, "[]", 2, 0, 0, 0}};
    const char *in = hx_path("facebook-long-2025-01-01-Ab12Cd34.zip");
    hx_scan s;

    TT_INT_EQ(hx_write_zip(in, e, NELEM(e), NULL, NULL), 0);
    hx_scan_run(&s, &in, 1, NULL, NULL, 1);
    /* the unsafe name is content not read */
    TT_INT_EQ(s.exit_code, 5);
    TT_ASSERT(s.doc != NULL);
    TT_INT_EQ(json_array_size(json_object_get(s.doc, "errors")), s.rep->nerrors);
    TT_ASSERT(s.rep->nerrors >= 1);
    for (size_t i = 0; i < s.rep->nerrors; i++) {
        TT_ASSERT(tr_utf8_valid(s.rep->errors[i].path, strlen(s.rep->errors[i].path)));
        TT_ASSERT(tr_utf8_valid(s.rep->errors[i].message, strlen(s.rep->errors[i].message)));
    }
    hx_scan_free(&s);
}

int main(void)
{
    if (hx_init("odd") != 0) return 1;
    hx_default_rules();
    TT_RUN(odd_names);
    TT_RUN(duplicates_across_parts_later_wins);
    TT_RUN(encrypted_members_reported_not_read);
    TT_RUN(zip64_and_data_descriptors);
    TT_RUN(regex_runaway_is_an_error_not_a_hang);
    TT_RUN(json_limits_each_make_the_scan_incomplete);
    TT_RUN(long_names_and_messages_stay_utf8);
    tr_rules_free(hx_rules);
    return tt_done();
}
