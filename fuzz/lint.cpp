// Fuzz target: the whole pipeline on an arbitrary draft under an arbitrary rule set.
// Input: a rule set in TOML, a line "=====", then the draft; without the separator the
// whole input is the draft and the built-in set it selects is used. The first byte of
// the draft picks Markdown (odd) or plain text (even). Every emitter runs over the result.
#include <sstream>
#include <string_view>

#include "fuzz/common.h"
#include "linter/analysis/select.h"
#include "linter/emitters/emitter.h"
#include "linter/fix/fix.h"
#include "linter/lint.h"

namespace {

using namespace checklint;

constexpr std::string_view kSeparator = "\n=====\n";

void emit_all(const Document& doc, const RuleSet& rules, const std::vector<Diagnostic>& diagnostics) {
  std::vector<FileResult> results(1);
  results[0].doc = &doc;
  results[0].rules = &rules;
  results[0].diagnostics = diagnostics;
  for (const auto format : emitter_formats()) {
    std::ostringstream out;
    EmitOptions options;
    options.base_dir = "/fuzz";
    make_emitter(format, options)->emit(out, results);
  }
}

void lint_under(const std::string& draft, const RuleSet* forced) {
  const InputFormat format = !draft.empty() && (static_cast<unsigned char>(draft[0]) & 1U) != 0
                                 ? InputFormat::Markdown
                                 : InputFormat::PlainText;
  const Document doc = parse_document(SourceText::from_bytes("/fuzz/draft.md", draft), format);
  const RuleSet& rules = forced != nullptr ? *forced : *select_ruleset(doc).rules;
  const auto diagnostics = lint(doc, rules, LintOptions{});
  for (const auto& d : diagnostics) {
    if (d.range.begin > d.range.end || d.range.end > doc.text.bytes().size()) __builtin_trap();
  }
  emit_all(doc, rules, diagnostics);
  // Fixing must give valid text again and settle.
  (void)fix_until_stable(doc.text, format, rules, LintOptions{}, true);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT(readability-identifier-naming): libFuzzer's name
  const std::string input = fuzz::bytes_of(data, size);
  const auto split = input.find(kSeparator);
  try {
    if (split == std::string::npos) {
      lint_under(input, nullptr);
    } else {
      const RuleSet rules = parse_ruleset(std::string_view(input).substr(0, split), "fuzz/ruleset.toml");
      lint_under(input.substr(split + kSeparator.size()), &rules);
    }
  } catch (const InputError&) {
    // Not a draft (binary, invalid UTF-8).
  } catch (const RuleSetError&) {
    // Not a rule set.
  }
  return 0;
}
