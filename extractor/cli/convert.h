// convert.h: the batch front end of `extract`: many PDFs (files or folders)
// to one record each in an output folder, N documents at a time, each in its
// own guarded child process (guard.h), with progress and a summary
// (summary.h). One bad file never stops the rest.
//
// The output folder never lies: one run at a time (outdir.h); the summary
// says "running" until the run has finished; records of inputs that now
// fail are removed; a file aftale did not write is never overwritten; an
// input whose record is already there, from the same bytes and the same
// build, is skipped unless `force`.
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
#include "result.h"

namespace extractor::cli {

struct ConvertOptions {
  std::vector<std::string> inputs;  // files, or folders searched for *.pdf
  std::string outdir;
  int jobs = 1;
  Format format = Format::kJson;
  std::optional<std::string> password;
  GuardLimits limits;
  bool quiet = false;  // only failures and the summary line
  bool force = false;  // convert again what is already up to date
  bool wait = false;   // wait for another run that uses the folder, instead of stopping
};

int RunConvert(const ConvertOptions& options);

// One input as found: a PDF to convert, or what could not be read (a
// missing path, an unreadable folder, a named folder with no PDFs).
struct FoundInput {
  std::string path;
  std::optional<Error> error;
};

// The PDFs the inputs name: a file itself, or a folder's *.pdf files (any
// case, recursively; links to folders are not followed), each folder's in
// byte order. Exposed for tests.
std::vector<FoundInput> ExpandInputs(const std::vector<std::string>& inputs);

}  // namespace extractor::cli

#endif  // AFTALE_CLI_CONVERT_H_
