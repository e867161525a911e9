// Tests of the heading pass (align/headings.hpp): an unpaired Arabic heading
// and an unpaired English one side by side are joined when the shorter
// one's anchors all match in the other, and left alone otherwise.
#define BOOST_TEST_MODULE headings
#include "align/headings.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

using jisr::AnchorKey;
using jisr::AnchorType;
using jisr::Bead;
using jisr::Document;

namespace {

jisr::Model plain_model() {
  jisr::Model m;
  m.length.c = 1.0;
  m.length.s2 = 6.8;
  m.length.per_document = false;
  m.priors = {{{1, 1}, 0.89}, {{1, 0}, 0.01}, {{0, 1}, 0.01}, {{2, 1}, 0.045}, {{1, 2}, 0.045}};
  m.anchors.weight = 1.0;
  m.anchors.cap = 5.0;
  m.anchors.p_match = {{AnchorType::lexicon, 0.9}, {AnchorType::word, 0.6}};
  return m;
}

Document doc(const std::string& lang, const std::vector<std::string>& lines) {
  Document d;
  d.lang = lang;
  for (const std::string& line : lines) d.sentences.push_back({line, {}, 0});
  return d;
}

Bead bead(std::uint32_t i, std::uint32_t a, std::uint32_t j, std::uint32_t b) {
  Bead out;
  out.src_begin = i;
  out.src_end = i + a;
  out.tgt_begin = j;
  out.tgt_end = j + b;
  return out;
}

using Keys = std::vector<std::vector<AnchorKey>>;
const AnchorKey kLex{"lex:7", AnchorType::lexicon};
const AnchorKey kWord{"w:nation", AnchorType::word};
const AnchorKey kOther{"lex:9", AnchorType::lexicon};

// Runs the pass on a header of two lines a side where the search left the
// second lines unpaired (1-0 then 0-1).
std::size_t run(const std::vector<std::string>& ar_lines, const std::vector<std::string>& en_lines,
                const Keys& src_keys, const Keys& tgt_keys, jisr::Alignment& beads) {
  const jisr::Model m = plain_model();
  const Document ar = doc("ar", ar_lines), en = doc("en", en_lines);
  const jisr::DocumentAnchors anchors = jisr::intern_anchors(src_keys, tgt_keys);
  const jisr::BeadScorer scorer(m, ar.sentences, en.sentences, &anchors);
  beads = {bead(0, 1, 0, 1), bead(1, 1, 1, 0), bead(2, 0, 1, 1)};
  return jisr::pair_headings(scorer, ar, en, anchors, beads);
}

const std::vector<std::string> kAr{"بيان صحفي", "الائتلاف الوطني لقوى الثورة والمعارضة السورية"};
const std::vector<std::string> kEn{"Press release", "Syrian Coalition"};

}  // namespace

BOOST_AUTO_TEST_SUITE(headings)

BOOST_AUTO_TEST_CASE(full_name_and_short_name_sharing_every_key_are_joined) {
  jisr::Alignment beads;
  // The English line's one key (a lexicon entry) is among the Arabic line's.
  const std::size_t joined = run(kAr, kEn, {{}, {kLex, kWord}}, {{}, {kLex}}, beads);
  BOOST_TEST(joined == 1U);
  BOOST_REQUIRE(beads.size() == 2U);
  BOOST_TEST((beads[1] == bead(1, 1, 1, 1)));
  BOOST_TEST(beads[1].score >= 0.0);
  BOOST_TEST(beads[1].score <= 1.0);
}

BOOST_AUTO_TEST_CASE(the_order_of_the_null_beads_does_not_matter) {
  const jisr::Model m = plain_model();
  const Document ar = doc("ar", kAr), en = doc("en", kEn);
  const jisr::DocumentAnchors anchors = jisr::intern_anchors({{}, {kLex}}, {{}, {kLex}});
  const jisr::BeadScorer scorer(m, ar.sentences, en.sentences, &anchors);
  jisr::Alignment beads{bead(0, 1, 0, 1), bead(1, 0, 1, 1), bead(1, 1, 2, 0)};
  BOOST_TEST(jisr::pair_headings(scorer, ar, en, anchors, beads) == 1U);
  BOOST_TEST((beads.back() == bead(1, 1, 1, 1)));
}

