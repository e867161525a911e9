// jisr: sentence alignment of Arabic–English (and other) document pairs.
#include <cstdio>
#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/suggest.hpp"
#include "jisr/aligner.hpp"
#include "jisr/error.hpp"
#include "jisr/model.hpp"

#include <unicode/uversion.h>

namespace {

using namespace jisr::cli;

// `jisr --version`: the version, where the models are and their format,
// and the ICU the tool runs with (its CLDR data decides month names).
std::string version_text() {
  std::string models;
  try {
    models = jisr::find_models_dir().string();
  } catch (const jisr::Error&) {
    models = "not found (set JISR_MODELS)";
  }
  return fmt::format("jisr {}\nmodel format {}; models: {}\nICU {}", JISR_VERSION, jisr::kModelVersion, models,
                     U_ICU_VERSION);
}

// Prints a parse error with a hint: the nearest subcommand to an unknown
// word, the nearest option of the subcommand to an unknown option.
void report_parse_error(const CLI::App& app, const CLI::ParseError& e, const std::vector<std::string>& args) {
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    commands.push_back(sub->get_name());
  const CLI::App* used = nullptr;
  for (const std::string& a : args)
    if (!a.starts_with("-")) {
      for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == a) used = sub;
      break;
    }
  fmt::print(stderr, "jisr: {}\n", e.what());
  std::string hint;
  if (used == nullptr) {
    for (const std::string& a : args)
      if (!a.starts_with("-")) {
        if (const std::string n = nearest(a, commands); !n.empty()) hint = fmt::format("did you mean 'jisr {}'?", n);
        break;
      }
  } else {
    std::vector<std::string> options;
    for (const CLI::Option* o : used->get_options())
      for (const std::string& name : o->get_lnames()) options.push_back("--" + name);
    for (const std::string& a : args) {
      if (!a.starts_with("--")) continue;
      const std::string name = a.substr(0, a.find('='));
      if (std::find(options.begin(), options.end(), name) != options.end()) continue;
      if (const std::string n = nearest(name, options); !n.empty()) {
        hint = fmt::format("did you mean {}?", n);
        break;
      }
    }
  }
  if (!hint.empty()) fmt::print(stderr, "jisr: {}\n", hint);
  fmt::print(stderr, "Run 'jisr{} --help' for usage.\n", used ? " " + used->get_name() : std::string());
}

}  // namespace

int main(int argc, char** argv) {
  install_signal_cleanup();
  CLI::App app("jisr: Arabic–English sentence alignment into TMX, TSV and more", "jisr");
  app.set_version_flag("-V,--version", version_text, "Print the version, the models folder and the ICU version");
  app.require_subcommand(1);
  app.footer(std::string(kExitStatusHelp) + "\nRun 'jisr COMMAND --help' for the options of a command.");
  add_split_command(app);
  add_align_command(app);
  add_eval_command(app);
  add_train_command(app);
  add_calibrate_command(app);
  add_anchors_command(app);
  add_convert_command(app);
  add_batch_command(app);
  add_docalign_command(app);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) sub->footer(kExitStatusHelp);
  // `jisr help COMMAND` is `jisr COMMAND --help`.
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "help") {
    args.erase(args.begin());
    args.emplace_back("--help");
  }
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
    app.parse(reversed);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    report_parse_error(app, e, args);
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
