#include "evidence/dictionary.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "jisr/anchors.hpp"
#include "jisr/error.hpp"
#include "jisr/text.hpp"

namespace jisr {

namespace fs = std::filesystem;

namespace {

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
    if (w.size() >= 3) {
      std::string s = stem_english(w);
      if (!is_stopword(s) && std::find(words.begin(), words.end(), s) == words.end()) words.push_back(s);
    }
    w.clear();
  };
  for (const char c : gloss) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) w += static_cast<char>(c | 0x20);
    else flush();
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
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return out;
}

std::string read_plain(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError(fmt::format("{}: cannot open dictionary", path.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string stem_english(std::string_view word) {
  std::string w;
  for (const char c : word) w += (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
  if (w.ends_with("'s") || w.ends_with("\xE2\x80\x99s")) w.resize(w.size() - (w.ends_with("'s") ? 2 : 4));
  if (w.size() > 4 && w.ends_with("ies")) {
    w.resize(w.size() - 3);
    w += 'y';
  } else if (w.size() > 4 && (w.ends_with("sses") || w.ends_with("shes") || w.ends_with("ches") || w.ends_with("xes"))) {
    w.resize(w.size() - 2);
  } else if (w.size() > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")) {
    w.pop_back();
  }
  // Cut after five code points (never inside a UTF-8 sequence).
  constexpr std::size_t kStemLength = 5;
  std::size_t points = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if ((static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) continue;
    if (points++ == kStemLength) {
      w.resize(i);
      break;
    }
  }
  return w;
}

void Dictionary::add(const std::string& headword, std::string_view glosses, bool first) {
  if (headword.empty()) return;
  auto& targets = entries_[headword];
  auto& known = first ? primary_[headword] : targets;
  for (std::string& w : gloss_words(glosses)) {
    if (std::find(targets.begin(), targets.end(), w) != targets.end()) continue;
    if (first && std::find(known.begin(), known.end(), w) != known.end()) continue;
    known.push_back(std::move(w));
  }
  if (first) {
    // Keep the one-word translations in front of the others.
    std::vector<std::string> merged = known;
    for (auto& w : targets)
      if (std::find(merged.begin(), merged.end(), w) == merged.end()) merged.push_back(std::move(w));
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
  auto& list = entries_[headword];
  std::vector<std::string> merged = in_front ? targets : list;
  for (const auto& w : in_front ? list : targets)
    if (std::find(merged.begin(), merged.end(), w) == merged.end()) merged.push_back(w);
  list = std::move(merged);
}

const std::vector<std::string>& Dictionary::lookup(const std::string& normalized) const {
  static const std::vector<std::string> kNone;
  const auto it = entries_.find(normalized);
  return it == entries_.end() ? kNone : it->second;
}

std::shared_ptr<const Dictionary> load_system_arabic_english_dictionary() {
  const fs::path ara_eng = "/usr/share/dictd/freedict-ara-eng.index";
  const fs::path eng_ara = "/usr/share/dictd/freedict-eng-ara.index";
  std::error_code ec;
  const bool have_forward = fs::exists(ara_eng, ec), have_reverse = fs::exists(eng_ara, ec);
  if (!have_forward && !have_reverse) return nullptr;
  auto d = std::make_shared<Dictionary>();
  if (have_forward) d->add_file(ara_eng);
  if (have_reverse) d->add_file(eng_ara, true);
  return d;
}

}  // namespace jisr
