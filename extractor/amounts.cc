#include "amounts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <iterator>

#include "rules.h"
#include "unicode.h"

namespace extractor {
namespace {

constexpr size_t kNpos = std::string_view::npos;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Letters and digits, for the boundaries of a match: RE2's \b knows ASCII
// only, and "5 kræmmere" must not read as "5 kr".
bool IsWordCp(char32_t cp) { return cp < 0x80 ? std::isalnum(static_cast<int>(cp)) != 0 : IsLetter(cp); }

bool WordBefore(std::string_view s, size_t pos) {
  if (pos == 0) return false;
  return IsWordCp(LastCodePoint(s.substr(0, pos)));
}

bool WordAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  size_t i = pos;
  return IsWordCp(NextCodePoint(s, &i));
}

// A match that ends in a letter or digit must not run on into a word
// ("i anlæg" is no filler in "i anlægsprojektet").
bool EndsCleanly(std::string_view s, size_t end) {
  return end == 0 || !WordBefore(s, end) || !WordAt(s, end);
}

// The number just read as a year is really the start of an amount
// ("i 2020 og 2000 kr.") or of a word ("i 2020-priser", a price level):
// then it is no year of the amount.
bool FollowsAsNumber(std::string_view s, size_t pos) {
  if (pos + 1 < s.size() && (s[pos] == '.' || s[pos] == ',') && IsAsciiDigit(s[pos + 1])) return true;
  if (pos + 1 < s.size() && s[pos] == '-' && WordAt(s, pos + 1)) return true;
  size_t i = pos;
  while (i < s.size() && s[i] == ' ') ++i;
  std::string_view rest = s.substr(i);
  for (std::string_view u : {"kr", "mio", "mia", "t.kr", "tkr", "mill"}) {
    if (rest.substr(0, u.size()) == u) return true;
  }
  return false;
}

std::optional<int> Year(std::string_view s) {
  if (s.size() != 4) return std::nullopt;
  int y = 0;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return std::nullopt;
    y = y * 10 + (c - '0');
  }
  return y;
}

struct Years {
  std::vector<int> years;
  bool enumerated = false;  // two or more years listed one by one
};

// The years of a span matched by a YEARS pattern: "2020, 2021 og 2022",
// "2020-2023", "2020 til 2022", "2020- 2023". A range is spelled out, but
// never beyond 60 years (a typo, not a budget period).
Years ParseYears(std::string_view span) {
  Years out;
  std::vector<std::pair<int, std::string_view>> tokens;  // year, text before it
  size_t last_end = 0;
  for (size_t i = 0; i + 4 <= span.size(); ++i) {
    if (!IsAsciiDigit(span[i]) || (i > 0 && IsAsciiDigit(span[i - 1]))) continue;
    if (i + 4 < span.size() && IsAsciiDigit(span[i + 4])) continue;
    std::optional<int> y = Year(span.substr(i, 4));
    if (!y) continue;
    tokens.push_back({*y, span.substr(last_end, i - last_end)});
    last_end = i + 4;
    i += 3;
  }
  bool any_range = false;
  for (size_t k = 0; k < tokens.size(); ++k) {
    int y = tokens[k].first;
    std::string_view sep = tokens[k].second;
    bool range = k > 0 && (sep.find('-') != kNpos || sep.find("–") != kNpos ||
                           sep.find("til") != kNpos);
    if (range) {
      any_range = true;
      int a = std::min(tokens[k - 1].first, y), b = std::max(tokens[k - 1].first, y);
      if (b - a <= 60) {
        for (int v = a; v <= b; ++v) out.years.push_back(v);
      }
    }
    out.years.push_back(y);
  }
  std::sort(out.years.begin(), out.years.end());
  out.years.erase(std::unique(out.years.begin(), out.years.end()), out.years.end());
  out.enumerated = tokens.size() >= 2 && !any_range;
  return out;
}

// Sentences (and clauses after ':' or ';') of normalised text: context never
// reaches across one. A '.' ends a sentence only before a capital, so
// "mio. kr. i 2020" and "1. maj" stay whole while "kr. Der" splits.
std::vector<std::pair<size_t, size_t>> Sentences(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool cut = false;
    size_t next = i + 1;
    if (c == '\n' || c == '\r') {
      cut = true;
    } else if (c == ';' || c == ':' || c == '!' || c == '?' || c == '.') {
      size_t j = i + 1;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (c == '.') {
        if (j > i + 1 && j < s.size()) {
          size_t k = j;
          char32_t cp = NextCodePoint(s, &k);
          cut = IsUpper(cp);
        }
      } else {
        cut = j > i + 1 || j == s.size();
      }
    }
    if (cut) {
      out.push_back({start, next});
      start = next;
    }
  }
  if (start < s.size() || out.empty()) out.push_back({start, s.size()});
  return out;
}

