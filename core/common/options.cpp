#include "core/common/options.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <sstream>

namespace pirl {

namespace {

// parses YAML text into a node, turning parser exceptions into an Error
Result<YAML::Node> parseNode(const std::string& key, const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return Error{"option '" + key + "': cannot parse '" + text + "'"};
  }
}

std::string emit(const YAML::Node& node) {
  YAML::Emitter out;
  out.SetFloatPrecision(10);
  out.SetDoublePrecision(15);
  out << YAML::Flow << node;
  return out.c_str();
}

template <typename T>
Result<T> scalarAs(const std::string& key, const YAML::Node& node, const char* type) {
  if (!node.IsScalar()) return Error{"option '" + key + "' must be a " + type};
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    return Error{"option '" + key + "' must be a " + type + ", got '" + node.Scalar() + "'"};
  }
}

// the shortest text that reads back as exactly `v` (0.15, not 0.14999999999999999)
YAML::Node numberNode(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  std::string text(buf, r.ptr);
  // keep it a float when read back (5e-05 and 1.0 stay floats, 1 would read as an int)
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return YAML::Node(text);
}

std::string numberText(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

void OptionSet::addInt(const std::string& key, int* field, const std::string& doc, int min,
                       int max) {
  m_entries.push_back({{key, doc, "int", {}, double(min), double(max)},
                       [key, field, min, max](const std::string& text) -> Status {
                         auto node = parseNode(key, text);
                         if (!node) return node.error();
                         auto v = scalarAs<long long>(key, node.value(), "whole number");
                         if (!v) return v.error();
                         if (v.value() < min || v.value() > max) {
                           return Error{"option '" + key + "' must be between " +
                                        std::to_string(min) + " and " + std::to_string(max) +
                                        ", got " + std::to_string(v.value())};
                         }
                         *field = static_cast<int>(v.value());
                         return {};
                       },
                       [field] { return std::to_string(*field); }});
}

void OptionSet::addDouble(const std::string& key, double* field, const std::string& doc, double min,
                          double max) {
  m_entries.push_back({{key, doc, "float", {}, min, max},
                       [key, field, min, max](const std::string& text) -> Status {
                         auto node = parseNode(key, text);
                         if (!node) return node.error();
                         auto v = scalarAs<double>(key, node.value(), "number");
                         if (!v) return v.error();
                         if (!std::isfinite(v.value()) || v.value() < min || v.value() > max) {
                           return Error{"option '" + key + "' must be between " + numberText(min) +
                                        " and " + numberText(max) + ", got " +
                                        numberText(v.value())};
                         }
                         *field = v.value();
                         return {};
                       },
                       [field] { return emit(numberNode(*field)); }});
}

void OptionSet::addBool(const std::string& key, bool* field, const std::string& doc) {
  m_entries.push_back({{key, doc, "bool", {}, 0, 0},
                       [key, field](const std::string& text) -> Status {
                         auto node = parseNode(key, text);
                         if (!node) return node.error();
                         auto v = scalarAs<bool>(key, node.value(), "boolean (true or false)");
                         if (!v) return v.error();
                         *field = v.value();
                         return {};
                       },
                       [field] { return std::string(*field ? "true" : "false"); }});
}

void OptionSet::addString(const std::string& key, std::string* field, const std::string& doc,
                          std::vector<std::string> choices) {
  m_entries.push_back({{key, doc, "string", choices, 0, 0},
                       [key, field, choices](const std::string& text) -> Status {
                         auto node = parseNode(key, text);
                         if (!node) return node.error();
                         std::string v;
                         if (node->IsNull()) {
                           v.clear();
                         } else {
                           auto s = scalarAs<std::string>(key, node.value(), "text");
                           if (!s) return s.error();
                           v = s.value();
                         }
                         if (!choices.empty()) {
                           bool ok = false;
                           std::string list;
                           for (const auto& c : choices) {
                             ok = ok || c == v;
                             list += (list.empty() ? "" : ", ") + c;
                           }
                           if (!ok) {
                             return Error{"option '" + key + "' must be one of " + list +
                                          ", got '" + v + "'"};
                           }
                         }
                         *field = v;
                         return {};
                       },
                       [field] {
                         YAML::Node n(*field);
                         return emit(n);
                       }});
}

void OptionSet::addStrings(const std::string& key, std::vector<std::string>* field,
                           const std::string& doc) {
  m_entries.push_back({{key, doc, "list", {}, 0, 0},
                       [key, field](const std::string& text) -> Status {
                         auto node = parseNode(key, text);
                         if (!node) return node.error();
                         std::vector<std::string> v;
                         if (node->IsScalar()) {
                           v.push_back(node->Scalar());
                         } else if (node->IsSequence()) {
                           for (const auto& item : node.value()) {
                             if (!item.IsScalar()) {
                               return Error{"option '" + key + "' must be a list of names"};
                             }
                             v.push_back(item.Scalar());
                           }
                         } else {
                           return Error{"option '" + key + "' must be a list of names"};
                         }
                         *field = v;
                         return {};
                       },
                       [field] {
                         YAML::Node n(YAML::NodeType::Sequence);
                         for (const auto& s : *field) n.push_back(s);
                         return emit(n);
                       }});
}

void OptionSet::addSeed(const std::string& key, std::uint64_t* field, const std::string& doc) {
  m_entries.push_back(
      {{key, doc, "seed", {}, 0, 0},
       [key, field](const std::string& text) -> Status {
         auto node = parseNode(key, text);
         if (!node) return node.error();
         auto v = scalarAs<unsigned long long>(key, node.value(), "non-negative whole number");
         if (!v || (node->IsScalar() && node->Scalar().find('-') != std::string::npos)) {
           return Error{"option '" + key + "' must be a non-negative whole number"};
         }
         *field = v.value();
         return {};
       },
       [field] { return std::to_string(*field); }});
}

void OptionSet::addRange(const std::string& key, std::array<double, 2>* field,
                         const std::string& doc, double min, double max) {
  m_entries.push_back({{key, doc, "range", {}, min, max},
                       [key, field, min, max](const std::string& text) -> Status {
                         auto node = parseNode(key, text);
                         if (!node) return node.error();
                         const std::string msg = "option '" + key + "' must be [low, high] with " +
                                                 numberText(min) +
                                                 " <= low <= high <= " + numberText(max);
                         if (!node->IsSequence() || node->size() != 2) return Error{msg};
                         try {
                           const double lo = node.value()[0].as<double>();
                           const double hi = node.value()[1].as<double>();
                           if (!(lo >= min && lo <= hi && hi <= max)) return Error{msg};
                           *field = {lo, hi};
                         } catch (const YAML::Exception&) {
                           return Error{msg};
                         }
                         return {};
                       },
                       [field] {
                         YAML::Node n(YAML::NodeType::Sequence);
                         n.push_back(numberNode((*field)[0]));
                         n.push_back(numberNode((*field)[1]));
                         return emit(n);
                       }});
}

const OptionSet::Entry* OptionSet::find(const std::string& key) const {
  for (const auto& e : m_entries) {
    if (e.info.key == key) return &e;
  }
  return nullptr;
}

Status OptionSet::set(const std::string& key, const std::string& value) {
  const Entry* e = find(key);
  if (e == nullptr) return Error{"unknown option '" + key + "'"};
  return e->set(value);
}

Status OptionSet::setAssignment(const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    return Error{"expected key=value, got '" + assignment + "'"};
  }
  return set(assignment.substr(0, eq), assignment.substr(eq + 1));
}

