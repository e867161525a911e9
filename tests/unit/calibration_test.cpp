// Tests of score calibration (model/calibration.hpp, train/calibrate.hpp,
// eval/reliability.hpp): the logistic fit recovers known weights and keeps
// to the signs it is given, a calibration file round-trips and refuses
// unknown features, scores follow the bead model, the reliability table and
// its error, and the document AUC.
#define BOOST_TEST_MODULE calibration
#include "model/calibration.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"

#include "eval/reliability.hpp"
#include "train/calibrate.hpp"
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// 20000 rows of weight 1 drawn from a logistic source: `draw(normal, rng)`
// gives the features and the logit, the label is drawn from the logit, and
// `finish(x, label)` may add features that depend on the label.
template <typename Draw, typename Finish>
jisr::TrainingRows logistic_rows(unsigned seed, Draw draw, Finish finish) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  jisr::TrainingRows rows;
  for (int k = 0; k < 20000; ++k) {
    auto [x, logit] = draw(normal, rng);
    const int y = uniform(rng) < 1.0 / (1.0 + std::exp(-logit)) ? 1 : 0;
    finish(x, y, normal, rng);
    rows.x.push_back(std::move(x));
    rows.y.push_back(y);
    rows.weight.push_back(1.0);
  }
  return rows;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fit_recovers_the_weights_of_a_logistic_source) {
  const jisr::TrainingRows rows = logistic_rows(
      7,
      [](auto& normal, auto& rng) {
        const double a = normal(rng), b = 3.0 + 2.0 * normal(rng);
        return std::pair{std::vector<double>{a, b, 4.0}, 0.5 + 2.0 * a - 1.0 * b};  // c never varies
      },
      [](auto&, int, auto&, auto&) {});
  const jisr::LogisticModel m = jisr::fit_logistic({"a", "b", "c"}, rows, 0.0);
  BOOST_TEST_REQUIRE(m.features.size() == 2u);  // "c" dropped
  BOOST_TEST(m.features[0] == "a");
  BOOST_TEST(std::abs(m.weights[0] - 2.0) < 0.15);
  BOOST_TEST(std::abs(m.weights[1] + 1.0) < 0.08);
  BOOST_TEST(std::abs(m.bias - 0.5) < 0.3);
}

BOOST_AUTO_TEST_CASE(fit_keeps_weights_to_their_signs) {
  // "cost" truly lowers the label; "echo" copies it with noise but, given the
  // sign -1 (a cost), may not raise it, so it is left out; "free" is
  // unconstrained and keeps its positive weight.
  const jisr::TrainingRows rows = logistic_rows(
      11,
      [](auto& normal, auto& rng) {
        const double cost = normal(rng), free = normal(rng);
        return std::pair{std::vector<double>{cost, 0.0, free}, 0.5 - 1.5 * cost + 1.0 * free};
      },
      [](std::vector<double>& x, int y, auto& normal, auto& rng) { x[1] = y + 0.5 * normal(rng); });
  const std::vector<std::string> names{"cost", "echo", "free"};
  const jisr::LogisticModel open = jisr::fit_logistic(names, rows, 1.0);
  BOOST_TEST_REQUIRE(open.features.size() == 3u);
  BOOST_TEST(open.weights[1] > 1.0);  // unconstrained, the echo takes a large positive weight
  const std::vector<int> signs{-1, -1, 0};
  const jisr::LogisticModel kept = jisr::fit_logistic(names, rows, 1.0, signs);
  BOOST_TEST_REQUIRE(kept.features.size() == 2u);
  BOOST_TEST(kept.features[0] == "cost");
  BOOST_TEST(kept.features[1] == "free");
  BOOST_TEST(std::abs(kept.weights[0] + 1.5) < 0.15);
  BOOST_TEST(std::abs(kept.weights[1] - 1.0) < 0.1);
  const std::vector<int> too_few{-1};
  BOOST_CHECK_THROW((void)jisr::fit_logistic(names, rows, 1.0, too_few), jisr::InputError);
}

BOOST_AUTO_TEST_CASE(every_bead_feature_has_a_sign) {
  BOOST_TEST(jisr::bead_feature_signs().size() == jisr::bead_feature_names().size());
  for (const int s : jisr::bead_feature_signs()) BOOST_TEST((s == -1 || s == 0 || s == 1));
}

