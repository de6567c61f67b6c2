/* text.c - the readable report printed by default.
 *
 * It answers first: one line with the number of items that could feed
 * Meta's AI and of those that depend on their audience, then the INCOMPLETE
 * notice when something was not scanned, then the details: the export, a
 * table per category and verdict, the items (--items, --show-text; grouped
 * by verdict, eligible first), what to do about uncertain items
 * (audience.h), what was not classified, and "what you can do"
 * (objection.c).
 *
 * The report is written to memory first and then wrapped at o->width
 * columns: a long line breaks at spaces and goes on under its own indent
 * (under the text of a "- " point), and a word longer than a line is cut.
 * Every string from the export (paths, messages, the e-mail address, item
 * texts) passes through tr_fputs_safe (util.c). Colour
 * (o->color) is decided by the caller: only on a terminal and not with
 * NO_COLOR.
 *
 * Ownership: borrows the report; the memory buffer and the item order are
 * freed before tr_write_text returns.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "audience.h"
#include "i18n.h"
#include "objection.h"
#include "reporter.h"
#include "util.h"

#define LIST_MAX 10
#define DEFAULT_WIDTH 80
/* Written where a line must not break ("175 B"), printed as a space. Never
 * in text from the export: tr_fputs_safe writes control bytes as \xNN. */
#define NBSP "\x1f"

/* An item's text on one line: line breaks become " / ", the rest as
 * tr_fputs_safe writes it. */
static void put_text_line(FILE *out, const char *s)
{
    while (*s) {
        size_t n = strcspn(s, "\r\n");
        char *part = strndup(s, n);
        if (part) tr_fputs_safe(out, part);
        free(part);
        s += n;
        if (*s) {
            s += s[0] == '\r' && s[1] == '\n' ? 2 : 1;
            if (*s) fputs(" / ", out);
        }
    }
}

/* ---- wrapping ---------------------------------------------------------------------- */

/* Bytes of the next unit at p (< end): an ESC [ ... final-byte sequence, or
 * one UTF-8 sequence (one byte when invalid). */
static size_t unit_len(const char *p, const char *end)
{
    if (*p == '\033' && p + 1 < end && p[1] == '[') {
        const char *q = p + 2;
        while (q < end && !(*q >= '@' && *q <= '~')) q++;
        return (size_t)(q < end ? q + 1 - p : end - p);
    }
    size_t n = tr_utf8_seq(p);
    return n && p + n <= end ? n : 1;
}

/* Write [s, end) with the no-break marks as spaces. */
static void put_seg(FILE *out, const char *s, const char *end)
{
    for (const char *p = s; p < end; p++) fputc(*p == NBSP[0] ? ' ' : *p, out);
}

/* Write the line [s, end) (no newline in it) wrapped at width columns. */
static void wrap_line(FILE *out, const char *s, const char *end, size_t width)
{
    size_t indent = 0, hang;

    while (s + indent < end && s[indent] == ' ') indent++;
    hang = indent;
    if (end - s >= (ptrdiff_t)indent + 2 && s[indent] == '-' && s[indent + 1] == ' ') hang += 2;
    if (hang > width / 3) hang = width / 3;

    size_t lead = 0; /* spaces written before s on this output line */
    for (;;) {
        if (lead + tr_display_width(s, (size_t)(end - s)) <= width) {
            put_seg(out, s, end);
            fputc('\n', out);
            return;
        }
        /* the longest prefix that fits, ending before a space if one does */
        const char *p = s, *fit = s, *brk = NULL;
        size_t w = lead;
        while (p < end) {
            size_t n = unit_len(p, end);
            size_t cw = tr_display_width(p, n);
            if (w + cw > width) break;
            if (*p == ' ' && p > s && p[-1] != ' ') brk = p;
            w += cw;
            p += n;
            fit = p;
        }
        const char *stop = brk && brk > s ? brk : fit > s ? fit : s + unit_len(s, end);
        const char *t = stop;
        while (t > s && t[-1] == ' ') t--;
        put_seg(out, s, t);
        fputc('\n', out);
        s = stop;
        while (s < end && *s == ' ') s++;
        if (s >= end) return;
        fprintf(out, "%*s", (int)hang, "");
        lead = hang;
    }
}

