// Input: a sentence and the clause rules of its language. Output: the
// sentence cut into clauses, for the scorer's clause-level evidence.
//
// A translator who renders one long sentence as several short ones cuts it
// where its clauses meet: after a comma or semicolon (، ؛ , ;) or before a
// word that opens a clause (Arabic ثم, كما, حيث, بينما). The rules are data,
// per language, in the model (models/anchors/clauses.json when training).
// A clause shorter than `min_length` characters joins the one before it, so
// that lists of short items do not become many tiny clauses.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "evidence/string_hash.hpp"

#include "jisr/model.hpp"

namespace jisr {

// Byte ranges [begin, end) of the clauses of `sentence`, in order; they
// cover the sentence. One range when the rules find no joint.
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> cut_clauses(std::string_view sentence,
                                                                           const ClauseRules& rules);

// cut_clauses for many sentences under the same rules: the openers are
// folded once, not per sentence, and the buffers are reused. Keeps a
// reference to `rules`. Not thread-safe: one per thread.
class ClauseCutter {
 public:
  explicit ClauseCutter(const ClauseRules& rules);
  // The clauses of `sentence`, as cut_clauses gives them; valid until the
  // next call.
  [[nodiscard]] const std::vector<std::pair<std::size_t, std::size_t>>& operator()(std::string_view sentence) const;
  // The alignment_length of each clause the last call gave when it gave two
  // or more (bracketed text counted), in order; empty otherwise.
  [[nodiscard]] const std::vector<std::uint32_t>& lengths() const { return lengths_; }

 private:
  // Whether `word`, its punctuation trimmed and folded, is an opener.
  [[nodiscard]] bool is_opener(std::string_view word) const;

  const ClauseRules& rules_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> openers_;  // folded
  std::vector<std::uint64_t> opener_prefixes_;  // each opener's folded_prefix, sorted
  std::array<bool, 256> joint_last_{};       // the last bytes of the joints
  mutable std::string folded_;
  mutable std::vector<std::pair<std::size_t, std::size_t>> words_, clauses_;
  mutable std::vector<std::uint32_t> lengths_;
  mutable std::vector<std::size_t> starts_;
};

// Per sentence of one side, where its clauses end in its list of anchor
// keys and how long they are. Only sentences of two clauses or more are
// recorded: sentence k has clauses [begin[k], begin[k+1]) of key_end and
// length, empty for a one-clause sentence.
struct SideClauses {
  std::vector<std::uint32_t> begin{0};
  std::vector<std::uint32_t> key_end;  // per clause: the sentence's keys up to its end
  std::vector<std::uint32_t> length;   // per clause: alignment_length of its text

  [[nodiscard]] std::size_t size() const { return begin.size() - 1; }
  [[nodiscard]] std::uint32_t clauses(std::size_t k) const { return begin[k + 1] - begin[k]; }
};

struct DocumentClauses {
  SideClauses src, tgt;
};

// The clause rules `model` holds for language `lang`, or null.
[[nodiscard]] const ClauseRules* clause_rules(const Model& model, const std::string& lang);

// The same for the scorer's clause term: null where the rules are not scored.
[[nodiscard]] const ClauseRules* scored_clause_rules(const Model& model, const std::string& lang);

// Reads clause rules from JSON text: {"ar": {"joints": [...], "openers":
// [...], "min_length": 12}, "en": {..., "scored": false}}. Throws
// ModelError naming `origin`.
[[nodiscard]] ClauseRuleSet parse_clause_rules(const std::string& json_text, const std::string& origin);

// The JSON text parse_clause_rules reads.
[[nodiscard]] std::string clause_rules_json(const ClauseRuleSet& rules);

}  // namespace jisr
