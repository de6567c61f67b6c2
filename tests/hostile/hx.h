/* hx.h - helpers shared by the hostile-input tests (tests/hostile/):
 * a scratch folder, whole-file I/O, zip writing with libarchive (any
 * options: zip64, data descriptors, encryption, raw names, symlinks), a scan
 * that ends like the command line (exit 0/4/5 ...), and report lookups.
 *
 * The tests write their inputs to a fresh folder under /tmp and remove it;
 * the library itself never writes anywhere.
 */
#ifndef HX_H
#define HX_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>

#include "report.h"
#include "reporter.h"
#include "rules.h"

/* ---- scratch folder and files ------------------------------------------------ */

static char hx_dir[64];

static inline int hx_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static inline void hx_cleanup(void)
{
    if (hx_dir[0]) nftw(hx_dir, hx_rm_one, 16, FTW_DEPTH | FTW_PHYS);
    hx_dir[0] = 0;
}

/* Make the scratch folder (removed at exit). 0 on success. */
static inline int hx_init(const char *tag)
{
    snprintf(hx_dir, sizeof hx_dir, "/tmp/tr-%s-XXXXXX", tag);
    if (!mkdtemp(hx_dir)) {
        hx_dir[0] = 0;
        return -1;
    }
    atexit(hx_cleanup);
    return 0;
}

/* A path in the scratch folder (a ring of 16 buffers). */
static inline const char *hx_path(const char *name)
{
    static char ring[16][512];
    static unsigned next;
    char *b = ring[next++ % 16];
    snprintf(b, sizeof ring[0], "%s/%s", hx_dir, name);
    return b;
}

static inline int hx_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int rc = -1;
    if (!f) return -1;
    if (len == 0 || fwrite(data, 1, len, f) == len) rc = 0;
    if (fclose(f) != 0) rc = -1;
    return rc;
}

/* The whole file (caller frees), or NULL. */
static inline unsigned char *hx_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        if (buf) *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

static inline unsigned hx_rd16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static inline uint32_t hx_rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline void hx_wr32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* Offset of the end-of-central-directory record, or -1. */
static inline long hx_find_eocd(const unsigned char *z, size_t len)
{
    if (len < 22) return -1;
    for (size_t i = len - 22 + 1; i-- > 0 && len - i <= 65557;)
        if (memcmp(z + i, "PK\5\6", 4) == 0) return (long)i;
    return -1;
}

/* ---- zip writing ---------------------------------------------------------------- */

typedef struct hx_ent {
    const char *name;
    const void *data;   /* AE_IFLNK: the link target */
    size_t len;
    unsigned type;      /* AE_IFREG (0 means AE_IFREG), AE_IFDIR, AE_IFLNK */
    int unknown_size;   /* write without a size: a data descriptor follows the data */
    uint64_t zeros;     /* AE_IFREG: then this many zero bytes (a bomb) */
} hx_ent;

/* Write a zip at path from n entries. options: libarchive zip writer
 * options ("zip:zip64", "zip:encryption=zipcrypt", "zip:compression=store"...)
 * or NULL; pass: passphrase or NULL. Names are written as given (raw bytes);
 * with "hdrcharset=UTF-8" in options they are flagged UTF-8 and written under
 * C.UTF-8. 0 on success. */
static inline int hx_write_zip(const char *path, const hx_ent *e, size_t n, const char *options, const char *pass)
{
    int rc = -1;
    struct archive *a = archive_write_new();
    struct archive_entry *ae = NULL;
    locale_t utf8 = (locale_t)0, old = (locale_t)0;
    static const char zero[65536];

    if (options && strstr(options, "hdrcharset=UTF-8")) {
        utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        if (utf8 == (locale_t)0) goto out;
        old = uselocale(utf8);
    }
    if (!a || archive_write_set_format_zip(a) != ARCHIVE_OK) goto out;
    if (options && archive_write_set_options(a, options) != ARCHIVE_OK) goto out;
    if (pass && archive_write_set_passphrase(a, pass) != ARCHIVE_OK) goto out;
    if (archive_write_open_filename(a, path) != ARCHIVE_OK) goto out;
    for (size_t i = 0; i < n; i++) {
        unsigned type = e[i].type ? e[i].type : AE_IFREG;
        uint64_t total = e[i].len + e[i].zeros;
        ae = archive_entry_new();
        if (!ae) goto out;
        archive_entry_copy_pathname(ae, e[i].name);
        archive_entry_set_filetype(ae, type);
        archive_entry_set_perm(ae, type == AE_IFDIR ? 0755 : 0644);
        archive_entry_set_mtime(ae, 1700000000, 0);
        if (type == AE_IFLNK) archive_entry_copy_symlink(ae, (const char *)e[i].data);
        if (type != AE_IFREG) archive_entry_set_size(ae, 0);
        else if (e[i].unknown_size) archive_entry_unset_size(ae);
        else archive_entry_set_size(ae, (la_int64_t)total);
        if (archive_write_header(a, ae) < ARCHIVE_WARN) goto out;
        if (type == AE_IFREG) {
            if (e[i].len && archive_write_data(a, e[i].data, e[i].len) != (la_ssize_t)e[i].len) goto out;
            for (uint64_t z = e[i].zeros; z > 0;) {
                size_t k = z < sizeof zero ? (size_t)z : sizeof zero;
                if (archive_write_data(a, zero, k) != (la_ssize_t)k) goto out;
                z -= k;
            }
        }
        archive_entry_free(ae);
        ae = NULL;
    }
    if (archive_write_close(a) != ARCHIVE_OK) goto out;
    rc = 0;
out:
    if (rc != 0 && a) fprintf(stderr, "  hx_write_zip(%s): %s\n", path, archive_error_string(a) ? archive_error_string(a) : "?");
    archive_entry_free(ae);
    archive_write_free(a);
    if (utf8 != (locale_t)0) {
        uselocale(old);
        freelocale(utf8);
    }
    return rc;
}