static void wrap_all(FILE *out, const char *buf, size_t len, size_t width)
{
    const char *p = buf, *end = buf + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        wrap_line(out, p, e, width);
        p = nl ? nl + 1 : end;
    }
}

/* ---- pieces ---------------------------------------------------------------------------- */

static const char *num(uint64_t v, char *buf, size_t n) { return tr_i18n_count(v, buf, n); }

/* s with its spaces made unbreakable (in place). */
static char *nbsp(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == ' ') *p = NBSP[0];
    return s;
}

/* s as tr_fputs_safe writes it, for text from the export inside a
 * translated sentence (the caller frees it; NULL when out of memory). */
static char *safe_copy(const char *s) { return tr_print_to_string(tr_fputs_safe, s); }

/* s padded with spaces to w columns, on the left (right-aligned) or right. */
static void pad(FILE *out, const char *s, size_t w, int right)
{
    size_t sw = tr_display_width(s, strlen(s));
    if (right) fprintf(out, "%*s", (int)(w > sw ? w - sw : 0), "");
    fputs(s, out);
    if (!right) fprintf(out, "%*s", (int)(w > sw ? w - sw : 0), "");
}

/* The first line: the answer. */
static void answer(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    char a[32], b[32];
    uint64_t e = r->items[TR_ELIGIBLE], u = r->items[TR_UNCERTAIN];

    fputs(o->color ? "\033[1m" : "", out);
    if (e) fprintf(out, tr_plural(e, "%s of your posts, photos and comments could feed Meta's AI.",
                                  "%s of your posts, photos and comments could feed Meta's AI."),
                   num(e, a, sizeof a));
    else fputs(_("None of your posts, photos and comments is certain to feed Meta's AI."), out);
    fputc(' ', out);
    if (u && e) fprintf(out, tr_plural(u, "%s more depends on its audience.", "%s more depend on their audience."),
                        num(u, b, sizeof b));
    else if (u) fprintf(out, tr_plural(u, "%s depends on its audience.", "%s depend on their audience."), num(u, b, sizeof b));
    else if (r->assume_public) fputs(_("Every item that depends on its audience is counted as if it were public."), out);
    else fputs(_("No item depends on its audience."), out);
    fputs(o->color ? "\033[0m" : "", out);
    fputc('\n', out);
}

static void notes(FILE *out, const tr_note *n, size_t count)
{
    char b[32];
    for (size_t i = 0; i < count && i < LIST_MAX; i++) {
        fputs("  ", out);
        tr_fputs_safe(out, n[i].path);
        fputs(": ", out);
        tr_fputs_safe(out, n[i].message);
        fputc('\n', out);
    }
    if (count > LIST_MAX) {
        fputs("  ", out);
        fprintf(out, tr_plural(count - LIST_MAX, "... and %s more (--format json lists it)",
                               "... and %s more (--format json lists them)"),
                num(count - LIST_MAX, b, sizeof b));
        fputc('\n', out);
    }
}

static void incomplete(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    char b[32];
    if (!r->nerrors) return;
    fprintf(out, "%s", o->color ? "\033[1;31m" : "");
    fprintf(out, tr_plural(r->nerrors,
                           "INCOMPLETE SCAN: %s problem; what it concerns is not counted, so these numbers are too "
                           "low.",
                           "INCOMPLETE SCAN: %s problems; what they concern is not counted, so these numbers are too "
                           "low."),
            num(r->nerrors, b, sizeof b));
    fprintf(out, "%s\n", o->color ? "\033[0m" : "");
    notes(out, r->errors, r->nerrors);
}

/* What looks missing from the exports given (classification.md "missing
 * parts"): at the top, beside INCOMPLETE. */
