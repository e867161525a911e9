// Options that shape TMX files, shared by jisr align and jisr convert: the
// language tags (also from the environment, so they are set once), and the
// creation date, creator and note of every unit.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "jisr/formats.hpp"

namespace jisr::cli {

// The environment variables that give --src-tag and --tgt-tag when the
// command line does not.
inline constexpr const char* kSrcTagVariable = "JISR_SRC_TAG";
inline constexpr const char* kTgtTagVariable = "JISR_TGT_TAG";

struct TmxCommandOptions {
  std::string src_tag, tgt_tag;  // empty: the environment's, else the caller's default
  std::string creation_date;     // empty: $SOURCE_DATE_EPOCH, else now
  std::string creation_id;
  std::string note;
};

// Registers --src-tag, --tgt-tag, --creation-date, --creation-id and --note
// on `sub`, bound to `o` (which must outlive the parse). `tag_help` ends
// the tags' help texts.
void add_tmx_options(CLI::App* sub, TmxCommandOptions& o, const std::string& tag_help);

// The tag to use: `given`, else the value of the environment variable
// `variable` (none if it is ""), else `fallback`; checked with check_language_tag (throws
// UsageError naming `option`, or the variable when the value came from it).
[[nodiscard]] std::string resolve_tag(const std::string& given, const char* variable,
                                      const std::string& fallback, const std::string& option);

// Fills the date, creator and note of `out` from `o`. The date is --creation-date
// (YYYYMMDDThhmmssZ) or, without it, $SOURCE_DATE_EPOCH (seconds since 1970)
// in that form; throws UsageError if either is malformed.
void apply_tmx_options(const TmxCommandOptions& o, OutputOptions& out);

}  // namespace jisr::cli
