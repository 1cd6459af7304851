#!/usr/bin/env python3
"""Development aid (no test depends on it): how long `checklint lsp` takes from a
one-character didChange to the publishDiagnostics of that version, on a ~50 KB draft.

usage: scripts/lsp-latency.py build/checklint [DRAFT] [EDITS]

The draft defaults to fixtures/examples/example.md repeated to about 50 KB. Each edit
inserts or deletes one character at the middle of the draft, then waits for the
diagnostics of that version before the next one, so each sample is parse + lint +
conversion + pipe transfer (an edit that finds the server idle is linted at once).
Prints p50/p95/max."""
import json, os, subprocess, sys, time

binary = sys.argv[1]
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) > 2 and sys.argv[2] != "-":
    text = open(sys.argv[2], encoding="utf-8").read()
else:
    base = open(os.path.join(here, "fixtures/examples/example.md"), encoding="utf-8").read()
    text = base
    while len(text.encode()) < 50_000:
        text += "\n" + base
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 200
proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

def send(message):
    body = json.dumps(message, ensure_ascii=False).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()

def receive():
    length = 0
    while True:
        line = proc.stdout.readline()
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))

def wait_publish(version):
    while True:
        m = receive()
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version:
            return m

uri = "file:///tmp/latency.md"
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
receive()
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
first = wait_publish(1)
line = len(text.splitlines()) // 2
samples = []
for i in range(edits):
    version = i + 2
    change = ({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "某"}
              if i % 2 == 0 else
              {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
    wait_publish(version)
    samples.append((time.perf_counter() - start) * 1000)
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
send({"jsonrpc": "2.0", "method": "exit"})
proc.wait()
samples.sort()
def pct(p):
    return samples[min(len(samples) - 1, int(round(p / 100 * (len(samples) - 1))))]
print(f"draft: {len(text.encode())} bytes, {len(text.splitlines())} lines, {len(first['params']['diagnostics'])} diagnostics; {edits} edits")
print(f"edit → publish: p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, max {samples[-1]:.1f} ms")
