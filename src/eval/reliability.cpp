#include "eval/reliability.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "align/pipeline.hpp"
#include "util/parallel.hpp"

namespace jisr {

namespace {

using Key = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t>;

Key key_of(const Bead& b) { return {b.src_begin, b.src_end, b.tgt_begin, b.tgt_end}; }

// Calls f(bead, right) for every test bead with both sides of every run.
template <typename F>
void for_each_pair(std::span<const DocumentRun> runs, const F& f) {
  for (const DocumentRun& run : runs) {
    std::set<Key> gold;
    for (const Bead& b : run.gold)
      if (b.is_pair()) gold.insert(key_of(b));
    for (const Bead& b : run.test)
      if (b.is_pair()) f(b, gold.contains(key_of(b)));
  }
}

std::size_t gold_pairs(std::span<const DocumentRun> runs) {
  std::size_t n = 0;
  for (const DocumentRun& run : runs)
    n += static_cast<std::size_t>(
        std::count_if(run.gold.begin(), run.gold.end(), [](const Bead& b) { return b.is_pair(); }));
  return n;
}

double share(std::size_t a, std::size_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

}  // namespace

double Reliability::ece() const {
  if (beads == 0) return 0.0;
  double sum = 0;
  for (const ReliabilityBin& bin : bins) {
    if (bin.beads == 0) continue;
    const double n = static_cast<double>(bin.beads);
    sum += n * std::abs(bin.score_sum / n - static_cast<double>(bin.right) / n);
  }
  return sum / static_cast<double>(beads);
}

Reliability reliability(std::span<const DocumentRun> runs) {
  Reliability r;
  for_each_pair(runs, [&r](const Bead& b, bool right) {
    const auto at = std::min(Reliability::kBins - 1,
                             static_cast<std::size_t>(std::max(0.0, b.score) * Reliability::kBins));
    ReliabilityBin& bin = r.bins[at];
    ++bin.beads;
    bin.right += right ? 1 : 0;
    bin.score_sum += b.score;
    ++r.beads;
    r.right += right ? 1 : 0;
  });
  r.gold = gold_pairs(runs);
  return r;
}

double ThresholdScores::precision() const { return share(right_kept, kept); }
double ThresholdScores::recall_right() const { return share(right_kept, right); }
double ThresholdScores::recall_gold() const { return share(right_kept, gold); }

ThresholdScores at_threshold(std::span<const DocumentRun> runs, double threshold) {
  ThresholdScores t;
  t.threshold = threshold;
  for_each_pair(runs, [&](const Bead& b, bool right) {
    const bool kept = b.score >= threshold;
    t.kept += kept ? 1 : 0;
    t.right += right ? 1 : 0;
    t.right_kept += kept && right ? 1 : 0;
  });
  t.gold = gold_pairs(runs);
  return t;
}

std::vector<Alignment> align_mismatched(std::span<const DocumentRun> runs, const CorpusSet& set,
                                        const SetRunOptions& options) {
  if (runs.size() < 2) return {};
  const detail::ExtractorPool pool(options.model);
  return detail::parallel_map(runs.size(), options.threads, [&](std::size_t k) {
    const DocumentRun& a = runs[k];
    const DocumentRun& b = runs[(k + 1) % runs.size()];
    const Document src{a.name, set.src_lang, a.src}, tgt{b.name, set.tgt_lang, b.tgt};
    if (src.sentences.empty() || tgt.sentences.empty()) return Alignment{};
    return align_documents(pool, src, tgt, options.align);
  });
}

DocumentScores document_scores(std::span<const DocumentRun> runs,
                               std::span<const Alignment> mismatched, const Model& model) {
  DocumentScores s;
  for (const DocumentRun& run : runs)
    s.true_pairs.push_back(document_score(model, run.src, run.tgt, run.test));
  for (std::size_t k = 0; k < mismatched.size(); ++k)
    s.mismatched.push_back(
        document_score(model, runs[k].src, runs[(k + 1) % runs.size()].tgt, mismatched[k]));
  return s;
}

double DocumentScores::auc() const {
  if (true_pairs.empty() || mismatched.empty()) return 0.0;
  double wins = 0;
  for (const double t : true_pairs)
    for (const double m : mismatched) wins += t > m ? 1.0 : t == m ? 0.5 : 0.0;
  return wins / (static_cast<double>(true_pairs.size()) * static_cast<double>(mismatched.size()));
}

}  // namespace jisr
