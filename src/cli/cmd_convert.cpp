// jisr convert: TMX to TSV and back, without losing text.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
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
#include "cli/tmx_options.hpp"

namespace jisr::cli {

namespace {

struct ConvertCommand {
  std::string input;
  std::string output;
  std::string from, to;  // tmx or tsv; default: from the file names
  TmxCommandOptions tmx;
  bool header = false;  // the TSV input starts with a header line
  bool quiet = false;
  bool summary = false;
};

std::string format_of(const std::string& path, const std::string& given, const char* option) {
  if (!given.empty()) return given;
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
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
  // TMX to TMX relabels the sides: the input's srclang and the other
  // language become --src-tag and --tgt-tag.
  const bool relabel = from == "tmx" && to == "tmx";
  if (from == to && !relabel) throw UsageError(fmt::format("input and output are both {}", from));
  if (relabel && c.tmx.src_tag.empty() && c.tmx.tgt_tag.empty() && !std::getenv(kSrcTagVariable) &&
      !std::getenv(kTgtTagVariable))
    throw UsageError("input and output are both tmx: give --src-tag and --tgt-tag to relabel");
  if (c.header && from != "tsv") throw UsageError("--header is for TSV input");
  // Given tags pick the sides of a TMX input; the environment's only label
  // the output.
  const std::string src_tag = resolve_tag(c.tmx.src_tag, "", "", "--src-tag");
  const std::string tgt_tag = resolve_tag(c.tmx.tgt_tag, "", "", "--tgt-tag");

  refuse_overwriting_inputs(c.output, {c.input});
  Bitext bitext;
  std::size_t dropped = 0;
  std::size_t one_sided = 0;
  std::size_t dropped_codes = 0;
  if (from == "tmx") {
    const std::string bytes =
        c.input == "-" ? read_stream_bytes(std::cin, "<stdin>") : read_file_bytes(c.input);
    const TmxDocument tmx = read_tmx(bytes, c.input == "-" ? "<stdin>" : c.input);
    dropped_codes = tmx.dropped_codes;
    bitext = relabel ? bitext_from_tmx(tmx, tmx.srclang.empty() ? src_tag : tmx.srclang, "")
                     : bitext_from_tmx(tmx, src_tag.empty() ? tmx.srclang : src_tag, tgt_tag);
  } else {
    std::string text = load_text(c.input);
    // The header line becomes blank (skipped), so line numbers stay true.
    if (c.header) text.erase(0, std::min(text.find('\n'), text.size()));
    bitext = read_bitext_tsv(text, c.input == "-" ? "<stdin>" : c.input);
  }
  for (const Bead& bead : bitext.beads) one_sided += bead.is_pair() ? 0 : 1;

  std::unique_ptr<OutputFile> file;
  if (to_file) file = std::make_unique<OutputFile>(c.output);
  std::ostream& out = file ? file->stream() : std::cout;
  const std::string where = file ? file->path().string() : "standard output";
  try {
  if (to == "tsv") {
    write_bitext_tsv(bitext, out);
    out.flush();
    if (!out) throw OutputError(fmt::format("{}: write failed", where));
  } else {
    OutputOptions options;
    options.src_tag = resolve_tag(src_tag, kSrcTagVariable, relabel ? bitext.src.lang : "ar", "--src-tag");
    options.tgt_tag = resolve_tag(tgt_tag, kTgtTagVariable, relabel ? bitext.tgt.lang : "en", "--tgt-tag");
    options.tool_version = JISR_VERSION;
    apply_tmx_options(c.tmx, options);
    dropped = write_alignment(Format::tmx, bitext.src, bitext.tgt, bitext.beads, options, out)
                  .dropped_characters;
  }
  } catch (const OutputError&) {
    if (file && !out) file->throw_write_error();
    if (!out) throw OutputError(fmt::format("{}: write failed", where));
    throw;
  }
  if (file) file->commit();
  // Warnings about text changed on the way are printed unless -q; the
  // summary follows the summary rule.
  if (!c.quiet && dropped > 0)
    fmt::print(stderr, "jisr: warning: dropped {} characters that XML 1.0 forbids\n", dropped);
  if (!c.quiet && dropped_codes > 0)
    fmt::print(stderr, "jisr: warning: dropped {} inline codes (<bpt>, <ept>, <it>, <ph>, <ut>) from segments\n",
               dropped_codes);
  if (!wants_summary(c.quiet, c.summary)) return;
  fmt::print(stderr, "jisr: converted {} {} {} to {} ({})\n", bitext.beads.size(),
             from == "tmx" ? "translation units" : "lines", from, to,
             file ? file->path().string() : "standard output");
  if (one_sided > 0)
    fmt::print(stderr, "  {}: {} with one side only{}\n", to == "tmx" ? "left out" : "kept",
               one_sided, to == "tmx" ? " (a translation unit needs both)" : " (empty field)");
  if (bitext.extra_variants > 0)
    fmt::print(stderr, "  left out: {} <tuv> in neither language (or a second one in the same)\n",
               bitext.extra_variants);
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
  sub->add_option("-f,--format,--to", c->to, "Output format, as -f in every command (default: from -o, else the other one)")
      ->check(CLI::IsMember({"tmx", "tsv"}));
  add_tmx_options(sub, c->tmx,
                  "for TMX input the srclang and any other language; for TMX output ar and en. "
                  "TMX to TMX relabels the sides");
  sub->add_flag("--header", c->header, "The TSV input starts with a header line, which is skipped");
  add_summary_flags(*sub, c->quiet, c->summary);
  sub->callback([c] { run_convert(*c); });
}

}  // namespace jisr::cli
