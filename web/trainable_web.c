/* trainable_web.c - the browser edition's entry points into the engine.
 *
 * The page's worker (web/worker.js) mounts the chosen files read-only under
 * a folder, adds each input with trw_input_add, and runs trw_scan, which
 * scans single-threaded with the embedded rules and keeps the report. The
 * report is then written in any format by trw_output, and one member's bytes
 * (a photo for a thumbnail) are read by trw_member, at the offset the zip's
 * central directory gives: media are never read unless asked for. The page
 * lists items a page at a time through trw_items (filtered here, so that the
 * hundreds of thousands of items of a large export never cross into
 * JavaScript at once), and the photos and videos through trw_output's
 * "media".
 *
 * Ownership: this module owns the rules, the report and the inputs (static
 * state: one scan per worker). trw_output and trw_member return malloc'd
 * buffers that the caller releases with trw_free. Nothing is printed.
 */
#include <emscripten.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"
#include "vocab.h"
#include "objection.h"
#include "report.h"
#include "reporter.h"
#include "rules.h"
#include "tree.h"

#define TRW_MAX_INPUTS 4096

static char *inputs[TRW_MAX_INPUTS];
static size_t ninputs;
static tr_rules *rules;
static tr_report *report;
static char *error_message;
static size_t out_len;

/* Progress goes to the worker's onProgress (posted to the page). */
EM_JS(void, trw_js_progress, (double done, double total, double items, const char *member), {
    if (Module.onProgress) Module.onProgress(done, total, items, UTF8ToString(member));
});

static void progress(uint64_t done, uint64_t total, size_t items, const char *member, void *user)
{
    (void)user;
    trw_js_progress((double)done, (double)total, (double)items, member ? member : "");
}

#ifdef __wasm_bulk_memory__
/* The C library's memcpy hands copies of 512 bytes and more to JavaScript
 * (emscripten_memcpy_big): about 6% of a scan. These replace it (and its
 * kin) with WebAssembly's own bulk memory instructions. */
void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
    return __builtin_memcpy(d, s, n);
}

void *memmove(void *d, const void *s, size_t n)
{
    return __builtin_memmove(d, s, n);
}

void *memset(void *d, int c, size_t n)
{
    return __builtin_memset(d, c, n);
}
#endif

/* The engine announces the byte ranges of the zip members it is about to
 * read with posix_fadvise(POSIX_FADV_WILLNEED) (src/archive/treeread.c).
 * This replaces the C library's no-op: the worker's reader gets the ranges
 * and reads them together, a few calls for all the JSON of an export. */
EM_JS(void, trw_js_willneed, (int fd, double offset, double len), {
    if (Module.onWillNeed) Module.onWillNeed(fd, offset, len);
});

int posix_fadvise(int fd, off_t offset, off_t len, int advice)
{
    if (advice == POSIX_FADV_WILLNEED && offset >= 0 && len > 0)
        trw_js_willneed(fd, (double)offset, (double)len);
    return 0;
}

/* pread at any offset. Emscripten 3.1.6's pread drops the high 32 bits of
 * the offset (its fd_pread takes the low word only), so a part of more
 * than 4 GiB was read at the wrong places: its central directory looked
 * damaged. This one hands the whole offset to the file system. */
EM_JS(double, trw_js_pread, (int fd, void *buf, double size, double offset), {
    try {
        var stream = FS.getStream(fd);
        if (!stream) return -8; /* EBADF */
        return FS.read(stream, HEAP8, buf, size, offset);
    } catch (e) {
        return -(e.errno || 5); /* EIO */
    }
});

ssize_t pread(int fd, void *buf, size_t size, off_t offset)
{
    double r;
    if (offset < 0) {
        errno = EINVAL;
        return -1;
    }
    r = trw_js_pread(fd, buf, (double)size, (double)offset);
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return (ssize_t)r;
}

static void set_error(const char *msg)
{
    free(error_message);
    error_message = msg ? strdup(msg) : NULL;
}

/* Add one input path (a zip part, or one folder). Returns 0, or -1 when
 * there are too many or out of memory. */
EMSCRIPTEN_KEEPALIVE int trw_input_add(const char *path)
{
    char *p;
    if (ninputs == TRW_MAX_INPUTS || (p = strdup(path)) == NULL)
        return -1;
    inputs[ninputs++] = p;
    return 0;
}

