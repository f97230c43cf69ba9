#include <chrono>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "app/cli_common.h"
#include "core/sim/env.h"
#include "core/sim/mujoco_handles.h"
#include "core/sim/state.h"

#ifdef PIRL_WITH_RENDER
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include "core/render/scene_renderer.h"
#endif

namespace pirl::app {

namespace {

struct RenderArgs {
  std::string task;
  std::string model;
  std::string out;
  std::string view = "iso";
  int width = 1280;
  int height = 720;
  std::uint64_t seed = 0;
  bool contacts = false;
  int msaa = 0;
  bool fxaa = false;
  double seconds = 5.0;
  bool json = false;
};

#ifdef PIRL_WITH_RENDER

// a renderer showing `task` reset with `seed`, or a third-party model at its initial pose
Result<std::unique_ptr<render::SceneRenderer>> makeRenderer(const RenderArgs& args) {
  if (args.task.empty() == args.model.empty())
    return Error{"give exactly one of --task or --model"};
  render::RenderOptions options;
  options.width = args.width;
  options.height = args.height;
  options.multiSamples = args.msaa;
  options.fxaa = args.fxaa;
  if (!args.model.empty()) {
    auto loaded = sim::loadModelFromFile(args.model);
    if (!loaded) return loaded.error();
    auto r = render::SceneRenderer::create(loaded->model, options);
    if (!r) return r.error();
    if (loaded->model->nkey > 0) mj_resetDataKeyframe(loaded->model.get(), r.value()->data(), 0);
    mj_forward(loaded->model.get(), r.value()->data());
    r.value()->sync();
    return r;
  }
  auto taskModel = sim::TaskModel::create(args.task);
  if (!taskModel) return taskModel.error();
  sim::Env env(taskModel.value(), {});
  env.reset(args.seed);
  std::shared_ptr<const mjModel> model(taskModel.value(), taskModel.value()->model());
  auto r = render::SceneRenderer::create(model, options);
  if (!r) return r.error();
  const auto state = sim::captureState(model.get(), env.data());
  if (auto s = r.value()->setState(state.data(), static_cast<int>(state.size())); !s) {
    return s.error();
  }
  const int ee = mj_name2id(model.get(), mjOBJ_SITE, "ee");
  r.value()->setFrameSite(ee);
  return r;
}

Result<render::ViewPreset> viewOf(const std::string& name) {
  if (name == "iso") return render::ViewPreset::kIso;
  if (name == "front") return render::ViewPreset::kFront;
  if (name == "side") return render::ViewPreset::kSide;
  if (name == "top") return render::ViewPreset::kTop;
  return Error{"unknown view '" + name + "' (iso, front, side, top)"};
}

int runRender(const RenderArgs& args) {
  auto view = viewOf(args.view);
  if (!view) return fail(view.error().message);
  auto r = makeRenderer(args);
  if (!r) return fail(r.error().message);
  r.value()->setView(view.value());
  r.value()->setContactsVisible(args.contacts);
  if (auto s = r.value()->savePng(args.out); !s) return fail(s.error().message);
  std::cout << "wrote " << args.out << " (" << args.width << "x" << args.height << ", "
            << r.value()->geomCount() << " geoms)\n";
  return 0;
}

int runBenchRender(const RenderArgs& args) {
  auto r = makeRenderer(args);
  if (!r) return fail(r.error().message);
  render::SceneRenderer& scene = *r.value();
  using Clock = std::chrono::steady_clock;
  // frames orbit the camera so that every frame differs; the second phase also reads the
  // pixels back, as the GUI's view does
  auto measure = [&](bool readBack) {
    int frames = 0;
    const auto start = Clock::now();
    double elapsed = 0.0;
    while (elapsed < args.seconds / 2) {
      scene.renderer()->GetActiveCamera()->Azimuth(1.0);
      scene.render();
      if (readBack) {
        const auto pixels = scene.pixels();
        if (pixels.empty()) break;
      }
      ++frames;
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    return frames / elapsed;
  };
  scene.render();  // first frame compiles shaders
  const double fps = measure(false);
  const double fpsReadBack = measure(true);
  const nlohmann::json out = {{"benchmark", "render"},
                              {"task", args.task},
                              {"model", args.model},
                              {"width", args.width},
                              {"height", args.height},
                              {"geoms", scene.geomCount()},
                              {"msaa", args.msaa},
                              {"fxaa", args.fxaa},
                              {"fps", fps},
                              {"fps_with_readback", fpsReadBack},
                              {"seconds", args.seconds}};
  if (args.json) {
    std::cout << out.dump() << "\n";
  } else {
    std::cout << "render " << args.width << "x" << args.height << ": " << fps << " fps, "
              << fpsReadBack << " fps with read-back\n";
  }
  return 0;
}

#else

int runRender(const RenderArgs&) {
  return fail("this pirl was built without rendering (configure with -DPIRL_BUILD_GUI=ON)");
}
int runBenchRender(const RenderArgs& args) { return runRender(args); }

#endif

}  // namespace

void addRenderCommands(CLI::App& app, CLI::App& bench, CommandAction& action) {
  auto args = std::make_shared<RenderArgs>();
  auto* render = app.add_subcommand(
      "render", "Render a task scene or an MJCF model off-screen to PNG (needs X or Xvfb)");
  render->add_option("--task", args->task, "Task (task or task@variant), reset with --seed");
  render->add_option("--model", args->model, "Any MuJoCo MJCF file");
  render->add_option("--out", args->out, "PNG file to write")->required();
  render->add_option("--width", args->width, "Width in pixels")->check(CLI::Range(16, 8192));
  render->add_option("--height", args->height, "Height in pixels")->check(CLI::Range(16, 8192));
  render->add_option("--view", args->view, "Camera: iso, front, side, top");
  render->add_option("--seed", args->seed, "Episode seed of the task's initial state");
  render->add_flag("--contacts", args->contacts, "Draw contact points");
  render->add_option("--msaa", args->msaa, "Multisample anti-aliasing samples (0: off)")
      ->check(CLI::Range(0, 16));
  render->add_flag("--fxaa", args->fxaa, "FXAA anti-aliasing");
  render->callback([args, &action]() { action = [args]() { return runRender(*args); }; });

  auto* b = bench.add_subcommand("render", "Scene rendering frame rate (off-screen, JSON)");
  b->add_option("--task", args->task, "Task scene");
  b->add_option("--model", args->model, "Or any MuJoCo MJCF file");
  b->add_option("--width", args->width, "Width in pixels")->check(CLI::Range(16, 8192));
  b->add_option("--height", args->height, "Height in pixels")->check(CLI::Range(16, 8192));
  b->add_option("--seconds", args->seconds, "Measuring time")->check(CLI::Range(0.2, 600.0));
  b->add_option("--msaa", args->msaa, "Multisample anti-aliasing samples (0: off)")
      ->check(CLI::Range(0, 16));
  b->add_flag("--fxaa", args->fxaa, "FXAA anti-aliasing");
  b->add_flag("--json", args->json, "JSON output");
  b->callback([args, &action]() { action = [args]() { return runBenchRender(*args); }; });
}

}  // namespace pirl::app
