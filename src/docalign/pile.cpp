#include "docalign/pile.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/text.hpp"

#include "util/parallel.hpp"

namespace jisr::docalign {

namespace fs = std::filesystem;

namespace {

// Anchor types that say nothing about which document a text is: quotation
// marks and brackets are in every document.
bool is_document_evidence(const AnchorKey& key) { return key.type != AnchorType::symbol; }

// A line naming more day numbers than this is a table, not a date.
constexpr std::size_t kMaxDays = 3;

// The integer value of a "num:" key, if it is a whole number.
std::optional<long> integer_of(const std::string& key) {
  if (!key.starts_with("num:")) return std::nullopt;
  long value = 0;
  const char* first = key.data() + 4;
  const char* last = key.data() + key.size();
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || end != last) return std::nullopt;
  return value;
}

// Code points of valid UTF-8 that are not ASCII white space.
float visible_length(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) == 0x80 || b == ' ' || b == '\n' || b == '\t' || b == '\r') continue;
    ++n;
  }
  return static_cast<float>(n);
}

// What one document becomes before its keys are interned.
struct RawDocument {
  std::vector<std::string> keys;   // with repeats
  std::vector<std::string> dates;  // distinct
  float length = 0;
  std::string error;  // non-empty: skipped
};

RawDocument read_document(const Aligner& aligner, const std::string& path, const Pile& pile,
                          std::size_t max_bytes) {
  RawDocument doc;
  try {
    const std::string text = load_text(path, OnInvalid::fail, nullptr, max_bytes);
    doc.length = visible_length(text);
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string_view line(text.data() + start, end - start);
      start = end + 1;
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      const std::vector<AnchorKey> keys = aligner.anchors(line, pile.lang, pile.source_side);
      for (const AnchorKey& k : keys)
        if (is_document_evidence(k)) doc.keys.push_back(k.key);
      for (std::string& d : date_keys(keys)) doc.dates.push_back(std::move(d));
    }
    std::sort(doc.dates.begin(), doc.dates.end());
    doc.dates.erase(std::unique(doc.dates.begin(), doc.dates.end()), doc.dates.end());
    if (doc.length == 0) doc.error = "no text";
  } catch (const Error& e) {
    doc.error = e.what();
  } catch (const std::bad_alloc&) {
    doc.error = "out of memory";
  }
  return doc;
}

}  // namespace

std::uint32_t Vocabulary::intern(const std::string& key) {
  const auto [it, added] = ids_.try_emplace(key, static_cast<std::uint32_t>(keys_.size()));
  if (added) keys_.push_back(key);
  return it->second;
}

std::vector<std::string> list_pile(const std::string& pile) {
  std::vector<std::string> paths;
  std::error_code ec;
  if (fs::is_directory(pile, ec)) {
    for (const fs::directory_entry& e : fs::directory_iterator(pile, ec)) {
      const std::string name = e.path().filename().string();
      if (name.starts_with(".") || !e.is_regular_file(ec)) continue;
      paths.push_back(e.path().string());
    }
    if (ec) throw InputError(fmt::format("{}: cannot list the folder: {}", pile, ec.message()));
    std::sort(paths.begin(), paths.end());
    return paths;
  }
  if (!fs::is_regular_file(pile, ec))
    throw InputError(fmt::format("{}: no such folder or list file", pile));
  const std::string text = load_text(pile);
  const fs::path base = fs::path(pile).parent_path();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.empty() || line.starts_with("#")) continue;
    const fs::path p(line);
    paths.push_back(p.is_absolute() || base.empty() ? p.string() : (base / p).string());
  }
  return paths;
}

bool is_arabic_script(std::string_view text) {
  std::size_t arabic = 0, latin = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < n && i + k < text.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += n;
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F))
      ++latin;
    else if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
             (cp >= 0x8A0 && cp <= 0x8FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
             (cp >= 0xFE70 && cp <= 0xFEFF))
      ++arabic;
  }
  return arabic > latin;
}

std::vector<std::string> date_keys(const std::vector<AnchorKey>& keys) {
  std::vector<std::string> months;
  std::vector<long> days, years;
  for (const AnchorKey& k : keys) {
    if (k.type == AnchorType::month) {
      months.push_back(k.key.substr(k.key.find(':') + 1));
    } else if (const auto v = integer_of(k.key)) {
      if (*v >= 1 && *v <= 31) days.push_back(*v);
      if (*v >= 1800 && *v <= 2100) years.push_back(*v);
    }
  }
  auto distinct = [](auto& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  distinct(months);
  distinct(days);
  distinct(years);
  std::vector<std::string> dates;
  if (months.size() != 1 || days.empty() || days.size() > kMaxDays || years.size() > 1)
    return dates;
  for (const long day : days)
    dates.push_back(years.empty() ? fmt::format("date:{}-{}", months[0], day)
                                  : fmt::format("date:{}-{}-{}", years[0], months[0], day));
  return dates;
}

void read_pile(const Aligner& aligner, const std::vector<std::string>& paths,
               const ReadOptions& options, Vocabulary& vocabulary, Pile& pile,
               std::vector<Skipped>& skipped) {
  const unsigned threads = detail::thread_count(options.threads);
  const std::size_t chunk = options.chunk > 0 ? options.chunk : std::size_t{256} * threads;
  std::map<std::uint32_t, float> counts;
  for (std::size_t first = 0; first < paths.size(); first += chunk) {
    const std::size_t n = std::min(chunk, paths.size() - first);
    std::vector<RawDocument> docs = detail::parallel_map(n, threads, [&](std::size_t k) {
      return read_document(aligner, paths[first + k], pile, options.max_bytes);
    });
    for (std::size_t k = 0; k < n; ++k) {
      RawDocument& doc = docs[k];
      if (!doc.error.empty()) {
        skipped.push_back({paths[first + k], std::move(doc.error)});
        continue;
      }
      counts.clear();
      for (const std::string& key : doc.keys) counts[vocabulary.intern(key)] += 1.0f;
      for (const std::string& key : doc.dates) counts[vocabulary.intern(key)] += 1.0f;
      for (const auto& [id, count] : counts) {
        pile.keys.push_back(id);
        pile.counts.push_back(count);
      }
      pile.begin.push_back(static_cast<std::int64_t>(pile.keys.size()));
      std::vector<std::uint32_t> dates;
      for (const std::string& key : doc.dates) dates.push_back(vocabulary.intern(key));
      std::sort(dates.begin(), dates.end());
      pile.dates.insert(pile.dates.end(), dates.begin(), dates.end());
      pile.date_begin.push_back(static_cast<std::int64_t>(pile.dates.size()));
      pile.names.push_back(paths[first + k]);
      pile.length.push_back(doc.length);
      doc = RawDocument();
    }
  }
}

void sort_by_script(const std::vector<std::string>& paths, std::size_t max_bytes,
                    std::vector<std::string>& arabic, std::vector<std::string>& other,
                    std::vector<Skipped>& skipped) {
  for (const std::string& path : paths) {
    try {
      (is_arabic_script(load_text(path, OnInvalid::fail, nullptr, max_bytes)) ? arabic : other)
          .push_back(path);
    } catch (const Error& e) {
      skipped.push_back({path, e.what()});
    }
  }
}

}  // namespace jisr::docalign
