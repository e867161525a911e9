// Input: a model file (JSON). Output: the statistics the aligner scores with.
//
// A model holds, for one language pair, the Gale–Church length statistics
// (mean c and variance s² of target characters per source character), the
// prior probability of every bead type, and the weights of the other
// evidence. Models are written by `jisr train` and record how they were made.
#pragma once

#include <filesystem>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "jisr/anchors.hpp"

namespace jisr {

class Dictionary;    // evidence/dictionary.hpp
struct Calibration;  // model/calibration.hpp

inline constexpr int kModelVersion = 1;

// A bead type: how many sentences on the source and on the target side.
struct BeadType {
  int src = 0;
  int tgt = 0;
  friend auto operator<=>(const BeadType&, const BeadType&) = default;
};

struct LengthStats {
  double c = 1.0;   // expected target length per source character
  double s2 = 6.8;  // variance of the target length per source character
  double s2_open = 6.8;  // s² for beads none of whose sentences ends in final punctuation (headings)
  bool per_document = true;  // scale c to each document pair's own length ratio
  // Share of beads whose length ratio follows no rule (free translations,
  // notes added on one side): P(match) = (1 - outlier)·2(1 - Φ(|δ|)) + outlier.
  double outlier = 0.0;
  // The same share for beads of open lines (headings, datelines, header
  // lines: no sentence ends in final punctuation), which are translated more
  // freely still: a full name against a short one, a dateline reworded.
  double outlier_open = 0.0;
  // The outlier share of a one-to-one bead of two short heading lines
  // whose anchor keys agree (src/align/headings.hpp), at least
  // outlier_open: an organisation's full name may stand against its short
  // name, three times shorter, and there the keys, not the lengths, say
  // that the two lines are one heading. Unset: outlier_open.
  std::optional<double> outlier_heading;
};

// How anchor keys count in a bead's cost (see score.hpp).
struct AnchorParams {
  double weight = 1.0;  // scale of all anchor evidence against the length cost
  double cap = 5.0;     // largest bonus one matched key can earn
  // Cost of each sentence on a side of two or more of a bead that holds
  // numbers or dates none of which is on the other side: a translation
  // keeps numbers and dates, so such a sentence is more likely one with no
  // counterpart, taken into its neighbour's bead. 0: off.
  double stray_cost = 0.0;
  // P(a key of this type in a true bead is matched on the other side),
  // estimated from gold beads by `jisr train`.
  std::map<AnchorType, double> p_match;
  std::filesystem::path lexicon;  // bilingual lexicon (TSV); relative to the model file
  // Dictionary for w: keys: empty for none, "system" for the installed
  // FreeDict Arabic–English dictionary (used when present), or a file
  // relative to the model. Loaded by Model::load into `dictionary_data`.
  std::string dictionary;
  std::shared_ptr<const Dictionary> dictionary_data;
  // Word translations learned by `jisr train` (IBM Model 1, realign.hpp):
  // source word -> target stems. They join the dictionary, in front.
  std::map<std::string, std::vector<std::string>> translations;
};

// Where a sentence of one language may be cut into clauses (see
// src/evidence/clauses.hpp). A clause shorter than min_length characters
// joins its neighbour; clauses beyond max_clauses join the last one.
struct ClauseRules {
  std::vector<std::string> joints;   // punctuation a clause ends with (، ؛ , ;)
  std::vector<std::string> openers;  // words a clause begins with, compared without marks
  std::uint32_t min_length = 12;
  std::uint32_t max_clauses = 16;
  // False for rules that only `jisr align --refine` cuts with: the scorer's
  // clause term leaves that language's sentences whole. A language whose
  // cuts did not help the scorer (they were not trained with it) can still
  // give sentence-sized pairs.
  bool scored = true;
};

// Clause rules by language tag ("ar", "en", ...).
using ClauseRuleSet = std::map<std::string, ClauseRules>;

// Clause-level evidence inside beads of one sentence against several
// (score.hpp): the one sentence is cut into clauses and matched
// monotonically to the several; each piece's length mismatch and each
// anchor matched outside its piece cost, scaled by these weights, and what
// the several sentences match in their own pieces earns, scaled by
// split_weight.
struct ClauseParams {
  double length_weight = 0.0;  // all three 0: clause evidence off
  double anchor_weight = 0.0;
  double split_weight = 0.0;
  ClauseRuleSet rules;
};

// Page furniture (src/evidence/furniture.hpp): breadcrumbs, share and
// comment prompts, copyright lines and the like, found by ICU regular
// expressions by kind of line and language ("*": every language). A bead
// that pairs such a line with text, takes it into a bead with text on its
// side, or pairs it with furniture of no kind it shares costs `cost` more:
// a furniture line pairs with furniture of its kind or with nothing.
class FurnitureMatcher;  // evidence/furniture.hpp
struct FurnitureParams {
  double cost = 0.0;                // 0: furniture is not looked for
  std::uint32_t max_length = 120;  // a longer line (alignment_length units) is text
  // Patterns by kind ("share", "trail"), then by language tag.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> kinds;
  std::shared_ptr<const FurnitureMatcher> matcher;  // the patterns compiled, set when the model is read
};

// Per-document bead-type priors (src/model/bead_priors.hpp): after the first
// search the document's own priors are estimated from its beads, the
// model's priors tilted along a few features of bead shape, and the
// document is searched again with them when its beads gain more than
// min_gain nats of log-likelihood under them. ridge 0 turns this off.
struct DocumentPriorParams {
  double ridge = 0.0;     // Gaussian prior precision on the tilt; larger keeps the model's priors
  double min_gain = 0.0;  // gain (nats) below which the model's priors are kept
};

struct Model {
  int version = kModelVersion;
  std::string name;                      // "ar-en", "generic", ...
  std::string src_lang = "ar";
  std::string tgt_lang = "en";
  LengthStats length;
  std::map<BeadType, double> priors;     // P(bead type); need not sum to 1 exactly
  DocumentPriorParams document_priors;   // adapting the priors to each document (off by default)
  double paragraph_penalty = 2.0;        // cost of a bead that spans a paragraph break on one side
  // Cost of each sentence of a bead by the bead's class (0: 1-0 or 0-1,
  // 1: 1-1, 2: many-to-one or many-to-many) and by whether the sentence ends
  // in sentence-final punctuation (index 0) or not (index 1): headings,
  // datelines and menu lines are often left out or kept alone, rarely merged.
  // -log(P(ending | class) / P(ending)), estimated by `jisr train`. Not
  // applied to a side where most sentences lack final punctuation (a
  // list's items, after a line ending in a colon, do not count).
  std::array<std::array<double, 2>, 3> ending_cost{};
  // Marks after which a sentence without final punctuation runs on into
  // the next rather than stands open (ending_cost's index 0, and not the
  // open lines' length model): the commas of a slogan broken over lines,
  // the semicolon of a list item. The JSON's ending_cost.runs_on; empty:
  // every sentence without final punctuation is open.
  std::vector<std::string> runs_on;
  bool use_anchors = true;               // false: length (and paragraphs) only
  AnchorParams anchors;
  ClauseParams clauses;
  FurnitureParams furniture;
  std::string provenance;                // free text: command and data the model came from
  // Bead and document score calibration, read by load() from
  // MODEL.calibration.json beside the model file when there is one; without
  // it bead scores are the uncalibrated confidence and there is no document
  // score.
  std::shared_ptr<const Calibration> calibration;

  // Loads and checks a model; throws ModelError naming the file and fault.
  // With `with_dictionary` false the dictionary the model names is not read
  // (for callers that will not use it: reading FreeDict takes most of a
  // short run's time).
  [[nodiscard]] static Model load(const std::filesystem::path& path, bool with_dictionary = true);
  // Serialises the model (as JSON) to `path`.
  void save(const std::filesystem::path& path) const;
  [[nodiscard]] std::string to_json() const;
  [[nodiscard]] static Model from_json(const std::string& json, const std::string& origin);
  // Loads the dictionary named by anchors.dictionary (relative paths against
  // `base`); "system" without the package installed leaves it unloaded.
  void load_dictionary(const std::filesystem::path& base);
};

// Reads furniture rules (the model's "furniture" object, as
// models/anchors/furniture.json holds it) and compiles them; throws
// ModelError naming `origin` and the fault.
[[nodiscard]] FurnitureParams parse_furniture_params(const std::string& json_text, const std::string& origin);

// Parses "2-1" into {2, 1}; throws ModelError on anything else.
[[nodiscard]] BeadType parse_bead_type(const std::string& text);
[[nodiscard]] std::string to_string(BeadType type);

}  // namespace jisr
