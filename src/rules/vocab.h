/* vocab.h - the fixed vocabularies: verdicts, categories, platforms.
 *
 * These words are part of the report contract (classification.md), so they
 * are fixed in code; which file gets which word is decided by the rules.
 */
#ifndef TR_VOCAB_H
#define TR_VOCAB_H

#include <stddef.h>

/* Ordered by exposure: a larger value is more exposed. */
typedef enum tr_verdict {
    TR_PRIVATE = 0,
    TR_UNCERTAIN = 1,
    TR_ELIGIBLE = 2,
    TR_VERDICT__COUNT
} tr_verdict;

typedef enum tr_category {
    TR_CAT_POST, TR_CAT_PHOTO, TR_CAT_VIDEO, TR_CAT_COMMENT, TR_CAT_REACTION,
    TR_CAT_STORY, TR_CAT_REEL, TR_CAT_MESSAGE, TR_CAT_AI_CHAT, TR_CAT_EVENT,
    TR_CAT_LISTING, TR_CAT_PROFILE, TR_CAT_CONNECTION, TR_CAT_ACTIVITY,
    TR_CAT_ADS, TR_CAT_SECURITY, TR_CAT_SETTINGS, TR_CAT_OTHER,
    TR_CAT__COUNT
} tr_category;

/* Platforms are a bit mask. Messenger is the separate download of
 * Messenger's end-to-end encrypted chats ("message storage"). */
enum { TR_PLAT_FACEBOOK = 1u, TR_PLAT_INSTAGRAM = 2u, TR_PLAT_MESSENGER = 4u, TR_PLAT_ANY = 7u };
#define TR_PLAT__BITS 3

const char *tr_verdict_name(tr_verdict v);
const char *tr_category_name(tr_category c);
/* 0 and *out set when s names a verdict / category / platform; -1 if not. */
int tr_verdict_parse(const char *s, tr_verdict *out);
int tr_category_parse(const char *s, tr_category *out);
int tr_platform_parse(const char *s, unsigned *out);
const char *tr_platform_name(unsigned single_platform_bit);
/* The platforms of a mask for people: "Facebook", "Facebook and Instagram",
 * "Facebook, Instagram and Messenger", or "unknown platform"; in buf. */
const char *tr_platforms_display(unsigned mask, char *buf, size_t size);

#endif
