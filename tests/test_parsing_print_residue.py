"""What print leaves in a plan's text is not read as the plan.

A PDF's or OFD's text gives each page's printed number and running header or footer with the
page's lines, where they would be glued into the clause the page break cuts: they are dropped
at a page's edges, and only there. A plan copied out of print into a .txt file is broken at a
fixed width: an item's title wrapped onto the next line is read whole.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import office
from xiaojie.parsing import parse_plan
from xiaojie.parsing._ofd import read_ofd
from xiaojie.parsing._readers import drop_page_furniture, read_pdf


if TYPE_CHECKING:
    from pathlib import Path


UNITS = ("自治区乡村振兴局", "自治区民政厅", "自治区财政厅", "自治区人社厅", "自治区教育厅")
WORKS = (
    "防返贫致贫风险专项排查",
    "脱贫劳动力技能培训",
    "公益性岗位清理核查",
    "监测对象帮扶措施落实",
)


def _plan_lines(items: int = 8) -> list[str]:
    """A plan whose items run over several printed lines, each ending its sentence."""
    lines = ["某县2025年巩固拓展脱贫攻坚成果工作方案", "发文时间：2025年3月5日", "一、重点任务"]
    lines.extend(
        f"{number}.开展{WORKS[number % 4]}，加强统筹协调，细化工作措施，压实各方责任，"
        f"确保各项政策落地见效，{number % 12 + 1}月底前完成。"
        f"（牵头单位：{UNITS[number % 5]}；配合单位：{UNITS[(number + 1) % 5]}）"
        for number in range(1, items + 1)
    )
    return lines


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(paragraph: str, width: int) -> list[str]:
    """The lines a paragraph takes at ``width`` columns (a Chinese character takes two)."""
    lines, line = [], ""
    for char in paragraph:
        if line and _width(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]


def _pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages draw the given lines top to bottom (2-byte codes read as Unicode)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    used = sorted({ch for lines in pages for line in lines for ch in line})
    pairs = b"".join(b"<%04X> <%04X>\n" % (ord(ch), ord(ch)) for ch in used)
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
        b"%d beginbfchar\n%s endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end" % (len(used), pairs)
    )
    to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    descendant = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, to_unicode)
    )
    contents = []
    for lines in pages:
        ops = [b"BT /F1 16 Tf"]
        for row, line in enumerate(lines):
            code = line.encode("utf-16-be").hex().encode()
            ops.append(b"1 0 0 1 72 %d Tm <%s> Tj" % (800 - 24 * row, code))
        stream = b"\n".join([*ops, b"ET"])
        contents.append(add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)))
    parent = len(objects) + len(pages) + 1
    kids = [
        add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (parent, font, content)
        )
        for content in contents
    ]
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % parent)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


NS = "http://www.ofdspec.org/2016"


def _ofd(pages: list[list[str]]) -> bytes:
    """An OFD whose pages hold the given lines top to bottom, one TextObject a line."""
    size = 5.6444

    def text_object(ident: int, row: int, line: str) -> str:
        steps = " ".join(f"{size if _width(ch) == 2 else size / 2:g}" for ch in line[:-1])
        return (
            f'<ofd:TextObject ID="{ident}" Boundary="27 {20 + 10 * row} 160 7" Font="3" '
            f'Size="{size:g}"><ofd:TextCode X="0" Y="{size:g}" DeltaX="{steps}">{line}'
            "</ofd:TextCode></ofd:TextObject>"
        )

    parts = {
        "OFD.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
            'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/Document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
            "<ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
            "</ofd:PageArea><ofd:MaxUnitID>9999</ofd:MaxUnitID></ofd:CommonData><ofd:Pages>"
            + "".join(
                f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                for i in range(len(pages))
            )
            + "</ofd:Pages></ofd:Document>"
        ),
    }
    for i, lines in enumerate(pages):
        objects = "".join(text_object(100 * i + row, row, line) for row, line in enumerate(lines))
        parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
            f'<ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>'
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _read(kind: str, pages: list[list[str]], tmp_path: Path) -> list[str]:
    """The lines the PDF or OFD reader gives for a document of ``pages``."""
    data = _pdf(pages) if kind == "pdf" else _ofd(pages)
    path = tmp_path / f"plan.{kind}"
    path.write_bytes(data)
    reader = read_pdf if kind == "pdf" else read_ofd
    return reader(path, data).text().split("\n")


def _printed(lines: list[str], per_page: int, top: list[str], bottom: list[str]) -> list[list[str]]:
    """The plan's lines wrapped at 56 columns, ``per_page`` a page, each page's edges added.

    ``{n}`` and ``{t}`` in an edge line are the page's number and the number of pages.
    """
    wrapped = [piece for line in lines for piece in _wrap(line, 56)]
    bodies = [wrapped[i : i + per_page] for i in range(0, len(wrapped), per_page)]
    total = len(bodies)
    return [
        [
            *(edge.format(n=n, t=total) for edge in top),
            *body,
            *(edge.format(n=n, t=total) for edge in bottom),
        ]
        for n, body in enumerate(bodies, start=1)
    ]


NUMBERS = ("{n}", "第{n}页", "第 {n} 页 共 {t} 页", "{n}/{t}", "{n} / {t}", "- {n} -", "— {n} —")
RUNNING = (
    "宁夏回族自治区人民政府办公厅文件",
    "某县巩固拓展脱贫攻坚成果工作方案",
    "宁政办发〔2025〕12号",
)


@pytest.mark.parametrize("kind", ["pdf", "ofd"])
@settings(max_examples=40, deadline=None)
@given(
    per_page=st.integers(4, 9),
    number=st.tuples(st.sampled_from(NUMBERS), st.booleans()),
    running=st.tuples(st.sampled_from(("", *RUNNING)), st.sampled_from(("", *RUNNING))),
)
def test_page_numbers_and_running_lines_are_dropped_at_the_page_edges(
    tmp_path_factory, kind, per_page, number, running
):
    """Whatever the page-number form and running lines, the pages read as the plan's lines."""
    number, number_on_top = number
    header, footer = running
    top = [line for line in (header, number if number_on_top else "") if line]
    bottom = [line for line in (number if not number_on_top else "", footer) if line]
    pages = _printed(_plan_lines(), per_page, top, bottom)
    assert len(pages) >= 3
    assert _read(kind, pages, tmp_path_factory.mktemp(kind)) == _plan_lines()


