// Tests of anchor extraction (jisr/anchors.hpp): numbers in any digit
// script, month names of the Arabic calendars and English, names matched
// across scripts, URLs, e-mail addresses, question marks, Latin words, and
// the normalisation and skeleton helpers; the dictionary overlay, table and
// cache; time stamps.
#define BOOST_TEST_MODULE anchors
#include "jisr/anchors.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include "evidence/dictionary.hpp"
#include "evidence/dictionary_table.hpp"
#include "evidence/stamps.hpp"

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

BOOST_AUTO_TEST_CASE(a_word_for_thousand_million_or_billion_scales_the_number_before_it) {
  // Arabic press writes "٣٥٠ ألف" where the English writes 350,000.
  BOOST_TEST(keys(arabic(), "أكثر من ٣٥٠ ألف طالب", AnchorType::number) == Single{"num:350000"});
  BOOST_TEST(keys(english(), "more than 350,000 students", AnchorType::number) == Single{"num:350000"});
  BOOST_TEST(keys(english(), "350 thousand students", AnchorType::number) == Single{"num:350000"});
  // Decimals, plurals, the accusative and a clitic before the number.
  BOOST_TEST(keys(arabic(), "نحو ٢٫٥ مليون نازح", AnchorType::number) == Single{"num:2500000"});
  BOOST_TEST(keys(english(), "about 2.5 million displaced", AnchorType::number) == Single{"num:2500000"});
  BOOST_TEST(keys(arabic(), "و٣ ملايين لاجئ", AnchorType::number) == Single{"num:3000000"});
  BOOST_TEST(keys(arabic(), "بلغ ١٦٫٥ مليونًا", AnchorType::number) == Single{"num:16500000"});
  BOOST_TEST(keys(arabic(), "قتل ١٢ ألفاً", AnchorType::number) == Single{"num:12000"});
  BOOST_TEST(keys(arabic(), "تكلفة ١٫٢ مليار دولار", AnchorType::number) == Single{"num:1200000000"});
  BOOST_TEST(keys(arabic(), "أكثر من ١٫٥ بليون طفل", AnchorType::number) == Single{"num:1500000000"});
  BOOST_TEST(keys(english(), "It reached 3.1billion.", AnchorType::number) == Single{"num:3100000000"});
  // After a currency sign, the abbreviations of financial news; elsewhere a unit.
  BOOST_TEST(keys(english(), "bought for \u00a3125m", AnchorType::number) == Single{"num:125000000"});
  BOOST_TEST(keys(english(), "a $3.6bn deal", AnchorType::number) == Single{"num:3600000000"});
  BOOST_TEST(keys(english(), "a 5m wall", AnchorType::number) == Single{"num:5"});
  // Other words leave the number alone; so does a number that ends a code.
  BOOST_TEST(keys(english(), "350 students", AnchorType::number) == Single{"num:350"});
  BOOST_TEST(keys(arabic(), "سارس كوف-2 مليون إصابة", AnchorType::number) == Single{"num:2"});
  BOOST_TEST(keys(english(), "the F125 million-euro frigate", AnchorType::number) == Single{"num:125"});
  // The words come from CLDR's spellout rules, so other languages have them.
  BOOST_TEST(keys(extractor("de"), "3 Millionen Menschen", AnchorType::number) == Single{"num:3000000"});
  BOOST_TEST(keys(extractor("fr"), "2 milliards d'euros", AnchorType::number) == Single{"num:2000000000"});
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

BOOST_AUTO_TEST_CASE(a_month_name_opening_a_sentence_before_a_word_is_no_month) {
  BOOST_TEST(keys(english(), "May Allah pardon you.", AnchorType::month).empty());
  BOOST_TEST(keys(english(), "March on to the square.", AnchorType::month).empty());
  BOOST_TEST(keys(english(), "May 5 was cold.", AnchorType::month) == Single{"month:5"});
  BOOST_TEST(keys(english(), "It was cold in May.", AnchorType::month) == Single{"month:5"});
  BOOST_TEST(keys(english(), "July.", AnchorType::month) == Single{"month:7"});  // a heading, or a word of the review page
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

BOOST_AUTO_TEST_CASE(names_romanised_with_an_apostrophe_match_their_arabic) {
  // The apostrophe stands for the ʿayn or hamza: "Ka" and "bah" alone are no names.
  const auto [kaaba_ar, kaaba_en] = matched_names("دخلا الكعبة", "they entered the Ka'bah");
  BOOST_TEST(share_a_key(kaaba_ar, kaaba_en));
  const auto [numan_ar, numan_en] = matched_names("في معرة النعمان", "in Ma’arrat al-Nu’man");
  BOOST_TEST(share_a_key(numan_ar, numan_en));
}

BOOST_AUTO_TEST_CASE(english_clitics_are_not_joined_into_names) {
  // "Idlib's" is Idlib; joined it would be another skeleton ("dlbs").
  BOOST_TEST(keys(english(), "Idlib's council", AnchorType::name) == Single{"name:dlb"});
  BOOST_TEST(keys(english(), "We've seen it", AnchorType::name).empty());
}

BOOST_AUTO_TEST_CASE(short_names_after_a_romanised_article_match_their_arabic) {
  // "Amal" and "Omar" alone are too short for a key; the Arabic keeps its
  // article, and so the English is keyed with it, sun letter or not.
  const auto [amal_ar, amal_en] = matched_names("جامعة الأمل", "Al-Amal University");
  BOOST_TEST(share_a_key(amal_ar, amal_en));
  const auto [omar_ar, omar_en] = matched_names("قال محمد العمر", "said Mohammad al-Omar");
  BOOST_TEST(share_a_key(omar_ar, omar_en));
  const auto [zor_ar, zor_en] = matched_names("في دير الزور", "in Deir ez-Zor");
  BOOST_TEST(share_a_key(zor_ar, zor_en));
  // Without the hyphen "al" is a word of its own, and a long name needs no article.
  BOOST_TEST(keys(english(), "Al Amal", AnchorType::name).empty());
  BOOST_TEST(keys(english(), "al-Khatib", AnchorType::name) == Single{"name:ktb"});
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

// Dictionaries: the overlay of learned words, the table form and its cache.

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("jisr-{}-{}", name, ::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

BOOST_AUTO_TEST_CASE(overlay_puts_learned_words_in_front_and_leaves_the_base_alone) {
  auto base = std::make_shared<jisr::Dictionary>();
  base->add_tsv("كتاب\tbook\nبيت\thouse\n", "test");
  jisr::Dictionary overlay(std::shared_ptr<const jisr::Dictionary>{base});
  overlay.add_translations("كتاب", {"volum", "book"});
  overlay.add_translations("قلم", {"pen"});
  BOOST_TEST(strings(overlay.lookup("كتاب")) == (std::vector<std::string>{"volum", "book"}));
  BOOST_TEST(strings(overlay.lookup("بيت")) == std::vector<std::string>{"house"});
  BOOST_TEST(strings(overlay.lookup("قلم")) == std::vector<std::string>{"pen"});
  BOOST_TEST(strings(base->lookup("كتاب")) == std::vector<std::string>{"book"});
  BOOST_TEST(base->lookup("قلم").empty());
  BOOST_TEST(overlay.size() == 3U);
  // Behind, as realign adds what it learns.
  jisr::Dictionary behind(std::shared_ptr<const jisr::Dictionary>{base});
  behind.add_translations("كتاب", {"volum"}, /*in_front=*/false);
  BOOST_TEST(strings(behind.lookup("كتاب")) == (std::vector<std::string>{"book", "volum"}));
}

BOOST_AUTO_TEST_CASE(dictionary_table_gives_the_same_translations_and_refuses_damage) {
  jisr::Dictionary d;
  d.add_tsv("كتاب\tbooks, volume\nبيت\thouse\nمدرسة\tschool\n", "test");
  const auto dir = fresh_dir("table");
  const auto path = dir / "d.table";
  write_file(path, d.to_table(42));
  const auto table = jisr::DictionaryTable::open(path, 42);
  BOOST_TEST_REQUIRE(table != nullptr);
  BOOST_TEST(table->size() == d.size());
  const jisr::Dictionary read(table);
  for (const char* w : {"كتاب", "بيت", "مدرسه", "قلم"}) BOOST_TEST(strings(read.lookup(w)) == strings(d.lookup(w)));
  BOOST_TEST(jisr::DictionaryTable::open(path, 43) == nullptr);  // another key
  std::string bytes = d.to_table(42);
  bytes[bytes.size() - 2] ^= 0x20;
  write_file(path, bytes);
  BOOST_TEST(jisr::DictionaryTable::open(path, 42) == nullptr);  // corrupt
  write_file(path, d.to_table(42).substr(0, 60));
  BOOST_TEST(jisr::DictionaryTable::open(path, 42) == nullptr);  // truncated
  BOOST_TEST(jisr::DictionaryTable::open(dir / "missing", 42) == nullptr);
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(dictionary_cache_is_built_once_and_rebuilt_when_stale_or_corrupt) {
  const auto dir = fresh_dir("cache");
  const auto forward = dir / "ara-eng.tsv", reverse = dir / "eng-ara.tsv", cache = dir / "cache";
  write_file(forward, "كتاب\tbook\n");
  write_file(reverse, "بيت\thouse\n");
  const auto built = jisr::load_arabic_english_dictionary(forward, reverse, cache);
  // One table in the cache folder, named for the builds that can read it.
  std::vector<std::filesystem::path> tables;
  for (const auto& entry : std::filesystem::directory_iterator(cache)) tables.push_back(entry.path());
  BOOST_TEST_REQUIRE(tables.size() == 1U);
  const auto table = tables.front();
  BOOST_TEST(table.extension() == ".table");
  const auto written = std::filesystem::last_write_time(table);
  const auto cached = jisr::load_arabic_english_dictionary(forward, reverse, cache);
  BOOST_TEST((std::filesystem::last_write_time(table) == written));  // read, not rebuilt
  for (const char* w : {"كتاب", "بيت", "قلم"}) BOOST_TEST(strings(cached->lookup(w)) == strings(built->lookup(w)));
  // A changed source file makes the cache stale.
  write_file(forward, "كتاب\tbook\nقلم\tpen\n");
  BOOST_TEST(strings(jisr::load_arabic_english_dictionary(forward, reverse, cache)->lookup("قلم")) ==
             std::vector<std::string>{"pen"});
  // A damaged cache is rebuilt.
  write_file(table, "jisrdic1 and then garbage");
  BOOST_TEST(strings(jisr::load_arabic_english_dictionary(forward, reverse, cache)->lookup("قلم")) ==
             std::vector<std::string>{"pen"});
  BOOST_TEST(jisr::DictionaryTable::open(table, 0) == nullptr);  // rewritten whole, under its own key
  BOOST_TEST(std::filesystem::file_size(table) > 48U);
  // Rebuilt in place: still the one table.
  BOOST_TEST(std::distance(std::filesystem::directory_iterator(cache), std::filesystem::directory_iterator{}) == 1);
  // A cache folder that cannot be made is no cache.
  write_file(dir / "file", "");
  BOOST_TEST(strings(jisr::load_arabic_english_dictionary(forward, reverse, dir / "file" / "sub")->lookup("بيت")) ==
             std::vector<std::string>{"house"});
  std::filesystem::remove_all(dir);
}

// A page's time stamp (stamps.hpp): a clock time and a date, nothing else.
bool stamp(const AnchorExtractor& e, std::string_view text) {
  std::vector<AnchorType> types;
  for (const AnchorKey& k : e.find(text)) types.push_back(k.type);
  return jisr::is_time_stamp(text, types);
}

BOOST_AUTO_TEST_CASE(a_date_with_a_clock_time_and_nothing_else_is_a_time_stamp) {
  BOOST_TEST(stamp(english(), "Saturday, 22 April 2023 10:37"));
  BOOST_TEST(stamp(english(), "Tuesday 9 January 2024, 08:05:59"));
  BOOST_TEST(stamp(arabic(), "السبت، ٢٢ نيسان ٢٠٢٣ ١٠:٣٧"));
  BOOST_TEST(stamp(arabic(), "٣ تشرين الثاني ٢٠٢٤ - 14:20"));
  // A dateline holds no clock time; a sentence with a time holds more
  // than a date; a verse reference holds no date.
  BOOST_TEST(!stamp(english(), "Saturday, 22 April 2023"));
  BOOST_TEST(!stamp(english(), "July 25, 2018"));
  BOOST_TEST(!stamp(arabic(), "غازي عنتاب – ٢٢ نيسان ٢٠٢٣"));
  BOOST_TEST(!stamp(english(), "Talks in Geneva began at 10:30 on 5 May 2023."));
  BOOST_TEST(!stamp(english(), "2:255"));
  BOOST_TEST(!stamp(english(), "Saturday, 22 April 2023 10:3"));
  BOOST_TEST(!stamp(english(), "Saturday, 22 April 2023 10: 37"));
}

BOOST_AUTO_TEST_CASE(key_ids_name_the_keys_find_gives_and_survive_a_forgotten_table) {
  // A dictionary that gives two words of the sentence the same translation:
  // the w: key counts once a call, and again in the next call.
  jisr::Dictionary d;
  d.add_tsv("كتاب\tbook\nمجلد\tbook\n", "test");
  AnchorOptions o;
  o.lang = "ar";
  o.dictionary = &d;
  const AnchorExtractor e(o);
  const std::vector<std::string> sentences = {"كتاب ومجلد في دمشق عام ٢٠٢٥؟", "زار (المدير) حلب في تموز",
                                              "كتاب ومجلد في دمشق عام ٢٠٢٥؟"};
  auto texts = [&](const std::vector<std::uint32_t>& ids, std::size_t from) {
    std::vector<AnchorKey> out;
    for (std::size_t k = from; k < ids.size(); ++k) out.push_back(e.key(ids[k]));
    return out;
  };
  std::vector<std::uint32_t> ids{};
  for (const std::string& s : sentences) {
    const std::size_t from = ids.size();
    e.find_ids(s, ids);  // appends
    const auto expected = e.find(s);
    BOOST_TEST((texts(ids, from) == expected));
    BOOST_TEST(std::count(expected.begin(), expected.end(), AnchorKey{"w:book", AnchorType::word}) <= 1);
    for (const std::uint32_t id : ids) BOOST_TEST(id < e.key_count());
  }
  BOOST_TEST(has(e, sentences[0], "w:book"));
  // The ids of the first and third (equal) sentences are equal.
  std::vector<std::uint32_t> first, third;
  e.find_ids(sentences[0], first);
  e.find_ids(sentences[2], third);
  BOOST_TEST(first == third);
  // A table under its limit is kept; over it, emptied, and the keys found
  // again are the same.
  const std::size_t count = e.key_count();
  e.forget_keys(count);
  BOOST_TEST(e.key_count() == count);
  e.forget_keys(0);
  BOOST_TEST(e.key_count() == 0U);
  std::vector<std::uint32_t> again;
  e.find_ids(sentences[1], again);
  BOOST_TEST((texts(again, 0) == e.find(sentences[1])));
}

BOOST_AUTO_TEST_CASE(the_preposition_before_an_article_keeps_the_article_s_entry) {
  // للعراق is ل + العراق with the article's alif dropped: the country's
  // entry, written with its article, is met all the same.
  const auto with_article = keys(arabic(), "العراق", AnchorType::lexicon);
  BOOST_REQUIRE(with_article.size() == 1U);
  BOOST_TEST(keys(arabic(), "دعم للعراق", AnchorType::lexicon) == with_article);
  BOOST_TEST(keys(arabic(), "سفير الأردن", AnchorType::lexicon) == keys(arabic(), "سفير للأردن", AnchorType::lexicon));
}

BOOST_AUTO_TEST_CASE(a_word_gives_the_same_keys_wherever_it_is_met_again) {
  // The extractor remembers each word; a phrase still takes precedence.
  const AnchorExtractor e = extractor("en");
  const auto alone = e.find("Kingdom talks began in Geneva.");
  const auto again = e.find("Kingdom talks began in Geneva.");
  BOOST_TEST(alone == again);
  BOOST_TEST(has(e, "The United Kingdom talks began in Geneva.", "latin:talks"));
  BOOST_TEST(!has(e, "The United Kingdom talks began in Geneva.", "latin:kingdom"));  // in the phrase
  BOOST_TEST(has(e, "Kingdom talks began in Geneva.", "latin:kingdom"));
  BOOST_TEST(keys(e, "The United Kingdom talks began in Geneva.", AnchorType::lexicon).size() == 1U);
  BOOST_TEST(keys(e, "Kingdom talks began in Geneva.", AnchorType::lexicon).empty());
}

BOOST_AUTO_TEST_SUITE_END()
