// Golden files: golden/<case>.json and .xml for every corpus/<case>.pdf,
// byte for byte. On a mismatch the actual output is kept under the build
// folder (golden-actual/) and the failure shows a unified diff. Rewrite them
// with scripts/update-goldens.sh, then review the diff against the seeds.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "corpus.h"
#include "emit.h"
#include "pipeline.h"
#include "validate.h"

namespace extractor::testing {
namespace {

namespace fs = std::filesystem;

fs::path GoldenDir() { return SourceDir() / "golden"; }
fs::path ActualDir() { return fs::path(AFTALE_BUILD_DIR) / "golden-actual"; }

std::string Diff(const fs::path& expected, const fs::path& actual) {
  std::string cmd = "diff -u '" + expected.string() + "' '" + actual.string() + "' 2>&1 | head -120";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  fs::path golden = GoldenDir() / name;
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run scripts/update-goldens.sh and review it";
  std::string expected = ReadFile(golden);
  if (expected == actual) return;
  fs::create_directories(ActualDir());
  fs::path kept = ActualDir() / name;
  std::ofstream(kept, std::ios::binary) << actual;
  ADD_FAILURE() << name << " differs from its golden file; actual output kept in " << kept << "\n"
                << Diff(golden, kept);
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, JsonAndXmlMatch) {
  Result<Record> r = ExtractRecord((CorpusDir() / (GetParam() + ".pdf")).string(), {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::string json = EmitJson(*r);
  std::string xml = EmitXml(*r);
  ExpectGolden(GetParam() + ".json", json);
  ExpectGolden(GetParam() + ".xml", xml);
  // A golden that fails its schema is wrong whatever it says.
  auto je = ValidateJson(ReadFile(GoldenDir() / (GetParam() + ".json")));
  EXPECT_FALSE(je.has_value()) << *je;
  auto xe = ValidateXml(ReadFile(GoldenDir() / (GetParam() + ".xml")));
  EXPECT_FALSE(xe.has_value()) << *xe;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Golden, ::testing::ValuesIn(CorpusCases()),
                         [](const auto& info) { return CaseTestName(info.param); });

TEST(GoldenFiles, EveryGoldenHasItsPdfAndEveryPdfItsGoldens) {
  std::set<std::string> pdfs;
  for (const std::string& c : CorpusCases()) pdfs.insert(c);
  ASSERT_FALSE(pdfs.empty());
  std::set<std::string> seen;
  for (const auto& e : fs::directory_iterator(GoldenDir())) {
    std::string ext = e.path().extension().string();
    if (ext != ".json" && ext != ".xml") continue;
    std::string stem = e.path().stem().string();
    EXPECT_TRUE(pdfs.count(stem)) << e.path() << " has no corpus/" << stem << ".pdf";
    seen.insert(stem + ext);
  }
  for (const std::string& p : pdfs) {
    EXPECT_TRUE(seen.count(p + ".json")) << "corpus/" << p << ".pdf has no golden/" << p << ".json";
    EXPECT_TRUE(seen.count(p + ".xml")) << "corpus/" << p << ".pdf has no golden/" << p << ".xml";
  }
}

// The schema is standard XSD: libxml2's command-line validator agrees.
TEST(GoldenFiles, XmllintAcceptsEveryGoldenXml) {
  if (std::system("xmllint --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "no xmllint";
  std::string cmd = "cd '" + SourceDir().string() +
                    "' && xmllint --noout --schema schemas/aftale.xsd golden/*.xml 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  EXPECT_EQ(WEXITSTATUS(status), 0) << out;
  EXPECT_EQ(out.find("fails to validate"), std::string::npos) << out;
}

}  // namespace
}  // namespace extractor::testing
