#include "cli/convert.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/outdir.h"
#include "cli/signals.h"
#include "emit.h"
#include "pipeline.h"
#include "sha256.h"
#include "summary.h"
#include "unicode.h"
#include "validate.h"

namespace extractor::cli {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Join(const std::string& dir, const std::string& name) {
  return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

// The path as an absolute, lexically normal one: how a rerun recognises an
// input however it was spelled ("in/a.pdf", "./in//a.pdf").
std::string Absolute(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  if (ec) a = p;
  return a.lexically_normal().string();
}

std::string Basename(const std::string& p) { return fs::path(p).filename().string(); }

std::string IsoNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// ---- inputs ----

void Walk(const std::string& dir, std::vector<FoundInput>* out) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    out->push_back({dir, Error{ErrorCode::kOpenFailed,
                               std::string("cannot open: the folder cannot be read (") +
                                   std::strerror(errno) + ")"}});
    return;
  }
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    std::string p = Join(dir, n);
    struct stat lst, st;
    if (lstat(p.c_str(), &lst) != 0) continue;  // gone meanwhile
    if (S_ISDIR(lst.st_mode)) {
      Walk(p, out);  // links to folders are not followed: no loops
      continue;
    }
    if (Lower(fs::path(n).extension().string()) != ".pdf") continue;
    if (stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      out->push_back({p, std::nullopt});
    } else if (S_ISLNK(lst.st_mode)) {
      out->push_back({p, Error{ErrorCode::kOpenFailed, "cannot open: a broken link"}});
    }
  }
}

// ---- the status a worker sends its parent ----
//   sha <TAB> hex                      as soon as the input is hashed
//   end <TAB> code <TAB> skipped <TAB> pages <TAB> items <TAB> warnings <TAB> kind <TAB> message

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  return s;
}

struct WorkerReport {
  std::optional<std::string> sha256;
  bool ended = false;
  int code = 0;
  bool skipped = false;
  ExtractStats stats;
  std::string message;
};

WorkerReport ParseReport(const std::string& text) {
  WorkerReport r;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    size_t start = 0;
    for (;;) {
      size_t tab = line.find('\t', start);
      if (tab == std::string::npos || f.size() == 7) {
        f.push_back(line.substr(start));
        break;
      }
      f.push_back(line.substr(start, tab - start));
      start = tab + 1;
    }
    if (f[0] == "sha" && f.size() == 2) r.sha256 = f[1];
    if (f[0] == "end" && f.size() == 8) {
      r.ended = true;
      r.code = std::atoi(f[1].c_str());
      r.skipped = f[2] == "1";
      r.stats.pages = std::atoi(f[3].c_str());
      r.stats.items = std::atoi(f[4].c_str());
      r.stats.warnings = std::atoi(f[5].c_str());
      r.stats.kind = f[6];
      r.message = f[7];
    }
  }
  return r;
}

