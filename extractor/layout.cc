#include "layout.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

#include "hyphen.h"
#include "rules.h"
#include "unicode.h"

namespace extractor {
namespace {

// ---- ruling lines and cells ----

struct Segment {
  double pos;     // x of a vertical rule, y of a horizontal one
  double lo, hi;  // its extent along the other axis
};

struct Grid {
  std::vector<Segment> vertical, horizontal;
};

constexpr double kThin = 3.0;   // a rule is at most this thick
// Running headers, footers and page numbers live in the top and bottom
// eighth of a page.
constexpr double kMarginBand = 0.12;
constexpr double kTouch = 2.5;  // how close rule ends must be to meet

// Whether a box lies in the top or bottom band of its page.
bool InMarginBand(const BBox& b, double page_height) {
  return b.y1 < kMarginBand * page_height || b.y0 > (1 - kMarginBand) * page_height;
}

Grid BuildGrid(const RawPage& page) {
  std::vector<Segment> v, h;
  for (const Rule& r : page.rules) {
    if (r.curved) continue;
    double w = r.box.Width(), ht = r.box.Height();
    if (ht <= kThin && w >= 4) h.push_back({r.box.CenterY(), r.box.x0, r.box.x1});
    else if (w <= kThin && ht >= 4) v.push_back({r.box.CenterX(), r.box.y0, r.box.y1});
  }
  // Only rules that meet a rule of the other direction make a grid; this keeps
  // underlines and separators from cutting paragraphs into cells.
  Grid g;
  auto meets = [](const Segment& s, const std::vector<Segment>& others) {
    for (const Segment& o : others) {
      bool crosses = s.pos >= o.lo - kTouch && s.pos <= o.hi + kTouch;
      bool at_end = std::fabs(o.pos - s.lo) <= kTouch || std::fabs(o.pos - s.hi) <= kTouch ||
                    (o.pos > s.lo && o.pos < s.hi);
      if (crosses && at_end) return true;
    }
    return false;
  };
  for (const Segment& s : v) {
    if (meets(s, h)) g.vertical.push_back(s);
  }
  for (const Segment& s : h) {
    if (meets(s, v)) g.horizontal.push_back(s);
  }
  return g;
}

// The cell of the grid around a point. A row that a page break cuts (a
// browser draws its lower border on the next page only) has no rule below
// it on this page, nor above it on the next: there the cell ends where its
// side rules end.
std::optional<BBox> CellAt(const Grid& g, double cx, double cy) {
  if (g.vertical.empty() || g.horizontal.empty()) return std::nullopt;
  double left = -1e300, right = 1e300, top = -1e300, bottom = 1e300;
  const Segment* left_rule = nullptr;
  const Segment* right_rule = nullptr;
  for (const Segment& s : g.vertical) {
    if (cy < s.lo - 1 || cy > s.hi + 1) continue;
    if (s.pos <= cx) {
      if (s.pos > left) {
        left = s.pos;
        left_rule = &s;
      }
    } else if (s.pos < right) {
      right = s.pos;
      right_rule = &s;
    }
  }
  if (left_rule == nullptr || right_rule == nullptr) return std::nullopt;
  for (const Segment& s : g.horizontal) {
    if (cx < s.lo - 1 || cx > s.hi + 1) continue;
    if (s.pos <= cy) top = std::max(top, s.pos);
    else bottom = std::min(bottom, s.pos);
  }
  double sides_top = std::max(left_rule->lo, right_rule->lo);
  double sides_bottom = std::min(left_rule->hi, right_rule->hi);
  if (top < -1e299 || top < sides_top - kTouch) top = sides_top;
  if (bottom > 1e299 || bottom > sides_bottom + kTouch) bottom = sides_bottom;
  if (cy < top - 1 || cy > bottom + 1 || bottom - top < 2) return std::nullopt;
  return BBox{left, top, right, bottom};
}

// ---- lines ----

struct WorkLine {
  std::vector<int> words;           // indexes into RawPage::words, left to right
  std::vector<std::string> tokens;  // the words' text, a lone line-end hyphen merged
  BBox box;
  double baseline = 0;
  double size = 0;
  bool bold = false;
  int cell = -1;  // -1 running text, otherwise an index into the page's cells
  double gap_after_first = 0;  // space after the first word, in font sizes
  double first_width = 0;      // width of the first word
  bool first_bold = false;     // the first and last word are set bold
  bool last_bold = false;
  bool removed = false;  // a running header, footer or page number
  std::string Text() const {
    std::string t;
    for (const std::string& s : tokens) {
      if (!t.empty()) t += ' ';
      t += s;
    }
    return t;
  }
};

bool IsLoneHyphen(const std::string& s) {
  size_t start = 0;
  return !s.empty() && IsHyphen(LastCodePoint(s, &start)) && start == 0;
}

// Text drawn twice over itself (fake bold by overprinting, or a second text
// layer) is read once: of two words on one line where one lies within the
// other (give or take a fraction of its size) and repeats its text or a part
// of it, the shorter goes. `line` is sorted by left edge, so the copy
// is among the few words before it.
void DropOverprints(const RawPage& page, std::vector<int>& line) {
  std::vector<int> kept;
  kept.reserve(line.size());
  for (int id : line) {
    const Word& w = page.words[id];
    double tol = 0.15 * w.font_size;
    bool copy = false;
    for (size_t k = kept.size(); k > 0 && kept.size() - k < 4 && !copy; --k) {
      const Word& o = page.words[kept[k - 1]];
      if (w.box.x0 > o.box.x1) break;
      const Word& longer = o.text.size() >= w.text.size() ? o : w;
      const Word& shorter = o.text.size() >= w.text.size() ? w : o;
      copy = shorter.box.x0 >= longer.box.x0 - tol && shorter.box.x1 <= longer.box.x1 + tol &&
             longer.text.find(shorter.text) != std::string::npos;
      if (copy && &longer == &w) kept[k - 1] = id;  // keep the longer reading
    }
    if (!copy) kept.push_back(id);
  }
  line = std::move(kept);
}

// Builds the lines of one region from its words.
std::vector<WorkLine> BuildLines(const RawPage& page, const RawDocument& raw,
                                 std::vector<int> ids, int cell) {
  std::sort(ids.begin(), ids.end(), [&](int a, int b) {
    const Word& wa = page.words[a];
    const Word& wb = page.words[b];
    if (std::fabs(wa.baseline - wb.baseline) > 0.01) return wa.baseline < wb.baseline;
    return wa.box.x0 < wb.box.x0;
  });
  std::vector<WorkLine> lines;
  std::vector<std::vector<int>> groups;
  std::vector<double> group_base, group_size;
  for (int id : ids) {
    const Word& w = page.words[id];
    bool placed = false;
    if (!groups.empty()) {
      size_t g = groups.size() - 1;
      double tol = 0.4 * std::max(w.font_size, group_size[g]);
      double overlap = std::min(w.box.y1, page.words[groups[g].back()].box.y1) -
                       std::max(w.box.y0, page.words[groups[g].back()].box.y0);
      double minh = std::min(w.box.Height(), page.words[groups[g].back()].box.Height());
      if (std::fabs(w.baseline - group_base[g]) <= tol || (minh > 0 && overlap > 0.7 * minh)) {
        groups[g].push_back(id);
        placed = true;
      }
    }
    if (!placed) {
      groups.push_back({id});
      group_base.push_back(w.baseline);
      group_size.push_back(w.font_size);
    }
  }
  for (auto& g : groups) {
    std::sort(g.begin(), g.end(),
              [&](int a, int b) { return page.words[a].box.x0 < page.words[b].box.x0; });
    DropOverprints(page, g);
    // Split at gaps no running text has: columns of an unruled table. In
    // the page margins a smaller gap already separates: a page number set
    // at the right end of a header or of the first line ("... nationale
    // <gap> Side 4 af 23") is a line of its own.
    bool margin = InMarginBand(page.words[g[0]].box, page.height);
    std::vector<std::vector<int>> parts(1);
    for (size_t i = 0; i < g.size(); ++i) {
      if (i > 0) {
        const Word& p = page.words[g[i - 1]];
        const Word& w = page.words[g[i]];
        double gap = w.box.x0 - p.box.x1;
        double split = margin ? 1.5 * w.font_size : std::max(4.0 * w.font_size, 36.0);
        if (gap > split) parts.emplace_back();
      }
      parts.back().push_back(g[i]);
    }
    for (auto& part : parts) {
      WorkLine line;
      line.cell = cell;
      line.words = part;
      const Word& first = page.words[part[0]];
      line.box = first.box;
      line.baseline = first.baseline;
      double size_sum = 0;
      int bold_chars = 0, chars = 0;
      for (size_t i = 0; i < part.size(); ++i) {
        const Word& w = page.words[part[i]];
        line.box.Extend(w.box);
        size_sum += w.font_size;
        int n = static_cast<int>(w.text.size());
        chars += n;
        if (w.font >= 0 && raw.fonts[w.font].bold) bold_chars += n;
        if (i == 0) {
          // Word's second-level bullet is a plain "o" followed by a tab.
          bool o_bullet = w.text == "o" && part.size() > 1 &&
                          page.words[part[1]].box.x0 - w.box.x1 > 0.45 * w.font_size;
          line.tokens.push_back(o_bullet ? "\u25E6" : w.text);
          continue;
        }
        const Word& p = page.words[part[i - 1]];
        double gap = w.box.x0 - p.box.x1;
        bool last = i + 1 == part.size();
        if (last && IsLoneHyphen(w.text) && gap < 0.18 * w.font_size &&
            !IsHyphen(LastCodePoint(line.tokens.back()))) {
          // "økono -": some producers set the line-end hyphen apart.
          line.tokens.back() += w.text;
        } else if (gap < 0.08 * w.font_size && !p.space_after) {
          line.tokens.back() += w.text;  // a font change inside a word
        } else {
          line.tokens.push_back(w.text);
        }
      }
      line.size = size_sum / static_cast<double>(part.size());
      line.first_width = first.box.Width();
      auto is_bold = [&](int id) {
        int f = page.words[id].font;
        return f >= 0 && raw.fonts[f].bold;
      };
      line.first_bold = is_bold(part.front());
      line.last_bold = is_bold(part.back());
      if (part.size() > 1) {
        line.gap_after_first =
            (page.words[part[1]].box.x0 - page.words[part[0]].box.x1) / std::max(line.size, 1.0);
      }
      line.bold = chars > 0 && bold_chars * 2 > chars;
      lines.push_back(std::move(line));
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const WorkLine& a, const WorkLine& b) {
    if (std::fabs(a.baseline - b.baseline) > 0.5 * std::min(a.size, b.size)) {
      return a.baseline < b.baseline;
    }
    return a.box.x0 < b.box.x0;
  });
  return lines;
}

// ---- running headers and footers ----

// A line as it repeats from page to page: digit runs stand for any number
// ("Side 9 af 40" and "Side 10 af 40" are one line), and the font size counts.
std::string RepetitionKey(const WorkLine& l) {
  std::string k;
  for (char c : l.Text()) {
    bool digit = c >= '0' && c <= '9';
    if (!digit) k += c;
    else if (k.empty() || k.back() != '#') k += '#';
  }
  k += '|' + std::to_string(static_cast<int>(std::lround(l.size)));
  return k;
}

// Which region a cell lies in: the one holding its centre.
int RegionOf(const std::vector<Region>& regions, const BBox& cell) {
  for (size_t i = 0; i < regions.size(); ++i) {
    const BBox& r = regions[i].box;
    if (cell.CenterX() >= r.x0 - 1 && cell.CenterX() <= r.x1 + 1 && cell.CenterY() >= r.y0 - 1 &&
        cell.CenterY() <= r.y1 + 1) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// Whether a cell is a box of its own in the page margin (a boxed header or
// footer), not part of a table that goes on into the page: a table's header
// row at the top of every page, and its last rows at the foot, are content.
bool MarginBox(const LaidPage& page, const BBox& cell) {
  if (!InMarginBand(cell, page.height)) return false;
  int region = RegionOf(page.regions, cell);
  return region < 0 || InMarginBand(page.regions[static_cast<size_t>(region)].box, page.height);
}

void MarkRunningLines(std::vector<std::vector<WorkLine>>& pages,
                      const std::vector<std::vector<BBox>>& cells,
                      const std::vector<LaidPage>& laid) {
  auto candidate = [&](size_t p, const WorkLine& l) {
    if (!InMarginBand(l.box, laid[p].height)) return false;
    return l.cell < 0 || MarginBox(laid[p], cells[p][static_cast<size_t>(l.cell)]);
  };
  // A running line stands at the same place on every page: its baseline's
  // distance from the page edge it is near.
  auto edge_distance = [&](size_t p, const WorkLine& l) {
    return l.box.y1 < 0.5 * laid[p].height ? l.baseline : laid[p].height - l.baseline;
  };
  std::unordered_map<std::string, std::vector<std::pair<size_t, double>>> places;
  for (size_t p = 0; p < pages.size(); ++p) {
    for (const WorkLine& l : pages[p]) {
      if (candidate(p, l)) places[RepetitionKey(l)].emplace_back(p, edge_distance(p, l));
    }
  }
  // On how many pages the line stands, there or within two points of it.
  auto pages_with = [&](size_t p, const WorkLine& l) {
    double d = edge_distance(p, l);
    int count = 0;
    size_t last = SIZE_MAX;
    for (const auto& [q, dq] : places[RepetitionKey(l)]) {
      if (q != last && std::fabs(dq - d) <= 2.0) {
        ++count;
        last = q;
      }
    }
    return count;
  };
  int n = static_cast<int>(pages.size());
  int need = std::max(3, (n + 1) / 2);
  for (size_t p = 0; p < pages.size(); ++p) {
    // A running line runs beside the page's own text: on a page whose only
    // text is a short line that changes from page to page ("Potato 0",
    // "Potato 1"), that line is the text.
    bool has_body = false;
    for (const WorkLine& l : pages[p]) {
      has_body = has_body || !candidate(p, l) || pages_with(p, l) < need;
    }
    for (WorkLine& l : pages[p]) {
      if (!candidate(p, l)) continue;
      // "Side 3 af 40" in a margin is a page number even on a short
      // document; a bare "17" only when it repeats like one (a table's last
      // number can stand alone at the foot of a page). A boxed header or
      // footer goes for repeating, never for looking like a number.
      std::string text = l.Text();
      bool bare = text.find_first_not_of("0123456789") == std::string::npos;
      bool number = l.cell < 0 && !bare && Matches(RuleId::kPageNumber, text);
      if (number || (has_body && n >= 3 && pages_with(p, l) >= need)) l.removed = true;
    }
  }
}

// ---- paragraphs ----

// A bullet glyph always opens a list item. A dash, a number or a letter
// does so only when a tab follows it: "5. september" and "- del 1" at the
// start of a line are running text.
bool StartsWithListMarker(const WorkLine& l) {
  if (l.tokens.empty() || !Matches(RuleId::kListMarker, l.tokens[0])) return false;
  size_t first = 0;
  char32_t c = NextCodePoint(l.tokens[0], &first);
  bool bullet = c == 0x2022 || c == 0x25CF || c == 0x25AA || c == 0x25A0 || c == 0x25C6 ||
                c == 0x2756 || c == 0x27A2 || c == 0x2713 || c == 0x25E6;
  // "1.2." (two levels) numbers an item or a contents line, never a date.
  bool multi_level = std::count(l.tokens[0].begin(), l.tokens[0].end(), '.') >= 2 &&
                     IsDigit(c);
  return bullet || multi_level || l.gap_after_first >= 0.45;
}

// A paragraph's text, and where each of its lines begins in it.
struct Joined {
  std::string text;
  std::vector<size_t> starts;
};

Joined JoinParagraph(const std::vector<const WorkLine*>& lines, const HyphenEvidence& evidence) {
  std::vector<std::string> toks;
  // Per line: the token it begins in, and the byte it begins at there.
  std::vector<std::pair<size_t, size_t>> at;
  for (const WorkLine* l : lines) {
    for (size_t i = 0; i < l->tokens.size(); ++i) {
      const std::string& t = l->tokens[i];
      if (i == 0 && !toks.empty() && toks.back().back() == '/' && toks.back().size() > 1) {
        at.emplace_back(toks.size() - 1, toks.back().size());
        toks.back() += t;  // "evaluering/" + "status": a break after a slash
        continue;
      }
      if (i == 0 && !toks.empty() && EndsWithHyphen(toks.back())) {
        HyphenJoin how = DecideHyphen(toks.back(), t, evidence);
        std::string joined = JoinHyphenated(toks.back(), t, how);
        at.emplace_back(toks.size() - 1, joined.size() - t.size());  // `t` ends the join
        toks.back() = std::move(joined);
        continue;
      }
      if (i == 0) at.emplace_back(toks.size(), 0);
      toks.push_back(t);
    }
  }
  Joined out;
  std::vector<size_t> token_at;
  for (const std::string& t : toks) {
    if (!out.text.empty()) out.text += ' ';
    token_at.push_back(out.text.size());
    out.text += t;
  }
  for (const auto& [tok, off] : at) {
    out.starts.push_back(tok < token_at.size() ? token_at[tok] + off : out.text.size());
  }
  return out;
}

// Dash variants and invisible characters inside a line, once the line-end
// hyphens have been decided.
//
// `offsets`, sorted byte positions in `s`, become the positions of the same
// places in the result.
std::string CleanText(const std::string& s, std::vector<size_t>* offsets = nullptr) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  size_t next_offset = 0;
  while (i < s.size()) {
    if (offsets != nullptr) {
      while (next_offset < offsets->size() && (*offsets)[next_offset] <= i) {
        (*offsets)[next_offset++] = out.size();
      }
    }
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x80 && b != '.') {  // plain ASCII: as it is
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    size_t at = i;
    char32_t c = NextCodePoint(s, &i);
    // Dot leaders of a table of contents ("Indledning.......5") read as a space.
    if (c == U'.' || c == 0x2026 || c == 0x00B7) {
      size_t j = at, dots = 0;
      while (j < s.size()) {
        size_t k = j;
        char32_t d = NextCodePoint(s, &k);
        if (d != U'.' && d != 0x2026 && d != 0x00B7 && d != U' ') break;
        dots += d == 0x2026 ? 3 : (d == U' ' ? 0 : 1);
        j = k;
      }
      if (dots >= 5) {
        if (!out.empty() && out.back() != ' ') out += ' ';
        i = j;
        continue;
      }
    }
    if (c == 0x00AD || c == 0x200B || c == 0xFEFF) continue;  // soft hyphen, zero widths
    if (c == U'\t') c = U' ';
    // Control characters and non-characters have no place in text (nor in XML).
    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF)) continue;
    if (c == 0x2010 || c == 0x2011) c = U'-';
    if (c >= 0xFB00 && c <= 0xFB06) {  // ligatures
      static const char* const kLig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
      out += kLig[c - 0xFB00];
      continue;
    }
    AppendUtf8(out, c);
  }
  if (offsets != nullptr) {
    for (; next_offset < offsets->size(); ++next_offset) (*offsets)[next_offset] = out.size();
  }
  return out;
}

// Two columns of text inside one ruled cell (a table whose inner border is
// not drawn): where a vertical band no word crosses, at least a font size
// wide, has a column of text on each side, the cell is two cells. Returns
// the x where each right-hand column's text begins (less a point). A narrow
// column of bullets or numbers beside its text is no column: each side must
// be three font sizes wide.
std::vector<double> Gutters(const RawPage& page, const std::vector<int>& ids) {
  if (ids.size() < 4) return {};
  std::vector<std::pair<double, double>> spans;
  std::vector<double> sizes;
  for (int id : ids) {
    const Word& w = page.words[static_cast<size_t>(id)];
    spans.emplace_back(w.box.x0, w.box.x1);
    sizes.push_back(w.font_size);
  }
  std::sort(spans.begin(), spans.end());
  std::nth_element(sizes.begin(), sizes.begin() + static_cast<long>(sizes.size() / 2), sizes.end());
  double size = sizes[sizes.size() / 2];
  // The text's x coverage, merged: its holes are bands no word crosses.
  std::vector<std::pair<double, double>> covered;
  for (const auto& s : spans) {
    if (!covered.empty() && s.first <= covered.back().second) {
      covered.back().second = std::max(covered.back().second, s.second);
    } else {
      covered.push_back(s);
    }
  }
  std::vector<double> out;
  double left_start = covered.empty() ? 0 : covered[0].first;
  for (size_t i = 1; i < covered.size(); ++i) {
    double gap = covered[i].first - covered[i - 1].second;
    if (gap < std::max(1.0 * size, 7.0)) continue;
    double left_width = covered[i - 1].second - left_start;
    double right_width = covered.back().second - covered[i].first;
    if (left_width < 3 * size || right_width < 3 * size) continue;
    out.push_back(covered[i].first - 1.0);
    left_start = covered[i].first;
  }
  return out;
}

// A cell's shading: the last filled rectangle drawn under most of it, when it
// has a colour (not white). Follow-ups may show a status as the colour of
// the cell alone.
std::optional<Rgb> CellFill(const RawPage& page, const BBox& cell) {
  double area = std::max(cell.Width() * cell.Height(), 1e-6);
  std::optional<Rgb> fill;
  for (const Rule& r : page.rules) {
    if (!r.filled || r.curved) continue;
    double w = std::min(r.box.x1, cell.x1) - std::max(r.box.x0, cell.x0);
    double h = std::min(r.box.y1, cell.y1) - std::max(r.box.y0, cell.y0);
    if (w <= 0 || h <= 0 || w * h < 0.8 * area) continue;
    bool white = ((r.color >> 16) & 0xFF) > 240 && ((r.color >> 8) & 0xFF) > 240 && (r.color & 0xFF) > 240;
    fill = white ? std::nullopt : std::optional<Rgb>(r.color);
  }
  return fill;
}

std::vector<Block> BuildBlocks(const std::vector<WorkLine>& lines, const std::vector<BBox>& cells,
                               const std::vector<BBox>& shaded_empty, const std::vector<Region>& regions,
                               const RawPage& page, const HyphenEvidence& evidence) {
  // Lines by cell (-1: running text), in order.
  std::map<int, std::vector<const WorkLine*>> by_cell;
  for (const WorkLine& l : lines) {
    if (!l.removed) by_cell[l.cell].push_back(&l);
  }
  std::vector<Block> blocks;
  for (auto& [cell, rl] : by_cell) {
    double right = 0, left = 1e300;
    for (const WorkLine* l : rl) {
      right = std::max(right, l->box.x1);
      left = std::min(left, l->box.x0);
    }
    // The line pitch, in font sizes: the usual distance between baselines of
    // consecutive lines. Paragraph spacing adds to it.
    std::vector<double> pitches;
    for (size_t i = 1; i < rl.size(); ++i) {
      double d = (rl[i]->baseline - rl[i - 1]->baseline) / std::max(rl[i]->size, 1.0);
      if (d > 0.5 && d < 2.0) pitches.push_back(d);
    }
    double pitch = 0;
    if (!pitches.empty()) {
      std::nth_element(pitches.begin(), pitches.begin() + static_cast<long>(pitches.size() / 2),
                       pitches.end());
      pitch = pitches[pitches.size() / 2];
    }
    std::vector<std::vector<const WorkLine*>> paras;
    for (const WorkLine* l : rl) {
      bool join = false;
      if (!paras.empty()) {
        const WorkLine* p = paras.back().back();
        double size = std::max(p->size, l->size);
        bool below = l->baseline > p->baseline + 0.5 * size;
        bool close = l->baseline - p->baseline <= 1.7 * size;
        // Style where the lines meet: a bold label opening a line ("Ansvarligt
        // udvalg: Børne- og") starts a paragraph; its regular continuation
        // ("Skoleudvalget") does not.
        bool same_style = std::fabs(p->size - l->size) <= 0.15 * size && p->last_bold == l->first_bold;
        bool hyphen = EndsWithHyphen(p->tokens.back());
        // Would the next line's first word have fitted on this one? Then this
        // line ended its paragraph on purpose.
        // (A space is about a quarter of the font size.)
        bool short_line = p->box.x1 + 0.3 * size + l->first_width < right;
        // A line ending in a hyphen before a lower-case word runs on, even
        // where a bold label ("Ansvarligt center:") changed the line's style.
        bool runs_on = hyphen && !l->tokens.empty() && StartsLower(l->tokens[0]);
        // More space than the usual line pitch: paragraph spacing.
        bool spaced = pitch > 0 && l->baseline - p->baseline > (pitch + 0.12) * l->size;
        // Right-aligned lines (a letterhead: "Dato: ...", "Sagsid: ...") end
        // together and start apart; each is a paragraph of its own.
        bool ragged_left = p->box.x0 > left + 4 * size && std::fabs(l->box.x1 - p->box.x1) < 1.0 &&
                           std::fabs(l->box.x0 - p->box.x0) > 1.5 * size;
        join = below && close && !StartsWithListMarker(*l) && !ragged_left &&
               (runs_on || (same_style && !spaced && (hyphen || !short_line)));
      }
      if (join) paras.back().push_back(l);
      else paras.push_back({l});
    }
    for (auto& para : paras) {
      Block b;
      b.kind = cell < 0 ? BlockKind::kParagraph : BlockKind::kCell;
      b.page = page.number;
      b.box = para[0]->box;
      Joined joined = JoinParagraph(para, evidence);
      b.text = CleanText(joined.text, &joined.starts);
      for (size_t i = 0; i < para.size(); ++i) {
        const WorkLine* l = para[i];
        b.box.Extend(l->box);
        Line out;
        out.text = CleanText(l->Text());
        out.box = l->box;
        out.font_size = l->size;
        out.bold = l->bold;
        out.page = page.number;
        out.words = l->words;
        out.start = i < joined.starts.size() ? joined.starts[i] : b.text.size();
        for (int id : l->words) {
          const Word& w = page.words[static_cast<size_t>(id)];
          size_t at = 0;
          char32_t c = w.text.empty() ? 0 : NextCodePoint(w.text, &at);
          // An emoji presentation selector ("☹️" is U+2639 U+FE0F) is part
          // of the symbol.
          size_t after = at;
          if (at < w.text.size()) {
            char32_t vs = NextCodePoint(w.text, &after);
            if (vs == 0xFE0F || vs == 0xFE0E) at = after;
          }
          // One code point, no letter, digit or ASCII punctuation: a symbol.
          if (c >= 0x80 && at == w.text.size() && !IsLetter(c) && !IsDigit(c)) {
            out.marks.push_back(Mark{c, w.color, w.box});
          }
        }
        b.lines.push_back(std::move(out));
      }
      if (cell >= 0) {
        b.cell = cells[static_cast<size_t>(cell)];
        b.region = RegionOf(regions, b.cell);
        b.fill = CellFill(page, b.cell);
      }
      blocks.push_back(std::move(b));
    }
  }
  // A shaded cell without text (a traffic light) is a cell all the same.
  for (const BBox& c : shaded_empty) {
    Block b;
    b.kind = BlockKind::kCell;
    b.page = page.number;
    b.box = c;
    b.cell = c;
    b.region = RegionOf(regions, c);
    b.fill = CellFill(page, c);
    blocks.push_back(std::move(b));
  }
  // Reading order: by top edge (a cell's top is its upper rule), then left.
  auto top_of = [](const Block& b) { return b.kind == BlockKind::kCell ? b.cell.y0 : b.box.y0; };
  auto left_of = [](const Block& b) { return b.kind == BlockKind::kCell ? b.cell.x0 : b.box.x0; };
  std::stable_sort(blocks.begin(), blocks.end(), [&](const Block& a, const Block& b) {
    double ta = top_of(a), tb = top_of(b);
    if (std::fabs(ta - tb) > 2.0) return ta < tb;
    double la = left_of(a), lb = left_of(b);
    if (std::fabs(la - lb) > 2.0) return la < lb;
    return a.box.y0 < b.box.y0;
  });
  return blocks;
}

// The ruled regions of a page: rules that meet each other belong together.
std::vector<Region> BuildRegions(const Grid& g) {
  size_t nv = g.vertical.size(), n = nv + g.horizontal.size();
  std::vector<size_t> parent(n);
  for (size_t i = 0; i < n; ++i) parent[i] = i;
  auto find = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (size_t i = 0; i < nv; ++i) {
    const Segment& v = g.vertical[i];
    for (size_t j = 0; j < g.horizontal.size(); ++j) {
      const Segment& h = g.horizontal[j];
      if (v.pos >= h.lo - kTouch && v.pos <= h.hi + kTouch && h.pos >= v.lo - kTouch &&
          h.pos <= v.hi + kTouch) {
        parent[find(i)] = find(nv + j);
      }
    }
  }
  std::map<size_t, size_t> index;  // root -> region
  std::vector<Region> regions;
  std::vector<std::vector<double>> xs;
  for (size_t i = 0; i < n; ++i) {
    auto [it, inserted] = index.emplace(find(i), regions.size());
    if (inserted) {
      regions.emplace_back();
      regions.back().box = {1e300, 1e300, -1e300, -1e300};
      xs.emplace_back();
    }
    Region& r = regions[it->second];
    if (i < nv) {
      const Segment& v = g.vertical[i];
      r.box.Extend({v.pos, v.lo, v.pos, v.hi});
      xs[it->second].push_back(v.pos);
    } else {
      const Segment& h = g.horizontal[i - nv];
      r.box.Extend({h.lo, h.pos, h.hi, h.pos});
    }
  }
  for (size_t k = 0; k < regions.size(); ++k) {
    std::sort(xs[k].begin(), xs[k].end());
    for (double x : xs[k]) {
      if (regions[k].columns.empty() || x - regions[k].columns.back() > 1.5) {
        regions[k].columns.push_back(x);
      }
    }
  }
  // Top to bottom, then left to right, as they are read.
  std::sort(regions.begin(), regions.end(), [](const Region& a, const Region& b) {
    if (std::fabs(a.box.y0 - b.box.y0) > 2.0) return a.box.y0 < b.box.y0;
    return a.box.x0 < b.box.x0;
  });
  return regions;
}

// Text that is not upright (rotated labels, vertical text): kept in drawing
// order, one block per page, so nothing is lost.
std::optional<Block> RotatedBlock(const RawPage& page) {
  Block b;
  bool any = false;
  const Word* prev = nullptr;
  for (size_t i = 0; i < page.words.size(); ++i) {
    const Word& w = page.words[i];
    if (w.upright) continue;
    if (!any) b.box = w.box;
    any = true;
    b.box.Extend(w.box);
    if (prev != nullptr) {
      double dx = std::max({0.0, w.box.x0 - prev->box.x1, prev->box.x0 - w.box.x1});
      double dy = std::max({0.0, w.box.y0 - prev->box.y1, prev->box.y0 - w.box.y1});
      if (dx + dy > 0.25 * w.font_size) b.text += ' ';
    }
    b.text += w.text;
    prev = &w;
  }
  if (!any) return std::nullopt;
  b.text = CleanText(b.text);
  Line l;
  l.text = b.text;
  l.box = b.box;
  l.page = page.number;
  b.page = page.number;
  b.lines.push_back(std::move(l));
  return b;
}

// The font size most of the document's text is set in.
double BodyFontSize(const LaidDocument& laid) {
  std::map<long, size_t> chars_by_size;  // size in tenths of a point
  for (const LaidPage& p : laid.pages) {
    for (const Block& b : p.blocks) {
      for (const Line& l : b.lines) chars_by_size[std::lround(l.font_size * 10)] += l.text.size();
    }
  }
  long best = 110;
  size_t most = 0;
  for (const auto& [size, n] : chars_by_size) {
    if (n > most) {
      most = n;
      best = size;
    }
  }
  return static_cast<double>(best) / 10.0;
}

// Running text that goes on over a page break is one paragraph.
void MergeSplitParagraphs(LaidDocument& doc, const HyphenEvidence& evidence) {
  for (size_t p = 1; p < doc.pages.size(); ++p) {
    std::vector<Block>& prev = doc.pages[p - 1].blocks;
    std::vector<Block>& cur = doc.pages[p].blocks;
    if (prev.empty() || cur.empty()) continue;
    if (prev.back().kind != BlockKind::kParagraph || cur[0].kind != BlockKind::kParagraph) continue;
    if (std::fabs(prev.back().lines.back().font_size - cur[0].lines[0].font_size) > 0.5) continue;
    if (!RunsOn(prev.back(), cur[0])) continue;
    AppendContinuation(prev.back(), std::move(cur[0]), evidence);
    cur.erase(cur.begin());
  }
}

}  // namespace