Status OptionSet::loadYaml(const std::string& text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return Error{source + ": invalid YAML at line " + std::to_string(e.mark.line + 1) + ": " +
                 e.msg};
  }
  if (root.IsNull()) return {};
  if (!root.IsMap()) return Error{source + ": expected a mapping of options at the top level"};
  std::function<Status(const YAML::Node&, const std::string&)> walk =
      [&](const YAML::Node& node, const std::string& prefix) -> Status {
    for (const auto& kv : node) {
      const std::string key = prefix + kv.first.as<std::string>();
      const YAML::Node& value = kv.second;
      if (value.IsMap() && find(key) == nullptr) {
        if (auto s = walk(value, key + "."); !s) return s;
        continue;
      }
      if (auto s = set(key, emit(value)); !s) return Error{source + ": " + s.error().message};
    }
    return {};
  };
  return walk(root, "");
}

std::string OptionSet::toYaml() const {
  YAML::Node root(YAML::NodeType::Map);
  for (const auto& e : m_entries) {
    // descend through the dotted key's parts, creating maps on the way
    std::vector<std::string> parts;
    std::stringstream ss(e.info.key);
    for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
    YAML::Node node = root;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      if (!node[parts[i]]) node[parts[i]] = YAML::Node(YAML::NodeType::Map);
      node.reset(node[parts[i]]);
    }
    node[parts.back()] = YAML::Load(e.get());
  }
  YAML::Emitter out;
  out.SetDoublePrecision(15);
  out << root;
  return std::string(out.c_str()) + "\n";
}

std::string OptionSet::valueText(const std::string& key) const {
  const Entry* e = find(key);
  return e ? e->get() : std::string();
}

std::vector<OptionInfo> OptionSet::options() const {
  std::vector<OptionInfo> out;
  for (const auto& e : m_entries) out.push_back(e.info);
  return out;
}

}  // namespace pirl
