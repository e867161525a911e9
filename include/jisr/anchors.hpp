// Input: the sentences of one side of a document pair, and the language.
// Output: per sentence, a small multiset of anchor keys — things a
// translator does not change — that the scorer matches across the sides.
//
// Keys are strings with a type prefix:
//   num:3750      a number by value, in any digit script (٣٬٧٥٠ = 3,750 = 3750)
//   month:7       a month name of any Arabic system or English (تموز = يوليو = July)
//   day:2         a weekday name
//   lex:12        an entry of the bilingual lexicon (country names from ICU,
//                 organisations from models/anchors/LANG-LANG.lexicon.tsv)
//   name:dlb      a name reduced to its consonant skeleton; Arabic words are
//                 romanised with ICU's Arabic-Latin transliterator first
//                 (إدلب ~ Idlib); matched by similarity, not equality, when a
//                 document pair is scored (see match_names)
//   latin:bbc     a Latin-script word written inside non-Latin text, or a
//                 capitalised word in Latin text
//   url:…, email:…, tag:…   URLs, e-mail addresses, hashtags, as written
//   sym:?  sym:quote  sym:paren   question marks (? ؟), quotation marks, brackets
//   w:release     with a dictionary: on the source side, a stemmed English
//                 translation of a word; on the target side, a stemmed word
#pragma once

#include <filesystem>
#include <memory>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jisr/types.hpp"

namespace jisr {
class Dictionary;
}

namespace jisr {

enum class AnchorType : std::uint8_t { number, month, day, lexicon, name, latin, url, symbol, word, count };

[[nodiscard]] std::string_view to_string(AnchorType type);

// A number or a date (a month, a weekday): what a translator keeps.
[[nodiscard]] constexpr bool is_dated(AnchorType type) {
  return type == AnchorType::number || type == AnchorType::month || type == AnchorType::day;
}

struct AnchorKey {
  std::string key;  // "num:3750", "name:dlb", ...
  AnchorType type = AnchorType::number;
  friend bool operator==(const AnchorKey&, const AnchorKey&) = default;
};

struct AnchorOptions {
  std::string lang = "en";            // BCP 47 tag of the side
  std::filesystem::path lexicon;      // TSV lexicon (optional): ar<TAB>en|en2 per line
  bool lexicon_side_is_src = true;    // which column of the lexicon is this side's
  bool names = true;                  // name skeletons (Arabic and capitalised Latin words)
  // Source-to-target dictionary (dictionary.hpp), or null. On the source side
  // words are looked up; on the target side words become w: keys.
  const Dictionary* dictionary = nullptr;
  bool dictionary_side_is_src = true;
};

// Finds anchors. Construction builds ICU transliterators, month tables and
// the lexicon (throws IcuError / ModelError). find() is const but not
// thread-safe (ICU transliterators keep state): give each thread its own.
class AnchorExtractor {
 public:
  explicit AnchorExtractor(AnchorOptions options);
  ~AnchorExtractor();
  AnchorExtractor(const AnchorExtractor&) = delete;  // owns ICU objects
  AnchorExtractor& operator=(const AnchorExtractor&) = delete;
  AnchorExtractor(AnchorExtractor&&) noexcept;
  AnchorExtractor& operator=(AnchorExtractor&&) noexcept;

  // The anchors of one sentence, in text order (a key may repeat).
  [[nodiscard]] std::vector<AnchorKey> find(std::string_view sentence) const;