/* Scan the inputs added so far. as_of: "YYYY-MM-DD" or "" for the export's
 * own date. Returns 0 with a report kept (which may be incomplete: see
 * trw_complete), or a tr_err code with the message in trw_error. */
EMSCRIPTEN_KEEPALIVE int trw_scan(const char *as_of)
{
    tr_scan_options so;
    char *errmsg = NULL;
    tr_err e;

    tr_report_free(report);
    report = NULL;
    set_error(NULL);
    if (rules == NULL && (e = tr_rules_load_embedded(NULL, NULL, &rules)) != TR_OK) {
        set_error("the built-in rules do not load");
        return (int)e;
    }
    memset(&so, 0, sizeof so);
    tr_limits_default(&so.limits);
    so.rules = rules;
    so.threads = 1;
    so.keep_text = 1; /* shown in the page only; reports for download leave it out */
    so.skip_private_text = 1; /* the page shows no private text */
    so.progress = progress;
    if (as_of != NULL && *as_of) {
        if (tr_date_parse(as_of, &so.as_of) != 0) {
            set_error("the as-of date is not a date YYYY-MM-DD");
            return (int)TR_ERR_USAGE;
        }
        so.has_as_of = 1;
    }
    e = tr_scan((const char *const *)inputs, ninputs, &so, &report, &errmsg);
    if (e != TR_OK) {
        set_error(errmsg ? errmsg : tr_strerror(e));
        free(errmsg);
        report = NULL;
        return (int)e;
    }
    return 0;
}

EMSCRIPTEN_KEEPALIVE const char *trw_error(void)
{
    return error_message ? error_message : "";
}

EMSCRIPTEN_KEEPALIVE int trw_complete(void)
{
    return report != NULL && report->complete;
}

/* s as a JSON string: UTF-8 is written as it is (the worker decodes it). */
static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static int write_media(FILE *f)
{
    int first = 1;
    fputc('[', f);
    for (size_t i = 0; i < report->nmedia; i++) {
        const tr_media *md = &report->media[i];
        const tr_member *mem = tr_tree_member(report->tree, md->member);
        if (md->verdict == TR_PRIVATE)
            continue;
        fputs(first ? "{\"path\":" : ",{\"path\":", f);
        first = 0;
        json_str(f, mem->path);
        fprintf(f, ",\"bytes\":%llu,\"verdict\":", (unsigned long long)mem->size);
        json_str(f, tr_verdict_name((tr_verdict)md->verdict));
        fputs(",\"reason\":", f);
        json_str(f, tr_media_reason(report, md));
        fputc('}', f);
    }
    fputc(']', f);
    return ferror(f) ? -1 : 0;
}

/* The code point at *p (advanced past it), lower-cased for the letters of
 * Latin-1, Latin Extended-A, Greek and Cyrillic (the page lower-cases the
 * query with JavaScript's toLowerCase). Bad UTF-8 reads as one byte. */
static uint32_t folded(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    size_t n = 1;
    if (c >= 0xc2 && c < 0xe0 && (s[1] & 0xc0) == 0x80)
        c = ((c & 0x1f) << 6) | (s[1] & 0x3f), n = 2;
    else if (c >= 0xe0 && c < 0xf0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80)
        c = ((c & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f), n = 3;
    else if (c >= 0xf0 && c < 0xf5 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80)
        c = ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) | ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f),
        n = 4;
    *p = s + n;
    if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) || (c >= 0x391 && c <= 0x3a9) ||
        (c >= 0x410 && c <= 0x42f))
        return c + 32;
    if (c >= 0x400 && c <= 0x40f)
        return c + 80;
    if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x138 && c != 0x149)
        return ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) ? (c % 2 ? c + 1 : c) : (c | 1);
    return c;
}

/* Whether hay holds the code points q[0..nq) (already folded). A query
 * of ASCII only is compared byte by byte: folding never turns other bytes
 * into ASCII. */
static int holds(const char *hay, const uint32_t *q, size_t nq)
{
    const unsigned char *h = (const unsigned char *)hay;
    int ascii = 1;
    for (size_t k = 0; k < nq; k++)
        ascii &= q[k] < 0x80;
    if (ascii) {
        for (; *h; h++) {
            size_t k = 0;
            while (k < nq && h[k] && (uint32_t)((h[k] >= 'A' && h[k] <= 'Z') ? h[k] + 32 : h[k]) == q[k])
                k++;
            if (k == nq)
                return 1;
        }
        return 0;
    }
    while (*h) {
        const unsigned char *a = h;
        size_t k = 0;
        while (k < nq && *a && folded(&a) == q[k])
            k++;
        if (k == nq)
            return 1;
        folded(&h);
    }
    return 0;
}

