#include "evidence/lexicon.hpp"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <unicode/locid.h>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

namespace jisr {

Lexicon::Lexicon(bool arabic, const std::filesystem::path& path, bool side_is_src,
                 const MatchNormalizer& normalize)
    : arabic_(arabic) {
  add_country_names(normalize);
  if (!path.empty()) load(path, side_is_src, normalize);
}

int Lexicon::find(const std::string& phrase) const {
  const auto it = phrases_.find(phrase);
  return it == phrases_.end() ? -1 : it->second;
}

int Lexicon::find_demonym(std::string_view word) const {
  const auto it = demonyms_.find(demonym_stem(word));
  return it == demonyms_.end() ? -1 : it->second;
}

// Country names in both languages from ICU's display names: entry ids are
// the region codes' positions, shared by both sides.
void Lexicon::add_country_names(const MatchNormalizer& normalize) {
  const char* const* regions = icu::Locale::getISOCountries();
  const icu::Locale display(arabic_ ? "ar" : "en");
  for (int id = 0; regions[id] != nullptr; ++id) {
    icu::UnicodeString name;
    icu::Locale("", regions[id]).getDisplayCountry(display, name);
    if (name.isEmpty() || name == icu::UnicodeString(regions[id], -1, US_INV)) continue;
    add_phrase(normalize(name), id, true);
  }
}

// The stem a country name shares with its adjectives, so that Syrian,
// Syrians, السوري and السورية meet Syria and سوريا. Arabic drops a final
// ا / يا and the nisba endings ي يه يين يون يات; English drops a plural s,
// then one of ian an ese i, then trailing vowels.
std::string Lexicon::demonym_stem(std::string_view word) const {
  if (word.find(' ') != std::string_view::npos) return {};
  std::string w(word);
  if (arabic_) {
    static constexpr std::string_view kEndings[] = {"يين", "يون", "يات", "يه", "يا", "ي", "ا"};
    for (const auto ending : kEndings)
      if (w.size() >= ending.size() + 6 && w.ends_with(ending)) {
        w.resize(w.size() - ending.size());
        break;
      }
    return w.size() >= 6 ? w : std::string{};  // three Arabic letters at least
  }
  if (w.size() > 4 && w.back() == 's') w.pop_back();
  static constexpr std::string_view kEndings[] = {"ian", "ese", "an", "i"};
  for (const auto ending : kEndings)
    if (w.size() >= ending.size() + 3 && w.ends_with(ending)) {
      w.resize(w.size() - ending.size());
      break;
    }
  while (w.size() > 3 && std::string_view("aeiou").find(w.back()) != std::string_view::npos)
    w.pop_back();
  return w.size() >= 3 ? w : std::string{};
}

void Lexicon::add_phrase(const std::string& phrase, int id, bool country) {
  if (phrase.empty()) return;
  if (country) {
    const std::string stem = demonym_stem(phrase);
    if (!stem.empty()) demonyms_.emplace(stem, id);
  }
  phrases_.emplace(phrase, id);
  max_words_ = std::max(
      max_words_, static_cast<std::size_t>(std::count(phrase.begin(), phrase.end(), ' ') + 1));
}

void Lexicon::load(const std::filesystem::path& path, bool side_is_src,
                   const MatchNormalizer& normalize) {
  // Bounded read: a read error or an endless file (/dev/zero) is an error.
  constexpr std::size_t kMaxLexiconBytes = std::size_t{16} << 20;
  // Matching tries every phrase length up to the longest at each word.
  constexpr std::size_t kMaxLexiconWords = 12;
  std::string text;
  try {
    text = read_file_bytes(path, kMaxLexiconBytes);
  } catch (const Error& e) {
    throw ModelError(e.what());
  }
  std::size_t line_no = 0, at = 0;
  constexpr int kFirstId = 100000;  // after ICU's region ids
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(at, nl - at);
    at = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos)
      throw ModelError(fmt::format("{}:{}: expected 'source<TAB>target'", path.string(), line_no));
    const std::string side = side_is_src ? line.substr(0, tab) : line.substr(tab + 1);
    std::size_t start = 0;
    while (start <= side.size()) {
      std::size_t bar = side.find('|', start);
      if (bar == std::string::npos) bar = side.size();
      const std::string phrase = normalize(icu::UnicodeString::fromUTF8(side.substr(start, bar - start)));
      if (std::count(phrase.begin(), phrase.end(), ' ') >= static_cast<std::ptrdiff_t>(kMaxLexiconWords))
        throw ModelError(
            fmt::format("{}:{}: a phrase of more than {} words", path.string(), line_no, kMaxLexiconWords));
      add_phrase(phrase, kFirstId + static_cast<int>(line_no));
      start = bar + 1;
    }
  }
}

}  // namespace jisr
