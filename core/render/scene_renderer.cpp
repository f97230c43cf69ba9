#include "core/render/scene_renderer.h"

#include <vtkActor.h>
#include <vtkAppendPolyData.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCoordinate.h>
#include <vtkCubeSource.h>
#include <vtkCylinderSource.h>
#include <vtkDoubleArray.h>
#include <vtkGlyph3D.h>
#include <vtkLight.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkPlaneSource.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkSphereSource.h>
#include <vtkTransform.h>
#include <vtkTransformPolyDataFilter.h>
#include <vtkTubeFilter.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/sim/mujoco_handles.h"
#include "core/sim/state.h"

namespace pirl::render {

namespace {

template <typename T>
using Ptr = vtkSmartPointer<T>;

// geometry of one geom in its own frame
Ptr<vtkPolyData> transformed(vtkAlgorithm* source, vtkTransform* t) {
  vtkNew<vtkTransformPolyDataFilter> f;
  f->SetInputConnection(source->GetOutputPort());
  f->SetTransform(t);
  f->Update();
  Ptr<vtkPolyData> out = Ptr<vtkPolyData>::New();
  out->ShallowCopy(f->GetOutput());
  return out;
}

// VTK's cylinder runs along y; MuJoCo's along z
Ptr<vtkPolyData> zCylinder(double radius, double halfLength, bool capped) {
  vtkNew<vtkCylinderSource> c;
  c->SetRadius(radius);
  c->SetHeight(2.0 * halfLength);
  c->SetResolution(32);
  c->SetCapping(capped);
  vtkNew<vtkTransform> t;
  t->RotateX(90.0);
  return transformed(c, t);
}

Ptr<vtkPolyData> sphere(double radius, double z) {
  vtkNew<vtkSphereSource> s;
  s->SetRadius(radius);
  s->SetThetaResolution(32);
  s->SetPhiResolution(20);
  s->SetCenter(0, 0, z);
  s->Update();
  Ptr<vtkPolyData> out = Ptr<vtkPolyData>::New();
  out->ShallowCopy(s->GetOutput());
  return out;
}

Ptr<vtkPolyData> geomPolyData(const mjModel* m, int g) {
  const double* size = m->geom_size + 3 * g;
  switch (m->geom_type[g]) {
    case mjGEOM_PLANE: {
      // an infinite plane (size 0) is drawn as a generous floor around the scene
      const double extent = std::max(1.0, 2.0 * m->stat.extent);
      const double sx = size[0] > 0 ? size[0] : extent, sy = size[1] > 0 ? size[1] : extent;
      vtkNew<vtkPlaneSource> p;
      p->SetOrigin(-sx, -sy, 0);
      p->SetPoint1(sx, -sy, 0);
      p->SetPoint2(-sx, sy, 0);
      p->SetResolution(1, 1);
      p->Update();
      Ptr<vtkPolyData> out = Ptr<vtkPolyData>::New();
      out->ShallowCopy(p->GetOutput());
      return out;
    }
    case mjGEOM_SPHERE:
      return sphere(size[0], 0.0);
    case mjGEOM_CAPSULE: {
      vtkNew<vtkAppendPolyData> a;
      a->AddInputData(zCylinder(size[0], size[1], false));
      a->AddInputData(sphere(size[0], size[1]));
      a->AddInputData(sphere(size[0], -size[1]));
      a->Update();
      Ptr<vtkPolyData> out = Ptr<vtkPolyData>::New();
      out->ShallowCopy(a->GetOutput());
      return out;
    }
    case mjGEOM_ELLIPSOID: {
      vtkNew<vtkSphereSource> s;
      s->SetRadius(1.0);
      s->SetThetaResolution(32);
      s->SetPhiResolution(20);
      vtkNew<vtkTransform> t;
      t->Scale(size[0], size[1], size[2]);
      return transformed(s, t);
    }
    case mjGEOM_CYLINDER:
      return zCylinder(size[0], size[1], true);
    case mjGEOM_BOX: {
      vtkNew<vtkCubeSource> c;
      c->SetXLength(2 * size[0]);
      c->SetYLength(2 * size[1]);
      c->SetZLength(2 * size[2]);
      c->Update();
      Ptr<vtkPolyData> out = Ptr<vtkPolyData>::New();
      out->ShallowCopy(c->GetOutput());
      return out;
    }
    case mjGEOM_MESH: {
      const int mesh = m->geom_dataid[g];
      if (mesh < 0) return nullptr;
      vtkNew<vtkPoints> points;
      const int v0 = m->mesh_vertadr[mesh], nv = m->mesh_vertnum[mesh];
      for (int i = 0; i < nv; ++i) {
        const float* v = m->mesh_vert + 3 * (v0 + i);
        points->InsertNextPoint(v[0], v[1], v[2]);
      }
      vtkNew<vtkCellArray> faces;
      const int f0 = m->mesh_faceadr[mesh], nf = m->mesh_facenum[mesh];
      for (int i = 0; i < nf; ++i) {
        const int* f = m->mesh_face + 3 * (f0 + i);
        const vtkIdType ids[3] = {f[0], f[1], f[2]};
        faces->InsertNextCell(3, ids);
      }
      vtkNew<vtkPolyData> poly;
      poly->SetPoints(points);
      poly->SetPolys(faces);
      vtkNew<vtkPolyDataNormals> normals;
      normals->SetInputData(poly);
      normals->SetFeatureAngle(40.0);
      normals->Update();
      Ptr<vtkPolyData> out = Ptr<vtkPolyData>::New();
      out->ShallowCopy(normals->GetOutput());
      return out;
    }
    default:
      return nullptr;  // height fields and SDFs are not drawn
  }
}

void setPose(vtkActor* actor, const double* pos, const double* mat) {
  vtkNew<vtkMatrix4x4> t;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) t->SetElement(r, c, mat[3 * r + c]);
    t->SetElement(r, 3, pos[r]);
  }
  actor->SetUserMatrix(t);
}

}  // namespace

