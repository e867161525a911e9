#include "jisr/anchors.hpp"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/regex.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "util/icu.hpp"
#include "evidence/dictionary.hpp"
#include "jisr/error.hpp"

namespace jisr {

std::string_view to_string(AnchorType type) {
  switch (type) {
    case AnchorType::number: return "number";
    case AnchorType::month: return "month";
    case AnchorType::day: return "day";
    case AnchorType::lexicon: return "lexicon";
    case AnchorType::name: return "name";
    case AnchorType::latin: return "latin";
    case AnchorType::url: return "url";
    case AnchorType::symbol: return "symbol";
    case AnchorType::word: return "word";
    case AnchorType::count: break;
  }
  return "?";
}

namespace {

// Folds Arabic letter variants and marks for matching (see anchors.hpp).
constexpr const char* kNormalizeRules =
    "::NFKC; "
    "[\\u064B-\\u065F\\u0670\\u0640] > ; "
    "[\\u0622\\u0623\\u0625\\u0671] > \\u0627; "
    "\\u0649 > \\u064A; "
    "\\u0629 > \\u0647; "
    "::Lower;";

std::unique_ptr<icu::Transliterator> make_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
      "jisr-normalize", icu::UnicodeString(kNormalizeRules, -1, US_INV), UTRANS_FORWARD,
      parse_error, status));
  detail::check_icu(status, "Transliterator::createFromRules (normaliser)");
  return t;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Shorter skeletons ("tr", "sd") match too many unrelated words.
constexpr std::size_t kMinSkeleton = 3;

bool is_arabic_lang(std::string_view lang) { return lang.substr(0, 2) == "ar"; }

// Word tokens: maximal runs of letters, marks and digits (ICU properties).
struct Token {
  icu::UnicodeString text;  // as written
  std::string norm;         // normalised for matching (UTF-8)
  bool latin = false;       // written in Latin script
  bool capitalised = false;
  bool numeric = false;
};

bool word_char(UChar32 c) {
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK ||
         c == 0x0640 /* tatweel */;
}

// Arabic proclitics that attach to a following word: conjunctions, then
// prepositions, then the article. Returns the variants of a normalised word
// with none, some or all of them removed, longest first.
std::vector<std::string> arabic_variants(const std::string& w) {
  std::vector<std::string> out{w};
  auto strip = [](std::string_view s, std::string_view prefix) -> std::optional<std::string> {
    if (s.size() > prefix.size() + 4 && s.starts_with(prefix)) return std::string(s.substr(prefix.size()));
    return std::nullopt;
  };
  std::vector<std::string> frontier{w};
  for (const std::vector<std::string_view>& layer :
       {std::vector<std::string_view>{"و", "ف"}, std::vector<std::string_view>{"ب", "ل", "ك"},
        std::vector<std::string_view>{"ال", "لل"}}) {
    std::vector<std::string> next = frontier;
    for (const auto& f : frontier)
      for (const auto p : layer)
        if (auto s = strip(f, p)) next.push_back(*s);
    frontier = next;
  }
  for (auto& f : frontier)
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  return out;
}

}  // namespace

std::string consonant_skeleton(std::string_view latin) {
  std::string lower;
  for (const char c : latin) {
    if (c >= 'A' && c <= 'Z') lower += static_cast<char>(c - 'A' + 'a');
    else if (c >= 'a' && c <= 'z') lower += c;
  }
  std::string out;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    char c = lower[i];
    const char next = i + 1 < lower.size() ? lower[i + 1] : '\0';
    if (next == 'h' && (c == 's' || c == 't' || c == 'd' || c == 'k' || c == 'g' || c == 'p' || c == 'c')) {
      ++i;  // sh th dh kh gh ph ch: keep the first letter's class
    }
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w': continue;
      case 'q': case 'c': c = 'k'; break;
      case 'v': c = 'f'; break;
      case 'p': c = 'b'; break;
      case 'z': c = 's'; break;
      case 'j': c = 'g'; break;
      case 'x': out += 'k'; c = 's'; break;
      default: break;
    }
    if (out.empty() || out.back() != c) out += c;
  }
  return out;
}

