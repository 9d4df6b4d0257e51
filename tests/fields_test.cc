// The fields stage on the corpus, end to end from the PDF, field by field
// against the truth files and the hand-written amount tables: precision and
// recall printed for each, exactness required.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corpus.h"
#include "mini_pdf.h"
#include "pipeline.h"

namespace extractor::testing {
namespace {

using Json = nlohmann::json;

// One field's values, compared as multisets of strings.
struct FieldScore {
  std::multiset<std::string> want, got;

  void Report(const std::string& doc, const std::string& field) const {
    std::multiset<std::string> left = want;
    size_t hits = 0;
    std::vector<std::string> extra;
    for (const std::string& g : got) {
      auto it = left.find(g);
      if (it == left.end()) {
        extra.push_back(g);
      } else {
        left.erase(it);
        ++hits;
      }
    }
    double precision = got.empty() ? 1.0 : static_cast<double>(hits) / static_cast<double>(got.size());
    double recall = want.empty() ? 1.0 : static_cast<double>(hits) / static_cast<double>(want.size());
    std::printf("[ figures  ] %s %-14s precision %.3f recall %.3f (%zu expected, %zu found)\n", doc.c_str(),
                field.c_str(), precision, recall, want.size(), got.size());
    for (size_t i = 0; i < extra.size() && i < 8; ++i) ADD_FAILURE() << field << " not expected: " << extra[i];
    size_t shown = 0;
    for (const std::string& m : left) {
      if (shown++ < 8) ADD_FAILURE() << field << " not found: " << m;
    }
  }
};

std::string Str(const Json& j) { return j.is_null() ? "null" : j.is_string() ? j.get<std::string>() : j.dump(); }

std::string StatusText(const std::optional<Status>& s) { return s ? StatusName(*s) : "null"; }

Record Extract(const std::string& name) {
  Result<Record> r = ExtractRecord((CorpusDir() / (name + ".pdf")).string(), {});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : Record{};
}

// An item as the truth file names it: number, or title when unnumbered.
std::string Key(const std::optional<std::string>& number, const std::string& title) {
  return number ? *number : "(" + title + ")";
}

// The follow-up's items against its truth file, field by field.
void ExpectFollowupTruth(const Record& r, const std::string& name) {
  Json truth = Json::parse(ReadFile(CorpusDir() / "budget-2017-opfoelgning-3.truth.json"));
  FieldScore items, kinds, committees, milestones, economy;
  // Repeated numbers ("3.03 del 1", "del 2") are told apart by their order.
  std::map<std::string, int> seen_want, seen_got;
  for (const Json& t : truth["items"]) {
    std::string k = Key(t["number"].is_null() ? std::nullopt : std::optional<std::string>(t["number"]),
                        t["title"]) + "#" + std::to_string(++seen_want[Str(t["number"]) + Str(t["title"])]);
    items.want.insert(k + " " + Str(t["title"]));
    kinds.want.insert(k + " " + Str(t["kind"]));
    for (const Json& c : t["committees"]) committees.want.insert(k + " " + Str(c["name"]) + " / " + Str(c["role"]));
    for (const Json& m : t["milestones"]) milestones.want.insert(k + " " + Str(m["due"]) + " = " + Str(m["status"]));
    economy.want.insert(k + " " + Str(t["economy_status"]));
  }
  for (const Item& it : r.items) {
    std::string k = Key(it.number, it.title) + "#" +
                    std::to_string(++seen_got[(it.number ? *it.number : "null") + it.title]);
    items.got.insert(k + " " + it.title);
    kinds.got.insert(k + " " + it.kind.value_or("null"));
    for (const Committee& c : it.committees) committees.got.insert(k + " " + c.name + " / " + c.role);
    for (const Milestone& m : it.milestones) milestones.got.insert(k + " " + m.due + " = " + StatusText(m.status));
    economy.got.insert(k + " " + (it.economy ? StatusText(it.economy->status) : "null"));
    // Every status points at where it is shown.
    for (const Milestone& m : it.milestones) {
      if (m.status) {
        EXPECT_TRUE(m.status_evidence.has_value()) << it.id << " " << m.due;
      }
    }
  }
  items.Report(name, "items");
  kinds.Report(name, "kind");
  committees.Report(name, "committees");
  milestones.Report(name, "milestones");
  economy.Report(name, "economy");
}

TEST(Fields, FollowupAgreesWithItsTruthFile) {
  const std::string name = "budget-2017-opfoelgning-3";
  Record r = Extract(name);
  ExpectFollowupTruth(r, name);
  ASSERT_TRUE(r.document.follows.has_value());
  EXPECT_EQ(*r.document.follows, "agreement-2017");
  // The legend: ☺ green, 😐 yellow, ☹ red for the milestones.
  std::set<std::string> legend;
  for (const LegendEntry& e : r.document.status_legend) legend.insert(e.scope + " " + e.symbol + " " + StatusText(e.status));
  EXPECT_TRUE(legend.count("milestone \u263A green"));
  EXPECT_TRUE(legend.count("milestone \U0001F610 yellow"));
  EXPECT_TRUE(legend.count("milestone \u2639 red"));
  EXPECT_TRUE(legend.count("economy \u2639 red"));
}

// The follow-up's seed drawn again by a web browser (another producer and
// font), its smileys as glyphs, pictures, vector shapes or traffic-light
// cells, as a table per item or as another municipality's table per
// chapter with a row per item (tests/variants/make_followup_variant.py):
// the same values come out.
struct FollowupVariant {
  const char* smileys;
  const char* layout;
};

class FollowupVariants : public ::testing::TestWithParam<FollowupVariant> {};

TEST_P(FollowupVariants, ReadTheSameValues) {
  const FollowupVariant& v = GetParam();
  std::filesystem::path seed = SourceDir().parent_path() / "shared" / "seeds" / "budget-2017-opfoelgning-3.txt";
  if (!std::filesystem::exists(seed)) GTEST_SKIP() << seed << " is absent";
  std::filesystem::path pdf = TestDir() / (std::string("followup-") + v.smileys + "-" + v.layout + ".pdf");
  std::string cmd = "/usr/bin/python3 '" + (SourceDir() / "tests/variants/make_followup_variant.py").string() +
                    "' '" + seed.string() + "' '" + pdf.string() + "' --smileys " + v.smileys + " --layout " + v.layout;
  int rc = std::system(cmd.c_str());
  if (WIFEXITED(rc) && WEXITSTATUS(rc) == 3) GTEST_SKIP() << "no Chromium installed (scripts/setup.sh installs it)";
  ASSERT_EQ(rc, 0) << cmd;
  Result<Record> r = ExtractRecord(pdf.string(), {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->document.kind, DocKind::kFollowup);
  EXPECT_EQ(r->document.budget_year.value_or(0), 2017);
  EXPECT_EQ(r->document.followup_number.value_or(0), 3);
  std::string name = std::string("variant ") + v.smileys + "/" + v.layout;
  if (std::string(v.layout) == "items") {
    ExpectFollowupTruth(*r, name);
    return;
  }
  // A row per item: its number, title, committee, and the status of this
  // (the third) follow-up.
  Json truth = Json::parse(ReadFile(CorpusDir() / "budget-2017-opfoelgning-3.truth.json"));
  FieldScore items, committees, status;
  std::map<std::string, int> seen_want, seen_got;
  for (const Json& t : truth["items"]) {
    std::string k = Str(t["number"]) + "#" + std::to_string(++seen_want[Str(t["number"]) + Str(t["title"])]);
    items.want.insert(k + " " + Str(t["title"]));
    for (const Json& c : t["committees"]) committees.want.insert(k + " " + Str(c["name"]));
    std::string now = "null";
    for (const Json& m : t["milestones"]) {
      if (Str(m["due"]).rfind("3.", 0) == 0) now = Str(m["status"]);
    }
    status.want.insert(k + " " + now);
  }
  for (const Item& it : r->items) {
    std::string k = it.number.value_or("null") + "#" + std::to_string(++seen_got[it.number.value_or("null") + it.title]);
    items.got.insert(k + " " + it.title);
    for (const Committee& c : it.committees) committees.got.insert(k + " " + c.name);
    status.got.insert(k + " " + (it.milestones.empty() ? "null" : StatusText(it.milestones[0].status)));
  }
  items.Report(name, "items");
  committees.Report(name, "committees");
  status.Report(name, "status");
}

INSTANTIATE_TEST_SUITE_P(Browser, FollowupVariants,
                         ::testing::Values(FollowupVariant{"glyph", "items"}, FollowupVariant{"picture", "items"},
                                           FollowupVariant{"shape", "items"}, FollowupVariant{"traffic", "items"},
                                           FollowupVariant{"traffic", "chapters"},
                                           FollowupVariant{"picture", "chapters"}),
                         [](const auto& info) {
                           return std::string(info.param.smileys) + "_" + info.param.layout;
                         });

TEST(Fields, NoteAgreesWithItsTruthFile) {
  const std::string name = "budget-2020-udskydelser-notat";
  Record r = Extract(name);
  Json truth = Json::parse(ReadFile(CorpusDir() / (name + ".truth.json")));
  FieldScore items, groups, remarks, links;
  for (const Json& t : truth["items"]) {
    std::string k = Str(t["number"]);
    items.want.insert(k + " " + Str(t["title"]));
    groups.want.insert(k + " " + Str(t["group"]));
    for (const Json& m : t.value("remarks", Json::array())) remarks.want.insert(k + " " + Str(m["by"]) + ": " + Str(m["text"]));
    links.want.insert(k + " agreement-2020:" + k);
  }
  for (const Item& it : r.items) {
    std::string k = it.number.value_or("null");
    items.got.insert(k + " " + it.title);
    groups.got.insert(k + " " + it.group.value_or("null"));
    for (const Remark& m : it.remarks) remarks.got.insert(k + " " + m.by + ": " + m.text);
    links.got.insert(k + " " + it.agreement_item.value_or("null"));
  }
  items.Report(name, "items");
  groups.Report(name, "groups");
  remarks.Report(name, "remarks");
  links.Report(name, "agreement item");
}

TEST(Fields, SummaryPointsAgreeWithTheTruthFile) {
  const std::string name = "introseminar-2018-opsamling";
  Record r = Extract(name);
  Json truth = Json::parse(ReadFile(CorpusDir() / (name + ".truth.json")));
  FieldScore points;
  for (const Json& t : truth["items"]) points.want.insert(Str(t["number"]) + " " + Str(t["title"]));
  for (const Item& it : r.items) points.got.insert(it.number.value_or("null") + " " + it.title);
  points.Report(name, "points");
}

// A follow-up table whose status column draws its smileys every way Word
// and other producers do: Unicode glyphs, Wingdings with and without a
// ToUnicode map (private-use code points), coloured pictures, vector
// shapes, a cell filled like a traffic light, a face whose colour alone
// tells yellow from red, and a cell with no smiley at all.
TEST(Fields, SmileysDrawnEveryWayReadAsTheirLevel) {
  MiniPdf pdf;
  pdf.ToUnicode("Faces", {{'A', 0x263A}, {'B', 0x1F610}, {'C', 0x2639}});
  pdf.ToUnicode("Wingdings-Regular", {{'J', 0xF04A}, {'K', 0xF04B}, {'L', 0xF04C}});
  pdf.Text(72, 60, "Helvetica-Bold", 20, "Tredje opf\u00f8lgning p\u00e5 Aftale om budget 2017");
  const double xs[] = {70, 150, 380, 480, 540};
  const double top = 100, header = 20, desc = 30, row = 22;
  struct Cell {
    const char* note;
    Status want;  // kGreen etc.; `none` below marks no status
    bool none;
  };
  const int kRows = 12;
  double bottom = top + header + desc + (kRows + 1) * row;
  for (double x : xs) pdf.Line(x, top, x, bottom);
  pdf.Line(70, top, 540, top);
  pdf.Line(70, top + header, 540, top + header);
  pdf.Line(70, top + header + desc, 540, top + header + desc);
  for (int r = 1; r <= kRows + 1; ++r) pdf.Line(70, top + header + desc + r * row, 540, top + header + desc + r * row);
  pdf.Text(73, top + 14, "Helvetica-Bold", 9, "3.01. Smileys");
  pdf.Text(153, top + 14, "Helvetica-Bold", 9, "Kort beskrivelse af indsatsen (drift)");
  pdf.Text(383, top + 14, "Helvetica-Bold", 9, "Tid");
  pdf.Text(483, top + 14, "Helvetica-Bold", 9, "Smiley");
  pdf.Text(73, top + header + 14, "Helvetica", 9, "Alle m\u00e5der at tegne en smiley.");
  pdf.Text(383, top + header + 14, "Helvetica-Bold", 9, "Ansvarligt udvalg:");
  pdf.Text(383, top + header + 25, "Helvetica", 9, "\u00d8konomiudvalget");
  std::vector<std::optional<Status>> want;
  auto milestone = [&](int i, const std::string& text) {
    double y = top + header + desc + i * row;
    pdf.Text(73, y + 14, "Helvetica-Bold", 9, "Milep\u00e6l");
    pdf.Text(153, y + 14, "Helvetica", 9, text);
    pdf.Text(383, y + 14, "Helvetica", 9, std::to_string(i + 1) + ".12.2017");
    return y;
  };
  const double sx = 503;  // where the status column's symbol stands
  double y = milestone(0, "Unicode glyf, sort");
  pdf.Text(sx, y + 15, "Faces", 14, "A");
  want.push_back(Status::kGreen);
  y = milestone(1, "Unicode glyf, sort");
  pdf.Text(sx, y + 15, "Faces", 14, "B");
  want.push_back(Status::kYellow);
  y = milestone(2, "Unicode glyf, sort");
  pdf.Text(sx, y + 15, "Faces", 14, "C");
  want.push_back(Status::kRed);
  y = milestone(3, "Wingdings uden ToUnicode");
  pdf.Text(sx, y + 15, "Wingdings", 14, "J");
  want.push_back(Status::kGreen);
  y = milestone(4, "Wingdings med ToUnicode, gul");
  pdf.Text(sx, y + 15, "Wingdings-Regular", 14, "K", "1 0.75 0");
  want.push_back(Status::kYellow);
  y = milestone(5, "Wingdings, r\u00f8d");
  pdf.Text(sx, y + 15, "Wingdings", 14, "L", "0.8 0 0");
  want.push_back(Status::kRed);
  y = milestone(6, "Billede, gr\u00f8nt");
  pdf.DiscPicture(sx, y + 4, 13, 16, 0, 176, 80);
  want.push_back(Status::kGreen);
  y = milestone(7, "Billede, gult");
  pdf.DiscPicture(sx, y + 4, 13, 16, 255, 192, 0);
  want.push_back(Status::kYellow);
  y = milestone(8, "Vektorform, r\u00f8d");
  pdf.Circle(sx + 6.5, y + 11, 6.5, "0.9 0.1 0.1");
  want.push_back(Status::kRed);
  y = milestone(9, "Trafiklys, gr\u00f8n celle");
  pdf.FilledRect(480.5, y + 0.5, 59, row - 1, "0 0.69 0.31");
  want.push_back(Status::kGreen);
  y = milestone(10, "Ingen smiley");
  want.push_back(std::nullopt);
  y = milestone(11, "Sur glyf i gult: farven afg\u00f8r");
  pdf.Text(sx, y + 15, "Faces", 14, "C", "1 0.75 0");
  want.push_back(Status::kYellow);
  y = top + header + desc + kRows * row;
  pdf.Text(73, y + 14, "Helvetica-Bold", 9, "\u00d8konomi");
  pdf.Text(153, y + 14, "Helvetica", 9, "Der afs\u00e6ttes 1,7 mio. kr. i 2017.");
  pdf.FilledRect(480.5, y + 0.5, 59, row - 1, "0.9 0 0");

  std::filesystem::path path = TestDir() / "smileys-every-way.pdf";
  std::ofstream(path, std::ios::binary) << pdf.Bytes();
  Result<Record> r = ExtractRecord(path.string(), {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->document.kind, DocKind::kFollowup);
  ASSERT_EQ(r->items.size(), 1u);
  const Item& it = r->items[0];
  EXPECT_EQ(it.kind.value_or(""), "drift");
  ASSERT_EQ(it.milestones.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(StatusText(it.milestones[i].status), StatusText(want[i])) << it.milestones[i].text;
    EXPECT_EQ(it.milestones[i].due_date.value_or(""), "2017-12-" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1));
    if (want[i]) {
      ASSERT_TRUE(it.milestones[i].status_evidence.has_value()) << it.milestones[i].text;
      // The evidence is in the status column.
      EXPECT_GE(it.milestones[i].status_evidence->bbox.x0, 479) << it.milestones[i].text;
    }
  }
  ASSERT_TRUE(it.economy.has_value());
  EXPECT_EQ(StatusText(it.economy->status), "red");
  ASSERT_EQ(it.economy->amounts.size(), 1u);
  EXPECT_EQ(it.economy->amounts[0].dkk, 1700000);
  ASSERT_EQ(it.committees.size(), 1u);
  EXPECT_EQ(it.committees[0].name, "\u00d8konomiudvalget");
}

// A table whose inner border is not drawn: the description and the
// "Ansvarligt center/udvalg" column share one ruled box. Read line by line
// across the box, a line of each column became one line; read by the gap
// between them, each column is its own cell.
TEST(Fields, ATableWithoutItsInnerBorderIsReadColumnByColumn) {
  MiniPdf pdf;
  pdf.Text(72, 60, "Helvetica-Bold", 20, "Tredje opf\u00f8lgning p\u00e5 Aftale om budget 2017");
  // Header row with all its borders; below it one box, outer borders only.
  for (double x : {70.0, 200.0, 420.0, 540.0}) pdf.Line(x, 100, x, 120);
  pdf.Line(70, 100, 540, 100);
  pdf.Line(70, 120, 540, 120);
  pdf.Line(70, 200, 540, 200);
  pdf.Line(70, 120, 70, 200);
  pdf.Line(540, 120, 540, 200);
  pdf.Text(73, 114, "Helvetica-Bold", 9, "3.07. Ny hjemmeside");
  pdf.Text(203, 114, "Helvetica-Bold", 9, "Kort beskrivelse af indsatsen (drift)");
  pdf.Text(423, 114, "Helvetica-Bold", 9, "Tid");
  const char* left[] = {"Kommunens hjemmeside skal fornyes, s\u00e5", "borgerne lettere finder de l\u00f8sninger,",
                        "de har brug for, og kan f\u00f8lge med i", "politikken."};
  const char* right[] = {"Ansvarligt center: Borgerservice", "Ansvarligt udvalg: Social- og",
                         "Sundhedsudvalget", ""};
  for (int i = 0; i < 4; ++i) {
    pdf.Text(73, 134 + 12 * i, "Helvetica", 9, left[i]);
    if (*right[i]) pdf.Text(345, 134 + 12 * i, i == 2 ? "Helvetica" : "Helvetica", 9, right[i]);
  }
  std::filesystem::path path = TestDir() / "no-inner-border.pdf";
  std::ofstream(path, std::ios::binary) << pdf.Bytes();
  Result<Record> r = ExtractRecord(path.string(), {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->items.size(), 1u);
  const Item& it = r->items[0];
  // Each column's lines read together, none mixed with the other's.
  EXPECT_NE(it.text.find("Kommunens hjemmeside skal fornyes, s\u00e5 borgerne lettere finder de l\u00f8sninger,"),
            std::string::npos)
      << it.text;
  EXPECT_NE(it.text.find("Ansvarligt center: Borgerservice Ansvarligt udvalg: Social- og Sundhedsudvalget"),
            std::string::npos)
      << it.text;
  EXPECT_EQ(it.text.find("s\u00e5 Ansvarligt"), std::string::npos) << it.text;
  ASSERT_EQ(it.committees.size(), 1u) << it.text;
  EXPECT_EQ(it.committees[0].name, "Social- og Sundhedsudvalget");
  ASSERT_TRUE(it.center.has_value());
  EXPECT_EQ(it.center->name, "Borgerservice");
  ASSERT_EQ(r->tables.size(), 1u);
  const TableRecord& t = r->tables[0];
  ASSERT_GE(t.rows.size(), 2u);
  // The description and the labels are two cells of the row.
  int filled = 0;
  for (const std::string& cell : t.rows[1]) filled += !cell.empty();
  EXPECT_EQ(filled, 2);
}

// The amounts and the committees with roles of both agreements: the truth
// files' committees (names the document misspells are mended, with a
// warning, and counted apart), and every amount of the hand-written tables
// in tests/expected/ with its phrase, kroner, years, recurrence and kind.
class AgreementFields : public ::testing::TestWithParam<std::string> {};

TEST_P(AgreementFields, AgreeWithTheTruthAndTheAmountTables) {
  const std::string name = GetParam();
  Record r = Extract(name);
  Json truth = Json::parse(ReadFile(CorpusDir() / (name + ".truth.json")));
  FieldScore committees, amounts;
  for (const Json& t : truth["items"]) {
    for (const Json& c : t.value("committees", Json::array())) {
      committees.want.insert(Str(t["number"]) + " " + Str(c["name"]) + " / " + Str(c["role"]));
    }
  }
  std::set<std::string> mended;
  for (const Diagnostic& w : r.warnings) {
    if (w.code == "fields.committee_corrected") mended.insert(w.message);
  }
  int corrected = 0;
  for (const Item& it : r.items) {
    for (const Committee& c : it.committees) {
      std::string row = it.number.value_or("null") + " " + c.name + " / " + c.role;
      bool warned = false;
      for (const std::string& m : mended) {
        warned = warned || (m.find("\"" + c.name + "\"") != std::string::npos &&
                            m.find("(item " + it.number.value_or("") + ")") != std::string::npos);
      }
      if (warned) {
        ++corrected;  // the truth file leaves misspelt names out
        continue;
      }
      committees.got.insert(row);
    }
    for (const Amount& a : it.amounts) {
      std::ostringstream o;
      o << it.number.value_or("null") << '\t' << a.text << '\t' << a.dkk << '\t';
      for (size_t i = 0; i < a.years.size(); ++i) o << (i ? "," : "") << a.years[i];
      o << '\t' << a.recurring << '\t' << a.unit << '\t' << a.kind << '\t'
        << (a.from_year ? std::to_string(*a.from_year) : "") << '\t' << a.onward << '\t' << a.per;
      amounts.got.insert(o.str());
    }
  }
  std::istringstream tsv(ReadFile(SourceDir() / "tests" / "expected" / ("amounts-" + name + ".tsv")));
  for (std::string line; std::getline(tsv, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '#') amounts.want.insert(line);
  }
  ASSERT_FALSE(amounts.want.empty());
  committees.Report(name, "committees");
  std::printf("[ figures  ] %s %-14s %d misspelt names mended, each with a warning\n", name.c_str(), "committees",
              corrected);
  amounts.Report(name, "amounts");
  for (const Item& it : r.items) {
    for (const Amount& a : it.amounts) {
      EXPECT_EQ(a.evidence.text, a.text) << it.id;
      EXPECT_GE(a.page, it.page) << it.id;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, AgreementFields,
                         ::testing::Values("budget-2020-aftale", "budget-2019-aftale"),
                         [](const auto& info) { return CaseTestName(info.param); });

}  // namespace
}  // namespace extractor::testing
