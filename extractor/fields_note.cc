// Notes: each item's remarks, by who made them ("Administrationens
// bemærkning: ...", "Budgetparternes bemærkning: ..."). A remark runs until
// the next label; its paragraphs are joined by a space, as one text. The
// amounts the text moves are the item's.
#include "fields_internal.h"
#include "unicode.h"

namespace extractor::fields {

void NoteItem(const Context& ctx, size_t part, ItemFields* out) {
  const Part& p = ctx.parts[part];
  Remark* open = nullptr;
  const Block* open_block = nullptr;
  for (const BlockRef& r : p.body) {
    const Block& b = ctx.laid.At(r);
    // The money a note moves between years ("udskydes fra 2020 til 2021").
    TextAmounts(b, &out->amounts);
    RuleMatch m;
    if (MatchRule(RuleId::kRemarkLabel, b.text, RuleAnchor::kStart, &m)) {
      std::string who = ToLower(std::string(m.Group(b.text, 1)));
      Remark remark;
      remark.by = who == "administrationens" ? "administration" : "parties";
      remark.text = b.text.substr(m.end);
      remark.evidence = EvidenceOf(b, m.end, b.text.size(), RuleName(RuleId::kRemarkLabel));
      out->remarks.push_back(std::move(remark));
      open = &out->remarks.back();
      open_block = &b;
      continue;
    }
    bool same_cell = open_block != nullptr && b.kind == open_block->kind && b.table == open_block->table &&
                     b.row == open_block->row && b.col == open_block->col;
    if (open != nullptr && same_cell && !b.text.empty()) {
      // A remark's next paragraph, in the same cell.
      open->text += " " + b.text;
    }
  }
}

}  // namespace extractor::fields
