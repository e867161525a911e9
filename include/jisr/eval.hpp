// Input: gold and test alignments as vecalign-style bead lists (sentence
// indices), or the text pairs they make. Output: precision, recall and F1.
//
// Definitions (counts are pooled over all documents given, never averaged):
//   strict: a test bead is correct when the identical bead is in the gold.
//   lax:    a test bead is correct when some gold bead shares at least one
//           sentence with it on each side.
//   By default only beads with both sides non-empty take part (precision over
//   test beads, recall over gold beads). With include_null, 1-0 and 0-1 beads
//   count too (a null bead is then correct only if it is in the gold).
//   The vecalign protocol (Thompson and Koehn 2019, vecalign's score.py) mixes
//   the two: precision over every test bead (null beads included), recall over
//   gold beads with both sides non-empty. It is the metric published for the
//   Bleualign test set, scored against DOC.gold.orig, whose beads may be
//   non-monotone and need not cover every sentence.
//   Text pairs: the beads with both sides non-empty, as (source text, target
//   text) with white space normalised; a test pair is correct when an equal
//   gold pair exists (multiset intersection). This scores raw-text runs, where
//   the splitter's sentences differ from the gold ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

// Parses lines such as "[0,1]:[2]" or "[3]:[]:0.75" (a trailing score is
// ignored; spaces after commas are accepted). The indices of a side must be
// consecutive. Throws InputError naming `name` and the line number.
[[nodiscard]] Alignment parse_beads(std::string_view text, std::string_view name);

// A bead as a set of sentence indices a side, in the order written. Unlike
// Bead it can hold the non-consecutive sides of vecalign's original gold
// files ("[4, 7]:[4, 5]").
struct IndexBead {
  std::vector<std::uint32_t> src, tgt;
  friend auto operator<=>(const IndexBead&, const IndexBead&) = default;
};

// Parses the same syntax as parse_beads but accepts any indices and empty
// lines. Throws InputError naming `name` and the line number.
[[nodiscard]] std::vector<IndexBead> parse_index_beads(std::string_view text,
                                                       std::string_view name);

// The same beads as index lists.
[[nodiscard]] std::vector<IndexBead> to_index_beads(const Alignment& alignment);

struct Counts {
  std::size_t test = 0;                             // test beads considered
  std::size_t gold = 0;                             // gold beads considered
  std::size_t strict_tp_test = 0, lax_tp_test = 0;  // correct test beads
  std::size_t strict_tp_gold = 0, lax_tp_gold = 0;  // gold beads found
  Counts& operator+=(const Counts& o);
};

struct Prf {
  double precision = 0, recall = 0, f1 = 0;
};

struct EvalOptions {
  bool include_null = false;
};

[[nodiscard]] Counts count_matches(const Alignment& gold, const Alignment& test,
                                   const EvalOptions& options = {});
[[nodiscard]] Counts count_matches(std::span<const IndexBead> gold, std::span<const IndexBead> test,
                                   const EvalOptions& options = {});

// Counts of vecalign's protocol (see the top of this file). Duplicate beads
// count once, as in score.py.
[[nodiscard]] Counts count_vecalign(std::span<const IndexBead> gold,
                                    std::span<const IndexBead> test);

[[nodiscard]] Prf strict_prf(const Counts& c);
[[nodiscard]] Prf lax_prf(const Counts& c);
// Precision tp_test / test and recall tp_gold / gold; 0 when undefined.
[[nodiscard]] Prf make_prf(std::size_t tp_test, std::size_t test, std::size_t tp_gold,
                           std::size_t gold);

// One row of the per-bead-type table.
struct TypeRow {
  std::size_t gold = 0;         // gold beads of this type
  std::size_t gold_strict = 0;  // of those, found identically in the test
  std::size_t gold_lax = 0;     // of those, found laxly (null beads: identically)
  std::size_t test = 0;         // test beads of this type
  std::size_t test_strict = 0;  // of those, identical to a gold bead
  TypeRow& operator+=(const TypeRow& o);
};
using TypeTable = std::map<BeadType, TypeRow>;

// Adds the beads of one document to `table`, null beads included.
void count_types(const Alignment& gold, const Alignment& test, TypeTable& table);

// A bead as text: the sentences of each side joined by one space, with runs
// of white space collapsed to one space and the ends trimmed.
using TextPair = std::pair<std::string, std::string>;

// Collapses runs of ASCII and Unicode white space into one space and trims.
[[nodiscard]] std::string normalize_space(std::string_view text);

// The text pairs of the beads with both sides non-empty.
[[nodiscard]] std::vector<TextPair> text_pairs(std::span<const Sentence> src,
                                               std::span<const Sentence> tgt,
                                               const Alignment& alignment);

struct TextCounts {
  std::size_t test = 0, gold = 0;  // text pairs
  std::size_t correct = 0;         // size of the multiset intersection
  TextCounts& operator+=(const TextCounts& o);
};

[[nodiscard]] TextCounts count_text_pairs(std::span<const TextPair> gold,
                                          std::span<const TextPair> test);
[[nodiscard]] Prf text_prf(const TextCounts& c);

}  // namespace jisr
