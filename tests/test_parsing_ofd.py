"""OFD 版式文档 (GB/T 33190) are read as the text of their pages, in reading order.

The packages are built here from XML laid out as real producers write them: the body as
ofdrw-layout writes a paragraph (``ofdrw/ofdrw``'s ``ofdrw-crypto/src/test/resources/hello.ofd``:
one TextObject a line, its Boundary at the line's top left, ``TextCode X="0" Y="<size>"`` with
``DeltaX``), the page numbers in a template of each page as the Huhuang SDK writes invoices
(``ofdrw-converter/src/test/resources/999.ofd``: ``CommonData/TemplatePage`` and a page's
``<ofd:Template TemplateID=…/>``).
"""

from __future__ import annotations

import io
import time
import unicodedata
import zipfile
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.errors import PlanParseError
from xiaojie.parsing import _ofd, parse_plan
from xiaojie.parsing._ofd import COLUMN_GAP, SPACE_GAP, Run, join_runs, line_texts


if TYPE_CHECKING:
    from pathlib import Path


pytest.importorskip("lxml")

NS = "http://www.ofdspec.org/2016"
SIZE = 5.6444  # 三号 (16 pt) in mm, the size of a 公文's body
LEFT, TOP, LEADING, EM_PER_LINE = 27.0, 37.0, 10.0, 28

PLAN = """某县2025年就业帮扶工作方案
发文时间：2025年3月1日
一、重点任务
1.完善就业帮扶机制，2025年6月底前出台实施意见，明确帮扶对象、帮扶标准和工作流程。（牵头单位：县人社局；配合单位：县财政局、县民政局）
2.开展脱贫劳动力技能培训，2025年9月底前完成培训500人次，优先安排有培训意愿的脱贫户和监测户劳动力参加。（牵头单位：县人社局；配合单位：县农业农村局）
3.加强公益性岗位管理，2025年12月底前完成岗位清理和人员核查。（牵头单位：县民政局）"""


def _width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _wrap(paragraph: str) -> list[str]:
    """The lines a paragraph takes at 28 ems a line, as a word processor breaks Chinese."""
    lines, line = [], ""
    for char in paragraph:
        if _width(line + char) > EM_PER_LINE:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]


def _deltas(text: str, size: float = SIZE) -> str:
    """DeltaX of a line, equal advances written with the ``g`` repeat as producers do."""
    steps = [size if _width(c) == 1.0 else size / 2 for c in text[:-1]]
    out: list[str] = []
    i = 0
    while i < len(steps):
        j = i
        while j < len(steps) and steps[j] == steps[i]:
            j += 1
        out.append(
            f"g {j - i} {steps[i]:g}" if j - i > 2 else " ".join(f"{s:g}" for s in steps[i:j])
        )
        i = j
    return " ".join(out)


def _text_object(ident: int, x: float, y: float, text: str, size: float = SIZE) -> str:
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{x:g} {y:g} {_width(text) * size:g} {size * 1.25:g}" '
        f'Font="3" Size="{size:g}"><ofd:TextCode X="0" Y="{size:g}" DeltaX="{_deltas(text, size)}">'
        f"{text}</ofd:TextCode></ofd:TextObject>"
    )


def _page(lines: list[str], template: int | None, start: int = 10) -> bytes:
    objects = "".join(
        _text_object(start + i, LEFT, TOP + i * LEADING, line) for i, line in enumerate(lines)
    )
    used = f'<ofd:Template TemplateID="{template}" ZOrder="Background"/>' if template else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{used}'
        f'<ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>'
    ).encode()


def _footer(number: int) -> bytes:
    """A template holding the page's number, centred at the foot as 公文 print it."""
    text = f"— {number} —"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
        f'<ofd:Layer ID="3">{_text_object(900 + number, 95.0, 270.0, text, 4.9389)}</ofd:Layer>'
        f"</ofd:Content></ofd:Page>"
    ).encode()


def _package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OFD_XML = (
    f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
    "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>"
    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
).encode()


