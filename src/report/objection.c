/* objection.c - "what you can do": per region what applies, and the
 * ready-to-paste objection text in six languages.
 *
 * All the wording lives in two tables below, `regions` (facts, English) and
 * `langs` (the objection text), so that a change of Meta's policy or a new
 * language changes data, not code. The facts and their dates come from
 * shared/docs/meta-ai-policy.md; each region says when its facts were
 * checked. The objection text carries numbers only (how many posts, photos,
 * from which year to which), never a text, name or path from the export;
 * the one value taken from the export is the account e-mail address (fact
 * "email"), which Meta's form asks for.
 */
#include "objection.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- the forms ------------------------------------------------------------ */

static const tr_form form_fb = {"Facebook objection form (2025)",
                                "https://www.facebook.com/help/contact/712876720715583", NULL, "Apr-May 2025"};
static const tr_form form_ig = {"Instagram objection form (2025)",
                                "https://help.instagram.com/contact/767264225370182", NULL, "Apr-May 2025"};
static const tr_form form_app = {
    "In the app", NULL,
    "Settings & privacy > Privacy Center > AI at Meta (Generative AI) > Submit an objection request; "
    "or the \"object\" link in Meta's Privacy Policy. You must be logged in.",
    "2025"};

/* ---- the regions ---------------------------------------------------------- */

#define FUTURE_ONLY                                                                                              \
    "An objection covers future training only: it does not take data out of models already trained (Meta's "  \
    "confirmation e-mail, 2024-2025)."
#define OWN_ONLY                                                                                                 \
    "It covers only your own content: photos of you or posts about you that others share publicly are outside " \
    "it (Meta's privacy centre, 2024-2025)."
#define OBJECTED_2024                                                                                            \
    "Meta said objections filed in 2024 remain valid (14 Apr 2025). noyb alleges that some people were told to " \
    "object again (May 2025): if unsure, object again."
#define LINKED_ACCOUNTS                                                                                          \
    "One objection covers the accounts linked in your Accounts Centre; an account that is not linked, or that "  \
    "uses another e-mail address, needs its own."
#define NON_PUBLIC_LEVER                                                                                         \
    "The only lever is to make posts, photos or your whole Instagram account non-public, or to delete them. "    \
    "That only affects training from then on: what was already collected stays (Meta at the Australian "         \
    "Senate, 11 Sep 2024)."

