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
//   RuleText t = NormaliseForRules(paragraph);            // once, before any rule
//   RuleMatch m;
//   if (MatchRule(RuleId::kAmountMioKr, t.text, RuleAnchor::kNone, &m))
//     evidence = paragraph.substr(t.InputBegin(m.begin), t.InputEnd(m.end) - t.InputBegin(m.begin));
#ifndef AFTALE_RULES_H_
#define AFTALE_RULES_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

  // Amounts (amounts.h). A core is a number and its unit; the qualifiers
  // after it, the leads before it and the cues around it decide years,
  // recurrence and kind. Qualifier rules are matched anchored at the text
  // right after what came before; lead and cue rules end at `$`, the start
  // of the amount (callers pass the gap before it).
  kAmountKr,          // amount.kr: "50.000 kr.", "500 kr", "1 000 kroner", "300 kr.-"
  kAmountTkr,         // amount.tkr: "50 t.kr.", "50 tkr."
  kAmountMioKr,       // amount.mio_kr: "1 mio. kr.", "0,925 mio.kr.", "2 millioner kroner"
  kAmountMiaKr,       // amount.mia_kr: "0,5 mia. kr."
  kAmountMioBare,     // amount.mio_bare: "0,5 mio." with no "kr." (only where money is talked about)
  kAmountKrPrefix,    // amount.kr_prefix: "kr. 5.000,-", "DKK 200"
  kAmountBareFollow,  // amount.bare_follow: what may follow a bare "mio." ("til", "i", ".")
  kAmountMoneyCue,    // amount.money_cue: the sentence talks about money ("afsættes", "budget")
  kAmountPerYear,     // amount.per_year: "årligt", "om året", "pr. år", "hvert år"
  kAmountPerMonth,    // amount.per_month: "månedligt", "om måneden", "pr. måned"
  kAmountPerWeek,     // amount.per_week: "ugentligt", "om ugen"
  kAmountEachYears,   // amount.each_years: "i hvert af årene 2020-2023", "... 2020 til 2022"
  kAmountPeriodYears, // amount.period_years: "i perioden 2021-2022", "i årene 2019-2021"
  kAmountFromTo,      // amount.from_to: "fra 2021 til 2020" (a move, or a range without a move verb)
  kAmountOnward,      // amount.onward: "fra 2020", "fra 2020 og frem", "fra og med budget 2020"
  kAmountOnwardDate,  // amount.onward_date: "fra den 1. maj 2020"
  kAmountInYears,     // amount.in_years: "i 2020", "i 2020, 2021 og 2022", "i 2022 og frem"
  kAmountInYear,      // amount.in_year: "i 2020" when the longer list does not hold
  kAmountBareYear,    // amount.bare_year: "1 mio. kr. 2021." (the "i" left out)
  kAmountFiller,      // amount.filler: "i anlægsmidler", "ekstra": words that belong to the amount
  kAmountTotalAfter,  // amount.total_after: "10 mio. kr. i alt"
  kAmountSavingAfter, // amount.saving_after: "400.000 kr. i besparelse"
  kAmountMoveAfter,   // amount.move_after: "3 mio. kr. fremrykkes"
  kAmountMultiplier,  // amount.multiplier: "2 x " before "5.000 kr."
  kAmountLeadPerYear, // amount.lead_per_year: "årligt " before the amount ("afsættes årligt 350.000 kr.")
  kAmountLeadYears,   // amount.lead_years: "i 2020 og 2021 hvert år " before the amount
  kAmountLeadEquals,  // amount.lead_equals: "for 2020 svarende til "
  kAmountLeadAnnual,  // amount.lead_annual: "en årlig driftsudgift på ", "en årlig besparelse fra 2021 og frem på "
  kAmountLeadTotal,   // amount.lead_total: "i alt ", "samlet set "
  kAmountClauseYears, // amount.clause_years: "i perioden 2020-2023 afsættes ", "I 2019 afsættes der "
  kAmountSavingNoun,  // amount.saving_noun: "en besparelse på ", "denne besparelse fordeles med "
  kAmountSavingVerb,  // amount.saving_verb: "reduceres med ", "spares der "
  kAmountMoveVerb,    // amount.move_verb: "fremrykkes", "udskydes" earlier in the clause
  kAmountTrailingMove,  // amount.trailing_move: "... i anlægsprojektet ”X” fra 2021 til 2023"
  kAmountTrailingYear,  // amount.trailing_year: "... til ny styringsteknologi i 2020."
  kAmountListJoin,    // amount.list_join: ", ", " og ", " stigende til " between listed amounts
  kAmountRangeFrom,   // amount.range_from: "fra " before the first amount of "fra X til Y"
  kAmountRangeTo,     // amount.range_to: " til " between the two amounts of "fra X til Y"
  kAmountTableCell,   // amount.table_cell: "-1.230", "÷ 1.230", "(1.230)", "500*", "500 1)"
  kAmountHeaderUnit,  // amount.header_unit: "(1.000 kr.)", "i 1.000 kr.", "(mio. kr.)"

  // Committees (committees.h).
  kCommitteeName,        // committee.name: "Økonomiudvalget", "Børne- og Skoleudvalget", "Byrådet"
  kCommitteeLeftPart,    // committee.left_part: "Social og " before "Sundhedsudvalget" (hyphen lost)
  kCommitteeWellFormed,  // committee.well_formed: an unknown name that still reads as one
  kCommitteeFagudvalg,   // committee.fagudvalg: "<name> er fagudvalg på opgaven"
  kCommitteeUdmoenter,   // committee.udmoenter: "<name> udmønter midlerne"
  kCommitteeBeslutter,   // committee.beslutter: "<name> træffer beslutningen", "... tager stilling til"
  kCommitteeFoelger,     // committee.foelger: "<name> følger op", "... følger fortsat udviklingen"
  kCommitteeBegynder,    // committee.begynder: "Opgaven begynder i <name>"
  kCommitteeAnsvarlig,   // committee.ansvarligt_udvalg: "Ansvarligt udvalg: <name>"
  kChapterNumberOnly, // segment.chapter_number: "1." alone in a table cell (a chapter row)
  kEffortKind,        // fields.effort_kind: "Kort beskrivelse af indsatsen (drift)"
  kCenterLabel,       // fields.center: "Ansvarligt center: Social og Sundhed"
  kContributorLabel,  // fields.contributor: "Væsentlig bidragsyder: Ejendomme"
  kMilestoneLabel,    // fields.milestone_label: "Milepæl" opening a table row
  kEconomyLabel,      // fields.economy_label: "Økonomi" opening a table row
  kDueHeader,         // fields.due_header: "Tid", "Frist", "Tidsplan" heading a column
  kStatusHeader,      // fields.status_header: "Smiley", "Status" heading a column
  kDueDate,           // fields.due_date: "31.12.2017"
  kDuePeriod,         // fields.due_period: "2. budgetopfølgning 2017", "2. kvartal 2020", "Medio 2018"
  kStatusWord,        // fields.status_word: "Grøn", "Gul", "Rød" written in a status cell
  kLegendEntry,       // fields.legend: "☺: Milepæl er opfyldt"
  kRemarkLabel,       // fields.remark: "Administrationens bemærkning:", "Budgetparternes bemærkning:"
  kNumberHeader,      // fields.number_header: "Nr." heading a column
  kTitleHeader,       // fields.title_header: "Initiativ", "Indsats", "Tiltag" heading a column
  kCommitteeHeader,   // fields.committee_header: "Ansvarligt udvalg", "Udvalg" heading a column
  kRemarkHeader,      // fields.remark_header: "Bemærkning", "Kommentar" heading a column
  kSummaryTitle,      // classify.summary: "Opsamling", "Referat", "Sammenfatning" naming a page
  kLabelOnly,         // fields.label_only: "Ansvarligt udvalg:" on a line of its own
  kLabelStart,        // fields.label_start: such a label, where it stands in a paragraph
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

