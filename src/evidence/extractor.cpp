// Input: one sentence (UTF-8) of one side. Output: its anchor keys in text
// order (jisr/anchors.hpp): patterns, numbers and symbols first, then
// lexicon phrases, calendar names, dictionary words, Latin words and names.
//
// Everything a word yields on its own (its normal form, clitic variants,
// calendar, dictionary, Latin and name keys) is worked out once per
// distinct word and kept in a memo; a sentence then costs a scan for word
// boundaries, a hash look-up per word and the lexicon phrases that start
// with a word known to begin one.
//
// Keys are interned in the extractor's table when first made, so a word's
// keys are ids and a sentence's keys (find_ids) cost no string; find()
// looks the strings up at the end.
#include <algorithm>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>
#include <unicode/regex.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "jisr/anchors.hpp"

#include "evidence/calendar.hpp"
#include "evidence/dictionary.hpp"
#include "evidence/lexicon.hpp"
#include "evidence/normalize.hpp"
#include "evidence/numbers.hpp"
#include "evidence/string_hash.hpp"
#include "evidence/tokens.hpp"
#include "util/icu.hpp"

namespace jisr {

namespace {

// Shorter skeletons ("tr", "sd") match too many unrelated words.
constexpr std::size_t kMinSkeleton = 3;

bool is_arabic_lang(std::string_view lang) { return lang.substr(0, 2) == "ar"; }

std::string_view first_word(std::string_view phrase) { return phrase.substr(0, phrase.find(' ')); }

// An apostrophe inside a romanised name stands for an Arabic ʿayn or hamza
// (Ka’bah, Qur'an, Ma’arrat al-Nu’man): split there, the name's parts are
// too short to be names. What follows an English clitic's apostrophe
// (Syria's, don't, we've) is not a name's second part.
bool is_name_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == '`'; }
constexpr std::string_view kLatinClitics[] = {"s", "t", "d", "m", "ll", "re", "ve"};

// The Arabic article as romanised before a hyphen, the l assimilated to a
// sun letter or not (al-Bab, ad-Dana, ash-Sham, ez-Zor). The Arabic side
// keeps the article of a short name (الأمل: "lml"), so an English name too
// short for a key alone (Amal: "ml") is keyed with "al" before it.
constexpr std::string_view kLatinArticles[] = {"al", "el", "ad", "adh", "an", "ar", "as", "ash", "at",
                                              "ath", "az", "ed", "en", "er", "es", "esh", "et", "ez"};
bool is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
// One of kLatinArticles, in lower case or capitalised (Al-Amal).
bool is_latin_article(std::string_view word) {
  return std::any_of(std::begin(kLatinArticles), std::end(kLatinArticles), [word](std::string_view a) {
    return word.size() == a.size() && (word[0] == a[0] || word[0] == a[0] - 'a' + 'A') && word.substr(1) == a.substr(1);
  });
}

// True if `left` and `right`, two words of `sentence` in order, are
// separated by exactly one character, and `is_mark` holds for it.
bool joined_by(std::string_view sentence, std::string_view left, std::string_view right, bool (*is_mark)(UChar32)) {
  const auto* base = reinterpret_cast<const std::uint8_t*>(sentence.data());
  auto i = static_cast<std::int32_t>(left.data() + left.size() - sentence.data());
  const auto end = static_cast<std::int32_t>(right.data() - sentence.data());
  UChar32 c = 0;
  U8_NEXT(base, i, end, c);
  return i == end && c >= 0 && is_mark(c);
}

// What one distinct word yields, whatever its neighbours.
struct WordInfo {
  WordShape shape;
  std::string norm;                   // matching form
  std::vector<std::string> variants;  // norm without clitics (Arabic), norm first
  std::vector<std::size_t> heads;     // variants that may begin a phrase of two words or more
  int single = -1;                    // lexicon entry of the word alone, or -1
  std::vector<std::uint32_t> alone;   // its keys when no phrase takes it (key table ids)
};

}  // namespace

