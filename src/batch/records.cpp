#include "batch/records.hpp"

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "jisr/error.hpp"

namespace jisr::batch {

namespace {

constexpr std::array<signed char, 256> make_table() {
  std::array<signed char, 256> t{};
  t.fill(-1);
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int k = 0; k < 64; ++k)
    t[static_cast<unsigned char>(alphabet[k])] = static_cast<signed char>(k);
  return t;
}
constexpr std::array<signed char, 256> kBase64 = make_table();

// Checks the size and cleans one side's bytes.
std::string clean_side(std::string_view raw, const std::string& name, const ReadOptions& options,
                       std::size_t& replaced) {
  if (raw.size() > options.max_bytes)
    throw LimitError(fmt::format("{}: {} bytes, over the limit of {} (raise --max-bytes)", name,
                                 raw.size(), options.max_bytes));
  TextStats stats;
  std::string text = clean_text(raw, name, options.on_invalid, &stats);
  replaced += stats.replaced;
  return text;
}

}  // namespace

std::string decode_base64(std::string_view text, std::string_view where) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t k = 0;
  for (; k < text.size() && text[k] != '='; ++k) {
    const int v = kBase64[static_cast<unsigned char>(text[k])];
    if (v < 0) throw InputError(fmt::format("{}: byte {}: not base64", where, k));
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  for (; k < text.size(); ++k)
    if (text[k] != '=')
      throw InputError(fmt::format("{}: byte {}: base64 continues after padding", where, k));
  return out;
}

std::string provisional_id(InputKind kind, const RawRecord& record) {
  if (kind == InputKind::manifest) return record.entry.id;
  if (kind == InputKind::b64tsv) {
    const std::size_t tab = record.text.find('\t');
    if (tab != std::string::npos && tab > 0 && tab <= 200 &&
        find_invalid_utf8(std::string_view(record.text).substr(0, tab)) == std::string_view::npos)
      return record.text.substr(0, tab);
  }
  return fmt::format("line {}", record.line);
}

DocumentTexts read_record(InputKind kind, const RawRecord& record, const ReadOptions& options) {
  DocumentTexts doc;
  doc.id = provisional_id(kind, record);
  const std::string where = fmt::format("{}:{}", options.stream_name, record.line);
  if (kind == InputKind::manifest) {
    for (const auto* path : {&record.entry.src, &record.entry.tgt}) {
      const std::string raw = read_file_bytes(*path, options.max_bytes);
      std::string text = clean_side(raw, path->string(), options, doc.replaced);
      (path == &record.entry.src ? doc.src : doc.tgt) = std::move(text);
    }
    return doc;
  }
  if (kind == InputKind::b64tsv) {
    const std::string_view line(record.text);
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos || line.find('\t', t2 + 1) != std::string_view::npos)
      throw InputError(fmt::format("{}: expected id<TAB>base64(source)<TAB>base64(target)", where));
    if (find_invalid_utf8(line.substr(0, t1)) != std::string_view::npos)
      throw InputError(fmt::format("{}: the id is not valid UTF-8", where));
    doc.id = std::string(line.substr(0, t1));
    const std::string src = decode_base64(line.substr(t1 + 1, t2 - t1 - 1), where + ": source");
    const std::string tgt = decode_base64(line.substr(t2 + 1), where + ": target");
    doc.src = clean_side(src, where + ": source", options, doc.replaced);
    doc.tgt = clean_side(tgt, where + ": target", options, doc.replaced);
    return doc;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(record.text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: not JSON: {}", where, e.what()));
  }
  if (!j.is_object()) throw InputError(fmt::format("{}: expected a JSON object", where));
  auto field = [&](const char* name) -> std::string {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_string())
      throw InputError(fmt::format("{}: expected a string member \"{}\"", where, name));
    return it->get<std::string>();
  };
  if (const auto it = j.find("id"); it != j.end())
    doc.id = it->is_string() ? it->get<std::string>() : it->dump();
  doc.src = clean_side(field("ar"), where + ": ar", options, doc.replaced);
  doc.tgt = clean_side(field("en"), where + ": en", options, doc.replaced);
  return doc;
}

}  // namespace jisr::batch
