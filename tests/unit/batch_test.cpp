// Tests of jisr batch's engine (src/batch): base64 and record reading,
// the dedup key, compressed line streams, the pipeline's output being the
// same whatever the number of threads and in-flight documents, --refine.
#define BOOST_TEST_MODULE batch
#include "batch/batch.hpp"

#include <cstdio>
#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"
#include "jisr/formats.hpp"
#include "jisr/text.hpp"

#include "support.hpp"

#include "batch/compress.hpp"
#include "batch/records.hpp"

using namespace jisr;

namespace {

std::string base64(std::string_view s) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t k = 0;
  for (; k + 2 < s.size(); k += 3) {
    const unsigned v =
        (unsigned char)s[k] << 16 | (unsigned char)s[k + 1] << 8 | (unsigned char)s[k + 2];
    for (int sh = 18; sh >= 0; sh -= 6) out += a[(v >> sh) & 63];
  }
  if (k + 1 == s.size()) {
    const unsigned v = (unsigned char)s[k] << 16;
    out += a[(v >> 18) & 63];
    out += a[(v >> 12) & 63];
    out += "==";
  } else if (k + 2 == s.size()) {
    const unsigned v = (unsigned char)s[k] << 16 | (unsigned char)s[k + 1] << 8;
    out += a[(v >> 18) & 63];
    out += a[(v >> 12) & 63];
    out += a[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// A FILE* over `bytes` (freed by fclose).
std::FILE* memory_file(const std::string& bytes) {
  std::FILE* f = std::tmpfile();
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::rewind(f);
  return f;
}

const char* kAr =
    "\xD9\x88\xD8\xB5\xD9\x84 \xD8\xA7\xD9\x84\xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1 \xD9\x81\xD9\x8A 12 \xD9\x85\xD8\xA7\xD9\x8A\xD9\x88. "
    "\xD9\x88\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA5\xD9\x86 2024 \xD8\xB3\xD9\x86\xD8\xA9 \xD8\xAC\xD9\x8A\xD8\xAF\xD8\xA9.\n";
const char* kEn = "The minister arrived on 12 May. He said that 2024 is a good year.\n";


// Runs `input`, a b64tsv stream, through a batch writing `format` with
// document ids; the output and the report come back in `out` and `report`.
batch::BatchSummary run_stream(const Aligner& aligner, const batch::BatchOptions& o, Format format,
                               const std::string& input, std::string& out, std::string& report) {
  OutputOptions w;
  w.document_ids = true;
  std::ostringstream text, lines;
  const auto writer = make_writer(format, w, text);
  writer->begin();
  std::FILE* f = memory_file(input);
  batch::BatchSummary s = batch::run_batch(aligner, o, f, *writer, &lines, nullptr);
  std::fclose(f);
  s.output = writer->finish();
  out = text.str();
  report = lines.str();
  return s;
}

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(base64_decodes_with_and_without_padding) {
  for (const std::string s : {"", "a", "ab", "abc", "abcd", "\xD9\x86\xD8\xB9\xD9\x85"}) {
    BOOST_TEST(batch::decode_base64(base64(s), "x") == s);
    std::string bare = base64(s);
    while (!bare.empty() && bare.back() == '=') bare.pop_back();
    BOOST_TEST(batch::decode_base64(bare, "x") == s);
  }
  BOOST_CHECK_THROW((void)batch::decode_base64("ab$d", "x"), InputError);
  BOOST_CHECK_THROW((void)batch::decode_base64("ab=d", "x"), InputError);
}

BOOST_AUTO_TEST_CASE(b64tsv_record_reads_id_and_sides_and_refuses_bad_ones) {
  batch::RawRecord r;
  r.line = 3;
  r.text = "doc-1\t" + base64(kAr) + "\t" + base64(kEn);
  const batch::DocumentTexts t = batch::read_record(batch::InputKind::b64tsv, r, {});
  BOOST_TEST(t.id == "doc-1");
  BOOST_TEST(t.src == kAr);
  BOOST_TEST(t.tgt == kEn);
  r.text = "doc-2\t" + base64("bad \xFF") + "\t" + base64(kEn);
  BOOST_TEST(batch::provisional_id(batch::InputKind::b64tsv, r) == "doc-2");
  BOOST_CHECK_THROW((void)batch::read_record(batch::InputKind::b64tsv, r, {}), InputError);
  r.text = "doc-3\t" + base64(kAr);
  BOOST_CHECK_THROW((void)batch::read_record(batch::InputKind::b64tsv, r, {}), InputError);
  batch::ReadOptions small;
  small.max_bytes = 10;
  r.text = "doc-4\t" + base64(kAr) + "\t" + base64(kEn);
  BOOST_CHECK_THROW((void)batch::read_record(batch::InputKind::b64tsv, r, small), LimitError);
}

BOOST_AUTO_TEST_CASE(jsonl_record_reads_members) {
  batch::RawRecord r;
  r.line = 1;
  r.text = R"({"id":"j1","ar":"\u0646\u0639\u0645.","en":"Yes."})";
  const batch::DocumentTexts t = batch::read_record(batch::InputKind::jsonl, r, {});
  BOOST_TEST(t.id == "j1");
  BOOST_TEST(t.src == "\xD9\x86\xD8\xB9\xD9\x85.");
  r.text = R"({"id":"j2","ar":"x"})";
  BOOST_CHECK_THROW((void)batch::read_record(batch::InputKind::jsonl, r, {}), InputError);
  r.text = "{not json";
  BOOST_CHECK_THROW((void)batch::read_record(batch::InputKind::jsonl, r, {}), InputError);
}

BOOST_AUTO_TEST_CASE(dedup_key_folds_case_and_space_but_keeps_the_sides_apart) {
  BOOST_TEST(batch::dedup_key("A  b\t", "C") == batch::dedup_key("a b", " c"));
  BOOST_TEST(batch::dedup_key("ab", "c") != batch::dedup_key("a", "bc"));
  BOOST_TEST(batch::dedup_key("ab", "c") != batch::dedup_key("ab", "d"));
}

BOOST_AUTO_TEST_CASE(line_reader_reads_compressed_output_back) {
  for (const auto kind :
       {batch::Compression::none, batch::Compression::gzip, batch::Compression::zstd}) {
    std::ostringstream sink;
    std::string expected;
    {
      batch::CompressedOstream* zip = nullptr;
      std::ostream* out = &sink;
      std::unique_ptr<batch::CompressedOstream> holder;
      if (kind != batch::Compression::none) {
        holder = std::make_unique<batch::CompressedOstream>(sink, kind);
        zip = holder.get();
        out = zip;
      }
      for (int k = 0; k < 20000; ++k) {
        const std::string line = "line " + std::to_string(k) + std::string(k % 97, 'x');
        *out << line << '\n';
        expected += line + '\n';
      }
      if (zip != nullptr) zip->close();
    }
    if (kind != batch::Compression::none) BOOST_TEST(sink.str().size() < expected.size() / 4);
    std::FILE* f = memory_file(sink.str());
    batch::LineReader reader(f, "mem", 1000);
    std::string got, line;
    while (reader.next(line)) got += line + '\n';
    std::fclose(f);
    BOOST_TEST(got == expected);
    BOOST_TEST(reader.line_number() == 20000u);
  }
}

BOOST_AUTO_TEST_CASE(pipeline_output_does_not_depend_on_threads_and_skips_bad_documents) {
  std::string stream;
  for (int k = 0; k < 12; ++k) {
    stream += "d" + std::to_string(k) + "\t" + base64(kAr) + "\t" + base64(kEn) + "\n";
    if (k == 5) stream += "bad\t" + base64("") + "\t" + base64(kEn) + "\n";
  }
  const Aligner aligner = Aligner::open("ar-en");
  std::string first, first_report;
  for (const unsigned threads : {1u, 2u, 4u}) {
    for (const std::size_t tokens : {1u, 3u, 16u}) {
      batch::BatchOptions o;
      o.threads = threads;
      o.tokens = tokens;
      std::string out, report;
      const batch::BatchSummary s = run_stream(aligner, o, Format::tsv, stream, out, report);
      BOOST_TEST(s.documents == 13u);
      BOOST_TEST(s.failed == 1u);
      if (first.empty()) {
        first = out;
        first_report = report;
        BOOST_TEST(first.find("d11\t") != std::string::npos);
        BOOST_TEST(first.find("bad\t") == std::string::npos);
        BOOST_TEST(first_report.find(R"("error":"the ar side is empty")") != std::string::npos);
      }
      BOOST_TEST(out == first);
      BOOST_TEST(report == first_report);
    }
  }
}

BOOST_AUTO_TEST_CASE(refined_documents_are_counted_and_deduplicated_by_their_parts) {
  // The bundled press release has a one-to-two bead that refines into two
  // pairs; three copies of it make three refined beads, and --dedup keeps
  // the pairs of the first copy only.
  const std::string ar = read_file_bytes(test::examples_dir() / "press.ar.txt");
  const std::string en = read_file_bytes(test::examples_dir() / "press.en.txt");
  std::string stream;
  for (int k = 0; k < 3; ++k) stream += "p" + std::to_string(k) + "\t" + base64(ar) + "\t" + base64(en) + "\n";
  const Aligner aligner = Aligner::open("ar-en");
  auto run = [&](bool refine, bool dedup, std::string& out, std::string& report, const std::string& input) {
    batch::BatchOptions o;
    o.refine = refine;
    o.dedup = dedup;
    return run_stream(aligner, o, Format::jsonl, input, out, report);
  };
  std::string plain, plain_report, refined, refined_report;
  const batch::BatchSummary before = run(false, false, plain, plain_report, stream);
  const batch::BatchSummary after = run(true, false, refined, refined_report, stream);
  BOOST_TEST((before.refined == RefineCount{}));
  BOOST_TEST(count(plain, "\"refined\"") == 0U);
  BOOST_TEST(count(plain_report, "\"refined\"") == 0U);
  BOOST_TEST((after.refined == RefineCount{3, 6}));
  BOOST_TEST(count(refined, "\"refined\":\"src\"") == 6U);
  BOOST_TEST(count(refined_report, "\"refined\":{\"beads\":1,\"pairs\":2}") == 3U);
  BOOST_TEST(after.output.written == before.output.written + 3);
  // The summary's bead types are the alignments', as without --refine.
  BOOST_TEST((after.output.beads_by_type == before.output.beads_by_type));

  std::string deduped, deduped_report;
  const batch::BatchSummary once = run(true, true, deduped, deduped_report, stream);
  BOOST_TEST(count(deduped, "\"refined\":\"src\"") == 2U);
  BOOST_TEST(once.duplicates == 2 * (after.output.scored / 3));

  // What --dedup compares is the part written: a document whose one pair
  // is a refined pair's part and sentence is a duplicate of it.
  nlohmann::json first;
  std::istringstream lines(refined);
  for (std::string line; first.is_null() && std::getline(lines, line);)
    if (line.find("\"refined\":\"src\"") != std::string::npos) first = nlohmann::json::parse(line);
  const std::string part = first.at("src_text"), sentence = first.at("tgt_text");
  const std::string again = stream.substr(0, stream.find('\n') + 1) + "q\t" + base64(part) + "\t" + base64(sentence) + "\n";
  std::string kept, dropped, unused;
  run(true, false, kept, unused, again);
  BOOST_TEST(kept.find("\"doc\":\"q\"") != std::string::npos);
  const batch::BatchSummary with_q = run(true, true, dropped, unused, again);
  BOOST_TEST(dropped.find("\"doc\":\"q\"") == std::string::npos);
  BOOST_TEST(with_q.duplicates == 1U);
}
