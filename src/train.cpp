#include "jisr/train.hpp"

#include <map>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/score.hpp"

namespace jisr {

std::vector<BeadType> default_bead_types(int max_side) {
  std::vector<BeadType> types{{1, 0}, {0, 1}};
  for (int a = 1; a <= max_side; ++a)
    for (int b = 1; b <= max_side; ++b)
      if (std::min(a, b) <= 2) types.push_back({a, b});
  return types;
}

Model estimate_model(std::span<const AlignedDocument> docs, const TrainOptions& options) {
  double sum_l1 = 0, sum_l2 = 0;
  std::vector<std::pair<double, double>> pairs;
  std::vector<std::size_t> doc_end;  // pairs of document k end at doc_end[k]
  std::vector<std::pair<double, double>> doc_totals;
  std::map<BeadType, double> counts;
  std::size_t beads = 0;
  for (const AlignedDocument& d : docs) {
    auto length = [](const std::vector<Sentence>& side, std::uint32_t b, std::uint32_t e) {
      double l = 0;
      for (std::uint32_t k = b; k < e; ++k) l += alignment_length(side[k].text);
      return l;
    };
    for (const Bead& b : d.gold) {
      ++beads;
      counts[{static_cast<int>(b.src_size()), static_cast<int>(b.tgt_size())}] += 1;
      if (!b.is_pair()) continue;
      const double l1 = length(d.src, b.src_begin, b.src_end);
      const double l2 = length(d.tgt, b.tgt_begin, b.tgt_end);
      sum_l1 += l1;
      sum_l2 += l2;
      pairs.emplace_back(l1, l2);
    }
    doc_end.push_back(pairs.size());
    double t1 = 0, t2 = 0;
    for (const Sentence& s : d.src) t1 += alignment_length(s.text);
    for (const Sentence& s : d.tgt) t2 += alignment_length(s.text);
    doc_totals.emplace_back(t1, t2);
  }
  if (pairs.empty() || sum_l1 <= 0)
    throw InputError("training data holds no bead with both sides non-empty");
  Model m;
  m.name = options.name;
  m.src_lang = options.src_lang;
  m.tgt_lang = options.tgt_lang;
  m.provenance = options.provenance;
  m.length.c = sum_l2 / sum_l1;
  m.length.per_document = options.per_document;
  // s² is measured around the ratio the scorer will use for each document.
  double sq = 0, weight = 0;
  std::size_t k = 0;
  for (std::size_t d = 0; d < doc_end.size(); ++d) {
    const double c = document_length_ratio(m.length, static_cast<std::uint64_t>(doc_totals[d].first),
                                           static_cast<std::uint64_t>(doc_totals[d].second));
    for (; k < doc_end[d]; ++k) {
      const auto [l1, l2] = pairs[k];
      const double r = l2 - c * l1;
      sq += r * r;
      weight += (l1 + l2 / c) / 2;
    }
  }
  m.length.s2 = sq / weight;
  const auto types = default_bead_types(options.max_side);
  double total = 0;
  for (const BeadType t : types) total += counts[t] + options.alpha;
  for (const BeadType t : types) m.priors[t] = (counts[t] + options.alpha) / total;
  return m;
}

}  // namespace jisr
