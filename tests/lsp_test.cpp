// The language server: position conversion both ways, framing, the protocol's error
// answers, and the features, driven through serve() on in-memory streams and through
// the built binary over pipes. Responses are compared exactly.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "linter/emitters/shared.h"
#include "linter/lsp/server.h"
#include "linter/lsp/transport.h"
#include "linter/source/lsp_position.h"
#include "support.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): for posix_spawn

using namespace checklint;
using Json = nlohmann::ordered_json;

namespace {

std::string frame(const Json& message) {
  const std::string body = message.dump();
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::vector<Json> parse_frames(const std::string& bytes) {
  std::istringstream in(bytes);
  std::vector<Json> out;
  for (;;) {
    lsp::Frame f = lsp::read_frame(in);
    if (f.status != lsp::Frame::Status::Ok) break;
    out.push_back(Json::parse(f.body));
  }
  return out;
}

Json request(int id, const std::string& method, Json params = Json::object()) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

Json notification(const std::string& method, Json params = Json::object()) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

/// The numbering rules only, so that the short drafts below give just the findings they are about.
std::string numbering_rules() { return (test::source_dir() / "fixtures/numbering/ruleset.toml").string(); }

Json initialize(int id, Json init_options = Json::object(), Json capabilities = Json::object()) {
  if (!init_options.contains("ruleset")) init_options["ruleset"] = numbering_rules();
  return request(id, "initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", std::move(capabilities)},
                                    {"initializationOptions", std::move(init_options)}});
}

Json did_open(const std::string& uri, const std::string& language, const std::string& text, int version = 1) {
  return notification("textDocument/didOpen",
                      {{"textDocument", {{"uri", uri}, {"languageId", language}, {"version", version}, {"text", text}}}});
}

Json pos(std::size_t line, std::size_t character) { return {{"line", line}, {"character", character}}; }
Json range(std::size_t l1, std::size_t c1, std::size_t l2, std::size_t c2) { return {{"start", pos(l1, c1)}, {"end", pos(l2, c2)}}; }

Json did_change(const std::string& uri, int version, Json changes) {
  return notification("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", std::move(changes)}});
}

struct Session {
  std::vector<Json> messages;
  std::string log;
  int code = -1;

  /// The response to request `id` (fails the test when there is none).
  [[nodiscard]] Json response(int id) const {
    for (const auto& m : messages) {
      if (m.contains("id") && m["id"] == id && !m.contains("method")) return m;
    }
    BOOST_FAIL("no response to request " << id);
    return nullptr;
  }
  /// Every response to request `id` (an integer or a string id).
  [[nodiscard]] std::vector<Json> responses(const Json& id) const {
    std::vector<Json> out;
    for (const auto& m : messages) {
      if (m.contains("id") && m["id"] == id && !m.contains("method")) out.push_back(m);
    }
    return out;
  }
  /// Every publishDiagnostics for `uri`, in order.
  [[nodiscard]] std::vector<Json> published(const std::string& uri) const {
    std::vector<Json> out;
    for (const auto& m : messages) {
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri) out.push_back(m["params"]);
    }
    return out;
  }
};

/// Runs the server on `input` in memory until exit or the end of the input.
Session serve_bytes(const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream log;
  Session s;
  s.code = lsp::serve(in, out, log, lsp::ServerOptions{});
  s.messages = parse_frames(out.str());
  s.log = log.str();
  return s;
}

Session serve(const std::vector<Json>& messages) {
  std::string input;
  for (const auto& m : messages) input += frame(m);
  return serve_bytes(input);
}

const std::string kUri = "file:///nonexistent-checklint-test/draft.txt";

// A heading, then 一是 … 三是 behind two astral characters (two UTF-16 units each, four UTF-8
// bytes), and a non-standard marker with a safe fix-it.
const std::string kAstral = "一、存在的问题\n（一）𠮷与𩸽字方面。一是学习不深；三是联系实际不够。\n二.问题原因\n";

/// The gap 一是 → 三是 of kAstral, in UTF-16 units: （一）𠮷与𩸽字方面。 is 12 units, 一 starts at 12, 三 at 19.
Json astral_sequence_diagnostic(const std::string& uri) {
  const std::string docs = "file://" + emit::percent_encode_path(test::source_dir().string());
  return {{"range", range(1, 19, 1, 21)},
          {"severity", 1},
          {"code", "numbering/sequence"},
          {"codeDescription", {{"href", docs + "/linter/checks/numbering_sequence.md"}}},
          {"source", "checklint"},
          {"message", "序号不连续：此处应为“二是”，实为“三是”"},
          {"relatedInformation", Json::array({{{"location", {{"uri", uri}, {"range", range(1, 12, 1, 14)}}}, {"message", "上一个同级序号在此"}}})}};
}

/// Applies LSP TextEdits (UTF-16) to `text`, last first, as a client does.
std::string apply_edits(std::string text, const Json& edits) {
  std::vector<std::pair<std::size_t, Json>> sorted;
  const LineIndex index(text);
  for (const auto& e : edits) {
    const LspPosition start{e["range"]["start"]["line"], e["range"]["start"]["character"]};
    sorted.emplace_back(index.offset(start, PositionEncoding::Utf16), e);
  }
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [begin, e] : sorted) {
    const LspPosition end{e["range"]["end"]["line"], e["range"]["end"]["character"]};
    const std::size_t stop = index.offset(end, PositionEncoding::Utf16);
    text.replace(begin, stop - begin, e["newText"].get<std::string>());
  }
  return text;
}

