/* vocab.c - names of verdicts, categories and platforms. */
#include "vocab.h"

#include <stdio.h>
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
    else if (strcmp(s, "messenger") == 0) *out = TR_PLAT_MESSENGER;
    else if (strcmp(s, "any") == 0) *out = TR_PLAT_ANY;
    else return -1;
    return 0;
}

const char *tr_platform_name(unsigned bit)
{
    return bit == TR_PLAT_FACEBOOK    ? "facebook"
         : bit == TR_PLAT_INSTAGRAM   ? "instagram"
         : bit == TR_PLAT_MESSENGER   ? "messenger"
                                      : "any";
}

const char *tr_platforms_display(unsigned mask, char *buf, size_t size)
{
    static const char *const names[TR_PLAT__BITS] = {"Facebook", "Instagram", "Messenger"};
    size_t n = 0, total = 0, len = 0;
    for (int b = 0; b < TR_PLAT__BITS; b++) total += (mask >> b) & 1u;
    if (!size) return buf;
    buf[0] = 0;
    if (!total) {
        snprintf(buf, size, "unknown platform");
        return buf;
    }
    for (int b = 0; b < TR_PLAT__BITS; b++) {
        if (!((mask >> b) & 1u)) continue;
        const char *sep = n == 0 ? "" : n + 1 == total ? " and " : ", ";
        int w = snprintf(buf + len, size - len, "%s%s", sep, names[b]);
        if (w < 0 || (size_t)w >= size - len) break;
        len += (size_t)w;
        n++;
    }
    return buf;
}
