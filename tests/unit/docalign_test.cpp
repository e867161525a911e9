// Tests of jisr docalign's stages (src/docalign): date keys, script
// detection, TF-IDF vectors, candidates from the inverted index, the
// calibration file, the one-to-one assignment, and the whole run on small
// piles written to a temporary folder.
#define BOOST_TEST_MODULE docalign
#include "docalign/docalign.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"

#include "support.hpp"

using namespace jisr;
using namespace jisr::docalign;
namespace fs = std::filesystem;

namespace {

// A pile from key lists, one a document, through a shared vocabulary.
Pile make_pile(Vocabulary& vocabulary, const std::vector<std::vector<std::string>>& docs) {
  Pile p;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    std::map<std::uint32_t, float> counts;
    for (const std::string& k : docs[d]) counts[vocabulary.intern(k)] += 1;
    for (const auto& [id, n] : counts) {
      p.keys.push_back(id);
      p.counts.push_back(n);
    }
    p.begin.push_back(static_cast<std::int64_t>(p.keys.size()));
    p.date_begin.push_back(0);
    p.names.push_back("doc" + std::to_string(d));
    p.length.push_back(100);
  }
  return p;
}

fs::path temp_folder(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("jisr-docalign-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

docalign::Calibration default_calibration() {
  return docalign::Calibration::load(test::models_dir() / "docalign.json");
}

}  // namespace

BOOST_AUTO_TEST_CASE(dates_come_from_one_month_and_few_day_numbers) {
  using T = AnchorType;
  const std::vector<AnchorKey> ar{
      {"num:25", T::number}, {"num:2018", T::number}, {"month:7", T::month}};
  BOOST_TEST(date_keys(ar) == std::vector<std::string>{"date:2018-7-25"});
  const std::vector<AnchorKey> en{{"num:25", T::number}, {"num:2018", T::number},
                                  {"num:16", T::number}, {"num:24", T::number},
                                  {"day:4", T::day},     {"month:7", T::month}};
  BOOST_TEST(date_keys(en) ==
             (std::vector<std::string>{"date:2018-7-16", "date:2018-7-24", "date:2018-7-25"}));
  const std::vector<AnchorKey> no_day{{"month:7", T::month}, {"num:2018", T::number}};
  BOOST_TEST(date_keys(no_day).empty());
  const std::vector<AnchorKey> no_year{{"month:3", T::month}, {"num:4", T::number}};
  BOOST_TEST(date_keys(no_year) == std::vector<std::string>{"date:3-4"});
  const std::vector<AnchorKey> two_months{
      {"month:3", T::month}, {"month:4", T::month}, {"num:4", T::number}};
  BOOST_TEST(date_keys(two_months).empty());
}

BOOST_AUTO_TEST_CASE(script_decides_the_side_of_a_mixed_pile) {
  BOOST_TEST(is_arabic_script("بيان صحفي 2018"));
  BOOST_TEST(!is_arabic_script("Press release, 25 July 2018"));
  BOOST_TEST(!is_arabic_script("Syrian Coalition — الائتلاف"));
}

BOOST_AUTO_TEST_CASE(vectors_keep_shared_keys_and_are_normalised) {
  Vocabulary v;
  const Pile src = make_pile(v, {{"num:1", "num:1", "name:x", "only:src"}, {"num:2"}});
  const Pile tgt = make_pile(v, {{"num:1", "name:x"}, {"num:2", "only:tgt"}});
  const Vectors vec = make_vectors(src, tgt, v.size());
  BOOST_TEST(vec.idf[v.intern("only:src")] == 0.0f);
  BOOST_TEST(vec.src.row(0).nonZeros() == 2);
  BOOST_TEST(std::abs(vec.src.row(0).squaredNorm() - 1.0f) < 1e-5f);
  BOOST_TEST(cosine(vec, 1, 1) > 0.99f);
  BOOST_TEST(cosine(vec, 0, 1) == 0.0f);
  BOOST_TEST(cosine(vec, 0, 0) > cosine(vec, 1, 0));
}

BOOST_AUTO_TEST_CASE(candidates_come_from_rare_keys_not_all_pairs) {
  Vocabulary v;
  std::vector<std::vector<std::string>> a, b;
  for (int d = 0; d < 200; ++d) {
    a.push_back(
        {"w:common", "w:the", "num:" + std::to_string(1000 + d), "name:n" + std::to_string(d)});
    b.push_back(
        {"w:common", "w:the", "num:" + std::to_string(1000 + d), "name:n" + std::to_string(d)});
  }
  const Pile src = make_pile(v, a), tgt = make_pile(v, b);
  const Vectors vec = make_vectors(src, tgt, v.size());
  IndexOptions o;
  o.max_df = 10;  // "w:common" is in every document: never indexed
  const std::vector<Candidate> c = find_candidates(vec, o);
  BOOST_TEST(c.size() == 200u);
  for (std::size_t i = 0; i < c.size(); ++i)
    BOOST_TEST((c[i] == Candidate{uint32_t(i), uint32_t(i)}));
}

BOOST_AUTO_TEST_CASE(assignment_is_one_to_one_and_greedy_by_probability) {
  auto pair = [](std::uint32_t s, std::uint32_t t, double p) {
    ScoredPair sp;
    sp.pair = {s, t};
    sp.probability = p;
    return sp;
  };
  const std::vector<ScoredPair> kept = assign(
      {pair(0, 0, 0.9), pair(0, 1, 0.95), pair(1, 1, 0.8), pair(2, 2, 0.3), pair(1, 0, 0.7)}, 0.5);
  BOOST_TEST_REQUIRE(kept.size() == 2u);
  BOOST_TEST((kept[0].pair == Candidate{0, 1}));
  BOOST_TEST((kept[1].pair == Candidate{1, 0}));
}

BOOST_AUTO_TEST_CASE(calibration_is_read_and_checked) {
  const docalign::Calibration c = default_calibration();
  PairFeatures strong, weak;
  strong.cosine = 0.8f;
  strong.margin_src = strong.margin_tgt = 0.6f;
  strong.log_length_ratio = static_cast<float>(c.length_log_ratio);
  weak.cosine = 0.1f;
  weak.margin_src = weak.margin_tgt = -0.2f;
  weak.log_length_ratio = 1.5f;
  BOOST_TEST(c.probability(strong) > 0.9);
  BOOST_TEST(c.probability(weak) < 0.1);
  const fs::path dir = temp_folder("calibration");
  write(dir / "bad.json",
        R"({"features": ["cosine"], "length_log_ratio": 0, "bias": 0, "weights": [1]})");
  BOOST_CHECK_EXCEPTION((void)docalign::Calibration::load(dir / "bad.json"), ModelError,
                        [](const ModelError& e) {
                          return std::string(e.what()).find("bad.json") != std::string::npos;
                        });
  BOOST_CHECK_THROW((void)docalign::Calibration::load(dir / "missing.json"), ModelError);
}

BOOST_AUTO_TEST_CASE(piles_pair_the_translation_and_skip_bad_files) {
  const Aligner aligner = Aligner::open("ar-en");
  const fs::path dir = temp_folder("piles");
  fs::create_directories(dir / "ar");
  fs::create_directories(dir / "en");
  fs::copy_file(test::examples_dir() / "press.ar.txt", dir / "ar" / "a1.txt");
  fs::copy_file(test::examples_dir() / "press.en.txt", dir / "en" / "e1.txt");
  write(
      dir / "ar" / "a2.txt",
      "قال وزير الزراعة إن محصول القمح بلغ 4,250,000 طن في عام 1997، وإن الأمطار في تشرين الثاني كانت غزيرة.\n");
  write(dir / "en" / "e2.txt", "The football club signed 3 players on 9 March 2021 in Lisbon.\n");
  write(dir / "ar" / "bad.txt", std::string("\xff\xfe\x00", 3));
  const std::vector<std::string> ar = list_pile((dir / "ar").string());
  const std::vector<std::string> en = list_pile((dir / "en").string());
  BOOST_TEST(ar.size() == 3u);
  const Result r = align_piles(aligner, ar, en, default_calibration(), Options{});
  BOOST_TEST_REQUIRE(r.skipped.size() == 1u);
  BOOST_TEST(r.skipped[0].name.ends_with("bad.txt"));
  BOOST_TEST_REQUIRE(r.pairs.size() == 1u);
  BOOST_TEST(r.src.names[r.pairs[0].pair.src].ends_with("a1.txt"));
  BOOST_TEST(r.tgt.names[r.pairs[0].pair.tgt].ends_with("e1.txt"));
  BOOST_TEST(r.pairs[0].probability > 0.5);
  BOOST_TEST(r.unmatched_src.size() == 1u);
  BOOST_TEST(r.unmatched_tgt.size() == 1u);
  BOOST_TEST(!shared_keys(r, r.pairs[0].pair).empty());
}

BOOST_AUTO_TEST_CASE(an_empty_pile_is_an_error) {
  const Aligner aligner = Aligner::open("ar-en");
  const fs::path dir = temp_folder("empty");
  fs::create_directories(dir / "ar");
  write(dir / "en.txt", "Some text.\n");
  BOOST_CHECK_EXCEPTION(
      (void)align_piles(aligner, list_pile((dir / "ar").string()), {(dir / "en.txt").string()},
                        default_calibration(), Options{}),
      InputError, [](const InputError& e) {
        return std::string(e.what()).find("pile is empty") != std::string::npos;
      });
  BOOST_CHECK_THROW((void)list_pile((dir / "nothing").string()), InputError);
}
