#include "cli/eval_split.hpp"

#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "eval/split_eval.hpp"
#include "jisr/text.hpp"

namespace jisr::cli {

namespace {

nlohmann::json to_json(const BoundaryCounts& c) {
  const Prf p = boundary_prf(c);
  return {{"gold", c.gold},           {"test", c.test},     {"correct", c.correct},
          {"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}};
}

void print_row(std::string_view label, const BoundaryCounts& c) {
  const Prf p = boundary_prf(c);
  fmt::print("{:<18}{:>7}{:>7}{:>9}{:>11.4f}{:>9.4f}{:>9.4f}\n", label, c.gold, c.test, c.correct,
             p.precision, p.recall, p.f1);
}

}  // namespace

void add_split_eval_options(CLI::App& sub, SplitEvalOptions& options) {
  sub.add_flag(
      "--split", options.enabled,
      "Score sentence splitting instead of beads: GOLD and TEST hold one sentence a line. "
      "With white space removed both must give the same characters; a boundary is the "
      "character offset where one line ends and the next begins (not the end of the text). "
      "precision = correct test boundaries / test boundaries, recall = correct / gold "
      "boundaries, F1 their harmonic mean (0/0 counts as 1)");
  sub.add_option("--paragraphs", options.paragraphs,
                 "With --split: the running text (blank lines between paragraphs); also report the "
                 "boundaries that are not paragraph breaks");
}

void run_split_eval(const std::string& gold, const std::string& test, bool json,
                    const SplitEvalOptions& options) {
  const std::string gold_text = load_text(gold), test_text = load_text(test);
  std::string para_text;
  std::optional<NamedText> paragraphs;
  if (!options.paragraphs.empty()) {
    para_text = load_text(options.paragraphs);
    paragraphs = NamedText{para_text, options.paragraphs};
  }
  const SplitScore s = score_split({gold_text, gold}, {test_text, test}, paragraphs);
  if (json) {
    nlohmann::json j{{"all", to_json(s.all)}};
    if (paragraphs) {
      j["within_paragraphs"] = to_json(s.within);
      j["paragraph_breaks"] = s.paragraph_breaks;
    }
    fmt::print("{}\n", j.dump());
    return;
  }
  fmt::print("{:<18}{:>7}{:>7}{:>9}{:>11}{:>9}{:>9}\n", "boundaries", "gold", "test", "correct",
             "precision", "recall", "F1");
  print_row("all", s.all);
  if (paragraphs) print_row("within paragraphs", s.within);
}

}  // namespace jisr::cli
