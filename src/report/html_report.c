/* html_report.c - the self-contained HTML report (--format html).
 *
 * One file a person can open, print or share: inline CSS and inline SVG, no
 * script, and a Content-Security-Policy that forbids fetching anything, so
 * the page loads nothing from the network even if an export smuggled markup
 * into it. It shows the headline (items and media that could feed training,
 * uncertain, private), items per year stacked by verdict, media size per
 * verdict, items per category, what was not scanned, the split at an
 * objection date (--objected-on), "what you can do" (objection.h) and, with
 * --items, every item. The layout is one column that fits a phone and
 * prints (@media print).
 *
 * Every string that comes from the export (paths, part names, messages,
 * the e-mail address, item texts) goes through tr_html_escape, the one
 * escaping function, defined here. Headline numbers are also written as
 * <data id="items-eligible" value="N"> so that tests can read them back.
 *
 * Ownership: borrows the report; the per-year tallies and the objection
 * text are freed before tr_write_html returns.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "audience.h"
#include "i18n.h"
#include "objection.h"
#include "reporter.h"
#include "util.h"

#define HTML_LIST_MAX 500

/* Escape the first len bytes of s (a NUL-terminated string). */
static void html_escape_n(FILE *out, const char *s, size_t len)
{
    const char *p = s, *end = s + len;

    while (p < end && *p) {
        size_t n = tr_utf8_seq(p);
        if (p + n > end) n = 0;
        uint32_t c = n ? tr_utf8_decode(p, n) : 0xfffd;
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case '\t':
        case '\n':
        case '\r': fputc((int)c, out); break;
        default:
            if (n == 0 || c < 0x20 || (c >= 0x7f && c < 0xa0)) fputs("&#xFFFD;", out);
            else fwrite(p, 1, n, out);
        }
        p += n ? n : 1;
    }
}

void tr_html_escape(FILE *out, const char *s)
{
    if (s) html_escape_n(out, s, strlen(s));
}

/* ---- small writers ------------------------------------------------------------ */

/* s escaped, in a new string the caller frees; NULL when out of memory. */
static char *escaped(const char *s) { return tr_print_to_string(tr_html_escape, s); }

static const char *const vclass[TR_VERDICT__COUNT] = {"p", "u", "e"}; /* CSS class per verdict */

/* Verdicts in the order the report shows them: most exposed first. */
static const tr_verdict order[TR_VERDICT__COUNT] = {TR_ELIGIBLE, TR_UNCERTAIN, TR_PRIVATE};

#define vlabel(v) tr_verdict_word(v)

static void num(FILE *out, uint64_t v)
{
    char b[48];
    fputs(tr_i18n_count(v, b, sizeof b), out);
}

static void bytes(FILE *out, uint64_t v)
{
    char b[48];
    fputs(tr_i18n_bytes(v, b, sizeof b), out);
}

/* "<strong>1,234</strong>": a number in the language's way, in a tag. */
static const char *tagged(const char *tag, uint64_t v, char *buf, size_t n)
{
    char c[48];
    snprintf(buf, n, "<%s>%s</%s>", tag, tr_i18n_count(v, c, sizeof c), tag);
    return buf;
}

/* A "nice" step for an axis up to max: 1, 2 or 5 times a power of ten,
 * giving at most 5 intervals. */
static uint64_t nice_step(uint64_t max)
{
    uint64_t p = 1;
    for (;;) {
        if (max <= p * 5) return p;
        if (max <= p * 10) return p * 2;
        if (max <= p * 25) return p * 5;
        if (p > UINT64_MAX / 100) return p * 10;
        p *= 10;
    }
}

/* ---- head -------------------------------------------------------------------------- */

