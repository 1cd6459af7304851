#include "linter/lsp/buffer.h"

#include <fmt/format.h>

#include "linter/analysis/select.h"
#include "linter/emitters/lsp_json.h"
#include "linter/emitters/shared.h"
#include "linter/lint.h"

namespace checklint::lsp {
namespace {

/// The rule set for a buffer, as the CLI chooses it; throws std::runtime_error.
const RuleSet* choose_rules(ConfigResolver& resolver, const Document& doc, const std::string& path, const Config* config,
                            const Settings& settings) {
  const std::string ref = ConfigResolver::ruleset_ref(config, path, settings.ruleset);
  const RuleSet* selected = ref.empty() ? select_ruleset(doc).rules : nullptr;
  return resolver.rules_for(config, path, ref, selected);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string uri_to_path(const std::string& uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.size() < kScheme.size() || uri.compare(0, kScheme.size(), kScheme) != 0) return {};
  std::string_view rest = std::string_view(uri).substr(kScheme.size());
  if (!rest.starts_with('/')) {  // file://host/path: only the local host is ours
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || rest.substr(0, slash) != "localhost") return {};
    rest.remove_prefix(slash);
  }
  std::string path;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 && hex_value(rest[i + 2]) >= 0) {
      path.push_back(static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2])));
      i += 2;
    } else if (rest[i] == '?' || rest[i] == '#') {
      break;
    } else {
      path.push_back(rest[i]);
    }
  }
  return path;
}

InputFormat format_of(const std::string& language_id, const std::string& path) {
  if (language_id == "markdown") return InputFormat::Markdown;
  if (language_id == "plaintext" || language_id == "text") return InputFormat::PlainText;
  return format_for_path(path);
}

std::shared_ptr<const Linted> lint_buffer(BufferInput input, const Settings& settings, std::shared_ptr<ConfigResolver> resolver) {
  auto linted = std::make_shared<Linted>();
  linted->input = std::move(input);
  linted->resolver = std::move(resolver);
  linted->lang = settings.lang;
  const BufferInput& in = linted->input;
  try {
    linted->doc = parse_document(SourceText::from_bytes(in.path.empty() ? in.uri : in.path, in.text), in.format,
                                 in.parse_cache.get());
  } catch (const InputError& e) {
    linted->error = e.what();
    linted->error_offset = e.offset();
    return linted;
  }
  const Document& doc = *linted->doc;
  const Config* config = nullptr;
  try {
    if (!in.path.empty()) config = linted->resolver->config_for(in.path);
    linted->rules = choose_rules(*linted->resolver, doc, in.path, config, settings);
  } catch (const std::runtime_error& e) {
    // A broken .checklint.toml or checklint.ruleset: say so, and lint as if there were no configuration.
    linted->error = e.what();
    try {
      linted->rules = choose_rules(*linted->resolver, doc, in.path, nullptr, Settings{});
    } catch (const std::runtime_error&) {
      linted->rules = nullptr;
    }
  }
  if (linted->rules != nullptr) linted->diagnostics = lint(doc, *linted->rules, LintOptions{settings.lang, in.hit_cache.get()});
  return linted;
}

PositionCounting counting_for(const Linted& linted, PositionEncoding encoding) {
  return {encoding, linted.doc && linted.doc->text.had_bom()};
}

std::size_t document_offset(const Linted& linted, LspPosition position, PositionEncoding encoding) {
  const std::size_t offset = LineIndex(linted.input.text).offset(position, encoding);
  const std::size_t bom = linted.doc && linted.doc->text.had_bom() ? linted.input.text.size() - linted.doc->text.bytes().size() : 0;
  return offset < bom ? 0 : offset - bom;
}

std::string publish_params(const Linted& linted, PositionEncoding encoding) {
  std::string out = R"({"uri":)";
  emit::write_json_string(out, linted.input.uri);
  out += R"(,"version":)";
  out += std::to_string(linted.input.version);
  out += R"(,"diagnostics":[)";
  bool first = true;
  if (!linted.error.empty()) {
    const LineIndex index(linted.input.text);
    const LspPosition at = index.position(linted.error_offset, encoding);
    const Json pos = {{"line", at.line}, {"character", at.character}};
    const Json error = {{"range", {{"start", pos}, {"end", pos}}},
                        {"severity", 1},
                        {"code", "checklint/input"},
                        {"source", "checklint"},
                        {"message", fmt::format(fmt::runtime(tr(linted.lang, "无法检查：{}", "cannot lint: {}")), linted.error)}};
    out += error.dump(-1, ' ', false, Json::error_handler_t::replace);
    first = false;
  }
  if (linted.doc) {
    const PositionCounting counting = counting_for(linted, encoding);
    for (const auto& d : linted.diagnostics) {
      if (!first) out += ',';
      first = false;
      lsp_json::write_diagnostic(out, linted.doc->text, linted.input.uri, d, linted.rules, counting);
    }
  }
  out += "]}";
  return out;
}

}  // namespace checklint::lsp
