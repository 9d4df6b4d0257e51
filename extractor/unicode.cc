#include "unicode.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace extractor {

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
  if (extra < 0 || *i + static_cast<size_t>(extra) >= s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = c & (extra == 1 ? 0x1F : extra == 2 ? 0x0F : 0x07);
  for (int k = 1; k <= extra; ++k) {
    unsigned char b = static_cast<unsigned char>(s[*i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  *i += static_cast<size_t>(extra) + 1;
  return cp;
}

char32_t LastCodePoint(std::string_view s, size_t* start) {
  if (s.empty()) {
    if (start != nullptr) *start = 0;
    return 0;
  }
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80 && s.size() - i < 4) --i;
  if (start != nullptr) *start = i;
  size_t j = i;
  return NextCodePoint(s, &j);
}

namespace {

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0.
size_t WellFormedAt(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
  }
  unsigned char d = at(i + 1);
  if (c == 0xE0 && d < 0xA0) return 0;  // overlong
  if (c == 0xED && d > 0x9F) return 0;  // surrogate
  if (c == 0xF0 && d < 0x90) return 0;  // overlong
  if (c == 0xF4 && d > 0x8F) return 0;  // past U+10FFFF
  return n;
}

// Windows-1252's 0x80-0x9F; its five holes keep their Latin-1 values.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

std::string FileNameToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x20 || c == 0x7F) {
      AppendUtf8(out, c == 0x7F ? 0x2421 : 0x2400 + c);
      ++i;
      continue;
    }
    size_t n = WellFormedAt(bytes, i);
    if (n == 3 && bytes.substr(i, 2) == "\xEF\xBF" && static_cast<unsigned char>(bytes[i + 2]) >= 0xBE) {
      AppendUtf8(out, 0xFFFD);  // U+FFFE, U+FFFF: not characters, and not allowed in XML
      i += n;
      continue;
    }
    if (n > 0) {
      out.append(bytes.substr(i, n));
      i += n;
      continue;
    }
    AppendUtf8(out, c >= 0x80 && c <= 0x9F ? kCp1252High[c - 0x80] : c);
    ++i;
  }
  return out;
}

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    int extra;
    if (c < 0x80) {
      cp = c;
      extra = 0;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      extra = 2;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      extra = 3;
    } else {
      out += 0xFFFD;
      ++i;
      continue;
    }
    bool bad = false;
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= s.size() ||
          (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        bad = true;
        break;
      }
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    if (bad) {
      out += 0xFFFD;
      ++i;
      continue;
    }
    out += cp;
    i += extra + 1;
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t cp : s) AppendUtf8(out, cp);
  return out;
}

std::string ToNfc(std::string_view s) {
  // Fast path: text without combining marks or Hangul is NFC already.
  bool plain = true;
  for (unsigned char c : s) {
    if (c >= 0xCC) {  // lead bytes of U+0300 and above
      plain = false;
      break;
    }
  }
  if (plain) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString n = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string out;
  n.toUTF8String(out);
  return out;
}

std::string Utf16BeToUtf8(std::string_view bytes) {
  std::string out;
  size_t i = 0;
  while (i + 1 < bytes.size()) {
    char32_t u = (static_cast<unsigned char>(bytes[i]) << 8) |
                 static_cast<unsigned char>(bytes[i + 1]);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < bytes.size()) {
      char32_t lo = (static_cast<unsigned char>(bytes[i]) << 8) |
                    static_cast<unsigned char>(bytes[i + 1]);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        i += 2;
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      }
    }
    AppendUtf8(out, u);
  }
  return out;
}

std::string ToLower(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    std::string out(s);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsLetter(char32_t cp) { return u_isalpha(static_cast<UChar32>(cp)); }
bool IsUpper(char32_t cp) { return u_isupper(static_cast<UChar32>(cp)); }
bool IsLower(char32_t cp) { return u_islower(static_cast<UChar32>(cp)); }
bool IsDigit(char32_t cp) { return u_isdigit(static_cast<UChar32>(cp)); }

}  // namespace extractor
