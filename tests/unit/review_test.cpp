// Tests of the review page writer (src/formats/html.hpp) and of the anchor
// spans it highlights (src/evidence/anchor_spans.hpp). The page's behaviour
// in a browser is tested by tests/browser/review_page.py.
#define BOOST_TEST_MODULE review
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "jisr/model.hpp"
#include "align/pipeline.hpp"

#include "evidence/anchor_spans.hpp"
#include "formats/html.hpp"

using jisr::Document;

namespace {

Document doc(const std::string& lang, const std::vector<std::string>& texts) {
  Document d;
  d.name = "/some/folder/" + lang + ".txt";
  d.lang = lang;
  for (const auto& t : texts) d.sentences.push_back({t, {0, t.size()}, 0});
  return d;
}

const jisr::Model& model() {
  static const jisr::Model m = jisr::Model::load(std::string(JISR_MODELS_DIR) + "/ar-en.json");
  return m;
}

// The texts of the spans of one sentence.
std::vector<std::string> span_texts(const std::string& text,
                                    const std::vector<jisr::AnchorSpan>& spans) {
  std::vector<std::string> out;
  for (const auto& s : spans) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string page(const Document& s, const Document& t, const jisr::Alignment& a,
                 const jisr::OutputOptions& o, const jisr::ReviewEvidence* e = nullptr) {
  std::ostringstream out;
  (void)jisr::write_html(s, t, a, o, out, e);
  return out.str();
}

nlohmann::json page_data(const std::string& html) {
  const std::string open = "id=\"jisr-data\">";
  const auto b = html.find(open);
  const auto e = html.find("</script>", b);
  BOOST_REQUIRE(b != std::string::npos && e != std::string::npos);
  return nlohmann::json::parse(html.substr(b + open.size(), e - b - open.size()));
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(review)

BOOST_AUTO_TEST_CASE(spans_find_numbers_names_and_months_on_both_sides) {
  const Document ar = doc("ar", {"وصل ٣٬٧٥٠ لاجئ إلى إدلب في ٢٥ تموز."});
  const Document en = doc("en", {"3,750 refugees reached Idlib on 25 July."});
  const jisr::DocumentAnchors anchors = jisr::find_document_anchors(model(), ar, en);
  const jisr::AnchorSpans spans = jisr::find_anchor_spans(model(), ar, en, anchors);
  BOOST_REQUIRE_EQUAL(spans.src.size(), 1U);
  BOOST_REQUIRE_EQUAL(spans.tgt.size(), 1U);
  const auto ar_texts = span_texts(ar.sentences[0].text, spans.src[0]);
  const auto en_texts = span_texts(en.sentences[0].text, spans.tgt[0]);
  for (const char* x : {"٣٬٧٥٠", "إدلب", "٢٥", "تموز"}) BOOST_TEST(has(ar_texts, x), x);
  for (const char* x : {"3,750", "Idlib", "25", "July"}) BOOST_TEST(has(en_texts, x), x);
  // The Arabic and English number carry the same key.
  auto key_of = [](const std::string& text, const std::vector<jisr::AnchorSpan>& s,
                   const std::string& x) {
    for (const auto& span : s)
      if (text.substr(span.begin, span.end - span.begin) == x) return span.key;
    return std::uint32_t(-1);
  };
  BOOST_TEST(key_of(ar.sentences[0].text, spans.src[0], "٣٬٧٥٠") ==
             key_of(en.sentences[0].text, spans.tgt[0], "3,750"));
  BOOST_TEST(key_of(ar.sentences[0].text, spans.src[0], "تموز") ==
             key_of(en.sentences[0].text, spans.tgt[0], "July"));
}

BOOST_AUTO_TEST_CASE(page_holds_every_bead_and_keeps_sentences_inside_the_script) {
  const Document ar = doc("ar", {"نعم </script><script>alert(1)</script>", "لا"});
  const Document en = doc("en", {"Yes <!-- & \"quoted\"", "No", "Extra"});
  jisr::Bead a{0, 1, 0, 1};
  a.score = 0.91234;
  jisr::Bead b{1, 2, 1, 2};
  b.score = 0.2;
  jisr::Bead c{2, 2, 2, 3};
  jisr::OutputOptions o;
  o.creation_date = "20250303T101500Z";
  o.min_score = 0.3;
  const std::string html = page(ar, en, {a, b, c}, o);
  // Two script elements: the data and the code; a sentence cannot end one.
  BOOST_TEST(count(html, "</script>") == 2U);
  BOOST_TEST(html.find("{{") == std::string::npos);
  const nlohmann::json data = page_data(html);
  BOOST_TEST(data["s"][0].get<std::string>() == ar.sentences[0].text);
  BOOST_TEST(data["t"][0].get<std::string>() == en.sentences[0].text);
  BOOST_REQUIRE_EQUAL(data["b"].size(), 3U);
  BOOST_TEST(data["b"][0][4].get<std::string>() == "0.9123");
  BOOST_TEST(data["b"][0][5].get<double>() == 0.91234);
  BOOST_TEST(data["meta"]["creationDate"].get<std::string>() == "20250303T101500Z");
  BOOST_TEST(data["meta"]["doubtful"].get<double>() == 0.3);
  BOOST_TEST(data["meta"]["src"]["file"].get<std::string>() == "ar.txt");
}

BOOST_AUTO_TEST_CASE(page_loads_nothing_from_the_network) {
  const Document ar = doc("ar", {"نعم"});
  const Document en = doc("en", {"Yes"});
  const std::string html = page(ar, en, {jisr::Bead{0, 1, 0, 1}}, {});
  for (const char* ref :
       {"src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import", "url(http"})
    BOOST_TEST(html.find(ref) == std::string::npos, ref);
  BOOST_TEST(html.find("Content-Security-Policy") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(page_lists_only_keys_found_on_both_sides) {
  const Document ar = doc("ar", {"وصل ٣٬٧٥٠ لاجئ إلى إدلب.", "في ٢٠١٩."});
  const Document en = doc("en", {"3,750 refugees reached Idlib.", "In 2020."});
  const jisr::DocumentAnchors anchors = jisr::find_document_anchors(model(), ar, en);
  const jisr::AnchorSpans spans = jisr::find_anchor_spans(model(), ar, en, anchors);
  const jisr::ReviewEvidence evidence{&anchors, &spans};
  const nlohmann::json data =
      page_data(page(ar, en, {jisr::Bead{0, 1, 0, 1}, jisr::Bead{1, 2, 1, 2}}, {}, &evidence));
  std::vector<std::string> keys;
  for (const auto& k : data["keys"]) keys.push_back(k[1].get<std::string>());
  BOOST_TEST(has(keys, "num:3750"));
  BOOST_TEST(!has(keys, "num:2019"));
  BOOST_TEST(!has(keys, "num:2020"));
  // The second sentences share nothing: no marks.
  BOOST_TEST(data["hs"][1].is_number());
  BOOST_TEST(data["hs"][0].is_array());
}

BOOST_AUTO_TEST_SUITE_END()
