#include "archive/danish.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <bitset>
#include <climits>
#include <cstdint>
#include <optional>
#include <unordered_map>

#include "archive/danish_stem.h"

namespace extractor::archive {

namespace generated {
// danish_stem_table.cc, written by danish_table_gen into the build folder.
extern const char kDanishStemTable[];
extern const size_t kDanishStemTableSize;
extern const char kDanishStemTableVersion[];
}  // namespace generated

namespace {

// The generated rows, indexed. Most lookups are misses (the compound rule
// asks for every tail of every word), so a 32 KiB Bloom filter answers them
// before the hash map is touched: it cut the tokenizer's time by a third.
class StemTable {
 public:
  StemTable() {
    std::string_view rows(generated::kDanishStemTable, generated::kDanishStemTableSize);
    size_t count = 0;
    for (char c : rows) count += c == '\n' ? 1 : 0;
    map_.reserve(count);
    while (!rows.empty()) {
      size_t tab = rows.find('\t');
      size_t nl = rows.find('\n');
      if (tab == std::string_view::npos || nl == std::string_view::npos || tab > nl) break;
      std::string_view key = rows.substr(0, tab);
      map_.emplace(key, rows.substr(tab + 1, nl - tab - 1));
      uint64_t h = Hash(key);
      bits_[Bit(h)] = true;
      bits_[Bit(h >> 32)] = true;
      rows.remove_prefix(nl + 1);
    }
  }

  std::optional<std::string_view> Find(std::string_view key) const {
    uint64_t h = Hash(key);
    if (!bits_[Bit(h)] || !bits_[Bit(h >> 32)]) return std::nullopt;
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }

