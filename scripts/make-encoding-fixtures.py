#!/usr/bin/env python3
"""Writes fixtures/encoding/: the draft of scripts/make-docx-fixtures.py as a text
file in the encodings Chinese Windows machines save drafts in (GBK with CRLF,
UTF-16 with a byte order mark), with the same two mistakes as split-runs.docx.
Run from the repository root: python3 scripts/make-encoding-fixtures.py
"""
import importlib.util
import os

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("docx_fixtures", os.path.join(here, "make-docx-fixtures.py"))
docx_fixtures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(docx_fixtures)

out = os.path.join(here, "..", "fixtures", "encoding")
os.makedirs(out, exist_ok=True)
text = "\n".join(docx_fixtures.typed(line) for line in docx_fixtures.DRAFT) + "\n"
text = text.replace("（四）带头履行", "（五）带头履行").replace("县里部署的", "XX县部署的")
with open(os.path.join(out, "gbk.txt"), "wb") as f:
    f.write(text.replace("\n", "\r\n").encode("gbk"))
with open(os.path.join(out, "utf16le-bom.txt"), "wb") as f:
    f.write(b"\xff\xfe" + text.encode("utf-16-le"))
with open(os.path.join(out, "utf16be-bom.txt"), "wb") as f:
    f.write(b"\xfe\xff" + text.replace("东岭镇", "西岭镇").encode("utf-16-be"))
