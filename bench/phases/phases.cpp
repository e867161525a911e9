// Time of each phase of aligning one presplit document pair, one thread
// (wall seconds, and CPU seconds of the process, which a shared machine
// disturbs less):
// set-up (model, dictionary, lexicon), I/O (reading both files), anchor
// extraction (both sides, clauses cut where the model scores them, names
// matched, keys found on one side only dropped), the search (scorer and banded DP), and writing the beads. The
// extraction and search are the calls align_documents makes, so a profiler
// run on this binary sees the same work as `jisr align --presplit`. Prints
// one JSON object.
//
//   phases_bench [--no-clauses] MODEL SRC.txt TGT.txt [OUT.beads]
//
// --no-clauses finds the anchors of whole sentences only, as builds before
// the clause evidence did, for a comparison of extraction with them.
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "jisr/aligner.hpp"
#include "jisr/text.hpp"

#include "align/pipeline.hpp"
#include "evidence/clauses.hpp"
#include "evidence/extractors.hpp"
#include <time.h>

namespace {

// Wall and CPU seconds from one moment on.
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = cpu_now();

  static double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  }
  // {wall, cpu} since the start, and starts again.
  std::pair<double, double> lap() {
    const auto now = std::chrono::steady_clock::now();
    const double c = cpu_now();
    const std::pair<double, double> out{std::chrono::duration<double>(now - wall).count(), c - cpu};
    wall = now;
    cpu = c;
    return out;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const bool no_clauses = argc > 1 && std::string(argv[1]) == "--no-clauses";
  if (no_clauses) {
    --argc;
    ++argv;
  }
  if (argc < 4) {
    std::fputs("usage: phases_bench [--no-clauses] MODEL SRC.txt TGT.txt [OUT.beads]\n", stderr);
    return 2;
  }
  try {
    Stopwatch watch;
    const jisr::Aligner aligner = jisr::Aligner::open(argv[1]);
    const jisr::Model& model = aligner.model();
    // As align_documents: its extractor pool (each extractor is built on
    // first use, inside the extraction phase, as in `jisr align`).
    const jisr::detail::ExtractorPool pool(model);
    const auto setup = watch.lap();

    jisr::TextOptions presplit;
    presplit.presplit = true;
    const jisr::Document src = aligner.split(jisr::load_text(argv[2]), "ar", argv[2], presplit);
    const jisr::Document tgt = aligner.split(jisr::load_text(argv[3]), "en", argv[3], presplit);
    auto io = watch.lap();

    jisr::DocumentClauses clauses;
    const bool with_clauses = !no_clauses && model.use_anchors && jisr::uses_clauses(model);
    jisr::DocumentAnchors anchors;
    if (model.use_anchors) {
      anchors = jisr::find_document_anchors(pool, src, tgt, 1, with_clauses ? &clauses : nullptr);
      jisr::drop_one_sided(anchors, with_clauses ? &clauses : nullptr);
    }
    const auto extraction = watch.lap();

    jisr::AlignOptions options;
    options.threads = 1;
    const jisr::Alignment alignment =
        jisr::align_with_anchors(model, src, tgt, anchors, options, with_clauses ? &clauses : nullptr);
    const auto search = watch.lap();

    if (argc > 4) {
      std::ofstream out(argv[4]);
      for (const jisr::Bead& b : alignment)
        out << fmt::format("{} {} {} {}\n", b.src_begin, b.src_end, b.tgt_begin, b.tgt_end);
    }
    const auto write = watch.lap();
    io = {io.first + write.first, io.second + write.second};

    fmt::print("{{\"sentences\": [{}, {}], \"keys\": {}, \"key_ids\": [{}, {}], \"beads\": {}",
               src.sentences.size(), tgt.sentences.size(), anchors.keys.size(),
               anchors.src.ids.size(), anchors.tgt.ids.size(), alignment.size());
    for (const auto& [name, t] : {std::pair{"setup", setup}, std::pair{"io", io},
                                  std::pair{"extraction", extraction}, std::pair{"search", search}})
      fmt::print(", \"{}_s\": {:.4f}, \"{}_cpu_s\": {:.4f}", name, t.first, name, t.second);
    fmt::print("}}\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "phases_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
