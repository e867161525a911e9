// Tests of the sentence splitter (jisr/split.hpp) and its boundary metric
// (jisr/split_eval.hpp). Cases on ../shared data skip when it is absent, and
// fail instead when CI=true.
#define BOOST_TEST_MODULE split
#include "jisr/split.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

#include "eval/split_eval.hpp"
#include "split/glued_text.hpp"
#include "split/space.hpp"
#include "split/utf16.hpp"
#include "split/word_forms.hpp"

namespace fs = std::filesystem;
using jisr::LineBreaks;
using jisr::SentenceSplitter;
using jisr::SplitOptions;

namespace {

const fs::path kModels = fs::path(JISR_MODELS_DIR) / "split";
const fs::path kShared = JISR_SHARED_DIR;
const fs::path kData = fs::path(JISR_TEST_DATA_DIR) / "split";

SentenceSplitter make(const std::string& lang, LineBreaks lb = LineBreaks::heuristic) {
  SplitOptions o;
  o.lang = lang;
  o.line_breaks = lb;
  o.rules_dir = kModels;
  return SentenceSplitter(o);
}

std::vector<std::string> texts(const SentenceSplitter& s, std::string_view text) {
  std::vector<std::string> out;
  for (const auto& sentence : s.split(text)) out.push_back(sentence.text);
  return out;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " << p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// True when ../shared is there; otherwise skips (or fails under CI=true).
// Rebuilds a gold segmentation, one sentence a line, from the raw text and a
// .lengths file (one sentence a line, as its count of non-white-space code
// points; '#' lines are comments). The fixtures keep no text of their own.
std::string gold_from_lengths(std::string_view raw, const std::string& lengths) {
  std::vector<std::size_t> counts;
  std::istringstream in(lengths);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') counts.push_back(std::stoul(line));
  std::string out;
  std::size_t i = 0;
  for (const std::size_t n : counts) {
    std::size_t taken = 0;
    while (i < raw.size() && taken < n) {
      if (const std::size_t space = jisr::detail::space_at(raw, i); space > 0) {
        if (taken > 0) out += ' ';
        i += space;
        continue;
      }
      std::size_t len = 1;
      while (i + len < raw.size() && (static_cast<unsigned char>(raw[i + len]) & 0xC0) == 0x80)
        ++len;
      out.append(raw.substr(i, len));
      i += len;
      ++taken;
    }
    out += '\n';
  }
  return out;
}

bool have_shared(const fs::path& p) {
  if (fs::exists(p)) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true") {
    BOOST_FAIL("shared data " << p << " is missing and CI=true");
  }
  BOOST_TEST_MESSAGE("skipped: shared data " << p << " is absent");
  return false;
}

bool is_space_char(std::string_view s, std::size_t i, std::size_t* len) {
  // The splitter's notion of white space, checked independently for ASCII and
  // the few non-ASCII spaces that the property inputs contain.
  static const std::string_view kSpaces[] = {" ",        "\t",           "\n",          "\r",
                                             "\xC2\xA0", "\xE2\x80\x8B", "\xE2\x80\x89"};
  for (const auto sp : kSpaces) {
    if (s.substr(i).starts_with(sp)) {
      *len = sp.size();
      return true;
    }
  }
  return false;
}

// Every byte lies in exactly one sentence or in white space between two;
// sentences are in order, non-empty, trimmed, and their text is their range.
void check_cover(const SentenceSplitter& s, std::string_view text) {
  const auto sentences = s.split(text);
  std::size_t pos = 0;
  std::uint32_t paragraph = 0;
  for (const auto& sentence : sentences) {
    BOOST_REQUIRE_LE(pos, sentence.source.begin);
    for (std::size_t i = pos; i < sentence.source.begin;) {
      std::size_t len = 0;
      BOOST_REQUIRE_MESSAGE(is_space_char(text, i, &len),
                            "byte " << i << " is in no sentence and is not white space");
      i += len;
    }
    BOOST_REQUIRE_LT(sentence.source.begin, sentence.source.end);
    BOOST_REQUIRE_LE(sentence.source.end, text.size());
    // The text is the source range with line breaks turned into spaces.
    std::string expected(
        text.substr(sentence.source.begin, sentence.source.end - sentence.source.begin));
    std::replace(expected.begin(), expected.end(), '\n', ' ');
    std::replace(expected.begin(), expected.end(), '\r', ' ');
    BOOST_REQUIRE(sentence.text == expected);
    std::size_t len = 0;
    BOOST_REQUIRE(!is_space_char(text, sentence.source.begin, &len));
    BOOST_REQUIRE_GE(sentence.paragraph, paragraph);
    paragraph = sentence.paragraph;
    pos = sentence.source.end;
  }
  for (std::size_t i = pos; i < text.size();) {
    std::size_t len = 0;
    BOOST_REQUIRE_MESSAGE(is_space_char(text, i, &len), "trailing byte " << i << " lost");
    i += len;
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(split)

// --- English -----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(english_titles_do_not_end_sentences) {
  const auto s = make("en");
  for (const std::string abbrev : {"Mr.", "Mrs.", "Dr.", "Gen.", "Lt.", "St.", "Sen.", "Prof.", "Eng.", "Brig.", "Amb."}) {
    const std::string text = "We met " + abbrev + " Smith there. He was late.";
    const auto got = texts(s, text);
    BOOST_TEST_CONTEXT(text) {
      BOOST_REQUIRE_EQUAL(got.size(), 2U);
      BOOST_TEST(got[1] == "He was late.");
    }
  }
}

BOOST_AUTO_TEST_CASE(english_abbreviations_before_names_and_numbers) {
  const auto s = make("en");
  const std::vector<std::string> one = {
      "The U.S. Navy said so.",         "The U.N. Security Council met.",
      "It is No. 5 on the list.",       "He left on Jan. 5 and returned Feb. 9 to Paris.",
      "Apples, e.g. Gala, are sweet.",  "Cats, i.e. Felis catus, purr.",
      "At 9 a.m. Eastern he called.",   "By 6 p.m. EST Jones had left.",
      "Acme Inc. Chairman Lee spoke.",  "Acme Ltd. Director Ward spoke.",
      "It was Kansas vs. Texas today.", "Roe v. Wade was decided in 1973.",
      "Rowling (J. K. Rowling) wrote.", "President George W. Bush spoke.",
      "The F.B.I. Director testified.", "He lives at 5 Main St. Apartment 4 is his."};
  for (const auto& text : one) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(texts(s, text).size() == 1U); }
  }
}

BOOST_AUTO_TEST_CASE(english_sentence_ending_on_abbreviation_is_split) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "He studied in the U.S. The next day he left.") ==
                 (std::vector<std::string>{"He studied in the U.S.", "The next day he left."}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(s, "They founded Acme Inc. It grew fast.").size() == 2U);
  BOOST_TEST(texts(s, "The call came at 5 p.m. However, nobody answered.").size() == 2U);
  BOOST_TEST(texts(s, "It had apples, pears etc. Prices rose.").size() == 2U);
}

