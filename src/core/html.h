/* html.h - HTML export members, turned into the JSON shape rules read.
 *
 * Meta's HTML exports hold the same records as the JSON ones, as markup
 * (export-formats.md §10). tr_html_load parses one member and returns a JSON
 * document of a fixed shape, so that the same rules serve both formats:
 *
 *   {"title": "<page title>", "name": "<page title>",
 *    "participants": [{"name": "..."}],          (message threads)
 *    "items": [{"title": "...", "text": "...",   (one per top-level item)
 *               "time": <Unix seconds> | null,
 *               "uri": ["<img/video src>", ...]}]}
 *
 * For HTML members the scan takes records from items[*], the time from
 * "time", the text from "title" and "text", media from "uri"; a rule's
 * conditions see the document above ("name" and "participants" mirror the
 * JSON keys album and thread rules test). HTML text is already UTF-8 and is
 * never mojibake-repaired.
 */
#ifndef TR_HTML_H
#define TR_HTML_H

#include <jansson.h>

#include "archive.h"
#include "tr_limits.h"

/* Parse the member read through rd. Returns a new reference, or NULL with
 * *errmsg set to a malloc'd one-line message (caller frees). */
json_t *tr_html_load(tr_reader *rd, const tr_limits *limits, char **errmsg);

#endif
