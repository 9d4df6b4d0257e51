// libFuzzer target for the Danish tokenizer and its FTS5 path, on raw bytes
// (FTS5 hands a tokenizer whatever a column holds). Invariants besides no
// crash: every term is non-empty and no longer than its kind allows, its
// offsets lie inside the text and never go back, a colocated term follows a
// term of the same word, and a "~" stem term is only ever colocated in a
// document. Short inputs are also indexed and queried through FTS5, with
// highlight() over the stored text.
#include <sqlite3.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "archive/danish.h"
#include "archive/fts.h"

using namespace extractor::archive;

namespace {

DanishTokenizer& Tokenizer() {
  static DanishTokenizer* t = [] {
    extractor::Result<DanishTokenizer> r = DanishTokenizer::Create();
    if (!r.ok()) std::abort();
    return new DanishTokenizer(std::move(*r));
  }();
  return *t;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckTerms(const std::string& text, TokenizeMode mode) {
  size_t last_begin = 0, prev_begin = 0, prev_end = 0;
  bool first = true;
  Tokenizer().Tokenize(text, mode, [&](const Term& t) {
    Check(!t.text.empty() && t.text.size() <= 2 * kMaxTermBytes);
    Check(t.begin < t.end && t.end <= text.size() && t.begin >= last_begin);
    if (t.colocated) {
      Check(!first && t.begin == prev_begin && t.end == prev_end);
    } else if (mode == TokenizeMode::kDocument) {
      Check(t.text[0] != kStemMarker);
    }
    first = false;
    last_begin = prev_begin = t.begin;
    prev_end = t.end;
    return true;
  });
}

void ThroughFts(const std::string& text) {
  sqlite3* db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) std::abort();
  Check(RegisterDanishTokenizer(db).ok());
  Check(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'danish')", nullptr,
                     nullptr, nullptr) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t(body) VALUES (?1)", -1, &s, nullptr);
  sqlite3_bind_text(s, 1, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  Check(sqlite3_step(s) == SQLITE_DONE);
  sqlite3_finalize(s);
  // The text as a query too: most are syntax errors, which is fine.
  sqlite3_prepare_v2(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1", -1, &s,
                     nullptr);
  sqlite3_bind_text(s, 1, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  while (sqlite3_step(s) == SQLITE_ROW) {
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  CheckTerms(text, TokenizeMode::kDocument);
  CheckTerms(text, TokenizeMode::kQuery);
  CheckTerms(text, TokenizeMode::kPrefixQuery);
  if (size <= 4096) ThroughFts(text);
  return 0;
}
