#include "cli/convert.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "pipeline.h"

namespace extractor::cli {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

struct Task {
  std::string input;
  OutputPlan plan;
  // Outcome.
  int exit_code = -1;
  std::string message;
  ExtractStats stats;
  double seconds = 0;
};

struct Running {
  size_t task;
  int fd;  // read end of the status pipe: end-of-file when the worker ends
  Clock::time_point start;
  std::time_t wall_start;
  std::string status;  // what the worker wrote so far
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* OutcomeWord(int code) {
  switch (code) {
    case 0: return "ok";
    case 2: return "cannot open";
    case 3: return "not a PDF";
    case 4: return "damaged";
    case 5: return "encrypted";
    case 6: return "no text";
    case 7: return "limit exceeded";
    case 8: return "output error";
    case 9: return "invalid record";
    case 10: return "crashed";
    default: return "failed";
  }
}

// Status line from the child: code \t pages \t items \t kind \t warnings \t message.
std::string EncodeStatus(int code, const ExtractStats& s, const std::string& message) {
  std::string m = message;
  for (char& c : m) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return std::to_string(code) + "\t" + std::to_string(s.pages) + "\t" + std::to_string(s.items) +
         "\t" + s.kind + "\t" + std::to_string(s.warnings) + "\t" + m;
}

void DecodeStatus(const std::string& line, Task* t) {
  std::vector<std::string> f;
  std::string cur;
  for (char c : line) {
    if (c == '\t' && f.size() < 5) {
      f.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  f.push_back(cur);
  if (f.size() < 6) return;
  t->stats.pages = std::atoi(f[1].c_str());
  t->stats.items = std::atoi(f[2].c_str());
  t->stats.kind = f[3];
  t->stats.warnings = std::atoi(f[4].c_str());
  if (t->message.empty()) t->message = f[5];
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  return out;
}

// Removes what a failed child may have left: its temporary files, and
// outputs it wrote during this run (an older good record stays).
void CleanUp(const Task& t, pid_t pid, std::time_t started) {
  for (const std::string& p : {t.plan.json_path, t.plan.xml_path}) {
    if (p.empty()) continue;
    unlink((p + ".tmp." + std::to_string(pid)).c_str());
    struct stat st;
    if (stat(p.c_str(), &st) == 0 && st.st_mtime >= started) unlink(p.c_str());
  }
}

class Progress {
 public:
  Progress(size_t total, bool quiet) : total_(total), quiet_(quiet), tty_(isatty(STDERR_FILENO)) {}

  void Done(size_t done, const Task& t, size_t failed) {
    std::string name = fs::path(t.input).filename().string();
    char line[512];
    if (t.exit_code == 0) {
      std::snprintf(line, sizeof line, "ok (%s, %d pages, %d items, %.2f s)", t.stats.kind.c_str(),
                    t.stats.pages, t.stats.items, t.seconds);
    } else {
      std::snprintf(line, sizeof line, "FAILED, exit %d (%s): %s", t.exit_code,
                    OutcomeWord(t.exit_code), t.message.c_str());
    }
    if (tty_) {
      // Failures stay on screen; successes only move the bar.
      if (t.exit_code != 0) std::fprintf(stderr, "\r\033[K%s: %s\n", name.c_str(), line);
      int width = 30;
      int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total_) * width);
      std::string bar(static_cast<size_t>(filled), '#');
      bar.resize(static_cast<size_t>(width), '.');
      std::fprintf(stderr, "\r\033[K[%s] %zu/%zu  %zu failed  %s", bar.c_str(), done, total_, failed,
                   name.c_str());
      if (done == total_) std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    } else if (!quiet_ || t.exit_code != 0) {
      std::fprintf(stderr, "aftale: [%zu/%zu] %s: %s\n", done, total_, t.input.c_str(), line);
    }
  }

 private:
  size_t total_;
  bool quiet_;
  bool tty_;
};

}  // namespace

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      std::vector<std::string>* missing) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(in, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && Lower(it->path().extension().string()) == ".pdf") {
          found.push_back(it->path().string());
        }
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(in, ec)) {
      out.push_back(in);
    } else if (missing != nullptr) {
      missing->push_back(in);
    }
  }
  return out;
}

