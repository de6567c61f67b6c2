/* main.c - the trainable command line: a thin layer over libtrainable.
 *
 * Owns everything the library does not: options, stdout/stderr, the output
 * file, and exit codes. See usage() and README.md.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "draft.h"
#include "i18n.h"
#include "objection.h"
#include "pack.h"
#include "progress.h"
#include "report.h"
#include "reporter.h"
#include "rules.h"
#include "ruletest.h"
#include "schema.h"
#include "text.h"

enum exit_code {
    EXIT_OK = 0,
    EXIT_INTERNAL = 1,   /* out of memory, cannot write the output */
    EXIT_USAGE = 2,
    EXIT_RULES = 3,
    EXIT_INPUT = 4,      /* unreadable input, or not an export */
    EXIT_INCOMPLETE = 5, /* report written, but something was not scanned */
    EXIT_INTERRUPTED = 130, /* SIGINT (Ctrl-C): 128 + 2, as shells report it */
};

static const char *prog = "trainable";

/* Columns taken by UTF-8 text (one per code point). */
static int columns(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80) c++;
    return c;
}

/* Write text wrapped at 79 columns: the first line after `col` columns
 * already written, the others indented by `indent`. */
static void wrap_at(FILE *out, const char *text, int col, int indent)
{
    const char *p = text;
    int start = 1;

    while (*p) {
        const char *w = p;
        while (*p && *p != ' ') p++;
        int wl = columns(w, (size_t)(p - w));
        if (!start && col + 1 + wl > 79) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        } else if (!start) {
            fputc(' ', out);
            col++;
        }
        fwrite(w, 1, (size_t)(p - w), out);
        col += wl;
        start = 0;
        while (*p == ' ') p++;
    }
    fputc('\n', out);
}

/* One option of --help: its spelling and what it does (translated). */
typedef struct opt_help { const char *opt, *help; } opt_help;

static void options_help(FILE *out, const char *title, const opt_help *t, size_t n)
{
    char num[4][48];
    fprintf(out, "\n%s\n", title);
    tr_i18n_count(TR_DEFAULT_MAX_MEMBER_BYTES, num[0], sizeof num[0]);
    for (size_t i = 0; i < n; i++) {
        char help[512];
        /* the defaults, in the language's digits */
        if (strstr(t[i].opt, "--max-member-bytes")) tr_i18n_count(TR_DEFAULT_MAX_MEMBER_BYTES, num[0], sizeof num[0]);
        else if (strstr(t[i].opt, "--max-total-bytes")) tr_i18n_count(TR_DEFAULT_MAX_TOTAL_BYTES, num[0], sizeof num[0]);
        else if (strstr(t[i].opt, "--max-entries")) tr_i18n_count(TR_DEFAULT_MAX_ENTRIES, num[0], sizeof num[0]);
        else if (strstr(t[i].opt, "--max-depth")) tr_i18n_count(TR_DEFAULT_MAX_DEPTH, num[0], sizeof num[0]);
        else if (strstr(t[i].opt, "--max-string-bytes")) tr_i18n_count(TR_DEFAULT_MAX_STRING_BYTES, num[0], sizeof num[0]);
        else if (strstr(t[i].opt, "--max-values")) tr_i18n_count(20000000, num[0], sizeof num[0]);
        else if (strstr(t[i].opt, "--stream-min-bytes")) tr_i18n_count(1048576, num[0], sizeof num[0]);
        else if (strstr(t[i].opt, "--max-ratio")) tr_i18n_count(TR_DEFAULT_MAX_RATIO, num[0], sizeof num[0]);
        else if (strstr(t[i].opt, "--region")) snprintf(num[0], sizeof num[0], "%s", tr_region_codes());
        else if (strstr(t[i].opt, "--lang")) snprintf(num[0], sizeof num[0], "%s", tr_i18n_lang_list());
        snprintf(help, sizeof help, _(t[i].help), num[0]);
        int w = fprintf(out, "  %s", t[i].opt);
        if (w >= 26) {
            fprintf(out, "\n%26s", "");
            w = 26;
        } else {
            fprintf(out, "%*s", 26 - w, "");
            w = 26;
        }
        wrap_at(out, help, w, 26);
    }
}

static void usage(FILE *out)
{
    static const opt_help scan_opts[] = {
        {"-f, --format FMT", N_("text (default), json, jsonl, csv or html; without it, -o FILE's extension picks "
                                "it (.txt .json .jsonl .csv .html); for a PDF, print the HTML report")},
        {"-o, --output FILE", N_("write the report to FILE (replaced only when complete)")},
        {"    --items", N_("list the items (text, JSON and HTML reports; CSV and JSONL always do), eligible "
                           "first")},
        {"    --verdict LIST", N_("list only items of these verdicts: eligible, uncertain, private, "
                                  "comma-separated (the counts stay whole)")},
        {"    --show-text", N_("include the text of eligible and uncertain items (the text report then lists "
                               "the items)")},
        {"    --show-private-text", N_("also include the text of private items (messages)")},
        {"    --show-email", N_("show the account's e-mail address (text and HTML reports)")},
        {"    --rules DIR", N_("use the rule files of DIR instead of the installed rule pack or the built-in "
                               "rules")},
        {"    --extra-rules DIR", N_("add the rules of DIR; they replace rules with the same id and are tried "
                                     "before the others (repeatable)")},
        {"    --assume-public", N_("count every uncertain item as eligible (worst case)")},
        {"    --as-of YYYY-MM-DD", N_("the export's date (for the under-18 rule)")},
        {"    --birth-date YYYY-MM-DD", N_("the account holder's birth date, for every export that records none "
                                         "(for the under-18 rule)")},
        {"    --max-member-bytes N", N_("largest JSON or HTML member read (default %s)")},
        {"    --max-total-bytes N", N_("JSON and HTML bytes read in all (default %s)")},
        {"    --max-entries N", N_("archive entries listed (default %s)")},
        {"    --max-depth N", N_("JSON nesting accepted (default %s)")},
        {"    --max-string-bytes N", N_("longest JSON string accepted (default %s)")},
        {"    --max-values N", N_("JSON values in one member (default %s)")},
        {"    --stream-min-bytes N", N_("read JSON members this large one record at a time (default %s; the "
                                        "report is the same)")},
        {"    --max-ratio N", N_("a zip member may inflate to N times its compressed size (default %s; 0: no "
                                 "limit)")},
        {"    --threads N", N_("threads reading and parsing members (default: one per CPU)")},
        {"-q, --quiet", N_("no messages or progress bar on stderr besides errors")},
    };
    static const opt_help todo_opts[] = {
        {"    --region R", N_("where you live: %s, or a country's code or name (default: every region)")},
        {"    --lang L", N_("the language of the reports, messages and objection text: %s (default: from "
                            "LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else en)")},
        {"    --objected-on DATE", N_("split items at the date you objected (YYYY-MM-DD)")},
    };

    fprintf(out, "%s %s scan [OPTIONS] INPUT...\n", _("Usage:"), prog);
    fprintf(out, "       %s objection [--region R] [--lang L] [--objected-on DATE] INPUT...\n", prog);
    fprintf(out, "       %s schema [--rules DIR] [-o FILE] INPUT...\n", prog);
    fprintf(out, "       %s rules check [--strict] [--extra-rules DIR]... [DIR]\n", prog);
    fprintf(out, "       %s rules test [--extra-rules DIR]... [DIR]\n", prog);
    fprintf(out, "       %s rules list [--rules DIR]\n", prog);
    fprintf(out, "       %s rules draft [--rules DIR] [--extra-rules DIR] [-o FILE] INPUT... | SCHEMA.json\n", prog);
    fprintf(out, "       %s rules keygen --secret FILE --public FILE\n", prog);
    fprintf(out, "       %s rules pack --key SECRET -o PACK DIR\n", prog);
    fprintf(out, "       %s rules install [--trust PUBLIC]... [--allow-downgrade] PACK\n", prog);
    fprintf(out, "       %s rules status\n", prog);
    fprintf(out, "       %s rules uninstall VERSION\n", prog);
    fprintf(out, "       %s --version | --help | help\n\n", prog);
    wrap_at(out,
            _("Scan a Facebook or Instagram \"Download Your Information\" export (one or more .zip parts, or the "
              "folder of an unzipped export) and report what Meta could use to train its AI. Nothing leaves this "
              "machine and nothing is extracted to disk."),
            0, 0);
    options_help(out, _("Scan options:"), scan_opts, sizeof scan_opts / sizeof scan_opts[0]);
    options_help(out, _("What you can do (text and HTML reports, and the objection command):"), todo_opts,
                 sizeof todo_opts / sizeof todo_opts[0]);
    fputc('\n', out);
    wrap_at(out,
            _("Objection: scan the export, then print what applies in your region and an objection text to paste "
              "into Meta's form, with the account's e-mail address and the number of items that could be used "
              "(never their content)."),
            0, 0);
    wrap_at(out, _(TR_FACTS_NOTE), 0, 0);
    fputc('\n', out);
    wrap_at(out,
            _("Schema: print the structure of an export (generalised paths, JSON keys and value types, never a "
              "value) to attach to a bug report about a missing rule."),
            0, 0);
    wrap_at(out,
            _("Rules draft: a rule block for each file no rule knows, from an export or from the output of schema; "
              "fill in its 'category TODO' and 'verdict TODO'."),
            0, 0);
    fputc('\n', out);
    wrap_at(out,
            _("Rules: without --rules, a scan uses the newest installed rule pack that verifies and suits this "
              "version (see 'rules status'), else the built-in rules."),
            0, 0);
    fputc('\n', out);
    wrap_at(out,
            _("Exit codes: 0 scan complete; 2 usage error; 3 rules invalid, or a rule pack refused; 4 input "
              "unreadable or not a Facebook/Instagram export; 5 scan incomplete (the report is written and says "
              "what was missed); 1 internal error; 130 interrupted (Ctrl-C: no report is written)."),
            0, 0);
    fputc('\n', out);
    wrap_at(out, _("More: man trainable, man 5 trainable-rules."), 0, 0);
}

