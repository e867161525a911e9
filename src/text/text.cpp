#include "jisr/text.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <system_error>

#include <fmt/format.h>
#include <unicode/utf8.h>

#include "jisr/error.hpp"

namespace jisr {

namespace fs = std::filesystem;

namespace {

// Appends at most `max_bytes` + 1 bytes of `in` to `out`, so that callers can
// tell "exactly at the limit" from "over it" without reading an endless stream.
void read_bounded(std::istream& in, std::string& out, std::size_t max_bytes) {
  std::array<char, 1 << 16> chunk{};
  while (out.size() <= max_bytes) {
    const std::size_t want = std::min(chunk.size(), max_bytes + 1 - out.size());
    in.read(chunk.data(), static_cast<std::streamsize>(want));
    const auto got = static_cast<std::size_t>(in.gcount());
    out.append(chunk.data(), got);
    if (got < want) break;
  }
}

std::string too_large(std::string_view name, std::size_t max_bytes) {
  return fmt::format("{}: byte {}: input is larger than the limit of {} bytes; split it", name,
                     max_bytes, max_bytes);
}

}  // namespace

std::string read_file_bytes(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw InputError(fmt::format("{}: no such file", path.string()));
  if (fs::is_directory(status))
    throw InputError(fmt::format("{}: is a directory, expected a text file", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open for reading", path.string()));
  std::string bytes;
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) throw LimitError(too_large(path.string(), max_bytes));
    if (!ec) bytes.reserve(static_cast<std::size_t>(size));
  }
  read_bounded(in, bytes, max_bytes);
  if (in.bad()) throw InputError(fmt::format("{}: read error", path.string()));
  if (bytes.size() > max_bytes) throw LimitError(too_large(path.string(), max_bytes));
  return bytes;
}

std::string read_stream_bytes(std::istream& in, std::string_view name, std::size_t max_bytes) {
  std::string bytes;
  read_bounded(in, bytes, max_bytes);
  if (in.bad()) throw InputError(fmt::format("{}: read error", name));
  if (bytes.size() > max_bytes) throw LimitError(too_large(name, max_bytes));
  return bytes;
}

namespace {

unsigned byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

bool starts_with_utf16_bom(std::string_view raw) {
  return raw.size() >= 2 && ((byte_at(raw, 0) == 0xFF && byte_at(raw, 1) == 0xFE) ||
                             (byte_at(raw, 0) == 0xFE && byte_at(raw, 1) == 0xFF));
}

// UTF-16 text without a byte order mark: mostly ASCII with a NUL in every
// other byte. Looks at the first 64 bytes.
bool looks_like_utf16(std::string_view raw) {
  const std::size_t n = std::min<std::size_t>(raw.size(), 64) & ~std::size_t{1};
  if (n < 8) return false;
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (raw[i] == '\0') ++(i % 2 == 0 ? even : odd);
  // At least three quarters of one parity is NUL, none of the other.
  return std::max(even, odd) * 8 >= n * 3 && std::min(even, odd) == 0;
}

// Why the sequence at `at` is not well-formed UTF-8.
std::string describe_invalid(std::string_view raw, std::size_t at) {
  const unsigned lead = byte_at(raw, at);
  const auto next = [&](std::size_t k) { return at + k < raw.size() ? byte_at(raw, at + k) : 0u; };
  if (lead >= 0x80 && lead <= 0xBF)
    return fmt::format("invalid UTF-8: stray continuation byte 0x{:02X}", lead);
  if (lead == 0xC0 || lead == 0xC1 || (lead == 0xE0 && next(1) >= 0x80 && next(1) < 0xA0) ||
      (lead == 0xF0 && next(1) >= 0x80 && next(1) < 0x90))
    return fmt::format("invalid UTF-8: overlong encoding (lead byte 0x{:02X})", lead);
  if (lead == 0xED && next(1) >= 0xA0 && next(1) <= 0xBF)
    return "invalid UTF-8: encoded UTF-16 surrogate (U+D800..U+DFFF)";
  if (lead >= 0xF5 || (lead == 0xF4 && next(1) >= 0x90))
    return fmt::format("invalid UTF-8: byte 0x{:02X} starts no character (beyond U+10FFFF)", lead);
  return fmt::format("invalid UTF-8: truncated sequence after lead byte 0x{:02X}", lead);
}

}  // namespace

std::string clean_text(std::string_view raw, std::string_view name, OnInvalid on_invalid,
                       TextStats* stats) {
  TextStats local;
  TextStats& st = stats ? *stats : local;
  if (starts_with_utf16_bom(raw))
    throw InputError(fmt::format(
        "{}: byte 0: UTF-16 byte order mark; jisr reads UTF-8 (convert with iconv -f UTF-16 -t UTF-8)",
        name));
  std::size_t start = 0;
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") {
    start = 3;
    st.had_bom = true;
  }
  if (raw.size() > static_cast<std::size_t>(INT32_MAX))
    throw LimitError(fmt::format("{}: larger than 2 GiB; split the input", name));
  std::string out;
  out.reserve(raw.size() - start);
  const auto* bytes = reinterpret_cast<const uint8_t*>(raw.data());
  const auto length = static_cast<int32_t>(raw.size());
  auto i = static_cast<int32_t>(start);
  while (i < length) {
    const int32_t at = i;
    const uint8_t lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      if (lead == 0) {
        if (on_invalid == OnInvalid::fail) {
          if (looks_like_utf16(raw))
            throw InputError(fmt::format(
                "{}: byte {}: NUL byte; this looks like UTF-16 without a byte order mark "
                "(convert with iconv -f UTF-16LE -t UTF-8)",
                name, at));
          throw InputError(
              fmt::format("{}: byte {}: NUL byte; this looks like a binary file", name, at));
        }
        out += "\xEF\xBF\xBD";
        ++st.replaced;
      } else if (lead == '\r') {
        st.had_crlf = true;
        out += '\n';
        if (i < length && bytes[i] == '\n') ++i;
      } else {
        out += static_cast<char>(lead);
      }
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      if (on_invalid == OnInvalid::fail)
        throw InputError(fmt::format("{}: byte {}: {}", name, at,
                                     describe_invalid(raw, static_cast<std::size_t>(at))));
      out += "\xEF\xBF\xBD";
      ++st.replaced;
      continue;
    }
    out.append(raw.data() + at, static_cast<std::size_t>(i - at));
  }
  return out;
}

std::string load_text(const std::string& path, OnInvalid on_invalid, TextStats* stats,
                      std::size_t max_bytes) {
  if (path == "-")
    return clean_text(read_stream_bytes(std::cin, "<stdin>", max_bytes), "<stdin>", on_invalid,
                      stats);
  return clean_text(read_file_bytes(path, max_bytes), path, on_invalid, stats);
}

std::size_t find_invalid_utf8(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return INT32_MAX;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t at = i;
    if (p[i] < 0x80) {
      if (p[i++] == 0) return static_cast<std::size_t>(at);
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(p, i, length, c);
    if (c < 0) return static_cast<std::size_t>(at);
  }
  return std::string_view::npos;
}

std::size_t count_code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (const char ch : utf8)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

std::string escape_tsv_field(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string unescape_tsv_field(std::string_view field, std::string_view where) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out += field[i];
      continue;
    }
    const char e = i + 1 < field.size() ? field[i + 1] : '\0';
    switch (e) {
      case '\\':
        out += '\\';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      default:
        throw InputError(fmt::format(
            "{}: byte {} of the field: a backslash must start \\\\, \\t, \\n or \\r", where, i));
    }
    ++i;
  }
  return out;
}

}  // namespace jisr
