#include "load.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "validate.h"

namespace extractor {
namespace {

using Json = nlohmann::ordered_json;

BBox BoxOf(const Json& j) {
  return BBox{j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<double>(), j.at(3).get<double>()};
}

template <typename T>
std::optional<T> Opt(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<T>();
}

std::optional<Status> StatusOf(const Json& j) {
  if (j.is_null()) return std::nullopt;
  const std::string s = j.get<std::string>();
  for (Status st : {Status::kGreen, Status::kYellow, Status::kRed}) {
    if (s == StatusName(st)) return st;
  }
  return std::nullopt;
}

Evidence EvidenceOf(const Json& j) {
  return Evidence{j.at("page").get<int>(), BoxOf(j.at("bbox")), j.at("text").get<std::string>(),
                  j.at("rule").get<std::string>()};
}

std::optional<Evidence> OptEvidence(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return EvidenceOf(j);
}

std::vector<PageBox> PageBoxes(const Json& j) {
  std::vector<PageBox> out;
  for (const Json& b : j) out.push_back(PageBox{b.at("page").get<int>(), BoxOf(b.at("bbox"))});
  return out;
}

std::vector<Span> Spans(const Json& j) {
  std::vector<Span> out;
  for (const Json& s : j) {
    Span span;
    span.page = s.at("page").get<int>();
    span.bbox = BoxOf(s.at("bbox"));
    span.start = s.at("start").get<size_t>();
    span.end = s.at("end").get<size_t>();
    if (const Json& c = s.at("cell"); !c.is_null()) {
      span.cell = CellRef{c.at("table").get<int>(), c.at("row").get<int>(), c.at("col").get<int>()};
    }
    span.continued = PageBoxes(s.at("continued"));
    out.push_back(std::move(span));
  }
  return out;
}

Named NamedOf(const Json& j) { return Named{j.at("name").get<std::string>(), EvidenceOf(j.at("evidence"))}; }

std::vector<Amount> Amounts(const Json& j) {
  std::vector<Amount> out;
  for (const Json& a : j) {
    Amount am;
    am.text = a.at("text").get<std::string>();
    am.dkk = a.at("dkk").get<std::int64_t>();
    am.years = a.at("years").get<std::vector<int>>();
    am.recurring = a.at("recurring").get<bool>();
    am.page = a.at("page").get<int>();
    am.unit = a.at("unit").get<std::string>();
    am.evidence = EvidenceOf(a.at("evidence"));
    am.kind = a.at("kind").get<std::string>();
    am.from_year = Opt<int>(a.at("from_year"));
    am.onward = a.at("onward").get<bool>();
    am.per = a.at("per").get<std::string>();
    out.push_back(std::move(am));
  }
  return out;
}

Item ItemOf(const Json& j) {
  Item it;
  it.id = j.at("id").get<std::string>();
  it.number = Opt<std::string>(j.at("number"));
  it.title = j.at("title").get<std::string>();
  it.chapter = Opt<std::string>(j.at("chapter"));
  it.page = j.at("page").get<int>();
  it.text = j.at("text").get<std::string>();
  for (const Json& c : j.at("committees")) {
    it.committees.push_back(Committee{c.at("name").get<std::string>(), c.at("role").get<std::string>(),
                                      EvidenceOf(c.at("evidence"))});
  }
  it.amounts = Amounts(j.at("amounts"));
  for (const Json& m : j.at("milestones")) {
    it.milestones.push_back(Milestone{m.at("due").get<std::string>(), m.at("text").get<std::string>(),
                                      StatusOf(m.at("status")), EvidenceOf(m.at("evidence")),
                                      Opt<std::string>(m.at("due_date")), OptEvidence(m.at("status_evidence"))});
  }
  if (const Json& e = j.at("economy"); !e.is_null()) {
    it.economy = Economy{e.at("text").get<std::string>(), StatusOf(e.at("status")), EvidenceOf(e.at("evidence")),
                         Amounts(e.at("amounts")), OptEvidence(e.at("status_evidence"))};
  }
  for (const Json& r : j.at("remarks")) {
    it.remarks.push_back(Remark{r.at("by").get<std::string>(), r.at("text").get<std::string>(),
                                EvidenceOf(r.at("evidence"))});
  }
  it.evidence = EvidenceOf(j.at("evidence"));
  it.spans = Spans(j.at("spans"));
  it.kind = Opt<std::string>(j.at("kind"));
  if (const Json& c = j.at("center"); !c.is_null()) it.center = NamedOf(c);
  for (const Json& c : j.at("contributors")) it.contributors.push_back(NamedOf(c));
  it.group = Opt<std::string>(j.at("group"));
  it.agreement_item = Opt<std::string>(j.at("agreement_item"));
  return it;
}

Record RecordOf(const Json& j) {
  Record r;
  r.schema_version = j.at("schema_version").get<std::string>();
  const Json& src = j.at("source");
  r.source.file = src.at("file").get<std::string>();
  r.source.sha256 = src.at("sha256").get<std::string>();
  r.source.pages = src.at("pages").get<int>();
  r.source.producer = src.at("producer").get<std::string>();
  r.source.creator = src.at("creator").get<std::string>();
  const Json& d = j.at("document");
  DocumentMeta& m = r.document;
  const std::string kind = d.at("kind").get<std::string>();
  for (DocKind k : {DocKind::kAgreement, DocKind::kFollowup, DocKind::kNote, DocKind::kSummary, DocKind::kUnknown}) {
    if (kind == DocKindName(k)) m.kind = k;
  }
  m.key = d.at("key").get<std::string>();
  m.title = Opt<std::string>(d.at("title"));
  m.budget_year = Opt<int>(d.at("budget_year"));
  m.year = Opt<int>(d.at("year"));
  m.date = Opt<std::string>(d.at("date"));
  m.case_id = Opt<std::string>(d.at("case_id"));
  m.followup_number = Opt<int>(d.at("followup_number"));
  m.municipality = Opt<std::string>(d.at("municipality"));
  m.evidence = OptEvidence(d.at("evidence"));
  const Json& fe = d.at("field_evidence");
  m.title_evidence = OptEvidence(fe.at("title"));
  m.budget_year_evidence = OptEvidence(fe.at("budget_year"));
  m.date_evidence = OptEvidence(fe.at("date"));
  m.case_id_evidence = OptEvidence(fe.at("case_id"));
  m.municipality_evidence = OptEvidence(fe.at("municipality"));
  m.follows = Opt<std::string>(d.at("follows"));
  for (const Json& l : d.at("status_legend")) {
    m.status_legend.push_back(LegendEntry{l.at("symbol").get<std::string>(), StatusOf(l.at("status")),
                                          l.at("text").get<std::string>(), l.at("scope").get<std::string>(),
                                          EvidenceOf(l.at("evidence"))});
  }
  for (const Json& c : j.at("chapters")) {
    r.chapters.push_back(Chapter{c.at("number").get<std::string>(), c.at("title").get<std::string>(),
                                 c.at("page").get<int>(), EvidenceOf(c.at("evidence"))});
  }
  for (const Json& it : j.at("items")) r.items.push_back(ItemOf(it));
  for (const Json& s : j.at("sections")) {
    Section sec;
    sec.id = s.at("id").get<std::string>();
    sec.title = s.at("title").get<std::string>();
    sec.chapter = Opt<std::string>(s.at("chapter"));
    sec.page = s.at("page").get<int>();
    sec.text = s.at("text").get<std::string>();
    sec.evidence = OptEvidence(s.at("evidence"));
    sec.spans = Spans(s.at("spans"));
    r.sections.push_back(std::move(sec));
  }
  for (const Json& t : j.at("tables")) {
    TableRecord tr;
    tr.page = t.at("page").get<int>();
    tr.bbox = BoxOf(t.at("bbox"));
    tr.rows = t.at("rows").get<std::vector<std::vector<std::string>>>();
    tr.item = Opt<std::string>(t.at("item"));
    tr.header_rows = t.at("header_rows").get<int>();
    tr.columns = t.at("columns").get<std::vector<double>>();
    tr.continued = PageBoxes(t.at("continued"));
    for (const Json& c : t.at("cells")) {
      TableCellRecord cell;
      cell.row = c.at("row").get<int>();
      cell.col = c.at("col").get<int>();
      cell.col_span = c.at("col_span").get<int>();
      cell.page = c.at("page").get<int>();
      cell.bbox = BoxOf(c.at("bbox"));
      cell.continued = PageBoxes(c.at("continued"));
      tr.cells.push_back(std::move(cell));
    }
    r.tables.push_back(std::move(tr));
  }
  for (const Json& p : j.at("pages")) {
    r.pages.push_back(PageMeta{p.at("number").get<int>(), p.at("width").get<double>(),
                               p.at("height").get<double>(), Opt<std::string>(p.at("label")),
                               p.at("header").get<std::vector<std::string>>(),
                               p.at("footer").get<std::vector<std::string>>()});
  }
  for (const Json& w : j.at("warnings")) {
    r.warnings.push_back(Diagnostic{w.at("code").get<std::string>(), w.at("message").get<std::string>(),
                                    w.at("page").get<int>()});
  }
  return r;
}

}  // namespace

Result<Record> LoadRecordJson(std::string_view json) {
  // The schema first: past it, every key below is there with its type.
  if (std::optional<std::string> err = ValidateJson(std::string(json))) {
    std::string m = *err;
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    size_t nl = m.find('\n');
    if (nl != std::string::npos) m = m.substr(0, nl);
    return Error{ErrorCode::kInvalid, "not an aftale record: " + m};
  }
  Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error{ErrorCode::kInvalid, "not an aftale record: not JSON"};
  try {
    return RecordOf(j);
  } catch (const Json::exception& e) {
    // The schema allows nothing that gets here; a mismatch between the
    // schema and this loader is a bug, reported as what it is.
    return Error{ErrorCode::kInvalid, std::string("record does not load (schema and loader disagree): ") + e.what()};
  }
}

Result<Record> LoadRecordFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kOpenFailed, "cannot open " + path};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in.good() && !in.eof()) return Error{ErrorCode::kOpenFailed, "cannot read " + path};
  return LoadRecordJson(ss.str());
}

}  // namespace extractor
