/* test_schema.c - unit tests for src/scan/schema.c: path and key
 * generalisation (what keeps personal data out of `trainable schema`),
 * skeleton merging, and one end-to-end run over a small export.
 *
 * The end-to-end test writes a zip at run time with libarchive's writer into
 * a fresh mkdtemp directory under /tmp, runs tr_schema with the embedded
 * rules, removes the directory, then checks that no value of the export
 * (names, texts, an e-mail, an address, numbers) reaches the output. Its
 * results live in globals freed by main, so a failed assertion leaks nothing.
 */
#include "tt.h"
#include "schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- paths ---------------------------------------------------------------- */

static char *g_str; /* last result of path()/key(), freed by the next call and by main */

static const char *path(const char *p, int media)
{
    free(g_str);
    g_str = tr_schema_path(p, media);
    return g_str;
}

static const char *key(const char *k)
{
    free(g_str);
    g_str = tr_schema_key(k);
    return g_str;
}

TT_TEST(path_digit_runs)
{
    TT_STR_EQ(path("your_facebook_activity/posts/album/12.json", 0), "your_facebook_activity/posts/album/N.json");
    TT_STR_EQ(path("your_instagram_activity/media/posts_1.json", 0), "your_instagram_activity/media/posts_N.json");
    TT_STR_EQ(path("your_facebook_activity/comments_and_reactions/likes_and_reactions_10.json", 0),
              "your_facebook_activity/comments_and_reactions/likes_and_reactions_N.json");
    TT_STR_EQ(path("a1b22c333/v2/x_2024_05.json", 0), "aNbNcN/vN/x_N_N.json");
    /* the extension keeps its digits; a stem of digits only becomes N */
    TT_STR_EQ(path("posts/20240501.mp4", 0), "posts/N.mp4");
    TT_STR_EQ(path("posts/1.5", 0), "posts/N.N");
    /* a folder has no extension */
    TT_STR_EQ(path("photos.2020/v1.mp4/x.json", 0), "photos.N/vN.mpN/x.json");
}

TT_TEST(path_plain_names_kept)
{
    TT_STR_EQ(path("connections/followers/who_you've_followed.json", 0),
              "connections/followers/who_you've_followed.json");
    TT_STR_EQ(path("this_profile's_activity_across_facebook/posts/profile_posts_1.json", 0),
              "this_profile's_activity_across_facebook/posts/profile_posts_N.json");
    TT_STR_EQ(path("logged_information/search/your_search_history.json", 0),
              "logged_information/search/your_search_history.json");
    TT_STR_EQ(path("ads_information/ads_&_businesses/other-thing.html", 0),
              "ads_information/ads_&_businesses/other-thing.html");
}

TT_TEST(path_names_hidden)
{
    TT_STR_EQ(path("\xc3\x9cmlaut.json", 0), "<name>.json");
    TT_STR_EQ(path("posts/\xc3\x9cmlaut.json", 0), "posts/<name>.json");
    TT_STR_EQ(path("posts/Marta Quintela", 0), "posts/<name>");
    TT_STR_EQ(path("posts/Marta.Quintela", 0), "posts/<name>");
    TT_STR_EQ(path("posts/Hello World 42.txt", 0), "posts/<name>.txt");
    TT_STR_EQ(path("posts/Report.JSON", 0), "posts/<name>");
    TT_STR_EQ(path("posts/jan(2020)/x.json", 0), "posts/<name>/x.json");
    TT_STR_EQ(path("posts/caf\xc3\xa9/x.json", 0), "posts/<name>/x.json");
    TT_STR_EQ(path("posts/a@b.c/x.json", 0), "posts/<name>/x.json");
}

