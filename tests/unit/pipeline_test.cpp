// Tests of the whole pipeline (jisr/pipeline.hpp) on the bundled example:
// examples/press.ar.txt and examples/press.en.txt, split with the bundled
// rules and aligned with the bundled ar-en model, must give the beads of
// examples/press.gold, which were set by reading the two texts.
#define BOOST_TEST_MODULE pipeline
#include "align/pipeline.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "jisr/error.hpp"
#include "jisr/model.hpp"
#include "align/refine.hpp"
#include "align/score.hpp"
#include "evidence/clauses.hpp"
#include "evidence/extractors.hpp"
#include "evidence/stamps.hpp"
#include "jisr/formats.hpp"
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

// The text of refined pair k: its part of the one sentence `one`.
std::string_view part_text(const std::string& one, const jisr::RefinedAlignment& refined, std::size_t k) {
  const jisr::ByteRange r = refined.parts[k].range;
  return std::string_view(one).substr(r.begin, r.end - r.begin);
}

// The two Arabic sentences of a many-to-one bead (English joined) of the
// refinement tests, refined with `en_splitter` judging the English stops.
jisr::RefinedAlignment refine_two_to_one(const Document& ar, const Document& en,
                                         const jisr::SentenceSplitter* en_splitter = nullptr) {
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  const jisr::Alignment alignment{jisr::Bead{0, 2, 0, 1}};
  return jisr::refine_alignment(model, ar, en, alignment, nullptr, en_splitter);
}

// A document of the given sentences, one paragraph.
Document doc(const std::string& lang, std::vector<std::string> lines) {
  Document d;
  d.name = lang;
  d.lang = lang;
  for (std::string& line : lines) d.sentences.push_back(jisr::Sentence{std::move(line), {}, 0});
  return d;
}

// A lexicon of one entry, the Syrian Coalition's name: in the header
// tests below, the header lines then share no lexicon word but the name
// (no `بيان صحفي` = `Press release`), as in a release whose words the
// shipped lexicon lacks. Written once to the temporary folder.
fs::path name_only_lexicon() {
  static const fs::path path = [] {
    const fs::path p = fs::temp_directory_path() /
                       ("jisr-pipeline-test-lexicon-" + std::to_string(std::random_device{}()) + ".tsv");
    std::ofstream(p) << "الائتلاف الوطني\tSyrian Coalition|National Coalition\n";
    return p;
  }();
  return path;
}