struct Unit {
  RuleId rule;
  const char* name;
  std::int64_t factor;
};

// The cores, longest units first so "mio. kr." is never read as "kr.".
constexpr std::array<Unit, 6> kCores = {{
    {RuleId::kAmountMiaKr, "mia. kr.", 1000000000},
    {RuleId::kAmountMioKr, "mio. kr.", 1000000},
    {RuleId::kAmountTkr, "t.kr.", 1000},
    {RuleId::kAmountKr, "kr.", 1},
    {RuleId::kAmountMioBare, "mio. kr.", 1000000},  // or mia., see group 3
    {RuleId::kAmountKrPrefix, "kr.", 1},
}};

struct Core {
  size_t begin = 0, end = 0;  // in the normalised text
  std::int64_t dkk = 0;       // unsigned magnitude
  bool minus = false;
  const char* unit = "";
  RuleId rule = RuleId::kAmountKr;
};

// Everything read about one amount while it is being built.
struct Draft {
  Core core;
  size_t phrase_begin = 0, phrase_end = 0;
  std::int64_t multiplier = 1;
  std::vector<int> years;
  bool recurring = false, onward = false, total = false, saving = false, move_cue = false;
  bool own_kind = false;  // the kind came from a cue of its own, not a list
  std::string per;
  std::optional<std::pair<int, int>> from_to;
  std::vector<int> context_years;  // from the clause, used when none are attached
  bool range_from = false;         // "fra" right before: "fra X til Y"
};

void SetYears(Draft& d, const Years& y) {
  d.years = y.years;
  if (y.enumerated) {
    d.recurring = true;
    if (d.per.empty()) d.per = "year";
  }
}

void SetRecurring(Draft& d, const char* per) {
  d.recurring = true;
  if (d.per.empty()) d.per = per;
}

