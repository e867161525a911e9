// Input: the two documents of a run, the model and the document score.
// Output: warnings that the run is probably not what the user meant (wrong
// or swapped files, a side that is not text, a missing dictionary,
// documents that are not translations of each other), for a summary, for
// `jisr align --summary=json` and for `--strict`.
#pragma once

#include <string>
#include <vector>

#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

struct Warning {
  std::string code;     // stable name: swapped_sides, same_script, script_mismatch, binary_side,
                        // dictionary_missing, not_translations
  std::string message;  // one line for people
};

// Below this document score the documents are reported as not translations.
inline constexpr double kLowDocumentScore = 0.5;

// Warnings about the inputs: each side's script against its language, a
// side that looks binary, the model's dictionary missing (when word anchors
// are wanted: `words`).
[[nodiscard]] std::vector<Warning> input_warnings(const Document& src, const Document& tgt,
                                                  const Model& model, bool words);

// The warning for a document score under kLowDocumentScore; none for a
// score of -1 (no calibration).
void add_document_warning(double document_score, std::vector<Warning>& warnings);

// The evidence a run used, for the summary: "length, anchors, dictionary (FreeDict)".
[[nodiscard]] std::string evidence_used(const Model& model);

}  // namespace jisr
