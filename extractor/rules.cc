#include "rules.h"

#include <re2/re2.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace extractor {
namespace {

struct RuleDef {
  RuleId id;
  const char* name;
  const char* pattern;
};

// Letters as Latin ranges, not \p{L}: RE2 builds its Unicode class tables at
// compile time, 1-3 ms for each \p{..} (measured: 29% of `aftale text` on a
// 40-page document went into compiling this table). Danish text and names
// stay within Latin-1 and Latin Extended-A. RE2's own \w is ASCII-only and is
// never used.
#define UPPER "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
#define LOWER "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"

// The Danish months, in order: the date rules' alternation and MonthNumber
// both read this one list.
constexpr const char* kMonthNames[] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                       "juli",   "august",  "september", "oktober", "november", "december"};

std::string MonthsAlternation() {
  std::string out;
  for (const char* m : kMonthNames) {
    if (!out.empty()) out += '|';
    out += m;
  }
  return out;
}

// One row a rule. Keep the ids stable: they appear in records as evidence.
const RuleDef kRules[] = {
    {RuleId::kPageNumber, "layout.page_number",
     R"((?i)(?:(?:side|page|s\.)\s*)?\d{1,4}(?:\s*(?:af|of|/|ud af)\s*\d{1,4})?|-\s*\d{1,4}\s*-)"},
    {RuleId::kListMarker, "layout.list_marker",
     R"([•●▪■◆❖➢✓–\-o*]|\(?\d{1,2}(?:\.\d{1,3})*[.)]|\(?[)" LOWER R"(]\))"},
    {RuleId::kChapterHeading, "segment.chapter", R"((\d{1,2})\.\s+([)" UPPER R"(].*))"},
    {RuleId::kItemHeading, "segment.item", R"((\d{1,2}\.\d{1,3})\.?\s+(\S.*))"},
    {RuleId::kPointHeading, "segment.point", R"((\d{1,2})\)\s+(\S.*))"},
    {RuleId::kSavingsId, "segment.savings_id", R"(([)" UPPER R"(]{2,6}-\d{1,3}))"},
    {RuleId::kBudgetYear, "classify.budget_year", R"((?i)budget\s*((?:19|20)\d\d))"},
    {RuleId::kFollowupTitle, "classify.followup",
     R"((?i)(første|anden|tredje|fjerde|femte|sjette|\d\.)\s+opfølgning\s+på\s+aftale(?:n)?\s+om\s+budget\s*((?:19|20)\d\d))"},
    {RuleId::kAgreementTitle, "classify.agreement",
     R"((?i)aftale(?:n)?\s+om\s+budget\s*((?:19|20)\d\d))"},
    {RuleId::kDateLine, "fields.date", nullptr},  // built from kMonths below
    {RuleId::kCaseIdLine, "fields.case_id",
     R"((?i)sags\s*(?:id|nr\.?|nummer)\s*:?\s*([0-9A-Za-z][0-9A-Za-z.\-/]+[0-9A-Za-z]))"},
    {RuleId::kBareDate, "fields.date_bare", nullptr},  // built from kMonths below
    {RuleId::kMunicipality, "classify.municipality",
     R"(([)" UPPER R"(][)" UPPER LOWER R"(\-]+(?: [)" UPPER R"(][)" UPPER LOWER R"(\-]+)?) Kommune)"},
    {RuleId::kNoteTitle, "classify.note", R"((?i)notat)"},
    {RuleId::kItemNumberOnly, "segment.item_number", R"((\d{1,2}\.\d{1,3})\.?)"},
    {RuleId::kAnnexHeading, "segment.annex", R"((?i)(?:bilag|appendiks|annex)(?:\s*\d{1,2})?\s*[:.\-–]?(?:\s.*)?)"},
    {RuleId::kSignatureLine, "segment.signature", nullptr},  // built from kMonths below
    {RuleId::kTocEntry, "segment.toc_entry", R"((.*\S)\s+(\d{1,4}))"},
    {RuleId::kSectionHeading, "segment.section", R"(\S.{0,159})"},
    {RuleId::kResponsibleCommittee, "fields.responsible_committee",
     R"((?i)^\s*ansvarlig(?:t)?\s+udvalg\s*:\s*([)" UPPER R"(].*\S))"},
};
static_assert(sizeof(kRules) / sizeof(kRules[0]) == static_cast<size_t>(RuleId::kCount),
              "one row per RuleId");

