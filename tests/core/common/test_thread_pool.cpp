#include <QtTest>
#include <atomic>
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
    std::atomic<int> ranges{0};
    pool.parallelFor(100, [&](std::size_t, std::size_t) { ranges.fetch_add(1); });
    QCOMPARE(ranges.load(), 2);
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