static void missing(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    if (!r->nmissing) return;
    fprintf(out, "%s%s%s\n", o->color ? "\033[1;31m" : "",
            _("PARTS LOOK MISSING: the files given cannot be the whole export."), o->color ? "\033[0m" : "");
    for (size_t a = 0; a < r->naccounts; a++)
        for (size_t k = 0; k < r->accounts[a].nmissing; k++) {
            fputs("  ", out);
            if (r->naccounts > 1) {
                tr_fputs_safe(out, r->accounts[a].name);
                fputs(": ", out);
            }
            tr_fputs_safe(out, r->accounts[a].missing[k]);
            fputc('\n', out);
        }
}

/* The facts of one account, each line starting with ind. */
static void account_lines(FILE *out, const tr_report *r, const tr_account *ac, const tr_report_opts *o,
                          const char *ind)
{
    char b[32];
    const char *unread_birth = tr_account_unreadable(r, ac, "birth_date");
    int given = ac->birth_date_source && !strcmp(ac->birth_date_source, "option");
    fputs(ind, out);
    if (!ac->has_birth_date && unread_birth) {
        char *safe = safe_copy(unread_birth);
        fprintf(out, _("Birth date not readable: %s has no birth-date row trainable knows (HTML labels are "
                       "localised), so the under-18 rule could not be applied."),
                safe ? safe : "?");
        free(safe);
    } else if (!ac->has_birth_date) fputs(_("Birth date not recorded in the export."), out);
    else if (ac->minor == 1)
        fputs(given ? _("Birth date given with --birth-date: under 18 on the export's date.")
                    : _("Birth date recorded: under 18 on the export's date."),
              out);
    else if (ac->minor == 0)
        fputs(given ? _("Birth date given with --birth-date: 18 or older on the export's date.")
                    : _("Birth date recorded: 18 or older on the export's date."),
              out);
    else fputs(given ? _("Birth date given with --birth-date.") : _("Birth date recorded."), out);
    fputc('\n', out);

    const char *unread_private = tr_account_unreadable(r, ac, "private_account");
    if ((ac->platforms & TR_PLAT_INSTAGRAM) && ac->private_account < 0 && unread_private) {
        char *safe = safe_copy(unread_private);
        fputs(ind, out);
        fprintf(out, _("Instagram account privacy not readable from %s; treated as not recorded."), safe ? safe : "?");
        fputc('\n', out);
        free(safe);
    } else if (ac->platforms & TR_PLAT_INSTAGRAM) {
        fprintf(out, "%s%s\n", ind,
                ac->private_account == 1   ? _("Instagram account: private.")
                : ac->private_account == 0 ? _("Instagram account: public.")
                                           : _("Instagram account privacy not recorded."));
    }
    const tr_fact *email = tr_account_fact(ac, "email");
    if (email && email->text && *email->text && o->show_email) {
        fprintf(out, "%s%s ", ind, _("E-mail address:"));
        tr_fputs_safe(out, email->text);
        fputc('\n', out);
    } else if (email && email->text && *email->text) {
        fprintf(out, "%s%s\n", ind, _("E-mail address recorded (not shown; --show-email shows it)."));
    }
    if (ac->future_items) {
        fputs(ind, out);
        fprintf(out,
                tr_plural(ac->future_items, "%s item is dated in the future (after the export's date): left out of the date ranges.",
                          "%s items are dated in the future (after the export's date): left out of the date ranges."),
                num(ac->future_items, b, sizeof b));
        fputc('\n', out);
    }

}

