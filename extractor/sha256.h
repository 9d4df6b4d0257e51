// sha256.h: SHA-256 of a file, as lower-case hex (FIPS 180-4). The record
// names its source by content, so a renamed file is still the same source.
//
//   std::optional<std::string> hex = Sha256OfFile("aftale.pdf");
#ifndef AFTALE_SHA256_H_
#define AFTALE_SHA256_H_

#include <optional>
#include <string>
#include <string_view>

namespace extractor {

std::string Sha256Hex(std::string_view data);
std::optional<std::string> Sha256OfFile(const std::string& path);

}  // namespace extractor

#endif  // AFTALE_SHA256_H_
