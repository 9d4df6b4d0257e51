// layout.h: RawDocument -> LaidDocument: words become lines, lines become
// paragraphs or table cells, in reading order; running headers, footers and
// page numbers are taken out of the text (kept as page metadata); line-end
// hyphenation is undone (hyphen.h).
//
// Cells are found from ruling lines: a word whose centre has a rule on all
// four sides belongs to the cell those rules bound, and the cell to the ruled
// region of the page around it (LaidPage::regions). Cells are read row by
// row, left to right, like the text of a Word table; which table, row and
// column a cell is in is the tables stage's to say (tables.h). Each line
// knows where it starts in its block's text, so a value read from part of a
// block finds its box (BoxOfRange).
//
//   LaidDocument laid = BuildTables(Layout(raw));
//   std::cout << RenderText(laid);       // what `aftale text` prints
//   std::cout << RenderDump(laid);       // what `aftale text --dump` prints
#ifndef AFTALE_LAYOUT_H_
#define AFTALE_LAYOUT_H_

#include <string>

#include "model.h"

namespace extractor {

LaidDocument Layout(const RawDocument& raw);

// One paragraph or cell a line, a form feed after each page.
std::string RenderText(const LaidDocument& doc);

// The layout stage for debugging: pages, blocks, lines with boxes and sizes,
// and the header/footer lines that were removed.
std::string RenderDump(const LaidDocument& doc);

// Whether a line in a page's top or bottom margin is a page number as
// printed ("Side 3 af 40", "3/11", "- 3 -", "Page 3"). Exposed for tests.
bool IsPageNumberText(const std::string& text);

}  // namespace extractor

#endif  // AFTALE_LAYOUT_H_
