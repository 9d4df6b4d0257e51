#include "rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "unicode.h"

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

// Amounts. Numbers are Danish: '.' between thousands, ',' before decimals
// ("2.762", "0,925", "1.000,5"); a space may stand for the '.' ("1 000",
// NBSP and thin spaces are spaces by now). "1.5" is no Danish number and
// matches nothing rather than something wrong. A trailing ",-" marks whole
// kroner ("500,-"). A sign is '-' right before the digits (" - " is a dash in
// prose) or '÷' ("÷ 1.230"); a U+2212 minus is a '-' by now.
#define NUM "(?:[0-9]{1,3}(?:\\.[0-9]{3})+(?:,[0-9]+)?|[0-9]{1,3}(?: [0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?)(?:,-)?"
#define SIGNED_NUM "(?:(-|÷\\s?))?(" NUM ")"
// Years are 1900-2099: a four-digit number outside reads as anything but a year.
#define YR "(?:19|20)[0-9][0-9]"
#define YSPAN YR "(?:\\s*[-–]\\s*" YR ")?"
// "2020", "2020-2023", "2020, 2021 og 2022", "2019 og 2020", "2020- 2023".
#define YEARS YSPAN "(?:\\s*,\\s*" YSPAN ")*(?:\\s*,?\\s+(?:og|samt)\\s+" YSPAN ")?"
// Where a period is certain ("i hvert af årene", "i perioden") "til" also
// makes a range; elsewhere "fra 2021 til 2020" is a move (amount.from_to).
#define YEARS_TIL "(?:" YR "\\s+til(?:\\s+og\\s+med)?\\s+" YR "|" YEARS ")"
#define ONWARD "(\\s+og\\s+(?:frem(?:efter|over)?|fremad))?"
// Words that only grade the number that follows.
#define GRADE "(?:over|ca\\.|cirka|op\\s+til|knap|mindst|min\\.|maks\\.|maksimalt|omkring|yderligere|ekstra)"
// The known councils that are not "...udvalget"; built into committee.name.
#define COUNCILS "Kommunalbestyrelsen|Byrådet|Borgerrepræsentationen|Regionsrådet|Magistraten"
// One part of a committee name: "Børne", "Social", "Økonomi".
#define PART "[" UPPER "][" LOWER "]*"

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
    // "Tredje opfølgning på Aftale om budget 2017", "1. opfølgning på
    // budgetforliget 2020"; or the year first: "Status på budgetforlig
    // 2020-2023 – 1. opfølgning". Groups: ordinal, year | year, ordinal.
    {RuleId::kFollowupTitle, "classify.followup",
     R"((?i)(?:(første|anden|tredje|fjerde|femte|sjette|\d\.)\s+(?:budget)?opfølgning\s+på\s+(?:aftale(?:n)?\s+om\s+budget(?:tet)?|budgetforlig(?:et)?|budgetaftale(?:n)?)\s*((?:19|20)\d\d))"
     R"(|(?:(?:status|opfølgning)\s+på\s+)?(?:aftale(?:n)?\s+om\s+budget|budgetforlig(?:et)?|budgetaftale(?:n)?)\s*((?:19|20)\d\d)(?:\s*[-–]\s*(?:19|20)?\d\d)?\s*[-–:,]?\s*(første|anden|tredje|fjerde|femte|sjette|\d\.)\s+(?:budget)?opfølgning))"},
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

    // Amounts: the cores, a number and its unit. The caller checks that no
    // letter or digit touches a core on either side ("krav", "12345 kr.").
    {RuleId::kAmountKr, "amount.kr",
     SIGNED_NUM R"(\s*(?:kroner|kr\.?-?|DKK))"},
    {RuleId::kAmountTkr, "amount.tkr",
     SIGNED_NUM R"(\s*(?:t\.\s?kr\.?|tkr\.?|tusinde?\s+kroner))"},
    {RuleId::kAmountMioKr, "amount.mio_kr",
     SIGNED_NUM R"(\s*(?:mio\.?\s*kroner|mio\.?\s*kr\.?|mill?\.\s*kr\.?|mln\.?\s*kr\.?|million(?:er)?\s+(?:kroner|kr\.?)))"},
    {RuleId::kAmountMiaKr, "amount.mia_kr",
     SIGNED_NUM R"(\s*(?:mia\.?\s*kroner|mia\.?\s*kr\.?|milliard(?:er)?\s+(?:kroner|kr\.?)))"},
    {RuleId::kAmountMioBare, "amount.mio_bare", SIGNED_NUM R"(\s*(mio|mia)\.?)"},
    {RuleId::kAmountKrPrefix, "amount.kr_prefix", R"((?:kr\.|DKK)\s*()" NUM R"())"},
    {RuleId::kAmountBareFollow, "amount.bare_follow",
     R"(\s*(?:[.,;:!?)]|$|(?:i|til|fra|årligt|om|pr\.|hvert|og|samt|ekstra|yderligere|netto)(?:\s|$)))"},
    {RuleId::kAmountMoneyCue, "amount.money_cue",
     R"((?i)afsæt|afsat|bevilg|priorit|finansier|budget|besparelse|udgift|invester|tilskud|pulje)"},

    // Qualifiers after the core, matched anchored where the last one ended.
    {RuleId::kAmountPerYear, "amount.per_year", R"(\s*(?:årligt|om året|pr\.\s*år|per år|hvert år))"},
    {RuleId::kAmountPerMonth, "amount.per_month",
     R"(\s*(?:månedligt|om måneden|pr\.\s*måned|per måned|hver måned))"},
    {RuleId::kAmountPerWeek, "amount.per_week", R"(\s*(?:ugentligt|om ugen|pr\.\s*uge|per uge|hver uge))"},
    {RuleId::kAmountEachYears, "amount.each_years", R"(\s*i\s+hvert\s+af\s+årene\s+()" YEARS_TIL ")"},
    {RuleId::kAmountPeriodYears, "amount.period_years",
     R"(\s*i\s+(?:perioden|årene)\s+()" YEARS_TIL ")"},
    {RuleId::kAmountFromTo, "amount.from_to",
     R"(\s*fra\s+(?:[Bb]udget\s+)?()" YR R"()\s+til\s+(?:og\s+med\s+)?(?:[Bb]udget\s+)?()" YR ")"},
    {RuleId::kAmountOnward, "amount.onward",
     R"(\s*(?:fra\s+og\s+med|fra)\s+(?:[Bb]udget(?:året)?\s+)?()" YR ")" ONWARD},
    {RuleId::kAmountOnwardDate, "amount.onward_date", nullptr},  // built from kMonths below
    {RuleId::kAmountInYears, "amount.in_years",
     R"(\s*(?:af\s+)?i\s+(?:[Bb]udget(?:året)?\s+)?()" YEARS ")" ONWARD},
    {RuleId::kAmountInYear, "amount.in_year", R"(\s*i\s+(?:[Bb]udget\s+)?()" YR ")"},
    {RuleId::kAmountBareYear, "amount.bare_year", R"(\s+()" YR R"()\s*(?:[.;:!?]|$))"},
    {RuleId::kAmountFiller, "amount.filler",
     R"(\s*(?:i\s+anlægsmidler|i\s+anlæg|i\s+driftsmidler|i\s+engangsmidler|ekstra|yderligere|netto|brutto))"},
    {RuleId::kAmountTotalAfter, "amount.total_after", R"(\s*i\s+alt)"},
    {RuleId::kAmountSavingAfter, "amount.saving_after",
     R"(\s*i\s+(?:besparelser?|mindreudgifter|mindreudgift))"},
    {RuleId::kAmountMoveAfter, "amount.move_after",
     R"(\s+(?:fremrykkes|udskydes|flyttes|overføres))"},

    // Leads before the core: each ends at `$`, the start of the amount.
    {RuleId::kAmountMultiplier, "amount.multiplier", R"((?:^|\s)([0-9]{1,3})\s*[x×]\s*$)"},
    {RuleId::kAmountLeadPerYear, "amount.lead_per_year",
     R"((?:^|\s)(?:årligt|hvert år|om året)\s+(?:)" GRADE R"(\s+)?$)"},
    {RuleId::kAmountLeadYears, "amount.lead_years",
     R"((?:^|\s)i\s+(?:hvert\s+af\s+årene\s+|årene\s+|perioden\s+)?()" YEARS_TIL R"()\s+(?:(hvert år|årligt)\s+)?$)"},
    {RuleId::kAmountLeadEquals, "amount.lead_equals",
     R"((?:^|\s)for\s+()" YR R"()\s+svarende\s+til\s+$)"},
    {RuleId::kAmountLeadAnnual, "amount.lead_annual",
     R"((?:^|\s)(?:en\s+)?årlig\s+[)" LOWER R"(]+(?:\s+fra\s+()" YR R"()\s+og\s+frem)?\s+på\s+(?:)" GRADE R"(\s+)?$)"},
    {RuleId::kAmountLeadTotal, "amount.lead_total", R"((?:^|\s)(?:i\s+alt|samlet(?:\s+set)?)\s+$)"},
    {RuleId::kAmountClauseYears, "amount.clause_years",
     R"((?:^|\s)[Ii]\s+(?:perioden\s+|[Bb]udget(?:året)?\s+|årene\s+)?()" YEARS_TIL
     R"(),?\s+(?:der\s+)?(?:afsættes|afsætter|afsatte|sættes|prioriteres|prioriterer|bevilges|bevilger|investeres|investerer|tilføres|anvendes|er\s+der\s+afsat))"
     R"((?:\s+(?:der|derfor|yderligere|ekstra|samlet\s+set|samlet|i\s+alt))*\s+$)"},

    // Cues for the kind. A saving: a noun directly before its preposition,
    // or a verb of reducing right before the amount; a "besparelse" further
    // off ("Som led i besparelsen afsættes ...") is no cue.
    {RuleId::kAmountSavingNoun, "amount.saving_noun",
     R"((?i)(?:^|\s)(?:netto|ramme)?(?:besparelse|reduktion|mindreudgift|effektivisering|nedskæring)(?:n|r|rne|en|er|erne)?)"
     R"((?:\s+(?:uden\s+for\s+servicerammen|inden\s+for\s+servicerammen|fra\s+)" YR R"(\s+og\s+frem|i\s+)" YR
     R"(|fordeles|på\s+[)" LOWER R"(]+))*\s+(?:på|med|af|svarende\s+til|udgør|er(?:\s+på)?)\s+(?:)" GRADE R"(\s+)?$)"},
    {RuleId::kAmountSavingVerb, "amount.saving_verb",
     R"((?i)(?:^|\s)(?:reduceres|reducere|reducerer|reduceret|nedsættes|nedsætte|nedsætter|spares|spare|sparer|spart|sparet|nedbringes|beskæres))"
     R"((?:\s+(?:der|tilsvarende|yderligere|årligt|samlet|hermed|dermed|med))*\s+$)"},
    {RuleId::kAmountMoveVerb, "amount.move_verb",
     R"((?i)(?:^|\s)(?:fremrykke[rs]?|fremrykket|fremrykning|udskyde[rs]?|udskudt|udskydelse|flytte[rs]?|flyttet|overføre[rs]?|overført)(?:\s|$))"},

    // Context after the amount, as far as the clause goes: no digits, no
    // punctuation, so never across another amount or a comma.
    {RuleId::kAmountTrailingMove, "amount.trailing_move",
     R"(((?:\s+[^\s0-9.,;:!?]+){0,8}?)\s+fra\s+(?:[Bb]udget\s+)?()" YR R"()\s+til\s+(?:[Bb]udget\s+)?()" YR ")"},
    {RuleId::kAmountTrailingYear, "amount.trailing_year",
     R"(((?:\s+[^\s0-9.,;:!?]+){1,8}?)\s+i\s+(?:[Bb]udget\s+)?()" YR R"()\s*(?:[.;:!?]|$))"},
    {RuleId::kAmountListJoin, "amount.list_join",
     R"(\s*(?:,\s*(?:og\s+)?|og\s+|samt\s+|stigende\s+til\s+|faldende\s+til\s+|,?\s*og\s+derefter\s+|,?\s*og\s+efterfølgende\s+|og\s+herefter\s+|derefter\s+|efterfølgende\s+)?)"},
    {RuleId::kAmountRangeFrom, "amount.range_from", R"((?:^|\s)fra\s+$)"},
    {RuleId::kAmountRangeTo, "amount.range_to", R"(\s*til\s+)"},

    // Tables: a cell is one number, perhaps signed, perhaps in parentheses
    // (accountants' negative), perhaps with a footnote mark.
    {RuleId::kAmountTableCell, "amount.table_cell",
     R"(\s*(?:([-÷])\s*)?(\()?\s*()" NUM R"()\s*(\))?\s*(?:\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(?[0-9a-z]\))?\s*)"},
    {RuleId::kAmountHeaderUnit, "amount.header_unit",
     R"((?i)(?:\(\s*(?:beløb\s+i\s+|i\s+)?(1\.000\s*kr|1000\s*kr|t\.\s?kr|tkr|mio\.?\s*kr|mio|mia\.?\s*kr|mia|kroner|kr)\.?\s*\))"
     R"(|(?:^|\s)(?:i|beløb\s+i)\s+(1\.000\s*kr|1000\s*kr|t\.\s?kr|tkr|mio\.?\s*kr|mia\.?\s*kr|kroner|kr)\.?(?:\s|$|[,;:]))"
     R"(|^\s*(1\.000\s*kr|t\.\s?kr|tkr|mio\.?\s*kr|mia\.?\s*kr|kr)\.?\s*$))"},

    // Committees. A name is a chain of parts joined the Danish way ("Kultur-,
    // Fritids- og Idrætsudvalget"), ending in "udvalg..." so that typos
    // ("udvalgte", "udvalgt") are still seen; or "Udvalget for X og Y"; or a
    // council. A bare " og " never joins parts here: "Børne- og
    // Skoleudvalget og Social- og Sundhedsudvalget" are two names. An en
    // dash for the hyphen ("Teknik– og Miljøudvalget") is a typo the
    // list corrects, not the end of the name.
    {RuleId::kCommitteeName, "committee.name",
     R"((?:)" PART R"((?:[-–]\s*,\s*|[-–]\s*(?:og|eller|&)\s+))*[)" UPPER R"(][)" LOWER
     R"(]*udvalg[)" LOWER R"(]*|Udvalget\s+for\s+)" PART R"((?:(?:,\s*|\s+og\s+))" PART R"()*|)" COUNCILS R"()"},
    // The part a name may have lost its hyphen from: "Social og " or, glued
    // at a line end, "Børneog " right before "Sundhedsudvalget". Kept only
    // when the longer name is a known one (committees.cc).
    {RuleId::kCommitteeLeftPart, "committee.left_part",
     R"((?:^|[^)" UPPER LOWER R"(])()" PART R"()(?:\s+og|og)\s+$)"},
    {RuleId::kCommitteeWellFormed, "committee.well_formed",
     PART R"((?:[-–]\s*,\s*)" PART R"()*[-–]\s+(?:og|eller)\s+)" PART R"(udvalget|)" PART
     R"(udvalget|Udvalget\s+for\s+)" PART R"((?:(?:,\s*|\s+og\s+))" PART R"()*)"},
    // Roles, as the truth files spell them. Only the present tense right
    // after a name that opens its sentence: "skal tage stilling til", a name
    // inside a longer subject ("Børne- og Skoleudvalget og Kultur- og
    // Fritidsudvalget udmønter ...") or named in passing ("drøftes i",
    // "orienteres", "forelægges") is no role.
    {RuleId::kCommitteeFagudvalg, "committee.fagudvalg",
     R"(\s+er\s+fagudvalg\s+på\s+(?:opgaven|forslaget)\b)"},
    {RuleId::kCommitteeUdmoenter, "committee.udmoenter", R"(\s+udmønter\s+midlerne\b)"},
    {RuleId::kCommitteeBeslutter, "committee.beslutter",
     R"(\s+(?:træffer\s+beslutning(?:en)?|tager\s+stilling\s+til)\b)"},
    {RuleId::kCommitteeFoelger, "committee.foelger",
     R"(\s+følger\s+(?:(?:fortsat|løbende|tæt|nøje)\s+)?(?:op|udviklingen)\b)"},
    {RuleId::kCommitteeBegynder, "committee.begynder",
     R"((?:^|\s)(?:[Oo]pgaven|[Aa]rbejdet|[Ss]agen)\s+(?:begynder|starter)\s+i\s+$)"},
    {RuleId::kCommitteeAnsvarlig, "committee.ansvarligt_udvalg",
     R"((?i)(?:^|\s)ansvarligt?\s+(?:fag)?udvalg\s*:?\s*$)"},
    {RuleId::kChapterNumberOnly, "segment.chapter_number", R"((\d{1,2}|[A-ZÆØÅ])\.)"},
    {RuleId::kEffortKind, "fields.effort_kind",
     R"((?i)kort\s+beskrivelse\s+af\s+indsatsen\s*\(\s*([^)]*[^)\s])\s*\))"},
    {RuleId::kCenterLabel, "fields.center", R"((?i)^\s*ansvarlig(?:t|e)?\s+cent(?:er|re)\s*:\s*(.*\S))"},
    {RuleId::kContributorLabel, "fields.contributor",
     R"((?i)^\s*(?:væsentlig(?:e)?\s+)?bidragsyder(?:e)?\s*:\s*(.*\S))"},
    {RuleId::kMilestoneLabel, "fields.milestone_label", R"((?i)\s*(?:milep(?:æ|ae)l(?:e|en)?|delmål)\s*:?\s*)"},
    {RuleId::kEconomyLabel, "fields.economy_label", R"((?i)\s*(?:økonomi|oekonomi)\s*:?\s*)"},
    {RuleId::kDueHeader, "fields.due_header",
     R"((?i)\s*(?:tid|tidspunkt|tidsplan|frist|deadline|dato|forventet\s+afslutning|hvornår)\s*:?\s*)"},
    {RuleId::kStatusHeader, "fields.status_header",
     R"((?i)\s*(?:smiley|smileys|status|vurdering|statusvurdering|trafiklys)\s*:?\s*)"},
    {RuleId::kDueDate, "fields.due_date", R"((\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d))"},
    {RuleId::kDuePeriod, "fields.due_period",
     R"((?i)(?:\d\.\s*(?:budget)?opfølgning|\d\.\s*(?:kvartal|halvår)|(?:primo|medio|ultimo|udgangen\s+af)\s)\D{0,20}(?:19|20)\d\d)"},
    {RuleId::kStatusWord, "fields.status_word", R"((?i)\s*(grøn|gul|rød|green|yellow|red)\s*)"},
    {RuleId::kLegendEntry, "fields.legend", R"(^\s*(?:[•\-–]\s*)?(\S{1,2})\s*[:=–\-]\s*(\S.*))"},
    {RuleId::kRemarkLabel, "fields.remark",
     R"((?i)^\s*(administrationens|budgetparternes|parternes|forligspartiernes)\s+bemærkning(?:er)?\s*[:.]?\s*)"},
    {RuleId::kNumberHeader, "fields.number_header", R"((?i)\s*(?:nr|nummer|punkt|id)\.?\s*)"},
    {RuleId::kTitleHeader, "fields.title_header",
     R"((?i)\s*(?:initiativ|indsats|tiltag|emne|aftalepunkt|område/tekst|område|titel|overskrift)\s*)"},
    {RuleId::kCommitteeHeader, "fields.committee_header",
     R"((?i)\s*(?:ansvarligt\s+|ansvarlig\s+)?(?:fag)?udvalg\s*)"},
    {RuleId::kRemarkHeader, "fields.remark_header",
     R"((?i)\s*(?:bemærkning(?:er)?|kommentar(?:er)?|beskrivelse|status\s+på\s+indsatsen)\s*)"},
    {RuleId::kSummaryTitle, "classify.summary",
     R"((?i)(?:^|[^a-zæøå])(?:opsamling|referat|resumé|resume|sammenfatning|konklusioner|hovedpunkter))"},
    {RuleId::kLabelOnly, "fields.label_only",
     R"((?i)\s*(ansvarlig(?:t|e)?\s+udvalg|ansvarlig(?:t|e)?\s+cent(?:er|re)|(?:væsentlig(?:e)?\s+)?bidragsyder(?:e)?)\s*:\s*)"},
    {RuleId::kLabelStart, "fields.label_start",
     R"((?:^|\s)((?:Ansvarlig(?:t|e)?|ANSVARLIG(?:T|E)?)\s+(?i:udvalg|cent(?:er|re))|(?:Væsentlig(?:e)?\s+(?i:bidragsyder(?:e)?))|Bidragsyder(?:e)?)\s*:)"},
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
  if (def.id == RuleId::kAmountOnwardDate) {
    return std::string(R"(\s*fra\s+(?:den\s+)?[0-9]{1,2}\.\s*(?:)") + kMonths + R"()\s+()" YR ")";
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
    for (size_t i = 0; i < std::size(kRules); ++i) {
      // RuleName() indexes the table by id: a row out of order is a bug.
      if (static_cast<size_t>(kRules[i].id) != i) {
        std::fprintf(stderr, "aftale: rule %s is out of order in the table\n", kRules[i].name);
        std::abort();
      }
    }
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

// The committee names documents are checked against. Ballerup's first, then
// the usual names of other municipalities' standing committees, and the
// councils. Definite singular, as in "Økonomiudvalget er fagudvalg ...".
const std::vector<std::string_view> kCommitteeNames = {
    "Økonomiudvalget",
    "Børne- og Skoleudvalget",
    "Social- og Sundhedsudvalget",
    "Teknik- og Miljøudvalget",
    "Kultur- og Fritidsudvalget",
    "Erhvervs- og Beskæftigelsesudvalget",
    "Digitaliserings- og Teknologiudvalget",
    "Klima- og Miljøudvalget",
    "Plan- og Boligudvalget",
    "Plan- og Miljøudvalget",
    "Plan- og Teknikudvalget",
    "By- og Boligudvalget",
    "Beskæftigelsesudvalget",
    "Beskæftigelses- og Integrationsudvalget",
    "Arbejdsmarkedsudvalget",
    "Erhvervsudvalget",
    "Sundheds- og Omsorgsudvalget",
    "Sundheds- og Ældreudvalget",
    "Sundhedsudvalget",
    "Ældreudvalget",
    "Ældre- og Sundhedsudvalget",
    "Socialudvalget",
    "Social- og Handicapudvalget",
    "Børne- og Ungeudvalget",
    "Børne- og Ungdomsudvalget",
    "Børne- og Familieudvalget",
    "Børne- og Uddannelsesudvalget",
    "Børneudvalget",
    "Skoleudvalget",
    "Uddannelsesudvalget",
    "Kulturudvalget",
    "Kultur- og Idrætsudvalget",
    "Fritids- og Kulturudvalget",
    "Teknikudvalget",
    "Teknisk Udvalg",
    "Miljøudvalget",
    "Natur- og Miljøudvalget",
    "Miljø- og Teknikudvalget",
    "Klimaudvalget",
    "Planudvalget",
    "Integrationsudvalget",
    "Landdistriktsudvalget",
    "Kommunalbestyrelsen",
    "Byrådet",
    "Borgerrepræsentationen",
    "Regionsrådet",
    "Magistraten",
};

// Read like a committee but name none: the role, not a body.
const std::string_view kGenericCommitteeWords[] = {"Fagudvalget", "Underudvalget", "Udvalget"};

}  // namespace