// The beads align_documents gives, written as in a beads file ("[0]:[1,2]").
std::vector<std::string> bead_strings(const jisr::Model& model, const Document& src, const Document& tgt) {
  std::vector<std::string> out;
  for (const jisr::Bead& b : jisr::align_documents(model, src, tgt)) out.push_back(jisr::format_bead(b));
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

BOOST_AUTO_TEST_CASE(an_edge_costs_what_its_cheapest_one_sentence_move_adds) {
  // The example's gold beads, priced by a length-and-prior scorer; then the
  // same with the second English sentence of the 1-2 bead moved into the
  // next bead, where moving it back restores the gold.
  const Document ar = split_example("ar"), en = split_example("en");
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  const jisr::BeadScorer scorer(model, ar.sentences, en.sentences);
  const auto priced = [&](std::vector<jisr::Bead> beads) {
    for (jisr::Bead& b : beads)
      b.cost = scorer.cost(b.src_begin, static_cast<int>(b.src_size()), b.tgt_begin, static_cast<int>(b.tgt_size()));
    return beads;
  };
  const jisr::Alignment gold = priced({{0, 1, 0, 0}, {1, 2, 0, 1}, {2, 2, 1, 2}, {2, 3, 2, 3}, {3, 4, 3, 5},
                                       {4, 5, 5, 6}, {5, 6, 6, 7}, {6, 7, 7, 8}, {7, 7, 8, 9}});
  // Every move of every edge, priced in full.
  const auto brute = [&](const jisr::Alignment& a, std::size_t k) {
    const jisr::Bead &l = a[k], &r = a[k + 1];
    double best = jisr::kBoundaryCap;
    for (const auto& [di, dj] : {std::pair{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
      const int i = static_cast<int>(l.src_end) + di, j = static_cast<int>(l.tgt_end) + dj;
      if (i < static_cast<int>(l.src_begin) || i > static_cast<int>(r.src_end) || j < static_cast<int>(l.tgt_begin) ||
          j > static_cast<int>(r.tgt_end))
        continue;
      const int la = i - static_cast<int>(l.src_begin), lb = j - static_cast<int>(l.tgt_begin);
      const int ra = static_cast<int>(r.src_end) - i, rb = static_cast<int>(r.tgt_end) - j;
      if (la + lb == 0 || ra + rb == 0) continue;
      best = std::min(best, scorer.cost(l.src_begin, la, l.tgt_begin, lb) +
                                scorer.cost(static_cast<std::uint32_t>(i), ra, static_cast<std::uint32_t>(j), rb) -
                                l.cost - r.cost);
    }
    return best;
  };
  for (std::size_t k = 0; k + 1 < gold.size(); ++k)
    BOOST_TEST(jisr::edge_cost(scorer, gold, k, jisr::kBoundaryCap) == brute(gold, k),
               boost::test_tools::tolerance(1e-9));
  jisr::Alignment filled = gold;
  jisr::fill_boundaries(scorer, filled, 2);
  for (std::size_t k = 0; k < filled.size(); ++k) {
    double least = jisr::kBoundaryCap;
    if (k > 0) least = std::min(least, brute(gold, k - 1));
    if (k + 1 < gold.size()) least = std::min(least, brute(gold, k));
    BOOST_TEST(filled[k].costs.boundary == std::max(least, -jisr::kBoundaryCap), boost::test_tools::tolerance(1e-4));
  }
  // The gold is cheaper than the moved alignment: its edge says so.
  jisr::Alignment moved = gold;
  moved[4] = {3, 4, 3, 4};
  moved[5] = {4, 5, 4, 6};
  moved = priced(moved);
  BOOST_TEST(jisr::edge_cost(scorer, moved, 4, jisr::kBoundaryCap) < 0.0);
  BOOST_TEST(jisr::edge_cost(scorer, gold, 4, jisr::kBoundaryCap) > 0.0);
}

BOOST_AUTO_TEST_CASE(a_long_document_aligns_as_its_parts_do) {
  // The example 600 times over: 4,200 Arabic and 5,400 English sentences, a
  // long document, whose first search looks for the path with small beads
  // only (pipeline.cpp) before the second allows every bead type. Its pairs
  // are the example's, copy after copy (unpaired lines where two copies
  // meet may come in either order).
  const Document ar = split_example("ar"), en = split_example("en");
  Document long_ar = ar, long_en = en;
  constexpr int kCopies = 600;
  for (int copy = 1; copy < kCopies; ++copy) {
    long_ar.sentences.insert(long_ar.sentences.end(), ar.sentences.begin(), ar.sentences.end());
    long_en.sentences.insert(long_en.sentences.end(), en.sentences.begin(), en.sentences.end());
  }
  BOOST_REQUIRE_GE(long_ar.sentences.size(), 4000U);
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  std::vector<std::string> expected;
  const auto n_ar = static_cast<std::uint32_t>(ar.sentences.size());
  const auto n_en = static_cast<std::uint32_t>(en.sentences.size());
  const jisr::Alignment one = jisr::align_documents(model, ar, en);
  for (std::uint32_t copy = 0; copy < kCopies; ++copy)
    for (jisr::Bead b : one) {
      if (!b.is_pair()) continue;
      b.src_begin += copy * n_ar;
      b.src_end += copy * n_ar;
      b.tgt_begin += copy * n_en;
      b.tgt_end += copy * n_en;
      expected.push_back(jisr::format_bead(b));
    }
  jisr::AlignOptions options;
  options.threads = 2;
  std::vector<std::string> got;
  for (const jisr::Bead& b : jisr::align_documents(model, long_ar, long_en, options))
    if (b.is_pair()) got.push_back(jisr::format_bead(b));
  BOOST_REQUIRE_EQUAL(got.size(), expected.size());
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

BOOST_AUTO_TEST_CASE(a_common_word_that_opens_a_sentence_is_no_name) {
  // `Cholera` opens an English sentence and `cholera` is written in lower
  // case in another: the capital is the sentence's, and the word's
  // skeleton must not meet the Arabic كوليرا as a name would. `Idlib` opens
  // one too and is never written in lower case: it stays a name.
  const Document ar = doc("ar", {"سجلت مديرية الصحة ١٢٠ إصابة بالكوليرا في إدلب.",
                                 "الكوليرا عدوى تنتقل عبر المياه الملوثة.", "إدلب تستقبل النازحين."});
  const Document en = doc("en", {"The health directorate recorded 120 cases of cholera in Idlib.",
                                 "Cholera is an infection spread through contaminated water.",
                                 "Idlib hosts the displaced."});
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  const jisr::DocumentAnchors a = jisr::find_document_anchors(model, ar, en);
  auto names = [&](std::span<const std::uint32_t> ids) {
    return std::count_if(ids.begin(), ids.end(), [&](std::uint32_t id) { return a.types.at(id) == jisr::AnchorType::name; });
  };
  auto latin = [&](std::span<const std::uint32_t> ids, const std::string& key) {
    return std::any_of(ids.begin(), ids.end(), [&](std::uint32_t id) { return a.keys.at(id) == key; });
  };
  BOOST_TEST(names(a.tgt[1]) == 0);
  BOOST_TEST(latin(a.tgt[1], "latin:cholera"));  // the word itself stays
  BOOST_TEST(names(a.tgt[2]) == 1);
  BOOST_TEST(names(a.tgt[0]) >= 1);  // Idlib inside the sentence
  // Every id is held by some sentence, and the table has no other keys.
  std::vector<bool> held(a.keys.size(), false);
  for (const jisr::SideKeys* side : {&a.src, &a.tgt})
    for (const std::uint32_t id : side->ids) held.at(id) = true;
  BOOST_TEST(std::count(held.begin(), held.end(), false) == 0);
}

BOOST_AUTO_TEST_CASE(an_acronym_holds_the_keys_of_the_words_it_stands_for) {
  // The English page names its organisation by an acronym in its header
  // and defines it in its text; a header line `PLMR` then has the keys of
  // `Pulse of Life Medical Relief`. A hyphened compound gives one initial
  // (`Al-Bab`: A). Brackets whose letters the words before them do not
  // spell define nothing.
  const Document ar = doc("ar", {"جمعية نبض الحياة للإغاثة الطبية", "لجنة الباب للشفافية",
                                 "افتتحت الجمعية مركزاً في الباب.", "وقالت اللجنة إن المركز يعمل.",
                                 "وحضر ممثلون عن الولايات المتحدة."});
  const Document en = doc("en", {"PLMR", "ATC",
                                 "The Pulse of Life Medical Relief (PLMR) opened a centre in al-Bab.",
                                 "The Al-Bab Transparency Committee (ATC) said the centre works.",
                                 "Envoys of the United States (UN) attended."});
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  const jisr::DocumentAnchors a = jisr::find_document_anchors(model, ar, en);
  auto has = [&](std::span<const std::uint32_t> ids, const std::string& key) {
    return std::any_of(ids.begin(), ids.end(), [&](std::uint32_t id) { return a.keys.at(id) == key; });
  };
  BOOST_TEST(has(a.tgt[0], "latin:plmr"));
  BOOST_TEST(has(a.tgt[0], "w:pulse"));
  BOOST_TEST(has(a.tgt[0], "w:relie"));
  BOOST_TEST(!has(a.tgt[0], "w:the"));  // function words stand for no letter
  BOOST_TEST(has(a.tgt[1], "w:trans"));
  BOOST_TEST(has(a.tgt[1], "w:commi"));
  BOOST_TEST(!has(a.tgt[4], "w:pulse"));
  // `(UN)` after `United States` is no definition: a sentence with `UN`
  // alone would gain nothing.
  const Document en2 = doc("en", {"UN", "Envoys of the United States (UN) attended."});
  const Document ar2 = doc("ar", {"الأمم المتحدة", "وحضر ممثلون عن الولايات المتحدة."});
  const jisr::DocumentAnchors b = jisr::find_document_anchors(model, ar2, en2);
  BOOST_TEST(b.tgt[0].size() == 1U);
  // The defining sentence keeps its keys once.
  std::vector<std::uint32_t> own(a.tgt[2].begin(), a.tgt[2].end());
  std::sort(own.begin(), own.end());
  BOOST_TEST((std::adjacent_find(own.begin(), own.end()) == own.end()));
}

BOOST_AUTO_TEST_CASE(document_anchors_equal_the_interned_keys_of_each_sentence_and_clause) {
  // find_document_anchors takes key ids from the extractors' tables; the
  // result must be what interning each sentence's keys (found clause by
  // clause where the model cuts clauses) gives, ids in the same order. The
  // example is repeated so that it spans several chunks of sentences.
  Document ar = split_example("ar"), en = split_example("en");
  const std::size_t n_ar = ar.sentences.size(), n_en = en.sentences.size();
  for (int copy = 0; copy < 400; ++copy) {
    for (std::size_t k = 0; k < n_ar; ++k) ar.sentences.push_back(ar.sentences[k]);
    for (std::size_t k = 0; k < n_en; ++k) en.sentences.push_back(en.sentences[k]);
  }
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  BOOST_REQUIRE(jisr::uses_clauses(model));
  jisr::DocumentClauses clauses;
  const jisr::DocumentAnchors got = jisr::find_document_anchors(model, ar, en, 2, &clauses);

  auto side = [&](const Document& doc, bool is_src) {
    const jisr::AnchorExtractor extractor(jisr::detail::side_options(model, doc.lang, is_src));
    // The scorer cuts only where its rules are scored (English rules serve
    // refinement alone).
    const jisr::ClauseRules* rules = jisr::scored_clause_rules(model, doc.lang);
    std::vector<std::vector<jisr::AnchorKey>> out;
    jisr::SideClauses recorded;
    std::size_t multi = 0, stamps = 0;
    // Per sentence, the name key and the word of a capitalised word that
    // opens it; the words written in lower case anywhere.
    std::vector<std::pair<std::string, std::string>> openings;
    std::set<std::string> lower_case;
    auto note_case = [&](bool first) {
      const jisr::AnchorExtractor::CaseSeen seen = extractor.case_seen();
      if (first && seen.opening_name != jisr::AnchorExtractor::kNoKey)
        openings.back() = {extractor.key(seen.opening_name).key, extractor.key(seen.opening_word).key};
      for (const std::uint32_t id : seen.lower_case) lower_case.insert(extractor.key(id).key);
    };
    for (const jisr::Sentence& s : doc.sentences) {
      std::vector<jisr::AnchorKey> keys;
      openings.emplace_back();
      const auto spans =
          rules == nullptr ? std::vector<std::pair<std::size_t, std::size_t>>{} : jisr::cut_clauses(s.text, *rules);
      if (spans.size() < 2) {
        keys = extractor.find(s.text);
        note_case(true);
      } else {
        ++multi;
        for (const auto& [from, to] : spans) {
          const std::string_view clause = std::string_view(s.text).substr(from, to - from);
          for (jisr::AnchorKey& k : extractor.find(clause)) keys.push_back(std::move(k));
          note_case(from == 0);
          recorded.key_end.push_back(static_cast<std::uint32_t>(keys.size()));
          recorded.length.push_back(jisr::alignment_length(clause));
        }
      }
      // A page's time stamp keeps no keys (stamps.hpp).
      std::vector<jisr::AnchorType> types;
      for (const jisr::AnchorKey& k : keys) types.push_back(k.type);
      if (jisr::is_time_stamp(s.text, types)) {
        ++stamps;
        keys.clear();
        for (std::size_t x = recorded.begin.back(); x < recorded.key_end.size(); ++x) recorded.key_end[x] = 0;
      }
      recorded.begin.push_back(static_cast<std::uint32_t>(recorded.key_end.size()));
      out.push_back(std::move(keys));
    }
    // A capitalised word that opens a sentence and is written in lower
    // case elsewhere loses its name key; the clauses' key ends follow.
    std::size_t dropped = 0;
    for (std::size_t k = 0; k < out.size(); ++k) {
      const auto& [name, word] = openings[k];
      if (name.empty() || !lower_case.contains(word)) continue;
      const auto at = std::find_if(out[k].begin(), out[k].end(), [&](const jisr::AnchorKey& key) { return key.key == name; });
      if (at == out[k].end()) continue;
      const auto p = static_cast<std::uint32_t>(at - out[k].begin());
      out[k].erase(at);
      ++dropped;
      for (std::uint32_t x = recorded.begin[k]; x < recorded.begin[k + 1]; ++x)
        if (recorded.key_end[x] > p) --recorded.key_end[x];
    }
    return std::tuple{out, recorded, multi, stamps, dropped};
  };
  const auto [src_keys, src_clauses, src_multi, src_stamps, src_dropped] = side(ar, true);
  const auto [tgt_keys, tgt_clauses, tgt_multi, tgt_stamps, tgt_dropped] = side(en, false);
  BOOST_TEST(src_dropped == 0U);  // Arabic has no case
  BOOST_TEST(tgt_dropped > 0U, "tgt_dropped " << tgt_dropped);
  BOOST_TEST(src_multi > 0U);  // the example has sentences of several clauses
  BOOST_TEST(tgt_stamps == 401U);  // and an English time stamp in each copy
  jisr::DocumentAnchors expected = jisr::intern_anchors(src_keys, tgt_keys);
  jisr::match_names(expected);
  BOOST_TEST(got.keys == expected.keys, boost::test_tools::per_element());
  BOOST_TEST((got.types == expected.types));
  BOOST_TEST(got.src.ids == expected.src.ids, boost::test_tools::per_element());
  BOOST_TEST(got.src.begin == expected.src.begin, boost::test_tools::per_element());
  BOOST_TEST(got.tgt.ids == expected.tgt.ids, boost::test_tools::per_element());
  BOOST_TEST(got.tgt.begin == expected.tgt.begin, boost::test_tools::per_element());
  BOOST_TEST(clauses.src.begin == src_clauses.begin, boost::test_tools::per_element());
  BOOST_TEST(clauses.src.key_end == src_clauses.key_end, boost::test_tools::per_element());
  BOOST_TEST(clauses.src.length == src_clauses.length, boost::test_tools::per_element());
  BOOST_TEST(clauses.tgt.begin == tgt_clauses.begin, boost::test_tools::per_element());
  BOOST_REQUIRE(jisr::clause_rules(model, "en") != nullptr);
  BOOST_TEST(clauses.tgt.key_end.empty());  // English rules are not scored
}

BOOST_AUTO_TEST_CASE(anchor_guide_keeps_the_longest_chain_in_order) {
  // Unique keys pair source 2 with target 3, 7 with 2 (crossing the
  // others), 6 with 8 and 9 with 10; "num:7" is in two source sentences and
  // the dictionary word and punctuation do not guide.
  using K = jisr::AnchorKey;
  using T = jisr::AnchorType;
  std::vector<std::vector<K>> src(12), tgt(13);
  src[2] = {{"num:1", T::number}};
  tgt[3] = {{"num:1", T::number}};
  src[7] = {{"name:dlb", T::name}};
  tgt[2] = {{"name:dlb", T::name}};
  src[6] = {{"lex:3", T::lexicon}};
  tgt[8] = {{"lex:3", T::lexicon}};
  src[9] = {{"url:x.org", T::url}, {"num:7", T::number}};
  tgt[10] = {{"url:x.org", T::url}, {"num:7", T::number}};
  src[1] = {{"num:7", T::number}, {"w:go", T::word}, {"sym:?", T::symbol}};
  tgt[1] = {{"w:go", T::word}, {"sym:?", T::symbol}};
  const jisr::Alignment guide = jisr::anchor_guide(jisr::intern_anchors(src, tgt));
  // A whole path from (0, 0) to (12, 13) ...
  std::uint32_t i = 0, j = 0;
  for (const jisr::Bead& b : guide) {
    BOOST_REQUIRE(b.src_begin == i && b.tgt_begin == j);
    BOOST_REQUIRE(b.src_size() + b.tgt_size() > 0);
    i = b.src_end;
    j = b.tgt_end;
  }
  BOOST_TEST(i == 12U);
  BOOST_TEST(j == 13U);
  // ... through three of the four pairs: 7-2 crosses 2-3 and 6-8.
  auto has = [&](std::uint32_t s, std::uint32_t t) {
    return std::find(guide.begin(), guide.end(), jisr::Bead{s, s + 1, t, t + 1}) != guide.end();
  };
  BOOST_TEST(has(2, 3));
  BOOST_TEST(has(6, 8));
  BOOST_TEST(has(9, 10));
  BOOST_TEST(!has(7, 2));
  BOOST_TEST(jisr::anchor_guide(jisr::intern_anchors({{}, {}}, {{}})).empty());
  // Stretches too large to search whole become straight lines of small beads.
  std::vector<std::vector<K>> long_src(2000), long_tgt(2000);
  long_src[1000] = {{"num:1", T::number}};
  long_tgt[1000] = {{"num:1", T::number}};
  const jisr::Alignment straight = jisr::anchor_guide(jisr::intern_anchors(long_src, long_tgt));
  BOOST_TEST(straight.size() == 2000U);
  for (const jisr::Bead& b : straight) BOOST_REQUIRE(b.src_size() == 1 && b.tgt_size() == 1);
}

BOOST_AUTO_TEST_CASE(a_key_repeated_as_often_on_both_sides_pairs_its_sentences_in_order) {
  // "num:5" is in source 1 and 4 and target 2 and 6: it pairs 1-2 and 4-6.
  // "num:8" is in one source sentence and two target ones: it guides
  // nothing. A key twice in one sentence counts that sentence once.
  using K = jisr::AnchorKey;
  using T = jisr::AnchorType;
  std::vector<std::vector<K>> src(8), tgt(9);
  src[1] = {{"num:5", T::number}, {"num:5", T::number}};
  src[4] = {{"num:5", T::number}};
  tgt[2] = {{"num:5", T::number}};
  tgt[6] = {{"num:5", T::number}};
  src[3] = {{"num:8", T::number}};
  tgt[3] = {{"num:8", T::number}};
  tgt[5] = {{"num:8", T::number}};
  const jisr::Alignment guide = jisr::anchor_guide(jisr::intern_anchors(src, tgt));
  auto has = [&](std::uint32_t s, std::uint32_t t) {
    return std::find(guide.begin(), guide.end(), jisr::Bead{s, s + 1, t, t + 1}) != guide.end();
  };
  BOOST_TEST(has(1, 2));
  BOOST_TEST(has(4, 6));
  BOOST_TEST(!has(3, 3));
  BOOST_TEST(!has(3, 5));
  // A long document made of one text repeated: no key is in one sentence
  // a side, yet every number of it pairs its copies.
  std::vector<std::vector<K>> long_src, long_tgt;
  for (int copy = 0; copy < 50; ++copy)
    for (int k = 0; k < 40; ++k) {
      long_src.push_back({});
      long_tgt.push_back({});
      if (k % 4 == 1) {
        long_src.back().push_back({"num:" + std::to_string(k), T::number});
        long_tgt.back().push_back({"num:" + std::to_string(k), T::number});
      }
    }
  const jisr::Alignment repeated = jisr::anchor_guide(jisr::intern_anchors(long_src, long_tgt));
  std::size_t pairs = 0;
  for (const jisr::Bead& b : repeated)
    if (b.src_size() == 1 && b.tgt_size() == 1 && b.src_begin % 4 == 1 && b.src_begin == b.tgt_begin) ++pairs;
  BOOST_TEST(pairs >= 50U * 10U);
}

BOOST_AUTO_TEST_CASE(a_long_document_is_cut_only_where_the_anchors_leave_no_doubt) {
  // 9,000 sentence pairs, a unique number in two sentences of every three
  // (one in ten from pair 1,900 to 2,600: no pair follows another there)
  // and 300 lines on the English side only after pair 5,000; then the same
  // text cut short to 3,999 pairs.
  using K = jisr::AnchorKey;
  using T = jisr::AnchorType;
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> len(20, 160);
  auto make = [&](int pairs, Document& ar, Document& en, std::vector<std::vector<K>>& ar_keys,
                  std::vector<std::vector<K>>& en_keys) {
    ar.lang = "ar";
    en.lang = "en";
    for (int k = 0; k < pairs; ++k) {
      if (k == 5000)
        for (int x = 0; x < 300; ++x) {
          en.sentences.push_back({std::string(static_cast<std::size_t>(5 + x % 11), 'm'), {}, 0});
          en_keys.emplace_back();
        }
      const int l = len(rng);
      ar.sentences.push_back({std::string(static_cast<std::size_t>(l), 'a') + ".", {}, 0});
      en.sentences.push_back({std::string(static_cast<std::size_t>(l * 1.2), 'e') + ".", {}, 0});
      ar_keys.emplace_back();
      en_keys.emplace_back();
      const bool sparse = k >= 1900 && k < 2600;
      if (sparse ? k % 10 == 0 : k % 3 != 0) {
        ar_keys.back().push_back({"num:" + std::to_string(k), T::number});
        en_keys.back().push_back({"num:" + std::to_string(k), T::number});
      }
    }
  };
  Document ar, en;
  std::vector<std::vector<K>> ar_keys, en_keys;
  make(9000, ar, en, ar_keys, en_keys);
  const jisr::DocumentAnchors a = jisr::intern_anchors(ar_keys, en_keys);
  const jisr::Guide guide = jisr::anchor_guide_and_cuts(a);
  BOOST_TEST((guide.path == jisr::anchor_guide(a)));
  const auto n = static_cast<std::uint32_t>(ar.sentences.size()), m = static_cast<std::uint32_t>(en.sentences.size());
  BOOST_TEST(guide.cuts.size() >= 2U);
  jisr::GridPoint last;
  for (const jisr::GridPoint& c : guide.cuts) {
    // Each cut at least 2,000 sentences a side from the last and from the
    // end, a corner of the guide, and between two pairs of a translation.
    BOOST_TEST(c.i >= last.i + 2000);
    BOOST_TEST(c.j >= last.j + 2000);
    BOOST_TEST(c.i + 2000 <= n);
    BOOST_TEST(c.j + 2000 <= m);
    BOOST_TEST(std::any_of(guide.path.begin(), guide.path.end(),
                           [&](const jisr::Bead& b) { return b.src_begin == c.i && b.tgt_begin == c.j; }));
    BOOST_TEST(c.j == (c.i < 5000 ? c.i : c.i + 300));
    BOOST_TEST((c.i < 1900 || c.i >= 2600));
    last = c;
  }
  // The pieces give the alignment of the whole search, on any number of threads.
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  jisr::AlignOptions one, two;
  two.threads = 2;
  const jisr::BeadScorer scorer(model, ar.sentences, en.sentences, &a);
  const jisr::Alignment whole = jisr::align(scorer, one, guide.path);
  BOOST_TEST((jisr::align(scorer, one, guide.path, guide.cuts) == whole));
  BOOST_TEST((jisr::align(scorer, two, guide.path, guide.cuts) == whole));
  // On two threads (pieces, the scorer's two sides, bead costs in batches)
  // the beads, their costs and scores are those of one thread.
  const jisr::Alignment on_one = jisr::align_with_anchors(model, ar, en, a, one);
  const jisr::Alignment on_two = jisr::align_with_anchors(model, ar, en, a, two);
  BOOST_REQUIRE(on_one.size() > 4096U);  // more than one batch of bead costs
  BOOST_REQUIRE((on_two == on_one));
  for (std::size_t k = 0; k < on_one.size(); ++k) {
    const jisr::BeadCosts &x = on_one[k].costs, &y = on_two[k].costs;
    BOOST_REQUIRE(on_one[k].cost == on_two[k].cost);
    BOOST_REQUIRE(on_one[k].score == on_two[k].score);
    BOOST_REQUIRE(x.length == y.length);
    BOOST_REQUIRE(x.anchors == y.anchors);
    BOOST_REQUIRE(x.margin == y.margin);
    BOOST_REQUIRE(x.matched == y.matched);
  }
  // Every pair bead has its costs filled: the anchors' number shows.
  BOOST_TEST(std::count_if(on_two.begin(), on_two.end(), [](const jisr::Bead& b) { return b.costs.matched > 0; }) >
             4000);

  Document short_ar, short_en;
  std::vector<std::vector<K>> short_ar_keys, short_en_keys;
  make(3999, short_ar, short_en, short_ar_keys, short_en_keys);
  BOOST_TEST(jisr::anchor_guide_and_cuts(jisr::intern_anchors(short_ar_keys, short_en_keys)).cuts.empty());
}

BOOST_AUTO_TEST_CASE(anchors_guide_the_band_across_a_long_one_sided_section) {
  // 1200 sentence pairs with 400 short lines on the English side only
  // after the first 100, and a shared number in every tenth pair. The
  // search around the diagonal would need a band 400 sentences wide; along
  // the anchors' guide the default band suffices, within a cell limit that
  // the diagonal band cannot meet.
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> len(20, 160);
  Document ar, en;
  ar.lang = "ar";
  en.lang = "en";
  std::vector<std::vector<jisr::AnchorKey>> ar_keys, en_keys;
  std::vector<std::uint32_t> partner;  // English index of each Arabic sentence's translation
  auto sentence = [](int length, char c) {
    return jisr::Sentence{std::string(static_cast<std::size_t>(length), c) + ".", {}, 0};
  };
  for (int k = 0; k < 1200; ++k) {
    if (k == 100)
      for (int x = 0; x < 400; ++x) {  // short lines without final punctuation, like a site's menu
        en.sentences.push_back({std::string(static_cast<std::size_t>(5 + x % 11), 'm'), {}, 0});
        en_keys.emplace_back();
      }
    const int l = len(rng);
    partner.push_back(static_cast<std::uint32_t>(en.sentences.size()));
    ar.sentences.push_back(sentence(l, 'a'));
    en.sentences.push_back(sentence(static_cast<int>(l * 1.2), 'e'));
    ar_keys.emplace_back();
    en_keys.emplace_back();
    if (k % 10 == 5) {
      ar_keys.back().push_back({"num:" + std::to_string(1000 + k), jisr::AnchorType::number});
      en_keys.back().push_back({"num:" + std::to_string(1000 + k), jisr::AnchorType::number});
    }
  }
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  const jisr::DocumentAnchors a = jisr::intern_anchors(ar_keys, en_keys);
  jisr::AlignOptions whole, limited;
  whole.band = 1600;            // the whole grid
  limited.max_cells = 250'000;  // a band 400 wide around the diagonal needs over 1201 x 800
  const jisr::Alignment expected = jisr::align_with_anchors(model, ar, en, a, whole);
  // The translations are found, one-to-one, on both sides of the section.
  std::size_t pairs = 0;
  for (const jisr::Bead& b : expected)
    if (b.src_size() == 1 && b.tgt_size() == 1 && partner[b.src_begin] == b.tgt_begin) ++pairs;
  BOOST_TEST(pairs > 1000U);
  // Along the guide, the search finds the same within the limit ...
  BOOST_TEST((jisr::align_with_anchors(model, ar, en, a, limited) == expected));
  // ... which a band around the diagonal cannot.
  bool diagonal_same = false;
  try {
    diagonal_same = jisr::align(jisr::BeadScorer(model, ar.sentences, en.sentences, &a), limited) == expected;
  } catch (const jisr::InputError&) {
  }
  BOOST_TEST(!diagonal_same);
}

BOOST_AUTO_TEST_CASE(a_time_stamp_on_one_side_does_not_pull_the_other_sides_dateline_into_a_pair) {
  // A release as such sites print it: the English page opens with the time
  // it was posted, then the title; the Arabic opens with the title, then a
  // dateline of the same day, which the English leaves out. The stamp's date
  // must not take the dateline away from the title pair.
  const Document ar = doc("ar", {
      "رابطة المحامين الأحرار تطلق دورة تدريبية حول توثيق الانتهاكات",
      "إدلب – ١٤ حزيران ٢٠٢٤",
      "أطلقت رابطة المحامين الأحرار يوم الخميس دورة تدريبية لعشرين محامياً في مدينة إدلب، تستمر خمسة أيام.",
      "وقال رئيس الرابطة إن الدورة هي الثالثة هذا العام.",
  });
  const Document en = doc("en", {
      "Friday, 14 June 2024 09:12",
      "Lawyers League Launches Training on Documenting Violations",
      "On Thursday, the Free Lawyers League launched a five-day training course for twenty lawyers in the city of Idlib.",
      "The head of the league said it was the third course this year.",
  });
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  std::vector<std::string> got;
  for (const jisr::Bead& b : jisr::align_documents(model, ar, en)) got.push_back(jisr::format_bead(b));
  const std::vector<std::string> expected{"[]:[0]", "[0]:[1]", "[1]:[]", "[2]:[2]", "[3]:[3]"};
  BOOST_TEST(got == expected, boost::test_tools::per_element());
  // The stamp keeps no keys; the dateline keeps its date.
  const jisr::DocumentAnchors a = jisr::find_document_anchors(model, ar, en);
  BOOST_TEST(a.tgt[0].empty());
  BOOST_TEST(a.src[1].size() >= 3U);
}

BOOST_AUTO_TEST_CASE(a_page_footer_on_one_side_stays_out_of_the_last_sentences_bead) {
  // The Arabic page ends with the site's copyright line, which the English
  // page does not print. It is short, so the length model alone takes it
  // into the last sentence's bead; as page furniture it stays alone.
  const Document ar = doc("ar", {
      "مجلس محافظة حلب الحرة يفتتح مدرسة جديدة في ريف حلب الشمالي",
      "افتتح مجلس محافظة حلب الحرة يوم الأحد مدرسة جديدة في بلدة مارع تتسع لأربعمئة طالب.",
      "وقال رئيس المجلس إن المدرسة بنيت بدعم من منظمات محلية.",
      "وأضاف أن المجلس يعمل على افتتاح ثلاث مدارس أخرى قبل نهاية العام.",
      "© ٢٠٢٤ جميع الحقوق محفوظة.",
  });
  const Document en = doc("en", {
      "Free Aleppo Council Opens a New School in the Northern Countryside",
      "On Sunday, the Free Aleppo Provincial Council opened a new school in the town of Marea with room for four "
      "hundred pupils.",
      "The head of the council said the school was built with the support of local organisations.",
      "He added that the council is working to open three more schools before the end of the year.",
  });
  jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  BOOST_REQUIRE(model.furniture.cost > 0.0);
  auto beads = [&] { return bead_strings(model, ar, en); };
  const std::vector<std::string> expected{"[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]", "[4]:[]"};
  BOOST_TEST(beads() == expected, boost::test_tools::per_element());
  // The footer's bead says what it is; jsonl writes it.
  const jisr::Alignment aligned = jisr::align_documents(model, ar, en);
  BOOST_TEST(aligned.back().costs.furniture == 1U);
  BOOST_TEST(aligned.front().costs.furniture == 0U);
  std::ostringstream jsonl;
  jisr::OutputOptions o;
  o.creation_date = "20240101T000000Z";
  jisr::write_alignment(jisr::Format::jsonl, ar, en, aligned, o, jsonl);
  const std::string out = jsonl.str();
  BOOST_TEST(out.find("\"furniture\":1") != std::string::npos, out);
  BOOST_TEST(out.find("\"furniture\"") == out.rfind("\"furniture\""));  // the footer's line only
  // Its year, which the English page lacks, keeps it out as well (a stray
  // sentence, anchors.stray_cost); without both the footer joins the last
  // sentence.
  model.furniture.cost = 0.0;
  BOOST_TEST(beads() == expected, boost::test_tools::per_element());
  model.anchors.stray_cost = 0.0;
  const std::vector<std::string> merged{"[0]:[0]", "[1]:[1]", "[2]:[2]", "[3,4]:[3]"};
  BOOST_TEST(beads() == merged, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_full_name_pairs_with_its_short_name_though_the_title_holds_it_too) {
  // The English page opens with a title the Arabic page does not have, and
  // the title names the organisation too. By length the Arabic full name
  // fits the title (40 units against 58) far better than the short name
  // (15); by their keys the full name and the short name are one heading,
  // and heading pairs' lengths have an outlier share of their own.
  const Document ar = doc("ar", {
      "بيان صحفي",
      "الائتلاف الوطني لقوى الثورة والمعارضة السورية",
      "١٢ أيار ٢٠٢١",
      "يرحب الائتلاف الوطني بقرار الاتحاد الأوروبي تمديد العقوبات المفروضة على النظام لمدة عام إضافي، ويعتبر "
      "أن هذا القرار يبعث برسالة واضحة بأن لا تطبيع مع نظام ارتكب جرائم حرب بحق الشعب السوري، وأن المحاسبة "
      "قادمة لا محالة مهما طال الزمن.",
      "ويؤكد الائتلاف أن العقوبات يجب أن تترافق مع ضغط سياسي حقيقي لتطبيق القرار ٢٢٥٤، وإطلاق سراح المعتقلين، "
      "وكشف مصير المغيبين قسرياً.",
      "ويشير الائتلاف إلى أن الانتخابات الرئاسية التي يعتزم النظام إجراءها في السادس والعشرين من الشهر الجاري "
      "باطلة وغير شرعية، ولا تمثل إرادة السوريين، لأنها تجري في ظل غياب البيئة الآمنة والمحايدة، وتهجير أكثر "
      "من نصف الشعب السوري.",
      "ويدعو الائتلاف الدول الشقيقة والصديقة إلى عدم الاعتراف بنتائجها.",
  });
  const Document en = doc("en", {
      "Syrian Coalition Welcomes EU's Extension of Sanctions on Assad Regime",
      "Press release",
      "Syrian Coalition",
      "May 12, 2021",
      "The Syrian Coalition welcomes the European Union's decision to extend sanctions on the Assad regime for "
      "another year.",
      "The decision sends a clear message that there will be no normalization with a regime that has committed "
      "war crimes against the Syrian people.",
      "Accountability will inevitably come, no matter how long it takes.",
      "The Coalition stresses that sanctions must be accompanied by real political pressure to implement UN "
      "resolution 2254, release detainees, and reveal the fate of the forcibly disappeared.",
      "The Coalition points out that the presidential election that the Assad regime intends to hold on May 26 "
      "is null and void and illegitimate.",
      "It does not represent the will of the Syrian people as it is held in the absence of a safe and neutral "
      "environment and amid the displacement of more than half of the Syrian people.",
      "The Coalition calls on brotherly and friendly countries not to recognize its results.",
  });
  jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  BOOST_REQUIRE(model.length.outlier_heading.has_value());
  auto beads = [&] { return bead_strings(model, ar, en); };
  const std::vector<std::string> expected{"[]:[0]", "[0]:[1]", "[1]:[2]", "[2]:[3]", "[3]:[4,5,6]",
                                          "[4]:[7]", "[5]:[8,9]", "[6]:[10]"};
  BOOST_TEST(beads() == expected, boost::test_tools::per_element());
  // As other open lines, the search puts the full name with the title where
  // no lexicon word pairs two other header lines; the run of header lines
  // is then aligned again by how well their keys fit (repair_heading_runs),
  // and the short name, all of whose keys the full name holds, fits it
  // better than the title does.
  model.length.outlier_heading.reset();
  model.anchors.lexicon = name_only_lexicon();
  BOOST_TEST(beads() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_page_time_stamp_pairs_with_no_heading) {
  // The English page opens with the time it went up and a title and ends
  // with its breadcrumb; the Arabic page has none of them, and one English
  // paragraph has no Arabic. By length
  // the Arabic "press release" fits the stamp, and the full name then the
  // title; a page's stamp is furniture of its own kind, so it stays alone
  // and the header pairs line by line.
  const Document ar = doc("ar", {
      "بيان صحفي",
      "الائتلاف الوطني لقوى الثورة والمعارضة السورية",
      "دائرة الإعلام والاتصال",
      "٢٢ آذار ٢٠١٩",
      "يستنكر الائتلاف الوطني السوري استمرار قوات النظام وحلفائه في قصف المناطق المشمولة باتفاق سوتشي، حيث "
      "شهدت مدن وبلدات ريف إدلب الجنوبي وريف حماة الشمالي خلال الأيام الثلاثة الماضية أكثر من ١٥٠ غارة جوية "
      "وقصفاً مدفعياً وصاروخياً مكثفاً، أسفر عن استشهاد ٣٧ مدنياً بينهم ١١ طفلاً و٨ نساء، وإصابة العشرات، "
      "إضافة إلى دمار واسع في الأحياء السكنية والأسواق الشعبية.",
      "ويؤكد الائتلاف أن هذا التصعيد يمثل خرقاً واضحاً للاتفاق الذي تعهدت روسيا بضمانه، ويدعو الجانب التركي "
      "بصفته ضامناً إلى اتخاذ موقف حازم لوقف هذه الخروقات.",
      "وتشير إحصاءات فرق الاستجابة إلى نزوح أكثر من ٤٥ ألف مدني من المناطق المستهدفة نحو الحدود التركية، في "
      "ظل ظروف إنسانية بالغة الصعوبة، ونقص حاد في المأوى والمواد الغذائية.",
      "المجد لشهدائنا، والحرية لمعتقلينا، والشفاء لجرحانا.",
  });
  const Document en = doc("en", {
      "Friday, 22 March 2019 15:47",
      "Syrian Coalition Denounces Regime's Continued Shelling of Areas Covered by Sochi Agreement",
      "Press release",
      "Syrian Coalition",
      "Department of Media and Communications",
      "March 22, 2019",
      "The Syrian Coalition denounces the continued shelling by the Assad regime and its allies of the areas "
      "covered by the Sochi agreement.",
      "Over the past three days, towns and villages in southern rural Idlib and northern rural Hama came under "
      "more than 150 airstrikes as well as intensive artillery and rocket shelling.",
      "The attacks killed 37 civilians, including 11 children and eight women, and injured dozens.",
      "They also caused widespread destruction in residential neighborhoods and popular markets.",
      "The Coalition stresses that this escalation is a clear violation of the agreement that Russia pledged to "
      "guarantee.",
      "It calls on Turkey, as a guarantor, to take a firm stance to stop these violations.",
      "The Coalition also calls on the UN Security Council to hold an emergency session to discuss the "
      "escalation, take the necessary measures to protect civilians, and hold accountable those responsible for "
      "the crimes committed against them.",
      "Statistics by response teams show that more than 45,000 civilians have been displaced from the targeted "
      "areas towards the Turkish border.",
      "They are living in extremely difficult humanitarian conditions amid an acute shortage of shelter and food.",
      "Glory to our martyrs, freedom for our detainees, and recovery for our wounded.",
      "Home press releases Syrian Coalition Denounces Regime's Continued Shelling of Areas Covered by Sochi "
      "Agreement",
  });
  jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  auto beads = [&] { return bead_strings(model, ar, en); };
  const std::vector<std::string> expected{"[]:[0]", "[]:[1]", "[0]:[2]", "[1]:[3]", "[2]:[4]", "[3]:[5]",
                                          "[4]:[6,7,8,9]", "[5]:[10,11]", "[]:[12]", "[6]:[13,14]", "[7]:[15]",
                                          "[]:[16]"};
  BOOST_TEST(beads() == expected, boost::test_tools::per_element());
  // Without the furniture rules the search gives the stamp the first
  // heading, where no lexicon word pairs the press-release lines; aligned
  // again by their keys (repair_heading_runs), the header lines that share
  // names and dates pair, and the stamp, which has no keys, is left alone.
  model.furniture.cost = 0.0;
  model.anchors.lexicon = name_only_lexicon();
  const std::vector<std::string> by_keys = beads();
  BOOST_TEST((std::find(by_keys.begin(), by_keys.end(), "[0]:[0]") == by_keys.end()));
  BOOST_TEST((std::find(by_keys.begin(), by_keys.end(), "[1]:[3]") != by_keys.end()));
}

BOOST_AUTO_TEST_CASE(a_stamp_and_a_footer_stay_out_of_headings_though_names_match) {
  // The Arabic page opens with its time stamp and ends with a share prompt
  // whose verb (شارك) has the consonants of Saraqib; the English page opens
  // with a title and ends with its tags. Every header line has only a
  // header line beside it; endings say nothing on either side (most lines
  // are open), so two unpaired lines cost more than a pair does. As
  // furniture, the stamp and the prompt pair with no text, and the heading
  // pass does not join the prompt with the tags by the name they seem to
  // share.
  const Document ar = doc("ar", {
      "الأربعاء، ٤ أيلول ٢٠١٩ - ٠٩:١٥",
      "بيان صحفي",
      "المجلس المحلي لمدينة سراقب",
      "المكتب الإعلامي",
      "٤ أيلول ٢٠١٩",
      "أعلن المجلس المحلي لمدينة سراقب عن إعادة تشغيل محطة المياه الرئيسية في المدينة بعد توقف دام أربعة "
      "أشهر، بدعم من منظمة محلية، لتعود المياه إلى نحو ٢٥ ألف نسمة في الأحياء الشرقية والجنوبية.",
      "وأوضح المجلس أن أعمال الصيانة شملت تبديل المضخات وإصلاح ١٢ كيلومتراً من الشبكة.",
      "شارك هذا الخبر",
  });
  const Document en = doc("en", {
      "Saraqib Local Council Restarts Main Water Station",
      "Press release",
      "Saraqib Local Council",
      "Media Office",
      "September 4, 2019",
      "The Saraqib Local Council announced that the city's main water station has been restarted after a "
      "four-month shutdown.",
      "The work was supported by a local organization.",
      "Water is now reaching about 25,000 residents in the eastern and southern neighborhoods.",
      "The Council said that the maintenance work included replacing the pumps and repairing 12 kilometers of "
      "the network.",
      "Tags: Saraqib, water, services",
  });
  jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  auto beads = [&] { return bead_strings(model, ar, en); };
  const std::vector<std::string> expected{"[0]:[]", "[]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]",
                                          "[4]:[4]", "[5]:[5,6,7]", "[6]:[8]", "[7]:[]", "[]:[9]"};
  BOOST_TEST(beads() == expected, boost::test_tools::per_element());
  // Without the furniture rules both pair: the stamp with the title, the
  // prompt with the tags.
  model.furniture.cost = 0.0;
  const std::vector<std::string> without = beads();
  BOOST_TEST((std::find(without.begin(), without.end(), "[0]:[0]") != without.end()));
  BOOST_TEST((std::find(without.begin(), without.end(), "[7]:[9]") != without.end()));
}

BOOST_AUTO_TEST_CASE(footers_of_two_kinds_stay_apart_and_of_one_kind_pair) {
  // Each page ends with a line of its site: the Arabic one a share prompt,
  // the English one the post's tags. Both are furniture, short and side by
  // side, so pairing them costs the length model little; they are not
  // translations of each other, and stay unpaired. A share prompt on both
  // pages is a translation, and pairs.
  const std::vector<std::string> ar_text{
      "زار وفد من المجلس المحلي مخيم الأمل في ريف إدلب الشمالي يوم الثلاثاء.",
      "واطلع الوفد على حاجات العائلات مع بداية فصل الشتاء، ولا سيما الخيام ومواد التدفئة.",
      "وقال رئيس المجلس إن أكثر من ٦٠٠ عائلة وصلت إلى المخيم خلال الشهر الماضي.",
      "شارك هذا المقال",
  };
  const std::vector<std::string> en_text{
      "A delegation of the local council visited Al-Amal camp in the northern countryside of Idlib on Tuesday.",
      "The delegation looked into the needs of the families as winter begins, especially tents and heating "
      "materials.",
      "The head of the council said that more than 600 families had arrived at the camp over the past month.",
  };
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  BOOST_REQUIRE(model.furniture.cost > 0.0);
  auto beads = [&](const std::string& english_footer) {
    std::vector<std::string> en_lines = en_text;
    en_lines.push_back(english_footer);
    return bead_strings(model, doc("ar", ar_text), doc("en", en_lines));
  };
  const std::vector<std::string> apart{"[0]:[0]", "[1]:[1]", "[2]:[2]", "[]:[3]", "[3]:[]"};
  const std::vector<std::string> apart_swapped{"[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[]", "[]:[3]"};
  const std::vector<std::string> tags = beads("Tags: Idlib, camps, winter");
  std::ostringstream got;
  for (const std::string& b : tags) got << b << ' ';
  BOOST_TEST((tags == apart || tags == apart_swapped), got.str());
  const std::vector<std::string> paired{"[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]"};
  BOOST_TEST(beads("Share this article") == paired, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(refining_cuts_a_one_to_many_bead_into_a_clause_run_per_sentence) {
  // One Arabic sentence of three clauses (the last two after a full stop
  // and a comma) against three English sentences; then one against two
  // English sentences where the Arabic has no joint at all.
  const Document ar = doc("ar", {
      "أعلن المجلس المحلي عن افتتاح مدرسة جديدة في المدينة لخدمة ثلاثمئة طالب من الأحياء الشرقية. "
      "وقال رئيس المجلس إن المدرسة ستضم مختبراً للعلوم ومكتبة كبيرة، "
      "مشيراً إلى أن الدروس ستبدأ في الأول من أيلول المقبل",
      "رحب الأهالي بالقرار الجديد بعد سنوات طويلة من الانتظار الصعب",
  });
  const Document en = doc("en", {
      "The local council announced the opening of a new school in the city for three hundred pupils from the "
      "eastern districts.",
      "The head of the council said the school would have a science laboratory and a large library.",
      "He added that lessons would begin on the first of September.",
      "Residents welcomed the new decision.",
      "They had waited for many years.",
  });
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  jisr::Alignment alignment{jisr::Bead{0, 1, 0, 3}, jisr::Bead{1, 2, 3, 5}};
  alignment[0].score = 0.75;
  const jisr::RefinedAlignment refined = jisr::refine_alignment(model, ar, en, alignment);
  BOOST_REQUIRE_EQUAL(refined.beads.size(), 4U);
  BOOST_REQUIRE_EQUAL(refined.parts.size(), 4U);
  const std::string& one = ar.sentences[0].text;
  auto part = [&](std::size_t k) {
    const jisr::ByteRange r = refined.parts[k].range;
    return one.substr(r.begin, r.end - r.begin);
  };
  for (std::uint32_t r = 0; r < 3; ++r) {
    BOOST_TEST(refined.parts[r].refined());
    BOOST_TEST(refined.parts[r].is_src);
    BOOST_TEST(refined.beads[r].src_begin == 0U);
    BOOST_TEST(refined.beads[r].tgt_begin == r);
    BOOST_TEST(refined.beads[r].tgt_size() == 1U);
    BOOST_TEST(refined.beads[r].score == 0.75);
  }
  BOOST_TEST(part(0).ends_with("الشرقية."));
  BOOST_TEST(part(1).starts_with("وقال"));
  BOOST_TEST(part(1).ends_with("كبيرة،"));
  BOOST_TEST(part(2).starts_with("مشيراً"));
  BOOST_TEST(refined.parts[2].range.end == one.size());
  // No joint: the bead stays whole.
  BOOST_TEST(!refined.parts[3].refined());
  BOOST_TEST((refined.beads[3] == alignment[1]));
  // A model without clause rules leaves every bead whole.
  jisr::Model bare = model;
  bare.clauses.rules.clear();
  const jisr::RefinedAlignment whole = jisr::refine_alignment(bare, ar, en, alignment);
  BOOST_TEST((whole.beads == alignment));
  BOOST_TEST(std::none_of(whole.parts.begin(), whole.parts.end(), [](const jisr::BeadPart& p) { return p.refined(); }));
}

BOOST_AUTO_TEST_CASE(refining_cuts_the_one_english_sentence_of_a_many_to_one_bead) {
  // Two Arabic sentences that the English joins into one, the first of its
  // parts ending in a full stop inside closing quotes: the cut goes there,
  // not at the comma before it.
  const Document ar = doc("ar", {
      "قال مدير المستشفى إن الأطباء عالجوا أكثر من مئتي مصاب خلال يومين، وإن المستشفى يحتاج إلى الأدوية.",
      "وطالبت المنظمة الدولية بفتح الطرق أمام قوافل المساعدات.",
  });
  const Document en = doc("en", {
      "The hospital director said doctors had treated more than two hundred injured people in two days, "
      "adding that \"the hospital needs medicine.\" The international organisation called for the roads to be "
      "opened to aid convoys.",
  });
  const jisr::RefinedAlignment refined = refine_two_to_one(ar, en);
  BOOST_REQUIRE_EQUAL(refined.beads.size(), 2U);
  const std::string& one = en.sentences[0].text;
  for (std::uint32_t r = 0; r < 2; ++r) {
    BOOST_TEST(refined.parts[r].refined());
    BOOST_TEST(!refined.parts[r].is_src);
    BOOST_TEST(refined.beads[r].src_begin == r);
    BOOST_TEST(refined.beads[r].src_size() == 1U);
    BOOST_TEST(refined.beads[r].tgt_begin == 0U);
  }
  BOOST_TEST(part_text(one, refined, 0).ends_with("medicine.\""));
  BOOST_TEST(part_text(one, refined, 1).starts_with("The international"));
  BOOST_TEST(refined.parts[1].range.end == one.size());
}

BOOST_AUTO_TEST_CASE(refining_cuts_at_a_stop_only_where_the_splitter_ends_a_sentence) {
  // The English joins two sentences; its first holds "Dr." before a name,
  // which ends no sentence. The lengths alone fit a cut after "Dr." better.
  const Document ar = doc("ar", {
      "قالت الطبيبة سلمى إن العيادة ستفتح أبوابها.",
      "وأضافت أن المواعيد تبدأ صباح الأحد المقبل في تمام الساعة الثامنة.",
  });
  const Document en = doc("en", {
      "The clinic will open its doors, said Dr. Salma Haddad. Appointments start next Sunday at eight in the "
      "morning.",
  });
  jisr::SplitOptions o;
  o.lang = "en";
  o.rules_dir = kModels / "split";
  const jisr::SentenceSplitter splitter(o);
  const std::string& one = en.sentences[0].text;
  const jisr::RefinedAlignment refined = refine_two_to_one(ar, en, &splitter);
  BOOST_REQUIRE_EQUAL(refined.beads.size(), 2U);
  BOOST_TEST(part_text(one, refined, 0).ends_with("Haddad."));
  // Without the splitter every stop is a place to cut.
  const jisr::RefinedAlignment blind = refine_two_to_one(ar, en);
  BOOST_REQUIRE_EQUAL(blind.beads.size(), 2U);
  BOOST_TEST(part_text(one, blind, 0).ends_with("Dr."));
}

BOOST_AUTO_TEST_CASE(clause_rules_that_are_not_scored_serve_refinement_alone) {
  const jisr::ClauseRuleSet rules = jisr::parse_clause_rules(
      R"({"en": {"joints": [",", "."], "scored": false}, "ar": {"joints": ["،"]}})", "rules.json");
  BOOST_TEST(!rules.at("en").scored);
  BOOST_TEST(rules.at("ar").scored);
  // Written back as read.
  const jisr::ClauseRuleSet again = jisr::parse_clause_rules(jisr::clause_rules_json(rules), "again");
  BOOST_TEST(!again.at("en").scored);
  BOOST_TEST(again.at("ar").scored);
  BOOST_CHECK_THROW((void)jisr::parse_clause_rules(R"({"en": {"scored": "no"}})", "bad.json"), jisr::ModelError);
  // A model whose only rules are not scored has no clause term.
  jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  model.clauses.rules = {{"en", rules.at("en")}};
  BOOST_TEST(!jisr::uses_clauses(model));
  BOOST_TEST(jisr::clause_rules(model, "en") != nullptr);
  BOOST_TEST(jisr::scored_clause_rules(model, "en") == nullptr);
  model.clauses.rules = rules;
  BOOST_TEST(jisr::uses_clauses(model));
  BOOST_TEST(jisr::scored_clause_rules(model, "ar") != nullptr);
}

BOOST_AUTO_TEST_CASE(a_bead_whose_translator_moved_a_clause_stays_whole) {
  // The English puts the campaign's cost (the Arabic's last clause, with
  // its number) into its first sentence: clause runs in order cannot pair
  // these, and the numbers say so.
  const Document ar = doc("ar", {
      "وزعت الجمعية الخيرية ٤٢٠ سلة غذائية على العائلات النازحة في المخيم، "
      "التي وصلت إليه خلال الشتاء الماضي هرباً من القصف، "
      "وبلغت كلفة الحملة ١٥٠٠٠ دولار تبرع بها مغتربون من أبناء المنطقة."});
  const Document en = doc("en", {
      "The charity handed out 420 food baskets to displaced families in the camp, at a cost of 15,000 dollars "
      "given by expatriates from the area.",
      "The families had reached the camp last winter, fleeing the bombardment."});
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  const jisr::Alignment alignment{jisr::Bead{0, 1, 0, 2}};
  const jisr::RefinedAlignment refined = jisr::refine_alignment(model, ar, en, alignment);
  BOOST_REQUIRE_EQUAL(refined.beads.size(), 1U);
  BOOST_TEST(!refined.parts[0].refined());
  // In the source's order the same bead is refined.
  const Document in_order = doc("en", {
      "The charity handed out 420 food baskets to displaced families in the camp.",
      "The families had reached the camp last winter, fleeing the bombardment, and the campaign cost 15,000 "
      "dollars given by expatriates from the area."});
  BOOST_TEST(jisr::refine_alignment(model, ar, in_order, alignment).beads.size() == 2U);
}

BOOST_AUTO_TEST_CASE(dropping_one_sided_keys_leaves_every_bead_cost_unchanged) {
  // The example pair with its clauses; the Arabic side's dictionary words
  // are mostly translated by words the English does not use.
  const Document ar = split_example("ar"), en = split_example("en");
  const jisr::Model model = jisr::Model::load(kModels / "ar-en.json");
  BOOST_REQUIRE(jisr::uses_clauses(model));
  jisr::DocumentClauses all_clauses;
  const jisr::DocumentAnchors all = jisr::find_document_anchors(model, ar, en, 1, &all_clauses);
  BOOST_REQUIRE(!all_clauses.src.key_end.empty());
  jisr::DocumentClauses clauses = all_clauses;
  jisr::DocumentAnchors shared = all;
  jisr::drop_one_sided(shared, &clauses);

  // Fewer keys, every one of them on both sides, one list per sentence.
  BOOST_TEST(shared.src.ids.size() < all.src.ids.size());
  BOOST_REQUIRE_EQUAL(shared.src.size(), all.src.size());
  BOOST_REQUIRE_EQUAL(shared.tgt.size(), all.tgt.size());
  std::vector<int> sides(all.keys.size(), 0);
  for (const std::uint32_t id : shared.src.ids) sides[id] |= 1;
  for (const std::uint32_t id : shared.tgt.ids) sides[id] |= 2;
  for (const std::uint32_t id : shared.src.ids) BOOST_TEST(sides[id] == 3);
  for (const std::uint32_t id : shared.tgt.ids) BOOST_TEST(sides[id] == 3);
  // Each clause keeps, in order, the shared keys it held.
  for (const bool is_src : {true, false}) {
    const jisr::SideKeys& before = is_src ? all.src : all.tgt;
    const jisr::SideKeys& after = is_src ? shared.src : shared.tgt;
    const jisr::SideClauses& c0 = is_src ? all_clauses.src : all_clauses.tgt;
    const jisr::SideClauses& c1 = is_src ? clauses.src : clauses.tgt;
    BOOST_REQUIRE(c0.begin == c1.begin);
    for (std::size_t k = 0; k < before.size(); ++k) {
      std::uint32_t from0 = 0, from1 = 0;
      for (std::uint32_t x = c0.begin[k]; x < c0.begin[k + 1]; ++x) {
        std::vector<std::uint32_t> kept;
        for (std::uint32_t q = from0; q < c0.key_end[x]; ++q)
          if (sides[before[k][q]] == 3) kept.push_back(before[k][q]);
        const std::vector<std::uint32_t> got(after[k].begin() + from1, after[k].begin() + c1.key_end[x]);
        BOOST_TEST(got == kept, boost::test_tools::per_element());
        from0 = c0.key_end[x];
        from1 = c1.key_end[x];
      }
    }
  }

  // Every bead of up to four sentences a side costs exactly what it did.
  const jisr::BeadScorer full(model, ar.sentences, en.sentences, &all, &all_clauses);
  const jisr::BeadScorer lean(model, ar.sentences, en.sentences, &shared, &clauses);
  const auto n = static_cast<std::uint32_t>(ar.sentences.size());
  const auto m = static_cast<std::uint32_t>(en.sentences.size());
  std::size_t compared = 0;
  for (std::uint32_t i = 0; i <= n; ++i)
    for (std::uint32_t j = 0; j <= m; ++j)
      for (int a = 0; a <= 4 && i + a <= n; ++a)
        for (int b = 0; b <= 4 && j + b <= m; ++b) {
          if (a + b == 0) continue;
          BOOST_TEST(lean.cost(i, a, j, b) == full.cost(i, a, j, b));
          BOOST_TEST(lean.confidence(i, a, j, b) == full.confidence(i, a, j, b));
          ++compared;
        }
  BOOST_TEST(compared > 500U);
}

BOOST_AUTO_TEST_CASE(a_sentence_whose_number_the_other_side_lacks_is_a_stray_one) {
  // The second English sentence's year and age are nowhere in the Arabic:
  // dropped as one-sided keys, its sentence is listed, and a bead that
  // takes it in beside the first pays the model's stray cost.
  using jisr::AnchorKey;
  using jisr::AnchorType;
  const AnchorKey seven{"num:7", AnchorType::number}, year{"num:2017", AnchorType::number},
      age{"num:31", AnchorType::number};
  std::vector<std::vector<AnchorKey>> src_keys{{seven}, {}};
  std::vector<std::vector<AnchorKey>> tgt_keys{{seven}, {year, age}, {}};
  jisr::DocumentAnchors anchors = jisr::intern_anchors(src_keys, tgt_keys);
  jisr::drop_one_sided(anchors);
  BOOST_TEST(anchors.src.lone_dated.empty());
  BOOST_TEST(anchors.tgt.lone_dated == std::vector<std::uint32_t>{1}, boost::test_tools::per_element());
  BOOST_TEST(anchors.tgt[1].empty());

  jisr::Model model = jisr::Model::load(kModels / "ar-en.json", false);
  const Document ar = doc("ar", {"قال الناطق إن ٧ أشخاص أصيبوا في القصف.", "وأكد أن الفرق تعمل."});
  const Document en = doc("en", {"The spokesman said 7 people were hurt in the shelling.",
                                 "He has worked as a reporter since 2017 and is 31.", "He said the teams work."});
  model.anchors.stray_cost = 0.0;
  const jisr::BeadScorer off(model, ar.sentences, en.sentences, &anchors);
  model.anchors.stray_cost = 4.0;
  const jisr::BeadScorer on(model, ar.sentences, en.sentences, &anchors);
  BOOST_TEST(on.cost(0, 1, 0, 2) == off.cost(0, 1, 0, 2) + 4.0, boost::test_tools::tolerance(1e-9));
  // Alone, or as the one side of a bead, it pays nothing more.
  BOOST_TEST(on.cost(1, 0, 1, 1) == off.cost(1, 0, 1, 1), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(on.cost(1, 1, 1, 1) == off.cost(1, 1, 1, 1), boost::test_tools::tolerance(1e-9));
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
