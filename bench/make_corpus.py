#!/usr/bin/env python3
"""Deterministic benchmark corpus for checklint, built only from the project's own fixtures.

  bench/make_corpus.py OUT_DIR [--seed N]

writes
  OUT_DIR/drafts/NNNN.md|.txt   1,000 drafts (~15-20 MB together): sections of several fixtures
                                shuffled and recombined, with injected defects (XXX and * placeholders,
                                numbering gaps, punctuation errors, doubled characters, unbalanced quotes)
  OUT_DIR/big.md                one ~20 MB draft (drafts concatenated under one title)
  OUT_DIR/stars.txt             a title and one 20 MB paragraph full of * placeholders (linearity)
  OUT_DIR/small.md              one ~8 KB draft (start-up time)
  OUT_DIR/lsp50k.md             one ~50 KB draft (LSP re-lint latency)
Same seed, same bytes.
"""
import pathlib
import random
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXPECT = re.compile(r"\s*<!--\s*expect:[^>]*-->")
# A fixture's file-wide switch would silence every draft its paragraphs are recombined into (and in a
# .txt draft, where a Markdown code fence is plain text, even the one the fixture shows inside a fence).
FILE_WIDE = re.compile(r"\s*<!--\s*checklint-disable-file\b[^>]*-->")
TOP = re.compile(r"^(#+\s*)?[一二三四五六七八九十]+、")
SUB = re.compile(r"^（([一二三四五六七八九十]+)）")
CN = "一二三四五六七八九十"


def load_fixtures():
    texts = []
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.suffix not in (".md", ".txt") or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # encoding fixtures (GBK, UTF-16) are not prose to recombine
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        text = "\n".join(FILE_WIDE.sub("", EXPECT.sub("", line)) for line in text.split("\n"))
        paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        if len(paras) >= 4 and sum(len(p) for p in paras) > 400:
            texts.append(paras)
    return texts


def sections(paras):
    """Title, preamble paragraphs, and top-level sections (heading + body) of a fixture."""
    title, rest = paras[0], paras[1:]
    pre, secs = [], []
    for p in rest:
        if TOP.match(p):
            secs.append([p])
        elif secs:
            secs[-1].append(p)
        else:
            pre.append(p)
    return title, pre, secs


def mutate(p, rng):
    """One injected defect, of the kinds drafts really have."""
    r = rng.random()
    if r < 0.15:
        i = rng.randrange(len(p))
        return p[:i] + rng.choice(["XXX", "*", "X+X+X", "XX"]) + p[i:]
    if r < 0.25:
        return p.replace("。", "。。", 1)
    if r < 0.33:
        return p.replace("，", "，，", 1)
    if r < 0.40:
        return p.replace("的", "的的", 1)
    if r < 0.46:
        return p.replace("”", "", 1)
    if r < 0.52:
        m = SUB.match(p)
        if m and m.group(1) in CN[:-1]:
            return "（" + CN[CN.index(m.group(1)) + 1] + "）" + p[m.end():]  # numbering gap
    if r < 0.56:
        return p.replace("。", ".", 1)
    return p


def draft(fixtures, rng, target):
    base = rng.choice(fixtures)
    title, pre, _ = sections(base)
    out = [title] + pre
    pool = []
    size = sum(len(x.encode()) + 2 for x in out)
    while size < target:
        _, _, secs = sections(rng.choice(fixtures))
        if secs:
            pool.append(list(rng.choice(secs)))
            size += sum(len(x.encode()) + 2 for x in pool[-1])
    rng.shuffle(pool)
    for n, sec in enumerate(pool):
        head = TOP.sub("", sec[0])
        sec[0] = CN[n % 10] + "、" + head
        out += sec
    return [mutate(p, rng) if rng.random() < 0.3 else p for p in out]


def as_markdown(paras, rng):
    if rng.random() < 0.5:
        return paras
    out = ["# " + paras[0]]
    for p in paras[1:]:
        out.append("## " + p if TOP.match(p) and len(p) < 40 else p)
    return out


def main():
    out = pathlib.Path(sys.argv[1])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 8
    rng = random.Random(seed)
    fixtures = load_fixtures()
    (out / "drafts").mkdir(parents=True, exist_ok=True)
    all_drafts = []
    for i in range(1000):
        paras = draft(fixtures, rng, rng.randint(12000, 23000))
        md = i % 2 == 0
        text = "\n\n".join(as_markdown(paras, rng) if md else paras) + "\n"
        (out / "drafts" / f"{i:04d}.{'md' if md else 'txt'}").write_text(text, encoding="utf-8")
        all_drafts.append(paras)
    big = ["# 市直机关领导班子民主生活会对照检查材料（汇编）"]
    i, size = 0, 0
    while size < 20 * 1024 * 1024:
        body = all_drafts[i % len(all_drafts)][1:]
        big += body
        size += sum(len(p.encode()) + 2 for p in body)
        i += 1
    (out / "big.md").write_text("\n\n".join(big) + "\n", encoding="utf-8")
    unit = "本单位共有党员*名，其中*名同志参加了集中学习，XXX同志作了发言，整改措施*项已完成*项，"
    reps = 20 * 1024 * 1024 // len(unit.encode()) + 1
    (out / "stars.txt").write_text("某单位领导班子民主生活会对照检查材料\n\n" + unit * reps + "。\n", encoding="utf-8")
    small = draft(fixtures, random.Random(seed + 1), 7000)
    (out / "small.md").write_text("\n\n".join(small) + "\n", encoding="utf-8")
    lsp = draft(fixtures, random.Random(seed + 2), 50000)
    (out / "lsp50k.md").write_text("\n\n".join(lsp) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
