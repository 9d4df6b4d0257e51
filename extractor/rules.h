// rules.h: THE rules table. Every pattern the stages match text with lives
// here, with a stable id, compiled once (RE2) and checked at first use: a bad
// pattern is a programming error and aborts with its id.
//
// Patterns run on normalised text (NFC, NBSP -> space, U+2010/U+2011 -> '-').
// RE2's \w \d \s \b are ASCII only, so letters are spelled out as Latin
// ranges (rules.cc says why not \p{L}).
//
//   if (Matches(RuleId::kPageNumber, "Side 3 af 40")) ...
//   std::vector<std::string> groups;
//   if (Capture(RuleId::kItemHeading, line, &groups)) number = groups[0];
#ifndef AFTALE_RULES_H_
#define AFTALE_RULES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace extractor {

enum class RuleId {
  kPageNumber,        // layout.page_number: "Side 3 af 40", "3/11", "- 3 -"
  kListMarker,        // layout.list_marker: "•", "1.", "1)", "a)" opening a line
  kChapterHeading,    // segment.chapter: "1. Vi skaber fremtiden sammen"
  kItemHeading,       // segment.item: "1.3. Borgermillionen", "3.02. Titel"
  kPointHeading,      // segment.point: "1) Bedre udnyttelse ..."
  kSavingsId,         // segment.savings_id: "BSU-12"
  kBudgetYear,        // classify.budget_year: "budget 2020"
  kFollowupTitle,     // classify.followup: "Tredje opfølgning på Aftale om budget 2017"
  kAgreementTitle,    // classify.agreement: "Aftale om budget 2020"
  kDateLine,          // fields.date: "Dato: 27. oktober 2017"
  kCaseIdLine,        // fields.case_id: "Sagsid: 00.30.00-S00-6-16"
  kBareDate,          // fields.date_bare: "23.-24. februar 2018", "8. oktober 2018"
  kMunicipality,      // classify.municipality: "Ballerup Kommune"
  kNoteTitle,         // classify.note: "Notat"
  kItemNumberOnly,    // segment.item_number: "1.3." alone in a table cell
  kAnnexHeading,      // segment.annex: "Bilag: Drift – driftsinvesteringer", "Bilag 2"
  kSignatureLine,     // segment.signature: "Ballerup, den 8. oktober 2018"
  kTocEntry,          // segment.toc_entry: "1.1. Ny sundhedspolitik 7" (with its page)
  kSectionHeading,    // segment.section: a heading outside the items, at most 160 characters
  kResponsibleCommittee,  // fields.responsible_committee: "Ansvarligt udvalg: Økonomiudvalget"
  kCount,
};

// The stable id of a rule ("layout.page_number"), for diagnostics and evidence.
const char* RuleName(RuleId id);

// Whole-string match.
bool Matches(RuleId id, std::string_view text);

// Whole-string match; fills `groups` with the capture groups.
bool Capture(RuleId id, std::string_view text, std::vector<std::string>* groups);

// Compiles the whole table now (it is compiled on first use otherwise).
void CompileRules();

// First match anywhere in `text`; fills `groups` with the capture groups.
bool Find(RuleId id, std::string_view text, std::vector<std::string>* groups);

// A match with where it stands: bytes [begin, end) of the text, and each
// capture group's text and range (an unmatched group is empty at 0).
struct RuleMatch {
  size_t begin = 0, end = 0;
  std::vector<std::string> groups;
  std::vector<std::pair<size_t, size_t>> ranges;
};

// The first match in `text` at or after byte `from`.
bool FindMatch(RuleId id, std::string_view text, size_t from, RuleMatch* match);

// The Danish month a name stands for, 1-12 ("oktober" -> 10, any case); 0
// for anything else. The same month list the date rules use.
int MonthNumber(std::string_view name);

// "27", "oktober", "2017" -> "2017-10-27"; nullopt for an unknown month or
// a day that does not exist in it.
std::optional<std::string> IsoDate(const std::string& day, const std::string& month,
                                   const std::string& year);

}  // namespace extractor

#endif  // AFTALE_RULES_H_
