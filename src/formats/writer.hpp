// Private: the part every format's writer shares. Input: document pairs and
// their beads. Output: each bead a format is given to write, after the
// common rules (which beads a format shows, --min-score) and the counting
// for OutputSummary; the formats (tsv.cpp, tmx.cpp, jsonl.cpp, moses.cpp,
// beads.cpp) only turn one bead into text.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "jisr/formats.hpp"
#include "jisr/tmx.hpp"
#include "jisr/types.hpp"

namespace jisr::detail {

// One bead as a format sees it: the document, the bead and both sides'
// sentences joined with one space.
struct BeadText {
  std::string_view id;
  const Document& src;
  const Document& tgt;
  const Bead& bead;
  const std::string& src_text;
  const std::string& tgt_text;
  double document_score = -1;  // OutputOptions::document_score of the pair; -1 when not asked
  BeadPart part{};             // a refined bead's part of its one sentence
};

class BeadWriter : public BitextWriter {
 public:
  BeadWriter(const OutputOptions& options, std::ostream& out, bool shows_unaligned)
      : options_(options), out_(out), shows_unaligned_(shows_unaligned) {}
  void begin() override { write_header(); }
  using BitextWriter::write;
  OutputSummary write(std::string_view id, const Document& src, const Document& tgt, const Alignment& alignment,
                      std::span<const BeadPart> parts) final;
  OutputSummary finish() override;

 protected:
  virtual void write_header() {}
  virtual void write_footer() {}
  // Writes one bead; may add to dropped_characters of `summary`.
  virtual void write_bead(const BeadText& bead, OutputSummary& summary) = 0;
  // Flushes and checks the streams; throws OutputError.
  virtual void check_streams();

  const OutputOptions options_;
  std::ostream& out_;
  std::string buffer_;

 private:
  const bool shows_unaligned_;
  OutputSummary total_;
};

// The formats, each in its own file.
std::unique_ptr<BitextWriter> make_tsv_writer(const OutputOptions& options, std::ostream& out);
std::unique_ptr<BitextWriter> make_tmx_writer(const OutputOptions& options, std::ostream& out);
std::unique_ptr<BitextWriter> make_jsonl_writer(const OutputOptions& options, std::ostream& out);
std::unique_ptr<BitextWriter> make_moses_writer(const OutputOptions& options, std::ostream& out,
                                                std::ostream& out2);
std::unique_ptr<BitextWriter> make_beads_writer(const OutputOptions& options, std::ostream& out);

// A score as the readers of TSV and TMX accept it: a finite number, white
// space around it allowed; nothing when the text is not one.
[[nodiscard]] std::optional<double> parse_score(std::string_view text);

// Adds one bead holding `src` and/or `tgt` (nullptr: that side is empty)
// to `bitext`, for readers of one-bead-a-line formats.
void add_bitext_bead(Bitext& bitext, const std::string* src, const std::string* tgt,
                     std::optional<double> score);

}  // namespace jisr::detail