double skeleton_similarity(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  if (n == 0 || m == 0) return 0.0;
  std::vector<std::size_t> prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return 1.0 - static_cast<double>(prev[m]) / static_cast<double>(std::max(n, m));
}

struct AnchorExtractor::Impl {
  AnchorOptions options;
  bool arabic = false;
  std::unique_ptr<icu::Transliterator> normalizer;
  std::unique_ptr<icu::Transliterator> romanizer;  // Arabic-Latin; Latin-ASCII
  std::unordered_map<std::string, int> months;     // normalised name (1 or 2 words) -> 1..12
  std::unordered_map<std::string, int> days;       // normalised name -> 1..7
  std::unordered_map<std::string, int> lexicon;    // normalised phrase -> entry id
  std::unordered_map<std::string, int> demonyms;   // stem of a one-word country name -> entry id
  std::size_t lexicon_max_words = 1;
  std::unique_ptr<icu::RegexPattern> url_pattern, email_pattern, tag_pattern;

  // Word-level memos of the two transliterations. Words repeat (a long
  // document has far fewer distinct words than tokens), and ICU runs every
  // rule-based transliteration in the process under one global lock, so
  // each call saved also saves the other threads a wait.
  static constexpr std::size_t kMemoLimit = std::size_t{1} << 18;
  mutable std::unordered_map<std::u16string, std::string> normalized_memo, skeleton_memo;

  static std::u16string memo_key(const icu::UnicodeString& s) {
    return {s.getBuffer(), static_cast<std::size_t>(s.length())};
  }

  std::string normalize(const icu::UnicodeString& s) const {
    std::u16string key = memo_key(s);
    if (const auto it = normalized_memo.find(key); it != normalized_memo.end()) return it->second;
    icu::UnicodeString copy(s);
    normalizer->transliterate(copy);
    if (normalized_memo.size() >= kMemoLimit) normalized_memo.clear();
    return normalized_memo.emplace(std::move(key), to_utf8(copy)).first->second;
  }

  // Consonant skeleton of an Arabic word (normalised), romanised first.
  const std::string& arabic_skeleton(const std::string& word) const {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
    std::u16string key = memo_key(u);
    if (const auto it = skeleton_memo.find(key); it != skeleton_memo.end()) return it->second;
    icu::UnicodeString latin(u);
    romanizer->transliterate(latin);
    if (skeleton_memo.size() >= kMemoLimit) skeleton_memo.clear();
    return skeleton_memo.emplace(std::move(key), consonant_skeleton(to_utf8(latin))).first->second;
  }

  void add_calendar_names(const char* locale) {
    UErrorCode status = U_ZERO_ERROR;
    icu::DateFormatSymbols symbols{icu::Locale(locale), status};
    detail::check_icu(status, "DateFormatSymbols");
    using S = icu::DateFormatSymbols;
    for (const auto context : {S::FORMAT, S::STANDALONE}) {
      for (const auto width : {S::WIDE, S::ABBREVIATED}) {
        int32_t n = 0;
        const icu::UnicodeString* names = symbols.getMonths(n, context, width);
        for (int32_t k = 0; k < n && k < 12; ++k) months.emplace(normalize(names[k]), k + 1);
        const icu::UnicodeString* weekdays = symbols.getWeekdays(n, context, width);
        for (int32_t k = 1; k < n && k <= 7; ++k) days.emplace(normalize(weekdays[k]), k);
      }
    }
  }

  // Country names in both languages from ICU's display names: entry ids
  // are the region codes' positions, shared by both sides.
  void add_country_names() {
    const char* const* regions = icu::Locale::getISOCountries();
    const icu::Locale display(arabic ? "ar" : "en");
    for (int id = 0; regions[id] != nullptr; ++id) {
      icu::UnicodeString name;
      icu::Locale("", regions[id]).getDisplayCountry(display, name);
      if (name.isEmpty() || name == icu::UnicodeString(regions[id], -1, US_INV)) continue;
      add_lexicon_phrase(normalize(name), id, true);
    }
  }

