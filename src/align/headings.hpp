// Input: an alignment from the search, the scorer it was found with, the
// two documents and their anchors. Output: the same alignment, with
// headings that the length model left unpaired paired after all.
//
// A header line is often translated by sense rather than by length: an
// organisation's full name against its short name (الائتلاف الوطني لقوى
// الثورة والمعارضة السورية / Syrian Coalition), a ministry's long title
// against its usual English one. Their lengths differ far beyond anything
// the length model expects of a sentence pair, so the search leaves them
// as a 1-0 and a 0-1 bead side by side. Such a pair is joined into one 1-1
// bead when
//   - neither line ends in sentence-final punctuation (both are headings),
//   - the line with fewer anchor keys (counting only keys found on both
//     sides of the document) has at least one, and every one of them is
//     also a key of the other line,
//   - (only the length model asks this) at least one of those shared keys
//     is a name, a lexicon entry, a number or date, or a Latin word:
//     evidence that does not come from a common word's dictionary
//     translation alone. The pass joins two lines that the search left
//     unpaired either way, and a short name often keeps only common words
//     of the full one (Water Corporation / المؤسسة العامة لمياه الشرب ...);
//     the length model changes the cost of every bead that competes with
//     a heading pair, so it asks for more,
//   - and the pair is not page furniture against text or against furniture
//     of another kind (furniture.hpp): a share prompt whose verb reads like
//     a place name is still not the other page's list of tags.
// The anchor keys come from the lexicon, the dictionary, name skeletons and
// numbers, so the rule applies to any name whose words they cover, not to
// one string.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "jisr/anchors.hpp"
#include "jisr/types.hpp"

#include "align/score.hpp"

namespace jisr {

// What the heading pass reads of a document pair's anchors: for each line
// without sentence-final punctuation, its keys found on both sides of the
// document, sorted and without repeats (the other lines hold none), and
// the type of every key. A small part of a long document's anchors, so the
// anchors themselves can be let go before the search.
struct HeadingKeys {
  SideKeys src, tgt;
  std::vector<AnchorType> types;
  bool valid = false;  // false: the anchors did not match the documents
};

[[nodiscard]] HeadingKeys heading_keys(std::span<const Sentence> src, std::span<const Sentence> tgt,
                                       const DocumentAnchors& anchors);

// The longest line (alignment_length units, score.hpp) that the length
// model treats as a heading when its keys agree with another's: a title, an
// organisation's name, a dateline.
inline constexpr std::uint32_t kMaxHeadingLength = 80;

// What heading_keys_agree asks of the keys two heading lines share: one
// that is a name, a lexicon entry, a number or date, or a Latin word
// (strong), or any key, a dictionary word too (any).
enum class SharedKeys { strong, any };

// True if two heading lines' keys (HeadingKeys) say they are one heading:
// the line with fewer keys has some, all of them keys of the other line,
// and with SharedKeys::strong one of them is more than a dictionary word.
[[nodiscard]] bool heading_keys_agree(std::span<const std::uint32_t> x, std::span<const std::uint32_t> y,
                                      const std::vector<AnchorType>& types, SharedKeys need = SharedKeys::strong);

// The most lines a side of a run of header or footer lines that
// repair_heading_runs reads again: a header block is a few lines, and a
// longer run of short open lines (verse, a list) is text.
inline constexpr std::uint32_t kMaxHeadingRun = 12;

// How much better a run's new reading must fit than the search's
// (header_lines_fit summed over its pairs) to replace it: a key or two of
// a common word's dictionary translations move the fit by less, and the
// search's reading has its lengths and positions for it.
inline constexpr double kMinFitGain = 0.1;

// How well two header lines' keys (HeadingKeys) say they are one line, in
// [0, 1]: 0 unless they share a key, and the shared keys are all of the
// line with fewer keys, or two or more and at least half of them; then the
// shared keys over all keys of the two (Jaccard), so that the short name
// `Marea Local Council` fits the full name better than a title that also
// names the council. Looser than heading_keys_agree, which decides a pair's
// length cost alone: repair_heading_runs asks it of lines that a run of
// header lines must pair somehow.
[[nodiscard]] double header_lines_fit(std::span<const std::uint32_t> x, std::span<const std::uint32_t> y);

// A page's header holds several short lines on each side, in an order the
// two pages need not share: the English a title and the organisation's
// short name, the Arabic the full name and a department line. Paired by
// length and position, the full name meets the title and the department
// meets the short name, though the short name's keys are all keys of the
// full name. So in every run of two or more beads of 1-1, 1-0 and 0-1
// holding only heading lines (open, at most kMaxHeadingLength long), the
// run's lines are aligned again, one-to-one or unpaired, in order, by the
// largest sum of its pairs' fit (header_lines_fit; 0 for page furniture
// against text or furniture of another kind) and then by the scorer's
// cost. The new reading replaces the run only when its pairs fit better
// than the search's by kMinFitGain: where no pair fits, the search's
// reading stays.
// Nothing is done where either side's endings do not tell a heading from a
// sentence (BeadScorer::endings_tell_headings): in verse every line is
// short and open. Returns the number of beads replaced.
std::size_t repair_heading_runs(const BeadScorer& scorer, const Document& src, const Document& tgt,
                                const HeadingKeys& keys, Alignment& beads);

// Joins adjacent 1-0 and 0-1 beads of heading lines whose anchors match as
// described above; the joined bead takes the scorer's cost and confidence.
// Then repairs runs of heading lines (repair_heading_runs). Returns the
// number of beads joined or replaced.
std::size_t pair_headings(const BeadScorer& scorer, const Document& src, const Document& tgt,
                          const HeadingKeys& keys, Alignment& beads);
// The same, reading the keys from the anchors.
std::size_t pair_headings(const BeadScorer& scorer, const Document& src, const Document& tgt,
                          const DocumentAnchors& anchors, Alignment& beads);

}  // namespace jisr
