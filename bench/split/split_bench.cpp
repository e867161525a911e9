// Throughput of SentenceSplitter::split() per language, on one thread.
// Input: the running text of the ntrex-ar-en dev documents (../shared/data,
// or the folder given as the first argument), repeated to about 20 MB per
// language. Output: one line per language with MB/s (10^6 bytes) by CPU time
// of this process and by wall-clock time, best of 5 runs. Reading the files is
// not timed; the models come from the source tree.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "jisr/split.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path data = argc > 1 ? fs::path(argv[1]) : fs::path(JISR_SHARED_DIR) / "data";
  const fs::path list = data / "splits" / "ntrex-ar-en.dev.txt";
  if (!fs::exists(list)) {
    fmt::print(stderr, "split_bench: no document list {}\n", list.string());
    return 1;
  }
  for (const std::string lang : {"en", "ar"}) {
    std::string one;
    std::ifstream names(list);
    for (std::string doc; std::getline(names, doc);)
      if (!doc.empty()) one += read_all(data / "ntrex-ar-en" / (doc + "." + lang + ".txt")) + "\n\n";
    std::string text;
    while (text.size() < 20'000'000) text += one;
    jisr::SplitOptions options;
    options.lang = lang;
    options.rules_dir = fs::path(JISR_MODELS_DIR) / "split";
    const jisr::SentenceSplitter splitter(options);
    double best_cpu = 1e30, best_wall = 1e30;
    std::size_t sentences = 0;
    for (int run = 0; run < 5; ++run) {
      const std::clock_t c0 = std::clock();
      const auto w0 = std::chrono::steady_clock::now();
      sentences = splitter.split(text).size();
      const auto w1 = std::chrono::steady_clock::now();
      const std::clock_t c1 = std::clock();
      best_cpu = std::min(best_cpu, static_cast<double>(c1 - c0) / CLOCKS_PER_SEC);
      best_wall = std::min(best_wall, std::chrono::duration<double>(w1 - w0).count());
    }
    const double mb = static_cast<double>(text.size()) / 1e6;
    fmt::print("{}: {:.1f} MB, {} sentences: {:.1f} MB/s CPU time, {:.1f} MB/s wall clock\n", lang,
               mb, sentences, mb / best_cpu, mb / best_wall);
  }
  return 0;
}
