// English (and Arabic) splitting speed of jisr against plain ICU in the
// same process, on the same text:
//  - plain ICU: ICU's sentence BreakIterator over a UTF-8 UText of the whole
//    text, counting boundaries and keeping nothing;
//  - jisr spans: SentenceSplitter::split_spans, the sentences as byte ranges
//    into the text (a vector of them; what a caller holding the text needs);
//  - jisr strings: SentenceSplitter::split, the same sentences each copied
//    into a string (what the aligner's documents hold).
// Input: the running text of the ntrex-ar-en dev documents (../shared/data,
// or the folder given as the first argument), repeated to about 20 MB per
// language. Output: per language, MB/s (10^6 bytes) of each by CPU time of
// this process, best of 5 runs alternating the three, and the ratios to
// plain ICU.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include "jisr/split.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Sentence boundaries of ICU's default rules for `lang`.
std::size_t icu_sentences(const std::string& text, const char* lang) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale(lang), status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error(u_errorName(status));
  it->setText(ut, status);
  std::size_t n = 0;
  for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) ++n;
  utext_close(ut);
  return n;
}

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
  const fs::path data = argc > 1 ? fs::path(argv[1]) : fs::path(JISR_SHARED_DIR) / "data";
  const fs::path list = data / "splits" / "ntrex-ar-en.dev.txt";
  if (!fs::exists(list)) {
    fmt::print(stderr, "split_vs_icu: no document list {}\n", list.string());
    return 1;
  }
  for (const std::string lang : {"en", "ar"}) {
    std::string one;
    std::ifstream names(list);
    for (std::string doc; std::getline(names, doc);)
      if (!doc.empty())
        one += read_all(data / "ntrex-ar-en" / (doc + "." + lang + ".txt")) + "\n\n";
    std::string text;
    while (text.size() < 20'000'000) text += one;
    jisr::SplitOptions options;
    options.lang = lang;
    options.rules_dir = fs::path(JISR_MODELS_DIR) / "split";
    const jisr::SentenceSplitter splitter(options);
    double best_icu = 1e30, best_spans = 1e30, best_strings = 1e30;
    std::size_t icu_n = 0, spans_n = 0, strings_n = 0;
    for (int run = 0; run < 5; ++run) {
      double t = cpu_seconds();
      icu_n = icu_sentences(text, lang.c_str());
      best_icu = std::min(best_icu, cpu_seconds() - t);
      t = cpu_seconds();
      spans_n = splitter.split_spans(text).size();
      best_spans = std::min(best_spans, cpu_seconds() - t);
      t = cpu_seconds();
      strings_n = splitter.split(text).size();
      best_strings = std::min(best_strings, cpu_seconds() - t);
    }
    if (spans_n != strings_n) {
      fmt::print(stderr, "split_vs_icu: {} spans but {} sentences\n", spans_n, strings_n);
      return 1;
    }
    const double mb = static_cast<double>(text.size()) / 1e6;
    fmt::print(
        "{}: {:.1f} MB; plain ICU {:.1f} MB/s ({} boundaries); jisr spans {:.1f} MB/s "
        "({} sentences), at {:.0f} % of ICU; jisr strings {:.1f} MB/s, at {:.0f} % of ICU\n",
        lang, mb, mb / best_icu, icu_n, mb / best_spans, spans_n, 100.0 * best_icu / best_spans,
        mb / best_strings, 100.0 * best_icu / best_strings);
  }
  return 0;
}
