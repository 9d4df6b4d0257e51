// The reader and layout on PDFs the tests write themselves: symbol fonts,
// hyphen variants, page furniture, ruled tables, and inputs that must fail
// with the right error.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "corpus.h"
#include "layout.h"
#include "pipeline.h"
#include "mini_pdf.h"
#include "reader.h"

namespace extractor::testing {
namespace {

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  std::filesystem::path p = TestDir() / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}

std::string TextOf(const MiniPdf& pdf, const std::string& name) {
  Result<RawDocument> raw = ReadPdf(WriteTemp(name, pdf.Bytes()), {});
  EXPECT_TRUE(raw.ok()) << (raw.ok() ? "" : raw.error().message);
  if (!raw.ok()) return "";
  return RenderText(LayoutDocument(*raw));
}

struct SymbolRow {
  const char* font;
  char32_t code;
  char32_t expected;  // 0: no mapping
};

class SymbolRows : public ::testing::TestWithParam<SymbolRow> {};

TEST_P(SymbolRows, Maps) {
  const SymbolRow& r = GetParam();
  std::optional<char32_t> m = MapSymbolGlyph(r.font, r.code);
  if (r.expected == 0) {
    EXPECT_FALSE(m.has_value());
  } else {
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(static_cast<uint32_t>(*m), static_cast<uint32_t>(r.expected));
  }
}

INSTANTIATE_TEST_SUITE_P(
    WordFonts, SymbolRows,
    ::testing::Values(SymbolRow{"Wingdings-Regular", 0xF04A, 0x263A},
                      SymbolRow{"Wingdings", U'K', 0x1F610}, SymbolRow{"Wingdings", U'L', 0x2639},
                      SymbolRow{"Wingdings", 0xF0A7, 0x25AA}, SymbolRow{"Wingdings", 0xF0FC, 0x2713},
                      SymbolRow{"SymbolMT", 0xF0B7, 0x2022}, SymbolRow{"SymbolMT", 0xF02B, U'+'},
                      SymbolRow{"SymbolMT", 0xF03D, U'='},
                      // Not a symbol font, or nothing better to say.
                      SymbolRow{"Calibri", 0xF04A, 0}, SymbolRow{"Wingdings", 0x263A, 0}));

TEST(Reader, WingdingsSmileysKeepTheirColour) {
  MiniPdf pdf;
  pdf.Text(72, 100, "Helvetica", 11, "Status");
  pdf.Text(200, 100, "Wingdings", 14, "J", "0 0.6 0");
  pdf.Text(72, 130, "Helvetica", 11, "Status");
  pdf.Text(200, 130, "Wingdings", 14, "K", "1 0.8 0");
  pdf.Text(72, 160, "Helvetica", 11, "Status");
  pdf.Text(200, 160, "Wingdings", 14, "L", "1 0 0");
  Result<RawDocument> raw = ReadPdf(WriteTemp("smileys.pdf", pdf.Bytes()), {});
  ASSERT_TRUE(raw.ok());
  std::vector<std::pair<std::string, Rgb>> smileys;
  for (const Word& w : raw->pages[0].words) {
    if (w.text != "Status") smileys.emplace_back(w.text, w.color);
  }
  ASSERT_EQ(smileys.size(), 3u);
  EXPECT_EQ(smileys[0].first, "\u263A");
  EXPECT_EQ(smileys[1].first, "\U0001F610");
  EXPECT_EQ(smileys[2].first, "\u2639");
  EXPECT_EQ(smileys[0].second, 0x009900u);
  EXPECT_EQ(smileys[2].second, 0xFF0000u);
}

TEST(Reader, SmileysDrawnAsShapesAndPicturesReadByColour) {
  MiniPdf pdf;
  // A follow-up's milestone table: text | smiley, one row per status.
  for (double y : {85.0, 115.0, 145.0, 175.0}) pdf.Line(70, y, 300, y);
  for (double x : {70.0, 140.0, 300.0}) pdf.Line(x, 85, x, 175);
  pdf.Text(75, 100, "Helvetica", 11, "Status A");
  pdf.Circle(160, 96, 6, "0 0.69 0.31");  // green, vector
  pdf.Text(75, 130, "Helvetica", 11, "Status B");
  pdf.Circle(160, 126, 6, "1 0.75 0");  // yellow, vector
  pdf.Circle(158, 124, 1, "0 0 0");     // an eye: part of the face
  pdf.Text(75, 160, "Helvetica", 11, "Status C");
  pdf.DiscPicture(154, 150, 12, 16, 220, 0, 0);  // red, a picture
  // Outside a table a coloured circle is part of a figure.
  pdf.Text(72, 220, "Helvetica", 11, "Figur");
  pdf.Circle(160, 216, 6, "0 0.69 0.31");
  EXPECT_EQ(TextOf(pdf, "shapes.pdf"),
            "Status A\n\u263A\nStatus B\n\U0001F610\nStatus C\n\u2639\nFigur\n\f");
  EXPECT_EQ(SmileyForColor(0x00B050), U'\u263A');
  EXPECT_EQ(SmileyForColor(0xFFC000), U'\U0001F610');
  EXPECT_EQ(SmileyForColor(0xC00000), U'\u2639');
  EXPECT_FALSE(SmileyForColor(0x000000).has_value());
  EXPECT_FALSE(SmileyForColor(0x1F4E79).has_value());  // Word's dark blue
}

TEST(Layout, HyphenVariantsAtLineEnds) {
  MiniPdf pdf;
  pdf.Text(72, 100, "Helvetica", 11, "Parterne tager derfor udgangs\u2010");
  pdf.Text(72, 114, "Helvetica", 11, "punkt i visionen og Social-");
  pdf.Text(72, 128, "Helvetica", 11, "og Sundhedsudvalget samt kommunal\u00ad");
  pdf.Text(72, 142, "Helvetica", 11, "bestyrelsen og SOSU-");
  pdf.Text(72, 156, "Helvetica", 11, "assistenter.");
  EXPECT_EQ(TextOf(pdf, "hyphens.pdf"),
            "Parterne tager derfor udgangspunkt i visionen og Social- og Sundhedsudvalget samt "
            "kommunalbestyrelsen og SOSU-assistenter.\n\f");
}

TEST(Layout, DetachedLineEndHyphenStillJoins) {
  MiniPdf pdf;
  // "økono" and its hyphen drawn 1.2 pt apart, as some producers do.
  pdf.Text(72, 80, "Helvetica", 11, "Hvis der er");
  pdf.Raw("BT 0 0 0 rg /F1 11 Tf 72 742 Td [(\\346ndringer til \\370kono) -110 (-)] TJ ET\n");
  pdf.Text(72, 114, "Helvetica", 11, "mien i forhold til budgettet.");
  std::string text = TextOf(pdf, "detached.pdf");
  EXPECT_NE(text.find("\u00f8konomien"), std::string::npos) << text;
}

TEST(Layout, RunningFootersAndPageNumbersLeaveTheText) {
  MiniPdf pdf;
  for (int p = 1; p <= 3; ++p) {
    if (p > 1) pdf.NewPage();
    pdf.Text(72, 40, "Helvetica", 8, "Ballerup Kommune - Budget 2020");
    pdf.Text(72, 100, "Helvetica", 11, "Indhold p\u00e5 side " + std::to_string(p) + ".");
    pdf.Text(480, 800, "Helvetica", 9, "Side " + std::to_string(p) + " af 3");
  }
  Result<RawDocument> raw = ReadPdf(WriteTemp("furniture.pdf", pdf.Bytes()), {});
  ASSERT_TRUE(raw.ok());
  LaidDocument laid = LayoutDocument(*raw);
  EXPECT_EQ(RenderText(laid),
            "Indhold p\u00e5 side 1.\n\fIndhold p\u00e5 side 2.\n\fIndhold p\u00e5 side 3.\n\f");
  ASSERT_TRUE(laid.pages[1].page_label.has_value());
  EXPECT_EQ(*laid.pages[1].page_label, "Side 2 af 3");
  EXPECT_EQ(laid.pages[2].header, std::vector<std::string>{"Ballerup Kommune - Budget 2020"});
}

TEST(Layout, PageNumberBesideBodyTextAndBoxedFootersLeave) {
  MiniPdf pdf;
  const char* first[] = {"Parterne er enige", "Administrationen fremlægger", "Udvalget behandler"};
  const char* second[] = {"om budgettet.", "et oplæg.", "sagen i juni."};
  for (int p = 1; p <= 3; ++p) {
    if (p > 1) pdf.NewPage();
    // The page number shares its baseline with the page's first line.
    pdf.Text(72, 62, "Helvetica", 9.5, first[p - 1]);
    pdf.Text(480, 62, "Helvetica", 7, "Side " + std::to_string(p) + " af 3");
    pdf.Text(72, 74, "Helvetica", 9.5, second[p - 1]);
    // A footer in a box of its own.
    pdf.Line(18, 810, 120, 810);
    pdf.Line(18, 830, 120, 830);
    pdf.Line(18, 810, 18, 830);
    pdf.Line(120, 810, 120, 830);
    pdf.Text(22, 824, "Helvetica", 10, "Internal - KMD A/S");
  }
  EXPECT_EQ(TextOf(pdf, "boxed.pdf"),
            "Parterne er enige om budgettet.\n\fAdministrationen fremlægger et oplæg.\n\f"
            "Udvalget behandler sagen i juni.\n\f");
}

// Web browsers print every soft hyphen of the page: inside a word the line
// did not break, as a space glyph wrapped in /ActualText (U+00AD); where the
// line broke, as that plus a visible U+2010. Neither splits a word.
TEST(Layout, SoftHyphensInsideUnbrokenWordsAreInvisible) {
  MiniPdf pdf;
  // A space glyph that stands for U+00AD, the pen moved back over it (as a
  // browser sets the next part where the soft hyphen was).
  const std::string shy = " /Span << /ActualText <FEFF00AD> >> BDC [( ) 278] TJ EMC ";
  pdf.Raw("BT /F1 11 Tf 72 742 Td (Der er bud) Tj" + shy + "(get) Tj" + shy + "(op) Tj" + shy +
          "(f\\370lg) Tj" + shy + "(nin) Tj" + shy + "(ger) Tj" + shy + "(ne til udgangs) Tj" + shy +
          "(\\200) Tj ET\n");
  // A producer that keeps U+00AD as a glyph of its own inside the word.
  pdf.Text(72, 114, "Helvetica", 11, "punktet, og en sam\u00adlet plan.");
  EXPECT_EQ(TextOf(pdf, "shy.pdf"),
            "Der er budgetopf\u00f8lgningerne til udgangspunktet, og en samlet plan.\n\f");
}

// Text drawn twice a fraction of a point apart (fake bold), glyph by glyph
// or word by word, reads once.
TEST(Layout, OverprintedTextReadsOnce) {
  MiniPdf pdf;
  pdf.Text(72, 100, "Helvetica", 11, "Udvalget");
  pdf.Text(72.3, 100, "Helvetica", 11, "Udvalget");
  pdf.Text(120, 100, "Helvetica", 11, "besluttede");
  pdf.Text(120.25, 100.1, "Helvetica", 11, "besluttede");
  // Glyph by glyph: each digit twice before the next.
  pdf.Raw("BT /F1 11 Tf 180 742 Td (0) Tj 0.2 0 Td (0) Tj 5.9 0 Td (7) Tj 0.2 0 Td (7) Tj ET\n");
  EXPECT_EQ(TextOf(pdf, "overprint.pdf"), "Udvalget besluttede 07\n\f");
}

// A page whose only text is one short line that changes from page to page
// is that text, not a running header.
TEST(Layout, OneLinePagesAreNotRunningHeaders) {
  MiniPdf pdf;
  for (int p = 0; p < 5; ++p) {
    if (p > 0) pdf.NewPage();
    pdf.Text(72, 40, "Helvetica", 12, "Potato " + std::to_string(p));
  }
  EXPECT_EQ(TextOf(pdf, "potato.pdf"), "Potato 0\n\fPotato 1\n\fPotato 2\n\fPotato 3\n\fPotato 4\n\f");
}

TEST(Layout, RuledTableReadsRowByRowAndKeepsEmptyCells) {
  MiniPdf pdf;
  // Three columns, two rows; the middle cell of row 2 is empty.
  for (double y : {100.0, 130.0, 175.0}) pdf.Line(70, y, 430, y);
  for (double x : {70.0, 190.0, 310.0, 430.0}) pdf.Line(x, 100, x, 175);
  pdf.Text(75, 115, "Helvetica", 10, "Milep\u00e6l");
  pdf.Text(195, 115, "Helvetica", 10, "Tid");
  pdf.Text(315, 115, "Helvetica", 10, "Smiley");
  pdf.Text(75, 145, "Helvetica", 10, "Analysen er");
  pdf.Text(75, 157, "Helvetica", 10, "udarbejdet.");
  pdf.Text(315, 145, "Helvetica", 10, "31.12.2017");
  Result<RawDocument> raw = ReadPdf(WriteTemp("table.pdf", pdf.Bytes()), {});
  ASSERT_TRUE(raw.ok());
  LaidDocument laid = LayoutDocument(*raw);
  EXPECT_EQ(RenderText(laid), "Milep\u00e6l\nTid\nSmiley\nAnalysen er udarbejdet.\n31.12.2017\n\f");
  const std::vector<Block>& b = laid.pages[0].blocks;
  ASSERT_EQ(b.size(), 5u);
  EXPECT_EQ(b[3].row, 1);
  EXPECT_EQ(b[3].col, 0);
  EXPECT_EQ(b[4].col, 2);  // column 1 of row 2 is empty, and stays so
}

// ---- inputs that must fail, each with its own error ----

TEST(ReaderErrors, MissingFileAndDirectory) {
  EXPECT_EQ(ReadPdf("/nonexistent/x.pdf", {}).error().code, ErrorCode::kOpenFailed);
  EXPECT_EQ(ReadPdf(TestDir().string(), {}).error().code, ErrorCode::kOpenFailed);
}

TEST(ReaderErrors, EmptyAndNotAPdf) {
  EXPECT_EQ(ReadPdf(WriteTemp("empty.pdf", ""), {}).error().code, ErrorCode::kNotPdf);
  EXPECT_EQ(ReadPdf(WriteTemp("text.pdf", "Dette er ikke en PDF.\n"), {}).error().code,
            ErrorCode::kNotPdf);
  std::string png = "\x89PNG\r\n\x1a\n";
  png += std::string(2000, 'x');
  EXPECT_EQ(ReadPdf(WriteTemp("png.pdf", png), {}).error().code, ErrorCode::kNotPdf);
}

TEST(ReaderErrors, TruncatedAndCorruptedFilesNeverCrash) {
  std::string good = ReadFile(CorpusDir() / "introseminar-2018-opsamling.pdf");
  ASSERT_GT(good.size(), 10000u);
  // Cut short: Poppler reconstructs what it can or gives up; both are fine,
  // a crash or a silent success with all pages is not.
  Result<RawDocument> cut = ReadPdf(WriteTemp("cut.pdf", good.substr(0, good.size() / 3)), {});
  if (cut.ok()) {
    EXPECT_FALSE(cut->diagnostics.empty());
  } else {
    EXPECT_EQ(cut.error().code, ErrorCode::kDamaged);
  }
  // The header alone.
  Result<RawDocument> header = ReadPdf(WriteTemp("header.pdf", "%PDF-1.7\n"), {});
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().code, ErrorCode::kDamaged);
  // A corrupted cross-reference table: every offset points nowhere.
  std::string bad = good;
  size_t xref = bad.rfind("startxref");
  ASSERT_NE(xref, std::string::npos);
  bad.replace(xref + 10, 6, "999999");
  Result<RawDocument> r = ReadPdf(WriteTemp("badxref.pdf", bad), {});
  if (r.ok()) {
    EXPECT_GT(r->pages.size(), 0u);  // repaired from the objects
  }
}

