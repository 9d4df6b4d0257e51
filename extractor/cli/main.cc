// The `aftale` command: flags, subcommands and exit codes. The work itself is
// in the library; this file only wires options to it.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <thread>
#include <iostream>
#include <string>
#include <unistd.h>

#include "cli/convert.h"
#include "cli/guard.h"
#include "cli/output.h"
#include "cli/signals.h"
#include "layout.h"
#include "pipeline.h"
#include "reader.h"
#include "result.h"
#include "unicode.h"

namespace extractor::cli {
namespace {

// Limits of the numeric options. A value past them is a usage error, never
// quietly something else (a timeout that overflows to 0.78 s, a memory
// limit that wraps to "none").
constexpr long long kMaxTimeout = 86400;       // seconds: a day per document
constexpr long long kMaxMemory = 1024 * 1024;  // MiB: 1 TiB
constexpr long long kMaxJobs = 1024;

struct CommonOptions {
  std::string password;
  bool has_password = false;
  long long timeout = 60;
  long long memory_mb = GuardLimits{}.memory_mb;
  bool no_isolate = false;

  ReadOptions Read() const {
    ReadOptions r;
    if (has_password) r.password = password;
    if (timeout > 0) {
      r.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
    }
    return r;
  }
  GuardLimits Limits() const {
    return GuardLimits{static_cast<int>(timeout), static_cast<long>(memory_mb), !no_isolate};
  }
};

void AddCommon(CLI::App* app, CommonOptions* o, bool isolate_flag) {
  app->add_option("--password", o->password, "Password of an encrypted PDF")
      ->each([o](const std::string&) { o->has_password = true; });
  app->add_option("--timeout", o->timeout, "Seconds allowed per document (0: no limit; at most 86400)")
      ->capture_default_str();
  app->add_option("--memory", o->memory_mb,
                  "Memory allowed per document, MiB (0: no limit; at most 1048576)")
      ->capture_default_str();
  if (isolate_flag) {
    app->add_flag("--no-isolate", o->no_isolate,
                  "Work in this process, not a guarded child (for debugging)");
  }
}

// nullopt when every number is in range; otherwise the one-line complaint.
std::optional<std::string> CheckRanges(const CommonOptions& c, const long long* jobs) {
  auto range = [](const char* name, long long v, long long lo, long long hi,
                  const char* unit) -> std::optional<std::string> {
    if (v >= lo && v <= hi) return std::nullopt;
    return std::string(name) + " must be from " + std::to_string(lo) + " to " + std::to_string(hi) +
           unit + ", not " + std::to_string(v);
  };
  if (auto e = range("--timeout", c.timeout, 0, kMaxTimeout, " seconds (0: no limit)")) return e;
  if (auto e = range("--memory", c.memory_mb, 0, kMaxMemory, " MiB (0: no limit)")) return e;
  if (jobs != nullptr) {
    if (auto e = range("--jobs", *jobs, 1, kMaxJobs, "")) return e;
  }
  return std::nullopt;
}

// One line for a command line the parser refused.
std::string UsageLine(const CLI::ParseError& e, int argc, char** argv) {
  std::string what = e.what();
  if (what.find("subcommand is required") != std::string::npos ||
      what.find("A subcommand") != std::string::npos) {
    // The first word that is not an option is the command that was meant.
    for (int i = 1; i < argc; ++i) {
      if (argv[i][0] != '-') {
        return std::string("unknown command '") + argv[i] +
               "': the commands are text, extract and convert";
      }
    }
    return "a command is needed: text, extract or convert";
  }
  for (char& c : what) {
    if (c == '\n') c = ' ';
  }
  // "The following argument..." reads on after "aftale: "; "FILE is required" keeps its case.
  if (what.size() > 1 && std::islower(static_cast<unsigned char>(what[1]))) {
    what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
  }
  return what;
}

// `-` as the input: standard input, copied into a temporary file (Poppler
// reads by path and seeks). Removed when the command ends, or on a signal.
class StdinCopy {
 public:
  ~StdinCopy() {
    if (!path_.empty()) unlink(path_.c_str());
    UnregisterTemporary(slot_);
  }

