// agreement_items.h: the numbered items of an agreement's text, for the
// amount and committee tests, read from corpus/<case>.ref.txt (the seed text
// of ../shared/seeds, one paragraph a line, line-end hyphens undone) so the
// tests never depend on the PDF reader or on ../shared being present.
#ifndef AFTALE_TESTS_AGREEMENT_ITEMS_H_
#define AFTALE_TESTS_AGREEMENT_ITEMS_H_

#include <map>
#include <string>
#include <vector>

#include "rules.h"
#include "unicode.h"

namespace extractor::testing {

struct ItemText {
  std::string number;  // "1.3"
  std::vector<std::string> paragraphs;
};

// Lines with a tab belong to the table of contents or a table and are
// skipped; a chapter heading ends an item; the first annex heading or
// signature line after the items ends the text.
inline std::vector<ItemText> AgreementItems(const std::string& text) {
  std::vector<ItemText> items;
  bool in_item = false;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.find('\t') != std::string::npos) continue;
    std::vector<std::string> g;
    if (Matches(RuleId::kAnnexHeading, line) || Matches(RuleId::kSignatureLine, line)) {
      if (!items.empty()) break;
      continue;
    }
    if (Capture(RuleId::kItemHeading, line, &g)) {
      items.push_back({g[0], {}});
      in_item = true;
      continue;
    }
    if (Matches(RuleId::kChapterHeading, line)) {
      in_item = false;
      continue;
    }
    if (in_item && !line.empty()) items.back().paragraphs.push_back(line);
  }
  return items;
}

// The seed text of ../shared/seeds as one string per item number, lines
// joined the way a reader joins them: "år-" + "ligt" -> "årligt" (a letter,
// a hyphen, a lower-case letter), any other line break a space, runs of
// spaces one. Used to check that a hand-written phrase is in the seed.
inline std::map<std::string, std::string> SeedItems(const std::string& seed) {
  std::map<std::string, std::string> items;
  std::string current;
  bool broken = false;
  size_t start = 0;
  while (start <= seed.size()) {
    size_t end = seed.find('\n', start);
    if (end == std::string::npos) end = seed.size();
    std::string line = seed.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find('\t') != std::string::npos) continue;
    std::string trimmed = line;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    // A letter and a hyphen end the line with no space after: a word broken
    // at the line end ("forenings- " with its space is a suspended compound).
    bool was_broken = broken;
    broken = line.size() >= 2 && line.back() == '-' &&
             IsLetter(LastCodePoint(std::string_view(line).substr(0, line.size() - 1)));
    std::vector<std::string> g;
    if (Capture(RuleId::kItemHeading, trimmed, &g)) current = g[0];
    if (current.empty() || trimmed.empty()) continue;
    std::string& s = items[current];
    size_t i = 0;
    char32_t first = NextCodePoint(trimmed, &i);
    if (was_broken && IsLower(first) && !s.empty()) {
      s.pop_back();  // the hyphen the line break put there
    } else if (!s.empty()) {
      s += ' ';
    }
    s += trimmed;
  }
  for (auto& [number, s] : items) {
    std::string collapsed;
    for (char c : s) {
      if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
      collapsed += c;
    }
    s = collapsed;
  }
  return items;
}

}  // namespace extractor::testing

#endif  // AFTALE_TESTS_AGREEMENT_ITEMS_H_
