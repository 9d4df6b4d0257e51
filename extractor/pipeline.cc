#include "pipeline.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "classify.h"
#include "fields.h"
#include "layout.h"
#include "rules.h"
#include "segment.h"
#include "sha256.h"
#include "tables.h"
#include "unicode.h"
#include "validate.h"

namespace extractor {
namespace {

std::optional<Evidence> HeadingEvidence(const LaidDocument& laid, const Part& p) {
  if (p.heading.empty()) return std::nullopt;
  return EvidenceOf(laid.At(p.heading[0]), p.rule);
}

// A table as the record lists it: row by row as text, and cell by cell with
// pages and boxes; `owner` is the id of the part it belongs to.
TableRecord TableOf(const Table& t, std::optional<std::string> owner) {
  TableRecord r;
  if (!t.boxes.empty()) {
    r.page = t.boxes[0].page;
    r.bbox = t.boxes[0].box;
    r.continued.assign(t.boxes.begin() + 1, t.boxes.end());
  }
  r.item = std::move(owner);
  r.header_rows = t.header_rows;
  r.columns = t.columns;
  int width = std::max<int>(1, static_cast<int>(t.columns.size()) - 1);
  for (const TableCell& c : t.cells) width = std::max(width, c.col + c.col_span);
  r.rows.assign(static_cast<size_t>(t.rows), std::vector<std::string>(static_cast<size_t>(width)));
  for (const TableCell& c : t.cells) {
    r.rows[static_cast<size_t>(c.row)][static_cast<size_t>(c.col)] = c.text;
    TableCellRecord cr;
    cr.row = c.row;
    cr.col = c.col;
    cr.col_span = c.col_span;
    if (!c.boxes.empty()) {
      cr.page = c.boxes[0].page;
      cr.bbox = c.boxes[0].box;
      cr.continued.assign(c.boxes.begin() + 1, c.boxes.end());
    }
    r.cells.push_back(std::move(cr));
  }
  return r;
}

}  // namespace

LaidDocument LayoutDocument(const RawDocument& raw) { return BuildTables(Layout(raw)); }

Record BuildRecord(const std::string& file, const std::string& sha256, const RawDocument& raw,
                   const LaidDocument& laid) {
  Record r;
  // The name as valid UTF-8 (a Latin-1 name from an old zip file would
  // otherwise put invalid bytes into the XML).
  r.source.file = FileNameToUtf8(std::filesystem::path(file).filename().string());
  r.source.sha256 = sha256;
  r.source.pages = raw.page_count;
  r.source.producer = raw.info.producer;
  r.source.creator = raw.info.creator;
  r.document = Classify(laid, sha256);
  Segmented seg = Segment(laid, r.document);
  Fields fields = ExtractFields(laid, seg.parts, r.document);
  r.chapters = std::move(seg.chapters);
  r.document.follows = fields.follows;
  r.document.status_legend = std::move(fields.legend);

  // Which part each block is in, for the tables' owners.
  std::map<std::pair<int, int>, size_t> part_of;
  for (size_t i = 0; i < seg.parts.size(); ++i) {
    const Part& p = seg.parts[i];
    for (const BlockRef& b : p.heading) part_of[{b.page_index, b.index}] = i;
    for (const BlockRef& b : p.body) part_of[{b.page_index, b.index}] = i;
  }
  for (size_t i = 0; i < seg.parts.size(); ++i) {
    Part& p = seg.parts[i];
    std::vector<Span> spans;
    std::string text;
    SpansOf(laid, p.body, &spans, &text);
    if (p.is_item) {
      Item item;
      item.id = p.id;
      item.number = p.number;
      item.title = p.title;
      item.chapter = p.chapter;
      item.page = p.page;
      item.text = std::move(text);
      item.spans = std::move(spans);
      ItemFields& f = fields.parts[i];
      item.committees = std::move(f.committees);
      item.amounts = std::move(f.amounts);
      item.milestones = std::move(f.milestones);
      item.economy = std::move(f.economy);
      item.remarks = std::move(f.remarks);
      item.kind = std::move(f.kind);
      item.center = std::move(f.center);
      item.contributors = std::move(f.contributors);
      item.group = std::move(f.group);
      item.agreement_item = std::move(f.agreement_item);
      item.evidence = HeadingEvidence(laid, p).value_or(Evidence{p.page, {}, p.title, p.rule});
      r.items.push_back(std::move(item));
    } else {
      Section s;
      s.id = p.id;
      s.title = p.title;
      s.chapter = p.chapter;
      s.page = p.page;
      s.text = std::move(text);
      s.spans = std::move(spans);
      s.evidence = HeadingEvidence(laid, p);
      r.sections.push_back(std::move(s));
    }
  }
  // A table belongs to the part its rows below the header are in, when
  // they are all in one (a follow-up's table per item, an annex); a table
  // that holds several items (a note's table per page) belongs to none.
  for (const Table& t : laid.tables) {
    std::set<size_t> owners;
    for (const TableCell& c : t.cells) {
      if (c.row < t.header_rows && t.rows > t.header_rows) continue;
      for (const BlockRef& b : c.blocks) {
        auto it = part_of.find({b.page_index, b.index});
        if (it != part_of.end()) owners.insert(it->second);
      }
    }
    std::optional<std::string> owner;
    if (owners.size() == 1) owner = seg.parts[*owners.begin()].id;
    r.tables.push_back(TableOf(t, owner));
  }
  for (const LaidPage& p : laid.pages) {
    r.pages.push_back(PageMeta{p.number, p.width, p.height, p.page_label, p.header, p.footer});
  }
  r.warnings = laid.diagnostics;
  for (Diagnostic& d : fields.warnings) r.warnings.push_back(std::move(d));
  bool any_text = false;
  for (const RawPage& p : raw.pages) any_text = any_text || !p.words.empty();
  if (!any_text) {
    bool unmapped = std::any_of(raw.diagnostics.begin(), raw.diagnostics.end(),
                                [](const Diagnostic& d) { return d.code == "pdf.unmapped_glyphs"; });
    r.warnings.push_back({"text.none",
                          unmapped ? "the PDF's glyphs have no Unicode mapping; nothing was extracted"
                                   : "the PDF has no text layer (scanned?); nothing was extracted",
                          0});
  }
  return r;
}

void WarmUp() {
  InitReader();
  CompileRules();
  CompileSchemas();
}

Result<Record> ExtractRecord(const std::string& path, const ReadOptions& options) {
  Result<RawDocument> raw = ReadPdf(path, options);
  if (!raw.ok()) return raw.error();
  std::optional<std::string> sha = Sha256OfFile(path);
  if (!sha) return Error{ErrorCode::kOpenFailed, "cannot read the file to hash it"};
  LaidDocument laid = LayoutDocument(*raw);
  return BuildRecord(path, *sha, *raw, laid);
}

}  // namespace extractor