bool IsPageNumberText(const std::string& text) { return Matches(RuleId::kPageNumber, text); }

LaidDocument Layout(const RawDocument& raw) {
  LaidDocument out;
  out.diagnostics = raw.diagnostics;
  std::vector<std::vector<WorkLine>> page_lines(raw.pages.size());
  std::vector<std::vector<BBox>> page_cells(raw.pages.size());
  std::vector<std::vector<BBox>> page_shaded(raw.pages.size());  // filled cells with no text
  out.pages.resize(raw.pages.size());

  for (size_t p = 0; p < raw.pages.size(); ++p) {
    const RawPage& page = raw.pages[p];
    LaidPage& lp = out.pages[p];
    lp.number = page.number;
    lp.width = page.width;
    lp.height = page.height;

    Grid grid = BuildGrid(page);
    lp.regions = BuildRegions(grid);
    std::vector<BBox>& cells = page_cells[p];
    std::map<std::tuple<long, long, long, long>, int> cell_ids;
    std::map<int, std::vector<int>> cell_words;
    for (size_t i = 0; i < page.words.size(); ++i) {
      const Word& w = page.words[i];
      if (!w.upright) continue;
      int cell = -1;
      if (auto c = CellAt(grid, w.box.CenterX(), w.box.CenterY())) {
        auto key = std::make_tuple(std::lround(c->x0 * 4), std::lround(c->y0 * 4),
                                   std::lround(c->x1 * 4), std::lround(c->y1 * 4));
        auto [it, inserted] = cell_ids.emplace(key, static_cast<int>(cells.size()));
        if (inserted) cells.push_back(*c);
        cell = it->second;
      }
      // A coloured mark read as a smiley counts only in a table cell, where
      // follow-ups put them; elsewhere it is part of a figure.
      if (w.from_shape && cell < 0) continue;
      cell_words[cell].push_back(static_cast<int>(i));
    }
    // Cells holding two columns of text become two cells, and the column
    // boundary joins the region's columns.
    std::map<int, std::vector<int>> split;
    for (auto& [cell, ids] : cell_words) {
      if (cell < 0) continue;
      std::vector<double> gutters = Gutters(page, ids);
      if (gutters.empty()) continue;
      BBox c = cells[static_cast<size_t>(cell)];
      int region = RegionOf(lp.regions, c);
      std::vector<int> parts = {cell};
      double x0 = c.x0;
      for (double g : gutters) {
        cells[static_cast<size_t>(parts.back())].x1 = g;
        x0 = g;
        parts.push_back(static_cast<int>(cells.size()));
        cells.push_back(BBox{x0, c.y0, c.x1, c.y1});
        if (region >= 0) {
          std::vector<double>& cols = lp.regions[static_cast<size_t>(region)].columns;
          bool known = false;
          for (double x : cols) known = known || std::fabs(x - g) <= 3.0;
          if (!known) {
            cols.push_back(g);
            std::sort(cols.begin(), cols.end());
          }
        }
      }
      std::vector<int> keep;
      for (int id : ids) {
        double cx = page.words[static_cast<size_t>(id)].box.CenterX();
        size_t k = 0;
        while (k < gutters.size() && cx > gutters[k]) ++k;
        if (k == 0) keep.push_back(id);
        else split[parts[k]].push_back(id);
      }
      ids = std::move(keep);
    }
    for (auto& [cell, ids] : split) cell_words[cell] = std::move(ids);
    for (auto& [cell, ids] : cell_words) {
      std::vector<WorkLine> ls = BuildLines(page, raw, std::move(ids), cell);
      for (WorkLine& l : ls) page_lines[p].push_back(std::move(l));
    }
    // Cells filled with a colour and holding no text.
    for (const Rule& r : page.rules) {
      if (!r.filled || r.curved || r.box.Width() < 4 || r.box.Height() < 4) continue;
      std::optional<BBox> c = CellAt(grid, r.box.CenterX(), r.box.CenterY());
      if (!c) continue;
      auto key = std::make_tuple(std::lround(c->x0 * 4), std::lround(c->y0 * 4), std::lround(c->x1 * 4),
                                 std::lround(c->y1 * 4));
      if (cell_ids.count(key) || !CellFill(page, *c)) continue;
      cell_ids.emplace(key, -1);
      page_shaded[p].push_back(*c);
    }
  }

  MarkRunningLines(page_lines, page_cells, out.pages);

  // The document's own vocabulary, for hyphenation evidence: every word that
  // is not split at a line end.
  for (const auto& lines : page_lines) {
    for (const WorkLine& l : lines) {
      if (l.removed) continue;
      for (size_t i = 0; i < l.tokens.size(); ++i) {
        if (i + 1 == l.tokens.size() && EndsWithHyphen(l.tokens[i])) continue;
        ++out.vocabulary[WordKey(l.tokens[i])];
      }
    }
  }
  // The dictionary is not consulted here: loading hunspell-da costs more
  // than reading a 40-page document, and the document's own vocabulary
  // decides the same cases (see UrlHyphen).
  HyphenEvidence evidence;
  evidence.doc_words = &out.vocabulary;

  for (size_t p = 0; p < raw.pages.size(); ++p) {
    LaidPage& lp = out.pages[p];
    for (const WorkLine& l : page_lines[p]) {
      if (!l.removed) continue;
      std::string t = CleanText(l.Text());
      if (IsPageNumberText(t) && !lp.page_label) lp.page_label = t;
      (l.box.y1 < 0.5 * lp.height ? lp.header : lp.footer).push_back(t);
    }
    lp.blocks = BuildBlocks(page_lines[p], page_cells[p], page_shaded[p], lp.regions, raw.pages[p], evidence);
    if (auto rb = RotatedBlock(raw.pages[p])) lp.blocks.push_back(std::move(*rb));
  }
  MergeSplitParagraphs(out, evidence);
  out.body_size = BodyFontSize(out);
  return out;
}

