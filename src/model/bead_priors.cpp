#include "model/bead_priors.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "jisr/error.hpp"

namespace jisr {

namespace {

constexpr int kFeatures = 6;
using Vec = std::array<double, kFeatures>;

// φ(t): see bead_priors.hpp. 1-1 has none: it is where the tilt is measured from.
Vec shape_features(BeadType t) {
  Vec phi{};
  if (t.src == 1 && t.tgt == 0) {
    phi[0] = 1;
  } else if (t.src == 0 && t.tgt == 1) {
    phi[1] = 1;
  } else if (!(t.src == 1 && t.tgt == 1) && t.src > 0 && t.tgt > 0) {
    phi[2] = 1;
    phi[3] = std::max(t.src, t.tgt) - 2;
    phi[4] = t.src > t.tgt ? 1 : 0;
    phi[5] = std::min(t.src, t.tgt) > 1 ? 1 : 0;
  }
  return phi;
}

// Solves h · x = g for a symmetric positive definite h (Gaussian
// elimination; the ridge keeps every pivot at least `ridge`).
Vec solve(std::array<Vec, kFeatures> h, Vec g) {
  for (int col = 0; col < kFeatures; ++col) {
    for (int row = col + 1; row < kFeatures; ++row) {
      const double r = h[row][col] / h[col][col];
      for (int k = col; k < kFeatures; ++k) h[row][k] -= r * h[col][k];
      g[row] -= r * g[col];
    }
  }
  for (int row = kFeatures - 1; row >= 0; --row) {
    for (int k = row + 1; k < kFeatures; ++k) g[row] -= h[row][k] * g[k];
    g[row] /= h[row][row];
  }
  return g;
}

}  // namespace

DocumentPriors document_priors(const std::map<BeadType, double>& model_priors, std::span<const Bead> alignment,
                               double ridge) {
  if (!(ridge > 0)) throw UsageError(fmt::format("document_priors: ridge must be above 0, not {}", ridge));
  std::vector<BeadType> types;
  std::vector<double> log_base, n;
  std::vector<Vec> phi;
  double base_total = 0;
  for (const auto& [t, p] : model_priors) {
    if (!(p > 0)) continue;
    types.push_back(t);
    base_total += p;
  }
  for (const BeadType t : types) {
    log_base.push_back(std::log(model_priors.at(t) / base_total));
    phi.push_back(shape_features(t));
  }
  n.assign(types.size(), 0.0);
  double total = 0;
  for (const Bead& b : alignment) {
    const BeadType t{static_cast<int>(b.src_size()), static_cast<int>(b.tgt_size())};
    const auto it = std::lower_bound(types.begin(), types.end(), t);
    if (it == types.end() || *it != t) continue;
    n[static_cast<std::size_t>(it - types.begin())] += 1;
    total += 1;
  }
  Vec observed{};
  for (std::size_t t = 0; t < types.size(); ++t)
    for (int f = 0; f < kFeatures; ++f) observed[f] += n[t] * phi[t][f];

  Vec eta{};
  std::vector<double> log_p(types.size());
  auto update = [&] {
    double max_s = -INFINITY;
    for (std::size_t t = 0; t < types.size(); ++t) {
      double s = log_base[t];
      for (int f = 0; f < kFeatures; ++f) s += eta[f] * phi[t][f];
      log_p[t] = s;
      max_s = std::max(max_s, s);
    }
    double z = 0;
    for (const double s : log_p) z += std::exp(s - max_s);
    const double log_z = max_s + std::log(z);
    for (double& s : log_p) s -= log_z;
  };
  // Newton's method on the concave penalised log-likelihood, damped so that
  // no parameter moves by more than one per step.
  for (int iteration = 0; iteration < 100; ++iteration) {
    update();
    Vec mean{}, grad{};
    for (std::size_t t = 0; t < types.size(); ++t)
      for (int f = 0; f < kFeatures; ++f) mean[f] += std::exp(log_p[t]) * phi[t][f];
    std::array<Vec, kFeatures> h{};
    for (int f = 0; f < kFeatures; ++f) {
      grad[f] = observed[f] - total * mean[f] - ridge * eta[f];
      for (int g = 0; g < kFeatures; ++g) {
        double cov = 0;
        for (std::size_t t = 0; t < types.size(); ++t)
          cov += std::exp(log_p[t]) * (phi[t][f] - mean[f]) * (phi[t][g] - mean[g]);
        h[f][g] = total * cov + (f == g ? ridge : 0.0);
      }
    }
    const Vec step = solve(h, grad);
    double change = 0;
    for (int f = 0; f < kFeatures; ++f) change = std::max(change, std::abs(step[f]));
    const double scale = change > 1.0 ? 1.0 / change : 1.0;
    for (int f = 0; f < kFeatures; ++f) eta[f] += scale * step[f];
    if (change < 1e-9) break;
  }
  update();
  DocumentPriors out;
  for (std::size_t t = 0; t < types.size(); ++t) {
    out.priors[types[t]] = std::exp(log_p[t]);
    out.gain += n[t] * (log_p[t] - log_base[t]);
  }
  return out;
}

}  // namespace jisr
