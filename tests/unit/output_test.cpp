// Tests of the bitext writers (jisr/output.hpp): TMX header, units, escaping
// and validity against the TMX 1.4 DTD; TSV, moses, beads and JSON lines;
// what each format leaves out and counts. The DTD check needs ../shared and
// xmllint: it skips without them, and fails instead when CI=true.
#define BOOST_TEST_MODULE output
#include "jisr/formats.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"

namespace fs = std::filesystem;
using jisr::Alignment;
using jisr::Bead;
using jisr::Document;
using jisr::Format;
using jisr::OutputOptions;
using jisr::OutputSummary;

namespace {

Document doc(const std::string& lang, const std::vector<std::string>& texts) {
  Document d;
  d.name = lang + ".txt";
  d.lang = lang;
  std::size_t pos = 0;
  for (const auto& t : texts) {
    d.sentences.push_back({t, {pos, pos + t.size()}, 0});
    pos += t.size() + 1;
  }
  return d;
}

// Source: three short Arabic sentences; target: four English ones.
const Document kSrc = doc("ar", {"\xD9\x86\xD8\xB9\xD9\x85", "\xD9\x84\xD8\xA7", "\xD8\xB4\xD9\x83\xD8\xB1\xD8\xA7"});
const Document kTgt = doc("en", {"Yes.", "No.", "Thanks.", "Extra line."});

// [0]:[0] 0.9, [1]:[] , [2]:[1,2] 0.25, []:[3]
Alignment alignment() {
  Bead a{0, 1, 0, 1};
  a.score = 0.9;
  Bead b{1, 2, 1, 1};
  Bead c{2, 3, 1, 3};
  c.score = 0.25;
  Bead d{3, 3, 3, 4};
  return {a, b, c, d};
}

OutputOptions fixed_options() {
  OutputOptions o;
  o.tool_version = "1.2.3";
  o.creation_date = "20250303T101500Z";
  return o;
}

std::string write(Format f, const Document& s, const Document& t, const Alignment& a,
                  const OutputOptions& o = fixed_options(), OutputSummary* summary = nullptr) {
  std::ostringstream out;
  const OutputSummary sum = jisr::write_alignment(f, s, t, a, o, out);
  if (summary != nullptr) *summary = sum;
  return out.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) ++n;
  return n;
}

