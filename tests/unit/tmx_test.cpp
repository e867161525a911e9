#define BOOST_TEST_MODULE tmx
#include "jisr/tmx.hpp"

#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"
#include "jisr/formats.hpp"

#include "formats/xml.hpp"  // append_xml_escaped, the writers' one escape

namespace {

std::string wrap(std::string_view body) {
  return "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"ar\"/><body>" +
         std::string(body) + "</body></tmx>\n";
}

std::string error_for(std::string_view xml) {
  try {
    (void)jisr::read_tmx(xml, "t.tmx");
  } catch (const jisr::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tmx)

BOOST_AUTO_TEST_CASE(xml_escape_drops_forbidden_characters_and_keeps_cr) {
  std::string out;
  const std::size_t dropped = jisr::detail::append_xml_escaped(
      out, "a\x01<b>&\"'\r\t\n\xEF\xBF\xBE\xEF\xBF\xBF\xE2\x80\xAEz");
  BOOST_TEST(out == "a&lt;b&gt;&amp;&quot;&apos;&#13;\t\n\xE2\x80\xAEz");
  BOOST_TEST(dropped == 3u);
}

BOOST_AUTO_TEST_CASE(reads_units_entities_cdata_and_scores) {
  const auto doc =
      jisr::read_tmx(wrap("<tu tuid=\"7\"><prop type=\"x-score\">0.25</prop>"
                          "<tuv xml:lang=\"ar\"><seg>a &amp; &#x627;&#13;</seg></tuv>"
                          "<tuv xml:lang=\"en\"><seg><![CDATA[<b> & c]]></seg></tuv></tu>"),
                     "t.tmx");
  BOOST_TEST(doc.srclang == "ar");
  BOOST_REQUIRE(doc.units.size() == 1u);
  BOOST_TEST(doc.units[0].id == "7");
  BOOST_TEST(doc.units[0].score.value_or(-1) == 0.25);
  BOOST_REQUIRE(doc.units[0].variants.size() == 2u);
  BOOST_TEST(doc.units[0].variants[0].text == "a & \xD8\xA7\r");
  BOOST_TEST(doc.units[0].variants[1].text == "<b> & c");
}

BOOST_AUTO_TEST_CASE(native_codes_are_left_out_of_segments) {
  const auto doc = jisr::read_tmx(
      wrap("<tu><tuv xml:lang=\"en\"><seg>Click <bpt i=\"1\">&lt;b&gt;</bpt>here<ept i=\"1\">"
           "&lt;/b&gt;</ept> <hi>now</hi><ph/>.</seg></tuv></tu>"),
      "t.tmx");
  BOOST_TEST(doc.units.at(0).variants.at(0).text == "Click here now.");
}

BOOST_AUTO_TEST_CASE(malformed_xml_is_reported_with_offset) {
  BOOST_TEST(
      error_for(wrap("<tu><tuv xml:lang=\"en\"><seg>x</tuv></seg></tu>")).find("t.tmx: byte ") ==
      0u);
  BOOST_TEST(error_for(wrap("<tu><tuv xml:lang=\"en\"><seg>x</tuv></seg></tu>")).find("mismatch") !=
             std::string::npos);
  BOOST_TEST(error_for("<tmx><body><tu>").find("t.tmx: byte ") == 0u);
  BOOST_TEST(error_for(wrap("<tu>")).find("mismatch") != std::string::npos);
  BOOST_TEST(error_for(wrap("<tu><tuv xml:lang=\"en\"><seg>&#1;</seg></tuv></tu>")).find("forbids") !=
             std::string::npos);
  // Found by fuzz_tmx: a reference to a surrogate decodes to bytes that
  // are not UTF-8, and the TMX written from them would not read back.
  BOOST_TEST(error_for(wrap("<tu><tuv xml:lang=\"en\"><seg>a&#xD800;b</seg></tuv></tu>"))
                 .find("surrogate") != std::string::npos);
  BOOST_TEST(error_for(wrap("<tu><tuv xml:lang=\"&#xDFFF;\"><seg>a</seg></tuv></tu>"))
                 .find("surrogate") != std::string::npos);
  BOOST_TEST(error_for(wrap("<tu><tuv xml:lang=\"en\"><seg>&#x110000;</seg></tuv></tu>")).find("t.tmx: byte ") ==
             0u);
  BOOST_TEST(error_for("<tmx>\x01</tmx>") == "t.tmx: byte 5: a character that XML 1.0 forbids");
  BOOST_TEST(error_for("<tmx>\xC0</tmx>") == "t.tmx: byte 5: invalid UTF-8");
  BOOST_TEST(error_for("<tmx/><tmx/>") == "t.tmx: byte 6: a second root element");
  BOOST_TEST(error_for("<root/>").find("the root element is not <tmx>") != std::string::npos);
  // Found by fuzz_tmx: a <tu> nested in another through a second <body>.
  BOOST_TEST(error_for(wrap("<tu><body><tu><tuv xml:lang=\"en\"><seg/></tuv></tu></body>"
                            "<tuv xml:lang=\"ar\"><seg/></tuv></tu>"))
                 .find("<tu> inside another <tu>") != std::string::npos);
  BOOST_TEST(error_for(wrap("<tuv xml:lang=\"en\"><seg/></tuv>")).find("<tuv> outside <tu>") !=
             std::string::npos);
  BOOST_TEST(error_for(wrap("<tu><tuv><seg/></tuv></tu>")).find("<tuv> without xml:lang") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(entities_are_never_expanded_beyond_the_predefined_ones) {
  // An unknown entity stays as written, and a declared one is not expanded
  // (no entity expansion attacks); the text is kept, never dropped.
  const jisr::TmxDocument unknown = jisr::read_tmx(
      wrap("<tu><tuv xml:lang=\"en\"><seg>a&nbsp;b &amp; &#x41;</seg></tuv></tu>"), "t.tmx");
  BOOST_TEST(unknown.units.at(0).variants.at(0).text == "a&nbsp;b & A");
  const jisr::TmxDocument declared = jisr::read_tmx(
      "<!DOCTYPE tmx [<!ENTITY a \"bbbbbbbb\">]><tmx><body><tu><tuv xml:lang=\"en\"><seg>&a;</seg>"
      "</tuv></tu></body></tmx>",
      "t.tmx");
  BOOST_TEST(declared.units.at(0).variants.at(0).text == "&a;");
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_not_recursed) {
  std::string deep = "<tmx>";
  for (int k = 0; k < 100000; ++k) deep += "<a>";
  for (int k = 0; k < 100000; ++k) deep += "</a>";
  deep += "</tmx>";
  BOOST_TEST(error_for(deep).find("nested deeper than") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(inline_codes_are_counted) {
  const jisr::TmxDocument doc = jisr::read_tmx(
      wrap("<tu><tuv xml:lang=\"en\"><seg>A<ph>{1}</ph> b<bpt i=\"1\">&lt;b&gt;</bpt>c<ept i=\"1\">"
           "&lt;/b&gt;</ept></seg></tuv></tu>"),
      "t.tmx");
  BOOST_TEST(doc.units.at(0).variants.at(0).text == "A bc");
  BOOST_TEST(doc.dropped_codes == 3u);
}

BOOST_AUTO_TEST_CASE(language_matching_ignores_case_and_region) {
  BOOST_TEST(jisr::language_matches("AR", "ar"));
  BOOST_TEST(jisr::language_matches("ar-SY", "ar"));
  BOOST_TEST(!jisr::language_matches("ar", "ar-SY"));
  BOOST_TEST(!jisr::language_matches("arz", "ar"));
}

BOOST_AUTO_TEST_CASE(written_tmx_reads_back_with_the_same_text) {
  const auto doc = jisr::read_tmx(
      wrap("<tu><tuv xml:lang=\"ar\"><seg>\xD8\xA7\t&lt;\n&#13;\xE2\x80\x8F</seg></tuv>"
           "<tuv xml:lang=\"en\"><seg>b &amp; c</seg></tuv></tu>"
           "<tu><tuv xml:lang=\"ar\"><seg>only one side</seg></tuv></tu>"),
      "t.tmx");
  const jisr::Bitext bitext = jisr::bitext_from_tmx(doc, "ar", "");
  BOOST_REQUIRE(bitext.beads.size() == 2u);
  BOOST_TEST(!bitext.beads[1].is_pair());
  std::ostringstream out;
  const auto summary =
      jisr::write_alignment(jisr::Format::tmx, bitext.src, bitext.tgt, bitext.beads, {}, out);
  BOOST_TEST(summary.unaligned_left_out == 1u);
  const auto again = jisr::read_tmx(out.str(), "again.tmx");
  BOOST_REQUIRE(again.units.size() == 1u);
  BOOST_TEST(again.units[0].variants.at(0).text == doc.units[0].variants[0].text);
  BOOST_TEST(again.units[0].variants.at(1).text == "b & c");
}

BOOST_AUTO_TEST_CASE(tsv_bitext_keeps_one_sided_lines_and_rejects_bad_ones) {
  const jisr::Bitext b = jisr::read_bitext_tsv("a\\tb\tx\t0.5\n\ty\t\nz\t\n", "in.tsv");
  BOOST_REQUIRE(b.beads.size() == 3u);
  BOOST_TEST(b.src.sentences.at(0).text == "a\tb");
  BOOST_TEST(b.scores[0].value_or(-1) == 0.5);
  BOOST_TEST(!b.scores[1].has_value());
  BOOST_TEST(b.beads[1].src_size() == 0u);
  BOOST_TEST(b.beads[2].tgt_size() == 0u);
  BOOST_CHECK_THROW((void)jisr::read_bitext_tsv("only one field\n", "in.tsv"), jisr::InputError);
  BOOST_CHECK_THROW((void)jisr::read_bitext_tsv("a\tb\t2\n", "in.tsv"), jisr::InputError);
  BOOST_CHECK_THROW((void)jisr::read_bitext_tsv("a\tb\tc\td\n", "in.tsv"), jisr::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
