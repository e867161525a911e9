#include "cli/tmx_options.hpp"

#include <cstdlib>
#include <ctime>
#include <regex>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "jisr/error.hpp"

#include "cli/common.hpp"

namespace jisr::cli {

void add_tmx_options(CLI::App* sub, TmxCommandOptions& o, const std::string& tag_help) {
  sub->add_option("--src-tag", o.src_tag,
                  fmt::format("TMX xml:lang of the source, such as ar-SY (default: ${}, else {})",
                              kSrcTagVariable, tag_help));
  sub->add_option("--tgt-tag", o.tgt_tag,
                  fmt::format("TMX xml:lang of the target, such as en-US (default: ${}, else {})",
                              kTgtTagVariable, tag_help));
  sub->add_option("--creation-date", o.creation_date,
                  "TMX creationdate of the header and every unit, YYYYMMDDThhmmssZ (default: "
                  "$SOURCE_DATE_EPOCH if set, else now)");
  sub->add_option("--creation-id", o.creation_id,
                  "TMX creationid (the creator) of the header and every unit");
  sub->add_option("--note", o.note, "A <note> for every translation unit");
}

std::string resolve_tag(const std::string& given, const char* variable, const std::string& fallback,
                        const std::string& option) {
  if (!given.empty()) {
    check_language_tag(given, option);
    return given;
  }
  const char* value = *variable == '\0' ? nullptr : std::getenv(variable);
  if (value != nullptr && *value != '\0') {
    check_language_tag(value, fmt::format("${}", variable));
    return value;
  }
  return fallback;
}

void apply_tmx_options(const TmxCommandOptions& o, OutputOptions& out) {
  static const std::regex kDate("[0-9]{8}T[0-9]{6}Z");
  if (!o.creation_date.empty()) {
    if (!std::regex_match(o.creation_date, kDate))
      throw UsageError(fmt::format("--creation-date \"{}\" is not of the form YYYYMMDDThhmmssZ",
                                   o.creation_date));
    out.creation_date = o.creation_date;
  } else if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
             epoch != nullptr && *epoch != '\0') {
    static const std::regex kSeconds("[0-9]{1,12}");
    if (!std::regex_match(epoch, kSeconds))
      throw UsageError(fmt::format("$SOURCE_DATE_EPOCH \"{}\" is not a number of seconds", epoch));
    const auto seconds = static_cast<std::time_t>(std::stoll(epoch));
    if (seconds > 253402300799)  // 9999-12-31T23:59:59Z, the last date of four-digit years
      throw UsageError(fmt::format("$SOURCE_DATE_EPOCH \"{}\" is past the year 9999", epoch));
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    out.creation_date = fmt::format("{:%Y%m%dT%H%M%SZ}", tm);
  }
  out.creation_id = o.creation_id;
  out.note = o.note;
}

}  // namespace jisr::cli
