// Private: numbers in any digit script. Input: a sentence as ICU text.
// Output: num: keys by value (٣٬٧٥٠ = 3,750 = 3750; 2.50 = 2.5), in text
// order.
#pragma once

#include <vector>

#include <unicode/unistr.h>

#include "jisr/anchors.hpp"

namespace jisr {

// Appends the number keys of `text` to `out`.
void find_numbers(const icu::UnicodeString& text, std::vector<AnchorKey>& out);

}  // namespace jisr
