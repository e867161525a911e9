// Private helpers around ICU: error checks and RAII for C handles.
#pragma once

#include <unicode/utext.h>
#include <unicode/utypes.h>

#include <memory>
#include <string_view>

#include <fmt/format.h>

#include "jisr/error.hpp"

namespace jisr::detail {

// Throws IcuError when `status` is a failure. Warnings (such as
// U_USING_DEFAULT_WARNING) are not failures.
inline void check_icu(UErrorCode status, std::string_view what) {
  if (U_FAILURE(status)) throw IcuError(fmt::format("{} failed: {}", what, u_errorName(status)));
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

// Opens a shallow UText over UTF-8 bytes; the bytes must outlive it.
inline UTextPtr open_utf8(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  check_icu(status, "utext_openUTF8");
  return UTextPtr(ut);
}

}  // namespace jisr::detail
