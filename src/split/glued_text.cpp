#include "split/glued_text.hpp"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "split/space.hpp"

namespace jisr::detail {

namespace {

bool is_arabic_letter(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return u_isalpha(c) && uscript_getScript(c, &status) == USCRIPT_ARABIC;
}

// Harakat, tatweel and other marks that sit on a letter inside a word.
bool is_arabic_mark(UChar32 c) {
  return c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670;
}

// Letters that end a word: teh marbuta and alef maqsura never stand inside one.
bool ends_words_only(UChar32 c) { return c == 0x0629 || c == 0x0649; }

bool is_final_mark(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == 0x061F /* ؟ */ || c == 0x2026 /* … */ ||
         c == 0x06D4 /* ۔ */;
}

bool is_closer(UChar32 c) {
  if (c == '"' || c == '\'') return true;
  const auto type = static_cast<UCharCategory>(u_charType(c));
  return type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION;
}

struct Token {
  std::size_t begin, end;
};

std::vector<Token> tokens_of(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (const std::size_t n = space_at(s, i); n > 0) {
      i += n;
      continue;
    }
    const std::size_t begin = i;
    while (i < s.size() && space_at(s, i) == 0) ++i;
    out.push_back({begin, i});
  }
  return out;
}

// A run of Arabic letters (with their marks) inside a token: the byte offset
// where each letter starts, and the end of the run.
struct Run {
  std::vector<std::size_t> letters;
  std::size_t end = 0;
};

// A word-final letter followed by more letters: two words, no look-up.
// Returns the offset where the second word starts, or 0.
std::size_t certain_glue(std::string_view line, const Run& run) {
  const std::size_t n = run.letters.size();
  for (std::size_t k = 2; k + 2 <= n; ++k) {
    std::size_t next = 0;
    if (ends_words_only(char_at(line, run.letters[k - 1], &next))) return run.letters[k];
  }
  return 0;
}

void check_run(std::string_view line, const Run& run, const IsWord* is_word,
               std::vector<std::size_t>& out) {
  const std::size_t n = run.letters.size();
  if (n < 2 * kMinPart) return;
  if (const std::size_t at = certain_glue(line, run); at > 0) {
    out.push_back(at);
    return;
  }
  if (is_word == nullptr) return;
  const auto text = [&](std::size_t from, std::size_t to) {
    const std::size_t b = run.letters[from], e = to < n ? run.letters[to] : run.end;
    return line.substr(b, e - b);
  };
  if ((*is_word)(text(0, n))) return;
  std::size_t best = 0, best_score = 0;
  for (std::size_t k = kMinPart; k + kMinPart <= n; ++k) {
    const std::size_t score = std::min(k, n - k);
    // Two three-letter parts are too often a name read as two words.
    if (score <= best_score || std::max(k, n - k) <= kMinPart) continue;
    if ((*is_word)(text(0, k)) && (*is_word)(text(k, n))) {
      best = k;
      best_score = score;
    }
  }
  if (best > 0) out.push_back(run.letters[best]);
}

}  // namespace

bool ends_in_final_mark(std::string_view line) {
  // The last character of the last token that is not a closing quote or
  // bracket: read back from the end, no further than the token's start.
  std::size_t end = trim(line, 0, line.size()).end;
  while (end > 0) {
    const std::size_t k = previous_code_point(line, 0, end);
    if (space_at(line, k) != 0) break;
    const UChar32 c = char_at(line, k);
    if (is_final_mark(c)) return true;
    if (!is_closer(c)) break;
    end = k;
  }
  return false;
}

bool is_flattened_line(std::string_view line, std::size_t min_words) {
  // The three tests, cheapest first. Prose ends in final punctuation.
  if (ends_in_final_mark(line)) return false;
  // Enough words (counted up to min_words only).
  std::size_t words = 0;
  for (std::size_t i = 0; i < line.size() && words < min_words;) {
    if (const std::size_t n = space_at(line, i); n > 0) {
      i += n;
      continue;
    }
    ++words;
    while (i < line.size() && space_at(line, i) == 0) ++i;
  }
  if (words < min_words || words == 0) return false;
  // Commas and semicolons belong to prose, not to lists of fields or titles.
  if (line.find(',') != std::string_view::npos || line.find(';') != std::string_view::npos)
    return false;
  // The Arabic comma and semicolon share their first byte, which Arabic
  // letters share too: a plain loop beats searching for it.
  static constexpr std::string_view kArabicComma = "\xD8\x8C" /* ، */;
  static constexpr std::string_view kArabicSemicolon = "\xD8\x9B" /* ؛ */;
  static_assert(kArabicComma[0] == kArabicSemicolon[0]);
  for (std::size_t i = 0; i + 1 < line.size(); ++i)
    if (line[i] == kArabicComma[0] &&
        (line[i + 1] == kArabicComma[1] || line[i + 1] == kArabicSemicolon[1]))
      return false;
  return true;
}

