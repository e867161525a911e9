#include "jisr/tmx.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

#include "formats/xml.hpp"

#include <pugixml.hpp>

namespace jisr {

namespace {

bool is_native_code(std::string_view element) {
  return element == "bpt" || element == "ept" || element == "it" || element == "ph" ||
         element == "ut";
}

std::optional<double> parse_score(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return {};
  return v;
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
            unit.score = parse_score(child.child_value());
          } else if (c == "tuv") {
            pugi::xml_attribute lang = child.attribute("xml:lang");
            if (!lang) lang = child.attribute("lang");
            if (lang.empty() || *lang.value() == '\0') fail(offset(child), "<tuv> without xml:lang");
            const pugi::xml_node seg = child.child("seg");
            if (!seg) fail(offset(child), "<tuv> without <seg>");
            if (seg.next_sibling("seg")) fail(offset(seg.next_sibling("seg")), "a second <seg> in one <tuv>");
            std::string text = segment_text(seg, doc.dropped_codes);
            // Character references may still name a character XML forbids.
            if (detail::find_xml_forbidden(text) != std::string::npos)
              fail(offset(seg), "a character that XML 1.0 forbids (written as a character reference)");
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

namespace {

// Adds one bead holding `src` and/or `tgt` (absent: that side is empty).
void add_bead(Bitext& b, const std::string* src, const std::string* tgt,
              std::optional<double> score) {
  Bead bead;
  bead.src_begin = bead.src_end = static_cast<std::uint32_t>(b.src.sentences.size());
  bead.tgt_begin = bead.tgt_end = static_cast<std::uint32_t>(b.tgt.sentences.size());
  if (src != nullptr) {
    b.src.sentences.push_back({*src, {}, 0});
    ++bead.src_end;
  }
  if (tgt != nullptr) {
    b.tgt.sentences.push_back({*tgt, {}, 0});
    ++bead.tgt_end;
  }
  bead.score = score.value_or(0.0);
  b.beads.push_back(bead);
  b.scores.push_back(score);
}

}  // namespace

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
    add_bead(b, src ? &src->text : nullptr, tgt ? &tgt->text : nullptr, unit.score);
  }
  return b;
}

Bitext read_bitext_tsv(std::string_view text, std::string_view name) {
  Bitext b;
  std::size_t line_no = 0, start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(start, nl - start);
    const std::size_t line_at = start;
    start = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    std::vector<std::string_view> fields;
    for (std::size_t from = 0;;) {
      const std::size_t tab = line.find('\t', from);
      fields.push_back(
          line.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from));
      if (tab == std::string_view::npos) break;
      from = tab + 1;
    }
    const std::string where = fmt::format("{}:{}: byte {}", name, line_no, line_at);
    if (fields.size() < 2 || fields.size() > 3)
      throw InputError(fmt::format("{}: expected source<TAB>target[<TAB>score], found {} field{}",
                                   where, fields.size(), fields.size() == 1 ? "" : "s"));
    std::optional<double> score;
    if (fields.size() == 3 && !fields[2].empty()) {
      score = parse_score(fields[2]);
      if (!score || *score < 0 || *score > 1)
        throw InputError(
            fmt::format("{}: score \"{:.20}\" is not a number from 0 to 1", where, fields[2]));
    }
    const std::string src = unescape_tsv_field(fields[0], where);
    const std::string tgt = unescape_tsv_field(fields[1], where);
    if (src.empty() && tgt.empty())
      throw InputError(fmt::format("{}: both sides are empty", where));
    add_bead(b, src.empty() ? nullptr : &src, tgt.empty() ? nullptr : &tgt, score);
  }
  return b;
}

}  // namespace jisr
