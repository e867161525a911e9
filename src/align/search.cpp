#include "align/search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>

#include <fmt/format.h>

#include "jisr/error.hpp"

#include "util/parallel.hpp"

namespace jisr {

namespace {

constexpr std::uint8_t kNone = 0xFF;
constexpr double kInf = std::numeric_limits<double>::infinity();
// Half-width of the band around a guide path: room for the path to move by
// a few beads of the largest size.
constexpr std::uint32_t kGuideHalfWidth = 16;
// The widest band the search widens to, in cells per sentence of both sides.
constexpr std::size_t kWidenCellsPerSentence = 256;

// How near the cells of a guide path a bead with more than a search's
// free_side sentences on a side must end (align(), search.hpp), in target
// sentences on either side of the columns the path covers in that row.
constexpr std::uint32_t kNearGuide = 2;

// The band: for each row i (source sentences consumed), the columns
// [lo[i], hi[i]] (target sentences consumed) searched. Beads with more than
// free_side sentences on a side (when free_side > 0) end only in the
// columns [near_lo[i], near_hi[i]].
struct Band {
  std::vector<std::uint32_t> lo, hi;
  std::vector<std::size_t> offset;  // start of row i in the back-pointer array
  std::size_t cells = 0;
  int free_side = 0;
  std::vector<std::uint32_t> near_lo, near_hi;
};

void finish_band(Band& band) {
  const std::size_t rows = band.lo.size();
  band.offset.resize(rows + 1);
  band.cells = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    band.offset[i] = band.cells;
    band.cells += band.hi[i] - band.lo[i] + 1;
  }
  band.offset[rows] = band.cells;
}

// A band of half-width `half` around the straight line from (0, 0) to (n, m).
Band diagonal_band(std::uint32_t n, std::uint32_t m, std::uint32_t half) {
  Band band;
  band.lo.resize(n + 1);
  band.hi.resize(n + 1);
  const double slope = n == 0 ? 0.0 : static_cast<double>(m) / n;
  for (std::uint32_t i = 0; i <= n; ++i) {
    const double center = slope * i;
    const double lo = std::floor(center) - half;
    const double hi = std::ceil(center) + half;
    band.lo[i] = lo <= 0 ? 0 : static_cast<std::uint32_t>(lo);
    band.hi[i] = hi >= m ? m : static_cast<std::uint32_t>(hi);
  }
  // With no source sentence the line is the one row (0, 0) to (0, m): all
  // of it is in the band, whatever the half-width.
  if (n == 0) band.hi[0] = m;
  finish_band(band);
  return band;
}

// True if the beads form a path from (0, 0) to (n, m).
bool is_path(std::span<const Bead> beads, std::uint32_t n, std::uint32_t m) {
  std::uint32_t i = 0, j = 0;
  for (const Bead& b : beads) {
    if (b.src_begin != i || b.tgt_begin != j || b.src_end < i || b.tgt_end < j) return false;
    i = b.src_end;
    j = b.tgt_end;
  }
  return i == n && j == m;
}

// A band of half-width `half` around a path: row i spans the columns the
// path passes through at row i (a bead covers the rectangle it spans),
// widened by `half` on each side.
Band path_band(std::span<const Bead> path, std::uint32_t n, std::uint32_t m, std::uint32_t half, int free_side) {
  Band band;
  band.lo.assign(n + 1, m);
  band.hi.assign(n + 1, 0);
  for (const Bead& b : path) {
    for (std::uint32_t i = b.src_begin; i <= b.src_end; ++i) {
      band.lo[i] = std::min(band.lo[i], b.tgt_begin);
      band.hi[i] = std::max(band.hi[i], b.tgt_end);
    }
  }
  if (free_side > 0) {
    band.free_side = free_side;
    band.near_lo.resize(n + 1);
    band.near_hi.resize(n + 1);
    for (std::uint32_t i = 0; i <= n; ++i) {
      band.near_lo[i] = band.lo[i] > kNearGuide ? band.lo[i] - kNearGuide : 0;
      band.near_hi[i] = std::min<std::uint32_t>(band.hi[i] + kNearGuide, m);
    }
  }
  for (std::uint32_t i = 0; i <= n; ++i) {
    band.lo[i] = band.lo[i] > half ? band.lo[i] - half : 0;
    band.hi[i] = std::min<std::uint64_t>(std::uint64_t{band.hi[i]} + half, m);
  }
  finish_band(band);
  return band;
}

struct Search {
  Alignment beads;
  bool touched_edge = false;
};

// The search of one piece of the grid: the rectangle of n x m sentences
// from source sentence i0 and target sentence j0. The band and the DP are in
// the piece's own coordinates; the scorer is asked, and the beads given, in
// the document's.
Search search(const BeadScorer& scorer, const std::vector<BeadType>& types, const Band& band,
              int max_side, std::uint32_t i0, std::uint32_t j0, std::uint32_t n, std::uint32_t m) {
  const auto ring_rows = static_cast<std::uint32_t>(max_side + 1);
  std::size_t stride = 1;
  for (std::size_t i = 0; i <= n; ++i) stride = std::max<std::size_t>(stride, band.hi[i] - band.lo[i] + 1);
  // Costs of the last ring_rows rows, row r in slot r % ring_rows; and per
  // cell (i, j) of them pair_gain(i-1, j-1): the anchor gain of the
  // one-to-one bead ending there, exact for that bead and, summed over a
  // larger bead's sentence pairs, a bound of its gain.
  std::vector<double> ring(ring_rows * stride), gains(ring_rows * stride);
  std::vector<std::uint8_t> back(band.cells, kNone);
  // Try the cheap null beads first, then the likeliest types (1-1, then the
  // smallest), so that the best cost so far lets cost_below skip most of the
  // rest, often before the 1-1 bead's erfc and log.
  std::vector<std::uint8_t> order(types.size());
  for (std::size_t t = 0; t < types.size(); ++t) order[t] = static_cast<std::uint8_t>(t);
  auto rank = [&](std::uint8_t t) {
    const BeadType& x = types[t];
    return x.src == 0 || x.tgt == 0 ? 0 : x.src == 1 && x.tgt == 1 ? 1 : x.src + x.tgt;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::uint8_t x, std::uint8_t y) { return rank(x) < rank(y); });

