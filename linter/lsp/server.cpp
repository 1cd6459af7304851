#include "linter/lsp/server.h"

#include <csignal>
#include <condition_variable>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "linter/emitters/shared.h"
#include "linter/lsp/buffer.h"
#include "linter/lsp/features.h"
#include "linter/lsp/transport.h"

namespace checklint::lsp {
namespace {

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestCancelled = -32800;

/// Raised while handling a message; becomes an error response (or a log line for a notification).
struct RpcError {
  int code;
  std::string message;
};

/// Field access that turns a missing or mistyped field into InvalidParams.
const Json& field(const Json& object, const char* name) {
  if (!object.is_object() || !object.contains(name)) throw RpcError{kInvalidParams, fmt::format("missing '{}'", name)};
  return object.at(name);
}

std::string string_field(const Json& object, const char* name) {
  const Json& value = field(object, name);
  if (!value.is_string()) throw RpcError{kInvalidParams, fmt::format("'{}' must be a string", name)};
  return value.get<std::string>();
}

std::size_t index_field(const Json& object, const char* name) {
  const Json& value = field(object, name);
  if (value.is_number_unsigned()) return value.get<std::size_t>();
  if (value.is_number_integer()) return 0;  // negative: clamped to the start
  throw RpcError{kInvalidParams, fmt::format("'{}' must be an unsigned integer", name)};
}

LspPosition position_field(const Json& object, const char* name) {
  const Json& pos = field(object, name);
  return {index_field(pos, "line"), index_field(pos, "character")};
}

long long version_field(const Json& object) {
  const Json& value = field(object, "version");
  if (!value.is_number_integer()) throw RpcError{kInvalidParams, "'version' must be an integer"};
  return value.get<long long>();
}

/// A string setting from `object`, if present.
std::optional<std::string> string_setting(const Json& object, const char* name) {
  if (!object.is_object() || !object.contains(name) || !object.at(name).is_string()) return std::nullopt;
  return object.at(name).get<std::string>();
}

/// Settings come as {"checklint": {...}} (workspace/didChangeConfiguration) or flat (initializationOptions).
const Json& settings_section(const Json& value) {
  if (value.is_object() && value.contains("checklint") && value.at("checklint").is_object()) return value.at("checklint");
  return value;
}

std::optional<Lang> parse_lang(std::string_view value) {
  if (value.starts_with("en")) return Lang::En;
  if (value.starts_with("zh")) return Lang::Zh;
  return std::nullopt;
}

bool is_config_file(const std::string& uri) {
  const std::string path = uri_to_path(uri);
  return path.ends_with("/.checklint.toml") || path == ".checklint.toml";
}

/// An open buffer and the newest lint of it (null until linted, or after the settings changed).
struct OpenDoc {
  BufferInput input;
  std::shared_ptr<const Linted> linted;
  std::shared_ptr<const BufferInput> snapshot;  ///< a copy of `input` shared by the requests queued on it
};

/// More queued requests than this make the reading thread wait for the request thread, so
/// that a client sending requests faster than they are answered is slowed down by the pipe
/// (as when requests were answered on the reading thread) instead of filling memory.
constexpr std::size_t kMaxQueuedRequests = 64;

/// A request that needs a lint (hover, documentSymbol, codeAction), answered by the request
/// thread so that a $/cancelRequest read meanwhile can overtake it. Its params are checked
/// when it arrives, and it keeps the buffer as it was then: a later didChange must not move
/// the positions it speaks of.
struct Job {
  Json id;
  std::function<Json(const Linted&)> answer;
  std::shared_ptr<const Linted> linted;  ///< the buffer's lint when the request came, if there was one
  std::shared_ptr<const BufferInput> input;  ///< else the buffer, to lint
  Settings settings;
  std::shared_ptr<ConfigResolver> resolver;
  std::uint64_t generation = 0;
};

class Server {
 public:
  Server(std::ostream& out, std::ostream& log, ServerOptions options)
      : writer_(out), log_(log), options_(std::move(options)), resolver_(make_resolver()) {
    worker_ = std::thread([this] { work(); });
    answerer_ = std::thread([this] { answer_requests(); });
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  Server(Server&&) = delete;
  Server& operator=(Server&&) = delete;
  ~Server() { stop(false); }

  /// Handles one message body; returns the exit code once `exit` arrives.
  std::optional<int> handle(const std::string& body);

  /// Reports a framing problem as a ParseError response with a null id.
  void framing_error(const std::string& error) {
    log(fmt::format("framing error: {}", error));
    respond_error(nullptr, kParseError, error);
  }

  /// Answers the requests still queued and publishes what is pending (flush), or drops both;
  /// stops the threads.
  void stop(bool flush) {
    if (flush) drain_requests();
    {
      const std::lock_guard lock(mutex_);
      (flush ? flush_ : stop_) = true;
      requests_stop_ = true;
    }
    wake_.notify_all();
    requests_wake_.notify_all();
    if (worker_.joinable()) worker_.join();
    if (answerer_.joinable()) answerer_.join();
  }

  /// Hands the requests read so far to the request thread. The reading loop calls this before
  /// it would wait for input, so that a $/cancelRequest that came with its request (or any time
  /// before the request thread took it) is seen first.
  void release_requests() {
    {
      const std::lock_guard lock(mutex_);
      if (held_.empty()) return;
      hand_over();
    }
    requests_wake_.notify_all();
  }

  /// Waits while the request thread has more than kMaxQueuedRequests to answer.
  void throttle_requests() {
    std::unique_lock lock(mutex_);
    if (held_.size() + requests_.size() <= kMaxQueuedRequests) return;
    hand_over();
    requests_wake_.notify_all();
    requests_idle_.wait(lock, [&] { return requests_.size() <= kMaxQueuedRequests / 2; });
  }

 private:
  static std::shared_ptr<ConfigResolver> make_resolver() { return std::make_shared<ConfigResolver>("", true); }

  /// Moves the held requests to the request thread's queue; under mutex_.
  void hand_over() {
    for (auto& job : held_) requests_.push_back(std::move(job));
    held_.clear();
  }

  void log(const std::string& line) {
    const std::lock_guard lock(log_mutex_);
    log_ << "checklint lsp: " << line << '\n';
    log_.flush();
  }

  void send(const Json& message) { writer_.write(message.dump(-1, ' ', false, Json::error_handler_t::replace)); }
  void respond(const Json& id, Json result) { send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }
  void respond_error(const Json& id, int code, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  void notify(const char* method, Json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  /// notify() with the params already written as JSON text (publish_params()).
  void notify_text(const char* method, const std::string& params_json) {
    std::string message = R"({"jsonrpc":"2.0","method":)";
    emit::write_json_string(message, method);
    message += R"(,"params":)";
    message += params_json;
    message += '}';
    writer_.write(message);
  }

  /// The result, or nullopt when the request was queued (answered later by the request thread).
  std::optional<Json> request(const Json& id, const std::string& method, const Json& params);
  std::optional<Json> defer(const Json& id, const std::string& uri, std::function<Json(const Linted&)> answer, Json if_not_open);
  void cancel(const Json& params);
  void drain_requests();
  void answer_requests();
  std::shared_ptr<const Linted> lint_for(const Job& job);
  void notification(const std::string& method, const Json& params);
  Json initialize(const Json& params);
  void did_open(const Json& params);
  void did_change(const Json& params);
  void did_close(const Json& params);
  void configuration_changed();
  void apply_settings(const Json& value);
  void mark_dirty(const std::string& uri);
  void work();

  Writer writer_;
  std::ostream& log_;
  std::mutex log_mutex_;
  ServerOptions options_;
  bool initialized_ = false;
  bool shut_down_ = false;
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  int next_request_ = 1;
  Json pending_registration_;  ///< client/registerCapability, sent once `initialized` arrives

  // Shared with the worker, under mutex_.
  std::mutex mutex_;
  std::condition_variable wake_;
  Settings settings_;
  std::shared_ptr<ConfigResolver> resolver_;
  std::uint64_t generation_ = 0;  ///< bumped when settings or configuration files change
  std::map<std::string, OpenDoc> docs_;
  std::set<std::string> dirty_;
  bool stop_ = false;
  bool flush_ = false;
  std::thread worker_;

  // Requests, under mutex_: read but not yet handed over, queued, and the one being answered.
  std::vector<Job> held_;
  std::deque<Job> requests_;
  std::optional<Json> running_;
  bool running_cancelled_ = false;
  bool requests_stop_ = false;
  std::condition_variable requests_wake_;
  std::condition_variable requests_idle_;
  std::thread answerer_;
};

std::optional<int> Server::handle(const std::string& body) {
  Json message;
  try {
    message = Json::parse(body);
  } catch (const Json::parse_error& e) {
    log(fmt::format("invalid JSON: {}", e.what()));
    respond_error(nullptr, kParseError, fmt::format("invalid JSON: {}", e.what()));
    return std::nullopt;
  }
  if (!message.is_object() || message.value("jsonrpc", Json()) != "2.0") {
    log("not a JSON-RPC 2.0 message");
    respond_error(message.is_object() && message.contains("id") ? message["id"] : Json(nullptr), kInvalidRequest,
                  "not a JSON-RPC 2.0 message object");
    return std::nullopt;
  }
  const bool has_id = message.contains("id");
  if (!message.contains("method")) {
    if (has_id && (message.contains("result") || message.contains("error"))) return std::nullopt;  // a reply to our request
    log("message without a method");
    respond_error(has_id ? message["id"] : Json(nullptr), kInvalidRequest, "message without a method");
    return std::nullopt;
  }
  const Json id = has_id ? message["id"] : Json(nullptr);
  if (!message["method"].is_string() || (has_id && !id.is_string() && !id.is_number_integer())) {
    log("malformed request: method must be a string, id a string or an integer");
    respond_error(id.is_string() || id.is_number_integer() ? id : Json(nullptr), kInvalidRequest,
                  "method must be a string and id a string or an integer");
    return std::nullopt;
  }
  const std::string method = message["method"].get<std::string>();
  const Json params = message.value("params", Json::object());
  if (!has_id) {
    if (method == "exit") return shut_down_ ? 0 : 1;
    if (!initialized_) return std::nullopt;  // notifications before initialize are dropped
    try {
      notification(method, params);
    } catch (const RpcError& e) {
      log(fmt::format("{}: {}", method, e.message));
    } catch (const std::exception& e) {
      log(fmt::format("{}: internal error: {}", method, e.what()));
    }
    return std::nullopt;
  }
  try {
    if (!initialized_ && method != "initialize") throw RpcError{kServerNotInitialized, "the server is not initialized"};
    if (shut_down_) throw RpcError{kInvalidRequest, "the server is shut down"};
    if (auto result = request(id, method, params)) {
      respond(id, std::move(*result));
    } else {
      throttle_requests();
    }
  } catch (const RpcError& e) {
    if (e.code != kMethodNotFound) log(fmt::format("{}: {}", method, e.message));
    respond_error(id, e.code, e.message);
  } catch (const std::exception& e) {
    log(fmt::format("{}: internal error: {}", method, e.what()));
    respond_error(id, kInternalError, e.what());
  }
  return std::nullopt;
}

std::optional<Json> Server::request(const Json& id, const std::string& method, const Json& params) {
  if (method == "initialize") {
    if (initialized_) throw RpcError{kInvalidRequest, "initialize was already received"};
    return initialize(params);
  }
  if (method == "shutdown") {
    drain_requests();  // every request before the shutdown is answered before it
    shut_down_ = true;
    return nullptr;
  }
  const PositionEncoding encoding = encoding_;
  if (method == "textDocument/hover") {
    const std::string uri = string_field(field(params, "textDocument"), "uri");
    const LspPosition position = position_field(params, "position");
    return defer(id, uri, [=](const Linted& linted) { return hover(linted, position, encoding); }, nullptr);
  }
  if (method == "textDocument/documentSymbol") {
    const std::string uri = string_field(field(params, "textDocument"), "uri");
    return defer(id, uri, [=](const Linted& linted) { return document_symbols(linted, encoding); }, nullptr);
  }
  if (method == "textDocument/codeAction") {
    const std::string uri = string_field(field(params, "textDocument"), "uri");
    const Json& range = field(params, "range");
    const LspPosition start = position_field(range, "start");
    const LspPosition end = position_field(range, "end");
    std::vector<std::string> only;
    const Json& context = field(params, "context");
    if (context.contains("only") && context["only"].is_array()) {
      for (const auto& kind : context["only"]) {
        if (kind.is_string()) only.push_back(kind.get<std::string>());
      }
    }
    return defer(id, uri, [=](const Linted& linted) { return code_actions(linted, start, end, only, encoding); }, Json::array());
  }
  throw RpcError{kMethodNotFound, fmt::format("method not found: {}", method)};
}

Json Server::initialize(const Json& params) {
  if (!params.is_object()) throw RpcError{kInvalidParams, "params must be an object"};
  const Json capabilities = params.value("capabilities", Json::object());
  const Json general = capabilities.is_object() ? capabilities.value("general", Json::object()) : Json::object();
  if (general.is_object() && general.contains("positionEncodings") && general["positionEncodings"].is_array()) {
    for (const auto& name : general["positionEncodings"]) {
      if (name == "utf-8") encoding_ = PositionEncoding::Utf8;
    }
  }
  Lang lang = Lang::Zh;
  if (const auto locale = string_setting(params, "locale")) lang = parse_lang(*locale).value_or(lang);
  if (options_.lang) lang = *options_.lang;
  {
    const std::lock_guard lock(mutex_);
    settings_.lang = lang;
  }
  if (params.contains("initializationOptions")) apply_settings(params["initializationOptions"]);
  initialized_ = true;

  // Watching .checklint.toml needs the client's help: ask for it where the client offers it.
  const Json workspace = capabilities.is_object() ? capabilities.value("workspace", Json::object()) : Json::object();
  const bool can_watch = workspace.is_object() && workspace.contains("didChangeWatchedFiles") &&
                         workspace["didChangeWatchedFiles"].is_object() &&
                         workspace["didChangeWatchedFiles"].value("dynamicRegistration", false);

  Json result = {
      {"capabilities",
       {{"positionEncoding", encoding_ == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
        {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"hoverProvider", true},
        {"documentSymbolProvider", true},
        {"codeActionProvider", {{"codeActionKinds", Json::array({"quickfix", kFixAllKind})}}}}},
      {"serverInfo", {{"name", "checklint"}, {"version", options_.version}}}};
  if (can_watch) {
    // Sent after the response would be more orderly, but clients accept it either way; the reply is ignored.
    const Json watchers = Json::array({{{"globPattern", "**/.checklint.toml"}}});
    const Json registration = {{"id", "checklint-config-watch"},
                               {"method", "workspace/didChangeWatchedFiles"},
                               {"registerOptions", {{"watchers", watchers}}}};
    pending_registration_ = {{"jsonrpc", "2.0"},
                             {"id", fmt::format("checklint-{}", next_request_++)},
                             {"method", "client/registerCapability"},
                             {"params", {{"registrations", Json::array({registration})}}}};
  }
  return result;
}

void Server::apply_settings(const Json& value) {
  const Json& section = settings_section(value);
  const std::lock_guard lock(mutex_);
  if (const auto ruleset = string_setting(section, "ruleset")) settings_.ruleset = *ruleset;
  if (const auto lang = string_setting(section, "lang")) {
    if (const auto parsed = parse_lang(*lang)) settings_.lang = *parsed;
  }
}

void Server::notification(const std::string& method, const Json& params) {
  if (method == "initialized") {
    if (!pending_registration_.is_null()) send(pending_registration_);
    pending_registration_ = nullptr;
  } else if (method == "textDocument/didOpen") {
    did_open(params);
  } else if (method == "textDocument/didChange") {
    did_change(params);
  } else if (method == "textDocument/didClose") {
    did_close(params);
  } else if (method == "textDocument/didSave") {
    const std::string uri = string_field(field(params, "textDocument"), "uri");
    if (is_config_file(uri)) {
      configuration_changed();
    } else {
      mark_dirty(uri);
    }
  } else if (method == "workspace/didChangeWatchedFiles") {
    configuration_changed();
  } else if (method == "workspace/didChangeConfiguration") {
    if (params.contains("settings")) apply_settings(params["settings"]);
    configuration_changed();
  } else if (method == "$/cancelRequest") {
    cancel(params);
  }
  // Other notifications ($/setTrace, …) are ignored, as the protocol allows.
}

std::optional<Json> Server::defer(const Json& id, const std::string& uri, std::function<Json(const Linted&)> answer,
                                  Json if_not_open) {
  const std::lock_guard lock(mutex_);
  const auto found = docs_.find(uri);
  if (found == docs_.end()) return if_not_open;
  Job job{id, std::move(answer), found->second.linted, {}, settings_, resolver_, generation_};
  if (!job.linted) {
    OpenDoc& doc = found->second;
    if (!doc.snapshot) doc.snapshot = std::make_shared<const BufferInput>(doc.input);
    job.input = doc.snapshot;
  }
  held_.push_back(std::move(job));
  return std::nullopt;
}

void Server::cancel(const Json& params) {
  const Json& id = field(params, "id");
  if (!id.is_string() && !id.is_number_integer()) throw RpcError{kInvalidParams, "'id' must be a string or an integer"};
  const std::lock_guard lock(mutex_);
  const auto same = [&](const Job& job) { return job.id == id; };
  // Not started yet: answered now, per LSP 3.17, with RequestCancelled.
  if (const auto it = std::find_if(held_.begin(), held_.end(), same); it != held_.end()) {
    held_.erase(it);
  } else if (const auto queued = std::find_if(requests_.begin(), requests_.end(), same); queued != requests_.end()) {
    requests_.erase(queued);
  } else {
    // Being answered: its result is dropped for the error. Already answered (or unknown): nothing to do.
    if (running_ && *running_ == id) running_cancelled_ = true;
    return;
  }
  respond_error(id, kRequestCancelled, "request cancelled");
}

void Server::drain_requests() {
  release_requests();
  std::unique_lock lock(mutex_);
  requests_idle_.wait(lock, [&] { return requests_.empty() && !running_; });
}

std::shared_ptr<const Linted> Server::lint_for(const Job& job) {
  if (job.linted) return job.linted;
  {
    // The lint worker may have linted this very text since the request came.
    const std::lock_guard lock(mutex_);
    const auto found = docs_.find(job.input->uri);
    if (found != docs_.end() && found->second.linted && job.generation == generation_ &&
        found->second.linted->input.version == job.input->version && found->second.linted->input.text == job.input->text) {
      return found->second.linted;
    }
  }
  auto linted = lint_buffer(*job.input, job.settings, job.resolver);
  const std::lock_guard lock(mutex_);
  const auto found = docs_.find(job.input->uri);
  if (found != docs_.end() && job.generation == generation_ && found->second.input.version == linted->input.version &&
      found->second.input.text == linted->input.text) {
    found->second.linted = linted;
  }
  return linted;
}

void Server::answer_requests() {
  std::unique_lock lock(mutex_);
  for (;;) {
    requests_wake_.wait(lock, [&] { return requests_stop_ || !requests_.empty(); });
    if (requests_.empty()) return;  // stopping with nothing left
    Job job = std::move(requests_.front());
    requests_.pop_front();
    running_ = job.id;
    running_cancelled_ = false;
    lock.unlock();
    Json result;
    std::optional<RpcError> error;
    try {
      result = job.answer(*lint_for(job));
    } catch (const RpcError& e) {
      error = e;
    } catch (const std::exception& e) {
      log(fmt::format("request {}: internal error: {}", job.id.dump(), e.what()));
      error = RpcError{kInternalError, e.what()};
    }
    lock.lock();
    // Answered under the lock, so that a cancellation sees the request either running or answered.
    if (running_cancelled_) {
      respond_error(job.id, kRequestCancelled, "request cancelled");
    } else if (error) {
      respond_error(job.id, error->code, error->message);
    } else {
      respond(job.id, std::move(result));
    }
    running_.reset();
    requests_idle_.notify_all();
    if (requests_stop_ && stop_) return;
  }
}

void Server::did_open(const Json& params) {
  const Json& item = field(params, "textDocument");
  BufferInput input;
  input.uri = string_field(item, "uri");
  input.path = uri_to_path(input.uri);
  input.format = format_of(item.value("languageId", ""), input.path);
  input.text = string_field(item, "text");
  input.version = version_field(item);
  input.parse_cache = std::make_shared<MarkdownParseCache>();
  input.hit_cache = std::make_shared<PatternHitCache>();
  const std::string uri = input.uri;
  {
    const std::lock_guard lock(mutex_);
    docs_[uri] = OpenDoc{std::move(input), nullptr};
  }
  mark_dirty(uri);
}

void Server::did_change(const Json& params) {
  const Json& item = field(params, "textDocument");
  const std::string uri = string_field(item, "uri");
  const long long version = version_field(item);
  const Json& changes = field(params, "contentChanges");
  if (!changes.is_array()) throw RpcError{kInvalidParams, "'contentChanges' must be an array"};
  {
    const std::lock_guard lock(mutex_);
    const auto found = docs_.find(uri);
    if (found == docs_.end()) throw RpcError{kInvalidParams, fmt::format("didChange for a document that is not open: {}", uri)};
    std::string& text = found->second.input.text;
    for (const auto& change : changes) {
      std::string replacement = string_field(change, "text");
      if (!change.contains("range")) {
        text = std::move(replacement);
        continue;
      }
      const Json& range = field(change, "range");
      const LineIndex index(text);
      std::size_t begin = index.offset(position_field(range, "start"), encoding_);
      std::size_t end = index.offset(position_field(range, "end"), encoding_);
      if (end < begin) std::swap(begin, end);
      text.replace(begin, end - begin, replacement);
    }
    found->second.input.version = version;
    found->second.snapshot = nullptr;
  }
  mark_dirty(uri);
}

void Server::did_close(const Json& params) {
  const std::string uri = string_field(field(params, "textDocument"), "uri");
  const std::lock_guard lock(mutex_);
  docs_.erase(uri);
  dirty_.erase(uri);
  // Under the lock, so that the worker cannot publish this buffer's diagnostics after the clearing.
  notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", Json::array()}});
}

void Server::configuration_changed() {
  const std::lock_guard lock(mutex_);
  resolver_ = make_resolver();  // drops every cached configuration and rule set
  ++generation_;
  for (auto& [uri, doc] : docs_) {
    doc.linted = nullptr;
    dirty_.insert(uri);
  }
  wake_.notify_all();
}

void Server::mark_dirty(const std::string& uri) {
  {
    const std::lock_guard lock(mutex_);
    const auto found = docs_.find(uri);
    if (found == docs_.end()) return;
    found->second.linted = nullptr;
    dirty_.insert(uri);
  }
  wake_.notify_all();
}

void Server::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || flush_ || !dirty_.empty(); });
    if (stop_) return;
    if (dirty_.empty()) return;  // flush_ with nothing left
    // Leading edge: an edit that finds the worker idle is linted at once. Edits that come while
    // a lint runs leave their buffers dirty again and are linted together right after it.
    struct Job {
      BufferInput input;
      std::shared_ptr<const Linted> linted;
    };
    std::vector<Job> jobs;
    for (const auto& uri : dirty_) {
      const auto found = docs_.find(uri);
      if (found != docs_.end()) jobs.push_back({found->second.input, nullptr});
    }
    dirty_.clear();
    const Settings settings = settings_;
    const std::shared_ptr<ConfigResolver> resolver = resolver_;
    const std::uint64_t generation = generation_;
    lock.unlock();
    for (auto& job : jobs) {
      try {
        job.linted = lint_buffer(job.input, settings, resolver);
      } catch (const std::exception& e) {
        log(fmt::format("lint of {} failed: {}", job.input.uri, e.what()));
      }
    }
    lock.lock();
    for (auto& job : jobs) {
      if (!job.linted || generation != generation_) continue;
      const auto found = docs_.find(job.input.uri);
      // A newer edit or a close since the snapshot: these results are stale; the newer text is queued.
      if (found == docs_.end() || found->second.input.version != job.input.version || found->second.input.text != job.input.text) {
        continue;
      }
      found->second.linted = job.linted;
      notify_text("textDocument/publishDiagnostics", publish_params(*job.linted, encoding_));
    }
  }
}

}  // namespace

int serve(std::istream& in, std::ostream& out, std::ostream& log, const ServerOptions& options) {
  Server server(out, log, options);
  for (;;) {
    if (in.rdbuf()->in_avail() <= 0) server.release_requests();  // about to wait for input
    Frame frame = read_frame(in);
    if (frame.status == Frame::Status::End) {
      if (!frame.error.empty()) server.framing_error(frame.error);
      server.stop(true);
      return 1;
    }
    if (frame.status == Frame::Status::Malformed) {
      server.framing_error(frame.error);
      continue;
    }
    if (const auto code = server.handle(frame.body)) {
      server.stop(false);
      return *code;
    }
  }
}

int run_lsp(const ServerOptions& options) {
  // A client that goes away must end the server through a failed write, not SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  return serve(std::cin, std::cout, std::cerr, options);
}

}  // namespace checklint::lsp