struct SceneRenderer::Impl {
  std::shared_ptr<const mjModel> model;
  sim::DataPtr data;
  Ptr<vtkRenderWindow> window;
  Ptr<vtkRenderer> renderer;
  std::vector<std::pair<int, Ptr<vtkActor>>> geoms;  // geom id, actor
  sim::DataPtr ghostData;                            // created with the first ghost
  std::vector<std::pair<int, Ptr<vtkActor>>> ghosts;
  Ptr<vtkPolyData> contactPoints;
  Ptr<vtkActor> contactActor;
  Ptr<vtkActor> frameActor;
  int frameSite = -1;
  Ptr<vtkRenderer> overlayRenderer;  // layer 1: polylines drawn over the scene
  Ptr<vtkActor> overlayActor;
  Ptr<vtkActor> tubeActor;
  int overlayCount = 0;
  ViewPreset view = ViewPreset::kIso;
};

SceneRenderer::SceneRenderer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SceneRenderer::~SceneRenderer() = default;

Result<std::unique_ptr<SceneRenderer>> SceneRenderer::create(std::shared_ptr<const mjModel> model,
                                                             const RenderOptions& options) {
  if (!model) return Error{"no model to render"};
  if (!displayAvailable()) {
    return Error{
        "rendering needs an X display (DISPLAY is unset or unreachable); on a headless "
        "machine run under Xvfb, e.g. xvfb-run -a pirl render ..."};
  }
  auto impl = std::make_unique<Impl>();
  const mjModel* m = model.get();
  impl->model = std::move(model);
  impl->data = sim::makeData(m);
  mj_forward(m, impl->data.get());

  impl->renderer = Ptr<vtkRenderer>::New();
  impl->renderer->GradientBackgroundOn();
  impl->renderer->SetBackground(0.93, 0.94, 0.96);
  impl->renderer->SetBackground2(0.62, 0.68, 0.76);
  impl->renderer->SetUseFXAA(options.fxaa);
  impl->window = Ptr<vtkRenderWindow>::New();
  impl->window->SetOffScreenRendering(1);
  impl->window->SetMultiSamples(options.multiSamples);
  impl->window->SetSize(options.width, options.height);
  impl->window->AddRenderer(impl->renderer);

  for (int g = 0; g < m->ngeom; ++g) {
    const float* rgba =
        m->geom_matid[g] >= 0 ? m->mat_rgba + 4 * m->geom_matid[g] : m->geom_rgba + 4 * g;
    if (m->geom_group[g] > 2 || rgba[3] <= 0.0f) continue;
    Ptr<vtkPolyData> poly = geomPolyData(m, g);
    if (!poly) continue;
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(poly);
    mapper->ScalarVisibilityOff();
    auto actor = Ptr<vtkActor>::New();
    actor->SetMapper(mapper);
    vtkProperty* p = actor->GetProperty();
    p->SetColor(rgba[0], rgba[1], rgba[2]);
    p->SetOpacity(rgba[3]);
    if (m->geom_matid[g] >= 0) {
      const int mat = m->geom_matid[g];
      p->SetSpecular(m->mat_specular[mat]);
      p->SetSpecularPower(std::max(1.0f, 128.0f * m->mat_shininess[mat]));
      p->SetAmbient(0.15 + 0.3 * m->mat_emission[mat]);
    } else {
      p->SetSpecular(0.3);
      p->SetSpecularPower(30.0);
      p->SetAmbient(0.15);
    }
    impl->renderer->AddActor(actor);
    impl->geoms.emplace_back(g, actor);
  }

  // contacts: small red spheres glyphed onto the contact points
  impl->contactPoints = Ptr<vtkPolyData>::New();
  impl->contactPoints->SetPoints(vtkNew<vtkPoints>());
  vtkNew<vtkSphereSource> dot;
  dot->SetRadius(0.006);
  vtkNew<vtkGlyph3D> glyphs;
  glyphs->SetInputData(impl->contactPoints);
  glyphs->SetSourceConnection(dot->GetOutputPort());
  glyphs->ScalingOff();
  vtkNew<vtkPolyDataMapper> contactMapper;
  contactMapper->SetInputConnection(glyphs->GetOutputPort());
  impl->contactActor = Ptr<vtkActor>::New();
  impl->contactActor->SetMapper(contactMapper);
  impl->contactActor->GetProperty()->SetColor(0.9, 0.1, 0.1);
  impl->contactActor->VisibilityOff();
  impl->renderer->AddActor(impl->contactActor);

  // a frame: x red, y green, z blue, 8 cm
  vtkNew<vtkPoints> axisPoints;
  vtkNew<vtkCellArray> axisLines;
  vtkNew<vtkUnsignedCharArray> axisColours;
  axisColours->SetNumberOfComponents(3);
  axisPoints->InsertNextPoint(0, 0, 0);
  for (int a = 0; a < 3; ++a) {
    double tip[3] = {0, 0, 0};
    tip[a] = 0.08;
    axisPoints->InsertNextPoint(tip);
    const vtkIdType ids[2] = {0, a + 1};
    axisLines->InsertNextCell(2, ids);
    unsigned char c[3] = {40, 40, 40};
    c[a] = 230;
    axisColours->InsertNextTypedTuple(c);
  }
  vtkNew<vtkPolyData> axes;
  axes->SetPoints(axisPoints);
  axes->SetLines(axisLines);
  axes->GetCellData()->SetScalars(axisColours);
  vtkNew<vtkPolyDataMapper> axesMapper;
  axesMapper->SetInputData(axes);
  impl->frameActor = Ptr<vtkActor>::New();
  impl->frameActor->SetMapper(axesMapper);
  impl->frameActor->GetProperty()->SetLineWidth(4.0);
  impl->frameActor->GetProperty()->LightingOff();
  impl->frameActor->VisibilityOff();
  impl->renderer->AddActor(impl->frameActor);

  // overlays live in a second layer sharing the camera, so the gripper never hides a chain
  impl->overlayRenderer = Ptr<vtkRenderer>::New();
  impl->overlayRenderer->SetLayer(1);
  impl->overlayRenderer->SetActiveCamera(impl->renderer->GetActiveCamera());
  impl->overlayRenderer->InteractiveOff();
  impl->window->SetNumberOfLayers(2);
  impl->window->AddRenderer(impl->overlayRenderer);
  impl->overlayActor = Ptr<vtkActor>::New();
  impl->overlayActor->SetMapper(vtkNew<vtkPolyDataMapper>());
  impl->overlayActor->GetProperty()->LightingOff();
  impl->overlayActor->VisibilityOff();
  impl->overlayRenderer->AddActor(impl->overlayActor);
  impl->tubeActor = Ptr<vtkActor>::New();
  impl->tubeActor->SetMapper(vtkNew<vtkPolyDataMapper>());
  impl->tubeActor->VisibilityOff();
  impl->overlayRenderer->AddActor(impl->tubeActor);

  vtkNew<vtkLight> sun;
  sun->SetLightTypeToSceneLight();
  sun->SetPosition(m->stat.center[0] + 1.0, m->stat.center[1] - 1.0, m->stat.center[2] + 3.0);
  sun->SetFocalPoint(m->stat.center[0], m->stat.center[1], m->stat.center[2]);
  sun->SetIntensity(0.6);
  impl->renderer->AddLight(sun);
  impl->renderer->SetAutomaticLightCreation(true);

  std::unique_ptr<SceneRenderer> out(new SceneRenderer(std::move(impl)));
  out->sync();
  out->setView(ViewPreset::kIso);
  return out;
}

