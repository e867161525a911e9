// Input: a whole document (UTF-8) and the line-break mode.
// Output: stretches of text in which ICU and the rules find sentence breaks;
// every line break between two stretches ends a sentence.
//
// Blank lines always end a stretch and a paragraph. With
// LineBreaks::heuristic the document is first judged as a whole:
//  - hard-wrapped: at least two line breaks, and 40% or more of them, fall
//    after a line that was filled to a fixed width (its block of non-blank
//    lines has two or more lines within 80% of the widest, which holds 40
//    to 160 characters; the next line's first word would not have fitted)
//    and does not end in sentence-final punctuation. Lines run on unless the
//    next line starts a list item; a line also runs on into the next after
//    , ; - ، ؛ or before a lower-case letter.
//  - otherwise one paragraph, heading or item a line: every line break ends a
//    sentence, except a break after a line without final punctuation before
//    a lower-case letter in a document that has lines ending in final
//    punctuation (a sentence broken by a stray line feed). A document none
//    of whose lines ends in final punctuation is a list: each line stands.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "jisr/split.hpp"
#include "jisr/types.hpp"

namespace jisr::detail {

struct Segment {
  ByteRange range;
  std::uint32_t paragraph = 0;
  bool joined = false;  // holds line breaks that do not end a sentence
};

// Lines of `text` as byte ranges (without their '\n').
[[nodiscard]] std::vector<ByteRange> lines_of(std::string_view text);

// The stretches of `text`, in order.
[[nodiscard]] std::vector<Segment> segments_of(std::string_view text, LineBreaks mode);

}  // namespace jisr::detail
