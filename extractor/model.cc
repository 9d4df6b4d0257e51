#include "model.h"

namespace extractor {

PageBox BoxOfRange(const Block& b, size_t begin, size_t end) {
  PageBox out{b.page, b.box};
  bool found = false;
  for (size_t i = 0; i < b.lines.size(); ++i) {
    const Line& l = b.lines[i];
    size_t line_end = i + 1 < b.lines.size() ? b.lines[i + 1].start : b.text.size();
    // A line holds [start, line_end); an empty range still names the line
    // it stands in.
    bool overlaps = l.start < end && begin < line_end;
    bool at = begin == end && begin >= l.start && begin <= line_end;
    if (!overlaps && !at) continue;
    if (!found) {
      out = PageBox{l.page, l.box};
      found = true;
    } else if (l.page == out.page) {
      out.box.Extend(l.box);
    }
  }
  return out;
}

}  // namespace extractor