  Result<std::string> Make() {
    if (isatty(STDIN_FILENO)) {
      return Error{ErrorCode::kOpenFailed, "cannot open: standard input is a terminal (pipe a PDF into it)"};
    }
    const char* tmp = std::getenv("TMPDIR");
    std::string path = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/aftale-stdin-XXXXXX";
    int fd = mkostemp(path.data(), O_CLOEXEC);
    if (fd < 0) {
      return Error{ErrorCode::kOpenFailed,
                   std::string("cannot open: no temporary copy of standard input: ") + std::strerror(errno)};
    }
    path_ = path;
    slot_ = RegisterTemporary(path);
    char buf[65536];
    for (;;) {
      ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        close(fd);
        return Error{ErrorCode::kOpenFailed, std::string("cannot open: cannot read standard input: ") +
                                                 std::strerror(err)};
      }
      if (n == 0) break;
      for (ssize_t done = 0; done < n;) {
        ssize_t w = write(fd, buf + done, static_cast<size_t>(n - done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
          int err = errno;
          close(fd);
          return Error{ErrorCode::kOpenFailed,
                       std::string("cannot open: no temporary copy of standard input: ") + std::strerror(err)};
        }
        done += w;
      }
    }
    close(fd);
    return path_;
  }

 private:
  std::string path_;
  int slot_ = -1;
};

int Fail(const std::string& file, const Error& e) {
  Report("aftale: " + FileNameToUtf8(file) + ": " + e.message);
  return ExitCode(e.code);
}

int RunText(const std::string& file, bool dump, const CommonOptions& common) {
  StdinCopy copy;
  std::string path = file;
  if (file == "-") {
    Result<std::string> p = copy.Make();
    if (!p.ok()) return Fail(file, p.error());
    path = *p;
  }
  GuardOutcome o = RunGuarded(
      [&]() -> int {
        Result<RawDocument> raw = ReadPdf(path, common.Read());
        if (!raw.ok()) return Fail(file, raw.error());
        LaidDocument laid = LayoutDocument(*raw);
        std::string out = dump ? RenderDump(laid) : RenderText(laid);
        bool any_text = false;
        for (const RawPage& p : raw->pages) any_text = any_text || !p.words.empty();
        if (!any_text && !dump) {
          bool unmapped = false;
          for (const Diagnostic& d : raw->diagnostics) unmapped = unmapped || d.code == "pdf.unmapped_glyphs";
          return Fail(file, Error{ErrorCode::kNoText,
                                  unmapped ? "no text: its glyphs have no Unicode mapping (a Type3 "
                                             "or symbol font without ToUnicode)"
                                           : "no text: the PDF has no text layer (scanned?)"});
        }
        std::signal(SIGPIPE, SIG_IGN);
        if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
          // A reader that stopped early (`| head`) is not an error worth a word.
          if (errno == EPIPE) return ExitCode(ErrorCode::kOutput);
          return Fail(file, Error{ErrorCode::kOutput, "cannot write to standard output"});
        }
        return 0;
      },
      common.Limits());
  if (!o.message.empty()) Report("aftale: " + FileNameToUtf8(file) + ": " + o.message);
  return o.exit_code;
}

// Where `extract -o PATH` writes: PATH itself for one format; for both,
// PATH with .json and .xml (an existing folder gets <stem>.json/.xml).
OutputPlan PlanFor(const std::string& input, const std::string& out, Format format) {
  namespace fs = std::filesystem;
  OutputPlan plan;
  plan.format = format;
  if (out.empty() || out == "-") {
    plan.to_stdout = true;
    return plan;
  }
  fs::path base = out;
  std::error_code ec;
  if (fs::is_directory(base, ec)) {
    base = base / (input == "-" ? fs::path("stdin") : fs::path(input).stem());
  } else if (format != Format::kBoth) {
    (format == Format::kJson ? plan.json_path : plan.xml_path) = out;
    return plan;
  } else if (base.extension() == ".json" || base.extension() == ".xml") {
    base.replace_extension();
  }
  if (format != Format::kXml) plan.json_path = base.string() + ".json";
  if (format != Format::kJson) plan.xml_path = base.string() + ".xml";
  return plan;
}

int RunExtract(const std::string& file, const std::string& out, Format format,
               const CommonOptions& common) {
  if (format == Format::kBoth && (out.empty() || out == "-")) {
    Report("aftale: --format both needs -o PATH (JSON and XML cannot share standard output)");
    return ExitCode(ErrorCode::kUsage);
  }
  StdinCopy copy;
  std::string path = file;
  OutputPlan plan = PlanFor(file, out, format);
  if (file == "-") {
    Result<std::string> p = copy.Make();
    if (!p.ok()) return Fail(file, p.error());
    path = *p;
    plan.source_name = "-";
  }
  GuardOutcome o = RunGuarded(
      [&]() -> int {
        std::signal(SIGPIPE, SIG_IGN);
        std::string message;
        int rc = ExtractToFiles(path, plan, common.Read(), &message, nullptr);
        if (rc != 0 && !(rc == ExitCode(ErrorCode::kOutput) && errno == EPIPE)) {
          Report("aftale: " + FileNameToUtf8(file) + ": " + message);
        }
        return rc;
      },
      common.Limits());
  if (!o.message.empty()) Report("aftale: " + FileNameToUtf8(file) + ": " + o.message);
  return o.exit_code;
}

}  // namespace
}  // namespace extractor::cli

