// Fixtures shared by the unit tests: where the bundled models, examples,
// test data and the shared data sets are, and the rule for tests that need
// ../shared (skip with a message when it is absent, fail when CI=true).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "jisr/types.hpp"

namespace jisr::test {

[[nodiscard]] std::filesystem::path models_dir();    // the source tree's models/
[[nodiscard]] std::filesystem::path examples_dir();  // the source tree's examples/
[[nodiscard]] std::filesystem::path data_dir();      // tests/data
[[nodiscard]] std::filesystem::path shared_dir();    // ../shared beside the source tree

// True when `relative` exists under shared_dir(). When it does not: false
// with a note in the test log, or, when the environment has CI=true, a
// std::runtime_error (CI must run every test).
[[nodiscard]] bool have_shared(const std::filesystem::path& relative);

// The non-blank lines of a text file (UTF-8 checked).
[[nodiscard]] std::vector<std::string> read_lines(const std::filesystem::path& path);

}  // namespace jisr::test
