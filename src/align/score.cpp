#include "align/score.hpp"

#include "jisr/error.hpp"

#include "align/headings.hpp"
#include "align/key_match.hpp"
#include "align/length_table.hpp"
#include "evidence/clauses.hpp"
#include "evidence/furniture.hpp"
#include "util/parallel.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <utility>

namespace jisr {

namespace {

// True if code point c counts towards alignment_length: neither a
// combining or enclosing mark, nor a format character, nor white space.
bool counts_in_length(UChar32 c) {
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return false;
  return !u_isUWhiteSpace(c);
}

// ICU's answers of counts_in_length for U+0000 to U+07FF (Latin, Greek,
// Cyrillic, Hebrew and Arabic letters, digits and marks), asked once: the
// length of every sentence is measured several times over a run.
constexpr UChar32 kLengthCached = 0x800;
const std::bitset<kLengthCached>& counted_code_points() {
  static const std::bitset<kLengthCached> table = [] {
    std::bitset<kLengthCached> t;
    for (UChar32 c = 0; c < kLengthCached; ++c) t[static_cast<std::size_t>(c)] = counts_in_length(c);
    return t;
  }();
  return table;
}

// Runs the source side's part of a table's construction and the target
// side's, on two threads when `threads` allows them.
template <class Src, class Tgt>
void on_both_sides(unsigned threads, Src&& src, Tgt&& tgt) {
  detail::parallel_for(2, threads, [&](std::size_t k) {
    if (k == 0)
      src();
    else
      tgt();
  });
}

}  // namespace

std::uint32_t alignment_length(std::string_view utf8, bool skip_bracketed) {
  const std::bitset<kLengthCached>& cached = counted_code_points();
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  // The last ']': a '[' before it opens text that is skipped up to the next
  // ']'. Both are ASCII, so they never sit inside a multi-byte sequence.
  const std::size_t last_close = skip_bracketed ? utf8.rfind(']') : std::string_view::npos;
  bool inside = false;
  std::uint32_t n = 0;
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    if (last_close != std::string_view::npos) {
      if (c == '[' && static_cast<std::size_t>(i) <= last_close) inside = true;
      if (inside) {
        inside = c != ']';
        continue;
      }
    }
    if (c < kLengthCached ? cached[static_cast<std::size_t>(c)] : counts_in_length(c)) ++n;
  }
  return n;
}

TranslatorInsertions translator_insertions(std::span<const Sentence> src, std::span<const Sentence> tgt) {
  const auto brackets = [](std::span<const Sentence> side) {
    return std::any_of(side.begin(), side.end(), [](const Sentence& s) {
      const std::size_t open = s.text.find('[');
      return open != std::string::npos && s.text.find(']', open + 1) != std::string::npos;
    });
  };
  const bool in_src = brackets(src), in_tgt = brackets(tgt);
  return {in_src && !in_tgt, in_tgt && !in_src};
}

SideLengths document_lengths(std::span<const Sentence> src, std::span<const Sentence> tgt) {
  const TranslatorInsertions insertions = translator_insertions(src, tgt);
  SideLengths out;
  for (const Sentence& s : src) out.src += alignment_length(s.text, insertions.src);
  for (const Sentence& s : tgt) out.tgt += alignment_length(s.text, insertions.tgt);
  return out;
}

namespace {

// The end of `utf8`'s last character that is not white space, a closing
// quote or a closing bracket (0 if there is none), and that character.
std::pair<std::size_t, UChar32> last_significant(std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  auto i = static_cast<int32_t>(utf8.size());
  while (i > 0) {
    const int32_t end = i;
    UChar32 c = 0;
    U8_PREV(bytes, 0, i, c);
    if (c < 0 || u_isUWhiteSpace(c)) continue;
    const int8_t type = u_charType(c);
    if (type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION || c == '"' || c == '\'') continue;
    return {static_cast<std::size_t>(end), c};
  }
  return {0, -1};
}

}  // namespace

bool ends_with_terminal(std::string_view utf8) {
  const UChar32 c = last_significant(utf8).second;
  return c >= 0 && u_hasBinaryProperty(c, UCHAR_S_TERM);
}

bool ends_open(std::string_view utf8, std::span<const std::string> runs_on) {
  const auto [end, c] = last_significant(utf8);
  if (c >= 0 && u_hasBinaryProperty(c, UCHAR_S_TERM)) return false;
  const std::string_view head = utf8.substr(0, end);
  return std::none_of(runs_on.begin(), runs_on.end(),
                      [head](const std::string& mark) { return !mark.empty() && head.ends_with(mark); });
}

std::vector<bool> open_lines(std::span<const Sentence> side, std::span<const std::string> runs_on) {
  std::vector<bool> out;
  out.reserve(side.size());
  bool after_run_on = false;
  for (const Sentence& s : side) {
    const bool open = ends_open(s.text, runs_on);
    out.push_back(open && !after_run_on);
    // Runs on: not open, yet without final punctuation (one of the marks).
    after_run_on = !open && !ends_with_terminal(s.text);
  }
  return out;
}

namespace {

// Whether a side's endings say anything (Impl::src_endings): not where most
// of its sentences stand open (verse, unpunctuated text). A list's items
// (the open lines after one ending in a colon) do not count as standing
// open: a release with a header block and a list of supplies has more open
// lines than closed ones, all of them short, and its endings still tell a
// heading from a sentence. `open` holds the side's prefix counts of open
// sentences.
bool endings_say_something(std::span<const Sentence> side, const std::vector<std::uint32_t>& open) {
  std::size_t standing_open = 0;
  bool in_list = false;
  for (std::size_t k = 0; k < side.size(); ++k) {
    const bool is_open = open[k + 1] != open[k];
    if (is_open && !in_list) ++standing_open;
    in_list = last_significant(side[k].text).second == ':' || (in_list && is_open);
  }
  return 2 * standing_open <= side.size();
}

}  // namespace

double neg_log_two_tailed(double x) {
  const double z = std::abs(x) / std::numbers::sqrt2;
  if (z < 25.0) return -std::log(std::erfc(z));
  // Asymptotic expansion: erfc(z) ~ exp(-z²) / (z·sqrt(pi)) · (1 - 1/(2z²)).
  return z * z + std::log(z) + 0.5 * std::log(std::numbers::pi) - std::log1p(-0.5 / (z * z));
}

double document_length_ratio(const LengthStats& stats, std::uint64_t src_total,
                             std::uint64_t tgt_total) {
  if (!stats.per_document || src_total == 0 || tgt_total == 0) return stats.c;
  // Shrink towards the model's ratio by a prior worth kRatioPrior source
  // characters, so that very short documents are not judged by one sentence.
  constexpr double kRatioPrior = 100.0;
  return (static_cast<double>(tgt_total) + kRatioPrior * stats.c) /
         (static_cast<double>(src_total) + kRatioPrior);
}

