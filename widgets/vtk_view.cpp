#include "widgets/vtk_view.h"

#include <vtkCommand.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkRenderWindow.h>
#include <vtkSmartPointer.h>

#include <QAction>
#include <QMouseEvent>
#include <QPainter>
#include <QToolBar>
#include <QWheelEvent>

namespace pirl::widgets {

struct VtkView::Interaction {
  vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor;
  vtkSmartPointer<vtkInteractorStyleTrackballCamera> style;
};

VtkView::VtkView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(160, 120);
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  m_message = tr("No scene");
}

VtkView::~VtkView() = default;

Status VtkView::setModel(std::shared_ptr<const mjModel> model) {
  render::RenderOptions options;
  options.width = std::max(16, width());
  options.height = std::max(16, height());
  auto scene = render::SceneRenderer::create(std::move(model), options);
  if (!scene) {
    showError(scene.error());
    return scene.error();
  }
  m_interaction.reset();
  m_scene = std::move(scene.value());
  m_scene->setContactsVisible(m_contacts);
  const int ee = mj_name2id(m_scene->model(), mjOBJ_SITE, "ee");
  m_scene->setFrameSite(m_frame ? ee : -1);
  m_interaction = std::make_unique<Interaction>();
  m_interaction->interactor = vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
  m_interaction->style = vtkSmartPointer<vtkInteractorStyleTrackballCamera>::New();
  m_interaction->interactor->SetRenderWindow(m_scene->window());
  m_interaction->interactor->SetInteractorStyle(m_interaction->style);
  m_interaction->interactor->EnableRenderOff();  // this widget renders after each event
  m_interaction->interactor->Initialize();
  m_message.clear();
  refresh();
  return {};
}

void VtkView::setMessage(const QString& text) {
  m_message = text;
  update();
}

void VtkView::refresh() {
  if (!m_scene) {
    update();
    return;
  }
  m_scene->render();
  const auto [w, h] = m_scene->size();
  const auto pixels = m_scene->pixels();
  if (pixels.size() < static_cast<size_t>(w) * h * 4) return;
  // straight into the window's native format, so painting is a plain copy
  if (m_image.size() != QSize(w, h)) m_image = QImage(w, h, QImage::Format_RGB32);
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* src = pixels.data() + static_cast<size_t>(y) * w * 4;
    auto* dst = reinterpret_cast<QRgb*>(m_image.scanLine(y));
    for (int x = 0; x < w; ++x, src += 4) dst[x] = qRgb(src[0], src[1], src[2]);
  }
  ++m_frames;
  m_message.clear();
  update();
}

void VtkView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  if (!m_image.isNull() && m_message.isEmpty()) {
    p.drawImage(0, 0, m_image);
    return;
  }
  p.fillRect(rect(), palette().window());
  p.setPen(palette().text().color());
  p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_message);
}

void VtkView::resizeEvent(QResizeEvent*) {
  if (!m_scene) return;
  m_scene->setSize(width(), height());
  if (m_interaction) m_interaction->interactor->SetSize(width(), height());
  refresh();
}

void VtkView::forward(QMouseEvent* event, unsigned long vtkEvent) {
  if (!m_interaction) return;
  const QPoint pos = event->position().toPoint();
  m_interaction->interactor->SetEventInformationFlipY(
      pos.x(), pos.y(), (event->modifiers() & Qt::ControlModifier) ? 1 : 0,
      (event->modifiers() & Qt::ShiftModifier) ? 1 : 0);
  m_interaction->interactor->InvokeEvent(vtkEvent, nullptr);
  refresh();
}

void VtkView::mousePressEvent(QMouseEvent* event) {
  switch (event->button()) {
    case Qt::LeftButton:
      forward(event, vtkCommand::LeftButtonPressEvent);
      break;
    case Qt::MiddleButton:
      forward(event, vtkCommand::MiddleButtonPressEvent);
      break;
    case Qt::RightButton:
      forward(event, vtkCommand::RightButtonPressEvent);
      break;
    default:
      break;
  }
}

void VtkView::mouseReleaseEvent(QMouseEvent* event) {
  switch (event->button()) {
    case Qt::LeftButton:
      forward(event, vtkCommand::LeftButtonReleaseEvent);
      break;
    case Qt::MiddleButton:
      forward(event, vtkCommand::MiddleButtonReleaseEvent);
      break;
    case Qt::RightButton:
      forward(event, vtkCommand::RightButtonReleaseEvent);
      break;
    default:
      break;
  }
}

void VtkView::mouseMoveEvent(QMouseEvent* event) {
  if (event->buttons() != Qt::NoButton) forward(event, vtkCommand::MouseMoveEvent);
}

void VtkView::wheelEvent(QWheelEvent* event) {
  if (!m_interaction) return;
  const QPoint pos = event->position().toPoint();
  m_interaction->interactor->SetEventInformationFlipY(pos.x(), pos.y(), 0, 0);
  m_interaction->interactor->InvokeEvent(event->angleDelta().y() > 0
                                             ? vtkCommand::MouseWheelForwardEvent
                                             : vtkCommand::MouseWheelBackwardEvent,
                                         nullptr);
  refresh();
}

QToolBar* VtkView::makeToolBar(QWidget* parent) {
  auto* bar = new QToolBar(parent);
  auto view = [this](render::ViewPreset preset) {
    if (!m_scene) return;
    m_scene->setView(preset);
    refresh();
  };
  bar->addAction(tr("Reset"), this,
                 [this]() {
                   if (!m_scene) return;
                   m_scene->resetCamera();
                   refresh();
                 })
      ->setToolTip(tr("Frame the whole scene"));
  bar->addAction(tr("Iso"), this, [view]() { view(render::ViewPreset::kIso); });
  bar->addAction(tr("Front"), this, [view]() { view(render::ViewPreset::kFront); });
  bar->addAction(tr("Side"), this, [view]() { view(render::ViewPreset::kSide); });
  bar->addAction(tr("Top"), this, [view]() { view(render::ViewPreset::kTop); });
  bar->addSeparator();
  QAction* contacts = bar->addAction(tr("Contacts"));
  contacts->setCheckable(true);
  contacts->setChecked(m_contacts);
  contacts->setToolTip(tr("Show contact points"));
  connect(contacts, &QAction::toggled, this, [this](bool on) {
    m_contacts = on;
    if (!m_scene) return;
    m_scene->setContactsVisible(on);
    refresh();
  });
  QAction* frame = bar->addAction(tr("EE frame"));
  frame->setCheckable(true);
  frame->setChecked(m_frame);
  frame->setToolTip(tr("Show the end-effector frame (x red, y green, z blue)"));
  connect(frame, &QAction::toggled, this, [this](bool on) {
    m_frame = on;
    if (!m_scene) return;
    m_scene->setFrameSite(on ? mj_name2id(m_scene->model(), mjOBJ_SITE, "ee") : -1);
    refresh();
  });
  return bar;
}

}  // namespace pirl::widgets