/* "trainable: MESSAGE" on stderr, control characters and escape sequences
 * (from file names, archive names, libarchive messages) made harmless. */
static void print_error(const char *msg)
{
    fprintf(stderr, "%s: ", prog);
    tr_fputs_safe(stderr, msg);
    fputc('\n', stderr);
}

static void try_help(void)
{
    fprintf(stderr, _("Try '%s --help'."), prog);
    fputc('\n', stderr);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fprintf(stderr, _("Try '%s --help'."), prog);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

static int region_error(const char *arg)
{
    char codes[256];
    snprintf(codes, sizeof codes, "%s", tr_region_codes());
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, _("--region: '%s' is not a region: %s, or the code or English name of a country (fr, "
                      "germany, gb, ...)."),
            arg, codes);
    fputc('\n', stderr);
    try_help();
    return EXIT_USAGE;
}

/* The language from --lang (its last use before a lone "--"), else from the
 * environment; 0, or -1 when --lang names no language of ours (*bad is then
 * the value). Read before anything is parsed, so that --help and every
 * message come in it. */
static int choose_language(int argc, char **argv, const char **bad)
{
    const char *lang = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--")) break;
        if (!strcmp(argv[i], "--lang") && i + 1 < argc) lang = argv[++i];
        else if (!strncmp(argv[i], "--lang=", 7)) lang = argv[i] + 7;
    }
    tr_i18n_set(tr_i18n_from_env()); /* English when that fails */
    if (lang && tr_i18n_set(lang) != 0) {
        *bad = lang;
        return -1;
    }
    return 0;
}

/* Today's date: TRAINABLE_TODAY (YYYY-MM-DD) when set, so that reports can be
 * reproduced and tested, else the clock's UTC date. 0, or -1 when
 * TRAINABLE_TODAY is not a date. */
static int today(tr_date *out)
{
    const char *v = getenv("TRAINABLE_TODAY");
    if (v && *v) return tr_date_parse(v, out);
    *out = tr_date_from_unix((int64_t)time(NULL));
    return 0;
}

/* ---- Ctrl-C -------------------------------------------------------------------- */

/* The temporary report file being written (output_open), removed on
 * SIGINT: set as soon as mkstemp made it, cleared before it is renamed. */
static char interrupt_tmp[PATH_MAX];
static volatile sig_atomic_t interrupt_tmp_set;

/* SIGINT: clear the progress line, remove a half-written report, and exit
 * 130. Only async-signal-safe calls (write, unlink, _exit); the threads of
 * the scan end with the process. */
static void on_sigint(int sig)
{
    (void)sig;
    tr_progress_interrupt();
    if (interrupt_tmp_set) unlink(interrupt_tmp);
    _exit(EXIT_INTERRUPTED);
}

/* Install on_sigint, unless SIGINT is ignored (a background job started
 * with it ignored keeps ignoring it). */
static void catch_sigint(void)
{
    struct sigaction sa, old;

    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler == SIG_IGN) return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

/* ---- rule diagnostics ------------------------------------------------------ */

typedef struct diag_state { int strict; size_t errors, warnings; } diag_state;

static void print_diag(const tr_diag *d, void *user)
{
    diag_state *st = user;
    int err = d->level == TR_DIAG_ERROR || (st && st->strict);
    if (!st && !err) return; /* a scan shows only errors; `rules check` shows warnings */
    if (st) {
        if (err) st->errors++;
        else st->warnings++;
    }
    /* file names and messages can quote rule text: printed safely */
    tr_fputs_safe(stderr, d->file);
    if (d->line && d->col) fprintf(stderr, ":%u:%u", d->line, d->col);
    else if (d->line) fprintf(stderr, ":%u", d->line);
    fprintf(stderr, ": %s: ", err ? "error" : "warning");
    tr_fputs_safe(stderr, d->message);
    fputc('\n', stderr);
    if (d->line_text) {
        fprintf(stderr, "  ");
        tr_fputs_safe(stderr, d->line_text);
        fputc('\n', stderr);
        if (d->col) {
            fprintf(stderr, "  ");
            for (unsigned i = 1; i < d->col; i++) fputc(d->line_text[i - 1] == '\t' ? '\t' : ' ', stderr);
            fprintf(stderr, "^\n");
        }
    }
}

