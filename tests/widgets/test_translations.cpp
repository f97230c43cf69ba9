#include <QFile>
#include <QPushButton>
#include <QTranslator>
#include <QtTest>

#include "widgets/launcher_widget.h"
#include "widgets/runs_model.h"
#include "widgets/translations.h"

using namespace pirl::widgets;

class TestTranslations : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void bothTranslationsLoadAndAreComplete_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("bestSuccess");
    QTest::newRow("de") << "de" << QString::fromUtf8("Bester Erfolg");
    QTest::newRow("zh_CN") << "zh_CN" << QString::fromUtf8("最佳成功率");
  }

  void bothTranslationsLoadAndAreComplete() {
    QFETCH(QString, language);
    QFETCH(QString, bestSuccess);
    QVERIFY(QFile::exists(":/i18n/pirl_studio_" + language + ".qm"));
    QTranslator t;
    QVERIFY(t.load(":/i18n/pirl_studio_" + language + ".qm"));
    QCOMPARE(t.translate("pirl::widgets::RunsModel", "Best success"), bestSuccess);
    QCOMPARE(installTranslations(language), language);
    RunsModel model;
    QCOMPARE(model.headerData(RunsModel::kBestSuccess, Qt::Horizontal).toString(), bestSuccess);
    installTranslations("en");
  }

  void germanFollowsTheSystemLocale() {
    // CTest runs this with LANG=de_DE.UTF-8 (see tests/CMakeLists.txt)
    if (!qEnvironmentVariable("LANG").startsWith("de")) QSKIP("needs LANG=de_DE.UTF-8");
    QCOMPARE(installTranslations("system"), QString("de"));
    LauncherWidget launcher;
    QStringList buttons;
    for (auto* b : launcher.findChildren<QPushButton*>()) buttons << b->text();
    QVERIFY2(buttons.contains("&Starten"), qPrintable(buttons.join(", ")));
    QVERIFY(buttons.contains("&Einreihen"));
    // plurals and numbers follow the language
    QCOMPARE(QCoreApplication::translate("pirl::widgets::MainWindow", "%n run(s) active", "", 1),
             QString("1 Lauf aktiv"));
    QCOMPARE(QCoreApplication::translate("pirl::widgets::MainWindow", "%n run(s) active", "", 3),
             QString::fromUtf8("3 Läufe aktiv"));
    QCOMPARE(QLocale().toString(1234567), QString("1.234.567"));
    QCOMPARE(formatDuration(3725), QString("1:02:05"));
    installTranslations("en");
    QCOMPARE(QLocale().toString(1234567), QString("1,234,567"));
  }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