TT_TEST(path_threads)
{
    TT_STR_EQ(path("your_facebook_activity/messages/inbox/martaquintela_10158123456789/message_1.json", 0),
              "your_facebook_activity/messages/inbox/<thread>/message_N.json");
    TT_STR_EQ(path("messages/inbox/Marta Quintela_12/message_1.json", 0), "messages/inbox/<thread>/message_N.json");
    TT_STR_EQ(path("messages/archived_threads/x/message_2.json", 0), "messages/archived_threads/<thread>/message_N.json");
    TT_STR_EQ(path("messages/filtered_threads/x_1/message_1.json", 0), "messages/filtered_threads/<thread>/message_N.json");
    TT_STR_EQ(path("messages/message_requests/abc/message_1.json", 0), "messages/message_requests/<thread>/message_N.json");
    TT_STR_EQ(path("your_facebook_activity/messages/e2ee_cutover/jo_1/message_1.json", 0),
              "your_facebook_activity/messages/e2ee_cutover/<thread>/message_N.json");
    TT_STR_EQ(path("messages/broadcast/chan/message_1.json", 0), "messages/broadcast/<thread>/message_N.json");
    TT_STR_EQ(path("messages/ai_conversations/meta_ai_1/message_1.json", 0),
              "messages/ai_conversations/<thread>/message_N.json");
    /* only the component directly under the section */
    TT_STR_EQ(path("messages/inbox/jo_1/photos/x.json", 0), "messages/inbox/<thread>/photos/x.json");
    /* a file of that name is not the section folder */
    TT_STR_EQ(path("messages/message_requests.json", 0), "messages/message_requests.json");
}

TT_TEST(path_media_folders)
{
    TT_STR_EQ(path("your_facebook_activity/posts/media/Mobileuploads_LvJWqglAvA/123456789_10158.jpg", 1),
              "your_facebook_activity/posts/media/<name>/");
    TT_STR_EQ(path("media/posts/202405/4432_2087_3585_n_18032017582961826.jpg", 1), "media/posts/N/");
    TT_STR_EQ(path("your_facebook_activity/messages/inbox/martaquintela_123/photos/4432_n.jpg", 1),
              "your_facebook_activity/messages/inbox/<thread>/photos/");
    TT_STR_EQ(path("posts/media/lisbon_trip/photo.jpg", 1), "posts/media/lisbon_trip/");
    TT_STR_EQ(path("photo.jpg", 1), "./");
    /* the file name never shows, whatever it is */
    TT_STR_EQ(path("media/Marta Quintela.jpg", 1), "media/");
}

TT_TEST(path_no_digits_left)
{
    const char *p = path("a/0123456789/b9c/9/x99.json", 0);
    TT_ASSERT(p != NULL);
    for (const char *c = p; *c; c++) TT_ASSERT(!isdigit((unsigned char)*c));
}

TT_TEST(keys)
{
    TT_STR_EQ(key("timestamp"), "timestamp");
    TT_STR_EQ(key("Private Account"), "Private Account");
    TT_STR_EQ(key("Media Owner"), "Media Owner");
    TT_STR_EQ(key("who_you've_followed"), "who_you've_followed");
    TT_STR_EQ(key("custom_audiences_all_types_v2"), "custom_audiences_all_types_vN");
    TT_STR_EQ(key("1700000123"), "N");
    TT_STR_EQ(key("marta@example.org"), "<key>");
    TT_STR_EQ(key("\xc3\x9cmlaut"), "<key>");
    TT_STR_EQ(key("_private"), "<key>");
    TT_STR_EQ(key(" lead"), "<key>");
    TT_STR_EQ(key("a.b"), "<key>");
    TT_STR_EQ(key(""), "<key>");
    TT_STR_EQ(key("abcdefghijabcdefghijabcdefghijabcdefghija"), "abcdefghijabcdefghijabcdefghijabcdefghija");
    TT_STR_EQ(key("abcdefghijabcdefghijabcdefghijabcdefghijab"), "<key>");
    /* the length counts after digit runs shrink */
    TT_STR_EQ(key("abcdefghijabcdefghijabcdefghijabcdefghij_1234567"), "<key>");
    TT_STR_EQ(key("abcdefghijabcdefghijabcdefghijabcdefghi_1234567"), "abcdefghijabcdefghijabcdefghijabcdefghi_N");
}