/// The checklint binary over real pipes, read with a timeout so that a hang fails instead of blocking.
class PipeClient {
 public:
  explicit PipeClient(const std::vector<std::string>& args) {
    int in[2];
    int out[2];
    BOOST_REQUIRE(::pipe(in) == 0);
    BOOST_REQUIRE(::pipe(out) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    for (int fd : {in[0], in[1], out[0], out[1]}) posix_spawn_file_actions_addclose(&actions, fd);
    std::vector<std::string> argv_strings{CHECKLINT_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    BOOST_REQUIRE(posix_spawn(&pid_, CHECKLINT_BINARY, &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    to_ = in[1];
    from_ = out[0];
  }
  PipeClient(const PipeClient&) = delete;
  PipeClient& operator=(const PipeClient&) = delete;
  PipeClient(PipeClient&&) = delete;
  PipeClient& operator=(PipeClient&&) = delete;
  ~PipeClient() {
    close_input();
    if (from_ >= 0) ::close(from_);
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  void send_raw(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(to_, bytes.data() + done, bytes.size() - done);
      BOOST_REQUIRE(n > 0);
      done += static_cast<std::size_t>(n);
    }
  }
  void send(const Json& message) { send_raw(frame(message)); }
  void close_input() {
    if (to_ >= 0) ::close(to_);
    to_ = -1;
  }

  /// The next message, or null after 20 s or at the end of output.
  Json next() {
    for (;;) {
      std::istringstream in(buffer_);
      lsp::Frame f = lsp::read_frame(in);
      if (f.status == lsp::Frame::Status::Ok) {
        const std::streamoff used = in.tellg();
        buffer_.erase(0, used < 0 ? buffer_.size() : static_cast<std::size_t>(used));
        return Json::parse(f.body);
      }
      pollfd p{from_, POLLIN, 0};
      if (::poll(&p, 1, 20000) <= 0) return nullptr;
      char chunk[65536];
      const ssize_t n = ::read(from_, chunk, sizeof chunk);
      if (n <= 0) return nullptr;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  /// The first message, seen or still to come, that satisfies `done` (null on timeout); the
  /// others are kept for later calls, so that the order of replies and notifications does not matter.
  template <typename Pred>
  Json until(Pred done) {
    for (auto it = backlog_.begin(); it != backlog_.end(); ++it) {
      if (done(*it)) {
        Json found = std::move(*it);
        backlog_.erase(it);
        return found;
      }
    }
    for (Json m = next(); !m.is_null(); m = next()) {
      if (done(m)) return m;
      backlog_.push_back(std::move(m));
    }
    return nullptr;
  }
  Json response(int id) {
    return until([&](const Json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); });
  }

  /// The exit status, waiting at most 20 s.
  int wait() {
    for (int i = 0; i < 2000; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -2;
  }

 private:
  pid_t pid_ = -1;
  int to_ = -1;
  int from_ = -1;
  std::string buffer_;
  std::vector<Json> backlog_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(lsp)

BOOST_AUTO_TEST_CASE(positions_map_back_to_bytes_in_both_encodings) {
  // a 𠮷 b | 中文 | (empty last line). 𠮷 is 4 bytes, 2 UTF-16 units; 中 and 文 3 bytes, 1 unit.
  const std::string text = "a𠮷b\r\n中文\n";
  const LineIndex index(text);
  BOOST_TEST(index.line_count() == 3U);
  const auto u16 = [&](std::size_t l, std::size_t c) { return index.offset({l, c}, PositionEncoding::Utf16); };
  const auto u8 = [&](std::size_t l, std::size_t c) { return index.offset({l, c}, PositionEncoding::Utf8); };
  BOOST_TEST(u16(0, 0) == 0U);
  BOOST_TEST(u16(0, 1) == 1U);
  BOOST_TEST(u16(0, 2) == 1U);  // between the halves of the surrogate pair: the character's start
  BOOST_TEST(u16(0, 3) == 5U);
  BOOST_TEST(u16(0, 4) == 6U);
  BOOST_TEST(u16(0, 99) == 6U);  // past the end of the line: before its \r\n
  BOOST_TEST(u16(1, 1) == 11U);
  BOOST_TEST(u16(2, 0) == 15U);
  BOOST_TEST(u16(7, 3) == 15U);  // past the last line: the end of the text
  BOOST_TEST(u8(0, 3) == 1U);    // inside the UTF-8 sequence of 𠮷: its start
  BOOST_TEST(u8(0, 5) == 5U);
  BOOST_TEST(u8(1, 4) == 11U);
  BOOST_TEST((index.position(5, PositionEncoding::Utf16) == LspPosition{0, 3}));
  BOOST_TEST((index.position(7, PositionEncoding::Utf16) == LspPosition{0, 4}));  // inside \r\n: the line's end
  BOOST_TEST((index.position(14, PositionEncoding::Utf16) == LspPosition{1, 2}));
  BOOST_TEST((index.position(14, PositionEncoding::Utf8) == LspPosition{1, 6}));
  const SourceText source = SourceText::from_bytes("t.txt", text);
  BOOST_TEST((lsp_position(source, 5, PositionEncoding::Utf16) == LspPosition{0, 3}));
  BOOST_TEST((lsp_position(source, 5, PositionEncoding::Utf8) == LspPosition{0, 5}));
}

BOOST_AUTO_TEST_CASE(initialize_answers_capabilities_and_negotiates_utf8) {
  auto s = serve({request(1, "initialize", {{"capabilities", Json::object()}}), request(2, "shutdown"), notification("exit")});
  BOOST_TEST(s.code == 0);
  const Json expected = {
      {"jsonrpc", "2.0"},
      {"id", 1},
      {"result",
       {{"capabilities",
         {{"positionEncoding", "utf-16"},
          {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
          {"hoverProvider", true},
          {"documentSymbolProvider", true},
          {"codeActionProvider", {{"codeActionKinds", {"quickfix", "source.fixAll.checklint"}}}}}},
        {"serverInfo", {{"name", "checklint"}, {"version", ""}}}}}};
  BOOST_TEST(s.response(1).dump() == expected.dump());
  BOOST_TEST(s.response(2).dump() == R"({"jsonrpc":"2.0","id":2,"result":null})");

  const Json utf8 = {{"general", {{"positionEncodings", {"utf-8", "utf-16"}}}}};
  s = serve({request(1, "initialize", {{"capabilities", utf8}}), notification("exit")});
  BOOST_TEST(s.response(1)["result"]["capabilities"]["positionEncoding"] == "utf-8");
  BOOST_TEST(s.code == 1);  // exit without shutdown
}

BOOST_AUTO_TEST_CASE(protocol_errors_are_answered_per_spec) {
  std::string input;
  input += frame(request(1, "textDocument/hover"));  // before initialize
  input += frame(initialize(2));
  input += "Content-Length: 8\r\n\r\n{\"jsonrp";  // invalid JSON (the body is exactly 8 bytes)
  input += "Content-Type: application/vscode-jsonrpc\r\n\r\n";  // no Content-Length
  input += "Content-Length: abc\r\n\r\n";
  input += frame(Json::array({1, 2}));                              // a batch: not supported in LSP
  input += frame({{"jsonrpc", "1.0"}, {"id", 3}, {"method", "x"}});  // wrong version
  input += frame(request(4, "textDocument/definition"));             // unknown method
  input += frame(notification("$/unknownNotification"));           // ignored
  input += frame(notification("$/cancelRequest", {{"id", 4}}));    // nothing left to cancel
  input += frame(request(5, "textDocument/hover", {{"textDocument", 7}}));  // bad params
  input += frame({{"jsonrpc", "2.0"}, {"id", {{"a", 1}}}, {"method", "shutdown"}});  // an object as id
  input += frame(request(6, "initialize", {{"capabilities", Json::object()}}));       // twice
  input += frame(request(7, "shutdown"));
  input += frame(request(8, "textDocument/documentSymbol", {{"textDocument", {{"uri", kUri}}}}));  // after shutdown
  input += frame(notification("exit"));
  const Session s = serve_bytes(input);
  BOOST_TEST(s.code == 0);
  std::vector<std::string> lines;
  for (const auto& m : s.messages) {
    if (m.contains("error")) {
      lines.push_back(m["id"].dump() + " " + m["error"]["code"].dump() + " " + m["error"]["message"].get<std::string>().substr(0, 30));
    }
  }
  const std::vector<std::string> expected{
      "1 -32002 the server is not initialized",
      "null -32700 invalid JSON: [json.exception.",
      "null -32700 message header without Content",
      "null -32700 bad Content-Length: abc",
      "null -32600 not a JSON-RPC 2.0 message obj",
      "3 -32600 not a JSON-RPC 2.0 message obj",
      "4 -32601 method not found: textDocument",
      "5 -32602 missing 'uri'",
      "null -32600 method must be a string and id",
      "6 -32600 initialize was already receive",
      "8 -32600 the server is shut down",
  };
  BOOST_TEST(lines == expected, boost::test_tools::per_element());
  BOOST_TEST(s.response(7).dump() == R"({"jsonrpc":"2.0","id":7,"result":null})");
  BOOST_TEST(s.log.find("checklint lsp: invalid JSON") != std::string::npos, s.log);
}

BOOST_AUTO_TEST_CASE(truncated_and_oversized_messages_end_or_skip_cleanly) {
  // A length beyond the limit is refused without buffering, and the stream goes on.
  std::string input = frame(initialize(1));
  input += "Content-Length: 99999999999\r\n\r\n";
  Session s = serve_bytes(input);
  BOOST_TEST(s.code == 1);
  BOOST_TEST(s.messages.size() == 2U);
  BOOST_TEST(s.messages[1]["error"]["message"] == "Content-Length 99999999999 exceeds the limit of 67108864 bytes");
  // A body cut short by the end of input.
  s = serve_bytes(frame(initialize(1)) + "Content-Length: 100\r\n\r\n{\"jsonrpc\":");
  BOOST_TEST(s.code == 1);
  BOOST_TEST(s.messages.back()["error"]["message"] == "end of input after 11 of 100 body bytes");
  // Junk without a single newline is read and dropped line by line, never held whole.
  s = serve_bytes(std::string(100000, 'x'));
  BOOST_TEST(s.code == 1);
  BOOST_TEST(s.messages.back()["error"]["code"] == -32700);
}

BOOST_AUTO_TEST_CASE(diagnostics_carry_utf16_ranges_on_astral_text) {
  const Session s = serve({initialize(1), notification("initialized"), did_open(kUri, "plaintext", kAstral)});
  const auto published = s.published(kUri);
  BOOST_REQUIRE(!published.empty());
  const Json last = published.back();
  BOOST_TEST(last["version"] == 1);
  BOOST_REQUIRE(last["diagnostics"].size() == 2U);
  BOOST_TEST(last["diagnostics"][0].dump() == astral_sequence_diagnostic(kUri).dump());
  BOOST_TEST(last["diagnostics"][1]["range"].dump() == range(2, 0, 2, 2).dump());
  BOOST_TEST(last["diagnostics"][1]["code"] == "numbering/style");
}

BOOST_AUTO_TEST_CASE(utf8_positions_when_negotiated) {
  const Json utf8 = {{"general", {{"positionEncodings", Json::array({"utf-8"})}}}};
  const Session s = serve({initialize(1, Json::object(), utf8), did_open(kUri, "plaintext", kAstral)});
  const Json d = s.published(kUri).back()["diagnostics"][0];
  // （一）𠮷与𩸽字方面。 is 9 three-byte characters and two four-byte ones: 35 bytes; 一是学习不深； 18 more.
  BOOST_TEST(d["range"].dump() == range(1, 53, 1, 59).dump());
}

BOOST_AUTO_TEST_CASE(a_bom_in_the_buffer_counts_on_line_0_both_ways) {
  // The client's text keeps U+FEFF (1 UTF-16 unit, 3 UTF-8 bytes); the draft is read without it.
  const std::string text = "\xEF\xBB\xBF二.问题原因\n（一）𠮷方面。一是学习；三是不够。\n";
  const auto codes_and_ranges = [](const Json& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics) out.push_back(d["code"].get<std::string>() + " " + d["range"].dump());
    return out;
  };
  const Session s = serve({
      initialize(1),
      did_open(kUri, "plaintext", text),
      request(2, "textDocument/codeAction",
              {{"textDocument", {{"uri", kUri}}}, {"range", range(0, 2, 0, 2)}, {"context", {{"diagnostics", Json::array()}, {"only", {"quickfix"}}}}}),
      request(3, "textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", pos(0, 1)}}),
      request(4, "textDocument/documentSymbol", {{"textDocument", {{"uri", kUri}}}}),
  });
  const auto published = s.published(kUri);
  BOOST_REQUIRE(!published.empty());
  const std::vector<std::string> first{"numbering/sequence " + range(0, 1, 0, 3).dump(), "numbering/style " + range(0, 1, 0, 3).dump(),
                                       "numbering/sequence " + range(1, 13, 1, 15).dump()};
  BOOST_TEST(codes_and_ranges(published.back()["diagnostics"]) == first, boost::test_tools::per_element());
  BOOST_TEST(published.back()["diagnostics"][2]["relatedInformation"][0]["location"]["range"].dump() == range(1, 8, 1, 10).dump());
  // Replace 二. (UTF-16 columns 1–3 of the buffer) through didChange: the line-0 findings go.
  const Session c = serve({initialize(1), did_open(kUri, "plaintext", text), did_change(kUri, 2, {{{"range", range(0, 1, 0, 3)}, {"text", "一、"}}})});
  BOOST_TEST(c.published(kUri).back()["version"] == 2);
  const std::vector<std::string> after_change{"numbering/sequence " + range(1, 13, 1, 15).dump()};
  BOOST_TEST(codes_and_ranges(c.published(kUri).back()["diagnostics"]) == after_change, boost::test_tools::per_element());

  const Json actions = s.response(2)["result"];
  BOOST_REQUIRE_MESSAGE(actions.size() == 4U, actions.dump());
  BOOST_TEST(actions[2]["edit"]["changes"][kUri].dump() == Json::array({{{"range", range(0, 1, 0, 3)}, {"newText", "二、"}}}).dump());
  BOOST_TEST(apply_edits(text, actions[2]["edit"]["changes"][kUri]) == "\xEF\xBB\xBF二、问题原因\n（一）𠮷方面。一是学习；三是不够。\n");
  BOOST_TEST(s.response(3)["result"]["range"].dump() == range(0, 1, 0, 3).dump());
  const Json symbol = s.response(4)["result"][0];
  BOOST_TEST(symbol["range"].dump() == range(0, 1, 1, 18).dump());
  BOOST_TEST(symbol["selectionRange"].dump() == range(0, 1, 0, 7).dump());

  // In UTF-8 the BOM is three bytes: 二. is bytes 3–7 of line 0.
  const Json utf8 = {{"general", {{"positionEncodings", Json::array({"utf-8"})}}}};
  const Session u = serve({initialize(1, Json::object(), utf8), did_open(kUri, "plaintext", text),
                           request(2, "textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", pos(0, 4)}})});
  const std::vector<std::string> bytes{"numbering/sequence " + range(0, 3, 0, 7).dump(), "numbering/style " + range(0, 3, 0, 7).dump(),
                                       "numbering/sequence " + range(1, 37, 1, 43).dump()};
  BOOST_TEST(codes_and_ranges(u.published(kUri).back()["diagnostics"]) == bytes, boost::test_tools::per_element());
  BOOST_TEST(u.response(2)["result"]["range"].dump() == range(0, 3, 0, 7).dump());
}

BOOST_AUTO_TEST_CASE(incremental_edits_apply_in_utf16_and_clamp) {
  const std::string uri = "file:///nonexistent-checklint-test/edit.txt";
  const Session s = serve({
      initialize(1),
      did_open(uri, "plaintext", "一、存在的问题\n（一）𠮷方面。一是学习不深。\n"),
      // Insert 𩸽 right after 𠮷 (UTF-16 column 5), then 三是 … at the end of line 1 (past its end: clamped).
      did_change(uri, 2, {{{"range", range(1, 5, 1, 5)}, {"text", "𩸽"}}}),
      did_change(uri, 3, {{{"range", range(1, 500, 1, 900)}, {"text", "三是联系实际不够。"}}}),
      // A range far past the end of the document appends there; reversed ranges are put in order.
      did_change(uri, 4, {{{"range", range(99, 0, 99, 7)}, {"text", "二.问题原因\n"}}}),
      did_change(uri, 5, {{{"range", range(2, 2, 2, 1)}, {"text", "、"}}}),
      request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}}),
  });
  const Json symbols = s.response(2)["result"];
  BOOST_REQUIRE(symbols.size() == 2U);
  BOOST_TEST(symbols[0]["name"] == "一、存在的问题");
  BOOST_TEST(symbols[0]["children"][0]["name"] == "（一）𠮷𩸽方面");
  BOOST_TEST(symbols[1]["name"] == "二、问题原因");
  const Json last = s.published(uri).back();
  BOOST_TEST(last["version"] == 5);
  // 一是 at UTF-16 10 (（一）𠮷𩸽方面。 = 3 + 2 + 2 + 3), 三是 after 一是学习不深。: 10 + 7 = 17.
  BOOST_REQUIRE(!last["diagnostics"].empty());
  BOOST_TEST(last["diagnostics"][0]["range"].dump() == range(1, 17, 1, 19).dump());
}

