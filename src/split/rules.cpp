#include "split/rules.hpp"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "jisr/error.hpp"

#include "split/space.hpp"
#include "util/icu.hpp"

namespace jisr::detail {

namespace {

constexpr std::string_view kHeader = "# jisr split-rules v2";

UChar32 char_before(std::string_view s, std::size_t begin, std::size_t end, std::size_t* start) {
  const std::size_t k = previous_code_point(s, begin, end);
  if (start != nullptr) *start = k;
  return char_at(s, k);
}

// Quotes and brackets that may open or close a sentence.
bool is_quote_or_bracket(UChar32 c) {
  // In ASCII: the two quotes and the brackets of categories Ps and Pe.
  if (c >= 0 && c < 0x80)
    return c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' ||
           c == '}';
  const auto type = static_cast<UCharCategory>(u_charType(c));
  return type == U_START_PUNCTUATION || type == U_END_PUNCTUATION ||
         type == U_INITIAL_PUNCTUATION || type == U_FINAL_PUNCTUATION;
}

// [begin, end) without leading and trailing quotes and brackets.
std::string_view strip_quotes(std::string_view s) {
  std::size_t begin = 0, end = s.size();
  while (begin < end) {
    std::size_t next = 0;
    if (!is_quote_or_bracket(char_at(s, begin, &next))) break;
    begin = next;
  }
  while (end > begin) {
    std::size_t start = 0;
    if (!is_quote_or_bracket(char_before(s, begin, end, &start))) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

// Start of the token that ends at `end`: just after the previous white space.
std::size_t token_begin(std::string_view text, std::size_t end) {
  std::size_t b = end;
  while (b > 0) {
    // An ASCII byte is a code point of its own.
    if (const char c = text[b - 1]; static_cast<unsigned char>(c) < 0x80) {
      if (is_ascii_space(c)) break;
      --b;
      continue;
    }
    const std::size_t k = previous_code_point(text, 0, b);
    if (space_at(text, k) != 0) break;
    b = k;
  }
  return b;
}

// End of the token that starts at `begin`: the next white space.
std::size_t token_end(std::string_view text, std::size_t begin) {
  std::size_t e = begin;
  while (e < text.size() && space_at(text, e) == 0) ++e;
  return e;
}

bool looks_like_address(std::string_view token) {
  return token.find("://") != std::string_view::npos || token.starts_with("www.") ||
         token.find('@') != std::string_view::npos;
}

// The first letter of `word` is lower case (only cased scripts have any).
bool starts_lower(std::string_view word) {
  for (std::size_t i = 0; i < word.size();) {
    std::size_t next = 0;
    const UChar32 c = char_at(word, i, &next);
    if (u_isalpha(c)) return u_islower(c);
    if (u_isdigit(c)) return false;
    i = next;
  }
  return false;
}

bool is_ellipsis_only(std::string_view token) {
  if (token == ".") return false;
  for (std::size_t i = 0; i < token.size();) {
    if (token[i] == '.') {
      ++i;
    } else if (token.substr(i).starts_with("\xE2\x80\xA6")) {
      i += 3;
    } else {
      return false;
    }
  }
  return !token.empty();
}

// A token's first two bytes as one number (a token of one byte or none
// shares its number with longer ones: a filter may say yes wrongly, never no).
std::size_t start_key(std::string_view token) {
  if (token.empty()) return 0;
  const auto first = static_cast<unsigned char>(token[0]);
  const auto second = token.size() > 1 ? static_cast<unsigned char>(token[1]) : 0;
  return static_cast<std::size_t>(first) << 8 | second;
}

bool matches_any(std::vector<std::unique_ptr<icu::RegexMatcher>>& matchers, std::string_view s) {
  if (matchers.empty()) return false;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  for (auto& m : matchers) {
    m->reset(u);
    UErrorCode status = U_ZERO_ERROR;
    const bool hit = m->matches(status);
    check_icu(status, "RegexMatcher::matches");
    if (hit) return true;
  }
  return false;
}

// Whether a token that starts with `head` can match one of `matchers`. A
// match of `head` alone that fails without looking past its end (ICU's
// hitEnd()) fails the same way for every token that starts with it.
bool head_may_match(std::vector<std::unique_ptr<icu::RegexMatcher>>& matchers,
                    const icu::UnicodeString& head) {
  for (auto& m : matchers) {
    m->reset(head);
    UErrorCode status = U_ZERO_ERROR;
    const bool hit = m->matches(status);
    check_icu(status, "RegexMatcher::matches");
    if (hit || m->hitEnd()) return true;
  }
  return false;
}

// matches_any(), asked only when the first two code points of `s` (or its
// one) can begin a match; `heads` keeps what each pair said.
bool matches_any(std::vector<std::unique_ptr<icu::RegexMatcher>>& matchers,
                 SplitRules::Matchers::Heads& heads, std::string_view s) {
  if (matchers.empty()) return false;
  std::size_t second = 0, after = 0;
  const UChar32 c1 = s.empty() ? -1 : char_at(s, 0, &second);
  const UChar32 c2 = second < s.size() ? char_at(s, second, &after) : 0x110000;  // none
  // Ill-formed bytes (which ICU reads as U+FFFD) go straight to the patterns.
  if (c1 >= 0 && c2 >= 0) {
    const auto head = [&] {
      icu::UnicodeString h(c1);
      if (c2 < 0x110000) h.append(c2);
      return h;
    };
    bool may = true;
    if (c1 < 0x80 && c2 < 0x80) {
      if (heads.ascii.empty()) heads.ascii.assign(128 * 128, 0);
      std::uint8_t& known = heads.ascii[static_cast<std::size_t>(c1 * 128 + c2)];
      if (known == 0) known = head_may_match(matchers, head()) ? 1 : 2;
      may = known == 1;
    } else {
      const auto key = static_cast<std::uint64_t>(c1) << 32 | static_cast<std::uint32_t>(c2);
      const auto [at, added] = heads.other.try_emplace(key, false);
      if (added) at->second = head_may_match(matchers, head());
      may = at->second;
    }
    if (!may) return false;
  }
  return matches_any(matchers, s);
}

// Bidi controls (LRM, RLM, embeddings, overrides, isolates) carry no text:
// "د‪.‬" is "د." for the rules.
bool is_bidi_control(UChar32 c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// `s` without its bidi controls: `s` itself when it holds none (the usual
// case), else a copy made in `scratch`.
std::string_view without_controls(std::string_view s, std::string& scratch) {
  // Every bidi control's UTF-8 starts with 0xE2 (U+200E..U+2069) or 0xD8
  // (U+061C).
  if (std::none_of(s.begin(), s.end(), [](char c) { return c == '\xE2' || c == '\xD8'; })) return s;
  std::size_t i = 0;
  for (std::size_t next = 0; i < s.size(); i = next)
    if (is_bidi_control(char_at(s, i, &next))) break;
  if (i == s.size()) return s;
  scratch.assign(s.substr(0, i));
  for (std::size_t next = 0; i < s.size(); i = next) {
    const UChar32 c = char_at(s, i, &next);
    if (!is_bidi_control(c)) scratch.append(s.substr(i, next - i));
  }
  return scratch;
}

// The word that starts at byte `next` of `text`, without quotes, brackets
// and bidi controls (a copy in `scratch` when it holds one of those).
std::string_view following_word(std::string_view text, std::size_t next, std::string& scratch) {
  return without_controls(strip_quotes(text.substr(next, token_end(text, next) - next)), scratch);
}

// Whether byte `end` of `text` lies inside square brackets that open and
// close within a short distance (footnote marks, time stamps).
bool inside_brackets(std::string_view text, std::size_t end) {
  constexpr std::size_t kReach = 48;
  // No '[' in the bytes looked at below: not inside brackets.
  const std::size_t from = end > kReach ? end - kReach : 0;
  if (text.substr(from, end - from).find('[') == std::string_view::npos) return false;
  bool open = false;
  for (std::size_t i = end, depth = 0; i > 0 && end - i < kReach; --i) {
    const char c = text[i - 1];
    if (c == ']') ++depth;
    if (c == '[') {
      if (depth == 0) {
        open = true;
        break;
      }
      --depth;
    }
  }
  if (!open) return false;
  for (std::size_t i = end; i < text.size() && i - end < kReach; ++i) {
    if (text[i] == '[') return false;
    if (text[i] == ']') return true;
  }
  return false;
}

// The part of a token after the last point where a sentence is glued to the
// next without a space ("Tuesday.Mr." -> "Mr."): . ! ? between a lower-case
// letter or digit and a capital followed by a lower-case letter.
std::string_view after_glue(std::string_view token) {
  std::size_t from = 0;
  for (std::size_t p = 1; p + 2 < token.size(); ++p) {
    const char c = token[p];
    if (c != '.' && c != '!' && c != '?') continue;
    const char before = token[p - 1], a = token[p + 1], b = token[p + 2];
    if (((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9')) && a >= 'A' &&
        a <= 'Z' && b >= 'a' && b <= 'z')
      from = p + 1;
  }
  return token.substr(from);
}

std::string_view without_trailing_punctuation(std::string_view word) {
  while (!word.empty()) {
    std::size_t start = 0;
    const UChar32 c = char_before(word, 0, word.size(), &start);
    if (!u_ispunct(c)) break;
    word = word.substr(0, start);
  }
  return word;
}

template <typename Set>
bool is_reporting(std::string_view word, const Set& listed,
                  std::vector<std::unique_ptr<icu::RegexMatcher>>& matchers) {
  word = without_trailing_punctuation(word);
  if (word.empty()) return false;
  return listed.contains(word) || matches_any(matchers, word);
}

// Whether the quotation that closes just before byte `end` opens its
// sentence: before its opening quote there is only white space back to the
// start of the text or to sentence-final punctuation.
bool quotation_opens_sentence(std::string_view text, std::size_t end) {
  constexpr std::size_t kReach = 1000;
  std::size_t i = end;
  // Step back over the closing quote(s) and the final mark.
  while (i > 0 && end - i < 8) {
    const std::size_t k = previous_code_point(text, 0, i);
    std::size_t next = 0;
    const UChar32 c = char_at(text, k, &next);
    if (!is_quote_or_bracket(c) && c != '?' && c != '!' && c != 0x061F && c != '.') break;
    i = k;
  }
  while (i > 0 && end - i < kReach) {
    const std::size_t k = previous_code_point(text, 0, i);
    std::size_t next = 0;
    const UChar32 c = char_at(text, k, &next);
    const auto type = static_cast<UCharCategory>(u_charType(c));
    if (c == '"' || type == U_INITIAL_PUNCTUATION || type == U_START_PUNCTUATION ||
        c == 0x00AB /* « */) {
      std::size_t b = k;
      while (b > 0 && space_at(text, previous_code_point(text, 0, b)) != 0)
        b = previous_code_point(text, 0, b);
      if (b == 0) return true;
      const UChar32 p = char_at(text, previous_code_point(text, 0, b), &next);
      return p == '.' || p == '!' || p == '?' || p == 0x061F || p == 0x2026;
    }
    i = k;
  }
  return false;
}

// A break after a lone "." token that ends a run of spaced dots (". . .").
// Dots attached to a word's period ("compounds. . . . The") end the sentence
// at the word, so this break goes (the run opens the next sentence; see
// spaced_ellipsis_breaks); free-standing, three dots are a pause, and one
// (tokenised text: "word .") or four end the sentence.
bool keep_after_spaced_dots(std::string_view text, std::size_t end) {
  std::size_t j = end - 1, dots = 1;
  while (j >= 2 && text[j - 1] == ' ' && text[j - 2] == '.') {
    j -= 2;
    ++dots;
  }
  const bool attached = j > 0 && space_at(text, previous_code_point(text, 0, j)) == 0;
  if (attached) return dots - 1 < 3;
  // A lone " ." ends a sentence (tokenised text), three dots are a pause.
  return dots != 3;
}

}  // namespace

SplitRules SplitRules::load(const std::filesystem::path& path) {
  SplitRules rules;
  rules.load_into(path, 0);
  return rules;
}

void SplitRules::load_into(const std::filesystem::path& path, int depth) {
  SplitRules& rules = *this;
  std::ifstream in(path);
  if (!in) throw ModelError(fmt::format("{}: cannot open rule file", path.string()));
  std::string line;
  std::size_t line_no = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const ByteRange r = trim(line, 0, line.size());
    const std::string_view body = std::string_view(line).substr(r.begin, r.end - r.begin);
    if (!header_seen) {
      if (body != kHeader)
        throw ModelError(fmt::format("{}:{}: expected the version line \"{}\"", path.string(),
                                     line_no, kHeader));
      header_seen = true;
      continue;
    }
    if (body.empty() || body.front() == '#') continue;
    const std::size_t gap = body.find_first_of(" \t");
    if (gap == std::string_view::npos)
      throw ModelError(
          fmt::format("{}:{}: expected KIND VALUE, found \"{}\"", path.string(), line_no, body));
    const std::string_view kind = body.substr(0, gap);
    const ByteRange v = trim(body, gap, body.size());
    const std::string value(body.substr(v.begin, v.end - v.begin));
    const auto compile = [&](std::vector<std::unique_ptr<icu::RegexPattern>>& into) {
      UParseError where{};
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::RegexPattern> p(
          icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(value), where, status));
      if (U_FAILURE(status))
        throw ModelError(fmt::format("{}:{}: bad regular expression \"{}\" ({} at offset {})",
                                     path.string(), line_no, value, u_errorName(status),
                                     where.offset));
      into.push_back(std::move(p));
    };
    if (kind == "include") {
      if (depth >= 4)
        throw ModelError(fmt::format("{}:{}: includes nested too deeply", path.string(), line_no));
      rules.load_into(path.parent_path() / value, depth + 1);
    } else if (kind == "inner") {
      rules.add_abbreviation(value, Kind::inner);
    } else if (kind == "final") {
      rules.add_abbreviation(value, Kind::final_);
    } else if (kind == "end") {
      rules.add_abbreviation(value, Kind::end);
    } else if (kind == "starter") {
      rules.starter_.insert(value);
    } else if (kind == "continue") {
      rules.continue_.insert(value);
    } else if (kind == "reporting") {
      rules.reporting_.insert(value);
    } else if (kind == "label") {
      rules.labels_.push_back(value);
    } else if (kind == "header") {
      rules.headers_.push_back(value);
    } else if (kind == "end-re") {
      compile(rules.end_re_);
    } else if (kind == "reporting-re") {
      compile(rules.reporting_re_);
    } else if (kind == "inner-re") {
      compile(rules.inner_re_);
    } else if (kind == "final-re") {
      compile(rules.final_re_);
    } else if (kind == "starter-re") {
      compile(rules.starter_re_);
    } else if (kind == "stamp-re") {
      compile(rules.stamp_re_);
    } else {
      throw ModelError(fmt::format(
          "{}:{}: unknown kind \"{}\" (expected inner, final, end, starter, continue, "
          "reporting, label, header, inner-re, final-re, end-re, starter-re, reporting-re, stamp-re, include)",
          path.string(), line_no, kind));
    }
  }
  if (!header_seen)
    throw ModelError(fmt::format("{}: empty rule file (expected \"{}\")", path.string(), kHeader));
}

void SplitRules::add_abbreviation(const std::string& token, Kind kind) {
  abbreviation_starts_.set(start_key(token));
  // A token listed under several kinds counts as the first of inner, final,
  // end.
  const auto [at, added] = abbreviations_.emplace(token, kind);
  if (!added && static_cast<int>(kind) < static_cast<int>(at->second)) at->second = kind;
}

SplitRules::Matchers SplitRules::matchers() const {
  Matchers m;
  const auto make = [](const std::vector<std::unique_ptr<icu::RegexPattern>>& from,
                       std::vector<std::unique_ptr<icu::RegexMatcher>>& into) {
    for (const auto& p : from) {
      UErrorCode status = U_ZERO_ERROR;
      into.emplace_back(p->matcher(status));
      check_icu(status, "RegexPattern::matcher");
    }
  };
  make(inner_re_, m.inner);
  make(final_re_, m.final_);
  make(end_re_, m.end);
  make(starter_re_, m.starter);
  make(reporting_re_, m.reporting);
  make(stamp_re_, m.stamp);
  return m;
}

std::size_t SplitRules::after_stamp(std::string_view line, Matchers& m) const {
  // A stamp is a date and a clock time: short, and never without a colon.
  constexpr std::size_t kMaxStamp = 96;
  if (m.stamp.empty()) return 0;
  // A clock time has a colon with a digit on each side: an ASCII digit, or
  // a byte of a multi-byte character (the digits of other scripts), which
  // the regular expressions then check.
  const std::string_view head = line.substr(0, kMaxStamp);
  const auto digit_like = [](char c) { return (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80; };
  bool colon = false;
  for (std::size_t k = head.find(':'); k != std::string_view::npos && !colon; k = head.find(':', k + 1))
    colon = k > 0 && k + 1 < line.size() && digit_like(line[k - 1]) && digit_like(line[k + 1]);
  if (!colon) return 0;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(line.substr(0, 2 * kMaxStamp));
  for (auto& matcher : m.stamp) {
    matcher->reset(u);
    UErrorCode status = U_ZERO_ERROR;
    const bool hit = matcher->lookingAt(status);
    check_icu(status, "RegexMatcher::lookingAt");
    if (!hit) continue;
    const std::int32_t end = matcher->end(status);
    check_icu(status, "RegexMatcher::end");
    // White space, then a letter or a digit: more text on the line.
    std::int32_t next = end;
    while (next < u.length() && u_isUWhiteSpace(u.char32At(next)) != 0) next = u.moveIndex32(next, 1);
    if (next == end || next >= u.length() || u_isalnum(u.char32At(next)) == 0) return 0;
    std::string prefix;
    u.tempSubString(0, next).toUTF8String(prefix);
    return prefix.size();
  }
  return 0;
}

SplitRules::Kind SplitRules::classify(std::string_view token, Matchers& m) const {
  if (abbreviation_starts_.test(start_key(token)))
    if (const auto listed = abbreviations_.find(token); listed != abbreviations_.end())
      return listed->second;
  // Abbreviations are short: long tokens skip the regular expressions.
  if (token.size() > 24) return Kind::none;
  if (matches_any(m.inner, m.inner_heads, token)) return Kind::inner;
  if (matches_any(m.end, m.end_heads, token)) return Kind::end;
  if (matches_any(m.final_, m.final_heads, token)) return Kind::final_;
  return Kind::none;
}

bool SplitRules::is_abbreviation(std::string_view token, Matchers& m) const {
  return classify(token, m) != Kind::none;
}

bool SplitRules::is_starter(std::string_view word, Matchers& m) const {
  // Trailing punctuation ("However,") is not part of the word.
  while (!word.empty()) {
    std::size_t start = 0;
    const UChar32 c = char_before(word, 0, word.size(), &start);
    if (!u_ispunct(c)) break;
    word = word.substr(0, start);
  }
  if (word.empty()) return false;
  return starter_.contains(word) || matches_any(m.starter, word);
}

bool SplitRules::ends_before(std::string_view word, std::string_view second, Matchers& m) const {
  if (is_starter(word, m)) return true;
  std::size_t next = 0;
  if (word.empty() || !u_isupper(char_at(word, 0, &next))) return false;
  // Two capitalised words in a row are a name ("U.S. Drought Monitor").
  if (!second.empty() && u_isupper(char_at(second, 0, &next))) return false;
  const std::string_view bare = without_trailing_punctuation(word);
  if (continue_.contains(bare)) return false;
  // An acronym or code goes on the phrase ("U.S. COVID-19 patients").
  if (bare.size() >= 2 && !u_islower(char_at(bare, 1, &next)) &&
      !u_isspace(char_at(bare, 1, &next)))
    return false;
  return classify(word, m) != Kind::inner;
}

bool SplitRules::keep_period_break(std::string_view text, std::size_t end, std::size_t next,
                                   std::string_view raw, std::string_view token,
                                   Matchers& m) const {
  // The word after the break is read only when the rules ask for it (most
  // periods follow a word that is no abbreviation).
  std::string scratch;
  // A period with closing quotes or brackets after it ("Inc.)", «….») is not
  // looked up: the sentence ends there, unless a verb of saying follows.
  if (raw.size() > token.size() && !raw.ends_with(token))
    return !(is_reporting(following_word(text, next, scratch), reporting_, m.reporting) &&
             quotation_opens_sentence(text, end));
  switch (classify(token, m)) {
    case Kind::inner:
      return false;
    case Kind::final_:
      return is_starter(following_word(text, next, scratch), m);
    case Kind::end: {
      const std::string_view following = following_word(text, next, scratch);
      // The word after the following one, for names of several capitalised
      // words.
      std::size_t second = token_end(text, next);
      while (second < text.size() && space_at(text, second) > 0) second += space_at(text, second);
      return ends_before(following, strip_quotes(text.substr(second, token_end(text, second) - second)),
                         m);
    }
    case Kind::none:
      break;
  }
  return true;
}

bool SplitRules::keep_break(std::string_view text, std::size_t end, std::size_t next,
                            Matchers& m) const {
  if (end == 0 || next >= text.size()) return true;
  if (inside_brackets(text, end)) return false;  // "[1]", "[16: firma? 13:28]"
  if (end == next) {
    // No white space at the break: it falls inside a token. URLs, e-mail
    // addresses and dotted abbreviations (ص.ب.) are never split, nor is
    // "Y!J" or "!Kung" (! or ? before a cased letter).
    std::string scratch;
    const std::size_t begin = token_begin(text, end);
    const std::string_view token =
        without_controls(strip_quotes(text.substr(begin, token_end(text, next) - begin)), scratch);
    if (looks_like_address(token)) return false;
    std::size_t start = 0, after = 0;
    const UChar32 before = char_before(text, 0, end, &start);
    const UChar32 c = char_at(text, next, &after);
    if ((before == '!' || before == '?') && (u_isupper(c) || u_islower(c))) return false;
    return classify(token, m) == Kind::none;
  }
  std::string raw_scratch, following_scratch;
  const std::size_t raw_begin = token_begin(text, end);
  const std::string_view raw = without_controls(text.substr(raw_begin, end - raw_begin), raw_scratch);
  std::string_view token = strip_quotes(raw);
  if (token.empty()) return true;
  token = after_glue(token);
  if (token == ".") return keep_after_spaced_dots(text, end);
  if (is_ellipsis_only(token)) return false;  // a free-standing "..." is a pause
  // Two dots attached to a word ("المركزي.. من هي؟") are a pause.
  if (token.ends_with("..") && !token.ends_with("...") && token.size() > 2) return false;
  std::size_t last_start = 0;
  const UChar32 last = char_before(token, 0, token.size(), &last_start);
  if (last != '.' && last != 0xFF0E /* ． */) {
    // ? ! ؟ and the like: a lower-case word after them continues the
    // sentence ("Hi!" he said), and so does a verb of saying after a quoted
    // question («…؟» تتساءل).
    const std::string_view following = following_word(text, next, following_scratch);
    if (starts_lower(following)) return false;
    // A name that ends in "!" (Yahoo!) is looked up like an abbreviation.
    if (last == '!' && raw.ends_with(token)) {
      switch (classify(token, m)) {
        case Kind::inner:
          return false;
        case Kind::final_:
          return is_starter(following, m);
        case Kind::end:
          return ends_before(following, {}, m);
        case Kind::none:
          break;
      }
    }
    const bool quoted = raw.size() > token.size() && !raw.ends_with(token);
    return !(quoted && is_reporting(following, reporting_, m.reporting) &&
             quotation_opens_sentence(text, end));
  }
  return keep_period_break(text, end, next, raw, token, m);
}

}  // namespace jisr::detail
