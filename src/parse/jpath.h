/* jpath.h - a tiny selector language over tr_jv values.
 *
 * Rules say where records and fields are with selectors:
 *
 *   .                   the value itself
 *   name                member "name" of an object
 *   a.b.c               nested members
 *   "Date of birth"     a quoted member name (spaces, dots, other characters)
 *   "Time|Zeit|Tijd"    alternatives: the first one present is taken
 *   *                   every member value of an object
 *   **                  the value and every value nested in it, at any depth
 *                       (so **.uri is every "uri" member anywhere)
 *   [*]                 every element of an array
 *   [N]                 element N of an array (0-based)
 *
 * Steps are joined with '.', and '[...]' may follow a step directly:
 * "messages[*]", "[*]", "attachments[*].data[*].media.uri",
 * "profile_user[*].string_map_data.\"Private Account\".value".
 * Member names match exactly first, then ignoring ASCII case (Instagram's
 * labels drift: "Private Account" vs "Private account"). A name with
 * non-ASCII characters also matches its mojibake spelling, the way a JSON
 * export writes keys (export-formats.md 6): "Compte privé" finds the member
 * "Compte priv\u00c3\u00a9" of a JSON file as well as "Compte privé".
 *
 * A selector that finds nothing is not an error: it yields no values.
 */
#ifndef TR_JPATH_H
#define TR_JPATH_H

#include <stddef.h>

#include "jdoc.h"

typedef struct tr_jpath tr_jpath;

/* Compile src. On success returns 0 and sets *out (free with tr_jpath_free).
 * On a syntax error returns -1, sets *err_col to the 0-based column in src
 * and *err_msg to a static message. */
int tr_jpath_compile(const char *src, tr_jpath **out, size_t *err_col, const char **err_msg);
void tr_jpath_free(tr_jpath *p);

/* The source text the selector was compiled from (owned by p). */
const char *tr_jpath_source(const tr_jpath *p);

/* Call fn for every value the selector yields from root, in document order
 * (values are borrowed). fn returns 0 to go on, nonzero to stop; tr_jpath_each
 * returns that nonzero value, or 0 when all values were visited. */
typedef int (*tr_jpath_fn)(tr_jv *value, void *user);
int tr_jpath_each(const tr_jpath *p, tr_jv *root, tr_jpath_fn fn, void *user);

/* The first value the selector yields, or NULL (borrowed). */
tr_jv *tr_jpath_first(const tr_jpath *p, tr_jv *root);

#endif