struct BeadScorer::Impl {
  // The parts of the model the scorer reads (not the whole Model, whose
  // translation table would be copied for every document pair).
  LengthStats length;
  std::map<BeadType, double> priors;
  std::array<std::array<double, 2>, 3> ending_cost{};
  double paragraph_penalty = 0;
  double c = 1.0;  // length ratio used for this document pair
  std::vector<std::uint32_t> src_len, tgt_len;       // per sentence
  std::vector<std::uint64_t> src_prefix, tgt_prefix;  // prefix sums of lengths
  std::vector<std::uint32_t> src_para, tgt_para;
  // Prefix counts of sentences without final punctuation.
  std::vector<std::uint32_t> src_open, tgt_open;
  // Whether endings say anything on a side (endings_say_something): not
  // where most sentences lack final punctuation (verse, unpunctuated text).
  bool src_endings = true, tgt_endings = true;
  // Prefix counts of page furniture lines (furniture.hpp) and each line's
  // kinds, empty when the model looks for none, and what a bead mixing
  // them with text, or pairing kinds that differ, costs.
  std::vector<std::uint32_t> src_furniture, tgt_furniture;
  std::vector<FurnitureMask> src_kinds, tgt_kinds;
  double furniture_cost = 0;
  // The kinds of the lines k .. k + n of a side.
  static FurnitureMask kinds_of(const std::vector<FurnitureMask>& kinds, std::uint32_t k, int n) {
    FurnitureMask out = 0;
    for (int d = 0; d < n; ++d) out |= kinds[k + static_cast<std::uint32_t>(d)];
    return out;
  }
  // furniture_cost for a bead with both sides that holds `lines` furniture
  // lines and text, or only furniture but of no kind that both sides share;
  // else 0: furniture pairs with furniture of its kind or with nothing.
  double furniture_charge(std::uint32_t i, int a, std::uint32_t j, int b, std::uint32_t lines) const {
    if (lines == 0) return 0.0;
    if (lines < static_cast<std::uint32_t>(a + b)) return furniture_cost;
    return (kinds_of(src_kinds, i, a) & kinds_of(tgt_kinds, j, b)) != 0 ? 0.0 : furniture_cost;
  }
  double furniture(std::uint32_t i, int a, std::uint32_t j, int b) const {
    if (a == 0 || b == 0) return 0.0;
    return furniture_charge(i, a, j, b, furniture_lines(i, a, j, b));
  }
  // The bead's furniture lines, both sides.
  std::uint32_t furniture_lines(std::uint32_t i, int a, std::uint32_t j, int b) const {
    if (src_furniture.empty()) return 0;
    return (src_furniture[i + a] - src_furniture[i]) + (tgt_furniture[j + b] - tgt_furniture[j]);
  }
  // prior_cost[a][b] = -log P(a-b), +inf where not allowed.
  double prior_cost[kMaxBeadSide + 1][kMaxBeadSide + 1];
  // Anchors: key ids of sentence k of a side are ids[begin[k] .. begin[k+1]), sorted.
  bool anchors = false;
  std::vector<bool> keep_;  // by key id: the key can tell beads apart
  std::vector<AnchorType> types_;  // by key id (evidence() counts dictionary words apart)
  std::vector<std::uint32_t> src_begin, tgt_begin, src_ids, tgt_ids;
  std::vector<std::uint64_t> src_sig, tgt_sig;  // per sentence, key_signatures of its ids

  // Prefix sums over sentences of their keys' penalties, and per key id
  // what a matched pair earns back: both penalties and the bonus.
  std::vector<double> src_penalty_prefix, tgt_penalty_prefix, match_gain;
  std::vector<double> src_gain_prefix, tgt_gain_prefix;  // prefix sums over sentences of match_gain
  // By key id, what a key earns in the split evidence: match_gain for a
  // positional key; for a dictionary word its rarity bonus only, since a
  // common word's match says little of which clause went where.
  std::vector<double> split_gain;

  // The anchor cost of a bead is the penalty of every key on either side
  // less match_gain for each key matched across (as a multiset: a key twice
  // on one side and once on the other matches once). The penalties come
  // from prefix sums; only the matches need the keys themselves.
  double anchor_penalties(std::uint32_t i, int a, std::uint32_t j, int b) const {
    return (src_penalty_prefix[i + a] - src_penalty_prefix[i]) +
           (tgt_penalty_prefix[j + b] - tgt_penalty_prefix[j]);
  }

  // An upper bound of anchor_gain: every key of the poorer side matched, or
  // nothing where the two runs' signatures share no bit.
  double anchor_gain_bound(std::uint32_t i, int a, std::uint32_t j, int b) const {
    if ((run_signature(src_sig, i, a) & run_signature(tgt_sig, j, b)) == 0) return 0.0;
    return std::min(src_gain_prefix[i + a] - src_gain_prefix[i], tgt_gain_prefix[j + b] - tgt_gain_prefix[j]);
  }

  double anchor_gain(std::uint32_t i, int a, std::uint32_t j, int b) const {
    return matched_gain({src_begin, src_ids, src_sig}, i, a, {tgt_begin, tgt_ids, tgt_sig}, j, b, match_gain);
  }

  // The sentences of [k, k+n) on one side, a side of two or more, that
  // hold numbers or dates (a month, a weekday) none of which is a key of
  // [o, o+on) on the other side (AnchorParams::stray_cost).
  double stray_cost = 0;
  // Per side, the kept keys of each sentence that are numbers or dates, as
  // src_begin and src_ids hold all of them (dated_begin[k] .. dated_begin[k+1]),
  // and whether the sentence held a number or date found on its side of
  // the document only (SideKeys::lone_dated), which no bead can match.
  std::vector<std::uint32_t> src_dated_begin, src_dated_ids, tgt_dated_begin, tgt_dated_ids;
  std::vector<bool> src_lone_dated, tgt_lone_dated;
  void build_dated(const DocumentAnchors& a) {
    auto collect = [&](const std::vector<std::uint32_t>& begin, const std::vector<std::uint32_t>& ids,
                       const SideKeys& side, std::vector<std::uint32_t>& dated_begin,
                       std::vector<std::uint32_t>& dated_ids, std::vector<bool>& lone) {
      dated_begin.assign(1, 0);
      for (std::size_t s = 0; s + 1 < begin.size(); ++s) {
        for (std::uint32_t x = begin[s]; x < begin[s + 1]; ++x)
          if (is_dated(types_[ids[x]])) dated_ids.push_back(ids[x]);
        dated_begin.push_back(static_cast<std::uint32_t>(dated_ids.size()));
      }
      lone.assign(begin.size() - 1, false);
      for (const std::uint32_t s : side.lone_dated)
        if (s < lone.size()) lone[s] = true;
      // Anchors given with their one-sided keys still in (align_with_anchors).
      for (std::size_t s = 0; s < lone.size() && s < side.size(); ++s)
        lone[s] = lone[s] || std::any_of(side[s].begin(), side[s].end(),
                                         [&](std::uint32_t id) { return !keep_[id] && is_dated(types_[id]); });
    };
    collect(src_begin, src_ids, a.src, src_dated_begin, src_dated_ids, src_lone_dated);
    collect(tgt_begin, tgt_ids, a.tgt, tgt_dated_begin, tgt_dated_ids, tgt_lone_dated);
  }
  int stray_sentences(bool is_src, std::uint32_t k, int n, std::uint32_t o, int on) const {
    if (n < 2 || !anchors) return 0;
    const auto& dated_begin = is_src ? src_dated_begin : tgt_dated_begin;
    const auto& dated_ids = is_src ? src_dated_ids : tgt_dated_ids;
    const auto& lone = is_src ? src_lone_dated : tgt_lone_dated;
    const auto& other_begin = is_src ? tgt_begin : src_begin;
    const auto& other_ids = is_src ? tgt_ids : src_ids;
    const auto un = static_cast<std::uint32_t>(n), uon = static_cast<std::uint32_t>(on);
    auto on_other_side = [&](std::uint32_t id) {
      for (std::uint32_t q = o; q < o + uon; ++q)
        if (std::binary_search(other_ids.begin() + other_begin[q], other_ids.begin() + other_begin[q + 1], id))
          return true;
      return false;
    };
    int stray = 0;
    for (std::uint32_t s = k; s < k + un; ++s) {
      const auto first = dated_ids.begin() + dated_begin[s], last = dated_ids.begin() + dated_begin[s + 1];
      if ((first != last || lone[s]) && std::none_of(first, last, on_other_side)) ++stray;
    }
    return stray;
  }