static void export_lines(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    char d[64];

    if (r->naccounts > 1)
        fprintf(out, tr_plural(r->naccounts, "%s export, judged on its own facts:", "%s exports, each judged on its own facts:"),
                num(r->naccounts, d, sizeof d));
    else if (r->has_as_of) {
        tr_i18n_date(r->as_of, d, sizeof d);
        /* TRANSLATORS: "Facebook export of 20 February 2025 (the date in its name)." */
        fprintf(out, _("%s export of %s (%s)."), tr_platform_label(r->platforms), d, tr_as_of_words(r->as_of_source));
    } else {
        fprintf(out, _("%s export of an unknown date."), tr_platform_label(r->platforms));
    }
    fputs("\n  ", out);
    fputs(tr_tree_is_folder(r->tree) ? _("Folder:") : _("Read from:"), out);
    fputc(' ', out);
    for (size_t i = 0; i < tr_tree_parts(r->tree); i++) {
        if (i) fputs(", ", out);
        tr_fputs_safe(out, tr_tree_part_name(r->tree, i));
    }
    char layouts[256] = "";
    for (size_t i = 0, n = 0; i < r->nlayouts && n < sizeof layouts; i++) {
        int w = snprintf(layouts + n, sizeof layouts - n, "%s%s", i ? ", " : "", r->layouts[i]);
        if (w < 0) break;
        n += (size_t)w;
    }
    fputc(' ', out);
    /* TRANSLATORS: after the export's files: its layout names, then what it is made of ("JSON files") */
    fprintf(out, _("(layout %s, %s)"), layouts,
            !strcmp(r->format, "json")    ? _("JSON files")
            : !strcmp(r->format, "html")  ? _("HTML files")
            : !strcmp(r->format, "mixed") ? _("JSON and HTML files")
                                          : _("no readable files"));
    fputc('\n', out);
    if (r->naccounts == 1) account_lines(out, r, &r->accounts[0], o, "  ");
    for (size_t a = 0; r->naccounts > 1 && a < r->naccounts; a++) {
        const tr_account *ac = &r->accounts[a];
        char e[32], u[32], p[32], k[32];
        fputs("  ", out);
        /* TRANSLATORS: "Account 2: " then the export's name */
        fprintf(out, _("Account %s: "), num(a + 1, k, sizeof k));
        tr_fputs_safe(out, ac->name);
        fprintf(out, ", %s", ac->platforms ? tr_platform_label(ac->platforms) : _("no known layout"));
        if (ac->has_as_of) {
            tr_i18n_date(ac->as_of, d, sizeof d);
            fputc(' ', out);
            /* TRANSLATORS: after "Account 1: name, Facebook": the export's date and where it comes from */
            fprintf(out, _("of %s (%s)"), d, tr_as_of_words(ac->as_of_source));
        }
        /* TRANSLATORS: an account's totals of items per verdict, after its name */
        fprintf(out, _(": eligible %s, uncertain %s, private %s."), num(ac->items[TR_ELIGIBLE], e, sizeof e),
                num(ac->items[TR_UNCERTAIN], u, sizeof u), num(ac->items[TR_PRIVATE], p, sizeof p));
        fputc('\n', out);
        account_lines(out, r, ac, o, "    ");
    }
    if (r->assume_public) fprintf(out, "  %s\n", _("--assume-public: every uncertain item is counted as eligible."));
}

/* The table: categories with eligible or uncertain items one per row, the
 * others in one row, then all items and the media. */
