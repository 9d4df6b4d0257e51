// danish_stem.h: the two steps of Danish stemming that the build-time table
// generator (danish_table_gen.cc) and the tokenizer (danish.cc) must do
// byte for byte alike, or the generated stem table would describe keys the
// tokenizer never computes. Internal to archive/; callers use danish.h.
//
//   std::string w = FoldDanish("Aabenraa’s");          // "åbenrå's"
//   Result<SnowballDanish> sb = SnowballDanish::Create();
//   std::string key = sb->Key(StemInput(w));           // "åbenrå"
//
// FoldDanish: Unicode NFKC_Casefold (full case folding, compatibility forms
// such as ligatures and full-width letters, default-ignorables such as the
// soft hyphen removed), then "aa" -> "å" and U+2019 -> "'".
// Key: the Snowball Danish stem, applied again until it no longer changes
// (one round leaves "budgettet" at "budget" but "budget" at "budg").
#ifndef AFTALE_ARCHIVE_DANISH_STEM_H_
#define AFTALE_ARCHIVE_DANISH_STEM_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "result.h"

struct sb_stemmer;  // libstemmer's, opaque here

namespace extractor::archive {

// Case- and spelling-folded form of one word (UTF-8 in, UTF-8 out).
//
// "aa" and "å" are one letter: Danish wrote "aa" until 1948 and place and
// family names still do (Aabenraa/Åbenrå, Aalborg/Ålborg). Folding every
// "aa" also folds the few compounds where two a's meet across a seam
// ("dataanalyse" -> "datånalyse"); that costs nothing because the query side
// folds the same way, and no Danish word has "å" where such a seam has "aa".
std::string FoldDanish(std::string_view word);

// The part of a folded word that is stemmed: up to an apostrophe ("kl's",
// "sms'en" -> "kl", "sms"); empty when the word holds a digit (numbers, item
// numbers and years are matched as written: "1.3", "2020", "bsu12").
std::string_view StemInput(std::string_view folded);

// Snowball's Danish stemmer, iterated to a fixed point. Not thread-safe: one
// per thread (the tokenizer owns one).
class SnowballDanish {
 public:
  static Result<SnowballDanish> Create();

  // `word` folded, from StemInput. The tokenizer and the table use
  // kMaxRounds; one round is libstemmer's own stem (for comparisons).
  std::string Key(std::string_view word, int rounds = kMaxRounds);

  static constexpr int kMaxRounds = 4;

 private:
  struct Free {
    void operator()(sb_stemmer* s) const;
  };
  explicit SnowballDanish(sb_stemmer* s) : stemmer_(s) {}
  std::unique_ptr<sb_stemmer, Free> stemmer_;
};

// The stem table maps Snowball keys that the dictionary shows to be forms
// of one word onto one key ("plejecentr" -> "plejecent", "året" -> "år").
// A key not in the table may be a compound whose tail is: its longest tail
// of at least kMinCompoundTail code points that is in the table is replaced,
// leaving a head of at least kMinCompoundHead ("fagcentr" -> "fagcent"). The
// head is kept as written, so "forældre" never meets "ældre".
inline constexpr size_t kMinCompoundHead = 2;
inline constexpr size_t kMinCompoundTail = 5;

// `find(std::string_view)` returns std::optional<std::string_view>: the
// table's value for a key. Shared with the generator, which proves with it
// that every form of a dictionary word ends on one stem.
template <typename Find>
std::string ApplyStemTable(std::string_view key, const Find& find) {
  if (std::optional<std::string_view> v = find(key)) return std::string(*v);
  auto is_start = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  size_t code_points = 0;
  for (char c : key) code_points += is_start(c) ? 1 : 0;
  if (code_points < kMinCompoundHead + kMinCompoundTail) return std::string(key);
  size_t pos = 0;
  for (size_t head = 0; head < code_points - kMinCompoundTail; ++head) {
    do ++pos; while (pos < key.size() && !is_start(key[pos]));  // past one code point
    if (head + 1 < kMinCompoundHead) continue;
    if (std::optional<std::string_view> v = find(key.substr(pos))) {
      std::string out(key.substr(0, pos));
      out += *v;
      return out;
    }
  }
  return std::string(key);
}

}  // namespace extractor::archive

#endif  // AFTALE_ARCHIVE_DANISH_STEM_H_
