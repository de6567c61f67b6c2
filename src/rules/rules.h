/* rules.h - the rule set: loading, checking and the compiled form.
 *
 * Rule files are plain text (format in rules/README.md). Loading parses every
 * file, reports every problem it finds through a diagnostic callback with
 * file:line:col (not just the first), compiles every regular expression once
 * (PCRE2, JIT) and every selector once, and yields an immutable tr_rules. A
 * load with any error yields no rule set.
 *
 * Ownership: tr_rules owns everything reachable from it; free it with
 * tr_rules_free. Diagnostics passed to the callback are valid only during
 * the call.
 */
#ifndef TR_RULES_H
#define TR_RULES_H

#include <stddef.h>

#include "error.h"
#include "jpath.h"
#include "regex.h"
#include "vocab.h"

#define TR_VERSION "0.1.0"

typedef enum tr_diag_level { TR_DIAG_WARNING, TR_DIAG_ERROR } tr_diag_level;

typedef struct tr_diag {
    tr_diag_level level;
    const char *file;      /* rule file name as given */
    unsigned line, col;    /* 1-based; col 0 when it does not apply */
    const char *message;
    const char *line_text; /* the offending line without newline, or NULL */
} tr_diag;

typedef void (*tr_diag_fn)(const tr_diag *d, void *user);

/* One rule file's text. */
typedef struct tr_rule_source {
    const char *name; /* shown in diagnostics */
    const char *text;
    size_t len;
    int layer;        /* 0 for the base set; higher layers add and override by id */
} tr_rule_source;

typedef enum tr_scope { TR_SCOPE_FILE, TR_SCOPE_RECORD, TR_SCOPE_FACT } tr_scope;
/* TR_OP_GREATEST (record scope only): the record's value of the selector is
 * the greatest that any record of the same file has ("the newest photo"). */
typedef enum tr_op { TR_OP_MATCH, TR_OP_NOMATCH, TR_OP_EQ, TR_OP_NE, TR_OP_EXISTS, TR_OP_MISSING, TR_OP_GREATEST } tr_op;

typedef struct tr_cond {
    tr_scope scope;
    tr_op op;
    tr_jpath *sel; /* file/record scope */
    char *fact;    /* fact scope: the fact name */
    char *value;   /* = and != */
    tr_regex re;   /* ~ and !~ */
} tr_cond;

typedef struct tr_timesel {
    tr_jpath *sel;
    int ms; /* the value is in milliseconds */
} tr_timesel;

typedef struct tr_example {
    char *path;
    char *json;   /* "with" JSON, or NULL */
    char **facts; /* "name=value" strings, NULL-terminated, or NULL */
    int must_match;
    unsigned line;
} tr_example;

typedef struct tr_rule {
    int layer;
    char *id;
    const char *file;
    unsigned line;
    unsigned platforms;
    tr_regex *paths;
    size_t npaths;
    tr_jpath *records; /* NULL: auto */
    int no_records;    /* records none: the file is known but holds no item */
    tr_category category;
    tr_verdict verdict;
    char *reason, *source;
    tr_cond *conds;
    size_t nconds;
    tr_jpath **text;
    size_t ntext;
    tr_jpath **text_longest; /* `text SEL longest`: the fallback when text finds nothing */
    size_t ntext_longest;
    tr_timesel *time;
    size_t ntime;
    tr_jpath **media;
    size_t nmedia;
    char **tags;
    size_t ntags;
    tr_example *examples;
    size_t nexamples;
    int has_file_conds, has_record_conds, has_fact_conds;
    int has_rank_conds; /* a `greatest` condition: needs every record of the file */
} tr_rule;

/* TR_FACT_EMAIL: the first e-mail address in a string value (an HTML
 * page's value cell can hold more than the address). */
typedef enum tr_fact_type { TR_FACT_STRING, TR_FACT_BOOL, TR_FACT_DATE, TR_FACT_EMAIL } tr_fact_type;

typedef struct tr_factrule {
    int layer;
    char *id;
    const char *file;
    unsigned line;
    unsigned platforms;
    tr_regex *paths;
    size_t npaths;
    char *sets;
    tr_jpath *value;
    tr_fact_type type;
    char **yes, **no; /* type bool: words read as true / false besides "true" / "false" */
    size_t nyes, nno;
    tr_example *examples;
    size_t nexamples;
} tr_factrule;

