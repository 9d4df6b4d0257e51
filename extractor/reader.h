// reader.h: PDF file -> RawDocument (words with font, size, colour and box;
// ruling lines and filled shapes; pictures with their ink colour).
//
// The only part of the project that talks to Poppler. It uses Poppler's core
// API with an OutputDev of its own instead of TextOutputDev: that sees
// colours, paths and images, and skips TextOutputDev's superlinear coalescing
// (layout.h does its own, cheaper, reading order).
//
//   ReadOptions opts;
//   opts.password = "secret";
//   Result<RawDocument> doc = ReadPdf("aftale.pdf", opts);
#ifndef AFTALE_READER_H_
#define AFTALE_READER_H_

#include <chrono>
#include <optional>
#include <string>

#include "model.h"
#include "result.h"

namespace extractor {

struct ReadOptions {
  std::optional<std::string> password;
  int max_pages = 5000;               // pages beyond this are not read
  int max_words_per_page = 200000;    // a page past this is cut short
  int max_shapes_per_page = 50000;    // rules + pictures kept per page
  // The whole document's budget: per-page limits alone let a file whose
  // content streams repeat (damaged, or built to) keep 200,000 words on each
  // of its pages, ~1.4 GB over 68 pages. Reading stops at these.
  int max_words_per_document = 1000000;
  int max_shapes_per_document = 1000000;
  // Interpretation stops (with Error kLimit) when this point is passed.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

// Reads the whole document. Errors: kOpenFailed, kNotPdf, kDamaged,
// kEncrypted, kLimit. Recoverable damage becomes Diagnostics, among them
// "pdf.unmapped_glyphs" for glyphs with no Unicode mapping (a Type3 font
// without ToUnicode): they are left out, not read as spaces.
Result<RawDocument> ReadPdf(const std::string& path, const ReadOptions& options);

// Sets up Poppler's process-wide state (done on first ReadPdf otherwise).
// A batch calls it before forking its workers, so they inherit it ready.
void InitReader();

// The smiley a small coloured mark stands for: green ☺, yellow 😐, red ☹;
// nullopt for any other colour. Word draws follow-up smileys as pictures or
// shapes where colour alone tells yellow from red. Exposed for tests.
std::optional<char32_t> SmileyForColor(Rgb color);

// Maps a code point drawn with a symbol font (Symbol, Wingdings, ZapfDingbats)
// to the Unicode character it shows; std::nullopt when the font is not a
// symbol font or the code has no better reading. `cp` may be the private-use
// form (U+F04A) or the bare code (0x4A, 'J'). Exposed for tests.
std::optional<char32_t> MapSymbolGlyph(const std::string& font_name, char32_t cp);

}  // namespace extractor

#endif  // AFTALE_READER_H_
