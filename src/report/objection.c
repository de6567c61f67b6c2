/* objection.c - "what you can do": per region what applies, and the
 * ready-to-paste objection text.
 *
 * All the wording is data: the table `regions` below (facts, forms, the
 * date they were checked), the aliases a person may type for a region, and
 * the objection texts, written in English and marked for translation (N_,
 * _: i18n.h); po/<lang>.po holds the other languages. A change of Meta's
 * policy changes data, not code. The facts and their dates come from
 * shared/docs/meta-ai-policy.md (its section 7 supersedes older rows). The
 * objection text carries numbers only (how many posts, photos, from which
 * year to which), never a text, name or path from the export; the one value
 * taken from the export is the account e-mail address (fact "email"),
 * which Meta's form asks for.
 */
#include "objection.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* ---- the forms ------------------------------------------------------------ */

static const tr_form form_fb = {N_("Facebook objection form (2025)"),
                                "https://www.facebook.com/help/contact/712876720715583", NULL,
                                N_("published Apr-May 2025, still linked in Jul 2025")};
static const tr_form form_ig = {N_("Instagram objection form (2025)"),
                                "https://help.instagram.com/contact/767264225370182", NULL,
                                N_("published Apr-May 2025, still linked in Jul 2025")};
static const tr_form form_app = {
    N_("In the app"), NULL,
    N_("Settings & privacy > Privacy Center > Privacy Topics > AI at Meta > Submit an objection request; or "
       "Settings > Privacy Policy > \"Right to object\" > \"object\" > \"Does your request relate to AI at "
       "Meta?\" > Yes. You must be logged in; the e-mail address is required (it is filled in for you), a reason "
       "is optional."),
    N_("2025")};

/* ---- the regions ---------------------------------------------------------- */

#define FUTURE_ONLY                                                                                              \
    N_("An objection covers future training only: it does not take data out of models already trained "       \
       "(Meta's confirmation e-mail, 2024-2025).")
#define OWN_ONLY                                                                                                 \
    N_("It covers only your own content: photos of you or posts about you that others share publicly are "     \
       "outside it (Meta's privacy centre, 2024-2025).")
#define OBJECTED_2024                                                                                            \
    N_("Meta said objections filed in 2024 remain valid (14 Apr 2025). noyb alleges that some people were told " \
       "to object again (May 2025): if unsure, object again.")
#define LINKED_ACCOUNTS                                                                                          \
    N_("One objection covers the accounts linked in your Accounts Centre; an account that is not linked, or "  \
       "that uses another e-mail address, needs its own.")
#define NON_PUBLIC_LEVER                                                                                         \
    N_("The only lever is to make posts, photos or your whole Instagram account non-public, or to delete "     \
       "them. That only affects training from then on: what was already collected stays (Meta at the "          \
       "Australian Senate, 11 Sep 2024).")
#define CHECKED_ON {2026, 12, 2} /* meta-ai-policy.md section 7, checked for this release */

