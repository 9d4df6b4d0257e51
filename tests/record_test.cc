// The record contract: JSON and XML carry the same content, the validators
// reject what the schemas forbid, and the corpus records agree with the
// truth files the corpus was drawn with.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "classify.h"
#include "load.h"
#include "rules.h"
#include "corpus.h"
#include "emit.h"
#include "pipeline.h"
#include "validate.h"

#include <unistd.h>

namespace extractor::testing {
namespace {

using Json = nlohmann::ordered_json;

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  return CaseTestName(info.param);
}

std::string Scalar(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

// Walks the JSON value and the XML element side by side and reports every
// value that is not in the XML as the mapping in emit.h says it must be.
void ExpectSameObject(const Json& obj, pugi::xml_node node, const std::string& path,
                      int* compared) {
  for (const auto& [k, v] : obj.items()) {
    std::string p = path + "/" + k;
    if (v.is_null()) {
      EXPECT_TRUE(node.attribute(k.c_str()).empty()) << p << " is null but present in XML";
      EXPECT_TRUE(node.child(k.c_str()).empty()) << p << " is null but present in XML";
      continue;
    }
    if (k == "bbox") {
      std::string joined;
      for (const Json& n : v) joined += (joined.empty() ? "" : " ") + Scalar(n);
      EXPECT_EQ(joined, node.attribute("bbox").value()) << p;
      ++*compared;
    } else if (v.is_object()) {
      pugi::xml_node child = node.child(k.c_str());
      ASSERT_FALSE(child.empty()) << p << " missing in XML";
      ExpectSameObject(v, child, p, compared);
    } else if (v.is_array()) {
      pugi::xml_node wrapper = node.child(k.c_str());
      ASSERT_FALSE(wrapper.empty()) << p << " missing in XML";
      std::vector<pugi::xml_node> entries;
      for (pugi::xml_node e : wrapper.children(XmlEntryName(k))) entries.push_back(e);
      ASSERT_EQ(entries.size(), v.size()) << p;
      for (size_t i = 0; i < v.size(); ++i) {
        std::string pi = p + "/" + std::to_string(i);
        if (v[i].is_object()) {
          ExpectSameObject(v[i], entries[i], pi, compared);
        } else if (v[i].is_array()) {  // rows of cells
          std::vector<pugi::xml_node> cells;
          for (pugi::xml_node c : entries[i].children("cell")) cells.push_back(c);
          ASSERT_EQ(cells.size(), v[i].size()) << pi;
          for (size_t j = 0; j < cells.size(); ++j) {
            EXPECT_EQ(Scalar(v[i][j]), cells[j].text().get()) << pi << "/" << j;
            ++*compared;
          }
        } else {
          EXPECT_EQ(Scalar(v[i]), entries[i].text().get()) << pi;
          ++*compared;
        }
      }
    } else if (XmlIsProse(k)) {
      EXPECT_EQ(Scalar(v), node.child(k.c_str()).text().get()) << p;
      ++*compared;
    } else {
      ASSERT_FALSE(node.attribute(k.c_str()).empty()) << p << " missing in XML";
      EXPECT_EQ(Scalar(v), node.attribute(k.c_str()).value()) << p;
      ++*compared;
    }
  }
}

class CorpusRecord : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    Result<Record> r = ExtractRecord((CorpusDir() / (GetParam() + ".pdf")).string(), {});
    ASSERT_TRUE(r.ok()) << r.error().message;
    record_ = *r;
    json_ = EmitJson(record_);
    xml_ = EmitXml(record_);
  }
  Record record_;
  std::string json_, xml_;
};

TEST_P(CorpusRecord, ValidatesAgainstBothSchemas) {
  auto je = ValidateJson(json_);
  EXPECT_FALSE(je.has_value()) << *je;
  auto xe = ValidateXml(xml_);
  EXPECT_FALSE(xe.has_value()) << *xe;
}

TEST_P(CorpusRecord, JsonAndXmlCarryTheSameContent) {
  Json j = Json::parse(json_);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml_.c_str()));
  int compared = 0;
  ExpectSameObject(j, doc.child("aftale"), "", &compared);
  EXPECT_GT(compared, 100);
  std::printf("[ figures  ] %s: %d values compared between JSON and XML\n", GetParam().c_str(),
              compared);
}

TEST_P(CorpusRecord, DeterministicAndIndependentOfTheFileName) {
  // Same bytes under another name and place: the same record but for the name.
  std::filesystem::path copy = TestDir() / ("renamed-" + GetParam() + ".pdf");
  std::filesystem::copy_file(CorpusDir() / (GetParam() + ".pdf"), copy,
                             std::filesystem::copy_options::overwrite_existing);
  Result<Record> again = ExtractRecord(copy.string(), {});
  ASSERT_TRUE(again.ok());
  again->source.file = record_.source.file;
  EXPECT_TRUE(*again == record_);
  EXPECT_EQ(EmitJson(*again), json_);
}

