#include "jisr/split.hpp"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <fstream>

#include <fmt/format.h>

#include "detail/icu.hpp"
#include "jisr/error.hpp"

namespace jisr {

namespace {

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Unicode white space (including NBSP and the like) at byte `i` of `s`;
// returns its length in bytes, or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
  if (is_space_byte(s[i])) return 1;
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  auto pos = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(bytes, pos, static_cast<int32_t>(s.size()), c);
  if (c >= 0 && (u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF)) return static_cast<std::size_t>(pos) - i;
  return 0;
}

// Shrinks [begin, end) of `text` to exclude surrounding white space.
ByteRange trim(std::string_view text, std::size_t begin, std::size_t end) {
  while (begin < end) {
    const std::size_t n = space_at(text, begin);
    if (n == 0) break;
    begin += n;
  }
  while (end > begin) {
    // Step back to the start of the last code point.
    std::size_t k = end - 1;
    while (k > begin && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) --k;
    if (space_at(text, k) == 0) break;
    end = k;
  }
  return {begin, end};
}

bool is_blank(std::string_view line) {
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t n = space_at(line, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// Lines of `text` as byte ranges (without their '\n').
std::vector<ByteRange> lines_of(std::string_view text) {
  std::vector<ByteRange> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    lines.push_back({start, end});
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::vector<std::string> read_rule_list(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw ModelError(fmt::format("{}: cannot open rule file", path.string()));
  std::vector<std::string> entries;
  std::string line;
  while (std::getline(in, line)) {
    const auto r = trim(line, 0, line.size());
    const std::string_view entry = std::string_view(line).substr(r.begin, r.end - r.begin);
    if (entry.empty() || entry.front() == '#') continue;
    entries.emplace_back(entry);
  }
  return entries;
}

// Sentence-final punctuation in the sense of the heuristic line rule.
bool ends_sentence(std::string_view line) {
  static constexpr std::string_view kFinal[] = {".", "!", "?", "\xD8\x9F" /* ؟ */, "\xE2\x80\xA6" /* … */,
                                                ":", "\xDB\x94" /* ۔ */};
  // Allow closing quotes and brackets after the punctuation.
  static constexpr std::string_view kClosers[] = {"\"", "'", ")", "]", "\xC2\xBB" /* » */,
                                                  "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */};
  bool stripped = true;
  while (stripped && !line.empty()) {
    stripped = false;
    for (const auto closer : kClosers) {
      if (line.ends_with(closer)) {
        line.remove_suffix(closer.size());
        stripped = true;
      }
    }
  }
  for (const auto p : kFinal)
    if (line.ends_with(p)) return true;
  return false;
}

std::size_t count_words(std::string_view line) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : line) {
    const bool space = is_space_byte(c);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

struct SentenceSplitter::Impl {
  SplitOptions options;
  std::unique_ptr<icu::BreakIterator> prototype;
};

SentenceSplitter::SentenceSplitter(SplitOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale(impl_->options.lang.c_str());
  std::unique_ptr<icu::BreakIterator> base(icu::BreakIterator::createSentenceInstance(locale, status));
  detail::check_icu(status, "BreakIterator::createSentenceInstance");
  const auto rules = impl_->options.rules_dir.empty()
                         ? std::filesystem::path{}
                         : impl_->options.rules_dir / (impl_->options.lang + ".abbrev");
  if (!rules.empty() && std::filesystem::exists(rules)) {
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
        icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
    detail::check_icu(status, "FilteredBreakIteratorBuilder::createEmptyInstance");
    for (const auto& entry : read_rule_list(rules)) {
      builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(entry), status);
      detail::check_icu(status, "FilteredBreakIteratorBuilder::suppressBreakAfter");
    }
    base.reset(builder->wrapIteratorWithFilter(base.release(), status));
    detail::check_icu(status, "FilteredBreakIteratorBuilder::wrapIteratorWithFilter");
  }
  impl_->prototype = std::move(base);
}

SentenceSplitter::~SentenceSplitter() = default;
SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;
SentenceSplitter& SentenceSplitter::operator=(SentenceSplitter&&) noexcept = default;

const SplitOptions& SentenceSplitter::options() const { return impl_->options; }

std::vector<Sentence> SentenceSplitter::split(std::string_view text) const {
  std::vector<Sentence> out;
  std::unique_ptr<icu::BreakIterator> it(impl_->prototype->clone());

  // Segments: stretches of text in which ICU alone decides the breaks. Line
  // breaks inside a segment are turned into spaces before ICU sees them (ICU
  // treats every line feed as a paragraph separator).
  struct Segment {
    ByteRange range;
    std::uint32_t paragraph;
  };
  std::vector<Segment> segments;
  std::uint32_t paragraph = 0;
  bool paragraph_open = false;
  bool joining = false;  // the previous line continues into this one
  for (const ByteRange line : lines_of(text)) {
    const std::string_view content = text.substr(line.begin, line.end - line.begin);
    if (is_blank(content)) {
      if (paragraph_open) ++paragraph;
      paragraph_open = false;
      joining = false;
      continue;
    }
    paragraph_open = true;
    if (joining && !segments.empty()) {
      segments.back().range.end = line.end;
    } else {
      segments.push_back({line, paragraph});
    }
    const auto trimmed = trim(content, 0, content.size());
    const std::string_view body = content.substr(trimmed.begin, trimmed.end - trimmed.begin);
    switch (impl_->options.line_breaks) {
      case LineBreaks::always: joining = false; break;
      case LineBreaks::never: joining = true; break;
      case LineBreaks::heuristic:
        // A short line without sentence-final punctuation is a heading,
        // dateline, byline or menu item: the line break ends it. Otherwise
        // the text was wrapped and the sentence goes on.
        joining = !(ends_sentence(body) || count_words(body) <= 12);
        break;
    }
  }

  std::string buffer;
  for (const Segment& seg : segments) {
    buffer.assign(text.substr(seg.range.begin, seg.range.end - seg.range.begin));
    for (char& c : buffer)
      if (c == '\n' || c == '\r') c = ' ';
    auto ut = detail::open_utf8(buffer);
    UErrorCode status = U_ZERO_ERROR;
    it->setText(ut.get(), status);
    detail::check_icu(status, "BreakIterator::setText");
    int32_t start = it->first();
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
      const ByteRange r = trim(buffer, static_cast<std::size_t>(start), static_cast<std::size_t>(end));
      if (r.begin == r.end) continue;
      Sentence s;
      s.source = {seg.range.begin + r.begin, seg.range.begin + r.end};
      s.text = buffer.substr(r.begin, r.end - r.begin);
      s.paragraph = seg.paragraph;
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::vector<Sentence> read_presplit(std::string_view text) {
  std::vector<Sentence> out;
  std::uint32_t paragraph = 0;
  bool paragraph_open = false;
  for (const ByteRange line : lines_of(text)) {
    const ByteRange r = trim(text, line.begin, line.end);
    if (r.begin == r.end) {
      if (paragraph_open) ++paragraph;
      paragraph_open = false;
      continue;
    }
    paragraph_open = true;
    out.push_back({std::string(text.substr(r.begin, r.end - r.begin)), r, paragraph});
  }
  return out;
}

}  // namespace jisr
