#include "classify.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "rules.h"
#include "unicode.h"

namespace extractor {
namespace {

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

DocumentMeta Classify(const LaidDocument& laid, const std::string& sha256) {
  DocumentMeta meta;
  if (laid.pages.empty()) {
    meta.key = "unknown-" + sha256.substr(0, 12);
    return meta;
  }
  double body = laid.body_size;
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
  if (title == nullptr) {
    // No larger text: the first short paragraph set bold all through.
    for (const Block& b : first) {
      bool bold = !b.lines.empty() && b.kind == BlockKind::kParagraph;
      for (const Line& l : b.lines) bold = bold && l.bold;
      if (bold && Matches(RuleId::kSectionHeading, b.text) && !Find(RuleId::kDateLine, b.text, nullptr)) {
        title = &b;
        break;
      }
    }
  }
  if (title != nullptr) {
    meta.title = title->text;
    meta.title_evidence = EvidenceOf(*title, "classify.title");
    meta.evidence = meta.title_evidence;
  }

  std::vector<std::string> g;
  const Block* kind_block = nullptr;  // the block that told the kind
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
    // The title names the ordinal and the year in either order.
    meta.followup_number = OrdinalNumber(g[0].empty() ? g[3] : g[0]);
    meta.budget_year = std::atoi((g[1].empty() ? g[2] : g[1]).c_str());
    meta.evidence = EvidenceOf(*b, RuleName(RuleId::kFollowupTitle));
    kind_block = b;
  } else if (title != nullptr && Matches(RuleId::kNoteTitle, title->text)) {
    meta.kind = DocKind::kNote;
    meta.evidence = EvidenceOf(*title, RuleName(RuleId::kNoteTitle));
  } else if (const Block* b2 = scan(RuleId::kAgreementTitle, true)) {
    meta.kind = DocKind::kAgreement;
    meta.budget_year = std::atoi(g[0].c_str());
    meta.evidence = EvidenceOf(*b2, RuleName(RuleId::kAgreementTitle));
    kind_block = b2;
  } else {
    // A summary: says so on its first page ("Opsamling", "Referat"), is
    // dated there, and numbers its points "1) ..." as its body; a "1)" list
    // somewhere in a contract's annex makes no summary.
    int points = 0;
    for (const LaidPage& p : laid.pages) {
      for (const Block& b : p.blocks) {
        if (b.kind == BlockKind::kParagraph && Matches(RuleId::kPointHeading, b.text)) ++points;
      }
    }
    bool says_so = false, dated = false;
    for (const Block& b : first) {
      says_so = says_so || (b.text.size() < 80 && Find(RuleId::kSummaryTitle, b.text, nullptr));
      dated = dated || Find(RuleId::kBareDate, b.text, nullptr) || Find(RuleId::kDateLine, b.text, nullptr);
    }
    if (points >= 2 && says_so && dated) meta.kind = DocKind::kSummary;
  }
  RuleMatch m;
  // The budget year: from the sentence that told the kind, else the first
  // "budget 2020" on the first page.
  if (meta.budget_year && kind_block != nullptr) {
    RuleId rule = meta.kind == DocKind::kFollowup ? RuleId::kFollowupTitle : RuleId::kAgreementTitle;
    if (FindMatch(rule, kind_block->text, 0, &m)) {
      meta.budget_year_evidence = EvidenceOf(*kind_block, m.begin, m.end, RuleName(rule));
    }
  }
  if (!meta.budget_year) {
    for (const Block& b : first) {
      RuleId rule = RuleId::kAgreementTitle;
      if (FindMatch(rule, b.text, 0, &m) || FindMatch(rule = RuleId::kBudgetYear, b.text, 0, &m)) {
        meta.budget_year = std::atoi(std::string(m.Group(b.text, 1)).c_str());
        meta.budget_year_evidence = EvidenceOf(b, m.begin, m.end, RuleName(rule));
        break;
      }
    }
  }
  for (const Block& b : first) {
    if (!meta.date && FindMatch(RuleId::kDateLine, b.text, 0, &m)) {
      meta.date = IsoDate(std::string(m.Group(b.text, 1)), std::string(m.Group(b.text, 2)), std::string(m.Group(b.text, 3)));
      if (meta.date) meta.date_evidence = EvidenceOf(b, m.begin, m.end, RuleName(RuleId::kDateLine));
    }
    if (!meta.case_id && FindMatch(RuleId::kCaseIdLine, b.text, 0, &m)) {
      meta.case_id = std::string(m.Group(b.text, 1));
      meta.case_id_evidence = EvidenceOf(b, m.begin, m.end, RuleName(RuleId::kCaseIdLine));
    }
  }
  // The municipality: the one the first pages name most often; its evidence
  // is the first place it is named.
  std::map<std::string, int> named;
  std::map<std::string, Evidence> where;
  for (size_t p = 0; p < laid.pages.size() && p < 5; ++p) {
    for (const Block& b : laid.pages[p].blocks) {
      if (!FindMatch(RuleId::kMunicipality, b.text, 0, &m)) continue;
      std::string name = std::string(m.Group(b.text, 1)) + " Kommune";
      if (++named[name] == 1) where[name] = EvidenceOf(b, m.begin, m.end, RuleName(RuleId::kMunicipality));
    }
  }
  int most = 0;
  for (const auto& [name, n] : named) {
    if (n > most) {
      most = n;
      meta.municipality = name;
      meta.municipality_evidence = where[name];
    }
  }
  if (!meta.date) {
    for (const Block& b : first) {
      if (b.text.size() < 40 && FindMatch(RuleId::kBareDate, b.text, 0, &m)) {
        meta.date = IsoDate(std::string(m.Group(b.text, 1)), std::string(m.Group(b.text, 2)), std::string(m.Group(b.text, 3)));
        if (meta.date) {
          meta.date_evidence = EvidenceOf(b, m.begin, m.end, RuleName(RuleId::kBareDate));
          break;
        }
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
