#include <QtTest>

#include <cmath>

#include "core/render/scene_renderer.h"
#include "core/sim/env.h"
#include "core/sim/mujoco_handles.h"
#include "core/sim/state.h"

using namespace pirl;

namespace {

std::array<int, 4> pixelAt(const std::vector<std::uint8_t>& rgba, int width, double x, double y) {
  const int xi = static_cast<int>(std::lround(x)), yi = static_cast<int>(std::lround(y));
  const size_t i = (static_cast<size_t>(yi) * width + xi) * 4;
  return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
}

int brightness(const std::array<int, 4>& p) { return (p[0] + p[1] + p[2]) / 3; }

}  // namespace

class TestRender : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    if (!render::displayAvailable()) QSKIP("no X display (the test runs under xvfb-run in CTest)");
  }

  void taskSceneShowsTheRobotWhereItIs() {
    auto taskModel = sim::TaskModel::create("put_carrot_on_plate").value();
    std::shared_ptr<const mjModel> model(taskModel, taskModel->model());
    auto scene = render::SceneRenderer::create(model, {320, 240}).value();
    sim::Env env(taskModel, {});
    env.reset(3);
    const auto state = sim::captureState(model.get(), env.data());
    QVERIFY(scene->setState(state.data(), static_cast<int>(state.size())).ok());
    QVERIFY(scene->geomCount() >= 10);
    scene->render();
    const auto pixels = scene->pixels();
    QCOMPARE(pixels.size(), size_t(320 * 240 * 4));
    // the robot base (a dark body) is where the camera projects it; the sky corner is bright
    const int base = mj_name2id(model.get(), mjOBJ_BODY, "base_link");
    QVERIFY(base >= 0);
    const double* p = scene->data()->xpos + 3 * base;
    const auto px = scene->worldToPixel({p[0], p[1], p[2] + 0.03});
    QVERIFY(px[0] > 0 && px[0] < 320 && px[1] > 0 && px[1] < 240);
    const auto robot = pixelAt(pixels, 320, px[0], px[1]);
    const auto sky = pixelAt(pixels, 320, 2, 2);
    QVERIFY2(brightness(robot) < 90, qPrintable(QString::number(brightness(robot))));
    QVERIFY2(brightness(sky) > 150, qPrintable(QString::number(brightness(sky))));
    // moving the arm changes the picture; the same state gives the same picture
    std::vector<float> moved = state;
    moved[0] += 0.8f;
    QVERIFY(scene->setState(moved.data(), static_cast<int>(moved.size())).ok());
    scene->render();
    QVERIFY(scene->pixels() != pixels);
    QVERIFY(scene->setState(state.data(), static_cast<int>(state.size())).ok());
    scene->render();
    QVERIFY(scene->pixels() == pixels);
    // a state of the wrong size is refused with a message
    auto bad = scene->setState(state.data(), 3);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.find("needs") != std::string::npos);
  }

  void thirdPartyModelRenders() {
    const QString path = "/usr/share/mujoco/model/humanoid/humanoid.xml";
    if (!QFile::exists(path)) QSKIP("libmujoco-samples models are not installed");
    auto loaded = sim::loadModelFromFile(path.toStdString());
    QVERIFY(loaded.ok());
    auto scene = render::SceneRenderer::create(loaded.value().model, {320, 240}).value();
    QVERIFY(scene->geomCount() > 10);
    scene->render();
    const auto pixels = scene->pixels();
    // the humanoid's torso projects onto a pixel that is not background
    const int torso = mj_name2id(loaded.value().model.get(), mjOBJ_BODY, "torso");
    const double* p = scene->data()->xpos + 3 * torso;
    const auto px = scene->worldToPixel({p[0], p[1], p[2]});
    const auto body = pixelAt(pixels, 320, px[0], px[1]);
    const auto sky = pixelAt(pixels, 320, 2, 2);
    QVERIFY(std::abs(brightness(body) - brightness(sky)) > 40);
  }

  void meshGeomsRender() {
    const QString path = "/usr/share/mujoco/model/mug/mug.xml";
    if (!QFile::exists(path)) QSKIP("libmujoco-samples models are not installed");
    auto loaded = sim::loadModelFromFile(path.toStdString());
    QVERIFY(loaded.ok());
    const mjModel* m = loaded.value().model.get();
    QVERIFY(m->nmesh > 0);
    auto scene = render::SceneRenderer::create(loaded.value().model, {320, 240}).value();
    scene->render();
    const auto pixels = scene->pixels();
    // the mug (a mesh geom) covers the pixel its body projects to, and the floor around it is
    // a different colour
    int meshGeom = -1;
    for (int g = 0; g < m->ngeom; ++g) meshGeom = m->geom_type[g] == mjGEOM_MESH ? g : meshGeom;
    QVERIFY(meshGeom >= 0);
    const double* p = scene->data()->geom_xpos + 3 * meshGeom;
    const auto px = scene->worldToPixel({p[0], p[1], p[2]});
    const auto mug = pixelAt(pixels, 320, px[0], px[1]);
    const auto floor = pixelAt(pixels, 320, 160, 230);
    QVERIFY2(std::abs(brightness(mug) - brightness(floor)) > 25,
             qPrintable(QString("%1 vs %2").arg(brightness(mug)).arg(brightness(floor))));
  }

  void overlayLinesAreDrawnOnTopInTheirColour() {
    auto taskModel = sim::TaskModel::create("reach").value();
    std::shared_ptr<const mjModel> model(taskModel, taskModel->model());
    auto scene = render::SceneRenderer::create(model, {320, 240}).value();
    const int ee = mj_name2id(model.get(), mjOBJ_SITE, "ee");
    const double* e = scene->data()->site_xpos + 3 * ee;
    // a thick pure-green line through the end effector, inside the gripper's geometry
    render::Polyline line;
    line.points = {{e[0] - 0.05, e[1], e[2]}, {e[0] + 0.05, e[1], e[2]}};
    line.colours = {{0.0f, 1.0f, 0.0f, 1.0f}};
    line.width = 6.0f;
    scene->setOverlay({line});
    QCOMPARE(scene->overlayCount(), 1);
    scene->render();
    const auto pixels = scene->pixels();
    const auto px = scene->worldToPixel({e[0], e[1], e[2]});
    const auto c = pixelAt(pixels, 320, px[0], px[1]);
    QVERIFY2(c[1] > 200 && c[0] < 60 && c[2] < 60,
             qPrintable(QString("%1 %2 %3").arg(c[0]).arg(c[1]).arg(c[2])));
    scene->setOverlay({});
    QCOMPARE(scene->overlayCount(), 0);
  }
};

QTEST_GUILESS_MAIN(TestRender)
#include "test_render.moc"
