#include "jisr/model.hpp"

#include "evidence/clauses.hpp"
#include "evidence/furniture.hpp"
#include "model/calibration.hpp"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"
#include "evidence/dictionary.hpp"
#include "jisr/text.hpp"

namespace jisr {

using nlohmann::json;

BeadType parse_bead_type(const std::string& text) {
  const auto dash = text.find('-');
  auto digits = [&](std::string_view s) {
    if (s.empty() || s.size() > 2) return -1;
    int v = 0;
    for (const char c : s) {
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  if (dash != std::string::npos) {
    const int a = digits(std::string_view(text).substr(0, dash));
    const int b = digits(std::string_view(text).substr(dash + 1));
    if (a >= 0 && b >= 0 && a + b > 0) return {a, b};
  }
  throw ModelError(fmt::format("bad bead type \"{}\", expected such as \"2-1\"", text));
}

std::string to_string(BeadType type) { return fmt::format("{}-{}", type.src, type.tgt); }

namespace {

// Reads a required number in [lo, hi] from object `j` under `key`.
double number(const json& j, const char* key, double lo, double hi, const std::string& where) {
  if (!j.contains(key)) throw ModelError(fmt::format("{}: missing \"{}\"", where, key));
  const json& v = j.at(key);
  if (!v.is_number()) throw ModelError(fmt::format("{}: \"{}\" must be a number", where, key));
  const double x = v.get<double>();
  if (!std::isfinite(x) || x < lo || x > hi)
    throw ModelError(fmt::format("{}: \"{}\" = {} is outside [{}, {}]", where, key, x, lo, hi));
  return x;
}

void reject_unknown_keys(const json& j, const std::set<std::string>& known,
                         const std::string& where) {
  for (const auto& [key, value] : j.items())
    if (!known.contains(key)) throw ModelError(fmt::format("{}: unknown key \"{}\"", where, key));
}

// Patterns by language tag: {"en": [...], "*": [...]}.
std::map<std::string, std::vector<std::string>> parse_patterns(const json& by_lang, const std::string& where) {
  if (!by_lang.is_object()) throw ModelError(fmt::format("{} must be an object of pattern lists by language", where));
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [lang, list] : by_lang.items()) {
    if (!list.is_array()) throw ModelError(fmt::format("{}: patterns of \"{}\" must be a list", where, lang));
    auto& patterns = out[lang];
    for (const json& x : list) {
      if (!x.is_string() || x.get<std::string>().empty())
        throw ModelError(fmt::format("{}: a pattern of \"{}\" is not a non-empty string", where, lang));
      patterns.push_back(x.get<std::string>());
    }
  }
  return out;
}

FurnitureParams parse_furniture(const json& f, const std::string& where) {
  if (!f.is_object()) throw ModelError(fmt::format("{} must be an object", where));
  reject_unknown_keys(f, {"cost", "max_length", "kinds", "patterns"}, where);
  FurnitureParams p;
  p.cost = number(f, "cost", 0, 100, where);
  if (f.contains("max_length")) p.max_length = static_cast<std::uint32_t>(number(f, "max_length", 1, 10000, where));
  if (f.contains("kinds") && f.contains("patterns"))
    throw ModelError(fmt::format("{}: \"kinds\" and \"patterns\" both given; \"patterns\" is the older form of \"kinds\"", where));
  if (!f.contains("kinds") && !f.contains("patterns"))
    throw ModelError(fmt::format("{}: \"kinds\" (pattern lists by kind, then by language) expected", where));
  if (f.contains("patterns")) {
    // Rules written before kinds: one kind, so any furniture pairs with any.
    p.kinds["furniture"] = parse_patterns(f["patterns"], where + ": patterns");
  } else {
    if (!f["kinds"].is_object() || f["kinds"].empty())
      throw ModelError(fmt::format("{}: \"kinds\" must be an object of kinds", where));
    for (const auto& [kind, by_lang] : f["kinds"].items()) {
      if (kind.empty()) throw ModelError(fmt::format("{}: a kind without a name", where));
      p.kinds[kind] = parse_patterns(by_lang, fmt::format("{}: kind \"{}\"", where, kind));
    }
  }
  p.matcher = std::make_shared<const FurnitureMatcher>(p.kinds, p.max_length, where);
  return p;
}

}  // namespace

FurnitureParams parse_furniture_params(const std::string& text, const std::string& origin) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ModelError(fmt::format("{}: not valid JSON at byte {}", origin, e.byte));
  }
  try {
    return parse_furniture(j, origin);
  } catch (const json::exception& e) {
    throw ModelError(fmt::format("{}: malformed furniture rules ({})", origin, e.what()));
  }
}

