/* test_i18n.c - unit tests of the reader's language (i18n.h): the .mo
 * reader on the embedded catalogs and on broken images, the plural rules,
 * the language from the environment, numbers and dates per language, and
 * that every translation keeps the placeholders of its message; plus the
 * region names --region accepts and the staleness of the facts
 * (objection.h). */
#include "tt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "objection.h"

static const tr_catalog_bytes *catalog(const char *lang)
{
    for (const tr_catalog_bytes *c = tr_embedded_catalogs; c->lang; c++)
        if (!strcmp(c->lang, lang)) return c;
    return NULL;
}

/* ---- the .mo reader ---------------------------------------------------------- */

TT_TEST(every_language_has_a_valid_catalog)
{
    for (size_t i = 1; tr_i18n_lang_at(i); i++) {
        const tr_catalog_bytes *c = catalog(tr_i18n_lang_at(i));
        TT_ASSERT(c != NULL);
        if (c) TT_INT_EQ(tr_mo_check(c->mo, c->len), 0);
    }
    TT_ASSERT(tr_i18n_lang_at(0) && !strcmp(tr_i18n_lang_at(0), "en"));
    TT_ASSERT(tr_i18n_lang_at(7) == NULL);
}

TT_TEST(broken_mo_is_refused)
{
    const tr_catalog_bytes *c = catalog("fr");
    unsigned char *copy;

    TT_INT_EQ(tr_mo_check(NULL, 0), -1);
    TT_INT_EQ(tr_mo_check((const unsigned char *)"not a catalog at all, no", 24), -1);
    if (!c) return;
    /* cut anywhere: the tables or the strings fall outside */
    TT_INT_EQ(tr_mo_check(c->mo, 27), -1);
    TT_INT_EQ(tr_mo_check(c->mo, c->len / 2), -1);
    TT_INT_EQ(tr_mo_check(c->mo, c->len - 1), -1);
    copy = malloc(c->len);
    TT_ASSERT(copy != NULL);
    if (!copy) return;
    /* a string offset pointing past the end */
    memcpy(copy, c->mo, c->len);
    uint32_t orig = (uint32_t)copy[12] | (uint32_t)copy[13] << 8 | (uint32_t)copy[14] << 16 | (uint32_t)copy[15] << 24;
    copy[orig + 4] = copy[orig + 5] = copy[orig + 6] = copy[orig + 7] = 0xff;
    TT_INT_EQ(tr_mo_check(copy, c->len), -1);
    /* originals out of order: the binary search would miss messages */
    memcpy(copy, c->mo, c->len);
    unsigned char d[8];
    memcpy(d, copy + orig + 8, 8);
    memcpy(copy + orig + 8, copy + orig + 16, 8);
    memcpy(copy + orig + 16, d, 8);
    TT_INT_EQ(tr_mo_check(copy, c->len), -1);
    /* a bad magic number */
    memcpy(copy, c->mo, c->len);
    copy[0] ^= 0xff;
    TT_INT_EQ(tr_mo_check(copy, c->len), -1);
    free(copy);
}

TT_TEST(lookup_finds_every_original)
{
    const tr_catalog_bytes *c = catalog("de");
    size_t len;
    if (!c) return;
    TT_STR_EQ(tr_mo_lookup(c->mo, c->len, "What you can do", &len), "Was Sie tun können");
    TT_ASSERT(tr_mo_lookup(c->mo, c->len, "no such message", &len) == NULL);
    TT_ASSERT(tr_mo_lookup(c->mo, c->len, "", &len) != NULL); /* the header */
}

/* Every {TOKEN} of a message is in each of its translations, as often. */
static void tokens_kept(const char *lang, const char *id, const char *tr)
{
    for (const char *p = strchr(id, '{'); p; p = strchr(p + 1, '{')) {
        const char *e = strchr(p, '}');
        if (!e || e - p > 12) continue;
        char tok[16];
        memcpy(tok, p, (size_t)(e - p + 1));
        tok[e - p + 1] = '\0';
        size_t in_id = 0, in_tr = 0;
        for (const char *q = strstr(id, tok); q; q = strstr(q + 1, tok)) in_id++;
        for (const char *q = strstr(tr, tok); q; q = strstr(q + 1, tok)) in_tr++;
        if (in_id != in_tr) TT_FAIL_("%s: %s appears %zu times in \"%.50s\", %zu in its translation", lang, tok, in_id, id, in_tr);
    }
}

