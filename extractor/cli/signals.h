// signals.h: what happens on Ctrl-C (SIGINT), SIGTERM and SIGHUP. A process
// registers the temporary files it has open and, in a batch, its worker
// processes; the handler, which may only make async-signal-safe calls,
// removes those files and passes the signal on to the workers. No
// temporary outlives an interrupted run.
//
//   InstallSignalHandlers(SignalMode::kDie);       // extract, text, a worker
//   int slot = RegisterTemporary("out/.aftale-Xy12Ab");
//   ... write, rename ...
//   UnregisterTemporary(slot);
//
//   InstallSignalHandlers(SignalMode::kStopGently); // the convert parent
//   while (!StopRequested()) { ... }               // then write the summary
#ifndef AFTALE_CLI_SIGNALS_H_
#define AFTALE_CLI_SIGNALS_H_

#include <string>
#include <sys/types.h>

namespace extractor::cli {

enum class SignalMode {
  // Remove the registered temporaries, then die of the signal.
  kDie,
  // The first signal only asks to stop: workers get SIGTERM and the caller
  // finishes its bookkeeping (StopRequested). A second one is kDie.
  kStopGently,
};

void InstallSignalHandlers(SignalMode mode);

// In a freshly forked worker: forget the parent's registrations and die of
// signals (kDie).
void ResetSignalsInChild();

// Registers a temporary file for removal on a signal. Returns a slot for
// UnregisterTemporary, or -1 when the registry is full (the file then is
// removed by the next run's clean-up instead).
int RegisterTemporary(const std::string& path);
void UnregisterTemporary(int slot);

// Worker processes to pass a stop signal on to.
void RegisterChild(pid_t pid);
void UnregisterChild(pid_t pid);

// The signal that asked a kStopGently process to stop, or 0.
int StopRequested();

}  // namespace extractor::cli

#endif  // AFTALE_CLI_SIGNALS_H_