/* ---- skeletons ------------------------------------------------------------ */

static json_t *g_got;

/* g_got = the skeleton of the JSON documents docs[0..n); 0 on success. */
static int skel_build(const char *const *docs, size_t n)
{
    tr_skel *s = tr_skel_new();
    int ok = s != NULL;
    for (size_t i = 0; i < n && ok; i++) {
        json_t *d = json_loads(docs[i], JSON_DECODE_ANY, NULL);
        ok = d != NULL && tr_skel_add(s, d) == 0;
        json_decref(d);
    }
    json_decref(g_got);
    g_got = ok ? tr_skel_json(s) : NULL;
    tr_skel_free(s);
    return g_got ? 0 : -1;
}

/* The skeleton of docs[0..n) equals the JSON text want. */
static int skel_is(const char *const *docs, size_t n, const char *want)
{
    json_t *w = json_loads(want, JSON_DECODE_ANY, NULL);
    int ok = w != NULL && skel_build(docs, n) == 0 && json_equal(g_got, w);
    if (!ok && g_got) {
        char *t = json_dumps(g_got, JSON_SORT_KEYS | JSON_ENCODE_ANY);
        fprintf(stderr, "  got  %s\n  want %s\n", t ? t : "?", want);
        free(t);
    }
    json_decref(w);
    return ok;
}

TT_TEST(skel_scalars)
{
    const char *d1[] = {"\"Marta\""}, *d2[] = {"42"}, *d3[] = {"4.5"}, *d4[] = {"true"}, *d5[] = {"null"};
    TT_ASSERT(skel_is(d1, 1, "\"string\""));
    TT_ASSERT(skel_is(d2, 1, "\"number\""));
    TT_ASSERT(skel_is(d3, 1, "\"number\""));
    TT_ASSERT(skel_is(d4, 1, "\"bool\""));
    TT_ASSERT(skel_is(d5, 1, "\"null\""));
    TT_ASSERT(skel_is(NULL, 0, "null"));
    const char *mix[] = {"null", "\"x\"", "false", "3"};
    TT_ASSERT(skel_is(mix, NELEM(mix), "\"string|number|bool|null\""));
}

TT_TEST(skel_objects_merge)
{
    const char *d[] = {
        "{\"a\": 1, \"b\": \"Hello Lisbon\"}",
        "{\"a\": null, \"c\": [1, 2, 3], \"Private Account\": \"True\"}",
    };
    TT_ASSERT(skel_is(d, NELEM(d),
                      "{\"a\": \"number|null\", \"b\": \"string\", \"Private Account\": \"string\","
                      " \"c\": {\"array\": [3, 3], \"items\": \"number\"}}"));
    /* keys that generalise alike merge */
    const char *k[] = {"{\"marta@example.org\": 1, \"Rua+Augusta\": \"x\", \"item_1\": true, \"item_22\": null}"};
    TT_ASSERT(skel_is(k, 1, "{\"<key>\": \"string|number\", \"item_N\": \"bool|null\"}"));
    const char *e[] = {"{}"};
    TT_ASSERT(skel_is(e, 1, "{}"));
}

TT_TEST(skel_arrays_merge)
{
    const char *d[] = {"[[], [1, \"x\"], [true]]", "[[null, null, null, null]]"};
    TT_ASSERT(skel_is(d, NELEM(d), "{\"array\": [1, 3], \"items\": {\"array\": [0, 4], \"items\": \"string|number|bool|null\"}}"));
    const char *empty[] = {"[]", "[]"};
    TT_ASSERT(skel_is(empty, NELEM(empty), "{\"array\": [0, 0], \"items\": null}"));
    const char *objs[] = {"[{\"name\": \"Marta\", \"ts\": 1}, {\"name\": \"Jo\", \"tags\": []}]"};
    TT_ASSERT(skel_is(objs, 1,
                      "{\"array\": [2, 2], \"items\": {\"name\": \"string\", \"ts\": \"number\","
                      " \"tags\": {\"array\": [0, 0], \"items\": null}}}"));
}

