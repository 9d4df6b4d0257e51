#include "record.h"

#include <algorithm>

namespace extractor {

Evidence EvidenceOf(const Block& b, size_t begin, size_t end, std::string rule) {
  PageBox at = BoxOfRange(b, begin, end);
  begin = std::min(begin, b.text.size());
  end = std::min(std::max(end, begin), b.text.size());
  return Evidence{at.page, at.box, b.text.substr(begin, end - begin), std::move(rule)};
}

Evidence EvidenceOf(const Block& b, std::string rule) {
  return Evidence{b.page, b.box, b.text, std::move(rule)};
}

namespace {

Span SpanOf(const Block& b) {
  Span s;
  s.page = b.page;
  bool first = true;
  for (const Line& l : b.lines) {
    if (l.page == b.page) {
      if (first) s.bbox = l.box;
      else s.bbox.Extend(l.box);
      first = false;
      continue;
    }
    if (s.continued.empty() || s.continued.back().page != l.page) {
      s.continued.push_back(PageBox{l.page, l.box});
    } else {
      s.continued.back().box.Extend(l.box);
    }
  }
  if (first) s.bbox = b.box;
  if (b.kind == BlockKind::kCell && b.table >= 0) s.cell = CellRef{b.table, b.row, b.col};
  return s;
}

}  // namespace

void SpansOf(const LaidDocument& laid, const std::vector<BlockRef>& blocks, std::vector<Span>* spans,
             std::string* text) {
  spans->clear();
  text->clear();
  for (const BlockRef& r : blocks) {
    const Block& b = laid.At(r);
    if (!text->empty() || !spans->empty()) *text += '\n';
    Span s = SpanOf(b);
    s.start = text->size();
    *text += b.text;
    s.end = text->size();
    spans->push_back(std::move(s));
  }
}

const char* DocKindName(DocKind k) {
  switch (k) {
    case DocKind::kAgreement: return "agreement";
    case DocKind::kFollowup: return "followup";
    case DocKind::kNote: return "note";
    case DocKind::kSummary: return "summary";
    case DocKind::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* StatusName(Status s) {
  switch (s) {
    case Status::kGreen: return "green";
    case Status::kYellow: return "yellow";
    case Status::kRed: return "red";
  }
  return "green";
}

}  // namespace extractor