struct AnchorExtractor::Impl {
  AnchorOptions options;
  bool arabic = false;
  MatchNormalizer normalize;
  NumberScales scales;  // words after a number that scale it (٤٥ ألف)
  std::unique_ptr<icu::Transliterator> romanizer;  // Arabic-Latin; Latin-ASCII
  CalendarNames calendar;
  std::optional<Lexicon> lexicon;
  std::unordered_set<std::string, StringHash, std::equal_to<>>
      phrase_heads;  // first words of phrases
  std::unique_ptr<icu::RegexPattern> url_pattern, email_pattern, tag_pattern;

  // Words by their text as written. Cleared between sentences once it holds
  // kMemoLimit words, which bounds its memory on huge vocabularies.
  static constexpr std::size_t kMemoLimit = std::size_t{1} << 16;
  // The longest word taken for matching, in bytes.
  static constexpr std::size_t kMaxTokenBytes = 256;
  mutable std::unordered_map<std::string, WordInfo, StringHash, std::equal_to<>> memo;
  mutable std::vector<std::string_view> spans;        // the current sentence's words
  mutable std::vector<const WordInfo*> tokens;        // their memo entries
  // Every key found so far, once, by id (find_ids). A deque, so that the
  // index can view the stored text. Emptied with the memo by forget_keys.
  mutable std::deque<AnchorKey> keys;
  mutable std::unordered_map<std::string_view, std::uint32_t> key_index;
  // Per key id, the last call of find_ids that gave it as a w: key: a
  // translation counts once a call without a set of strings.
  mutable std::vector<std::uint64_t> word_seen;
  mutable std::uint64_t calls = 0;
  mutable fmt::memory_buffer scratch;  // a key's text before it is looked up
  mutable std::string phrase_text;     // a candidate phrase (match_phrase)
  mutable std::vector<AnchorKey> pattern_keys;  // keys of patterns and numbers, before interning
  mutable std::vector<bool> used;        // per token: taken by a phrase
  mutable std::vector<std::uint32_t> ids;  // find's key ids
  mutable icu::UnicodeString utf16;      // the current sentence in UTF-16
  // What the last find_ids saw of case (AnchorExtractor::case_seen).
  mutable std::uint32_t opening_name = AnchorExtractor::kNoKey, opening_word = AnchorExtractor::kNoKey;
  mutable std::vector<std::uint32_t> lower_case;
  mutable std::vector<AnchorExtractor::AcronymSeen> acronyms;

  // The most words an acronym's definition spans (function words too).
  static constexpr std::size_t kMaxAcronymWords = 12;

