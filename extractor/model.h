// model.h: the plain value types every stage shares.
//
// The reader turns a PDF into RawPages (words, rules, pictures); layout turns
// those into LaidPages of Blocks in reading order; the record builder turns
// that into a Record. Nodes never point at each other: they refer by index.
//
//   Result<RawDocument> raw = ReadPdf(path, options);
//   LaidDocument laid = Layout(*raw);
//   std::string text = RenderText(laid);
#ifndef AFTALE_MODEL_H_
#define AFTALE_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace extractor {

// Page coordinates in PDF points, origin top-left, y grows downwards, after
// the page's /Rotate has been applied (so rotated pages read upright).
struct BBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  double Width() const { return x1 - x0; }
  double Height() const { return y1 - y0; }
  double CenterX() const { return (x0 + x1) / 2; }
  double CenterY() const { return (y0 + y1) / 2; }
  void Extend(const BBox& o) {
    if (o.x0 < x0) x0 = o.x0;
    if (o.y0 < y0) y0 = o.y0;
    if (o.x1 > x1) x1 = o.x1;
    if (o.y1 > y1) y1 = o.y1;
  }
  bool operator==(const BBox&) const = default;
};

// 0xRRGGBB.
using Rgb = std::uint32_t;

// One word as drawn: consecutive glyphs on one baseline without a gap.
struct Word {
  std::string text;  // UTF-8, NFC, symbol fonts already mapped
  BBox box;
  double baseline = 0;
  double font_size = 0;
  Rgb color = 0;
  int font = -1;      // index into RawDocument::fonts
  bool space_after = false;  // the producer drew a space glyph right after it
  bool upright = true;       // false: a glyph of rotated or vertical text
  // Not drawn as text: a smiley drawn as a small coloured picture or vector
  // shape, read as ☺ 😐 ☹ by its colour (reader.h, SmileyForColor). Layout
  // keeps it only inside a ruled table cell.
  bool from_shape = false;
  bool operator==(const Word&) const = default;
};

// A ruling line, a filled rectangle (table borders, cell shading, underlines)
// or a small filled shape (a smiley drawn as vector art).
struct Rule {
  BBox box;
  Rgb color = 0;
  bool filled = false;  // a filled area, not a stroked line
  bool curved = false;  // the outline has curves (circles, not rectangles)
  bool operator==(const Rule&) const = default;
};

// A picture: where it sits and its mean colour (for small pictures only; a
// smiley drawn as an image is told apart by colour).
struct Picture {
  BBox box;
  std::optional<Rgb> mean_color;
  double coverage = 0;  // share of its pixels that are not background (decoded pictures only)
  bool operator==(const Picture&) const = default;
};

struct FontInfo {
  std::string name;  // base font name without the subset prefix
  bool bold = false;
  bool italic = false;
  bool symbolic = false;  // Symbol, Wingdings, Webdings, ZapfDingbats...
  bool operator==(const FontInfo&) const = default;
};

struct RawPage {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<Word> words;  // in content-stream order
  std::vector<Rule> rules;
  std::vector<Picture> pictures;
  bool truncated = false;  // a limit stopped the page early
};

struct Diagnostic {
  std::string code;     // stable id, e.g. "pdf.syntax", "layout.page_truncated"
  std::string message;  // one human sentence
  int page = 0;         // 0 when it concerns the whole document
  bool operator==(const Diagnostic&) const = default;
};

struct DocInfo {
  std::string title, author, creator, producer;
};

struct RawDocument {
  std::vector<RawPage> pages;
  std::vector<FontInfo> fonts;
  DocInfo info;
  int page_count = 0;  // as the file claims it
  std::vector<Diagnostic> diagnostics;
};

// ---- layout ----

enum class BlockKind { kParagraph, kCell };

// A line of words in reading order, hyphenation already undone at its end.
struct Line {
  std::string text;
  BBox box;
  double font_size = 0;
  bool bold = false;
  int page = 0;            // the page it is drawn on
  std::vector<int> words;  // indexes into that page's RawPage::words
  bool operator==(const Line&) const = default;
};

// A paragraph of running text, or the content of one table cell.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  BBox box;
  std::vector<Line> lines;
  int page = 0;    // the page it is drawn on (a split table row's second
                   // half is read with its first half, on the page before)
  int table = -1;  // for cells: which table on the page
  int row = -1, col = -1;
  BBox cell;       // for cells: the cell's rules
  // The paragraph text: lines joined with spaces (or without, where a
  // line-end hyphen was undone).
  std::string text;
  bool operator==(const Block&) const = default;
};

struct LaidPage {
  int number = 0;
  double width = 0, height = 0;
  std::vector<Block> blocks;  // reading order
  std::vector<std::string> header;  // running header lines removed from the text
  std::vector<std::string> footer;  // running footer lines / page numbers removed
  std::optional<std::string> page_label;  // "Side 3 af 40" as printed
};

struct LaidDocument {
  std::vector<LaidPage> pages;
  std::vector<Diagnostic> diagnostics;
};

}  // namespace extractor

#endif  // AFTALE_MODEL_H_
