// Moses: two line-aligned plain-text files, one bead a line on each; tabs
// and line breaks inside a sentence become single spaces.
#include "jisr/error.hpp"

#include "formats/writer.hpp"

namespace jisr::detail {

namespace {

// Tabs and line breaks become single spaces, so one bead stays one line.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

class MosesWriter final : public BeadWriter {
 public:
  MosesWriter(const OutputOptions& options, std::ostream& out, std::ostream& out2)
      : BeadWriter(options, out, options.keep_unaligned), out2_(out2) {}

 protected:
  void write_bead(const BeadText& b, OutputSummary&) override {
    out_ << one_line(b.src_text) << '\n';
    out2_ << one_line(b.tgt_text) << '\n';
  }

  void check_streams() override {
    out2_.flush();
    BeadWriter::check_streams();
    if (!out2_) throw OutputError("write failed (disk full?)");
  }

 private:
  std::ostream& out2_;
};

}  // namespace

std::unique_ptr<BitextWriter> make_moses_writer(const OutputOptions& options, std::ostream& out,
                                                std::ostream& out2) {
  return std::make_unique<MosesWriter>(options, out, out2);
}

}  // namespace jisr::detail