void Send(int fd, const std::string& line) {
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// Whether the record files of `plan` are whole, valid and of these bytes:
// then a resumed run has nothing to do for this input.
bool RecordsUpToDate(const OutputPlan& plan, const std::string& sha) {
  for (const std::string& p : {plan.json_path, plan.xml_path}) {
    if (p.empty()) continue;
    RecordIdentity id = ReadRecordIdentity(p);
    if (!id.ours || id.sha256 != sha) return false;
    std::string text;
    {
      FILE* f = std::fopen(p.c_str(), "rb");
      if (f == nullptr) return false;
      char buf[65536];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
      std::fclose(f);
    }
    bool json = p == plan.json_path;
    if ((json ? ValidateJson(text) : ValidateXml(text)).has_value()) return false;
  }
  return true;
}

// ---- one input through the run ----

struct Task {
  std::string input;  // as named or found (bytes)
  std::string abs;    // absolute (bytes)
  std::optional<Error> early;  // failed before any worker (missing, unreadable folder)
  OutputPlan plan;
  std::string base;   // output file name without extension (bytes)
  std::vector<std::string> names;  // output file names (bytes)
  const SummaryEntry* previous = nullptr;  // this input in the last summary
  std::optional<std::string> resume_sha;   // skip when the input still hashes to this
  SummaryEntry entry;
  bool done = false;
};

struct Running {
  size_t task;
  int fd;  // read end of the status pipe: end-of-file when the worker ends
  Clock::time_point start;
  std::string status;  // what the worker wrote so far
};

class Progress {
 public:
  Progress(size_t total, bool quiet)
      : total_(total), quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0) {}

  void Done(size_t done, const Task& t, size_t failed) {
    const SummaryEntry& e = t.entry;
    std::string line;
    char buf[256];
    if (e.status == Outcome::kOk) {
      std::snprintf(buf, sizeof buf, "ok (%s, %d pages, %d items, %.2f s)",
                    e.kind.value_or("?").c_str(), e.pages.value_or(0), e.items.value_or(0),
                    e.seconds.value_or(0));
      line = buf;
    } else if (e.status == Outcome::kSkipped) {
      line = "skipped: unchanged since its record was written";
    } else if (e.status == Outcome::kInterrupted) {
      line = e.message.value_or("interrupted");
    } else {
      // The message names the failure itself ("not a PDF: ..."): no second prefix.
      line = "FAILED (exit " + (e.exit_code ? std::to_string(*e.exit_code) : std::string("-")) +
             "): " + e.message.value_or("failed");
    }
    bool failure = IsFailure(e.status);
    if (tty_ && !quiet_) {
      // Failures stay on screen; the rest only move the bar.
      if (failure) std::fprintf(stderr, "\r\033[K%s: %s\n", e.input.c_str(), line.c_str());
      int width = 30;
      int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total_) * width);
      std::string bar(static_cast<size_t>(filled), '#');
      bar.resize(static_cast<size_t>(width), '.');
      std::fprintf(stderr, "\r\033[K[%s] %zu/%zu  %zu failed  %s", bar.c_str(), done, total_, failed,
                   FileNameToUtf8(Basename(t.input)).c_str());
      if (done == total_) std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    } else if (!quiet_ || failure) {
      std::fprintf(stderr, "aftale: [%zu/%zu] %s: %s\n", done, total_, e.input.c_str(), line.c_str());
    }
  }

  void Clear() {
    if (tty_ && !quiet_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  size_t total_;
  bool quiet_;
  bool tty_;
};

// ---- the output folder's names ----

class Namer {
 public:
  Namer(const std::string& outdir, Format format, const BatchSummary* previous)
      : outdir_(outdir), format_(format) {
    if (previous == nullptr) return;
    for (const SummaryEntry& e : previous->files) {
      for (const std::string& o : e.outputs) claims_[o] = e.path;
    }
  }

  std::vector<std::string> Extensions() const {
    std::vector<std::string> ext;
    if (format_ != Format::kXml) ext.push_back(".json");
    if (format_ != Format::kJson) ext.push_back(".xml");
    return ext;
  }

  // A base name for `t`: the one the last summary gave it if still free,
  // else the first of stem, stem-2, stem-3 ... that no other input claims
  // and no file of the user's occupies.
  std::string Assign(const Task& t) {
    std::string stem = fs::path(t.input).stem().string();
    std::string me = FileNameToUtf8(t.abs);
    std::string file = FileNameToUtf8(Basename(t.input));
    auto candidate = [&](int n) { return n == 1 ? stem : stem + "-" + std::to_string(n); };
    if (t.previous != nullptr && !t.previous->outputs.empty()) {
      for (int n = 1; n <= 1000; ++n) {
        std::string b = candidate(n);
        bool mine = false;
        for (const std::string& ext : Extensions()) {
          auto it = claims_.find(FileNameToUtf8(b + ext));
          mine = mine || (it != claims_.end() && it->second == me);
        }
        if (mine && Free(b, me, file)) return Take(b);
      }
    }
    for (int n = 1;; ++n) {
      std::string b = candidate(n);
      if (Free(b, me, file)) return Take(b);
    }
  }

 private:
  bool Free(const std::string& base, const std::string& me, const std::string& file) {
    if (used_.count(base) || base + ".json" == kSummaryFileName) return false;
    for (const std::string& ext : Extensions()) {
      auto claim = claims_.find(FileNameToUtf8(base + ext));
      bool claimed_by_other = claim != claims_.end() && claim->second != me;
      if (claimed_by_other) return false;
      if (claim != claims_.end()) continue;  // the last summary lists it as this input's record
      RecordIdentity id = ReadRecordIdentity(Join(outdir_, base + ext));
      if (!id.exists) continue;
      if (!id.ours) return false;  // the user's own file: never overwritten
      // A record nobody claims may be replaced by the record of a file of
      // the same name (the summary was lost); a record of another file stays.
      if (id.file != file) return false;
    }
    return true;
  }

  std::string Take(const std::string& base) {
    used_.insert(base);
    return base;
  }

  std::string outdir_;
  Format format_;
  std::map<std::string, std::string> claims_;  // output name (UTF-8) -> its input's path
  std::set<std::string> used_;
};

}  // namespace

