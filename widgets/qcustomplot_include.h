#pragma once

// QCustomPlot's header declares its members with the `signals:` and `slots:` keywords and
// `foreach`, which QT_NO_KEYWORDS (required next to LibTorch) removes. Map them to the macro forms
// for the header only. Include this from .cpp files, never from a header that Torch code may see.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef foreach
