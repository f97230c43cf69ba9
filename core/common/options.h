#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace pirl {

/// Description of one option, for documentation, `--set`, tooltips and validation messages.
struct OptionInfo {
  /// Dotted key, e.g. "policy.width".
  std::string key;
  /// One-line documentation.
  std::string doc;
  /// Type name shown to users: int, float, bool, string, list, seed, range.
  std::string type;
  /// Allowed values for string options (empty: any).
  std::vector<std::string> choices;
  /// Inclusive bounds for numbers (ignored for other types).
  double min = 0.0;
  /// Inclusive upper bound for numbers.
  double max = 0.0;
};

/// A table of named options bound to the fields of a config struct. Reads and writes YAML
/// (nested mappings become dotted keys), applies `key=value` overrides, and rejects unknown
/// keys, wrong types and out-of-range values with a message naming the key.
class OptionSet {
 public:
  /// Binds an integer option.
  void addInt(const std::string& key, int* field, const std::string& doc, int min, int max);
  /// Binds a floating-point option.
  void addDouble(const std::string& key, double* field, const std::string& doc, double min,
                 double max);
  /// Binds a boolean option.
  void addBool(const std::string& key, bool* field, const std::string& doc);
  /// Binds a string option, optionally restricted to `choices`.
  void addString(const std::string& key, std::string* field, const std::string& doc,
                 std::vector<std::string> choices = {});
  /// Binds a list-of-strings option.
  void addStrings(const std::string& key, std::vector<std::string>* field, const std::string& doc);
  /// Binds a 64-bit seed.
  void addSeed(const std::string& key, std::uint64_t* field, const std::string& doc);
  /// Binds a [low, high] pair with low <= high, both within [min, max].
  void addRange(const std::string& key, std::array<double, 2>* field, const std::string& doc,
                double min, double max);

  /// Sets one option from text in YAML syntax (`4`, `0.5`, `true`, `[a, b]`).
  Status set(const std::string& key, const std::string& value);
  /// Applies `key=value`.
  Status setAssignment(const std::string& assignment);
  /// Applies every option present in a YAML document; `source` names it in messages.
  Status loadYaml(const std::string& text, const std::string& source);
  /// The current values as a YAML document (nested by the dotted keys), every option present.
  std::string toYaml() const;
  /// The current value of one option as YAML text; empty for an unknown key.
  std::string valueText(const std::string& key) const;
  /// All options in registration order.
  std::vector<OptionInfo> options() const;

 private:
  struct Entry {
    OptionInfo info;
    std::function<Status(const std::string& yamlText)> set;
    std::function<std::string()> get;
  };
  const Entry* find(const std::string& key) const;
  std::vector<Entry> m_entries;
};

}  // namespace pirl
