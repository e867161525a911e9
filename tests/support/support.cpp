#include "support.hpp"

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "jisr/text.hpp"

namespace jisr::test {

namespace fs = std::filesystem;

fs::path models_dir() { return JISR_MODELS_DIR; }
fs::path examples_dir() { return fs::path(JISR_MODELS_DIR).parent_path() / "examples"; }
fs::path data_dir() { return JISR_TEST_DATA_DIR; }
fs::path shared_dir() { return JISR_SHARED_DIR; }

bool have_shared(const fs::path& relative) {
  const fs::path path = shared_dir() / relative;
  if (fs::exists(path)) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true")
    throw std::runtime_error(path.string() + " is required when CI=true");
  std::clog << "skipped: " << path << " is absent\n";
  return false;
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::istringstream in(load_text(path.string()));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace jisr::test
