// Shared pieces of the command-line tool: output files that appear only when
// complete, and finding models and rule files.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "jisr/model.hpp"

namespace jisr::cli {

// Exit codes of every command: 0 success; 1 the run failed (bad input, an
// output that could not be written, a limit reached, or an internal fault),
// with a message on standard error; 2 bad usage (unknown or contradictory
// options), with a message and a hint.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr const char* kExitStatusHelp =
    "Exit status: 0 success; 1 bad input, an output that could not be written or a limit reached "
    "(the message names the file and position); 2 bad usage.";

// A file written under a temporary name beside its final path and renamed
// into place by commit(). Until then the final path is untouched; if the
// object dies uncommitted (an exception), or the process is interrupted by
// SIGINT / SIGTERM / SIGHUP, the temporary file is removed. A path that is
// a device or a pipe (/dev/stdout, a FIFO) is written in place instead.
class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path final_path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream() { return out_; }
  // Flushes, checks for write errors (throws InputError naming the file),
  // and renames into place.
  void commit();
  [[nodiscard]] const std::filesystem::path& path() const { return final_; }

 private:
  std::filesystem::path final_, target_, temp_;  // target_: final_ with links followed
  std::ofstream out_;
  bool committed_ = false;
  bool direct_ = false;   // the path is a device or pipe, written in place
  std::size_t slot_ = 0;  // entry in the signal-cleanup table
};

// Installs the signal handlers that remove unfinished output files, and
// ignores SIGXFSZ so that a file size limit is an ordinary write error.
void install_signal_cleanup();

// The folder of installed models (find_models_dir in aligner.hpp).
[[nodiscard]] std::filesystem::path models_dir();

// Resolves --model (find_model in aligner.hpp) and loads it.
[[nodiscard]] Model load_model(const std::string& name_or_path, bool with_dictionary = true);

// Checks a BCP 47 language tag such as "ar", "en-GB", "ar-SY"; throws UsageError.
void check_language_tag(const std::string& tag, const std::string& option);

}  // namespace jisr::cli
