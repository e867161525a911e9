// Input: an SRX 2.0 file (Segmentation Rules eXchange, the CAT tools'
// standard: Okapi, OmegaT) and a language tag.
// Output: the break positions, in UTF-8 bytes, that its rules give in a text.
//
// The language rules whose <languagemap languagepattern> matches the whole tag
// (ICU regular expression, case-insensitive) are used: all of them in map
// order with <header cascade="yes">, else only the first. At each position
// between two characters, the first rule whose <beforebreak> matches text
// ending there and whose <afterbreak> matches text starting there decides:
// break="no" keeps the text together, anything else breaks. Positions no rule
// matches are not breaks. The expressions are ICU's, which read SRX's Java
// syntax for the usual constructs; <beforebreak> matches are found left to
// right without overlap, as a Java Matcher's find() does.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/regex.h>

namespace jisr::detail {

class SrxRules {
 public:
  // Throws ModelError naming the file (and XML offset or rule) on bad input,
  // or when no language rule applies to `lang`.
  static SrxRules load(const std::filesystem::path& path, const std::string& lang);

  // Appends to `out` the byte offsets of `text` where a new sentence starts.
  void breaks(std::string_view text, std::vector<std::size_t>& out) const;

  [[nodiscard]] std::size_t size() const { return rules_.size(); }

 private:
  struct Rule {
    bool is_break = true;
    std::unique_ptr<icu::RegexPattern> before, after;  // null: matches everywhere
  };
  std::vector<Rule> rules_;
};

}  // namespace jisr::detail