std::vector<Core> FindCores(std::string_view s, const std::vector<std::pair<size_t, size_t>>& sentences) {
  std::vector<Core> cores;
  // Whether the sentence holding byte `b` talks about money, once per sentence.
  std::vector<signed char> cue(sentences.size(), -1);
  auto money_talk = [&](size_t b) {
    auto it = std::upper_bound(sentences.begin(), sentences.end(), b,
                               [](size_t v, const auto& p) { return v < p.first; });
    size_t k = it == sentences.begin() ? 0 : static_cast<size_t>(it - sentences.begin()) - 1;
    if (cue[k] < 0) {
      std::string_view sentence = s.substr(sentences[k].first, sentences[k].second - sentences[k].first);
      cue[k] = MatchRule(RuleId::kAmountMoneyCue, sentence, RuleAnchor::kNone, nullptr) ? 1 : 0;
    }
    return cue[k] == 1;
  };
  for (const Unit& u : kCores) {
    size_t pos = 0;
    RuleMatch m;
    while (pos < s.size() && MatchRule(u.rule, s.substr(pos), RuleAnchor::kNone, &m)) {
      size_t b = pos + m.begin, e = pos + m.end;
      auto retry = [&] {
        pos = b + 1;
        while (pos < s.size() && IsAsciiDigit(s[pos])) ++pos;
      };
      // Nothing may touch the core: "12345 kr." is not "345 kr.", "1.3 mio" no number.
      bool bad = WordBefore(s, b) || !EndsCleanly(s, e);
      if (!bad && b >= 2 && (s[b - 1] == '.' || s[b - 1] == ',') && IsAsciiDigit(s[b - 2])) bad = true;
      std::string_view sign =
          u.rule == RuleId::kAmountKrPrefix ? std::string_view() : m.Group(s.substr(pos), 1);
      std::string_view number = m.Group(s.substr(pos), u.rule == RuleId::kAmountKrPrefix ? 1 : 2);
      const char* unit = u.name;
      std::int64_t factor = u.factor;
      if (u.rule == RuleId::kAmountMioBare && !bad) {
        if (m.Group(s.substr(pos), 3) == "mia") {
          unit = "mia. kr.";
          factor = 1000000000;
        }
        // A bare "mio." is money only in a sentence about money and before a
        // preposition or the sentence's end: "2 mio. borgere" is no amount.
        if (!MatchRule(RuleId::kAmountBareFollow, s.substr(e), RuleAnchor::kStart, nullptr) ||
            !money_talk(b)) {
          bad = true;
        }
      }
      std::optional<std::int64_t> dkk;
      if (!bad) dkk = ScaleDanishNumber(number, factor);
      if (!dkk) {
        retry();
        continue;
      }
      Core c;
      c.begin = b;
      c.end = e;
      c.dkk = *dkk;
      c.minus = !sign.empty();
      c.unit = unit;
      c.rule = u.rule;
      cores.push_back(c);
      pos = e;
    }
  }
  // Overlaps: the earlier core wins, then the longer ("2 mio. kr." over "2 mio.").
  std::sort(cores.begin(), cores.end(), [](const Core& a, const Core& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Core> out;
  for (const Core& c : cores) {
    if (!out.empty() && c.begin < out.back().end) continue;
    out.push_back(c);
  }
  return out;
}

// Qualifiers after the core, each at most once, anchored where the last ended.
void ReadAfter(std::string_view s, size_t sentence_end, Draft& d) {
  static constexpr RuleId kAfter[] = {
      RuleId::kAmountPerYear,     RuleId::kAmountPerMonth,    RuleId::kAmountPerWeek,
      RuleId::kAmountEachYears,   RuleId::kAmountPeriodYears, RuleId::kAmountFromTo,
      RuleId::kAmountOnwardDate,  RuleId::kAmountOnward,      RuleId::kAmountInYears,
      RuleId::kAmountInYear,      RuleId::kAmountBareYear,    RuleId::kAmountFiller,
      RuleId::kAmountTotalAfter,  RuleId::kAmountSavingAfter, RuleId::kAmountMoveAfter,
  };
  bool used[std::size(kAfter)] = {};
  bool have_years = false;
  size_t pos = d.phrase_end;
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t r = 0; r < std::size(kAfter); ++r) {
      if (used[r]) continue;
      RuleId id = kAfter[r];
      bool is_years = id == RuleId::kAmountEachYears || id == RuleId::kAmountPeriodYears ||
                      id == RuleId::kAmountFromTo || id == RuleId::kAmountOnwardDate ||
                      id == RuleId::kAmountOnward || id == RuleId::kAmountInYears ||
                      id == RuleId::kAmountInYear || id == RuleId::kAmountBareYear;
      if (is_years && have_years) continue;
      std::string_view rest = s.substr(pos, sentence_end - pos);
      RuleMatch m;
      if (!MatchRule(id, rest, RuleAnchor::kStart, &m)) continue;
      size_t end = pos + m.end;
      if (id == RuleId::kAmountBareYear) end = pos + m.groups[1].second;
      if (!EndsCleanly(s, end)) continue;
      if (is_years && id != RuleId::kAmountBareYear && FollowsAsNumber(s, end)) continue;
      switch (id) {
        case RuleId::kAmountPerYear: SetRecurring(d, "year"); break;
        case RuleId::kAmountPerMonth: SetRecurring(d, "month"); break;
        case RuleId::kAmountPerWeek: SetRecurring(d, "week"); break;
        case RuleId::kAmountEachYears:
          SetYears(d, ParseYears(m.Group(rest, 1)));
          SetRecurring(d, "year");
          break;
        case RuleId::kAmountPeriodYears:
        case RuleId::kAmountInYears:
          SetYears(d, ParseYears(m.Group(rest, 1)));
          if (m.Has(2)) {
            d.onward = true;
            SetRecurring(d, "year");
          }
          break;
        case RuleId::kAmountFromTo:
          d.from_to = {*Year(m.Group(rest, 1)), *Year(m.Group(rest, 2))};
          break;
        case RuleId::kAmountOnwardDate:
        case RuleId::kAmountOnward:
          d.years = {*Year(m.Group(rest, 1))};
          d.onward = true;
          SetRecurring(d, "year");
          break;
        case RuleId::kAmountInYear:
        case RuleId::kAmountBareYear:
          d.years = {*Year(m.Group(rest, 1))};
          break;
        case RuleId::kAmountTotalAfter: d.total = true; break;
        case RuleId::kAmountSavingAfter: d.saving = d.own_kind = true; break;
        case RuleId::kAmountMoveAfter: d.move_cue = true; break;
        default: break;
      }
      if (is_years) have_years = true;
      used[r] = true;
      pos = end;
      d.phrase_end = end;
      progress = true;
      break;
    }
  }
}

