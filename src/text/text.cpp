#include "jisr/text.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <system_error>

#include <unicode/ucsdet.h>

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

// UTF-16 text without a byte order mark: "LE" or "BE", or empty if the
// bytes do not look like it. In UTF-16 the bytes of one parity are the high
// bytes of code units, which within one script take very few values (0x00
// for ASCII, 0x06 for Arabic, 0x20 for quotes and dashes), and white space
// and line ends put NULs there and only there. Looks at the first 1,024
// bytes.
std::string_view utf16_without_bom(std::string_view raw) {
  const std::size_t n = std::min<std::size_t>(raw.size(), 1024) & ~std::size_t{1};
  if (n < 8) return {};
  std::array<std::size_t, 2> nuls{};
  std::array<std::array<bool, 256>, 2> seen{};
  std::array<std::size_t, 2> distinct{};
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned b = byte_at(raw, i);
    if (b == 0) ++nuls[i % 2];
    if (!seen[i % 2][b]) {
      seen[i % 2][b] = true;
      ++distinct[i % 2];
    }
  }
  constexpr std::size_t kMaxHighBytes = 4;
  for (std::size_t high = 0; high < 2; ++high)
    if (nuls[high] > 0 && nuls[1 - high] == 0 && distinct[high] <= kMaxHighBytes)
      return high == 0 ? "BE" : "LE";
  return {};
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

// For text that is not UTF-8: ICU's charset detector's guess at a legacy
// encoding (Windows-1256, ISO-8859-6, ...) and the command that converts
// it, or empty when it has no confident guess.
std::string legacy_encoding_hint(std::string_view raw) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return {};
  const std::string_view sample = raw.substr(0, std::size_t{1} << 16);
  ucsdet_setText(detector, sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = U_SUCCESS(status) ? ucsdet_detect(detector, &status) : nullptr;
  std::string hint;
  if (match != nullptr && U_SUCCESS(status)) {
    const char* name = ucsdet_getName(match, &status);
    const int32_t confidence = ucsdet_getConfidence(match, &status);
    if (U_SUCCESS(status) && name != nullptr && confidence >= 20 && std::string_view(name) != "UTF-8")
      hint = fmt::format("; this looks like {} text (convert with iconv -f {} -t UTF-8)", name, name);
  }
  ucsdet_close(detector);
  return hint;
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
  st.offset_map.clear();
  // Notes that clean offset `clean` is raw offset `raw`, if the step changed.
  const auto mark = [&st](std::size_t clean, std::size_t raw_at) {
    const auto& m = st.offset_map;
    const auto step = [](std::int64_t c, std::int64_t r) { return r - c; };
    const std::int64_t now = step(static_cast<std::int64_t>(clean), static_cast<std::int64_t>(raw_at));
    if (now == (m.empty() ? 0 : step(m.back().first, m.back().second))) return;
    st.offset_map.emplace_back(static_cast<std::uint32_t>(clean), static_cast<std::uint32_t>(raw_at));
  };
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") {
    start = 3;
    st.had_bom = true;
    mark(0, 3);
  }
  if (raw.size() > static_cast<std::size_t>(INT32_MAX))
    throw LimitError(fmt::format("{}: larger than 2 GiB; split the input", name));
  // Refused in every mode: replacing its bytes would turn it into junk.
  if (const std::string_view order = utf16_without_bom(raw); !order.empty())
    throw InputError(fmt::format(
        "{}: byte {}: NUL byte; this looks like UTF-16{} without a byte order mark (convert "
        "with iconv -f UTF-16{} -t UTF-8)",
        name, raw.find('\0'), order, order));
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
          throw InputError(
              fmt::format("{}: byte {}: NUL byte; this looks like a binary file", name, at));
        }
        out += "\xEF\xBF\xBD";
        ++st.replaced;
        mark(out.size(), static_cast<std::size_t>(i));
      } else if (lead == '\r') {
        st.had_crlf = true;
        out += '\n';
        if (i < length && bytes[i] == '\n') ++i;
        mark(out.size(), static_cast<std::size_t>(i));
      } else {
        out += static_cast<char>(lead);
      }
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      if (on_invalid == OnInvalid::fail)
        throw InputError(fmt::format("{}: byte {}: {}{}", name, at,
                                     describe_invalid(raw, static_cast<std::size_t>(at)),
                                     legacy_encoding_hint(raw)));
      out += "\xEF\xBF\xBD";
      ++st.replaced;
      mark(out.size(), static_cast<std::size_t>(i));
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

std::size_t raw_offset(const TextStats& stats, std::size_t clean_offset) {
  const auto& m = stats.offset_map;
  const auto after = std::upper_bound(
      m.begin(), m.end(), clean_offset,
      [](std::size_t x, const std::pair<std::uint32_t, std::uint32_t>& e) { return x < e.first; });
  if (after == m.begin()) return clean_offset;
  const auto& e = *(after - 1);
  return clean_offset - e.first + e.second;
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
