#include "evidence/anchor_spans.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "evidence/extractors.hpp"

namespace jisr {

namespace {

// A word of a sentence as the extractor sees one: a run of letters, marks
// and digits; digits keep the separators between them (3,750 and ٣٬٧٥٠ are
// one word), as the extractor reads numbers.
struct Piece {
  std::uint32_t begin = 0, end = 0;  // bytes
};

bool word_char(UChar32 c) {
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
         u_charType(c) == U_COMBINING_SPACING_MARK || c == 0x0640 /* tatweel */;
}

bool number_separator(UChar32 c) {
  return c == ',' || c == '.' || c == 0x066B || c == 0x066C || c == 0x060C;
}

std::vector<Piece> pieces_of(std::string_view text) {
  // Code points with their byte offsets (the text is valid UTF-8).
  std::vector<std::pair<UChar32, std::uint32_t>> cps;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    const auto at = static_cast<std::uint32_t>(i);
    UChar32 c = 0;
    U8_NEXT(bytes, i, n, c);
    cps.emplace_back(c, at);
  }
  cps.emplace_back(0, static_cast<std::uint32_t>(text.size()));
  std::vector<Piece> out;
  for (std::size_t k = 0; k + 1 < cps.size();) {
    if (!word_char(cps[k].first)) {
      ++k;
      continue;
    }
    std::size_t j = k;
    while (j + 1 < cps.size()) {
      const UChar32 c = cps[j].first;
      if (word_char(c)) {
        ++j;
      } else if (number_separator(c) && j > k && u_isdigit(cps[j - 1].first) &&
                 u_isdigit(cps[j + 1].first)) {
        ++j;
      } else {
        break;
      }
    }
    out.push_back({cps[k].second, cps[j].second});
    k = j;
  }
  return out;
}

std::vector<AnchorSpan> sentence_spans(const AnchorExtractor& extractor, std::string_view text,
                                       std::span<const std::uint32_t> ids) {
  const std::vector<AnchorKey> whole = extractor.find(text);
  std::vector<AnchorSpan> out;
  // The document's ids are the sentence's keys in the same order, with
  // names rewritten; without that correspondence nothing can be placed.
  if (whole.size() != ids.size()) return out;
  std::unordered_map<std::string, std::uint32_t> id_of;
  for (std::size_t k = 0; k < whole.size(); ++k)
    if (whole[k].type != AnchorType::symbol) id_of.try_emplace(whole[k].key, ids[k]);
  if (id_of.empty()) return out;

  const std::vector<Piece> pieces = pieces_of(text);
  auto ids_in = [&](std::uint32_t b, std::uint32_t e, bool phrases_only) {
    std::vector<std::uint32_t> found;
    for (const AnchorKey& k : extractor.find(text.substr(b, e - b))) {
      if (phrases_only && k.type != AnchorType::lexicon && k.type != AnchorType::month) continue;
      if (const auto it = id_of.find(k.key); it != id_of.end()) found.push_back(it->second);
    }
    return found;
  };
  std::vector<std::vector<std::uint32_t>> single(pieces.size());
  for (std::size_t p = 0; p < pieces.size(); ++p)
    single[p] = ids_in(pieces[p].begin, pieces[p].end, false);
  // Phrases of two or three words (lexicon entries, "كانون الثاني") whose
  // key none of their words gives alone; the words' own keys go with them.
  std::vector<bool> covered(pieces.size(), false);
  for (std::size_t len = 3; len >= 2; --len) {
    for (std::size_t p = 0; p + len <= pieces.size(); ++p) {
      const auto first = covered.begin() + static_cast<std::ptrdiff_t>(p);
      if (std::any_of(first, first + static_cast<std::ptrdiff_t>(len), [](bool c) { return c; }))
        continue;
      const std::uint32_t b = pieces[p].begin, e = pieces[p + len - 1].end;
      std::vector<std::uint32_t> found = ids_in(b, e, true);
      std::erase_if(found, [&](std::uint32_t id) {
        for (std::size_t q = p; q < p + len; ++q)
          if (std::find(single[q].begin(), single[q].end(), id) != single[q].end()) return true;
        return false;
      });
      if (found.empty()) continue;
      for (std::size_t q = p; q < p + len; ++q)
        found.insert(found.end(), single[q].begin(), single[q].end());
      for (const std::uint32_t id : found) out.push_back({b, e, id});
      std::fill(first, first + static_cast<std::ptrdiff_t>(len), true);
    }
  }
  for (std::size_t p = 0; p < pieces.size(); ++p)
    if (!covered[p])
      for (const std::uint32_t id : single[p]) out.push_back({pieces[p].begin, pieces[p].end, id});
  std::sort(out.begin(), out.end(), [](const AnchorSpan& a, const AnchorSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.key < b.key;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

AnchorSpans find_anchor_spans(const Model& model, const Document& src, const Document& tgt,
                              const DocumentAnchors& anchors) {
  AnchorSpans out;
  for (const bool is_src : {true, false}) {
    const Document& doc = is_src ? src : tgt;
    const SideKeys& side = is_src ? anchors.src : anchors.tgt;
    auto& spans = is_src ? out.src : out.tgt;
    spans.resize(doc.sentences.size());
    if (side.size() != doc.sentences.size()) continue;
    const AnchorExtractor extractor(detail::side_options(model, doc.lang, is_src));
    for (std::size_t k = 0; k < doc.sentences.size(); ++k)
      spans[k] = sentence_spans(extractor, doc.sentences[k].text, side[k]);
  }
  return out;
}

}  // namespace jisr
