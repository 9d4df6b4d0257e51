// The Danish tokenizer inside SQLite FTS5: MATCH with words, phrases,
// prefixes and AND/OR/NOT/NEAR on sentences from the corpus, and
// highlight()/snippet() marking the original words.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <string>
#include <vector>

#include "archive/danish.h"
#include "archive/fts.h"

namespace extractor::archive {
namespace {

// rowid -> text. From corpus/*.ref.txt unless marked (the marked ones come
// from PRODUCT.md's examples or test one spelling).
const std::map<int, const char*> kSentences = {
    {1, "Redegørelse for 2017-midlerne er godkendt af Sundheds- og Ældreministeriet og "
        "brugerpåvarendeundersøgelsen på plejecentrene er gennemført."},
    {2, "4.02. Kapacitet på plejecentre - del 1"},
    {3, "Plejhjemslæger er tilknyttet et plejecenter i hvert distrikt."},
    {4, "Forældre, børn og medarbejdere er inddraget og hørt. Evt. varsling af personale."},
    {5, "4.01. Styrke kvaliteten på ældreområdet - del 1"},
    {6, "Væsentlig bidragsyder: Bygge bro mellem foreninger/kommunale instanser/frivillige "
        "aktører for at samskabe omkring udfordringerne i forbindelse med isolation og ensomhed "
        "blandt ældre borgere."},
    {7, "For at sikre kontinuitet i dette samarbejde med almen praksis om de ældre borgere er "
        "parterne enige om at finansiere ordningen med 0,1 mio. kr. fra og med Budget 2020."},
    {8, "Tidlig indsats handler om at sætte ind på det rigtige og relevante tidspunkt, så unge "
        "med psykiske udfordringer oplever at få den hjælp med det samme."},
    {9, "3.03. Den tidlige indsats - del 3 - Generel indsats for børn og unge med højt "
        "skolefravær"},
    {10, "7.11. Borgermillionen"},
    {11, "Den interne evaluering er gennemført og drejebog for uddeling af borgermillionen 2017 "
         "er forelagt politisk."},
    {12, "Parterne er enige om at afsætte 0,3 mio. kr. i 2019 og 2020 til udskiftning af "
         "nødkaldeanlæg på plejecentrene i Ballerup Kommune."},
    {13, "Der afsættes årligt 0,5 mio. kr. i 2019, 1 mio. kr. i 2020, 1,5 mio. kr. i 2021 og "
         "1 mio. kr. i 2022 til forbedringer af skolernes faglokaler."},
    {14, "Parterne ønsker, at folkeskolerne fortsat skal have mulighed for at trække på "
         "specialskolelæreres store erfaring. Der afsættes derfor 2,5 mio. kr. i 2019 til at "
         "fortsætte SAMSPAL. Midlerne udmøntes i Børne- og Skoleudvalget."},
    {15, "Gode fysiske rammer har stor indvirkning på børns læring og trivsel. Gennem de seneste "
         "år har Ballerup Kommune gennemført store investeringer i opgraderingen af de fysiske "
         "rammer, herunder forbedringer af indeklimaet i skolerne."},
    {16, "Ballerup Kommune opfordrer borgerne og virksomhederne til at gå med i arbejdet med at "
         "indsamle midler til at fremme uddannelse for alle børn og unge i verden."},
    {17, "Den årlige borgerundersøgelse på beskæftelsesområdet, som gennemføres i efteråret "
         "2017, viser fremgang i forhold til 2016 i borgernes svar på spørgsmålene:"},
    {18, "1.3. Borgermillionen"},  // PRODUCT.md
    {19, "BSU-12 Reduktion af vikarbudgettet"},  // PRODUCT.md's id, made-up title
    {20, "Der afsættes 1 mio. kr. årligt til Borgermillionen, og Teknik- og Miljøudvalget "
         "udmønter midlerne."},  // PRODUCT.md
    {21, "Økonomiudvalget er fagudvalg på opgaven."},  // PRODUCT.md
    {22, "Social- og Sundhedsudvalget udmønter midlerne."},  // PRODUCT.md
    {23, "Erfaringer fra Aabenraa Kommune indgår."},  // the old spelling
    {24, "Udvalgene i A\u030Abenrå har drøftet sagen."},  // decomposed Å
    {25, "Kommunalbestyrelsen skal senest i sommeren 2017 træffe beslutning om, hvilken model "
         "for udvidelse af kapacitet på plejecentrene, som Ballerup Kommune skal gå efter."},
    {26, "Der er tidligere afsat midler hertil i anlægsbudgettet: 2 mio. kr. i 2019 og 5 mio. "
         "kr. årligt i 2020 og 2021."},
    {27, "TMU-01 Reducering af budgettet for Spildevandsplanen"},
    {28, "På samme måde skal fagudvalgene have større fokus på at skabe mere åbne kommunale "
         "bygninger."},
};

class Fts : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    Result<FtsTokenizer> t = RegisterDanishTokenizer(db_);
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->name, "danish");
    EXPECT_EQ(t->version, DanishTokenizer::Version());
    Exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'danish')");
    sqlite3_stmt* insert = Prepare("INSERT INTO t(rowid, body) VALUES (?1, ?2)");
    for (const auto& [id, text] : kSentences) {
      sqlite3_bind_int(insert, 1, id);
      sqlite3_bind_text(insert, 2, text, -1, SQLITE_STATIC);
      ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE) << sqlite3_errmsg(db_);
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
  }
  void TearDown() override { sqlite3_close(db_); }

  void Exec(const char* sql) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  }
  sqlite3_stmt* Prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql, -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
    return s;
  }

  // The rowids `query` finds, in rowid order.
  std::vector<int> Match(const std::string& query) {
    sqlite3_stmt* s = Prepare("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid");
    sqlite3_bind_text(s, 1, query.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<int> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(sqlite3_column_int(s, 0));
    EXPECT_EQ(rc, SQLITE_DONE) << query << ": " << sqlite3_errmsg(db_);
    sqlite3_finalize(s);
    return out;
  }

  // One text column for the first row `query` finds (`expr` over table t).
  std::string First(const std::string& expr, const std::string& query) {
    std::string sql = "SELECT " + expr + " FROM t WHERE t MATCH ?1 ORDER BY rowid LIMIT 1";
    sqlite3_stmt* s = Prepare(sql.c_str());
    sqlite3_bind_text(s, 1, query.c_str(), -1, SQLITE_TRANSIENT);
    std::string out;
    if (sqlite3_step(s) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    return out;
  }

  sqlite3* db_ = nullptr;
};

using Rows = std::vector<int>;

TEST_F(Fts, DebianSqliteHasFts5) {
  sqlite3_stmt* s = Prepare("PRAGMA compile_options");
  bool fts5 = false;
  while (sqlite3_step(s) == SQLITE_ROW) {
    fts5 = fts5 || std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) ==
                       "ENABLE_FTS5";
  }
  sqlite3_finalize(s);
  EXPECT_TRUE(fts5);
}

