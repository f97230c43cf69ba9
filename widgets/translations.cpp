#include "widgets/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace pirl::widgets {

QStringList availableLanguages() { return {"en", "de", "zh_CN"}; }

QString installTranslations(const QString& language) {
  static QTranslator* app = nullptr;
  static QTranslator* qt = nullptr;
  for (QTranslator** t : {&app, &qt}) {
    if (*t) {
      QCoreApplication::removeTranslator(*t);
      delete *t;
      *t = nullptr;
    }
  }
  const QLocale locale = language == "system" ? QLocale::system() : QLocale(language);
  QLocale::setDefault(locale);
  app = new QTranslator;
  // picks pirl_studio_de.qm for de_DE, pirl_studio_zh_CN.qm for zh_CN, nothing for English
  if (!app->load(locale, "pirl_studio", "_", ":/i18n")) {
    delete app;
    app = nullptr;
    return "en";
  }
  QCoreApplication::installTranslator(app);
  qt = new QTranslator;
  if (qt->load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt);
  } else {
    delete qt;
    qt = nullptr;
  }
  const QString name = app->language();
  return name.isEmpty() ? locale.name() : name;
}

}  // namespace pirl::widgets
