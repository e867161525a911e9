#include "evidence/dictionary_table.hpp"

#include <bit>
#include <cstring>

#include <fmt/format.h>

#include "jisr/error.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace jisr {

namespace {

constexpr char kMagic[8] = {'j', 'i', 's', 'r', 'd', 'i', 'c', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeader = 48;
constexpr std::size_t kMaxField = 0xFFFF;

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t slots;
  std::uint64_t key;
  std::uint64_t entries;
  std::uint64_t body_size;
  std::uint64_t checksum;
};
static_assert(sizeof(Header) == kHeader);

void put_u16(std::string& out, std::size_t v, std::string_view what) {
  if (v > kMaxField) throw ModelError(fmt::format("dictionary table: {} too long ({})", what, v));
  const auto u = static_cast<std::uint16_t>(v);
  out.append(reinterpret_cast<const char*>(&u), sizeof u);
}

std::uint16_t get_u16(const char* p) {
  std::uint16_t v = 0;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// A checksum of the table: FNV-1a over 64-bit words, then the tail bytes
// (eight times faster than bytewise on a table of megabytes).
std::uint64_t checksum(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, bytes.data() + i, sizeof w);
    h = (h ^ w) * 1099511628211ULL;
  }
  return fnv1a(bytes.substr(i), h);
}

}  // namespace

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::string DictionaryTable::build(const Entries& entries, std::uint64_t key) {
  // Half full at most, so that probes stay short.
  const std::uint32_t slots =
      std::bit_ceil(static_cast<std::uint32_t>(std::max<std::size_t>(entries.size() * 2, 8)));
  std::vector<std::uint32_t> slot(slots, 0);
  std::string body;
  for (const auto& [head, targets] : entries) {
    if (body.size() >= 0xFFFFFFF0U) throw ModelError("dictionary table: more than 4 GB");
    std::uint32_t s = static_cast<std::uint32_t>(fnv1a(head)) & (slots - 1);
    while (slot[s] != 0) s = (s + 1) & (slots - 1);
    slot[s] = static_cast<std::uint32_t>(body.size()) + 1;
    put_u16(body, head.size(), "headword");
    body += head;
    put_u16(body, targets.size(), "translation list");
    for (const std::string& t : targets) {
      put_u16(body, t.size(), "translation");
      body += t;
    }
  }
  std::string rest(reinterpret_cast<const char*>(slot.data()), slot.size() * sizeof(std::uint32_t));
  rest += body;
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.slots = slots;
  h.key = key;
  h.entries = entries.size();
  h.body_size = body.size();
  h.checksum = checksum(rest);
  return std::string(reinterpret_cast<const char*>(&h), sizeof h) + rest;
}

std::shared_ptr<const DictionaryTable> DictionaryTable::open(const std::filesystem::path& path,
                                                             std::uint64_t key) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  const bool sized = ::fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(kHeader);
  void* map =
      sized ? ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0)
            : MAP_FAILED;
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  std::shared_ptr<DictionaryTable> t(new DictionaryTable());
  t->map_ = map;
  t->map_size_ = static_cast<std::size_t>(st.st_size);
  Header h{};
  std::memcpy(&h, map, sizeof h);
  const char* bytes = static_cast<const char*>(map);
  const std::size_t rest = t->map_size_ - kHeader;
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kVersion || h.key != key ||
      !std::has_single_bit(h.slots) || std::uint64_t{h.slots} * 4 > rest ||
      std::uint64_t{h.slots} * 4 + h.body_size != rest || h.entries > h.slots ||
      checksum(std::string_view(bytes + kHeader, rest)) != h.checksum)
    return nullptr;
  t->slots_ = reinterpret_cast<const std::uint32_t*>(bytes + kHeader);
  t->slot_mask_ = h.slots - 1;
  t->body_ = bytes + kHeader + std::size_t{h.slots} * 4;
  t->body_size_ = h.body_size;
  t->entries_ = h.entries;
  return t;
}

DictionaryTable::~DictionaryTable() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
}

std::int64_t DictionaryTable::find(std::string_view word) const {
  std::uint32_t s = static_cast<std::uint32_t>(fnv1a(word)) & slot_mask_;
  for (std::uint32_t probes = 0; probes <= slot_mask_; ++probes, s = (s + 1) & slot_mask_) {
    const std::uint32_t at = slots_[s];
    if (at == 0) return -1;
    const std::size_t offset = at - 1;
    if (offset + 2 > body_size_) return -1;  // checked when opened; never trusted blindly
    const std::size_t n = get_u16(body_ + offset);
    if (offset + 2 + n <= body_size_ && std::string_view(body_ + offset + 2, n) == word)
      return static_cast<std::int64_t>(offset);
  }
  return -1;
}

bool DictionaryTable::contains(std::string_view word) const { return find(word) >= 0; }

bool DictionaryTable::lookup(std::string_view word, std::vector<std::string_view>& out) const {
  const std::int64_t found = find(word);
  if (found < 0) return false;
  std::size_t at = static_cast<std::size_t>(found) + 2 + word.size();
  if (at + 2 > body_size_) return true;
  const std::size_t n = get_u16(body_ + at);
  at += 2;
  for (std::size_t k = 0; k < n && at + 2 <= body_size_; ++k) {
    const std::size_t len = get_u16(body_ + at);
    at += 2;
    if (at + len > body_size_) break;
    out.emplace_back(body_ + at, len);
    at += len;
  }
  return true;
}

}  // namespace jisr
