/* draft.h - rule drafts for the files of an export that no rule knows.
 *
 * `trainable rules draft` reads the structure of an export (the JSON of
 * tr_schema, made from the export or read back from a file a user sent) and
 * writes one `rule` block for each unmatched JSON or HTML file:
 *   - an anchored path pattern generalised from the path (digit runs become
 *     \d+, thread folders and other names [^/]+, apostrophes ['_]);
 *   - the platform (the export's only one, else the layout marker that fits);
 *   - `category TODO` and `verdict TODO`, with the nearest existing rule
 *     (same folder, else the longest common folder prefix) named in a
 *     comment above them: the rule loader refuses TODO until a person decides;
 *   - records, text and time selectors guessed from the file's keys;
 *   - a `match` example (a path made from the generalised one).
 * Filled in, a block passes `rules check --extra-rules DIR` and claims its
 * file in `scan --extra-rules DIR`. Schemas hold no values, so neither do
 * drafts.
 *
 * The library never prints: the drafts come back as text.
 */
#ifndef TR_DRAFT_H
#define TR_DRAFT_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"
#include "rules.h"

/* Draft rules for the unmatched members of schema (borrowed), with rules
 * (borrowed) for ids, hints, platforms and to pass over files a rule of this
 * set already decides. On TR_OK *text is the malloc'd rule text (caller
 * frees) and *ndrafts the number of rule blocks in it. A schema that is not
 * tr_schema's JSON gives TR_ERR_USAGE with *errmsg (caller frees). */
tr_err tr_draft(const json_t *schema, const tr_rules *rules, char **text, size_t *ndrafts, char **errmsg);

#endif
