// Tests of the banded dynamic program (jisr/aligner.hpp): obvious
// alignments, coverage of every sentence on random inputs, equality of the
// widening (and guided) band with the full search, and the
// limits on options.
#define BOOST_TEST_MODULE aligner
#include "align/search.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"
#include "jisr/formats.hpp"

using jisr::align;
using jisr::AlignOptions;
using jisr::Alignment;
using jisr::Bead;
using jisr::BeadScorer;
using jisr::Model;
using jisr::Sentence;

namespace {

// Round numbers: c = 1, no per-document ratio, no ending costs; bead types
// up to 1-3 and 3-1.
Model plain_model() {
  Model m;
  m.length.c = 1.0;
  m.length.s2 = 6.8;
  m.length.per_document = false;
  m.length.outlier = 0.0;
  m.priors = {{{1, 1}, 0.85}, {{1, 0}, 0.01}, {{0, 1}, 0.01}, {{2, 1}, 0.04}, {{1, 2}, 0.04},
              {{2, 2}, 0.01}, {{1, 3}, 0.02}, {{3, 1}, 0.02}};
  m.ending_cost = {};
  return m;
}

std::vector<Sentence> side(const std::vector<int>& lengths) {
  std::vector<Sentence> out;
  for (const int n : lengths) out.push_back(Sentence{std::string(static_cast<std::size_t>(n), 'x'), {}, 0});
  return out;
}

Alignment run(const std::vector<int>& src, const std::vector<int>& tgt, const AlignOptions& options = {},
              const Model& model = plain_model()) {
  return align(BeadScorer(model, side(src), side(tgt)), options);
}

std::string show(const Alignment& a) {
  std::string s;
  for (const Bead& b : a) s += jisr::format_bead(b) + " ";
  return s;
}

// Every sentence of both sides in exactly one bead, in order; no empty bead;
// no side larger than max_side.
void check_cover(const Alignment& a, std::uint32_t n, std::uint32_t m, int max_side) {
  std::uint32_t i = 0, j = 0;
  for (const Bead& b : a) {
    BOOST_REQUIRE_EQUAL(b.src_begin, i);
    BOOST_REQUIRE_EQUAL(b.tgt_begin, j);
    BOOST_REQUIRE_GE(b.src_end, b.src_begin);
    BOOST_REQUIRE_GE(b.tgt_end, b.tgt_begin);
    BOOST_REQUIRE(b.src_size() + b.tgt_size() > 0);
    BOOST_REQUIRE_LE(b.src_size(), static_cast<std::uint32_t>(max_side));
    BOOST_REQUIRE_LE(b.tgt_size(), static_cast<std::uint32_t>(max_side));
    i = b.src_end;
    j = b.tgt_end;
  }
  BOOST_REQUIRE_EQUAL(i, n);
  BOOST_REQUIRE_EQUAL(j, m);
}

std::vector<int> random_lengths(std::mt19937& rng, std::size_t count) {
  std::uniform_int_distribution<int> len(3, 120);
  std::vector<int> out(count);
  for (int& x : out) x = len(rng);
  return out;
}

// A target side that translates `src` with noise, merges and splits some
// sentences, and has runs of inserted sentences.
std::vector<int> noisy_translation(std::mt19937& rng, const std::vector<int>& src) {
  std::uniform_real_distribution<double> noise(0.85, 1.15);
  std::uniform_int_distribution<int> pick(0, 19), run_length(1, 6), len(3, 120);
  std::vector<int> tgt;
  for (std::size_t k = 0; k < src.size(); ++k) {
    const int r = pick(rng);
    const int l = std::max(1, static_cast<int>(src[k] * noise(rng)));
    if (r == 0) {
      for (int x = run_length(rng); x > 0; --x) tgt.push_back(len(rng));  // inserted run
      tgt.push_back(l);
    } else if (r == 1) {
      tgt.push_back(l / 2 + 1);  // split in two
      tgt.push_back(l - l / 2);
    } else if (r == 2 && !tgt.empty()) {
      tgt.back() += l;  // merged into the previous sentence
    } else if (r != 3) {  // r == 3: deleted
      tgt.push_back(l);
    }
  }
  return tgt;
}

// The search over the whole grid: a band as wide as the longer side.
Alignment full_search(const BeadScorer& scorer) {
  AlignOptions full;
  full.band = std::max(scorer.src_size(), scorer.tgt_size());
  return align(scorer, full);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(aligner)

BOOST_AUTO_TEST_CASE(identical_lengths_give_all_one_to_one) {
  const std::vector<int> lengths{10, 25, 7, 40, 13, 60, 22, 31};
  const Alignment a = run(lengths, lengths);
  BOOST_REQUIRE_EQUAL(a.size(), lengths.size());
  for (std::uint32_t k = 0; k < a.size(); ++k) BOOST_TEST((a[k] == Bead{k, k + 1, k, k + 1}), show(a));
}

BOOST_AUTO_TEST_CASE(source_as_long_as_two_targets_gives_one_to_two) {
  const Alignment a = run({10, 50, 12}, {10, 24, 26, 12});
  const Alignment expected{{0, 1, 0, 1}, {1, 2, 1, 3}, {2, 3, 3, 4}};
  BOOST_TEST((a == expected), show(a));
  // And the mirror image gives 2-1.
  const Alignment b = run({10, 24, 26, 12}, {10, 50, 12});
  const Alignment mirrored{{0, 1, 0, 1}, {1, 3, 1, 2}, {3, 4, 2, 3}};
  BOOST_TEST((b == mirrored), show(b));
}

BOOST_AUTO_TEST_CASE(beads_carry_cost_and_score_of_the_scorer) {
  const std::vector<int> src{15, 30, 45}, tgt{16, 29, 47};
  const auto s = side(src), t = side(tgt);
  const BeadScorer scorer(plain_model(), s, t);
  const Alignment a = align(scorer);
  for (const Bead& b : a) {
    const int x = static_cast<int>(b.src_size()), y = static_cast<int>(b.tgt_size());
    BOOST_TEST(b.cost == scorer.cost(b.src_begin, x, b.tgt_begin, y));
    BOOST_TEST(b.score == scorer.confidence(b.src_begin, x, b.tgt_begin, y));
  }
}

BOOST_AUTO_TEST_CASE(empty_sides_align) {
  BOOST_TEST(run({}, {}).empty());
  const Alignment only_src = run({5, 6}, {});
  check_cover(only_src, 2, 0, 4);
  BOOST_TEST(only_src.size() == 2U);
  const Alignment only_tgt = run({}, {5, 6, 7});
  check_cover(only_tgt, 0, 3, 4);
  BOOST_TEST(only_tgt.size() == 3U);
  // Found by fuzz_align: more target sentences than the band is wide, with
  // no source sentence, put the end of the path outside the band.
  const std::vector<int> many(100, 20);
  check_cover(run({}, many), 0, 100, 4);
  AlignOptions narrow;
  narrow.band = 1;
  check_cover(run({}, many, narrow), 0, 100, 4);
  check_cover(run(many, {}, narrow), 100, 0, 4);
}

BOOST_AUTO_TEST_CASE(result_covers_every_sentence_once_in_order_on_random_inputs) {
  std::uniform_int_distribution<std::size_t> count(0, 40);
  for (unsigned seed = 1; seed <= 60; ++seed) {
    std::mt19937 rng(seed);
    const auto src = random_lengths(rng, count(rng));
    const auto tgt = seed % 2 == 0 ? noisy_translation(rng, src) : random_lengths(rng, count(rng));
    for (const int max_side : {1, 2, 4}) {
      BOOST_TEST_CONTEXT("seed " << seed << ", max_side " << max_side << ", " << src.size() << " x "
                                 << tgt.size()) {
        AlignOptions o;
        o.max_side = max_side;
        check_cover(run(src, tgt, o), static_cast<std::uint32_t>(src.size()),
                    static_cast<std::uint32_t>(tgt.size()), max_side);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(very_unequal_sides_are_still_covered) {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    std::mt19937 rng(seed);
    const auto one = random_lengths(rng, 1);
    const auto many = random_lengths(rng, 300);
    const auto few = random_lengths(rng, 7);
    BOOST_TEST_CONTEXT("seed " << seed) {
      check_cover(run(one, many), 1, 300, 4);
      check_cover(run(many, one), 300, 1, 4);
      check_cover(run(few, many), 7, 300, 4);
      AlignOptions narrow;
      narrow.band = 1;
      check_cover(run(one, many, narrow), 1, 300, 4);
      check_cover(run(many, few, narrow), 300, 7, 4);
    }
  }
}

BOOST_AUTO_TEST_CASE(narrow_band_equals_full_search_on_inputs_with_insertions) {
  std::uniform_int_distribution<std::size_t> count(20, 150);
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    const auto src = random_lengths(rng, count(rng));
    const auto tgt = noisy_translation(rng, src);
    const auto s = side(src), t = side(tgt);
    const BeadScorer scorer(plain_model(), s, t);
    AlignOptions narrow, full;
    narrow.band = 1;
    full.band = static_cast<std::uint32_t>(std::max(src.size(), tgt.size()));
    const Alignment a = align(scorer, narrow);
    const Alignment b = align(scorer, full);
    BOOST_TEST_CONTEXT("seed " << seed << ", " << src.size() << " x " << tgt.size()) {
      BOOST_TEST((a == b), "narrow: " << show(a) << "\nfull:   " << show(b));
      // The default starting band finds the same.
      BOOST_TEST((align(scorer) == b));
    }
  }
}

BOOST_AUTO_TEST_CASE(band_widens_to_a_path_far_from_the_diagonal) {
  // 300 inserted target sentences early on put the true path 300 cells off
  // the diagonal for most of the document: the band must widen that far.
  std::mt19937 rng(7);
  const auto src = random_lengths(rng, 1500);
  auto tgt = noisy_translation(rng, src);
  const auto inserted = random_lengths(rng, 300);
  tgt.insert(tgt.begin() + 100, inserted.begin(), inserted.end());
  const auto s = side(src), t = side(tgt);
  const BeadScorer scorer(plain_model(), s, t);
  AlignOptions full;
  full.band = static_cast<std::uint32_t>(std::max(src.size(), tgt.size()));
  const Alignment expected = align(scorer, full);
  const Alignment got = align(scorer);
  BOOST_TEST((got == expected));
  // Around the first alignment, as a second pass searches, the band starts
  // narrow and finds the same.
  BOOST_TEST((align(scorer, {}, got) == expected));
  check_cover(got, static_cast<std::uint32_t>(src.size()), static_cast<std::uint32_t>(tgt.size()), 4);
}

BOOST_AUTO_TEST_CASE(guide_path_centres_the_band_and_bad_guides_do_no_harm) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    const auto src = random_lengths(rng, 200);
    const auto tgt = noisy_translation(rng, src);
    const auto s = side(src), t = side(tgt);
    const BeadScorer scorer(plain_model(), s, t);
    const auto n = static_cast<std::uint32_t>(src.size()), m = static_cast<std::uint32_t>(tgt.size());
    const Alignment expected = full_search(scorer);
    // All deletions, then all insertions: a whole path, as far from the
    // true one as a path can be.
    Alignment far;
    for (std::uint32_t i = 0; i < n; ++i) far.push_back(Bead{i, i + 1, 0, 0});
    for (std::uint32_t j = 0; j < m; ++j) far.push_back(Bead{n, n, j, j + 1});
    // Not a path of these sides: ignored.
    const Alignment broken{Bead{0, 1, 0, 1}};
    BOOST_TEST_CONTEXT("seed " << seed) {
      BOOST_TEST((align(scorer, {}, expected) == expected));
      BOOST_TEST((align(scorer, {}, far) == expected));
      BOOST_TEST((align(scorer, {}, broken) == expected));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_guide_far_off_the_path_of_a_long_document_falls_back_to_the_diagonal) {
  // A long translation, and a guide that runs 900 sentences off its path
  // and back (what spurious anchor pairs in a long text give): no band the
  // widening may reach around the guide holds the path, so the piece is
  // searched around its diagonal too, and that path is kept.
  std::mt19937 rng(7);
  const auto src = random_lengths(rng, 3000);
  std::uniform_real_distribution<double> noise(0.9, 1.1);
  std::vector<int> tgt;
  for (const int l : src) tgt.push_back(std::max(1, static_cast<int>(l * noise(rng))));
  const auto s = side(src), t = side(tgt);
  const BeadScorer scorer(plain_model(), s, t);
  const auto n = static_cast<std::uint32_t>(src.size()), m = static_cast<std::uint32_t>(tgt.size());
  const Alignment expected = full_search(scorer);
  // Straight runs of beads of at most one sentence a side.
  Alignment guide;
  auto straight = [&guide](std::uint32_t i0, std::uint32_t j0, std::uint32_t i1, std::uint32_t j1) {
    while (i0 < i1 || j0 < j1) {
      const std::uint32_t di = i0 < i1 ? 1 : 0, dj = j0 < j1 ? 1 : 0;
      guide.push_back(Bead{i0, i0 + di, j0, j0 + dj});
      i0 += di;
      j0 += dj;
    }
  };
  straight(0, 0, 1500, 600);
  straight(1500, 600, n, m);
  std::size_t bounded = 0;
  AlignOptions options;
  options.bounded_searches = &bounded;
  const Alignment got = align(scorer, options, guide);
  check_cover(got, n, m, options.max_side);
  BOOST_TEST((got == expected));
  BOOST_TEST(bounded == 0U);
}

BOOST_AUTO_TEST_CASE(cuts_on_the_best_path_change_nothing_on_any_number_of_threads) {
  for (unsigned seed = 1; seed <= 10; ++seed) {
    std::mt19937 rng(seed);
    const auto src = random_lengths(rng, 900);
    const auto tgt = noisy_translation(rng, src);
    const auto s = side(src), t = side(tgt);
    const BeadScorer scorer(plain_model(), s, t);
    const Alignment expected = align(scorer);
    check_cover(expected, static_cast<std::uint32_t>(src.size()), static_cast<std::uint32_t>(tgt.size()), 8);
    // Cuts at corners of the best path, every fifth of it; one corner not on
    // the guide (ignored); pieces searched on one thread and on four.
    std::vector<jisr::GridPoint> cuts;
    for (std::size_t k = 1; k < 5; ++k) {
      const Bead& b = expected[k * expected.size() / 5];
      cuts.push_back({b.src_begin, b.tgt_begin});
    }
    std::vector<jisr::GridPoint> with_stray = cuts;
    with_stray.insert(with_stray.begin() + 2, {cuts[1].i + 1, cuts[1].j});
    AlignOptions one, four;
    four.threads = 4;
    BOOST_TEST_CONTEXT("seed " << seed) {
      BOOST_TEST((align(scorer, one, expected, cuts) == expected));
      BOOST_TEST((align(scorer, four, expected, cuts) == expected));
      BOOST_TEST((align(scorer, four, expected, with_stray) == expected));
      // Without a guide that is a whole path the cuts are not used.
      BOOST_TEST((align(scorer, four, {}, cuts) == expected));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_path_goes_through_every_cut) {
  // A cut off the best path, on a guide that passes through it, is forced
  // on the alignment: the pieces are searched apart.
  std::mt19937 rng(5);
  const auto src = random_lengths(rng, 400);
  const auto tgt = noisy_translation(rng, src);
  const auto s = side(src), t = side(tgt);
  const BeadScorer scorer(plain_model(), s, t);
  const auto n = static_cast<std::uint32_t>(src.size()), m = static_cast<std::uint32_t>(tgt.size());
  const Alignment expected = align(scorer);
  // The guide: the best path up to a corner, then 3 deletions and 3
  // insertions, then straight beads to the end.
  const std::size_t at = expected.size() / 2;
  Alignment guide(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(at));
  std::uint32_t i = guide.back().src_end, j = guide.back().tgt_end;
  for (int k = 0; k < 3; ++k, ++i) guide.push_back(Bead{i, i + 1, j, j});
  const jisr::GridPoint off{i, j};
  for (int k = 0; k < 3; ++k, ++j) guide.push_back(Bead{i, i, j, j + 1});
  while (i < n || j < m) {
    const std::uint32_t ni = std::min(i + 1, n), nj = std::min(j + 1, m);
    guide.push_back(Bead{i, ni, j, nj});
    i = ni;
    j = nj;
  }
  const Alignment uncut = align(scorer, {}, guide);
  BOOST_TEST((uncut == expected));
  const std::vector<jisr::GridPoint> cuts{off};
  const Alignment cut = align(scorer, {}, guide, cuts);
  check_cover(cut, n, m, 8);
  BOOST_TEST((cut != expected));
  BOOST_TEST(std::any_of(cut.begin(), cut.end(), [&](const Bead& b) {
    return b.src_begin == off.i && b.tgt_begin == off.j;
  }));
  // A piece over the cell limit is named by where it lies in the document.
  AlignOptions small;
  small.max_cells = 100;
  BOOST_CHECK_EXCEPTION((void)align(scorer, small, guide, cuts), jisr::InputError, [](const jisr::InputError& e) {
    return std::string(e.what()).find("(source sentences 1 to ") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(max_side_is_respected) {
  // One source sentence as long as three target sentences: with max_side 3
  // a 1-3 bead, with max_side 2 never a side of three.
  const std::vector<int> src{20, 90, 20}, tgt{20, 30, 30, 30, 20};
  const Alignment wide = run(src, tgt);
  BOOST_TEST((wide[1] == Bead{1, 2, 1, 4}), show(wide));
  AlignOptions two;
  two.max_side = 2;
  const Alignment narrow = run(src, tgt, two);
  check_cover(narrow, 3, 5, 2);
  AlignOptions one;
  one.max_side = 1;
  check_cover(run(src, tgt, one), 3, 5, 1);
}

BOOST_AUTO_TEST_CASE(a_search_around_a_small_bead_path_finds_the_large_beads_beside_it) {
  // Documents with one-to-five, -six and -seven beads among one-to-one
  // ones, lengths alone to go by. A search with beads of up to four a side
  // gives a path; the search around it with up to seven, the larger ending
  // only beside that path (free_side 4), as the second search of a long
  // document runs.
  Model model = plain_model();
  for (const int k : {4, 5, 6, 7}) {
    model.priors[{1, k}] = 0.005;
    model.priors[{k, 1}] = 0.005;
  }
  const auto path_cost = [](const Alignment& a) {
    double total = 0;
    for (const Bead& b : a) total += b.cost;
    return total;
  };
  std::size_t large = 0, same = 0;
  const unsigned seeds = 20;
  for (unsigned seed = 1; seed <= seeds; ++seed) {
    std::mt19937 rng(seed);
    const auto src = random_lengths(rng, 120);
    std::vector<int> tgt;
    std::uniform_int_distribution<int> pick(0, 9), pieces(5, 7);
    for (const int l : src) {
      if (pick(rng) != 0) {
        tgt.push_back(l);
        continue;
      }
      const int n = pieces(rng);  // one source sentence in n target sentences
      for (int x = 0; x < n; ++x) tgt.push_back(l * (x + 1) / n - l * x / n + 40);
    }
    const auto s = side(src), t = side(tgt);
    const BeadScorer scorer(model, s, t);
    AlignOptions small, around, all;
    small.max_side = 4;
    around.max_side = all.max_side = 7;
    around.band = 10;
    all.band = static_cast<std::uint32_t>(std::max(s.size(), t.size()));
    const Alignment first = align(scorer, small);
    const Alignment refined = align(scorer, around, first, {}, 4);
    const Alignment full = align(scorer, all);
    BOOST_TEST_CONTEXT("seed " << seed) {
      check_cover(refined, static_cast<std::uint32_t>(s.size()), static_cast<std::uint32_t>(t.size()), 7);
      // Never dearer than the path it refines (every small bead may end
      // anywhere in the band), never cheaper than the full search.
      BOOST_TEST(path_cost(refined) <= path_cost(first) + 1e-9);
      BOOST_TEST(path_cost(refined) >= path_cost(full) - 1e-9);
    }
    same += refined == full ? 1 : 0;
    large += static_cast<std::size_t>(std::count_if(refined.begin(), refined.end(), [](const Bead& b) {
      return std::max(b.src_size(), b.tgt_size()) > 4;
    }));
  }
  // The limit is a heuristic: a path that leaves the guide widens the band
  // and lifts it, but where a large bead far from the guide would beat the
  // path beside it, that path stands. With no anchors to hold the path, as
  // here, one document of the twenty comes out so.
  BOOST_TEST(same + 2 >= seeds, same << " of " << seeds << " equal to the full search");
  BOOST_TEST(large >= seeds, large << " beads larger than four a side");
}

BOOST_AUTO_TEST_CASE(max_side_outside_one_to_eight_is_a_usage_error) {
  for (const int bad : {0, 9, -1}) {
    AlignOptions o;
    o.max_side = bad;
    BOOST_TEST_CONTEXT("max_side " << bad) { BOOST_CHECK_THROW((void)run({5}, {5}, o), jisr::UsageError); }
  }
  AlignOptions eight;
  eight.max_side = 8;
  BOOST_CHECK_NO_THROW((void)run({5}, {5}, eight));
}

BOOST_AUTO_TEST_CASE(search_larger_than_max_cells_is_an_input_error) {
  const std::vector<int> lengths(20, 10);
  AlignOptions o;
  o.max_cells = 10;  // 21 rows need at least 21 cells
  try {
    (void)run(lengths, lengths, o);
    BOOST_FAIL("no error above the cell limit");
  } catch (const jisr::InputError& e) {
    BOOST_TEST(std::string(e.what()).find("20 x 20") != std::string::npos, e.what());
  }
  o.max_cells = 21 * 21;  // the whole grid fits
  BOOST_CHECK_NO_THROW((void)run(lengths, lengths, o));
}

BOOST_AUTO_TEST_SUITE_END()
