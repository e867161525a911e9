#include "split/list_items.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "split/space.hpp"

namespace jisr::detail {

namespace {

enum class Kind { number, lower, upper, roman_lower, roman_upper };
enum class Form { dot, paren, dot_paren, parens };

// One reading of a marker's value: "i" is the letter 9 or the Roman 1.
struct Reading {
  Kind kind;
  int value;
};

struct Marker {
  std::size_t begin = 0, end = 0;  // bytes, the bullet included
  bool bullet_only = false;
  Form form = Form::dot;
  std::vector<Reading> readings;
};

constexpr std::array<std::string_view, 5> kBullets = {
    "\xE2\x80\xA2" /* • */, "\xE2\x97\xA6" /* ◦ */, "\xE2\x96\xAA" /* ▪ */, "\xE2\x80\xA3" /* ‣ */,
    "\xE2\x81\x83" /* ⁃ */};
// possible_markers and bullet_prefix find bullets by their first byte; parse
// tells them from ASCII by their last.
static_assert(std::all_of(kBullets.begin(), kBullets.end(), [](std::string_view b) {
  return b.front() == '\xE2' && static_cast<unsigned char>(b.back()) >= 0x80;
}));

std::size_t bullet_prefix(std::string_view tok) {
  if (tok.empty() || tok.front() != '\xE2') return 0;
  for (const auto b : kBullets)
    if (tok.starts_with(b)) return b.size();
  return 0;
}

int roman_value(std::string_view r) {
  if (r.empty() || r.size() > 6) return 0;
  const auto digit = [](char c) {
    switch (c | 0x20) {
      case 'i':
        return 1;
      case 'v':
        return 5;
      case 'x':
        return 10;
      case 'l':
        return 50;
      default:
        return 0;
    }
  };
  int total = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const int d = digit(r[i]);
    if (d == 0) return 0;
    const int next = i + 1 < r.size() ? digit(r[i + 1]) : 0;
    total += d < next ? -d : d;
  }
  return total > 0 && total <= 50 ? total : 0;
}

// Past this, a marker's number only grows without meaning (and must not
// overflow): no list item is numbered that high.
constexpr int kBigNumber = 100000000;

// The value part of a marker ("12", "b", "iv", "١٢") and its readings.
std::vector<Reading> readings_of(std::string_view v) {
  std::vector<Reading> out;
  if (v.empty()) return out;
  // Digits, ASCII or Arabic-Indic (U+0660..U+0669, two bytes each).
  int number = 0, digits = 0;
  bool all_digits = true;
  for (std::size_t i = 0; i < v.size();) {
    if (v[i] >= '0' && v[i] <= '9') {
      number = std::min(number, kBigNumber) * 10 + (v[i] - '0');  // no item is numbered this high
      ++i;
    } else if (i + 1 < v.size() && static_cast<unsigned char>(v[i]) == 0xD9 &&
               static_cast<unsigned char>(v[i + 1]) >= 0xA0 &&
               static_cast<unsigned char>(v[i + 1]) <= 0xA9) {
      number = std::min(number, kBigNumber) * 10 + (static_cast<unsigned char>(v[i + 1]) - 0xA0);
      i += 2;
    } else {
      all_digits = false;
      break;
    }
    ++digits;
  }
  if (all_digits) {
    if (digits <= 3) out.push_back({Kind::number, number});
    return out;
  }
  const bool lower = std::all_of(v.begin(), v.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const bool upper = std::all_of(v.begin(), v.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!lower && !upper) return out;
  if (v.size() == 1) out.push_back({lower ? Kind::lower : Kind::upper, (v[0] | 0x20) - 'a' + 1});
  if (const int r = roman_value(v); r > 0)
    out.push_back({lower ? Kind::roman_lower : Kind::roman_upper, r});
  return out;
}

// Parses one token (no white space) as a marker.
std::optional<Marker> parse(std::string_view tok) {
  // Every form but a bullet's ends in "." or ")", and a bullet's last byte
  // is not ASCII: most tokens are told apart by their last byte.
  if (tok.empty()) return std::nullopt;
  if (const char last = tok.back();
      last != '.' && last != ')' && static_cast<unsigned char>(last) < 0x80)
    return std::nullopt;
  Marker m;
  const std::size_t b = bullet_prefix(tok);
  tok.remove_prefix(b);
  if (tok.empty()) {
    if (b == 0) return std::nullopt;
    m.bullet_only = true;
    return m;
  }
  std::string_view v;
  if (tok.size() >= 3 && tok.front() == '(' && tok.back() == ')') {
    m.form = Form::parens;
    v = tok.substr(1, tok.size() - 2);
  } else if (tok.size() >= 3 && tok.ends_with(".)")) {
    m.form = Form::dot_paren;
    v = tok.substr(0, tok.size() - 2);
  } else if (tok.size() >= 2 && tok.back() == ')') {
    m.form = Form::paren;
    v = tok.substr(0, tok.size() - 1);
  } else if (tok.size() >= 2 && tok.back() == '.') {
    m.form = Form::dot;
    v = tok.substr(0, tok.size() - 1);
  } else {
    return std::nullopt;
  }
  m.readings = readings_of(v);
  if (m.readings.empty()) return std::nullopt;
  return m;
}

struct Token {
  std::size_t begin, end;
};

// The first token of [begin, end) of `s`, or an empty one at `end`.
Token next_token(std::string_view s, std::size_t begin, std::size_t end) {
  while (begin < end) {
    const std::size_t n = space_at(s, begin);
    if (n == 0) break;
    begin += n;
  }
  std::size_t i = begin;
  while (i < end && space_at(s, i) == 0) ++i;
  return {begin, i};
}

std::vector<Token> tokens_of(std::string_view s, std::size_t begin, std::size_t end) {
  std::vector<Token> out;
  std::size_t i = begin;
  while (i < end) {
    if (const std::size_t n = space_at(s, i); n > 0) {
      i += n;
      continue;
    }
    const std::size_t start = i;
    while (i < end && space_at(s, i) == 0) ++i;
    out.push_back({start, i});
  }
  return out;
}

// Markers among the tokens of `s`; a lone bullet before a marker with a value
// joins it ("• 10.").
std::vector<Marker> markers_of(std::string_view s, const std::vector<Token>& tokens,
                               std::vector<std::size_t>& token_index) {
  std::vector<Marker> out;
  for (std::size_t t = 0; t + 1 < tokens.size(); ++t) {
    auto m = parse(s.substr(tokens[t].begin, tokens[t].end - tokens[t].begin));
    if (!m) continue;
    m->begin = tokens[t].begin;
    m->end = tokens[t].end;
    token_index.push_back(t);
    if (m->bullet_only && t + 2 < tokens.size()) {
      auto next = parse(s.substr(tokens[t + 1].begin, tokens[t + 1].end - tokens[t + 1].begin));
      if (next && !next->bullet_only) {
        next->begin = tokens[t].begin;
        next->end = tokens[t + 1].end;
        m = next;
        ++t;
      }
    }
    out.push_back(*m);
  }
  return out;
}

UChar32 last_char(std::string_view tok) {
  while (!tok.empty()) {
    const std::size_t k = previous_code_point(tok, 0, tok.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(tok.data());
    auto pos = static_cast<int32_t>(k);
    UChar32 c = 0;
    U8_NEXT(bytes, pos, static_cast<int32_t>(tok.size()), c);
    const auto type = static_cast<UCharCategory>(u_charType(c));
    if (c == '"' || c == '\'' || type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION) {
      tok = tok.substr(0, k);
      continue;
    }
    return c;
  }
  return 0;
}

bool is_final(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == 0x061F /* ؟ */ || c == 0x2026 /* … */;
}

// A comma or semicolon before an item: the list runs inside one sentence
// ("five components: (1) primary care; (2) virological surveillance").
bool is_inline_separator(UChar32 c) {
  return c == ',' || c == ';' || c == 0x060C /* ، */ || c == 0x061B /* ؛ */;
}

// Whether the token before a marker ends a sentence or opens a list.
bool opens_after(std::string_view tok) {
  while (!tok.empty()) {
    const std::size_t k = previous_code_point(tok, 0, tok.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(tok.data());
    auto pos = static_cast<int32_t>(k);
    UChar32 c = 0;
    U8_NEXT(bytes, pos, static_cast<int32_t>(tok.size()), c);
    const auto type = static_cast<UCharCategory>(u_charType(c));
    if (c == '"' || c == '\'' || type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION) {
      tok = tok.substr(0, k);
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x061F /* ؟ */ ||
           c == 0x061B /* ؛ */ || c == 0x2026 /* … */;
  }
  return false;
}

// A cheap count of the markers, up to `limit`: short tokens ending in "." or
// ")" that parse as one, and bullets.
std::size_t possible_markers(std::string_view s, std::span<const std::size_t> periods,
                             std::span<const std::size_t> marks, std::size_t limit) {
  std::size_t n = 0;
  const auto count = [&](std::size_t i) {
    if (i + 1 < s.size() && space_at(s, i + 1) == 0) return;
    // A value of two letters or more is a Roman numeral: a word that ends in
    // another letter ("said.") is no marker.
    const auto letter = [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
    if (i >= 2 && letter(s[i - 2]) && letter(s[i - 1]) && roman_value(s.substr(i - 1, 1)) == 0)
      return;
    std::size_t b = i;
    while (b > 0 && i - b < 8 && space_at(s, b - 1) == 0) --b;
    if ((b == 0 || space_at(s, b - 1) > 0) && i - b < 8 && parse(s.substr(b, i + 1 - b))) ++n;
  };
  for (std::size_t k = 0; k < periods.size() && n < limit; ++k) count(periods[k]);
  // Every bullet's UTF-8 starts with 0xE2.
  for (std::size_t k = 0; k < marks.size() && n < limit; ++k) {
    if (s[marks[k]] == ')')
      count(marks[k]);
    else if (bullet_prefix(s.substr(marks[k])) > 0)
      ++n;
  }
  return n;
}

}  // namespace

void list_item_breaks(std::string_view s, std::span<const std::size_t> periods,
                      std::span<const std::size_t> marks, std::vector<std::size_t>& out) {
  if (possible_markers(s, periods, marks, 2) < 2) return;
  const auto tokens = tokens_of(s, 0, s.size());
  std::vector<std::size_t> index;
  const auto markers = markers_of(s, tokens, index);
  if (markers.size() < 2) return;
  std::vector<bool> taken(markers.size(), false);
  for (std::size_t h = 0; h < markers.size(); ++h) {
    if (taken[h]) continue;
    const bool at_start = index[h] == 0;
    // A list opens the text, follows final punctuation, or follows another
    // list right away (numbering starts again).
    if (!at_start && !(h > 0 && taken[h - 1])) {
      const Token& before = tokens[index[h] - 1];
      if (!opens_after(s.substr(before.begin, before.end - before.begin))) continue;
    }
    if (markers[h].bullet_only) {
      if (!at_start) continue;
      for (std::size_t k = h + 1; k < markers.size(); ++k)
        if (markers[k].bullet_only) {
          out.push_back(markers[k].begin);
          taken[k] = true;
        }
      continue;
    }
    // Follow each reading of the head as a chain of values rising by one.
    for (const Reading& r : markers[h].readings) {
      std::vector<std::size_t> chain;
      int want = r.value + 1;
      for (std::size_t k = h + 1; k < markers.size(); ++k) {
        if (taken[k] || markers[k].bullet_only || markers[k].form != markers[h].form) continue;
        for (const Reading& rk : markers[k].readings) {
          if (rk.kind == r.kind && rk.value == want) {
            chain.push_back(k);
            ++want;
            break;
          }
        }
      }
      if (chain.empty()) continue;
      taken[h] = true;
      const auto before = [&](std::size_t k) {
        const Token& t = tokens[index[k] - 1];
        return last_char(s.substr(t.begin, t.end - t.begin));
      };
      bool inline_list = false;
      for (const std::size_t k : chain) inline_list = inline_list || is_inline_separator(before(k));
      if (inline_list) {
        for (const std::size_t k : chain) taken[k] = true;
        break;
      }
      // The first item starts a sentence after final punctuation or right
      // after another list, not after a colon.
      if (!at_start) {
        const UChar32 b = before(h);
        if (is_final(b) || (h > 0 && taken[h - 1] && b != ':')) out.push_back(markers[h].begin);
      }
      for (const std::size_t k : chain) {
        out.push_back(markers[k].begin);
        taken[k] = true;
      }
      break;
    }
  }
}

bool is_item_marker(std::string_view s, std::size_t begin, std::size_t end) {
  const Token t0 = next_token(s, begin, end);
  if (t0.begin == t0.end) return false;
  // Most sentences open with a word that is no marker: the rest of the
  // sentence need not be read.
  auto first = parse(s.substr(t0.begin, t0.end - t0.begin));
  if (!first) return false;
  const Token t1 = next_token(s, t0.end, end);
  if (t1.begin != t1.end && next_token(s, t1.end, end).begin < end) return false;
  if (t1.begin == t1.end) return !first->bullet_only;
  if (!first->bullet_only) return false;
  auto second = parse(s.substr(t1.begin, t1.end - t1.begin));
  return second && !second->bullet_only;
}

bool starts_with_item_marker(std::string_view line) {
  const Token t0 = next_token(line, 0, line.size());
  if (next_token(line, t0.end, line.size()).begin >= line.size()) return false;
  return parse(line.substr(t0.begin, t0.end - t0.begin)).has_value();
}

}  // namespace jisr::detail
