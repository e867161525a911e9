#include "train/calibrate.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "jisr/error.hpp"

namespace jisr {

namespace {

// Solves a·x = b for a symmetric positive definite a (Cholesky); a is n x n, row-major.
std::vector<double> solve(std::vector<double> a, std::vector<double> b, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    d = std::sqrt(std::max(d, 1e-12));
    a[j * n + j] = d;
    for (std::size_t i = j + 1; i < n; ++i) {
      double v = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k) v -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = v / d;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < i; ++k) b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t k = i + 1; k < n; ++k) b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  return b;
}

// The unconstrained fit over the features listed in `use` (indices into
// `names`); `standardised` receives each used feature's weight on its
// standardised scale (0 for features that do not vary).
LogisticModel fit_subset(const std::vector<std::string>& names, const TrainingRows& rows,
                         double l2, const std::vector<std::size_t>& use,
                         std::vector<double>& standardised) {
  const std::size_t m = names.size();
  const std::size_t count = rows.x.size();
  // Standardise: weighted mean and deviation of every feature.
  std::vector<double> mean(m, 0.0), sd(m, 0.0);
  double total = 0;
  for (std::size_t r = 0; r < count; ++r) {
    total += rows.weight[r];
    for (std::size_t k = 0; k < m; ++k) mean[k] += rows.weight[r] * rows.x[r][k];
  }
  for (double& v : mean) v /= total;
  for (std::size_t r = 0; r < count; ++r)
    for (std::size_t k = 0; k < m; ++k)
      sd[k] += rows.weight[r] * (rows.x[r][k] - mean[k]) * (rows.x[r][k] - mean[k]);
  std::vector<std::size_t> used;  // features that vary
  for (std::size_t k = 0; k < m; ++k) sd[k] = std::sqrt(sd[k] / total);
  for (const std::size_t k : use)
    if (sd[k] > 1e-9) used.push_back(k);
  const std::size_t n = used.size() + 1;  // + bias, last
  std::vector<double> w(n, 0.0), z(n);
  for (int iteration = 0; iteration < 100; ++iteration) {
    std::vector<double> grad(n, 0.0), hess(n * n, 0.0);
    for (std::size_t r = 0; r < count; ++r) {
      for (std::size_t k = 0; k < used.size(); ++k)
        z[k] = (rows.x[r][used[k]] - mean[used[k]]) / sd[used[k]];
      z[n - 1] = 1.0;
      double s = 0;
      for (std::size_t k = 0; k < n; ++k) s += w[k] * z[k];
      const double p = 1.0 / (1.0 + std::exp(-s));
      const double g = rows.weight[r] * (static_cast<double>(rows.y[r]) - p);
      const double h = rows.weight[r] * std::max(p * (1 - p), 1e-10);
      for (std::size_t i = 0; i < n; ++i) {
        grad[i] += g * z[i];
        for (std::size_t j = 0; j <= i; ++j) hess[i * n + j] += h * z[i] * z[j];
      }
    }
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < i; ++j) hess[j * n + i] = hess[i * n + j];
    for (std::size_t i = 0; i + 1 < n; ++i) {
      grad[i] -= l2 * w[i];
      hess[i * n + i] += l2;
    }
    const std::vector<double> step = solve(hess, grad, n);
    double largest = 0;
    for (std::size_t k = 0; k < n; ++k) {
      w[k] += step[k];
      largest = std::max(largest, std::abs(step[k]));
    }
    if (largest < 1e-8) break;
  }
  // Back to the raw features.
  LogisticModel out;
  out.bias = w[n - 1];
  standardised.assign(m, 0.0);
  for (std::size_t k = 0; k < used.size(); ++k) {
    const std::size_t f = used[k];
    out.features.push_back(names[f]);
    out.weights.push_back(w[k] / sd[f]);
    out.bias -= w[k] * mean[f] / sd[f];
    standardised[f] = w[k];
  }
  return out;
}

}  // namespace

LogisticModel fit_logistic(const std::vector<std::string>& names, const TrainingRows& rows,
                           double l2, std::span<const int> signs) {
  if (std::count(rows.y.begin(), rows.y.end(), 1) == 0 ||
      std::count(rows.y.begin(), rows.y.end(), 0) == 0)
    throw InputError(
        "calibration: the training rows need both labels (right and wrong beads, true and mismatched pairs)");
  if (!signs.empty() && signs.size() != names.size())
    throw InputError(fmt::format("calibration: {} signs for {} features", signs.size(), names.size()));
  std::vector<std::size_t> use(names.size());
  for (std::size_t k = 0; k < use.size(); ++k) use[k] = k;
  std::vector<double> standardised;
  // Active set: while a weight has the wrong sign, leave out the feature
  // whose standardised weight is furthest on the wrong side, and fit again.
  while (true) {
    LogisticModel out = fit_subset(names, rows, l2, use, standardised);
    if (signs.empty()) return out;
    std::size_t worst = use.size();
    double furthest = 0;
    for (std::size_t k = 0; k < use.size(); ++k) {
      const double wrong = -static_cast<double>(signs[use[k]]) * standardised[use[k]];
      if (wrong > furthest) {
        furthest = wrong;
        worst = k;
      }
    }
    if (worst == use.size()) return out;
    use.erase(use.begin() + static_cast<std::ptrdiff_t>(worst));
  }
}

void add_bead_rows(std::span<const DocumentRun> runs, double weight, TrainingRows& rows) {
  for (const DocumentRun& run : runs) {
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t>> gold;
    for (const Bead& b : run.gold) gold.emplace(b.src_begin, b.src_end, b.tgt_begin, b.tgt_end);
    const auto features = bead_features(run.test);
    for (std::size_t k = 0; k < run.test.size(); ++k) {
      const Bead& b = run.test[k];
      if (!b.is_pair()) continue;
      rows.x.push_back(features[k]);
      rows.y.push_back(gold.contains({b.src_begin, b.src_end, b.tgt_begin, b.tgt_end}) ? 1 : 0);
      rows.weight.push_back(weight);
    }
  }
}

std::size_t count_pair_beads(std::span<const DocumentRun> runs) {
  std::size_t n = 0;
  for (const DocumentRun& run : runs)
    n += static_cast<std::size_t>(
        std::count_if(run.test.begin(), run.test.end(), [](const Bead& b) { return b.is_pair(); }));
  return n;
}

}  // namespace jisr
