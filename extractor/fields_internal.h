// fields_internal.h: what the parts of the fields stage share (fields.cc,
// fields_followup.cc, fields_note.cc). Not part of the library's interface.
#ifndef AFTALE_FIELDS_INTERNAL_H_
#define AFTALE_FIELDS_INTERNAL_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fields.h"
#include "rules.h"

namespace extractor::fields {

// The document the stage works on, and where each block went.
struct Context {
  const LaidDocument& laid;
  const std::vector<Part>& parts;
  const DocumentMeta& meta;
  std::map<std::pair<int, int>, size_t> part_of;  // block -> index into parts
  std::vector<std::vector<int>> tables_of;        // part -> tables with a cell in it
  std::vector<Diagnostic>* warnings;

  std::optional<size_t> PartOf(const BlockRef& r) const {
    auto it = part_of.find({r.page_index, r.index});
    if (it == part_of.end()) return std::nullopt;
    return it->second;
  }
};

// A status read from a table cell (or a legend), with where it stands.
struct StatusReading {
  std::optional<Status> status;
  std::optional<Evidence> evidence;
};

// The document's own key to its status symbols, by scope ("milestone",
// "economy"); a symbol the legend gives two levels is left to its colour.
class Legend {
 public:
  void Add(const std::string& symbol, Status status, const std::string& scope);
  std::optional<Status> Find(const std::string& symbol, const std::string& scope) const;

 private:
  // scope -> symbol -> status; nullopt where the legend contradicts itself.
  std::map<std::string, std::map<std::string, std::optional<Status>>> by_scope_;
};

// The level a smiley glyph shows without a legend: ☺ 🙂 😊 green, 😐 yellow,
// ☹ 🙁 😞 red; nullopt for any other symbol.
std::optional<Status> StatusOfSymbol(char32_t symbol);

// The level a colour shows (a coloured smiley, a picture, a traffic-light
// cell): by hue, for saturated colours only; nullopt for black, grey, white.
std::optional<Status> StatusOfColor(Rgb color);

// The status shown in a table cell's blocks: a smiley symbol (its colour
// first, then the legend, then its shape), the cell's shading, or the word
// "grøn"/"gul"/"rød". None when the cell shows none.
StatusReading ReadStatus(const Context& ctx, const std::vector<BlockRef>& cell, const Legend& legend,
                         const std::string& scope);

// The status legend of the document ("Definition af smileys ..."): its
// entries for the record, and the lookup for ReadStatus.
std::vector<LegendEntry> ReadLegend(const Context& ctx, Legend* legend);

// The cells of one table row by column, in reading order.
std::map<int, std::vector<BlockRef>> RowCells(const Table& t, int row);

// A cell's text: its paragraphs, one a line.
std::string CellText(const Context& ctx, const std::vector<BlockRef>& cell);

// Follow-ups: milestones, economy, kind, centre, committees and contributors
// of item `part` (fields_followup.cc).
void FollowupItem(const Context& ctx, size_t part, const Legend& legend, ItemFields* out);

// Agreements: amounts and committees with roles in item `part`'s text
// (fields_agreement.cc).
void AgreementItem(const Context& ctx, size_t part, ItemFields* out);

// Every amount in a block's text, with its evidence (fields_agreement.cc).
void TextAmounts(const Block& b, std::vector<Amount>* out);

// Notes: the remarks of item `part` (fields_note.cc).
void NoteItem(const Context& ctx, size_t part, ItemFields* out);

}  // namespace extractor::fields

#endif  // AFTALE_FIELDS_INTERNAL_H_
