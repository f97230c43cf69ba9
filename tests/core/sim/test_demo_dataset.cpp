#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "core/sim/demo_dataset.h"

using namespace pirl::sim;

namespace {

DemoDataset sample() {
  DemoDataset ds;
  ds.obsDim = 3;
  ds.actionDim = 2;
  ds.controlHz = 5.0;
  for (int e = 0; e < 3; ++e) {
    DemoEpisode ep;
    ep.task = e == 2 ? "reach@ood_vision" : "lift_cube";
    ep.instruction = "pick up the red cube";
    ep.seed = 1000 + e;
    ep.success = e != 1;
    for (int t = 0; t < 4 + e; ++t) {
      for (int i = 0; i < 3; ++i) ep.observations.push_back(0.1f * t + i + e);
      for (int i = 0; i < 2; ++i) ep.actions.push_back(-0.5f * t + i);
      ep.rewards.push_back(t == 3 + e && ep.success ? 1.0f : 0.0f);
    }
    ds.episodes.push_back(ep);
  }
  return ds;
}

std::string readAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void writeAll(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << data;
}

}  // namespace

class TestDemoDataset : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  std::string path(const char* name) { return (m_dir.path() + "/" + name).toStdString(); }

 private Q_SLOTS:
  void roundTripsExactly() {
    const DemoDataset ds = sample();
    QVERIFY(saveDemos(ds, path("a.pirldemo")).ok());
    auto loaded = loadDemos(path("a.pirldemo"));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->obsDim, 3);
    QCOMPARE(loaded->actionDim, 2);
    QCOMPARE(loaded->controlHz, 5.0);
    QCOMPARE(loaded->episodes.size(), ds.episodes.size());
    for (std::size_t i = 0; i < ds.episodes.size(); ++i) {
      const auto& a = ds.episodes[i];
      const auto& b = loaded->episodes[i];
      QCOMPARE(b.task, a.task);
      QCOMPARE(b.instruction, a.instruction);
      QCOMPARE(b.seed, a.seed);
      QCOMPARE(b.success, a.success);
      QCOMPARE(b.observations, a.observations);
      QCOMPARE(b.actions, a.actions);
      QCOMPARE(b.rewards, a.rewards);
    }
    QVERIFY(!QFile::exists(QString::fromStdString(path("a.pirldemo.tmp"))));
  }

  void rejectsTruncatedFile() {
    QVERIFY(saveDemos(sample(), path("t.pirldemo")).ok());
    const std::string data = readAll(path("t.pirldemo"));
    writeAll(path("t.pirldemo"), data.substr(0, data.size() - 20));
    auto loaded = loadDemos(path("t.pirldemo"));
    QVERIFY(!loaded.ok());
    QVERIFY(loaded.error().message.find("truncated or corrupt") != std::string::npos);
  }

  void rejectsCorruptByte() {
    QVERIFY(saveDemos(sample(), path("c.pirldemo")).ok());
    std::string data = readAll(path("c.pirldemo"));
    data[data.size() / 2] ^= 0x40;
    writeAll(path("c.pirldemo"), data);
    auto loaded = loadDemos(path("c.pirldemo"));
    QVERIFY(!loaded.ok());
    QVERIFY(loaded.error().message.find("c.pirldemo") != std::string::npos);
  }

  void rejectsForeignAndMissingFiles() {
    writeAll(path("x.txt"), "hello, this is not a dataset at all");
    auto foreign = loadDemos(path("x.txt"));
    QVERIFY(!foreign.ok());
    QVERIFY(foreign.error().message.find("not a PiRL demonstration file") != std::string::npos);
    auto missing = loadDemos(path("missing.pirldemo"));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.find("cannot open") != std::string::npos);
  }

  void failedSaveKeepsExistingFile() {
    QVERIFY(saveDemos(sample(), path("keep.pirldemo")).ok());
    const std::string before = readAll(path("keep.pirldemo"));
    DemoDataset bad = sample();
    bad.episodes[0].actions.pop_back();  // inconsistent sizes
    QVERIFY(!saveDemos(bad, path("keep.pirldemo")).ok());
    QCOMPARE(readAll(path("keep.pirldemo")), before);
    QVERIFY(!saveDemos(sample(), path("no/such/dir/x.pirldemo")).ok());
  }
};

QTEST_GUILESS_MAIN(TestDemoDataset)
#include "test_demo_dataset.moc"
