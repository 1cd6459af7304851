#!/usr/bin/env python3
"""Writes the hand-built .docx fixtures under fixtures/docx/ (and the broken ones
under fixtures/docx/bad/) from WordprocessingML written out below.

Each case is one of the things Word and WPS do to a draft that a reader of the
XML must undo: text split into many runs with proofing marks and bookmarks
between them, tracked changes, tables, and automatic Chinese multi-level
numbering from numbering.xml (directly and through a heading style).

The output is byte-for-byte reproducible (fixed timestamps and order), so the
committed files only change when this script does. Run from the repository root:

    python3 scripts/make-docx-fixtures.py
"""
import io
import os
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "docx")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STAMP = (2024, 1, 1, 0, 0, 0)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""

# Chinese Word names its styles "heading 1" with ids "1", "2": the reader must go by the name.
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
</w:styles>"""

# 一、 / （一） / 1. / （1）: chineseCounting for the first two levels, decimal below.
# Level 0 is linked to the heading 1 style; num 2 reuses the list with the third level restarted.
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="1"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""


def run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


_bookmark = [0]


def split_runs(text, step=4):
    """The text cut into runs every `step` characters, with what Word leaves between them."""
    out = []
    for i in range(0, len(text), step):
        piece = text[i:i + step]
        k = i // step
        if k % 3 == 1:
            out.append('<w:proofErr w:type="spellStart"/>')
        if k % 5 == 2:
            _bookmark[0] += 1
            out.append(f'<w:bookmarkStart w:id="{_bookmark[0]}" w:name="_Toc{_bookmark[0]}"/><w:bookmarkEnd w:id="{_bookmark[0]}"/>')
        out.append(run(piece, bold=(k % 4 == 3)))
        if k % 3 == 1:
            out.append('<w:proofErr w:type="spellEnd"/>')
    return "".join(out)


def para(content, style=None, num=None, ilvl=None, mark_deleted=False):
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num is not None or ilvl is not None:
        props += "<w:numPr>"
        if ilvl is not None:
            props += f'<w:ilvl w:val="{ilvl}"/>'
        if num is not None:
            props += f'<w:numId w:val="{num}"/>'
        props += "</w:numPr>"
    if mark_deleted:
        props += '<w:rPr><w:del w:id="900" w:author="审核人" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{content}</w:p>"


def inserted(text):
    return f'<w:ins w:id="1" w:author="审核人" w:date="2024-01-01T00:00:00Z">{run(text)}</w:ins>'


def deleted(text):
    return (f'<w:del w:id="2" w:author="审核人" w:date="2024-01-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def moved_from(text):
    return f'<w:moveFrom w:id="3" w:author="审核人" w:date="2024-01-01T00:00:00Z">{run(text)}</w:moveFrom>'


def moved_to(text):
    return f'<w:moveTo w:id="4" w:author="审核人" w:date="2024-01-01T00:00:00Z">{run(text)}</w:moveTo>'


def table(rows):
    cells = "".join("<w:tr>" + "".join(f"<w:tc><w:tcPr/>{''.join(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/>{cells}</w:tbl>"


def document(body):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}<w:sectPr/></w:body></w:document>')


def write_zip(path, parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


def write_docx(name, body, numbering=True):
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
             ("word/_rels/document.xml.rels", DOCUMENT_RELS), ("word/document.xml", document(body)),
             ("word/styles.xml", STYLES)]
    if numbering:
        parts.append(("word/numbering.xml", NUMBERING))
    write_zip(os.path.join(ROOT, name), parts)


# The draft the fixtures share: (level, typed number, text). Level 0 is the title,
# -1 ordinary paragraphs, 1–3 numbered headings.
DRAFT = [
    (0, "", "东岭镇党委领导班子2024年度民主生活会对照检查材料"),
    (-1, "", "按照县委关于开好2024年度民主生活会的部署，镇党委班子会前集中学习3次，征求意见建议21条，班子成员之间逐一谈心谈话。现将对照检查情况报告如下。"),
    (1, "一、", "存在的问题"),
    (2, "（一）", "带头严守政治纪律和政治规矩，维护党的团结统一方面。一是落实上级部署有时慢半拍。比如，县里部署的河道“清四乱”专项行动，镇里迟了3周才制定方案。二是执行民主集中制不够严格。比如，有1次研究村级工程时会前酝酿不充分。"),
    (2, "（二）", "带头增强党性、严守纪律、砥砺作风方面。一是学纪知纪不够深入。比如，党纪学习教育期间结合基层案例研讨只有1次。二是调查研究不够扎实。比如，班子成员今年到村调研平均只有5次。"),
    (2, "（三）", "带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新方面。一是攻坚克难劲头不足。比如，集镇污水管网改造拖了8个月仍未完工。二是创新办法不多。比如，村集体经济增收只在2个村试点。"),
    (2, "（四）", "带头履行全面从严治党政治责任方面。一是主体责任传导不够有力。比如，对村级财务的专项检查今年只开展了1次。二是日常监督不够严密。比如，有2名村会计在同一岗位超过10年。"),
    (1, "二、", "典型案例剖析"),
    (-1, "", "邻镇原党委副书记王某某，在土地征收补偿中为亲属多报面积，违规套取补偿款，今年5月受到开除党籍处分。这一案例警示班子，权力运行的每个环节都要置于监督之下。对照反思，班子在村级工程和补偿资金监管上同样存在制度执行不严的问题。"),
    (1, "三、", "原因分析"),
    (2, "（一）", "政治纪律和政治规矩意识有所弱化。对上级部署的政治意义认识不深，落实中存在等一等、看一看的心态。"),
    (2, "（二）", "党性修养和作风锤炼有所放松。学纪用纪停留在面上，联系群众的主动性下降。"),
    (2, "（三）", "担当作为和创新意识不足。遇到矛盾绕着走，怕担责任，缺少敢闯敢试的劲头。"),
    (2, "（四）", "管党治党责任落实不够到位。抓业务与抓党建结合不紧，监督管理失之于宽。"),
    (1, "四、", "整改措施"),
    (2, "（一）", "严守政治纪律和政治规矩。"),
    (3, "1.", "建立上级部署落实台账，每月通报1次进度，2025年3月底前补齐河道专项行动短板。"),
    (3, "2.", "严格执行“三重一大”事项集体决策，重大事项会前酝酿不少于3天。"),
    (2, "（二）", "增强党性、砥砺作风。每季度开展1次党纪专题学习，班子成员每人每年到村调研不少于12次。"),
    (2, "（三）", "勇于担责、敢于创新。2025年6月底前完成集镇污水管网改造，明年村集体经济增收试点扩大到6个村。"),
    (2, "（四）", "履行全面从严治党政治责任。每半年开展1次村级财务专项检查，年底前完成村会计轮岗交流，由纪委书记负责。"),
    (-1, "", "以上对照检查，请同志们批评指正。"),
]


def typed(line):
    level, number, text = line
    return number + text


def split_runs_fixture():
    # Every paragraph cut into runs, with proofing marks and bookmarks between them.
    # Two mistakes for the checks to find: a placeholder split across runs, and a gap.
    body = []
    for line in DRAFT:
        text = typed(line)
        text = text.replace("县里部署的", "XX县部署的")
        text = text.replace("（四）带头履行", "（五）带头履行")
        body.append(para(split_runs(text), style="Title" if line[0] == 0 else None))
    write_docx("split-runs.docx", "".join(body), numbering=False)


def numbering_fixture():
    # No typed numbers at all: Word's automatic numbering, level 0 through the
    # heading 1 style, levels 1 and 2 by direct numPr; the measures' "1." list is num 2.
    body = []
    for level, _number, text in DRAFT:
        if level == 0:
            body.append(para(run(text), style="Title"))
        elif level == 1:
            body.append(para(run(text), style="1"))
        elif level == 2:
            body.append(para(split_runs(text, 7), num=1, ilvl=1))
        elif level == 3:
            body.append(para(run(text), num=2, ilvl=2))
        else:
            body.append(para(run(text)))
    write_docx("numbering.docx", "".join(body))


def tracked_changes_fixture():
    # Review marks left in: deleted text (with a placeholder that must not be
    # reported), inserted text, a move, and a deleted paragraph mark that joins two paragraphs.
    body = []
    for i, line in enumerate(DRAFT):
        text = typed(line)
        if i == 1:
            body.append(para(run("按照县委关于开好2024年度民主生活会的部署，") + deleted("XXX同志主持，") +
                             inserted("镇党委班子会前集中学习3次，") + run("征求意见建议21条，班子成员之间逐一谈心谈话。") +
                             moved_from("现将情况报告如下。") + moved_to("现将对照检查情况报告如下。")))
        elif i == 5:
            head, tail = text.split("二是")
            body.append(para(run(head), mark_deleted=True))
            body.append(para(run("二是" + tail)))
        elif i == 6:
            # An inserted sentence with a placeholder: the current text, so reported.
            body.append(para(run(text) + inserted("责任人：XXX。")))
        else:
            body.append(para(run(text)))
    write_docx("tracked-changes.docx", "".join(body), numbering=False)


def table_fixture():
    # The measures as a table: one row per measure, cells in order, each cell paragraph one line.
    body = []
    measures_at = next(i for i, l in enumerate(DRAFT) if l[2] == "整改措施")
    for line in DRAFT[:measures_at + 1]:
        body.append(para(run(typed(line))))
    rows = [[[para(run("措施"))], [para(run("完成时限"))]]]
    for line in DRAFT[measures_at + 1:-1]:
        rows.append([[para(run(typed(line)))], [para(run("2025年底前"))]])
    # A last row whose number skips one, with its text in two cell paragraphs.
    rows.append([[para(run("（六）加强工作统筹。")), para(run("每月召开1次班子会研究整改进度。"))], [para(run("长期坚持"))]])
    body.append(table(rows))
    body.append(para(run(typed(DRAFT[-1]))))
    write_docx("table.docx", "".join(body), numbering=False)


def bad_fixtures():
    bad = os.path.join(ROOT, "bad")
    os.makedirs(bad, exist_ok=True)
    # Not a zip at all.
    with open(os.path.join(bad, "not-a-zip.docx"), "wb") as f:
        f.write("一、存在的问题\n".encode("utf-8"))
    # A zip with no word/document.xml.
    write_zip(os.path.join(bad, "no-document.docx"), [("[Content_Types].xml", CONTENT_TYPES), ("readme.txt", "hello")])
    # A zip bomb: document.xml inflates to 65 MB of blanks (the limit is 64 MB).
    write_zip(os.path.join(bad, "bomb.docx"), [("word/document.xml", document("") + " " * (65 << 20))])
    # The same bomb with its sizes in the zip headers rewritten to claim 100 bytes.
    with open(os.path.join(bad, "bomb.docx"), "rb") as f:
        data = bytearray(f.read())
    true_size = (len(document("")) + (65 << 20)).to_bytes(4, "little")
    claimed = (100).to_bytes(4, "little")
    at = 0
    while True:
        at = data.find(true_size, at)
        if at < 0:
            break
        data[at:at + 4] = claimed
        at += 4
    with open(os.path.join(bad, "bomb-lying-header.docx"), "wb") as f:
        f.write(bytes(data))
    # Malformed XML in document.xml.
    write_zip(os.path.join(bad, "malformed.docx"), [("word/document.xml", f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>一、存在')])
    # What Office writes for a password-protected document: an OLE compound file, not a zip.
    with open(os.path.join(bad, "encrypted.docx"), "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504))
    # Tables nested 200 deep.
    deep = "<w:tbl><w:tr><w:tc>" * 200 + para(run("深")) + "</w:tc></w:tr></w:tbl>" * 200
    write_docx(os.path.join("bad", "deep-tables.docx"), deep, numbering=False)


if __name__ == "__main__":
    split_runs_fixture()
    numbering_fixture()
    tracked_changes_fixture()
    table_fixture()
    bad_fixtures()
