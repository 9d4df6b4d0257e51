// libFuzzer target: bytes -> reader -> layout -> classify/segment -> JSON and
// XML. Invariants beyond "no crash, no leak, no UB": whatever record comes out
// validates against both schemas, the renderings are deterministic, and the
// JSON loads back into a record that renders the same.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "emit.h"
#include "load.h"
#include "pipeline.h"
#include "validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir ? dir : "/tmp") + "/aftale-fuzz-" + std::to_string(getpid()) + ".pdf";
  }();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  extractor::ReadOptions options;
  options.max_pages = 8;
  options.max_words_per_page = 20000;
  options.max_shapes_per_page = 20000;
  options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  extractor::Result<extractor::Record> r = extractor::ExtractRecord(path, options);
  if (!r.ok()) return 0;
  std::string json = extractor::EmitJson(*r);
  std::string xml = extractor::EmitXml(*r);
  if (auto err = extractor::ValidateJson(json)) {
    std::fprintf(stderr, "record fails the JSON schema:\n%s\n", err->c_str());
    std::abort();
  }
  if (auto err = extractor::ValidateXml(xml)) {
    std::fprintf(stderr, "record fails the XSD:\n%s\n", err->c_str());
    std::abort();
  }
  if (extractor::EmitJson(*r) != json) std::abort();
  // What is written loads back into the same record.
  extractor::Result<extractor::Record> back = extractor::LoadRecordJson(json);
  if (!back.ok()) {
    std::fprintf(stderr, "record does not load: %s\n", back.error().message.c_str());
    std::abort();
  }
  if (extractor::EmitJson(*back) != json) std::abort();
  return 0;
}
