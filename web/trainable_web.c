/* trainable_web.c - the browser edition's entry points into the engine.
 *
 * The page's worker (web/worker.js) mounts the chosen files read-only under
 * a folder, adds each input with trw_input_add, and runs trw_scan, which
 * scans single-threaded with the embedded rules and keeps the report. The
 * report is then written in any format by trw_output, and one member's bytes
 * (a photo for a thumbnail) are read by trw_member, at the offset the zip's
 * central directory gives: media are never read unless asked for.
 *
 * Ownership: this module owns the rules, the report and the inputs (static
 * state: one scan per worker). trw_output and trw_member return malloc'd
 * buffers that the caller releases with trw_free. Nothing is printed.
 */
#include <emscripten.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
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

/* The kept report written in `format`: "json" (as trainable scan --format
 * json), "json-items" (every item, with the texts of eligible and uncertain
 * items: for the page only), "csv", "html", "text", "objection" (what you
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
    if (!strcmp(format, "json"))
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
