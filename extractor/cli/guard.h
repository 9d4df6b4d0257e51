// guard.h: run one document's work in a child process with a time and memory
// limit enforced from outside the parsing code. A crash, hang or runaway
// allocation inside Poppler then costs one document, never the batch.
//
//   GuardLimits limits{.seconds = 30, .memory_mb = 2048};
//   GuardOutcome o = RunGuarded([&] { return DoWork(); }, limits);
//   if (o.exit_code != 0) std::cerr << o.message << "\n";
#ifndef AFTALE_CLI_GUARD_H_
#define AFTALE_CLI_GUARD_H_

#include <functional>
#include <string>
#include <sys/types.h>

namespace extractor::cli {

struct GuardLimits {
  int seconds = 60;        // wall-clock limit per document; 0: none
  // Address-space limit of the child; 0: none. A real document needs tens
  // of MiB; a decompression bomb is cut short here instead of swapping.
  long memory_mb = 1024;
  bool isolate = true;     // false: run in this process (for debugging)
};

struct GuardOutcome {
  // The child's exit code; kLimit for time and memory (Poppler's allocator
  // abort()s when the limit is reached: that is told apart from a crash);
  // kInternal for a crash; 128 + N when signal N (INT, TERM, HUP) stopped it.
  int exit_code = 0;
  std::string message;   // for limit, crash and interrupt outcomes: why
};

// Starts `work` in a child; returns its pid, or -1 when fork failed. The
// child exits with work()'s return value, and is killed when its parent
// dies, so no worker of a killed batch writes on. With `exit_fd`, it also gets the
// read end of a pipe that reaches end-of-file the moment the child ends
// (however it ends), so the parent can poll() instead of sleeping.
pid_t StartGuarded(const std::function<int()>& work, const GuardLimits& limits,
                   int* exit_fd = nullptr);

// Writes one line for the user on standard error. In a guarded child the
// libraries' own chatter on stderr ("Out of memory", syntax warnings) is
// silenced, and this is the way our messages still get out.
void Report(const std::string& line);

// Interprets a wait status of a guarded child.
GuardOutcome OutcomeOf(int wait_status, bool timed_out);

// StartGuarded + wait, enforcing the time limit.
GuardOutcome RunGuarded(const std::function<int()>& work, const GuardLimits& limits);

}  // namespace extractor::cli

#endif  // AFTALE_CLI_GUARD_H_