static int load_rules_extra(const char *dir, const char *const *extra, size_t nextra, diag_state *st,
                            tr_rules **out)
{
    tr_err rc = tr_rules_load_layers(dir, extra, nextra, print_diag, st, out, NULL, NULL);
    if (rc == TR_ERR_NOMEM) {
        fprintf(stderr, "%s: %s\n", prog, _("out of memory"));
        return EXIT_INTERNAL;
    }
    if (rc != TR_OK) {
        fprintf(stderr, "%s: %s\n", prog, _("the rule set is invalid"));
        return EXIT_RULES;
    }
    return EXIT_OK;
}

static int load_rules(const char *dir, diag_state *st, tr_rules **out)
{
    return load_rules_extra(dir, NULL, 0, st, out);
}

/* Name where the set came from (rules->origin, shown in every report):
 * base, then each --extra-rules folder. 0, or -1 when out of memory. */
static int set_origin(tr_rules *r, const char *base, const char *const *extra, size_t nextra)
{
    char *o = strdup(base);
    for (size_t i = 0; o && i < nextra; i++) {
        char *n = NULL;
        if (asprintf(&n, "%s + --extra-rules %s", o, extra[i]) < 0) n = NULL;
        free(o);
        o = n;
    }
    if (!o) return -1;
    free(r->origin);
    r->origin = o;
    return 0;
}

/* The rule set a scan uses: --rules DIR; else the newest installed pack that
 * verifies, loads and suits this version; else the built-in rules. Extra
 * folders go on top of either. An installed pack that cannot be used is
 * named in a warning (unless quiet) and passed over. */
static int load_scan_rules(const char *dir, const char *const *extra, size_t nextra, int quiet, tr_rules **out)
{
    tr_keyring kr = {0};
    tr_installed *inst = NULL;
    size_t ninst = 0;
    char *store = NULL, *msg = NULL, *origin = NULL;
    int rc = EXIT_OK;

    *out = NULL;
    if (dir) {
        rc = load_rules_extra(dir, extra, nextra, NULL, out);
        if (rc == EXIT_OK && asprintf(&origin, "--rules %s", dir) < 0) origin = NULL;
        goto done;
    }
    store = tr_pack_store_dir();
    if (store && tr_keyring_add_builtin(&kr, &msg) == TR_OK && tr_pack_installed(store, &kr, &inst, &ninst, &msg) == TR_OK) {
        for (size_t i = 0; i < ninst && !*out; i++) {
            const char *why = inst[i].problem;
            if (!why) {
                tr_err e = tr_rules_load_layers_src(inst[i].pack->files, inst[i].pack->nfiles, extra, nextra, NULL, NULL,
                                                    out, NULL, NULL);
                if (e == TR_ERR_NOMEM) { rc = EXIT_INTERNAL; goto done; }
                if (e == TR_OK) {
                    if (asprintf(&origin, "installed pack %s", inst[i].path) < 0) origin = NULL;
                    break;
                }
                /* the pack, or the extra folders? */
                tr_rules *alone = NULL;
                if (nextra && tr_rules_load_layers_src(inst[i].pack->files, inst[i].pack->nfiles, NULL, 0, NULL, NULL,
                                                       &alone, NULL, NULL) == TR_OK) {
                    tr_rules_free(alone);
                    tr_rules_load_layers_src(inst[i].pack->files, inst[i].pack->nfiles, extra, nextra, print_diag,
                                             NULL, out, NULL, NULL); /* prints the extra folders' errors */
                    fprintf(stderr, "%s: the rule set is invalid\n", prog);
                    rc = EXIT_RULES;
                    goto done;
                }
                why = "its rules do not load in this version of trainable";
            }
            if (!quiet) {
                fprintf(stderr, "%s: warning: installed rule pack %s is not used: ", prog, inst[i].version);
                tr_fputs_safe(stderr, why);
                fputc('\n', stderr);
            }
        }
    } else if (!quiet && msg) {
        fprintf(stderr, "%s: warning: installed rule packs are not used: ", prog);
        tr_fputs_safe(stderr, msg);
        fputc('\n', stderr);
    }
    if (!*out) {
        rc = load_rules_extra(NULL, extra, nextra, NULL, out);
        if (rc == EXIT_OK && !(origin = strdup("built-in"))) rc = EXIT_INTERNAL;
    }
done:
    if (rc == EXIT_OK && (!origin || set_origin(*out, origin, extra, nextra) != 0)) {
        fprintf(stderr, "%s: out of memory\n", prog);
        rc = EXIT_INTERNAL;
    }
    if (rc != EXIT_OK) {
        tr_rules_free(*out);
        *out = NULL;
    }
    free(origin);
    free(msg);
    free(store);
    tr_installed_free(inst, ninst);
    tr_keyring_free(&kr);
    return rc;
}

/* ---- output ------------------------------------------------------------------ */

/* Open the output: stdout, or a temporary file beside FILE that replaces it
 * on commit (so a failed run never leaves half a report). */
typedef struct output { FILE *f; char *tmp; const char *final; } output;

static int output_open(output *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->f = stdout;
        return 0;
    }
    o->final = path;
    if (asprintf(&o->tmp, "%s.tmp-XXXXXX", path) < 0) return -1;
    int fd = -1;
    if (strlen(o->tmp) < sizeof interrupt_tmp) { /* the name mkstemp will fill in, for on_sigint */
        fd = mkstemp(o->tmp);
        if (fd >= 0) {
            memcpy(interrupt_tmp, o->tmp, strlen(o->tmp) + 1);
            interrupt_tmp_set = 1;
        }
    } else {
        errno = ENAMETOOLONG;
    }
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        fprintf(stderr, "%s: ", prog);
        fprintf(stderr, _("cannot write %s: %s"), path, strerror(errno));
        fputc('\n', stderr);
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        interrupt_tmp_set = 0;
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    return 0;
}

static int output_close(output *o, int ok)
{
    int rc = 0;
    if (o->f == stdout) return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
    if (fclose(o->f) != 0) ok = 0;
    interrupt_tmp_set = 0; /* from here on, Ctrl-C leaves the complete report or the old file */
    if (ok && rename(o->tmp, o->final) != 0) ok = 0;
    if (!ok) {
        unlink(o->tmp);
        rc = -1;
    }
    free(o->tmp);
    return rc;
}

/* Nonzero when the -o target is one of the inputs: replacing it with the
 * report would destroy the export. */
static int output_is_input(const char *out, char *const *inputs, int n)
{
    struct stat so, si;
    if (!out || !strcmp(out, "-") || stat(out, &so) != 0) return 0;
    for (int i = 0; i < n; i++)
        if (stat(inputs[i], &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino) return 1;
    return 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || *s == '-') return -1;
    *out = v;
    return 0;
}

/* ---- scan ----------------------------------------------------------------------- */