  // The same keys as find(), in the same order, appended to `out` as ids
  // into this extractor's table of keys (key()): a key already in the
  // table costs no string. Ids stay valid until forget_keys() empties the
  // table; find() may do so, when the table is larger than kKeyTableLimit.
  void find_ids(std::string_view sentence, std::vector<std::uint32_t>& out) const;
  // What the last find_ids call saw of its words' case, in Latin script
  // (and the acronyms it saw defined, AcronymSeen):
  // the name key and the latin key of its first word when that word is
  // capitalised and has a name key (kNoKey otherwise), and the latin keys
  // of its words written in lower case. Every sentence opens with a
  // capital, so a document tells a name that opens a sentence (Idlib)
  // from a common word (Cholera, Most) by whether the word is also written
  // in lower case (find_document_anchors, align/pipeline.hpp).
  // An acronym defined in the sentence after the words it stands for
  // (`Pulse of Life Medical Relief (PLMR)`): its latin key, and the
  // dictionary word keys of those words. Not their name keys: the Arabic
  // full name meets the words by their translations, and a name key it
  // lacks would keep a header line `Source: SNADC Media Department` from
  // agreeing with it (align/headings.hpp).
  struct AcronymSeen {
    std::uint32_t acronym = kNoKey;
    std::vector<std::uint32_t> expansion;
  };
  struct CaseSeen {
    std::uint32_t opening_name = kNoKey, opening_word = kNoKey;
    std::span<const std::uint32_t> lower_case;
    std::span<const AcronymSeen> acronyms;
  };
  static constexpr std::uint32_t kNoKey = 0xFFFFFFFF;
  [[nodiscard]] CaseSeen case_seen() const;
  // The key of an id that find_ids gave.
  [[nodiscard]] const AnchorKey& key(std::uint32_t id) const;
  // The number of keys in the table; every id is below it.
  [[nodiscard]] std::size_t key_count() const;
  // Empties the table of keys when it holds more than `limit`, so that it
  // stays bounded over many documents.
  void forget_keys(std::size_t limit = kKeyTableLimit) const;
  static constexpr std::size_t kKeyTableLimit = std::size_t{1} << 17;

  // The words of a sentence in the form the dictionary sees them: on the
  // dictionary's source side the normalised word, on its target side the
  // stemmed one (stem_english). Numbers are left out.
  [[nodiscard]] std::vector<std::string> words(std::string_view sentence) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Text normalised for matching only: NFKC, Arabic harakat and tatweel
// removed, alef forms unified (أ إ آ ٱ → ا), ى → ي, ة → ه, lower case.
// Builds an ICU transliterator per call (milliseconds): not for use in a loop.
[[nodiscard]] std::string normalize_for_matching(std::string_view text);

// Consonant skeleton of a romanised word: lower case, vowels and doubled
// letters dropped, digraphs and near-equivalent consonants folded
// (sh → s, q → k, v → f, ...). "Quneitra" → "kntr".
[[nodiscard]] std::string consonant_skeleton(std::string_view latin);

// Similarity of two skeletons in [0, 1]: 1 - edit distance / longer length.
[[nodiscard]] double skeleton_similarity(std::string_view a, std::string_view b);

// Rewrites the name keys of both sides so that skeletons linked by a chain
// of source–target similarities >= threshold become one key, spelt as a
// target name. Keys of other types are left alone.
void match_names(std::vector<std::vector<AnchorKey>>& src, std::vector<std::vector<AnchorKey>>& tgt,
                 double threshold = 0.75);

// The keys of one side of a document as ids into DocumentAnchors::keys, one
// list per sentence: sentence k holds ids[begin[k] .. begin[k+1]), in text
// order. Four bytes a key instead of a string: a long document's anchors
// stay a small fraction of its text.
struct SideKeys {
  std::vector<std::uint32_t> begin{0};
  std::vector<std::uint32_t> ids;
  // The sentences that are a page's time stamp (`Friday, 22 March 2019
  // 15:47`), ascending; their keys are left out. Filled by
  // find_document_anchors.
  std::vector<std::uint32_t> stamps;
  // The sentences, ascending, that held a number or a date (a month, a
  // weekday) found on this side of the document only: drop_one_sided
  // (align/pipeline.hpp) takes such keys out, as they cannot tell two
  // alignments apart, and lists their sentences here, since such a
  // sentence has no counterpart for them (AnchorParams::stray_cost).
  std::vector<std::uint32_t> lone_dated;

  [[nodiscard]] std::size_t size() const { return begin.size() - 1; }
  [[nodiscard]] std::span<const std::uint32_t> operator[](std::size_t k) const {
    return {ids.data() + begin[k], ids.data() + begin[k + 1]};
  }
};

// The anchors of a document pair: each distinct key once, and per sentence
// of each side the ids of its keys.
struct DocumentAnchors {
  std::vector<std::string> keys;   // by id: "num:3750", "name:dlb", ...
  std::vector<AnchorType> types;   // by id
  SideKeys src, tgt;
};

// Builds the compact form from key lists, one per sentence.
[[nodiscard]] DocumentAnchors intern_anchors(const std::vector<std::vector<AnchorKey>>& src,
                                             const std::vector<std::vector<AnchorKey>>& tgt);

// match_names on the compact form: name ids of both sides are replaced by
// the ids of their matched spellings (added to `keys` where new).
void match_names(DocumentAnchors& anchors, double threshold = 0.75);

}  // namespace jisr
