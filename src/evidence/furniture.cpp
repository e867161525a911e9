#include "evidence/furniture.hpp"

#include "jisr/error.hpp"

#include "align/score.hpp"
#include "util/icu.hpp"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fmt/format.h>

namespace jisr {

struct FurnitureMatcher::Impl {
  // A compiled pattern and the bit of its kind.
  struct Rule {
    const icu::RegexPattern* pattern;
    FurnitureMask kind;
  };
  // By language tag of the rules, that language's patterns and the "*"
  // ones; `any` holds the "*" ones alone, for a language the rules do not
  // name. Each pattern is tried alone: ICU scans for a pattern's literal
  // start, and tries one anchored at "^" at the first position only, which
  // it does for neither in an alternation of them all (three times slower
  // over a long document).
  std::map<std::string, std::vector<Rule>, std::less<>> by_lang;
  std::vector<Rule> any;
  std::vector<std::unique_ptr<icu::RegexPattern>> compiled;
  std::uint32_t max_length = 0;
  std::string origin;  // the model file, for errors
};

namespace {

// The most work one pattern may do on one line, in ICU's match steps (some
// milliseconds each): a pattern that backtracks without end, as a hostile
// model's may, is stopped and named instead of hanging the run.
constexpr int32_t kMatchTimeLimit = 500;

// Lines are matched case-folded, so a pattern's letters are lower case;
// the letter after a backslash is an escape (\S, \D), not text.
void check_lower_case(const std::string& pattern, const std::string& origin) {
  const icu::UnicodeString p = icu::UnicodeString::fromUTF8(pattern);
  for (int32_t k = 0; k < p.length(); k = p.moveIndex32(k, 1)) {
    const UChar32 c = p.char32At(k);
    if (c == '\\') {
      k = p.moveIndex32(k, 1);
      continue;
    }
    if (u_isUUppercase(c))
      throw ModelError(fmt::format("{}: furniture pattern \"{}\" has upper-case letters; lines are matched "
                                   "case-folded, so write patterns in lower case",
                                   origin, pattern));
  }
}

std::unique_ptr<icu::RegexPattern> compile(const std::string& pattern, const std::string& origin) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  std::unique_ptr<icu::RegexPattern> p(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, where, status));
  if (U_FAILURE(status))
    throw ModelError(fmt::format("{}: furniture pattern \"{}\" is not a valid ICU regular expression ({} at offset {})",
                                 origin, pattern, u_errorName(status), where.offset));
  return p;
}

}  // namespace

FurnitureMatcher::FurnitureMatcher(const FurnitureKinds& kinds, std::uint32_t max_length, const std::string& origin)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.max_length = max_length;
  m.origin = origin;
  if (kinds.size() > kMaxFurnitureKinds)
    throw ModelError(fmt::format("{}: {} kinds of furniture; at most {}", origin, kinds.size(), kMaxFurnitureKinds));
  std::map<std::string, std::vector<Impl::Rule>> own;
  FurnitureMask bit = 1;
  for (const auto& [kind, patterns] : kinds) {
    for (const auto& [lang, list] : patterns)
      for (const std::string& p : list) {
        const std::string where = fmt::format("{}: kind \"{}\"", origin, kind);
        check_lower_case(p, where);
        m.compiled.push_back(compile(p, where));
        (lang == "*" ? m.any : own[lang]).push_back({m.compiled.back().get(), bit});
      }
    bit <<= 1;
  }
  for (auto& [lang, list] : own) {
    std::vector<Impl::Rule> all = m.any;
    all.insert(all.end(), list.begin(), list.end());
    m.by_lang.emplace(lang, std::move(all));
  }
}

FurnitureMatcher::~FurnitureMatcher() = default;

std::vector<FurnitureMask> FurnitureMatcher::kinds(std::span<const Sentence> side, const std::string& lang,
                                                   std::span<const std::uint32_t> lengths) const {
  std::vector<FurnitureMask> out(side.size(), 0);
  const auto it = impl_->by_lang.find(lang);
  const std::vector<Impl::Rule>& rules = it != impl_->by_lang.end() ? it->second : impl_->any;
  if (rules.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;
  for (const Impl::Rule& r : rules) {
    matchers.emplace_back(r.pattern->matcher(status));
    detail::check_icu(status, "RegexPattern::matcher");
    matchers.back()->setTimeLimit(kMatchTimeLimit, status);
  }
  detail::check_icu(status, "RegexMatcher::setTimeLimit");
  for (std::size_t k = 0; k < side.size(); ++k) {
    const std::string& text = side[k].text;
    const std::uint32_t length = k < lengths.size() ? lengths[k] : alignment_length(text);
    if (length > impl_->max_length) continue;
    // In UTF-16, ICU's own form, and folded once: a case-insensitive
    // pattern would fold the text at every comparison.
    icu::UnicodeString line = icu::UnicodeString::fromUTF8(text);
    line.foldCase();
    // Every kind the line is of; a pattern of a kind already found is not
    // tried (most lines are text and try them all).
    for (std::size_t r = 0; r < rules.size(); ++r) {
      if ((out[k] & rules[r].kind) != 0) continue;
      const auto& m = matchers[r];
      m->reset(line);
      const bool hit = m->find(status) != 0;
      if (status == U_REGEX_TIME_OUT) {
        std::string pattern;
        m->pattern().pattern().toUTF8String(pattern);
        throw ModelError(fmt::format("{}: furniture pattern \"{}\" ran past its time limit on sentence {} ({} side)",
                                     impl_->origin, pattern, k + 1, lang));
      }
      detail::check_icu(status, "RegexMatcher::find");
      if (hit) out[k] |= rules[r].kind;
    }
  }
  return out;
}

}  // namespace jisr
