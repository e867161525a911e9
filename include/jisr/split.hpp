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

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jisr/types.hpp"

namespace jisr {

// How a single line break (not a blank line) is treated.
enum class LineBreaks {
  always,     // every line break ends a sentence (text with one sentence or heading a line)
  heuristic,  // a line break ends a sentence unless the text runs on: the line ends in
              // , ; - ، ؛, or the next line starts with a lower-case letter, or the
              // line was wrapped at a fixed width (its block of non-blank lines has at
              // least two lines of 80% or more of the widest, and the next line's first
              // word would not have fitted on it). So headings, datelines, bylines and
              // menu items end at their line break, and wrapped prose runs on.
  never,      // line breaks are spaces (text wrapped at a fixed width)
};

struct SplitOptions {
  std::string lang = "en";  // BCP 47 tag; selects ICU locale and rule file
  LineBreaks line_breaks = LineBreaks::heuristic;
  std::filesystem::path rules_dir;  // folder with LANG.abbrev files; empty or no file for
                                    // the language: ICU and the built-in rules only
  std::filesystem::path srx;        // SRX 2.0 rule file; when set, its rules for `lang`
                                    // replace ICU and the rule files inside each stretch
                                    // of text (line handling stays as above)
};

// Splits documents into sentences. Construction loads ICU data and rule
// files (throws IcuError / ModelError); split() is const and thread-safe:
// each call clones a prototype iterator.
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

  [[nodiscard]] const SplitOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads text that already holds one sentence a line. Blank lines separate
// paragraphs and are not sentences; surrounding white space is trimmed.
[[nodiscard]] std::vector<Sentence> read_presplit(std::string_view text);

}  // namespace jisr
