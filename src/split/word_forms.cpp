#include "split/word_forms.hpp"

#include <string>

#include <fmt/format.h>

#include "jisr/error.hpp"

#include <hunspell/hunspell.hxx>

namespace jisr::detail {

WordForms::WordForms(std::filesystem::path dic) : dic_(std::move(dic)) {}

WordForms::~WordForms() = default;

bool WordForms::contains(std::string_view word) const {
  if (dic_.empty()) return false;
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!hunspell_) {
    std::filesystem::path aff = dic_;
    aff.replace_extension(".aff");
    std::error_code ec;
    if (!std::filesystem::exists(dic_, ec) || !std::filesystem::exists(aff, ec))
      throw ModelError(fmt::format("{}: Hunspell dictionary not found (needs {} beside it)",
                                   dic_.string(), aff.filename().string()));
    hunspell_ = std::make_unique<Hunspell>(aff.c_str(), dic_.c_str());
  }
  return hunspell_->spell(std::string(word));
}

std::filesystem::path system_word_forms(std::string_view lang) {
  std::string primary(lang.substr(0, lang.find_first_of("-_")));
  for (char& c : primary)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  const std::filesystem::path dic =
      std::filesystem::path("/usr/share/hunspell") / (primary + ".dic");
  std::error_code ec;
  return std::filesystem::exists(dic, ec) ? dic : std::filesystem::path();
}

}  // namespace jisr::detail
