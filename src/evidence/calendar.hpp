// Private: month and weekday names. Input: ICU's calendar symbols of the
// side's locales. Output: normalised name -> month (1..12) or day (1..7);
// all the Arabic month systems (تموز = يوليو) share their numbers.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "evidence/normalize.hpp"

namespace jisr {

struct CalendarNames {
  std::unordered_map<std::string, int> months;  // normalised name (1 or 2 words) -> 1..12
  std::unordered_map<std::string, int> days;    // normalised name -> 1..7

  // The names of the Arabic locales' calendars, or of `lang` and English.
  // Throws IcuError.
  [[nodiscard]] static CalendarNames load(bool arabic, std::string_view lang,
                                          const MatchNormalizer& normalize);

  // Adds the wide and abbreviated names of one locale.
  void add(const char* locale, const MatchNormalizer& normalize);
};

}  // namespace jisr