const mjModel* SceneRenderer::model() const { return m_impl->model.get(); }
mjData* SceneRenderer::data() { return m_impl->data.get(); }

Status SceneRenderer::setState(const float* state, int size) {
  if (auto s = sim::applyState(model(), data(), state, size); !s) return s;
  sync();
  return {};
}

void SceneRenderer::sync() {
  const mjModel* m = model();
  const mjData* d = m_impl->data.get();
  for (auto& [g, actor] : m_impl->geoms) setPose(actor, d->geom_xpos + 3 * g, d->geom_xmat + 9 * g);
  if (m_impl->contactActor->GetVisibility()) {
    vtkNew<vtkPoints> points;
    for (int i = 0; i < d->ncon; ++i) points->InsertNextPoint(d->contact[i].pos);
    m_impl->contactPoints->SetPoints(points);
    m_impl->contactPoints->Modified();
  }
  if (m_impl->frameSite >= 0) {
    setPose(m_impl->frameActor, d->site_xpos + 3 * m_impl->frameSite,
            d->site_xmat + 9 * m_impl->frameSite);
  }
}

Status SceneRenderer::setGhostState(const float* state, int size) {
  const mjModel* m = model();
  if (!m_impl->ghostData) {
    m_impl->ghostData = sim::makeData(m);
    for (const auto& [g, actor] : m_impl->geoms) {
      if (m->geom_type[g] == mjGEOM_PLANE) continue;  // one floor is enough
      auto ghost = Ptr<vtkActor>::New();
      ghost->SetMapper(actor->GetMapper());
      double rgb[3];
      actor->GetProperty()->GetColor(rgb);
      ghost->GetProperty()->SetColor(0.5 * rgb[0] + 0.15, 0.5 * rgb[1] + 0.3, 0.5 * rgb[2] + 0.5);
      ghost->GetProperty()->SetOpacity(0.35);
      ghost->VisibilityOff();  // until a state is applied
      m_impl->renderer->AddActor(ghost);
      m_impl->ghosts.emplace_back(g, ghost);
    }
  }
  if (auto s = sim::applyState(m, m_impl->ghostData.get(), state, size); !s) return s;
  const mjData* d = m_impl->ghostData.get();
  for (auto& [g, actor] : m_impl->ghosts) {
    setPose(actor, d->geom_xpos + 3 * g, d->geom_xmat + 9 * g);
    actor->VisibilityOn();
  }
  return {};
}

