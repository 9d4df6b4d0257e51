#include "reader.h"

#include <Gfx.h>
#include <GfxFont.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <goo/GooString.h>
#include <Error.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sys/stat.h>

#include "rules.h"
#include "unicode.h"

namespace extractor {
namespace {

// ---- Poppler's global state and error messages ----

// Poppler reports recoverable damage through one process-wide callback; the
// reader collecting right now (one per thread) receives it.
thread_local std::vector<Diagnostic>* tls_diagnostics = nullptr;
thread_local int tls_error_count = 0;

void OnPopplerError(ErrorCategory category, Goffset pos, const char* msg) {
  ++tls_error_count;
  if (tls_diagnostics == nullptr || tls_diagnostics->size() >= 20) return;
  const char* code = "pdf.error";
  switch (category) {
    case errSyntaxWarning:
    case errSyntaxError: code = "pdf.syntax"; break;
    case errIO: code = "pdf.io"; break;
    case errUnimplemented: code = "pdf.unimplemented"; break;
    case errNotAllowed: code = "pdf.not_allowed"; break;
    default: break;
  }
  std::string m;
  for (const char* c = msg; c != nullptr && *c != '\0'; ++c) {
    // One line, printable: the message goes into records and XML.
    unsigned char u = static_cast<unsigned char>(*c);
    m += (u < 0x20) ? ' ' : static_cast<char>(u);
  }
  while (!m.empty() && m.back() == ' ') m.pop_back();
  if (m.empty()) m = "unspecified error";
  m = ToNfc(EncodeUtf8(DecodeUtf8(m)));  // never invalid UTF-8
  if (pos >= 0) m += " (at byte " + std::to_string(static_cast<long long>(pos)) + ")";
  tls_diagnostics->push_back({code, std::move(m), 0});
}

void InitPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    globalParams = std::make_unique<GlobalParams>();
    globalParams->setErrQuiet(false);
    setErrorCallback(OnPopplerError);
  });
}

// ---- symbol fonts ----

std::string BaseFontName(const GfxFont& font) {
  std::string name = font.getNameWithoutSubsetTag();
  return name;
}

bool Contains(const std::string& hay, const char* needle) {
  std::string h = hay;
  for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return h.find(needle) != std::string::npos;
}

// A PDF text string: UTF-16BE after a FE FF mark, PDFDocEncoding (read as
// Latin-1) otherwise.
std::string PdfTextString(const std::string& raw) {
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0xFE &&
      static_cast<unsigned char>(raw[1]) == 0xFF) {
    return Utf16BeToUtf8(std::string_view(raw).substr(2));
  }
  std::string out;
  for (unsigned char c : raw) AppendUtf8(out, c);
  return out;
}

// ---- the output device ----

struct Limits {
  const ReadOptions* options;
  bool hit_deadline = false;
};

bool AbortCheck(void* data) {
  auto* limits = static_cast<Limits*>(data);
  if (limits->options->deadline &&
      std::chrono::steady_clock::now() > *limits->options->deadline) {
    limits->hit_deadline = true;
    return true;
  }
  return false;
}

Rgb ToRgb(const GfxRGB& c) {
  auto b = [](GfxColorComp v) -> Rgb {
    return static_cast<Rgb>(colToByte(v));
  };
  return (b(c.r) << 16) | (b(c.g) << 8) | b(c.b);
}

