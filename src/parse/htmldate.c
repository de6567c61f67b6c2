/* htmldate.c - the dates Meta's HTML exports print (htmldate.h).
 *
 * Three steps. Tokenise the string into numbers, words (lower-cased; a few
 * Latin-1 capitals folded too), the CJK unit signs 年 月 日, colons and other
 * punctuation; blanks, no-break and narrow no-break spaces separate tokens.
 * Find the clock (NUM ':' NUM [':' NUM], then an optional am/pm) and take
 * its tokens out. Read what is left: month names and connecting words by
 * table, numbers as day and year around a month name, or as an unambiguous
 * all-numeric date. Anything unexpected gives TR_HTMLDATE_NONE.
 */
#include "htmldate.h"

#include <string.h>

#define MAX_TOKENS 48
#define MAX_WORD 31
#define MAX_INPUT 200

enum { T_NUM, T_WORD, T_COLON, T_SEP, T_CJK_YEAR, T_CJK_MONTH, T_CJK_DAY };

typedef struct token {
    int type;
    int value;   /* T_NUM: the number (capped); T_SEP: the character */
    int digits;  /* T_NUM: how many digits */
    int used;    /* taken by the clock or a CJK sign */
    char word[MAX_WORD + 1];
} token;

typedef struct month_name { const char *name; int month; } month_name;

/* English, French, German, Spanish, Italian, Dutch and Portuguese (pt-PT
 * and pt-BR) names and abbreviations, lower case (a trailing '.' is
 * punctuation, so "jun." is "jun"). Grouped by month; no word means two
 * different months across these languages. Words that
 * are also names or common words are left out ("marco" for março). */
static const month_name MONTHS[] = {
    {"january", 1}, {"jan", 1}, {"janvier", 1}, {"janv", 1}, {"januar", 1}, {"j\xc3\xa4n", 1},
    {"j\xc3\xa4nner", 1}, {"enero", 1}, {"ene", 1}, {"gennaio", 1}, {"gen", 1}, {"januari", 1}, {"janeiro", 1},
    {"february", 2}, {"feb", 2}, {"f\xc3\xa9vr", 2}, {"f\xc3\xa9vrier", 2}, {"fevrier", 2}, {"fevr", 2},
    {"februar", 2}, {"febrero", 2}, {"fev", 2}, {"f\xc3\xa9v", 2}, {"febbraio", 2}, {"februari", 2},
    {"fevereiro", 2},
    {"march", 3}, {"mar", 3}, {"mars", 3}, {"m\xc3\xa4rz", 3}, {"maerz", 3}, {"m\xc3\xa4r", 3}, {"marzo", 3},
    {"maart", 3}, {"mrt", 3}, {"mar\xc3\xa7o", 3},
    {"april", 4}, {"apr", 4}, {"avril", 4}, {"avr", 4}, {"abril", 4}, {"abr", 4}, {"aprile", 4},
    {"may", 5}, {"mai", 5}, {"mayo", 5}, {"maggio", 5}, {"mag", 5}, {"mei", 5}, {"maio", 5},
    {"june", 6}, {"jun", 6}, {"juin", 6}, {"juni", 6}, {"junio", 6}, {"giugno", 6}, {"giu", 6}, {"junho", 6},
    {"july", 7}, {"jul", 7}, {"juillet", 7}, {"juil", 7}, {"juli", 7}, {"julio", 7}, {"luglio", 7}, {"lug", 7},
    {"julho", 7},
    {"august", 8}, {"aug", 8}, {"ao\xc3\xbbt", 8}, {"aout", 8}, {"agosto", 8}, {"ago", 8}, {"augustus", 8},
    {"september", 9}, {"sep", 9}, {"sept", 9}, {"septembre", 9}, {"septiembre", 9}, {"setiembre", 9},
    {"set", 9}, {"settembre", 9}, {"sett", 9}, {"setembro", 9},
    {"october", 10}, {"oct", 10}, {"octobre", 10}, {"oktober", 10}, {"okt", 10}, {"octubre", 10},
    {"ottobre", 10}, {"ott", 10}, {"outubro", 10}, {"out", 10},
    {"november", 11}, {"nov", 11}, {"novembre", 11}, {"noviembre", 11}, {"novembro", 11},
    {"december", 12}, {"dec", 12}, {"d\303\251c", 12}, {"d\303\251cembre", 12}, {"decembre", 12},
    {"dezember", 12}, {"dez", 12}, {"diciembre", 12}, {"dic", 12}, {"dicembre", 12}, {"dezembro", 12},
};

/* Words that may sit between the parts of a date: prepositions and
 * articles, weekday names, ordinal suffixes (French "1er", Italian and
 * Portuguese "1º" or "1°"), explicit UTC. "am" is here for German "am 17.
 * Mai"; after a clock it is read as the morning first. Weekday
 * abbreviations that are also month abbreviations (Italian "mar" for
 * martedì) are left out: the month wins. */
