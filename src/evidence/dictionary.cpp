#include "evidence/dictionary.hpp"

#include <unistd.h>
#include <unicode/uversion.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "evidence/dictionary_table.hpp"
#include "evidence/normalize.hpp"
#include "jisr/error.hpp"
#include "jisr/text.hpp"

namespace jisr {

namespace fs = std::filesystem;

namespace {

// A dictionary file (plain or decompressed) holds at most this many bytes;
// /dev/zero or a compression bomb is refused.
constexpr std::size_t kMaxDictionaryBytes = std::size_t{64} << 20;
// Translations kept per headword (anchors use the first few), and content
// words taken from one gloss: a headword repeated on many lines, or a gloss
// of a million words, costs bounded time.
constexpr std::size_t kMaxTargets = 32;
constexpr std::size_t kMaxGlossWords = 64;
// Headwords are words or short phrases; normalising a longer one for
// matching would cost time out of proportion.
constexpr std::size_t kMaxHeadwordBytes = 256;

std::string too_large(const fs::path& path) {
  return fmt::format("{}: dictionary larger than the limit of {} bytes", path.string(), kMaxDictionaryBytes);
}

// Words that carry no meaning of their own in a gloss.
bool is_stopword(std::string_view w) {
  static constexpr std::array<std::string_view, 40> kStop = {
      "the", "and", "for", "with", "from", "that", "this", "which", "who", "whom", "what", "into",
      "one", "ones", "some", "something", "someone", "somebody", "any", "thing", "things", "person",
      "act", "being", "have", "has", "had", "was", "were", "are", "not", "out", "off", "all",
      "its", "his", "her", "their", "him", "them"};
  return std::find(kStop.begin(), kStop.end(), w) != kStop.end();
}

// Content words of an English gloss, stemmed.
std::vector<std::string> gloss_words(std::string_view gloss) {
  std::vector<std::string> words;
  std::string w;
  auto flush = [&] {
    if (w.size() >= 3 && words.size() < kMaxGlossWords) {
      std::string s = stem_english(w);
      if (!is_stopword(s) && std::find(words.begin(), words.end(), s) == words.end()) words.push_back(s);
    }
    w.clear();
  };
  for (const char c : gloss) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (w.size() < 64) w += static_cast<char>(c | 0x20);
    } else {
      flush();
      if (words.size() == kMaxGlossWords) break;
    }
  }
  flush();
  return words;
}

std::uint64_t decode_base64_number(std::string_view s, const fs::path& path, std::size_t line) {
  static constexpr std::string_view kDigits =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::uint64_t v = 0;
  for (const char c : s) {
    const auto d = kDigits.find(c);
    if (d == std::string_view::npos || v > (std::uint64_t{1} << 50))
      throw ModelError(fmt::format("{}:{}: bad offset \"{}\"", path.string(), line, s));
    v = v * 64 + d;
  }
  return v;
}

std::string read_gzip(const fs::path& path) {
  std::unique_ptr<gzFile_s, int (*)(gzFile)> f(gzopen(path.c_str(), "rb"), gzclose);
  if (!f) throw ModelError(fmt::format("{}: cannot open dictionary", path.string()));
  std::string out;
  std::array<char, 1 << 16> buffer{};
  for (;;) {
    const int n = gzread(f.get(), buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0) throw ModelError(fmt::format("{}: corrupt compressed dictionary", path.string()));
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > kMaxDictionaryBytes) throw ModelError(too_large(path));
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return out;
}

std::string read_plain(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError(fmt::format("{}: cannot open dictionary", path.string()));
  std::string out;
  std::array<char, 1 << 16> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto n = static_cast<std::size_t>(in.gcount());
    if (out.size() + n > kMaxDictionaryBytes) throw ModelError(too_large(path));
    out.append(buffer.data(), n);
  }
  if (in.bad()) throw ModelError(fmt::format("{}: read error", path.string()));
  return out;
}

}  // namespace

Dictionary::Dictionary(std::shared_ptr<const Dictionary> base) : base_(std::move(base)) {}

Dictionary::Dictionary(std::shared_ptr<const DictionaryTable> table) : table_(std::move(table)) {}

std::vector<std::string>& Dictionary::own(const std::string& headword) {
  const auto [it, inserted] = entries_.try_emplace(headword);
  if (inserted) {
    std::vector<std::string_view> behind;
    lookup_behind(headword, behind);
    it->second.assign(behind.begin(), behind.end());
  }
  return it->second;
}

void Dictionary::lookup_behind(std::string_view word, std::vector<std::string_view>& out) const {
  if (table_ && table_->lookup(word, out)) return;
  if (base_) out = base_->lookup(word);
}

