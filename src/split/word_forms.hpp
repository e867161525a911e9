// Input: a Hunspell dictionary (NAME.dic with NAME.aff beside it), read at
// run time through libhunspell; Debian's hunspell-ar installs one for Arabic
// in /usr/share/hunspell.
// Output: whether a word (UTF-8) is a form the dictionary accepts.
//
// Used only by the glued-text rule (split/glued_text.hpp), so the dictionary
// is read the first time a word is looked up, not when the splitter is made.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>

class Hunspell;

namespace jisr::detail {

class WordForms {
 public:
  // `dic` is the .dic file; nothing is read yet. An empty path accepts no word.
  explicit WordForms(std::filesystem::path dic);
  ~WordForms();
  WordForms(const WordForms&) = delete;
  WordForms& operator=(const WordForms&) = delete;

  // Whether `word` is a known form. Thread-safe (one look-up at a time). The
  // first call reads the dictionary; throws ModelError when it cannot.
  [[nodiscard]] bool contains(std::string_view word) const;

  // Whether a dictionary is configured (it may not be loaded yet).
  [[nodiscard]] bool available() const { return !dic_.empty(); }

 private:
  std::filesystem::path dic_;
  mutable std::mutex mutex_;
  mutable std::unique_ptr<Hunspell> hunspell_;
};

// The .dic file of the Hunspell dictionary installed for `lang` (its primary
// subtag) under /usr/share/hunspell, or an empty path when there is none.
[[nodiscard]] std::filesystem::path system_word_forms(std::string_view lang);

}  // namespace jisr::detail
