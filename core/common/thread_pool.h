#pragma once

#include <atomic>
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

  /// Calls fn(begin, end) on contiguous, disjoint ranges covering [0, n) and returns when all
  /// have finished. The ranges are small blocks that the threads take in turn as they become
  /// free, so uneven work (environments that finished early, costly contacts) does not leave a
  /// thread idle; one thread may run several blocks. fn must not throw. Not reentrant.
  void parallelFor(std::size_t n, const std::function<void(std::size_t, std::size_t)>& fn);

 private:
  void workerLoop();
  // takes blocks of the current loop until none is left
  void runBlocks(const std::function<void(std::size_t, std::size_t)>& fn, std::size_t n,
                 std::size_t block);

  std::vector<std::thread> m_workers;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_done;
  const std::function<void(std::size_t, std::size_t)>* m_task = nullptr;
  std::size_t m_n = 0;
  std::size_t m_block = 1;
  std::atomic<std::size_t> m_next{0};
  std::size_t m_generation = 0;
  int m_pending = 0;
  bool m_stop = false;
};

}  // namespace pirl
