#include "cli/signals.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace extractor::cli {
namespace {

// Fixed-size tables, so the handler never allocates or locks. A slot is
// free (0), being filled (1) or ready (2); the handler reads only ready
// slots.
constexpr int kTempSlots = 64;
constexpr size_t kPathMax = 4096;
struct TempSlot {
  std::atomic<int> state{0};
  char path[kPathMax];
};
TempSlot temp_slots[kTempSlots];

constexpr int kChildSlots = 1024;
std::atomic<pid_t> children[kChildSlots];

std::atomic<int> stop_signal{0};
std::atomic<int> mode{static_cast<int>(SignalMode::kDie)};

void RemoveTemporaries() {
  for (TempSlot& s : temp_slots) {
    if (s.state.load() == 2) unlink(s.path);
  }
}

void SignalChildren(int sig) {
  for (std::atomic<pid_t>& c : children) {
    pid_t p = c.load();
    if (p > 0) kill(p, sig);
  }
}

void DieOf(int sig) {
  RemoveTemporaries();
  SignalChildren(SIGTERM);
  // Die of the signal itself, so whoever waits for us sees how we ended.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(sig);
  _exit(128 + sig);
}

void OnSignal(int sig) {
  int saved = errno;
  if (mode.load() == static_cast<int>(SignalMode::kStopGently) && stop_signal.load() == 0) {
    stop_signal.store(sig);
    SignalChildren(SIGTERM);
    errno = saved;
    return;
  }
  DieOf(sig);
}

}  // namespace

void InstallSignalHandlers(SignalMode m) {
  mode.store(static_cast<int>(m));
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  // No SA_RESTART: a waiting poll() returns EINTR and sees the request.
  sa.sa_flags = 0;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
}

void ResetSignalsInChild() {
  for (TempSlot& s : temp_slots) s.state.store(0);
  for (std::atomic<pid_t>& c : children) c.store(0);
  stop_signal.store(0);
  InstallSignalHandlers(SignalMode::kDie);
}

int RegisterTemporary(const std::string& path) {
  if (path.size() >= kPathMax) return -1;
  for (int i = 0; i < kTempSlots; ++i) {
    int expected = 0;
    if (temp_slots[i].state.compare_exchange_strong(expected, 1)) {
      std::memcpy(temp_slots[i].path, path.c_str(), path.size() + 1);
      temp_slots[i].state.store(2);
      return i;
    }
  }
  return -1;
}

void UnregisterTemporary(int slot) {
  if (slot >= 0 && slot < kTempSlots) temp_slots[slot].state.store(0);
}

void RegisterChild(pid_t pid) {
  for (std::atomic<pid_t>& c : children) {
    pid_t expected = 0;
    if (c.compare_exchange_strong(expected, pid)) return;
  }
}

void UnregisterChild(pid_t pid) {
  for (std::atomic<pid_t>& c : children) {
    pid_t expected = pid;
    if (c.compare_exchange_strong(expected, 0)) return;
  }
}

int StopRequested() { return stop_signal.load(); }

}  // namespace extractor::cli
