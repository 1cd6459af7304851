#!/usr/bin/env python3
"""LSP re-lint latency: open a draft in `checklint lsp`, then make N one-character edits in
the middle of it and time each from sending didChange to receiving its publishDiagnostics.

  bench/lsp_latency.py CHECKLINT DRAFT [N]
      prints: p50 p95 max (ms), the count, sync=KIND, then "parsed" and p50 p95 max again

The clock stops when the publishDiagnostics message has been read off the pipe, whole. The
second three numbers stop it after this client has also parsed the message with Python's json
module, which for a 50 KB draft with ~290 findings (a 118 KB message) takes ~2 ms: an editor's
own cost, not the server's, though the runs before 7 December 2026 (night) counted it.
"""
import json
import os
import subprocess
import sys
import time
import pathlib


def send(proc, msg):
    body = json.dumps(msg, ensure_ascii=False).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc, arrived=None):
    length = 0
    while True:
        line = proc.stdout.readline()
        if not line:
            raise EOFError("server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    body = proc.stdout.read(length)
    if arrived is not None:
        arrived.append(time.perf_counter())
    return json.loads(body)


def wait_for(proc, pred, arrived=None):
    while True:
        msg = receive(proc, arrived)
        if pred(msg):
            return msg


def main():
    exe, draft = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    text = draft.read_text(encoding="utf-8")
    uri = draft.as_uri()
    proc = subprocess.Popen([exe, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": os.getpid(), "rootUri": draft.parent.as_uri(), "capabilities": {}}})
    init = wait_for(proc, lambda m: m.get("id") == 1)
    sync = init.get("result", {}).get("capabilities", {}).get("textDocumentSync", 1)
    change_kind = sync.get("change", 1) if isinstance(sync, dict) else sync
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    is_diag = lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
    wait_for(proc, is_diag)
    lines = text.split("\n")
    mid = len(lines) // 2
    while not lines[mid].strip():
        mid += 1
    col = len(lines[mid].encode("utf-16-le")) // 4  # UTF-16 units, a position inside the line
    times = []
    parsed = []
    for k in range(n):
        version = k + 2
        insert = k % 2 == 0  # type one character, then delete it again
        if change_kind == 2:
            rng = {"start": {"line": mid, "character": col}, "end": {"line": mid, "character": col + (0 if insert else 1)}}
            changes = [{"range": rng, "text": "的" if insert else ""}]
        else:
            units = lines[mid]
            cur = lines[:]
            cur[mid] = units[:col] + "的" + units[col:] if insert else units
            changes = [{"text": "\n".join(cur)}]
        start = time.perf_counter()
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}})
        arrived = []
        wait_for(proc, is_diag, arrived)
        parsed.append((time.perf_counter() - start) * 1000)
        times.append((arrived[-1] - start) * 1000)
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    wait_for(proc, lambda m: m.get("id") == 2)
    send(proc, {"jsonrpc": "2.0", "method": "exit", "params": None})
    proc.wait(timeout=10)
    times.sort()
    parsed.sort()
    pick = lambda q, t=times: t[min(len(t) - 1, int(q * len(t)))]
    print(f"{pick(0.5):.2f} {pick(0.95):.2f} {times[-1]:.2f} {len(times)} sync={change_kind} "
          f"parsed {pick(0.5, parsed):.2f} {pick(0.95, parsed):.2f} {parsed[-1]:.2f}")


if __name__ == "__main__":
    main()
