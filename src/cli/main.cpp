// jisr: sentence alignment of Arabic–English (and other) document pairs.
#include <cstdio>
#include <exception>
#include <string>

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
  app.footer(std::string(kExitStatusHelp) + "\nRun 'jisr COMMAND --help' for the options of a command.");
  add_split_command(app);
  add_align_command(app);
  add_eval_command(app);
  add_train_command(app);
  add_anchors_command(app);
  add_convert_command(app);
  add_batch_command(app);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) sub->footer(kExitStatusHelp);
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
    return kExitFailed;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "jisr: out of memory\n");
    return kExitFailed;
  } catch (const std::exception& e) {
    // A fault of jisr itself, not of the input: still a failed run.
    fmt::print(stderr, "jisr: internal error: {}\n", e.what());
    return kExitFailed;
  }
  return kExitOk;
}
