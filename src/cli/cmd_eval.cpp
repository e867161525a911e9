// jisr eval: score a test alignment against a gold one.
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/eval_split.hpp"
#include "jisr/error.hpp"
#include "jisr/eval.hpp"
#include "jisr/text.hpp"

namespace jisr::cli {

namespace {

struct EvalCommand {
  std::string gold, test;
  bool include_null = false;
  bool json = false;
  SplitEvalOptions split;
};

void run_eval(const EvalCommand& c) {
  if (c.split.enabled) return run_split_eval(c.gold, c.test, c.json, c.split);
  const Alignment gold = parse_beads(load_text(c.gold), c.gold);
  const Alignment test = parse_beads(load_text(c.test), c.test);
  EvalOptions options;
  options.include_null = c.include_null;
  const Counts counts = count_matches(gold, test, options);
  const Prf strict = strict_prf(counts), lax = lax_prf(counts);
  if (c.json) {
    nlohmann::json j{{"gold_beads", counts.gold},
                     {"test_beads", counts.test},
                     {"strict", {{"precision", strict.precision}, {"recall", strict.recall}, {"f1", strict.f1}}},
                     {"lax", {{"precision", lax.precision}, {"recall", lax.recall}, {"f1", lax.f1}}}};
    fmt::print("{}\n", j.dump());
    return;
  }
  fmt::print("beads: {} gold, {} test ({})\n", counts.gold, counts.test,
             c.include_null ? "all beads" : "beads with both sides non-empty");
  fmt::print("{:<8}{:>10}{:>10}{:>10}\n", "", "precision", "recall", "F1");
  fmt::print("{:<8}{:>10.4f}{:>10.4f}{:>10.4f}\n", "strict", strict.precision, strict.recall, strict.f1);
  fmt::print("{:<8}{:>10.4f}{:>10.4f}{:>10.4f}\n", "lax", lax.precision, lax.recall, lax.f1);
}

}  // namespace

void add_eval_command(CLI::App& app) {
  auto c = std::make_shared<EvalCommand>();
  CLI::App* sub = app.add_subcommand(
      "eval",
      "Score beads against gold beads. strict: the identical bead is in the other alignment; lax: a "
      "bead of the other alignment shares a sentence on each side. Precision over test beads, recall "
      "over gold beads, F1 their harmonic mean; by default only beads with both sides non-empty count");
  sub->add_option("--gold", c->gold, "Gold beads, vecalign style ([0]:[0,1] a line)")->required();
  sub->add_option("--test", c->test, "Test beads, same format (jisr align --format beads)")->required();
  sub->add_flag("--include-null", c->include_null, "Count 1-0 and 0-1 beads too");
  sub->add_flag("--json", c->json, "Print JSON instead of a table");
  add_split_eval_options(*sub, c->split);
  sub->callback([c] { run_eval(*c); });
}

}  // namespace jisr::cli
