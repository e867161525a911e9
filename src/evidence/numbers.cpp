#include "evidence/numbers.hpp"

#include <string>

#include <unicode/uchar.h>

namespace jisr {

void find_numbers(const icu::UnicodeString& text, std::vector<AnchorKey>& out) {
  const int32_t n = text.length();
  for (int32_t i = 0; i < n;) {
    UChar32 c = text.char32At(i);
    if (!u_isdigit(c)) {
      i += U16_LENGTH(c);
      continue;
    }
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
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    const std::size_t nz = integer.find_first_not_of('0');
    integer = nz == std::string::npos ? "0" : integer.substr(nz);
    out.push_back(
        {"num:" + integer + (fraction.empty() ? "" : "." + fraction), AnchorType::number});
  }
}

}  // namespace jisr
