/* text.c - the readable summary printed by default.
 *
 * What was detected, then per verdict and category the number of items and
 * of media files with their size, the date range of eligible items, what was
 * not classified, any errors, and "what you can do" (objection.c). Every
 * string from the export (paths, messages, the e-mail address) passes
 * through tr_fputs_safe (util.c); item texts are never printed
 * here. Colour (o->color) is decided by the caller: only on a terminal and
 * not with NO_COLOR. */
#include <inttypes.h>
#include <string.h>

#include "objection.h"
#include "reporter.h"
#include "util.h"

#define LIST_MAX 20

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

int tr_write_text(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    char buf[64], b2[64], b3[64];
    const char *bold = o->color ? "\033[1m" : "", *off = o->color ? "\033[0m" : "";
    const char *red = o->color ? "\033[31m" : "";

    fprintf(out, "%strainable %s: what Meta could use to train its AI%s\n\n", bold, o->tool_version, off);
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
    if (r->has_as_of) {
        tr_date_format(r->as_of, buf);
        fprintf(out, "  As of:       %s (%s)\n", buf, r->as_of_source);
    } else {
        fprintf(out, "  As of:       unknown\n");
    }
    const tr_fact *email = tr_report_fact(r, "email");
    if (email && email->text && *email->text && o->show_email) {
        fputs("  E-mail:      ", out);
        tr_fputs_safe(out, email->text);
        fputc('\n', out);
    } else if (email && email->text && *email->text) {
        fputs("  E-mail:      recorded (not shown; --show-email or `trainable objection` show it)\n", out);
    }
    const char *unread_birth = tr_report_unreadable(r, "birth_date");
    const char *unread_private = tr_report_unreadable(r, "private_account");
    if (!r->has_birth_date && unread_birth) {
        fprintf(out, "  Birth date:  not readable: ");
        tr_fputs_safe(out, unread_birth);
        fprintf(out, " has no birth-date row trainable knows (HTML labels are localised); "
                     "the under-18 rule could not be applied\n");
    } else if (!r->has_birth_date) fprintf(out, "  Birth date:  not recorded in the export\n");
    else if (r->minor == 1) fprintf(out, "  Birth date:  recorded: under 18 on the as-of date\n");
    else if (r->minor == 0) fprintf(out, "  Birth date:  recorded: 18 or older on the as-of date\n");
    else fprintf(out, "  Birth date:  recorded\n");
    if ((r->platforms & TR_PLAT_INSTAGRAM) && r->private_account < 0 && unread_private) {
        fputs("  Instagram:   account privacy not readable from ", out);
        tr_fputs_safe(out, unread_private);
        fputs("; treated as not recorded\n", out);
    } else if (r->platforms & TR_PLAT_INSTAGRAM) {
        fprintf(out, "  Instagram:   %s\n", r->private_account == 1   ? "private account"
                                            : r->private_account == 0 ? "public account"
                                                                      : "account privacy not recorded");
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
