// The real-world test PDFs in ../shared/testpdfs (broken, encrypted, hostile,
// rotated, symbol fonts): every one ends with exit 0 or a documented error
// code, within its limit, with a reason for every failure and no partial
// output. Skipped when ../shared is not beside the checkout.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "corpus.h"
#include "validate.h"

namespace extractor::testing {
namespace {

namespace fs = std::filesystem;

const std::set<int> kDocumented = {0, 2, 3, 4, 5, 6, 7};

std::vector<fs::path> TestPdfs() {
  std::vector<fs::path> out;
  if (!fs::is_directory(SharedTestPdfs())) return out;
  for (const auto& e : fs::recursive_directory_iterator(SharedTestPdfs())) {
    if (e.is_regular_file() && e.path().extension() == ".pdf") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int RunQuiet(const std::string& args) {
  std::string cmd = std::string(AFTALE_BINARY) + " " + args + " > /dev/null 2>&1";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(TestPdfs, TextEndsWithADocumentedCodeWithin30Seconds) {
  std::vector<fs::path> files = TestPdfs();
  if (files.empty()) GTEST_SKIP() << SharedTestPdfs() << " is not there";
  std::map<int, int> counts;
  for (const fs::path& f : files) {
    auto t0 = std::chrono::steady_clock::now();
    int code = RunQuiet("text --timeout 30 '" + f.string() + "'");
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++counts[code];
    EXPECT_TRUE(kDocumented.count(code)) << f << " ended with " << code;
    EXPECT_LT(s, 35.0) << f;
  }
  std::printf("[ figures  ] aftale text on %zu test PDFs, by exit code:", files.size());
  for (const auto& [code, n] : counts) std::printf(" %d: %d;", code, n);
  std::printf("\n");
}

TEST(TestPdfs, ConvertOutcomesHaveReasonsAndNoPartialOutput) {
  std::vector<fs::path> files = TestPdfs();
  if (files.empty()) GTEST_SKIP() << SharedTestPdfs() << " is not there";
  fs::path out = TestDir() / "testpdfs-out";
  fs::remove_all(out);
  int code = RunQuiet("convert '" + SharedTestPdfs().string() + "' -o '" + out.string() +
                      "' -j 2 --format both --timeout 30");
  EXPECT_TRUE(code == 0 || code == 11) << code;
  auto summary = nlohmann::json::parse(ReadFile(out / "aftale-summary.json"));
  ASSERT_EQ(summary["files"].size(), files.size());
  std::map<std::string, int> counts;
  for (const auto& f : summary["files"]) {
    std::string status = f["status"];
    ++counts[status];
    int exit_code = f["exit_code"];
    EXPECT_TRUE(kDocumented.count(exit_code)) << f.dump();
    if (exit_code != 0) {
      EXPECT_FALSE(f["message"].get<std::string>().empty()) << f.dump();
      EXPECT_TRUE(f["outputs"].empty()) << f.dump();
    } else {
      ASSERT_EQ(f["outputs"].size(), 2u) << f.dump();
      std::string json = ReadFile(out / f["outputs"][0].get<std::string>());
      std::string xml = ReadFile(out / f["outputs"][1].get<std::string>());
      EXPECT_FALSE(ValidateJson(json).has_value()) << f["input"];
      EXPECT_FALSE(ValidateXml(xml).has_value()) << f["input"];
    }
  }
  // Only whole outputs are left: one .json and one .xml per success.
  size_t records = 0;
  for (const auto& e : fs::directory_iterator(out)) {
    std::string name = e.path().filename().string();
    EXPECT_EQ(name.find(".tmp."), std::string::npos) << name;
    if (name != "aftale-summary.json") ++records;
  }
  EXPECT_EQ(records, 2u * static_cast<size_t>(counts["ok"]));
  std::printf("[ figures  ] aftale convert on %zu test PDFs:", files.size());
  for (const auto& [status, n] : counts) std::printf(" %s: %d;", status.c_str(), n);
  std::printf("\n");
}

}  // namespace
}  // namespace extractor::testing
