#include "detail/xml.hpp"

namespace jisr::detail {

std::size_t append_xml_escaped(std::string& out, std::string_view text) {
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&apos;"; continue;
      default: break;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
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

}  // namespace jisr::detail