  // Per row, for each bead type in `order`: the columns j whose bead ends
  // in the band with its start in the band too, and for each such j the
  // bound of its anchor gain and the floor of its cost (cost_floors).
  struct Kind {
    std::uint32_t a, b;
    std::uint8_t t;
    bool one_to_one;
  };
  std::vector<Kind> kinds;
  for (const std::uint8_t t : order)
    kinds.push_back({static_cast<std::uint32_t>(types[t].src), static_cast<std::uint32_t>(types[t].tgt), t,
                     types[t].src == 1 && types[t].tgt == 1});
  const std::size_t n_kinds = kinds.size();
  std::vector<std::uint32_t> first(n_kinds), last(n_kinds);
  std::vector<double> floors(n_kinds * stride), bounds(n_kinds * stride);
  std::vector<const double*> prev_row(ring_rows), prev_gain(ring_rows);
  std::vector<std::uint32_t> prev_lo(ring_rows), prev_hi(ring_rows);
  std::vector<double> column(ring_rows * stride), prefix(stride + 1);

  for (std::uint32_t i = 0; i <= n; ++i) {
    const std::uint32_t lo = band.lo[i], hi = band.hi[i], width = hi - lo + 1;
    double* row = ring.data() + (i % ring_rows) * stride;
    double* row_gain = gains.data() + (i % ring_rows) * stride;
    std::fill(row, row + width, kInf);
    std::fill(row_gain, row_gain + width, 0.0);
    if (i > 0 && hi > 0) {
      const std::uint32_t from = std::max(lo, 1u);
      scorer.pair_gains(i0 + i - 1, j0 + from - 1, j0 + hi, std::span<double>(row_gain + (from - lo), hi - from + 1));
    }
    for (std::uint32_t a = 0; a < ring_rows && a <= i; ++a) {
      const std::uint32_t r = i - a;
      prev_row[a] = ring.data() + (r % ring_rows) * stride;
      prev_gain[a] = gains.data() + (r % ring_rows) * stride;
      prev_lo[a] = band.lo[r];
      prev_hi[a] = band.hi[r];
    }
    // column[a][j - lo]: the pair gains of column j summed over rows
    // i-a+1 .. i, or +inf where one of those rows leaves the band at j; and
    // prefix[x]: the sum of row i's gains left of column lo + x. A bead's
    // bound is then a difference of two prefixes (one source sentence) or a
    // sum of b column sums. Summed in another order than the bead's pairs,
    // the bounds differ from those sums by rounding far below kCostTolerance.
    std::copy(row_gain, row_gain + width, column.data() + stride);
    for (std::uint32_t a = 2; a < ring_rows; ++a) {
      double* col = column.data() + a * stride;
      const double* below = col - stride;
      if (a > i) {
        std::fill(col, col + width, kInf);
        continue;
      }
      const std::uint32_t r_lo = prev_lo[a - 1], r_hi = prev_hi[a - 1];
      const double* g = prev_gain[a - 1];
      for (std::uint32_t j = lo; j <= hi; ++j)
        col[j - lo] = j < r_lo || j > r_hi ? kInf : below[j - lo] + g[j - r_lo];
    }
    prefix[0] = 0;
    for (std::uint32_t x = 0; x < width; ++x) prefix[x + 1] = prefix[x] + row_gain[x];
    auto gain_bound = [&](std::uint32_t a, std::uint32_t j, std::uint32_t b) {
      if (j - b + 1 < lo) return kInf;
      if (a == 1) return prefix[j + 1 - lo] - prefix[j + 1 - b - lo];
      const double* col = column.data() + a * stride - lo;
      double sum = 0;
      for (std::uint32_t x = j - b + 1; x <= j; ++x) sum += col[x];
      return sum;
    };
    for (std::size_t k = 0; k < n_kinds; ++k) {
      const Kind& kind = kinds[k];
      first[k] = 1;
      last[k] = 0;
      if (kind.a > i) continue;
      std::uint32_t from = std::max(lo, prev_lo[kind.a] + kind.b);
      auto to = static_cast<std::uint32_t>(std::min<std::uint64_t>(hi, std::uint64_t{prev_hi[kind.a]} + kind.b));
      if (band.free_side > 0 && std::max(kind.a, kind.b) > static_cast<std::uint32_t>(band.free_side)) {
        from = std::max(from, band.near_lo[i]);
        to = std::min(to, band.near_hi[i]);
      }
      if (from > to) continue;
      first[k] = from;
      last[k] = to;
      if (kind.one_to_one) continue;
      double* bound = bounds.data() + k * stride;
      const std::size_t count = to - from + 1;
      if (kind.b == 0)
        std::fill(bound, bound + count, kInf);
      else
        for (std::uint32_t j = from; j <= to; ++j) bound[j - from] = kind.a == 0 ? kInf : gain_bound(kind.a, j, kind.b);
      scorer.cost_floors(i0 + i - kind.a, static_cast<int>(kind.a), j0 + from - kind.b, static_cast<int>(kind.b),
                         std::span<const double>(bound, count), std::span<double>(floors.data() + k * stride, count));
    }

    std::uint8_t* row_back = back.data() + band.offset[i];
    for (std::uint32_t j = lo; j <= hi; ++j) {
      if (i == 0 && j == 0) {
        row[0] = 0.0;
        continue;
      }
      double best = kInf;
      std::uint8_t best_type = kNone;
      for (std::size_t k = 0; k < n_kinds; ++k) {
        if (j < first[k] || j > last[k]) continue;
        const Kind& kind = kinds[k];
        const std::uint32_t pj = j - kind.b;
        const double prev = prev_row[kind.a][pj - prev_lo[kind.a]];
        if (prev == kInf) continue;
        const int sa = static_cast<int>(kind.a), sb = static_cast<int>(kind.b);
        const double limit = best - prev;
        const std::uint32_t pi = i0 + i - kind.a, pj_doc = j0 + pj;
        double c = prev;
        if (kind.one_to_one) {
          c += scorer.cost_below(pi, sa, pj_doc, sb, limit, row_gain[j - lo], true);
        } else {
          const std::size_t at = k * stride + (j - first[k]);
          // cost_floors gave what cost_below checks first.
          if (floors[at] >= limit + kCostTolerance) continue;
          if (kind.a == 0 || kind.b == 0)
            c += scorer.cost_below(pi, sa, pj_doc, sb, limit);
          else
            c += scorer.cost_below(pi, sa, pj_doc, sb, limit, bounds[at], false);
        }
        // Ties go to the type listed first, whatever the order of trying.
        const std::uint8_t t = kind.t;
        if (c < best || (c == best && c != kInf && t < best_type)) {
          best = c;
          best_type = t;
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
    bead.src_begin = i0 + i - static_cast<std::uint32_t>(a);
    bead.src_end = i0 + i;
    bead.tgt_begin = j0 + j - static_cast<std::uint32_t>(b);
    bead.tgt_end = j0 + j;
    bead.cost = scorer.cost(bead.src_begin, a, bead.tgt_begin, b);
    bead.score = scorer.confidence(bead.src_begin, a, bead.tgt_begin, b);
    result.beads.push_back(bead);
    i -= static_cast<std::uint32_t>(a);
    j -= static_cast<std::uint32_t>(b);
  }
  std::reverse(result.beads.begin(), result.beads.end());
  return result;
}

}  // namespace

std::uint32_t default_band(std::uint32_t n, std::uint32_t m) {
  // The band must be at least as wide as the slope so that neighbouring
  // rows overlap.
  const double slope = n == 0 || m == 0 ? 0.0 : std::max(double(m) / n, double(n) / m);
  return static_cast<std::uint32_t>(std::ceil(2 * slope)) + 32;
}

namespace {

// One piece of the grid (search()'s rectangle) and the part of the guide
// inside it, in the piece's coordinates; empty when there is no guide.
struct Piece {
  std::uint32_t i0 = 0, j0 = 0, n = 0, m = 0;
  Alignment centre;
};

struct PieceResult {
  Alignment beads;
  bool bounded = false;  // the widening stopped at its time bound
};

// The banded search of one piece around `centre` (the piece's guide, or
// empty: its diagonal), widened while its best path touches the band's edge.
PieceResult widened_search(const BeadScorer& scorer, const std::vector<BeadType>& types,
                           const AlignOptions& options, const Piece& piece, const Alignment& centre,
                           int free_side) {
  const std::uint32_t n = piece.n, m = piece.m, longer = std::max(n, m);
  // Around a guide path the band need only leave the path room to move.
  std::uint32_t half = options.band != 0 ? options.band : centre.empty() ? default_band(n, m) : kGuideHalfWidth;
  half = std::min(half, std::max<std::uint32_t>(longer, 1));
  // "these n x m sentences", and where they are when the piece is part of a
  // longer document.
  const auto what = [&] {
    std::string out = fmt::format("{} x {} sentences", n, m);
    if (piece.n != scorer.src_size() || piece.m != scorer.tgt_size())
      out += fmt::format(" (source sentences {} to {}, target {} to {}, a piece of a search cut where the anchors "
                         "leave no doubt)",
                         piece.i0 + 1, piece.i0 + n, piece.j0 + 1, piece.j0 + m);
    return out;
  };
  // Large beads are held beside the guide in the first band only: a path
  // that moves off the guide far enough to widen the band is searched with
  // every bead type everywhere.
  for (int limit = free_side;; limit = 0) {
    const Band band = centre.empty() ? diagonal_band(n, m, half) : path_band(centre, n, m, half, limit);
    if (band.cells > options.max_cells)
      throw InputError(fmt::format(
          "alignment search of {} needs {} cells, more than the limit of {}", what(), band.cells, options.max_cells));
    Search s = search(scorer, types, band, options.max_side, piece.i0, piece.j0, n, m);
    const bool full = half >= longer;
    if (s.beads.empty() && full && n + m > 0)
      throw InputError(fmt::format(
          "the model allows no alignment of these {} (a bead type it needs has probability 0)", what()));
    if (!s.touched_edge || full) return {std::move(s.beads), false};
    const std::uint32_t wider = std::min<std::uint32_t>(half * 2, longer);
    const Band next = centre.empty() ? diagonal_band(n, m, wider) : path_band(centre, n, m, wider, 0);
    // Widening stops at kWidenCellsPerSentence cells per sentence, so that
    // time stays linear when many paths tie (repeated identical lines).
    const bool over_budget = next.cells > kWidenCellsPerSentence * (std::size_t{n} + m + 1);
    if (next.cells > options.max_cells || (over_budget && !s.beads.empty())) {
      if (!s.beads.empty()) return {std::move(s.beads), true};
      throw LimitError(fmt::format("alignment search of {} exceeds the cell limit", what()));
    }
    half = wider;
  }
}

double path_cost(const Alignment& beads) {
  double total = 0;
  for (const Bead& b : beads) total += b.cost;
  return total;
}

// The search of one piece. Around a guide whose band the widening could not
// fit the best path into, the guide led the search astray (anchor pairs
// that are not translations of each other: names matched by likeness in a
// long text with few numbers), and the piece is searched around its
// diagonal as well; the cheaper path of the two is kept.
PieceResult align_piece(const BeadScorer& scorer, const std::vector<BeadType>& types, const AlignOptions& options,
                        const Piece& piece, int free_side) {
  PieceResult guided = widened_search(scorer, types, options, piece, piece.centre, free_side);
  if (!guided.bounded || piece.centre.empty()) return guided;
  try {
    PieceResult plain = widened_search(scorer, types, options, piece, Alignment{}, 0);
    if (path_cost(plain.beads) < path_cost(guided.beads)) return plain;
  } catch (const InputError&) {
    // No path within the limits around the diagonal: the guided one stands.
  } catch (const LimitError&) {
  }
  return guided;
}

// The pieces the guide's cuts make of the n x m grid. A cut is kept only
// where the guide passes through it (a corner between two of its beads),
// in order, inside the grid.
std::vector<Piece> pieces_of(std::span<const Bead> guide, std::span<const GridPoint> cuts, std::uint32_t n,
                             std::uint32_t m) {
  std::vector<Piece> out;
  auto open = [&](std::uint32_t i, std::uint32_t j) {
    Piece p;
    p.i0 = i;
    p.j0 = j;
    out.push_back(std::move(p));
  };
  auto close = [&](std::uint32_t i, std::uint32_t j) {
    out.back().n = i - out.back().i0;
    out.back().m = j - out.back().j0;
  };
  open(0, 0);
  std::size_t next = 0;
  for (const Bead& b : guide) {
    while (next < cuts.size() && (cuts[next].i < b.src_begin || cuts[next].j < b.tgt_begin)) ++next;
    const bool cut = next < cuts.size() && cuts[next].i == b.src_begin && cuts[next].j == b.tgt_begin &&
                     (b.src_begin > out.back().i0 || b.tgt_begin > out.back().j0) &&
                     (b.src_begin < n || b.tgt_begin < m);
    if (cut) {
      close(b.src_begin, b.tgt_begin);
      open(b.src_begin, b.tgt_begin);
      ++next;
    }
    Bead local = b;
    local.src_begin -= out.back().i0;
    local.src_end -= out.back().i0;
    local.tgt_begin -= out.back().j0;
    local.tgt_end -= out.back().j0;
    out.back().centre.push_back(local);
  }
  close(n, m);
  return out;
}

}  // namespace

Alignment align(const BeadScorer& scorer, const AlignOptions& options, std::span<const Bead> guide,
                std::span<const GridPoint> cuts, int free_side) {
  if (options.max_side < 1 || options.max_side > 8)
    throw UsageError(fmt::format("largest bead side must be 1 to 8, not {}", options.max_side));
  const std::uint32_t n = scorer.src_size(), m = scorer.tgt_size();
  std::vector<BeadType> types = scorer.bead_types(options.max_side);
  // 1-0 and 0-1 beads keep every input alignable, whatever the model says.
  for (const BeadType t : {BeadType{1, 0}, BeadType{0, 1}})
    if (std::find(types.begin(), types.end(), t) == types.end()) types.push_back(t);
  if (types.size() >= kNone) throw UsageError("too many bead types");

  std::vector<Piece> pieces;
  if (is_path(guide, n, m)) {
    pieces = pieces_of(guide, cuts, n, m);
  } else {
    pieces.emplace_back();
    pieces.back().n = n;
    pieces.back().m = m;
  }
  std::vector<PieceResult> results = detail::parallel_map(pieces.size(), options.threads, [&](std::size_t k) {
    return align_piece(scorer, types, options, pieces[k], free_side);
  });
  Alignment out;
  std::size_t total = 0;
  for (const PieceResult& r : results) total += r.beads.size();
  out.reserve(total);
  for (PieceResult& r : results) {
    if (r.bounded && options.bounded_searches != nullptr) ++*options.bounded_searches;
    out.insert(out.end(), r.beads.begin(), r.beads.end());
  }
  return out;
}

}  // namespace jisr