BOOST_AUTO_TEST_CASE(english_numbers_times_versions_stay_whole) {
  const auto s = make("en");
  for (const std::string text :
       {"Growth was 3.5 percent in 2018.", "The train left at 10.30 and arrived at 12:45.",
        "Version 2.1.3 fixed it.", "It cost $1,250.75 in all.", "Pi is about 3.14159 really."}) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(texts(s, text).size() == 1U); }
  }
}

BOOST_AUTO_TEST_CASE(english_ellipsis) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "He paused... and went on.").size() == 1U);
  BOOST_TEST(texts(s, "They are small, very curious ... they mean no harm.").size() == 1U);
  BOOST_TEST(texts(s, "Wait for it… The end came.").size() == 2U);
  BOOST_TEST(texts(s, "Wait for it... The end came.").size() == 2U);
}

BOOST_AUTO_TEST_CASE(english_quotes_and_brackets_stay_with_their_sentence) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "He said \"Stop.\" Then he left.") ==
                 (std::vector<std::string>{"He said \"Stop.\"", "Then he left."}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(s, "It was good. (They agreed.) Then rain came.") ==
                 (std::vector<std::string>{"It was good.", "(They agreed.)", "Then rain came."}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(s, "\u201cIs it over?\u201d she asked.").size() == 1U);
  BOOST_TEST(texts(s, "He shouted \"Hi!\" and left.").size() == 1U);
}

BOOST_AUTO_TEST_CASE(urls_and_email_addresses_are_never_split) {
  const auto s = make("en");
  BOOST_TEST(
      texts(s, "See https://example.org/a?q=1&b=Two!X now. Then stop.") ==
          (std::vector<std::string>{"See https://example.org/a?q=1&b=Two!X now.", "Then stop."}),
      boost::test_tools::per_element());
  BOOST_TEST(texts(s, "Mail John.Smith@Example.com today.").size() == 1U);
  BOOST_TEST(texts(s, "Visit www.example.com. The site is new.").size() == 2U);
}

BOOST_AUTO_TEST_CASE(english_question_and_exclamation_end_sentences) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "Is it late? Yes! We go.").size() == 3U);
}

// --- Arabic ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(arabic_question_mark_ends_sentence) {
  const auto s = make("ar");
  BOOST_TEST(texts(s, "هل أنت هنا؟ نعم أنا هنا.") ==
                 (std::vector<std::string>{"هل أنت هنا؟", "نعم أنا هنا."}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(arabic_full_stop_exclamation_and_ellipsis_end_sentences) {
  const auto s = make("ar");
  BOOST_TEST(texts(s, "ذهب إلى البيت. ثم عاد!  وكان متعبا… وبعدها نام.").size() == 4U);
}

BOOST_AUTO_TEST_CASE(arabic_comma_and_semicolon_never_end_sentences) {
  const auto s = make("ar");
  BOOST_TEST(texts(s, "قال الوزير، ثم أضاف؛ إن الوضع صعب، وإن الحل قريب.").size() == 1U);
}

BOOST_AUTO_TEST_CASE(arabic_abbreviations) {
  const auto s = make("ar");
  for (const std::string text :
       {"قال د. أحمد إن الوضع صعب.", "العنوان ص.ب. 1234 دمشق.",
        "شركة النور ذ.م.م. للتجارة افتتحت فرعا.", "ولد في عام 1950 م. في دمشق القديمة.",
        "توفي سنة 1370 هـ. في بغداد.", "حضر أ. محمود الاجتماع."}) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(texts(s, text).size() == 1U); }
  }
}

BOOST_AUTO_TEST_CASE(arabic_sentence_ending_on_year_marker_is_split) {
  const auto s = make("ar");
  BOOST_TEST(texts(s, "تأسست المدينة عام 1200 م. وقال المؤرخون إنها قديمة.").size() == 2U);
}

BOOST_AUTO_TEST_CASE(arabic_numbers_in_any_digit_script_stay_whole) {
  const auto s = make("ar");
  for (const std::string text :
       {"بلغ العدد ٣,٧٥٠ متطوعا.", "بلغ العدد ٣٬٧٥٠ متطوعا.", "ارتفع بنسبة ٣٫٥ في المئة.",
        "ارتفع بنسبة 3.5 في المئة.", "ارتفع بنسبة ۳٫۵ في المئة."}) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(texts(s, text).size() == 1U); }
  }
}

BOOST_AUTO_TEST_CASE(arabic_quotes_stay_with_their_sentence) {
  const auto s = make("ar");
  BOOST_TEST(texts(s, "قال «انتهى الأمر.» ثم غادر.") ==
                 (std::vector<std::string>{"قال «انتهى الأمر.»", "ثم غادر."}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(s, "قال “انتهى الأمر.” ثم غادر.").size() == 2U);
}

BOOST_AUTO_TEST_CASE(arabic_with_embedded_latin) {
  const auto s = make("ar");
  BOOST_TEST(texts(s, "التقى الوزير بممثل شركة Microsoft Corp. في دبي.").size() == 1U);
  BOOST_TEST(texts(s, "زار الوفد U.S. Army في العراق. ثم عاد.").size() == 2U);
  BOOST_TEST(texts(s, "صدر الإصدار 2.1.3 من البرنامج. وهو مجاني.").size() == 2U);
}

// --- Line structure ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(blank_lines_end_sentences_and_paragraphs) {
  for (const auto mode : {LineBreaks::always, LineBreaks::heuristic, LineBreaks::never}) {
    const auto s = make("en", mode);
    const auto got = s.split("Dr.\n\n  \nSmith came and went\n\nagain");
    BOOST_REQUIRE_EQUAL(got.size(), 3U);
    BOOST_TEST(got[0].paragraph == 0U);
    BOOST_TEST(got[1].paragraph == 1U);
    BOOST_TEST(got[2].paragraph == 2U);
  }
}

BOOST_AUTO_TEST_CASE(heuristic_ends_headings_datelines_and_menu_items) {
  const auto s = make("en");
  const std::string text =
      "Press release\nSyrian Coalition\nDepartment of Media and Communications\nJuly 25, 2018\n"
      "Home\nNews\nContact us\n";
  BOOST_TEST(texts(s, text).size() == 7U);
}

