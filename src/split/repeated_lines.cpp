#include "split/repeated_lines.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

#include "split/space.hpp"

namespace jisr::detail {

namespace {

// The number of words in `s`, counted up to `limit`.
std::size_t words_in(std::string_view s, std::size_t limit) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size() && words < limit;) {
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

std::uint64_t RepeatedLines::tail_key(std::string_view s) {
  const std::size_t n = std::min(s.size(), kTailBytes);
  std::uint64_t tail = 0;
  std::memcpy(&tail, s.data() + s.size() - n, n);
  return (tail << 8) ^ n;
}

RepeatedLines::RepeatedLines(std::string_view text, const std::vector<ByteRange>& lines) {
  for (const ByteRange& l : lines) {
    const ByteRange t = trim(text, l.begin, l.end);
    const std::string_view body = text.substr(t.begin, t.end - t.begin);
    if (body.size() <= kMaxRepeatBytes && words_in(body, kMinRepeatWords) >= kMinRepeatWords &&
        lines_.insert(body).second)
      lengths_by_tail_[tail_key(body)].push_back(body.size());
  }
  // Longest first: the cuts come out in the order of the text.
  for (auto& [tail, lengths] : lengths_by_tail_) {
    std::sort(lengths.begin(), lengths.end(), std::greater<>());
    lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
  }
}

void RepeatedLines::cuts(std::string_view line, std::vector<std::size_t>& out) const {
  const ByteRange t = trim(line, 0, line.size());
  const std::string_view body = line.substr(t.begin, t.end - t.begin);
  if (lines_.empty() || body.empty()) return;
  const auto filed = lengths_by_tail_.find(tail_key(body));
  if (filed == lengths_by_tail_.end()) return;
  // Word starts after the first word: where a repeat could begin.
  for (const std::size_t length : filed->second) {
    if (length >= body.size()) continue;
    const std::size_t i = body.size() - length;
    if (space_at(body, i - 1) == 0 || space_at(body, i) > 0) continue;
    if (lines_.contains(body.substr(i))) out.push_back(t.begin + i);
  }
}

}  // namespace jisr::detail
