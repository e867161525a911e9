// jisr convert: TMX to TSV and back, without losing text.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/formats.hpp"
#include "jisr/text.hpp"
#include "jisr/tmx.hpp"

#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace jisr::cli {

namespace {

struct ConvertCommand {
  std::string input;
  std::string output;
  std::string from, to;  // tmx or tsv; default: from the file names
  std::string src_tag, tgt_tag;
  bool quiet = false;
};

std::string format_of(const std::string& path, const std::string& given, const char* option) {
  if (!given.empty()) return given;
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".tmx") return "tmx";
  if (ext == ".tsv") return "tsv";
  throw UsageError(fmt::format("cannot tell the format of \"{}\"; give {} tmx|tsv", path, option));
}

void run_convert(const ConvertCommand& c) {
  const std::string from = format_of(c.input, c.from, "--from");
  const bool to_file = !c.output.empty() && c.output != "-";
  const std::string to = !c.to.empty()   ? c.to
                         : to_file       ? format_of(c.output, "", "--to")
                         : from == "tmx" ? "tsv"
                                         : "tmx";
  if (from == to) throw UsageError(fmt::format("input and output are both {}", from));
  for (const auto* tag : {&c.src_tag, &c.tgt_tag})
    if (!tag->empty()) check_language_tag(*tag, tag == &c.src_tag ? "--src-tag" : "--tgt-tag");

  Bitext bitext;
  std::size_t dropped = 0;
  std::size_t one_sided = 0;
  if (from == "tmx") {
    const std::string bytes =
        c.input == "-" ? read_stream_bytes(std::cin, "<stdin>") : read_file_bytes(c.input);
    const TmxDocument tmx = read_tmx(bytes, c.input == "-" ? "<stdin>" : c.input);
    bitext = bitext_from_tmx(tmx, c.src_tag.empty() ? tmx.srclang : c.src_tag, c.tgt_tag);
  } else {
    bitext = read_bitext_tsv(load_text(c.input), c.input == "-" ? "<stdin>" : c.input);
  }
  for (const Bead& bead : bitext.beads) one_sided += bead.is_pair() ? 0 : 1;

  std::unique_ptr<OutputFile> file;
  if (to_file) file = std::make_unique<OutputFile>(c.output);
  std::ostream& out = file ? file->stream() : std::cout;
  if (to == "tsv") {
    write_bitext_tsv(bitext, out);
  } else {
    OutputOptions options;
    options.src_tag = c.src_tag.empty() ? "ar" : c.src_tag;
    options.tgt_tag = c.tgt_tag.empty() ? "en" : c.tgt_tag;
    options.tool_version = JISR_VERSION;
    dropped = write_alignment(Format::tmx, bitext.src, bitext.tgt, bitext.beads, options, out)
                  .dropped_characters;
  }
  if (file) file->commit();
  if (c.quiet) return;
  fmt::print(stderr, "jisr: converted {} {} {} to {} ({})\n", bitext.beads.size(),
             from == "tmx" ? "translation units" : "lines", from, to,
             file ? file->path().string() : "standard output");
  if (one_sided > 0)
    fmt::print(stderr, "  {}: {} with one side only{}\n", to == "tmx" ? "left out" : "kept",
               one_sided, to == "tmx" ? " (a translation unit needs both)" : " (empty field)");
  if (bitext.extra_variants > 0)
    fmt::print(stderr, "  left out: {} <tuv> in neither language (or a second one in the same)\n",
               bitext.extra_variants);
  if (dropped > 0)
    fmt::print(stderr, "  warning: dropped {} characters that XML 1.0 forbids\n", dropped);
}

}  // namespace

void add_convert_command(CLI::App& app) {
  auto c = std::make_shared<ConvertCommand>();
  CLI::App* sub = app.add_subcommand(
      "convert",
      "Convert bitext between TMX and TSV. TSV fields escape backslash, tab and line breaks as "
      "\\\\, \\t, \\n, \\r, so text survives the round trip");
  sub->add_option("input", c->input, "TMX or TSV file, or - for standard input (with --from)")
      ->required();
  sub->add_option("-o,--output", c->output, "Output file (.tmx or .tsv); default standard output");
  sub->add_option("--from", c->from, "Input format (default: from the file name)")
      ->check(CLI::IsMember({"tmx", "tsv"}));
  sub->add_option("--to", c->to, "Output format (default: from -o, else the other one)")
      ->check(CLI::IsMember({"tmx", "tsv"}));
  sub->add_option("--src-tag", c->src_tag,
                  "Source language: which <tuv> is the source (default: the TMX srclang); for "
                  "TMX output its xml:lang (default ar)");
  sub->add_option("--tgt-tag", c->tgt_tag,
                  "Target language (default: any other <tuv>; for TMX output, en)");
  sub->add_flag("-q,--quiet", c->quiet, "Do not print the summary on standard error");
  sub->callback([c] { run_convert(*c); });
}

}  // namespace jisr::cli
