#include "archive/fts.h"

#include <sqlite3.h>

#include <new>
#include <utility>

#include "archive/danish.h"

namespace extractor::archive {
namespace {

// FTS5 owns one of these per table that names the tokenizer.
struct Instance {
  DanishTokenizer tokenizer;
};

// C callbacks: no exception may cross into SQLite. The only one the
// tokenizer can raise is std::bad_alloc, which SQLite knows as SQLITE_NOMEM.
int Create(void*, const char** args, int n_args, Fts5Tokenizer** out) {
  *out = nullptr;
  if (n_args > 0 && args != nullptr) return SQLITE_ERROR;  // "danish" takes no options
  try {
    Result<DanishTokenizer> t = DanishTokenizer::Create();
    if (!t.ok()) return SQLITE_ERROR;
    *out = reinterpret_cast<Fts5Tokenizer*>(new Instance{std::move(*t)});
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
}

void Delete(Fts5Tokenizer* t) { delete reinterpret_cast<Instance*>(t); }

int Tokenize(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int n_text,
             int (*token)(void*, int, const char*, int, int, int)) {
  TokenizeMode mode = TokenizeMode::kDocument;  // FTS5_TOKENIZE_DOCUMENT and _AUX
  if (flags & FTS5_TOKENIZE_QUERY) {
    mode = (flags & FTS5_TOKENIZE_PREFIX) ? TokenizeMode::kPrefixQuery : TokenizeMode::kQuery;
  }
  std::string_view view(text == nullptr ? "" : text, text == nullptr || n_text < 0 ? 0 : n_text);
  int rc = SQLITE_OK;
  try {
    reinterpret_cast<Instance*>(t)->tokenizer.Tokenize(view, mode, [&](const Term& term) {
      rc = token(ctx, term.colocated ? FTS5_TOKEN_COLOCATED : 0, term.text.data(),
                 static_cast<int>(term.text.size()), static_cast<int>(term.begin),
                 static_cast<int>(term.end));
      return rc == SQLITE_OK;
    });
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
  // FTS5's contract: a callback's non-OK code stops tokenizing and is
  // returned as it is (SQLITE_DONE included: the caller asked to stop).
  return rc;
}

}  // namespace

Result<FtsTokenizer> RegisterDanishTokenizer(sqlite3* db) {
  if (db == nullptr) return Error{ErrorCode::kInternal, "no database connection"};
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    return Error{ErrorCode::kInternal,
                 std::string("this SQLite has no FTS5: ") + sqlite3_errmsg(db)};
  }
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr || api->iVersion < 2) {
    return Error{ErrorCode::kInternal, "this SQLite's FTS5 API is missing or too old"};
  }
  fts5_tokenizer callbacks = {Create, Delete, Tokenize};
  if (api->xCreateTokenizer(api, kDanishTokenizerName, nullptr, &callbacks, nullptr) !=
      SQLITE_OK) {
    return Error{ErrorCode::kInternal,
                 std::string("cannot register the Danish tokenizer: ") + sqlite3_errmsg(db)};
  }
  return FtsTokenizer{kDanishTokenizerName, std::string(DanishTokenizer::Version())};
}

}  // namespace extractor::archive
