// Input: a whole document (UTF-8) and its lines.
// Output: cuts inside a line that ends with the whole text of another line
// of the same document.
//
// Web pages repeat their title in breadcrumbs and footers, and flattening a
// page glues the repeat to its neighbour ("Home press releases White Helmets
// are Saving Civilian Lives; …" where the title stands alone on an earlier
// line). A line of at least kMinRepeatWords words and at most kMaxRepeatBytes
// bytes that reappears as the tail of a longer line, at a word boundary, is
// cut off there. (A repeat at the head is left alone: a lead paragraph often
// opens with its headline's words and goes on.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "jisr/types.hpp"

namespace jisr::detail {

inline constexpr std::size_t kMinRepeatWords = 4;
inline constexpr std::size_t kMaxRepeatBytes = 240;

class RepeatedLines {
 public:
  // Indexes the trimmed lines of `text` (which must outlive this object).
  RepeatedLines(std::string_view text, const std::vector<ByteRange>& lines);

  // Appends to `out` the offsets in `line` (one line of the same document)
  // where a repeated line begins inside it.
  void cuts(std::string_view line, std::vector<std::size_t>& out) const;

 private:
  // A repeat ends where the line ends, so it shares the line's last bytes:
  // lines are filed by their last kTailBytes bytes, and a line looks only at
  // the lengths filed under its own tail.
  static constexpr std::size_t kTailBytes = 6;
  static_assert(2 * kMinRepeatWords - 1 >= kTailBytes, "every indexed line has a whole tail");
  static std::uint64_t tail_key(std::string_view s);

  std::unordered_set<std::string_view> lines_;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> lengths_by_tail_;  // of lines_
};

}  // namespace jisr::detail
