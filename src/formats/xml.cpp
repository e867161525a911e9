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

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Name characters: ASCII letters, digits and . - _ : plus any non-ASCII byte
// (the non-ASCII name characters of XML are not checked one by one).
bool is_name_char(char c, bool first) {
  const auto u = static_cast<unsigned char>(c);
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || u >= 0x80)
    return true;
  return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// The first character XML 1.0 forbids in valid UTF-8 `s`, or npos.
std::size_t find_forbidden(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        static_cast<unsigned char>(s[i + 2]) >= 0xBE)
      return i;
  }
  return std::string_view::npos;
}

}  // namespace

XmlReader::XmlReader(std::string_view xml, std::string name) : xml_(xml), name_(std::move(name)) {
  if (xml_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  if (xml_.size() >= 2 &&
      ((xml_[0] == '\xFF' && xml_[1] == '\xFE') || (xml_[0] == '\xFE' && xml_[1] == '\xFF')))
    fail(0, "UTF-16 XML; jisr reads UTF-8 TMX (convert with iconv -f UTF-16 -t UTF-8)");
  if (const std::size_t bad = find_invalid_utf8(xml_); bad != std::string_view::npos)
    fail(bad, xml_[bad] == '\0' ? "NUL byte" : "invalid UTF-8");
  if (const std::size_t bad = find_forbidden(xml_); bad != std::string_view::npos)
    fail(bad, "a character that XML 1.0 forbids");
}

void XmlReader::fail(std::size_t at, std::string_view what) const {
  throw InputError(fmt::format("{}: byte {}: {}", name_, at, what));
}

void XmlReader::skip_until(std::string_view end, std::string_view what) {
  const std::size_t at = pos_;
  const std::size_t found = xml_.find(end, pos_);
  if (found == std::string_view::npos) fail(at, fmt::format("unterminated {}", what));
  pos_ = found + end.size();
}

void XmlReader::skip_space() {
  while (pos_ < xml_.size() && is_space(xml_[pos_])) ++pos_;
}

std::string XmlReader::read_name() {
  const std::size_t begin = pos_;
  if (pos_ >= xml_.size() || !is_name_char(xml_[pos_], true)) fail(pos_, "expected a name");
  while (pos_ < xml_.size() && is_name_char(xml_[pos_], false)) ++pos_;
  return std::string(xml_.substr(begin, pos_ - begin));
}

std::string XmlReader::decode(std::string_view raw, std::size_t at) const {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\r') {  // XML end-of-line handling: CRLF and CR become LF
      out += '\n';
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      continue;
    }
    if (c == '<') fail(at + i, "'<' inside an attribute value");
    if (c != '&') {
      out += c;
      continue;
    }
    const std::size_t semi = raw.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) fail(at + i, "'&' that starts no entity");
    const std::string_view ref = raw.substr(i + 1, semi - i - 1);
    if (ref == "amp")
      out += '&';
    else if (ref == "lt")
      out += '<';
    else if (ref == "gt")
      out += '>';
    else if (ref == "quot")
      out += '"';
    else if (ref == "apos")
      out += '\'';
    else if (ref.size() >= 2 && ref[0] == '#') {
      const bool hex = ref[1] == 'x';
      const std::string_view digits = ref.substr(hex ? 2 : 1);
      if (digits.empty()) fail(at + i, "empty character reference");
      char32_t v = 0;
      for (const char d : digits) {
        unsigned x = 0;
        if (d >= '0' && d <= '9')
          x = static_cast<unsigned>(d - '0');
        else if (hex && d >= 'a' && d <= 'f')
          x = static_cast<unsigned>(d - 'a' + 10);
        else if (hex && d >= 'A' && d <= 'F')
          x = static_cast<unsigned>(d - 'A' + 10);
        else
          fail(at + i, "bad digit in a character reference");
        v = v * (hex ? 16 : 10) + x;
        if (v > 0x10FFFF) fail(at + i, "character reference beyond U+10FFFF");
      }
      if (!is_xml_char(v))
        fail(at + i, fmt::format("character reference to U+{:04X}, which XML 1.0 forbids",
                                 static_cast<unsigned>(v)));
      append_utf8(out, v);
    } else {
      fail(at + i, fmt::format("unknown entity &{};", ref));
    }
    i = semi;
  }
  return out;
}

