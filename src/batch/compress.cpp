#include "batch/compress.hpp"

#include <array>
#include <cstring>
#include <streambuf>

#include <fmt/format.h>

#include "jisr/error.hpp"

#include <zlib.h>
#include <zstd.h>

namespace jisr::batch {

Compression compression_of(std::string_view path) {
  if (path.ends_with(".gz")) return Compression::gzip;
  if (path.ends_with(".zst")) return Compression::zstd;
  return Compression::none;
}

namespace {
constexpr std::size_t kChunk = 1 << 16;
}  // namespace

// Turns raw chunks into decoded bytes.
struct LineReader::Decoder {
  Compression kind = Compression::none;
  z_stream z{};
  ZSTD_DStream* zstd = nullptr;
  std::string raw;  // raw bytes not consumed yet
  std::size_t raw_at = 0;
  bool eof = false;
  bool member_ended = true;  // at a gzip member or zstd frame boundary

  ~Decoder() {
    if (kind == Compression::gzip) inflateEnd(&z);
    if (zstd != nullptr) ZSTD_freeDStream(zstd);
  }
};

LineReader::LineReader(std::FILE* file, std::string name, std::size_t max_line)
    : file_(file),
      name_(std::move(name)),
      max_line_(max_line),
      decoder_(std::make_unique<Decoder>()) {}

LineReader::~LineReader() = default;

bool LineReader::refill() {
  Decoder& d = *decoder_;
  auto read_raw = [&] {
    if (d.raw_at < d.raw.size() || d.eof) return;
    d.raw.resize(kChunk);
    const std::size_t n = std::fread(d.raw.data(), 1, kChunk, file_);
    if (n < kChunk && std::ferror(file_)) throw InputError(fmt::format("{}: read error", name_));
    if (n == 0) d.eof = true;
    d.raw.resize(n);
    d.raw_at = 0;
  };
  read_raw();
  if (!started_) {
    started_ = true;
    const std::string_view head(d.raw);
    if (head.starts_with("\x1f\x8b")) {
      d.kind = Compression::gzip;
      if (inflateInit2(&d.z, 15 + 16) != Z_OK)
        throw InputError(fmt::format("{}: zlib failed to start", name_));
    } else if (head.starts_with("\x28\xb5\x2f\xfd")) {
      d.kind = Compression::zstd;
      d.zstd = ZSTD_createDStream();
      if (d.zstd == nullptr) throw InputError(fmt::format("{}: zstd failed to start", name_));
    }
  }
  const std::size_t keep = buffer_.size() - at_;
  buffer_.erase(0, at_);
  at_ = 0;
  for (;;) {
    read_raw();
    if (d.raw_at == d.raw.size()) {
      if (!d.member_ended)
        throw InputError(fmt::format("{}: the compressed stream ends early (truncated?)", name_));
      return buffer_.size() > keep;
    }
    const char* in = d.raw.data() + d.raw_at;
    const std::size_t in_size = d.raw.size() - d.raw_at;
    std::size_t produced = 0;
    if (d.kind == Compression::none) {
      buffer_.append(in, in_size);
      d.raw_at = d.raw.size();
      return true;
    }
    const std::size_t old = buffer_.size();
    buffer_.resize(old + 4 * kChunk);
    if (d.kind == Compression::gzip) {
      d.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
      d.z.avail_in = static_cast<uInt>(in_size);
      d.z.next_out = reinterpret_cast<Bytef*>(buffer_.data() + old);
      d.z.avail_out = static_cast<uInt>(4 * kChunk);
      const int rc = inflate(&d.z, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
        throw InputError(
            fmt::format("{}: corrupt gzip data after {} bytes of text", name_, d.z.total_out));
      d.member_ended = rc == Z_STREAM_END;
      if (rc == Z_STREAM_END) inflateReset(&d.z);
      d.raw_at += in_size - d.z.avail_in;
      produced = 4 * kChunk - d.z.avail_out;
    } else {
      ZSTD_inBuffer zin{in, in_size, 0};
      ZSTD_outBuffer zout{buffer_.data() + old, 4 * kChunk, 0};
      const std::size_t rc = ZSTD_decompressStream(d.zstd, &zout, &zin);
      if (ZSTD_isError(rc))
        throw InputError(fmt::format("{}: corrupt zstd data: {}", name_, ZSTD_getErrorName(rc)));
      d.member_ended = rc == 0;
      d.raw_at += zin.pos;
      produced = zout.pos;
    }
    buffer_.resize(old + produced);
    if (produced > 0) return true;
  }
}

bool LineReader::next(std::string& line) {
  std::size_t searched = at_;
  for (;;) {
    const std::size_t nl = buffer_.find('\n', searched);
    if (nl != std::string::npos) {
      line.assign(buffer_, at_, nl - at_);
      at_ = nl + 1;
      ++line_no_;
      return true;
    }
    if (buffer_.size() - at_ > max_line_)
      throw LimitError(fmt::format("{}:{}: a line longer than {} bytes (raise --max-bytes)", name_,
                                   line_no_ + 1, max_line_));
    const std::size_t pending = buffer_.size() - at_;
    if (!refill()) {
      if (buffer_.size() == at_) return false;
      line.assign(buffer_, at_, std::string::npos);
      at_ = buffer_.size();
      ++line_no_;
      return true;
    }
    searched = at_ + pending;
  }
}

// Compresses into the sink in chunks.
class CompressedOstream::Buffer : public std::streambuf {
 public:
  Buffer(std::ostream& sink, Compression kind) : sink_(sink), kind_(kind), in_(kChunk, '\0') {
    if (kind_ == Compression::gzip) {
      if (deflateInit2(&z_, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw OutputError("zlib failed to start");
    } else {
      zstd_ = ZSTD_createCStream();
      if (zstd_ == nullptr || ZSTD_isError(ZSTD_initCStream(zstd_, 3)))
        throw OutputError("zstd failed to start");
    }
    setp(in_.data(), in_.data() + in_.size());
  }
  ~Buffer() override {
    if (kind_ == Compression::gzip) deflateEnd(&z_);
    if (zstd_ != nullptr) ZSTD_freeCStream(zstd_);
  }

  void close() {
    compress(true);
    sink_.flush();
    if (!sink_) throw OutputError("write failed (disk full?)");
  }

 protected:
  int overflow(int c) override {
    compress(false);
    if (c != traits_type::eof()) {
      *pptr() = static_cast<char>(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return 0; }

 private:
  void compress(bool finish) {
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    std::array<char, kChunk> out{};
    if (kind_ == Compression::gzip) {
      z_.next_in = reinterpret_cast<Bytef*>(in_.data());
      z_.avail_in = static_cast<uInt>(n);
      int rc = Z_OK;
      do {
        z_.next_out = reinterpret_cast<Bytef*>(out.data());
        z_.avail_out = static_cast<uInt>(out.size());
        rc = deflate(&z_, finish ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR) throw OutputError("gzip compression failed");
        sink_.write(out.data(), static_cast<std::streamsize>(out.size() - z_.avail_out));
      } while (z_.avail_out == 0 || (finish && rc != Z_STREAM_END));
    } else {
      ZSTD_inBuffer zin{in_.data(), n, 0};
      for (;;) {
        ZSTD_outBuffer zout{out.data(), out.size(), 0};
        const std::size_t rc =
            ZSTD_compressStream2(zstd_, &zout, &zin, finish ? ZSTD_e_end : ZSTD_e_continue);
        if (ZSTD_isError(rc))
          throw OutputError(fmt::format("zstd compression failed: {}", ZSTD_getErrorName(rc)));
        sink_.write(out.data(), static_cast<std::streamsize>(zout.pos));
        if (finish ? rc == 0 : zin.pos == zin.size) break;
      }
    }
    setp(in_.data(), in_.data() + in_.size());
  }

  std::ostream& sink_;
  Compression kind_;
  std::string in_;
  z_stream z_{};
  ZSTD_CStream* zstd_ = nullptr;
};

CompressedOstream::CompressedOstream(std::ostream& sink, Compression compression)
    : std::ostream(nullptr), buffer_(std::make_unique<Buffer>(sink, compression)) {
  rdbuf(buffer_.get());
}

CompressedOstream::~CompressedOstream() = default;

void CompressedOstream::close() {
  flush();
  buffer_->close();
}

}  // namespace jisr::batch
