// Tests of the evaluation stage: bead parsing, strict / lax counts with and
// without null beads, the vecalign protocol, the per-type table, text pairs,
// and running a small set of our own through the aligner.
#define BOOST_TEST_MODULE eval
#include "jisr/eval.hpp"

#include <algorithm>
#include <filesystem>
#include <string>

#include <boost/test/unit_test.hpp>

#include "eval/corpus.hpp"
#include "jisr/error.hpp"
#include "eval/eval_set.hpp"
#include "jisr/model.hpp"
#include "jisr/text.hpp"

namespace fs = std::filesystem;
using namespace jisr;

namespace {

const fs::path kData = fs::path(JISR_TEST_DATA_DIR) / "eval";

Alignment beads_of(const std::string& file) {
  const fs::path p = kData / file;
  return parse_beads(load_text(p.string()), p.string());
}

std::vector<IndexBead> index_beads_of(const std::string& file) {
  const fs::path p = kData / file;
  return parse_index_beads(load_text(p.string()), p.string());
}

std::vector<Sentence> sentences(std::initializer_list<const char*> texts) {
  std::vector<Sentence> out;
  for (const char* t : texts) out.push_back(Sentence{t, {}, 0});
  return out;
}

SetRunOptions set_options() {
  SetRunOptions o;
  o.model = Model::load(fs::path(JISR_MODELS_DIR) / "ar-en.json");
  o.rules_dir = fs::path(JISR_MODELS_DIR) / "split";
  return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eval)

BOOST_AUTO_TEST_CASE(bad_bead_names_file_and_line) {
  try {
    (void)beads_of("bad.beads");
    BOOST_FAIL("no error for a malformed bead");
  } catch (const InputError& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("bad.beads:3:") != std::string::npos, what);
  }
}

BOOST_AUTO_TEST_CASE(trailing_score_is_ignored) {
  const Alignment a = beads_of("test.beads");
  BOOST_TEST(a.size() == 8u);
  BOOST_TEST(a.back().src_begin == 5u);
  BOOST_TEST(a.back().tgt_end == 6u);
}

BOOST_AUTO_TEST_CASE(non_consecutive_side_needs_index_beads) {
  BOOST_CHECK_THROW((void)beads_of("orig.beads"), InputError);
  const auto b = index_beads_of("orig.beads");
  BOOST_TEST(b.size() == 5u);
  BOOST_TEST((b[1].src == std::vector<std::uint32_t>{1, 4}));
}

