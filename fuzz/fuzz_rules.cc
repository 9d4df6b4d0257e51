// libFuzzer target for the rules on raw text: every pattern of the rules
// table, the hyphenation decision on every pair of adjacent words, and
// classify/segment over the text laid out as one paragraph per line (the
// first byte of a line picks its style). Invariant besides no crash: item
// ids are unique.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "classify.h"
#include "hyphen.h"
#include "rules.h"
#include "segment.h"
#include "unicode.h"

using namespace extractor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // Layout hands the rules valid UTF-8 only; so does this target.
  text = EncodeUtf8(DecodeUtf8(text));
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
