// jisr eval: score alignments against gold ones, for one document pair
// (--gold, --test) or for a whole set run through the aligner (--set).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "eval/corpus.hpp"
#include "jisr/error.hpp"
#include "jisr/eval.hpp"
#include "eval/eval_set.hpp"
#include "eval/reliability.hpp"
#include "jisr/formats.hpp"
#include "jisr/text.hpp"

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/eval_split.hpp"
#include "evidence/dictionary.hpp"

namespace jisr::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct EvalCommand {
  // One document: gold and test bead files.
  std::string gold, test;
  // A set: folder, optional document list, aligner settings.
  std::string set_dir, docs_list, aligner_args;
  bool pairs = false;  // raw-text run scored by text pairs
  std::string save_dir;
  unsigned threads = 0;
  double min_score = 0.9;    // threshold whose precision and recall are reported
  bool mismatched = false;   // also score mismatched document pairs (document AUC)
  // Both.
  std::string protocol = "jisr";
  bool include_null = false;
  bool json = false;
  SplitEvalOptions split;  // --split: score a sentence segmentation instead
};

// The modes of the command; each has its own runner below.
enum class EvalMode { document, set, split };

EvalMode mode_of(const EvalCommand& c) {
  const bool document = !c.gold.empty() || !c.test.empty();
  const bool set = !c.set_dir.empty();
  if (c.split.enabled) {
    if (set || c.gold.empty() || c.test.empty())
      throw UsageError("--split scores one segmentation: give --gold and --test");
    return EvalMode::split;
  }
  if (document == set) throw UsageError("give either --gold and --test, or --set");
  if (document && (c.gold.empty() || c.test.empty()))
    throw UsageError("--gold and --test go together");
  if (document &&
      (c.pairs || !c.aligner_args.empty() || !c.docs_list.empty() || !c.save_dir.empty()))
    throw UsageError("--pairs, --docs, --aligner-args and --save-test need --set");
  if (set && c.include_null)
    throw UsageError(
        "--include-null is for --gold/--test; --set reports beads with and without 1-0/0-1");
  if (c.pairs && c.protocol == "vecalign")
    throw UsageError("--protocol vecalign scores beads; --pairs scores text pairs");
  return document ? EvalMode::document : EvalMode::set;
}

// ---- output pieces shared by the modes ----