enum {
    OPT_ITEMS = 256, OPT_VERDICT, OPT_SHOW_TEXT, OPT_SHOW_PRIVATE, OPT_SHOW_EMAIL, OPT_RULES, OPT_ASSUME_PUBLIC, OPT_AS_OF,
    OPT_BIRTH_DATE,
    OPT_MAX_MEMBER, OPT_MAX_TOTAL, OPT_MAX_ENTRIES, OPT_MAX_DEPTH, OPT_EXTRA_RULES, OPT_THREADS,
    OPT_REGION, OPT_LANG, OPT_OBJECTED_ON, OPT_MAX_STRING, OPT_MAX_RATIO, OPT_MAX_VALUES, OPT_STREAM_MIN,
};

/* Write the report in `format` ("objection": the what-you-can-do section). */
static int write_report(const char *format, FILE *f, const tr_report *rep, const tr_report_opts *ro)
{
    if (!strcmp(format, "json")) return tr_write_json(f, rep, ro);
    if (!strcmp(format, "jsonl")) return tr_write_jsonl(f, rep, ro);
    if (!strcmp(format, "csv")) return tr_write_csv(f, rep, ro);
    if (!strcmp(format, "html")) return tr_write_html(f, rep, ro);
    if (!strcmp(format, "objection")) return tr_write_objection(f, rep, ro);
    return tr_write_text(f, rep, ro);
}

#define MAX_EXTRA 16

/* --verdict eligible,uncertain: the verdicts whose items are listed, as a
 * mask of TR_VERDICT_BIT. Returns 0, or -1 when a word is not a verdict. */
static int parse_verdicts(const char *arg, unsigned *mask)
{
    unsigned m = 0;
    const char *p = arg;

    for (;;) {
        size_t n = strcspn(p, ",");
        char word[16];
        tr_verdict v;
        if (n == 0 || n >= sizeof word) return -1;
        memcpy(word, p, n);
        word[n] = '\0';
        if (tr_verdict_parse(word, &v) != 0) return -1;
        m |= TR_VERDICT_BIT(v);
        if (!p[n]) break;
        p += n + 1;
    }
    *mask = m;
    return 0;
}

/* The format a report file's name asks for (-o report.html), or NULL. */
static const char *format_from_name(const char *path)
{
    static const char *const ext[][2] = {{".html", "html"}, {".htm", "html"}, {".json", "json"},
                                         {".jsonl", "jsonl"}, {".csv", "csv"},  {".txt", "text"}};
    size_t len = strlen(path);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t n = strlen(ext[i][0]);
        if (len > n && !strcasecmp(path + len - n, ext[i][0])) return ext[i][1];
    }
    return NULL;
}

/* Columns for the text report: COLUMNS when set, else the terminal's width
 * when writing to one, else 80; never below 40. */
