/* test_htmldate.c - unit tests for src/parse/htmldate.c: the localised,
 * zone-less dates of Meta's HTML exports. */
#include "tt.h"
#include "htmldate.h"

#include <stdint.h>
#include <string.h>

/* Unix seconds of a UTC wall-clock time. */
static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
    tr_date day = {y, mo, d};
    return tr_date_to_days(day) * 86400 + h * 3600 + mi * 60 + s;
}

/* Parse s and compare with the wanted kind and time. */
#define DATE_IS(s, kind, want)                                                                 \
    do {                                                                                       \
        int64_t got_ = -1;                                                                     \
        int k_ = tr_htmldate_parse((s), strlen(s), NULL, &got_);                               \
        if (k_ != (kind)) TT_FAIL_("parse(\"%s\"): kind %d, want %d", (s), k_, (kind));        \
        if (got_ != (want))                                                                    \
            TT_FAIL_("parse(\"%s\"): %lld, want %lld", (s), (long long)got_, (long long)(want)); \
    } while (0)

#define NOT_A_DATE(s)                                                                          \
    do {                                                                                       \
        int64_t got_ = 12345;                                                                  \
        int k_ = tr_htmldate_parse((s), strlen(s), NULL, &got_);                               \
        if (k_ != TR_HTMLDATE_NONE || got_ != 12345) TT_FAIL_("parse(\"%s\") read a date", (s)); \
    } while (0)

TT_TEST(english_forms)
{
    DATE_IS("May 17, 2026 2:05:15 pm", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 15));
    DATE_IS("Nov 08, 2005 4:19:54 am", TR_HTMLDATE_TIME, utc(2005, 11, 8, 4, 19, 54));
    DATE_IS("Sep 22, 2017 6:33 am", TR_HTMLDATE_TIME, utc(2017, 9, 22, 6, 33, 0));
    DATE_IS("Sep 22, 2017, 6:33 AM", TR_HTMLDATE_TIME, utc(2017, 9, 22, 6, 33, 0));
    DATE_IS("Oct 19, 2019, 2:37 PM", TR_HTMLDATE_TIME, utc(2019, 10, 19, 14, 37, 0));
    DATE_IS("Oct 19, 2019 at 2:37 PM", TR_HTMLDATE_TIME, utc(2019, 10, 19, 14, 37, 0));
    DATE_IS("19 Oct 2019, 14:37", TR_HTMLDATE_TIME, utc(2019, 10, 19, 14, 37, 0));
    DATE_IS("Wednesday, March 4, 2020 at 9:05 a.m.", TR_HTMLDATE_TIME, utc(2020, 3, 4, 9, 5, 0));
    DATE_IS("January 1st, 2021 11:59:59 PM", TR_HTMLDATE_TIME, utc(2021, 1, 1, 23, 59, 59));
    DATE_IS("  Jun 04, 2025 6:46:10 pm\n", TR_HTMLDATE_TIME, utc(2025, 6, 4, 18, 46, 10));
}

TT_TEST(twelve_oclock)
{
    DATE_IS("Jan 05, 2026 12:04 am", TR_HTMLDATE_TIME, utc(2026, 1, 5, 0, 4, 0));
    DATE_IS("Jan 05, 2026 12:04 pm", TR_HTMLDATE_TIME, utc(2026, 1, 5, 12, 4, 0));
    DATE_IS("Jan 05, 2026 12:04", TR_HTMLDATE_TIME, utc(2026, 1, 5, 12, 4, 0));
    NOT_A_DATE("Jan 05, 2026 13:04 pm");
}

TT_TEST(french)
{
    DATE_IS("17 mai 2026 14:05", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 0));
    DATE_IS("17 mai 2026 \xc3\xa0 14:05", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 0));
    DATE_IS("1er f\xc3\xa9vr. 2024 08:00:01", TR_HTMLDATE_TIME, utc(2024, 2, 1, 8, 0, 1));
    DATE_IS("3 ao\xc3\xbbt 2023 23:59", TR_HTMLDATE_TIME, utc(2023, 8, 3, 23, 59, 0));
    DATE_IS("le 25 D\xc3\x89" "CEMBRE 2022 07:30", TR_HTMLDATE_TIME, utc(2022, 12, 25, 7, 30, 0));
    DATE_IS("mardi 9 juil. 2024 10:10", TR_HTMLDATE_TIME, utc(2024, 7, 9, 10, 10, 0));
}

