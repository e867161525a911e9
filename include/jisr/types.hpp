// Core value types shared by every stage of jisr.
//
// Vocabulary: a *bead* is one unit of a sentence alignment, a run of zero or
// more consecutive source sentences paired with a run of zero or more
// consecutive target sentences (Gale and Church 1993). hunalign calls the
// boundaries between beads a "ladder" made of "rundles"; jisr keeps the bead.
// Source is the left side (Arabic for ar-en), target the right (English).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace jisr {

// A half-open range [begin, end) of UTF-8 byte offsets into an input text.
struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

// One sentence of a document. `text` is the original text with surrounding
// white space removed; `source` points back into the document it came from.
struct Sentence {
  std::string text;
  ByteRange source;
  std::uint32_t paragraph = 0;  // 0-based paragraph index (blank lines separate paragraphs)
  friend bool operator==(const Sentence&, const Sentence&) = default;
};

// A document after splitting: its sentences in order.
struct Document {
  std::string name;  // file name or "-" for standard input; used in messages
  std::string lang;  // BCP 47 tag of the text ("ar", "en", "de", ...)
  std::vector<Sentence> sentences;
};

// What a bead's cost is made of, and the evidence its score was fitted on
// (filled by the aligner; all zero in beads read from files).
struct BeadCosts {
  float length = 0;   // -log P(length match)
  float anchors = 0;  // anchor penalties less gains; negative when shared keys support the bead
  float prior = 0;    // -log P(bead type)
  float other = 0;    // endings, paragraph breaks, clauses
  // Cost of the cheapest bead of the same shape moved by one sentence on one
  // side, less this bead's cost (capped); small when a neighbour fits as well.
  float margin = 0;
  // The least that moving one of the bead's two edges by one sentence, on
  // either side, adds to the cost of the bead and its neighbour together
  // (capped): small when the sentences at an edge fit either bead about as
  // well, as where a translator's long sentence became several.
  float boundary = 0;
  // What the clause term's split evidence took off the bead (0 or less; the
  // rest of the clause term is in `other`): large where two or more of its
  // sentences each match their own part of its one long sentence.
  float split = 0;
  double confidence = 0;  // the uncalibrated score: length match moved by the anchors
  std::uint16_t matched = 0, missed = 0;              // anchor keys (not words) matched across, unmatched
  std::uint16_t words_matched = 0, words_missed = 0;  // dictionary words matched across, unmatched
  // Sentences of the bead that are page furniture (breadcrumbs, share
  // prompts, copyright lines: the model's furniture rules), on both sides.
  std::uint16_t furniture = 0;
};

// Source sentences [src_begin, src_end) aligned to target sentences
// [tgt_begin, tgt_end). Either side may be empty (a 1-0 or 0-1 bead).
struct Bead {
  std::uint32_t src_begin = 0, src_end = 0;
  std::uint32_t tgt_begin = 0, tgt_end = 0;
  double cost = 0.0;   // -log P(bead) under the model; lower is better
  // Probability in [0, 1] that the bead is right (calibrated on gold when
  // the model has a calibration, src/model/calibration.hpp); higher is better.
  double score = 0.0;
  BeadCosts costs{};
  [[nodiscard]] std::uint32_t src_size() const { return src_end - src_begin; }
  [[nodiscard]] std::uint32_t tgt_size() const { return tgt_end - tgt_begin; }
  // True for beads with sentences on both sides.
  [[nodiscard]] bool is_pair() const { return src_size() > 0 && tgt_size() > 0; }
  // Beads compare equal when they cover the same sentences; costs are ignored.
  friend bool operator==(const Bead& a, const Bead& b) {
    return a.src_begin == b.src_begin && a.src_end == b.src_end && a.tgt_begin == b.tgt_begin &&
           a.tgt_end == b.tgt_end;
  }
};

// Beads in document order; together they cover every sentence of both sides
// exactly once.
using Alignment = std::vector<Bead>;

// Of a refined bead (Aligner::refine): the part of its one sentence it
// pairs with its sentence of the other side, as bytes [begin, end) of that
// sentence's text, which is on the source side when is_src. A whole bead
// has none (begin == end).
struct BeadPart {
  ByteRange range{};
  bool is_src = true;
  [[nodiscard]] bool refined() const { return range.end > range.begin; }
};

// An alignment in which one-to-many beads may be cut into sentence-sized
// pairs: several beads then share their one sentence, each with its own
// part. parts is empty or parallel to beads.
struct RefinedAlignment {
  Alignment beads;
  std::vector<BeadPart> parts;
};

// How many one-to-many beads a refinement cut, into how many pairs.
struct RefineCount {
  std::size_t beads = 0, pairs = 0;
  friend bool operator==(const RefineCount&, const RefineCount&) = default;
};

// Of refined `beads` and their `parts` (parallel, or empty): how many beads
// were cut into how many pairs, and the alignment before the cutting, each
// run of pairs cut from one bead joined into that bead again. Writers and
// summaries want the alignment's beads (their types, the document score),
// whose pairs a filter may have thinned: the pairs left of a bead join into one.
[[nodiscard]] RefineCount count_refined(std::span<const Bead> beads, std::span<const BeadPart> parts);
[[nodiscard]] Alignment whole_beads(std::span<const Bead> beads, std::span<const BeadPart> parts);

// A document pair with its gold alignment, as training and evaluation read
// it: sentences of both sides and the beads that align them.
struct AlignedDocument {
  std::string name;
  std::vector<Sentence> src, tgt;
  Alignment gold;
};

}  // namespace jisr
