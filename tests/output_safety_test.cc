// Issue 11, "the output folder never lies": each numbered case of the issue
// as the user met it, and resuming a run. Every input is made here; a test
// that needs what this machine may lack (a second user, a tmpfs) says why
// it skips.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "cli_run.h"
#include "validate.h"

#if defined(__SANITIZE_ADDRESS__)
#define AFTALE_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AFTALE_TEST_ASAN 1
#endif
#endif

namespace extractor::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// A fresh folder for one test.
fs::path Fresh(const std::string& name) {
  fs::path d = TestDir() / "safety" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::set<std::string> Listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

Json Summary(const fs::path& outdir) {
  return Json::parse(ReadFile(outdir / "aftale-summary.json"), nullptr, false);
}

// The summary entry whose input ends with `name`.
Json Entry(const Json& summary, const std::string& name) {
  for (const Json& f : summary["files"]) {
    std::string in = f["input"].get<std::string>();
    if (in.size() >= name.size() && in.compare(in.size() - name.size(), name.size(), name) == 0) {
      return f;
    }
  }
  return Json();
}

bool NoTemporaries(const fs::path& dir) {
  for (const std::string& n : Listing(dir)) {
    if (n.rfind(".aftale-", 0) == 0 || n.find(".tmp.") != std::string::npos) return false;
  }
  return true;
}

// Waits until the run's summary says "running" (the run has started its
// documents), at most `seconds`.
bool WaitForRunning(const fs::path& outdir, double seconds) {
  auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - t0 < std::chrono::duration<double>(seconds)) {
    Json s = Summary(outdir);
    if (s.is_object() && s.value("state", "") == "running") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

std::string S(const fs::path& p) { return p.string(); }

// ---- 1. extract -o onto devices, FIFOs, symlinks, standard output ----

TEST(OutputSafety, Case01_OutputPathsAreWrittenThroughOrFollowed) {
  fs::path dir = Fresh("case01");
  fs::path pdf = WriteBytes(dir, "a.pdf", GoodPdf("Borgermillionen"));

  // A character device of our own (root can make one), else /dev/null,
  // where a non-root rename would fail anyway.
  fs::path dev = dir / "null";
  if (mknod(dev.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) dev = "/dev/null";
  CmdResult r = RunAftale({"extract", S(pdf), "-o", S(dev)});
  EXPECT_EQ(r.code, 0) << r.err;
  struct stat st;
  ASSERT_EQ(stat(dev.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << dev << " is no longer a device";

  // /dev/stdout: the record arrives on standard output.
  r = RunAftale({"extract", S(pdf), "-o", "/dev/stdout"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(ValidateJson(r.out).has_value()) << "stdout: " << r.out.substr(0, 200);
  r = RunAftale({"extract", S(pdf), "-o", "-"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(ValidateJson(r.out).has_value());

  // A symlink is followed: its target gets the record, the link stays.
  fs::create_directories(dir / "records");
  WriteBytes(dir / "records", "2030.json", "old");
  fs::create_symlink("records/2030.json", dir / "latest.json");
  r = RunAftale({"extract", S(pdf), "-o", S(dir / "latest.json")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir / "latest.json"));
  EXPECT_FALSE(ValidateJson(ReadFile(dir / "records" / "2030.json")).has_value());
  EXPECT_TRUE(NoTemporaries(dir / "records"));

  // A FIFO is written through to whoever reads it.
  fs::path fifo = dir / "pipe";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  // Held open for reading and writing, it never blocks anyone; the record
  // (a few KiB) waits in the pipe's buffer until the run is over.
  int fifo_fd = open(fifo.c_str(), O_RDWR | O_NONBLOCK);
  ASSERT_GE(fifo_fd, 0);
  r = RunAftale({"extract", S(pdf), "-o", S(fifo), "--format", "xml"});
  std::string got;
  char buf[4096];
  for (ssize_t n; (n = read(fifo_fd, buf, sizeof buf)) > 0;) got.append(buf, static_cast<size_t>(n));
  close(fifo_fd);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_FALSE(ValidateXml(got).has_value()) << got.substr(0, 200);
  EXPECT_TRUE(NoTemporaries(dir));
}

// ---- 2. two runs into one folder ----

TEST(OutputSafety, Case02_ASecondRunStopsOrWaits) {
  fs::path dir = Fresh("case02");
  fs::path in = dir / "in";
  WriteBytes(in, "a.pdf", GoodPdf("En"));
  WriteBytes(in, "slow.pdf", SlowPdf());
  fs::path out = dir / "out";
  pid_t first = StartAftale({"convert", S(in), "-o", S(out), "-j", "2", "--timeout", "2"},
                            S(dir / "first.out"), S(dir / "first.err"));
  ASSERT_TRUE(WaitForRunning(out, 20));

  fs::path other = WriteBytes(dir / "other", "b.pdf", GoodPdf("To"));
  CmdResult busy = RunAftale({"convert", S(other), "-o", S(out)});
  EXPECT_EQ(busy.code, 12) << busy.err;
  EXPECT_EQ(CountLines(busy.err), 1) << busy.err;
  EXPECT_NE(busy.err.find("in use"), std::string::npos) << busy.err;
  int status = 0;
  EXPECT_EQ(waitpid(first, &status, WNOHANG), 0) << "the second run waited for the first";
  EXPECT_FALSE(fs::exists(out / "b.json")) << "the refused run wrote";

  CmdResult waited = RunAftale({"convert", S(other), "-o", S(out), "--wait"});
  int first_code = WaitAftale(first, 60);
  EXPECT_EQ(first_code, 11) << ReadFile(dir / "first.err");
  EXPECT_EQ(waited.code, 0) << waited.err;
  EXPECT_NE(waited.err.find("waiting"), std::string::npos) << waited.err;
  // The last run's summary describes exactly that run, and the folder is
  // left without a lock file.
  Json s = Summary(out);
  ASSERT_EQ(s["files"].size(), 1u);
  EXPECT_EQ(s["files"][0]["status"], "ok");
  EXPECT_EQ(s["state"], "complete");
  EXPECT_FALSE(fs::exists(out / ".aftale.lock"));
  EXPECT_TRUE(fs::exists(out / "a.json"));
  EXPECT_TRUE(fs::exists(out / "b.json"));
}

// ---- 3. a folder that cannot be written, a summary that cannot be written ----

TEST(OutputSafety, Case03_NothingWrittenIsExit8BeforeTheFirstDocument) {
  fs::path dir = Fresh("case03");
  fs::path in = dir / "in";
  WriteBytes(in, "a.pdf", GoodPdf("En"));
  WriteBytes(in, "slow.pdf", SlowPdf());
  // No byte can be written (RLIMIT_FSIZE 0): the "running" summary fails,
  // and the run stops before it parses anything (slow.pdf would take 2 s).
  RunOptions full;
  full.file_size_limit = 0;
  CmdResult r = RunAftale({"convert", S(in), "-o", S(dir / "out"), "--timeout", "4"}, full);
  EXPECT_EQ(r.code, 8) << r.err;
  EXPECT_LT(r.seconds, 3) << "it parsed documents first";
  EXPECT_NE(r.err.find("nothing converted"), std::string::npos) << r.err;
  EXPECT_TRUE(NoTemporaries(dir / "out"));

  // A read-only folder, as another user (root may write anywhere).
  fs::path ro = dir / "ro";
  fs::create_directories(ro);
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                          fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  RunOptions other;
  if (IsRoot()) {
    if (!HaveSetpriv()) GTEST_SKIP() << "root without setpriv: a read-only folder is writable";
    other.as_nobody = true;
  }
  r = RunAftale({"convert", S(in), "-o", S(ro), "--timeout", "4"}, other);
  EXPECT_EQ(r.code, 8) << r.err;
  EXPECT_LT(r.seconds, 3) << "it parsed documents first";
  EXPECT_EQ(CountLines(r.err), 1) << r.err;
}

TEST(OutputSafety, Case03_ASummaryThatCannotBeWrittenIsExit8) {
  fs::path dir = Fresh("case03b");
  fs::path in = dir / "in";
  for (int i = 0; i < 30; ++i) WriteBytes(in, "d" + std::to_string(i) + ".pdf", GoodPdf("Nr " + std::to_string(i)));
  // Sizes from an unlimited run: the final summary is larger than the
  // "running" one (hashes, kinds, pages) and than any record.
  CmdResult ref = RunAftale({"convert", S(in), "-o", S(dir / "ref"), "-q"});
  ASSERT_EQ(ref.code, 0) << ref.err;
  long long final_size = static_cast<long long>(fs::file_size(dir / "ref" / "aftale-summary.json"));
  long long record = static_cast<long long>(fs::file_size(dir / "ref" / "d0.json"));
  long long limit = final_size - 1500;
  ASSERT_GT(limit, record + 100);
  RunOptions o;
  o.file_size_limit = limit;
  CmdResult r = RunAftale({"convert", S(in), "-o", S(dir / "out"), "-q"}, o);
  EXPECT_EQ(r.code, 8) << r.err;
  EXPECT_NE(r.err.find("summary could not be written"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("summary in"), std::string::npos) << r.err;
  // The summary left behind says the run did not finish.
  EXPECT_EQ(Summary(dir / "out")["state"], "running");
  EXPECT_TRUE(NoTemporaries(dir / "out"));
}

// A real full disk, where the test may mount a small tmpfs of its own (in a
// private mount namespace: nothing outside the test sees it).
TEST(OutputSafety, Case03_DiskFullOnATmpfs) {
  if (!IsRoot() || system("command -v unshare > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "needs root and unshare to mount a private tmpfs";
  }
  fs::path dir = Fresh("case03c");
  fs::path in = dir / "in";
  for (int i = 0; i < 12; ++i) WriteBytes(in, "d" + std::to_string(i) + ".pdf", GoodPdf(std::string(400, 'x')));
  fs::path out = dir / "out", copy = dir / "copy";
  fs::create_directories(out);
  fs::create_directories(copy);
  std::string script =
      "mount -t tmpfs -o size=48k tmpfs \"$OUT\" || exit 99\n"
      "\"$AFTALE\" convert \"$IN\" -o \"$OUT\" --format both -q > \"$DIR/err\" 2>&1\n"
      "echo $? > \"$DIR/rc\"\n"
      "ls -a \"$OUT\" > \"$DIR/ls\"\n"
      "cp \"$OUT\"/*.json \"$OUT\"/*.xml \"$DIR/copy/\" 2>/dev/null\n"
      "cp \"$OUT\"/aftale-summary.json \"$DIR/summary.json\" 2>/dev/null\n"
      "exit 0\n";
  WriteBytes(dir, "disk-full.sh", script);
  std::string cmd = "AFTALE='" + std::string(AFTALE_BINARY) + "' IN='" + S(in) + "' OUT='" + S(out) +
                    "' DIR='" + S(dir) + "' unshare --mount --propagation private sh '" +
                    S(dir / "disk-full.sh") + "' 2>/dev/null";
  int status = system(cmd.c_str());
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(dir / "rc")) {
    GTEST_SKIP() << "cannot mount a tmpfs here (no CAP_SYS_ADMIN?)";
  }
  int rc = std::stoi(ReadFile(dir / "rc"));
  std::string err = ReadFile(dir / "err");
  EXPECT_TRUE(rc == 8 || rc == 11) << rc << ": " << err;  // never 0 on a full disk
  // The summary tells the truth: "complete" only if the final one was
  // written, and a run whose final summary was not written is exit 8.
  Json summary = Json::parse(ReadFile(dir / "summary.json"), nullptr, false);
  ASSERT_TRUE(summary.is_object()) << err;
  ASSERT_TRUE(summary.contains("state")) << summary.dump(1);
  if (summary["state"] != "complete") {
    EXPECT_EQ(rc, 8) << err;
    EXPECT_NE(err.find("summary could not be written"), std::string::npos) << err;
  }
  std::string ls = ReadFile(dir / "ls");
  EXPECT_EQ(ls.find(".aftale-"), std::string::npos) << ls;
  // Whatever was written is whole and valid, JSON and XML in pairs.
  int jsons = 0, xmls = 0;
  for (const auto& e : fs::directory_iterator(copy)) {
    std::string n = e.path().filename().string();
    if (n == "aftale-summary.json") continue;
    if (n.size() > 5 && n.substr(n.size() - 5) == ".json") {
      ++jsons;
      EXPECT_FALSE(ValidateJson(ReadFile(e.path())).has_value()) << n;
    } else {
      ++xmls;
      EXPECT_FALSE(ValidateXml(ReadFile(e.path())).has_value()) << n;
    }
  }
  EXPECT_EQ(jsons, xmls) << ls;
  EXPECT_LT(jsons, 12) << "the disk was not full after all: " << ls;
}

// ---- 4. inputs that cannot be read ----

TEST(OutputSafety, Case04_UnreadableAndEmptyInputsAreFailures) {
  fs::path dir = Fresh("case04");
  fs::path empty = dir / "empty";
  fs::create_directories(empty);
  CmdResult r = RunAftale({"convert", S(empty), "-o", S(dir / "out1")});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("no PDF files"), std::string::npos) << r.err;
  Json s = Summary(dir / "out1");
  ASSERT_EQ(s["files"].size(), 1u);
  EXPECT_EQ(s["files"][0]["status"], "cannot_open");
  EXPECT_EQ(s["files"][0]["exit_code"], 2);

  r = RunAftale({"convert", S(dir / "missing.pdf"), "-o", S(dir / "out0")});
  EXPECT_EQ(r.code, 2) << r.err;

  RunOptions other;
  if (IsRoot()) {
    if (!HaveSetpriv()) GTEST_SKIP() << "root without setpriv: every folder is readable";
    other.as_nobody = true;
  }
  fs::path in = dir / "in";
  WriteBytes(in, "a.pdf", GoodPdf("En"));
  WriteBytes(in / "locked", "b.pdf", GoodPdf("To"));
  fs::permissions(in / "locked", fs::perms::owner_all);  // 0700, root's
  fs::path out = dir / "out2";
  fs::create_directories(out);
  fs::permissions(out, fs::perms::all);  // writable by the other user
  r = RunAftale({"convert", S(in), "-o", S(out)}, other);
  EXPECT_EQ(r.code, 11) << r.err;
  s = Summary(out);
  Json locked = Entry(s, "locked");
  ASSERT_TRUE(locked.is_object()) << s.dump(1);
  EXPECT_EQ(locked["status"], "cannot_open");
  EXPECT_EQ(Entry(s, "a.pdf")["status"], "ok");

  // A wholly unreadable input folder: exit 2, not "converted 0 of 0".
  fs::permissions(in, fs::perms::owner_all);
  r = RunAftale({"convert", S(in), "-o", S(out)}, other);
  fs::permissions(in, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                          fs::perms::others_read | fs::perms::others_exec);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(Summary(out)["files"][0]["status"], "cannot_open");
}

// ---- 5. out of memory ----

// One long path of `points` line segments: Poppler's own allocator (which
// abort()s) holds it.
[[maybe_unused]] std::string PathBombPdf(int points) {
  std::string ops = "0 0 m ";
  ops.reserve(static_cast<size_t>(points) * 6 + 16);
  for (int i = 0; i < points / 2; ++i) ops += "1 1 l 2 2 l ";
  ops += "S\n";
  return PdfOf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                StreamObject(ops)});
}

// 68 pages whose content streams each show 250,000 words: what a file
// whose streams repeat (damaged, or built to) looks like to the reader.
std::string RepeatedTextPdf(int pages) {
  // 700 lines of 360 one-letter words in 1-point type: all on the page.
  std::string line = "(";
  for (int i = 0; i < 360; ++i) line += "a ";
  line += ") Tj T*\n";
  std::string content = "BT /F1 1 Tf 1.1 TL 10 835 Td\n";
  for (int i = 0; i < 700; ++i) content += line;
  content += "ET\n";
  std::string kids;
  std::vector<std::string> objs = {"<< /Type /Catalog /Pages 2 0 R >>", "",
                                   "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                                   StreamObject(content)};
  for (int i = 0; i < pages; ++i) {
    kids += std::to_string(objs.size() + 1) + " 0 R ";
    objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << "
                   "/F1 3 0 R >> >> /Contents 4 0 R >>");
  }
  objs[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>";
  return PdfOf(objs);
}

TEST(OutputSafety, Case05_OutOfMemoryIsExit7WithItsOwnReason) {
#ifdef AFTALE_TEST_ASAN
  GTEST_SKIP() << "ASan reserves terabytes of address space: no memory limit is set under it";
#else
  fs::path dir = Fresh("case05");
  fs::path bomb = WriteBytes(dir, "bomb.pdf", PathBombPdf(8000000));
  CmdResult r = RunAftale({"extract", S(bomb), "--memory", "160"});
  EXPECT_EQ(r.code, 7) << r.err;
  EXPECT_NE(r.err.find("memory limit exceeded"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("signal"), std::string::npos) << r.err;
  EXPECT_EQ(CountLines(r.err), 1) << r.err;
  r = RunAftale({"convert", S(bomb), "-o", S(dir / "out"), "--memory", "160"});
  EXPECT_EQ(r.code, 7) << r.err;
  Json e = Summary(dir / "out")["files"][0];
  EXPECT_EQ(e["status"], "limit");
  EXPECT_EQ(e["message"], "memory limit exceeded");
#endif
}

TEST(OutputSafety, Case05_RepeatedContentIsBoundedPerDocument) {
  fs::path dir = Fresh("case05b");
  fs::path pdf = WriteBytes(dir, "repeated.pdf", RepeatedTextPdf(68));
  // Before: 200,000 words kept on each of 68 pages, 1.9 GB, killed by the
  // default 1 GiB limit. Now the document's budget ends the reading.
  CmdResult r = RunAftale({"extract", S(pdf)});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("pdf.document_truncated"), std::string::npos);
#ifndef AFTALE_TEST_ASAN
  EXPECT_LT(r.max_rss_kb, 500 * 1024) << "peak memory of the run";
#endif
}

// ---- 6. interrupted runs ----

TEST(OutputSafety, Case06_StaleTemporariesGoAndTheSummarySaysRunning) {
  fs::path dir = Fresh("case06");
  fs::path in = dir / "in";
  WriteBytes(in, "a.pdf", GoodPdf("En"));
  fs::path out = dir / "out";
  ASSERT_EQ(RunAftale({"convert", S(in), "-o", S(out)}).code, 0);
  ASSERT_EQ(Summary(out)["state"], "complete");

  // Left by killed runs: ours (no process holds them) and an older
  // version's; one a live writer still holds stays.
  WriteBytes(out, ".aftale-Ab12Cd", "half a record");
  WriteBytes(out, "a.json.tmp.99999999", "half a record");
  fs::path live = WriteBytes(out, ".aftale-Live01", "being written");
  int live_fd = open(live.c_str(), O_RDONLY);
  ASSERT_EQ(flock(live_fd, LOCK_EX), 0);
  WriteBytes(in, "slow.pdf", SlowPdf());
  pid_t pid = StartAftale({"convert", S(in), "-o", S(out), "--timeout", "20"}, S(dir / "o"), S(dir / "e"));
  ASSERT_TRUE(WaitForRunning(out, 20)) << ReadFile(dir / "e");
  EXPECT_FALSE(fs::exists(out / ".aftale-Ab12Cd"));
  EXPECT_FALSE(fs::exists(out / "a.json.tmp.99999999"));
  EXPECT_TRUE(fs::exists(live));
  close(live_fd);
  fs::remove(live);
  // Killed outright: the summary it leaves does not claim success.
  kill(pid, SIGKILL);
  WaitAftale(pid, 10);
  EXPECT_EQ(Summary(out)["state"], "running");
  EXPECT_EQ(Entry(Summary(out), "slow.pdf")["status"], "pending");

  // Ctrl-C: workers stop, temporaries go, the summary says "interrupted".
  // (--wait: the killed run's workers may take a moment to die and let go.)
  pid = StartAftale({"convert", S(in), "-o", S(out), "--timeout", "20", "--force", "--wait"},
                    S(dir / "o"), S(dir / "e"));
  // The summary still says "running" from the killed run: wait until this
  // run holds the folder (the lock file names it) and has written its own.
  auto t0 = std::chrono::steady_clock::now();
  while (ReadFile(out / ".aftale.lock") != std::to_string(pid) + "\n" &&
         std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(ReadFile(out / ".aftale.lock"), std::to_string(pid) + "\n") << ReadFile(dir / "e");
  ASSERT_TRUE(WaitForRunning(out, 20));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(pid, SIGINT);
  int code = WaitAftale(pid, 10);
  EXPECT_EQ(code, 130) << ReadFile(dir / "e");
  Json s = Summary(out);
  EXPECT_EQ(s["state"], "interrupted");
  EXPECT_EQ(Entry(s, "slow.pdf")["status"], "interrupted");
  EXPECT_TRUE(NoTemporaries(out));
  EXPECT_FALSE(fs::exists(out / ".aftale.lock"));
  EXPECT_TRUE(fs::exists(out / "a.json"));
}

// ---- 7. a pair is committed as a pair ----

// An agreement whose text is mostly '&' and '<': its XML (entities) is much
// larger than its JSON, so a file size limit can fall between them.
std::string AmpersandPdf(const std::string& word) {
  MiniPdf pdf;
  pdf.Text(72, 100, "Helvetica", 20, "Aftale om budget 2030");
  pdf.Text(72, 140, "Helvetica-Bold", 12, "1.1. " + word);
  for (int i = 0; i < 30; ++i) pdf.Text(72, 160 + 14 * i, "Helvetica", 8, std::string(90, '&') + " <<<<<<<<");
  return pdf.Bytes();
}

TEST(OutputSafety, Case07_AFailedRerunLeavesTheOldPairWhole) {
  fs::path dir = Fresh("case07");
  fs::path in = dir / "in";
  fs::path pdf = WriteBytes(in, "a.pdf", AmpersandPdf("Første"));
  fs::path out = dir / "out";
  ASSERT_EQ(RunAftale({"convert", S(in), "-o", S(out), "--format", "both"}).code, 0);
  std::string old_json = ReadFile(out / "a.json"), old_xml = ReadFile(out / "a.xml");
  WriteBytes(in, "a.pdf", AmpersandPdf("Anden"));  // changed: the rerun must write
  // Room for the new JSON and the summary, not for the XML.
  long long limit = static_cast<long long>(old_json.size()) + 2000;
  ASSERT_GT(static_cast<long long>(old_xml.size()), limit + 2000) << "the XML must be the larger";
  RunOptions o;
  o.file_size_limit = limit;
  CmdResult r = RunAftale({"convert", S(in), "-o", S(out), "--format", "both"}, o);
  EXPECT_EQ(r.code, 8) << r.err;
  EXPECT_EQ(ReadFile(out / "a.json"), old_json);
  EXPECT_EQ(ReadFile(out / "a.xml"), old_xml);
  EXPECT_TRUE(NoTemporaries(out));
  Json e = Entry(Summary(out), "a.pdf");
  EXPECT_EQ(e["status"], "output_error");
  EXPECT_EQ(e["outputs"], Json::array({"a.json", "a.xml"}));
  // The same through `extract --format both`.
  r = RunAftale({"extract", S(pdf), "--format", "both", "-o", S(out / "a")}, o);
  EXPECT_EQ(r.code, 8) << r.err;
  EXPECT_EQ(ReadFile(out / "a.json"), old_json);
  EXPECT_EQ(ReadFile(out / "a.xml"), old_xml);
  EXPECT_TRUE(NoTemporaries(out));
}

// ---- 8. Latin-1 file names ----

TEST(OutputSafety, Case08_Latin1NamesKeepTheirBytesAndGetAValidRendering) {
  fs::path dir = Fresh("case08");
  std::string name = "bud\xe6t-\xf8konomi.pdf";  // "budæt-økonomi.pdf" in Latin-1
  fs::path pdf = WriteBytes(dir / "in", name, GoodPdf("Latin"));
  CmdResult r = RunAftale({"convert", S(dir / "in"), "-o", S(dir / "out"), "--format", "both"});
  ASSERT_EQ(r.code, 0) << r.err;
  fs::path json = dir / "out" / "bud\xe6t-\xf8konomi.json";
  fs::path xml = dir / "out" / "bud\xe6t-\xf8konomi.xml";
  ASSERT_TRUE(fs::exists(json));
  ASSERT_TRUE(fs::exists(xml));
  EXPECT_FALSE(ValidateJson(ReadFile(json)).has_value());
  EXPECT_FALSE(ValidateXml(ReadFile(xml)).has_value());
  EXPECT_EQ(Json::parse(ReadFile(json))["source"]["file"], "bud\u00e6t-\u00f8konomi.pdf");
  EXPECT_NE(ReadFile(xml).find("file=\"bud\u00e6t-\u00f8konomi.pdf\""), std::string::npos);
  Json s = Summary(dir / "out");
  ASSERT_TRUE(s.is_object()) << "the summary is not valid JSON";
  Json e = s["files"][0];
  std::string input = e["input"].get<std::string>();
  EXPECT_TRUE(input.ends_with("/bud\u00e6t-\u00f8konomi.pdf")) << input;
  EXPECT_EQ(e["outputs"], Json::array({"bud\u00e6t-\u00f8konomi.json", "bud\u00e6t-\u00f8konomi.xml"}));
  r = RunAftale({"extract", S(pdf), "--format", "xml"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(ValidateXml(r.out).has_value());
}

// ---- 9. what aftale did not write, and records that no longer hold ----

TEST(OutputSafety, Case09_UserFilesStayAndStaleRecordsGo) {
  fs::path dir = Fresh("case09");
  // `convert same -o same` beside a user's own notes.json.
  fs::path same = dir / "same";
  WriteBytes(same, "notes.pdf", GoodPdf("Noter"));
  WriteBytes(same, "notes.json", "{\"mine\": true}\n");
  CmdResult r = RunAftale({"convert", S(same), "-o", S(same)});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ReadFile(same / "notes.json"), "{\"mine\": true}\n");
  EXPECT_EQ(Entry(Summary(same), "notes.pdf")["outputs"], Json::array({"notes-2.json"}));
  EXPECT_FALSE(ValidateJson(ReadFile(same / "notes-2.json")).has_value());
  r = RunAftale({"convert", S(same), "-o", S(same), "--force"});  // and again: the same names
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ReadFile(same / "notes.json"), "{\"mine\": true}\n");
  EXPECT_EQ(Listing(same), (std::set<std::string>{"aftale-summary.json", "notes-2.json", "notes.json", "notes.pdf"}));

  // A file named like the summary that is not aftale's stops the run.
  fs::path theirs = dir / "theirs";
  WriteBytes(theirs, "aftale-summary.json", "{\"budget\": 2030}\n");
  r = RunAftale({"convert", S(same / "notes.pdf"), "-o", S(theirs)});
  EXPECT_EQ(r.code, 8) << r.err;
  EXPECT_NE(r.err.find("not written by aftale"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(theirs / "aftale-summary.json"), "{\"budget\": 2030}\n");
  EXPECT_EQ(Listing(theirs), std::set<std::string>{"aftale-summary.json"});

  // An input replaced by a damaged one: its old records go, and the summary says so.
  fs::path in = dir / "in";
  WriteBytes(in, "a.pdf", GoodPdf("En"));
  WriteBytes(in, "b.pdf", GoodPdf("To"));
  fs::path out = dir / "out";
  ASSERT_EQ(RunAftale({"convert", S(in), "-o", S(out), "--format", "both"}).code, 0);
  std::string good = GoodPdf("En igen");
  WriteBytes(in, "a.pdf", good.substr(0, good.size() / 3));
  r = RunAftale({"convert", S(in), "-o", S(out), "--format", "both"});
  EXPECT_EQ(r.code, 11) << r.err;
  EXPECT_FALSE(fs::exists(out / "a.json"));
  EXPECT_FALSE(fs::exists(out / "a.xml"));
  Json e = Entry(Summary(out), "a.pdf");
  EXPECT_EQ(e["status"], "damaged");
  EXPECT_EQ(e["outputs"], Json::array());
  EXPECT_EQ(e["removed"], Json::array({"a.json", "a.xml"}));
  EXPECT_TRUE(fs::exists(out / "b.json"));
}

// ---- 10. long names ----

TEST(OutputSafety, Case10_A250ByteNameFits) {
  fs::path dir = Fresh("case10");
  std::string stem(245, 'n');
  fs::path pdf = WriteBytes(dir / "in", stem + ".pdf", GoodPdf("Lang"));
  CmdResult r = RunAftale({"convert", S(dir / "in"), "-o", S(dir / "out"), "--format", "both"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "out" / (stem + ".json")));
  EXPECT_TRUE(fs::exists(dir / "out" / (stem + ".xml")));
  std::string name250(250 - 5, 'x');
  r = RunAftale({"extract", S(pdf), "-o", S(dir / (name250 + ".json"))});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / (name250 + ".json")));
}

// ---- 11. Type3 glyphs without Unicode ----

// Text drawn with a Type3 font whose glyph names mean nothing (/g1 /g2 /g3)
// and codes 1-3: Poppler passes the codes through as control characters.
std::string Type3Pdf() {
  std::string glyph = "500 0 0 0 500 700 d1 0 0 500 700 re f\n";
  std::string content = "BT /T3 12 Tf 72 700 Td (\\001\\002\\003\\001\\002\\003) Tj ET\n";
  return PdfOf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /T3 5 0 R >> "
       ">> /Contents 4 0 R >>",
       "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
       "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] "
       "/CharProcs << /g1 6 0 R /g2 6 0 R /g3 6 0 R >> /Encoding << /Type /Encoding /Differences "
       "[1 /g1 /g2 /g3] >> /FirstChar 1 /LastChar 3 /Widths [600 600 600] /Resources << >> >>",
       "<< /Length " + std::to_string(glyph.size()) + " >>\nstream\n" + glyph + "endstream"});
}

TEST(OutputSafety, Case11_UnmappedType3GlyphsAreNoText) {
  fs::path pdf = WriteBytes(Fresh("case11"), "type3.pdf", Type3Pdf());
  CmdResult r = RunAftale({"text", S(pdf)});
  EXPECT_EQ(r.code, 6) << r.err << r.out;
  EXPECT_NE(r.err.find("no Unicode mapping"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  r = RunAftale({"extract", S(pdf)});
  EXPECT_EQ(r.code, 0) << r.err;
  Json j = Json::parse(r.out);
  std::set<std::string> codes;
  for (const Json& w : j["warnings"]) codes.insert(w["code"]);
  EXPECT_TRUE(codes.count("pdf.unmapped_glyphs")) << r.out;
  EXPECT_TRUE(codes.count("text.none")) << r.out;
}

// ---- 12. numbers out of range ----

TEST(OutputSafety, Case12_OutOfRangeNumbersAreUsageErrors) {
  fs::path pdf = WriteBytes(Fresh("case12"), "a.pdf", GoodPdf("Tal"));
  fs::path out = TestDir() / "safety" / "case12" / "out";
  struct Row {
    std::vector<std::string> args;
    const char* option;
  } rows[] = {
      {{"extract", S(pdf), "--memory", "17592186044416"}, "--memory"},
      {{"extract", S(pdf), "--memory", "-1"}, "--memory"},
      {{"extract", S(pdf), "--timeout", "4294968"}, "--timeout"},
      {{"extract", S(pdf), "--timeout", "-5"}, "--timeout"},
      {{"text", S(pdf), "--timeout", "99999999999999999999"}, "--timeout"},
      {{"convert", S(pdf), "-o", S(out), "-j", "0"}, "--jobs"},
      {{"convert", S(pdf), "-o", S(out), "-j", "-3"}, "--jobs"},
      {{"convert", S(pdf), "-o", S(out), "-j", "100000"}, "--jobs"},
  };
  for (const Row& row : rows) {
    CmdResult r = RunAftale(row.args);
    std::string cmd;
    for (const std::string& a : row.args) cmd += a + " ";
    EXPECT_EQ(r.code, 1) << cmd << r.err;
    EXPECT_EQ(CountLines(r.err), 1) << cmd << r.err;
    EXPECT_NE(r.err.find(row.option), std::string::npos) << cmd << r.err;
  }
  EXPECT_FALSE(fs::exists(out)) << "a refused command line did work";
  EXPECT_EQ(RunAftale({"extract", S(pdf), "--memory", "0", "--timeout", "86400"}).code, 0);
}

// ---- 13. messages ----

TEST(OutputSafety, Case13_MessagesAreOneClearLine) {
  fs::path dir = Fresh("case13");
  fs::path pdf = WriteBytes(dir, "a.pdf", GoodPdf("Standard"));
  RunOptions in;
  in.stdin_path = S(pdf);
  CmdResult r = RunAftale({"extract", "-"}, in);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["source"]["file"], "-");
  r = RunAftale({"text", "-"}, in);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Standard"), std::string::npos);

  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{{"search"}, {}, {"extract"}}) {
    r = RunAftale(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(CountLines(r.err), 1) << r.err;
    EXPECT_EQ(r.err.rfind("aftale: ", 0), 0u) << r.err;
  }
  EXPECT_NE(RunAftale({"search"}).err.find("search"), std::string::npos);

  fs::path bad = WriteBytes(dir / "in", "bad.pdf", "ikke en pdf");
  r = RunAftale({"convert", S(bad), "-o", S(dir / "out")});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.err.find("not a PDF: not a PDF"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("(not a PDF)"), std::string::npos) << r.err;
  EXPECT_EQ(Entry(Summary(dir / "out"), "bad.pdf")["message"],
            "not a PDF: no %PDF- header in the first 1024 bytes");

  r = RunAftale({"convert", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.find("--no-isolate"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--force"), std::string::npos) << r.out;

  // -q on a terminal: no progress bar (script(1) gives the run a terminal).
  if (system("command -v script > /dev/null 2>&1") != 0) GTEST_SKIP() << "no script(1) for a terminal";
  WriteBytes(dir / "in", "good.pdf", GoodPdf("Terminal"));
  std::string cmd = "script -qec \"'" + std::string(AFTALE_BINARY) + "' convert '" + S(dir / "in") +
                    "' -o '" + S(dir / "tty") + "' -q\" /dev/null > '" + S(dir / "tty.txt") + "' 2>&1";
  std::system(cmd.c_str());
  std::string tty = ReadFile(dir / "tty.txt");
  EXPECT_EQ(tty.find('\r' + std::string("\033[K[")), std::string::npos) << tty;
  EXPECT_EQ(tty.find("##"), std::string::npos) << tty;
  EXPECT_NE(tty.find("bad.pdf"), std::string::npos) << tty;  // failures still show
}

// ---- resume ----

TEST(OutputSafety, ResumeSkipsWhatIsUpToDate) {
  fs::path dir = Fresh("resume");
  fs::path in = dir / "in";
  WriteBytes(in, "a.pdf", GoodPdf("En"));
  WriteBytes(in, "b.pdf", GoodPdf("To"));
  fs::path out = dir / "out";
  ASSERT_EQ(RunAftale({"convert", S(in), "-o", S(out), "--format", "both"}).code, 0);
  auto inode = [&](const char* f) {
    struct stat st {};
    stat((out / f).c_str(), &st);
    return st.st_ino;
  };
  auto a_ino = inode("a.json");

  CmdResult r = RunAftale({"convert", S(in), "-o", S(out), "--format", "both"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("skipped 2 unchanged"), std::string::npos) << r.err;
  Json s = Summary(out);
  EXPECT_EQ(Entry(s, "a.pdf")["status"], "skipped");
  EXPECT_EQ(Entry(s, "a.pdf")["kind"], "agreement");  // carried over, not null
  EXPECT_EQ(s["counts"]["skipped"], 2);
  EXPECT_EQ(inode("a.json"), a_ino) << "a skipped record was rewritten";

  // A changed input is redone; --force redoes everything.
  WriteBytes(in, "b.pdf", GoodPdf("To, rettet"));
  r = RunAftale({"convert", S(in), "-o", S(out), "--format", "both"});
  s = Summary(out);
  EXPECT_EQ(Entry(s, "a.pdf")["status"], "skipped");
  EXPECT_EQ(Entry(s, "b.pdf")["status"], "ok");
  r = RunAftale({"convert", S(in), "-o", S(out), "--format", "both", "--force"});
  EXPECT_EQ(Summary(out)["counts"]["ok"], 2);
  // A damaged record is not "up to date".
  WriteBytes(out, "a.xml", "<aftale/>");
  r = RunAftale({"convert", S(in), "-o", S(out), "--format", "both"});
  EXPECT_EQ(Entry(Summary(out), "a.pdf")["status"], "ok");
  EXPECT_FALSE(ValidateXml(ReadFile(out / "a.xml")).has_value());
}

TEST(OutputSafety, ResumeNamesDoNotDependOnArgumentOrder) {
  fs::path dir = Fresh("order");
  WriteBytes(dir / "x", "a.pdf", GoodPdf("X"));
  WriteBytes(dir / "y", "a.pdf", GoodPdf("Y"));
  fs::create_symlink("x/a.pdf", dir / "link.pdf");  // the same file again
  std::map<std::string, std::string> names[2];
  for (int k = 0; k < 2; ++k) {
    fs::path out = dir / ("out" + std::to_string(k));
    std::vector<std::string> args = {"convert", k == 0 ? S(dir / "x") : S(dir / "y"),
                                     k == 0 ? S(dir / "y") : S(dir / "x"),
                                     // the same file twice more, spelled differently
                                     k == 0 ? S(dir / "x" / "." / "a.pdf") : S(dir / "link.pdf"),
                                     k == 0 ? S(dir / "link.pdf") : S(dir / "x" / "." / "a.pdf"),
                                     "-o", S(out)};
    CmdResult r = RunAftale(args);
    ASSERT_EQ(r.code, 0) << r.err;
    Json s = Summary(out);
    EXPECT_EQ(s["files"].size(), 2u) << "a file named twice is converted once";
    for (const Json& f : s["files"]) names[k][f["path"]] = f["outputs"][0];
  }
  EXPECT_EQ(names[0], names[1]);
}

TEST(OutputSafety, SummaryHasOneShapeForEveryOutcome) {
  fs::path dir = Fresh("shape");
  fs::path in = dir / "in";
  WriteBytes(in, "ok.pdf", GoodPdf("En"));
  WriteBytes(in, "empty.pdf", "");
  fs::path out = dir / "out";
  RunAftale({"convert", S(in), S(dir / "missing.pdf"), "-o", S(out)});
  Json s = Summary(out);
  ASSERT_TRUE(s.is_object());
  std::set<std::string> top;
  for (auto& [k, v] : s.items()) top.insert(k);
  EXPECT_EQ(top, (std::set<std::string>{"summary_version", "tool", "version", "build", "state",
                                        "format", "started", "finished", "seconds", "inputs",
                                        "counts", "files"}));
  std::set<std::string> keys0;
  for (auto& [k, v] : s["files"][0].items()) keys0.insert(k);
  for (const Json& f : s["files"]) {
    std::set<std::string> keys;
    for (auto& [k, v] : f.items()) keys.insert(k);
    EXPECT_EQ(keys, keys0);
    EXPECT_TRUE(std::regex_match(f["status"].get<std::string>(), std::regex("[a-z_]+")));
    for (auto& [k, v] : f.items()) {
      EXPECT_FALSE(v.is_string() && v.get<std::string>().empty()) << k << " is \"\" in " << f.dump();
    }
    if (f["status"] != "ok") {
      EXPECT_TRUE(f["kind"].is_null());
      EXPECT_TRUE(f["pages"].is_null());
    } else {
      EXPECT_TRUE(f["message"].is_null());
    }
  }
  EXPECT_TRUE(Entry(s, "missing.pdf")["sha256"].is_null());
  EXPECT_FALSE(Entry(s, "empty.pdf")["sha256"].is_null());
  EXPECT_EQ(s["counts"]["not_pdf"], 1);
  EXPECT_EQ(s["counts"]["cannot_open"], 1);
}

}  // namespace
}  // namespace extractor::testing
