#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace pirl {

/// An expected failure with a message a user can act on (English, one or two sentences).
struct Error {
  /// Human-readable description naming the problem and, where known, the fix.
  std::string message;
};

/// Either a value or an Error; the return type of every operation that can fail on bad input.
template <typename T>
class [[nodiscard]] Result {
 public:
  /// Wraps a successful value.
  Result(T value) : m_data(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  /// Wraps a failure.
  Result(Error error) : m_data(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  /// True when the operation succeeded.
  bool ok() const { return std::holds_alternative<T>(m_data); }
  /// Same as ok().
  explicit operator bool() const { return ok(); }

  /// The value; only valid when ok().
  T& value() & { return std::get<T>(m_data); }
  /// The value; only valid when ok().
  const T& value() const& { return std::get<T>(m_data); }
  /// Moves the value out; only valid when ok().
  T&& value() && { return std::get<T>(std::move(m_data)); }
  /// Member access to the value; only valid when ok().
  T* operator->() { return &std::get<T>(m_data); }
  /// Member access to the value; only valid when ok().
  const T* operator->() const { return &std::get<T>(m_data); }

  /// The error; only valid when !ok().
  const Error& error() const { return std::get<Error>(m_data); }

 private:
  std::variant<T, Error> m_data;
};

/// Result of an operation that returns nothing on success.
class [[nodiscard]] Status {
 public:
  /// A success.
  Status() = default;
  /// A failure.
  Status(Error error) : m_error(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  /// True when the operation succeeded.
  bool ok() const { return !m_error.has_value(); }
  /// Same as ok().
  explicit operator bool() const { return ok(); }
  /// The error; only valid when !ok().
  const Error& error() const { return *m_error; }

 private:
  std::optional<Error> m_error;
};

}  // namespace pirl