BOOST_AUTO_TEST_CASE(a_key_of_the_shorter_line_missing_from_the_other_keeps_them_apart) {
  jisr::Alignment beads;
  // Every key is on both sides of the document, so all count; each heading
  // has one the other lacks.
  BOOST_TEST(run(kAr, kEn, {{kOther}, {kLex, kWord}}, {{kWord}, {kLex, kOther}}, beads) == 0U);
  BOOST_TEST(beads.size() == 3U);
}

BOOST_AUTO_TEST_CASE(dictionary_words_alone_join_two_unpaired_headings) {
  // A short name often keeps only common words of the full one (Water
  // Corporation / المؤسسة العامة لمياه الشرب ...): the lines are unpaired
  // either way, and every word of the shorter one is in the other.
  jisr::Alignment beads;
  BOOST_TEST(run(kAr, kEn, {{}, {kWord}}, {{}, {kWord}}, beads) == 1U);
  BOOST_TEST((beads.back() == bead(1, 1, 1, 1)));
}

BOOST_AUTO_TEST_CASE(the_length_model_asks_for_more_than_dictionary_words) {
  const jisr::DocumentAnchors anchors = jisr::intern_anchors({{kWord, kLex}}, {{kWord, kLex}});
  const std::vector<std::uint32_t> word{anchors.src[0][0]}, both{anchors.src[0][0], anchors.src[0][1]};
  std::vector<std::uint32_t> sorted_both = both;
  std::sort(sorted_both.begin(), sorted_both.end());
  BOOST_TEST(jisr::heading_keys_agree(word, word, anchors.types, jisr::SharedKeys::any));
  BOOST_TEST(!jisr::heading_keys_agree(word, word, anchors.types, jisr::SharedKeys::strong));
  BOOST_TEST(jisr::heading_keys_agree(sorted_both, sorted_both, anchors.types, jisr::SharedKeys::strong));
}

BOOST_AUTO_TEST_CASE(lines_without_keys_are_not_joined) {
  jisr::Alignment beads;
  BOOST_TEST(run(kAr, kEn, {{}, {}}, {{}, {}}, beads) == 0U);
}

BOOST_AUTO_TEST_CASE(sentences_that_end_in_a_full_stop_are_not_headings) {
  jisr::Alignment beads;
  const std::vector<std::string> en{"Press release", "The Syrian Coalition met."};
  BOOST_TEST(run(kAr, en, {{}, {kLex}}, {{}, {kLex}}, beads) == 0U);
}

// A release's header against the English page's: the Arabic full name and
// a department line, the English a title that also names the body and the
// short name, then three sentences of text a side.
const std::vector<std::string> kReleaseAr{"الائتلاف الوطني لقوى الثورة والمعارضة السورية", "دائرة الإعلام والاتصال",
                                          "أقر الائتلاف موازنة بخمسة ملايين.", "وقال إنها تكفي عاماً.",
                                          "وشكر الداعمين."};
const std::vector<std::string> kReleaseEn{"Syrian Coalition Approves Budget of 5 Million", "Syrian Coalition",
                                          "The Coalition approved a budget of five million.",
                                          "It said it would last a year.", "It thanked its donors."};
const AnchorKey kName{"name:srn", AnchorType::name};
const AnchorKey kCouncil{"w:coalition", AnchorType::word};
const AnchorKey kNum{"num:5000000", AnchorType::number};
const AnchorKey kBudget{"w:budget", AnchorType::word};

// Beads as text, for messages.
std::vector<std::string> text(const jisr::Alignment& beads) {
  std::vector<std::string> out;
  for (const Bead& b : beads)
    out.push_back(std::to_string(b.src_begin) + "+" + std::to_string(b.src_size()) + ":" + std::to_string(b.tgt_begin) +
                  "+" + std::to_string(b.tgt_size()));
  return out;
}

// The search's reading of the release: line by line.
jisr::Alignment line_by_line(std::size_t n) {
  jisr::Alignment out;
  for (std::uint32_t k = 0; k < n; ++k) out.push_back(bead(k, 1, k, 1));
  return out;
}

