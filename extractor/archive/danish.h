// danish.h: Danish words for full-text search. Text in, the terms an index
// stores (or a query looks up) out, each with the byte offsets of the word
// it came from, so a hit can be marked in the original text.
//
//   Result<DanishTokenizer> t = DanishTokenizer::Create();
//   t->Tokenize("Plejecentrene får 5,1 mio. kr.", TokenizeMode::kDocument,
//               [](const Term& term) { Print(term); return true; });
//     // "plejecentrene" [0,13)  "~plejecent" [0,13) colocated  "får" [14,18)
//     // "~få" [14,18) colocated  "5,1" [19,22)  "mio" [23,26)  "kr" [28,30)
//   t->Stem("plejecentre");   // "plejecent", as for "plejecenter", "plejecentret"
//
// Words: ICU word boundaries (UAX #29, root locale). Numbers keep their inner
// points and commas ("1.3", "5,1", "1.000", "31.12.2017"); hyphens and
// slashes part words ("BSU-12" is "bsu" then "12", "2020-2023" two years),
// so a hyphenated item number is found as the phrase "BSU-12".
// Each word is folded (FoldDanish: NFKC case folding, "aa" -> "å"). Words
// with a digit are kept as folded; other words are stemmed: Snowball Danish,
// repeated to a fixed point, then the stem table distilled from hunspell-da
// at build time (archive/README.md says why, with the measurements).
//
// Terms, per mode:
//   kDocument     the folded word, and when its stem differs, "~" + stem at
//                 the same position (colocated).
//   kQuery        "~" + stem, and the stem itself as an alternative when
//                 the stem stems to itself: a word matches every word of
//                 its stem, inflected ("~udvalg" from "udvalgene") or not
//                 ("udvalg").
//   kPrefixQuery  as kQuery, except the last word: its folded letters as
//                 typed, to be matched as a prefix of the folded words
//                 ("ældre" finds "ældreområdet" and "ældres", never
//                 "forældre"); a final "a" also tries "å" ("aabenra" ->
//                 "åbenrå"). Stems are never prefix-matched: "ældr", the stem
//                 of "ældre", is not what the user typed.
//
// Not thread-safe and not re-entrant (a sink must not call back into its
// tokenizer): one tokenizer per thread; SQLite creates one per table.
#ifndef AFTALE_ARCHIVE_DANISH_H_
#define AFTALE_ARCHIVE_DANISH_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "result.h"

namespace extractor::archive {

enum class TokenizeMode { kDocument, kQuery, kPrefixQuery };

// A stem term starts with this byte; words never do (it is not a word
// character), so stems and words cannot be mistaken for each other.
inline constexpr char kStemMarker = '~';

// Longer words are cut (at a character boundary) to this many bytes.
inline constexpr size_t kMaxTermBytes = 200;

struct Term {
  std::string_view text;  // valid during the callback only
  size_t begin = 0;       // the word's bytes in the input: [begin, end)
  size_t end = 0;
  bool colocated = false;  // another term of the previous term's word
};

// A Term that owns its text (for tests and tools).
struct OwnedTerm {
  std::string text;
  size_t begin = 0;
  size_t end = 0;
  bool colocated = false;
  bool operator==(const OwnedTerm&) const = default;
};

class DanishTokenizer {
 public:
  static Result<DanishTokenizer> Create();
  DanishTokenizer(DanishTokenizer&&) noexcept;
  DanishTokenizer& operator=(DanishTokenizer&&) noexcept;
  ~DanishTokenizer();

  // Calls `sink` for each term in text order. Returns false as soon as the
  // sink does (the remaining terms are skipped). Invalid UTF-8 is read as
  // U+FFFD, which is no word character.
  bool Tokenize(std::string_view text, TokenizeMode mode,
                const std::function<bool(const Term&)>& sink);

  std::vector<OwnedTerm> Terms(std::string_view text, TokenizeMode mode);

  // The stem of one word, without the marker ("Plejecentrene" -> "plejecent");
  // the folded word itself when it has a digit ("BSU12" -> "bsu12").
  std::string Stem(std::string_view word);

  // Names the stem table and rules; an index made under another version must
  // be rebuilt (stems are stored, not recomputed).
  static std::string_view Version();

 private:
  struct Impl;
  explicit DanishTokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace extractor::archive

#endif  // AFTALE_ARCHIVE_DANISH_H_
