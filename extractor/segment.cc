#include "segment.h"

#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "rules.h"
#include "unicode.h"

namespace extractor {
namespace {

std::string Slug(const std::string& title) {
  std::string out;
  bool dash = false;
  for (char32_t c : DecodeUtf8(ToLower(title))) {
    const char* t = nullptr;
    std::string one;
    if (c == U'æ') t = "ae";
    else if (c == U'ø') t = "oe";
    else if (c == U'å') t = "aa";
    else if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) one = static_cast<char>(c);
    else if (IsLetter(c)) one = "x";
    if (t != nullptr) one = t;
    if (one.empty()) {
      dash = !out.empty();
      continue;
    }
    if (dash) out += '-';
    dash = false;
    out += one;
    if (out.size() >= 48) break;
  }
  return out.empty() ? "item" : out;
}

bool StartsWithLetter(const std::string& s) {
  std::u32string u = DecodeUtf8(s);
  return !u.empty() && IsLetter(u[0]);
}

// Whether the row of cell `at` has three or more cells, all headings.
template <typename IsHeading>
bool IsHeaderRow(const std::vector<Block>& blocks, size_t at, IsHeading heading) {
  const Block& b = blocks[at];
  int cells = 0;
  for (const Block& o : blocks) {
    if (o.kind != BlockKind::kCell || o.table != b.table || o.row != b.row) continue;
    if (!heading(o)) return false;
    ++cells;
  }
  return cells >= 3;
}

// The entries of a table of contents: three or more paragraphs in a row that
// end in a page number, the numbers set flush right (their right edges
// within a point of each other).
std::set<std::pair<int, int>> TocEntries(const LaidDocument& laid) {
  std::set<std::pair<int, int>> out;
  std::vector<std::pair<int, int>> run;
  double right = 0;
  auto flush = [&] {
    if (run.size() >= 3) out.insert(run.begin(), run.end());
    run.clear();
  };
  std::vector<std::string> g;
  int max_page = static_cast<int>(laid.pages.size()) + 5;
  for (size_t p = 0; p < laid.pages.size(); ++p) {
    const std::vector<Block>& blocks = laid.pages[p].blocks;
    for (size_t i = 0; i < blocks.size(); ++i) {
      const Block& b = blocks[i];
      // (The last byte first: the rule's captures cost more than the test.)
      bool entry = b.kind == BlockKind::kParagraph && b.lines.size() <= 3 && !b.text.empty() &&
                   b.text.back() >= '0' && b.text.back() <= '9' && Capture(RuleId::kTocEntry, b.text, &g) &&
                   std::atoi(g[1].c_str()) <= max_page;
      if (entry && !run.empty() && std::fabs(b.box.x1 - right) > 1.0) flush();
      if (!entry) {
        flush();
        continue;
      }
      right = b.box.x1;
      run.emplace_back(static_cast<int>(p), static_cast<int>(i));
    }
  }
  flush();
  return out;
}

// A follow-up laid out as a table per chapter with a row per item: the
// header names a title column ("Initiativ", "Indsats") and maybe a number
// column ("Nr."); each row below it is an item.
struct RowItem {
  std::optional<std::string> number;
  std::string title;
  std::vector<BlockRef> heading;
};

std::map<std::pair<int, int>, RowItem> RowItems(const LaidDocument& laid) {
  std::map<std::pair<int, int>, RowItem> out;
  std::vector<std::string> g;
  for (size_t ti = 0; ti < laid.tables.size(); ++ti) {
    const Table& t = laid.tables[ti];
    if (t.header_rows < 1 || t.columns.size() < 4) continue;
    std::optional<int> title_col, number_col;
    for (const TableCell& c : t.cells) {
      if (c.row >= t.header_rows) continue;
      if (!title_col && Matches(RuleId::kTitleHeader, c.text)) title_col = c.col;
      if (!number_col && Matches(RuleId::kNumberHeader, c.text)) number_col = c.col;
    }
    if (!title_col) continue;
    for (const TableCell& c : t.cells) {
      if (c.row < t.header_rows || c.blocks.empty()) continue;
      RowItem& item = out[{static_cast<int>(ti), c.row}];
      if (c.col == *title_col) {
        for (const BlockRef& r : c.blocks) {
          const std::string& text = laid.At(r).text;
          if (!item.title.empty() && !text.empty()) item.title += ' ';
          item.title += text;
          item.heading.push_back(r);
        }
      } else if (number_col && c.col == *number_col && Capture(RuleId::kItemNumberOnly, c.text, &g)) {
        item.number = g[0];
        item.heading.insert(item.heading.begin(), c.blocks.begin(), c.blocks.end());
      }
    }
  }
  for (auto it = out.begin(); it != out.end();) {
    it = it->second.title.empty() ? out.erase(it) : std::next(it);
  }
  return out;
}

// A title for text that no heading opens: its first words.
std::string TitleOfText(const std::string& text) {
  if (text.size() <= 80) return text;
  size_t cut = text.rfind(' ', 80);
  if (cut == std::string::npos || cut < 20) cut = 80;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + " …";
}

}  // namespace

