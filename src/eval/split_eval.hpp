// Input: a gold and a test segmentation of the same text, each one sentence a
// line (UTF-8); optionally the running text with blank lines between paragraphs.
// Output: boundary counts, and precision / recall / F1 over them.
//
// Definition. Remove all white space (Unicode White_Space, U+200B, U+FEFF)
// from a segmentation and concatenate its lines: both files must give the same
// character string, or InputError is thrown naming both files, their lines and
// the character offset where they differ. A *boundary* is the offset, in code
// points of that string, at which one non-blank line ends and the next begins;
// the end of the text is not a boundary, and blank lines are ignored. A test
// boundary is correct when the gold has the same boundary.
//   precision = correct / test boundaries, recall = correct / gold boundaries,
//   F1 = their harmonic mean; 0/0 counts as 1 (nothing to find, nothing wrong).
// Paragraph breaks of the running text (blank lines) are boundaries that a
// splitter finds trivially. The `all` counts include them; the `within`
// counts leave out every boundary, gold or test, that falls on a paragraph
// break, and so measure only the decisions inside paragraphs.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "jisr/eval.hpp"

namespace jisr {

struct BoundaryCounts {
  std::size_t gold = 0;     // gold boundaries
  std::size_t test = 0;     // test boundaries
  std::size_t correct = 0;  // test boundaries that are gold boundaries
  BoundaryCounts& operator+=(const BoundaryCounts& o);
};

struct SplitScore {
  BoundaryCounts all;  // every boundary
  BoundaryCounts
      within;  // boundaries that are not paragraph breaks (equal to `all` without paragraphs)
  std::size_t paragraph_breaks = 0;
};

// A text to score and the name used for it in error messages.
struct NamedText {
  std::string_view text;
  std::string_view name;
};

// Scores `test` against `gold` (both one sentence a line). `paragraphs`, when
// given, is the running text both were made from; its blank lines mark the
// paragraph breaks. Throws InputError when the texts differ.
[[nodiscard]] SplitScore score_split(NamedText gold, NamedText test,
                                     std::optional<NamedText> paragraphs = std::nullopt);

// Precision, recall and F1 of boundary counts (0/0 counts as 1).
[[nodiscard]] Prf boundary_prf(const BoundaryCounts& c);

}  // namespace jisr