std::vector<std::string_view> Dictionary::lookup(std::string_view normalized) const {
  std::vector<std::string_view> out;
  if (const auto it = entries_.find(normalized); it != entries_.end())
    out.assign(it->second.begin(), it->second.end());
  else
    lookup_behind(normalized, out);
  return out;
}

std::size_t Dictionary::size() const {
  std::size_t n = (table_ ? table_->size() : 0) + (base_ ? base_->size() : 0);
  for (const auto& [head, targets] : entries_) {
    const bool behind = (table_ && table_->contains(head)) || (base_ && !base_->lookup(head).empty());
    if (!behind) ++n;
  }
  return n;
}

std::string Dictionary::to_table(std::uint64_t key) const { return DictionaryTable::build(entries_, key); }

void Dictionary::add(const std::string& headword, std::string_view glosses, bool first) {
  if (headword.empty()) return;
  auto& targets = own(headword);
  auto& known = first ? primary_[headword] : targets;
  if (known.size() >= kMaxTargets) return;
  for (std::string& w : gloss_words(glosses)) {
    if (known.size() >= kMaxTargets) break;
    if (std::find(targets.begin(), targets.end(), w) != targets.end()) continue;
    if (first && std::find(known.begin(), known.end(), w) != known.end()) continue;
    known.push_back(std::move(w));
  }
  if (first) {
    // Keep the one-word translations in front of the others.
    std::vector<std::string> merged = known;
    for (auto& w : targets)
      if (merged.size() < kMaxTargets && std::find(merged.begin(), merged.end(), w) == merged.end())
        merged.push_back(std::move(w));
    targets = std::move(merged);
  }
}

void Dictionary::add_tsv(std::string_view text, std::string_view origin) {
  const MatchNormalizer normalize;
  std::size_t line_no = 0, start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw ModelError(fmt::format("{}:{}: expected 'source<TAB>target'", origin, line_no));
    if (tab > kMaxHeadwordBytes)
      throw ModelError(fmt::format("{}:{}: a headword longer than {} bytes", origin, line_no, kMaxHeadwordBytes));
    add(normalize(line.substr(0, tab)), line.substr(tab + 1));
  }
}

Dictionary Dictionary::load(const fs::path& path) {
  Dictionary d;
  d.add_file(path);
  return d;
}

void Dictionary::add_reversed(std::string_view headword, std::string_view glosses,
                              const MatchNormalizer& normalize) {
  // Each gloss line is a source phrase; its words of three letters or more
  // (Arabic article included) take the headword as a translation.
  std::size_t start = 0;
  while (start < glosses.size()) {
    std::size_t nl = glosses.find('\n', start);
    if (nl == std::string_view::npos) nl = glosses.size();
    std::string_view line = glosses.substr(start, nl - start);
    start = nl + 1;
    if (const auto dot = line.find(". "); dot != std::string_view::npos && dot < 4) line.remove_prefix(dot + 2);
    const std::string phrase = normalize(line);
    // A one-word gloss is the word's translation; a word inside a longer
    // gloss only takes part in it, so it goes after the one-word ones.
    const bool single = phrase.find_first_of(" ,;()/") == std::string::npos;
    std::size_t w = 0;
    while (w < phrase.size()) {
      std::size_t e = phrase.find_first_of(" ,;()/", w);
      if (e == std::string::npos) e = phrase.size();
      const std::string word = phrase.substr(w, e - w);
      if (count_code_points(word) >= 3) {
        add(word, headword, single);
        if (word.starts_with("ال") && count_code_points(word) >= 5) add(word.substr(4), headword, single);
      }
      w = e + 1;
    }
  }
}