  // The stem a country name shares with its adjectives, so that Syrian,
  // Syrians, السوري and السورية meet Syria and سوريا. Arabic drops a final
  // ا / يا and the nisba endings ي يه يين يون يات; English drops a plural s,
  // then one of ian an ese i, then trailing vowels.
  std::string demonym_stem(std::string_view word) const {
    if (word.find(' ') != std::string_view::npos) return {};
    std::string w(word);
    if (arabic) {
      static constexpr std::string_view kEndings[] = {"يين", "يون", "يات", "يه", "يا", "ي", "ا"};
      for (const auto ending : kEndings)
        if (w.size() >= ending.size() + 6 && w.ends_with(ending)) {
          w.resize(w.size() - ending.size());
          break;
        }
      return w.size() >= 6 ? w : std::string{};  // three Arabic letters at least
    }
    if (w.size() > 4 && w.back() == 's') w.pop_back();
    static constexpr std::string_view kEndings[] = {"ian", "ese", "an", "i"};
    for (const auto ending : kEndings)
      if (w.size() >= ending.size() + 3 && w.ends_with(ending)) {
        w.resize(w.size() - ending.size());
        break;
      }
    while (w.size() > 3 && std::string_view("aeiou").find(w.back()) != std::string_view::npos) w.pop_back();
    return w.size() >= 3 ? w : std::string{};
  }

  void add_lexicon_phrase(const std::string& phrase, int id, bool country = false) {
    if (phrase.empty()) return;
    if (country) {
      const std::string stem = demonym_stem(phrase);
      if (!stem.empty()) demonyms.emplace(stem, id);
    }
    lexicon.emplace(phrase, id);
    lexicon_max_words =
        std::max(lexicon_max_words, static_cast<std::size_t>(std::count(phrase.begin(), phrase.end(), ' ') + 1));
  }

  void load_lexicon(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw ModelError(fmt::format("{}: cannot open lexicon", path.string()));
    std::string line;
    std::size_t line_no = 0;
    constexpr int kFirstId = 100000;  // after ICU's region ids
    while (std::getline(in, line)) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      if (tab == std::string::npos)
        throw ModelError(fmt::format("{}:{}: expected 'source<TAB>target'", path.string(), line_no));
      const std::string side = options.lexicon_side_is_src ? line.substr(0, tab) : line.substr(tab + 1);
      std::size_t start = 0;
      while (start <= side.size()) {
        std::size_t bar = side.find('|', start);
        if (bar == std::string::npos) bar = side.size();
        add_lexicon_phrase(normalize(icu::UnicodeString::fromUTF8(side.substr(start, bar - start))),
                           kFirstId + static_cast<int>(line_no));
        start = bar + 1;
      }
    }
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

  std::vector<Token> tokenize(const icu::UnicodeString& text) const {
    std::vector<Token> tokens;
    const int32_t n = text.length();
    for (int32_t i = 0; i < n;) {
      const UChar32 c = text.char32At(i);
      if (!word_char(c)) {
        i += U16_LENGTH(c);
        continue;
      }
      int32_t j = i;
      bool latin = true, digits = true;
      while (j < n) {
        const UChar32 d = text.char32At(j);
        if (!word_char(d)) break;
        UErrorCode status = U_ZERO_ERROR;
        if (u_isalpha(d) && uscript_getScript(d, &status) != USCRIPT_LATIN) latin = false;
        if (!u_isdigit(d)) digits = false;
        j += U16_LENGTH(d);
      }
      Token t;
      t.text = text.tempSubStringBetween(i, j);
      t.norm = normalize(t.text);
      t.numeric = digits;
      t.latin = latin && !digits;
      t.capitalised = t.latin && u_isupper(t.text.char32At(0));
      tokens.push_back(std::move(t));
      i = j;
    }
    return tokens;
  }

