// Input: a folder of gold-aligned documents in the layout of jisr's test
// sets: per document DOC, files DOC.SRC and DOC.TGT (one sentence a line),
// DOC.gold (vecalign-style beads) and optionally DOC.SRC.txt / DOC.TGT.txt
// (running text). Output: the list of documents and their file paths.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "jisr/types.hpp"

namespace jisr {

struct SetDocument {
  std::string name;
  std::filesystem::path src, tgt, gold;  // sentence-per-line files and gold beads
  std::filesystem::path src_txt, tgt_txt;  // running text (may not exist)
};

struct CorpusSet {
  std::filesystem::path dir;
  std::string src_lang, tgt_lang;
  std::vector<SetDocument> docs;
};

// Opens the set in `dir`. `docs_list`, when not empty, is a file with one
// document name a line (such as splits/SET.test.txt); otherwise every
// document with a .gold file is taken, in name order. Languages are found
// from the file names unless given. Throws InputError when a document's files
// are missing.
[[nodiscard]] CorpusSet open_set(const std::filesystem::path& dir,
                                 const std::filesystem::path& docs_list = {},
                                 std::string src_lang = {}, std::string tgt_lang = {});

// Reads one document of a set (sentence-per-line files and gold beads) and
// checks that the gold covers every sentence exactly once, in order.
[[nodiscard]] AlignedDocument read_aligned_document(const SetDocument& doc);

// Throws InputError unless `alignment` covers [0, n_src) and [0, n_tgt) in
// order with no gap or overlap. `name` is used in the message.
void check_alignment(const Alignment& alignment, std::size_t n_src, std::size_t n_tgt,
                     const std::string& name);

}  // namespace jisr
