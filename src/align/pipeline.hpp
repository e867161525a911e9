// Input: a Model and two split documents. Output: their Alignment.
//
// The steps every caller of the aligner needs, in one place: anchors for
// both sides (with names matched across them), the bead scorer, and the
// banded dynamic program.
#pragma once

#include <span>
#include <vector>

#include "align/search.hpp"
#include "evidence/extractors.hpp"
#include "jisr/anchors.hpp"
#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

struct DocumentClauses;  // src/evidence/clauses.hpp

// Finds the anchors of both documents with the model's lexicon; source name
// keys are rewritten to the target's spelling where they match (match_names).
// Long documents are cut into chunks of sentences shared among `threads`
// threads (0: one per core); the result does not depend on their number.
// With `clauses`, sentences of a language the model has clause rules for
// are cut into clauses, their keys found clause by clause, and the clauses
// recorded there.
[[nodiscard]] DocumentAnchors find_document_anchors(const Model& model, const Document& src,
                                                    const Document& tgt, unsigned threads = 1,
                                                    DocumentClauses* clauses = nullptr);
// The same with the extractors of `pool` (built once per thread and reused).
[[nodiscard]] DocumentAnchors find_document_anchors(const detail::ExtractorPool& pool, const Document& src,
                                                    const Document& tgt, unsigned threads = 1,
                                                    DocumentClauses* clauses = nullptr);

// Drops from each sentence's key list the keys found on one side of the
// document only, which nothing after extraction reads: the scorer weighs
// keys found on both sides alone, and the guide and the headings link
// sentences by keys they share. `clauses`, when given, are those the
// anchors were found with; their key ends are counted again in the shorter
// lists. In a long document most keys are dictionary translations of words
// the other side does not use, so align_documents drops them before it
// builds the scorer: the alignment is the same, in less memory. The
// sentences that lose a number or a date so are listed in
// SideKeys::lone_dated, which the scorer reads for stray sentences.
void drop_one_sided(DocumentAnchors& anchors, DocumentClauses* clauses = nullptr);

// True if the model scores clause-level evidence (clause rules and a
// non-zero clause weight).
[[nodiscard]] bool uses_clauses(const Model& model);

// A guide for the search (aligner.hpp): a key held by as many sentences on
// each side (numbers, names, lexicon entries, dates, Latin words, URLs; not
// dictionary words or punctuation) pairs them in order, the r-th on one side
// with the r-th on the other; the longest chain of such pairs that agree in
// order is kept. The pairs cut
// the document into stretches: the guide spans a short stretch whole (one
// bead from pair to pair, so the band covers all of it) and runs straight
// through a long one. Empty when no pair is found. The search's band
// follows the guide, so a long document whose sides drift far apart (a
// section on one side only) needs no band as wide as the drift; the pairs
// are not forced on the alignment, only searched around.
[[nodiscard]] Alignment anchor_guide(const DocumentAnchors& anchors);

// The guide, and in a long document the corners where its search is cut
// into pieces searched apart (align(), search.hpp), on several threads when
// the caller allows them. A cut is placed only where the path is not in
// doubt: between two pairs of the chain that follow each other sentence by
// sentence on both sides, where the three pairs before and the three after
// are each at most four sentences from the next, and at least 2,000
// sentences a side from the last cut and from the end. The cuts depend on
// the anchors alone, so the alignment does not depend on the number of
// threads; documents shorter than 4,000 sentences a side are never cut.
struct Guide {
  Alignment path;
  std::vector<GridPoint> cuts;
};
[[nodiscard]] Guide anchor_guide_and_cuts(const DocumentAnchors& anchors);

// Aligns two documents whose anchors are already found (the scorer and
// banded DP of align_documents); lets a caller try several models on the
// same anchors.
// `clauses`, when given, are the clauses find_document_anchors recorded.
[[nodiscard]] Alignment align_with_anchors(const Model& model, const Document& src,
                                           const Document& tgt, const DocumentAnchors& anchors,
                                           const AlignOptions& options = {},
                                           const DocumentClauses* clauses = nullptr);

// Aligns two documents: anchors (unless the model turns them off), scorer,
// banded DP.
[[nodiscard]] Alignment align_documents(const Model& model, const Document& src,
                                        const Document& tgt, const AlignOptions& options = {});
// The same with the model and extractors of `pool`.
[[nodiscard]] Alignment align_documents(const detail::ExtractorPool& pool, const Document& src,
                                        const Document& tgt, const AlignOptions& options = {});

// The probability that the two sides are translations of each other at all,
// from their scored alignment under the model's document calibration
// (src/model/calibration.hpp); -1 when the model has none.
// What moving the edge between beads k and k+1 of `alignment` by one
// sentence on one side (the sentence passing to the other bead) adds to
// the two beads' cost under `scorer`, the cheapest such move, at most `cap`
// (the cap where no move is allowed). The beads' `cost` must be the
// scorer's.
[[nodiscard]] double edge_cost(const BeadScorer& scorer, const Alignment& alignment, std::size_t k, double cap);

// The most a bead's BeadCosts::boundary says: a move that much dearer than
// the alignment leaves no doubt.
inline constexpr double kBoundaryCap = 20.0;

// Sets each bead's BeadCosts::boundary: the lesser edge_cost of its two
// edges, within [-kBoundaryCap, kBoundaryCap]. Edges are priced on up to
// `threads` threads.
void fill_boundaries(const BeadScorer& scorer, Alignment& alignment, unsigned threads);

[[nodiscard]] double document_score(const Model& model, std::span<const Sentence> src,
                                    std::span<const Sentence> tgt, const Alignment& alignment);

}  // namespace jisr