def _document(
    pages: int, *, templates: bool = True, loc: str = "Pages/Page_{i}/Content.xml"
) -> bytes:
    tpls = "".join(
        f'<ofd:TemplatePage ID="{100 + i}" BaseLoc="Tpls/Tpl_{i}/Content.xml"/>'
        for i in range(pages)
    )
    listed = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="{loc.format(i=i)}"/>' for i in range(pages))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:MaxUnitID>999</ofd:MaxUnitID>{tpls if templates else ''}</ofd:CommonData>"
        f"<ofd:Pages>{listed}</ofd:Pages></ofd:Document>"
    ).encode()


def _plan_ofd() -> bytes:
    """The plan on two pages, clause 2 cut by the page break, each page numbered in its footer."""
    lines = [line for paragraph in PLAN.split("\n") for line in _wrap(paragraph)]
    cut = next(i for i, line in enumerate(lines) if line.startswith("2.")) + 2
    pages = [lines[:cut], lines[cut:]]
    parts = {"OFD.xml": OFD_XML, "Doc_0/Document.xml": _document(2)}
    for i, page in enumerate(pages):
        parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = _page(page, 100 + i, start=10 + 100 * i)
        parts[f"Doc_0/Tpls/Tpl_{i}/Content.xml"] = _footer(i + 1)
    return _package(parts)


def _one_page(
    body: str, *, document: bytes | None = None, extra: dict[str, bytes] | None = None
) -> bytes:
    """A package of one page whose Content.xml's layer holds ``body``."""
    page = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
        f'<ofd:Layer ID="2">{body}</ofd:Layer></ofd:Content></ofd:Page>'
    ).encode()
    parts = {
        "OFD.xml": OFD_XML,
        "Doc_0/Document.xml": document or _document(1, templates=False),
        "Doc_0/Pages/Page_0/Content.xml": page,
    }
    parts.update(extra or {})
    return _package(parts)


def _read(tmp_path: Path, data: bytes, name: str = "plan.ofd") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return _ofd.read_ofd(path, data).text()


def _duties(plan, report):
    return [
        (
            task.number,
            [u.name for u in task.units],
            task.lead.name,
            report.duty(task.number).deadline,
        )
        for task in plan.tasks
    ]


