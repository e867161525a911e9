// jisr align: split both sides, align them, write bitext.
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "align/pipeline.hpp"
#include "align/warnings.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/tmx_options.hpp"
#include "evidence/anchor_spans.hpp"
#include "formats/html.hpp"
#include "jisr/error.hpp"
#include "jisr/formats.hpp"
#include "jisr/aligner.hpp"
#include "jisr/split.hpp"
#include "jisr/text.hpp"
#include "util/parallel.hpp"

namespace jisr::cli {

namespace {

struct AlignCommand {
  std::string src_path, tgt_path;
  std::string output;
  std::string format;
  std::string model;                // empty: model_for_languages
  std::string src_lang, tgt_lang;  // default: the model's
  TmxCommandOptions tmx;           // tags default to the languages
  bool presplit = false;
  bool keep_unaligned = false;
  bool quiet = false;
  std::string summary;   // "text" or "json": print the summary even when standard error is not a terminal
  bool strict = false;   // a warning fails the run
  bool no_anchors = false;
  bool no_dictionary = false;
  bool realign = false;
  std::string dictionary;
  double min_score = 0.0;
  bool refine = false;
  int max_side = 8;
  std::uint32_t band = 0;
  std::string line_breaks = "heuristic";
  std::string on_invalid = "fail";
  std::size_t max_bytes = kMaxInputBytes;
  std::size_t max_cells = AlignOptions{}.max_cells;
  unsigned threads = 0;
};

Format choose_format(const AlignCommand& c) {
  if (!c.format.empty()) return parse_format(c.format);
  if (c.output.empty() || c.output == "-") return Format::tsv;
  std::string ext = std::filesystem::path(c.output).extension().string();
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".tmx") return Format::tmx;
  if (ext == ".tsv") return Format::tsv;
  if (ext == ".jsonl") return Format::jsonl;
  if (ext == ".beads") return Format::beads;
  if (ext == ".html") return Format::html;
  throw UsageError(fmt::format("cannot tell the format from \"{}\"; give --format tmx|tsv|jsonl|moses|beads|html",
                               c.output));
}

TextOptions text_options(const AlignCommand& c) {
  TextOptions options;
  options.presplit = c.presplit;
  options.line_breaks = c.line_breaks == "always"  ? LineBreaks::always
                        : c.line_breaks == "never" ? LineBreaks::never
                                                   : LineBreaks::heuristic;
  return options;
}

// A side read and split, and the warning its reading gave (empty if none).
struct Side {
  Document doc;
  std::string warning;
};

Side read_side(const Aligner& aligner, const std::string& path, const std::string& lang,
               const AlignCommand& c) try {
  TextStats stats;
  const std::string text = load_text(
      path, c.on_invalid == "replace" ? OnInvalid::replace : OnInvalid::fail, &stats, c.max_bytes);
  Side side;
  if (stats.replaced > 0)
    side.warning = fmt::format("jisr: warning: {}: replaced {} invalid byte sequences with U+FFFD\n", path,
                               stats.replaced);
  side.doc = aligner.split(text, lang, path, text_options(c));
  if (side.doc.sentences.empty())
    throw InputError(fmt::format("{}: byte 0: no text to align (the file is empty or blank)", path));
  // Offsets in the output index the file's own bytes.
  for (Sentence& s : side.doc.sentences)
    s.source = {raw_offset(stats, s.source.begin), raw_offset(stats, s.source.end)};
  return side;
} catch (const std::bad_alloc&) {
  throw LimitError(fmt::format("{}: out of memory while reading and splitting it", path));
}

// Both sides, read and split at once when two threads are allowed; the
// warnings come in order, and the source's error first if both fail.
std::pair<Document, Document> read_sides(const Aligner& aligner, const std::string& src_lang,
                                         const std::string& tgt_lang, const AlignCommand& c) {
  std::vector<Side> sides = detail::parallel_map(2, c.threads, [&](std::size_t k) {
    return k == 0 ? read_side(aligner, c.src_path, src_lang, c) : read_side(aligner, c.tgt_path, tgt_lang, c);
  });
  for (const Side& side : sides) fmt::print(stderr, "{}", side.warning);
  return {std::move(sides[0].doc), std::move(sides[1].doc)};
}

// Writes to standard output with `write`; a failed write names standard
// output and why.
template <typename Write>
OutputSummary write_to_stdout(const Write& write) {
  try {
    OutputSummary s = write(std::cout);
    std::cout.flush();
    if (!std::cout) throw OutputError("write failed");
    return s;
  } catch (const OutputError&) {
    const int err = errno;
    throw OutputError(fmt::format("standard output: write failed{}{}", err != 0 ? ": " : "",
                                 err != 0 ? std::strerror(err) : ""));
  }
}

// The review page, with the anchors each bead's sides share highlighted.
OutputSummary write_review_page(const Aligner& aligner, const Document& src, const Document& tgt,
                                const Alignment& alignment, const OutputOptions& options,
                                unsigned threads, std::ostream& out) {
  const Model& model = aligner.model();
  if (!model.use_anchors) return write_html(src, tgt, alignment, options, out);
  const DocumentAnchors anchors = aligner.anchors(src, tgt, threads);
  const AnchorSpans spans = find_anchor_spans(model, src, tgt, anchors);
  const ReviewEvidence evidence{&anchors, &spans};
  return write_html(src, tgt, alignment, options, out, &evidence);
}

void print_warnings(const std::vector<Warning>& warnings) {
  for (const Warning& w : warnings) fmt::print(stderr, "jisr: warning: {}\n", w.message);
}

// What the run found out beyond the output: the document score, the
// evidence used and the warnings.
struct RunReport {
  double document_score = -1;  // -1: the model has no calibration
  std::string model;           // the model's name
  std::string evidence;
  std::vector<Warning> warnings;
  RefineCount refined;  // --refine: how many one-to-many beads were written as how many pairs
};

void print_json_summary(const OutputSummary& s, Format format, const std::string& where, const Document& src,
                        const Document& tgt, const RunReport& report) {
  nlohmann::json types = nlohmann::json::object();
  for (const auto& [type, count] : s.beads_by_type) types[to_string(type)] = count;
  nlohmann::json warnings = nlohmann::json::array();
  for (const Warning& w : report.warnings) warnings.push_back({{"code", w.code}, {"message", w.message}});
  nlohmann::json j{{"output", where},
                   {"format", to_string(format)},
                   {"written", s.written},
                   {"sentences", {{src.lang, s.src_sentences}, {tgt.lang, s.tgt_sentences}}},
                   {"beads", types},
                   {"unaligned_left_out", s.unaligned_left_out},
                   {"low_score_left_out", s.low_score_left_out},
                   {"mean_score", s.scored > 0 ? s.score_sum / double(s.scored) : 0.0},
                   {"document_score", report.document_score >= 0 ? nlohmann::json(report.document_score) : nlohmann::json()},
                   {"model", report.model},
                   {"evidence", report.evidence},
                   {"warnings", warnings}};
  if (report.refined.pairs > 0) j["refined"] = {{"beads", report.refined.beads}, {"pairs", report.refined.pairs}};
  fmt::print(stderr, "{}\n", j.dump());
}

void print_summary(const OutputSummary& s, Format format, const std::string& where,
                   const Document& src, const Document& tgt, const RunReport& report) {
  fmt::print(stderr, "jisr: wrote {} ({}, {} {})\n", where, to_string(format), s.written,
             format == Format::tmx ? "translation units" : "beads");
  if (format == Format::html) fmt::print(stderr, "  open it in a browser to review the beads\n");
  fmt::print(stderr, "  sentences: {} {}, {} {}\n", s.src_sentences, src.lang, s.tgt_sentences,
             tgt.lang);
  std::string types;
  for (const auto& [type, count] : s.beads_by_type)
    types += fmt::format("{}{} {}", types.empty() ? "" : ", ", to_string(type), count);
  fmt::print(stderr, "  beads: {}\n", types);
  print_refined(report.refined);
  if (s.unaligned_left_out > 0)
    fmt::print(stderr, "  left out: {} unaligned beads (1-0 / 0-1){}\n", s.unaligned_left_out,
               format == Format::tmx ? "" : "; --keep-unaligned writes them");
  if (s.low_score_left_out > 0)
    fmt::print(stderr, "  left out: {} beads scoring under --min-score\n", s.low_score_left_out);
  if (s.scored > 0)
    fmt::print(stderr, "  mean score: {:.3f} over {} aligned beads\n", s.score_sum / double(s.scored),
               s.scored);
  if (report.document_score >= 0)
    fmt::print(stderr, "  document score: {:.3f} (probability that the two are translations of each other)\n",
               report.document_score);
  fmt::print(stderr, "  model: {}; evidence: {}\n", report.model, report.evidence);
}

void run_align(const AlignCommand& c) {
  const Format format = choose_format(c);
  if (format == Format::moses && (c.output.empty() || c.output == "-"))
    throw UsageError("--format moses writes two files: give -o PREFIX (writes PREFIX.SRC and PREFIX.TGT)");
  if (c.src_path == "-" && c.tgt_path == "-")
    throw UsageError("only one of the two inputs can be standard input");
  if (std::isnan(c.min_score)) throw UsageError("--min-score must be a number from 0 to 1");
  if (c.refine) check_refine_format(format);
  check_threads(c.threads, "--threads");
  // The model's dictionary is read only if it will be used.
  OpenOptions open_options;
  open_options.anchors = !c.no_anchors;
  open_options.dictionary = !c.no_dictionary;
  open_options.dictionary_path = c.dictionary;
  // A tag that is no language tag names no model (generic) and is refused below.
  const std::string model_name = !c.model.empty() ? c.model
                                 : c.src_lang.empty() && c.tgt_lang.empty()
                                     ? std::string("ar-en")
                                     : model_for_languages(c.src_lang.empty() ? "ar" : c.src_lang,
                                                           c.tgt_lang.empty() ? "en" : c.tgt_lang);
  const Aligner aligner = Aligner::open(model_name, open_options);
  const Model& model = aligner.model();
  const std::string src_lang = c.src_lang.empty() ? model.src_lang : c.src_lang;
  const std::string tgt_lang = c.tgt_lang.empty() ? model.tgt_lang : c.tgt_lang;
  check_language_tag(src_lang, "--src-lang");
  check_language_tag(tgt_lang, "--tgt-lang");
  OutputOptions out_options;
  out_options.keep_unaligned = c.keep_unaligned;
  out_options.min_score = c.min_score;
  out_options.src_tag = resolve_tag(c.tmx.src_tag, kSrcTagVariable, src_lang, "--src-tag");
  out_options.tgt_tag = resolve_tag(c.tmx.tgt_tag, kTgtTagVariable, tgt_lang, "--tgt-tag");
  out_options.tool_version = JISR_VERSION;
  apply_tmx_options(c.tmx, out_options);

  if (format == Format::moses) {
    refuse_overwriting_inputs(c.output + "." + src_lang, {c.src_path, c.tgt_path, model_name, c.dictionary});
    refuse_overwriting_inputs(c.output + "." + tgt_lang, {c.src_path, c.tgt_path, model_name, c.dictionary});
  } else {
    refuse_overwriting_inputs(c.output, {c.src_path, c.tgt_path, model_name, c.dictionary});
  }
  const auto [src, tgt] = read_sides(aligner, src_lang, tgt_lang, c);
  RunReport report;
  report.model = model.name;
  report.evidence = evidence_used(model);
  report.warnings = input_warnings(src, tgt, model, !c.no_anchors && !c.no_dictionary && c.dictionary.empty());
  AlignOptions align_options;
  align_options.max_side = c.max_side;
  align_options.band = c.band;
  align_options.max_cells = c.max_cells;
  align_options.threads = c.threads;
  std::size_t bounded = 0;
  align_options.bounded_searches = &bounded;
  Alignment alignment;
  try {
    alignment = c.realign ? aligner.realign(src, tgt, align_options) : aligner.align(src, tgt, align_options);
  } catch (const std::bad_alloc&) {
    throw LimitError(fmt::format("{} and {}: out of memory while aligning them ({} x {} sentences)",
                                 c.src_path, c.tgt_path, src.sentences.size(), tgt.sentences.size()));
  }

  report.document_score = document_score(model, src.sentences, tgt.sentences, alignment);
  add_document_warning(report.document_score, report.warnings);
  const bool json_summary = !c.quiet && c.summary == "json";
  if (c.strict && !report.warnings.empty()) {
    if (!json_summary) print_warnings(report.warnings);
    if (json_summary) print_json_summary({}, format, "nothing", src, tgt, report);
    throw InputError(fmt::format("--strict: {} warning{}; nothing written", report.warnings.size(),
                                 report.warnings.size() == 1 ? "" : "s"));
  }
  // Refined after the document score, which is the alignment's.
  RefinedAlignment refined{alignment, {}};
  if (c.refine) {
    refined = aligner.refine(src, tgt, alignment);
    report.refined = count_refined(refined.beads, refined.parts);
  }
  if (report.document_score >= 0)
    out_options.document_score = [&report](const Document&, const Document&, const Alignment&) {
      return report.document_score;
    };
  auto write = [&](std::ostream& out) {
    if (format != Format::html) return write_alignment(format, src, tgt, refined, out_options, out);
    return write_review_page(aligner, src, tgt, alignment, out_options, c.threads, out);
  };
  OutputSummary summary;
  std::string where = "standard output";
  if (format == Format::moses) {
    OutputFile a(c.output + "." + src_lang), b(c.output + "." + tgt_lang);
    try {
      summary = write_alignment(format, src, tgt, refined, out_options, a.stream(), &b.stream());
    } catch (const OutputError&) {
      if (!a.stream()) a.throw_write_error();
      if (!b.stream()) b.throw_write_error();
      throw;
    }
    commit_together({&a, &b});
    where = fmt::format("{} and {}", a.path().string(), b.path().string());
  } else if (!c.output.empty() && c.output != "-") {
    OutputFile file(c.output);
    try {
      summary = write(file.stream());
    } catch (const OutputError&) {
      if (!file.stream()) file.throw_write_error();
      throw;
    }
    file.commit();
    where = file.path().string();
  } else {
    summary = write_to_stdout(write);
  }
  if (json_summary) {
    print_json_summary(summary, format, where, src, tgt, report);
  } else {
    if (wants_summary(c.quiet, !c.summary.empty())) print_summary(summary, format, where, src, tgt, report);
    if (!c.quiet) print_warnings(report.warnings);
  }
  if (!c.quiet && summary.dropped_characters > 0)
    fmt::print(stderr, "jisr: warning: dropped {} characters that XML 1.0 forbids\n", summary.dropped_characters);
  if (bounded > 0)
    fmt::print(stderr,
               "jisr: warning: the search stopped widening its band at the time bound ({} x {} "
               "sentences, many equally good paths); the alignment may not be the best one\n",
               src.sentences.size(), tgt.sentences.size());
}

}  // namespace