json prf_json(const Prf& p) {
  return {{"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}};
}

json counts_json(const Counts& c) {
  return {{"gold", c.gold},
          {"test", c.test},
          {"strict_correct_test", c.strict_tp_test},
          {"lax_correct_test", c.lax_tp_test},
          {"strict_found_gold", c.strict_tp_gold},
          {"lax_found_gold", c.lax_tp_gold},
          {"strict", prf_json(strict_prf(c))},
          {"lax", prf_json(lax_prf(c))}};
}

double ratio(std::size_t a, std::size_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

json types_json(const TypeTable& types) {
  json rows = json::array();
  for (const auto& [type, r] : types)
    rows.push_back({{"type", to_string(type)},
                    {"gold", r.gold},
                    {"gold_strict", r.gold_strict},
                    {"gold_lax", r.gold_lax},
                    {"recall_strict", ratio(r.gold_strict, r.gold)},
                    {"recall_lax", ratio(r.gold_lax, r.gold)},
                    {"test", r.test},
                    {"test_strict", r.test_strict},
                    {"precision_strict", ratio(r.test_strict, r.test)}});
  return rows;
}

json text_json(const TextCounts& t) {
  json j = prf_json(text_prf(t));
  j["gold"] = t.gold;
  j["test"] = t.test;
  j["correct"] = t.correct;
  return j;
}

void print_prf_header(const char* title) {
  fmt::print("{:<28}{:>8}{:>8}{:>10}{:>10}{:>8}\n", title, "gold", "test", "precision", "recall",
             "F1");
}

void print_prf_row(const std::string& label, std::size_t gold, std::size_t test, const Prf& p) {
  fmt::print("{:<28}{:>8}{:>8}{:>10.4f}{:>10.4f}{:>8.4f}\n", label, gold, test, p.precision,
             p.recall, p.f1);
}

void print_counts(const std::string& label, const Counts& c) {
  print_prf_row(label + " strict", c.gold, c.test, strict_prf(c));
  print_prf_row(label + " lax", c.gold, c.test, lax_prf(c));
}

void print_types(const TypeTable& types) {
  fmt::print("\n{:<8}{:>8}{:>10}{:>10}{:>8}{:>12}\n", "bead", "gold", "recall", "recall", "test",
             "precision");
  fmt::print("{:<8}{:>8}{:>10}{:>10}{:>8}{:>12}\n", "", "", "strict", "lax", "", "strict");
  for (const auto& [type, r] : types)
    fmt::print("{:<8}{:>8}{:>10.4f}{:>10.4f}{:>8}{:>12.4f}\n", to_string(type), r.gold,
               ratio(r.gold_strict, r.gold), ratio(r.gold_lax, r.gold), r.test,
               ratio(r.test_strict, r.test));
}

// Reliability of bead scores (reliability.hpp) and what --min-score keeps.
json calibration_json(std::span<const DocumentRun> runs, double min_score) {
  const Reliability r = reliability(runs);
  json bins = json::array();
  for (std::size_t k = 0; k < Reliability::kBins; ++k) {
    const ReliabilityBin& b = r.bins[k];
    bins.push_back({{"from", double(k) / Reliability::kBins},
                    {"to", double(k + 1) / Reliability::kBins},
                    {"beads", b.beads},
                    {"mean_score", b.beads == 0 ? 0.0 : b.score_sum / double(b.beads)},
                    {"right", ratio(b.right, b.beads)}});
  }
  const ThresholdScores t = at_threshold(runs, min_score);
  return {{"ece", r.ece()},
          {"beads", r.beads},
          {"right", r.right},
          {"bins", bins},
          {"at_min_score",
           {{"min_score", min_score},
            {"kept", t.kept},
            {"precision", t.precision()},
            {"recall", t.recall_right()},
            {"recall_gold", t.recall_gold()}}}};
}

json document_scores_json(const DocumentScores& d) {
  return {{"auc", d.auc()}, {"true_pairs", d.true_pairs}, {"mismatched", d.mismatched}};
}

void print_calibration(std::span<const DocumentRun> runs, double min_score) {
  const Reliability r = reliability(runs);
  fmt::print("\nbead scores (beads with both sides; right = the bead is in the gold)\n");
  fmt::print("{:<12}{:>8}{:>12}{:>10}\n", "score", "beads", "mean score", "right");
  for (std::size_t k = 0; k < Reliability::kBins; ++k) {
    const ReliabilityBin& b = r.bins[k];
    fmt::print("{:<12}{:>8}{:>12.4f}{:>10.4f}\n",
               fmt::format("{:.1f}-{:.1f}", double(k) / Reliability::kBins, double(k + 1) / Reliability::kBins),
               b.beads, b.beads == 0 ? 0.0 : b.score_sum / double(b.beads), ratio(b.right, b.beads));
  }
  fmt::print("expected calibration error: {:.4f}\n", r.ece());
  const ThresholdScores t = at_threshold(runs, min_score);
  fmt::print("at --min-score {}: {} beads kept, precision {:.4f}, recall {:.4f} of right beads ({:.4f} of gold)\n",
             min_score, t.kept, t.precision(), t.recall_right(), t.recall_gold());
}

// ---- one document ----

void run_document_eval(const EvalCommand& c) {
  const std::string gold_text = load_text(c.gold), test_text = load_text(c.test);
  if (c.protocol == "vecalign") {
    // The original gold of the Bleualign set has non-consecutive sides.
    const Counts v =
        count_vecalign(parse_index_beads(gold_text, c.gold), parse_index_beads(test_text, c.test));
    if (c.json) {
      fmt::print(
          "{}\n",
          json{{"mode", "document"}, {"protocol", "vecalign"}, {"beads", counts_json(v)}}.dump());
      return;
    }
    fmt::print(
        "vecalign protocol: precision over all test beads, recall over gold beads with both sides non-empty\n");
    print_prf_header("");
    print_counts("vecalign", v);
    return;
  }
  const Alignment gold = parse_beads(gold_text, c.gold);
  const Alignment test = parse_beads(test_text, c.test);
  const Counts pairs = count_matches(gold, test);
  const Counts all = count_matches(gold, test, EvalOptions{true});
  TypeTable types;
  count_types(gold, test, types);
  if (c.json) {
    json j{{"mode", "document"},
           {"beads", counts_json(c.include_null ? all : pairs)},
           {"beads_with_null", counts_json(all)},
           {"types", types_json(types)}};
    // The historical top-level keys of this mode.
    j["gold_beads"] = j["beads"]["gold"];
    j["test_beads"] = j["beads"]["test"];
    j["strict"] = j["beads"]["strict"];
    j["lax"] = j["beads"]["lax"];
    fmt::print("{}\n", j.dump());
    return;
  }
  fmt::print("beads: {} gold, {} test ({})\n", (c.include_null ? all : pairs).gold,
             (c.include_null ? all : pairs).test,
             c.include_null ? "all beads" : "beads with both sides non-empty");
  print_prf_header("");
  print_counts("beads", pairs);
  print_counts("with 1-0/0-1", all);
  print_types(types);
}

// ---- a set ----

// Parses the --aligner-args string with the same option names as jisr align.
// Without --model, the installed model named for the set's languages, else
// the generic one (model_for_languages).
SetRunOptions parse_aligner_args(const std::string& args, const CorpusSet& set) {
  std::string model, line_breaks = "heuristic";
  int max_side = 8;
  std::uint32_t band = 0;
  bool no_anchors = false, no_dictionary = false, realign = false;
  CLI::App app("aligner settings", "--aligner-args");
  app.add_flag("--no-anchors", no_anchors);
  app.add_flag("--no-dictionary", no_dictionary);
  app.add_flag("--realign", realign);
  app.add_option("-m,--model", model);
  app.add_option("--max-side", max_side)->check(CLI::Range(1, 8));
  app.add_option("--band", band);
  app.add_option("--line-breaks", line_breaks)
      ->check(CLI::IsMember({"always", "heuristic", "never"}));
  try {
    app.parse(args, false);
  } catch (const CLI::ParseError& e) {
    throw UsageError(
        fmt::format("--aligner-args \"{}\": {} (accepted: --model, --max-side, --band, "
                    "--line-breaks, --no-anchors, --no-dictionary, --realign)",
                    args, e.what()));
  }
  SetRunOptions o;
  if (model.empty()) model = model_for_languages(set.src_lang, set.tgt_lang);
  o.model = load_model(model, !no_anchors && !no_dictionary);
  if (no_anchors) o.model.use_anchors = false;
  if (no_dictionary) o.model.anchors.dictionary_data.reset();
  o.realign = realign;
  o.align.max_side = max_side;
  o.align.band = band;
  o.line_breaks = line_breaks == "always"  ? LineBreaks::always
                  : line_breaks == "never" ? LineBreaks::never
                                           : LineBreaks::heuristic;
  o.rules_dir = models_dir() / "split";
  return o;
}

// Writes DIR/DOC.beads for every document and, for raw-text runs, the
// sentences the splitter produced (DIR/DOC.SRC, DIR/DOC.TGT, one a line).
void save_runs(const fs::path& dir, const CorpusSet& set, std::span<const DocumentRun> runs,
               bool raw_text) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw InputError(fmt::format("{}: cannot create folder: {}", dir.string(), ec.message()));
  for (const DocumentRun& run : runs) {
    Document src{run.name, set.src_lang, run.src}, tgt{run.name, set.tgt_lang, run.tgt};
    OutputFile beads(dir / (run.name + ".beads"));
    (void)write_alignment(Format::beads, src, tgt, run.test, OutputOptions{}, beads.stream());
    beads.commit();
    if (!raw_text) continue;
    for (const Document* d : {&src, &tgt}) {
      OutputFile lines(dir / (run.name + "." + d->lang));
      for (const Sentence& s : d->sentences) lines.stream() << normalize_space(s.text) << '\n';
      lines.commit();
    }
  }
}

void run_set_eval(const EvalCommand& c) {
  check_threads(c.threads, "--threads");
  const CorpusSet set = open_set(c.set_dir, c.docs_list);
  SetRunOptions options = parse_aligner_args(c.aligner_args, set);
  options.raw_text = c.pairs;
  options.original_gold = c.protocol == "vecalign";
  options.threads = c.threads;
  const std::vector<DocumentRun> runs = run_set(set, options);
  if (!c.save_dir.empty()) save_runs(c.save_dir, set, runs, c.pairs);
  const SetScores s = score_runs(runs, c.pairs);
  DocumentScores documents;
  if (c.mismatched) documents = document_scores(runs, align_mismatched(runs, set, options), options.model);
  const std::string gold_file =
      s.original_gold_documents == s.documents ? "DOC.gold.orig"
      : s.original_gold_documents == 0
          ? "DOC.gold"
          : fmt::format("DOC.gold.orig for {} of {} documents, else DOC.gold",
                        s.original_gold_documents, s.documents);
  if (c.json) {
    json j{{"mode", c.pairs ? "set-text" : "set"},
           {"set", set.dir.string()},
           {"docs", c.docs_list},
           {"aligner_args", c.aligner_args},
           {"model", options.model.name},
           {"pooled", true},
           {"documents", s.documents},
           {"src_sentences", s.src_sentences},
           {"tgt_sentences", s.tgt_sentences},
           {"text", text_json(s.text)}};
    if (!c.pairs) {
      j["beads"] = counts_json(s.pairs);
      j["beads_with_null"] = counts_json(s.all);
      j["vecalign"] = counts_json(s.vecalign);
      j["vecalign"]["gold_file"] = gold_file;
      j["types"] = types_json(s.types);
      j["calibration"] = calibration_json(runs, c.min_score);
    }
    if (!documents.true_pairs.empty()) j["documents_score"] = document_scores_json(documents);
    json docs = json::array();
    for (const DocumentRun& run : runs) {
      const SetScores d = score_document(run, c.pairs);
      json row{{"name", run.name},
               {"src_sentences", d.src_sentences},
               {"tgt_sentences", d.tgt_sentences},
               {"text_f1", text_prf(d.text).f1}};
      if (!c.pairs) {
        row["strict_f1"] = strict_prf(d.pairs).f1;
        row["lax_f1"] = lax_prf(d.pairs).f1;
      }
      docs.push_back(row);
    }
    j["per_document"] = docs;
    fmt::print("{}\n", j.dump());
    return;
  }
  fmt::print("set {}: {} documents{}, {} {} and {} {} sentences{}\n", set.dir.string(), s.documents,
             c.docs_list.empty() ? "" : fmt::format(" from {}", c.docs_list), s.src_sentences,
             set.src_lang, s.tgt_sentences, set.tgt_lang,
             c.pairs ? " (split from running text)" : "");
  fmt::print("aligner: {} (model {})\ncounts pooled over documents\n\n",
             c.aligner_args.empty() ? "defaults" : c.aligner_args, options.model.name);
  print_prf_header("");
  if (!c.pairs) {
    print_counts("beads", s.pairs);
    print_counts("with 1-0/0-1", s.all);
  }
  print_prf_row("text pairs", s.text.gold, s.text.test, text_prf(s.text));
  if (c.pairs) return;
  if (c.protocol == "vecalign") {
    fmt::print("\nvecalign protocol against {}:\n", gold_file);
    print_counts("vecalign", s.vecalign);
  }
  print_types(s.types);
  print_calibration(runs, c.min_score);
  if (!documents.true_pairs.empty())
    fmt::print("\ndocument score: AUC {:.4f} over {} true and {} mismatched pairs\n", documents.auc(),
               documents.true_pairs.size(), documents.mismatched.size());
}

void run_eval(const EvalCommand& c) {
  switch (mode_of(c)) {
    case EvalMode::document:
      run_document_eval(c);
      break;
    case EvalMode::set:
      run_set_eval(c);
      break;
    case EvalMode::split:
      run_split_eval(c.gold, c.test, c.json, c.split);
      break;
  }
}

}  // namespace

void add_eval_command(CLI::App& app) {
  auto c = std::make_shared<EvalCommand>();
  CLI::App* sub = app.add_subcommand("eval", "Score alignments (or a sentence split) against gold ones");
  sub->footer(
      "Score beads against gold beads. strict: the identical bead is in the other alignment; lax: a "
      "bead of the other alignment shares a sentence on each side. Precision over test beads, recall "
      "over gold beads, F1 their harmonic mean; counts are pooled over documents. By default only "
      "beads with both sides non-empty count; the table also shows the scores with 1-0/0-1 beads. "
      "--protocol vecalign: precision over every test bead, recall over gold beads with both sides "
      "non-empty (vecalign's score.py; with --set it scores against DOC.gold.orig where present, "
      "the published Bleualign protocol). --pairs: align the running text DOC.*.txt and score the "
      "aligned text pairs (white space normalised) against the gold ones, so splitting errors count");
  sub->add_option("--gold", c->gold, "Gold beads, vecalign style ([0]:[0,1] a line)");
  sub->add_option("--test", c->test, "Test beads, same format (jisr align --format beads)");
  sub->add_option("--set", c->set_dir,
                  "A set folder (DOC.ar, DOC.en, DOC.gold, DOC.*.txt) to align and score");
  sub->add_option(
      "--docs", c->docs_list,
      "With --set: file listing the documents to use, one a line (such as splits/SET.dev.txt)");
  sub->add_option(
      "--aligner-args", c->aligner_args,
      "With --set: aligner settings, as for jisr align: --model, --max-side, --band, --line-breaks");
  sub->add_flag("--pairs", c->pairs, "With --set: align the running text and score text pairs");
  sub->add_option("--min-score", c->min_score,
                  "With --set: the score threshold whose precision and recall are reported")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_flag("--mismatched", c->mismatched,
                "With --set: also align each document's source with the next one's target and report how "
                "well the document score tells true pairs from these (AUC)");
  sub->add_option("--save-test", c->save_dir,
                  "With --set: write the test beads (and split sentences) to this folder");
  sub->add_option("--threads", c->threads, "With --set: documents aligned at once (0: all cores)")
      ->capture_default_str();
  sub->add_option("--protocol", c->protocol, "jisr (default) or vecalign")
      ->check(CLI::IsMember({"jisr", "vecalign"}))
      ->capture_default_str();
  sub->add_flag("--include-null", c->include_null,
                "One document: headline counts include 1-0 and 0-1 beads");
  sub->add_flag("--json", c->json, "Print JSON instead of a table");
  add_split_eval_options(*sub, c->split);
  sub->callback([c] { run_eval(*c); });
}

}  // namespace jisr::cli
