// Input: gold and test beads (or text pairs). Output: match counts and
// precision / recall / F1; see eval.hpp for the definitions.
#include "jisr/eval.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace jisr {

namespace {

enum class Match : std::uint8_t { none, lax, strict };

// For every bead of `from`: is it in `in` identically (strict), or does a
// bead of `in` share a sentence with it on each side (lax)? A bead with an
// empty side can only match strictly.
std::vector<Match> match_each(std::span<const IndexBead> from, std::span<const IndexBead> in) {
  std::set<const IndexBead*,
           decltype([](const IndexBead* a, const IndexBead* b) { return *a < *b; })>
      exact;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> src_to_tgt;  // links of `in`
  for (const IndexBead& b : in) {
    exact.insert(&b);
    for (std::uint32_t s : b.src) {
      auto& targets = src_to_tgt[s];
      targets.insert(targets.end(), b.tgt.begin(), b.tgt.end());
    }
  }
  std::vector<Match> out;
  out.reserve(from.size());
  for (const IndexBead& b : from) {
    if (exact.contains(&b)) {
      out.push_back(Match::strict);
      continue;
    }
    bool overlap = false;
    for (std::uint32_t s : b.src) {
      const auto it = src_to_tgt.find(s);
      if (it == src_to_tgt.end()) continue;
      for (std::uint32_t t : b.tgt)
        if (std::find(it->second.begin(), it->second.end(), t) != it->second.end()) overlap = true;
      if (overlap) break;
    }
    out.push_back(overlap ? Match::lax : Match::none);
  }
  return out;
}

bool is_pair(const IndexBead& b) { return !b.src.empty() && !b.tgt.empty(); }

struct Matched {
  std::size_t considered = 0, strict = 0, lax = 0;
};

Matched tally(std::span<const IndexBead> from, std::span<const IndexBead> in) {
  Matched m;
  for (const Match r : match_each(from, in)) {
    ++m.considered;
    if (r == Match::strict) ++m.strict;
    if (r != Match::none) ++m.lax;
  }
  return m;
}

std::vector<IndexBead> select(std::span<const IndexBead> beads, bool include_null, bool dedupe) {
  std::vector<IndexBead> out;
  for (const IndexBead& b : beads)
    if (include_null ? !(b.src.empty() && b.tgt.empty()) : is_pair(b)) out.push_back(b);
  if (dedupe) {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
  return out;
}

Counts combine(const Matched& p, const Matched& r) {
  Counts c;
  c.test = p.considered;
  c.strict_tp_test = p.strict;
  c.lax_tp_test = p.lax;
  c.gold = r.considered;
  c.strict_tp_gold = r.strict;
  c.lax_tp_gold = r.lax;
  return c;
}

}  // namespace

Counts& Counts::operator+=(const Counts& o) {
  test += o.test;
  gold += o.gold;
  strict_tp_test += o.strict_tp_test;
  lax_tp_test += o.lax_tp_test;
  strict_tp_gold += o.strict_tp_gold;
  lax_tp_gold += o.lax_tp_gold;
  return *this;
}

Counts count_matches(std::span<const IndexBead> gold, std::span<const IndexBead> test,
                     const EvalOptions& options) {
  const auto g = select(gold, options.include_null, false);
  const auto t = select(test, options.include_null, false);
  return combine(tally(t, g), tally(g, t));
}

Counts count_matches(const Alignment& gold, const Alignment& test, const EvalOptions& options) {
  return count_matches(to_index_beads(gold), to_index_beads(test), options);
}

Counts count_vecalign(std::span<const IndexBead> gold, std::span<const IndexBead> test) {
  // Precision: every non-empty test bead against the whole gold.
  const Matched p = tally(select(test, true, true), select(gold, true, true));
  // Recall: gold against test, both without 1-0 / 0-1 beads.
  const Matched r = tally(select(gold, false, true), select(test, false, true));
  return combine(p, r);
}

Prf make_prf(std::size_t tp_test, std::size_t test, std::size_t tp_gold, std::size_t gold) {
  Prf r;
  r.precision = test == 0 ? 0.0 : static_cast<double>(tp_test) / static_cast<double>(test);
  r.recall = gold == 0 ? 0.0 : static_cast<double>(tp_gold) / static_cast<double>(gold);
  r.f1 = r.precision + r.recall == 0 ? 0.0 : 2 * r.precision * r.recall / (r.precision + r.recall);
  return r;
}

Prf strict_prf(const Counts& c) {
  return make_prf(c.strict_tp_test, c.test, c.strict_tp_gold, c.gold);
}
Prf lax_prf(const Counts& c) { return make_prf(c.lax_tp_test, c.test, c.lax_tp_gold, c.gold); }

TypeRow& TypeRow::operator+=(const TypeRow& o) {
  gold += o.gold;
  gold_strict += o.gold_strict;
  gold_lax += o.gold_lax;
  test += o.test;
  test_strict += o.test_strict;
  return *this;
}

void count_types(const Alignment& gold, const Alignment& test, TypeTable& table) {
  const auto g = to_index_beads(gold), t = to_index_beads(test);
  const auto found = match_each(g, t);
  for (std::size_t k = 0; k < g.size(); ++k) {
    TypeRow& row =
        table[BeadType{static_cast<int>(g[k].src.size()), static_cast<int>(g[k].tgt.size())}];
    ++row.gold;
    if (found[k] == Match::strict) ++row.gold_strict;
    if (found[k] != Match::none) ++row.gold_lax;
  }
  const auto correct = match_each(t, g);
  for (std::size_t k = 0; k < t.size(); ++k) {
    TypeRow& row =
        table[BeadType{static_cast<int>(t[k].src.size()), static_cast<int>(t[k].tgt.size())}];
    ++row.test;
    if (correct[k] == Match::strict) ++row.test_strict;
  }
}

namespace {

// Length in bytes of the white-space character starting at text[i], or 0.
// ASCII white space, U+001C..U+001F, U+0085, U+00A0, U+1680, U+2000..U+200A,
// U+2028, U+2029, U+202F, U+205F, U+3000.
std::size_t space_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u;
  };
  const unsigned c = byte(i);
  if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) return 1;
  if (c == 0xC2 && (byte(i + 1) == 0x85 || byte(i + 1) == 0xA0)) return 2;
  if (c == 0xE1 && byte(i + 1) == 0x9A && byte(i + 2) == 0x80) return 3;
  if (c == 0xE2 && byte(i + 1) == 0x80) {
    const unsigned d = byte(i + 2);
    if ((d >= 0x80 && d <= 0x8A) || d == 0xA8 || d == 0xA9 || d == 0xAF) return 3;
  }
  if (c == 0xE2 && byte(i + 1) == 0x81 && byte(i + 2) == 0x9F) return 3;
  if (c == 0xE3 && byte(i + 1) == 0x80 && byte(i + 2) == 0x80) return 3;
  return 0;
}

