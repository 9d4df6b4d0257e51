#include "tables.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "hyphen.h"

namespace extractor {
namespace {

constexpr double kTol = 2.0;  // how far apart two rules may be and still be one

// The cells of one ruled region of one page: a table, or the part of one
// that lies on this page.
struct Piece {
  int page_index = 0;
  int region = -1;
  BBox box;
  std::vector<double> columns;
  std::vector<double> row_tops;  // the distinct upper rules of its cells
  int table = -1;                // the document table it is (part of)
  int row_offset = 0;            // its first row's number in that table
};

bool IsCell(const Block& b) { return b.kind == BlockKind::kCell; }

// The column a cell starts in: the column rule at its left edge, or the last
// one left of it.
int ColumnOf(const std::vector<double>& columns, double x0) {
  int col = 0;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] <= x0 + kTol) col = static_cast<int>(i);
  }
  return col;
}

// How many columns a cell spans: one more than the column rules inside it.
int SpanOf(const std::vector<double>& columns, double x0, double x1) {
  int span = 1;
  for (double c : columns) span += c > x0 + kTol && c < x1 - kTol;
  return span;
}

int RankOf(const std::vector<double>& sorted, double v) {
  int r = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] <= v + kTol) r = static_cast<int>(i);
  }
  return r;
}

std::vector<double> Distinct(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  for (double x : v) {
    if (out.empty() || x - out.back() > kTol) out.push_back(x);
  }
  return out;
}

// The text of one row of a piece, cell by cell: what a repeated header row
// is compared by.
std::string RowText(const std::vector<Block>& blocks, int piece, int row) {
  std::string t;
  for (const Block& b : blocks) {
    if (IsCell(b) && b.table == piece && b.row == row) t += b.text + "\n";
  }
  return t;
}

// How a row is set: as a heading (two or more cells with text, the first
// paragraph of each bold or the cell shaded), and whether all those cells
// are shaded.
struct RowStyle {
  bool heading = false;
  bool shaded = false;
};

RowStyle StyleOf(const std::vector<const Block*>& row) {
  std::vector<int> cols;
  bool heading = true, shaded = true;
  for (const Block* b : row) {
    if (b->text.empty() || std::find(cols.begin(), cols.end(), b->col) != cols.end()) continue;
    cols.push_back(b->col);
    bool bold = !b->lines.empty() && b->lines[0].bold;
    heading = heading && (bold || b->fill);
    shaded = shaded && b->fill.has_value();
  }
  return RowStyle{heading && cols.size() >= 2, shaded && !cols.empty()};
}

std::vector<const Block*> RowBlocks(const std::vector<Block>& blocks, int piece, int row) {
  std::vector<const Block*> out;
  for (const Block& b : blocks) {
    if (IsCell(b) && b.table == piece && b.row == row) out.push_back(&b);
  }
  return out;
}

void ShiftRows(std::vector<Block>& blocks, int piece, int by) {
  for (Block& b : blocks) {
    if (IsCell(b) && b.table == piece) b.row += by;
  }
}

