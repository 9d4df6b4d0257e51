#include "classify.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "rules.h"
#include "unicode.h"

namespace extractor {
namespace {

Evidence EvidenceOf(const Block& b, RuleId rule) {
  return Evidence{b.page, b.box, b.text, RuleName(rule)};
}

int OrdinalNumber(const std::string& word) {
  static const std::map<std::string, int> kOrdinals = {
      {"første", 1}, {"anden", 2}, {"tredje", 3}, {"fjerde", 4}, {"femte", 5}, {"sjette", 6}};
  std::string w = ToLower(word);
  auto it = kOrdinals.find(w);
  if (it != kOrdinals.end()) return it->second;
  int n = 0;
  for (char c : w) {
    if (c >= '0' && c <= '9') n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

double BodyFontSize(const LaidDocument& laid) {
  std::map<long, size_t> chars_by_size;  // size in tenths of a point
  for (const LaidPage& p : laid.pages) {
    for (const Block& b : p.blocks) {
      for (const Line& l : b.lines) chars_by_size[std::lround(l.font_size * 10)] += l.text.size();
    }
  }
  long best = 110;
  size_t most = 0;
  for (const auto& [size, n] : chars_by_size) {
    if (n > most) {
      most = n;
      best = size;
    }
  }
  return static_cast<double>(best) / 10.0;
}

std::optional<std::string> IsoDate(const std::string& day, const std::string& month,
                                   const std::string& year) {
  static const char* const kMonths[] = {"januar", "februar", "marts",     "april",
                                        "maj",    "juni",    "juli",      "august",
                                        "september", "oktober", "november", "december"};
  std::string m = ToLower(month);
  for (int i = 0; i < 12; ++i) {
    if (m == kMonths[i]) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%s-%02d-%02d", year.c_str(), i + 1, std::atoi(day.c_str()));
      return std::string(buf);
    }
  }
  return std::nullopt;
}

DocumentMeta Classify(const LaidDocument& laid, const std::string& sha256) {
  DocumentMeta meta;
  if (laid.pages.empty()) {
    meta.key = "unknown-" + sha256.substr(0, 12);
    return meta;
  }
  double body = BodyFontSize(laid);
  // The first page's blocks, and the title: its largest text.
  const std::vector<Block>& first = laid.pages[0].blocks;
  const Block* title = nullptr;
  double title_size = body * 1.15;
  for (const Block& b : first) {
    if (b.lines.empty() || b.text.empty()) continue;
    if (b.lines[0].font_size > title_size + 0.01) {
      title_size = b.lines[0].font_size;
      title = &b;
    }
  }
  if (title != nullptr) {
    meta.title = title->text;
    meta.evidence = EvidenceOf(*title, RuleId::kAgreementTitle);
    meta.evidence->rule = "classify.title";
  }

  std::vector<std::string> g;
  // Kind, by the strongest sign first: the title, then any large text on page 1.
  auto scan = [&](RuleId rule, bool large_only) -> const Block* {
    if (title != nullptr && Find(rule, title->text, &g)) return title;
    for (const Block& b : first) {
      if (large_only && (b.lines.empty() || b.lines[0].font_size < body * 1.15)) continue;
      if (Find(rule, b.text, &g)) return &b;
    }
    return nullptr;
  };
  if (const Block* b = scan(RuleId::kFollowupTitle, true)) {
    meta.kind = DocKind::kFollowup;
    meta.followup_number = OrdinalNumber(g[0]);
    meta.budget_year = std::atoi(g[1].c_str());
    meta.evidence = EvidenceOf(*b, RuleId::kFollowupTitle);
  } else if (title != nullptr && Matches(RuleId::kNoteTitle, title->text)) {
    meta.kind = DocKind::kNote;
    meta.evidence = EvidenceOf(*title, RuleId::kNoteTitle);
  } else if (const Block* b2 = scan(RuleId::kAgreementTitle, true)) {
    meta.kind = DocKind::kAgreement;
    meta.budget_year = std::atoi(g[0].c_str());
    meta.evidence = EvidenceOf(*b2, RuleId::kAgreementTitle);
  } else {
    // A summary numbers its points "1) ...".
    int points = 0;
    for (const LaidPage& p : laid.pages) {
      for (const Block& b : p.blocks) {
        if (b.kind == BlockKind::kParagraph && Matches(RuleId::kPointHeading, b.text)) ++points;
      }
    }
    if (points >= 2) meta.kind = DocKind::kSummary;
  }
  if (!meta.budget_year) {
    for (const Block& b : first) {
      if (Find(RuleId::kAgreementTitle, b.text, &g) || Find(RuleId::kBudgetYear, b.text, &g)) {
        meta.budget_year = std::atoi(g[0].c_str());
        break;
      }
    }
  }
  for (const Block& b : first) {
    if (!meta.date && Find(RuleId::kDateLine, b.text, &g)) meta.date = IsoDate(g[0], g[1], g[2]);
    if (!meta.case_id && Find(RuleId::kCaseIdLine, b.text, &g)) meta.case_id = g[0];
  }
  // The municipality: the one the first pages name most often.
  std::map<std::string, int> named;
  for (size_t p = 0; p < laid.pages.size() && p < 5; ++p) {
    for (const Block& b : laid.pages[p].blocks) {
      if (Find(RuleId::kMunicipality, b.text, &g)) ++named[g[0] + " Kommune"];
    }
  }
  int most = 0;
  for (const auto& [name, n] : named) {
    if (n > most) {
      most = n;
      meta.municipality = name;
    }
  }
  if (!meta.date) {
    for (const Block& b : first) {
      if (b.text.size() < 40 && Find(RuleId::kBareDate, b.text, &g)) {
        meta.date = IsoDate(g[0], g[1], g[2]);
        if (meta.date) break;
      }
    }
  }
  if (meta.date) meta.year = std::atoi(meta.date->substr(0, 4).c_str());
  else if (meta.budget_year) meta.year = meta.budget_year;
  // Identity: kind, year, follow-up number; notes and summaries (several a
  // year) add their month and day.
  std::string key = DocKindName(meta.kind);
  int year = meta.kind == DocKind::kAgreement || meta.kind == DocKind::kFollowup
                 ? meta.budget_year.value_or(0)
                 : meta.year.value_or(0);
  if (year > 0) {
    key += "-" + std::to_string(year);
    if (meta.followup_number) key += "-" + std::to_string(*meta.followup_number);
    if ((meta.kind == DocKind::kNote || meta.kind == DocKind::kSummary ||
         meta.kind == DocKind::kUnknown) &&
        meta.date) {
      key += "-" + meta.date->substr(5, 2) + meta.date->substr(8, 2);
    }
  } else {
    key += "-" + sha256.substr(0, 12);
  }
  meta.key = key;
  return meta;
}

}  // namespace extractor
