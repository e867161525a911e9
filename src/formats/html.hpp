// Input: two documents, their Alignment and, optionally, the anchors that
// support it. Output: a review page, one self-contained HTML file.
//
// The page shows the Arabic (right to left) and English sentences of each
// bead side by side with the bead's score as a colour band, lists the beads
// a reader should look at first (low scores, 1-0 and 0-1 beads), highlights
// the anchors the two sides of a bead share and plots the alignment path.
// Its script (src/formats/review/review.js, built into the binary) lets the
// reader drop, join, split and rearrange beads and download the result as
// TMX or TSV, written as write_alignment writes them. The page loads nothing
// from the network: styles and script are inline, fonts are the system's.
#pragma once

#include <ostream>

#include "jisr/anchors.hpp"
#include "jisr/formats.hpp"
#include "jisr/types.hpp"

#include "evidence/anchor_spans.hpp"

namespace jisr {

// What the page highlights: the keys of the document pair and where each
// sentence holds them. Both must describe the same documents.
struct ReviewEvidence {
  const DocumentAnchors* anchors = nullptr;
  const AnchorSpans* spans = nullptr;
};

// Beads scoring under this are listed as doubtful when options.min_score
// is 0; otherwise min_score is the line.
inline constexpr double kDoubtfulScore = 0.5;

// Writes the review page of `alignment` to `out`. Beads under
// options.min_score start unticked, so the page's TMX download equals
// write_alignment's TMX with the same options until the reader changes
// something. `evidence` may be null (no highlighting). Returns what was
// written (`written` counts every bead, since the page shows them all).
// Throws InputError if the stream fails.
OutputSummary write_html(const Document& src, const Document& tgt, const Alignment& alignment,
                         const OutputOptions& options, std::ostream& out,
                         const ReviewEvidence* evidence = nullptr);

}  // namespace jisr
