#include "cli/output.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/signals.h"
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

const char* FormatName(Format f) {
  switch (f) {
    case Format::kJson: return "json";
    case Format::kXml: return "xml";
    case Format::kBoth: return "both";
  }
  return "json";
}

bool IsTemporaryName(std::string_view name) {
  std::string_view prefix = kTempPrefix;
  if (name.size() != prefix.size() + 6 || name.substr(0, prefix.size()) != prefix) return false;
  for (char c : name.substr(prefix.size())) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

namespace {

Error OutputError(const std::string& what, int err) {
  return Error{ErrorCode::kOutput, "cannot write " + what + ": " + std::strerror(err)};
}

std::string Dirname(const std::string& p) {
  size_t slash = p.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return p.substr(0, slash);
}

// "-", /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name a
// descriptor this process already has: write to it, never reopen or rename.
std::optional<int> DescriptorPath(const std::string& p) {
  if (p == "-" || p == "/dev/stdout") return 1;
  if (p == "/dev/stderr") return 2;
  for (const char* prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    size_t n = std::strlen(prefix);
    if (p.size() > n && p.compare(0, n, prefix) == 0 &&
        p.find_first_not_of("0123456789", n) == std::string::npos && p.size() - n < 6) {
      return std::atoi(p.c_str() + n);
    }
  }
  return std::nullopt;
}

struct Target {
  enum Kind { kReplace, kThrough, kDescriptor } kind = kReplace;
  std::string path;  // symbolic links followed
  int fd = -1;       // kDescriptor
};

Result<Target> Resolve(const std::string& path) {
  std::string p = path;
  for (int hop = 0; hop < 40; ++hop) {
    if (std::optional<int> fd = DescriptorPath(p)) return Target{Target::kDescriptor, p, *fd};
    struct stat st;
    if (lstat(p.c_str(), &st) != 0) {
      if (errno == ENOENT) return Target{Target::kReplace, p, -1};
      return OutputError(p, errno);
    }
    if (S_ISLNK(st.st_mode)) {
      // Follow the link: its target is replaced, the link stays a link.
      char buf[4096];
      ssize_t n = readlink(p.c_str(), buf, sizeof buf - 1);
      if (n <= 0) return OutputError(p, errno);
      std::string link(buf, static_cast<size_t>(n));
      p = link[0] == '/' ? link : Dirname(p) + "/" + link;
      continue;
    }
    if (S_ISREG(st.st_mode)) return Target{Target::kReplace, p, -1};
    if (S_ISDIR(st.st_mode)) {
      return Error{ErrorCode::kOutput, "cannot write " + path + ": it is a folder"};
    }
    return Target{Target::kThrough, p, -1};  // a device, FIFO or socket
  }
  return OutputError(path, ELOOP);
}

mode_t Umask() {
  static const mode_t mask = [] {
    mode_t m = umask(0);
    umask(m);
    return m;
  }();
  return mask;
}

bool WriteAll(int fd, const std::string& content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// A temporary beside `final_path`, written and synced; its flock tells a
// later run's clean-up that its writer is still alive.
struct Temp {
  std::string path;
  int fd = -1;
  int slot = -1;
  std::string backup;  // a second name of the file it replaces
  int backup_slot = -1;
};

void Discard(Temp* t) {
  if (t->fd >= 0) {
    unlink(t->path.c_str());
    close(t->fd);
    t->fd = -1;
  }
  if (!t->backup.empty()) unlink(t->backup.c_str());
  UnregisterTemporary(t->slot);
  UnregisterTemporary(t->backup_slot);
}

Result<Temp> WriteTemp(const std::string& final_path, const std::string& content) {
  Temp t;
  for (int attempt = 0;; ++attempt) {
    t.path = Dirname(final_path) + "/" + kTempPrefix + "XXXXXX";
    t.fd = mkostemp(t.path.data(), O_CLOEXEC);
    if (t.fd < 0) return OutputError(final_path, errno);
    flock(t.fd, LOCK_EX);
    // Another run's clean-up may have taken it for stale in the instant
    // before the lock: then it is gone, and we start again.
    struct stat own;
    if (fstat(t.fd, &own) == 0 && own.st_nlink > 0) break;
    close(t.fd);
    if (attempt == 3) return OutputError(final_path, ENOENT);
  }
  t.slot = RegisterTemporary(t.path);
  struct stat st;
  mode_t mode = stat(final_path.c_str(), &st) == 0 ? (st.st_mode & 07777) : (0666 & ~Umask());
  if (fchmod(t.fd, mode) != 0 || !WriteAll(t.fd, content) || fsync(t.fd) != 0) {
    int err = errno;
    Discard(&t);
    return OutputError(final_path, err);
  }
  return t;
}

// A second name for the file about to be replaced, so a failed commit of
// several files can put it back.
void KeepBackup(const std::string& final_path, Temp* t) {
  std::string name = Dirname(final_path) + "/" + kTempPrefix + "XXXXXX";
  int fd = mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) return;
  close(fd);
  unlink(name.c_str());
  if (link(final_path.c_str(), name.c_str()) != 0) return;  // best effort (no hard links on vfat)
  t->backup = name;
  t->backup_slot = RegisterTemporary(name);
}

void SyncFolder(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);  // some file systems refuse (EINVAL): the rename is done either way
  close(fd);
}

}  // namespace

