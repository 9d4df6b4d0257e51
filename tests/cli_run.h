// cli_run.h: running the `aftale` binary the way a user does, for the CLI
// tests: arguments without a shell, standard input from a file, a file size
// limit (RLIMIT_FSIZE: a "full disk" every machine can have), another user
// (setpriv, for permission tests when we are root), in the background to be
// killed. And the small PDFs those tests feed it.
//
//   CmdResult r = RunAftale({"extract", pdf.string(), "-o", "-"});
//   EXPECT_EQ(r.code, 0) << r.err;
#ifndef AFTALE_TESTS_CLI_RUN_H_
#define AFTALE_TESTS_CLI_RUN_H_

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "corpus.h"
#include "mini_pdf.h"

namespace extractor::testing {

struct CmdResult {
  int code = -1;  // exit code, or 128 + signal
  std::string out, err;
  double seconds = 0;
  long max_rss_kb = 0;  // the largest process of the run (workers included)
};

struct RunOptions {
  std::string stdin_path = "/dev/null";
  long long file_size_limit = -1;  // bytes; RLIMIT_FSIZE of the run
  bool as_nobody = false;          // run as user 65534 through setpriv
  double timeout_seconds = 120;    // killed after this (a hung test fails, never hangs)
};

inline std::string ReadFd(int fd) {
  std::string s;
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    s.append(buf, static_cast<size_t>(n));
  }
  return s;
}

inline bool HaveSetpriv() { return access("/usr/bin/setpriv", X_OK) == 0; }
inline bool IsRoot() { return geteuid() == 0; }

// Starts aftale with `args`; its standard output and error go to the
// descriptors given. Returns its pid.
inline pid_t StartAftaleFds(const std::vector<std::string>& args, int out, int err,
                            const RunOptions& o = {}) {
  std::vector<std::string> argv;
  if (o.as_nobody) {
    argv = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
  }
  argv.push_back(AFTALE_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = fork();
  if (pid != 0) return pid;
  setpgid(0, 0);  // its own group: a test's signals reach it alone
  int in = open(o.stdin_path.c_str(), O_RDONLY);
  if (in < 0 || out < 0 || err < 0) _exit(127);
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  if (o.file_size_limit >= 0) {
    rlimit rl{static_cast<rlim_t>(o.file_size_limit), static_cast<rlim_t>(o.file_size_limit)};
    setrlimit(RLIMIT_FSIZE, &rl);
  }
  std::vector<char*> cargs;
  for (std::string& a : argv) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  execv(cargs[0], cargs.data());
  _exit(127);
}

// The same, output into files: for runs in the background, to be killed.
inline pid_t StartAftale(const std::vector<std::string>& args, const std::string& out_path,
                         const std::string& err_path, const RunOptions& o = {}) {
  int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_t pid = StartAftaleFds(args, out, err, o);
  close(out);
  close(err);
  return pid;
}

// Waits for `pid`; kills it after `timeout_seconds`.
inline int WaitAftale(pid_t pid, double timeout_seconds, long* max_rss_kb = nullptr) {
  auto t0 = std::chrono::steady_clock::now();
  int status = 0;
  rusage ru{};
  for (;;) {
    pid_t r = wait4(pid, &status, WNOHANG, &ru);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() - t0 > std::chrono::duration<double>(timeout_seconds)) {
      kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (max_rss_kb != nullptr) *max_rss_kb = ru.ru_maxrss;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Runs aftale to its end. Output is read through pipes, not files: a file
// size limit must limit what aftale writes, not what the test captures.
inline CmdResult RunAftale(const std::vector<std::string>& args, const RunOptions& o = {}) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return CmdResult{};
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = StartAftaleFds(args, out[1], err[1], o);
  close(out[1]);
  close(err[1]);
  CmdResult r;
  std::thread drain([&] { r.err = ReadFd(err[0]); });
  r.out = ReadFd(out[0]);
  drain.join();
  close(out[0]);
  close(err[0]);
  r.code = WaitAftale(pid, o.timeout_seconds, &r.max_rss_kb);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

inline std::filesystem::path WriteBytes(const std::filesystem::path& dir, const std::string& name,
                                        const std::string& bytes) {
  std::filesystem::create_directories(dir);
  std::filesystem::path p = dir / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

inline int CountLines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// A one-page agreement with one item: a record that validates.
inline std::string GoodPdf(const std::string& text) {
  MiniPdf pdf;
  pdf.Text(72, 100, "Helvetica", 20, "Aftale om budget 2030");
  pdf.Text(72, 140, "Helvetica-Bold", 12, "1.1. " + text);
  pdf.Text(72, 160, "Helvetica", 11, "Der afs\u00e6ttes 1 mio. kr. \u00e5rligt.");
  return pdf.Bytes();
}

inline std::string Deflate(const std::string& data) {
  uLongf size = compressBound(data.size());
  std::string z(size, '\0');
  compress2(reinterpret_cast<Bytef*>(z.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
            data.size(), 1);
  z.resize(size);
  return z;
}

// A PDF of the given objects (1 is the catalog), numbered from 1.
inline std::string PdfOf(const std::vector<std::string>& objs) {
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> off;
  for (size_t i = 0; i < objs.size(); ++i) {
    off.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  char buf[32];
  for (size_t o : off) {
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

inline std::string StreamObject(const std::string& content) {
  std::string z = Deflate(content);
  return "<< /Length " + std::to_string(z.size()) + " /Filter /FlateDecode >>\nstream\n" + z +
         "\nendstream";
}

// A content stream that runs 6 million drawing operators: cheap to store,
// slow to interpret. Only a time limit ends it.
inline std::string SlowPdf() {
  std::string ops;
  ops.reserve(6000000 * 15);
  for (int i = 0; i < 6000000; ++i) ops += "1 0 0 1 0 0 cm\n";
  return PdfOf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                StreamObject(ops)});
}

}  // namespace extractor::testing

#endif  // AFTALE_TESTS_CLI_RUN_H_