BOOST_AUTO_TEST_CASE(heuristic_joins_wrapped_lines) {
  const auto s = make("en");
  const std::string text =
      "The committee met on Monday to discuss the budget for\n"
      "the coming year and agreed that spending on schools\n"
      "Would rise. Members said the plan was fair and would\n"
      "be approved next week.\n";
  BOOST_TEST(texts(s, text) ==
                 (std::vector<std::string>{
                     "The committee met on Monday to discuss the budget for the coming year and "
                     "agreed that spending on schools Would rise.",
                     "Members said the plan was fair and would be approved next week."}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(heuristic_joins_a_stray_line_feed_inside_a_sentence) {
  const auto en = make("en");
  BOOST_TEST(texts(en, "A short line\nthat goes on.").size() == 1U);
  BOOST_TEST(texts(en, "It was a cold \nnight in the city.") ==
                 (std::vector<std::string>{"It was a cold  night in the city."}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(en, "The limit is 400 yd\n( 365.8 m ).").size() == 1U);
}

BOOST_AUTO_TEST_CASE(heuristic_keeps_one_paragraph_or_item_a_line) {
  // A line ending in a comma does not run on when the document puts one
  // paragraph a line (two slogans closing a press release).
  const auto ar = make("ar");
  BOOST_TEST(texts(ar, "قال الوزير إن الوضع صعب.\nالمجد للشهداء، والحرية للمعتقلين،\nعاشت سورية") ==
                 (std::vector<std::string>{"قال الوزير إن الوضع صعب.",
                                           "المجد للشهداء، والحرية للمعتقلين،", "عاشت سورية"}),
             boost::test_tools::per_element());
  // No line ends in final punctuation: a list of items, lower case or not.
  const auto en = make("en");
  BOOST_TEST(texts(en, "features\ncontact manager\nevents, activities\n") ==
                 (std::vector<std::string>{"features", "contact manager", "events, activities"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(heuristic_keeps_list_items_after_a_colon_on_their_lines) {
  // A lead-in ending in a colon and items ending in semicolons, one a line
  // and without markers: the line breaks are the list's, though each item
  // starts lower case.
  const auto en = make("en");
  BOOST_TEST(texts(en, "The crews finished the work on Monday. It included:\n"
                       "replacing the two pumps of the station;\n"
                       "repairing two kilometres of the line;\n"
                       "testing the water in the laboratory.\n") ==
                 (std::vector<std::string>{"The crews finished the work on Monday.", "It included:",
                                           "replacing the two pumps of the station;",
                                           "repairing two kilometres of the line;",
                                           "testing the water in the laboratory."}),
             boost::test_tools::per_element());
  // A closing slogan, one line a phrase, each ending in a comma.
  BOOST_TEST(texts(en, "The statement was signed by the council.\nMercy to the martyrs,\n"
                       "a speedy recovery to the wounded,\nand freedom for the detainees.\n")
                 .size() == 4U);
  // The same in Arabic, with the Arabic semicolon.
  const auto ar = make("ar");
  BOOST_TEST(texts(ar, "أنهت الفرق العمل يوم الاثنين. وشمل العمل ما يلي:\n"
                       "استبدال المضختين في المحطة؛\n"
                       "إصلاح خط الجر.\n")
                 .size() == 4U);
}

BOOST_AUTO_TEST_CASE(heuristic_keeps_list_items_without_marks_after_a_colon_on_their_lines) {
  // Items with no mark at their end, starting with a number or in lower
  // case: each is a line of its own.
  const auto en = make("en");
  BOOST_TEST(texts(en, "The teams worked for a year. They now include:\n"
                       "12 non-technical survey teams\n"
                       "8 manual clearance teams\n"
                       "2 risk education teams working in schools\n\n"
                       "Applicants must:\n"
                       "hold a valid residence permit\n"
                       "be no older than 30 for a first degree\n"
                       "pass an interview\n") ==
                 (std::vector<std::string>{"The teams worked for a year.", "They now include:",
                                           "12 non-technical survey teams", "8 manual clearance teams",
                                           "2 risk education teams working in schools", "Applicants must:",
                                           "hold a valid residence permit", "be no older than 30 for a first degree",
                                           "pass an interview"}),
             boost::test_tools::per_element());
  // One open line and the end of its sentence after a colon are a sentence
  // broken by a stray line break, not a list.
  const auto got = texts(en, "The road was closed. The mayor said:\n"
                             "the teams worked through the night and we\n"
                             "opened it this morning.\n");
  BOOST_REQUIRE_EQUAL(got.size(), 3U);
  BOOST_TEST(got[1] == "The mayor said:");
  BOOST_TEST(got[2].starts_with("the teams worked"));
  BOOST_TEST(got[2].ends_with("opened it this morning."));
}

BOOST_AUTO_TEST_CASE(heuristic_list_items_start_lines_in_wrapped_text) {
  const auto s = make("en");
  const std::string text =
      "The Council decided the following measures at its meeting held in\n"
      "Geneva on the first day of the session, after a long debate on them:\n"
      "1. Demands that all parties respect the ceasefire agreed in the\n"
      "capital and allow aid to reach every region without any delay;\n"
      "2. Requests the Secretary-General to report on the situation in\n"
      "the country within thirty days of the adoption of this text.\n";
  const auto got = texts(s, text);
  BOOST_REQUIRE_EQUAL(got.size(), 3U);
  BOOST_TEST(got[1].starts_with("1. Demands that all parties"));
  BOOST_TEST(got[1].ends_with("without any delay;"));
  BOOST_TEST(got[2].starts_with("2. Requests"));
}

BOOST_AUTO_TEST_CASE(line_break_modes_differ) {
  const std::string text = "The budget for\nthe year\nHeadline here\nMore text";
  BOOST_TEST(texts(make("en", LineBreaks::always), text).size() == 4U);
  BOOST_TEST(texts(make("en", LineBreaks::never), text).size() == 1U);
  // No line ends in final punctuation: each line is an item.
  BOOST_TEST(texts(make("en", LineBreaks::heuristic), text).size() == 4U);
  const std::string prose = "The budget for the\ncoming year was cut.\nHeadline here\nMore text";
  BOOST_TEST(texts(make("en", LineBreaks::heuristic), prose).size() == 3U);
  BOOST_TEST(texts(make("en", LineBreaks::always), prose).size() == 4U);
}

BOOST_AUTO_TEST_CASE(byte_offsets_point_into_the_input) {
  const auto s = make("ar");
  const std::string text = "  عنوان\n\nهل أنت هنا؟ نعم.\r\n";
  const auto got = s.split(text);
  BOOST_REQUIRE_EQUAL(got.size(), 3U);
  BOOST_TEST(got[0].source.begin == 2U);
  BOOST_TEST(text.substr(got[1].source.begin, got[1].source.end - got[1].source.begin) ==
             "هل أنت هنا؟");
  BOOST_TEST(got[2].text == "نعم.");
  BOOST_TEST(got[2].paragraph == 1U);
}

// --- Every byte in one sentence or between two -------------------------------

BOOST_AUTO_TEST_CASE(every_byte_is_covered_on_random_input) {
  const std::vector<std::string> pool = {"a",
                                         "B",
                                         "z",
                                         "Q",
                                         " ",
                                         " ",
                                         "\n",
                                         "\n\n",
                                         "\r\n",
                                         ".",
                                         ".",
                                         "?",
                                         "!",
                                         "\"",
                                         "(",
                                         ")",
                                         "U.S.",
                                         "Dr.",
                                         "3.5",
                                         "\xC2\xA0",
                                         "\xE2\x80\x8B",
                                         "\xE2\x80\x89",
                                         "ب",
                                         "ع",
                                         "؟",
                                         "،",
                                         "؛",
                                         "«",
                                         "»",
                                         "…",
                                         "د.",
                                         "٣",
                                         "٫",
                                         "http://x.y/?a",
                                         "@",
                                         "\t",
                                         "—",
                                         "e.g.",
                                         "The",
                                         "و"};
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1), len(0, 400);
  for (const std::string lang : {"en", "ar", "de"}) {
    for (const auto mode : {LineBreaks::always, LineBreaks::heuristic, LineBreaks::never}) {
      const auto s = make(lang, mode);
      for (int round = 0; round < 200; ++round) {
        std::string text;
        for (std::size_t n = len(rng); n > 0; --n) text += pool[pick(rng)];
        BOOST_TEST_CONTEXT("lang " << lang << " round " << round) { check_cover(s, text); }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_byte_is_covered_on_real_input) {
  const fs::path seeds = kShared / "seeds";
  if (!have_shared(seeds)) return;
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(seeds)) {
    const std::string text = read_file(entry.path());
    for (const std::string lang : {"ar", "en"})
      for (const auto mode : {LineBreaks::always, LineBreaks::heuristic, LineBreaks::never})
        check_cover(make(lang, mode), text);
    ++files;
  }
  BOOST_TEST(files >= 5U);
  // The running text of the ntrex dev documents, in their own language.
  const fs::path data = kShared / "data";
  if (!have_shared(data / "splits" / "ntrex-ar-en.dev.txt")) return;
  std::ifstream list(data / "splits" / "ntrex-ar-en.dev.txt");
  std::size_t docs = 0;
  for (std::string doc; std::getline(list, doc);) {
    if (doc.empty()) continue;
    for (const std::string lang : {"ar", "en"})
      check_cover(make(lang), read_file(data / "ntrex-ar-en" / (doc + "." + lang + ".txt")));
    ++docs;
  }
  BOOST_TEST(docs > 0U);
}

// --- Rule files --------------------------------------------------------------

BOOST_AUTO_TEST_CASE(rule_file_errors_name_file_and_line) {
  const fs::path dir = fs::temp_directory_path() / "jisr_split_test_rules";
  fs::create_directories(dir);
  const auto expect_error = [&dir](const std::string& content, const std::string& needle) {
    std::ofstream(dir / "xx.abbrev") << content;
    SplitOptions o;
    o.lang = "xx";
    o.rules_dir = dir;
    try {
      SentenceSplitter s(o);
      BOOST_ERROR("no error for rule file: " << content);
    } catch (const jisr::ModelError& e) {
      BOOST_TEST(std::string(e.what()).find(needle) != std::string::npos, e.what());
    }
  };
  expect_error("inner Mr.\n", "xx.abbrev:1: expected the version line");
  expect_error("# jisr split-rules v2\ninner Mr.\nfinish U.S.\n", "xx.abbrev:3: unknown kind");
  expect_error("# jisr split-rules v2\nfinal-re (\\p{L\n", "xx.abbrev:2: bad regular expression");
  expect_error("# jisr split-rules v2\nlonely\n", "xx.abbrev:2: expected KIND VALUE");
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(shipped_rule_files_load_and_matter) {
  SplitOptions bare;
  bare.lang = "en";
  const SentenceSplitter icu_only(bare);
  BOOST_TEST(texts(icu_only, "We met Dr. Smith there.").size() == 2U);
  BOOST_TEST(texts(make("en"), "We met Dr. Smith there.").size() == 1U);
  BOOST_TEST(texts(make("ar"), "قال د. أحمد إن الوضع صعب.").size() == 1U);
}

BOOST_AUTO_TEST_CASE(an_abbreviation_listed_under_two_kinds_takes_the_first_of_inner_final_end) {
  const fs::path dir = fs::temp_directory_path() / "jisr_split_test_kinds";
  fs::create_directories(dir);
  // Listed the other way round: the order of the lines does not decide.
  std::ofstream(dir / "xx.abbrev")
      << "# jisr split-rules v2\nend Abc.\ninner Abc.\nend Xyz.\nfinal Xyz.\nstarter It\n";
  SplitOptions o;
  o.lang = "xx";
  o.rules_dir = dir;
  const SentenceSplitter s(o);
  fs::remove_all(dir);
  // inner: no break, even before a starter.
  BOOST_TEST(texts(s, "We met Abc. It was late.").size() == 1U);
  // final: a break before a starter only, not before any capital (as end would).
  BOOST_TEST(texts(s, "We met Xyz. Monday came.").size() == 1U);
  BOOST_TEST(texts(s, "We met Xyz. It was late.").size() == 2U);
}

// --- Boundary metric ---------------------------------------------------------

BOOST_AUTO_TEST_CASE(boundary_metric_counts_offsets_ignoring_white_space) {
  const auto score =
      jisr::score_split({"A b.\nC d.\nE f.\n", "gold"}, {"A b. C d.\nE\tf.", "test"});
  BOOST_TEST(score.all.gold == 2U);
  BOOST_TEST(score.all.test == 1U);
  BOOST_TEST(score.all.correct == 1U);
  const auto prf = jisr::boundary_prf(score.all);
  BOOST_TEST(prf.precision == 1.0);
  BOOST_TEST(prf.recall == 0.5);
  BOOST_TEST(prf.f1 == 2.0 / 3.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(boundary_metric_separates_paragraph_breaks) {
  const auto score = jisr::score_split({"T\nA b.\nC d.\n", "gold"}, {"T\nA b. C d.\n", "test"},
                                       jisr::NamedText{"T\n\nA b. C d.\n", "text"});
  BOOST_TEST(score.paragraph_breaks == 1U);
  BOOST_TEST(score.all.gold == 2U);
  BOOST_TEST(score.within.gold == 1U);
  BOOST_TEST(score.within.test == 0U);
  BOOST_TEST(jisr::boundary_prf(score.within).recall == 0.0);
}

BOOST_AUTO_TEST_CASE(boundary_metric_rejects_different_texts) {
  try {
    (void)jisr::score_split({"Abc.\nDef.\n", "g.txt"}, {"Abc.\nDxf.\n", "t.txt"});
    BOOST_ERROR("no error");
  } catch (const jisr::InputError& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("g.txt:2") != std::string::npos, what);
    BOOST_TEST(what.find("t.txt:2") != std::string::npos, what);
    BOOST_TEST(what.find("character 5") != std::string::npos, what);
  }
}

// --- Gold data (../shared) ---------------------------------------------------

BOOST_AUTO_TEST_CASE(seeds_meet_the_f1_floor) {
  const fs::path seeds = kShared / "seeds";
  if (!have_shared(seeds)) return;
  // 000-002: press releases, one paragraph a line; 003 and 004: flattened web
  // pages (plain ICU scores 0.84 and 0.62 on them).
  struct Seed {
    std::string name, lang;
    double min_f1;
  };
  const Seed docs[] = {{"000_cd241d92d5ce8430", "ar", 1.0},
                       {"001_b29de6e48e2c3b8a", "en", 1.0},
                       {"002_1342dc9ddf031cce", "ar", 1.0},
                       {"003_c0ee06767d867952", "ar", 0.99},
                       {"004_d71596f88f27592e", "ar", 0.98}};
  for (const auto& [name, lang, min_f1] : docs) {
    const std::string raw = read_file(seeds / (name + ".txt"));
    std::string out;
    for (const auto& sentence : make(lang).split(raw)) out += sentence.text + "\n";
    const std::string gold = gold_from_lengths(raw, read_file(kData / (name + ".lengths")));
    const auto score = jisr::score_split({gold, name}, {out, "split"});
    const double f1 = jisr::boundary_prf(score.all).f1;
    BOOST_TEST_MESSAGE("seed " << name << " F1 " << f1);
    BOOST_TEST(f1 >= min_f1, name << " F1 " << f1);
  }
}

BOOST_AUTO_TEST_CASE(seeds_split_at_every_heading_and_menu_line) {
  const fs::path seeds = kShared / "seeds";
  if (!have_shared(seeds)) return;
  for (const std::string name : {"003_c0ee06767d867952", "004_d71596f88f27592e"}) {
    const std::string raw = read_file(seeds / (name + ".txt"));
    for (const auto& sentence : make("ar").split(raw))
      BOOST_TEST(sentence.text.find('\n') == std::string::npos,
                 name << ": a sentence spans a line: " << sentence.text.substr(0, 120));
  }
}

BOOST_AUTO_TEST_CASE(gold_sets_meet_the_f1_floors_on_test_documents) {
  const fs::path data = kShared / "data";
  if (!have_shared(data / "splits" / "ntrex-ar-en.test.txt")) return;
  struct Floor {
    std::string set, lang;
    double min_f1;
  };
  // Just under the measured figures (docs/splitting.md); each is at least
  // the figure of the splitter before the Golden Rules work.
  const Floor floors[] = {{"ntrex-ar-en", "en", 0.996},
                          {"ntrex-ar-en", "ar", 0.994},
                          {"tico19-ar-en", "en", 0.993},
                          {"tico19-ar-en", "ar", 0.978}};
  for (const auto& f : floors) {
    const auto s = make(f.lang);
    jisr::BoundaryCounts all;
    std::ifstream list(data / "splits" / (f.set + ".test.txt"));
    std::string doc;
    while (std::getline(list, doc)) {
      if (doc.empty()) continue;
      const fs::path base = data / f.set / doc;
      const std::string raw = read_file(base.string() + "." + f.lang + ".txt");
      std::string out;
      for (const auto& sentence : s.split(raw)) out += sentence.text + "\n";
      const std::string gold = read_file(base.string() + "." + f.lang);
      all += jisr::score_split({gold, doc}, {out, "split"}).all;
    }
    const auto prf = jisr::boundary_prf(all);
    BOOST_TEST_MESSAGE(f.set << " " << f.lang << " test: P " << prf.precision << " R " << prf.recall
                             << " F1 " << prf.f1);
    BOOST_TEST(all.gold > 0U);
    BOOST_TEST(prf.f1 >= f.min_f1, f.set << " " << f.lang << " F1 " << prf.f1);
  }
}

// --- Lists ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(inline_numbered_lettered_and_roman_lists_split_before_each_item) {
  const auto s = make("en");
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"1. The first item 2. The second item", {"1. The first item", "2. The second item"}},
      {"1) The first item. 2) The second item.", {"1) The first item.", "2) The second item."}},
      {"a.) One b.) Two c.) Three", {"a.) One", "b.) Two", "c.) Three"}},
      {"(i) Hello world. (ii) Hello world. (iii) Hi.",
       {"(i) Hello world.", "(ii) Hello world.", "(iii) Hi."}},
      {"Done here. a) first b) second", {"Done here.", "a) first", "b) second"}},
      {"\u2022 9. Stop smoking \u2022 10. Get some rest",
       {"\u2022 9. Stop smoking", "\u2022 10. Get some rest"}},
      {"Q. What is his name? A. His name is Sloan.",
       {"Q. What is his name?", "A. His name is Sloan."}}};
  for (const auto& [text, want] : cases) {
    BOOST_TEST_CONTEXT(text) {
      BOOST_TEST(texts(s, text) == want, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(item_numbers_that_are_not_lists_stay_inside_sentences) {
  const auto s = make("en");
  for (const std::string text :
       {"As payment for 1. above, pay a fee and for 2. above, no fee will be paid.",
        "It has five components: (1) primary care; (2) virology; and (3) serology.",
        "He is no. 5, the shortstop.", "I have 600. How many do you have?"}) {
    BOOST_TEST_CONTEXT(text) {
      const auto got = texts(s, text);
      BOOST_TEST(got.size() == (text.starts_with("I have") ? 2U : 1U));
    }
  }
  // Arabic numbered paragraphs keep their number.
  BOOST_TEST(texts(make("ar"), "1. يطالب جميع الأطراف باحترام الهدنة.").size() == 1U);
}

// --- Abbreviations that end a sentence ------------------------------------------

BOOST_AUTO_TEST_CASE(end_abbreviations_split_before_a_capitalised_common_word) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "Prices rose in Japan or the U.S. Equivalent products fell.").size() == 2U);
  BOOST_TEST(texts(s, "The meeting starts at 9:30 a.m. Attendance is optional.").size() == 2U);
  BOOST_TEST(texts(s, "He left at 6 P.M. Travelers who stayed left later.").size() == 2U);
  BOOST_TEST(texts(s, "I live in the E.U. How about you?").size() == 2U);
  // Continuations, acronyms and names of two capitalised words go on.
  for (const std::string text :
       {"I work for the U.S. Government in Virginia.", "The U.K. Panel on the environment met.",
        "According to the U.S. Drought Monitor, it is dry.", "Data on U.S. COVID-19 patients."}) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(texts(s, text).size() == 1U); }
  }
  // A title never ends a sentence; an initial ends one before a starter.
  BOOST_TEST(texts(s, "Ask Dr. Equivalent now.").size() == 1U);
  BOOST_TEST(texts(s, "We make a good team, you and I. Did you see Albert I. Jones?").size() == 2U);
}

BOOST_AUTO_TEST_CASE(arabic_starters_are_recognised_with_harakat) {
  // A Latin initial ends an Arabic sentence before a starter, written with
  // or without its tanwin (وفقًا, وفقا).
  const auto s = make("ar");
  BOOST_TEST(texts(s, "يتكون من بروتين S. وفقًا لدراسة جديدة، اقترح الباحثون ذلك.").size() == 2U);
  BOOST_TEST(texts(s, "يتكون من بروتين S. وفقا لدراسة جديدة، اقترح الباحثون ذلك.").size() == 2U);
  BOOST_TEST(texts(s, "قال جون F. كينيدي ذلك.").size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_sentence_may_open_with_a_number) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "Schools closed during the pandemic. 10 countries closed them all.").size() == 2U);
  BOOST_TEST(texts(s, "The drug was \"clearly effective\". 35 patients tested negative.").size() == 2U);
  // After an abbreviation, an initial or a number the period goes on.
  for (const std::string text :
       {"See Fig. 3 for details.", "He is no. 5, the shortstop.", "The vote was on Oct. 5 in Doha.",
        "He paid rs. 1000 in advance.", "Call John D. 5 times a day.", "It came in 5. 2 minutes later."}) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(texts(s, text).size() == 1U); }
  }
  const auto ar = make("ar");
  BOOST_TEST(texts(ar, "تم الإعلان عن ذلك في المؤتمر. 12 دولة وقعت على الاتفاق.").size() == 2U);
}

BOOST_AUTO_TEST_CASE(names_written_with_an_exclamation_mark) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "She works at Yahoo! in the accounting department.").size() == 1U);
  BOOST_TEST(texts(s, "Ghosh at Yahoo! Research extended the work.").size() == 1U);
  BOOST_TEST(texts(s, "He works at Yahoo! and Y!J.").size() == 1U);
  BOOST_TEST(texts(s, "She joined Yahoo! The company grew.").size() == 2U);
}

