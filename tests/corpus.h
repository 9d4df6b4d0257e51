// corpus.h: where the tests find the bundled corpus and the optional shared
// test PDFs.
#ifndef AFTALE_TESTS_CORPUS_H_
#define AFTALE_TESTS_CORPUS_H_

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace extractor::testing {

inline std::filesystem::path SourceDir() { return AFTALE_SOURCE_DIR; }
inline std::filesystem::path CorpusDir() { return SourceDir() / "corpus"; }
// ../shared/testpdfs beside the checkout; may be absent.
inline std::filesystem::path SharedTestPdfs() { return SourceDir().parent_path() / "shared" / "testpdfs"; }

// A scratch folder of this test process's own: ctest runs tests in parallel
// processes, and two checkouts may test at once.
inline std::filesystem::path TestDir() {
  std::filesystem::path d = std::filesystem::temp_directory_path() /
                            ("aftale-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(d);
  return d;
}

// The case names of corpus/*.pdf, sorted.
inline std::vector<std::string> CorpusCases() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(CorpusDir())) {
    if (e.path().extension() == ".pdf") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A gtest parameter name for a case: letters and digits only.
inline std::string CaseTestName(const std::string& name) {
  std::string n = name;
  for (char& c : n) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
}

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace extractor::testing

#endif  // AFTALE_TESTS_CORPUS_H_
