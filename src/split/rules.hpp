// Input: a per-language rule file (models/split/LANG.abbrev, "# jisr split-rules v2").
// Output: the decision whether a sentence break that ICU proposes stands.
//
// ICU proposes a break; the rules look at the word before it (the token
// between the previous white space and the break, without leading quotes or
// brackets) and the word after it:
//   inner ABBR / inner-re REGEX   the token is an abbreviation that never ends
//                                 a sentence (Mr., Dr., د.): the break goes.
//   final ABBR / final-re REGEX   the token may end a sentence (U.S., Inc.,
//                                 initials, م. after a year): the break stays
//                                 only when the next word is a sentence starter.
//   starter WORD / starter-re REGEX  words that begin sentences and are not
//                                 names (The, He, However; وقال ...).
//   include FILE                  the rules of another file in the same folder
//                                 (Arabic text quotes English abbreviations).
// Independent of the file: a break after ? ! ؟ (with closing quotes or
// brackets) before a lower-case word goes ("Hi!" he said); a break inside a
// token with no white space (URLs, e-mail addresses) goes. Regular
// expressions are ICU's and must match the whole token.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <unicode/regex.h>

namespace jisr::detail {

class SplitRules {
 public:
  // An empty rule set: only the file-independent rules apply.
  SplitRules() = default;
  // Loads a rule file; throws ModelError naming the file and line.
  static SplitRules load(const std::filesystem::path& path);

  // Matchers for one thread; made by matchers() and passed to keep_break().
  struct Matchers {
    std::vector<std::unique_ptr<icu::RegexMatcher>> inner, final_, starter;
  };
  [[nodiscard]] Matchers matchers() const;

  // Whether the break ICU proposes at byte `next` of `text` stands; `end` is
  // where the sentence before it ends once trailing white space is removed.
  [[nodiscard]] bool keep_break(std::string_view text, std::size_t end, std::size_t next,
                                Matchers& m) const;

 private:
  enum class Kind { none, inner, final_ };
  void load_into(const std::filesystem::path& path, int depth);
  [[nodiscard]] Kind classify(std::string_view token, Matchers& m) const;
  [[nodiscard]] bool is_starter(std::string_view word, Matchers& m) const;

  std::unordered_set<std::string> inner_, final_, starter_;
  std::vector<std::unique_ptr<icu::RegexPattern>> inner_re_, final_re_, starter_re_;
};

}  // namespace jisr::detail