bool HaveQpdf() { return std::system("qpdf --version > /dev/null 2>&1") == 0; }

TEST(ReaderErrors, EncryptedNeedsThePassword) {
  if (!HaveQpdf()) GTEST_SKIP() << "qpdf is not installed (the setup script installs it)";
  std::string plain = WriteTemp("plain.pdf", [] {
    MiniPdf pdf;
    pdf.Text(72, 100, "Helvetica", 11, "Hemmelig aftale");
    return pdf.Bytes();
  }());
  std::string locked = (TestDir() / "locked.pdf").string();
  std::string cmd = "qpdf --encrypt hemmelig ejer 256 -- '" + plain + "' '" + locked + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  Result<RawDocument> none = ReadPdf(locked, {});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kEncrypted);
  EXPECT_NE(none.error().message.find("--password"), std::string::npos);
  ReadOptions wrong;
  wrong.password = "forkert";
  Result<RawDocument> w = ReadPdf(locked, wrong);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, ErrorCode::kEncrypted);
  ReadOptions right;
  right.password = "hemmelig";
  Result<RawDocument> ok = ReadPdf(locked, right);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(RenderText(LayoutDocument(*ok)), "Hemmelig aftale\n\f");
}

TEST(ReaderLimits, PastTheDeadlineStops) {
  ReadOptions o;
  o.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  Result<RawDocument> r = ReadPdf((CorpusDir() / "budget-2020-aftale.pdf").string(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimit);
}

TEST(ReaderLimits, PageLimitIsReported) {
  ReadOptions o;
  o.max_pages = 2;
  Result<RawDocument> r = ReadPdf((CorpusDir() / "budget-2020-aftale.pdf").string(), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->pages.size(), 2u);
  EXPECT_EQ(r->page_count, 40);
  bool reported = false;
  for (const Diagnostic& d : r->diagnostics) reported |= d.code == "pdf.page_limit";
  EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace extractor::testing
