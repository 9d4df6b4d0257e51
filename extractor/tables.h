// tables.h: the laid document's ruled cells -> tables, on the laid document
// itself.
//
// Rows come from the cells' upper rules, columns from the region's vertical
// rules, so a column that holds no text on a page keeps its place. A table
// that runs over a page break is one table: the header row Word repeats on
// the next page is dropped from the text, a row split by the break is read
// as one row (its second half moves behind its first, each half keeping its
// own page and box), and the continuation's cells are placed by x against the
// first page's columns. Header rows are the leading rows set as headings
// (every cell bold, or shaded). Each cell block learns its table, row, column
// and span; LaidDocument::tables lists the tables cell by cell.
//
//   LaidDocument laid = BuildTables(Layout(raw));
//   for (const Table& t : laid.tables) Use(t.cells);
#ifndef AFTALE_TABLES_H_
#define AFTALE_TABLES_H_

#include "model.h"

namespace extractor {

LaidDocument BuildTables(LaidDocument laid);

}  // namespace extractor

#endif  // AFTALE_TABLES_H_
