#include "split/rules.hpp"

#include <fstream>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "jisr/error.hpp"

#include "util/icu.hpp"
#include "split/space.hpp"

namespace jisr::detail {

namespace {

constexpr std::string_view kHeader = "# jisr split-rules v2";

UChar32 char_at(std::string_view s, std::size_t i, std::size_t* next = nullptr) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  auto pos = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(bytes, pos, static_cast<int32_t>(s.size()), c);
  if (next != nullptr) *next = static_cast<std::size_t>(pos);
  return c;
}

UChar32 char_before(std::string_view s, std::size_t begin, std::size_t end, std::size_t* start) {
  const std::size_t k = previous_code_point(s, begin, end);
  if (start != nullptr) *start = k;
  return char_at(s, k);
}

// Quotes and brackets that may open or close a sentence.
bool is_quote_or_bracket(UChar32 c) {
  if (c == '"' || c == '\'') return true;
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
      rules.inner_.insert(value);
    } else if (kind == "final") {
      rules.final_.insert(value);
    } else if (kind == "starter") {
      rules.starter_.insert(value);
    } else if (kind == "inner-re") {
      compile(rules.inner_re_);
    } else if (kind == "final-re") {
      compile(rules.final_re_);
    } else if (kind == "starter-re") {
      compile(rules.starter_re_);
    } else {
      throw ModelError(fmt::format(
          "{}:{}: unknown kind \"{}\" (expected inner, final, starter, inner-re, final-re, "
          "starter-re, include)",
          path.string(), line_no, kind));
    }
  }
  if (!header_seen)
    throw ModelError(fmt::format("{}: empty rule file (expected \"{}\")", path.string(), kHeader));
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
  make(starter_re_, m.starter);
  return m;
}

SplitRules::Kind SplitRules::classify(std::string_view token, Matchers& m) const {
  const std::string key(token);
  if (inner_.contains(key)) return Kind::inner;
  if (final_.contains(key)) return Kind::final_;
  // Abbreviations are short: long tokens skip the regular expressions.
  if (token.size() > 24) return Kind::none;
  if (matches_any(m.inner, token)) return Kind::inner;
  if (matches_any(m.final_, token)) return Kind::final_;
  return Kind::none;
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
  return starter_.contains(std::string(word)) || matches_any(m.starter, word);
}

bool SplitRules::keep_break(std::string_view text, std::size_t end, std::size_t next,
                            Matchers& m) const {
  if (end == 0 || next >= text.size()) return true;
  if (end == next) {
    // No white space at the break: it falls inside a token. URLs, e-mail
    // addresses and dotted abbreviations (ص.ب.) are never split.
    const std::string_view token = strip_quotes(
        text.substr(token_begin(text, end), token_end(text, next) - token_begin(text, end)));
    return !looks_like_address(token) && classify(token, m) == Kind::none;
  }
  const std::string_view raw = text.substr(token_begin(text, end), end - token_begin(text, end));
  const std::string_view token = strip_quotes(raw);
  if (token.empty()) return true;
  const std::string_view following = strip_quotes(text.substr(next, token_end(text, next) - next));
  std::size_t last_start = 0;
  const UChar32 last = char_before(token, 0, token.size(), &last_start);
  if (is_ellipsis_only(token)) return false;  // a free-standing "..." is a pause
  if (last != '.') {
    // ? ! ؟ and the like: a lower-case word after them continues the sentence.
    return !starts_lower(following);
  }
  // A period: the token before it may be an abbreviation. One with closing
  // quotes or brackets after the period ("Inc.)") is not looked up.
  if (raw.size() > token.size() && !raw.ends_with(token)) return true;
  switch (classify(token, m)) {
    case Kind::inner:
      return false;
    case Kind::final_:
      return is_starter(following, m);
    case Kind::none:
      break;
  }
  return true;
}

}  // namespace jisr::detail
