#include "archive/danish_stem.h"

#include <libstemmer.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <climits>
#include <cstring>

namespace extractor::archive {
namespace {

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? p : nullptr;
  }();
  return n;
}

// "aa" -> "å", U+2019 -> "'", in place of a folded word.
std::string RespellFolded(std::string s) {
  if (s.find("aa") == std::string::npos && s.find("\xE2\x80\x99") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == 'a' && i + 1 < s.size() && s[i + 1] == 'a') {
      out += "\xC3\xA5";  // å
      i += 2;
    } else if (s.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += '\'';
      i += 3;
    } else {
      out += s[i++];
    }
  }
  return out;
}

}  // namespace

std::string FoldDanish(std::string_view word) {
  bool ascii = true;
  for (unsigned char c : word) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string out;
  const icu::Normalizer2* fold = ascii ? nullptr : NfkcCasefold();
  if (fold != nullptr) {
    out.reserve(word.size());
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    fold->normalizeUTF8(0, icu::StringPiece(word.data(), static_cast<int32_t>(word.size())),
                        sink, nullptr, status);
    if (U_FAILURE(status)) out.clear();
  }
  if (out.empty()) {
    // ASCII (NFKC_Casefold of ASCII is its lower case), or ICU failed: fold
    // what we can rather than lose the word.
    out.assign(word);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return RespellFolded(std::move(out));
}

std::string_view StemInput(std::string_view folded) {
  for (char c : folded) {
    if (c >= '0' && c <= '9') return {};
  }
  size_t apostrophe = folded.find('\'');
  if (apostrophe != std::string_view::npos) folded = folded.substr(0, apostrophe);
  return folded;
}

void SnowballDanish::Free::operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }

Result<SnowballDanish> SnowballDanish::Create() {
  sb_stemmer* s = sb_stemmer_new("danish", "UTF_8");
  if (s == nullptr) {
    return Error{ErrorCode::kInternal, "libstemmer has no Danish UTF-8 stemmer (or no memory)"};
  }
  return SnowballDanish(s);
}

std::string SnowballDanish::Key(std::string_view word, int rounds) {
  std::string key(word);
  if (key.empty() || key.size() > static_cast<size_t>(INT_MAX)) return key;
  for (int round = 0; round < rounds; ++round) {
    const sb_symbol* s = sb_stemmer_stem(stemmer_.get(),
                                         reinterpret_cast<const sb_symbol*>(key.data()),
                                         static_cast<int>(key.size()));
    if (s == nullptr) break;  // out of memory: the last key is still a key
    size_t n = static_cast<size_t>(sb_stemmer_length(stemmer_.get()));
    if (n == key.size() && std::memcmp(s, key.data(), n) == 0) break;
    key.assign(reinterpret_cast<const char*>(s), n);
  }
  return key;
}

}  // namespace extractor::archive
