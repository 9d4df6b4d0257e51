// outdir.h: the output folder of `convert` as something a run owns for its
// duration. One run at a time (an advisory lock, OUTDIR/.aftale.lock);
// temporaries of killed runs removed first; and a way to tell the files
// aftale wrote from a user's own, which are never overwritten.
//
//   Result<FolderLock> lock = LockFolder("out", /*wait=*/false);
//   if (!lock.ok()) ...;                       // kBusy: another run has it
//   RemoveStaleTemporaries("out");
//   RecordIdentity id = ReadRecordIdentity("out/a.json");
//   if (id.ours && id.sha256 == sha) ...       // the record of this very input
//   lock->Release();
#ifndef AFTALE_CLI_OUTDIR_H_
#define AFTALE_CLI_OUTDIR_H_

#include <optional>
#include <string>

#include "result.h"

namespace extractor::cli {

inline constexpr char kLockFileName[] = ".aftale.lock";

// flock() on OUTDIR/.aftale.lock, held until Release() (or the process and
// every worker it forked has ended: a killed run never leaves a stale
// lock). Release() removes the file again.
class FolderLock {
 public:
  FolderLock() = default;
  FolderLock(FolderLock&& o) noexcept : fd_(o.fd_), path_(std::move(o.path_)) { o.fd_ = -1; }
  FolderLock& operator=(FolderLock&& o) noexcept;
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  ~FolderLock() { Release(); }

  void Release();

 private:
  friend Result<FolderLock> LockFolder(const std::string& dir, bool wait);
  int fd_ = -1;
  std::string path_;
};

// Takes the lock. Busy without `wait`: Error kBusy, saying which process
// holds it. With `wait`, blocks until the other run ends (a line on stderr
// says so first).
Result<FolderLock> LockFolder(const std::string& dir, bool wait);

// Removes temporaries (output.h, ".aftale-XXXXXX") that no live process
// holds, and the "NAME.tmp.PID" files of older versions whose process is
// gone. Returns how many it removed.
int RemoveStaleTemporaries(const std::string& dir);

// What an existing file in the output folder is.
struct RecordIdentity {
  bool exists = false;
  // A record aftale wrote: JSON with schema_version 1.x and source.sha256,
  // or XML whose root is <aftale xmlns="urn:aftale:record:1"> with one.
  bool ours = false;
  std::string sha256;  // source.sha256
  std::string file;    // source.file
};
RecordIdentity ReadRecordIdentity(const std::string& path);

// The summary at `path` if aftale wrote it ("" when there is none yet).
// Error kOutput when the file is something else: besides records, the
// summary is the only file a run replaces, and never a user's.
Result<std::string> ReadOwnSummary(const std::string& path);

// An id of this build of aftale: the executable's GNU build-id, else its
// size and modification time. A resumed run skips only work this very
// build did.
std::string BuildId();

}  // namespace extractor::cli

#endif  // AFTALE_CLI_OUTDIR_H_
