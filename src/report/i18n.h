/* i18n.h - the reader's language: translated messages, numbers and dates.
 *
 * The message catalogs are gettext's: po/<lang>.po, compiled by msgfmt at
 * build time and embedded in the binary as .mo bytes (cmake/embed_mo.cmake),
 * so a language works where its locale is not installed, and without libintl
 * (a browser build). This module reads those bytes itself: a binary search
 * over the sorted originals, and the plural rule of each language.
 *
 * Mark a message with _("...") where it is used, N_("...") in a static table
 * (translate it with _() when it is written), C_("context", "...") and
 * NC_("context", "...") when a short word needs a context, and
 * tr_ngettext() for counts. scripts/update-po extracts them into
 * po/trainable.pot with xgettext.
 *
 * The language is process-wide: set it once, before writing anything
 * (tr_i18n_set). English is the source language and needs no catalog.
 * Everything returned is static data (the embedded catalogs or the
 * message itself); nothing is allocated.
 */
#ifndef TR_I18N_H
#define TR_I18N_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

#define _(s) tr_gettext(s)
#define N_(s) s
#define NC_(ctx, s) ctx "\004" s
#define C_(ctx, s) tr_pgettext(ctx "\004" s)

/* One compiled catalog: a language code and its .mo bytes. */
typedef struct tr_catalog_bytes {
    const char *lang;
    const unsigned char *mo;
    size_t len;
} tr_catalog_bytes;

/* The catalogs embedded at build time (generated source), ending with
 * {NULL, NULL, 0}. */
extern const tr_catalog_bytes tr_embedded_catalogs[];

/* The languages, "en" first; NULL past the end. */
const char *tr_i18n_lang_at(size_t i);
/* "en, fr, de, es, it, nl or pt" */
const char *tr_i18n_lang_list(void);

/* The language code ("fr") of a locale name ("fr", "fr_FR.UTF-8", "pt_BR",
 * "de-CH"), if it is one of ours; NULL otherwise ("C", "POSIX", "ja_JP"). */
const char *tr_i18n_from_locale(const char *locale);

/* The language the environment asks for: the first entry of LANGUAGE (a
 * colon-separated list) that is one of ours, else the first of LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty (as POSIX: "C" there means
 * English). "en" when none says otherwise. Never NULL. */
const char *tr_i18n_from_env(void);

/* Use language `lang` from now on. Returns 0, or -1 when lang is not one
 * of ours or its catalog is unreadable (the language stays as it was). */
int tr_i18n_set(const char *lang);
/* The current language code ("en" until tr_i18n_set). */
const char *tr_i18n_lang(void);

/* The translation of msgid, or msgid itself. */
const char *tr_gettext(const char *msgid);
/* The translation of key "context\004msgid", or the msgid part of key. */
const char *tr_pgettext(const char *key);
/* The translation of a message with a plural, chosen for n by the
 * language's rule (n != 1, French n > 1), or singular/plural themselves. */
const char *tr_ngettext(const char *singular, const char *plural, uint64_t n);

/* The plural form index of n in language lang (0 or 1). */
int tr_i18n_plural(const char *lang, uint64_t n);

/* Check a .mo image: 0 when it is well formed (every string inside it and
 * NUL-terminated), -1 otherwise. Exposed for the unit test. */
int tr_mo_check(const unsigned char *mo, size_t len);
/* Look msgid up in a checked .mo image: its translation (all plural forms,
 * NUL-separated) and their total length, or NULL. */
const char *tr_mo_lookup(const unsigned char *mo, size_t len, const char *msgid, size_t *tlen);

/* v with the language's thousands separator ("1 234" in French, with a
 * narrow no-break space; "1.234" in German) into buf; returns buf. */
char *tr_i18n_count(uint64_t v, char *buf, size_t n);
/* A size in decimal units with the language's decimal mark and unit names
 * ("24,9 Ko"). Returns buf. */
char *tr_i18n_bytes(uint64_t b, char *buf, size_t n);
/* A date the language's way: "15 July 2025", "15 juillet 2025",
 * "15. Juli 2025", "1er juillet 2025". Returns buf (64 bytes are enough). */
char *tr_i18n_date(tr_date d, char *buf, size_t n);

#endif
