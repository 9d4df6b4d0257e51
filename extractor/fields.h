// fields.h: an item's blocks and tables -> the values a tracker follows:
// committees, amounts, milestones with their status, economy, remarks. Every
// value carries the page, box and text it was read from and the id of the
// rule that read it (record.h, Evidence); its patterns live in the rules
// table (rules.h).
//
//   std::vector<ItemFields> f = ExtractFields(laid, parts, meta);
//   for (size_t i = 0; i < parts.size(); ++i) if (parts[i].is_item) Use(f[i].committees);
#ifndef AFTALE_FIELDS_H_
#define AFTALE_FIELDS_H_

#include <optional>
#include <vector>

#include "model.h"
#include "record.h"

namespace extractor {

struct ItemFields {
  std::vector<Committee> committees;
  std::vector<Amount> amounts;
  std::vector<Milestone> milestones;
  std::optional<Economy> economy;
  std::vector<Remark> remarks;
  std::optional<std::string> kind;
  std::optional<Named> center;
  std::vector<Named> contributors;
  std::optional<std::string> group;
  std::optional<std::string> agreement_item;
  bool operator==(const ItemFields&) const = default;
};

struct Fields {
  std::vector<ItemFields> parts;      // one per part (sections stay empty)
  std::vector<LegendEntry> legend;    // the document's status legend
  std::optional<std::string> follows; // the agreement a follow-up or note follows
  std::vector<Diagnostic> warnings;   // e.g. a committee name mended
};

Fields ExtractFields(const LaidDocument& laid, const std::vector<Part>& parts, const DocumentMeta& meta);

}  // namespace extractor

#endif  // AFTALE_FIELDS_H_
