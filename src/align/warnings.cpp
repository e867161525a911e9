#include "align/warnings.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <tuple>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "evidence/dictionary.hpp"

namespace jisr {

namespace {

enum class Script { unknown, arabic, latin };

std::string_view name_of(Script s) {
  return s == Script::arabic ? "Arabic" : s == Script::latin ? "Latin" : "no one";
}

// The script a language is written in, where the warnings know it.
Script expected_script(const std::string& tag) {
  const std::string lang = tag.substr(0, tag.find('-'));
  for (const char* l : {"ar", "fa", "ur", "ps", "ckb", "ug", "sd"})
    if (lang == l) return Script::arabic;
  for (const char* l :
       {"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "fi", "pl", "cs", "tr",
        "id", "ms", "ro", "hu", "sk", "sl", "hr", "et", "lv", "lt", "sq", "sw", "ca", "eu", "ga"})
    if (lang == l) return Script::latin;
  return Script::unknown;
}

// What a side is made of, in code points.
struct Profile {
  std::size_t visible = 0;  // not white space
  std::size_t letters = 0;  // of any script
  std::size_t arabic = 0, latin = 0;
  std::size_t suspicious = 0;  // control characters, U+FFFD, private use, noncharacters

  // The script of most letters; unknown below 20 letters or without a majority.
  [[nodiscard]] Script script() const {
    if (letters < 20) return Script::unknown;
    if (2 * arabic > letters) return Script::arabic;
    if (2 * latin > letters) return Script::latin;
    return Script::unknown;
  }
  // Many characters no text holds, or few letters among many symbols.
  [[nodiscard]] bool binary() const {
    if (visible == 0) return false;
    if (suspicious * 100 > visible) return true;
    return visible >= 40 && letters * 10 < visible * 3;
  }
};

// What a code point counts as in a Profile.
enum class Kind : std::uint8_t { space, suspicious, arabic_letter, latin_letter, other_letter, other };

Kind kind_of(UChar32 c) {
  if (c < 0 || c == 0xFFFD) return Kind::suspicious;
  if (u_isUWhiteSpace(c)) return Kind::space;
  const int8_t type = u_charType(c);
  if (type == U_CONTROL_CHAR || type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED || type == U_SURROGATE)
    return Kind::suspicious;
  if (!u_isalpha(c)) return Kind::other;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_ARABIC ? Kind::arabic_letter : script == USCRIPT_LATIN ? Kind::latin_letter : Kind::other_letter;
}

// ICU's answers of kind_of for U+0000 to U+07FF (Latin, Greek, Cyrillic,
// Hebrew and Arabic), asked once: a long document has hundreds of millions
// of characters.
constexpr UChar32 kKindCached = 0x800;
const std::array<Kind, kKindCached>& cached_kinds() {
  static const std::array<Kind, kKindCached> table = [] {
    std::array<Kind, kKindCached> t{};
    for (UChar32 c = 0; c < kKindCached; ++c) t[static_cast<std::size_t>(c)] = kind_of(c);
    return t;
  }();
  return table;
}

Profile profile(const Document& doc) {
  const std::array<Kind, kKindCached>& cached = cached_kinds();
  Profile p;
  for (const Sentence& s : doc.sentences) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.text.data());
    const auto length = static_cast<int32_t>(s.text.size());
    for (int32_t i = 0; i < length;) {
      UChar32 c = 0;
      U8_NEXT(bytes, i, length, c);
      const Kind k = c >= 0 && c < kKindCached ? cached[static_cast<std::size_t>(c)] : kind_of(c);
      if (k == Kind::space) continue;
      ++p.visible;
      switch (k) {
        case Kind::suspicious:
          ++p.suspicious;
          break;
        case Kind::arabic_letter:
          ++p.letters;
          ++p.arabic;
          break;
        case Kind::latin_letter:
          ++p.letters;
          ++p.latin;
          break;
        case Kind::other_letter:
          ++p.letters;
          break;
        default:
          break;
      }
    }
  }
  return p;
}

// True if Debian's FreeDict Arabic–English files are where jisr looks.
bool freedict_installed() {
  std::error_code ec;
  const auto dir = system_dictd_dir();
  return std::filesystem::exists(dir / "freedict-ara-eng.index", ec) ||
         std::filesystem::exists(dir / "freedict-eng-ara.index", ec);
}

}  // namespace

std::vector<Warning> input_warnings(const Document& src, const Document& tgt, const Model& model,
                                    bool words) {
  std::vector<Warning> out;
  const Profile ps = profile(src), pt = profile(tgt);
  for (const auto& [doc, p, side] :
       {std::tuple{&src, &ps, "source"}, std::tuple{&tgt, &pt, "target"}})
    if (p->binary())
      out.push_back(
          {"binary_side",
           fmt::format("{} ({} side) does not look like text: {} of its {} characters are control, "
                       "replacement or private-use characters and {} are letters",
                       doc->name, side, p->suspicious, p->visible, p->letters)});
  const Script want_src = expected_script(src.lang), want_tgt = expected_script(tgt.lang);
  const Script got_src = ps.script(), got_tgt = pt.script();
  if (want_src != Script::unknown && want_tgt != Script::unknown && want_src != want_tgt &&
      got_src != Script::unknown && got_tgt != Script::unknown) {
    if (got_src == want_tgt && got_tgt == want_src) {
      out.push_back(
          {"swapped_sides",
           fmt::format(
               "the sides look swapped: {} (source, {}) is in {} script and {} (target, {}) in {} "
               "script; give the {} file first",
               src.name, src.lang, name_of(got_src), tgt.name, tgt.lang, name_of(got_tgt),
               name_of(want_src))});
      return out;
    }
    if (got_src == got_tgt) {
      out.push_back(
          {"same_script",
           fmt::format(
               "both sides are in {} script ({} and {}), but {} and {} are not written alike: "
               "is one of them the wrong file?",
               name_of(got_src), src.name, tgt.name, src.lang, tgt.lang)});
      return out;
    }
  }
  for (const auto& [doc, got, want, side] : {std::tuple{&src, got_src, want_src, "source"},
                                             std::tuple{&tgt, got_tgt, want_tgt, "target"}})
    if (want != Script::unknown && got != Script::unknown && got != want)
      out.push_back(
          {"script_mismatch", fmt::format("{} ({} side, {}) is in {} script, not {}", doc->name,
                                          side, doc->lang, name_of(got), name_of(want))});
  if (words && model.use_anchors && model.anchors.dictionary == "system" && !freedict_installed())
    out.push_back(
        {"dictionary_missing",
         fmt::format(
             "FreeDict not found in {}: install dict-freedict-ara-eng (and dict-freedict-eng-ara); "
             "aligning without dictionary words",
             system_dictd_dir().string())});
  return out;
}

void add_document_warning(double document_score, std::vector<Warning>& warnings) {
  if (document_score >= 0 && document_score < kLowDocumentScore)
    warnings.push_back(
        {"not_translations",
         fmt::format("these documents do not look like translations of each other (document "
                     "score {:.2f})",
                     document_score)});
}

std::string evidence_used(const Model& model) {
  std::string out = "length";
  if (!model.use_anchors) return out;
  out += ", anchors";
  if (!model.anchors.dictionary_data) return out;
  if (model.anchors.dictionary == "system")
    out += freedict_installed() ? ", dictionary (FreeDict)" : "";
  else if (!model.anchors.dictionary.empty())
    out += fmt::format(", dictionary ({})", model.anchors.dictionary);
  if (!model.anchors.translations.empty()) out += ", learned translations";
  return out;
}

}  // namespace jisr