void field_label_breaks(std::string_view line, const std::vector<std::string>& labels,
                        std::vector<std::size_t>& out) {
  // Both kinds of label need a colon.
  if (line.find(':') == std::string_view::npos) return;
  const auto tokens = tokens_of(line);
  // Whether a colon follows byte `at` (after optional white space).
  const auto colon_after = [line](std::size_t at) {
    while (at < line.size() && space_at(line, at) > 0) at += space_at(line, at);
    return at < line.size() && line[at] == ':';
  };
  // A label starts a token (white space before it), and not the line.
  for (const std::string& label : labels) {
    for (const Token& tok : tokens) {
      const std::size_t at = tok.begin;
      if (at > 0 && line.substr(at).starts_with(label) && colon_after(at + label.size()))
        out.push_back(at);
    }
  }
  // "WORD :" twice or more: a list of fields flattened onto one line.
  std::vector<std::size_t> fields;
  for (std::size_t t = 1; t + 1 < tokens.size(); ++t) {
    const std::string_view tok = line.substr(tokens[t].begin, tokens[t].end - tokens[t].begin);
    if (tok == ":") fields.push_back(tokens[t - 1].begin);
  }
  if (fields.size() >= 2)
    for (const std::size_t f : fields)
      if (f > 0) out.push_back(f);
}

void header_phrase_breaks(std::string_view line, const std::vector<std::string>& phrases,
                          std::vector<std::size_t>& out) {
  const ByteRange body = trim(line, 0, line.size());
  // The phrase ends a token: white space or the line's end follows it.
  const auto phrase_at = [&](std::size_t at) -> std::size_t {
    for (const std::string& phrase : phrases) {
      const std::size_t end = at + phrase.size();
      if (end <= body.end && line[at] == phrase.front() && line.substr(at).starts_with(phrase) &&
          (end == body.end || space_at(line, end) > 0))
        return end;
    }
    return 0;
  };
  if (phrases.empty() || body.begin == body.end || phrase_at(body.begin) == 0 || ends_in_final_mark(line)) return;
  // Cuts before and after each phrase; kept only for a block: a second
  // phrase, or a date at the end (the line ends in a digit). A title that
  // opens with a phrase ("بيان صحفي حول الهجوم على المشفى") stays whole.
  std::vector<std::size_t> cuts;
  std::size_t found = 0;
  for (const Token& tok : tokens_of(line)) {
    if (tok.begin < body.begin) continue;
    const std::size_t end = phrase_at(tok.begin);
    if (end == 0) continue;
    ++found;
    if (tok.begin > body.begin) cuts.push_back(tok.begin);
    std::size_t next = end;
    while (next < body.end && space_at(line, next) > 0) next += space_at(line, next);
    if (next < body.end) cuts.push_back(next);
  }
  const bool dated = u_isdigit(char_at(line, previous_code_point(line, body.begin, body.end))) != 0;
  if (found >= 2 || dated) out.insert(out.end(), cuts.begin(), cuts.end());
}

void glued_word_breaks(std::string_view line, const IsWord& is_word,
                       std::vector<std::size_t>& out) {
  // Two passes: the letters that only end words show whether the line is
  // glued at all; only then is the dictionary asked about the other tokens.
  std::vector<std::size_t> found;
  for (const IsWord* ask : {static_cast<const IsWord*>(nullptr), &is_word}) {
    found.clear();
    for (const Token& tok : tokens_of(line)) {
      Run run;
      for (std::size_t i = tok.begin; i < tok.end;) {
        std::size_t next = 0;
        const UChar32 c = char_at(line, i, &next);
        if (is_arabic_mark(c)) {
          if (!run.letters.empty()) run.end = next;
        } else if (is_arabic_letter(c)) {
          run.letters.push_back(i);
          run.end = next;
        } else {
          check_run(line, run, ask, found);
          run = Run{};
        }
        i = next;
      }
      check_run(line, run, ask, found);
    }
    if (found.empty()) return;
  }
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace jisr::detail