void Dictionary::add_file(const fs::path& path, bool reversed) {
  std::error_code ec;
  fs::path index = path;
  if (index.extension() != ".index" && fs::exists(fs::path(path.string() + ".index"), ec))
    index = path.string() + ".index";
  if (index.extension() != ".index") {
    add_tsv(read_plain(path), path.string());
    return;
  }
  const fs::path base = index.parent_path() / index.stem();
  const fs::path dz = base.string() + ".dict.dz", plain = base.string() + ".dict";
  const std::string body = fs::exists(dz, ec) ? read_gzip(dz) : read_plain(plain);
  const std::string idx = read_plain(index);
  const MatchNormalizer normalize;
  std::size_t line_no = 0, start = 0;
  while (start < idx.size()) {
    std::size_t nl = idx.find('\n', start);
    if (nl == std::string::npos) nl = idx.size();
    const std::string_view line = std::string_view(idx).substr(start, nl - start);
    start = nl + 1;
    ++line_no;
    if (line.empty() || line.starts_with("00database")) continue;
    const auto t1 = line.find('\t');
    const auto t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos)
      throw ModelError(fmt::format("{}:{}: expected headword<TAB>offset<TAB>length", index.string(), line_no));
    if (t1 > kMaxHeadwordBytes)
      throw ModelError(fmt::format("{}:{}: a headword longer than {} bytes", index.string(), line_no, kMaxHeadwordBytes));
    const auto offset = decode_base64_number(line.substr(t1 + 1, t2 - t1 - 1), index, line_no);
    const auto length = decode_base64_number(line.substr(t2 + 1), index, line_no);
    if (offset + length > body.size())
      throw ModelError(fmt::format("{}:{}: entry lies outside the dictionary body", index.string(), line_no));
    std::string_view entry = std::string_view(body).substr(offset, length);
    // The first line repeats the headword with its pronunciation.
    const auto first_nl = entry.find('\n');
    entry = first_nl == std::string_view::npos ? std::string_view{} : entry.substr(first_nl + 1);
    if (reversed)
      add_reversed(line.substr(0, t1), entry, normalize);
    else {
      const std::string head = normalize(line.substr(0, t1));
      add(head, entry);
      if (head.starts_with("ال") && count_code_points(head) >= 5) add(head.substr(4), entry);
    }
  }
}

void Dictionary::add_translations(const std::string& headword, const std::vector<std::string>& targets,
                                  bool in_front) {
  auto& list = own(headword);
  std::vector<std::string> merged = in_front ? targets : list;
  for (const auto& w : in_front ? list : targets)
    if (std::find(merged.begin(), merged.end(), w) == merged.end()) merged.push_back(w);
  if (merged.size() > kMaxTargets) merged.resize(kMaxTargets);
  list = std::move(merged);
}

namespace {

// A key for the cached table of dictionary files: their names, sizes and
// modification times, the table's format and the ICU version (the headwords
// are normalised by ICU). Raise the number after "table" whenever the
// normalisation of headwords changes, so that no stale table is read.
std::uint64_t files_key(const std::vector<fs::path>& files) {
  std::string id = "freedict-ara-eng table 1\nicu " U_ICU_VERSION;
  for (const fs::path& f : files) {
    std::error_code ec;
    const auto size = fs::file_size(f, ec);
    const auto time = ec ? fs::file_time_type{} : fs::last_write_time(f, ec);
    id += fmt::format("\n{}\t{}\t{}", f.string(), ec ? 0 : size, time.time_since_epoch().count());
  }
  return fnv1a(id);
}

// The dictd body beside an index: FILE.dict.dz, else FILE.dict.
fs::path dictd_body(const fs::path& index) {
  const fs::path base = index.parent_path() / index.stem();
  std::error_code ec;
  const fs::path dz = base.string() + ".dict.dz";
  return fs::exists(dz, ec) ? dz : fs::path(base.string() + ".dict");
}

// Writes a table into the cache, or nothing when the folder is not
// writable; a reader never sees a half-written file (rename).
void write_cache(const fs::path& path, const std::string& bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += fmt::format(".{}.tmp", ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) fs::remove(tmp, ec);
}

fs::path user_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') return fs::path(xdg) / "jisr";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return fs::path(home) / ".cache" / "jisr";
  return {};
}

}  // namespace

std::shared_ptr<const Dictionary> load_arabic_english_dictionary(const fs::path& ara_eng, const fs::path& eng_ara,
                                                                const fs::path& cache_dir) {
  std::error_code ec;
  const bool have_forward = fs::exists(ara_eng, ec), have_reverse = fs::exists(eng_ara, ec);
  if (!have_forward && !have_reverse) return nullptr;
  const std::uint64_t key =
      files_key({ara_eng, dictd_body(ara_eng), eng_ara, dictd_body(eng_ara)});
  const fs::path cache = cache_dir.empty() ? fs::path{} : cache_dir / "freedict-ara-eng.table";
  if (!cache.empty())
    if (auto table = DictionaryTable::open(cache, key)) return std::make_shared<Dictionary>(std::move(table));
  auto d = std::make_shared<Dictionary>();
  if (have_forward) d->add_file(ara_eng);
  if (have_reverse) d->add_file(eng_ara, true);
  if (!cache.empty()) write_cache(cache, d->to_table(key));
  return d;
}

fs::path system_dictd_dir() {
  if (const char* dir = std::getenv("JISR_DICTD_DIR"); dir != nullptr && *dir != '\0') return dir;
  return "/usr/share/dictd";
}

std::shared_ptr<const Dictionary> load_system_arabic_english_dictionary() {
  const fs::path dir = system_dictd_dir();
  return load_arabic_english_dictionary(dir / "freedict-ara-eng.index", dir / "freedict-eng-ara.index",
                                        user_cache_dir());
}

}  // namespace jisr