  // Records the acronyms `sentence` defines: an upper-case Latin word of 2
  // to 8 letters in brackets, right after capitalised words whose initials
  // spell it, with `of`, `for`, `and`, `the` ... between them and a
  // hyphened compound giving one initial (`Al-Bab Transparency Committee
  // (ATC)`). Reads `spans` and `tokens`.
  void note_acronyms(std::string_view sentence) const {
    acronyms.clear();
    if (arabic || tokens.size() != spans.size()) return;
    static constexpr std::string_view kJoiners[] = {"of", "for", "and", "the", "on", "in", "to",
                                                    "de", "du", "des", "la", "le", "al", "el"};
    auto offset = [&](std::size_t u) { return static_cast<std::size_t>(spans[u].data() - sentence.data()); };
    // What lies between word u and word u + 1.
    auto gap = [&](std::size_t u) {
      const std::size_t from = offset(u) + spans[u].size();
      return sentence.substr(from, offset(u + 1) - from);
    };
    auto blank = [](std::string_view g) {
      return !g.empty() && std::all_of(g.begin(), g.end(), [](char c) { return c == ' ' || c == '\t'; });
    };
    for (std::size_t t = 1; t < spans.size(); ++t) {
      const std::string_view s = spans[t];
      const std::size_t at = offset(t);
      if (s.size() < 2 || s.size() > 8 || at == 0 || sentence[at - 1] != '(' || at + s.size() >= sentence.size() ||
          sentence[at + s.size()] != ')')
        continue;
      if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) continue;
      const std::uint32_t acronym = key_of_type(*tokens[t], AnchorType::latin);
      if (acronym == AnchorExtractor::kNoKey) continue;
      // The words before the bracket, read backwards against its letters.
      const std::string_view before = sentence.substr(0, at - 1);
      std::size_t u = t - 1;
      if (!blank(sentence.substr(offset(u) + spans[u].size(), before.size() - offset(u) - spans[u].size())))
        continue;
      int k = static_cast<int>(s.size()) - 1;
      std::vector<std::uint32_t> expansion;
      for (std::size_t read = 0; k >= 0 && read < kMaxAcronymWords; ++read) {
        const WordInfo& w = *tokens[u];
        const bool joined = u > 0 && gap(u - 1) == "-";
        if (!w.shape.latin) break;
        if (w.shape.capitalised) {
          if (!joined) {
            if (spans[u].front() != s[static_cast<std::size_t>(k)]) break;
            --k;
          }
          for (const std::uint32_t id : w.alone) {
            const AnchorType type = keys[id].type;
            if (type == AnchorType::word)
              expansion.push_back(id);
          }
        } else if (joined || std::find(std::begin(kJoiners), std::end(kJoiners), w.norm) == std::end(kJoiners)) {
          break;
        }
        if (k < 0 || u == 0) break;
        if (const std::string_view g = gap(u - 1); g != "-" && !blank(g)) break;
        --u;
      }
      if (k < 0 && !expansion.empty()) acronyms.push_back({acronym, std::move(expansion)});
    }
  }

  // The latin key among a word's keys, or kNoKey.
  std::uint32_t key_of_type(const WordInfo& w, AnchorType type) const {
    for (const std::uint32_t id : w.alone)
      if (keys[id].type == type) return id;
    return AnchorExtractor::kNoKey;
  }

  // Records what the current sentence's words (`tokens`) show of case.
  void note_case() const {
    opening_name = opening_word = AnchorExtractor::kNoKey;
    lower_case.clear();
    if (arabic) return;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const WordInfo& w = *tokens[i];
      if (!w.shape.latin) continue;
      if (!w.shape.capitalised) {
        if (const std::uint32_t id = key_of_type(w, AnchorType::latin); id != AnchorExtractor::kNoKey)
          lower_case.push_back(id);
      } else if (i == 0) {
        opening_name = key_of_type(w, AnchorType::name);
        opening_word = key_of_type(w, AnchorType::latin);
      }
    }
  }

  // The id of a key, added to the table when new.
  std::uint32_t intern(std::string_view text, AnchorType type) const {
    if (const auto it = key_index.find(text); it != key_index.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(keys.size());
    keys.push_back({std::string(text), type});
    key_index.emplace(keys.back().key, id);
    word_seen.push_back(0);
    return id;
  }
  template <typename... Args>
  std::uint32_t intern_formatted(AnchorType type, fmt::format_string<Args...> format, Args&&... args) const {
    scratch.clear();
    fmt::format_to(std::back_inserter(scratch), format, std::forward<Args>(args)...);
    return intern(std::string_view(scratch.data(), scratch.size()), type);
  }

  const WordInfo& word(std::string_view text) const {
    if (const auto it = memo.find(text); it != memo.end()) return it->second;
    WordInfo w;
    w.shape = word_shape(text);
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    w.norm = normalize(u);
    w.variants = arabic ? arabic_variants(w.norm) : std::vector<std::string>{w.norm};
    if (!w.shape.numeric) {
      for (std::size_t v = 0; v < w.variants.size(); ++v)
        if (phrase_heads.contains(first_word(w.variants[v]))) w.heads.push_back(v);
      for (const std::string& v : w.variants) {
        w.single = lexicon->find(v);
        // Adjectives of country names: Syrian, Russians, العراقي، السورية.
        if (w.single < 0) w.single = lexicon->find_demonym(v);
        if (w.single >= 0) break;
      }
      add_alone_keys(text, w);
    }
    return memo.emplace(std::string(text), std::move(w)).first->second;
  }

  // The keys of a word that no phrase takes: a calendar name, or its
  // dictionary, Latin and name keys.
  void add_alone_keys(std::string_view text, WordInfo& w) const {
    std::vector<std::uint32_t>& out = w.alone;
    // Month and weekday names; in Latin text only when capitalised ("May").
    if (!w.shape.latin || w.shape.capitalised) {
      for (const std::string& v : w.variants) {
        if (const auto it = calendar.months.find(v); it != calendar.months.end()) {
          out.push_back(intern_formatted(AnchorType::month, "month:{}", it->second));
          return;
        }
        if (const auto it = calendar.days.find(v); it != calendar.days.end()) {
          out.push_back(intern_formatted(AnchorType::day, "day:{}", it->second));
          return;
        }
      }
    }
    if (options.dictionary != nullptr) add_word_keys(w, out);
    if (w.shape.latin) {
      // Every Latin word is a key; only those that also occur on the other
      // side of the document survive (the scorer drops the rest), so this
      // matches Latin words written inside Arabic text, and identical words
      // (names, cognates, codes) between two Latin-script languages.
      if (w.shape.length >= 2) {
        out.push_back(intern("latin:" + w.norm, AnchorType::latin));
        if (options.names && w.shape.capitalised) {
          const std::string skeleton = consonant_skeleton(text);
          if (skeleton.size() >= kMinSkeleton)
            out.push_back(intern("name:" + skeleton, AnchorType::name));
        }
      }
      return;
    }
    if (arabic && options.names && w.shape.length >= 3) {
      // Candidate names: every Arabic word, romanised without its clitics.
      // Only those that resemble a name of the other side survive matching.
      for (auto it = w.variants.rbegin(); it != w.variants.rend(); ++it) {
        const std::string skeleton = arabic_skeleton(*it);
        if (skeleton.size() >= kMinSkeleton) {
          out.push_back(intern("name:" + skeleton, AnchorType::name));
          break;
        }
      }
    }
  }

  // Consonant skeleton of an Arabic word (normalised), romanised first.
  std::string arabic_skeleton(const std::string& word) const {
    icu::UnicodeString latin = icu::UnicodeString::fromUTF8(word);
    romanizer->transliterate(latin);
    return consonant_skeleton(to_utf8(latin));
  }

  // Dictionary keys: translations of a source word (looked up with its
  // clitics and common suffixes removed), or the stemmed word itself on the
  // target side.
  void add_word_keys(const WordInfo& w, std::vector<std::uint32_t>& out) const {
    constexpr std::size_t kMaxTranslations = 6;
    if (!options.dictionary_side_is_src) {
      if (!w.shape.latin || w.norm.size() < 3) return;
      out.push_back(intern("w:" + stem_english(w.norm), AnchorType::word));
      return;
    }
    static constexpr std::string_view kSuffixes[] = {"ات", "ون", "ين", "ان", "ها", "هم",
                                                     "هن", "كم", "نا", "ه",  "ي"};
    for (const std::string& base : w.variants) {
      std::vector<std::string> forms{base};
      if (arabic)
        for (const auto suffix : kSuffixes)
          if (base.size() >= suffix.size() + 6 && base.ends_with(suffix))
            forms.push_back(base.substr(0, base.size() - suffix.size()));
      for (const std::string& form : forms) {
        const std::vector<std::string_view> translations = options.dictionary->lookup(form);
        if (translations.empty()) continue;
        for (std::size_t k = 0; k < translations.size() && k < kMaxTranslations; ++k)
          out.push_back(intern("w:" + std::string(translations[k]), AnchorType::word));
        return;
      }
    }
  }

  // The lexicon phrase or two-word month name that begins at token i,
  // longest first; returns its length in words (0: none).
  std::size_t match_phrase(std::size_t i, std::vector<std::uint32_t>& out) const {
    const WordInfo& w = *tokens[i];
    for (std::size_t len = std::min(lexicon->max_words(), tokens.size() - i); len >= 2; --len) {
      for (const std::size_t v : w.heads) {
        std::string& phrase = phrase_text;
        phrase = w.variants[v];
        for (std::size_t k = 1; k < len; ++k) {
          phrase += ' ';
          phrase += tokens[i + k]->norm;
        }
        if (len == 2) {
          if (const auto it = calendar.months.find(phrase); it != calendar.months.end()) {
            out.push_back(intern_formatted(AnchorType::month, "month:{}", it->second));
            return len;
          }
        }
        if (const int id = lexicon->find(phrase); id >= 0) {
          out.push_back(intern_formatted(AnchorType::lexicon, "lex:{}", id));
          return len;
        }
      }
    }
    if (w.single >= 0) {
      out.push_back(intern_formatted(AnchorType::lexicon, "lex:{}", w.single));
      return 1;
    }
    return 0;
  }

  void find_patterns(const icu::UnicodeString& text, const icu::RegexPattern& pattern,
                     std::string_view prefix, std::vector<AnchorKey>& out) const {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(text, status));
    detail::check_icu(status, "RegexPattern::matcher");
    while (m->find(status)) {
      icu::UnicodeString found = m->group(status);
      // Trailing sentence punctuation is not part of a URL.
      while (found.length() > 0 && u_ispunct(found.char32At(found.length() - 1)) &&
             found.char32At(found.length() - 1) != '/')
        found.truncate(found.length() - 1);
      found.toLower();
      out.push_back({std::string(prefix) + to_utf8(found), AnchorType::url});
    }
    detail::check_icu(status, "RegexMatcher::find");
  }

  // A translation counts once a call, however many words gave it: the
  // later w: keys equal to an earlier one go.
  void drop_repeated_words(std::vector<std::uint32_t>& out, std::size_t from) const {
    ++calls;
    std::size_t kept = from;
    for (std::size_t k = from; k < out.size(); ++k) {
      const std::uint32_t id = out[k];
      if (keys[id].type == AnchorType::word) {
        if (word_seen[id] == calls) continue;
        word_seen[id] = calls;
      }
      out[kept++] = id;
    }
    out.resize(kept);
  }

  // Name keys of Latin words written with an apostrophe inside (Ka’bah:
  // "Ka" and "bah" to the splitter), from the capitalised word joined with
  // the parts that follow it across one apostrophe each. Reads `spans`,
  // the words of `sentence` (look_up_words).
  void add_apostrophe_names(std::string_view sentence, std::vector<std::uint32_t>& out) const {
    auto apostrophe_between = [&](std::string_view left, std::string_view right) {
      return joined_by(sentence, left, right, is_name_apostrophe);
    };
    auto second_part = [](std::string_view part) {
      const WordShape shape = word_shape(part);
      if (!shape.latin || shape.capitalised) return false;
      return std::find(std::begin(kLatinClitics), std::end(kLatinClitics), part) == std::end(kLatinClitics);
    };
    for (std::size_t k = 0; k + 1 < spans.size();) {
      std::size_t end = k + 1;
      while (end < spans.size() && apostrophe_between(spans[end - 1], spans[end]) && second_part(spans[end])) ++end;
      if (end > k + 1 && word_shape(spans[k]).capitalised) {
        std::string joined;
        for (std::size_t p = k; p < end; ++p) joined += spans[p];
        const std::string skeleton = consonant_skeleton(joined);
        if (skeleton.size() >= kMinSkeleton) out.push_back(intern("name:" + skeleton, AnchorType::name));
      }
      k = end;
    }
  }

  // Name keys of short Latin names written after the romanised Arabic
  // article and a hyphen (al-Omar, Al-Amal, Deir ez-Zor): "al" joined with
  // the name, where the name alone is too short for a key (kLatinArticles).
  // Reads `spans`, the words of `sentence` (look_up_words).
  void add_article_names(std::string_view sentence, std::vector<std::uint32_t>& out) const {
    for (std::size_t k = 0; k + 1 < spans.size(); ++k) {
      const std::string_view name = spans[k + 1];
      if (!is_latin_article(spans[k]) || !joined_by(sentence, spans[k], name, is_hyphen)) continue;
      const WordShape shape = word_shape(name);
      if (!shape.latin || !shape.capitalised || consonant_skeleton(name).size() >= kMinSkeleton) continue;
      const std::string skeleton = consonant_skeleton("al" + std::string(name));
      if (skeleton.size() >= kMinSkeleton) out.push_back(intern("name:" + skeleton, AnchorType::name));
    }
  }

  // The memo entries of the words of `sentence`, in `tokens`.
  void look_up_words(std::string_view sentence) const {
    if (memo.size() >= kMemoLimit) memo.clear();
    split_words(sentence, spans);
    tokens.clear();
    // A run longer than any word (a line of combining marks, a base64
    // blob) is not one: normalising it would cost time out of proportion.
    for (const std::string_view s : spans)
      if (s.size() <= kMaxTokenBytes) tokens.push_back(&word(s));
  }
};

