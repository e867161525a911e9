#include "cli/sink.hpp"

#include <iostream>
#include <string_view>

#include "jisr/error.hpp"

namespace jisr::cli {

std::string plain_name(const std::string& path) {
  for (const char* ext : {".gz", ".zst"})
    if (path.ends_with(ext)) return path.substr(0, path.size() - std::string_view(ext).size());
  return path;
}

Sink::Sink(const std::string& path) {
  if (path.empty() || path == "-") {
    out_ = &std::cout;
    return;
  }
  file_.emplace(path);
  out_ = &file_->stream();
  if (const auto kind = batch::compression_of(path); kind != batch::Compression::none) {
    zip_.emplace(*out_, kind);
    out_ = &*zip_;
  }
}

void Sink::commit() {
  if (zip_) zip_->close();
  if (file_) {
    file_->commit();
  } else {
    out_->flush();
    if (!*out_) throw OutputError("standard output: write failed");
  }
}

}  // namespace jisr::cli
