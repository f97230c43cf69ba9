#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pirl {

/// A fixed pool of worker threads that runs index-parallel loops; the caller thread takes part.
class ThreadPool {
 public:
  /// Creates a pool that runs loops on `threads` threads in total (the caller counts as one).
  explicit ThreadPool(int threads);
  /// Joins the workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Number of threads that run a loop, the caller included.
  int threadCount() const { return static_cast<int>(m_workers.size()) + 1; }

  /// Calls fn(begin, end) on contiguous, disjoint ranges covering [0, n), one per thread, and
  /// returns when all have finished. fn must not throw. Not reentrant.
  void parallelFor(std::size_t n, const std::function<void(std::size_t, std::size_t)>& fn);

 private:
  void workerLoop(int index);

  std::vector<std::thread> m_workers;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_done;
  const std::function<void(std::size_t, std::size_t)>* m_task = nullptr;
  std::size_t m_n = 0;
  std::size_t m_generation = 0;
  int m_pending = 0;
  bool m_stop = false;
};

}  // namespace pirl
