/* jsoncmp.c - compare a JSON report with its golden file.
 *
 * Usage: jsoncmp EXPECTED ACTUAL
 * Compares every value of EXPECTED with ACTUAL and prints each difference
 * with its path. Top-level "tool", "rules" and "warnings" are not compared
 * (they change with the version and wording), and "errors" are compared by
 * the set of their paths, not their messages. A key present in ACTUAL but not
 * in EXPECTED is a difference too. Exit 0 when equal, 1 when not, 2 on bad
 * input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static int diffs;

static void show(const char *where, const char *what, json_t *a, json_t *b)
{
    char *sa = a ? json_dumps(a, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    char *sb = b ? json_dumps(b, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    printf("%s: %s: expected %s, got %s\n", where[0] ? where : "/", what, sa ? sa : "(absent)", sb ? sb : "(absent)");
    free(sa);
    free(sb);
    diffs++;
}

static void cmp(const char *where, json_t *e, json_t *a)
{
    char sub[2048];
    if (!e || !a || json_typeof(e) != json_typeof(a)) {
        if (json_is_number(e) && json_is_number(a) && json_number_value(e) == json_number_value(a)) return;
        show(where, "differs", e, a);
        return;
    }
    if (json_is_object(e)) {
        const char *k;
        json_t *v;
        json_object_foreach(e, k, v) {
            snprintf(sub, sizeof sub, "%s/%s", where, k);
            cmp(sub, v, json_object_get(a, k));
        }
        json_object_foreach(a, k, v) {
            if (!json_object_get(e, k)) {
                snprintf(sub, sizeof sub, "%s/%s", where, k);
                show(sub, "unexpected key", NULL, v);
            }
        }
    } else if (json_is_array(e)) {
        size_t n = json_array_size(e) > json_array_size(a) ? json_array_size(e) : json_array_size(a);
        for (size_t i = 0; i < n; i++) {
            snprintf(sub, sizeof sub, "%s/%zu", where, i);
            cmp(sub, json_array_get(e, i), json_array_get(a, i));
        }
    } else if (!json_equal(e, a)) {
        show(where, "differs", e, a);
    }
}

static int cmp_str(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

/* Replace "errors" by a sorted array of their paths. */
static void normalise(json_t *root)
{
    json_t *errs = json_object_get(root, "errors");
    size_t n = json_array_size(errs), i;
    const char **paths = calloc(n + 1, sizeof *paths);
    json_t *v, *out = json_array();
    json_array_foreach(errs, i, v) paths[i] = json_string_value(json_object_get(v, "path"));
    for (i = 0; i < n; i++)
        if (!paths[i]) paths[i] = "";
    qsort(paths, n, sizeof *paths, cmp_str);
    for (i = 0; i < n; i++) json_array_append_new(out, json_string(paths[i]));
    json_object_set_new(root, "errors", out);
    free(paths);
    json_object_del(root, "tool");
    json_object_del(root, "rules");
    json_object_del(root, "warnings");
}

int main(int argc, char **argv)
{
    json_error_t err;
    if (argc != 3) {
        fprintf(stderr, "usage: jsoncmp EXPECTED ACTUAL\n");
        return 2;
    }
    json_t *e = json_load_file(argv[1], 0, &err);
    if (!e) {
        fprintf(stderr, "%s:%d: %s\n", argv[1], err.line, err.text);
        return 2;
    }
    json_t *a = json_load_file(argv[2], 0, &err);
    if (!a) {
        fprintf(stderr, "%s:%d: %s\n", argv[2], err.line, err.text);
        json_decref(e);
        return 2;
    }
    normalise(e);
    normalise(a);
    cmp("", e, a);
    json_decref(e);
    json_decref(a);
    if (diffs) printf("%d difference%s\n", diffs, diffs == 1 ? "" : "s");
    return diffs ? 1 : 0;
}
