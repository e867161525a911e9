#include "formats/manifest.hpp"

#include <string_view>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

namespace jisr::detail {

std::vector<ManifestEntry> read_manifest(const std::filesystem::path& manifest) {
  const std::string text = load_text(manifest.string());
  const std::filesystem::path base = manifest.parent_path();
  auto resolve = [&](std::string_view p) {
    const std::filesystem::path path(p);
    return path.is_relative() ? base / path : path;
  };
  std::vector<ManifestEntry> out;
  std::size_t line_no = 0, at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    const std::string_view line(text.data() + at, nl - at);
    at = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    const auto tab2 = tab == std::string_view::npos ? tab : line.find('\t', tab + 1);
    const std::string_view src = line.substr(0, tab);
    const std::string_view tgt =
        tab == std::string_view::npos ? std::string_view{} : line.substr(tab + 1, tab2 - tab - 1);
    if (src.empty() || tgt.empty())
      throw InputError(fmt::format("{}:{}: expected 'source_path<TAB>target_path[<TAB>id]'",
                                   manifest.string(), line_no));
    ManifestEntry e;
    e.src = resolve(src);
    e.tgt = resolve(tgt);
    e.id = tab2 == std::string_view::npos ? std::string(src) : std::string(line.substr(tab2 + 1));
    e.line = line_no;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace jisr::detail
