// Input: aligned documents with gold, and mismatched document pairs.
// Output: the fitted Calibration (src/model/calibration.hpp).
//
// The bead model is fitted on every bead with both sides, labelled by
// whether the identical bead is in the gold; each set weighs the same in
// total, so that a large set does not decide the scores of a small one.
// The document model is fitted on true pairs (label 1) against mismatched
// pairs (label 0), each class weighing the same.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "eval/eval_set.hpp"
#include "model/calibration.hpp"

namespace jisr {

// Weighted training rows for one logistic model.
struct TrainingRows {
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  std::vector<double> weight;
};

// Maximum-likelihood logistic regression with an L2 penalty of `l2` on the
// standardised weights, by Newton's method. Features that do not vary are
// left out of the model. `signs`, when given (one per name), constrains each
// weight: +1 never below 0, -1 never above 0, 0 free; a feature whose weight
// comes out on the wrong side is left out and the rest fitted again, one at a
// time, furthest first. Throws InputError when the rows hold only one label.
[[nodiscard]] LogisticModel fit_logistic(const std::vector<std::string>& names,
                                         const TrainingRows& rows, double l2 = 1.0,
                                         std::span<const int> signs = {});

// Appends the pair beads of `runs` (costs filled) labelled against their gold, each of weight
// `weight`.
void add_bead_rows(std::span<const DocumentRun> runs, double weight, TrainingRows& rows);

// The pair beads of `runs` (with both sides).
[[nodiscard]] std::size_t count_pair_beads(std::span<const DocumentRun> runs);

}  // namespace jisr
