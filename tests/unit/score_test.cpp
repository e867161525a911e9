// Tests of the bead scorer (jisr/score.hpp): sentence lengths, the
// two-tailed tail cost, length, prior, paragraph and anchor parts of a
// bead's cost, sentence endings and confidence; clause cutting and the
// clause-level evidence inside one-to-many beads; page furniture.
#define BOOST_TEST_MODULE score
#include "align/score.hpp"

#include "evidence/clauses.hpp"
#include "evidence/furniture.hpp"

#include "jisr/error.hpp"
#include "jisr/text.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

using jisr::AnchorKey;
using jisr::AnchorType;
using jisr::BeadScorer;
using jisr::Model;
using jisr::Sentence;

namespace {

// A model with round numbers: c = 1, no per-document ratio, no outliers, no
// ending costs; 2-2 is not allowed.
Model plain_model() {
  Model m;
  m.length.c = 1.0;
  m.length.s2 = 6.8;
  m.length.per_document = false;
  m.length.outlier = 0.0;
  m.priors = {{{1, 1}, 0.89}, {{1, 0}, 0.01}, {{0, 1}, 0.01}, {{2, 1}, 0.045}, {{1, 2}, 0.045}};
  m.paragraph_penalty = 2.0;
  m.ending_cost = {};
  m.anchors.weight = 1.0;
  m.anchors.cap = 5.0;
  m.anchors.p_match = {{AnchorType::number, 0.9}};
  return m;
}

// Sentences of the given lengths (letters, no spaces) in paragraph 0.
std::vector<Sentence> side(const std::vector<int>& lengths, const std::vector<std::uint32_t>& paragraphs = {}) {
  std::vector<Sentence> out;
  for (std::size_t k = 0; k < lengths.size(); ++k)
    out.push_back(Sentence{std::string(static_cast<std::size_t>(lengths[k]), 'x') + ".", {},
                           paragraphs.empty() ? 0 : paragraphs[k]});
  return out;
}

using Keys = std::vector<std::vector<AnchorKey>>;

AnchorKey num(const std::string& value) { return {"num:" + value, AnchorType::number}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(score)

BOOST_AUTO_TEST_CASE(alignment_length_ignores_spaces_and_harakat) {
  BOOST_TEST(jisr::alignment_length("\xD9\x83\xD9\x8E\xD8\xAA\xD9\x8E\xD8\xA8\xD9\x8E") == 3U);  // كَتَبَ
  BOOST_TEST(jisr::alignment_length("\xD9\x83\xD8\xAA\xD8\xA8") == 3U);                          // كتب
  BOOST_TEST(jisr::alignment_length("a b\tc\n d") == 4U);
  BOOST_TEST(jisr::alignment_length("a\xC2\xA0" "b") == 2U);  // no-break space
  BOOST_TEST(jisr::alignment_length("Done.") == 5U);          // punctuation counts
  BOOST_TEST(jisr::alignment_length("") == 0U);
  // Beyond the code points whose answers are cached: a right-to-left mark
  // (format) and an ideographic space do not count, a CJK letter does.
  BOOST_TEST(jisr::alignment_length("a\xE2\x80\x8F" "b\xE3\x80\x80\xE4\xB8\xAD") == 3U);
}

BOOST_AUTO_TEST_CASE(alignment_length_can_leave_out_bracketed_text) {
  BOOST_TEST(jisr::alignment_length("We will return [to punishment].", true) == 13U);
  BOOST_TEST(jisr::alignment_length("We will return [to punishment].") == 27U);
  // Two insertions; a '[' with no ']' after it counts like any character.
  BOOST_TEST(jisr::alignment_length("[Then] he said [it].", true) == 7U);
  BOOST_TEST(jisr::alignment_length("a [b] c [d", true) == 4U);
  BOOST_TEST(jisr::alignment_length("a ] b [", true) == 4U);
}

BOOST_AUTO_TEST_CASE(brackets_on_one_side_only_are_the_translators_insertions) {
  const std::vector<Sentence> plain = {Sentence{"He said it.", {}, 0}, Sentence{"Then he left.", {}, 0}};
  const std::vector<Sentence> bracketed = {Sentence{"He said [it].", {}, 0}, Sentence{"Then he left.", {}, 0}};
  const std::vector<Sentence> open_only = {Sentence{"He said [it.", {}, 0}};
  BOOST_TEST(jisr::translator_insertions(plain, bracketed).tgt);
  BOOST_TEST(!jisr::translator_insertions(plain, bracketed).src);
  BOOST_TEST(jisr::translator_insertions(bracketed, plain).src);
  // Both sides bracket: the brackets are the text's own.
  BOOST_TEST(!jisr::translator_insertions(bracketed, bracketed).src);
  BOOST_TEST(!jisr::translator_insertions(bracketed, bracketed).tgt);
  BOOST_TEST(!jisr::translator_insertions(plain, open_only).tgt);
}

BOOST_AUTO_TEST_CASE(a_one_sided_insertion_does_not_count_in_a_beads_length) {
  Model m = plain_model();
  const std::vector<Sentence> src = {Sentence{std::string(20, 'x') + ".", {}, 0}};
  const std::vector<Sentence> inserted = {
      Sentence{std::string(20, 'y') + " [" + std::string(30, 'z') + "].", {}, 0}};
  const std::vector<Sentence> without = {Sentence{std::string(20, 'y') + ".", {}, 0}};
  // The target's bracketed text is left out: the bead costs what it would
  // without it, and a 1-1 bead is far cheaper than the two null beads.
  const BeadScorer one_sided(m, src, inserted);
  const BeadScorer reference(m, src, without);
  BOOST_TEST(one_sided.cost(0, 1, 0, 1) == reference.cost(0, 1, 0, 1), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(one_sided.cost(0, 1, 0, 1) < one_sided.cost(0, 1, 0, 0) + one_sided.cost(1, 0, 0, 1));
  // With brackets on both sides they count.
  const std::vector<Sentence> src_bracketed = {Sentence{std::string(20, 'x') + " [a].", {}, 0}};
  const BeadScorer both(m, src_bracketed, inserted);
  BOOST_TEST(both.cost(0, 1, 0, 1) > reference.cost(0, 1, 0, 1) + 1.0);
}

BOOST_AUTO_TEST_CASE(alignment_length_of_each_code_point_follows_icu) {
  // Every code point of the Basic Multilingual Plane (no surrogates), alone:
  // 1 unless ICU calls it a non-spacing or enclosing mark, a format
  // character or white space.
  std::size_t wrong = 0;
  for (UChar32 c = 0; c <= 0xFFFF; ++c) {
    if (U_IS_SURROGATE(c)) continue;
    char buffer[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buffer), n, 4, c, error);
    BOOST_REQUIRE(!error);
    const int8_t type = u_charType(c);
    const bool counted = type != U_NON_SPACING_MARK && type != U_ENCLOSING_MARK && type != U_FORMAT_CHAR &&
                         !u_isUWhiteSpace(c);
    if (jisr::alignment_length(std::string_view(buffer, static_cast<std::size_t>(n))) != (counted ? 1U : 0U))
      ++wrong;
  }
  BOOST_TEST(wrong == 0U);
}

BOOST_AUTO_TEST_CASE(neg_log_two_tailed_matches_erfc_for_small_x) {
  for (const double x : {0.0, 0.1, -0.5, 1.0, 1.96, -3.0, 5.0, 10.0}) {
    const double expected = -std::log(std::erfc(std::abs(x) / std::numbers::sqrt2));
    BOOST_TEST_CONTEXT("x = " << x) {
      BOOST_TEST(jisr::neg_log_two_tailed(x) == expected, boost::test_tools::tolerance(1e-12));
    }
  }
  BOOST_TEST(jisr::neg_log_two_tailed(0.0) == 0.0);
  // 1.96 is the 5% two-tailed point.
  BOOST_TEST(jisr::neg_log_two_tailed(1.96) == -std::log(0.05), boost::test_tools::tolerance(1e-3));
}

BOOST_AUTO_TEST_CASE(neg_log_two_tailed_stays_finite_and_increasing_up_to_100) {
  double previous = -1.0;
  for (double x = 0.0; x <= 100.0; x += 0.25) {
    const double v = jisr::neg_log_two_tailed(x);
    BOOST_TEST_CONTEXT("x = " << x) {
      BOOST_TEST(std::isfinite(v));
      BOOST_TEST(v > previous);
    }
    previous = v;
  }
  // Where erfc underflows in double, long double still holds it: compare.
  for (const double x : {36.0, 40.0, 60.0, 100.0}) {
    const long double z = static_cast<long double>(x) / std::sqrt(2.0L);
    const auto expected = static_cast<double>(-std::log(std::erfc(z)));
    BOOST_TEST_CONTEXT("x = " << x) {
      BOOST_TEST(jisr::neg_log_two_tailed(x) == expected, boost::test_tools::tolerance(1e-6));
    }
  }
}

BOOST_AUTO_TEST_CASE(proportional_one_to_one_costs_less_than_mismatched) {
  const auto src = side({20, 20});
  const auto tgt = side({20, 45});
  const BeadScorer s(plain_model(), src, tgt);
  // Equal lengths with c = 1: delta is 0, so only the prior remains.
  BOOST_TEST(s.cost(0, 1, 0, 1) == -std::log(0.89), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(s.cost(0, 1, 1, 1) > s.cost(0, 1, 0, 1) + 2.0);
  // 21 against 46 characters: delta = (l2 - c·l1) / sqrt(s²·(l1 + l2/c)/2),
  // the scale in which `jisr train` measures s² (train.hpp).
  const double delta = (46.0 - 21.0) / std::sqrt(6.8 * (21.0 + 46.0) / 2.0);
  BOOST_TEST(s.cost(0, 1, 1, 1) == -std::log(0.89) + jisr::neg_log_two_tailed(delta),
             boost::test_tools::tolerance(1e-9));
  BOOST_TEST(s.src_length(0) == 21U);  // 20 letters and a full stop
  BOOST_TEST(s.tgt_length(1) == 46U);
}

BOOST_AUTO_TEST_CASE(cost_grows_with_the_length_mismatch) {
  const auto src = side({30});
  const auto tgt = side({30, 33, 40, 60, 120});
  const BeadScorer s(plain_model(), src, tgt);
  for (std::uint32_t j = 1; j < 5; ++j) BOOST_TEST(s.cost(0, 1, j, 1) > s.cost(0, 1, j - 1, 1));
}

BOOST_AUTO_TEST_CASE(paragraph_penalty_applies_to_a_bead_spanning_a_break) {
  const auto tgt = side({40});
  const auto same = side({20, 19}, {0, 0});
  const auto split = side({20, 19}, {0, 1});
  const Model m = plain_model();
  const BeadScorer within(m, same, tgt), across(m, split, tgt);
  BOOST_TEST(across.cost(0, 2, 0, 1) - within.cost(0, 2, 0, 1) == m.paragraph_penalty,
             boost::test_tools::tolerance(1e-9));
  // Single sentences span no break.
  BOOST_TEST(across.cost(1, 1, 0, 1) == within.cost(1, 1, 0, 1));
  // The same on the target side (a 1-2 bead).
  const BeadScorer tgt_across(m, tgt, split), tgt_within(m, tgt, same);
  BOOST_TEST(tgt_across.cost(0, 1, 0, 2) - tgt_within.cost(0, 1, 0, 2) == m.paragraph_penalty,
             boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(bead_type_missing_from_priors_costs_infinity) {
  const auto src = side({10, 10});
  const auto tgt = side({10, 10});
  const BeadScorer s(plain_model(), src, tgt);
  BOOST_TEST(s.cost(0, 2, 0, 2) == std::numeric_limits<double>::infinity());
  BOOST_TEST(std::isfinite(s.cost(0, 2, 0, 1)));
  const auto types = s.bead_types(2);
  BOOST_TEST(types.size() == 5U);
  BOOST_TEST((std::find(types.begin(), types.end(), jisr::BeadType{2, 2}) == types.end()));
  BOOST_TEST(s.bead_types(1).size() == 3U);  // 1-1, 1-0, 0-1
}

BOOST_AUTO_TEST_CASE(shared_rare_anchor_lowers_the_cost_by_the_stated_bonus) {
  const auto src = side({20, 20, 20, 20});
  const auto tgt = side({20, 20, 20, 20});
  const Keys src_keys{{num("1999")}, {}, {}, {}};
  const Keys tgt_keys{{num("1999")}, {}, {}, {}};
  const Model m = plain_model();
  const jisr::DocumentAnchors interned = jisr::intern_anchors(src_keys, tgt_keys);
  const BeadScorer with(m, src, tgt, &interned), without(m, src, tgt);
  // One sentence of four on each side holds the key: bonus = log p + log(N/df).
  const double bonus = std::log(0.9) + std::log(4.0 / 1.0);
  BOOST_TEST(with.anchor_cost(0, 1, 0, 1) == -bonus, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(with.cost(0, 1, 0, 1) == without.cost(0, 1, 0, 1) - bonus, boost::test_tools::tolerance(1e-9));
}

// Every bead of `types` that fits in the first n x m sentences, each against
// a random limit: cost_below must give the full cost when it is below the
// limit and may give +inf only when it is not. Counts both outcomes, and the
// beads whose cost differs from `plain`'s (when given).
namespace {

struct BelowCounts {
  int below = 0, cut = 0, differ = 0;
};
BelowCounts check_cost_below(const BeadScorer& s, const std::map<jisr::BeadType, double>& types, std::size_t n,
                             std::size_t m, std::mt19937& rng, const BeadScorer* plain = nullptr) {
  std::uniform_real_distribution<double> limit(-5.0, 40.0);
  BelowCounts counts;
  for (std::uint32_t i = 0; i + 4 <= n; ++i) {
    for (std::uint32_t j = 0; j + 4 <= m; ++j) {
      for (const auto& [type, p] : types) {
        const double full = s.cost(i, type.src, j, type.tgt);
        if (plain != nullptr && full != plain->cost(i, type.src, j, type.tgt)) ++counts.differ;
        const double l = limit(rng);
        const double got = s.cost_below(i, type.src, j, type.tgt, l);
        BOOST_TEST_CONTEXT("bead " << i << "+" << type.src << " x " << j << "+" << type.tgt << ", limit " << l) {
          if (std::isinf(got)) {
            BOOST_TEST(full >= l);
            ++counts.cut;
          } else {
            BOOST_TEST(got == full);
            ++counts.below;
          }
        }
      }
    }
  }
  return counts;
}

// A random document pair: sentences of 3 to 80 units, each holding up to
// `max_keys` number keys from a pool of `pool_size + 1`, so that beads share
// some, repeat some and miss some; priors for beads up to three a side.
struct RandomPair {
  std::vector<Sentence> src, tgt;
  jisr::DocumentAnchors anchors;
  Model model;
};

RandomPair random_pair(std::mt19937& rng, std::size_t n_src, std::size_t n_tgt, int max_keys, int pool_size) {
  std::uniform_int_distribution<int> len(3, 80), keys(0, max_keys), pool(0, pool_size);
  std::vector<int> src_len(n_src), tgt_len(n_tgt);
  for (int& x : src_len) x = len(rng);
  for (int& x : tgt_len) x = len(rng);
  Keys src_keys(n_src), tgt_keys(n_tgt);
  for (auto* side_keys : {&src_keys, &tgt_keys})
    for (auto& k : *side_keys)
      for (int x = keys(rng); x > 0; --x) k.push_back(num(std::to_string(pool(rng))));
  RandomPair d{side(src_len), side(tgt_len), jisr::intern_anchors(src_keys, tgt_keys), plain_model()};
  d.model.priors = {{{1, 1}, 0.8}, {{1, 0}, 0.02}, {{0, 1}, 0.02}, {{1, 2}, 0.05}, {{2, 1}, 0.05},
                    {{2, 2}, 0.02}, {{1, 3}, 0.02}, {{3, 1}, 0.02}};
  return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(cost_below_is_the_cost_or_infinity_when_not_below_the_limit) {
  // Random sides with keys drawn from a small pool, so that beads share
  // some, repeat some and miss some.
  std::mt19937 rng(11);
  const RandomPair d = random_pair(rng, 40, 45, 4, 9);
  const BeadScorer s(d.model, d.src, d.tgt, &d.anchors);
  const BelowCounts counts = check_cost_below(s, d.model.priors, d.src.size(), d.tgt.size(), rng);
  // Both outcomes occur, or the test says nothing.
  BOOST_TEST(counts.below > 100);
  BOOST_TEST(counts.cut > 100);
}

BOOST_AUTO_TEST_CASE(cost_floors_bound_every_cost_and_equal_it_for_null_beads) {
  // The search skips a bead whose floor reaches its limit, so a floor above
  // the bead's cost would change alignments. Keys from a small pool, so that
  // beads share some, repeat some (the pair sums overcount) and miss some.
  std::mt19937 rng(5);
  const RandomPair d = random_pair(rng, 30, 34, 5, 7);
  const Model& m = d.model;
  const BeadScorer s(m, d.src, d.tgt, &d.anchors);
  const auto n = static_cast<std::uint32_t>(d.src.size()), n_tgt = static_cast<std::uint32_t>(d.tgt.size());
  int tight = 0, null_beads = 0;
  for (const auto& [type, p] : m.priors) {
    const auto a = static_cast<std::uint32_t>(type.src), b = static_cast<std::uint32_t>(type.tgt);
    for (std::uint32_t i = 0; i + a <= n; ++i) {
      const std::uint32_t count = n_tgt - b + 1;
      std::vector<double> bounds(count), floors(count);
      for (std::uint32_t j = 0; j < count; ++j) {
        double sum = a == 0 || b == 0 ? std::numeric_limits<double>::infinity() : 0.0;
        for (std::uint32_t x = 0; x < a && b > 0; ++x)
          for (std::uint32_t y = 0; y < b; ++y) sum += s.pair_gain(i + x, j + y);
        bounds[j] = sum;
      }
      s.cost_floors(i, type.src, 0, type.tgt, bounds, floors);
      for (std::uint32_t j = 0; j < count; ++j) {
        const double cost = s.cost(i, type.src, j, type.tgt);
        BOOST_TEST_CONTEXT("bead " << i << "+" << a << " x " << j << "+" << b) {
          BOOST_TEST(floors[j] <= cost + 1e-12);
          if (a == 0 || b == 0) {
            BOOST_TEST(floors[j] == cost, boost::test_tools::tolerance(1e-12));
            ++null_beads;
          } else if (floors[j] > cost - 0.5) {
            ++tight;
          }
        }
      }
    }
  }
  BOOST_TEST(null_beads > 50);
  BOOST_TEST(tight > 50);  // the floors are not trivially low
}

BOOST_AUTO_TEST_CASE(anchor_bonus_is_capped) {
  const auto src = side(std::vector<int>(200, 20));
  const auto tgt = side(std::vector<int>(200, 20));
  Keys src_keys(200), tgt_keys(200);
  src_keys[7] = {num("42")};
  tgt_keys[7] = {num("42")};
  Model m = plain_model();
  m.anchors.cap = 2.0;
  m.anchors.weight = 0.5;
  const jisr::DocumentAnchors interned = jisr::intern_anchors(src_keys, tgt_keys);
  const BeadScorer s(m, src, tgt, &interned);
  // log 0.9 + log 200 = 5.2 > cap: the bonus is cap x weight.
  BOOST_TEST(s.anchor_cost(7, 1, 7, 1) == -1.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(key_on_one_side_of_a_bead_raises_the_cost) {
  const auto src = side({20, 20, 20, 20});
  const auto tgt = side({20, 20, 20, 20});
  const Keys src_keys{{num("1999")}, {}, {}, {}};
  const Keys tgt_keys{{num("1999")}, {}, {}, {}};
  const jisr::DocumentAnchors interned = jisr::intern_anchors(src_keys, tgt_keys);
  const BeadScorer s(plain_model(), src, tgt, &interned);
  // penalty = -log((1 - p) / (1 - df/N)) = log(0.75 / 0.1).
  BOOST_TEST(s.anchor_cost(0, 1, 1, 1) == std::log(0.75 / 0.1), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(s.anchor_cost(1, 1, 0, 1) == std::log(0.75 / 0.1), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(s.anchor_cost(1, 1, 1, 1) == 0.0);
}

BOOST_AUTO_TEST_CASE(keys_on_one_side_of_the_document_change_nothing) {
  const auto src = side({20, 25, 30});
  const auto tgt = side({21, 24, 33});
  // "num:7" only in the source document, "num:8" only in the target.
  const Keys src_keys{{num("7")}, {num("7")}, {}};
  const Keys tgt_keys{{}, {num("8")}, {num("8")}};
  const Model m = plain_model();
  const jisr::DocumentAnchors interned = jisr::intern_anchors(src_keys, tgt_keys);
  const BeadScorer with(m, src, tgt, &interned), without(m, src, tgt);
  for (std::uint32_t i = 0; i < 3; ++i)
    for (std::uint32_t j = 0; j < 3; ++j) {
      BOOST_TEST(with.anchor_cost(i, 1, j, 1) == 0.0);
      BOOST_TEST(with.cost(i, 1, j, 1) == without.cost(i, 1, j, 1));
    }
  BOOST_TEST(with.cost(0, 2, 1, 2) == without.cost(0, 2, 1, 2));
}

BOOST_AUTO_TEST_CASE(anchor_type_without_p_match_is_ignored) {
  const auto src = side({20, 20});
  const auto tgt = side({20, 20});
  const Keys src_keys{{{"url:x.org", AnchorType::url}}, {}};
  const Keys tgt_keys{{{"url:x.org", AnchorType::url}}, {}};
  const jisr::DocumentAnchors interned = jisr::intern_anchors(src_keys, tgt_keys);
  const BeadScorer s(plain_model(), src, tgt, &interned);  // p_match has numbers only
  BOOST_TEST(s.anchor_cost(0, 1, 0, 1) == 0.0);
}

BOOST_AUTO_TEST_CASE(ends_with_terminal_sees_through_closing_quotes) {
  BOOST_TEST(jisr::ends_with_terminal("Done."));
  BOOST_TEST(jisr::ends_with_terminal("Done.\xE2\x80\x9D"));  // Done.”
  BOOST_TEST(jisr::ends_with_terminal("He said \"Stop!\" "));
  BOOST_TEST(jisr::ends_with_terminal("(Really?)"));
  BOOST_TEST(!jisr::ends_with_terminal("Headline"));
  BOOST_TEST(!jisr::ends_with_terminal("Monday, 3 March 2025 10:15"));
  BOOST_TEST(!jisr::ends_with_terminal(""));
  // هل أنت هنا؟ ends in the Arabic question mark U+061F.
  BOOST_TEST(jisr::ends_with_terminal("\xD9\x87\xD9\x84 \xD8\xA3\xD9\x86\xD8\xAA \xD9\x87\xD9\x86\xD8\xA7\xD8\x9F"));
}

BOOST_AUTO_TEST_CASE(a_sentence_whose_numbers_and_dates_miss_its_bead_costs_stray_cost) {
  // One source sentence against two: the second target sentence's number
  // and month are found elsewhere in the document but not in this bead.
  const auto src = side({60, 60});
  const auto tgt = side({30, 30, 60});
  const Keys src_keys{{num("7")}, {num("12"), {"month:12", AnchorType::month}}};
  const Keys tgt_keys{{num("7")}, {num("12"), {"month:12", AnchorType::month}}, {}};
  const jisr::DocumentAnchors interned = jisr::intern_anchors(src_keys, tgt_keys);
  Model m = plain_model();
  m.anchors.p_match[AnchorType::month] = 0.95;
  m.anchors.p_match[AnchorType::word] = 0.6;
  const BeadScorer off(m, src, tgt, &interned);
  m.anchors.stray_cost = 3.0;
  const BeadScorer on(m, src, tgt, &interned);
  BOOST_TEST(on.cost(0, 1, 0, 2) == off.cost(0, 1, 0, 2) + 3.0, boost::test_tools::tolerance(1e-9));
  // Where each sentence of the many side matches, nothing is added.
  BOOST_TEST(on.cost(0, 2, 0, 2) == off.cost(0, 2, 0, 2), boost::test_tools::tolerance(1e-9));
  // Nor to a one-to-one bead, nor to the null bead of the stray sentence.
  BOOST_TEST(on.cost(0, 1, 1, 1) == off.cost(0, 1, 1, 1), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(on.cost(1, 0, 1, 1) == off.cost(1, 0, 1, 1), boost::test_tools::tolerance(1e-9));
  // A word matched does not make up for the missing number and month.
  const Keys with_word_src{{num("7"), {"w:council", AnchorType::word}}, {num("12"), {"month:12", AnchorType::month}}};
  const Keys with_word_tgt{{num("7")}, {num("12"), {"month:12", AnchorType::month}, {"w:council", AnchorType::word}}, {}};
  const jisr::DocumentAnchors worded = jisr::intern_anchors(with_word_src, with_word_tgt);
  const BeadScorer words_on(m, src, tgt, &worded);
  m.anchors.stray_cost = 0.0;
  const BeadScorer words_off(m, src, tgt, &worded);
  BOOST_TEST(words_on.cost(0, 1, 0, 2) == words_off.cost(0, 1, 0, 2) + 3.0, boost::test_tools::tolerance(1e-9));
  // The evidence puts it among the other parts.
  BOOST_TEST(on.evidence(0, 1, 0, 2).other == off.evidence(0, 1, 0, 2).other + 3.0,
             boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(a_line_ending_in_a_mark_that_runs_on_is_not_open) {
  const std::vector<std::string> marks{",", "\xD8\x8C"};  // , and ،
  BOOST_TEST(jisr::ends_open("Headline", marks));
  BOOST_TEST(!jisr::ends_open("Done.", marks));
  BOOST_TEST(!jisr::ends_open("Mercy to the martyrs,", marks));
  BOOST_TEST(!jisr::ends_open("Mercy to the martyrs,\" ", marks));  // through a closing quote
  // المجد للشهداء، (the Arabic comma)
  BOOST_TEST(!jisr::ends_open("\xD8\xA7\xD9\x84\xD9\x85\xD8\xAC\xD8\xAF\xD8\x8C", marks));
  // Without marks, every line without final punctuation is open.
  BOOST_TEST(jisr::ends_open("Mercy to the martyrs,", {}));
}

BOOST_AUTO_TEST_CASE(the_line_after_one_that_runs_on_ends_its_sentence_and_is_not_open) {
  const std::vector<std::string> marks{","};
  const std::vector<Sentence> side{{"Weekly report", {}, 0},          // a heading
                                   {"Freedom for the detainees,", {}, 0},
                                   {"and justice for the victims", {}, 0},  // the slogan's last line
                                   {"Media Office", {}, 0},           // open again
                                   {"It ended.", {}, 0}};
  BOOST_TEST(jisr::open_lines(side, marks) == (std::vector<bool>{true, false, false, true, false}),
             boost::test_tools::per_element());
  // Without marks nothing runs on: every line without final punctuation is open.
  BOOST_TEST(jisr::open_lines(side, {}) == (std::vector<bool>{true, true, true, true, false}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_slogan_broken_after_its_comma_merges_where_its_lines_run_on) {
  // Two lines of a slogan against one sentence: with the comma marked as
  // running on, the first line is not an open heading that a many bead
  // pays for.
  jisr::Model m = plain_model();
  m.ending_cost = {{{0.9, -1.9}, {0.0, 0.0}, {-0.1, 2.8}}};
  const std::vector<Sentence> src{{"Glory to the martyrs,", {}, 0}, {"and freedom for all.", {}, 0}};
  const std::vector<Sentence> tgt{{"Glory to the martyrs and freedom for all.", {}, 0}};
  const BeadScorer open(m, src, tgt);
  m.runs_on = {","};
  const BeadScorer runs_on(m, src, tgt);
  BOOST_TEST(runs_on.cost(0, 2, 0, 1) < open.cost(0, 2, 0, 1) - 2.0);
}

BOOST_AUTO_TEST_CASE(a_list_s_items_do_not_make_a_side_unpunctuated) {
  // Two header lines, a list of four items after its lead-in, and two
  // sentences: seven lines of nine stand open, but four of them are a
  // list's items, so the endings still price the header line's null bead.
  const std::vector<Sentence> listed{{"Press release", {}, 0},     {"Media Office", {}, 0},
                                     {"The convoy carried:", {}, 1}, {"600 boxes of supplies", {}, 2},
                                     {"1,800 dialysis kits", {}, 3}, {"12 monitors", {}, 4},
                                     {"40 generators", {}, 5},       {"It arrived on Monday.", {}, 6},
                                     {"More will follow.", {}, 7}};
  std::vector<Sentence> unlisted = listed;
  unlisted[2].text = "The convoy carried supplies";  // no lead-in: the items are open lines like any
  const std::vector<Sentence> tgt{{"Another side.", {}, 0}};
  jisr::Model with = plain_model();
  with.ending_cost = {{{0.9, -1.9}, {0.0, 0.0}, {-0.1, 2.8}}};
  jisr::Model without = plain_model();
  without.ending_cost = {};
  auto ending_part = [&](const std::vector<Sentence>& src) {
    return BeadScorer(with, src, tgt).cost(0, 1, 0, 0) - BeadScorer(without, src, tgt).cost(0, 1, 0, 0);
  };
  BOOST_TEST(ending_part(listed) == -1.9, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(ending_part(unlisted) == 0.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(confidence_lies_in_unit_interval_and_prefers_proportional_beads) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> len(1, 150);
  std::vector<int> a(12), b(15);
  for (int& x : a) x = len(rng);
  for (int& x : b) x = len(rng);
  const auto src = side(a);
  const auto tgt = side(b);
  const Keys src_keys{{num("1")}, {num("2")}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  const Keys tgt_keys{{num("2")}, {}, {num("1")}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  const jisr::DocumentAnchors interned = jisr::intern_anchors(src_keys, tgt_keys);
  const BeadScorer s(plain_model(), src, tgt, &interned);
  for (std::uint32_t i = 0; i < 12; ++i)
    for (std::uint32_t j = 0; j < 15; ++j)
      for (int x = 1; x <= 2 && i + x <= 12; ++x)
        for (int y = 1; y <= 2 && j + y <= 15; ++y) {
          const double c = s.confidence(i, x, j, y);
          BOOST_TEST((c >= 0.0 && c <= 1.0), "bead " << i << "+" << x << " " << j << "+" << y << ": " << c);
        }
  BOOST_TEST(s.confidence(0, 1, 0, 0) == 0.0);
  BOOST_TEST(s.confidence(0, 0, 0, 1) == 0.0);
  const BeadScorer even(plain_model(), side({30, 30}), side({30, 90}));
  BOOST_TEST(even.confidence(0, 1, 0, 1) > 0.9);
  BOOST_TEST(even.confidence(0, 1, 1, 1) < even.confidence(0, 1, 0, 1));
}

BOOST_AUTO_TEST_CASE(document_length_ratio_shrinks_towards_the_model) {
  jisr::LengthStats stats;
  stats.c = 1.0;
  stats.per_document = false;
  BOOST_TEST(jisr::document_length_ratio(stats, 100, 300) == 1.0);
  stats.per_document = true;
  // The pair's own ratio is 3; a short pair is pulled towards the model's 1.
  const double short_pair = jisr::document_length_ratio(stats, 100, 300);
  BOOST_TEST(short_pair > 1.0);
  BOOST_TEST(short_pair < 3.0);
  BOOST_TEST(jisr::document_length_ratio(stats, 100000, 300000) > 2.99);
  BOOST_TEST(jisr::document_length_ratio(stats, 0, 300) == 1.0);
}

BOOST_AUTO_TEST_CASE(cut_clauses_cuts_at_joints_and_openers_and_keeps_short_pieces_together) {
  jisr::ClauseRules rules;
  rules.joints = {"\xD8\x8C"};  // ،
  rules.openers = {"\xD8\xAB\xD9\x85"};  // ثم
  rules.min_length = 4;
  // "aaaaa bbbbb، ccccc ddddd ثم eeeee fffff": three clauses.
  const std::string s = "aaaaa bbbbb\xD8\x8C ccccc ddddd \xD8\xAB\xD9\x85 eeeee fffff";
  const auto spans = jisr::cut_clauses(s, rules);
  BOOST_TEST_REQUIRE(spans.size() == 3U);
  BOOST_TEST(s.substr(spans[0].first, spans[0].second - spans[0].first) == "aaaaa bbbbb\xD8\x8C ");
  BOOST_TEST(s.substr(spans[1].first, spans[1].second - spans[1].first) == "ccccc ddddd ");
  BOOST_TEST(s.substr(spans[2].first) == "\xD8\xAB\xD9\x85 eeeee fffff");
  BOOST_TEST(spans.back().second == s.size());
  // An opener with harakat still opens a clause; a clause under min_length
  // joins its neighbour.
  const auto marked = jisr::cut_clauses("aaaaa bbbbb \xD8\xAB\xD9\x8F\xD9\x85\xD9\x91 eeeee", rules);
  BOOST_TEST(marked.size() == 2U);
  rules.min_length = 20;
  BOOST_TEST(jisr::cut_clauses(s, rules).size() == 1U);
  BOOST_TEST(jisr::cut_clauses("", rules).size() == 1U);
}

BOOST_AUTO_TEST_CASE(clause_evidence_prefers_the_order_the_clauses_are_in) {
  // One source sentence of two clauses (30 and 10 letters, keys 111 then
  // 222) against two target sentences. Matched in order (30 letters with
  // 111, 10 with 222) the bead costs less than with the targets swapped,
  // although as bags of keys and in total length both are the same bead.
  Model m = plain_model();
  m.clauses.length_weight = 1.0;
  m.clauses.anchor_weight = 1.0;
  m.clauses.rules["ar"] = {};
  const auto src = side({40, 40});
  const auto in_order = side({30, 10, 40});
  const auto swapped = side({10, 30, 40});
  const Keys src_keys{{num("111"), num("222")}, {num("333")}};
  auto clauses = [] {
    jisr::DocumentClauses c;
    c.src.begin = {0, 2, 2};
    c.src.key_end = {1, 2};
    c.src.length = {30, 11};
    c.tgt.begin = {0, 0, 0, 0};
    return c;
  };
  const jisr::DocumentClauses dc = clauses();
  const jisr::DocumentAnchors a1 = jisr::intern_anchors(src_keys, {{num("111")}, {num("222")}, {num("333")}});
  const jisr::DocumentAnchors a2 = jisr::intern_anchors(src_keys, {{num("222")}, {num("111")}, {num("333")}});
  const BeadScorer right(m, src, in_order, &a1, &dc), wrong(m, src, swapped, &a2, &dc);
  BOOST_TEST(right.anchor_cost(0, 1, 0, 2) == wrong.anchor_cost(0, 1, 0, 2), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(right.cost(0, 1, 0, 2) + 1.0 < wrong.cost(0, 1, 0, 2));
  // Without clause weights the two are the same bead.
  m.clauses = {};
  const BeadScorer right0(m, src, in_order, &a1, &dc), wrong0(m, src, swapped, &a2, &dc);
  BOOST_TEST(right0.cost(0, 1, 0, 2) == wrong0.cost(0, 1, 0, 2), boost::test_tools::tolerance(1e-12));
  // One-to-one beads never pay the clause term.
  BOOST_TEST(right.cost(1, 1, 2, 1) == right0.cost(1, 1, 2, 1), boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(cost_below_with_clauses_is_the_cost_or_infinity) {
  // As above, with clauses on both sides: the clause term stops once it
  // cannot stay under the limit, and prices most runs by the length table
  // first; what it returns below the limit must be the exact cost, bit for bit.
  std::mt19937 rng(23);
  std::uniform_int_distribution<int> len(3, 120), keys(0, 6), pool(0, 12), pieces(1, 5);
  std::vector<int> src_len(30), tgt_len(36);
  for (int& x : src_len) x = len(rng);
  for (int& x : tgt_len) x = len(rng);
  Keys src_keys(src_len.size()), tgt_keys(tgt_len.size());
  for (auto* side_keys : {&src_keys, &tgt_keys})
    for (auto& k : *side_keys)
      for (int x = keys(rng); x > 0; --x) k.push_back(num(std::to_string(pool(rng))));
  auto cut = [&](const Keys& side_keys, const std::vector<int>& lengths, jisr::SideClauses& out) {
    out.begin = {0};
    for (std::size_t k = 0; k < side_keys.size(); ++k) {
      const int n = pieces(rng);
      const auto n_keys = static_cast<std::uint32_t>(side_keys[k].size());
      for (int x = 1; x <= n; ++x) {
        out.key_end.push_back(x == n ? n_keys : std::min<std::uint32_t>(n_keys, static_cast<std::uint32_t>(x) * n_keys / static_cast<std::uint32_t>(n)));
        out.length.push_back(static_cast<std::uint32_t>(std::max(1, lengths[k] / n)));
      }
      out.begin.push_back(static_cast<std::uint32_t>(out.key_end.size()));
    }
  };
  jisr::DocumentClauses dc;
  cut(src_keys, src_len, dc.src);
  cut(tgt_keys, tgt_len, dc.tgt);
  const auto src = side(src_len), tgt = side(tgt_len);
  const jisr::DocumentAnchors interned = jisr::intern_anchors(src_keys, tgt_keys);
  for (const auto [anchor_weight, split_weight] : {std::pair{0.0, 0.0}, {0.5, 0.0}, {0.0, 1.5}, {0.5, 1.5}}) {
    Model m = plain_model();
    m.priors = {{{1, 1}, 0.8}, {{1, 0}, 0.02}, {{0, 1}, 0.02}, {{1, 2}, 0.05}, {{2, 1}, 0.05},
                {{1, 3}, 0.02}, {{3, 1}, 0.02}, {{1, 4}, 0.01}, {{4, 1}, 0.01}};
    m.clauses.length_weight = 0.5;
    m.clauses.anchor_weight = anchor_weight;
    m.clauses.split_weight = split_weight;
    m.clauses.rules["ar"] = {};
    const BeadScorer s(m, src, tgt, &interned, &dc);
    Model off = m;
    off.clauses = {};
    const BeadScorer plain(off, src, tgt, &interned);
    BOOST_TEST_CONTEXT("clause anchor weight " << anchor_weight << ", split weight " << split_weight) {
      const BelowCounts counts = check_cost_below(s, m.priors, src_len.size(), tgt_len.size(), rng, &plain);
      BOOST_TEST(counts.below > 100);
      BOOST_TEST(counts.cut > 100);
      BOOST_TEST(counts.differ > 100);  // the clause term is in play
      // The search skips a bead whose floor reaches its limit: with the
      // split evidence, which can take cost off, the floors must still be
      // below every cost.
      int earned = 0;
      for (const auto& [type, p] : m.priors) {
        const auto a = static_cast<std::uint32_t>(type.src), b = static_cast<std::uint32_t>(type.tgt);
        for (std::uint32_t i = 0; i + a <= src_len.size(); ++i) {
          const auto count = static_cast<std::uint32_t>(tgt_len.size()) - b + 1;
          std::vector<double> bounds(count, std::numeric_limits<double>::infinity()), floors(count);
          s.cost_floors(i, type.src, 0, type.tgt, bounds, floors);
          for (std::uint32_t j = 0; j < count; ++j) {
            BOOST_TEST_CONTEXT("bead " << i << "+" << a << " x " << j << "+" << b) {
              BOOST_TEST(floors[j] <= s.cost(i, type.src, j, type.tgt) + 1e-12);
            }
            if (a > 0 && b > 0 && s.evidence(i, type.src, j, type.tgt).split < 0) ++earned;
          }
        }
      }
      if (split_weight > 0)
        BOOST_TEST(earned > 20);
      else
        BOOST_TEST(earned == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(split_evidence_rewards_sentences_that_match_their_own_clauses) {
  // One source sentence of two clauses (keys 111, then 222) against two
  // target sentences. Each target matching its own clause, the bead earns
  // the smaller lead (a number key's whole gain) times the split weight.
  // One target taking every match while the other matches nothing earns
  // nothing: one sentence alone says nothing of where the bead is cut.
  Model m = plain_model();
  m.clauses.length_weight = 1.0;
  m.clauses.rules["ar"] = {};
  const auto src = side({40, 40});
  const auto tgt = side({30, 10, 40});
  jisr::DocumentClauses dc;
  dc.src.begin = {0, 2, 2};
  dc.src.key_end = {1, 2};
  dc.src.length = {30, 11};
  dc.tgt.begin = {0, 0, 0, 0};
  const Keys src_keys{{num("111"), num("222")}, {num("333")}};
  const jisr::DocumentAnchors own = jisr::intern_anchors(src_keys, {{num("111")}, {num("222")}, {num("333")}});
  const jisr::DocumentAnchors lone = jisr::intern_anchors(src_keys, {{num("111"), num("222")}, {}, {num("333")}});
  auto costs = [&](const jisr::DocumentAnchors& a, double split_weight) {
    Model w = m;
    w.clauses.split_weight = split_weight;
    const BeadScorer s(w, src, tgt, &a, &dc);
    return std::pair{s.cost(0, 1, 0, 2), s.evidence(0, 1, 0, 2)};
  };
  const auto [own_off, own_off_e] = costs(own, 0.0);
  const auto [own_on, own_on_e] = costs(own, 2.0);
  BOOST_TEST(own_off_e.split == 0.0);
  BOOST_TEST(own_on_e.split < -1.0);
  BOOST_TEST(own_on == own_off + own_on_e.split, boost::test_tools::tolerance(1e-9));
  // The split part is reported apart from the rest of the clause term.
  BOOST_TEST(own_on_e.other == own_off_e.other, boost::test_tools::tolerance(1e-9));
  // Twice the weight, twice the reward.
  BOOST_TEST(costs(own, 4.0).second.split == 2 * own_on_e.split, boost::test_tools::tolerance(1e-9));
  const auto [lone_off, lone_off_e] = costs(lone, 0.0);
  const auto [lone_on, lone_on_e] = costs(lone, 2.0);
  BOOST_TEST(lone_on_e.split == 0.0);
  BOOST_TEST(lone_on == lone_off, boost::test_tools::tolerance(1e-12));
  // One-to-one beads have no clause term and earn nothing.
  Model w = m;
  w.clauses.split_weight = 2.0;
  const BeadScorer s(w, src, tgt, &own, &dc);
  const BeadScorer s0(m, src, tgt, &own, &dc);
  BOOST_TEST(s.cost(0, 1, 0, 1) == s0.cost(0, 1, 0, 1), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.cost(1, 1, 2, 1) == s0.cost(1, 1, 2, 1), boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_sentence_without_joints_adds_no_clause_term) {
  // Source sentence 0 has two clauses, sentence 1 none (one piece). Against
  // two target sentences, sentence 1's bead costs the same with clause
  // weights as without: an uncut sentence cannot say where its content went.
  Model m = plain_model();
  m.clauses.length_weight = 1.0;
  m.clauses.anchor_weight = 1.0;
  m.clauses.rules["ar"] = {};
  const auto src = side({40, 40});
  const auto tgt = side({30, 10, 35, 5});
  jisr::DocumentClauses dc;
  dc.src.begin = {0, 2, 2};
  dc.src.key_end = {1, 2};
  dc.src.length = {30, 11};
  dc.tgt.begin = {0, 0, 0, 0, 0};
  const Keys src_keys{{num("111"), num("222")}, {num("333")}};
  const jisr::DocumentAnchors a = jisr::intern_anchors(src_keys, {{num("111")}, {num("222")}, {num("333")}, {}});
  const BeadScorer with(m, src, tgt, &a, &dc);
  Model off = m;
  off.clauses = {};
  const BeadScorer without(off, src, tgt, &a, &dc);
  BOOST_TEST(with.cost(1, 1, 2, 2) == without.cost(1, 1, 2, 2), boost::test_tools::tolerance(1e-12));
  // The cut sentence still pays for a lopsided split of its clauses.
  BOOST_TEST(with.cost(0, 1, 0, 2) != without.cost(0, 1, 0, 2));
}

namespace {

std::vector<Sentence> lines(const std::vector<std::string>& texts) {
  std::vector<Sentence> out;
  for (const std::string& t : texts) out.push_back(Sentence{t, {}, 0});
  return out;
}

// The furniture rules the ar-en model ships.
const jisr::FurnitureParams& shipped_furniture() {
  static const jisr::FurnitureParams f = jisr::parse_furniture_params(
      jisr::load_text(std::string(JISR_MODELS_DIR) + "/anchors/furniture.json"), "furniture.json");
  return f;
}

// A model whose furniture is any line that begins with 'F' (kind "f") or
// 'G' (kind "g").
Model furniture_model(double cost) {
  Model m = plain_model();
  m.furniture.cost = cost;
  m.furniture.kinds = {{"f", {{"*", {"^f"}}}}, {"g", {{"*", {"^g"}}}}};  // lines are matched case-folded
  m.furniture.matcher = std::make_shared<const jisr::FurnitureMatcher>(m.furniture.kinds, 120, "test");
  return m;
}

// A side's sentences of the given lengths, the first letter of some set to
// 'F' or 'G' (furniture_model's kinds) by `marks` ('.' leaves text).
std::vector<Sentence> marked_side(const std::vector<int>& lengths, const std::string& marks) {
  auto out = side(lengths);
  for (std::size_t k = 0; k < marks.size() && k < out.size(); ++k)
    if (marks[k] != '.') out[k].text[0] = marks[k];
  return out;
}

// A bead's cost under furniture_model(cost) less its cost without
// furniture, and the two scorers.
struct FurnitureCharge {
  BeadScorer with, without;
  FurnitureCharge(double cost, const std::vector<Sentence>& src, const std::vector<Sentence>& tgt)
      : with(furniture_model(cost), src, tgt), without(furniture_model(0.0), src, tgt) {}
  double operator()(std::uint32_t i, int a, std::uint32_t j, int b) const {
    return with.cost(i, a, j, b) - without.cost(i, a, j, b);
  }
};

// Which lines of a side are furniture of any kind.
std::vector<bool> is_furniture(const jisr::FurnitureMatcher& m, const std::vector<Sentence>& side,
                               const std::string& lang) {
  std::vector<bool> out;
  for (const jisr::FurnitureMask k : m.kinds(side, lang)) out.push_back(k != 0);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_bead_with_page_furniture_earns_no_split_evidence) {
  // As in the split evidence's test above, each of the two target
  // sentences matches its own clause of the source sentence; here the first
  // is page furniture (a caption naming the place and the month of the
  // text). Its bead pays the furniture cost, and the split evidence does
  // not take it back.
  Model m = furniture_model(10.0);
  m.clauses.length_weight = 1.0;
  m.clauses.rules["ar"] = {};
  const auto src = side({40, 40});
  jisr::DocumentClauses dc;
  dc.src.begin = {0, 2, 2};
  dc.src.key_end = {1, 2};
  dc.src.length = {30, 11};
  dc.tgt.begin = {0, 0, 0, 0};
  const jisr::DocumentAnchors a = jisr::intern_anchors({{num("111"), num("222")}, {num("333")}},
                                                       {{num("111")}, {num("222")}, {num("333")}});
  auto scorer_for = [&](const std::string& marks, double split_weight) {
    Model w = m;
    w.clauses.split_weight = split_weight;
    return BeadScorer(w, src, marked_side({30, 10, 40}, marks), &a, &dc);
  };
  const BeadScorer text = scorer_for("...", 2.0), caption = scorer_for("F..", 2.0), caption_off = scorer_for("F..", 0.0);
  BOOST_TEST(text.evidence(0, 1, 0, 2).split < -1.0);
  BOOST_TEST(caption.evidence(0, 1, 0, 2).split == 0.0);
  BOOST_TEST(caption.cost(0, 1, 0, 2) == caption_off.cost(0, 1, 0, 2), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(caption.cost(0, 1, 0, 2) - text.cost(0, 1, 0, 2) > 10.0);
}

BOOST_AUTO_TEST_CASE(shipped_furniture_rules_find_page_lines_and_leave_text_alone) {
  // Lines written for this test in the manner of news and press-release
  // sites; none is copied from the shared sets.
  const auto& f = shipped_furniture();
  const auto en = lines({
      "Home > Statements > Health",                                      // breadcrumb
      "Home \u00bb Field Updates",                                        // breadcrumb with guillemets
      "Comments (7)",                                                     //
      "\u00a9 2021 Example Relief Network. All rights reserved.",        // copyright
      "Last updated: 3 March 2021, 09:12",                                //
      "Share this story",                                                 //
      "Back to top",                                                      //
      "Tags: water, Raqqa, winter",                                       //
      "Leave a comment",                                                  //
      "press@example-network.org",                                       // a contact line
      "The council met on Monday and approved the budget.",               // text
      "Aid workers said the convoy reached Atarib > before noon.",        // a '>' inside a sentence
      "To register, click here, then fill in the form that the office sent to every family in the camps "
      "of the western countryside last week.",                           // longer than max_length
      "Fifty families returned.",                                         // text
      "Idlib | Children receive their vaccines",                          // a dateline-style headline
      "Photo: Children at a water point in Atmeh camp.",                  // a caption
      "Photos taken on Monday show the damage to the clinic.",            // text
      "Posted on 6 May 2022 08:30",                                       // a site's stamp, no colon
      "Published on Monday, 2 May 2022",                                  //
      "Posted on the council's website, the statement named no date.",   // text
  });
  const std::vector<bool> want_en{true,  true,  true,  true,  true,  true, true, true, true, true,
                                  false, false, false, false, false, true, false, true, true, false};
  BOOST_TEST(is_furniture(*f.matcher, en, "en") == want_en, boost::test_tools::per_element());
  const auto ar = lines({
      "الرئيسية \u00bb تقارير",
      "\u00a9 ٢٠٢١ جميع الحقوق محفوظة لشبكة المثال",
      "آخر تحديث: ٣ آذار ٢٠٢١",
      "شارك هذا الخبر",
      "العودة إلى الأعلى",
      "التعليقات (١٢)",
      "اترك تعليقاً",
      "تابعونا على تلغرام",
      "قال المتحدث \u00ab لا \u00bb للمقترح",   // spaced guillemets are quotation marks, not a trail
      "وصلت القافلة إلى المخيم صباح الأحد.",
      "إدلب | الأطفال يتلقون اللقاحات",
      "أخبار | صحة",                               // a site's section
      "صورة: أطفال عند نقطة مياه في مخيم أطمة",     // a caption
      "نشر في ٣ آذار ٢٠٢١",                         // a site's stamp, no colon
      "نشر في الموقع الرسمي للمجلس بيان يوضح ذلك.",  // text
  });
  const std::vector<bool> want_ar{true, true, true, true, true, true, true, true, false, false, false, true, true, true, false};
  BOOST_TEST(is_furniture(*f.matcher, ar, "ar") == want_ar, boost::test_tools::per_element());
  // Kinds: a trail, a copyright line, a share prompt, "back to top", a
  // comment prompt, a caption and a line of when the page went up each
  // share a kind with the other language's, and with no other line of the
  // two lists.
  const auto en_kinds = f.matcher->kinds(en, "en");
  const auto ar_kinds = f.matcher->kinds(ar, "ar");
  const std::vector<std::pair<std::size_t, std::size_t>> same{{0, 0}, {1, 0}, {0, 11}, {1, 11}, {3, 1}, {4, 2},
                                                              {5, 3},  {6, 4}, {2, 5},  {8, 6},  {15, 12},
                                                              {4, 13}, {17, 2}, {17, 13}, {18, 2}, {18, 13}};
  for (std::size_t e = 0; e < want_en.size(); ++e)
    for (std::size_t a = 0; a < want_ar.size(); ++a) {
      if (!want_en[e] || !want_ar[a]) continue;
      const bool shared = (en_kinds[e] & ar_kinds[a]) != 0;
      const bool want = std::find(same.begin(), same.end(), std::pair{e, a}) != same.end();
      BOOST_TEST(shared == want, "en line " << e << ", ar line " << a);
    }
  // A language the rules do not name gets the rules for every language only.
  const std::vector<bool> other = is_furniture(*f.matcher, lines({"Comments (7)", "Home > News", "\u00a9 2021 X"}), "de");
  BOOST_TEST((other == std::vector<bool>{false, true, true}));
}

BOOST_AUTO_TEST_CASE(a_pattern_that_backtracks_without_end_is_stopped_and_named) {
  // A hostile model's pattern, exponential on a line of a's without a b:
  // the run stops with an error naming the model and the pattern.
  const jisr::FurnitureMatcher m({{"prompt", {{"en", {"^(a|aa)+b"}}}}}, 80, "hostile.json");
  const auto side = lines({"short line", std::string(70, 'a')});
  try {
    (void)m.kinds(side, "en");
    BOOST_FAIL("no error");
  } catch (const jisr::ModelError& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("hostile.json: furniture pattern \"^(a|aa)+b\" ran past its time limit on sentence 2") !=
                   std::string::npos,
               what);
  }
}

BOOST_AUTO_TEST_CASE(furniture_costs_a_bead_that_mixes_it_with_text_and_nothing_else) {
  // Source: text, furniture, text; target: text, text, furniture.
  const double cost = 4.0;
  const FurnitureCharge extra(cost, marked_side({30, 10, 30}, ".F."), marked_side({30, 30, 10}, "..F"));
  const auto tol = boost::test_tools::tolerance(1e-12);
  BOOST_TEST(extra(0, 1, 0, 1) == 0.0, tol);   // text with text
  BOOST_TEST(extra(1, 1, 2, 1) == 0.0, tol);   // furniture with furniture
  BOOST_TEST(extra(1, 1, 0, 0) == 0.0, tol);   // furniture alone
  BOOST_TEST(extra(0, 0, 2, 1) == 0.0, tol);
  BOOST_TEST(extra(1, 1, 1, 1) == cost, tol);  // furniture with text
  BOOST_TEST(extra(0, 2, 0, 1) == cost, tol);  // furniture taken into a text bead
  BOOST_TEST(extra(2, 1, 1, 2) == cost, tol);
  BOOST_TEST(extra(0, 1, 0, 1) == 0.0, tol);
  // The parts of the cost report it with the endings and paragraphs.
  BOOST_TEST(extra.with.evidence(0, 2, 0, 1).other - extra.without.evidence(0, 2, 0, 1).other == cost, tol);
}

BOOST_AUTO_TEST_CASE(furniture_pairs_with_furniture_of_a_kind_it_shares) {
  // Source: text, F, G, F; target: text, G, F, F (kinds f and g).
  const double cost = 4.0;
  const FurnitureCharge extra(cost, marked_side({30, 10, 12, 9}, ".FGF"), marked_side({30, 11, 10, 9}, ".GFF"));
  const auto tol = boost::test_tools::tolerance(1e-12);
  BOOST_TEST(extra(1, 1, 2, 1) == 0.0, tol);   // f with f
  BOOST_TEST(extra(2, 1, 1, 1) == 0.0, tol);   // g with g
  BOOST_TEST(extra(1, 1, 1, 1) == cost, tol);  // f with g
  BOOST_TEST(extra(2, 1, 2, 1) == cost, tol);  // g with f
  BOOST_TEST(extra(1, 2, 2, 1) == 0.0, tol);   // f and g with f: a kind in common
  BOOST_TEST(extra(3, 1, 1, 1) == cost, tol);  // f with g
  BOOST_TEST(extra(1, 1, 0, 2) == cost, tol);  // f with text and g
  BOOST_TEST(extra(3, 1, 0, 0) == 0.0, tol);   // alone
  // The part on its own, as the heading pass asks for it.
  BOOST_TEST(extra.with.furniture_cost(1, 1, 1, 1) == cost, tol);
  BOOST_TEST(extra.with.furniture_cost(1, 1, 2, 1) == 0.0, tol);
  BOOST_TEST(extra.without.furniture_cost(1, 1, 1, 1) == 0.0, tol);
  // The search's floors charge it alike, one-to-one beads and one-to-two.
  for (const int b : {1, 2})
    for (std::uint32_t i = 1; i < 4; ++i) {
      const std::size_t count = 4 - static_cast<std::size_t>(b);
      std::vector<double> bounds(count, std::numeric_limits<double>::infinity()), floors(count), plain(count);
      extra.with.cost_floors(i, 1, 1, b, bounds, floors);
      extra.without.cost_floors(i, 1, 1, b, bounds, plain);
      for (std::size_t k = 0; k < count; ++k) {
        const auto j = static_cast<std::uint32_t>(1 + k);
        BOOST_TEST(floors[k] - plain[k] == extra(i, 1, j, b), tol);
        BOOST_TEST(floors[k] <= extra.with.cost(i, 1, j, b) + 1e-12);
      }
    }
}

BOOST_AUTO_TEST_CASE(a_page_time_stamp_is_furniture_of_its_own_kind) {
  // The anchors mark the target's first line a page's time stamp
  // (stamps.hpp); the rules' patterns find none. Source: text, text, F;
  // target: stamp, text, F.
  const auto src = marked_side({30, 30, 10}, "..F");
  const auto tgt = marked_side({28, 30, 10}, "..F");
  jisr::DocumentAnchors anchors;
  anchors.src.begin.assign(src.size() + 1, 0);
  anchors.tgt.begin.assign(tgt.size() + 1, 0);
  anchors.tgt.stamps = {0};
  const double cost = 4.0;
  const BeadScorer with(furniture_model(cost), src, tgt, &anchors);
  const BeadScorer without(furniture_model(0.0), src, tgt, &anchors);
  auto extra = [&](std::uint32_t i, int a, std::uint32_t j, int b) { return with.cost(i, a, j, b) - without.cost(i, a, j, b); };
  const auto tol = boost::test_tools::tolerance(1e-12);
  BOOST_TEST(extra(0, 1, 0, 1) == cost, tol);  // the stamp with text
  BOOST_TEST(extra(2, 1, 0, 1) == cost, tol);  // with furniture of another kind
  BOOST_TEST(extra(0, 0, 0, 1) == 0.0, tol);   // alone
  BOOST_TEST(extra(0, 1, 1, 1) == 0.0, tol);   // text with text
  BOOST_TEST(extra(2, 1, 2, 1) == 0.0, tol);   // furniture of one kind
  BOOST_TEST(with.evidence(0, 0, 0, 1).furniture == 1);
  // A stamp on both pages pairs.
  anchors.src.stamps = {0};
  const BeadScorer both(furniture_model(cost), src, tgt, &anchors);
  const BeadScorer both_without(furniture_model(0.0), src, tgt, &anchors);
  BOOST_TEST(both.cost(0, 1, 0, 1) - both_without.cost(0, 1, 0, 1) == 0.0, tol);
}

BOOST_AUTO_TEST_CASE(cost_below_and_floors_hold_with_furniture) {
  // Random pairs with one line in four furniture: cost_below still gives
  // the cost or infinity, and every floor stays at or below its cost.
  std::mt19937 rng(23);
  RandomPair d = random_pair(rng, 30, 34, 4, 7);
  const Model plain = d.model;
  d.model = furniture_model(3.0);
  d.model.priors = plain.priors;
  std::bernoulli_distribution pick(0.25);
  int flagged = 0;
  for (auto* s : {&d.src, &d.tgt})
    for (Sentence& x : *s)
      if (pick(rng)) {
        x.text[0] = flagged % 2 == 0 ? 'F' : 'G';
        ++flagged;
      }
  BOOST_TEST(flagged > 10);
  const BeadScorer s(d.model, d.src, d.tgt, &d.anchors);
  const BelowCounts counts = check_cost_below(s, d.model.priors, d.src.size(), d.tgt.size(), rng);
  BOOST_TEST(counts.below > 100);
  BOOST_TEST(counts.cut > 100);
  const auto n = static_cast<std::uint32_t>(d.src.size()), n_tgt = static_cast<std::uint32_t>(d.tgt.size());
  int charged = 0;
  const BeadScorer s0(plain, d.src, d.tgt, &d.anchors);
  for (const auto& [type, p] : d.model.priors) {
    const auto a = static_cast<std::uint32_t>(type.src), b = static_cast<std::uint32_t>(type.tgt);
    for (std::uint32_t i = 0; i + a <= n; ++i) {
      const std::uint32_t count = n_tgt - b + 1;
      std::vector<double> bounds(count, std::numeric_limits<double>::infinity()), floors(count);
      s.cost_floors(i, type.src, 0, type.tgt, bounds, floors);
      for (std::uint32_t j = 0; j < count; ++j) {
        const double cost = s.cost(i, type.src, j, type.tgt);
        BOOST_TEST_CONTEXT("bead " << i << "+" << a << " x " << j << "+" << b) {
          BOOST_TEST(floors[j] <= cost + 1e-12);
        }
        if (cost > s0.cost(i, type.src, j, type.tgt) + 1.0) ++charged;
      }
    }
  }
  BOOST_TEST(charged > 50);
}

BOOST_AUTO_TEST_SUITE_END()
