#include "split/repeated_lines.hpp"

#include <algorithm>
#include <cstring>

#include "split/space.hpp"

namespace jisr::detail {

namespace {

std::size_t words_in(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = space_at(s, i);
    if (n > 0) {
      in_word = false;
      i += n;
      continue;
    }
    if (!in_word) ++words;
    in_word = true;
    ++i;
  }
  return words;
}

}  // namespace

std::uint64_t RepeatedLines::quick_key(std::string_view s) {
  std::uint64_t head = 0;
  std::memcpy(&head, s.data(), std::min<std::size_t>(s.size(), 6));
  return (head << 16) ^ s.size();
}

RepeatedLines::RepeatedLines(std::string_view text, const std::vector<ByteRange>& lines) {
  for (const ByteRange& l : lines) {
    const ByteRange t = trim(text, l.begin, l.end);
    const std::string_view body = text.substr(t.begin, t.end - t.begin);
    if (body.size() <= kMaxRepeatBytes && words_in(body) >= kMinRepeatWords) {
      lines_.insert(body);
      keys_.insert(quick_key(body));
    }
  }
}

void RepeatedLines::cuts(std::string_view line, std::vector<std::size_t>& out) const {
  const ByteRange t = trim(line, 0, line.size());
  const std::string_view body = line.substr(t.begin, t.end - t.begin);
  if (lines_.empty() || body.empty()) return;
  // Word starts after the first word: where a repeat could begin.
  const std::size_t from = body.size() > kMaxRepeatBytes ? body.size() - kMaxRepeatBytes : 1;
  for (std::size_t i = from; i < body.size(); ++i) {
    if (space_at(body, i - 1) == 0 || space_at(body, i) > 0) continue;
    if (keys_.contains(quick_key(body.substr(i))) && lines_.contains(body.substr(i)))
      out.push_back(t.begin + i);
  }
}

}  // namespace jisr::detail