  double anchor_cost(std::uint32_t i, int a, std::uint32_t j, int b) const {
    if (!anchors) return 0.0;
    return anchor_penalties(i, a, j, b) - anchor_gain(i, a, j, b);
  }

  void build_anchors(const AnchorParams& params, const DocumentAnchors& a, unsigned threads) {
    const std::size_t n_keys = a.keys.size();
    std::vector<double> df_src(n_keys, 0.0), df_tgt(n_keys, 0.0);
    // Document frequency: the number of sentences holding a key.
    auto count = [&](const SideKeys& side, std::vector<double>& df) {
      std::vector<std::uint32_t> v;
      for (std::size_t k = 0; k < side.size(); ++k) {
        v.assign(side[k].begin(), side[k].end());
        std::sort(v.begin(), v.end());
        for (std::size_t x = 0; x < v.size(); ++x)
          if (x == 0 || v[x] != v[x - 1]) df[v[x]] += 1;
      }
    };
    on_both_sides(threads, [&] { count(a.src, df_src); }, [&] { count(a.tgt, df_tgt); });
    const double n = (static_cast<double>(a.src.size()) + static_cast<double>(a.tgt.size())) / 2.0;
    std::vector<double> bonus(n_keys, 0.0), penalty(n_keys, 0.0);
    std::vector<bool> keep(n_keys, false);
    for (std::size_t k = 0; k < n_keys; ++k) {
      if (df_src[k] == 0 || df_tgt[k] == 0) continue;  // one side only: no evidence
      const auto p_it = params.p_match.find(a.types[k]);
      if (p_it == params.p_match.end() || p_it->second <= 0) continue;
      const double p = p_it->second;
      const double df = (df_src[k] + df_tgt[k]) / 2.0;
      const double q = std::min(0.99, df / n);
      keep[k] = true;
      bonus[k] = params.weight * std::min(params.cap, std::max(0.0, std::log(p) + std::log(n / df)));
      penalty[k] = params.weight * std::max(0.0, -std::log((1 - p) / (1 - q)));
    }
    // Per sentence the kept keys, sorted so that one-to-one beads can merge.
    auto flatten = [&](const SideKeys& side, std::vector<std::uint32_t>& begin,
                       std::vector<std::uint32_t>& flat, std::vector<double>& penalty_prefix,
                       std::vector<double>& gain_prefix) {
      begin.assign(1, 0);
      begin.reserve(side.size() + 1);
      // Exactly the kept ids: no spare capacity in the largest arrays.
      flat.reserve(static_cast<std::size_t>(std::count_if(side.ids.begin(), side.ids.end(),
                                                          [&](std::uint32_t id) { return keep[id]; })));
      for (std::size_t k = 0; k < side.size(); ++k) {
        const std::size_t from = flat.size();
        for (const std::uint32_t id : side[k])
          if (keep[id]) flat.push_back(id);
        std::sort(flat.begin() + static_cast<std::ptrdiff_t>(from), flat.end());
        begin.push_back(static_cast<std::uint32_t>(flat.size()));
      }
      penalty_prefix.assign(1, 0.0);
      penalty_prefix.reserve(side.size() + 1);
      gain_prefix.assign(1, 0.0);
      gain_prefix.reserve(side.size() + 1);
      for (std::size_t k = 0; k < side.size(); ++k) {
        double pen = 0, gain = 0;
        for (std::uint32_t x = begin[k]; x < begin[k + 1]; ++x) {
          pen += penalty[flat[x]];
          gain += match_gain[flat[x]];
        }
        penalty_prefix.push_back(penalty_prefix.back() + pen);
        gain_prefix.push_back(gain_prefix.back() + gain);
      }
    };
    keep_ = keep;
    types_ = a.types;
    match_gain.resize(n_keys);
    for (std::size_t k = 0; k < n_keys; ++k) match_gain[k] = 2 * penalty[k] + bonus[k];
    split_gain.resize(n_keys);
    for (std::size_t k = 0; k < n_keys; ++k)
      split_gain[k] = positional(a.types[k]) ? match_gain[k] : a.types[k] == AnchorType::word ? bonus[k] : 0.0;
    on_both_sides(
        threads,
        [&] {
          flatten(a.src, src_begin, src_ids, src_penalty_prefix, src_gain_prefix);
          src_sig = key_signatures(src_begin, src_ids);
        },
        [&] {
          flatten(a.tgt, tgt_begin, tgt_ids, tgt_penalty_prefix, tgt_gain_prefix);
          tgt_sig = key_signatures(tgt_begin, tgt_ids);
        });
    anchors = !src_ids.empty() || !tgt_ids.empty();
  }

  // Clauses of the sentences of one side that have two or more: sentence k
  // has clauses [first[k], first[k+1]); clause x has length len[x] and the
  // kept positional key ids ids[kbegin[x] .. kbegin[x+1]), sorted.
  struct ClauseSide {
    std::vector<std::uint32_t> first, len, kbegin{0}, ids;
    // With the split evidence: per sentence k, its clause keys as (id,
    // clause within k) sorted, tagged[tbegin[k] .. tbegin[k+1]), so that one
    // merge with another sentence's keys gives every clause's matches.
    struct Tagged {
      std::uint32_t id, clause;
      bool operator<(const Tagged& o) const { return id != o.id ? id < o.id : clause < o.clause; }
    };
    std::vector<Tagged> tagged;
    std::vector<std::uint32_t> tbegin;
  };
  ClauseSide src_clauses, tgt_clauses;
  bool clauses = false;
  double clause_length_weight = 0, clause_anchor_weight = 0, clause_split_weight = 0;
  // Per sentence of a side, the most the split evidence can take off a
  // bead in which it is the one sentence: clause_split_weight times the
  // split_gain of its clauses' keys (0 for a sentence of fewer than two clauses).
  std::vector<double> src_split_bound, tgt_split_bound;

