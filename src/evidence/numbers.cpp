#include "evidence/numbers.hpp"

#include <array>
#include <cmath>
#include <string>
#include <string_view>

#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace jisr {

namespace {

// A number's value times 10^power, as the digits of its key: "2" "5" 6 ->
// "2500000"; "1" "25" 1 -> "12.5".
std::string scaled(std::string integer, std::string fraction, int power) {
  const auto shift = static_cast<std::size_t>(power);
  if (fraction.size() <= shift) {
    integer += fraction + std::string(shift - fraction.size(), '0');
    fraction.clear();
  } else {
    integer += fraction.substr(0, shift);
    fraction = fraction.substr(shift);
  }
  return fraction.empty() ? integer : integer + "." + fraction;
}

// The word that starts at `at` (letters and combining marks), after at most
// two spaces or none ("3.1billion"); empty if none.
icu::UnicodeString next_word(const icu::UnicodeString& text, int32_t at) {
  const int32_t n = text.length();
  for (int spaces = 0; at < n && spaces < 2 && u_isUWhiteSpace(text.char32At(at)); ++spaces)
    at += U16_LENGTH(text.char32At(at));
  if (at >= n) return {};
  int32_t end = at;
  while (end < n) {
    const UChar32 c = text.char32At(end);
    if (!u_isalpha(c) && u_charType(c) != U_NON_SPACING_MARK) break;
    end += U16_LENGTH(c);
  }
  return text.tempSubStringBetween(at, end);
}

// The abbreviations of financial news, after a currency sign.
constexpr std::array<std::pair<std::string_view, int>, 5> kMoney{{{"k", 3}, {"m", 6}, {"mn", 6}, {"bn", 9}, {"b", 9}}};

// The most words a NumberScales remembers.
constexpr std::size_t kMaxSeenWords = 4096;

}  // namespace

NumberScales::NumberScales(const std::string& lang, const MatchNormalizer& normalize) : normalize_(&normalize) {
  UErrorCode status = U_ZERO_ERROR;
  icu::RuleBasedNumberFormat spellout(icu::URBNF_SPELLOUT, icu::Locale(lang.c_str()), status);
  if (U_FAILURE(status)) return;  // no rules for this language: numbers stay as written
  for (const int power : {3, 6, 9})
    for (const double k : {1.0, 2.0, 3.0, 11.0, 100.0}) {
      icu::UnicodeString words;
      spellout.format(k * std::pow(10.0, power), words);
      // The last word; German joins "ein­tausend" with a soft hyphen.
      int32_t start = words.length();
      while (start > 0 && !u_isUWhiteSpace(words.charAt(start - 1)) && words.charAt(start - 1) != 0x00AD) --start;
      const std::string w = normalize(icu::UnicodeString(words, start));
      if (!w.empty()) powers_.emplace(w, power);
    }
  if (std::string_view(icu::Locale(lang.c_str()).getLanguage()) != "ar") return;
  // The accusative of each (ألفاً, مليوناً: an alif, its tanween dropped by
  // the normaliser), the broken plurals, and بليون beside مليار.
  std::vector<std::pair<std::string, int>> extra;
  for (const auto& [word, power] : powers_) extra.emplace_back(word + "\u0627", power);
  for (const auto& [word, power] : std::array<std::pair<std::string_view, int>, 4>{
           {{"\u0645\u0644\u0627\u064A\u064A\u0646", 6},              // ملايين
            {"\u0645\u0644\u064A\u0627\u0631\u0627\u062A", 9},        // مليارات
            {"\u0628\u0644\u064A\u0648\u0646", 9},                      // بليون
            {"\u0628\u0644\u0627\u064A\u064A\u0646", 9}}})             // بلايين
    extra.emplace_back(normalize(word), power);
  for (auto& [word, power] : extra) powers_.emplace(std::move(word), power);
}

