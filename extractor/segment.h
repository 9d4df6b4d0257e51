// segment.h: blocks in reading order -> chapters, numbered items and the
// unnumbered sections between them, each holding its blocks by reference.
//
// Every block of the document ends up in exactly one part (as a heading or
// in a body), except running headers and footers (already out of the
// blocks), chapter headings (in `chapters`), and the document title when it
// opens an empty part (in the document's metadata). A table of contents is
// recognised (entries ending in right-aligned page numbers) and is never
// taken for headings.
//
//   Segmented s = Segment(laid, meta);
//   for (const Part& p : s.parts) if (p.is_item) std::cout << p.id << " " << p.title << "\n";
#ifndef AFTALE_SEGMENT_H_
#define AFTALE_SEGMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "record.h"

namespace extractor {

struct Segmented {
  std::vector<Chapter> chapters;
  std::vector<Part> parts;  // in reading order
  std::vector<BlockRef> toc;  // the entries of a table of contents
};

Segmented Segment(const LaidDocument& laid, const DocumentMeta& meta);

// The stable id of an item or section: document key, then the number, or for
// an unnumbered one a slug of its title ("t-belysning-modernisering"); a
// repeat within the document gets "~2", "~3" in reading order.
std::string ItemIdBase(const std::string& doc_key, const std::optional<std::string>& number,
                       const std::string& title);

}  // namespace extractor

#endif  // AFTALE_SEGMENT_H_
