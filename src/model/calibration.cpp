#include "model/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

namespace jisr {

using nlohmann::json;

namespace {

// A calibration file is a few kilobytes.
constexpr std::size_t kMaxCalibrationBytes = std::size_t{1} << 20;

double logit(double p) {
  p = std::clamp(p, 1e-4, 1 - 1e-4);
  return std::log(p / (1 - p));
}

double ratio(double a, double b) { return b <= 0 ? 0.0 : a / b; }

// Reads one logistic model; every feature must be one of `known`.
LogisticModel read_model(const json& j, const std::vector<std::string>& known,
                         const std::string& where) {
  LogisticModel m;
  if (!j.is_object() || !j.contains("features") || !j.contains("weights") || !j.contains("bias"))
    throw ModelError(
        fmt::format("{}: expected an object with \"features\", \"weights\" and \"bias\"", where));
  const json& f = j.at("features");
  const json& w = j.at("weights");
  if (!f.is_array() || !w.is_array() || f.size() != w.size())
    throw ModelError(
        fmt::format("{}: \"features\" and \"weights\" must be arrays of one length", where));
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (!f[k].is_string() || !w[k].is_number())
      throw ModelError(
          fmt::format("{}: feature {} must be a name with a numeric weight", where, k));
    const auto name = f[k].get<std::string>();
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw ModelError(
          fmt::format("{}: unknown feature \"{}\" (refit the calibration)", where, name));
    if (std::find(m.features.begin(), m.features.end(), name) != m.features.end())
      throw ModelError(fmt::format("{}: feature \"{}\" twice", where, name));
    const double x = w[k].get<double>();
    if (!std::isfinite(x))
      throw ModelError(fmt::format("{}: weight of \"{}\" is not finite", where, name));
    m.features.push_back(name);
    m.weights.push_back(x);
  }
  if (!j.at("bias").is_number() || !std::isfinite(j.at("bias").get<double>()))
    throw ModelError(fmt::format("{}: \"bias\" must be a finite number", where));
  m.bias = j.at("bias").get<double>();
  return m;
}

json write_model(const LogisticModel& m) {
  return {{"features", m.features}, {"weights", m.weights}, {"bias", m.bias}};
}

// The values of the features `m` names, picked from `all` (in the order of `names`).
double apply(const LogisticModel& m, const std::vector<std::string>& names,
             std::span<const double> all) {
  double z = m.bias;
  for (std::size_t k = 0; k < m.features.size(); ++k) {
    const auto at = std::find(names.begin(), names.end(), m.features[k]) - names.begin();
    z += m.weights[k] * all[static_cast<std::size_t>(at)];
  }
  return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace

double LogisticModel::probability(std::span<const double> x) const {
  double z = bias;
  for (std::size_t k = 0; k < weights.size() && k < x.size(); ++k) z += weights[k] * x[k];
  return 1.0 / (1.0 + std::exp(-z));
}

std::filesystem::path calibration_path(const std::filesystem::path& model_path) {
  std::filesystem::path p = model_path;
  p.replace_extension(".calibration.json");
  return p;
}

Calibration Calibration::load(const std::filesystem::path& path) {
  const std::string origin = path.string();
  std::string text;
  try {
    text = load_text(origin, OnInvalid::fail, nullptr, kMaxCalibrationBytes);
  } catch (const Error& e) {
    throw ModelError(e.what());  // names the file and the byte offset
  }
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ModelError(fmt::format("{}: not valid JSON at byte {}", origin, e.byte));
  }
  if (!j.is_object() || j.value("format", std::string{}) != "jisr-calibration")
    throw ModelError(
        fmt::format("{}: not a jisr calibration (\"format\" is not \"jisr-calibration\")", origin));
  Calibration c;
  if (j.contains("bead"))
    c.bead = read_model(j.at("bead"), bead_feature_names(), origin + ": bead");
  if (j.contains("document"))
    c.document = read_model(j.at("document"), document_feature_names(), origin + ": document");
  if (j.contains("provenance") && j.at("provenance").is_string())
    c.provenance = j.at("provenance").get<std::string>();
  return c;
}

void Calibration::save(const std::filesystem::path& path) const {
  json j{{"format", "jisr-calibration"},
         {"bead", write_model(bead)},
         {"document", write_model(document)},
         {"provenance", provenance}};
  std::ofstream out(path, std::ios::binary);
  out << j.dump(2) << '\n';
  if (!out) throw ModelError(fmt::format("{}: cannot write calibration", path.string()));
}

const std::vector<std::string>& bead_feature_names() {
  static const std::vector<std::string> names{
      "length",         "length_sq",        "anchors",      "matched",
      "missed",         "words_matched",    "words_missed", "prior",
      "other",          "margin",           "margin_low",   "one_to_one",
      "sentences",      "confidence_logit", "doc_length",   "doc_margin",
      "doc_match_rate", "doc_unpaired", "boundary",     "boundary_log",
      "split"};
  return names;
}

const std::vector<int>& bead_feature_signs() {
  static const std::vector<int> signs{
      -1, 0,  -1, +1,  // length, length_sq, anchors, matched
      -1, +1, -1, -1,  // missed, words_matched, words_missed, prior
      -1, +1, +1, 0,   // other, margin, margin_low, one_to_one
      0,  +1, -1, +1,  // sentences, confidence_logit, doc_length, doc_margin
      +1, -1,          // doc_match_rate, doc_unpaired
      +1, +1,          // boundary, boundary_log
      -1};             // split (0 or less: the more negative, the more evidence)
  return signs;
}

const std::vector<std::string>& document_feature_names() {
  static const std::vector<std::string> names{"mean_score",   "confident_share", "unpaired_share",
                                              "match_rate",   "word_match_rate", "mean_margin",
                                              "length_ratio", "log_sentences"};
  return names;
}

std::vector<std::vector<double>> bead_features(const Alignment& alignment) {
  // The document's context: its pairs' mean length cost and margin, its
  // share of keys matched, its share of unpaired beads.
  double length_sum = 0, margin_sum = 0, matched = 0, missed = 0;
  std::size_t pairs = 0;
  for (const Bead& b : alignment) {
    matched += b.costs.matched;
    missed += b.costs.missed;
    if (!b.is_pair()) continue;
    ++pairs;
    length_sum += b.costs.length;
    margin_sum += b.costs.margin;
  }
  const double n = static_cast<double>(std::max<std::size_t>(pairs, 1));
  const double doc_length = length_sum / n, doc_margin = margin_sum / n;
  const double doc_match_rate = (matched + 1) / (matched + missed + 2);
  const double doc_unpaired =
      ratio(static_cast<double>(alignment.size() - pairs), static_cast<double>(alignment.size()));
  std::vector<std::vector<double>> rows;
  rows.reserve(alignment.size());
  for (const Bead& b : alignment) {
    if (!b.is_pair()) {
      rows.emplace_back();
      continue;
    }
    const BeadCosts& c = b.costs;
    rows.push_back({c.length, c.length * c.length / 10.0, c.anchors, std::log1p(c.matched),
                    std::log1p(c.missed), std::log1p(c.words_matched), std::log1p(c.words_missed),
                    c.prior, c.other, c.margin, std::min(c.margin, 0.0f),
                    b.src_size() == 1 && b.tgt_size() == 1 ? 1.0 : 0.0,
                    std::log(static_cast<double>(b.src_size() + b.tgt_size())), logit(c.confidence),
                    doc_length, doc_margin, doc_match_rate, doc_unpaired, c.boundary,
                    std::log1p(std::max(c.boundary, 0.0f)), c.split});
  }
  return rows;
}

void calibrate_scores(const LogisticModel& model, Alignment& alignment) {
  const auto rows = bead_features(alignment);
  for (std::size_t k = 0; k < alignment.size(); ++k) {
    Bead& b = alignment[k];
    if (!b.is_pair())
      b.score = 0.0;
    else
      b.score = model.empty() ? b.costs.confidence : apply(model, bead_feature_names(), rows[k]);
    if (!std::isfinite(b.score)) b.score = 0.0;  // a cost part that overflowed says nothing good
  }
}

std::vector<double> document_features(const Alignment& alignment, std::uint64_t src_chars,
                                      std::uint64_t tgt_chars, double length_ratio) {
  double score_sum = 0, sentences = 0, confident = 0, unpaired = 0, margin_sum = 0;
  double matched = 0, missed = 0, words_matched = 0, words_missed = 0;
  std::size_t pairs = 0;
  for (const Bead& b : alignment) {
    const double size = b.src_size() + b.tgt_size();
    sentences += size;
    matched += b.costs.matched;
    missed += b.costs.missed;
    words_matched += b.costs.words_matched;
    words_missed += b.costs.words_missed;
    if (!b.is_pair()) {
      unpaired += size;
      continue;
    }
    ++pairs;
    score_sum += b.score;
    margin_sum += b.costs.margin;
    if (b.score >= 0.5) confident += size;
  }
  const double n = static_cast<double>(std::max<std::size_t>(pairs, 1));
  const double observed =
      ratio(static_cast<double>(tgt_chars) + 1, static_cast<double>(src_chars) + 1);
  return {score_sum / n,
          ratio(confident, sentences),
          ratio(unpaired, sentences),
          (matched + 1) / (matched + missed + 2),
          (words_matched + 1) / (words_matched + words_missed + 2),
          margin_sum / n,
          std::abs(std::log(observed / (length_ratio > 0 ? length_ratio : 1.0))),
          std::log1p(sentences)};
}

double document_score(const LogisticModel& model, const Alignment& alignment,
                      std::uint64_t src_chars, std::uint64_t tgt_chars, double length_ratio) {
  if (model.empty()) return -1.0;
  return apply(model, document_feature_names(),
               document_features(alignment, src_chars, tgt_chars, length_ratio));
}

}  // namespace jisr
