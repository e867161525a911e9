#include "cli/common.hpp"

#include "jisr/aligner.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <regex>

#include <fmt/format.h>

#include "jisr/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace jisr::cli {

namespace fs = std::filesystem;

namespace {

// Temporary files to remove if a signal ends the process. Plain arrays: a
// signal handler may only touch lock-free data. A slot is free (0), being
// filled (1) or holds a name (2); the handler reads only full slots.
constexpr std::size_t kMaxTemps = 8;
constexpr std::size_t kMaxTempPath = 4096;
std::array<std::array<char, kMaxTempPath>, kMaxTemps> g_temps{};
std::array<std::atomic<int>, kMaxTemps> g_state{};

std::size_t register_temp(const fs::path& p) {
  const std::string s = p.string();
  for (std::size_t k = 0; k < kMaxTemps; ++k) {
    int expected = 0;
    if (s.size() < kMaxTempPath && g_state[k].compare_exchange_strong(expected, 1)) {
      std::memcpy(g_temps[k].data(), s.c_str(), s.size() + 1);
      g_state[k] = 2;
      return k;
    }
  }
  return kMaxTemps;
}

void unregister_temp(std::size_t k) {
  if (k < kMaxTemps) g_state[k] = 0;
}

extern "C" void remove_temps_and_exit(int sig) {
  for (std::size_t k = 0; k < kMaxTemps; ++k)
    if (g_state[k] == 2) ::unlink(g_temps[k].data());
  ::_exit(128 + sig);
}

// The longest file name component most file systems take (NAME_MAX).
constexpr std::size_t kMaxNameBytes = 255;

// ".NAME.PID.K.tmp", with NAME shortened so that the whole stays within
// kMaxNameBytes (cut before a UTF-8 lead byte, never inside a character).
std::string temp_name(const std::string& name, long pid, unsigned attempt) {
  const std::string suffix = fmt::format(".{}.{}.tmp", pid, attempt);
  std::size_t keep = std::min(name.size(), kMaxNameBytes - 1 - suffix.size());
  while (keep > 0 && keep < name.size() && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80)
    --keep;
  return "." + name.substr(0, keep) + suffix;
}

std::string write_error_text(int err) {
  if (err == 0) return "write failed";
  return fmt::format("write failed: {}", std::strerror(err));
}

}  // namespace

bool FdStreamBuf::drain() {
  std::size_t done = 0;
  while (done < used_ && error_ == 0) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, used_ - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n < 0 ? errno : EIO;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  used_ = 0;
  return error_ == 0;
}

FdStreamBuf::int_type FdStreamBuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return sync() == 0 ? 0 : traits_type::eof();
  if (used_ == buffer_.size() && !drain()) return traits_type::eof();
  buffer_[used_++] = traits_type::to_char_type(ch);
  return ch;
}

std::streamsize FdStreamBuf::xsputn(const char* s, std::streamsize n) {
  std::streamsize done = 0;
  while (done < n) {
    if (used_ == buffer_.size() && !drain()) return done;
    const auto take = std::min<std::size_t>(buffer_.size() - used_, static_cast<std::size_t>(n - done));
    std::memcpy(buffer_.data() + used_, s + done, take);
    used_ += take;
    done += static_cast<std::streamsize>(take);
  }
  return done;
}

int FdStreamBuf::sync() { return error_ == 0 && drain() ? 0 : -1; }

void install_signal_cleanup() {
  for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
    struct sigaction action {};
    action.sa_handler = remove_temps_and_exit;
    sigemptyset(&action.sa_mask);
    ::sigaction(sig, &action, nullptr);
  }
  // Past a file size limit (ulimit -f), write() then fails with EFBIG and the
  // writer reports it, instead of SIGXFSZ killing the process with the
  // temporary file left behind.
  std::signal(SIGXFSZ, SIG_IGN);
}

