/* audience.c - the steps to check and change audiences, per platform (the
 * data behind audience.h). Menu names are those of the apps and websites in
 * English as checked on the date below; keep every sentence whole so that
 * it can be translated on its own. */
#include "audience.h"

#include "i18n.h"
#include "vocab.h"

static const char checked[] = N_("December 2026");

static const char intro[] = N_("What you make non-public or delete is left out of later training.");

static const char caveat[] =
    N_("None of this takes anything out of models already trained. Menus move: search the settings for the names.");

static const tr_audience table[] = {
    {TR_PLAT_FACEBOOK,
     "Facebook",
     {N_("Every past post at once: Settings & privacy > Settings > Posts > \"Limit who can see past posts\" (Public and "
      "Friends of friends become Friends)."),
      N_("One post: its ... menu > Edit audience, on your profile or in Settings & privacy > Activity log, where you "
      "can also archive or delete it."),
      N_("Albums: Profile > Photos > Albums, then an album's ... menu > Edit album; your profile picture and cover photo "
      "are always public."),
      N_("Comments and posts in groups or on Pages have the audience of where they are: delete them from the activity "
      "log."),
      NULL}},
    {TR_PLAT_INSTAGRAM,
     "Instagram",
     {N_("Everything at once: Settings and activity > Account privacy > Private account."),
      N_("One post or reel: its ... menu > Archive (only you see it) or Delete; share stories with Close Friends only; "
      "comments on public accounts stay public until you delete them."),
      NULL}},
};

size_t tr_audience_count(void) { return sizeof table / sizeof table[0]; }

const tr_audience *tr_audience_at(size_t i) { return i < tr_audience_count() ? &table[i] : NULL; }

const char *tr_audience_checked(void) { return checked; }

const char *tr_audience_intro(void) { return intro; }

const char *tr_audience_caveat(void) { return caveat; }
