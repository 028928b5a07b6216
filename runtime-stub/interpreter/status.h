// Error values for everything that can fail on untrusted input: a kind (which
// maps to a documented exit code) and a one-line message naming the culprit.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <string>
#include <utility>

namespace tfb {

enum class ErrorKind {
  kOk = 0,
  kInvalidModel,   // the model breaks the format or its own invariants
  kUnsupported,    // valid model, but an op/dtype/feature we do not run
  kBadInput,       // a user input (file, tensor, shape) is wrong
  kRuntime,        // inference failed (e.g. a data-dependent index out of range)
  kTimeout,        // --timeout expired
  kCancelled,      // SIGINT/SIGTERM
  kIo,             // reading or writing a file failed
  kResourceExhausted,  // more memory than the limit allows or the machine has
  kDeferred,       // internal: a prepare needs values that exist only at eval
};

// printf-style formatting into a std::string.
std::string strfmt(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string vstrfmt(const char* fmt, va_list args);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  bool ok() const { return kind_ == ErrorKind::kOk; }
  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }

  // Adds context in front: "op #3 CONV_2D: " + message.
  Status prefixed(const std::string& prefix) const {
    return ok() ? *this : Status(kind_, prefix + message_);
  }

 private:
  ErrorKind kind_ = ErrorKind::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }

Status Error(ErrorKind kind, const char* fmt, ...) __attribute__((format(printf, 2, 3)));

}  // namespace tfb

// One-line guards. The message names the field or tensor at fault.
#define TFB_RETURN_IF_ERROR(expr)        \
  do {                                   \
    ::tfb::Status _st = (expr);          \
    if (!_st.ok()) return _st;           \
  } while (0)

#define TFB_CHECK_KIND(kind, cond, ...)                         \
  do {                                                          \
    if (!(cond)) return ::tfb::Error((kind), __VA_ARGS__);      \
  } while (0)

// The model is malformed.
#define TFB_REQUIRE(cond, ...) TFB_CHECK_KIND(::tfb::ErrorKind::kInvalidModel, cond, __VA_ARGS__)
// The model is valid but asks for something we do not implement.
#define TFB_SUPPORTED(cond, ...) TFB_CHECK_KIND(::tfb::ErrorKind::kUnsupported, cond, __VA_ARGS__)
