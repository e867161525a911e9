// Private: scores and one-to-one assignment of candidate document pairs.
// Input: candidate pairs with their vectors, lengths and dates; a
// calibration (a logistic model, models/docalign.json). Output: each pair's
// features and its probability of being a translation; the pairs kept so
// that every document is in at most one.
//
// Assignment is greedy by probability (competitive linking, Melamed 2000):
// the most probable pair is taken, its two documents are removed, and so
// on. The candidate graph has a dozen or so edges a document, so this is
// O(E log E); the Hungarian method would maximise the sum of scores
// instead, but on components that large (a pile of near-duplicate pages
// joins thousands of documents) it is cubic, and the rank margins inside
// the probability already settle the contested pairs that a global
// optimum would decide differently.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "docalign/index.hpp"
#include "docalign/pile.hpp"
#include "docalign/vectors.hpp"

namespace jisr::docalign {

// What a pair is scored on.
struct PairFeatures {
  float cosine = 0;            // of the TF-IDF vectors
  float log_length_ratio = 0;  // ln(source length / target length)
  bool shared_date = false;    // a date found in both
  float margin_src = 0;        // cosine minus the best cosine of the source's other candidates
  float margin_tgt = 0;        // the same for the target document
};

// The logistic model over the features, fitted by scripts/docalign-fit.
struct Calibration {
  static constexpr std::size_t kFeatures = 5;
  double length_log_ratio = 0;  // the typical ln(source / target length) of a translation
  double bias = 0;
  std::array<double, kFeatures> weights{};  // cosine, length gap, shared date, margins

  // P(translation | features); the length gap is |log_length_ratio - length_log_ratio|.
  [[nodiscard]] double probability(const PairFeatures& f) const;

  // Reads a calibration file; throws ModelError naming the file and what is wrong.
  [[nodiscard]] static Calibration load(const std::filesystem::path& path);
};

struct ScoredPair {
  Candidate pair;
  PairFeatures features;
  double probability = 0;
};

// The features of every candidate (in the order given).
[[nodiscard]] std::vector<ScoredPair> score_candidates(const std::vector<Candidate>& candidates,
                                                       const Vectors& vectors, const Pile& src,
                                                       const Pile& tgt,
                                                       const Calibration& calibration,
                                                       unsigned threads);

// The pairs of the greedy one-to-one assignment with probability >=
// min_score, most probable first.
[[nodiscard]] std::vector<ScoredPair> assign(std::vector<ScoredPair> scored, double min_score);

}  // namespace jisr::docalign
