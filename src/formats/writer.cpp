#include "jisr/formats.hpp"

#include <chrono>
#include <cmath>
#include <ctime>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "formats/xml.hpp"
#include "jisr/error.hpp"
#include "jisr/text.hpp"

namespace jisr {

Format parse_format(std::string_view name) {
  if (name == "tmx") return Format::tmx;
  if (name == "tsv") return Format::tsv;
  if (name == "jsonl") return Format::jsonl;
  if (name == "moses") return Format::moses;
  if (name == "beads") return Format::beads;
  throw UsageError(fmt::format("unknown format \"{}\" (expected tmx, tsv, jsonl, moses or beads)", name));
}

std::string_view to_string(Format format) {
  switch (format) {
    case Format::tmx: return "tmx";
    case Format::tsv: return "tsv";
    case Format::jsonl: return "jsonl";
    case Format::moses: return "moses";
    case Format::beads: return "beads";
  }
  return "?";
}

std::string format_bead(const Bead& bead) {
  std::string s = "[";
  for (std::uint32_t k = bead.src_begin; k < bead.src_end; ++k)
    s += fmt::format("{}{}", k == bead.src_begin ? "" : ",", k);
  s += "]:[";
  for (std::uint32_t k = bead.tgt_begin; k < bead.tgt_end; ++k)
    s += fmt::format("{}{}", k == bead.tgt_begin ? "" : ",", k);
  s += "]";
  return s;
}

namespace {

// The sentences [begin, end) of a side joined with one space.
std::string join(const Document& doc, std::uint32_t begin, std::uint32_t end) {
  std::string s;
  for (std::uint32_t k = begin; k < end; ++k) {
    if (k != begin) s += ' ';
    s += doc.sentences[k].text;
  }
  return s;
}

// Tabs and line breaks become single spaces, so one bead stays one line.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string now_tmx_date() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:%Y%m%dT%H%M%SZ}", tm);
}

void write_tmx_header(std::ostream& out, const OutputOptions& o) {
  std::string h = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header";
  auto attr = [&h](std::string_view name, std::string_view value) {
    h += fmt::format("\n    {}=\"", name);
    detail::append_xml_escaped(h, value);
    h += '"';
  };
  attr("creationtool", "jisr");
  attr("creationtoolversion", o.tool_version.empty() ? "0" : o.tool_version);
  attr("segtype", "sentence");
  attr("o-tmf", "jisr");
  attr("adminlang", "en");
  attr("srclang", o.src_tag);
  attr("datatype", "plaintext");
  attr("creationdate", o.creation_date.empty() ? now_tmx_date() : o.creation_date);
  h += "/>\n  <body>\n";
  out << h;
}

}  // namespace

OutputSummary write_alignment(Format format, const Document& src, const Document& tgt,
                              const Alignment& alignment, const OutputOptions& options,
                              std::ostream& out, std::ostream* out2) {
  if (format == Format::moses && out2 == nullptr)
    throw UsageError("the moses format writes two files and needs a second stream");
  OutputSummary summary;
  summary.src_sentences = src.sentences.size();
  summary.tgt_sentences = tgt.sentences.size();
  if (format == Format::tmx) write_tmx_header(out, options);
  std::string buffer;
  std::size_t unit = 0;
  for (const Bead& bead : alignment) {
    ++summary.beads_by_type[{static_cast<int>(bead.src_size()), static_cast<int>(bead.tgt_size())}];
    const bool pair = bead.is_pair();
    const bool shows_null =
        format == Format::beads || format == Format::jsonl ||
        (options.keep_unaligned && (format == Format::tsv || format == Format::moses));
    if (!pair && !shows_null) {
      ++summary.unaligned_left_out;
      continue;
    }
    if (pair && options.min_score > 0 && bead.score < options.min_score) {
      ++summary.low_score_left_out;
      continue;
    }
    ++summary.written;
    if (pair) {
      summary.score_sum += bead.score;
      ++summary.scored;
    }
    const std::string s = join(src, bead.src_begin, bead.src_end);
    const std::string t = join(tgt, bead.tgt_begin, bead.tgt_end);
    buffer.clear();
    switch (format) {
      case Format::tmx:
        ++unit;
        buffer += fmt::format("    <tu tuid=\"{}\">\n      <prop type=\"x-score\">{:.4f}</prop>\n", unit,
                              bead.score);
        buffer += "      <tuv xml:lang=\"";
        detail::append_xml_escaped(buffer, options.src_tag);
        buffer += "\"><seg>";
        summary.dropped_characters += detail::append_xml_escaped(buffer, s);
        buffer += "</seg></tuv>\n      <tuv xml:lang=\"";
        detail::append_xml_escaped(buffer, options.tgt_tag);
        buffer += "\"><seg>";
        summary.dropped_characters += detail::append_xml_escaped(buffer, t);
        buffer += "</seg></tuv>\n    </tu>\n";
        out << buffer;
        break;
      case Format::tsv:
        out << escape_tsv_field(s) << '\t' << escape_tsv_field(t) << '\t'
            << fmt::format("{:.4f}", bead.score) << '\n';
        break;
      case Format::moses:
        out << one_line(s) << '\n';
        *out2 << one_line(t) << '\n';
        break;
      case Format::beads:
        out << format_bead(bead) << fmt::format(":{:.4f}", bead.score) << '\n';
        break;
      case Format::jsonl: {
        nlohmann::json j;
        auto side = [](const Document& d, std::uint32_t b, std::uint32_t e, nlohmann::json& idx,
                       nlohmann::json& offsets) {
          idx = nlohmann::json::array();
          offsets = nlohmann::json::array();
          for (std::uint32_t k = b; k < e; ++k) {
            idx.push_back(k);
            offsets.push_back({d.sentences[k].source.begin, d.sentences[k].source.end});
          }
        };
        side(src, bead.src_begin, bead.src_end, j["src"], j["src_offsets"]);
        side(tgt, bead.tgt_begin, bead.tgt_end, j["tgt"], j["tgt_offsets"]);
        j["src_text"] = s;
        j["tgt_text"] = t;
        j["score"] = std::round(bead.score * 1e4) / 1e4;
        j["cost"] = std::round(bead.cost * 1e4) / 1e4;
        out << j.dump() << '\n';
        break;
      }
    }
  }
  if (format == Format::tmx) out << "  </body>\n</tmx>\n";
  out.flush();
  if (!out || (out2 && !*out2)) throw OutputError("write failed (disk full?)");
  return summary;
}

}  // namespace jisr
