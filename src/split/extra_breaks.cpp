#include "split/extra_breaks.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "split/space.hpp"

namespace jisr::detail {

namespace {

// Skips white space from `i`; returns the first other byte (or s.size()).
std::size_t skip_space(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    const std::size_t n = space_at(s, i);
    if (n == 0) break;
    i += n;
  }
  return i;
}

// Whether a word that is not lower case starts at `i` (a letter or digit).
bool not_lower_word_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  const UChar32 c = char_at(s, i);
  return c >= 0 && (u_isalpha(c) || u_isdigit(c)) && !u_islower(c);
}

bool is_ascii_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

void marks_of(std::string_view s, std::vector<std::size_t>& periods,
              std::vector<std::size_t>& marks) {
  periods.clear();
  marks.clear();
  // Sixteen bytes at a time (GCC's vector extension, SSE2 or NEON): the
  // marks are rare, and most blocks hold none. In a block that does, each
  // matching byte of a comparison is 0xFF; its top bit gives its place.
  using Block = unsigned char __attribute__((vector_size(16)));
  constexpr std::uint64_t kTop = 0x8080808080808080ULL;
  // The block at `at`, of which the first `skip` bytes were read before.
  const auto scan = [&](const unsigned char* bytes, std::size_t at, std::size_t skip) {
    Block b;
    std::memcpy(&b, bytes, 16);
    const auto dots = b == '.';
    const auto others = (b == '!') | (b == '?') | (b == ')') | (b == 0xE2) | (b == 0xEF);
    std::uint64_t d[2], o[2];
    std::memcpy(d, &dots, 16);
    std::memcpy(o, &others, 16);
    if ((d[0] | d[1] | o[0] | o[1]) == 0) return;
    for (std::size_t half = 0; half < 2; ++half) {
      const std::size_t first = half * 8;
      const std::uint64_t keep =
          skip <= first ? kTop : skip >= first + 8 ? 0 : kTop << (8 * (skip - first));
      for (std::uint64_t m = d[half] & keep; m != 0; m &= m - 1)
        periods.push_back(at + first + static_cast<std::size_t>(std::countr_zero(m)) / 8);
      for (std::uint64_t m = o[half] & keep; m != 0; m &= m - 1)
        marks.push_back(at + first + static_cast<std::size_t>(std::countr_zero(m)) / 8);
    }
  };
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  if (n == 0) return;
  if (n < 16) {
    // Zero bytes pad the block: none of them is a mark.
    unsigned char padded[16] = {};
    std::memcpy(padded, in, n);
    scan(padded, 0, 0);
    return;
  }
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) scan(in + i, i, 0);
  // The last block overlaps the one before; its first bytes were read.
  if (i < n) scan(in + n - 16, n - 16, 16 - (n - i));
}

void ellipsis_breaks(std::string_view s, std::span<const std::size_t> marks,
                     std::vector<std::size_t>& out) {
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
  for (const std::size_t at : marks) {
    if (s[at] != kEllipsis[0] || !s.substr(at).starts_with(kEllipsis)) continue;
    if (at == 0 || space_at(s, previous_code_point(s, 0, at)) != 0) continue;
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
    const std::size_t word = skip_space(s, i);
    if (word == i || word >= s.size()) continue;
    if (not_lower_word_at(s, word)) out.push_back(word);
  }
}

void spaced_ellipsis_breaks(std::string_view s, std::span<const std::size_t> periods,
                            std::vector<std::size_t>& out) {
  // Each ". ." from `from` on, as s.find(". .", from) would find them.
  std::size_t from = 0;
  for (const std::size_t at : periods) {
    if (at < from) continue;
    if (at + 2 >= s.size()) break;
    if (s[at + 1] != ' ' || s[at + 2] != '.') continue;
    from = at + 1;
    // The period must close a word: "compounds." not " .".
    if (at == 0 || space_at(s, previous_code_point(s, 0, at)) != 0) continue;
    if (at >= 1 && s[at - 1] == '.') continue;
    std::size_t i = at + 1, dots = 0;
    while (i + 1 < s.size() && s[i] == ' ' && s[i + 1] == '.') {
      i += 2;
      ++dots;
    }
    if (dots < 3) continue;
    const std::size_t word = skip_space(s, i);
    if (word > i && not_lower_word_at(s, word)) out.push_back(at + 2);
    from = i + 1;
  }
}

void glued_sentence_breaks(std::string_view s, std::span<const std::size_t> periods,
                           std::span<const std::size_t> marks, std::vector<std::size_t>& out,
                           std::vector<std::size_t>& full_width) {
  static constexpr std::string_view kFullStop = "\xEF\xBC\x8E";  // ．
  const auto token_of = [s](std::size_t p) {
    std::size_t b = p, e = p;
    while (b > 0 && space_at(s, previous_code_point(s, 0, b)) == 0)
      b = previous_code_point(s, 0, b);
    while (e < s.size() && space_at(s, e) == 0) ++e;
    return s.substr(b, e - b);
  };
  // URLs, e-mail addresses and paths are not sentences.
  const auto is_address = [](std::string_view t) {
    return t.find("://") != std::string_view::npos || t.find("www.") != std::string_view::npos ||
           t.find('@') != std::string_view::npos || t.find('/') != std::string_view::npos;
  };
  for (const std::size_t p : periods) {
    if (p == 0) continue;
    if (p + 2 >= s.size()) break;
    const char a = s[p + 1], b = s[p + 2];
    if (!is_ascii_lower_or_digit(s[p - 1]) || !(a >= 'A' && a <= 'Z') || !(b >= 'a' && b <= 'z'))
      continue;
    if (!is_address(token_of(p))) out.push_back(p + 1);
  }
  for (const std::size_t p : marks) {
    if (p == 0 || s[p] != kFullStop[0] || !s.substr(p).starts_with(kFullStop)) continue;
    const std::size_t after = p + kFullStop.size();
    if (after >= s.size() || !u_isalpha(char_at(s, previous_code_point(s, 0, p)))) continue;
    std::size_t second = 0;
    const UChar32 c1 = char_at(s, after, &second);
    const UChar32 c2 = second < s.size() ? char_at(s, second) : 0;
    if (u_isupper(c1) && u_islower(c2) && !is_address(token_of(p))) full_width.push_back(after);
  }
}

