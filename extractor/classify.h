// classify.h: which kind of document this is, and its identity: title,
// budget year, date, case id, follow-up number, the key item ids start with.
//
//   DocumentMeta meta = Classify(laid, sha256);
#ifndef AFTALE_CLASSIFY_H_
#define AFTALE_CLASSIFY_H_

#include <string>

#include "model.h"
#include "record.h"

namespace extractor {

DocumentMeta Classify(const LaidDocument& laid, const std::string& sha256);

// The font size most of the document's text is set in.
double BodyFontSize(const LaidDocument& laid);

// "27", "oktober", "2017" -> "2017-10-27"; nullopt for an unknown month.
std::optional<std::string> IsoDate(const std::string& day, const std::string& month,
                                   const std::string& year);

}  // namespace extractor

#endif  // AFTALE_CLASSIFY_H_
