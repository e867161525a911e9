#include "jisr/split.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include "jisr/error.hpp"

#include "split/extra_breaks.hpp"
#include "split/glued_text.hpp"
#include "split/line_breaks.hpp"
#include "split/list_items.hpp"
#include "split/rules.hpp"
#include "split/space.hpp"
#include "split/srx.hpp"
#include "split/utf16.hpp"
#include "split/word_forms.hpp"
#include "util/icu.hpp"

namespace jisr {

namespace {

using detail::Segment;
using detail::trim;

// A line of at least this many words that does not end in final punctuation
// and holds no comma is read as flattened page fields (split/glued_text.hpp).
constexpr std::size_t kMinFieldLineWords = 8;
// Glued words are looked for only in such lines of at least this many words:
// headlines run together, far longer than one headline. (A single headline
// keeps its typos: "التواصلالاجتماعي" is not two sentences.)
constexpr std::size_t kMinHeadlineRunWords = 40;

// Points `ut` at `text`, reusing the UText it holds (the bytes must outlive
// its use).
void reopen_utf8(detail::UTextPtr& ut, std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  UText* opened = utext_openUTF8(ut.get(), text.data(), static_cast<int64_t>(text.size()), &status);
  detail::check_icu(status, "utext_openUTF8");
  if (ut.get() != opened) ut.reset(opened);
}

// Points `ut` at the UTF-16 text of `utf16` (which must outlive its use).
void reopen_uchars(detail::UTextPtr& ut, const detail::Utf16Text& utf16) {
  UErrorCode status = U_ZERO_ERROR;
  UText* opened =
      utext_openUChars(ut.get(), utf16.data(), static_cast<int64_t>(utf16.size()), &status);
  detail::check_icu(status, "utext_openUChars");
  if (ut.get() != opened) ut.reset(opened);
}

}  // namespace

struct SentenceSplitter::Impl {
  SplitOptions options;
  std::unique_ptr<icu::BreakIterator> prototype;
  detail::SplitRules rules;
  std::optional<detail::SrxRules> srx;
  std::unique_ptr<detail::WordForms> word_forms;  // read on first use

