#include "align/headings.hpp"

#include <algorithm>
#include <cmath>
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

double header_lines_fit(std::span<const std::uint32_t> x, std::span<const std::uint32_t> y) {
  std::size_t common = 0;
  for (auto a = x.begin(), b = y.begin(); a != x.end() && b != y.end();) {
    if (*a < *b) {
      ++a;
    } else if (*b < *a) {
      ++b;
    } else {
      ++common, ++a, ++b;
    }
  }
  const std::size_t fewer = std::min(x.size(), y.size());
  if (common == 0 || (common < fewer && (common < 2 || 2 * common < fewer))) return 0.0;
  return static_cast<double>(common) / static_cast<double>(x.size() + y.size() - common);
}

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
  return joined + repair_heading_runs(scorer, src, tgt, keys, beads);
}

namespace {

// A run's best reading so far: the summed fit of its pairs (more is
// better), then its cost (less is better).
struct RunValue {
  double fit = -1;
  double cost = 0;
  [[nodiscard]] bool better_than(const RunValue& o) const {
    return std::abs(fit - o.fit) > 1e-9 ? fit > o.fit : cost < o.cost;
  }
};

}  // namespace

std::size_t repair_heading_runs(const BeadScorer& scorer, const Document& src, const Document& tgt,
                                const HeadingKeys& keys, Alignment& beads) {
  if (!keys.valid || keys.src.size() != src.sentences.size() || keys.tgt.size() != tgt.sentences.size() ||
      !scorer.endings_tell_headings())
    return 0;
  auto heading = [&](bool is_src, std::uint32_t k) {
    const Sentence& s = is_src ? src.sentences[k] : tgt.sentences[k];
    const std::uint32_t length = is_src ? scorer.src_length(k) : scorer.tgt_length(k);
    return length <= kMaxHeadingLength && !ends_with_terminal(s.text);
  };
  auto heading_bead = [&](const Bead& b) {
    if (b.src_size() > 1 || b.tgt_size() > 1) return false;
    return (b.src_size() == 0 || heading(true, b.src_begin)) && (b.tgt_size() == 0 || heading(false, b.tgt_begin));
  };
  auto fit = [&](std::uint32_t i, std::uint32_t j) {
    return scorer.furniture_cost(i, 1, j, 1) == 0.0 ? header_lines_fit(keys.src[i], keys.tgt[j]) : 0.0;
  };
  auto make = [&](std::uint32_t i, int a, std::uint32_t j, int b) {
    Bead x;
    x.src_begin = i;
    x.src_end = i + static_cast<std::uint32_t>(a);
    x.tgt_begin = j;
    x.tgt_end = j + static_cast<std::uint32_t>(b);
    x.cost = scorer.cost(i, a, j, b);
    x.score = scorer.confidence(i, a, j, b);
    return x;
  };
  std::size_t changed = 0;
  Alignment out;
  out.reserve(beads.size());
  std::size_t n = 0;
  while (n < beads.size()) {
    std::size_t end = n;
    while (end < beads.size() && heading_bead(beads[end])) ++end;
    if (end == n) {
      out.push_back(beads[n++]);
      continue;
    }
    const std::uint32_t i0 = beads[n].src_begin, j0 = beads[n].tgt_begin;
    const std::uint32_t m = beads[end - 1].src_end - i0, w = beads[end - 1].tgt_end - j0;
    double fitted = 0;
    for (std::size_t k = n; k < end; ++k)
      if (beads[k].is_pair()) fitted += fit(beads[k].src_begin, beads[k].tgt_begin);
    // Only a run of a header's or a footer's size.
    bool replaced = false;
    if (end - n >= 2 && m >= 1 && w >= 1 && m <= kMaxHeadingRun && w <= kMaxHeadingRun) {
      const std::size_t cols = w + 1;
      std::vector<RunValue> value((m + 1) * cols);
      std::vector<std::uint8_t> step((m + 1) * cols, 0);  // 1: 1-0, 2: 0-1, 3: 1-1
      value[0] = RunValue{0, 0.0};
      for (std::uint32_t p = 0; p <= m; ++p)
        for (std::uint32_t q = 0; q <= w; ++q) {
          const RunValue& here = value[p * cols + q];
          if (here.fit < 0) continue;
          auto offer = [&](std::uint32_t p2, std::uint32_t q2, int a, int b, std::uint8_t kind) {
            const double c = scorer.cost(i0 + p, a, j0 + q, b);
            if (!std::isfinite(c)) return;
            RunValue v{here.fit + (kind == 3 ? fit(i0 + p, j0 + q) : 0.0), here.cost + c};
            RunValue& there = value[p2 * cols + q2];
            if (there.fit < 0 || v.better_than(there)) {
              there = v;
              step[p2 * cols + q2] = kind;
            }
          };
          if (p < m) offer(p + 1, q, 1, 0, 1);
          if (q < w) offer(p, q + 1, 0, 1, 2);
          if (p < m && q < w) offer(p + 1, q + 1, 1, 1, 3);
        }
      const RunValue best = value[m * cols + w];
      if (best.fit > fitted + kMinFitGain) {
        Alignment run;
        for (std::uint32_t p = m, q = w; p > 0 || q > 0;) {
          const std::uint8_t kind = step[p * cols + q];
          const int a = kind != 2 ? 1 : 0, b = kind != 1 ? 1 : 0;
          p -= static_cast<std::uint32_t>(a);
          q -= static_cast<std::uint32_t>(b);
          run.push_back(make(i0 + p, a, j0 + q, b));
        }
        std::reverse(run.begin(), run.end());
        out.insert(out.end(), run.begin(), run.end());
        changed += end - n;
        replaced = true;
      }
    }
    if (!replaced) out.insert(out.end(), beads.begin() + static_cast<std::ptrdiff_t>(n), beads.begin() + static_cast<std::ptrdiff_t>(end));
    n = end;
  }
  beads = std::move(out);
  return changed;
}

}  // namespace jisr
