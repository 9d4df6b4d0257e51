// Rows each rule must match, and rows it must not.
#include <gtest/gtest.h>

#include "rules.h"

namespace extractor {
namespace {

struct Row {
  RuleId rule;
  const char* text;
  bool matches;
};

class RuleRows : public ::testing::TestWithParam<Row> {};

TEST_P(RuleRows, WholeLine) {
  const Row& r = GetParam();
  EXPECT_EQ(Matches(r.rule, r.text), r.matches) << RuleName(r.rule) << ": " << r.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, RuleRows,
    ::testing::Values(
        Row{RuleId::kPageNumber, "Side 3 af 40", true}, Row{RuleId::kPageNumber, "side 12", true},
        Row{RuleId::kPageNumber, "3/11", true}, Row{RuleId::kPageNumber, "- 3 -", true},
        Row{RuleId::kPageNumber, "Page 4 of 9", true}, Row{RuleId::kPageNumber, "17", true},
        Row{RuleId::kPageNumber, "Side 3 af 40 sider i alt", false},
        Row{RuleId::kPageNumber, "3. budgetopfølgning", false},
        Row{RuleId::kPageNumber, "Budget 2020", false},
        Row{RuleId::kListMarker, "•", true}, Row{RuleId::kListMarker, "1.", true},
        Row{RuleId::kListMarker, "1.3.", true}, Row{RuleId::kListMarker, "a)", true},
        Row{RuleId::kListMarker, "-", true}, Row{RuleId::kListMarker, "Parterne", false},
        Row{RuleId::kListMarker, "2020", false},
        Row{RuleId::kChapterHeading, "1. Vi skaber fremtiden sammen", true},
        Row{RuleId::kChapterHeading, "1. budgetopfølgning 2017", false},
        Row{RuleId::kItemHeading, "1.3. Borgermillionen", true},
        Row{RuleId::kItemHeading, "3.02. Specialundervisning", true},
        Row{RuleId::kItemHeading, "1.3.", false},
        Row{RuleId::kPointHeading, "1) Bedre udnyttelse af kommunens lokaler", true},
        Row{RuleId::kPointHeading, "1. Bedre", false},
        Row{RuleId::kSavingsId, "BSU-12", true}, Row{RuleId::kSavingsId, "bsu-12", false},
        Row{RuleId::kDateLine, "Dato: 27. oktober 2017", true},
        Row{RuleId::kDateLine, "Dato: 27. oktobre 2017", false},
        Row{RuleId::kCaseIdLine, "Sagsid: 00.30.00-S00-6-16", true},
        Row{RuleId::kCaseIdLine, "Sag: ", false},
        Row{RuleId::kAgreementTitle, "Aftale om budget 2020", true},
        Row{RuleId::kAgreementTitle, "Aftale om Budget 2019", true},
        Row{RuleId::kAgreementTitle, "Aftale om pasning", false},
        Row{RuleId::kFollowupTitle, "Tredje opfølgning på Aftale om budget 2017", true},
        Row{RuleId::kFollowupTitle, "Opfølgning på budget 2017", false},
        Row{RuleId::kAnnexHeading, "Bilag: Drift – driftsinvesteringer (1.000 kr.)", true},
        Row{RuleId::kAnnexHeading, "Bilag 2", true},
        Row{RuleId::kAnnexHeading, "Bilagsmateriale sendes ud", false},
        Row{RuleId::kSignatureLine, "Ballerup, den 8. oktober 2018", true},
        Row{RuleId::kSignatureLine, "Ballerup, den 8. oktober 2018 blev aftalen indgået", false},
        Row{RuleId::kItemNumberOnly, "1.3.", true}, Row{RuleId::kItemNumberOnly, "1.3. Titel", false}));

TEST(Rules, CaptureGroups) {
  std::vector<std::string> g;
  ASSERT_TRUE(Capture(RuleId::kItemHeading, "1.3. Borgermillionen", &g));
  EXPECT_EQ(g, (std::vector<std::string>{"1.3", "Borgermillionen"}));
  ASSERT_TRUE(Find(RuleId::kDateLine, "Dato: 19. april 2020", &g));
  EXPECT_EQ(g, (std::vector<std::string>{"19", "april", "2020"}));
  ASSERT_TRUE(Find(RuleId::kFollowupTitle, "Tredje opfølgning på Aftale om budget 2017", &g));
  EXPECT_EQ(g, (std::vector<std::string>{"Tredje", "2017", "", ""}));
}

// A follow-up names its ordinal and the agreement's year, in either order;
// the groups are ordinal, year | year, ordinal.
TEST(Rules, FollowupTitlesOfTheFamily) {
  struct Row {
    const char* text;
    const char* ordinal;  // nullptr: must not match
    const char* year;
  } rows[] = {
      {"Tredje opfølgning på Aftale om budget 2017", "Tredje", "2017"},
      {"1. opfølgning på budgetforliget 2020", "1.", "2020"},
      {"Anden budgetopfølgning på budgetaftalen 2019", "Anden", "2019"},
      {"Status på budgetforlig 2020 – 1. opfølgning", "1.", "2020"},
      {"Status på budgetforlig 2020-2023 - 2. opfølgning", "2.", "2020"},
      {"Budgetaftale 2021: tredje opfølgning", "tredje", "2021"},
      {"Aftale om budget 2020", nullptr, nullptr},
      {"Opfølgning på budgettet i kommunerne", nullptr, nullptr},
      {"Tredje opfølgning på handleplanen 2017", nullptr, nullptr},
  };
  for (const Row& r : rows) {
    std::vector<std::string> g;
    bool found = Find(RuleId::kFollowupTitle, r.text, &g);
    if (r.ordinal == nullptr) {
      EXPECT_FALSE(found) << r.text;
      continue;
    }
    ASSERT_TRUE(found) << r.text;
    EXPECT_EQ(g[0].empty() ? g[3] : g[0], r.ordinal) << r.text;
    EXPECT_EQ(g[1].empty() ? g[2] : g[1], r.year) << r.text;
  }
}

TEST(Rules, EveryRuleHasAName) {
  for (int i = 0; i < static_cast<int>(RuleId::kCount); ++i) {
    EXPECT_NE(std::string(RuleName(static_cast<RuleId>(i))), "");
  }
}

}  // namespace
}  // namespace extractor
