#include "evidence/stamps.hpp"

#include <algorithm>
#include <cstring>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace jisr {

namespace {

bool date_or_number(AnchorType type) {
  return type == AnchorType::number || type == AnchorType::day || type == AnchorType::month;
}

// True if the text holds a digit, a colon and two digits (10:37, ١٠:٣٧) in
// any digit script.
bool has_clock_time(std::string_view sentence) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(sentence.data(), static_cast<std::int32_t>(sentence.size())));
  for (std::int32_t k = text.indexOf(u':'); k >= 0; k = text.indexOf(u':', k + 1)) {
    if (k == 0) continue;
    const std::int32_t before = text.char32At(text.moveIndex32(k, -1));
    const std::int32_t after = k + 1;
    if (!u_isdigit(before) || after >= text.length() || !u_isdigit(text.char32At(after))) continue;
    const std::int32_t second = text.moveIndex32(after, 1);
    if (second < text.length() && u_isdigit(text.char32At(second))) return true;
  }
  return false;
}

}  // namespace

bool is_time_stamp(std::string_view sentence, std::span<const AnchorType> key_types) {
  if (key_types.size() < 2 || key_types.size() > kMaxTimeStampKeys) return false;
  if (!std::ranges::all_of(key_types, date_or_number)) return false;
  if (std::ranges::none_of(key_types, [](AnchorType t) { return t != AnchorType::number; })) return false;
  if (std::memchr(sentence.data(), ':', sentence.size()) == nullptr) return false;
  return has_clock_time(sentence);
}

}  // namespace jisr
