#!/usr/bin/env python3
"""Turns bench/run.sh's measurements into the Markdown tables of docs/performance.md.

  bench/report.py OUT_DIR SMALL_BYTES      (OUT_DIR holds results.tsv, startup*.json, lsp.txt, profile.txt)
"""
import csv
import json
import os
import pathlib
import platform
import sys

out = pathlib.Path(sys.argv[1])
small = int(sys.argv[2])
MB = 1024 * 1024
rows = list(csv.DictReader(open(out / "results.tsv"), delimiter="\t"))
for r in rows:
    r["bytes"] = int(r["bytes"])
    r["wall"] = float(r["wall_s"])
    r["cpu"] = float(r["user_s"]) + float(r["sys_s"])
    r["rss"] = int(r["rss_kb"]) / 1024
    r["ok"] = r["status"] == "ok"
    r["runs"] = int(r.get("runs") or 1)


def row(name, inp):
    for r in rows:
        if r["name"] == name and r["input"] == inp:
            return r
    return None


def mbps(r, key):
    return r["bytes"] / MB / r[key] if r and r["ok"] and r[key] > 0 else float("nan")


print(f"Machine: {os.cpu_count()} cores, load average at the end {os.getloadavg()[0]:.1f}, {platform.platform()}.\n")
print("Throughput is MB (MiB) of input per second of wall time and per second of CPU time (user+sys);")
print("on a loaded machine the CPU column is the steadier one. Each row is the run of median wall time")
print("of `runs` runs.\n")
print("| tool | input | MB | runs | wall s | CPU s | MB/s wall | MB/s CPU | peak RSS MB | status |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
for r in rows:
    print(f"| {r['name']} | {r['input']} | {r['bytes'] / MB:.1f} | {r['runs']} | {r['wall']:.3f} | {r['cpu']:.2f} | "
          f"{mbps(r, 'wall'):.1f} | {mbps(r, 'cpu'):.1f} | {r['rss']:.0f} | {r['status']} |")

print("\nStart-up + lint of one small draft ({:.1f} KB), hyperfine:\n".format(small / 1024))
print("| tool | mean ms | min ms | max ms |")
print("|---|---:|---:|---:|")
startup = {}
for f in ("startup.json", "startup-node.json"):
    p = out / f
    if p.exists() and p.stat().st_size > 0:
        for res in json.load(open(p))["results"]:
            startup[res["command"]] = res["mean"] * 1000
            print(f"| {res['command']} | {res['mean'] * 1000:.1f} | {res['min'] * 1000:.1f} | {res['max'] * 1000:.1f} |")

lsp = (out / "lsp.txt").read_text().split()
print("\nLSP, one-character edit in the middle of a 50 KB draft, didChange → publishDiagnostics read (100 edits):")
if len(lsp) >= 4:
    print(f"p50 {lsp[0]} ms, p95 {lsp[1]} ms, max {lsp[2]} ms ({lsp[4] if len(lsp) > 4 else ''}).")
    if len(lsp) >= 9 and lsp[5] == "parsed":
        print(f"With the message also parsed by the Python client (as measured before 7 December 2026, night): "
              f"p50 {lsp[6]} ms, p95 {lsp[7]} ms, max {lsp[8]} ms.")
else:
    print(f"not measured: `checklint lsp` {' '.join(lsp)}.")

print("\nPer-stage profile (CHECKLINT_PROFILE=1, checklint -j1 on the 1,000 drafts):\n\n```")
print((out / "profile.txt").read_text().rstrip())
print("```")
txt_profile = out / "profile-txt.txt"
if txt_profile.exists():
    print("\nThe same on the 500 `.txt` drafts alone:\n\n```")
    print(txt_profile.read_text().rstrip())
    print("```")


def verdict(ok):
    return "**met**" if ok else "**not met**"


c1, c2 = row("checklint -j1", "drafts"), row("checklint -j2", "drafts")
cmd, ts_md = row("checklint -j1", "drafts/*.md"), row("tree-sitter block parse", "drafts/*.md")
ctxt, big, stars = row("checklint -j1", "drafts/*.txt"), row("checklint -j1", "big.md"), row("checklint -j1", "stars.txt")
print("\nTargets:\n")
print("| target | measured | verdict |")
print("|---|---|---|")
x = mbps(cmd, "cpu") / mbps(ts_md, "cpu")
print(f"| .md end to end ≥ ½ tree-sitter block parse | {mbps(cmd, 'cpu'):.1f} vs {mbps(ts_md, 'cpu'):.1f} MB/s CPU = {x:.2f}× | {verdict(x >= 0.5)} |")
t = mbps(ctxt, "cpu")
floor_bytes, floor_s = (float(v) for v in (out / "set_floor.txt").read_text().split()[:2])
floor = f"; the RE2::Set pass alone {floor_bytes / MB / floor_s:.0f} MB/s" if floor_s > 0 else ""
print(f"| .txt ≥ 100 MB/s on one core | {t:.1f} MB/s CPU (-j1){floor} | {verdict(t >= 100)} |")
s = c1["wall"] / c2["wall"]
halves = row("checklint -j1 x 2 processes", "drafts")
machine = (f"; two -j1 processes at once on half the drafts each: {c1['wall'] / halves['wall']:.2f}×"
           if halves and halves["ok"] else "")
print(f"| -j2 ≥ 1.7× -j1 (1,000 drafts, wall) | {c1['wall']:.3f} s / {c2['wall']:.3f} s = {s:.2f}×{machine} | {verdict(s >= 1.7)} |")
st = startup.get("checklint", float("nan"))
print(f"| start-up + lint of a small draft ≤ 10 ms | {st:.1f} ms ({small / 1024:.1f} KB) | {verdict(st <= 10)} |")
if len(lsp) >= 4:
    print(f"| LSP p95 ≤ 5 ms (50 KB draft) | p95 {lsp[1]} ms | {verdict(float(lsp[1]) <= 5)} |")
else:
    print("| LSP p95 ≤ 5 ms (50 KB draft) | not measured | **not met** |")
for r in (c1, big, stars):
    if r is None:
        continue
    largest = r["bytes"] / MB if r["input"] != "drafts" else 0.03
    limit = 4 * largest + 32
    print(f"| peak RSS ≤ 4× largest input + 32 MB ({r['input']}) | {r['rss']:.0f} MB (limit {limit:.0f}) | {verdict(r['rss'] <= limit)} |")
per_mb_corpus, per_mb_stars = c1["cpu"] / (c1["bytes"] / MB), stars["cpu"] / (stars["bytes"] / MB)
print(f"| linear: 20 MB `*` paragraph ≤ corpus cost per MB | {per_mb_stars * 1000:.0f} vs {per_mb_corpus * 1000:.0f} ms CPU per MB | {verdict(per_mb_stars <= per_mb_corpus)} |")
# Each tool as its users run it: checklint with its default of one worker per core (AutoCorrect
# lints on two threads of its own); the -j1 ratio is shown beside it.
for peer, inp, factor, one in (("AutoCorrect --lint", "drafts", 5, c1), ("markdownlint-cli2", "drafts/*.md", 10, cmd),
                               ("textlint", "drafts", 100, c1)):
    p = row(peer, inp)
    ours = row("checklint (default -j)", inp) or one
    if p is None:
        print(f"| ≥ {factor}× {peer} | not run | **not met** |")
        continue
    if not p["ok"]:
        print(f"| ≥ {factor}× {peer} | {peer}: {p['status']} | — |")
        continue
    w, c, w1 = p["wall"] / ours["wall"], p["cpu"] / ours["cpu"], p["wall"] / one["wall"]
    print(f"| ≥ {factor}× {peer} ({inp}) | {w:.1f}× wall, {c:.1f}× CPU (both at their defaults); -j1: {w1:.1f}× wall | {verdict(w >= factor)} |")
