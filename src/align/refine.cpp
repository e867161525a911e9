#include "align/refine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "align/length_table.hpp"
#include "align/score.hpp"
#include "evidence/clauses.hpp"
#include "evidence/extractors.hpp"
#include "jisr/anchors.hpp"
#include "split/space.hpp"

namespace jisr {

namespace {

// The most sentences on the many side of a bead that is refined.
constexpr std::uint32_t kMaxMany = 8;
// What a cut after a full stop (. ! ? ؟ …) inside the one sentence saves,
// in nats: where a translator's sentences end, the source often has a
// stop too. On ntrex-ar-en-hard dev (lines joined from two sentences) the
// share of refined pairs that are the original sentence pairs rises from
// 0.86 to 0.94 with it, and stays there for larger values.
constexpr double kSentenceEndBonus = 4.0;

// A clause of the one sentence as refinement cuts it: bytes [begin, end),
// its length, and whether it ends a sentence.
struct Clause {
  std::size_t begin = 0, end = 0;
  std::uint32_t length = 0;
  bool ends_sentence = false;
};

// The clause index each of the n runs starts at (the first is 0), for the
// cheapest match of runs of `clauses` to `many_len`, every run non-empty.
// `c` is the expected length of the many side per character of the one.
std::vector<std::size_t> best_runs(const std::vector<Clause>& clauses, const std::vector<std::uint32_t>& many_len,
                                   bool one_is_src, double c, double s2, const LengthCostTable& cost) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::size_t k = clauses.size(), n = many_len.size();
  if (n == 0 || k < n || n > kMaxMany) return {};
  // best[r][x]: the first x clauses matched to the first r sentences.
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(k + 1, kInf));
  std::vector<std::vector<std::size_t>> from(n + 1, std::vector<std::size_t>(k + 1, 0));
  best[0][0] = 0;
  for (std::size_t r = 1; r <= n; ++r)
    for (std::size_t x = r; x + (n - r) <= k; ++x) {
      double run = 0;
      for (std::size_t f = x; f-- > r - 1;) {
        run += clauses[f].length;
        if (best[r - 1][f] == kInf) continue;
        const double l1 = one_is_src ? run : many_len[r - 1], l2 = one_is_src ? many_len[r - 1] : run;
        const double mean = (l1 + l2 / c) / 2.0;
        const double d = mean > 0 ? (l2 - c * l1) / std::sqrt(mean * s2) : 0.0;
        const double v = best[r - 1][f] + cost.exact(d) - (r < n && clauses[x - 1].ends_sentence ? kSentenceEndBonus : 0.0);
        if (v < best[r][x]) {
          best[r][x] = v;
          from[r][x] = f;
        }
      }
    }
  std::vector<std::size_t> starts(n);
  for (std::size_t r = n, x = k; r > 0; --r) {
    starts[r - 1] = from[r][x];
    x = from[r][x];
  }
  return starts;
}

// The numbers of a text (num: keys), sorted.
std::vector<std::string> numbers(const AnchorExtractor& extractor, std::string_view text) {
  std::vector<std::string> out;
  for (AnchorKey& key : extractor.find(text))
    if (key.type == AnchorType::number) out.push_back(std::move(key.key));
  std::sort(out.begin(), out.end());
  return out;
}

bool holds(const std::vector<std::string>& sorted, const std::string& key) {
  return std::binary_search(sorted.begin(), sorted.end(), key);
}

// Whether bead k is a pair cut from the same bead as bead k - 1: both
// refined parts of the one sentence on the same side (the beads of an
// alignment never share a sentence, its refined pairs always do).
bool continues_cut(std::span<const Bead> beads, std::span<const BeadPart> parts, std::size_t k) {
  if (k == 0 || parts.size() != beads.size()) return false;
  const BeadPart &a = parts[k - 1], &b = parts[k];
  if (!a.refined() || !b.refined() || a.is_src != b.is_src) return false;
  const Bead &x = beads[k - 1], &y = beads[k];
  return b.is_src ? x.src_begin == y.src_begin && x.src_end == y.src_end
                  : x.tgt_begin == y.tgt_begin && x.tgt_end == y.tgt_end;
}

