// Input: a bilingual dictionary file. Output: for a source-language word,
// the target-language words it may translate to.
//
// Two formats are read:
//   dictd   FILE.index (headword<TAB>offset<TAB>length, base64 numbers) with
//           FILE.dict or FILE.dict.dz (gzip/dictzip); entries as FreeDict
//           writes them: a headword line, then one gloss a line ("1. Gloss").
//           Debian's dict-freedict-ara-eng installs one in /usr/share/dictd.
//   TSV     source<TAB>target per line ('#' starts a comment).
// Headwords are stored in their matching form (anchors.hpp,
// normalize_for_matching); glosses are reduced to lower-case content words
// in their light-stemmed form (stem_english).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jisr {

class MatchNormalizer;

class Dictionary {
 public:
  // Loads a dictd dictionary (path to its .index, or to the name without
  // extension) or a TSV lexicon. Throws ModelError naming the file and the
  // line or entry that is malformed.
  [[nodiscard]] static Dictionary load(const std::filesystem::path& path);

  // Adds the entries of a dictd or TSV dictionary (as load does). With
  // `reversed`, the file translates target words into source phrases
  // (FreeDict's English–Arabic): every source word of a gloss gets the
  // headword as a translation.
  void add_file(const std::filesystem::path& path, bool reversed = false);

  // Adds source -> target word pairs from text in the TSV format.
  void add_tsv(std::string_view text, std::string_view origin);

  // Adds translations (target words already stemmed) of a source word in
  // matching form, in front of those it has or behind them.
  void add_translations(const std::string& headword, const std::vector<std::string>& targets,
                        bool in_front = true);

  // Target words for a source word already in matching form; empty if none.
  [[nodiscard]] const std::vector<std::string>& lookup(const std::string& normalized) const;

  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  void add(const std::string& headword, std::string_view glosses, bool first = true);
  void add_reversed(std::string_view headword, std::string_view glosses, const MatchNormalizer& normalize);
  std::unordered_map<std::string, std::vector<std::string>> entries_;
  std::unordered_map<std::string, std::vector<std::string>> primary_;  // one-word translations, in order
};

// Light English stemmer for matching: lower case, possessive 's and plural
// endings removed, then cut to its first five letters, which joins most
// inflections and derivations ("communications", "communicating" -> "commu").
[[nodiscard]] std::string stem_english(std::string_view word);

// The Arabic–English dictionaries installed by Debian's dict-freedict-ara-eng
// and dict-freedict-eng-ara (the second read reversed); null when neither is
// installed.
[[nodiscard]] std::shared_ptr<const Dictionary> load_system_arabic_english_dictionary();

}  // namespace jisr
