#include "cli/common.hpp"

#include "jisr/aligner.hpp"

#include <array>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <regex>

#include <fmt/format.h>

#include "jisr/error.hpp"

#include <unistd.h>

namespace jisr::cli {

namespace fs = std::filesystem;

namespace {

// Temporary files to remove if a signal ends the process. Plain arrays: a
// signal handler may only touch lock-free data.
constexpr std::size_t kMaxTemps = 8;
std::array<std::array<char, 4096>, kMaxTemps> g_temps{};
std::array<std::atomic<bool>, kMaxTemps> g_used{};

std::size_t register_temp(const fs::path& p) {
  const std::string s = p.string();
  for (std::size_t k = 0; k < kMaxTemps; ++k) {
    bool expected = false;
    if (s.size() < 4096 && g_used[k].compare_exchange_strong(expected, true)) {
      std::memcpy(g_temps[k].data(), s.c_str(), s.size() + 1);
      return k;
    }
  }
  return kMaxTemps;
}

void unregister_temp(std::size_t k) {
  if (k < kMaxTemps) g_used[k] = false;
}

extern "C" void remove_temps_and_exit(int sig) {
  for (std::size_t k = 0; k < kMaxTemps; ++k)
    if (g_used[k]) ::unlink(g_temps[k].data());
  ::_exit(128 + sig);
}

}  // namespace

void install_signal_cleanup() {
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, remove_temps_and_exit);
  // Past a file size limit (ulimit -f), write() then fails with EFBIG and the
  // writer reports it, instead of SIGXFSZ killing the process with the
  // temporary file left behind.
  std::signal(SIGXFSZ, SIG_IGN);
}

OutputFile::OutputFile(fs::path final_path) : final_(std::move(final_path)), target_(final_) {
  std::error_code ec;
  if (fs::is_directory(final_, ec))
    throw InputError(fmt::format("{}: is a folder, expected an output file name", final_.string()));
  // A symbolic link is followed, so that the link stays and its target is
  // replaced. A device or a pipe (/dev/null, a FIFO, /dev/stdout, which links
  // into /proc) is written straight into: renaming a file over it would
  // replace the device node itself.
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(target_, ec)); ++hops) {
    const fs::path link = fs::read_symlink(target_, ec);
    if (ec || link.string().starts_with("/proc/")) {  // /dev/stdout -> /proc/self/fd/1
      if (!ec) target_ = link;
      break;
    }
    target_ = link.is_absolute() ? link : target_.parent_path() / link;
  }
  const auto status = fs::status(target_, ec);
  if ((fs::exists(status) && !fs::is_regular_file(status)) ||
      target_.string().starts_with("/proc/") || target_.string().starts_with("/dev/")) {
    direct_ = true;
    out_.open(target_, std::ios::binary);
    if (!out_) throw InputError(fmt::format("{}: cannot open for writing", final_.string()));
    return;
  }
  const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec))
    throw InputError(fmt::format("{}: folder {} does not exist", final_.string(), dir.string()));
  temp_ = dir / fmt::format(".{}.{}.tmp", target_.filename().string(), ::getpid());
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw InputError(fmt::format("{}: cannot write in {}", final_.string(), dir.string()));
  slot_ = register_temp(temp_);
}

OutputFile::~OutputFile() {
  if (direct_) return;
  if (!committed_) {
    out_.close();
    std::error_code ec;
    fs::remove(temp_, ec);
  }
  unregister_temp(slot_);
}

void OutputFile::commit() {
  out_.flush();
  out_.close();
  if (out_.fail()) throw OutputError(fmt::format("{}: write failed (disk full?)", final_.string()));
  if (direct_) {
    committed_ = true;
    return;
  }
  std::error_code ec;
  fs::rename(temp_, target_, ec);
  if (ec)
    throw OutputError(
        fmt::format("{}: cannot rename into place: {}", final_.string(), ec.message()));
  committed_ = true;
}

fs::path models_dir() { return find_models_dir(); }

Model load_model(const std::string& name_or_path, bool with_dictionary) {
  return Model::load(find_model(name_or_path), with_dictionary);
}

void check_language_tag(const std::string& tag, const std::string& option) {
  static const std::regex kTag("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
  if (!std::regex_match(tag, kTag))
    throw UsageError(
        fmt::format("{} \"{}\" is not a language tag such as ar, en or ar-SY", option, tag));
}

}  // namespace jisr::cli