static const tr_region regions[] = {
    {"eu", N_("EU/EEA (with Norway, Iceland and Liechtenstein)"), 1,
     N_("You can object. Meta trains on the public content of adults and on chats with Meta AI since 27 May "
        "2025, including everything public you posted in the past."),
     {N_("Training on EU data began on 27 May 2025 (Irish DPC, 21 May 2025). Without an objection all your past "
         "public content is used, not only what you post from then on (Dutch AP and Liechtenstein DPA, May "
         "2025)."),
      FUTURE_ONLY, OWN_ONLY, OBJECTED_2024, LINKED_ACCOUNTS,
      N_("The 2025 form needs only the account's e-mail address and a reason is optional (Apr-May 2025), but "
         "Art. 21(1) GDPR speaks of grounds relating to your particular situation: giving one can only help."),
      N_("Whether an objection also stops the use of your chats with Meta AI is not established."),
      N_("The Higher Regional Court of Cologne refused to stop the training in urgent proceedings (OLG Köln, "
         "15 UKl 2/25, 23 May 2025). It ruled only on public posts and other public data, not on training with "
         "chats with Meta AI, on which no court has ruled; main proceedings may follow."),
      N_("After a court in Schleswig refused its urgent application (12 Aug 2025), the Dutch foundation SOMI "
         "started a collective damages claim in Germany over the training on 23 Feb 2026 (registration: "
         "facebookaiclaim.de)."),
      N_("Meta's use of chats with Meta AI for ads, since 16 Dec 2025, excludes the EU (announced 1 Oct 2025)."),
      NULL},
     {&form_fb, &form_ig, &form_app},
     CHECKED_ON,
     N_("Meta, 14 Apr 2025; Irish DPC, 21 May 2025; OLG Köln, 23 May 2025; SOMI, 23 Feb 2026"),
     N_("the Irish Data Protection Commission (dataprotection.ie) or your country's data protection "
        "authority")},
    {"ch", N_("Switzerland"), 1,
     N_("You can object, as in the EU: Meta's 2025 EU rollout includes Switzerland, with training from 27 May "
        "2025."),
     {N_("In June 2024 Meta told the FDPIC it would not use Swiss users' data for AI training for the time being "
         "(21 Jun 2024); its 2025 EU rollout covers Switzerland, as the FDPIC confirmed (Apr-May 2025)."),
      N_("As in the EU, without an objection all your past public content is used."),
      N_("Swiss law has no GDPR-style right to object, and no particular situation is needed: processing your "
         "data against your express objection breaches your personality rights (Art. 30(2)(b) FADP), and data "
         "you made generally accessible may not be processed once you have expressly prohibited it (Art. 30(3) "
         "FADP). You can enforce this in court (Art. 32(2) FADP)."),
      FUTURE_ONLY, OWN_ONLY, OBJECTED_2024, LINKED_ACCOUNTS,
      N_("Meta's use of chats with Meta AI for ads, since 16 Dec 2025, excludes the EU, the UK and South Korea; "
         "Switzerland is not named among the exclusions (announced 1 Oct 2025)."),
      NULL},
     {&form_fb, &form_ig, &form_app},
     CHECKED_ON,
     N_("Meta, 14 Apr 2025; FDPIC, 2024-2025; FADP in force since 1 Sep 2023"),
     N_("the Federal Data Protection and Information Commissioner (edoeb.admin.ch)")},
    {"uk", N_("United Kingdom"), 1,
     N_("You can object at any time. Meta announced on 13 Sep 2024 that it would train on the public content of "
        "adults in the UK over the coming months."),
     {N_("Meta uses public posts and comments, and public photos with their captions, of adults in the UK; not "
         "private messages, and not accounts of people under 18 (Meta, 13 Sep 2024)."),
      N_("People who had already objected were not asked again: their objection stays in force (Meta, 13 Sep "
         "2024)."),
      FUTURE_ONLY, OWN_ONLY,
      N_("The ICO said it had not given regulatory approval, though Meta simplified the form (Sep 2024)."),
      N_("Meta relies on legitimate interests (Art. 6(1)(f) UK GDPR), so your right to object (Art. 21(1) UK "
         "GDPR) still applies under the Data (Use and Access) Act 2025, whose main provisions apply from 5 Feb "
         "2026."),
      N_("Meta's use of chats with Meta AI for ads, since 16 Dec 2025, excludes the UK (announced 1 Oct 2025)."),
      N_("The form addresses below were published for the 2025 EU rollout; if one does not apply to you, the "
         "in-app route leads to yours."),
      NULL},
     {&form_app, &form_fb, &form_ig},
     CHECKED_ON,
     N_("Meta and the ICO, 13 Sep 2024; Data (Use and Access) Act 2025"),
     N_("the Information Commissioner's Office (ico.org.uk)")},
    {"br", N_("Brazil"), 1,
     N_("You can object, users and non-users alike, through a simplified form. Meta could use data from about "
        "30 days after its notices of September 2024."),
     {N_("The ANPD suspended Meta's plan on 2 Jul 2024 and lifted the suspension on 30 Aug 2024 under a "
         "compliance plan; Meta sent notices from 3 Sep 2024 and could start 30 days later."),
      N_("The form is simplified: extra information is optional, and people without an account can object too."),
      N_("Data of people under 18 is excluded until the ANPD decides."),
      N_("Under Art. 18 § 2 LGPD an objection must allege that the processing does not comply with the LGPD; "
         "the objection text below does so."),
      N_("Since 16 Dec 2025 Meta also uses your chats with Meta AI to personalise content and ads in Brazil (not "
         "training), with no opt-out except not using the AI; the consumer institute Idec calls this profiling "
         "(announced 1 Oct 2025)."),
      FUTURE_ONLY, OWN_ONLY,
      N_("The form's address is not known to this tool: use the link in Meta's notice or the in-app route."),
      NULL},
     {&form_app, NULL},
     CHECKED_ON,
     N_("ANPD, 30 Aug 2024; Meta, 1 Oct 2025; LGPD Art. 18 § 2"),
     N_("the ANPD (gov.br/anpd)")},
    {"kr", N_("South Korea"), 0,
     N_("No objection form is known. Korean law gives a right to have processing suspended (PIPA Art. 37), and "
        "a complaint against Meta is pending."),
     {N_("A coalition of civic groups reported Meta to the Personal Information Protection Commission (PIPC) on "
         "16 Apr 2025, alleging that it has trained its AI on Korean users' data since June 2024. No outcome is "
         "known."),
      N_("Art. 37 of the Personal Information Protection Act (PIPA) gives you the right to ask that the "
         "processing of your personal information be suspended. No Korean form of Meta's for this is known."),
      NON_PUBLIC_LEVER,
      N_("Meta's use of chats with Meta AI for ads, since 16 Dec 2025, excludes South Korea (announced 1 Oct "
         "2025)."),
      NULL},
     {NULL},
     CHECKED_ON,
     N_("complaint to the PIPC, 16 Apr 2025; Meta, 1 Oct 2025"),
     N_("the Personal Information Protection Commission (pipc.go.kr)")},
    {"us", N_("United States"), 0,
     N_("No objection exists: the public posts and photos of adults are used by default."),
     {N_("There is no opt-out. US users got no notice in 2024: the policy was already in effect (2024-2025)."),
      NON_PUBLIC_LEVER,
      N_("Meta confirmed in Australia that public posts and photos back to 2007 are used; this is reported as "
         "its practice generally (Sep 2024)."),
      N_("Whether the public content of people under 18 is excluded in the US is not confirmed."),
      N_("From 16 Dec 2025 Meta also uses your chats with Meta AI to personalise content and ads (not "
         "training), with no opt-out except not using the AI (announced 1 Oct 2025)."),
      NULL},
     {NULL},
     CHECKED_ON,
     N_("reports of 2024-2025; Meta, 1 Oct 2025"),
     NULL},
    {"other", N_("Other countries"), 0,
     N_("No objection is known: assume that the public content of adults is used, as in the US."),
     {N_("Australia and Canada have no opt-out (Meta at the Australian Senate, 11 Sep 2024; June 2024). For "
         "other countries no source is known, and the US pattern is assumed: this is not verified."),
      NON_PUBLIC_LEVER,
      N_("From 16 Dec 2025, outside the EU, the UK and South Korea, Meta uses chats with Meta AI to personalise "
         "content and ads (not training), with no opt-out except not using the AI (announced 1 Oct 2025)."),
      NULL},
     {NULL},
     CHECKED_ON,
     N_("Meta, 11 Sep 2024 and 1 Oct 2025"),
     NULL},
};