std::string join(std::span<const Sentence> sentences, std::uint32_t begin, std::uint32_t end) {
  std::string out;
  for (std::uint32_t k = begin; k < end; ++k) {
    if (k > begin) out += ' ';
    out += sentences[k].text;
  }
  return normalize_space(out);
}

}  // namespace

std::string normalize_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t n = space_at(text, i); n > 0) {
      pending = !out.empty();
      i += n;
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += text[i++];
  }
  return out;
}

std::vector<TextPair> text_pairs(std::span<const Sentence> src, std::span<const Sentence> tgt,
                                 const Alignment& alignment) {
  std::vector<TextPair> out;
  for (const Bead& b : alignment)
    if (b.is_pair())
      out.emplace_back(join(src, b.src_begin, b.src_end), join(tgt, b.tgt_begin, b.tgt_end));
  return out;
}

TextCounts& TextCounts::operator+=(const TextCounts& o) {
  test += o.test;
  gold += o.gold;
  correct += o.correct;
  return *this;
}

TextCounts count_text_pairs(std::span<const TextPair> gold, std::span<const TextPair> test) {
  std::vector<TextPair> g(gold.begin(), gold.end()), t(test.begin(), test.end());
  std::sort(g.begin(), g.end());
  std::sort(t.begin(), t.end());
  std::vector<TextPair> common;
  std::set_intersection(g.begin(), g.end(), t.begin(), t.end(), std::back_inserter(common));
  return TextCounts{t.size(), g.size(), common.size()};
}

Prf text_prf(const TextCounts& c) { return make_prf(c.correct, c.test, c.correct, c.gold); }

}  // namespace jisr
