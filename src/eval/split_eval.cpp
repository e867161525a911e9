#include "eval/split_eval.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "jisr/error.hpp"

#include "split/space.hpp"

namespace jisr {

namespace {

// A segmentation reduced to its white-space-free characters. Offsets are in
// bytes of `stream`; since every side must yield the same stream, byte offsets
// and code point offsets give the same boundary sets.
struct Stream {
  std::string stream;
  std::vector<std::size_t> boundaries;  // stream offsets between units
  std::vector<std::size_t> unit_start;  // stream offset where each unit starts
  std::vector<std::size_t> unit_line;   // 1-based line where each unit starts
};

// Reduces `text` to a stream. A unit is one non-blank line, or, with
// `by_paragraph`, a run of non-blank lines between blank lines.
Stream reduce(std::string_view text, bool by_paragraph) {
  Stream s;
  s.stream.reserve(text.size());
  std::size_t line_no = 1;
  bool unit_open = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = std::min(text.find('\n', pos), text.size());
    const ByteRange r = detail::trim(text, pos, nl);
    if (r.begin == r.end) {
      unit_open = false;
    } else {
      if (!unit_open || !by_paragraph) {
        if (!s.unit_start.empty()) s.boundaries.push_back(s.stream.size());
        s.unit_start.push_back(s.stream.size());
        s.unit_line.push_back(line_no);
      }
      unit_open = true;
      for (std::size_t i = r.begin; i < r.end;) {
        const std::size_t n = detail::space_at(text, i);
        if (n > 0) {
          i += n;
          continue;
        }
        s.stream.push_back(text[i]);
        ++i;
      }
    }
    if (nl == text.size()) break;
    pos = nl + 1;
    ++line_no;
  }
  return s;
}

// 1-based line of `s`'s unit holding stream offset `offset`.
std::size_t line_of(const Stream& s, std::size_t offset) {
  const auto it = std::upper_bound(s.unit_start.begin(), s.unit_start.end(), offset);
  if (it == s.unit_start.begin()) return 1;
  return s.unit_line[static_cast<std::size_t>(it - s.unit_start.begin()) - 1];
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void check_same(const Stream& a, NamedText an, const Stream& b, NamedText bn) {
  if (a.stream == b.stream) return;
  const auto diff = static_cast<std::size_t>(
      std::mismatch(a.stream.begin(), a.stream.end(), b.stream.begin(), b.stream.end()).first -
      a.stream.begin());
  // Back up to a code point start so the excerpts are valid UTF-8.
  std::size_t at = diff;
  while (at > 0 && (static_cast<unsigned char>(a.stream[at]) & 0xC0) == 0x80) --at;
  const auto excerpt = [at](const std::string& s) {
    std::size_t end = std::min(s.size(), at + 24);
    while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
    return s.substr(at, end - at);
  };
  throw InputError(fmt::format(
      "{}:{} and {}:{}: texts differ (white space ignored) at character {}: \"{}\" vs \"{}\"",
      an.name, line_of(a, at), bn.name, line_of(b, at),
      code_points(std::string_view(a.stream).substr(0, at)), excerpt(a.stream), excerpt(b.stream)));
}

BoundaryCounts count(const std::vector<std::size_t>& gold, const std::vector<std::size_t>& test,
                     const std::vector<std::size_t>& skip) {
  const auto keep = [&skip](const std::vector<std::size_t>& v) {
    std::vector<std::size_t> out;
    std::set_difference(v.begin(), v.end(), skip.begin(), skip.end(), std::back_inserter(out));
    return out;
  };
  const auto g = keep(gold), t = keep(test);
  std::vector<std::size_t> common;
  std::set_intersection(g.begin(), g.end(), t.begin(), t.end(), std::back_inserter(common));
  return {g.size(), t.size(), common.size()};
}

}  // namespace

BoundaryCounts& BoundaryCounts::operator+=(const BoundaryCounts& o) {
  gold += o.gold;
  test += o.test;
  correct += o.correct;
  return *this;
}

SplitScore score_split(NamedText gold, NamedText test, std::optional<NamedText> paragraphs) {
  const Stream g = reduce(gold.text, false);
  const Stream t = reduce(test.text, false);
  check_same(g, gold, t, test);
  std::vector<std::size_t> breaks;
  if (paragraphs) {
    Stream p = reduce(paragraphs->text, true);
    check_same(g, gold, p, *paragraphs);
    breaks = std::move(p.boundaries);
  }
  SplitScore score;
  score.all = count(g.boundaries, t.boundaries, {});
  score.within = count(g.boundaries, t.boundaries, breaks);
  score.paragraph_breaks = breaks.size();
  return score;
}

Prf boundary_prf(const BoundaryCounts& c) {
  Prf r;
  r.precision = c.test == 0 ? 1.0 : static_cast<double>(c.correct) / static_cast<double>(c.test);
  r.recall = c.gold == 0 ? 1.0 : static_cast<double>(c.correct) / static_cast<double>(c.gold);
  r.f1 = r.precision + r.recall == 0 ? 0.0 : 2 * r.precision * r.recall / (r.precision + r.recall);
  return r;
}

}  // namespace jisr