class CollectingDev : public OutputDev {
 public:
  CollectingDev(RawDocument* doc, const ReadOptions& options)
      : doc_(doc), options_(options) {}

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return true; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }

  void BeginPage(RawPage* page) {
    page_ = page;
    word_open_ = false;
    font_index_ = -1;
    last_font_ = nullptr;
  }

  void startPage(int, GfxState* state, XRef*) override {
    if (state != nullptr && page_ != nullptr) {
      page_->width = state->getPageWidth();
      page_->height = state->getPageHeight();
    }
  }

  void endPage() override { FlushWord(); }

  void updateFont(GfxState*) override { FlushWord(); }

  void drawChar(GfxState* state, double x, double y, double dx, double dy,
                double /*originX*/, double /*originY*/, CharCode code,
                int /*nBytes*/, const Unicode* u, int uLen) override {
    if (page_ == nullptr || page_->truncated) return;
    const std::shared_ptr<GfxFont>& font = state->getFont();
    if (!font) return;
    if (static_cast<int>(page_->words.size()) >= options_.max_words_per_page ||
        doc_words_ >= options_.max_words_per_document) {
      page_->truncated = true;
      return;
    }
    int fi = FontIndex(font);
    const FontInfo& finfo = doc_->fonts[fi];

    // Glyph geometry as TextOutputDev computes it: advance without char and
    // word spacing, transformed to device space.
    double sp = state->getCharSpace();
    if (code == 0x20 && uLen <= 1) sp += state->getWordSpace();
    double dx2, dy2;
    state->textTransformDelta(sp * state->getHorizScaling(), 0, &dx2, &dy2);
    dx -= dx2;
    dy -= dy2;
    Glyph g;
    double w1, h1;
    state->transformDelta(dx, dy, &w1, &h1);
    state->transform(x, y, &g.x, &g.baseline);
    g.size = state->getTransformedFontSize();
    if (!std::isfinite(g.x) || !std::isfinite(g.baseline) || !std::isfinite(g.size) ||
        g.size <= 0 || g.size > 5000) {
      FlushWord();
      return;
    }
    g.font = fi;
    // Direction: only upright text joins into words here; other directions
    // are kept glyph by glyph with their box (layout reads them apart).
    g.upright = std::fabs(h1) <= std::fabs(w1) * 0.2 + 0.01 && w1 >= -0.01;

    double ascent = std::clamp(font->getAscent(), 0.5, 1.2);
    double descent = std::clamp(font->getDescent(), -0.6, 0.0);
    if (g.upright) {
      g.box = {g.x, g.baseline - ascent * g.size, g.x + std::max(w1, 0.0),
               g.baseline - descent * g.size};
    } else {
      double xa = g.x, xb = g.x + w1, ya = g.baseline, yb = g.baseline + h1;
      double pad_x = std::fabs(w1) < 1e-6 ? g.size * 0.5 : 0;
      double pad_y = std::fabs(h1) < 1e-6 ? g.size * 0.5 : 0;
      g.box = {std::min(xa, xb) - pad_x, std::min(ya, yb) - pad_y, std::max(xa, xb) + pad_x,
               std::max(ya, yb) + pad_y};
    }
    GfxRGB rgb;
    if (state->getRender() == 1 || state->getRender() == 5) state->getStrokeRGB(&rgb);
    else state->getFillRGB(&rgb);
    g.color = ToRgb(rgb);

    if (actual_.active) {
      // Inside /ActualText: the glyphs only say where; the text says what.
      if (!actual_.drawn) actual_.first = g;
      else actual_.first.box.Extend(g.box);
      actual_.drawn = true;
      return;
    }

    // What the glyph says.
    std::u32string chars;
    for (int i = 0; i < uLen; ++i) chars += static_cast<char32_t>(u[i]);
    if (finfo.symbolic) {
      // What a symbol glyph shows is its position in the symbol font: a
      // private-use ToUnicode value (U+F04A) says it, and so does the code
      // of a simple font, whatever letter its encoding claims ('J', or '˛'
      // through MacRoman). A CID font's code is no position.
      std::optional<char32_t> m;
      if (chars.size() == 1 && chars[0] >= 0xF000 && chars[0] <= 0xF0FF) {
        m = MapSymbolGlyph(finfo.name, chars[0]);
      }
      if (!m && !font->isCIDFont() && code <= 0xFF) {
        m = MapSymbolGlyph(finfo.name, static_cast<char32_t>(code));
      }
      if (!m && chars.size() == 1) m = MapSymbolGlyph(finfo.name, chars[0]);
      if (m) chars = std::u32string(1, *m);
    }
    AddGlyph(g, chars);
  }

  // Marked content with /ActualText (web browsers wrap every soft hyphen of
  // the page in one, drawn as a space glyph; other producers spell out
  // ligatures or symbols): the text replaces the glyphs drawn inside it.
  void beginActualText(GfxState*, const GooString* text) override {
    actual_ = ActualText{};
    actual_.active = true;
    if (text != nullptr) actual_.text = DecodeUtf8(PdfTextString(text->toStr()));
    if (actual_.text.size() > 256) actual_.text.resize(256);
  }

  void endActualText(GfxState*) override {
    if (!actual_.active) return;
    ActualText a = std::move(actual_);
    actual_ = ActualText{};
    if (!a.drawn) return;  // nothing drawn: no position to give the text
    bool invisible = !a.text.empty() && std::all_of(a.text.begin(), a.text.end(), [](char32_t c) {
      return c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060;
    });
    // An invisible character takes no room: the next glyph is set where it stands.
    if (invisible) a.first.box.x1 = a.first.box.x0;
    AddGlyph(a.first, a.text);
  }

  void stroke(GfxState* state) override { AddPath(state, false); }
  void fill(GfxState* state) override { AddPath(state, true); }
  void eoFill(GfxState* state) override { AddPath(state, true); }

  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width,
                     int height, bool invert, bool interpolate,
                     bool inlineImg) override {
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    AddPicture(state, Ink{ToRgb(rgb), 0});
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate,
                             inlineImg);
  }

  void drawImage(GfxState* state, Object* ref, Stream* str, int width,
                 int height, GfxImageColorMap* colorMap, bool interpolate,
                 const int* maskColors, bool inlineImg) override {
    Ink ink;
    BBox box = ImageBox(state);
    bool small = box.Width() <= 60 && box.Height() <= 60 && width > 0 &&
                 height > 0 && static_cast<long>(width) * height <= 256 * 256;
    if (small && colorMap != nullptr && colorMap->isOk()) {
      ink = InkColor(str, width, height, colorMap);
      if (inlineImg) {
        // InkColor consumed the data already.
        AddPicture(state, ink);
        return;
      }
    }
    AddPicture(state, ink);
    OutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate,
                         maskColors, inlineImg);
  }

  void drawMaskedImage(GfxState* state, Object* ref, Stream* str, int width,
                       int height, GfxImageColorMap* colorMap, bool interpolate,
                       Stream* maskStr, int maskWidth, int maskHeight,
                       bool maskInvert, bool maskInterpolate) override {
    drawImage(state, ref, str, width, height, colorMap, interpolate, nullptr, false);
    (void)maskStr;
    (void)maskWidth;
    (void)maskHeight;
    (void)maskInvert;
    (void)maskInterpolate;
  }

  void drawSoftMaskedImage(GfxState* state, Object* ref, Stream* str, int width,
                           int height, GfxImageColorMap* colorMap,
                           bool interpolate, Stream* maskStr, int maskWidth,
                           int maskHeight, GfxImageColorMap* maskColorMap,
                           bool maskInterpolate) override {
    drawImage(state, ref, str, width, height, colorMap, interpolate, nullptr, false);
    (void)maskStr;
    (void)maskWidth;
    (void)maskHeight;
    (void)maskColorMap;
    (void)maskInterpolate;
  }

 private:
  // One glyph, placed: where it starts, its box, its size, font and colour.
  struct Glyph {
    double x = 0, baseline = 0, size = 0;
    BBox box;
    int font = -1;
    Rgb color = 0;
    bool upright = true;
  };
  struct ActualText {
    bool active = false;
    bool drawn = false;  // a glyph was drawn inside; `first` holds its place
    std::u32string text;
    Glyph first;         // the first glyph, its box grown over all of them
  };

  void AddGlyph(const Glyph& g, const std::u32string& chars) {
    bool is_space = !chars.empty() && std::all_of(chars.begin(), chars.end(), [](char32_t c) {
      return c == U' ' || c == 0xA0 || c == U'\t' || c == 0x2002 || c == 0x2003 || c == 0x2009 ||
             c == 0x202F;
    });
    if (is_space) {
      if (word_open_) cur_.space_after = true;
      FlushWord();
      return;
    }
    // No Unicode, or only control codes: Poppler passes the codes of glyphs
    // it cannot name through as they are (a Type3 font's /g1 /g2). They are
    // counted; a word of nothing else is dropped (FlushWord), so a page of
    // them is "no text", not a page of blanks. Inside a word they stay, as
    // before: layout cleans them out.
    if (chars.empty() || IsControlOnly(chars)) {
      if (unmapped_ == 0) unmapped_font_ = doc_->fonts[g.font].name;
      ++unmapped_;
      if (chars.empty()) return;
    }
    // Text drawn off the page (outside its crop box) is not seen by a reader.
    if (page_->width > 0 && (g.box.x1 < -1 || g.box.x0 > page_->width + 1 || g.box.y1 < -1 ||
                             g.box.y0 > page_->height + 1)) {
      FlushWord();
      return;
    }

    if (word_open_) {
      bool same_line = g.upright && cur_upright_ && std::fabs(g.baseline - cur_.baseline) < 0.3 * g.size &&
                       std::fabs(g.size - cur_.font_size) < 0.3 * g.size;
      // Overprinting (fake bold, or a text layer drawn twice): the same
      // glyph again where the last one stands is that glyph, not a second.
      if (same_line && chars == last_chars_ && std::fabs(g.x - last_x_) < 0.3 * std::max(last_advance_, 0.2 * g.size)) {
        return;
      }
      double gap = g.box.x0 - cur_.box.x1;
      bool adjacent = same_line && gap < 0.1 * g.size && gap > -0.5 * g.size;
      // A symbol glyph (bullet, smiley) is a word of its own.
      bool symbol_edge = doc_->fonts[g.font].symbolic != doc_->fonts[cur_.font].symbolic;
      if (!adjacent || symbol_edge || !g.upright) FlushWord();
    }
    if (!word_open_) {
      cur_ = Word{};
      cur_.box = g.box;
      cur_.baseline = g.baseline;
      cur_.font_size = g.size;
      cur_.color = g.color;
      cur_.font = g.font;
      cur_.upright = g.upright;
      cur_upright_ = g.upright;
      word_open_ = true;
      text8_.clear();
    } else {
      cur_.box.Extend(g.box);
    }
    last_chars_ = chars;
    last_x_ = g.x;
    last_advance_ = g.box.Width();
    for (char32_t c : chars) AppendUtf8(text8_, c);
    if (!g.upright) FlushWord();
  }

  int FontIndex(const std::shared_ptr<GfxFont>& font) {
    if (font.get() == last_font_) return font_index_;
    auto it = font_ids_.find(font.get());
    int idx;
    if (it != font_ids_.end()) {
      idx = it->second;
    } else {
      FontInfo fi;
      fi.name = BaseFontName(*font);
      fi.bold = font->isBold() || Contains(fi.name, "bold") || Contains(fi.name, "black") ||
                Contains(fi.name, "heavy") || Contains(fi.name, "semibold");
      fi.italic = font->isItalic() || Contains(fi.name, "italic") ||
                  Contains(fi.name, "oblique");
      fi.symbolic = Contains(fi.name, "symbol") || Contains(fi.name, "wingding") ||
                    Contains(fi.name, "webding") || Contains(fi.name, "dingbat");
      idx = static_cast<int>(doc_->fonts.size());
      doc_->fonts.push_back(std::move(fi));
      // Holding a reference keeps the pointer a unique key for the run.
      font_ids_.emplace(font.get(), idx);
      font_refs_.push_back(font);
    }
    last_font_ = font.get();
    font_index_ = idx;
    return idx;
  }

  void FlushWord() {
    if (!word_open_) return;
    word_open_ = false;
    cur_.text = ToNfc(text8_);
    if (!cur_.text.empty() && !IsControlOnly(DecodeUtf8(cur_.text))) {
      page_->words.push_back(std::move(cur_));
      ++doc_words_;
    }
  }

  static bool IsControlOnly(const std::u32string& chars) {
    return std::all_of(chars.begin(), chars.end(),
                       [](char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); });
  }

  bool ShapeBudget() {
    if (static_cast<int>(page_->rules.size() + page_->pictures.size()) >=
            options_.max_shapes_per_page ||
        doc_shapes_ >= options_.max_shapes_per_document) {
      page_->truncated = true;
      return false;
    }
    ++doc_shapes_;
    return true;
  }

 public:
  // The document's budget is spent: no further page is worth reading.
  bool DocumentFull() const {
    return doc_words_ >= options_.max_words_per_document ||
           doc_shapes_ >= options_.max_shapes_per_document;
  }
  int Unmapped() const { return unmapped_; }
  const std::string& UnmappedFont() const { return unmapped_font_; }

 private:

  void AddPath(GfxState* state, bool filled) {
    if (page_ == nullptr) return;
    const GfxPath* path = state->getPath();
    if (path == nullptr) return;
    GfxRGB rgb;
    if (filled) state->getFillRGB(&rgb);
    else state->getStrokeRGB(&rgb);
    Rgb color = ToRgb(rgb);
    double lw = 0;
    if (!filled) {
      double a, b;
      state->transformDelta(state->getLineWidth(), 0, &a, &b);
      lw = std::max(std::hypot(a, b), 0.1);
    }
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sub = path->getSubpath(s);
      int n = sub->getNumPoints();
      if (n < 2) continue;
      if (!filled) {
        // Each straight, axis-aligned segment of a stroke is a rule.
        for (int i = 1; i < n; ++i) {
          if (sub->getCurve(i)) continue;
          double xa, ya, xb, yb;
          state->transform(sub->getX(i - 1), sub->getY(i - 1), &xa, &ya);
          state->transform(sub->getX(i), sub->getY(i), &xb, &yb);
          bool horizontal = std::fabs(ya - yb) < 0.5;
          bool vertical = std::fabs(xa - xb) < 0.5;
          if (!horizontal && !vertical) continue;
          if (!ShapeBudget()) return;
          BBox box{std::min(xa, xb), std::min(ya, yb), std::max(xa, xb), std::max(ya, yb)};
          if (horizontal) {
            box.y0 -= lw / 2;
            box.y1 += lw / 2;
          } else {
            box.x0 -= lw / 2;
            box.x1 += lw / 2;
          }
          page_->rules.push_back({box, color, false, false});
        }
        continue;
      }
      BBox box{1e300, 1e300, -1e300, -1e300};
      bool curved = false;
      for (int i = 0; i < n; ++i) {
        double xd, yd;
        state->transform(sub->getX(i), sub->getY(i), &xd, &yd);
        if (!std::isfinite(xd) || !std::isfinite(yd)) return;
        box.Extend({xd, yd, xd, yd});
        if (sub->getCurve(i)) curved = true;
      }
      if (!ShapeBudget()) return;
      page_->rules.push_back({box, color, true, curved});
    }
  }

  static BBox ImageBox(GfxState* state) {
    BBox box{1e300, 1e300, -1e300, -1e300};
    static const double corners[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    for (const auto& c : corners) {
      double xd, yd;
      state->transform(c[0], c[1], &xd, &yd);
      box.Extend({xd, yd, xd, yd});
    }
    return box;
  }

  struct Ink {
    std::optional<Rgb> color;
    double coverage = 0;
  };

  void AddPicture(GfxState* state, const Ink& ink) {
    if (page_ == nullptr || !ShapeBudget()) return;
    BBox box = ImageBox(state);
    if (!std::isfinite(box.x0) || !std::isfinite(box.y1)) return;
    page_->pictures.push_back({box, ink.color, ink.coverage});
  }

  // The mean colour of the picture's coloured pixels (neither near white nor
  // grey), or of its dark pixels when it has no colour at all.
  static Ink InkColor(Stream* str, int width, int height, GfxImageColorMap* colorMap) {
    ImageStream img(str, width, colorMap->getNumPixelComps(), colorMap->getBits());
    img.reset();
    long sum[3] = {0, 0, 0}, dark[3] = {0, 0, 0};
    long n = 0, nd = 0;
    for (int yy = 0; yy < height; ++yy) {
      unsigned char* line = img.getLine();
      if (line == nullptr) break;
      for (int xx = 0; xx < width; ++xx) {
        GfxRGB rgb;
        colorMap->getRGB(line + xx * colorMap->getNumPixelComps(), &rgb);
        int r = colToByte(rgb.r), g = colToByte(rgb.g), b = colToByte(rgb.b);
        int mx = std::max({r, g, b}), mn = std::min({r, g, b});
        if (mn > 230) continue;  // background
        if (mx - mn > 40) {
          sum[0] += r;
          sum[1] += g;
          sum[2] += b;
          ++n;
        } else {
          dark[0] += r;
          dark[1] += g;
          dark[2] += b;
          ++nd;
        }
      }
    }
    img.close();
    const long* s = n > 0 ? sum : dark;
    long cnt = n > 0 ? n : nd;
    if (cnt == 0) return Ink{};
    double coverage = static_cast<double>(n + nd) / (static_cast<double>(width) * height);
    return Ink{static_cast<Rgb>(((s[0] / cnt) << 16) | ((s[1] / cnt) << 8) | (s[2] / cnt)), coverage};
  }

  RawDocument* doc_;
  const ReadOptions& options_;
  RawPage* page_ = nullptr;
  Word cur_;
  std::string text8_;  // the open word, UTF-8
  bool word_open_ = false;
  bool cur_upright_ = true;
  std::u32string last_chars_;  // the last glyph added to the open word
  double last_x_ = 0, last_advance_ = 0;
  ActualText actual_;
  std::map<const GfxFont*, int> font_ids_;
  std::vector<std::shared_ptr<GfxFont>> font_refs_;
  const GfxFont* last_font_ = nullptr;
  int font_index_ = -1;
  int doc_words_ = 0, doc_shapes_ = 0;
  int unmapped_ = 0;  // glyphs without a Unicode reading
  std::string unmapped_font_;
};

