// The `aftale` command as a user meets it: exit codes, one-line errors,
// batches where one bad file never stops the rest, atomic outputs, limits.
// The broken inputs are made here, so these tests always run.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "corpus.h"
#include "mini_pdf.h"
#include "validate.h"

namespace extractor::testing {
namespace {

namespace fs = std::filesystem;

struct CmdResult {
  int code = -1;
  std::string out, err;
  double seconds = 0;
};

CmdResult Aftale(const std::string& args) {
  // Tests run in parallel processes: each gets its own capture files.
  fs::path dir = TestDir() / "cli";
  fs::create_directories(dir);
  std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
  std::string cmd = std::string(AFTALE_BINARY) + " " + args + " > '" + out + "' 2> '" + err + "'";
  auto t0 = std::chrono::steady_clock::now();
  int status = std::system(cmd.c_str());
  CmdResult r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

fs::path Write(const fs::path& dir, const std::string& name, const std::string& bytes) {
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

std::string GoodPdf(const std::string& text) {
  MiniPdf pdf;
  pdf.Text(72, 100, "Helvetica", 20, "Aftale om budget 2030");
  pdf.Text(72, 140, "Helvetica-Bold", 12, "1.1. " + text);
  pdf.Text(72, 160, "Helvetica", 11, "Der afs\u00e6ttes 1 mio. kr. \u00e5rligt.");
  return pdf.Bytes();
}

int Lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(Cli, ErrorsAreOneLineWithADocumentedCode) {
  fs::path dir = TestDir() / "errors";
  struct Case {
    std::string name, bytes;
    int code;
  } cases[] = {
      {"empty.pdf", "", 3},
      {"text.pdf", "Dette er ikke en PDF, men en tekstfil.\n", 3},
      {"header-only.pdf", "%PDF-1.4\n", 4},
  };
  for (const Case& c : cases) {
    fs::path p = Write(dir, c.name, c.bytes);
    for (const char* cmd : {"text", "extract"}) {
      CmdResult r = Aftale(std::string(cmd) + " " + Quote(p));
      EXPECT_EQ(r.code, c.code) << cmd << " " << c.name << ": " << r.err;
      EXPECT_EQ(Lines(r.err), 1) << r.err;
      EXPECT_EQ(r.err.rfind("aftale: ", 0), 0u) << r.err;
      EXPECT_TRUE(r.out.empty());
    }
  }
  EXPECT_EQ(Aftale("text /nonexistent/file.pdf").code, 2);
  EXPECT_EQ(Aftale("frobnicate").code, 1);
  EXPECT_EQ(Aftale("extract " + Quote(Write(dir, "g.pdf", GoodPdf("X"))) + " --format both").code, 1);
}

TEST(Cli, ExtractWritesValidJsonAndXml) {
  fs::path dir = TestDir() / "extract";
  fs::path pdf = Write(dir, "aftale.pdf", GoodPdf("Borgermillionen"));
  CmdResult r = Aftale("extract " + Quote(pdf));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(ValidateJson(r.out).has_value());
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["document"]["kind"], "agreement");
  EXPECT_EQ(j["items"][0]["id"], "agreement-2030:1.1");
  CmdResult both = Aftale("extract " + Quote(pdf) + " --format both -o " + Quote(dir / "rec"));
  ASSERT_EQ(both.code, 0) << both.err;
  EXPECT_FALSE(ValidateJson(ReadFile(dir / "rec.json")).has_value());
  EXPECT_FALSE(ValidateXml(ReadFile(dir / "rec.xml")).has_value());
}

TEST(Cli, EncryptedNeedsPassword) {
  if (std::system("qpdf --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "no qpdf";
  fs::path dir = TestDir() / "enc";
  fs::path plain = Write(dir, "plain.pdf", GoodPdf("Hemmelig"));
  fs::path locked = dir / "locked.pdf";
  ASSERT_EQ(std::system(("qpdf --encrypt kode ejer 256 -- " + Quote(plain) + " " + Quote(locked)).c_str()), 0);
  CmdResult r = Aftale("text " + Quote(locked));
  EXPECT_EQ(r.code, 5);
  EXPECT_NE(r.err.find("--password"), std::string::npos);
  EXPECT_EQ(Aftale("text --password forkert " + Quote(locked)).code, 5);
  CmdResult ok = Aftale("text --password kode " + Quote(locked));
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("Hemmelig"), std::string::npos);
}

// A content stream that runs 6 million drawing operators: cheap to store,
// slow to interpret. The time limit must end it, from outside.
std::string SlowPdf() {
  std::string ops;
  for (int i = 0; i < 6000000; ++i) ops += "1 0 0 1 0 0 cm\n";
  uLongf size = compressBound(ops.size());
  std::string z(size, '\0');
  compress2(reinterpret_cast<Bytef*>(z.data()), &size, reinterpret_cast<const Bytef*>(ops.data()),
            ops.size(), 9);
  z.resize(size);
  std::string objs[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      "<< /Length " + std::to_string(z.size()) + " /Filter /FlateDecode >>\nstream\n" + z +
          "\nendstream",
  };
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> off;
  for (size_t i = 0; i < 4; ++i) {
    off.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 5\n0000000000 65535 f \n";
  char buf[32];
  for (size_t o : off) {
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
    out += buf;
  }
  out += "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

TEST(Cli, TimeLimitEndsARunawayDocument) {
  fs::path dir = TestDir() / "slow";
  fs::path p = Write(dir, "slow.pdf", SlowPdf());
  CmdResult r = Aftale("text --timeout 1 " + Quote(p));
  EXPECT_EQ(r.code, 7) << r.err;
  EXPECT_LT(r.seconds, 20);
  EXPECT_NE(r.err.find("time limit"), std::string::npos) << r.err;
}

TEST(Cli, HostileStructuresEndWithinLimits) {
  fs::path dir = TestDir() / "hostile";
  // A page tree that claims millions of pages.
  std::string claim = GoodPdf("X");
  size_t at = claim.find("/Count 1");
  ASSERT_NE(at, std::string::npos);
  claim.replace(at, 8, "/Count 9999999");
  // Arrays nested 100,000 deep.
  std::string deep = GoodPdf("Y");
  size_t cat = deep.find("<< /Type /Catalog");
  deep.insert(cat + 2, " /Deep " + std::string(100000, '[') + std::string(100000, ']') + " ");
  // Garbage where the cross-reference table should be.
  std::string xref = GoodPdf("Z");
  size_t x = xref.find("xref\n");
  for (size_t i = x; i < xref.size() - 30; ++i) xref[i] = static_cast<char>('A' + i % 23);
  for (auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"claim.pdf", claim}, {"deep.pdf", deep}, {"xref.pdf", xref}}) {
    CmdResult r = Aftale("extract --timeout 20 " + Quote(Write(dir, name, bytes)));
    EXPECT_TRUE(r.code == 0 || r.code == 4) << name << " exit " << r.code << ": " << r.err;
    EXPECT_LT(r.seconds, 25) << name;
    if (r.code == 0) {
      EXPECT_FALSE(ValidateJson(r.out).has_value()) << name;
    }
  }
}

TEST(Cli, ZeroPagesIsARecordWithAWarning) {
  std::string pdf = GoodPdf("X");
  size_t kids = pdf.find("/Kids [");
  ASSERT_NE(kids, std::string::npos);
  pdf.replace(kids, pdf.find("]", kids) - kids + 1, "/Kids []");
  pdf.replace(pdf.find("/Count 1"), 8, "/Count 0");
  fs::path p = Write(TestDir() / "zero", "zero.pdf", pdf);
  CmdResult r = Aftale("extract " + Quote(p));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(ValidateJson(r.out).has_value());
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["source"]["pages"], 0);
  EXPECT_TRUE(j["pages"].empty());
  EXPECT_NE(r.out.find("pdf.no_pages"), std::string::npos);
  EXPECT_EQ(Aftale("text " + Quote(p)).code, 6);  // no text at all
}

TEST(Cli, ConvertGoesOnPastBadFilesAndLeavesNoPartialOutput) {
  fs::path in = TestDir() / "batch-in";
  fs::path out = TestDir() / "batch-out";
  fs::remove_all(in);
  fs::remove_all(out);
  Write(in, "a.pdf", GoodPdf("En"));
  Write(in / "sub", "b.PDF", GoodPdf("To"));
  Write(in / "sub", "a.pdf", GoodPdf("Tre"));  // same name as the first
  Write(in, "empty.pdf", "");
  Write(in, "text.pdf", "ikke en pdf");
  Write(in, "slow.pdf", SlowPdf());
  std::string good = GoodPdf("Fire");
  Write(in, "cut.pdf", good.substr(0, good.size() / 2));
  Write(in, "notes.txt", "not picked up: not a .pdf");
  CmdResult r = Aftale("convert " + Quote(in) + " /nonexistent.pdf -o " + Quote(out) +
                 " -j 2 --format both --timeout 2");
  EXPECT_EQ(r.code, 11) << r.err;
  EXPECT_NE(r.err.find("converted"), std::string::npos) << r.err;
  auto summary = nlohmann::json::parse(ReadFile(out / "aftale-summary.json"));
  EXPECT_EQ(summary["inputs"], 8);
  std::map<std::string, std::string> status;
  for (const auto& f : summary["files"]) {
    status[fs::path(f["input"].get<std::string>()).filename().string() +
           (f["input"].get<std::string>().find("sub") != std::string::npos ? "@sub" : "")] = f["status"];
    if (f["status"] != "ok") {
      EXPECT_FALSE(f["message"].get<std::string>().empty()) << f.dump();
    }
  }
  EXPECT_EQ(status["a.pdf"], "ok");
  EXPECT_EQ(status["a.pdf@sub"], "ok");
  EXPECT_EQ(status["b.PDF@sub"], "ok");
  EXPECT_EQ(status["empty.pdf"], "not_pdf");
  EXPECT_EQ(status["text.pdf"], "not_pdf");
  EXPECT_EQ(status["slow.pdf"], "limit");
  EXPECT_EQ(status["nonexistent.pdf"], "cannot_open");
  // Outputs: complete pairs for the good ones, nothing for the rest, no temporaries.
  std::set<std::string> files;
  for (const auto& e : fs::directory_iterator(out)) files.insert(e.path().filename().string());
  for (const char* f : {"a.json", "a.xml", "a-2.json", "a-2.xml", "b.json", "b.xml"}) {
    EXPECT_TRUE(files.count(f)) << f;
    if (std::string(f).find(".json") != std::string::npos) {
      EXPECT_FALSE(ValidateJson(ReadFile(out / f)).has_value()) << f;
    } else {
      EXPECT_FALSE(ValidateXml(ReadFile(out / f)).has_value()) << f;
    }
  }
  for (const std::string& f : files) {
    EXPECT_EQ(f.find(".tmp."), std::string::npos) << f;
    EXPECT_EQ(f.rfind(".aftale-", 0), std::string::npos) << f;
    EXPECT_EQ(f.rfind("slow", 0), std::string::npos) << f;
    EXPECT_EQ(f.rfind("empty", 0), std::string::npos) << f;
  }
}

}  // namespace
}  // namespace extractor::testing
