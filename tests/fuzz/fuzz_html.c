/* fuzz_html.c - the HTML extractor (tr_html_load_callback, the byte-source
 * form of tr_html_load) and the HTML date parser. Input: one byte that sets
 * the read chunk size, then the member's bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "html.h"
#include "htmldate.h"

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
