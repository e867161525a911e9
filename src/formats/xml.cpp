#include "formats/xml.hpp"

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

namespace jisr::detail {

std::size_t append_xml_escaped(std::string& out, std::string_view text) {
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\'':
        out += "&apos;";
        continue;
      case '\r':
        out += "&#13;";
        continue;
      default:
        break;
    }
    if (c < 0x20 && c != '\t' && c != '\n') {
      ++dropped;
      continue;
    }
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
         static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
      ++dropped;
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return dropped;
}

// The first character XML 1.0 forbids in valid UTF-8 `s`, or npos.
std::size_t find_xml_forbidden(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        static_cast<unsigned char>(s[i + 2]) >= 0xBE)
      return i;
  }
  return std::string_view::npos;
}

}  // namespace jisr::detail
