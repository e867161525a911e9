// Input: a Model, two split documents and their DocumentAnchors (as
// find_document_anchors returns them). Output: where in each sentence the
// anchor keys were found, as byte ranges, for showing the evidence to a
// reader (the review page highlights the keys a bead's two sides share).
//
// The extractor reports keys, not positions; the positions are recovered by
// running it again on each word (and on runs of two or three words, for
// phrases of the lexicon and two-word month names) and keeping the keys that
// the whole sentence also gave. A key found only in a wider context is left
// without a span. Name keys carry the id the document pair matched them to.
#pragma once

#include <cstdint>
#include <vector>

#include "jisr/anchors.hpp"
#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

// Bytes [begin, end) of a sentence's text where key `key` (an id into
// DocumentAnchors::keys) was found.
struct AnchorSpan {
  std::uint32_t begin = 0, end = 0;
  std::uint32_t key = 0;
  friend bool operator==(const AnchorSpan&, const AnchorSpan&) = default;
};

// Per sentence of each side, its spans in text order. Spans do not overlap,
// but one range carries one span per key found there; symbols such as ? and
// quotation marks are left out.
struct AnchorSpans {
  std::vector<std::vector<AnchorSpan>> src, tgt;
};

// Finds the spans of the keys in `anchors`. Builds its own extractors with
// the model's lexicon and dictionary (throws as AnchorExtractor does).
// Time: one extractor call per word, about three times the cost of finding
// the anchors.
[[nodiscard]] AnchorSpans find_anchor_spans(const Model& model, const Document& src,
                                            const Document& tgt, const DocumentAnchors& anchors);

}  // namespace jisr