TT_TEST(skel_mixed_containers)
{
    const char *d[] = {"{\"v\": \"x\"}", "{\"v\": {\"k\": 1}}", "{\"v\": [true]}", "{\"v\": null}"};
    TT_ASSERT(skel_is(d, NELEM(d),
                      "{\"v\": {\"<one of>\": [{\"k\": \"number\"}, {\"array\": [1, 1], \"items\": \"bool\"},"
                      " \"string|null\"]}}"));
}

TT_TEST(skel_depth_limit)
{
    char doc[200], want[2000] = "";
    size_t n = 0;
    /* 40 nested arrays holding a string */
    for (int i = 0; i < 40; i++) doc[n++] = '[';
    doc[n++] = '1';
    for (int i = 0; i < 40; i++) doc[n++] = ']';
    doc[n] = '\0';
    for (int i = 0; i < TR_SCHEMA_MAX_DEPTH; i++) strcat(want, "{\"array\": [1, 1], \"items\": ");
    strcat(want, "\"...\"");
    for (int i = 0; i < TR_SCHEMA_MAX_DEPTH; i++) strcat(want, "}");
    const char *d[] = {doc};
    TT_ASSERT(skel_is(d, 1, want));
}

TT_TEST(skel_key_limit)
{
    /* 250 distinct letter-only keys in one object, then another with 210 */
    char *a = malloc(250 * 16 + 16), *b = malloc(250 * 16 + 16);
    const char *d[2] = {a, b};
    int ok = a && b;
    if (ok) {
        char *w = a, *v = b;
        *w++ = '{';
        *v++ = '{';
        for (int i = 0; i < 250; i++) {
            w += sprintf(w, "%s\"k%c%c\": 1", i ? ", " : "", 'a' + i / 26, 'a' + i % 26);
            if (i >= 40) v += sprintf(v, "%s\"k%c%c\": 1", i > 40 ? ", " : "", 'a' + i / 26, 'a' + i % 26);
        }
        strcpy(w, "}");
        strcpy(v, "}");
        ok = skel_build(d, 2) == 0;
    }
    json_t *more = ok && g_got ? json_object_get(g_got, "<more keys>") : NULL;
    size_t nkeys = g_got ? json_object_size(g_got) : 0;
    free(a);
    free(b);
    TT_ASSERT(ok);
    TT_ASSERT(more != NULL);
    TT_INT_EQ(json_integer_value(more), 50);
    TT_INT_EQ(nkeys, TR_SCHEMA_MAX_KEYS + 1);
    TT_ASSERT(json_object_get(g_got, "kaa") != NULL);
    TT_ASSERT(json_object_get(g_got, "khr") != NULL); /* key 199: the last one shown */
    TT_ASSERT(json_object_get(g_got, "khs") == NULL); /* key 200: past the limit */
}

/* ---- end to end ------------------------------------------------------------- */

typedef struct zent { const char *name, *data; } zent;

static const char POSTS[] =
    "[{\"timestamp\": 1700000123, \"data\": [{\"post\": \"Hello Lisbon\"}],"
    " \"attachments\": [{\"data\": [{\"place\": {\"name\": \"Rua Augusta 24\","
    " \"coordinate\": {\"latitude\": 38.7101, \"longitude\": -9.1366}}}]}],"
    " \"title\": \"Marta Quintela updated her status.\", \"tags\": [{\"name\": \"Marta Quintela\"}],"
    " \"likes\": 42},"
    " {\"timestamp\": 1700000456, \"data\": [{\"post\": \"Lisbon again\"}], \"likes\": 42}]";
static const char PROFILE[] =
    "{\"profile_v2\": {\"name\": {\"full_name\": \"Marta Quintela\", \"first_name\": \"Marta\"},"
    " \"emails\": {\"emails\": [\"marta@example.org\"], \"previous_emails\": []},"
    " \"birthday\": {\"year\": 1990, \"month\": 1, \"day\": 15},"
    " \"current_city\": {\"name\": \"Lisbon\", \"timestamp\": 1700000123},"
    " \"address\": \"Rua Augusta 24, Lisbon\"}}";
