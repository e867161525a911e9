// Tests of anchor extraction (jisr/anchors.hpp): numbers in any digit
// script, month names of the Arabic calendars and English, names matched
// across scripts, URLs, e-mail addresses, question marks, Latin words, and
// the normalisation and skeleton helpers.
#define BOOST_TEST_MODULE anchors
#include "jisr/anchors.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

using jisr::AnchorExtractor;
using jisr::AnchorKey;
using jisr::AnchorOptions;
using jisr::AnchorType;

namespace {

AnchorExtractor extractor(const std::string& lang) {
  AnchorOptions o;
  o.lang = lang;
  return AnchorExtractor(o);
}

// Built once: construction loads ICU calendars and transliterators.
const AnchorExtractor& arabic() {
  static const AnchorExtractor e = extractor("ar");
  return e;
}
const AnchorExtractor& english() {
  static const AnchorExtractor e = extractor("en");
  return e;
}

std::vector<std::string> keys(const AnchorExtractor& e, std::string_view text, AnchorType type) {
  std::vector<std::string> out;
  for (const AnchorKey& k : e.find(text))
    if (k.type == type) out.push_back(k.key);
  return out;
}

bool has(const AnchorExtractor& e, std::string_view text, const std::string& key) {
  const auto found = e.find(text);
  return std::any_of(found.begin(), found.end(), [&](const AnchorKey& k) { return k.key == key; });
}

using Single = std::vector<std::string>;

// The name keys of one Arabic and one English sentence after match_names.
std::pair<std::vector<std::string>, std::vector<std::string>> matched_names(std::string_view ar,
                                                                            std::string_view en) {
  std::vector<std::vector<AnchorKey>> src{arabic().find(ar)}, tgt{english().find(en)};
  jisr::match_names(src, tgt);
  std::pair<std::vector<std::string>, std::vector<std::string>> out;
  for (const auto& k : src[0])
    if (k.type == AnchorType::name) out.first.push_back(k.key);
  for (const auto& k : tgt[0])
    if (k.type == AnchorType::name) out.second.push_back(k.key);
  return out;
}

bool share_a_key(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(),
                     [&](const std::string& k) { return std::find(b.begin(), b.end(), k) != b.end(); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(anchors)

BOOST_AUTO_TEST_CASE(arabic_indic_digits_match_ascii_number) {
  BOOST_TEST(keys(arabic(), "عام ٢٥١ ق.م", AnchorType::number) == Single{"num:251"});
  BOOST_TEST(keys(english(), "in 251 BC", AnchorType::number) == Single{"num:251"});
  // Extended Arabic-Indic (Persian) digits too.
  BOOST_TEST(keys(arabic(), "۲۵۱", AnchorType::number) == Single{"num:251"});
}

BOOST_AUTO_TEST_CASE(thousands_separators_of_every_script_give_one_number) {
  for (const std::string text : {"٣,٧٥٠", "٣٬٧٥٠", "3,750", "3750", "٣٧٥٠"}) {
    BOOST_TEST_CONTEXT(text) {
      BOOST_TEST(keys(arabic(), text, AnchorType::number) == Single{"num:3750"});
    }
  }
  BOOST_TEST(keys(english(), "It cost 3,750 dollars.", AnchorType::number) == Single{"num:3750"});
  BOOST_TEST(keys(english(), "1,234,567", AnchorType::number) == Single{"num:1234567"});
}

BOOST_AUTO_TEST_CASE(decimal_marks_of_every_script_give_one_number) {
  BOOST_TEST(keys(arabic(), "٣٫٥", AnchorType::number) == Single{"num:3.5"});
  BOOST_TEST(keys(english(), "3.5", AnchorType::number) == Single{"num:3.5"});
  BOOST_TEST(keys(english(), "3.50", AnchorType::number) == Single{"num:3.5"});  // trailing zero
  BOOST_TEST(keys(english(), "007", AnchorType::number) == Single{"num:7"});     // leading zeros
}

BOOST_AUTO_TEST_CASE(sentence_final_full_stop_is_not_a_decimal_mark) {
  BOOST_TEST(keys(english(), "He was born in 1990.", AnchorType::number) == Single{"num:1990"});
  BOOST_TEST(keys(arabic(), "وُلد عام ١٩٩٠.", AnchorType::number) == Single{"num:1990"});
}

BOOST_AUTO_TEST_CASE(july_in_every_calendar_gives_month_7) {
  BOOST_TEST(keys(arabic(), "في تموز", AnchorType::month) == Single{"month:7"});  // Levantine
  BOOST_TEST(keys(arabic(), "في يوليو", AnchorType::month) == Single{"month:7"});  // Egyptian
  BOOST_TEST(keys(english(), "in July", AnchorType::month) == Single{"month:7"});
}

BOOST_AUTO_TEST_CASE(two_word_month_names_match_english) {
  BOOST_TEST(keys(arabic(), "في تشرين الثاني", AnchorType::month) == Single{"month:11"});
  BOOST_TEST(keys(english(), "in November", AnchorType::month) == Single{"month:11"});
  // The first word alone is another month: تشرين الأول is October.
  BOOST_TEST(keys(arabic(), "في تشرين الأول", AnchorType::month) == Single{"month:10"});
  BOOST_TEST(keys(arabic(), "٣ آذار", AnchorType::month) == Single{"month:3"});
}

BOOST_AUTO_TEST_CASE(lower_case_english_word_is_not_a_month) {
  // "may" the verb is not May the month; capitalised it is.
  BOOST_TEST(keys(english(), "we may go", AnchorType::month).empty());
  BOOST_TEST(keys(english(), "in May", AnchorType::month) == Single{"month:5"});
}

BOOST_AUTO_TEST_CASE(place_names_match_across_scripts_after_match_names) {
  const auto [idlib_ar, idlib_en] = matched_names("في إدلب", "in Idlib");
  BOOST_TEST(!idlib_en.empty());
  BOOST_TEST(share_a_key(idlib_ar, idlib_en));
  const auto [q_ar, q_en] = matched_names("في القنيطرة", "in Quneitra");
  BOOST_TEST(share_a_key(q_ar, q_en));
  // Keys are spelt as the target's skeleton.
  BOOST_TEST((std::find(q_en.begin(), q_en.end(), "name:kntr") != q_en.end()));
}

BOOST_AUTO_TEST_CASE(unrelated_names_do_not_match) {
  const auto [ar, en] = matched_names("في إدلب", "in Quneitra");
  BOOST_TEST(!share_a_key(ar, en));
}

BOOST_AUTO_TEST_CASE(urls_and_email_addresses_give_their_keys) {
  BOOST_TEST(has(english(), "See https://example.org/path now.", "url:https://example.org/path"));
  BOOST_TEST(has(english(), "Write to info@ruralwater.example.org.", "email:info@ruralwater.example.org"));
  // The same address inside Arabic text gives the same key.
  BOOST_TEST(has(arabic(), "راسلونا على info@ruralwater.example.org.", "email:info@ruralwater.example.org"));
  BOOST_TEST(has(arabic(), "الموقع www.Example.org", "url:www.example.org"));
}

BOOST_AUTO_TEST_CASE(arabic_and_latin_question_marks_give_the_same_key) {
  BOOST_TEST(has(arabic(), "هل أنت هنا؟", "sym:?"));
  BOOST_TEST(has(english(), "Are you here?", "sym:?"));
  BOOST_TEST(!has(english(), "You are here.", "sym:?"));
}

BOOST_AUTO_TEST_CASE(latin_word_inside_arabic_matches_the_english_word) {
  const auto ar = keys(arabic(), "نقلت BBC الخبر", AnchorType::latin);
  const auto en = keys(english(), "the BBC reported it", AnchorType::latin);
  BOOST_TEST(ar == Single{"latin:bbc"});
  BOOST_TEST((std::find(en.begin(), en.end(), "latin:bbc") != en.end()));
}

BOOST_AUTO_TEST_CASE(consonant_skeleton_folds_vowels_digraphs_and_doubles) {
  BOOST_TEST(jisr::consonant_skeleton("Quneitra") == "kntr");
  BOOST_TEST(jisr::consonant_skeleton("QUNEITRA") == "kntr");
  BOOST_TEST(jisr::consonant_skeleton("Idlib") == "dlb");
  BOOST_TEST(jisr::consonant_skeleton("Shaker") == jisr::consonant_skeleton("Saker"));
  BOOST_TEST(jisr::consonant_skeleton("Vienna") == "fn");  // v -> f, doubled n once
  BOOST_TEST(jisr::consonant_skeleton("Aeiou") == "");
  BOOST_TEST(jisr::consonant_skeleton("") == "");
}

BOOST_AUTO_TEST_CASE(skeleton_similarity_is_one_minus_relative_edit_distance) {
  BOOST_TEST(jisr::skeleton_similarity("kntr", "kntr") == 1.0);
  BOOST_TEST(jisr::skeleton_similarity("kntr", "kntrh") == 0.8, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(jisr::skeleton_similarity("abc", "xyz") == 0.0);
  BOOST_TEST(jisr::skeleton_similarity("", "abc") == 0.0);
  BOOST_TEST(jisr::skeleton_similarity("dlb", "tlb") == jisr::skeleton_similarity("tlb", "dlb"));
}

BOOST_AUTO_TEST_CASE(normalize_for_matching_unifies_alef_and_drops_harakat_and_tatweel) {
  BOOST_TEST(jisr::normalize_for_matching("أحمد") == "احمد");
  BOOST_TEST(jisr::normalize_for_matching("إسلام") == "اسلام");
  BOOST_TEST(jisr::normalize_for_matching("آمن") == "امن");
  BOOST_TEST(jisr::normalize_for_matching("كَتَبَ") == "كتب");
  BOOST_TEST(jisr::normalize_for_matching("كـتـب") == "كتب");
  BOOST_TEST(jisr::normalize_for_matching("مستشفى") == "مستشفي");  // ى -> ي
  BOOST_TEST(jisr::normalize_for_matching("مدرسة") == "مدرسه");    // ة -> ه
  BOOST_TEST(jisr::normalize_for_matching("BBC") == "bbc");
}

BOOST_AUTO_TEST_SUITE_END()
