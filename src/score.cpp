#include "jisr/score.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace jisr {

std::uint32_t alignment_length(std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  std::uint32_t n = 0;
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) continue;
    if (u_isUWhiteSpace(c)) continue;
    ++n;
  }
  return n;
}

double neg_log_two_tailed(double x) {
  const double z = std::abs(x) / std::numbers::sqrt2;
  if (z < 25.0) return -std::log(std::erfc(z));
  // Asymptotic expansion: erfc(z) ~ exp(-z²) / (z·sqrt(pi)) · (1 - 1/(2z²)).
  return z * z + std::log(z) + 0.5 * std::log(std::numbers::pi) - std::log1p(-0.5 / (z * z));
}

double document_length_ratio(const LengthStats& stats, std::uint64_t src_total,
                             std::uint64_t tgt_total) {
  if (!stats.per_document || src_total == 0 || tgt_total == 0) return stats.c;
  // Shrink towards the model's ratio by a prior worth kRatioPrior source
  // characters, so that very short documents are not judged by one sentence.
  constexpr double kRatioPrior = 100.0;
  return (static_cast<double>(tgt_total) + kRatioPrior * stats.c) /
         (static_cast<double>(src_total) + kRatioPrior);
}

struct BeadScorer::Impl {
  Model model;
  double c = 1.0;  // length ratio used for this document pair
  std::vector<std::uint32_t> src_len, tgt_len;       // per sentence
  std::vector<std::uint64_t> src_prefix, tgt_prefix;  // prefix sums of lengths
  std::vector<std::uint32_t> src_para, tgt_para;
  // prior_cost[a][b] = -log P(a-b), +inf where not allowed.
  double prior_cost[9][9];

  double delta(std::uint32_t i, int a, std::uint32_t j, int b) const {
    const double l1 = static_cast<double>(src_prefix[i + a] - src_prefix[i]);
    const double l2 = static_cast<double>(tgt_prefix[j + b] - tgt_prefix[j]);
    const double mean = (l1 + l2 / c) / 2.0;
    if (mean <= 0.0) return 0.0;
    return (l2 - c * l1) / std::sqrt(mean * model.length.s2);
  }
};

BeadScorer::BeadScorer(const Model& model, std::span<const Sentence> src,
                       std::span<const Sentence> tgt)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.model = model;
  auto fill = [](std::span<const Sentence> side, std::vector<std::uint32_t>& len,
                 std::vector<std::uint64_t>& prefix, std::vector<std::uint32_t>& para) {
    len.reserve(side.size());
    prefix.assign(1, 0);
    prefix.reserve(side.size() + 1);
    for (const Sentence& s : side) {
      len.push_back(alignment_length(s.text));
      prefix.push_back(prefix.back() + len.back());
      para.push_back(s.paragraph);
    }
  };
  fill(src, m.src_len, m.src_prefix, m.src_para);
  fill(tgt, m.tgt_len, m.tgt_prefix, m.tgt_para);
  m.c = document_length_ratio(model.length, m.src_prefix.back(), m.tgt_prefix.back());
  for (auto& row : m.prior_cost)
    for (double& v : row) v = std::numeric_limits<double>::infinity();
  for (const auto& [type, p] : model.priors)
    if (type.src <= 8 && type.tgt <= 8 && p > 0) m.prior_cost[type.src][type.tgt] = -std::log(p);
}

BeadScorer::~BeadScorer() = default;
BeadScorer::BeadScorer(BeadScorer&&) noexcept = default;
BeadScorer& BeadScorer::operator=(BeadScorer&&) noexcept = default;

std::uint32_t BeadScorer::src_size() const { return static_cast<std::uint32_t>(impl_->src_len.size()); }
std::uint32_t BeadScorer::tgt_size() const { return static_cast<std::uint32_t>(impl_->tgt_len.size()); }
std::uint32_t BeadScorer::src_length(std::uint32_t k) const { return impl_->src_len[k]; }
std::uint32_t BeadScorer::tgt_length(std::uint32_t k) const { return impl_->tgt_len[k]; }

std::vector<BeadType> BeadScorer::bead_types(int max_side) const {
  std::vector<BeadType> types;
  for (const auto& [type, p] : impl_->model.priors)
    if (type.src <= max_side && type.tgt <= max_side && p > 0) types.push_back(type);
  return types;
}

double BeadScorer::cost(std::uint32_t i, int a, std::uint32_t j, int b) const {
  const Impl& m = *impl_;
  double cost = m.prior_cost[a][b];
  cost += neg_log_two_tailed(m.delta(i, a, j, b));
  if (a > 1 && m.src_para[i] != m.src_para[i + a - 1]) cost += m.model.paragraph_penalty;
  if (b > 1 && m.tgt_para[j] != m.tgt_para[j + b - 1]) cost += m.model.paragraph_penalty;
  return cost;
}

double BeadScorer::confidence(std::uint32_t i, int a, std::uint32_t j, int b) const {
  if (a == 0 || b == 0) return 0.0;
  return std::erfc(std::abs(impl_->delta(i, a, j, b)) / std::numbers::sqrt2);
}

}  // namespace jisr
