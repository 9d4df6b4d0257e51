// hyphen.h: deciding what a hyphen at the end of a line means, the way a
// Danish reader would.
//
//   "udgangs-" + "punkt"        -> "udgangspunkt"            (kJoin)
//   "Social-"  + "og"           -> "Social- og"              (kKeepSpace)
//   "SOSU-"    + "assistent"    -> "SOSU-assistent"          (kKeepHyphen)
//   "https://x.dk/om-" + "os"   -> "https://x.dk/om-os"      (kKeepHyphen)
//
// Evidence, strongest first: the kind of hyphen (a soft hyphen is always a
// break, a non-breaking one never), a conjunction after it (suspended
// compound), URLs and e-mail addresses, capitals, digits and one-letter
// prefixes, then the document's own spelling of the word elsewhere. With no
// evidence a lower-case continuation is a syllable break: Danish writes
// compounds closed, so a dictionary cannot tell "budget-/opfølgning" (a break)
// from a real hyphen; it is consulted only inside URLs.
#ifndef AFTALE_HYPHEN_H_
#define AFTALE_HYPHEN_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model.h"

namespace extractor {

enum class HyphenJoin {
  kJoin,        // drop the hyphen, join the halves
  kKeepHyphen,  // keep the hyphen, join without a space
  kKeepSpace,   // keep the hyphen, then a space (suspended compound)
};

struct HyphenEvidence {
  // How often each word (lower case, no surrounding punctuation) occurs in
  // the document away from line ends. May be null.
  const std::unordered_map<std::string, int>* doc_words = nullptr;
  // A spelling dictionary (DanishDictionary()); may be empty. Consulted only
  // inside URLs, where it tells a word's own hyphen from a line breaker's,
  // for words the document itself does not use. Layout leaves it empty
  // (loading hunspell-da costs more than a 40-page document); the tests use
  // it to count leftover splits.
  std::function<bool(std::string_view)> is_word;
};

// `before` is the last word of a line, ending in a hyphen ('-', U+2010,
// U+2011 or U+00AD); `after` is the first word of the next line.
HyphenJoin DecideHyphen(std::string_view before, std::string_view after,
                        const HyphenEvidence& evidence);

// Applies the decision: the text that replaces "before" + line break + "after".
std::string JoinHyphenated(std::string_view before, std::string_view after,
                           HyphenJoin how);

// The word as counted in HyphenEvidence::doc_words: lower case, leading and
// trailing punctuation stripped.
std::string WordKey(std::string_view word);

// Whether `s` ends in a hyphen after some text ("udgangs-"), and whether it
// starts with a lower-case letter.
bool EndsWithHyphen(std::string_view s);
bool StartsLower(std::string_view s);

// Whether `next`, the first block after a page break, goes on with `first`,
// the last before it: it starts in lower case after a hyphen or after text
// that did not end its sentence.
bool RunsOn(const Block& first, const Block& next);

// Appends `next` to `first` as one paragraph cut by a page break, undoing a
// hyphen at the cut; `next`'s lines keep their pages and boxes, and their
// starts move into `first`'s text.
void AppendContinuation(Block& first, Block&& next, const HyphenEvidence& evidence);

// The Danish dictionary from hunspell-da, loaded once on first use; an empty
// function when the dictionary is not installed.
std::function<bool(std::string_view)> DanishDictionary();

}  // namespace extractor

#endif  // AFTALE_HYPHEN_H_
