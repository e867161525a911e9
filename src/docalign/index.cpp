#include "docalign/index.hpp"

#include <algorithm>

#include "util/parallel.hpp"

namespace jisr::docalign {

namespace {

// Key -> documents of one side with the key's weight in each, for the
// keys with 1 <= df <= max_df.
struct Postings {
  std::vector<std::int64_t> begin;  // by key id, size vocabulary + 1
  std::vector<std::uint32_t> docs;
  std::vector<float> weights;

  Postings(const SparseRows& rows, const std::vector<std::uint32_t>& df, std::size_t max_df) {
    begin.assign(df.size() + 1, 0);
    auto indexed = [&](std::int64_t id) { return df[id] <= max_df; };
    for (std::int64_t i = 0; i < rows.nonZeros(); ++i) {
      const std::int64_t id = rows.innerIndexPtr()[i];
      if (indexed(id)) ++begin[id + 1];
    }
    for (std::size_t id = 0; id < df.size(); ++id) begin[id + 1] += begin[id];
    docs.resize(static_cast<std::size_t>(begin.back()));
    weights.resize(docs.size());
    std::vector<std::int64_t> fill(begin.begin(), begin.end() - 1);
    for (Eigen::Index d = 0; d < rows.rows(); ++d)
      for (SparseRows::InnerIterator it(rows, d); it; ++it)
        if (indexed(it.index())) {
          weights[fill[it.index()]] = it.value();
          docs[fill[it.index()]++] = static_cast<std::uint32_t>(d);
        }
  }
};

// The best `options.per_document` documents of the other side for each
// document of `rows`: its `probes` heaviest indexed keys are looked up, and
// the documents found are ranked by the part of the cosine those keys make.
std::vector<std::vector<std::uint32_t>> search(const SparseRows& rows, const Postings& other,
                                               const std::vector<std::uint32_t>& other_df,
                                               const IndexOptions& options) {
  return detail::parallel_map(
      static_cast<std::size_t>(rows.rows()), options.threads, [&](std::size_t d) {
        std::vector<std::pair<float, std::uint32_t>> probes;  // (-weight, key)
        for (SparseRows::InnerIterator it(rows, static_cast<Eigen::Index>(d)); it; ++it) {
          const auto id = static_cast<std::uint32_t>(it.index());
          if (other_df[id] > 0 && other_df[id] <= options.max_df)
            probes.emplace_back(-it.value(), id);
        }
        if (probes.size() > options.probes) {
          std::partial_sort(probes.begin(),
                            probes.begin() + static_cast<std::ptrdiff_t>(options.probes),
                            probes.end());
          probes.resize(options.probes);
        }
        std::vector<std::pair<std::uint32_t, float>> hits;
        for (const auto& [weight, id] : probes)
          for (std::int64_t p = other.begin[id]; p < other.begin[id + 1]; ++p)
            hits.emplace_back(other.docs[p], -weight * other.weights[p]);
        std::sort(hits.begin(), hits.end());
        std::vector<std::pair<float, std::uint32_t>> scored;  // (-score, doc)
        for (std::size_t i = 0; i < hits.size();) {
          float sum = 0;
          std::size_t j = i;
          for (; j < hits.size() && hits[j].first == hits[i].first; ++j) sum += hits[j].second;
          scored.emplace_back(-sum, hits[i].first);
          i = j;
        }
        const std::size_t keep = std::min(options.per_document, scored.size());
        std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep),
                          scored.end());
        std::vector<std::uint32_t> best;
        for (std::size_t i = 0; i < keep; ++i) best.push_back(scored[i].second);
        return best;
      });
}

}  // namespace

std::vector<Candidate> find_candidates(const Vectors& v, const IndexOptions& options) {
  std::vector<Candidate> out;
  {
    const Postings tgt_index(v.tgt, v.df_tgt, options.max_df);
    const auto from_src = search(v.src, tgt_index, v.df_tgt, options);
    for (std::size_t s = 0; s < from_src.size(); ++s)
      for (const std::uint32_t t : from_src[s]) out.push_back({static_cast<std::uint32_t>(s), t});
  }
  {
    const Postings src_index(v.src, v.df_src, options.max_df);
    const auto from_tgt = search(v.tgt, src_index, v.df_src, options);
    for (std::size_t t = 0; t < from_tgt.size(); ++t)
      for (const std::uint32_t s : from_tgt[t]) out.push_back({s, static_cast<std::uint32_t>(t)});
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace jisr::docalign
