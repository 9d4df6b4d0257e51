// fts.h: the Danish tokenizer (danish.h) as an SQLite FTS5 tokenizer, so
// that MATCH, bm25(), highlight() and snippet() understand Danish.
//
//   Result<FtsTokenizer> t = RegisterDanishTokenizer(db);   // once per connection
//   CREATE VIRTUAL TABLE text USING fts5(body, tokenize = 'danish');
//   SELECT highlight(text, 0, '[', ']') FROM text WHERE text MATCH 'plejecenter';
//     -- "... de nye [plejecentre] ..."
//
// Queries use FTS5's own syntax: words, "phrases", word* prefixes, AND, OR,
// NOT, NEAR, parentheses. A word with points or hyphens ("1.3", "BSU-12")
// must be written as a phrase ("\"1.3\"") because FTS5 itself does not
// allow '.' or '-' in a bare word; the search command quotes such words.
// Offsets given to FTS5 are the words' bytes in the stored text, so
// highlight() and snippet() mark exactly the original words.
#ifndef AFTALE_ARCHIVE_FTS_H_
#define AFTALE_ARCHIVE_FTS_H_

#include <string>

#include "result.h"

struct sqlite3;  // sqlite3.h stays in fts.cc

namespace extractor::archive {

inline constexpr char kDanishTokenizerName[] = "danish";

struct FtsTokenizer {
  std::string name;     // for "tokenize = '<name>'"
  std::string version;  // DanishTokenizer::Version(): store it with the index
};

// Registers "danish" with the connection's FTS5. Fails when this SQLite has
// no FTS5 (Debian's has) or the connection is unusable.
Result<FtsTokenizer> RegisterDanishTokenizer(sqlite3* db);

}  // namespace extractor::archive

#endif  // AFTALE_ARCHIVE_FTS_H_
