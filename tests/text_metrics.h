// text_metrics.h: word recall and precision of an extracted text against a
// reference, in order (longest common subsequence of the word sequences).
#ifndef AFTALE_TESTS_TEXT_METRICS_H_
#define AFTALE_TESTS_TEXT_METRICS_H_

#include <string>
#include <string_view>
#include <vector>

namespace extractor::testing {

// Splits on white space after dropping a BOM and soft hyphens and applying NFC.
std::vector<std::string> Words(std::string_view text);

// Length of the longest common subsequence (Myers' O(ND) algorithm: fast when
// the sequences are close, which is the case worth measuring).
size_t CommonSubsequence(const std::vector<std::string>& a, const std::vector<std::string>& b);

struct WordScore {
  size_t reference = 0, extracted = 0, common = 0;
  double Recall() const { return reference ? double(common) / double(reference) : 1.0; }
  double Precision() const { return extracted ? double(common) / double(extracted) : 1.0; }
};

WordScore ScoreWords(std::string_view extracted, std::string_view reference);

// Paragraph boundaries (line ends in both texts; form feeds count as line
// ends): a boundary marker after each paragraph joins the word sequences,
// and the markers that the common subsequence keeps are the boundaries both
// texts agree on.
struct BoundaryScore {
  size_t reference = 0, extracted = 0, common = 0;
  double Recall() const { return reference ? double(common) / double(reference) : 1.0; }
  double Precision() const { return extracted ? double(common) / double(extracted) : 1.0; }
};

BoundaryScore ScoreParagraphs(std::string_view extracted, std::string_view reference);

}  // namespace extractor::testing

#endif  // AFTALE_TESTS_TEXT_METRICS_H_
