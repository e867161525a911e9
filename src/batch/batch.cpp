#include "batch/batch.hpp"

#include <chrono>
#include <cmath>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>
#define XXH_INLINE_ALL
#include "jisr/error.hpp"

#include "align/pipeline.hpp"
#include "batch/compress.hpp"
#include "util/parallel.hpp"
#include <xxhash.h>

namespace jisr::batch {

namespace {

// One document pair on its way through the pipeline.
struct Item {
  RawRecord record;
  std::string id;
  Document src, tgt;
  Alignment alignment;
  RefinedAlignment refined;  // with BatchOptions::refine; its parts stay empty without
  RefineCount refined_count;
  double document_score = -1;  // from the model's calibration; -1 without one
  std::string error;  // empty: aligned
};

struct Hash128 {
  std::size_t operator()(const XXH128_hash_t& h) const { return static_cast<std::size_t>(h.low64); }
};
struct Equal128 {
  bool operator()(const XXH128_hash_t& a, const XXH128_hash_t& b) const {
    return XXH128_isEqual(a, b) != 0;
  }
};

// Reads, splits and aligns one record; failures are kept in item.error.
void process(const Aligner& aligner, const BatchOptions& o, Item& item) {
  item.id = provisional_id(o.input, item.record);
  try {
    const DocumentTexts texts = read_record(o.input, item.record, o.read);
    item.id = texts.id;
    item.src = aligner.split(texts.src, o.src_lang, item.id, o.text);
    item.tgt = aligner.split(texts.tgt, o.tgt_lang, item.id, o.text);
    if (item.src.sentences.empty() || item.tgt.sentences.empty())
      throw InputError(fmt::format("the {} side is empty",
                                   item.src.sentences.empty() ? o.src_lang : o.tgt_lang));
    item.alignment = aligner.align(item.src, item.tgt, o.align);
    item.document_score = document_score(aligner.model(), item.src.sentences, item.tgt.sentences, item.alignment);
    if (o.refine) {
      item.refined = aligner.refine(item.src, item.tgt, item.alignment);
      item.refined_count = count_refined(item.refined.beads, item.refined.parts);
    }
  } catch (const Error& e) {
    item.error = e.what();
  } catch (const std::bad_alloc&) {
    item.error = "out of memory";
  }
  item.record.text = std::string();  // the raw line is not needed any more
}

// The report line of one document.
nlohmann::ordered_json report_line(const Item& item) {
  nlohmann::ordered_json j;
  j["id"] = item.id;
  if (!item.error.empty()) {
    j["error"] = item.error;
    return j;
  }
  j["sentences"] = {{"src", item.src.sentences.size()}, {"tgt", item.tgt.sentences.size()}};
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  double score_sum = 0, weighted = 0;
  std::size_t pairs = 0;
  for (const Bead& b : item.alignment) {
    const std::string type = fmt::format("{}-{}", b.src_size(), b.tgt_size());
    types[type] = types.value(type, 0) + 1;
    if (!b.is_pair()) continue;
    score_sum += b.score;
    weighted += b.score * (b.src_size() + b.tgt_size());
    ++pairs;
  }
  j["beads"] = types;
  if (item.refined_count.pairs > 0)
    j["refined"] = {{"beads", item.refined_count.beads}, {"pairs", item.refined_count.pairs}};
  auto round = [](double v) { return std::round(v * 1e4) / 1e4; };
  j["mean_score"] = pairs > 0 ? round(score_sum / double(pairs)) : 0.0;
  // Document score: the calibrated probability that the two are
  // translations; without a calibration, the share of all sentences that
  // sit in aligned beads, each weighted by its bead's score.
  const double sentences = double(item.src.sentences.size() + item.tgt.sentences.size());
  j["doc_score"] = round(item.document_score >= 0 ? item.document_score : weighted / sentences);
  return j;
}

// Prints a progress line at most twice a second.
class Progress {
 public:
  Progress(std::FILE* log, std::size_t total) : log_(log), total_(total) {}
  void update(std::size_t done, std::size_t pairs, bool last) {
    if (log_ == nullptr) return;
    const auto now = std::chrono::steady_clock::now();
    if (!last && now - shown_ < std::chrono::milliseconds(500)) return;
    shown_ = now;
    const double s = std::chrono::duration<double>(now - start_).count();
    const double rate = s > 0 ? double(pairs) / s : 0.0;
    std::string line = total_ > 0 ? fmt::format("{}/{} documents", done, total_)
                                  : fmt::format("{} documents", done);
    line += fmt::format(", {:.0f} sentence pairs/s", rate);
    if (total_ > 0 && done > 0 && done < total_)
      line += fmt::format(", ETA {:.0f} s", s / double(done) * double(total_ - done));
    fmt::print(log_, "\r\033[Kjisr batch: {}{}", line, last ? "\n" : "");
    std::fflush(log_);
  }

