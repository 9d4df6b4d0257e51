// The Danish tokenizer: which queries find which texts (the rows of
// danish_rows.h, matched the way FTS5 matches), and the terms and offsets
// it gives FTS5.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <vector>

#include "archive/danish.h"
#include "danish_rows.h"

namespace extractor::archive {
namespace {

DanishTokenizer& Tokenizer() {
  static DanishTokenizer* t = [] {
    Result<DanishTokenizer> r = DanishTokenizer::Create();
    if (!r.ok()) {
      std::fprintf(stderr, "DanishTokenizer::Create: %s\n", r.error().message.c_str());
      std::abort();
    }
    return new DanishTokenizer(std::move(*r));
  }();
  return *t;
}

// Terms per position: a colocated term joins the previous position.
std::vector<std::vector<std::string>> Positions(std::string_view text, TokenizeMode mode) {
  std::vector<std::vector<std::string>> out;
  Tokenizer().Tokenize(text, mode, [&out](const Term& t) {
    if (!t.colocated || out.empty()) out.emplace_back();
    out.back().emplace_back(t.text);
    return true;
  });
  return out;
}

// As FTS5 matches a query: its positions in order and adjacent, any of a
// position's terms against any term of the text's position; a query ending
// in '*' matches its last position as a prefix.
bool Matches(std::string_view query, std::string_view text) {
  bool prefix = !query.empty() && query.back() == '*';
  if (prefix) query.remove_suffix(1);
  auto q = Positions(query, prefix ? TokenizeMode::kPrefixQuery : TokenizeMode::kQuery);
  auto d = Positions(text, TokenizeMode::kDocument);
  if (q.empty()) return false;
  for (size_t i = 0; i + q.size() <= d.size(); ++i) {
    bool all = true;
    for (size_t j = 0; j < q.size() && all; ++j) {
      bool last_prefix = prefix && j + 1 == q.size();
      bool any = false;
      for (const std::string& want : q[j]) {
        for (const std::string& have : d[i + j]) {
          any = any || (last_prefix ? have.compare(0, want.size(), want) == 0 : have == want);
        }
      }
      all = any;
    }
    if (all) return true;
  }
  return false;
}

void CheckRows(const danish_rows::Row* rows, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const danish_rows::Row& r = rows[i];
    bool expected = r.should_match != r.known_miss;
    EXPECT_EQ(Matches(r.query, r.text), expected)
        << "query \"" << r.query << "\" on \"" << r.text << "\": should "
        << (r.should_match ? "" : "not ") << "match"
        << (r.known_miss ? " (a known miss that no longer misses: flip the row)" : "")
        << (*r.why != '\0' ? std::string("; ") + r.why : "");
  }
}

TEST(DanishRows, Inflection) { CheckRows(danish_rows::kInflection, std::size(danish_rows::kInflection)); }
TEST(DanishRows, Apart) { CheckRows(danish_rows::kApart, std::size(danish_rows::kApart)); }
TEST(DanishRows, Tokens) { CheckRows(danish_rows::kTokens, std::size(danish_rows::kTokens)); }

// Every word of two corpus texts, as a query, finds itself: query and
// document sides agree on every stem, spelling and number.
TEST(DanishRows, EveryCorpusWordFindsItself) {
  for (const char* name : {"budget-2020-aftale", "budget-2017-opfoelgning-3"}) {
    std::string path = std::string(AFTALE_SOURCE_DIR) + "/corpus/" + name + ".ref.txt";
    FILE* f = std::fopen(path.c_str(), "rb");
    ASSERT_NE(f, nullptr) << path;
    std::string text;
    char buf[65536];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
    // Collected first: the sink must not call back into the tokenizer.
    std::vector<std::string_view> words;
    Tokenizer().Tokenize(text, TokenizeMode::kDocument, [&](const Term& t) {
      if (!t.colocated) words.emplace_back(text.data() + t.begin, t.end - t.begin);
      return true;
    });
    size_t misses = 0;
    for (std::string_view word : words) {
      if (!Matches(word, word) && ++misses < 10) ADD_FAILURE() << "\"" << word << "\" does not find itself";
    }
    EXPECT_EQ(misses, 0u) << name;
    EXPECT_GT(words.size(), 5000u) << name;
  }
}

TEST(DanishTerms, DocumentTermsCarryTheWordsOffsets) {
  std::string text = "Plejecentrene får 5,1 mio. kr. (BSU-12, 1.3.)";
  std::vector<OwnedTerm> want = {
      {"plejecentrene", 0, 13, false}, {"~plejecent", 0, 13, true},
      {"får", 14, 18, false},           {"~få", 14, 18, true},
      {"5,1", 19, 22, false},           {"mio", 23, 26, false},
      {"kr", 28, 30, false},            {"bsu", 33, 36, false},
      {"12", 37, 39, false},            {"1.3", 41, 44, false},
  };
  EXPECT_EQ(Tokenizer().Terms(text, TokenizeMode::kDocument), want);
}

TEST(DanishTerms, QueryTermsAreTheStemAndTheStemAsAWord) {
  std::vector<OwnedTerm> want = {{"~udvalg", 0, 9, false}, {"udvalg", 0, 9, true},
                                 {"2020", 10, 14, false}};
  EXPECT_EQ(Tokenizer().Terms("Udvalgene 2020", TokenizeMode::kQuery), want);
}

TEST(DanishTerms, PrefixQueryKeepsTheLastWordsLetters) {
  std::vector<OwnedTerm> want = {{"~tid", 0, 6, false}, {"tid", 0, 6, true},
                                 {"ældre", 7, 13, false}};
  EXPECT_EQ(Tokenizer().Terms("tidlig Ældre", TokenizeMode::kPrefixQuery), want);
  std::vector<OwnedTerm> aa = {{"åbenra", 0, 7, false}, {"åbenrå", 0, 7, true}};
  EXPECT_EQ(Tokenizer().Terms("Aabenra", TokenizeMode::kPrefixQuery), aa);
}

TEST(DanishTerms, OffsetsAreThoseOfTheTextAsGiven) {
  // Decomposed "Å" (3 bytes) and a soft hyphen inside the word: the term is
  // folded, the offsets still cover the original bytes.
  std::string text = "x A\u030Abenr\u00ADaa";
  std::vector<OwnedTerm> terms = Tokenizer().Terms(text, TokenizeMode::kDocument);
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[1].text, "åbenrå");
  EXPECT_EQ(terms[1].begin, 2u);
  EXPECT_EQ(terms[1].end, text.size());
}