class TestPlanInOfd:
    def test_two_pages_parse_as_the_same_text(self, tmp_path):
        """A plan in an OFD gives the tasks, units and deadlines of the same plan as text."""
        path = tmp_path / "方案.ofd"
        path.write_bytes(_plan_ofd())

        plan, report = parse_plan(path)
        expected_plan, expected_report = parse_plan(PLAN)

        assert [1, 2, 3] == [task.number for task in plan.tasks]
        assert _duties(expected_plan, expected_report) == _duties(plan, report)
        assert [(m.due, m.title) for m in expected_plan.milestones] == [
            (m.due, m.title) for m in plan.milestones
        ]
        assert expected_report.reference == report.reference

    def test_clause_over_the_page_break_is_one_line_and_the_footer_is_dropped(self, tmp_path):
        """The clause cut by the page break is whole again; the pages' numbers are gone."""
        text = _read(tmp_path, _plan_ofd())

        assert PLAN.split("\n") == text.split("\n")

    def test_without_namespace_prefix_and_with_absolute_paths(self, tmp_path):
        """Elements without a namespace and part names from the package's root are read."""
        page = _page(["1.完善机制，2025年6月底前出台意见。"], None)
        page = page.replace(b' xmlns:ofd="' + NS.encode() + b'"', b"").replace(b"ofd:", b"")
        document = _document(1, templates=False, loc="/Doc_0/Pages/第{i}页/Content.xml")
        data = _package(
            {
                "OFD.xml": OFD_XML.replace(b"Doc_0/Document.xml", b"/Doc_0/Document.xml"),
                "Doc_0/Document.xml": document,
                "Doc_0/Pages/第0页/Content.xml": page,
            }
        )

        assert b"xmlns" not in page
        assert "1.完善机制，2025年6月底前出台意见。" == _read(tmp_path, data)

    def test_a_signed_package_is_read_and_its_seal_adds_no_text(self, tmp_path):
        """A package with Signs/ (as ofdrw-sign writes) is read as any other."""
        data = _one_page(
            _text_object(4, LEFT, TOP, "牵头单位：县民政局"),
            extra={
                "Doc_0/Signs/Signatures.xml": f'<ofd:Signatures xmlns:ofd="{NS}"/>'.encode(),
                "Doc_0/Signs/Sign_0/SignedValue.dat": b"\x30\x82\x01\x00",
                "Doc_0/Signs/Sign_0/Seal.esl": b"\x30\x82\x02\x00",
            },
        )

        assert "牵头单位：县民政局" == _read(tmp_path, data)

    def test_codes_without_x_or_y_take_the_previous_codes(self, tmp_path):
        """A TextCode without Y is on the previous code's baseline (GB/T 33190 §11.3)."""
        body = (
            f'<ofd:TextObject ID="4" Boundary="20 30 100 10" Size="{SIZE}">'
            f'<ofd:TextCode X="0" Y="5">完善</ofd:TextCode>'
            f'<ofd:TextCode X="{2 * SIZE}">机制。</ofd:TextCode>'
            f'<ofd:TextCode X="0" Y="15">下一行</ofd:TextCode></ofd:TextObject>'
        )

        assert "完善机制。\n下一行" == _read(tmp_path, _one_page(body))

    def test_ctm_scales_and_moves_the_codes(self, tmp_path):
        """A TextObject's CTM places its codes: one drawn at half scale lines up with the other."""
        body = (
            '<ofd:TextObject ID="4" Boundary="20 30 100 10" Size="4">'
            '<ofd:TextCode X="0" Y="5">牵头</ofd:TextCode></ofd:TextObject>'
            '<ofd:TextObject ID="5" Boundary="28 30 100 10" Size="8" CTM="0.5 0 0 0.5 0 0">'
            '<ofd:TextCode X="0" Y="10">单位。</ofd:TextCode></ofd:TextObject>'
            '<ofd:TextObject ID="6" Boundary="20 30 100 10" Size="4">'
            '<ofd:TextCode X="0" Y="12">下一行</ofd:TextCode></ofd:TextObject>'
        )

        assert "牵头单位。\n下一行" == _read(tmp_path, _one_page(body))

    def test_text_drawn_from_a_composite_unit_is_read(self, tmp_path):
        """A page of CompositeObjects (as PDF-to-OFD converters write) gives the units' text."""
        unit = (
            f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:CompositeGraphicUnits>'
            '<ofd:CompositeGraphicUnit ID="204" Width="100" Height="100"><ofd:Content ID="202">'
            '<ofd:TextObject ID="6" CTM="9 0 0 9 0 0" Boundary="10 20 50 9" Size="1">'
            '<ofd:TextCode X="0" Y="0.8" DeltaX="g 3 1">完成时限</ofd:TextCode></ofd:TextObject>'
            "</ofd:Content></ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits></ofd:Res>"
        ).encode()
        document = _document(1, templates=False).replace(
            b"<ofd:MaxUnitID>", b"<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes><ofd:MaxUnitID>"
        )
        body = '<ofd:CompositeObject ID="203" CTM="0.3528 0 0 0.3528 0 0" Boundary="0 0 204 264" ResourceID="204"/>'

        assert "完成时限" == _read(
            tmp_path, _one_page(body, document=document, extra={"Doc_0/DocumentRes.xml": unit})
        )

    def test_gbk_part_names_without_the_utf8_flag_are_found(self):
        """A part named in GB18030 by a ZIP that does not flag UTF-8 is named as written."""
        info = zipfile.ZipInfo("Doc_0/Pages/第1页/Content.xml".encode("gb18030").decode("cp437"))

        assert "Doc_0/Pages/第1页/Content.xml" == _ofd._zip_name(info)


def _run(x: float, text: str, *, y: float = 50.0, size: float = 4.0) -> Run:
    width = sum(size if _width(c) == 1.0 else size / 2 for c in text)
    return Run(x=x, y=y, end=x + width, size=size, text=text)


