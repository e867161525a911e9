// Where installed models and split rules are found (aligner.hpp).
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <unicode/locid.h>

#include "jisr/aligner.hpp"
#include "jisr/error.hpp"

namespace jisr {

namespace fs = std::filesystem;

namespace {

// The places to look, in order; each comes with what it is, for messages.
std::vector<std::pair<fs::path, std::string>> candidates() {
  std::vector<std::pair<fs::path, std::string>> out;
  if (const char* env = std::getenv("JISR_MODELS"); env != nullptr && *env != '\0')
    out.emplace_back(env, "$JISR_MODELS");
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) out.emplace_back(exe.parent_path().parent_path() / "share" / "jisr" / "models", "beside the executable");
#ifdef JISR_INSTALL_MODELS_DIR
  out.emplace_back(JISR_INSTALL_MODELS_DIR, "the install prefix");
#endif
#ifdef JISR_SOURCE_MODELS_DIR
  out.emplace_back(JISR_SOURCE_MODELS_DIR, "the source tree");
#endif
  return out;
}

}  // namespace

fs::path find_models_dir() {
  const auto places = candidates();
  std::string looked;
  for (const auto& [dir, what] : places) {
    std::error_code ec;
    // $JISR_MODELS, when set, is the answer even if wrong: the user chose it.
    if (what == "$JISR_MODELS" || fs::is_directory(dir, ec)) return dir;
    looked += fmt::format("\n  {} ({})", dir.string(), what);
  }
  throw ModelError(fmt::format("cannot find jisr's models folder; looked in:{}\n"
                               "set JISR_MODELS to the folder that holds ar-en.json",
                               looked));
}

fs::path find_model(const std::string& name_or_path) {
  const fs::path as_path(name_or_path);
  std::error_code ec;
  if (fs::is_regular_file(as_path, ec)) return as_path;
  if (name_or_path.find('/') != std::string::npos || as_path.extension() == ".json")
    throw ModelError(fmt::format("{}: no such model file", name_or_path));
  const fs::path installed = find_models_dir() / (name_or_path + ".json");
  if (!fs::is_regular_file(installed, ec))
    throw ModelError(fmt::format("no model named \"{}\" (looked for {}; set JISR_MODELS to choose the folder)",
                                 name_or_path, installed.string()));
  return installed;
}

std::string model_for_languages(const std::string& src_lang, const std::string& tgt_lang) {
  // The language subtag, lower case, as ICU reads a BCP 47 tag; empty for
  // a tag ICU cannot read, which names no installed model.
  auto language = [](const std::string& tag) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
    return U_SUCCESS(status) ? std::string(locale.getLanguage()) : std::string();
  };
  const std::string name = language(src_lang) + "-" + language(tgt_lang);
  std::error_code ec;
  return fs::is_regular_file(find_models_dir() / (name + ".json"), ec) ? name : "generic";
}

}  // namespace jisr
