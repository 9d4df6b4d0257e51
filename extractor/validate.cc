#include "validate.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <memory>
#include <mutex>

namespace extractor {

extern const char* const kJsonSchemaText;
extern const char* const kXmlSchemaText;

const char* JsonSchemaText() { return kJsonSchemaText; }
const char* XmlSchemaText() { return kXmlSchemaText; }

namespace {

const valijson::Schema& JsonSchema() {
  static valijson::Schema schema;
  static std::once_flag once;
  std::call_once(once, [] {
    nlohmann::json doc = nlohmann::json::parse(kJsonSchemaText);
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, schema);
  });
  return schema;
}

// libxml2 reports through a callback; collect the first few messages.
void CollectXmlError(void* ctx, const xmlError* error) {
  auto* out = static_cast<std::string*>(ctx);
  if (error == nullptr || out->size() > 2000) return;
  std::string msg = error->message ? error->message : "error";
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  *out += "line " + std::to_string(error->line) + ": " + msg + "\n";
}

struct XmlSchema {
  xmlSchemaPtr schema = nullptr;
};

xmlSchemaPtr CompiledXsd() {
  static XmlSchema compiled;
  static std::once_flag once;
  std::call_once(once, [] {
    xmlSchemaParserCtxtPtr ctxt =
        xmlSchemaNewMemParserCtxt(kXmlSchemaText, static_cast<int>(std::char_traits<char>::length(kXmlSchemaText)));
    compiled.schema = xmlSchemaParse(ctxt);
    xmlSchemaFreeParserCtxt(ctxt);
  });
  return compiled.schema;
}

}  // namespace

void CompileSchemas() {
  JsonSchema();
  CompiledXsd();
}

std::optional<std::string> ValidateJson(const std::string& json) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded()) return std::string("not JSON");
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  // Without a results object valijson stops at the first failure and keeps
  // no paths: the common case, a valid record, costs a third. A failure is
  // validated again for its message.
  if (validator.validate(JsonSchema(), adapter, nullptr)) return std::nullopt;
  valijson::ValidationResults results;
  validator.validate(JsonSchema(), adapter, &results);
  std::string out;
  valijson::ValidationResults::Error e;
  int shown = 0;
  while (results.popError(e) && shown < 8) {
    std::string path;
    for (const std::string& c : e.context) {
      if (c == "<root>") continue;
      path += c;
    }
    out += (path.empty() ? "/" : path) + ": " + e.description + "\n";
    ++shown;
  }
  return out;
}

std::optional<std::string> ValidateXml(const std::string& xml) {
  xmlSchemaPtr schema = CompiledXsd();
  if (schema == nullptr) return std::string("the built-in XSD does not compile");
  std::string errors;
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "record.xml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) return std::string("not well-formed XML");
  xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
  xmlSchemaSetValidStructuredErrors(v, reinterpret_cast<xmlStructuredErrorFunc>(CollectXmlError), &errors);
  int rc = xmlSchemaValidateDoc(v, doc);
  xmlSchemaFreeValidCtxt(v);
  xmlFreeDoc(doc);
  if (rc == 0) return std::nullopt;
  if (errors.empty()) errors = "invalid (libxml2 code " + std::to_string(rc) + ")\n";
  return errors;
}

}  // namespace extractor
