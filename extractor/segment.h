// segment.h: blocks in reading order -> chapters and numbered items, each
// with its text and the evidence of its heading.
//
//   Segmented s = Segment(laid, meta);
//   for (const Item& item : s.items) std::cout << item.id << " " << item.title << "\n";
#ifndef AFTALE_SEGMENT_H_
#define AFTALE_SEGMENT_H_

#include <string>
#include <vector>

#include "model.h"
#include "record.h"

namespace extractor {

struct Segmented {
  std::vector<Chapter> chapters;
  std::vector<Item> items;
};

Segmented Segment(const LaidDocument& laid, const DocumentMeta& meta);

// The stable id of an item: document key, then the number, or for an
// unnumbered item a slug of its title ("t-belysning-modernisering"); a
// repeat within the document gets "~2", "~3" in reading order.
std::string ItemIdBase(const std::string& doc_key, const std::optional<std::string>& number,
                       const std::string& title);

}  // namespace extractor

#endif  // AFTALE_SEGMENT_H_
