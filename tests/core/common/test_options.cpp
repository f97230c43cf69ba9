#include <QTemporaryDir>
#include <QtTest>

#include "core/common/file_util.h"
#include "core/common/options.h"
#include "core/common/sha256.h"
#include "core/rl/train_config.h"

using namespace pirl;

class TestOptions : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void sha256KnownVectors() {
    QCOMPARE(sha256Hex(""),
             std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(sha256Hex("abc"),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
             std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    QCOMPARE(sha256Hex(std::string(1000, 'a')).substr(0, 16), std::string("41edece42d63e8d9"));
    // padding edge cases: 55 bytes fit one block, 64 need a second
    QCOMPARE(sha256Hex(std::string(55, 'x')),
             std::string("d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"));
    QCOMPARE(sha256Hex(std::string(64, 'x')),
             std::string("7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"));
  }

  void configRoundTripsThroughYaml() {
    auto parsed = rl::parseTrainConfig(
        "name: x\nseed: 42\npolicy:\n  width: 64\n  critic: after_expert\n"
        "  noise_std_range: [0.05, 0.2]\ntasks: [reach, lift_cube@ood_vision]\n",
        "inline");
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
    QCOMPARE(parsed->seed, std::uint64_t(42));
    QCOMPARE(parsed->policy.width, 64);
    QCOMPARE(parsed->policy.critic, std::string("after_expert"));
    QCOMPARE(parsed->policy.noiseStdRange[1], 0.2);
    QCOMPARE(parsed->tasks.size(), std::size_t(2));
    rl::TrainConfig copy = parsed.value();
    auto again = rl::parseTrainConfig(copy.toYaml(), "dump");
    QVERIFY(again.ok());
    rl::TrainConfig second = again.value();
    QCOMPARE(second.toYaml(), copy.toYaml());
  }

  void badConfigsNameTheProblem_data() {
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QStringList>("sets");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown key") << "policy:\n  widht: 3\n"
                                 << QStringList{} << "unknown option 'policy.widht'";
    QTest::newRow("wrong type") << "policy:\n  width: wide\n"
                                << QStringList{} << "option 'policy.width' must be a whole number";
    QTest::newRow("out of range") << "sft:\n  lr: 5\n"
                                  << QStringList{} << "option 'sft.lr' must be between";
    QTest::newRow("bad choice") << "policy:\n  critic: nowhere\n"
                                << QStringList{} << "must be one of after_encoder, after_expert";
    QTest::newRow("bad yaml") << "policy: [1, 2\n" << QStringList{} << "invalid YAML";
    QTest::newRow("bad range") << "policy:\n  noise_std_range: [0.3, 0.1]\n"
                               << QStringList{} << "[low, high]";
    QTest::newRow("chunk") << "policy:\n  chunk: 4\n  action_chunk: 6\n"
                           << QStringList{} << "must not exceed policy.chunk";
    QTest::newRow("task") << "tasks: [fly]\n" << QStringList{} << "unknown task 'fly'";
    QTest::newRow("negative seed") << "seed: -3\n" << QStringList{} << "non-negative";
    QTest::newRow("set syntax") << "" << QStringList{"policy.width"} << "expected key=value";
    QTest::newRow("set value") << "" << QStringList{"eval.episodes=0"}
                               << "option 'eval.episodes' must be between";
  }

  void badConfigsNameTheProblem() {
    QFETCH(QString, yaml);
    QFETCH(QStringList, sets);
    QFETCH(QString, message);
    std::vector<std::string> overrides;
    for (const auto& s : sets) overrides.push_back(s.toStdString());
    auto parsed = rl::parseTrainConfig(yaml.toStdString(), "test.yaml", overrides);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.find(message.toStdString()) != std::string::npos,
             parsed.error().message.c_str());
  }

  void everyOptionIsDocumented() {
    rl::TrainConfig c;
    const auto options = c.options().options();
    QVERIFY(options.size() > 30);
    for (const auto& o : options) QVERIFY2(o.doc.size() > 10, o.key.c_str());
  }

  void atomicWriteReplacesWholeFiles() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/sub/file.txt").toStdString();
    QVERIFY(writeFileAtomic(path, "first").ok());
    QVERIFY(writeFileAtomic(path, "second").ok());
    QCOMPARE(readFile(path).value(), std::string("second"));
    QCOMPARE(QDir(dir.path() + "/sub").entryList(QDir::Files).size(), 1);
    QVERIFY(!readFile(path + ".missing").ok());
    qputenv("PIRL_DATA_DIR", (dir.path() + "/data").toUtf8());
    auto data = dataDirectory();
    QVERIFY(data.ok());
    QVERIFY(QDir(QString::fromStdString(data.value())).exists());
  }

  // a checkpoint folder is replaced by swapping, never by removing the old one first
  void replaceDirectorySwapsInTheNewContents() {
    QTemporaryDir dir;
    const std::string to = (dir.path() + "/latest").toStdString();
    const std::string from = to + ".partial";
    QVERIFY(writeFileAtomic(from + "/a.txt", "one").ok());
    QVERIFY(replaceDirectory(from, to).ok());  // nothing there yet: a plain move
    QCOMPARE(readFile(to + "/a.txt").value(), std::string("one"));
    QVERIFY(writeFileAtomic(from + "/b.txt", "two").ok());
    QVERIFY(replaceDirectory(from, to).ok());
    QCOMPARE(readFile(to + "/b.txt").value(), std::string("two"));
    QVERIFY(!readFile(to + "/a.txt").ok());  // the old contents are gone, not merged
    QCOMPARE(QDir(dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList{"latest"});
    const auto missing = replaceDirectory(from, to);  // `from` is gone now
    QVERIFY(!missing.ok());
    QVERIFY(QString::fromStdString(missing.error().message).contains("latest"));
    QCOMPARE(readFile(to + "/b.txt").value(), std::string("two"));
  }
};

QTEST_GUILESS_MAIN(TestOptions)
#include "test_options.moc"