#define NREGIONS (sizeof regions / sizeof regions[0])

/* What a person may type for --region besides a region's code: the codes
 * (ISO 3166) and English names of its countries, and a few native names.
 * Compared without regard to ASCII case, with '-' and '_' read as spaces. */
static const struct alias { const char *name, *code; } aliases[] = {
    {"eea", "eu"}, {"europe", "eu"}, {"european union", "eu"},
    {"at", "eu"}, {"austria", "eu"}, {"österreich", "eu"}, {"be", "eu"}, {"belgium", "eu"},
    {"belgique", "eu"}, {"belgië", "eu"}, {"bg", "eu"}, {"bulgaria", "eu"}, {"hr", "eu"}, {"croatia", "eu"},
    {"cy", "eu"}, {"cyprus", "eu"}, {"cz", "eu"}, {"czechia", "eu"}, {"czech republic", "eu"}, {"dk", "eu"},
    {"denmark", "eu"}, {"danmark", "eu"}, {"ee", "eu"}, {"estonia", "eu"}, {"fi", "eu"}, {"finland", "eu"},
    {"suomi", "eu"}, {"fr", "eu"}, {"france", "eu"}, {"de", "eu"}, {"germany", "eu"}, {"deutschland", "eu"},
    {"gr", "eu"}, {"el", "eu"}, {"greece", "eu"}, {"hu", "eu"}, {"hungary", "eu"}, {"ie", "eu"},
    {"ireland", "eu"}, {"it", "eu"}, {"italy", "eu"}, {"italia", "eu"}, {"lv", "eu"}, {"latvia", "eu"},
    {"lt", "eu"}, {"lithuania", "eu"}, {"lu", "eu"}, {"luxembourg", "eu"}, {"mt", "eu"}, {"malta", "eu"},
    {"nl", "eu"}, {"netherlands", "eu"}, {"the netherlands", "eu"}, {"nederland", "eu"}, {"holland", "eu"},
    {"pl", "eu"}, {"poland", "eu"}, {"polska", "eu"}, {"pt", "eu"}, {"portugal", "eu"}, {"ro", "eu"},
    {"romania", "eu"}, {"sk", "eu"}, {"slovakia", "eu"}, {"si", "eu"}, {"slovenia", "eu"}, {"es", "eu"},
    {"spain", "eu"}, {"españa", "eu"}, {"se", "eu"}, {"sweden", "eu"}, {"sverige", "eu"}, {"no", "eu"},
    {"norway", "eu"}, {"norge", "eu"}, {"is", "eu"}, {"iceland", "eu"}, {"li", "eu"}, {"liechtenstein", "eu"},
    {"switzerland", "ch"}, {"schweiz", "ch"}, {"suisse", "ch"}, {"svizzera", "ch"}, {"svizra", "ch"},
    {"gb", "uk"}, {"united kingdom", "uk"}, {"great britain", "uk"}, {"britain", "uk"}, {"england", "uk"},
    {"scotland", "uk"}, {"wales", "uk"}, {"northern ireland", "uk"},
    {"brazil", "br"}, {"brasil", "br"},
    {"south korea", "kr"}, {"korea", "kr"}, {"republic of korea", "kr"},
    {"usa", "us"}, {"united states", "us"}, {"united states of america", "us"}, {"america", "us"},
};

