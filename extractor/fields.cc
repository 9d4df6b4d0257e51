#include "fields.h"

#include "rules.h"

namespace extractor {
namespace {

// "Ansvarligt udvalg: Børne- og Skoleudvalget": a committee named by the
// label in front of it, as follow-ups state who owns an item.
void LabelledCommittees(const Block& b, ItemFields* out) {
  RuleMatch m;
  if (!FindMatch(RuleId::kResponsibleCommittee, b.text, 0, &m)) return;
  const auto& [begin, end] = m.groups[1];
  Committee c;
  c.name = std::string(m.Group(b.text, 1));
  c.role = "ansvarligt udvalg";
  c.evidence = EvidenceOf(b, begin, end, RuleName(RuleId::kResponsibleCommittee));
  out->committees.push_back(std::move(c));
}

}  // namespace

Fields ExtractFields(const LaidDocument& laid, const std::vector<Part>& parts, const DocumentMeta&) {
  Fields out;
  out.parts.resize(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!parts[i].is_item) continue;
    for (const BlockRef& r : parts[i].body) LabelledCommittees(laid.At(r), &out.parts[i]);
  }
  return out;
}

}  // namespace extractor
