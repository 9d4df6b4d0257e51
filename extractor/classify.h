// classify.h: which kind of document this is, and its identity: title,
// budget year, date, case id, follow-up number, the key item ids start with;
// each field with the evidence it was read from.
//
//   DocumentMeta meta = Classify(laid, sha256);
#ifndef AFTALE_CLASSIFY_H_
#define AFTALE_CLASSIFY_H_

#include <string>

#include "model.h"
#include "record.h"

namespace extractor {

DocumentMeta Classify(const LaidDocument& laid, const std::string& sha256);

}  // namespace extractor

#endif  // AFTALE_CLASSIFY_H_
