// Private: a dictionary in one flat block of bytes, looked up in place.
// Input: headword -> translations (build), or a file that build's bytes
// were written to (open, memory-mapped). Output: the translations of a
// headword as views into the block.
//
// A FreeDict dictionary takes about half a second to parse and normalise;
// its table opens in well under a millisecond and is checked as it opens,
// so a cache that is stale (another key), truncated or corrupt is refused
// and the caller rebuilds it.
//
// Layout (native byte order; the key and a checksum guard against a file
// from elsewhere):
//   header   "jisrdic1", u32 version, u32 slot count (a power of two),
//            u64 key, u64 entries, u64 body bytes, u64 checksum of the rest
//   slots    u32 per slot: 1 + offset of an entry in the body, 0 if empty;
//            open addressing on a hash of the headword, linear probing
//   body     per entry: u16 headword bytes, headword, u16 translations,
//            then per translation u16 bytes and its text
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "evidence/string_hash.hpp"

namespace jisr {

class DictionaryTable {
 public:
  using Entries =
      std::unordered_map<std::string, std::vector<std::string>, StringHash, std::equal_to<>>;

  // The table of `entries` as bytes, marked with `key`. Entries whose
  // headword or translation is longer than 65,535 bytes (or with more
  // translations) throw ModelError.
  [[nodiscard]] static std::string build(const Entries& entries, std::uint64_t key);

  // Maps a file holding build's bytes; null if it is missing, unreadable,
  // of another key or format, truncated or corrupt.
  [[nodiscard]] static std::shared_ptr<const DictionaryTable> open(
      const std::filesystem::path& path, std::uint64_t key);

  ~DictionaryTable();
  DictionaryTable(const DictionaryTable&) = delete;  // owns a mapping
  DictionaryTable& operator=(const DictionaryTable&) = delete;

  // Appends the translations of `word` to `out`, in order; false if the
  // table does not hold it. The views live as long as the table.
  bool lookup(std::string_view word, std::vector<std::string_view>& out) const;

  // Whether the table holds `word`.
  [[nodiscard]] bool contains(std::string_view word) const;

  [[nodiscard]] std::size_t size() const { return entries_; }

 private:
  DictionaryTable() = default;
  // The body offset of `word`'s entry, or -1.
  [[nodiscard]] std::int64_t find(std::string_view word) const;

  void* map_ = nullptr;
  std::size_t map_size_ = 0;
  const std::uint32_t* slots_ = nullptr;
  std::uint32_t slot_mask_ = 0;
  const char* body_ = nullptr;
  std::size_t body_size_ = 0;
  std::size_t entries_ = 0;
};

// 64-bit FNV-1a of bytes, continuing from `h`.
[[nodiscard]] std::uint64_t fnv1a(std::string_view bytes,
                                  std::uint64_t h = 14695981039346656037ULL);

}  // namespace jisr