TT_TEST(german)
{
    DATE_IS("17. Mai 2026 14:05", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 0));
    DATE_IS("17. Mai 2026 um 14:05", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 0));
    DATE_IS("am 3. M\xc3\xa4rz 2021, 09:15 Uhr", TR_HTMLDATE_TIME, utc(2021, 3, 3, 9, 15, 0));
    DATE_IS("01. Okt. 2020 18:00:00", TR_HTMLDATE_TIME, utc(2020, 10, 1, 18, 0, 0));
    DATE_IS("24. Dez. 2019 20:00", TR_HTMLDATE_TIME, utc(2019, 12, 24, 20, 0, 0));
    DATE_IS("17.05.2026 14:05", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 0));
}

TT_TEST(spanish)
{
    DATE_IS("jun. 07, 2024 5:44 am", TR_HTMLDATE_TIME, utc(2024, 6, 7, 5, 44, 0));
    DATE_IS("7 de junio de 2024 17:44", TR_HTMLDATE_TIME, utc(2024, 6, 7, 17, 44, 0));
    DATE_IS("7 de junio de 2024, 5:44 p. m.", TR_HTMLDATE_TIME, utc(2024, 6, 7, 17, 44, 0));
    DATE_IS("ene. 15, 2023 9:00 a.\xc2\xa0m.", TR_HTMLDATE_TIME, utc(2023, 1, 15, 9, 0, 0));
    DATE_IS("12 dic 2020 00:00", TR_HTMLDATE_TIME, utc(2020, 12, 12, 0, 0, 0));
    DATE_IS("s\xc3\xa1" "bado, 1 de agosto de 2020 12:30", TR_HTMLDATE_TIME, utc(2020, 8, 1, 12, 30, 0));
}

TT_TEST(italian)
{
    DATE_IS("15 lug 2025, 10:03", TR_HTMLDATE_TIME, utc(2025, 7, 15, 10, 3, 0));
    DATE_IS("15 lug. 2025 10:03", TR_HTMLDATE_TIME, utc(2025, 7, 15, 10, 3, 0));
    DATE_IS("15 luglio 2025 alle ore 10:03", TR_HTMLDATE_TIME, utc(2025, 7, 15, 10, 3, 0));
    DATE_IS("luned\xc3\xac 1\xc2\xba gennaio 2024 00:00:59", TR_HTMLDATE_TIME, utc(2024, 1, 1, 0, 0, 59));
    DATE_IS("1\xc2\xb0 GEN 2024 8:00", TR_HTMLDATE_TIME, utc(2024, 1, 1, 8, 0, 0));
    DATE_IS("il 29 febbraio 2024 23:59", TR_HTMLDATE_TIME, utc(2024, 2, 29, 23, 59, 0));
    DATE_IS("3 mag 2023 09:15", TR_HTMLDATE_TIME, utc(2023, 5, 3, 9, 15, 0));
    DATE_IS("giu 07, 2024 5:44 pm", TR_HTMLDATE_TIME, utc(2024, 6, 7, 17, 44, 0)); /* month first, 12 h */
    DATE_IS("20 sett. 2025 16:00", TR_HTMLDATE_TIME, utc(2025, 9, 20, 16, 0, 0));
    DATE_IS("20 set 2025 16:00", TR_HTMLDATE_TIME, utc(2025, 9, 20, 16, 0, 0));
    DATE_IS("31 ott 2022 12:00", TR_HTMLDATE_TIME, utc(2022, 10, 31, 12, 0, 0));
    DATE_IS("25 dicembre 2021 07:30", TR_HTMLDATE_TIME, utc(2021, 12, 25, 7, 30, 0));
    DATE_IS("14 febbraio 2009", TR_HTMLDATE_DAY, utc(2009, 2, 14, 0, 0, 0));
    NOT_A_DATE("mar 4 aprile 2023 10:00"); /* "mar" is March: two months, not martedì */
}