typedef struct tr_adjust {
    int layer;
    char *id;
    const char *file;
    unsigned line;
    unsigned platforms;
    tr_cond *conds; /* fact scope only */
    size_t nconds;
    char **tags;
    size_t ntags;
    unsigned from;   /* bit mask of verdicts */
    tr_verdict to;
    unsigned except; /* bit mask of categories */
    char *reason, *source;
} tr_adjust;

typedef struct tr_unref {
    int layer;
    char *id;
    const char *file;
    unsigned line;
    tr_regex *paths;
    size_t npaths;
    tr_verdict verdict;
    char *reason, *source;
} tr_unref;

typedef struct tr_layout {
    int layer;
    char *name;
    const char *file;
    unsigned line;
    unsigned platform;
    tr_regex *markers;
    size_t nmarkers;
    int product_only; /* a `product` block: tells the platform, names no layout */
} tr_layout;

typedef struct tr_rules {
    char *name, *version, *requires;
    char *origin; /* where the set came from, for reports ("built-in", "installed pack PATH",
                     "--rules DIR"); set by the caller, owned, freed with the set; NULL: not said */
    char **files; /* names of the files loaded, owned */
    size_t nfiles;
    char **roots;  /* NULL-terminated */
    size_t nroots;
    char **media_ext; /* lowercase, without dot */
    size_t nmedia_ext;
    tr_regex *media_paths;
    size_t nmedia_paths;
    tr_regex *profile_folders; /* root folders holding one profile of a combined export */
    size_t nprofile_folders;
    tr_layout *layouts;
    size_t nlayouts;
    tr_rule *rules;
    size_t nrules;
    tr_factrule *facts;
    size_t nfacts;
    tr_adjust *adjusts;
    size_t nadjusts;
    tr_unref *unrefs;
    size_t nunrefs;
} tr_rules;

/* Load rules from sources (in the given order). Every problem is passed to
 * diag (may be NULL). Returns TR_OK and *out, or TR_ERR_RULES when any error
 * was reported (*out is then NULL), or TR_ERR_NOMEM. *nerrors and *nwarnings
 * (may be NULL) receive the counts. */
tr_err tr_rules_load(const tr_rule_source *srcs, size_t n, tr_diag_fn diag, void *user,
                     tr_rules **out, size_t *nerrors, size_t *nwarnings);

/* ruleload.c: the sources of a set, then tr_rules_load.
 *
 * Read every *.rules file of dir in file-name order and load them. A folder
 * that cannot be read or holds no rule file is reported through diag with
 * line 0 and gives TR_ERR_RULES. */
tr_err tr_rules_load_dir(const char *dir, tr_diag_fn diag, void *user, tr_rules **out,
                         size_t *nerrors, size_t *nwarnings);

/* Load a base set (dir, or the embedded rules when dir is NULL) plus extra
 * folders on top: a block of an extra folder whose id exists in an earlier
 * layer replaces it in place; its other rules and facts are tried before
 * the base ones. */
tr_err tr_rules_load_layers(const char *dir, const char *const *extra, size_t nextra, tr_diag_fn diag,
                            void *user, tr_rules **out, size_t *nerrors, size_t *nwarnings);

/* As tr_rules_load_layers, with the base set given as sources in memory
 * (borrowed; their layer is taken as 0): an installed rule pack. */
tr_err tr_rules_load_layers_src(const tr_rule_source *base, size_t nbase, const char *const *extra, size_t nextra,
                                tr_diag_fn diag, void *user, tr_rules **out, size_t *nerrors, size_t *nwarnings);

/* The rule set built into the binary (rules/ at build time). */
tr_err tr_rules_load_embedded(tr_diag_fn diag, void *user, tr_rules **out);

void tr_rules_free(tr_rules *r);

/* Compare dotted versions "1.2.3": <0, 0, >0. */
int tr_version_cmp(const char *a, const char *b);

/* The embedded sources (generated at build time). */
extern const tr_rule_source tr_embedded_rules[];
extern const size_t tr_embedded_rules_count;

#endif
