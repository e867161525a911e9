// jisr anchors: the anchor keys found in each sentence of a text.
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "jisr/anchors.hpp"
#include "jisr/split.hpp"
#include "jisr/text.hpp"
#include "evidence/dictionary.hpp"
#include "evidence/stamps.hpp"

namespace jisr::cli {

namespace {

struct AnchorsCommand {
  std::string lang;
  std::string input = "-";
  std::string model = "ar-en";
  bool presplit = false;
};

void run_anchors(const AnchorsCommand& c) {
  check_language_tag(c.lang, "--lang");
  const Model model = load_model(c.model);
  const std::string text = load_text(c.input);
  std::vector<Sentence> sentences;
  if (c.presplit) {
    sentences = read_presplit(text);
  } else {
    SplitOptions options;
    options.lang = c.lang;
    options.rules_dir = models_dir() / "split";
    sentences = SentenceSplitter(options).split(text);
  }
  AnchorOptions options;
  options.lang = c.lang;
  options.lexicon = model.anchors.lexicon;
  options.lexicon_side_is_src = c.lang == model.src_lang;
  options.dictionary = model.anchors.dictionary_data.get();
  options.dictionary_side_is_src = options.lexicon_side_is_src;
  const AnchorExtractor extractor(options);
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const std::vector<AnchorKey> found = extractor.find(sentences[k].text);
    std::vector<AnchorType> types;
    for (const AnchorKey& key : found) types.push_back(key.type);
    // The aligner leaves a page's time stamp without keys (stamps.hpp).
    std::string keys;
    if (!is_time_stamp(sentences[k].text, types))
      for (const AnchorKey& key : found) keys += (keys.empty() ? "" : " ") + key.key;
    fmt::print("{}\t{}\t{}\n", k, keys, sentences[k].text);
  }
}

}  // namespace

void add_anchors_command(CLI::App& app) {
  auto c = std::make_shared<AnchorsCommand>();
  CLI::App* sub = app.add_subcommand(
      "anchors", "Show the anchor keys of each sentence: index<TAB>keys<TAB>sentence; a page's time stamp (`Saturday, 22 April 2023 10:37`) has none");
  sub->add_option("--lang,-l", c->lang, "Language of the text")->required();
  sub->add_option("input", c->input, "Input file, or - for standard input")->capture_default_str();
  sub->add_option("-m,--model", c->model, "Model whose lexicon to use")->capture_default_str();
  sub->add_flag("--presplit", c->presplit, "The input holds one sentence a line");
  sub->callback([c] { run_anchors(*c); });
}

}  // namespace jisr::cli