static const char *const SKIP[] = {
    "at", "on", "the", "of", "\xc3\xa0", "le", "a", "um", "am", "uhr", "de", "del", "el", "la", "las", "los",
    "den", "t", "z", "utc", "gmt", "st", "nd", "rd", "th", "er", "\xc2\xba", "\xc2\xb0",
    "alle", "ore", "il", "om", "uur", "op", "\xc3\xa0s", "as", "do", "em",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "lunes", "martes", "mi\xc3\xa9rcoles", "miercoles", "jueves", "viernes", "s\303\241bado", "sabado",
    "domingo",
    "luned\xc3\xac", "marted\xc3\xac", "mercoled\xc3\xac", "gioved\xc3\xac", "venerd\xc3\xac", "sabato",
    "domenica", "lun", "mer", "gio", "ven", "sab", "dom",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "ma", "di", "wo", "vr", "za", "zo",
    "segunda", "ter\303\247a", "terca", "quarta", "quinta", "sexta", "feira", "seg", "ter", "qua", "qui", "sex",
    "s\303\241b",
};

static int month_of(const char *w)
{
    for (size_t i = 0; i < sizeof MONTHS / sizeof MONTHS[0]; i++)
        if (!strcmp(MONTHS[i].name, w)) return MONTHS[i].month;
    return 0;
}

static int skippable(const char *w)
{
    for (size_t i = 0; i < sizeof SKIP / sizeof SKIP[0]; i++)
        if (!strcmp(SKIP[i], w)) return 1;
    return 0;
}

/* Length of a blank at s (ASCII blanks, U+00A0, U+2000-U+200A, U+202F,
 * U+3000), or 0. */
static size_t blank_len(const unsigned char *s, size_t left)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v') return 1;
    if (left >= 2 && s[0] == 0xc2 && s[1] == 0xa0) return 2;
    if (left >= 3 && s[0] == 0xe2 && s[1] == 0x80 && (s[2] <= 0x8a || s[2] == 0xaf)) return 3;
    if (left >= 3 && s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) return 3;
    return 0;
}

/* The CJK unit sign at s (年 月 日) as a token type, or -1. */
static int cjk_sign(const unsigned char *s, size_t left)
{
    if (left < 3) return -1;
    if (s[0] == 0xe5 && s[1] == 0xb9 && s[2] == 0xb4) return T_CJK_YEAR;
    if (s[0] == 0xe6 && s[1] == 0x9c && s[2] == 0x88) return T_CJK_MONTH;
    if (s[0] == 0xe6 && s[1] == 0x97 && s[2] == 0xa5) return T_CJK_DAY;
    return -1;
}

static int is_word_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

/* Split s into tokens. Returns the count, or -1 when there are too many or a
 * word is too long. */
static int tokenise(const unsigned char *s, size_t len, token *t)
{
    int n = 0;
    size_t i = 0;
    while (i < len) {
        size_t b = blank_len(s + i, len - i);
        int cjk;
        if (b) {
            i += b;
            continue;
        }
        if (n == MAX_TOKENS) return -1;
        memset(&t[n], 0, sizeof t[n]);
        if ((cjk = cjk_sign(s + i, len - i)) >= 0) {
            t[n++].type = cjk;
            i += 3;
        } else if (s[i] >= '0' && s[i] <= '9') {
            t[n].type = T_NUM;
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                if (t[n].value < 100000) t[n].value = t[n].value * 10 + (s[i] - '0');
                t[n].digits++;
                i++;
            }
            n++;
        } else if (is_word_byte(s[i])) {
            size_t w = 0;
            t[n].type = T_WORD;
            while (i < len && is_word_byte(s[i]) && !blank_len(s + i, len - i) && cjk_sign(s + i, len - i) < 0) {
                unsigned char c = s[i];
                if (w == MAX_WORD) return -1;
                if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
                /* Latin-1 capitals À-Þ (C3 80-9E, not ×) to lower case */
                if (w > 0 && (unsigned char)t[n].word[w - 1] == 0xc3 && c >= 0x80 && c <= 0x9e && c != 0x97)
                    c = (unsigned char)(c + 0x20);
                t[n].word[w++] = (char)c;
                i++;
            }
            t[n].word[w] = '\0';
            n++;
        } else {
            t[n].type = s[i] == ':' ? T_COLON : T_SEP;
            t[n].value = s[i];
            n++;
            i++;
        }
    }
    return n;
}

static int is_word(const token *t, int n, int i, const char *w)
{
    return i < n && t[i].type == T_WORD && !strcmp(t[i].word, w);
}

static int is_sep(const token *t, int n, int i, int c) { return i < n && t[i].type == T_SEP && t[i].value == c; }

/* Find the clock and take its tokens. Returns 1 found (hour, minute, second
 * set), 0 none, -1 invalid (two clocks, out of range). */
