#include "align/headings.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace jisr {

namespace {

// Index of the sentence a null bead holds on its non-empty side.
struct Lone {
  bool is_src = false;
  std::uint32_t k = 0;
};

bool lone(const Bead& b, Lone& out) {
  if (b.src_size() + b.tgt_size() != 1) return false;
  out.is_src = b.src_size() == 1;
  out.k = out.is_src ? b.src_begin : b.tgt_begin;
  return true;
}

// Evidence beyond a common word's dictionary translation.
bool strong(AnchorType type) { return type != AnchorType::word && type != AnchorType::symbol; }

// The keys of one sentence that are found on both sides of the document,
// sorted and without repeats, appended to `out`.
void append_shared(std::span<const std::uint32_t> keys, const std::vector<bool>& shared,
                   std::vector<std::uint32_t>& out) {
  const auto from = static_cast<std::ptrdiff_t>(out.size());
  for (const std::uint32_t id : keys)
    if (shared[id]) out.push_back(id);
  std::sort(out.begin() + from, out.end());
  out.erase(std::unique(out.begin() + from, out.end()), out.end());
}

}  // namespace

bool heading_keys_agree(std::span<const std::uint32_t> x, std::span<const std::uint32_t> y,
                        const std::vector<AnchorType>& types, SharedKeys need) {
  const auto& fewer = x.size() <= y.size() ? x : y;
  const auto& more = x.size() <= y.size() ? y : x;
  if (fewer.empty() || !std::includes(more.begin(), more.end(), fewer.begin(), fewer.end()))
    return false;
  return need == SharedKeys::any || std::any_of(fewer.begin(), fewer.end(),
                     [&](std::uint32_t id) { return strong(types[id]); });
}

HeadingKeys heading_keys(std::span<const Sentence> src, std::span<const Sentence> tgt,
                         const DocumentAnchors& anchors) {
  HeadingKeys out;
  if (anchors.src.size() != src.size() || anchors.tgt.size() != tgt.size()) return out;
  // Keys found on one side only cannot link two lines.
  std::vector<bool> in_src(anchors.keys.size(), false), shared(anchors.keys.size(), false);
  for (const std::uint32_t id : anchors.src.ids) in_src[id] = true;
  for (const std::uint32_t id : anchors.tgt.ids) shared[id] = in_src[id];
  auto side = [&](std::span<const Sentence> sentences, const SideKeys& keys, SideKeys& kept) {
    kept.begin.reserve(sentences.size() + 1);
    for (std::size_t k = 0; k < sentences.size(); ++k) {
      if (!ends_with_terminal(sentences[k].text)) append_shared(keys[k], shared, kept.ids);
      kept.begin.push_back(static_cast<std::uint32_t>(kept.ids.size()));
    }
    kept.ids.shrink_to_fit();
  };
  side(src, anchors.src, out.src);
  side(tgt, anchors.tgt, out.tgt);
  out.types = anchors.types;
  out.valid = true;
  return out;
}

std::size_t pair_headings(const BeadScorer& scorer, const Document& src, const Document& tgt,
                          const DocumentAnchors& anchors, Alignment& beads) {
  return pair_headings(scorer, src, tgt, heading_keys(src.sentences, tgt.sentences, anchors), beads);
}

std::size_t pair_headings(const BeadScorer& scorer, const Document& src, const Document& tgt,
                          const HeadingKeys& keys, Alignment& beads) {
  if (!keys.valid || keys.src.size() != src.sentences.size() || keys.tgt.size() != tgt.sentences.size())
    return 0;
  std::size_t joined = 0;
  Alignment out;
  out.reserve(beads.size());
  for (std::size_t n = 0; n < beads.size(); ++n) {
    Lone x, y;
    if (n + 1 < beads.size() && lone(beads[n], x) && lone(beads[n + 1], y) &&
        x.is_src != y.is_src) {
      const Lone& s = x.is_src ? x : y;
      const Lone& t = x.is_src ? y : x;
      if (!ends_with_terminal(src.sentences[s.k].text) &&
          !ends_with_terminal(tgt.sentences[t.k].text) &&
          heading_keys_agree(keys.src[s.k], keys.tgt[t.k], keys.types, SharedKeys::any) &&
          scorer.furniture_cost(s.k, 1, t.k, 1) == 0.0) {
        Bead b;
        b.src_begin = s.k;
        b.src_end = s.k + 1;
        b.tgt_begin = t.k;
        b.tgt_end = t.k + 1;
        b.cost = scorer.cost(s.k, 1, t.k, 1);
        b.score = scorer.confidence(s.k, 1, t.k, 1);
        out.push_back(b);
        ++joined;
        ++n;
        continue;
      }
    }
    out.push_back(beads[n]);
  }
  beads = std::move(out);
  return joined;
}

}  // namespace jisr
