// Tests of the model file (jisr/model.hpp): the bundled models load with
// sane values, from_json rejects malformed models with a message that names
// the fault, and to_json / from_json keep every field.
#define BOOST_TEST_MODULE model
#include "jisr/model.hpp"

#include <cmath>
#include <filesystem>
#include <optional>
#include <random>
#include <string>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

namespace fs = std::filesystem;
using jisr::BeadType;
using jisr::Model;
using jisr::ModelError;
using nlohmann::json;

namespace {

const fs::path kModels = JISR_MODELS_DIR;

// A small valid model; cases change one thing in it.
json valid_model() {
  return json::parse(R"({
    "format": "jisr-model", "version": 1, "name": "t", "src_lang": "ar", "tgt_lang": "en",
    "length": {"c": 1.1, "s2": 3.0},
    "priors": {"1-1": 0.9, "1-0": 0.05, "0-1": 0.05},
    "ending_cost": {"null": [0.5, -1.0], "one": [0.0, 0.1], "many": [0.0, 2.0]},
    "anchors": {"use": true, "weight": 1.0, "cap": 3.0, "p_match": {"number": 0.9}}
  })");
}

// The ModelError message from_json gives for `text`, or "" if it accepts it.
std::string error_of(const std::string& text) {
  try {
    (void)Model::from_json(text, "m.json");
  } catch (const ModelError& e) {
    return e.what();
  }
  return "";
}

std::string error_of(const json& j) { return error_of(j.dump()); }

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

