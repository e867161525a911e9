// Input: aligned documents with their gold (eval_set.hpp). Output: how well
// bead scores are calibrated (a reliability table and the expected
// calibration error), what a --min-score threshold keeps, and how well
// document scores tell true document pairs from mismatched ones.
//
// A bead with both sides is "right" when the identical bead is in the gold.
// The reliability table cuts [0, 1] into equal score bins; the expected
// calibration error (ECE, Naeini et al. 2015) is the bead-weighted mean over
// bins of |mean score - share right|.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "eval/eval_set.hpp"

namespace jisr {

struct ReliabilityBin {
  std::size_t beads = 0, right = 0;
  double score_sum = 0;
};

struct Reliability {
  static constexpr std::size_t kBins = 10;
  std::array<ReliabilityBin, kBins> bins{};
  std::size_t beads = 0, right = 0;  // beads with both sides; of them in the gold
  std::size_t gold = 0;              // gold beads with both sides
  [[nodiscard]] double ece() const;
};

// Tallies the pair beads of every run.
[[nodiscard]] Reliability reliability(std::span<const DocumentRun> runs);

// What a score threshold keeps: precision = right kept / kept; recall of
// right beads = right kept / right; recall of gold = right kept / gold.
struct ThresholdScores {
  double threshold = 0;
  std::size_t kept = 0, right_kept = 0, right = 0, gold = 0;
  [[nodiscard]] double precision() const;
  [[nodiscard]] double recall_right() const;
  [[nodiscard]] double recall_gold() const;
};
[[nodiscard]] ThresholdScores at_threshold(std::span<const DocumentRun> runs, double threshold);

// Aligns each document's source side with the next document's target side
// (the last with the first): pairs that are not translations of each other.
// Empty when the set has fewer than two documents.
[[nodiscard]] std::vector<Alignment> align_mismatched(std::span<const DocumentRun> runs,
                                                      const CorpusSet& set,
                                                      const SetRunOptions& options);

// Document scores of true pairs and of the mismatched pairs aligned above
// (src of run k against tgt of run k+1), under the model's calibration.
struct DocumentScores {
  std::vector<double> true_pairs, mismatched;
  // Area under the ROC curve: the chance that a true pair outscores a
  // mismatched one (ties count half).
  [[nodiscard]] double auc() const;
};
[[nodiscard]] DocumentScores document_scores(std::span<const DocumentRun> runs,
                                             std::span<const Alignment> mismatched,
                                             const Model& model);

}  // namespace jisr
