#include "formats/html.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"

#include "formats/review_assets.hpp"

namespace jisr {

namespace {

using nlohmann::json;

// UTF-16 offset of each byte offset of `text` that starts a code point, for
// the page's script, which counts in UTF-16 code units.
std::vector<std::uint32_t> utf16_offsets(std::string_view text) {
  std::vector<std::uint32_t> at(text.size() + 1, 0);
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    at[i] = units;
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;
  }
  at[text.size()] = units;
  return at;
}

// How many beads on either side of a bead may hold the other half of a
// highlighted key: the page shows a key when both sides of a bead hold it,
// and the reader may join or rearrange beads only a few at a time.
constexpr std::size_t kKeyReach = 2;

// The keys shown, numbered compactly in order of first use.
struct KeyTable {
  const DocumentAnchors* anchors = nullptr;
  std::unordered_map<std::uint32_t, std::uint32_t> index;
  json keys = json::array();

  std::uint32_t id(std::uint32_t key) {
    const auto [it, added] = index.try_emplace(key, static_cast<std::uint32_t>(keys.size()));
    if (added) keys.push_back({std::string(to_string(anchors->types[key])), anchors->keys[key]});
    return it->second;
  }
};

// Per sentence of one side: [[begin, end, key, key, ...], ...] in UTF-16
// units, or 0. A span keeps the keys that the other side holds within
// kKeyReach beads of the sentence's bead; symbols are left out.
json side_highlights(const Document& doc, const std::vector<std::vector<AnchorSpan>>& spans,
                     const SideKeys& other_keys, bool is_src, const Alignment& alignment,
                     KeyTable& table) {
  std::vector<std::uint32_t> bead_of(doc.sentences.size(), 0);
  for (std::size_t i = 0; i < alignment.size(); ++i) {
    const Bead& b = alignment[i];
    for (std::uint32_t k = is_src ? b.src_begin : b.tgt_begin; k < (is_src ? b.src_end : b.tgt_end);
         ++k)
      if (k < bead_of.size()) bead_of[k] = static_cast<std::uint32_t>(i);
  }
  json out = json::array();
  std::vector<std::uint32_t> near;
  for (std::size_t k = 0; k < doc.sentences.size(); ++k) {
    json marks = json::array();
    if (k < spans.size() && !spans[k].empty() && !alignment.empty()) {
      near.clear();
      const std::size_t i = bead_of[k];
      for (std::size_t j = i > kKeyReach ? i - kKeyReach : 0;
           j <= i + kKeyReach && j < alignment.size(); ++j) {
        const Bead& b = alignment[j];
        for (std::uint32_t t = is_src ? b.tgt_begin : b.src_begin;
             t < (is_src ? b.tgt_end : b.src_end); ++t)
          if (t < other_keys.size())
            for (const std::uint32_t key : other_keys[t]) near.push_back(key);
      }
      std::sort(near.begin(), near.end());
      const auto at = utf16_offsets(doc.sentences[k].text);
      for (const AnchorSpan& s : spans[k]) {
        if (s.end > doc.sentences[k].text.size() ||
            table.anchors->types[s.key] == AnchorType::symbol ||
            !std::binary_search(near.begin(), near.end(), s.key))
          continue;
        const std::uint32_t id = table.id(s.key);
        if (!marks.empty() && marks.back()[0] == at[s.begin] && marks.back()[1] == at[s.end]) {
          marks.back().push_back(id);
        } else {
          marks.push_back({at[s.begin], at[s.end], id});
        }
      }
    }
    out.push_back(marks.empty() ? json(0) : std::move(marks));
  }
  return out;
}

json side_meta(const Document& doc, const std::string& tag) {
  const std::string file = doc.name.empty() || doc.name == "-"
                               ? std::string()
                               : std::filesystem::path(doc.name).filename().string();
  return {{"name", doc.name}, {"file", file}, {"lang", doc.lang}, {"tag", tag}};
}

json page_data(const Document& src, const Document& tgt, const Alignment& alignment,
               const OutputOptions& options, const ReviewEvidence* evidence) {
  json data;
  data["meta"] = {
      {"src", side_meta(src, options.src_tag)},
      {"tgt", side_meta(tgt, options.tgt_tag)},
      {"toolVersion", options.tool_version.empty() ? "0" : options.tool_version},
      {"creationDate", options.creation_date},
      {"creationId", options.creation_id},
      {"note", options.note},
      {"minScore", options.min_score},
      {"doubtful", options.min_score > 0 ? options.min_score : kDoubtfulScore},
      {"keepUnaligned", options.keep_unaligned},
  };
  json& s = data["s"] = json::array();
  for (const Sentence& x : src.sentences) s.push_back(x.text);
  json& t = data["t"] = json::array();
  for (const Sentence& x : tgt.sentences) t.push_back(x.text);
  json& beads = data["b"] = json::array();
  for (const Bead& b : alignment)
    beads.push_back(
        {b.src_begin, b.src_end, b.tgt_begin, b.tgt_end, fmt::format("{:.4f}", b.score), b.score});
  if (evidence != nullptr && evidence->anchors != nullptr && evidence->spans != nullptr) {
    const DocumentAnchors& anchors = *evidence->anchors;
    KeyTable table{&anchors, {}, json::array()};
    data["hs"] = side_highlights(src, evidence->spans->src, anchors.tgt, true, alignment, table);
    data["ht"] = side_highlights(tgt, evidence->spans->tgt, anchors.src, false, alignment, table);
    data["keys"] = table.keys;
  }
  return data;
}

// JSON inside <script>: no '<' may appear, or "</script>" in a sentence
// would end the element. '<' occurs only inside JSON strings, where \u003c
// means the same.
std::string script_safe(const std::string& json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (const char c : json_text) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

std::string html_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The template with each "{{name}}" replaced by its value.
std::string fill(std::string_view page,
                 const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  std::size_t at = 0;
  while (at < page.size()) {
    const std::size_t open = page.find("{{", at);
    if (open == std::string_view::npos) break;
    const std::size_t close = page.find("}}", open);
    if (close == std::string_view::npos) break;
    out += page.substr(at, open - at);
    const std::string_view name = page.substr(open + 2, close - open - 2);
    const auto it = std::find_if(values.begin(), values.end(),
                                 [name](const auto& v) { return v.first == name; });
    if (it == values.end()) {
      out += page.substr(open, close + 2 - open);
    } else {
      out += it->second;
    }
    at = close + 2;
  }
  out += page.substr(at);
  return out;
}

}  // namespace

OutputSummary write_html(const Document& src, const Document& tgt, const Alignment& alignment,
                         const OutputOptions& options, std::ostream& out,
                         const ReviewEvidence* evidence) {
  OutputSummary summary;
  summary.src_sentences = src.sentences.size();
  summary.tgt_sentences = tgt.sentences.size();
  for (const Bead& bead : alignment) {
    ++summary.beads_by_type[{static_cast<int>(bead.src_size()), static_cast<int>(bead.tgt_size())}];
    ++summary.written;
    if (bead.is_pair()) {
      summary.score_sum += bead.score;
      ++summary.scored;
    }
  }
  const std::string title = fmt::format("Review: {} · {}", src.name, tgt.name);
  out << fill(review_assets::kPage,
              {{"title", html_escaped(title)},
               {"style", std::string(review_assets::kStyle)},
               {"data", script_safe(page_data(src, tgt, alignment, options, evidence).dump())},
               {"script", std::string(review_assets::kScript)}});
  out.flush();
  if (!out) throw InputError("write failed (disk full?)");
  return summary;
}

}  // namespace jisr