static int text_width(int to_stdout)
{
    const char *env = getenv("COLUMNS");
    uint64_t u;
    struct winsize ws;
    int w = 80;

    if (env && parse_u64(env, &u) == 0 && u > 0) w = u > 1000 ? 1000 : (int)u;
    else if (to_stdout && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
        w = ws.ws_col;
    return w < 40 ? 40 : w;
}

/* `scan`, and `objection` (objection != 0): the same scan, another output. */
static int cmd_scan(int argc, char **argv, int objection)
{
    static const struct option longopts[] = {
        {"format", required_argument, 0, 'f'},
        {"output", required_argument, 0, 'o'},
        {"items", no_argument, 0, OPT_ITEMS},
        {"verdict", required_argument, 0, OPT_VERDICT},
        {"show-text", no_argument, 0, OPT_SHOW_TEXT},
        {"show-private-text", no_argument, 0, OPT_SHOW_PRIVATE},
        {"show-email", no_argument, 0, OPT_SHOW_EMAIL},
        {"rules", required_argument, 0, OPT_RULES},
        {"extra-rules", required_argument, 0, OPT_EXTRA_RULES},
        {"assume-public", no_argument, 0, OPT_ASSUME_PUBLIC},
        {"as-of", required_argument, 0, OPT_AS_OF},
        {"birth-date", required_argument, 0, OPT_BIRTH_DATE},
        {"max-member-bytes", required_argument, 0, OPT_MAX_MEMBER},
        {"max-total-bytes", required_argument, 0, OPT_MAX_TOTAL},
        {"max-entries", required_argument, 0, OPT_MAX_ENTRIES},
        {"max-depth", required_argument, 0, OPT_MAX_DEPTH},
        {"max-string-bytes", required_argument, 0, OPT_MAX_STRING},
        {"max-values", required_argument, 0, OPT_MAX_VALUES},
        {"stream-min-bytes", required_argument, 0, OPT_STREAM_MIN},
        {"max-ratio", required_argument, 0, OPT_MAX_RATIO},
        {"threads", required_argument, 0, OPT_THREADS},
        {"region", required_argument, 0, OPT_REGION},
        {"lang", required_argument, 0, OPT_LANG},
        {"objected-on", required_argument, 0, OPT_OBJECTED_ON},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = "text", *outpath = NULL, *rules_dir = NULL;
    int format_given = 0;
    const char *extra[MAX_EXTRA];
    size_t nextra = 0;
    tr_scan_options so;
    tr_report_opts ro;
    tr_rules *rules = NULL;
    tr_report *rep = NULL;
    char *errmsg = NULL;
    int rc = EXIT_OK, c, quiet = 0;
    uint64_t u;
    tr_progress *progress = NULL;

    memset(&so, 0, sizeof so);
    memset(&ro, 0, sizeof ro);
    tr_limits_default(&so.limits);
    ro.tool_version = TR_VERSION;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; format_given = 1; break;
        case 'o': outpath = optarg; break;
        case OPT_ITEMS: ro.items = 1; break;
        case OPT_VERDICT:
            if (parse_verdicts(optarg, &ro.verdicts) != 0)
                return usage_error(_("--verdict: '%s' is not a list of eligible, uncertain and private (comma-separated)"),
                                   optarg);
            break;
        case OPT_SHOW_TEXT: ro.show_text = 1; break;
        case OPT_SHOW_PRIVATE: ro.show_private_text = 1; break;
        case OPT_SHOW_EMAIL: ro.show_email = 1; break;
        case OPT_RULES: rules_dir = optarg; break;
        case OPT_EXTRA_RULES:
            if (nextra == MAX_EXTRA) return usage_error("%s", _("--extra-rules: too many folders"));
            extra[nextra++] = optarg;
            break;
        case OPT_ASSUME_PUBLIC: so.assume_public = 1; break;
        case OPT_AS_OF:
            if (tr_date_parse(optarg, &so.as_of) != 0) return usage_error(_("--as-of: '%s' is not a date YYYY-MM-DD"), optarg);
            so.has_as_of = 1;
            break;
        case OPT_BIRTH_DATE:
            if (tr_date_parse(optarg, &so.birth_date) != 0)
                return usage_error("--birth-date: '%s' is not a date YYYY-MM-DD", optarg);
            so.has_birth_date = 1;
            break;
        case OPT_THREADS:
            if (parse_u64(optarg, &u) != 0 || u == 0 || u > 64) return usage_error(_("--threads: '%s' is not 1 to 64"), optarg);
            so.threads = (unsigned)u;
            break;
        case OPT_MAX_MEMBER:
        case OPT_MAX_TOTAL:
        case OPT_MAX_ENTRIES:
        case OPT_MAX_DEPTH:
            if (parse_u64(optarg, &u) != 0 || u == 0) return usage_error(_("'%s' is not a positive number"), optarg);
            if (c == OPT_MAX_MEMBER) so.limits.max_member_bytes = u;
            else if (c == OPT_MAX_TOTAL) so.limits.max_total_bytes = u;
            else if (c == OPT_MAX_ENTRIES) so.limits.max_entries = u;
            else so.limits.max_depth = u > 2000 ? 2000 : (unsigned)u;
            break;
        case OPT_MAX_STRING:
            if (parse_u64(optarg, &u) != 0 || u == 0) return usage_error(_("'%s' is not a positive number"), optarg);
            so.limits.max_string_bytes = u;
            break;
        case OPT_STREAM_MIN:
            if (parse_u64(optarg, &u) != 0) return usage_error(_("'%s' is not a number"), optarg);
            so.limits.stream_min_bytes = u;
            break;
        case OPT_MAX_VALUES:
            if (parse_u64(optarg, &u) != 0 || u == 0) return usage_error(_("'%s' is not a positive number"), optarg);
            so.limits.max_values = u;
            break;
        case OPT_MAX_RATIO: /* 0 turns the check off */
            if (parse_u64(optarg, &u) != 0 || u > 1000000) return usage_error(_("--max-ratio: '%s' is not 0 to 1000000"), optarg);
            so.limits.max_ratio = (unsigned)u;
            break;
        case OPT_REGION: {
            const tr_region *rg = tr_region_lookup(optarg);
            if (!rg) return region_error(optarg);
            ro.region = rg->code;
            break;
        }
        case OPT_LANG: /* already in effect (main), or already refused */
            break;
        case OPT_OBJECTED_ON:
            if (tr_date_parse(optarg, &ro.objected_on) != 0)
                return usage_error(_("--objected-on: '%s' is not a date YYYY-MM-DD"), optarg);
            ro.has_objected_on = 1;
            break;
        case 'q': quiet = 1; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: try_help(); return EXIT_USAGE;
        }
    }
    ro.lang = tr_i18n_lang();
    if (today(&ro.today) != 0) return usage_error(_("TRAINABLE_TODAY: '%s' is not a date YYYY-MM-DD"), getenv("TRAINABLE_TODAY"));
    ro.has_today = 1;
    if (!format_given && !objection && outpath && format_from_name(outpath)) format = format_from_name(outpath);
    if (objection) {
        format = "objection";
        ro.show_email = 1; /* the letter is for the account holder to send */
    }
    else if (!strcmp(format, "pdf")) {
        fprintf(stderr, "%s: %s\n", prog,
                _("there is no PDF format: write the HTML report (--format html -o report.html), open it in a "
                  "browser and print it to PDF"));
        return EXIT_USAGE;
    }
    else if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "jsonl") && strcmp(format, "csv") &&
             strcmp(format, "html"))
        return usage_error(_("unknown format '%s' (expected text, json, jsonl, csv or html)"), format);
    if (optind >= argc) return usage_error("%s", _("scan needs at least one input: a .zip part or a folder"));
    if (output_is_input(outpath, argv + optind, argc - optind))
        return usage_error(_("-o %s: that is one of the inputs"), outpath);
    if (ro.show_private_text) ro.show_text = 1;
    so.keep_text = ro.show_text;

    rc = load_scan_rules(rules_dir, extra, nextra, quiet, &rules);
    if (rc != EXIT_OK) goto out;
    so.rules = rules;
    progress = tr_progress_new(stderr, quiet); /* NULL unless stderr is a terminal */
    so.progress = progress ? tr_progress_hook : NULL;
    so.progress_user = progress;
    tr_err e = tr_scan((const char *const *)argv + optind, (size_t)(argc - optind), &so, &rep, &errmsg);
    tr_progress_end(progress);
    if (e != TR_OK) {
        print_error(errmsg ? errmsg : tr_strerror(e)); /* names an input: printed safely */
        rc = e == TR_ERR_NOMEM || e == TR_ERR_INTERNAL ? EXIT_INTERNAL : e == TR_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
        goto out;
    }
    if (ro.has_objected_on && rep->has_as_of && tr_date_to_days(ro.objected_on) > tr_date_to_days(rep->as_of)) {
        /* the export cannot tell what happened after its own date */
        char d1[16], d2[16];
        tr_date_format(ro.objected_on, d1);
        tr_date_format(rep->as_of, d2);
        fprintf(stderr, "%s: ", prog);
        fprintf(stderr, _("--objected-on: %s is after this export's date (%s), which cannot show what happened "
                          "since. Give the day you objected, with an export made after it."),
                d1, d2);
        fputc('\n', stderr);
        rc = EXIT_USAGE;
        goto out;
    }
    output o;
    if (output_open(&o, outpath) != 0) {
        rc = EXIT_INTERNAL;
        goto out;
    }
    const char *no_color = getenv("NO_COLOR"); /* no-color.org: set and not empty */
    ro.color = o.f == stdout && isatty(STDOUT_FILENO) && !(no_color && *no_color) && !strcmp(format, "text");
    ro.width = text_width(o.f == stdout);
    int w = write_report(format, o.f, rep, &ro);
    if (output_close(&o, w == 0) != 0 || w != 0) {
        fprintf(stderr, "%s: ", prog);
        if (outpath) fprintf(stderr, _("cannot write the report to %s"), outpath);
        else fputs(_("cannot write the report"), stderr);
        fputc('\n', stderr);
        rc = EXIT_INTERNAL;
        goto out;
    }
    if (!rep->complete) {
        char n[48];
        fprintf(stderr, "%s: ", prog);
        fprintf(stderr, tr_ngettext("scan incomplete: %s problem (listed in the report)",
                                    "scan incomplete: %s problems (listed in the report)", rep->nerrors),
                tr_i18n_count(rep->nerrors, n, sizeof n));
        fputc('\n', stderr);
        rc = EXIT_INCOMPLETE;
    }
out:
    free(errmsg);
    tr_report_free(rep);
    tr_rules_free(rules);
    return rc;
}

/* ---- schema ------------------------------------------------------------------- */

/* trainable schema [--rules DIR] [-o FILE] INPUT...: the structure-only dump
 * (schema.h); exit codes as for scan. */
