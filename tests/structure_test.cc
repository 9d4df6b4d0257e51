// Every value keeps where it came from: items and sections hold their blocks
// as spans, tables are joined over page breaks with a page and box per cell,
// nothing a reader sees is missing from the record, and records load back
// into the value they were written from.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "corpus.h"
#include "emit.h"
#include "layout.h"
#include "load.h"
#include "mini_pdf.h"
#include "pipeline.h"
#include "text_metrics.h"

namespace extractor::testing {
namespace {

namespace fs = std::filesystem;

class CorpusStructure : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    Result<Record> r = ExtractRecord((CorpusDir() / (GetParam() + ".pdf")).string(), {});
    ASSERT_TRUE(r.ok()) << r.error().message;
    record_ = *r;
  }
  Record record_;
};

// The spans' texts, joined by line breaks, and whether they tile the text:
// each starts where the one before ended, after one line break.
std::string JoinSpans(const std::vector<Span>& spans, const std::string& text) {
  std::string t;
  size_t at = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    const Span& s = spans[i];
    if (s.start != at || s.end < s.start || s.end > text.size()) return "<spans do not tile the text>";
    if (i > 0) t += '\n';
    t += text.substr(s.start, s.end - s.start);
    at = s.end + 1;
  }
  return t;
}

bool HasArea(const BBox& b) { return b.x1 > b.x0 && b.y1 > b.y0; }

TEST_P(CorpusStructure, SpansCoverEveryBody) {
  for (const Item& it : record_.items) {
    EXPECT_EQ(JoinSpans(it.spans, it.text), it.text) << it.id;
    for (const Span& s : it.spans) {
      EXPECT_GE(s.page, it.page) << it.id;
      EXPECT_TRUE(HasArea(s.bbox)) << it.id << " " << it.text.substr(s.start, s.end - s.start);
    }
  }
  for (const Section& sec : record_.sections) {
    EXPECT_EQ(JoinSpans(sec.spans, sec.text), sec.text) << sec.id;
    EXPECT_FALSE(sec.title.empty()) << sec.id;
  }
}

// An item that runs over several pages points at all of them.
TEST_P(CorpusStructure, ItemsOverSeveralPagesKeepEachPage) {
  int multi = 0;
  for (const Item& it : record_.items) {
    std::set<int> pages;
    for (const Span& s : it.spans) {
      pages.insert(s.page);
      for (const PageBox& c : s.continued) pages.insert(c.page);
    }
    if (pages.size() > 1) ++multi;
    if (!pages.empty()) {
      EXPECT_GE(*pages.begin(), it.page) << it.id;
    }
  }
  std::printf("[ figures  ] %s: %d of %zu items over more than one page\n", GetParam().c_str(), multi,
              record_.items.size());
}

TEST_P(CorpusStructure, EveryTableCellHasPageAndBox) {
  for (const TableRecord& t : record_.tables) {
    ASSERT_FALSE(t.cells.empty());
    for (const TableCellRecord& c : t.cells) {
      EXPECT_GE(c.page, t.page);
      ASSERT_LT(c.row, static_cast<int>(t.rows.size()));
      EXPECT_TRUE(HasArea(c.bbox)) << t.rows[static_cast<size_t>(c.row)][static_cast<size_t>(c.col)];
      for (const PageBox& p : c.continued) EXPECT_GT(p.page, c.page);
    }
  }
}

// The words of the reference text (what was laid out, without running
// lines) are in the record: in titles, item and section texts, chapters.
TEST_P(CorpusStructure, RecordHoldsTheWordsOfThePage) {
  std::string all;
  auto add = [&](const std::string& s) { all += s + "\n"; };
  if (record_.document.title) add(*record_.document.title);
  for (const Chapter& c : record_.chapters) add(c.evidence.text);
  for (const Item& it : record_.items) {
    add(it.evidence.text);
    if (it.evidence.text.find(it.title) == std::string::npos) add(it.title);
    add(it.text);
  }
  for (const Section& s : record_.sections) {
    std::string heading = s.evidence ? s.evidence->text : "";
    add(heading);
    if (heading.find(s.title) == std::string::npos) add(s.title);
    add(s.text);
  }
  std::map<std::string, int> have;
  for (const std::string& w : Words(all)) ++have[w];
  std::vector<std::string> ref = Words(ReadFile(CorpusDir() / (GetParam() + ".ref.txt")));
  size_t found = 0;
  for (const std::string& w : ref) {
    auto it = have.find(w);
    if (it != have.end() && it->second > 0) {
      --it->second;
      ++found;
    }
  }
  double share = ref.empty() ? 1.0 : static_cast<double>(found) / static_cast<double>(ref.size());
  std::printf("[ figures  ] %s: %.4f of the reference words are in the record (%zu of %zu)\n",
              GetParam().c_str(), share, found, ref.size());
  EXPECT_GE(share, 0.995);
}

TEST_P(CorpusStructure, LoaderRoundTripsTheGolden) {
  std::string golden = ReadFile(SourceDir() / "golden" / (GetParam() + ".json"));
  Result<Record> loaded = LoadRecordJson(golden);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(EmitJson(*loaded), golden);
  EXPECT_EQ(EmitXml(*loaded), ReadFile(SourceDir() / "golden" / (GetParam() + ".xml")));
}

