// The front door (aligner.hpp): resources opened once, shared by threads.
#include "jisr/aligner.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>

#include "align/pipeline.hpp"
#include "align/realign.hpp"
#include "align/refine.hpp"
#include "evidence/dictionary.hpp"
#include "evidence/extractors.hpp"
#include "jisr/error.hpp"

namespace jisr {

namespace fs = std::filesystem;

struct Aligner::Impl {
  Impl(Model m, fs::path rules) : model(std::move(m)), rules_dir(std::move(rules)), pool(model) {}
  // Not copyable or movable: `pool` refers to `model`.
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  const SentenceSplitter& splitter(const std::string& lang, const TextOptions& options) const {
    const auto key = std::make_tuple(lang, options.line_breaks, options.srx.string());
    const std::lock_guard lock(mutex);
    std::unique_ptr<SentenceSplitter>& s = splitters[key];
    if (!s) {
      SplitOptions o;
      o.lang = lang;
      o.line_breaks = options.line_breaks;
      o.rules_dir = rules_dir;
      o.srx = options.srx;
      s = std::make_unique<SentenceSplitter>(o);
    }
    return *s;  // split() is const and thread-safe
  }

  Model model;
  fs::path rules_dir;
  detail::ExtractorPool pool;
  mutable std::mutex mutex;  // guards `splitters` (the map, not the splitters)
  mutable std::map<std::tuple<std::string, LineBreaks, std::string>, std::unique_ptr<SentenceSplitter>> splitters;
};

namespace {

fs::path rules_dir_of(const fs::path& models_dir) {
  if (!models_dir.empty()) return models_dir / "split";
  try {
    return find_models_dir() / "split";
  } catch (const ModelError&) {
    return {};  // no installed rules: ICU and the built-in rules only
  }
}

}  // namespace

Aligner Aligner::open(const std::string& model_name, const OpenOptions& options) {
  const fs::path path = find_model(model_name);
  const bool words = options.anchors && options.dictionary;
  Model model = Model::load(path, words && options.dictionary_path.empty());
  if (!options.anchors) model.use_anchors = false;
  if (!options.dictionary) model.anchors.dictionary_data.reset();
  if (words && !options.dictionary_path.empty()) {
    model.anchors.dictionary = options.dictionary_path;
    model.load_dictionary(options.base_dir.empty() ? fs::current_path() : options.base_dir);
  }
  return Aligner(std::move(model), options.models_dir);
}

Aligner::Aligner(Model model, fs::path models_dir)
    : impl_(std::make_shared<const Impl>(std::move(model), rules_dir_of(models_dir))) {}

Aligner::~Aligner() = default;
Aligner::Aligner(const Aligner&) = default;
Aligner& Aligner::operator=(const Aligner&) = default;
Aligner::Aligner(Aligner&&) noexcept = default;
Aligner& Aligner::operator=(Aligner&&) noexcept = default;

const Model& Aligner::model() const { return impl_->model; }

const fs::path& Aligner::rules_dir() const { return impl_->rules_dir; }

Document Aligner::split(std::string_view text, const std::string& lang, std::string name,
                        const TextOptions& options) const {
  Document doc;
  doc.name = std::move(name);
  doc.lang = lang;
  doc.sentences = options.presplit ? read_presplit(text) : impl_->splitter(lang, options).split(text);
  return doc;
}

std::vector<AnchorKey> Aligner::anchors(std::string_view sentence, const std::string& lang,
                                        bool source_side) const {
  return impl_->pool.get(lang, source_side).find(sentence);
}

DocumentAnchors Aligner::anchors(const Document& src, const Document& tgt, unsigned threads) const {
  return find_document_anchors(impl_->pool, src, tgt, threads);
}

Alignment Aligner::align(const Document& src, const Document& tgt, const AlignOptions& options) const {
  return align_documents(impl_->pool, src, tgt, options);
}

Alignment Aligner::realign(const Document& src, const Document& tgt, const AlignOptions& options) const {
  return realign_documents(impl_->pool, src, tgt, options);
}

RefinedAlignment Aligner::refine(const Document& src, const Document& tgt, const Alignment& alignment) const {
  return refine_alignment(model(), src, tgt, alignment, &impl_->splitter(src.lang, TextOptions{}),
                          &impl_->splitter(tgt.lang, TextOptions{}));
}

}  // namespace jisr
