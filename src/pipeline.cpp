#include "jisr/pipeline.hpp"

#include "jisr/score.hpp"

#include <cstdint>

namespace jisr {

namespace {

std::vector<std::vector<AnchorKey>> side_anchors(const Model& model, const Document& doc,
                                                 bool is_src) {
  AnchorOptions options;
  options.lang = doc.lang;
  options.lexicon = model.anchors.lexicon;
  options.lexicon_side_is_src = is_src;
  options.dictionary = model.anchors.dictionary_data.get();
  options.dictionary_side_is_src = is_src;
  const AnchorExtractor extractor(options);
  std::vector<std::vector<AnchorKey>> keys;
  keys.reserve(doc.sentences.size());
  for (const Sentence& s : doc.sentences) keys.push_back(extractor.find(s.text));
  return keys;
}

}  // namespace

DocumentAnchors find_document_anchors(const Model& model, const Document& src,
                                      const Document& tgt) {
  DocumentAnchors a;
  a.src = side_anchors(model, src, true);
  a.tgt = side_anchors(model, tgt, false);
  match_names(a.src, a.tgt);
  return a;
}

double document_variance(const Model& model, const Document& src, const Document& tgt,
                         const Alignment& alignment) {
  std::uint64_t src_total = 0, tgt_total = 0;
  std::vector<std::uint32_t> src_len, tgt_len;
  for (const Sentence& s : src.sentences) src_total += src_len.emplace_back(alignment_length(s.text));
  for (const Sentence& s : tgt.sentences) tgt_total += tgt_len.emplace_back(alignment_length(s.text));
  const double c = document_length_ratio(model.length, src_total, tgt_total);
  double sq = 0, weight = 0;
  std::size_t pairs = 0;
  for (const Bead& b : alignment) {
    if (!b.is_pair()) continue;
    double l1 = 0, l2 = 0;
    for (std::uint32_t k = b.src_begin; k < b.src_end; ++k) l1 += src_len[k];
    for (std::uint32_t k = b.tgt_begin; k < b.tgt_end; ++k) l2 += tgt_len[k];
    sq += (l2 - c * l1) * (l2 - c * l1);
    weight += (l1 + l2 / c) / 2;
    ++pairs;
  }
  // Shrink towards the model's variance with the weight of kPriorBeads beads.
  constexpr double kPriorBeads = 20;
  if (pairs == 0 || weight <= 0) return model.length.s2;
  const double mean_weight = weight / static_cast<double>(pairs);
  return (sq + kPriorBeads * mean_weight * model.length.s2) / (weight + kPriorBeads * mean_weight);
}

Alignment align_with_anchors(const Model& model, const Document& src, const Document& tgt,
                             const DocumentAnchors& a, const AlignOptions& options) {
  auto run = [&](const Model& m) {
    return model.use_anchors ? align(BeadScorer(m, src.sentences, tgt.sentences, &a.src, &a.tgt), options)
                             : align(BeadScorer(m, src.sentences, tgt.sentences), options);
  };
  Alignment first = run(model);
  if (!model.length.per_document) return first;
  // Translations differ in how freely they follow the source: measure the
  // length variance on this pair's own first alignment and, if it differs
  // markedly from the model's, align again with it.
  Model adapted = model;
  adapted.length.s2 = document_variance(model, src, tgt, first);
  const double ratio = adapted.length.s2 / model.length.s2;
  if (ratio < 1.25 && ratio > 0.8) return first;
  return run(adapted);
}

Alignment align_documents(const Model& model, const Document& src, const Document& tgt,
                          const AlignOptions& options) {
  DocumentAnchors a;
  if (model.use_anchors) a = find_document_anchors(model, src, tgt);
  return align_with_anchors(model, src, tgt, a, options);
}

}  // namespace jisr
