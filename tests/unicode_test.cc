// The UTF-8 helpers every stage leans on, including the broken input they
// must survive.
#include <gtest/gtest.h>

#include "hyphen.h"
#include "unicode.h"

namespace extractor {
namespace {

TEST(Unicode, WalksCodePoints) {
  std::string s = "Å\u2010😐x";
  size_t i = 0;
  EXPECT_EQ(NextCodePoint(s, &i), U'Å');
  EXPECT_EQ(NextCodePoint(s, &i), U'\u2010');
  EXPECT_EQ(NextCodePoint(s, &i), U'\U0001F610');
  EXPECT_EQ(NextCodePoint(s, &i), U'x');
  EXPECT_EQ(i, s.size());
  size_t start = 0;
  EXPECT_EQ(LastCodePoint("udgangs\u2010", &start), U'\u2010');
  EXPECT_EQ(start, 7u);
  EXPECT_EQ(LastCodePoint(""), 0u);
}

TEST(Unicode, BrokenBytesReadAsReplacementOneByteEach) {
  std::string bad = "a\xC3";  // cut in the middle of "ø"
  size_t i = 1;
  EXPECT_EQ(NextCodePoint(bad, &i), 0xFFFDu);
  EXPECT_EQ(i, 2u);
  EXPECT_EQ(DecodeUtf8("\xFF\x80z"), (std::u32string{0xFFFD, 0xFFFD, U'z'}));
  EXPECT_EQ(EncodeUtf8(DecodeUtf8("Økonomi")), "Økonomi");
}

TEST(Unicode, NfcComposesDecomposedDanish) {
  EXPECT_EQ(ToNfc("A\u030Arhus"), "\u00C5rhus");
  EXPECT_EQ(ToNfc("plain"), "plain");
}

TEST(Unicode, WordKeyLowersDanishWithoutIcuAndOthersWithIt) {
  EXPECT_EQ(WordKey("ÆBLE,"), "æble");
  EXPECT_EQ(WordKey("«Økonomiudvalget»"), "økonomiudvalget");
  EXPECT_EQ(WordKey("ŁÓDŹ"), "łódź");
  EXPECT_EQ(WordKey("×"), "");
}

}  // namespace
}  // namespace extractor
