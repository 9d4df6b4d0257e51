// mini_pdf.h: writes small PDFs for tests, so that every rule has an input
// the project owns: other fonts and margins, U+2010 hyphens, Wingdings
// smileys, ruled tables, broken files.
//
//   MiniPdf pdf;
//   pdf.Text(72, 700, "Helvetica", 11, "udgangs-");
//   pdf.NewPage();
//   std::string bytes = pdf.Bytes();
#ifndef AFTALE_TESTS_MINI_PDF_H_
#define AFTALE_TESTS_MINI_PDF_H_

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "unicode.h"

namespace extractor::testing {

class MiniPdf {
 public:
  MiniPdf() { pages_.emplace_back(); }

  // Text at (x, y) from the page's top-left corner. Fonts: the standard 14
  // names, or "Wingdings" / "Symbol" (not embedded: the name is what counts).
  // Characters are written in WinAnsi; U+2010 and U+00AD through /Differences.
  void Text(double x, double y, const std::string& font, double size, const std::string& utf8,
            const std::string& rgb = "0 0 0") {
    std::string key = FontKey(font);
    char buf[128];
    std::snprintf(buf, sizeof buf, "BT %s rg /%s %.2f Tf %.2f %.2f Td (", rgb.c_str(), key.c_str(),
                  size, x, height_ - y);
    std::string s = buf;
    for (char32_t c : DecodeUtf8(utf8)) {
      unsigned code;
      if (c == 0x2010) code = 0x80;
      else if (c == 0x00AD) code = 0x81;
      else if (c == 0x2013) code = 0x96;
      else if (c < 0x100) code = static_cast<unsigned>(c);
      else code = '?';
      if (code == '(' || code == ')' || code == '\\') {
        s += '\\';
        s += static_cast<char>(code);
      } else if (code < 0x20 || code >= 0x7F) {
        std::snprintf(buf, sizeof buf, "\\%03o", code);
        s += buf;
      } else {
        s += static_cast<char>(code);
      }
    }
    s += ") Tj ET\n";
    pages_.back() += s;
  }

  // A stroked line from (x0, y0) to (x1, y1), top-left origin.
  void Line(double x0, double y0, double x1, double y1) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "0.5 w 0 0 0 RG %.2f %.2f m %.2f %.2f l S\n", x0, height_ - y0,
                  x1, height_ - y1);
    pages_.back() += buf;
  }

  // A filled circle of radius r around (cx, cy), four Bézier arcs.
  void Circle(double cx, double cy, double r, const std::string& rgb) {
    const double k = 0.5523 * r;
    double y = height_ - cy;
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "%s rg %.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c "
                  "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c f\n",
                  rgb.c_str(), cx + r, y, cx + r, y + k, cx + k, y + r, cx, y + r, cx - k, y + r,
                  cx - r, y + k, cx - r, y, cx - r, y - k, cx - k, y - r, cx, y - r, cx + k, y - r,
                  cx + r, y - k, cx + r, y);
    pages_.back() += buf;
  }

  // An inline RGB picture of `size` points at (x, y) (top-left), n x n
  // pixels: a disc of colour (r, g, b) on white.
  void DiscPicture(double x, double y, double size, int n, unsigned char r, unsigned char g,
                   unsigned char b) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "q %.2f 0 0 %.2f %.2f %.2f cm BI /W %d /H %d /CS /RGB /BPC 8 ID ",
                  size, size, x, height_ - y - size, n, n);
    std::string s = buf;
    for (int j = 0; j < n; ++j) {
      for (int i = 0; i < n; ++i) {
        double dx = i + 0.5 - n / 2.0, dy = j + 0.5 - n / 2.0;
        bool in = dx * dx + dy * dy <= (n / 2.0) * (n / 2.0);
        s += static_cast<char>(in ? r : 255);
        s += static_cast<char>(in ? g : 255);
        s += static_cast<char>(in ? b : 255);
      }
    }
    s += "\nEI Q\n";
    pages_.back() += s;
  }

  // A ToUnicode map for a font: what its codes stand for (a Word smiley as
  // U+F04A, a face as U+263A), as a producer that writes one would.
  void ToUnicode(const std::string& font, const std::map<unsigned, char32_t>& codes) {
    FontKey(font);
    to_unicode_[font] = codes;
  }

  // A filled rectangle (cell shading, a traffic light), top-left origin.
  void FilledRect(double x, double y, double w, double h, const std::string& rgb) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s rg %.2f %.2f %.2f %.2f re f\n", rgb.c_str(), x, height_ - y - h, w, h);
    pages_.back() += buf;
  }

  // Raw content-stream operators for the current page.
  void Raw(const std::string& ops) { pages_.back() += ops; }

  void NewPage() { pages_.emplace_back(); }

  std::string Bytes() const {
    std::vector<std::string> objs;  // object i+1
    objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objs.push_back("");  // pages, filled below
    std::string fonts = "<< ";
    for (const auto& [name, key] : font_keys_) {
      std::string tounicode;
      auto map = to_unicode_.find(name);
      if (map != to_unicode_.end()) {
        std::string cmap =
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n" +
            std::to_string(map->second.size()) + " beginbfchar\n";
        char buf[64];
        for (const auto& [code, cp] : map->second) {
          std::u32string one(1, cp);
          std::string utf16;
          for (char32_t c : one) {
            if (c > 0xFFFF) {
              char32_t v = c - 0x10000;
              std::snprintf(buf, sizeof buf, "%04X%04X", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
            } else {
              std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
            }
            utf16 += buf;
          }
          std::snprintf(buf, sizeof buf, "<%02X> <", code);
          cmap += buf + utf16 + ">\n";
        }
        cmap += "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end\n";
        objs.push_back("<< /Length " + std::to_string(cmap.size()) + " >>\nstream\n" + cmap + "endstream");
        tounicode = " /ToUnicode " + std::to_string(objs.size()) + " 0 R";
      }
      int id = static_cast<int>(objs.size()) + 1;
      std::string enc = name == "Wingdings" || name == "Symbol"
                            ? ""
                            : " /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding "
                              "/Differences [128 /uni2010 /uni00AD] >>";
      objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /" + name + enc + tounicode + " >>");
      fonts += "/" + key + " " + std::to_string(id) + " 0 R ";
    }
    fonts += ">>";
    std::string kids;
    for (const std::string& content : pages_) {
      int cid = static_cast<int>(objs.size()) + 1;
      objs.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                     "endstream");
      int pid = static_cast<int>(objs.size()) + 1;
      objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 " + Num(height_) +
                     "] /Resources << /Font " + fonts + " >> /Contents " + std::to_string(cid) +
                     " 0 R >>");
      kids += std::to_string(pid) + " 0 R ";
    }
    objs[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages_.size()) + " >>";
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objs.size(); ++i) {
      offsets.push_back(out.size());
      out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
    }
    size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
    char buf[32];
    for (size_t off : offsets) {
      std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
      out += buf;
    }
    out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
  }

 private:
  static std::string Num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
  }
  std::string FontKey(const std::string& name) {
    auto it = font_keys_.find(name);
    if (it != font_keys_.end()) return it->second;
    std::string key = "F" + std::to_string(font_keys_.size() + 1);
    font_keys_[name] = key;
    return key;
  }

  double height_ = 842;
  std::vector<std::string> pages_;
  std::map<std::string, std::string> font_keys_;
  std::map<std::string, std::map<unsigned, char32_t>> to_unicode_;
};

}  // namespace extractor::testing

#endif  // AFTALE_TESTS_MINI_PDF_H_