  // Keys whose place in a sentence says where its content went: not
  // dictionary words (a common word's translation is found in many
  // clauses) nor punctuation.
  static bool positional(AnchorType type) {
    return type != AnchorType::word && type != AnchorType::symbol;
  }
  // The keys the split evidence reads: the positional ones and dictionary words.
  static bool split_key(AnchorType type) { return positional(type) || type == AnchorType::word; }

  // What the split evidence can take off bead (i, a, j, b) at most, given
  // `gain`, a bound of the bead's anchor gain; 0 where it has none. The
  // several sentences' own runs hold disjoint keys of the one sentence, so
  // what they match in them is at most what the bead matches (a key's
  // split_gain is at most its match_gain), and at most what the one
  // sentence's clause keys could earn; of the n sentences' leads the bead
  // earns all but the largest, at most (n - 1) / n of their sum.
  // A bead that holds page furniture earns none: a caption or a share line
  // taken into a one-to-many bead is no part of the translation, though its
  // names and dates may match a clause of the long sentence
  // (`Photo: ... near Kafr Zita, March 2023.` before the sentence that
  // names the same place and month), and the split evidence would then
  // take off more than the furniture cost adds.
  double split_slack(std::uint32_t i, int a, std::uint32_t j, int b, double gain) const {
    if (clause_split_weight <= 0 || a == 0 || b == 0) return 0.0;
    const double most = clause_split_weight * std::max(0.0, gain), share = 1.0 - 1.0 / std::max(a, b);
    double slack = 0.0;
    if (a == 1 && b > 1 && i < src_split_bound.size())
      slack = share * std::min(src_split_bound[i], most);
    else if (b == 1 && a > 1 && j < tgt_split_bound.size())
      slack = share * std::min(tgt_split_bound[j], most);
    return slack > 0.0 && furniture_lines(i, a, j, b) > 0 ? 0.0 : slack;
  }

  void build_clauses(const DocumentAnchors& a, const DocumentClauses& dc, const std::vector<bool>& keep,
                     unsigned threads) {
    auto build = [&](const SideKeys& keys, const SideClauses& sc, ClauseSide& out, std::vector<double>& bound) {
      // A side without clause rules (or without a sentence they cut) has none.
      if (sc.size() != keys.size() || sc.key_end.empty()) return;
      const bool split = clause_split_weight > 0;
      if (split) {
        bound.assign(keys.size(), 0.0);
        out.tbegin.assign(1, 0);
      }
      out.first.assign(1, 0);
      for (std::size_t k = 0; k < keys.size(); ++k) {
        const auto sentence = keys[k];
        const bool cut = sc.begin[k + 1] - sc.begin[k] >= 2;
        const std::size_t tagged_at = out.tagged.size();
        double sum = 0;
        std::uint32_t from = 0;
        for (std::uint32_t x = sc.begin[k]; x < sc.begin[k + 1]; ++x) {
          const std::size_t at = out.ids.size();
          for (std::uint32_t q = from; q < sc.key_end[x] && q < sentence.size(); ++q) {
            const std::uint32_t id = sentence[q];
            if (!keep[id]) continue;
            if (positional(a.types[id])) out.ids.push_back(id);
            if (split && cut && split_key(a.types[id])) {
              out.tagged.push_back({id, x - sc.begin[k]});
              sum += split_gain[id];
            }
          }
          std::sort(out.ids.begin() + static_cast<std::ptrdiff_t>(at), out.ids.end());
          out.kbegin.push_back(static_cast<std::uint32_t>(out.ids.size()));
          out.len.push_back(sc.length[x]);
          from = sc.key_end[x];
        }
        out.first.push_back(static_cast<std::uint32_t>(out.len.size()));
        if (split) {
          std::sort(out.tagged.begin() + static_cast<std::ptrdiff_t>(tagged_at), out.tagged.end());
          out.tbegin.push_back(static_cast<std::uint32_t>(out.tagged.size()));
          bound[k] = clause_split_weight * sum;
        }
      }
    };
    on_both_sides(
        threads, [&] { build(a.src, dc.src, src_clauses, src_split_bound); },
        [&] { build(a.tgt, dc.tgt, tgt_clauses, tgt_split_bound); });
    clauses = src_clauses.first.size() > 1 || tgt_clauses.first.size() > 1;
  }

  // Gain of the keys matched between two sorted id lists.
  double merge_gain(const std::uint32_t* p, const std::uint32_t* p_end, const std::uint32_t* q,
                    const std::uint32_t* q_end) const {
    return sorted_match_gain(p, p_end, q, q_end, match_gain);
  }

