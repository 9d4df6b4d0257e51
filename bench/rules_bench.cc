// Google Benchmark micro-benchmarks for the rules stage, so that a slow
// pattern or an accidental quadratic loop shows up as a number:
//   build/aftale_rules_bench --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "amounts.h"
#include "classify.h"
#include "committees.h"
#include "hyphen.h"
#include "layout.h"
#include "pipeline.h"
#include "reader.h"
#include "rules.h"
#include "segment.h"

namespace {

using namespace extractor;

const LaidDocument& Corpus() {
  static const LaidDocument laid = [] {
    Result<RawDocument> raw =
        ReadPdf(std::string(AFTALE_SOURCE_DIR) + "/corpus/budget-2017-opfoelgning-3.pdf", {});
    return raw.ok() ? LayoutDocument(*raw) : LaidDocument{};
  }();
  return laid;
}

const std::vector<std::string> kLines = {
    "Side 3 af 40",
    "1.3. Borgermillionen",
    "Der afsættes 1 mio. kr. årligt til Borgermillionen, og Teknik- og Miljøudvalget udmønter midlerne.",
    "Dato: 27. oktober 2017",
    "Tredje opfølgning på Aftale om budget 2017",
    "Ballerup, den 8. oktober 2018",
    "Ansvarligt udvalg: Børne- og Skoleudvalget",
};

void BM_EveryRuleOnTypicalLines(benchmark::State& state) {
  CompileRules();
  std::vector<std::string> groups;
  for (auto _ : state) {
    for (const std::string& line : kLines) {
      for (int r = 0; r < static_cast<int>(RuleId::kCount); ++r) {
        benchmark::DoNotOptimize(Find(static_cast<RuleId>(r), line, &groups));
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kLines.size()) *
                          static_cast<int64_t>(RuleId::kCount));
}
BENCHMARK(BM_EveryRuleOnTypicalLines);

void BM_DecideHyphen(benchmark::State& state) {
  HyphenEvidence none;
  const std::pair<const char*, const char*> pairs[] = {
      {"udgangs-", "punkt"}, {"Social-", "og"}, {"SOSU-", "assistent"},
      {"https://ballerup.dk/om-", "kommunen"}, {"budget-", "opfølgning."}};
  for (auto _ : state) {
    for (const auto& [a, b] : pairs) benchmark::DoNotOptimize(DecideHyphen(a, b, none));
  }
  state.SetItemsProcessed(state.iterations() * 5);
}
BENCHMARK(BM_DecideHyphen);

void BM_ClassifyAndSegment68Pages(benchmark::State& state) {
  const LaidDocument& laid = Corpus();
  CompileRules();
  for (auto _ : state) {
    DocumentMeta meta = Classify(laid, std::string(64, 'a'));
    Segmented s = Segment(laid, meta);
    benchmark::DoNotOptimize(s.parts.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(laid.pages.size()));
}
BENCHMARK(BM_ClassifyAndSegment68Pages);

// The paragraphs of an agreement's reference text, one a line: what the
// fields stage will hand the amount and committee readers.
const std::vector<std::string>& AgreementParagraphs() {
  static const std::vector<std::string> lines = [] {
    std::ifstream in(std::string(AFTALE_SOURCE_DIR) + "/corpus/budget-2020-aftale.ref.txt");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }();
  return lines;
}

void BM_FindAmountsAgreement(benchmark::State& state) {
  CompileRules();
  size_t bytes = 0;
  for (const std::string& p : AgreementParagraphs()) bytes += p.size();
  for (auto _ : state) {
    for (const std::string& p : AgreementParagraphs()) benchmark::DoNotOptimize(FindAmounts(p).size());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_FindAmountsAgreement);

void BM_FindCommitteeRolesAgreement(benchmark::State& state) {
  CompileRules();
  size_t bytes = 0;
  for (const std::string& p : AgreementParagraphs()) bytes += p.size();
  for (auto _ : state) {
    for (const std::string& p : AgreementParagraphs()) benchmark::DoNotOptimize(FindCommitteeRoles(p).size());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_FindCommitteeRolesAgreement);

}  // namespace

BENCHMARK_MAIN();
