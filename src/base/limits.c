/* limits.c - the defaults of every scan limit (see limits.h). */
#include "tr_limits.h"

#include <stddef.h>

void tr_limits_default(tr_limits *l)
{
    if (l == NULL)
        return;
    l->max_member_bytes = TR_DEFAULT_MAX_MEMBER_BYTES;
    l->max_total_bytes = TR_DEFAULT_MAX_TOTAL_BYTES;
    l->max_entries = TR_DEFAULT_MAX_ENTRIES;
    l->max_depth = TR_DEFAULT_MAX_DEPTH;
    l->max_string_bytes = TR_DEFAULT_MAX_STRING_BYTES;
    l->max_values = TR_DEFAULT_MAX_VALUES;
    l->stream_min_bytes = TR_DEFAULT_STREAM_MIN_BYTES;
    l->max_ratio = TR_DEFAULT_MAX_RATIO;
    l->match_limit = TR_DEFAULT_MATCH_LIMIT;
    l->depth_limit = TR_DEFAULT_DEPTH_LIMIT;
}
