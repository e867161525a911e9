// Input: bytes from files or streams. Output: validated UTF-8 text.
//
// Every text that enters jisr passes through here once: the UTF-8 byte order
// mark is removed, CRLF and lone CR line ends become LF, and the bytes are
// checked to be well-formed UTF-8 (no overlong forms, no surrogates, no NUL).
// After this, the other stages may assume valid UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jisr {

// What to do with bytes that are not valid UTF-8.
enum class OnInvalid {
  fail,     // throw InputError naming the file and byte offset
  replace,  // substitute U+FFFD for each maximal invalid subsequence
};

// The largest input jisr reads by default (1 GiB); larger files and endless
// streams such as /dev/zero are refused with an InputError.
inline constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;

struct TextStats {
  std::size_t replaced = 0;  // invalid sequences replaced by U+FFFD
  bool had_bom = false;
  bool had_crlf = false;
  // Where the cleaned text and the raw bytes fall out of step (a byte order
  // mark removed, CRLF made LF, an invalid sequence replaced): pairs (clean
  // offset, raw offset), in order, from which on raw - clean is constant.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> offset_map;
};

// The byte offset in the raw input of byte `clean_offset` of the text that
// clean_text made from it, using the map clean_text kept in `stats`.
[[nodiscard]] std::size_t raw_offset(const TextStats& stats, std::size_t clean_offset);

// Reads a whole file. Throws InputError if it is missing, a directory,
// unreadable or longer than `max_bytes`. Does not validate the encoding.
[[nodiscard]] std::string read_file_bytes(const std::filesystem::path& path,
                                          std::size_t max_bytes = kMaxInputBytes);

// Reads a whole stream (for standard input); throws InputError past `max_bytes`.
[[nodiscard]] std::string read_stream_bytes(std::istream& in, std::string_view name,
                                            std::size_t max_bytes = kMaxInputBytes);

// Cleans raw bytes into valid LF-terminated UTF-8 as described above.
// `name` is used in error messages. Byte offsets in errors refer to `raw`.
// Errors say what is wrong: a UTF-16 file, a NUL byte, an overlong form, a
// UTF-16 surrogate, a truncated sequence or a byte that cannot start one.
[[nodiscard]] std::string clean_text(std::string_view raw, std::string_view name,
                                     OnInvalid on_invalid = OnInvalid::fail,
                                     TextStats* stats = nullptr);

// Reads `path` ("-" for standard input) and cleans it.
[[nodiscard]] std::string load_text(const std::string& path, OnInvalid on_invalid = OnInvalid::fail,
                                    TextStats* stats = nullptr,
                                    std::size_t max_bytes = kMaxInputBytes);

// The byte offset of the first byte of `bytes` that is not part of
// well-formed UTF-8 (or is NUL), or std::string_view::npos if there is none.
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view bytes);

// TSV fields: one bead must stay one line, and text must survive a round
// trip, so a backslash, a tab, a line feed and a carriage return inside a
// field are written as \\, \t, \n and \r. Nothing else changes.
[[nodiscard]] std::string escape_tsv_field(std::string_view text);

// The inverse of escape_tsv_field. A backslash followed by anything other
// than \\, t, n or r is an error: throws InputError that starts with `where`
// and gives the byte offset within the field.
[[nodiscard]] std::string unescape_tsv_field(std::string_view field, std::string_view where);

// Number of Unicode code points in valid UTF-8 text.
[[nodiscard]] std::size_t count_code_points(std::string_view utf8);

}  // namespace jisr
