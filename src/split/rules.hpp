// Input: a per-language rule file (models/split/LANG.abbrev, "# jisr split-rules v2").
// Output: the decision whether a sentence break that ICU proposes stands.
//
// ICU proposes a break; the rules look at the word before it (the token
// between the previous white space and the break, without leading quotes or
// brackets) and the word after it:
//   inner ABBR / inner-re REGEX   the token is an abbreviation that never ends
//                                 a sentence (Mr., Dr., د.): the break goes.
//   final ABBR / final-re REGEX   the token may end a sentence (Inc., initials,
//                                 م. after a year): the break stays only when
//                                 the next word is a sentence starter.
//   end ABBR / end-re REGEX       the token often ends a sentence (U.S., a.m.):
//                                 the break stays before a starter and before
//                                 any word with a capital letter that is not a
//                                 listed continuation ("U.S. Army"), an acronym
//                                 ("U.S. COVID-19"), an inner abbreviation, or
//                                 the first of two capitalised words (a name:
//                                 "U.S. Drought Monitor").
//   continue WORD                 a capitalised word that goes on a phrase
//                                 after an `end` abbreviation.
//   reporting WORD / reporting-re REGEX  a verb of saying: after a quoted
//                                 question or exclamation that opens its
//                                 sentence, it continues the sentence
//                                 («…؟» تتساءل إحدى الأمهات).
//   label WORDS                   a field label of web pages (الكاتب, Views),
//                                 used on flattened lines (split/glued_text.hpp).
//   header PHRASE                 a fixed phrase of a release's header block
//                                 (بيان صحفي, Press release, المكتب الإعلامي):
//                                 a line that opens with one, holds more and does
//                                 not end in final punctuation is cut around
//                                 each (split/glued_text.hpp).
//   stamp-re REGEX                a page's time stamp (`Saturday, 22 April 2023
//                                 10:37`): a line that opens with a match and
//                                 goes on with a word is cut after the match, as
//                                 web text glues the time a page was posted to
//                                 its headline.
//   starter WORD / starter-re REGEX  words that begin sentences and are not
//                                 names (The, He, However; وقال ...).
//   include FILE                  the rules of another file in the same folder
//                                 (Arabic text quotes English abbreviations).
// Independent of the file: a break after ? ! ؟ (with closing quotes or
// brackets) before a lower-case word goes ("Hi!" he said); a break inside a
// token with no white space goes when the token is a URL or an e-mail
// address, when it falls inside square brackets (footnote marks "[1]"), or
// when ! or ? is followed by a cased letter ("Y!J", "!Kung"). Bidi controls
// (U+200E, U+202A..U+202E, U+2066..U+2069) around a period are ignored. A
// token glued to an earlier sentence ("Tuesday.Mr.") is looked up from the
// glue point on. Spaced ellipses: ". . ." standing free is a pause, four
// dots end a sentence, and dots attached to a word's period ("compounds.
// . . . The") end it at the word (the dots open the next sentence). Two dots
// attached to a word ("المركزي..") are a pause. Regular expressions are
// ICU's and must match the whole token.
#pragma once

#include <bitset>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
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
    std::vector<std::unique_ptr<icu::RegexMatcher>> inner, final_, end, starter, reporting, stamp;
    // What the first two code points of a token say about the abbreviation
    // patterns (inner, final, end): whether any token that starts with them
    // can match, found once per pair (most tokens before a break are words
    // that no pattern can match, and need no regular expression).
    struct Heads {
      std::vector<std::uint8_t> ascii;  // two ASCII characters: 0 not yet known, 1 can, 2 cannot
      std::unordered_map<std::uint64_t, bool> other;
    };
    Heads inner_heads, final_heads, end_heads;
  };
  [[nodiscard]] Matchers matchers() const;

  // Field labels (`label` lines), in file order.
  [[nodiscard]] const std::vector<std::string>& labels() const { return labels_; }
  // Header phrases (`header` lines), in file order.
  [[nodiscard]] const std::vector<std::string>& header_phrases() const { return headers_; }

  // Where the text after a time stamp that opens `line` (a `stamp-re`
  // match followed by white space and a letter or digit) starts, as a byte
  // offset of `line`; 0 when the line does not open with one.
  [[nodiscard]] std::size_t after_stamp(std::string_view line, Matchers& m) const;

  // Whether the break ICU proposes at byte `next` of `text` stands; `end` is
  // where the sentence before it ends once trailing white space is removed.
  [[nodiscard]] bool keep_break(std::string_view text, std::size_t end, std::size_t next,
                                Matchers& m) const;

  // Whether `token` ("Fig.", "approx.", "U.S.") is a listed abbreviation of
  // any kind.
  [[nodiscard]] bool is_abbreviation(std::string_view token, Matchers& m) const;

 private:
  // In the order of precedence of a token listed under several kinds.
  enum class Kind { none, inner, final_, end };
  void load_into(const std::filesystem::path& path, int depth);
  [[nodiscard]] Kind classify(std::string_view token, Matchers& m) const;
  [[nodiscard]] bool is_starter(std::string_view word, Matchers& m) const;
  [[nodiscard]] bool ends_before(std::string_view word, std::string_view second, Matchers& m) const;
  [[nodiscard]] bool keep_period_break(std::string_view text, std::size_t end, std::size_t next,
                                       std::string_view raw, std::string_view token,
                                       Matchers& m) const;

  // Sets of words looked up by string_view, without building a string.
  struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  using WordSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;

  void add_abbreviation(const std::string& token, Kind kind);

  // Listed abbreviations (inner, final, end) and their kind.
  std::unordered_map<std::string, Kind, ViewHash, std::equal_to<>> abbreviations_;
  // The first two bytes of each listed abbreviation (start_key): most tokens
  // before a break start as none does, and need no hash.
  std::bitset<1 << 16> abbreviation_starts_;
  WordSet starter_, continue_, reporting_;
  std::vector<std::string> labels_, headers_;
  std::vector<std::unique_ptr<icu::RegexPattern>> inner_re_, final_re_, end_re_, starter_re_,
      reporting_re_, stamp_re_;
};

}  // namespace jisr::detail
