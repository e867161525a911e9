#include "align/key_match.hpp"

#include <algorithm>

namespace jisr {

double sorted_match_gain(const std::uint32_t* p, const std::uint32_t* p_end, const std::uint32_t* q,
                         const std::uint32_t* q_end, std::span<const double> gain) {
  double sum = 0;
  while (p < p_end && q < q_end) {
    if (*p < *q) {
      ++p;
    } else if (*q < *p) {
      ++q;
    } else {
      sum += gain[*p];
      ++p;
      ++q;
    }
  }
  return sum;
}

namespace {

// Any number of sentences a side: the target keys counted in a table indexed
// by key id, the source keys matched against it in order.
double counted_gain(const KeyRuns& src, std::uint32_t s0, std::uint32_t s1, const KeyRuns& tgt,
                    std::uint32_t t0, std::uint32_t t1, std::span<const double> gain) {
  thread_local std::vector<std::uint32_t> counts;
  if (counts.size() < gain.size()) counts.resize(gain.size(), 0);
  for (std::uint32_t q = t0; q < t1; ++q) ++counts[tgt.ids[q]];
  double sum = 0;
  for (std::uint32_t p = s0; p < s1; ++p) {
    std::uint32_t& n = counts[src.ids[p]];
    if (n > 0) {
      --n;
      sum += gain[src.ids[p]];
    }
  }
  for (std::uint32_t q = t0; q < t1; ++q) counts[tgt.ids[q]] = 0;
  return sum;
}

}  // namespace

std::vector<std::uint64_t> key_signatures(std::span<const std::uint32_t> begin,
                                          std::span<const std::uint32_t> ids) {
  std::vector<std::uint64_t> out(begin.empty() ? 0 : begin.size() - 1, 0);
  for (std::size_t k = 0; k < out.size(); ++k)
    for (std::uint32_t x = begin[k]; x < begin[k + 1]; ++x) out[k] |= key_bit(ids[x]);
  return out;
}

double matched_gain(const KeyRuns& src, std::uint32_t i, int a, const KeyRuns& tgt, std::uint32_t j,
                    int b, std::span<const double> gain) {
  const std::uint32_t s0 = src.begin[i], s1 = src.begin[i + a];
  const std::uint32_t t0 = tgt.begin[j], t1 = tgt.begin[j + b];
  if (s0 == s1 || t0 == t1) return 0.0;
  if (a == 1 && b == 1) {
    if ((src.signature[i] & tgt.signature[j]) == 0) return 0.0;
    return sorted_match_gain(src.ids.data() + s0, src.ids.data() + s1, tgt.ids.data() + t0,
                      tgt.ids.data() + t1, gain);
  }
  if ((run_signature(src.signature, i, a) & run_signature(tgt.signature, j, b)) == 0) return 0.0;
  return counted_gain(src, s0, s1, tgt, t0, t1, gain);
}

void pair_gains(const KeyRuns& src, std::uint32_t i, const KeyRuns& tgt, std::uint32_t j_begin,
                std::uint32_t j_end, std::span<const double> gain, std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  const std::uint32_t s0 = src.begin[i], s1 = src.begin[i + 1];
  if (s0 == s1) return;
  // left[id]: copies of id in sentence i. A merge of two sorted lists adds
  // the matched gains in ascending id order, once per matched copy; so does
  // this walk through the target's sorted ids, each run of one id matching
  // min(run, left[id]) copies, so the sums are the same.
  thread_local std::vector<std::uint32_t> left;
  if (left.size() < gain.size()) left.resize(gain.size(), 0);
  for (std::uint32_t p = s0; p < s1; ++p) ++left[src.ids[p]];
  const std::uint64_t sig = src.signature[i];
  for (std::uint32_t j = j_begin; j < j_end; ++j) {
    if ((sig & tgt.signature[j]) == 0) continue;
    double sum = 0;
    const std::uint32_t q_end = tgt.begin[j + 1];
    for (std::uint32_t q = tgt.begin[j]; q < q_end;) {
      const std::uint32_t v = tgt.ids[q];
      std::uint32_t run = 1;
      while (q + run < q_end && tgt.ids[q + run] == v) ++run;
      q += run;
      if ((key_bit(v) & sig) == 0) continue;
      const std::uint32_t matched = std::min(run, left[v]);
      for (std::uint32_t x = 0; x < matched; ++x) sum += gain[v];
    }
    out[j - j_begin] = sum;
  }
  for (std::uint32_t p = s0; p < s1; ++p) left[src.ids[p]] = 0;
}

}  // namespace jisr
