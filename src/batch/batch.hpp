// Private: the engine of jisr batch. Input: document pairs from a manifest
// or a b64tsv / JSONL stream. Output: their beads through one BitextWriter
// in input order, a report line per document, a summary.
//
// A oneTBB pipeline: a serial stage reads records in order, a parallel
// stage reads, splits and aligns each pair through one Aligner, a serial
// stage writes them in input order. At most `tokens` pairs are in flight,
// so memory is bounded by the documents in flight, never by the corpus;
// the output does not depend on the number of threads.
#pragma once

#include <cstddef>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "jisr/aligner.hpp"
#include "jisr/formats.hpp"

#include "batch/records.hpp"

namespace jisr::batch {

struct BatchOptions {
  InputKind input = InputKind::b64tsv;
  std::string manifest;  // InputKind::manifest: the manifest file
  // InputKind::manifest with `manifest` empty: the pairs themselves (paths
  // as they are, relative ones to the current folder).
  std::vector<detail::ManifestEntry> entries;
  std::string src_lang = "ar", tgt_lang = "en";
  TextOptions text;
  AlignOptions align;
  ReadOptions read;
  double min_score = 0.0;  // as OutputOptions::min_score; dedup counts only beads kept
  bool dedup = false;      // drop a pair whose normalised text was written already
  bool refine = false;     // write one-to-many beads as sentence-sized pairs (Aligner::refine)
  unsigned threads = 0;    // 0: every core
  std::size_t tokens = 0;  // pairs in flight; 0: four per thread
  bool progress = false;   // a progress line on `log`
};

struct BatchSummary {
  std::size_t documents = 0, failed = 0;
  std::size_t duplicates = 0;  // pairs left out by dedup
  RefineCount refined;         // refine: beads cut and pairs written for them, before dedup and min_score
  OutputSummary output;        // of the documents written
  double seconds = 0;
};

// Runs the batch; `input` is the stream (b64tsv, jsonl; ignored for a
// manifest), `report` (may be null) gets one JSON line per document,
// `log` gets the progress line. A document that cannot be read, split or
// aligned is reported and skipped. Throws InputError if the input itself
// cannot be read (a missing manifest, a corrupt compressed stream),
// OutputError if writing fails.
BatchSummary run_batch(const Aligner& aligner, const BatchOptions& options, std::FILE* input,
                       BitextWriter& writer, std::ostream* report, std::FILE* log);

// The normalised form of a bead's text that --dedup compares: ASCII letters
// folded to lower case, runs of white space made one space, trimmed.
[[nodiscard]] std::string dedup_key(std::string_view src, std::string_view tgt);

}  // namespace jisr::batch
