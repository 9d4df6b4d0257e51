// The reader + layout against the reference texts of the corpus: word recall
// and precision in order, no page furniture, no leftover hyphen splits.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "corpus.h"
#include "hyphen.h"
#include "layout.h"
#include "pipeline.h"
#include "reader.h"
#include "rules.h"
#include "text_metrics.h"
#include "unicode.h"

namespace extractor::testing {
namespace {

class CorpusText : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    Result<RawDocument> raw = ReadPdf((CorpusDir() / (GetParam() + ".pdf")).string(), {});
    ASSERT_TRUE(raw.ok()) << raw.error().message;
    laid_ = LayoutDocument(*raw);
    text_ = RenderText(laid_);
    reference_ = ReadFile(CorpusDir() / (GetParam() + ".ref.txt"));
    ASSERT_FALSE(reference_.empty());
  }
  LaidDocument laid_;
  std::string text_, reference_;
};

TEST_P(CorpusText, WordRecallAndPrecisionInOrder) {
  WordScore s = ScoreWords(text_, reference_);
  std::printf("[ figures  ] %s: recall %.4f precision %.4f (%zu reference words, %zu extracted)\n",
              GetParam().c_str(), s.Recall(), s.Precision(), s.reference, s.extracted);
  EXPECT_GE(s.Recall(), 0.99);
  EXPECT_GE(s.Precision(), 0.99);
}

// Paragraphs as the reference (and the seed) has them: one a line.
TEST_P(CorpusText, ParagraphBoundaries) {
  BoundaryScore s = ScoreParagraphs(text_, reference_);
  std::printf("[ figures  ] %s: paragraph boundaries recall %.4f precision %.4f (%zu reference, "
              "%zu extracted)\n",
              GetParam().c_str(), s.Recall(), s.Precision(), s.reference, s.extracted);
  EXPECT_GE(s.Recall(), 0.98);
  EXPECT_GE(s.Precision(), 0.98);
}

TEST_P(CorpusText, NoPageNumbersOrRunningLinesInText) {
  size_t pages_with_label = 0;
  std::set<std::string> furniture;
  for (const LaidPage& p : laid_.pages) {
    if (p.page_label) ++pages_with_label;
    for (const std::string& f : p.footer) furniture.insert(f);
    for (const std::string& h : p.header) furniture.insert(h);
  }
  // Every page of the corpus prints "Side N af M".
  EXPECT_EQ(pages_with_label, laid_.pages.size());
  size_t start = 0;
  while (start < text_.size()) {
    size_t end = text_.find_first_of("\n\f", start);
    if (end == std::string::npos) end = text_.size();
    std::string line = text_.substr(start, end - start);
    // A bare number is table content; "Side 18" can be a heading of its own.
    bool bare = line.find_first_not_of("0123456789") == std::string::npos;
    bool in_reference = reference_.find("\n" + line + "\n") != std::string::npos;
    EXPECT_FALSE(!bare && !in_reference && IsPageNumberText(line))
        << "page number left in the text: " << line;
    EXPECT_EQ(furniture.count(line), 0u) << "running line left in the text: " << line;
    start = end + 1;
  }
}

// A word "x-y" (or "x-" at a line end) whose joined form "xy" is Danish and
// which the reference does not spell with a hyphen is a split left behind.
TEST_P(CorpusText, NoLeftoverHyphenSplits) {
  auto dictionary = DanishDictionary();
  ASSERT_TRUE(dictionary) << "hunspell-da is not installed";
  std::set<std::string> reference_words;
  for (const std::string& w : Words(reference_)) reference_words.insert(WordKey(w));
  int leftovers = 0, checked = 0;
  for (const std::string& w : Words(text_)) {
    std::string key = WordKey(w);
    size_t h = key.find('-');
    if (h == std::string::npos || h == 0 || h + 1 >= key.size()) continue;
    ++checked;
    if (reference_words.count(key)) continue;
    std::string joined = key.substr(0, h) + key.substr(h + 1);
    if (dictionary(joined)) {
      ++leftovers;
      ADD_FAILURE() << "leftover hyphen split: " << w;
    }
  }
  std::printf("[ figures  ] %s: %d hyphenated words checked, %d leftover splits\n",
              GetParam().c_str(), checked, leftovers);
}

// The same texts drawn by another producer (ReportLab), in another font
// (DejaVu Serif), with other margins, a running header, "Side N af M"
// footers and line-end hyphenation by U+2010 or by a '-' set apart
// (tests/variants/make_variant.py). Rules for the family, not the files.
struct Variant {
  std::string name;
  const char* hyphen;
};

