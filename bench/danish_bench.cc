// The Danish tokenizer's speed (Google Benchmark), and the comparison of
// stemming options it was chosen from:
//   build/aftale_danish_bench --benchmark_min_time=0.2   tokens per second
//   build/aftale_danish_bench --rows                     rows right per option,
//                                                        cost per word, start-up
//   build/aftale_danish_bench --fts[=N]                  FTS5 index and query
//                                                        times, N copies of the corpus
//                                        (FTS_SQL="SELECT ... MATCH ?1 ..." times another query)
//   valgrind --tool=callgrind build/aftale_danish_bench --startup=danish
//                                        (or =hunspell, =none): start-up alone
// The options and their numbers are discussed in extractor/archive/README.md.
// hunspell and bare Snowball are linked here only, for the comparison.
#include <benchmark/benchmark.h>
#include <hunspell/hunspell.hxx>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "../tests/danish_rows.h"
#include "archive/danish.h"
#include "archive/danish_stem.h"
#include "archive/fts.h"

namespace {

using namespace extractor::archive;
using Clock = std::chrono::steady_clock;

std::string ReadCorpus(const char* name) {
  std::ifstream in(std::string(AFTALE_SOURCE_DIR) + "/corpus/" + name + ".ref.txt",
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

DanishTokenizer& Tokenizer() {
  static DanishTokenizer* t = [] {
    extractor::Result<DanishTokenizer> r = DanishTokenizer::Create();
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.error().message.c_str());
      std::exit(1);
    }
    return new DanishTokenizer(std::move(*r));
  }();
  return *t;
}

// Tokens (words) per second over a whole agreement, as the index would see it.
void BM_TokenizeAgreement(benchmark::State& state) {
  static const std::string text = ReadCorpus("budget-2020-aftale");
  DanishTokenizer& t = Tokenizer();
  int64_t words = 0;
  for (auto _ : state) {
    t.Tokenize(text, TokenizeMode::kDocument, [&words](const Term& term) {
      words += term.colocated ? 0 : 1;
      return true;
    });
  }
  state.SetItemsProcessed(words);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_TokenizeAgreement)->Unit(benchmark::kMillisecond);

// A one-word query and a prefix query: what a search pays before SQLite.
void BM_TokenizeQuery(benchmark::State& state) {
  DanishTokenizer& t = Tokenizer();
  for (auto _ : state) {
    t.Tokenize("plejecentrene", TokenizeMode::kQuery, [](const Term& term) {
      benchmark::DoNotOptimize(term.text.data());
      return true;
    });
    t.Tokenize("ældre", TokenizeMode::kPrefixQuery, [](const Term& term) {
      benchmark::DoNotOptimize(term.text.data());
      return true;
    });
  }
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_TokenizeQuery);

// The parts of a word's cost: folding, Snowball, the table.
const std::vector<std::string>& CorpusWords() {
  static const std::vector<std::string> words = [] {
    std::string text = ReadCorpus("budget-2017-opfoelgning-3");
    std::vector<std::string> out;
    Tokenizer().Tokenize(text, TokenizeMode::kDocument, [&](const Term& t) {
      if (!t.colocated) out.emplace_back(text.substr(t.begin, t.end - t.begin));
      return true;
    });
    return out;
  }();
  return words;
}

void BM_FoldWord(benchmark::State& state) {
  const auto& words = CorpusWords();
  for (auto _ : state) {
    for (const std::string& w : words) benchmark::DoNotOptimize(FoldDanish(w));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(words.size()));
}
BENCHMARK(BM_FoldWord)->Unit(benchmark::kMicrosecond);

void BM_StemWord(benchmark::State& state) {
  const auto& words = CorpusWords();
  DanishTokenizer& t = Tokenizer();
  for (auto _ : state) {
    for (const std::string& w : words) benchmark::DoNotOptimize(t.Stem(w));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(words.size()));
}
BENCHMARK(BM_StemWord)->Unit(benchmark::kMicrosecond);

void BM_CreateTokenizer(benchmark::State& state) {
  Tokenizer();  // the process-wide stem table is built once, outside the loop
  for (auto _ : state) benchmark::DoNotOptimize(DanishTokenizer::Create().ok());
}
BENCHMARK(BM_CreateTokenizer)->Unit(benchmark::kMicrosecond);

// ---- --rows: the stemming options against the rows of tests/danish_rows.h.

struct Option {
  const char* name;
  std::function<std::string(const std::string&)> stem;  // folded word -> stem
};

size_t CommonPrefix(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

// hunspell's stem of a word when it keeps the word's head: compounds get
// their head back ("skolefraværet": pa:fraværet st:fravær -> "skolefravær"),
// suppletion is refused ("ældres" -> "gammel"). Empty when hunspell has none.
std::string HeadKeepingLemma(Hunspell& h, const std::string& w) {
  std::string best;
  size_t best_common = 0;
  for (const std::string& a : h.analyze(w)) {
    auto field = [&a](const char* tag) -> std::string {
      size_t p = a.find(tag);
      if (p == std::string::npos) return "";
      size_t e = a.find(' ', p);
      return a.substr(p + 3, e == std::string::npos ? std::string::npos : e - p - 3);
    };
    std::string stem = field("st:"), part = field("pa:");
    if (stem.empty()) continue;
    std::string lemma = stem;
    if (!part.empty() && w.size() >= part.size() &&
        w.compare(w.size() - part.size(), part.size(), part) == 0) {
      lemma = w.substr(0, w.size() - part.size()) + stem;
    }
    size_t common = CommonPrefix(w, lemma);
    if (common < 2 || common + 6 < lemma.size()) continue;  // bytes: ~3 letters
    if (lemma == w) return lemma;
    if (common > best_common) {
      best = lemma;
      best_common = common;
    }
  }
  return best;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  Tokenizer().Tokenize(text, TokenizeMode::kDocument, [&](const Term& t) {
    if (!t.colocated) out.emplace_back(t.text);
    return true;
  });
  return out;
}

bool OptionMatches(const Option& o, const danish_rows::Row& r) {
  std::vector<std::string> q = Words(r.query), d = Words(r.text);
  for (auto& w : q) w = o.stem(w);
  for (auto& w : d) w = o.stem(w);
  for (size_t i = 0; !q.empty() && i + q.size() <= d.size(); ++i) {
    if (std::equal(q.begin(), q.end(), d.begin() + static_cast<std::ptrdiff_t>(i))) return true;
  }
  return false;
}

int Rows() {
  auto t0 = Clock::now();
  Tokenizer();
  double ours_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  t0 = Clock::now();
  Hunspell hunspell(AFTALE_HUNSPELL_DA_DIR "/da_DK.aff", AFTALE_HUNSPELL_DA_DIR "/da_DK.dic");
  double hunspell_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  extractor::Result<SnowballDanish> sb = SnowballDanish::Create();
  if (!sb.ok()) return 1;
  SnowballDanish& snowball = *sb;

  std::vector<Option> options = {
      {"A  Snowball (libstemmer as is)",
       [&](const std::string& w) {
         std::string in(StemInput(w));
         return in.empty() ? w : snowball.Key(in, 1);
       }},
      {"A2 Snowball to a fixed point",
       [&](const std::string& w) {
         std::string in(StemInput(w));
         return in.empty() ? w : snowball.Key(in);
       }},
      {"B  hunspell stem (first), else the word",
       [&](const std::string& w) {
         std::vector<std::string> s = hunspell.stem(w);
         return s.empty() ? w : s[0];
       }},
      {"B2 hunspell head-keeping lemma, else Snowball",
       [&](const std::string& w) {
         std::string l = HeadKeepingLemma(hunspell, w);
         std::string in(StemInput(w));
         return !l.empty() ? l : in.empty() ? w : snowball.Key(in);
       }},
      {"C  hunspell head-keeping lemma, then Snowball",
       [&](const std::string& w) {
         std::string l = HeadKeepingLemma(hunspell, w);
         std::string in(StemInput(l.empty() ? w : l));
         return in.empty() ? w : snowball.Key(in);
       }},
      {"T  Snowball + stem table (this tokenizer)",
       [&](const std::string& w) { return Tokenizer().Stem(w); }},
  };

  const std::vector<std::string>& words = CorpusWords();
  std::vector<std::string> folded;
  for (const std::string& w : words) folded.push_back(FoldDanish(w));
  std::printf("rows: %zu inflection, %zu apart (prefix/number rows are the tokenizer's, not the "
              "stemmer's)\n",
              std::size(danish_rows::kInflection), std::size(danish_rows::kApart));
  std::printf("%-48s %11s %7s %9s  %s\n", "option", "inflection", "apart", "ns/word",
              "misses");
  for (const Option& o : options) {
    int inflection = 0, apart = 0;
    std::string misses;
    for (const auto& r : danish_rows::kInflection) {
      bool ok = OptionMatches(o, r) == r.should_match;
      inflection += ok;
      if (!ok) misses += std::string(" +") + r.query + "/" + r.text;
    }
    for (const auto& r : danish_rows::kApart) {
      bool ok = OptionMatches(o, r) == r.should_match;
      apart += ok;
      if (!ok) misses += std::string(" -") + r.query + "/" + r.text;
    }
    // A warm-up pass, then the best of three (the machine is shared).
    size_t sink = 0;
    double ns = 1e18;
    for (int pass = 0; pass < 4; ++pass) {
      auto t = Clock::now();
      for (const std::string& w : folded) sink += o.stem(w).size();
      double per_word = std::chrono::duration<double, std::nano>(Clock::now() - t).count() /
                        static_cast<double>(folded.size());
      if (pass > 0) ns = std::min(ns, per_word);
    }
    std::printf("%-48s %7d/%-3zu %3d/%-3zu %9.0f  %s\n", o.name, inflection,
                std::size(danish_rows::kInflection), apart, std::size(danish_rows::kApart), ns,
                misses.c_str());
    benchmark::DoNotOptimize(sink);
  }
  std::printf("start-up: hunspell-da load %.1f ms; this tokenizer's first Create() %.1f ms "
              "(ICU word rules, NFKC_Casefold data, stem table)\n",
              hunspell_ms, ours_ms);
  return 0;
}

// ---- --fts[=N]: the five corpus texts N times (default 40) as FTS5 rows,
// one paragraph a row; index time, size against FTS5's own unicode61, and
// the latency of one-word, prefix and phrase queries with bm25 and snippet.

double Ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

int Fts(int copies) {
  std::vector<std::string> paragraphs;
  for (const char* name : {"budget-2017-opfoelgning-3", "budget-2019-aftale", "budget-2020-aftale",
                           "budget-2020-udskydelser-notat", "introseminar-2018-opsamling"}) {
    std::stringstream text(ReadCorpus(name));
    for (std::string line; std::getline(text, line);) {
      if (!line.empty()) paragraphs.push_back(line);
    }
  }
  for (const char* tokenizer : {"unicode61 remove_diacritics 0", "danish"}) {
    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    if (!RegisterDanishTokenizer(db).ok()) return 1;
    std::string create =
        std::string("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = '") + tokenizer + "')";
    sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr);
    auto t0 = Clock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t(body) VALUES (?1)", -1, &insert, nullptr);
    size_t bytes = 0;
    for (int c = 0; c < copies; ++c) {
      for (const std::string& p : paragraphs) {
        sqlite3_bind_text(insert, 1, p.data(), static_cast<int>(p.size()), SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        bytes += p.size();
      }
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    double index_ms = Ms(t0);
    sqlite3_stmt* size = nullptr;
    sqlite3_prepare_v2(db, "SELECT sum(length(block)) FROM t_data", -1, &size, nullptr);
    sqlite3_step(size);
    double index_mb = static_cast<double>(sqlite3_column_int64(size, 0)) / 1e6;
    sqlite3_finalize(size);
    std::printf("%-30s %zu rows, %.1f MB of text: indexed in %.0f ms (%.1f MB/s), index %.1f MB\n",
                tokenizer, paragraphs.size() * static_cast<size_t>(copies),
                static_cast<double>(bytes) / 1e6, index_ms,
                static_cast<double>(bytes) / 1e3 / index_ms, index_mb);
    if (std::string(tokenizer) != "danish") {
      sqlite3_close(db);
      continue;
    }
    const char* sql = std::getenv("FTS_SQL");
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, sql != nullptr ? sql :
                       "SELECT rowid, snippet(t, 0, '[', ']', '…', 8) FROM t WHERE t MATCH ?1 "
                       "ORDER BY bm25(t) LIMIT 20",
                       -1, &q, nullptr);
    for (const char* query : {"plejecenter", "ældre", "borger", "udvalg", "budget", "midler",
                              "kommune", "ældre*", "skole*", "\"tidlig indsats\"", "2020"}) {
      std::vector<double> ms;
      int hits = 0;
      for (int run = 0; run < 41; ++run) {
        auto t = Clock::now();
        sqlite3_bind_text(q, 1, query, -1, SQLITE_STATIC);
        hits = 0;
        while (sqlite3_step(q) == SQLITE_ROW) ++hits;
        sqlite3_reset(q);
        if (run > 0) ms.push_back(Ms(t));
      }
      std::sort(ms.begin(), ms.end());
      sqlite3_stmt* count = nullptr;
      sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &count, nullptr);
      sqlite3_bind_text(count, 1, query, -1, SQLITE_STATIC);
      sqlite3_step(count);
      int matches = sqlite3_column_int(count, 0);
      sqlite3_finalize(count);
      std::printf("  %-18s %6d rows match; top %d with bm25 + snippet: p50 %.2f ms, p95 %.2f ms\n",
                  query, matches, hits, ms[ms.size() / 2], ms[ms.size() * 95 / 100]);
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rows") == 0) return Rows();
    if (std::strncmp(argv[i], "--fts", 5) == 0) {
      return Fts(argv[i][5] == '=' ? std::max(1, std::atoi(argv[i] + 6)) : 40);
    }
    // Start-up alone, for callgrind (instructions) or /usr/bin/time: the
    // process with nothing loaded, with our tokenizer, with hunspell-da.
    if (std::strcmp(argv[i], "--startup=none") == 0) return 0;
    if (std::strcmp(argv[i], "--startup=danish") == 0) return DanishTokenizer::Create().ok() ? 0 : 1;
    if (std::strcmp(argv[i], "--startup=hunspell") == 0) {
      Hunspell h(AFTALE_HUNSPELL_DA_DIR "/da_DK.aff", AFTALE_HUNSPELL_DA_DIR "/da_DK.dic");
      return h.spell(std::string("plejecenter")) ? 0 : 1;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