CJK = st.text(st.sampled_from("完善就业帮扶机制县民政局牵头单位，。（）"), min_size=1, max_size=6)
WORD = st.text(st.sampled_from("abcXYZ0123456789"), min_size=1, max_size=6)


class TestJoinRuns:
    @given(
        st.lists(st.tuples(CJK, st.floats(0, COLUMN_GAP - 0.05)), min_size=1, max_size=8),
        st.randoms(),
    )
    def test_chinese_runs_join_without_spaces_in_any_order(self, pieces, random):
        """Chinese pieces less than a column's gap apart join without spaces, whatever their order."""
        runs, x = [], 10.0
        for text, gap in pieces:
            runs.append(_run(x, text))
            x = runs[-1].end + gap * 4.0
        shuffled = runs[:]
        random.shuffle(shuffled)

        assert "".join(text for text, _ in pieces) == join_runs(shuffled)

    @given(st.lists(st.tuples(WORD, st.booleans()), min_size=2, max_size=8))
    def test_letters_and_digits_are_spaced_only_across_a_space_gap(self, pieces):
        """A gap wider than SPACE_GAP ems between words is one space; a narrower one is none."""
        runs, x, expected = [], 10.0, ""
        for i, (text, spaced) in enumerate(pieces):
            if i:
                gap = (SPACE_GAP + 0.3) if spaced else (SPACE_GAP - 0.3)
                x += gap * 4.0
                expected += " " if spaced else ""
            runs.append(_run(x, text))
            x = runs[-1].end
            expected += text

        assert expected == join_runs(runs)

    @given(CJK, WORD, st.floats(COLUMN_GAP, 20.0))
    def test_a_column_gap_is_two_spaces(self, left, right, gap):
        """Pieces a column's gap apart are two spaces apart, whatever they hold."""
        first = _run(10.0, left)

        assert f"{left}  {right}" == join_runs([_run(first.end + gap * 4.0, right), first])

    def test_text_drawn_twice_over_itself_is_read_once(self):
        """A bold face imitated by drawing the text twice, a little apart, is read once."""
        assert "牵头单位" == join_runs([_run(10.0, "牵头单位"), _run(10.2, "牵头单位")])


class TestLineTexts:
    @given(
        st.lists(st.lists(CJK, min_size=1, max_size=5), min_size=1, max_size=8),
        st.floats(1.2, 3.0),
        st.lists(st.floats(-0.25, 0.25), min_size=40, max_size=40),
        st.randoms(),
    )
    def test_pieces_on_nearby_baselines_make_their_lines(self, lines, spacing, jitter, random):
        """Pieces within a quarter em of their line's baseline are that line, in any order."""
        size, runs, k = 4.0, [], 0
        for row, texts in enumerate(lines):
            x = 20.0
            for text in texts:
                run = _run(
                    x, text, y=30.0 + row * spacing * size + jitter[k % 40] * size, size=size
                )
                runs.append(run)
                x, k = run.end, k + 1
        random.shuffle(runs)

        assert ["".join(texts) for texts in lines] == line_texts(runs)

    def test_blank_lines_are_left_out(self):
        """A line of nothing but spaces is no line."""
        assert ["完成"] == line_texts([_run(10.0, "   ", y=10.0), _run(10.0, "完成", y=30.0)])