static int cmd_schema(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"rules", required_argument, 0, OPT_RULES},
        {"output", required_argument, 0, 'o'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *outpath = NULL, *rules_dir = NULL;
    tr_scan_options so;
    tr_rules *rules = NULL;
    json_t *schema = NULL;
    char *errmsg = NULL;
    int rc = EXIT_OK, c;
    output o;

    memset(&so, 0, sizeof so);
    tr_limits_default(&so.limits);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': outpath = optarg; break;
        case OPT_RULES: rules_dir = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: try_help(); return EXIT_USAGE;
        }
    }
    if (optind >= argc) return usage_error("%s", _("schema needs at least one input: a .zip part or a folder"));
    if (output_is_input(outpath, argv + optind, argc - optind))
        return usage_error(_("-o %s: that is one of the inputs"), outpath);
    rc = load_scan_rules(rules_dir, NULL, 0, 0, &rules);
    if (rc != EXIT_OK) goto out;
    so.rules = rules;
    tr_err e = tr_schema((const char *const *)argv + optind, (size_t)(argc - optind), &so, &schema, &errmsg);
    if (e != TR_OK) {
        print_error(errmsg ? errmsg : tr_strerror(e)); /* names an input: printed safely */
        rc = e == TR_ERR_NOMEM || e == TR_ERR_INTERNAL ? EXIT_INTERNAL : e == TR_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
        goto out;
    }
    if (output_open(&o, outpath) != 0) {
        rc = EXIT_INTERNAL;
        goto out;
    }
    int w = json_dumpf(schema, o.f, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_ENSURE_ASCII) == 0 && fputc('\n', o.f) != EOF;
    if (output_close(&o, w) != 0 || !w) {
        fprintf(stderr, "%s: ", prog);
        if (outpath) fprintf(stderr, _("cannot write the schema to %s"), outpath);
        else fputs(_("cannot write the schema"), stderr);
        fputc('\n', stderr);
        rc = EXIT_INTERNAL;
        goto out;
    }
    if (!json_is_true(json_object_get(schema, "complete"))) {
        fprintf(stderr, "%s: %s\n", prog, _("schema incomplete: some members could not be read"));
        rc = EXIT_INCOMPLETE;
    }
out:
    free(errmsg);
    json_decref(schema);
    tr_rules_free(rules);
    return rc;
}

/* ---- rules -------------------------------------------------------------------- */

/* A failing rule example, as a diagnostic of `rules check`. */
static void example_diag(const char *file, unsigned line, const char *id, const char *msg, void *user)
{
    char text[1200];
    tr_diag d = {TR_DIAG_WARNING, file, line, 0, text, NULL};
    snprintf(text, sizeof text, "rule %s: example: %s", id, msg);
    print_diag(&d, user);
}

static int cmd_rules_check(int argc, char **argv)
{
    diag_state st = {0, 0, 0};
    const char *dir = NULL, *extra[MAX_EXTRA];
    size_t nextra = 0;
    tr_rules *rules = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--strict")) st.strict = 1;
        else if (!strcmp(argv[i], "--extra-rules") && i + 1 < argc && nextra < MAX_EXTRA) extra[nextra++] = argv[++i];
        else if (argv[i][0] == '-') return usage_error("rules check: unknown option '%s'", argv[i]);
        else if (dir) return usage_error("rules check: one folder at most ('%s')", argv[i]);
        else dir = argv[i];
    }
    int rc = load_rules_extra(dir, extra, nextra, &st, &rules);
    /* a rule whose own examples another rule decides first can never match
     * where it was meant to: run the examples and report them too */
    if (rc == EXIT_OK) tr_rules_test(rules, example_diag, &st, NULL);
    if (rc == EXIT_OK && st.errors) rc = EXIT_RULES;
    if (rc == EXIT_OK)
        printf("%s%s: %zu rules, %zu facts, %zu adjusts, %zu layouts; %zu warnings\n", dir ? dir : "built-in rules",
               nextra ? " with --extra-rules" : "", rules->nrules, rules->nfacts, rules->nadjusts, rules->nlayouts, st.warnings);
    tr_rules_free(rules);
    return rc;
}

static int cmd_rules_list(int argc, char **argv)
{
    const char *dir = NULL;
    tr_rules *rules = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--rules") && i + 1 < argc) dir = argv[++i];
        else return usage_error(_("rules list: unexpected '%s'"), argv[i]);
    }
    int rc = load_scan_rules(dir, NULL, 0, 0, &rules);
    if (rc != EXIT_OK) return rc;
    printf("%-40s %-10s %-11s %-10s %s\n", "id", "platform", "category", "verdict", "source");
    for (size_t i = 0; i < rules->nrules; i++) {
        const tr_rule *r = &rules->rules[i];
        printf("%-40s %-10s %-11s %-10s %s\n", r->id, tr_platform_name(r->platforms), tr_category_name(r->category),
               tr_verdict_name(r->verdict), r->source);
    }
    tr_rules_free(rules);
    return EXIT_OK;
}

static void print_failure(const char *file, unsigned line, const char *id, const char *msg, void *user)
{
    (void)user;
    printf("%s:%u: %s: %s\n", file, line, id, msg);
}

static int cmd_rules_test(int argc, char **argv)
{
    const char *dir = NULL, *extra[MAX_EXTRA];
    size_t nextra = 0;
    tr_rules *rules = NULL;
    size_t n = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--extra-rules") && i + 1 < argc && nextra < MAX_EXTRA) {
            extra[nextra++] = argv[++i];
            continue;
        }
        if (argv[i][0] == '-') return usage_error("rules test: unknown option '%s'", argv[i]);
        if (dir) return usage_error("rules test: one folder at most ('%s')", argv[i]);
        dir = argv[i];
    }
    int rc = load_rules_extra(dir, extra, nextra, NULL, &rules);
    if (rc != EXIT_OK) return rc;
    size_t failures = tr_rules_test(rules, print_failure, NULL, &n);
    printf("%zu passed, %zu failed\n", n - failures, failures);
    tr_rules_free(rules);
    return failures ? EXIT_RULES : EXIT_OK;
}

/* ---- rule packs ------------------------------------------------------------------ */

/* A failed rule pack command: the reason, and exit code 3 (1 when out of
 * memory). */
static int pack_failure(const char *what, tr_err e, const char *msg)
{
    if (e == TR_ERR_NOMEM) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return EXIT_INTERNAL;
    }
    fprintf(stderr, "%s: %s: ", prog, what);
    tr_fputs_safe(stderr, msg ? msg : tr_strerror(e));
    fputc('\n', stderr);
    return EXIT_RULES;
}

/* The value of "--name VALUE" at argv[*i], or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    if (strcmp(argv[*i], name) != 0) return NULL;
    if (*i + 1 >= argc) return NULL;
    return argv[++*i];
}

static int cmd_rules_keygen(int argc, char **argv)
{
    const char *secret = NULL, *public = NULL, *v;
    char *id = NULL, *msg = NULL;
    for (int i = 0; i < argc; i++) {
        if ((v = opt_value(argc, argv, &i, "--secret"))) secret = v;
        else if ((v = opt_value(argc, argv, &i, "--public"))) public = v;
        else return usage_error("rules keygen: unexpected '%s'", argv[i]);
    }
    if (!secret || !public) return usage_error("%s", "rules keygen needs --secret FILE and --public FILE");
    tr_err e = tr_key_generate(secret, public, &id, &msg);
    int rc = e == TR_OK ? EXIT_OK : pack_failure("rules keygen", e, msg);
    if (e == TR_OK)
        printf("key %s: secret key in %s (keep it private), public key in %s\n", id, secret, public);
    free(id);
    free(msg);
    return rc;
}

static int cmd_rules_pack(int argc, char **argv)
{
    const char *key = NULL, *outpath = NULL, *dir = NULL, *v;
    diag_state st = {1, 0, 0};
    tr_rules *rules = NULL;
    char *msg = NULL;
    size_t n = 0;
    for (int i = 0; i < argc; i++) {
        if ((v = opt_value(argc, argv, &i, "--key"))) key = v;
        else if ((v = opt_value(argc, argv, &i, "-o")) || (v = opt_value(argc, argv, &i, "--output"))) outpath = v;
        else if (argv[i][0] == '-') return usage_error("rules pack: unexpected '%s'", argv[i]);
        else if (dir) return usage_error("rules pack: one folder at most ('%s')", argv[i]);
        else dir = argv[i];
    }
    if (!key || !outpath || !dir) return usage_error("%s", "rules pack needs --key SECRET, -o PACK and a rules folder");
    /* what `rules check --strict` and `rules test` ask, before signing */
    int rc = load_rules(dir, &st, &rules);
    if (rc == EXIT_OK) {
        size_t failures = tr_rules_test(rules, example_diag, &st, &n);
        if (failures || st.errors) {
            fprintf(stderr, "%s: rules pack: %s does not pass 'rules check --strict' and 'rules test'\n", prog, dir);
            rc = EXIT_RULES;
        }
    }
    if (rc == EXIT_OK) {
        tr_err e = tr_pack_write(dir, rules, key, outpath, &msg);
        if (e != TR_OK) rc = pack_failure("rules pack", e, msg);
        else printf("%s: rule set %s %s, %zu rules, signed\n", outpath, rules->name, rules->version, rules->nrules);
    }
    free(msg);
    tr_rules_free(rules);
    return rc;
}

