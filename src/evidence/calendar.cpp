#include "evidence/calendar.hpp"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>

#include "util/icu.hpp"

namespace jisr {

CalendarNames CalendarNames::load(bool arabic, std::string_view lang,
                                  const MatchNormalizer& normalize) {
  CalendarNames names;
  if (arabic) {
    for (const char* locale :
         {"ar", "ar_SY", "ar_IQ", "ar_LB", "ar_JO", "ar_PS", "ar_MA", "ar_TN", "ar_DZ"})
      names.add(locale, normalize);
  } else {
    names.add(std::string(lang).c_str(), normalize);
    names.add("en", normalize);
  }
  return names;
}

void CalendarNames::add(const char* locale, const MatchNormalizer& normalize) {
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols{icu::Locale(locale), status};
  detail::check_icu(status, "DateFormatSymbols");
  using S = icu::DateFormatSymbols;
  for (const auto context : {S::FORMAT, S::STANDALONE}) {
    for (const auto width : {S::WIDE, S::ABBREVIATED}) {
      int32_t n = 0;
      const icu::UnicodeString* names = symbols.getMonths(n, context, width);
      for (int32_t k = 0; k < n && k < 12; ++k) months.emplace(normalize(names[k]), k + 1);
      const icu::UnicodeString* weekdays = symbols.getWeekdays(n, context, width);
      for (int32_t k = 1; k < n && k <= 7; ++k) days.emplace(normalize(weekdays[k]), k);
    }
  }
}

}  // namespace jisr