void SceneRenderer::clearGhost() {
  for (auto& [g, actor] : m_impl->ghosts) actor->VisibilityOff();
}

bool SceneRenderer::ghostVisible() const {
  return !m_impl->ghosts.empty() && m_impl->ghosts.front().second->GetVisibility();
}

void SceneRenderer::setContactsVisible(bool on) {
  m_impl->contactActor->SetVisibility(on);
  sync();
}

void SceneRenderer::setFrameSite(int site) {
  m_impl->frameSite = site >= 0 && site < model()->nsite ? site : -1;
  m_impl->frameActor->SetVisibility(m_impl->frameSite >= 0);
  sync();
}

void SceneRenderer::setView(ViewPreset view) {
  m_impl->view = view;
  const mjModel* m = model();
  const double* c = m->stat.center;
  const double e = std::max(0.2, static_cast<double>(m->stat.extent));
  vtkCamera* cam = m_impl->renderer->GetActiveCamera();
  cam->SetFocalPoint(c[0], c[1], c[2]);
  cam->SetViewUp(0, 0, 1);
  switch (view) {
    case ViewPreset::kIso:
      cam->SetPosition(c[0] + 0.8 * e, c[1] - 0.95 * e, c[2] + 0.65 * e);
      break;
    case ViewPreset::kFront:
      cam->SetPosition(c[0] + 1.4 * e, c[1], c[2] + 0.2 * e);
      break;
    case ViewPreset::kSide:
      cam->SetPosition(c[0], c[1] - 1.4 * e, c[2] + 0.2 * e);
      break;
    case ViewPreset::kTop:
      cam->SetPosition(c[0], c[1], c[2] + 1.6 * e);
      cam->SetViewUp(1, 0, 0);
      break;
  }
  cam->SetViewAngle(40.0);
  m_impl->renderer->ResetCameraClippingRange();
}