void CompileRules() { Compiled(); }

const std::vector<std::string_view>& CommitteeNames() { return kCommitteeNames; }

bool IsGenericCommitteeWord(std::string_view word) {
  for (std::string_view w : kGenericCommitteeWords) {
    if (w == word) return true;
  }
  return false;
}

namespace {

bool MatchFrom(RuleId id, std::string_view text, size_t from, RE2::Anchor anchor, RuleMatch* m) {
  const RE2& re = Get(id);
  int n = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> pieces(static_cast<size_t>(n) + 1);
  if (from > text.size() ||
      !re.Match(re2::StringPiece(text.data(), text.size()), from, text.size(), anchor, pieces.data(), n + 1)) {
    return false;
  }
  if (m != nullptr) {
    auto offset = [&](const re2::StringPiece& p) {
      return static_cast<size_t>(p.data() - text.data());
    };
    m->begin = offset(pieces[0]);
    m->end = m->begin + pieces[0].size();
    m->groups.assign(static_cast<size_t>(n) + 1,
                     {std::string_view::npos, std::string_view::npos});
    m->groups[0] = {m->begin, m->end};
    for (int i = 1; i <= n; ++i) {
      if (pieces[i].data() == nullptr) continue;
      size_t b = offset(pieces[i]);
      m->groups[static_cast<size_t>(i)] = {b, b + pieces[i].size()};
    }
  }
  return true;
}

}  // namespace