AnchorExtractor::AnchorExtractor(AnchorOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.options = std::move(options);
  m.arabic = is_arabic_lang(m.options.lang);
  m.scales = NumberScales(m.options.lang, m.normalize);
  if (m.arabic) {
    UErrorCode status = U_ZERO_ERROR;
    m.romanizer.reset(
        icu::Transliterator::createInstance("Arabic-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    detail::check_icu(status, "Transliterator::createInstance(Arabic-Latin)");
  }
  m.calendar = CalendarNames::load(m.arabic, m.options.lang, m.normalize);
  m.lexicon.emplace(m.arabic, m.options.lexicon, m.options.lexicon_side_is_src, m.normalize);
  // A phrase of two words or more holds a space; its first word must begin it.
  for (const auto& [phrase, id] : m.lexicon->phrases())
    if (phrase.find(' ') != std::string::npos) m.phrase_heads.emplace(first_word(phrase));
  for (const auto& [name, month] : m.calendar.months)
    if (name.find(' ') != std::string::npos) m.phrase_heads.emplace(first_word(name));
  UErrorCode status = U_ZERO_ERROR;
  m.url_pattern.reset(icu::RegexPattern::compile(u"(?:https?://|www\\.)[^\\s<>\"«»]+", 0, status));
  m.email_pattern.reset(icu::RegexPattern::compile(u"[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+", 0, status));
  m.tag_pattern.reset(icu::RegexPattern::compile(u"(?<![\\w&])#[\\p{L}\\p{N}_]+", 0, status));
  detail::check_icu(status, "RegexPattern::compile");
}

AnchorExtractor::~AnchorExtractor() = default;
AnchorExtractor::AnchorExtractor(AnchorExtractor&&) noexcept = default;
AnchorExtractor& AnchorExtractor::operator=(AnchorExtractor&&) noexcept = default;

namespace {

// Anchors come from the first kMaxAnchorBytes of a sentence (cut before a
// UTF-8 lead byte): a "sentence" of megabytes (a line without punctuation)
// would otherwise cost tokens, keys and time many times its size.
constexpr std::size_t kMaxAnchorBytes = std::size_t{64} << 10;

// The UTF-16 form of UTF-8 text (invalid bytes become U+FFFD, as with
// UnicodeString::fromUTF8), written into `out`'s own buffer.
void to_utf16(std::string_view text, icu::UnicodeString& out) {
  // UTF-16 never takes more code units than UTF-8 takes bytes.
  const auto capacity = static_cast<int32_t>(text.size()) + 1;
  char16_t* buffer = out.getBuffer(capacity);
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(buffer, capacity, &length, text.data(), static_cast<int32_t>(text.size()), 0xFFFD, nullptr,
                       &status);
  out.releaseBuffer(U_SUCCESS(status) ? length : 0);
  detail::check_icu(status, "u_strFromUTF8WithSub");
}

std::string_view anchor_span(std::string_view sentence) {
  if (sentence.size() <= kMaxAnchorBytes) return sentence;
  std::size_t cut = kMaxAnchorBytes;
  while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  return sentence.substr(0, cut);
}

}  // namespace

void AnchorExtractor::find_ids(std::string_view whole, std::vector<std::uint32_t>& out) const {
  const Impl& m = *impl_;
  const std::string_view sentence = anchor_span(whole);
  const std::size_t from = out.size();
  icu::UnicodeString& text = m.utf16;
  to_utf16(sentence, text);

  // Each pattern needs a character or string that most sentences lack:
  // look for it before running the regular expression.
  std::vector<AnchorKey>& found = m.pattern_keys;
  found.clear();
  if (text.indexOf(u"://") >= 0 || text.indexOf(u"www.") >= 0)
    m.find_patterns(text, *m.url_pattern, "url:", found);
  if (text.indexOf(u'@') >= 0) m.find_patterns(text, *m.email_pattern, "email:", found);
  if (text.indexOf(u'#') >= 0) m.find_patterns(text, *m.tag_pattern, "tag:", found);
  find_numbers(text, m.scales, found);
  for (const AnchorKey& k : found) out.push_back(m.intern(k.key, k.type));

  bool question = false, quote = false, paren = false;
  for (int32_t i = 0; i < text.length(); ++i) {
    const char16_t c = text.charAt(i);
    question |= c == u'?' || c == u'\u061F';
    quote |= c == u'"' || c == u'\u00AB' || c == u'\u00BB' || c == u'\u201C' || c == u'\u201D';
    paren |= c == u'(' || c == u'[';
  }
  if (question) out.push_back(m.intern("sym:?", AnchorType::symbol));
  if (quote) out.push_back(m.intern("sym:quote", AnchorType::symbol));
  if (paren) out.push_back(m.intern("sym:paren", AnchorType::symbol));

  m.look_up_words(sentence);
  const std::vector<const WordInfo*>& tokens = m.tokens;
  m.note_case();
  m.note_acronyms(sentence);
  // Lexicon phrases and two-word month names, longest first; the words
  // they take yield nothing on their own.
  std::vector<bool>& used = m.used;
  used.assign(tokens.size(), false);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i]->shape.numeric) continue;
    const std::size_t len = m.match_phrase(i, out);
    for (std::size_t k = 0; k < len; ++k) used[i + k] = true;
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (used[i]) continue;
    // A capitalised month name that opens a Latin sentence and is followed
    // by a word is no month ("May Allah pardon you", "March on"); before a
    // number ("May 5 was ...") or alone it is.
    if (i == 0 && tokens[i]->shape.latin && tokens.size() > 1 && !tokens[1]->shape.numeric &&
        tokens[i]->alone.size() == 1 && m.keys[tokens[i]->alone.front()].type == AnchorType::month)
      continue;
    out.insert(out.end(), tokens[i]->alone.begin(), tokens[i]->alone.end());
  }
  if (!m.arabic && m.options.names) {
    m.add_apostrophe_names(sentence, out);
    m.add_article_names(sentence, out);
  }
  m.drop_repeated_words(out, from);
}

