// Fuzzes the sentence splitter on any bytes (cleaned with U+FFFD
// replacement first, as `--on-invalid replace` does). The first byte picks
// the language and the line-break rule. Properties: no crash; sentences are
// non-empty, in order, inside the text and not overlapping; each sentence's
// text has its range's length; only white space is left between them, so no
// text is silently dropped.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "jisr/error.hpp"
#include "jisr/split.hpp"
#include "jisr/text.hpp"

#include "fuzz_check.hpp"

namespace {

std::unique_ptr<jisr::SentenceSplitter> make(const char* lang, jisr::LineBreaks breaks) {
  jisr::SplitOptions options;
  options.lang = lang;
  options.line_breaks = breaks;
  options.rules_dir = JISR_MODELS_DIR "/split";
  return std::make_unique<jisr::SentenceSplitter>(options);
}

// Splitters are costly to build (ICU data, rule files), so the target keeps
// one per configuration for the whole run.
const jisr::SentenceSplitter& splitter(unsigned which) {
  static const std::array<std::unique_ptr<jisr::SentenceSplitter>, 6> all = {
      make("en", jisr::LineBreaks::always),    make("en", jisr::LineBreaks::heuristic),
      make("en", jisr::LineBreaks::never),     make("ar", jisr::LineBreaks::always),
      make("ar", jisr::LineBreaks::heuristic), make("ar", jisr::LineBreaks::never)};
  return *all[which % all.size()];
}

bool only_space(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !(u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3 || (data[1] == 0xFF && data[2] == 0xFE) || (data[1] == 0xFE && data[2] == 0xFF))
    return 0;  // UTF-16 is refused before splitting
  std::string text;
  try {
    text = jisr::clean_text(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), "fuzz",
                            jisr::OnInvalid::replace);
  } catch (const jisr::InputError& e) {
    // UTF-16 without a byte order mark is refused whatever the policy.
    JISR_FUZZ_CHECK(std::string_view(e.what()).find("UTF-16") != std::string_view::npos);
    return 0;
  }
  const auto sentences = splitter(data[0]).split(text);
  std::size_t covered = 0;
  for (const jisr::Sentence& s : sentences) {
    JISR_FUZZ_CHECK(!s.text.empty());
    JISR_FUZZ_CHECK(s.source.begin < s.source.end);
    JISR_FUZZ_CHECK(s.source.begin >= covered);
    JISR_FUZZ_CHECK(s.source.end <= text.size());
    JISR_FUZZ_CHECK(s.text.size() == s.source.end - s.source.begin);
    JISR_FUZZ_CHECK(only_space(std::string_view(text).substr(covered, s.source.begin - covered)));
    covered = s.source.end;
  }
  JISR_FUZZ_CHECK(only_space(std::string_view(text).substr(covered)));
  return 0;
}