void add_align_command(CLI::App& app) {
  auto c = std::make_shared<AlignCommand>();
  CLI::App* sub = app.add_subcommand("align", "Align the sentences of a document pair");
  sub->add_option("source", c->src_path, "Source-side text (Arabic), or - for standard input")->required();
  sub->add_option("target", c->tgt_path, "Target-side text (English)")->required();
  sub->add_option("-o,--output", c->output,
                  "Output file; the format follows its extension (.tmx .tsv .jsonl .beads .html). "
                  "For moses, a prefix: writes PREFIX.ar and PREFIX.en. Default: standard output");
  sub->add_option("-f,--format", c->format,
                  "Output format: tmx, tsv, jsonl, moses, beads, html (a review page) (default: from -o, else tsv)")
      ->check(CLI::IsMember({"tmx", "tsv", "jsonl", "moses", "beads", "html"}));
  sub->add_flag("--presplit", c->presplit, "Inputs hold one sentence a line already; blank lines separate paragraphs");
  sub->add_option("-m,--model", c->model,
                  "Model: a NAME from the installed models (ar-en, generic) or a JSON file (default: ar-en; with "
                  "--src-lang or --tgt-lang, the installed model named for the two languages, else generic)");
  sub->add_flag("--no-anchors", c->no_anchors, "Score by length (and paragraphs) only, without anchors");
  sub->add_option("--dictionary", c->dictionary,
                  "Dictionary for word anchors: a dictd .index or a TSV lexicon (source<TAB>target words); "
                  "'system' for Debian's FreeDict Arabic-English (the ar-en model's default)");
  sub->add_flag("--realign", c->realign,
                "Align, learn word translations from this input's confident beads (IBM Model 1), align again");
  sub->add_flag("--no-dictionary", c->no_dictionary, "Do not use the model's dictionary");
  sub->add_option("--min-score", c->min_score, "Leave out aligned beads scoring under this (0 to 1)")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_flag("--keep-unaligned", c->keep_unaligned, "tsv, moses: also write 1-0 and 0-1 beads, with an empty side");
  sub->add_flag("--refine", c->refine,
                "Write each one-to-many bead as sentence-sized pairs: its one sentence cut at clause joints into a run "
                "for each sentence of the other side (tmx, tsv, jsonl, moses; marked \"refined\" in jsonl, x-refined "
                "in tmx)");
  sub->add_option("--max-side", c->max_side, "Largest number of sentences on one side of a bead (1 to 8)")
      ->check(CLI::Range(1, 8))
      ->capture_default_str();
  sub->add_option("--band", c->band, "Initial half-width of the search band (0: automatic)");
  sub->add_option("--src-lang", c->src_lang, "Source language (default: the model's)");
  sub->add_option("--tgt-lang", c->tgt_lang, "Target language (default: the model's)");
  add_tmx_options(sub, c->tmx, "the language");
  sub->add_option("--line-breaks", c->line_breaks, "Splitter: always, heuristic or never (see jisr split --help)")
      ->check(CLI::IsMember({"always", "heuristic", "never"}))
      ->capture_default_str();
  sub->add_option("--on-invalid", c->on_invalid, "Invalid UTF-8: fail, or replace with U+FFFD")
      ->check(CLI::IsMember({"fail", "replace"}))
      ->capture_default_str();
  sub->add_option("--max-bytes", c->max_bytes, "Refuse an input file larger than this many bytes")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--max-cells", c->max_cells,
                  "Refuse an alignment search larger than this many cells (one byte of memory each)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--threads", c->threads,
                  "Threads for reading the two sides, finding anchors and searching a long document in pieces (0: one per core); the output does not depend on it")
      ->capture_default_str();
  sub->add_flag("-q,--quiet", c->quiet, "Print no summary (and no warnings) on standard error");
  sub->add_flag("--summary{text}", c->summary,
                "Print the summary on standard error even when it is not a terminal (it is by default on a "
                "terminal); --summary=json prints it as one JSON object, warnings included")
      ->check(CLI::IsMember({"text", "json"}));
  sub->add_flag("--strict", c->strict,
                "Fail (exit 1, nothing written) when a warning is raised: a side in the wrong script, swapped or "
                "binary-looking sides, a missing dictionary, documents that do not look like translations");
  sub->callback([c] { run_align(*c); });
}

}  // namespace jisr::cli