int RunConvert(const ConvertOptions& options) {
  auto t0 = Clock::now();
  std::vector<std::string> missing;
  std::vector<std::string> files = ExpandInputs(options.inputs, &missing);
  std::error_code ec;
  fs::create_directories(options.outdir, ec);
  if (!fs::is_directory(options.outdir)) {
    std::fprintf(stderr, "aftale: cannot create the output folder %s: %s\n", options.outdir.c_str(),
                 ec.message().c_str());
    return ExitCode(ErrorCode::kOutput);
  }

  // One record per input; two inputs with one name get "-2", "-3".
  std::vector<Task> tasks;
  std::set<std::string> used = {"aftale-summary"};
  for (const std::string& f : files) {
    Task t;
    t.input = f;
    std::string stem = fs::path(f).stem().string();
    std::string name = stem;
    for (int n = 2; used.count(name); ++n) name = stem + "-" + std::to_string(n);
    used.insert(name);
    t.plan.format = options.format;
    std::string base = (fs::path(options.outdir) / name).string();
    if (options.format != Format::kXml) t.plan.json_path = base + ".json";
    if (options.format != Format::kJson) t.plan.xml_path = base + ".xml";
    tasks.push_back(std::move(t));
  }
  for (const std::string& m : missing) {
    Task t;
    t.input = m;
    t.exit_code = ExitCode(ErrorCode::kOpenFailed);
    t.message = "cannot open: no such file or folder";
    tasks.push_back(std::move(t));
  }

  WarmUp();  // once here, inherited by every worker
  ReadOptions read;
  read.password = options.password;
  Progress progress(tasks.size(), options.quiet);
  size_t done = 0, failed = 0;
  // A task that failed before (or instead of) running a worker.
  auto failed_early = [&](Task& t, int code, const std::string& message) {
    t.exit_code = code;
    t.message = message;
    ++done;
    ++failed;
    progress.Done(done, t, failed);
  };
  for (Task& t : tasks) {
    if (t.exit_code >= 0) failed_early(t, t.exit_code, t.message);
  }

  std::map<pid_t, Running> running;
  size_t next = 0;
  int jobs = std::max(1, options.jobs);
  auto finish = [&](pid_t pid, int status, bool timed_out) {
    Running r = running[pid];
    running.erase(pid);
    Task& t = tasks[r.task];
    std::string line = r.status + ReadAll(r.fd);
    close(r.fd);
    GuardOutcome o = OutcomeOf(status, timed_out);
    t.exit_code = o.exit_code;
    t.message = o.message;
    DecodeStatus(line, &t);
    if (t.exit_code != 0 && t.message.empty()) t.message = "failed without a reason (please report)";
    t.seconds = std::chrono::duration<double>(Clock::now() - r.start).count();
    if (t.exit_code != 0) {
      CleanUp(t, pid, r.wall_start);
      ++failed;
    }
    ++done;
    progress.Done(done, t, failed);
  };

  for (;;) {
    while (static_cast<int>(running.size()) < jobs && next < tasks.size()) {
      size_t i = next++;
      if (tasks[i].exit_code >= 0) continue;  // already decided (missing input)
      int fds[2];
      if (pipe(fds) != 0) {
        failed_early(tasks[i], ExitCode(ErrorCode::kInternal),
                     std::string("cannot create a pipe: ") + std::strerror(errno));
        continue;
      }
      std::time_t wall = std::time(nullptr);
      const Task& t = tasks[i];
      pid_t pid = StartGuarded(
          [&, fds]() -> int {
            close(fds[0]);
            ReadOptions ro = read;
            if (options.limits.seconds > 0) {
              ro.deadline = Clock::now() + std::chrono::seconds(options.limits.seconds);
            }
            std::string message;
            ExtractStats stats;
            int code = ExtractToFiles(t.input, t.plan, ro, &message, &stats);
            std::string status = EncodeStatus(code, stats, message);
            ssize_t ignored = write(fds[1], status.data(), status.size());
            (void)ignored;
            close(fds[1]);
            return code;
          },
          options.limits);
      close(fds[1]);
      if (pid < 0) {
        close(fds[0]);
        failed_early(tasks[i], ExitCode(ErrorCode::kInternal),
                     std::string("cannot start a worker: ") + std::strerror(errno));
        continue;
      }
      running[pid] = Running{i, fds[0], Clock::now(), wall, {}};
    }
    if (running.empty()) break;
    // Sleep until a worker ends (its status pipe reaches end-of-file) or the
    // first time limit runs out: no polling delay per document.
    std::vector<pollfd> fds;
    std::vector<pid_t> pids;
    int wait_ms = -1;
    auto now = Clock::now();
    for (const auto& [pid, r] : running) {
      fds.push_back({r.fd, POLLIN, 0});
      pids.push_back(pid);
      if (options.limits.seconds > 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        r.start + std::chrono::seconds(options.limits.seconds) - now)
                        .count();
        int ms = static_cast<int>(std::max<long long>(0, left));
        wait_ms = wait_ms < 0 ? ms : std::min(wait_ms, ms);
      }
    }
    int ready = poll(fds.data(), fds.size(), wait_ms);
    if (ready < 0 && errno != EINTR) break;
    int status = 0;
    for (size_t k = 0; ready > 0 && k < fds.size(); ++k) {
      if (fds[k].revents == 0) continue;
      char buf[4096];
      ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
      if (n > 0) {
        running[pids[k]].status.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR) {
      }
      finish(pids[k], status, false);
    }
    // Time limits, enforced from outside the worker.
    now = Clock::now();
    for (pid_t p : pids) {
      auto it = running.find(p);
      if (it == running.end() || options.limits.seconds <= 0) continue;
      if (now - it->second.start >= std::chrono::seconds(options.limits.seconds)) {
        kill(p, SIGKILL);
        while (waitpid(p, &status, 0) < 0 && errno == EINTR) {
        }
        finish(p, status, true);
      }
    }
  }

  // Summary: one line on stderr, every file in aftale-summary.json.
  double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  std::map<std::string, int> by_outcome;
  long pages = 0;
  nlohmann::ordered_json summary;
  summary["inputs"] = tasks.size();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Task& t : tasks) {
    ++by_outcome[OutcomeWord(t.exit_code)];
    if (t.exit_code == 0) pages += t.stats.pages;
    nlohmann::ordered_json e;
    e["input"] = t.input;
    e["status"] = OutcomeWord(t.exit_code);
    e["exit_code"] = t.exit_code;
    e["message"] = t.message;
    nlohmann::ordered_json outs = nlohmann::ordered_json::array();
    if (t.exit_code == 0) {
      if (!t.plan.json_path.empty()) outs.push_back(fs::path(t.plan.json_path).filename().string());
      if (!t.plan.xml_path.empty()) outs.push_back(fs::path(t.plan.xml_path).filename().string());
    }
    e["outputs"] = outs;
    e["kind"] = t.stats.kind;
    e["pages"] = t.stats.pages;
    e["items"] = t.stats.items;
    e["seconds"] = std::round(t.seconds * 1000) / 1000;
    list.push_back(e);
  }
  summary["counts"] = by_outcome;
  summary["files"] = list;
  std::string summary_path = (fs::path(options.outdir) / "aftale-summary.json").string();
  if (auto err = WriteAtomically(summary_path, summary.dump(2, ' ', false,
                                                            nlohmann::ordered_json::error_handler_t::replace) + "\n")) {
    std::fprintf(stderr, "aftale: %s\n", err->c_str());
  }
  size_t ok = tasks.size() - failed;
  std::ostringstream line;
  line << "aftale: converted " << ok << " of " << tasks.size() << " files (" << pages << " pages) in ";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", seconds);
  line << buf;
  if (failed > 0) {
    line << "; " << failed << " failed:";
    bool first = true;
    for (const auto& [word, n] : by_outcome) {
      if (word == std::string("ok")) continue;
      line << (first ? " " : ", ") << n << " " << word;
      first = false;
    }
  }
  line << "; summary in " << summary_path;
  std::fprintf(stderr, "%s\n", line.str().c_str());
  return failed == 0 ? 0 : ExitCode(ErrorCode::kPartial);
}

}  // namespace extractor::cli