std::vector<FoundInput> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<FoundInput> out;
  for (const std::string& in : inputs) {
    struct stat st;
    if (stat(in.c_str(), &st) != 0) {
      out.push_back({in, Error{ErrorCode::kOpenFailed,
                               errno == ENOENT ? "cannot open: no such file or folder"
                                               : std::string("cannot open: ") + std::strerror(errno)}});
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      out.push_back({in, std::nullopt});  // an unreadable file is the worker's to report
      continue;
    }
    size_t before = out.size();
    Walk(in, &out);
    if (out.size() == before) {
      out.push_back({in, Error{ErrorCode::kOpenFailed, "cannot open: no PDF files in this folder"}});
    }
  }
  return out;
}

int RunConvert(const ConvertOptions& options) {
  auto t0 = Clock::now();
  const std::string& outdir = options.outdir;
  std::string outdir_shown = FileNameToUtf8(outdir);
  std::error_code ec;
  fs::create_directories(outdir, ec);
  if (!fs::is_directory(outdir)) {
    std::fprintf(stderr, "aftale: cannot create the output folder %s: %s\n", outdir_shown.c_str(),
                 ec ? ec.message().c_str() : "not a folder");
    return ExitCode(ErrorCode::kOutput);
  }

  // 1. The folder is ours for this run.
  Result<FolderLock> lock = LockFolder(outdir, options.wait);
  if (!lock.ok()) {
    std::fprintf(stderr, "aftale: %s\n", lock.error().message.c_str());
    return ExitCode(lock.error().code);
  }
  InstallSignalHandlers(SignalMode::kStopGently);
  RemoveStaleTemporaries(outdir);
  std::string summary_path = Join(outdir, kSummaryFileName);
  Result<std::string> previous_text = ReadOwnSummary(summary_path);
  if (!previous_text.ok()) {
    std::fprintf(stderr, "aftale: %s\n", previous_text.error().message.c_str());
    return ExitCode(previous_text.error().code);
  }
  std::optional<BatchSummary> previous;
  if (!previous_text->empty()) {
    Result<BatchSummary> p = ParseSummaryJson(*previous_text);
    if (p.ok()) previous = *p;
  }
  if (previous) {
    // Only names in this folder: a summary edited to list "../x" names
    // nothing this run may touch.
    for (SummaryEntry& e : previous->files) {
      std::erase_if(e.outputs, [](const std::string& o) {
        return o.empty() || o == "." || o == ".." || o.find('/') != std::string::npos;
      });
    }
  }
  const std::string build = BuildId();

  // 2. Inputs: deduplicated, in the order of their absolute paths, so the
  // names they get do not depend on the order of the arguments.
  std::vector<Task> tasks;
  {
    std::vector<Task> found;
    for (FoundInput& f : ExpandInputs(options.inputs)) {
      Task t;
      t.input = f.path;
      t.abs = Absolute(f.path);
      t.early = f.error;
      found.push_back(std::move(t));
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Task& a, const Task& b) { return a.abs < b.abs; });
    // The same file named twice (or through a link) is converted once,
    // under the first of its paths in that order.
    std::set<std::pair<dev_t, ino_t>> seen_files;
    std::set<std::string> seen_paths;
    for (Task& t : found) {
      struct stat st;
      if (!t.early && stat(t.input.c_str(), &st) == 0) {
        if (!seen_files.insert({st.st_dev, st.st_ino}).second) continue;
      } else if (!seen_paths.insert(t.abs).second) {
        continue;
      }
      tasks.push_back(std::move(t));
    }
  }

  // 3. Names, and what may be skipped.
  std::map<std::string, const SummaryEntry*> previous_by_path;
  if (previous) {
    for (const SummaryEntry& e : previous->files) {
      if (!e.path.empty()) previous_by_path[e.path] = &e;
    }
  }
  bool same_build = previous && previous->build == build && !build.empty();
  Namer namer(outdir, options.format, previous ? &*previous : nullptr);
  for (Task& t : tasks) {
    SummaryEntry& e = t.entry;
    e.input = FileNameToUtf8(t.input);
    e.path = FileNameToUtf8(t.abs);
    auto prev = previous_by_path.find(e.path);
    if (prev != previous_by_path.end()) t.previous = prev->second;
    if (t.early) continue;
    t.base = namer.Assign(t);
    t.plan.format = options.format;
    for (const std::string& ext : namer.Extensions()) {
      t.names.push_back(t.base + ext);
      (ext == ".json" ? t.plan.json_path : t.plan.xml_path) = Join(outdir, t.base + ext);
      e.outputs.push_back(FileNameToUtf8(t.base + ext));
    }
    if (!options.force && same_build && t.previous != nullptr && t.previous->sha256 &&
        (t.previous->status == Outcome::kOk || t.previous->status == Outcome::kSkipped) &&
        t.previous->outputs == e.outputs) {
      t.resume_sha = t.previous->sha256;
    }
  }

  // The files of the last summary's record of `t` that are ours, by their
  // names on disk (the same base as now, or the name itself).
  auto previous_files = [&](const Task& t) {
    std::set<std::string> files(t.names.begin(), t.names.end());
    if (t.previous != nullptr) {
      for (const std::string& o : t.previous->outputs) {
        std::string ext = fs::path(o).extension().string();
        if (!t.base.empty() && FileNameToUtf8(t.base + ext) == o) {
          files.insert(t.base + ext);
        } else {
          files.insert(o);
        }
      }
    }
    return files;
  };

  // Housekeeping once an input's outcome is known: the folder then holds a
  // record of this input only if it describes the input as it is now.
  auto settle = [&](Task& t, const std::optional<std::string>& sha) {
    SummaryEntry& e = t.entry;
    std::vector<std::string> outputs, removed;
    bool succeeded = e.status == Outcome::kOk || e.status == Outcome::kSkipped;
    bool untouched = e.status == Outcome::kOutputError || e.status == Outcome::kInterrupted;
    std::set<std::string> planned(t.names.begin(), t.names.end());
    bool kept = false;
    for (const std::string& name : previous_files(t)) {
      std::string path = Join(outdir, name);
      if (succeeded && planned.count(name)) {
        outputs.push_back(FileNameToUtf8(name));
        continue;
      }
      RecordIdentity id = ReadRecordIdentity(path);
      if (!id.ours) continue;
      bool same_bytes = sha && id.sha256 == *sha;
      if (untouched || (!succeeded && same_bytes)) {
        outputs.push_back(FileNameToUtf8(name));
        kept = kept || (!succeeded && !untouched);
        continue;
      }
      // The input now fails, or the format changed: a record that no longer
      // describes it goes.
      if (unlink(path.c_str()) == 0) removed.push_back(FileNameToUtf8(name));
    }
    std::sort(outputs.begin(), outputs.end());
    e.outputs = outputs;
    e.removed = removed;
    if (kept && e.message) *e.message += " (the record of the same file from an earlier run is kept)";
  };

  // 4. The summary says "running" before the first document: if it cannot
  // be written, nothing can, and the run stops here.
  BatchSummary summary;
  summary.version = PROJECT_VERSION_STRING;
  summary.build = build;
  summary.format = FormatName(options.format);
  summary.started = IsoNow();
  auto write_summary = [&](RunState state) -> std::optional<std::string> {
    summary.state = state;
    summary.files.clear();
    for (const Task& t : tasks) summary.files.push_back(t.entry);
    CountOutcomes(&summary);
    Result<std::vector<std::string>> w = CommitFiles({{summary_path, EmitSummaryJson(summary)}});
    if (!w.ok()) return w.error().message;
    return std::nullopt;
  };
  for (Task& t : tasks) {
    if (!t.early) continue;
    t.entry.status = OutcomeForExitCode(ExitCode(t.early->code));
    t.entry.exit_code = ExitCode(t.early->code);
    t.entry.message = t.early->message;
  }
  if (auto err = write_summary(RunState::kRunning)) {
    std::fprintf(stderr, "aftale: nothing converted: %s\n", err->c_str());
    return ExitCode(ErrorCode::kOutput);
  }

  // 5. The documents.
  WarmUp();  // once here, inherited by every worker
  ReadOptions read;
  read.password = options.password;
  Progress progress(tasks.size(), options.quiet);
  size_t done = 0, failed = 0;
  auto finished = [&](Task& t, const std::optional<std::string>& sha) {
    settle(t, sha);
    t.done = true;
    ++done;
    if (IsFailure(t.entry.status)) ++failed;
    progress.Done(done, t, failed);
  };
  for (Task& t : tasks) {
    if (t.early) finished(t, std::nullopt);
  }

  std::map<pid_t, Running> running;
  size_t next = 0;
  int jobs = std::max(1, options.jobs);
  auto finish = [&](pid_t pid, int status, bool timed_out) {
    Running r = running[pid];
    running.erase(pid);
    UnregisterChild(pid);
    Task& t = tasks[r.task];
    std::string text = r.status;
    char buf[4096];
    for (;;) {
      ssize_t n = ::read(r.fd, buf, sizeof buf);
      if (n > 0) {
        text.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    close(r.fd);
    WorkerReport report = ParseReport(text);
    GuardOutcome o = OutcomeOf(status, timed_out);
    SummaryEntry& e = t.entry;
    e.seconds = std::chrono::duration<double>(Clock::now() - r.start).count();
    e.sha256 = report.sha256;
    e.exit_code = o.exit_code;
    std::string message = !o.message.empty() ? o.message : report.message;
    if (o.exit_code >= 128) {
      e.status = Outcome::kInterrupted;
      e.exit_code.reset();
    } else {
      e.status = OutcomeForExitCode(o.exit_code);
    }
    if (e.status == Outcome::kOk && report.skipped) {
      e.status = Outcome::kSkipped;
      if (t.previous != nullptr) {
        e.kind = t.previous->kind;
        e.pages = t.previous->pages;
        e.items = t.previous->items;
        e.warnings = t.previous->warnings;
      }
    } else if (e.status == Outcome::kOk) {
      e.kind = report.stats.kind;
      e.pages = report.stats.pages;
      e.items = report.stats.items;
      e.warnings = report.stats.warnings;
    }
    if (IsFailure(e.status)) {
      e.message = message.empty() ? "failed without a reason (please report this file)" : message;
    }
    finished(t, report.sha256);
  };

  for (;;) {
    while (!StopRequested() && static_cast<int>(running.size()) < jobs && next < tasks.size()) {
      size_t i = next++;
      if (tasks[i].done) continue;
      int fds[2];
      if (pipe2(fds, O_CLOEXEC) != 0) {
        tasks[i].entry.status = Outcome::kCrashed;
        tasks[i].entry.exit_code = ExitCode(ErrorCode::kInternal);
        tasks[i].entry.message = std::string("cannot create a pipe: ") + std::strerror(errno);
        finished(tasks[i], std::nullopt);
        continue;
      }
      const Task& t = tasks[i];
      pid_t pid = StartGuarded(
          [&, fds]() -> int {
            close(fds[0]);
            std::optional<std::string> sha = Sha256OfFile(t.input);
            if (sha) Send(fds[1], "sha\t" + *sha + "\n");
            if (t.resume_sha && sha == t.resume_sha && RecordsUpToDate(t.plan, *sha)) {
              Send(fds[1], "end\t0\t1\t0\t0\t0\t\t\n");
              return 0;
            }
            ReadOptions ro = read;
            if (options.limits.seconds > 0) {
              ro.deadline = Clock::now() + std::chrono::seconds(options.limits.seconds);
            }
            std::string message;
            ExtractStats stats;
            int code = ExtractToFiles(t.input, t.plan, ro, &message, &stats);
            Send(fds[1], "end\t" + std::to_string(code) + "\t0\t" + std::to_string(stats.pages) +
                             "\t" + std::to_string(stats.items) + "\t" +
                             std::to_string(stats.warnings) + "\t" + OneLine(stats.kind) + "\t" +
                             OneLine(message) + "\n");
            return code;
          },
          options.limits);
      close(fds[1]);
      if (pid < 0) {
        close(fds[0]);
        tasks[i].entry.status = Outcome::kCrashed;
        tasks[i].entry.exit_code = ExitCode(ErrorCode::kInternal);
        tasks[i].entry.message = std::string("cannot start a worker: ") + std::strerror(errno);
        finished(tasks[i], std::nullopt);
        continue;
      }
      RegisterChild(pid);
      running[pid] = Running{i, fds[0], Clock::now(), {}};
    }
    if (running.empty()) break;
    // Sleep until a worker ends (its status pipe reaches end-of-file), the
    // first time limit runs out, or a signal asks to stop.
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
  int stop = StopRequested();
  for (Task& t : tasks) {
    if (t.done) continue;
    t.entry.status = Outcome::kInterrupted;
    t.entry.message = "not converted: the run was interrupted";
    finished(t, std::nullopt);
  }
  progress.Clear();

  // 6. The summary, final.
  summary.finished = IsoNow();
  summary.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  std::optional<std::string> summary_error =
      write_summary(stop != 0 ? RunState::kInterrupted : RunState::kComplete);

  size_t ok = 0, skipped = 0;
  long pages = 0;
  std::map<std::string, int> failures;
  std::set<int> failure_codes;
  for (const Task& t : tasks) {
    const SummaryEntry& e = t.entry;
    ok += e.status == Outcome::kOk;
    skipped += e.status == Outcome::kSkipped;
    if (e.status == Outcome::kOk) pages += e.pages.value_or(0);
    if (IsFailure(e.status)) {
      ++failures[OutcomeName(e.status)];
      failure_codes.insert(e.exit_code.value_or(-1));
    }
  }
  std::ostringstream line;
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f s", *summary.seconds);
  line << "aftale: " << (stop != 0 ? "interrupted: " : "") << "converted " << ok << " of "
       << tasks.size() << " files (" << pages << " pages) in " << secs;
  if (skipped > 0) line << ", skipped " << skipped << " unchanged";
  if (failed > 0) {
    line << "; " << failed << " failed:";
    bool first = true;
    for (const auto& [word, n] : failures) {
      line << (first ? " " : ", ") << n << " " << word;
      first = false;
    }
  }
  if (summary_error) {
    line << "; the summary could not be written: " << *summary_error;
  } else {
    line << "; summary in " << FileNameToUtf8(summary_path);
  }
  std::fprintf(stderr, "%s\n", line.str().c_str());
  lock->Release();

  if (summary_error) return ExitCode(ErrorCode::kOutput);
  if (stop != 0) return 128 + stop;
  if (failed == 0) return 0;
  // Nothing converted and every failure the same: that failure's own code
  // (a lone missing input is 2, as with `extract`; a full disk is 8).
  if (ok + skipped == 0 && failure_codes.size() == 1 && *failure_codes.begin() > 0) {
    return *failure_codes.begin();
  }
  return ExitCode(ErrorCode::kPartial);
}

}  // namespace extractor::cli