static const tr_region regions[] = {
    {"eu", "EU/EEA (with Norway, Iceland and Liechtenstein)", 1,
     "You can object. Meta trains on the public content of adults and on chats with Meta AI since 27 May 2025, "
     "including everything public you posted in the past.",
     {"Training on EU data began on 27 May 2025 (Irish DPC, 21 May 2025). Without an objection all your past "
      "public content is used, not only what you post from then on (Dutch AP and Liechtenstein DPA, May 2025).",
      FUTURE_ONLY, OWN_ONLY, OBJECTED_2024, LINKED_ACCOUNTS,
      "The 2025 form needs only the account's e-mail address and a reason is optional (Apr-May 2025), but "
      "Art. 21(1) GDPR speaks of grounds relating to your particular situation: giving one can only help.",
      "Whether an objection also stops the use of your chats with Meta AI is not established.", NULL},
     {&form_fb, &form_ig, &form_app},
     "facts as of May 2025 (Meta, 14 Apr 2025; Irish DPC, 21 May 2025)"},
    {"ch", "Switzerland", 1,
     "You can object, as in the EU: Meta's 2025 EU rollout includes Switzerland, with training from 27 May 2025.",
     {"In June 2024 Meta told the FDPIC it would not use Swiss users' data for AI training for the time being "
      "(21 Jun 2024); its 2025 EU rollout covers Switzerland, as the FDPIC confirmed (Apr-May 2025).",
      "As in the EU, without an objection all your past public content is used.", FUTURE_ONLY, OWN_ONLY,
      OBJECTED_2024, LINKED_ACCOUNTS, NULL},
     {&form_fb, &form_ig, &form_app},
     "facts as of May 2025 (Meta, 14 Apr 2025; FDPIC, 2024-2025)"},
    {"uk", "United Kingdom", 1,
     "You can object at any time. Meta announced on 13 Sep 2024 that it would train on the public content of "
     "adults in the UK over the coming months.",
     {"Meta uses public posts and comments, and public photos with their captions, of adults in the UK; not "
      "private messages, and not accounts of people under 18 (Meta, 13 Sep 2024).",
      "People who had already objected were not asked again: their objection stays in force (Meta, 13 Sep 2024).",
      FUTURE_ONLY, OWN_ONLY,
      "The ICO said it had not given regulatory approval, though Meta simplified the form (Sep 2024).",
      "The form addresses below were published for the 2025 EU rollout; if one does not apply to you, the "
      "in-app route leads to yours.",
      NULL},
     {&form_app, &form_fb, &form_ig},
     "facts as of Sep 2024 (Meta and the ICO, 13 Sep 2024)"},
    {"br", "Brazil", 1,
     "You can object, users and non-users alike, through a simplified form. Meta could use data from about 30 "
     "days after its notices of September 2024.",
     {"The ANPD suspended Meta's plan on 2 Jul 2024 and lifted the suspension on 30 Aug 2024 under a compliance "
      "plan; Meta sent notices from 3 Sep 2024 and could start 30 days later.",
      "The form is simplified: extra information is optional, and people without an account can object too.",
      "Data of people under 18 is excluded until the ANPD decides.", FUTURE_ONLY, OWN_ONLY,
      "The form's address is not known to this tool: use the link in Meta's notice or the in-app route.", NULL},
     {&form_app, NULL},
     "facts as of Sep 2024 (ANPD, 30 Aug 2024)"},
    {"us", "United States", 0, "No objection exists: the public posts and photos of adults are used by default.",
     {"There is no opt-out. US users got no notice in 2024: the policy was already in effect (2024-2025).",
      NON_PUBLIC_LEVER,
      "Meta confirmed in Australia that public posts and photos back to 2007 are used; this is reported as its "
      "practice generally (Sep 2024).",
      "Whether the public content of people under 18 is excluded in the US is not confirmed.",
      "From 16 Dec 2025 Meta also uses your chats with Meta AI to personalise content and ads (not training), "
      "with no opt-out except not using the AI (announced 1 Oct 2025).",
      NULL},
     {NULL},
     "facts as of Oct 2025 (reports of 2024-2025; Meta, 1 Oct 2025)"},
    {"other", "Other countries", 0,
     "No objection is known: assume that the public content of adults is used, as in the US.",
     {"Australia and Canada have no opt-out (Meta at the Australian Senate, 11 Sep 2024; June 2024). For other "
      "countries no source is known, and the US pattern is assumed: this is not verified.",
      NON_PUBLIC_LEVER,
      "From 16 Dec 2025, outside the EU, the UK and South Korea, Meta uses chats with Meta AI to personalise "
      "content and ads (not training), with no opt-out except not using the AI (announced 1 Oct 2025).",
      NULL},
     {NULL},
     "facts as of Oct 2025 (Meta, 11 Sep 2024 and 1 Oct 2025)"},
};

#define NREGIONS (sizeof regions / sizeof regions[0])

/* ---- the languages of the objection text ---------------------------------- */

enum { L_EU, L_UK, L_CH, L_BR, L_NLAWS };

typedef struct lang {
    const char *code;
    const char *law[L_NLAWS];   /* the law, as the templates cite it, per region */
    const char *title;          /* {LAW} */
    const char *body;           /* {LAW} {EMAIL} {REASON} {ASOF} {EVIDENCE} */
    const char *email_missing;  /* placeholder when the export holds no e-mail */
    const char *reason;         /* the marked place for the personal reason */
    const char *as_of;          /* " of %s" after the export's name */
    const char *evidence;       /* what the export holds: followed by the counts */
    const char *evidence_none;  /* when nothing is public or possibly public */
    const char *media;          /* "media files (photos, videos)" */
    const char *years;          /* "dated from %d to %d" */
    const char *year;           /* "dated %d" */
    const char *colon;          /* ": " or " : " */
    const char *thousands;      /* thousands separator */
    const char *cat[TR_CAT__COUNT];
} lang;

