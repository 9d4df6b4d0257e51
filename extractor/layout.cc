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

// Whether two cells touch (share an edge, within 2 points).
bool CellsTouch(const BBox& a, const BBox& b) {
  return a.x0 <= b.x1 + 2 && b.x0 <= a.x1 + 2 && a.y0 <= b.y1 + 2 && b.y0 <= a.y1 + 2;
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

std::optional<BBox> CellAt(const Grid& g, double cx, double cy) {
  if (g.vertical.empty() || g.horizontal.empty()) return std::nullopt;
  double left = -1e300, right = 1e300, top = -1e300, bottom = 1e300;
  for (const Segment& s : g.vertical) {
    if (cy < s.lo - 1 || cy > s.hi + 1) continue;
    if (s.pos <= cx) left = std::max(left, s.pos);
    else right = std::min(right, s.pos);
  }
  for (const Segment& s : g.horizontal) {
    if (cx < s.lo - 1 || cx > s.hi + 1) continue;
    if (s.pos <= cy) top = std::max(top, s.pos);
    else bottom = std::min(bottom, s.pos);
  }
  if (left < -1e299 || right > 1e299 || top < -1e299 || bottom > 1e299) return std::nullopt;
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
  int region = -1;  // -1 running text, otherwise an index into the page's cells
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

bool EndsWithHyphen(const std::string& s) {
  size_t start = 0;
  return IsHyphen(LastCodePoint(s, &start)) && start > 0;
}

bool StartsLower(const std::string& s) {
  size_t i = 0;
  return !s.empty() && IsLower(NextCodePoint(s, &i));
}

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
                                 std::vector<int> ids, int region) {
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
      line.region = region;
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

// Whether cell `i` is a box of its own in the page margin (a boxed header or
// footer), not part of a table that goes on into the page: a table's header
// row at the top of every page is content, not furniture.
bool MarginBox(const std::vector<BBox>& cells, size_t i, double page_height) {
  if (!InMarginBand(cells[i], page_height)) return false;
  for (size_t j = 0; j < cells.size(); ++j) {
    if (j != i && CellsTouch(cells[i], cells[j]) && !InMarginBand(cells[j], page_height)) return false;
  }
  return true;
}

void MarkRunningLines(std::vector<std::vector<WorkLine>>& pages,
                      const std::vector<std::vector<BBox>>& cells,
                      const std::vector<LaidPage>& laid) {
  auto candidate = [&](size_t p, const WorkLine& l) {
    if (!InMarginBand(l.box, laid[p].height)) return false;
    return l.region < 0 || MarginBox(cells[p], static_cast<size_t>(l.region), laid[p].height);
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
      bool number = l.region < 0 && !bare && Matches(RuleId::kPageNumber, text);
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

std::string JoinParagraph(const std::vector<const WorkLine*>& lines,
                          const HyphenEvidence& evidence) {
  std::vector<std::string> toks;
  for (const WorkLine* l : lines) {
    for (size_t i = 0; i < l->tokens.size(); ++i) {
      const std::string& t = l->tokens[i];
      if (i == 0 && !toks.empty() && toks.back().back() == '/' && toks.back().size() > 1) {
        toks.back() += t;  // "evaluering/" + "status": a break after a slash
        continue;
      }
      if (i == 0 && !toks.empty() && EndsWithHyphen(toks.back())) {
        HyphenJoin how = DecideHyphen(toks.back(), t, evidence);
        std::string joined = JoinHyphenated(toks.back(), t, how);
        toks.back() = std::move(joined);
        continue;
      }
      toks.push_back(t);
    }
  }
  std::string text;
  for (const std::string& t : toks) {
    if (!text.empty()) text += ' ';
    text += t;
  }
  return text;
}

// Dash variants and invisible characters inside a line, once the line-end
// hyphens have been decided.
std::string CleanText(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
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
  return out;
}

std::vector<Block> BuildBlocks(const std::vector<WorkLine>& lines, const std::vector<BBox>& cells,
                               int page_number, const HyphenEvidence& evidence) {
  // Lines by region, in order.
  std::map<int, std::vector<const WorkLine*>> by_region;
  for (const WorkLine& l : lines) {
    if (!l.removed) by_region[l.region].push_back(&l);
  }
  std::vector<Block> blocks;
  for (auto& [region, rl] : by_region) {
    double right = 0, left = 1e300;
    for (const WorkLine* l : rl) {
      right = std::max(right, l->box.x1);
      left = std::min(left, l->box.x0);
    }
    // The region's line pitch, in font sizes: the usual distance between
    // baselines of consecutive lines. Paragraph spacing adds to it.
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
      b.kind = region < 0 ? BlockKind::kParagraph : BlockKind::kCell;
      b.box = para[0]->box;
      for (const WorkLine* l : para) {
        b.box.Extend(l->box);
        Line out;
        out.text = CleanText(l->Text());
        out.box = l->box;
        out.font_size = l->size;
        out.bold = l->bold;
        out.page = page_number;
        out.words = l->words;
        b.lines.push_back(std::move(out));
      }
      b.text = CleanText(JoinParagraph(para, evidence));
      if (region >= 0) {
        b.table = region;  // refined below
        b.cell = cells[region];
      }
      blocks.push_back(std::move(b));
    }
  }
  // Reading order: by top edge (a cell's top is its upper rule), then left.
  auto top_of = [&](const Block& b) {
    return b.kind == BlockKind::kCell ? cells[b.table].y0 : b.box.y0;
  };
  auto left_of = [&](const Block& b) {
    return b.kind == BlockKind::kCell ? cells[b.table].x0 : b.box.x0;
  };
  std::stable_sort(blocks.begin(), blocks.end(), [&](const Block& a, const Block& b) {
    double ta = top_of(a), tb = top_of(b);
    if (std::fabs(ta - tb) > 2.0) return ta < tb;
    double la = left_of(a), lb = left_of(b);
    if (std::fabs(la - lb) > 2.0) return la < lb;
    return a.box.y0 < b.box.y0;
  });
  // Tables: cells that touch belong to one table. Rows and columns: ranks of
  // the distinct cell tops and lefts within the table.
  std::vector<int> parent(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) parent[i] = static_cast<int>(i);
  std::function<int(int)> find = [&](int i) { return parent[i] == i ? i : parent[i] = find(parent[i]); };
  for (size_t i = 0; i < cells.size(); ++i) {
    for (size_t j = i + 1; j < cells.size(); ++j) {
      if (CellsTouch(cells[i], cells[j])) {
        parent[find(static_cast<int>(i))] = find(static_cast<int>(j));
      }
    }
  }
  std::map<int, int> table_ids;  // root -> table number in reading order
  std::map<int, std::vector<double>> tops, lefts;
  for (size_t i = 0; i < cells.size(); ++i) {
    tops[find(static_cast<int>(i))].push_back(cells[i].y0);
    lefts[find(static_cast<int>(i))].push_back(cells[i].x0);
  }
  auto rank = [](std::vector<double> v, double x) {
    std::sort(v.begin(), v.end());
    int r = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      if (i > 0 && v[i] - v[i - 1] > 2.0) ++r;
      if (std::fabs(v[i] - x) <= 2.0) return r;
    }
    return r;
  };
  for (Block& b : blocks) {
    if (b.kind != BlockKind::kCell) continue;
    int cell = b.table;
    int root = find(cell);
    auto [it, inserted] = table_ids.emplace(root, static_cast<int>(table_ids.size()));
    const BBox& c = cells[cell];
    b.row = rank(tops[root], c.y0);
    b.col = rank(lefts[root], c.x0);
    b.table = it->second;
  }
  return blocks;
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
  b.lines.push_back(std::move(l));
  return b;
}

std::string RowText(const std::vector<Block>& blocks, int table, int row) {
  std::string t;
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::kCell && b.table == table && b.row == row) t += b.text + "\n";
  }
  return t;
}