class TestDeltaX:
    @given(st.lists(st.sampled_from([2.0, 4.0, 9.0]), min_size=1, max_size=12), st.data())
    def test_g_repeats_place_characters_as_the_values_written_out(
        self, tmp_path_factory, steps, data
    ):
        """``g count value`` reads as ``value`` written ``count`` times, however it is grouped."""
        text = "".join(data.draw(st.sampled_from("完A1")) for _ in range(len(steps) + 1))
        grouped, i = [], 0
        while i < len(steps):
            j = i + 1
            while j < len(steps) and steps[j] == steps[i] and data.draw(st.booleans()):
                j += 1
            grouped.append(f"g {j - i} {steps[i]:g}" if j > i + 1 else f"{steps[i]:g}")
            i = j
        tmp = tmp_path_factory.mktemp("g")

        def read(deltas: str) -> str:
            body = (
                f'<ofd:TextObject ID="4" Boundary="20 30 100 10" Size="4">'
                f'<ofd:TextCode X="0" Y="5" DeltaX="{deltas}">{text}</ofd:TextCode></ofd:TextObject>'
            )
            return _read(tmp, _one_page(body))

        assert read(" ".join(f"{s:g}" for s in steps)) == read(" ".join(grouped))

    def test_a_huge_repeat_count_is_read_in_no_time(self, tmp_path):
        """A ``g`` count of a billion is expanded no further than the characters it spaces."""
        body = (
            '<ofd:TextObject ID="4" Boundary="20 30 100 10" Size="4">'
            '<ofd:TextCode X="0" Y="5" DeltaX="g 99999999999999999999 4">完善机制</ofd:TextCode>'
            "</ofd:TextObject>"
        )
        started = time.monotonic()

        assert "完善机制" == _read(tmp_path, _one_page(body))
        assert time.monotonic() - started < 2.0


def _refused(
    tmp_path: Path, data: bytes, match: str, name: str = "plan.ofd", *, reader: bool = False
) -> str:
    """Check that the package is refused at 1:1 of its file; return the message.

    ``reader`` calls this module's ``read_ofd`` itself, for the bounds a test lowers on it.
    """
    path = tmp_path / name
    path.write_bytes(data)
    read = (lambda: _ofd.read_ofd(path, data)) if reader else (lambda: parse_plan(path))
    with pytest.raises(PlanParseError, match=match) as caught:
        read()
    message = str(caught.value)
    assert message.startswith(f"{path}:1:1: ")
    return message


