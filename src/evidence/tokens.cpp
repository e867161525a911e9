#include "evidence/tokens.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace jisr {

namespace {

bool word_char(UChar32 c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
         u_charType(c) == U_COMBINING_SPACING_MARK || c == 0x0640 /* tatweel */;
}

}  // namespace

void split_words(std::string_view sentence, std::vector<std::string_view>& out) {
  out.clear();
  const auto* s = reinterpret_cast<const std::uint8_t*>(sentence.data());
  const auto n = static_cast<std::int32_t>(sentence.size());
  std::int32_t start = -1;
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    const bool word = c >= 0 && word_char(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      out.push_back(
          sentence.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start)));
      start = -1;
    }
  }
  if (start >= 0) out.push_back(sentence.substr(static_cast<std::size_t>(start)));
}

WordShape word_shape(std::string_view word) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto n = static_cast<std::int32_t>(word.size());
  WordShape shape;
  bool latin = true, digits = true;
  UChar32 first = -1;
  for (std::int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (first < 0) first = c;
    UErrorCode status = U_ZERO_ERROR;
    if (u_isalpha(c) && uscript_getScript(c, &status) != USCRIPT_LATIN) latin = false;
    if (!u_isdigit(c)) digits = false;
    shape.length += U16_LENGTH(c);
  }
  shape.numeric = digits;
  shape.latin = latin && !digits;
  shape.capitalised = shape.latin && first >= 0 && u_isupper(first);
  return shape;
}

}  // namespace jisr
