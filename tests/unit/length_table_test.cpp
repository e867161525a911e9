// Tests of the tabulated length cost (align/length_table.hpp) against the
// exact formula of score.hpp, with and without an outlier floor.
#define BOOST_TEST_MODULE length_table
#include "align/length_table.hpp"

#include <cmath>
#include <numbers>

#include <boost/test/unit_test.hpp>

#include "align/score.hpp"

using jisr::LengthCostTable;

namespace {

double robust(double d, double eps) {
  return -std::log((1 - eps) * std::erfc(std::abs(d) / std::numbers::sqrt2) + eps);
}

// The largest difference between table and formula over [-to, to], sampled
// at steps that fall between the table's knots.
double worst_error(const LengthCostTable& table, double eps, double to) {
  double worst = 0;
  for (double d = -to; d <= to; d += 0.000731) {
    const double want = eps > 0 ? robust(d, eps) : jisr::neg_log_two_tailed(d);
    worst = std::max(worst, std::abs(table(d) - want));
  }
  return worst;
}

}  // namespace

BOOST_AUTO_TEST_CASE(table_matches_the_formula_with_the_model_floors) {
  for (const double eps : {0.00112, 1e-4, 0.05}) {
    const LengthCostTable table(eps);
    BOOST_TEST_CONTEXT("eps " << eps) {
      BOOST_TEST(worst_error(table, eps, 40.0) < 1e-11);
      BOOST_TEST(table(0.0) == 0.0);
      BOOST_TEST(table(1e6) == -std::log(eps));
      BOOST_TEST(table.exact(2.5) == robust(2.5, eps));
    }
  }
}

BOOST_AUTO_TEST_CASE(table_without_a_floor_follows_the_unbounded_tail) {
  const LengthCostTable table(0.0);
  BOOST_TEST(worst_error(table, 0.0, 29.0) < 1e-10 * 29 * 29);
  // Beyond the table the exact formula takes over.
  BOOST_TEST(table(45.0) == jisr::neg_log_two_tailed(45.0));
  BOOST_TEST(table(-45.0) == table(45.0));
  BOOST_TEST(table(60.0) > table(45.0));
}

BOOST_AUTO_TEST_CASE(table_is_even_and_grows_with_the_mismatch) {
  const LengthCostTable table(0.00112);
  double last = -1;
  for (double d = 0; d < 12; d += 0.01) {
    BOOST_TEST(table(-d) == table(d));
    BOOST_TEST(table(d) >= last - 1e-12);
    last = table(d);
  }
}
