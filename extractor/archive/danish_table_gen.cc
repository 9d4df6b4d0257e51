// danish_table_gen: builds the Danish stem table from the hunspell-da
// dictionary at build time (CMake runs it; the output lives in the build
// folder and is never committed).
//
//   danish_table_gen /usr/share/hunspell/da_DK.aff /usr/share/hunspell/da_DK.dic out.cc
//
// Why a table: Snowball alone leaves "plejecenter"/"plejecentre",
// "år"/"året", "ekstern"/"eksterne" apart, and hunspell, which knows they
// belong together, costs ~0.1 s and ~430 M instructions to load, too much for
// a command-line search. The dictionary's knowledge is distilled here into
// the few Snowball keys that need moving (see archive/README.md).
//
// How: every dictionary word is expanded with its suffix rules (SFX, two
// levels, as hunspell does) into its forms. The Snowball key of each form is
// joined with the key of the word (union-find) when the form keeps the
// word's head (not "ældre" under "gammel"), is not a genitive that is
// another headword ("vis" of "vi" is the adjective "vis"), the two keys
// differ only near their ends, and the join makes no hub: a form key that
// the forms of several unlike words share ("int" of "interne" and of "intet"
// of "ingen") joins none,
// and a short key that is a word and already stems other headwords ("for":
// "for", "forene") takes no more. Each group of keys then maps to its shortest key. The rule danish.cc applies (ApplyStemTable: exact entry,
// else the longest known compound tail) is run here over every key to prove
// that the forms of each group end on one stem and no two groups meet;
// entries that rule reproduces anyway are dropped. Prefix rules (PFX) are
// not expanded: in hunspell-da they make other words, not inflections.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "archive/danish_stem.h"
#include "unicode.h"

namespace {

using extractor::DecodeUtf8;
using extractor::EncodeUtf8;
using namespace extractor::archive;

struct Condition {
  // One element per character position: the set, negated or not; an empty
  // non-negated set is '.'.
  struct Element {
    bool negated = false;
    std::u32string set;
  };
  std::vector<Element> elements;

  bool MatchesEnd(const std::u32string& w) const {
    if (w.size() < elements.size()) return false;
    size_t off = w.size() - elements.size();
    for (size_t i = 0; i < elements.size(); ++i) {
      const Element& e = elements[i];
      if (e.set.empty() && !e.negated) continue;
      bool in = e.set.find(w[off + i]) != std::u32string::npos;
      if (in == e.negated) return false;
    }
    return true;
  }
};

Condition ParseCondition(const std::u32string& c) {
  Condition out;
  for (size_t i = 0; i < c.size();) {
    Condition::Element e;
    if (c[i] == U'.') {
      ++i;
    } else if (c[i] == U'[') {
      size_t close = c.find(U']', i);
      if (close == std::u32string::npos) close = c.size();
      size_t from = i + 1;
      if (from < close && c[from] == U'^') {
        e.negated = true;
        ++from;
      }
      e.set = c.substr(from, close - from);
      i = close + 1;
    } else {
      e.set = c.substr(i, 1);
      ++i;
    }
    out.elements.push_back(std::move(e));
  }
  return out;
}

struct Suffix {
  std::u32string strip, add;
  std::vector<int> continuation;
  Condition condition;
  bool genitive = false;  // morphology "+GENITIV"
};

struct Form {
  std::u32string text;
  bool genitive = false;  // made with a genitive suffix
};

struct Affixes {
  std::map<int, std::vector<Suffix>> suffixes;
  int need_affix = -1, forbidden = -1, only_in_compound = -1;
};

std::vector<int> ParseFlags(const std::string& s, bool* ok) {
  std::vector<int> out;
  std::stringstream ss(s);
  std::string t;
  while (std::getline(ss, t, ',')) {
    if (t.empty()) continue;
    if (t.find_first_not_of("0123456789") != std::string::npos || t.size() > 6) {
      *ok = false;
      return {};
    }
    out.push_back(std::stoi(t));
  }
  return out;
}

bool Has(const std::vector<int>& v, int f) { return std::find(v.begin(), v.end(), f) != v.end(); }

bool ReadAffixes(const std::string& path, Affixes* a, std::string* why) {
  std::ifstream in(path);
  if (!in) {
    *why = "cannot read " + path;
    return false;
  }
  std::string line;
  bool numeric_flags = false;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string key;
    ss >> key;
    if (key == "FLAG") {
      std::string v;
      ss >> v;
      numeric_flags = v == "num";
    } else if (key == "NEEDAFFIX" || key == "FORBIDDENWORD" || key == "ONLYINCOMPOUND") {
      int f = -1;
      ss >> f;
      (key == "NEEDAFFIX" ? a->need_affix : key == "FORBIDDENWORD" ? a->forbidden
                                                                    : a->only_in_compound) = f;
    } else if (key == "SFX") {
      std::string flag, strip, add, cond;
      ss >> flag >> strip >> add;
      if (!(ss >> cond)) continue;  // the group's header line: "SFX 5 Y 8"
      bool ok = true;
      std::vector<int> f = ParseFlags(flag, &ok);
      if (!ok || f.size() != 1) continue;
      Suffix s;
      s.strip = strip == "0" ? U"" : DecodeUtf8(strip);
      size_t slash = add.find('/');
      std::string text = add.substr(0, slash);
      s.add = text == "0" ? U"" : DecodeUtf8(text);
      if (slash != std::string::npos) s.continuation = ParseFlags(add.substr(slash + 1), &ok);
      s.condition = ParseCondition(DecodeUtf8(cond));
      std::string morph;
      while (ss >> morph) s.genitive = s.genitive || morph.find("GENITIV") != std::string::npos;
      if (ok) a->suffixes[f[0]].push_back(std::move(s));
    }
  }
  if (!numeric_flags) {
    *why = path + ": only 'FLAG num' dictionaries are supported (hunspell-da uses it)";
    return false;
  }
  return true;
}

