// Input: the outlier share eps of a length model. Output: the robust length
// cost f(d) = -log((1 - eps)·2·(1 - Φ(|d|)) + eps) of score.hpp as a table,
// so that the search can bound a bead's cost without erfc or log and
// compute the exact cost only for the beads the bound does not drop.
//
// f is smooth in d, so a piecewise quintic Hermite interpolant (value, first
// and second derivative at both ends of each step of 1/64) reproduces it to
// about 1e-12. Beyond the table, where (1 - eps)·erfc is below eps·1e-17, f
// is -log(eps) in double precision; with eps <= 0 (no floor) the cost grows
// without bound and is computed exactly there. The table is not used for
// the costs themselves: near-ties between paths (repeated verses, say) are
// decided by the last bits, and those stay the exact formula's.
#pragma once

#include <vector>

namespace jisr {

class LengthCostTable {
 public:
  // The table for outlier share `eps` (0 <= eps < 1; eps <= 0 means none).
  explicit LengthCostTable(double eps = 0.0);

  // f(d) for any finite d, within about 1e-12 of the exact formula.
  [[nodiscard]] double operator()(double d) const {
    const double x = (d < 0 ? -d : d) * kStepsPerUnit;
    if (x < end_) {
      const auto k = static_cast<unsigned>(x);
      const double t = x - static_cast<double>(k);
      const double* c = coefficients_.data() + 6 * static_cast<std::size_t>(k);
      return c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * c[5]))));
    }
    return beyond(d);
  }

  // The exact formula (erfc and log), for the tail and for checks.
  [[nodiscard]] double exact(double d) const;

  static constexpr double kStepsPerUnit = 64.0;

 private:
  [[nodiscard]] double beyond(double d) const;

  double eps_ = 0.0;
  double end_ = 0.0;    // table end, in steps
  double plateau_ = 0;  // -log(eps), the value beyond the end when eps > 0
  // Per step, the coefficients of its polynomial in t in [0, 1), lowest first.
  std::vector<double> coefficients_;
};

}  // namespace jisr
