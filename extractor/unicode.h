// unicode.h: the few Unicode operations every stage needs, on UTF-8 strings.
// ICU stays inside unicode.cc.
//
//   std::string s; AppendUtf8(s, U'ø');
//   std::string nfc = ToNfc("A\u030a");          // "Å"
//   std::u32string cps = DecodeUtf8("Økonomi");
#ifndef AFTALE_UNICODE_H_
#define AFTALE_UNICODE_H_

#include <string>
#include <string_view>

namespace extractor {

void AppendUtf8(std::string& out, char32_t cp);

// The code point at byte `*i` of `s`; advances `*i` past it. Invalid bytes
// read as U+FFFD, one byte each.
char32_t NextCodePoint(std::string_view s, size_t* i);

// The last code point of `s` (0 when empty); `*start` gets its byte offset.
char32_t LastCodePoint(std::string_view s, size_t* start = nullptr);
std::u32string DecodeUtf8(std::string_view s);  // invalid bytes -> U+FFFD
std::string EncodeUtf8(std::u32string_view s);

// Unicode NFC. Cheap for text that is already NFC (the usual case).
std::string ToNfc(std::string_view s);

// UTF-16BE (as in PDF text strings after the FE FF mark) -> UTF-8.
std::string Utf16BeToUtf8(std::string_view bytes);

// A file name's bytes as valid UTF-8 for records, summaries and messages:
// well-formed UTF-8 stays as it is; any other byte is read as Windows-1252
// (old Windows zip files name their files in it; its 0x80-0x9F holes as
// Latin-1); control characters become their visible pictures (U+2400 + c),
// which XML can carry. The bytes on disk are not changed.
//   FileNameToUtf8("bud\xe6t.pdf") == "budæt.pdf"
std::string FileNameToUtf8(std::string_view bytes);

// Lower case (full Unicode case mapping, root locale).
std::string ToLower(std::string_view s);

bool IsLetter(char32_t cp);
bool IsUpper(char32_t cp);
bool IsLower(char32_t cp);
bool IsDigit(char32_t cp);

// Hyphen-like characters that may end a line: '-', U+2010, U+2011, U+00AD.
inline bool IsHyphen(char32_t cp) {
  return cp == U'-' || cp == 0x2010 || cp == 0x2011 || cp == 0x00AD;
}

}  // namespace extractor

#endif  // AFTALE_UNICODE_H_