BOOST_AUTO_TEST_CASE(fit_refuses_rows_of_one_label) {
  jisr::TrainingRows rows{{{1.0}, {2.0}}, {1, 1}, {1.0, 1.0}};
  BOOST_CHECK_THROW((void)jisr::fit_logistic({"a"}, rows), jisr::InputError);
}

BOOST_AUTO_TEST_CASE(calibration_file_round_trips_and_refuses_unknown_features) {
  const fs::path dir =
      fs::temp_directory_path() / fs::path("jisr-calibration-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  jisr::Calibration c;
  c.bead = {{"length", "margin"}, {-0.5, 0.25}, 1.5};
  c.document = {{"mean_score"}, {6.0}, -3.0};
  c.provenance = "test";
  c.save(dir / "m.calibration.json");
  const jisr::Calibration back = jisr::Calibration::load(dir / "m.calibration.json");
  BOOST_TEST(back.bead.features == c.bead.features);
  BOOST_TEST(back.bead.weights == c.bead.weights);
  BOOST_TEST(back.document.bias == -3.0);
  BOOST_TEST(jisr::calibration_path("/x/ar-en.json") == fs::path("/x/ar-en.calibration.json"));
  std::ofstream(dir / "bad.json")
      << R"({"format":"jisr-calibration","bead":{"features":["nonsense"],"weights":[1],"bias":0}})";
  BOOST_CHECK_EXCEPTION((void)jisr::Calibration::load(dir / "bad.json"), jisr::ModelError,
                        [](const jisr::ModelError& e) {
                          return std::string(e.what()).find("nonsense") != std::string::npos;
                        });
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(scores_follow_the_bead_model_and_unpaired_beads_score_zero) {
  jisr::Alignment a(3);
  a[0] = {0, 1, 0, 1};
  a[0].costs.length = 0.1f;
  a[1] = {1, 2, 1, 2};
  a[1].costs.length = 9.0f;
  a[2] = {2, 3, 2, 2};
  jisr::LogisticModel m{{"length"}, {-1.0}, 2.0};
  jisr::calibrate_scores(m, a);
  BOOST_TEST(std::abs(a[0].score - 1.0 / (1.0 + std::exp(-(2.0 - 0.1)))) < 1e-6);
  BOOST_TEST(a[1].score < a[0].score);
  BOOST_TEST(a[2].score == 0.0);
  // Without a bead model the uncalibrated confidence stays.
  a[0].costs.confidence = 0.25;
  jisr::calibrate_scores(jisr::LogisticModel{}, a);
  BOOST_TEST(a[0].score == 0.25);
}

BOOST_AUTO_TEST_CASE(reliability_table_and_threshold) {
  jisr::DocumentRun run;
  run.gold = {{0, 1, 0, 1}, {1, 2, 1, 2}, {2, 3, 2, 3}, {3, 4, 3, 4}};
  run.test = {{0, 1, 0, 1}, {1, 2, 1, 2}, {2, 3, 2, 4}, {3, 4, 4, 4}};
  run.test[0].score = 0.95;  // right
  run.test[1].score = 0.91;  // right
  run.test[2].score = 0.15;  // wrong
  const jisr::Reliability r = jisr::reliability(std::span<const jisr::DocumentRun>(&run, 1));
  BOOST_TEST(r.beads == 3u);  // the 1-0 bead does not count
  BOOST_TEST(r.right == 2u);
  BOOST_TEST(r.bins[9].beads == 2u);
  BOOST_TEST(r.bins[1].beads == 1u);
  // Bin 9: mean 0.93, all right: 0.07; bin 1: mean 0.15, none right: 0.15.
  BOOST_TEST(std::abs(r.ece() - (2 * 0.07 + 0.15) / 3) < 1e-9);
  const jisr::ThresholdScores t =
      jisr::at_threshold(std::span<const jisr::DocumentRun>(&run, 1), 0.92);
  BOOST_TEST(t.kept == 1u);
  BOOST_TEST(t.precision() == 1.0);
  BOOST_TEST(t.recall_right() == 0.5);
  BOOST_TEST(t.recall_gold() == 0.25);
}

BOOST_AUTO_TEST_CASE(document_auc_counts_ties_half) {
  jisr::DocumentScores s{{0.9, 0.8}, {0.1, 0.8}};
  BOOST_TEST(std::abs(s.auc() - (1 + 0.5 + 1 + 1) / 4.0) < 1e-12);
}
