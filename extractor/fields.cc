#include "fields.h"

#include <algorithm>

#include "fields_internal.h"
#include "unicode.h"

namespace extractor {
namespace fields {

void Legend::Add(const std::string& symbol, Status status, const std::string& scope) {
  auto& map = by_scope_[scope];
  auto [it, inserted] = map.emplace(symbol, status);
  if (!inserted && it->second != status) it->second = std::nullopt;  // the legend disagrees with itself
}

std::optional<Status> Legend::Find(const std::string& symbol, const std::string& scope) const {
  for (const std::string& s : {scope, std::string()}) {
    auto sc = by_scope_.find(s);
    if (sc == by_scope_.end()) continue;
    auto it = sc->second.find(symbol);
    if (it != sc->second.end()) return it->second;
  }
  // A legend given for the milestones only still says what a symbol means.
  for (const auto& [s, map] : by_scope_) {
    auto it = map.find(symbol);
    if (it != map.end() && it->second) return it->second;
  }
  return std::nullopt;
}

std::optional<Status> StatusOfSymbol(char32_t c) {
  switch (c) {
    case 0x263A: case 0x263B: case 0x1F642: case 0x1F60A: case 0x1F600: case 0x1F603:
    case 0x1F604: case 0x1F601: case 0x1F60C: case 0x2714: case 0x2705:
      return Status::kGreen;
    case 0x1F610: case 0x1F611: case 0x1F636: case 0x1F615: case 0x1F928:
      return Status::kYellow;
    case 0x2639: case 0x1F641: case 0x1F61E: case 0x1F61F: case 0x1F620: case 0x1F621:
    case 0x1F622: case 0x1F623: case 0x1F625: case 0x2716: case 0x274C:
      return Status::kRed;
    default:
      return std::nullopt;
  }
}

std::optional<Status> StatusOfColor(Rgb color) {
  std::optional<Light> light = LightOfColor(color);
  if (!light) return std::nullopt;
  switch (*light) {
    case Light::kGreen: return Status::kGreen;
    case Light::kYellow: return Status::kYellow;
    case Light::kRed: return Status::kRed;
  }
  return std::nullopt;
}

StatusReading ReadStatus(const Context& ctx, const std::vector<BlockRef>& cell, const Legend& legend,
                         const std::string& scope) {
  StatusReading out;
  for (const BlockRef& r : cell) {
    const Block& b = ctx.laid.At(r);
    for (const Line& l : b.lines) {
      for (const Mark& m : l.marks) {
        std::string symbol;
        AppendUtf8(symbol, m.symbol);
        std::optional<Status> shape = StatusOfSymbol(m.symbol);
        std::optional<Status> listed = legend.Find(symbol, scope);
        if (!shape && !listed) continue;
        // A coloured smiley is read by its colour (yellow and red faces may
        // share a shape); then by the document's legend; then by its shape.
        std::optional<Status> colour = StatusOfColor(m.color);
        out.status = colour ? colour : (listed ? listed : shape);
        out.evidence = Evidence{l.page, m.box, symbol,
                                colour ? "fields.status_color" : (listed ? "fields.status_legend" : "fields.status_symbol")};
        return out;
      }
    }
  }
  for (const BlockRef& r : cell) {
    const Block& b = ctx.laid.At(r);
    if (b.fill) {
      if (std::optional<Status> s = StatusOfColor(*b.fill)) {
        out.status = s;
        out.evidence = Evidence{b.page, b.cell, b.text, "fields.status_fill"};
        return out;
      }
    }
    std::vector<std::string> g;
    if (Capture(RuleId::kStatusWord, b.text, &g)) {
      std::string w = ToLower(g[0]);
      out.status = w == "grøn" || w == "green" ? Status::kGreen
                   : w == "gul" || w == "yellow" ? Status::kYellow
                                                 : Status::kRed;
      out.evidence = EvidenceOf(b, RuleName(RuleId::kStatusWord));
      return out;
    }
  }
  return out;
}

namespace {

// What a legend's definition says about the level: "ikke fuldt opfyldt,
// men realistisk" is yellow; "ikke opfyldt", "ikke overholdt" red;
// "opfyldt", "overholdt", "opnået" green.
std::optional<Status> LevelOfDefinition(const std::string& text) {
  std::string t = ToLower(text);
  auto has = [&](const char* w) { return t.find(w) != std::string::npos; };
  if (has("ikke fuldt") || has("delvis") || has("delvist") || has("forsinket") || has("på vej")) {
    return Status::kYellow;
  }
  if (has("ikke ") || has("opnås ikke") || has("overskrid")) return Status::kRed;
  if (has("opfyldt") || has("overholdt") || has("opnået") || has("gennemført") || has("i mål")) {
    return Status::kGreen;
  }
  return std::nullopt;
}

}  // namespace

std::vector<LegendEntry> ReadLegend(const Context& ctx, Legend* legend) {
  std::vector<LegendEntry> out;
  // Outside the items: the text before a follow-up's tables.
  std::string scope;
  std::vector<std::string> g;
  for (const Part& p : ctx.parts) {
    if (p.is_item) continue;
    for (const BlockRef& r : p.body) {
      const Block& b = ctx.laid.At(r);
      std::string lower = ToLower(b.text);
      if (lower.find("smiley") != std::string::npos || lower.find("status") != std::string::npos) {
        if (lower.find("økonomi") != std::string::npos) scope = "economy";
        else if (lower.find("indsats") != std::string::npos || lower.find("milepæl") != std::string::npos) scope = "milestone";
      }
      if (b.lines.empty() || b.lines[0].marks.empty()) continue;
      // "• ☺: Milepæl er opfyldt": the first symbol that reads as a status.
      const Mark* symbol = nullptr;
      for (const Mark& m : b.lines[0].marks) {
        if (StatusOfSymbol(m.symbol) || StatusOfColor(m.color)) {
          symbol = &m;
          break;
        }
      }
      if (symbol == nullptr) continue;
      std::string sym;
      AppendUtf8(sym, symbol->symbol);
      size_t at = b.text.find(sym);
      if (at == std::string::npos) continue;
      size_t colon = b.text.find(':', at);
      if (colon == std::string::npos || colon > at + sym.size() + 3) continue;
      std::string definition = b.text.substr(colon + 1);
      while (!definition.empty() && definition.front() == ' ') definition.erase(0, 1);
      std::optional<Status> level = LevelOfDefinition(definition);
      if (!level) level = StatusOfColor(symbol->color);
      LegendEntry e;
      e.symbol = sym;
      e.status = level;
      e.text = definition;
      e.scope = scope;
      e.evidence = EvidenceOf(b, at, b.text.size(), RuleName(RuleId::kLegendEntry));
      if (level) legend->Add(sym, *level, scope);
      out.push_back(std::move(e));
    }
  }
  return out;
}

std::map<int, std::vector<BlockRef>> RowCells(const Table& t, int row) {
  std::map<int, std::vector<BlockRef>> out;
  for (const TableCell& c : t.cells) {
    if (c.row == row) out[c.col] = c.blocks;
  }
  return out;
}

std::string CellText(const Context& ctx, const std::vector<BlockRef>& cell) {
  std::string t;
  for (const BlockRef& r : cell) {
    if (!t.empty()) t += '\n';
    t += ctx.laid.At(r).text;
  }
  return t;
}

}  // namespace fields

Fields ExtractFields(const LaidDocument& laid, const std::vector<Part>& parts, const DocumentMeta& meta) {
  Fields out;
  out.parts.resize(parts.size());
  fields::Context ctx{laid, parts, meta, {}, {}, &out.warnings};
  for (size_t i = 0; i < parts.size(); ++i) {
    for (const BlockRef& b : parts[i].heading) ctx.part_of[{b.page_index, b.index}] = i;
    for (const BlockRef& b : parts[i].body) ctx.part_of[{b.page_index, b.index}] = i;
  }
  ctx.tables_of.resize(parts.size());
  for (size_t t = 0; t < laid.tables.size(); ++t) {
    for (const TableCell& c : laid.tables[t].cells) {
      for (const BlockRef& b : c.blocks) {
        if (std::optional<size_t> p = ctx.PartOf(b)) {
          std::vector<int>& list = ctx.tables_of[*p];
          if (list.empty() || list.back() != static_cast<int>(t)) list.push_back(static_cast<int>(t));
        }
      }
    }
  }
  fields::Legend legend;
  if (meta.kind == DocKind::kFollowup) out.legend = fields::ReadLegend(ctx, &legend);
  if ((meta.kind == DocKind::kFollowup || meta.kind == DocKind::kNote) && meta.budget_year) {
    out.follows = "agreement-" + std::to_string(*meta.budget_year);
  }
  std::string group;  // a note's current group (a committee)
  for (size_t i = 0; i < parts.size(); ++i) {
    const Part& p = parts[i];
    if (!p.is_item) {
      if (meta.kind == DocKind::kNote && p.rule == RuleName(RuleId::kSectionHeading)) {
        // "Teknik- og Miljøudvalget - fortsat" goes on with the group.
        group = p.title;
        for (const char* tail : {" - fortsat", " – fortsat", " (fortsat)", " fortsat"}) {
          size_t at = group.rfind(tail);
          if (at != std::string::npos && at + std::string(tail).size() == group.size()) group.resize(at);
        }
      }
      continue;
    }
    ItemFields& f = out.parts[i];
    if (out.follows && p.number) f.agreement_item = *out.follows + ":" + *p.number;
    if (meta.kind == DocKind::kFollowup) fields::FollowupItem(ctx, i, legend, &f);
    if (meta.kind == DocKind::kAgreement) fields::AgreementItem(ctx, i, &f);
    if (meta.kind == DocKind::kNote) {
      if (!group.empty()) f.group = group;
      fields::NoteItem(ctx, i, &f);
    }
  }
  return out;
}

}  // namespace extractor