namespace {
// Models are a few kilobytes; refuse anything far larger before parsing.
constexpr std::size_t kMaxModelBytes = std::size_t{1} << 24;

Model parse_model_json(const std::string& text, const std::string& origin) {
  if (text.size() > kMaxModelBytes)
    throw ModelError(fmt::format("{}: {} bytes; a model is at most {} bytes", origin, text.size(),
                                 kMaxModelBytes));
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ModelError(fmt::format("{}: not valid JSON at byte {}", origin, e.byte));
  }
  if (!j.is_object()) throw ModelError(fmt::format("{}: a model must be a JSON object", origin));
  if (j.value("format", std::string{}) != "jisr-model")
    throw ModelError(
        fmt::format("{}: not a jisr model (\"format\" is not \"jisr-model\")", origin));
  reject_unknown_keys(j,
                      {"format", "version", "name", "src_lang", "tgt_lang", "length", "priors",
                       "document_priors", "paragraph_penalty", "ending_cost", "anchors", "clauses", "furniture",
                       "provenance"},
                      origin);
  Model m;
  const double version = number(j, "version", 0, 1e6, origin);
  if (version != kModelVersion)
    throw ModelError(fmt::format("{}: model version {} but this jisr reads version {}", origin,
                                 version, kModelVersion));
  try {
    m.name = j.value("name", std::string{});
    m.src_lang = j.value("src_lang", std::string{});
    m.tgt_lang = j.value("tgt_lang", std::string{});
    m.provenance = j.value("provenance", std::string{});
  } catch (const json::exception&) {
    throw ModelError(
        fmt::format("{}: name, src_lang, tgt_lang and provenance must be strings", origin));
  }
  if (!j.contains("length") || !j["length"].is_object())
    throw ModelError(fmt::format("{}: missing object \"length\"", origin));
  reject_unknown_keys(j["length"], {"unit", "c", "s2", "s2_open", "per_document", "outlier", "outlier_open", "outlier_heading"},
                      origin + ": length");
  if (j["length"].contains("per_document")) {
    if (!j["length"]["per_document"].is_boolean())
      throw ModelError(fmt::format("{}: length: \"per_document\" must be true or false", origin));
    m.length.per_document = j["length"]["per_document"].get<bool>();
  }
  m.length.c = number(j["length"], "c", 1e-3, 1e3, origin + ": length");
  m.length.s2 = number(j["length"], "s2", 1e-3, 1e4, origin + ": length");
  m.length.s2_open = j["length"].contains("s2_open") ? number(j["length"], "s2_open", 1e-3, 1e4, origin + ": length")
                                                     : m.length.s2;
  if (j["length"].contains("outlier")) m.length.outlier = number(j["length"], "outlier", 0, 0.5, origin + ": length");
  m.length.outlier_open = j["length"].contains("outlier_open")
                              ? number(j["length"], "outlier_open", 0, 0.5, origin + ": length")
                              : m.length.outlier;
  if (j["length"].contains("outlier_heading"))
    m.length.outlier_heading = number(j["length"], "outlier_heading", m.length.outlier_open, 0.5, origin + ": length");
  if (!j.contains("priors") || !j["priors"].is_object() || j["priors"].empty())
    throw ModelError(fmt::format("{}: missing object \"priors\"", origin));
  for (const auto& [key, value] : j["priors"].items()) {
    const BeadType t = parse_bead_type(key);
    if (t.src > 8 || t.tgt > 8)
      throw ModelError(fmt::format("{}: bead type {} is larger than 8-8", origin, key));
    const double p = number(j["priors"], key.c_str(), 0.0, 1.0, origin + ": priors");
    if (p > 0) m.priors[t] = p;
  }
  if (!m.priors.contains({1, 1}))
    throw ModelError(fmt::format("{}: priors must include \"1-1\"", origin));
  // Without 1-0 and 0-1 beads two sides of different lengths have no
  // alignment at all: the search could only drop sentences.
  for (const char* needed : {"1-0", "0-1"})
    if (!m.priors.contains(parse_bead_type(needed)))
      throw ModelError(fmt::format(
          "{}: priors must give \"{}\" a probability above 0, or sentences without a "
          "counterpart cannot be aligned",
          origin, needed));
  if (j.contains("document_priors")) {
    const json& d = j["document_priors"];
    const std::string where = origin + ": document_priors";
    if (!d.is_object()) throw ModelError(fmt::format("{} must be an object", where));
    reject_unknown_keys(d, {"ridge", "min_gain"}, where);
    m.document_priors.ridge = number(d, "ridge", 0, 1e6, where);
    if (d.contains("min_gain")) m.document_priors.min_gain = number(d, "min_gain", 0, 1e6, where);
  }
  if (j.contains("paragraph_penalty"))
    m.paragraph_penalty = number(j, "paragraph_penalty", 0, 1e3, origin);
  if (j.contains("ending_cost")) {
    const json& e = j["ending_cost"];
    const std::string where = origin + ": ending_cost";
    if (!e.is_object()) throw ModelError(fmt::format("{} must be an object", where));
    reject_unknown_keys(e, {"null", "one", "many", "runs_on"}, where);
    if (e.contains("runs_on")) {
      const json& marks = e["runs_on"];
      if (!marks.is_array()) throw ModelError(fmt::format("{}: \"runs_on\" must be an array of strings", where));
      for (const json& mark : marks) {
        if (!mark.is_string() || mark.get<std::string>().empty())
          throw ModelError(fmt::format("{}: \"runs_on\" must hold non-empty strings", where));
        m.runs_on.push_back(mark.get<std::string>());
      }
    }
    int cls = 0;
    for (const char* name : {"null", "one", "many"}) {
      if (e.contains(name)) {
        const json& pair = e[name];
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_number())
          throw ModelError(fmt::format("{}: \"{}\" must be [final, not final]", where, name));
        for (std::size_t u = 0; u < 2; ++u) {
          const double v = pair[u].get<double>();
          if (!std::isfinite(v) || std::abs(v) > 50)
            throw ModelError(fmt::format("{}: \"{}\" holds {} (allowed: -50 to 50)", where, name, v));
          m.ending_cost[static_cast<std::size_t>(cls)][u] = v;
        }
      }
      ++cls;
    }
  }
  if (j.contains("anchors")) {
    const json& a = j["anchors"];
    const std::string where = origin + ": anchors";
    if (!a.is_object()) throw ModelError(fmt::format("{} must be an object", where));
    reject_unknown_keys(a, {"use", "weight", "cap", "stray_cost", "p_match", "lexicon", "dictionary", "translations"},
                        where);
    if (a.contains("translations")) {
      const json& t = a["translations"];
      if (!t.is_object()) throw ModelError(fmt::format("{}: translations must be an object", where));
      for (const auto& [word, targets] : t.items()) {
        if (!targets.is_array()) throw ModelError(fmt::format("{}: translations of \"{}\" must be a list", where, word));
        auto& out = m.anchors.translations[word];
        for (const json& target : targets) {
          if (!target.is_string()) throw ModelError(fmt::format("{}: translations of \"{}\" must be strings", where, word));
          out.push_back(target.get<std::string>());
        }
      }
    }
    if (a.contains("dictionary")) {
      if (!a["dictionary"].is_string()) throw ModelError(fmt::format("{}: dictionary must be a name", where));
      m.anchors.dictionary = a["dictionary"].get<std::string>();
    }
    if (a.contains("use")) {
      if (!a["use"].is_boolean()) throw ModelError(fmt::format("{}: \"use\" must be true or false", where));
      m.use_anchors = a["use"].get<bool>();
    }
    if (a.contains("weight")) m.anchors.weight = number(a, "weight", 0, 100, where);
    if (a.contains("cap")) m.anchors.cap = number(a, "cap", 0, 100, where);
    if (a.contains("stray_cost")) m.anchors.stray_cost = number(a, "stray_cost", 0, 100, where);
    if (a.contains("p_match")) {
      if (!a["p_match"].is_object()) throw ModelError(fmt::format("{}: p_match must be an object", where));
      for (const auto& [key, value] : a["p_match"].items()) {
        bool known = false;
        for (int t = 0; t < static_cast<int>(AnchorType::count); ++t) {
          if (to_string(static_cast<AnchorType>(t)) == key) {
            m.anchors.p_match[static_cast<AnchorType>(t)] = number(a["p_match"], key.c_str(), 0, 0.999, where);
            known = true;
          }
        }
        if (!known) throw ModelError(fmt::format("{}: unknown anchor type \"{}\"", where, key));
      }
    }
    if (a.contains("lexicon")) {
      if (!a["lexicon"].is_string()) throw ModelError(fmt::format("{}: lexicon must be a file name", where));
      m.anchors.lexicon = a["lexicon"].get<std::string>();
    }
  }
  if (j.contains("clauses")) {
    const json& c = j["clauses"];
    const std::string where = origin + ": clauses";
    if (!c.is_object()) throw ModelError(fmt::format("{} must be an object", where));
    reject_unknown_keys(c, {"length_weight", "anchor_weight", "split_weight", "rules"}, where);
    if (c.contains("length_weight")) m.clauses.length_weight = number(c, "length_weight", 0, 100, where);
    if (c.contains("anchor_weight")) m.clauses.anchor_weight = number(c, "anchor_weight", 0, 100, where);
    if (c.contains("split_weight")) m.clauses.split_weight = number(c, "split_weight", 0, 100, where);
    if (c.contains("rules")) m.clauses.rules = parse_clause_rules(c["rules"].dump(), where);
  }
  if (j.contains("furniture")) m.furniture = parse_furniture(j["furniture"], origin + ": furniture");
  return m;
}

}  // namespace

