// Input: a whole document as valid UTF-8 (see text.hpp).
// Output: its sentences, each with a byte range into the input and a
// paragraph index.
//
// Sentence boundaries come from ICU's sentence BreakIterator run over the
// UTF-8 bytes (UText), corrected by per-language rules kept as data
// (models/split/LANG.abbrev: abbreviations that never end a sentence, ones
// that may, and sentence starters; see docs/splitting.md). Blank lines always
// end a sentence and a paragraph; what a single line break does is set by
// LineBreaks. Every byte of the input lies in exactly one sentence or in the
// white space between two.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jisr/types.hpp"

namespace jisr {

// How a single line break (not a blank line) is treated.
enum class LineBreaks {
  always,     // every line break ends a sentence (text with one sentence or heading a line)
  heuristic,  // decided per document (docs/splitting.md): in a hard-wrapped document
              // (lines filled to a width, ending mid-phrase) lines run on, except
              // before a list item; in a document with one paragraph, heading or item
              // a line, every line break ends a sentence, except a stray break inside
              // a sentence (no final punctuation, next line lower case).
  never,      // line breaks are spaces (text wrapped at a fixed width)
};

struct SplitOptions {
  std::string lang = "en";  // BCP 47 tag; selects ICU locale and rule file
  LineBreaks line_breaks = LineBreaks::heuristic;
  std::filesystem::path rules_dir;   // folder with LANG.abbrev files; empty or no file for
                                     // the language: ICU and the built-in rules only
  std::filesystem::path srx;         // SRX 2.0 rule file; when set, its rules for `lang`
                                     // replace ICU and the rule files inside each stretch
                                     // of text (line handling stays as above)
  bool plain_icu = false;            // ICU's breaks alone, for comparison: no rule file and
                                     // none of the rules of docs/splitting.md
  bool glued_words = true;           // cut words glued together in flattened web text
                                     // (headlines run together) where a word-form
                                     // dictionary says so
  std::filesystem::path word_forms;  // Hunspell .dic (.aff beside it) for glued_words;
                                     // empty: /usr/share/hunspell/LANG.dic if installed.
                                     // Read the first time a flattened line needs it.
};

// One sentence of a split text as a byte range into that text: what
// SentenceSplitter::split_spans gives, without a copy of the sentence's bytes.
struct SentenceSpan {
  ByteRange source;             // UTF-8 byte offsets into the split text, trimmed
  std::uint32_t paragraph = 0;  // 0-based paragraph index (blank lines separate paragraphs)
  // The sentence lies in lines that run on into each other: CR and LF in its
  // bytes are spaces in its text (sentence_text). False for a sentence within
  // one line, whose text is its bytes unchanged.
  bool runs_on = false;
  friend bool operator==(const SentenceSpan&, const SentenceSpan&) = default;
};

// Splits documents into sentences. Construction loads ICU data and rule
// files (throws IcuError / ModelError); split() is const and thread-safe:
// each call clones a prototype iterator. split() throws ModelError when a
// configured word-form dictionary cannot be read.
class SentenceSplitter {
 public:
  explicit SentenceSplitter(SplitOptions options);
  ~SentenceSplitter();
  // Not copyable: owns an ICU iterator prototype. Movable.
  SentenceSplitter(const SentenceSplitter&) = delete;
  SentenceSplitter& operator=(const SentenceSplitter&) = delete;
  SentenceSplitter(SentenceSplitter&&) noexcept;
  SentenceSplitter& operator=(SentenceSplitter&&) noexcept;

  // Offsets in the result are UTF-8 byte offsets into `text`. Sentences are
  // trimmed of surrounding white space; white space never forms a sentence.
  // A sentence's text is its source range with any line breaks inside it
  // (CR, LF) turned into spaces, so it prints on one line.
  [[nodiscard]] std::vector<Sentence> split(std::string_view text) const;

  // The same sentences as split(), as byte ranges into `text`: no string is
  // built. For callers that keep `text` and need only the offsets, or that
  // print the sentences straight from it (sentence_text).
  [[nodiscard]] std::vector<SentenceSpan> split_spans(std::string_view text) const;

  [[nodiscard]] const SplitOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The text split() gives for `span`, a sentence of `text`: its bytes, with
// CR and LF turned into spaces when it runs on across lines.
[[nodiscard]] std::string sentence_text(std::string_view text, const SentenceSpan& span);

// Sentences with their text, as split() gives them, from the spans of `text`.
[[nodiscard]] std::vector<Sentence> sentences_of(std::string_view text,
                                                 std::span<const SentenceSpan> spans);

// Reads text that already holds one sentence a line. Blank lines separate
// paragraphs and are not sentences; surrounding white space is trimmed.
[[nodiscard]] std::vector<Sentence> read_presplit(std::string_view text);

}  // namespace jisr
