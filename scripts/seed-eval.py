#!/usr/bin/env python3
"""Measure checklint's text rules against the seed answer key (developer tool,
not a test: the seeds live outside the repository, in ../shared/domain).

usage: scripts/seed-eval.py [SHARED_DOMAIN_DIR]
Prints, per category, how many key entries a diagnostic of the mapped rules
covers (same line, the diagnostic's span overlapping the quoted text), and the
text-rule diagnostics that match no key entry (false alarms) per 2,000 characters.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOMAIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "domain")
BINARY = os.path.join(ROOT, "build", "checklint")

CATEGORIES = {
    "placeholder": ("content/placeholder", "formulation/masked"),
    "watermark_ad": ("content/watermark", "structure/stray-text"),
    "political_formulation": ("formulation/",),
    "punctuation": ("punctuation/",),
    "unbalanced_quote": ("punctuation/pairs",),
    "nested_quote": ("punctuation/pairs",),
    "typo": ("wording/", "formulation/"),
    "word_choice": ("wording/",),
    "inconsistent_org": ("consistency/organ", "consistency/subject"),
}
TEXT_RULES = ("content/placeholder", "content/watermark", "formulation/", "punctuation/", "wording/", "consistency/",
              "structure/stray-text")


def key_entries(path):
    entries = {}
    current = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"## (\S+)", line)
        if m:
            current = m.group(1)
            entries[current] = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if current and len(cells) >= 6 and cells[0].isdigit():
            entries[current].append({"line": int(cells[0]), "col": int(cells[1]) if cells[1].isdigit() else 1,
                                     "category": cells[2], "quote": cells[4]})
    return entries


def diagnostics(path):
    out = subprocess.run([BINARY, "--color=never", "--lang", "en", path], capture_output=True, text=True).stdout
    diags = []
    for line in out.splitlines():
        m = re.match(r"^.+?:(\d+):(\d+): (error|warning|info): .* \[(.+)\]$", line)
        if m:
            diags.append({"line": int(m.group(1)), "col": int(m.group(2)), "rule": m.group(4)})
    return diags


def main():
    key = key_entries(os.path.join(DOMAIN, "seed-defects.md"))
    totals = {}
    false_alarms = 0
    chars = 0
    for name, entries in key.items():
        path = os.path.join(DOMAIN, "seeds", name)
        text = open(path, encoding="utf-8").read()
        chars += len(text)
        diags = diagnostics(path)
        for e in entries:
            if e["category"] not in CATEGORIES:
                continue
            prefixes = CATEGORIES[e["category"]]
            span = (e["col"], e["col"] + max(len(e["quote"]), 1))
            hit = any(d["line"] == e["line"] and d["rule"].startswith(prefixes) and
                      (span[0] - 2 <= d["col"] < span[1] + 1 or not e["quote"]) for d in diags)
            t = totals.setdefault(e["category"], [0, 0, []])
            t[1] += 1
            if hit:
                t[0] += 1
            else:
                t[2].append(f"{name}:{e['line']}:{e['col']} {e['quote'][:20]}")
        for d in diags:
            if not d["rule"].startswith(TEXT_RULES):
                continue
            def covers(e):
                return d["line"] == e["line"] and (not e["quote"] or e["col"] - 2 <= d["col"] < e["col"] + len(e["quote"]) + 1)
            if not any(covers(e) for e in entries):
                false_alarms += 1
                print(f"  false alarm? {name}:{d['line']}:{d['col']} [{d['rule']}]")
    found = sum(t[0] for t in totals.values())
    total = sum(t[1] for t in totals.values())
    for cat, (hit, n, missed) in sorted(totals.items()):
        print(f"{cat:24} {hit:3}/{n:3}  {100.0 * hit / n:5.1f}%")
        for m in missed:
            print(f"      missed {m}")
    print(f"{'all':24} {found:3}/{total:3}  {100.0 * found / total:5.1f}%")
    print(f"false alarms: {false_alarms} in {chars} characters = {2000.0 * false_alarms / chars:.2f} per 2,000")


if __name__ == "__main__":
    main()
