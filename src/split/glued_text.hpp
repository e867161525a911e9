// Input: one line of text (UTF-8) that reads as flattened web text: page
// fields and headlines run together on one line without a separator.
// Output: byte offsets (start of the next sentence) where the line is cut.
//
// Two kinds of cut, both only inside such a line (and a third, around the
// fixed phrases of a flattened header block, in a line that opens with one):
//  - Field labels: a label followed by a colon ("الكاتب :", "Views:") starts a
//    new unit. Labels come from the rule file (`label WORD`, several words
//    allowed); besides, when a line holds two or more "WORD :" (a colon set
//    off by spaces, the layout of flattened field lists), each such word is a
//    label.
//  - Glued words: a token that is not a word form but splits into two that
//    are (…عمانتعيين… = عمان + تعيين) is cut between them. An Arabic letter
//    that only ends words (ة, ى) followed by a letter cuts the token without a
//    look-up. Both parts must hold at least kMinPart letters and one of them
//    more; among several ways, the most even split wins.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace jisr::detail {

// Whether a word (UTF-8, letters only) is a known word form.
using IsWord = std::function<bool(std::string_view)>;

// Parts of a glued token hold at least this many letters.
inline constexpr std::size_t kMinPart = 3;

// Whether `line` reads as flattened web text: it holds at least `min_words`
// words, no comma or semicolon (Latin or Arabic), and does not end in
// sentence-final punctuation (. ! ? ؟ … with closing quotes or brackets).
// Prose paragraphs end in punctuation and hold commas; headings that do not
// are short.
[[nodiscard]] bool is_flattened_line(std::string_view line, std::size_t min_words);

// Appends to `out` the offsets in `line` where a field label starts (see
// above); `labels` holds the listed labels (one or more words each).
void field_label_breaks(std::string_view line, const std::vector<std::string>& labels,
                        std::vector<std::size_t>& out);

// Whether `line` ends in sentence-final punctuation (. ! ? ؟ … and the
// like), closing quotes and brackets aside.
[[nodiscard]] bool ends_in_final_mark(std::string_view line);

// Appends to `out` the offsets in `line` around the fixed phrases of a
// release's header block (`header` lines of the rule file: بيان صحفي,
// Press release, المكتب الإعلامي), when a line that opens with one of them
// and does not end in final punctuation holds more: the header block
// flattened onto one line (تصريح صحفي الائتلاف … دائرة الإعلام والاتصال ٢٠١٨)
// is cut before and after each phrase it holds. Only a line with a second
// phrase or a final digit (a date) is a block; a title that opens with a
// phrase stays whole.
void header_phrase_breaks(std::string_view line, const std::vector<std::string>& phrases,
                          std::vector<std::size_t>& out);

// Appends to `out` the offsets in `line` where a glued token is cut. Only a
// line with at least one certain glue point (ة or ى before a letter) is
// looked at further; `is_word` is then asked about tokens of Arabic letters
// at least 2 * kMinPart letters long.
void glued_word_breaks(std::string_view line, const IsWord& is_word, std::vector<std::size_t>& out);

}  // namespace jisr::detail
