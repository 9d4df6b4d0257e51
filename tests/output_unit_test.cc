// The pieces under `convert`'s output folder, in-process: file names as
// UTF-8, the summary's round trip, committing files, temporaries removed
// on a signal or by the next run, and telling our records from a user's.
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "cli/outdir.h"
#include "cli/output.h"
#include "cli/signals.h"
#include "corpus.h"
#include "emit.h"
#include "summary.h"
#include "unicode.h"

namespace extractor::testing {
namespace {

namespace fs = std::filesystem;

fs::path Fresh(const std::string& name) {
  fs::path d = TestDir() / "unit" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void Put(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

TEST(FileNameToUtf8, RowsOfBytes) {
  struct Row {
    std::string bytes, utf8;
  } rows[] = {
      {"budget.pdf", "budget.pdf"},
      {"bud\xc3\xa6t.pdf", "bud\u00e6t.pdf"},             // UTF-8 stays
      {"bud\xe6t.pdf", "bud\u00e6t.pdf"},                 // Latin-1 æ
      {"\xd8konomi \x96 2020.pdf", "\u00d8konomi \u2013 2020.pdf"},  // Windows-1252 en dash
      {"a\x81z", "a\u0081z"},                            // a 1252 hole: its Latin-1 value
      {"a\nb\x01.pdf", "a\u240ab\u2401.pdf"},            // controls become visible
      {"\xc0\xaf.pdf", "\u00c0\u00af.pdf"},              // overlong '/': not UTF-8
      {"\xed\xa0\x80", "\u00ed\u00a0\u20ac"},            // a surrogate: not UTF-8
      {"\xef\xbf\xbe", "\ufffd"},                        // U+FFFE: not for XML
  };
  for (const Row& r : rows) EXPECT_EQ(FileNameToUtf8(r.bytes), r.utf8) << r.bytes;
}

TEST(Summary, EmitAndParseRoundTrip) {
  BatchSummary s;
  s.version = "0.1.0";
  s.build = "abc";
  s.state = RunState::kComplete;
  s.format = "both";
  s.started = "2030-01-01T00:00:00Z";
  s.finished = "2030-01-01T00:00:05Z";
  s.seconds = 5.25;
  SummaryEntry ok;
  ok.input = "in/a.pdf";
  ok.path = "/x/in/a.pdf";
  ok.status = Outcome::kOk;
  ok.exit_code = 0;
  ok.sha256 = std::string(64, 'a');
  ok.outputs = {"a.json", "a.xml"};
  ok.kind = "agreement";
  ok.pages = 3;
  ok.items = 2;
  ok.warnings = 0;
  ok.seconds = 0.125;
  SummaryEntry bad;
  bad.input = "b.pdf";
  bad.path = "/x/b.pdf";
  bad.status = Outcome::kNotPdf;
  bad.exit_code = 3;
  bad.message = "not a PDF: the file is empty";
  bad.removed = {"b.json"};
  SummaryEntry pending;
  pending.input = "c.pdf";
  pending.path = "/x/c.pdf";
  pending.outputs = {"c.json"};
  s.files = {ok, bad, pending};
  CountOutcomes(&s);
  std::string json = EmitSummaryJson(s);
  Result<BatchSummary> back = ParseSummaryJson(json);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, s) << json << "\n---\n" << EmitSummaryJson(*back);
  EXPECT_NE(json.find("\"sha256\": null"), std::string::npos);
  EXPECT_NE(json.find("\"not_pdf\": 1"), std::string::npos);
  EXPECT_FALSE(ParseSummaryJson("{\"mine\": 1}").ok());
  for (Outcome o : kAllOutcomes) EXPECT_EQ(OutcomeFromName(OutcomeName(o)), o);
}

TEST(CommitFiles, AllOrNothing) {
  fs::path d = Fresh("commit");
  Put(d / "a.json", "old json");
  Put(d / "a.xml", "old xml");
  auto w = cli::CommitFiles({{(d / "a.json").string(), "new json"}, {(d / "a.xml").string(), "new xml"}});
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(ReadFile(d / "a.json"), "new json");
  EXPECT_EQ(ReadFile(d / "a.xml"), "new xml");
  // The second cannot be written: the first is not replaced either.
  w = cli::CommitFiles({{(d / "a.json").string(), "newer json"}, {(d / "no" / "a.xml").string(), "x"}});
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, ErrorCode::kOutput);
  EXPECT_EQ(ReadFile(d / "a.json"), "new json");
  // A folder is refused by name.
  w = cli::CommitFiles({{d.string(), "x"}});
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().message.find("folder"), std::string::npos);
  for (const auto& e : fs::directory_iterator(d)) {
    EXPECT_FALSE(cli::IsTemporaryName(e.path().filename().string())) << e.path();
  }
  EXPECT_TRUE(cli::IsTemporaryName(".aftale-Ab12Cd"));
  EXPECT_FALSE(cli::IsTemporaryName(".aftale-Ab12C"));
  EXPECT_FALSE(cli::IsTemporaryName(".aftale.lock"));
}

TEST(Signals, TemporariesGoWhenASignalEndsTheProcess) {
  fs::path d = Fresh("signals");
  fs::path tmp = d / ".aftale-Sig123";
  Put(tmp, "half");
  pid_t pid = fork();
  if (pid == 0) {
    cli::InstallSignalHandlers(cli::SignalMode::kDie);
    cli::RegisterTemporary(tmp.string());
    raise(SIGTERM);
    _exit(0);  // not reached
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
  EXPECT_FALSE(fs::exists(tmp));
}

TEST(OutDir, StaleTemporariesAndRecordIdentity) {
  fs::path d = Fresh("outdir");
  Put(d / ".aftale-Dead01", "x");
  Put(d / ".aftale-Live01", "x");
  Put(d / "a.json.tmp.99999999", "x");
  Put(d / "notes.tmp.99999999", "x");  // not a name we ever wrote
  int fd = open((d / ".aftale-Live01").c_str(), O_RDONLY);
  ASSERT_EQ(flock(fd, LOCK_EX), 0);
  EXPECT_EQ(cli::RemoveStaleTemporaries(d.string()), 2);
  EXPECT_TRUE(fs::exists(d / ".aftale-Live01"));
  EXPECT_TRUE(fs::exists(d / "notes.tmp.99999999"));
  close(fd);

  std::string sha(64, 'b');
  Put(d / "r.json", "{\"schema_version\": \"1.0\", \"source\": {\"file\": \"r.pdf\", \"sha256\": \"" + sha + "\"}}");
  Put(d / "r.xml", "<?xml version=\"1.0\"?><aftale xmlns=\"urn:aftale:record:1\" schema_version=\"1.0\">"
                   "<source file=\"r.pdf\" sha256=\"" + sha + "\"/></aftale>");
  Put(d / "mine.json", "{\"notes\": [1, 2]}");
  Put(d / "mine.xml", "<notes/>");
  cli::RecordIdentity r = cli::ReadRecordIdentity((d / "r.json").string());
  EXPECT_TRUE(r.ours);
  EXPECT_EQ(r.sha256, sha);
  EXPECT_EQ(r.file, "r.pdf");
  EXPECT_TRUE(cli::ReadRecordIdentity((d / "r.xml").string()).ours);
  EXPECT_FALSE(cli::ReadRecordIdentity((d / "mine.json").string()).ours);
  EXPECT_TRUE(cli::ReadRecordIdentity((d / "mine.json").string()).exists);
  EXPECT_FALSE(cli::ReadRecordIdentity((d / "mine.xml").string()).ours);
  EXPECT_FALSE(cli::ReadRecordIdentity((d / "none.json").string()).exists);
  fs::create_symlink("r.json", d / "link.json");
  EXPECT_FALSE(cli::ReadRecordIdentity((d / "link.json").string()).ours);

  // The lock: a second taker is told who holds it.
  Result<cli::FolderLock> lock = cli::LockFolder(d.string(), false);
  ASSERT_TRUE(lock.ok()) << lock.error().message;
  EXPECT_TRUE(fs::exists(d / ".aftale.lock"));
  lock->Release();
  EXPECT_FALSE(fs::exists(d / ".aftale.lock"));
}

}  // namespace
}  // namespace extractor::testing