// Leads before the core, each ending where the previous one began.
void ReadBefore(std::string_view s, size_t gap_begin, Draft& d) {
  static constexpr RuleId kBefore[] = {
      RuleId::kAmountMultiplier, RuleId::kAmountLeadPerYear, RuleId::kAmountLeadTotal,
      RuleId::kAmountLeadYears,  RuleId::kAmountLeadEquals,  RuleId::kAmountLeadAnnual,
      RuleId::kAmountClauseYears,
  };
  bool used[std::size(kBefore)] = {};
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t r = 0; r < std::size(kBefore); ++r) {
      if (used[r]) continue;
      RuleId id = kBefore[r];
      std::string_view gap = s.substr(gap_begin, d.phrase_begin - gap_begin);
      RuleMatch m;
      if (!MatchRule(id, gap, RuleAnchor::kNone, &m)) continue;
      size_t begin = gap_begin + m.begin;
      while (begin < d.phrase_begin && (s[begin] == ' ' || s[begin] == '\t')) ++begin;
      switch (id) {
        case RuleId::kAmountMultiplier: {
          std::int64_t k = 0;
          for (char c : m.Group(gap, 1)) k = k * 10 + (c - '0');
          d.multiplier = k;
          break;
        }
        case RuleId::kAmountLeadPerYear: SetRecurring(d, "year"); break;
        case RuleId::kAmountLeadTotal: d.total = true; break;
        case RuleId::kAmountLeadYears:
          if (d.years.empty()) SetYears(d, ParseYears(m.Group(gap, 1)));
          if (m.Has(2)) SetRecurring(d, "year");
          break;
        case RuleId::kAmountLeadEquals:
          if (d.years.empty()) d.years = {*Year(m.Group(gap, 1))};
          break;
        case RuleId::kAmountLeadAnnual:
          SetRecurring(d, "year");
          if (m.Has(1) && d.years.empty()) {
            d.years = {*Year(m.Group(gap, 1))};
            d.onward = true;
          }
          break;
        case RuleId::kAmountClauseYears:
          // The clause's years ("i perioden 2020-2023 afsættes ..."): only
          // when nothing nearer states any; the phrase then reaches back to
          // them, so the evidence shows where they were read.
          if (!d.years.empty()) {
            used[r] = true;
            continue;
          }
          {
            Years y = ParseYears(m.Group(gap, 1));
            d.context_years = y.years;
            if (y.enumerated) SetRecurring(d, "year");
          }
          break;
        default: break;
      }
      used[r] = true;
      d.phrase_begin = begin;
      progress = true;
      break;
    }
  }
}

AmountMatch Finish(std::string_view input, const RuleText& rt, const Draft& d) {
  AmountMatch a;
  a.begin = rt.InputBegin(d.phrase_begin);
  a.end = rt.InputEnd(d.phrase_end);
  a.text = std::string(input.substr(a.begin, a.end - a.begin));
  a.years = d.years;
  a.recurring = d.recurring;
  a.onward = d.onward;
  a.per = d.recurring ? d.per : "";
  a.unit = d.core.unit;
  a.rule = RuleName(d.core.rule);
  std::int64_t dkk = 0;
  // "2 x 5.000 kr.": the product, unless it overflows (then the printed figure).
  if (__builtin_mul_overflow(d.core.dkk, d.multiplier, &dkk)) dkk = d.core.dkk;
  if (d.from_to && d.move_cue) {
    a.kind = "move";
    a.from_year = d.from_to->first;
    a.years = {d.from_to->second};
  } else if (d.saving || d.core.minus) {
    a.kind = "saving";
    dkk = -dkk;
  } else if (d.total) {
    a.kind = "total";
  }
  a.dkk = dkk;
  return a;
}

}  // namespace