@pytest.mark.parametrize("kind", ["pdf", "ofd"])
def test_a_bare_page_number_cutting_a_clause_is_not_glued_into_it(tmp_path, kind):
    """``…加强统筹协`` / ``3`` / ``调…``: the clause reads whole, without the page's number."""
    pages = _printed(_plan_lines(), 7, [], ["{n}"])
    lines = _read(kind, pages, tmp_path)
    assert lines == _plan_lines()
    plan, _ = parse_plan(tmp_path / f"plan.{kind}")
    expected, _ = parse_plan("\n".join(_plan_lines()))
    assert [(t.title, t.lead.name) for t in plan.tasks] == [
        (t.title, t.lead.name) for t in expected.tasks
    ]


@pytest.mark.parametrize("kind", ["pdf", "ofd"])
def test_numbers_inside_a_page_stay(tmp_path, kind):
    """A number alone inside a page (a table's cell) is text, so is one not counting the pages."""
    pages = [
        ["表1 任务完成情况", "序号", "3", "合计", "12"],
        ["完成户数", "500", "2", "完成人数", "1200"],
        ["备注", "7", "其他", "40"],
    ]
    assert _read(kind, pages, tmp_path) == [line for page in pages for line in page]


@given(
    pages=st.lists(
        st.lists(st.integers(0, 9999).map(str) | st.sampled_from(WORKS), min_size=1, max_size=8),
        min_size=1,
        max_size=6,
    )
)
def test_only_lines_at_a_page_edge_are_dropped(pages):
    """What goes is at most three lines at each edge: a page keeps the stretch between."""
    for page, after in zip(pages, drop_page_furniture(pages), strict=True):
        assert any(
            after == page[top : len(page) - bottom] for top in range(4) for bottom in range(4)
        )