class TestHostilePackages:
    @pytest.mark.parametrize(
        ("data", "match"),
        [
            (b"not a package at all", "found a file that is not a ZIP package"),
            (b"%PDF-1.7\n%...", r"found a PDF \(give it the \.pdf suffix\)"),
            (b"PK\x03\x04broken", "found a damaged ZIP"),
            (_package({"Doc_0/Document.xml": b"<x/>"}), "a ZIP without OFD.xml"),
            (
                _package({"OFD.xml": OFD_XML.replace(b"DocRoot", b"DocInfo2")}),
                "expected an OFD document named by DocBody/DocRoot",
            ),
            (_package({"OFD.xml": OFD_XML}), r"'Doc_0/Document\.xml' it names, found no such part"),
        ],
    )
    def test_a_package_without_its_parts_is_a_located_error(self, tmp_path, data, match):
        """A file that is not an OFD, or one without OFD.xml or Document.xml, is named so."""
        _refused(tmp_path, data, match)

    def test_a_truncated_package_is_a_located_error(self, tmp_path):
        """A package cut short names what is missing, not a traceback."""
        data = _plan_ofd()

        _refused(tmp_path, data[: len(data) // 2], "found a damaged ZIP|found a damaged part")

    def test_a_missing_page_is_named_with_its_number(self, tmp_path):
        """A page whose Content.xml is not in the package is named by number and BaseLoc."""
        data = _package({"OFD.xml": OFD_XML, "Doc_0/Document.xml": _document(1, templates=False)})

        _refused(
            tmp_path,
            data,
            r"page 1 \(Doc_0/Document\.xml, Page 1\): expected the page's content 'Pages/Page_0/Content\.xml', found no such part",
        )

    def test_a_missing_template_is_named(self, tmp_path):
        """A page drawn on a template the document does not list is named."""
        page = _page(["完成"], 77)
        data = _package(
            {
                "OFD.xml": OFD_XML,
                "Doc_0/Document.xml": _document(1),
                "Doc_0/Pages/Page_0/Content.xml": page,
            }
        )

        _refused(tmp_path, data, "page 1: expected a TemplatePage with ID '77'")

    def test_malformed_xml_is_named_with_its_line(self, tmp_path):
        """A Content.xml that is not well-formed XML is named with the line of the mistake."""
        data = _one_page(
            '<ofd:TextObject ID="4" Boundary="0 0 1 1" Size="4">\n<ofd:TextCode>x</ofd:Text>'
        )

        _refused(
            tmp_path,
            data,
            r"Doc_0/Pages/Page_0/Content\.xml: expected well-formed XML, found a mistake at line 2",
        )

    @pytest.mark.parametrize(
        ("attributes", "match"),
        [
            ('Boundary="0 0 1" Size="4"', r"Boundary=\"x y w h\".*found '0 0 1'"),
            ('Boundary="0 0 1 1e300" Size="4"', "Boundary"),
            ('Boundary="nan 0 1 1" Size="4"', "Boundary"),
            ('Boundary="0 0 1 1" Size="-4"', "Size"),
            ('Boundary="0 0 1 1"', "Size=.*found none"),
            ('Boundary="0 0 1 1" Size="4" CTM="1 0 0 1 0 inf"', "CTM"),
        ],
    )
    def test_absurd_numbers_are_named_with_their_object(self, tmp_path, attributes, match):
        """A number that is not one, or is beyond a kilometre, names its page and object."""
        data = _one_page(
            f'<ofd:TextObject ID="4" {attributes}><ofd:TextCode X="0" Y="5">完成</ofd:TextCode></ofd:TextObject>'
        )

        message = _refused(tmp_path, data, match)
        assert "page 1 (Doc_0/Pages/Page_0/Content.xml), TextObject 1" in message

    def test_an_absurd_code_position_names_the_code(self, tmp_path):
        """A TextCode's X of 10^300 mm names the code; its text is not shown."""
        data = _one_page(
            '<ofd:TextObject ID="4" Boundary="0 0 1 1" Size="4"><ofd:TextCode X="1e300" Y="5">张三</ofd:TextCode></ofd:TextObject>'
        )

        message = _refused(tmp_path, data, r"TextObject 1, TextCode 1: expected X=")
        assert "张三" not in message

    @pytest.mark.parametrize(
        "prologue",
        [
            '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
            '<!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        ],
    )
    def test_entities_are_refused(self, tmp_path, prologue):
        """An entity bomb or an external entity is refused before anything is expanded."""
        page = f'<?xml version="1.0"?>{prologue}<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer><ofd:TextObject Boundary="0 0 1 1" Size="4"><ofd:TextCode X="0" Y="5">&c;&x;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>'
        data = _package(
            {
                "OFD.xml": OFD_XML,
                "Doc_0/Document.xml": _document(1, templates=False),
                "Doc_0/Pages/Page_0/Content.xml": page.encode(),
            }
        )

        message = _refused(tmp_path, data, "expected OFD XML without a DTD")
        assert "root:" not in message

    def test_a_zip_bomb_stops_at_the_bound(self, tmp_path, monkeypatch):
        """Parts unpacking to more than MAX_BYTES are refused once the bound is passed."""
        monkeypatch.setattr(_ofd, "MAX_BYTES", 2_000_000)
        filler = b"<ofd:Layer/>" * 400_000  # 4.8 MB, a few kilobytes packed
        data = _one_page(filler.decode())

        assert len(data) < 100_000
        _refused(
            tmp_path,
            data,
            r"expected an OFD of at most 2,000,000 bytes unpacked, found more \(a zip bomb\?\)",
            reader=True,
        )

    def test_too_many_codes_on_a_page_are_refused_in_bounded_time(self, tmp_path):
        """A page of more than MAX_PAGE_RUNS codes is refused, quickly, naming the page."""
        codes = '<ofd:TextCode X="0" Y="5">字</ofd:TextCode>' * (_ofd.MAX_PAGE_RUNS + 1)
        data = _one_page(
            f'<ofd:TextObject ID="4" Boundary="0 0 1 1" Size="4">{codes}</ofd:TextObject>'
        )
        started = time.monotonic()

        _refused(tmp_path, data, f"page 1: expected at most {_ofd.MAX_PAGE_RUNS:,} pieces of text")
        assert time.monotonic() - started < 30.0

    def test_too_many_characters_are_refused(self, tmp_path, monkeypatch):
        """Text beyond MAX_CHARACTERS is refused, naming the code where the bound was passed."""
        monkeypatch.setattr(_ofd, "MAX_CHARACTERS", 10)
        data = _one_page(
            _text_object(4, LEFT, TOP, "完善就业帮扶机制")
            + _text_object(5, LEFT, 50, "出台实施意见")
        )

        _refused(
            tmp_path, data, "TextObject 2, TextCode 1: expected at most 10 characters", reader=True
        )

    def test_too_many_pages_are_refused(self, tmp_path, monkeypatch):
        """A document of more than MAX_PAGES pages is refused."""
        monkeypatch.setattr(_ofd, "MAX_PAGES", 3)
        data = _package(
            {
                "OFD.xml": OFD_XML,
                "Doc_0/Document.xml": _document(4, templates=False, loc="Pages/Page_0/Content.xml"),
                "Doc_0/Pages/Page_0/Content.xml": _page(["完成"], None),
            }
        )

        _refused(tmp_path, data, "expected at most 3 pages, found more", reader=True)

    def test_an_encrypted_package_is_named(self, tmp_path):
        """A package encrypted as GM/T 0099 (Encryptions.xml, as ofdrw-crypto writes) is named."""
        data = _package(
            {
                "OFD.xml": OFD_XML,
                "Encryptions.xml": b"<Encryptions/>",
                "Doc_0/Document.xml": b"\x8f\x01",
            }
        )

        _refused(tmp_path, data, "found an encrypted one")

    def test_a_password_protected_part_is_named(self, tmp_path):
        """A ZIP part flagged as encrypted is named, not read."""
        data = bytearray(_package({"OFD.xml": OFD_XML, "Doc_0/Document.xml": b"\x00" * 32}))
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
            local = archive.getinfo("Doc_0/Document.xml").header_offset
        central = data.rindex(b"PK\x01\x02", 0, data.rindex(b"Doc_0/Document.xml"))
        data[local + 6] |= 0x1  # the encrypted flag, in both headers (zipfile will not write it)
        data[central + 8] |= 0x1

        _refused(
            tmp_path,
            bytes(data),
            r"Doc_0/Document\.xml: expected an intact ZIP part, found a password-protected part",
        )

    def test_a_scan_has_no_text(self, tmp_path):
        """An OFD of page images only (a scan) is named as such."""
        data = _one_page(
            '<ofd:ImageObject ID="4" Boundary="0 0 210 297" ResourceID="5" CTM="210 0 0 297 0 0"/>'
        )

        _refused(tmp_path, data, r"expected an OFD with text, found none \(a scan\?\)")

    def test_a_zip_version_python_does_not_read_is_refused(self, tmp_path):
        """A central directory entry claiming ZIP version 6.4 (Python reads up to 6.3) raised
        NotImplementedError from inside the reader."""
        data = bytearray(_plan_ofd())
        at = data.index(b"PK\x01\x02") + 6  # the entry's "version needed to extract"
        data[at : at + 2] = (64).to_bytes(2, "little")
        _refused(tmp_path, bytes(data), r"found a damaged ZIP \(NotImplementedError\)")

    def test_an_ofd_given_as_text_is_still_refused(self, tmp_path):
        """A package with OFD.xml under a text suffix is not decoded into noise."""
        _refused(tmp_path, _plan_ofd(), "found an OFD document", name="plan.txt")


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400), st.integers(0, 4000))
def test_damaged_packages_fail_cleanly(tmp_path_factory, noise, at):
    """Bytes written over any part of a real package read or fail with PlanParseError only."""
    data = bytearray(_plan_ofd())
    at = at % len(data)
    data[at : at + len(noise)] = noise
    path = tmp_path_factory.mktemp("noise") / "plan.ofd"
    path.write_bytes(bytes(data))
    try:
        text = _ofd.read_ofd(path, bytes(data)).text()
    except PlanParseError as err:
        message = str(err)
        text = PLAN if message.startswith(f"{path}:1:1: ") else message
    assert PLAN == text  # refused at 1:1, or the bytes hit were ones the reader does not use