static int cmd_rules_install(int argc, char **argv)
{
    tr_keyring kr = {0};
    tr_install_opts io = {0};
    const char *packpath = NULL, *v;
    char *store = NULL, *msg = NULL, *where = NULL;
    tr_pack *pack = NULL;
    int rc = EXIT_OK;
    tr_err e = TR_OK;

    if (tr_keyring_add_builtin(&kr, &msg) != TR_OK) {
        rc = pack_failure("rules install", TR_ERR_INTERNAL, msg);
        goto out;
    }
    for (int i = 0; i < argc; i++) {
        if ((v = opt_value(argc, argv, &i, "--trust"))) {
            if ((e = tr_keyring_add_file(&kr, v, &msg)) != TR_OK) {
                rc = pack_failure("rules install", e, msg);
                goto out;
            }
        } else if (!strcmp(argv[i], "--allow-downgrade")) io.allow_downgrade = 1;
        else if (argv[i][0] == '-' || packpath) {
            rc = usage_error("rules install: unexpected '%s'", argv[i]);
            goto out;
        } else packpath = argv[i];
    }
    if (!packpath) {
        rc = usage_error("%s", "rules install needs a pack file");
        goto out;
    }
    if (!(store = tr_pack_store_dir())) {
        rc = pack_failure("rules install", TR_ERR_USAGE, "neither XDG_DATA_HOME nor HOME is set: nowhere to install");
        goto out;
    }
    e = tr_pack_install(store, packpath, &kr, &io, &pack, &where, &msg);
    if (e != TR_OK) {
        char *what = NULL;
        if (asprintf(&what, "rules install: %s refused", packpath) < 0) what = NULL;
        rc = pack_failure(what ? what : "rules install", e, msg);
        free(what);
        goto out;
    }
    printf("installed rule set %s %s (signed by %s key %s) in %s\n", pack->name, pack->version,
           pack->builtin_key ? "the release" : "the trusted", pack->keyid, where);
out:
    tr_pack_free(pack);
    tr_keyring_free(&kr);
    free(where);
    free(store);
    free(msg);
    return rc;
}

static int cmd_rules_uninstall(int argc, char **argv)
{
    char *store = NULL, *msg = NULL;
    int rc = EXIT_OK;
    if (argc != 1 || argv[0][0] == '-') return usage_error("%s", "rules uninstall needs one VERSION (see 'rules status')");
    if (!tr_pack_version_valid(argv[0])) return usage_error("rules uninstall: '%s' is not a rule set version", argv[0]);
    if (!(store = tr_pack_store_dir())) return pack_failure("rules uninstall", TR_ERR_USAGE, "neither XDG_DATA_HOME nor HOME is set");
    tr_err e = tr_pack_uninstall(store, argv[0], &msg);
    if (e != TR_OK) rc = pack_failure("rules uninstall", e, msg);
    else printf("removed rule set version %s from %s\n", argv[0], store);
    free(store);
    free(msg);
    return rc;
}

/* What a scan would use, and every installed pack with its state. */
static int cmd_rules_status(int argc, char **argv)
{
    tr_keyring kr = {0};
    tr_installed *inst = NULL;
    size_t ninst = 0;
    char *store = NULL, *msg = NULL;
    tr_rules *rules = NULL, *builtin = NULL;
    int rc = EXIT_OK;
    (void)argv;
    if (argc) return usage_error("rules status: unexpected '%s'", argv[0]);
    rc = load_scan_rules(NULL, NULL, 0, 1, &rules);
    if (rc != EXIT_OK) goto out;
    printf("in use:    %s %s, %zu rules (%s)\n", rules->name ? rules->name : "(unnamed)",
           rules->version ? rules->version : "", rules->nrules, rules->origin);
    if (tr_rules_load_embedded(NULL, NULL, &builtin) == TR_OK)
        printf("built-in:  %s %s, %zu rules\n", builtin->name ? builtin->name : "(unnamed)",
               builtin->version ? builtin->version : "", builtin->nrules);
    store = tr_pack_store_dir();
    printf("store:     %s\n", store ? store : "(none: neither XDG_DATA_HOME nor HOME is set)");
    tr_err e = tr_keyring_add_builtin(&kr, &msg);
    if (e == TR_OK && store) e = tr_pack_installed(store, &kr, &inst, &ninst, &msg);
    if (e != TR_OK) {
        rc = pack_failure("rules status", e, msg);
        goto out;
    }
    if (!ninst) printf("installed: none\n");
    for (size_t i = 0; i < ninst; i++) {
        const tr_installed *x = &inst[i];
        printf("installed: %-12s ", x->version);
        if (x->pack)
            printf("%s, key %s (%s)", x->pack->name, x->pack->keyid, x->pack->builtin_key ? "release" : "trusted at install");
        if (x->problem) {
            printf("%snot used: ", x->pack ? "; " : "");
            tr_fputs_safe(stdout, x->problem);
        } else if (rules->origin && strstr(rules->origin, x->path)) printf("; in use");
        printf("\n");
    }
out:
    tr_installed_free(inst, ninst);
    tr_keyring_free(&kr);
    tr_rules_free(rules);
    tr_rules_free(builtin);
    free(store);
    free(msg);
    return rc;
}

/* ---- rules draft ----------------------------------------------------------------- */

