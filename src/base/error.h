/* error.h - the one error enum of libtrainable.
 *
 * Every fallible library function returns a tr_err. TR_OK is 0. Codes are
 * grouped by who must act. Per-member problems (a bad JSON file inside an
 * export) do not stop a scan: they are recorded in the report and make the
 * scan incomplete; only the codes returned from the top-level scan call are
 * fatal for the run.
 */
#ifndef TR_ERROR_H
#define TR_ERROR_H

typedef enum tr_err {
    TR_OK = 0,
    TR_ERR_NOMEM,       /* out of memory */
    TR_ERR_USAGE,       /* the caller passed something invalid */
    TR_ERR_IO,          /* an input cannot be opened or read */
    TR_ERR_ARCHIVE,     /* an archive or one of its members is corrupt */
    TR_ERR_ENCRYPTED,   /* an encrypted member: reported, never read */
    TR_ERR_LIMIT,       /* a configured limit was hit */
    TR_ERR_JSON,        /* a member is not valid JSON */
    TR_ERR_HTML,        /* a member is not usable HTML */
    TR_ERR_SHAPE,       /* valid JSON, but not the shape a rule expects */
    TR_ERR_RULES,       /* the rule set is invalid */
    TR_ERR_NOT_EXPORT,  /* the input is not a Facebook or Instagram export */
    TR_ERR_MATCH_LIMIT, /* a regular expression hit its match or depth limit */
    TR_ERR_UNSUPPORTED, /* something this version cannot handle */
    TR_ERR_INTERNAL,    /* a bug */
    TR_ERR__COUNT
} tr_err;

/* A static, human-readable description of a code. Never NULL. */
const char *tr_strerror(tr_err code);

#endif
