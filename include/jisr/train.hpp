// Input: gold-aligned documents. Output: a Model whose statistics are
// estimated from them.
//
// Estimates (Gale and Church 1993, section 4, applied to gold beads):
//   c  = sum of target lengths / sum of source lengths, over beads with both
//        sides non-empty;
//   s² = sum (l2 - c·l1)² / sum (l1 + l2/c)/2 over the same beads, the
//        variance per character of the scorer's delta;
//   P(a-b) = (count(a-b) + alpha) / (N + alpha·K) for the K bead types
//        allowed, so that types unseen in the data keep a small probability;
//   p_match(T) = for anchor keys of type T inside gold beads with both sides
//        non-empty (keys present on both sides of their document), the share
//        of occurrences matched by the same key on the other side;
//   anchor weight and cap: with tune_anchors, the pair from a small grid
//        that gives the highest strict F1 on the training documents.
#pragma once

#include <filesystem>
#include <span>
#include <string>

#include <vector>

#include "jisr/anchors.hpp"
#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

struct TrainOptions {
  std::string name = "ar-en";
  std::string src_lang = "ar", tgt_lang = "en";
  int max_side = 4;     // bead types with up to this many sentences a side
  double alpha = 0.5;   // additive smoothing of bead-type counts
  bool per_document = true;  // the model scales c to each document (see score.hpp)
  std::string provenance;
  std::filesystem::path lexicon;  // stored in the model as given (relative to the model file)
  std::filesystem::path lexicon_for_training;  // the same file, as this process reaches it
  bool tune_anchors = true;
  std::string dictionary;  // as Model::anchors.dictionary ("system", a file, or empty)
  bool learn_translations = false;  // learn a word translation table (IBM Model 1) from the beads
};

// The bead types a model allows by default: 1-0, 0-1, 1-1, 2-2, and 1-k and
// k-1 for k up to max_side. Other many-to-many types (2-3, 2-4) are rare in
// real translations and, allowed, soak up nearby insertions and deletions.
[[nodiscard]] std::vector<BeadType> default_bead_types(int max_side);

// Strict F1 (beads with both sides non-empty, pooled) of `model` on `docs`;
// `anchors`, when given, holds each document's anchors already found.
[[nodiscard]] double strict_f1_on(const Model& model, std::span<const AlignedDocument> docs,
                                  const std::string& src_lang, const std::string& tgt_lang,
                                  const std::vector<DocumentAnchors>* anchors = nullptr);

[[nodiscard]] Model estimate_model(std::span<const AlignedDocument> docs, const TrainOptions& options);

}  // namespace jisr
