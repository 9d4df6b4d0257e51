#include "cli/guard.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <new>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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

void OutOfMemory() {
  static const char kMsg[] = "aftale: memory limit exceeded\n";
  // Only async-signal-safe calls: the heap is exhausted.
  ssize_t ignored = write(report_fd, kMsg, sizeof kMsg - 1);
  (void)ignored;
  _exit(ExitCode(ErrorCode::kLimit));
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

pid_t StartGuarded(const std::function<int()>& work, const GuardLimits& limits) {
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid != 0) return pid;
  // Child: our messages keep a private copy of stderr; the libraries' go nowhere.
  int saved = dup(STDERR_FILENO);
  int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved >= 0 && null_fd >= 0) {
    report_fd = saved;
    dup2(null_fd, STDERR_FILENO);
  }
  if (null_fd >= 0) close(null_fd);
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
  } else if (WIFEXITED(status)) {
    o.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGXCPU || sig == SIGKILL) {
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
  pid_t pid = StartGuarded(work, limits);
  if (pid < 0) return GuardOutcome{work(), ""};  // no fork: do it here
  timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  int status = 0;
  for (;;) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return OutcomeOf(status, false);
    if (r < 0) return GuardOutcome{ExitCode(ErrorCode::kInternal), "internal error: lost the worker"};
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (limits.seconds > 0 && now.tv_sec - start.tv_sec >= limits.seconds) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return OutcomeOf(status, true);
    }
    timespec nap{0, 2 * 1000 * 1000};
    nanosleep(&nap, nullptr);
  }
}

}  // namespace extractor::cli