@given(
    data=st.data(),
    months=st.lists(st.integers(1, 12), min_size=1, max_size=8, unique=True).map(
        lambda months: sorted(months, reverse=True)
    ),
)
def test_numbers_that_do_not_count_the_pages_stay(data, months):
    """Deadlines at the pages' edges and numbers between them are the plan's text."""
    numbers = st.lists(st.integers(0, 9999).map(str), max_size=4)
    pages = [
        [f"2025年{month}月底前", *data.draw(numbers), f"2025年{month}月底前完成"]
        for month in months
    ]
    assert drop_page_furniture(pages) == pages


def test_a_line_at_the_top_of_only_two_pages_stays():
    """A running header needs three pages: on two it may be the plan's own text."""
    pages = [["某县人民政府文件", f"{n}.第{n}项任务,年底前完成。"] for n in (1, 2)]
    pages.append(["3.第3项任务,年底前完成。"])
    assert drop_page_furniture(pages) == pages


def test_a_numbered_clause_at_every_page_top_is_never_a_header():
    """A line that is a numbered clause stays, however often it stands at a page's edge."""
    pages = [["(一)加强组织领导", f"第{n}部分的工作要求。"] for n in (1, 2, 3, 4)]
    assert drop_page_furniture(pages) == pages


def test_a_line_at_the_top_of_a_minority_of_pages_stays():
    """Three pages of ten with the same first line do not make a running header."""
    pages = [["工作要求", f"第{n}部分的工作要求。"] for n in range(3)]
    pages += [[f"第{n}部分的工作要求。"] for n in range(3, 10)]
    assert drop_page_furniture(pages) == pages


def _plan_docx(path: Path) -> None:
    """A Word plan with a running header and a footer of ``第 X 页 共 Y 页`` and the bare number."""
    docx = pytest.importorskip("docx")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def field(paragraph, instruction: str) -> None:
        for kind, text in (("begin", None), (None, instruction), ("end", None)):
            run = paragraph.add_run()
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.text = text
            run._r.append(element)

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(16)
    section = document.sections[0]
    section.header.paragraphs[0].add_run("宁夏回族自治区人民政府办公厅文件")
    footer = section.footer.paragraphs[0]
    footer.add_run("第 ")
    field(footer, "PAGE")
    footer.add_run(" 页 共 ")
    field(footer, "NUMPAGES")
    footer.add_run(" 页")
    field(section.footer.add_paragraph(), "PAGE")
    for line in _plan_lines(30):
        document.add_paragraph(line)
    document.save(path)


def test_a_plan_printed_with_header_and_footer_reads_as_its_word_file(tmp_path):
    """LibreOffice prints the plan with a running header and numbered footers: the same tasks."""
    office.soffice()
    pytest.importorskip("pypdf")
    source = tmp_path / "plan.docx"
    _plan_docx(source)
    printed = office.convert(source, "pdf", tmp_path, tmp_path / "profile")

    def read(path: Path) -> list[tuple[str, str, list[str]]]:
        plan = parse_plan(path).plan
        return [(t.title, t.lead.name, [u.name for u in t.units]) for t in plan.tasks]

    written = read(source)
    assert len(written) == 30
    assert read(printed) == written
    text = read_pdf(printed, printed.read_bytes()).text()
    assert "办公厅文件" not in text
    assert "页" not in text


def _titles(text: str) -> list[str]:
    """The items' headings (number and title) as the parser reads them."""
    return [heading.text for heading in parse_plan(text).report.headings if heading.level == 3]