// The truth files were written by the program that drew the PDFs.
TEST_P(CorpusRecord, AgreesWithTheTruthFile) {
  Json truth = Json::parse(ReadFile(CorpusDir() / (GetParam() + ".truth.json")));
  const Json& td = truth["document"];
  EXPECT_EQ(DocKindName(record_.document.kind), td["kind"].get<std::string>());
  ASSERT_TRUE(record_.document.title.has_value());
  EXPECT_EQ(*record_.document.title, td["title"].get<std::string>());
  if (td.contains("case_id")) {
    EXPECT_EQ(record_.document.case_id.value_or(""), td["case_id"]);
  }
  if (td.contains("date")) {
    // "27. oktober 2017" as printed; the record has ISO dates.
    std::string printed = td["date"];
    std::string day = printed.substr(0, printed.find('.'));
    size_t sp = printed.rfind(' ');
    std::string month = printed.substr(printed.find(' ', printed.find('.')) + 1,
                                       sp - printed.find(' ', printed.find('.')) - 1);
    EXPECT_EQ(record_.document.date.value_or(""),
              IsoDate(day, month, printed.substr(sp + 1)).value_or("?"));
  }
  if (td.contains("municipality")) {
    EXPECT_EQ(record_.document.municipality.value_or(""), td["municipality"]);
  }
  EXPECT_EQ(record_.document.budget_year.value_or(record_.document.year.value_or(0)),
            td["year"].get<int>());

  std::vector<std::pair<std::string, std::string>> want_ch, got_ch;
  for (const Json& c : truth.value("chapters", Json::array())) want_ch.emplace_back(c["number"], c["title"]);
  for (const Chapter& c : record_.chapters) got_ch.emplace_back(c.number, c.title);
  EXPECT_EQ(got_ch, want_ch);

  const Json& items = truth["items"];
  ASSERT_EQ(record_.items.size(), items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const Json& t = items[i];
    const Item& it = record_.items[i];
    std::string want_number = t["number"].is_null() ? "(none)" : t["number"].get<std::string>();
    EXPECT_EQ(it.number.value_or("(none)"), want_number) << "item " << i;
    EXPECT_EQ(it.title, t["title"].get<std::string>()) << "item " << i;
    std::string want_chapter = t.value("chapter", Json()).is_null() ? "(none)" : t["chapter"].get<std::string>();
    EXPECT_EQ(it.chapter.value_or("(none)"), want_chapter) << "item " << i;
  }
}