static void table(FILE *out, const tr_report *r)
{
    static const tr_verdict cols[TR_VERDICT__COUNT] = {TR_ELIGIBLE, TR_UNCERTAIN, TR_PRIVATE};
    const char *all = _("All items"), *files = _("Media files"), *size = _("Media size"), *rest = _("Private only");
    char b[48];
    size_t lw = tr_display_width(all, strlen(all)), cw = 0;
    uint64_t priv_only = 0;
    int nrest = 0;

    for (int c = 0; c < TR_CAT__COUNT; c++) {
        const uint64_t *v = r->categories[c];
        const char *l = tr_category_label((tr_category)c);
        if (v[TR_ELIGIBLE] + v[TR_UNCERTAIN]) {
            if (tr_display_width(l, strlen(l)) > lw) lw = tr_display_width(l, strlen(l));
        } else if (v[TR_PRIVATE]) {
            priv_only += v[TR_PRIVATE];
            nrest++;
        }
    }
    const char *labels[] = {files, size, rest};
    for (size_t i = 0; i < 3; i++)
        if (tr_display_width(labels[i], strlen(labels[i])) > lw) lw = tr_display_width(labels[i], strlen(labels[i]));
    for (int k = 0; k < TR_VERDICT__COUNT; k++) {
        const char *h = tr_verdict_word(cols[k]);
        size_t w = tr_display_width(h, strlen(h));
        if (w > cw) cw = w;
        num(r->items[cols[k]], b, sizeof b);
        if (tr_display_width(b, strlen(b)) > cw) cw = tr_display_width(b, strlen(b));
        tr_i18n_bytes(r->media_bytes[cols[k]], b, sizeof b);
        if (tr_display_width(b, strlen(b)) > cw) cw = tr_display_width(b, strlen(b));
    }
    cw += 2;

    fprintf(out, "  %*s", (int)lw, "");
    for (int k = 0; k < TR_VERDICT__COUNT; k++) pad(out, tr_verdict_word(cols[k]), cw, 1);
    fputc('\n', out);
#define ROW(label, v)                                                                                                  \
    do {                                                                                                               \
        fputs("  ", out);                                                                                              \
        pad(out, label, lw, 0);                                                                                        \
        for (int k = 0; k < TR_VERDICT__COUNT; k++) pad(out, num((v)[cols[k]], b, sizeof b), cw, 1);                  \
        fputc('\n', out);                                                                                              \
    } while (0)
    for (int c = 0; c < TR_CAT__COUNT; c++) {
        const uint64_t *v = r->categories[c];
        if (v[TR_ELIGIBLE] + v[TR_UNCERTAIN]) ROW(tr_category_label((tr_category)c), v);
    }
    if (nrest) {
        uint64_t pv[TR_VERDICT__COUNT] = {0};
        pv[TR_PRIVATE] = priv_only;
        ROW(rest, pv);
    }
    ROW(all, r->items);
    ROW(files, r->media_files);
#undef ROW
    fputs("  ", out);
    pad(out, size, lw, 0);
    for (int k = 0; k < TR_VERDICT__COUNT; k++) pad(out, tr_i18n_bytes(r->media_bytes[cols[k]], b, sizeof b), cw, 1);
    fputc('\n', out);

    if (nrest) {
        int first = 1;
        fprintf(out, "  - %s ", C_("label", "Private only:"));
        for (int c = 0; c < TR_CAT__COUNT; c++) {
            const uint64_t *v = r->categories[c];
            if (v[TR_ELIGIBLE] + v[TR_UNCERTAIN] || !v[TR_PRIVATE]) continue;
            fprintf(out, "%s%s %s", first ? "" : ", ", tr_category_label((tr_category)c), num(v[TR_PRIVATE], b, sizeof b));
            first = 0;
        }
        fputs(".\n", out);
    }
}

static void legend(FILE *out, const tr_report *r)
{
    char a[64], z[64];
    fprintf(out, "  - %s\n  - %s\n  - %s\n", _("eligible: could feed Meta's AI training under Meta's stated policy."),
            _("uncertain: depends on an audience or a privacy the export does not record."),
            _("private: not used for training according to Meta."));
    if (r->has_eligible_time) {
        tr_i18n_date(tr_date_from_unix(r->eligible_first), a, sizeof a);
        tr_i18n_date(tr_date_from_unix(r->eligible_last), z, sizeof z);
        fputs("  ", out);
        fprintf(out, _("Eligible items date from %s to %s."), a, z);
        fputc('\n', out);
    } else if (r->items[TR_ELIGIBLE]) {
        fprintf(out, "  %s\n", _("No eligible item has a date."));
    }
}

/* ---- items -------------------------------------------------------------------------------- */

static const char *verdict_heading(tr_verdict v, uint64_t n)
{
    switch (v) {
    case TR_ELIGIBLE: return tr_plural(n, "Could feed Meta's AI (eligible): %s item", "Could feed Meta's AI (eligible): %s items");
    case TR_UNCERTAIN: return tr_plural(n, "Depend on their audience (uncertain): %s item", "Depend on their audience (uncertain): %s items");
    default: return tr_plural(n, "Private: %s item", "Private: %s items");
    }
}

