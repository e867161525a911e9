#include "align/length_table.hpp"

#include <cmath>
#include <numbers>

#include "align/score.hpp"

namespace jisr {

namespace {

// With eps <= 0 the table covers |d| < kNoFloorEnd, the cost's quadratic
// part; beyond it the exact formula is used.
constexpr double kNoFloorEnd = 30.0;
// The table never reaches further than this (erfc(x / sqrt 2) underflows
// near x = 38).
constexpr double kLongestEnd = 38.0;

}  // namespace

LengthCostTable::LengthCostTable(double eps) : eps_(eps) {
  double end = kNoFloorEnd;
  if (eps_ > 0) {
    // The first x where (1 - eps)·erfc(x / sqrt 2) < eps·1e-17: from there
    // on the sum rounds to eps and f is -log(eps).
    plateau_ = -std::log(eps_);
    end = 1.0;
    while (end < kLongestEnd && (1 - eps_) * std::erfc(end / std::numbers::sqrt2) >= eps_ * 1e-17)
      end += 1.0;
  }
  const auto steps = static_cast<std::size_t>(end * kStepsPerUnit);
  end_ = static_cast<double>(steps);
  constexpr double h = 1.0 / kStepsPerUnit;
  // f, f' and f'' at x >= 0: with g = (1 - eps)·erfc(x / sqrt 2) + eps and
  // p = (1 - eps)·sqrt(2 / pi)·exp(-x² / 2) / g, f' = p and f'' = p² - x·p.
  const double floor = eps_ > 0 ? eps_ : 0.0;
  auto derivatives = [&](double x, double out[3]) {
    out[0] = exact(x);
    const double g = (1 - floor) * std::erfc(x / std::numbers::sqrt2) + floor;
    const double density = (1 - floor) * std::sqrt(2 / std::numbers::pi) * std::exp(-x * x / 2);
    // Without a floor g underflows far out; there p tends to x + 1/x.
    const double p = g > 1e-300 ? density / g : x + 1 / x;
    out[1] = p * h;
    out[2] = (p * p - x * p) * h * h;
  };
  coefficients_.resize(6 * steps);
  double left[3], right[3];
  derivatives(0.0, left);
  for (std::size_t k = 0; k < steps; ++k) {
    derivatives(static_cast<double>(k + 1) * h, right);
    // Quintic Hermite interpolant in t: p(0) = left[0], p'(0) = left[1],
    // p''(0) = left[2], and the same at t = 1 from `right`.
    const double f0 = left[0], v0 = left[1], a0 = left[2], f1 = right[0], v1 = right[1],
                 a1 = right[2];
    double* c = coefficients_.data() + 6 * k;
    c[0] = f0;
    c[1] = v0;
    c[2] = a0 / 2;
    c[3] = 10 * (f1 - f0) - 6 * v0 - 4 * v1 - 1.5 * a0 + 0.5 * a1;
    c[4] = -15 * (f1 - f0) + 8 * v0 + 7 * v1 + 1.5 * a0 - a1;
    c[5] = 6 * (f1 - f0) - 3 * v0 - 3 * v1 - 0.5 * a0 + 0.5 * a1;
    for (int x = 0; x < 3; ++x) left[x] = right[x];
  }
}

double LengthCostTable::exact(double d) const {
  if (eps_ <= 0) return neg_log_two_tailed(d);
  return -std::log((1 - eps_) * std::erfc(std::abs(d) / std::numbers::sqrt2) + eps_);
}

double LengthCostTable::beyond(double d) const { return eps_ > 0 ? plateau_ : exact(d); }

}  // namespace jisr
