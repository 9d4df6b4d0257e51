// Follow-ups: each item's table, read by what its columns and rows are
// called, not by where Ballerup's template puts them.
//
// Two layouts are read:
//  - a table per item (Ballerup): a header row naming the item, its kind
//    ("Kort beskrivelse af indsatsen (drift)"), the due column ("Tid") and the
//    status column ("Smiley"); a description row with labelled lines
//    ("Ansvarligt center:", "Ansvarligt udvalg:", "Væsentlig bidragsyder:");
//    a row per "Milepæl" and an "Økonomi" row;
//  - a table per chapter, a row per item: columns "Nr.", "Initiativ",
//    "Ansvarligt udvalg", "Status", "Bemærkning": the item's row gives its
//    committee and one status, read as a milestone.
#include <algorithm>
#include <set>

#include "committees.h"
#include "fields_internal.h"
#include "unicode.h"

namespace extractor::fields {
namespace {

// What the header row says each column holds.
struct Columns {
  std::optional<int> due, status, number, title, committee, remark;
  std::optional<std::string> kind;
  std::optional<Evidence> kind_evidence;
};

std::string Collapse(std::string s) {
  std::string out;
  for (char c : s) {
    char d = c == '\n' ? ' ' : c;
    if (d == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += d;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Columns ReadColumns(const Context& ctx, const Table& t) {
  Columns c;
  int header_rows = std::max(1, t.header_rows);
  for (int row = 0; row < header_rows && row < t.rows; ++row) {
    for (const auto& [col, cell] : RowCells(t, row)) {
      std::string text = Collapse(CellText(ctx, cell));
      if (text.empty()) continue;
      RuleMatch m;
      if (!cell.empty() && FindMatch(RuleId::kEffortKind, ctx.laid.At(cell[0]).text, 0, &m)) {
        const Block& b = ctx.laid.At(cell[0]);
        c.kind = ToLower(std::string(m.Group(b.text, 1)));
        c.kind_evidence = EvidenceOf(b, m.groups[1].first, m.groups[1].second, RuleName(RuleId::kEffortKind));
        continue;
      }
      if (Matches(RuleId::kDueHeader, text) && !c.due) c.due = col;
      else if (Matches(RuleId::kStatusHeader, text) && !c.status) c.status = col;
      else if (Matches(RuleId::kNumberHeader, text) && !c.number) c.number = col;
      else if (Matches(RuleId::kCommitteeHeader, text) && !c.committee) c.committee = col;
      else if (Matches(RuleId::kRemarkHeader, text) && !c.remark) c.remark = col;
      else if (Matches(RuleId::kTitleHeader, text) && !c.title) c.title = col;
    }
  }
  return c;
}

// "Ansvarligt udvalg: X": a committee, normalised against the list (a
// mended name is kept with a warning).
void AddCommittee(const Context& ctx, const Block& b, size_t begin, size_t end, const std::string& rule,
                  ItemFields* out) {
  std::string written = b.text.substr(begin, end - begin);
  Committee c;
  c.name = written;
  c.role = "ansvarligt udvalg";
  if (std::optional<CommitteeName> n = NormaliseCommittee(written)) {
    c.name = n->name;
    if (n->corrected) {
      ctx.warnings->push_back({"fields.committee_corrected",
                               "committee name \"" + written + "\" read as \"" + n->name + "\"", b.page});
    }
  }
  c.evidence = EvidenceOf(b, begin, end, rule);
  for (const Committee& have : out->committees) {
    if (have.name == c.name && have.role == c.role) return;
  }
  out->committees.push_back(std::move(c));
}

// One labelled field, bytes [begin, end) of `b`'s text: a committee, the
// centre, or contributors.
void LabelledField(const Context& ctx, const Block& b, size_t begin, size_t end, ItemFields* out) {
  std::string_view text = std::string_view(b.text).substr(begin, end - begin);
  RuleMatch m;
  if (MatchRule(RuleId::kResponsibleCommittee, text, RuleAnchor::kBoth, &m)) {
    AddCommittee(ctx, b, begin + m.groups[1].first, begin + m.groups[1].second,
                 RuleName(RuleId::kResponsibleCommittee), out);
  } else if (MatchRule(RuleId::kCenterLabel, text, RuleAnchor::kBoth, &m)) {
    if (!out->center) {
      out->center = Named{std::string(m.Group(text, 1)), EvidenceOf(b, begin + m.groups[1].first,
                                                                    begin + m.groups[1].second,
                                                                    RuleName(RuleId::kCenterLabel))};
    }
  } else if (MatchRule(RuleId::kContributorLabel, text, RuleAnchor::kBoth, &m)) {
    // "Skoler, Institutioner og Kultur samt Børne- og Ungerådgivning": two
    // contributors; a name is short and ends no sentence (a label followed
    // by prose names none).
    std::string_view all = m.Group(text, 1);
    size_t base = begin + m.groups[1].first;
    size_t at = 0;
    while (at <= all.size()) {
      size_t cut = all.find(" samt ", at);
      size_t stop = cut == std::string_view::npos ? all.size() : cut;
      std::string_view name = all.substr(at, stop - at);
      if (!name.empty() && name.size() <= 80 && name.back() != '.') {
        out->contributors.push_back(
            Named{std::string(name), EvidenceOf(b, base + at, base + stop, RuleName(RuleId::kContributorLabel))});
      }
      if (cut == std::string_view::npos) break;
      at = cut + 6;
    }
  }
}

// The labelled lines of a description cell: centre, committee, contributors.
// A label on a line of its own ("Ansvarligt udvalg:") names the paragraph
// under it.
void LabelledLines(const Context& ctx, const std::vector<BlockRef>& cell, ItemFields* out) {
  for (size_t i = 0; i < cell.size(); ++i) {
    const Block& b = ctx.laid.At(cell[i]);
    RuleMatch m;
    if (MatchRule(RuleId::kLabelOnly, b.text, RuleAnchor::kBoth, &m) && i + 1 < cell.size()) {
      const Block& value = ctx.laid.At(cell[i + 1]);
      std::string label = ToLower(std::string(m.Group(b.text, 1)));
      if (label.find("udvalg") != std::string::npos) {
        AddCommittee(ctx, value, 0, value.text.size(), RuleName(RuleId::kLabelOnly), out);
      } else if (label.find("cent") != std::string::npos) {
        if (!out->center) out->center = Named{value.text, EvidenceOf(value, RuleName(RuleId::kLabelOnly))};
      } else if (value.text.size() <= 80) {
        out->contributors.push_back(Named{value.text, EvidenceOf(value, RuleName(RuleId::kLabelOnly))});
      }
      ++i;
      continue;
    }
    // A paragraph may hold several labelled fields ("Ansvarligt center: X"
    // and "Ansvarligt udvalg: Y" set without a change of style, on lines of
    // their own or run together as a browser flows them): each runs from
    // its label to the next.
    std::vector<size_t> starts;
    RuleMatch lm;
    for (size_t from = 0; FindMatch(RuleId::kLabelStart, b.text, from, &lm); from = lm.end) {
      starts.push_back(lm.groups[1].first);
    }
    for (size_t k = 0; k < starts.size(); ++k) {
      size_t end = k + 1 < starts.size() ? starts[k + 1] : b.text.size();
      while (end > starts[k] && b.text[end - 1] == ' ') --end;
      LabelledField(ctx, b, starts[k], end, out);
    }
  }
}

std::optional<std::string> DueDate(const std::string& due) {
  std::vector<std::string> g;
  if (!Capture(RuleId::kDueDate, due, &g)) return std::nullopt;
  int d = std::atoi(g[0].c_str()), m = std::atoi(g[1].c_str()), y = std::atoi(g[2].c_str());
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

std::vector<Amount> AmountsIn(const Context& ctx, const std::vector<BlockRef>& cell) {
  std::vector<Amount> out;
  for (const BlockRef& r : cell) TextAmounts(ctx.laid.At(r), &out);
  return out;
}

// A status column, when the header did not name one: the column whose
// cells show smileys or traffic lights.
bool ShowsStatus(const Context& ctx, const std::vector<BlockRef>& cell, const Legend& legend) {
  return ReadStatus(ctx, cell, legend, "").status.has_value();
}

// A table per item: its rows below the header.
void ItemTable(const Context& ctx, const Table& t, const Legend& legend, ItemFields* out) {
  Columns cols = ReadColumns(ctx, t);
  if (cols.kind && !out->kind) {
    out->kind = cols.kind;
  }
  for (int row = t.header_rows; row < t.rows; ++row) {
    std::map<int, std::vector<BlockRef>> cells = RowCells(t, row);
    if (cells.empty()) continue;
    std::string label = cells.begin()->first == 0 ? Collapse(CellText(ctx, cells.begin()->second)) : "";
    bool milestone = Matches(RuleId::kMilestoneLabel, label);
    bool economy = !milestone && Matches(RuleId::kEconomyLabel, label);
    if (!milestone && !economy) {
      // The description: its labelled lines, and the amounts it promises.
      for (const auto& [col, cell] : cells) {
        LabelledLines(ctx, cell, out);
        for (const BlockRef& r : cell) TextAmounts(ctx.laid.At(r), &out->amounts);
      }
      continue;
    }
    // The row's due, status and text columns: as the header names them,
    // else by what the cells hold.
    std::optional<int> due = cols.due, status = cols.status;
    for (const auto& [col, cell] : cells) {
      if (col == 0) continue;
      std::string text = Collapse(CellText(ctx, cell));
      if (!due && (Matches(RuleId::kDueDate, text) || Find(RuleId::kDuePeriod, text, nullptr)) &&
          text.size() < 40) {
        due = col;
      }
      if (!status && ShowsStatus(ctx, cell, legend)) status = col;
    }
    std::string text;
    std::vector<BlockRef> text_blocks;
    for (const auto& [col, cell] : cells) {
      if (col == 0 || (due && col == *due) || (status && col == *status)) continue;
      std::string t2 = CellText(ctx, cell);
      if (t2.empty()) continue;
      if (!text.empty()) text += '\n';
      text += t2;
      text_blocks.insert(text_blocks.end(), cell.begin(), cell.end());
    }
    StatusReading reading;
    if (status && cells.count(*status)) {
      reading = ReadStatus(ctx, cells[*status], legend, milestone ? "milestone" : "economy");
    }
    const Block& label_block = ctx.laid.At(cells.begin()->second[0]);
    Evidence evidence = text_blocks.empty() ? EvidenceOf(label_block, RuleName(RuleId::kMilestoneLabel))
                                            : EvidenceOf(ctx.laid.At(text_blocks[0]),
                                                         RuleName(milestone ? RuleId::kMilestoneLabel
                                                                            : RuleId::kEconomyLabel));
    if (milestone) {
      Milestone m;
      m.due = due && cells.count(*due) ? Collapse(CellText(ctx, cells[*due])) : "";
      m.due_date = DueDate(m.due);
      m.text = text;
      m.status = reading.status;
      m.status_evidence = reading.evidence;
      m.evidence = evidence;
      out->milestones.push_back(std::move(m));
    } else if (!out->economy) {
      Economy e;
      e.text = text;
      e.status = reading.status;
      e.status_evidence = reading.evidence;
      e.evidence = evidence;
      e.amounts = AmountsIn(ctx, text_blocks);
      out->economy = std::move(e);
    }
  }
}

// A table with a row per item: the item's own row.
void ItemRow(const Context& ctx, const Table& t, int row, const Legend& legend, ItemFields* out) {
  Columns cols = ReadColumns(ctx, t);
  std::map<int, std::vector<BlockRef>> cells = RowCells(t, row);
  if (cols.committee && cells.count(*cols.committee)) {
    for (const BlockRef& r : cells[*cols.committee]) {
      const Block& b = ctx.laid.At(r);
      if (!b.text.empty()) AddCommittee(ctx, b, 0, b.text.size(), "fields.committee_column", out);
    }
  }
  std::optional<int> status = cols.status;
  if (!status) {
    for (const auto& [col, cell] : cells) {
      if (ShowsStatus(ctx, cell, legend)) status = col;
    }
  }
  StatusReading reading;
  if (status && cells.count(*status)) reading = ReadStatus(ctx, cells[*status], legend, "milestone");
  std::string remark = cols.remark && cells.count(*cols.remark) ? CellText(ctx, cells[*cols.remark]) : "";
  if (!reading.status && remark.empty()) return;
  Milestone m;
  m.due = cols.due && cells.count(*cols.due) ? Collapse(CellText(ctx, cells[*cols.due])) : "";
  m.due_date = DueDate(m.due);
  m.text = remark;
  m.status = reading.status;
  m.status_evidence = reading.evidence;
  const std::vector<BlockRef>& where =
      cols.remark && cells.count(*cols.remark) ? cells[*cols.remark] : cells.begin()->second;
  m.evidence = EvidenceOf(ctx.laid.At(where[0]), "fields.item_row");
  out->milestones.push_back(std::move(m));
}

}  // namespace

void FollowupItem(const Context& ctx, size_t part, const Legend& legend, ItemFields* out) {
  const Part& p = ctx.parts[part];
  for (int ti : ctx.tables_of[part]) {
    const Table& t = ctx.laid.tables[static_cast<size_t>(ti)];
    // A row per item: the table holds other items too.
    std::set<size_t> items;
    for (const TableCell& c : t.cells) {
      if (c.row < t.header_rows) continue;
      for (const BlockRef& b : c.blocks) {
        std::optional<size_t> q = ctx.PartOf(b);
        if (q && ctx.parts[*q].is_item) items.insert(*q);
      }
    }
    if (items.size() > 1) {
      if (p.heading.empty()) continue;
      const Block& h = ctx.laid.At(p.heading[0]);
      if (h.kind == BlockKind::kCell && h.table == ti) ItemRow(ctx, t, h.row, legend, out);
      continue;
    }
    ItemTable(ctx, t, legend, out);
  }
  // Labelled lines outside a table (a follow-up written as paragraphs).
  if (out->committees.empty()) {
    for (const BlockRef& r : p.body) {
      if (ctx.laid.At(r).kind == BlockKind::kParagraph) LabelledLines(ctx, {r}, out);
    }
  }
}

}  // namespace extractor::fields
