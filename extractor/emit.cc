#include "emit.h"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace extractor {
namespace {

using Json = nlohmann::ordered_json;

// Coordinates to a tenth of a point: enough to find the text, and stable.
double Round1(double v) { return std::round(v * 10.0) / 10.0; }

Json BoxJson(const BBox& b) {
  return Json::array({Round1(b.x0), Round1(b.y0), Round1(b.x1), Round1(b.y1)});
}

template <typename T>
Json Opt(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json EvidenceJson(const Evidence& e);

Json OptEvidence(const std::optional<Evidence>& e) { return e ? EvidenceJson(*e) : Json(nullptr); }

Json StatusJson(const std::optional<Status>& s) {
  return s ? Json(StatusName(*s)) : Json(nullptr);
}

Json PageBoxJson(const PageBox& b) { return {{"page", b.page}, {"bbox", BoxJson(b.box)}}; }

Json PageBoxesJson(const std::vector<PageBox>& boxes) {
  Json j = Json::array();
  for (const PageBox& b : boxes) j.push_back(PageBoxJson(b));
  return j;
}

Json SpansJson(const std::vector<Span>& spans) {
  Json j = Json::array();
  for (const Span& s : spans) {
    Json sj;
    sj["page"] = s.page;
    sj["bbox"] = BoxJson(s.bbox);
    sj["cell"] = s.cell ? Json{{"table", s.cell->table}, {"row", s.cell->row}, {"col", s.cell->col}}
                        : Json(nullptr);
    sj["continued"] = PageBoxesJson(s.continued);
    sj["start"] = s.start;
    sj["end"] = s.end;
    j.push_back(sj);
  }
  return j;
}

Json NamedJson(const Named& n);
Json AmountsJson(const std::vector<Amount>& amounts);

Json EvidenceJson(const Evidence& e) {
  Json j;
  j["page"] = e.page;
  j["bbox"] = BoxJson(e.bbox);
  j["rule"] = e.rule;
  j["text"] = e.text;
  return j;
}

Json NamedJson(const Named& n) { return {{"name", n.name}, {"evidence", EvidenceJson(n.evidence)}}; }

Json AmountsJson(const std::vector<Amount>& amounts) {
  Json out = Json::array();
  for (const Amount& a : amounts) {
    Json aj;
    aj["text"] = a.text;
    aj["dkk"] = a.dkk;
    aj["years"] = a.years;
    aj["recurring"] = a.recurring;
    aj["page"] = a.page;
    aj["unit"] = a.unit;
    aj["evidence"] = EvidenceJson(a.evidence);
    aj["kind"] = a.kind;
    aj["from_year"] = Opt(a.from_year);
    aj["onward"] = a.onward;
    aj["per"] = a.per;
    out.push_back(aj);
  }
  return out;
}

Json ItemJson(const Item& it) {
  Json j;
  j["id"] = it.id;
  j["number"] = Opt(it.number);
  j["title"] = it.title;
  j["chapter"] = Opt(it.chapter);
  j["page"] = it.page;
  j["text"] = it.text;
  Json committees = Json::array();
  for (const Committee& c : it.committees) {
    committees.push_back({{"name", c.name}, {"role", c.role}, {"evidence", EvidenceJson(c.evidence)}});
  }
  j["committees"] = committees;
  j["amounts"] = AmountsJson(it.amounts);
  Json milestones = Json::array();
  for (const Milestone& m : it.milestones) {
    milestones.push_back({{"due", m.due},
                          {"text", m.text},
                          {"status", StatusJson(m.status)},
                          {"evidence", EvidenceJson(m.evidence)},
                          {"due_date", Opt(m.due_date)},
                          {"status_evidence", OptEvidence(m.status_evidence)}});
  }
  j["milestones"] = milestones;
  if (it.economy) {
    j["economy"] = {{"text", it.economy->text},
                    {"status", StatusJson(it.economy->status)},
                    {"evidence", EvidenceJson(it.economy->evidence)},
                    {"amounts", AmountsJson(it.economy->amounts)},
                    {"status_evidence", OptEvidence(it.economy->status_evidence)}};
  } else {
    j["economy"] = nullptr;
  }
  Json remarks = Json::array();
  for (const Remark& r : it.remarks) {
    remarks.push_back({{"by", r.by}, {"text", r.text}, {"evidence", EvidenceJson(r.evidence)}});
  }
  j["remarks"] = remarks;
  j["evidence"] = EvidenceJson(it.evidence);
  j["spans"] = SpansJson(it.spans);
  j["kind"] = Opt(it.kind);
  j["center"] = it.center ? NamedJson(*it.center) : Json(nullptr);
  Json contributors = Json::array();
  for (const Named& n : it.contributors) contributors.push_back(NamedJson(n));
  j["contributors"] = contributors;
  j["group"] = Opt(it.group);
  j["agreement_item"] = Opt(it.agreement_item);
  return j;
}

Json SectionJson(const Section& s) {
  Json j;
  j["id"] = s.id;
  j["title"] = s.title;
  j["chapter"] = Opt(s.chapter);
  j["page"] = s.page;
  j["text"] = s.text;
  j["evidence"] = OptEvidence(s.evidence);
  j["spans"] = SpansJson(s.spans);
  return j;
}

Json TableJson(const TableRecord& t) {
  Json j;
  j["page"] = t.page;
  j["bbox"] = BoxJson(t.bbox);
  j["rows"] = t.rows;
  j["item"] = Opt(t.item);
  j["header_rows"] = t.header_rows;
  Json columns = Json::array();
  for (double x : t.columns) columns.push_back(Round1(x));
  j["columns"] = columns;
  j["continued"] = PageBoxesJson(t.continued);
  Json cells = Json::array();
  for (const TableCellRecord& c : t.cells) {
    Json cj;
    cj["row"] = c.row;
    cj["col"] = c.col;
    cj["col_span"] = c.col_span;
    cj["page"] = c.page;
    cj["bbox"] = BoxJson(c.bbox);
    cj["continued"] = PageBoxesJson(c.continued);
    cells.push_back(cj);
  }
  j["cells"] = cells;
  return j;
}

Json RecordJson(const Record& r) {
  Json j;
  j["schema_version"] = r.schema_version;
  j["source"] = {{"file", r.source.file},
                 {"sha256", r.source.sha256},
                 {"pages", r.source.pages},
                 {"producer", r.source.producer},
                 {"creator", r.source.creator}};
  const DocumentMeta& d = r.document;
  Json doc;
  doc["kind"] = DocKindName(d.kind);
  doc["key"] = d.key;
  doc["title"] = Opt(d.title);
  doc["budget_year"] = Opt(d.budget_year);
  doc["year"] = Opt(d.year);
  doc["date"] = Opt(d.date);
  doc["case_id"] = Opt(d.case_id);
  doc["followup_number"] = Opt(d.followup_number);
  doc["municipality"] = Opt(d.municipality);
  doc["evidence"] = OptEvidence(d.evidence);
  doc["field_evidence"] = {{"title", OptEvidence(d.title_evidence)},
                           {"budget_year", OptEvidence(d.budget_year_evidence)},
                           {"date", OptEvidence(d.date_evidence)},
                           {"case_id", OptEvidence(d.case_id_evidence)},
                           {"municipality", OptEvidence(d.municipality_evidence)}};
  doc["follows"] = Opt(d.follows);
  Json legend = Json::array();
  for (const LegendEntry& l : d.status_legend) {
    legend.push_back({{"symbol", l.symbol},
                      {"status", StatusJson(l.status)},
                      {"scope", l.scope},
                      {"text", l.text},
                      {"evidence", EvidenceJson(l.evidence)}});
  }
  doc["status_legend"] = legend;
  j["document"] = doc;
  Json chapters = Json::array();
  for (const Chapter& c : r.chapters) {
    chapters.push_back({{"number", c.number},
                        {"title", c.title},
                        {"page", c.page},
                        {"evidence", EvidenceJson(c.evidence)}});
  }
  j["chapters"] = chapters;
  Json items = Json::array();
  for (const Item& it : r.items) items.push_back(ItemJson(it));
  j["items"] = items;
  Json sections = Json::array();
  for (const Section& s : r.sections) sections.push_back(SectionJson(s));
  j["sections"] = sections;
  Json tables = Json::array();
  for (const TableRecord& t : r.tables) tables.push_back(TableJson(t));
  j["tables"] = tables;
  Json pages = Json::array();
  for (const PageMeta& p : r.pages) {
    pages.push_back({{"number", p.number},
                     {"width", Round1(p.width)},
                     {"height", Round1(p.height)},
                     {"label", Opt(p.label)},
                     {"header", p.header},
                     {"footer", p.footer}});
  }
  j["pages"] = pages;
  Json warnings = Json::array();
  for (const Diagnostic& w : r.warnings) {
    warnings.push_back({{"code", w.code}, {"message", w.message}, {"page", w.page}});
  }
  j["warnings"] = warnings;
  return j;
}

std::string ScalarText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
  if (v.is_number_float()) return v.dump();
  return "";
}

void AddValue(pugi::xml_node parent, const std::string& key, const Json& v);

void FillObject(pugi::xml_node node, const Json& obj) {
  // Attributes first, then child elements, each in member order.
  for (const auto& [k, v] : obj.items()) {
    if (v.is_null() || v.is_object() || (v.is_array() && k != "bbox")) continue;
    if (XmlIsProse(k)) continue;
    if (k == "bbox") {
      std::string s;
      for (const Json& n : v) s += (s.empty() ? "" : " ") + ScalarText(n);
      node.append_attribute(k.c_str()).set_value(s.c_str());
    } else {
      node.append_attribute(k.c_str()).set_value(ScalarText(v).c_str());
    }
  }
  for (const auto& [k, v] : obj.items()) {
    if (v.is_null() || k == "bbox") continue;
    if (v.is_object() || v.is_array() || XmlIsProse(k)) AddValue(node, k, v);
  }
}

void AddEntries(pugi::xml_node wrapper, const std::string& key, const Json& arr) {
  const char* entry = XmlEntryName(key);
  for (const Json& e : arr) {
    pugi::xml_node n = wrapper.append_child(entry);
    if (e.is_object()) {
      FillObject(n, e);
    } else if (e.is_array()) {
      AddEntries(n, entry, e);  // rows: row/cell
    } else {
      n.text().set(ScalarText(e).c_str());
    }
  }
}

void AddValue(pugi::xml_node parent, const std::string& key, const Json& v) {
  pugi::xml_node n = parent.append_child(key.c_str());
  if (v.is_object()) FillObject(n, v);
  else if (v.is_array()) AddEntries(n, key, v);
  else n.text().set(ScalarText(v).c_str());
}

template <typename T>
Json OptNumber(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// Seconds to the millisecond: enough to see what was slow.
Json Seconds(const std::optional<double>& s) {
  return s ? Json(std::round(*s * 1000.0) / 1000.0) : Json(nullptr);
}

Json SummaryEntryJson(const SummaryEntry& e) {
  Json j;
  j["input"] = e.input;
  j["path"] = e.path;
  j["status"] = OutcomeName(e.status);
  j["exit_code"] = OptNumber(e.exit_code);
  j["message"] = Opt(e.message);
  j["sha256"] = Opt(e.sha256);
  j["outputs"] = e.outputs;
  j["removed"] = e.removed;
  j["kind"] = Opt(e.kind);
  j["pages"] = OptNumber(e.pages);
  j["items"] = OptNumber(e.items);
  j["warnings"] = OptNumber(e.warnings);
  j["seconds"] = Seconds(e.seconds);
  return j;
}

}  // namespace

const char* XmlEntryName(const std::string& key) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"chapters", "chapter"}, {"items", "item"},       {"committees", "committee"},
      {"amounts", "amount"},   {"milestones", "milestone"}, {"remarks", "remark"},
      {"tables", "table"},     {"rows", "row"},         {"row", "cell"},
      {"pages", "page"},       {"warnings", "warning"}, {"years", "year"},
      {"header", "line"},      {"footer", "line"},      {"spans", "span"},
      {"continued", "box"},    {"sections", "section"}, {"columns", "x"},
      {"cells", "cell"},       {"contributors", "contributor"}, {"status_legend", "entry"}};
  for (const auto& [k, v] : kNames) {
    if (key == k) return v;
  }
  return "entry";
}

