// Private: numbers in any digit script. Input: a sentence as ICU text.
// Output: num: keys by value (٣٬٧٥٠ = 3,750 = 3750; 2.50 = 2.5), in text
// order. A number followed by a word for a thousand, a million or a
// billion takes its value (٤٥ ألف = 45 thousand = 45,000; 2.5 million =
// 2,500,000): press releases write "٣٥٠ ألف" in Arabic where the English
// writes 350,000.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/unistr.h>

#include "evidence/normalize.hpp"
#include "jisr/anchors.hpp"

namespace jisr {

// The words of one language that scale the number before them, by the power
// of ten they stand for, in the form MatchNormalizer gives. Taken from
// CLDR's spellout rules (ICU's RuleBasedNumberFormat): the last word of the
// spelled-out 1, 2, 3, 11 and 100 thousand, million and billion, so that
// singular, dual and plural forms come from the data. CLDR spells some
// Arabic forms in ways press text does not, so the Arabic table also
// holds the broken plurals ملايين and مليارات and the accusative ألفاً.
//
// It remembers the words it has looked up, so it is not thread-safe: one
// per extractor, like the normaliser it reads words with, which must
// outlive it.
class NumberScales {
 public:
  NumberScales() = default;
  // No spellout rules for `lang` is not an error: the table is then empty.
  NumberScales(const std::string& lang, const MatchNormalizer& normalize);

  // The power of ten that `word`, as written after a number, stands for, or
  // 0; `money`: the number follows a currency sign, where the abbreviations
  // of financial news count too (£125m, $3.6bn, €40k; elsewhere units).
  [[nodiscard]] int power(const icu::UnicodeString& word, bool money) const;
  [[nodiscard]] bool empty() const { return powers_.empty(); }

 private:
  std::unordered_map<std::string, int> powers_;  // normalised word -> power
  const MatchNormalizer* normalize_ = nullptr;
  // Words looked up, as written, with their power (or 0): the same few
  // words follow numbers again and again, and normalising costs far more
  // than a look-up. Bounded, for a hostile text of endless distinct words.
  mutable std::unordered_map<std::u16string, int> seen_;
};

// Appends the number keys of `text` to `out`; `scales` reads the word after
// each number.
void find_numbers(const icu::UnicodeString& text, const NumberScales& scales, std::vector<AnchorKey>& out);

}  // namespace jisr