XmlEvent XmlReader::read_tag() {
  XmlEvent ev;
  ev.offset = pos_;
  ++pos_;  // '<'
  if (pos_ < xml_.size() && xml_[pos_] == '/') {
    ++pos_;
    ev.kind = XmlEvent::Kind::end;
    ev.name = read_name();
    skip_space();
    if (pos_ >= xml_.size() || xml_[pos_] != '>') fail(pos_, "expected '>' to close an end tag");
    ++pos_;
    if (open_.empty() || open_.back() != ev.name)
      fail(ev.offset, open_.empty()
                          ? fmt::format("</{}> closes nothing", ev.name)
                          : fmt::format("</{}> where </{}> was expected", ev.name, open_.back()));
    open_.pop_back();
    return ev;
  }
  ev.kind = XmlEvent::Kind::start;
  ev.name = read_name();
  if (open_.empty() && seen_root_) fail(ev.offset, "a second root element");
  for (;;) {
    const std::size_t before = pos_;
    skip_space();
    if (pos_ >= xml_.size()) fail(ev.offset, fmt::format("unterminated tag <{}", ev.name));
    if (xml_[pos_] == '>') {
      ++pos_;
      break;
    }
    if (xml_.substr(pos_, 2) == "/>") {
      pos_ += 2;
      pending_end_ = true;
      break;
    }
    if (before == pos_) fail(pos_, "expected white space between attributes");
    const std::size_t attr_at = pos_;
    std::string attr = read_name();
    skip_space();
    if (pos_ >= xml_.size() || xml_[pos_] != '=')
      fail(pos_, "expected '=' after an attribute name");
    ++pos_;
    skip_space();
    if (pos_ >= xml_.size() || (xml_[pos_] != '"' && xml_[pos_] != '\''))
      fail(pos_, "expected a quoted attribute value");
    const char quote = xml_[pos_++];
    const std::size_t end = xml_.find(quote, pos_);
    if (end == std::string_view::npos) fail(attr_at, "unterminated attribute value");
    for (const auto& [seen, value] : ev.attributes)
      if (seen == attr) fail(attr_at, fmt::format("attribute {} given twice", attr));
    ev.attributes.emplace_back(std::move(attr), decode(xml_.substr(pos_, end - pos_), pos_));
    pos_ = end + 1;
  }
  if (open_.size() >= kMaxXmlDepth)
    fail(ev.offset, fmt::format("elements nested deeper than {}", kMaxXmlDepth));
  open_.push_back(ev.name);
  seen_root_ = true;
  return ev;
}

XmlEvent XmlReader::next() {
  if (pending_end_) {
    pending_end_ = false;
    XmlEvent ev;
    ev.kind = XmlEvent::Kind::end;
    ev.name = open_.back();
    ev.offset = pos_;
    open_.pop_back();
    return ev;
  }
  XmlEvent text;
  text.kind = XmlEvent::Kind::text;
  text.offset = pos_;
  while (pos_ < xml_.size()) {
    const char c = xml_[pos_];
    if (c != '<') {
      const std::size_t lt = std::min(xml_.find('<', pos_), xml_.size());
      const std::string_view run = xml_.substr(pos_, lt - pos_);
      if (open_.empty()) {
        for (std::size_t k = 0; k < run.size(); ++k)
          if (!is_space(run[k])) fail(pos_ + k, "text outside the root element");
      } else {
        if (const std::size_t gt = run.find("]]>"); gt != std::string_view::npos)
          fail(pos_ + gt, "']]>' in text");
        text.text += decode(run, pos_);
      }
      pos_ = lt;
      continue;
    }
    const std::string_view rest = xml_.substr(pos_);
    if (rest.starts_with("<!--")) {
      skip_until("-->", "comment");
    } else if (rest.starts_with("<![CDATA[")) {
      if (open_.empty()) fail(pos_, "CDATA outside the root element");
      const std::size_t begin = pos_ + 9;
      skip_until("]]>", "CDATA section");
      const std::string_view body = xml_.substr(begin, pos_ - 3 - begin);
      for (std::size_t k = 0; k < body.size(); ++k) {
        if (body[k] == '\r') {
          text.text += '\n';
          if (k + 1 < body.size() && body[k + 1] == '\n') ++k;
        } else {
          text.text += body[k];
        }
      }
    } else if (rest.starts_with("<!DOCTYPE")) {
      if (seen_root_) fail(pos_, "DOCTYPE after the root element");
      const std::size_t at = pos_;
      const std::size_t gt = xml_.find('>', pos_);
      if (gt == std::string_view::npos) fail(at, "unterminated DOCTYPE");
      if (xml_.substr(at, gt - at).find('[') != std::string_view::npos)
        fail(at, "DOCTYPE with an internal subset (entity declarations are not read)");
      pos_ = gt + 1;
    } else if (rest.starts_with("<!")) {
      fail(pos_, "unknown markup declaration");
    } else if (rest.starts_with("<?")) {
      skip_until("?>", "processing instruction");
    } else if (!text.text.empty()) {
      return text;  // the tag is read by the next call
    } else {
      return read_tag();
    }
  }
  if (!text.text.empty()) return text;
  if (!open_.empty()) fail(xml_.size(), fmt::format("document ends inside <{}>", open_.back()));
  if (!seen_root_) fail(xml_.size(), "no root element");
  XmlEvent eof;
  eof.offset = xml_.size();
  return eof;
}

}  // namespace jisr::detail
