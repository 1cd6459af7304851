// `--format NAME` → an emitter. The one place that knows every format's name.
#include "linter/emitters/emitter.h"
#include "linter/emitters/shared.h"

namespace checklint {

const std::vector<std::string_view>& emitter_formats() {
  static const std::vector<std::string_view> formats = {"human", "json", "sarif", "github", "junit", "lsp", "html"};
  return formats;
}

std::unique_ptr<Emitter> make_emitter(std::string_view format, const EmitOptions& options) {
  if (format == "human") return std::make_unique<HumanEmitter>(HumanOptions{options.color, options.lang, options.max_line_width});
  if (format == "json") return emit::make_json_emitter(options);
  if (format == "sarif") return emit::make_sarif_emitter(options);
  if (format == "github") return emit::make_github_emitter(options);
  if (format == "junit") return emit::make_junit_emitter(options);
  if (format == "lsp") return emit::make_lsp_emitter(options);
  if (format == "html") return emit::make_html_emitter(options);
  return nullptr;
}

}  // namespace checklint