// The clauses `spans` (lengths `lengths`, as the cutter gave them) of `text`.
// A clause ends a sentence where it ends in final punctuation and, given a
// splitter, where the splitter ends one; a final stop where it does not
// (a title before a name, an abbreviation) is no joint, and its clause goes
// on into the next.
std::vector<Clause> sentence_clauses(std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& spans,
                                     const std::vector<std::uint32_t>& lengths, const SentenceSplitter* splitter) {
  std::vector<std::size_t> starts;  // where the splitter's sentences after the first begin
  bool split = false;               // run the splitter once, at the first inner stop
  std::vector<Clause> out;
  bool joins_next = false;
  for (std::size_t x = 0; x < spans.size(); ++x) {
    const auto [from, to] = spans[x];
    const std::uint32_t length = x < lengths.size() ? lengths[x] : alignment_length(text.substr(from, to - from));
    if (joins_next) {
      out.back().end = to;
      out.back().length += length;
    } else {
      out.push_back({from, to, length, false});
    }
    const ByteRange r = detail::trim(text, from, to);
    const bool terminal = ends_with_terminal(text.substr(r.begin, r.end - r.begin));
    // A sentence of the splitter starts between this clause's last
    // character and the next clause's first.
    const std::size_t next = x + 1 < spans.size() ? spans[x + 1].first : text.size();
    if (terminal && splitter != nullptr && x + 1 < spans.size() && !split) {
      split = true;
      for (const SentenceSpan& s : splitter->split_spans(text))
        if (s.source.begin > 0) starts.push_back(s.source.begin);
    }
    const bool splitter_ends =
        std::any_of(starts.begin(), starts.end(), [&](std::size_t b) { return b >= r.end && b <= next; });
    joins_next = terminal && splitter != nullptr && !splitter_ends && x + 1 < spans.size();
    out.back().ends_sentence = terminal && !joins_next;
  }
  return out;
}

}  // namespace

RefineCount count_refined(std::span<const Bead> beads, std::span<const BeadPart> parts) {
  RefineCount count;
  for (std::size_t k = 0; k < parts.size() && k < beads.size(); ++k) {
    if (!parts[k].refined()) continue;
    ++count.pairs;
    if (!continues_cut(beads, parts, k)) ++count.beads;
  }
  return count;
}

Alignment whole_beads(std::span<const Bead> beads, std::span<const BeadPart> parts) {
  Alignment out;
  out.reserve(beads.size());
  for (std::size_t k = 0; k < beads.size(); ++k) {
    if (!continues_cut(beads, parts, k)) {
      out.push_back(beads[k]);
      continue;
    }
    Bead& bead = out.back();
    if (parts[k].is_src)
      bead.tgt_end = beads[k].tgt_end;
    else
      bead.src_end = beads[k].src_end;
  }
  return out;
}

