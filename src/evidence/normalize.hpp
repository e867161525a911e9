// Private: text in the form anchors and dictionaries are matched in.
// Input: UTF-8 text. Output: UTF-8 text, normalised (see
// normalize_for_matching in jisr/anchors.hpp), English words stemmed, or
// Arabic words without their proclitics.
//
// The dictionary and the anchor extractor both depend on this file; it
// depends on neither.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace jisr {

// Builds the ICU transliterator of normalize_for_matching. Throws IcuError.
[[nodiscard]] std::unique_ptr<icu::Transliterator> make_match_transliterator();

// The UTF-8 form of an ICU string.
[[nodiscard]] std::string to_utf8(const icu::UnicodeString& s);

// normalize_for_matching with the transliterator built once. Not
// thread-safe: give each thread its own.
class MatchNormalizer {
 public:
  MatchNormalizer();
  ~MatchNormalizer();
  MatchNormalizer(const MatchNormalizer&) = delete;  // owns an ICU transliterator
  MatchNormalizer& operator=(const MatchNormalizer&) = delete;
  [[nodiscard]] std::string operator()(std::string_view text) const;
  [[nodiscard]] std::string operator()(const icu::UnicodeString& text) const;

 private:
  std::unique_ptr<icu::Transliterator> transliterator_;
};

// Light English stemmer for matching: lower case, possessive 's and plural
// endings removed, then cut to its first five letters, which joins most
// inflections and derivations ("communications", "communicating" -> "commu").
[[nodiscard]] std::string stem_english(std::string_view word);

// Arabic proclitics that attach to a following word: conjunctions, then
// prepositions, then the article. Returns the variants of a normalised word
// with none, some or all of them removed, longest first (the word itself
// first).
[[nodiscard]] std::vector<std::string> arabic_variants(const std::string& word);

}  // namespace jisr
