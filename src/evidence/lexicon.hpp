// Private: the bilingual lexicon of one side. Input: ICU's country names
// in the side's language, and an optional TSV file (ar<TAB>en|en2 per
// line). Output: normalised phrase -> entry id, shared by both sides, and
// the stems that country adjectives share with their country.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "evidence/normalize.hpp"

namespace jisr {

class Lexicon {
 public:
  // Country names of the side's language, then the file's phrases of this
  // side (`side_is_src`: its first column) when `path` is not empty.
  // Throws ModelError naming the file and line of a malformed entry.
  Lexicon(bool arabic, const std::filesystem::path& path, bool side_is_src,
          const MatchNormalizer& normalize);

  // The entry of a normalised phrase (words joined by one space), or -1.
  [[nodiscard]] int find(const std::string& phrase) const;

  // The country whose adjective a normalised word is (Syrian, السورية), or -1.
  [[nodiscard]] int find_demonym(std::string_view word) const;

  // Every phrase (normalised) with its entry id.
  [[nodiscard]] const std::unordered_map<std::string, int>& phrases() const { return phrases_; }

  // The most words a phrase has.
  [[nodiscard]] std::size_t max_words() const { return max_words_; }

 private:
  std::string demonym_stem(std::string_view word) const;
  void add_phrase(const std::string& phrase, int id, bool country = false);
  void add_country_names(const MatchNormalizer& normalize);
  void load(const std::filesystem::path& path, bool side_is_src, const MatchNormalizer& normalize);

  bool arabic_ = false;
  std::unordered_map<std::string, int> phrases_;   // normalised phrase -> entry id
  std::unordered_map<std::string, int> demonyms_;  // stem of a one-word country name -> entry id
  std::size_t max_words_ = 1;
};

}  // namespace jisr
