#include "hyphen.h"

#include <hunspell/hunspell.hxx>

#include <memory>
#include <mutex>
#include <sys/stat.h>

#include "unicode.h"

namespace extractor {
namespace {

bool IsWordChar(char32_t c) { return IsLetter(c) || IsDigit(c); }

// Words after which a line-end hyphen is a suspended compound: "Social- og
// Sundhedsudvalget", "Børne- eller Ungeområdet".
bool IsConjunction(const std::u32string& w) {
  static const char32_t* const kWords[] = {U"og", U"eller", U"samt", U"&", U"and",
                                           U"or", U"el.", U"resp.", U"henholdsvis"};
  for (const char32_t* k : kWords) {
    if (w == k) return true;
  }
  return false;
}

// A URL or an address: "https://...", "www....", "x@y.dk", "ballerup.dk/om-".
// A slash alone is not enough: Danish writes "og/eller", "arbejde/indsats".
bool LooksLikeUrl(const std::u32string& s) {
  std::string u = EncodeUtf8(s);
  if (u.find("://") != std::string::npos || u.find("www.") != std::string::npos) return true;
  size_t at = u.find('@');
  if (at != std::string::npos && u.find('.', at) != std::string::npos) return true;
  // A host name before the first slash: "name.tld/".
  size_t slash = u.find('/');
  if (slash == std::string::npos) return false;
  size_t dot = u.rfind('.', slash);
  if (dot == std::string::npos || dot == 0) return false;
  size_t tld = slash - dot - 1;
  if (tld < 2 || tld > 6) return false;
  for (size_t i = dot + 1; i < slash; ++i) {
    if (u[i] < 'a' || u[i] > 'z') return false;
  }
  return true;
}

// The letters of `s` from its end (or start) back to the first non-letter.
std::u32string EdgeSegment(const std::u32string& s, bool from_end) {
  size_t i = 0;
  if (from_end) {
    i = s.size();
    while (i > 0 && IsLetter(s[i - 1])) --i;
    return s.substr(i);
  }
  while (i < s.size() && IsLetter(s[i])) ++i;
  return s.substr(0, i);
}

HyphenJoin UrlHyphen(const std::u32string& stem, const std::u32string& after,
                     const HyphenEvidence& evidence) {
  std::u32string left = EdgeSegment(stem, true);
  std::u32string right = EdgeSegment(after, false);
  if (left.empty() || right.empty()) return HyphenJoin::kKeepHyphen;  // "vision-2029"
  // The document's own words first; a dictionary, when given, only where
  // the document has not used the word.
  auto known = [&](const std::u32string& w) {
    std::string k = ToLower(EncodeUtf8(w));
    if (evidence.doc_words != nullptr && evidence.doc_words->count(k) > 0) return true;
    return evidence.is_word && evidence.is_word(k);
  };
  if (known(left + right)) return HyphenJoin::kJoin;
  if (known(left) && known(right)) return HyphenJoin::kKeepHyphen;
  return HyphenJoin::kJoin;  // a fragment ("gaar"): the line breaker's hyphen
}

}  // namespace

std::string WordKey(std::string_view word) {
  // Trim to the first and last letter or digit, then lower-case; plain
  // ASCII and Latin-1 letters (all of Danish) without ICU.
  size_t b = 0, e = word.size();
  while (b < e) {
    size_t k = b;
    if (IsWordChar(NextCodePoint(word, &k))) break;
    b = k;
  }
  while (e > b) {
    size_t start = 0;
    if (IsWordChar(LastCodePoint(word.substr(0, e), &start))) break;
    e = start;
  }
  std::string_view core = word.substr(b, e - b);
  std::string out;
  out.reserve(core.size());
  for (size_t i = 0; i < core.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(core[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (c == 0xC3 && i + 1 < core.size()) {
      unsigned char d = static_cast<unsigned char>(core[i + 1]);
      // U+00C0..U+00DE upper case (not U+00D7 ×) lower by 0x20.
      out += static_cast<char>(c);
      out += static_cast<char>(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
      ++i;
    } else {
      return ToLower(core);  // anything else: the full Unicode mapping
    }
  }
  return out;
}

HyphenJoin DecideHyphen(std::string_view before, std::string_view after,
                        const HyphenEvidence& evidence) {
  std::u32string b = DecodeUtf8(before);
  std::u32string a = DecodeUtf8(after);
  if (b.empty() || !IsHyphen(b.back())) return HyphenJoin::kKeepSpace;
  char32_t hyphen = b.back();
  std::u32string stem = b.substr(0, b.size() - 1);
  if (hyphen == 0x00AD) return HyphenJoin::kJoin;         // discretionary: always a break
  // A web browser draws a visible hyphen where it broke the line at a soft
  // hyphen, and keeps the soft hyphen in the text before it: a break.
  if (stem.size() >= 2 && stem.back() == 0x00AD) return HyphenJoin::kJoin;
  if (hyphen == 0x2011) return HyphenJoin::kKeepHyphen;   // non-breaking: always real
  if (a.empty() || stem.empty()) return HyphenJoin::kKeepSpace;

  // "Social- og": the first half of a compound whose tail follows later.
  std::u32string a_lower = DecodeUtf8(ToLower(after));
  while (!a_lower.empty() && (a_lower.back() == U',' || a_lower.back() == U';')) a_lower.pop_back();
  if (IsConjunction(a_lower)) return HyphenJoin::kKeepSpace;

  // A URL or address: a hyphen between two whole words is the URL's own
  // ("om-kommunen"); one inside a word was put there by the line breaker
  // ("ind-gaar"), and nothing may be invented.
  if (LooksLikeUrl(stem)) return UrlHyphen(stem, a, evidence);

  // Leading punctuation of the word ("(udgangs-") does not count.
  size_t start = 0;
  while (start < stem.size() && !IsWordChar(stem[start])) ++start;
  std::u32string core = stem.substr(start);
  if (core.empty()) return HyphenJoin::kKeepSpace;
  if (!IsWordChar(core.back())) return HyphenJoin::kKeepHyphen;  // "x)-"

  // The document's own spelling elsewhere.
  if (evidence.doc_words != nullptr) {
    std::string joined = WordKey(EncodeUtf8(core + a));
    std::string hyphened = WordKey(EncodeUtf8(core + U"-" + a));
    auto count = [&](const std::string& k) {
      auto it = evidence.doc_words->find(k);
      return it == evidence.doc_words->end() ? 0 : it->second;
    };
    int cj = count(joined), ch = count(hyphened);
    if (ch > cj) return HyphenJoin::kKeepHyphen;
    if (cj > ch) return HyphenJoin::kJoin;
  }
  // "Nord-Amerika", "COVID-19", "SOSU-assistent", "e-mail", "2020-priser".
  if (!IsLower(a[0])) return HyphenJoin::kKeepHyphen;
  size_t seg = core.find_last_of(U"-\u2010");
  std::u32string last = seg == std::u32string::npos ? core : core.substr(seg + 1);
  if (last.size() <= 1) return HyphenJoin::kKeepHyphen;
  // Abbreviations Danish writes in lower case and joins with a hyphen:
  // "it-understøttelse", "pc-skærm", "sms-tjeneste".
  static const char32_t* const kAbbreviations[] = {U"it", U"ikt", U"pc", U"tv", U"sms", U"cpr",
                                                   U"cvr", U"sfo", U"ppr", U"vvs", U"ngo", U"gps"};
  std::u32string last_lower = DecodeUtf8(ToLower(EncodeUtf8(last)));
  for (const char32_t* abbr : kAbbreviations) {
    if (last_lower == abbr && core.size() == last.size()) return HyphenJoin::kKeepHyphen;
  }
  bool has_lower = false, has_digit = false;
  for (char32_t c : last) {
    if (IsLower(c)) has_lower = true;
    if (IsDigit(c)) has_digit = true;
  }
  if (!has_lower || has_digit) return HyphenJoin::kKeepHyphen;

  return HyphenJoin::kJoin;
}

std::string JoinHyphenated(std::string_view before, std::string_view after,
                           HyphenJoin how) {
  std::u32string b = DecodeUtf8(before);
  switch (how) {
    case HyphenJoin::kJoin:
      b.pop_back();
      return EncodeUtf8(b) + std::string(after);
    case HyphenJoin::kKeepHyphen:
      // A U+2010 kept inside a word reads as the ordinary hyphen.
      if (b.back() == 0x2010 || b.back() == 0x2011) b.back() = U'-';
      return EncodeUtf8(b) + std::string(after);
    case HyphenJoin::kKeepSpace:
      if (b.back() == 0x2010 || b.back() == 0x2011) b.back() = U'-';
      return EncodeUtf8(b) + " " + std::string(after);
  }
  return std::string(before) + " " + std::string(after);
}

bool EndsWithHyphen(std::string_view s) {
  size_t start = 0;
  return IsHyphen(LastCodePoint(s, &start)) && start > 0;
}

bool StartsLower(std::string_view s) {
  size_t i = 0;
  return !s.empty() && IsLower(NextCodePoint(s, &i));
}

namespace {

bool EndsSentence(const std::string& s) {
  if (s.empty()) return true;
  char32_t c = LastCodePoint(s);
  return c == U'.' || c == U'!' || c == U'?' || c == U':' || c == U')' || c == U'\u201D' ||
         c == U'"' || !(IsLetter(c) || IsDigit(c) || c == U',' || IsHyphen(c));
}

// Whether `s` ends in a word no Danish sentence ends with (a conjunction,
// a preposition, an article): "Ansvarligt udvalg: Social- og" goes on with
// "Sundhedsudvalget" whatever its case.
bool EndsUnfinished(const std::string& s) {
  static const char* const kWords[] = {"og", "eller", "samt", "til", "af", "for", "i", "på", "med",
                                       "om", "ved", "fra", "den", "det", "de", "en", "et", "som"};
  size_t sp = s.rfind(' ');
  std::string last = sp == std::string::npos ? s : s.substr(sp + 1);
  for (const char* w : kWords) {
    if (last == w) return true;
  }
  return false;
}

}  // namespace

bool RunsOn(const Block& first, const Block& next) {
  if (EndsUnfinished(first.text)) return !next.text.empty();
  return StartsLower(next.text) && (EndsWithHyphen(first.text) || !EndsSentence(first.text));
}


void AppendContinuation(Block& first, Block&& next, const HyphenEvidence& evidence) {
  std::string& t = first.text;
  if (EndsWithHyphen(t)) {
    size_t sp = t.rfind(' ');
    std::string head = sp == std::string::npos ? "" : t.substr(0, sp + 1);
    std::string tail = sp == std::string::npos ? t : t.substr(sp + 1);
    size_t msp = next.text.find(' ');
    std::string word = msp == std::string::npos ? next.text : next.text.substr(0, msp);
    std::string rest = msp == std::string::npos ? "" : next.text.substr(msp);
    t = head + JoinHyphenated(tail, word, DecideHyphen(tail, word, evidence)) + rest;
  } else {
    t += " " + next.text;
  }
  // The join ends with `next`'s text, whole: its lines start that far in.
  size_t shift = t.size() - next.text.size();
  for (Line& l : next.lines) {
    l.start += shift;
    first.lines.push_back(std::move(l));
  }
}

std::function<bool(std::string_view)> DanishDictionary() {
  static std::once_flag once;
  static std::shared_ptr<Hunspell> dict;
  std::call_once(once, [] {
    const char* aff = "/usr/share/hunspell/da_DK.aff";
    const char* dic = "/usr/share/hunspell/da_DK.dic";
    struct stat st;
    if (stat(aff, &st) == 0 && stat(dic, &st) == 0) dict = std::make_shared<Hunspell>(aff, dic);
  });
  if (!dict) return {};
  std::shared_ptr<Hunspell> d = dict;
  return [d](std::string_view w) {
    // The Debian dictionary is UTF-8 encoded.
    return d->spell(std::string(w));
  };
}

}  // namespace extractor
