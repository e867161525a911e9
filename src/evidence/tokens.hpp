// Private: the words of a sentence. Input: a sentence in UTF-8. Output:
// its words (maximal runs of letters, marks and digits, as ICU classes
// them) as views into the sentence, and the shape of a word.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace jisr {

// Replaces `out` with the words of `sentence`, in text order. Ill-formed
// UTF-8 bytes separate words, as U+FFFD would.
void split_words(std::string_view sentence, std::vector<std::string_view>& out);

struct WordShape {
  bool latin = false;  // every letter in Latin script, not all digits
  bool capitalised = false;
  bool numeric = false;     // digits only
  std::int32_t length = 0;  // in UTF-16 code units
};

// The shape of one word as split_words returns it.
[[nodiscard]] WordShape word_shape(std::string_view word);

}  // namespace jisr
