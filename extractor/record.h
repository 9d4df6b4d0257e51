// record.h: the record contract as plain values: one Record per PDF, what
// emit.h writes as JSON and XML and schemas/ describe. Field names follow
// PRODUCT.md ("The record contract"); they are fixed.
//
//   Record r = BuildRecord(source, raw, laid);   // pipeline.h
//   std::string json = EmitJson(r);              // emit.h
#ifndef AFTALE_RECORD_H_
#define AFTALE_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"

namespace extractor {

inline constexpr char kSchemaVersion[] = "1.1";

// Where a value came from, so a person can check it.
struct Evidence {
  int page = 0;
  BBox bbox;
  std::string text;  // the source text the value was read from
  std::string rule;  // the id of the rule that produced it (rules.h)
  bool operator==(const Evidence&) const = default;
};

// Evidence of bytes [begin, end) of a block's text: the lines that hold
// them, that text, and the rule.
Evidence EvidenceOf(const Block& b, size_t begin, size_t end, std::string rule);
// Evidence of a whole block.
Evidence EvidenceOf(const Block& b, std::string rule);

// One paragraph or table cell of an item's or section's body, where it
// stands: bytes [start, end) of the body's `text` (the spans' texts joined
// by line breaks are the text). A paragraph cut by a page break is one
// span; `continued` holds its boxes on the pages after the first.
struct CellRef {
  int table = 0, row = 0, col = 0;
  bool operator==(const CellRef&) const = default;
};
struct Span {
  int page = 0;
  BBox bbox;
  size_t start = 0, end = 0;
  std::optional<CellRef> cell;  // for a table cell: which one
  std::vector<PageBox> continued;
  bool operator==(const Span&) const = default;
};

// The spans of some blocks and the text they make, one block a line.
void SpansOf(const LaidDocument& laid, const std::vector<BlockRef>& blocks, std::vector<Span>* spans,
             std::string* text);

enum class DocKind { kAgreement, kFollowup, kNote, kSummary, kUnknown };
enum class Status { kGreen, kYellow, kRed };

const char* DocKindName(DocKind k);
const char* StatusName(Status s);

struct Committee {
  std::string name;
  std::string role;  // "fagudvalg", "udmønter", "ansvarligt udvalg", ...
  Evidence evidence;
  bool operator==(const Committee&) const = default;
};

struct Amount {
  std::string text;           // as printed: "5,1 mio. kr. i 2020"
  std::int64_t dkk = 0;       // integer kroner, negative for savings
  std::vector<int> years;
  bool recurring = false;
  int page = 0;
  std::string unit;           // "kr.", "t.kr.", "1.000 kr.", "mio. kr.", "mia. kr."
  Evidence evidence;
  std::string kind = "amount";  // "amount", "saving", "move", "total"
  std::optional<int> from_year;  // a move's first year ("fra 2021 til 2020")
  bool onward = false;           // "fra 2020 og frem": from years[0], no end stated
  std::string per;               // "year", "month", "week" when recurring, else ""
  bool operator==(const Amount&) const = default;
};

// A name read from a labelled line ("Ansvarligt center: Social og Sundhed").
struct Named {
  std::string name;
  Evidence evidence;
  bool operator==(const Named&) const = default;
};

struct Milestone {
  std::string due;               // as printed: "2. budgetopfølgning 2017", "31.12.2017"
  std::string text;
  std::optional<Status> status;  // no smiley: no status
  Evidence evidence;             // the milestone's text
  std::optional<std::string> due_date;     // ISO, when `due` is a date
  std::optional<Evidence> status_evidence;  // where the status is shown
  bool operator==(const Milestone&) const = default;
};

struct Economy {
  std::string text;
  std::optional<Status> status;
  Evidence evidence;
  std::vector<Amount> amounts;
  std::optional<Evidence> status_evidence;
  bool operator==(const Economy&) const = default;
};

struct Remark {
  std::string by;  // "administration" or "parties"
  std::string text;
  Evidence evidence;
  bool operator==(const Remark&) const = default;
};

struct Item {
  std::string id;      // stable: document identity + number
  // As printed, no trailing dot: "1.3", "3.02", "BSU-12"; none for the
  // unnumbered items some follow-ups have.
  std::optional<std::string> number;
  std::string title;
  std::optional<std::string> chapter;
  int page = 0;
  std::string text;
  std::vector<Committee> committees;
  std::vector<Amount> amounts;
  std::vector<Milestone> milestones;
  std::optional<Economy> economy;
  std::vector<Remark> remarks;
  Evidence evidence;  // the heading
  std::vector<Span> spans;  // the body, block by block
  // Follow-ups: what kind of effort ("drift", "anlæg", "øvrige
  // finansiering"), the centre responsible and the main contributors.
  std::optional<std::string> kind;
  std::optional<Named> center;
  std::vector<Named> contributors;
  // Notes: the group the item is listed under (a committee).
  std::optional<std::string> group;
  // Follow-ups and notes: the id of the agreement item this one follows
  // ("agreement-2017:3.01"), as the numbers say.
  std::optional<std::string> agreement_item;
  bool operator==(const Item&) const = default;
};

// Text outside the numbered items (a preamble, a chapter's introduction, the
// annexes), so that nothing a reader sees is missing from the record. Its id
// shares the items' id space ("agreement-2020:t-indledning").
struct Section {
  std::string id;
  std::string title;
  std::optional<std::string> chapter;
  int page = 0;
  std::string text;
  std::optional<Evidence> evidence;  // the heading that opens it
  std::vector<Span> spans;
  bool operator==(const Section&) const = default;
};

struct Chapter {
  std::string number;
  std::string title;
  int page = 0;
  Evidence evidence;
  bool operator==(const Chapter&) const = default;
};

// A document's own key to its status symbols ("☺: Milepæl er opfyldt").
struct LegendEntry {
  std::string symbol;
  std::optional<Status> status;
  std::string text;
  std::string scope;  // "milestone", "economy" or "" (both)
  Evidence evidence;
  bool operator==(const LegendEntry&) const = default;
};

struct DocumentMeta {
  DocKind kind = DocKind::kUnknown;
  std::optional<std::string> title;
  std::optional<int> budget_year;
  std::optional<int> year;             // the document's own year (date, else budget year)
  std::optional<std::string> date;     // ISO 8601, "2017-10-27"
  std::optional<std::string> case_id;
  std::optional<int> followup_number;  // "Tredje opfølgning" -> 3
  std::optional<std::string> municipality;
  std::string key;                     // document identity, the prefix of item ids
  std::optional<Evidence> evidence;    // what told the kind (the title, as a rule)
  // Where each field was read.
  std::optional<Evidence> title_evidence, budget_year_evidence, date_evidence, case_id_evidence,
      municipality_evidence;
  // Follow-ups and notes: the key of the agreement they follow ("agreement-2017").
  std::optional<std::string> follows;
  std::vector<LegendEntry> status_legend;
  bool operator==(const DocumentMeta&) const = default;
};

struct SourceInfo {
  std::string file;  // base name only: records must not depend on where a file lay
  std::string sha256;
  int pages = 0;
  std::string producer, creator;
  bool operator==(const SourceInfo&) const = default;
};

// Where a table cell stands; its text is the table's rows[row][col].
struct TableCellRecord {
  int row = 0, col = 0, col_span = 1;
  int page = 0;
  BBox bbox;                      // the cell's rules on its first page
  std::vector<PageBox> continued; // a row split by a page break: its other pages
  bool operator==(const TableCellRecord&) const = default;
};

struct TableRecord {
  int page = 0;                 // the first page
  BBox bbox;                    // on the first page
  std::vector<std::vector<std::string>> rows;  // empty cells stay ""
  std::optional<std::string> item;  // the id of the item or section it belongs to
  int header_rows = 0;
  std::vector<double> columns;  // x of the column rules
  std::vector<PageBox> continued;  // its boxes on the pages after the first
  std::vector<TableCellRecord> cells;
  bool operator==(const TableRecord&) const = default;
};

struct PageMeta {
  int number = 0;
  double width = 0, height = 0;
  std::optional<std::string> label;  // the page number as printed
  std::vector<std::string> header, footer;
  bool operator==(const PageMeta&) const = default;
};

struct Record {
  std::string schema_version = kSchemaVersion;
  SourceInfo source;
  DocumentMeta document;
  std::vector<Chapter> chapters;
  std::vector<Item> items;
  std::vector<Section> sections;
  std::vector<TableRecord> tables;
  std::vector<PageMeta> pages;
  std::vector<Diagnostic> warnings;
  bool operator==(const Record&) const = default;
};

}  // namespace extractor

#endif  // AFTALE_RECORD_H_
