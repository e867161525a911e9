// Private: the inputs of jisr batch, one document pair each. Input: a line
// of a b64tsv or JSONL stream, or a manifest entry. Output: the pair's id
// and both texts as clean UTF-8, or the reason it cannot be read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "jisr/text.hpp"

#include "formats/manifest.hpp"

namespace jisr::batch {

enum class InputKind { manifest, b64tsv, jsonl };

// What a document pair needs before it is read.
struct RawRecord {
  std::size_t index = 0;        // 0-based, in input order
  std::size_t line = 0;         // 1-based line of the stream or manifest
  std::string text;             // the stream's line (b64tsv, jsonl)
  detail::ManifestEntry entry;  // the manifest's line (manifest)
};

struct DocumentTexts {
  std::string id;
  std::string src, tgt;      // clean UTF-8
  std::size_t replaced = 0;  // invalid sequences replaced (OnInvalid::replace)
};

// How texts are checked.
struct ReadOptions {
  std::size_t max_bytes = std::size_t{1} << 26;  // per side
  OnInvalid on_invalid = OnInvalid::fail;
  std::string stream_name = "<stdin>";
};

// The id a record has before it is parsed: the manifest id, the first
// field of a b64tsv line, or "line N".
[[nodiscard]] std::string provisional_id(InputKind kind, const RawRecord& record);

// Reads one record; throws InputError or LimitError naming the record
// (invalid base64, JSON or UTF-8, a missing field, a side over max_bytes).
[[nodiscard]] DocumentTexts read_record(InputKind kind, const RawRecord& record,
                                        const ReadOptions& options);

// Decodes standard base64 (RFC 4648, padding optional); throws InputError
// starting with `where` at the first byte that is not base64.
[[nodiscard]] std::string decode_base64(std::string_view text, std::string_view where);

}  // namespace jisr::batch