/* Private items are summed up per file unless asked for by --verdict or
 * with their texts (--show-private-text). */
static int private_itemised(const tr_report_opts *o)
{
    return (o->verdicts & TR_VERDICT_BIT(TR_PRIVATE)) || o->show_private_text;
}

static void item_line(FILE *out, const tr_report *r, const tr_report_opts *o, const tr_item *it)
{
    char t[32];
    if (it->has_time) {
        tr_time_iso(it->time, t);
        fprintf(out, "    %.10s  ", t);
    } else {
        fputs("    ", out);
        pad(out, _("no date"), 10, 0);
        fputs("  ", out);
    }
    fprintf(out, _("%s:"), tr_category_label((tr_category)it->category));
    fputc(' ', out);
    tr_fputs_safe(out, tr_tree_member(r->tree, it->member)->path);
    fprintf(out, " #%" PRIu32 "\n", it->index);
    if (tr_report_text_shown(o, it)) {
        fputs("      \"", out);
        put_text_line(out, it->text);
        fputs("\"\n", out);
    }
}

/* Private items per file: the file and how many. */
static void private_files(FILE *out, const tr_report *r)
{
    char b[32];
    for (size_t i = 0; i < r->nitems;) {
        if (r->item[i].verdict != TR_PRIVATE) {
            i++;
            continue;
        }
        uint32_t m = r->item[i].member;
        uint64_t n = 0;
        for (; i < r->nitems && r->item[i].member == m; i++) n += r->item[i].verdict == TR_PRIVATE;
        fputs("    ", out);
        tr_fputs_safe(out, tr_tree_member(r->tree, m)->path);
        fputs(": ", out);
        fprintf(out, tr_plural(n, "%s item", "%s items"), num(n, b, sizeof b));
        fputc('\n', out);
    }
}

static int items(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    size_t n, *idx;
    char b[32];

    if (tr_items_listed(r, o, &idx, &n) != 0) return -1;
    fprintf(out, "\n%s\n", _("Items (oldest first within each reason)"));
    if (!n) fprintf(out, "  %s\n", _("None with the verdicts asked for."));
    for (size_t j = 0; j < n;) {
        const tr_item *it = &r->item[idx[j]];
        tr_verdict v = (tr_verdict)it->verdict;
        fputs("\n", out);
        fprintf(out, verdict_heading(v, r->items[v]), num(r->items[v], b, sizeof b));
        fputc('\n', out);
        if (v == TR_PRIVATE && !private_itemised(o)) {
            fprintf(out, "  %s\n", _("Per file (--verdict private lists each item):"));
            private_files(out, r);
            while (j < n && r->item[idx[j]].verdict == v) j++;
            continue;
        }
        while (j < n && r->item[idx[j]].verdict == v) {
            const char *reason = tr_item_reason(r, &r->item[idx[j]]);
            size_t e = j;
            while (e < n && r->item[idx[e]].verdict == v && !strcmp(tr_item_reason(r, &r->item[idx[e]]), reason)) e++;
            fputs("  ", out);
            /* TRANSLATORS: a rule's reason (translated with the rules' reasons) and how many items it decided */
            fprintf(out, tr_plural(e - j, "%s (%s item)", "%s (%s items)"), _(reason), num(e - j, b, sizeof b));
            fputc('\n', out);
            for (; j < e; j++) item_line(out, r, o, &r->item[idx[j]]);
        }
    }
    free(idx);
    return 0;
}

/* ---- what to do about uncertain items ------------------------------------------------ */

