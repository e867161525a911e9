#include "jisr/tmx.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

#include "detail/xml.hpp"

namespace jisr {

namespace {

using detail::XmlEvent;

const std::string* attribute(const XmlEvent& ev, std::string_view name) {
  for (const auto& [key, value] : ev.attributes)
    if (key == name) return &value;
  return nullptr;
}

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

TmxDocument read_tmx(std::string_view xml, std::string_view name) {
  detail::XmlReader reader(xml, std::string(name));
  TmxDocument doc;
  auto fail = [&](std::size_t at, std::string_view what) {
    throw InputError(fmt::format("{}: byte {}: {}", name, at, what));
  };
  // Where the reader is in the TMX structure.
  std::vector<std::string> path;  // element names from the root
  TmxUnit* unit = nullptr;
  TmxVariant* variant = nullptr;
  bool in_seg = false, seen_seg = false;
  std::size_t seg_level = 0;  // depth of the open <seg>
  constexpr std::size_t kNone = SIZE_MAX;
  std::size_t native_level = kNone;  // depth of the open native code within it
  bool in_score = false;
  std::string score_text;
  for (;;) {
    XmlEvent ev = reader.next();
    if (ev.kind == XmlEvent::Kind::eof) break;
    if (ev.kind == XmlEvent::Kind::text) {
      if (in_seg && native_level == kNone) variant->text += ev.text;
      if (in_score) score_text += ev.text;
      continue;
    }
    if (ev.kind == XmlEvent::Kind::start) {
      const std::string parent = path.empty() ? std::string() : path.back();
      if (path.empty() && ev.name != "tmx") fail(ev.offset, "the root element is not <tmx>");
      if (in_seg) {
        if (native_level == kNone && is_native_code(ev.name)) native_level = path.size();
      } else if (ev.name == "header" && parent == "tmx") {
        if (const auto* s = attribute(ev, "srclang")) doc.srclang = *s;
      } else if (ev.name == "tu") {
        if (parent != "body") fail(ev.offset, "<tu> outside <body>");
        if (unit != nullptr) fail(ev.offset, "<tu> inside another <tu>");
        doc.units.emplace_back();
        unit = &doc.units.back();
        unit->offset = ev.offset;
        if (const auto* id = attribute(ev, "tuid")) unit->id = *id;
      } else if (ev.name == "tuv") {
        if (parent != "tu") fail(ev.offset, "<tuv> outside <tu>");
        const std::string* lang = attribute(ev, "xml:lang");
        if (lang == nullptr) lang = attribute(ev, "lang");
        if (lang == nullptr || lang->empty()) fail(ev.offset, "<tuv> without xml:lang");
        unit->variants.push_back({*lang, {}});
        variant = &unit->variants.back();
        seen_seg = false;
      } else if (ev.name == "seg") {
        if (parent != "tuv") fail(ev.offset, "<seg> outside <tuv>");
        if (seen_seg) fail(ev.offset, "a second <seg> in one <tuv>");
        in_seg = seen_seg = true;
        seg_level = path.size();
      } else if (ev.name == "prop" && parent == "tu") {
        const std::string* type = attribute(ev, "type");
        in_score = type != nullptr && *type == "x-score";
        score_text.clear();
      }
      path.push_back(std::move(ev.name));
      continue;
    }
    // End of an element; the reader has checked that it matches its start.
    path.pop_back();
    if (in_seg) {  // element names inside a segment mean nothing to TMX
      if (native_level == path.size()) native_level = kNone;
      if (seg_level == path.size()) in_seg = false;
      continue;
    }
    if (ev.name == "tuv") {
      if (!seen_seg) fail(ev.offset, "<tuv> without <seg>");
      variant = nullptr;
    } else if (ev.name == "tu") {
      unit = nullptr;
    } else if (ev.name == "prop" && in_score) {
      in_score = false;
      // jisr's scores are confidences in [0, 1]; another tool's (a
      // percentage, a cost) is not one, and is read as no score.
      unit->score = parse_score(score_text);
      if (unit->score && (*unit->score < 0 || *unit->score > 1)) unit->score.reset();
    }
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
