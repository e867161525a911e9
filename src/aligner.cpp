#include "jisr/aligner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "jisr/error.hpp"

namespace jisr {

namespace {

constexpr std::uint8_t kNone = 0xFF;
constexpr double kInf = std::numeric_limits<double>::infinity();

// The band: for each row i (source sentences consumed), the columns
// [lo[i], hi[i]] (target sentences consumed) searched.
struct Band {
  std::vector<std::uint32_t> lo, hi;
  std::vector<std::size_t> offset;  // start of row i in the back-pointer array
  std::size_t cells = 0;
};

Band make_band(std::uint32_t n, std::uint32_t m, std::uint32_t half_width) {
  Band band;
  band.lo.resize(n + 1);
  band.hi.resize(n + 1);
  band.offset.resize(n + 2);
  const double slope = n == 0 ? 0.0 : static_cast<double>(m) / n;
  for (std::uint32_t i = 0; i <= n; ++i) {
    const double center = slope * i;
    const double lo = std::floor(center) - half_width;
    const double hi = std::ceil(center) + half_width;
    band.lo[i] = lo <= 0 ? 0 : static_cast<std::uint32_t>(lo);
    band.hi[i] = hi >= m ? m : static_cast<std::uint32_t>(hi);
    band.offset[i] = band.cells;
    band.cells += band.hi[i] - band.lo[i] + 1;
  }
  band.offset[n + 1] = band.cells;
  return band;
}

struct Search {
  Alignment beads;
  bool touched_edge = false;
};

Search search(const BeadScorer& scorer, const std::vector<BeadType>& types, const Band& band,
              int max_side) {
  const std::uint32_t n = scorer.src_size(), m = scorer.tgt_size();
  const auto ring_rows = static_cast<std::uint32_t>(max_side + 1);
  std::vector<std::vector<double>> ring(ring_rows);
  std::vector<std::uint8_t> back(band.cells, kNone);

  for (std::uint32_t i = 0; i <= n; ++i) {
    const std::uint32_t lo = band.lo[i], hi = band.hi[i];
    std::vector<double>& row = ring[i % ring_rows];
    row.assign(hi - lo + 1, kInf);
    std::uint8_t* row_back = back.data() + band.offset[i];
    for (std::uint32_t j = lo; j <= hi; ++j) {
      if (i == 0 && j == 0) {
        row[0] = 0.0;
        continue;
      }
      double best = kInf;
      std::uint8_t best_type = kNone;
      for (std::size_t t = 0; t < types.size(); ++t) {
        const auto a = static_cast<std::uint32_t>(types[t].src);
        const auto b = static_cast<std::uint32_t>(types[t].tgt);
        if (a > i || b > j) continue;
        const std::uint32_t pi = i - a, pj = j - b;
        if (pj < band.lo[pi] || pj > band.hi[pi]) continue;
        const double prev = ring[pi % ring_rows][pj - band.lo[pi]];
        if (prev == kInf) continue;
        const double c = prev + scorer.cost(pi, types[t].src, pj, types[t].tgt);
        if (c < best) {
          best = c;
          best_type = static_cast<std::uint8_t>(t);
        }
      }
      row[j - lo] = best;
      row_back[j - lo] = best_type;
    }
  }

  Search result;
  const std::uint32_t margin = static_cast<std::uint32_t>(max_side) + 2;
  std::uint32_t i = n, j = m;
  while (i > 0 || j > 0) {
    const std::uint8_t t = back[band.offset[i] + (j - band.lo[i])];
    if (t == kNone) {
      // The band cut every path: report it so that the caller widens it.
      result.touched_edge = true;
      result.beads.clear();
      return result;
    }
    if ((band.lo[i] > 0 && j < band.lo[i] + margin) || (band.hi[i] < m && j + margin > band.hi[i]))
      result.touched_edge = true;
    const int a = types[t].src, b = types[t].tgt;
    Bead bead;
    bead.src_begin = i - static_cast<std::uint32_t>(a);
    bead.src_end = i;
    bead.tgt_begin = j - static_cast<std::uint32_t>(b);
    bead.tgt_end = j;
    bead.cost = scorer.cost(bead.src_begin, a, bead.tgt_begin, b);
    bead.score = scorer.confidence(bead.src_begin, a, bead.tgt_begin, b);
    result.beads.push_back(bead);
    i = bead.src_begin;
    j = bead.tgt_begin;
  }
  std::reverse(result.beads.begin(), result.beads.end());
  return result;
}

}  // namespace

Alignment align(const BeadScorer& scorer, const AlignOptions& options) {
  if (options.max_side < 1 || options.max_side > 8)
    throw UsageError(fmt::format("largest bead side must be 1 to 8, not {}", options.max_side));
  const std::uint32_t n = scorer.src_size(), m = scorer.tgt_size();
  std::vector<BeadType> types = scorer.bead_types(options.max_side);
  // 1-0 and 0-1 beads keep every input alignable, whatever the model says.
  for (const BeadType t : {BeadType{1, 0}, BeadType{0, 1}})
    if (std::find(types.begin(), types.end(), t) == types.end()) types.push_back(t);
  if (types.size() >= kNone) throw UsageError("too many bead types");

  const std::uint32_t longer = std::max(n, m);
  // The band must be at least as wide as the slope so that neighbouring rows
  // overlap; beyond that, start narrow and widen while the path needs it.
  const double slope = n == 0 || m == 0 ? 0.0 : std::max(double(m) / n, double(n) / m);
  std::uint32_t half = options.band != 0 ? options.band
                                         : static_cast<std::uint32_t>(std::ceil(2 * slope)) + 32;
  half = std::min(half, std::max<std::uint32_t>(longer, 1));
  for (;;) {
    const Band band = make_band(n, m, half);
    if (band.cells > options.max_cells)
      throw InputError(fmt::format(
          "alignment search of {} x {} sentences needs {} cells, more than the limit of {}", n, m,
          band.cells, options.max_cells));
    Search s = search(scorer, types, band, options.max_side);
    const bool full = half >= longer;
    if (!s.touched_edge || full) return std::move(s.beads);
    const std::uint32_t wider = std::min<std::uint32_t>(half * 2, longer);
    if (make_band(n, m, wider).cells > options.max_cells) {
      if (!s.beads.empty()) return std::move(s.beads);
      throw InputError(fmt::format("alignment search of {} x {} sentences exceeds the cell limit",
                                   n, m));
    }
    half = wider;
  }
}

}  // namespace jisr
