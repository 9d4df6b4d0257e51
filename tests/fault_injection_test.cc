// Fault injection: `convert` killed with SIGKILL or interrupted with SIGINT
// at random moments, many times, with inputs changing between runs. After
// every kill whatever the folder holds is whole; after one run to the end
// it holds exactly one valid JSON + XML pair per good input, of the input's
// current bytes, the summary, and nothing else. Bounded in time (it also
// runs under ASan); the seed is printed so a failure can be replayed with
// AFTALE_FAULT_SEED.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "cli_run.h"
#include "sha256.h"
#include "validate.h"

namespace extractor::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

bool IsRecordName(const std::string& n) {
  return (n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0 && n != "aftale-summary.json") ||
         (n.size() > 4 && n.compare(n.size() - 4, 4, ".xml") == 0);
}

// What must hold at any moment, even right after a kill.
void CheckWhole(const fs::path& out, const std::string& when) {
  if (!fs::exists(out)) return;
  for (const auto& e : fs::directory_iterator(out)) {
    std::string n = e.path().filename().string();
    if (n.rfind(".aftale-", 0) == 0 || n == ".aftale.lock") continue;  // cleaned up by the next run
    if (n == "aftale-summary.json") {
      EXPECT_TRUE(Json::parse(ReadFile(e.path()), nullptr, false).is_object()) << when << ": summary";
      continue;
    }
    ASSERT_TRUE(IsRecordName(n)) << when << ": unexpected " << n;
    std::string text = ReadFile(e.path());
    bool json = n.back() == 'n';
    EXPECT_FALSE((json ? ValidateJson(text) : ValidateXml(text)).has_value())
        << when << ": " << n << " is not whole";
  }
  // A summary that says "complete" is true.
  Json s = Json::parse(ReadFile(out / "aftale-summary.json"), nullptr, false);
  if (!s.is_object() || s.value("state", "") != "complete") return;
  for (const Json& f : s["files"]) {
    if (f["status"] != "ok" && f["status"] != "skipped") continue;
    for (const Json& o : f["outputs"]) {
      std::string text = ReadFile(out / o.get<std::string>());
      EXPECT_NE(text.find(f["sha256"].get<std::string>()), std::string::npos)
          << when << ": " << o << " is not the record the complete summary claims";
    }
  }
}

TEST(FaultInjection, KilledAtRandomTheRerunLeavesOneValidPairPerGoodInput) {
  fs::path dir = TestDir() / "fault";
  fs::remove_all(dir);
  fs::path in = dir / "in", out = dir / "out";
  const int kGood = 6;
  auto good = [&](int i, int version) {
    WriteBytes(in, "doc" + std::to_string(i) + ".pdf",
               GoodPdf("Punkt " + std::to_string(i) + " udgave " + std::to_string(version)));
  };
  for (int i = 0; i < kGood; ++i) good(i, 0);
  WriteBytes(in, "not-a-pdf.pdf", "dette er ikke en pdf\n");
  std::string cut = GoodPdf("Afbrudt");
  WriteBytes(in / "sub", "cut.pdf", cut.substr(0, cut.size() / 3));

  unsigned seed = std::random_device{}();
  if (const char* s = std::getenv("AFTALE_FAULT_SEED")) seed = static_cast<unsigned>(std::stoul(s));
  std::mt19937 rng(seed);
  SCOPED_TRACE("AFTALE_FAULT_SEED=" + std::to_string(seed));

  std::vector<std::string> args = {"convert", in.string(), "-o", out.string(), "--format", "both",
                                   "-j", "2", "--wait", "-q"};
  // How long a whole run takes here (under ASan several times longer).
  auto t0 = std::chrono::steady_clock::now();
  CmdResult first = RunAftale(args);
  double run_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(first.code, 11) << first.err;
  CheckWhole(out, "first run");

  auto start = std::chrono::steady_clock::now();
  int kills = 0, interrupts = 0;
  for (int round = 0; round < 60; ++round) {
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(25)) break;
    // Inputs change between runs, so reruns really rewrite records.
    good(static_cast<int>(rng() % kGood), round + 1);
    std::vector<std::string> a = args;
    if (rng() % 4 == 0) a.push_back("--force");
    pid_t pid = StartAftale(a, (dir / "o").string(), (dir / "e").string());
    double at = std::uniform_real_distribution<double>(0, run_seconds * 1.2)(rng);
    std::this_thread::sleep_for(std::chrono::duration<double>(at));
    bool hard = rng() % 2 == 0;
    kill(pid, hard ? SIGKILL : SIGINT);
    int code = WaitAftale(pid, 60);
    (hard ? kills : interrupts)++;
    // An interrupted run ends 130 (or finished first: 11); SIGKILL is 137.
    if (!hard) {
      EXPECT_TRUE(code == 130 || code == 11) << "round " << round << ": exit " << code << ": "
                                             << ReadFile(dir / "e");
    }
    CheckWhole(out, "round " + std::to_string(round) + (hard ? " (SIGKILL)" : " (SIGINT)"));
  }
  EXPECT_GE(kills + interrupts, 8) << "too few rounds to mean anything";

  CmdResult last = RunAftale(args);
  ASSERT_EQ(last.code, 11) << last.err;
  std::set<std::string> expected = {"aftale-summary.json"};
  for (int i = 0; i < kGood; ++i) {
    expected.insert("doc" + std::to_string(i) + ".json");
    expected.insert("doc" + std::to_string(i) + ".xml");
  }
  std::set<std::string> actual;
  for (const auto& e : fs::directory_iterator(out)) actual.insert(e.path().filename().string());
  EXPECT_EQ(actual, expected);
  for (int i = 0; i < kGood; ++i) {
    std::string stem = "doc" + std::to_string(i);
    std::string sha = *Sha256OfFile((in / (stem + ".pdf")).string());
    std::string json = ReadFile(out / (stem + ".json")), xml = ReadFile(out / (stem + ".xml"));
    EXPECT_FALSE(ValidateJson(json).has_value()) << stem;
    EXPECT_FALSE(ValidateXml(xml).has_value()) << stem;
    EXPECT_EQ(Json::parse(json)["source"]["sha256"], sha) << stem << ".json is not of the input now";
    EXPECT_NE(xml.find("sha256=\"" + sha + "\""), std::string::npos) << stem << ".xml is not of the input now";
  }
  Json s = Json::parse(ReadFile(out / "aftale-summary.json"));
  EXPECT_EQ(s["state"], "complete");
  EXPECT_EQ(s["counts"]["ok"].get<int>() + s["counts"]["skipped"].get<int>(), kGood);
  std::cerr << "fault injection: " << kills << " SIGKILL, " << interrupts << " SIGINT, seed " << seed
            << ", a run takes " << run_seconds << " s\n";
}

}  // namespace
}  // namespace extractor::testing
