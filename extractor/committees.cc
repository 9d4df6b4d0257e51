#include "committees.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iterator>

#include "rules.h"
#include "unicode.h"

namespace extractor {
namespace {

// Optimal-string-alignment distance (Levenshtein plus swapping two
// neighbours, so "udvalgte" is one edit from "udvalget"), on code points.
// Gives up past `bound` and returns bound + 1.
int Distance(const std::u32string& a, const std::u32string& b, int bound) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > bound) return bound + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > bound) return bound + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], bound + 1);
}

// How many edits a name of `length` code points may take and still be that
// name: one per eight letters, at most two. "Byrådet" takes none (too short
// to tell a typo from another word); "Økonomiudvalget" one;
// "Social- og Sundhedsudvalget" two.
int Bound(size_t length) { return static_cast<int>(std::min<size_t>(2, length / 8)); }

// Whitespace to single spaces, and the ways layout and typing bend a name
// without misspelling it: "Miljø-udvalget" (a line-end hyphen kept),
// "Social-og" (a space lost).
std::string Clean(std::string_view written) {
  std::string s = NormaliseForRules(written).text;
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  for (size_t p; (p = out.find("-udvalg")) != std::string::npos && p > 0 && out[p - 1] != ' ';) {
    out.erase(p, 1);
  }
  for (std::string_view glue : {"-og ", "-eller "}) {
    for (size_t p = 0; (p = out.find(glue, p)) != std::string::npos; p += glue.size()) {
      out.insert(p + 1, " ");
    }
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool WordCp(char32_t cp) { return cp < 0x80 ? std::isalnum(static_cast<int>(cp)) != 0 : IsLetter(cp); }

struct RoleRule {
  RuleId rule;
  const char* role;
};

// After the name, anchored at its end.
constexpr RoleRule kAfter[] = {
    {RuleId::kCommitteeFagudvalg, "fagudvalg"},
    {RuleId::kCommitteeUdmoenter, "udmønter"},
    {RuleId::kCommitteeBeslutter, "beslutter"},
    {RuleId::kCommitteeFoelger, "følger"},
};
// Before the name, ending at its start.
constexpr RoleRule kBefore[] = {
    {RuleId::kCommitteeBegynder, "begynder"},
    {RuleId::kCommitteeAnsvarlig, "ansvarligt udvalg"},
};

// Whether the name at `b` opens its sentence: only spaces, bullets, quotes
// or an opening parenthesis since the text's start or a sentence's end.
// A role read after a name needs it; a name inside a longer subject
// ("Børne- og Skoleudvalget og Kultur- og Fritidsudvalget udmønter") or
// a clause ("at Kommunalbestyrelsen følger forslaget") gets none.
bool OpensSentence(std::string_view s, size_t b) {
  while (b > 0) {
    size_t start = 0;
    char32_t cp = LastCodePoint(s.substr(0, b), &start);
    if (cp == U'.' || cp == U'!' || cp == U'?' || cp == U':' || cp == U';' || cp == U'\n') return true;
    bool skip = cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'•' || cp == U'-' || cp == U'–' ||
                cp == U'*' || cp == U'"' || cp == U'”' || cp == U'“' || cp == U'„' || cp == U'(';
    if (!skip) return false;
    b = start;
  }
  return true;
}

// A start at most `n` bytes before `end`, on a character boundary.
size_t Back(std::string_view s, size_t end, size_t n) {
  size_t b = end > n ? end - n : 0;
  while (b < end && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) ++b;
  return b;
}

}  // namespace

std::optional<CommitteeName> NormaliseCommittee(std::string_view written) {
  std::string clean = Clean(written);
  if (clean.empty()) return std::nullopt;
  // A genitive names a committee in passing ("Økonomiudvalgets møde").
  if (EndsWith(clean, "udvalgets") || EndsWith(clean, "bestyrelsens") || EndsWith(clean, "rådets")) {
    return std::nullopt;
  }
  const std::vector<std::string_view>& names = CommitteeNames();
  for (std::string_view n : names) {
    if (n == clean) return CommitteeName{std::string(n), true, false, 0};
  }
  std::string lower = ToLower(clean);
  std::u32string w = DecodeUtf8(lower);
  int best = 3;
  std::string_view best_name;
  bool tie = false;
  for (std::string_view n : names) {
    std::string ln = ToLower(n);
    if (ln == lower) return CommitteeName{std::string(n), true, false, 0};  // "ØKONOMIUDVALGET"
    std::u32string u = DecodeUtf8(ln);
    int bound = Bound(u.size());
    if (bound == 0) continue;
    int d = Distance(w, u, bound);
    if (d > bound) continue;
    if (d < best) {
      best = d;
      best_name = n;
      tie = false;
    } else if (d == best) {
      tie = true;
    }
  }
  if (!best_name.empty() && !tie) return CommitteeName{std::string(best_name), true, true, best};
  if (!IsGenericCommitteeWord(clean) &&
      MatchRule(RuleId::kCommitteeWellFormed, clean, RuleAnchor::kBoth, nullptr)) {
    return CommitteeName{clean, false, false, 0};
  }
  return std::nullopt;
}

std::vector<CommitteeMatch> FindCommittees(std::string_view input) {
  std::vector<CommitteeMatch> out;
  RuleText rt = NormaliseForRules(input);
  std::string_view s = rt.text;
  size_t pos = 0;
  RuleMatch m;
  while (pos < s.size() && MatchRule(RuleId::kCommitteeName, s.substr(pos), RuleAnchor::kNone, &m)) {
    size_t b = pos + m.begin, e = pos + m.end;
    pos = e > b ? e : b + 1;
    if (b > 0 && WordCp(LastCodePoint(s.substr(0, b)))) continue;
    if (e < s.size()) {
      size_t i = e;
      if (WordCp(NextCodePoint(s, &i))) continue;  // "Kommunalbestyrelsens"
    }
    std::optional<CommitteeName> name;
    // A hyphen lost before " og" ("Social og Sundhedsudvalget") or at a
    // line end ("Børneog Skoleudvalget"): the longer name counts only if it
    // is a known one.
    RuleMatch left;
    size_t lo = Back(s, b, 60);
    if (MatchRule(RuleId::kCommitteeLeftPart, s.substr(lo, b - lo), RuleAnchor::kNone, &left)) {
      size_t eb = lo + left.groups[1].first;
      std::optional<CommitteeName> longer = NormaliseCommittee(s.substr(eb, e - eb));
      if (longer && longer->known) {
        name = longer;
        b = eb;
      }
    }
    if (!name) name = NormaliseCommittee(s.substr(b, e - b));
    if (!name) continue;
    CommitteeMatch c;
    c.begin = rt.InputBegin(b);
    c.end = rt.InputEnd(e);
    c.as_written = std::string(input.substr(c.begin, c.end - c.begin));
    c.name = name->name;
    c.known = name->known;
    c.corrected = name->corrected;
    size_t phrase_b = b, phrase_e = e;
    size_t before = Back(s, b, 100);
    for (const RoleRule& r : kBefore) {
      RuleMatch rm;
      std::string_view gap = s.substr(before, b - before);
      if (MatchRule(r.rule, gap, RuleAnchor::kNone, &rm)) {
        c.role = r.role;
        c.rule = RuleName(r.rule);
        phrase_b = before + rm.begin;
        while (phrase_b < b && s[phrase_b] == ' ') ++phrase_b;
        break;
      }
    }
    if (c.role.empty() && OpensSentence(s, b)) {
      for (const RoleRule& r : kAfter) {
        RuleMatch rm;
        if (MatchRule(r.rule, s.substr(e, std::min<size_t>(200, s.size() - e)), RuleAnchor::kStart, &rm)) {
          c.role = r.role;
          c.rule = RuleName(r.rule);
          phrase_e = e + rm.end;
          break;
        }
      }
    }
    c.phrase_begin = rt.InputBegin(phrase_b);
    c.phrase_end = rt.InputEnd(phrase_e);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<CommitteeMatch> FindCommitteeRoles(std::string_view text) {
  std::vector<CommitteeMatch> all = FindCommittees(text);
  std::vector<CommitteeMatch> out;
  for (CommitteeMatch& c : all) {
    if (!c.role.empty()) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace extractor