// A table that runs over a page break repeats its header row on the next
// page (Word's "repeat as header row"). The repeat is not content: when the
// first thing on a page is a table row equal to the first row of the last
// table on the page before, it is dropped.
void DropRepeatedHeaderRows(LaidDocument& doc) {
  // The first row of each page's last table, taken before anything is dropped:
  // a table over three pages repeats the same header twice.
  std::vector<std::string> last_header(doc.pages.size());
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    int last_table = -1;
    for (const Block& b : doc.pages[p].blocks) {
      if (b.kind == BlockKind::kCell) last_table = std::max(last_table, b.table);
    }
    if (last_table >= 0) last_header[p] = RowText(doc.pages[p].blocks, last_table, 0);
  }
  for (size_t p = 1; p < doc.pages.size(); ++p) {
    std::vector<Block>& cur = doc.pages[p].blocks;
    if (cur.empty() || cur[0].kind != BlockKind::kCell || cur[0].row != 0) continue;
    const std::string& header = last_header[p - 1];
    if (header.empty() || header != RowText(cur, cur[0].table, 0)) continue;
    int table = cur[0].table;
    cur.erase(std::remove_if(cur.begin(), cur.end(),
                             [&](const Block& b) {
                               return b.kind == BlockKind::kCell && b.table == table && b.row == 0;
                             }),
              cur.end());
    for (Block& b : cur) {
      if (b.kind == BlockKind::kCell && b.table == table) --b.row;
    }
  }
}

