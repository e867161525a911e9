// jisr docalign: which Arabic document translates which English one, in
// two piles (or one mixed pile); optionally aligns the sentences of every
// pair found through jisr batch's engine.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"
#include "jisr/formats.hpp"

#include "batch/batch.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/sink.hpp"
#include "docalign/docalign.hpp"

namespace jisr::cli {

namespace {

struct DocalignCommand {
  std::string ar, en, pile;
  std::string output;
  std::string format = "tsv";
  std::string candidates;
  std::string calibration;
  std::string model = "ar-en";
  bool align = false;
  bool no_dictionary = false;
  bool quiet = false;
  bool summary = false;
  double min_score = 0.5;
  std::size_t max_bytes = std::size_t{1} << 26;
  docalign::IndexOptions index;
  unsigned threads = 0;
};

double round4(double v) { return std::round(v * 1e4) / 1e4; }

Format bitext_format(const std::string& output) {
  const std::string ext = std::filesystem::path(plain_name(output)).extension().string();
  if (ext == ".tmx") return Format::tmx;
  if (ext == ".tsv") return Format::tsv;
  if (ext == ".jsonl") return Format::jsonl;
  throw UsageError(
      fmt::format("--align -o {}: the name must end in .tmx, .tsv or .jsonl "
                  "(then .gz or .zst to compress)",
                  output));
}

nlohmann::ordered_json pair_json(const docalign::Result& r, const docalign::ScoredPair& p) {
  nlohmann::ordered_json j;
  j[r.src.lang] = r.src.names[p.pair.src];
  j[r.tgt.lang] = r.tgt.names[p.pair.tgt];
  j["score"] = round4(p.probability);
  j["cosine"] = round4(p.features.cosine);
  j["length_ratio"] = round4(std::exp(p.features.log_length_ratio));
  j["shared_date"] = p.features.shared_date;
  j["shared_keys"] = docalign::shared_keys(r, p.pair);
  return j;
}

// The pairs in source pile order, then the unmatched documents of each side.
void write_pairs(const docalign::Result& r, bool jsonl, std::ostream& out) {
  std::vector<const docalign::ScoredPair*> pairs;
  for (const docalign::ScoredPair& p : r.pairs) pairs.push_back(&p);
  std::sort(pairs.begin(), pairs.end(), [](auto* a, auto* b) { return a->pair < b->pair; });
  const auto [best_src, best_tgt] = docalign::best_candidates(r);
  for (const docalign::ScoredPair* p : pairs) {
    if (jsonl)
      out << pair_json(r, *p).dump() << '\n';
    else
      out << fmt::format("{}\t{}\t{:.4f}\n", r.src.names[p->pair.src], r.tgt.names[p->pair.tgt],
                         p->probability);
  }
  auto unmatched = [&](const docalign::Pile& pile, const std::vector<std::uint32_t>& docs,
                       const std::vector<std::int64_t>& best, bool source) {
    for (const std::uint32_t d : docs) {
      if (!jsonl) {
        out << (source ? pile.names[d] + "\t\t\n" : "\t" + pile.names[d] + "\t\n");
        continue;
      }
      nlohmann::ordered_json j;
      j[r.src.lang] = source ? nlohmann::ordered_json(pile.names[d]) : nullptr;
      j[r.tgt.lang] = source ? nullptr : nlohmann::ordered_json(pile.names[d]);
      if (best[d] >= 0) {
        const docalign::ScoredPair& b = r.candidates[best[d]];
        j["best"] = pair_json(r, b);
      }
      out << j.dump() << '\n';
    }
  };
  unmatched(r.src, r.unmatched_src, best_src, true);
  unmatched(r.tgt, r.unmatched_tgt, best_tgt, false);
}

// Every candidate with its features, for fitting the calibration.
void write_candidates(const docalign::Result& r, std::ostream& out) {
  for (const docalign::ScoredPair& p : r.candidates) {
    nlohmann::ordered_json j;
    j[r.src.lang] = r.src.names[p.pair.src];
    j[r.tgt.lang] = r.tgt.names[p.pair.tgt];
    j["cosine"] = p.features.cosine;
    j["log_length_ratio"] = p.features.log_length_ratio;
    j["shared_date"] = p.features.shared_date;
    j["margin_src"] = p.features.margin_src;
    j["margin_tgt"] = p.features.margin_tgt;
    j["score"] = p.probability;
    out << j.dump() << '\n';
  }
}

void align_pairs(const DocalignCommand& c, const Aligner& aligner, const docalign::Result& r) {
  const Format format = bitext_format(c.output);
  batch::BatchOptions o;
  o.input = batch::InputKind::manifest;
  o.src_lang = aligner.model().src_lang;
  o.tgt_lang = aligner.model().tgt_lang;
  o.threads = c.threads;
  o.read.max_bytes = c.max_bytes;
  std::vector<const docalign::ScoredPair*> pairs;
  for (const docalign::ScoredPair& p : r.pairs) pairs.push_back(&p);
  std::sort(pairs.begin(), pairs.end(), [](auto* a, auto* b) { return a->pair < b->pair; });
  for (const docalign::ScoredPair* p : pairs)
    o.entries.push_back({r.src.names[p->pair.src], r.tgt.names[p->pair.tgt],
                         r.src.names[p->pair.src], o.entries.size() + 1});
  OutputOptions out_options;
  out_options.src_tag = o.src_lang;
  out_options.tgt_tag = o.tgt_lang;
  out_options.tool_version = JISR_VERSION;
  out_options.document_ids = true;
  Sink sink(c.output);
  const auto writer = make_writer(format, out_options, sink.stream(), nullptr);
  writer->begin();
  batch::BatchSummary s =
      batch::run_batch(aligner, o, stdin, *writer, nullptr, c.quiet ? nullptr : stderr);
  s.output = writer->finish();
  sink.commit();
  if (wants_summary(c.quiet, c.summary))
    fmt::print(stderr, "jisr docalign: aligned {} pairs ({} failed) into {}: {} sentence pairs\n",
               s.documents, s.failed, c.output, s.output.written);
  if (s.failed > 0)
    throw InputError(
        fmt::format("{} of {} document pairs could not be aligned", s.failed, s.documents));
}

void run_docalign(const DocalignCommand& c) {
  if (c.pile.empty() == (c.ar.empty() && c.en.empty()) || c.ar.empty() != c.en.empty())
    throw UsageError("give --ar PILE and --en PILE, or one mixed --pile");
  if (c.align && (c.output.empty() || c.output == "-"))
    throw UsageError("--align writes the aligned sentences to a file: give -o FILE.tmx|tsv|jsonl");
  check_threads(c.threads, "--threads");
  OpenOptions open_options;
  open_options.dictionary = !c.no_dictionary;
  const Aligner aligner = Aligner::open(c.model, open_options);

  std::vector<std::string> ar, en;
  std::vector<docalign::Skipped> unsorted;
  if (!c.pile.empty()) {
    if (aligner.model().src_lang != "ar")
      throw UsageError(
          "--pile sorts documents by Arabic script: it needs a model with Arabic source");
    docalign::sort_by_script(docalign::list_pile(c.pile), c.max_bytes, ar, en, unsorted);
  } else {
    ar = docalign::list_pile(c.ar);
    en = docalign::list_pile(c.en);
  }
  const docalign::Calibration calibration =
      docalign::Calibration::load(c.calibration.empty() ? models_dir() / "docalign.json"
                                                        : std::filesystem::path(c.calibration));
  docalign::Options options;
  options.read.max_bytes = c.max_bytes;
  options.index = c.index;
  options.min_score = c.min_score;
  options.threads = c.threads;
  docalign::Result r = docalign::align_piles(aligner, ar, en, calibration, options);
  r.skipped.insert(r.skipped.begin(), unsorted.begin(), unsorted.end());
  for (const docalign::Skipped& s : r.skipped)
    fmt::print(stderr, "jisr: skipped {}: {}\n", s.name, s.reason);

  if (!c.candidates.empty()) {
    Sink sink(c.candidates);
    write_candidates(r, sink.stream());
    sink.commit();
  }
  {
    Sink sink(c.align ? std::string("-") : c.output);
    write_pairs(r, c.format == "jsonl", sink.stream());
    sink.commit();
  }
  if (wants_summary(c.quiet, c.summary))
    fmt::print(stderr,
               "jisr docalign: {} {} and {} {} documents, {} candidate pairs; {} pairs, "
               "unmatched {} {} and {} {}; {} skipped\n",
               r.src.size(), r.src.lang, r.tgt.size(), r.tgt.lang, r.candidates.size(),
               r.pairs.size(), r.unmatched_src.size(), r.src.lang, r.unmatched_tgt.size(),
               r.tgt.lang, r.skipped.size());
  if (c.align) align_pairs(c, aligner, r);
  if (!r.skipped.empty())
    throw InputError(
        fmt::format("{} document{} could not be read (named above); the others were "
                    "paired",
                    r.skipped.size(), r.skipped.size() == 1 ? "" : "s"));
}

}  // namespace

void add_docalign_command(CLI::App& app) {
  auto c = std::make_shared<DocalignCommand>();
  CLI::App* sub = app.add_subcommand(
      "docalign",
      "Find which Arabic document translates which English one in two piles. Prints "
      "ar_doc<TAB>en_doc<TAB>score a pair (score: the probability that the pair is a "
      "translation), then the unmatched documents, ar_doc<TAB><TAB> and <TAB>en_doc<TAB>");
  sub->add_option("--ar", c->ar,
                  "Arabic pile: a folder (its files) or a list file (a path a line)");
  sub->add_option("--en", c->en, "English pile: a folder or a list file");
  sub->add_option("--pile", c->pile,
                  "One mixed pile instead: each document goes to the side of its script");
  sub->add_option("-o,--output", c->output,
                  "Pairs file (default: standard output); with --align, the aligned sentences "
                  "(.tmx .tsv .jsonl, then .gz or .zst) and the pairs go to standard output");
  sub->add_option("-f,--format", c->format,
                  "Pairs as tsv, or jsonl with their evidence (cosine, length ratio, shared date, "
                  "shared keys; the best candidate of an unmatched document)")
      ->check(CLI::IsMember({"tsv", "jsonl"}))
      ->capture_default_str();
  sub->add_option("--min-score", c->min_score, "Keep pairs with at least this probability")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_flag("--align", c->align,
                "Align the sentences of every pair found (as jisr batch) into -o FILE");
  sub->add_option("--candidates", c->candidates,
                  "Write every candidate pair with its features as JSON lines (for "
                  "scripts/docalign-fit)");
  sub->add_option("--calibration", c->calibration,
                  "Calibration of the score (default: docalign.json in the models folder)");
  sub->add_option("-m,--model", c->model, "Model: a NAME (ar-en, generic) or a JSON file")
      ->capture_default_str();
  sub->add_flag("--no-dictionary", c->no_dictionary, "No dictionary words among the keys");
  sub->add_option("--max-bytes", c->max_bytes, "Skip a document larger than this many bytes")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--max-df", c->index.max_df,
                  "Index only keys held by at most this many documents of a side")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--probes", c->index.probes, "Rare keys looked up per document")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--per-document", c->index.per_document,
                  "Candidates kept per document and direction")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--threads", c->threads,
                  "Threads (0: one per core); the output does not depend on it")
      ->capture_default_str();
  add_summary_flags(*sub, c->quiet, c->summary);
  sub->callback([c] { run_docalign(*c); });
}

}  // namespace jisr::cli
