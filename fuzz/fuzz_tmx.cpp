// Fuzzes the TMX reader and the writer round trip. Any bytes go to
// read_tmx, which must either reject them with an InputError naming a byte
// offset or return units. Units read are written back as TMX by the same
// writer `jisr align` and `jisr convert` use, read again, and must give the
// same segment texts; and each text must survive TSV escaping.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "jisr/error.hpp"
#include "jisr/formats.hpp"
#include "jisr/text.hpp"
#include "jisr/tmx.hpp"

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  jisr::TmxDocument tmx;
  try {
    tmx = jisr::read_tmx(xml, "fuzz");
  } catch (const jisr::InputError& e) {
    JISR_FUZZ_CHECK(std::string_view(e.what()).starts_with("fuzz: byte "));
    return 0;
  }
  const jisr::Bitext bitext =
      jisr::bitext_from_tmx(tmx, tmx.srclang.empty() ? "ar" : tmx.srclang, "");
  jisr::OutputOptions options;
  options.src_tag = "ar";
  options.tgt_tag = "en";
  options.creation_date = "20260101T000000Z";
  std::ostringstream out;
  const jisr::OutputSummary summary =
      jisr::write_alignment(jisr::Format::tmx, bitext.src, bitext.tgt, bitext.beads, options, out);
  // The reader refuses characters XML forbids, so the writer drops none.
  JISR_FUZZ_CHECK(summary.dropped_characters == 0);
  const std::string written = out.str();
  const jisr::TmxDocument again = jisr::read_tmx(written, "written");
  const jisr::Bitext back = jisr::bitext_from_tmx(again, "ar", "en");
  std::size_t k = 0;
  for (const jisr::Bead& bead : bitext.beads) {
    if (!bead.is_pair()) continue;
    JISR_FUZZ_CHECK(k < back.beads.size());
    const jisr::Bead& b = back.beads[k++];
    JISR_FUZZ_CHECK(b.is_pair());
    const std::string& src = bitext.src.sentences[bead.src_begin].text;
    const std::string& tgt = bitext.tgt.sentences[bead.tgt_begin].text;
    JISR_FUZZ_CHECK(back.src.sentences[b.src_begin].text == src);
    JISR_FUZZ_CHECK(back.tgt.sentences[b.tgt_begin].text == tgt);
    JISR_FUZZ_CHECK(jisr::unescape_tsv_field(jisr::escape_tsv_field(src), "fuzz") == src);
  }
  JISR_FUZZ_CHECK(k == back.beads.size());
  return 0;
}
