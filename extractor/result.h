// result.h: Error and Result<T>, the std::expected-shaped return type of every
// stage that can fail as a whole.
//
//   Result<RawDocument> r = ReadPdf(path, opts);
//   if (!r.ok()) { std::cerr << r.error().message; return ExitCode(r.error().code); }
//   Use(*r);
#ifndef AFTALE_RESULT_H_
#define AFTALE_RESULT_H_

#include <string>
#include <utility>
#include <variant>

namespace extractor {

// Why a whole stage produced nothing. The values are the documented process
// exit codes of the `aftale` command (see README.md, "Exit codes").
enum class ErrorCode {
  kUsage = 1,          // bad command line
  kOpenFailed = 2,     // missing, unreadable, a directory
  kNotPdf = 3,         // empty, or no %PDF header
  kDamaged = 4,        // a PDF that cannot be repaired
  kEncrypted = 5,      // needs a password, or the one given is wrong
  kNoText = 6,         // no text layer at all (scanned?)
  kLimit = 7,          // time or memory limit exceeded
  kOutput = 8,         // cannot write the output
  kInvalid = 9,        // the record failed schema validation (a bug)
  kInternal = 10,      // the worker crashed: a bug, please report the file
  kPartial = 11,       // convert: some inputs failed (the others were written)
  kBusy = 12,          // convert: another run is using the output folder
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // one line, no trailing newline
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  const Error& error() const { return std::get<1>(v_); }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline int ExitCode(ErrorCode c) { return static_cast<int>(c); }

}  // namespace extractor

#endif  // AFTALE_RESULT_H_
