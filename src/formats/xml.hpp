// Private: XML for TMX. The one escaping function used by every writer, and
// the check of characters XML 1.0 forbids (the reader parses with pugixml).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jisr::detail {

// Appends `text` (valid UTF-8) to `out` escaped for XML 1.0 character data
// and attribute values: & < > " ' become entities and CR becomes &#13; (a
// parser would turn a literal CR into LF); characters XML 1.0 forbids (C0
// controls other than tab, LF and CR; U+FFFE; U+FFFF) are dropped.
// Returns the number of characters dropped.
std::size_t append_xml_escaped(std::string& out, std::string_view text);

// The byte offset of the first character XML 1.0 forbids (C0 controls
// other than tab, LF and CR; U+FFFE; U+FFFF) in valid UTF-8 `s`, or npos.
[[nodiscard]] std::size_t find_xml_forbidden(std::string_view s);

}  // namespace jisr::detail
