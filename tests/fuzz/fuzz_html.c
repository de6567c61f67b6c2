/* fuzz_html.c - the HTML extractor (tr_html_load_callback, the byte-source
 * form of tr_html_load), its copy into tr_jv values (tr_jv_from_jansson, as
 * the scan reads it) and the HTML date parser. Input: one byte that sets the
 * read chunk size, then the member's bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "html.h"
#include "htmldate.h"
#include "jdoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct src { const uint8_t *p; size_t n, chunk; } src;

static size_t feed(void *buf, size_t len, void *user)
{
    src *s = user;
    size_t k = s->n < len ? s->n : len;
    if (k > s->chunk) k = s->chunk;
    memcpy(buf, s->p, k);
    s->p += k;
    s->n -= k;
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_limits l;
    src s;
    char *err = NULL;
    json_t *doc;

    if (size < 1) return 0;
    tr_limits_default(&l);
    l.max_member_bytes = 1u << 20;
    s.chunk = (size_t)data[0] * 37 + 1;
    s.p = data + 1;
    s.n = size - 1;
    doc = tr_html_load_callback(feed, &s, &l, &err);
    if (doc) {
        /* the fixed shape html.h promises */
        json_t *items = json_object_get(doc, "items");
        if (items && !json_is_array(items)) abort();
        /* the copy the extractor reads: same shape, every item's time an
         * integer or null, every uri a string */
        tr_jdoc *d = tr_jdoc_new();
        tr_jv *v = d ? tr_jv_from_jansson(d, doc) : NULL;
        if (!v) abort(); /* out of memory */
        tr_jv *vitems = tr_jv_get(v, "items");
        if (!tr_jv_is_object(v) || tr_jv_size(vitems) != json_array_size(items)) abort();
        if (!tr_jv_is_string(tr_jv_get(v, "title"))) abort();
        for (size_t i = 0; i < tr_jv_size(vitems); i++) {
            tr_jv *it = tr_jv_at(vitems, i), *t = tr_jv_get(it, "time"), *u = tr_jv_get(it, "uri");
            if (!tr_jv_is_int(t) && !tr_jv_is(t, TR_JNULL)) abort();
            for (size_t k = 0; k < tr_jv_size(u); k++)
                if (!tr_jv_is_string(tr_jv_at(u, k))) abort();
        }
        tr_jdoc_free(d);
        json_decref(doc);
    }
    free(err);
    {
        tr_date d;
        int64_t t;
        if (tr_htmldate_parse((const char *)data + 1, size - 1, &d, &t) != TR_HTMLDATE_NONE && !tr_date_valid(d))
            abort();
    }
    return 0;
}