/* ---- lookups ---------------------------------------------------------------- */

size_t tr_region_count(void) { return NREGIONS; }

const tr_region *tr_region_at(size_t i) { return i < NREGIONS ? &regions[i] : NULL; }

const tr_region *tr_region_find(const char *code)
{
    for (size_t i = 0; code && i < NREGIONS; i++)
        if (!strcmp(regions[i].code, code)) return &regions[i];
    return NULL;
}

const char *tr_region_codes(void) { return "eu, ch, uk, br, kr, us or other"; }

const tr_region *tr_region_lookup(const char *name)
{
    char key[64];
    size_t o = 0;

    if (!name) return NULL;
    while (*name == ' ') name++;
    for (; *name && o + 1 < sizeof key; name++) {
        char c = *name == '-' || *name == '_' ? ' ' : *name;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c == ' ' && (o == 0 || key[o - 1] == ' ')) continue; /* runs of spaces count as one */
        key[o++] = c;
    }
    if (*name) return NULL; /* longer than any name */
    while (o && key[o - 1] == ' ') o--;
    key[o] = '\0';
    const tr_region *rg = tr_region_find(key);
    for (size_t i = 0; !rg && i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcmp(aliases[i].name, key)) rg = tr_region_find(aliases[i].code);
    return rg;
}

char *tr_region_checked(const tr_region *rg, char *buf, size_t n)
{
    char d[64];
    snprintf(buf, n, _("facts checked on %s (newest sources: %s)"), tr_i18n_date(rg->checked, d, sizeof d),
             _(rg->sources));
    return buf;
}

int tr_objection_stale(const tr_region *rg, tr_date today, char *buf, size_t n)
{
    tr_date newest = regions[0].checked;
    char d[64];

    if (n) buf[0] = '\0';
    for (size_t i = 1; i < NREGIONS; i++)
        if (tr_date_to_days(regions[i].checked) > tr_date_to_days(newest)) newest = regions[i].checked;
    /* more than 12 months: past the same day a year later */
    int months = (today.year - newest.year) * 12 + (today.month - newest.month);
    if (months < 12 || (months == 12 && today.day <= newest.day)) return 0;
    tr_i18n_date(newest, d, sizeof d);
    if (rg && rg->where)
        snprintf(buf, n,
                 _("These facts were last checked on %s, more than 12 months ago, and may have changed. Check "
                   "Meta's Privacy Center (Privacy Topics > AI at Meta) and %s, or use a newer version of "
                   "trainable."),
                 d, _(rg->where));
    else
        snprintf(buf, n,
                 _("These facts were last checked on %s, more than 12 months ago, and may have changed. Check "
                   "Meta's Privacy Center (Privacy Topics > AI at Meta) and your data protection authority, or "
                   "use a newer version of trainable."),
                 d);
    return 1;
}

/* ---- counting ----------------------------------------------------------------- */

/* Photos and videos are counted as files, not as listings: a photo listed
 * in an album and again elsewhere (another album, the uncategorised photos)
 * is one photo. An item of those categories counts when it points to a file
 * that no item counted before it (a video and its thumbnail are one video),
 * or to no file of the export at all. */
static int counts_files(int category) { return category == TR_CAT_PHOTO || category == TR_CAT_VIDEO; }

void tr_evidence_count(const tr_report *r, tr_evidence *ev)
{
    size_t *first = calloc(r->nitems + 1, sizeof *first); /* item i's refs: order[first[i] .. first[i+1]) */
    uint32_t *order = malloc((r->nrefs ? r->nrefs : 1) * sizeof *order);
    unsigned char *seen = calloc(r->nmedia ? r->nmedia : 1, 1);
    int by_file = first && order && seen; /* out of memory: count every listing */

    memset(ev, 0, sizeof *ev);
    if (by_file) {
        for (size_t k = 0; k < r->nrefs; k++) first[r->refs[k].item + 1]++;
        for (size_t i = 0; i < r->nitems; i++) first[i + 1] += first[i];
        size_t *fill = calloc(r->nitems ? r->nitems : 1, sizeof *fill);
        if (!fill) by_file = 0;
        for (size_t k = 0; fill && k < r->nrefs; k++) {
            uint32_t i = r->refs[k].item;
            order[first[i] + fill[i]++] = r->refs[k].media;
        }
        free(fill);
    }
    for (size_t i = 0; i < r->nitems; i++) {
        const tr_item *it = &r->item[i];
        if (it->verdict != TR_ELIGIBLE && it->verdict != TR_UNCERTAIN) continue;
        int counts = 1;
        if (by_file && counts_files(it->category) && first[i] < first[i + 1]) {
            counts = 0;
            for (size_t k = first[i]; k < first[i + 1]; k++) {
                if (!seen[order[k]]) counts = 1;
                seen[order[k]] = 1;
            }
        }
        if (counts && it->category < TR_CAT__COUNT) ev->cat[it->category]++;
        ev->items++;
        if (!it->has_time || it->future) continue; /* a spam date in 2069 is no evidence */
        int year = tr_date_from_unix(it->time).year;
        if (!ev->has_years || year < ev->first_year) ev->first_year = year;
        if (!ev->has_years || year > ev->last_year) ev->last_year = year;
        ev->has_years = 1;
    }
    ev->media_files = r->media_files[TR_ELIGIBLE] + r->media_files[TR_UNCERTAIN];
    ev->media_bytes = r->media_bytes[TR_ELIGIBLE] + r->media_bytes[TR_UNCERTAIN];
    free(first);
    free(order);
    free(seen);
}