std::optional<std::int64_t> ScaleDanishNumber(std::string_view number, std::int64_t factor) {
  if (factor <= 0) return std::nullopt;
  if (number.size() >= 2 && number.substr(number.size() - 2) == ",-") number.remove_suffix(2);
  __int128 whole = 0;
  int whole_digits = 0;
  // Thousands groups: 1-3 digits, then groups of exactly 3 ("1.5" is no
  // Danish number, "2.762" is); one separator kind throughout.
  int group = 0, groups = 0;
  char separator = 0;
  size_t i = 0;
  for (; i < number.size() && number[i] != ','; ++i) {
    char c = number[i];
    if (c == '.' || c == ' ') {
      if ((separator != 0 && c != separator) || group == 0 || (groups == 0 ? group > 3 : group != 3)) {
        return std::nullopt;
      }
      separator = c;
      ++groups;
      group = 0;
      continue;
    }
    if (!IsAsciiDigit(c)) return std::nullopt;
    if (++whole_digits > 18) return std::nullopt;
    whole = whole * 10 + (c - '0');
    ++group;
  }
  if (whole_digits == 0 || (groups > 0 && group != 3)) return std::nullopt;
  __int128 value = whole * factor;
  if (i < number.size()) {  // the decimals after ','
    __int128 frac = 0, scale = 1;
    if (i + 1 == number.size()) return std::nullopt;  // "5," has no decimals
    for (++i; i < number.size(); ++i) {
      if (!IsAsciiDigit(number[i])) return std::nullopt;
      if (scale >= static_cast<__int128>(1000000000000000000)) continue;  // beyond 18 decimals: noise
      frac = frac * 10 + (number[i] - '0');
      scale *= 10;
    }
    __int128 part = frac * factor;
    __int128 q = part / scale, r = part % scale;
    if (2 * r >= scale) ++q;  // to the nearest krone, halves away from zero
    value += q;
  }
  if (value > INT64_MAX) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

std::optional<std::int64_t> UnitFactor(std::string_view unit) {
  if (unit == "kr.") return 1;
  if (unit == "t.kr." || unit == "1.000 kr.") return 1000;
  if (unit == "mio. kr.") return 1000000;
  if (unit == "mia. kr.") return 1000000000;
  return std::nullopt;
}

std::optional<std::string> UnitFromHeader(std::string_view header) {
  RuleText rt = NormaliseForRules(header);
  RuleMatch m;
  if (!MatchRule(RuleId::kAmountHeaderUnit, rt.text, RuleAnchor::kNone, &m)) return std::nullopt;
  std::string_view raw;
  for (size_t g = 1; g <= 3 && raw.empty(); ++g) raw = m.Group(rt.text, g);
  std::string key;
  for (char c : ToLower(raw)) {
    if (c != ' ' && c != '.') key += c;
  }
  if (key == "1000kr") return "1.000 kr.";
  if (key == "tkr") return "t.kr.";
  if (key.rfind("mio", 0) == 0) return "mio. kr.";
  if (key.rfind("mia", 0) == 0) return "mia. kr.";
  if (key == "kr" || key == "kroner") return "kr.";
  return std::nullopt;
}

std::optional<std::int64_t> TableAmountDkk(std::string_view cell, std::string_view unit) {
  std::optional<std::int64_t> factor = UnitFactor(unit);
  if (!factor) {
    std::optional<std::string> u = UnitFromHeader(unit);
    if (u) factor = UnitFactor(*u);
  }
  if (!factor) return std::nullopt;
  RuleText rt = NormaliseForRules(cell);
  RuleMatch m;
  if (!MatchRule(RuleId::kAmountTableCell, rt.text, RuleAnchor::kBoth, &m)) return std::nullopt;
  std::optional<std::int64_t> v = ScaleDanishNumber(m.Group(rt.text, 3), *factor);
  if (!v) return std::nullopt;
  bool negative = m.Has(1) && !m.Group(rt.text, 1).empty();
  if (m.Has(2) && m.Has(4)) negative = !negative;  // "(1.230)": the accountants' minus
  else if (m.Has(2) != m.Has(4)) return std::nullopt;  // one parenthesis: no number of ours
  return negative ? -*v : *v;
}

std::vector<AmountMatch> FindAmounts(std::string_view input) {
  std::vector<AmountMatch> out;
  if (std::none_of(input.begin(), input.end(), IsAsciiDigit)) return out;
  RuleText rt = NormaliseForRules(input);
  std::string_view s = rt.text;
  std::vector<std::pair<size_t, size_t>> sentences = Sentences(s);
  std::vector<Core> cores = FindCores(s, sentences);

  std::vector<Draft> drafts;
  std::vector<size_t> sentence_of;
  size_t sent = 0;
  for (const Core& c : cores) {
    while (sent + 1 < sentences.size() && c.begin >= sentences[sent].second) ++sent;
    const auto [sb, se] = sentences[sent];
    Draft d;
    d.core = c;
    d.phrase_begin = c.begin;
    d.phrase_end = c.end;
    ReadAfter(s, se, d);
    // The gap before: back to the sentence's start or the previous amount,
    // and no further than a few words' worth of bytes.
    size_t gap_begin = sb;
    if (!drafts.empty() && sentence_of.back() == sent) gap_begin = std::max(gap_begin, drafts.back().phrase_end);
    if (d.phrase_begin - gap_begin > 300) {
      gap_begin = d.phrase_begin - 300;
      while (gap_begin < d.phrase_begin && (static_cast<unsigned char>(s[gap_begin]) & 0xC0) == 0x80) ++gap_begin;
    }
    if (gap_begin > d.phrase_begin) gap_begin = d.phrase_begin;
    size_t core_begin = d.phrase_begin;
    ReadBefore(s, gap_begin, d);
    // Cues: on the gap up to the core, and up to the leads (a cue may sit
    // right before "årligt ..." or "2 x ...").
    for (size_t end : {core_begin, d.phrase_begin}) {
      std::string_view gap = s.substr(gap_begin, end - gap_begin);
      if (MatchRule(RuleId::kAmountSavingNoun, gap, RuleAnchor::kNone, nullptr) ||
          MatchRule(RuleId::kAmountSavingVerb, gap, RuleAnchor::kNone, nullptr)) {
        d.saving = d.own_kind = true;
      }
    }
    std::string_view gap = s.substr(gap_begin, d.phrase_begin - gap_begin);
    if (MatchRule(RuleId::kAmountMoveVerb, gap, RuleAnchor::kNone, nullptr)) d.move_cue = true;
    d.range_from = MatchRule(RuleId::kAmountRangeFrom, gap, RuleAnchor::kNone, nullptr);
    // Context after the amount, within the clause.
    if (d.move_cue && !d.from_to) {
      RuleMatch m;
      std::string_view rest = s.substr(d.phrase_end, se - d.phrase_end);
      if (MatchRule(RuleId::kAmountTrailingMove, rest, RuleAnchor::kStart, &m) && EndsCleanly(s, d.phrase_end + m.end)) {
        d.from_to = {*Year(m.Group(rest, 2)), *Year(m.Group(rest, 3))};
        d.phrase_end += m.end;
      }
    }
    if (d.from_to && !d.move_cue && d.years.empty()) {
      // "fra 2020 til 2023" with no verb of moving is a period.
      std::vector<int> span;
      int a = std::min(d.from_to->first, d.from_to->second), b = std::max(d.from_to->first, d.from_to->second);
      if (b - a <= 60) {
        for (int y = a; y <= b; ++y) span.push_back(y);
      }
      d.years = span;
      d.from_to.reset();
    }
    if (d.years.empty() && !d.from_to) {
      if (!d.context_years.empty()) {
        d.years = d.context_years;
      } else {
        RuleMatch m;
        std::string_view rest = s.substr(d.phrase_end, se - d.phrase_end);
        if (MatchRule(RuleId::kAmountTrailingYear, rest, RuleAnchor::kStart, &m)) {
          d.years = {*Year(m.Group(rest, 2))};
          d.phrase_end += m.groups[2].second;
        }
      }
    }
    drafts.push_back(d);
    sentence_of.push_back(sent);
  }

  // Lists: "denne besparelse fordeles med 100.000 kr. i 2020, 200.000 kr. i
  // 2021 og ..." are all savings; "fra 255.000 kr. til 305.000 kr. årligt"
  // are both yearly.
  for (size_t i = 1; i < drafts.size(); ++i) {
    if (sentence_of[i] != sentence_of[i - 1]) continue;
    Draft& a = drafts[i - 1];
    Draft& b = drafts[i];
    if (a.phrase_end > b.phrase_begin) continue;
    std::string_view join = s.substr(a.phrase_end, b.phrase_begin - a.phrase_end);
    if (!b.own_kind && a.saving && !b.move_cue &&
        MatchRule(RuleId::kAmountListJoin, join, RuleAnchor::kBoth, nullptr)) {
      b.saving = true;
    }
    if (a.range_from && !a.recurring && a.years.empty() &&
        MatchRule(RuleId::kAmountRangeTo, join, RuleAnchor::kBoth, nullptr)) {
      a.recurring = b.recurring;
      a.per = b.per;
      a.years = b.years;
      a.onward = b.onward;
    }
  }
  out.reserve(drafts.size());
  for (const Draft& d : drafts) out.push_back(Finish(input, rt, d));
  return out;
}

}  // namespace extractor
