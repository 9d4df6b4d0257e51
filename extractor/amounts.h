// amounts.h: Danish money phrases -> normalised amounts. Pure functions from
// text to values; the fields stage calls them on an item's paragraphs and
// table cells and turns the byte ranges into page + box evidence.
//
// Running text gives one AmountMatch per amount, each with the years it
// applies to, whether it recurs, its kind (amount, saving, move, total) and
// the exact phrase it was read from. Every pattern lives in rules.cc.
//
//   for (const AmountMatch& a : FindAmounts("Der afsættes 1 mio. kr. årligt."))
//     // a.text == "1 mio. kr. årligt", a.dkk == 1000000, a.recurring, a.unit == "mio. kr."
//   std::optional<std::string> unit = UnitFromHeader("Drift (1.000 kr.)");   // "1.000 kr."
//   std::optional<std::int64_t> dkk = TableAmountDkk("-1.230", *unit);        // -1230000
//
// What the fields mean, decided once for every caller:
// - dkk: integer kroner, read digit by digit and scaled by the unit (never a
//   double); a fraction of a krone is rounded to the nearest krone, halves
//   away from zero. Savings are negative; moves are positive (the sum moved).
// - years: sorted, each year once; a range ("2020-2023") is spelled out.
// - recurring: the amount applies again in each year: "årligt", "hvert år",
//   "i hvert af årene 2020-2023", "fra 2020 (og frem)", or several years
//   listed one by one ("0,3 mio. kr. i 2019 og 2020", which Danish budget
//   prose means per year). A range without a per-year word ("samlet set 50
//   mio. kr. i 2020-2023") is a total over the range: recurring is false.
// - onward: "fra 2020 og frem", "fra og med budget 2020": from years.front(),
//   no end stated.
// - per: "year", "month" or "week" when recurring, else "". A monthly amount
//   keeps the monthly figure ("50 kr. månedligt": dkk 50, per "month"): it is
//   usually a rate per person, and multiplying by 12 would state a figure
//   the document never printed.
// - kind: "saving" ("reduceres med", "en besparelse på", a printed minus),
//   "move" ("fremrykkes 3 mio. kr. fra 2021 til 2020": years {2020},
//   from_year 2021), "total" ("i alt 10 mio. kr.", "samlet set"), else
//   "amount". "fra 2020 til 2023" without a verb of moving is a range.
// - text, begin, end: the smallest span of the input holding every word a
//   value was read from; text == input.substr(begin, end - begin).
#ifndef AFTALE_AMOUNTS_H_
#define AFTALE_AMOUNTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace extractor {

struct AmountMatch {
  size_t begin = 0, end = 0;    // byte range of the phrase in the input
  std::string text;             // the phrase as printed
  std::int64_t dkk = 0;         // integer kroner, negative for savings
  std::vector<int> years;       // sorted; empty if none stated
  bool recurring = false;
  bool onward = false;          // "fra 2020 og frem": from years.front() on
  std::string per;              // "year", "month", "week" when recurring
  std::string unit;             // "kr.", "t.kr.", "1.000 kr.", "mio. kr.", "mia. kr."
  std::string kind = "amount";  // "amount", "saving", "move", "total"
  std::optional<int> from_year; // a move's first year
  std::string rule;             // the rules-table id of the core ("amount.mio_kr")
  bool operator==(const AmountMatch&) const = default;
};

// Every amount in a paragraph of running text, in order. Tax rates,
// percentages, years, dates, item numbers, phone numbers and counts are no
// amounts: an amount needs a money unit ("kr.", "mio. kr.", ...), or a bare
// "mio." in a sentence about money followed by a preposition ("0,5 mio. til").
std::vector<AmountMatch> FindAmounts(std::string_view text);

// A table cell's value in kroner, given the unit its header states
// (UnitFromHeader). Reads "-1.230", "÷ 1.230", "(1.230)", "1.000", "0",
// "0,05" and ignores footnote marks ("500*", "500 1)", "500¹"). None for an
// empty cell, a lone dash, text, or a unit it does not know.
std::optional<std::int64_t> TableAmountDkk(std::string_view cell, std::string_view unit);

// The unit a table header or title states, canonical: "Drift – driftsinvesteringer
// (1.000 kr.)" -> "1.000 kr.", "(mio. kr.)" -> "mio. kr.", "Beløb i t.kr." ->
// "t.kr.". None when it states none.
std::optional<std::string> UnitFromHeader(std::string_view header);

// Kroner per unit of a canonical unit ("1.000 kr." -> 1000); none otherwise.
std::optional<std::int64_t> UnitFactor(std::string_view unit);

// A Danish number ("2.762", "0,925", "1 000", "1.000,5", "500,-") times
// `factor`, exactly: none if it is no such number or does not fit.
std::optional<std::int64_t> ScaleDanishNumber(std::string_view number, std::int64_t factor);

}  // namespace extractor

#endif  // AFTALE_AMOUNTS_H_
