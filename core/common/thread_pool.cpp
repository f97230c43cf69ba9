#include "core/common/thread_pool.h"

#include <algorithm>

namespace pirl {

namespace {

// about 32 blocks per thread: small enough to even out uneven work, large enough that taking
// a block (one atomic add) costs nothing next to stepping an environment
std::size_t blockSize(std::size_t n, int threads) {
  return std::max<std::size_t>(1, n / (static_cast<std::size_t>(threads) * 32));
}

}  // namespace

ThreadPool::ThreadPool(int threads) {
  const int workers = std::max(threads, 1) - 1;
  m_workers.reserve(workers);
  for (int i = 0; i < workers; ++i) m_workers.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  for (auto& t : m_workers) t.join();
}

void ThreadPool::runBlocks(const std::function<void(std::size_t, std::size_t)>& fn, std::size_t n,
                           std::size_t block) {
  for (;;) {
    const std::size_t begin = m_next.fetch_add(block, std::memory_order_relaxed);
    if (begin >= n) return;
    fn(begin, std::min(n, begin + block));
  }
}

void ThreadPool::parallelFor(std::size_t n,
                             const std::function<void(std::size_t, std::size_t)>& fn) {
  if (n == 0) return;
  const int parts = threadCount();
  if (parts == 1 || n == 1) {
    fn(0, n);
    return;
  }
  const std::size_t block = blockSize(n, parts);
  {
    std::lock_guard lock(m_mutex);
    m_task = &fn;
    m_n = n;
    m_block = block;
    m_next.store(0, std::memory_order_relaxed);
    m_pending = parts - 1;
    ++m_generation;
  }
  m_wake.notify_all();
  runBlocks(fn, n, block);
  std::unique_lock lock(m_mutex);
  m_done.wait(lock, [this] { return m_pending == 0; });
  m_task = nullptr;
}

void ThreadPool::workerLoop() {
  std::size_t seen = 0;
  for (;;) {
    const std::function<void(std::size_t, std::size_t)>* task = nullptr;
    std::size_t n = 0, block = 1;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
      if (m_stop) return;
      seen = m_generation;
      task = m_task;
      n = m_n;
      block = m_block;
    }
    runBlocks(*task, n, block);
    {
      std::lock_guard lock(m_mutex);
      --m_pending;
    }
    m_done.notify_one();
  }
}

}  // namespace pirl