// Root + one suffix, + a second one when the first allows it (hunspell's
// two-fold suffixes: "budget" + "t" (needs an affix) + "et").
void ExpandSuffixes(const Affixes& a, const Form& word, const std::vector<int>& flags, int depth,
                    std::vector<Form>* out) {
  for (int f : flags) {
    auto it = a.suffixes.find(f);
    if (it == a.suffixes.end()) continue;
    for (const Suffix& s : it->second) {
      const std::u32string& w = word.text;
      if (w.size() < s.strip.size() ||
          w.compare(w.size() - s.strip.size(), s.strip.size(), s.strip) != 0 ||
          !s.condition.MatchesEnd(w)) {
        continue;
      }
      Form form{w.substr(0, w.size() - s.strip.size()) + s.add, word.genitive || s.genitive};
      if (Has(s.continuation, a.only_in_compound)) continue;  // "børne-" of "børnehave"
      if (!Has(s.continuation, a.need_affix)) out->push_back(form);
      if (depth == 0) ExpandSuffixes(a, form, s.continuation, 1, out);
    }
  }
}

struct Entry {
  std::string word;   // as in the dictionary
  std::string lemma;  // the word itself, or its st: field
  std::vector<int> flags;
};

bool ReadDictionary(const std::string& path, const Affixes& a, std::vector<Entry>* out,
                    std::string* why) {
  std::ifstream in(path);
  if (!in) {
    *why = "cannot read " + path;
    return false;
  }
  std::string line;
  std::getline(in, line);  // the entry count
  while (std::getline(in, line)) {
    size_t space = line.find_first_of(" \t");
    std::string head = line.substr(0, space);
    std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    Entry e;
    bool multiword = false;
    std::stringstream ss(rest);
    std::string field;
    while (ss >> field) {
      if (field.size() > 3 && field[2] == ':') {
        if (field.compare(0, 3, "st:") == 0) e.lemma = field.substr(3);
      } else {
        multiword = true;  // "a cappella": not one token anyway
      }
    }
    if (multiword || head.empty()) continue;
    // Flags follow the last '/' when they are numbers: "A/S" is a word.
    size_t slash = head.rfind('/');
    bool ok = slash != std::string::npos;
    if (ok) e.flags = ParseFlags(head.substr(slash + 1), &ok);
    e.word = ok ? head.substr(0, slash) : head;
    if (!ok) e.flags.clear();
    if (Has(e.flags, a.forbidden) || Has(e.flags, a.only_in_compound)) continue;
    if (e.lemma.empty()) e.lemma = e.word;
    out->push_back(std::move(e));
  }
  return true;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

size_t CommonPrefix(const std::u32string& a, const std::u32string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

// Close enough to be one word's forms: they part at most 3 letters before
// the longer one ends ("plejecent"/"plejecentr", "midl"/"middel", "år"/"året").
bool NearEnds(const std::string& a, const std::string& b) {
  std::u32string x = DecodeUtf8(a), y = DecodeUtf8(b);
  size_t common = CommonPrefix(x, y);
  return common >= 1 && common + 3 >= std::max(x.size(), y.size());
}

// Several words may claim one form key without making a hub when their own
// keys are near each other ("året" of "år" and of "åre").
bool NearEachOther(const std::set<std::string>& keys) {
  for (auto a = keys.begin(); a != keys.end(); ++a) {
    for (auto b = std::next(a); b != keys.end(); ++b) {
      if (!NearEnds(*a, *b)) return false;
    }
  }
  return true;
}

class Groups {
 public:
  const std::string& Find(const std::string& k) {
    auto it = parent_.find(k);
    if (it == parent_.end()) it = parent_.emplace(k, k).first;
    if (it->second == k) return it->first;
    std::string root = Find(it->second);
    it = parent_.find(k);
    it->second = root;
    return it->second;
  }
  void Join(const std::string& a, const std::string& b) {
    std::string ra = Find(a), rb = Find(b);
    if (ra == rb) return;
    if (Better(ra, rb)) {
      parent_[rb] = ra;
    } else {
      parent_[ra] = rb;
    }
  }
  const std::unordered_map<std::string, std::string>& All() const { return parent_; }

 private:
  // The group's name: its shortest key, then the first in byte order, so
  // the output does not depend on the dictionary's order.
  static bool Better(const std::string& a, const std::string& b) {
    size_t la = CodePoints(a), lb = CodePoints(b);
    return la != lb ? la < lb : a < b;
  }
  std::unordered_map<std::string, std::string> parent_;
};

using Table = std::unordered_map<std::string, std::string>;

std::string Apply(const Table& t, std::string_view key) {
  return ApplyStemTable(key, [&t](std::string_view k) -> std::optional<std::string_view> {
    auto it = t.find(std::string(k));
    if (it == t.end()) return std::nullopt;
    return std::string_view(it->second);
  });
}

uint64_t Fnv1a(std::string_view s, uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: danish_table_gen DA_DK.aff DA_DK.dic OUT.cc\n";
    return 1;
  }
  std::string why;
  Affixes affixes;
  std::vector<Entry> entries;
  if (!ReadAffixes(argv[1], &affixes, &why) || !ReadDictionary(argv[2], affixes, &entries, &why)) {
    std::cerr << "danish_table_gen: " << why << "\n";
    return 1;
  }
  extractor::Result<SnowballDanish> snowball = SnowballDanish::Create();
  if (!snowball.ok()) {
    std::cerr << "danish_table_gen: " << snowball.error().message << "\n";
    return 1;
  }

  std::unordered_set<std::string> headwords;
  for (const Entry& e : entries) {
    if (e.lemma == e.word) headwords.insert(FoldDanish(e.word));
  }

  Groups groups;
  std::unordered_map<std::string, std::string> key_of;  // memo: folded form -> key
  auto key = [&](const std::string& folded) -> const std::string& {
    auto it = key_of.find(folded);
    if (it == key_of.end()) {
      it = key_of.emplace(folded, snowball->Key(StemInput(folded))).first;
    }
    return it->second;
  };
  // Candidate joins first: whether a join is safe depends on all of them.
  std::set<std::pair<std::string, std::string>> candidates;  // word key, form key
  std::unordered_map<std::string, std::set<std::string>> claims;  // form key -> word keys
  std::unordered_map<std::string, std::set<std::string>> words_of_key;  // word key -> words
  size_t forms = 0;
  for (const Entry& e : entries) {
    Form word{DecodeUtf8(e.word), false};
    std::vector<Form> expanded;
    if (!Has(e.flags, affixes.need_affix)) expanded.push_back(word);
    ExpandSuffixes(affixes, word, e.flags, 0, &expanded);
    std::string lemma = FoldDanish(e.lemma);
    if (StemInput(lemma).empty()) continue;
    std::string lemma_key = key(lemma);
    groups.Find(lemma_key);
    words_of_key[lemma_key].insert(lemma);
    std::u32string lemma32 = DecodeUtf8(lemma);
    std::string folded_word = FoldDanish(e.word);
    for (const Form& f : expanded) {
      std::string form = FoldDanish(EncodeUtf8(f.text));
      if (StemInput(form).empty()) continue;
      ++forms;
      std::string form_key = key(form);
      groups.Find(form_key);
      size_t common = CommonPrefix(DecodeUtf8(form), lemma32);
      if (common < 2 || common + 3 < lemma32.size()) continue;  // "ældre" under "gammel"
      // The genitive of a short word is often another word: "vis" of "vi",
      // "lys" of "Ly". ("året", a headword too, is no genitive and joins "år".)
      if (f.genitive && form != lemma && headwords.count(form) != 0) continue;
      if (form_key == lemma_key || !NearEnds(form_key, lemma_key)) continue;
      candidates.emplace(lemma_key, form_key);
      claims[form_key].insert(lemma_key);
    }
  }
  // A key that Snowball gives to forms of several words ("int": "interne",
  // "intet" of "ingen") would join them all; it joins none. A short key that
  // is a word itself and already the stem of other headwords ("for": "for",
  // "forene") takes no more ("forenede" stays apart from "for"); one that is
  // no word ("num": "nummer", "numse") may ("numre" joins "nummer").
  size_t joined = 0, hubs = 0;
  for (const auto& [lemma_key, form_key] : candidates) {
    if (std::getenv("DANISH_TABLE_TRACE") != nullptr && form_key == std::getenv("DANISH_TABLE_TRACE")) {
      std::cerr << lemma_key << " <- " << form_key << " claims " << claims[form_key].size()
                << " words of key " << words_of_key[lemma_key].size() << "\n";
      for (const auto& w : words_of_key[lemma_key]) std::cerr << "  " << w << "\n";
    }
    if (!NearEachOther(claims[form_key]) ||
        (CodePoints(lemma_key) <= 3 && words_of_key[lemma_key].size() > 1 &&
         headwords.count(lemma_key) != 0)) {
      ++hubs;
      continue;
    }
    groups.Join(lemma_key, form_key);
    ++joined;
  }

  // Every key the dictionary produces, and the group it belongs to.
  std::vector<std::string> keys;
  for (const auto& kv : groups.All()) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  std::unordered_map<std::string, std::string> group;
  for (const std::string& k : keys) group[k] = groups.Find(k);

  Table table;
  for (const std::string& k : keys) {
    if (group[k] != k) table[k] = group[k];
  }
  // Pin (map to itself) every key the compound rule would move away from
  // its group, until each group ends on one stem and no two groups share one.
  size_t pinned = 0;
  for (int round = 0;; ++round) {
    // The first key seen of each group and of each stem, to pin both sides
    // of a disagreement: the one the compound rule rewrote is among them.
    std::unordered_map<std::string, std::pair<std::string, std::string>> by_group;  // stem, key
    std::unordered_map<std::string, std::pair<std::string, std::string>> by_stem;   // group, key
    std::set<std::string> pin;
    for (const std::string& k : keys) {
      std::string s = Apply(table, k);
      const std::string& g = group[k];
      auto [it, fresh] = by_group.emplace(g, std::make_pair(s, k));
      if (!fresh && it->second.first != s) {
        pin.insert(k);
        pin.insert(it->second.second);
      }
      auto [jt, fresh2] = by_stem.emplace(s, std::make_pair(g, k));
      if (!fresh2 && jt->second.first != g) {
        pin.insert(k);
        pin.insert(jt->second.second);
      }
    }
    if (pin.empty()) break;
    if (round == 10) {
      std::cerr << "danish_table_gen: " << pin.size() << " keys still disagree after 10 rounds\n";
      return 1;
    }
    for (const std::string& k : pin) {
      for (const std::string& p : {k, group[k]}) {
        if (table.emplace(p, group[p]).second) ++pinned;
      }
    }
  }
  std::unordered_map<std::string, std::string> expected;
  for (const std::string& k : keys) expected[k] = Apply(table, k);

  // Drop entries the compound rule reproduces ("plejecentr" -> "plejecent"
  // follows from "centr" -> "cent"); safe one at a time, in any order.
  std::vector<std::string> entry_keys;
  for (const auto& kv : table) entry_keys.push_back(kv.first);
  std::sort(entry_keys.begin(), entry_keys.end());
  size_t dropped = 0;
  for (const std::string& k : entry_keys) {
    std::string value = table[k];
    table.erase(k);
    if (Apply(table, k) == value) {
      ++dropped;
    } else {
      table[k] = value;
    }
  }
  for (const std::string& k : keys) {
    if (Apply(table, k) != expected[k]) {
      std::cerr << "danish_table_gen: pruning changed the stem of " << k << "\n";
      return 1;
    }
  }

  // Stems that, read as words, stem to something else ("afgren" = "af" +
  // "gren" is no Snowball fixed point). Counted for the record; the
  // tokenizer checks this per query word rather than relying on it.
  size_t not_fixed = 0;
  for (const std::string& k : keys) {
    std::string s = Apply(table, k);
    if (Apply(table, snowball->Key(s)) != s) ++not_fixed;
  }

  std::vector<std::pair<std::string, std::string>> rows(table.begin(), table.end());
  std::sort(rows.begin(), rows.end());
  std::string body;
  for (const auto& [k, v] : rows) body += k + "\t" + v + "\n";
  uint64_t version = Fnv1a(body, Fnv1a("snowball-danish-rounds:" +
                                       std::to_string(SnowballDanish::kMaxRounds) + ":tail:" +
                                       std::to_string(kMinCompoundTail) + ":head:" +
                                       std::to_string(kMinCompoundHead)));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(version));

  std::ofstream out(argv[3], std::ios::binary | std::ios::trunc);
  out << "// Generated by danish_table_gen from " << argv[2] << ". Do not edit.\n"
      << "// " << entries.size() << " entries, " << forms << " forms, " << keys.size()
      << " keys, " << joined << " joins, " << hubs << " refused at hubs, " << pinned
      << " pinned, " << dropped << " dropped by the compound rule, " << rows.size()
      << " rows, " << not_fixed << " stems not fixed points.\n"
      << "#include <cstddef>\n\nnamespace extractor::archive::generated {\n\n"
      << "// Sorted \"key\\tstem\\n\" rows.\nextern const char kDanishStemTable[];\n"
      << "const char kDanishStemTable[] =\n";
  for (const auto& [k, v] : rows) out << "    \"" << k << "\\t" << v << "\\n\"\n";
  out << "    \"\";\nextern const size_t kDanishStemTableSize;\n"
      << "const size_t kDanishStemTableSize = sizeof kDanishStemTable - 1;\n"
      << "extern const char kDanishStemTableVersion[];\n"
      << "const char kDanishStemTableVersion[] = \"danish-" << hex << "\";\n\n"
      << "}  // namespace extractor::archive::generated\n";
  out.close();
  if (!out) {
    std::cerr << "danish_table_gen: cannot write " << argv[3] << "\n";
    return 1;
  }
  std::cout << "danish_table_gen: " << rows.size() << " rows (" << keys.size() << " keys from "
            << forms << " forms of " << entries.size() << " entries), version " << hex << "\n";
  return 0;
}
