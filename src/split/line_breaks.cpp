#include "split/line_breaks.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "split/list_items.hpp"
#include "split/space.hpp"

namespace jisr::detail {

namespace {

// Text wrapped at a fixed width has lines at least this long (code points);
// blocks of shorter lines are headings or menus, not wrapped prose.
constexpr std::size_t kMinWrapWidth = 40;
// Nor is text wrapped wider than this: such lines are paragraphs a line.
constexpr std::size_t kMaxWrapWidth = 160;

// Bytes that do not continue a code point (10xxxxxx), eight at a time.
std::size_t code_points(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::size_t continuations = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, 8);
    // 1 in each byte whose bit 7 is 1 and bit 6 is 0, then the sum of the
    // eight bytes in the top one.
    const std::uint64_t ones = (word & ~(word << 1) & kHigh) >> 7;
    continuations += static_cast<std::size_t>((ones * 0x0101010101010101ULL) >> 56);
  }
  for (; i < s.size(); ++i) continuations += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return s.size() - continuations;
}

// A line that ends in one of these goes on in the next line even when it is
// short: a comma, semicolon (Latin and Arabic) or a hyphen.
bool ends_with_continuation(std::string_view line) {
  static constexpr std::string_view kMarks[] = {
      ",", ";", "-", "\xD8\x8C" /* ، */, "\xD8\x9B" /* ؛ */, "\xE2\x80\x90" /* ‐ */};
  return std::any_of(std::begin(kMarks), std::end(kMarks),
                     [line](std::string_view m) { return line.ends_with(m); });
}

// Whether a line ends as a list's lead-in or one of its items, or a line
// of a slogan or verse: in a colon, a semicolon or a comma (Latin or
// Arabic). In text not wrapped at a fixed width, the line break after it
// is the writer's, whatever case the next line starts in ("included:" /
// "replacing the two main pumps;" / "repairing ...", or "Mercy to the
// martyrs," / "a speedy recovery to the wounded,").
bool ends_list_line(std::string_view line) {
  static constexpr std::string_view kMarks[] = {":", ";", ",", "\xD8\x9B" /* ؛ */, "\xD8\x8C" /* ، */};
  return std::any_of(std::begin(kMarks), std::end(kMarks), [line](std::string_view m) { return line.ends_with(m); });
}

// Whether a trimmed line ends in sentence-final punctuation, closing quotes
// and brackets aside.
bool ends_final(std::string_view line) {
  std::size_t end = line.size();
  while (end > 0) {
    const std::size_t k = previous_code_point(line, 0, end);
    const UChar32 c = char_at(line, k);
    if (c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x2026 || c == 0x06D4 ||
        c == 0x3002 || c == 0xFF0E)
      return true;
    const auto type = static_cast<UCharCategory>(u_charType(c));
    if (!(c == '"' || c == '\'' || type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION))
      return false;
    end = k;
  }
  return false;
}

// Words after the last sentence-final punctuation of a line: the words of
// the sentence it leaves open.
std::size_t open_words(std::string_view line) {
  std::size_t words = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (const std::size_t n = space_at(line, i); n > 0) {
      i += n;
      continue;
    }
    std::size_t e = i;
    while (e < line.size() && space_at(line, e) == 0) ++e;
    words = ends_final(line.substr(i, e - i)) ? 0 : words + 1;
    i = e;
  }
  return words;
}

// A line break inside a sentence leaves at least this many words open.
constexpr std::size_t kMinOpenWords = 3;

struct LineInfo {
  ByteRange line;          // without its '\n'
  std::string_view body;   // trimmed; empty for a blank line
  std::size_t length = 0;  // code points up to the end of the body
  std::size_t width = 0;   // width of its wrapped block, or 0
};

}  // namespace

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