// A row that Word splits over a page break continues at the top of the next
// page. The halves are the last row of the table on the page before and the
// first row of its continuation, when the second half is visibly unfinished
// business: an empty first column (the row's label was on the page before),
// or a cell that ended mid-sentence and goes on in lower case. Read as the
// source was written, each cell's second half follows its first half.
void MergeSplitRow(std::vector<Block>& prev, std::vector<Block>& cur, int piece_prev, int row_prev,
                   int piece_cur, const HyphenEvidence& evidence) {
  auto in_row = [](const Block& b, int t, int r) { return IsCell(b) && b.table == t && b.row == r; };
  std::vector<size_t> first_half, second_half;
  for (size_t i = 0; i < prev.size(); ++i) {
    if (in_row(prev[i], piece_prev, row_prev)) first_half.push_back(i);
  }
  for (size_t i = 0; i < cur.size(); ++i) {
    if (in_row(cur[i], piece_cur, 0)) second_half.push_back(i);
  }
  if (first_half.empty() || second_half.empty()) return;
  auto same_column = [](const Block& a, const Block& b) { return a.col == b.col; };
  bool first_col_before = false, first_col_now = false;
  for (size_t i : first_half) first_col_before |= prev[i].col == 0;
  for (size_t i : second_half) first_col_now |= cur[i].col == 0;
  bool label_was_before = first_col_before && !first_col_now;
  // The first block of each column in the second half may run on from the
  // last block of that column in the first half.
  bool unfinished = false;
  std::vector<int> columns_seen;
  for (size_t j : second_half) {
    if (std::find(columns_seen.begin(), columns_seen.end(), cur[j].col) != columns_seen.end()) continue;
    columns_seen.push_back(cur[j].col);
    const Block* last = nullptr;
    for (size_t i : first_half) {
      if (same_column(prev[i], cur[j])) last = &prev[i];
    }
    if (last != nullptr && RunsOn(*last, cur[j])) unfinished = true;
  }
  if (!label_was_before && !unfinished) return;

  // Move the second half behind the first, cell by cell.
  std::vector<Block> moved;
  std::vector<Block> rest;
  for (size_t i = 0; i < cur.size(); ++i) {
    if (in_row(cur[i], piece_cur, 0)) moved.push_back(std::move(cur[i]));
    else rest.push_back(std::move(cur[i]));
  }
  cur = std::move(rest);
  ShiftRows(cur, piece_cur, -1);
  for (Block& m : moved) {
    m.table = piece_prev;
    m.row = row_prev;
    // The last block of the same column in the first half.
    size_t at = prev.size();
    for (size_t i = 0; i < prev.size(); ++i) {
      if (in_row(prev[i], piece_prev, row_prev) && same_column(prev[i], m)) at = i;
    }
    if (at == prev.size()) {
      // A column empty before the break: keep left-to-right order.
      for (size_t i = 0; i < prev.size(); ++i) {
        if (in_row(prev[i], piece_prev, row_prev) && prev[i].col < m.col) at = i;
      }
    }
    if (at < prev.size() && same_column(prev[at], m) && prev[at].page != m.page && RunsOn(prev[at], m)) {
      // One paragraph cut by the page break: join it again.
      AppendContinuation(prev[at], std::move(m), evidence);
      continue;
    }
    size_t pos = at == prev.size() ? prev.size() : at + 1;
    // Keep several moved blocks of one column in their order.
    while (pos < prev.size() && in_row(prev[pos], piece_prev, row_prev) && prev[pos].page == m.page &&
           same_column(prev[pos], m)) {
      ++pos;
    }
    prev.insert(prev.begin() + static_cast<long>(pos), std::move(m));
  }
}

// Whether a piece lies within the columns of a table begun on an earlier
// page (its outer columns may hold no text there).
bool Within(const Piece& piece, const Piece& first) {
  return piece.box.x0 >= first.box.x0 - 3 && piece.box.x1 <= first.box.x1 + 3;
}

}  // namespace

