// Tests of the anchor key matching of the bead scorer (align/key_match.hpp):
// the gain of random runs of sentences against a count of the keys as
// multisets, summed in the same order; signatures as bounds.
#define BOOST_TEST_MODULE key_match
#include "align/key_match.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <vector>

#include <boost/test/unit_test.hpp>

using jisr::KeyRuns;

namespace {

// One side: per sentence a sorted list of ids drawn from `keys` values.
struct Side {
  std::vector<std::uint32_t> begin{0}, ids;
  std::vector<std::uint64_t> signature;

  KeyRuns runs() const { return {begin, ids, signature}; }
};

Side random_side(std::mt19937& rng, std::size_t sentences, std::uint32_t keys, std::size_t most) {
  Side side;
  std::uniform_int_distribution<std::size_t> count(0, most);
  std::uniform_int_distribution<std::uint32_t> key(0, keys - 1);
  for (std::size_t k = 0; k < sentences; ++k) {
    const std::size_t from = side.ids.size();
    for (std::size_t n = count(rng); n > 0; --n) side.ids.push_back(key(rng));
    std::sort(side.ids.begin() + static_cast<std::ptrdiff_t>(from), side.ids.end());
    side.begin.push_back(static_cast<std::uint32_t>(side.ids.size()));
  }
  side.signature = jisr::key_signatures(side.begin, side.ids);
  return side;
}

// The gain by definition: target keys counted in a map, source keys taken
// in order while a copy is left.
double expected_gain(const Side& src, std::uint32_t i, int a, const Side& tgt, std::uint32_t j,
                     int b, const std::vector<double>& gain) {
  std::map<std::uint32_t, int> left;
  for (std::uint32_t q = tgt.begin[j]; q < tgt.begin[j + b]; ++q) ++left[tgt.ids[q]];
  double sum = 0;
  for (std::uint32_t p = src.begin[i]; p < src.begin[i + a]; ++p) {
    auto it = left.find(src.ids[p]);
    if (it != left.end() && it->second > 0) {
      --it->second;
      sum += gain[src.ids[p]];
    }
  }
  return sum;
}

}  // namespace

BOOST_AUTO_TEST_CASE(matched_gain_equals_the_multiset_count_bit_for_bit) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> weight(0.1, 3.0);
  // Few distinct keys make repeats and matches common; many make them rare.
  for (const std::uint32_t keys : {6u, 40u, 5000u}) {
    std::vector<double> gain(keys);
    for (double& g : gain) g = weight(rng);
    const Side src = random_side(rng, 60, keys, 12), tgt = random_side(rng, 60, keys, 12);
    std::size_t nonzero = 0;
    for (int a = 0; a <= 8; ++a)
      for (int b = 0; b <= 8; ++b)
        for (std::uint32_t i = 0; i + static_cast<std::uint32_t>(a) <= 60; i += 5)
          for (std::uint32_t j = 0; j + static_cast<std::uint32_t>(b) <= 60; j += 7) {
            const double want = expected_gain(src, i, a, tgt, j, b, gain);
            const double got = jisr::matched_gain(src.runs(), i, a, tgt.runs(), j, b, gain);
            BOOST_TEST_REQUIRE(got == want,
                               keys << " keys, bead " << i << "+" << a << " x " << j << "+" << b);
            nonzero += want > 0;
          }
    BOOST_TEST(nonzero > 0u);
  }
}

BOOST_AUTO_TEST_CASE(long_runs_fall_back_to_counting_and_agree) {
  std::mt19937 rng(11);
  std::vector<double> gain(30, 1.25);
  // Up to 150 keys a sentence: more target keys than the bitmap tracks.
  const Side src = random_side(rng, 8, 30, 150), tgt = random_side(rng, 8, 30, 150);
  BOOST_TEST(jisr::matched_gain(src.runs(), 0, 8, tgt.runs(), 0, 8, gain) ==
             expected_gain(src, 0, 8, tgt, 0, 8, gain));
}

BOOST_AUTO_TEST_CASE(disjoint_signatures_mean_no_shared_key) {
  std::mt19937 rng(3);
  const Side src = random_side(rng, 200, 300, 6), tgt = random_side(rng, 200, 300, 6);
  std::vector<double> gain(300, 1.0);
  std::size_t disjoint = 0;
  for (std::uint32_t k = 0; k < 200; ++k) {
    if ((src.signature[k] & tgt.signature[k]) != 0) continue;
    ++disjoint;
    BOOST_TEST(expected_gain(src, k, 1, tgt, k, 1, gain) == 0.0);
  }
  BOOST_TEST(disjoint > 0u);
  BOOST_TEST(jisr::run_signature(src.signature, 3, 2) == (src.signature[3] | src.signature[4]));
}

BOOST_AUTO_TEST_CASE(pair_gains_of_a_row_equal_the_merge_of_each_pair) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> weight(0.1, 3.0);
  for (const std::uint32_t keys : {6u, 40u, 5000u}) {
    std::vector<double> gain(keys);
    for (double& g : gain) g = weight(rng);
    const Side src = random_side(rng, 30, keys, 20), tgt = random_side(rng, 50, keys, 20);
    std::vector<double> row(50, -1.0);
    for (std::uint32_t i = 0; i < 30; ++i) {
      jisr::pair_gains(src.runs(), i, tgt.runs(), 10, 50, gain,
                       std::span<double>(row).subspan(0, 40));
      for (std::uint32_t j = 10; j < 50; ++j)
        BOOST_TEST_REQUIRE(
            row[j - 10] == jisr::matched_gain(src.runs(), i, 1, tgt.runs(), j, 1, gain),
            keys << " keys, pair " << i << " x " << j);
      BOOST_TEST(row[40] == -1.0);  // nothing written past the row
    }
  }
}
