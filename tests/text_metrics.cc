#include "text_metrics.h"

#include <algorithm>

#include "unicode.h"

namespace extractor::testing {

std::vector<std::string> Words(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char32_t c : DecodeUtf8(text)) {
    if (c == 0xFEFF || c == 0x00AD) continue;
    if (c == 0x00A0) c = U' ';
    AppendUtf8(clean, c);
  }
  clean = ToNfc(clean);
  std::vector<std::string> words;
  std::string cur;
  for (char ch : clean) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

size_t CommonSubsequence(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  const long max = n + m;
  std::vector<long> v(static_cast<size_t>(2 * max + 2), 0);
  auto at = [&](long k) -> long& { return v[static_cast<size_t>(k + max + 1)]; };
  for (long d = 0; d <= max; ++d) {
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) {
        ++x;
        ++y;
      }
      at(k) = x;
      if (x >= n && y >= m) return static_cast<size_t>((n + m - d) / 2);
    }
  }
  return 0;
}

WordScore ScoreWords(std::string_view extracted, std::string_view reference) {
  std::vector<std::string> out = Words(extracted), ref = Words(reference);
  WordScore s;
  s.reference = ref.size();
  s.extracted = out.size();
  s.common = CommonSubsequence(ref, out);
  return s;
}

namespace {

const char kMark[] = "\x01";

std::vector<std::string> WordsAndMarks(std::string_view text, size_t* marks) {
  std::vector<std::string> out;
  *marks = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of("\n\f", start);
    if (end == std::string_view::npos) end = text.size();
    std::vector<std::string> w = Words(text.substr(start, end - start));
    if (!w.empty()) {
      out.insert(out.end(), w.begin(), w.end());
      out.push_back(kMark);
      ++*marks;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

BoundaryScore ScoreParagraphs(std::string_view extracted, std::string_view reference) {
  BoundaryScore s;
  std::vector<std::string> out = WordsAndMarks(extracted, &s.extracted);
  std::vector<std::string> ref = WordsAndMarks(reference, &s.reference);
  size_t with_marks = CommonSubsequence(ref, out);
  size_t words_only = CommonSubsequence(Words(reference), Words(extracted));
  s.common = with_marks > words_only ? with_marks - words_only : 0;
  return s;
}

}  // namespace extractor::testing
