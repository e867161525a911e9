#include "evidence/normalize.hpp"

#include <algorithm>
#include <optional>

#include "jisr/anchors.hpp"

#include "util/icu.hpp"

namespace jisr {

namespace {

// Folds Arabic letter variants and marks for matching (see anchors.hpp).
constexpr const char* kNormalizeRules =
    "::NFKC; "
    "[\\u064B-\\u065F\\u0670\\u0640] > ; "
    "[\\u0622\\u0623\\u0625\\u0671] > \\u0627; "
    "\\u0649 > \\u064A; "
    "\\u0629 > \\u0647; "
    "::Lower;";

}  // namespace

std::unique_ptr<icu::Transliterator> make_match_transliterator() {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
      "jisr-normalize", icu::UnicodeString(kNormalizeRules, -1, US_INV), UTRANS_FORWARD,
      parse_error, status));
  detail::check_icu(status, "Transliterator::createFromRules (normaliser)");
  return t;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

MatchNormalizer::MatchNormalizer() : transliterator_(make_match_transliterator()) {}
MatchNormalizer::~MatchNormalizer() = default;

std::string MatchNormalizer::operator()(std::string_view text) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  transliterator_->transliterate(u);
  return to_utf8(u);
}

std::string MatchNormalizer::operator()(const icu::UnicodeString& text) const {
  icu::UnicodeString copy(text);
  transliterator_->transliterate(copy);
  return to_utf8(copy);
}

std::string normalize_for_matching(std::string_view text) { return MatchNormalizer()(text); }

std::string stem_english(std::string_view word) {
  std::string w;
  for (const char c : word) w += (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
  if (w.ends_with("'s") || w.ends_with("\xE2\x80\x99s"))
    w.resize(w.size() - (w.ends_with("'s") ? 2 : 4));
  if (w.size() > 4 && w.ends_with("ies")) {
    w.resize(w.size() - 3);
    w += 'y';
  } else if (w.size() > 4 && (w.ends_with("sses") || w.ends_with("shes") || w.ends_with("ches") ||
                              w.ends_with("xes"))) {
    w.resize(w.size() - 2);
  } else if (w.size() > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") &&
             !w.ends_with("is")) {
    w.pop_back();
  }
  // Cut after five code points (never inside a UTF-8 sequence).
  constexpr std::size_t kStemLength = 5;
  std::size_t points = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if ((static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) continue;
    if (points++ == kStemLength) {
      w.resize(i);
      break;
    }
  }
  return w;
}

std::vector<std::string> arabic_variants(const std::string& w) {
  std::vector<std::string> out{w};
  auto strip = [](std::string_view s, std::string_view prefix) -> std::optional<std::string> {
    if (s.size() > prefix.size() + 4 && s.starts_with(prefix))
      return std::string(s.substr(prefix.size()));
    return std::nullopt;
  };
  std::vector<std::string> frontier{w};
  for (const std::vector<std::string_view>& layer :
       {std::vector<std::string_view>{"و", "ف"}, std::vector<std::string_view>{"ب", "ل", "ك"},
        std::vector<std::string_view>{"ال", "لل"}}) {
    std::vector<std::string> next = frontier;
    for (const auto& f : frontier)
      for (const auto p : layer)
        if (auto s = strip(f, p)) {
          // لل is the preposition before the article whose alif it drops
          // (للأمم = ل + الأمم): the word with its article is a variant too,
          // so that lexicon phrases written with it match. Before the bare
          // word, which stays the last variant.
          if (p == "لل") next.push_back("ال" + *s);
          next.push_back(*s);
        }
    frontier = next;
  }
  for (auto& f : frontier)
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  return out;
}

}  // namespace jisr