BOOST_AUTO_TEST_CASE(rapid_edits_publish_in_order_and_end_on_the_newest) {
  const std::string uri = "file:///nonexistent-checklint-test/rapid.txt";
  std::vector<Json> messages{initialize(1), did_open(uri, "plaintext", "一、存在的问题\n")};
  for (int v = 2; v <= 1001; ++v) {
    messages.push_back(did_change(uri, v, {{{"range", range(1, 0, 1, 0)}, {"text", v % 2 == 0 ? "一" : "是"}}}));
  }
  // Full-text replacement at the end, with the gap the numbering rule reports.
  messages.push_back(did_change(uri, 1002, {{{"text", kAstral}}}));
  const Session s = serve(messages);
  const auto published = s.published(uri);
  BOOST_REQUIRE(!published.empty());
  for (std::size_t i = 1; i < published.size(); ++i) BOOST_TEST(published[i - 1]["version"] <= published[i]["version"]);
  BOOST_TEST(published.back()["version"] == 1002);
  BOOST_TEST(published.back()["diagnostics"][0].dump() == astral_sequence_diagnostic(uri).dump());
}

BOOST_AUTO_TEST_CASE(code_actions_fix_disable_and_fix_all) {
  const Session s = serve({
      initialize(1),
      did_open(kUri, "plaintext", kAstral),
      request(2, "textDocument/codeAction", {{"textDocument", {{"uri", kUri}}}, {"range", range(2, 0, 2, 1)}, {"context", {{"diagnostics", Json::array()}}}}),
      request(3, "textDocument/codeAction",
              {{"textDocument", {{"uri", kUri}}}, {"range", range(0, 0, 0, 0)}, {"context", {{"diagnostics", Json::array()}, {"only", {"source.fixAll"}}}}}),
      request(4, "textDocument/codeAction", {{"textDocument", {{"uri", kUri}}}, {"range", range(1, 20, 1, 20)}, {"context", {{"diagnostics", Json::array()}}}}),
  });
  const Json actions = s.response(2)["result"];
  BOOST_REQUIRE_MESSAGE(actions.size() == 3U, actions.dump());  // without `only`, fix-all is offered too
  BOOST_TEST(actions[2]["kind"] == "source.fixAll.checklint");
  BOOST_TEST(actions[0]["title"] == "把“二.”改为“二、” [numbering/style]");
  BOOST_TEST(actions[0]["kind"] == "quickfix");
  BOOST_TEST(actions[0]["isPreferred"] == true);
  BOOST_TEST(actions[0]["edit"].dump() == Json({{"changes", {{kUri, {{{"range", range(2, 0, 2, 2)}, {"newText", "二、"}}}}}}}).dump());
  BOOST_TEST(actions[1]["title"] == "在此行停用 numbering/style");
  const Json insert = {{"changes", {{kUri, {{{"range", range(2, 0, 2, 0)}, {"newText", "<!-- checklint-disable-next-line numbering/style -->\n"}}}}}}};
  BOOST_TEST(actions[1]["edit"].dump() == insert.dump());

  const Json fix_all = s.response(3)["result"];
  BOOST_REQUIRE(fix_all.size() == 1U);
  BOOST_TEST(fix_all[0]["kind"] == "source.fixAll.checklint");
  const std::string fixed = apply_edits(kAstral, fix_all[0]["edit"]["changes"][kUri]);
  BOOST_TEST(fixed == "一、存在的问题\n（一）𠮷与𩸽字方面。一是学习不深；二是联系实际不够。\n二、问题原因\n");

  // The quick fixes, applied and linted again, leave nothing; so does the suppression comment.
  const std::string after_disable = apply_edits(kAstral, actions[1]["edit"]["changes"][kUri]);
  const std::string after_fix = apply_edits(kAstral, actions[0]["edit"]["changes"][kUri]);
  const Json seq = s.response(4)["result"];
  BOOST_REQUIRE(seq.size() == 3U);
  BOOST_TEST(seq[0]["title"] == "把“三是”改为“二是” [numbering/sequence]");
  const Session again = serve({initialize(1), did_open(kUri, "plaintext", after_disable), did_open(kUri + "2", "plaintext", after_fix)});
  const Json left = again.published(kUri).back()["diagnostics"];
  BOOST_REQUIRE(left.size() == 1U);
  BOOST_TEST(left[0]["code"] == "numbering/sequence");
  BOOST_TEST(again.published(kUri + "2").back()["diagnostics"].size() == 1U);
}