BOOST_AUTO_TEST_CASE(a_header_run_is_aligned_again_by_how_well_its_lines_keys_fit) {
  const jisr::Model m = plain_model();
  const Document ar = doc("ar", kReleaseAr), en = doc("en", kReleaseEn);
  // The full name holds the short name's keys and two of the title's; the
  // title's number and word are in the text of the Arabic page too.
  const jisr::DocumentAnchors anchors = jisr::intern_anchors(
      {{kLex, kName, kCouncil}, {}, {kNum, kBudget, kCouncil}, {}, {}},
      {{kName, kCouncil, kNum, kBudget}, {kLex, kName}, {kNum, kBudget, kCouncil}, {}, {}});
  const jisr::BeadScorer scorer(m, ar.sentences, en.sentences, &anchors);
  BOOST_REQUIRE(scorer.endings_tell_headings());
  jisr::Alignment beads = line_by_line(5);
  BOOST_TEST(jisr::pair_headings(scorer, ar, en, anchors, beads) == 2U);
  const jisr::Alignment expected{bead(0, 0, 0, 1), bead(0, 1, 1, 1), bead(1, 1, 2, 0), bead(2, 1, 2, 1),
                                 bead(3, 1, 3, 1), bead(4, 1, 4, 1)};
  BOOST_TEST(text(beads) == text(expected), boost::test_tools::per_element());
  BOOST_TEST(beads[1].cost == scorer.cost(0, 1, 1, 1));
  // The fit: shared keys over all keys of the two lines, where the shared
  // keys are all of the line with fewer, or two or more and half of them.
  const jisr::HeadingKeys& keys = scorer.headings();
  BOOST_TEST(jisr::header_lines_fit(keys.src[0], keys.tgt[1]) == 2.0 / 3.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(jisr::header_lines_fit(keys.src[0], keys.tgt[0]) == 2.0 / 5.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(jisr::header_lines_fit(keys.src[1], keys.tgt[1]) == 0.0);
}

BOOST_AUTO_TEST_CASE(a_header_run_without_a_better_fit_stays_as_the_search_left_it) {
  const jisr::Model m = plain_model();
  const Document ar = doc("ar", kReleaseAr), en = doc("en", kReleaseEn);
  // The title now shares one key of three with the full name: too little.
  const jisr::DocumentAnchors anchors = jisr::intern_anchors(
      {{kLex, kName, kCouncil}, {}, {kNum, kBudget}, {}, {}},
      {{kName, kNum, kBudget}, {kOther}, {kNum, kBudget}, {}, {}});
  const jisr::BeadScorer scorer(m, ar.sentences, en.sentences, &anchors);
  jisr::Alignment beads = line_by_line(5);
  BOOST_TEST(jisr::pair_headings(scorer, ar, en, anchors, beads) == 0U);
  BOOST_TEST(text(beads) == text(line_by_line(5)), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(verse_has_no_header_runs) {
  // Every line open on both sides: endings tell no heading from a sentence.
  const jisr::Model m = plain_model();
  std::vector<std::string> ar_lines = kReleaseAr, en_lines = kReleaseEn;
  for (std::string* line : {&ar_lines[2], &ar_lines[3], &ar_lines[4], &en_lines[2], &en_lines[3], &en_lines[4]})
    line->pop_back();
  const Document ar = doc("ar", ar_lines), en = doc("en", en_lines);
  const jisr::DocumentAnchors anchors = jisr::intern_anchors(
      {{kLex, kName, kCouncil}, {}, {kNum, kBudget, kCouncil}, {}, {}},
      {{kName, kCouncil, kNum, kBudget}, {kLex, kName}, {kNum, kBudget, kCouncil}, {}, {}});
  const jisr::BeadScorer scorer(m, ar.sentences, en.sentences, &anchors);
  BOOST_TEST(!scorer.endings_tell_headings());
  jisr::Alignment beads = line_by_line(5);
  BOOST_TEST(jisr::pair_headings(scorer, ar, en, anchors, beads) == 0U);
  BOOST_TEST(text(beads) == text(line_by_line(5)), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