std::vector<Segment> segments_of(std::string_view text, LineBreaks mode) {
  std::vector<Segment> out;
  // The lines as lines_of() gives them, each trimmed as soon as it is found
  // (while its bytes are in the cache).
  std::vector<LineInfo> info;
  // Room for lines of 32 bytes on average, so that the table is seldom
  // copied as it grows (pages never written are never touched).
  info.reserve(text.size() / 32 + 1);
  for (std::size_t start = 0;;) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view l = text.substr(start, end - start);
    const ByteRange t = trim(l, 0, l.size());
    info.push_back({{start, end}, l.substr(t.begin, t.end - t.begin)});
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  const std::size_t lines = info.size();
  // Only the heuristic judges the document; the other modes need the bodies
  // alone.
  const bool judged = mode == LineBreaks::heuristic;
  // The width of each block of non-blank lines that looks wrapped at a fixed
  // width (at least two lines reach 80% of the widest one). A block of one
  // line has no width, and its length is never asked for.
  for (std::size_t i = 0; judged && i < lines;) {
    std::size_t j = i;
    while (j < lines && !info[j].body.empty()) ++j;
    if (j - i < 2) {
      i = j == i ? i + 1 : j;
      continue;
    }
    std::size_t widest = 0;
    for (std::size_t k = i; k < j; ++k) {
      const char* body_end = info[k].body.data() + info[k].body.size();
      info[k].length = code_points({text.data() + info[k].line.begin, body_end});
      widest = std::max(widest, info[k].length);
    }
    const auto near_widest =
        std::count_if(info.begin() + static_cast<std::ptrdiff_t>(i),
                      info.begin() + static_cast<std::ptrdiff_t>(j),
                      [widest](const LineInfo& li) { return 5 * li.length >= 4 * widest; });
    if (near_widest >= 2 && widest >= kMinWrapWidth && widest <= kMaxWrapWidth)
      for (std::size_t k = i; k < j; ++k) info[k].width = widest;
    i = j == i ? i + 1 : j;
  }
  // Per line followed by a non-blank line: would the next line's first word
  // have fitted on it, does the next line start lower case?
  const auto next_word_overflows = [&](std::size_t n) {
    const std::string_view next = info[n + 1].body;
    std::size_t word_end = 0;
    while (word_end < next.size() && space_at(next, word_end) == 0) ++word_end;
    return info[n].width > 0 &&
           info[n].length + 1 + code_points(next.substr(0, word_end)) > info[n].width;
  };
  // The next line's first letter, after opening brackets, quotes, digits
  // and spaces ("( 365.8 m )."), is lower case.
  const auto lower_next = [&](std::size_t n) {
    const std::string_view next = info[n + 1].body;
    for (std::size_t i = 0, seen = 0; i < next.size() && seen < 12; ++seen) {
      const UChar32 c = char_at(next, i);
      if (c < 0) return false;
      if (u_isalpha(c)) return static_cast<bool>(u_islower(c));
      const auto type = static_cast<UCharCategory>(u_charType(c));
      if (!(u_isdigit(c) || c == '.' || c == ' ' || c == '"' || c == '\'' ||
            type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION))
        return false;
      i += static_cast<std::size_t>(U8_LENGTH(c));
    }
    return false;
  };
  std::size_t pairs = 0, wrapped = 0;
  bool any_final = false;
  for (std::size_t n = 0; judged && n < lines; ++n) {
    if (info[n].body.empty()) continue;
    const bool followed = n + 1 < lines && !info[n + 1].body.empty();
    // Whether the line ends in final punctuation matters until one does,
    // and for a line of a wrapped block that goes on in the next.
    if (any_final && !(followed && info[n].width > 0)) {
      pairs += followed ? 1 : 0;
      continue;
    }
    const bool final_mark = ends_final(info[n].body);
    any_final = any_final || final_mark || info[n].body.ends_with(':');
    if (!followed) continue;
    ++pairs;
    if (!final_mark && next_word_overflows(n)) ++wrapped;
  }
  const bool hard_wrapped = wrapped >= 2 && 5 * wrapped >= 2 * pairs;

  // The items of a list that a lead-in ending in a colon opens: the lines
  // after it in its block, up to and with the first that ends in final
  // punctuation, where two of them or more end without it. An item is a
  // line of its own whatever case the next starts in (`include:` / `12
  // survey teams` / `8 clearance teams`, or `must:` / `hold a permit` / `be
  // under 30`); a lead-in followed by one open line and the end of its
  // sentence (`He said:` / `the road was closed and we` / `walked.`) is
  // not a list.
  std::vector<bool> item(judged ? lines : 0, false);
  for (std::size_t c = 0; judged && c < lines; ++c) {
    if (info[c].body.empty() || !info[c].body.ends_with(':')) continue;
    std::size_t open = 0, last = c;
    for (std::size_t k = c + 1; k < lines && !info[k].body.empty() && !info[k].body.ends_with(':'); ++k) {
      last = k;
      if (ends_final(info[k].body)) break;
      ++open;
    }
    if (open >= 2)
      for (std::size_t k = c + 1; k <= last; ++k) item[k] = true;
  }

  std::uint32_t paragraph = 0;
  bool paragraph_open = false;
  bool joining = false;  // the previous line continues into this one
  for (std::size_t n = 0; n < lines; ++n) {
    if (info[n].body.empty()) {
      if (paragraph_open) ++paragraph;
      paragraph_open = false;
      joining = false;
      continue;
    }
    paragraph_open = true;
    if (joining && !out.empty()) {
      out.back().range.end = info[n].line.end;
      out.back().joined = true;
    } else {
      out.push_back({info[n].line, paragraph, false});
    }
    joining = false;
    if (mode == LineBreaks::always || n + 1 >= lines || info[n + 1].body.empty()) continue;
    if (mode == LineBreaks::never) {
      joining = true;
      continue;
    }
    if (starts_with_item_marker(info[n + 1].body)) continue;
    const std::string_view body = info[n].body;
    if (hard_wrapped) {
      joining = next_word_overflows(n) || lower_next(n) || ends_with_continuation(body);
    } else {
      joining = any_final && lower_next(n) && open_words(body) >= kMinOpenWords && !ends_list_line(body) && !item[n];
    }
  }
  return out;
}

}  // namespace jisr::detail
