#include "linter/checks/check.h"

#include <stdexcept>

namespace checklint {

std::int64_t RuleConfig::integer(const std::string& name) const {
  return std::get<std::int64_t>(options.at(name));
}

bool RuleConfig::flag(const std::string& name) const { return std::get<bool>(options.at(name)); }

const std::vector<std::string>& RuleConfig::strings(const std::string& name) const {
  return std::get<std::vector<std::string>>(options.at(name));
}

Diagnostic& CheckContext::report(ByteRange range, Message message) {
  Diagnostic d;
  d.rule = rule_;
  d.severity = config_.severity;
  d.message = std::move(message);
  d.range = range;
  return out_.add(std::move(d));
}

const Check* find_check(std::string_view rule_id) {
  for (const Check* check : all_checks()) {
    if (check->info().id == rule_id) return check;
  }
  return nullptr;
}

}  // namespace checklint