TEST(DanishTerms, Stem) {
  DanishTokenizer& t = Tokenizer();
  EXPECT_EQ(t.Stem("plejecenter"), t.Stem("Plejecentrene"));
  EXPECT_EQ(t.Stem("år"), t.Stem("året"));
  EXPECT_NE(t.Stem("ældre"), t.Stem("forældre"));
  EXPECT_EQ(t.Stem("BSU12"), "bsu12");
  EXPECT_EQ(t.Stem("1.3"), "1.3");
  EXPECT_EQ(t.Stem(""), "");
  EXPECT_FALSE(DanishTokenizer::Version().empty());
}

TEST(DanishTerms, StemsOfEverydayWordsAreFixedPoints) {
  // Read as words, these stems stem to themselves, so a query for them
  // carries the bare stem as an alternative.
  DanishTokenizer& t = Tokenizer();
  for (const char* w : {"plejecentrene", "året", "budgettet", "aktiviteterne", "midlerne",
                        "eksterne", "indsatsen", "udvalgene", "fagcentre"}) {
    std::string s = t.Stem(w);
    EXPECT_EQ(t.Stem(s), s) << w;
  }
}

TEST(DanishTerms, NoBareStemWhenTheStemIsNoFixedPoint) {
  // "afgrenede": its stem "afgren" (a compound head + "gren") stems on to
  // "afgr", so the word "afgren" is not of its stem and must not match.
  DanishTokenizer& t = Tokenizer();
  std::string s = t.Stem("afgrenede");
  ASSERT_NE(t.Stem(s), s);
  std::vector<OwnedTerm> q = t.Terms("afgrenede", TokenizeMode::kQuery);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "~" + s);
  EXPECT_FALSE(Matches("afgrenede", s));
}

TEST(DanishTerms, BrokenAndOddInput) {
  DanishTokenizer& t = Tokenizer();
  EXPECT_TRUE(t.Terms("", TokenizeMode::kDocument).empty());
  EXPECT_TRUE(t.Terms(" .,;-–\n", TokenizeMode::kQuery).empty());
  EXPECT_TRUE(t.Terms("*", TokenizeMode::kPrefixQuery).empty());
  // Invalid UTF-8 is no word character, and splits nothing it should not.
  std::vector<OwnedTerm> bad = t.Terms("ab\xC3 \xFF\xFEkr", TokenizeMode::kDocument);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0].text, "ab");
  EXPECT_EQ(bad[1].text, "kr");
  EXPECT_EQ(bad[1].begin, 6u);
  // A NUL inside the text is not its end.
  std::string nul("a\0b", 3);
  EXPECT_EQ(t.Terms(nul, TokenizeMode::kDocument).size(), 2u);
  // A very long word is cut to kMaxTermBytes at a character boundary.
  std::string long_word;
  for (int i = 0; i < 300; ++i) long_word += "ø";
  std::vector<OwnedTerm> cut = t.Terms(long_word, TokenizeMode::kDocument);
  ASSERT_FALSE(cut.empty());
  EXPECT_LE(cut[0].text.size(), kMaxTermBytes);
  EXPECT_EQ(cut[0].text.size() % 2, 0u);
  EXPECT_EQ(cut[0].end, long_word.size());
}

TEST(DanishTerms, SinkCanStop) {
  int seen = 0;
  bool done = Tokenizer().Tokenize("en to tre fire", TokenizeMode::kDocument,
                                   [&seen](const Term&) { return ++seen < 2; });
  EXPECT_FALSE(done);
  EXPECT_EQ(seen, 2);
  // The tokenizer is usable again after an early stop.
  EXPECT_EQ(Tokenizer().Terms("en to", TokenizeMode::kDocument).size(), 2u);
}

}  // namespace
}  // namespace extractor::archive
