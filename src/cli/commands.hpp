// The subcommands of the jisr tool. Each adds itself to the application;
// its callback runs the command and throws jisr::Error on failure.
#pragma once

#include <CLI/CLI.hpp>

namespace jisr::cli {

void add_split_command(CLI::App& app);
void add_align_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_calibrate_command(CLI::App& app);
void add_anchors_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_batch_command(CLI::App& app);
void add_docalign_command(CLI::App& app);

}  // namespace jisr::cli
