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
 *               "uri": ["<img/video src>", ...],
 *               "values": {"<label>": "<value>"}, (only when the item has
 *               "dates": {"<label>": "YYYY-MM-DD"}  label/value rows)
 *              }]}
 *
 * For HTML members the scan takes records from items[*], the time from
 * "time", the text from "title" and "text", media from "uri"; a rule's
 * conditions see the document above ("name" and "participants" mirror the
 * JSON keys album and thread rules test). HTML text is already UTF-8 and is
 * never mojibake-repaired.
 *
 * What the fields are:
 *   title   the <title>, else Instagram's div._a70e; "" when neither.
 *   items   one per top-level item container: H1 div.pam._2pi0 boxes (a
 *           first box without body and time is the thread header, not an
 *           item), H2 div._a6-g boxes, H3 section._a6-g. A container inside
 *           another container is part of it, never an item of its own, so
 *           the nested sections of an H3 item are not counted twice. A
 *           container whose only children are a heading and containers is a
 *           group (H3 grouped pages such as recently_viewed): its child
 *           containers are the items. A container whose title is
 *           "Participants: ..." or "Mailbox thread pending" (and that has no
 *           body and no time) is a header, not an item.
 *   item title  the nearest _a6-h (H2/H3) or _2pio (H1) element, else the
 *           nearest h1-h6, outside nested containers; text on one line.
 *   item text   the body (_a6-p, _2let, _2pin) as lines, then "Label: Value"
 *           lines of label/value rows outside the body.
 *   item time   the nearest footer / _a6-o / _a72d / _2lem (a nested
 *           section's when the item has none of its own), read by
 *           tr_htmldate_parse (htmldate.h) as UTC; null when there is none
 *           or it cannot be read: the item is still counted. Without such
 *           an element, the first label/value value that is a date with a
 *           clock time.
 *   uri     every <img|video|audio|source src> and <a href> of the item that
 *           is a relative path (not scheme:..., not //host, not #frag),
 *           %XX-decoded, without ?query or #fragment, each once.
 *   values  label/value rows of the item: H3 <td class="_a6_q">Label</td>
 *           <td class="_a6_r">Value</td>, H2 <td class="_a6_q">Label<div>
 *           Value</div></td>; the first row of a label wins.
 *   dates   for each value that is a calendar date without a clock time
 *           ("January 15, 1990", "15. Januar 1990", "1990-01-15"), the
 *           date as YYYY-MM-DD, so that fact blocks of type date can read
 *           a birthday whatever the page's language.
 *   participants  the names of a "Participants: A, B" header; without one,
 *           the distinct item titles (in a message thread: the senders).
 *           {"name": "Meta AI"} is there whenever a sender or the header
 *           says Meta AI.
 * <script>, <style>, <template> and <noscript> content is never read.
 *
 * The member is parsed with libxml2's HTML push parser (recovering, no
 * network, no error output), fed in chunks as it is read; the tree is freed
 * before returning. Memory: the libxml2 tree of one member (a few times its
 * size), bounded by limits->max_member_bytes. No global state beyond
 * libxml2's one-time initialisation (done once, thread-safely): the
 * functions can run in several threads at once.
 */
#ifndef TR_HTML_H
#define TR_HTML_H

#include <stddef.h>

#include <jansson.h>

#include "jdoc.h"
#include "tree.h"
#include "tr_limits.h"

/* Parse the member read through rd. Returns a new reference (caller
 * json_decref's it), or NULL with *errmsg set to a malloc'd one-line
 * message (caller frees; NULL only when out of memory): the reader's error
 * (corrupt data, a size limit), an empty member, or out of memory. */
json_t *tr_html_load(tr_reader *rd, const tr_limits *limits, char **errmsg);

/* Where tr_html_load_callback gets its bytes: up to len bytes into buf;
 * returns the count, 0 at the end, (size_t)-1 on a read error. */
typedef size_t (*tr_html_read_fn)(void *buf, size_t len, void *data);

/* The same from any byte source (tests feed memory in chunks of any size).
 * More than limits->max_member_bytes bytes is an error. Ownership as for
 * tr_html_load. */
json_t *tr_html_load_callback(tr_html_read_fn fn, void *data, const tr_limits *limits, char **errmsg);

/* A deep copy of the jansson value v in d, for the code that reads tr_jv
 * values (extract.h, jpath.h): arrays and objects (members in jansson's
 * order), strings and keys (bytes copied, NULs included), integers, reals,
 * booleans, null. Returns the copy (owned by d; v stays the caller's), or
 * NULL when out of memory or when a string, array or object is too large
 * for a tr_jv (2^32 bytes or members). Recurses once per level of v. */
tr_jv *tr_jv_from_jansson(tr_jdoc *d, json_t *v);

#endif