void tr_objection_split(const tr_report *r, tr_date on, tr_split *out)
{
    int64_t cut = tr_date_to_days(on) * 86400;

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < r->nitems; i++) {
        const tr_item *it = &r->item[i];
        if (it->verdict != TR_ELIGIBLE && it->verdict != TR_UNCERTAIN) continue;
        if (!it->has_time) out->undated[it->verdict]++;
        else if (it->time < cut) out->before[it->verdict]++;
        else out->after[it->verdict]++;
    }
}

static const tr_date eu_start = {2025, 5, 27}; /* training on EU data began (Irish DPC, 21 May 2025) */

static int eu_or_ch(const char *region)
{
    return region && (!strcmp(region, "eu") || !strcmp(region, "ch"));
}

tr_split_kind tr_objection_split_kind(const char *region, tr_date on)
{
    const tr_region *rg = tr_region_find(region);

    if (rg && !rg->objection) return TR_SPLIT_NONE;
    if (rg && eu_or_ch(rg->code) && tr_date_to_days(on) < tr_date_to_days(eu_start)) return TR_SPLIT_ALL_COVERED;
    return TR_SPLIT_DATES;
}

const char *tr_objection_split_note(const char *region, tr_date on)
{
    switch (tr_objection_split_kind(region, on)) {
    case TR_SPLIT_NONE:
        return _("There is no objection in this region, so there is nothing to split: by Meta's account the date "
                 "changes nothing. Making content non-public likewise affects only later training.");
    case TR_SPLIT_ALL_COVERED:
        return _("You objected before training on EU data began on 27 May 2025. Meta said it honours such "
                 "objections: by its account none of these items was used, whatever its date.");
    case TR_SPLIT_DATES: break;
    }
    if (eu_or_ch(region))
        return _("Training on EU data began on 27 May 2025: items dated before your objection may already be in "
                 "models trained between then and your objection. The objection does not take them out, but "
                 "excludes them from later training.");
    return _("An objection applies to training after it: items dated before it may already be in models trained "
             "earlier (it does not take them out, but excludes them from later training); items dated after it "
             "are protected.");
}

const char *tr_objection_minor_note(void)
{
    return _("This export's account holder was under 18 on its date. Meta says it does not use the public "
             "content of accounts of people under 18 (EU, UK and Brazil, Sep 2024 to Apr 2025; Australia, Sep "
             "2024); one law firm says chats with Meta AI are used regardless of age (May 2025, unconfirmed).");
}

/* ---- the letter ------------------------------------------------------------------ */

/* The law each region's objection text cites, and its body. */
static const struct letter {
    const char *region, *law, *body;
} letters[] = {
    {"eu", N_("Article 21(1) GDPR"), NULL},
    {"uk", N_("Article 21(1) UK GDPR"), NULL},
    {"ch", N_("Article 30(2)(b) and (3) of the Swiss Federal Act on Data Protection (FADP)"),
     N_("I expressly object, under {LAW}, to the processing of my personal data to develop and improve generative "
        "AI models and features at Meta (\"AI at Meta\"). This is my express declaration of intent: processing my "
        "personal data for this purpose against it, including data I made generally accessible, breaches my "
        "personality rights (Art. 30(2)(b) and 30(3) FADP).\n"
        "\n"
        "Account e-mail address: {EMAIL}\n"
        "\n"
        "My data export (\"Download Your Information\"{ASOF}) holds {EVIDENCE}.\n"
        "\n"
        "Please stop processing my personal data for this purpose, including everything I posted in the past, "
        "and confirm in writing that my objection has been accepted and applies to every account in my Accounts "
        "Centre.\n")},
    {"br", N_("Article 18, § 2 of Brazil's General Data Protection Law (LGPD)"),
     N_("I object, under {LAW}, to the processing of my personal data to develop and improve generative AI "
        "models and features at Meta (\"AI at Meta\"), which Meta bases on its legitimate interest (Art. 7, IX, "
        "LGPD), a legal basis that does not require my consent.\n"
        "\n"
        "This processing does not comply with the LGPD: I shared my data to use a social network, not to train "
        "AI models, so the processing departs from the purpose for which they were collected and from my "
        "legitimate expectations (Art. 6, I and II, and Art. 10, II, LGPD), and it is not limited to the data "
        "strictly necessary (Art. 10, § 1, LGPD).\n"
        "\n"
        "Account e-mail address: {EMAIL}\n"
        "\n"
        "My data export (\"Download Your Information\"{ASOF}) holds {EVIDENCE}.\n"
        "\n"
        "Please stop processing my personal data for this purpose, including everything I posted in the past, "
        "and confirm in writing that my objection has been accepted and applies to every account in my Accounts "
        "Centre.\n")},
};