int main(int argc, char** argv) {
  using namespace extractor::cli;
  // A write past the file size limit (ulimit -f) fails with EFBIG and is
  // reported like a full disk, instead of killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  InstallSignalHandlers(SignalMode::kDie);

  CLI::App app{"aftale: Danish municipal budget agreements and follow-ups, from PDF to data"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("aftale ") + PROJECT_VERSION_STRING);

  CommonOptions common;
  std::string text_file;
  bool dump = false;
  CLI::App* text = app.add_subcommand("text", "Print a PDF's clean text in reading order");
  text->add_option("FILE", text_file, "The PDF (- for standard input)")->required();
  text->add_flag("--dump", dump, "Print the layout stage: blocks and lines with boxes");
  AddCommon(text, &common, true);

  std::string extract_file, extract_out, extract_format = "json";
  CLI::App* extract = app.add_subcommand(
      "extract", "Extract one PDF into a record (JSON on standard output by default)");
  extract->add_option("FILE", extract_file, "The PDF (- for standard input)")->required();
  extract->add_option("-o,--output", extract_out,
                      "Write here instead of standard output (a file; for --format both a "
                      "path stem or folder)");
  extract->add_option("--format", extract_format, "json, xml or both")
      ->check(CLI::IsMember({"json", "xml", "both"}))
      ->capture_default_str();
  AddCommon(extract, &common, true);

  ConvertOptions convert_opts;
  std::string convert_format = "json";
  long long jobs = static_cast<long long>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* convert = app.add_subcommand(
      "convert", "Convert PDFs and folders of PDFs into one record each, in parallel");
  convert->add_option("INPUT", convert_opts.inputs, "PDF files or folders (searched for *.pdf)")
      ->required();
  convert->add_option("-o,--output", convert_opts.outdir, "Output folder (created if missing)")
      ->required();
  convert->add_option("-j,--jobs", jobs, "Documents converted at once (1 to 1024)")->capture_default_str();
  convert->add_option("--format", convert_format, "json, xml or both")
      ->check(CLI::IsMember({"json", "xml", "both"}))
      ->capture_default_str();
  convert->add_flag("-q,--quiet", convert_opts.quiet,
                    "Report only failures and the summary line (no progress bar)");
  convert->add_flag("--force", convert_opts.force,
                    "Convert again inputs whose records are up to date (otherwise skipped)");
  convert->add_flag("--wait", convert_opts.wait,
                    "If another run is using the output folder, wait for it (otherwise exit 12)");
  // A batch always isolates its documents: no --no-isolate here.
  AddCommon(convert, &common, false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::fprintf(stderr, "aftale: %s (see aftale --help)\n", UsageLine(e, argc, argv).c_str());
    return extractor::ExitCode(extractor::ErrorCode::kUsage);
  }
  if (auto err = CheckRanges(common, convert->parsed() ? &jobs : nullptr)) {
    std::fprintf(stderr, "aftale: %s\n", err->c_str());
    return extractor::ExitCode(extractor::ErrorCode::kUsage);
  }
  if (text->parsed()) return RunText(text_file, dump, common);
  if (extract->parsed()) {
    return RunExtract(extract_file, extract_out, *ParseFormat(extract_format), common);
  }
  if (convert->parsed()) {
    convert_opts.jobs = static_cast<int>(jobs);
    convert_opts.format = *ParseFormat(convert_format);
    if (common.has_password) convert_opts.password = common.password;
    convert_opts.limits = common.Limits();
    convert_opts.limits.isolate = true;  // a batch always isolates its documents
    return RunConvert(convert_opts);
  }
  return extractor::ExitCode(extractor::ErrorCode::kUsage);
}
