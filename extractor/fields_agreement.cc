// Agreements: the money and the owner of each item, from its running text:
// every amount (amounts.h) and every committee a sentence gives a role
// (committees.h), each with the lines it was read from.
#include "amounts.h"
#include "committees.h"
#include "fields_internal.h"

namespace extractor::fields {

Amount AmountOf(const Block& b, const AmountMatch& a) {
  Amount am;
  am.text = a.text;
  am.dkk = a.dkk;
  am.years = a.years;
  am.recurring = a.recurring;
  am.unit = a.unit;
  am.kind = a.kind;
  am.from_year = a.from_year;
  am.onward = a.onward;
  am.per = a.per;
  am.evidence = EvidenceOf(b, a.begin, a.end, a.rule);
  am.page = am.evidence.page;
  return am;
}

void TextAmounts(const Block& b, std::vector<Amount>* out) {
  for (const AmountMatch& a : FindAmounts(b.text)) out->push_back(AmountOf(b, a));
}

void AgreementItem(const Context& ctx, size_t part, ItemFields* out) {
  const Part& p = ctx.parts[part];
  for (const BlockRef& r : p.body) {
    const Block& b = ctx.laid.At(r);
    TextAmounts(b, &out->amounts);
    for (const CommitteeMatch& c : FindCommitteeRoles(b.text)) {
      if (c.corrected) {
        ctx.warnings->push_back({"fields.committee_corrected",
                                 "committee name \"" + c.as_written + "\" read as \"" + c.name + "\" (item " +
                                     (p.number ? *p.number : p.title) + ")",
                                 b.page});
      }
      bool seen = false;
      for (const Committee& have : out->committees) seen = seen || (have.name == c.name && have.role == c.role);
      if (seen) continue;
      Committee committee;
      committee.name = c.name;
      committee.role = c.role;
      committee.evidence = EvidenceOf(b, c.phrase_begin, c.phrase_end, c.rule);
      out->committees.push_back(std::move(committee));
    }
  }
}

}  // namespace extractor::fields
