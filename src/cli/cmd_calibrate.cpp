// jisr calibrate: fit the bead and document score calibration of a model on
// gold sets, and write it beside the model (MODEL.calibration.json).
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "jisr/aligner.hpp"
#include "jisr/error.hpp"

#include "align/score.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "eval/corpus.hpp"
#include "eval/reliability.hpp"
#include "train/calibrate.hpp"

namespace jisr::cli {

namespace {

struct CalibrateCommand {
  std::string model = "ar-en";
  std::vector<std::string> sets, docs;
  // Sets for the bead model only: documents made for calibration (such as
  // scripts/join-sentences writes) show beads that real text rarely does,
  // but not what a real pair of documents looks like.
  std::vector<std::string> bead_sets, bead_docs;
  std::string output;  // default: beside the model
  unsigned threads = 0;
  // Penalty on the bead model's standardised weights (the rows weigh about
  // one bead each). Larger penalties were tried with each dev set left out of
  // the fit in turn (BENCHMARKS.md): they lower the held-out error on
  // restructured text, but push nearly every bead over 0.9, so a threshold no
  // longer tells doubtful beads from sure ones. The bead model's weights keep
  // to bead_feature_signs().
  double l2 = 1.0;
};

void run_calibrate(const CalibrateCommand& c, const std::string& command_line) {
  if (c.sets.empty()) throw UsageError("give at least one --set");
  if (c.docs.size() != c.sets.size()) throw UsageError("give one --docs list for each --set");
  if (c.bead_docs.size() != c.bead_sets.size()) throw UsageError("give one --bead-docs list for each --bead-set");
  check_threads(c.threads, "--threads");
  const std::filesystem::path model_path = find_model(c.model);
  const std::filesystem::path output =
      c.output.empty() ? calibration_path(model_path) : std::filesystem::path(c.output);
  refuse_overwriting_inputs(output.string(), {model_path.string()});
  SetRunOptions options;
  options.model = load_model(c.model);
  options.model.calibration.reset();  // features do not depend on it; scores are refitted below
  options.threads = c.threads;

  struct SetData {
    CorpusSet set;
    std::vector<DocumentRun> runs;
    std::vector<Alignment> mismatched;
    bool documents = true;  // also fits the document model
  };
  std::vector<SetData> data;
  std::size_t all_beads = 0;
  const std::size_t n_sets = c.sets.size() + c.bead_sets.size();
  for (std::size_t k = 0; k < n_sets; ++k) {
    const bool documents = k < c.sets.size();
    const std::string& dir = documents ? c.sets[k] : c.bead_sets[k - c.sets.size()];
    const std::string& list = documents ? c.docs[k] : c.bead_docs[k - c.sets.size()];
    SetData d{open_set(dir, list), {}, {}, documents};
    d.runs = run_set(d.set, options);
    if (documents) d.mismatched = align_mismatched(d.runs, d.set, options);
    all_beads += count_pair_beads(d.runs);
    fmt::print(stderr, "jisr: {}: {} documents, {} beads with both sides{}\n", dir, d.runs.size(),
               count_pair_beads(d.runs), documents ? "" : " (bead model only)");
    data.push_back(std::move(d));
  }
  // Every set weighs the same; the weights average 1 over all beads.
  TrainingRows beads;
  for (const SetData& d : data) {
    const std::size_t n = count_pair_beads(d.runs);
    if (n > 0)
      add_bead_rows(d.runs,
                    static_cast<double>(all_beads) /
                        (static_cast<double>(data.size()) * static_cast<double>(n)),
                    beads);
  }
  Calibration fitted;
  fitted.bead = fit_logistic(bead_feature_names(), beads, c.l2, bead_feature_signs());
  // Document rows from alignments scored with the new bead model.
  TrainingRows documents;
  std::size_t positives = 0, negatives = 0;
  auto add_document = [&](Alignment alignment, std::span<const Sentence> src,
                          std::span<const Sentence> tgt, int label) {
    calibrate_scores(fitted.bead, alignment);
    const SideLengths chars = document_lengths(src, tgt);
    documents.x.push_back(document_features(alignment, chars.src, chars.tgt, options.model.length.c));
    documents.y.push_back(label);
    documents.weight.push_back(1.0);
    (label == 1 ? positives : negatives) += 1;
  };
  for (const SetData& d : data) {
    if (!d.documents) continue;
    for (const DocumentRun& run : d.runs) add_document(run.test, run.src, run.tgt, 1);
    for (std::size_t k = 0; k < d.mismatched.size(); ++k)
      add_document(d.mismatched[k], d.runs[k].src, d.runs[(k + 1) % d.runs.size()].tgt, 0);
  }
  // Each class weighs the same.
  for (std::size_t r = 0; r < documents.y.size(); ++r)
    documents.weight[r] = static_cast<double>(documents.y.size()) /
                          (2.0 * static_cast<double>(documents.y[r] == 1 ? positives : negatives));
  fitted.document = fit_logistic(document_feature_names(), documents);
  fitted.provenance = command_line;
  fitted.save(output);
  fmt::print(stderr, "jisr: wrote {} ({} beads, {} true and {} mismatched document pairs)\n",
             output.string(), beads.y.size(), positives, negatives);
}

}  // namespace

void add_calibrate_command(CLI::App& app) {
  auto c = std::make_shared<CalibrateCommand>();
  CLI::App* sub = app.add_subcommand(
      "calibrate",
      "Fit a model's score calibration on gold sets (writes MODEL.calibration.json beside it)");
  sub->footer(
      "Aligns every listed document, fits a logistic model of 'the bead is in the gold' over each bead's cost "
      "parts (every set weighing the same; a cost never raises a score, evidence never lowers it), then a logistic model of 'the two documents are translations' on "
      "true pairs against each document's source with the next one's target. scripts/calibrate runs it for "
      "the installed models on the shared dev sets.");
  sub->add_option("-m,--model", c->model, "Model: a NAME from the installed models or a JSON file")
      ->capture_default_str();
  sub->add_option("--set", c->sets,
                  "Folder of gold-aligned documents (DOC.SRC, DOC.TGT, DOC.gold); repeatable");
  sub->add_option("--docs", c->docs,
                  "File listing the documents to use, one name a line; one per --set");
  sub->add_option("--bead-set", c->bead_sets,
                  "A gold-aligned folder the bead model alone is fitted on (documents made for calibration, such "
                  "as scripts/join-sentences writes); repeatable");
  sub->add_option("--bead-docs", c->bead_docs, "File listing the documents to use; one per --bead-set");
  sub->add_option(
      "-o,--output", c->output,
      "Where to write the calibration (default: MODEL.calibration.json beside the model)");
  sub->add_option("--l2", c->l2, "L2 penalty on the standardised weights of the bead model")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--threads", c->threads, "Documents aligned at once (0: all cores)")
      ->capture_default_str();
  sub->callback([c] {
    std::string line =
        fmt::format("jisr calibrate --model {}", std::filesystem::path(c->model).stem().string());
    for (std::size_t k = 0; k < c->sets.size(); ++k) {
      line += " --set " + std::filesystem::path(c->sets[k]).filename().string();
      if (k < c->docs.size())
        line += " --docs " + std::filesystem::path(c->docs[k]).filename().string();
    }
    for (std::size_t k = 0; k < c->bead_sets.size(); ++k) {
      line += " --bead-set " + std::filesystem::path(c->bead_sets[k]).filename().string();
      if (k < c->bead_docs.size())
        line += " --bead-docs " + std::filesystem::path(c->bead_docs[k]).filename().string();
    }
    run_calibrate(*c, line);
  });
}

}  // namespace jisr::cli