BOOST_AUTO_TEST_CASE(disable_comment_in_markdown_on_its_own_line) {
  const std::string uri = "file:///nonexistent-checklint-test/draft.md";
  const std::string text = "一、存在的问题\r\n\r\n二.问题原因\r\n";
  const Session s = serve({initialize(1), did_open(uri, "markdown", text),
                           request(2, "textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", range(2, 0, 2, 0)}, {"context", {{"diagnostics", Json::array()}, {"only", {"quickfix"}}}}})});
  const Json actions = s.response(2)["result"];
  BOOST_REQUIRE_MESSAGE(actions.size() == 2U, actions.dump());
  const std::string edited = apply_edits(text, actions[1]["edit"]["changes"][uri]);
  BOOST_TEST(edited == "一、存在的问题\r\n\r\n<!-- checklint-disable-next-line numbering/style -->\r\n二.问题原因\r\n");
  const Session again = serve({initialize(1), did_open(uri, "markdown", edited)});
  BOOST_TEST(again.published(uri).back()["diagnostics"].dump() == "[]");
}

BOOST_AUTO_TEST_CASE(disable_comment_stays_inside_list_items_and_quotes) {
  struct Case {
    std::string name;
    std::string language;
    std::string text;
    std::size_t line;       ///< of the numbering/style finding on 二.
    std::size_t character;
    std::string expected;   ///< the text after the edit
  };
  const std::string c = "<!-- checklint-disable-next-line numbering/style -->\n";
  const std::vector<Case> cases{
      {"continuation line of a list item", "markdown", "- 一、存在的问题\n  二.问题原因\n", 1, 2, "- 一、存在的问题\n  " + c + "  二.问题原因\n"},
      {"first line of a list item: the bullet becomes indentation, so it continues the item before", "markdown",
       "- 一、存在的问题\n- 二.问题原因\n", 1, 2, "- 一、存在的问题\n  " + c + "- 二.问题原因\n"},
      {"nested list item", "markdown", "- 一、存在的问题\n  - 学习不深。\n  - 二.问题原因\n", 2, 4,
       "- 一、存在的问题\n  - 学习不深。\n    " + c + "  - 二.问题原因\n"},
      {"task list item: the comment starts where the box does", "markdown", "- [ ] 一、存在的问题\n- [x] 二.问题原因\n", 1, 6,
       "- [ ] 一、存在的问题\n  " + c + "- [x] 二.问题原因\n"},
      {"block quote", "markdown", "> 一、存在的问题\n>\n> 二.问题原因\n", 2, 2, "> 一、存在的问题\n>\n> " + c + "> 二.问题原因\n"},
      {"list item inside a block quote", "markdown", "> - 一、存在的问题\n>   二.问题原因\n", 1, 4, "> - 一、存在的问题\n>   " + c + ">   二.问题原因\n"},
      {"heading inside a block quote: not the #", "markdown", "> # 一、存在的问题\n> ## 二.问题原因\n", 1, 5,
       "> # 一、存在的问题\n> " + c + "> ## 二.问题原因\n"},
      {"prose indented four columns (prose to checklint, code to Markdown): no prefix, or the comment would be code",
       "markdown", "一、存在的问题\n\n    二.问题原因\n", 2, 4, "一、存在的问题\n\n" + c + "    二.问题原因\n"},
      {"plain text keeps the full-width indent, which the reader skips", "plaintext", "一、存在的问题\n\u3000\u3000二.问题原因\n", 1, 2,
       "一、存在的问题\n\u3000\u3000" + c + "\u3000\u3000二.问题原因\n"},
  };
  const auto findings = [](const Json& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics) out.push_back(d["code"].get<std::string>() + " " + d["message"].get<std::string>());
    return out;
  };
  for (const Case& k : cases) {
    BOOST_TEST_CONTEXT(k.name) {
      const std::string uri = std::string("file:///nonexistent-checklint-test/draft.") + (k.language == "markdown" ? "md" : "txt");
      // The default rule set, not the numbering rules: every other finding must stay as it was.
      const Json settings = {{"ruleset", ""}};
      const Session s = serve({initialize(1, settings), did_open(uri, k.language, k.text),
                               request(2, "textDocument/codeAction",
                                       {{"textDocument", {{"uri", uri}}},
                                        {"range", range(k.line, k.character, k.line, k.character)},
                                        {"context", {{"diagnostics", Json::array()}, {"only", {"quickfix"}}}}})});
      Json edits;
      const Json actions = s.response(2)["result"];
      for (const auto& action : actions) {
        if (action["title"] == "在此行停用 numbering/style") edits = action["edit"]["changes"][uri];
      }
      BOOST_REQUIRE_MESSAGE(edits.is_array() && edits.size() == 1U, s.response(2).dump());
      BOOST_TEST(apply_edits(k.text, edits) == k.expected);
      // The edit sent back as the client would, and the buffer linted again.
      const Session again = serve({initialize(1, settings), did_open(uri, k.language, k.text),
                                   did_change(uri, 2, {{{"range", edits[0]["range"]}, {"text", edits[0]["newText"]}}})});
      std::vector<std::string> expected = findings(s.published(uri).back()["diagnostics"]);
      const auto style = std::find_if(expected.begin(), expected.end(), [](const std::string& f) { return f.starts_with("numbering/style "); });
      BOOST_REQUIRE(style != expected.end());
      expected.erase(style);
      BOOST_TEST(again.published(uri).back()["version"] == 2);
      BOOST_TEST(findings(again.published(uri).back()["diagnostics"]) == expected, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(cancelled_requests_are_answered_with_request_cancelled) {
  const Json code_action = {{"textDocument", {{"uri", kUri}}}, {"range", range(2, 0, 2, 1)}, {"context", {{"diagnostics", Json::array()}}}};
  const Json at_gap = {{"textDocument", {{"uri", kUri}}}, {"position", pos(1, 20)}};
  const Json symbols = {{"textDocument", {{"uri", kUri}}}};
  const Session s = serve({
      initialize(1),
      did_open(kUri, "plaintext", kAstral),
      request(2, "textDocument/codeAction", code_action),
      {{"jsonrpc", "2.0"}, {"id", "three"}, {"method", "textDocument/hover"}, {"params", at_gap}},
      request(4, "textDocument/documentSymbol", symbols),
      request(5, "textDocument/hover", at_gap),
      notification("$/cancelRequest", {{"id", 2}}),        // still queued: answered with -32800
      notification("$/cancelRequest", {{"id", "three"}}),  // string ids too
      notification("$/cancelRequest", {{"id", "4"}}),      // not the id 4: ignored
      notification("$/cancelRequest", {{"id", 99}}),       // no such request: ignored
      notification("$/cancelRequest", {{"id", {1}}}),      // bad params: logged, no answer
      request(6, "shutdown"),                              // answers what came before it first
      notification("$/cancelRequest", {{"id", 5}}),        // already answered: ignored
      notification("exit"),
  });
  BOOST_TEST(s.code == 0);
  BOOST_TEST(s.responses(2).size() == 1U);
  BOOST_TEST(s.response(2).dump() == R"({"jsonrpc":"2.0","id":2,"error":{"code":-32800,"message":"request cancelled"}})");
  BOOST_REQUIRE(s.responses("three").size() == 1U);
  BOOST_TEST(s.responses("three")[0].dump() == R"({"jsonrpc":"2.0","id":"three","error":{"code":-32800,"message":"request cancelled"}})");
  BOOST_REQUIRE(s.responses(4).size() == 1U);
  BOOST_TEST(s.response(4)["result"].size() == 2U);
  BOOST_REQUIRE(s.responses(5).size() == 1U);
  BOOST_TEST(s.response(5)["result"]["range"].dump() == range(1, 19, 1, 21).dump());
  BOOST_TEST(s.response(6).dump() == R"({"jsonrpc":"2.0","id":6,"result":null})");
  // The shutdown response comes after every answer to the requests before it.
  std::vector<std::string> order;
  for (const auto& m : s.messages) {
    if (m.contains("id") && !m.contains("method")) order.push_back(m["id"].dump());
  }
  BOOST_TEST(order.back() == "6");
  BOOST_TEST(order.size() == 6U);
  BOOST_TEST(s.log.find("$/cancelRequest: 'id' must be a string or an integer") != std::string::npos, s.log);
}

BOOST_AUTO_TEST_CASE(a_flood_of_requests_is_answered_once_each) {
  // More than the request queue holds: the reading thread waits for the request thread, and
  // every request is still answered exactly once. (Whether the cancellation at the end comes
  // in time depends on how far the request thread got while the reading thread waited, so
  // only its single answer is checked.)
  std::vector<Json> messages{initialize(1), did_open(kUri, "plaintext", kAstral)};
  for (int id = 2; id < 302; ++id) {
    messages.push_back(request(id, "textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", pos(1, 20)}}));
  }
  messages.push_back(notification("$/cancelRequest", {{"id", 301}}));
  const Session s = serve(messages);
  for (int id = 2; id < 301; ++id) {
    BOOST_REQUIRE_EQUAL(s.responses(id).size(), 1U);
    BOOST_TEST(s.response(id)["result"]["range"].dump() == range(1, 19, 1, 21).dump());
  }
  BOOST_REQUIRE_EQUAL(s.responses(301).size(), 1U);
  const Json last = s.response(301);
  BOOST_TEST((last.contains("result") || last["error"]["code"] == -32800), last.dump());
}

BOOST_AUTO_TEST_CASE(a_cancel_over_pipes_overtakes_its_request) {
  PipeClient client({"lsp"});
  client.send(initialize(1));
  BOOST_REQUIRE(!client.response(1).is_null());
  client.send(did_open(kUri, "plaintext", kAstral));
  // The request and its cancellation in one write (under PIPE_BUF, so the server reads them
  // together): the cancellation is read before the request is handed to the request thread.
  const Json at_gap = {{"textDocument", {{"uri", kUri}}}, {"position", pos(1, 20)}};
  client.send_raw(frame(request(2, "textDocument/codeAction",
                                {{"textDocument", {{"uri", kUri}}}, {"range", range(2, 0, 2, 1)}, {"context", {{"diagnostics", Json::array()}}}})) +
                  frame(notification("$/cancelRequest", {{"id", 2}})) + frame(request(3, "textDocument/hover", at_gap)));
  BOOST_TEST(client.response(2).dump() == R"({"jsonrpc":"2.0","id":2,"error":{"code":-32800,"message":"request cancelled"}})");
  BOOST_TEST(client.response(3)["result"]["range"].dump() == range(1, 19, 1, 21).dump());
  // Cancelling an answered request does nothing: the next message for id 3 never comes.
  client.send(notification("$/cancelRequest", {{"id", 3}}));
  client.send(request(4, "shutdown"));
  BOOST_TEST(client.response(4).dump() == R"({"jsonrpc":"2.0","id":4,"result":null})");
  client.send(notification("exit"));
  BOOST_TEST(client.wait() == 0);
  const Json late = client.until([](const Json& m) { return m.contains("id"); });
  BOOST_TEST(late.is_null(), late.dump());
}

BOOST_AUTO_TEST_CASE(a_request_answers_for_the_text_it_was_sent_with) {
  // documentSymbol, then an edit before the request thread gets to it: the outline is the old text's.
  const std::string uri = "file:///nonexistent-checklint-test/snapshot.txt";
  const Session s = serve({initialize(1), did_open(uri, "plaintext", "一、存在的问题\n"),
                           request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}}),
                           did_change(uri, 2, {{{"range", range(0, 2, 0, 7)}, {"text", "问题原因"}}}),
                           request(3, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}})});
  BOOST_TEST(s.response(2)["result"][0]["name"] == "一、存在的问题");
  BOOST_TEST(s.response(3)["result"][0]["name"] == "一、问题原因");
}

