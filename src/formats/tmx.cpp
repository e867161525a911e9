#include "jisr/tmx.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdint>
#include <filesystem>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

#include "formats/writer.hpp"
#include "formats/xml.hpp"

#include <pugixml.hpp>

namespace jisr {

namespace {

bool is_native_code(std::string_view element) {
  return element == "bpt" || element == "ept" || element == "it" || element == "ph" ||
         element == "ut";
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace

bool language_matches(std::string_view tag, std::string_view wanted) {
  if (equal_ignoring_case(tag, wanted)) return true;
  if (wanted.find('-') != std::string_view::npos) return false;
  const std::size_t dash = tag.find_first_of("-_");
  return dash != std::string_view::npos && equal_ignoring_case(tag.substr(0, dash), wanted);
}

namespace {

// Nesting deeper than this is refused (TMX needs about eight levels).
constexpr std::size_t kMaxDepth = 256;

// The text of a <seg>: character data and CDATA of the segment and of its
// <hi> and <sub> elements, without the native codes of <bpt>, <ept>, <it>,
// <ph> and <ut> (counted in `codes`). Iterative, so depth costs no stack.
std::string segment_text(const pugi::xml_node& seg, std::size_t& codes) {
  std::string text;
  pugi::xml_node node = seg.first_child();
  while (node && node != seg) {
    const bool element = node.type() == pugi::node_element;
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) text += node.value();
    if (element && is_native_code(node.name())) ++codes;
    if (element && !is_native_code(node.name()) && node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node != seg && !node.next_sibling()) node = node.parent();
    if (node != seg) node = node.next_sibling();
  }
  return text;
}

}  // namespace

TmxDocument read_tmx(std::string_view xml, std::string_view name) {
  auto fail = [&](std::ptrdiff_t at, std::string_view what) {
    throw InputError(fmt::format("{}: byte {}: {}", name, at < 0 ? 0 : at, what));
  };
  std::size_t start = xml.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (xml.size() >= 2 && ((xml[0] == '\xFF' && xml[1] == '\xFE') || (xml[0] == '\xFE' && xml[1] == '\xFF')))
    fail(0, "UTF-16 XML; jisr reads UTF-8 TMX (convert with iconv -f UTF-16 -t UTF-8)");
  if (const std::size_t bad = find_invalid_utf8(xml); bad != std::string_view::npos)
    fail(static_cast<std::ptrdiff_t>(bad), xml[bad] == '\0' ? "NUL byte" : "invalid UTF-8");
  if (const std::size_t bad = detail::find_xml_forbidden(xml); bad != std::string_view::npos)
    fail(static_cast<std::ptrdiff_t>(bad), "a character that XML 1.0 forbids");

  // pugixml parses without expanding any entity but the five predefined
  // ones and character references (no entity declarations are honoured,
  // so no expansion attacks), and without recursion.
  pugi::xml_document dom;
  const pugi::xml_parse_result parsed =
      dom.load_buffer(xml.data() + start, xml.size() - start,
                      pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
  if (!parsed) fail(static_cast<std::ptrdiff_t>(start) + parsed.offset, parsed.description());
  // A character reference may name what no UTF-8 text may hold (a
  // surrogate, &#xD800;) or what XML 1.0 forbids (&#1;); pugixml decodes
  // either without complaint, so decoded text is checked again.
  auto check_references = [&](std::ptrdiff_t at, std::string_view decoded) {
    if (find_invalid_utf8(decoded) != std::string_view::npos)
      fail(at, "a character reference to a surrogate or to no character");
    if (detail::find_xml_forbidden(decoded) != std::string_view::npos)
      fail(at, "a character that XML 1.0 forbids (written as a character reference)");
  };
  // pugixml's offset of an element is that of its name; jisr's, of its '<'.
  auto offset = [&](const pugi::xml_node& n) {
    return static_cast<std::ptrdiff_t>(start) + n.offset_debug() - (n.type() == pugi::node_element ? 1 : 0);
  };

  const pugi::xml_node root = dom.document_element();
  if (!root || std::string_view(root.name()) != "tmx") fail(offset(root), "the root element is not <tmx>");
  for (pugi::xml_node other = root.next_sibling(); other; other = other.next_sibling())
    if (other.type() == pugi::node_element) fail(offset(other), "a second root element");
  // Depth first over the whole tree, without recursion: the structure of
  // TMX is checked wherever its elements appear.
  TmxDocument doc;
  std::size_t depth = 1;
  pugi::xml_node node = root;
  for (;;) {
    if (node.type() == pugi::node_element) {
      const std::string_view el = node.name(), parent = node.parent().name();
      if (depth > kMaxDepth) fail(offset(node), fmt::format("elements nested deeper than {}", kMaxDepth));
      if (el == "header" && parent == "tmx") {
        doc.srclang = node.attribute("srclang").value();
        check_references(offset(node), doc.srclang);
      } else if (el == "tu") {
        if (parent != "body") fail(offset(node), "<tu> outside <body>");
        for (pugi::xml_node up = node.parent(); up; up = up.parent())
          if (std::string_view(up.name()) == "tu") fail(offset(node), "<tu> inside another <tu>");
        TmxUnit unit;
        unit.offset = static_cast<std::size_t>(offset(node));
        unit.id = node.attribute("tuid").value();
        for (const pugi::xml_node& child : node.children()) {
          const std::string_view c = child.name();
          if (c == "prop" && std::string_view(child.attribute("type").value()) == "x-score") {
            // jisr's scores are confidences in [0, 1]; another tool's (a
            // percentage, a cost) is not one, and is read as no score.
            unit.score = detail::parse_score(child.child_value());
            if (unit.score && (*unit.score < 0 || *unit.score > 1)) unit.score.reset();
          } else if (c == "tuv") {
            pugi::xml_attribute lang = child.attribute("xml:lang");
            if (!lang) lang = child.attribute("lang");
            if (lang.empty() || *lang.value() == '\0') fail(offset(child), "<tuv> without xml:lang");
            const pugi::xml_node seg = child.child("seg");
            if (!seg) fail(offset(child), "<tuv> without <seg>");
            if (seg.next_sibling("seg")) fail(offset(seg.next_sibling("seg")), "a second <seg> in one <tuv>");
            std::string text = segment_text(seg, doc.dropped_codes);
            check_references(offset(child), lang.value());
            check_references(offset(seg), text);
            unit.variants.push_back({lang.value(), std::move(text)});
          }
        }
        doc.units.push_back(std::move(unit));
      } else if (el == "tuv" && parent != "tu") {
        fail(offset(node), "<tuv> outside <tu>");
      } else if (el == "seg" && parent != "tuv") {
        fail(offset(node), "<seg> outside <tuv>");
      }
    }
    if (node.first_child() && node.type() == pugi::node_element) {
      node = node.first_child();
      ++depth;
      continue;
    }
    while (node != root && !node.next_sibling()) {
      node = node.parent();
      --depth;
    }
    if (node == root) break;
    node = node.next_sibling();
  }
  return doc;
}

Bitext bitext_from_tmx(const TmxDocument& tmx, std::string_view src_tag, std::string_view tgt_tag) {
  if (src_tag.empty())
    throw UsageError("the TMX names no source language (srclang); give --src-tag");
  Bitext b;
  b.src.lang = src_tag;
  b.tgt.lang = tgt_tag;
  for (const TmxUnit& unit : tmx.units) {
    const TmxVariant* src = nullptr;
    const TmxVariant* tgt = nullptr;
    for (const TmxVariant& v : unit.variants) {
      if (src == nullptr && language_matches(v.lang, src_tag)) {
        src = &v;
      } else if (tgt == nullptr && (tgt_tag.empty() ? !language_matches(v.lang, src_tag)
                                                    : language_matches(v.lang, tgt_tag))) {
        tgt = &v;
        if (b.tgt.lang.empty()) b.tgt.lang = v.lang;
      } else {
        ++b.extra_variants;
      }
    }
    if (src == nullptr && tgt == nullptr) {
      b.extra_variants += unit.variants.size();
      if (unit.variants.empty()) continue;
    }
    detail::add_bitext_bead(b, src ? &src->text : nullptr, tgt ? &tgt->text : nullptr, unit.score);
  }
  return b;
}

namespace detail {

namespace {

std::string now_tmx_date() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:%Y%m%dT%H%M%SZ}", tm);
}

// One <tu> per bead with both sides, numbered from 1 across the whole
// output; <prop type="x-document"> names the document when asked, and
// <prop type="x-refined"> holds the language of the side a refined pair
// (refine.hpp) takes a part of a sentence from.
class TmxWriter final : public BeadWriter {
 public:
  TmxWriter(const OutputOptions& options, std::ostream& out) : BeadWriter(options, out, false) {}

 protected:
  void write_header() override {
    std::string h = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header";
    auto attr = [&h](std::string_view name, std::string_view value) {
      h += fmt::format("\n    {}=\"", name);
      append_xml_escaped(h, value);
      h += '"';
    };
    attr("creationtool", "jisr");
    attr("creationtoolversion", options_.tool_version.empty() ? "0" : options_.tool_version);
    attr("segtype", "sentence");
    attr("o-tmf", "jisr");
    attr("adminlang", "en");
    attr("srclang", options_.src_tag);
    attr("datatype", "plaintext");
    date_ = options_.creation_date.empty() ? now_tmx_date() : options_.creation_date;
    attr("creationdate", date_);
    if (!options_.creation_id.empty()) attr("creationid", options_.creation_id);
    h += "/>\n  <body>\n";
    out_ << h;
  }

  void write_footer() override { out_ << "  </body>\n</tmx>\n"; }

  void write_bead(const BeadText& b, OutputSummary& summary) override {
    buffer_.clear();
    buffer_ += fmt::format("    <tu tuid=\"{}\" creationdate=\"", ++unit_);
    append_xml_escaped(buffer_, date_);
    if (!options_.creation_id.empty()) {
      buffer_ += "\" creationid=\"";
      append_xml_escaped(buffer_, options_.creation_id);
    }
    buffer_ += "\">\n";
    if (options_.document_ids) {
      buffer_ += "      <prop type=\"x-document\">";
      summary.dropped_characters += append_xml_escaped(buffer_, b.id);
      buffer_ += "</prop>\n";
    }
    buffer_ += fmt::format("      <prop type=\"x-score\">{:.4f}</prop>\n", b.bead.score);
    // A refined pair: a part of one sentence of a one-to-many bead.
    if (b.part.refined())
      buffer_ += fmt::format("      <prop type=\"x-refined\">{}</prop>\n", b.part.is_src ? options_.src_tag : options_.tgt_tag);
    if (!options_.note.empty()) {
      buffer_ += "      <note>";
      append_xml_escaped(buffer_, options_.note);
      buffer_ += "</note>\n";
    }
    summary.dropped_characters += append_tuv(options_.src_tag, document_file(b.src), b.src_text);
    summary.dropped_characters += append_tuv(options_.tgt_tag, document_file(b.tgt), b.tgt_text);
    buffer_ += "    </tu>\n";
    out_ << buffer_;
  }

 private:
  // The file name of a document, for the x-document property of its <tuv>;
  // empty for standard input.
  static std::string document_file(const Document& doc) {
    if (doc.name.empty() || doc.name == "-") return {};
    return std::filesystem::path(doc.name).filename().string();
  }

  // One <tuv>: the language, the document's file name, the segment.
  std::size_t append_tuv(std::string_view tag, std::string_view file, std::string_view text) {
    buffer_ += "      <tuv xml:lang=\"";
    append_xml_escaped(buffer_, tag);
    buffer_ += "\">";
    if (!file.empty()) {
      buffer_ += "<prop type=\"x-document\">";
      append_xml_escaped(buffer_, file);
      buffer_ += "</prop>";
    }
    buffer_ += "<seg>";
    const std::size_t dropped = append_xml_escaped(buffer_, text);
    buffer_ += "</seg></tuv>\n";
    return dropped;
  }

  std::size_t unit_ = 0;
  std::string date_;
};

}  // namespace

std::unique_ptr<BitextWriter> make_tmx_writer(const OutputOptions& options, std::ostream& out) {
  return std::make_unique<TmxWriter>(options, out);
}

}  // namespace detail

}  // namespace jisr
