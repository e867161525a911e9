// Private: the one way jisr runs work on several cores. Input: a count n
// and a function of an index. Output: the function's results in index
// order, computed on a oneTBB arena of the requested size (parallel_map), or
// the calls alone (parallel_for).
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace jisr::detail {

// The number of threads to use for `requested` (0: every core).
[[nodiscard]] inline unsigned thread_count(unsigned requested) {
  const int cores = std::max(1, tbb::info::default_concurrency());
  return requested == 0 ? static_cast<unsigned>(cores) : requested;
}

// Runs f(0) ... f(n-1) on up to `threads` threads (0: every core) and
// returns their results in index order, so the output never depends on the
// number of threads. If calls throw, every call still runs to its end and
// the exception of the lowest index is rethrown (again independent of the
// thread count). f must be safe to call concurrently for different indices.
template <class F>
[[nodiscard]] auto parallel_map(std::size_t n, unsigned threads, F&& f)
    -> std::vector<std::invoke_result_t<F&, std::size_t>> {
  using R = std::invoke_result_t<F&, std::size_t>;
  std::vector<std::optional<R>> slots(n);
  std::vector<std::exception_ptr> errors(n);
  auto run = [&](std::size_t k) {
    try {
      slots[k].emplace(f(k));
    } catch (...) {
      errors[k] = std::current_exception();
    }
  };
  const unsigned t = std::min<std::size_t>(thread_count(threads), std::max<std::size_t>(n, 1));
  if (t <= 1) {
    for (std::size_t k = 0; k < n; ++k) run(k);
  } else {
    tbb::task_arena arena(static_cast<int>(t));
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1), [&](const auto& range) {
        for (std::size_t k = range.begin(); k != range.end(); ++k) run(k);
      });
    });
  }
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  std::vector<R> out;
  out.reserve(n);
  for (std::optional<R>& slot : slots) out.push_back(std::move(*slot));
  return out;
}

// parallel_map for calls made for their effect: runs f(0) ... f(n-1) on up
// to `threads` threads, with the same rule for exceptions.
template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f) {
  (void)parallel_map(n, threads, [&f](std::size_t k) {
    f(k);
    return true;
  });
}

}  // namespace jisr::detail