// Document info goes into records and XML: no control characters or
// non-characters, NFC.
std::string WithoutControls(const std::string& utf8) {
  std::string clean;
  for (char32_t c : DecodeUtf8(utf8)) {
    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) AppendUtf8(clean, c);
  }
  return ToNfc(clean);
}

std::string InfoString(PDFDoc& doc, const char* key) {
  std::unique_ptr<GooString> s = doc.getDocInfoStringEntry(key);
  if (!s) return {};
  return WithoutControls(PdfTextString(s->toStr()));
}

Error FileError(ErrorCode code, const std::string& msg) { return Error{code, msg}; }

bool Overlaps(const BBox& a, const BBox& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

// A smiley-sized mark: 6 to 40 points, about square.
bool SmileySized(const BBox& b) {
  double w = b.Width(), h = b.Height();
  return w >= 6 && h >= 6 && w <= 40 && h <= 40 && w <= 1.4 * h && h <= 1.4 * w;
}

// Smileys drawn as small coloured pictures (a round mark covers about 3/4
// of its box) or as filled curved shapes become words of their own, so they
// are read where they stand, like a smiley glyph.
void AddShapeSmileys(RawPage* page) {
  std::vector<Word> found;
  auto add = [&](const BBox& box, Rgb color) {
    std::optional<char32_t> smiley = SmileyForColor(color);
    if (!smiley) return;
    for (const Word& w : page->words) {
      if (Overlaps(w.box, box)) return;  // a glyph smiley, or text on a coloured patch
    }
    for (const Word& w : found) {
      if (Overlaps(w.box, box)) return;  // the eyes and mouth of one already found
    }
    Word w;
    AppendUtf8(w.text, *smiley);
    w.box = box;
    w.baseline = box.y1 - 0.2 * box.Height();
    w.font_size = box.Height();
    w.color = color;
    w.from_shape = true;
    found.push_back(std::move(w));
  };
  for (const Picture& p : page->pictures) {
    if (p.mean_color && SmileySized(p.box) && p.coverage >= 0.45 && p.coverage <= 0.95) {
      add(p.box, *p.mean_color);
    }
  }
  // Largest first, so a face wins over its own features.
  std::vector<const Rule*> shapes;
  for (const Rule& r : page->rules) {
    if (r.filled && r.curved && SmileySized(r.box)) shapes.push_back(&r);
  }
  std::sort(shapes.begin(), shapes.end(), [](const Rule* a, const Rule* b) {
    return a->box.Width() * a->box.Height() > b->box.Width() * b->box.Height();
  });
  for (const Rule* r : shapes) add(r->box, r->color);
  for (Word& w : found) page->words.push_back(std::move(w));
}

}  // namespace

