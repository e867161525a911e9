#include "evidence/tokens.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace jisr {

namespace {

bool word_char(UChar32 c) {
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK ||
         c == 0x0640 /* tatweel */;
}

}  // namespace

std::string Tokenizer::normalize(const icu::UnicodeString& s) const {
  std::u16string key(s.getBuffer(), static_cast<std::size_t>(s.length()));
  if (const auto it = memo_.find(key); it != memo_.end()) return it->second;
  if (memo_.size() >= kMemoLimit) memo_.clear();
  return memo_.emplace(std::move(key), normalizer_(s)).first->second;
}

std::vector<Token> Tokenizer::operator()(const icu::UnicodeString& text) const {
  std::vector<Token> tokens;
  const int32_t n = text.length();
  for (int32_t i = 0; i < n;) {
    const UChar32 c = text.char32At(i);
    if (!word_char(c)) {
      i += U16_LENGTH(c);
      continue;
    }
    int32_t j = i;
    bool latin = true, digits = true;
    while (j < n) {
      const UChar32 d = text.char32At(j);
      if (!word_char(d)) break;
      UErrorCode status = U_ZERO_ERROR;
      if (u_isalpha(d) && uscript_getScript(d, &status) != USCRIPT_LATIN) latin = false;
      if (!u_isdigit(d)) digits = false;
      j += U16_LENGTH(d);
    }
    Token t;
    t.text = text.tempSubStringBetween(i, j);
    t.norm = normalize(t.text);
    t.numeric = digits;
    t.latin = latin && !digits;
    t.capitalised = t.latin && u_isupper(t.text.char32At(0));
    tokens.push_back(std::move(t));
    i = j;
  }
  return tokens;
}

}  // namespace jisr
