/* error.c - messages for tr_err. */
#include "error.h"

const char *tr_strerror(tr_err code)
{
    switch (code) {
    case TR_OK: return "success";
    case TR_ERR_NOMEM: return "out of memory";
    case TR_ERR_USAGE: return "invalid argument";
    case TR_ERR_IO: return "cannot read input";
    case TR_ERR_ARCHIVE: return "corrupt or unreadable archive";
    case TR_ERR_ENCRYPTED: return "encrypted archive member";
    case TR_ERR_LIMIT: return "limit exceeded";
    case TR_ERR_JSON: return "invalid JSON";
    case TR_ERR_HTML: return "invalid HTML";
    case TR_ERR_SHAPE: return "unexpected JSON structure";
    case TR_ERR_RULES: return "invalid rule set";
    case TR_ERR_NOT_EXPORT: return "not a Facebook or Instagram export";
    case TR_ERR_MATCH_LIMIT: return "regular expression match limit reached";
    case TR_ERR_UNSUPPORTED: return "not supported";
    case TR_ERR_INTERNAL: return "internal error";
    case TR_ERR__COUNT: break;
    }
    return "unknown error";
}
