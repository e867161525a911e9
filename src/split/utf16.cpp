#include "split/utf16.hpp"

#include <climits>
#include <cstring>

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

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Decodes the well-formed sequence (Unicode's table 3-7) of two to four
// bytes at `in[i]`, whose lead byte is not ASCII; returns its length, or 0
// when it is ill-formed.
std::size_t decode(const unsigned char* in, std::size_t i, std::size_t n, char32_t& c) {
  const unsigned char b0 = in[i];
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (i + 1 >= n || !is_continuation(in[i + 1])) return 0;
    c = (static_cast<char32_t>(b0 & 0x1F) << 6) | (in[i + 1] & 0x3F);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (i + 2 >= n || !is_continuation(in[i + 2])) return 0;
    const unsigned char b1 = in[i + 1];
    const unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    if (b1 < lo || b1 > hi) return 0;
    c = (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) |
        (in[i + 2] & 0x3F);
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (i + 3 >= n || !is_continuation(in[i + 2]) || !is_continuation(in[i + 3])) return 0;
    const unsigned char b1 = in[i + 1];
    const unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (b1 < lo || b1 > hi) return 0;
    c = (static_cast<char32_t>(b0 & 0x07) << 18) | (static_cast<char32_t>(b1 & 0x3F) << 12) |
        (static_cast<char32_t>(in[i + 2] & 0x3F) << 6) | (in[i + 3] & 0x3F);
    return 4;
  }
  return 0;
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
    while (i < n) {
      const unsigned char b0 = in[i];
      bytes[o] = static_cast<std::uint32_t>(i);
      // ASCII or two bytes (Arabic and the other scripts up to U+07FF), the
      // usual cases, without a branch between them: Arabic text changes
      // from one to the other at every space.
      const unsigned b1 = i + 1 < n ? in[i + 1] : 0;
      const unsigned one = b0 < 0x80 ? 1U : 0U;
      const unsigned two = static_cast<unsigned>(b0 - 0xC2U <= 0xDFU - 0xC2U) &
                           static_cast<unsigned>(is_continuation(static_cast<unsigned char>(b1)));
      if ((one | two) != 0) {
        const unsigned wide = ((b0 & 0x1FU) << 6) | (b1 & 0x3FU);
        // b0 when one, else wide, by masks.
        out[o++] = static_cast<char16_t>(wide ^ ((wide ^ b0) & (0U - one)));
        i += 2 - one;
        continue;
      }
      char32_t c = 0;
      const std::size_t len = decode(in, i, n, c);
      if (len == 0) return false;
      if (c < 0x10000) {
        out[o++] = static_cast<char16_t>(c);
      } else {
        out[o] = static_cast<char16_t>(0xD7C0 + (c >> 10));
        out[o + 1] = static_cast<char16_t>(0xDC00 | (c & 0x3FF));
        bytes[o + 1] = static_cast<std::uint32_t>(i);  // inside the pair: never a boundary
        o += 2;
      }
      i += len;
    }
  }
  if (!ascii_) bytes_[o] = static_cast<std::uint32_t>(n);
  size_ = o;
  return true;
}

}  // namespace jisr::detail