bool MatchRule(RuleId id, std::string_view text, RuleAnchor anchor, RuleMatch* m) {
  RE2::Anchor a = anchor == RuleAnchor::kBoth    ? RE2::ANCHOR_BOTH
                  : anchor == RuleAnchor::kStart ? RE2::ANCHOR_START
                                                 : RE2::UNANCHORED;
  return MatchFrom(id, text, 0, a, m);
}

bool FindMatch(RuleId id, std::string_view text, size_t from, RuleMatch* match) {
  return MatchFrom(id, text, from, RE2::UNANCHORED, match);
}

RuleText NormaliseForRules(std::string_view input) {
  RuleText out;
  // Fast path: only these lead bytes start a character the rules rewrite
  // (U+00A0/U+00AD: C2; U+200x, U+202F, U+2212: E2; U+FEFF: EF).
  bool plain = true;
  for (unsigned char c : input) {
    if (c == 0xC2 || c == 0xE2 || c == 0xEF) {
      plain = false;
      break;
    }
  }
  if (plain) {
    out.text.assign(input);
    return out;
  }
  out.text.reserve(input.size());
  out.source.reserve(input.size());
  out.source_end.reserve(input.size());
  size_t i = 0;
  while (i < input.size()) {
    size_t start = i;
    char32_t cp = NextCodePoint(input, &i);
    auto emit = [&](std::string_view bytes) {
      for (char c : bytes) {
        out.text += c;
        out.source.push_back(start);
        out.source_end.push_back(i);
      }
    };
    switch (cp) {
      case 0x00A0: case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006:
      case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F:
        emit(" ");
        break;
      case 0x2010: case 0x2011: case 0x2212:
        emit("-");
        break;
      case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        break;
      default:
        // Copied byte for byte, so invalid UTF-8 stays what it was.
        emit(input.substr(start, i - start));
    }
  }
  return out;
}

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


std::optional<Light> LightOfColor(unsigned color) {
  int r = static_cast<int>((color >> 16) & 0xFF), g = static_cast<int>((color >> 8) & 0xFF),
      b = static_cast<int>(color & 0xFF);
  int mx = std::max({r, g, b}), mn = std::min({r, g, b});
  // Saturated and not dark: a colour that is meant to be seen as one.
  if (mx < 70 || mx - mn < 60 || (mx - mn) * 100 < 35 * mx) return std::nullopt;
  double d = mx - mn, hue;
  if (mx == r) hue = 60.0 * ((g - b) / d);
  else if (mx == g) hue = 60.0 * ((b - r) / d + 2);
  else hue = 60.0 * ((r - g) / d + 4);
  if (hue < 0) hue += 360;
  if (hue < 20 || hue >= 330) return Light::kRed;
  if (hue < 75) return Light::kYellow;
  if (hue < 170) return Light::kGreen;
  return std::nullopt;
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
