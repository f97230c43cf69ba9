#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

#include "widgets/plot_math.h"

using namespace pirl::widgets;

class TestPlotMath : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void emaMatchesTensorBoardByHand() {
    // hand-computed with TensorBoard's formula, weight 0.5:
    // last_n = 0.5 last_{n-1} + 0.5 y_n, smoothed = last_n / (1 - 0.5^n)
    const auto s = debiasedEma({1, 2, 3, 4}, 0.5);
    const double expected[] = {1.0, 1.25 / 0.75, 2.125 / 0.875, 3.0625 / 0.9375};
    QCOMPARE(s.size(), size_t(4));
    for (int i = 0; i < 4; ++i) QVERIFY(std::abs(s[i] - expected[i]) < 1e-12);
  }

  void emaSkipsNonFiniteAndKeepsConstants() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto s = debiasedEma({2, nan, 4}, 0.5);
    QCOMPARE(s[0], 2.0);
    QVERIFY(std::isnan(s[1]));
    // the NaN does not count: second finite value uses n = 2
    QVERIFY(std::abs(s[2] - (0.5 * 1.0 + 2.0) / 0.75) < 1e-12);
    const auto c = debiasedEma({0.3, 0.3, 0.3, 0.3}, 0.9);
    for (double v : c) QCOMPARE(v, 0.3);
    QCOMPARE(debiasedEma({1, 5}, 0.0), (std::vector<double>{1, 5}));
  }

  void downsamplingKeepsExtremesAtEveryZoom() {
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const int n = 100000;
    std::vector<double> x(n), y(n);
    for (int i = 0; i < n; ++i) {
      x[i] = i;
      y[i] = u(rng);
    }
    y[5000] = 100.0;
    y[70001] = -100.0;
    const auto all = downsampleMinMax(x, y, 0, n - 1, 200);
    QVERIFY(all.x.size() <= 4 * 200 + 2);
    QVERIFY(all.x.size() >= 200);
    QCOMPARE(*std::max_element(all.y.begin(), all.y.end()), 100.0);
    QCOMPARE(*std::min_element(all.y.begin(), all.y.end()), -100.0);
    QCOMPARE(all.x.front(), 0.0);
    QCOMPARE(all.x.back(), double(n - 1));
    QVERIFY(std::is_sorted(all.x.begin(), all.x.end()));
    // zoomed in: the spike is kept, far points are not, one neighbour outside each end is
    const auto zoom = downsampleMinMax(x, y, 4000, 6000, 100);
    QCOMPARE(*std::max_element(zoom.y.begin(), zoom.y.end()), 100.0);
    QCOMPARE(zoom.x.front(), 3999.0);
    QCOMPARE(zoom.x.back(), 6001.0);
    // a range that already fits is copied point for point
    const auto small = downsampleMinMax(x, y, 10, 19, 100);
    QCOMPARE(small.x.size(), size_t(12));
    QCOMPARE(small.y[1], y[10]);
  }

  void bandUsesStepsEveryRunHas() {
    StepSeries a{{0, 1, 2}, {0, 10, 20}, {1, 2, 3}};
    StepSeries b{{0, 1}, {0, 12}, {3, 4}};
    const auto band = meanBand({a, b});
    QCOMPARE(band.x, (std::vector<double>{0, 11}));
    QCOMPARE(band.mean, (std::vector<double>{2, 3}));
    QCOMPARE(band.std, (std::vector<double>{1, 1}));
  }
};

QTEST_GUILESS_MAIN(TestPlotMath)
#include "test_plot_math.moc"
