// Input: name keys of both sides of a document. Output: the same keys,
// spelt alike where their consonant skeletons are similar enough.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "jisr/anchors.hpp"

namespace jisr {

std::string consonant_skeleton(std::string_view latin) {
  std::string lower;
  for (const char c : latin) {
    if (c >= 'A' && c <= 'Z')
      lower += static_cast<char>(c - 'A' + 'a');
    else if (c >= 'a' && c <= 'z')
      lower += c;
  }
  std::string out;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    char c = lower[i];
    const char next = i + 1 < lower.size() ? lower[i + 1] : '\0';
    if (next == 'h' &&
        (c == 's' || c == 't' || c == 'd' || c == 'k' || c == 'g' || c == 'p' || c == 'c')) {
      ++i;  // sh th dh kh gh ph ch: keep the first letter's class
    }
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
      case 'y':
      case 'w':
        continue;
      case 'q':
      case 'c':
        c = 'k';
        break;
      case 'v':
        c = 'f';
        break;
      case 'p':
        c = 'b';
        break;
      case 'z':
        c = 's';
        break;
      case 'j':
        c = 'g';
        break;
      case 'x':
        out += 'k';
        c = 's';
        break;
      default:
        break;
    }
    if (out.empty() || out.back() != c) out += c;
  }
  return out;
}

double skeleton_similarity(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  if (n == 0 || m == 0) return 0.0;
  std::vector<std::size_t> prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j)
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return 1.0 - static_cast<double>(prev[m]) / static_cast<double>(std::max(n, m));
}

namespace {

// The match_names core on distinct skeletons (without the "name:" prefix):
// returns for each source and each target skeleton the spelling of its set.
std::pair<std::vector<std::string>, std::vector<std::string>> name_representatives(
    const std::vector<std::string>& src_names, const std::vector<std::string>& tgt_names,
    double threshold) {
  // Union-find over both sides' skeletons (target ids follow source ids);
  // an edge joins a source and a target skeleton that are similar enough,
  // so "Macedonia" and "Macedonians" both meet "مقدونيا".
  const std::size_t n_src = src_names.size();
  std::vector<std::size_t> parent(n_src + tgt_names.size());
  for (std::size_t k = 0; k < parent.size(); ++k) parent[k] = k;
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  // Candidates share the first letter and have lengths close enough for the
  // threshold to be reachable: bucket the target skeletons by both.
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> buckets;
  auto bucket_key = [](char first, std::size_t length) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(first)) << 16) |
           static_cast<std::uint32_t>(std::min<std::size_t>(length, 0xFFFF));
  };
  std::size_t max_length = 0;
  for (std::size_t t = 0; t < tgt_names.size(); ++t) {
    if (tgt_names[t].empty()) continue;
    buckets[bucket_key(tgt_names[t][0], tgt_names[t].size())].push_back(t);
    max_length = std::max(max_length, tgt_names[t].size());
  }
  // Identical skeletons join through a hash table; the similarity search
  // after it tries at most kMaxNameComparisons candidates per skeleton, so
  // that many names alike in first letter and length (tens of thousands of
  // distinct name-like words) cost linear time.
  std::unordered_map<std::string_view, std::size_t> exact;
  for (std::size_t t = 0; t < tgt_names.size(); ++t) exact.emplace(tgt_names[t], t);
  constexpr std::size_t kMaxNameComparisons = 256;
  for (std::size_t s = 0; s < n_src; ++s) {
    const std::string& a = src_names[s];
    if (a.empty()) continue;
    if (const auto same = exact.find(a); same != exact.end()) parent[find(s)] = find(n_src + same->second);
    std::size_t compared = 0;
    // |a| - |c| <= (1 - threshold) * max(|a|, |c|) bounds the lengths to try.
    const auto len = static_cast<double>(a.size());
    const auto shortest = static_cast<std::size_t>(std::ceil(len * threshold - 1e-9));
    const std::size_t longest =
        threshold <= 0 ? max_length
                       : static_cast<std::size_t>(std::min(static_cast<double>(max_length),
                                                           std::floor(len / threshold + 1e-9)));
    for (std::size_t l = std::max<std::size_t>(shortest, 1); l <= longest; ++l) {
      const auto b = buckets.find(bucket_key(a[0], l));
      if (b == buckets.end()) continue;
      for (const std::size_t t : b->second) {
        if (compared == kMaxNameComparisons) break;
        const std::string& c = tgt_names[t];
        const std::size_t longer = std::max(a.size(), c.size());
        if (static_cast<double>(longer - std::min(a.size(), c.size())) >
            (1 - threshold) * static_cast<double>(longer))
          continue;
        ++compared;
        if (a == c || skeleton_similarity(a, c) >= threshold) parent[find(s)] = find(n_src + t);
      }
    }
  }
  // Every skeleton takes its set's spelling, a target name where there is one.
  std::vector<std::string> spelling(parent.size());
  for (std::size_t x = 0; x < parent.size(); ++x) {
    const std::size_t r = find(x);
    if (spelling[r].empty() || x >= n_src)
      spelling[r] = x < n_src ? src_names[x] : tgt_names[x - n_src];
  }
  std::pair<std::vector<std::string>, std::vector<std::string>> out;
  out.first.reserve(n_src);
  out.second.reserve(tgt_names.size());
  for (std::size_t x = 0; x < parent.size(); ++x)
    (x < n_src ? out.first : out.second).push_back(spelling[find(x)]);
  return out;
}

