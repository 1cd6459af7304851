#include "linter/lint.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <string>
#include <unordered_map>

#include "linter/analysis/analysis.h"
#include "linter/diagnostics/suppressions.h"
#include "linter/profile.h"

namespace checklint {

bool rule_known(const RuleSet& rules, const std::string& name);  // checks/suppression_unused.cpp

struct PatternHitCache::State {
  std::mutex mutex;
  std::vector<std::string> patterns;  // the index the answers are for
  std::unordered_map<std::string, std::vector<int>> answers;
  std::atomic<std::size_t> reused{0};
};

PatternHitCache::PatternHitCache() : state_(std::make_shared<State>()) {}
std::size_t PatternHitCache::reused() const { return state_->reused.load(); }

namespace {

/// Runs the TOML-declared rules: pattern rules through the shared index, one
/// RE2::Set pass per paragraph; the others once over the whole text.
void run_text_rules(const Document& doc, const RuleSet& rules, const Analysis& analysis, const LintOptions& options,
                    PatternHitCache::State* cache, DiagnosticSink& out) {
  const bool any = std::any_of(rules.declared.begin(), rules.declared.end(), [](const auto& r) { return r.second.enabled; });
  if (!any) return;
  std::optional<ProfileScope> setup(std::in_place, "text view + scopes");
  const TextView view(doc);
  const ScopeMap scopes(doc, analysis);
  setup.reset();
  struct Active {
    const DeclaredRule* rule;
    RuleConfig config;
  };
  std::map<std::string, Active, std::less<>> active;  // transparent: looked up by string_view per paragraph
  for (const auto& [id, rule] : rules.declared) {
    if (rule.enabled) active.emplace(id, Active{&rule, RuleConfig{true, rule.severity, {}}});
  }
  // Whole-text rules.
  for (auto& [id, a] : active) {
    const ProfileScope timing(a.rule->kind);
    CheckContext check(doc, rules, analysis, a.config, id, options.lang, out);
    TextContext ctx(check, view, scopes, a.rule->common);
    a.rule->rule->run(ctx);
  }
  // Pattern rules: which patterns hit each paragraph, then only those rules there.
  if (!rules.text_index || rules.text_index->owners.empty()) return;
  // Each set entry's active rule and that rule's rank in id order (the order in which
  // the rules run in a paragraph), looked up once per document rather than per paragraph.
  using Entry = std::pair<const std::string, Active>;
  struct Owner {
    std::size_t rank = 0;
    Entry* rule = nullptr;
    int local = 0;
  };
  std::vector<Owner> owners(rules.text_index->owners.size());
  {
    std::map<std::string_view, std::pair<std::size_t, Entry*>> rank;
    std::size_t n = 0;
    for (auto& entry : active) rank.emplace(entry.first, std::pair{n++, &entry});
    for (std::size_t k = 0; k < owners.size(); ++k) {
      const auto& [id, local] = rules.text_index->owners[k];
      const auto found = rank.find(id);
      if (found != rank.end()) owners[k] = Owner{found->second.first, found->second.second, local};
    }
  }
  std::vector<int> hits;
  std::vector<Owner> by_rule;  // reused: no allocation per paragraph once warm
  std::vector<int> local;
  // The set is matched against every paragraph first, in one tight loop: interleaved with the
  // rules, its DFA states fell out of the CPU caches between paragraphs (three times slower).
  struct Hit {
    std::size_t chunk;
    std::size_t begin, end;  // into hits
  };
  std::vector<Hit> matched;
  {
    const ProfileScope matching("RE2::Set pass (pattern index)");
    const auto& chunks = view.chunks();
    // With a cache: its answers for paragraphs the last lint saw, which are then kept with the
    // new ones; the rest of it goes. Held for the whole pass, so lints of one buffer take turns.
    std::unique_lock<std::mutex> lock;
    std::unordered_map<std::string, std::vector<int>> kept;
    if (cache != nullptr) {
      lock = std::unique_lock(cache->mutex);
      if (cache->patterns != rules.text_index->patterns) {
        cache->answers.clear();
        cache->patterns = rules.text_index->patterns;
      }
    }
    for (std::size_t c = 0; c < chunks.size(); ++c) {
      const std::string_view paragraph = view.chunk_text(c);
      const std::size_t first = hits.size();
      local.clear();
      if (cache != nullptr) {
        std::string key(paragraph);
        if (const auto again = kept.find(key); again != kept.end()) {  // the same paragraph twice
          ++cache->reused;
          local = again->second;
        } else if (auto found = cache->answers.find(key); found != cache->answers.end()) {
          ++cache->reused;
          local = found->second;
          kept.insert(cache->answers.extract(found));
        } else {
          rules.text_index->match(paragraph, local);
          kept.emplace(std::move(key), local);
        }
        if (local.empty()) continue;
      } else if (!rules.text_index->match(paragraph, local)) {
        continue;
      }
      hits.insert(hits.end(), local.begin(), local.end());
      matched.push_back(Hit{c, first, hits.size()});
    }
    if (cache != nullptr) cache->answers = std::move(kept);
  }
  for (const Hit& m : matched) {
    const ViewChunk chunk = view.chunk(m.chunk);
    std::sort(hits.begin() + static_cast<std::ptrdiff_t>(m.begin), hits.begin() + static_cast<std::ptrdiff_t>(m.end));
    by_rule.clear();
    for (std::size_t k = m.begin; k < m.end; ++k) {
      const int h = hits[k];
      const Owner& o = owners[static_cast<std::size_t>(h)];
      if (o.rule != nullptr) by_rule.push_back(o);
    }
    std::stable_sort(by_rule.begin(), by_rule.end(), [](const Owner& x, const Owner& y) { return x.rank < y.rank; });
    for (std::size_t b = 0; b < by_rule.size();) {
      Entry& entry = *by_rule[b].rule;
      local.clear();
      for (const std::size_t rank = by_rule[b].rank; b < by_rule.size() && by_rule[b].rank == rank; ++b) {
        local.push_back(by_rule[b].local);
      }
      const ProfileScope timing(entry.second.rule->kind);
      CheckContext check(doc, rules, analysis, entry.second.config, entry.first, options.lang, out);
      TextContext ctx(check, view, scopes, entry.second.rule->common);
      entry.second.rule->rule->run_chunk(ctx, chunk, local);
    }
  }
}

/// Reports the checklint-disable comments that suppressed nothing (the findings they cover were
/// dropped as they were made, by the sink's SuppressionFilter).
void report_unused(const RuleSet& rules, const LintOptions& options, const std::vector<Suppression>& suppressions,
                   std::vector<Diagnostic>& out) {
  const auto config = rules.rules.find("suppression/unused");
  if (config == rules.rules.end() || !config->second.enabled) return;
  std::vector<Diagnostic> unused;
  for (const auto& s : suppressions) {
    if (s.used || s.kind == Suppression::Kind::Enable) continue;
    // A comment naming an unknown rule is already reported as such.
    if (!std::all_of(s.rules.begin(), s.rules.end(), [&](const std::string& name) { return rule_known(rules, name); })) continue;
    Diagnostic d;
    d.rule = "suppression/unused";
    d.severity = config->second.severity;
    d.message = tr(options.lang, "这条屏蔽注释没有屏蔽任何问题，可以删除", "this suppression suppresses nothing and can be removed");
    d.range = s.range;
    d.fixes.push_back({s.range, "", false});
    unused.push_back(std::move(d));
  }
  // Grown by exactly these: a vector that doubles holds three times a long draft's findings.
  out.reserve(out.size() + unused.size());
  std::move(unused.begin(), unused.end(), std::back_inserter(out));
}

/// Sorts by position, then rule, keeping the order of equal ones, like std::stable_sort but
/// without its buffer of half as many findings again (a million of them in a 20 MB paragraph of
/// placeholders): an index is sorted, then the findings move into place along its cycles.
void sort_diagnostics(std::vector<Diagnostic>& out) {
  const auto less = [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.rule < b.rule;
  };
  // The checks report rule after rule, each in order of position: the findings are a few sorted
  // runs, merged pairwise (stable, as a stable sort would order them) in log2(runs) passes
  // instead of n log n comparisons (845,000 findings of one paragraph: 1.1 G instructions).
  std::vector<std::size_t> runs{0};
  for (std::size_t k = 1; k < out.size(); ++k) {
    if (less(out[k], out[k - 1])) runs.push_back(k);
  }
  runs.push_back(out.size());
  const auto at = [&out](std::size_t k) { return out.begin() + static_cast<std::ptrdiff_t>(k); };
  while (runs.size() > 2) {
    std::vector<std::size_t> merged{0};
    for (std::size_t r = 0; r + 2 < runs.size(); r += 2) {
      std::inplace_merge(at(runs[r]), at(runs[r + 1]), at(runs[r + 2]), less);
      merged.push_back(runs[r + 2]);
    }
    if (merged.back() != out.size()) merged.push_back(out.size());
    runs = std::move(merged);
  }
}

}  // namespace

std::vector<Diagnostic> lint(const Document& doc, const RuleSet& rules, const LintOptions& options) {
  std::optional<ProfileScope> analysing(std::in_place, "analysis");
  const Analysis analysis = analyse(doc, rules);
  analysing.reset();
  // The checklint-disable comments, marked as they suppress: a finding they cover is dropped as
  // it is made, so that a long draft under checklint-disable-file never holds its findings.
  std::vector<Suppression> suppressions = analysis.suppressions;
  std::optional<SuppressionFilter> filter;
  if (!suppressions.empty()) filter.emplace(doc, suppressions);
  DiagnosticSink sink(filter ? DiagnosticSink::Filter([&filter](const Diagnostic& d) { return filter->drops(d); })
                             : DiagnosticSink::Filter());
  for (const Check* check : all_checks()) {
    const auto& id = check->info().id;
    const auto found = rules.rules.find(id);
    if (found == rules.rules.end() || !found->second.enabled) continue;
    const ProfileScope timing(id);
    CheckContext ctx(doc, rules, analysis, found->second, id, options.lang, sink);
    check->run(ctx);
  }
  run_text_rules(doc, rules, analysis, options, options.hit_cache != nullptr ? options.hit_cache->state_.get() : nullptr, sink);
  std::vector<Diagnostic> out = sink.take();
  if (!suppressions.empty()) {
    const ProfileScope timing("unused suppressions");
    report_unused(rules, options, suppressions, out);
  }
  const ProfileScope timing("sort diagnostics");
  sort_diagnostics(out);
  return out;
}

}  // namespace checklint