void InitReader() { InitPoppler(); }

std::optional<char32_t> SmileyForColor(Rgb color) {
  std::optional<Light> light = LightOfColor(color);
  if (!light) return std::nullopt;
  switch (*light) {
    case Light::kGreen: return U'\u263A';
    case Light::kYellow: return U'\U0001F610';
    case Light::kRed: return U'\u2639';
  }
  return std::nullopt;
}

std::optional<char32_t> MapSymbolGlyph(const std::string& font_name, char32_t cp) {
  if (cp >= 0xF000 && cp <= 0xF0FF) cp -= 0xF000;
  if (cp > 0xFF) return std::nullopt;
  bool wingdings = Contains(font_name, "wingding");
  bool symbol = Contains(font_name, "symbol") && !wingdings;
  bool dingbats = Contains(font_name, "dingbat");
  if (wingdings) {
    switch (cp) {
      case 0x4A: return U'\u263A';     // J: smiling face
      case 0x4B: return U'\U0001F610';  // K: neutral face
      case 0x4C: return U'\u2639';     // L: frowning face
      case 0x6C: return U'\u25CF';     // black circle
      case 0x6E: return U'\u25A0';     // black square
      case 0x71: return U'\u2751';
      case 0x75: return U'\u25C6';
      case 0x76: return U'\u2756';
      case 0x77: return U'\u2B25';
      case 0x9F: return U'\u2022';
      case 0xA7: return U'\u25AA';     // small black square (Word bullet)
      case 0xA8: return U'\u25FB';
      case 0xD8: return U'\u27A2';     // arrowhead bullet
      case 0xE0: return U'\u2192';
      case 0xE8: return U'\u2794';
      case 0xF0: return U'\u21E8';
      case 0xFB: return U'\u2717';     // ballot x
      case 0xFC: return U'\u2713';     // check mark
      case 0xFE: return U'\u2611';
      case 0x6F: return U'\u25A1';
      case 0xA1: return U'\u25CB';
      default: return std::nullopt;
    }
  }
  if (symbol) {
    switch (cp) {
      case 0xB7: return U'\u2022';  // bullet
      case 0x2D: return U'\u2212';
      case 0xB0: return U'\u00B0';
      case 0xB1: return U'\u00B1';
      case 0xB4: return U'\u00D7';
      case 0xB8: return U'\u00F7';
      case 0xAE: return U'\u2192';
      case 0xAC: return U'\u2190';
      case 0xA3: return U'\u2264';
      case 0xB3: return U'\u2265';
      case 0xB9: return U'\u2260';
      case 0xD7: return U'\u22C5';
      case 0xE0: return U'\u25CA';
      case 0x6F: return U'\u03BF';
      default:
        // Digits and the ASCII punctuation of the Symbol font read as
        // themselves (U+F02B is '+', U+F03D is '=').
        if (cp >= 0x20 && cp <= 0x40 && cp != 0x22 && cp != 0x24 && cp != 0x27) return cp;
        return std::nullopt;
    }
  }
  if (dingbats) {
    switch (cp) {
      case 0x6C: return U'\u25CF';
      case 0x6E: return U'\u25A0';
      case 0x75: return U'\u25C6';
      case 0x34: return U'\u2714';
      case 0x33: return U'\u2713';
      default: return std::nullopt;
    }
  }
  return std::nullopt;
}