  // The clause term of score.hpp for sentence k of the side `one` (the
  // source if one_is_src) against sentences [j, j+b) of the other side.
  // Once the term can no longer come under `budget` it stops with +inf: the
  // cheapest partial match only grows (its parts are non-negative), and the
  // split evidence takes off at most split_slack.
  // `slack` is split_slack of the bead; with `split_part`, what the split
  // evidence took off is written there (0 or less).
  double clause_cost(bool one_is_src, std::uint32_t k, std::uint32_t j, int b,
                     double budget = std::numeric_limits<double>::infinity(), double slack = 0.0,
                     double* split_part = nullptr) const {
    constexpr int kMaxClauses = 24, kMaxMany = 8;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    const ClauseSide& cs = one_is_src ? src_clauses : tgt_clauses;
    if (cs.first.size() <= k + 1 || b > kMaxMany) return 0.0;
    const std::vector<std::uint32_t>& many_begin = one_is_src ? tgt_begin : src_begin;
    const std::vector<std::uint32_t>& many_ids = one_is_src ? tgt_ids : src_ids;
    const std::vector<std::uint32_t>& many_len = one_is_src ? tgt_len : src_len;
    // The one sentence's clauses. A sentence without joints says nothing of
    // where its content went: forcing it whole onto one of the n sentences
    // would charge every true one-to-many bead of an unpunctuated source
    // (verse, run-on prose) for the joints its language does not write.
    const int n_clauses = std::min(static_cast<int>(cs.first[k + 1] - cs.first[k]), kMaxClauses);
    if (n_clauses < 2) return 0.0;
    double len[kMaxClauses];
    const std::uint32_t* kb[kMaxClauses];
    const std::uint32_t* ke[kMaxClauses];
    for (int x = 0; x < n_clauses; ++x) {
      const std::uint32_t at = cs.first[k] + static_cast<std::uint32_t>(x);
      len[x] = cs.len[at];
      kb[x] = cs.ids.data() + cs.kbegin[at];
      ke[x] = cs.ids.data() + cs.kbegin[at + 1];
    }
    // lost[x][n]: what clause x's keys matched in the other sentences than n
    // earn. With no weight on it (the shipped models) nothing is merged.
    double lost[kMaxClauses][kMaxMany] = {};
    if (clause_anchor_weight > 0 && anchors) {
      for (int x = 0; x < n_clauses; ++x) {
        double g[kMaxMany], total = 0;
        for (int n = 0; n < b; ++n) {
          const std::uint32_t s = j + static_cast<std::uint32_t>(n);
          g[n] = kb[x] != ke[x]
                     ? merge_gain(kb[x], ke[x], many_ids.data() + many_begin[s], many_ids.data() + many_begin[s + 1])
                     : 0.0;
          total += g[n];
        }
        for (int n = 0; n < b; ++n) lost[x][n] = clause_anchor_weight * (total - g[n]);
      }
    }
    const bool split = clause_split_weight > 0 && anchors;
    budget += slack;
    // from[n][x]: where the cheapest match's run of sentence n starts when
    // the first n+1 sentences take the first x clauses (the exact pass).
    int from_of[kMaxMany][kMaxClauses + 1];
    // A run of clauses of length `run` against a sentence of length `other`:
    // its normalised length difference, or false where the two are empty.
    auto piece_delta = [&](double run, std::uint32_t other, double& d) {
      const double l1 = one_is_src ? run : other, l2 = one_is_src ? other : run;
      const double mean = (l1 + l2 / c) / 2.0;
      if (mean <= 0.0) return false;
      d = (l2 - c * l1) / std::sqrt(mean * length.s2);
      return true;
    };
    // best[x]: cheapest match of the first x clauses to the sentences so far.
    // A pass with `exact` false prices every run by the length table's lower
    // bound, so its result is a lower bound of the term: most beads that
    // reach here lose to a cheaper one, and that pass, without erfc or log,
    // is enough to drop them. The exact pass computes the exact cost only
    // for the run with the cheapest bound and for runs whose bound is below
    // the best exact price found, which leaves the minimum exactly what
    // pricing every run would give.
    auto pass = [&](bool exact) {
      // Two buffers for the rounds before and after sentence n, swapped.
      double buffer_a[kMaxClauses + 1], buffer_b[kMaxClauses + 1];
      double* best = buffer_a;
      double* next = buffer_b;
      best[0] = 0;
      for (int x = 1; x <= n_clauses; ++x) best[x] = kInf;
      for (int n = 0; n < b; ++n) {
        const std::uint32_t other = many_len[j + static_cast<std::uint32_t>(n)];
        double floor = kInf;
        for (int x = 0; x <= n_clauses; ++x) {
          double base[kMaxClauses + 1], low[kMaxClauses + 1], d[kMaxClauses + 1];
          bool sized[kMaxClauses + 1];
          double run = 0, run_lost = 0, cheapest = kInf;
          int first = -1;
          for (int from = x; from >= 0; --from) {
            if (from < x) {
              run += len[from];
              run_lost += lost[from][n];
            }
            low[from] = kInf;
            if (best[from] == kInf) continue;
            base[from] = best[from] + run_lost;
            // The bound pass keeps only the cheapest bound, and this run's is
            // at least its base: no need to price it.
            if (!exact && base[from] >= cheapest) continue;
            sized[from] = piece_delta(run, other, d[from]);
            low[from] = sized[from] ? base[from] + clause_length_weight * closed_cost_lower(d[from]) : base[from];
            if (low[from] < cheapest) {
              cheapest = low[from];
              first = from;
            }
          }
          double v = exact ? kInf : cheapest;
          int arg = first;
          auto price = [&](int from) {
            const double piece = sized[from] ? clause_length_weight * length_cost(d[from]) : 0.0;
            if (base[from] + piece < v) {
              v = base[from] + piece;
              arg = from;
            }
          };
          if (exact && first >= 0) {
            price(first);
            for (int from = x; from >= 0; --from)
              if (from != first && low[from] < v) price(from);
          }
          next[x] = v;
          if (exact) from_of[n][x] = arg;
          floor = std::min(floor, v);
        }
        std::swap(best, next);
        if (floor >= budget) return kInf;
      }
      return best[n_clauses];
    };
    if (budget < kInf && pass(false) == kInf) return kInf;
    const double cost = pass(true);
    if (!split || cost == kInf || slack <= 0) return cost;
    // The split evidence of the cheapest match. Sentence n's lead is what it
    // matches in its own run of clauses beyond what it matches in the best
    // other run (at least 0); the bead earns the sum of its sentences' leads
    // less the largest. A sentence that matches its own part of the one
    // sentence says the bead is cut where the content is; one sentence
    // alone, which may take every match while the others match nothing,
    // says nothing of a cut, and a sentence taken in that matches nothing
    // earns nothing.
    int run_begin[kMaxMany], run_end[kMaxMany];
    for (int n = b - 1, x = n_clauses; n >= 0; --n) {
      run_end[n] = x;
      x = run_begin[n] = from_of[n][x];
    }
    // run_of[x]: the sentence whose run holds clause x.
    int run_of[kMaxClauses];
    for (int r = 0; r < b; ++r)
      for (int x = run_begin[r]; x < run_end[r]; ++x) run_of[x] = r;
    double leads = 0, top = 0;
    const auto* tagged = cs.tagged.data();
    const std::uint32_t t0 = cs.tbegin[k], t1 = cs.tbegin[k + 1];
    for (int n = 0; n < b; ++n) {
      const std::uint32_t s = j + static_cast<std::uint32_t>(n);
      // in_run[r]: what sentence n's keys match in run r, each clause a
      // multiset of its own (as merge_gain would give clause by clause).
      double in_run[kMaxMany] = {};
      const std::uint32_t* q = many_ids.data() + many_begin[s];
      const std::uint32_t* q_end = many_ids.data() + many_begin[s + 1];
      for (std::uint32_t p = t0; p < t1 && q < q_end;) {
        const std::uint32_t id = tagged[p].id;
        if (id < *q) {
          ++p;
        } else if (*q < id) {
          ++q;
        } else {
          const std::uint32_t* q_next = q;
          while (q_next < q_end && *q_next == id) ++q_next;
          const auto copies = static_cast<std::uint32_t>(q_next - q);
          while (p < t1 && tagged[p].id == id) {
            const std::uint32_t x = tagged[p].clause;
            std::uint32_t count = 0;
            for (; p < t1 && tagged[p].id == id && tagged[p].clause == x; ++p) ++count;
            if (x < static_cast<std::uint32_t>(n_clauses)) in_run[run_of[x]] += std::min(count, copies) * split_gain[id];
          }
          q = q_next;
        }
      }
      double own = 0, other = 0;
      for (int r = 0; r < b; ++r) {
        if (r == n)
          own = in_run[r];
        else
          other = std::max(other, in_run[r]);
      }
      const double lead = std::max(0.0, own - other);
      leads += lead;
      top = std::max(top, lead);
    }
    const double earned = -clause_split_weight * (leads - top);
    if (split_part != nullptr) *split_part = earned;
    return cost + earned;
  }