constexpr std::string_view kNamePrefix = "name:";

}  // namespace

void match_names(std::vector<std::vector<AnchorKey>>& src, std::vector<std::vector<AnchorKey>>& tgt,
                 double threshold) {
  // Distinct name skeletons of each side.
  std::vector<std::string> names[2];
  std::unordered_map<std::string, std::size_t> index[2];
  auto collect = [&](std::vector<std::vector<AnchorKey>>& side, int s) {
    for (const auto& keys : side)
      for (const AnchorKey& k : keys)
        if (k.type == AnchorType::name && index[s].emplace(k.key, names[s].size()).second)
          names[s].push_back(k.key.substr(kNamePrefix.size()));
  };
  collect(src, 0);
  collect(tgt, 1);
  const auto spellings = name_representatives(names[0], names[1], threshold);
  auto rewrite = [&](std::vector<std::vector<AnchorKey>>& side, int s) {
    const std::vector<std::string>& spelling = s == 0 ? spellings.first : spellings.second;
    for (auto& keys : side)
      for (AnchorKey& k : keys)
        if (k.type == AnchorType::name)
          k.key = std::string(kNamePrefix) + spelling[index[s].at(k.key)];
  };
  rewrite(src, 0);
  rewrite(tgt, 1);
}

void match_names(DocumentAnchors& anchors, double threshold) {
  // Distinct name ids of each side, and their skeletons.
  std::vector<std::uint32_t> name_ids[2];
  std::vector<std::string> names[2];
  std::vector<std::int64_t> slot[2];  // by key id: position in name_ids, or -1
  auto collect = [&](const SideKeys& side, int s) {
    slot[s].assign(anchors.keys.size(), -1);
    for (const std::uint32_t id : side.ids) {
      if (anchors.types[id] != AnchorType::name || slot[s][id] >= 0) continue;
      slot[s][id] = static_cast<std::int64_t>(name_ids[s].size());
      name_ids[s].push_back(id);
      names[s].push_back(anchors.keys[id].substr(kNamePrefix.size()));
    }
  };
  collect(anchors.src, 0);
  collect(anchors.tgt, 1);
  const auto spellings = name_representatives(names[0], names[1], threshold);
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::uint32_t id = 0; id < anchors.keys.size(); ++id)
    if (anchors.types[id] == AnchorType::name) index.emplace(anchors.keys[id], id);
  auto id_of = [&](const std::string& spelling) {
    std::string key = std::string(kNamePrefix) + spelling;
    const auto [it, inserted] = index.emplace(key, static_cast<std::uint32_t>(anchors.keys.size()));
    if (inserted) {
      anchors.keys.push_back(std::move(key));
      anchors.types.push_back(AnchorType::name);
    }
    return it->second;
  };
  auto rewrite = [&](SideKeys& side, int s) {
    const std::vector<std::string>& spelling = s == 0 ? spellings.first : spellings.second;
    std::vector<std::uint32_t> to(name_ids[s].size());
    for (std::size_t k = 0; k < to.size(); ++k) to[k] = id_of(spelling[k]);
    for (std::uint32_t& id : side.ids)
      if (id < slot[s].size() && slot[s][id] >= 0) id = to[static_cast<std::size_t>(slot[s][id])];
  };
  rewrite(anchors.src, 0);
  rewrite(anchors.tgt, 1);
}

}  // namespace jisr
