#include "linter/diagnostics/diagnostic.h"

namespace checklint {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "warning";
}

bool parse_severity(std::string_view name, Severity& severity) {
  if (name == "info") {
    severity = Severity::Info;
  } else if (name == "warning") {
    severity = Severity::Warning;
  } else if (name == "error") {
    severity = Severity::Error;
  } else {
    return false;
  }
  return true;
}

}  // namespace checklint
