// Shared pieces of the command-line tool: output files that appear only when
// complete, and finding models and rule files.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "jisr/formats.hpp"
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

// The most threads a --threads option accepts; more is refused as a usage error.
inline constexpr unsigned kMaxThreads = 256;

// A stream buffer over a file descriptor that remembers the errno of the
// first failed write, so that the message can say why.
class FdStreamBuf : public std::streambuf {
 public:
  FdStreamBuf() = default;
  void attach(int fd) { fd_ = fd; }
  [[nodiscard]] int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool drain();
  int fd_ = -1;
  int error_ = 0;
  std::vector<char> buffer_ = std::vector<char>(std::size_t{1} << 16);
  std::size_t used_ = 0;
};

// A file written under a fresh temporary name in the folder of its final path
// and renamed into place by commit(). Until then the final path is untouched;
// if the object dies uncommitted (an exception), or a signal ends the process
// (INT, TERM, HUP, PIPE, ALRM, USR1, USR2), the temporary file is removed.
// The temporary file is created with O_EXCL | O_NOFOLLOW, so nothing planted
// at its name (a link, a FIFO) is followed or opened; it takes the mode of
// the file it replaces. A final path that is a link is followed (the link
// stays, its target is replaced). Only a character device, a FIFO or a
// socket (/dev/null, /dev/stdout, a named pipe) is written in place.
class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path final_path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream() { return out_; }
  // Flushes, checks for write errors (throws OutputError naming the file and
  // the reason), and renames into place.
  void commit();
  // The first half of commit(): flush, close, check. After it, rename() can
  // only fail on the rename itself.
  void finish();
  // Throws OutputError naming the file and the reason of the failed write.
  [[noreturn]] void throw_write_error() const;
  [[nodiscard]] const std::filesystem::path& path() const { return final_; }

 private:
  friend void commit_together(std::initializer_list<OutputFile*> files);
  void rename_into_place();
  std::filesystem::path final_, target_, temp_;  // target_: final_ with links followed
  FdStreamBuf buf_;
  std::ostream out_{&buf_};
  int fd_ = -1;
  bool finished_ = false;
  bool committed_ = false;
  bool direct_ = false;   // a device or pipe, written in place
  std::size_t slot_;      // entry in the signal-cleanup table
};

// Commits several files so that they appear together or not at all: every
// file is finished before the first is renamed, and if a later rename fails
// the earlier ones are removed again.
void commit_together(std::initializer_list<OutputFile*> files);

// Throws UsageError if `output` names the same file as one of `inputs`
// (standard input "-" and names that do not exist yet never match).
void refuse_overwriting_inputs(const std::string& output, std::initializer_list<std::string> inputs);

// Throws UsageError past kMaxThreads.
void check_threads(unsigned threads, const std::string& option);

// Installs the signal handlers that remove unfinished output files, except
// for signals that were ignored when jisr started (nohup leaves SIGHUP
// ignored), and ignores SIGXFSZ so that a file size limit is an ordinary
// write error.
void install_signal_cleanup();

// The folder of installed models (find_models_dir in aligner.hpp).
[[nodiscard]] std::filesystem::path models_dir();

// Resolves --model (find_model in aligner.hpp) and loads it.
[[nodiscard]] Model load_model(const std::string& name_or_path, bool with_dictionary = true);

// The one rule for summaries on standard error, in every command: printed
// when standard error is a terminal or --summary asks for it, never with
// -q/--quiet; so a pipeline's stderr stays clean unless asked.
[[nodiscard]] bool wants_summary(bool quiet, bool summary);
// Adds -q/--quiet and --summary to a command.
void add_summary_flags(CLI::App& command, bool& quiet, bool& summary);

// --refine (jisr align, jisr batch) writes parts of sentences: throws
// UsageError for a format that holds whole sentences only (beads, html).
void check_refine_format(Format format);
// The summary's line on what --refine cut, if it cut anything.
void print_refined(const RefineCount& count);

// Checks a BCP 47 language tag such as "ar", "en-GB", "ar-SY"; throws UsageError.
void check_language_tag(const std::string& tag, const std::string& option);

}  // namespace jisr::cli