void SceneRenderer::focusOn(const std::array<double, 3>& point, double distance) {
  vtkCamera* cam = m_impl->renderer->GetActiveCamera();
  double dir[3];
  cam->GetDirectionOfProjection(dir);
  cam->SetFocalPoint(point[0], point[1], point[2]);
  cam->SetPosition(point[0] - distance * dir[0], point[1] - distance * dir[1],
                   point[2] - distance * dir[2]);
  m_impl->renderer->ResetCameraClippingRange();
}

void SceneRenderer::resetCamera() {
  setView(m_impl->view);
  m_impl->renderer->ResetCamera();
}

void SceneRenderer::setSize(int width, int height) {
  m_impl->window->SetSize(std::max(1, width), std::max(1, height));
}

std::array<int, 2> SceneRenderer::size() const {
  const int* s = m_impl->window->GetSize();
  return {s[0], s[1]};
}

void SceneRenderer::setOverlay(const std::vector<Polyline>& lines) {
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> cells;
  vtkNew<vtkUnsignedCharArray> colours;
  colours->SetName("colours");
  colours->SetNumberOfComponents(4);
  vtkNew<vtkPoints> tubePoints;
  vtkNew<vtkCellArray> tubeCells;
  vtkNew<vtkUnsignedCharArray> tubeColours;
  tubeColours->SetName("colours");
  tubeColours->SetNumberOfComponents(4);
  vtkNew<vtkDoubleArray> radii;
  radii->SetName("radius");
  float width = 2.0f;
  int count = 0;
  for (const auto& line : lines) {
    if (line.points.size() < 2 || line.colours.empty()) continue;
    const bool tube = line.tubeRadius.size() == line.points.size();
    vtkPoints* p = tube ? tubePoints.Get() : points.Get();
    vtkUnsignedCharArray* c = tube ? tubeColours.Get() : colours.Get();
    std::vector<vtkIdType> ids;
    for (size_t i = 0; i < line.points.size(); ++i) {
      ids.push_back(p->InsertNextPoint(line.points[i].data()));
      const auto& rgba = line.colours[std::min(i, line.colours.size() - 1)];
      unsigned char u[4];
      for (int k = 0; k < 4; ++k) u[k] = static_cast<unsigned char>(255.0f * rgba[k] + 0.5f);
      c->InsertNextTypedTuple(u);
      if (tube) radii->InsertNextValue(std::max(1e-4, line.tubeRadius[i]));
    }
    (tube ? tubeCells.Get() : cells.Get())
        ->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
    width = line.width;
    ++count;
  }
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(points);
  poly->SetLines(cells);
  poly->GetPointData()->SetScalars(colours);
  auto* mapper = vtkPolyDataMapper::SafeDownCast(m_impl->overlayActor->GetMapper());
  mapper->SetInputData(poly);
  mapper->SetColorModeToDirectScalars();
  mapper->ScalarVisibilityOn();
  m_impl->overlayActor->GetProperty()->SetLineWidth(width);
  m_impl->overlayActor->SetVisibility(cells->GetNumberOfCells() > 0);

  vtkNew<vtkPolyData> tubes;
  tubes->SetPoints(tubePoints);
  tubes->SetLines(tubeCells);
  tubes->GetPointData()->AddArray(radii);
  tubes->GetPointData()->AddArray(tubeColours);
  tubes->GetPointData()->SetActiveScalars("radius");
  auto* tubeMapper = vtkPolyDataMapper::SafeDownCast(m_impl->tubeActor->GetMapper());
  if (tubeCells->GetNumberOfCells() > 0) {
    vtkNew<vtkTubeFilter> filter;
    filter->SetInputData(tubes);
    filter->SetNumberOfSides(12);
    filter->SetVaryRadiusToVaryRadiusByAbsoluteScalar();
    filter->Update();
    tubeMapper->SetInputConnection(filter->GetOutputPort());
    tubeMapper->SetScalarModeToUsePointFieldData();
    tubeMapper->SelectColorArray("colours");
    tubeMapper->SetColorModeToDirectScalars();
    tubeMapper->ScalarVisibilityOn();
  }
  m_impl->tubeActor->SetVisibility(tubeCells->GetNumberOfCells() > 0);
  m_impl->overlayCount = count;
}

