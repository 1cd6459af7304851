#include "linter/fix/fix.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "linter/source/read.h"

namespace checklint {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// A fix-it that may be applied, with the rule that offers it (the tie-breaker).
struct Candidate {
  const FixIt* fix;
  const std::string* rule;
};

/// Position first, then rule id; the replacement last, so that equal keys mean equal edits.
bool comes_before(const Candidate& a, const Candidate& b) {
  return std::tie(a.fix->range.begin, a.fix->range.end, *a.rule, a.fix->replacement) <
         std::tie(b.fix->range.begin, b.fix->range.end, *b.rule, b.fix->replacement);
}

/// The fix-its `unsafe` allows, sorted; counts the unsafe ones left out.
std::vector<Candidate> candidates(std::string_view text, const std::vector<Diagnostic>& diagnostics, bool unsafe,
                                  FixReport& report) {
  std::vector<Candidate> out;
  for (const auto& d : diagnostics) {
    for (const auto& fix : d.fixes) {
      if (!fix.safe && !unsafe) {
        ++report.unsafe;
        continue;
      }
      // A range outside the text would be a bug in a check; never let it corrupt the file.
      if (fix.range.begin > fix.range.end || fix.range.end > text.size()) continue;
      out.push_back({&fix, &d.rule.str()});
    }
  }
  std::sort(out.begin(), out.end(), comes_before);
  return out;
}

/// Keeps, in order, the candidates that neither overlap nor touch an earlier kept
/// one. Touching edits are held back too: two replacements meeting at one point
/// were each written against the original neighbour, not against each other.
std::vector<const FixIt*> choose(const std::vector<Candidate>& sorted, FixReport& report) {
  std::vector<const FixIt*> chosen;
  for (const Candidate& c : sorted) {
    if (!chosen.empty()) {
      // Kept fixes do not overlap and are sorted, so the last one reaches furthest.
      const FixIt& last = *chosen.back();
      if (last.range == c.fix->range && last.replacement == c.fix->replacement) continue;  // same edit, another rule
      if (c.fix->range.begin <= last.range.end) {
        ++report.overlapping;
        continue;
      }
    }
    chosen.push_back(c.fix);
  }
  return chosen;
}

/// An Io error for the failed call `what`; errno is read before anything can change it.
WriteError io_error(const char* what, const fs::path& path) {
  const int error = errno;
  return {WriteError::Reason::Io, fmt::format("{} {}: {}", what, path.string(), std::strerror(error))};
}

/// A file descriptor, closed when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  FileDescriptor(FileDescriptor&&) = delete;
  FileDescriptor& operator=(FileDescriptor&&) = delete;

  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

/// The temporary file a new version is written to, beside the file it replaces
/// (a rename is only atomic within one file system). Removed unless renamed.
class TempFile {
 public:
  explicit TempFile(const fs::path& target) {
    // Hidden, and named after the target, so a leftover from a killed run is recognisable.
    // The name is cut so that the suffix still fits in NAME_MAX (255 bytes).
    std::string name =
        (target.parent_path() / ("." + target.filename().string().substr(0, 200) + ".checklint-XXXXXX")).string();
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      throw WriteError(
          error == EACCES || error == EROFS ? WriteError::Reason::ReadOnly : WriteError::Reason::Io,
          fmt::format("cannot create a temporary file in {}: {}", target.parent_path().string(), std::strerror(error)));
    }
    path_ = name;
    fd_ = fd;
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  TempFile(TempFile&&) = delete;
  TempFile& operator=(TempFile&&) = delete;

  /// Writes `bytes` with the original's owner and mode, and makes them durable.
  void write(std::string_view bytes, const struct stat& original) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw io_error("cannot write", path_);
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    // The owner first, as fchown clears set-id bits. Only root may give a file
    // away; anyone else keeps at least the group when they belong to it.
    if (::geteuid() == 0) {
      if (::fchown(fd_, original.st_uid, original.st_gid) != 0) throw io_error("cannot chown", path_);
    } else {
      static_cast<void>(::fchown(fd_, static_cast<uid_t>(-1), original.st_gid));
    }
    if (::fchmod(fd_, original.st_mode & 07777) != 0) throw io_error("cannot chmod", path_);
    // The data must be on disk before the rename makes it the file, or a crash could leave it empty.
    if (::fsync(fd_) != 0) throw io_error("cannot sync", path_);
    // Some file systems report a failed write only when the file is closed.
    if (::close(std::exchange(fd_, -1)) != 0) throw io_error("cannot write", path_);
  }

  /// Puts the new version in place of `target`, in one step.
  void rename_to(const fs::path& target) {
    if (::rename(path_.c_str(), target.c_str()) != 0) throw io_error("cannot replace", target);
    path_.clear();
  }

 private:
  fs::path path_;
  int fd_ = -1;
};

