#pragma once
// A finding, in byte ranges. Emitters turn ranges into what their readers count.
#include <string>
#include <string_view>
#include <vector>

#include "linter/source/text.h"

namespace checklint {

enum class Severity { Info, Warning, Error };

std::string_view severity_name(Severity severity);  ///< "info" / "warning" / "error"
bool parse_severity(std::string_view name, Severity& severity);

/// A replacement the user can apply; safe ones are applied by --fix.
struct FixIt {
  ByteRange range;
  std::string replacement;
  bool safe = true;
};

/// A related place ("note:" line in the terminal).
struct DiagnosticNote {
  ByteRange range;
  std::string message;
};

struct Diagnostic {
  std::string rule;  ///< e.g. "numbering/sequence"
  Severity severity = Severity::Warning;
  std::string message;
  ByteRange range;
  std::vector<DiagnosticNote> notes;
  std::vector<FixIt> fixes;
};

enum class Lang { Zh, En };

/// Picks the Chinese or English text of a message.
inline const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::Zh ? zh : en; }

}  // namespace checklint
