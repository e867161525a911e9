#include "jisr/train.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <cmath>
#include <numbers>
#include <map>
#include <optional>
#include <span>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/eval.hpp"
#include "align/headings.hpp"
#include "align/pipeline.hpp"
#include "align/realign.hpp"
#include "align/score.hpp"
#include "evidence/clauses.hpp"

namespace jisr {

std::vector<BeadType> default_bead_types(int max_side) {
  std::vector<BeadType> types{{1, 0}, {0, 1}, {1, 1}};
  if (max_side >= 2) types.push_back({2, 2});
  for (int k = 2; k <= max_side; ++k) {
    types.push_back({1, k});
    types.push_back({k, 1});
  }
  return types;
}

namespace {

Document as_document(const std::vector<Sentence>& sentences, const std::string& lang) {
  Document d;
  d.lang = lang;
  d.sentences = sentences;
  return d;
}

// p_match per anchor type, measured on the gold beads (see train.hpp).
std::map<AnchorType, double> estimate_p_match(std::span<const AlignedDocument> docs,
                                              const std::vector<DocumentAnchors>& anchors) {
  std::map<AnchorType, double> matched, total;
  for (std::size_t n = 0; n < docs.size(); ++n) {
    const AlignedDocument& d = docs[n];
    const DocumentAnchors& a = anchors[n];
    std::vector<bool> on_src(a.keys.size(), false), on_tgt(a.keys.size(), false);
    for (const std::uint32_t id : a.src.ids) on_src[id] = true;
    for (const std::uint32_t id : a.tgt.ids) on_tgt[id] = true;
    for (const Bead& b : d.gold) {
      if (!b.is_pair()) continue;
      std::map<std::uint32_t, std::pair<int, int>> counts;
      for (std::uint32_t k = b.src_begin; k < b.src_end; ++k)
        for (const std::uint32_t id : a.src[k]) ++counts[id].first;
      for (std::uint32_t k = b.tgt_begin; k < b.tgt_end; ++k)
        for (const std::uint32_t id : a.tgt[k]) ++counts[id].second;
      for (const auto& [id, c] : counts) {
        if (!on_src[id] || !on_tgt[id]) continue;
        const AnchorType t = a.types[id];
        matched[t] += std::min(c.first, c.second);
        total[t] += (c.first + c.second) / 2.0;
      }
    }
  }
  std::map<AnchorType, double> p;
  for (const auto& [t, n] : total)
    if (n >= 5) p[t] = std::clamp(matched[t] / n, 0.05, 0.98);
  return p;
}

// A word translation table learned from gold beads (taken as certain).
TranslationTable learn_from_gold(const Model& model, std::span<const AlignedDocument> docs,
                                 const TrainOptions& options) {
  std::vector<Document> srcs, tgts;
  std::vector<Alignment> golds;
  srcs.reserve(docs.size());
  tgts.reserve(docs.size());
  golds.reserve(docs.size());
  for (const AlignedDocument& d : docs) {
    srcs.push_back(as_document(d.src, options.src_lang));
    tgts.push_back(as_document(d.tgt, options.tgt_lang));
    golds.push_back(d.gold);
    for (Bead& b : golds.back()) b.score = b.costs.confidence = 1.0;
  }
  std::vector<AlignedPair> aligned;
  for (std::size_t k = 0; k < docs.size(); ++k) aligned.push_back({&srcs[k], &tgts[k], &golds[k]});
  return learn_translations(model, aligned);
}

// Tries the settings xs × ys on copies of `m` (`set` makes a copy's
// setting, false to skip it) and keeps in `m` the first that raises `best`
// (the score `f1` gives, updated).
template <typename Score, typename Set>
void tune_on_grid(Model& m, double& best, std::initializer_list<double> xs, std::initializer_list<double> ys,
                  const Score& f1, const Set& set) {
  Model chosen = m;
  for (const double x : xs) {
    for (const double y : ys) {
      Model trial = m;
      if (!set(trial, x, y)) continue;
      const double score = f1(trial);
      if (score > best + 1e-9) {
        best = score;
        chosen = std::move(trial);
      }
    }
  }
  m = std::move(chosen);
}

}  // namespace

double gale_church_bead_share(BeadType t) {
  if (t.src == 1 && t.tgt == 1) return 0.89;
  if ((t.src == 1 && t.tgt == 0) || (t.src == 0 && t.tgt == 1)) return 0.0099 / 2;
  if ((t.src == 1 && t.tgt == 2) || (t.src == 2 && t.tgt == 1)) return 0.089 / 2;
  if (t.src == 2 && t.tgt == 2) return 0.011;
  return 0;
}

std::map<BeadType, double> fit_bead_priors(const std::map<BeadType, double>& counts,
                                           const std::vector<BeadType>& types, double alpha) {
  constexpr int kFeatures = 6;
  using Vec = std::array<double, kFeatures>;
  auto features = [](BeadType t) {
    Vec phi{};
    if (t.src == 1 && t.tgt == 0) phi[0] = 1;
    else if (t.src == 0 && t.tgt == 1) phi[1] = 1;
    else if (!(t.src == 1 && t.tgt == 1)) {
      phi[2] = 1;
      phi[3] = std::max(t.src, t.tgt) - 2;
      phi[4] = t.src > t.tgt ? 1 : 0;
      phi[5] = std::min(t.src, t.tgt) > 1 ? 1 : 0;
    }
    return phi;
  };
  std::vector<Vec> phi;
  std::vector<double> n;
  double total = 0;
  Vec observed{};
  for (const BeadType t : types) {
    phi.push_back(features(t));
    const auto it = counts.find(t);
    n.push_back(it == counts.end() ? 0.0 : it->second);
    total += n.back();
    for (int f = 0; f < kFeatures; ++f) observed[f] += n.back() * phi.back()[f];
  }
  Vec theta{};
  std::vector<double> p(types.size());
  auto probabilities = [&] {
    double z = 0;
    for (std::size_t t = 0; t < types.size(); ++t) {
      double s = 0;
      for (int f = 0; f < kFeatures; ++f) s += theta[f] * phi[t][f];
      p[t] = std::exp(s);
      z += p[t];
    }
    for (double& v : p) v /= z;
  };
  // Newton's method on the concave penalised log-likelihood.
  for (int iteration = 0; iteration < 200; ++iteration) {
    probabilities();
    Vec mean{}, grad{};
    for (std::size_t t = 0; t < types.size(); ++t)
      for (int f = 0; f < kFeatures; ++f) mean[f] += p[t] * phi[t][f];
    std::array<Vec, kFeatures> h{};
    for (int f = 0; f < kFeatures; ++f) {
      grad[f] = observed[f] - total * mean[f] - alpha * theta[f];
      for (int g = 0; g < kFeatures; ++g) {
        double cov = 0;
        for (std::size_t t = 0; t < types.size(); ++t) cov += p[t] * (phi[t][f] - mean[f]) * (phi[t][g] - mean[g]);
        h[f][g] = total * cov + (f == g ? alpha : 0.0);
      }
    }
    // Solve h · step = grad (h is positive definite) by Gaussian elimination.
    Vec step = grad;
    for (int col = 0; col < kFeatures; ++col) {
      const double pivot = h[col][col];
      if (pivot <= 1e-12) continue;
      for (int row = col + 1; row < kFeatures; ++row) {
        const double r = h[row][col] / pivot;
        for (int k = col; k < kFeatures; ++k) h[row][k] -= r * h[col][k];
        step[row] -= r * step[col];
      }
    }
    for (int row = kFeatures - 1; row >= 0; --row) {
      if (h[row][row] <= 1e-12) {
        step[row] = 0;
        continue;
      }
      for (int k = row + 1; k < kFeatures; ++k) step[row] -= h[row][k] * step[k];
      step[row] /= h[row][row];
    }
    // Damped: no parameter moves by more than one per step, so that the
    // steps do not overshoot while a never-seen shape heads far below zero.
    double change = 0;
    for (int f = 0; f < kFeatures; ++f) change = std::max(change, std::abs(step[f]));
    const double scale = change > 1.0 ? 1.0 / change : 1.0;
    for (int f = 0; f < kFeatures; ++f) theta[f] += scale * step[f];
    if (change < 1e-10) break;
  }
  probabilities();
  std::map<BeadType, double> priors;
  for (std::size_t t = 0; t < types.size(); ++t) priors[types[t]] = p[t];
  return priors;
}

namespace {

// The bead counts of one document aligned by `model`.
Counts document_counts(const Model& model, const AlignedDocument& d, const std::string& src_lang,
                       const std::string& tgt_lang, const DocumentAnchors* anchors, const DocumentClauses* clauses) {
  const Document src = as_document(d.src, src_lang), tgt = as_document(d.tgt, tgt_lang);
  const DocumentClauses* c = clauses != nullptr && uses_clauses(model) ? clauses : nullptr;
  const Alignment test = anchors != nullptr ? align_with_anchors(model, src, tgt, *anchors, {}, c)
                                            : align_documents(model, src, tgt);
  return count_matches(d.gold, test);
}

}  // namespace

double strict_f1_on(const Model& model, std::span<const AlignedDocument> docs, const std::string& src_lang,
                    const std::string& tgt_lang, const std::vector<DocumentAnchors>* anchors,
                    const std::vector<DocumentClauses>* clauses, std::span<const std::size_t> groups) {
  if (!groups.empty()) {
    // The mean over groups of each group's pooled F1.
    if (groups.size() != docs.size()) throw std::invalid_argument("strict_f1_on: one group per document expected");
    std::map<std::size_t, Counts> by_group;
    for (std::size_t n = 0; n < docs.size(); ++n)
      by_group[groups[n]] += document_counts(model, docs[n], src_lang, tgt_lang,
                                             anchors != nullptr ? &(*anchors)[n] : nullptr,
                                             clauses != nullptr ? &(*clauses)[n] : nullptr);
    double sum = 0;
    for (const auto& [group, counts] : by_group) sum += strict_prf(counts).f1;
    return sum / static_cast<double>(by_group.size());
  }
  Counts counts;
  for (std::size_t n = 0; n < docs.size(); ++n)
    counts += document_counts(model, docs[n], src_lang, tgt_lang, anchors != nullptr ? &(*anchors)[n] : nullptr,
                              clauses != nullptr ? &(*clauses)[n] : nullptr);
  return strict_prf(counts).f1;
}

// Outliers' uniform density spans this many standard deviations each way.
constexpr double kOutlierRange = 20.0;

// Share of length outliers by EM on a mixture of densities: the normal
// density of z (a bead's delta over its standard deviation) for inliers, a
// uniform density on |z| <= kOutlierRange for outliers (see
// LengthStats::outlier).
double fit_outlier_share(std::span<const double> z) {
  double eps = 0.01;
  for (int iteration = 0; iteration < 100; ++iteration) {
    double responsibility = 0;
    for (const double x : z) {
      const double inlier = std::exp(-x * x / 2) / std::sqrt(2 * std::numbers::pi);
      const double outlier = 1.0 / (2 * kOutlierRange);
      responsibility += eps * outlier / ((1 - eps) * inlier + eps * outlier);
    }
    eps = std::clamp(responsibility / std::max(static_cast<double>(z.size()), 1.0), 1e-4, 0.5);
  }
  return eps;
}

// The outlier share of heading pairs (LengthStats::outlier_heading): fitted
// by EM on the gold's one-to-one beads of two short heading lines whose
// keys agree (align/headings.hpp), together with a variance of their own.
// Such pairs mostly match closely (a date, a name), and an organisation's
// full name against its short name is far out; measured with the variance
// of all open lines, it would pass for the tail of a normal. The scorer
// keeps the open lines' variance, so that the share only ever lowers a
// heading pair's cost: it is at least outlier_open. The outliers' uniform
// density spans kOutlierRange standard deviations of the open lines. Unset
// where the gold holds fewer than `min_beads` such pairs.
std::optional<double> fit_heading_outliers(const Model& m, std::span<const AlignedDocument> docs,
                                           std::span<const DocumentAnchors> anchors, std::size_t min_beads) {
  std::vector<double> x;  // residuals per square root of length unit
  for (std::size_t n = 0; n < docs.size(); ++n) {
    const AlignedDocument& d = docs[n];
    const HeadingKeys keys = heading_keys(d.src, d.tgt, anchors[n]);
    if (!keys.valid) continue;
    const TranslatorInsertions insertions = translator_insertions(d.src, d.tgt);
    const SideLengths totals = document_lengths(d.src, d.tgt);
    const double c = document_length_ratio(m.length, totals.src, totals.tgt);
    for (const Bead& b : d.gold) {
      if (b.src_size() != 1 || b.tgt_size() != 1) continue;
      const double l1 = alignment_length(d.src[b.src_begin].text, insertions.src);
      const double l2 = alignment_length(d.tgt[b.tgt_begin].text, insertions.tgt);
      if (l1 > kMaxHeadingLength || l2 > kMaxHeadingLength || l1 + l2 <= 0 ||
          !heading_keys_agree(keys.src[b.src_begin], keys.tgt[b.tgt_begin], keys.types))
        continue;
      x.push_back((l2 - c * l1) / std::sqrt((l1 + l2 / c) / 2));
    }
  }
  if (x.size() < min_beads) return std::nullopt;
  const double outlier_density = 1.0 / (2 * kOutlierRange * std::sqrt(m.length.s2_open));
  // Started from a robust variance (the median square over its value for a
  // standard normal, 0.455), so that the far-out pairs do not widen the
  // normal until it holds them.
  std::vector<double> squares;
  for (const double v : x) squares.push_back(v * v);
  std::nth_element(squares.begin(), squares.begin() + static_cast<std::ptrdiff_t>(squares.size() / 2), squares.end());
  double s2 = std::max(squares[squares.size() / 2] / 0.455, 1e-3), eps = 0.01;
  for (int iteration = 0; iteration < 200; ++iteration) {
    double responsibility = 0, sq = 0, weight = 0;
    for (const double v : x) {
      const double inlier = std::exp(-v * v / (2 * s2)) / std::sqrt(2 * std::numbers::pi * s2);
      const double r = eps * outlier_density / ((1 - eps) * inlier + eps * outlier_density);
      responsibility += r;
      sq += (1 - r) * v * v;
      weight += 1 - r;
    }
    eps = std::clamp(responsibility / static_cast<double>(x.size()), 1e-4, 0.5);
    s2 = std::max(sq / std::max(weight, 1.0), 1e-3);
  }
  return std::max(eps, m.length.outlier_open);
}

Model estimate_model(std::span<const AlignedDocument> docs, const TrainOptions& options) {
  double sum_l1 = 0, sum_l2 = 0;
  std::vector<std::pair<double, double>> pairs;
  std::vector<bool> open_pair;  // no sentence of the bead ends in final punctuation
  std::vector<std::size_t> doc_end;  // pairs of document k end at doc_end[k]
  std::vector<std::pair<double, double>> doc_totals;
  std::map<BeadType, double> counts;
  std::size_t beads = 0;
  double ending_counts[3][2] = {};
  for (const AlignedDocument& d : docs) {
    // The lengths the scorer will use (translator_insertions, score.hpp).
    const TranslatorInsertions insertions = translator_insertions(d.src, d.tgt);
    auto length = [](const std::vector<Sentence>& side, bool skip, std::uint32_t b, std::uint32_t e) {
      double l = 0;
      for (std::uint32_t k = b; k < e; ++k) l += alignment_length(side[k].text, skip);
      return l;
    };
    const std::vector<bool> src_open = open_lines(d.src, options.runs_on);
    const std::vector<bool> tgt_open = open_lines(d.tgt, options.runs_on);
    for (const Bead& b : d.gold) {
      ++beads;
      counts[{static_cast<int>(b.src_size()), static_cast<int>(b.tgt_size())}] += 1;
      const int cls = bead_class(static_cast<int>(b.src_size()), static_cast<int>(b.tgt_size()));
      for (std::uint32_t k = b.src_begin; k < b.src_end; ++k)
        ending_counts[cls][src_open[k] ? 1 : 0] += 1;
      for (std::uint32_t k = b.tgt_begin; k < b.tgt_end; ++k)
        ending_counts[cls][tgt_open[k] ? 1 : 0] += 1;
      if (!b.is_pair()) continue;
      const double l1 = length(d.src, insertions.src, b.src_begin, b.src_end);
      const double l2 = length(d.tgt, insertions.tgt, b.tgt_begin, b.tgt_end);
      sum_l1 += l1;
      sum_l2 += l2;
      pairs.emplace_back(l1, l2);
      bool all_open = true;
      for (std::uint32_t k = b.src_begin; k < b.src_end; ++k) all_open = all_open && src_open[k];
      for (std::uint32_t k = b.tgt_begin; k < b.tgt_end; ++k) all_open = all_open && tgt_open[k];
      open_pair.push_back(all_open);
    }
    doc_end.push_back(pairs.size());
    const SideLengths totals = document_lengths(d.src, d.tgt);
    doc_totals.emplace_back(static_cast<double>(totals.src), static_cast<double>(totals.tgt));
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
  std::vector<double> deltas;  // residuals per sqrt(character); scaled by s² below
  // s² is measured around the ratio the scorer will use for each document.
  double sq = 0, weight = 0, sq_open = 0, weight_open = 0;
  std::size_t k = 0, n_open = 0;
  for (std::size_t d = 0; d < doc_end.size(); ++d) {
    const double c = document_length_ratio(m.length, static_cast<std::uint64_t>(doc_totals[d].first),
                                           static_cast<std::uint64_t>(doc_totals[d].second));
    for (; k < doc_end[d]; ++k) {
      const auto [l1, l2] = pairs[k];
      const double r = l2 - c * l1;
      sq += r * r;
      weight += (l1 + l2 / c) / 2;
      if (open_pair[k]) {
        sq_open += r * r;
        weight_open += (l1 + l2 / c) / 2;
        ++n_open;
      }
      deltas.push_back(r / std::sqrt((l1 + l2 / c) / 2 * 1.0));
    }
  }
  // Gold whose lengths fit one ratio exactly gives 0, which would divide by
  // zero below and in the scorer: keep to the smallest variance a model may hold.
  m.length.s2 = std::max(sq / weight, 1e-3);
  // Headings, datelines and other lines without final punctuation are
  // translated more freely: their own variance, where there are enough.
  constexpr std::size_t kMinOpenBeads = 20;
  m.length.s2_open = n_open >= kMinOpenBeads ? std::max(sq_open / weight_open, 1e-3) : m.length.s2;
  // Outlier shares (fit_outlier_share). Beads of open lines (headings) get
  // their own share, fitted on them alone, where there are enough.
  auto outlier_share = [&](bool open_only, double s2) {
    std::vector<double> z;
    for (std::size_t x = 0; x < deltas.size(); ++x)
      if (!open_only || open_pair[x]) z.push_back(deltas[x] / std::sqrt(s2));
    return fit_outlier_share(z);
  };
  m.length.outlier = outlier_share(false, m.length.s2);
  m.length.outlier_open = n_open >= kMinOpenBeads ? outlier_share(true, m.length.s2_open) : m.length.outlier;
  const std::vector<BeadType> types = default_bead_types(options.max_side);
  for (const BeadType t : types) {
    const double pseudo = options.gale_church_beads * gale_church_bead_share(t);
    if (pseudo > 0) counts[t] += pseudo;
  }
  m.priors = fit_bead_priors(counts, types, options.alpha);

  // Ending costs, with add-one smoothing.
  double all[2] = {0, 0};
  for (const auto& c : ending_counts) {
    all[0] += c[0];
    all[1] += c[1];
  }
  for (std::size_t cls = 0; cls < 3; ++cls) {
    const double n = ending_counts[cls][0] + ending_counts[cls][1] + 2;
    for (std::size_t u = 0; u < 2; ++u) {
      const double p_given = (ending_counts[cls][u] + 1) / n;
      const double p = (all[u] + 1) / (all[0] + all[1] + 2);
      m.ending_cost[cls][u] = -std::log(p_given / p);
    }
  }

  m.anchors.lexicon = options.lexicon_for_training;
  m.anchors.dictionary = options.dictionary;
  if (options.learn_translations) m.anchors.translations = learn_from_gold(m, docs, options);
  m.load_dictionary(std::filesystem::current_path());
  // Anchors depend on the lexicon and dictionary, not on the weights being
  // estimated and tuned: find them once.
  m.clauses.rules = options.clause_rules;
  m.furniture = options.furniture;
  m.runs_on = options.runs_on;
  std::vector<DocumentAnchors> anchors;
  std::vector<DocumentClauses> clauses(docs.size());
  anchors.reserve(docs.size());
  for (std::size_t n = 0; n < docs.size(); ++n)
    anchors.push_back(find_document_anchors(m, as_document(docs[n].src, options.src_lang),
                                            as_document(docs[n].tgt, options.tgt_lang), 1, &clauses[n]));
  m.anchors.p_match = estimate_p_match(docs, anchors);
  m.length.outlier_heading = fit_heading_outliers(m, docs, anchors, kMinOpenBeads);
  auto f1 = [&](const Model& trial) {
    return strict_f1_on(trial, docs, options.src_lang, options.tgt_lang, &anchors, &clauses, options.groups);
  };
  double best = -1;
  if (options.tune_anchors) {
    tune_on_grid(m, best, {0.25, 0.5, 0.75, 1.0, 1.5}, {3.0, 5.0, 8.0}, f1, [](Model& t, double scale, double cap) {
      t.anchors.weight = scale;
      t.anchors.cap = cap;
      return true;
    });
    if (!m.clauses.rules.empty())
      tune_on_grid(m, best, {0.0, 0.25, 0.5}, {0.0, 0.5, 1.0}, f1, [](Model& t, double length, double anchor) {
        t.clauses.length_weight = length;
        t.clauses.anchor_weight = anchor;
        return length > 0 || anchor > 0;
      });
    // The split evidence after the clause weights it builds on; kept off
    // unless it raises F1 on the training documents.
    if (!m.clauses.rules.empty() && (m.clauses.length_weight > 0 || m.clauses.anchor_weight > 0))
      tune_on_grid(m, best, {1.0, 2.0, 4.0}, {0.0}, f1, [](Model& t, double split, double) {
        t.clauses.split_weight = split;
        return true;
      });
    // Page furniture: the rules' own cost unless another raises F1.
    if (!m.furniture.kinds.empty())
      tune_on_grid(m, best, {2.0, 5.0, 10.0}, {0.0}, f1, [](Model& t, double cost, double) {
        t.furniture.cost = cost;
        return true;
      });
  }
  if (options.tune_merge_prior) {
    if (best < 0) best = f1(m);
    tune_on_grid(m, best, {0.3, 0.1, 0.03}, {0.0}, f1, [](Model& t, double scale, double) {
      for (auto& [type, p] : t.priors)
        if (type.src >= 2 && type.tgt >= 2) p *= scale;
      return true;
    });
  }
  m.anchors.lexicon = options.lexicon;
  return m;
}

}  // namespace jisr
