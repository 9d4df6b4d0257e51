// One row per hyphenation rule, with the rows where the hyphen must stay.
#include <gtest/gtest.h>

#include "hyphen.h"

namespace extractor {
namespace {

struct Row {
  const char* before;
  const char* after;
  const char* expected;
};

class HyphenRows : public ::testing::TestWithParam<Row> {};

TEST_P(HyphenRows, Joins) {
  const Row& r = GetParam();
  HyphenEvidence none;
  EXPECT_EQ(JoinHyphenated(r.before, r.after, DecideHyphen(r.before, r.after, none)), r.expected)
      << r.before << " / " << r.after;
}

INSTANTIATE_TEST_SUITE_P(
    Danish, HyphenRows,
    ::testing::Values(
        // A syllable break: the hyphen goes.
        Row{"udgangs-", "punkt", "udgangspunkt"},
        Row{"Bal-", "lerup", "Ballerup"},
        Row{"(udgangs-", "punkt)", "(udgangspunkt)"},
        Row{"budget-", "opfølgning.", "budgetopfølgning."},
        // U+2010 from HTML printers and the soft hyphen are breaks too.
        Row{"kommunal\u2010", "bestyrelsen", "kommunalbestyrelsen"},
        Row{"kommunal\u00ad", "bestyrelsen", "kommunalbestyrelsen"},
        // A suspended compound: hyphen and space stay.
        Row{"Social-", "og", "Social- og"},
        Row{"Børne-", "eller", "Børne- eller"},
        Row{"forenings-", "og,", "forenings- og,"},
        Row{"Social\u2010", "og", "Social- og"},
        // Capitals, digits, abbreviations, one-letter prefixes: the hyphen stays.
        Row{"SOSU-", "assistent", "SOSU-assistent"},
        Row{"COVID-", "19", "COVID-19"},
        Row{"Nord-", "Amerika", "Nord-Amerika"},
        Row{"e-", "mail", "e-mail"},
        Row{"it-", "understøttelse", "it-understøttelse"},
        Row{"2020-", "priser", "2020-priser"},
        Row{"BSU-", "12", "BSU-12"},
        // A non-breaking hyphen never breaks a word.
        Row{"ad\u2011", "hoc", "ad-hoc"},
        // URLs: a break inside a word joins, a hyphen between words is the URL's.
        Row{"https://ballerup.dk/vision-", "2029", "https://ballerup.dk/vision-2029"},
        // A slash is not a URL: "brugeren/forbrugeren" is running text.
        Row{"idrætsbrugeren/for-", "brugeren.", "idrætsbrugeren/forbrugeren."}));

TEST(Hyphen, DocumentSpellingDecides) {
  std::unordered_map<std::string, int> words{{"case-gennemførelse", 2}};
  HyphenEvidence e;
  e.doc_words = &words;
  EXPECT_EQ(DecideHyphen("case-", "gennemførelse", e), HyphenJoin::kKeepHyphen);
  words = {{"udgangspunkt", 1}, {"udgangs-punkt", 3}};
  EXPECT_EQ(DecideHyphen("udgangs-", "punkt", e), HyphenJoin::kKeepHyphen);
  words = {{"unicef", 2}};
  EXPECT_EQ(DecideHyphen("UNI-", "CEF", e), HyphenJoin::kJoin);
}

TEST(Hyphen, UrlWordBreakUsesDictionary) {
  HyphenEvidence e;
  e.is_word = [](std::string_view w) { return w == "ind" || w == "om" || w == "kommunen"; };
  EXPECT_EQ(JoinHyphenated("files/som_ind-", "gaar_i.pdf",
                           DecideHyphen("files/som_ind-", "gaar_i.pdf", e)),
            "files/som_indgaar_i.pdf");
  EXPECT_EQ(DecideHyphen("ballerup.dk/om-", "kommunen/politik", e), HyphenJoin::kKeepHyphen);
}

TEST(Hyphen, NotAHyphenatedWord) {
  HyphenEvidence e;
  EXPECT_EQ(DecideHyphen("ord", "næste", e), HyphenJoin::kKeepSpace);
  EXPECT_EQ(DecideHyphen("-", "næste", e), HyphenJoin::kKeepSpace);
}

TEST(Hyphen, WordKeyStripsPunctuationAndCase) {
  EXPECT_EQ(WordKey("(Udgangspunkt),"), "udgangspunkt");
  EXPECT_EQ(WordKey("Økonomi."), "økonomi");
  EXPECT_EQ(WordKey("\u201dbor\u201d"), "bor");
}

}  // namespace
}  // namespace extractor
