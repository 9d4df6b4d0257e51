#include "segment.h"

#include <map>
#include <optional>

#include "classify.h"
#include "rules.h"
#include "unicode.h"

namespace extractor {
namespace {

Evidence EvidenceOf(const Block& b, RuleId rule) {
  return Evidence{b.page, b.box, b.text, RuleName(rule)};
}

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

}  // namespace

std::string ItemIdBase(const std::string& doc_key, const std::optional<std::string>& number,
                       const std::string& title) {
  return doc_key + ":" + (number ? *number : "t-" + Slug(title));
}

Segmented Segment(const LaidDocument& laid, const DocumentMeta& meta) {
  Segmented out;
  double body = BodyFontSize(laid);
  auto heading = [&](const Block& b) {
    return !b.lines.empty() && (b.lines[0].bold || b.lines[0].font_size >= body * 1.1);
  };
  std::optional<std::string> chapter;
  Item* open = nullptr;
  auto start_item = [&](const Block& b, std::optional<std::string> number, std::string title,
                        RuleId rule) {
    Item item;
    item.number = number;
    item.title = std::move(title);
    if (number) {
      item.chapter = number->substr(0, number->find('.'));
      if (item.chapter->empty() || number->find('.') == std::string::npos) {
        item.chapter = meta.kind == DocKind::kSummary ? std::nullopt : chapter;
      }
    } else {
      item.chapter = chapter;
    }
    item.page = b.page;
    item.evidence = EvidenceOf(b, rule);
    out.items.push_back(std::move(item));
    open = &out.items.back();
  };

  std::vector<std::string> g;
  for (const LaidPage& p : laid.pages) {
    for (size_t i = 0; i < p.blocks.size(); ++i) {
      const Block& b = p.blocks[i];
      if (b.text.empty()) continue;
      bool is_heading = heading(b);
      if (meta.kind != DocKind::kNote && meta.kind != DocKind::kSummary &&
          b.kind == BlockKind::kParagraph && is_heading &&
          Capture(RuleId::kChapterHeading, b.text, &g)) {
        out.chapters.push_back(Chapter{g[0], g[1], b.page, EvidenceOf(b, RuleId::kChapterHeading)});
        chapter = g[0];
        open = nullptr;
        continue;
      }
      if (b.kind == BlockKind::kParagraph &&
          ((is_heading && Matches(RuleId::kAnnexHeading, b.text)) ||
           Matches(RuleId::kSignatureLine, b.text))) {
        open = nullptr;  // the signatures and the annexes belong to no item
        continue;
      }
      if (meta.kind != DocKind::kSummary && is_heading && Capture(RuleId::kItemHeading, b.text, &g)) {
        start_item(b, g[0], g[1], RuleId::kItemHeading);
        continue;
      }
      if (b.kind == BlockKind::kCell && Matches(RuleId::kItemNumberOnly, b.text) &&
          i + 1 < p.blocks.size() && p.blocks[i + 1].kind == BlockKind::kCell &&
          p.blocks[i + 1].table == b.table && p.blocks[i + 1].row == b.row &&
          StartsWithLetter(p.blocks[i + 1].text)) {
        // "1.3." | "Borgermillionen"; not "9.500" | "9.500" in an annex table.
        Capture(RuleId::kItemNumberOnly, b.text, &g);
        start_item(b, g[0], p.blocks[i + 1].text, RuleId::kItemNumberOnly);
        ++i;
        continue;
      }
      if (meta.kind == DocKind::kFollowup && b.kind == BlockKind::kCell && b.col == 0 &&
          is_heading && IsHeaderRow(p.blocks, i, heading)) {
        // A follow-up item without a number: the first cell of its table's
        // header row (every cell of it set as a heading).
        start_item(b, std::nullopt, b.text, RuleId::kItemHeading);
        open->evidence.rule = "segment.item_unnumbered";
        continue;
      }
      if (meta.kind == DocKind::kSummary && b.kind == BlockKind::kParagraph &&
          Capture(RuleId::kPointHeading, b.text, &g)) {
        start_item(b, g[0], g[1], RuleId::kPointHeading);
        continue;
      }
      if (open != nullptr) {
        if (!open->text.empty()) open->text += '\n';
        open->text += b.text;
      }
    }
  }

  // A table of contents names chapters and items before the text does: the
  // last of several headings with one number is the real one.
  auto keep_last = [](auto& v, auto number_of) {
    std::map<std::string, size_t> last;
    for (size_t i = 0; i < v.size(); ++i) {
      if (!number_of(v[i]).empty()) last[number_of(v[i])] = i;
    }
    std::vector<typename std::decay_t<decltype(v)>::value_type> kept;
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string& n = number_of(v[i]);
      bool empty_text = true;
      if constexpr (std::is_same_v<typename std::decay_t<decltype(v)>::value_type, Item>) {
        empty_text = v[i].text.empty();
      }
      if (!n.empty() && last[n] != i && empty_text) continue;
      kept.push_back(std::move(v[i]));
    }
    v = std::move(kept);
  };
  keep_last(out.chapters, [](const Chapter& c) -> const std::string& { return c.number; });
  static const std::string kNone;
  keep_last(out.items, [](const Item& it) -> const std::string& { return it.number ? *it.number : kNone; });

  std::map<std::string, int> seen;
  for (Item& item : out.items) {
    std::string base = ItemIdBase(meta.key, item.number, item.title);
    int n = ++seen[base];
    item.id = n == 1 ? base : base + "~" + std::to_string(n);
  }
  return out;
}

}  // namespace extractor