  // -log of the robust length match: the Gale–Church two-tailed probability
  // mixed with a floor, the share of beads whose lengths follow no rule.
  double length_cost(double d) const { return closed_cost.exact(d); }
  // length_cost tabulated for the two floors (length_table.hpp), less a
  // margin beyond the table's error: a lower bound that costs no erfc or
  // log, for the search to drop beads before computing the exact cost.
  LengthCostTable closed_cost, open_cost, heading_cost;
  static constexpr double kTableMargin = 1e-9;
  double closed_cost_lower(double d) const { return std::max(0.0, closed_cost(d) - kTableMargin); }

  // True if no sentence of the bead ends in final punctuation.
  bool is_open(std::uint32_t i, int a, std::uint32_t j, int b) const {
    return src_open[i + a] - src_open[i] == static_cast<std::uint32_t>(a) &&
           tgt_open[j + b] - tgt_open[j] == static_cast<std::uint32_t>(b);
  }

  // The keys of heading lines (headings.hpp), and whether the model has
  // an outlier share of its own for heading pairs (heading_cost).
  HeadingKeys headings;
  bool heading_lengths = false;
  // True for a one-to-one bead of two short heading lines whose keys agree,
  // where the model prices their length apart.
  bool heading_pair(std::uint32_t i, int a, std::uint32_t j, int b) const {
    return a == 1 && b == 1 && heading_lengths && headings.valid && src_len[i] <= kMaxHeadingLength &&
           tgt_len[j] <= kMaxHeadingLength && heading_keys_agree(headings.src[i], headings.tgt[j], headings.types);
  }
  // The length cost of a bead: of closed sentences, of open lines, or of a
  // heading pair.
  const LengthCostTable& length_table(std::uint32_t i, int a, std::uint32_t j, int b) const {
    if (!is_open(i, a, j, b)) return closed_cost;
    return heading_pair(i, a, j, b) ? heading_cost : open_cost;
  }

  double delta(std::uint32_t i, int a, std::uint32_t j, int b) const {
    const double l1 = static_cast<double>(src_prefix[i + a] - src_prefix[i]);
    const double l2 = static_cast<double>(tgt_prefix[j + b] - tgt_prefix[j]);
    const double mean = (l1 + l2 / c) / 2.0;
    if (mean <= 0.0) return 0.0;
    return (l2 - c * l1) / std::sqrt(mean * (is_open(i, a, j, b) ? length.s2_open : length.s2));
  }

  // The cheap parts of cost_below: the prior, endings and paragraphs, the
  // anchors' penalties and the bound of their gain that the check against
  // the limit subtracts (the gain itself when `exact`).
  struct Head {
    double cost, penalties, bound;
  };
  Head head(std::uint32_t i, int a, std::uint32_t j, int b, double gain, bool exact) const {
    Head h{prior_cost[a][b] + furniture(i, a, j, b), 0.0, 0.0};
    const auto& ending = ending_cost[static_cast<std::size_t>(bead_class(a, b))];
    if (src_endings) {
      const double open = src_open[i + a] - src_open[i];
      h.cost += open * ending[1] + (a - open) * ending[0];
    }
    if (tgt_endings) {
      const double open = tgt_open[j + b] - tgt_open[j];
      h.cost += open * ending[1] + (b - open) * ending[0];
    }
    if (a > 1 && src_para[i] != src_para[i + a - 1]) h.cost += paragraph_penalty;
    if (b > 1 && tgt_para[j] != tgt_para[j + b - 1]) h.cost += paragraph_penalty;
    if (anchors) {
      h.penalties = anchor_penalties(i, a, j, b);
      h.bound = exact ? gain : std::min(gain, anchor_gain_bound(i, a, j, b));
    }
    return h;
  }
};

BeadScorer::BeadScorer(const Model& model, std::span<const Sentence> src,
                       std::span<const Sentence> tgt,
                       const DocumentAnchors* anchors, const DocumentClauses* clauses, unsigned threads)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.length = model.length;
  m.closed_cost = LengthCostTable(model.length.outlier);
  m.open_cost = LengthCostTable(model.length.outlier_open);
  m.ending_cost = model.ending_cost;
  m.paragraph_penalty = model.paragraph_penalty;
  const TranslatorInsertions insertions = translator_insertions(src, tgt);
  auto fill = [](std::span<const Sentence> side, bool skip_bracketed, std::vector<std::uint32_t>& len,
                 std::vector<std::uint64_t>& prefix, std::vector<std::uint32_t>& para) {
    len.reserve(side.size());
    prefix.assign(1, 0);
    prefix.reserve(side.size() + 1);
    for (const Sentence& s : side) {
      len.push_back(alignment_length(s.text, skip_bracketed));
      prefix.push_back(prefix.back() + len.back());
      para.push_back(s.paragraph);
    }
  };
  auto open_counts = [&model](std::span<const Sentence> side, std::vector<std::uint32_t>& prefix) {
    prefix.assign(1, 0);
    prefix.reserve(side.size() + 1);
    for (const bool open : open_lines(side, model.runs_on)) prefix.push_back(prefix.back() + (open ? 1 : 0));
  };
  on_both_sides(
      threads,
      [&] {
        fill(src, insertions.src, m.src_len, m.src_prefix, m.src_para);
        open_counts(src, m.src_open);
      },
      [&] {
        fill(tgt, insertions.tgt, m.tgt_len, m.tgt_prefix, m.tgt_para);
        open_counts(tgt, m.tgt_open);
      });
  m.src_endings = endings_say_something(src, m.src_open);
  m.tgt_endings = endings_say_something(tgt, m.tgt_open);
  m.c = document_length_ratio(model.length, m.src_prefix.back(), m.tgt_prefix.back());
  set_priors(model.priors);
  if (model.furniture.cost > 0 && model.furniture.matcher) {
    m.furniture_cost = model.furniture.cost;
    auto count = [](const std::vector<FurnitureMask>& kinds, std::vector<std::uint32_t>& prefix) {
      prefix.assign(1, 0);
      prefix.reserve(kinds.size() + 1);
      for (const FurnitureMask k : kinds) prefix.push_back(prefix.back() + (k != 0 ? 1 : 0));
    };
    // The patterns' kinds, and a page's time stamp as the anchors found it.
    auto stamps = [&](const SideKeys* keys, std::vector<FurnitureMask>& kinds) {
      if (keys == nullptr || keys->size() != kinds.size()) return;
      for (const std::uint32_t k : keys->stamps) kinds[k] |= kStampKind;
    };
    on_both_sides(
        threads,
        [&] {
          m.src_kinds = model.furniture.matcher->kinds(src, model.src_lang, m.src_len);
          stamps(anchors != nullptr ? &anchors->src : nullptr, m.src_kinds);
          count(m.src_kinds, m.src_furniture);
        },
        [&] {
          m.tgt_kinds = model.furniture.matcher->kinds(tgt, model.tgt_lang, m.tgt_len);
          stamps(anchors != nullptr ? &anchors->tgt : nullptr, m.tgt_kinds);
          count(m.tgt_kinds, m.tgt_furniture);
        });
    // Nothing to look at where neither side has any.
    if (m.src_furniture.back() + m.tgt_furniture.back() == 0) {
      m.src_furniture.clear();
      m.tgt_furniture.clear();
      m.src_kinds.clear();
      m.tgt_kinds.clear();
    }
  }
  if (model.use_anchors && anchors != nullptr) {
    if (anchors->src.size() != src.size() || anchors->tgt.size() != tgt.size() ||
        anchors->types.size() != anchors->keys.size())
      throw UsageError("BeadScorer: one anchor list per sentence expected");
    m.build_anchors(model.anchors, *anchors, threads);
    m.stray_cost = model.anchors.stray_cost;
    if (m.stray_cost > 0) m.build_dated(*anchors);
    m.headings = heading_keys(src, tgt, *anchors);
    if (model.length.outlier_heading) {
      m.heading_lengths = true;
      m.heading_cost = LengthCostTable(*model.length.outlier_heading);
    }
    m.clause_length_weight = model.clauses.length_weight;
    m.clause_anchor_weight = model.clauses.anchor_weight;
    m.clause_split_weight = model.clauses.split_weight;
    if (clauses != nullptr && (m.clause_length_weight > 0 || m.clause_anchor_weight > 0 || m.clause_split_weight > 0))
      m.build_clauses(*anchors, *clauses, m.keep_, threads);
  }
}

