// jisr train: estimate a model from gold-aligned documents.
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "eval/corpus.hpp"
#include "jisr/error.hpp"
#include "jisr/train.hpp"
#include "jisr/text.hpp"
#include "formats/manifest.hpp"
#include "jisr/aligner.hpp"
#include "util/parallel.hpp"
#include "evidence/clauses.hpp"

namespace jisr::cli {

namespace {

struct TrainCommand {
  std::vector<std::string> sets;
  std::vector<std::string> docs;
  std::string output;
  std::string name = "ar-en";
  std::string src_lang, tgt_lang;
  int max_side = 8;
  double alpha = 0.5;
  std::string lexicon;
  std::string clauses;  // clause rules (JSON), copied into the model
  std::string furniture;  // page furniture rules (JSON), copied into the model
  std::string dictionary;
  bool learn = false;
  bool no_tune = false;
  bool tune_merge_prior = false;
  double gale_church_beads = 0;
  std::vector<std::string> runs_on;  // marks after which a line runs on (Model::runs_on)
  std::string pairs;                // manifest of unaligned document pairs
  std::string start_model = "ar-en";  // first-pass model for --pairs
};

// Aligns the document pairs of a manifest (source_path<TAB>target_path a
// line, relative paths against the manifest's folder) with `start`, several
// pairs at a time; the result stands in for gold beads (Viterbi training).
std::vector<AlignedDocument> align_manifest(const std::string& manifest, const Model& start) {
  const std::vector<detail::ManifestEntry> entries = detail::read_manifest(manifest);
  const Aligner aligner(start);
  std::vector<AlignedDocument> aligned =
      detail::parallel_map(entries.size(), 0, [&](std::size_t k) {
        const Document src = aligner.split(load_text(entries[k].src.string()), start.src_lang,
                                           entries[k].src.string());
        const Document tgt = aligner.split(load_text(entries[k].tgt.string()), start.tgt_lang,
                                           entries[k].tgt.string());
        AlignedDocument d;
        d.name = src.name;
        if (src.sentences.empty() || tgt.sentences.empty()) return d;  // nothing to learn from
        d.gold = aligner.align(src, tgt);
        d.src = src.sentences;
        d.tgt = tgt.sentences;
        return d;
      });
  std::vector<AlignedDocument> out;
  for (AlignedDocument& d : aligned)
    if (!d.gold.empty()) out.push_back(std::move(d));
  if (out.empty()) throw InputError(fmt::format("{}: lists no document pair with text", manifest));
  return out;
}

void run_train(const TrainCommand& c, const std::string& command_line) {
  if (!c.docs.empty() && c.docs.size() != c.sets.size())
    throw UsageError("give one --docs list for each --set, or none");
  if (c.sets.empty() && c.pairs.empty()) throw UsageError("give --set (gold beads) or --pairs (a manifest), or both");
  std::vector<AlignedDocument> docs;
  std::string data;
  std::string src_lang = c.src_lang, tgt_lang = c.tgt_lang;
  std::optional<Model> start;
  std::vector<std::size_t> groups;  // per document: 0 for --pairs, k + 1 for the k-th --set
  if (!c.pairs.empty()) {
    start = load_model(c.start_model);
    docs = align_manifest(c.pairs, *start);
    src_lang = start->src_lang;
    tgt_lang = start->tgt_lang;
    groups.assign(docs.size(), 0);
    data = fmt::format("{} ({} document pairs without gold, aligned by model {})",
                       std::filesystem::path(c.pairs).filename().string(), docs.size(), c.start_model);
  }
  for (std::size_t k = 0; k < c.sets.size(); ++k) {
    const CorpusSet set = open_set(c.sets[k], c.docs.empty() ? std::string{} : c.docs[k], src_lang, tgt_lang);
    src_lang = set.src_lang;
    tgt_lang = set.tgt_lang;
    for (const SetDocument& d : set.docs) {
      docs.push_back(read_aligned_document(d));
      groups.push_back(k + 1);
    }
    data += fmt::format("{}{} ({} documents{})", data.empty() ? "" : "; ",
                        std::filesystem::path(c.sets[k]).filename().string(), set.docs.size(),
                        c.docs.empty() ? "" : ", listed in " + std::filesystem::path(c.docs[k]).filename().string());
  }
  TrainOptions options;
  options.name = c.name;
  options.src_lang = src_lang;
  options.tgt_lang = tgt_lang;
  options.max_side = c.max_side;
  options.alpha = c.alpha;
  options.tune_anchors = !c.no_tune;
  options.tune_merge_prior = c.tune_merge_prior;
  options.gale_church_beads = c.gale_church_beads;
  options.runs_on = c.runs_on;
  options.dictionary = c.dictionary;
  options.learn_translations = c.learn;
  options.groups = std::move(groups);
  if (!c.clauses.empty()) options.clause_rules = parse_clause_rules(load_text(c.clauses), c.clauses);
  if (!c.furniture.empty()) options.furniture = parse_furniture_params(load_text(c.furniture), c.furniture);
  if (!c.lexicon.empty()) {
    // The model names its lexicon relative to its own folder.
    const auto out_dir = std::filesystem::absolute(c.output).parent_path();
    options.lexicon_for_training = std::filesystem::absolute(c.lexicon);
    options.lexicon = std::filesystem::relative(options.lexicon_for_training, out_dir);
  }
  options.provenance = fmt::format("{}; data: {}", command_line, data);
  if (start) {  // no gold to tune on: keep the first-pass weights
    options.tune_anchors = false;
    options.tune_merge_prior = false;
  }
  Model model = estimate_model(docs, options);
  // A model that loading would refuse (a bead type without probability) is
  // not written.
  (void)Model::from_json(model.to_json(), c.output);
  if (start) {
    model.anchors.weight = start->anchors.weight;
    model.anchors.cap = start->anchors.cap;
  }
  OutputFile out(c.output);
  out.stream() << model.to_json();
  out.commit();
  fmt::print(stderr, "jisr: wrote {}: c = {:.4f}, s2 = {:.4f}, anchor weight {} cap {} from {} documents\n",
             c.output, model.length.c, model.length.s2, model.anchors.weight, model.anchors.cap, docs.size());
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto c = std::make_shared<TrainCommand>();
  CLI::App* sub = app.add_subcommand("train", "Estimate a model (length statistics, bead priors) from gold-aligned sets");
  sub->add_option("--set", c->sets, "Folder of gold-aligned documents (DOC.SRC, DOC.TGT, DOC.gold); repeatable");
  sub->add_option("--pairs", c->pairs,
                  "Manifest of document pairs without gold (source_path<TAB>target_path a line): they are "
                  "split, aligned with --model, and their beads train the new model (Viterbi training)");
  sub->add_option("-m,--model", c->start_model, "First-pass model for --pairs")->capture_default_str();
  sub->add_option("--docs", c->docs, "File listing the documents to use, one name a line; one per --set");
  sub->add_option("-o,--output", c->output, "Model file to write (JSON)")->required();
  sub->add_option("--name", c->name, "Model name")->capture_default_str();
  sub->add_option("--src-lang", c->src_lang, "Source language of the sets (default: from the file names)");
  sub->add_option("--tgt-lang", c->tgt_lang, "Target language of the sets");
  sub->add_option("--max-side", c->max_side, "Largest bead side the model allows")->check(CLI::Range(1, 8))->capture_default_str();
  sub->add_option("--clauses", c->clauses,
                  "Clause rules by language (JSON, as models/anchors/clauses.json); turns on clause evidence");
  sub->add_option("--furniture", c->furniture,
                  "Page furniture rules (JSON, as models/anchors/furniture.json): breadcrumbs, share prompts, "
                  "copyright lines and the like, which pair with furniture or with nothing");
  sub->add_option("--runs-on", c->runs_on,
                  "A mark after which a line without final punctuation runs on into the next (a slogan's "
                  "comma, a list item's semicolon) instead of standing open as a heading; repeat for each mark");
  sub->add_option("--lexicon", c->lexicon, "Bilingual lexicon (TSV) the model will use for anchors");
  sub->add_option("--dictionary", c->dictionary,
                  "Dictionary for word anchors: system (Debian's FreeDict Arabic-English, if installed) or a file");
  sub->add_flag("--learn-translations", c->learn,
                "Learn a word translation table (IBM Model 1) from the gold beads and store it in the model");
  sub->add_flag("--no-tune", c->no_tune, "Keep the default anchor weight and cap instead of choosing them on the data");
  sub->add_flag("--tune-merge-prior", c->tune_merge_prior,
                "Scale the prior of many-to-many beads (2-2) by the factor of a small grid that gives the best F1 "
                "on the training sets: the length match favours merging two one-to-one beads");
  sub->add_option("--gale-church-beads", c->gale_church_beads,
                  "Pseudo-beads spread as Gale and Church's (1993) published bead frequencies (1-1 0.89, 1-2 and "
                  "2-1 0.089, 2-2 0.011, 1-0 and 0-1 0.0099), added to the gold's counts before the priors are "
                  "fitted: a model trained on little data keeps priors between its own counts and theirs")
      ->check(CLI::Range(0.0, 1e9))
      ->capture_default_str();
  sub->add_option("--alpha", c->alpha, "Ridge on the shape parameters of the bead-type prior (above 0, at most 1000)")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            const double v = std::strtod(text.c_str(), nullptr);
            return std::isfinite(v) && v > 0 && v <= 1000 ? "" : "must be a number above 0 and at most 1000";
          },
          "ALPHA"))
      ->capture_default_str();
  sub->callback([c] {
    std::string line = "jisr train";
    if (!c->pairs.empty()) line += " --pairs " + std::filesystem::path(c->pairs).filename().string() + " --model " + c->start_model;
    for (std::size_t k = 0; k < c->sets.size(); ++k) {
      line += " --set " + std::filesystem::path(c->sets[k]).filename().string();
      if (k < c->docs.size()) line += " --docs " + std::filesystem::path(c->docs[k]).filename().string();
    }
    line += fmt::format(" --name {} --max-side {} --alpha {}", c->name, c->max_side, c->alpha);
    if (!c->lexicon.empty()) line += " --lexicon " + std::filesystem::path(c->lexicon).filename().string();
    if (!c->dictionary.empty()) line += " --dictionary " + c->dictionary;
    if (!c->clauses.empty()) line += " --clauses " + std::filesystem::path(c->clauses).filename().string();
    if (!c->furniture.empty()) line += " --furniture " + std::filesystem::path(c->furniture).filename().string();
    for (const std::string& mark : c->runs_on) line += " --runs-on " + mark;
    if (c->learn) line += " --learn-translations";
    if (c->no_tune) line += " --no-tune";
    if (c->tune_merge_prior) line += " --tune-merge-prior";
    if (c->gale_church_beads > 0) line += fmt::format(" --gale-church-beads {}", c->gale_church_beads);
    run_train(*c, line);
  });
}

}  // namespace jisr::cli