/* One page of the kept report's items, filtered: verdict and category by
 * name ("" for any), query (lower-cased; "" for none) searched in the path,
 * the reason and the text shown (eligible and uncertain items' texts).
 * Items from `offset` on, at most `limit`. Returns a malloc'd JSON object
 * {"total": items matching, "all": items in all, "items": [{path, index,
 * category, verdict, rule, reason, time, text}]} (trw_output_len bytes), or
 * NULL. */
EMSCRIPTEN_KEEPALIVE char *trw_items(const char *verdict, const char *category, const char *query,
                                     double offset, double limit)
{
    tr_verdict v = TR_VERDICT__COUNT;
    tr_category c = TR_CAT__COUNT;
    uint32_t *q = NULL;
    size_t nq = 0, total = 0, shown = 0;
    const char *last_path = NULL, *last_reason = NULL;
    int path_hit = 0, reason_hit = 0;
    char *buf = NULL, tbuf[32];
    size_t len = 0;
    FILE *f = NULL;

    out_len = 0;
    if (report == NULL || (*verdict && tr_verdict_parse(verdict, &v) != 0) ||
        (*category && tr_category_parse(category, &c) != 0))
        return NULL;
    if ((q = malloc((strlen(query) + 1) * sizeof *q)) == NULL || (f = open_memstream(&buf, &len)) == NULL)
        goto fail;
    for (const unsigned char *p = (const unsigned char *)query; *p;)
        q[nq++] = folded(&p);
    fputs("{\"items\":[", f);
    for (size_t i = 0; i < report->nitems; i++) {
        const tr_item *it = &report->item[i];
        const char *path = tr_tree_member(report->tree, it->member)->path, *reason = tr_item_reason(report, it);
        const char *text = it->verdict != TR_PRIVATE ? it->text : NULL;
        if ((v != TR_VERDICT__COUNT && it->verdict != v) || (c != TR_CAT__COUNT && it->category != c))
            continue;
        if (nq) { /* items of one member share its path, and reasons are few: their answers are kept */
            if (path != last_path)
                last_path = path, path_hit = holds(path, q, nq);
            if (reason != last_reason)
                last_reason = reason, reason_hit = holds(reason, q, nq);
            if (!path_hit && !reason_hit && !(text && holds(text, q, nq)))
                continue;
        }
        if (total++ < offset || shown >= limit)
            continue;
        fputs(shown++ ? ",{\"path\":" : "{\"path\":", f);
        json_str(f, path);
        fprintf(f, ",\"index\":%lu,\"category\":\"%s\",\"verdict\":\"%s\",\"rule\":", (unsigned long)it->index,
                tr_category_name((tr_category)it->category), tr_verdict_name((tr_verdict)it->verdict));
        json_str(f, tr_item_rule_id(report, it));
        fputs(",\"reason\":", f);
        json_str(f, reason);
        if (it->has_time) {
            tr_time_iso(it->time, tbuf);
            fprintf(f, ",\"time\":\"%s\"", tbuf);
        }
        if (text) {
            fputs(",\"text\":", f);
            json_str(f, text);
        }
        fputc('}', f);
    }
    fprintf(f, "],\"total\":%lu,\"all\":%lu}", (unsigned long)total, (unsigned long)report->nitems);
    if (ferror(f))
        goto fail;
    if (fclose(f) != 0) {
        f = NULL;
        goto fail;
    }
    free(q);
    out_len = len;
    return buf;
fail:
    if (f)
        fclose(f);
    free(buf);
    free(q);
    return NULL;
}

/* The kept report written in `format`: "json" (as trainable scan --format
 * json), "json-items" (every item, with the texts of eligible and uncertain
 * items), "media" (the media files that are not private, for the page's
 * thumbnails: [{path, bytes, verdict, reason}]), "csv", "html", "text", "objection" (what you
 * can do in `region`, "" for every region) or "letter" (the objection text
 * of `region` in `lang`). Returns a malloc'd NUL-terminated buffer
 * (trw_output_len bytes before the NUL), or NULL. */