bool EndsSentence(const std::string& s) {
  if (s.empty()) return true;
  char32_t c = LastCodePoint(s);
  return c == U'.' || c == U'!' || c == U'?' || c == U':' || c == U')' || c == U'”' ||
         c == U'"' || !(IsLetter(c) || IsDigit(c) || c == U',' || IsHyphen(c));
}

// Appends `next`, the rest of a paragraph cut by a page break, to `first`,
// undoing a hyphen at the cut.
void AppendContinuation(Block& first, Block&& next, const HyphenEvidence& evidence) {
  std::string& t = first.text;
  if (EndsWithHyphen(t)) {
    size_t sp = t.rfind(' ');
    std::string head = sp == std::string::npos ? "" : t.substr(0, sp + 1);
    std::string tail = sp == std::string::npos ? t : t.substr(sp + 1);
    size_t msp = next.text.find(' ');
    std::string word = msp == std::string::npos ? next.text : next.text.substr(0, msp);
    std::string rest = msp == std::string::npos ? "" : next.text.substr(msp);
    t = head + JoinHyphenated(tail, word, DecideHyphen(tail, word, evidence)) + rest;
  } else {
    t += " " + next.text;
  }
  for (Line& l : next.lines) first.lines.push_back(std::move(l));
}

bool RunsOn(const Block& first, const Block& next) {
  return StartsLower(next.text) && (EndsWithHyphen(first.text) || !EndsSentence(first.text));
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

// A table row that Word splits over a page break continues at the top of the
// next page. Read as the source was written, each cell's second half follows
// its first half. The halves are the last row of the page's last table and
// the first row on the next page when the second table lies within the first
// and the second half is visibly unfinished business: an empty first column
// (the row's label was on the page before), or a cell that ended mid-sentence
// and goes on in lower case.
void MergeSplitRows(LaidDocument& doc, const HyphenEvidence& evidence) {
  for (size_t p = 1; p < doc.pages.size(); ++p) {
    std::vector<Block>& prev = doc.pages[p - 1].blocks;
    std::vector<Block>& cur = doc.pages[p].blocks;
    if (prev.empty() || cur.empty()) continue;
    if (prev.back().kind != BlockKind::kCell || cur[0].kind != BlockKind::kCell) continue;
    int tp = prev.back().table, rp = prev.back().row;
    int tc = cur[0].table, rc = cur[0].row;
    auto in_row = [](const Block& b, int t, int r) {
      return b.kind == BlockKind::kCell && b.table == t && b.row == r;
    };
    double pl = 1e300, pr = -1e300, cl = 1e300, cr = -1e300;
    for (const Block& b : prev) {
      if (b.kind == BlockKind::kCell && b.table == tp) {
        pl = std::min(pl, b.cell.x0);
        pr = std::max(pr, b.cell.x1);
      }
    }
    for (const Block& b : cur) {
      if (b.kind == BlockKind::kCell && b.table == tc) {
        cl = std::min(cl, b.cell.x0);
        cr = std::max(cr, b.cell.x1);
      }
    }
    // The second half lies within the first half's table (its outer columns
    // may hold no text on one page).
    if (cl < pl - 3 || cr > pr + 3) continue;

    std::vector<size_t> first_half, second_half;
    for (size_t i = 0; i < prev.size(); ++i) {
      if (in_row(prev[i], tp, rp)) first_half.push_back(i);
    }
    for (size_t i = 0; i < cur.size(); ++i) {
      if (in_row(cur[i], tc, rc)) second_half.push_back(i);
    }
    auto same_column = [](const Block& a, const Block& b) {
      return std::fabs(a.cell.x0 - b.cell.x0) <= 2 && std::fabs(a.cell.x1 - b.cell.x1) <= 2;
    };
    bool label_was_before = false, unfinished = false;
    {
      bool first_col_before = false, first_col_now = false;
      for (size_t i : first_half) first_col_before |= std::fabs(prev[i].cell.x0 - pl) <= 2;
      for (size_t i : second_half) first_col_now |= std::fabs(cur[i].cell.x0 - cl) <= 2;
      label_was_before = first_col_before && !first_col_now;
    }
    // The first block of each column in the second half may run on from the
    // last block of that column in the first half.
    std::vector<double> columns_seen;
    for (size_t j : second_half) {
      bool seen = false;
      for (double x : columns_seen) seen |= std::fabs(x - cur[j].cell.x0) <= 2;
      if (seen) continue;
      columns_seen.push_back(cur[j].cell.x0);
      const Block* last = nullptr;
      for (size_t i : first_half) {
        if (same_column(prev[i], cur[j])) last = &prev[i];
      }
      if (last != nullptr && RunsOn(*last, cur[j])) unfinished = true;
    }
    if (!label_was_before && !unfinished) continue;

    // Move the second half behind the first, cell by cell.
    std::vector<Block> moved;
    for (size_t j : second_half) moved.push_back(cur[j]);
    std::vector<bool> take(cur.size(), false);
    for (size_t j : second_half) take[j] = true;
    std::vector<Block> rest;
    for (size_t i = 0; i < cur.size(); ++i) {
      if (!take[i]) rest.push_back(std::move(cur[i]));
    }
    for (Block& b : rest) {
      if (b.kind == BlockKind::kCell && b.table == tc) --b.row;
    }
    cur = std::move(rest);
    for (Block& m : moved) {
      m.table = tp;
      m.row = rp;
      // The last block of the same column in the first half.
      size_t at = prev.size();
      for (size_t i = 0; i < prev.size(); ++i) {
        if (in_row(prev[i], tp, rp) && same_column(prev[i], m)) at = i;
      }
      if (at == prev.size()) {
        // A column empty before the break: keep left-to-right order.
        for (size_t i = 0; i < prev.size(); ++i) {
          if (in_row(prev[i], tp, rp) && prev[i].cell.x0 < m.cell.x0) at = i;
        }
      }
      if (at < prev.size() && same_column(prev[at], m) && RunsOn(prev[at], m)) {
        // One paragraph cut by the page break: join it again.
        AppendContinuation(prev[at], std::move(m), evidence);
        continue;
      }
      size_t pos = at == prev.size() ? prev.size() : at + 1;
      // Keep several moved blocks of one column in their order.
      while (pos < prev.size() && in_row(prev[pos], tp, rp) && prev[pos].page == m.page &&
             same_column(prev[pos], m)) {
        ++pos;
      }
      prev.insert(prev.begin() + static_cast<long>(pos), std::move(m));
    }
  }
}

}  // namespace

