// Input: one sentence (UTF-8) of one side. Output: its anchor keys in text
// order (jisr/anchors.hpp): patterns, numbers and symbols first, then
// lexicon phrases, calendar names, dictionary words, Latin words and names.
#include <unicode/regex.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "evidence/calendar.hpp"
#include "evidence/dictionary.hpp"
#include "evidence/lexicon.hpp"
#include "evidence/normalize.hpp"
#include "evidence/numbers.hpp"
#include "evidence/tokens.hpp"
#include "jisr/anchors.hpp"
#include "util/icu.hpp"

namespace jisr {

namespace {

// Shorter skeletons ("tr", "sd") match too many unrelated words.
constexpr std::size_t kMinSkeleton = 3;

bool is_arabic_lang(std::string_view lang) { return lang.substr(0, 2) == "ar"; }

}  // namespace

struct AnchorExtractor::Impl {
  AnchorOptions options;
  bool arabic = false;
  Tokenizer words;
  std::unique_ptr<icu::Transliterator> romanizer;  // Arabic-Latin; Latin-ASCII
  CalendarNames calendar;
  std::optional<Lexicon> lexicon;
  std::unique_ptr<icu::RegexPattern> url_pattern, email_pattern, tag_pattern;

  // Memo of the romanisation (see Tokenizer: words repeat, and ICU's
  // transliterators share one lock).
  static constexpr std::size_t kMemoLimit = std::size_t{1} << 18;
  mutable std::unordered_map<std::u16string, std::string> skeleton_memo;

  // Consonant skeleton of an Arabic word (normalised), romanised first.
  const std::string& arabic_skeleton(const std::string& word) const {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
    std::u16string key(u.getBuffer(), static_cast<std::size_t>(u.length()));
    if (const auto it = skeleton_memo.find(key); it != skeleton_memo.end()) return it->second;
    icu::UnicodeString latin(u);
    romanizer->transliterate(latin);
    if (skeleton_memo.size() >= kMemoLimit) skeleton_memo.clear();
    return skeleton_memo.emplace(std::move(key), consonant_skeleton(to_utf8(latin))).first->second;
  }