static const char UNKNOWN[] =
    "{\"new_things_v2\": [{\"owner\": \"Marta Quintela\", \"count\": 42, \"where\": \"Rua Augusta 24\"}]}";
static const char THREAD[] =
    "{\"participants\": [{\"name\": \"Marta Quintela\"}, {\"name\": \"Jo\"}],"
    " \"messages\": [{\"sender_name\": \"Marta Quintela\", \"timestamp_ms\": 1700000123000,"
    " \"content\": \"Hello Lisbon\"}], \"title\": \"Marta Quintela\"}";

static const zent EXPORT[] = {
    {"facebook-mquintela-2025-06-01-Ab12Cd34/your_facebook_activity/posts/"
     "your_posts__check_ins__photos_and_videos_1.json", POSTS},
    {"facebook-mquintela-2025-06-01-Ab12Cd34/personal_information/profile_information/profile_information.json",
     PROFILE},
    {"facebook-mquintela-2025-06-01-Ab12Cd34/your_facebook_activity/brand_new_feature/new_things.json", UNKNOWN},
    {"facebook-mquintela-2025-06-01-Ab12Cd34/your_facebook_activity/messages/inbox/martaquintela_1700000123/"
     "message_1.json", THREAD},
    {"facebook-mquintela-2025-06-01-Ab12Cd34/your_facebook_activity/posts/media/MartaQuintelaLisbon_Xy42/"
     "1700000123_42_n.jpg", "\xff\xd8\xff"},
};

static int write_zip(const char *file)
{
    int rc = -1;
    struct archive *a = archive_write_new();
    struct archive_entry *ae = NULL;

    if (!a || archive_write_set_format_zip(a) != ARCHIVE_OK || archive_write_open_filename(a, file) != ARCHIVE_OK)
        goto out;
    for (size_t i = 0; i < NELEM(EXPORT); i++) {
        size_t len = strlen(EXPORT[i].data);
        if (!(ae = archive_entry_new())) goto out;
        archive_entry_copy_pathname(ae, EXPORT[i].name);
        archive_entry_set_filetype(ae, AE_IFREG);
        archive_entry_set_perm(ae, 0644);
        archive_entry_set_mtime(ae, 1700000000, 0);
        archive_entry_set_size(ae, (la_int64_t)len);
        if (archive_write_header(a, ae) < ARCHIVE_WARN) goto out;
        if (archive_write_data(a, EXPORT[i].data, len) != (la_ssize_t)len) goto out;
        archive_entry_free(ae);
        ae = NULL;
    }
    if (archive_write_close(a) != ARCHIVE_OK) goto out;
    rc = 0;
out:
    archive_entry_free(ae);
    archive_write_free(a);
    return rc;
}

static json_t *g_schema;
static char *g_dump;
static tr_err g_rc = TR_ERR_INTERNAL;

/* Write the export, run tr_schema over it, remove the files. */
static void run_e2e(void)
{
    char dir[] = "/tmp/tr-schema-XXXXXX", file[256] = "";
    tr_rules *rules = NULL;
    tr_scan_options o;
    char *errmsg = NULL;

    if (!mkdtemp(dir)) return;
    snprintf(file, sizeof file, "%s/facebook-mquintela-2025-06-01-Ab12Cd34.zip", dir);
    if (write_zip(file) != 0) goto out;
    if (tr_rules_load_layers(NULL, NULL, 0, NULL, NULL, &rules, NULL, NULL) != TR_OK) goto out;
    memset(&o, 0, sizeof o);
    tr_limits_default(&o.limits);
    o.rules = rules;
    const char *inputs[] = {file};
    g_rc = tr_schema(inputs, 1, &o, &g_schema, &errmsg);
    if (g_rc != TR_OK) fprintf(stderr, "  tr_schema: %s\n", errmsg ? errmsg : tr_strerror(g_rc));
    if (g_schema) g_dump = json_dumps(g_schema, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
out:
    free(errmsg);
    tr_rules_free(rules);
    unlink(file);
    rmdir(dir);
}

static json_t *member(const char *p)
{
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(g_schema, "members"), i, m)
        if (!strcmp(json_string_value(json_object_get(m, "path")), p)) return m;
    return NULL;
}

