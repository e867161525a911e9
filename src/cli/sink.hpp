// Output streams of the commands that write one bitext for many documents
// (batch, docalign): a file that appears only when complete, or standard
// output, compressed when its name ends in .gz or .zst.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "batch/compress.hpp"
#include "cli/common.hpp"

namespace jisr::cli {

// The output path without a compression extension (.gz, .zst).
[[nodiscard]] std::string plain_name(const std::string& path);

class Sink {
 public:
  // "-" or empty: standard output. Throws OutputError if the file cannot be created.
  explicit Sink(const std::string& path);
  std::ostream& stream() { return *out_; }
  // Ends the compressed stream, flushes, and renames the file into place;
  // throws OutputError if anything could not be written.
  void commit();

 private:
  std::optional<OutputFile> file_;
  std::optional<batch::CompressedOstream> zip_;
  std::ostream* out_ = nullptr;
};

}  // namespace jisr::cli
