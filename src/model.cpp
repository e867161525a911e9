#include "jisr/model.hpp"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"

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

}  // namespace

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
                       "paragraph_penalty", "anchor_weight", "provenance"},
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
  reject_unknown_keys(j["length"], {"unit", "c", "s2", "per_document"}, origin + ": length");
  if (j["length"].contains("per_document")) {
    if (!j["length"]["per_document"].is_boolean())
      throw ModelError(fmt::format("{}: length: \"per_document\" must be true or false", origin));
    m.length.per_document = j["length"]["per_document"].get<bool>();
  }
  m.length.c = number(j["length"], "c", 1e-3, 1e3, origin + ": length");
  m.length.s2 = number(j["length"], "s2", 1e-3, 1e4, origin + ": length");
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
  if (j.contains("paragraph_penalty"))
    m.paragraph_penalty = number(j, "paragraph_penalty", 0, 1e3, origin);
  if (j.contains("anchor_weight")) m.anchor_weight = number(j, "anchor_weight", 0, 1e3, origin);
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

Model Model::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError(fmt::format("{}: cannot open model file", path.string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return from_json(buffer.str(), path.string());
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
                 {"per_document", length.per_document}};
  json prior_table = json::object();
  for (const auto& [type, p] : priors) prior_table[to_string(type)] = p;
  j["priors"] = prior_table;
  j["paragraph_penalty"] = paragraph_penalty;
  j["anchor_weight"] = anchor_weight;
  return j.dump(2) + "\n";
}

void Model::save(const std::filesystem::path& path) const {
  std::ofstream out(path, std::ios::binary);
  out << to_json();
  if (!out) throw ModelError(fmt::format("{}: cannot write model", path.string()));
}

}  // namespace jisr
