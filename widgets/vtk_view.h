#pragma once

#include <QImage>
#include <QWidget>

#include <memory>

#include "core/common/result.h"
#include "core/render/scene_renderer.h"

class QToolBar;

namespace pirl::widgets {

/// A VTK scene inside a Qt 6 widget: the scene renders off-screen, the pixels are read back
/// into a QImage and painted; mouse and wheel events drive a trackball camera (left: orbit,
/// middle or shift+left: pan, right or wheel: zoom). Renders on demand only.
class VtkView : public QWidget {
  Q_OBJECT
 public:
  explicit VtkView(QWidget* parent = nullptr);
  ~VtkView() override;

  /// Shows `model` (a new scene; the camera is reset). Fails without an X display.
  Status setModel(std::shared_ptr<const mjModel> model);
  /// The scene (null before setModel succeeded).
  render::SceneRenderer* scene() const { return m_scene.get(); }
  /// Renders a frame and repaints; the frame replaces any message shown.
  void refresh();
  /// The last frame.
  const QImage& image() const { return m_image; }
  /// Frames rendered so far.
  int frames() const { return m_frames; }
  /// A tool bar with camera presets, reset, contacts and end-effector frame toggles.
  QToolBar* makeToolBar(QWidget* parent);
  /// Message shown instead of a scene (no model, or rendering unavailable).
  void setMessage(const QString& text);
  /// Shows an error's message instead of the scene.
  void showError(const Error& error) { setMessage(QString::fromStdString(error.message)); }

  QSize sizeHint() const override { return {640, 480}; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  struct Interaction;
  void forward(QMouseEvent* event, unsigned long vtkEvent);
  std::unique_ptr<render::SceneRenderer> m_scene;
  std::unique_ptr<Interaction> m_interaction;
  QImage m_image;
  QString m_message;
  int m_frames = 0;
  bool m_contacts = false;
  bool m_frame = true;
};

}  // namespace pirl::widgets
