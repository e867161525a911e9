// Fuzzes the UTF-8 reader (clean_text) and the TSV field escaping.
// Properties: it never crashes; it either rejects the bytes with an
// InputError or returns valid UTF-8 without NUL and CR; the replace policy
// succeeds on all but UTF-16 files, and agrees with the fail policy whenever that succeeds;
// escaping a field for TSV leaves no tab or line break and unescapes back;
// reading the text as TSV bitext gives one bead a line or a clean error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "jisr/error.hpp"
#include "jisr/text.hpp"
#include "jisr/tmx.hpp"

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  jisr::TextStats stats;
  std::string replaced;
  try {
    replaced = jisr::clean_text(raw, "fuzz", jisr::OnInvalid::replace, &stats);
  } catch (const jisr::InputError& e) {
    // Only UTF-16 (with or without a byte order mark) is refused whatever
    // the policy: replacing its bytes would turn it into junk.
    JISR_FUZZ_CHECK(std::string_view(e.what()).find("UTF-16") != std::string_view::npos);
    return 0;
  }
  JISR_FUZZ_CHECK(jisr::find_invalid_utf8(replaced) == std::string_view::npos);
  JISR_FUZZ_CHECK(replaced.find('\r') == std::string::npos);
  bool strict_ok = true;
  try {
    const std::string strict = jisr::clean_text(raw, "fuzz", jisr::OnInvalid::fail);
    JISR_FUZZ_CHECK(strict == replaced);
    JISR_FUZZ_CHECK(stats.replaced == 0);
  } catch (const jisr::InputError& e) {
    strict_ok = false;
    JISR_FUZZ_CHECK(std::string_view(e.what()).starts_with("fuzz: byte "));
  }
  JISR_FUZZ_CHECK(strict_ok == (jisr::find_invalid_utf8(raw) == std::string_view::npos));

  const std::string escaped = jisr::escape_tsv_field(replaced);
  JISR_FUZZ_CHECK(escaped.find_first_of("\t\n\r") == std::string::npos);
  JISR_FUZZ_CHECK(jisr::unescape_tsv_field(escaped, "fuzz") == replaced);
  // Unescaping arbitrary bytes either fails cleanly or gives a string that
  // escapes back to the same field.
  try {
    const std::string back = jisr::unescape_tsv_field(raw, "fuzz");
    if (raw.find_first_of("\t\n\r") == std::string_view::npos)
      JISR_FUZZ_CHECK(jisr::escape_tsv_field(back) == raw);
  } catch (const jisr::InputError&) {
  }
  JISR_FUZZ_CHECK(jisr::count_code_points(replaced) <= replaced.size());
  // The cleaned text read as TSV bitext: a clean error naming a line, or one
  // bead per non-blank line, each with at least one side.
  try {
    const jisr::Bitext b = jisr::read_bitext_tsv(replaced, "fuzz.tsv");
    std::size_t lines = 0;
    for (std::size_t from = 0; from < replaced.size();) {
      std::size_t nl = replaced.find('\n', from);
      if (nl == std::string::npos) nl = replaced.size();
      if (nl > from) ++lines;
      from = nl + 1;
    }
    JISR_FUZZ_CHECK(b.beads.size() == lines);
    for (const jisr::Bead& bead : b.beads) JISR_FUZZ_CHECK(bead.src_size() + bead.tgt_size() >= 1);
  } catch (const jisr::InputError& e) {
    JISR_FUZZ_CHECK(std::string_view(e.what()).starts_with("fuzz.tsv:"));
  }
  return 0;
}