TEST_F(Fts, StemmedWords) {
  EXPECT_EQ(Match("plejecenter"), (Rows{1, 2, 3, 12, 25}));
  EXPECT_EQ(Match("plejecentrene"), (Rows{1, 2, 3, 12, 25}));
  EXPECT_EQ(Match("ældre"), (Rows{6, 7}));  // not Forældre, not the compounds
  EXPECT_EQ(Match("forældre"), (Rows{4}));
  EXPECT_EQ(Match("borger"), (Rows{6, 7, 16, 17}));
  EXPECT_EQ(Match("skole"), (Rows{13, 15}));
  EXPECT_EQ(Match("midler"), (Rows{1, 14, 16, 20, 22, 26}));
  EXPECT_EQ(Match("budget"), (Rows{7, 27}));  // "Budget", "budgettet"
  EXPECT_EQ(Match("udvalg"), (Rows{24}));     // "Udvalgene"; "fagudvalgene" is another word
  EXPECT_EQ(Match("åbenrå"), (Rows{23, 24}));
  EXPECT_EQ(Match("Aabenraa"), (Rows{23, 24}));
}

TEST_F(Fts, Prefixes) {
  EXPECT_EQ(Match("ældre*"), (Rows{1, 5, 6, 7}));  // never Forældre
  EXPECT_EQ(Match("skole*"), (Rows{9, 13, 14, 15}));  // skolefravær, Skoleudvalget
  EXPECT_EQ(Match("borgermillion*"), (Rows{10, 11, 18, 20}));
  EXPECT_EQ(Match("plejecent*"), (Rows{1, 2, 3, 12, 25}));
  EXPECT_EQ(Match("Aabenra*"), (Rows{23, 24}));
  EXPECT_EQ(Match("fagudvalg*"), (Rows{21, 28}));
}