bool ci() {
  const char* v = std::getenv("CI");
  return v != nullptr && std::string(v) == "true";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(output)

BOOST_AUTO_TEST_CASE(a_refined_alignment_writes_each_part_with_its_sentence) {
  // One English sentence of two clauses against two Arabic sentences; the
  // refined alignment pairs each Arabic sentence with one clause.
  const Document src = doc("ar", {"\xD9\x86\xD8\xB9\xD9\x85", "\xD9\x84\xD8\xA7"});
  const Document tgt = doc("en", {"Yes, and no."});
  jisr::RefinedAlignment refined;
  refined.beads = {Bead{0, 1, 0, 1}, Bead{1, 2, 0, 1}};
  refined.beads[0].score = 0.8;
  refined.beads[1].score = 0.8;
  refined.parts = {jisr::BeadPart{{0, 4}, false}, jisr::BeadPart{{5, 12}, false}};
  std::ostringstream tsv;
  jisr::write_alignment(Format::tsv, src, tgt, refined, fixed_options(), tsv);
  BOOST_TEST(lines(tsv.str()) == (std::vector<std::string>{"\xD9\x86\xD8\xB9\xD9\x85\tYes,\t0.8000",
                                                          "\xD9\x84\xD8\xA7\tand no.\t0.8000"}),
             boost::test_tools::per_element());
  std::ostringstream jsonl;
  jisr::write_alignment(Format::jsonl, src, tgt, refined, fixed_options(), jsonl);
  BOOST_TEST(count(jsonl.str(), "\"refined\":\"tgt\"") == 2U);
  BOOST_TEST(contains(jsonl.str(), "\"tgt_offsets\":[[5,12]]"));
  std::ostringstream tmx;
  jisr::write_alignment(Format::tmx, src, tgt, refined, fixed_options(), tmx);
  BOOST_TEST(count(tmx.str(), "<prop type=\"x-refined\">en</prop>") == 2U);
  // Whole sentences only: a bead list and the review page refuse parts.
  for (const Format f : {Format::beads, Format::html}) {
    std::ostringstream out;
    BOOST_CHECK_THROW(jisr::write_alignment(f, src, tgt, refined, fixed_options(), out), jisr::UsageError);
  }
  // Parts that do not match the beads are a caller's error.
  refined.parts.pop_back();
  std::ostringstream out;
  BOOST_CHECK_THROW(jisr::write_alignment(Format::tsv, src, tgt, refined, fixed_options(), out), jisr::UsageError);
}

BOOST_AUTO_TEST_CASE(a_refined_alignment_is_summed_up_as_the_alignment_it_came_from) {
  // [0]:[0], then two 1-2 beads side by side, each cut in two, a 2-1 bead
  // cut in two and a 0-1 bead: the pairs of neighbouring beads that were
  // cut on the same side must not join.
  const Document src = doc("ar", {"a.", "Ab, cd.", "Ef, gh.", "i.", "j."});
  const Document tgt = doc("en", {"A.", "B.", "C.", "D.", "E.", "Kl, mn.", "X."});
  const Alignment original = {Bead{0, 1, 0, 1}, Bead{1, 2, 1, 3}, Bead{2, 3, 3, 5}, Bead{3, 5, 5, 6}, Bead{5, 5, 6, 7}};
  jisr::RefinedAlignment refined;
  refined.beads = {Bead{0, 1, 0, 1}, Bead{1, 2, 1, 2}, Bead{1, 2, 2, 3}, Bead{2, 3, 3, 4},
                   Bead{2, 3, 4, 5}, Bead{3, 4, 5, 6}, Bead{4, 5, 5, 6}, Bead{5, 5, 6, 7}};
  for (Bead& b : refined.beads) b.score = b.is_pair() ? 0.5 : 0.0;
  const jisr::BeadPart whole{}, first{{0, 3}, true}, second{{4, 7}, true};
  refined.parts = {whole, first, second, first, second, {{0, 3}, false}, {{4, 7}, false}, whole};

  BOOST_TEST((jisr::count_refined(refined.beads, refined.parts) == jisr::RefineCount{3, 6}));
  BOOST_TEST((jisr::whole_beads(refined.beads, refined.parts) == original));
  BOOST_TEST((jisr::whole_beads(original, {}) == original));
  BOOST_TEST((jisr::count_refined(original, {}) == jisr::RefineCount{}));

  // The writer counts the alignment's bead types and scores the document
  // on its beads, while it writes the pairs.
  OutputOptions options = fixed_options();
  Alignment scored;
  options.document_score = [&scored](const Document&, const Document&, const Alignment& a) {
    scored = a;
    return 0.5;
  };
  std::ostringstream tsv;
  const OutputSummary summary = jisr::write_alignment(Format::tsv, src, tgt, refined, options, tsv);
  BOOST_TEST(summary.written == 7U);
  BOOST_TEST(lines(tsv.str())[2] == "cd.\tC.\t0.5000");
  BOOST_TEST((scored == original));
  const std::map<jisr::BeadType, std::size_t> types{{{1, 1}, 1}, {{1, 2}, 2}, {{2, 1}, 1}, {{0, 1}, 1}};
  BOOST_TEST((summary.beads_by_type == types));
}

BOOST_AUTO_TEST_CASE(tmx_header_has_every_required_attribute) {
  const std::string tmx = write(Format::tmx, kSrc, kTgt, alignment());
  BOOST_TEST(tmx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  BOOST_TEST(contains(tmx, "<tmx version=\"1.4\">"));
  for (const std::string attr :
       {"creationtool=\"jisr\"", "creationtoolversion=\"1.2.3\"", "segtype=\"sentence\"", "o-tmf=\"",
        "adminlang=\"en\"", "srclang=\"ar\"", "datatype=\"plaintext\"", "creationdate=\"20250303T101500Z\""}) {
    BOOST_TEST(contains(tmx, attr), attr);
  }
  BOOST_TEST(tmx.ends_with("</body>\n</tmx>\n"));
}

BOOST_AUTO_TEST_CASE(tmx_creation_date_defaults_to_now_in_tmx_form) {
  OutputOptions o = fixed_options();
  o.creation_date.clear();
  const std::string tmx = write(Format::tmx, kSrc, kTgt, alignment(), o);
  const auto at = tmx.find("creationdate=\"");
  BOOST_REQUIRE(at != std::string::npos);
  const std::string date = tmx.substr(at + 14, 16);  // YYYYMMDDThhmmssZ
  BOOST_TEST(date[8] == 'T');
  BOOST_TEST(date[15] == 'Z');
  BOOST_TEST(date.substr(0, 2) == "20");
}

BOOST_AUTO_TEST_CASE(tmx_writes_one_unit_per_pair_bead_with_unique_tuid) {
  OutputSummary summary;
  const std::string tmx = write(Format::tmx, kSrc, kTgt, alignment(), fixed_options(), &summary);
  BOOST_TEST(count(tmx, "<tu ") == 2U);
  BOOST_TEST(summary.written == 2U);
  BOOST_TEST(summary.unaligned_left_out == 2U);  // the 1-0 and the 0-1 bead
  std::set<std::string> ids;
  for (auto p = tmx.find("tuid=\""); p != std::string::npos; p = tmx.find("tuid=\"", p + 1))
    ids.insert(tmx.substr(p + 6, tmx.find('"', p + 6) - p - 6));
  BOOST_TEST(ids.size() == 2U);
  // Each unit: the source tuv before the target tuv, and the score.
  const auto first = tmx.find("<tu ");
  const auto second = tmx.find("<tu ", first + 1);
  for (const auto start : {first, second}) {
    const auto ar = tmx.find("<tuv xml:lang=\"ar\">", start);
    const auto en = tmx.find("<tuv xml:lang=\"en\">", start);
    BOOST_TEST(ar < en);
  }
  BOOST_TEST(contains(tmx, "<prop type=\"x-score\">0.9000</prop>"));
  BOOST_TEST(contains(tmx, "<prop type=\"x-score\">0.2500</prop>"));
  // The sentences of a bead are joined with one space.
  BOOST_TEST(contains(tmx, "<seg>No. Thanks.</seg>"));
  BOOST_TEST(!contains(tmx, "Extra line."));
}

BOOST_AUTO_TEST_CASE(tmx_escapes_markup_characters) {
  const Document s = doc("ar", {"a & b < c > d \"e\" 'f'"});
  const Document t = doc("en", {"</seg><seg>&amp;"});
  Bead b{0, 1, 0, 1};
  const std::string tmx = write(Format::tmx, s, t, {b});
  BOOST_TEST(contains(tmx, "<seg>a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;</seg>"));
  BOOST_TEST(contains(tmx, "<seg>&lt;/seg&gt;&lt;seg&gt;&amp;amp;</seg>"));
  OutputOptions o = fixed_options();
  o.tool_version = "1\"<2>";
  BOOST_TEST(contains(write(Format::tmx, s, t, {b}, o), "creationtoolversion=\"1&quot;&lt;2&gt;\""));
}

BOOST_AUTO_TEST_CASE(tmx_drops_forbidden_control_characters_and_counts_them) {
  // BEL, ESC and U+FFFF are not XML 1.0 characters; tab is.
  const Document s = doc("ar", {"bell\x07 esc\x1B end"});
  const Document t = doc("en", {"tab\there\xEF\xBF\xBF!"});
  OutputSummary summary;
  const std::string tmx = write(Format::tmx, s, t, {Bead{0, 1, 0, 1}}, fixed_options(), &summary);
  BOOST_TEST(contains(tmx, "<seg>bell esc end</seg>"));
  BOOST_TEST(contains(tmx, "<seg>tab\there!</seg>"));
  BOOST_TEST(summary.dropped_characters == 3U);
}

BOOST_AUTO_TEST_CASE(tmx_is_valid_against_the_tmx14_dtd) {
  const fs::path dtd = fs::path(JISR_SHARED_DIR) / "tmx" / "tmx14.dtd";
  const bool have_dtd = fs::exists(dtd);
  const bool have_xmllint = std::system("command -v xmllint > /dev/null 2>&1") == 0;
  if (!have_dtd || !have_xmllint) {
    const std::string why = !have_dtd ? "the DTD " + dtd.string() + " is absent" : "xmllint is not on PATH";
    if (ci()) BOOST_FAIL(why << " and CI=true");
    BOOST_TEST_MESSAGE("skipped: " << why);
    return;
  }
  std::random_device rd;
  const fs::path file = fs::temp_directory_path() / ("jisr-output-test-" + std::to_string(rd()) + ".tmx");
  {
    // Hostile text on purpose: markup characters and a control character.
    const Document s = doc("ar", {"\xD9\x86\xD8\xB9\xD9\x85 & <b>", "x\x01y", "'q'"});
    const Document t = doc("en", {"Yes & \"no\"", "xy", "]]>"});
    std::ofstream out(file, std::ios::binary);
    jisr::write_alignment(Format::tmx, s, t, {Bead{0, 1, 0, 1}, Bead{1, 2, 1, 2}, Bead{2, 3, 2, 3}},
                          fixed_options(), out);
  }
  const std::string command =
      "xmllint --noout --nonet --dtdvalid '" + dtd.string() + "' '" + file.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  BOOST_TEST(status == 0, command);
  fs::remove(file);
}

// TSV escapes backslash, tab, LF and CR inside a field as \\ \t \n \r, so
// the text survives and a bead stays one line.
BOOST_AUTO_TEST_CASE(tsv_has_three_columns_and_one_line_per_pair_bead) {
  const Document s = doc("ar", {"one\ttab", "two\nlines"});
  const Document t = doc("en", {"One", "Two\r\nlines"});
  Bead a{0, 1, 0, 1};
  a.score = 0.5;
  Bead b{1, 2, 1, 2};
  b.score = 0.123456;
  const auto got = lines(write(Format::tsv, s, t, {a, b}));
  BOOST_REQUIRE_EQUAL(got.size(), 2U);
  BOOST_TEST(got[0] == "one\\ttab\tOne\t0.5000");
  BOOST_TEST(got[1] == "two\\nlines\tTwo\\r\\nlines\t0.1235");
}

BOOST_AUTO_TEST_CASE(tsv_keep_unaligned_writes_null_beads_with_an_empty_side) {
  OutputSummary summary;
  const auto plain = lines(write(Format::tsv, kSrc, kTgt, alignment(), fixed_options(), &summary));
  BOOST_TEST(plain.size() == 2U);
  BOOST_TEST(summary.unaligned_left_out == 2U);
  OutputOptions o = fixed_options();
  o.keep_unaligned = true;
  const auto all = lines(write(Format::tsv, kSrc, kTgt, alignment(), o, &summary));
  BOOST_REQUIRE_EQUAL(all.size(), 4U);
  BOOST_TEST(summary.unaligned_left_out == 0U);
  BOOST_TEST(all[1].starts_with("\xD9\x84\xD8\xA7\t\t"));  // 1-0: empty target
  BOOST_TEST(all[3].starts_with("\tExtra line.\t"));       // 0-1: empty source
  for (const auto& line : all) BOOST_TEST(count(line, "\t") == 2U);
}

BOOST_AUTO_TEST_CASE(moses_writes_both_streams_with_the_same_line_count) {
  for (const bool keep : {false, true}) {
    OutputOptions o = fixed_options();
    o.keep_unaligned = keep;
    std::ostringstream src, tgt;
    jisr::write_alignment(Format::moses, kSrc, kTgt, alignment(), o, src, &tgt);
    const auto s = lines(src.str()), t = lines(tgt.str());
    BOOST_TEST_CONTEXT("keep_unaligned " << keep) {
      BOOST_TEST(s.size() == (keep ? 4U : 2U));
      BOOST_TEST(t.size() == s.size());
      BOOST_TEST(t[0] == "Yes.");
    }
  }
  std::ostringstream only;
  BOOST_CHECK_THROW(jisr::write_alignment(Format::moses, kSrc, kTgt, alignment(), fixed_options(), only),
                    jisr::UsageError);
}

BOOST_AUTO_TEST_CASE(beads_format_lists_every_bead_with_its_score) {
  Bead b{0, 2, 2, 3};
  b.score = 0.1234;
  BOOST_TEST(jisr::format_bead(b) == "[0,1]:[2]");
  BOOST_TEST(jisr::format_bead(Bead{3, 3, 4, 6}) == "[]:[4,5]");
  const auto got = lines(write(Format::beads, kSrc, kTgt, alignment()));
  const std::vector<std::string> expected{"[0]:[0]:0.9000", "[1]:[]:0.0000", "[2]:[1,2]:0.2500",
                                          "[]:[3]:0.0000"};
  BOOST_TEST(got == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(jsonl_lines_parse_with_indices_and_byte_offsets) {
  const auto got = lines(write(Format::jsonl, kSrc, kTgt, alignment()));
  BOOST_REQUIRE_EQUAL(got.size(), 4U);
  const auto third = nlohmann::json::parse(got[2]);
  BOOST_TEST(third["src"] == nlohmann::json::array({2}));
  BOOST_TEST(third["tgt"] == nlohmann::json::array({1, 2}));
  // Byte ranges of the document builder above: "Yes." is [0, 4), "No."
  // [5, 8), "Thanks." [9, 16); the Arabic words take 6, 4 and 8 bytes.
  BOOST_TEST(third["tgt_offsets"] == nlohmann::json::parse("[[5, 8], [9, 16]]"));
  BOOST_TEST(third["src_offsets"] == nlohmann::json::parse("[[12, 20]]"));
  BOOST_TEST(third["tgt_text"] == "No. Thanks.");
  BOOST_TEST(third["score"].get<double>() == 0.25);
  const auto last = nlohmann::json::parse(got[3]);
  BOOST_TEST(last["src"].empty());
  BOOST_TEST(last["src_text"] == "");
  for (const auto& line : got) BOOST_TEST(nlohmann::json::parse(line).is_object());
}

BOOST_AUTO_TEST_CASE(min_score_filters_pair_beads_and_counts_them) {
  OutputOptions o = fixed_options();
  o.min_score = 0.5;
  OutputSummary summary;
  const auto tsv = lines(write(Format::tsv, kSrc, kTgt, alignment(), o, &summary));
  BOOST_REQUIRE_EQUAL(tsv.size(), 1U);
  BOOST_TEST(tsv[0].starts_with("\xD9\x86\xD8\xB9\xD9\x85\tYes.\t"));
  BOOST_TEST(summary.low_score_left_out == 1U);
  BOOST_TEST(summary.written == 1U);
  BOOST_TEST(summary.score_sum == 0.9);
  write(Format::tmx, kSrc, kTgt, alignment(), o, &summary);
  BOOST_TEST(summary.low_score_left_out == 1U);
  BOOST_TEST(summary.written == 1U);
}

BOOST_AUTO_TEST_CASE(summary_counts_beads_by_type) {
  OutputSummary summary;
  write(Format::beads, kSrc, kTgt, alignment(), fixed_options(), &summary);
  BOOST_TEST(summary.src_sentences == 3U);
  BOOST_TEST(summary.tgt_sentences == 4U);
  BOOST_TEST((summary.beads_by_type.at({1, 1}) == 1U));
  BOOST_TEST((summary.beads_by_type.at({1, 2}) == 1U));
  BOOST_TEST((summary.beads_by_type.at({1, 0}) == 1U));
  BOOST_TEST((summary.beads_by_type.at({0, 1}) == 1U));
}

BOOST_AUTO_TEST_CASE(parse_format_accepts_the_five_names_and_rejects_others) {
  for (const Format f : {Format::tmx, Format::tsv, Format::jsonl, Format::moses, Format::beads})
    BOOST_TEST((jisr::parse_format(jisr::to_string(f)) == f));
  BOOST_CHECK_THROW((void)jisr::parse_format("xml"), jisr::UsageError);
  BOOST_CHECK_THROW((void)jisr::parse_format("TMX"), jisr::UsageError);
  BOOST_CHECK_THROW((void)jisr::parse_format(""), jisr::UsageError);
}

// Scores read from someone else's TMX can be anything; without a minimum
// every pair bead is written, so a TMX survives a round trip whole.
BOOST_AUTO_TEST_CASE(no_min_score_keeps_beads_with_negative_scores) {
  Alignment beads = alignment();
  for (Bead& b : beads) b.score = -0.5;
  OutputSummary summary;
  const auto tsv = lines(write(Format::tsv, kSrc, kTgt, beads, fixed_options(), &summary));
  BOOST_TEST(summary.low_score_left_out == 0U);
  BOOST_TEST(tsv.size() == summary.written);
  BOOST_TEST(summary.written >= 2U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(streaming_writer)

// Two documents through one writer: one header and footer, units numbered
// on across documents, each bead naming its document.
BOOST_AUTO_TEST_CASE(tmx_writer_streams_documents_into_one_file) {
  OutputOptions o = fixed_options();
  o.document_ids = true;
  std::ostringstream out;
  const auto writer = jisr::make_writer(Format::tmx, o, out);
  writer->begin();
  const OutputSummary first = writer->write("doc<1>", kSrc, kTgt, alignment());
  writer->write("doc2", kSrc, kTgt, alignment());
  const OutputSummary total = writer->finish();
  const std::string tmx = out.str();
  BOOST_TEST(count(tmx, "<header") == 1u);
  BOOST_TEST(count(tmx, "</tmx>") == 1u);
  BOOST_TEST(count(tmx, "<tu tuid=") == 4u);
  BOOST_TEST(contains(tmx, "<tu tuid=\"4\" creationdate="));
  BOOST_TEST(contains(tmx, "<prop type=\"x-document\">doc&lt;1&gt;</prop>"));
  BOOST_TEST(count(tmx, "<prop type=\"x-document\">doc2</prop>") == 2u);
  BOOST_TEST(first.written == 2u);
  BOOST_TEST(total.written == 4u);
  BOOST_TEST(total.src_sentences == 2 * kSrc.sentences.size());
  BOOST_TEST(total.unaligned_left_out == 4u);
}

BOOST_AUTO_TEST_CASE(tsv_writer_puts_the_document_id_first_escaped) {
  OutputOptions o = fixed_options();
  o.document_ids = true;
  std::ostringstream out;
  const auto writer = jisr::make_writer(Format::tsv, o, out);
  writer->begin();
  writer->write("a\tb", kSrc, kTgt, alignment());
  writer->finish();
  const auto rows = lines(out.str());
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0] == "a\\tb\t" + kSrc.sentences[0].text + "\tYes.\t0.9000");
}

BOOST_AUTO_TEST_CASE(jsonl_writer_names_the_document) {
  OutputOptions o = fixed_options();
  o.document_ids = true;
  std::ostringstream out;
  const auto writer = jisr::make_writer(Format::jsonl, o, out);
  writer->begin();
  writer->write("d7", kSrc, kTgt, alignment());
  writer->finish();
  for (const std::string& line : lines(out.str()))
    BOOST_TEST(nlohmann::json::parse(line).at("doc") == "d7");
}

// write_alignment is one document through make_writer, without ids.
BOOST_AUTO_TEST_CASE(write_alignment_equals_the_streaming_writer_without_ids) {
  for (const Format f : {Format::tmx, Format::tsv, Format::jsonl, Format::beads}) {
    std::ostringstream out;
    const auto writer = jisr::make_writer(f, fixed_options(), out);
    writer->begin();
    writer->write("ignored", kSrc, kTgt, alignment());
    writer->finish();
    BOOST_TEST(out.str() == write(f, kSrc, kTgt, alignment()));
    BOOST_TEST(!contains(out.str(), "ignored"));
  }
}

BOOST_AUTO_TEST_CASE(moses_writer_needs_two_streams) {
  std::ostringstream out;
  BOOST_CHECK_THROW((void)jisr::make_writer(Format::moses, fixed_options(), out), jisr::UsageError);
}

BOOST_AUTO_TEST_SUITE_END()