  void find_numbers(const icu::UnicodeString& text, std::vector<AnchorKey>& out) const {
    const int32_t n = text.length();
    for (int32_t i = 0; i < n;) {
      UChar32 c = text.char32At(i);
      if (!u_isdigit(c)) {
        i += U16_LENGTH(c);
        continue;
      }
      // Groups of digits and the separators between them.
      std::vector<std::string> groups(1);
      std::vector<UChar32> seps;
      int32_t j = i;
      while (j < n) {
        c = text.char32At(j);
        if (u_isdigit(c)) {
          groups.back() += static_cast<char>('0' + u_charDigitValue(c));
          j += U16_LENGTH(c);
          continue;
        }
        const bool sep = c == ',' || c == '.' || c == 0x066B || c == 0x066C || c == 0x060C;
        const int32_t k = j + U16_LENGTH(c);
        if (sep && k < n && u_isdigit(text.char32At(k))) {
          seps.push_back(c);
          groups.emplace_back();
          j = k;
          continue;
        }
        break;
      }
      i = j;
      // Thousands separators: ٬ always; , or . when every group after the
      // first has three digits and the separators agree. A final , . or ٫
      // before other than three digits is a decimal mark.
      std::string integer = groups[0], fraction;
      bool grouped = !seps.empty();
      for (std::size_t g = 0; g < seps.size(); ++g)
        if (groups[g + 1].size() != 3 || seps[g] == 0x066B || seps[g] != seps[0]) grouped = false;
      if (grouped && seps[0] != 0x060C) {
        for (std::size_t g = 1; g < groups.size(); ++g) integer += groups[g];
      } else if (seps.size() == 1 && seps[0] != 0x060C) {
        fraction = groups[1];
      } else {
        // A list such as "1، 2" or "1.2.3": each group on its own.
        for (std::size_t g = 1; g < groups.size(); ++g) out.push_back({"num:" + std::to_string(std::stoull(groups[g].substr(0, 18))), AnchorType::number});
      }
      while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
      const std::size_t nz = integer.find_first_not_of('0');
      integer = nz == std::string::npos ? "0" : integer.substr(nz);
      out.push_back({"num:" + integer + (fraction.empty() ? "" : "." + fraction), AnchorType::number});
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
  m.normalizer = make_normalizer();
  if (m.arabic) {
    UErrorCode status = U_ZERO_ERROR;
    m.romanizer.reset(icu::Transliterator::createInstance("Arabic-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    detail::check_icu(status, "Transliterator::createInstance(Arabic-Latin)");
    for (const char* locale : {"ar", "ar_SY", "ar_IQ", "ar_LB", "ar_JO", "ar_PS", "ar_MA", "ar_TN", "ar_DZ"})
      m.add_calendar_names(locale);
  } else {
    m.add_calendar_names(m.options.lang.c_str());
    m.add_calendar_names("en");
  }
  m.add_country_names();
  if (!m.options.lexicon.empty()) m.load_lexicon(m.options.lexicon);
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
  m.find_numbers(text, out);

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

  const std::vector<Token> tokens = m.tokenize(text);
  std::vector<bool> used(tokens.size(), false);
  // Lexicon phrases and two-word month names, longest first.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].numeric) continue;
    const auto firsts = m.arabic ? arabic_variants(tokens[i].norm) : std::vector<std::string>{tokens[i].norm};
    bool matched = false;
    for (std::size_t len = std::min(m.lexicon_max_words, tokens.size() - i); len >= 1 && !matched; --len) {
      for (const std::string& first : firsts) {
        std::string phrase = first;
        for (std::size_t k = 1; k < len; ++k) phrase += " " + tokens[i + k].norm;
        if (len == 2) {
          if (const auto it = m.months.find(phrase); it != m.months.end()) {
            out.push_back({fmt::format("month:{}", it->second), AnchorType::month});
            matched = true;
          }
        }
        if (!matched) {
          if (const auto it = m.lexicon.find(phrase); it != m.lexicon.end()) {
            out.push_back({fmt::format("lex:{}", it->second), AnchorType::lexicon});
            matched = true;
          } else if (len == 1) {
            // Adjectives of country names: Syrian, Russians, العراقي، السورية.
            if (const auto d = m.demonyms.find(m.demonym_stem(phrase)); d != m.demonyms.end()) {
              out.push_back({fmt::format("lex:{}", d->second), AnchorType::lexicon});
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
        if (const auto it = m.months.find(v); it != m.months.end()) {
          out.push_back({fmt::format("month:{}", it->second), AnchorType::month});
          found = true;
          break;
        }
        if (const auto it = m.days.find(v); it != m.days.end()) {
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
  for (const Token& t : impl_->tokenize(text)) {
    if (t.numeric || t.norm.size() < 2) continue;
    out.push_back(impl_->options.dictionary_side_is_src ? t.norm : stem_english(t.norm));
  }
  return out;
}

std::string normalize_for_matching(std::string_view text) { return MatchNormalizer()(text); }

struct MatchNormalizer::Impl {
  std::unique_ptr<icu::Transliterator> t = make_normalizer();
};

MatchNormalizer::MatchNormalizer() : impl_(std::make_unique<Impl>()) {}
MatchNormalizer::~MatchNormalizer() = default;

std::string MatchNormalizer::operator()(std::string_view text) const {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  impl_->t->transliterate(u);
  return to_utf8(u);
}

namespace {

// The match_names core on distinct skeletons (without the "name:" prefix):
// returns for each source and each target skeleton the spelling of its set.
std::pair<std::vector<std::string>, std::vector<std::string>> name_representatives(
    const std::vector<std::string>& src_names, const std::vector<std::string>& tgt_names,
    double threshold) {
  // Union-find over both sides' skeletons (target ids follow source ids);
  // an edge joins a source and a target skeleton that are similar enough,
  // so "Macedonia" and "Macedonians" both meet "مقدونيا".
  const std::size_t n_src = src_names.size();
  std::vector<std::size_t> parent(n_src + tgt_names.size());
  for (std::size_t k = 0; k < parent.size(); ++k) parent[k] = k;
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  // Candidates share the first letter and have lengths close enough for the
  // threshold to be reachable: bucket the target skeletons by both.
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> buckets;
  auto bucket_key = [](char first, std::size_t length) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(first)) << 16) |
           static_cast<std::uint32_t>(std::min<std::size_t>(length, 0xFFFF));
  };
  std::size_t max_length = 0;
  for (std::size_t t = 0; t < tgt_names.size(); ++t) {
    if (tgt_names[t].empty()) continue;
    buckets[bucket_key(tgt_names[t][0], tgt_names[t].size())].push_back(t);
    max_length = std::max(max_length, tgt_names[t].size());
  }
  for (std::size_t s = 0; s < n_src; ++s) {
    const std::string& a = src_names[s];
    if (a.empty()) continue;
    // |a| - |c| <= (1 - threshold) * max(|a|, |c|) bounds the lengths to try.
    const auto len = static_cast<double>(a.size());
    const auto shortest = static_cast<std::size_t>(std::ceil(len * threshold - 1e-9));
    const std::size_t longest =
        threshold <= 0 ? max_length
                       : static_cast<std::size_t>(std::min(static_cast<double>(max_length),
                                                           std::floor(len / threshold + 1e-9)));
    for (std::size_t l = std::max<std::size_t>(shortest, 1); l <= longest; ++l) {
      const auto b = buckets.find(bucket_key(a[0], l));
      if (b == buckets.end()) continue;
      for (const std::size_t t : b->second) {
        const std::string& c = tgt_names[t];
        const std::size_t longer = std::max(a.size(), c.size());
        if (static_cast<double>(longer - std::min(a.size(), c.size())) >
            (1 - threshold) * static_cast<double>(longer))
          continue;
        if (a == c || skeleton_similarity(a, c) >= threshold) parent[find(s)] = find(n_src + t);
      }
    }
  }
  // Every skeleton takes its set's spelling, a target name where there is one.
  std::vector<std::string> spelling(parent.size());
  for (std::size_t x = 0; x < parent.size(); ++x) {
    const std::size_t r = find(x);
    if (spelling[r].empty() || x >= n_src) spelling[r] = x < n_src ? src_names[x] : tgt_names[x - n_src];
  }
  std::pair<std::vector<std::string>, std::vector<std::string>> out;
  out.first.reserve(n_src);
  out.second.reserve(tgt_names.size());
  for (std::size_t x = 0; x < parent.size(); ++x)
    (x < n_src ? out.first : out.second).push_back(spelling[find(x)]);
  return out;
}

constexpr std::string_view kNamePrefix = "name:";

}  // namespace

void match_names(std::vector<std::vector<AnchorKey>>& src, std::vector<std::vector<AnchorKey>>& tgt,
                 double threshold) {
  // Distinct name skeletons of each side.
  std::vector<std::string> names[2];
  std::unordered_map<std::string, std::size_t> index[2];
  auto collect = [&](std::vector<std::vector<AnchorKey>>& side, int s) {
    for (const auto& keys : side)
      for (const AnchorKey& k : keys)
        if (k.type == AnchorType::name && index[s].emplace(k.key, names[s].size()).second)
          names[s].push_back(k.key.substr(kNamePrefix.size()));
  };
  collect(src, 0);
  collect(tgt, 1);
  const auto spellings = name_representatives(names[0], names[1], threshold);
  auto rewrite = [&](std::vector<std::vector<AnchorKey>>& side, int s) {
    const std::vector<std::string>& spelling = s == 0 ? spellings.first : spellings.second;
    for (auto& keys : side)
      for (AnchorKey& k : keys)
        if (k.type == AnchorType::name) k.key = std::string(kNamePrefix) + spelling[index[s].at(k.key)];
  };
  rewrite(src, 0);
  rewrite(tgt, 1);
}

DocumentAnchors intern_anchors(const std::vector<std::vector<AnchorKey>>& src,
                               const std::vector<std::vector<AnchorKey>>& tgt) {
  DocumentAnchors a;
  std::unordered_map<std::string, std::uint32_t> ids;
  auto add = [&](const std::vector<std::vector<AnchorKey>>& side, SideKeys& out) {
    for (const auto& keys : side) {
      for (const AnchorKey& k : keys) {
        const auto [it, inserted] = ids.emplace(k.key, static_cast<std::uint32_t>(a.keys.size()));
        if (inserted) {
          a.keys.push_back(k.key);
          a.types.push_back(k.type);
        }
        out.ids.push_back(it->second);
      }
      out.begin.push_back(static_cast<std::uint32_t>(out.ids.size()));
    }
  };
  add(src, a.src);
  add(tgt, a.tgt);
  return a;
}

void match_names(DocumentAnchors& anchors, double threshold) {
  // Distinct name ids of each side, and their skeletons.
  std::vector<std::uint32_t> name_ids[2];
  std::vector<std::string> names[2];
  std::vector<std::int64_t> slot[2];  // by key id: position in name_ids, or -1
  auto collect = [&](const SideKeys& side, int s) {
    slot[s].assign(anchors.keys.size(), -1);
    for (const std::uint32_t id : side.ids) {
      if (anchors.types[id] != AnchorType::name || slot[s][id] >= 0) continue;
      slot[s][id] = static_cast<std::int64_t>(name_ids[s].size());
      name_ids[s].push_back(id);
      names[s].push_back(anchors.keys[id].substr(kNamePrefix.size()));
    }
  };
  collect(anchors.src, 0);
  collect(anchors.tgt, 1);
  const auto spellings = name_representatives(names[0], names[1], threshold);
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::uint32_t id = 0; id < anchors.keys.size(); ++id)
    if (anchors.types[id] == AnchorType::name) index.emplace(anchors.keys[id], id);
  auto id_of = [&](const std::string& spelling) {
    std::string key = std::string(kNamePrefix) + spelling;
    const auto [it, inserted] = index.emplace(key, static_cast<std::uint32_t>(anchors.keys.size()));
    if (inserted) {
      anchors.keys.push_back(std::move(key));
      anchors.types.push_back(AnchorType::name);
    }
    return it->second;
  };
  auto rewrite = [&](SideKeys& side, int s) {
    const std::vector<std::string>& spelling = s == 0 ? spellings.first : spellings.second;
    std::vector<std::uint32_t> to(name_ids[s].size());
    for (std::size_t k = 0; k < to.size(); ++k) to[k] = id_of(spelling[k]);
    for (std::uint32_t& id : side.ids)
      if (id < slot[s].size() && slot[s][id] >= 0) id = to[static_cast<std::size_t>(slot[s][id])];
  };
  rewrite(anchors.src, 0);
  rewrite(anchors.tgt, 1);
}

}  // namespace jisr