/* The smallest export the built-in rules recognise: a Facebook 2024 layout
 * marker and one post with a photo. Entries to put first in a test zip. */
#define HX_POSTS_JSON                                                                                        \
    "[{\"timestamp\": 1700000000, \"data\": [{\"post\": \"Hello\"}], \"attachments\": [{\"data\": [{\"media\": " \
    "{\"uri\": \"your_facebook_activity/posts/media/p1.jpg\"}}]}]}]"
#define HX_BASE_ENTRIES                                                                                   \
    {"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", HX_POSTS_JSON,       \
     sizeof(HX_POSTS_JSON) - 1, 0, 0, 0},                                                                 \
    {"your_facebook_activity/posts/media/p1.jpg", "\xff\xd8\xff", 3, 0, 0, 0}

/* ---- scanning --------------------------------------------------------------------- */

static tr_rules *hx_rules;

static inline tr_rules *hx_default_rules(void)
{
    if (!hx_rules && tr_rules_load_embedded(NULL, NULL, &hx_rules) != TR_OK) {
        fprintf(stderr, "cannot load the built-in rules\n");
        exit(1);
    }
    return hx_rules;
}

typedef struct hx_scan {
    int exit_code;  /* as the command line would exit: 0, 1, 2, 4, 5 */
    tr_err err;
    char *errmsg;   /* fatal error message (owned) */
    tr_report *rep; /* the report (owned), NULL on a fatal error */
    char *json;     /* the JSON report with --items (owned), NULL on a fatal error */
    char *text;     /* the text summary (owned) */
    json_t *doc;    /* json parsed back (owned) */
} hx_scan;

/* Render the report with writer w into a malloc'd string. */
static inline char *hx_render(const tr_report *rep, int (*w)(FILE *, const tr_report *, const tr_report_opts *))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tr_report_opts ro;
    if (!f) return NULL;
    memset(&ro, 0, sizeof ro);
    ro.tool_version = "test";
    ro.items = 1;
    int rc = w(f, rep, &ro);
    if (fclose(f) != 0 || rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Scan inputs with the given rules (NULL: built-in) and limits (NULL:
 * defaults); render the JSON and text reports. */
static inline void hx_scan_run(hx_scan *s, const char *const *inputs, size_t n, const tr_rules *rules,
                               const tr_limits *limits, unsigned threads)
{
    tr_scan_options o;
    memset(s, 0, sizeof *s);
    memset(&o, 0, sizeof o);
    o.rules = rules ? rules : hx_default_rules();
    if (limits) o.limits = *limits;
    else tr_limits_default(&o.limits);
    o.threads = threads;
    s->err = tr_scan(inputs, n, &o, &s->rep, &s->errmsg);
    if (s->err != TR_OK) {
        s->exit_code = s->err == TR_ERR_NOMEM || s->err == TR_ERR_INTERNAL ? 1 : s->err == TR_ERR_USAGE ? 2 : 4;
        return;
    }
    s->json = hx_render(s->rep, tr_write_json);
    s->text = hx_render(s->rep, tr_write_text);
    if (s->json) s->doc = json_loads(s->json, 0, NULL);
    s->exit_code = !s->json || !s->text || !s->doc ? 1 : s->rep->complete ? 0 : 5;
}

static inline void hx_scan_free(hx_scan *s)
{
    free(s->errmsg);
    tr_report_free(s->rep);
    free(s->json);
    free(s->text);
    json_decref(s->doc);
    memset(s, 0, sizeof *s);
}

/* The first note of the report (errors or warnings) whose path contains
 * `path` and message contains `msg` (either may be NULL), or NULL. */
static inline const tr_note *hx_note(const tr_note *notes, size_t n, const char *path, const char *msg)
{
    for (size_t i = 0; i < n; i++)
        if ((!path || strstr(notes[i].path, path)) && (!msg || strstr(notes[i].message, msg))) return &notes[i];
    return NULL;
}

#define HX_ERROR(s, path, msg) hx_note((s)->rep->errors, (s)->rep->nerrors, (path), (msg))
#define HX_WARNING(s, path, msg) hx_note((s)->rep->warnings, (s)->rep->nwarnings, (path), (msg))

/* Index of the tree member with exactly this path, or -1. */
static inline long hx_member(const hx_scan *s, const char *path)
{
    size_t i = tr_tree_find(s->rep->tree, 0, path);
    return i == (size_t)-1 ? -1 : (long)i;
}

static inline void hx_dump(const hx_scan *s)
{
    if (!s->rep) {
        fprintf(stderr, "    fatal: %s\n", s->errmsg ? s->errmsg : "?");
        return;
    }
    for (size_t i = 0; i < s->rep->nerrors; i++)
        fprintf(stderr, "    error: %s: %s\n", s->rep->errors[i].path, s->rep->errors[i].message);
    for (size_t i = 0; i < s->rep->nwarnings; i++)
        fprintf(stderr, "    warning: %s: %s\n", s->rep->warnings[i].path, s->rep->warnings[i].message);
    for (size_t i = 0; i < tr_tree_count(s->rep->tree); i++)
        fprintf(stderr, "    member: %s\n", tr_tree_member(s->rep->tree, i)->path);
}

#endif
