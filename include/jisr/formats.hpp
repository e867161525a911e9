// Input: two documents and their Alignment. Output: bitext in one of the
// formats below, written to a std::ostream.
//
//   tmx    TMX 1.4b translation memory, one <tu> per bead with both sides
//   tsv    src<TAB>tgt<TAB>score, one bead a line
//   jsonl  one JSON object per bead: indices, texts, byte offsets, score
//   moses  two line-aligned plain-text files (src and tgt), one bead a line
//   beads  vecalign-style "[0,1]:[2]:score" lines, every bead
//   html   a review page, every bead (src/formats/html.hpp; without the
//          anchors that write_html can take, nothing is highlighted)
//
// The sentences of a bead are joined with one space. 1-0 and 0-1 beads appear
// in beads and jsonl always, in tsv and moses only with keep_unaligned, never
// in tmx (a translation unit needs both sides). In tsv, a backslash, tab or
// line break inside a sentence is escaped as \\, \t, \n or \r (see
// escape_tsv_field in text.hpp), so the text survives; in moses, tabs and
// line breaks become single spaces.
//
// Every format is written through one streaming interface, BitextWriter
// (make_writer): begin(), then write() once per document pair, then
// finish(). With OutputOptions::document_ids each bead also names its
// document: a first TSV column, a "doc" member in JSONL, a
// <prop type="x-document"> in TMX; moses and beads have no place for it.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <ostream>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

enum class Format { tmx, tsv, jsonl, moses, beads, html };

// Parses "tmx", "tsv", ...; throws UsageError for anything else.
[[nodiscard]] Format parse_format(std::string_view name);
[[nodiscard]] std::string_view to_string(Format format);

struct OutputOptions {
  bool keep_unaligned = false;  // tsv, moses: also write 1-0 and 0-1 beads (empty side)
  double min_score = 0.0;       // leave out beads with both sides whose score is below this (0: keep all)
  std::string src_tag = "ar";   // language tags for TMX (BCP 47)
  std::string tgt_tag = "en";
  std::string tool_version;     // TMX creationtoolversion
  std::string creation_date;    // TMX creationdate, YYYYMMDDThhmmssZ; empty: now
  std::string creation_id;      // TMX creationid of the header and every unit; empty: none
  std::string note;             // TMX <note> of every unit; empty: none
  bool document_ids = false;    // tsv, jsonl, tmx: name each bead's document (see above)
  // jsonl: when set, each bead carries "doc_score", this function's value
  // for its document pair (the probability that the two are translations).
  std::function<double(const Document& src, const Document& tgt, const Alignment& alignment)> document_score;
};

// What a writer wrote and what it left out, for the summary.
struct OutputSummary {
  std::size_t src_sentences = 0, tgt_sentences = 0;
  std::map<BeadType, std::size_t> beads_by_type;  // every bead of the alignment (refined ones whole)
  std::size_t written = 0;              // beads (units, lines) written
  std::size_t unaligned_left_out = 0;   // 1-0 / 0-1 beads not written by the format
  std::size_t low_score_left_out = 0;   // beads under min_score
  std::size_t dropped_characters = 0;   // characters XML 1.0 forbids, dropped from TMX
  double score_sum = 0.0;               // over written beads with both sides
  std::size_t scored = 0;
};

// Writes bitext one document pair at a time. Not thread-safe: one writer
// belongs to one output (call it from one thread, in the order wanted).
class BitextWriter {
 public:
  virtual ~BitextWriter() = default;
  // Writes what precedes the first bead (the TMX header). Call once, first.
  virtual void begin() = 0;
  // Writes the beads of one document pair (`id` names it when
  // OutputOptions::document_ids is set) and returns that pair's part of the
  // summary. Throws OutputError if a stream fails.
  OutputSummary write(std::string_view id, const Document& src, const Document& tgt, const Alignment& alignment) {
    return write(id, src, tgt, alignment, {});
  }
  // The same for a refined alignment: `parts` is empty or holds each bead's
  // part (BeadPart), whose text is written for the bead's one sentence. The
  // bead types of the summary and OutputOptions::document_score see the
  // refined pairs joined into their beads again (whole_beads in types.hpp).
  virtual OutputSummary write(std::string_view id, const Document& src, const Document& tgt,
                              const Alignment& alignment, std::span<const BeadPart> parts) = 0;
  // Writes what follows the last bead, flushes and returns the summary of
  // every pair written (sentences summed). Throws OutputError if a stream
  // has failed.
  virtual OutputSummary finish() = 0;
};

// A writer of `format` to `out` (moses: the source side; `out2` the target
// side, required). The streams must outlive the writer. Throws UsageError
// for moses without `out2`.
[[nodiscard]] std::unique_ptr<BitextWriter> make_writer(Format format, const OutputOptions& options,
                                                        std::ostream& out,
                                                        std::ostream* out2 = nullptr);

// Adds `part` (one document's summary) into `total`.
void add_summary(OutputSummary& total, const OutputSummary& part);

// Writes `alignment` of `src` and `tgt` in `format` (make_writer, one pair). For moses, `out` gets the
// source side and `out2` the target side (required); other formats ignore
// `out2`. Returns what was written. Throws OutputError if a stream fails.
OutputSummary write_alignment(Format format, const Document& src, const Document& tgt,
                              const Alignment& alignment, const OutputOptions& options,
                              std::ostream& out, std::ostream* out2 = nullptr);
// The same for a refined alignment (tmx, tsv, jsonl, moses; the others throw
// UsageError when a bead is refined).
OutputSummary write_alignment(Format format, const Document& src, const Document& tgt,
                              const RefinedAlignment& alignment, const OutputOptions& options,
                              std::ostream& out, std::ostream* out2 = nullptr);

// Formats a bead in vecalign style, "[0,1]:[2]".
[[nodiscard]] std::string format_bead(const Bead& bead);

}  // namespace jisr
