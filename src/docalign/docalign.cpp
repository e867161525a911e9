#include "docalign/docalign.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "jisr/error.hpp"

namespace jisr::docalign {

namespace {

void require_documents(const Pile& pile, const std::vector<std::string>& paths,
                       const std::vector<Skipped>& skipped) {
  if (pile.size() > 0) return;
  if (paths.empty()) throw InputError(fmt::format("the {} pile is empty", pile.lang));
  throw InputError(fmt::format("the {} pile has no readable document ({} skipped; first: {}: {})",
                               pile.lang, paths.size(), skipped.back().name,
                               skipped.back().reason));
}

std::vector<std::uint32_t> unmatched(std::size_t n, const std::vector<ScoredPair>& pairs,
                                     bool source) {
  std::vector<bool> used(n, false);
  for (const ScoredPair& p : pairs) used[source ? p.pair.src : p.pair.tgt] = true;
  std::vector<std::uint32_t> out;
  for (std::size_t d = 0; d < n; ++d)
    if (!used[d]) out.push_back(static_cast<std::uint32_t>(d));
  return out;
}

}  // namespace

Result align_piles(const Aligner& aligner, const std::vector<std::string>& src_paths,
                   const std::vector<std::string>& tgt_paths, const Calibration& calibration,
                   const Options& options) {
  Result r;
  r.src.lang = aligner.model().src_lang;
  r.src.source_side = true;
  r.tgt.lang = aligner.model().tgt_lang;
  r.tgt.source_side = false;
  ReadOptions read = options.read;
  read.threads = options.threads;
  read_pile(aligner, src_paths, read, r.vocabulary, r.src, r.skipped);
  require_documents(r.src, src_paths, r.skipped);
  read_pile(aligner, tgt_paths, read, r.vocabulary, r.tgt, r.skipped);
  require_documents(r.tgt, tgt_paths, r.skipped);
  r.vectors = make_vectors(r.src, r.tgt, r.vocabulary.size(), options.max_keys);
  IndexOptions index = options.index;
  index.threads = options.threads;
  const std::vector<Candidate> candidates = find_candidates(r.vectors, index);
  r.candidates =
      score_candidates(candidates, r.vectors, r.src, r.tgt, calibration, options.threads);
  r.pairs = assign(r.candidates, options.min_score);
  r.unmatched_src = unmatched(r.src.size(), r.pairs, true);
  r.unmatched_tgt = unmatched(r.tgt.size(), r.pairs, false);
  return r;
}

std::vector<std::string> shared_keys(const Result& result, const Candidate& pair,
                                     std::size_t limit) {
  std::vector<std::pair<float, std::int64_t>> shared;
  SparseRows::InnerIterator a(result.vectors.src, pair.src), b(result.vectors.tgt, pair.tgt);
  while (a && b) {
    if (a.index() == b.index()) {
      shared.emplace_back(-a.value() * b.value(), a.index());
      ++a;
      ++b;
    } else if (a.index() < b.index()) {
      ++a;
    } else {
      ++b;
    }
  }
  std::sort(shared.begin(), shared.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < shared.size() && i < limit; ++i)
    out.push_back(result.vocabulary.key(static_cast<std::uint32_t>(shared[i].second)));
  return out;
}

std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> best_candidates(const Result& r) {
  std::vector<std::int64_t> src(r.src.size(), -1), tgt(r.tgt.size(), -1);
  for (std::size_t i = 0; i < r.candidates.size(); ++i) {
    const ScoredPair& p = r.candidates[i];
    auto better = [&](std::int64_t current) {
      return current < 0 || p.probability > r.candidates[current].probability;
    };
    if (better(src[p.pair.src])) src[p.pair.src] = static_cast<std::int64_t>(i);
    if (better(tgt[p.pair.tgt])) tgt[p.pair.tgt] = static_cast<std::int64_t>(i);
  }
  return {std::move(src), std::move(tgt)};
}

}  // namespace jisr::docalign
