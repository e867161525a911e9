#include "jisr/pipeline.hpp"

#include "jisr/score.hpp"

namespace jisr {

namespace {

std::vector<std::vector<AnchorKey>> side_anchors(const Model& model, const Document& doc,
                                                 bool is_src) {
  AnchorOptions options;
  options.lang = doc.lang;
  options.lexicon = model.anchors.lexicon;
  options.lexicon_side_is_src = is_src;
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

Alignment align_documents(const Model& model, const Document& src, const Document& tgt,
                          const AlignOptions& options) {
  if (!model.use_anchors) return align(BeadScorer(model, src.sentences, tgt.sentences), options);
  const DocumentAnchors a = find_document_anchors(model, src, tgt);
  return align(BeadScorer(model, src.sentences, tgt.sentences, &a.src, &a.tgt), options);
}

}  // namespace jisr
