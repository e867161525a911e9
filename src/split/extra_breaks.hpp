// Input: one stretch of text (UTF-8) in which ICU and the rules look for
// sentence breaks.
// Output: further breaks that ICU's sentence rules do not propose, as byte
// offsets of `s` where the next sentence starts. Each function appends to
// `out`. Those that look at periods take `periods`, the offsets of every '.'
// of `s` in order, and those that look at other marks take `marks` (both
// from marks_of, one pass for all of them).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace jisr::detail {

// Sets `periods` to the offsets of every '.' in `s`, and `marks` to those of
// every '!', '?' and ')' and every byte 0xE2 or 0xEF (which start the
// ellipsis, the bullets and the full-width period), each in order.
void marks_of(std::string_view s, std::vector<std::size_t>& periods,
              std::vector<std::size_t>& marks);

// After an ellipsis "…" (U+2026) attached to a word and followed by white
// space and a letter or digit that is not lower case.
void ellipsis_breaks(std::string_view s, std::span<const std::size_t> marks,
                     std::vector<std::size_t>& out);

// Before a run of spaced dots attached to a word's period, when a word that
// is not lower case follows the run: "compounds. . . . The practice" breaks
// after "compounds." and the dots open the next sentence.
void spaced_ellipsis_breaks(std::string_view s, std::span<const std::size_t> periods,
                            std::vector<std::size_t>& out);

// Sentences glued without a space: "world.Today", "1,000.That",
// "period．Does": a period (or a full-width one) between a lower-case letter
// or digit and a capital followed by a lower-case letter, in a token that is
// not a URL, an e-mail address or a path. Cuts at a full-width period go to
// `full_width` (text written without spaces between sentences).
void glued_sentence_breaks(std::string_view s, std::span<const std::size_t> periods,
                           std::span<const std::size_t> marks, std::vector<std::size_t>& out,
                           std::vector<std::size_t>& full_width);

// After footnote marks that follow a sentence's final punctuation, before
// white space and a word that is not lower case: "martyr.[1] The",
// "large.[7][8] This", "consultation.11 12 Take", "(type 2).10 This".
void footnote_breaks(std::string_view s, std::span<const std::size_t> periods,
                     std::span<const std::size_t> marks, std::vector<std::size_t>& out);

// Before a number that opens a sentence ("the pandemic. 10 countries",
// "\"clearly effective\". 35 patients"), which ICU's rules keep with the
// sentence before: the period closes a word of two letters or more that is
// not upper case, or a closing quote or bracket after one; the word is no
// abbreviation (`is_abbreviation` of the token with its period); a word
// follows the number.
void number_start_breaks(std::string_view s, std::span<const std::size_t> periods,
                         const std::function<bool(std::string_view)>& is_abbreviation,
                         std::vector<std::size_t>& out);

}  // namespace jisr::detail
