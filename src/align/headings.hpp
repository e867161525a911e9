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

// Joins adjacent 1-0 and 0-1 beads of heading lines whose anchors match as
// described above; the joined bead takes the scorer's cost and confidence.
// Returns the number of beads joined.
std::size_t pair_headings(const BeadScorer& scorer, const Document& src, const Document& tgt,
                          const HeadingKeys& keys, Alignment& beads);
// The same, reading the keys from the anchors.
std::size_t pair_headings(const BeadScorer& scorer, const Document& src, const Document& tgt,
                          const DocumentAnchors& anchors, Alignment& beads);

}  // namespace jisr
