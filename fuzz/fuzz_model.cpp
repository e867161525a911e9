// Fuzzes the model loader with any bytes as a model file. Properties: a bad
// model is a ModelError, never a crash or another exception; a model that
// loads survives saving and loading again unchanged.
#include <cstddef>
#include <cstdint>
#include <string>

#include "jisr/error.hpp"
#include "jisr/model.hpp"

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  jisr::Model model;
  try {
    model = jisr::Model::from_json(text, "fuzz");
  } catch (const jisr::ModelError&) {
    return 0;
  }
  const jisr::Model again = jisr::Model::from_json(model.to_json(), "saved");
  JISR_FUZZ_CHECK(again.priors == model.priors);
  JISR_FUZZ_CHECK(again.length.c == model.length.c);
  JISR_FUZZ_CHECK(again.length.s2 == model.length.s2);
  JISR_FUZZ_CHECK(again.name == model.name);
  return 0;
}
