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
#include <unordered_map>
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

// A box on a given page.
struct PageBox {
  int page = 0;
  BBox box;
  bool operator==(const PageBox&) const = default;
};

enum class BlockKind { kParagraph, kCell };

// A symbol drawn on a line (a smiley, a check mark, a bullet), with the
// colour it was drawn in: follow-ups tell a status by both.
struct Mark {
  char32_t symbol = 0;
  Rgb color = 0;
  BBox box;
  bool operator==(const Mark&) const = default;
};

// A line of words in reading order, hyphenation already undone at its end.
struct Line {
  std::string text;
  BBox box;
  double font_size = 0;
  bool bold = false;
  int page = 0;            // the page it is drawn on
  std::vector<int> words;  // indexes into that page's RawPage::words
  // Where the line's words begin in its block's text (bytes): a value read
  // from part of a block finds its lines, and their boxes, through it.
  size_t start = 0;
  std::vector<Mark> marks;  // its symbol words, left to right
  bool operator==(const Line&) const = default;
};

// A paragraph of running text, or the content of one table cell.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  BBox box;
  std::vector<Line> lines;
  int page = 0;     // the page it is drawn on (a split table row's second
                    // half is read with its first half, on the page before)
  // Cells: the ruled region of the page the cell lies in (LaidPage::regions),
  // the cell's rules, and its shading when it is filled with a colour.
  int region = -1;
  BBox cell;
  std::optional<Rgb> fill;
  // Cells, set by the tables stage: the table (LaidDocument::tables), the
  // row and first column, and how many columns the cell spans.
  int table = -1;
  int row = -1, col = -1;
  int col_span = 1;
  // The paragraph text: lines joined with spaces (or without, where a
  // line-end hyphen was undone).
  std::string text;
  bool operator==(const Block&) const = default;
};

// Where a block stands in a LaidDocument: pages[page_index].blocks[index].
struct BlockRef {
  int page_index = 0;
  int index = 0;
  bool operator==(const BlockRef&) const = default;
};

// A ruled area of a page: rules that meet each other, and the x of its
// vertical rules (the column boundaries, also of columns holding no text).
struct Region {
  BBox box;
  std::vector<double> columns;
  bool operator==(const Region&) const = default;
};

struct LaidPage {
  int number = 0;
  double width = 0, height = 0;
  std::vector<Block> blocks;  // reading order
  std::vector<Region> regions;
  std::vector<std::string> header;  // running header lines removed from the text
  std::vector<std::string> footer;  // running footer lines / page numbers removed
  std::optional<std::string> page_label;  // "Side 3 af 40" as printed
};

// ---- tables ----

struct TableCell {
  int row = 0, col = 0, col_span = 1;
  std::vector<BlockRef> blocks;  // its paragraphs, in reading order
  std::vector<PageBox> boxes;    // its rules, on each page it is drawn on
  std::string text;              // the paragraphs, one a line
  std::optional<Rgb> fill;
  bool operator==(const TableCell&) const = default;
};

// A ruled table, joined over the page breaks it runs across.
struct Table {
  std::vector<PageBox> boxes;   // on each page it covers
  std::vector<double> columns;  // x of the column rules on its first page
  int rows = 0;
  int header_rows = 0;          // leading rows set as headings (bold or shaded)
  std::vector<TableCell> cells; // by row, then column
  bool operator==(const Table&) const = default;
};

struct LaidDocument {
  std::vector<LaidPage> pages;
  std::vector<Table> tables;      // filled by the tables stage
  double body_size = 11;          // the font size most of the text is set in
  // How often each word occurs away from line ends (lower case, see
  // WordKey): the document's own spelling, evidence for hyphenation.
  std::unordered_map<std::string, int> vocabulary;
  std::vector<Diagnostic> diagnostics;

  const Block& At(const BlockRef& r) const {
    return pages[static_cast<size_t>(r.page_index)].blocks[static_cast<size_t>(r.index)];
  }
};

// ---- segments ----

// A numbered item, an unnumbered item (a follow-up table whose header row
// names it), or a section of text outside the items: what the segment stage
// cuts the blocks into, each block by reference.
struct Part {
  bool is_item = false;
  std::string id;
  std::optional<std::string> number;  // as printed, no trailing dot
  std::string title;
  std::optional<std::string> chapter;
  int page = 0;
  std::vector<BlockRef> heading;  // where the number and title stand (none: untitled text)
  std::string rule;               // the rule that read the heading
  std::vector<BlockRef> body;     // in reading order
  bool operator==(const Part&) const = default;
};

// The box of the lines that hold bytes [begin, end) of `b.text`, on the page
// of the first of them (lines on later pages extend it only there).
PageBox BoxOfRange(const Block& b, size_t begin, size_t end);

}  // namespace extractor

#endif  // AFTALE_MODEL_H_
