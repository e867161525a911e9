// Input: a BeadScorer for one document pair. Output: the minimum-cost
// Alignment (every sentence of both sides in exactly one bead, in order).
//
// Dynamic programming over beads (Gale and Church 1993) restricted to a band
// around the diagonal of the (source, target) grid, or around a guide path.
// The band widens and the search reruns while the best path touches the
// band's edge, so the result equals the full search except for pathological
// inputs, while time and memory grow linearly with document length: the DP
// keeps costs for the last few rows only and one byte of back-pointer per
// cell.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "align/score.hpp"
#include "jisr/aligner.hpp"
#include "jisr/types.hpp"

namespace jisr {

// A corner of the alignment grid: i source and j target sentences consumed.
struct GridPoint {
  std::uint32_t i = 0, j = 0;
  friend bool operator==(const GridPoint&, const GridPoint&) = default;
};

// The band's starting half-width around the diagonal for sides of n and m
// sentences: room for the slope plus 32 sentences.
[[nodiscard]] std::uint32_t default_band(std::uint32_t n, std::uint32_t m);

// Aligns the two sides the scorer was built for. Throws InputError when the
// search would exceed options.max_cells.
//
// `guide`, when it is a whole alignment of the two sides (an earlier
// alignment under another model, say), centres the band on it instead of on
// the diagonal, and the band starts narrow (options.band, or 16 sentences
// each side of the path); it widens around the guide as it would around the
// diagonal.
//
// `cuts`, corners of the grid in increasing order that the guide passes
// through (where it does not, a cut is ignored), cut the grid into pieces
// that are searched apart, each from its first corner to its last, on up to
// options.threads threads: the alignment is then the best path through
// every cut, the same whatever the number of threads. The caller chooses
// cuts only where the path is not in doubt (anchor_cuts, pipeline.hpp).
//
// `free_side`, when above 0 and below options.max_side, makes the search
// around `guide` a refinement of it: beads with up to free_side sentences a
// side may end anywhere in the band, larger ones only within two sentences
// of the cells the guide itself passes through, for the guide is taken to
// be the best path with beads of up to free_side a side, which a larger
// bead mostly changes by replacing a stretch of it. The cells far from the
// guide, where the large types cost the most to try, then need only the
// small ones. It is a heuristic: a best path that leaves the guide widens
// the band, and the wider bands lift the limit, but a large bead far from
// the guide is not found where the path beside the guide does not reach
// the band's edge (tests/unit/aligner_test.cpp has such documents; every
// long document with anchors tried, BENCHMARKS.md, gives the beads of the
// search without the limit).
[[nodiscard]] Alignment align(const BeadScorer& scorer, const AlignOptions& options = {},
                              std::span<const Bead> guide = {}, std::span<const GridPoint> cuts = {},
                              int free_side = 0);

}  // namespace jisr
