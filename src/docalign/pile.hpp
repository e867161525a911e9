// Private: the two piles of jisr docalign. Input: folders or list files of
// documents, one language a pile (or one mixed pile sorted by script).
// Output: per document its anchor keys as ids into a shared vocabulary,
// its length, and its dates; the texts themselves are never kept, so a
// pile of 100,000 documents costs only its keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jisr/aligner.hpp"

namespace jisr::docalign {

// Every distinct key of both piles once; ids are dense from 0.
class Vocabulary {
 public:
  // The id of `key`, added when new.
  std::uint32_t intern(const std::string& key);
  [[nodiscard]] const std::string& key(std::uint32_t id) const { return keys_[id]; }
  [[nodiscard]] std::size_t size() const { return keys_.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> keys_;
};

// The documents of one side in compressed sparse rows: document d holds
// keys[begin[d] .. begin[d+1]) with their counts, ids ascending.
struct Pile {
  std::string lang;
  bool source_side = true;
  std::vector<std::string> names;  // as given: folder/file or the list's line
  std::vector<float> length;       // code points that are not white space
  std::vector<std::int64_t> begin{0};
  std::vector<std::uint32_t> keys;
  std::vector<float> counts;
  std::vector<std::int64_t> date_begin{0};  // the same for the date keys
  std::vector<std::uint32_t> dates;

  [[nodiscard]] std::size_t size() const { return names.size(); }
};

// One document that could not be read, and why.
struct Skipped {
  std::string name;
  std::string reason;
};

// The document paths of a pile: the regular files of a folder (sorted by
// name, hidden files left out), or the lines of a list file (paths relative
// to the list's folder; blank lines and lines starting with '#' skipped).
// Throws InputError when `pile` is neither.
[[nodiscard]] std::vector<std::string> list_pile(const std::string& pile);

// True when a text has more Arabic-script letters than Latin ones.
[[nodiscard]] bool is_arabic_script(std::string_view text);

struct ReadOptions {
  unsigned threads = 0;                          // 0: every core
  std::size_t max_bytes = std::size_t{1} << 26;  // larger documents are skipped
  std::size_t chunk = 0;                         // documents read at once; 0: 256 a thread
};

// Reads the documents of `paths` into `pile` through the Aligner's anchor
// extractors (source side when pile.source_side), a chunk at a time on
// `threads` threads. A file that is missing, unreadable, larger than
// max_bytes or not UTF-8 is added to `skipped` with the reason and left out.
void read_pile(const Aligner& aligner, const std::vector<std::string>& paths,
               const ReadOptions& options, Vocabulary& vocabulary, Pile& pile,
               std::vector<Skipped>& skipped);

// Splits a mixed pile: each readable document goes to the Arabic pile when
// is_arabic_script, else to the other. Unreadable ones go to `skipped`.
void sort_by_script(const std::vector<std::string>& paths, std::size_t max_bytes,
                    std::vector<std::string>& arabic, std::vector<std::string>& other,
                    std::vector<Skipped>& skipped);

// The date keys of one line's anchors (extractors give keys grouped by
// type, not in text order): when the line names exactly one month, at
// most one year (1800 to 2100) and one to three numbers from 1 to 31,
// "date:Y-M-D" (or "date:M-D" without a year) for each of those numbers.
// A translation keeps the true date among them; two documents rarely share
// one by chance.
[[nodiscard]] std::vector<std::string> date_keys(const std::vector<AnchorKey>& keys);

}  // namespace jisr::docalign
