#pragma once
// Content matching for Chinese text without word boundaries: character
// n-grams over runs of Han characters. Used to decide whether a cause or a
// measure answers a problem when no keyword list says so.
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace checklint {

/// Runs of Han characters (each character as a UTF-8 string), split at anything else.
std::vector<std::vector<std::string>> han_runs(std::string_view text);

/// `text` with everything inside 《…》 removed: a book title names a document, it commits to nothing.
std::string without_book_titles(std::string_view text);

/// The distinctive phrases of a heading: its Han runs with frame words
/// (方面, 认真, 持续, 着力, 进一步 …) cut out; runs of 4+ characters give
/// their 4-grams, runs of 3 give themselves.
std::set<std::string> key_phrases(std::string_view heading);

/// Character bigrams of the Han runs of `text`, for similarity scores.
std::set<std::string> bigrams(std::string_view text);

/// Dice coefficient of two bigram sets (0 … 1).
double dice(const std::set<std::string>& a, const std::set<std::string>& b);

/// Bigrams of a problem's summary sentence without the filler every problem
/// shares (不够, 存在, 工作, 进一步 …): what a measure must echo to answer it.
std::set<std::string> content_bigrams(std::string_view text);

/// Share of `part`'s bigrams found in `whole` (0 … 1; 0 when `part` is empty).
double containment(const std::set<std::string>& part, const std::set<std::string>& whole);

}  // namespace checklint