BOOST_AUTO_TEST_CASE(hover_explains_the_rule_and_the_heading) {
  const Session s = serve({
      initialize(1),
      did_open(kUri, "plaintext", kAstral),
      request(2, "textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", pos(1, 20)}}),
      request(3, "textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", pos(0, 1)}}),
      request(4, "textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", pos(3, 0)}}),
  });
  const Json rule = s.response(2)["result"];
  BOOST_TEST(rule["range"].dump() == range(1, 19, 1, 21).dump());
  const std::string value = rule["contents"]["value"];
  BOOST_TEST(value.starts_with("**序号不连续：此处应为“二是”，实为“三是”** `numbering/sequence`\n\n# numbering/sequence（序号连续）"), value);
  const std::string heading = s.response(3)["result"]["contents"]["value"];
  BOOST_TEST(heading == "**一、存在的问题**\n\n组成部分：存在的问题（problems）\n\n", heading);
  BOOST_TEST(s.response(4)["result"].is_null());  // the empty last line: no diagnostic, no heading
}

BOOST_AUTO_TEST_CASE(outline_is_the_section_tree) {
  const std::string uri = "file:///nonexistent-checklint-test/outline.md";
  const std::string text = "# 标题𠮷\n\n## 一、存在的问题\n\n（一）学习方面。一是不深。\n";
  const Session s = serve({initialize(1), did_open(uri, "markdown", text),
                           request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}})});
  const Json item = {{"name", "一是不深"}, {"kind", 22}, {"range", range(4, 8, 4, 13)}, {"selectionRange", range(4, 8, 4, 12)}, {"children", Json::array()}};
  const Json sub = {{"name", "（一）学习方面"}, {"kind", 15}, {"range", range(4, 0, 4, 13)}, {"selectionRange", range(4, 0, 4, 13)}, {"children", {item}}};
  const Json expected = Json::array(
      {{{"name", "标题𠮷"}, {"kind", 1}, {"range", range(0, 0, 0, 6)}, {"selectionRange", range(0, 2, 0, 6)}, {"children", Json::array()}},
       {{"name", "一、存在的问题"}, {"kind", 15}, {"range", range(2, 0, 4, 13)}, {"selectionRange", range(2, 3, 2, 10)}, {"children", {sub}}}});
  BOOST_TEST(s.response(2)["result"].dump() == expected.dump());
}