/* Every number must be a count, a size or an array length; every string
 * (key or value) must be free of the export's values. Returns the first
 * offence as a static message, or NULL. */
static const char *offence(json_t *v, const char *under, int in_array_pair)
{
    static const char *const words[] = {
        "marta", "quintela", "lisbon", "hello", "example", "augusta", "rua", "1700000", "38.7", "9.13", "mquintela",
        "ab12cd34", "xy42", "1990",
    };
    static char msg[256];
    const char *k;
    json_t *x;
    size_t i;

    switch (json_typeof(v)) {
    case JSON_OBJECT:
        json_object_foreach(v, k, x) {
            const char *o;
            for (size_t w = 0; w < NELEM(words); w++)
                if (strcasestr(k, words[w])) {
                    snprintf(msg, sizeof msg, "key \"%s\" holds \"%s\"", k, words[w]);
                    return msg;
                }
            if ((o = offence(x, k, !strcmp(k, "array")))) return o;
        }
        return NULL;
    case JSON_ARRAY:
        json_array_foreach(v, i, x) {
            const char *o = offence(x, under, in_array_pair);
            if (o) return o;
        }
        return NULL;
    case JSON_STRING:
        for (size_t w = 0; w < NELEM(words); w++)
            if (strcasestr(json_string_value(v), words[w])) {
                snprintf(msg, sizeof msg, "string \"%s\" holds \"%s\"", json_string_value(v), words[w]);
                return msg;
            }
        return NULL;
    case JSON_INTEGER:
    case JSON_REAL:
        if (!in_array_pair && !(under && (!strcmp(under, "files") || !strcmp(under, "bytes") ||
                                          !strcmp(under, "schema_version")))) {
            snprintf(msg, sizeof msg, "a number under \"%s\"", under ? under : "(top)");
            return msg;
        }
        if (json_number_value(v) == 42 || json_number_value(v) == 1700000123 || json_number_value(v) == 1990) {
            snprintf(msg, sizeof msg, "the export's number %g under \"%s\"", json_number_value(v),
                     under ? under : "(top)");
            return msg;
        }
        return NULL;
    default: return NULL;
    }
}

TT_TEST(e2e_runs)
{
    TT_INT_EQ(g_rc, TR_OK);
    TT_ASSERT(g_schema != NULL && g_dump != NULL);
    TT_INT_EQ(json_integer_value(json_object_get(g_schema, "schema_version")), 1);
    TT_STR_EQ(json_string_value(json_object_get(g_schema, "tool")), "trainable " TR_VERSION);
    TT_ASSERT(json_is_string(json_object_get(g_schema, "rules_version")));
    TT_STR_EQ(json_string_value(json_array_get(json_object_get(g_schema, "platforms"), 0)), "facebook");
    TT_INT_EQ(json_array_size(json_object_get(g_schema, "platforms")), 1);
    TT_ASSERT(json_array_size(json_object_get(g_schema, "layouts")) >= 1);
    TT_STR_EQ(json_string_value(json_object_get(g_schema, "format")), "json");
    TT_ASSERT(json_is_true(json_object_get(g_schema, "complete")));
}

TT_TEST(e2e_no_values)
{
    static const char *const raw[] = {
        "Hello Lisbon", "Marta", "Quintela", "marta@example.org", "example.org", "Rua Augusta 24", "Augusta",
        "Lisbon", "1700000123", "1700000456", "38.71", "mquintela", "Ab12Cd34",
    };
    TT_ASSERT(g_dump != NULL);
    for (size_t i = 0; i < NELEM(raw); i++)
        if (strcasestr(g_dump, raw[i])) TT_FAIL_("the schema holds \"%s\"", raw[i]);
    const char *o = offence(g_schema, NULL, 0);
    if (o) TT_FAIL_("%s", o);
}

