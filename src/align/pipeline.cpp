#include "align/pipeline.hpp"

#include "align/headings.hpp"
#include "align/score.hpp"
#include "evidence/clauses.hpp"
#include "evidence/dictionary.hpp"
#include "evidence/stamps.hpp"
#include "model/bead_priors.hpp"
#include "model/calibration.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>

#include "util/parallel.hpp"

namespace jisr {

namespace {

// Sentences per unit of work when anchors are found on several threads.
constexpr std::size_t kChunk = 1024;
// Chunks found per thread before they are merged.
constexpr std::size_t kChunksPerThread = 4;

// What a side's words show of case (AnchorExtractor::case_seen): per
// sentence that opens with a capitalised word with a name key, the
// sentence, that name key and the word's latin key; and the latin keys of
// words written in lower case.
struct CaseInChunk {
  std::vector<std::array<std::uint32_t, 3>> openings;
  std::vector<std::uint32_t> lower_case;
  // Acronyms defined (AnchorExtractor::AcronymSeen): the acronym's key and
  // the keys of the words it stands for.
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> acronyms;
  bool extra_keys = false;  // keys interned for case alone, which no sentence holds yet
};

// The keys of a run of sentences of one side, interned locally.
struct Chunk {
  bool is_src = true;
  std::size_t begin = 0, end = 0;  // sentence range
  DocumentAnchors keys;            // only keys and one side (src) filled
  SideClauses clauses;             // sentences of two clauses or more
  CaseInChunk case_seen;           // local key ids
};

// True if the sentence with keys `found` (the extractor's ids) is a page's
// time stamp (stamps.hpp), whose keys are left out.
bool is_stamp(const AnchorExtractor& extractor, std::string_view text, std::span<const std::uint32_t> found) {
  if (found.size() < 2 || found.size() > kMaxTimeStampKeys) return false;
  std::array<AnchorType, kMaxTimeStampKeys> types{};
  for (std::size_t k = 0; k < found.size(); ++k) types[k] = extractor.key(found[k]).type;
  return is_time_stamp(text, std::span<const AnchorType>(types.data(), found.size()));
}

// Finds the keys of a chunk's sentences. With clause rules, a sentence of
// several clauses has its keys found clause by clause (in order, so that
// its key list is the clauses' lists one after the other) and its clauses
// recorded. Keys come as ids into the extractor's table and are given ids
// local to the chunk in order of first appearance, through a table indexed
// by the extractor's ids: no key string is built or hashed per occurrence.
void find_chunk(const AnchorExtractor& extractor, const Document& doc, const ClauseRules* rules, bool skip_bracketed,
                Chunk& chunk) {
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  extractor.forget_keys();
  std::vector<std::uint32_t> found, local;
  SideKeys& side = chunk.keys.src;
  std::optional<ClauseCutter> cut;
  if (rules != nullptr) cut.emplace(*rules);
  // The local id of an extractor's id, given one when new.
  auto to_local = [&](std::uint32_t id) {
    if (id >= local.size()) local.resize(extractor.key_count(), kNone);
    if (local[id] == kNone) {
      local[id] = static_cast<std::uint32_t>(chunk.keys.keys.size());
      const AnchorKey& key = extractor.key(id);
      chunk.keys.keys.push_back(key.key);
      chunk.keys.types.push_back(key.type);
    }
    return local[id];
  };
  // What the last find_ids saw of case; `first`: it read the sentence's
  // first words.
  std::vector<std::uint32_t> lower_case;
  std::vector<AnchorExtractor::AcronymSeen> acronyms;
  std::array<std::uint32_t, 2> opening{kNone, kNone};
  auto note_case = [&](bool first) {
    const AnchorExtractor::CaseSeen seen = extractor.case_seen();
    if (first && seen.opening_name != AnchorExtractor::kNoKey && seen.opening_word != AnchorExtractor::kNoKey)
      opening = {seen.opening_name, seen.opening_word};
    lower_case.insert(lower_case.end(), seen.lower_case.begin(), seen.lower_case.end());
    acronyms.insert(acronyms.end(), seen.acronyms.begin(), seen.acronyms.end());
  };
  // The local id of a key case needs: a word that a lexicon phrase took
  // gave the sentence no key of its own, but its latin key still says how
  // the document writes it.
  auto held = [&](std::uint32_t id) {
    if (id >= local.size() || local[id] == kNone) chunk.case_seen.extra_keys = true;
    return to_local(id);
  };
  for (std::size_t k = chunk.begin; k < chunk.end; ++k) {
    const std::string& text = doc.sentences[k].text;
    const std::vector<std::pair<std::size_t, std::size_t>>* spans = cut ? &(*cut)(text) : nullptr;
    found.clear();
    lower_case.clear();
    acronyms.clear();
    opening = {kNone, kNone};
    if (spans == nullptr || spans->size() < 2) {
      extractor.find_ids(text, found);
      note_case(true);
      chunk.clauses.begin.push_back(chunk.clauses.begin.back());
    } else {
      // The cutter measured the clauses; with brackets left out they are
      // measured again.
      for (std::size_t x = 0; x < spans->size(); ++x) {
        const auto [from, to] = (*spans)[x];
        const std::string_view clause = std::string_view(text).substr(from, to - from);
        extractor.find_ids(clause, found);
        note_case(x == 0 && std::string_view(text).substr(0, from).find_first_not_of(" \t") == std::string_view::npos);
        chunk.clauses.key_end.push_back(static_cast<std::uint32_t>(found.size()));
        chunk.clauses.length.push_back(skip_bracketed ? alignment_length(clause, true) : cut->lengths()[x]);
      }
      chunk.clauses.begin.push_back(static_cast<std::uint32_t>(chunk.clauses.key_end.size()));
    }
    if (is_stamp(extractor, text, found)) {
      side.stamps.push_back(static_cast<std::uint32_t>(k - chunk.begin));
      found.clear();
      const std::size_t n = chunk.clauses.begin.size();
      for (std::uint32_t x = chunk.clauses.begin[n - 2]; x < chunk.clauses.begin[n - 1]; ++x)
        chunk.clauses.key_end[x] = 0;
    }
    for (const std::uint32_t id : found) side.ids.push_back(to_local(id));
    side.begin.push_back(static_cast<std::uint32_t>(side.ids.size()));
    if (opening[0] != kNone && !found.empty())
      chunk.case_seen.openings.push_back({static_cast<std::uint32_t>(k - chunk.begin), held(opening[0]), held(opening[1])});
    for (const std::uint32_t id : lower_case) chunk.case_seen.lower_case.push_back(held(id));
    for (const AnchorExtractor::AcronymSeen& a : acronyms) {
      std::vector<std::uint32_t> expansion;
      for (const std::uint32_t id : a.expansion) expansion.push_back(held(id));
      chunk.case_seen.acronyms.emplace_back(held(a.acronym), std::move(expansion));
    }
  }
  // Each word written in lower case once: a long chunk repeats its common
  // words thousands of times.
  std::vector<std::uint32_t>& lower = chunk.case_seen.lower_case;
  std::sort(lower.begin(), lower.end());
  lower.erase(std::unique(lower.begin(), lower.end()), lower.end());
}

// Makes room for `add` more elements in `v`, which will end up about
// 1/share times as long as it is with them: one allocation near the final
// size instead of a series of doublings, the last of which holds the old
// and the new array at once and leaves up to half of the new one spare.
template <class T>
void grow_in_proportion(std::vector<T>& v, std::size_t add, double share) {
  const std::size_t need = v.size() + add;
  if (need <= v.capacity()) return;
  const double expected = static_cast<double>(need) / share * 1.0625;
  v.reserve(std::max(need, static_cast<std::size_t>(expected)));
}

// Gives back the spare capacity of `v` when it is more than an eighth of
// what it holds (copying costs a second array for a moment).
template <class T>
void trim(std::vector<T>& v) {
  if (v.capacity() - v.size() > v.size() / 8) v.shrink_to_fit();
}

// Appends a chunk's keys to the document's, mapping its local key ids to
// the document's, and frees the chunk's own. `share` is the part of its
// side's text merged once this chunk is, from which the side's arrays are
// sized (grow_in_proportion).
void merge_chunk(Chunk& chunk, DocumentAnchors& a, std::unordered_map<std::string, std::uint32_t>& ids,
                 DocumentClauses* clauses, CaseInChunk& case_seen, double share) {
  std::vector<std::uint32_t> to(chunk.keys.keys.size());
  for (std::size_t k = 0; k < to.size(); ++k) {
    const auto [it, inserted] = ids.try_emplace(chunk.keys.keys[k], static_cast<std::uint32_t>(a.keys.size()));
    if (inserted) {
      a.keys.push_back(std::move(chunk.keys.keys[k]));
      a.types.push_back(chunk.keys.types[k]);
    }
    to[k] = it->second;
  }
  SideKeys& side = chunk.is_src ? a.src : a.tgt;
  const SideKeys& local = chunk.keys.src;
  const auto first = static_cast<std::uint32_t>(side.size());
  for (const std::uint32_t k : local.stamps) side.stamps.push_back(first + k);
  for (const auto& [k, name, word] : chunk.case_seen.openings) case_seen.openings.push_back({first + k, to[name], to[word]});
  for (const std::uint32_t id : chunk.case_seen.lower_case) case_seen.lower_case.push_back(to[id]);
  case_seen.extra_keys |= chunk.case_seen.extra_keys;
  for (auto& [acronym, expansion] : chunk.case_seen.acronyms) {
    for (std::uint32_t& id : expansion) id = to[id];
    case_seen.acronyms.emplace_back(to[acronym], std::move(expansion));
  }
  grow_in_proportion(side.begin, local.size(), share);
  for (std::size_t k = 1; k < local.begin.size(); ++k)
    side.begin.push_back(static_cast<std::uint32_t>(side.ids.size() + local.begin[k]));
  grow_in_proportion(side.ids, local.ids.size(), share);
  for (const std::uint32_t id : local.ids) side.ids.push_back(to[id]);
  if (clauses != nullptr) {
    SideClauses& out = chunk.is_src ? clauses->src : clauses->tgt;
    const SideClauses& in = chunk.clauses;
    const auto base = static_cast<std::uint32_t>(out.key_end.size());
    grow_in_proportion(out.begin, in.size(), share);
    grow_in_proportion(out.key_end, in.key_end.size(), share);
    grow_in_proportion(out.length, in.length.size(), share);
    for (std::size_t k = 1; k < in.begin.size(); ++k) out.begin.push_back(base + in.begin[k]);
    out.key_end.insert(out.key_end.end(), in.key_end.begin(), in.key_end.end());
    out.length.insert(out.length.end(), in.length.begin(), in.length.end());
  }
  chunk.keys = {};
  chunk.clauses = {};
  chunk.case_seen = {};
}

// Takes out the name key of a word that opens a sentence where the
// document also writes that word in lower case: it is a common word
// (`Cholera is ...` beside `cases of cholera`), capitalised only because
// the sentence starts with it, and its consonant skeleton would meet an
// Arabic word of the same sound. The sentence's clauses' key ends are
// moved with the keys.
bool drop_opening_common_words(const CaseInChunk& case_seen, std::size_t key_count, SideKeys& side,
                               SideClauses* clauses) {
  if (case_seen.openings.empty()) return false;
  std::vector<bool> lower(key_count, false);
  for (const std::uint32_t id : case_seen.lower_case) lower[id] = true;
  std::vector<std::uint32_t> drop(side.size(), std::numeric_limits<std::uint32_t>::max());
  bool any = false;
  for (const auto& [k, name, word] : case_seen.openings) {
    if (!lower[word]) continue;
    for (std::uint32_t p = side.begin[k]; p < side.begin[k + 1]; ++p)
      if (side.ids[p] == name) {
        drop[k] = p - side.begin[k];
        any = true;
        break;
      }
  }
  if (!any) return false;
  std::uint32_t out = 0, from = 0;
  for (std::size_t k = 0; k < side.size(); ++k) {
    const std::uint32_t to = side.begin[k + 1];
    for (std::uint32_t p = from; p < to; ++p)
      if (p - from != drop[k]) side.ids[out++] = side.ids[p];
    from = to;
    side.begin[k + 1] = out;
    if (clauses != nullptr && drop[k] != std::numeric_limits<std::uint32_t>::max() && k < clauses->size())
      for (std::uint32_t x = clauses->begin[k]; x < clauses->begin[k + 1]; ++x)
        if (clauses->key_end[x] > drop[k]) --clauses->key_end[x];
  }
  side.ids.resize(out);
  return true;
}

// Gives every sentence that holds an acronym the document defines
// (`Pulse of Life Medical Relief (PLMR)`) the keys of the words it stands
// for, where it lacks them: a header line `PLMR` then shares the full
// Arabic name's keys (جمعية نبض الحياة للإغاثة الطبية), as the short name
// `Pulse of Life` would. The keys go after the sentence's own, in its last
// clause.
bool expand_acronyms(const CaseInChunk& case_seen, std::size_t key_count, SideKeys& side, SideClauses* clauses) {
  if (case_seen.acronyms.empty()) return false;
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  // Per key id, the index of its acronym's expansion (the union over the
  // document's definitions).
  std::vector<std::uint32_t> index(key_count, kNone);
  std::vector<std::vector<std::uint32_t>> expansions;
  for (const auto& [acronym, expansion] : case_seen.acronyms) {
    if (index[acronym] == kNone) {
      index[acronym] = static_cast<std::uint32_t>(expansions.size());
      expansions.emplace_back();
    }
    auto& e = expansions[index[acronym]];
    e.insert(e.end(), expansion.begin(), expansion.end());
  }
  for (auto& e : expansions) {
    std::sort(e.begin(), e.end());
    e.erase(std::unique(e.begin(), e.end()), e.end());
  }
  std::vector<std::uint32_t> ids, begin{0}, add;
  ids.reserve(side.ids.size());
  bool any = false;
  for (std::size_t k = 0; k < side.size(); ++k) {
    const std::span<const std::uint32_t> own = side[k];
    ids.insert(ids.end(), own.begin(), own.end());
    add.clear();
    for (const std::uint32_t id : own)
      if (index[id] != kNone) add.insert(add.end(), expansions[index[id]].begin(), expansions[index[id]].end());
    std::sort(add.begin(), add.end());
    add.erase(std::unique(add.begin(), add.end()), add.end());
    std::size_t added = 0;
    for (const std::uint32_t id : add)
      if (std::find(own.begin(), own.end(), id) == own.end()) {
        ids.push_back(id);
        ++added;
      }
    begin.push_back(static_cast<std::uint32_t>(ids.size()));
    if (added > 0) {
      any = true;
      if (clauses != nullptr && k < clauses->size() && clauses->clauses(k) > 0)
        clauses->key_end[clauses->begin[k + 1] - 1] += static_cast<std::uint32_t>(added);
    }
  }
  if (!any) return false;
  side.ids = std::move(ids);
  side.begin = std::move(begin);
  return true;
}

// Gives the keys ids in order of first appearance, source sentences first,
// and lets go of keys no sentence holds any more (drop_opening_common_words).
void renumber_keys(DocumentAnchors& a) {
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> to(a.keys.size(), kNone);
  std::vector<std::string> keys;
  std::vector<AnchorType> types;
  for (SideKeys* side : {&a.src, &a.tgt})
    for (std::uint32_t& id : side->ids) {
      if (to[id] == kNone) {
        to[id] = static_cast<std::uint32_t>(keys.size());
        keys.push_back(std::move(a.keys[id]));
        types.push_back(a.types[id]);
      }
      id = to[id];
    }
  a.keys = std::move(keys);
  a.types = std::move(types);
}

}  // namespace

bool uses_clauses(const Model& model) {
  const bool scored = std::any_of(model.clauses.rules.begin(), model.clauses.rules.end(),
                                  [](const auto& entry) { return entry.second.scored; });
  return scored && (model.clauses.length_weight > 0 || model.clauses.anchor_weight > 0 ||
                    model.clauses.split_weight > 0);
}

DocumentAnchors find_document_anchors(const Model& model, const Document& src,
                                      const Document& tgt, unsigned threads, DocumentClauses* clauses) {
  const detail::ExtractorPool pool(model);
  return find_document_anchors(pool, src, tgt, threads, clauses);
}

DocumentAnchors find_document_anchors(const detail::ExtractorPool& pool, const Document& src,
                                      const Document& tgt, unsigned threads, DocumentClauses* clauses) {
  std::vector<Chunk> chunks;
  for (const bool is_src : {true, false}) {
    const std::size_t n = (is_src ? src : tgt).sentences.size();
    for (std::size_t b = 0; b < n; b += kChunk) chunks.push_back({is_src, b, std::min(n, b + kChunk), {}, {}, {}});
  }
  // Chunks are found a batch at a time, each thread with its own extractors
  // from the pool, and merged in order, giving each distinct key one id: a
  // long document never holds every chunk's key strings and ids at once.
  DocumentAnchors a;
  std::unordered_map<std::string, std::uint32_t> ids;
  // Text bytes of each side, in all and merged so far: the arrays of a
  // side grow in proportion to its text.
  auto bytes = [](const Document& doc, std::size_t begin, std::size_t end) {
    std::uint64_t total = 0;
    for (std::size_t k = begin; k < end; ++k) total += doc.sentences[k].text.size() + 1;
    return total;
  };
  const std::uint64_t total[2] = {bytes(src, 0, src.sentences.size()), bytes(tgt, 0, tgt.sentences.size())};
  std::uint64_t merged[2] = {0, 0};
  CaseInChunk case_seen[2];
  // Clause lengths leave out what the sentence lengths leave out.
  const TranslatorInsertions insertions =
      clauses != nullptr ? translator_insertions(src.sentences, tgt.sentences) : TranslatorInsertions{};
  const std::size_t batch = kChunksPerThread * detail::thread_count(threads);
  for (std::size_t from = 0; from < chunks.size(); from += batch) {
    const std::size_t to = std::min(chunks.size(), from + batch);
    detail::parallel_for(to - from, threads, [&](std::size_t c) {
      Chunk& chunk = chunks[from + c];
      const Document& doc = chunk.is_src ? src : tgt;
      find_chunk(pool.get(doc.lang, chunk.is_src), doc,
                 clauses != nullptr ? scored_clause_rules(pool.model(), doc.lang) : nullptr,
                 chunk.is_src ? insertions.src : insertions.tgt, chunk);
    });
    for (std::size_t c = from; c < to; ++c) {
      Chunk& chunk = chunks[c];
      const Document& doc = chunk.is_src ? src : tgt;
      const int side = chunk.is_src ? 0 : 1;
      merged[side] += bytes(doc, chunk.begin, chunk.end);
      merge_chunk(chunk, a, ids, clauses, case_seen[side],
                  static_cast<double>(merged[side]) / static_cast<double>(total[side]));
    }
  }
  const bool dropped_src =
      drop_opening_common_words(case_seen[0], a.keys.size(), a.src, clauses != nullptr ? &clauses->src : nullptr);
  const bool dropped_tgt =
      drop_opening_common_words(case_seen[1], a.keys.size(), a.tgt, clauses != nullptr ? &clauses->tgt : nullptr);
  const bool expanded_src =
      expand_acronyms(case_seen[0], a.keys.size(), a.src, clauses != nullptr ? &clauses->src : nullptr);
  const bool expanded_tgt =
      expand_acronyms(case_seen[1], a.keys.size(), a.tgt, clauses != nullptr ? &clauses->tgt : nullptr);
  if (dropped_src || dropped_tgt || expanded_src || expanded_tgt || case_seen[0].extra_keys ||
      case_seen[1].extra_keys)
    renumber_keys(a);
  match_names(a);
  for (SideKeys* side : {&a.src, &a.tgt}) {
    trim(side->begin);
    trim(side->ids);
  }
  a.keys.shrink_to_fit();
  a.types.shrink_to_fit();
  if (clauses != nullptr) {
    for (SideClauses* side : {&clauses->src, &clauses->tgt}) {
      trim(side->begin);
      trim(side->key_end);
      trim(side->length);
    }
  }
  return a;
}

namespace {

// The length variance s² of the pairs of `alignment`, shrunk towards the
// model's; sentence lengths come from the scorer that aligned them.
double document_variance(const Model& model, const BeadScorer& scorer, const Alignment& alignment) {
  std::uint64_t src_total = 0, tgt_total = 0;
  for (std::uint32_t k = 0; k < scorer.src_size(); ++k) src_total += scorer.src_length(k);
  for (std::uint32_t k = 0; k < scorer.tgt_size(); ++k) tgt_total += scorer.tgt_length(k);
  const double c = document_length_ratio(model.length, src_total, tgt_total);
  double sq = 0, weight = 0;
  std::size_t pairs = 0;
  for (const Bead& b : alignment) {
    if (!b.is_pair()) continue;
    double l1 = 0, l2 = 0;
    for (std::uint32_t k = b.src_begin; k < b.src_end; ++k) l1 += scorer.src_length(k);
    for (std::uint32_t k = b.tgt_begin; k < b.tgt_end; ++k) l2 += scorer.tgt_length(k);
    sq += (l2 - c * l1) * (l2 - c * l1);
    weight += (l1 + l2 / c) / 2;
    ++pairs;
  }
  // Shrink towards the model's variance with the weight of kPriorBeads beads.
  constexpr double kPriorBeads = 20;
  if (pairs == 0 || weight <= 0) return model.length.s2;
  const double mean_weight = weight / static_cast<double>(pairs);
  return (sq + kPriorBeads * mean_weight * model.length.s2) / (weight + kPriorBeads * mean_weight);
}

// A stretch of di x dj sentences between two anchor pairs is searched
// whole while di·dj <= (di + dj)·kWholeStretch: about the cells a band of
// that half-width spends on it, so the search stays linear in the length.
constexpr std::uint64_t kWholeStretch = 64;

bool guides(AnchorType type) {
  switch (type) {
    case AnchorType::number:
    case AnchorType::month:
    case AnchorType::day:
    case AnchorType::lexicon:
    case AnchorType::name:
    case AnchorType::latin:
    case AnchorType::url:
      return true;
    default:
      return false;
  }
}

// Appends beads of at most one sentence a side that run as straight as the
// grid allows from (i0, j0) to (i1, j1).
void straight_path(std::uint32_t i0, std::uint32_t j0, std::uint32_t i1, std::uint32_t j1, Alignment& out) {
  const std::uint32_t di = i1 - i0, dj = j1 - j0, steps = std::max(di, dj);
  std::uint32_t i = i0, j = j0;
  for (std::uint32_t t = 1; t <= steps; ++t) {
    const auto ni = i0 + static_cast<std::uint32_t>((std::uint64_t{t} * di + steps / 2) / steps);
    const auto nj = j0 + static_cast<std::uint32_t>((std::uint64_t{t} * dj + steps / 2) / steps);
    Bead b;
    b.src_begin = i;
    b.src_end = ni;
    b.tgt_begin = j;
    b.tgt_end = nj;
    out.push_back(b);
    i = ni;
    j = nj;
  }
}

// The sentence pairs a guiding key links (guides()): a key held by as many
// sentences on each side pairs them in order, the r-th on one side with
// the r-th on the other.
std::vector<std::pair<std::uint32_t, std::uint32_t>> guide_points(const DocumentAnchors& anchors) {
  // Per guiding key, the sentences of one side holding it, in order, each
  // once: those of key id are at[start[id] .. start[id + 1]).
  constexpr std::uint32_t kNone = UINT32_MAX;
  const std::size_t n_keys = anchors.keys.size();
  struct Occurrences {
    std::vector<std::uint32_t> start, at;
  };
  auto occurrences = [&](const SideKeys& side) {
    Occurrences o;
    o.start.assign(n_keys + 1, 0);
    std::vector<std::uint32_t> last(n_keys, kNone);
    auto each = [&](auto&& visit) {
      std::fill(last.begin(), last.end(), kNone);
      for (std::uint32_t k = 0; k < side.size(); ++k)
        for (const std::uint32_t id : side[k])
          if (last[id] != k && guides(anchors.types[id])) {
            last[id] = k;
            visit(id, k);
          }
    };
    each([&](std::uint32_t id, std::uint32_t) { ++o.start[id + 1]; });
    for (std::size_t id = 0; id < n_keys; ++id) o.start[id + 1] += o.start[id];
    o.at.resize(o.start[n_keys]);
    std::vector<std::uint32_t> next(o.start.begin(), o.start.end() - 1);
    each([&](std::uint32_t id, std::uint32_t k) { o.at[next[id]++] = k; });
    return o;
  };
  const Occurrences in_src = occurrences(anchors.src), in_tgt = occurrences(anchors.tgt);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> points;
  for (std::size_t id = 0; id < n_keys; ++id) {
    const std::uint32_t count = in_src.start[id + 1] - in_src.start[id];
    if (count == 0 || count != in_tgt.start[id + 1] - in_tgt.start[id]) continue;
    for (std::uint32_t r = 0; r < count; ++r)
      points.emplace_back(in_src.at[in_src.start[id] + r], in_tgt.at[in_tgt.start[id] + r]);
  }
  return points;
}

// Where a long document's search may be cut (Guide::cuts): between two
// chain pairs that follow each other sentence by sentence on both sides,
// where kCutRun pairs before and after them follow each other at most
// kCutGap sentences apart, at least kMinPiece sentences a side from the
// last cut and from the end.
constexpr std::size_t kCutRun = 3;
constexpr std::uint32_t kCutGap = 4;
constexpr std::uint32_t kMinPiece = 2000;

// The largest bead side of a long document's first search, and the
// half-width of its band around the guide: the margin at which the search
// widens (the side and two) and four sentences more. At 100,000 and
// 1,000,000 sentences a side (concatenated ntrex-ar-en-hard) the alignment
// is byte-identical to that of a first search with every bead type in the
// guide's usual band, in about 0.7 of the time.
constexpr int kFirstSearchSide = 4;
constexpr std::uint32_t kFirstSearchHalfWidth = kFirstSearchSide + 6;

std::vector<GridPoint> chain_cuts(std::span<const std::pair<std::uint32_t, std::uint32_t>> chain, std::uint32_t n,
                                  std::uint32_t m) {
  std::vector<GridPoint> cuts;
  GridPoint last;
  for (std::size_t k = kCutRun; k + kCutRun <= chain.size(); ++k) {
    const auto [i, j] = chain[k];
    if (i - last.i < kMinPiece || j - last.j < kMinPiece || n - i < kMinPiece || m - j < kMinPiece) continue;
    if (chain[k - 1].first + 1 != i || chain[k - 1].second + 1 != j) continue;
    bool dense = true;
    for (std::size_t t = k - kCutRun; t + 1 < k + kCutRun && dense; ++t)
      dense = chain[t + 1].first - chain[t].first <= kCutGap && chain[t + 1].second - chain[t].second <= kCutGap;
    if (!dense) continue;
    cuts.push_back({i, j});
    last = {i, j};
  }
  return cuts;
}

}  // namespace

Alignment anchor_guide(const DocumentAnchors& anchors) { return anchor_guide_and_cuts(anchors).path; }

Guide anchor_guide_and_cuts(const DocumentAnchors& anchors) {
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> points = guide_points(anchors);
  if (points.empty()) return {};
  // The longest chain increasing on both sides: sort by source (target
  // descending among equals) and take the longest strictly increasing run
  // of targets (patience sorting).
  std::sort(points.begin(), points.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second > y.second;
  });
  std::vector<std::uint32_t> tails, parent(points.size(), kNone);
  for (std::uint32_t k = 0; k < points.size(); ++k) {
    const auto it = std::lower_bound(tails.begin(), tails.end(), points[k].second,
                                     [&](std::uint32_t t, std::uint32_t j) { return points[t].second < j; });
    if (it != tails.begin()) parent[k] = *(it - 1);
    if (it == tails.end()) tails.push_back(k);
    else *it = k;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> chain;
  for (std::uint32_t k = tails.back(); k != kNone; k = parent[k]) chain.push_back(points[k]);
  std::reverse(chain.begin(), chain.end());
  Guide guide;
  guide.cuts = chain_cuts(chain, static_cast<std::uint32_t>(anchors.src.size()),
                          static_cast<std::uint32_t>(anchors.tgt.size()));
  // From (0, 0) through each pair, taken as a 1-1 bead, to the end. A
  // stretch between two pairs small enough to search whole becomes one
  // bead spanning it (the band then covers the rectangle: any path inside
  // it, such as a run of sentences on one side only); a larger one, a
  // straight line of small beads.
  Alignment& path = guide.path;
  auto stretch = [&path](std::uint32_t i0, std::uint32_t j0, std::uint32_t i1, std::uint32_t j1) {
    const std::uint64_t di = i1 - i0, dj = j1 - j0;
    if (di * dj <= (di + dj) * kWholeStretch) {
      if (di + dj > 0) path.push_back(Bead{i0, i1, j0, j1});
    } else {
      straight_path(i0, j0, i1, j1, path);
    }
  };
  std::uint32_t i = 0, j = 0;
  for (const auto& [pi, pj] : chain) {
    stretch(i, j, pi, pj);
    path.push_back(Bead{pi, pi + 1, pj, pj + 1});
    i = pi + 1;
    j = pj + 1;
  }
  stretch(i, j, static_cast<std::uint32_t>(anchors.src.size()), static_cast<std::uint32_t>(anchors.tgt.size()));
  return guide;
}

namespace {

// Fills the costs of `beads` (fill_bead_costs below).
void fill_bead_costs(const BeadScorer& scorer, std::span<Bead> beads) {
  // A margin past this says no more: the neighbours are far worse.
  constexpr double kMarginCap = 20.0;
  const std::uint32_t n = scorer.src_size(), m = scorer.tgt_size();
  for (Bead& bead : beads) {
    const int a = static_cast<int>(bead.src_size()), b = static_cast<int>(bead.tgt_size());
    const BeadEvidence e = scorer.evidence(bead.src_begin, a, bead.tgt_begin, b);
    BeadCosts& c = bead.costs;
    c.length = static_cast<float>(e.length);
    c.anchors = static_cast<float>(e.anchor_penalty - e.anchor_gain);
    c.prior = std::isfinite(e.prior) ? static_cast<float>(e.prior) : 0.0f;
    c.other = static_cast<float>(e.other);
    c.split = static_cast<float>(e.split);
    c.matched = static_cast<std::uint16_t>(std::min(e.matched, 65535));
    c.missed = static_cast<std::uint16_t>(std::min(e.missed, 65535));
    c.words_matched = static_cast<std::uint16_t>(std::min(e.words_matched, 65535));
    c.words_missed = static_cast<std::uint16_t>(std::min(e.words_missed, 65535));
    c.furniture = static_cast<std::uint16_t>(std::min(e.furniture, 65535));
    c.confidence = bead.score;
    if (!bead.is_pair()) continue;
    // The same shape moved by one sentence on either side.
    double best = std::numeric_limits<double>::infinity();
    const auto try_at = [&](std::int64_t i, std::int64_t j) {
      if (i < 0 || j < 0 || i + a > n || j + b > m) return;
      // Only a neighbour under the cap changes the margin.
      best = std::min(best, scorer.cost_below(static_cast<std::uint32_t>(i), a, static_cast<std::uint32_t>(j), b,
                                              std::min(best, bead.cost + kMarginCap)));
    };
    const std::int64_t i0 = bead.src_begin, j0 = bead.tgt_begin;
    try_at(i0, j0 - 1);
    try_at(i0, j0 + 1);
    try_at(i0 - 1, j0);
    try_at(i0 + 1, j0);
    c.margin = static_cast<float>(std::clamp(best - bead.cost, -kMarginCap, kMarginCap));
  }
}

// Beads a unit of work when their costs are filled on several threads.
constexpr std::size_t kCostBatch = 4096;

// Fills each bead's costs (BeadCosts) from the scorer that chose it; the
// uncalibrated score is kept there. Each bead's are its own, so batches of
// beads are filled on up to `threads` threads.
void fill_bead_costs(const BeadScorer& scorer, Alignment& alignment, unsigned threads) {
  const std::size_t batches = (alignment.size() + kCostBatch - 1) / kCostBatch;
  detail::parallel_for(batches, threads, [&](std::size_t k) {
    const auto from = alignment.begin() + static_cast<std::ptrdiff_t>(k * kCostBatch);
    const auto to = alignment.begin() + static_cast<std::ptrdiff_t>(std::min(alignment.size(), (k + 1) * kCostBatch));
    fill_bead_costs(scorer, std::span<Bead>(from, to));
  });
  fill_boundaries(scorer, alignment, threads);
}

}  // namespace

double edge_cost(const BeadScorer& scorer, const Alignment& alignment, std::size_t k, double cap) {
  const Bead& l = alignment[k];
  const Bead& r = alignment[k + 1];
  const double now = l.cost + r.cost;
  double best = cap;
  const auto try_move = [&](std::int64_t di, std::int64_t dj) {
    const std::int64_t i = std::int64_t{l.src_end} + di, j = std::int64_t{l.tgt_end} + dj;
    if (i < l.src_begin || i > r.src_end || j < l.tgt_begin || j > r.tgt_end) return;
    const std::int64_t la = i - l.src_begin, lb = j - l.tgt_begin, ra = r.src_end - i, rb = r.tgt_end - j;
    if (la + lb == 0 || ra + rb == 0 || std::max({la, lb, ra, rb}) > kMaxBeadSide) return;
    const auto side = [](std::int64_t v) { return static_cast<int>(v); };
    const auto at = [](std::int64_t v) { return static_cast<std::uint32_t>(v); };
    // The smaller bead is priced in full, the larger only as far as it could
    // still bring the move under the best so far: most moves cannot.
    const bool left_first = la + lb <= ra + rb;
    const double first = left_first ? scorer.cost(l.src_begin, side(la), l.tgt_begin, side(lb))
                                     : scorer.cost(at(i), side(ra), at(j), side(rb));
    const double limit = now + best - first;
    const double second = left_first ? scorer.cost_below(at(i), side(ra), at(j), side(rb), limit)
                                     : scorer.cost_below(l.src_begin, side(la), l.tgt_begin, side(lb), limit);
    best = std::min(best, first + second - now);
  };
  try_move(-1, 0);
  try_move(1, 0);
  try_move(0, -1);
  try_move(0, 1);
  return best;
}

void fill_boundaries(const BeadScorer& scorer, Alignment& alignment, unsigned threads) {
  std::vector<float> edges(alignment.empty() ? 0 : alignment.size() - 1);
  const std::size_t batches = (edges.size() + kCostBatch - 1) / kCostBatch;
  detail::parallel_for(batches, threads, [&](std::size_t k) {
    for (std::size_t e = k * kCostBatch; e < std::min(edges.size(), (k + 1) * kCostBatch); ++e)
      edges[e] = static_cast<float>(std::max(edge_cost(scorer, alignment, e, kBoundaryCap), -kBoundaryCap));
  });
  for (std::size_t k = 0; k < alignment.size(); ++k) {
    float least = static_cast<float>(kBoundaryCap);
    if (k > 0) least = std::min(least, edges[k - 1]);
    if (k < edges.size()) least = std::min(least, edges[k]);
    alignment[k].costs.boundary = least;
  }
}

void drop_one_sided(DocumentAnchors& a, DocumentClauses* clauses) {
  std::vector<bool> in_src(a.keys.size(), false), shared(a.keys.size(), false);
  for (const std::uint32_t id : a.src.ids) in_src[id] = true;
  for (const std::uint32_t id : a.tgt.ids) shared[id] = in_src[id];
  auto side = [&shared, &a](SideKeys& keys, SideClauses* sc) {
    // The sentences whose numbers or dates are dropped here.
    keys.lone_dated.clear();
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const auto lone = [&](std::uint32_t id) { return !shared[id] && is_dated(a.types[id]); };
      if (std::any_of(keys.ids.begin() + keys.begin[k], keys.ids.begin() + keys.begin[k + 1], lone))
        keys.lone_dated.push_back(static_cast<std::uint32_t>(k));
    }
    if (sc != nullptr && (sc->size() != keys.size() || sc->key_end.empty())) sc = nullptr;
    std::uint32_t out = 0;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const std::uint32_t from = keys.begin[k], to = keys.begin[k + 1], start = out;
      std::uint32_t x = sc != nullptr ? sc->begin[k] : 0;
      const std::uint32_t x_end = sc != nullptr ? sc->begin[k + 1] : 0;
      for (std::uint32_t q = from; q < to; ++q) {
        for (; x < x_end && sc->key_end[x] <= q - from; ++x) sc->key_end[x] = out - start;
        if (shared[keys.ids[q]]) keys.ids[out++] = keys.ids[q];
      }
      for (; x < x_end; ++x) sc->key_end[x] = out - start;
      keys.begin[k] = start;
    }
    keys.begin.back() = out;
    keys.ids.resize(out);
    keys.ids.shrink_to_fit();
  };
  side(a.src, clauses != nullptr ? &clauses->src : nullptr);
  side(a.tgt, clauses != nullptr ? &clauses->tgt : nullptr);
}

