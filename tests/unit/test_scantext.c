/* test_scantext.c - which item texts a scan keeps: keep_text keeps every
 * item's text; with skip_private_text (the browser edition) the texts of
 * items decided private are left out, and nothing else changes. Scans a
 * sample export (TR_SOURCE_DIR/samples) with the built-in rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "rules.h"
#include "tt.h"

static tr_rules *g_rules;
static tr_report *g_all, *g_skip;

static tr_report *scan(const char *file, int skip)
{
    tr_scan_options o;
    tr_report *r = NULL;
    char *errmsg = NULL;
    const char *inputs[] = {file};

    memset(&o, 0, sizeof o);
    tr_limits_default(&o.limits);
    o.rules = g_rules;
    o.threads = 1;
    o.keep_text = 1;
    o.skip_private_text = skip;
    if (tr_scan(inputs, 1, &o, &r, &errmsg) != TR_OK) {
        fprintf(stderr, "  tr_scan %s: %s\n", file, errmsg ? errmsg : "failed");
        r = NULL;
    }
    free(errmsg);
    return r;
}

TT_TEST(same_items)
{
    TT_ASSERT(g_all && g_skip);
    TT_INT_EQ(g_skip->nitems, g_all->nitems);
    for (size_t i = 0; i < g_all->nitems; i++) {
        TT_INT_EQ(g_skip->item[i].verdict, g_all->item[i].verdict);
        TT_INT_EQ(g_skip->item[i].rule, g_all->item[i].rule);
    }
}

/* Non-private items keep their texts; private ones lose them. The sample
 * has texts of both kinds, or the test would prove nothing. */
TT_TEST(private_texts_left_out)
{
    size_t shown = 0, left = 0;
    TT_ASSERT(g_all && g_skip && g_skip->nitems == g_all->nitems);
    for (size_t i = 0; i < g_all->nitems; i++) {
        const tr_item *a = &g_all->item[i], *b = &g_skip->item[i];
        if (a->verdict != TR_PRIVATE) {
            TT_ASSERT((a->text == NULL) == (b->text == NULL));
            if (a->text) {
                TT_STR_EQ(b->text, a->text);
                shown++;
            }
        } else if (a->text) {
            TT_ASSERT(b->text == NULL);
            left++;
        }
    }
    TT_ASSERT(shown > 0);
    TT_ASSERT(left > 0);
}

int main(void)
{
    const char *src = getenv("TR_SOURCE_DIR");
    char file[4096];

    snprintf(file, sizeof file, "%s/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip", src ? src : ".");
    if (tr_rules_load_layers(NULL, NULL, 0, NULL, NULL, &g_rules, NULL, NULL) == TR_OK) {
        g_all = scan(file, 0);
        g_skip = scan(file, 1);
    }
    TT_RUN(same_items);
    TT_RUN(private_texts_left_out);
    tr_report_free(g_all);
    tr_report_free(g_skip);
    tr_rules_free(g_rules);
    return tt_done();
}