  // Breaks that ICU's rules do not propose, in one stretch of text;
  // `periods` and `marks` are the offsets of its periods and other marks
  // (detail::marks_of).
  void add_breaks(std::string_view s, std::span<const std::size_t> periods,
                  std::span<const std::size_t> marks, std::vector<std::size_t>& cuts) const;
};

SentenceSplitter::SentenceSplitter(SplitOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale(impl_->options.lang.c_str());
  impl_->prototype.reset(icu::BreakIterator::createSentenceInstance(locale, status));
  detail::check_icu(status, "BreakIterator::createSentenceInstance");
  if (!impl_->options.srx.empty())
    impl_->srx.emplace(detail::SrxRules::load(impl_->options.srx, impl_->options.lang));
  if (!impl_->options.rules_dir.empty() && !impl_->options.plain_icu) {
    // Rules for "ar-SY" come from ar.abbrev: the primary language subtag.
    std::string primary = impl_->options.lang.substr(0, impl_->options.lang.find_first_of("-_"));
    std::transform(primary.begin(), primary.end(), primary.begin(),
                   [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    const auto path = impl_->options.rules_dir / (primary + ".abbrev");
    if (std::filesystem::exists(path)) impl_->rules = detail::SplitRules::load(path);
  }
  std::filesystem::path forms;
  if (impl_->options.glued_words)
    forms = impl_->options.word_forms.empty() ? detail::system_word_forms(impl_->options.lang)
                                              : impl_->options.word_forms;
  impl_->word_forms = std::make_unique<detail::WordForms>(forms);
}

SentenceSplitter::~SentenceSplitter() = default;
SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;
SentenceSplitter& SentenceSplitter::operator=(SentenceSplitter&&) noexcept = default;

const SplitOptions& SentenceSplitter::options() const { return impl_->options; }

std::vector<Sentence> SentenceSplitter::split(std::string_view text) const {
  return sentences_of(text, split_spans(text));
}

std::vector<SentenceSpan> SentenceSplitter::split_spans(std::string_view text) const {
  std::vector<SentenceSpan> out;
  std::unique_ptr<icu::BreakIterator> it(impl_->prototype->clone());
  auto matchers = impl_->rules.matchers();
  std::string buffer;
  std::vector<std::size_t> cuts, periods, marks;
  detail::UTextPtr ut8, ut16;
  detail::Utf16Text utf16;
  const auto segments = detail::segments_of(text, impl_->options.line_breaks);
  out.reserve(segments.size());  // each segment has text, so at least one sentence
  for (const Segment& seg : segments) {
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
      // ICU reads UTF-16 when the stretch converts (valid UTF-8), and its
      // UTF-16 offsets are mapped back to bytes.
      const bool wide = utf16.assign(s);
      if (wide)
        reopen_uchars(ut16, utf16);
      else
        reopen_utf8(ut8, s);
      UErrorCode status = U_ZERO_ERROR;
      it->setText(wide ? ut16.get() : ut8.get(), status);
      detail::check_icu(status, "BreakIterator::setText");
      it->first();
      for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
        const std::size_t next =
            wide ? utf16.byte_offset(static_cast<std::size_t>(b)) : static_cast<std::size_t>(b);
        if (next >= s.size()) break;
        const std::size_t end = trim(s, 0, next).end;
        if (impl_->options.plain_icu || impl_->rules.keep_break(s, end, next, matchers))
          cuts.push_back(next);
      }
      if (!impl_->options.plain_icu) {
        detail::marks_of(s, periods, marks);
        impl_->add_breaks(s, periods, marks, cuts);
        // A page's time stamp glued to the headline after it (valid UTF-8 only:
        // the rules map ICU's offsets back through the text's own bytes).
        if (wide) {
          const std::size_t lead = trim(s, 0, s.size()).begin;
          if (const std::size_t at = impl_->rules.after_stamp(s.substr(lead), matchers); at > 0)
            cuts.push_back(lead + at);
        }
        detail::number_start_breaks(
            s, periods,
            [&](std::string_view token) { return impl_->rules.is_abbreviation(token, matchers); },
            cuts);
      }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    cuts.push_back(s.size());
    std::size_t start = 0;
    for (const std::size_t cut : cuts) {
      if (cut <= start) continue;
      // A list item's number is not a sentence: it stays with its text.
      if (cut < s.size() && !impl_->srx && !impl_->options.plain_icu &&
          detail::is_item_marker(s, start, cut))
        continue;
      const ByteRange r = trim(s, start, cut);
      start = cut;
      if (r.begin == r.end) continue;
      out.push_back(
          {{seg.range.begin + r.begin, seg.range.begin + r.end}, seg.paragraph, seg.joined});
    }
  }
  return out;
}

void SentenceSplitter::Impl::add_breaks(std::string_view s, std::span<const std::size_t> periods,
                                        std::span<const std::size_t> marks,
                                        std::vector<std::size_t>& cuts) const {
  // Sentences glued without a space are cut where a stretch glues them
  // throughout: two or more glue points and no break at white space. One
  // glued pair in prose that otherwise spaces its sentences is kept as one
  // unit, as translators keep it (a sentence whose citation mark was lost).
  const bool spaced = std::any_of(cuts.begin(), cuts.end(), [s](std::size_t c) {
    return c > 0 && detail::space_at(s, detail::previous_code_point(s, 0, c)) > 0;
  });
  std::vector<std::size_t> glued, full_width;
  detail::glued_sentence_breaks(s, periods, marks, glued, full_width);
  if (!spaced && glued.size() + cuts.size() >= 2)
    cuts.insert(cuts.end(), glued.begin(), glued.end());
  cuts.insert(cuts.end(), full_width.begin(), full_width.end());
  detail::ellipsis_breaks(s, marks, cuts);
  detail::spaced_ellipsis_breaks(s, periods, cuts);
  detail::footnote_breaks(s, periods, marks, cuts);
  detail::list_item_breaks(s, periods, marks, cuts);
  detail::header_phrase_breaks(s, rules.header_phrases(), cuts);
  // Flattened web text: page fields and headlines on one line.
  if (!detail::is_flattened_line(s, kMinFieldLineWords)) return;
  detail::field_label_breaks(s, rules.labels(), cuts);
  if (word_forms->available() && detail::is_flattened_line(s, kMinHeadlineRunWords))
    detail::glued_word_breaks(
        s, [this](std::string_view w) { return word_forms->contains(w); }, cuts);
}

std::string sentence_text(std::string_view text, const SentenceSpan& span) {
  std::string out(text.substr(span.source.begin, span.source.end - span.source.begin));
  if (span.runs_on)
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

std::vector<Sentence> sentences_of(std::string_view text, std::span<const SentenceSpan> spans) {
  std::vector<Sentence> out;
  out.reserve(spans.size());
  for (const SentenceSpan& span : spans)
    out.push_back({sentence_text(text, span), span.source, span.paragraph});
  return out;
}

std::vector<Sentence> read_presplit(std::string_view text) {
  std::vector<Sentence> out;
  std::uint32_t paragraph = 0;
  bool paragraph_open = false;
  for (const ByteRange line : detail::lines_of(text)) {
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