/* The body of an objection under Art. 21(1) GDPR or UK GDPR. */
#define BODY_GDPR                                                                                                \
    N_("I object, under {LAW}, to the processing of my personal data to develop and improve generative AI "    \
       "models and features at Meta (\"AI at Meta\"), which Meta bases on legitimate interests.\n"              \
       "\n"                                                                                                      \
       "Account e-mail address: {EMAIL}\n"                                                                      \
       "\n"                                                                                                      \
       "Grounds relating to my particular situation:\n"                                                        \
       "{REASON}\n"                                                                                              \
       "\n"                                                                                                      \
       "My data export (\"Download Your Information\"{ASOF}) holds {EVIDENCE}.\n"                               \
       "\n"                                                                                                      \
       "Please stop processing my personal data for this purpose, including everything I posted in the past, " \
       "and confirm in writing that my objection has been accepted and applies to every account in my "         \
       "Accounts Centre.\n")

static const struct letter *letter_find(const char *region)
{
    for (size_t i = 0; region && i < sizeof letters / sizeof letters[0]; i++)
        if (!strcmp(letters[i].region, region)) return &letters[i];
    return NULL;
}

/* The plural nouns the objection text counts, per category. */
static const char *const letter_cat[TR_CAT__COUNT] = {
    NC_("letter", "posts"), NC_("letter", "photos"), NC_("letter", "videos"), NC_("letter", "comments"),
    NC_("letter", "reactions"), NC_("letter", "stories"), NC_("letter", "reels"), NC_("letter", "messages"),
    NC_("letter", "conversations with Meta AI"), NC_("letter", "events"), NC_("letter", "Marketplace listings"),
    NC_("letter", "profile records"), NC_("letter", "connections"), NC_("letter", "activity records"),
    NC_("letter", "ads records"), NC_("letter", "security records"), NC_("letter", "settings"),
    NC_("letter", "other items")};

static void put_evidence(FILE *f, const tr_evidence *ev)
{
    char n[48];
    char *list = NULL;
    size_t len = 0;
    FILE *m;
    int first = 1;

    if (!ev->items && !ev->media_files) {
        fputs(_("no content that this tool counts as public or possibly public; I object all the same, also for "
                "what I post in the future"),
              f);
        return;
    }
    if (!(m = open_memstream(&list, &len))) return;
    for (int c = 0; c < TR_CAT__COUNT; c++) {
        if (!ev->cat[c]) continue;
        if (!first) fputs(", ", m);
        /* TRANSLATORS: a count in the objection text: "posts: 20" */
        fprintf(m, C_("evidence", "%s: %s"), tr_pgettext(letter_cat[c]), tr_i18n_count(ev->cat[c], n, sizeof n));
        first = 0;
    }
    if (ev->media_files) {
        /* TRANSLATORS: between the list of counts and the media files in the objection text */
        if (!first) fputs(C_("list", "; "), m);
        fprintf(m, _("media files (photos, videos): %s"), tr_i18n_count(ev->media_files, n, sizeof n));
    }
    if (ev->has_years) {
        fputs(", ", m);
        if (ev->first_year == ev->last_year) fprintf(m, _("dated %d"), ev->first_year);
        else fprintf(m, _("dated from %d to %d"), ev->first_year, ev->last_year);
    }
    if (fclose(m) == 0 && list) fprintf(f, _("content that is or may be public and could be used for this purpose: %s"), list);
    free(list);
}

