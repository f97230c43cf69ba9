#include "core/common/thread_pool.h"

#include <algorithm>

namespace pirl {

namespace {

// range of chunk `part` of `parts` when splitting [0, n) as evenly as possible
std::pair<std::size_t, std::size_t> chunkRange(std::size_t n, int part, int parts) {
  const std::size_t base = n / parts;
  const std::size_t extra = n % parts;
  const auto p = static_cast<std::size_t>(part);
  const std::size_t begin = p * base + std::min(p, extra);
  return {begin, begin + base + (p < extra ? 1 : 0)};
}

}  // namespace

ThreadPool::ThreadPool(int threads) {
  const int workers = std::max(threads, 1) - 1;
  m_workers.reserve(workers);
  for (int i = 0; i < workers; ++i) m_workers.emplace_back([this, i] { workerLoop(i + 1); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  for (auto& t : m_workers) t.join();
}

void ThreadPool::parallelFor(std::size_t n,
                             const std::function<void(std::size_t, std::size_t)>& fn) {
  if (n == 0) return;
  const int parts = threadCount();
  if (parts == 1 || n == 1) {
    fn(0, n);
    return;
  }
  {
    std::lock_guard lock(m_mutex);
    m_task = &fn;
    m_n = n;
    m_pending = parts - 1;
    ++m_generation;
  }
  m_wake.notify_all();
  const auto [begin, end] = chunkRange(n, 0, parts);
  if (begin < end) fn(begin, end);
  std::unique_lock lock(m_mutex);
  m_done.wait(lock, [this] { return m_pending == 0; });
  m_task = nullptr;
}

void ThreadPool::workerLoop(int index) {
  std::size_t seen = 0;
  for (;;) {
    const std::function<void(std::size_t, std::size_t)>* task = nullptr;
    std::size_t n = 0;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
      if (m_stop) return;
      seen = m_generation;
      task = m_task;
      n = m_n;
    }
    const auto [begin, end] = chunkRange(n, index, threadCount());
    if (begin < end) (*task)(begin, end);
    {
      std::lock_guard lock(m_mutex);
      --m_pending;
    }
    m_done.notify_one();
  }
}

}  // namespace pirl
