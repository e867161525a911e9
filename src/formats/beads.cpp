// Input: vecalign-style bead lines ("[0,1]:[2]", "[3]:[]:0.75").
// Output: Alignment (consecutive sides) or IndexBead lists (any indices).
// Also the writer of the format, one "[0,1]:[2]:0.7500" line per bead.
#include <fmt/format.h>

#include "formats/writer.hpp"

#include "jisr/error.hpp"
#include "jisr/eval.hpp"

namespace jisr {

namespace {

// Parses "[1, 2]" starting at `pos` into `ids`; advances pos. Returns false
// and sets `why` on a syntax error.
bool parse_side(std::string_view line, std::size_t& pos, std::vector<std::uint32_t>& ids,
                std::string& why) {
  auto skip = [&] {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  };
  skip();
  if (pos >= line.size() || line[pos] != '[') {
    why = "expected '['";
    return false;
  }
  ++pos;
  skip();
  while (pos < line.size() && line[pos] != ']') {
    if (line[pos] < '0' || line[pos] > '9') {
      why = "expected a sentence index";
      return false;
    }
    std::uint64_t v = 0;
    while (pos < line.size() && line[pos] >= '0' && line[pos] <= '9') {
      v = v * 10 + static_cast<std::uint64_t>(line[pos] - '0');
      if (v > 0xFFFFFFF0u) {
        why = "sentence index too large";
        return false;
      }
      ++pos;
    }
    ids.push_back(static_cast<std::uint32_t>(v));
    skip();
    if (pos < line.size() && line[pos] == ',') {
      ++pos;
      skip();
    } else if (pos < line.size() && line[pos] != ']') {
      why = "expected ',' or ']'";
      return false;
    }
  }
  if (pos >= line.size()) {
    why = "expected ']'";
    return false;
  }
  ++pos;
  return true;
}

// Calls `on_bead(line_no, line, bead)` for every non-blank line; throws
// InputError naming `name` and the line on a syntax error.
template <typename F>
void for_each_bead(std::string_view text, std::string_view name, F on_bead) {
  std::size_t line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    IndexBead bead;
    std::size_t pos = 0;
    std::string why;
    bool ok = parse_side(line, pos, bead.src, why);
    if (ok) {
      while (pos < line.size() && line[pos] == ' ') ++pos;
      if (pos >= line.size() || line[pos] != ':') {
        ok = false;
        why = "expected ':' between the sides";
      } else {
        ++pos;
        ok = parse_side(line, pos, bead.tgt, why);
      }
    }
    if (ok && bead.src.empty() && bead.tgt.empty()) {
      ok = false;
      why = "a bead needs a sentence on at least one side";
    }
    if (ok) why = on_bead(bead);
    if (!why.empty())
      throw InputError(fmt::format("{}:{}: {} in bead \"{:.60}\"", name, line_no, why, line));
  }
}

bool consecutive(const std::vector<std::uint32_t>& ids) {
  for (std::size_t k = 1; k < ids.size(); ++k)
    if (ids[k] != ids[k - 1] + 1) return false;
  return true;
}

}  // namespace

Alignment parse_beads(std::string_view text, std::string_view name) {
  Alignment out;
  for_each_bead(text, name, [&](const IndexBead& b) -> std::string {
    if (!consecutive(b.src) || !consecutive(b.tgt)) return "indices of a side must be consecutive";
    Bead bead;
    if (!b.src.empty()) {
      bead.src_begin = b.src.front();
      bead.src_end = b.src.back() + 1;
    }
    if (!b.tgt.empty()) {
      bead.tgt_begin = b.tgt.front();
      bead.tgt_end = b.tgt.back() + 1;
    }
    out.push_back(bead);
    return {};
  });
  return out;
}

std::vector<IndexBead> parse_index_beads(std::string_view text, std::string_view name) {
  std::vector<IndexBead> out;
  for_each_bead(text, name, [&](const IndexBead& b) -> std::string {
    out.push_back(b);
    return {};
  });
  return out;
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

namespace detail {

namespace {

class BeadsWriter final : public BeadWriter {
 public:
  BeadsWriter(const OutputOptions& options, std::ostream& out) : BeadWriter(options, out, true) {}

 protected:
  void write_bead(const BeadText& b, OutputSummary&) override {
    out_ << format_bead(b.bead) << fmt::format(":{:.4f}", b.bead.score) << '\n';
  }
};

}  // namespace

std::unique_ptr<BitextWriter> make_beads_writer(const OutputOptions& options, std::ostream& out) {
  return std::make_unique<BeadsWriter>(options, out);
}

}  // namespace detail

std::vector<IndexBead> to_index_beads(const Alignment& alignment) {
  std::vector<IndexBead> out;
  out.reserve(alignment.size());
  for (const Bead& b : alignment) {
    IndexBead ib;
    for (std::uint32_t s = b.src_begin; s < b.src_end; ++s) ib.src.push_back(s);
    for (std::uint32_t t = b.tgt_begin; t < b.tgt_end; ++t) ib.tgt.push_back(t);
    out.push_back(std::move(ib));
  }
  return out;
}

}  // namespace jisr
