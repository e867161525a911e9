#include "formats/writer.hpp"

#include <algorithm>

#include "formats/html.hpp"

#include <fmt/format.h>

#include "jisr/error.hpp"

namespace jisr {

Format parse_format(std::string_view name) {
  if (name == "tmx") return Format::tmx;
  if (name == "tsv") return Format::tsv;
  if (name == "jsonl") return Format::jsonl;
  if (name == "moses") return Format::moses;
  if (name == "beads") return Format::beads;
  if (name == "html") return Format::html;
  throw UsageError(
      fmt::format("unknown format \"{}\" (expected tmx, tsv, jsonl, moses, beads or html)", name));
}

std::string_view to_string(Format format) {
  switch (format) {
    case Format::tmx:
      return "tmx";
    case Format::tsv:
      return "tsv";
    case Format::jsonl:
      return "jsonl";
    case Format::moses:
      return "moses";
    case Format::beads:
      return "beads";
    case Format::html:
      return "html";
  }
  return "?";
}

void add_summary(OutputSummary& total, const OutputSummary& part) {
  total.src_sentences += part.src_sentences;
  total.tgt_sentences += part.tgt_sentences;
  for (const auto& [type, n] : part.beads_by_type) total.beads_by_type[type] += n;
  total.written += part.written;
  total.unaligned_left_out += part.unaligned_left_out;
  total.low_score_left_out += part.low_score_left_out;
  total.dropped_characters += part.dropped_characters;
  total.score_sum += part.score_sum;
  total.scored += part.scored;
}

std::unique_ptr<BitextWriter> make_writer(Format format, const OutputOptions& options,
                                          std::ostream& out, std::ostream* out2) {
  switch (format) {
    case Format::tmx:
      return detail::make_tmx_writer(options, out);
    case Format::tsv:
      return detail::make_tsv_writer(options, out);
    case Format::jsonl:
      return detail::make_jsonl_writer(options, out);
    case Format::beads:
      return detail::make_beads_writer(options, out);
    case Format::moses:
      if (out2 == nullptr)
        throw UsageError("the moses format writes two files and needs a second stream");
      return detail::make_moses_writer(options, out, *out2);
    case Format::html:
      throw UsageError("the review page (html) holds one document pair: write it with write_alignment");
  }
  throw UsageError("unknown format");
}

OutputSummary write_alignment(Format format, const Document& src, const Document& tgt,
                              const Alignment& alignment, const OutputOptions& options,
                              std::ostream& out, std::ostream* out2) {
  return write_alignment(format, src, tgt, RefinedAlignment{alignment, {}}, options, out, out2);
}

OutputSummary write_alignment(Format format, const Document& src, const Document& tgt,
                              const RefinedAlignment& alignment, const OutputOptions& options,
                              std::ostream& out, std::ostream* out2) {
  const bool refined = std::any_of(alignment.parts.begin(), alignment.parts.end(),
                                   [](const BeadPart& p) { return p.refined(); });
  if (refined && (format == Format::html || format == Format::beads))
    throw UsageError(fmt::format("the {} format holds whole sentences, not the parts of a refined alignment",
                                 to_string(format)));
  if (format == Format::html) return write_html(src, tgt, alignment.beads, options, out);
  const std::unique_ptr<BitextWriter> writer = make_writer(format, options, out, out2);
  writer->begin();
  writer->write({}, src, tgt, alignment.beads, alignment.parts);
  return writer->finish();
}

namespace detail {

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

}  // namespace

OutputSummary BeadWriter::write(std::string_view id, const Document& src, const Document& tgt,
                                const Alignment& alignment, std::span<const BeadPart> parts) {
  if (!parts.empty() && parts.size() != alignment.size())
    throw UsageError("BitextWriter::write: one part per bead expected");
  OutputSummary summary;
  summary.src_sentences = src.sentences.size();
  summary.tgt_sentences = tgt.sentences.size();
  // The bead types and the document score are the alignment's, not its
  // refined pairs'.
  const Alignment whole = parts.empty() ? Alignment{} : whole_beads(alignment, parts);
  const Alignment& beads = parts.empty() ? alignment : whole;
  for (const Bead& bead : beads)
    ++summary.beads_by_type[{static_cast<int>(bead.src_size()), static_cast<int>(bead.tgt_size())}];
  const double document_score = options_.document_score ? options_.document_score(src, tgt, beads) : -1.0;
  for (std::size_t k = 0; k < alignment.size(); ++k) {
    const Bead& bead = alignment[k];
    const BeadPart part = parts.empty() ? BeadPart{} : parts[k];
    const bool pair = bead.is_pair();
    if (!pair && !shows_unaligned_) {
      ++summary.unaligned_left_out;
      continue;
    }
    if (pair && options_.min_score > 0 && bead.score < options_.min_score) {
      ++summary.low_score_left_out;
      continue;
    }
    ++summary.written;
    if (pair) {
      summary.score_sum += bead.score;
      ++summary.scored;
    }
    // A refined bead's one side is a part of its sentence.
    const auto side = [&part](const Document& doc, std::uint32_t begin, std::uint32_t end, bool is_src) {
      if (part.refined() && part.is_src == is_src)
        return doc.sentences[begin].text.substr(part.range.begin, part.range.end - part.range.begin);
      return join(doc, begin, end);
    };
    const std::string s = side(src, bead.src_begin, bead.src_end, true);
    const std::string t = side(tgt, bead.tgt_begin, bead.tgt_end, false);
    write_bead({id, src, tgt, bead, s, t, document_score, part}, summary);
  }
  if (!out_) throw OutputError("write failed (disk full?)");
  add_summary(total_, summary);
  return summary;
}

OutputSummary BeadWriter::finish() {
  write_footer();
  check_streams();
  return total_;
}

void BeadWriter::check_streams() {
  out_.flush();
  if (!out_) throw OutputError("write failed (disk full?)");
}

}  // namespace detail

}  // namespace jisr
