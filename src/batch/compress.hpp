// Private: compressed streams for jisr batch. Input: bytes from a file or
// standard input, plain, gzip or zstd (told apart by their magic bytes).
// Output: lines; and the other way, an ostream that compresses into
// another stream (gzip or zstd, chosen by the output file's extension).
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace jisr::batch {

enum class Compression { none, gzip, zstd };

// The compression named by a file name's extension (.gz, .zst), none for
// any other.
[[nodiscard]] Compression compression_of(std::string_view path);

// Lines of a stream, decompressed when it starts with the gzip (1f 8b) or
// zstd (28 b5 2f fd) magic bytes; concatenated members and frames are
// read one after the other.
class LineReader {
 public:
  // Reads `file` (not closed here); `name` starts every error message.
  // Lines longer than `max_line` bytes are refused.
  LineReader(std::FILE* file, std::string name, std::size_t max_line);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its '\n' (a final line without one counts);
  // false at the end. Throws InputError naming the stream and line on a
  // read error, a corrupt compressed stream or an over-long line.
  bool next(std::string& line);
  // Lines returned so far.
  [[nodiscard]] std::size_t line_number() const { return line_no_; }

 private:
  struct Decoder;
  // Refills buffer_ with decoded bytes; false at the end of the input.
  bool refill();

  std::FILE* file_;
  std::string name_;
  std::size_t max_line_;
  std::unique_ptr<Decoder> decoder_;
  std::string buffer_;
  std::size_t at_ = 0;
  std::size_t line_no_ = 0;
  bool started_ = false;
};

// An ostream that compresses what it is given into `sink`. close() ends
// the compressed stream and must be called before the sink is committed;
// throws OutputError if compression or the sink fails.
class CompressedOstream : public std::ostream {
 public:
  CompressedOstream(std::ostream& sink, Compression compression);
  ~CompressedOstream() override;
  void close();

 private:
  class Buffer;
  std::unique_ptr<Buffer> buffer_;
};

}  // namespace jisr::batch
