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
// in their light-stemmed form (stem_english, normalize.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "evidence/string_hash.hpp"

namespace jisr {

class MatchNormalizer;
class DictionaryTable;

class Dictionary {
 public:
  // An empty dictionary.
  Dictionary() = default;

  // An overlay on `base` (may be null): words given to add_translations
  // are held here, with the base's translations merged in as add_translations
  // says; every other word is looked up in `base`, which is shared, never
  // copied.
  explicit Dictionary(std::shared_ptr<const Dictionary> base);

  // A dictionary read from a table (dictionary_table.hpp), shared.
  explicit Dictionary(std::shared_ptr<const DictionaryTable> table);

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

  // Target words for a source word already in matching form, in order;
  // empty if none. The views are valid while the dictionary (and its base
  // or table) lives and is not changed.
  [[nodiscard]] std::vector<std::string_view> lookup(std::string_view normalized) const;

  // Distinct headwords, those of the base or table included.
  [[nodiscard]] std::size_t size() const;

  // The entries held here in table form (DictionaryTable::build), marked
  // with `key`; the base and table are not included.
  [[nodiscard]] std::string to_table(std::uint64_t key) const;

 private:
  using Entries = std::unordered_map<std::string, std::vector<std::string>, StringHash, std::equal_to<>>;
  // The entry of a headword held here, made from what the table and the
  // base give it when it is new.
  std::vector<std::string>& own(const std::string& headword);
  // Lookup in the table, then the base.
  void lookup_behind(std::string_view word, std::vector<std::string_view>& out) const;
  void add(const std::string& headword, std::string_view glosses, bool first = true);
  void add_reversed(std::string_view headword, std::string_view glosses, const MatchNormalizer& normalize);

  Entries entries_;
  Entries primary_;  // one-word translations, in order
  std::shared_ptr<const DictionaryTable> table_;
  std::shared_ptr<const Dictionary> base_;
};

// The Arabic–English dictionaries installed by Debian's dict-freedict-ara-eng
// and dict-freedict-eng-ara (the second read reversed); null when neither is
// installed. The parsed dictionaries are kept as a table in the user's cache
// folder ($XDG_CACHE_HOME/jisr, else ~/.cache/jisr), keyed by the size and
// time of the installed files, and read from there when they still match;
// without a writable cache folder they are parsed on every call.
[[nodiscard]] std::shared_ptr<const Dictionary> load_system_arabic_english_dictionary();

// The folder those dictionaries are looked for in: $JISR_DICTD_DIR when set,
// else /usr/share/dictd.
[[nodiscard]] std::filesystem::path system_dictd_dir();

// The same with the files and cache folder given (empty: no cache).
[[nodiscard]] std::shared_ptr<const Dictionary> load_arabic_english_dictionary(
    const std::filesystem::path& ara_eng, const std::filesystem::path& eng_ara,
    const std::filesystem::path& cache_dir);

}  // namespace jisr