bool IsPageNumberText(const std::string& text) { return Matches(RuleId::kPageNumber, text); }

LaidDocument Layout(const RawDocument& raw) {
  LaidDocument out;
  out.diagnostics = raw.diagnostics;
  std::vector<std::vector<WorkLine>> page_lines(raw.pages.size());
  std::vector<std::vector<BBox>> page_cells(raw.pages.size());
  out.pages.resize(raw.pages.size());

  for (size_t p = 0; p < raw.pages.size(); ++p) {
    const RawPage& page = raw.pages[p];
    LaidPage& lp = out.pages[p];
    lp.number = page.number;
    lp.width = page.width;
    lp.height = page.height;

    Grid grid = BuildGrid(page);
    std::vector<BBox>& cells = page_cells[p];
    std::map<std::tuple<long, long, long, long>, int> cell_ids;
    std::map<int, std::vector<int>> region_words;
    for (size_t i = 0; i < page.words.size(); ++i) {
      const Word& w = page.words[i];
      if (!w.upright) continue;
      int region = -1;
      if (auto c = CellAt(grid, w.box.CenterX(), w.box.CenterY())) {
        auto key = std::make_tuple(std::lround(c->x0 * 4), std::lround(c->y0 * 4),
                                   std::lround(c->x1 * 4), std::lround(c->y1 * 4));
        auto [it, inserted] = cell_ids.emplace(key, static_cast<int>(cells.size()));
        if (inserted) cells.push_back(*c);
        region = it->second;
      }
      // A coloured mark read as a smiley counts only in a table cell, where
      // follow-ups put them; elsewhere it is part of a figure.
      if (w.from_shape && region < 0) continue;
      region_words[region].push_back(static_cast<int>(i));
    }
    for (auto& [region, ids] : region_words) {
      std::vector<WorkLine> ls = BuildLines(page, raw, std::move(ids), region);
      for (WorkLine& l : ls) page_lines[p].push_back(std::move(l));
    }
  }

  MarkRunningLines(page_lines, page_cells, out.pages);

  // The document's own vocabulary, for hyphenation evidence: every word that
  // is not split at a line end.
  std::unordered_map<std::string, int> vocabulary;
  for (const auto& lines : page_lines) {
    for (const WorkLine& l : lines) {
      if (l.removed) continue;
      for (size_t i = 0; i < l.tokens.size(); ++i) {
        if (i + 1 == l.tokens.size() && EndsWithHyphen(l.tokens[i])) continue;
        ++vocabulary[WordKey(l.tokens[i])];
      }
    }
  }
  // The dictionary is not consulted here: loading hunspell-da costs more
  // than reading a 40-page document, and the document's own vocabulary
  // decides the same cases (see UrlHyphen).
  HyphenEvidence evidence;
  evidence.doc_words = &vocabulary;

  for (size_t p = 0; p < raw.pages.size(); ++p) {
    LaidPage& lp = out.pages[p];
    for (const WorkLine& l : page_lines[p]) {
      if (!l.removed) continue;
      std::string t = CleanText(l.Text());
      if (IsPageNumberText(t) && !lp.page_label) lp.page_label = t;
      (l.box.y1 < 0.5 * lp.height ? lp.header : lp.footer).push_back(t);
    }
    lp.blocks = BuildBlocks(page_lines[p], page_cells[p], lp.number, evidence);
    if (auto rb = RotatedBlock(raw.pages[p])) lp.blocks.push_back(std::move(*rb));
    for (Block& b : lp.blocks) b.page = lp.number;
  }
  DropRepeatedHeaderRows(out);
  MergeSplitRows(out, evidence);
  MergeSplitParagraphs(out, evidence);
  return out;
}

std::string RenderText(const LaidDocument& doc) {
  std::string out;
  for (const LaidPage& p : doc.pages) {
    for (const Block& b : p.blocks) {
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
        std::snprintf(buf, sizeof buf, "  cell r%d c%d ", b.row, b.col);
        out += buf;
      } else {
        out += "  para ";
      }
      out += box(b.box) + "\n";
      for (const Line& l : b.lines) {
        std::snprintf(buf, sizeof buf, "    %s %.1f%s | ", box(l.box).c_str(), l.font_size,
                      l.bold ? " bold" : "");
        out += buf + l.text + "\n";
      }
    }
  }
  return out;
}

}  // namespace extractor
