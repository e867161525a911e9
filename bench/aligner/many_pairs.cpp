// Aligns every document of a gold set's list (sentence-per-line files
// DOC.SRC / DOC.TGT) through one jisr::Aligner, opened once, on N threads,
// and prints the time taken to open it and to align all documents. Asserts
// nothing: bench/aligner/run puts the figures beside other ways of doing
// the same work.
//   many_pairs SET_DIR DOCS_LIST [THREADS] [MODEL]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "jisr/aligner.hpp"
#include "jisr/text.hpp"

namespace fs = std::filesystem;

namespace {

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: many_pairs SET_DIR DOCS_LIST [THREADS] [MODEL]\n");
    return 2;
  }
  const fs::path set = argv[1];
  const unsigned threads = argc > 3 ? static_cast<unsigned>(std::stoul(argv[3])) : 1;
  const std::string model = argc > 4 ? argv[4] : "ar-en";
  std::vector<std::string> names;
  {
    const std::string list = jisr::load_text(argv[2]);
    std::size_t at = 0;
    while (at < list.size()) {
      std::size_t nl = list.find('\n', at);
      if (nl == std::string::npos) nl = list.size();
      if (nl > at) names.push_back(list.substr(at, nl - at));
      at = nl + 1;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  const jisr::Aligner aligner = jisr::Aligner::open(model);
  const auto t1 = std::chrono::steady_clock::now();
  const double c1 = cpu_seconds();
  const auto& m = aligner.model();
  jisr::TextOptions presplit;
  presplit.presplit = true;
  std::vector<std::pair<jisr::Document, jisr::Document>> docs;
  for (const std::string& name : names)
    docs.emplace_back(
        aligner.split(jisr::load_text((set / (name + "." + m.src_lang)).string()), m.src_lang, name, presplit),
        aligner.split(jisr::load_text((set / (name + "." + m.tgt_lang)).string()), m.tgt_lang, name, presplit));
  std::size_t beads = 0, sentences = 0;
  {
    // Documents on `threads` threads of one arena, all through the one Aligner.
    std::vector<std::size_t> counts(docs.size());
    tbb::task_arena arena(static_cast<int>(std::max(threads, 1u)));
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, docs.size(), [&](std::size_t k) {
        counts[k] = aligner.align(docs[k].first, docs[k].second).size();
      });
    });
    for (std::size_t k = 0; k < docs.size(); ++k) {
      beads += counts[k];
      sentences += docs[k].first.sentences.size();
    }
  }
  const auto t2 = std::chrono::steady_clock::now();
  const double c2 = cpu_seconds();
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  fmt::print("documents {} sentences {} beads {} threads {}\n", docs.size(), sentences, beads, threads);
  fmt::print("open: {:.2f} s wall, {:.2f} s CPU (model, dictionary, lexicon, split rules: once)\n", secs(t0, t1),
             c1 - c0);
  fmt::print("align: {:.2f} s wall, {:.2f} s CPU\n", secs(t1, t2), c2 - c1);
  fmt::print("total: {:.2f} s wall, {:.2f} s CPU\n", secs(t0, t2), c2 - c0);
  return 0;
}
