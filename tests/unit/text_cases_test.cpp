// Tests of the text reader (jisr/text.hpp): byte order marks, line ends,
// UTF-8 validation and its error messages, replacement of invalid bytes,
// code point counting, and reading files.
#define BOOST_TEST_MODULE text_cases
#include "jisr/text.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"

namespace fs = std::filesystem;
using jisr::clean_text;
using jisr::InputError;
using jisr::OnInvalid;
using jisr::TextStats;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The message of the InputError that clean_text throws on `raw`, or "" if it
// does not throw.
std::string error_of(std::string_view raw, std::string_view name = "doc.txt") {
  try {
    (void)clean_text(raw, name);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// A fresh, empty folder for files written by one test case.
fs::path scratch_dir(const std::string& name) {
  std::random_device rd;
  const fs::path dir = fs::temp_directory_path() / ("jisr-text-test-" + name + "-" + std::to_string(rd()));
  fs::create_directories(dir);
  return dir;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(text_cases)

BOOST_AUTO_TEST_CASE(utf8_bom_is_stripped_and_reported) {
  TextStats stats;
  BOOST_TEST(clean_text("\xEF\xBB\xBFhello\n", "f", OnInvalid::fail, &stats) == "hello\n");
  BOOST_TEST(stats.had_bom);
  TextStats plain;
  BOOST_TEST(clean_text("hello\n", "f", OnInvalid::fail, &plain) == "hello\n");
  BOOST_TEST(!plain.had_bom);
  // Only a leading BOM is a byte order mark; U+FEFF later is text.
  BOOST_TEST(clean_text("a\xEF\xBB\xBF", "f") == "a\xEF\xBB\xBF");
}

BOOST_AUTO_TEST_CASE(crlf_and_lone_cr_become_lf) {
  TextStats stats;
  BOOST_TEST(clean_text("one\r\ntwo\rthree\n", "f", OnInvalid::fail, &stats) == "one\ntwo\nthree\n");
  BOOST_TEST(stats.had_crlf);
  // CR CR LF is a lone CR followed by CRLF: two line ends.
  BOOST_TEST(clean_text("a\r\r\nb", "f") == "a\n\nb");
  BOOST_TEST(clean_text("end\r", "f") == "end\n");
  TextStats lf_only;
  BOOST_TEST(clean_text("a\nb\n", "f", OnInvalid::fail, &lf_only) == "a\nb\n");
  BOOST_TEST(!lf_only.had_crlf);
}

BOOST_AUTO_TEST_CASE(valid_multibyte_text_passes_unchanged) {
  // Two-byte Arabic, a three-byte euro sign, a four-byte emoji, U+D7FF (the
  // last code point before the surrogates) and U+10FFFF.
  const std::string text = "\xD9\x83\xD8\xAA\xD8\xA8 \xE2\x82\xAC \xF0\x9F\x98\x80 \xED\x9F\xBF \xF4\x8F\xBF\xBF\n";
  BOOST_TEST(clean_text(text, "f") == text);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_error_names_file_and_byte_offset) {
  const std::string msg = error_of("abc\xFF" "def", "news/ar.txt");
  BOOST_TEST(contains(msg, "news/ar.txt"), msg);
  BOOST_TEST(contains(msg, "byte 3"), msg);
  BOOST_TEST(contains(msg, "0xFF"), msg);
  // Offsets count the raw bytes, the BOM included: the truncated two-byte
  // sequence starts at byte 3 + 2.
  const std::string after_bom = error_of("\xEF\xBB\xBFxy\xC3", "b.txt");
  BOOST_TEST(contains(after_bom, "b.txt: byte 5"), after_bom);
  // A lead byte followed by a non-continuation byte.
  BOOST_TEST(contains(error_of("\xD9 x"), "byte 0"));
  // A stray continuation byte after valid Arabic (2 bytes).
  BOOST_TEST(contains(error_of("\xD9\x83\x83"), "byte 2"));
}

BOOST_AUTO_TEST_CASE(overlong_encodings_are_rejected) {
  // '/' (U+002F) written in two, three and four bytes; C0 and C1 never
  // start a valid sequence.
  for (const std::string raw : {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF", "\xF0\x80\x80\xAF",
                                "\xF0\x8F\xBF\xBF"}) {
    BOOST_TEST_CONTEXT("bytes of length " << raw.size()) {
      BOOST_TEST(contains(error_of("x" + raw), "byte 1"));
    }
  }
}

BOOST_AUTO_TEST_CASE(surrogates_and_code_points_above_u10ffff_are_rejected) {
  BOOST_TEST(contains(error_of("\xED\xA0\x80"), "byte 0"));       // U+D800
  BOOST_TEST(contains(error_of("ok \xED\xBF\xBF"), "byte 3"));    // U+DFFF
  BOOST_TEST(contains(error_of("\xF4\x90\x80\x80"), "byte 0"));   // U+110000
  BOOST_TEST(contains(error_of("\xF5\x80\x80\x80"), "byte 0"));   // F5 never leads
}

BOOST_AUTO_TEST_CASE(nul_byte_is_rejected) {
  const std::string msg = error_of(std::string("ab\0cd", 5), "bin.dat");
  BOOST_TEST(contains(msg, "bin.dat: byte 2"), msg);
  BOOST_TEST(contains(msg, "NUL"), msg);
}

BOOST_AUTO_TEST_CASE(utf16_bom_is_rejected_with_a_helpful_message) {
  for (const std::string raw : {std::string("\xFF\xFEh\0i\0", 6), std::string("\xFE\xFF\0h\0i", 6)}) {
    const std::string msg = error_of(raw, "word.txt");
    BOOST_TEST(contains(msg, "word.txt"), msg);
    BOOST_TEST(contains(msg, "UTF-16"), msg);
    BOOST_TEST(contains(msg, "iconv"), msg);  // says how to convert
  }
}

BOOST_AUTO_TEST_CASE(replace_substitutes_u_fffd_per_maximal_subpart_and_counts) {
  // Unicode's "maximal subpart" practice: a truncated sequence (E2 82) is one
  // U+FFFD; ED A0 80 is three, since ED never takes A0 as its second byte.
  const std::string raw = "a\xFF" "b\xE2\x82" "c\xED\xA0\x80" "d";
  TextStats stats;
  const std::string out = clean_text(raw, "f", OnInvalid::replace, &stats);
  const std::string r = kReplacement;
  BOOST_TEST(out == "a" + r + "b" + r + "c" + r + r + r + "d");
  BOOST_TEST(stats.replaced == 5U);
  // A NUL is replaced too under the replace policy.
  TextStats nul;
  BOOST_TEST(clean_text(std::string("x\0y", 3), "f", OnInvalid::replace, &nul) == "x" + r + "y");
  BOOST_TEST(nul.replaced == 1U);
  // The output is valid: cleaning it again under `fail` changes nothing.
  BOOST_TEST(clean_text(out, "f") == out);
}

BOOST_AUTO_TEST_CASE(count_code_points_counts_characters_not_bytes) {
  BOOST_TEST(jisr::count_code_points("") == 0U);
  BOOST_TEST(jisr::count_code_points("abc") == 3U);
  BOOST_TEST(jisr::count_code_points("\xD9\x83\xD8\xAA\xD8\xA8") == 3U);  // three Arabic letters, 6 bytes
  BOOST_TEST(jisr::count_code_points("\xF0\x9F\x98\x80") == 1U);          // one emoji, 4 bytes
  BOOST_TEST(jisr::count_code_points("e\xCC\x81") == 2U);                 // e + combining acute
  BOOST_TEST(jisr::count_code_points("\xE2\x82\xAC 5") == 3U);
}

BOOST_AUTO_TEST_CASE(read_file_bytes_returns_raw_bytes_unvalidated) {
  const fs::path dir = scratch_dir("raw");
  const std::string bytes("\xEF\xBB\xBF" "a\r\n\0\xFF", 8);
  {
    std::ofstream out(dir / "raw.bin", std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  BOOST_TEST(jisr::read_file_bytes(dir / "raw.bin") == bytes);
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(read_file_bytes_on_missing_file_names_it) {
  const fs::path missing = fs::temp_directory_path() / "jisr-no-such-dir" / "missing.txt";
  try {
    (void)jisr::read_file_bytes(missing);
    BOOST_FAIL("no error for a missing file");
  } catch (const InputError& e) {
    BOOST_TEST(contains(e.what(), missing.string()), e.what());
    BOOST_TEST(contains(e.what(), "no such file"), e.what());
  }
}

BOOST_AUTO_TEST_CASE(read_file_bytes_on_a_directory_says_so) {
  const fs::path dir = scratch_dir("dir");
  try {
    (void)jisr::read_file_bytes(dir);
    BOOST_FAIL("no error for a directory");
  } catch (const InputError& e) {
    BOOST_TEST(contains(e.what(), dir.string()), e.what());
    BOOST_TEST(contains(e.what(), "directory"), e.what());
  }
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(load_text_reads_and_cleans_a_file) {
  const fs::path dir = scratch_dir("load");
  {
    std::ofstream out(dir / "in.txt", std::ios::binary);
    out << "\xEF\xBB\xBF" "line one\r\nline two\r";
  }
  TextStats stats;
  BOOST_TEST(jisr::load_text((dir / "in.txt").string(), OnInvalid::fail, &stats) == "line one\nline two\n");
  BOOST_TEST(stats.had_bom);
  BOOST_TEST(stats.had_crlf);
  BOOST_CHECK_THROW((void)jisr::load_text((dir / "absent.txt").string()), InputError);
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