static const lang langs[] = {
    {"en",
     {"Article 21(1) GDPR", "Article 21(1) UK GDPR",
      "Article 21(1) GDPR and the Swiss Federal Act on Data Protection (FADP)",
      "Article 18, § 2 of Brazil's General Data Protection Law (LGPD)"},
     "Objection under {LAW} to the use of my personal data for AI at Meta",
     "I object, under {LAW}, to the processing of my personal data to develop and improve generative AI models "
     "and features at Meta (\"AI at Meta\"), which Meta bases on legitimate interests.\n"
     "\n"
     "Account e-mail address: {EMAIL}\n"
     "\n"
     "Grounds relating to my particular situation:\n"
     "{REASON}\n"
     "\n"
     "My data export (\"Download Your Information\"{ASOF}) holds {EVIDENCE}.\n"
     "\n"
     "Please stop processing my personal data for this purpose, including everything I posted in the past, and "
     "confirm in writing that my objection has been accepted and applies to every account in my Accounts "
     "Centre.\n",
     "[your e-mail address]",
     ">>> WRITE YOUR PERSONAL REASON HERE: how this use of your data affects you in your particular situation <<<",
     " of %s", "content that is or may be public and could be used for this purpose",
     "no content that this tool counts as public or possibly public; I object all the same, also for what I "
     "post in the future",
     "media files (photos, videos)", "dated from %d to %d", "dated %d", ": ", ",",
     {"posts", "photos", "videos", "comments", "reactions", "stories", "reels", "messages",
      "conversations with Meta AI", "events", "Marketplace listings", "profile records", "connections",
      "activity records", "ads records", "security records", "settings", "other items"}},
    {"fr",
     {"l'article 21, paragraphe 1, du RGPD", "l'article 21, paragraphe 1, du UK GDPR",
      "l'article 21, paragraphe 1, du RGPD et de la loi fédérale suisse sur la protection des données (LPD)",
      "l'article 18, § 2, de la loi générale brésilienne sur la protection des données (LGPD)"},
     "Opposition au titre de {LAW} à l'utilisation de mes données personnelles pour l'IA de Meta",
     "Je m'oppose, au titre de {LAW}, au traitement de mes données personnelles pour développer et améliorer "
     "les modèles et fonctions d'IA générative de Meta (« AI at Meta »), que Meta fonde sur l'intérêt "
     "légitime.\n"
     "\n"
     "Adresse e-mail du compte : {EMAIL}\n"
     "\n"
     "Raisons tenant à ma situation particulière :\n"
     "{REASON}\n"
     "\n"
     "Mon export de données (« Télécharger vos informations »{ASOF}) contient {EVIDENCE}.\n"
     "\n"
     "Je vous demande de cesser tout traitement de mes données personnelles à cette fin, y compris pour tout ce "
     "que j'ai publié par le passé, et de me confirmer par écrit que mon opposition est acceptée et s'applique "
     "à tous les comptes de mon Espace Comptes.\n",
     "[votre adresse e-mail]",
     ">>> ÉCRIVEZ ICI VOTRE RAISON PERSONNELLE : en quoi cette utilisation de vos données vous affecte dans "
     "votre situation particulière <<<",
     " du %s", "des contenus publics ou susceptibles de l'être, utilisables à cette fin",
     "aucun contenu que cet outil compte comme public ou susceptible de l'être ; je m'oppose néanmoins, "
     "également pour ce que je publierai à l'avenir",
     "fichiers multimédias (photos, vidéos)", "datés de %d à %d", "datés de %d", " : ", "\xc2\xa0",
     {"publications", "photos", "vidéos", "commentaires", "réactions", "stories", "reels", "messages",
      "conversations avec Meta AI", "évènements", "annonces Marketplace", "données de profil", "relations",
      "activités", "données publicitaires", "données de sécurité", "paramètres", "autres éléments"}},
    {"de",
     {"Art. 21 Abs. 1 DSGVO", "Art. 21 Abs. 1 UK GDPR", "Art. 21 Abs. 1 DSGVO und dem Schweizer Datenschutzgesetz (DSG)",
      "Art. 18 § 2 des brasilianischen Datenschutzgesetzes (LGPD)"},
     "Widerspruch nach {LAW} gegen die Nutzung meiner personenbezogenen Daten für KI bei Meta",
     "Hiermit widerspreche ich nach {LAW} der Verarbeitung meiner personenbezogenen Daten zur Entwicklung und "
     "Verbesserung generativer KI-Modelle und -Funktionen von Meta („AI at Meta“), die Meta auf berechtigte "
     "Interessen stützt.\n"
     "\n"
     "E-Mail-Adresse des Kontos: {EMAIL}\n"
     "\n"
     "Gründe, die sich aus meiner besonderen Situation ergeben:\n"
     "{REASON}\n"
     "\n"
     "Mein Datenexport („Deine Informationen herunterladen“{ASOF}) enthält {EVIDENCE}.\n"
     "\n"
     "Bitte stellen Sie die Verarbeitung meiner personenbezogenen Daten zu diesem Zweck ein, auch für alles, was "
     "ich in der Vergangenheit veröffentlicht habe, und bestätigen Sie mir schriftlich, dass mein Widerspruch "
     "angenommen wurde und für alle Konten in meiner Kontenübersicht gilt.\n",
     "[Ihre E-Mail-Adresse]",
     ">>> SCHREIBEN SIE HIER IHREN PERSÖNLICHEN GRUND: wie Sie diese Nutzung Ihrer Daten in Ihrer besonderen "
     "Situation betrifft <<<",
     " vom %s", "Inhalte, die öffentlich sind oder sein können und zu diesem Zweck genutzt werden könnten",
     "keine Inhalte, die dieses Werkzeug als öffentlich oder möglicherweise öffentlich zählt; ich widerspreche "
     "dennoch, auch für künftige Inhalte",
     "Mediendateien (Fotos, Videos)", "aus den Jahren %d bis %d", "aus dem Jahr %d", ": ", ".",
     {"Beiträge", "Fotos", "Videos", "Kommentare", "Reaktionen", "Stories", "Reels", "Nachrichten",
      "Unterhaltungen mit Meta AI", "Veranstaltungen", "Marketplace-Angebote", "Profilangaben", "Verbindungen",
      "Aktivitäten", "Werbedaten", "Sicherheitsdaten", "Einstellungen", "sonstige Elemente"}},
    {"es",
     {"artículo 21, apartado 1, del RGPD", "artículo 21, apartado 1, del UK GDPR",
      "artículo 21, apartado 1, del RGPD y la Ley Federal suiza de Protección de Datos (LPD)",
      "artículo 18, § 2, de la Ley General de Protección de Datos de Brasil (LGPD)"},
     "Oposición conforme al {LAW} al uso de mis datos personales para la IA de Meta",
     "Me opongo, conforme al {LAW}, al tratamiento de mis datos personales para desarrollar y mejorar los "
     "modelos y funciones de IA generativa de Meta («AI at Meta»), que Meta basa en el interés legítimo.\n"
     "\n"
     "Dirección de correo electrónico de la cuenta: {EMAIL}\n"
     "\n"
     "Motivos relacionados con mi situación particular:\n"
     "{REASON}\n"
     "\n"
     "Mi exportación de datos («Descargar tu información»{ASOF}) contiene {EVIDENCE}.\n"
     "\n"
     "Les solicito que dejen de tratar mis datos personales con esta finalidad, también en lo que publiqué en el "
     "pasado, y que me confirmen por escrito que mi oposición ha sido aceptada y se aplica a todas las cuentas "
     "de mi Centro de cuentas.\n",
     "[su dirección de correo electrónico]",
     ">>> ESCRIBA AQUÍ SU MOTIVO PERSONAL: cómo le afecta este uso de sus datos en su situación particular <<<",
     " del %s", "contenido público o que puede serlo y que podría usarse con esta finalidad",
     "ningún contenido que esta herramienta considere público o posiblemente público; me opongo igualmente, "
     "también para lo que publique en el futuro",
     "archivos multimedia (fotos, vídeos)", "fechados de %d a %d", "fechados en %d", ": ", ".",
     {"publicaciones", "fotos", "vídeos", "comentarios", "reacciones", "historias", "reels", "mensajes",
      "conversaciones con Meta AI", "eventos", "anuncios de Marketplace", "datos de perfil", "conexiones",
      "actividades", "datos de anuncios", "datos de seguridad", "ajustes", "otros elementos"}},
    {"it",
     {"dell'articolo 21, paragrafo 1, del GDPR", "dell'articolo 21, paragrafo 1, dello UK GDPR",
      "dell'articolo 21, paragrafo 1, del GDPR e della legge federale svizzera sulla protezione dei dati (LPD)",
      "dell'articolo 18, § 2, della legge generale brasiliana sulla protezione dei dati (LGPD)"},
     "Opposizione ai sensi {LAW} all'uso dei miei dati personali per l'IA di Meta",
     "Mi oppongo, ai sensi {LAW}, al trattamento dei miei dati personali per sviluppare e migliorare i modelli e "
     "le funzioni di IA generativa di Meta («AI at Meta»), che Meta fonda sul legittimo interesse.\n"
     "\n"
     "Indirizzo e-mail dell'account: {EMAIL}\n"
     "\n"
     "Motivi connessi alla mia situazione particolare:\n"
     "{REASON}\n"
     "\n"
     "La mia esportazione dei dati («Scarica le tue informazioni»{ASOF}) contiene {EVIDENCE}.\n"
     "\n"
     "Vi chiedo di cessare il trattamento dei miei dati personali per questa finalità, anche per tutto ciò che "
     "ho pubblicato in passato, e di confermarmi per iscritto che la mia opposizione è stata accolta e si "
     "applica a tutti gli account del mio Centro gestione account.\n",
     "[il tuo indirizzo e-mail]",
     ">>> SCRIVI QUI IL TUO MOTIVO PERSONALE: in che modo questo uso dei tuoi dati ti riguarda nella tua "
     "situazione particolare <<<",
     " del %s", "contenuti pubblici o che possono esserlo, utilizzabili per questa finalità",
     "nessun contenuto che questo strumento consideri pubblico o possibilmente pubblico; mi oppongo comunque, "
     "anche per ciò che pubblicherò in futuro",
     "file multimediali (foto, video)", "datati dal %d al %d", "datati %d", ": ", ".",
     {"post", "foto", "video", "commenti", "reazioni", "storie", "reel", "messaggi", "conversazioni con Meta AI",
      "eventi", "inserzioni di Marketplace", "dati del profilo", "collegamenti", "attività", "dati pubblicitari",
      "dati di sicurezza", "impostazioni", "altri elementi"}},
    {"nl",
     {"artikel 21, lid 1, AVG", "artikel 21, lid 1, UK GDPR",
      "artikel 21, lid 1, AVG en de Zwitserse federale wet inzake gegevensbescherming (DSG)",
      "artikel 18, § 2, van de Braziliaanse algemene wet gegevensbescherming (LGPD)"},
     "Bezwaar op grond van {LAW} tegen het gebruik van mijn persoonsgegevens voor AI bij Meta",
     "Hierbij maak ik op grond van {LAW} bezwaar tegen de verwerking van mijn persoonsgegevens voor het "
     "ontwikkelen en verbeteren van generatieve AI-modellen en -functies van Meta (\"AI at Meta\"), die Meta "
     "baseert op gerechtvaardigd belang.\n"
     "\n"
     "E-mailadres van het account: {EMAIL}\n"
     "\n"
     "Redenen die verband houden met mijn specifieke situatie:\n"
     "{REASON}\n"
     "\n"
     "Mijn gegevensexport (\"Je gegevens downloaden\"{ASOF}) bevat {EVIDENCE}.\n"
     "\n"
     "Ik verzoek u de verwerking van mijn persoonsgegevens voor dit doel te staken, ook voor alles wat ik in het "
     "verleden heb geplaatst, en mij schriftelijk te bevestigen dat mijn bezwaar is aanvaard en geldt voor alle "
     "accounts in mijn Accountcentrum.\n",
     "[uw e-mailadres]",
     ">>> SCHRIJF HIER UW PERSOONLIJKE REDEN: hoe dit gebruik van uw gegevens u in uw specifieke situatie "
     "raakt <<<",
     " van %s", "inhoud die openbaar is of kan zijn en voor dit doel gebruikt zou kunnen worden",
     "geen inhoud die dit programma als openbaar of mogelijk openbaar telt; ik maak toch bezwaar, ook voor wat "
     "ik in de toekomst plaats",
     "mediabestanden (foto's, video's)", "van %d tot %d", "uit %d", ": ", ".",
     {"berichten", "foto's", "video's", "reacties", "emoji-reacties", "verhalen", "reels", "privéberichten",
      "gesprekken met Meta AI", "evenementen", "Marketplace-advertenties", "profielgegevens", "connecties",
      "activiteiten", "advertentiegegevens", "beveiligingsgegevens", "instellingen", "overige items"}},
};