int NumberScales::power(const icu::UnicodeString& word, bool money) const {
  if (powers_.empty() || normalize_ == nullptr) return 0;
  std::u16string raw(word.getBuffer(), static_cast<std::size_t>(word.length()));
  if (money) raw.push_back(u'$');  // the same word after a currency sign is another look-up
  if (const auto it = seen_.find(raw); it != seen_.end()) return it->second;
  const std::string w = (*normalize_)(word);
  int power = 0;
  if (const auto it = powers_.find(w); it != powers_.end()) {
    power = it->second;
  } else if (money) {
    for (const auto& [abbreviation, p] : kMoney)
      if (w == abbreviation) power = p;
  }
  if (seen_.size() < kMaxSeenWords) seen_.emplace(std::move(raw), power);
  return power;
}

void find_numbers(const icu::UnicodeString& text, const NumberScales& scales, std::vector<AnchorKey>& out) {
  const int32_t n = text.length();
  for (int32_t i = 0; i < n;) {
    UChar32 c = text.char32At(i);
    if (!u_isdigit(c)) {
      i += U16_LENGTH(c);
      continue;
    }
    const int32_t start = i;
    // Groups of digits and the separators between them.
    std::vector<std::string> groups(1);
    std::vector<UChar32> seps;
    int32_t j = i;
    while (j < n) {
      c = text.char32At(j);
      if (u_isdigit(c)) {
        groups.back() += static_cast<char>('0' + u_charDigitValue(c));
        j += U16_LENGTH(c);
        continue;
      }
      const bool sep = c == ',' || c == '.' || c == 0x066B || c == 0x066C || c == 0x060C;
      const int32_t k = j + U16_LENGTH(c);
      if (sep && k < n && u_isdigit(text.char32At(k))) {
        seps.push_back(c);
        groups.emplace_back();
        j = k;
        continue;
      }
      break;
    }
    i = j;
    // Thousands separators: ٬ always; , or . when every group after the
    // first has three digits and the separators agree. A final , . or ٫
    // before other than three digits is a decimal mark.
    std::string integer = groups[0], fraction;
    bool grouped = !seps.empty();
    for (std::size_t g = 0; g < seps.size(); ++g)
      if (groups[g + 1].size() != 3 || seps[g] == 0x066B || seps[g] != seps[0]) grouped = false;
    if (grouped && seps[0] != 0x060C) {
      for (std::size_t g = 1; g < groups.size(); ++g) integer += groups[g];
    } else if (seps.size() == 1 && seps[0] != 0x060C) {
      fraction = groups[1];
    } else {
      // A list such as "1، 2" or "1.2.3": each group on its own.
      for (std::size_t g = 1; g < groups.size(); ++g)
        out.push_back(
            {"num:" + std::to_string(std::stoull(groups[g].substr(0, 18))), AnchorType::number});
    }
    // "٤٥ ألف", "2.5 million": the value the words give; not a number that
    // ends a code or name ("CoV-2 مليون", "F125"). An Arabic letter before
    // it is a clitic (و٣ ملايين).
    const UChar32 before = start > 0 ? text.char32At(text.moveIndex32(start, -1)) : U' ';
    UErrorCode script_status = U_ZERO_ERROR;
    const bool code = u_charType(before) == U_DASH_PUNCTUATION ||
                      (u_isalpha(before) && uscript_getScript(before, &script_status) == USCRIPT_LATIN);
    if (!scales.empty() && (grouped || seps.size() <= 1) && !code) {
      const icu::UnicodeString word = next_word(text, j);
      if (!word.isEmpty())
        if (const int power = scales.power(word, u_charType(before) == U_CURRENCY_SYMBOL); power > 0) {
          const std::string digits = scaled(integer, fraction, power);
          const auto dot = digits.find('.');
          integer = digits.substr(0, dot);
          fraction = dot == std::string::npos ? "" : digits.substr(dot + 1);
        }
    }
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    const std::size_t nz = integer.find_first_not_of('0');
    integer = nz == std::string::npos ? "0" : integer.substr(nz);
    out.push_back(
        {"num:" + integer + (fraction.empty() ? "" : "." + fraction), AnchorType::number});
  }
}

}  // namespace jisr