EMSCRIPTEN_KEEPALIVE char *trw_output(const char *format, const char *region, const char *lang)
{
    tr_report_opts ro;
    char *buf = NULL;
    size_t len = 0;
    FILE *f;
    int w;

    out_len = 0;
    if (report == NULL)
        return NULL;
    memset(&ro, 0, sizeof ro);
    ro.tool_version = TR_VERSION;
    ro.region = region && *region ? region : NULL;
    /* the page's language, when the reports have it (else English) */
    if (tr_i18n_set(lang && *lang ? lang : "en") != 0)
        tr_i18n_set("en");
    ro.lang = tr_i18n_lang();
    if (ro.region && !tr_region_find(ro.region))
        ro.region = NULL;
    if (!strcmp(format, "letter")) {
        buf = tr_objection_letter(report, ro.region, 1);
        out_len = buf ? strlen(buf) : 0;
        return buf;
    }
    if ((f = open_memstream(&buf, &len)) == NULL)
        return NULL;
    if (!strcmp(format, "media"))
        w = write_media(f);
    else if (!strcmp(format, "json"))
        w = tr_write_json(f, report, &ro);
    else if (!strcmp(format, "json-items")) {
        ro.items = 1;
        ro.show_text = 1;
        w = tr_write_json(f, report, &ro);
    }
    else if (!strcmp(format, "csv"))
        w = tr_write_csv(f, report, &ro);
    else if (!strcmp(format, "html"))
        w = tr_write_html(f, report, &ro);
    else if (!strcmp(format, "objection")) {
        ro.show_email = 1; /* the letter is for the account holder */
        w = tr_write_objection(f, report, &ro);
    }
    else
        w = tr_write_text(f, report, &ro);
    if (fclose(f) != 0 || w != 0) {
        free(buf);
        return NULL;
    }
    out_len = len;
    return buf;
}

EMSCRIPTEN_KEEPALIVE double trw_output_len(void)
{
    return (double)out_len;
}

typedef struct member_read {
    unsigned char *buf;
    size_t len, cap;
    int failed;
} member_read;

static int read_member(size_t seq, size_t index, const tr_member *m, tr_reader *r, void *user, unsigned thread)
{
    member_read *mr = user;
    size_t got;
    (void)seq, (void)index, (void)thread;
    if (r == NULL || m->size > SIZE_MAX - 1) {
        mr->failed = 1;
        return 0;
    }
    mr->cap = (size_t)m->size + 1;
    if ((mr->buf = malloc(mr->cap)) == NULL) {
        mr->failed = 1;
        return 0;
    }
    while (mr->len < mr->cap && (got = tr_reader_read(r, mr->buf + mr->len, mr->cap - mr->len)) != 0) {
        if (got == (size_t)-1) {
            mr->failed = 1;
            return 0;
        }
        mr->len += got;
    }
    return 0;
}

/* The bytes of the member at `path` (as the report names it) of the kept
 * report's export, for at most max_bytes. Returns a malloc'd buffer of
 * trw_output_len bytes, or NULL when there is no such member, it is larger
 * than max_bytes, or it cannot be read (damaged, encrypted). */
EMSCRIPTEN_KEEPALIVE unsigned char *trw_member(const char *path, double max_bytes)
{
    tr_tree *t = report ? report->tree : NULL;
    size_t count, i = (size_t)-1;
    unsigned char *want = NULL;
    member_read mr = {0};

    out_len = 0;
    if (t == NULL)
        return NULL;
    count = tr_tree_count(t);
    for (size_t e = 0; e < tr_tree_exports(t) && i == (size_t)-1; e++)
        i = tr_tree_find(t, (uint32_t)e, path);
    if (i == (size_t)-1 || (double)tr_tree_member(t, i)->size > max_bytes || (want = calloc(count, 1)) == NULL)
        return NULL;
    want[i] = 1;
    if (tr_tree_visit_parallel(t, want, 1, read_member, &mr) != TR_OK || mr.failed || mr.buf == NULL) {
        free(mr.buf);
        mr.buf = NULL;
    }
    else
        out_len = mr.len;
    free(want);
    return mr.buf;
}

EMSCRIPTEN_KEEPALIVE void trw_free(void *p)
{
    free(p);
}

/* Forget the report and the inputs (before the files are unmounted). */
EMSCRIPTEN_KEEPALIVE void trw_reset(void)
{
    tr_report_free(report);
    report = NULL;
    for (size_t i = 0; i < ninputs; i++)
        free(inputs[i]);
    ninputs = 0;
    set_error(NULL);
}