TT_TEST(translations_keep_placeholders)
{
    for (const tr_catalog_bytes *c = tr_embedded_catalogs; c->lang; c++) {
        const unsigned char *m = c->mo;
        uint32_t n = (uint32_t)m[8] | (uint32_t)m[9] << 8 | (uint32_t)m[10] << 16 | (uint32_t)m[11] << 24;
        uint32_t orig = (uint32_t)m[12] | (uint32_t)m[13] << 8 | (uint32_t)m[14] << 16 | (uint32_t)m[15] << 24;
        for (uint32_t i = 0; i < n; i++) {
            const unsigned char *d = m + orig + (size_t)i * 8;
            uint32_t off = (uint32_t)d[4] | (uint32_t)d[5] << 8 | (uint32_t)d[6] << 16 | (uint32_t)d[7] << 24;
            const char *id = (const char *)m + off;
            const char *tr = tr_mo_lookup(m, c->len, id, NULL);
            TT_ASSERT(tr != NULL);
            if (!tr || !*id) continue;
            const char *eot = strchr(id, '\004');
            tokens_kept(c->lang, eot ? eot + 1 : id, tr);
        }
    }
}

/* ---- plural, language, environment ----------------------------------------------- */

TT_TEST(plural_rules)
{
    TT_INT_EQ(tr_i18n_plural("en", 0), 1);
    TT_INT_EQ(tr_i18n_plural("en", 1), 0);
    TT_INT_EQ(tr_i18n_plural("de", 2), 1);
    TT_INT_EQ(tr_i18n_plural("fr", 0), 0); /* "0 élément" */
    TT_INT_EQ(tr_i18n_plural("fr", 1), 0);
    TT_INT_EQ(tr_i18n_plural("fr", 2), 1);
    TT_INT_EQ(tr_i18n_plural("pt", 0), 1);
    TT_INT_EQ(tr_i18n_set("fr"), 0);
    TT_STR_EQ(tr_ngettext("%s item", "%s items", 0), "%s élément");
    TT_STR_EQ(tr_ngettext("%s item", "%s items", 2), "%s éléments");
    TT_INT_EQ(tr_i18n_set("de"), 0);
    TT_STR_EQ(tr_ngettext("%s item", "%s items", 0), "%s Elemente");
    TT_STR_EQ(tr_ngettext("%s item", "%s items", 1), "%s Element");
    TT_INT_EQ(tr_i18n_set("en"), 0);
    TT_STR_EQ(tr_ngettext("%s item", "%s items", 0), "%s items");
    TT_STR_EQ(tr_ngettext("unknown one", "unknown many", 1), "unknown one");
}

TT_TEST(set_and_lookup)
{
    TT_INT_EQ(tr_i18n_set("xx"), -1);
    TT_INT_EQ(tr_i18n_set(NULL), -1);
    TT_STR_EQ(tr_i18n_lang(), "en");
    TT_STR_EQ(_("What you can do"), "What you can do");
    TT_INT_EQ(tr_i18n_set("it"), 0);
    TT_STR_EQ(tr_i18n_lang(), "it");
    TT_STR_EQ(_("What you can do"), "Cosa puoi fare");
    TT_STR_EQ(_("a message nobody translated"), "a message nobody translated");
    TT_STR_EQ(C_("month", "July"), "luglio");
    TT_STR_EQ(C_("no such context", "July"), "July");
    for (size_t i = 1; tr_i18n_lang_at(i); i++) { /* every language translates this */
        TT_INT_EQ(tr_i18n_set(tr_i18n_lang_at(i)), 0);
        TT_ASSERT(strcmp(_("What you can do"), "What you can do") != 0);
    }
    tr_i18n_set("en");
}

TT_TEST(language_of_a_locale)
{
    TT_STR_EQ(tr_i18n_from_locale("fr"), "fr");
    TT_STR_EQ(tr_i18n_from_locale("fr_FR.UTF-8"), "fr");
    TT_STR_EQ(tr_i18n_from_locale("pt_BR"), "pt");
    TT_STR_EQ(tr_i18n_from_locale("de_CH.utf8@euro"), "de");
    TT_STR_EQ(tr_i18n_from_locale("nl-BE"), "nl");
    TT_ASSERT(tr_i18n_from_locale("C") == NULL);
    TT_ASSERT(tr_i18n_from_locale("C.UTF-8") == NULL);
    TT_ASSERT(tr_i18n_from_locale("POSIX") == NULL);
    TT_ASSERT(tr_i18n_from_locale("fra") == NULL);
    TT_ASSERT(tr_i18n_from_locale("ja_JP.UTF-8") == NULL);
    TT_ASSERT(tr_i18n_from_locale(NULL) == NULL);
}

