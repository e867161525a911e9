#define BOOST_TEST_MODULE text
#include "jisr/text.hpp"

#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"

namespace {

// The message of the InputError that clean_text throws for `raw`.
std::string error_for(std::string_view raw) {
  try {
    (void)jisr::clean_text(raw, "in.txt");
  } catch (const jisr::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(overlong_encoding_is_named_with_its_offset) {
  BOOST_TEST(error_for("ab\xC0\xAF") ==
             "in.txt: byte 2: invalid UTF-8: overlong encoding (lead byte 0xC0)");
  BOOST_TEST(error_for("\xE0\x80\xAF").find("byte 0: invalid UTF-8: overlong") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(lone_surrogate_is_named) {
  BOOST_TEST(error_for("abc\xED\xA0\x80") ==
             "in.txt: byte 3: invalid UTF-8: encoded UTF-16 surrogate (U+D800..U+DFFF)");
}

BOOST_AUTO_TEST_CASE(truncated_and_stray_bytes_are_named) {
  BOOST_TEST(error_for("x\xE2\x82").find("byte 1: invalid UTF-8: truncated") != std::string::npos);
  BOOST_TEST(error_for("x\x80").find("byte 1: invalid UTF-8: stray continuation") !=
             std::string::npos);
  BOOST_TEST(error_for("\xF4\x90\x80\x80").find("beyond U+10FFFF") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nul_byte_is_rejected) {
  BOOST_TEST(error_for(std::string("ab\0cd", 5)) ==
             "in.txt: byte 2: NUL byte; this looks like a binary file");
}

BOOST_AUTO_TEST_CASE(utf16_with_and_without_bom_is_rejected) {
  BOOST_TEST(error_for("\xFF\xFE"
                       "a")
                 .find("byte 0: UTF-16 byte order mark") != std::string::npos);
  BOOST_TEST(error_for(std::string("h\0e\0l\0l\0o\0", 10)).find("looks like UTF-16") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(replace_policy_substitutes_and_counts) {
  jisr::TextStats stats;
  const std::string out = jisr::clean_text(std::string("a\xFF"
                                                       "b\0c\xC0\xAF",
                                                       7),
                                           "x", jisr::OnInvalid::replace, &stats);
  BOOST_TEST(out ==
             "a\xEF\xBF\xBD"
             "b\xEF\xBF\xBD"
             "c\xEF\xBF\xBD\xEF\xBF\xBD");
  BOOST_TEST(stats.replaced == 4u);
  BOOST_TEST(jisr::find_invalid_utf8(out) == std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(bom_and_crlf_are_cleaned) {
  jisr::TextStats stats;
  BOOST_TEST(jisr::clean_text("\xEF\xBB\xBFone\r\ntwo\rthree", "x", jisr::OnInvalid::fail,
                              &stats) == "one\ntwo\nthree");
  BOOST_TEST(stats.had_bom);
  BOOST_TEST(stats.had_crlf);
}

BOOST_AUTO_TEST_CASE(find_invalid_utf8_points_at_the_first_fault) {
  BOOST_TEST(jisr::find_invalid_utf8("\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85") == std::string_view::npos);
  BOOST_TEST(jisr::find_invalid_utf8("ok\xD8") == 2u);
  BOOST_TEST(jisr::find_invalid_utf8(std::string_view("a\0", 2)) == 1u);
}

BOOST_AUTO_TEST_CASE(stream_longer_than_the_limit_is_refused) {
  std::istringstream in(std::string(100, 'x'));
  BOOST_CHECK_THROW((void)jisr::read_stream_bytes(in, "<stdin>", 99), jisr::LimitError);
  std::istringstream exact(std::string(100, 'x'));
  BOOST_TEST(jisr::read_stream_bytes(exact, "<stdin>", 100).size() == 100u);
}

BOOST_AUTO_TEST_CASE(tsv_escaping_round_trips_hostile_text) {
  const std::string hostile = "a\tb\nc\rd\\e \\t\xE2\x80\xAE";
  const std::string escaped = jisr::escape_tsv_field(hostile);
  BOOST_TEST(escaped == "a\\tb\\nc\\rd\\\\e \\\\t\xE2\x80\xAE");
  BOOST_TEST(escaped.find_first_of("\t\n\r") == std::string::npos);
  BOOST_TEST(jisr::unescape_tsv_field(escaped, "x") == hostile);
}

BOOST_AUTO_TEST_CASE(tsv_bad_escape_is_an_error) {
  BOOST_CHECK_THROW((void)jisr::unescape_tsv_field("a\\qb", "f.tsv:3"), jisr::InputError);
  BOOST_CHECK_THROW((void)jisr::unescape_tsv_field("end\\", "f.tsv:3"), jisr::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
