// Input: document pairs and a first alignment of each. Output: a word
// translation table learned from the confident beads, and a second alignment
// that uses it (Moore 2002: length first, then words).
//
// The table is IBM Model 1 (Brown et al. 1993): t(target word | source word),
// trained by EM over the 1-1, 1-2 and 2-1 beads whose score reaches
// min_score, with a NULL source word; each source word keeps its targets
// with t >= min_probability, at most max_translations of them. Words are in
// the form the dictionary anchors use (AnchorExtractor::words), so a learned
// table simply joins the model's dictionary.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "align/search.hpp"
#include "evidence/extractors.hpp"
#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

struct LearnOptions {
  // Beads at least this confident train the table; compared with the
  // uncalibrated confidence (BeadCosts::confidence), whatever the calibration.
  double min_score = 0.95;
  int iterations = 5;             // EM iterations
  double min_probability = 0.5;  // t(e|f) a translation must reach to be kept
  int max_translations = 3;       // per source word
  int min_count = 3;              // source and target words seen fewer times are ignored
};

using TranslationTable = std::map<std::string, std::vector<std::string>>;

struct AlignedPair {
  const Document* src = nullptr;
  const Document* tgt = nullptr;
  const Alignment* beads = nullptr;
};

// Learns a translation table from confident beads of the given alignments.
[[nodiscard]] TranslationTable learn_translations(const Model& model, std::span<const AlignedPair> pairs,
                                                  const LearnOptions& options = {});

// A copy of `model` whose dictionary also holds `table`, behind the
// translations it already has.
[[nodiscard]] Model with_translations(const Model& model, const TranslationTable& table);

// Aligns, learns a table from this pair's own confident beads, and aligns
// again with it. Small inputs (under min_pairs confident beads) keep the
// first alignment.
[[nodiscard]] Alignment realign_documents(const Model& model, const Document& src, const Document& tgt,
                                          const AlignOptions& options = {},
                                          const LearnOptions& learn = {}, std::size_t min_pairs = 50);
// The same, the first pass with the model and extractors of `pool`.
[[nodiscard]] Alignment realign_documents(const detail::ExtractorPool& pool, const Document& src,
                                          const Document& tgt, const AlignOptions& options = {},
                                          const LearnOptions& learn = {}, std::size_t min_pairs = 50);

}  // namespace jisr
