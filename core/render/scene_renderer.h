#pragma once

#include <mujoco/mujoco.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/result.h"

class vtkRenderWindow;
class vtkRenderer;

namespace pirl::render {

/// Size and mode of a scene's render window.
struct RenderOptions {
  /// Width in pixels.
  int width = 640;
  /// Height in pixels.
  int height = 480;
  /// Multisample anti-aliasing samples (0: off; software GL pays 4x per sample).
  int multiSamples = 0;
  /// Fast approximate anti-aliasing (a post-pass; costs 3-4x the frame time on software GL).
  bool fxaa = false;
};

/// Camera presets.
enum class ViewPreset { kIso, kFront, kSide, kTop };

/// A polyline drawn over the scene (denoising chains): points in world coordinates.
struct Polyline {
  /// Points (metres, world frame).
  std::vector<std::array<double, 3>> points;
  /// Colour of each point (RGBA in [0, 1]); one entry colours the whole line.
  std::vector<std::array<float, 4>> colours;
  /// Line width in pixels (lines) when no tube is drawn.
  float width = 2.0f;
  /// Tube radius per point in metres; empty: a plain line.
  std::vector<double> tubeRadius;
};

/// Renders a MuJoCo model's geoms with VTK into an off-screen window (needs an X display; use
/// Xvfb on headless machines): planes, boxes, spheres, capsules, cylinders, ellipsoids and
/// meshes with the model's colours and materials, optional contact points and an end-effector
/// frame, camera presets and polyline overlays. It owns its own mjData, so it never touches a
/// simulation's. Not thread-safe; VTK objects belong to the thread that created them.
class SceneRenderer {
 public:
  /// Builds the scene for `model` (geom groups 0-2, like MuJoCo's viewer).
  static Result<std::unique_ptr<SceneRenderer>> create(std::shared_ptr<const mjModel> model,
                                                       const RenderOptions& options = {});
  ~SceneRenderer();

  /// The model shown.
  const mjModel* model() const;
  /// The renderer's own simulation state (call sync() after changing it).
  mjData* data();
  /// Applies a recorded state (qpos, mocap positions, quaternions) and syncs the scene.
  Status setState(const float* state, int size);
  /// Moves the actors to the poses in data() (after mj_forward or mj_kinematics).
  void sync();

  /// Shows a translucent second robot and scene ("ghost") in a recorded state, e.g. another
  /// policy's rollout; the ghost's colours are tinted blue so it reads as the second one.
  Status setGhostState(const float* state, int size);
  /// Hides the ghost.
  void clearGhost();
  /// Whether a ghost is shown.
  bool ghostVisible() const;

  /// Shows contact points (red dots).
  void setContactsVisible(bool on);
  /// Shows a coordinate frame at site `site` (-1 hides it).
  void setFrameSite(int site);
  /// Sets a camera preset looking at the model's centre.
  void setView(ViewPreset view);
  /// Points the camera at `point` from `distance` metres, keeping its direction.
  void focusOn(const std::array<double, 3>& point, double distance);
  /// Frames the whole scene.
  void resetCamera();
  /// Changes the window size.
  void setSize(int width, int height);
  /// Current size.
  std::array<int, 2> size() const;

  /// Replaces the overlay polylines.
  void setOverlay(const std::vector<Polyline>& lines);
  /// Number of overlay polylines drawn.
  int overlayCount() const;
  /// Number of geom actors (visible geoms).
  int geomCount() const;

  /// Renders a frame.
  void render();
  /// The last frame as RGBA8 rows, top row first.
  std::vector<std::uint8_t> pixels() const;
  /// Renders and writes a PNG.
  Status savePng(const std::string& path);
  /// Pixel (x, y from the top-left) where a world point appears, after render().
  std::array<double, 2> worldToPixel(const std::array<double, 3>& world) const;

  /// The VTK window (for interactors).
  vtkRenderWindow* window() const;
  /// The VTK renderer.
  vtkRenderer* renderer() const;

  struct Impl;

 private:
  explicit SceneRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

/// True when an X display is available for rendering (DISPLAY set and reachable).
bool displayAvailable();

}  // namespace pirl::render
