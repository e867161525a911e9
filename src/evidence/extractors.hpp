// Private: anchor extractors for one model, one set per thread. Input: a
// Model (kept by reference; it must outlive the pool). Output: for a side
// (language, source or target), this thread's AnchorExtractor.
//
// An AnchorExtractor holds ICU transliterators, which are not thread-safe,
// and takes milliseconds to build (lexicon, month tables). The pool builds
// one per thread and side on first use and keeps it for every later
// document, so many documents aligned through one pool pay that once.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

#include <tbb/enumerable_thread_specific.h>

#include "jisr/anchors.hpp"
#include "jisr/model.hpp"

namespace jisr::detail {

// The extractor settings of one side under `model`.
[[nodiscard]] AnchorOptions side_options(const Model& model, const std::string& lang, bool is_src);

class ExtractorPool {
 public:
  explicit ExtractorPool(const Model& model) : model_(model) {}
  // Not copyable or movable: threads hold references into it.
  ExtractorPool(const ExtractorPool&) = delete;
  ExtractorPool& operator=(const ExtractorPool&) = delete;

  // The calling thread's extractor for a side; thread-safe. The reference
  // stays valid for the pool's life and must be used by this thread only.
  [[nodiscard]] const AnchorExtractor& get(const std::string& lang, bool is_src) const;
  [[nodiscard]] const Model& model() const { return model_; }

 private:
  using Local = std::map<std::pair<std::string, bool>, std::unique_ptr<AnchorExtractor>>;
  const Model& model_;
  mutable tbb::enumerable_thread_specific<Local> local_;
};

}  // namespace jisr::detail
