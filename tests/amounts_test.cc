// Amounts: rows FindAmounts must read (and rows it must not), table cells,
// header units, the number format, the amount rules one by one, and the
// hand-written expected amounts of both corpus agreements
// (tests/expected/amounts-<case>.tsv), required exactly.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "agreement_items.h"
#include "amounts.h"
#include "corpus.h"
#include "rules.h"

namespace extractor::testing {
namespace {

// One expected amount. Designated initializers keep the rows readable.
struct Want {
  const char* text;
  std::int64_t dkk;
  std::vector<int> years = {};
  bool recurring = false;
  const char* unit = "kr.";
  const char* kind = "amount";
  std::optional<int> from_year = std::nullopt;
  bool onward = false;
  const char* per = "";
};

struct Row {
  const char* input;
  std::vector<Want> want;  // empty: nothing in it is an amount
};
// Rows print as their text, so a failing row is named by what it reads.
void PrintTo(const Row& r, std::ostream* os) { *os << r.input; }

std::string Show(const AmountMatch& a) {
  std::ostringstream o;
  o << "[" << a.text << "] dkk=" << a.dkk << " years=";
  for (int y : a.years) o << y << ' ';
  o << "recurring=" << a.recurring << " onward=" << a.onward << " per=" << a.per
    << " unit=" << a.unit << " kind=" << a.kind;
  if (a.from_year) o << " from=" << *a.from_year;
  return o.str();
}

class AmountRows : public ::testing::TestWithParam<Row> {};

TEST_P(AmountRows, Read) {
  const Row& r = GetParam();
  std::vector<AmountMatch> got = FindAmounts(r.input);
  std::string all;
  for (const AmountMatch& a : got) all += "\n  " + Show(a);
  ASSERT_EQ(got.size(), r.want.size()) << r.input << all;
  for (size_t i = 0; i < got.size(); ++i) {
    const AmountMatch& a = got[i];
    const Want& w = r.want[i];
    SCOPED_TRACE(std::string(r.input) + "\n  got " + Show(a));
    EXPECT_EQ(a.text, w.text);
    EXPECT_EQ(a.text, std::string(r.input).substr(a.begin, a.end - a.begin));
    EXPECT_EQ(a.dkk, w.dkk);
    EXPECT_EQ(a.years, w.years);
    EXPECT_EQ(a.recurring, w.recurring);
    EXPECT_EQ(a.unit, w.unit);
    EXPECT_EQ(a.kind, w.kind);
    EXPECT_EQ(a.from_year, w.from_year);
    EXPECT_EQ(a.onward, w.onward);
    EXPECT_EQ(a.per, w.per);
    EXPECT_EQ(a.rule.rfind("amount.", 0), 0u) << a.rule;
  }
}

const std::vector<int> k20_23 = {2020, 2021, 2022, 2023};

INSTANTIATE_TEST_SUITE_P(
    Cases, AmountRows,
    ::testing::Values(
        // Units and numbers.
        Row{"Der afsættes 1 mio. kr. årligt til Borgermillionen.",
            {{.text = "1 mio. kr. årligt", .dkk = 1000000, .recurring = true, .unit = "mio. kr.", .per = "year"}}},
        Row{"Ballerup Kommune har en pulje til boligsociale indsatser på 0,925 mio. kr. årligt.",
            {{.text = "0,925 mio. kr. årligt", .dkk = 925000, .recurring = true, .unit = "mio. kr.", .per = "year"}}},
        Row{"Kommunens andel af budgetrammerne er 2.762 mio. kr. på servicerammen.",
            {{.text = "2.762 mio. kr.", .dkk = 2762000000, .unit = "mio. kr."}}},
        Row{"KL og regeringen har fastholdt programmet med 0,5 mia. kr. som en nedjustering.",
            {{.text = "0,5 mia. kr.", .dkk = 500000000, .unit = "mia. kr."}}},
        Row{"Prisen er 1\u00a0000\u00a0kr. og 2\u2009500 kr. og 1.000,5 kr.",
            {{.text = "1\u00a0000\u00a0kr.", .dkk = 1000},
             {.text = "2\u2009500 kr.", .dkk = 2500},
             {.text = "1.000,5 kr.", .dkk = 1001}}},  // halves away from zero
        Row{"Der gives 500 kr og 3 mio.kr. og 2 millioner kroner og 1 milliard kroner.",
            {{.text = "500 kr", .dkk = 500},
             {.text = "3 mio.kr.", .dkk = 3000000, .unit = "mio. kr."},
             {.text = "2 millioner kroner", .dkk = 2000000, .unit = "mio. kr."},
             {.text = "1 milliard kroner", .dkk = 1000000000, .unit = "mia. kr."}}},
        Row{"Rammen er 50 t.kr. og 70 tkr. og 300 kr.- og kr. 5.000,- pr. gang.",
            {{.text = "50 t.kr.", .dkk = 50000, .unit = "t.kr."},
             {.text = "70 tkr.", .dkk = 70000, .unit = "t.kr."},
             {.text = "300 kr.-", .dkk = 300},
             {.text = "kr. 5.000,-", .dkk = 5000}}},
        Row{"Der afsættes 0,5 mio. til arbejdet med en tidlig indsats.",
            {{.text = "0,5 mio.", .dkk = 500000, .unit = "mio. kr."}}},
        Row{"Parterne afsætter 1,1 mio. i 2021 til investering i indsatsen.",
            {{.text = "1,1 mio. i 2021", .dkk = 1100000, .years = {2021}, .unit = "mio. kr."}}},
        Row{"Forældrebetalingen hæves med 50 kr. månedligt fra den 1. maj 2020.",
            {{.text = "50 kr. månedligt fra den 1. maj 2020", .dkk = 50, .years = {2020},
              .recurring = true, .onward = true, .per = "month"}}},
        Row{"Derfor afsættes 2 x 5.000 kr. årligt fra 2020 og frem til at hædre årets unge.",
            {{.text = "2 x 5.000 kr. årligt fra 2020 og frem", .dkk = 10000, .years = {2020},
              .recurring = true, .onward = true, .per = "year"}}},
        // Years and recurrence.
        Row{"Der er enighed om at bevilge yderligere 200.000 kr. årligt i 2020-2023 til nødkald.",
            {{.text = "200.000 kr. årligt i 2020-2023", .dkk = 200000, .years = k20_23, .recurring = true,
              .per = "year"}}},
        Row{"Der afsættes 1,2 mio. kr. i hvert af årene 2020-2023.",
            {{.text = "1,2 mio. kr. i hvert af årene 2020-2023", .dkk = 1200000, .years = k20_23,
              .recurring = true, .unit = "mio. kr.", .per = "year"}}},
        Row{"Til etablering afsættes 100.000 kr. i hvert af årene 2020 til 2022.",
            {{.text = "100.000 kr. i hvert af årene 2020 til 2022", .dkk = 100000,
              .years = {2020, 2021, 2022}, .recurring = true, .per = "year"}}},
        Row{"For at understøtte arbejdet afsættes 50.000 kr. i 2020 og frem.",
            {{.text = "50.000 kr. i 2020 og frem", .dkk = 50000, .years = {2020}, .recurring = true,
              .onward = true, .per = "year"}}},
        Row{"Ordningen finansieres med 0,1 mio. kr. fra og med Budget 2020.",
            {{.text = "0,1 mio. kr. fra og med Budget 2020", .dkk = 100000, .years = {2020},
              .recurring = true, .unit = "mio. kr.", .onward = true, .per = "year"}}},
        Row{"Der afsættes årligt 2,7 mio. kr. fra 2020 til at holde BFO'erne åbne.",
            {{.text = "årligt 2,7 mio. kr. fra 2020", .dkk = 2700000, .years = {2020}, .recurring = true,
              .unit = "mio. kr.", .onward = true, .per = "year"}}},
        Row{"Der er 2 mio. kr. i 2020, 2021 og 2022 til medfinansieringen.",  // listed: per year
            {{.text = "2 mio. kr. i 2020, 2021 og 2022", .dkk = 2000000, .years = {2020, 2021, 2022},
              .recurring = true, .unit = "mio. kr.", .per = "year"}}},
        Row{"Der afsættes 1 mio. kr. årligt fra 2020 til 2023.",  // no verb of moving: a period
            {{.text = "1 mio. kr. årligt fra 2020 til 2023", .dkk = 1000000, .years = k20_23,
              .recurring = true, .unit = "mio. kr.", .per = "year"}}},
        Row{"Derfor afsættes 5,1 mio. kr. i 2020, 7 mio. kr. i 2021, 11,1 mio. kr. i 2022 og 16,3 mio. kr. i "
            "2023 til det øgede antal børn.",
            {{.text = "5,1 mio. kr. i 2020", .dkk = 5100000, .years = {2020}, .unit = "mio. kr."},
             {.text = "7 mio. kr. i 2021", .dkk = 7000000, .years = {2021}, .unit = "mio. kr."},
             {.text = "11,1 mio. kr. i 2022", .dkk = 11100000, .years = {2022}, .unit = "mio. kr."},
             {.text = "16,3 mio. kr. i 2023", .dkk = 16300000, .years = {2023}, .unit = "mio. kr."}}},
        Row{"Der afsættes 1,7 mio. kr. i 2017, 3,9 mio. kr. i 2018 til arbejdet.",
            {{.text = "1,7 mio. kr. i 2017", .dkk = 1700000, .years = {2017}, .unit = "mio. kr."},
             {.text = "3,9 mio. kr. i 2018", .dkk = 3900000, .years = {2018}, .unit = "mio. kr."}}},
        Row{"Der afsættes 100.000 kr. i 2020 og 2000 kr. i 2021.",  // "2000 kr." is no year
            {{.text = "100.000 kr. i 2020", .dkk = 100000, .years = {2020}},
             {.text = "2000 kr. i 2021", .dkk = 2000, .years = {2021}}}},
        Row{"Der afsættes 1,5 mio. kr. i 2019, 1,5 mio. kr. i 2020 og 1 mio. kr. 2021.",
            {{.text = "1,5 mio. kr. i 2019", .dkk = 1500000, .years = {2019}, .unit = "mio. kr."},
             {.text = "1,5 mio. kr. i 2020", .dkk = 1500000, .years = {2020}, .unit = "mio. kr."},
             {.text = "1 mio. kr. 2021", .dkk = 1000000, .years = {2021}, .unit = "mio. kr."}}},
        // Leads and context before and after the amount.
        Row{"Der afsættes årligt 350.000 kr. til formålet.",
            {{.text = "årligt 350.000 kr.", .dkk = 350000, .recurring = true, .per = "year"}}},
        Row{"Derfor afsættes der i 2020 og 2021 hvert år 50.000 kr. til en kampagne.",
            {{.text = "i 2020 og 2021 hvert år 50.000 kr.", .dkk = 50000, .years = {2020, 2021},
              .recurring = true, .per = "year"}}},
        Row{"Parterne er enige om, at der i perioden 2020-2023 afsættes 2,2 mio. kr. årligt til efteruddannelse.",
            {{.text = "i perioden 2020-2023 afsættes 2,2 mio. kr. årligt", .dkk = 2200000, .years = k20_23,
              .recurring = true, .unit = "mio. kr.", .per = "year"}}},
        Row{"I 2019 afsættes der 0,4 mio. kr. til at videreføre Mere Monitor.",
            {{.text = "I 2019 afsættes der 0,4 mio. kr.", .dkk = 400000, .years = {2019}, .unit = "mio. kr."}}},
        Row{"Der søges eksterne puljemidler for 2020 svarende til 1,1 mio. kr. til projektet.",
            {{.text = "for 2020 svarende til 1,1 mio. kr.", .dkk = 1100000, .years = {2020}, .unit = "mio. kr."}}},
        Row{"Kommunen skal indregne en årlig driftsudgift på 2,3 mio. kr., som er lejeudgiften.",
            {{.text = "en årlig driftsudgift på 2,3 mio. kr.", .dkk = 2300000, .recurring = true,
              .unit = "mio. kr.", .per = "year"}}},
        Row{"Ballerup Kommune anvender årligt over 20 mio. kr. til kollektiv busbetjening.",
            {{.text = "årligt over 20 mio. kr.", .dkk = 20000000, .recurring = true, .unit = "mio. kr.",
              .per = "year"}}},
        Row{"Der afsættes 250.000 kr. til ny styringsteknologi i 2020.",
            {{.text = "250.000 kr. til ny styringsteknologi i 2020", .dkk = 250000, .years = {2020}}}},
        Row{"Der afsættes 0,5 mio. kr. til evalueringen, som finder sted i efteråret 2021.",  // no year of its own
            {{.text = "0,5 mio. kr.", .dkk = 500000, .unit = "mio. kr."}}},
        Row{"Der afsættes 0,5 mio. kr. i anlægsmidler i 2020 og frem til en tryghedspulje.",
            {{.text = "0,5 mio. kr. i anlægsmidler i 2020 og frem", .dkk = 500000, .years = {2020},
              .recurring = true, .unit = "mio. kr.", .onward = true, .per = "year"}}},
        Row{"Bydelsarrangementspuljen øges fra 255.000 kr. til 305.000 kr. årligt.",
            {{.text = "255.000 kr.", .dkk = 255000, .recurring = true, .per = "year"},
             {.text = "305.000 kr. årligt", .dkk = 305000, .recurring = true, .per = "year"}}},
        // Moves.
        Row{"Til indeklimaindsatsen fremrykkes 3 mio. kr. fra 2021 til 2020.",
            {{.text = "3 mio. kr. fra 2021 til 2020", .dkk = 3000000, .years = {2020}, .unit = "mio. kr.",
              .kind = "move", .from_year = 2021}}},
        Row{"Derfor udskydes 3 mio. kr. i anlægsprojektet ”Udvikling af bymidter” fra 2021 til 2023.",
            {{.text = "3 mio. kr. i anlægsprojektet ”Udvikling af bymidter” fra 2021 til 2023", .dkk = 3000000,
              .years = {2023}, .unit = "mio. kr.", .kind = "move", .from_year = 2021}}},
        Row{"Med budgettet udskydes 1 mio. kr. fra 2020 til 2021.",
            {{.text = "1 mio. kr. fra 2020 til 2021", .dkk = 1000000, .years = {2021}, .unit = "mio. kr.",
              .kind = "move", .from_year = 2020}}},
        Row{"Beløbet på 2 mio. kr. flyttes fra budget 2021 til budget 2020.",
            {{.text = "2 mio. kr. flyttes fra budget 2021 til budget 2020", .dkk = 2000000, .years = {2020},
              .unit = "mio. kr.", .kind = "move", .from_year = 2021}}},
        // Savings and totals.
        Row{"Budgettet reduceres med 2 mio. kr. fra 2021.",
            {{.text = "2 mio. kr. fra 2021", .dkk = -2000000, .years = {2021}, .recurring = true,
              .unit = "mio. kr.", .kind = "saving", .onward = true, .per = "year"}}},
        Row{"Forslaget giver en besparelse på 500.000 kr.",
            {{.text = "500.000 kr.", .dkk = -500000, .kind = "saving"}}},
        Row{"Som konsekvens heraf spares der 0,1 mio. kr. årligt på driften.",
            {{.text = "0,1 mio. kr. årligt", .dkk = -100000, .recurring = true, .unit = "mio. kr.",
              .kind = "saving", .per = "year"}}},
        Row{"Det resulterer i en årlig besparelse fra 2021 og frem på 250.000 kr.",
            {{.text = "en årlig besparelse fra 2021 og frem på 250.000 kr.", .dkk = -250000, .years = {2021},
              .recurring = true, .kind = "saving", .onward = true, .per = "year"}}},
        Row{"Der kan nås en samlet effekt på 400.000 kr. i besparelse. Det foreslås, at denne besparelse "
            "fordeles med 100.000 kr. i 2020, 200.000 kr. i 2021 og 100.000 kr. i 2022.",
            {{.text = "400.000 kr. i besparelse", .dkk = -400000, .kind = "saving"},
             {.text = "100.000 kr. i 2020", .dkk = -100000, .years = {2020}, .kind = "saving"},
             {.text = "200.000 kr. i 2021", .dkk = -200000, .years = {2021}, .kind = "saving"},
             {.text = "100.000 kr. i 2022", .dkk = -100000, .years = {2022}, .kind = "saving"}}},
        Row{"Den administrative besparelse på 5 mio. kr. i 2020 stigende til 15 mio. kr. årligt fra 2021.",
            {{.text = "5 mio. kr. i 2020", .dkk = -5000000, .years = {2020}, .unit = "mio. kr.", .kind = "saving"},
             {.text = "15 mio. kr. årligt fra 2021", .dkk = -15000000, .years = {2021}, .recurring = true,
              .unit = "mio. kr.", .kind = "saving", .onward = true, .per = "year"}}},
        Row{"Besparelsen udgør 3 mio. kr. i 2021, og der spares 1 mio. kr. i 2022.",
            {{.text = "3 mio. kr. i 2021", .dkk = -3000000, .years = {2021}, .unit = "mio. kr.", .kind = "saving"},
             {.text = "1 mio. kr. i 2022", .dkk = -1000000, .years = {2022}, .unit = "mio. kr.", .kind = "saving"}}},
        Row{"Der afsættes 2,3 mio. kr. i 2020-priser.",  // a price level, no year of the amount
            {{.text = "2,3 mio. kr.", .dkk = 2300000, .unit = "mio. kr."}}},
        Row{"Som led i besparelsen afsættes der 2 mio. kr. til et nyt system.",  // cue too far off
            {{.text = "2 mio. kr.", .dkk = 2000000, .unit = "mio. kr."}}},
        Row{"I tabellen står -1,4 mio. kr. og ÷ 2 mio. kr., og der er en bænk - 5 mio. kr. i alt.",
            {{.text = "-1,4 mio. kr.", .dkk = -1400000, .unit = "mio. kr.", .kind = "saving"},
             {.text = "÷ 2 mio. kr.", .dkk = -2000000, .unit = "mio. kr.", .kind = "saving"},
             {.text = "5 mio. kr. i alt", .dkk = 5000000, .unit = "mio. kr.", .kind = "total"}}},
        Row{"Der afsættes i alt 10 mio. kr. til Posthuset fordelt med 5 mio. kr. i 2020 og 5 mio. kr. i 2021.",
            {{.text = "i alt 10 mio. kr.", .dkk = 10000000, .unit = "mio. kr.", .kind = "total"},
             {.text = "5 mio. kr. i 2020", .dkk = 5000000, .years = {2020}, .unit = "mio. kr."},
             {.text = "5 mio. kr. i 2021", .dkk = 5000000, .years = {2021}, .unit = "mio. kr."}}},
        Row{"Der afsættes samlet set 50 mio. kr. i anlægsmidler i 2020- 2023 til at bygge.",  // a total
            {{.text = "samlet set 50 mio. kr. i anlægsmidler i 2020- 2023", .dkk = 50000000, .years = k20_23,
              .unit = "mio. kr.", .kind = "total"}}},
        // Text as layout may hand it over: a soft hyphen left in a word.
        Row{"Der afsættes 2,2 mio. kr. år\u00adligt.",
            {{.text = "2,2 mio. kr. år\u00adligt", .dkk = 2200000, .recurring = true, .unit = "mio. kr.",
              .per = "year"}}},
        // Not amounts.
        Row{"Udskrivningsprocent på 25,5", {}}, Row{"Grundskyldspromille på 28,89", {}},
        Row{"Det svarer til 0,4 pct. af budgettet, 2 procent af rammen og 1,5 promille.", {}},
        Row{"Forsøget løber i to år; i 2020 og 2021. Loven træder i kraft den 1. januar 2020.", {}},
        Row{"1.3. Borgermillionen", {}}, Row{"Se punkt 1.3. og afsnit 3.04.", {}},
        Row{"Ring på tlf. 4477 2206.", {}}, Row{"Dato: 27. oktober 2017", {}},
        Row{"Frist 31.12.2017", {}}, Row{"Sagsid: 00.30.00-S00-6-16", {}},
        Row{"Danmark har 2 mio. borgere, og budgettet stiger.", {}},
        Row{"Der er 500 pladser og 48 nye plejeboliger.", {}},
        Row{"Lautrup har over 20.000 arbejdspladser.", {}},
        Row{"Barnets første 1.000 dage; en 0-25 års strategi; folkeskolelovens § 16b.", {}},
        Row{"Det kostede 1.5 mio. kr.", {}},  // no Danish number
        Row{"Der kom 5 kræmmere og 5 kroneprisstigninger.", {}},
        Row{"Der er det samme antal kr. på BFO-området.", {}}, Row{"Side 3 af 40", {}},
        Row{"Kontakt: 44 77 22 06, 2750 Ballerup.", {}}));

// Table cells, with the unit the header states.
struct CellRow {
  const char* cell;
  const char* unit;
  std::optional<std::int64_t> dkk;
};
void PrintTo(const CellRow& r, std::ostream* os) { *os << "[" << r.cell << "] in " << r.unit; }

class CellRows : public ::testing::TestWithParam<CellRow> {};

TEST_P(CellRows, Read) {
  const CellRow& r = GetParam();
  EXPECT_EQ(TableAmountDkk(r.cell, r.unit), r.dkk) << "[" << r.cell << "] in " << r.unit;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CellRows,
    ::testing::Values(CellRow{"-1.230", "1.000 kr.", -1230000}, CellRow{"÷ 1.230", "1.000 kr.", -1230000},
                      CellRow{"\u2212" "72", "1.000 kr.", -72000}, CellRow{"(1.230)", "1.000 kr.", -1230000},
                      CellRow{"1.000", "1.000 kr.", 1000000}, CellRow{"4.573", "1.000 kr.", 4573000},
                      CellRow{"1 230", "1.000 kr.", 1230000}, CellRow{"0", "1.000 kr.", 0},
                      CellRow{"500*", "1.000 kr.", 500000}, CellRow{"500 1)", "1.000 kr.", 500000},
                      CellRow{"500¹", "1.000 kr.", 500000}, CellRow{" 50 ", "DRIFT (1.000 kr.)", 50000},
                      CellRow{"-0,05", "mio. kr.", -50000}, CellRow{"0,00", "mio. kr.", 0},
                      CellRow{"1,70", "mio. kr.", 1700000}, CellRow{"12,5", "kr.", 13},
                      CellRow{"-2,5", "kr.", -3}, CellRow{"50", "t.kr.", 50000},
                      CellRow{"", "1.000 kr.", std::nullopt}, CellRow{"-", "1.000 kr.", std::nullopt},
                      CellRow{"–", "1.000 kr.", std::nullopt}, CellRow{"Anlæg", "1.000 kr.", std::nullopt},
                      CellRow{"1.5", "1.000 kr.", std::nullopt}, CellRow{"(1.230", "1.000 kr.", std::nullopt},
                      CellRow{"500", "antal", std::nullopt}, CellRow{"2020-2023", "1.000 kr.", std::nullopt}));

struct HeaderRow {
  const char* header;
  std::optional<std::string> unit;
};
void PrintTo(const HeaderRow& r, std::ostream* os) { *os << r.header; }

class HeaderRows : public ::testing::TestWithParam<HeaderRow> {};

TEST_P(HeaderRows, Unit) {
  EXPECT_EQ(UnitFromHeader(GetParam().header), GetParam().unit) << GetParam().header;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HeaderRows,
    ::testing::Values(HeaderRow{"Drift – driftsinvesteringer (1.000 kr.)", "1.000 kr."},
                      HeaderRow{"DRIFT (1.000 kr.)", "1.000 kr."}, HeaderRow{"(mio. kr.)", "mio. kr."},
                      HeaderRow{"Overblik over besparelser i budget 2019 (mio. kr.)", "mio. kr."},
                      HeaderRow{"Beløb i 1.000 kr.", "1.000 kr."}, HeaderRow{"i 1.000 kr.", "1.000 kr."},
                      HeaderRow{"Bilag 1: Økonomisk oversigt (1.000 kr.)", "1.000 kr."},
                      HeaderRow{"(i 1.000 kr.)", "1.000 kr."}, HeaderRow{"(mio.kr.)", "mio. kr."},
                      HeaderRow{"Beløb i t.kr.", "t.kr."}, HeaderRow{"(tkr.)", "t.kr."},
                      HeaderRow{"(kr.)", "kr."}, HeaderRow{"(mia. kr.)", "mia. kr."},
                      HeaderRow{"2020", std::nullopt}, HeaderRow{"Anlægsinvestering", std::nullopt},
                      HeaderRow{"Ekstra krav (antal)", std::nullopt}, HeaderRow{"Indsats", std::nullopt}));

TEST(Amounts, DanishNumbersExactly) {
  EXPECT_EQ(ScaleDanishNumber("2.762", 1000000), 2762000000);
  EXPECT_EQ(ScaleDanishNumber("0,925", 1000000), 925000);
  EXPECT_EQ(ScaleDanishNumber("2.632,2", 1000000), 2632200000);
  EXPECT_EQ(ScaleDanishNumber("1 000", 1), 1000);
  EXPECT_EQ(ScaleDanishNumber("1.000,5", 1), 1001);
  EXPECT_EQ(ScaleDanishNumber("500,-", 1), 500);
  EXPECT_EQ(ScaleDanishNumber("0,0000001", 1000000000), 100);
  EXPECT_EQ(ScaleDanishNumber("9.223.372.036", 1000000000), 9223372036000000000);
  EXPECT_EQ(ScaleDanishNumber("9.223.372.037", 1000000000), std::nullopt);  // beyond int64
  EXPECT_EQ(ScaleDanishNumber("1.5", 1), std::nullopt);
  EXPECT_EQ(ScaleDanishNumber("1.000 000", 1), std::nullopt);
  EXPECT_EQ(ScaleDanishNumber("5,", 1), std::nullopt);
  EXPECT_EQ(ScaleDanishNumber("", 1), std::nullopt);
  EXPECT_EQ(UnitFactor("1.000 kr."), 1000);
  EXPECT_EQ(UnitFactor("dollars"), std::nullopt);
}

// The amount rules one by one, with rows they must not match.
struct RuleRow {
  RuleId rule;
  const char* text;
  RuleAnchor anchor;
  bool matches;
};
void PrintTo(const RuleRow& r, std::ostream* os) {
  *os << RuleName(r.rule) << " [" << r.text << "] " << (r.matches ? "matches" : "does not match");
}

class AmountRuleRows : public ::testing::TestWithParam<RuleRow> {};

TEST_P(AmountRuleRows, Match) {
  const RuleRow& r = GetParam();
  EXPECT_EQ(MatchRule(r.rule, r.text, r.anchor, nullptr), r.matches) << RuleName(r.rule) << ": [" << r.text << "]";
}

constexpr RuleAnchor kAny = RuleAnchor::kNone, kAt = RuleAnchor::kStart, kAll = RuleAnchor::kBoth;

INSTANTIATE_TEST_SUITE_P(
    Table, AmountRuleRows,
    ::testing::Values(
        RuleRow{RuleId::kAmountKr, "50.000 kr.", kAll, true}, RuleRow{RuleId::kAmountKr, "25,5", kAny, false},
        RuleRow{RuleId::kAmountTkr, "50 t.kr.", kAll, true}, RuleRow{RuleId::kAmountTkr, "50 t", kAny, false},
        RuleRow{RuleId::kAmountMioKr, "3 mio.kr.", kAll, true},
        RuleRow{RuleId::kAmountMioKr, "3 mio. borgere", kAny, false},
        RuleRow{RuleId::kAmountMiaKr, "0,5 mia. kr.", kAll, true},
        RuleRow{RuleId::kAmountMiaKr, "0,5 mia.", kAny, false},
        RuleRow{RuleId::kAmountMioBare, "0,5 mio.", kAll, true},
        RuleRow{RuleId::kAmountMioBare, "0,5 pct.", kAny, false},
        RuleRow{RuleId::kAmountKrPrefix, "kr. 5.000,-", kAll, true},
        RuleRow{RuleId::kAmountKrPrefix, "kr. på", kAny, false},
        RuleRow{RuleId::kAmountBareFollow, " til arbejdet", kAt, true},
        RuleRow{RuleId::kAmountBareFollow, " borgere", kAt, false},
        RuleRow{RuleId::kAmountMoneyCue, "Der afsættes", kAny, true},
        RuleRow{RuleId::kAmountMoneyCue, "Danmark har", kAny, false},
        RuleRow{RuleId::kAmountPerYear, " årligt", kAt, true}, RuleRow{RuleId::kAmountPerYear, " årlig", kAt, false},
        RuleRow{RuleId::kAmountPerMonth, " månedligt", kAt, true},
        RuleRow{RuleId::kAmountPerMonth, " måned", kAt, false},
        RuleRow{RuleId::kAmountPerWeek, " ugentligt", kAt, true},
        RuleRow{RuleId::kAmountPerWeek, " uge", kAt, false},
        RuleRow{RuleId::kAmountEachYears, " i hvert af årene 2020-2023", kAll, true},
        RuleRow{RuleId::kAmountEachYears, " i hvert af årene", kAt, false},
        RuleRow{RuleId::kAmountPeriodYears, " i perioden 2021-2022", kAll, true},
        RuleRow{RuleId::kAmountPeriodYears, " i perioden", kAt, false},
        RuleRow{RuleId::kAmountFromTo, " fra 2021 til 2020", kAll, true},
        RuleRow{RuleId::kAmountFromTo, " fra 2021 til at", kAt, false},
        RuleRow{RuleId::kAmountOnward, " fra og med budget 2020", kAll, true},
        RuleRow{RuleId::kAmountOnward, " fra den 1. maj", kAt, false},
        RuleRow{RuleId::kAmountOnwardDate, " fra den 1. maj 2020", kAll, true},
        RuleRow{RuleId::kAmountOnwardDate, " fra den 1. 2020", kAt, false},
        RuleRow{RuleId::kAmountInYears, " i 2020, 2021 og 2022", kAll, true},
        RuleRow{RuleId::kAmountInYears, " i foråret 2020", kAt, false},
        RuleRow{RuleId::kAmountInYear, " i 2020", kAll, true}, RuleRow{RuleId::kAmountInYear, " i år", kAt, false},
        RuleRow{RuleId::kAmountBareYear, " 2021.", kAll, true},
        RuleRow{RuleId::kAmountBareYear, " 2021 til", kAt, false},
        RuleRow{RuleId::kAmountFiller, " i anlægsmidler", kAll, true},
        RuleRow{RuleId::kAmountFiller, " til formålet", kAt, false},
        RuleRow{RuleId::kAmountTotalAfter, " i alt", kAll, true},
        RuleRow{RuleId::kAmountTotalAfter, " i alle", kAll, false},
        RuleRow{RuleId::kAmountSavingAfter, " i besparelse", kAll, true},
        RuleRow{RuleId::kAmountSavingAfter, " i budgettet", kAt, false},
        RuleRow{RuleId::kAmountMoveAfter, " fremrykkes", kAll, true},
        RuleRow{RuleId::kAmountMoveAfter, " afsættes", kAt, false},
        RuleRow{RuleId::kAmountMultiplier, "afsættes 2 x ", kAny, true},
        RuleRow{RuleId::kAmountMultiplier, "afsættes 2 ", kAny, false},
        RuleRow{RuleId::kAmountLeadPerYear, "afsættes årligt ", kAny, true},
        RuleRow{RuleId::kAmountLeadPerYear, "afsættes ", kAny, false},
        RuleRow{RuleId::kAmountLeadYears, "afsættes der i 2020 og 2021 hvert år ", kAny, true},
        RuleRow{RuleId::kAmountLeadYears, "afsættes der i foråret ", kAny, false},
        RuleRow{RuleId::kAmountLeadEquals, "puljemidler for 2020 svarende til ", kAny, true},
        RuleRow{RuleId::kAmountLeadEquals, "svarende til ", kAny, false},
        RuleRow{RuleId::kAmountLeadAnnual, "indregne en årlig driftsudgift på ", kAny, true},
        RuleRow{RuleId::kAmountLeadAnnual, "indregne en driftsudgift på ", kAny, false},
        RuleRow{RuleId::kAmountLeadTotal, "afsættes i alt ", kAny, true},
        RuleRow{RuleId::kAmountLeadTotal, "afsættes ", kAny, false},
        RuleRow{RuleId::kAmountClauseYears, "der i perioden 2020-2023 afsættes ", kAny, true},
        RuleRow{RuleId::kAmountClauseYears, "I 2018 blev der vedtaget en funktion til ", kAny, false},
        RuleRow{RuleId::kAmountSavingNoun, "en besparelse på ", kAny, true},
        RuleRow{RuleId::kAmountSavingNoun, "Som led i besparelsen afsættes der ", kAny, false},
        RuleRow{RuleId::kAmountSavingVerb, "Budgettet reduceres med ", kAny, true},
        RuleRow{RuleId::kAmountSavingVerb, "Puljen reduceres fra ", kAny, false},
        RuleRow{RuleId::kAmountMoveVerb, "på skolerne fremrykkes ", kAny, true},
        RuleRow{RuleId::kAmountMoveVerb, "på skolerne afsættes ", kAny, false},
        RuleRow{RuleId::kAmountTrailingMove, " i anlægsprojektet ”X” fra 2021 til 2023", kAll, true},
        RuleRow{RuleId::kAmountTrailingMove, ", som fra 2021 til 2023", kAt, false},
        RuleRow{RuleId::kAmountTrailingYear, " til ny styringsteknologi i 2020.", kAll, true},
        RuleRow{RuleId::kAmountTrailingYear, " til evalueringen, som finder sted i 2021.", kAt, false},
        RuleRow{RuleId::kAmountListJoin, ", ", kAll, true}, RuleRow{RuleId::kAmountListJoin, " og derefter ", kAll, true},
        RuleRow{RuleId::kAmountListJoin, " til formålet og ", kAll, false},
        RuleRow{RuleId::kAmountRangeFrom, "øges fra ", kAny, true},
        RuleRow{RuleId::kAmountRangeFrom, "øges ", kAny, false},
        RuleRow{RuleId::kAmountRangeTo, " til ", kAll, true}, RuleRow{RuleId::kAmountRangeTo, " til at ", kAll, false},
        RuleRow{RuleId::kAmountTableCell, "÷ 1.230", kAll, true},
        RuleRow{RuleId::kAmountTableCell, "1.3.", kAll, false},
        RuleRow{RuleId::kAmountHeaderUnit, "(1.000 kr.)", kAny, true},
        RuleRow{RuleId::kAmountHeaderUnit, "Anlægsinvestering", kAny, false}));

// ---- The corpus agreements against the hand-written tables ----

// A row of tests/expected/amounts-<case>.tsv, or of FindAmounts' output in
// the same shape, as one comparable line.
std::string Line(const std::string& item, const AmountMatch& a) {
  std::ostringstream o;
  o << item << '\t' << a.text << '\t' << a.dkk << '\t';
  for (size_t i = 0; i < a.years.size(); ++i) o << (i ? "," : "") << a.years[i];
  o << '\t' << a.recurring << '\t' << a.unit << '\t' << a.kind << '\t'
    << (a.from_year ? std::to_string(*a.from_year) : "") << '\t' << a.onward << '\t' << a.per;
  return o.str();
}

std::vector<std::string> ExpectedLines(const std::string& tsv) {
  std::vector<std::string> out;
  std::istringstream in(tsv);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

class CorpusAmounts : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusAmounts, MatchTheHandWrittenTable) {
  const std::string name = GetParam();
  std::vector<std::string> expected =
      ExpectedLines(ReadFile(SourceDir() / "tests" / "expected" / ("amounts-" + name + ".tsv")));
  ASSERT_FALSE(expected.empty());
  std::vector<ItemText> items = AgreementItems(ReadFile(CorpusDir() / (name + ".ref.txt")));
  ASSERT_FALSE(items.empty());
  std::vector<std::string> found;
  for (const ItemText& item : items) {
    for (const std::string& p : item.paragraphs) {
      for (const AmountMatch& a : FindAmounts(p)) found.push_back(Line(item.number, a));
    }
  }
  // Matched as multisets: the same phrase may stand twice in an item.
  std::multiset<std::string> want(expected.begin(), expected.end());
  size_t hits = 0;
  std::vector<std::string> extra;
  for (const std::string& f : found) {
    auto it = want.find(f);
    if (it == want.end()) {
      extra.push_back(f);
    } else {
      want.erase(it);
      ++hits;
    }
  }
  double precision = found.empty() ? 1.0 : static_cast<double>(hits) / found.size();
  double recall = static_cast<double>(hits) / expected.size();
  std::printf("[ figures  ] amounts %s: precision %.3f recall %.3f (%zu expected, %zu found)\n", name.c_str(),
              precision, recall, expected.size(), found.size());
  for (const std::string& e : extra) ADD_FAILURE() << "not in the table: " << e;
  for (const std::string& m : want) ADD_FAILURE() << "not found: " << m;
}

// Every phrase of the table stands in its item of the seed text itself
// (../shared/seeds), so the table cannot drift from what was checked.
TEST_P(CorpusAmounts, PhrasesStandInTheSeed) {
  const std::string name = GetParam();
  std::filesystem::path seed = SourceDir().parent_path() / "shared" / "seeds" / (name + ".txt");
  if (!std::filesystem::exists(seed)) GTEST_SKIP() << seed << " is absent";
  std::map<std::string, std::string> items = SeedItems(ReadFile(seed));
  for (const std::string& line :
       ExpectedLines(ReadFile(SourceDir() / "tests" / "expected" / ("amounts-" + name + ".tsv")))) {
    size_t tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
    std::string item = line.substr(0, tab1), phrase = line.substr(tab1 + 1, tab2 - tab1 - 1);
    ASSERT_TRUE(items.count(item)) << "no item " << item << " in the seed";
    EXPECT_NE(items[item].find(phrase), std::string::npos) << item << ": [" << phrase << "]";
  }
}

INSTANTIATE_TEST_SUITE_P(Agreements, CorpusAmounts,
                         ::testing::Values("budget-2020-aftale", "budget-2019-aftale"),
                         [](const auto& info) { return CaseTestName(info.param); });

}  // namespace
}  // namespace extractor::testing
