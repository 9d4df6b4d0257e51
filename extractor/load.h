// load.h: a JSON record -> the Record value it renders (the inverse of
// EmitJson), for everything downstream of extraction: the index, search,
// tracking and the web view read records through it and never a PDF.
//
// The text is checked against the built-in JSON schema first, so a loaded
// Record is always one the contract allows; EmitJson(*LoadRecordJson(j)) == j
// for every record aftale writes.
//
//   Result<Record> r = LoadRecordJson(ReadFile("out/budget-2020-aftale.json"));
//   if (!r.ok()) std::cerr << r.error().message;   // "/items/3/number: ..."
#ifndef AFTALE_LOAD_H_
#define AFTALE_LOAD_H_

#include <string>
#include <string_view>

#include "record.h"
#include "result.h"

namespace extractor {

// Errors: kInvalid (not JSON, or not a record of this contract: the
// message names the first failing path).
Result<Record> LoadRecordJson(std::string_view json);

// The same, from a file. Errors: kOpenFailed, kInvalid.
Result<Record> LoadRecordFile(const std::string& path);

}  // namespace extractor

#endif  // AFTALE_LOAD_H_