namespace {

// One final mark of footnote_breaks: a break after the mark at `p`, if any.
void footnote_break_at(std::string_view s, std::size_t p, std::vector<std::size_t>& out) {
  const char c = s[p];
  std::size_t i = p + 1;
  if (s[i] == '[') {
    // One or more bracketed marks: [1], [7][8], [a].
    while (i < s.size() && s[i] == '[') {
      const std::size_t close = s.find(']', i);
      if (close == std::string_view::npos || close - i > 9) break;
      bool plain = true;
      for (std::size_t k = i + 1; k < close; ++k) plain = plain && space_at(s, k) == 0;
      if (!plain) break;
      i = close + 1;
    }
    if (i == p + 1 || (i < s.size() && s[i] == '[')) return;
  } else if (c == '.' && s[i] >= '0' && s[i] <= '9' &&
             ((s[p - 1] >= 'a' && s[p - 1] <= 'z') || s[p - 1] == ')')) {
    // Note numbers glued to the period: ".11 12", ".10".
    for (bool more = true; more;) {
      std::size_t d = i;
      while (d < s.size() && d - i < 4 && s[d] >= '0' && s[d] <= '9') ++d;
      if (d == i || d - i > 3 || (d < s.size() && space_at(s, d) == 0)) {
        i = std::string_view::npos;
        break;
      }
      i = d;
      more = i + 1 < s.size() && s[i] == ' ' && s[i + 1] >= '0' && s[i + 1] <= '9';
      if (more) ++i;
    }
    if (i == std::string_view::npos) return;
  } else {
    return;
  }
  const std::size_t word = skip_space(s, i);
  if (word > i && word < s.size() && not_lower_word_at(s, word) &&
      !(s[word] >= '0' && s[word] <= '9'))
    out.push_back(word);
}

}  // namespace

void footnote_breaks(std::string_view s, std::span<const std::size_t> periods,
                     std::span<const std::size_t> marks, std::vector<std::size_t>& out) {
  // Each mark is looked at by itself; the breaks are sorted later.
  for (const std::size_t p : periods) {
    if (p == 0) continue;
    if (p + 1 >= s.size()) break;
    footnote_break_at(s, p, out);
  }
  for (const std::size_t p : marks) {
    if (p == 0 || (s[p] != '!' && s[p] != '?')) continue;
    if (p + 1 >= s.size()) break;
    footnote_break_at(s, p, out);
  }
}

void number_start_breaks(std::string_view s, std::span<const std::size_t> periods,
                         const std::function<bool(std::string_view)>& is_abbreviation,
                         std::vector<std::size_t>& out) {
  for (const std::size_t p : periods) {
    if (p == 0) continue;
    if (p + 1 >= s.size()) break;
    const std::size_t number = skip_space(s, p + 1);
    if (number == p + 1 || number >= s.size() || !u_isdigit(char_at(s, number))) continue;
    // A word after the number: "10 countries", not a page or a date's end.
    std::size_t after = number;
    while (after < s.size() && space_at(s, after) == 0) char_at(s, after, &after);
    const std::size_t word = skip_space(s, after);
    if (word == after || word >= s.size() || !u_isalpha(char_at(s, word))) continue;
    // Back over closing quotes and brackets, then over the word's letters.
    std::size_t at = p;
    while (at > 0) {
      const std::size_t q = previous_code_point(s, 0, at);
      const UChar32 c = char_at(s, q);
      if (c != '"' && c != ')' && c != 0x201D && c != 0x2019 && c != 0xBB) break;
      at = q;
    }
    std::size_t letters = 0, begin = at;
    bool upper = false;
    while (begin > 0) {
      const std::size_t q = previous_code_point(s, 0, begin);
      const UChar32 c = char_at(s, q);
      if (!u_isalpha(c) && u_charType(c) != U_NON_SPACING_MARK) break;
      upper = upper || u_isupper(c);
      if (u_isalpha(c)) ++letters;
      begin = q;
    }
    if (letters < 2 || upper) continue;
    // The whole token before the period must be that word (not "1.5.", "e.g.").
    if (begin > 0 && space_at(s, previous_code_point(s, 0, begin)) == 0) {
      const UChar32 c = char_at(s, previous_code_point(s, 0, begin));
      if (c != '"' && c != '(' && c != 0x201C && c != 0xAB && c != 0x2018) continue;
    }
    if (at == p && is_abbreviation(s.substr(begin, p + 1 - begin))) continue;
    out.push_back(number);
  }
}

}  // namespace jisr::detail
