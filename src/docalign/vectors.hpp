// Private: TF-IDF vectors of two piles. Input: the key counts of both
// piles. Output: per side a sparse matrix, one L2-normalised row a
// document, over the keys found on both sides (a key of one side only can
// never be shared, so it would only dilute the cosine); and the document
// frequency of every key on each side.
//
// Weight of key k in document d: (1 + ln tf) * ln(N / df(k)) * sqrt(b(k)),
// with N the documents of both piles, df(k) those holding k, and b(k) the
// balance min(df_src, df_tgt) / max(df_src, df_tgt): a key that survives
// translation is found in about as many documents on each side, while a
// dictionary translation that English texts seldom use (an Arabic word
// gives several) is found far more often on the Arabic side and weighs
// less. A document keeps at
// most `max_keys` keys, its heaviest (the lightest are the commonest and
// add almost nothing to a cosine).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/SparseCore>

#include "docalign/pile.hpp"

namespace jisr::docalign {

using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor, std::int64_t>;

struct Vectors {
  SparseRows src, tgt;                        // documents x vocabulary
  std::vector<std::uint32_t> df_src, df_tgt;  // by key id
  std::vector<float> idf;                     // by key id; 0 for keys of one side only
};

[[nodiscard]] Vectors make_vectors(const Pile& src, const Pile& tgt, std::size_t vocabulary_size,
                                   std::size_t max_keys = 256);

// The cosine of two documents (rows of normalised vectors).
[[nodiscard]] inline float cosine(const Vectors& v, std::size_t s, std::size_t t) {
  return v.src.row(static_cast<Eigen::Index>(s)).dot(v.tgt.row(static_cast<Eigen::Index>(t)));
}

}  // namespace jisr::docalign