TEST_F(Fts, Phrases) {
  EXPECT_EQ(Match("\"tidlig indsats\""), (Rows{8, 9}));
  EXPECT_EQ(Match("\"indsats tidlig\""), Rows{});
  EXPECT_EQ(Match("\"ældre borger\""), (Rows{6, 7}));
  EXPECT_EQ(Match("\"på plejecent\"*"), (Rows{1, 2, 12, 25}));
}

TEST_F(Fts, Numbers) {
  EXPECT_EQ(Match("\"1.3\""), (Rows{18}));
  EXPECT_EQ(Match("\"3.03\""), (Rows{9}));
  EXPECT_EQ(Match("\"BSU-12\""), (Rows{19}));
  EXPECT_EQ(Match("\"TMU-01\""), (Rows{27}));
  EXPECT_EQ(Match("2020"), (Rows{7, 12, 13, 26}));
  EXPECT_EQ(Match("\"0,3\""), (Rows{12}));
  EXPECT_EQ(Match("2017"), (Rows{1, 11, 17, 25}));
}

TEST_F(Fts, Operators) {
  EXPECT_EQ(Match("2020 AND plejecenter"), (Rows{12}));
  EXPECT_EQ(Match("ældre OR forældre"), (Rows{4, 6, 7}));
  EXPECT_EQ(Match("plejecenter NOT 2017"), (Rows{2, 3, 12}));
  EXPECT_EQ(Match("midler NOT (udmønte OR 2017)"), (Rows{16, 26}));
  EXPECT_EQ(Match("NEAR(udskiftning plejecentrene, 5)"), (Rows{12}));
  EXPECT_EQ(Match("NEAR(udskiftning plejecentrene, 2)"), Rows{});
}

TEST_F(Fts, HighlightMarksTheOriginalWords) {
  EXPECT_EQ(First("highlight(t, 0, '[', ']')", "plejecenter AND distrikt"),
            "Plejhjemslæger er tilknyttet et [plejecenter] i hvert [distrikt].");
  EXPECT_EQ(First("highlight(t, 0, '[', ']')", "ældre*"),
            "Redegørelse for 2017-midlerne er godkendt af Sundheds- og [Ældreministeriet] og "
            "brugerpåvarendeundersøgelsen på plejecentrene er gennemført.");
  EXPECT_EQ(First("highlight(t, 0, '[', ']')", "\"tidlig indsats\" AND skolefravær"),
            "3.03. Den [tidlige indsats] - del 3 - Generel indsats for børn og unge med højt "
            "[skolefravær]");
  EXPECT_EQ(First("highlight(t, 0, '[', ']')", "udvalg"),
            "[Udvalgene] i A\u030Abenrå har drøftet sagen.");
  EXPECT_EQ(First("highlight(t, 0, '[', ']')", "åbenrå AND drøfte"),
            "Udvalgene i [A\u030Abenrå] har [drøftet] sagen.");
  EXPECT_EQ(First("highlight(t, 0, '[', ']')", "\"BSU-12\""),
            "[BSU-12] Reduktion af vikarbudgettet");
}

TEST_F(Fts, SnippetAroundTheHit) {
  EXPECT_EQ(First("snippet(t, 0, '[', ']', '…', 6)", "borgermillionen AND uddeling"),
            "…for [uddeling] af [borgermillionen] 2017 er…");
}

TEST_F(Fts, BadQueriesAreSqliteErrors) {
  // The search command turns these into one-line messages; here we only
  // check that they fail cleanly rather than match something.
  for (const char* q : {"plejecenter AND", "\"unclosed", "1.3", "(ældre", "NOT"}) {
    sqlite3_stmt* s = Prepare("SELECT rowid FROM t WHERE t MATCH ?1");
    sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
    EXPECT_EQ(sqlite3_step(s), SQLITE_ERROR) << q;
    sqlite3_finalize(s);
  }
}

TEST_F(Fts, TokenizerTakesNoOptions) {
  char* err = nullptr;
  EXPECT_NE(sqlite3_exec(db_, "CREATE VIRTUAL TABLE u USING fts5(a, tokenize = 'danish extra')",
                         nullptr, nullptr, &err),
            SQLITE_OK);
  sqlite3_free(err);
}

TEST(FtsRegister, NeedsAConnection) { EXPECT_FALSE(RegisterDanishTokenizer(nullptr).ok()); }

}  // namespace
}  // namespace extractor::archive
