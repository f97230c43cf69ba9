#include <QtTest>
#include <cmath>

#include "core/policy/schedule.h"
#include "core/policy/tokenizer.h"

using pirl::policy::DenoiseSchedule;
using pirl::policy::Tokenizer;

class TestSchedule : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void flowSdeStdMatchesReference() {
    // ALGORITHMS.md §3: N = 4, a = 0.5 gives 0.50, 0.433, 0.25, 0.144
    const auto s = DenoiseSchedule::make(4, 0.5);
    QCOMPARE(int(s.std.size()), 4);
    const double expected[4] = {0.5, 0.4330127, 0.25, 0.1443376};
    for (int k = 0; k < 4; ++k) QVERIFY(std::abs(s.std[k] - expected[k]) < 1e-6);
    QCOMPARE(s.t.front(), 1.0);
    QCOMPARE(s.t.back(), 0.0);
    QCOMPARE(s.delta, 0.25);
    // the first step's sigma uses t_1 in the denominator: a sqrt(N)
    QVERIFY(std::abs(s.sigma[0] - 0.5 * 2.0) < 1e-12);
  }

  void zeroNoiseReducesToTheOdeStep() {
    const auto s = DenoiseSchedule::make(10, 0.0);
    for (int k = 0; k < 10; ++k) {
      QVERIFY(std::abs(s.coefX[k] - 1.0) < 1e-12);
      QVERIFY(std::abs(s.coefV[k] + s.delta) < 1e-12);
      QCOMPARE(s.std[k], 0.0);
    }
  }

  void meanCoefficientsFollowTheFormula() {
    // mu = (1 - t') x0hat + (t' - sigma^2 delta / (2 t)) x1hat, x0hat = x - t v,
    // x1hat = x + (1 - t) v, evaluated at x = 0.7, v = -1.3
    const auto s = DenoiseSchedule::make(5, 0.8);
    const double x = 0.7, v = -1.3;
    for (int k = 0; k < 5; ++k) {
      const double t = s.t[k], tn = s.t[k + 1];
      const double x0 = x - t * v, x1 = x + (1 - t) * v;
      const double mu = (1 - tn) * x0 + (tn - s.sigma[k] * s.sigma[k] * s.delta / (2 * t)) * x1;
      QVERIFY(std::abs(mu - (s.coefX[k] * x + s.coefV[k] * v)) < 1e-12);
    }
  }

  void tokenizerMapsUnseenWordsToUnk() {
    const Tokenizer tok = Tokenizer::forSuite();
    QVERIFY(tok.vocabularySize() > 10);
    const auto ids = tok.encode("Put carrot on PLATE!", 6);
    QCOMPARE(int(ids.size()), 6);
    for (int i = 0; i < 4; ++i) QVERIFY(ids[i] >= 2);
    QCOMPARE(ids[4], Tokenizer::kPad);
    const auto unseen = tok.encode("put carrot on the moon", 5);
    QCOMPARE(unseen[4], Tokenizer::kUnk);
    QCOMPARE(tok.encode("a b c d e f g", 3).size(), std::size_t(3));
    QCOMPARE(Tokenizer::words("stack   the-green block"),
             (std::vector<std::string>{"stack", "the", "green", "block"}));
  }
};

QTEST_GUILESS_MAIN(TestSchedule)
#include "test_schedule.moc"
