// convert.h: the batch front end of `extract`: many PDFs (files or folders)
// to one record each in an output folder, N documents at a time, each in its
// own guarded child process (guard.h), with progress and a summary. One bad
// file never stops the rest.
//
//   ConvertOptions o{.inputs = {"pdfs/"}, .outdir = "out", .jobs = 2};
//   int rc = RunConvert(o);   // 0: all converted; 11: some failed
#ifndef AFTALE_CLI_CONVERT_H_
#define AFTALE_CLI_CONVERT_H_

#include <optional>
#include <string>
#include <vector>

#include "cli/guard.h"
#include "cli/output.h"

namespace extractor::cli {

struct ConvertOptions {
  std::vector<std::string> inputs;  // files, or folders searched for *.pdf
  std::string outdir;
  int jobs = 1;
  Format format = Format::kJson;
  std::optional<std::string> password;
  GuardLimits limits;
  bool quiet = false;  // only failures and the summary
};

int RunConvert(const ConvertOptions& options);

// The PDFs an input names: the file itself, or a folder's *.pdf files
// (any case, recursively), sorted. Exposed for tests.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      std::vector<std::string>* missing);

}  // namespace extractor::cli

#endif  // AFTALE_CLI_CONVERT_H_
