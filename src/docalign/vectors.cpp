#include "docalign/vectors.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace jisr::docalign {

namespace {

std::vector<std::uint32_t> document_frequency(const Pile& pile, std::size_t vocabulary_size) {
  std::vector<std::uint32_t> df(vocabulary_size, 0);
  for (const std::uint32_t id : pile.keys) ++df[id];
  return df;
}

// One side's rows: weights, the heaviest max_keys kept, normalised, ids
// ascending, built straight into compressed storage.
SparseRows weigh(const Pile& pile, const std::vector<float>& idf, std::size_t max_keys) {
  SparseRows m(static_cast<Eigen::Index>(pile.size()), static_cast<Eigen::Index>(idf.size()));
  std::vector<std::int64_t> sizes(pile.size());
  std::vector<std::pair<std::uint32_t, float>> row;
  std::vector<std::uint32_t> inner;
  std::vector<float> values;
  std::vector<std::int64_t> outer{0};
  for (std::size_t d = 0; d < pile.size(); ++d) {
    row.clear();
    for (std::int64_t k = pile.begin[d]; k < pile.begin[d + 1]; ++k) {
      const std::uint32_t id = pile.keys[k];
      if (idf[id] <= 0) continue;
      row.emplace_back(id, (1.0f + std::log(pile.counts[k])) * idf[id]);
    }
    if (row.size() > max_keys) {
      std::nth_element(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(max_keys), row.end(),
                       [](const auto& a, const auto& b) {
                         return a.second != b.second ? a.second > b.second : a.first < b.first;
                       });
      row.resize(max_keys);
      std::sort(row.begin(), row.end());
    }
    double norm = 0;
    for (const auto& [id, w] : row) norm += double(w) * w;
    const auto scale = static_cast<float>(norm > 0 ? 1.0 / std::sqrt(norm) : 0.0);
    for (const auto& [id, w] : row) {
      inner.push_back(id);
      values.push_back(w * scale);
    }
    outer.push_back(static_cast<std::int64_t>(inner.size()));
  }
  m.reserve(static_cast<Eigen::Index>(inner.size()));
  m.resizeNonZeros(static_cast<Eigen::Index>(inner.size()));
  std::copy(outer.begin(), outer.end(), m.outerIndexPtr());
  std::transform(inner.begin(), inner.end(), m.innerIndexPtr(),
                 [](std::uint32_t id) { return static_cast<std::int64_t>(id); });
  std::copy(values.begin(), values.end(), m.valuePtr());
  return m;
}

}  // namespace

Vectors make_vectors(const Pile& src, const Pile& tgt, std::size_t vocabulary_size,
                     std::size_t max_keys) {
  Vectors v;
  v.df_src = document_frequency(src, vocabulary_size);
  v.df_tgt = document_frequency(tgt, vocabulary_size);
  v.idf.assign(vocabulary_size, 0.0f);
  const double n = double(src.size() + tgt.size());
  for (std::size_t id = 0; id < vocabulary_size; ++id) {
    const double a = v.df_src[id], b = v.df_tgt[id];
    if (a == 0 || b == 0) continue;
    const double balance = std::min(a, b) / std::max(a, b);
    v.idf[id] = static_cast<float>((std::log(n / (a + b)) + 1e-3) * std::sqrt(balance));
  }
  v.src = weigh(src, v.idf, max_keys);
  v.tgt = weigh(tgt, v.idf, max_keys);
  return v;
}

}  // namespace jisr::docalign