static int take_clock(token *t, int n, int *hour, int *minute, int *second)
{
    int found = 0;
    for (int i = 0; i + 2 < n; i++) {
        if (t[i].type != T_NUM || t[i + 1].type != T_COLON || t[i + 2].type != T_NUM) continue;
        if (found || t[i].digits > 2 || t[i + 2].digits != 2) return -1;
        found = 1;
        *hour = t[i].value;
        *minute = t[i + 2].value;
        *second = 0;
        t[i].used = t[i + 1].used = t[i + 2].used = 1;
        int j = i + 3;
        if (j + 1 < n && t[j].type == T_COLON && t[j + 1].type == T_NUM) {
            if (t[j + 1].digits != 2) return -1;
            *second = t[j + 1].value;
            t[j].used = t[j + 1].used = 1;
            j += 2;
        }
        /* am / pm, a.m. / p.m., a. m. / p. m. */
        int pm = -1;
        if (is_word(t, n, j, "am") || is_word(t, n, j, "pm")) {
            pm = t[j].word[0] == 'p';
            t[j].used = 1;
            j++;
        } else if ((is_word(t, n, j, "a") || is_word(t, n, j, "p")) && is_sep(t, n, j + 1, '.') &&
                   is_word(t, n, j + 2, "m")) {
            pm = t[j].word[0] == 'p';
            t[j].used = t[j + 1].used = t[j + 2].used = 1;
            j += 3;
        }
        if (pm >= 0) {
            if (is_sep(t, n, j, '.')) t[j].used = 1;
            if (*hour > 12) return -1;
            if (*hour == 12) *hour = 0;
            if (pm) *hour += 12;
        }
        if (*hour > 23 || *minute > 59 || *second > 60) return -1;
        if (*second == 60) *second = 59;
        i = j - 1;
    }
    return found;
}

typedef struct num { int value, digits, sep; } num;

int tr_htmldate_parse(const char *s, size_t len, tr_date *day, int64_t *secs)
{
    token t[MAX_TOKENS];
    num nums[4];
    int n, nn = 0, month = 0, year = 0, dd = 0, hour = 0, minute = 0, second = 0, clock;
    tr_date d;

    if (!s || len == 0 || len > MAX_INPUT) return TR_HTMLDATE_NONE;
    n = tokenise((const unsigned char *)s, len, t);
    if (n <= 0) return TR_HTMLDATE_NONE;
    clock = take_clock(t, n, &hour, &minute, &second);
    if (clock < 0) return TR_HTMLDATE_NONE;
    for (int i = 0; i < n; i++) {
        if (t[i].used) continue;
        switch (t[i].type) {
        case T_WORD: {
            int m = month_of(t[i].word);
            if (m) {
                if (month) return TR_HTMLDATE_NONE;
                month = m;
            } else if (!skippable(t[i].word)) {
                return TR_HTMLDATE_NONE;
            }
            break;
        }
        case T_NUM:
            if (i + 1 < n && t[i + 1].type >= T_CJK_YEAR) {
                int *slot = t[i + 1].type == T_CJK_YEAR ? &year : t[i + 1].type == T_CJK_MONTH ? &month : &dd;
                if (*slot) return TR_HTMLDATE_NONE;
                *slot = t[i].value;
                t[i + 1].used = 1;
                break;
            }
            if (nn == 3) return TR_HTMLDATE_NONE;
            nums[nn].value = t[i].value;
            nums[nn].digits = t[i].digits;
            nums[nn].sep = i > 0 && t[i - 1].type == T_SEP ? t[i - 1].value : ' ';
            nn++;
            break;
        case T_COLON:
        case T_CJK_YEAR:
        case T_CJK_MONTH:
        case T_CJK_DAY:
            return TR_HTMLDATE_NONE; /* a stray colon, or a sign without its number */
        default:
            break; /* punctuation */
        }
    }
    if (month) {
        /* the numbers left are the day and the year, in any order */
        for (int k = 0; k < nn; k++) {
            if (nums[k].digits == 4 && !year) year = nums[k].value;
            else if (nums[k].digits <= 2 && !dd) dd = nums[k].value;
            else return TR_HTMLDATE_NONE;
        }
    } else if (nn == 3 && !year && !dd && nums[1].sep == nums[2].sep && strchr("-/.", nums[1].sep)) {
        int a = nums[0].value, b = nums[1].value, c = nums[2].value, sep = nums[1].sep;
        if (nums[0].digits == 4 && nums[1].digits <= 2 && nums[2].digits <= 2) {
            year = a, month = b, dd = c;
        } else if (nums[2].digits == 4 && nums[0].digits <= 2 && nums[1].digits <= 2) {
            if (sep == '.' || (a > 12 && b <= 12)) year = c, month = b, dd = a;
            else if (b > 12 && a <= 12) year = c, month = a, dd = b;
            else return TR_HTMLDATE_NONE; /* 03/04/2020: day or month first? */
        } else {
            return TR_HTMLDATE_NONE;
        }
    } else {
        return TR_HTMLDATE_NONE;
    }
    d.year = year;
    d.month = month;
    d.day = dd;
    if (year < 1000 || !tr_date_valid(d)) return TR_HTMLDATE_NONE;
    if (day) *day = d;
    if (secs) *secs = tr_date_to_days(d) * 86400 + (int64_t)hour * 3600 + minute * 60 + second;
    return clock ? TR_HTMLDATE_TIME : TR_HTMLDATE_DAY;
}