Model Model::from_json(const std::string& text, const std::string& origin) {
  // A hostile model may put any JSON type where another is expected; a type
  // error from the JSON library is still a bad model, never a crash.
  try {
    return parse_model_json(text, origin);
  } catch (const json::exception& e) {
    throw ModelError(fmt::format("{}: malformed model ({})", origin, e.what()));
  }
}

Model Model::load(const std::filesystem::path& path, bool with_dictionary) {
  // Through the one reader: UTF-8 checked, size bounded (a model is small).
  constexpr std::size_t kMaxModelBytes = std::size_t{256} << 20;
  std::string text;
  try {
    text = load_text(path.string(), OnInvalid::fail, nullptr, kMaxModelBytes);
  } catch (const Error& e) {
    throw ModelError(e.what());  // names the file and the byte offset
  }
  Model m = from_json(text, path.string());
  if (!m.anchors.lexicon.empty() && m.anchors.lexicon.is_relative())
    m.anchors.lexicon = path.parent_path() / m.anchors.lexicon;
  if (const auto calibration = calibration_path(path); std::filesystem::exists(calibration))
    m.calibration = std::make_shared<const Calibration>(Calibration::load(calibration));
  if (with_dictionary) m.load_dictionary(path.parent_path());
  return m;
}

void Model::load_dictionary(const std::filesystem::path& base) {
  std::shared_ptr<const Dictionary> d;
  if (anchors.dictionary == "system") {
    d = load_system_arabic_english_dictionary();  // null if not installed
  } else if (!anchors.dictionary.empty()) {
    std::filesystem::path file = anchors.dictionary;
    if (file.is_relative()) file = base / file;
    d = std::make_shared<const Dictionary>(Dictionary::load(file));
  }
  if (!anchors.translations.empty()) {
    // The learned words go in an overlay; the dictionary itself is shared.
    auto overlay = std::make_shared<Dictionary>(std::move(d));
    for (const auto& [word, targets] : anchors.translations) overlay->add_translations(word, targets);
    d = std::move(overlay);
  }
  anchors.dictionary_data = std::move(d);
}