TEST_P(CorpusRecord, ItemIdsAreUniqueAndCarryTheDocumentKey) {
  std::set<std::string> ids;
  for (const Item& it : record_.items) {
    EXPECT_TRUE(ids.insert(it.id).second) << "duplicate id " << it.id;
    EXPECT_EQ(it.id.rfind(record_.document.key + ":", 0), 0u) << it.id;
    EXPECT_GT(it.evidence.page, 0);
    EXPECT_FALSE(it.evidence.text.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusRecord, ::testing::ValuesIn(CorpusCases()), CaseName);

// ---- the schemas must be able to fail ----

Record SampleRecord() {
  Record r;
  r.source = {"a.pdf", std::string(64, 'a'), 2, "Writer", "LibreOffice"};
  r.document.kind = DocKind::kFollowup;
  r.document.key = "followup-2017-3";
  r.document.title = "Tredje opfølgning på Aftale om budget 2017";
  r.document.budget_year = 2017;
  r.document.date = "2017-10-27";
  Evidence e{1, {70, 60, 180, 84}, "3.02. Specialundervisning", "segment.item"};
  Item it;
  it.id = "followup-2017-3:3.02";
  it.number = "3.02";
  it.title = "Specialundervisning";
  it.chapter = "3";
  it.page = 1;
  it.text = "Der sættes 7,8 mio. kr. af i 2017.";
  it.evidence = e;
  it.committees.push_back({"Børne- og Skoleudvalget", "ansvarligt udvalg", e});
  Amount a;
  a.text = "7,8 mio. kr.";
  a.dkk = 7800000;
  a.years = {2017};
  a.page = 1;
  a.unit = "mio. kr.";
  a.evidence = e;
  it.amounts.push_back(a);
  it.milestones.push_back({"1. budgetopfølgning 2017", "Afrapporteres.", Status::kGreen, e, std::nullopt, e});
  it.milestones.push_back({"31.12.2017", "Løbende.", std::nullopt, e, "2017-12-31", std::nullopt});
  it.economy = Economy{"Der afsættes 7,8 mio. kr.", Status::kRed, e, {a}, e};
  it.kind = "drift";
  it.center = Named{"Skoler, Institutioner og Kultur", e};
  it.contributors.push_back(Named{"Børne- og Ungerådgivning", e});
  it.agreement_item = "agreement-2017:3.02";
  r.document.follows = "agreement-2017";
  r.document.status_legend.push_back({"\u263A", Status::kGreen, "Milepæl er opfyldt", "milestone", e});
  it.remarks.push_back({"administration", "Udskydes.", e});
  r.items.push_back(it);
  r.pages.push_back({1, 595.3, 841.9, "Side 1 af 2", {}, {"Side 1 af 2"}});
  r.warnings.push_back({"pdf.syntax", "bad xref", 0});
  return r;
}

TEST(Schemas, SampleRecordIsValid) {
  Record r = SampleRecord();
  auto je = ValidateJson(EmitJson(r));
  EXPECT_FALSE(je.has_value()) << *je;
  auto xe = ValidateXml(EmitXml(r));
  EXPECT_FALSE(xe.has_value()) << *xe;
}

// Every field the emitter writes, the loader reads back: a record with all
// of them filled survives the round trip as the same value.
TEST(Schemas, SampleRecordLoadsBackAsTheSameValue) {
  Record r = SampleRecord();
  Result<Record> back = LoadRecordJson(EmitJson(r));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(*back == r);
  EXPECT_EQ(EmitXml(*back), EmitXml(r));
}

struct Breakage {
  const char* what;
  void (*json)(Json&);
  void (*xml)(pugi::xml_document&);
};

const Breakage kBreakages[] = {
    {"missing kind", [](Json& j) { j["document"].erase("kind"); },
     [](pugi::xml_document& d) { d.child("aftale").child("document").remove_attribute("kind"); }},
    {"unknown kind", [](Json& j) { j["document"]["kind"] = "treaty"; },
     [](pugi::xml_document& d) { d.child("aftale").child("document").attribute("kind") = "treaty"; }},
    {"item number with trailing dot",
     [](Json& j) { j["items"][0]["number"] = "3.02."; },
     [](pugi::xml_document& d) {
       d.child("aftale").child("items").child("item").attribute("number") = "3.02.";
     }},
    {"status not a smiley level",
     [](Json& j) { j["items"][0]["milestones"][0]["status"] = "blue"; },
     [](pugi::xml_document& d) {
       d.child("aftale").child("items").child("item").child("milestones").child("milestone").attribute(
           "status") = "blue";
     }},
    {"money as a fraction", [](Json& j) { j["items"][0]["amounts"][0]["dkk"] = 7800000.5; },
     [](pugi::xml_document& d) {
       d.child("aftale").child("items").child("item").child("amounts").child("amount").attribute("dkk") =
           "7800000.5";
     }},
    {"remark by nobody", [](Json& j) { j["items"][0]["remarks"][0]["by"] = "mayor"; },
     [](pugi::xml_document& d) {
       d.child("aftale").child("items").child("item").child("remarks").child("remark").attribute("by") =
           "mayor";
     }},
    {"bad id", [](Json& j) { j["items"][0]["id"] = "3.02"; },
     [](pugi::xml_document& d) { d.child("aftale").child("items").child("item").attribute("id") = "3.02"; }},
    {"short sha256", [](Json& j) { j["source"]["sha256"] = "abc"; },
     [](pugi::xml_document& d) { d.child("aftale").child("source").attribute("sha256") = "abc"; }},
    {"missing items", [](Json& j) { j.erase("items"); },
     [](pugi::xml_document& d) { d.child("aftale").remove_child("items"); }},
};

TEST(Schemas, RejectBrokenRecords) {
  Record r = SampleRecord();
  for (const Breakage& b : kBreakages) {
    Json j = Json::parse(EmitJson(r));
    b.json(j);
    auto je = ValidateJson(j.dump());
    EXPECT_TRUE(je.has_value()) << "JSON schema accepted: " << b.what;
    pugi::xml_document d;
    ASSERT_TRUE(d.load_string(EmitXml(r).c_str()));
    b.xml(d);
    std::ostringstream out;
    d.save(out);
    auto xe = ValidateXml(out.str());
    EXPECT_TRUE(xe.has_value()) << "XSD accepted: " << b.what;
  }
}

TEST(Schemas, ErrorsNameThePath) {
  Json j = Json::parse(EmitJson(SampleRecord()));
  j["items"][0]["number"] = "3.02.";
  auto err = ValidateJson(j.dump());
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->find("[items]"), std::string::npos) << *err;
}

}  // namespace
}  // namespace extractor::testing
