// jisr eval --split: boundary precision / recall / F1 of a sentence splitter.
// Kept apart from the bead evaluation in cmd_eval.cpp; that command adds these
// options and hands over to run_split_eval() when --split is given.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace jisr::cli {

struct SplitEvalOptions {
  bool enabled = false;    // --split
  std::string paragraphs;  // --paragraphs: running text whose blank lines mark paragraph breaks
};

// Adds --split and --paragraphs to the eval subcommand.
void add_split_eval_options(CLI::App& sub, SplitEvalOptions& options);

// Scores TEST against GOLD (one sentence a line) and prints a table, or JSON.
void run_split_eval(const std::string& gold, const std::string& test, bool json,
                    const SplitEvalOptions& options);

}  // namespace jisr::cli