/* Copy template t to f, replacing each {NAME} token. */
static void expand(FILE *f, const char *t, const char *law, const tr_report *r, const tr_evidence *ev,
                   int with_email)
{
    const tr_fact *email = with_email ? tr_report_fact(r, "email") : NULL;

    while (*t) {
        if (!strncmp(t, "{LAW}", 5)) {
            fputs(law, f);
            t += 5;
        } else if (!strncmp(t, "{EMAIL}", 7)) {
            fputs(email && email->text && *email->text ? email->text : _("[your e-mail address]"), f);
            t += 7;
        } else if (!strncmp(t, "{REASON}", 8)) {
            fputs(_(">>> WRITE YOUR PERSONAL REASON HERE: how this use of your data affects you in your particular "
                    "situation <<<"),
                  f);
            t += 8;
        } else if (!strncmp(t, "{ASOF}", 6)) {
            if (r->has_as_of) {
                char d[64];
                /* TRANSLATORS: follows "Download Your Information" in the objection text: the export's date */
                fprintf(f, _(" of %s"), tr_i18n_date(r->as_of, d, sizeof d));
            }
            t += 6;
        } else if (!strncmp(t, "{EVIDENCE}", 10)) {
            put_evidence(f, ev);
            t += 10;
        } else {
            fputc(*t++, f);
        }
    }
}

char *tr_objection_letter(const tr_report *r, const char *region, int with_email)
{
    const struct letter *lt = letter_find(region ? region : "eu");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = NULL;
    tr_evidence ev;
    int ok = 0;

    if (!lt) goto out;
    tr_evidence_count(r, &ev);
    if (!(f = open_memstream(&buf, &len))) goto out;
    expand(f, _("Objection under {LAW} to the use of my personal data for AI at Meta"), _(lt->law), r, &ev,
           with_email);
    fputs("\n\n", f);
    expand(f, lt->body ? _(lt->body) : _(BODY_GDPR), _(lt->law), r, &ev, with_email);
    ok = !ferror(f);
out:
    if (f && fclose(f) != 0) ok = 0;
    if (!ok) {
        free(buf);
        buf = NULL;
    }
    return buf;
}

/* ---- the section as text ------------------------------------------------------------ */

/* Columns taken by UTF-8 text (one per code point). */
static int cols(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80) c++;
    return c;
}

/* Write s wrapped at `width` columns (0: 78) with `indent` spaces before
 * each line. */
static void wrap(FILE *out, int width, const char *s, int indent, const char *first_prefix)
{
    int lead = indent + cols(first_prefix, strlen(first_prefix)), col;
    if (width <= 0) width = 78;
    const char *p = s;

    fprintf(out, "%*s%s", indent, "", first_prefix);
    col = lead;
    while (*p) {
        const char *w = p;
        while (*p && *p != ' ') p++;
        int wl = cols(w, (size_t)(p - w));
        if (col + wl + 1 > width && col > lead) {
            fprintf(out, "\n%*s", lead, "");
            col = lead;
        } else if (w != s) {
            fputc(' ', out);
            col++;
        }
        fwrite(w, 1, (size_t)(p - w), out);
        col += wl;
        while (*p == ' ') p++;
    }
    fputc('\n', out);
}

static void forms_text(FILE *out, int W, const tr_region *rg)
{
    char line[512];
    for (int i = 0; i < TR_REGION_FORMS && rg->forms[i]; i++) {
        const tr_form *fm = rg->forms[i];
        if (fm->url) {
            /* TRANSLATORS: a form: its name, its address, when it was published */
            snprintf(line, sizeof line, _("%s: %s (%s)"), _(fm->label), fm->url, _(fm->published));
            wrap(out, W, line, 4, "");
        } else {
            /* TRANSLATORS: a label before a text, as in "In the app: Settings > ..." */
            snprintf(line, sizeof line, C_("label", "%s: "), _(fm->label));
            wrap(out, W, _(fm->how), 4, line);
        }
    }
}

static void split_text(FILE *out, const tr_report *r, const tr_report_opts *o, const tr_region *rg)
{
    int W = o->width;
    char n1[48], n2[48], n3[48], d[64], line[512];
    tr_split s;
    tr_split_kind kind = tr_objection_split_kind(rg ? rg->code : NULL, o->objected_on);

    tr_i18n_date(o->objected_on, d, sizeof d);
    tr_objection_split(r, o->objected_on, &s);
    uint64_t all = 0;
    for (int v = 0; v < TR_VERDICT__COUNT; v++) all += s.before[v] + s.after[v] + s.undated[v];
    fputc('\n', out);
    if (kind == TR_SPLIT_NONE) { /* nothing to split: said once */
        snprintf(line, sizeof line, _("Objected on %s:"), d);
        fprintf(out, "  %s\n", line);
        wrap(out, W, tr_objection_split_note(rg->code, o->objected_on), 4, "");
        return;
    }
    snprintf(line, sizeof line,
             tr_ngettext("Objected on %s (%s eligible or uncertain item):",
                         "Objected on %s (%s eligible or uncertain items):", all),
             d, tr_i18n_count(all, n1, sizeof n1));
    fprintf(out, "  %s\n", line);
    if (kind == TR_SPLIT_DATES) {
        const uint64_t *rows[3] = {s.before, s.after, s.undated};
        const char *label[3] = {_("before it, could already have been used: %s (%s eligible, %s uncertain)"),
                                _("on or after it, protected by it: %s (%s eligible, %s uncertain)"),
                                _("without a date: %s (%s eligible, %s uncertain)")};
        for (int i = 0; i < 3; i++) {
            if (i == 2 && !(s.undated[TR_ELIGIBLE] + s.undated[TR_UNCERTAIN])) break;
            snprintf(line, sizeof line, label[i],
                     tr_i18n_count(rows[i][TR_ELIGIBLE] + rows[i][TR_UNCERTAIN], n1, sizeof n1),
                     tr_i18n_count(rows[i][TR_ELIGIBLE], n2, sizeof n2),
                     tr_i18n_count(rows[i][TR_UNCERTAIN], n3, sizeof n3));
            wrap(out, W, line, 4, "");
        }
    }
    wrap(out, W, tr_objection_split_note(rg ? rg->code : NULL, o->objected_on), 4, "");
}