TT_TEST(dutch)
{
    DATE_IS("15 jul 2025 10:03", TR_HTMLDATE_TIME, utc(2025, 7, 15, 10, 3, 0));
    DATE_IS("15 jul. 2025 om 10:03", TR_HTMLDATE_TIME, utc(2025, 7, 15, 10, 3, 0));
    DATE_IS("maandag 4 maart 2024 om 09:05 uur", TR_HTMLDATE_TIME, utc(2024, 3, 4, 9, 5, 0));
    DATE_IS("4 mrt. 2024 21:00:07", TR_HTMLDATE_TIME, utc(2024, 3, 4, 21, 0, 7));
    DATE_IS("17 mei 2026 14:05", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 0));
    DATE_IS("op 1 augustus 2020 12:30", TR_HTMLDATE_TIME, utc(2020, 8, 1, 12, 30, 0));
    DATE_IS("za 3 okt. 2020 18:00", TR_HTMLDATE_TIME, utc(2020, 10, 3, 18, 0, 0));
    DATE_IS("mrt 04, 2024 5:44 am", TR_HTMLDATE_TIME, utc(2024, 3, 4, 5, 44, 0)); /* month first, 12 h */
    DATE_IS("12 januari 2010", TR_HTMLDATE_DAY, utc(2010, 1, 12, 0, 0, 0));
    DATE_IS("15-07-2025 10:03", TR_HTMLDATE_TIME, utc(2025, 7, 15, 10, 3, 0));
}

TT_TEST(portuguese)
{
    /* pt-PT and pt-BR abbreviations, with and without their dot */
    DATE_IS("15 de jul. de 2025 10:03", TR_HTMLDATE_TIME, utc(2025, 7, 15, 10, 3, 0));
    DATE_IS("15 de jul de 2025, 10:03", TR_HTMLDATE_TIME, utc(2025, 7, 15, 10, 3, 0));
    DATE_IS("15 de julho de 2025 \xc3\xa0s 10:03", TR_HTMLDATE_TIME, utc(2025, 7, 15, 10, 3, 0));
    DATE_IS("12 de setembro de 2008", TR_HTMLDATE_DAY, utc(2008, 9, 12, 0, 0, 0));
    DATE_IS("1\xc2\xba de mar\xc3\xa7o de 2024 08:00", TR_HTMLDATE_TIME, utc(2024, 3, 1, 8, 0, 0));
    DATE_IS("1.\xc2\xba de MAR\xc3\x87O de 2024 08:00", TR_HTMLDATE_TIME, utc(2024, 3, 1, 8, 0, 0));
    DATE_IS("2 de fev. de 2025 12:00", TR_HTMLDATE_TIME, utc(2025, 2, 2, 12, 0, 0));
    DATE_IS("10 de mai. de 2025 09:00", TR_HTMLDATE_TIME, utc(2025, 5, 10, 9, 0, 0));
    DATE_IS("out. 07, 2024 5:44 pm", TR_HTMLDATE_TIME, utc(2024, 10, 7, 17, 44, 0)); /* month first, 12 h */
    DATE_IS("24 de dez. de 2019 20:00", TR_HTMLDATE_TIME, utc(2019, 12, 24, 20, 0, 0));
    DATE_IS("segunda-feira, 20 de janeiro de 2025 07:59", TR_HTMLDATE_TIME, utc(2025, 1, 20, 7, 59, 0));
    DATE_IS("s\xc3\xa1" "b., 5 de abr. de 2025 23:00", TR_HTMLDATE_TIME, utc(2025, 4, 5, 23, 0, 0));
    DATE_IS("ter\xc3\xa7" "a, 30 de junho de 2020 12:00", TR_HTMLDATE_TIME, utc(2020, 6, 30, 12, 0, 0));
    NOT_A_DATE("12/09/2008"); /* day or month first: unknown */
    NOT_A_DATE("31 de fevereiro de 2024 10:00");
}

TT_TEST(other_scripts_and_blanks)
{
    /* Japanese month sign; narrow no-break space before PM (current CLDR) */
    DATE_IS("7\xe6\x9c\x88 01, 2026 6:25:04 PM", TR_HTMLDATE_TIME, utc(2026, 7, 1, 18, 25, 4));
    DATE_IS("2026\xe5\xb9\xb4" "7\xe6\x9c\x88" "1\xe6\x97\xa5 18:25", TR_HTMLDATE_TIME, utc(2026, 7, 1, 18, 25, 0));
    DATE_IS("May\xc2\xa0" "17, 2026 2:05\xe2\x80\xafpm", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 0));
}

TT_TEST(numeric_dates)
{
    DATE_IS("2026-05-17 14:05:00", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 0));
    DATE_IS("2026-05-17T14:05:00Z", TR_HTMLDATE_TIME, utc(2026, 5, 17, 14, 5, 0));
    DATE_IS("2026/05/17", TR_HTMLDATE_DAY, utc(2026, 5, 17, 0, 0, 0));
    DATE_IS("25/12/2020 10:00", TR_HTMLDATE_TIME, utc(2020, 12, 25, 10, 0, 0));
    DATE_IS("12/25/2020 10:00", TR_HTMLDATE_TIME, utc(2020, 12, 25, 10, 0, 0));
    NOT_A_DATE("03/04/2020 10:00"); /* day or month first: unknown */
    NOT_A_DATE("2026-05");
    NOT_A_DATE("17 05 2026");
}