RefinedAlignment refine_alignment(const Model& model, const Document& src, const Document& tgt,
                                  const Alignment& alignment, const SentenceSplitter* src_splitter,
                                  const SentenceSplitter* tgt_splitter) {
  const ClauseRules* src_rules = clause_rules(model, src.lang);
  const ClauseRules* tgt_rules = clause_rules(model, tgt.lang);
  if (src_rules == nullptr && tgt_rules == nullptr) return {alignment, {}};
  const SideLengths chars = document_lengths(src.sentences, tgt.sentences);
  const double c = document_length_ratio(model.length, chars.src, chars.tgt);
  const LengthCostTable cost(model.length.outlier);
  // Every joint is a place to cut: short clauses are not joined to their
  // neighbours first (as the scorer's clause term joins them), since a
  // short clause after a full stop would then take the stop's cut away.
  const auto fine = [](const ClauseRules* rules) {
    std::optional<ClauseRules> out;
    if (rules != nullptr) {
      out = *rules;
      out->min_length = 1;
      out->max_clauses = std::max<std::uint32_t>(out->max_clauses, 64);
    }
    return out;
  };
  const std::optional<ClauseRules> src_fine = fine(src_rules), tgt_fine = fine(tgt_rules);
  // Numbers check the cut: a run whose number is in another sentence of the
  // bead and not in its own was translated out of order (the translator
  // moved a clause), which runs in order cannot pair, and the bead stays whole.
  std::optional<AnchorExtractor> src_numbers, tgt_numbers;
  std::optional<ClauseCutter> src_cut, tgt_cut;
  if (src_fine) src_cut.emplace(*src_fine);
  if (tgt_fine) tgt_cut.emplace(*tgt_fine);
  RefinedAlignment out;
  out.beads.reserve(alignment.size());
  out.parts.reserve(alignment.size());
  const auto whole = [&out](const Bead& bead) {
    out.beads.push_back(bead);
    out.parts.emplace_back();
  };
  for (const Bead& bead : alignment) {
    const bool one_is_src = bead.src_size() == 1 && bead.tgt_size() >= 2 && bead.tgt_size() <= kMaxMany;
    const bool one_is_tgt = bead.tgt_size() == 1 && bead.src_size() >= 2 && bead.src_size() <= kMaxMany;
    const ClauseCutter* cut = one_is_src && src_cut ? &*src_cut : one_is_tgt && tgt_cut ? &*tgt_cut : nullptr;
    if (cut == nullptr) {
      whole(bead);
      continue;
    }
    const Document& one_doc = one_is_src ? src : tgt;
    const Document& many_doc = one_is_src ? tgt : src;
    const std::string& text = one_doc.sentences[one_is_src ? bead.src_begin : bead.tgt_begin].text;
    const std::uint32_t many_begin = one_is_src ? bead.tgt_begin : bead.src_begin;
    const std::uint32_t n = one_is_src ? bead.tgt_size() : bead.src_size();
    const std::vector<Clause> clauses =
        sentence_clauses(text, (*cut)(text), cut->lengths(), one_is_src ? src_splitter : tgt_splitter);
    if (clauses.size() < n) {
      whole(bead);
      continue;
    }
    std::vector<std::uint32_t> many_len;
    for (std::uint32_t r = 0; r < n; ++r) many_len.push_back(alignment_length(many_doc.sentences[many_begin + r].text));
    const std::vector<std::size_t> starts =
        best_runs(clauses, many_len, one_is_src, c, model.length.s2, cost);
    if (starts.size() != n) {
      whole(bead);
      continue;
    }
    std::vector<ByteRange> parts;
    for (std::uint32_t r = 0; r < n; ++r) {
      const std::size_t first = starts[r], last = r + 1 < n ? starts[r + 1] : clauses.size();
      parts.push_back(detail::trim(text, clauses[first].begin, clauses[last - 1].end));
    }
    std::optional<AnchorExtractor>& one_numbers = one_is_src ? src_numbers : tgt_numbers;
    std::optional<AnchorExtractor>& many_numbers = one_is_src ? tgt_numbers : src_numbers;
    if (!one_numbers) one_numbers.emplace(detail::side_options(model, one_doc.lang, one_is_src));
    if (!many_numbers) many_numbers.emplace(detail::side_options(model, many_doc.lang, !one_is_src));
    std::vector<std::vector<std::string>> run_numbers, sentence_numbers;
    for (std::uint32_t r = 0; r < n; ++r) {
      run_numbers.push_back(numbers(*one_numbers, std::string_view(text).substr(parts[r].begin, parts[r].end - parts[r].begin)));
      sentence_numbers.push_back(numbers(*many_numbers, many_doc.sentences[many_begin + r].text));
    }
    bool out_of_order = false;
    for (std::uint32_t r = 0; r < n && !out_of_order; ++r)
      for (const std::string& key : run_numbers[r]) {
        if (holds(sentence_numbers[r], key)) continue;
        for (std::uint32_t o = 0; o < n && !out_of_order; ++o) out_of_order = o != r && holds(sentence_numbers[o], key);
      }
    if (out_of_order) {
      whole(bead);
      continue;
    }
    for (std::uint32_t r = 0; r < n; ++r) {
      Bead piece = bead;
      if (one_is_src) {
        piece.tgt_begin = many_begin + r;
        piece.tgt_end = piece.tgt_begin + 1;
      } else {
        piece.src_begin = many_begin + r;
        piece.src_end = piece.src_begin + 1;
      }
      out.beads.push_back(piece);
      out.parts.push_back({parts[r], one_is_src});
    }
  }
  return out;
}

}  // namespace jisr
