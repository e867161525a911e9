// jisr align: split both sides, align them, write bitext.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "jisr/error.hpp"
#include "jisr/formats.hpp"
#include "jisr/aligner.hpp"
#include "jisr/split.hpp"
#include "jisr/text.hpp"

namespace jisr::cli {

namespace {

struct AlignCommand {
  std::string src_path, tgt_path;
  std::string output;
  std::string format;
  std::string model = "ar-en";
  std::string src_lang, tgt_lang;  // default: the model's
  std::string src_tag, tgt_tag;    // TMX tags; default: the languages
  bool presplit = false;
  bool keep_unaligned = false;
  bool quiet = false;
  bool no_anchors = false;
  bool no_dictionary = false;
  bool realign = false;
  std::string dictionary;
  double min_score = 0.0;
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
  const std::string ext = std::filesystem::path(c.output).extension().string();
  if (ext == ".tmx") return Format::tmx;
  if (ext == ".tsv") return Format::tsv;
  if (ext == ".jsonl") return Format::jsonl;
  if (ext == ".beads") return Format::beads;
  throw UsageError(fmt::format("cannot tell the format from \"{}\"; give --format tmx|tsv|jsonl|moses|beads",
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

Document read_side(const Aligner& aligner, const std::string& path, const std::string& lang,
                   const AlignCommand& c) {
  TextStats stats;
  const std::string text = load_text(
      path, c.on_invalid == "replace" ? OnInvalid::replace : OnInvalid::fail, &stats, c.max_bytes);
  if (stats.replaced > 0)
    fmt::print(stderr, "jisr: warning: {}: replaced {} invalid byte sequences with U+FFFD\n", path,
               stats.replaced);
  Document doc = aligner.split(text, lang, path, text_options(c));
  if (doc.sentences.empty())
    throw InputError(fmt::format("{}: byte 0: no text to align (the file is empty or blank)", path));
  return doc;
}

void print_summary(const OutputSummary& s, Format format, const std::string& where,
                   const Document& src, const Document& tgt) {
  fmt::print(stderr, "jisr: wrote {} ({}, {} {})\n", where, to_string(format), s.written,
             format == Format::tmx ? "translation units" : "beads");
  fmt::print(stderr, "  sentences: {} {}, {} {}\n", s.src_sentences, src.lang, s.tgt_sentences,
             tgt.lang);
  std::string types;
  for (const auto& [type, count] : s.beads_by_type)
    types += fmt::format("{}{} {}", types.empty() ? "" : ", ", to_string(type), count);
  fmt::print(stderr, "  beads: {}\n", types);
  if (s.unaligned_left_out > 0)
    fmt::print(stderr, "  left out: {} unaligned beads (1-0 / 0-1){}\n", s.unaligned_left_out,
               format == Format::tmx ? "" : "; --keep-unaligned writes them");
  if (s.low_score_left_out > 0)
    fmt::print(stderr, "  left out: {} beads scoring under --min-score\n", s.low_score_left_out);
  if (s.dropped_characters > 0)
    fmt::print(stderr, "  warning: dropped {} characters that XML 1.0 forbids\n", s.dropped_characters);
  if (s.scored > 0)
    fmt::print(stderr, "  mean score: {:.3f} over {} aligned beads\n", s.score_sum / double(s.scored),
               s.scored);
}

void run_align(const AlignCommand& c) {
  const Format format = choose_format(c);
  if (format == Format::moses && (c.output.empty() || c.output == "-"))
    throw UsageError("--format moses writes two files: give -o PREFIX (writes PREFIX.SRC and PREFIX.TGT)");
  if (c.src_path == "-" && c.tgt_path == "-")
    throw UsageError("only one of the two inputs can be standard input");
  // The model's dictionary is read only if it will be used.
  OpenOptions open_options;
  open_options.anchors = !c.no_anchors;
  open_options.dictionary = !c.no_dictionary;
  open_options.dictionary_path = c.dictionary;
  const Aligner aligner = Aligner::open(c.model, open_options);
  const Model& model = aligner.model();
  const std::string src_lang = c.src_lang.empty() ? model.src_lang : c.src_lang;
  const std::string tgt_lang = c.tgt_lang.empty() ? model.tgt_lang : c.tgt_lang;
  check_language_tag(src_lang, "--src-lang");
  check_language_tag(tgt_lang, "--tgt-lang");
  OutputOptions out_options;
  out_options.keep_unaligned = c.keep_unaligned;
  out_options.min_score = c.min_score;
  out_options.src_tag = c.src_tag.empty() ? src_lang : c.src_tag;
  out_options.tgt_tag = c.tgt_tag.empty() ? tgt_lang : c.tgt_tag;
  out_options.tool_version = JISR_VERSION;
  check_language_tag(out_options.src_tag, "--src-tag");
  check_language_tag(out_options.tgt_tag, "--tgt-tag");

  const Document src = read_side(aligner, c.src_path, src_lang, c);
  const Document tgt = read_side(aligner, c.tgt_path, tgt_lang, c);
  AlignOptions align_options;
  align_options.max_side = c.max_side;
  align_options.band = c.band;
  align_options.max_cells = c.max_cells;
  align_options.threads = c.threads;
  const Alignment alignment =
      c.realign ? aligner.realign(src, tgt, align_options) : aligner.align(src, tgt, align_options);

  OutputSummary summary;
  std::string where = "standard output";
  if (format == Format::moses) {
    OutputFile a(c.output + "." + src_lang), b(c.output + "." + tgt_lang);
    summary = write_alignment(format, src, tgt, alignment, out_options, a.stream(), &b.stream());
    a.commit();
    b.commit();
    where = fmt::format("{} and {}", a.path().string(), b.path().string());
  } else if (!c.output.empty() && c.output != "-") {
    OutputFile file(c.output);
    summary = write_alignment(format, src, tgt, alignment, out_options, file.stream());
    file.commit();
    where = file.path().string();
  } else {
    summary = write_alignment(format, src, tgt, alignment, out_options, std::cout);
  }
  if (!c.quiet) print_summary(summary, format, where, src, tgt);
}

}  // namespace

void add_align_command(CLI::App& app) {
  auto c = std::make_shared<AlignCommand>();
  CLI::App* sub = app.add_subcommand("align", "Align the sentences of a document pair");
  sub->add_option("source", c->src_path, "Source-side text (Arabic), or - for standard input")->required();
  sub->add_option("target", c->tgt_path, "Target-side text (English)")->required();
  sub->add_option("-o,--output", c->output,
                  "Output file; the format follows its extension (.tmx .tsv .jsonl .beads). "
                  "For moses, a prefix: writes PREFIX.ar and PREFIX.en. Default: standard output");
  sub->add_option("-f,--format", c->format, "Output format: tmx, tsv, jsonl, moses, beads (default: from -o, else tsv)")
      ->check(CLI::IsMember({"tmx", "tsv", "jsonl", "moses", "beads"}));
  sub->add_flag("--presplit", c->presplit, "Inputs hold one sentence a line already; blank lines separate paragraphs");
  sub->add_option("-m,--model", c->model, "Model: a NAME from the installed models (ar-en, generic) or a JSON file")
      ->capture_default_str();
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
  sub->add_option("--max-side", c->max_side, "Largest number of sentences on one side of a bead (1 to 8)")
      ->check(CLI::Range(1, 8))
      ->capture_default_str();
  sub->add_option("--band", c->band, "Initial half-width of the search band (0: automatic)");
  sub->add_option("--src-lang", c->src_lang, "Source language (default: the model's)");
  sub->add_option("--tgt-lang", c->tgt_lang, "Target language (default: the model's)");
  sub->add_option("--src-tag", c->src_tag, "TMX xml:lang of the source, such as ar-SY (default: --src-lang)");
  sub->add_option("--tgt-tag", c->tgt_tag, "TMX xml:lang of the target (default: --tgt-lang)");
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
                  "Threads for finding anchors in long documents (0: one per core); the output does not depend on it")
      ->capture_default_str();
  sub->add_flag("-q,--quiet", c->quiet, "Do not print the summary on standard error");
  sub->callback([c] { run_align(*c); });
}

}  // namespace jisr::cli
