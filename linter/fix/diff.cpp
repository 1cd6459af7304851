#include "linter/fix/diff.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include <fmt/format.h>

namespace checklint {
namespace {

using Lines = std::vector<std::string_view>;

enum class Op { Equal, Delete, Insert };

/// Splits after every '\n'; each line keeps its terminator, so "a\r\n" and "a\n" differ.
Lines split_lines(std::string_view text) {
  Lines lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::size_t length = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

/// Myers' O((N+M)D) shortest edit script between a[0, n) and b[0, m).
/// The trace keeps, per edit distance d, only the diagonals -d…d that round
/// reached: O(D²) memory, small for fixes, which change few lines.
std::vector<Op> myers(const Lines& a, const Lines& b) {
  const auto n = static_cast<std::ptrdiff_t>(a.size());
  const auto m = static_cast<std::ptrdiff_t>(b.size());
  const std::ptrdiff_t max = n + m;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * max + 3), 0);
  const auto at = [&](std::ptrdiff_t k) -> std::ptrdiff_t& { return v[static_cast<std::size_t>(k + max + 1)]; };
  std::vector<std::vector<std::ptrdiff_t>> trace;  // trace[d][k + d]: furthest x on diagonal k after d edits
  for (std::ptrdiff_t d = 0; d <= max; ++d) {
    bool done = false;
    for (std::ptrdiff_t k = -d; k <= d && !done; k += 2) {
      // Step down (an insertion) from k+1 or right (a deletion) from k-1, whichever got further.
      std::ptrdiff_t x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y;
      at(k) = x;
      done = x >= n && y >= m;
    }
    trace.emplace_back(v.begin() + (max + 1 - d), v.begin() + (max + 1 + d + 1));
    if (done) break;
  }
  // Walk back from (n, m), replaying each round's choice.
  std::vector<Op> ops;
  std::ptrdiff_t x = n;
  std::ptrdiff_t y = m;
  for (auto d = static_cast<std::ptrdiff_t>(trace.size()) - 1; d > 0; --d) {
    const auto& prev = trace[static_cast<std::size_t>(d - 1)];
    const auto prev_at = [&](std::ptrdiff_t k) { return prev[static_cast<std::size_t>(k + d - 1)]; };
    const std::ptrdiff_t k = x - y;
    const bool down = k == -d || (k != d && prev_at(k - 1) < prev_at(k + 1));
    const std::ptrdiff_t prev_k = down ? k + 1 : k - 1;
    const std::ptrdiff_t prev_x = prev_at(prev_k);
    const std::ptrdiff_t prev_y = prev_x - prev_k;
    const std::ptrdiff_t snake_x = down ? prev_x : prev_x + 1;  // where the edit ended and the snake began
    for (; x > snake_x; --x, --y) ops.push_back(Op::Equal);
    ops.push_back(down ? Op::Insert : Op::Delete);
    x = prev_x;
    y = prev_y;
  }
  for (; x > 0; --x) ops.push_back(Op::Equal);
  std::reverse(ops.begin(), ops.end());
  return ops;
}

/// The edit script of the whole files: common head and tail are matched
/// directly, so Myers only sees the changed middle.
std::vector<Op> edit_script(const Lines& a, const Lines& b) {
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const Lines mid_a(a.begin() + static_cast<std::ptrdiff_t>(head), a.end() - static_cast<std::ptrdiff_t>(tail));
  const Lines mid_b(b.begin() + static_cast<std::ptrdiff_t>(head), b.end() - static_cast<std::ptrdiff_t>(tail));
  std::vector<Op> ops(head, Op::Equal);
  const auto middle = myers(mid_a, mid_b);
  ops.insert(ops.end(), middle.begin(), middle.end());
  ops.insert(ops.end(), tail, Op::Equal);
  return ops;
}

/// `-start,count` as diff -u writes it: ",1" is left out, and an empty range
/// names the line before it.
std::string hunk_range(std::size_t first, std::size_t count) {
  const std::size_t start = count == 0 ? first : first + 1;
  return count == 1 ? fmt::format("{}", start) : fmt::format("{},{}", start, count);
}

void append_line(std::string& out, char prefix, std::string_view line) {
  out += prefix;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

/// Writes one hunk, ops[begin, end); in each run of changes the deletions come
/// before the insertions, as diff -u prints them.
class HunkWriter {
 public:
  HunkWriter(const Lines& a, const Lines& b, const std::vector<Op>& ops) : a_(a), b_(b), ops_(ops) {
    old_before_.reserve(ops.size() + 1);
    new_before_.reserve(ops.size() + 1);
    std::size_t old_line = 0;
    std::size_t new_line = 0;
    for (const Op op : ops) {
      old_before_.push_back(old_line);
      new_before_.push_back(new_line);
      old_line += op != Op::Insert ? 1 : 0;
      new_line += op != Op::Delete ? 1 : 0;
    }
    old_before_.push_back(old_line);
    new_before_.push_back(new_line);
  }

  void write(std::string& out, std::size_t begin, std::size_t end) const {
    out += fmt::format("@@ -{} +{} @@\n", hunk_range(old_before_[begin], old_before_[end] - old_before_[begin]),
                       hunk_range(new_before_[begin], new_before_[end] - new_before_[begin]));
    std::size_t i = begin;
    while (i < end) {
      if (ops_[i] == Op::Equal) {
        append_line(out, ' ', a_[old_before_[i]]);
        ++i;
        continue;
      }
      const std::size_t run_end = std::find(ops_.begin() + static_cast<std::ptrdiff_t>(i),
                                            ops_.begin() + static_cast<std::ptrdiff_t>(end), Op::Equal) -
                                  ops_.begin();
      for (std::size_t j = i; j < run_end; ++j) {
        if (ops_[j] == Op::Delete) append_line(out, '-', a_[old_before_[j]]);
      }
      for (std::size_t j = i; j < run_end; ++j) {
        if (ops_[j] == Op::Insert) append_line(out, '+', b_[new_before_[j]]);
      }
      i = run_end;
    }
  }

 private:
  const Lines& a_;
  const Lines& b_;
  const std::vector<Op>& ops_;
  std::vector<std::size_t> old_before_;  // per op: lines of `a` before it
  std::vector<std::size_t> new_before_;
};

/// The end of the hunk whose first change is at `first`: changes separated by at
/// most 2 × context equal lines share a hunk, since their contexts would meet.
std::size_t hunk_end(const std::vector<Op>& ops, std::size_t first, std::size_t context) {
  std::size_t end = first;
  while (true) {
    while (end < ops.size() && ops[end] != Op::Equal) ++end;
    std::size_t equal = 0;
    while (end + equal < ops.size() && ops[end + equal] == Op::Equal) ++equal;
    if (end + equal == ops.size() || equal > 2 * context) return end + std::min(equal, context);
    end += equal;
  }
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view path, std::size_t context) {
  if (before == after) return {};
  const Lines a = split_lines(before);
  const Lines b = split_lines(after);
  const std::vector<Op> ops = edit_script(a, b);
  const HunkWriter writer(a, b, ops);
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", path, path);
  std::size_t next = 0;
  while (true) {
    const auto change =
        std::find_if(ops.begin() + static_cast<std::ptrdiff_t>(next), ops.end(), [](Op op) { return op != Op::Equal; });
    if (change == ops.end()) break;
    const auto first = static_cast<std::size_t>(change - ops.begin());
    // The previous hunk ended more than `context` equal lines before `first`, so contexts never overlap.
    const std::size_t begin = first >= context ? first - context : 0;
    next = hunk_end(ops, first, context);
    writer.write(out, begin, next);
  }
  return out;
}

}  // namespace checklint
