// Input: a document pair and its alignment. Output: the same alignment with
// each one-to-many bead refined, where it can be, into sentence-sized pairs:
// the one sentence cut at its clause joints (evidence/clauses.hpp) into as
// many runs of clauses as the other side has sentences, each run paired with
// one of them (RefinedAlignment, BeadPart).
//
// A translator who renders one long Arabic sentence as three English ones
// cuts it where its clauses meet; the runs are chosen as the monotone match
// of clauses to sentences whose lengths fit best (the length model's cost of
// each run against its sentence, summed), every run holding at least one
// clause. Every joint of the clause rules is a place to cut, and a cut after
// a full stop inside the sentence is preferred (kSentenceEndBonus). Given the
// sentence splitter of the one sentence's language, a stop is such a place
// only where the splitter would end a sentence: not after a title ("Ms.
// Maurice") or an abbreviation inside a sentence. A bead
// stays whole where its one sentence has fewer clauses than the other side
// has sentences, or its language has no clause rules, and where the numbers
// say the translator moved a clause (a run's number is in another sentence
// of the bead and not in its own: runs in order cannot pair such a bead).
// Each refined pair keeps its bead's score and costs.
//
// Measured by bench/refine/run on ntrex-ar-en-hard, whose joined lines come
// from known sentence pairs: on its test documents 0.96 of the pairs cut
// from an Arabic line and 0.95 of those cut from an English line are the
// original pairs.
#pragma once

#include "jisr/model.hpp"
#include "jisr/split.hpp"
#include "jisr/types.hpp"

namespace jisr {

// `src_splitter` and `tgt_splitter` (either may be null: every stop is then
// a place to cut) judge the stops inside a one sentence of their side.
[[nodiscard]] RefinedAlignment refine_alignment(const Model& model, const Document& src, const Document& tgt,
                                                const Alignment& alignment,
                                                const SentenceSplitter* src_splitter = nullptr,
                                                const SentenceSplitter* tgt_splitter = nullptr);

}  // namespace jisr
