#include "eval/corpus.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "jisr/error.hpp"
#include "jisr/eval.hpp"
#include "jisr/split.hpp"
#include "jisr/text.hpp"

namespace jisr {

namespace fs = std::filesystem;

namespace {

// Language extensions present for document `name` in `dir` (DOC.xx files).
std::vector<std::string> languages_of(const fs::path& dir, const std::string& name) {
  std::vector<std::string> langs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    if (!file.starts_with(name + ".")) continue;
    const std::string ext = file.substr(name.size() + 1);
    if (ext.size() >= 2 && ext.size() <= 3 && ext != "txt" &&
        std::all_of(ext.begin(), ext.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      langs.push_back(ext);
  }
  std::sort(langs.begin(), langs.end());
  return langs;
}

}  // namespace

CorpusSet open_set(const fs::path& dir, const fs::path& docs_list, std::string src_lang,
                   std::string tgt_lang) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(fmt::format("{}: not a folder", dir.string()));
  CorpusSet set;
  set.dir = dir;
  std::vector<std::string> names;
  if (!docs_list.empty()) {
    const std::string text = load_text(docs_list.string());
    for (const Sentence& line : read_presplit(text)) names.push_back(line.text);
    if (names.empty()) throw InputError(fmt::format("{}: lists no documents", docs_list.string()));
  } else {
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".gold") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    if (names.empty()) throw InputError(fmt::format("{}: no DOC.gold files", dir.string()));
  }
  if (src_lang.empty() || tgt_lang.empty()) {
    const auto langs = languages_of(dir, names.front());
    if (langs.size() != 2)
      throw InputError(fmt::format("{}: cannot tell the two languages of document {} (found {})",
                                   dir.string(), names.front(), fmt::join(langs, ", ")));
    // Arabic is jisr's source side; otherwise take the names in order.
    if (langs[1] == "ar") {
      src_lang = langs[1];
      tgt_lang = langs[0];
    } else {
      src_lang = langs[0];
      tgt_lang = langs[1];
    }
  }
  set.src_lang = src_lang;
  set.tgt_lang = tgt_lang;
  for (const std::string& name : names) {
    SetDocument d;
    d.name = name;
    d.src = dir / (name + "." + src_lang);
    d.tgt = dir / (name + "." + tgt_lang);
    d.gold = dir / (name + ".gold");
    d.src_txt = dir / (name + "." + src_lang + ".txt");
    d.tgt_txt = dir / (name + "." + tgt_lang + ".txt");
    for (const fs::path& p : {d.src, d.tgt, d.gold})
      if (!fs::exists(p)) throw InputError(fmt::format("{}: missing file of document {}", p.string(), name));
    set.docs.push_back(std::move(d));
  }
  return set;
}

void check_alignment(const Alignment& alignment, std::size_t n_src, std::size_t n_tgt,
                     const std::string& name) {
  std::size_t i = 0, j = 0, k = 0;
  for (const Bead& b : alignment) {
    ++k;
    if (b.src_size() > 0 && b.src_begin != i)
      throw InputError(fmt::format("{}:{}: bead starts at source sentence {}, expected {}", name, k,
                                   b.src_begin, i));
    if (b.tgt_size() > 0 && b.tgt_begin != j)
      throw InputError(fmt::format("{}:{}: bead starts at target sentence {}, expected {}", name, k,
                                   b.tgt_begin, j));
    i += b.src_size();
    j += b.tgt_size();
  }
  if (i != n_src || j != n_tgt)
    throw InputError(fmt::format("{}: beads cover {} source and {} target sentences, the texts have {} and {}",
                                 name, i, j, n_src, n_tgt));
}

AlignedDocument read_aligned_document(const SetDocument& doc) {
  AlignedDocument d;
  d.name = doc.name;
  d.src = read_presplit(load_text(doc.src.string()));
  d.tgt = read_presplit(load_text(doc.tgt.string()));
  d.gold = parse_beads(load_text(doc.gold.string()), doc.gold.string());
  // Empty sides carry no position in vecalign files; give them the running one.
  std::uint32_t i = 0, j = 0;
  for (Bead& b : d.gold) {
    if (b.src_size() == 0) b.src_begin = b.src_end = i;
    if (b.tgt_size() == 0) b.tgt_begin = b.tgt_end = j;
    i = b.src_end;
    j = b.tgt_end;
  }
  check_alignment(d.gold, d.src.size(), d.tgt.size(), doc.gold.string());
  return d;
}

}  // namespace jisr