// Traffic-light colours, by hue, the one classifier for smileys drawn as
// pictures or shapes, coloured smiley glyphs and shaded status cells:
// green, yellow (amber and orange too) or red; nullopt for black, grey,
// white, blue and other colours that say no status. 0xRRGGBB.
enum class Light { kGreen, kYellow, kRed };
std::optional<Light> LightOfColor(unsigned color);

// Where a match lies in the text it ran on, as byte offsets, so callers can
// report evidence. groups[0] is the whole match; a group that took no part
// is {npos, npos}.
struct RuleMatch {
  size_t begin = 0, end = 0;
  std::vector<std::pair<size_t, size_t>> groups;
  bool Has(size_t i) const { return i < groups.size() && groups[i].first != std::string_view::npos; }
  std::string_view Group(std::string_view text, size_t i) const {
    return Has(i) ? text.substr(groups[i].first, groups[i].second - groups[i].first)
                  : std::string_view();
  }
};

enum class RuleAnchor { kNone, kStart, kBoth };

// Matches `id` on `text` with the given anchoring (kStart: the match begins
// at text[0]); fills `m` with offsets into `text`. `^` and `$` in a pattern
// mean the ends of `text`, so pass the exact slice you mean.
bool MatchRule(RuleId id, std::string_view text, RuleAnchor anchor, RuleMatch* m);

// Text as every rule expects it: NBSP and the other fixed-width spaces as
// ' ', U+2010/U+2011/U+2212 as '-', soft hyphens and zero-width characters
// removed. (NFC is the layout stage's job; text reaching the rules is NFC.)
// `source` maps each byte of `text` back to the input, so a rule's match can
// be reported as a range of the caller's own string.
struct RuleText {
  std::string text;
  // source[i]: offset in the input of the character text[i] came from;
  // source_end[i]: offset just after it. Both empty when text == input.
  std::vector<size_t> source, source_end;
  size_t InputBegin(size_t i) const { return source.empty() ? i : source[i]; }
  // The input offset just after text[0, i).
  size_t InputEnd(size_t i) const { return source.empty() || i == 0 ? i : source_end[i - 1]; }
};
RuleText NormaliseForRules(std::string_view input);

// The committee names every municipality's documents are checked against
// (committees.h), in the definite form the documents use.
const std::vector<std::string_view>& CommitteeNames();

// Words that read like a committee's name but are not one ("Fagudvalget").
bool IsGenericCommitteeWord(std::string_view word);

// The first match in `text` at or after byte `from` (offsets into `text`).
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
