/* text.c - the readable summary printed by default.
 *
 * What was detected, then per verdict and category the number of items and
 * of media files with their size, the date range of eligible items, what was
 * not classified, any errors, and "what you can do" (objection.c). Every
 * string from the export (paths, messages, the e-mail address) passes
 * through tr_fputs_safe, which also lives here; item texts are never printed
 * here. Colour (o->color) is decided by the caller: only on a terminal and
 * not with NO_COLOR. */
#include <inttypes.h>
#include <string.h>

#include "objection.h"
#include "reporter.h"
#include "util.h"

#define LIST_MAX 20

/* Code points that reorder or hide text on a terminal: bidirectional
 * embeddings, overrides, isolates and marks (the "Trojan Source" set). */
static int is_bidi_control(uint32_t c)
{
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f ||
           c == 0x061c;
}

void tr_fputs_safe(FILE *out, const char *s)
{
    const char *p = s;

    while (p && *p) {
        size_t n = tr_utf8_seq(p);
        uint32_t c = n ? tr_utf8_decode(p, n) : 0;
        if (n == 0) { /* not UTF-8: a lone 0x9b byte is CSI on some terminals */
            fprintf(out, "\\x%02x", (unsigned char)*p);
            p++;
            continue;
        }
        if (c == 0x1b) fputs("\\e", out); /* ESC: the sequence after it is printed as plain text */
        else if (n == 1 && (c < 0x20 || c == 0x7f)) fprintf(out, "\\x%02x", c);
        else if ((c >= 0x80 && c < 0xa0) || is_bidi_control(c)) fprintf(out, "\\u%04x", (unsigned)c);
        else fwrite(p, 1, n, out);
        p += n;
    }
}

static const char *platform_names(unsigned p)
{
    return p == (TR_PLAT_FACEBOOK | TR_PLAT_INSTAGRAM) ? "Facebook and Instagram"
         : p == TR_PLAT_FACEBOOK                       ? "Facebook"
                                                       : "Instagram";
}

static void row(FILE *out, const char *label, const uint64_t v[TR_VERDICT__COUNT])
{
    fprintf(out, "  %-22s %10" PRIu64 " %10" PRIu64 " %10" PRIu64 "\n", label, v[TR_ELIGIBLE], v[TR_UNCERTAIN],
            v[TR_PRIVATE]);
}

/* The dates and facts of one account, each line starting with ind. */
static void account_lines(FILE *out, const tr_report *r, const tr_account *ac, const tr_report_opts *o, const char *ind)
{
    char buf[16];
    const tr_fact *email = tr_account_fact(ac, "email");
    const char *unread_birth = tr_account_unreadable(r, ac, "birth_date");
    const char *unread_private = tr_account_unreadable(r, ac, "private_account");

    if (ac->has_as_of) {
        tr_date_format(ac->as_of, buf);
        fprintf(out, "%sAs of:       %s (%s)\n", ind, buf, ac->as_of_source);
    } else {
        fprintf(out, "%sAs of:       unknown\n", ind);
    }
    if (email && email->text && *email->text && o->show_email) {
        fprintf(out, "%sE-mail:      ", ind);
        tr_fputs_safe(out, email->text);
        fputc('\n', out);
    } else if (email && email->text && *email->text) {
        fprintf(out, "%sE-mail:      recorded (not shown; --show-email or `trainable objection` show it)\n", ind);
    }
    fprintf(out, "%sBirth date:  ", ind);
    if (!ac->has_birth_date && unread_birth) {
        fputs("not readable: ", out);
        tr_fputs_safe(out, unread_birth);
        fputs(" has no birth-date row trainable knows (HTML labels are localised); "
              "the under-18 rule could not be applied\n", out);
    } else if (!ac->has_birth_date) fputs("not recorded in the export\n", out);
    else if (ac->minor == 1) fputs("recorded: under 18 on the as-of date\n", out);
    else if (ac->minor == 0) fputs("recorded: 18 or older on the as-of date\n", out);
    else fputs("recorded\n", out);
    if (ac->has_birth_date && ac->birth_date_source && !strcmp(ac->birth_date_source, "option"))
        fprintf(out, "%s             (given with --birth-date)\n", ind);
    if ((ac->platforms & TR_PLAT_INSTAGRAM) && ac->private_account < 0 && unread_private) {
        fprintf(out, "%sInstagram:   account privacy not readable from ", ind);
        tr_fputs_safe(out, unread_private);
        fputs("; treated as not recorded\n", out);
    } else if (ac->platforms & TR_PLAT_INSTAGRAM) {
        fprintf(out, "%sInstagram:   %s\n", ind,
                ac->private_account == 1   ? "private account"
                : ac->private_account == 0 ? "public account"
                                           : "account privacy not recorded");
    }
    if (ac->future_items)
        fprintf(out, "%sIn future:   %" PRIu64 " item%s dated after the export's date (left out of date ranges)\n", ind,
                ac->future_items, ac->future_items == 1 ? "" : "s");
}

/* What looks missing from the exports given, at the top of the report. */
static void missing_lines(FILE *out, const tr_report *r, const char *red, const char *off)
{
    if (!r->nmissing) return;
    fprintf(out, "%sPARTS LOOK MISSING%s: the files given cannot be the whole export\n", red, off);
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
    fputc('\n', out);
}

