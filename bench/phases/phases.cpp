// Time of each phase of aligning one presplit document pair, one thread:
// set-up (model, dictionary, lexicon), I/O (reading both files), anchor
// extraction (both sides, names matched), the search (scorer and banded
// DP), and writing the beads. Prints one JSON object; a profiler run on
// this binary sees the same phases as `jisr align --presplit`.
//
//   phases_bench MODEL SRC.txt TGT.txt [OUT.beads]
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "align/pipeline.hpp"
#include "jisr/aligner.hpp"
#include "jisr/text.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fputs("usage: phases_bench MODEL SRC.txt TGT.txt [OUT.beads]\n", stderr);
    return 2;
  }
  try {
    using Clock = std::chrono::steady_clock;
    auto t = Clock::now();
    const jisr::Aligner aligner = jisr::Aligner::open(argv[1]);
    const double setup = seconds_since(t);

    t = Clock::now();
    jisr::TextOptions presplit;
    presplit.presplit = true;
    const jisr::Document src = aligner.split(jisr::load_text(argv[2]), "ar", argv[2], presplit);
    const jisr::Document tgt = aligner.split(jisr::load_text(argv[3]), "en", argv[3], presplit);
    double io = seconds_since(t);

    t = Clock::now();
    const jisr::DocumentAnchors anchors = aligner.anchors(src, tgt, 1);
    const double extraction = seconds_since(t);

    t = Clock::now();
    const jisr::Alignment alignment = jisr::align_with_anchors(aligner.model(), src, tgt, anchors);
    const double search = seconds_since(t);

    t = Clock::now();
    if (argc > 4) {
      std::ofstream out(argv[4]);
      for (const jisr::Bead& b : alignment)
        out << fmt::format("{} {} {} {}\n", b.src_begin, b.src_end, b.tgt_begin, b.tgt_end);
    }
    io += seconds_since(t);

    fmt::print("{{\"sentences\": [{}, {}], \"keys\": {}, \"key_ids\": [{}, {}], \"beads\": {}, "
               "\"setup_s\": {:.4f}, \"io_s\": {:.4f}, \"extraction_s\": {:.4f}, \"search_s\": {:.4f}}}\n",
               src.sentences.size(), tgt.sentences.size(), anchors.keys.size(), anchors.src.ids.size(),
               anchors.tgt.ids.size(), alignment.size(), setup, io, extraction, search);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "phases_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