Result<std::vector<std::string>> CommitFiles(const std::vector<FileContent>& files) {
  std::vector<Target> targets;
  for (const FileContent& f : files) {
    Result<Target> t = Resolve(f.path);
    if (!t.ok()) return t.error();
    targets.push_back(*t);
  }
  // 1. Every replaced file into its temporary, synced.
  std::vector<Temp> temps(files.size());
  auto discard_all = [&] {
    for (Temp& t : temps) Discard(&t);
  };
  for (size_t i = 0; i < files.size(); ++i) {
    if (targets[i].kind != Target::kReplace) continue;
    Result<Temp> t = WriteTemp(targets[i].path, files[i].content);
    if (!t.ok()) {
      discard_all();
      return t.error();
    }
    temps[i] = *t;
  }
  // 2. Devices, FIFOs and descriptors are written through.
  for (size_t i = 0; i < files.size(); ++i) {
    const Target& t = targets[i];
    if (t.kind == Target::kReplace) continue;
    int fd = t.kind == Target::kDescriptor ? t.fd
                                           : open(t.path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    bool ok = fd >= 0 && WriteAll(fd, files[i].content);
    int err = errno;
    if (t.kind == Target::kThrough && fd >= 0) close(fd);
    if (!ok) {
      discard_all();
      return OutputError(files[i].path, err);
    }
  }
  // 3. The renames. With more than one file, each old file keeps a second
  // name until all are in place, so a failure half-way can be undone.
  size_t replaced = 0;
  for (const Target& t : targets) replaced += t.kind == Target::kReplace;
  if (replaced > 1) {
    for (size_t i = 0; i < files.size(); ++i) {
      if (targets[i].kind == Target::kReplace) KeepBackup(targets[i].path, &temps[i]);
    }
  }
  std::set<std::string> folders;
  for (size_t i = 0; i < files.size(); ++i) {
    if (targets[i].kind != Target::kReplace) continue;
    if (rename(temps[i].path.c_str(), targets[i].path.c_str()) != 0) {
      int err = errno;
      for (size_t j = 0; j < i; ++j) {
        if (targets[j].kind != Target::kReplace) continue;
        if (!temps[j].backup.empty()) {
          rename(temps[j].backup.c_str(), targets[j].path.c_str());
          temps[j].backup.clear();
        } else {
          unlink(targets[j].path.c_str());  // it did not exist before
        }
      }
      discard_all();
      return OutputError(files[i].path, err);
    }
    UnregisterTemporary(temps[i].slot);
    temps[i].slot = -1;
    folders.insert(Dirname(targets[i].path));
  }
  std::vector<std::string> written;
  for (size_t i = 0; i < files.size(); ++i) {
    Temp& t = temps[i];
    if (!t.backup.empty()) unlink(t.backup.c_str());
    UnregisterTemporary(t.backup_slot);
    if (t.fd >= 0) close(t.fd);
    written.push_back(targets[i].path);
  }
  for (const std::string& d : folders) SyncFolder(d);
  return written;
}

int ExtractToFiles(const std::string& input, const OutputPlan& plan, const ReadOptions& options,
                   std::string* message, ExtractStats* stats) {
  Result<Record> record = ExtractRecord(input, options);
  if (!record.ok()) {
    *message = record.error().message;
    return ExitCode(record.error().code);
  }
  if (!plan.source_name.empty()) record->source.file = plan.source_name;
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
  std::vector<FileContent> files;
  if (want_json) files.push_back({plan.json_path, std::move(json)});
  if (want_xml) files.push_back({plan.xml_path, std::move(xml)});
  Result<std::vector<std::string>> written = CommitFiles(files);
  if (!written.ok()) {
    *message = written.error().message;
    return ExitCode(ErrorCode::kOutput);
  }
  return 0;
}

}  // namespace extractor::cli