int tr_write_text(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    char buf[64], b2[64], b3[64];
    const char *bold = o->color ? "\033[1m" : "", *off = o->color ? "\033[0m" : "";
    const char *red = o->color ? "\033[31m" : "";

    fprintf(out, "%strainable %s: what Meta could use to train its AI%s\n\n", bold, o->tool_version, off);
    missing_lines(out, r, red, off);
    fprintf(out, "Export\n");
    fprintf(out, "  Platform:    %s\n", platform_names(r->platforms));
    fprintf(out, "  Layout:      ");
    for (size_t i = 0; i < r->nlayouts; i++) fprintf(out, "%s%s", i ? ", " : "", r->layouts[i]);
    fprintf(out, " (%s)\n", r->format);
    fprintf(out, "  %-13s", tr_tree_is_folder(r->tree) ? "Folder:" : "Parts:");
    for (size_t i = 0; i < tr_tree_parts(r->tree); i++) {
        if (i) fputs(", ", out);
        tr_fputs_safe(out, tr_tree_part_name(r->tree, i));
    }
    fputc('\n', out);
    if (r->naccounts == 1) {
        account_lines(out, r, &r->accounts[0], o, "  ");
    } else {
        fprintf(out, "  Accounts:    %zu exports, each judged on its own facts\n", r->naccounts);
        for (size_t a = 0; a < r->naccounts; a++) {
            const tr_account *ac = &r->accounts[a];
            fprintf(out, "  Account %zu:   ", a + 1);
            tr_fputs_safe(out, ac->name);
            fprintf(out, " (%s)\n", ac->platforms ? platform_names(ac->platforms) : "no known layout");
            account_lines(out, r, ac, o, "    ");
            fprintf(out, "    Items:       %" PRIu64 " eligible, %" PRIu64 " uncertain, %" PRIu64 " private\n",
                    ac->items[TR_ELIGIBLE], ac->items[TR_UNCERTAIN], ac->items[TR_PRIVATE]);
        }
    }
    if (r->assume_public) fprintf(out, "  Assumption:  --assume-public: every uncertain item counted as eligible\n");

    fprintf(out, "\n%-24s %10s %10s %10s\n", "Items", "eligible", "uncertain", "private");
    row(out, "all items", r->items);
    for (int c = 0; c < TR_CAT__COUNT; c++) {
        const uint64_t *v = r->categories[c];
        if (v[0] + v[1] + v[2]) row(out, tr_category_name((tr_category)c), v);
    }
    fprintf(out, "\n%-24s %10s %10s %10s\n", "Media files", "eligible", "uncertain", "private");
    row(out, "files", r->media_files);
    tr_fmt_bytes(r->media_bytes[TR_ELIGIBLE], buf, sizeof buf);
    tr_fmt_bytes(r->media_bytes[TR_UNCERTAIN], b2, sizeof b2);
    tr_fmt_bytes(r->media_bytes[TR_PRIVATE], b3, sizeof b3);
    fprintf(out, "  %-22s %10s %10s %10s\n", "size", buf, b2, b3);

    if (r->has_eligible_time) {
        tr_time_iso(r->eligible_first, buf);
        tr_time_iso(r->eligible_last, b2);
        fprintf(out, "\nEligible items date from %.10s to %.10s.\n", buf, b2);
    } else {
        fprintf(out, "\nNo eligible item has a date.\n");
    }
    fprintf(out, "\n  eligible:  could feed Meta's AI training under Meta's stated policy.\n"
                 "  uncertain: depends on something the export does not record (an audience, a group's privacy).\n"
                 "  private:   not used for training according to Meta.\n");

    if (r->nunmatched) {
        fprintf(out, "\nNot classified: %zu file%s that no rule knows (listed for rules maintainers)\n", r->nunmatched,
                r->nunmatched == 1 ? "" : "s");
        for (size_t i = 0; i < r->nunmatched && i < LIST_MAX; i++) {
            const tr_member *m = tr_tree_member(r->tree, r->unmatched[i]);
            tr_fmt_bytes(m->size, buf, sizeof buf);
            fputs("  ", out);
            tr_fputs_safe(out, m->path);
            fprintf(out, " (%s)\n", buf);
        }
        if (r->nunmatched > LIST_MAX) fprintf(out, "  ... and %zu more (see --format json)\n", r->nunmatched - LIST_MAX);
    }
    if (r->nwarnings) {
        fprintf(out, "\nWarnings: %zu\n", r->nwarnings);
        for (size_t i = 0; i < r->nwarnings && i < LIST_MAX; i++) {
            fputs("  ", out);
            tr_fputs_safe(out, r->warnings[i].path);
            fputs(": ", out);
            tr_fputs_safe(out, r->warnings[i].message);
            fputc('\n', out);
        }
        if (r->nwarnings > LIST_MAX) fprintf(out, "  ... and %zu more (see --format json)\n", r->nwarnings - LIST_MAX);
    }
    if (r->nerrors) {
        fprintf(out, "\n%sINCOMPLETE SCAN%s: %zu problem%s; what they concern is not counted above\n", red, off,
                r->nerrors, r->nerrors == 1 ? "" : "s");
        for (size_t i = 0; i < r->nerrors && i < LIST_MAX; i++) {
            fputs("  ", out);
            tr_fputs_safe(out, r->errors[i].path);
            fputs(": ", out);
            tr_fputs_safe(out, r->errors[i].message);
            fputc('\n', out);
        }
        if (r->nerrors > LIST_MAX) fprintf(out, "  ... and %zu more (see --format json)\n", r->nerrors - LIST_MAX);
    }
    fputc('\n', out);
    if (tr_write_objection(out, r, o) != 0) return -1;
    fprintf(out, "\nRules: %s %s (%zu rules)\n", r->rules->name ? r->rules->name : "(unnamed)",
            r->rules->version ? r->rules->version : "", r->rules->nrules);
    return ferror(out) ? -1 : 0;
}