BeadScorer::~BeadScorer() = default;
BeadScorer::BeadScorer(BeadScorer&&) noexcept = default;
BeadScorer& BeadScorer::operator=(BeadScorer&&) noexcept = default;

void BeadScorer::set_length_variance(double s2) { impl_->length.s2 = s2; }

void BeadScorer::set_priors(const std::map<BeadType, double>& priors) {
  Impl& m = *impl_;
  m.priors = priors;
  for (auto& row : m.prior_cost)
    for (double& v : row) v = std::numeric_limits<double>::infinity();
  for (const auto& [type, p] : priors)
    if (type.src <= kMaxBeadSide && type.tgt <= kMaxBeadSide && p > 0) m.prior_cost[type.src][type.tgt] = -std::log(p);
}

std::uint32_t BeadScorer::src_size() const { return static_cast<std::uint32_t>(impl_->src_len.size()); }
std::uint32_t BeadScorer::tgt_size() const { return static_cast<std::uint32_t>(impl_->tgt_len.size()); }
bool BeadScorer::endings_tell_headings() const { return impl_->src_endings && impl_->tgt_endings; }

std::uint32_t BeadScorer::src_length(std::uint32_t k) const { return impl_->src_len[k]; }
std::uint32_t BeadScorer::tgt_length(std::uint32_t k) const { return impl_->tgt_len[k]; }

std::vector<BeadType> BeadScorer::bead_types(int max_side) const {
  std::vector<BeadType> types;
  for (const auto& [type, p] : impl_->priors)
    if (type.src <= max_side && type.tgt <= max_side && p > 0) types.push_back(type);
  return types;
}

double BeadScorer::cost(std::uint32_t i, int a, std::uint32_t j, int b) const {
  return cost_below(i, a, j, b, std::numeric_limits<double>::infinity());
}

double BeadScorer::cost_below(std::uint32_t i, int a, std::uint32_t j, int b, double limit) const {
  return cost_below(i, a, j, b, limit, std::numeric_limits<double>::infinity(), false);
}

double BeadScorer::pair_gain(std::uint32_t i, std::uint32_t j) const {
  return impl_->anchors ? impl_->anchor_gain(i, 1, j, 1) : 0.0;
}

void BeadScorer::pair_gains(std::uint32_t i, std::uint32_t j_begin, std::uint32_t j_end, std::span<double> out) const {
  const Impl& m = *impl_;
  if (!m.anchors) {
    std::fill(out.begin(), out.end(), 0.0);
    return;
  }
  jisr::pair_gains({m.src_begin, m.src_ids, m.src_sig}, i, {m.tgt_begin, m.tgt_ids, m.tgt_sig}, j_begin, j_end,
                   m.match_gain, out);
}

double BeadScorer::cost_below(std::uint32_t i, int a, std::uint32_t j, int b, double limit, double gain,
                              bool exact) const {
  const Impl& m = *impl_;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // The parts in order of their price: the prior, endings and paragraphs,
  // then the anchors' penalties less the most they could earn back, then
  // stray sentences (their cost only ever adds, so it drops beads early), then the
  // length match, then the matched anchors. Each partial sum is a lower bound
  // of the cost; once one reaches the limit the rest is not computed. The
  // tolerance keeps float rounding from dropping a bead that ties. The
  // clause term's split evidence, computed last, can take off up to its
  // slack: the checks before it compare with the limit raised by as much.
  constexpr double kTolerance = kCostTolerance;
  const Impl::Head h = m.head(i, a, j, b, gain, exact);
  double cost = h.cost;
  const double penalties = h.penalties, bound = h.bound;
  double reach = limit + kTolerance + m.split_slack(i, a, j, b, bound);
  if (cost + penalties - bound >= reach) return kInf;
  // Stray sentences: exact, and cheap beside the length and the matches.
  if (m.stray_cost > 0 && (a > 1 || b > 1) && a > 0 && b > 0) {
    cost += m.stray_cost * (m.stray_sentences(true, i, a, j, b) + m.stray_sentences(false, j, b, i, a));
    if (cost + penalties - bound >= reach) return kInf;
  }
  // A sentence without a counterpart has no length to match: its prior (and
  // its anchors, which now go unmatched) is its whole cost. Gale and Church
  // also scored such beads by delta, which makes deleting a long sentence
  // far dearer than wrongly merging it into a neighbour.
  // The matched anchors come before the exact length cost: with the length
  // table's bound, their gain drops more beads than erfc and log would.
  double matched = exact ? gain : 0.0;
  if (a > 0 && b > 0) {
    const double d = m.delta(i, a, j, b);
    const LengthCostTable& table = m.length_table(i, a, j, b);
    const double lower = table(d) - Impl::kTableMargin;
    if (cost + lower + penalties - bound >= reach) return kInf;
    if (m.anchors && !exact) {
      matched = m.anchor_gain(i, a, j, b);
      reach = limit + kTolerance + m.split_slack(i, a, j, b, matched);
      if (cost + lower + penalties - matched >= reach) return kInf;
    }
    cost += table.exact(d);
    if (cost + penalties - bound >= reach) return kInf;
  } else if (m.anchors && !exact) {
    matched = m.anchor_gain(i, a, j, b);
  }
  if (m.anchors) cost += penalties - matched;
  if (m.clauses && a > 0 && b > 0 && (a == 1) != (b == 1)) {
    const double slack = m.split_slack(i, a, j, b, matched);
    if (cost >= limit + kTolerance + slack) return kInf;
    const double budget = limit + kTolerance - cost;
    cost += a == 1 ? m.clause_cost(true, i, j, b, budget, slack) : m.clause_cost(false, j, i, a, budget, slack);
  }
  return cost;
}

