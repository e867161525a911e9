// Tests of model estimation (jisr/train.hpp) on small hand-made gold
// documents whose statistics are known: the length ratio, the smoothed bead
// priors and the default bead types.
#define BOOST_TEST_MODULE train
#include "jisr/train.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"
#include "align/score.hpp"
#include "evidence/furniture.hpp"

using jisr::AlignedDocument;
using jisr::Bead;
using jisr::BeadType;
using jisr::Sentence;

namespace {

// A sentence of `letters` letters in words of five, ending in a full stop
// (which counts as one more character).
Sentence sentence(int letters) {
  std::string text;
  for (int k = 0; k < letters; ++k) {
    if (k > 0 && k % 5 == 0) text += ' ';
    text += 'w';
  }
  return Sentence{text + ".", {}, 0};
}

// A gold document where every target sentence has exactly 1.5 times the
// characters of its source: source sentence k has 10k characters, its
// target 15k (full stops included), each a 1-1 bead; then `extra_null`
// target sentences without a source (0-1 beads).
AlignedDocument proportional_document(const std::string& name, int sentences, int extra_null) {
  AlignedDocument d;
  d.name = name;
  for (int k = 1; k <= sentences; ++k) {
    const int src_len = 10 * k;
    d.src.push_back(sentence(src_len - 1));
    d.tgt.push_back(sentence(src_len * 3 / 2 - 1));
    const auto i = static_cast<std::uint32_t>(k - 1);
    d.gold.push_back(Bead{i, i + 1, i, i + 1});
  }
  // Unmatched target sentences at the end (0-1 beads): no effect on c.
  for (int k = 0; k < extra_null; ++k) {
    const auto j = static_cast<std::uint32_t>(d.tgt.size());
    d.tgt.push_back(sentence(40));
    d.gold.push_back(Bead{static_cast<std::uint32_t>(d.src.size()), static_cast<std::uint32_t>(d.src.size()), j,
                          j + 1});
  }
  return d;
}

jisr::TrainOptions options(int max_side) {
  jisr::TrainOptions o;
  o.max_side = max_side;
  o.tune_anchors = false;
  o.name = "test";
  return o;
}

bool has(const std::vector<BeadType>& types, BeadType t) {
  return std::find(types.begin(), types.end(), t) != types.end();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(train)

BOOST_AUTO_TEST_CASE(fixture_sentences_have_the_intended_lengths) {
  // The fixture's arithmetic rests on this: spaces do not count, the stop does.
  BOOST_TEST(jisr::alignment_length(sentence(9).text) == 10U);
  BOOST_TEST(jisr::alignment_length(sentence(14).text) == 15U);
}

BOOST_AUTO_TEST_CASE(estimate_recovers_the_length_ratio_of_the_fixture) {
  const std::vector<AlignedDocument> docs{proportional_document("a", 8, 1), proportional_document("b", 5, 2)};
  const jisr::Model m = jisr::estimate_model(docs, options(2));
  BOOST_TEST(m.length.c == 1.5, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(m.name == "test");
  BOOST_TEST(m.src_lang == "ar");
  BOOST_TEST(m.length.per_document);
}

BOOST_AUTO_TEST_CASE(perfectly_proportional_gold_gives_a_usable_model) {
  // With one fixed ratio every residual is 0: the variance must still be a
  // positive number the loader accepts, and the outlier share a number.
  const std::vector<AlignedDocument> docs{proportional_document("a", 8, 0)};
  jisr::TrainOptions o = options(2);
  o.per_document = false;
  const jisr::Model m = jisr::estimate_model(docs, o);
  BOOST_TEST(m.length.c == 1.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(std::isfinite(m.length.s2));
  BOOST_TEST(m.length.s2 > 0.0);
  BOOST_TEST(std::isfinite(m.length.outlier));
  BOOST_CHECK_NO_THROW((void)jisr::Model::from_json(m.to_json(), "trained"));
}

BOOST_AUTO_TEST_CASE(estimate_ratio_follows_noisy_lengths) {
  // Target lengths scattered around 0.8 times the source: c lands near 0.8.
  AlignedDocument d;
  const int noise[] = {3, -2, 1, -3, 2, 0, -1, 1, -2, 2, 3, -3};
  for (int k = 0; k < 12; ++k) {
    const int l = 20 + 7 * k;
    d.src.push_back(sentence(l - 1));
    d.tgt.push_back(sentence(static_cast<int>(std::lround(0.8 * l)) + noise[k] - 1));
    const auto i = static_cast<std::uint32_t>(k);
    d.gold.push_back(Bead{i, i + 1, i, i + 1});
  }
  const std::vector<AlignedDocument> docs{d};
  const jisr::Model m = jisr::estimate_model(docs, options(2));
  BOOST_TEST(m.length.c == 0.8, boost::test_tools::tolerance(0.02));
  BOOST_TEST(m.length.s2 > 0.0);
}

BOOST_AUTO_TEST_CASE(priors_sum_to_one_and_match_the_counts_of_their_features) {
  // 13 + 5 one-to-one beads and 1 + 2 zero-to-one beads, max_side 2: the
  // fitted prior (nearly unpenalised) gives each feature its observed share,
  // here 18 / 21 for 1-1 and 3 / 21 for 0-1, and what the data never shows
  // (1-0, many-to-one) a small probability.
  const std::vector<AlignedDocument> docs{proportional_document("a", 13, 1), proportional_document("b", 5, 2)};
  jisr::TrainOptions o = options(2);
  o.alpha = 1e-6;
  const jisr::Model m = jisr::estimate_model(docs, o);
  const auto types = jisr::default_bead_types(2);
  BOOST_TEST(m.priors.size() == types.size());
  double sum = 0;
  for (const BeadType t : types) {
    BOOST_TEST_CONTEXT(jisr::to_string(t)) { BOOST_TEST(m.priors.contains(t)); }
    sum += m.priors.at(t);
  }
  BOOST_TEST(sum == 1.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(m.priors.at({1, 1}) == 18.0 / 21, boost::test_tools::tolerance(1e-3));
  BOOST_TEST(m.priors.at({0, 1}) == 3.0 / 21, boost::test_tools::tolerance(1e-3));
  BOOST_TEST(m.priors.at({2, 1}) > 0.0);
  BOOST_TEST(m.priors.at({2, 1}) < 1e-3);
}

BOOST_AUTO_TEST_CASE(prior_form_extends_a_geometric_decay_to_sizes_never_seen) {
  // 1-2 to 1-5 and 2-1 to 5-1 halve at each step; larger sizes never
  // occur. The form carries the halving on instead of giving them a floor.
  const std::map<BeadType, double> counts{{{1, 1}, 400}, {{1, 2}, 64}, {{1, 3}, 32}, {{1, 4}, 16},
                                          {{1, 5}, 8},   {{2, 1}, 16}, {{3, 1}, 8},  {{4, 1}, 4},
                                          {{5, 1}, 2},   {{0, 1}, 10}, {{1, 0}, 10}};
  const auto p = jisr::fit_bead_priors(counts, jisr::default_bead_types(8), 0.01);
  // One factor per added sentence, fitted to the data: a little below the
  // halving seen, as the form also puts some mass on 1-6 to 1-8, which
  // never occur (the maximum-likelihood factor is 0.429).
  const double factor = p.at({1, 3}) / p.at({1, 2});
  BOOST_TEST(factor == 0.429, boost::test_tools::tolerance(0.01));
  for (int k = 3; k < 8; ++k) {
    BOOST_TEST_CONTEXT("1-" << k) {
      BOOST_TEST(p.at({1, k + 1}) / p.at({1, k}) == factor, boost::test_tools::tolerance(1e-6));
    }
  }
  BOOST_TEST(p.at({1, 8}) > 1e-4);
  // The shares of the indicator features match the data: 1-1 is 400 of 570.
  BOOST_TEST(p.at({1, 1}) == 400.0 / 570, boost::test_tools::tolerance(1e-3));
  // Direction: 2-1 is rarer than 1-2 by the same factor at every size.
  BOOST_TEST(p.at({2, 1}) / p.at({1, 2}) == p.at({5, 1}) / p.at({1, 5}), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(p.at({2, 1}) < p.at({1, 2}));
  // Both sides above one are rarer still (2-2 never seen).
  BOOST_TEST(p.at({2, 2}) < p.at({2, 1}));
}

BOOST_AUTO_TEST_CASE(prior_form_without_data_is_uniform_by_shape) {
  // No counts at all: every parameter stays at zero and all types are equal.
  const auto types = jisr::default_bead_types(3);
  const auto p = jisr::fit_bead_priors({}, types, 0.5);
  for (const BeadType t : types) BOOST_TEST(p.at(t) == 1.0 / static_cast<double>(types.size()), boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(gale_church_shares_sum_to_one_over_their_six_types) {
  double sum = 0;
  for (const BeadType t : jisr::default_bead_types(8)) sum += jisr::gale_church_bead_share(t);
  // The published shares are rounded: they sum to 0.9999.
  BOOST_TEST(sum == 0.9999, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(jisr::gale_church_bead_share({1, 1}) == 0.89);
  BOOST_TEST(jisr::gale_church_bead_share({1, 3}) == 0.0);
  BOOST_TEST(jisr::gale_church_bead_share({2, 1}) == jisr::gale_church_bead_share({1, 2}));
}

BOOST_AUTO_TEST_CASE(gale_church_pseudo_beads_pull_a_small_document_s_priors_toward_theirs) {
  // 10 one-to-one and 10 zero-to-one gold beads: alone, 0-1 gets half the
  // mass. Pseudo-beads spread as Gale and Church's frequencies move every
  // prior toward theirs in proportion to their number, and a very large
  // number of them gives their shares.
  const std::vector<AlignedDocument> docs{proportional_document("a", 10, 10)};
  jisr::TrainOptions o = options(2);
  o.alpha = 1e-6;
  const jisr::Model alone = jisr::estimate_model(docs, o);
  BOOST_TEST(alone.priors.at({0, 1}) == 0.5, boost::test_tools::tolerance(1e-3));
  o.gale_church_beads = 20;
  const jisr::Model even = jisr::estimate_model(docs, o);
  // Half the counts each: 0-1 is (10 + 20 · 0.00495) / 40.
  BOOST_TEST(even.priors.at({0, 1}) == (10 + 20 * 0.0099 / 2) / 40, boost::test_tools::tolerance(1e-3));
  BOOST_TEST(even.priors.at({1, 1}) == (10 + 20 * 0.89) / 40, boost::test_tools::tolerance(1e-3));
  o.gale_church_beads = 1e7;
  const jisr::Model theirs = jisr::estimate_model(docs, o);
  BOOST_TEST(theirs.priors.at({1, 1}) == 0.89, boost::test_tools::tolerance(1e-3));
  BOOST_TEST(theirs.priors.at({2, 2}) == 0.011, boost::test_tools::tolerance(1e-2));
  // The length statistics do not depend on the pseudo-beads.
  BOOST_TEST(theirs.length.c == alone.length.c);
}

BOOST_AUTO_TEST_CASE(merge_prior_tuning_lowers_an_over_merging_two_to_two_prior) {
  // One-to-one beads whose length errors cancel in pairs (+6, -6, ...),
  // among enough gold 2-2 beads that the fitted 2-2 prior is high: merging
  // two neighbouring one-to-one beads then looks better than keeping them,
  // and the tuning must lower the 2-2 prior until it does not.
  AlignedDocument d;
  d.name = "merge";
  std::uint32_t i = 0;
  for (int k = 0; k < 48; ++k) {
    if (k % 6 == 5) {
      for (int x = 0; x < 2; ++x) {
        d.src.push_back(sentence(24));
        d.tgt.push_back(sentence(24));
      }
      d.gold.push_back(Bead{i, i + 2, i, i + 2});
      i += 2;
      continue;
    }
    const int l = 30 + 7 * (k % 5);
    d.src.push_back(sentence(l - 1));
    d.tgt.push_back(sentence(l + (k % 2 == 0 ? 6 : -6) - 1));
    d.gold.push_back(Bead{i, i + 1, i, i + 1});
    ++i;
  }
  const std::vector<AlignedDocument> docs{d};
  jisr::TrainOptions o = options(2);
  const jisr::Model plain = jisr::estimate_model(docs, o);
  o.tune_merge_prior = true;
  const jisr::Model tuned = jisr::estimate_model(docs, o);
  const BeadType two_two{2, 2};
  BOOST_TEST(tuned.priors.at(two_two) < plain.priors.at(two_two));
  BOOST_TEST(tuned.priors.at(BeadType{1, 1}) == plain.priors.at(BeadType{1, 1}));
  BOOST_TEST(jisr::strict_f1_on(tuned, docs, "xx", "yy") > jisr::strict_f1_on(plain, docs, "xx", "yy"));
}

BOOST_AUTO_TEST_CASE(estimated_model_survives_a_json_round_trip) {
  const std::vector<AlignedDocument> docs{proportional_document("a", 6, 1)};
  const jisr::Model m = jisr::estimate_model(docs, options(4));
  const jisr::Model r = jisr::Model::from_json(m.to_json(), "trained");
  BOOST_TEST(r.length.c == m.length.c);
  BOOST_TEST((r.priors == m.priors));
  BOOST_TEST((r.ending_cost == m.ending_cost));
}

BOOST_AUTO_TEST_CASE(furniture_rules_are_copied_into_the_model_and_kept_on_a_round_trip) {
  std::vector<AlignedDocument> docs{proportional_document("a", 6, 1)};
  docs[0].tgt.back().text = "Share this page";  // the 0-1 bead: a page's share prompt
  jisr::TrainOptions o = options(4);
  o.furniture = jisr::parse_furniture_params(
      R"({"cost": 7, "max_length": 80, "kinds": {"share": {"en": ["^share this (page|story)$"]}}})", "rules.json");
  const jisr::Model m = jisr::estimate_model(docs, o);
  BOOST_TEST(m.furniture.cost == 7.0);  // not tuned: the rules' own cost
  BOOST_TEST(m.furniture.max_length == 80u);
  BOOST_REQUIRE(m.furniture.matcher != nullptr);
  BOOST_TEST(m.furniture.matcher->kinds(docs[0].tgt, "en").back() != 0U);
  const jisr::Model r = jisr::Model::from_json(m.to_json(), "trained");
  BOOST_TEST((r.furniture.kinds == m.furniture.kinds));
  BOOST_TEST(r.furniture.cost == 7.0);
}

// A gold document of closed sentence pairs and `headings` pairs of heading
// lines ("Section 12" against "Section 12"), whose keys (the word and the
// number) agree; the first `long_ones` of them stand against a line three
// to four times longer, as a full name against its short one.
AlignedDocument heading_document(int headings, int long_ones) {
  AlignedDocument d;
  d.name = "headings";
  auto add = [&](Sentence src, Sentence tgt) {
    const auto i = static_cast<std::uint32_t>(d.src.size());
    d.src.push_back(std::move(src));
    d.tgt.push_back(std::move(tgt));
    d.gold.push_back(Bead{i, i + 1, i, i + 1});
  };
  for (int k = 0; k < headings; ++k) {
    const std::string line = "Section " + std::to_string(100 + k);
    add(Sentence{line, {}, 0},
        Sentence{k < long_ones ? line + " of the annual report of the council" : line, {}, 0});
    add(sentence(40 + k), sentence(40 + k));
  }
  return d;
}

BOOST_AUTO_TEST_CASE(heading_pairs_get_an_outlier_share_of_their_own) {
  // 30 heading pairs whose keys agree, three of them far longer on one side:
  // a share of outliers near 3 in 30, though the three are within a few
  // standard deviations of all open lines.
  jisr::TrainOptions o = options(2);
  const jisr::Model m = jisr::estimate_model(std::vector<AlignedDocument>{heading_document(30, 3)}, o);
  BOOST_REQUIRE(m.length.outlier_heading.has_value());
  BOOST_TEST(*m.length.outlier_heading > 0.05);
  BOOST_TEST(*m.length.outlier_heading < 0.2);
  BOOST_TEST(*m.length.outlier_heading > m.length.outlier_open);
  // Without far-out pairs the share is the open lines' own.
  const jisr::Model close = jisr::estimate_model(std::vector<AlignedDocument>{heading_document(30, 0)}, o);
  BOOST_REQUIRE(close.length.outlier_heading.has_value());
  BOOST_TEST(*close.length.outlier_heading == close.length.outlier_open);
  // Too few heading pairs to tell: unset.
  BOOST_TEST(!jisr::estimate_model(std::vector<AlignedDocument>{heading_document(10, 1)}, o)
                  .length.outlier_heading.has_value());
  // A model file keeps it.
  BOOST_TEST((jisr::Model::from_json(m.to_json(), "trained").length.outlier_heading == m.length.outlier_heading));
}

BOOST_AUTO_TEST_CASE(default_bead_types_for_four_hold_one_to_four_and_not_two_to_three) {
  const auto types = jisr::default_bead_types(4);
  for (const BeadType t : {BeadType{1, 0}, BeadType{0, 1}, BeadType{1, 1}, BeadType{2, 2}, BeadType{1, 2},
                           BeadType{2, 1}, BeadType{1, 3}, BeadType{3, 1}, BeadType{1, 4}, BeadType{4, 1}}) {
    BOOST_TEST_CONTEXT(jisr::to_string(t)) { BOOST_TEST(has(types, t)); }
  }
  BOOST_TEST(types.size() == 10U);
  BOOST_TEST(!has(types, BeadType{2, 3}));
  BOOST_TEST(!has(types, BeadType{3, 2}));
  BOOST_TEST(!has(types, BeadType{2, 4}));
  BOOST_TEST(!has(types, BeadType{0, 0}));
  const auto one = jisr::default_bead_types(1);
  BOOST_TEST(one.size() == 3U);
  BOOST_TEST(!has(one, BeadType{2, 2}));
}

BOOST_AUTO_TEST_CASE(training_without_pair_beads_is_an_input_error) {
  AlignedDocument d;
  d.src.push_back(sentence(10));
  d.tgt.push_back(sentence(12));
  d.gold = {Bead{0, 1, 0, 0}, Bead{1, 1, 0, 1}};
  const std::vector<AlignedDocument> docs{d};
  BOOST_CHECK_THROW((void)jisr::estimate_model(docs, options(2)), jisr::InputError);
  BOOST_CHECK_THROW((void)jisr::estimate_model(std::vector<AlignedDocument>{}, options(2)), jisr::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