BOOST_AUTO_TEST_CASE(bidi_controls_around_an_abbreviation_period_are_ignored) {
  const auto s = make("ar");
  BOOST_TEST(
      texts(s, "وقال د\u202a.\u202c ديفيد ريدي إنها كانت مريضة. وليس معروفا ما حدث.").size() == 2U);
  BOOST_TEST(texts(s, "وقال د\u200f. أحمد إن الوضع صعب.").size() == 1U);
}

// --- Quotations, footnotes, ellipses, glued sentences ---------------------------

BOOST_AUTO_TEST_CASE(quoted_question_before_its_reporting_clause_is_one_sentence) {
  const auto ar = make("ar");
  BOOST_TEST(texts(ar, "«متى سيحصل أطفالنا على شهادات حقيقية؟» تتساءل إحدى الأمهات.").size() == 1U);
  BOOST_TEST(texts(ar, "«هل انتهى الأمر؟» قال الوزير للصحفيين.").size() == 1U);
  // A quotation inside a sentence ends it; the verb opens the next one.
  BOOST_TEST(
      texts(ar, "سأل أحدهم، وهو \"ما الذي يجعلك تعتقد ذلك؟\" أجاب المتحدث: لا شيء.").size() == 2U);
  const auto en = make("en");
  BOOST_TEST(texts(en, "\"When will they come?\" asks one mother.").size() == 1U);
  BOOST_TEST(texts(en, "\"Stop!\" Then they ran.").size() == 2U);
}

