#pragma once
// WordprocessingML element and attribute names under whatever prefix a part
// binds to the main namespace (w: in practice, but a part may choose another).
// pugixml is not namespace-aware: names are compared as prefix + ':' + local.
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace checklint::docx {

class Names {
 public:
  Names() = default;
  /// Takes the prefix of the part's root element (w:document, w:styles, w:numbering).
  explicit Names(const pugi::xml_node& root) {
    const std::string_view name = root.name();
    const auto colon = name.find(':');
    if (colon != std::string_view::npos) prefix_ = std::string(name.substr(0, colon));
  }

  /// Whether `node` is the element `local` of the main namespace.
  [[nodiscard]] bool is(const pugi::xml_node& node, const char* local) const {
    const char* name = node.name();
    if (!prefix_.empty()) {
      if (std::strncmp(name, prefix_.data(), prefix_.size()) != 0 || name[prefix_.size()] != ':') return false;
      name += prefix_.size() + 1;
    }
    return std::strcmp(name, local) == 0;
  }

  [[nodiscard]] pugi::xml_node child(const pugi::xml_node& node, const char* local) const {
    for (const pugi::xml_node c : node.children()) {
      if (is(c, local)) return c;
    }
    return {};
  }

  [[nodiscard]] pugi::xml_attribute attr(const pugi::xml_node& node, const char* local) const {
    if (prefix_.empty()) return node.attribute(local);
    return node.attribute((prefix_ + ':' + local).c_str());
  }

  /// The w:val of `node`'s child `local`, if the child is there.
  [[nodiscard]] std::optional<std::string> value(const pugi::xml_node& node, const char* local) const {
    const pugi::xml_node c = child(node, local);
    if (!c) return std::nullopt;
    return std::string(attr(c, "val").value());
  }

  /// An on/off property (<w:vanish/>, <w:vanish w:val="false"/>): present and not switched off.
  [[nodiscard]] bool on(const pugi::xml_node& node, const char* local) const {
    const pugi::xml_node c = child(node, local);
    if (!c) return false;
    const std::string_view v = attr(c, "val").value();
    return v != "0" && v != "false" && v != "off";
  }

 private:
  std::string prefix_;
};

/// A decimal attribute value, or nullopt when absent or not a small number.
inline std::optional<int> to_int(const std::optional<std::string>& text) {
  if (!text || text->empty() || text->size() > 9) return std::nullopt;
  int value = 0;
  std::size_t i = 0;
  const bool negative = (*text)[0] == '-';
  if (negative) ++i;
  if (i == text->size()) return std::nullopt;
  for (; i < text->size(); ++i) {
    const char c = (*text)[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

}  // namespace checklint::docx
