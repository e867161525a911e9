// Private: the one XML escaping function of jisr.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jisr::detail {

// Appends `text` (valid UTF-8) to `out` escaped for XML 1.0 character data
// and attribute values: & < > " ' become entities; characters XML 1.0 forbids
// (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF) are dropped.
// Returns the number of characters dropped.
std::size_t append_xml_escaped(std::string& out, std::string_view text);

}  // namespace jisr::detail
