#include "summary.h"

#include <nlohmann/json.hpp>

namespace extractor {

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPending: return "pending";
    case Outcome::kOk: return "ok";
    case Outcome::kSkipped: return "skipped";
    case Outcome::kCannotOpen: return "cannot_open";
    case Outcome::kNotPdf: return "not_pdf";
    case Outcome::kDamaged: return "damaged";
    case Outcome::kEncrypted: return "encrypted";
    case Outcome::kNoText: return "no_text";
    case Outcome::kLimit: return "limit";
    case Outcome::kOutputError: return "output_error";
    case Outcome::kInvalidRecord: return "invalid_record";
    case Outcome::kCrashed: return "crashed";
    case Outcome::kInterrupted: return "interrupted";
  }
  return "crashed";
}

std::optional<Outcome> OutcomeFromName(std::string_view name) {
  for (Outcome o : kAllOutcomes) {
    if (name == OutcomeName(o)) return o;
  }
  return std::nullopt;
}

Outcome OutcomeForExitCode(int exit_code) {
  switch (exit_code) {
    case 0: return Outcome::kOk;
    case static_cast<int>(ErrorCode::kOpenFailed): return Outcome::kCannotOpen;
    case static_cast<int>(ErrorCode::kNotPdf): return Outcome::kNotPdf;
    case static_cast<int>(ErrorCode::kDamaged): return Outcome::kDamaged;
    case static_cast<int>(ErrorCode::kEncrypted): return Outcome::kEncrypted;
    case static_cast<int>(ErrorCode::kNoText): return Outcome::kNoText;
    case static_cast<int>(ErrorCode::kLimit): return Outcome::kLimit;
    case static_cast<int>(ErrorCode::kOutput): return Outcome::kOutputError;
    case static_cast<int>(ErrorCode::kInvalid): return Outcome::kInvalidRecord;
    default: return Outcome::kCrashed;
  }
}

bool IsFailure(Outcome o) {
  return o != Outcome::kPending && o != Outcome::kOk && o != Outcome::kSkipped;
}

const char* RunStateName(RunState s) {
  switch (s) {
    case RunState::kRunning: return "running";
    case RunState::kComplete: return "complete";
    case RunState::kInterrupted: return "interrupted";
  }
  return "running";
}

void CountOutcomes(BatchSummary* summary) {
  summary->counts.clear();
  for (Outcome o : kAllOutcomes) {
    int n = 0;
    for (const SummaryEntry& e : summary->files) n += e.status == o;
    summary->counts.emplace_back(o, n);
  }
}

namespace {

using Json = nlohmann::json;

std::optional<std::string> OptString(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<int> OptInt(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

std::vector<std::string> Strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const Json& s : *it) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

}  // namespace

Result<BatchSummary> ParseSummaryJson(const std::string& json) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("files") || !j["files"].is_array()) {
    return Error{ErrorCode::kInvalid, "not an aftale summary"};
  }
  BatchSummary s;
  s.summary_version = OptString(j, "summary_version").value_or("");
  s.version = OptString(j, "version").value_or("");
  s.build = OptString(j, "build").value_or("");
  std::string state = OptString(j, "state").value_or("complete");
  s.state = state == "running"       ? RunState::kRunning
            : state == "interrupted" ? RunState::kInterrupted
                                     : RunState::kComplete;
  s.format = OptString(j, "format").value_or("");
  s.started = OptString(j, "started").value_or("");
  s.finished = OptString(j, "finished");
  if (j.contains("seconds") && j["seconds"].is_number()) s.seconds = j["seconds"].get<double>();
  for (const Json& f : j["files"]) {
    if (!f.is_object()) continue;
    SummaryEntry e;
    e.input = OptString(f, "input").value_or("");
    e.path = OptString(f, "path").value_or("");
    std::string status = OptString(f, "status").value_or("");
    // Before 1.0 a failure's status was a phrase ("not a PDF"): all that
    // matters to a rerun is that it was not "ok".
    e.status = OutcomeFromName(status).value_or(Outcome::kCrashed);
    e.exit_code = OptInt(f, "exit_code");
    e.message = OptString(f, "message");
    e.sha256 = OptString(f, "sha256");
    e.outputs = Strings(f, "outputs");
    e.removed = Strings(f, "removed");
    e.kind = OptString(f, "kind");
    e.pages = OptInt(f, "pages");
    e.items = OptInt(f, "items");
    e.warnings = OptInt(f, "warnings");
    auto sec = f.find("seconds");
    if (sec != f.end() && sec->is_number()) e.seconds = sec->get<double>();
    s.files.push_back(std::move(e));
  }
  CountOutcomes(&s);
  return s;
}

}  // namespace extractor
