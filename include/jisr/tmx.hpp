// Input: a TMX document (UTF-8 bytes). Output: its translation units.
//
// Reads TMX 1.4 as jisr and translation tools write it: the header's
// srclang, and for each <tu> its tuid, its <prop type="x-score"> and the text
// of each <tuv>'s <seg>. Inside a segment, the text of <hi> and <sub> is kept
// and the native codes of <bpt>, <ept>, <it>, <ph> and <ut> are left out, as
// translation tools do. XML is parsed by pugixml, which expands only the five
// predefined entities and character references (an unknown entity stays as
// written; declared entities are never expanded). Any fault (invalid UTF-8,
// malformed XML, a character XML forbids, a <tu> outside <body>, nesting
// deeper than 256 elements) throws InputError naming the input and the byte
// offset. Time and memory are linear in the input size (the document is
// held in memory, about twice its size).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "jisr/types.hpp"

namespace jisr {

struct TmxVariant {
  std::string lang;  // xml:lang (or TMX 1.1's lang) as written
  std::string text;  // the segment text, entities decoded
};

struct TmxUnit {
  std::string id;               // tuid; empty when absent
  std::optional<double> score;  // <prop type="x-score">, when present and a number
  std::vector<TmxVariant> variants;
  std::size_t offset = 0;  // byte offset of the <tu> in the input
};

struct TmxDocument {
  std::string srclang;  // header srclang; empty when absent
  std::vector<TmxUnit> units;
  std::size_t dropped_codes = 0;  // inline native codes (<bpt> <ept> <it> <ph> <ut>) left out of segments
};

// Parses `xml`; `name` (a file name) starts every error message.
[[nodiscard]] TmxDocument read_tmx(std::string_view xml, std::string_view name);

// True if language tag `tag` names `wanted`: equal ignoring case, or
// `wanted` has no region and `tag`'s primary language equals it ("ar-SY"
// names "ar", but "ar" does not name "ar-SY").
[[nodiscard]] bool language_matches(std::string_view tag, std::string_view wanted);

// Bitext as two documents and one bead per unit or line, for conversion
// between formats. A unit or line that lacks a side becomes a 1-0 or 0-1
// bead, so nothing is lost on the way.
struct Bitext {
  Document src, tgt;
  Alignment beads;
  std::vector<std::optional<double>> scores;  // per bead, when the input had one
  std::size_t extra_variants = 0;             // TMX <tuv>s beyond the two sides, left out
};

// One bead per unit: the first variant whose language matches `src_tag`, and
// the first other one matching `tgt_tag` (any other language if `tgt_tag` is
// empty). Throws UsageError if `src_tag` is empty.
[[nodiscard]] Bitext bitext_from_tmx(const TmxDocument& tmx, std::string_view src_tag,
                                     std::string_view tgt_tag);

// Reads TSV as jisr writes it: "source<TAB>target[<TAB>score]" a line, fields
// escaped as escape_tsv_field (text.hpp) does, an empty field for a missing
// side; blank lines are skipped. `text` must be clean UTF-8 (clean_text).
// Throws InputError "NAME:LINE: byte OFFSET: ..." on a malformed line.
[[nodiscard]] Bitext read_bitext_tsv(std::string_view text, std::string_view name);

// Writes `bitext` as TSV that read_bitext_tsv reads back: one bead a line,
// an empty field for a missing side or score. Throws OutputError if `out`
// fails.
void write_bitext_tsv(const Bitext& bitext, std::ostream& out);

}  // namespace jisr