std::string Model::to_json() const {
  json j;
  j["format"] = "jisr-model";
  j["version"] = version;
  j["name"] = name;
  j["src_lang"] = src_lang;
  j["tgt_lang"] = tgt_lang;
  j["provenance"] = provenance;
  j["length"] = {{"unit", "code points without white space and combining marks"},
                 {"c", length.c},
                 {"s2", length.s2},
                 {"s2_open", length.s2_open},
                 {"per_document", length.per_document},
                 {"outlier", length.outlier},
                 {"outlier_open", length.outlier_open}};
  // Written only when set, so that models without it read back byte for byte.
  if (length.outlier_heading) j["length"]["outlier_heading"] = *length.outlier_heading;
  json prior_table = json::object();
  for (const auto& [type, p] : priors) prior_table[to_string(type)] = p;
  j["priors"] = prior_table;
  if (document_priors.ridge > 0)
    j["document_priors"] = {{"ridge", document_priors.ridge}, {"min_gain", document_priors.min_gain}};
  j["paragraph_penalty"] = paragraph_penalty;
  j["ending_cost"] = {{"null", ending_cost[0]}, {"one", ending_cost[1]}, {"many", ending_cost[2]}};
  if (!runs_on.empty()) j["ending_cost"]["runs_on"] = runs_on;
  json p_match = json::object();
  for (const auto& [type, p] : anchors.p_match) p_match[std::string(to_string(type))] = p;
  j["anchors"] = {{"use", use_anchors}, {"weight", anchors.weight}, {"cap", anchors.cap}, {"p_match", p_match}};
  if (anchors.stray_cost > 0) j["anchors"]["stray_cost"] = anchors.stray_cost;
  if (!anchors.lexicon.empty()) j["anchors"]["lexicon"] = anchors.lexicon.string();
  if (!anchors.dictionary.empty()) j["anchors"]["dictionary"] = anchors.dictionary;
  if (!anchors.translations.empty()) j["anchors"]["translations"] = anchors.translations;
  if (!clauses.rules.empty())
    j["clauses"] = {{"length_weight", clauses.length_weight},
                    {"anchor_weight", clauses.anchor_weight},
                    {"rules", json::parse(clause_rules_json(clauses.rules))}};
  if (!furniture.kinds.empty())
    j["furniture"] = {{"cost", furniture.cost}, {"max_length", furniture.max_length}, {"kinds", furniture.kinds}};
  // Written only when set, so that models without it read back byte for byte.
  if (!clauses.rules.empty() && clauses.split_weight > 0) j["clauses"]["split_weight"] = clauses.split_weight;
  return j.dump(2) + "\n";
}

void Model::save(const std::filesystem::path& path) const {
  std::ofstream out(path, std::ios::binary);
  out << to_json();
  if (!out) throw ModelError(fmt::format("{}: cannot write model", path.string()));
}

}  // namespace jisr
