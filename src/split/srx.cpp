#include "split/srx.hpp"

#include <fmt/format.h>
#include <unicode/unistr.h>

#include "jisr/error.hpp"

#include "util/icu.hpp"
#include <pugixml.hpp>

namespace jisr::detail {

namespace {

std::unique_ptr<icu::RegexPattern> compile(const std::string& expr, uint32_t flags,
                                           const std::string& where) {
  UParseError at{};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexPattern> p(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(expr), flags, at, status));
  if (U_FAILURE(status))
    throw ModelError(fmt::format("{}: bad regular expression \"{}\" ({} at offset {})", where, expr,
                                 u_errorName(status), at.offset));
  return p;
}

std::unique_ptr<icu::RegexMatcher> matcher_for(const icu::RegexPattern& p, UText* text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(p.matcher(status));
  check_icu(status, "RegexPattern::matcher");
  m->reset(text);
  return m;
}

}  // namespace

SrxRules SrxRules::load(const std::filesystem::path& path, const std::string& lang) {
  const std::string name = path.string();
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_file(path.c_str());
  if (!parsed)
    throw ModelError(
        fmt::format("{}: byte {}: not an SRX file: {}", name, parsed.offset, parsed.description()));
  const pugi::xml_node srx = doc.child("srx");
  if (!srx) throw ModelError(fmt::format("{}: no <srx> root element", name));
  const std::string version = srx.attribute("version").as_string("2.0");
  if (version != "2.0")
    throw ModelError(fmt::format("{}: SRX version {} (expected 2.0)", name, version));
  const bool cascade =
      std::string(srx.child("header").attribute("cascade").as_string("no")) == "yes";
  const pugi::xml_node body = srx.child("body");

  SrxRules out;
  std::size_t maps_used = 0;
  for (const pugi::xml_node map : body.child("maprules").children("languagemap")) {
    const std::string pattern = map.attribute("languagepattern").as_string();
    const std::string rule_name = map.attribute("languagerulename").as_string();
    const auto lang_re = compile(pattern, UREGEX_CASE_INSENSITIVE,
                                 fmt::format("{}: languagemap \"{}\"", name, rule_name));
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(
        lang_re->matcher(icu::UnicodeString::fromUTF8(lang), status));
    check_icu(status, "RegexPattern::matcher");
    const bool hit = m->matches(status);
    check_icu(status, "RegexMatcher::matches");
    if (!hit) continue;
    const pugi::xml_node rules =
        body.child("languagerules")
            .find_child_by_attribute("languagerule", "languagerulename", rule_name.c_str());
    if (!rules)
      throw ModelError(
          fmt::format("{}: languagemap names \"{}\", which no languagerule has", name, rule_name));
    std::size_t n = 0;
    for (const pugi::xml_node rule : rules.children("rule")) {
      ++n;
      const std::string where = fmt::format("{}: languagerule \"{}\" rule {}", name, rule_name, n);
      Rule r;
      r.is_break = std::string(rule.attribute("break").as_string("yes")) != "no";
      const std::string before = rule.child("beforebreak").text().as_string();
      const std::string after = rule.child("afterbreak").text().as_string();
      if (!before.empty()) r.before = compile(before, 0, where);
      if (!after.empty()) r.after = compile(after, 0, where);
      out.rules_.push_back(std::move(r));
    }
    ++maps_used;
    if (!cascade) break;
  }
  if (maps_used == 0)
    throw ModelError(fmt::format("{}: no languagemap matches the language \"{}\"", name, lang));
  return out;
}

void SrxRules::breaks(std::string_view text, std::vector<std::size_t>& out) const {
  if (text.empty()) return;
  auto ut = open_utf8(text);
  // decided[p]: -1 no rule yet, 0 a rule keeps the text together, 1 a break.
  std::vector<signed char> decided(text.size() + 1, -1);
  const auto size = static_cast<int64_t>(text.size());
  for (const Rule& rule : rules_) {
    std::unique_ptr<icu::RegexMatcher> after;
    if (rule.after) after = matcher_for(*rule.after, ut.get());
    const auto decide = [&](int64_t pos) {
      if (pos <= 0 || pos >= size) return;
      auto& d = decided[static_cast<std::size_t>(pos)];
      if (d != -1) return;
      if (after) {
        UErrorCode status = U_ZERO_ERROR;
        const bool hit = after->lookingAt(pos, status);
        check_icu(status, "RegexMatcher::lookingAt");
        if (!hit) return;
      }
      d = rule.is_break ? 1 : 0;
    };
    if (!rule.before) {
      // An empty <beforebreak> matches at every position.
      for (int64_t pos = 1; pos < size; ++pos)
        if ((static_cast<unsigned char>(text[static_cast<std::size_t>(pos)]) & 0xC0) != 0x80)
          decide(pos);
      continue;
    }
    const auto before = matcher_for(*rule.before, ut.get());
    UErrorCode status = U_ZERO_ERROR;
    while (before->find(status)) {
      check_icu(status, "RegexMatcher::find");
      decide(before->end64(status));
      check_icu(status, "RegexMatcher::end");
    }
    check_icu(status, "RegexMatcher::find");
  }
  for (std::size_t p = 1; p < text.size(); ++p)
    if (decided[p] == 1) out.push_back(p);
}

}  // namespace jisr::detail