bool XmlIsProse(const std::string& key) {
  return key == "title" || key == "text" || key == "message";
}

namespace {

// nlohmann's layout, except that an array of numbers (a bbox, a list of
// years or column positions) stays on one line: a record is read by people
// too, and a box over six lines is hard to read.
void Dump(const Json& v, int indent, std::string& out) {
  auto scalar = [](const Json& x) { return x.dump(-1, ' ', false, Json::error_handler_t::replace); };
  if (v.is_object()) {
    if (v.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& [k, x] : v.items()) {
      if (!first) out += ",\n";
      first = false;
      out.append(static_cast<size_t>(indent + 2), ' ');
      out += Json(k).dump(-1, ' ', false, Json::error_handler_t::replace);
      out += ": ";
      Dump(x, indent + 2, out);
    }
    out += "\n";
    out.append(static_cast<size_t>(indent), ' ');
    out += "}";
  } else if (v.is_array()) {
    if (v.empty()) {
      out += "[]";
      return;
    }
    bool numbers = true;
    for (const Json& x : v) numbers = numbers && x.is_number();
    if (numbers) {
      out += "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + scalar(v[i]);
      out += "]";
      return;
    }
    out += "[\n";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ",\n";
      out.append(static_cast<size_t>(indent + 2), ' ');
      Dump(v[i], indent + 2, out);
    }
    out += "\n";
    out.append(static_cast<size_t>(indent), ' ');
    out += "]";
  } else {
    out += scalar(v);
  }
}

}  // namespace

std::string EmitJson(const Record& record) {
  std::string out;
  Dump(RecordJson(record), 0, out);
  out += "\n";
  return out;
}

std::string EmitSummaryJson(const BatchSummary& s) {
  Json j;
  j["summary_version"] = s.summary_version;
  j["tool"] = "aftale";
  j["version"] = s.version;
  j["build"] = s.build;
  j["state"] = RunStateName(s.state);
  j["format"] = s.format;
  j["started"] = s.started;
  j["finished"] = Opt(s.finished);
  j["seconds"] = Seconds(s.seconds);
  j["inputs"] = s.files.size();
  Json counts = Json::object();
  for (const auto& [outcome, n] : s.counts) counts[OutcomeName(outcome)] = n;
  j["counts"] = counts;
  Json files = Json::array();
  for (const SummaryEntry& e : s.files) files.push_back(SummaryEntryJson(e));
  j["files"] = files;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string EmitXml(const Record& record) {
  Json j = RecordJson(record);
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("aftale");
  root.append_attribute("xmlns").set_value("urn:aftale:record:1");
  FillObject(root, j);
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace extractor