TITLED = (
    "开展防返贫致贫风险专项排查",
    "加强脱贫劳动力技能培训和就业帮扶",
    "完成公益性岗位清理核查",
    "落实监测对象帮扶措施",
)


def _long_titled_plan(items: int) -> list[str]:
    """A plan whose items' titles run over half a printed line and end at 。 before a bracket."""
    lines = [
        "某县2025年巩固拓展脱贫攻坚成果工作方案",
        "发文时间：2025年3月5日",
        (
            "为巩固拓展脱贫攻坚成果，守住不发生规模性返贫底线，推进乡村全面振兴，结合本县实际，"
            "制定本方案。各乡镇、各部门要提高认识，加强领导，压实责任，确保各项任务落到实处。"
        ),
        "一、重点任务",
    ]
    lines.extend(
        f"{number}.{TITLED[number % 4]}，{number % 12 + 1}月底前全面完成"
        f"{TITLED[(number + 1) % 4][2:]}工作。（牵头单位：{UNITS[number % 5]}）"
        for number in range(1, items + 1)
    )
    return lines


@settings(max_examples=30, deadline=None)
@given(width=st.integers(36, 64), items=st.integers(4, 8))
def test_a_title_wrapped_at_the_text_width_is_read_whole(width, items):
    """Broken at any width, the items' titles read as in the unbroken text."""
    lines = _long_titled_plan(items)
    wrapped = "\n".join(piece for line in lines for piece in _wrap(line, width))
    assert _titles(wrapped) == _titles("\n".join(lines))


def test_the_wrapped_title_of_a_printed_item():
    """``…，6月底前完成`` / ``排查。（牵头单位：…）``: the title goes on to 排查."""
    lines = [
        "某县2025年巩固拓展脱贫攻坚成果工作方案",
        "发文时间：2025年3月5日",
        "一、重点任务",
        "1.开展防返贫致贫风险专项排查，6月底前完成",
        "排查。（牵头单位：自治区乡村振兴局）",
        "2.加强脱贫劳动力技能培训，9月底前完成培",
        "训任务。（牵头单位：自治区人社厅）",
        "3.完善公益性岗位管理制度，12月底前完成清",
        "理核查（牵头单位：自治区民政厅）",
    ]
    text = "\n".join(lines)
    plan = parse_plan(text).plan
    assert [(t.title, t.lead.name) for t in plan.tasks] == [
        ("开展防返贫致贫风险专项排查,6月底前完成排查", "自治区乡村振兴局"),
        ("加强脱贫劳动力技能培训,9月底前完成培训任务", "自治区人社厅"),
        ("完善公益性岗位管理制度,12月底前完成清理核查", "自治区民政厅"),
    ]


SHORT = (
    "开展风险专项排查工作",
    "加强劳动技能培训工作",
    "完成公益岗位清理核查",
    "落实监测对象帮扶措施",
)
"""Titles of one width: a text of them over unbroken paragraphs has many lines of that width."""


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(44, 64),
    items=st.integers(3, 12),
    shape=st.tuples(st.booleans(), st.booleans()),
)
def test_a_short_title_line_over_its_body_keeps_its_title(width, items, shape):
    """``1.标题`` / ``正文…``: the title is the short line, the body broken or not, spaced or not."""
    wrapped, spaced = shape
    lines = ["某县2025年巩固拓展脱贫攻坚成果工作方案", "发文时间：2025年3月5日", "一、重点任务"]
    for number in range(1, items + 1):
        body = (
            f"对{WORKS[number % 4]}加强统筹协调，细化工作措施，压实各方责任，"
            f"确保各项政策落地见效，{number % 12 + 1}月底前完成。（牵头单位：{UNITS[number % 5]}）"
        )
        lines.append(f"{number}.{SHORT[number % 4]}")
        lines.extend(_wrap(body, width) if wrapped else [body])
        lines.extend([""] if spaced else [])
    assert _titles("\n".join(lines)) == [
        f"{number}.{SHORT[number % 4]}" for number in range(1, items + 1)
    ]
