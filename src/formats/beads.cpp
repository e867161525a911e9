// Input: vecalign-style bead lines ("[0,1]:[2]", "[3]:[]:0.75").
// Output: Alignment (consecutive sides) or IndexBead lists (any indices).
#include <charconv>
#include <cmath>
#include <unordered_map>

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

// After the second side: nothing, or ":" and a finite number, then only
// blanks. Returns false and sets `why` otherwise.
bool parse_score_field(std::string_view line, std::size_t pos, std::string& why) {
  auto blank_from = [&](std::size_t p) { return line.find_first_not_of(" \t", p) == std::string_view::npos; };
  if (blank_from(pos)) return true;
  while (line[pos] == ' ' || line[pos] == '\t') ++pos;
  if (line[pos] != ':') {
    why = "unexpected text after the second side";
    return false;
  }
  ++pos;
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  std::size_t end = line.find_first_of(" \t", pos);
  if (end == std::string_view::npos) end = line.size();
  double v = 0;
  const auto [stop, ec] = std::from_chars(line.data() + pos, line.data() + end, v);
  if (pos == end || ec != std::errc() || stop != line.data() + end || !std::isfinite(v)) {
    why = "the score after the sides is not a number";
    return false;
  }
  if (!blank_from(end)) {
    why = "unexpected text after the score";
    return false;
  }
  return true;
}

// The line of the bead that holds each sentence, per side.
using Claimed = std::unordered_map<std::uint32_t, std::size_t>[2];

// Records the sentences of `bead` as taken; a sentence already in an earlier
// bead makes the beads overlap, which no alignment allows.
std::string claim_sentences(const IndexBead& bead, std::size_t line_no, Claimed& claimed) {
  for (int side = 0; side < 2; ++side) {
    for (const std::uint32_t id : side == 0 ? bead.src : bead.tgt) {
      const auto [it, fresh] = claimed[side].emplace(id, line_no);
      if (!fresh)
        return fmt::format("{} sentence {} is already in the bead on line {}",
                           side == 0 ? "source" : "target", id, it->second);
    }
  }
  return {};
}

// Calls `on_bead(line_no, line, bead)` for every non-blank line; throws
// InputError naming `name` and the line on a syntax error.
// With `disjoint`, a sentence in two beads is an error.
template <typename F>
void for_each_bead(std::string_view text, std::string_view name, bool disjoint, F on_bead) {
  std::size_t line_no = 0;
  std::size_t start = 0;
  Claimed claimed;
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
    if (ok) ok = parse_score_field(line, pos, why);
    if (ok && bead.src.empty() && bead.tgt.empty()) {
      ok = false;
      why = "a bead needs a sentence on at least one side";
    }
    if (ok && disjoint) why = claim_sentences(bead, line_no, claimed);
    if (why.empty()) why = on_bead(bead);
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
  for_each_bead(text, name, true, [&](const IndexBead& b) -> std::string {
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
  // vecalign's score.py takes beads as they are; the published Bleualign
  // gold has a sentence in two beads.
  std::vector<IndexBead> out;
  for_each_bead(text, name, false, [&](const IndexBead& b) -> std::string {
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
