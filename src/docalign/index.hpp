// Private: candidate pairs from an inverted index over rare keys. Input:
// the TF-IDF vectors of both piles. Output: a short list of candidate
// pairs, never all N x M.
//
// Each side gets an index from key to the documents holding it, for keys
// held by at most `max_df` documents of that side (rare keys: numbers,
// names, dates, URLs, uncommon words). A document looks up its `probes`
// heaviest indexed keys (TF-IDF weight: rare and repeated) in the other
// side's index, ranks the documents found by the part of the cosine those
// keys make (the sum of weight products), and keeps the `per_document`
// best. Both
// directions are searched and their candidates joined, so a pair is found
// if either document ranks the other high. Time and memory grow with the
// number of key occurrences: at most probes * max_df postings are read per
// document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "docalign/vectors.hpp"

namespace jisr::docalign {

struct IndexOptions {
  std::size_t max_df = 200;       // keys in more documents of a side are not indexed
  std::size_t probes = 24;        // rare keys looked up per document
  std::size_t per_document = 12;  // candidates kept per document and direction
  unsigned threads = 0;           // 0: every core
};

struct Candidate {
  std::uint32_t src = 0, tgt = 0;
  friend bool operator==(const Candidate&, const Candidate&) = default;
  friend auto operator<=>(const Candidate&, const Candidate&) = default;
};

// The candidate pairs, sorted and distinct.
[[nodiscard]] std::vector<Candidate> find_candidates(const Vectors& vectors,
                                                     const IndexOptions& options);

}  // namespace jisr::docalign