static void audience(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    fprintf(out, "\n%s%s%s ", o->color ? "\033[1m" : "", _("What to do about uncertain items"), o->color ? "\033[0m" : "");
    fprintf(out, _("(steps checked %s)"), _(tr_audience_checked()));
    fputc('\n', out);
    for (size_t i = 0; i < tr_audience_count(); i++) {
        const tr_audience *a = tr_audience_at(i);
        if (!(r->platforms & a->platform)) continue;
        fputs("  ", out);
        /* TRANSLATORS: a heading that introduces a list, as in "Facebook:" */
        fprintf(out, _("%s:"), a->title);
        fputc('\n', out);
        for (int k = 0; k < TR_AUDIENCE_STEPS && a->steps[k]; k++) fprintf(out, "  - %s\n", _(a->steps[k]));
    }
    fprintf(out, "  %s %s\n", _(tr_audience_intro()), _(tr_audience_caveat()));
}

static void not_classified(FILE *out, const tr_report *r)
{
    char b[32];
    if (!r->nunmatched) return;
    fputc('\n', out);
    fprintf(out, tr_plural(r->nunmatched, "Not counted: %s file that no rule knows (for the rules' maintainers):",
                           "Not counted: %s files that no rule knows (for the rules' maintainers):"),
            num(r->nunmatched, b, sizeof b));
    fputc('\n', out);
    for (size_t i = 0; i < r->nunmatched && i < LIST_MAX; i++) {
        const tr_member *m = tr_tree_member(r->tree, r->unmatched[i]);
        fputs("  ", out);
        tr_fputs_safe(out, m->path);
        fprintf(out, " (%s)\n", nbsp(tr_i18n_bytes(m->size, b, sizeof b)));
    }
    if (r->nunmatched > LIST_MAX) {
        fputs("  ", out);
        fprintf(out, tr_plural(r->nunmatched - LIST_MAX, "... and %s more (--format json lists it)",
                               "... and %s more (--format json lists them)"),
                num(r->nunmatched - LIST_MAX, b, sizeof b));
        fputc('\n', out);
    }
}

static int body(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    char b[32];

    answer(out, r, o);
    incomplete(out, r, o);
    missing(out, r, o);
    fputc('\n', out);
    export_lines(out, r, o);
    fputc('\n', out);
    table(out, r);
    legend(out, r);
    if ((o->items || o->show_text) && items(out, r, o) != 0) return -1;
    if (r->items[TR_UNCERTAIN]) audience(out, r, o);
    not_classified(out, r);
    if (r->nwarnings) {
        fputc('\n', out);
        fprintf(out, tr_plural(r->nwarnings, "%s warning (nothing was missed):", "%s warnings (nothing was missed):"),
                num(r->nwarnings, b, sizeof b));
        fputc('\n', out);
        notes(out, r->warnings, r->nwarnings);
    }
    fputc('\n', out);
    tr_report_opts oo = *o;
    oo.letter_elsewhere = 1; /* kept short: `trainable objection` writes the letter */
    if (tr_write_objection(out, r, &oo) != 0) return -1;
    char *origin = r->rules->origin ? safe_copy(r->rules->origin) : NULL; /* a path: printed safely */
    fputc('\n', out);
    /* TRANSLATORS: the last line: the tool's version, the rules' name and version, how many rules, where from */
    fprintf(out, tr_plural(r->rules->nrules, "trainable %s, rules %s %s (%s rule; %s).", "trainable %s, rules %s %s (%s rules; %s)."),
            o->tool_version, r->rules->name ? r->rules->name : _("(unnamed)"), r->rules->version ? r->rules->version : "",
            num(r->rules->nrules, b, sizeof b), origin ? origin : r->rules->origin ? "?" : _("built-in"));
    fputc('\n', out);
    free(origin);
    return ferror(out) ? -1 : 0;
}

int tr_write_text(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = -1;
    FILE *mem = open_memstream(&buf, &len);

    if (!mem) return -1;
    int b = body(mem, r, o);
    if (fclose(mem) != 0 || b != 0) goto out;
    wrap_all(out, buf, len, o->width > 0 ? (size_t)o->width : DEFAULT_WIDTH);
    rc = ferror(out) ? -1 : 0;
out:
    free(buf);
    return rc;
}