namespace {

// align_with_anchors; when `owned` is given (the anchors and clauses at
// `a` and `clauses`, which the caller no longer needs), they are let go
// once the scorer, the guide and the heading keys hold what the searches
// read of them: the per-sentence key lists are the largest part of a long
// document's memory.
Alignment align_prepared(const Model& model, const Document& src, const Document& tgt,
                         const DocumentAnchors& a, const AlignOptions& options,
                         const DocumentClauses* clauses, DocumentAnchors* owned,
                         DocumentClauses* owned_clauses) {
  // The first search follows the anchors' guide, in the narrow band of
  // align() around a guide, which widens where the path comes near its
  // edge. Built before the scorer, whose tables need not be held with the
  // guide's working arrays.
  Guide guide = model.use_anchors ? anchor_guide_and_cuts(a) : Guide{};
  // One scorer for both searches; it leaves the anchors out when the model
  // turns them off. Headings the length model leaves unpaired are paired by
  // their anchors (headings.hpp).
  BeadScorer scorer(model, src.sentences, tgt.sentences, &a, clauses, options.threads);
  auto run = [&](const AlignOptions& o, std::span<const Bead> centre, int free_side) {
    Alignment beads = align(scorer, o, centre, guide.cuts, free_side);
    if (model.use_anchors) pair_headings(scorer, src, tgt, scorer.headings(), beads);
    return beads;
  };
  if (owned != nullptr) *owned = DocumentAnchors{};
  if (owned_clauses != nullptr) *owned_clauses = DocumentClauses{};
  // In a long document the first search only finds where the path runs:
  // beads of up to kFirstSearchSide sentences a side do, in a band of
  // kFirstSearchHalfWidth, and the second search, always run then, allows
  // the full max_side around that path, beads larger than the first
  // search's ending beside it (align's free_side).
  const bool first_is_rough = options.max_side > kFirstSearchSide && src.sentences.size() >= 2 * kMinPiece &&
                              tgt.sentences.size() >= 2 * kMinPiece;
  AlignOptions first_options = options;
  if (first_is_rough) {
    first_options.max_side = kFirstSearchSide;
    if (first_options.band == 0) first_options.band = kFirstSearchHalfWidth;
  }
  Alignment first = run(first_options, guide.path, 0);
  guide.path = Alignment{};
  // The alignment returned gets its beads' costs (the first search's only
  // if no second follows), and scores that are probabilities when the model
  // has a calibration.
  auto calibrated = [&](Alignment beads) {
    fill_bead_costs(scorer, beads, options.threads);
    if (model.calibration) calibrate_scores(model.calibration->bead, beads);
    return beads;
  };
  // Translations differ in how freely they follow the source: measure the
  // length variance and the bead shapes (bead_priors.hpp) on this pair's own
  // first alignment and, if either differs markedly from the model's, align
  // again once with both.
  bool again = false;
  if (model.length.per_document) {
    const double s2 = document_variance(model, scorer, first);
    const double ratio = s2 / model.length.s2;
    if (ratio >= 1.25 || ratio <= 0.8) {
      scorer.set_length_variance(s2);
      again = true;
    }
  }
  if (model.document_priors.ridge > 0) {
    const DocumentPriors own = document_priors(model.priors, first, model.document_priors.ridge);
    if (own.gain > model.document_priors.min_gain) {
      scorer.set_priors(own.priors);
      again = true;
    }
  }
  if (!again && !first_is_rough) return calibrated(std::move(first));
  // The second search runs in a narrow band around the first alignment: one
  // sentence of room beyond the margin at which the search widens (the
  // largest bead side and two), as the model changed only in its length
  // variance or priors. A piece whose path moves further is searched again,
  // twice as wide, as any search is.
  AlignOptions around_first = options;
  if (around_first.band == 0) around_first.band = static_cast<std::uint32_t>(std::max(options.max_side, 1)) + 3;
  return calibrated(run(around_first, first, first_is_rough ? kFirstSearchSide : 0));
}

}  // namespace

