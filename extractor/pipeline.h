// pipeline.h: the only place that knows the order of the stages.
//
//   read (reader.h) -> layout (layout.h) -> tables (tables.h)
//   -> classify (classify.h) -> segment (segment.h) -> fields (fields.h)
//   -> Record (record.h)
//
//   Result<Record> r = ExtractRecord("corpus/budget-2020-aftale.pdf", {});
#ifndef AFTALE_PIPELINE_H_
#define AFTALE_PIPELINE_H_

#include <string>

#include "model.h"
#include "reader.h"
#include "record.h"
#include "result.h"

namespace extractor {

// Prepares everything that is the same for every document: Poppler's global
// state, the compiled rules table, the compiled schemas. A batch calls it once
// before forking its workers, which then start warm.
void WarmUp();

// The laid document with its tables: what `aftale text` prints.
LaidDocument LayoutDocument(const RawDocument& raw);

// Reads, lays out and segments one PDF. Errors are the reader's.
Result<Record> ExtractRecord(const std::string& path, const ReadOptions& options);

// The record of an already laid-out document (LayoutDocument). `file` is
// stored as its base name only, so a record does not depend on where the
// file lay.
Record BuildRecord(const std::string& file, const std::string& sha256, const RawDocument& raw,
                   const LaidDocument& laid);

}  // namespace extractor

#endif  // AFTALE_PIPELINE_H_
