// The front door of the library. Input: a model name or file, opened once.
// Output: sentences, anchors and alignments of any number of document pairs.
//
//   jisr::Aligner aligner = jisr::Aligner::open("ar-en");   // model, dictionary, lexicon, split rules
//   jisr::Document ar = aligner.split(arabic_text, "ar");
//   jisr::Document en = aligner.split(english_text, "en");
//   jisr::Alignment beads = aligner.align(ar, en);
//
// Opening reads every resource the model names (the FreeDict dictionary
// takes most of that time); after that, split(), anchors() and align() are
// const and may be called from many threads at once on one Aligner. Each
// thread keeps its own ICU objects (anchor extractors), built on first use
// and reused for every later document, so aligning many pairs through one
// Aligner pays the set-up once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jisr/anchors.hpp"
#include "jisr/model.hpp"
#include "jisr/split.hpp"
#include "jisr/types.hpp"

namespace jisr {

// Settings of one alignment search.
struct AlignOptions {
  int max_side = 8;              // largest bead side: 8 allows 1-8 and 8-1
  std::uint32_t band = 0;        // initial half-width of the band; 0 chooses from the sizes
  std::size_t max_cells = std::size_t{1} << 31;  // refuse searches larger than this (bytes of back-pointers)
  unsigned threads = 1;          // for finding anchors and searching the pieces of a long document; 0: one per core
  // If set, counts the searches that stopped widening at the time bound with
  // the best path still touching the band's edge (a result not proven optimal).
  std::size_t* bounded_searches = nullptr;
};

// The folder of installed models and split rules, the first that exists of:
// $JISR_MODELS; the install prefix's share/jisr/models; the models folder of
// the source tree the library was built from; <folder of the running
// executable>/../share/jisr/models. Throws ModelError naming every place it
// looked when none exists.
[[nodiscard]] std::filesystem::path find_models_dir();

// A model file from a NAME ("ar-en", "generic": NAME.json in
// find_models_dir()) or a path to a JSON file. Throws ModelError naming
// where it looked.
[[nodiscard]] std::filesystem::path find_model(const std::string& name_or_path);

// The installed model for a pair of languages (tags such as ar or ar-SY;
// only the language subtag counts): the one named SRC-TGT, such as ar-en,
// where find_models_dir() holds it, else "generic", the model for any
// pair. Throws ModelError as find_models_dir() does.
[[nodiscard]] std::string model_for_languages(const std::string& src_lang, const std::string& tgt_lang);

// How the resources of an Aligner are chosen.
struct OpenOptions {
  bool anchors = true;         // false: score by length (and paragraphs) only
  bool dictionary = true;      // false: no dictionary words (numbers, names and dates stay)
  std::string dictionary_path; // replaces the model's dictionary: "system", a dictd .index or a TSV lexicon
  std::filesystem::path models_dir;  // empty: find_models_dir()
  std::filesystem::path base_dir;    // relative dictionary_path is taken against this (empty: the current folder)
};

// How raw text becomes a Document.
struct TextOptions {
  bool presplit = false;  // the text holds one sentence a line already (blank lines: paragraphs)
  LineBreaks line_breaks = LineBreaks::heuristic;
  std::filesystem::path srx;  // SRX 2.0 rules replacing the built-in ones (split.hpp)
};

class Aligner {
 public:
  // Opens the model NAME or file (find_model) with its dictionary, lexicon
  // and the split rules of find_models_dir(). Throws ModelError.
  [[nodiscard]] static Aligner open(const std::string& model = "ar-en", const OpenOptions& options = {});

  // An Aligner over a model already in memory (its dictionary as loaded);
  // split rules from `models_dir` (empty: find_models_dir(), or none when no
  // models folder can be found).
  explicit Aligner(Model model, std::filesystem::path models_dir = {});

  ~Aligner();
  // Copies share the resources, which are immutable.
  Aligner(const Aligner&);
  Aligner& operator=(const Aligner&);
  Aligner(Aligner&&) noexcept;
  Aligner& operator=(Aligner&&) noexcept;

  [[nodiscard]] const Model& model() const;
  // Split rules folder used by split() (may be empty: ICU and built-in rules).
  [[nodiscard]] const std::filesystem::path& rules_dir() const;

  // Splits `text` (valid UTF-8, as load_text returns it) in language `lang`
  // into sentences; `name` labels the document in messages. With
  // options.presplit each non-blank line is one sentence.
  [[nodiscard]] Document split(std::string_view text, const std::string& lang, std::string name = "-",
                               const TextOptions& options = {}) const;

  // The anchor keys of one sentence on the source (or target) side.
  [[nodiscard]] std::vector<AnchorKey> anchors(std::string_view sentence, const std::string& lang,
                                               bool source_side) const;

  // The anchors of a document pair, name keys matched across the sides.
  [[nodiscard]] DocumentAnchors anchors(const Document& src, const Document& tgt,
                                        unsigned threads = 1) const;

  // Aligns two split documents: every sentence of both sides ends up in
  // exactly one bead, in order. Throws InputError / LimitError.
  [[nodiscard]] Alignment align(const Document& src, const Document& tgt,
                                const AlignOptions& options = {}) const;

  // Aligns, learns word translations from this pair's own confident beads
  // (IBM Model 1) and aligns again (Moore 2002); see `jisr align --realign`.
  [[nodiscard]] Alignment realign(const Document& src, const Document& tgt,
                                  const AlignOptions& options = {}) const;

  // The alignment of src and tgt with each one-to-many bead cut, where its
  // one sentence has the clauses, into sentence-sized pairs (BeadPart); see
  // `jisr align --refine`.
  [[nodiscard]] RefinedAlignment refine(const Document& src, const Document& tgt,
                                        const Alignment& alignment) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace jisr
