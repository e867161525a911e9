#include "align/realign.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "jisr/anchors.hpp"
#include "evidence/dictionary.hpp"
#include "align/pipeline.hpp"

namespace jisr {

namespace {

// Interns strings into dense ids.
struct Vocabulary {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::string> words;
  std::vector<std::uint32_t> counts;
  std::uint32_t id(const std::string& w) {
    const auto [it, inserted] = ids.emplace(w, static_cast<std::uint32_t>(words.size()));
    if (inserted) {
      words.push_back(w);
      counts.push_back(0);
    }
    ++counts[it->second];
    return it->second;
  }
};

struct Example {
  std::vector<std::uint32_t> src, tgt;  // source ids (0 = NULL first), target ids
};

}  // namespace

TranslationTable learn_translations(const Model& model, std::span<const AlignedPair> pairs,
                                    const LearnOptions& options) {
  Vocabulary sv, tv;
  sv.id("");  // NULL
  std::vector<Example> examples;
  for (const AlignedPair& p : pairs) {
    AnchorOptions so, to;
    so.lang = p.src->lang;
    to.lang = p.tgt->lang;
    so.dictionary_side_is_src = true;
    to.dictionary_side_is_src = false;
    const AnchorExtractor se(so), te(to);
    for (const Bead& b : *p.beads) {
      if (!b.is_pair() || b.costs.confidence < options.min_score || b.src_size() > 2 || b.tgt_size() > 2) continue;
      if (b.src_size() == 2 && b.tgt_size() == 2) continue;
      Example ex;
      ex.src.push_back(0);
      for (auto k = b.src_begin; k < b.src_end; ++k)
        for (const std::string& w : se.words(p.src->sentences[k].text)) ex.src.push_back(sv.id(w));
      for (auto k = b.tgt_begin; k < b.tgt_end; ++k)
        for (const std::string& w : te.words(p.tgt->sentences[k].text)) ex.tgt.push_back(tv.id(w));
      if (ex.src.size() > 1 && !ex.tgt.empty()) examples.push_back(std::move(ex));
    }
  }
  (void)model;
  // t(e|f) over co-occurring pairs, keyed by (f << 32 | e), initialised uniformly.
  auto key = [](std::uint32_t f, std::uint32_t e) { return (std::uint64_t{f} << 32) | e; };
  std::unordered_map<std::uint64_t, double> t;
  for (const Example& ex : examples)
    for (const std::uint32_t f : ex.src)
      for (const std::uint32_t e : ex.tgt) t.emplace(key(f, e), 1.0);
  std::unordered_map<std::uint64_t, double> count;
  std::vector<double> total(sv.words.size());
  for (int it = 0; it < options.iterations; ++it) {
    count.clear();
    std::fill(total.begin(), total.end(), 0.0);
    for (const Example& ex : examples) {
      for (const std::uint32_t e : ex.tgt) {
        double z = 0;
        for (const std::uint32_t f : ex.src) z += t[key(f, e)];
        for (const std::uint32_t f : ex.src) {
          const double c = t[key(f, e)] / z;
          count[key(f, e)] += c;
          total[f] += c;
        }
      }
    }
    for (auto& [k, v] : t) v = count[k] / total[k >> 32];
  }
  // Keep, per source word, its likeliest targets.
  std::vector<std::vector<std::pair<double, std::uint32_t>>> best(sv.words.size());
  for (const auto& [k, p] : t) {
    const auto f = static_cast<std::uint32_t>(k >> 32), e = static_cast<std::uint32_t>(k & 0xFFFFFFFFu);
    if (f == 0 || p < options.min_probability) continue;
    if (sv.counts[f] < static_cast<std::uint32_t>(options.min_count) ||
        tv.counts[e] < static_cast<std::uint32_t>(options.min_count))
      continue;
    best[f].emplace_back(p, e);
  }
  TranslationTable table;
  for (std::size_t f = 1; f < best.size(); ++f) {
    auto& b = best[f];
    if (b.empty()) continue;
    std::sort(b.begin(), b.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    auto& out = table[sv.words[f]];
    for (std::size_t k = 0; k < b.size() && static_cast<int>(k) < options.max_translations; ++k)
      out.push_back(tv.words[b[k].second]);
  }
  return table;
}

Model with_translations(const Model& model, const TranslationTable& table) {
  Model m = model;
  auto d = std::make_shared<Dictionary>(model.anchors.dictionary_data);  // an overlay, no copy
  // What the model already knows comes first; learned words fill in behind.
  for (const auto& [word, targets] : table) d->add_translations(word, targets, /*in_front=*/false);
  m.anchors.dictionary_data = std::move(d);
  return m;
}

Alignment realign_documents(const Model& model, const Document& src, const Document& tgt,
                            const AlignOptions& options, const LearnOptions& learn, std::size_t min_pairs) {
  const detail::ExtractorPool pool(model);
  return realign_documents(pool, src, tgt, options, learn, min_pairs);
}

Alignment realign_documents(const detail::ExtractorPool& pool, const Document& src, const Document& tgt,
                            const AlignOptions& options, const LearnOptions& learn, std::size_t min_pairs) {
  const Model& model = pool.model();
  Alignment first = align_documents(pool, src, tgt, options);
  if (!model.use_anchors) return first;
  const std::size_t confident = static_cast<std::size_t>(std::count_if(
      first.begin(), first.end(), [&](const Bead& b) { return b.is_pair() && b.costs.confidence >= learn.min_score; }));
  if (confident < min_pairs) return first;
  const AlignedPair pair{&src, &tgt, &first};
  const TranslationTable table = learn_translations(model, std::span<const AlignedPair>(&pair, 1), learn);
  return align_documents(with_translations(model, table), src, tgt, options);
}

}  // namespace jisr
