#include "evidence/clauses.hpp"

#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"
#include "align/score.hpp"

namespace jisr {

namespace {

// A word compared with the openers: combining marks and tatweel dropped,
// hamza-carrying alefs folded into bare alef, Latin lower-cased.
void fold_word(std::string_view word, std::string& out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  out.clear();
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    if (u_charType(c) == U_NON_SPACING_MARK || c == 0x0640) continue;
    if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671) c = 0x0627;
    c = u_tolower(c);
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    out.append(buf, static_cast<std::size_t>(n));
  }
}

// White_Space, frozen: its UTF-8 spans run through ICU's fast tables.
const icu::UnicodeSet& white_space() {
  static const icu::UnicodeSet* set = [] {
    UErrorCode status = U_ZERO_ERROR;
    auto* s = new icu::UnicodeSet(u"[:White_Space:]", status);
    if (U_FAILURE(status)) throw ModelError(fmt::format("clause rules: ICU white space set: {}", u_errorName(status)));
    s->freeze();
    return s;
  }();
  return *set;
}

// The first code points of a word as fold_word folds it (up to
// kPrefixLength of them, 21 bits each), packed into one number: two words
// whose folded forms are equal have the same prefix (folding twice folds
// once), so a word whose prefix no opener has is no opener.
constexpr int kPrefixLength = 3;
std::uint64_t folded_prefix(std::string_view word) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  std::uint64_t key = 0;
  int count = 0;
  for (int32_t i = 0; i < length && count < kPrefixLength;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || u_charType(c) == U_NON_SPACING_MARK || c == 0x0640) continue;
    if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671) c = 0x0627;
    key = (key << 21) | static_cast<std::uint64_t>(u_tolower(c));
    ++count;
  }
  return key;
}

