// committees.h: committee names and the roles a sentence gives them. Pure
// functions from text to values; the fields stage calls them on an item's
// paragraphs (and on "Ansvarligt udvalg: ..." cells) and turns the byte
// ranges into evidence.
//
// Names are normalised against ONE list (CommitteeNames() in rules.cc): a
// near miss within a small edit distance ("Social- og Sundhedsudvalgte",
// "Økonomiudvalgt", "Social og Sundhedsudvalget") becomes the listed name
// with corrected = true, and the caller warns; an unknown name that still
// reads as one ("Naturkvalitetsudvalget") is kept as written.
//
//   for (const CommitteeMatch& c : FindCommitteeRoles("Økonomiudvalget er fagudvalg på opgaven."))
//     // c.name == "Økonomiudvalget", c.role == "fagudvalg", c.rule == "committee.fagudvalg"
//   NormaliseCommittee("Social- og Sundhedsudvalgte")->name;   // "Social- og Sundhedsudvalget"
//
// Roles are spelled as the truth files spell them: "fagudvalg" ("er
// fagudvalg på opgaven/forslaget"), "udmønter" ("udmønter midlerne"),
// "beslutter" ("træffer beslutning(en)", "tager stilling til"), "begynder"
// ("Opgaven begynder i X"), "følger" ("følger op", "følger fortsat
// udviklingen"), "ansvarligt udvalg" ("Ansvarligt udvalg: X"). The verb
// must follow the name directly, in the present tense; a committee named in
// passing ("drøftes i Økonomiudvalget", "forelægges", "orienteres", "skal
// tage stilling til", "Midlerne udmøntes i X") has no role. A sentence that
// gives one name two roles ("er fagudvalg på opgaven og udmønter midlerne")
// yields the first.
#ifndef AFTALE_COMMITTEES_H_
#define AFTALE_COMMITTEES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace extractor {

struct CommitteeName {
  std::string name;        // the list's spelling; as written when unknown
  bool known = false;      // on the list
  bool corrected = false;  // a typo (or lost hyphen) mapped to the list
  int distance = 0;        // edits between what was written and `name`
  bool operator==(const CommitteeName&) const = default;
};

// `written` against the committee list. None when it names no committee
// (a genitive "Økonomiudvalgets", "Fagudvalget", an indefinite
// "Naturkvalitetsudvalg", plain words).
std::optional<CommitteeName> NormaliseCommittee(std::string_view written);

struct CommitteeMatch {
  size_t begin = 0, end = 0;   // the name as written, a byte range of the input
  std::string name;            // normalised
  std::string as_written;      // == input.substr(begin, end - begin)
  bool known = false;
  bool corrected = false;      // the caller warns
  std::string role;            // "" from FindCommittees when none
  std::string rule;            // the role's rules-table id ("committee.fagudvalg")
  size_t phrase_begin = 0, phrase_end = 0;  // the name and its role's words
  bool operator==(const CommitteeMatch&) const = default;
};

// Every committee named in the text, with its role where it has one.
std::vector<CommitteeMatch> FindCommittees(std::string_view text);

// The committees the text gives a role, in order.
std::vector<CommitteeMatch> FindCommitteeRoles(std::string_view text);

}  // namespace extractor

#endif  // AFTALE_COMMITTEES_H_
