// The fields stage on the corpus, end to end from the PDF, field by field
// against the truth files and the hand-written amount tables: precision and
// recall printed for each, exactness required.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corpus.h"
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

TEST(Fields, FollowupAgreesWithItsTruthFile) {
  const std::string name = "budget-2017-opfoelgning-3";
  Record r = Extract(name);
  Json truth = Json::parse(ReadFile(CorpusDir() / (name + ".truth.json")));
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