 private:
  static constexpr size_t kBits = size_t{1} << 18;
  static size_t Bit(uint64_t h) { return static_cast<size_t>(h) & (kBits - 1); }
  static uint64_t Hash(std::string_view s) {  // FNV-1a
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
  }
  std::unordered_map<std::string_view, std::string_view> map_;
  std::bitset<kBits> bits_;
};

// Built on first use from the generated rows (~1 ms once per process); the
// rows themselves are read-only data in the binary, never copied.
const StemTable& Table() {
  static const StemTable* const table = new StemTable();  // never destroyed: no exit order
  return *table;
}

// Cut to at most `limit` bytes without splitting a UTF-8 sequence.
void CutAtCharacter(std::string* s, size_t limit) {
  if (s->size() <= limit) return;
  size_t n = limit;
  while (n > 0 && (static_cast<unsigned char>((*s)[n]) & 0xC0) == 0x80) --n;
  s->resize(n);
}

// ICU's break iterator counts in int32_t: longer texts go in windows cut
// after a space or line break (a word is never split unless a window holds
// no break at all).
constexpr size_t kWindowBytes = size_t{1} << 30;

size_t WindowEnd(std::string_view text, size_t from) {
  if (text.size() - from <= kWindowBytes) return text.size();
  size_t end = from + kWindowBytes;
  for (size_t i = end; i > from + kWindowBytes / 2; --i) {
    char c = text[i - 1];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return i;
  }
  while (end > from && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

}  // namespace

struct DanishTokenizer::Impl {
  const icu::UnicodeString no_text;  // what `words` reads between calls (outlives it)
  std::unique_ptr<icu::BreakIterator> words;
  SnowballDanish snowball;

  Impl(std::unique_ptr<icu::BreakIterator> w, SnowballDanish s)
      : words(std::move(w)), snowball(std::move(s)) {}

  // Stem of a folded word; empty when it is not stemmed (it has a digit).
  std::string StemFolded(std::string_view folded) {
    std::string_view input = StemInput(folded);
    if (input.empty()) return {};
    const StemTable& table = Table();
    return ApplyStemTable(snowball.Key(input),
                          [&table](std::string_view k) { return table.Find(k); });
  }

  // Calls word(begin, end) for each word of `text`, offsets in bytes.
  template <typename F>
  bool ForEachWord(std::string_view text, const F& word) {
    for (size_t from = 0; from < text.size();) {
      size_t to = WindowEnd(text, from);
      UErrorCode status = U_ZERO_ERROR;
      UText ut = UTEXT_INITIALIZER;
      utext_openUTF8(&ut, text.data() + from, static_cast<int64_t>(to - from), &status);
      if (U_FAILURE(status)) return true;
      words->setText(&ut, status);
      bool go_on = U_SUCCESS(status);
      for (int32_t begin = words->first(), end = words->next();
           go_on && end != icu::BreakIterator::DONE; begin = end, end = words->next()) {
        // Letters, numbers, kana, ideographs; not spaces or punctuation.
        if (words->getRuleStatus() < UBRK_WORD_NUMBER) continue;
        go_on = word(from + static_cast<size_t>(begin), from + static_cast<size_t>(end));
      }
      // Leave the iterator on no text rather than on bytes the caller owns.
      words->setText(no_text);
      utext_close(&ut);
      if (!go_on) return false;
      from = to;
    }
    return true;
  }
};

DanishTokenizer::DanishTokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DanishTokenizer::DanishTokenizer(DanishTokenizer&&) noexcept = default;
DanishTokenizer& DanishTokenizer::operator=(DanishTokenizer&&) noexcept = default;
DanishTokenizer::~DanishTokenizer() = default;

Result<DanishTokenizer> DanishTokenizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || words == nullptr) {
    return Error{ErrorCode::kInternal,
                 std::string("ICU word break iterator: ") + u_errorName(status)};
  }
  Result<SnowballDanish> snowball = SnowballDanish::Create();
  if (!snowball.ok()) return snowball.error();
  Table();  // pay the one-time cost here, not in the first query
  return DanishTokenizer(std::make_unique<Impl>(std::move(words), std::move(*snowball)));
}

std::string_view DanishTokenizer::Version() { return generated::kDanishStemTableVersion; }

std::string DanishTokenizer::Stem(std::string_view word) {
  std::string folded = FoldDanish(word);
  CutAtCharacter(&folded, kMaxTermBytes);
  std::string stem = impl_->StemFolded(folded);
  return stem.empty() ? folded : stem;
}

bool DanishTokenizer::Tokenize(std::string_view text, TokenizeMode mode,
                               const std::function<bool(const Term&)>& sink) {
  // A prefix query treats its last word apart, so it needs to know which
  // word is last: the first pass finds it (queries are short).
  size_t last_begin = SIZE_MAX;
  if (mode == TokenizeMode::kPrefixQuery) {
    impl_->ForEachWord(text, [&](size_t begin, size_t) {
      last_begin = begin;
      return true;
    });
  }
  std::string term;
  return impl_->ForEachWord(text, [&](size_t begin, size_t end) {
    std::string folded = FoldDanish(text.substr(begin, end - begin));
    while (!folded.empty() && folded[0] == kStemMarker) folded.erase(0, 1);  // cannot happen
    CutAtCharacter(&folded, kMaxTermBytes);
    if (folded.empty()) return true;  // only default-ignorables
    auto emit = [&](std::string_view t, bool colocated) {
      return sink(Term{t, begin, end, colocated});
    };
    if (mode == TokenizeMode::kPrefixQuery && begin == last_begin) {
      if (!emit(folded, false)) return false;
      if (folded.back() == 'a') {
        folded.back() = '\xC3';
        folded += '\xA5';  // "å"
        CutAtCharacter(&folded, kMaxTermBytes);
        if (!emit(folded, true)) return false;
      }
      return true;
    }
    std::string stem = impl_->StemFolded(folded);
    if (stem.empty()) return emit(folded, false);  // a number: as written
    term.assign(1, kStemMarker);
    term += stem;
    if (mode == TokenizeMode::kDocument) {
      if (!emit(folded, false)) return false;
      return stem == folded || emit(term, true);
    }
    // A document word that is its own stem stored no "~" term, so the query
    // also looks for the stem as a word; but only when the stem is one's own
    // stem, or it would find a word that merely looks like it (for 122 of
    // the dictionary's 147,165 keys the stem is not: "afgren" -> "afgr").
    if (!emit(term, false)) return false;
    return !(stem == folded || impl_->StemFolded(stem) == stem) || emit(stem, true);
  });
}

std::vector<OwnedTerm> DanishTokenizer::Terms(std::string_view text, TokenizeMode mode) {
  std::vector<OwnedTerm> out;
  Tokenize(text, mode, [&out](const Term& t) {
    out.push_back(OwnedTerm{std::string(t.text), t.begin, t.end, t.colocated});
    return true;
  });
  return out;
}

}  // namespace extractor::archive