BOOST_AUTO_TEST_CASE(strict_and_lax_over_pairs) {
  const Counts c = count_matches(beads_of("gold.beads"), beads_of("test.beads"));
  BOOST_TEST(c.gold == 4u);
  BOOST_TEST(c.test == 4u);
  BOOST_TEST(c.strict_tp_test == 2u);
  BOOST_TEST(c.lax_tp_test == 4u);
  BOOST_TEST(c.strict_tp_gold == 2u);
  BOOST_TEST(c.lax_tp_gold == 4u);
  BOOST_TEST(strict_prf(c).f1 == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(lax_prf(c).f1 == 1.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(null_beads_match_only_identically) {
  const Counts c = count_matches(beads_of("gold.beads"), beads_of("test.beads"), EvalOptions{true});
  BOOST_TEST(c.gold == 6u);
  BOOST_TEST(c.test == 8u);
  BOOST_TEST(c.strict_tp_test == 4u);  // two pairs and []:[3], [4]:[]
  BOOST_TEST(c.lax_tp_test == 6u);     // []:[2] and [3]:[] are wrong
  BOOST_TEST(c.strict_tp_gold == 4u);
  BOOST_TEST(c.lax_tp_gold == 6u);
  BOOST_TEST(strict_prf(c).precision == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(strict_prf(c).recall == 4.0 / 6.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(vecalign_protocol_mixes_precision_and_recall_sets) {
  const Counts c = count_vecalign(index_beads_of("orig.beads"), index_beads_of("orig_test.beads"));
  BOOST_TEST(c.test == 7u);  // every test bead, null ones too
  BOOST_TEST(c.strict_tp_test == 2u);
  BOOST_TEST(c.lax_tp_test == 3u);
  BOOST_TEST(c.gold == 4u);  // gold beads with both sides non-empty
  BOOST_TEST(c.strict_tp_gold == 1u);
  BOOST_TEST(c.lax_tp_gold == 2u);
}

BOOST_AUTO_TEST_CASE(vecalign_counts_duplicate_beads_once) {
  auto test = index_beads_of("orig_test.beads");
  test.push_back(test.front());
  const Counts c = count_vecalign(index_beads_of("orig.beads"), test);
  BOOST_TEST(c.test == 7u);
  BOOST_TEST(c.strict_tp_test == 2u);
}

BOOST_AUTO_TEST_CASE(type_table_counts_each_bead_type) {
  TypeTable t;
  count_types(beads_of("gold.beads"), beads_of("test.beads"), t);
  BOOST_TEST(t.size() == 5u);
  auto row = [&t](int a, int b) { return t.at(BeadType{a, b}); };
  BOOST_TEST(row(1, 1).gold == 2u);
  BOOST_TEST(row(1, 1).gold_strict == 2u);
  BOOST_TEST(row(1, 1).test == 4u);
  BOOST_TEST(row(1, 1).test_strict == 2u);
  BOOST_TEST(row(1, 2).gold == 1u);
  BOOST_TEST(row(1, 2).gold_strict == 0u);
  BOOST_TEST(row(1, 2).gold_lax == 1u);
  BOOST_TEST(row(2, 1).gold_lax == 1u);
  BOOST_TEST(row(0, 1).gold_strict == 1u);
  BOOST_TEST(row(0, 1).test == 2u);
  BOOST_TEST(row(1, 0).test_strict == 1u);
}

BOOST_AUTO_TEST_CASE(white_space_is_collapsed_and_trimmed) {
  BOOST_TEST(normalize_space("  a\t\nb\u3000c  ") == "a b c");
  BOOST_TEST(normalize_space("\u00a0x\u2009y\u202f") == "x y");
  BOOST_TEST(normalize_space("كان  البحر") == "كان البحر");
  BOOST_TEST(normalize_space(" \n ").empty());
}

BOOST_AUTO_TEST_CASE(text_pairs_count_split_errors) {
  const auto src = sentences({"a  b", "c"});
  const auto tgt = sentences({"x", "y\u00a0z"});
  const Alignment gold{Bead{0, 1, 0, 1}, Bead{1, 2, 1, 2}};
  const auto gold_pairs = text_pairs(src, tgt, gold);
  BOOST_TEST(gold_pairs[0].first == "a b");
  BOOST_TEST(gold_pairs[1].second == "y z");
  // The same text split differently: one merged pair, which matches neither.
  const auto test_pairs =
      text_pairs(sentences({"a b c"}), sentences({"x  y z"}), {Bead{0, 1, 0, 1}});
  const TextCounts wrong = count_text_pairs(gold_pairs, test_pairs);
  BOOST_TEST(wrong.correct == 0u);
  BOOST_TEST(wrong.test == 1u);
  const TextCounts right = count_text_pairs(gold_pairs, gold_pairs);
  BOOST_TEST(text_prf(right).f1 == 1.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(repeated_pairs_count_as_a_multiset) {
  const std::vector<TextPair> gold{{"نعم", "Yes"}, {"نعم", "Yes"}, {"لا", "No"}};
  const std::vector<TextPair> test{{"نعم", "Yes"}, {"نعم", "Yes"}, {"نعم", "Yes"}};
  const TextCounts c = count_text_pairs(gold, test);
  BOOST_TEST(c.correct == 2u);
  BOOST_TEST(text_prf(c).precision == 2.0 / 3.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(set_run_keeps_document_order_whatever_the_threads) {
  const CorpusSet set = open_set(kData / "set");
  BOOST_TEST(set.src_lang == "ar");
  SetRunOptions one = set_options(), two = set_options();
  one.threads = 1;
  two.threads = 2;
  const auto a = run_set(set, one), b = run_set(set, two);
  BOOST_TEST_REQUIRE(a.size() == 2u);
  BOOST_TEST(a[0].name == "harbour");
  BOOST_TEST(a[1].name == "market");
  for (std::size_t k = 0; k < a.size(); ++k) BOOST_TEST((a[k].test == b[k].test));
  const SetScores s = score_runs(a, false);
  BOOST_TEST(s.documents == 2u);
  BOOST_TEST(s.src_sentences == 5u);
  BOOST_TEST(s.tgt_sentences == 7u);
  BOOST_TEST(s.pairs.gold == 5u);
  BOOST_TEST(s.all.gold == 6u);
  // Pooled counts are the sums of the documents' counts.
  const SetScores d0 = score_document(a[0], false), d1 = score_document(a[1], false);
  BOOST_TEST(s.pairs.strict_tp_test == d0.pairs.strict_tp_test + d1.pairs.strict_tp_test);
  BOOST_TEST(s.text.correct == d0.text.correct + d1.text.correct);
}

BOOST_AUTO_TEST_CASE(document_list_selects_documents) {
  const CorpusSet set = open_set(kData / "set", kData / "set_list.txt");
  BOOST_TEST_REQUIRE(set.docs.size() == 1u);
  BOOST_TEST(set.docs[0].name == "market");
}

BOOST_AUTO_TEST_CASE(raw_text_run_splits_the_running_text) {
  const CorpusSet set = open_set(kData / "set");
  SetRunOptions o = set_options();
  o.raw_text = true;
  const auto runs = run_set(set, o);
  const SetScores s = score_runs(runs, true);
  BOOST_TEST(s.text.gold == 5u);
  BOOST_TEST(s.src_sentences >= 2u);
  BOOST_TEST(s.text.test >= 1u);
  BOOST_TEST(s.text.correct <= std::min(s.text.test, s.text.gold));
  // Bead counts are not computed for raw text: its sentences are not the gold ones.
  BOOST_TEST(s.pairs.gold == 0u);
}

BOOST_AUTO_TEST_CASE(missing_gold_file_is_an_input_error) {
  BOOST_CHECK_THROW((void)open_set(kData / "no-such-set"), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
