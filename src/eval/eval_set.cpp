// Input: a CorpusSet and aligner settings. Output: per-document alignments
// and pooled scores (see eval_set.hpp).
#include "eval/eval_set.hpp"

#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "align/pipeline.hpp"
#include "align/realign.hpp"
#include "jisr/text.hpp"
#include "util/parallel.hpp"

namespace jisr {

namespace fs = std::filesystem;

namespace {

struct Splitters {
  std::optional<SentenceSplitter> src, tgt;
};

std::vector<Sentence> split_file(const fs::path& path, const SentenceSplitter& splitter) {
  if (!fs::exists(path))
    throw InputError(
        fmt::format("{}: missing running text (needed for raw-text runs)", path.string()));
  return splitter.split(load_text(path.string()));
}

DocumentRun run_document(const SetDocument& doc, const std::string& src_lang,
                         const std::string& tgt_lang, const SetRunOptions& options,
                         const Splitters& splitters, const detail::ExtractorPool& pool) {
  AlignedDocument gold = read_aligned_document(doc);
  DocumentRun run;
  run.name = doc.name;
  run.gold = std::move(gold.gold);
  run.gold_src = std::move(gold.src);
  run.gold_tgt = std::move(gold.tgt);
  if (options.raw_text) {
    run.src = split_file(doc.src_txt, *splitters.src);
    run.tgt = split_file(doc.tgt_txt, *splitters.tgt);
  } else {
    run.src = run.gold_src;
    run.tgt = run.gold_tgt;
  }
  if (!run.src.empty() && !run.tgt.empty()) {
    Document src{doc.name, src_lang, run.src}, tgt{doc.name, tgt_lang, run.tgt};
    run.test = align_documents(pool, src, tgt, options.align);
  } else {
    // Nothing to pair: every sentence is left over.
    for (std::uint32_t k = 0; k < run.src.size(); ++k) run.test.push_back(Bead{k, k + 1, 0, 0});
    for (std::uint32_t k = 0; k < run.tgt.size(); ++k) run.test.push_back(Bead{0, 0, k, k + 1});
  }
  fs::path orig = doc.gold;
  orig += ".orig";
  if (options.original_gold && fs::exists(orig)) {
    run.vecalign_gold = parse_index_beads(load_text(orig.string()), orig.string());
    run.used_original_gold = true;
  } else {
    run.vecalign_gold = to_index_beads(run.gold);
  }
  return run;
}

}  // namespace

std::vector<DocumentRun> run_set(const CorpusSet& set, const SetRunOptions& options) {
  if (options.realign) {
    // First pass, then a word table learned from the whole set's confident
    // beads (no gold involved), then the second pass with it.
    SetRunOptions first = options;
    first.realign = false;
    const std::vector<DocumentRun> runs = run_set(set, first);
    std::vector<Document> srcs, tgts;
    srcs.reserve(runs.size());
    tgts.reserve(runs.size());
    std::vector<AlignedPair> pairs;
    for (const DocumentRun& r : runs) {
      srcs.push_back({r.name, set.src_lang, r.src});
      tgts.push_back({r.name, set.tgt_lang, r.tgt});
    }
    for (std::size_t k = 0; k < runs.size(); ++k) pairs.push_back({&srcs[k], &tgts[k], &runs[k].test});
    SetRunOptions second = first;
    second.model = with_translations(options.model, learn_translations(options.model, pairs));
    return run_set(set, second);
  }
  Splitters splitters;
  if (options.raw_text) {
    splitters.src.emplace(SplitOptions{set.src_lang, options.line_breaks, options.rules_dir, {}});
    splitters.tgt.emplace(SplitOptions{set.tgt_lang, options.line_breaks, options.rules_dir, {}});
  }
  // Documents in parallel, results in document order; each thread reuses its
  // anchor extractors from one pool.
  const detail::ExtractorPool pool(options.model);
  return detail::parallel_map(set.docs.size(), options.threads, [&](std::size_t k) {
    return run_document(set.docs[k], set.src_lang, set.tgt_lang, options, splitters, pool);
  });
}

SetScores score_document(const DocumentRun& run, bool raw_text) {
  SetScores s;
  s.documents = 1;
  s.raw_text = raw_text;
  s.src_sentences = run.src.size();
  s.tgt_sentences = run.tgt.size();
  s.text = count_text_pairs(text_pairs(run.gold_src, run.gold_tgt, run.gold),
                            text_pairs(run.src, run.tgt, run.test));
  if (raw_text) return s;
  s.pairs = count_matches(run.gold, run.test);
  s.all = count_matches(run.gold, run.test, EvalOptions{true});
  s.vecalign = count_vecalign(run.vecalign_gold, to_index_beads(run.test));
  s.original_gold_documents = run.used_original_gold ? 1 : 0;
  count_types(run.gold, run.test, s.types);
  return s;
}

SetScores score_runs(std::span<const DocumentRun> runs, bool raw_text) {
  SetScores total;
  total.raw_text = raw_text;
  for (const DocumentRun& run : runs) {
    const SetScores s = score_document(run, raw_text);
    total.documents += s.documents;
    total.src_sentences += s.src_sentences;
    total.tgt_sentences += s.tgt_sentences;
    total.pairs += s.pairs;
    total.all += s.all;
    total.vecalign += s.vecalign;
    total.original_gold_documents += s.original_gold_documents;
    for (const auto& [type, row] : s.types) total.types[type] += row;
    total.text += s.text;
  }
  return total;
}

}  // namespace jisr
