#include "jisr/eval.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "jisr/error.hpp"

namespace jisr {

namespace {

// Parses "[1, 2]" starting at `pos` into a consecutive range; advances pos.
bool parse_side(std::string_view line, std::size_t& pos, std::uint32_t& begin, std::uint32_t& end,
                std::string& why) {
  auto skip = [&] {
    while (pos < line.size() && line[pos] == ' ') ++pos;
  };
  skip();
  if (pos >= line.size() || line[pos] != '[') {
    why = "expected '['";
    return false;
  }
  ++pos;
  std::vector<std::uint64_t> ids;
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
    ids.push_back(v);
    skip();
    if (pos < line.size() && line[pos] == ',') {
      ++pos;
      skip();
    }
  }
  if (pos >= line.size()) {
    why = "expected ']'";
    return false;
  }
  ++pos;
  for (std::size_t k = 1; k < ids.size(); ++k) {
    if (ids[k] != ids[k - 1] + 1) {
      why = "indices of a side must be consecutive";
      return false;
    }
  }
  begin = ids.empty() ? 0 : static_cast<std::uint32_t>(ids.front());
  end = ids.empty() ? 0 : static_cast<std::uint32_t>(ids.back() + 1);
  return true;
}

}  // namespace

Alignment parse_beads(std::string_view text, std::string_view name) {
  Alignment out;
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
    Bead bead;
    std::size_t pos = 0;
    std::string why;
    bool ok = parse_side(line, pos, bead.src_begin, bead.src_end, why);
    if (ok) {
      while (pos < line.size() && line[pos] == ' ') ++pos;
      if (pos >= line.size() || line[pos] != ':') {
        ok = false;
        why = "expected ':' between the sides";
      } else {
        ++pos;
        ok = parse_side(line, pos, bead.tgt_begin, bead.tgt_end, why);
      }
    }
    if (ok && bead.src_size() == 0 && bead.tgt_size() == 0) {
      ok = false;
      why = "a bead needs a sentence on at least one side";
    }
    if (!ok)
      throw InputError(fmt::format("{}:{}: {} in bead \"{:.60}\"", name, line_no, why, line));
    out.push_back(bead);
  }
  return out;
}

Counts& Counts::operator+=(const Counts& o) {
  test += o.test;
  gold += o.gold;
  strict_tp_test += o.strict_tp_test;
  lax_tp_test += o.lax_tp_test;
  strict_tp_gold += o.strict_tp_gold;
  lax_tp_gold += o.lax_tp_gold;
  return *this;
}

namespace {

struct Matched {
  std::size_t considered = 0, strict = 0, lax = 0;
};

// How many beads of `from` are in `in` (strictly) or overlap one (laxly).
Matched match(const Alignment& from, const Alignment& in, bool include_null) {
  // An empty side has no position of its own: key it as [0, 0).
  auto key = [](const Bead& b) {
    return std::tuple{b.src_size() ? b.src_begin : 0u, b.src_size() ? b.src_end : 0u,
                      b.tgt_size() ? b.tgt_begin : 0u, b.tgt_size() ? b.tgt_end : 0u};
  };
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t>> exact;
  std::map<std::uint32_t, std::set<std::uint32_t>> src_to_tgt;  // sentence links of `in`
  for (const Bead& b : in) {
    exact.insert(key(b));
    for (std::uint32_t s = b.src_begin; s < b.src_end; ++s)
      for (std::uint32_t t = b.tgt_begin; t < b.tgt_end; ++t) src_to_tgt[s].insert(t);
  }
  Matched m;
  for (const Bead& b : from) {
    if (!b.is_pair() && !include_null) continue;
    ++m.considered;
    if (exact.contains(key(b))) {
      ++m.strict;
      ++m.lax;
      continue;
    }
    bool overlap = false;
    for (std::uint32_t s = b.src_begin; s < b.src_end && !overlap; ++s) {
      const auto it = src_to_tgt.find(s);
      if (it == src_to_tgt.end()) continue;
      for (std::uint32_t t = b.tgt_begin; t < b.tgt_end && !overlap; ++t)
        overlap = it->second.contains(t);
    }
    if (overlap) ++m.lax;
  }
  return m;
}

Prf prf(std::size_t tp_test, std::size_t test, std::size_t tp_gold, std::size_t gold) {
  Prf r;
  r.precision = test == 0 ? 0.0 : static_cast<double>(tp_test) / static_cast<double>(test);
  r.recall = gold == 0 ? 0.0 : static_cast<double>(tp_gold) / static_cast<double>(gold);
  r.f1 = r.precision + r.recall == 0 ? 0.0 : 2 * r.precision * r.recall / (r.precision + r.recall);
  return r;
}

}  // namespace

Counts count_matches(const Alignment& gold, const Alignment& test, const EvalOptions& options) {
  const Matched p = match(test, gold, options.include_null);
  const Matched r = match(gold, test, options.include_null);
  Counts c;
  c.test = p.considered;
  c.strict_tp_test = p.strict;
  c.lax_tp_test = p.lax;
  c.gold = r.considered;
  c.strict_tp_gold = r.strict;
  c.lax_tp_gold = r.lax;
  return c;
}

Prf strict_prf(const Counts& c) { return prf(c.strict_tp_test, c.test, c.strict_tp_gold, c.gold); }
Prf lax_prf(const Counts& c) { return prf(c.lax_tp_test, c.test, c.lax_tp_gold, c.gold); }

}  // namespace jisr
