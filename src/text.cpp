#include "jisr/text.hpp"

#include <unicode/utf8.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "jisr/error.hpp"

namespace jisr {

namespace fs = std::filesystem;

std::string read_file_bytes(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    throw InputError(fmt::format("{}: no such file", path.string()));
  if (fs::is_directory(status))
    throw InputError(fmt::format("{}: is a directory, expected a text file", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open for reading", path.string()));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(fmt::format("{}: read error", path.string()));
  return bytes;
}

std::string read_stream_bytes(std::istream& in, std::string_view name) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(fmt::format("{}: read error", name));
  return std::move(buffer).str();
}

namespace {

bool starts_with_utf16_bom(std::string_view raw) {
  return raw.size() >= 2 && ((static_cast<unsigned char>(raw[0]) == 0xFF &&
                              static_cast<unsigned char>(raw[1]) == 0xFE) ||
                             (static_cast<unsigned char>(raw[0]) == 0xFE &&
                              static_cast<unsigned char>(raw[1]) == 0xFF));
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
    throw InputError(fmt::format("{}: larger than 2 GiB; split the input", name));
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
        if (on_invalid == OnInvalid::fail)
          throw InputError(fmt::format("{}: byte {}: NUL byte; this looks like a binary file", name,
                                       at));
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
        throw InputError(fmt::format("{}: byte {}: invalid UTF-8 (byte 0x{:02X})", name, at,
                                     static_cast<unsigned>(lead)));
      out += "\xEF\xBF\xBD";
      ++st.replaced;
      continue;
    }
    out.append(raw.data() + at, static_cast<std::size_t>(i - at));
  }
  return out;
}

std::string load_text(const std::string& path, OnInvalid on_invalid, TextStats* stats) {
  if (path == "-") return clean_text(read_stream_bytes(std::cin, "<stdin>"), "<stdin>", on_invalid, stats);
  return clean_text(read_file_bytes(path), path, on_invalid, stats);
}

std::size_t count_code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (const char ch : utf8)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace jisr