TT_TEST(language_from_the_environment)
{
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    TT_STR_EQ(tr_i18n_from_env(), "en");
    setenv("LANG", "fr_FR.UTF-8", 1);
    TT_STR_EQ(tr_i18n_from_env(), "fr");
    setenv("LC_MESSAGES", "es_ES.UTF-8", 1);
    TT_STR_EQ(tr_i18n_from_env(), "es");
    setenv("LC_ALL", "C.UTF-8", 1); /* C overrides what follows: English */
    TT_STR_EQ(tr_i18n_from_env(), "en");
    setenv("LC_ALL", "", 1); /* empty: ignored */
    TT_STR_EQ(tr_i18n_from_env(), "es");
    setenv("LANGUAGE", "ja:pt_BR:de", 1); /* the first of ours */
    TT_STR_EQ(tr_i18n_from_env(), "pt");
    setenv("LANGUAGE", "ja", 1); /* none of ours: the locale decides */
    TT_STR_EQ(tr_i18n_from_env(), "es");
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
}

/* ---- numbers and dates -------------------------------------------------------------- */

TT_TEST(numbers_per_language)
{
    char b[64];
    tr_i18n_set("en");
    TT_STR_EQ(tr_i18n_count(1234567, b, sizeof b), "1,234,567");
    TT_STR_EQ(tr_i18n_count(999, b, sizeof b), "999");
    TT_STR_EQ(tr_i18n_count(0, b, sizeof b), "0");
    TT_STR_EQ(tr_i18n_bytes(24900, b, sizeof b), "24.9 KB");
    TT_STR_EQ(tr_i18n_bytes(999, b, sizeof b), "999 B");
    TT_STR_EQ(tr_i18n_bytes(999960, b, sizeof b), "1.0 MB");
    tr_i18n_set("fr");
    TT_STR_EQ(tr_i18n_count(1234, b, sizeof b), "1\xe2\x80\xaf" "234"); /* narrow no-break space */
    TT_STR_EQ(tr_i18n_bytes(24900000, b, sizeof b), "24,9 Mo");
    tr_i18n_set("de");
    TT_STR_EQ(tr_i18n_count(1234, b, sizeof b), "1.234");
    TT_STR_EQ(tr_i18n_bytes(1500, b, sizeof b), "1,5 kB");
    tr_i18n_set("pt");
    TT_STR_EQ(tr_i18n_count(1234567, b, sizeof b), "1.234.567");
    /* a small buffer is cut, never overrun */
    TT_STR_EQ(tr_i18n_count(1234567, b, 4), "1.2");
    tr_i18n_set("en");
}

