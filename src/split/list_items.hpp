// Input: one stretch of text (UTF-8) and the sentence breaks found in it.
// Output: breaks before the items of numbered, lettered and bulleted lists,
// and no break between an item's number and its text.
//
// An item marker is a token standing alone before white space: a number
// (ASCII or Arabic-Indic digits), one Latin letter or a Roman numeral, written
// `1.` `1)` `1.)` or `(1)`, optionally after a bullet (• ◦ ▪ ‣ ⁃), or a bullet
// by itself. A list is a chain of markers of one form whose values go up by
// one (1. 2. 3., a) b) c), (i) (ii) (iii)), the first of them at the start of
// the text or after sentence-final punctuation, a colon or a semicolon (so
// "for 1. above … for 2. above" is not a list). Every later marker of a chain
// starts a sentence; so does every bullet after a first one that opens the
// text. A sentence is never just a marker: the break after "1." in
// "1. The first item" goes.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace jisr::detail {

// Appends to `out` the byte offsets in `s` where a list item starts (other
// than the start of `s`). `periods` holds the offsets of every '.' of `s`, in
// order, and `marks` those of every ')' and every 0xE2 byte among others
// (marks_of, split/extra_breaks.hpp).
void list_item_breaks(std::string_view s, std::span<const std::size_t> periods,
                      std::span<const std::size_t> marks, std::vector<std::size_t>& out);

// Whether [begin, end) of `s` holds nothing but one item marker (and white
// space): such a piece is not a sentence, and the break after it goes.
[[nodiscard]] bool is_item_marker(std::string_view s, std::size_t begin, std::size_t end);

// Whether `line` begins with an item marker followed by white space: such a
// line starts a new sentence even in text wrapped at a fixed width.
[[nodiscard]] bool starts_with_item_marker(std::string_view line);

}  // namespace jisr::detail