Alignment align_with_anchors(const Model& model, const Document& src, const Document& tgt,
                             const DocumentAnchors& a, const AlignOptions& options,
                             const DocumentClauses* clauses) {
  return align_prepared(model, src, tgt, a, options, clauses, nullptr, nullptr);
}

Alignment align_documents(const Model& model, const Document& src, const Document& tgt,
                          const AlignOptions& options) {
  const detail::ExtractorPool pool(model);
  return align_documents(pool, src, tgt, options);
}

Alignment align_documents(const detail::ExtractorPool& pool, const Document& src, const Document& tgt,
                          const AlignOptions& options) {
  DocumentAnchors a;
  const Model& model = pool.model();
  DocumentClauses clauses;
  const bool with_clauses = model.use_anchors && uses_clauses(model);
  if (model.use_anchors) {
    a = find_document_anchors(pool, src, tgt, options.threads, with_clauses ? &clauses : nullptr);
    drop_one_sided(a, with_clauses ? &clauses : nullptr);
  }
  // The anchors are this call's own: let them go before the search.
  return align_prepared(model, src, tgt, a, options, with_clauses ? &clauses : nullptr, &a,
                        with_clauses ? &clauses : nullptr);
}

double document_score(const Model& model, std::span<const Sentence> src, std::span<const Sentence> tgt,
                      const Alignment& alignment) {
  if (!model.calibration) return -1.0;
  const SideLengths chars = document_lengths(src, tgt);
  return jisr::document_score(model.calibration->document, alignment, chars.src, chars.tgt, model.length.c);
}

}  // namespace jisr
