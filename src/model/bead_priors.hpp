// Input: a model's bead-type priors and one document's alignment under them.
// Output: the bead-type priors of that document.
//
// Translators differ in how freely they restructure: one keeps the source's
// sentences (ntrex: about one target sentence per source sentence), another
// renders a long source sentence as two, three or more (literary prose:
// about two). One set of priors cannot serve both, so after a first search
// the document's own priors are estimated from the beads it found, with the
// model's priors as the base:
//
//   P_doc(t) = P(t) · exp(η·φ(t)) / Z(η)
//
// where φ(t) describes the shape of bead type t = a-b by a few features: a
// 1-0 bead, a 0-1 bead, a many bead (neither null nor 1-1), its size
// max(a, b) - 2, its direction (a > b), and many on both sides (min(a, b) > 1).
// η maximises
//
//   Σ_t n_t · log P_doc(t) - ridge/2 · |η|²
//
// with n_t the document's count of beads of type t: a Gaussian prior on η
// around 0, which is the model itself. The form is smooth over shape, so a
// document of many 1-2 and 1-3 beads raises 1-5 and 1-6 as well though it
// holds none, and a document with few beads stays near the model.
#pragma once

#include <map>
#include <span>

#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

// The priors of one document and how strongly its beads ask for them.
struct DocumentPriors {
  std::map<BeadType, double> priors;  // P_doc(t), same types as the model's; sums to 1
  // Σ_t n_t · log(P_doc(t) / P(t)): the log-likelihood (nats) the document's
  // beads gain under its own priors; 0 where they fit the model's.
  double gain = 0;
};

// The document's priors from the beads of its alignment (beads of a type the
// model does not allow are not counted). `model_priors` need not sum to 1;
// `ridge` > 0 (larger keeps the result nearer the model's). Throws
// UsageError for a ridge not above 0.
[[nodiscard]] DocumentPriors document_priors(const std::map<BeadType, double>& model_priors,
                                             std::span<const Bead> alignment, double ridge);

}  // namespace jisr
