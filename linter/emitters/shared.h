#pragma once
// What the machine-readable emitters share: paths as their readers want them
// (relative, forward slashes, percent-encoded URIs), totals, and one factory
// per format (each defined in its own file, chosen by make_emitter).
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linter/emitters/emitter.h"

namespace checklint::emit {

/// options.base_dir, or the current directory when it is empty.
std::filesystem::path base_dir(const EmitOptions& options);

/// The path with forward slashes, made relative to `base` when it is absolute and
/// lies anywhere `base` can reach by "../" steps ("./a/../b" becomes "b").
std::string relative_path(std::string_view path, const std::filesystem::path& base);

/// Percent-encodes every byte of a UTF-8 path except RFC 3986 unreserved
/// characters and '/', so CJK names and ':' survive as URI references.
std::string percent_encode_path(std::string_view path);

/// `s` as a JSON string, byte for byte as nlohmann's dump() writes it: UTF-8 kept, quotes,
/// backslashes and controls escaped, invalid bytes replaced by U+FFFD. Appended to `out`.
void write_json_string(std::string& out, std::string_view s);

/// The absolute file:// URI of a path as given (relative paths resolved against `base`).
std::string file_uri(std::string_view path, const std::filesystem::path& base);

/// What a reader calls a severity: 错误 / 警告 / 提示, or error / warning / info.
const char* severity_label(Severity severity, Lang lang);

struct Totals {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
};
Totals count(const std::vector<Diagnostic>& diagnostics);
Totals count(const std::vector<FileResult>& results);

/// A report of one independent part per file and nothing around them (github, lsp).
class PerFileEmitter : public StreamingEmitter {
 public:
  explicit PerFileEmitter(EmitOptions options) : options_(std::move(options)) {}
  void begin(std::ostream& out) override {
    out_ = &out;
    base_ = base_dir(options_);
  }
  void end() override {}

 protected:
  [[nodiscard]] const EmitOptions& options() const { return options_; }
  [[nodiscard]] std::ostream& out() const { return *out_; }
  /// Where relative paths are resolved (base_dir()).
  [[nodiscard]] const std::filesystem::path& base() const { return base_; }

 private:
  EmitOptions options_;
  std::ostream* out_ = nullptr;
  std::filesystem::path base_;
};

std::unique_ptr<Emitter> make_json_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_sarif_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_github_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_junit_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_lsp_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_html_emitter(const EmitOptions& options);

}  // namespace checklint::emit
