#include <QtTest>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/common/rng.h"
#include "core/common/thread_pool.h"

class TestThreadPool : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void coversEveryIndexOnce_data() {
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("n");
    for (int threads : {1, 2, 3, 8}) {
      for (int n : {1, 2, 5, 64, 1001}) {
        QTest::addRow("t%d_n%d", threads, n) << threads << n;
      }
    }
  }

  void coversEveryIndexOnce() {
    QFETCH(int, threads);
    QFETCH(int, n);
    pirl::ThreadPool pool(threads);
    QCOMPARE(pool.threadCount(), threads);
    std::vector<std::atomic<int>> hits(n);
    for (int round = 0; round < 3; ++round) {
      pool.parallelFor(n, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) hits[i].fetch_add(1);
      });
    }
    for (int i = 0; i < n; ++i) QCOMPARE(hits[i].load(), 3);
  }

  void usesSeveralThreads() {
    pirl::ThreadPool pool(2);
    std::mutex m;
    std::set<std::thread::id> ids;
    pool.parallelFor(64, [&](std::size_t, std::size_t) {
      {
        std::lock_guard lock(m);
        ids.insert(std::this_thread::get_id());
      }
      // hold every block until a second thread has joined (or give up after 10 s)
      for (int i = 0; i < 10000; ++i) {
        {
          std::lock_guard lock(m);
          if (ids.size() >= 2) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
    QCOMPARE(static_cast<int>(ids.size()), 2);
  }

  // A thread held up by one costly block leaves the rest of the loop to the others: the
  // loop is split into blocks taken on demand, not into one fixed range per thread.
  void unevenWorkIsShared() {
    pirl::ThreadPool pool(2);
    const std::size_t n = 64;
    std::vector<std::atomic<int>> done(n);
    std::atomic<bool> firstWaited{false};
    pool.parallelFor(n, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        if (i == 0) {
          // index 0 waits (up to 10 s) for the last indices of the first half: with one fixed
          // range per thread, its own thread would have to run them after it
          for (int t = 0; t < 10000 && !firstWaited; ++t) {
            bool all = true;
            for (std::size_t k = n / 2 - 8; k < n / 2; ++k) all = all && done[k].load() == 1;
            firstWaited = all;
            if (!all) std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
        }
        done[i].fetch_add(1);
      }
    });
    QVERIFY(firstWaited.load());
    for (std::size_t i = 0; i < n; ++i) QCOMPARE(done[i].load(), 1);
  }

  void rngIsDeterministicAndSeedSensitive() {
    pirl::Rng a(42), b(42), c(43);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
      const auto x = a.next();
      QCOMPARE(x, b.next());
      differs = differs || x != c.next();
    }
    QVERIFY(differs);
    QVERIFY(pirl::deriveSeed(1, 0) != pirl::deriveSeed(1, 1));
    QVERIFY(pirl::deriveSeed(1, 0) != pirl::deriveSeed(2, 0));
  }

  void rngMomentsAreRight() {
    pirl::Rng rng(7);
    double sum = 0, sumSq = 0, uniformSum = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
      const double x = rng.normal();
      sum += x;
      sumSq += x * x;
      const double u = rng.uniform();
      QVERIFY(u >= 0.0 && u < 1.0);
      uniformSum += u;
    }
    QVERIFY(std::abs(sum / n) < 0.01);
    QVERIFY(std::abs(sumSq / n - 1.0) < 0.02);
    QVERIFY(std::abs(uniformSum / n - 0.5) < 0.005);
  }
};

QTEST_GUILESS_MAIN(TestThreadPool)
#include "test_thread_pool.moc"