static const char css[] =
    ":root{--e:#d55e00;--u:#e6a700;--p:#0072b2;--fg:#1d1d1f;--bg:#fff;--mute:#5f6368;--line:#d9d9de;--card:#f6f6f8}"
    "@media (prefers-color-scheme:dark){:root{--fg:#ececf0;--bg:#141416;--mute:#a3a3ad;--line:#3a3a40;"
    "--card:#1f1f23}}"
    "*{box-sizing:border-box}"
    "body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,"
    "sans-serif;color:var(--fg);background:var(--bg);-webkit-text-size-adjust:100%}"
    "h1{font-size:1.6rem;line-height:1.2;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;"
    "border-bottom:1px solid var(--line);padding-bottom:.25rem}h3{font-size:1.05rem;margin:1.25rem 0 .25rem}"
    ".sub,.mute,figcaption{color:var(--mute)}.sub{margin-top:0}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.75rem}"
    ".card{background:var(--card);border-radius:.5rem;padding:.75rem 1rem;border-left:.4rem solid}"
    ".card h2{border:0;margin:0;font-size:1rem}.card .big{font-size:2rem;font-weight:700;margin:.1rem 0}"
    ".card p{margin:.2rem 0}.card.e{border-color:var(--e)}.card.u{border-color:var(--u)}"
    ".card.p{border-color:var(--p)}"
    ".alert{border:2px solid var(--e);border-radius:.5rem;padding:.5rem 1rem;margin:1rem 0}"
    ".note{border-left:.3rem solid var(--u);padding:.25rem .75rem;margin:1rem 0}"
    "figure{margin:0}.chart{width:100%;max-width:32rem;height:auto;display:block}.chart text{font-size:13px;fill:var(--fg)}"
    ".chart .grid{stroke:var(--line);stroke-width:1}"
    ".e{fill:var(--e)}.u{fill:var(--u)}.p{fill:var(--p)}.pm{fill:var(--mute);opacity:.45}"
    ".chart.muted{max-width:26rem}figure{margin:0 0 1rem}.fig-h{font-weight:600}.sw.pm{background:var(--mute);opacity:.45}"
    ".answer{font-size:1.3rem;line-height:1.35;margin:.75rem 0}"
    "td.d,.nw{white-space:nowrap;font-variant-numeric:tabular-nums}"
    "details.group{margin:.4rem 0}summary{cursor:pointer}"
    ".legend{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:1rem}"
    ".sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.3em;vertical-align:-.1em}"
    ".sw.e{background:var(--e)}.sw.u{background:var(--u)}.sw.p{background:var(--p)}"
    ".scroll{overflow-x:auto}"
    "table{border-collapse:collapse;width:100%;font-size:.95rem}"
    "th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".path{word-break:break-all;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "font-size:.85rem}"
    ".text{white-space:pre-wrap;overflow-wrap:anywhere}"
    "pre.letter{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);padding:1rem;"
    "border-radius:.5rem;font:inherit}"
    "mark{background:#ffe08a;color:#000;padding:0 .15em}"
    "a{color:inherit}.url{overflow-wrap:anywhere}"
    "footer{margin-top:3rem;font-size:.85rem;color:var(--mute)}"
    "@media (max-width:30rem){body{padding:.6rem;font-size:15px}.card .big{font-size:1.6rem}"
    ".answer{font-size:1.1rem}table{font-size:.82rem}th,td{padding:.2rem .2rem}"
    "table.items,table.items tbody,table.items tr,table.items td{display:block}table.items thead{display:none}"
    "table.items tr{padding:.3rem 0;border-bottom:1px solid var(--line)}table.items td{border:0;padding:.05rem 0}"
    "table.items td.d,table.items td.c{display:inline-block;margin-right:.75rem}}"
    "@media print{:root{--fg:#000;--bg:#fff;--mute:#444;--card:#fff}body{max-width:none;padding:0;"
    "font-size:10.5pt}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    ".card{border:1px solid #999;border-left:.4rem solid}.card,tr,figure,li{break-inside:avoid}"
    "h1,h2,h3,summary{break-after:avoid;break-inside:avoid}thead{display:table-header-group}"
    ".scroll{overflow:visible}details::details-content{content-visibility:visible;display:block}"
    "@page{margin:15mm 12mm}}";

static void head(FILE *out, const tr_report_opts *o)
{
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n", tr_i18n_lang());
    fputs("<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
          "img-src data:\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
          out);
    fputs("<meta name=\"generator\" content=\"trainable ", out);
    tr_html_escape(out, o->tool_version);
    fprintf(out, "\">\n<title>%s</title>\n<style>", _("What Meta could use to train its AI: trainable report"));
    fputs(css, out);
    fputs("</style>\n</head>\n<body>\n", out);
}

/* The inputs' names, escaped, separated by sep. */
static void part_names(FILE *out, const tr_report *r, const char *sep)
{
    for (size_t i = 0; i < tr_tree_parts(r->tree); i++) {
        if (i) fputs(sep, out);
        fputs("<span class=\"path\">", out);
        tr_html_escape(out, tr_tree_part_name(r->tree, i));
        fputs("</span>", out);
    }
}

static void header(FILE *out, const tr_report *r)
{
    char d[64];
    fprintf(out, "<header>\n<h1>%s</h1>\n<p class=\"sub\">", _("What Meta could use to train its AI"));
    if (r->has_as_of) {
        tr_i18n_date(r->as_of, d, sizeof d);
        /* TRANSLATORS: under the title: "Facebook export of 20 February 2025:", then the files */
        fprintf(out, _("%s export of %s:"), tr_platform_label(r->platforms), d);
    } else {
        /* TRANSLATORS: under the title: "Facebook export:", then the files */
        fprintf(out, _("%s export:"), tr_platform_label(r->platforms));
    }
    fputc(' ', out);
    part_names(out, r, ", ");
    fputs("</p>\n</header>\n<main>\n", out);
}

/* ---- headline ------------------------------------------------------------------------ */

static void headline(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    static const char *const what[TR_VERDICT__COUNT] = {
        N_("Not used for training according to Meta: private messages, account data and logs, hidden or deleted "
           "content, content of an account holder under 18."),
        N_("Depends on something the export does not record: the audience of a post, the privacy of a group or of "
           "the account you commented on."),
        N_("Could feed Meta's AI training under Meta's stated policy: public content of an adult account, or a chat "
           "with Meta AI.")};
    static const char *const title[TR_VERDICT__COUNT] = {N_("Private"), N_("Uncertain"), N_("Could feed training")};
    static const char *const id[TR_VERDICT__COUNT] = {"private", "uncertain", "eligible"};
    char n1[96], n2[96];
    uint64_t e = r->items[TR_ELIGIBLE], u = r->items[TR_UNCERTAIN];
    fputs("<p class=\"answer\" id=\"answer\">", out);
    /* the same sentences as the text report's first line, numbers in bold */
    if (e) fprintf(out, tr_plural(e, "%s of your posts, photos and comments could feed Meta's AI.",
                               "%s of your posts, photos and comments could feed Meta's AI."),
                   tagged("strong", e, n1, sizeof n1));
    else fputs(_("None of your posts, photos and comments is certain to feed Meta's AI."), out);
    fputc(' ', out);
    if (u && e) fprintf(out, tr_plural(u, "%s more depends on its audience.", "%s more depend on their audience."),
                        tagged("strong", u, n2, sizeof n2));
    else if (u) fprintf(out, tr_plural(u, "%s depends on its audience.", "%s depend on their audience."),
                        tagged("strong", u, n2, sizeof n2));
    else if (r->assume_public) fputs(_("Every item that depends on its audience is counted as if it were public."), out);
    else fputs(_("No item depends on its audience."), out);
    fputs("</p>\n", out);
    if (!r->complete) {
        fputs("<p class=\"alert\">", out);
        char link[256];
        snprintf(link, sizeof link, "<a href=\"#not-scanned\">%s</a>", _("what was not scanned"));
        fprintf(out, "<strong>%s</strong> ", _("Incomplete scan:"));
        /* TRANSLATORS: the last %s is a link whose words are "what was not scanned" */
        fprintf(out, tr_plural(r->nerrors, "%s problem. What it concerns is not counted below; see %s.",
                            "%s problems. What they concern is not counted below; see %s."),
                tr_i18n_count(r->nerrors, n1, sizeof n1), link);
        fputs("</p>\n", out);
    }
    if (r->nmissing) {
        fprintf(out, "<div class=\"alert\" id=\"missing\"><p><strong>%s</strong> %s</p>\n<ul>\n", _("Parts look missing:"),
                _("the files given cannot be the whole export."));
        for (size_t a = 0; a < r->naccounts; a++)
            for (size_t k = 0; k < r->accounts[a].nmissing; k++) {
                fputs("<li>", out);
                if (r->naccounts > 1) {
                    tr_html_escape(out, r->accounts[a].name);
                    fputs(": ", out);
                }
                tr_html_escape(out, r->accounts[a].missing[k]);
                fputs("</li>\n", out);
            }
        fputs("</ul></div>\n", out);
    }
    if (o->show_text)
        fprintf(out, "<p class=\"alert\"><strong>%s</strong> %s</p>\n", _("This report contains the text of your items."),
                _("It is no longer safe to share."));
    fprintf(out, "<section id=\"headline\" aria-label=\"%s\">\n<div class=\"cards\">\n", _("Headline"));
    for (int k = 0; k < TR_VERDICT__COUNT; k++) {
        tr_verdict v = order[k];
        fprintf(out, "<div class=\"card %s\" id=\"card-%s\">\n<h2>%s", vclass[v], id[v], _(title[v]));
        if (v == TR_ELIGIBLE) fprintf(out, " <small class=\"mute\">(%s)</small>", C_("verdict", "eligible"));
        fputs("</h2>\n<p class=\"big\">", out);
        char d1[192], d2[192], d3[192], c[48];
        snprintf(d1, sizeof d1, "<data id=\"items-%s\" value=\"%" PRIu64 "\">%s</data>", id[v], r->items[v],
                 tr_i18n_count(r->items[v], c, sizeof c));
        snprintf(d2, sizeof d2, "<data id=\"media-%s\" value=\"%" PRIu64 "\">%s</data>", id[v], r->media_files[v],
                 tr_i18n_count(r->media_files[v], c, sizeof c));
        snprintf(d3, sizeof d3, "<data id=\"bytes-%s\" value=\"%" PRIu64 "\">%s</data>", id[v], r->media_bytes[v],
                 tr_i18n_bytes(r->media_bytes[v], c, sizeof c));
        /* TRANSLATORS: a big number, then the word in small type */
        fprintf(out, tr_plural(r->items[v], "%s <small>item</small>", "%s <small>items</small>"), d1);
        fputs("</p>\n<p>", out);
        fprintf(out, tr_plural(r->media_files[v], "%s media file, %s", "%s media files, %s"), d2, d3);
        fprintf(out, "</p>\n<p class=\"mute\">%s</p>\n</div>\n", _(what[v]));
    }
    fputs("</div>\n", out);
    if (r->has_eligible_time) {
        char a[64], z[64], sa[128], sz[128];
        tr_i18n_date(tr_date_from_unix(r->eligible_first), a, sizeof a);
        tr_i18n_date(tr_date_from_unix(r->eligible_last), z, sizeof z);
        snprintf(sa, sizeof sa, "<strong class=\"nw\">%s</strong>", a);
        snprintf(sz, sizeof sz, "<strong class=\"nw\">%s</strong>", z);
        fputs("<p>", out);
        fprintf(out, _("Items that could feed training date from %s to %s."), sa, sz);
        if (o->items && tr_report_verdict_listed(o, TR_ELIGIBLE))
            fprintf(out, " <a href=\"#list-eligible-h\">%s</a>", _("The list starts with the oldest."));
        fputs("</p>\n", out);
    } else {
        fprintf(out, "<p>%s</p>\n", _("No item that could feed training has a date."));
    }
    if (r->assume_public)
        fprintf(out, "<p class=\"note\">%s</p>\n",
                _("Worst case (--assume-public): every uncertain item is counted as eligible."));
    fputs("</section>\n", out);
}

/* ---- charts ----------------------------------------------------------------------------- */

/* Width in the chart's units of a label of n characters at 13px. */
static double label_w(size_t n) { return (double)n * 8.4 + 6; }

/* One bar chart of the years in y: the verdicts of `which` stacked (most
 * exposed at the bottom), on their own scale, H units high. Labels of the
 * value axis are formatted numbers; year labels are spaced so that they
 * never overlap and never leave the picture. */
static void bars(FILE *out, const tr_years *y, const tr_verdict *which, int nwhich, double H, const char *id,
                 const char *title, int muted)
{
    const double W = 400, T = 14, B = 24, R = 18, ph = H - T - B;
    uint64_t max = 0, step, top;
    char b[48];

    for (size_t i = 0; i < y->n; i++) {
        uint64_t t = 0;
        for (int k = 0; k < nwhich; k++) t += y->count[i][which[k]];
        if (t > max) max = t;
    }
    step = nice_step(max ? max : 1);
    top = (max + step - 1) / step * step;
    if (!top) top = step;
    double L = label_w(strlen(tr_i18n_count(top, b, sizeof b))) + 4;
    if (L < 24) L = 24;
    double pw = W - L - R;
    fprintf(out, "<svg class=\"chart%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"%s-t\">"
                 "<title id=\"%s-t\">",
            muted ? " muted" : "", W, H, id, id);
    tr_html_escape(out, title);
    fputs(", ", out);
    /* TRANSLATORS: a range of years in a chart's title */
    fprintf(out, _("%d to %d"), y->first, y->first + (int)y->n - 1);
    fputs("</title>\n", out);
    for (uint64_t v = 0; v <= top; v += step) {
        double yy = T + ph - (double)v * ph / (double)top;
        fprintf(out, "<line class=\"grid\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                     "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                L, W - R, yy, yy, L - 4, yy + 4, tr_i18n_count(v, b, sizeof b));
    }
    double slot = pw / (double)y->n, bw = slot * 0.8 > 1 ? slot * 0.8 : 1;
    size_t every = (size_t)(label_w(4) + 6) / (size_t)(slot > 1 ? slot : 1) + 1;
    for (size_t i = 0; i < y->n; i++) {
        int year = y->first + (int)i;
        double x = L + (double)i * slot + (slot - bw) / 2, base = T + ph;
        for (int k = 0; k < nwhich; k++) {
            tr_verdict v = which[k];
            uint64_t c = y->count[i][v];
            if (!c) continue;
            double h = (double)c * ph / (double)top;
            fprintf(out, "<rect class=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>%d: %s "
                         "%s</title></rect>\n",
                    muted ? "pm" : vclass[v], x, base - h, bw, h, year, tr_i18n_count(c, b, sizeof b),
                    tr_verdict_word(v));
            base -= h;
        }
        /* every `every`-th year from the newest back, so the newest is always labelled */
        if ((y->n - 1 - i) % every == 0)
            fprintf(out, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%d</text>\n", x + bw / 2, H - 7, year);
    }
    fputs("</svg>\n", out);
}

static void year_chart(FILE *out, const tr_report *r, const tr_years *y)
{
    static const tr_verdict vs[TR_VERDICT__COUNT] = {TR_ELIGIBLE, TR_UNCERTAIN, TR_PRIVATE};
    static const char *const head[TR_VERDICT__COUNT] = {
        N_("Could feed training (eligible)"), N_("Depend on their audience (uncertain)"),
        N_("Private: not used for training according to Meta")};
    static const char *const title[TR_VERDICT__COUNT] = {N_("Eligible items per year"), N_("Uncertain items per year"),
                                                         N_("Private items per year")};
    uint64_t dated[TR_VERDICT__COUNT] = {0};
    char b[48], b2[48], b3[48], b4[48];

    fprintf(out, "<section id=\"years\">\n<h2>%s</h2>\n", _("What could feed training, per year"));
    for (size_t i = 0; i < y->n; i++)
        for (int v = 0; v < TR_VERDICT__COUNT; v++) dated[v] += y->count[i][v];
    if (!y->n) fprintf(out, "<p>%s</p>\n", _("No item has a date."));
    else if (r->has_as_of) {
        char d[64];
        tr_i18n_date(r->as_of, d, sizeof d);
        fputs("<p class=\"mute\">", out);
        fprintf(out, _("Each chart has its own scale; the years end at the export's date, %s."), d);
        fputs("</p>\n", out);
    } else {
        fprintf(out, "<p class=\"mute\">%s</p>\n", _("Each chart has its own scale."));
    }
    for (int k = 0; y->n && k < TR_VERDICT__COUNT; k++) {
        tr_verdict v = vs[k];
        int muted = v == TR_PRIVATE;
        if (!dated[v] && v != TR_ELIGIBLE) continue;
        fprintf(out, "<figure id=\"years-%s\"%s>\n<figcaption class=\"fig-h\"><span class=\"sw %s\"></span>%s"
                     "</figcaption>\n",
                tr_verdict_name(v), muted ? " class=\"private-years\"" : "", muted ? "pm" : vclass[v], _(head[k]));
        if (dated[v]) bars(out, y, &vs[k], 1, muted ? 110 : 170, tr_verdict_name(v), _(title[k]), muted);
        else fprintf(out, "<p>%s</p>\n", _("None has a date."));
        fputs("</figure>\n", out);
    }
    uint64_t undated = y->undated[0] + y->undated[1] + y->undated[2], older = y->older[0] + y->older[1] + y->older[2];
    uint64_t later = y->later[0] + y->later[1] + y->later[2] + y->future[0] + y->future[1] + y->future[2];
    if (undated || older || later) fputs("<p class=\"mute\">", out);
    if (undated) {
        fprintf(out, tr_plural(undated, "%s item has no date (%s eligible, %s uncertain, %s private).",
                            "%s items have no date (%s eligible, %s uncertain, %s private)."),
                tr_i18n_count(undated, b, sizeof b), tr_i18n_count(y->undated[TR_ELIGIBLE], b2, sizeof b2),
                tr_i18n_count(y->undated[TR_UNCERTAIN], b3, sizeof b3),
                tr_i18n_count(y->undated[TR_PRIVATE], b4, sizeof b4));
        fputc(' ', out);
    }
    if (older)
        fprintf(out, tr_plural(older, "%s item dated before %d is not shown.", "%s items dated before %d are not shown."),
                tr_i18n_count(older, b, sizeof b), y->first);
    if (older) fputc(' ', out);
    if (later)
        fprintf(out, tr_plural(later, "%s item dated after the export's date is not shown.",
                            "%s items dated after the export's date are not shown."),
                tr_i18n_count(later, b, sizeof b));
    if (undated || older || later) fputs("</p>\n", out);

    if (y->n) {
        fprintf(out, "<details>\n<summary>%s</summary>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th>",
                _("The numbers"), _("Year"));
        for (int k = 0; k < TR_VERDICT__COUNT; k++) fprintf(out, "<th class=\"n\">%s</th>", vlabel(order[k]));
        fputs("</tr></thead>\n<tbody>\n", out);
        for (size_t i = 0; i < y->n; i++) {
            if (!(y->count[i][0] + y->count[i][1] + y->count[i][2])) continue;
            fprintf(out, "<tr><td>%d</td>", y->first + (int)i);
            for (int k = 0; k < TR_VERDICT__COUNT; k++) {
                fputs("<td class=\"n\">", out);
                num(out, y->count[i][order[k]]);
                fputs("</td>", out);
            }
            fputs("</tr>\n", out);
        }
        fputs("</tbody>\n</table></div>\n</details>\n", out);
    }
    fputs("</section>\n", out);
}

static void media_chart(FILE *out, const tr_report *r)
{
    const double W = 400, rowh = 46, bar = 18;
    uint64_t max = 0;

    fprintf(out, "<section id=\"media\">\n<h2>%s</h2>\n", _("Media size per verdict"));
    for (int v = 0; v < TR_VERDICT__COUNT; v++)
        if (r->media_bytes[v] > max) max = r->media_bytes[v];
    fprintf(out, "<figure>\n<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"media-t\">"
                 "<title id=\"media-t\">%s</title>\n",
            W, rowh * TR_VERDICT__COUNT, _("Size of the media files (photos, videos, audio) per verdict"));
    for (int k = 0; k < TR_VERDICT__COUNT; k++) {
        tr_verdict v = order[k];
        double y = k * rowh, w = max ? (double)r->media_bytes[v] * W / (double)max : 0;
        char b[48], n[48];
        tr_i18n_bytes(r->media_bytes[v], b, sizeof b);
        tr_i18n_count(r->media_files[v], n, sizeof n);
        /* TRANSLATORS: a verdict, a size, a number of files: "eligible: 24.9 MB in 12 files" */
        const char *line = tr_plural(r->media_files[v], "%s: %s in %s file", "%s: %s in %s files");
        fprintf(out, "<text x=\"0\" y=\"%.0f\">", y + 14);
        fprintf(out, line, vlabel(v), b, n);
        fprintf(out, "</text><rect class=\"%s\" x=\"0\" y=\"%.0f\" width=\"%.2f\" height=\"%.0f\"><title>", vclass[v],
                y + 20, w > 0 && w < 1 ? 1 : w, bar);
        fprintf(out, line, vlabel(v), b, n);
        fputs("</title></rect>\n", out);
    }
    fprintf(out, "</svg>\n<figcaption>%s</figcaption>\n</figure>\n</section>\n",
            _("Media are counted from the archive's list of files, never opened. A media file takes the most exposed "
              "verdict of the items that use it."));
}

/* ---- tables ------------------------------------------------------------------------------ */

static void verdict_head(FILE *out, const char *first)
{
    fprintf(out, "<div class=\"scroll\"><table>\n<thead><tr><th>%s</th>", first);
    for (int k = 0; k < TR_VERDICT__COUNT; k++) fprintf(out, "<th class=\"n\">%s</th>", vlabel(order[k]));
    fprintf(out, "<th class=\"n\">%s</th></tr></thead>\n<tbody>\n", _("total"));
}

static void verdict_cells(FILE *out, const uint64_t v[TR_VERDICT__COUNT])
{
    for (int k = 0; k < TR_VERDICT__COUNT; k++) {
        fputs("<td class=\"n\">", out);
        num(out, v[order[k]]);
        fputs("</td>", out);
    }
    fputs("<td class=\"n\">", out);
    num(out, v[0] + v[1] + v[2]);
    fputs("</td></tr>\n", out);
}

static void categories(FILE *out, const tr_report *r)
{
    fprintf(out, "<section id=\"categories\">\n<h2>%s</h2>\n", _("Items per category"));
    verdict_head(out, _("Category"));
    for (int c = 0; c < TR_CAT__COUNT; c++) {
        const uint64_t *v = r->categories[c];
        if (!(v[0] + v[1] + v[2])) continue;
        fprintf(out, "<tr id=\"cat-%s\"><td>%s</td>", tr_category_name((tr_category)c), tr_category_label((tr_category)c));
        verdict_cells(out, v);
    }
    fprintf(out, "</tbody>\n<tfoot><tr><th>%s</th>", _("All items"));
    for (int k = 0; k < TR_VERDICT__COUNT; k++) {
        fputs("<th class=\"n\">", out);
        num(out, r->items[order[k]]);
        fputs("</th>", out);
    }
    fputs("<th class=\"n\">", out);
    num(out, r->items[0] + r->items[1] + r->items[2]);
    fputs("</th></tr></tfoot>\n</table></div>\n", out);
    fprintf(out, "<p class=\"mute\">%s</p>\n</section>\n",
            _("One item is one record: a post, a photo of an album, a comment, a message, a reaction, a file of "
              "account data."));
}

/* "... and 12 more (--format json lists them)." */
static void more_html(FILE *out, uint64_t n)
{
    char b[48];
    fputs("<p>", out);
    fprintf(out, tr_plural(n, "... and %s more (--format json lists it)", "... and %s more (--format json lists them)"),
            tr_i18n_count(n, b, sizeof b));
    fputs("</p>\n", out);
}

static void notes_table(FILE *out, const tr_note *n, size_t count)
{
    fprintf(out, "<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n", _("Path"),
            _("Problem"));
    for (size_t i = 0; i < count && i < HTML_LIST_MAX; i++) {
        fputs("<tr><td class=\"path\">", out);
        tr_html_escape(out, n[i].path);
        fputs("</td><td>", out);
        tr_html_escape(out, n[i].message);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table></div>\n", out);
    if (count > HTML_LIST_MAX) more_html(out, count - HTML_LIST_MAX);
}

static void not_scanned(FILE *out, const tr_report *r)
{
    char c[48];
    fprintf(out, "<section id=\"not-scanned\">\n<h2>%s</h2>\n", _("What was not scanned"));
    if (r->complete && !r->nunmatched)
        fprintf(out, "<p>%s</p>\n", _("Everything in the export was read and classified."));
    if (r->nerrors) {
        fputs("<h3>", out);
        fprintf(out, _("Problems: %s"), tr_i18n_count(r->nerrors, c, sizeof c));
        fprintf(out, "</h3>\n<p>%s</p>\n",
                _("These files could not be read; their items are not counted above, so the totals are too low."));
        notes_table(out, r->errors, r->nerrors);
    }
    if (r->nunmatched) {
        fputs("<h3>", out);
        fprintf(out, tr_plural(r->nunmatched, "Not classified: %s file", "Not classified: %s files"),
                tr_i18n_count(r->nunmatched, c, sizeof c));
        fprintf(out, "</h3>\n<p>%s</p>\n",
                _("No rule knows these files, so they are not counted. Meta may have added them since the rules were "
                  "written."));
        fprintf(out, "<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th class=\"n\">%s</th></tr></thead>\n<tbody>\n",
                _("Path"), _("Size"));
        for (size_t i = 0; i < r->nunmatched && i < HTML_LIST_MAX; i++) {
            const tr_member *m = tr_tree_member(r->tree, r->unmatched[i]);
            fputs("<tr><td class=\"path\">", out);
            tr_html_escape(out, m->path);
            fputs("</td><td class=\"n\">", out);
            bytes(out, m->size);
            fputs("</td></tr>\n", out);
        }
        fputs("</tbody>\n</table></div>\n", out);
        if (r->nunmatched > HTML_LIST_MAX)
            more_html(out, r->nunmatched - HTML_LIST_MAX);
    }
    if (r->nwarnings) {
        fputs("<h3>", out);
        fprintf(out, _("Warnings: %s"), tr_i18n_count(r->nwarnings, c, sizeof c));
        fprintf(out, "</h3>\n<p>%s</p>\n", _("Worth knowing; nothing was missed."));
        notes_table(out, r->warnings, r->nwarnings);
    }
    fputs("</section>\n", out);
}

/* ---- objection ---------------------------------------------------------------------------- */

static void split_section(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    static const char *const label[3] = {N_("before it: could already have been used"),
                                         N_("on or after it: protected by it"), N_("without a date")};
    tr_split s;
    char d[64];
    tr_split_kind kind = tr_objection_split_kind(o->region, o->objected_on);

    tr_i18n_date(o->objected_on, d, sizeof d);
    tr_objection_split(r, o->objected_on, &s);
    const uint64_t *rows[3] = {s.before, s.after, s.undated};
    fputs("<section id=\"objected-on\">\n<h2>", out);
    fprintf(out, _("Before and after your objection of %s"), d);
    fputs("</h2>\n", out);
    if (kind == TR_SPLIT_DATES) { /* elsewhere there is nothing to split: the note says so, once */
        fprintf(out, "<p>%s</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th class=\"n\">%s</th>"
                     "<th class=\"n\">%s</th><th class=\"n\">%s</th></tr></thead>\n<tbody>\n",
                _("Items that are eligible or uncertain, by their date:"), _("Dated"), C_("verdict", "eligible"),
                C_("verdict", "uncertain"), _("total"));
        for (int i = 0; i < 3; i++) {
            if (i == 2 && !(s.undated[TR_ELIGIBLE] + s.undated[TR_UNCERTAIN])) break;
            fprintf(out, "<tr id=\"split-%s\"><td>%s</td><td class=\"n\">",
                    i == 0 ? "before" : i == 1 ? "after" : "undated", _(label[i]));
            num(out, rows[i][TR_ELIGIBLE]);
            fputs("</td><td class=\"n\">", out);
            num(out, rows[i][TR_UNCERTAIN]);
            fputs("</td><td class=\"n\">", out);
            num(out, rows[i][TR_ELIGIBLE] + rows[i][TR_UNCERTAIN]);
            fputs("</td></tr>\n", out);
        }
        fputs("</tbody>\n</table></div>\n", out);
    }
    fputs("<p>", out);
    tr_html_escape(out, tr_objection_split_note(o->region, o->objected_on));
    fputs("</p>\n</section>\n", out);
}

/* A list of at most max messages (NULL ends it sooner), translated and
 * escaped. */
static void ul_html(FILE *out, const char *const *items, int max)
{
    fputs("<ul>\n", out);
    for (int i = 0; i < max && items[i]; i++) {
        fputs("<li>", out);
        tr_html_escape(out, _(items[i]));
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

static void forms_html(FILE *out, const tr_region *rg)
{
    fputs("<ul>\n", out);
    for (int i = 0; i < TR_REGION_FORMS && rg->forms[i]; i++) {
        const tr_form *f = rg->forms[i];
        fputs("<li>", out);
        tr_html_escape(out, _(f->label));
        fputs(": ", out);
        if (f->url) {
            fputs("<a class=\"url\" rel=\"noreferrer noopener\" href=\"", out);
            tr_html_escape(out, f->url);
            fputs("\">", out);
            tr_html_escape(out, f->url);
            fputs("</a> <span class=\"mute\">(", out);
            tr_html_escape(out, _(f->published));
            fputs(")</span>", out);
        } else {
            tr_html_escape(out, _(f->how));
        }
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

static void region_html(FILE *out, const tr_region *rg, int detail)
{
    char checked[512];
    fprintf(out, "<h3 id=\"region-%s\">", rg->code);
    tr_html_escape(out, _(rg->name));
    fputs(" <small class=\"mute\">", out);
    tr_html_escape(out, tr_region_checked(rg, checked, sizeof checked));
    fputs("</small></h3>\n<p>", out);
    tr_html_escape(out, _(rg->summary));
    fputs("</p>\n", out);
    if (!detail) return;
    ul_html(out, rg->points, TR_REGION_POINTS);
    if (rg->forms[0]) {
        fprintf(out, "<p>%s</p>\n", _("Where to object:"));
        forms_html(out, rg);
    }
}

/* The letter, with the line that marks the personal reason highlighted. */
static void letter_html(FILE *out, const char *letter)
{
    fputs("<pre class=\"letter\" id=\"letter\">", out);
    for (const char *line = letter; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        int mark = len >= 3 && !strncmp(line, ">>>", 3);
        if (mark) fputs("<mark>", out);
        html_escape_n(out, line, len);
        if (mark) fputs("</mark>", out);
        if (nl) fputc('\n', out);
        line += len + (nl ? 1 : 0);
    }
    fputs("</pre>\n", out);
}

static int what_you_can_do(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    const tr_region *rg = tr_region_find(o->region);
    char *letter = NULL, stale[1024];

    fprintf(out, "<section id=\"what-you-can-do\">\n<h2>%s</h2>\n", _("What you can do"));
    if (o->has_today && tr_objection_stale(rg, o->today, stale, sizeof stale)) {
        fputs("<p class=\"alert\" id=\"facts-stale\">", out);
        tr_html_escape(out, stale);
        fputs("</p>\n", out);
    }
    if (rg) {
        region_html(out, rg, 1);
    } else {
        fputs("<p>", out);
        fprintf(out, _("It depends on where you live (%s shows one region in detail)."),
                "<code>--region eu|ch|uk|br|kr|us|other</code>");
        fputs("</p>\n", out);
        for (size_t i = 0; i < tr_region_count(); i++) region_html(out, tr_region_at(i), i == 0);
    }
    fputs("<p class=\"note\">", out);
    tr_html_escape(out, _(TR_FACTS_NOTE));
    fputs("</p>\n", out);
    if (r->minor == 1) {
        fputs("<p class=\"note\">", out);
        tr_html_escape(out, tr_objection_minor_note());
        fputs("</p>\n", out);
    }
    if (!rg || rg->objection) {
        letter = tr_objection_letter(r, rg ? rg->code : "eu", o->show_email);
        if (!letter) return -1;
        fprintf(out, "<h3>%s</h3>\n<p>%s</p>\n", rg ? _("Objection text") : _("Objection text (EU/EEA)"),
                strstr(letter, ">>>") ? _("Paste it into the form and replace the highlighted line with your own "
                                          "reason. It holds numbers only, never the content of your posts.")
                                      : _("Paste it into the form. It holds numbers only, never the content of "
                                          "your posts."));
        letter_html(out, letter);
        free(letter);
    }
    fputs("</section>\n", out);
    return 0;
}

/* ---- export details and items --------------------------------------------------------- */

/* The dates and facts of one account, as table rows. */
static void account_rows(FILE *out, const tr_account *ac, const tr_report_opts *o)
{
    char d[64];
    const tr_fact *email = tr_account_fact(ac, "email");
    int given = ac->has_birth_date && ac->birth_date_source && !strcmp(ac->birth_date_source, "option");

    fprintf(out, "<tr><th>%s</th><td>", _("As of"));
    if (ac->has_as_of) {
        tr_i18n_date(ac->as_of, d, sizeof d);
        fprintf(out, "%s (%s)", d, tr_as_of_words(ac->as_of_source));
    } else {
        fputs(_("unknown"), out);
    }
    fputs("</td></tr>\n", out);
    if (email && email->text && *email->text) {
        fprintf(out, "<tr><th>%s</th><td>", _("E-mail"));
        if (o->show_email) tr_html_escape(out, email->text);
        else fputs(_("recorded (left out so that this report can be shared; see --show-email)"), out);
        fputs("</td></tr>\n", out);
    }
    fprintf(out, "<tr><th>%s</th><td>%s", _("Birth date"),
            !ac->has_birth_date ? _("not recorded in the export")
            : ac->minor == 1    ? _("recorded: under 18 on the as-of date")
            : ac->minor == 0    ? _("recorded: 18 or older on the as-of date")
                                : _("recorded"));
    if (given) fprintf(out, " (%s)", _("given with --birth-date"));
    fputs("</td></tr>\n", out);
    if (ac->platforms & TR_PLAT_INSTAGRAM)
        fprintf(out, "<tr><th>%s</th><td>%s</td></tr>\n", _("Instagram account"),
                ac->private_account == 1   ? _("private")
                : ac->private_account == 0 ? _("public")
                                           : _("privacy not recorded"));
    if (ac->future_items) {
        fprintf(out, "<tr><th>%s</th><td>", _("Dated in the future"));
        fprintf(out, tr_plural(ac->future_items, "%s item dated after the export's date (left out of charts and date ranges)",
                            "%s items dated after the export's date (left out of charts and date ranges)"),
                tr_i18n_count(ac->future_items, d, sizeof d));
        fputs("</td></tr>\n", out);
    }
}

static void export_details(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    char e[48], u[48], p[48];
    fprintf(out, "<section id=\"export\">\n<h2>%s</h2>\n<div class=\"scroll\"><table>\n<tbody>\n", _("The export"));
    fprintf(out, "<tr><th>%s</th><td>%s</td></tr>\n<tr><th>%s</th><td>", _("Platform"), tr_platform_label(r->platforms),
            _("Layout"));
    for (size_t i = 0; i < r->nlayouts; i++) {
        if (i) fputs(", ", out);
        tr_html_escape(out, r->layouts[i]);
    }
    fprintf(out, " (%s)</td></tr>\n<tr><th>%s</th><td>",
            !strcmp(r->format, "json")    ? _("JSON files")
            : !strcmp(r->format, "html")  ? _("HTML files")
            : !strcmp(r->format, "mixed") ? _("JSON and HTML files")
                                          : _("no readable files"),
            tr_tree_is_folder(r->tree) ? _("Folder") : _("Parts"));
    part_names(out, r, "<br>");
    fputs("</td></tr>\n", out);
    for (size_t a = 0; a < r->naccounts; a++) {
        const tr_account *ac = &r->accounts[a];
        if (r->naccounts > 1) {
            fputs("<tr><th>", out);
            fprintf(out, _("Account %s"), tr_i18n_count(a + 1, e, sizeof e));
            fputs("</th><td><span class=\"path\">", out);
            tr_html_escape(out, ac->name);
            fprintf(out, "</span> (%s)", ac->platforms ? tr_platform_label(ac->platforms) : _("no known layout"));
            fprintf(out, _(": eligible %s, uncertain %s, private %s."), tr_i18n_count(ac->items[TR_ELIGIBLE], e, sizeof e),
                    tr_i18n_count(ac->items[TR_UNCERTAIN], u, sizeof u), tr_i18n_count(ac->items[TR_PRIVATE], p, sizeof p));
            fputs("</td></tr>\n", out);
        }
        account_rows(out, ac, o);
    }
    fputs("</tbody>\n</table></div>\n</section>\n", out);
}

/* Reason groups larger than this are listed closed, so that a page with
 * tens of thousands of items opens fast (a closed <details> is not laid
 * out). */
#define GROUP_OPEN_MAX 100

static const char *verdict_heading(tr_verdict v, uint64_t n)
{
    switch (v) {
    case TR_ELIGIBLE: return tr_plural(n, "Could feed Meta's AI (eligible): %s item", "Could feed Meta's AI (eligible): %s items");
    case TR_UNCERTAIN: return tr_plural(n, "Depend on their audience (uncertain): %s item", "Depend on their audience (uncertain): %s items");
    default: return tr_plural(n, "Private: %s item", "Private: %s items");
    }
}

static void item_row(FILE *out, const tr_report *r, const tr_report_opts *o, const tr_item *it)
{
    char t[32];
    fputs("<tr><td class=\"d\">", out);
    if (it->has_time) {
        tr_time_iso(it->time, t);
        fprintf(out, "%.10s", t);
    }
    fprintf(out, "</td><td class=\"c\">%s</td><td class=\"path\">", tr_category_label((tr_category)it->category));
    tr_html_escape(out, tr_tree_member(r->tree, it->member)->path);
    fprintf(out, " #%" PRIu32 "</td>", it->index);
    if (o->show_text) {
        fputs("<td class=\"text\">", out);
        if (tr_report_text_shown(o, it)) tr_html_escape(out, it->text);
        fputs("</td>", out);
    }
    fputs("</tr>\n", out);
}

/* Private items per file, in one closed <details>. */
static void private_files_html(FILE *out, const tr_report *r)
{
    size_t files = 0;
    for (size_t i = 0; i < r->nitems;) {
        uint32_t m = r->item[i].member;
        int any = 0;
        for (; i < r->nitems && r->item[i].member == m; i++) any |= r->item[i].verdict == TR_PRIVATE;
        files += any;
    }
    fprintf(out, "<details>\n<summary>");
    char b[48];
    fprintf(out, tr_plural(files, "Per file: %s file", "Per file: %s files"), tr_i18n_count(files, b, sizeof b));
    fprintf(out, " <span class=\"mute\">(%s)</span></summary>\n"
                 "<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th class=\"n\">%s</th></tr></thead>\n<tbody>\n",
            _("--verdict private lists each item"), _("File"), _("Items"));
    for (size_t i = 0; i < r->nitems;) {
        uint32_t m = r->item[i].member;
        uint64_t n = 0;
        for (; i < r->nitems && r->item[i].member == m; i++) n += r->item[i].verdict == TR_PRIVATE;
        if (!n) continue;
        fputs("<tr><td class=\"path\">", out);
        tr_html_escape(out, tr_tree_member(r->tree, m)->path);
        fputs("</td><td class=\"n\">", out);
        num(out, n);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table></div>\n</details>\n", out);
}

static int items_section(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    size_t n, *idx;
    char b[48];

    if (tr_items_listed(r, o, &idx, &n) != 0) return -1;
    fprintf(out, "<section id=\"items\">\n<h2>%s</h2>\n<p class=\"mute\">%s</p>\n", _("The items"),
            _("Grouped by verdict and reason; the oldest first in each group."));
    if (!n) fprintf(out, "<p>%s</p>\n", _("None with the verdicts asked for."));
    for (size_t j = 0; j < n;) {
        tr_verdict v = (tr_verdict)r->item[idx[j]].verdict;
        size_t vend = j;
        while (vend < n && r->item[idx[vend]].verdict == v) vend++;
        fprintf(out, "<h3 id=\"list-%s-h\"><span class=\"sw %s\"></span>", tr_verdict_name(v), vclass[v]);
        char d[128], c[48];
        snprintf(d, sizeof d, "<data id=\"list-%s\" value=\"%zu\">%s</data>", tr_verdict_name(v), vend - j,
                 tr_i18n_count(vend - j, c, sizeof c));
        fprintf(out, verdict_heading(v, vend - j), d);
        fputs("</h3>\n", out);
        if (v == TR_PRIVATE && !(o->verdicts & TR_VERDICT_BIT(TR_PRIVATE)) && !o->show_private_text) {
            private_files_html(out, r);
            j = vend;
            continue;
        }
        while (j < vend) {
            const char *reason = tr_item_reason(r, &r->item[idx[j]]);
            size_t e = j;
            while (e < vend && !strcmp(tr_item_reason(r, &r->item[idx[e]]), reason)) e++;
            fprintf(out, "<details class=\"group\"%s>\n<summary>", e - j <= GROUP_OPEN_MAX && v != TR_PRIVATE ? " open" : "");
            tr_html_escape(out, _(reason)); /* the built-in rules' reasons are in the catalogs */
            fprintf(out, " <span class=\"mute\">(");
            fprintf(out, tr_plural(e - j, "%s item", "%s items"), tr_i18n_count(e - j, b, sizeof b));
            fprintf(out, ")</span></summary>\n<div class=\"scroll\"><table class=\"items\">\n<thead><tr><th>%s</th>"
                         "<th>%s</th><th>%s</th>",
                    _("Date"), _("Category"), _("File"));
            if (o->show_text) fprintf(out, "<th>%s</th>", _("Text"));
            fputs("</tr></thead>\n<tbody>\n", out);
            for (; j < e; j++) item_row(out, r, o, &r->item[idx[j]]);
            fputs("</tbody>\n</table></div>\n</details>\n", out);
        }
    }
    fputs("</section>\n", out);
    free(idx);
    return ferror(out) ? -1 : 0;
}

/* ---- what to do about uncertain items ------------------------------------------------ */

static void audience_html(FILE *out, const tr_report *r)
{
    fprintf(out, "<section id=\"uncertain-steps\">\n<h2>%s</h2>\n<p>", _("What to do about uncertain items"));
    tr_html_escape(out, _(tr_audience_intro()));
    fputs(" <span class=\"mute\">", out);
    fprintf(out, _("(steps checked %s)"), _(tr_audience_checked()));
    fputs("</span></p>\n", out);
    for (size_t i = 0; i < tr_audience_count(); i++) {
        const tr_audience *a = tr_audience_at(i);
        if (!(r->platforms & a->platform)) continue;
        fputs("<h3>", out);
        tr_html_escape(out, a->title);
        fputs("</h3>\n", out);
        ul_html(out, a->steps, TR_AUDIENCE_STEPS);
    }
    fputs("<p class=\"mute\">", out);
    tr_html_escape(out, _(tr_audience_caveat()));
    fputs("</p>\n</section>\n", out);
}

int tr_write_html(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    tr_years y;
    int rc = -1;
    char c[48];
    char *version = NULL, *rname = NULL, *rversion = NULL, *rorigin = NULL;

    if (tr_years_count(r, &y) != 0) return -1;
    version = escaped(o->tool_version);
    rname = escaped(r->rules->name ? r->rules->name : _("(unnamed)"));
    rversion = escaped(r->rules->version ? r->rules->version : "");
    rorigin = escaped(r->rules->origin ? r->rules->origin : _("built-in"));
    if (!version || !rname || !rversion || !rorigin) goto out;
    head(out, o);
    header(out, r);
    headline(out, r, o);
    year_chart(out, r, &y);
    media_chart(out, r);
    categories(out, r);
    if (o->has_objected_on) split_section(out, r, o);
    not_scanned(out, r);
    if (r->items[TR_UNCERTAIN]) audience_html(out, r);
    if (what_you_can_do(out, r, o) != 0) goto out;
    export_details(out, r, o);
    if ((o->items || o->show_text) && items_section(out, r, o) != 0) goto out;
    fputs("</main>\n<footer><p>", out);
    fprintf(out, _("Made by trainable %s on your own computer; nothing was uploaded."), version);
    fputc(' ', out);
    fprintf(out, tr_plural(r->rules->nrules, "Rules: %s %s (%s rule; %s).", "Rules: %s %s (%s rules; %s)."), rname,
            rversion, tr_i18n_count(r->rules->nrules, c, sizeof c), rorigin);
    fprintf(out, " %s", _("Verdicts follow Meta's published statements; they are not legal advice."));
    if (!o->show_text) fprintf(out, " %s", _("This report holds no text of your posts or messages."));
    fputs("</p></footer>\n</body>\n</html>\n", out);
    rc = ferror(out) ? -1 : 0;
out:
    free(version);
    free(rname);
    free(rversion);
    free(rorigin);
    tr_years_free(&y);
    return rc;
}
