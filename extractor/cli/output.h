// output.h: writing records so that a reader never sees half of one.
//
// A regular file (or a path that does not exist yet) is written into a
// temporary beside it (".aftale-XXXXXX": short, so a 250-byte final name
// still fits), synced, then renamed over it. Several files are one commit:
// all are written and synced before the first rename, so a full disk leaves
// the old JSON + XML pair whole. A symbolic link is followed and its target
// replaced; a device, FIFO or socket is written through (renaming over
// /dev/null would replace the device); "-", /dev/stdout, /dev/stderr and
// /dev/fd/N write to that descriptor.
//
//   Result<std::vector<std::string>> w =
//       CommitFiles({{"out/a.json", json}, {"out/a.xml", xml}});
//   if (!w.ok()) std::cerr << w.error().message;   // nothing was replaced
#ifndef AFTALE_CLI_OUTPUT_H_
#define AFTALE_CLI_OUTPUT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reader.h"
#include "result.h"

namespace extractor::cli {

enum class Format { kJson, kXml, kBoth };

std::optional<Format> ParseFormat(const std::string& s);
const char* FormatName(Format f);

// Temporary files are kTempPrefix + 6 letters or digits, in the folder of
// the file they will become.
inline constexpr char kTempPrefix[] = ".aftale-";
bool IsTemporaryName(std::string_view file_name);

struct FileContent {
  std::string path;
  std::string content;
};

// Writes all of `files` or none (see above). Returns the paths written, with
// symbolic links followed. Error kOutput says which file and why.
Result<std::vector<std::string>> CommitFiles(const std::vector<FileContent>& files);

// Where one record goes: a JSON path, an XML path, or standard output.
struct OutputPlan {
  Format format = Format::kJson;
  std::string json_path;  // empty: not written (or stdout when to_stdout)
  std::string xml_path;
  bool to_stdout = false;
  // The record's source.file when the input path does not name it (a
  // temporary copy of standard input is "-").
  std::string source_name;
};

// What a finished extraction reports back (for progress and summary).
struct ExtractStats {
  int pages = 0;
  int items = 0;
  std::string kind;
  int warnings = 0;
};

// Reads, extracts, validates both renderings that will be written, then
// writes them as one commit. Returns the exit code; on failure `message`
// says why in one line (without the file name).
int ExtractToFiles(const std::string& input, const OutputPlan& plan, const ReadOptions& options,
                   std::string* message, ExtractStats* stats);

}  // namespace extractor::cli

#endif  // AFTALE_CLI_OUTPUT_H_