TT_TEST(e2e_members)
{
    json_t *m;
    TT_ASSERT(g_schema != NULL);

    m = member("your_facebook_activity/brand_new_feature/new_things.json");
    TT_ASSERT(m != NULL);
    TT_ASSERT(json_is_true(json_object_get(m, "unmatched")));
    TT_STR_EQ(json_string_value(json_object_get(m, "kind")), "json");
    TT_INT_EQ(json_integer_value(json_object_get(m, "files")), 1);
    TT_INT_EQ(json_integer_value(json_object_get(m, "bytes")), strlen(UNKNOWN));
    json_t *items = json_object_get(json_object_get(json_object_get(m, "skeleton"), "new_things_vN"), "items");
    TT_STR_EQ(json_string_value(json_object_get(items, "owner")), "string");
    TT_STR_EQ(json_string_value(json_object_get(items, "count")), "number");

    m = member("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_N.json");
    TT_ASSERT(m != NULL);
    TT_ASSERT(json_is_false(json_object_get(m, "unmatched")));
    json_t *sk = json_object_get(m, "skeleton");
    TT_INT_EQ(json_integer_value(json_array_get(json_object_get(sk, "array"), 0)), 2);
    TT_INT_EQ(json_integer_value(json_array_get(json_object_get(sk, "array"), 1)), 2);
    TT_STR_EQ(json_string_value(json_object_get(json_object_get(sk, "items"), "timestamp")), "number");
    TT_STR_EQ(json_string_value(json_object_get(json_object_get(sk, "items"), "title")), "string");

    m = member("personal_information/profile_information/profile_information.json");
    TT_ASSERT(m != NULL);
    TT_ASSERT(json_is_false(json_object_get(m, "unmatched")));

    m = member("your_facebook_activity/messages/inbox/<thread>/message_N.json");
    TT_ASSERT(m != NULL);
    sk = json_object_get(json_object_get(m, "skeleton"), "messages");
    TT_STR_EQ(json_string_value(json_object_get(json_object_get(sk, "items"), "content")), "string");

    m = member("your_facebook_activity/posts/media/<name>/");
    TT_ASSERT(m != NULL);
    TT_STR_EQ(json_string_value(json_object_get(m, "kind")), "media");
    TT_INT_EQ(json_integer_value(json_object_get(m, "files")), 1);
    TT_INT_EQ(json_integer_value(json_object_get(m, "bytes")), 3);
    TT_ASSERT(json_is_null(json_object_get(m, "skeleton")));

    /* sorted by path, nothing else */
    size_t i;
    const char *prev = "";
    json_array_foreach(json_object_get(g_schema, "members"), i, m) {
        const char *p = json_string_value(json_object_get(m, "path"));
        TT_ASSERT(p && strcmp(prev, p) <= 0);
        prev = p;
    }
    TT_INT_EQ(json_array_size(json_object_get(g_schema, "members")), NELEM(EXPORT));
}

int main(void)
{
    TT_RUN(path_digit_runs);
    TT_RUN(path_plain_names_kept);
    TT_RUN(path_names_hidden);
    TT_RUN(path_threads);
    TT_RUN(path_media_folders);
    TT_RUN(path_no_digits_left);
    TT_RUN(keys);
    TT_RUN(skel_scalars);
    TT_RUN(skel_objects_merge);
    TT_RUN(skel_arrays_merge);
    TT_RUN(skel_mixed_containers);
    TT_RUN(skel_depth_limit);
    TT_RUN(skel_key_limit);
    run_e2e();
    TT_RUN(e2e_runs);
    TT_RUN(e2e_no_values);
    TT_RUN(e2e_members);
    free(g_str);
    json_decref(g_got);
    json_decref(g_schema);
    free(g_dump);
    return tt_done();
}
