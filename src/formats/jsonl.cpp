// JSON lines: one object per bead with sentence indices, byte offsets,
// texts, score and cost, the parts of the cost and the evidence behind the
// score ("costs"), "furniture" (how many of its sentences are page
// furniture, when any), and when asked "doc" (the document id) and "doc_score".
// A refined pair (refine.hpp) carries "refined": "src" or "tgt", the side
// whose sentence it holds a part of (its offsets are the part's).
#include <cmath>

#include <nlohmann/json.hpp>

#include "formats/writer.hpp"

namespace jisr::detail {

namespace {

class JsonlWriter final : public BeadWriter {
 public:
  JsonlWriter(const OutputOptions& options, std::ostream& out) : BeadWriter(options, out, true) {}

 protected:
  void write_bead(const BeadText& b, OutputSummary&) override {
    nlohmann::json j;
    // A refined bead's one side is a part of its sentence: its offsets are
    // the part's.
    auto side = [&b](const Document& d, std::uint32_t begin, std::uint32_t end, bool is_src, nlohmann::json& idx,
                     nlohmann::json& offsets) {
      idx = nlohmann::json::array();
      offsets = nlohmann::json::array();
      for (std::uint32_t k = begin; k < end; ++k) {
        idx.push_back(k);
        const ByteRange& r = d.sentences[k].source;
        if (b.part.refined() && b.part.is_src == is_src)
          offsets.push_back({r.begin + b.part.range.begin, r.begin + b.part.range.end});
        else
          offsets.push_back({r.begin, r.end});
      }
    };
    if (options_.document_ids) j["doc"] = b.id;
    side(b.src, b.bead.src_begin, b.bead.src_end, true, j["src"], j["src_offsets"]);
    side(b.tgt, b.bead.tgt_begin, b.bead.tgt_end, false, j["tgt"], j["tgt_offsets"]);
    if (b.part.refined()) j["refined"] = b.part.is_src ? "src" : "tgt";
    j["src_text"] = b.src_text;
    j["tgt_text"] = b.tgt_text;
    j["score"] = std::round(b.bead.score * 1e4) / 1e4;
    j["cost"] = std::round(b.bead.cost * 1e4) / 1e4;
    const BeadCosts& c = b.bead.costs;
    const auto round = [](double x) { return std::round(x * 1e4) / 1e4; };
    j["costs"] = {{"length", round(c.length)},
                  {"anchors", round(c.anchors)},
                  {"prior", round(c.prior)},
                  {"other", round(c.other)},
                  {"split", round(c.split)},
                  {"margin", round(c.margin)},
                  {"boundary", round(c.boundary)},
                  {"confidence", round(c.confidence)},
                  {"anchors_matched", c.matched},
                  {"anchors_missed", c.missed},
                  {"words_matched", c.words_matched},
                  {"words_missed", c.words_missed}};
    // Page furniture in the bead (the model's rules): a line a site adds
    // around its text, which a pipeline may want to leave out.
    if (c.furniture > 0) j["furniture"] = c.furniture;
    if (b.document_score >= 0) j["doc_score"] = round(b.document_score);
    out_ << j.dump() << '\n';
  }
};

}  // namespace

std::unique_ptr<BitextWriter> make_jsonl_writer(const OutputOptions& options, std::ostream& out) {
  return std::make_unique<JsonlWriter>(options, out);
}

}  // namespace jisr::detail
