// Private helpers shared by the splitter and its boundary metric: what counts
// as white space, and trimming byte ranges of UTF-8 text.
//
// White space here is Unicode White_Space (ICU's u_isUWhiteSpace) plus the
// zero-width space U+200B and the byte order mark U+FEFF, which carry no text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "jisr/types.hpp"

namespace jisr::detail {

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length in bytes of the white-space code point at byte `i` of `s`, or 0.
inline std::size_t space_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return is_ascii_space(s[i]) ? 1 : 0;
  // The other White_Space code points (U+0085, U+00A0, U+1680, U+2000..U+200A,
  // U+2028, U+2029, U+202F, U+205F, U+3000) and U+200B, U+FEFF start with one
  // of these bytes: Arabic letters and most others need no look-up.
  if (b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3 && b != 0xEF) return 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  auto pos = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(bytes, pos, static_cast<int32_t>(s.size()), c);
  if (c >= 0 && (u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF))
    return static_cast<std::size_t>(pos) - i;
  return 0;
}

// Start of the code point that ends just before byte `end` (end > begin).
inline std::size_t previous_code_point(std::string_view s, std::size_t begin, std::size_t end) {
  std::size_t k = end - 1;
  while (k > begin && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return k;
}

// Shrinks [begin, end) of `text` to exclude surrounding white space.
inline ByteRange trim(std::string_view text, std::size_t begin, std::size_t end) {
  while (begin < end) {
    const std::size_t n = space_at(text, begin);
    if (n == 0) break;
    begin += n;
  }
  while (end > begin) {
    const std::size_t k = previous_code_point(text, begin, end);
    if (space_at(text, k) == 0) break;
    end = k;
  }
  return {begin, end};
}

// The code point starting at byte `i` of valid UTF-8 `s`; `next`, when
// given, receives the byte after it.
inline UChar32 char_at(std::string_view s, std::size_t i, std::size_t* next = nullptr) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  auto pos = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(bytes, pos, static_cast<int32_t>(s.size()), c);
  if (next != nullptr) *next = static_cast<std::size_t>(pos);
  return c;
}

}  // namespace jisr::detail
