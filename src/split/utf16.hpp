// Input: a stretch of UTF-8 text. Output: the same text in UTF-16, for ICU's
// break iterator, and the way back from UTF-16 offsets to byte offsets.
//
// ICU's sentence iterator runs about a third faster over UTF-16 than over a
// UTF-8 UText (three times as fast on Arabic), which converts each chunk it
// reads and maps every index it returns. Valid UTF-8 decodes to the same code
// points either way, so the breaks are the same. Text that is not valid
// UTF-8 is left to the UTF-8 UText, whose replacement of bad bytes this does
// not imitate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace jisr::detail {

class Utf16Text {
 public:
  // Converts `s`. Returns false, leaving nothing usable, when `s` is not
  // well-formed UTF-8. The buffers are kept for the next call.
  bool assign(std::string_view s);

  [[nodiscard]] const char16_t* data() const { return units_.get(); }
  [[nodiscard]] std::size_t size() const { return size_; }

  // Byte offset in the converted text of UTF-16 offset `i`, a code point
  // boundary in [0, size()].
  [[nodiscard]] std::size_t byte_offset(std::size_t i) const { return ascii_ ? i : bytes_[i]; }

 private:
  // Not value-initialised: every element read has been written by assign().
  std::unique_ptr<char16_t[]> units_;
  std::unique_ptr<std::uint32_t[]> bytes_;  // byte offset per unit; only for non-ASCII text
  std::size_t capacity_ = 0, bytes_capacity_ = 0, size_ = 0;
  bool ascii_ = true;
};

}  // namespace jisr::detail
