// emit.h: Record -> JSON and XML text. Nothing is computed here: both are
// renderings of one value tree, so they carry the same content by
// construction (and tests/emit_test.cc checks it field by field).
//
// XML mapping: an object is an element; its scalar members are attributes,
// except the prose fields (title, text, message) which are child elements;
// an array is a wrapper element holding one element per entry, named by the
// singular (items/item, years/year, rows/row/cell, header/line); a bbox is one
// attribute "x0 y0 x1 y1"; null is left out.
//
//   std::string json = EmitJson(record);   // 2-space indented, keys in contract order
//   std::string xml = EmitXml(record);
//   std::string summary = EmitSummaryJson(batch_summary);   // summary.h
#ifndef AFTALE_EMIT_H_
#define AFTALE_EMIT_H_

#include <string>

#include "record.h"
#include "summary.h"

namespace extractor {

std::string EmitJson(const Record& record);
std::string EmitXml(const Record& record);

// The batch summary `convert` writes (summary.h), 2-space indented JSON. Every
// key is always present; unknown values are null.
std::string EmitSummaryJson(const BatchSummary& summary);

// The element name of one entry of the array `key` ("items" -> "item").
const char* XmlEntryName(const std::string& key);

// Whether member `key` of an object is written as a child element.
bool XmlIsProse(const std::string& key);

}  // namespace extractor

#endif  // AFTALE_EMIT_H_