TT_TEST(dates_without_time)
{
    tr_date d = {0, 0, 0};
    int64_t t = -1;
    TT_INT_EQ(tr_htmldate_parse("January 15, 1990", 16, &d, &t), TR_HTMLDATE_DAY);
    TT_INT_EQ(d.year, 1990);
    TT_INT_EQ(d.month, 1);
    TT_INT_EQ(d.day, 15);
    TT_INT_EQ(t, utc(1990, 1, 15, 0, 0, 0));
    TT_INT_EQ(tr_htmldate_parse("1995-03-02", 10, &d, NULL), TR_HTMLDATE_DAY);
    TT_INT_EQ(d.month, 3);
    TT_INT_EQ(tr_htmldate_parse("15. Januar 1990", 15, NULL, NULL), TR_HTMLDATE_DAY);
    TT_INT_EQ(tr_htmldate_parse("15 de enero de 1990", 19, NULL, NULL), TR_HTMLDATE_DAY);
    /* only a length is read, no NUL needed */
    TT_INT_EQ(tr_htmldate_parse("1995-03-02 and more", 10, NULL, NULL), TR_HTMLDATE_DAY);
}

TT_TEST(not_dates)
{
    NOT_A_DATE("");
    NOT_A_DATE("   ");
    NOT_A_DATE("yesterday at 4:19 pm");
    NOT_A_DATE("Posted 3 days ago");
    NOT_A_DATE("Mayday, 2026 2:05 pm");
    NOT_A_DATE("Feb 30, 2024 2:05 pm");      /* no such day */
    NOT_A_DATE("Feb 29, 2023 2:05 pm");      /* not a leap year */
    NOT_A_DATE("May 17, 2026 25:05");
    NOT_A_DATE("May 17, 2026 2:65 pm");
    NOT_A_DATE("May 17, 2026 2:5 pm");
    NOT_A_DATE("May 17, 2026 2:05 pm 3:06 pm"); /* two clocks */
    NOT_A_DATE("May June 17, 2026");          /* two months */
    NOT_A_DATE("May 17, 2026 2:05 pm CEST");  /* a zone we would have to guess */
    NOT_A_DATE("May 17 2026 18");             /* a stray number */
    NOT_A_DATE("14:05");                      /* a clock alone */
    NOT_A_DATE("May 17, 26 2:05 pm");         /* two-digit year */
    NOT_A_DATE("17\xe6\x9c\x88");             /* a sign without a date */
    NOT_A_DATE("\xe6\x9c\x88 17, 2026");      /* a sign without its number */
    NOT_A_DATE("Marco 12, 2020 10:00");       /* a name, not "março" */
    NOT_A_DATE("Jana Dvo\xc5\x99\xc3\xa1kov\xc3\xa1 added 2 new photos.");
    NOT_A_DATE("\xff\xfe\xfd");
    {
        char big[400];
        memset(big, ' ', sizeof big);
        memcpy(big, "May 17, 2026", 12);
        TT_INT_EQ(tr_htmldate_parse(big, sizeof big, NULL, NULL), TR_HTMLDATE_NONE); /* too long */
        TT_INT_EQ(tr_htmldate_parse(NULL, 0, NULL, NULL), TR_HTMLDATE_NONE);
    }
    {
        /* many tokens */
        char many[190];
        for (size_t i = 0; i + 1 < sizeof many; i += 2) many[i] = ',', many[i + 1] = ' ';
        TT_INT_EQ(tr_htmldate_parse(many, sizeof many, NULL, NULL), TR_HTMLDATE_NONE);
    }
}

int main(void)
{
    TT_RUN(english_forms);
    TT_RUN(twelve_oclock);
    TT_RUN(french);
    TT_RUN(german);
    TT_RUN(spanish);
    TT_RUN(italian);
    TT_RUN(dutch);
    TT_RUN(portuguese);
    TT_RUN(other_scripts_and_blanks);
    TT_RUN(numeric_dates);
    TT_RUN(dates_without_time);
    TT_RUN(not_dates);
    return tt_done();
}
