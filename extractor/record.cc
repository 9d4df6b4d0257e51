#include "record.h"

namespace extractor {

const char* DocKindName(DocKind k) {
  switch (k) {
    case DocKind::kAgreement: return "agreement";
    case DocKind::kFollowup: return "followup";
    case DocKind::kNote: return "note";
    case DocKind::kSummary: return "summary";
    case DocKind::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* StatusName(Status s) {
  switch (s) {
    case Status::kGreen: return "green";
    case Status::kYellow: return "yellow";
    case Status::kRed: return "red";
  }
  return "green";
}

}  // namespace extractor
