// Shared by the fuzz targets: a check that aborts with a message, so that
// libFuzzer records the input as a finding.
#pragma once

#include <cstdio>
#include <cstdlib>

#define JISR_FUZZ_CHECK(cond)                                                          \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (false)