  // Dictionary keys: translations of a source word (looked up with its
  // clitics and common suffixes removed), or the stemmed word itself on the
  // target side.
  void add_word_keys(const Token& t, std::vector<AnchorKey>& out) const {
    constexpr std::size_t kMaxTranslations = 6;
    if (!options.dictionary_side_is_src) {
      if (!t.latin || t.norm.size() < 3) return;
      out.push_back({"w:" + stem_english(t.norm), AnchorType::word});
      return;
    }
    static constexpr std::string_view kSuffixes[] = {"ات", "ون", "ين", "ان", "ها", "هم", "هن", "كم", "نا", "ه", "ي"};
    const std::vector<std::string> bases = arabic ? arabic_variants(t.norm) : std::vector<std::string>{t.norm};
    for (const std::string& base : bases) {
      std::vector<std::string> forms{base};
      if (arabic)
        for (const auto suffix : kSuffixes)
          if (base.size() >= suffix.size() + 6 && base.ends_with(suffix))
            forms.push_back(base.substr(0, base.size() - suffix.size()));
      for (const std::string& form : forms) {
        const auto& translations = options.dictionary->lookup(form);
        if (translations.empty()) continue;
        for (std::size_t k = 0; k < translations.size() && k < kMaxTranslations; ++k)
          out.push_back({"w:" + translations[k], AnchorType::word});
        return;
      }
    }
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
};

AnchorExtractor::AnchorExtractor(AnchorOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.options = std::move(options);
  m.arabic = is_arabic_lang(m.options.lang);
  if (m.arabic) {
    UErrorCode status = U_ZERO_ERROR;
    m.romanizer.reset(icu::Transliterator::createInstance("Arabic-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    detail::check_icu(status, "Transliterator::createInstance(Arabic-Latin)");
  }
  m.calendar = CalendarNames::load(m.arabic, m.options.lang, m.words);
  m.lexicon.emplace(m.arabic, m.options.lexicon, m.options.lexicon_side_is_src, m.words);
  UErrorCode status = U_ZERO_ERROR;
  m.url_pattern.reset(icu::RegexPattern::compile(u"(?:https?://|www\\.)[^\\s<>\"«»]+", 0, status));
  m.email_pattern.reset(icu::RegexPattern::compile(u"[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+", 0, status));
  m.tag_pattern.reset(icu::RegexPattern::compile(u"(?<![\\w&])#[\\p{L}\\p{N}_]+", 0, status));
  detail::check_icu(status, "RegexPattern::compile");
}

AnchorExtractor::~AnchorExtractor() = default;
AnchorExtractor::AnchorExtractor(AnchorExtractor&&) noexcept = default;
AnchorExtractor& AnchorExtractor::operator=(AnchorExtractor&&) noexcept = default;

std::vector<AnchorKey> AnchorExtractor::find(std::string_view sentence) const {
  const Impl& m = *impl_;
  std::vector<AnchorKey> out;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(sentence.data(), static_cast<int32_t>(sentence.size())));

  // Each pattern needs a character or string that most sentences lack:
  // look for it before running the regular expression.
  if (text.indexOf(u"://") >= 0 || text.indexOf(u"www.") >= 0) m.find_patterns(text, *m.url_pattern, "url:", out);
  if (text.indexOf(u'@') >= 0) m.find_patterns(text, *m.email_pattern, "email:", out);
  if (text.indexOf(u'#') >= 0) m.find_patterns(text, *m.tag_pattern, "tag:", out);
  find_numbers(text, out);

  bool question = false, quote = false, paren = false;
  for (int32_t i = 0; i < text.length(); ++i) {
    const char16_t c = text.charAt(i);
    question |= c == u'?' || c == u'\u061F';
    quote |= c == u'"' || c == u'\u00AB' || c == u'\u00BB' || c == u'\u201C' || c == u'\u201D';
    paren |= c == u'(' || c == u'[';
  }
  if (question) out.push_back({"sym:?", AnchorType::symbol});
  if (quote) out.push_back({"sym:quote", AnchorType::symbol});
  if (paren) out.push_back({"sym:paren", AnchorType::symbol});

  const std::vector<Token> tokens = m.words(text);
  std::vector<bool> used(tokens.size(), false);
  // Lexicon phrases and two-word month names, longest first.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].numeric) continue;
    const auto firsts = m.arabic ? arabic_variants(tokens[i].norm) : std::vector<std::string>{tokens[i].norm};
    bool matched = false;
    for (std::size_t len = std::min(m.lexicon->max_words(), tokens.size() - i); len >= 1 && !matched; --len) {
      for (const std::string& first : firsts) {
        std::string phrase = first;
        for (std::size_t k = 1; k < len; ++k) phrase += " " + tokens[i + k].norm;
        if (len == 2) {
          if (const auto it = m.calendar.months.find(phrase); it != m.calendar.months.end()) {
            out.push_back({fmt::format("month:{}", it->second), AnchorType::month});
            matched = true;
          }
        }
        if (!matched) {
          if (const int id = m.lexicon->find(phrase); id >= 0) {
            out.push_back({fmt::format("lex:{}", id), AnchorType::lexicon});
            matched = true;
          } else if (len == 1) {
            // Adjectives of country names: Syrian, Russians, العراقي، السورية.
            if (const int d = m.lexicon->find_demonym(phrase); d >= 0) {
              out.push_back({fmt::format("lex:{}", d), AnchorType::lexicon});
              matched = true;
            }
          }
        }
        if (matched) {
          for (std::size_t k = 0; k < len; ++k) used[i + k] = true;
          break;
        }
      }
    }
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.numeric || used[i]) continue;
    // Month and weekday names; in Latin text only when capitalised ("May").
    if (!t.latin || t.capitalised) {
      const auto variants = m.arabic ? arabic_variants(t.norm) : std::vector<std::string>{t.norm};
      bool found = false;
      for (const std::string& v : variants) {
        if (const auto it = m.calendar.months.find(v); it != m.calendar.months.end()) {
          out.push_back({fmt::format("month:{}", it->second), AnchorType::month});
          found = true;
          break;
        }
        if (const auto it = m.calendar.days.find(v); it != m.calendar.days.end()) {
          out.push_back({fmt::format("day:{}", it->second), AnchorType::day});
          found = true;
          break;
        }
      }
      if (found) continue;
    }
    if (m.options.dictionary != nullptr) m.add_word_keys(t, out);
    if (t.latin) {
      // Every Latin word is a key; only those that also occur on the other
      // side of the document survive (the scorer drops the rest), so this
      // matches Latin words written inside Arabic text, and identical words
      // (names, cognates, codes) between two Latin-script languages.
      if (t.text.length() >= 2) {
        out.push_back({"latin:" + t.norm, AnchorType::latin});
        if (m.options.names && t.capitalised) {
          std::string ascii;
          t.text.toUTF8String(ascii);
          const std::string skeleton = consonant_skeleton(ascii);
          if (skeleton.size() >= kMinSkeleton) out.push_back({"name:" + skeleton, AnchorType::name});
        }
      }
      continue;
    }
    if (m.arabic && m.options.names && t.text.length() >= 3) {
      // Candidate names: every Arabic word, romanised without its clitics.
      // Only those that resemble a name of the other side survive matching.
      const auto variants = arabic_variants(t.norm);
      std::string best;
      for (auto it = variants.rbegin(); it != variants.rend(); ++it) {
        const std::string& skeleton = m.arabic_skeleton(*it);
        if (skeleton.size() >= kMinSkeleton) {
          out.push_back({"name:" + skeleton, AnchorType::name});
          break;
        }
      }
    }
  }
  // A translation counts once a sentence, however many words gave it.
  std::vector<std::string> seen;
  std::erase_if(out, [&seen](const AnchorKey& k) {
    if (k.type != AnchorType::word) return false;
    if (std::find(seen.begin(), seen.end(), k.key) != seen.end()) return true;
    seen.push_back(k.key);
    return false;
  });
  return out;
}

std::vector<std::string> AnchorExtractor::words(std::string_view sentence) const {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(sentence.data(), static_cast<int32_t>(sentence.size())));
  std::vector<std::string> out;
  for (const Token& t : impl_->words(text)) {
    if (t.numeric || t.norm.size() < 2) continue;
    out.push_back(impl_->options.dictionary_side_is_src ? t.norm : stem_english(t.norm));
  }
  return out;
}

}  // namespace jisr
