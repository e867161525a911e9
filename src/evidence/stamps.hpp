// Input: a sentence and the types of the anchor keys found in it. Output:
// whether it is a page's time stamp: a line that holds a clock time and
// otherwise only a date (numbers, weekday and month names), such as
// `Saturday, 22 April 2023 10:37` above a press release.
//
// News and press-release sites print the time a page was posted at its
// top. It is the site's record, not the author's text, and the other
// language's page has its own (a different time, or none): its date says
// when the page went up, which may or may not be the date of the release's
// dateline. Its keys are therefore left out of the anchors, so that the
// stamp's date does not pull the other side's dateline into a pair, and a
// stamp left unpaired costs no missed anchors. A dateline (`Gaziantep – 22
// April 2023`, `July 25, 2018`) holds no clock time and keeps its keys.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "jisr/anchors.hpp"

namespace jisr {

// A stamp is a short line: its date and time give at most this many keys
// (weekday, day, month, year, hours, minutes, seconds and a spare).
inline constexpr std::size_t kMaxTimeStampKeys = 8;

[[nodiscard]] bool is_time_stamp(std::string_view sentence, std::span<const AnchorType> key_types);

}  // namespace jisr
