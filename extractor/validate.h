// validate.h: the record against schemas/aftale.schema.json (valijson) and
// schemas/aftale.xsd (libxml2). Both schemas are compiled into the binary,
// so a record is checked against exactly the contract this build documents.
//
//   if (auto err = ValidateJson(json)) std::cerr << *err;  // "/items/3/number: ..."
#ifndef AFTALE_VALIDATE_H_
#define AFTALE_VALIDATE_H_

#include <optional>
#include <string>

namespace extractor {

// nullopt when valid; otherwise the first failures, each with its path.
std::optional<std::string> ValidateJson(const std::string& json);
std::optional<std::string> ValidateXml(const std::string& xml);

// Compiles both schemas now (they are compiled on first use otherwise).
void CompileSchemas();

// The schema texts as built in.
const char* JsonSchemaText();
const char* XmlSchemaText();

}  // namespace extractor

#endif  // AFTALE_VALIDATE_H_
