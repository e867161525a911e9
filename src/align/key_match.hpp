// Input: per sentence of each side of a document pair, its anchor key ids
// (the kept ones, sorted), and per key id what a match earns. Output: the
// gain of the keys matched between a run of source and a run of target
// sentences, and cheap upper bounds of it for the search's pruning.
//
// Keys match as multisets (a key twice on one side and once on the other
// matches once). The gain is summed in the order of the source keys
// (sentence by sentence, each sentence's ids ascending), each source key
// earning its gain while an unmatched copy of it is left on the target side,
// so the sum is the same, bit for bit, however the matching is done.
//
// Each sentence also has a 64-bit signature, one bit per key id (a hash):
// two runs whose signatures share no bit share no key.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace jisr {

// The keys of one side: sentence k holds ids[begin[k] .. begin[k+1]),
// ascending, and signature[k] is the OR of key_bit over them.
struct KeyRuns {
  std::span<const std::uint32_t> begin;
  std::span<const std::uint32_t> ids;
  std::span<const std::uint64_t> signature;
};

// The gain of the keys matched between two ascending id lists [p, p_end)
// and [q, q_end), summed in the order of the first.
[[nodiscard]] double sorted_match_gain(const std::uint32_t* p, const std::uint32_t* p_end,
                                       const std::uint32_t* q, const std::uint32_t* q_end,
                                       std::span<const double> gain);

// The signature bit of one key id.
[[nodiscard]] inline std::uint64_t key_bit(std::uint32_t id) {
  return std::uint64_t{1} << ((id * 0x9E3779B1u) >> 26);
}

// Per sentence, the OR of key_bit over ids[begin[k] .. begin[k+1]).
[[nodiscard]] std::vector<std::uint64_t> key_signatures(std::span<const std::uint32_t> begin,
                                                        std::span<const std::uint32_t> ids);

// OR of the signatures of sentences [i, i+n).
[[nodiscard]] inline std::uint64_t run_signature(std::span<const std::uint64_t> signature,
                                                 std::uint32_t i, int n) {
  std::uint64_t s = 0;
  for (int k = 0; k < n; ++k) s |= signature[i + static_cast<std::uint32_t>(k)];
  return s;
}

// Sum of gain[id] over the keys matched between source sentences [i, i+a)
// and target sentences [j, j+b), as the header comment says.
[[nodiscard]] double matched_gain(const KeyRuns& src, std::uint32_t i, int a, const KeyRuns& tgt,
                                  std::uint32_t j, int b, std::span<const double> gain);

// matched_gain(src, i, 1, tgt, j, 1, gain) for every j in [j_begin, j_end),
// into out[j - j_begin]: source sentence i's keys are counted once, and each
// target sentence's keys looked up against the counts.
void pair_gains(const KeyRuns& src, std::uint32_t i, const KeyRuns& tgt, std::uint32_t j_begin,
                std::uint32_t j_end, std::span<const double> gain, std::span<double> out);

}  // namespace jisr
