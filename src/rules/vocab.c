/* vocab.c - names of verdicts, categories and platforms. */
#include "vocab.h"

#include <string.h>

static const char *const verdict_names[TR_VERDICT__COUNT] = {"private", "uncertain", "eligible"};

static const char *const category_names[TR_CAT__COUNT] = {
    "post",    "photo",   "video",   "comment", "reaction",   "story",
    "reel",    "message", "ai_chat", "event",   "listing",    "profile",
    "connection", "activity", "ads", "security", "settings", "other",
};

const char *tr_verdict_name(tr_verdict v)
{
    return (unsigned)v < TR_VERDICT__COUNT ? verdict_names[v] : "?";
}

const char *tr_category_name(tr_category c)
{
    return (unsigned)c < TR_CAT__COUNT ? category_names[c] : "?";
}

int tr_verdict_parse(const char *s, tr_verdict *out)
{
    for (int i = 0; i < TR_VERDICT__COUNT; i++)
        if (strcmp(s, verdict_names[i]) == 0) {
            *out = (tr_verdict)i;
            return 0;
        }
    return -1;
}

int tr_category_parse(const char *s, tr_category *out)
{
    for (int i = 0; i < TR_CAT__COUNT; i++)
        if (strcmp(s, category_names[i]) == 0) {
            *out = (tr_category)i;
            return 0;
        }
    return -1;
}

int tr_platform_parse(const char *s, unsigned *out)
{
    if (strcmp(s, "facebook") == 0) *out = TR_PLAT_FACEBOOK;
    else if (strcmp(s, "instagram") == 0) *out = TR_PLAT_INSTAGRAM;
    else if (strcmp(s, "any") == 0) *out = TR_PLAT_ANY;
    else return -1;
    return 0;
}

const char *tr_platform_name(unsigned bit)
{
    return bit == TR_PLAT_FACEBOOK ? "facebook" : bit == TR_PLAT_INSTAGRAM ? "instagram" : "any";
}