std::string PatternOf(const RuleDef& def) {
  const std::string months = MonthsAlternation();
  const char* kMonths = months.c_str();
  if (def.id == RuleId::kDateLine) {
    return std::string(R"((?i)dato\s*:?\s*(\d{1,2})\.\s*()") + kMonths + R"()\s+((?:19|20)\d\d))";
  }
  if (def.id == RuleId::kSignatureLine) {
    return std::string("[" UPPER "][" UPPER LOWER R"(\- ]{1,40}, (?:den )?\d{1,2}\.\s*(?i:)") + kMonths +
           R"()\s+(?:19|20)\d\d)";
  }
  if (def.id == RuleId::kBareDate) {
    // A first day, an optional "-24." second day, month, year.
    return std::string(R"((?i)(\d{1,2})\.(?:\s*-\s*\d{1,2}\.)?\s*()") + kMonths +
           R"()\s+((?:19|20)\d\d))";
  }
  return def.pattern;
}

const std::array<std::unique_ptr<RE2>, static_cast<size_t>(RuleId::kCount)>& Compiled() {
  static std::array<std::unique_ptr<RE2>, static_cast<size_t>(RuleId::kCount)> table;
  static std::once_flag once;
  std::call_once(once, [] {
    RE2::Options opts;
    opts.set_log_errors(false);
    for (const RuleDef& def : kRules) {
      auto re = std::make_unique<RE2>(PatternOf(def), opts);
      if (!re->ok()) {
        std::fprintf(stderr, "aftale: rule %s does not compile: %s\n", def.name,
                     re->error().c_str());
        std::abort();
      }
      table[static_cast<size_t>(def.id)] = std::move(re);
    }
  });
  return table;
}

const RE2& Get(RuleId id) { return *Compiled()[static_cast<size_t>(id)]; }

bool Run(RuleId id, std::string_view text, std::vector<std::string>* groups,
         RE2::Anchor anchor) {
  const RE2& re = Get(id);
  int n = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> pieces(static_cast<size_t>(n) + 1);
  if (!re.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), anchor,
                pieces.data(), n + 1)) {
    return false;
  }
  if (groups != nullptr) {
    groups->clear();
    for (int i = 1; i <= n; ++i) groups->emplace_back(pieces[i].data(), pieces[i].size());
  }
  return true;
}

}  // namespace

void CompileRules() { Compiled(); }

const char* RuleName(RuleId id) { return kRules[static_cast<size_t>(id)].name; }

bool Matches(RuleId id, std::string_view text) {
  return Run(id, text, nullptr, RE2::ANCHOR_BOTH);
}

bool Capture(RuleId id, std::string_view text, std::vector<std::string>* groups) {
  return Run(id, text, groups, RE2::ANCHOR_BOTH);
}

bool Find(RuleId id, std::string_view text, std::vector<std::string>* groups) {
  return Run(id, text, groups, RE2::UNANCHORED);
}

bool FindMatch(RuleId id, std::string_view text, size_t from, RuleMatch* match) {
  const RE2& re = Get(id);
  int n = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> pieces(static_cast<size_t>(n) + 1);
  if (from > text.size() || !re.Match(re2::StringPiece(text.data(), text.size()), from, text.size(),
                                      RE2::UNANCHORED, pieces.data(), n + 1)) {
    return false;
  }
  auto offset = [&](const re2::StringPiece& p) {
    return p.data() == nullptr ? size_t{0} : static_cast<size_t>(p.data() - text.data());
  };
  match->begin = offset(pieces[0]);
  match->end = match->begin + pieces[0].size();
  match->groups.clear();
  match->ranges.clear();
  for (int i = 1; i <= n; ++i) {
    const re2::StringPiece& p = pieces[static_cast<size_t>(i)];
    match->groups.emplace_back(p.data(), p.size());
    match->ranges.emplace_back(offset(p), offset(p) + p.size());
  }
  return true;
}

int MonthNumber(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i) {
    if (lower == kMonthNames[i]) return i + 1;
  }
  return 0;
}

std::optional<std::string> IsoDate(const std::string& day, const std::string& month,
                                   const std::string& year) {
  int m = MonthNumber(month);
  int d = std::atoi(day.c_str());
  int y = std::atoi(year.c_str());
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 0 || d < 1 || d > kDays[m - 1] || y < 1900 || y > 2199) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

}  // namespace extractor
