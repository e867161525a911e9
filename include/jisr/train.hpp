// Input: gold-aligned documents. Output: a Model whose statistics are
// estimated from them.
//
// Estimates (Gale and Church 1993, section 4, applied to gold beads):
//   c  = sum of target lengths / sum of source lengths, over beads with both
//        sides non-empty;
//   s² = sum (l2 - c·l1)² / sum (l1 + l2/c)/2 over the same beads, the
//        variance per character of the scorer's delta;
//   P(a-b) = (count(a-b) + alpha) / (N + alpha·K) for the K bead types
//        allowed, so that types unseen in the data keep a small probability.
#pragma once

#include <span>
#include <string>

#include "jisr/corpus.hpp"
#include "jisr/model.hpp"

namespace jisr {

struct TrainOptions {
  std::string name = "ar-en";
  std::string src_lang = "ar", tgt_lang = "en";
  int max_side = 4;     // bead types with up to this many sentences a side
  double alpha = 0.5;   // additive smoothing of bead-type counts
  bool per_document = true;  // the model scales c to each document (see score.hpp)
  std::string provenance;
};

// The bead types a model allows by default: 1-0, 0-1, and every a-b with
// 1 <= a, b <= max_side and min(a, b) <= 2 (so 1-4, 2-3 and 4-1, not 4-4).
[[nodiscard]] std::vector<BeadType> default_bead_types(int max_side);

[[nodiscard]] Model estimate_model(std::span<const AlignedDocument> docs, const TrainOptions& options);

}  // namespace jisr