Result<RawDocument> ReadPdf(const std::string& path, const ReadOptions& options) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    return FileError(ErrorCode::kOpenFailed, "cannot open: no such file");
  }
  if (S_ISDIR(st.st_mode)) return FileError(ErrorCode::kOpenFailed, "cannot open: is a directory");
  if (st.st_size == 0) return FileError(ErrorCode::kNotPdf, "not a PDF: the file is empty");
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return FileError(ErrorCode::kOpenFailed, "cannot open: permission denied or unreadable");
    char head[1024];
    in.read(head, sizeof head);
    std::string_view h(head, static_cast<size_t>(in.gcount()));
    if (h.find("%PDF-") == std::string_view::npos) {
      return FileError(ErrorCode::kNotPdf, "not a PDF: no %PDF- header in the first 1024 bytes");
    }
  }

  InitPoppler();
  RawDocument out;
  tls_diagnostics = &out.diagnostics;
  tls_error_count = 0;
  struct Reset {
    ~Reset() { tls_diagnostics = nullptr; }
  } reset;

  std::optional<GooString> pw;
  if (options.password) pw = GooString(*options.password);
  auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path), pw, pw);
  if (!doc->isOk()) {
    int code = doc->getErrorCode();
    if (code == errEncrypted) {
      return FileError(ErrorCode::kEncrypted,
                       options.password ? "encrypted: the password given is wrong"
                                        : "encrypted: a password is needed (--password)");
    }
    if (code == errOpenFile || code == errFileIO) {
      return FileError(ErrorCode::kOpenFailed, "cannot open: read error");
    }
    const char* why = code == errBadCatalog ? "no readable document catalog"
                      : code == errDamaged  ? "the cross-reference table cannot be rebuilt"
                                            : "unreadable structure";
    return FileError(ErrorCode::kDamaged, std::string("damaged PDF: cannot be repaired (") + why +
                                              ", Poppler error " + std::to_string(code) + ")");
  }

  int n = doc->getNumPages();
  out.page_count = n;
  if (n <= 0) {
    out.diagnostics.push_back({"pdf.no_pages", "the document has no pages", 0});
  }
  out.info.title = InfoString(*doc, "Title");
  out.info.author = InfoString(*doc, "Author");
  out.info.creator = InfoString(*doc, "Creator");
  out.info.producer = InfoString(*doc, "Producer");

  int to_read = std::min(std::max(n, 0), options.max_pages);
  if (n > options.max_pages) {
    out.diagnostics.push_back({"pdf.page_limit",
                               "only the first " + std::to_string(options.max_pages) +
                                   " of " + std::to_string(n) + " pages were read",
                               0});
  }
  CollectingDev dev(&out, options);
  Limits limits{&options};
  out.pages.reserve(static_cast<size_t>(to_read));
  for (int i = 1; i <= to_read; ++i) {
    if (AbortCheck(&limits)) break;
    if (dev.DocumentFull()) {
      out.diagnostics.push_back({"pdf.document_truncated",
                                 "the document has more content than the limits allow; pages " +
                                     std::to_string(i) + " to " + std::to_string(n) +
                                     " were not read",
                                 i});
      break;
    }
    out.pages.emplace_back();
    RawPage& page = out.pages.back();
    page.number = i;
    Page* p = doc->getPage(i);
    if (p == nullptr) {
      out.diagnostics.push_back({"pdf.bad_page", "page cannot be read", i});
      continue;
    }
    dev.BeginPage(&page);
    {
      // The page's own content only: annotations and form fields are not
      // the document's text, and building a page's form tree is where
      // hostile files recurse without end (stress/shared-unnamed-field.pdf).
      std::unique_ptr<Gfx> gfx(p->createGfx(&dev, 72, 72, 0, false, true, -1, -1, -1, -1, false,
                                            AbortCheck, &limits));
      p->display(gfx.get());
    }
    dev.BeginPage(nullptr);
    AddShapeSmileys(&page);
    if (page.truncated) {
      out.diagnostics.push_back({"pdf.page_truncated",
                                 "the page has more content than the limits allow; the rest is skipped",
                                 i});
    }
  }
  if (limits.hit_deadline) {
    return FileError(ErrorCode::kLimit, "time limit exceeded while reading");
  }
  if (dev.Unmapped() > 0) {
    out.diagnostics.push_back(
        {"pdf.unmapped_glyphs",
         std::to_string(dev.Unmapped()) + " glyphs have no Unicode mapping (font " +
             WithoutControls(dev.UnmappedFont().empty() ? "unnamed" : dev.UnmappedFont()) +
             "); their text is missing",
         0});
  }
  if (tls_error_count > 20) {
    out.diagnostics.push_back({"pdf.errors", std::to_string(tls_error_count) +
                                                 " PDF errors in all; the first 20 are listed",
                               0});
  }
  return out;
}

}  // namespace extractor
