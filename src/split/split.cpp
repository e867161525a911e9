#include "jisr/split.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include "jisr/error.hpp"

#include "util/icu.hpp"
#include "split/rules.hpp"
#include "split/space.hpp"
#include "split/srx.hpp"

namespace jisr {

namespace {

using detail::space_at;
using detail::trim;

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
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

// A line that ends in one of these goes on in the next line even when it is
// short: a comma, semicolon (Latin and Arabic) or a hyphen.
bool ends_with_continuation(std::string_view line) {
  static constexpr std::string_view kMarks[] = {
      ",", ";", "-", "\xD8\x8C" /* ، */, "\xD8\x9B" /* ؛ */, "\xE2\x80\x90" /* ‐ */};
  return std::any_of(std::begin(kMarks), std::end(kMarks),
                     [line](std::string_view m) { return line.ends_with(m); });
}

// Breaks after an ellipsis "…" that is attached to a word and followed by
// white space and a letter or digit that is not lower case: ICU's rules do not
// treat U+2026 as sentence-final. Positions are bytes of `s`, start of the
// next sentence.
void ellipsis_breaks(std::string_view s, std::vector<std::size_t>& out) {
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
  for (std::size_t at = s.find(kEllipsis); at != std::string_view::npos;
       at = s.find(kEllipsis, at + kEllipsis.size())) {
    if (at == 0 || space_at(s, detail::previous_code_point(s, 0, at)) != 0) continue;
    std::size_t i = at + kEllipsis.size();
    // Closing quotes and brackets stay with the sentence.
    static constexpr std::string_view kClosers[] = {
        "\"", "'", ")", "]", "\xC2\xBB" /* » */, "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */};
    for (bool more = true; more && i < s.size();) {
      more = false;
      for (const auto closer : kClosers) {
        if (s.substr(i).starts_with(closer)) {
          i += closer.size();
          more = true;
          break;
        }
      }
    }
    const std::size_t before_space = i;
    while (i < s.size()) {
      const std::size_t n = space_at(s, i);
      if (n == 0) break;
      i += n;
    }
    if (i == before_space || i >= s.size()) continue;
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    auto pos = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(bytes, pos, static_cast<int32_t>(s.size()), c);
    if (c >= 0 && (u_isalpha(c) || u_isdigit(c)) && !u_islower(c)) out.push_back(i);
  }
}

// A stretch of text in which ICU and the rules alone decide the breaks.
struct Segment {
  ByteRange range;
  std::uint32_t paragraph = 0;
  bool joined = false;  // holds line breaks that do not end a sentence
};

std::vector<Segment> segments_of(std::string_view text, LineBreaks mode);

}  // namespace

struct SentenceSplitter::Impl {
  SplitOptions options;
  std::unique_ptr<icu::BreakIterator> prototype;
  detail::SplitRules rules;
  std::optional<detail::SrxRules> srx;
};

SentenceSplitter::SentenceSplitter(SplitOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale(impl_->options.lang.c_str());
  impl_->prototype.reset(icu::BreakIterator::createSentenceInstance(locale, status));
  detail::check_icu(status, "BreakIterator::createSentenceInstance");
  if (!impl_->options.srx.empty())
    impl_->srx.emplace(detail::SrxRules::load(impl_->options.srx, impl_->options.lang));
  if (!impl_->options.rules_dir.empty()) {
    // Rules for "ar-SY" come from ar.abbrev: the primary language subtag.
    std::string primary = impl_->options.lang.substr(0, impl_->options.lang.find_first_of("-_"));
    std::transform(primary.begin(), primary.end(), primary.begin(),
                   [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    const auto path = impl_->options.rules_dir / (primary + ".abbrev");
    if (std::filesystem::exists(path)) impl_->rules = detail::SplitRules::load(path);
  }
}

SentenceSplitter::~SentenceSplitter() = default;
SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;
SentenceSplitter& SentenceSplitter::operator=(SentenceSplitter&&) noexcept = default;

const SplitOptions& SentenceSplitter::options() const { return impl_->options; }

namespace {

// Text wrapped at a fixed width has lines at least this long (code points);
// blocks of shorter lines are headings or menus, not wrapped prose.
constexpr std::size_t kMinWrapWidth = 40;

std::vector<Segment> segments_of(std::string_view text, LineBreaks mode) {
  std::vector<Segment> out;
  const auto lines = lines_of(text);
  // For the heuristic: the length of each line in code points, and the width
  // of its block of non-blank lines when the block looks wrapped at a fixed
  // width (at least two lines reach 80% of the widest one), else 0.
  std::vector<std::size_t> length(lines.size(), 0), width(lines.size(), 0);
  if (mode == LineBreaks::heuristic) {
    for (std::size_t i = 0; i < lines.size();) {
      std::size_t j = i, widest = 0;
      for (; j < lines.size(); ++j) {
        const std::string_view l = text.substr(lines[j].begin, lines[j].end - lines[j].begin);
        const ByteRange t = trim(l, 0, l.size());
        if (t.begin == t.end) break;
        length[j] = code_points(l.substr(0, t.end));
        widest = std::max(widest, length[j]);
      }
      const auto near_widest =
          std::count_if(length.begin() + static_cast<std::ptrdiff_t>(i),
                        length.begin() + static_cast<std::ptrdiff_t>(j),
                        [widest](std::size_t n) { return 5 * n >= 4 * widest; });
      if (near_widest >= 2 && widest >= kMinWrapWidth)
        for (std::size_t k = i; k < j; ++k) width[k] = widest;
      i = j == i ? i + 1 : j;
    }
  }
  std::uint32_t paragraph = 0;
  bool paragraph_open = false;
  bool joining = false;  // the previous line continues into this one
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const ByteRange line = lines[n];
    const std::string_view content = text.substr(line.begin, line.end - line.begin);
    const ByteRange t = trim(content, 0, content.size());
    if (t.begin == t.end) {
      if (paragraph_open) ++paragraph;
      paragraph_open = false;
      joining = false;
      continue;
    }
    paragraph_open = true;
    if (joining && !out.empty()) {
      out.back().range.end = line.end;
      out.back().joined = true;
    } else {
      out.push_back({line, paragraph, false});
    }
    joining = false;
    switch (mode) {
      case LineBreaks::always:
        break;
      case LineBreaks::never:
        joining = true;
        break;
      case LineBreaks::heuristic: {
        if (n + 1 >= lines.size()) break;
        const std::string_view body = content.substr(t.begin, t.end - t.begin);
        const std::string_view next =
            text.substr(lines[n + 1].begin, lines[n + 1].end - lines[n + 1].begin);
        const ByteRange nt = trim(next, 0, next.size());
        if (nt.begin == nt.end) break;
        std::size_t word_end = nt.begin;
        while (word_end < nt.end && space_at(next, word_end) == 0) ++word_end;
        const std::size_t next_word = code_points(next.substr(nt.begin, word_end - nt.begin));
        // Wrapped: the next line's first word would not have fitted on this one.
        const bool full = width[n] > 0 && length[n] + 1 + next_word > width[n];
        const auto* bytes = reinterpret_cast<const uint8_t*>(next.data());
        auto pos = static_cast<int32_t>(nt.begin);
        UChar32 first = 0;
        U8_NEXT(bytes, pos, static_cast<int32_t>(next.size()), first);
        const bool lower_next = first >= 0 && u_islower(first);
        joining = full || lower_next || ends_with_continuation(body);
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::vector<Sentence> SentenceSplitter::split(std::string_view text) const {
  std::vector<Sentence> out;
  std::unique_ptr<icu::BreakIterator> it(impl_->prototype->clone());
  auto matchers = impl_->rules.matchers();
  std::string buffer;
  std::vector<std::size_t> cuts;
  for (const Segment& seg : segments_of(text, impl_->options.line_breaks)) {
    std::string_view s = text.substr(seg.range.begin, seg.range.end - seg.range.begin);
    if (seg.joined) {
      // ICU treats every line feed as a paragraph separator: within a joined
      // segment, line breaks become spaces (same length, same offsets).
      buffer.assign(s);
      std::replace_if(
          buffer.begin(), buffer.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
      s = buffer;
    }
    cuts.clear();
    if (impl_->srx) {
      impl_->srx->breaks(s, cuts);
    } else {
      auto ut = detail::open_utf8(s);
      UErrorCode status = U_ZERO_ERROR;
      it->setText(ut.get(), status);
      detail::check_icu(status, "BreakIterator::setText");
      it->first();
      for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
        const auto next = static_cast<std::size_t>(b);
        if (next >= s.size()) break;
        const std::size_t end = trim(s, 0, next).end;
        if (impl_->rules.keep_break(s, end, next, matchers)) cuts.push_back(next);
      }
      ellipsis_breaks(s, cuts);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.push_back(s.size());
    std::size_t start = 0;
    for (const std::size_t cut : cuts) {
      if (cut <= start) continue;
      const ByteRange r = trim(s, start, cut);
      start = cut;
      if (r.begin == r.end) continue;
      out.push_back({std::string(s.substr(r.begin, r.end - r.begin)),
                     {seg.range.begin + r.begin, seg.range.begin + r.end},
                     seg.paragraph});
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
