// Input: gold-aligned documents. Output: a Model whose statistics are
// estimated from them.
//
// Estimates (Gale and Church 1993, section 4, applied to gold beads):
//   c  = sum of target lengths / sum of source lengths, over beads with both
//        sides non-empty;
//   s² = sum (l2 - c·l1)² / sum (l1 + l2/c)/2 over the same beads, the
//        variance per character of the scorer's delta;
//   P(a-b) = a log-linear form over the bead's shape (fit_bead_priors),
//        fitted by maximum likelihood to the counts of the bead types, so
//        that sizes seen rarely or never get a probability that follows the
//        ones seen often, not a floor; with gale_church_beads, pseudo-counts
//        spread as Gale and Church's published frequencies join the counts
//        first (see TrainOptions);
//   p_match(T) = for anchor keys of type T inside gold beads with both sides
//        non-empty (keys present on both sides of their document), the share
//        of occurrences matched by the same key on the other side;
//   anchor weight and cap: with tune_anchors, the pair from a small grid
//        that gives the highest strict F1 on the training documents;
//   clause weights (ClauseParams): with clause rules and tune_anchors,
//        likewise from a small grid, after the anchor weight and cap; then
//        the split weight (1, 2 or 4), kept only where it raises F1;
//   many-to-many priors: with tune_merge_prior, the priors of beads with two
//        sentences or more on both sides (2-2) scaled by a factor from a
//        small grid, last. Gale and Church's length match favours a bead
//        that merges two one-to-one beads (their length errors partly cancel),
//        so a prior fitted to the gold's counts yields more such beads than
//        the gold holds.
#pragma once

#include <filesystem>
#include <map>
#include <span>
#include <string>

#include <vector>

#include "jisr/anchors.hpp"
#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

struct DocumentClauses;  // the clauses of a document pair, found with its anchors

struct TrainOptions {
  std::string name = "ar-en";
  std::string src_lang = "ar", tgt_lang = "en";
  int max_side = 8;     // bead types with up to this many sentences a side
  double alpha = 0.5;   // ridge on the shape parameters of the bead prior
  bool per_document = true;  // the model scales c to each document (see score.hpp)
  std::string provenance;
  std::filesystem::path lexicon;  // stored in the model as given (relative to the model file)
  std::filesystem::path lexicon_for_training;  // the same file, as this process reaches it
  bool tune_anchors = true;
  bool tune_merge_prior = false;  // scale the many-to-many priors by F1 (above)
  // Pseudo-beads spread as Gale and Church's published bead frequencies
  // (gale_church_bead_share), added to the gold's counts before the prior
  // is fitted: a Dirichlet prior on the bead types' probabilities. A model
  // trained on a document or two then keeps priors between that document's
  // counts and those of a large corpus; 0: the gold's counts alone.
  double gale_church_beads = 0;
  std::string dictionary;  // as Model::anchors.dictionary ("system", a file, or empty)
  bool learn_translations = false;  // learn a word translation table (IBM Model 1) from the beads
  ClauseRuleSet clause_rules;  // where sentences may be cut into clauses, by language
  FurnitureParams furniture;   // page furniture rules, copied into the model
  std::vector<std::string> runs_on;  // Model::runs_on, used in counting endings and copied into the model
  // Per document, the set it came from: weights and caps are then chosen
  // by the mean over sets of each set's F1, so that a small set of
  // restructured translations counts as much as a large sentence-parallel
  // one. Empty: F1 pooled over all documents.
  std::vector<std::size_t> groups;
};

// The bead prior: log P(t) = theta · phi(t) - log Z over the types, with
// shape features phi: one indicator each for 1-0 and 0-1 (1-1 is the
// reference), and for the other types an indicator, the larger side less
// two (each added sentence multiplies the probability by one factor), the
// source side being the larger, and both sides above one. Fitted to
// `counts` (types outside `types` are ignored) by Newton's method with a
// ridge `alpha` on theta, so it extends to types never seen.
[[nodiscard]] std::map<BeadType, double> fit_bead_priors(const std::map<BeadType, double>& counts,
                                                        const std::vector<BeadType>& types, double alpha);

// The share of bead type t in the Gale and Church (1993, table 5) corpus:
// 1-1 0.89, 1-0 and 0-1 together 0.0099, 2-1 and 1-2 together 0.089, 2-2
// 0.011 (each pair split evenly); 0 for every other type.
[[nodiscard]] double gale_church_bead_share(BeadType t);

// The bead types a model allows by default: 1-0, 0-1, 1-1, 2-2, and 1-k and
// k-1 for k up to max_side. Other many-to-many types (2-3, 2-4) are rare in
// real translations and, allowed, soak up nearby insertions and deletions.
[[nodiscard]] std::vector<BeadType> default_bead_types(int max_side);

// Strict F1 (beads with both sides non-empty, pooled) of `model` on `docs`;
// `anchors`, when given, holds each document's anchors already found, and
// `clauses` their clauses; with `groups` (one per document), the mean over
// groups of each group's pooled F1.
[[nodiscard]] double strict_f1_on(const Model& model, std::span<const AlignedDocument> docs,
                                  const std::string& src_lang, const std::string& tgt_lang,
                                  const std::vector<DocumentAnchors>* anchors = nullptr,
                                  const std::vector<DocumentClauses>* clauses = nullptr,
                                  std::span<const std::size_t> groups = {});

[[nodiscard]] Model estimate_model(std::span<const AlignedDocument> docs, const TrainOptions& options);

}  // namespace jisr
