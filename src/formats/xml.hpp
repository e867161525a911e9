// Private: XML for TMX. The one escaping function used by every writer, and a
// small pull parser used by the TMX reader.
//
// The parser reads the XML 1.0 that translation tools write: elements,
// attributes, character data, CDATA sections, comments, processing
// instructions and a DOCTYPE without an internal subset. It refuses entity
// declarations (so no entity expansion attacks) and every entity other than
// the five predefined ones and character references. It keeps its open
// elements in a vector, not on the call stack, so deep nesting cannot
// overflow the stack; it stops at kMaxXmlDepth.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jisr::detail {

// Appends `text` (valid UTF-8) to `out` escaped for XML 1.0 character data
// and attribute values: & < > " ' become entities and CR becomes &#13; (a
// parser would turn a literal CR into LF); characters XML 1.0 forbids (C0
// controls other than tab, LF and CR; U+FFFE; U+FFFF) are dropped.
// Returns the number of characters dropped.
std::size_t append_xml_escaped(std::string& out, std::string_view text);

inline constexpr std::size_t kMaxXmlDepth = 256;

struct XmlEvent {
  enum class Kind { start, end, text, eof };
  Kind kind = Kind::eof;
  std::string name;                                             // start, end
  std::vector<std::pair<std::string, std::string>> attributes;  // start; values decoded
  std::string text;                                             // text; decoded, CRLF -> LF
  std::size_t offset = 0;                                       // byte offset in the input
};

// Reads `xml` (which must outlive the reader) one event at a time. A
// self-closing element gives a start and an end event. Throws InputError
// "NAME: byte N: ..." on the first fault: invalid UTF-8, a character XML
// forbids, a tag that does not match, an unknown entity, text or a second
// element outside the root, or a document that ends early.
class XmlReader {
 public:
  XmlReader(std::string_view xml, std::string name);
  XmlEvent next();
  [[nodiscard]] std::size_t depth() const { return open_.size(); }

 private:
  [[noreturn]] void fail(std::size_t at, std::string_view what) const;
  void skip_until(std::string_view end, std::string_view what);
  std::string read_name();
  void skip_space();
  std::string decode(std::string_view raw, std::size_t at) const;
  XmlEvent read_tag();

  std::string_view xml_;
  std::string name_;
  std::size_t pos_ = 0;
  std::vector<std::string> open_;
  bool seen_root_ = false;
  bool pending_end_ = false;  // a self-closing element still owes its end event
};

}  // namespace jisr::detail
