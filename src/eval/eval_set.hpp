// Input: a set of gold-aligned documents (corpus.hpp) and aligner settings.
// Output: each document's test alignment and the set's pooled scores.
//
// Runs the whole pipeline in process (split or presplit input, model,
// aligner) over every document, several documents at a time, and scores the
// result with eval.hpp. Results are kept in document order whatever the
// number of threads, so the scores do not depend on it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "align/search.hpp"
#include "eval/corpus.hpp"
#include "jisr/eval.hpp"
#include "jisr/model.hpp"
#include "jisr/split.hpp"
#include "jisr/types.hpp"

namespace jisr {

struct SetRunOptions {
  Model model;
  AlignOptions align;
  // false: align the gold sentence files DOC.SRC / DOC.TGT (bead metrics);
  // true: split and align the running text DOC.SRC.txt / DOC.TGT.txt
  // (text-pair metrics only, since the sentences differ from the gold ones).
  bool raw_text = false;
  LineBreaks line_breaks = LineBreaks::heuristic;  // splitter setting for raw text
  std::filesystem::path rules_dir;                 // splitter rule files; empty: ICU only
  // Score the vecalign protocol against DOC.gold.orig where that file exists
  // (the Bleualign set); otherwise against DOC.gold.
  bool original_gold = false;
  unsigned threads = 0;  // documents aligned at once; 0: the hardware's count
  // Align every document, learn word translations from the confident beads
  // of the whole set (realign.hpp), and align every document again with them.
  bool realign = false;
};

// One document after alignment.
struct DocumentRun {
  std::string name;
  std::vector<Sentence> gold_src, gold_tgt;  // the gold sentence files
  std::vector<Sentence> src, tgt;            // what the aligner saw (the gold ones unless raw_text)
  Alignment gold, test;
  std::vector<IndexBead> vecalign_gold;  // gold of the vecalign protocol (see original_gold)
  bool used_original_gold = false;       // vecalign_gold came from DOC.gold.orig
};

// Aligns every document of `set`. Throws the first document's error (in
// document order) if any document fails: InputError, ModelError, IcuError.
[[nodiscard]] std::vector<DocumentRun> run_set(const CorpusSet& set, const SetRunOptions& options);

// Scores pooled over documents (counts are summed, then divided once).
struct SetScores {
  std::size_t documents = 0;
  std::size_t src_sentences = 0, tgt_sentences = 0;  // sentences the aligner saw
  bool raw_text = false;                             // if true only `text` is meaningful
  Counts pairs;                                      // beads with both sides non-empty
  Counts all;                                        // 1-0 / 0-1 beads counted too
  Counts vecalign;                                   // vecalign protocol
  std::size_t original_gold_documents = 0;           // documents scored against DOC.gold.orig
  TypeTable types;
  TextCounts text;
};

// Scores one document, or several pooled.
[[nodiscard]] SetScores score_document(const DocumentRun& run, bool raw_text);
[[nodiscard]] SetScores score_runs(std::span<const DocumentRun> runs, bool raw_text);

}  // namespace jisr