#define NLANGS (sizeof langs / sizeof langs[0])

/* ---- lookups ---------------------------------------------------------------- */

size_t tr_region_count(void) { return NREGIONS; }

const tr_region *tr_region_at(size_t i) { return i < NREGIONS ? &regions[i] : NULL; }

const tr_region *tr_region_find(const char *code)
{
    for (size_t i = 0; code && i < NREGIONS; i++)
        if (!strcmp(regions[i].code, code)) return &regions[i];
    return NULL;
}

static const lang *lang_find(const char *code)
{
    for (size_t i = 0; code && i < NLANGS; i++)
        if (!strcmp(langs[i].code, code)) return &langs[i];
    return NULL;
}

int tr_lang_valid(const char *code) { return lang_find(code) != NULL; }

/* The index into lang.law of a region with an objection, or -1. */
static int law_index(const char *region)
{
    static const char *const codes[L_NLAWS] = {"eu", "uk", "ch", "br"};
    for (int i = 0; i < L_NLAWS; i++)
        if (!strcmp(codes[i], region)) return i;
    return -1;
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

const char *tr_objection_split_note(const char *region, tr_date on)
{
    static const tr_date eu_start = {2025, 5, 27};
    const tr_region *rg = tr_region_find(region);

    if (rg && !rg->objection)
        return "There is no objection in this region: by Meta's account the date changes nothing. Making content "
               "non-public likewise affects only later training.";
    if (rg && (!strcmp(rg->code, "eu") || !strcmp(rg->code, "ch"))) {
        if (tr_date_to_days(on) < tr_date_to_days(eu_start))
            return "Meta said it honours objections received before training on EU data began on 27 May 2025: "
                   "by its account none of these items was used.";
        return "Training on EU data began on 27 May 2025: items dated before your objection may already be in "
               "models trained between then and your objection. The objection does not take them out, but "
               "excludes them from later training.";
    }
    return "An objection applies to training after it: items dated before it may already be in models trained "
           "earlier (it does not take them out, but excludes them from later training); items dated after it "
           "are protected.";
}

const char *tr_objection_minor_note(void)
{
    return "This export's account holder was under 18 on its date. Meta says it does not use the public content "
           "of accounts of people under 18 (EU, UK and Brazil, Sep 2024 to Apr 2025; Australia, Sep 2024); one law "
           "firm says chats with Meta AI are used regardless of age (May 2025, unconfirmed).";
}

/* ---- the letter ------------------------------------------------------------------ */

static void put_evidence(FILE *f, const lang *l, const tr_evidence *ev)
{
    char n[48];
    int first = 1;

    if (!ev->items && !ev->media_files) {
        fputs(l->evidence_none, f);
        return;
    }
    fputs(l->evidence, f);
    fputs(l->colon, f);
    for (int c = 0; c < TR_CAT__COUNT; c++) {
        if (!ev->cat[c]) continue;
        fprintf(f, "%s%s%s%s", first ? "" : ", ", l->cat[c], l->colon, tr_fmt_count(ev->cat[c], l->thousands, n, sizeof n));
        first = 0;
    }
    if (ev->media_files)
        fprintf(f, "%s%s%s%s", first ? "" : "; ", l->media, l->colon, tr_fmt_count(ev->media_files, l->thousands, n, sizeof n));
    if (ev->has_years) {
        fputs(", ", f);
        if (ev->first_year == ev->last_year) fprintf(f, l->year, ev->first_year);
        else fprintf(f, l->years, ev->first_year, ev->last_year);
    }
}

/* Copy template t to f, replacing each {NAME} token. */
static void expand(FILE *f, const char *t, const lang *l, const char *law, const tr_report *r,
                   const tr_evidence *ev, int with_email)
{
    const tr_fact *email = with_email ? tr_report_fact(r, "email") : NULL;

    while (*t) {
        if (!strncmp(t, "{LAW}", 5)) {
            fputs(law, f);
            t += 5;
        } else if (!strncmp(t, "{EMAIL}", 7)) {
            fputs(email && email->text && *email->text ? email->text : l->email_missing, f);
            t += 7;
        } else if (!strncmp(t, "{REASON}", 8)) {
            fputs(l->reason, f);
            t += 8;
        } else if (!strncmp(t, "{ASOF}", 6)) {
            if (r->has_as_of) {
                char d[16];
                tr_date_format(r->as_of, d);
                fprintf(f, l->as_of, d);
            }
            t += 6;
        } else if (!strncmp(t, "{EVIDENCE}", 10)) {
            put_evidence(f, l, ev);
            t += 10;
        } else {
            fputc(*t++, f);
        }
    }
}

char *tr_objection_letter(const tr_report *r, const char *region, const char *langcode, int with_email)
{
    const lang *l = lang_find(langcode ? langcode : "en");
    int law = law_index(region ? region : "eu");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = NULL;
    tr_evidence ev;
    int ok = 0;

    if (!l || law < 0) goto out;
    tr_evidence_count(r, &ev);
    if (!(f = open_memstream(&buf, &len))) goto out;
    expand(f, l->title, l, l->law[law], r, &ev, with_email);
    fputs("\n\n", f);
    expand(f, l->body, l, l->law[law], r, &ev, with_email);
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

/* Write s wrapped at `width` columns (0: 78) with `indent` spaces before
 * each line. */
static void wrap(FILE *out, int width, const char *s, int indent, const char *first_prefix)
{
    int col = 0;
    if (width <= 0) width = 78;
    const char *p = s;

    fprintf(out, "%*s%s", indent, "", first_prefix);
    col = indent + (int)strlen(first_prefix);
    while (*p) {
        const char *w = p;
        while (*p && *p != ' ') p++;
        int wl = (int)(p - w);
        if (col + wl + 1 > width && col > indent + (int)strlen(first_prefix)) {
            fprintf(out, "\n%*s", indent + (int)strlen(first_prefix), "");
            col = indent + (int)strlen(first_prefix);
        } else if (w != s) {
            fputc(' ', out);
            col++;
        }
        fwrite(w, 1, (size_t)wl, out);
        col += wl;
        while (*p == ' ') p++;
    }
    fputc('\n', out);
}

static void forms_text(FILE *out, int width, const tr_region *rg)
{
    for (int i = 0; i < TR_REGION_FORMS && rg->forms[i]; i++) {
        const tr_form *fm = rg->forms[i];
        if (fm->url) fprintf(out, "    %s: %s (published %s)\n", fm->label, fm->url, fm->published);
        else wrap(out, width, fm->how, 4, "In the app: ");
    }
}

int tr_write_objection(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    const tr_region *rg = tr_region_find(o->region);
    const char *letter_region = rg ? rg->code : "eu";
    char *letter = NULL;
    char n1[32], n2[32], n3[32], d[16];
    int rc = -1;

    fprintf(out, "%sWhat you can do%s\n", o->color ? "\033[1m" : "", o->color ? "\033[0m" : "");
    if (rg) {
        fprintf(out, "  %s, %s:\n", rg->name, rg->checked);
        wrap(out, o->width, rg->summary, 2, "");
        for (int i = 0; i < TR_REGION_POINTS && rg->points[i]; i++) wrap(out, o->width, rg->points[i], 2, "- ");
        if (rg->forms[0]) {
            fprintf(out, "  Where to object:\n");
            forms_text(out, o->width, rg);
        }
    } else {
        fprintf(out, "  Depends on where you live (--region eu|uk|ch|br|us|other for details):\n");
        for (size_t i = 0; i < NREGIONS; i++) {
            fprintf(out, "  %s [%s], %s:\n", regions[i].name, regions[i].code, regions[i].checked);
            wrap(out, o->width, regions[i].summary, 4, "");
        }
        fprintf(out, "  Where to object (EU/EEA, Switzerland; UK through the app):\n");
        forms_text(out, o->width, &regions[0]);
        wrap(out, o->width, FUTURE_ONLY " " OWN_ONLY " " OBJECTED_2024, 2, "");
    }

    wrap(out, o->width, TR_FACTS_NOTE, 2, "");
    if (r->minor == 1) {
        fputc('\n', out);
        wrap(out, o->width, tr_objection_minor_note(), 2, "");
    }

    if (o->has_objected_on) {
        tr_split s;
        tr_date_format(o->objected_on, d);
        tr_objection_split(r, o->objected_on, &s);
        fprintf(out, "\n  Objected on %s (eligible + uncertain items):\n", d);
        fprintf(out, "    before it, could already have been used: %s (%s eligible, %s uncertain)\n",
                tr_fmt_count(s.before[TR_ELIGIBLE] + s.before[TR_UNCERTAIN], ",", n1, sizeof n1),
                tr_fmt_count(s.before[TR_ELIGIBLE], ",", n2, sizeof n2),
                tr_fmt_count(s.before[TR_UNCERTAIN], ",", n3, sizeof n3));
        fprintf(out, "    on or after it, protected by it:         %s (%s eligible, %s uncertain)\n",
                tr_fmt_count(s.after[TR_ELIGIBLE] + s.after[TR_UNCERTAIN], ",", n1, sizeof n1),
                tr_fmt_count(s.after[TR_ELIGIBLE], ",", n2, sizeof n2),
                tr_fmt_count(s.after[TR_UNCERTAIN], ",", n3, sizeof n3));
        if (s.undated[TR_ELIGIBLE] + s.undated[TR_UNCERTAIN])
            fprintf(out, "    without a date:                          %s\n",
                    tr_fmt_count(s.undated[TR_ELIGIBLE] + s.undated[TR_UNCERTAIN], ",", n1, sizeof n1));
        wrap(out, o->width, tr_objection_split_note(rg ? rg->code : NULL, o->objected_on), 4, "");
    }

    if ((!rg || rg->objection) && o->letter_elsewhere) {
        fprintf(out, "\n  `trainable objection%s%s INPUT...` writes an objection text to paste into the form.\n",
                rg ? " --region " : "", rg ? rg->code : "");
    } else if (!rg || rg->objection) {
        letter = tr_objection_letter(r, letter_region, o->lang, o->show_email);
        if (!letter) goto out;
        fprintf(out, "\n  Objection text to paste into the form%s (fill in the part marked >>> <<<):\n\n",
                rg ? "" : " (EU/EEA; --region picks the law of another region)");
        /* The letter holds the e-mail address from the export: printed safely. */
        for (char *line = letter, *nl; *line; line = nl) {
            nl = strchr(line, '\n');
            if (nl) *nl++ = '\0';
            else nl = line + strlen(line);
            fputs(*line ? "    " : "", out);
            tr_fputs_safe(out, line);
            fputc('\n', out);
        }
    }
    rc = ferror(out) ? -1 : 0;
out:
    free(letter);
    return rc;
}