 private:
  std::FILE* log_;
  std::size_t total_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), shown_{};
};

}  // namespace

std::string dedup_key(std::string_view src, std::string_view tgt) {
  std::string key;
  key.reserve(src.size() + tgt.size() + 1);
  auto add = [&key](std::string_view text) {
    bool space = false;
    for (const char c : text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = true;
        continue;
      }
      if (space && !key.empty() && key.back() != '\x1f') key += ' ';
      space = false;
      key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  };
  add(src);
  key += '\x1f';
  add(tgt);
  return key;
}

BatchSummary run_batch(const Aligner& aligner, const BatchOptions& o, std::FILE* input,
                       BitextWriter& writer, std::ostream* report, std::FILE* log) {
  const auto start = std::chrono::steady_clock::now();
  const unsigned threads = detail::thread_count(o.threads);
  const std::size_t tokens = o.tokens > 0 ? o.tokens : 4 * std::size_t{threads};
  std::vector<detail::ManifestEntry> manifest;
  if (o.input == InputKind::manifest)
    manifest = o.manifest.empty() ? o.entries : detail::read_manifest(o.manifest);
  std::optional<LineReader> lines;
  if (o.input != InputKind::manifest)
    lines.emplace(input, o.read.stream_name, 3 * o.read.max_bytes + 4096);

  BatchSummary summary;
  std::unordered_set<XXH128_hash_t, Hash128, Equal128> seen;
  Progress progress(o.progress ? log : nullptr, manifest.size());
  std::size_t next = 0;
  std::string line;

  auto read = [&](tbb::flow_control& fc) -> Item* {
    auto item = std::make_unique<Item>();
    item->record.index = next;
    if (o.input == InputKind::manifest) {
      if (next == manifest.size()) {
        fc.stop();
        return nullptr;
      }
      item->record.entry = manifest[next];
      item->record.line = manifest[next].line;
    } else {
      do {
        if (!lines->next(line)) {
          fc.stop();
          return nullptr;
        }
      } while (line.empty());
      item->record.line = lines->line_number();
      item->record.text = std::move(line);
    }
    ++next;
    return item.release();
  };
  auto work = [&](Item* item) -> Item* {
    process(aligner, o, *item);
    return item;
  };
  auto write = [&](Item* raw) {
    const std::unique_ptr<Item> item(raw);
    ++summary.documents;
    if (!item->error.empty()) {
      ++summary.failed;
      if (log != nullptr)
        fmt::print(log, "{}jisr: skipped {}: {}\n", o.progress ? "\r\033[K" : "", item->id,
                   item->error);
    } else {
      const Alignment* beads = o.refine ? &item->refined.beads : &item->alignment;
      const std::vector<BeadPart>* parts = &item->refined.parts;
      Alignment kept;
      std::vector<BeadPart> kept_parts;
      if (o.dedup) {
        for (std::size_t n = 0; n < beads->size(); ++n) {
          const Bead& b = (*beads)[n];
          const BeadPart part = parts->empty() ? BeadPart{} : (*parts)[n];
          if (b.is_pair() && b.score >= o.min_score) {
            // The text compared is the text written: a refined pair's part
            // of its one sentence.
            const auto side = [&part](const Document& doc, std::uint32_t begin, std::uint32_t end, bool is_src) {
              if (part.refined() && part.is_src == is_src)
                return doc.sentences[begin].text.substr(part.range.begin, part.range.end - part.range.begin);
              std::string text;
              for (std::uint32_t k = begin; k < end; ++k) text += doc.sentences[k].text + ' ';
              return text;
            };
            const std::string key = dedup_key(side(item->src, b.src_begin, b.src_end, true),
                                              side(item->tgt, b.tgt_begin, b.tgt_end, false));
            if (!seen.insert(XXH3_128bits(key.data(), key.size())).second) {
              ++summary.duplicates;
              continue;
            }
          }
          kept.push_back(b);
          if (!parts->empty()) kept_parts.push_back(part);
        }
        beads = &kept;
        parts = &kept_parts;
      }
      summary.refined.beads += item->refined_count.beads;
      summary.refined.pairs += item->refined_count.pairs;
      add_summary(summary.output, writer.write(item->id, item->src, item->tgt, *beads, *parts));
    }
    if (report != nullptr) {
      *report << report_line(*item).dump() << '\n';
      if (!*report) throw OutputError("the report could not be written (disk full?)");
    }
    progress.update(summary.documents, summary.output.written, false);
  };

  tbb::task_arena arena(static_cast<int>(threads));
  arena.execute([&] {
    tbb::parallel_pipeline(
        tokens, tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order, read) &
                    tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel, work) &
                    tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, write));
  });
  if (summary.documents > 0) progress.update(summary.documents, summary.output.written, true);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace jisr::batch
