// libFuzzer target for the rules on raw text: every pattern of the rules
// table, the amount and committee readers, the hyphenation decision on every
// pair of adjacent words, and classify/segment over the text laid out as one
// paragraph per line (the first byte of a line picks its style). Invariants
// besides no crash: item ids are unique; every amount and committee match is
// a range of its input that holds exactly its text, with sorted years in
// 1900..2200.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "amounts.h"
#include "classify.h"
#include "committees.h"
#include "hyphen.h"
#include "rules.h"
#include "segment.h"
#include "unicode.h"

using namespace extractor;

namespace {

bool Range(std::string_view in, size_t begin, size_t end, std::string_view text) {
  return begin <= end && end <= in.size() && in.substr(begin, end - begin) == text;
}

void CheckFields(std::string_view in) {
  for (const AmountMatch& a : FindAmounts(in)) {
    if (!Range(in, a.begin, a.end, a.text)) std::abort();
    if (!std::is_sorted(a.years.begin(), a.years.end())) std::abort();
    for (int y : a.years) {
      if (y < 1900 || y > 2200) std::abort();
    }
    if (a.from_year && (*a.from_year < 1900 || *a.from_year > 2200)) std::abort();
    if (a.kind == "saving" && a.dkk > 0) std::abort();
  }
  for (const CommitteeMatch& c : FindCommittees(in)) {
    if (!Range(in, c.begin, c.end, c.as_written)) std::abort();
    if (c.phrase_begin > c.begin || c.end > c.phrase_end || c.phrase_end > in.size()) std::abort();
    if (c.name.empty()) std::abort();
  }
  size_t nl = in.find('\n');
  std::string_view first = in.substr(0, nl == std::string_view::npos ? in.size() : nl);
  std::optional<std::string> unit = UnitFromHeader(first);
  TableAmountDkk(first, unit ? *unit : "1.000 kr.");
  NormaliseCommittee(first.substr(0, 200));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // The field readers take whatever they are given, broken UTF-8 included.
  CheckFields(text);
  // Layout hands the rules valid UTF-8 only; so does the rest of this target.
  text = EncodeUtf8(DecodeUtf8(text));
  CheckFields(text);
  std::vector<std::string> groups;
  for (int i = 0; i < static_cast<int>(RuleId::kCount); ++i) {
    Matches(static_cast<RuleId>(i), text);
    Find(static_cast<RuleId>(i), text, &groups);
  }
  std::vector<std::string> words;
  std::string cur;
  for (char c : text) {
    if (c == ' ' || c == '\n') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(cur);
  HyphenEvidence evidence;
  for (size_t i = 0; i + 1 < words.size() && i < 200; ++i) {
    HyphenJoin how = DecideHyphen(words[i], words[i + 1], evidence);
    JoinHyphenated(words[i] + "-", words[i + 1], how);
    WordKey(words[i]);
  }
  LaidDocument laid;
  laid.pages.emplace_back();
  LaidPage& page = laid.pages.back();
  page.number = 1;
  page.width = 595;
  page.height = 842;
  size_t start = 0;
  double y = 50;
  while (start < text.size() && page.blocks.size() < 300) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    Block b;
    b.page = 1;
    unsigned char style = static_cast<unsigned char>(line[0]);
    b.kind = style % 5 == 0 ? BlockKind::kCell : BlockKind::kParagraph;
    b.table = 0;
    b.row = style % 7;
    b.col = style % 3;
    b.text = line;
    b.box = {70, y, 500, y + 12};
    Line l;
    l.text = line;
    l.box = b.box;
    l.page = 1;
    l.bold = style % 2 == 0;
    l.font_size = style % 3 == 0 ? 14 : 11;
    b.lines.push_back(l);
    page.blocks.push_back(std::move(b));
    y += 14;
  }
  DocumentMeta meta = Classify(laid, std::string(64, 'a'));
  Segmented s = Segment(laid, meta);
  std::set<std::string> ids;
  for (const Part& p : s.parts) {
    if (!ids.insert(p.id).second) std::abort();
  }
  return 0;
}