void BeadScorer::cost_floors(std::uint32_t i, int a, std::uint32_t j_begin, int b,
                             std::span<const double> gain_bounds, std::span<double> out) const {
  const Impl& m = *impl_;
  // The parts of Impl::head, the source's once for the row. Summed in
  // another order than cost_below does, so that each floor may differ from
  // its check by rounding, some 1e-14: far below kCostTolerance.
  const auto& ending = m.ending_cost[static_cast<std::size_t>(bead_class(a, b))];
  double src_part = m.prior_cost[a][b];
  if (m.src_endings) {
    const double open = m.src_open[i + a] - m.src_open[i];
    src_part += open * ending[1] + (a - open) * ending[0];
  }
  if (a > 1 && m.src_para[i] != m.src_para[i + a - 1]) src_part += m.paragraph_penalty;
  double src_penalty = 0, src_gain = 0;
  std::uint64_t src_signature = 0;
  if (m.anchors) {
    src_penalty = m.src_penalty_prefix[i + a] - m.src_penalty_prefix[i];
    src_gain = m.src_gain_prefix[i + a] - m.src_gain_prefix[i];
    src_signature = run_signature(m.src_sig, i, a);
  }
  const auto ub = static_cast<std::uint32_t>(b);
  // The row's furniture lines, or -1 where furniture cannot cost.
  const std::int64_t src_furniture_row =
      m.src_furniture.empty() || a == 0 ? -1 : static_cast<std::int64_t>(m.src_furniture[i + a] - m.src_furniture[i]);
  for (std::size_t k = 0; k < out.size(); ++k) {
    const std::uint32_t j = j_begin + static_cast<std::uint32_t>(k);
    double tgt_part = 0;
    if (m.tgt_endings) {
      const double open = m.tgt_open[j + ub] - m.tgt_open[j];
      tgt_part += open * ending[1] + (b - open) * ending[0];
    }
    if (b > 1 && m.tgt_para[j] != m.tgt_para[j + ub - 1]) tgt_part += m.paragraph_penalty;
    double penalties = 0, bound = 0;
    if (m.anchors) {
      penalties = src_penalty + (m.tgt_penalty_prefix[j + ub] - m.tgt_penalty_prefix[j]);
      const double shared = (src_signature & run_signature(m.tgt_sig, j, b)) == 0
                                ? 0.0
                                : std::min(src_gain, m.tgt_gain_prefix[j + ub] - m.tgt_gain_prefix[j]);
      bound = std::min(gain_bounds[k], shared);
    }
    if (src_furniture_row >= 0 && b > 0)
      tgt_part += m.furniture_charge(
          i, a, j, b, static_cast<std::uint32_t>(src_furniture_row) + (m.tgt_furniture[j + ub] - m.tgt_furniture[j]));
    out[k] = src_part + tgt_part + penalties - bound - m.split_slack(i, a, j, b, bound);
  }
}

const HeadingKeys& BeadScorer::headings() const { return impl_->headings; }

double BeadScorer::furniture_cost(std::uint32_t i, int a, std::uint32_t j, int b) const {
  return impl_->furniture(i, a, j, b);
}

double BeadScorer::anchor_cost(std::uint32_t i, int a, std::uint32_t j, int b) const {
  return impl_->anchor_cost(i, a, j, b);
}

BeadEvidence BeadScorer::evidence(std::uint32_t i, int a, std::uint32_t j, int b) const {
  const Impl& m = *impl_;
  BeadEvidence e;
  e.prior = m.prior_cost[a][b];
  e.furniture = static_cast<int>(m.furniture_lines(i, a, j, b));
  if (a > 0 && b > 0) e.length = m.length_table(i, a, j, b).exact(m.delta(i, a, j, b));
  if (m.anchors) {
    e.anchor_penalty = m.anchor_penalties(i, a, j, b);
    e.anchor_gain = m.anchor_gain(i, a, j, b);
    // Kept keys of each side as multisets; a key matches as often as it is
    // on both. Both sides' ids sorted together, the target's marked by the
    // low bit, so that each id's run holds its source copies, then its target ones.
    std::vector<std::uint64_t> keys;
    keys.reserve(m.src_begin[i + a] - m.src_begin[i] + m.tgt_begin[j + b] - m.tgt_begin[j]);
    for (std::uint32_t p = m.src_begin[i]; p < m.src_begin[i + a]; ++p) keys.push_back(std::uint64_t{m.src_ids[p]} << 1);
    for (std::uint32_t q = m.tgt_begin[j]; q < m.tgt_begin[j + b]; ++q)
      keys.push_back((std::uint64_t{m.tgt_ids[q]} << 1) | 1);
    std::sort(keys.begin(), keys.end());
    for (std::size_t x = 0; x < keys.size();) {
      const std::uint64_t id = keys[x] >> 1;
      int on_src = 0, on_tgt = 0;
      for (; x < keys.size() && keys[x] >> 1 == id; ++x) ++((keys[x] & 1) != 0 ? on_tgt : on_src);
      const bool word = m.types_[id] == AnchorType::word;
      const int both = std::min(on_src, on_tgt), one = on_src + on_tgt - 2 * both;
      (word ? e.words_matched : e.matched) += both;
      (word ? e.words_missed : e.missed) += one;
    }
  }
  if (m.clauses && a > 0 && b > 0 && (a == 1) != (b == 1) && m.furniture_lines(i, a, j, b) == 0) {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    (void)(a == 1 ? m.clause_cost(true, i, j, b, kInf, kInf, &e.split)
                  : m.clause_cost(false, j, i, a, kInf, kInf, &e.split));
  }
  const double total = cost(i, a, j, b);
  if (std::isfinite(total)) e.other = total - e.prior - e.length - (e.anchor_penalty - e.anchor_gain) - e.split;
  return e;
}

double BeadScorer::confidence(std::uint32_t i, int a, std::uint32_t j, int b) const {
  if (a == 0 || b == 0) return 0.0;
  const double p = std::clamp(std::erfc(std::abs(impl_->delta(i, a, j, b)) / std::numbers::sqrt2), 1e-4, 1 - 1e-4);
  const double logit = std::log(p / (1 - p)) - impl_->anchor_cost(i, a, j, b);
  return 1.0 / (1.0 + std::exp(-logit));
}

}  // namespace jisr
