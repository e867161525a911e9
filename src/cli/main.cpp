// jisr: sentence alignment of Arabic–English (and other) document pairs.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "jisr/error.hpp"

int main(int argc, char** argv) {
  using namespace jisr::cli;
  install_signal_cleanup();
  CLI::App app("jisr: Arabic–English sentence alignment into TMX, TSV and more", "jisr");
  app.set_version_flag("--version", JISR_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 success, 1 bad input (a message names the file and position), 2 bad usage.\n"
      "Run 'jisr COMMAND --help' for the options of a command.");
  add_split_command(app);
  add_align_command(app);
  add_eval_command(app);
  add_train_command(app);
  add_anchors_command(app);
  add_convert_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const jisr::UsageError& e) {
    fmt::print(stderr, "jisr: {}\n", e.what());
    return kExitUsage;
  } catch (const jisr::Error& e) {
    fmt::print(stderr, "jisr: {}\n", e.what());
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "jisr: out of memory\n");
    return kExitBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "jisr: internal error: {}\n", e.what());
    return 3;
  }
  return kExitOk;
}
