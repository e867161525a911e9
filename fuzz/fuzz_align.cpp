// Fuzzes the alignment search with any model and any pair of sides, the
// data-loss promise of docs/robustness.md: whatever the model, either it is
// refused with a ModelError when it is checked (as `jisr align` and `jisr
// train` check it), or every sentence of both sides ends up in exactly one
// bead, in order, with no empty bead and no side over max_side. The bytes
// choose the bead-type priors, the length parameters, the ending costs, the
// search options and the sentences (lengths, final punctuation, paragraphs).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "align/score.hpp"
#include "align/search.hpp"
#include "jisr/error.hpp"
#include "jisr/model.hpp"

#include "fuzz_check.hpp"

namespace {

// A model from the bytes, passed through the same checks as a model file.
jisr::Model random_model(FuzzedDataProvider& in) {
  jisr::Model m;
  m.length.c = in.ConsumeFloatingPointInRange(0.05, 20.0);
  m.length.s2 = in.ConsumeFloatingPointInRange(0.01, 100.0);
  m.length.s2_open = in.ConsumeFloatingPointInRange(0.01, 100.0);
  m.length.per_document = in.ConsumeBool();
  m.length.outlier = in.ConsumeProbability<double>();
  const int types = in.ConsumeIntegralInRange(0, 12);
  for (int k = 0; k < types; ++k) {
    const jisr::BeadType type{in.ConsumeIntegralInRange(0, 8), in.ConsumeIntegralInRange(0, 8)};
    // Tiny, zero and ordinary priors alike.
    m.priors[type] = in.ConsumeBool() ? std::ldexp(in.ConsumeProbability<double>(), -in.ConsumeIntegralInRange(0, 1100))
                                      : in.ConsumeProbability<double>();
  }
  for (auto& by_class : m.ending_cost)
    for (double& cost : by_class) cost = in.ConsumeFloatingPointInRange(-5.0, 50.0);
  m.paragraph_penalty = in.ConsumeFloatingPointInRange(0.0, 50.0);
  m.use_anchors = false;
  return jisr::Model::from_json(m.to_json(), "fuzz");
}

std::vector<jisr::Sentence> random_side(FuzzedDataProvider& in) {
  std::vector<jisr::Sentence> side(in.ConsumeIntegralInRange<std::size_t>(0, 60));
  std::uint32_t paragraph = 0;
  for (jisr::Sentence& s : side) {
    s.text.assign(in.ConsumeIntegralInRange<std::size_t>(1, 400), 'x');
    if (in.ConsumeBool()) s.text.back() = '.';
    if (in.ConsumeIntegralInRange(0, 7) == 0) ++paragraph;
    s.paragraph = paragraph;
  }
  return side;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  jisr::Model model;
  try {
    model = random_model(in);
  } catch (const jisr::ModelError&) {
    return 0;
  }
  jisr::AlignOptions options;
  options.max_side = in.ConsumeIntegralInRange(1, 8);
  options.band = in.ConsumeIntegralInRange<std::uint32_t>(0, 70);
  const std::vector<jisr::Sentence> src = random_side(in);
  const std::vector<jisr::Sentence> tgt = random_side(in);
  const jisr::Alignment beads = jisr::align(jisr::BeadScorer(model, src, tgt), options);
  std::uint32_t i = 0, j = 0;
  for (const jisr::Bead& b : beads) {
    JISR_FUZZ_CHECK(b.src_begin == i && b.tgt_begin == j);
    JISR_FUZZ_CHECK(b.src_end >= b.src_begin && b.tgt_end >= b.tgt_begin);
    JISR_FUZZ_CHECK(b.src_size() + b.tgt_size() > 0);
    JISR_FUZZ_CHECK(b.src_size() <= static_cast<std::uint32_t>(options.max_side));
    JISR_FUZZ_CHECK(b.tgt_size() <= static_cast<std::uint32_t>(options.max_side));
    JISR_FUZZ_CHECK(std::isfinite(b.score) && b.score >= 0.0 && b.score <= 1.0);
    i = b.src_end;
    j = b.tgt_end;
  }
  JISR_FUZZ_CHECK(i == src.size() && j == tgt.size());
  return 0;
}
