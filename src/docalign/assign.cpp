#include "docalign/assign.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

#include "util/parallel.hpp"

namespace jisr::docalign {

namespace {

bool share_a_date(const Pile& src, std::size_t s, const Pile& tgt, std::size_t t) {
  auto a = src.dates.begin() + src.date_begin[s], a_end = src.dates.begin() + src.date_begin[s + 1];
  auto b = tgt.dates.begin() + tgt.date_begin[t], b_end = tgt.dates.begin() + tgt.date_begin[t + 1];
  while (a != a_end && b != b_end) {
    if (*a == *b) return true;
    if (*a < *b)
      ++a;
    else
      ++b;
  }
  return false;
}

}  // namespace

double Calibration::probability(const PairFeatures& f) const {
  const std::array<double, kFeatures> x{f.cosine, std::abs(f.log_length_ratio - length_log_ratio),
                                        f.shared_date ? 1.0 : 0.0, f.margin_src, f.margin_tgt};
  double z = bias;
  for (std::size_t i = 0; i < kFeatures; ++i) z += weights[i] * x[i];
  return 1.0 / (1.0 + std::exp(-z));
}

Calibration Calibration::load(const std::filesystem::path& path) {
  std::string text;
  try {
    text = load_text(path.string());
  } catch (const InputError& e) {
    throw ModelError(fmt::format("the docalign calibration: {}", e.what()));
  }
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    const auto names = j.at("features").get<std::vector<std::string>>();
    const std::vector<std::string> expected{"cosine", "length_gap", "shared_date", "margin_src",
                                            "margin_tgt"};
    if (names != expected)
      throw ModelError(fmt::format("{}: \"features\" must be {}", path.string(),
                                   nlohmann::json(expected).dump()));
    Calibration c;
    c.length_log_ratio = j.at("length_log_ratio").get<double>();
    c.bias = j.at("bias").get<double>();
    const auto w = j.at("weights").get<std::vector<double>>();
    if (w.size() != kFeatures)
      throw ModelError(
          fmt::format("{}: \"weights\" must have {} numbers", path.string(), kFeatures));
    std::copy(w.begin(), w.end(), c.weights.begin());
    for (const double v : w)
      if (!std::isfinite(v))
        throw ModelError(fmt::format("{}: a weight is not finite", path.string()));
    return c;
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(fmt::format("{}: {}", path.string(), e.what()));
  }
}

std::vector<ScoredPair> score_candidates(const std::vector<Candidate>& candidates,
                                         const Vectors& vectors, const Pile& src, const Pile& tgt,
                                         const Calibration& calibration, unsigned threads) {
  const std::vector<float> cosines = detail::parallel_map(
      candidates.size(), threads,
      [&](std::size_t i) { return cosine(vectors, candidates[i].src, candidates[i].tgt); });
  // The best and second best cosine of every document among its candidates.
  auto top2 = [](std::vector<std::array<float, 2>>& best, std::uint32_t d, float c) {
    if (c > best[d][0]) {
      best[d][1] = best[d][0];
      best[d][0] = c;
    } else if (c > best[d][1]) {
      best[d][1] = c;
    }
  };
  std::vector<std::array<float, 2>> best_src(src.size(), {0.0f, 0.0f});
  std::vector<std::array<float, 2>> best_tgt(tgt.size(), {0.0f, 0.0f});
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    top2(best_src, candidates[i].src, cosines[i]);
    top2(best_tgt, candidates[i].tgt, cosines[i]);
  }
  auto margin = [](const std::array<float, 2>& best, float c) {
    return c >= best[0] ? c - best[1] : c - best[0];
  };
  std::vector<ScoredPair> out(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& p = candidates[i];
    ScoredPair& o = out[i];
    o.pair = p;
    o.features.cosine = cosines[i];
    o.features.log_length_ratio =
        std::log(std::max(src.length[p.src], 1.0f) / std::max(tgt.length[p.tgt], 1.0f));
    o.features.shared_date = share_a_date(src, p.src, tgt, p.tgt);
    o.features.margin_src = margin(best_src[p.src], cosines[i]);
    o.features.margin_tgt = margin(best_tgt[p.tgt], cosines[i]);
    o.probability = calibration.probability(o.features);
  }
  return out;
}

std::vector<ScoredPair> assign(std::vector<ScoredPair> scored, double min_score) {
  std::erase_if(scored, [min_score](const ScoredPair& p) { return p.probability < min_score; });
  std::sort(scored.begin(), scored.end(), [](const ScoredPair& a, const ScoredPair& b) {
    if (a.probability != b.probability) return a.probability > b.probability;
    if (a.features.cosine != b.features.cosine) return a.features.cosine > b.features.cosine;
    return a.pair < b.pair;
  });
  std::uint32_t max_src = 0, max_tgt = 0;
  for (const ScoredPair& p : scored) {
    max_src = std::max(max_src, p.pair.src + 1);
    max_tgt = std::max(max_tgt, p.pair.tgt + 1);
  }
  std::vector<bool> used_src(max_src, false), used_tgt(max_tgt, false);
  std::vector<ScoredPair> kept;
  for (const ScoredPair& p : scored) {
    if (used_src[p.pair.src] || used_tgt[p.pair.tgt]) continue;
    used_src[p.pair.src] = used_tgt[p.pair.tgt] = true;
    kept.push_back(p);
  }
  return kept;
}

}  // namespace jisr::docalign
