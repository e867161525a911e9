// Private: the words of a sentence. Input: a sentence as ICU text.
// Output: word tokens (maximal runs of letters, marks and digits) with
// their matching form (normalize.hpp) and script.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/unistr.h>

#include "evidence/normalize.hpp"

namespace jisr {

struct Token {
  icu::UnicodeString text;  // as written
  std::string norm;         // normalised for matching (UTF-8)
  bool latin = false;       // written in Latin script
  bool capitalised = false;
  bool numeric = false;
};

// Splits text into tokens and normalises them, remembering the normal form
// of each word seen. Not thread-safe (the memo and ICU's transliterator).
class Tokenizer {
 public:
  // The tokens of `text`, in text order.
  [[nodiscard]] std::vector<Token> operator()(const icu::UnicodeString& text) const;

  // The matching form of one word or phrase, memoised.
  [[nodiscard]] std::string normalize(const icu::UnicodeString& s) const;

 private:
  // Words repeat (a long document has far fewer distinct words than
  // tokens), and ICU runs every rule-based transliteration in the process
  // under one global lock, so each call saved also saves other threads a
  // wait.
  static constexpr std::size_t kMemoLimit = std::size_t{1} << 18;
  MatchNormalizer normalizer_;
  mutable std::unordered_map<std::u16string, std::string> memo_;
};

}  // namespace jisr
