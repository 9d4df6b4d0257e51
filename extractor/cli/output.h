// output.h: writing records. Every file is written atomically: into a
// temporary file beside the target, flushed to disk, then renamed over it,
// so a crash or a full disk never leaves half a record.
//
//   if (auto err = WriteAtomically("out/a.json", json)) std::cerr << *err;
#ifndef AFTALE_CLI_OUTPUT_H_
#define AFTALE_CLI_OUTPUT_H_

#include <optional>
#include <string>

#include "reader.h"
#include "result.h"

namespace extractor::cli {

enum class Format { kJson, kXml, kBoth };

std::optional<Format> ParseFormat(const std::string& s);

// nullopt on success; otherwise why not.
std::optional<std::string> WriteAtomically(const std::string& path, const std::string& content);

// Where one record goes: a JSON path, an XML path, or standard output.
struct OutputPlan {
  Format format = Format::kJson;
  std::string json_path;  // empty: not written (or stdout when to_stdout)
  std::string xml_path;
  bool to_stdout = false;
};

// What a finished extraction reports back (for progress and summary).
struct ExtractStats {
  int pages = 0;
  int items = 0;
  std::string kind;
  int warnings = 0;
};

// Reads, extracts, validates both renderings that will be written, then
// writes them. Returns the exit code; on failure `message` says why in one
// line (without the file name).
int ExtractToFiles(const std::string& input, const OutputPlan& plan, const ReadOptions& options,
                   std::string* message, ExtractStats* stats);

}  // namespace extractor::cli

#endif  // AFTALE_CLI_OUTPUT_H_
