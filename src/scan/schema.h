/* schema.h - a structure-only description of an export, safe to share.
 *
 * `trainable schema` gives maintainers what they need to write a rule for a
 * layout they have never seen: which files exist (paths generalised), how
 * many and how large, which ones no rule knows, and the shape of every JSON
 * file (keys and value types). It never contains a value from the export: no
 * names, texts, addresses, numbers or dates. The only numbers in it are
 * counts, sizes and array lengths.
 *
 * Paths are generalised component by component (tr_schema_path):
 *   - a component directly under a message-thread section folder (inbox,
 *     archived_threads, filtered_threads, message_requests, e2ee_cutover,
 *     broadcast, ai_conversations) becomes "<thread>";
 *   - a component holding anything but lowercase ASCII letters, digits and
 *     _ - . ' & becomes "<name>" (with its extension kept when that is a
 *     plain short lowercase one: "<name>.json");
 *   - every other component keeps its text with each run of digits replaced
 *     by "N" (message_N.json, album/N.json, media/posts/N/);
 *   - media files are never named: they are counted in their folder
 *     ("media/posts/N/").
 * JSON keys are generalised like components, but labels with uppercase
 * letters and spaces ("Private Account") are kept; anything else is "<key>".
 *
 * The result (tr_schema) is a jansson object:
 *   {"schema_version": 1, "tool": "trainable 0.1.0", "rules_version": "...",
 *    "platforms": [...], "layouts": [...], "format": "json", "complete": true,
 *    "members": [{"path": ..., "kind": "json"|"html"|"media"|"other",
 *                 "files": N, "bytes": N, "unmatched": bool,
 *                 "skeleton": ... | null}, ...]}
 * members sorted by path (then kind). A skeleton is:
 *   - an object: {"key": skeleton, ...}, plus "<more keys>": N when objects
 *     at that place had more than TR_SCHEMA_MAX_KEYS distinct keys (N is the
 *     most keys one object had beyond those shown);
 *   - an array: {"array": [min_len, max_len], "items": skeleton or null when
 *     every array there was empty};
 *   - a scalar type: "string", "number", "bool", "null", several joined with
 *     '|' ("string|null"); "..." where nesting went past TR_SCHEMA_MAX_DEPTH;
 *   - a place that held both containers and other types:
 *     {"<one of>": [object skeleton, array skeleton, "string|null"]}.
 *
 * The library never prints. Ownership is stated per function.
 */
#ifndef TR_SCHEMA_H
#define TR_SCHEMA_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"
#include "report.h"

#define TR_SCHEMA_VERSION 1
#define TR_SCHEMA_MAX_DEPTH 32  /* skeleton nesting shown */
#define TR_SCHEMA_MAX_KEYS 200  /* distinct keys shown per object place */

/* Scan the inputs with o (o->rules required; keep_text is ignored: texts are
 * never kept), read every JSON member once more for its shape, and build the
 * schema. On TR_OK *out is a new reference (caller json_decref's it); it may
 * say "complete": false when something could not be read. On failure *out is
 * NULL, the code is tr_scan's (TR_ERR_IO, TR_ERR_ARCHIVE, TR_ERR_NOT_EXPORT,
 * ...) or TR_ERR_NOMEM, and *errmsg is a malloc'd message or NULL (caller
 * frees). */
tr_err tr_schema(const char *const *inputs, size_t n, const tr_scan_options *o, json_t **out,
                 char **errmsg);

/* The generalised form of a member path (see above). With media nonzero the
 * last component is dropped and the folder is returned with a trailing '/'
 * ("./" for a file at the root). Returns a malloc'd ASCII string (caller
 * frees), or NULL when out of memory. */
char *tr_schema_path(const char *path, int media);

/* The generalised form of a JSON key: digit runs become "N"; the result is
 * kept when it matches ^[A-Za-z][A-Za-z0-9 _'-]{0,40}$, else "<key>".
 * Returns a malloc'd string (caller frees), or NULL when out of memory. */
char *tr_schema_key(const char *key);

/* A skeleton being built: the merged shape of every value added to it. */
typedef struct tr_skel tr_skel;

/* A new, empty skeleton (NULL when out of memory). Free with tr_skel_free. */
tr_skel *tr_skel_new(void);
void tr_skel_free(tr_skel *s);
/* Merge the shape of v (borrowed, not kept) into s. 0, or -1 when out of
 * memory (s stays valid and can be freed). */
int tr_skel_add(tr_skel *s, const json_t *v);
/* The skeleton as JSON (new reference, caller json_decref's it); JSON null
 * when nothing was added; NULL when out of memory. */
json_t *tr_skel_json(const tr_skel *s);

#endif
