// Input: gold and test alignments as vecalign-style bead lists.
// Output: precision, recall and F1.
//
// Definitions (counts pooled over all documents given):
//   strict: a test bead is correct when the identical bead is in the gold.
//   lax:    a test bead is correct when some gold bead shares at least one
//           sentence with it on each side.
//   By default only beads with both sides non-empty take part (precision over
//   test beads, recall over gold beads). With include_null, 1-0 and 0-1 beads
//   count too (a null bead is then correct only if it is in the gold).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "jisr/types.hpp"

namespace jisr {

// Parses lines such as "[0,1]:[2]" or "[3]:[]:0.75" (a trailing score is
// ignored; spaces after commas are accepted). Throws InputError naming
// `name` and the line number.
[[nodiscard]] Alignment parse_beads(std::string_view text, std::string_view name);

struct Counts {
  std::size_t test = 0;        // test beads considered
  std::size_t gold = 0;        // gold beads considered
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
[[nodiscard]] Prf strict_prf(const Counts& c);
[[nodiscard]] Prf lax_prf(const Counts& c);

}  // namespace jisr
