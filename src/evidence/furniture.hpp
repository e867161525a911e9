// Input: the sentences of one side and the model's furniture rules. Output:
// which of them are page furniture.
//
// A web page puts lines of its own around the text it carries: a
// breadcrumb trail (`Home > News > World`, `الرئيسية » سياسة`), share and
// comment prompts (`Share this article`, `Comments (12)`), a copyright line
// (`© 2018 All rights reserved.`), a "last updated" stamp, "back to top",
// a newsletter prompt, the tags of a post. They belong to the site, not to
// the release or article: the other language's page has its own, or none.
// Crawled document pairs and the seeds' press releases hold them on one
// side only, next to the first or last sentence of the text, and short
// enough that taking one into its neighbour's bead costs the length model
// almost nothing. Such a line pairs with furniture of the other side or
// with nothing; never with text.
//
// Lines are of kinds ("share", "trail", "tags", "copyright"), and a line
// pairs only with the other page's furniture of a kind it shares: the
// Arabic page's share prompt is the translation of the English page's share
// prompt, but not of its list of tags, though both are short lines at the
// foot of the text.
//
// The rules are data (the model's "furniture" section, written by `jisr
// train --furniture models/anchors/furniture.json`): by kind, ICU regular
// expressions by language tag, "*" for every language, matched without
// regard to case anywhere in a line (the line is case-folded, so patterns
// are written in lower case). A line longer than max_length (in the
// aligner's length units: code points that are neither white space nor
// combining marks) is text, whatever it holds: a sentence that mentions
// "click here" or a copyright is not furniture.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "jisr/types.hpp"

namespace jisr {

// Patterns by language tag ("ar", "en", "*").
using FurniturePatterns = std::map<std::string, std::vector<std::string>>;
// Patterns by kind of line.
using FurnitureKinds = std::map<std::string, FurniturePatterns>;
// The kinds a line is of, one bit per kind in the order of FurnitureKinds;
// 0 for a line of text.
using FurnitureMask = std::uint64_t;
inline constexpr std::size_t kMaxFurnitureKinds = 63;
// The kind of a page's time stamp (evidence/stamps.hpp), found by the
// anchors rather than by a pattern: the site's record of when the page
// went up, which pairs with the other page's stamp or with nothing.
inline constexpr FurnitureMask kStampKind = FurnitureMask{1} << kMaxFurnitureKinds;

// Compiled furniture rules; immutable, so one object serves every thread.
class FurnitureMatcher {
 public:
  // Compiles the patterns; throws ModelError naming `origin`, the kind, the
  // pattern and the offset where ICU stopped when one is not a valid
  // expression, or when there are more than kMaxFurnitureKinds kinds.
  FurnitureMatcher(const FurnitureKinds& kinds, std::uint32_t max_length, const std::string& origin);
  ~FurnitureMatcher();
  FurnitureMatcher(const FurnitureMatcher&) = delete;  // owns ICU patterns
  FurnitureMatcher& operator=(const FurnitureMatcher&) = delete;

  // One mask per sentence: the kinds of furniture of a page in language
  // `lang` the sentence is (by its own patterns and those for every
  // language), 0 where it is text. `lengths`, when given, holds each
  // sentence's alignment_length (score.hpp), which the caller has at hand;
  // otherwise it is measured.
  [[nodiscard]] std::vector<FurnitureMask> kinds(std::span<const Sentence> side, const std::string& lang,
                                                 std::span<const std::uint32_t> lengths = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jisr
