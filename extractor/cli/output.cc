#include "cli/output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "emit.h"
#include "pipeline.h"
#include "validate.h"

namespace extractor::cli {

std::optional<Format> ParseFormat(const std::string& s) {
  if (s == "json") return Format::kJson;
  if (s == "xml") return Format::kXml;
  if (s == "both") return Format::kBoth;
  return std::nullopt;
}

std::optional<std::string> WriteAtomically(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create " + tmp + ": " + std::strerror(errno);
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = std::strerror(errno);
      close(fd);
      unlink(tmp.c_str());
      return "cannot write " + tmp + ": " + err;
    }
    done += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    std::string err = std::strerror(errno);
    unlink(tmp.c_str());
    return "cannot write " + tmp + ": " + err;
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = std::strerror(errno);
    unlink(tmp.c_str());
    return "cannot rename to " + path + ": " + err;
  }
  return std::nullopt;
}

int ExtractToFiles(const std::string& input, const OutputPlan& plan, const ReadOptions& options,
                   std::string* message, ExtractStats* stats) {
  Result<Record> record = ExtractRecord(input, options);
  if (!record.ok()) {
    *message = record.error().message;
    return ExitCode(record.error().code);
  }
  if (stats != nullptr) {
    stats->pages = record->source.pages;
    stats->items = static_cast<int>(record->items.size());
    stats->kind = DocKindName(record->document.kind);
    stats->warnings = static_cast<int>(record->warnings.size());
  }
  bool want_json = plan.format != Format::kXml;
  bool want_xml = plan.format != Format::kJson;
  // Render and validate everything before writing anything.
  std::string json, xml;
  if (want_json) {
    json = EmitJson(*record);
    if (auto err = ValidateJson(json)) {
      *message = "the record fails schemas/aftale.schema.json (a bug; nothing written): " + *err;
      while (!message->empty() && message->back() == '\n') message->pop_back();
      return ExitCode(ErrorCode::kInvalid);
    }
  }
  if (want_xml) {
    xml = EmitXml(*record);
    if (auto err = ValidateXml(xml)) {
      *message = "the record fails schemas/aftale.xsd (a bug; nothing written): " + *err;
      while (!message->empty() && message->back() == '\n') message->pop_back();
      return ExitCode(ErrorCode::kInvalid);
    }
  }
  if (plan.to_stdout) {
    const std::string& out = want_json ? json : xml;
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
      *message = "cannot write to standard output";
      return ExitCode(ErrorCode::kOutput);
    }
    return 0;
  }
  if (want_json) {
    if (auto err = WriteAtomically(plan.json_path, json)) {
      *message = *err;
      return ExitCode(ErrorCode::kOutput);
    }
  }
  if (want_xml) {
    if (auto err = WriteAtomically(plan.xml_path, xml)) {
      *message = *err;
      return ExitCode(ErrorCode::kOutput);
    }
  }
  return 0;
}

}  // namespace extractor::cli
