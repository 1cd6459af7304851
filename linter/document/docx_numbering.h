#pragma once
// Paragraph styles (styles.xml) and automatic numbering (numbering.xml) of a
// .docx: which heading level a paragraph has, and the number Word or WPS shows
// in front of it ("一、", "（一）", "1."), counted as they count it.
#include <array>
#include <map>
#include <optional>
#include <string>

#include <pugixml.hpp>

#include "linter/document/docx_xml.h"

namespace checklint::docx {

/// A paragraph's numbering reference: w:numPr's numId and ilvl, either of which may be missing.
struct NumberRef {
  std::optional<std::string> num_id;
  std::optional<int> level;
};

/// What a paragraph style gives a paragraph, after following w:basedOn.
struct StyleProps {
  NumberRef number;
  std::optional<int> outline_level;  ///< 0–8; 9 (body text) is stored as nullopt
};

class Styles {
 public:
  /// Reads styles.xml's root (an empty node: no styles).
  void load(const pugi::xml_node& root);
  /// The properties of paragraph style `id` (empty: the default paragraph style).
  [[nodiscard]] StyleProps resolve(const std::string& id) const;
  /// The numbering reference of a numbering style (w:type="numbering"), for w:numStyleLink.
  [[nodiscard]] std::optional<std::string> numbering_style_num(const std::string& id) const;

 private:
  struct Style {
    std::string based_on;
    NumberRef number;
    std::optional<int> outline_level;  ///< 9 kept here, so that it stops inheritance
    std::optional<int> heading_level;  ///< from the name: heading N / 标题 N / Title
  };
  Names w_;
  std::map<std::string, Style> styles_;
  std::string default_;
};

/// The counters of every list, advanced paragraph by paragraph in document order.
class Numbering {
 public:
  void load(const pugi::xml_node& root);
  /// The number shown for a paragraph with `ref` (resolved with its style), and its
  /// suffix (tab, space or nothing); empty when the paragraph shows none. Advances the counters.
  std::string next(const NumberRef& ref, const std::string& style_id, const Styles& styles);

 private:
  struct Level {
    int start = 0;
    std::string format = "decimal";
    std::string text;
    std::optional<int> restart;  ///< w:lvlRestart; nullopt: restart after any higher level
    std::string suffix = "tab";
    bool legal = false;          ///< w:isLgl: every %N in decimal
    std::string style;           ///< w:pStyle: the paragraph style linked to this level
    bool defined = false;
  };
  struct Abstract {
    std::array<Level, 9> levels;
    std::string num_style_link;
  };
  struct Num {
    std::string abstract_id;
    std::map<int, int> start_override;
    std::map<int, Level> level_override;
  };
  struct Counters {
    std::array<int, 9> value{};
    std::array<bool, 9> started{};
  };

  [[nodiscard]] const Abstract* abstract_of(const Num& num, const Styles& styles) const;
  [[nodiscard]] static Level read_level(const Names& w, const pugi::xml_node& lvl);

  Names w_;
  std::map<std::string, Abstract> abstracts_;
  std::map<std::string, Num> nums_;
  std::map<std::string, Counters> counters_;  ///< by abstract numbering: lists sharing one continue each other
  std::map<std::string, bool> num_used_;       ///< a num's start overrides apply at its first paragraph
};

/// `value` written in a w:numFmt (decimal, chineseCounting, ideographTraditional, …).
std::string format_number(int value, const std::string& format);

}  // namespace checklint::docx
