// Tests of the whole pipeline (jisr/pipeline.hpp) on the bundled example:
// examples/press.ar.txt and examples/press.en.txt, split with the bundled
// rules and aligned with the bundled ar-en model, must give the beads of
// examples/press.gold, which were set by reading the two texts.
#define BOOST_TEST_MODULE pipeline
#include "jisr/pipeline.hpp"

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "jisr/model.hpp"
#include "jisr/output.hpp"
#include "jisr/split.hpp"
#include "jisr/text.hpp"

namespace fs = std::filesystem;
using jisr::Document;

namespace {

const fs::path kModels = JISR_MODELS_DIR;
const fs::path kExamples = fs::path(JISR_MODELS_DIR).parent_path() / "examples";

Document split_example(const std::string& lang) {
  jisr::SplitOptions o;
  o.lang = lang;
  o.rules_dir = kModels / "split";
  const jisr::SentenceSplitter splitter(o);
  Document d;
  d.name = (kExamples / ("press." + lang + ".txt")).string();
  d.lang = lang;
  d.sentences = splitter.split(jisr::load_text(d.name));
  return d;
}

std::vector<std::string> gold_lines() {
  std::istringstream in(jisr::load_text((kExamples / "press.gold").string()));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pipeline)

BOOST_AUTO_TEST_CASE(press_example_splits_into_the_sentences_the_gold_counts) {
  // Arabic: heading, title, then one sentence per paragraph except the
  // fourth (two). English: title, dateline, and nine sentences in all.
  const Document ar = split_example("ar");
  const Document en = split_example("en");
  BOOST_TEST(ar.sentences.size() == 7U);
  BOOST_TEST(en.sentences.size() == 9U);
  BOOST_REQUIRE(en.sentences.size() > 1U);
  BOOST_TEST(en.sentences[1].text == "Monday, 3 March 2025 10:15");
}

BOOST_AUTO_TEST_CASE(press_example_aligns_to_the_gold_beads) {
  const Document ar = split_example("ar");
  const Document en = split_example("en");
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  const jisr::Alignment alignment = jisr::align_documents(model, ar, en);
  std::vector<std::string> got;
  for (const jisr::Bead& b : alignment) got.push_back(jisr::format_bead(b));
  const std::vector<std::string> expected = gold_lines();
  BOOST_REQUIRE_EQUAL(expected.size(), 9U);
  BOOST_TEST(got == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(document_anchors_hold_one_key_list_per_sentence) {
  const Document ar = split_example("ar");
  const Document en = split_example("en");
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  const jisr::DocumentAnchors a = jisr::find_document_anchors(model, ar, en);
  BOOST_REQUIRE_EQUAL(a.src.size(), ar.sentences.size());
  BOOST_REQUIRE_EQUAL(a.tgt.size(), en.sentences.size());
  // ٤٬٢٠٠ in Arabic sentence 3 and 4,200 in English sentence 3.
  auto has = [&](std::span<const std::uint32_t> ids, const std::string& key) {
    for (const std::uint32_t id : ids)
      if (a.keys.at(id) == key) return true;
    return false;
  };
  BOOST_TEST(has(a.src[3], "num:4200"));
  BOOST_TEST(has(a.tgt[3], "num:4200"));
  // ٣ آذار and March 3 in the first sentence of the body.
  BOOST_TEST(has(a.src[2], "month:3"));
  BOOST_TEST(has(a.tgt[2], "month:3"));
  BOOST_TEST(a.types.size() == a.keys.size());
}

BOOST_AUTO_TEST_CASE(length_only_model_still_covers_every_sentence) {
  const Document ar = split_example("ar");
  const Document en = split_example("en");
  jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  model.use_anchors = false;
  const jisr::Alignment alignment = jisr::align_documents(model, ar, en);
  std::uint32_t i = 0, j = 0;
  for (const jisr::Bead& b : alignment) {
    BOOST_TEST(b.src_begin == i);
    BOOST_TEST(b.tgt_begin == j);
    i = b.src_end;
    j = b.tgt_end;
  }
  BOOST_TEST(i == ar.sentences.size());
  BOOST_TEST(j == en.sentences.size());
}

BOOST_AUTO_TEST_SUITE_END()
