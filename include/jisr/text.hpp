// Input: bytes from files or streams. Output: validated UTF-8 text.
//
// Every text that enters jisr passes through here once: the UTF-8 byte order
// mark is removed, CRLF and lone CR line ends become LF, and the bytes are
// checked to be well-formed UTF-8 (no overlong forms, no surrogates, no NUL).
// After this, the other stages may assume valid UTF-8.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace jisr {

// What to do with bytes that are not valid UTF-8.
enum class OnInvalid {
  fail,     // throw InputError naming the file and byte offset
  replace,  // substitute U+FFFD for each maximal invalid subsequence
};

struct TextStats {
  std::size_t replaced = 0;  // invalid sequences replaced by U+FFFD
  bool had_bom = false;
  bool had_crlf = false;
};

// Reads a whole file. Throws InputError if it is missing, a directory or
// unreadable. Does not validate the encoding.
[[nodiscard]] std::string read_file_bytes(const std::filesystem::path& path);

// Reads a whole stream (for standard input).
[[nodiscard]] std::string read_stream_bytes(std::istream& in, std::string_view name);

// Cleans raw bytes into valid LF-terminated UTF-8 as described above.
// `name` is used in error messages. Byte offsets in errors refer to `raw`.
[[nodiscard]] std::string clean_text(std::string_view raw, std::string_view name,
                                     OnInvalid on_invalid = OnInvalid::fail,
                                     TextStats* stats = nullptr);

// Reads `path` ("-" for standard input) and cleans it.
[[nodiscard]] std::string load_text(const std::string& path, OnInvalid on_invalid = OnInvalid::fail,
                                    TextStats* stats = nullptr);

// Number of Unicode code points in valid UTF-8 text.
[[nodiscard]] std::size_t count_code_points(std::string_view utf8);

}  // namespace jisr
