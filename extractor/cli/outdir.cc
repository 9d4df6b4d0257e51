#include "cli/outdir.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <link.h>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "cli/output.h"
#include "unicode.h"

namespace extractor::cli {

FolderLock& FolderLock::operator=(FolderLock&& o) noexcept {
  if (this != &o) {
    Release();
    fd_ = o.fd_;
    path_ = std::move(o.path_);
    o.fd_ = -1;
  }
  return *this;
}

void FolderLock::Release() {
  if (fd_ < 0) return;
  // Removed while still held: a run waiting on the old file sees that it
  // is gone (LockFolder checks) and takes a fresh one.
  unlink(path_.c_str());
  close(fd_);
  fd_ = -1;
}

namespace {

std::string HolderOf(int fd) {
  char buf[32] = {};
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return "";
  return pid;
}

}  // namespace

Result<FolderLock> LockFolder(const std::string& dir, bool wait) {
  std::string path = dir + "/" + kLockFileName;
  bool said = false;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
      return Error{ErrorCode::kOutput, "cannot write in the output folder " + FileNameToUtf8(dir) +
                                           ": " + std::strerror(errno)};
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int err = errno;
      if (err != EWOULDBLOCK) {
        close(fd);
        return Error{ErrorCode::kOutput, "cannot lock the output folder " + FileNameToUtf8(dir) +
                                             ": " + std::strerror(err)};
      }
      std::string holder = HolderOf(fd);
      std::string who = holder.empty() ? "another aftale run" : "another aftale run (pid " + holder + ")";
      if (!wait) {
        close(fd);
        return Error{ErrorCode::kBusy, "the output folder " + FileNameToUtf8(dir) + " is in use by " +
                                           who + "; try again when it has finished, or add --wait"};
      }
      if (!said) {
        std::fprintf(stderr, "aftale: waiting for %s to finish with %s\n", who.c_str(),
                     FileNameToUtf8(dir).c_str());
        said = true;
      }
      while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
          int e = errno;
          close(fd);
          return Error{ErrorCode::kOutput, "cannot lock the output folder: " + std::string(std::strerror(e))};
        }
      }
    }
    // The run before us may have removed the file while we waited for it:
    // then our lock is on a name nobody else sees. Take a fresh one.
    struct stat held, named;
    if (fstat(fd, &held) != 0 || stat(path.c_str(), &named) != 0 || held.st_ino != named.st_ino ||
        held.st_dev != named.st_dev) {
      close(fd);
      continue;
    }
    std::string pid = std::to_string(getpid()) + "\n";
    if (ftruncate(fd, 0) == 0) {
      ssize_t ignored = pwrite(fd, pid.data(), pid.size(), 0);
      (void)ignored;
    }
    FolderLock lock;
    lock.fd_ = fd;
    lock.path_ = path;
    return lock;
  }
  return Error{ErrorCode::kBusy, "cannot lock the output folder " + FileNameToUtf8(dir)};
}

int RemoveStaleTemporaries(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return 0;
  int removed = 0;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    std::string path = dir + "/" + name;
    if (IsTemporaryName(name)) {
      int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0) continue;
      struct stat st;
      // Its writer holds a flock for as long as it lives.
      if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
          unlink(path.c_str()) == 0) {
        ++removed;
      }
      close(fd);
      continue;
    }
    // Older versions wrote NAME.json.tmp.PID beside the record.
    size_t tmp = name.rfind(".tmp.");
    if (tmp == std::string::npos) continue;
    std::string stem = name.substr(0, tmp), pid = name.substr(tmp + 5);
    bool ours = (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".json") == 0) ||
                (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".xml") == 0);
    if (!ours || pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    if (kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH &&
        unlink(path.c_str()) == 0) {
      ++removed;
    }
  }
  closedir(d);
  return removed;
}

namespace {

bool IsSha256(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool EndsWith(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

std::optional<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

RecordIdentity ReadRecordIdentity(const std::string& path) {
  RecordIdentity id;
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return id;
  id.exists = true;
  // A link, a folder or a device is never a file we wrote.
  if (!S_ISREG(st.st_mode)) return id;
  std::optional<std::string> text = ReadSmallFile(path);
  if (!text) return id;
  if (EndsWith(path, ".json")) {
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return id;
    auto version = j.find("schema_version");
    auto source = j.find("source");
    if (version == j.end() || !version->is_string() || version->get<std::string>().rfind("1.", 0) != 0 ||
        source == j.end() || !source->is_object()) {
      return id;
    }
    auto sha = source->find("sha256");
    auto file = source->find("file");
    if (sha == source->end() || !sha->is_string() || !IsSha256(sha->get<std::string>())) return id;
    id.ours = true;
    id.sha256 = sha->get<std::string>();
    if (file != source->end() && file->is_string()) id.file = file->get<std::string>();
  } else if (EndsWith(path, ".xml")) {
    pugi::xml_document doc;
    if (!doc.load_buffer(text->data(), text->size())) return id;
    pugi::xml_node root = doc.document_element();
    if (std::strcmp(root.name(), "aftale") != 0 ||
        std::strcmp(root.attribute("xmlns").value(), "urn:aftale:record:1") != 0) {
      return id;
    }
    std::string sha = root.child("source").attribute("sha256").value();
    if (!IsSha256(sha)) return id;
    id.ours = true;
    id.sha256 = sha;
    id.file = root.child("source").attribute("file").value();
  }
  return id;
}

Result<std::string> ReadOwnSummary(const std::string& path) {
  Error not_ours{ErrorCode::kOutput, FileNameToUtf8(path) +
                                         " was not written by aftale; move it away (it is never "
                                         "overwritten)"};
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::string();
    return Error{ErrorCode::kOutput, "cannot read " + FileNameToUtf8(path) + ": " + std::strerror(errno)};
  }
  if (!S_ISREG(st.st_mode)) return not_ours;
  std::optional<std::string> text = ReadSmallFile(path);
  if (!text) return Error{ErrorCode::kOutput, "cannot read " + FileNameToUtf8(path)};
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("files") || !j["files"].is_array()) return not_ours;
  // Summaries before 1.0 had no "tool", but always "inputs" and "counts".
  if (j.value("tool", "") != "aftale" && !(j.contains("inputs") && j.contains("counts"))) {
    return not_ours;
  }
  return *text;
}

namespace {

int FindBuildId(dl_phdr_info* info, size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto* nh = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* name = p + sizeof(ElfW(Nhdr));
      const char* desc = name + ((nh->n_namesz + 3) & ~3u);
      if (desc + nh->n_descsz > end) break;
      if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
        static const char kHex[] = "0123456789abcdef";
        for (unsigned k = 0; k < nh->n_descsz; ++k) {
          unsigned char c = static_cast<unsigned char>(desc[k]);
          *out += kHex[c >> 4];
          *out += kHex[c & 15];
        }
        return 1;
      }
      p = desc + ((nh->n_descsz + 3) & ~3u);
    }
  }
  return 1;  // only the first object, the executable itself
}

}  // namespace

std::string BuildId() {
  std::string id;
  dl_iterate_phdr(FindBuildId, &id);
  if (!id.empty()) return id;
  struct stat st;
  if (stat("/proc/self/exe", &st) == 0) {
    return "size-" + std::to_string(st.st_size) + "-mtime-" + std::to_string(st.st_mtime);
  }
  return "unknown";
}

}  // namespace extractor::cli
