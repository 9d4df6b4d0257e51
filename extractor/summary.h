// summary.h: the batch summary, as plain values. `aftale convert` keeps one
// in its output folder (aftale-summary.json): what run wrote it and whether
// that run finished, and for every input its outcome and the files in the
// folder that hold its record. A rerun reads it back to know which files are
// its own and which inputs it may skip. emit.h renders it (EmitSummaryJson);
// ParseSummaryJson is the inverse.
//
//   BatchSummary s;
//   s.state = RunState::kRunning;
//   s.files.push_back(entry);                  // one SummaryEntry per input
//   std::string json = EmitSummaryJson(s);
//   Result<BatchSummary> back = ParseSummaryJson(json);
//
// One shape for every outcome: every key is always present; what is not
// known is null, never "" or 0.
#ifndef AFTALE_SUMMARY_H_
#define AFTALE_SUMMARY_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "result.h"

namespace extractor {

inline constexpr char kSummaryVersion[] = "1.0";
inline constexpr char kSummaryFileName[] = "aftale-summary.json";

// What became of one input. The names are the codes written in the summary.
enum class Outcome {
  kPending,        // "pending": not finished (the run is in progress, or was killed)
  kOk,             // "ok": converted in this run
  kSkipped,        // "skipped": unchanged since the record already there was written
  kCannotOpen,     // "cannot_open": missing, unreadable, or a folder with no PDFs
  kNotPdf,         // "not_pdf"
  kDamaged,        // "damaged"
  kEncrypted,      // "encrypted"
  kNoText,         // "no_text"
  kLimit,          // "limit": time or memory limit
  kOutputError,    // "output_error": the record could not be written
  kInvalidRecord,  // "invalid_record": failed the schemas (a bug)
  kCrashed,        // "crashed": the worker died (a bug)
  kInterrupted,    // "interrupted": the run was stopped (Ctrl-C, SIGTERM) first
};

inline constexpr Outcome kAllOutcomes[] = {
    Outcome::kPending,   Outcome::kOk,         Outcome::kSkipped,       Outcome::kCannotOpen,
    Outcome::kNotPdf,    Outcome::kDamaged,    Outcome::kEncrypted,     Outcome::kNoText,
    Outcome::kLimit,     Outcome::kOutputError, Outcome::kInvalidRecord, Outcome::kCrashed,
    Outcome::kInterrupted};

const char* OutcomeName(Outcome o);
std::optional<Outcome> OutcomeFromName(std::string_view name);
// The outcome of a document whose worker ended with `exit_code` (README,
// "Exit codes"); 0 is kOk.
Outcome OutcomeForExitCode(int exit_code);
// Whether an outcome counts as a failure of its input.
bool IsFailure(Outcome o);

enum class RunState { kRunning, kComplete, kInterrupted };
const char* RunStateName(RunState s);  // "running", "complete", "interrupted"

struct SummaryEntry {
  std::string input;  // as named or found; valid UTF-8 (file name bytes that are not
                      // UTF-8 read as Windows-1252)
  std::string path;   // the same, absolute: how a rerun recognises its input
  Outcome status = Outcome::kPending;
  std::optional<int> exit_code;        // null while pending or when never run
  std::optional<std::string> message;  // null when nothing went wrong
  std::optional<std::string> sha256;   // of the input, when it could be read
  // The files in the output folder that hold this input's record now (for a
  // pending input: where it will be written).
  std::vector<std::string> outputs;
  // Records of this input that this run removed: they no longer described
  // it (the input now fails, or the format changed).
  std::vector<std::string> removed;
  std::optional<std::string> kind;
  std::optional<int> pages, items, warnings;
  std::optional<double> seconds;
  bool operator==(const SummaryEntry&) const = default;
};

struct BatchSummary {
  std::string summary_version = kSummaryVersion;
  std::string version;  // aftale's version
  std::string build;    // identifies the binary: a rerun skips only work this build did
  RunState state = RunState::kRunning;
  std::string format;   // "json", "xml" or "both"
  std::string started;  // ISO 8601, UTC
  std::optional<std::string> finished;
  std::optional<double> seconds;
  // How many inputs ended in each outcome, every outcome listed (CountOutcomes).
  std::vector<std::pair<Outcome, int>> counts;
  std::vector<SummaryEntry> files;
  bool operator==(const BatchSummary&) const = default;
};

// Fills `counts` from `files`.
void CountOutcomes(BatchSummary* summary);

// Reads a summary back. Summaries written before version 1.0 (with a
// "status" such as "not a PDF") are read as far as they go: input, outputs
// and whether it was "ok". Error kInvalid when it is not a summary at all.
Result<BatchSummary> ParseSummaryJson(const std::string& json);

}  // namespace extractor

#endif  // AFTALE_SUMMARY_H_