BOOST_AUTO_TEST_CASE(footnote_marks_stay_with_their_sentence) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "He was a saint and martyr.[1] The emperor published a decree.") ==
                 (std::vector<std::string>{"He was a saint and martyr.[1]",
                                           "The emperor published a decree."}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(s, "It grew in the country at large.[7][8] This was new.").size() == 2U);
  BOOST_TEST(texts(s, "It can create a gap in a consultation.11 12 Take the common cold.") ==
                 (std::vector<std::string>{"It can create a gap in a consultation.11 12",
                                           "Take the common cold."}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(s, "Its use[1] is documented [2\u201311]. Leaves are used.").size() == 2U);
  BOOST_TEST(texts(s, "[15: 12:32] [16: firma? 13:28]").size() == 1U);
}

BOOST_AUTO_TEST_CASE(spaced_ellipses) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "I mean . . . what I'm saying is . . . I didn't mean it.").size() == 1U);
  BOOST_TEST(texts(s, "It ends with a period . . . . Next sentence.").size() == 2U);
  BOOST_TEST(texts(s, "They combined words into compounds. . . . The practice went on.") ==
                 (std::vector<std::string>{"They combined words into compounds.",
                                           ". . . The practice went on."}),
             boost::test_tools::per_element());
  // Two dots attached to a word are a pause (Arabic headlines).
  BOOST_TEST(texts(make("ar"), "تجميد اتحاد الطلبة.. نهاية صفحة سوداء").size() == 1U);
}