int SceneRenderer::overlayCount() const { return m_impl->overlayCount; }
int SceneRenderer::geomCount() const { return static_cast<int>(m_impl->geoms.size()); }

void SceneRenderer::render() {
  m_impl->renderer->ResetCameraClippingRange();
  m_impl->overlayRenderer->ResetCameraClippingRange();
  m_impl->window->Render();
}

std::vector<std::uint8_t> SceneRenderer::pixels() const {
  const auto [w, h] = size();
  std::vector<std::uint8_t> out(static_cast<size_t>(w) * h * 4);
  vtkNew<vtkUnsignedCharArray> buffer;
  m_impl->window->GetRGBACharPixelData(0, 0, w - 1, h - 1, 0, buffer);
  if (buffer->GetNumberOfValues() < static_cast<vtkIdType>(out.size())) return {};
  const unsigned char* src = buffer->GetPointer(0);
  // VTK's rows run bottom-up
  for (int y = 0; y < h; ++y) {
    std::copy_n(src + static_cast<size_t>(h - 1 - y) * w * 4, static_cast<size_t>(w) * 4,
                out.data() + static_cast<size_t>(y) * w * 4);
  }
  return out;
}

Status SceneRenderer::savePng(const std::string& path) {
  render();
  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(m_impl->window);
  grab->ReadFrontBufferOff();
  grab->Update();
  vtkNew<vtkPNGWriter> writer;
  writer->SetFileName(path.c_str());
  writer->SetInputConnection(grab->GetOutputPort());
  writer->Write();
  if (writer->GetErrorCode() != 0) return Error{"cannot write PNG '" + path + "'"};
  return {};
}

std::array<double, 2> SceneRenderer::worldToPixel(const std::array<double, 3>& world) const {
  vtkNew<vtkCoordinate> c;
  c->SetCoordinateSystemToWorld();
  c->SetValue(world[0], world[1], world[2]);
  const double* d = c->GetComputedDoubleDisplayValue(m_impl->renderer);
  return {d[0], size()[1] - 1 - d[1]};
}

vtkRenderWindow* SceneRenderer::window() const { return m_impl->window; }
vtkRenderer* SceneRenderer::renderer() const { return m_impl->renderer; }

}  // namespace pirl::render
