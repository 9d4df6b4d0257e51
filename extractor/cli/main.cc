// The `aftale` command: flags, subcommands and exit codes. The work itself is
// in the library; this file only wires options to it.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/guard.h"
#include "layout.h"
#include "reader.h"
#include "result.h"

namespace extractor::cli {
namespace {

struct CommonOptions {
  std::string password;
  bool has_password = false;
  int timeout = 60;
  long memory_mb = 4096;
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
  std::cerr << "aftale: " << file << ": " << e.message << "\n";
  return ExitCode(e.code);
}

int RunText(const std::string& file, bool dump, const CommonOptions& common) {
  GuardOutcome o = RunGuarded(
      [&]() -> int {
        Result<RawDocument> raw = ReadPdf(file, common.Read());
        if (!raw.ok()) return Fail(file, raw.error());
        LaidDocument laid = Layout(*raw);
        std::string out = dump ? RenderDump(laid) : RenderText(laid);
        bool any_text = false;
        for (const RawPage& p : raw->pages) any_text = any_text || !p.words.empty();
        if (!any_text && !dump) {
          return Fail(file, Error{ErrorCode::kNoText, "no text: the PDF has no text layer (scanned?)"});
        }
        if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
          return Fail(file, Error{ErrorCode::kOutput, "cannot write to standard output"});
        }
        return 0;
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : extractor::ExitCode(extractor::ErrorCode::kUsage);
  }
  if (text->parsed()) return RunText(text_file, dump, common);
  return extractor::ExitCode(extractor::ErrorCode::kUsage);
}
