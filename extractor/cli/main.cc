// The `aftale` command: flags, subcommands and exit codes. The work itself is
// in the library; this file only wires options to it.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <iostream>
#include <string>

#include "cli/convert.h"
#include "cli/guard.h"
#include "cli/output.h"
#include "layout.h"
#include "pipeline.h"
#include "reader.h"
#include "result.h"

namespace extractor::cli {
namespace {

struct CommonOptions {
  std::string password;
  bool has_password = false;
  int timeout = 60;
  long memory_mb = GuardLimits{}.memory_mb;
  bool no_isolate = false;

  ReadOptions Read() const {
    ReadOptions r;
    if (has_password) r.password = password;
    if (timeout > 0) {
      r.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
    }
    return r;
  }
  GuardLimits Limits() const { return GuardLimits{timeout, memory_mb, !no_isolate}; }
};

void AddCommon(CLI::App* app, CommonOptions* o) {
  app->add_option("--password", o->password, "Password of an encrypted PDF")
      ->each([o](const std::string&) { o->has_password = true; });
  app->add_option("--timeout", o->timeout, "Seconds allowed per document (0: no limit)")
      ->capture_default_str();
  app->add_option("--memory", o->memory_mb, "Memory allowed per document, MiB (0: no limit)")
      ->capture_default_str();
  app->add_flag("--no-isolate", o->no_isolate,
                "Work in this process, not a guarded child (for debugging)");
}

int Fail(const std::string& file, const Error& e) {
  Report("aftale: " + file + ": " + e.message);
  return ExitCode(e.code);
}

int RunText(const std::string& file, bool dump, const CommonOptions& common) {
  GuardOutcome o = RunGuarded(
      [&]() -> int {
        Result<RawDocument> raw = ReadPdf(file, common.Read());
        if (!raw.ok()) return Fail(file, raw.error());
        LaidDocument laid = LayoutDocument(*raw);
        std::string out = dump ? RenderDump(laid) : RenderText(laid);
        bool any_text = false;
        for (const RawPage& p : raw->pages) any_text = any_text || !p.words.empty();
        if (!any_text && !dump) {
          return Fail(file, Error{ErrorCode::kNoText, "no text: the PDF has no text layer (scanned?)"});
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
  if (!o.message.empty()) std::cerr << "aftale: " << file << ": " << o.message << "\n";
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
    base = base / fs::path(input).stem();
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
    std::cerr << "aftale: --format both needs -o PATH (JSON and XML cannot share standard output)\n";
    return ExitCode(ErrorCode::kUsage);
  }
  OutputPlan plan = PlanFor(file, out, format);
  GuardOutcome o = RunGuarded(
      [&]() -> int {
        std::signal(SIGPIPE, SIG_IGN);
        std::string message;
        int rc = ExtractToFiles(file, plan, common.Read(), &message, nullptr);
        if (rc != 0 && !(rc == ExitCode(ErrorCode::kOutput) && errno == EPIPE)) {
          Report("aftale: " + file + ": " + message);
        }
        return rc;
      },
      common.Limits());
  if (!o.message.empty()) std::cerr << "aftale: " << file << ": " << o.message << "\n";
  return o.exit_code;
}

}  // namespace
}  // namespace extractor::cli

int main(int argc, char** argv) {
  using namespace extractor::cli;
  CLI::App app{"aftale: Danish municipal budget agreements and follow-ups, from PDF to data"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "aftale 0.1.0");

  CommonOptions common;
  std::string text_file;
  bool dump = false;
  CLI::App* text = app.add_subcommand("text", "Print a PDF's clean text in reading order");
  text->add_option("FILE", text_file, "The PDF")->required();
  text->add_flag("--dump", dump, "Print the layout stage: blocks and lines with boxes");
  AddCommon(text, &common);

  std::string extract_file, extract_out, extract_format = "json";
  CLI::App* extract = app.add_subcommand(
      "extract", "Extract one PDF into a record (JSON on standard output by default)");
  extract->add_option("FILE", extract_file, "The PDF")->required();
  extract->add_option("-o,--output", extract_out,
                      "Write here instead of standard output (a file; for --format both a "
                      "path stem or folder)");
  extract->add_option("--format", extract_format, "json, xml or both")
      ->check(CLI::IsMember({"json", "xml", "both"}))
      ->capture_default_str();
  AddCommon(extract, &common);

  ConvertOptions convert_opts;
  std::string convert_format = "json";
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* convert = app.add_subcommand(
      "convert", "Convert PDFs and folders of PDFs into one record each, in parallel");
  convert->add_option("INPUT", convert_opts.inputs, "PDF files or folders (searched for *.pdf)")
      ->required();
  convert->add_option("-o,--output", convert_opts.outdir, "Output folder (created if missing)")
      ->required();
  convert->add_option("-j,--jobs", jobs, "Documents converted at once")->capture_default_str();
  convert->add_option("--format", convert_format, "json, xml or both")
      ->check(CLI::IsMember({"json", "xml", "both"}))
      ->capture_default_str();
  convert->add_flag("-q,--quiet", convert_opts.quiet, "Report only failures and the summary");
  AddCommon(convert, &common);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : extractor::ExitCode(extractor::ErrorCode::kUsage);
  }
  if (text->parsed()) return RunText(text_file, dump, common);
  if (extract->parsed()) {
    return RunExtract(extract_file, extract_out, *ParseFormat(extract_format), common);
  }
  if (convert->parsed()) {
    convert_opts.jobs = jobs;
    convert_opts.format = *ParseFormat(convert_format);
    if (common.has_password) convert_opts.password = common.password;
    convert_opts.limits = common.Limits();
    convert_opts.limits.isolate = true;  // a batch always isolates its documents
    return RunConvert(convert_opts);
  }
  return extractor::ExitCode(extractor::ErrorCode::kUsage);
}