std::string ItemIdBase(const std::string& doc_key, const std::optional<std::string>& number,
                       const std::string& title) {
  return doc_key + ":" + (number ? *number : "t-" + Slug(title));
}

Segmented Segment(const LaidDocument& laid, const DocumentMeta& meta) {
  Segmented out;
  double body = laid.body_size;
  auto heading = [&](const Block& b) {
    return !b.lines.empty() && (b.lines[0].bold || b.lines[0].font_size >= body * 1.1);
  };
  std::set<std::pair<int, int>> toc = TocEntries(laid);
  std::map<std::pair<int, int>, RowItem> row_items;
  if (meta.kind == DocKind::kFollowup) row_items = RowItems(laid);
  std::set<std::pair<int, int>> row_item_started;
  std::set<int> row_item_tables;  // their header rows name columns, not items
  for (const auto& [at, ri] : row_items) row_item_tables.insert(at.first);
  std::optional<std::string> chapter;
  // The part that takes body blocks now: an index into out.parts, or none.
  std::optional<size_t> open;
  bool open_is_chapter_intro = false;

  auto start = [&](bool is_item, const Block& b, std::vector<BlockRef> where,
                   std::optional<std::string> number, std::string title, RuleId rule) {
    Part part;
    part.is_item = is_item;
    part.number = number;
    part.title = std::move(title);
    part.chapter = chapter;
    if (is_item && number) {
      size_t dot = number->find('.');
      if (dot != std::string::npos && dot > 0) part.chapter = number->substr(0, dot);
      else if (meta.kind == DocKind::kSummary) part.chapter = std::nullopt;
    }
    part.page = b.page;
    part.heading = std::move(where);
    part.rule = RuleName(rule);
    out.parts.push_back(std::move(part));
    open = out.parts.size() - 1;
    open_is_chapter_intro = false;
  };
  auto add_body = [&](const Block& b, BlockRef ref) {
    if (!open) {
      // Text no heading opens (a letterhead, a preamble): a section of its own.
      Part part;
      part.title = TitleOfText(b.text);
      part.chapter = chapter;
      part.page = b.page;
      out.parts.push_back(std::move(part));
      open = out.parts.size() - 1;
    }
    out.parts[*open].body.push_back(ref);
  };

  std::vector<std::string> g;
  for (size_t pi = 0; pi < laid.pages.size(); ++pi) {
    const std::vector<Block>& blocks = laid.pages[pi].blocks;
    for (size_t i = 0; i < blocks.size(); ++i) {
      const Block& b = blocks[i];
      BlockRef ref{static_cast<int>(pi), static_cast<int>(i)};
      if (b.text.empty()) continue;
      if (toc.count({ref.page_index, ref.index})) {
        out.toc.push_back(ref);
        add_body(b, ref);
        continue;
      }
      if (b.kind == BlockKind::kCell) {
        auto row_item = row_items.find({b.table, b.row});
        if (row_item != row_items.end()) {
          const RowItem& ri = row_item->second;
          if (row_item_started.insert({b.table, b.row}).second) {
            const Block& h = laid.At(ri.heading[0]);
            start(true, h, ri.heading, ri.number, ri.title, RuleId::kTitleHeader);
            out.parts.back().rule = "segment.item_row";
          }
          bool in_heading = false;
          for (const BlockRef& h : ri.heading) in_heading = in_heading || h == ref;
          if (!in_heading) add_body(b, ref);
          continue;
        }
      }
      bool is_heading = heading(b);
      bool paragraph = b.kind == BlockKind::kParagraph;
      if (meta.kind != DocKind::kNote && meta.kind != DocKind::kSummary && paragraph && is_heading &&
          Capture(RuleId::kChapterHeading, b.text, &g)) {
        out.chapters.push_back(Chapter{g[0], g[1], b.page, EvidenceOf(b, RuleName(RuleId::kChapterHeading))});
        chapter = g[0];
        // The chapter's introduction, if text follows before its first item.
        start(false, b, {ref}, std::nullopt, g[1], RuleId::kChapterHeading);
        open_is_chapter_intro = true;
        continue;
      }
      if (paragraph && ((is_heading && Matches(RuleId::kAnnexHeading, b.text)) ||
                        Matches(RuleId::kSignatureLine, b.text))) {
        // The signatures and the annexes belong to no item, nor chapter.
        chapter = std::nullopt;
        start(false, b, {ref}, std::nullopt, b.text,
              Matches(RuleId::kSignatureLine, b.text) ? RuleId::kSignatureLine : RuleId::kAnnexHeading);
        continue;
      }
      if (meta.kind != DocKind::kSummary && is_heading && Capture(RuleId::kItemHeading, b.text, &g)) {
        start(true, b, {ref}, g[0], g[1], RuleId::kItemHeading);
        continue;
      }
      if (b.kind == BlockKind::kCell && Matches(RuleId::kItemNumberOnly, b.text) &&
          i + 1 < blocks.size() && blocks[i + 1].kind == BlockKind::kCell &&
          blocks[i + 1].table == b.table && blocks[i + 1].row == b.row &&
          StartsWithLetter(blocks[i + 1].text)) {
        // "1.3." | "Borgermillionen"; not "9.500" | "9.500" in an annex table.
        Capture(RuleId::kItemNumberOnly, b.text, &g);
        start(true, b, {ref, BlockRef{ref.page_index, ref.index + 1}}, g[0], blocks[i + 1].text,
              RuleId::kItemNumberOnly);
        ++i;
        continue;
      }
      if (b.kind == BlockKind::kCell && Matches(RuleId::kChapterNumberOnly, b.text) &&
          i + 1 < blocks.size() && blocks[i + 1].kind == BlockKind::kCell &&
          blocks[i + 1].table == b.table && blocks[i + 1].row == b.row &&
          StartsWithLetter(blocks[i + 1].text) && heading(blocks[i + 1])) {
        // A chapter row of a table ("1." | "Vi skaber fremtiden sammen", as a
        // note lists its items): the items after it are in that chapter.
        Capture(RuleId::kChapterNumberOnly, b.text, &g);
        chapter = g[0];
        start(false, b, {ref, BlockRef{ref.page_index, ref.index + 1}}, std::nullopt, blocks[i + 1].text,
              RuleId::kChapterNumberOnly);
        ++i;
        continue;
      }
      if (meta.kind == DocKind::kFollowup && b.kind == BlockKind::kCell && b.col == 0 && is_heading &&
          !row_item_tables.count(b.table) &&
          IsHeaderRow(blocks, i, heading)) {
        // A follow-up item without a number: the first cell of its table's
        // header row (every cell of it set as a heading).
        start(true, b, {ref}, std::nullopt, b.text, RuleId::kItemHeading);
        out.parts.back().rule = "segment.item_unnumbered";
        continue;
      }
      if (meta.kind == DocKind::kSummary && paragraph && Capture(RuleId::kPointHeading, b.text, &g)) {
        start(true, b, {ref}, g[0], g[1], RuleId::kPointHeading);
        continue;
      }
      // In a note a heading outside a table names the group the items after
      // it are listed under ("Teknik- og Miljøudvalget", "... - fortsat"):
      // it ends the item before it.
      bool in_section = !open || !out.parts[*open].is_item || meta.kind == DocKind::kNote;
      // A heading outside the items opens a section of its own, except right
      // under a chapter heading with nothing between (a sub-title). It is
      // set apart more than an item's heading needs to be: every line bold,
      // or clearly larger than the body text (a follow-up sets its tables a
      // point smaller than its prose), and short.
      bool all_bold = true;
      for (const Line& l : b.lines) all_bold = all_bold && l.bold;
      bool section_heading = paragraph && (all_bold || b.lines[0].font_size >= body * 1.2) &&
                             Matches(RuleId::kSectionHeading, b.text);
      if (section_heading && in_section && !(open_is_chapter_intro && out.parts[*open].body.empty())) {
        start(false, b, {ref}, std::nullopt, b.text, RuleId::kSectionHeading);
        continue;
      }
      add_body(b, ref);
    }
  }

  // A number that heads several items with nothing between them (a table of
  // contents that was not recognised as one, a title page listing): the last
  // is the real one; the others are text of the part before them.
  std::map<std::string, size_t> last;
  for (size_t i = 0; i < out.parts.size(); ++i) {
    if (out.parts[i].is_item && out.parts[i].number) last[*out.parts[i].number] = i;
  }
  std::vector<Part> kept;
  for (size_t i = 0; i < out.parts.size(); ++i) {
    Part& p = out.parts[i];
    bool shadow = p.is_item && p.number && last[*p.number] != i && p.body.empty();
    if (shadow && !kept.empty()) {
      for (const BlockRef& r : p.heading) kept.back().body.push_back(r);
      continue;
    }
    kept.push_back(std::move(p));
  }
  out.parts = std::move(kept);
  std::map<std::string, size_t> last_chapter;
  for (size_t i = 0; i < out.chapters.size(); ++i) last_chapter[out.chapters[i].number] = i;
  std::vector<Chapter> chapters;
  for (size_t i = 0; i < out.chapters.size(); ++i) {
    if (last_chapter[out.chapters[i].number] == i) chapters.push_back(std::move(out.chapters[i]));
  }
  out.chapters = std::move(chapters);

  // Sections with nothing in them say nothing the record does not say
  // already (a chapter's heading, the document's title), unless their
  // heading is text of its own.
  std::vector<Part> parts;
  for (Part& p : out.parts) {
    if (!p.is_item && p.body.empty()) {
      bool chapter_heading = p.rule == RuleName(RuleId::kChapterHeading);
      bool title = meta.title && p.title == *meta.title;
      if (chapter_heading || title) continue;
    }
    parts.push_back(std::move(p));
  }
  out.parts = std::move(parts);

  std::map<std::string, int> seen;
  for (Part& p : out.parts) {
    std::string base = ItemIdBase(meta.key, p.is_item ? p.number : std::nullopt, p.title);
    int n = ++seen[base];
    p.id = n == 1 ? base : base + "~" + std::to_string(n);
  }
  return out;
}

}  // namespace extractor
