// Tests of the front door (jisr/aligner.hpp) through public headers only:
// finding models, opening an Aligner once and using it from many threads.
#define BOOST_TEST_MODULE front_door
#include "jisr/aligner.hpp"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"
#include "jisr/text.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

// Document pairs made from the bundled example: the whole pair and pairs of
// its paragraphs cut at different points, so the threads align different
// inputs with numbers, names and dates in them.
struct Pair {
  std::string ar, en;
};

std::vector<Pair> example_pairs() {
  const std::string ar = jisr::load_text((jisr::test::examples_dir() / "press.ar.txt").string());
  const std::string en = jisr::load_text((jisr::test::examples_dir() / "press.en.txt").string());
  std::vector<Pair> pairs{{ar, en}};
  for (std::size_t cut = 1; cut <= 6; ++cut) {
    auto paragraphs_from = [cut](const std::string& text) {
      std::size_t at = 0;
      for (std::size_t k = 0; k < cut && at != std::string::npos; ++k) {
        at = text.find("\n\n", at);
        if (at != std::string::npos) at += 2;
      }
      return at == std::string::npos ? text : text.substr(at);
    };
    pairs.push_back({paragraphs_from(ar), paragraphs_from(en)});
    pairs.push_back({ar, paragraphs_from(en)});
  }
  return pairs;
}

jisr::Aligner open_bundled() {
  jisr::OpenOptions options;
  options.models_dir = jisr::test::models_dir();
  return jisr::Aligner::open((jisr::test::models_dir() / "ar-en.json").string(), options);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(front_door)

BOOST_AUTO_TEST_CASE(models_are_found_through_jisr_models) {
  ::setenv("JISR_MODELS", jisr::test::models_dir().c_str(), 1);
  BOOST_TEST(jisr::find_models_dir() == jisr::test::models_dir());
  BOOST_TEST(jisr::find_model("ar-en") == jisr::test::models_dir() / "ar-en.json");
  const jisr::Aligner aligner = jisr::Aligner::open("generic");
  BOOST_TEST(aligner.model().name == "generic");
  BOOST_TEST(aligner.rules_dir() == jisr::test::models_dir() / "split");
  try {
    (void)jisr::find_model("no-such-model");
    BOOST_FAIL("an unknown model name was accepted");
  } catch (const jisr::ModelError& e) {
    BOOST_TEST(std::string(e.what()).find("JISR_MODELS") != std::string::npos);
  }
  ::unsetenv("JISR_MODELS");
}

BOOST_AUTO_TEST_CASE(a_pair_of_languages_names_its_model_or_the_generic_one) {
  ::setenv("JISR_MODELS", jisr::test::models_dir().c_str(), 1);
  BOOST_TEST(jisr::model_for_languages("ar", "en") == "ar-en");
  // Region subtags and case do not matter; the language subtag does.
  BOOST_TEST(jisr::model_for_languages("ar-SY", "EN-us") == "ar-en");
  // The ar-en model reads Arabic on the left: the other way round, and any
  // pair without its own model, takes the generic model.
  BOOST_TEST(jisr::model_for_languages("en", "ar") == "generic");
  BOOST_TEST(jisr::model_for_languages("de", "fr") == "generic");
  BOOST_TEST(jisr::model_for_languages("not a tag", "en") == "generic");
  // A model installed under a pair's name is found by it.
  const fs::path dir = fs::temp_directory_path() / "jisr-front-door-models";
  fs::create_directories(dir);
  fs::copy_file(jisr::test::models_dir() / "generic.json", dir / "de-fr.json", fs::copy_options::overwrite_existing);
  ::setenv("JISR_MODELS", dir.c_str(), 1);
  BOOST_TEST(jisr::model_for_languages("de", "fr") == "de-fr");
  BOOST_TEST(jisr::model_for_languages("ar", "en") == "generic");
  ::unsetenv("JISR_MODELS");
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(split_uses_the_installed_rules) {
  // "Dr." is in models/split/en.abbrev: with the rules it does not end a
  // sentence, which plain ICU would make it do.
  const jisr::Aligner aligner = open_bundled();
  const jisr::Document doc = aligner.split("We met Dr. Smith in Idlib. He left.", "en");
  BOOST_TEST(doc.sentences.size() == 2u);
  const jisr::Document lines = aligner.split("One.\nTwo three\n\nFour.", "en", "x", {.presplit = true});
  BOOST_TEST(lines.sentences.size() == 3u);
  BOOST_TEST(lines.name == "x");
}

BOOST_AUTO_TEST_CASE(one_aligner_from_four_threads_gives_the_beads_of_one_thread) {
  const jisr::Aligner aligner = open_bundled();
  const std::vector<Pair> pairs = example_pairs();
  auto align_pair = [&](const Pair& p) {
    return aligner.align(aligner.split(p.ar, "ar"), aligner.split(p.en, "en"));
  };
  std::vector<jisr::Alignment> one;
  for (const Pair& p : pairs) one.push_back(align_pair(p));
  // Each thread aligns every pair, starting at a different one, so the
  // same pairs are aligned at the same time on different threads.
  std::vector<std::vector<jisr::Alignment>> many(4, std::vector<jisr::Alignment>(pairs.size()));
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (std::size_t k = 0; k < pairs.size(); ++k) {
          const std::size_t i = (k + t * 3) % pairs.size();
          many[t][i] = align_pair(pairs[i]);
        }
      });
  }
  for (std::size_t t = 0; t < 4; ++t)
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      BOOST_TEST(many[t][i] == one[i], "thread " << t << ", pair " << i);
      for (std::size_t b = 0; b < one[i].size() && b < many[t][i].size(); ++b)
        BOOST_TEST(many[t][i][b].score == one[i][b].score);
    }
  // The whole pair carries anchors: the test is not vacuous.
  BOOST_TEST(!aligner.anchors(aligner.split(pairs[0].ar, "ar"), aligner.split(pairs[0].en, "en")).keys.empty());
}

BOOST_AUTO_TEST_CASE(anchors_of_a_sentence_on_either_side) {
  const jisr::Aligner aligner = open_bundled();
  const auto ar = aligner.anchors("بلغ العدد ٣٬٧٥٠ في تموز", "ar", true);
  const auto en = aligner.anchors("The number reached 3,750 in July", "en", false);
  auto has = [](const std::vector<jisr::AnchorKey>& keys, const std::string& key) {
    for (const auto& k : keys)
      if (k.key == key) return true;
    return false;
  };
  BOOST_TEST(has(ar, "num:3750"));
  BOOST_TEST(has(en, "num:3750"));
}

BOOST_AUTO_TEST_SUITE_END()
