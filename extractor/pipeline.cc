#include "pipeline.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "classify.h"
#include "layout.h"
#include "rules.h"
#include "segment.h"
#include "sha256.h"
#include "validate.h"

namespace extractor {
namespace {

std::vector<TableRecord> Tables(const LaidDocument& laid) {
  std::vector<TableRecord> out;
  for (const LaidPage& p : laid.pages) {
    std::map<int, size_t> index;  // table id on the page -> out position
    for (const Block& b : p.blocks) {
      if (b.kind != BlockKind::kCell || b.table < 0) continue;
      auto [it, inserted] = index.emplace(b.table, out.size());
      if (inserted) out.push_back(TableRecord{p.number, b.cell, {}});
      TableRecord& t = out[it->second];
      // The second half of a row split over a page break is read with its
      // first half, but its box is on the next page: it stays out of this
      // table's box.
      if (b.page == p.number) t.bbox.Extend(b.cell);
      if (static_cast<int>(t.rows.size()) <= b.row) t.rows.resize(static_cast<size_t>(b.row) + 1);
      std::vector<std::string>& row = t.rows[static_cast<size_t>(b.row)];
      if (static_cast<int>(row.size()) <= b.col) row.resize(static_cast<size_t>(b.col) + 1);
      std::string& cell = row[static_cast<size_t>(b.col)];
      if (!cell.empty()) cell += '\n';
      cell += b.text;
    }
  }
  // Rows as wide as the table.
  for (TableRecord& t : out) {
    size_t width = 0;
    for (const auto& r : t.rows) width = std::max(width, r.size());
    for (auto& r : t.rows) r.resize(width);
  }
  return out;
}

}  // namespace

Record BuildRecord(const std::string& file, const std::string& sha256, const RawDocument& raw,
                   const LaidDocument& laid) {
  Record r;
  r.source.file = std::filesystem::path(file).filename().string();
  r.source.sha256 = sha256;
  r.source.pages = raw.page_count;
  r.source.producer = raw.info.producer;
  r.source.creator = raw.info.creator;
  r.document = Classify(laid, sha256);
  Segmented s = Segment(laid, r.document);
  r.chapters = std::move(s.chapters);
  r.items = std::move(s.items);
  r.tables = Tables(laid);
  for (const LaidPage& p : laid.pages) {
    r.pages.push_back(PageMeta{p.number, p.width, p.height, p.page_label, p.header, p.footer});
  }
  r.warnings = laid.diagnostics;
  bool any_text = false;
  for (const RawPage& p : raw.pages) any_text = any_text || !p.words.empty();
  if (!any_text) {
    r.warnings.push_back({"text.none", "the PDF has no text layer (scanned?); nothing was extracted", 0});
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
  LaidDocument laid = Layout(*raw);
  return BuildRecord(path, *sha, *raw, laid);
}

}  // namespace extractor