AnchorExtractor::CaseSeen AnchorExtractor::case_seen() const {
  return {impl_->opening_name, impl_->opening_word, impl_->lower_case, impl_->acronyms};
}

const AnchorKey& AnchorExtractor::key(std::uint32_t id) const { return impl_->keys.at(id); }

std::size_t AnchorExtractor::key_count() const { return impl_->keys.size(); }

void AnchorExtractor::forget_keys(std::size_t limit) const {
  Impl& m = *impl_;
  if (m.keys.size() <= limit) return;
  // The memo's words hold ids into the table: they go with it.
  m.memo.clear();
  m.key_index.clear();
  m.keys.clear();
  m.word_seen.clear();
}

std::vector<AnchorKey> AnchorExtractor::find(std::string_view sentence) const {
  // The table of keys is bounded here, as nothing holds its ids between calls.
  forget_keys(kKeyTableLimit);
  std::vector<std::uint32_t>& ids = impl_->ids;
  ids.clear();
  find_ids(sentence, ids);
  std::vector<AnchorKey> out;
  out.reserve(ids.size());
  for (const std::uint32_t id : ids) out.push_back(impl_->keys[id]);
  return out;
}

std::vector<std::string> AnchorExtractor::words(std::string_view whole) const {
  const Impl& m = *impl_;
  const std::string_view sentence = anchor_span(whole);
  m.look_up_words(sentence);
  std::vector<std::string> out;
  for (const WordInfo* w : m.tokens) {
    if (w->shape.numeric || w->norm.size() < 2) continue;
    out.push_back(m.options.dictionary_side_is_src ? w->norm : stem_english(w->norm));
  }
  return out;
}

}  // namespace jisr