LaidDocument BuildTables(LaidDocument laid) {
  laid.tables.clear();
  HyphenEvidence evidence;
  evidence.doc_words = &laid.vocabulary;

  // Pieces: the cells of each ruled region of each page. While the pieces
  // are joined, a cell's `table` names its piece and `row` its row there.
  std::vector<Piece> pieces;
  for (size_t p = 0; p < laid.pages.size(); ++p) {
    LaidPage& page = laid.pages[p];
    std::map<int, int> piece_of;  // region (-1: cells outside every region) -> piece
    for (const Block& b : page.blocks) {
      if (!IsCell(b) || piece_of.count(b.region)) continue;
      piece_of[b.region] = static_cast<int>(pieces.size());
      Piece piece;
      piece.page_index = static_cast<int>(p);
      piece.region = b.region;
      if (b.region >= 0) {
        const Region& r = page.regions[static_cast<size_t>(b.region)];
        piece.box = r.box;
        piece.columns = r.columns;
      }
      pieces.push_back(std::move(piece));
    }
    std::map<int, std::vector<double>> tops, edges;
    for (const Block& b : page.blocks) {
      if (!IsCell(b)) continue;
      int k = piece_of[b.region];
      tops[k].push_back(b.cell.y0);
      if (b.region < 0) {
        edges[k].push_back(b.cell.x0);
        edges[k].push_back(b.cell.x1);
        Piece& piece = pieces[static_cast<size_t>(k)];
        if (piece.box.Width() <= 0) piece.box = b.cell;
        piece.box.Extend(b.cell);
      }
    }
    for (auto& [k, t] : tops) pieces[static_cast<size_t>(k)].row_tops = Distinct(t);
    for (auto& [k, e] : edges) pieces[static_cast<size_t>(k)].columns = Distinct(e);
    for (Block& b : page.blocks) {
      if (!IsCell(b)) continue;
      b.table = piece_of[b.region];
      const Piece& piece = pieces[static_cast<size_t>(b.table)];
      b.row = RankOf(piece.row_tops, b.cell.y0);
      b.col = ColumnOf(piece.columns, b.cell.x0);
      b.col_span = SpanOf(piece.columns, b.cell.x0, b.cell.x1);
    }
  }

  // Join the pieces over page breaks: the last thing on a page is a table,
  // and the first thing on the next lies within its columns and does not
  // open with a heading row of its own, or opens with the table's own
  // header row repeated.
  int tables = 0;
  std::vector<int> first_piece;  // per table
  std::vector<int> rows;         // per table, so far
  for (size_t k = 0; k < pieces.size(); ++k) {
    Piece& piece = pieces[k];
    std::vector<Block>& cur = laid.pages[static_cast<size_t>(piece.page_index)].blocks;
    int joined_to = -1;
    if (piece.page_index > 0 && !cur.empty() && IsCell(cur[0]) && cur[0].table == static_cast<int>(k)) {
      std::vector<Block>& prev = laid.pages[static_cast<size_t>(piece.page_index - 1)].blocks;
      if (!prev.empty() && IsCell(prev.back())) {
        int before = prev.back().table;
        const Piece& first = pieces[static_cast<size_t>(first_piece[static_cast<size_t>(pieces[static_cast<size_t>(before)].table)])];
        if (Within(piece, first)) {
          const std::vector<Block>& first_blocks = laid.pages[static_cast<size_t>(first.page_index)].blocks;
          std::string header = RowText(first_blocks, static_cast<int>(&first - pieces.data()), 0);
          bool repeated = !header.empty() && RowText(cur, static_cast<int>(k), 0) == header;
          if (repeated) {
            cur.erase(std::remove_if(cur.begin(), cur.end(),
                                     [&](const Block& b) {
                                       return IsCell(b) && b.table == static_cast<int>(k) && b.row == 0;
                                     }),
                      cur.end());
            ShiftRows(cur, static_cast<int>(k), -1);
          }
          if (repeated || !StyleOf(RowBlocks(cur, static_cast<int>(k), 0)).heading) joined_to = before;
        }
      }
    }
    if (joined_to < 0) {
      piece.table = tables++;
      piece.row_offset = 0;
      first_piece.push_back(static_cast<int>(k));
      rows.push_back(0);
    } else {
      const Piece& before = pieces[static_cast<size_t>(joined_to)];
      const Piece& first = pieces[static_cast<size_t>(first_piece[static_cast<size_t>(before.table)])];
      piece.table = before.table;
      // A continuation is placed by x against the first page's columns: a
      // column empty here stays where it is.
      for (Block& b : cur) {
        if (!IsCell(b) || b.table != static_cast<int>(k)) continue;
        b.col = ColumnOf(first.columns, b.cell.x0);
        b.col_span = SpanOf(first.columns, b.cell.x0, b.cell.x1);
      }
      std::vector<Block>& prev = laid.pages[static_cast<size_t>(piece.page_index - 1)].blocks;
      int last_row = -1;
      for (const Block& b : prev) {
        if (IsCell(b) && b.table == joined_to) last_row = std::max(last_row, b.row);
      }
      // Whether or not its first row was the rest of the row before, the
      // piece's (new) first row is the next row of the table.
      MergeSplitRow(prev, cur, joined_to, last_row, static_cast<int>(k), evidence);
      piece.row_offset = before.row_offset + last_row + 1;
    }
    int local_rows = 0;
    for (const Block& b : cur) {
      if (IsCell(b) && b.table == static_cast<int>(k)) local_rows = std::max(local_rows, b.row + 1);
    }
    rows[static_cast<size_t>(piece.table)] =
        std::max(rows[static_cast<size_t>(piece.table)], piece.row_offset + local_rows);
  }

  // From pieces to tables: number the rows through, list the cells.
  laid.tables.resize(static_cast<size_t>(tables));
  for (int t = 0; t < tables; ++t) {
    Table& table = laid.tables[static_cast<size_t>(t)];
    const Piece& first = pieces[static_cast<size_t>(first_piece[static_cast<size_t>(t)])];
    table.columns = first.columns;
    table.rows = rows[static_cast<size_t>(t)];
  }
  std::vector<std::map<std::pair<int, int>, size_t>> cell_at(static_cast<size_t>(tables));
  for (size_t k = 0; k < pieces.size(); ++k) {
    const Piece& piece = pieces[k];
    laid.tables[static_cast<size_t>(piece.table)].boxes.push_back(
        PageBox{laid.pages[static_cast<size_t>(piece.page_index)].number, piece.box});
  }
  for (size_t p = 0; p < laid.pages.size(); ++p) {
    std::vector<Block>& blocks = laid.pages[p].blocks;
    for (size_t i = 0; i < blocks.size(); ++i) {
      Block& b = blocks[i];
      if (!IsCell(b)) continue;
      const Piece& piece = pieces[static_cast<size_t>(b.table)];
      b.row += piece.row_offset;
      b.table = piece.table;
      Table& table = laid.tables[static_cast<size_t>(b.table)];
      auto [it, inserted] = cell_at[static_cast<size_t>(b.table)].emplace(std::make_pair(b.row, b.col),
                                                                        table.cells.size());
      if (inserted) {
        TableCell c;
        c.row = b.row;
        c.col = b.col;
        c.col_span = b.col_span;
        c.fill = b.fill;
        table.cells.push_back(std::move(c));
      }
      TableCell& cell = table.cells[it->second];
      cell.blocks.push_back(BlockRef{static_cast<int>(p), static_cast<int>(i)});
      if (!cell.text.empty()) cell.text += '\n';
      cell.text += b.text;
      // The cell's rules on each page its text is drawn on (a shaded cell
      // without text: its page).
      if (b.lines.empty() && cell.boxes.empty()) cell.boxes.push_back(PageBox{b.page, b.cell});
      for (const Line& l : b.lines) {
        bool seen = false;
        for (const PageBox& pb : cell.boxes) seen = seen || pb.page == l.page;
        if (!seen) {
          BBox box = l.page == b.page ? b.cell : l.box;
          cell.boxes.push_back(PageBox{l.page, box});
        } else if (l.page != b.page) {
          for (PageBox& pb : cell.boxes) {
            if (pb.page == l.page) pb.box.Extend(l.box);
          }
        }
      }
    }
  }
  for (Table& table : laid.tables) {
    std::sort(table.cells.begin(), table.cells.end(), [](const TableCell& a, const TableCell& b) {
      return a.row != b.row ? a.row < b.row : a.col < b.col;
    });
    // Header rows: the leading rows set as headings, while rows remain. A
    // second header row is set like the first (shaded if it is, plain if it
    // is not): a bold group row under a shaded header is content.
    std::map<int, std::vector<const Block*>> by_row;
    for (const TableCell& c : table.cells) {
      for (const BlockRef& r : c.blocks) by_row[c.row].push_back(&laid.At(r));
    }
    std::optional<bool> shaded;
    while (table.header_rows < 2 && table.header_rows + 1 < table.rows) {
      RowStyle style = StyleOf(by_row[table.header_rows]);
      if (!style.heading || (shaded && *shaded != style.shaded)) break;
      shaded = style.shaded;
      ++table.header_rows;
    }
  }
  return laid;
}

}  // namespace extractor
