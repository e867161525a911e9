// jisr batch: many document pairs through one Aligner, in input order.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/formats.hpp"

#include "batch/batch.hpp"
#include "batch/compress.hpp"
#include "align/pipeline.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/sink.hpp"
#include <unistd.h>

namespace jisr::cli {

namespace {

struct BatchCommand {
  std::string manifest;
  std::string input;  // b64tsv, jsonl
  std::string output;
  std::string format;
  std::string report;
  std::string model = "ar-en";
  std::string dictionary;
  std::string line_breaks = "heuristic";
  std::string on_invalid = "fail";
  bool presplit = false;
  bool keep_unaligned = false;
  bool no_anchors = false;
  bool no_dictionary = false;
  bool dedup = false;
  bool refine = false;
  bool quiet = false;
  double min_score = 0.0;
  int max_side = 8;  // as jisr align: a pile's documents align as each would alone
  std::size_t max_bytes = std::size_t{1} << 26;
  std::size_t max_cells = AlignOptions{}.max_cells;
  unsigned threads = 0;
  std::size_t tokens = 0;
};

Format choose_format(const BatchCommand& c) {
  if (!c.format.empty()) return parse_format(c.format);
  if (c.output.empty() || c.output == "-") return Format::tsv;
  const std::string ext = std::filesystem::path(plain_name(c.output)).extension().string();
  if (ext == ".tmx") return Format::tmx;
  if (ext == ".tsv") return Format::tsv;
  if (ext == ".jsonl") return Format::jsonl;
  throw UsageError(fmt::format(
      "cannot tell the format from \"{}\"; give --format tsv|jsonl|tmx|moses", c.output));
}

void print_summary(const batch::BatchSummary& s, Format format) {
  fmt::print(stderr,
             "jisr batch: {} documents ({} failed) in {:.1f} s; wrote {} {} ({:.0f} a second)\n",
             s.documents, s.failed, s.seconds, s.output.written,
             format == Format::tmx ? "translation units" : "beads",
             s.seconds > 0 ? double(s.output.written) / s.seconds : 0.0);
  fmt::print(stderr, "  sentences: {} source, {} target\n", s.output.src_sentences,
             s.output.tgt_sentences);
  std::string types;
  for (const auto& [type, count] : s.output.beads_by_type)
    types += fmt::format("{}{} {}", types.empty() ? "" : ", ", to_string(type), count);
  if (!types.empty()) fmt::print(stderr, "  beads: {}\n", types);
  print_refined(s.refined);
  if (s.output.unaligned_left_out > 0)
    fmt::print(stderr, "  left out: {} unaligned beads (1-0 / 0-1)\n", s.output.unaligned_left_out);
  if (s.output.low_score_left_out > 0)
    fmt::print(stderr, "  left out: {} beads scoring under --min-score\n",
               s.output.low_score_left_out);
  if (s.duplicates > 0)
    fmt::print(stderr, "  left out: {} duplicate pairs (--dedup)\n", s.duplicates);
  if (s.output.scored > 0)
    fmt::print(stderr, "  mean score: {:.3f}\n", s.output.score_sum / double(s.output.scored));
}

void run_batch_command(const BatchCommand& c) {
  if (c.manifest.empty() == c.input.empty())
    throw UsageError("give either --manifest FILE or --input b64tsv|jsonl (standard input)");
  const Format format = choose_format(c);
  if (c.refine) check_refine_format(format);
  if (format == Format::beads) throw UsageError("jisr batch writes tsv, jsonl, tmx or moses");
  if (format == Format::moses && (c.output.empty() || c.output == "-"))
    throw UsageError(
        "--format moses writes two files: give -o PREFIX (writes PREFIX.SRC and PREFIX.TGT)");
  OpenOptions open_options;
  open_options.anchors = !c.no_anchors;
  open_options.dictionary = !c.no_dictionary;
  open_options.dictionary_path = c.dictionary;
  const Aligner aligner = Aligner::open(c.model, open_options);

  batch::BatchOptions o;
  o.input = !c.manifest.empty()  ? batch::InputKind::manifest
            : c.input == "jsonl" ? batch::InputKind::jsonl
                                 : batch::InputKind::b64tsv;
  o.manifest = c.manifest;
  o.src_lang = aligner.model().src_lang;
  o.tgt_lang = aligner.model().tgt_lang;
  o.text.presplit = c.presplit;
  o.text.line_breaks = c.line_breaks == "always"  ? LineBreaks::always
                       : c.line_breaks == "never" ? LineBreaks::never
                                                  : LineBreaks::heuristic;
  o.align.max_side = c.max_side;
  o.align.max_cells = c.max_cells;
  o.read.max_bytes = c.max_bytes;
  o.read.on_invalid = c.on_invalid == "replace" ? OnInvalid::replace : OnInvalid::fail;
  o.min_score = c.min_score;
  o.dedup = c.dedup;
  o.refine = c.refine;
  o.threads = c.threads;
  o.tokens = c.tokens;
  o.progress = !c.quiet && isatty(fileno(stderr)) != 0;

  OutputOptions out_options;
  out_options.keep_unaligned = c.keep_unaligned;
  out_options.min_score = c.min_score;
  out_options.src_tag = o.src_lang;
  out_options.tgt_tag = o.tgt_lang;
  out_options.tool_version = JISR_VERSION;
  out_options.document_ids = true;
  if (aligner.model().calibration)
    out_options.document_score = [&aligner](const Document& src, const Document& tgt, const Alignment& alignment) {
      return document_score(aligner.model(), src.sentences, tgt.sentences, alignment);
    };

  std::optional<Sink> out, out2, report;
  if (format == Format::moses) {
    const std::string stem = plain_name(c.output);
    const std::string zip = c.output.substr(stem.size());
    out.emplace(stem + "." + o.src_lang + zip);
    out2.emplace(stem + "." + o.tgt_lang + zip);
  } else {
    out.emplace(c.output);
  }
  if (!c.report.empty()) report.emplace(c.report);
  const auto writer =
      make_writer(format, out_options, out->stream(), out2 ? &out2->stream() : nullptr);
  writer->begin();
  batch::BatchSummary summary = batch::run_batch(
      aligner, o, stdin, *writer, report ? &report->stream() : nullptr, c.quiet ? nullptr : stderr);
  summary.output = writer->finish();
  out->commit();
  if (out2) out2->commit();
  if (report) report->commit();
  if (!c.quiet) print_summary(summary, format);
  if (summary.failed > 0)
    throw InputError(fmt::format("{} of {} documents failed{}", summary.failed, summary.documents,
                                 c.report.empty() ? "" : fmt::format(" (see {})", c.report)));
  if (summary.documents == 0) throw InputError("no document pairs in the input");
}

}  // namespace

void add_batch_command(CLI::App& app) {
  auto c = std::make_shared<BatchCommand>();
  CLI::App* sub = app.add_subcommand(
      "batch",
      "Align many document pairs in one process, output in input order whatever --threads says. "
      "Reads a manifest, or standard input (--input b64tsv: id<TAB>base64(source)<TAB>base64(target) "
      "a line; --input jsonl: {\"id\",\"ar\",\"en\"} a line), plain, gzip or zstd");
  sub->add_option("--manifest", c->manifest,
                  "TSV file, source_path<TAB>target_path[<TAB>id] a line (relative to its folder)");
  sub->add_option("--input", c->input, "Read standard input in this form: b64tsv or jsonl")
      ->check(CLI::IsMember({"b64tsv", "jsonl"}));
  sub->add_option(
      "-o,--output", c->output,
      "Output file; the format follows its extension (.tsv .jsonl .tmx, then .gz or .zst "
      "to compress). For moses, a prefix. Default: standard output");
  sub->add_option("-f,--format", c->format,
                  "tsv (id, source, target, score), jsonl, tmx (one for the whole batch) or moses")
      ->check(CLI::IsMember({"tsv", "jsonl", "tmx", "moses"}));
  sub->add_option("--report", c->report,
                  "Write a JSON line per document: id, sentences, beads by type, refined beads and "
                  "pairs (--refine), mean and document score, or the error");
  sub->add_flag("--keep-unaligned", c->keep_unaligned, "tsv, moses: also write 1-0 and 0-1 beads");
  sub->add_option("--min-score", c->min_score,
                  "Leave out aligned beads scoring under this (0 to 1)")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_flag("--dedup", c->dedup, "Leave out a pair whose normalised text was written already");
  sub->add_flag("--refine", c->refine,
                "Write each one-to-many bead as sentence-sized pairs, as jisr align --refine does (marked "
                "\"refined\" in jsonl, x-refined in tmx; counted in the report and the summary)");
  sub->add_option("-m,--model", c->model, "Model: a NAME (ar-en, generic) or a JSON file")
      ->capture_default_str();
  sub->add_flag("--no-anchors", c->no_anchors, "Score by length (and paragraphs) only");
  sub->add_flag("--no-dictionary", c->no_dictionary, "Do not use the model's dictionary");
  sub->add_option("--dictionary", c->dictionary,
                  "Dictionary for word anchors (see jisr align --help)");
  sub->add_flag("--presplit", c->presplit, "Texts hold one sentence a line already");
  sub->add_option("--line-breaks", c->line_breaks, "Splitter: always, heuristic or never")
      ->check(CLI::IsMember({"always", "heuristic", "never"}))
      ->capture_default_str();
  sub->add_option("--on-invalid", c->on_invalid,
                  "Invalid UTF-8: fail (skip the document) or replace")
      ->check(CLI::IsMember({"fail", "replace"}))
      ->capture_default_str();
  sub->add_option("--max-bytes", c->max_bytes,
                  "Skip a document with a side larger than this many bytes")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--max-side", c->max_side, "Largest number of sentences on one side of a bead (1 to 8)")
      ->check(CLI::Range(1, 8))
      ->capture_default_str();
  sub->add_option("--max-cells", c->max_cells, "Skip a document whose search needs more cells")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--threads", c->threads,
                  "Threads (0: one per core); the output does not depend on it")
      ->capture_default_str();
  sub->add_option("--in-flight", c->tokens, "Documents in flight at most (0: four per thread)")
      ->capture_default_str();
  sub->add_flag("-q,--quiet", c->quiet, "No progress, no summary, no skipped-document lines");
  sub->callback([c] { run_batch_command(*c); });
}

}  // namespace jisr::cli