TEST_P(CorpusStructure, DocumentFieldsHaveTheirOwnEvidence) {
  const DocumentMeta& d = record_.document;
  auto check = [&](const auto& value, const std::optional<Evidence>& e, const char* what) {
    if (!value) return;
    ASSERT_TRUE(e.has_value()) << what;
    EXPECT_GE(e->page, 1) << what;
    EXPECT_TRUE(HasArea(e->bbox)) << what;
    EXPECT_FALSE(e->text.empty()) << what;
  };
  check(d.title, d.title_evidence, "title");
  check(d.budget_year, d.budget_year_evidence, "budget_year");
  check(d.date, d.date_evidence, "date");
  check(d.case_id, d.case_id_evidence, "case_id");
  check(d.municipality, d.municipality_evidence, "municipality");
  if (d.case_id) {
    EXPECT_NE(d.case_id_evidence->text.find(*d.case_id), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusStructure, ::testing::ValuesIn(CorpusCases()),
                         [](const auto& info) { return CaseTestName(info.param); });

TEST(Loader, RejectsWhatIsNotARecord) {
  for (const char* bad : {"", "not json", "{}", "[1, 2]", R"({"schema_version": "1.1"})"}) {
    Result<Record> r = LoadRecordJson(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().message.find('\n'), std::string::npos);
  }
  Result<Record> missing = LoadRecordFile((TestDir() / "no-such-record.json").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kOpenFailed);
}

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  fs::path p = TestDir() / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}

// A ruled table that runs over a page break: Word repeats its header row on
// the next page, and on that page the third column holds no text at all. It
// is one table, its columns stay aligned, and each cell knows its page.
TEST(Tables, OneTableOverAPageBreakWithARepeatedHeaderAndAnEmptyColumn) {
  MiniPdf pdf;
  const double xs[] = {70, 190, 310, 430};
  auto grid = [&](double top, int rows, double height) {
    for (int r = 0; r <= rows; ++r) pdf.Line(70, top + r * height, 430, top + r * height);
    for (double x : xs) pdf.Line(x, top, x, top + rows * height);
  };
  auto header = [&](double top) {
    pdf.Text(75, top + 14, "Helvetica-Bold", 10, "Indsats");
    pdf.Text(195, top + 14, "Helvetica-Bold", 10, "2020");
    pdf.Text(315, top + 14, "Helvetica-Bold", 10, "2021");
  };
  pdf.Text(72, 80, "Helvetica", 11, "Oversigten viser indsatserne.");
  grid(100, 3, 20);
  header(100);
  pdf.Text(75, 134, "Helvetica", 10, "Borgermillionen");
  pdf.Text(195, 134, "Helvetica", 10, "1.000");
  pdf.Text(315, 134, "Helvetica", 10, "1.000");
  pdf.Text(75, 154, "Helvetica", 10, "Frivillighedspolitik");
  pdf.Text(195, 154, "Helvetica", 10, "50");
  pdf.Text(315, 154, "Helvetica", 10, "50");
  pdf.NewPage();
  grid(60, 3, 20);
  header(60);
  pdf.Text(75, 94, "Helvetica", 10, "Hjemmepleje");
  pdf.Text(195, 94, "Helvetica", 10, "2.200");
  pdf.Text(75, 114, "Helvetica", 10, "Ny hjemmeside");
  pdf.Text(195, 114, "Helvetica", 10, "-804");
  Result<RawDocument> raw = ReadPdf(WriteTemp("split-table.pdf", pdf.Bytes()), {});
  ASSERT_TRUE(raw.ok());
  LaidDocument laid = LayoutDocument(*raw);
  ASSERT_EQ(laid.tables.size(), 1u);
  const Table& t = laid.tables[0];
  EXPECT_EQ(t.rows, 5);
  EXPECT_EQ(t.header_rows, 1);
  ASSERT_EQ(t.boxes.size(), 2u);
  EXPECT_EQ(t.boxes[0].page, 1);
  EXPECT_EQ(t.boxes[1].page, 2);
  std::map<std::pair<int, int>, std::pair<std::string, int>> at;
  for (const TableCell& c : t.cells) {
    ASSERT_FALSE(c.boxes.empty());
    at[{c.row, c.col}] = {c.text, c.boxes[0].page};
  }
  EXPECT_EQ(at[std::make_pair(0, 1)], std::make_pair(std::string("2020"), 1));
  EXPECT_EQ(at[std::make_pair(3, 0)], std::make_pair(std::string("Hjemmepleje"), 2));
  // The 2020 column on page 2 is the 2020 column, though 2021 is empty there.
  EXPECT_EQ(at[std::make_pair(3, 1)], std::make_pair(std::string("2.200"), 2));
  EXPECT_EQ(at[std::make_pair(4, 1)], std::make_pair(std::string("-804"), 2));
  EXPECT_EQ(at.count(std::make_pair(3, 2)), 0u);
  // The repeated header is not read twice.
  EXPECT_EQ(RenderText(laid),
            "Oversigten viser indsatserne.\nIndsats\n2020\n2021\nBorgermillionen\n1.000\n1.000\n"
            "Frivillighedspolitik\n50\n50\n\fHjemmepleje\n2.200\nNy hjemmeside\n-804\n\f");
  // And the record lists it so.
  Record r = BuildRecord("split-table.pdf", std::string(64, '0'), *raw, laid);
  ASSERT_EQ(r.tables.size(), 1u);
  EXPECT_EQ(r.tables[0].rows.size(), 5u);
  ASSERT_EQ(r.tables[0].continued.size(), 1u);
  EXPECT_EQ(r.tables[0].continued[0].page, 2);
  EXPECT_EQ(r.tables[0].rows[4], (std::vector<std::string>{"Ny hjemmeside", "-804", ""}));
}

// A row that Word splits over the page break is one row, each half's box on
// its own page.
TEST(Tables, ARowSplitByThePageBreakIsOneRow) {
  MiniPdf pdf;
  for (double y : {700.0, 720.0, 800.0}) pdf.Line(70, y, 430, y);
  for (double x : {70.0, 190.0, 430.0}) pdf.Line(x, 700, x, 800);
  pdf.Text(75, 714, "Helvetica-Bold", 10, "Milep\u00e6l");
  pdf.Text(195, 714, "Helvetica-Bold", 10, "Beskrivelse");
  pdf.Text(75, 734, "Helvetica", 10, "Analyse");
  pdf.Text(195, 734, "Helvetica", 10, "Analysen af det specialiserede omr\u00e5de er");
  pdf.NewPage();
  for (double y : {60.0, 90.0}) pdf.Line(70, y, 430, y);
  for (double x : {70.0, 190.0, 430.0}) pdf.Line(x, 60, x, 90);
  pdf.Text(195, 74, "Helvetica", 10, "udarbejdet og forelagt udvalget.");
  Result<RawDocument> raw = ReadPdf(WriteTemp("split-row.pdf", pdf.Bytes()), {});
  ASSERT_TRUE(raw.ok());
  LaidDocument laid = LayoutDocument(*raw);
  ASSERT_EQ(laid.tables.size(), 1u);
  const Table& t = laid.tables[0];
  EXPECT_EQ(t.rows, 2);
  const TableCell* text = nullptr;
  for (const TableCell& c : t.cells) {
    if (c.row == 1 && c.col == 1) text = &c;
  }
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->text, "Analysen af det specialiserede omr\u00e5de er udarbejdet og forelagt udvalget.");
  ASSERT_EQ(text->boxes.size(), 2u);
  EXPECT_EQ(text->boxes[0].page, 1);
  EXPECT_EQ(text->boxes[1].page, 2);
  // The joined paragraph knows which line is where.
  const Block& b = laid.At(text->blocks[0]);
  size_t at = b.text.find("forelagt");
  PageBox where = BoxOfRange(b, at, at + 8);
  EXPECT_EQ(where.page, 2);
  EXPECT_LT(where.box.y0, 100);
}

