/* html.c - HTML export members (not implemented yet: reported as errors). */
#include "html.h"

#include <string.h>

json_t *tr_html_load(tr_reader *rd, const tr_limits *limits, char **errmsg)
{
    (void)rd;
    (void)limits;
    *errmsg = strdup("HTML members are not read by this version of trainable; export in JSON format");
    return NULL;
}
