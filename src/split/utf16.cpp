#include "split/utf16.hpp"

#include <climits>
#include <cstring>

#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace jisr::detail {

namespace {

// The end of the run of ASCII bytes of [i, n) of `in`, eight at a time.
std::size_t ascii_run_end(const unsigned char* in, std::size_t i, std::size_t n) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, in + i, 8);
    if ((word & kHigh) != 0) break;
  }
  while (i < n && in[i] < 0x80) ++i;
  return i;
}

}  // namespace

bool Utf16Text::assign(std::string_view s) {
  const std::size_t n = s.size();
  // ICU's iterators return int32_t offsets.
  if (n >= static_cast<std::size_t>(INT32_MAX)) return false;
  if (capacity_ < n + 1) {
    units_.reset(new char16_t[n + 1]);
    capacity_ = n + 1;
  }
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  char16_t* out = units_.get();
  // Up to the first byte that is not ASCII, units and bytes go alike.
  std::size_t i = ascii_run_end(in, 0, n);
  for (std::size_t k = 0; k < i; ++k) out[k] = in[k];
  std::size_t o = i;
  ascii_ = i == n;
  if (!ascii_) {
    if (bytes_capacity_ < n + 1) {
      bytes_.reset(new std::uint32_t[n + 1]);
      bytes_capacity_ = n + 1;
    }
    std::uint32_t* bytes = bytes_.get();
    for (std::size_t k = 0; k < o; ++k) bytes[k] = static_cast<std::uint32_t>(k);
    const auto length = static_cast<std::int32_t>(n);
    auto at = static_cast<std::int32_t>(i);
    while (at < length) {
      bytes[o] = static_cast<std::uint32_t>(at);
      if (in[at] < 0x80) {
        out[o++] = in[at++];
        continue;
      }
      // ICU's decoder: a negative code point is an ill-formed sequence.
      UChar32 c = 0;
      U8_NEXT(in, at, length, c);
      if (c < 0) return false;
      const std::size_t first = o;
      U16_APPEND_UNSAFE(out, o, c);
      // Inside a surrogate pair: never a boundary.
      for (std::size_t k = first + 1; k < o; ++k) bytes[k] = bytes[first];
    }
  }
  if (!ascii_) bytes_[o] = static_cast<std::uint32_t>(n);
  size_ = o;
  return true;
}

}  // namespace jisr::detail