std::string RenderText(const LaidDocument& doc) {
  std::string out;
  for (const LaidPage& p : doc.pages) {
    for (const Block& b : p.blocks) {
      if (b.text.empty()) continue;  // a shaded cell without text
      out += b.text;
      out += '\n';
    }
    out += '\f';
  }
  return out;
}

std::string RenderDump(const LaidDocument& doc) {
  std::string out;
  char buf[256];
  auto box = [&](const BBox& b) {
    std::snprintf(buf, sizeof buf, "[%.1f %.1f %.1f %.1f]", b.x0, b.y0, b.x1, b.y1);
    return std::string(buf);
  };
  for (const LaidPage& p : doc.pages) {
    std::snprintf(buf, sizeof buf, "page %d %.1fx%.1f\n", p.number, p.width, p.height);
    out += buf;
    for (const std::string& h : p.header) out += "  header: " + h + "\n";
    for (const std::string& f : p.footer) out += "  footer: " + f + "\n";
    for (const Block& b : p.blocks) {
      if (b.kind == BlockKind::kCell) {
        std::snprintf(buf, sizeof buf, "  cell t%d r%d c%d%s ", b.table, b.row, b.col,
                      b.col_span > 1 ? ("+" + std::to_string(b.col_span - 1)).c_str() : "");
        out += buf;
        if (b.fill) {
          std::snprintf(buf, sizeof buf, "fill #%06x ", *b.fill);
          out += buf;
        }
      } else {
        out += "  para ";
      }
      out += box(b.box) + "\n";
      for (const Line& l : b.lines) {
        std::snprintf(buf, sizeof buf, "    %s%s %.1f%s | ", l.page != b.page ? "(next page) " : "",
                      box(l.box).c_str(), l.font_size, l.bold ? " bold" : "");
        out += buf + l.text + "\n";
      }
    }
  }
  return out;
}

}  // namespace extractor
