#include "cli/guard.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <new>
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/signals.h"
#include "result.h"

#if defined(__SANITIZE_ADDRESS__)
#define AFTALE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AFTALE_ASAN 1
#endif
#endif

namespace extractor::cli {
namespace {

int report_fd = STDERR_FILENO;
// The child's own stderr, captured in memory (memfd), or -1.
int captured_stderr = -1;

// A worker that ran out of memory ends with this private status; the parent
// (OutcomeOf) turns it into exit 7, "memory limit exceeded". The worker
// itself says nothing: it cannot know the file name the parent reports.
constexpr int kOutOfMemoryStatus = 107;

void OutOfMemory() { _exit(kOutOfMemoryStatus); }

bool Contains(const char* hay, size_t n, const char* needle) {
  size_t m = std::strlen(needle);
  for (size_t i = 0; i + m <= n; ++i) {
    if (std::memcmp(hay + i, needle, m) == 0) return true;
  }
  return false;
}

// Poppler's allocator (goo/gmem.h) does not throw: it writes "Out of
// memory" (or "Bogus memory allocation size") to stderr and abort()s. The
// captured stderr tells that abort from a real crash. Only
// async-signal-safe calls.
void OnAbort(int sig) {
  if (captured_stderr >= 0) {
    off_t end = lseek(captured_stderr, 0, SEEK_END);
    if (end > 0) {
      char buf[256];
      off_t from = end > static_cast<off_t>(sizeof buf) ? end - static_cast<off_t>(sizeof buf) : 0;
      lseek(captured_stderr, from, SEEK_SET);
      ssize_t n = read(captured_stderr, buf, sizeof buf);
      if (n > 0 && (Contains(buf, static_cast<size_t>(n), "Out of memory") ||
                    Contains(buf, static_cast<size_t>(n), "Bogus memory allocation size"))) {
        _exit(kOutOfMemoryStatus);
      }
    }
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

}  // namespace

void Report(const std::string& line) {
  std::string l = line + "\n";
  size_t done = 0;
  while (done < l.size()) {
    ssize_t n = write(report_fd, l.data() + done, l.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
}

pid_t StartGuarded(const std::function<int()>& work, const GuardLimits& limits, int* exit_fd) {
  std::fflush(stdout);
  std::fflush(stderr);
  int fds[2] = {-1, -1};
  if (exit_fd != nullptr && pipe2(fds, O_CLOEXEC) != 0) return -1;
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid != 0) {
    if (exit_fd != nullptr) {
      close(fds[1]);
      if (pid < 0) close(fds[0]);
      *exit_fd = pid < 0 ? -1 : fds[0];
    }
    return pid;
  }
  // Child: the write end of the exit pipe stays open until it ends.
  if (exit_fd != nullptr) close(fds[0]);
  // A worker never outlives its parent: a killed batch leaves no worker
  // behind that could still write into the output folder.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(ExitCode(ErrorCode::kInternal));
  ResetSignalsInChild();
  // Our messages keep a private copy of stderr; the libraries' go into
  // memory, where OnAbort looks for the allocator's last words.
  int saved = dup(STDERR_FILENO);
  int sink = memfd_create("aftale-stderr", MFD_CLOEXEC);
  if (sink < 0) sink = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved >= 0 && sink >= 0) {
    report_fd = saved;
    dup2(sink, STDERR_FILENO);
    captured_stderr = STDERR_FILENO;
  }
  if (sink >= 0) close(sink);
  struct sigaction sa {};
  sa.sa_handler = OnAbort;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGABRT, &sa, nullptr);
#ifndef AFTALE_ASAN
  if (limits.memory_mb > 0) {
    rlimit rl;
    rl.rlim_cur = rl.rlim_max = static_cast<rlim_t>(limits.memory_mb) * 1024 * 1024;
    setrlimit(RLIMIT_AS, &rl);
  }
#endif
  if (limits.seconds > 0) {
    // A second line of defence if the parent dies: CPU time cannot run away.
    rlimit rl;
    rl.rlim_cur = static_cast<rlim_t>(limits.seconds) + 5;
    rl.rlim_max = rl.rlim_cur + 5;
    setrlimit(RLIMIT_CPU, &rl);
  }
  std::set_new_handler(OutOfMemory);
  int rc = work();
  std::fflush(stdout);
  std::fflush(stderr);
  _exit(rc);
}

GuardOutcome OutcomeOf(int status, bool timed_out) {
  GuardOutcome o;
  if (timed_out) {
    o.exit_code = ExitCode(ErrorCode::kLimit);
    o.message = "time limit exceeded";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == kOutOfMemoryStatus) {
    o.exit_code = ExitCode(ErrorCode::kLimit);
    o.message = "memory limit exceeded";
  } else if (WIFEXITED(status)) {
    o.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
      o.exit_code = 128 + sig;
      o.message = "interrupted";
    } else if (sig == SIGXCPU || sig == SIGKILL) {
      o.exit_code = ExitCode(ErrorCode::kLimit);
      o.message = "time limit exceeded";
    } else {
      o.exit_code = ExitCode(ErrorCode::kInternal);
      o.message = std::string("internal error: the worker died of signal ") +
                  std::to_string(sig) + " (" + strsignal(sig) + "); please report this file";
    }
  } else {
    o.exit_code = ExitCode(ErrorCode::kInternal);
    o.message = "internal error: unknown worker status";
  }
  return o;
}

GuardOutcome RunGuarded(const std::function<int()>& work, const GuardLimits& limits) {
  if (!limits.isolate) return GuardOutcome{work(), ""};
  int exit_fd = -1;
  pid_t pid = StartGuarded(work, limits, &exit_fd);
  if (pid < 0) return GuardOutcome{work(), ""};  // no fork: do it here
  timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  bool timed_out = false;
  for (;;) {
    int wait_ms = -1;
    if (limits.seconds > 0) {
      timespec now;
      clock_gettime(CLOCK_MONOTONIC, &now);
      long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
      wait_ms = static_cast<int>(std::max(0L, limits.seconds * 1000L - elapsed));
    }
    pollfd p{exit_fd, POLLIN, 0};
    int r = poll(&p, 1, wait_ms);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {  // the limit, not the child, ended the wait
      kill(pid, SIGKILL);
      timed_out = true;
      break;
    }
    char buf[64];
    if (r > 0 && read(exit_fd, buf, sizeof buf) > 0) continue;
    break;  // end of file: the child is gone
  }
  close(exit_fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return OutcomeOf(status, timed_out);
}

}  // namespace extractor::cli
