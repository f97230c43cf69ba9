#include "core/sim/task.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <sstream>

namespace pirl::sim {

namespace {

constexpr double kPi = std::numbers::pi;

// geometry the task logic needs about each shape (metres, radians)
struct ShapeInfo {
  const char* label;
  double halfHeight;  // origin height above the surface it rests on
  double footprint;   // radius used to keep shapes apart when sampling poses
  double yawPeriod;   // grasp symmetry
  double topHeight;   // targets: height of the surface objects are placed on
  bool free;          // free body (manipulable) or mocap body (fixed target)
};

ShapeInfo shapeInfo(ShapeKind kind) {
  switch (kind) {
    case ShapeKind::kCarrot:
      return {"carrot", 0.012, 0.055, kPi, 0.0, true};
    case ShapeKind::kSpoon:
      return {"spoon", 0.010, 0.07, kPi, 0.0, true};
    case ShapeKind::kEggplant:
      return {"eggplant", 0.021, 0.055, kPi, 0.0, true};
    case ShapeKind::kGreenCube:
      return {"green cube", 0.015, 0.03, kPi / 2, 0.030, true};
    case ShapeKind::kYellowCube:
      return {"yellow cube", 0.018, 0.035, kPi / 2, 0.036, true};
    case ShapeKind::kRedCube:
      return {"red cube", 0.015, 0.03, kPi / 2, 0.0, true};
    case ShapeKind::kPlate:
      return {"plate", 0.0, 0.085, 0.0, 0.012, false};
    case ShapeKind::kTowel:
      return {"towel", 0.0, 0.09, 0.0, 0.006, false};
    case ShapeKind::kBasket:
      return {"basket", 0.0, 0.11, 0.0, 0.008, false};
    case ShapeKind::kMarker:
      return {"marker", 0.0, 0.02, 0.0, 0.0, false};
    case ShapeKind::kNone:
      break;
  }
  return {"none", 0.0, 0.0, 0.0, 0.0, false};
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4g", v);
  return buf;
}

std::string vec3(double a, double b, double c) { return fmt(a) + " " + fmt(b) + " " + fmt(c); }

std::string rgbaText(const std::array<double, 4>& c) {
  return fmt(c[0]) + " " + fmt(c[1]) + " " + fmt(c[2]) + " " + fmt(c[3]);
}

std::array<double, 4> defaultColour(ShapeKind kind) {
  switch (kind) {
    case ShapeKind::kCarrot:
      return {0.95, 0.45, 0.08, 1};
    case ShapeKind::kSpoon:
      return {0.75, 0.75, 0.78, 1};
    case ShapeKind::kEggplant:
      return {0.35, 0.12, 0.42, 1};
    case ShapeKind::kGreenCube:
      return {0.15, 0.7, 0.2, 1};
    case ShapeKind::kYellowCube:
      return {0.95, 0.85, 0.1, 1};
    case ShapeKind::kRedCube:
      return {0.85, 0.12, 0.1, 1};
    case ShapeKind::kPlate:
      return {0.95, 0.95, 0.92, 1};
    case ShapeKind::kTowel:
      return {0.3, 0.45, 0.75, 1};
    case ShapeKind::kBasket:
      return {0.65, 0.5, 0.3, 1};
    case ShapeKind::kMarker:
      return {0.9, 0.1, 0.1, 0.5};
    case ShapeKind::kNone:
      break;
  }
  return {1, 1, 1, 1};
}

// the ood_vision palette: object and target colours unseen in training
std::array<double, 4> shiftedColour(ShapeKind kind) {
  switch (kind) {
    case ShapeKind::kCarrot:
      return {0.85, 0.8, 0.2, 1};
    case ShapeKind::kSpoon:
      return {0.55, 0.35, 0.2, 1};
    case ShapeKind::kEggplant:
      return {0.2, 0.35, 0.1, 1};
    case ShapeKind::kGreenCube:
      return {0.1, 0.45, 0.45, 1};
    case ShapeKind::kYellowCube:
      return {0.95, 0.6, 0.1, 1};
    case ShapeKind::kRedCube:
      return {0.6, 0.1, 0.6, 1};
    case ShapeKind::kPlate:
      return {0.35, 0.55, 0.85, 1};
    case ShapeKind::kTowel:
      return {0.8, 0.3, 0.35, 1};
    case ShapeKind::kBasket:
      return {0.3, 0.3, 0.3, 1};
    default:
      return defaultColour(kind);
  }
}

// collision geoms are boxes (cheap, stable contacts); visual geoms give the recognisable shape
std::string shapeGeoms(ShapeKind kind, double s, const std::array<double, 4>& colour) {
  const std::string rgba = rgbaText(colour);
  std::ostringstream x;
  switch (kind) {
    case ShapeKind::kCarrot:
      x << "<geom class=\"object\" type=\"box\" size=\"" << vec3(0.045 * s, 0.012 * s, 0.012 * s)
        << "\" mass=\"0.06\" rgba=\"" << rgba << "\" group=\"3\"/>"
        << "<geom class=\"visual\" type=\"capsule\" size=\"" << fmt(0.0135 * s) << " "
        << fmt(0.034 * s) << "\" euler=\"0 1.5708 0\" rgba=\"" << rgba << "\"/>"
        << "<geom class=\"visual\" type=\"box\" size=\"" << vec3(0.01 * s, 0.004 * s, 0.008 * s)
        << "\" pos=\"" << vec3(-0.055 * s, 0, 0) << "\" rgba=\"0.2 0.6 0.15 1\"/>";
      break;
    case ShapeKind::kSpoon:
      x << "<geom class=\"object\" type=\"box\" size=\"" << vec3(0.045 * s, 0.008 * s, 0.01 * s)
        << "\" pos=\"" << vec3(-0.02 * s, 0, 0) << "\" mass=\"0.035\" rgba=\"" << rgba << "\"/>"
        << "<geom class=\"object\" type=\"box\" size=\"" << vec3(0.02 * s, 0.016 * s, 0.006 * s)
        << "\" pos=\"" << vec3(0.045 * s, 0, -0.004 * s) << "\" mass=\"0.02\" rgba=\"" << rgba
        << "\" group=\"3\"/>"
        << "<geom class=\"visual\" type=\"ellipsoid\" size=\""
        << vec3(0.024 * s, 0.017 * s, 0.0065 * s) << "\" pos=\"" << vec3(0.045 * s, 0, -0.004 * s)
        << "\" rgba=\"" << rgba << "\"/>";
      break;
    case ShapeKind::kEggplant:
      x << "<geom class=\"object\" type=\"box\" size=\"" << vec3(0.045 * s, 0.021 * s, 0.021 * s)
        << "\" mass=\"0.1\" rgba=\"" << rgba << "\" group=\"3\"/>"
        << "<geom class=\"visual\" type=\"ellipsoid\" size=\""
        << vec3(0.052 * s, 0.0235 * s, 0.0235 * s) << "\" rgba=\"" << rgba << "\"/>"
        << "<geom class=\"visual\" type=\"cylinder\" size=\"" << fmt(0.01 * s) << " "
        << fmt(0.008 * s) << "\" pos=\"" << vec3(-0.055 * s, 0, 0)
        << "\" euler=\"0 1.5708 0\" rgba=\"0.25 0.5 0.15 1\"/>";
      break;
    case ShapeKind::kGreenCube:
    case ShapeKind::kRedCube:
      x << "<geom class=\"object\" type=\"box\" size=\"" << vec3(0.015 * s, 0.015 * s, 0.015 * s)
        << "\" mass=\"0.05\" rgba=\"" << rgba << "\"/>";
      break;
    case ShapeKind::kYellowCube:
      x << "<geom class=\"object\" type=\"box\" size=\"" << vec3(0.018 * s, 0.018 * s, 0.018 * s)
        << "\" mass=\"0.08\" rgba=\"" << rgba << "\"/>";
      break;
    case ShapeKind::kPlate:
      x << "<geom class=\"target\" type=\"box\" size=\"" << vec3(0.06, 0.06, 0.006)
        << "\" pos=\"0 0 0.006\" rgba=\"" << rgba << "\" group=\"3\"/>"
        << "<geom class=\"visual\" type=\"cylinder\" size=\"0.075 0.006\" pos=\"0 0 0.006\" rgba=\""
        << rgba << "\"/>";
      break;
    case ShapeKind::kTowel:
      x << "<geom class=\"target\" type=\"box\" size=\"" << vec3(0.07, 0.07, 0.003)
        << "\" pos=\"0 0 0.003\" rgba=\"" << rgba << "\"/>";
      break;
    case ShapeKind::kBasket:
      x << "<geom class=\"target\" type=\"box\" size=\"0.075 0.065 0.004\" pos=\"0 0 0.004\" "
        << "rgba=\"" << rgba << "\"/>"
        << "<geom class=\"target\" type=\"box\" size=\"0.004 0.073 0.03\" pos=\"0.079 0 0.03\" "
        << "rgba=\"" << rgba << "\"/>"
        << "<geom class=\"target\" type=\"box\" size=\"0.004 0.073 0.03\" pos=\"-0.079 0 0.03\" "
        << "rgba=\"" << rgba << "\"/>"
        << "<geom class=\"target\" type=\"box\" size=\"0.075 0.004 0.03\" pos=\"0 0.069 0.03\" "
        << "rgba=\"" << rgba << "\"/>"
        << "<geom class=\"target\" type=\"box\" size=\"0.075 0.004 0.03\" pos=\"0 -0.069 0.03\" "
        << "rgba=\"" << rgba << "\"/>";
      break;
    case ShapeKind::kMarker:
      x << "<geom class=\"visual\" type=\"sphere\" size=\"0.012\" rgba=\"" << rgba << "\"/>";
      break;
    case ShapeKind::kNone:
      break;
  }
  return x.str();
}

std::string bodyXml(const std::string& name, ShapeKind kind, double scale,
                    const std::array<double, 4>& colour) {
  const ShapeInfo info = shapeInfo(kind);
  std::ostringstream x;
  x << "<body name=\"" << name << "\" pos=\"0.3 0 " << fmt(info.halfHeight * scale) << "\"";
  if (!info.free) x << " mocap=\"true\"";
  x << ">";
  if (info.free) x << "<freejoint name=\"" << name << "_joint\"/>";
  x << shapeGeoms(kind, scale, colour) << "</body>";
  return x.str();
}

constexpr int kDistractors = 3;
constexpr double kReachTolerance = 0.02;   // reach: end-effector within 2 cm of the goal
constexpr double kLiftHeight = 0.08;       // lift_cube: cube bottom 8 cm above the table
constexpr double kMinGraspHeight = 0.016;  // keeps the fingertips above the table

void yawQuat(double yaw, double q[4]) {
  q[0] = std::cos(yaw / 2);
  q[1] = 0;
  q[2] = 0;
  q[3] = std::sin(yaw / 2);
}

struct Range {
  double xLo, xHi, yLo, yHi;
};

// positions for shapes with the given footprint radii, pairwise clear by 2 cm; whole layouts
// are redrawn until one fits (always within a few tries for the suite's footprints)
std::vector<std::array<double, 2>> sampleLayout(Rng& rng, const Range& r,
                                                const std::vector<double>& footprints) {
  std::vector<std::array<double, 2>> spots;
  for (int layout = 0; layout < 100; ++layout) {
    spots.clear();
    for (double footprint : footprints) {
      bool placed = false;
      for (int attempt = 0; attempt < 50 && !placed; ++attempt) {
        const std::array<double, 2> p = {rng.uniform(r.xLo, r.xHi), rng.uniform(r.yLo, r.yHi)};
        placed = true;
        for (std::size_t i = 0; i < spots.size(); ++i) {
          if (std::hypot(p[0] - spots[i][0], p[1] - spots[i][1]) <
              footprint + footprints[i] + 0.02) {
            placed = false;
          }
        }
        if (placed) spots.push_back(p);
      }
      if (!placed) break;
    }
    if (spots.size() == footprints.size()) return spots;
  }
  // unreachable for the suite's footprints; keep the last partial layout and fill the rest
  while (spots.size() < footprints.size()) spots.push_back({r.xLo, r.yLo});
  return spots;
}

Range placementRange(Variant v) {
  if (v == Variant::kOodExecution) return {0.18, 0.44, -0.26, 0.26};
  return {0.22, 0.40, -0.20, 0.20};
}

}  // namespace

const std::vector<LayoutField>& observationLayout() {
  static const std::vector<LayoutField> layout = {
      {"joint_pos", 0, 6, "rad",
       "arm joint angles: waist, shoulder, elbow, forearm_roll, wrist_angle, wrist_rotate"},
      {"gripper_opening", 6, 1, "m", "distance between the finger pads' inner faces"},
      {"ee_pos", 7, 3, "m", "end-effector site position (x forward, y left, z up; base at origin)"},
      {"ee_yaw", 10, 1, "rad", "gripper yaw about the vertical axis, in [-pi, pi)"},
      {"object_pos", 11, 3, "m", "manipulated object's position (zeros for reach)"},
      {"object_quat", 14, 4, "1", "object orientation quaternion (w, x, y, z), w >= 0"},
      {"target_pos", 18, 3, "m", "target's position (plate, towel, basket, cube, or goal marker)"},
      {"target_quat", 21, 4, "1", "target orientation quaternion (w, x, y, z), w >= 0"},
  };
  return layout;
}

const std::vector<LayoutField>& actionLayout() {
  static const std::vector<LayoutField> layout = {
      {"ee_delta_pos", 0, 3, "1",
       "end-effector displacement per control step, in [-1, 1] times max_delta_pos (metres)"},
      {"ee_delta_yaw", 3, 1, "1", "gripper yaw change, in [-1, 1] times max_delta_yaw (radians)"},
      {"gripper", 4, 1, "1", "gripper command in [-1, 1]: -1 fully open, +1 closed"},
  };
  return layout;
}

std::string_view variantName(Variant v) {
  switch (v) {
    case Variant::kOodVision:
      return "ood_vision";
    case Variant::kOodSemantic:
      return "ood_semantic";
    case Variant::kOodExecution:
      return "ood_execution";
    case Variant::kInDistribution:
      break;
  }
  return "";
}

const std::vector<TaskDefinition>& taskDefinitions() {
  static const std::string placeDense =
      "phi = 0.1*(1-tanh(10*|ee-grasp|)) + 0.1*grasped + 0.2*grasped*(1-tanh(10*|object-goal|)); "
      "reward += phi(s') - phi(s), phi = 0 once solved";
  static const std::vector<TaskDefinition> defs = {
      {"put_carrot_on_plate", "put carrot on plate", "put eggplant on plate", ShapeKind::kCarrot,
       ShapeKind::kPlate, ShapeKind::kEggplant, ShapeKind::kPlate, 80, placeDense},
      {"put_spoon_on_towel", "put the spoon on the towel", "put the carrot on the towel",
       ShapeKind::kSpoon, ShapeKind::kTowel, ShapeKind::kCarrot, ShapeKind::kTowel, 80, placeDense},
      {"stack_green_on_yellow", "stack the green block on the yellow block",
       "stack the yellow block on the green block", ShapeKind::kGreenCube, ShapeKind::kYellowCube,
       ShapeKind::kYellowCube, ShapeKind::kGreenCube, 80, placeDense},
      {"put_eggplant_in_basket", "put eggplant into yellow basket", "put the spoon into the basket",
       ShapeKind::kEggplant, ShapeKind::kBasket, ShapeKind::kSpoon, ShapeKind::kBasket, 80,
       placeDense},
      {"reach", "move the gripper to the red marker", "bring the hand to the red dot",
       ShapeKind::kNone, ShapeKind::kMarker, ShapeKind::kNone, ShapeKind::kMarker, 40,
       "phi = 0.1*(1-tanh(10*|ee-goal|)); reward += phi(s') - phi(s), phi = 0 once solved"},
      {"lift_cube", "pick up the red cube", "pick up the green cube", ShapeKind::kRedCube,
       ShapeKind::kMarker, ShapeKind::kGreenCube, ShapeKind::kMarker, 50,
       "phi = 0.1*(1-tanh(10*|ee-grasp|)) + 0.1*grasped + 0.2*min(lift/0.08, 1); reward += "
       "phi(s') - phi(s), phi = 0 once solved"},
  };
  return defs;
}

Task::Task(TaskDefinition def, Variant variant) : m_def(std::move(def)), m_variant(variant) {}

Result<Task> Task::create(std::string_view fullName) {
  const auto at = fullName.find('@');
  const std::string_view base = fullName.substr(0, at);
  const std::string_view suffix =
      at == std::string_view::npos ? std::string_view() : fullName.substr(at + 1);
  Variant variant = Variant::kInDistribution;
  if (at != std::string_view::npos) {
    bool found = false;
    for (Variant v : {Variant::kOodVision, Variant::kOodSemantic, Variant::kOodExecution}) {
      if (variantName(v) == suffix) {
        variant = v;
        found = true;
      }
    }
    if (!found) {
      return Error{"unknown task variant '" + std::string(suffix) +
                   "'; known variants: ood_vision, ood_semantic, ood_execution"};
    }
  }
  std::string known;
  for (const auto& def : taskDefinitions()) {
    if (def.name == base) return Task(def, variant);
    known += (known.empty() ? "" : ", ") + def.name;
  }
  return Error{"unknown task '" + std::string(base) + "'; known tasks: " + known};
}

std::string Task::fullName() const {
  if (m_variant == Variant::kInDistribution) return m_def.name;
  return m_def.name + "@" + std::string(variantName(m_variant));
}

const std::string& Task::instruction() const {
  return m_variant == Variant::kOodSemantic ? m_def.semanticInstruction : m_def.instruction;
}

ShapeKind Task::objectShape() const {
  return m_variant == Variant::kOodSemantic ? m_def.semanticObject : m_def.object;
}

ShapeKind Task::targetShape() const {
  return m_variant == Variant::kOodSemantic ? m_def.semanticTarget : m_def.target;
}

double Task::objectScale() const { return m_variant == Variant::kOodVision ? 1.15 : 1.0; }

std::string Task::sceneXml(std::string_view robotXml) const {
  const bool vision = m_variant == Variant::kOodVision;
  std::ostringstream bodies;
  bodies << "<default class=\"target\"><geom contype=\"2\" conaffinity=\"2\" "
            "condim=\"4\" group=\"0\"/></default>";
  const std::string defaults = bodies.str();
  bodies.str("");
  const ShapeKind object = objectShape();
  const ShapeKind target = targetShape();
  if (object != ShapeKind::kNone) {
    bodies << bodyXml("object", object, objectScale(),
                      vision ? shiftedColour(object) : defaultColour(object));
  }
  bodies << bodyXml("target", target, 1.0, vision ? shiftedColour(target) : defaultColour(target));
  if (vision) {
    // distractors: a mug-like cylinder, a box and a ball in colours the tasks never use
    const char* shapes[kDistractors] = {"cylinder\" size=\"0.022 0.03",
                                        "box\" size=\"0.02 0.03 0.02", "sphere\" size=\"0.02"};
    const double heights[kDistractors] = {0.03, 0.02, 0.02};
    const char* colours[kDistractors] = {"0.1 0.6 0.9 1", "0.9 0.3 0.7 1", "0.5 0.9 0.5 1"};
    for (int i = 0; i < kDistractors; ++i) {
      bodies << "<body name=\"distractor" << i << "\" pos=\"0.3 0 " << fmt(heights[i])
             << "\"><freejoint name=\"distractor" << i << "_joint\"/><geom class=\"object\" type=\""
             << shapes[i] << "\" mass=\"0.08\" rgba=\"" << colours[i] << "\"/></body>";
    }
  }
  std::string xml(robotXml);
  // the task's default class and bodies go at the end of the robot's default and worldbody
  const auto defaultEnd = xml.rfind("</default>");
  if (defaultEnd != std::string::npos) xml.insert(defaultEnd, defaults);
  const auto worldEnd = xml.rfind("</worldbody>");
  if (worldEnd != std::string::npos) xml.insert(worldEnd, bodies.str());
  return xml;
}

Status Task::bind(const mjModel* m) {
  auto bodyId = [m](const char* name) { return mj_name2id(m, mjOBJ_BODY, name); };
  const bool hasObject = objectShape() != ShapeKind::kNone;
  m_objectBody = hasObject ? bodyId("object") : -1;
  m_targetBody = bodyId("target");
  m_leftPadBody = bodyId("left_finger_link");
  m_rightPadBody = bodyId("right_finger_link");
  m_eeSite = mj_name2id(m, mjOBJ_SITE, "ee");
  if ((hasObject && m_objectBody < 0) || m_targetBody < 0 || m_leftPadBody < 0 ||
      m_rightPadBody < 0 || m_eeSite < 0) {
    return Error{"scene of task '" + fullName() +
                 "' lacks a required body or site (object, target, fingers, ee)"};
  }
  if (hasObject) {
    const int joint = m->body_jntadr[m_objectBody];
    m_objectQposAdr = m->jnt_qposadr[joint];
    m_objectDofAdr = m->jnt_dofadr[joint];
  }
  m_targetMocap = m->body_mocapid[m_targetBody];
  m_targetQposAdr = m_targetMocap < 0 ? m->jnt_qposadr[m->body_jntadr[m_targetBody]] : -1;
  m_distractorQposAdr.clear();
  for (int i = 0; i < kDistractors; ++i) {
    const int body = bodyId(("distractor" + std::to_string(i)).c_str());
    if (body >= 0) m_distractorQposAdr.push_back(m->jnt_qposadr[m->body_jntadr[body]]);
  }
  return {};
}

void Task::reset(const mjModel* m, mjData* d, Rng& rng, TaskEpisodeState& state) const {
  (void)m;
  state = TaskEpisodeState{};
  const Range r = placementRange(m_variant);
  const ShapeKind object = objectShape();
  const ShapeKind target = targetShape();
  const ShapeInfo oi = shapeInfo(object);
  const ShapeInfo ti = shapeInfo(target);
  const double scale = objectScale();
  // footprints to place: target (if any), object (if any), distractors
  std::vector<double> footprints;
  const bool placesTarget = m_def.name != "lift_cube" && m_def.name != "reach";
  if (placesTarget) footprints.push_back(ti.footprint);
  if (m_objectBody >= 0) footprints.push_back(oi.footprint * scale);
  footprints.resize(footprints.size() + m_distractorQposAdr.size(), 0.035);
  if (m_def.name == "reach") footprints.push_back(0.0);
  const std::vector<std::array<double, 2>> spots = sampleLayout(rng, r, footprints);
  std::size_t next = 0;
  auto setFree = [&](int adr, double x, double y, double z, double yaw) {
    d->qpos[adr] = x;
    d->qpos[adr + 1] = y;
    d->qpos[adr + 2] = z;
    yawQuat(yaw, d->qpos + adr + 3);
  };

  if (placesTarget) {
    const auto& t = spots[next++];
    const double tyaw = rng.uniform(-0.4, 0.4);
    if (m_targetMocap >= 0) {
      d->mocap_pos[3 * m_targetMocap] = t[0];
      d->mocap_pos[3 * m_targetMocap + 1] = t[1];
      d->mocap_pos[3 * m_targetMocap + 2] = 0.0;
      yawQuat(tyaw, d->mocap_quat + 4 * m_targetMocap);
    } else {
      setFree(m_targetQposAdr, t[0], t[1], ti.halfHeight, tyaw);
    }
  }
  if (m_objectBody >= 0) {
    const auto& o = spots[next++];
    const double yawRange = oi.yawPeriod / 2;
    setFree(m_objectQposAdr, o[0], o[1], oi.halfHeight * scale, rng.uniform(-yawRange, yawRange));
    if (m_def.name == "lift_cube") {
      // the goal marker hovers where the cube must be lifted to
      d->mocap_pos[3 * m_targetMocap] = o[0];
      d->mocap_pos[3 * m_targetMocap + 1] = o[1];
      d->mocap_pos[3 * m_targetMocap + 2] = kLiftHeight + 0.02;
    }
  }
  for (int adr : m_distractorQposAdr) {
    const auto& p = spots[next++];
    setFree(adr, p[0], p[1], d->qpos[adr + 2], rng.uniform(-kPi, kPi));
  }
  if (m_def.name == "reach") {
    const auto& p = spots[next++];
    d->mocap_pos[3 * m_targetMocap] = p[0];
    d->mocap_pos[3 * m_targetMocap + 1] = p[1];
    d->mocap_pos[3 * m_targetMocap + 2] =
        rng.uniform(0.04, m_variant == Variant::kOodExecution ? 0.25 : 0.2);
  }
  if (m_variant == Variant::kOodExecution) {
    state.displaceStep = static_cast<int>(6 + rng.below(9));
    const double angle = rng.uniform(-kPi, kPi);
    const double dist = rng.uniform(0.03, 0.06);
    state.displacement = {dist * std::cos(angle), dist * std::sin(angle)};
  }
}

void Task::beforeStep(const mjModel* m, mjData* d, int step, const TaskEpisodeState& state) const {
  if (step != state.displaceStep) return;
  const Range r = placementRange(m_variant);
  if (m_objectBody < 0) {
    // reach: the goal marker jumps
    double* p = d->mocap_pos + 3 * m_targetMocap;
    p[0] = std::clamp(p[0] + state.displacement[0], r.xLo, r.xHi);
    p[1] = std::clamp(p[1] + state.displacement[1], r.yLo, r.yHi);
    return;
  }
  // never pull an object out of the hand
  if (touchesPads(m, d, m_objectBody)) return;
  double* q = d->qpos + m_objectQposAdr;
  q[0] = std::clamp(q[0] + state.displacement[0], r.xLo, r.xHi);
  q[1] = std::clamp(q[1] + state.displacement[1], r.yLo, r.yHi);
  for (int i = 0; i < 6; ++i) d->qvel[m_objectDofAdr + i] = 0;
}

bool Task::touchesBody(const mjModel* m, const mjData* d, int bodyA, int bodyB) const {
  for (int i = 0; i < d->ncon; ++i) {
    const int b1 = m->geom_bodyid[d->contact[i].geom1];
    const int b2 = m->geom_bodyid[d->contact[i].geom2];
    if ((b1 == bodyA && b2 == bodyB) || (b1 == bodyB && b2 == bodyA)) return true;
  }
  return false;
}

bool Task::touchesPads(const mjModel* m, const mjData* d, int body) const {
  return touchesBody(m, d, body, m_leftPadBody) || touchesBody(m, d, body, m_rightPadBody);
}

void Task::bodyPose(const mjData* d, int body, double pos[3], double quat[4]) const {
  for (int i = 0; i < 3; ++i) pos[i] = d->xpos[3 * body + i];
  for (int i = 0; i < 4; ++i) quat[i] = d->xquat[4 * body + i];
  if (quat[0] < 0) {
    for (int i = 0; i < 4; ++i) quat[i] = -quat[i];
  }
}

double Task::bodyYaw(const mjData* d, int body) const {
  const double* R = d->xmat + 9 * body;
  return std::atan2(R[3], R[0]);
}

bool Task::isSuccess(const mjModel* m, const mjData* d) const {
  const double* goal = d->xpos + 3 * m_targetBody;
  if (m_objectBody < 0) {
    const double* ee = d->site_xpos + 3 * m_eeSite;
    return std::hypot(ee[0] - goal[0], ee[1] - goal[1], ee[2] - goal[2]) < kReachTolerance;
  }
  const double* obj = d->xpos + 3 * m_objectBody;
  const double bottom = obj[2] - shapeInfo(objectShape()).halfHeight * objectScale();
  if (m_def.name == "lift_cube") {
    return bottom >= kLiftHeight && touchesBody(m, d, m_objectBody, m_leftPadBody) &&
           touchesBody(m, d, m_objectBody, m_rightPadBody);
  }
  // object position in the target's frame (targets only ever rotate about z)
  const double yaw = bodyYaw(d, m_targetBody);
  const double dx = obj[0] - goal[0];
  const double dy = obj[1] - goal[1];
  const double lx = std::cos(yaw) * dx + std::sin(yaw) * dy;
  const double ly = -std::sin(yaw) * dx + std::cos(yaw) * dy;
  const ShapeKind target = targetShape();
  const ShapeInfo ti = shapeInfo(target);
  bool inside = false;
  switch (target) {
    case ShapeKind::kPlate:
      inside = std::hypot(lx, ly) <= 0.06;
      break;
    case ShapeKind::kTowel:
      inside = std::abs(lx) <= 0.07 && std::abs(ly) <= 0.07;
      break;
    case ShapeKind::kBasket:
      inside = std::abs(lx) <= 0.07 && std::abs(ly) <= 0.06;
      break;
    default:
      // a block on a block: centred within 1.5 cm and the lower block still upright in place
      inside = std::abs(lx) <= 0.015 && std::abs(ly) <= 0.015 &&
               std::abs(goal[2] - ti.halfHeight) < 0.005;
      break;
  }
  const double surface = (ti.free ? goal[2] - ti.halfHeight : goal[2]) + ti.topHeight;
  const bool resting = bottom > surface - 0.01 && bottom < surface + 0.015;
  const double* v = d->qvel + m_objectDofAdr;
  const bool still = std::hypot(v[0], v[1], v[2]) < 0.1;
  return inside && resting && still && touchesBody(m, d, m_objectBody, m_targetBody) &&
         !touchesPads(m, d, m_objectBody);
}

double Task::denseReward(const mjModel* m, const mjData* d) const {
  const ExpertTargets t = expertTargets(m, d);
  const double* ee = d->site_xpos + 3 * m_eeSite;
  auto dist = [](const double* a, const std::array<double, 3>& b) {
    return std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  };
  const double approach = 0.1 * (1.0 - std::tanh(10.0 * dist(ee, t.grasp)));
  if (t.reachOnly) return approach;
  const double held = t.grasped ? 0.1 : 0.0;
  if (t.liftOnly) return approach + held + 0.2 * std::min(t.objectLift / kLiftHeight, 1.0);
  // progress of the object towards the release point, while held
  const double* obj = d->xpos + 3 * m_objectBody;
  std::array<double, 3> goal = t.place;
  for (int i = 0; i < 3; ++i) goal[i] += obj[i] - t.grasp[i];
  return approach + held + (t.grasped ? 0.2 * (1.0 - std::tanh(10.0 * dist(obj, goal))) : 0.0);
}

void Task::observeObjects(const mjData* d, float* out) const {
  double pos[3], quat[4];
  std::fill(out, out + 14, 0.0f);
  if (m_objectBody >= 0) {
    bodyPose(d, m_objectBody, pos, quat);
    for (int i = 0; i < 3; ++i) out[i] = static_cast<float>(pos[i]);
    for (int i = 0; i < 4; ++i) out[3 + i] = static_cast<float>(quat[i]);
  }
  bodyPose(d, m_targetBody, pos, quat);
  for (int i = 0; i < 3; ++i) out[7 + i] = static_cast<float>(pos[i]);
  for (int i = 0; i < 4; ++i) out[10 + i] = static_cast<float>(quat[i]);
}

ExpertTargets Task::expertTargets(const mjModel* m, const mjData* d) const {
  ExpertTargets t;
  const double* goal = d->xpos + 3 * m_targetBody;
  if (m_objectBody < 0) {
    t.reachOnly = true;
    t.grasp = {goal[0], goal[1], goal[2]};
    t.place = t.grasp;
    return t;
  }
  const ShapeKind object = objectShape();
  const ShapeInfo oi = shapeInfo(object);
  const double scale = objectScale();
  const double* obj = d->xpos + 3 * m_objectBody;
  const double yaw = bodyYaw(d, m_objectBody);
  // the spoon is held by its handle, next to its centre of mass
  const double offset = object == ShapeKind::kSpoon ? -0.012 * scale : 0.0;
  t.grasp = {obj[0] + offset * std::cos(yaw), obj[1] + offset * std::sin(yaw),
             std::max(obj[2], kMinGraspHeight)};
  t.graspYaw = yaw;
  t.yawPeriod = oi.yawPeriod;
  t.objectLift = obj[2] - oi.halfHeight * scale;
  t.grasped = touchesBody(m, d, m_objectBody, m_leftPadBody) &&
              touchesBody(m, d, m_objectBody, m_rightPadBody);
  if (m_def.name == "lift_cube") {
    t.liftOnly = true;
    t.place = {t.grasp[0], t.grasp[1], kLiftHeight + 0.05};
    return t;
  }
  const ShapeKind target = targetShape();
  const ShapeInfo ti = shapeInfo(target);
  const double surface = (ti.free ? goal[2] - ti.halfHeight : goal[2]) + ti.topHeight;
  // release just above the surface; into the basket from a little higher, over its floor
  const double clearance = target == ShapeKind::kBasket ? 0.025 : (ti.free ? 0.006 : 0.012);
  const double held = t.grasp[2] - obj[2];  // grasp point height above the object's origin
  t.place = {goal[0] + (t.grasp[0] - obj[0]), goal[1] + (t.grasp[1] - obj[1]),
             surface + oi.halfHeight * scale + clearance + held};
  return t;
}

}  // namespace pirl::sim
