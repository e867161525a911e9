// Tests of per-document bead-type priors (src/model/bead_priors.hpp), the
// scorer's set_priors, and the model key that turns them on.
#define BOOST_TEST_MODULE bead_priors
#include "model/bead_priors.hpp"

#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "align/score.hpp"
#include "jisr/error.hpp"
#include "jisr/model.hpp"

using jisr::Bead;
using jisr::BeadType;

namespace {

const std::filesystem::path kModels = JISR_MODELS_DIR;

// The shipped ar-en model's priors: geometric in bead size, 1-1 near 0.89.
const std::map<BeadType, double>& shipped_priors() {
  static const jisr::Model m = jisr::Model::load(kModels / "ar-en.json", false);
  return m.priors;
}

// A path of beads: each shape as many times as given, in order.
std::vector<Bead> path(const std::vector<std::pair<BeadType, int>>& shapes) {
  std::vector<Bead> out;
  std::uint32_t i = 0, j = 0;
  for (const auto& [type, count] : shapes) {
    for (int k = 0; k < count; ++k) {
      Bead b;
      b.src_begin = i;
      b.src_end = i += static_cast<std::uint32_t>(type.src);
      b.tgt_begin = j;
      b.tgt_end = j += static_cast<std::uint32_t>(type.tgt);
      out.push_back(b);
    }
  }
  return out;
}

double normalised(const std::map<BeadType, double>& priors, BeadType t) {
  double total = 0;
  for (const auto& [type, p] : priors) total += p;
  return priors.at(t) / total;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bead_priors)

BOOST_AUTO_TEST_CASE(one_to_two_document_gets_higher_many_priors_smoothly_over_shape) {
  // 90 source sentences against 135 target ones: half the beads are 1-2.
  const auto beads = path({{{1, 1}, 45}, {{1, 2}, 45}});
  const jisr::DocumentPriors own = jisr::document_priors(shipped_priors(), beads, 2.0);
  const auto& model = shipped_priors();
  BOOST_TEST(own.priors.at({1, 2}) > 5 * normalised(model, {1, 2}));
  BOOST_TEST(own.priors.at({1, 1}) < normalised(model, {1, 1}));
  // No 1-3 in the document, yet the tilt raises it with 1-2 (a smooth
  // form over shape), and it stays below 1-2.
  BOOST_TEST(own.priors.at({1, 3}) > normalised(model, {1, 3}));
  BOOST_TEST(own.priors.at({1, 3}) < own.priors.at({1, 2}));
  BOOST_TEST(own.gain > 20.0);
  double total = 0;
  for (const auto& [type, p] : own.priors) total += p;
  BOOST_TEST(total == 1.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(own.priors.size() == model.size());
}

BOOST_AUTO_TEST_CASE(one_to_one_document_keeps_the_models_priors) {
  // Beads in about the model's own proportions: 1-1 with a few 1-2, 2-1
  // and nulls.
  const auto beads = path({{{1, 1}, 178}, {{1, 2}, 8}, {{2, 1}, 4}, {{0, 1}, 5}, {{1, 0}, 4}, {{1, 3}, 1}});
  const jisr::DocumentPriors own = jisr::document_priors(shipped_priors(), beads, 2.0);
  for (const BeadType t : {BeadType{1, 1}, BeadType{1, 2}, BeadType{2, 1}, BeadType{0, 1}, BeadType{1, 0}})
    BOOST_TEST(std::abs(std::log(own.priors.at(t) / normalised(shipped_priors(), t))) < 0.4);
  BOOST_TEST(own.gain < 3.0);
}

BOOST_AUTO_TEST_CASE(larger_ridge_stays_nearer_the_model) {
  const auto beads = path({{{1, 1}, 20}, {{1, 3}, 20}});
  const double model = normalised(shipped_priors(), {1, 3});
  const double weak = jisr::document_priors(shipped_priors(), beads, 1.0).priors.at({1, 3});
  const double strong = jisr::document_priors(shipped_priors(), beads, 100.0).priors.at({1, 3});
  BOOST_TEST(weak > strong);
  BOOST_TEST(strong > model);
}

BOOST_AUTO_TEST_CASE(no_beads_give_the_models_priors) {
  const jisr::DocumentPriors own = jisr::document_priors(shipped_priors(), {}, 1.0);
  for (const auto& [type, p] : own.priors)
    BOOST_TEST(p == normalised(shipped_priors(), type), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(own.gain == 0.0);
}

BOOST_AUTO_TEST_CASE(ridge_not_above_zero_is_refused) {
  BOOST_CHECK_THROW((void)jisr::document_priors(shipped_priors(), {}, 0.0), jisr::UsageError);
}

BOOST_AUTO_TEST_CASE(scorer_set_priors_moves_the_cost_by_the_log_ratio) {
  jisr::Model m;
  m.use_anchors = false;
  m.priors = {{{1, 1}, 0.9}, {{1, 0}, 0.02}, {{0, 1}, 0.02}, {{1, 2}, 0.06}};
  std::vector<jisr::Sentence> src{{"xxxxxxxxxxxxxxxxxxxx.", {}, 0}};
  std::vector<jisr::Sentence> tgt{{"xxxxxxxxxx.", {}, 0}, {"xxxxxxxxxx.", {}, 0}};
  jisr::BeadScorer s(m, src, tgt);
  const double before = s.cost(0, 1, 0, 2);
  s.set_priors({{{1, 1}, 0.5}, {{1, 0}, 0.02}, {{0, 1}, 0.02}, {{1, 2}, 0.3}});
  BOOST_TEST(s.cost(0, 1, 0, 2) - before == std::log(0.06 / 0.3), boost::test_tools::tolerance(1e-9));
  // A type left out is no longer allowed.
  s.set_priors({{{1, 1}, 0.9}, {{1, 0}, 0.05}, {{0, 1}, 0.05}});
  BOOST_TEST(std::isinf(s.cost(0, 1, 0, 2)));
  BOOST_TEST(s.bead_types(2).size() == 3U);
}

BOOST_AUTO_TEST_CASE(model_keeps_document_priors_through_json) {
  jisr::Model m = jisr::Model::load(kModels / "ar-en.json", false);
  BOOST_TEST(m.document_priors.ridge == 0.0);  // off unless the model asks
  m.document_priors = {30.0, 5.0};
  const jisr::Model back = jisr::Model::from_json(m.to_json(), "test");
  BOOST_TEST(back.document_priors.ridge == 30.0);
  BOOST_TEST(back.document_priors.min_gain == 5.0);
  std::string bad = m.to_json();
  bad.replace(bad.find("\"min_gain\""), 10, "\"min_gian\"");
  BOOST_CHECK_THROW((void)jisr::Model::from_json(bad, "test"), jisr::ModelError);
}

BOOST_AUTO_TEST_SUITE_END()