OutputFile::OutputFile(fs::path final_path)
    : final_(std::move(final_path)), target_(final_), slot_(kMaxTemps) {
  std::error_code ec;
  if (fs::is_directory(final_, ec))
    throw InputError(fmt::format("{}: is a folder, expected an output file name", final_.string()));
  // A symbolic link is followed, so that the link stays and its target is
  // replaced. /dev/stdout links into /proc/self/fd, where nothing can be
  // renamed: that is written in place.
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(target_, ec)); ++hops) {
    const fs::path link = fs::read_symlink(target_, ec);
    if (ec) break;
    target_ = link.is_absolute() ? link : target_.parent_path() / link;
    if (target_.string().starts_with("/proc/")) break;
  }
  struct stat st {};
  const bool exists = ::stat(target_.c_str(), &st) == 0;
  if ((exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) ||
      target_.string().starts_with("/proc/")) {
    direct_ = true;
    fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0)
      throw InputError(fmt::format("{}: cannot open for writing: {}", final_.string(), std::strerror(errno)));
    buf_.attach(fd_);
    return;
  }
  if (exists && !S_ISREG(st.st_mode))
    throw InputError(fmt::format("{}: exists and is not a regular file", final_.string()));
  const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec))
    throw InputError(fmt::format("{}: folder {} does not exist", final_.string(), dir.string()));
  // A fresh name: O_EXCL fails on anything already there, a link included.
  const mode_t mode = exists ? (st.st_mode & 07777) : 0666;
  int err = 0;
  for (unsigned attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
    temp_ = dir / temp_name(target_.filename().string(), static_cast<long>(::getpid()), attempt);
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    err = fd_ < 0 ? errno : 0;
    if (fd_ < 0 && err != EEXIST) break;
  }
  if (fd_ < 0)
    throw OutputError(fmt::format("{}: cannot create a temporary file in {}: {}", final_.string(),
                                 dir.string(), std::strerror(err)));
  slot_ = register_temp(temp_);
  // open() applies the umask; a replaced file keeps its own mode.
  if (exists) (void)::fchmod(fd_, mode);
  buf_.attach(fd_);
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!direct_ && !committed_ && !temp_.empty()) ::unlink(temp_.c_str());
  unregister_temp(slot_);
}

void OutputFile::throw_write_error() const {
  throw OutputError(fmt::format("{}: {}", final_.string(), write_error_text(buf_.error())));
}

void OutputFile::finish() {
  if (finished_) return;
  out_.flush();
  if (!out_ || buf_.error() != 0) throw_write_error();
  if (!direct_ && ::fsync(fd_) != 0 && errno != EINVAL)
    throw OutputError(fmt::format("{}: {}", final_.string(), write_error_text(errno)));
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 && errno != EINTR)
    throw OutputError(fmt::format("{}: {}", final_.string(), write_error_text(errno)));
  finished_ = true;
}

void OutputFile::rename_into_place() {
  if (!direct_ && ::rename(temp_.c_str(), target_.c_str()) != 0)
    throw OutputError(fmt::format("{}: cannot rename into place: {}", final_.string(), std::strerror(errno)));
  committed_ = true;
}

void OutputFile::commit() {
  finish();
  rename_into_place();
}

void commit_together(std::initializer_list<OutputFile*> files) {
  for (OutputFile* f : files) f->finish();
  std::vector<OutputFile*> done;
  try {
    for (OutputFile* f : files) {
      f->rename_into_place();
      done.push_back(f);
    }
  } catch (const OutputError&) {
    for (OutputFile* f : done)
      if (!f->direct_) ::unlink(f->target_.c_str());
    throw;
  }
}

void refuse_overwriting_inputs(const std::string& output, std::initializer_list<std::string> inputs) {
  std::error_code ec;
  if (output.empty() || output == "-" || !fs::exists(output, ec)) return;
  for (const std::string& input : inputs) {
    if (input.empty() || input == "-") continue;
    if (fs::equivalent(output, input, ec) && !ec)
      throw UsageError(fmt::format("output {} is the input {}; write to another file", output, input));
  }
}

void check_threads(unsigned threads, const std::string& option) {
  if (threads > kMaxThreads)
    throw UsageError(fmt::format("{} {} is more than the limit of {}", option, threads, kMaxThreads));
}

fs::path models_dir() { return find_models_dir(); }

Model load_model(const std::string& name_or_path, bool with_dictionary) {
  return Model::load(find_model(name_or_path), with_dictionary);
}

void check_refine_format(Format format) {
  if (format == Format::beads || format == Format::html)
    throw UsageError(fmt::format("--refine writes parts of sentences, which the {} format cannot hold: use tmx, tsv, "
                                 "jsonl or moses",
                                 to_string(format)));
}

void print_refined(const RefineCount& count) {
  if (count.pairs > 0)
    fmt::print(stderr, "  refined: {} one-to-many beads written as {} sentence-sized pairs\n", count.beads,
               count.pairs);
}

bool wants_summary(bool quiet, bool summary) { return !quiet && (summary || ::isatty(STDERR_FILENO) == 1); }

void add_summary_flags(CLI::App& command, bool& quiet, bool& summary) {
  command.add_flag("-q,--quiet", quiet, "Print no summary on standard error");
  command.add_flag("--summary", summary,
                   "Print the summary on standard error even when it is not a terminal (it is by default on a "
                   "terminal)");
}

void check_language_tag(const std::string& tag, const std::string& option) {
  static const std::regex kTag("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
  if (!std::regex_match(tag, kTag))
    throw UsageError(
        fmt::format("{} \"{}\" is not a language tag such as ar, en or ar-SY", option, tag));
}

}  // namespace jisr::cli
