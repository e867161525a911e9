// Private: a hash for unordered containers keyed by std::string that finds
// by std::string_view without building a string (C++20 heterogeneous
// look-up; use with std::equal_to<>).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace jisr {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace jisr