/* Nonzero when path is a file that starts with '{': a schema, not a zip. */
static int is_json_file(const char *path)
{
    struct stat st;
    FILE *f;
    int c = EOF;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !(f = fopen(path, "rb"))) return 0;
    while ((c = fgetc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t') {}
    fclose(f);
    return c == '{';
}

/* trainable rules draft [--rules DIR] [--extra-rules DIR]... [-o FILE] INPUT...:
 * rule drafts (draft.h) from an export, or from one schema JSON file. */
static int cmd_rules_draft(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"rules", required_argument, 0, OPT_RULES},
        {"extra-rules", required_argument, 0, OPT_EXTRA_RULES},
        {"output", required_argument, 0, 'o'},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *outpath = NULL, *rules_dir = NULL, *extra[MAX_EXTRA];
    size_t nextra = 0, ndrafts = 0;
    tr_scan_options so;
    tr_rules *rules = NULL;
    json_t *schema = NULL;
    char *errmsg = NULL, *text = NULL;
    int rc = EXIT_OK, c, quiet = 0, incomplete = 0;
    output o;

    memset(&so, 0, sizeof so);
    tr_limits_default(&so.limits);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': outpath = optarg; break;
        case OPT_RULES: rules_dir = optarg; break;
        case OPT_EXTRA_RULES:
            if (nextra == MAX_EXTRA) return usage_error("%s", "--extra-rules: too many folders");
            extra[nextra++] = optarg;
            break;
        case 'q': quiet = 1; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: fprintf(stderr, "Try '%s --help'.\n", prog); return EXIT_USAGE;
        }
    }
    if (optind >= argc) return usage_error("%s", "rules draft needs an export (.zip parts or a folder) or a schema file");
    if (output_is_input(outpath, argv + optind, argc - optind))
        return usage_error("-o %s: that is one of the inputs", outpath);
    rc = load_scan_rules(rules_dir, extra, nextra, quiet, &rules);
    if (rc != EXIT_OK) goto out;
    if (argc - optind == 1 && is_json_file(argv[optind])) {
        json_error_t jerr;
        schema = json_load_file(argv[optind], JSON_REJECT_DUPLICATES, &jerr);
        if (!schema) {
            char *m = NULL;
            if (asprintf(&m, "%s:%d:%d: not a schema: %s", argv[optind], jerr.line, jerr.column, jerr.text) < 0) m = NULL;
            print_error(m ? m : "not a schema");
            free(m);
            rc = EXIT_INPUT;
            goto out;
        }
    } else {
        so.rules = rules;
        tr_err e = tr_schema((const char *const *)argv + optind, (size_t)(argc - optind), &so, &schema, &errmsg);
        if (e != TR_OK) {
            print_error(errmsg ? errmsg : tr_strerror(e));
            rc = e == TR_ERR_NOMEM || e == TR_ERR_INTERNAL ? EXIT_INTERNAL : e == TR_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
            goto out;
        }
        incomplete = !json_is_true(json_object_get(schema, "complete"));
    }
    tr_err e = tr_draft(schema, rules, &text, &ndrafts, &errmsg);
    if (e != TR_OK) {
        if (e == TR_ERR_NOMEM) rc = EXIT_INTERNAL;
        else {
            char *m = NULL;
            if (asprintf(&m, "%s: %s", argv[optind], errmsg ? errmsg : tr_strerror(e)) < 0) m = NULL;
            print_error(m ? m : tr_strerror(e));
            free(m);
            rc = EXIT_INPUT;
        }
        goto out;
    }
    if (output_open(&o, outpath) != 0) {
        rc = EXIT_INTERNAL;
        goto out;
    }
    int w = fputs(text, o.f) >= 0;
    if (output_close(&o, w) != 0 || !w) {
        fprintf(stderr, "%s: cannot write the drafts%s%s\n", prog, outpath ? " to " : "", outpath ? outpath : "");
        rc = EXIT_INTERNAL;
        goto out;
    }
    if (!quiet) fprintf(stderr, "%s: %zu rule draft%s\n", prog, ndrafts, ndrafts == 1 ? "" : "s");
    if (incomplete) {
        fprintf(stderr, "%s: some members could not be read: drafts may be missing (see 'trainable scan')\n", prog);
        rc = EXIT_INCOMPLETE;
    }
out:
    free(text);
    free(errmsg);
    json_decref(schema);
    tr_rules_free(rules);
    return rc;
}

static int cmd_rules(int argc, char **argv)
{
    if (argc < 1) return usage_error("%s", "rules needs a command: check, test, list, draft, keygen, pack, install, status or uninstall");
    if (!strcmp(argv[0], "check")) return cmd_rules_check(argc - 1, argv + 1);
    if (!strcmp(argv[0], "test")) return cmd_rules_test(argc - 1, argv + 1);
    if (!strcmp(argv[0], "list")) return cmd_rules_list(argc - 1, argv + 1);
    if (!strcmp(argv[0], "draft")) return cmd_rules_draft(argc, argv);
    if (!strcmp(argv[0], "keygen")) return cmd_rules_keygen(argc - 1, argv + 1);
    if (!strcmp(argv[0], "pack")) return cmd_rules_pack(argc - 1, argv + 1);
    if (!strcmp(argv[0], "install")) return cmd_rules_install(argc - 1, argv + 1);
    if (!strcmp(argv[0], "status")) return cmd_rules_status(argc - 1, argv + 1);
    if (!strcmp(argv[0], "uninstall")) return cmd_rules_uninstall(argc - 1, argv + 1);
    return usage_error("unknown rules command '%s' (expected check, test, list, draft, keygen, pack, install, status or uninstall)", argv[0]);
}

/* trainable --version: the engine's version, then the name, version and
 * origin of the rule set a scan uses without --rules (the newest usable
 * installed pack, else the built-in rules). */
static int cmd_version(void)
{
    tr_rules *rules = NULL;
    int rc;

    printf("trainable %s\n", TR_VERSION);
    rc = load_scan_rules(NULL, NULL, 0, 0, &rules);
    if (rc != EXIT_OK) return rc;
    printf("rule set %s %s (%s, %zu rules)\n", rules->name ? rules->name : "(unnamed)",
           rules->version ? rules->version : "(no version)", rules->origin ? rules->origin : "built-in",
           rules->nrules);
    tr_rules_free(rules);
    return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_INTERNAL;
}

int main(int argc, char **argv)
{
    /* libarchive turns each zip entry's DOS time into a time_t with
     * mktime(), and glibc then checks /etc/localtime once per call unless TZ
     * is set: one stat per archive entry. Naming the same zone file once
     * keeps the local time and drops the calls. Nothing in a report
     * depends on the local zone. */
    if (!getenv("TZ")) setenv("TZ", ":/etc/localtime", 0);
    const char *bad_lang = NULL;
    if (choose_language(argc, argv, &bad_lang) != 0) {
        fprintf(stderr, "%s: ", prog);
        fprintf(stderr, _("--lang: '%s' is not one of %s"), bad_lang, tr_i18n_lang_list());
        fputc('\n', stderr);
        try_help();
        return EXIT_USAGE;
    }
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    catch_sigint();
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) return cmd_version();
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "scan")) return cmd_scan(argc - 1, argv + 1, 0);
    if (!strcmp(argv[1], "objection")) return cmd_scan(argc - 1, argv + 1, 1);
    if (!strcmp(argv[1], "schema")) return cmd_schema(argc - 1, argv + 1);
    if (!strcmp(argv[1], "rules")) return cmd_rules(argc - 2, argv + 2);
    return usage_error(_("unknown command '%s' (expected scan, objection, schema or rules)"), argv[1]);
}