void check_sane(const Model& m) {
  BOOST_TEST(m.version == jisr::kModelVersion);
  BOOST_TEST(m.length.c > 0.5);
  BOOST_TEST(m.length.c < 2.0);
  BOOST_TEST(m.length.s2 > 0.1);
  BOOST_TEST(m.length.s2 < 100.0);
  BOOST_TEST(m.length.outlier >= 0.0);
  BOOST_TEST(m.length.outlier <= 0.5);
  double sum = 0, largest = 0;
  for (const auto& [type, p] : m.priors) {
    BOOST_TEST(p > 0.0);
    sum += p;
    largest = std::max(largest, p);
  }
  BOOST_TEST(std::abs(sum - 1.0) < 1e-6);
  BOOST_TEST(m.priors.at(BeadType{1, 1}) == largest);  // 1-1 is the most common bead
  BOOST_TEST(m.priors.contains(BeadType{1, 0}));
  BOOST_TEST(m.priors.contains(BeadType{0, 1}));
  for (const auto& [type, p] : m.anchors.p_match) {
    BOOST_TEST(p > 0.0);
    BOOST_TEST(p < 1.0);
  }
  BOOST_TEST(m.anchors.weight > 0.0);
  BOOST_TEST(m.anchors.cap > 0.0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(model)

BOOST_AUTO_TEST_CASE(bundled_ar_en_model_loads_with_sane_values) {
  const Model m = Model::load(kModels / "ar-en.json");
  BOOST_TEST(m.name == "ar-en");
  BOOST_TEST(m.src_lang == "ar");
  BOOST_TEST(m.tgt_lang == "en");
  check_sane(m);
  // Arabic is written without short vowels, so English takes more letters.
  BOOST_TEST(m.length.c > 1.0);
  // The lexicon is resolved against the model's folder and is there.
  BOOST_TEST(m.anchors.lexicon.is_absolute() == kModels.is_absolute());
  BOOST_TEST(fs::exists(m.anchors.lexicon), m.anchors.lexicon);
}

BOOST_AUTO_TEST_CASE(bundled_generic_model_loads_with_sane_values) {
  const Model m = Model::load(kModels / "generic.json");
  BOOST_TEST(m.name == "generic");
  check_sane(m);
  BOOST_TEST(m.anchors.lexicon.empty());
}

BOOST_AUTO_TEST_CASE(valid_base_model_is_accepted) {
  // The cases below change one thing in this model; it must pass as it is.
  BOOST_TEST(error_of(valid_model()) == "");
}

BOOST_AUTO_TEST_CASE(text_that_is_not_json_is_rejected_with_byte_position) {
  // nlohmann counts bytes from 1: the second comma is byte 8.
  const std::string msg = error_of(std::string(R"({"a":1,,})"));
  BOOST_TEST(contains(msg, "m.json"), msg);
  BOOST_TEST(contains(msg, "not valid JSON at byte 8"), msg);
  BOOST_TEST(contains(error_of(std::string("")), "not valid JSON"));
  BOOST_TEST(contains(error_of(std::string("[1, 2]")), "must be a JSON object"));
}

BOOST_AUTO_TEST_CASE(wrong_format_is_rejected) {
  json j = valid_model();
  j["format"] = "hunalign-dictionary";
  BOOST_TEST(contains(error_of(j), "not a jisr model"));
  j.erase("format");
  BOOST_TEST(contains(error_of(j), "not a jisr model"));
}

BOOST_AUTO_TEST_CASE(other_version_is_rejected) {
  json j = valid_model();
  j["version"] = 2;
  const std::string msg = error_of(j);
  BOOST_TEST(contains(msg, "version 2"), msg);
  j.erase("version");
  BOOST_TEST(contains(error_of(j), "missing \"version\""));
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_rejected_at_every_level) {
  json top = valid_model();
  top["colour"] = "blue";
  BOOST_TEST(contains(error_of(top), "unknown key \"colour\""));
  json length = valid_model();
  length["length"]["ratio"] = 1.0;
  BOOST_TEST(contains(error_of(length), "length: unknown key \"ratio\""));
  json anchors = valid_model();
  anchors["anchors"]["bonus"] = 1.0;
  BOOST_TEST(contains(error_of(anchors), "unknown key \"bonus\""));
}

BOOST_AUTO_TEST_CASE(missing_length_is_rejected) {
  json j = valid_model();
  j.erase("length");
  BOOST_TEST(contains(error_of(j), "missing object \"length\""));
  json no_c = valid_model();
  no_c["length"].erase("c");
  BOOST_TEST(contains(error_of(no_c), "missing \"c\""));
  json bad_s2 = valid_model();
  bad_s2["length"]["s2"] = "3.0";
  BOOST_TEST(contains(error_of(bad_s2), "\"s2\" must be a number"));
}

BOOST_AUTO_TEST_CASE(prior_outside_unit_interval_is_rejected) {
  for (const double p : {1.5, -0.1}) {
    json j = valid_model();
    j["priors"]["2-1"] = p;
    const std::string msg = error_of(j);
    BOOST_TEST_CONTEXT("p = " << p) { BOOST_TEST(contains(msg, "outside [0, 1]"), msg); }
  }
}

BOOST_AUTO_TEST_CASE(priors_without_one_to_one_are_rejected) {
  json j = valid_model();
  j["priors"].erase("1-1");
  BOOST_TEST(contains(error_of(j), "must include \"1-1\""));
  // A 1-1 prior of 0 is as good as none.
  json zero = valid_model();
  zero["priors"]["1-1"] = 0.0;
  BOOST_TEST(contains(error_of(zero), "must include \"1-1\""));
}

BOOST_AUTO_TEST_CASE(malformed_bead_types_are_rejected) {
  for (const std::string bad : {"2x1", "2-", "-1", "0-0", "a-b", "123-1"}) {
    json j = valid_model();
    j["priors"][bad] = 0.01;
    BOOST_TEST_CONTEXT(bad) { BOOST_TEST(contains(error_of(j), "bad bead type \"" + bad + "\"")); }
  }
  BOOST_CHECK_THROW((void)jisr::parse_bead_type("2x1"), ModelError);
  BOOST_TEST((jisr::parse_bead_type("2-1") == BeadType{2, 1}));
  BOOST_TEST((jisr::parse_bead_type("0-1") == BeadType{0, 1}));
  BOOST_TEST(jisr::to_string(BeadType{1, 4}) == "1-4");
  json big = valid_model();
  big["priors"]["9-1"] = 0.01;
  BOOST_TEST(contains(error_of(big), "larger than 8-8"));
}

BOOST_AUTO_TEST_CASE(malformed_ending_cost_is_rejected) {
  json short_pair = valid_model();
  short_pair["ending_cost"]["one"] = {0.1};
  BOOST_TEST(contains(error_of(short_pair), "\"one\" must be [final, not final]"));
  json text = valid_model();
  text["ending_cost"]["many"] = {"a", 1.0};
  BOOST_TEST(contains(error_of(text), "\"many\" must be [final, not final]"));
  json huge = valid_model();
  huge["ending_cost"]["null"] = {0.0, 100.0};
  BOOST_TEST(contains(error_of(huge), "allowed: -50 to 50"));
  json not_object = valid_model();
  not_object["ending_cost"] = {1, 2};
  BOOST_TEST(contains(error_of(not_object), "must be an object"));
  json marks = valid_model();
  marks["ending_cost"]["runs_on"] = {",", ""};
  BOOST_TEST(contains(error_of(marks), "\"runs_on\" must hold non-empty strings"));
  json unknown = valid_model();
  unknown["ending_cost"]["two"] = {0.0, 0.0};
  BOOST_TEST(contains(error_of(unknown), "unknown key \"two\""));
}

BOOST_AUTO_TEST_CASE(unknown_anchor_type_is_rejected) {
  json j = valid_model();
  j["anchors"]["p_match"]["colour"] = 0.5;
  BOOST_TEST(contains(error_of(j), "unknown anchor type \"colour\""));
  json certain = valid_model();
  certain["anchors"]["p_match"]["number"] = 1.0;  // log(1 - p) would be -inf
  BOOST_TEST(contains(error_of(certain), "outside"));
}

BOOST_AUTO_TEST_CASE(to_json_then_from_json_keeps_every_field) {
  Model m;
  m.name = "test \"quoted\" name";
  m.src_lang = "ar";
  m.tgt_lang = "fr";
  m.length.c = 1.2345678901234567;
  m.length.s2 = 4.321;
  m.length.per_document = false;
  m.length.outlier = 0.0123;
  m.priors = {{{1, 1}, 0.8}, {{1, 0}, 0.05}, {{0, 1}, 0.04}, {{2, 1}, 0.06}, {{1, 3}, 0.05}};
  m.paragraph_penalty = 3.5;
  m.ending_cost = {{{0.25, -1.5}, {-0.125, 0.5}, {1.0, 4.0}}};
  m.runs_on = {",", "\xD8\x8C"};  // , and ،
  m.use_anchors = false;
  m.anchors.weight = 0.6;
  m.anchors.cap = 7.0;
  m.anchors.stray_cost = 1.5;
  m.anchors.p_match = {{jisr::AnchorType::number, 0.95}, {jisr::AnchorType::name, 0.4},
                       {jisr::AnchorType::url, 0.7}};
  m.anchors.lexicon = "anchors/x.tsv";
  m.provenance = "jisr train --set a; data: a (1 document)";

  const Model r = Model::from_json(m.to_json(), "round-trip");
  BOOST_TEST(r.version == m.version);
  BOOST_TEST(r.name == m.name);
  BOOST_TEST(r.src_lang == m.src_lang);
  BOOST_TEST(r.tgt_lang == m.tgt_lang);
  BOOST_TEST(r.length.c == m.length.c);  // exact: JSON numbers keep 17 digits
  BOOST_TEST(r.length.s2 == m.length.s2);
  BOOST_TEST(r.length.per_document == m.length.per_document);
  BOOST_TEST(r.length.outlier == m.length.outlier);
  BOOST_TEST((r.priors == m.priors));
  BOOST_TEST(r.paragraph_penalty == m.paragraph_penalty);
  BOOST_TEST((r.ending_cost == m.ending_cost));
  BOOST_TEST((r.runs_on == m.runs_on));
  BOOST_TEST(r.use_anchors == m.use_anchors);
  BOOST_TEST(r.anchors.weight == m.anchors.weight);
  BOOST_TEST(r.anchors.cap == m.anchors.cap);
  BOOST_TEST(r.anchors.stray_cost == m.anchors.stray_cost);
  BOOST_TEST((r.anchors.p_match == m.anchors.p_match));
  BOOST_TEST(r.anchors.lexicon == m.anchors.lexicon);
  BOOST_TEST(r.provenance == m.provenance);
}

BOOST_AUTO_TEST_CASE(clause_weights_survive_a_round_trip_and_split_weight_is_written_only_when_set) {
  Model m;
  m.priors = {{{1, 1}, 0.8}, {{1, 0}, 0.05}, {{0, 1}, 0.04}, {{1, 2}, 0.06}};
  m.clauses.length_weight = 0.25;
  m.clauses.anchor_weight = 0.5;
  m.clauses.rules["ar"] = {};
  // Unset, the key is absent, so that models trained before it read back byte for byte.
  BOOST_TEST(m.to_json().find("split_weight") == std::string::npos);
  m.clauses.split_weight = 1.5;
  const Model r = Model::from_json(m.to_json(), "round-trip");
  BOOST_TEST(r.clauses.length_weight == 0.25);
  BOOST_TEST(r.clauses.anchor_weight == 0.5);
  BOOST_TEST(r.clauses.split_weight == 1.5);
  BOOST_TEST(r.to_json() == m.to_json());
  // The bundled Arabic–English model weighs the split evidence.
  BOOST_TEST(Model::load(kModels / "ar-en.json").clauses.split_weight > 0.0);
}

BOOST_AUTO_TEST_CASE(heading_outlier_share_is_kept_written_only_when_set_and_not_below_open_lines) {
  json j = valid_model();
  j["length"]["outlier_open"] = 0.001;
  BOOST_TEST(!Model::from_json(j.dump(), "plain").length.outlier_heading.has_value());
  BOOST_TEST(!contains(Model::from_json(j.dump(), "plain").to_json(), "outlier_heading"));
  j["length"]["outlier_heading"] = 0.05;
  const Model m = Model::from_json(j.dump(), "heading");
  BOOST_TEST((m.length.outlier_heading == std::optional<double>(0.05)));
  BOOST_TEST(Model::from_json(m.to_json(), "round-trip").to_json() == m.to_json());
  // Below the open lines' share it would make a heading pair dearer than
  // the same pair of open lines whose keys do not agree.
  j["length"]["outlier_heading"] = 0.0005;
  BOOST_TEST(contains(error_of(j), "outlier_heading"), error_of(j));
  // The bundled Arabic–English model has one, fitted on its training gold.
  const Model shipped = Model::load(kModels / "ar-en.json");
  BOOST_REQUIRE(shipped.length.outlier_heading.has_value());
  BOOST_TEST(*shipped.length.outlier_heading > shipped.length.outlier_open);
}

BOOST_AUTO_TEST_CASE(furniture_rules_survive_a_round_trip_and_a_bad_pattern_is_named) {
  json j = valid_model();
  j["furniture"] = json::parse(R"({"cost": 3.5, "max_length": 60,
                                   "kinds": {"trail": {"*": ["^home\\s*>"]},
                                             "comments": {"en": ["^comments\\s*\\(\\d+\\)$"]}}})");
  const Model m = Model::from_json(j.dump(), "furniture");
  BOOST_TEST(m.furniture.cost == 3.5);
  BOOST_TEST(m.furniture.max_length == 60u);
  BOOST_TEST(m.furniture.kinds.size() == 2u);
  BOOST_TEST(m.furniture.kinds.at("comments").at("en").size() == 1u);
  BOOST_REQUIRE(m.furniture.matcher != nullptr);  // compiled when read
  const Model r = Model::from_json(m.to_json(), "round-trip");
  BOOST_TEST(r.to_json() == m.to_json());
  BOOST_TEST((r.furniture.kinds == m.furniture.kinds));
  // Without rules the key is absent, so that models without it read back byte for byte.
  BOOST_TEST(Model::from_json(valid_model().dump(), "plain").to_json().find("furniture") == std::string::npos);
  // A pattern ICU cannot compile is named, with the file and its kind.
  j["furniture"]["kinds"]["comments"]["en"] = {"^share (this"};
  const std::string e = error_of(j);
  BOOST_TEST(e.find("furniture pattern \"^share (this\"") != std::string::npos, e);
  BOOST_TEST(e.find("m.json: furniture: kind \"comments\"") != std::string::npos, e);
  j["furniture"]["kinds"]["comments"]["en"] = {""};
  BOOST_TEST(error_of(j).find("not a non-empty string") != std::string::npos, error_of(j));
  j["furniture"]["kinds"] = json::object();
  BOOST_TEST(error_of(j).find("\"kinds\" must be an object of kinds") != std::string::npos, error_of(j));
  j["furniture"]["kinds"] = json::parse(R"({"": {"en": ["^x"]}})");
  BOOST_TEST(error_of(j).find("a kind without a name") != std::string::npos, error_of(j));
  j["furniture"] = json::parse(R"({"kinds": {"share": {"en": ["^x"]}}})");
  BOOST_TEST(error_of(j).find("missing \"cost\"") != std::string::npos, error_of(j));
  // Rules written before kinds ("patterns" by language) are one kind.
  j["furniture"] = json::parse(R"({"cost": 2, "patterns": {"*": ["^home\\s*>"], "en": ["^share$"]}})");
  const Model old = Model::from_json(j.dump(), "older");
  BOOST_TEST(old.furniture.kinds.size() == 1u);
  BOOST_TEST(old.furniture.kinds.begin()->second.at("en").front() == "^share$");
  BOOST_TEST(Model::from_json(old.to_json(), "rewritten").to_json() == old.to_json());
  j["furniture"]["kinds"] = json::parse(R"({"share": {"en": ["^x"]}})");
  BOOST_TEST(error_of(j).find("\"kinds\" and \"patterns\" both given") != std::string::npos, error_of(j));
  // More kinds than a line's mask holds are refused.
  json many = json::object();
  for (int k = 0; k < 64; ++k) many["kind" + std::to_string(k)] = {{"en", {"^k" + std::to_string(k) + "$"}}};
  j["furniture"] = {{"cost", 1}, {"kinds", many}};
  BOOST_TEST(error_of(j).find("64 kinds of furniture; at most 63") != std::string::npos, error_of(j));
  // The bundled Arabic–English model ships the rules of models/anchors/furniture.json.
  const Model shipped = Model::load(kModels / "ar-en.json");
  BOOST_TEST(shipped.furniture.cost > 0.0);
  BOOST_TEST((shipped.furniture.kinds ==
              jisr::parse_furniture_params(jisr::load_text((kModels / "anchors" / "furniture.json").string()),
                                           "furniture.json")
                  .kinds));
}

BOOST_AUTO_TEST_CASE(a_model_without_unaligned_beads_is_refused) {
  // Without 1-0 and 0-1 sides of different lengths have no alignment.
  for (const char* missing : {"1-0", "0-1"}) {
    Model m;
    m.priors = {{{1, 1}, 0.9}, {{1, 0}, 0.05}, {{0, 1}, 0.05}};
    m.priors.erase(jisr::parse_bead_type(missing));
    BOOST_CHECK_EXCEPTION((void)Model::from_json(m.to_json(), "m.json"), ModelError,
                          [&](const ModelError& e) {
                            return std::string(e.what()).find(std::string("\"") + missing + "\"") !=
                                   std::string::npos;
                          });
    m.priors[jisr::parse_bead_type(missing)] = 0.0;
    BOOST_CHECK_THROW((void)Model::from_json(m.to_json(), "m.json"), ModelError);
  }
}

BOOST_AUTO_TEST_CASE(save_then_load_resolves_lexicon_against_the_model_folder) {
  std::random_device rd;
  const fs::path dir = fs::temp_directory_path() / ("jisr-model-test-" + std::to_string(rd()));
  fs::create_directories(dir);
  Model m;
  m.priors = {{{1, 1}, 0.9}, {{1, 0}, 0.05}, {{0, 1}, 0.05}};
  m.anchors.lexicon = "lex.tsv";
  m.save(dir / "m.json");
  const Model r = Model::load(dir / "m.json");
  BOOST_TEST(r.anchors.lexicon == dir / "lex.tsv");
  BOOST_TEST((r.priors == m.priors));
  fs::remove_all(dir);
  BOOST_CHECK_THROW((void)Model::load(dir / "m.json"), ModelError);
}

BOOST_AUTO_TEST_SUITE_END()