/// The file a path finally names: symlinks are followed, so the link itself is left alone.
fs::path resolve_target(const std::string& path) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  if (ec) throw WriteError(WriteError::Reason::Io, fmt::format("cannot resolve {}: {}", path, ec.message()));
  return target;
}

struct stat stat_regular(const fs::path& target) {
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) throw io_error("cannot stat", target);
  if (!S_ISREG(st.st_mode))
    throw WriteError(WriteError::Reason::Io, fmt::format("not a regular file: {}", target.string()));
  return st;
}

/// Whether `path` is write-protected: no write bit at all, or not writable for
/// this process. Root passes every permission check, but a file someone made
/// read-only on purpose is not for a linter to overwrite, so the mode bits count.
bool write_protected(const fs::path& path, mode_t mode) {
  constexpr mode_t kAnyWrite = S_IWUSR | S_IWGRP | S_IWOTH;
  return (mode & kAnyWrite) == 0 || ::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) != 0;
}

/// Refuses a read-only file, or a directory the file cannot be replaced in.
void check_writable(const fs::path& target, const struct stat& st) {
  if (write_protected(target, st.st_mode)) {
    throw WriteError(WriteError::Reason::ReadOnly, fmt::format("file is read-only: {}", target.string()));
  }
  const fs::path dir = target.parent_path();
  struct stat dir_st {};
  if (::stat(dir.c_str(), &dir_st) != 0) throw io_error("cannot stat", dir);
  if (write_protected(dir, dir_st.st_mode)) {
    throw WriteError(WriteError::Reason::ReadOnly, fmt::format("directory is read-only: {}", dir.string()));
  }
}

/// Refuses when the file no longer holds what was read and fixed: another
/// program (an editor, a second checklint) wrote it meanwhile, and replacing it
/// would silently throw that work away.
void check_unchanged(const fs::path& target, std::string_view expected) {
  std::string now;
  try {
    now = read_file_bytes(target.string());
  } catch (const InputError& e) {
    throw WriteError(WriteError::Reason::Changed,
                     fmt::format("{} can no longer be read: {}", target.string(), e.what()));
  }
  if (now != expected) {
    throw WriteError(WriteError::Reason::Changed, fmt::format("{} changed after it was read", target.string()));
  }
}

/// Makes the rename durable. The new file is already in place and there is
/// nothing to undo, so a directory that cannot be synced is not an error.
void sync_directory(const fs::path& dir) {
  const FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());
}

}  // namespace

std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics, bool unsafe,
                        FixReport& report) {
  const auto chosen = choose(candidates(text, diagnostics, unsafe, report), report);
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const FixIt* fix : chosen) {
    out.append(text.substr(at, fix->range.begin - at));
    out.append(fix->replacement);
    at = fix->range.end;
  }
  out.append(text.substr(at));
  report.applied += chosen.size();
  return out;
}

FixOutcome fix_until_stable(const SourceText& source, InputFormat format, const RuleSet& rules,
                            const LintOptions& options, bool unsafe) {
  FixOutcome outcome{std::string(source.bytes()), {}};
  // A fix can reveal or enable another (a numbering fix changes what the
  // hierarchy sees; of two overlapping fixes only one fits per round), so lint
  // again until nothing applicable is left. The bound stops two rules that
  // undo each other; kMaxFixRounds rounds of fixes plus one to confirm.
  for (int round = 0;; ++round) {
    const Document doc = parse_document(SourceText::from_bytes(source.path(), outcome.text), format);
    FixReport pass;
    std::string fixed = apply_fixes(outcome.text, lint(doc, rules, options), unsafe, pass);
    outcome.report.unsafe = pass.unsafe;  // what the final text still offers, not a sum over rounds
    if (pass.applied == 0) break;
    if (round == kMaxFixRounds) {
      outcome.report.stable = false;
      break;
    }
    outcome.text = std::move(fixed);
    outcome.report.applied += pass.applied;
    outcome.report.overlapping += pass.overlapping;
    ++outcome.report.rounds;
  }
  return outcome;
}

std::string file_bytes(const SourceText& original, std::string_view fixed) {
  if (original.encoding() != Encoding::Utf8) return encode_text(fixed, original.encoding(), original.had_bom());
  std::string out;
  out.reserve(kBom.size() + fixed.size());
  if (original.had_bom()) out.append(kBom);
  out.append(fixed);
  return out;
}

void write_file_atomically(const std::string& path, std::string_view bytes, std::string_view expected_original) {
  const fs::path target = resolve_target(path);
  const struct stat original = stat_regular(target);
  check_writable(target, original);
  TempFile temp(target);
  temp.write(bytes, original);
  // Compared as late as possible, after the slow write and sync: what remains
  // is the short window between this read and the rename, which only a lock
  // every writer agreed on could close.
  check_unchanged(target, expected_original);
  temp.rename_to(target);
  sync_directory(target.parent_path());
}

}  // namespace checklint