BOOST_AUTO_TEST_CASE(sentences_glued_without_a_space) {
  const auto s = make("en");
  BOOST_TEST(texts(s, "Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is a lot.") ==
                 (std::vector<std::string>{"Hello world.", "Today is Tuesday.",
                                           "Mr. Smith bought 1,000.", "That is a lot."}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(s, "Test strange period\uff0eDoes it segment correctly\uff0e").size() == 2U);
  // One glued pair in text that spaces its other sentences stays one unit.
  BOOST_TEST(texts(s, "It was approved for use.In the US, tests began. They were slow.").size() ==
             2U);
  for (const std::string text : {"See www.testurl.Awesome.com now.", "Mail Jane.Doe@example.com."})
    BOOST_TEST(texts(s, text).size() == 1U, text);
}

// --- Flattened web text ---------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_time_stamp_glued_to_a_headline_is_cut_off) {
  using Strings = std::vector<std::string>;
  const auto en = make("en");
  BOOST_TEST(texts(en, "Saturday, 22 April 2023 10:37 Union Concludes Workshop on Justice") ==
                 (Strings{"Saturday, 22 April 2023 10:37", "Union Concludes Workshop on Justice"}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(en, "Wednesday, July 25, 2018 4:24 PM Coalition Pays Tribute") ==
                 (Strings{"Wednesday, July 25, 2018 4:24 PM", "Coalition Pays Tribute"}),
             boost::test_tools::per_element());
  // "Am" of a name after the time is not "a.m.".
  BOOST_TEST(texts(en, "Monday, 5 May 2024 09:00 Amnesty Calls for Release") ==
                 (Strings{"Monday, 5 May 2024 09:00", "Amnesty Calls for Release"}),
             boost::test_tools::per_element());
  const auto ar = make("ar");
  BOOST_TEST(texts(ar, "السبت، ٢٢ نيسان ٢٠٢٣ ١٠:٣٧ اتحاد المرأة يختتم ورشة عمل") ==
                 (Strings{"السبت، ٢٢ نيسان ٢٠٢٣ ١٠:٣٧", "اتحاد المرأة يختتم ورشة عمل"}),
             boost::test_tools::per_element());
  BOOST_TEST(texts(ar, "الأربعاء ٢٥ تشرين الأول ٢٠١٨ - 16:24 الائتلاف يحيي المتطوعين") ==
                 (Strings{"الأربعاء ٢٥ تشرين الأول ٢٠١٨ - 16:24", "الائتلاف يحيي المتطوعين"}),
             boost::test_tools::per_element());
  // A stamp alone, a date without a time, and a time inside a sentence stay whole.
  for (const std::string text : {"Saturday, 22 April 2023 10:37", "Saturday, 22 April 2023 Union Meets",
                                 "On Friday, 21 April 2023 10:37 the union met in Gaziantep."})
    BOOST_TEST(texts(en, text).size() == 1U, text);
  // Plain ICU knows no stamps.
  SplitOptions o;
  o.lang = "en";
  o.rules_dir = kModels;
  o.plain_icu = true;
  BOOST_TEST(texts(SentenceSplitter(o), "Saturday, 22 April 2023 10:37 Union Concludes Workshop").size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_header_block_flattened_onto_one_line_is_cut_around_its_fixed_phrases) {
  using Strings = std::vector<std::string>;
  const auto ar = make("ar");
  BOOST_TEST(texts(ar, "تصريح صحفي هيئة المحامين الأحرار المكتب الإعلامي ١٢ أيار ٢٠٢٤") ==
                 (Strings{"تصريح صحفي", "هيئة المحامين الأحرار", "المكتب الإعلامي", "١٢ أيار ٢٠٢٤"}),
             boost::test_tools::per_element());
  // A date at the end makes a block of a single phrase and a sender.
  BOOST_TEST(texts(ar, "بيان صحفي رابطة الصحفيين المستقلين ٣ آذار ٢٠٢٥") ==
                 (Strings{"بيان صحفي", "رابطة الصحفيين المستقلين ٣ آذار ٢٠٢٥"}),
             boost::test_tools::per_element());
  const auto en = make("en");
  BOOST_TEST(texts(en, "Press release Free Lawyers League Media Office May 12, 2024") ==
                 (Strings{"Press release", "Free Lawyers League", "Media Office", "May 12, 2024"}),
             boost::test_tools::per_element());
  // A title that opens with a phrase, a sentence that ends in a full stop,
  // a phrase alone and a phrase inside a line stay whole.
  for (const std::string text : {"بيان صحفي حول استهداف المشفى الوطني", "بيان صحفي صادر عن الرابطة في ٣ آذار ٢٠٢٥.",
                                 "المكتب الإعلامي", "أصدر المكتب الإعلامي بياناً صحفياً ٢٠٢٥"})
    BOOST_TEST(texts(ar, text).size() == 1U, text);
  BOOST_TEST(texts(en, "Press release on the attack on the hospital").size() == 1U);
}

BOOST_AUTO_TEST_CASE(field_labels_on_a_flattened_line_start_units) {
  const auto s = make("ar");
  BOOST_TEST(
      texts(s,
            "الائتلاف يطالب بتفعيل لجنة التحقيق الكاتب : أسرة التحرير التاريخ : 26 "
            "نوفمبر 2018 م المشاهدات : 321") ==
          (std::vector<std::string>{"الائتلاف يطالب بتفعيل لجنة التحقيق", "الكاتب : أسرة التحرير",
                                    "التاريخ : 26 نوفمبر 2018 م", "المشاهدات : 321"}),
      boost::test_tools::per_element());
  // Unlisted labels: two or more "WORD :" fields on one line.
  BOOST_TEST(texts(make("en"), "Report on the flood in the valley Author : Staff Hits : 40") ==
                 (std::vector<std::string>{"Report on the flood in the valley", "Author : Staff",
                                           "Hits : 40"}),
             boost::test_tools::per_element());
  // Prose with a colon is not a field list.
  BOOST_TEST(texts(s, "قال المصدر: إن الوضع صعب جدا في المدينة اليوم.").size() == 1U);
}

BOOST_AUTO_TEST_CASE(glued_words_are_cut_where_both_parts_are_words) {
  const std::set<std::string> words = {"عمان", "تعيين", "محافظ", "دمشق", "انفجار", "جون", "سون"};
  const jisr::detail::IsWord is_word = [&words](std::string_view w) {
    return words.contains(std::string(w));
  };
  const auto cut = [&is_word](const std::string& line) {
    std::vector<std::size_t> out;
    jisr::detail::glued_word_breaks(line, is_word, out);
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (const std::size_t c : out) {
      parts.push_back(line.substr(start, c - start));
      start = c;
    }
    parts.push_back(line.substr(start));
    return parts;
  };
  // A teh marbuta ends a word: a cut without a look-up, and proof that the
  // line is glued, so that the dictionary is asked about the other tokens.
  BOOST_TEST(cut("بالطاقةصور سوريا وسلطنة عمانتعيين محافظ") ==
                 (std::vector<std::string>{"بالطاقة", "صور سوريا وسلطنة عمان", "تعيين محافظ"}),
             boost::test_tools::per_element());
  BOOST_TEST(cut("بالطاقةصور زيارة دمشقانفجار") ==
                 (std::vector<std::string>{"بالطاقة", "صور زيارة دمشق", "انفجار"}),
             boost::test_tools::per_element());
  // Without such proof the line is not looked up at all.
  BOOST_TEST(cut("زيارة دمشقانفجار").size() == 1U);
  // Known words, short parts, and names of two three-letter "words" stay.
  BOOST_TEST(cut("بالطاقةصور عمان تعيين جونسون").size() == 2U);
}

BOOST_AUTO_TEST_CASE(glued_headlines_are_cut_with_the_system_word_forms) {
  if (jisr::detail::system_word_forms("ar").empty()) {
    const char* ci = std::getenv("CI");
    BOOST_REQUIRE_MESSAGE(ci == nullptr || std::string(ci) != "true",
                          "hunspell-ar is required when CI=true");
    BOOST_TEST_MESSAGE("skipped: no Hunspell dictionary for Arabic (hunspell-ar)");
    return;
  }
  const auto s = make("ar");
  std::string line;
  // A run of headlines far longer than one, without separators.
  for (int i = 0; i < 4; ++i)
    line +=
        "اتصال هاتفي لتعزيز التعاون بين سوريا وسلطنة عمانتعيين محسنة المحيثاوي محافظاً "
        "للسويداءإحداث هيئة عامة لتنظيم المنافذ البرية والبحريةتركيا تؤكد استعدادها ";
  const auto got = texts(s, line + "للتعاون");
  BOOST_REQUIRE_EQUAL(got.size(), 13U);
  BOOST_TEST(got[0] == "اتصال هاتفي لتعزيز التعاون بين سوريا وسلطنة عمان");
  BOOST_TEST(got[1] == "تعيين محسنة المحيثاوي محافظاً للسويداء");
  // One headline keeps its typo: it is not flattened text.
  BOOST_TEST(
      texts(s, "واحد من كل خمسة أطفال لديهم حسابات سرية على وسائل التواصلالاجتماعي").size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_breadcrumb_ending_in_the_page_title_stays_one_unit) {
  const auto s = make("en");
  // The footer repeats the title after the breadcrumb: navigation on one
  // side only, kept whole as the press-release gold keeps it.
  const std::string text =
      "White Helmets are Saving Civilian Lives\n\nThe volunteers worked.\n\n"
      "Home press releases White Helmets are Saving Civilian Lives\n\n"
      "Home \xE2\x80\xBA Reports \xE2\x80\xBA White Helmets are Saving Civilian Lives\n";
  const auto got = texts(s, text);
  BOOST_REQUIRE_EQUAL(got.size(), 4U);
  BOOST_TEST(got[2] == "Home press releases White Helmets are Saving Civilian Lives");
  BOOST_TEST(got[3] == "Home \xE2\x80\xBA Reports \xE2\x80\xBA White Helmets are Saving Civilian Lives");
}

BOOST_AUTO_TEST_CASE(plain_icu_leaves_out_the_rules) {
  SplitOptions o;
  o.lang = "en";
  o.rules_dir = kModels;
  o.plain_icu = true;
  const SentenceSplitter plain(o);
  BOOST_TEST(texts(plain, "We met Mr. Smith. 1. The first item").size() == 4U);
  BOOST_TEST(texts(make("en"), "We met Mr. Smith. 1. The first item").size() == 2U);
}

// --- SRX ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(srx_rules_replace_icu_with_cascade_and_exceptions) {
  SplitOptions o;
  o.lang = "en";
  o.srx = kData / "rules.srx";
  const SentenceSplitter en(o);
  // English: the exception for Mr. comes first, then the Default break rule.
  BOOST_TEST(texts(en, "Mr. Smith left. He came back! Really? yes") ==
                 (std::vector<std::string>{"Mr. Smith left.", "He came back!", "Really?", "yes"}),
             boost::test_tools::per_element());
  o.lang = "ar";
  const SentenceSplitter ar(o);
  // Arabic: these rules break at the Arabic semicolon, which ICU never does.
  BOOST_TEST(texts(ar, "قال هذا؛ ثم ذهب. وعاد") ==
                 (std::vector<std::string>{"قال هذا؛", "ثم ذهب.", "وعاد"}),
             boost::test_tools::per_element());
  const auto got = ar.split("قال هذا؛ ثم ذهب.");
  BOOST_REQUIRE_EQUAL(got.size(), 2U);
  BOOST_TEST(got[1].source.begin == std::string("قال هذا؛ ").size());
}

BOOST_AUTO_TEST_CASE(srx_errors_name_the_file) {
  const fs::path dir = fs::temp_directory_path() / "jisr_split_test_srx";
  fs::create_directories(dir);
  const auto expect_error = [&dir](const std::string& content, const std::string& lang,
                                   const std::string& needle) {
    std::ofstream(dir / "bad.srx") << content;
    SplitOptions o;
    o.lang = lang;
    o.srx = dir / "bad.srx";
    try {
      SentenceSplitter s(o);
      BOOST_ERROR("no error for SRX: " << content);
    } catch (const jisr::ModelError& e) {
      BOOST_TEST(std::string(e.what()).find(needle) != std::string::npos, e.what());
      BOOST_TEST(std::string(e.what()).find("bad.srx") != std::string::npos, e.what());
    }
  };
  expect_error("<srx version=\"2.0\"><body>", "en", "not an SRX file");
  expect_error("<srx version=\"2.0\"><body><maprules/></body></srx>", "en", "no languagemap");
  expect_error(
      "<srx version=\"2.0\"><body><languagerules><languagerule languagerulename=\"x\"><rule>"
      "<beforebreak>[</beforebreak></rule></languagerule></languagerules><maprules>"
      "<languagemap languagepattern=\".*\" languagerulename=\"x\"/></maprules></body></srx>",
      "en", "bad regular expression");
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(utf16_offsets_map_back_to_bytes) {
  // ASCII, Arabic (two bytes), a dash (three) and an emoji (four, a
  // surrogate pair in UTF-16).
  for (const std::string text :
       {std::string("Plain ASCII only."), std::string("قال د. أحمد — نعم 😀 ok."),
        std::string("😀"), std::string("a\xC2\xA0" "b"), std::string()}) {
    jisr::detail::Utf16Text u;
    BOOST_REQUIRE_MESSAGE(u.assign(text), text);
    std::u16string expected;
    std::vector<std::size_t> starts;  // byte offset of each UTF-16 unit's code point
    for (std::size_t i = 0; i < text.size();) {
      std::size_t next = 0;
      const UChar32 c = jisr::detail::char_at(text, i, &next);
      if (c >= 0x10000) {
        expected += static_cast<char16_t>(0xD7C0 + (c >> 10));
        expected += static_cast<char16_t>(0xDC00 | (c & 0x3FF));
        starts.push_back(i);
        starts.push_back(i);
      } else {
        expected += static_cast<char16_t>(c);
        starts.push_back(i);
      }
      i = next;
    }
    BOOST_TEST((std::u16string(u.data(), u.size()) == expected), text);
    for (std::size_t k = 0; k < starts.size(); ++k)
      BOOST_TEST(u.byte_offset(k) == starts[k], text << " unit " << k);
    BOOST_TEST(u.byte_offset(u.size()) == text.size(), text);
  }
}

BOOST_AUTO_TEST_CASE(utf16_refuses_ill_formed_utf8) {
  jisr::detail::Utf16Text u;
  // Overlong, a surrogate, cut short, past U+10FFFF, a lone continuation byte,
  // and each after valid text (the buffers are reused).
  for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "ab\xE2\x80", "\xF4\x90\x80\x80",
                                "x \x80 y", "\xF0\x9F\x98", "\xD8"}) {
    BOOST_TEST(u.assign("قال نعم"));
    BOOST_TEST(!u.assign(bad), "accepted an ill-formed sequence");
  }
}

BOOST_AUTO_TEST_CASE(spans_give_the_same_sentences_as_split) {
  const std::vector<std::string> cases = {
      "We met Dr. Smith in Idlib. He left.\n\nA new paragraph. And more!",
      // Hard-wrapped lines that run on, with CRLF and a lone CR.
      "The committee met on Tuesday and agreed that the new rules would take\r\n"
      "effect in the spring, after a period of consultation with the members\r\n"
      "of the public. Nobody objected to the plan\rat all. The chair closed\n"
      "the meeting early and thanked everyone for coming to the long session.\n",
      "Smile 😀. Next one follows — with a dash. قال د. أحمد كلاماً. ثم ذهب؟ نعم.",
      // Not valid UTF-8: ICU reads the bytes through a UTF-8 UText instead.
      "One sentence here. Two \xFF there. Three.",
  };
  for (const std::string lang : {"en", "ar"}) {
    for (const auto mode : {LineBreaks::always, LineBreaks::heuristic, LineBreaks::never}) {
      const SentenceSplitter s = make(lang, mode);
      for (const std::string& text : cases) {
        const auto spans = s.split_spans(text);
        const auto sentences = s.split(text);
        BOOST_TEST((jisr::sentences_of(text, spans) == sentences), text);
        BOOST_REQUIRE_EQUAL(spans.size(), sentences.size());
        for (std::size_t k = 0; k < spans.size(); ++k) {
          BOOST_TEST(jisr::sentence_text(text, spans[k]) == sentences[k].text);
          // Only sentences in lines that run on have their line breaks changed.
          if (!spans[k].runs_on)
            BOOST_TEST(sentences[k].text ==
                       text.substr(spans[k].source.begin,
                                   spans[k].source.end - spans[k].source.begin));
        }
      }
    }
  }
  // The run-on case holds a sentence across lines, its CR LF made spaces.
  const auto spans = make("en", LineBreaks::never).split_spans(cases[1]);
  BOOST_TEST(std::any_of(spans.begin(), spans.end(),
                         [](const jisr::SentenceSpan& sp) { return sp.runs_on; }));
}

BOOST_AUTO_TEST_CASE(offsets_are_bytes_after_wide_characters) {
  const SentenceSplitter en = make("en");
  // An emoji (four bytes, two UTF-16 units) and a dash (three bytes, one).
  const std::string text = "Smile 😀 now. Wait — here. Done.";
  const auto spans = en.split_spans(text);
  BOOST_REQUIRE_EQUAL(spans.size(), 3U);
  BOOST_TEST(spans[1].source.begin == text.find("Wait"));
  BOOST_TEST(spans[1].source.end == text.find(" Done"));
  BOOST_TEST(spans[2].source.begin == text.find("Done"));
  // Ill-formed bytes: the same breaks, read through ICU's UTF-8 text.
  const std::string bad = "Smile \xFF now. Wait \xC0 here. Done.";
  const auto bad_spans = en.split_spans(bad);
  BOOST_REQUIRE_EQUAL(bad_spans.size(), 3U);
  BOOST_TEST(bad_spans[1].source.begin == bad.find("Wait"));
  BOOST_TEST(bad_spans[2].source.begin == bad.find("Done"));
}

BOOST_AUTO_TEST_SUITE_END()
