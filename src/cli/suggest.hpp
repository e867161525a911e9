// The nearest known word to a mistyped one, for "did you mean" hints.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace jisr::cli {

// The candidate closest to `typed` by edit distance, if it is close enough
// to be a likely typo (at most a third of its length, and at most 3 edits);
// empty otherwise.
[[nodiscard]] std::string nearest(std::string_view typed, std::span<const std::string> candidates);

}  // namespace jisr::cli