// A value read from part of a paragraph points at the lines that hold it.
TEST(Evidence, APhrasePointsAtItsOwnLine) {
  MiniPdf pdf;
  pdf.Text(72, 100, "Helvetica", 11, "Der afs\u00e6ttes i alt 5,1 mio. kr. i 2020 og 2,5 mio. kr. i 2022 til arbejdet med");
  pdf.Text(72, 114, "Helvetica", 11, "at sikre f\u00e6llesskaber, og 7 mio. kr. i 2021.");
  Result<RawDocument> raw = ReadPdf(WriteTemp("evidence.pdf", pdf.Bytes()), {});
  ASSERT_TRUE(raw.ok());
  LaidDocument laid = LayoutDocument(*raw);
  ASSERT_EQ(laid.pages[0].blocks.size(), 1u);
  const Block& b = laid.pages[0].blocks[0];
  size_t at = b.text.find("7 mio. kr.");
  ASSERT_NE(at, std::string::npos);
  Evidence e = EvidenceOf(b, at, at + 10, "test.rule");
  EXPECT_EQ(e.text, "7 mio. kr.");
  EXPECT_EQ(e.page, 1);
  EXPECT_NEAR(e.bbox.y0, b.lines[1].box.y0, 0.01);
  EXPECT_NEAR(e.bbox.y1, b.lines[1].box.y1, 0.01);
  size_t first = b.text.find("5,1 mio. kr.");
  Evidence e1 = EvidenceOf(b, first, first + 12, "test.rule");
  EXPECT_NEAR(e1.bbox.y1, b.lines[0].box.y1, 0.01);
  // A range across the line break covers both lines.
  size_t across = b.text.find("med at");
  Evidence e2 = EvidenceOf(b, across, across + 6, "test.rule");
  EXPECT_NEAR(e2.bbox.y0, b.lines[0].box.y0, 0.01);
  EXPECT_NEAR(e2.bbox.y1, b.lines[1].box.y1, 0.01);
}

}  // namespace
}  // namespace extractor::testing
