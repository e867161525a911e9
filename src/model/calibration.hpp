// Input: the cost parts of aligned beads (BeadCosts) and a fitted
// calibration. Output: bead scores that are probabilities (the share of beads
// so scored that are in the gold alignment) and a document score (the
// probability that two documents are translations of each other at all).
//
// Both are small logistic models, P = 1 / (1 + exp(-(w·x))), over named
// features: a bead's length cost, anchor keys and dictionary words matched
// and missed, bead type, the margin to the best neighbouring bead of its
// shape, what the cheapest move of one sentence across one of its edges
// adds (BeadCosts::boundary), and the same parts averaged over its
// document, so that a text whose
// beads are all doubtful (verse with no numbers, say) and a text whose beads
// are all sure are told apart; a document's mean bead score, the share of its
// sentences left unpaired and of its keys matched. A logistic model rather
// than isotonic regression on the raw score, because the raw score mixes the
// parts with fixed weights that mean different things on different kinds of
// text; the fit weighs them on gold instead, each bead weight kept to the
// side its feature's meaning allows (bead_feature_signs()).
//
// The weights are data: `jisr calibrate` fits them on gold sets and writes
// MODEL.calibration.json beside the model, which Model::load reads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "jisr/types.hpp"

namespace jisr {

// A logistic model over named features.
struct LogisticModel {
  std::vector<std::string> features;  // names, in the order of `weights`
  std::vector<double> weights;
  double bias = 0;
  // P(label) for the feature values `x`, in the order of `features`.
  [[nodiscard]] double probability(std::span<const double> x) const;
  [[nodiscard]] bool empty() const { return features.empty(); }
};

struct Calibration {
  LogisticModel bead;      // over bead_feature_names()
  LogisticModel document;  // over document_feature_names()
  std::string provenance;  // command and data the fit came from

  // Reads a calibration file; throws ModelError naming the file and fault
  // (unknown feature names included, so a stale file is caught).
  [[nodiscard]] static Calibration load(const std::filesystem::path& path);
  void save(const std::filesystem::path& path) const;
};

// The file a model's calibration is kept in: MODEL.calibration.json beside MODEL.json.
[[nodiscard]] std::filesystem::path calibration_path(const std::filesystem::path& model_path);

// Feature names the two models may use.
[[nodiscard]] const std::vector<std::string>& bead_feature_names();
[[nodiscard]] const std::vector<std::string>& document_feature_names();

// The direction each bead feature may move a score, in the order of
// bead_feature_names(): -1 for costs (more of it never raises a score), +1
// for evidence (anchors and words matched, margins, the uncalibrated
// confidence), 0 for the bead's shape and the length cost's square (which
// bends the length term), free to go either way. The fit keeps to them
// (fit_logistic), so that text unlike any fitted on cannot earn a high score
// from a cost that happened to go with right beads there.
[[nodiscard]] const std::vector<int>& bead_feature_signs();

// Feature values of every bead of `alignment` (costs filled), in the order of
// bead_feature_names(); beads with an empty side get an empty row.
[[nodiscard]] std::vector<std::vector<double>> bead_features(const Alignment& alignment);

// Sets each bead's score: the bead model's probability for beads with both
// sides (with an empty bead model, the uncalibrated confidence), 0 for 1-0
// and 0-1 beads.
void calibrate_scores(const LogisticModel& model, Alignment& alignment);

// Feature values of a document pair and its scored alignment, in the order
// of document_feature_names(). `length_ratio` is the model's expected target
// characters per source character.
[[nodiscard]] std::vector<double> document_features(const Alignment& alignment,
                                                    std::uint64_t src_chars,
                                                    std::uint64_t tgt_chars, double length_ratio);

// The document score of a scored alignment; -1 when the model is empty.
[[nodiscard]] double document_score(const LogisticModel& model, const Alignment& alignment,
                                    std::uint64_t src_chars, std::uint64_t tgt_chars,
                                    double length_ratio);

}  // namespace jisr
