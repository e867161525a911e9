// Input: anchor keys as strings, per sentence. Output: each distinct key
// once, and per sentence the ids of its keys.
#include <cstdint>
#include <unordered_map>

#include "jisr/anchors.hpp"

namespace jisr {

std::string_view to_string(AnchorType type) {
  switch (type) {
    case AnchorType::number:
      return "number";
    case AnchorType::month:
      return "month";
    case AnchorType::day:
      return "day";
    case AnchorType::lexicon:
      return "lexicon";
    case AnchorType::name:
      return "name";
    case AnchorType::latin:
      return "latin";
    case AnchorType::url:
      return "url";
    case AnchorType::symbol:
      return "symbol";
    case AnchorType::word:
      return "word";
    case AnchorType::count:
      break;
  }
  return "?";
}

DocumentAnchors intern_anchors(const std::vector<std::vector<AnchorKey>>& src,
                               const std::vector<std::vector<AnchorKey>>& tgt) {
  DocumentAnchors a;
  std::unordered_map<std::string, std::uint32_t> ids;
  auto add = [&](const std::vector<std::vector<AnchorKey>>& side, SideKeys& out) {
    for (const auto& keys : side) {
      for (const AnchorKey& k : keys) {
        const auto [it, inserted] =
            ids.try_emplace(k.key, static_cast<std::uint32_t>(a.keys.size()));
        if (inserted) {
          a.keys.push_back(k.key);
          a.types.push_back(k.type);
        }
        out.ids.push_back(it->second);
      }
      out.begin.push_back(static_cast<std::uint32_t>(out.ids.size()));
    }
  };
  add(src, a.src);
  add(tgt, a.tgt);
  return a;
}

}  // namespace jisr
