#pragma once

#include <QString>
#include <QStringList>

namespace pirl::widgets {

/// Languages the application ships, as locale names ("en" is the source language).
QStringList availableLanguages();

/// Installs the translations for `language` ("system" follows the system locale, else a
/// locale name such as "de" or "zh_CN") on the running application, with Qt's own strings, and
/// makes that locale the default for number formatting. Returns the locale name used ("en"
/// when no translation matched).
QString installTranslations(const QString& language);

}  // namespace pirl::widgets
