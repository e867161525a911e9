// Private: manifests of document pairs. Input: a TSV file, one pair a line,
// `source_path<TAB>target_path[<TAB>id]`; blank lines and lines starting
// with '#' are skipped. Output: the pairs, paths resolved against the
// manifest's folder when relative.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace jisr::detail {

struct ManifestEntry {
  std::filesystem::path src, tgt;
  std::string id;         // third column; the source path as written when absent
  std::size_t line = 0;   // 1-based line in the manifest
};

// Reads a manifest; throws InputError "MANIFEST:LINE: ..." for a line
// without a tab or with an empty path.
[[nodiscard]] std::vector<ManifestEntry> read_manifest(const std::filesystem::path& manifest);

}  // namespace jisr::detail