BOOST_AUTO_TEST_CASE(configuration_files_and_settings_are_followed) {
  const auto dir = std::filesystem::temp_directory_path() / ("checklint-lsp-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string uri = "file://" + emit::percent_encode_path((dir / "材料.txt").string());
  test::write_text(dir / ".checklint.toml", "ruleset = \"" + numbering_rules() + "\"\n[rules.\"numbering/style\"]\nenabled = false\n");
  std::vector<Json> messages{initialize(1, {{"ruleset", ""}}), did_open(uri, "plaintext", kAstral),
                             request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}})};
  // The configuration file is rewritten while the server runs: only didChangeWatchedFiles makes
  // it read the file again (and didChangeConfiguration switches the messages to English).
  const std::string second = frame(notification("workspace/didChangeWatchedFiles", {{"changes", Json::array()}})) +
                             frame(notification("workspace/didChangeConfiguration", {{"settings", {{"checklint", {{"lang", "en"}}}}}}));
  PipeClient client({"lsp"});
  for (const auto& m : messages) client.send(m);
  BOOST_REQUIRE(!client.response(2).is_null());
  const Json before = client.until([&](const Json& m) { return m.value("method", "") == "textDocument/publishDiagnostics"; });
  BOOST_REQUIRE(!before.is_null());
  BOOST_TEST(before["params"]["diagnostics"].size() == 1U);  // numbering/style is off in the configuration
  test::write_text(dir / ".checklint.toml", "ruleset = \"" + numbering_rules() + "\"\n");
  client.send_raw(second);
  // Both notifications arrive together, but a publication between them (Chinese, the new configuration)
  // would be legitimate: wait for the one that reflects both.
  const Json after = client.until([&](const Json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["diagnostics"].size() == 2 &&
           m["params"]["diagnostics"][0]["message"].get<std::string>().starts_with("gap");
  });
  BOOST_REQUIRE(!after.is_null());
  BOOST_REQUIRE(after["params"]["diagnostics"].size() == 2U);
  BOOST_TEST(after["params"]["diagnostics"][1]["code"] == "numbering/style");
  BOOST_TEST(after["params"]["diagnostics"][0]["message"] == "gap in numbering: expected '二是', found '三是'");
  client.send(request(4, "shutdown"));
  BOOST_TEST(!client.response(4).is_null());
  client.send(notification("exit"));
  BOOST_TEST(client.wait() == 0);
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(the_binary_over_pipes_survives_garbage_and_serves_markdown) {
  PipeClient client({"lsp", "--lang", "en"});
  client.send_raw("garbage line\r\n\r\nContent-Length: 5\r\n\r\n[1,2");  // junk, then a 5-byte body that is not JSON
  client.send_raw("]");
  client.send(initialize(1));
  const Json first = client.next();
  BOOST_TEST(first["error"]["code"] == -32700);  // the header block without Content-Length
  const Json second = client.next();
  BOOST_TEST(second["error"]["code"] == -32600);  // [1,2] parses, but is no message
  BOOST_TEST(client.response(1)["result"]["capabilities"]["positionEncoding"] == "utf-16");
  const std::string uri = "file:///nonexistent-checklint-test/draft.md";
  client.send(did_open(uri, "markdown", "# 一、存在的问题\n\n（一）𠮷与𩸽字方面。一是学习不深；三是联系实际不够。\n"));
  const Json published = client.until([](const Json& m) { return m.value("method", "") == "textDocument/publishDiagnostics"; });
  BOOST_REQUIRE(!published.is_null());
  BOOST_TEST(published["params"]["version"] == 1);
  BOOST_REQUIRE(published["params"]["diagnostics"].size() == 1U);
  BOOST_TEST(published["params"]["diagnostics"][0]["range"].dump() == range(2, 19, 2, 21).dump());
  BOOST_TEST(published["params"]["diagnostics"][0]["message"] == "gap in numbering: expected '二是', found '三是'");
  client.send(request(2, "textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", range(2, 19, 2, 19)}, {"context", {{"diagnostics", Json::array()}}}}));
  const Json actions = client.response(2)["result"];
  BOOST_REQUIRE_MESSAGE(actions.size() == 3U, actions.dump());
  BOOST_TEST(actions[2]["title"] == "Fix all safe problems (1)");
  BOOST_TEST(actions[0]["title"] == "change '三是' to '二是' [numbering/sequence]");
  BOOST_TEST(actions[1]["title"] == "Disable numbering/sequence on this line");
  client.send(notification("textDocument/didClose", {{"textDocument", {{"uri", uri}}}}));
  const Json cleared = client.until([](const Json& m) { return m.value("method", "") == "textDocument/publishDiagnostics"; });
  BOOST_TEST(cleared["params"].dump() == Json({{"uri", uri}, {"diagnostics", Json::array()}}).dump());
  client.close_input();  // end of input without shutdown: exit code 1
  BOOST_TEST(client.wait() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
