#include "evidence/extractors.hpp"

#include "evidence/dictionary.hpp"

namespace jisr::detail {

AnchorOptions side_options(const Model& model, const std::string& lang, bool is_src) {
  AnchorOptions options;
  options.lang = lang;
  options.lexicon = model.anchors.lexicon;
  options.lexicon_side_is_src = is_src;
  options.dictionary = model.anchors.dictionary_data.get();
  options.dictionary_side_is_src = is_src;
  return options;
}

const AnchorExtractor& ExtractorPool::get(const std::string& lang, bool is_src) const {
  Local& local = local_.local();
  std::unique_ptr<AnchorExtractor>& e = local[{lang, is_src}];
  if (!e) e = std::make_unique<AnchorExtractor>(side_options(model_, lang, is_src));
  return *e;
}

}  // namespace jisr::detail