int tr_write_objection(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    const tr_region *rg = tr_region_find(o->region);
    const char *letter_region = rg ? rg->code : "eu";
    char *letter = NULL;
    char line[1024], checked[512];
    int rc = -1, W = o->width;

    fprintf(out, "%s%s%s\n", o->color ? "\033[1m" : "", _("What you can do"), o->color ? "\033[0m" : "");
    if (o->has_today && tr_objection_stale(rg, o->today, line, sizeof line)) wrap(out, W, line, 2, "! ");
    if (rg) {
        /* TRANSLATORS: a region's heading: its name, then when its facts were checked */
        snprintf(line, sizeof line, _("%s, %s:"), _(rg->name), tr_region_checked(rg, checked, sizeof checked));
        wrap(out, W, line, 2, "");
        wrap(out, W, _(rg->summary), 2, "");
        for (int i = 0; i < TR_REGION_POINTS && rg->points[i]; i++) wrap(out, W, _(rg->points[i]), 2, "- ");
        if (rg->forms[0]) {
            fprintf(out, "  %s\n", _("Where to object:"));
            forms_text(out, W, rg);
        }
    } else {
        snprintf(line, sizeof line, _("It depends on where you live (--region %s for details):"),
                 "eu|ch|uk|br|kr|us|other");
        wrap(out, W, line, 2, "");
        for (size_t i = 0; i < NREGIONS; i++) {
            char d[64];
            /* the overview names the date only; --region adds the sources */
            snprintf(checked, sizeof checked, _("facts checked on %s"),
                     tr_i18n_date(regions[i].checked, d, sizeof d));
            /* TRANSLATORS: a region's heading in the overview: name, code, when its facts were checked */
            snprintf(line, sizeof line, _("%s [%s], %s:"), _(regions[i].name), regions[i].code, checked);
            wrap(out, W, line, 2, "");
            wrap(out, W, _(regions[i].summary), 4, "");
        }
        fprintf(out, "  %s\n", _("Where to object (EU/EEA, Switzerland; UK through the app):"));
        forms_text(out, W, &regions[0]);
        wrap(out, W, _(FUTURE_ONLY), 2, "");
        wrap(out, W, _(OWN_ONLY), 2, "");
        wrap(out, W, _(OBJECTED_2024), 2, "");
    }

    wrap(out, o->width, _(TR_FACTS_NOTE), 2, "");
    if (r->minor == 1) {
        fputc('\n', out);
        wrap(out, W, tr_objection_minor_note(), 2, "");
    }

    if (o->has_objected_on) split_text(out, r, o, rg);

    if ((!rg || rg->objection) && o->letter_elsewhere) {
        fputc('\n', out);
        snprintf(line, sizeof line, _("`trainable objection%s%s INPUT...` writes an objection text to paste into the form."),
                 rg ? " --region " : "", rg ? rg->code : "");
        wrap(out, W, line, 2, "");
    } else if (!rg || rg->objection) {
        const struct letter *lt = letter_find(letter_region);
        letter = tr_objection_letter(r, letter_region, o->show_email);
        if (!letter) goto out;
        fputc('\n', out);
        if (!rg)
            wrap(out, W,
                 _("Objection text to paste into the form, for the EU/EEA (--region picks the law of another "
                   "region); fill in the part marked >>> <<<:"),
                 2, "");
        else if (!lt->body)
            wrap(out, W, _("Objection text to paste into the form (fill in the part marked >>> <<<):"), 2, "");
        else
            wrap(out, W, _("Objection text to paste into the form:"), 2, "");
        fputc('\n', out);
        /* The letter holds the e-mail address from the export: printed safely. */
        for (char *l = letter, *nl; *l; l = nl) {
            nl = strchr(l, '\n');
            if (nl) *nl++ = '\0';
            else nl = l + strlen(l);
            fputs(*l ? "    " : "", out);
            tr_fputs_safe(out, l);
            fputc('\n', out);
        }
    }
    rc = ferror(out) ? -1 : 0;
out:
    free(letter);
    return rc;
}