// Strips punctuation from both ends of a word for the opener test.
std::string_view trim_punctuation(std::string_view w) {
  auto is_punct_byte = [](unsigned char b) { return b < 0x80 && !std::isalnum(b); };
  while (!w.empty() && is_punct_byte(static_cast<unsigned char>(w.front()))) w.remove_prefix(1);
  while (!w.empty() && is_punct_byte(static_cast<unsigned char>(w.back()))) w.remove_suffix(1);
  return w;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> cut_clauses(std::string_view sentence,
                                                             const ClauseRules& rules) {
  const ClauseCutter cut(rules);
  return cut(sentence);
}

ClauseCutter::ClauseCutter(const ClauseRules& rules) : rules_(rules) {
  for (const std::string& o : rules.openers) {
    fold_word(o, folded_);
    if (folded_.empty()) continue;
    openers_.insert(folded_);
    opener_prefixes_.push_back(folded_prefix(folded_));
  }
  std::sort(opener_prefixes_.begin(), opener_prefixes_.end());
  for (const std::string& j : rules.joints) joint_last_[static_cast<unsigned char>(j.back())] = true;
}

bool ClauseCutter::is_opener(std::string_view word) const {
  word = trim_punctuation(word);
  if (word.empty() || openers_.empty()) return false;
  // Most words do not begin as any opener does; the others are folded
  // whole and looked up.
  if (!std::binary_search(opener_prefixes_.begin(), opener_prefixes_.end(), folded_prefix(word))) return false;
  fold_word(word, folded_);
  return openers_.contains(std::string_view(folded_));
}

const std::vector<std::pair<std::size_t, std::size_t>>& ClauseCutter::operator()(std::string_view sentence) const {
  const ClauseRules& rules = rules_;
  // Words as byte ranges.
  std::vector<std::pair<std::size_t, std::size_t>>& words = words_;
  words.clear();
  const icu::UnicodeSet& space = white_space();
  const auto n = static_cast<int32_t>(sentence.size());
  for (int32_t i = 0; i < n;) {
    i += space.spanUTF8(sentence.data() + i, n - i, USET_SPAN_CONTAINED);
    if (i >= n) break;
    const int32_t from = i;
    i += space.spanUTF8(sentence.data() + i, n - i, USET_SPAN_NOT_CONTAINED);
    words.emplace_back(static_cast<std::size_t>(from), static_cast<std::size_t>(i));
  }
  // Candidate cuts: word indices a clause starts at.
  std::vector<std::size_t>& starts = starts_;
  starts.assign(1, 0);
  for (std::size_t k = 1; k < words.size(); ++k) {
    const std::string_view prev = sentence.substr(words[k - 1].first, words[k - 1].second - words[k - 1].first);
    bool cut = false;
    if (joint_last_[static_cast<unsigned char>(prev.back())])
      for (const std::string& j : rules.joints)
        if (prev.size() >= j.size() && prev.substr(prev.size() - j.size()) == j) cut = true;
    if (!cut) cut = is_opener(sentence.substr(words[k].first, words[k].second - words[k].first));
    if (cut) starts.push_back(k);
  }
  std::vector<std::pair<std::size_t, std::size_t>>& out = clauses_;
  out.clear();
  lengths_.clear();
  if (words.empty()) {
    out.emplace_back(0, sentence.size());
    return out;
  }
  // Clauses as byte ranges; a short one joins the one before it (the first,
  // if short, joins the next).
  if (starts.size() == 1) {
    out.emplace_back(0, sentence.size());
    return out;
  }
  // Lengths add up over adjacent ranges, so a merged clause's is the sum of
  // its parts'.
  std::uint32_t last_length = 0;
  for (std::size_t s = 0; s < starts.size(); ++s) {
    const std::size_t begin = s == 0 ? 0 : words[starts[s]].first;
    const std::size_t end = s + 1 < starts.size() ? words[starts[s + 1]].first : sentence.size();
    const std::uint32_t length = alignment_length(sentence.substr(begin, end - begin));
    if (!out.empty() &&
        (length < rules.min_length || out.size() >= rules.max_clauses || last_length < rules.min_length)) {
      out.back().second = end;
      last_length += length;
    } else {
      out.emplace_back(begin, end);
      last_length = length;
      lengths_.push_back(0);
    }
    lengths_.back() = last_length;
  }
  return out;
}

const ClauseRules* clause_rules(const Model& model, const std::string& lang) {
  const auto it = model.clauses.rules.find(lang);
  return it == model.clauses.rules.end() ? nullptr : &it->second;
}

const ClauseRules* scored_clause_rules(const Model& model, const std::string& lang) {
  const ClauseRules* rules = clause_rules(model, lang);
  return rules != nullptr && rules->scored ? rules : nullptr;
}

ClauseRuleSet parse_clause_rules(const std::string& json_text, const std::string& origin) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(fmt::format("{}: clause rules: {}", origin, e.what()));
  }
  if (!j.is_object()) throw ModelError(fmt::format("{}: clause rules must be an object by language", origin));
  ClauseRuleSet set;
  for (const auto& item : j.items()) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string lang = item.key();
    const nlohmann::json& r = item.value();
    const std::string where = fmt::format("{}: clause rules for '{}'", origin, lang);
    if (!r.is_object()) throw ModelError(where + " must be an object");
    ClauseRules rules;
    auto strings = [&](const char* key, std::vector<std::string>& out) {
      if (!r.contains(key)) return;
      if (!r[key].is_array()) throw ModelError(fmt::format("{}: {} must be a list of strings", where, key));
      for (const auto& s : r[key]) {
        if (!s.is_string() || s.get<std::string>().empty())
          throw ModelError(fmt::format("{}: {} must be a list of non-empty strings", where, key));
        out.push_back(s.get<std::string>());
      }
    };
    strings("joints", rules.joints);
    strings("openers", rules.openers);
    for (const auto& [key, value] : r.items()) {
      if (key == "joints" || key == "openers") continue;
      if (key == "scored") {
        if (!value.is_boolean()) throw ModelError(fmt::format("{}: scored must be true or false", where));
        rules.scored = value.get<bool>();
        continue;
      }
      if (key != "min_length" && key != "max_clauses")
        throw ModelError(fmt::format("{}: unknown field '{}'", where, key));
      if (!value.is_number_unsigned() || value.get<std::uint32_t>() > 10000 ||
          (key == "max_clauses" && value.get<std::uint32_t>() < 1))
        throw ModelError(fmt::format("{}: {} must be a small positive number", where, key));
      (key == "min_length" ? rules.min_length : rules.max_clauses) = value.get<std::uint32_t>();
    }
    set[lang] = std::move(rules);
  }
  return set;
}

std::string clause_rules_json(const ClauseRuleSet& rules) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [lang, r] : rules) {
    j[lang] = {{"joints", r.joints}, {"openers", r.openers}, {"min_length", r.min_length},
               {"max_clauses", r.max_clauses}};
    if (!r.scored) j[lang]["scored"] = false;
  }
  return j.dump();
}

}  // namespace jisr
