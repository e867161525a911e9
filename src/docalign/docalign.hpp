// Private: the stages of jisr docalign put together. Input: the document
// paths of a source (Arabic) and a target (English) pile, an Aligner for
// their anchor keys, a calibration. Output: the pairs of documents that
// translate each other, one-to-one, each with the probability that it is a
// translation, the documents left unmatched on each side, and the files
// that could not be read.
//
//   read_pile (pile.hpp) -> make_vectors (vectors.hpp) -> find_candidates
//   (index.hpp) -> score_candidates, assign (assign.hpp)
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "jisr/aligner.hpp"

#include "docalign/assign.hpp"
#include "docalign/index.hpp"
#include "docalign/pile.hpp"
#include "docalign/vectors.hpp"

namespace jisr::docalign {

struct Options {
  ReadOptions read;
  IndexOptions index;
  std::size_t max_keys = 256;  // heaviest keys kept a document (vectors.hpp)
  double min_score = 0.5;      // pairs under this probability are not kept
  unsigned threads = 0;        // 0: every core
};

struct Result {
  Vocabulary vocabulary;
  Pile src, tgt;
  Vectors vectors;
  std::vector<ScoredPair> candidates;                       // every candidate, scored
  std::vector<ScoredPair> pairs;                            // the assignment, most probable first
  std::vector<std::uint32_t> unmatched_src, unmatched_tgt;  // in pile order
  std::vector<Skipped> skipped;                             // unreadable documents of both piles
};

// Runs every stage. Throws InputError when a pile has no readable
// document (its files' problems are in the message).
[[nodiscard]] Result align_piles(const Aligner& aligner, const std::vector<std::string>& src_paths,
                                 const std::vector<std::string>& tgt_paths,
                                 const Calibration& calibration, const Options& options);

// The keys two documents share, heaviest first (the product of their
// weights), at most `limit`.
[[nodiscard]] std::vector<std::string> shared_keys(const Result& result, const Candidate& pair,
                                                   std::size_t limit = 10);

// The best-scored candidate of each document, or -1 (index into candidates).
[[nodiscard]] std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> best_candidates(
    const Result& result);

}  // namespace jisr::docalign
