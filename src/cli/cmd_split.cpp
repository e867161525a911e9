// jisr split: one sentence a line (or JSON lines with offsets).
#include <cstdio>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"
#include "jisr/split.hpp"
#include "jisr/text.hpp"

#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace jisr::cli {

namespace {

struct SplitCommand {
  std::string lang;
  std::string input = "-";
  std::string output;
  std::string format = "text";
  std::string line_breaks = "heuristic";
  std::string on_invalid = "fail";
  std::string srx;
  bool plain_icu = false;
};

LineBreaks parse_line_breaks(const std::string& s) {
  if (s == "always") return LineBreaks::always;
  if (s == "never") return LineBreaks::never;
  return LineBreaks::heuristic;
}

void run_split(const SplitCommand& c) {
  check_language_tag(c.lang, "--lang");
  SplitOptions options;
  options.lang = c.lang;
  options.line_breaks = parse_line_breaks(c.line_breaks);
  options.rules_dir = models_dir() / "split";
  options.srx = c.srx;
  options.plain_icu = c.plain_icu;
  const SentenceSplitter splitter(options);
  refuse_overwriting_inputs(c.output, {c.input, c.srx});
  TextStats stats;
  const std::string text =
      load_text(c.input, c.on_invalid == "replace" ? OnInvalid::replace : OnInvalid::fail, &stats);
  if (stats.replaced > 0)
    fmt::print(stderr, "jisr: warning: {}: replaced {} invalid byte sequences with U+FFFD\n",
               c.input, stats.replaced);
  const auto sentences = splitter.split_spans(text);
  std::unique_ptr<OutputFile> file;
  if (!c.output.empty() && c.output != "-") file = std::make_unique<OutputFile>(c.output);
  std::ostream& out = file ? file->stream() : std::cout;
  for (const SentenceSpan& s : sentences) {
    if (c.format == "jsonl") {
      nlohmann::json j{{"text", sentence_text(text, s)},
                       {"begin", raw_offset(stats, s.source.begin)},
                       {"end", raw_offset(stats, s.source.end)},
                       {"paragraph", s.paragraph}};
      out << j.dump() << '\n';
    } else if (s.runs_on) {
      out << sentence_text(text, s) << '\n';
    } else {
      // Within one line: the sentence's bytes as they stand.
      out << std::string_view(text).substr(s.source.begin, s.source.end - s.source.begin) << '\n';
    }
  }
  out.flush();
  if (file) file->commit();
  if (!out) throw OutputError("standard output: write failed");
}

}  // namespace

void add_split_command(CLI::App& app) {
  auto c = std::make_shared<SplitCommand>();
  CLI::App* sub = app.add_subcommand("split", "Split text into sentences, one a line");
  sub->add_option("--lang,-l", c->lang, "Language of the text (ar, en, or any BCP 47 tag)")
      ->required();
  sub->add_option("input", c->input, "Input file, or - for standard input")->capture_default_str();
  sub->add_option("-o,--output", c->output, "Output file (default: standard output)");
  sub->add_option("-f,--format", c->format,
                  "Output: text (one sentence a line) or jsonl (with byte offsets and paragraph)")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
  sub->add_option(
         "--line-breaks", c->line_breaks,
         "What a single line break does. always: ends a sentence. heuristic: decided per "
         "document (see docs/splitting.md): a hard-wrapped document runs its lines on, one "
         "with a paragraph, heading or item a line ends a sentence at every line break but "
         "a stray one inside a sentence. never: a space")
      ->check(CLI::IsMember({"always", "heuristic", "never"}))
      ->capture_default_str();
  sub->add_option(
         "--srx", c->srx,
         "SRX 2.0 segmentation rules (as from Okapi or OmegaT): the rules mapped to --lang "
         "replace ICU and models/split/LANG.abbrev; line breaks are handled as above")
      ->check(CLI::ExistingFile);
  sub->add_flag("--plain-icu", c->plain_icu,
                "ICU's sentence breaks alone (no rule file, no list, abbreviation or web-text "
                "rules), to compare against; line breaks are handled as above");
  sub->add_option("--on-invalid", c->on_invalid, "Invalid UTF-8: fail, or replace with U+FFFD")
      ->check(CLI::IsMember({"fail", "replace"}))
      ->capture_default_str();
  sub->callback([c] { run_split(*c); });
}

}  // namespace jisr::cli
