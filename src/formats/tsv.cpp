// TSV bitext: "source<TAB>target<TAB>score" a line (with document ids,
// "id<TAB>source<TAB>target<TAB>score"), fields escaped as
// escape_tsv_field does. The writer and both readers of the format.
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/text.hpp"
#include "jisr/tmx.hpp"

#include "formats/writer.hpp"

namespace jisr {

namespace detail {

namespace {

class TsvWriter final : public BeadWriter {
 public:
  TsvWriter(const OutputOptions& options, std::ostream& out)
      : BeadWriter(options, out, options.keep_unaligned) {}

 protected:
  void write_bead(const BeadText& b, OutputSummary&) override {
    buffer_.clear();
    if (options_.document_ids) {
      buffer_ += escape_tsv_field(b.id);
      buffer_ += '\t';
    }
    buffer_ += escape_tsv_field(b.src_text);
    buffer_ += '\t';
    buffer_ += escape_tsv_field(b.tgt_text);
    buffer_ += fmt::format("\t{:.4f}\n", b.bead.score);
    out_ << buffer_;
  }
};

}  // namespace

std::unique_ptr<BitextWriter> make_tsv_writer(const OutputOptions& options, std::ostream& out) {
  return std::make_unique<TsvWriter>(options, out);
}

std::optional<double> parse_score(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return {};
  return v;
}

void add_bitext_bead(Bitext& b, const std::string* src, const std::string* tgt,
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

}  // namespace detail

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
      score = detail::parse_score(fields[2]);
      if (!score || *score < 0 || *score > 1)
        throw InputError(
            fmt::format("{}: score \"{:.20}\" is not a number from 0 to 1", where, fields[2]));
    }
    const std::string src = unescape_tsv_field(fields[0], where);
    const std::string tgt = unescape_tsv_field(fields[1], where);
    if (src.empty() && tgt.empty())
      throw InputError(fmt::format("{}: both sides are empty", where));
    detail::add_bitext_bead(b, src.empty() ? nullptr : &src, tgt.empty() ? nullptr : &tgt, score);
  }
  return b;
}

void write_bitext_tsv(const Bitext& b, std::ostream& out) {
  std::string line;
  for (std::size_t k = 0; k < b.beads.size(); ++k) {
    const Bead& bead = b.beads[k];
    line.clear();
    if (bead.src_size() > 0) line += escape_tsv_field(b.src.sentences[bead.src_begin].text);
    line += '\t';
    if (bead.tgt_size() > 0) line += escape_tsv_field(b.tgt.sentences[bead.tgt_begin].text);
    line += '\t';
    if (b.scores[k]) line += fmt::format("{:.4f}", *b.scores[k]);
    line += '\n';
    out << line;
  }
  out.flush();
  if (!out) throw OutputError("write failed (disk full?)");
}

}  // namespace jisr