TT_TEST(dates_per_language)
{
    char b[64];
    tr_date d = {2025, 7, 15}, first = {2025, 7, 1};
    const struct { const char *lang, *d, *first; } want[] = {
        {"en", "15 July 2025", "1 July 2025"},
        {"fr", "15 juillet 2025", "1er juillet 2025"},
        {"de", "15. Juli 2025", "1. Juli 2025"},
        {"es", "15 de julio de 2025", "1 de julio de 2025"},
        {"it", "15 luglio 2025", "1º luglio 2025"},
        {"nl", "15 juli 2025", "1 juli 2025"},
        {"pt", "15 de julho de 2025", "1º de julho de 2025"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        TT_INT_EQ(tr_i18n_set(want[i].lang), 0);
        TT_STR_EQ(tr_i18n_date(d, b, sizeof b), want[i].d);
        TT_STR_EQ(tr_i18n_date(first, b, sizeof b), want[i].first);
    }
    tr_i18n_set("en");
    tr_date bad = {2025, 13, 1};
    TT_STR_EQ(tr_i18n_date(bad, b, sizeof b), "2025-13-01");
}

/* ---- regions ---------------------------------------------------------------------------- */

TT_TEST(region_names)
{
    const struct { const char *in, *code; } want[] = {
        {"eu", "eu"}, {"FR", "eu"}, {"fr", "eu"}, {"de", "eu"}, {"germany", "eu"}, {"Germany", "eu"},
        {"pt", "eu"}, {"Portugal", "eu"}, {"no", "eu"}, {"li", "eu"}, {"the-netherlands", "eu"},
        {"gb", "uk"}, {"GB", "uk"}, {"uk", "uk"}, {"United Kingdom", "uk"}, {"united_kingdom", "uk"},
        {"ch", "ch"}, {"Switzerland", "ch"}, {"br", "br"}, {"Brasil", "br"}, {"kr", "kr"},
        {"south korea", "kr"}, {"  South   Korea ", "kr"}, {"us", "us"}, {"USA", "us"}, {"other", "other"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const tr_region *rg = tr_region_lookup(want[i].in);
        if (!rg) TT_FAIL_("'%s' is no region", want[i].in);
        else TT_STR_EQ(rg->code, want[i].code);
    }
    TT_ASSERT(tr_region_lookup("mars") == NULL);
    TT_ASSERT(tr_region_lookup("") == NULL);
    TT_ASSERT(tr_region_lookup(NULL) == NULL);
    TT_ASSERT(tr_region_lookup("au") == NULL); /* no region of its own: "other" */
    TT_ASSERT(tr_region_find("kr") && !tr_region_find("kr")->objection);
}

TT_TEST(facts_go_stale_after_12_months)
{
    char b[1024];
    tr_date newest = tr_region_at(0)->checked;
    for (size_t i = 1; i < tr_region_count(); i++)
        if (tr_date_to_days(tr_region_at(i)->checked) > tr_date_to_days(newest)) newest = tr_region_at(i)->checked;
    tr_date year_later = {newest.year + 1, newest.month, newest.day};
    tr_date day_after = tr_date_from_days(tr_date_to_days(year_later) + 1);
    tr_i18n_set("en");
    TT_INT_EQ(tr_objection_stale(NULL, newest, b, sizeof b), 0);
    TT_STR_EQ(b, "");
    TT_INT_EQ(tr_objection_stale(NULL, year_later, b, sizeof b), 0);
    TT_INT_EQ(tr_objection_stale(NULL, day_after, b, sizeof b), 1);
    TT_ASSERT(strstr(b, "may have changed") != NULL);
    TT_INT_EQ(tr_objection_stale(tr_region_find("uk"), day_after, b, sizeof b), 1);
    TT_ASSERT(strstr(b, "ico.org.uk") != NULL);
    for (size_t i = 0; i < tr_region_count(); i++) TT_ASSERT(tr_date_valid(tr_region_at(i)->checked));
}

TT_TEST(split_kinds)
{
    tr_date early = {2025, 5, 1}, late = {2025, 6, 1};
    TT_INT_EQ(tr_objection_split_kind("us", late), TR_SPLIT_NONE);
    TT_INT_EQ(tr_objection_split_kind("kr", late), TR_SPLIT_NONE);
    TT_INT_EQ(tr_objection_split_kind("other", early), TR_SPLIT_NONE);
    TT_INT_EQ(tr_objection_split_kind("eu", early), TR_SPLIT_ALL_COVERED);
    TT_INT_EQ(tr_objection_split_kind("ch", early), TR_SPLIT_ALL_COVERED);
    TT_INT_EQ(tr_objection_split_kind("eu", late), TR_SPLIT_DATES);
    TT_INT_EQ(tr_objection_split_kind("uk", early), TR_SPLIT_DATES);
    TT_INT_EQ(tr_objection_split_kind(NULL, early), TR_SPLIT_DATES);
}

int main(void)
{
    TT_RUN(every_language_has_a_valid_catalog);
    TT_RUN(broken_mo_is_refused);
    TT_RUN(lookup_finds_every_original);
    TT_RUN(translations_keep_placeholders);
    TT_RUN(plural_rules);
    TT_RUN(set_and_lookup);
    TT_RUN(language_of_a_locale);
    TT_RUN(language_from_the_environment);
    TT_RUN(numbers_per_language);
    TT_RUN(dates_per_language);
    TT_RUN(region_names);
    TT_RUN(facts_go_stale_after_12_months);
    TT_RUN(split_kinds);
    return tt_done();
}