class VariantText : public ::testing::TestWithParam<Variant> {};

TEST_P(VariantText, ReadsBackTheTextItWasDrawnFrom) {
  if (std::system("/usr/bin/python3 -c 'import reportlab' > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3-reportlab is not installed (scripts/setup.sh installs it)";
  }
  const Variant& v = GetParam();
  std::filesystem::path ref = CorpusDir() / (v.name + ".ref.txt");
  std::filesystem::path pdf = TestDir() / (v.name + "-" + v.hyphen + ".pdf");
  std::string cmd = "/usr/bin/python3 '" + (SourceDir() / "tests/variants/make_variant.py").string() +
                    "' '" + ref.string() + "' '" + pdf.string() + "' --hyphen " + v.hyphen;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  Result<RawDocument> raw = ReadPdf(pdf.string(), {});
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  LaidDocument laid = LayoutDocument(*raw);
  std::string text = RenderText(laid);
  std::string reference = ReadFile(ref);
  WordScore s = ScoreWords(text, reference);
  std::printf("[ figures  ] variant %s (%s): recall %.4f precision %.4f\n", v.name.c_str(), v.hyphen,
              s.Recall(), s.Precision());
  EXPECT_GE(s.Recall(), 0.995);
  EXPECT_GE(s.Precision(), 0.995);
  EXPECT_EQ(text.find("politisk aftale\n"), std::string::npos) << "running header left in";
  EXPECT_EQ(text.find("\u2010"), std::string::npos) << "a U+2010 hyphen left in the text";
  for (const LaidPage& p : laid.pages) EXPECT_TRUE(p.page_label.has_value()) << "page " << p.number;
}

std::vector<Variant> Variants() {
  std::vector<Variant> out;
  for (const std::string& c : CorpusCases()) {
    out.push_back({c, "u2010"});
    out.push_back({c, "ascii-apart"});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Corpus, VariantText, ::testing::ValuesIn(Variants()),
                         [](const auto& info) {
                           return CaseTestName(info.param.name + "_" + info.param.hyphen);
                         });

// The same texts as HTML printed by a web browser (headless Chromium):
// soft hyphens in every long word, kept as invisible /ActualText where the
// line did not break, the browser's own date, title, address and "1/12"
// in the margins (tests/variants/make_browser_variant.py).
class BrowserText : public ::testing::TestWithParam<std::string> {};

TEST_P(BrowserText, ReadsBackTheTextItWasPrintedFrom) {
  std::filesystem::path ref = CorpusDir() / (GetParam() + ".ref.txt");
  std::filesystem::path pdf = TestDir() / (GetParam() + "-browser.pdf");
  std::string cmd = "/usr/bin/python3 '" +
                    (SourceDir() / "tests/variants/make_browser_variant.py").string() + "' '" +
                    ref.string() + "' '" + pdf.string() + "'";
  int rc = std::system(cmd.c_str());
  if (WIFEXITED(rc) && WEXITSTATUS(rc) == 3) {
    GTEST_SKIP() << "no Chromium installed (scripts/setup.sh installs it)";
  }
  ASSERT_EQ(rc, 0) << cmd;
  Result<RawDocument> raw = ReadPdf(pdf.string(), {});
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  std::string text = RenderText(LayoutDocument(*raw));
  WordScore s = ScoreWords(text, ReadFile(ref));
  std::printf("[ figures  ] browser %s: recall %.4f precision %.4f\n", GetParam().c_str(),
              s.Recall(), s.Precision());
  EXPECT_GE(s.Recall(), 0.995);
  EXPECT_GE(s.Precision(), 0.995);
  EXPECT_EQ(text.find("\u00ad"), std::string::npos) << "a soft hyphen left in the text";
  EXPECT_EQ(text.find("\u2010"), std::string::npos) << "a U+2010 hyphen left in the text";
  EXPECT_EQ(text.find("file://"), std::string::npos) << "the browser's footer left in";
}

INSTANTIATE_TEST_SUITE_P(Corpus, BrowserText, ::testing::ValuesIn(CorpusCases()),
                         [](const auto& info) { return CaseTestName(info.param); });

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusText, ::testing::ValuesIn(CorpusCases()),
                         [](const auto& info) { return CaseTestName(info.param); });

}  // namespace
}  // namespace extractor::testing
