"""Word documents as offices write them: clauses numbered by Word's list numbering (the number is
not in the text), tracked changes, content controls, line breaks inside a clause, and tables
with merged, shifted, wrapped or nested cells. Each is read as the page shows it."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from xiaojie.parsing import parse_plan
from xiaojie.parsing._readers import read_docx
from xiaojie.parsing._structure import chinese_number


docx = pytest.importorskip("docx")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEAD = ["某县2025年巩固拓展脱贫攻坚成果工作方案", "发文时间:2025-03-05"]


def _p(text: str, num: str | None = None, ilvl: int | None = 0, style: str | None = None) -> str:
    """A paragraph's XML: its text in one run, a list (``w:numPr``) and a style when given."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        level = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
        props += f'<w:numPr>{level}<w:numId w:val="{num}"/></w:numPr>'
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p {W}><w:pPr>{props}</w:pPr>{run}</w:p>"


def _lvl(ilvl: int, fmt: str, text: str, start: str | None = "1", extra: str = "") -> str:
    begin = "" if start is None else f'<w:start w:val="{start}"/>'
    return (
        f'<w:lvl w:ilvl="{ilvl}">{begin}<w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def _abstract(key: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{key}">{"".join(levels)}</w:abstractNum>'


def _num(key: int, abstract: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{key}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'


def _override(ilvl: int, start: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'


OUTLINE = _abstract(
    0,
    _lvl(0, "chineseCounting", "（%1）"),
    _lvl(1, "decimal", "%2."),
    _lvl(2, "decimal", "（%3）"),
)


def _document(*blocks: str, numbering: str | None = None, styles: str = "") -> bytes:
    """A .docx made with python-docx holding ``blocks`` (body XML) and list definitions."""
    parse_xml = docx.oxml.parse_xml
    document = docx.Document()
    body = document.element.body
    for block in blocks:
        body.insert(len(body) - 1, parse_xml(block))
    definitions = document.part.numbering_part.element
    for child in list(definitions):
        definitions.remove(child)
    for child in parse_xml(f"<w:numbering {W}>{numbering or ''}</w:numbering>"):
        definitions.append(child)
    for style in parse_xml(f"<w:styles {W}>{styles}</w:styles>"):
        document.styles.element.append(style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _lines(raw: bytes) -> list[object]:
    return read_docx(Path("plan.docx"), raw).blocks


def _same(a, b) -> bool:
    return attrs.evolve(a, id="x", source="") == attrs.evolve(b, id="x", source="")


PLAN = [
    ("一、重点任务", None, None),
    ("（一）健全防止返贫监测帮扶机制", "1", 0),
    (
        "1.开展集中排查。6月底前完成全县农户集中排查。（牵头单位：县农业农村局；配合单位：县民政局）",
        "1",
        1,
    ),
    ("2.落实帮扶措施。9月底前落实到户。（牵头单位：县乡村振兴局）", "1", 1),
    ("（二）促进脱贫人口稳定就业", "1", 0),
    ("1.开发公益岗位。年底前开发公益岗位200个。（牵头单位：县人社局）", "1", 1),
    ("（1）摸清岗位需求。", "1", 2),
    ("（2）组织竞聘上岗。", "1", 2),
    (
        "2.开展技能培训。10月底前培训1000人次。（牵头单位：县人社局；配合单位：县农业农村局）",
        "1",
        1,
    ),
    ("二、保障措施", None, None),
    ("（一）加强组织领导。各乡镇要高度重视，年底前报送总结。（牵头单位：县委办）", "2", 0),
]


def _marker_end(text: str) -> int:
    return text.index("）") + 1 if text.startswith("（") else text.index(".") + 1


def _shown(text: str) -> str:
    """A typed clause as Word shows it numbered: the number, a space for Word's tab, the text."""
    return f"{text[: _marker_end(text)]} {text[_marker_end(text) :]}"


class TestAutoNumberedClauses:
    def test_auto_numbered_plan_parses_as_the_typed_one(self, tmp_path):
        """Clauses numbered by Word (（一）, 1., （1）; a second list restarting at 一) give the tasks
        of the same plan with the numbers typed: titles, units and deadlines."""
        typed = [_p(line) for line in HEAD] + [_p(text) for text, _, _ in PLAN]
        auto = [_p(line) for line in HEAD] + [
            _p(text) if num is None else _p(text[_marker_end(text) :], num, ilvl)
            for text, num, ilvl in PLAN
        ]
        numbering = OUTLINE + _num(1, 0) + _num(2, 0, _override(0, 1))
        (tmp_path / "typed.docx").write_bytes(_document(*typed, numbering=numbering))
        (tmp_path / "auto.docx").write_bytes(_document(*auto, numbering=numbering))

        plan, report = parse_plan(tmp_path / "auto.docx", overlay=None)
        expected, expected_report = parse_plan(tmp_path / "typed.docx", overlay=None)

        assert [text if num is None else _shown(text) for text, num, _ in PLAN] == _lines(
            (tmp_path / "auto.docx").read_bytes()
        )[2:]
        assert _same(expected, plan)
        assert ["开展集中排查", "落实帮扶措施", "开发公益岗位", "开展技能培训", "加强组织领导"] == [
            t.title for t in plan.tasks
        ]
        assert ["县人社局", "县农业农村局"] == [u.name for u in plan.task(4).units]
        assert ["健全防止返贫监测帮扶机制", "促进脱贫人口稳定就业", "保障措施"] == [
            c.name for c in plan.campaigns
        ]
        assert [expected_report.duty(n).deadline for n in (1, 2, 3, 4)] == [
            report.duty(n).deadline for n in (1, 2, 3, 4)
        ]
        assert "6月底前完成全县农户集中排查" in plan.task(1).text

    @pytest.mark.parametrize(
        ("fmt", "text", "numbers"),
        [
            ("chineseCounting", "%1、", ["一、", "二、", "三、"]),
            ("chineseCountingThousand", "（%1）", ["（一）", "（二）", "（三）"]),
            ("ideographTraditional", "%1.", ["甲.", "乙.", "丙."]),
            ("japaneseCounting", "%1、", ["一、", "二、", "三、"]),
            ("decimalEnclosedCircleChinese", "%1", ["①", "②", "③"]),
            ("decimalFullWidth", "%1．", ["１．", "２．", "３．"]),
            ("decimal", "%1.", ["1.", "2.", "3."]),
        ],
    )
    def test_number_formats(self, fmt, text, numbers):
        """Each list format Chinese plans use shows its numbers before the clause's text, and
        Word's tab after the number as a space."""
        numbering = _abstract(0, _lvl(0, fmt, text)) + _num(1, 0)
        raw = _document(*[_p(f"措施{i}", "1") for i in (1, 2, 3)], numbering=numbering)

        assert [f"{n} 措施{i}" for n, i in zip(numbers, (1, 2, 3), strict=True)] == _lines(raw)

    def test_counting_past_ten(self):
        """Chinese counting goes 十, 十一, 二十, 二十一 as Word shows it (十一、 reads as heading 11)."""
        numbering = _abstract(0, _lvl(0, "chineseCounting", "%1、", start="10")) + _num(1, 0)
        raw = _document(*[_p("任务", "1") for _ in range(12)], numbering=numbering)

        lines = [str(line) for line in _lines(raw)]

        assert ["十、 任务", "十一、 任务"] == lines[:2]
        assert ["二十、 任务", "二十一、 任务"] == lines[10:12]

    def test_levels_restart_and_start_override(self):
        """A lower level restarts under each higher item, not where lvlRestart is 0; a second list
        over one definition restarts at its startOverride and the first then continues the count."""
        numbering = (
            _abstract(
                0,
                _lvl(0, "chineseCounting", "（%1）"),
                _lvl(1, "decimal", "%2."),
                _lvl(2, "decimal", "%2.%3", extra='<w:lvlRestart w:val="0"/>'),
            )
            + _num(1, 0)
            + _num(2, 0, _override(0, 5))
        )
        blocks = [
            _p("甲", "1", 0),
            _p("a", "1", 1),
            _p("b", "1", 1),
            _p("x", "1", 2),
            _p("乙", "1", 0),
            _p("c", "1", 1),
            _p("y", "1", 2),
            _p("丙", "2", 0),
            _p("丁", "1", 0),
        ]

        lines = _lines(_document(*blocks, numbering=numbering))

        assert [
            "（一） 甲",
            "1. a",
            "2. b",
            "2.1 x",
            "（二） 乙",
            "1. c",
            "1.2 y",
            "（五） 丙",
            "（六） 丁",
        ] == lines

    def test_numbering_from_the_paragraph_style(self):
        """A style that numbers its paragraphs (w:pPr/w:numPr, through w:basedOn too) numbers them;
        a paragraph's own numId 0 takes the number away; the level may come from the list's
        w:pStyle."""
        styles = (
            '<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/>'
            '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="SubClause"><w:name w:val="SubClause"/>'
            '<w:basedOn w:val="Clause"/></w:style>'
        )
        levels = _lvl(0, "chineseCounting", "（%1）") + _lvl(
            1, "decimal", "%2.", extra='<w:pStyle w:val="SubClause"/>'
        )
        numbering = _abstract(0, levels) + _num(1, 0)
        blocks = [
            _p("健全机制", style="Clause"),
            _p("开展排查。", style="SubClause"),
            _p("不编号的说明", "0", None, style="Clause"),
            _p("促进就业", style="Clause"),
        ]

        lines = _lines(_document(*blocks, numbering=numbering, styles=styles))

        assert ["（一） 健全机制", "1. 开展排查。", "不编号的说明", "（二） 促进就业"] == lines

    def test_list_through_a_numbering_style(self):
        """A definition that links to a numbering style (w:numStyleLink) counts as the one the
        style's list names, and a legal level (w:isLgl) shows every level in decimal."""
        styles = (
            '<w:style w:type="numbering" w:styleId="Outline"><w:name w:val="Outline"/>'
            '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        )
        numbering = (
            _abstract(
                0,
                _lvl(0, "chineseCounting", "%1、"),
                _lvl(1, "chineseCounting", "%1.%2", extra="<w:isLgl/>"),
            )
            + '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Outline"/></w:abstractNum>'
            + _num(1, 0)
            + _num(2, 1)
        )
        blocks = [_p("总体要求", "2", 0), _p("目标", "2", 1), _p("重点任务", "1", 0)]

        lines = _lines(_document(*blocks, numbering=numbering, styles=styles))

        assert ["一、 总体要求", "1.1 目标", "二、 重点任务"] == lines

    def test_bullets_are_not_numbers(self):
        """A bulleted paragraph keeps its text alone: a bullet is not a clause number."""
        numbering = _abstract(0, _lvl(0, "bullet", "\uf06c")) + _num(1, 0)

        assert ["完善机制", "稳定就业"] == _lines(
            _document(_p("完善机制", "1"), _p("稳定就业", "1"), numbering=numbering)
        )

    def test_row_numbers_of_a_table(self, tmp_path):
        """A 分工表 whose 序号 column Word numbers gives its row numbers, and its tasks."""
        numbering = _abstract(0, _lvl(0, "decimal", "%1")) + _num(1, 0)
        header = ["序号", "具体措施", "牵头单位", "完成时限"]
        rows = [
            ["", "完善监测机制", "县民政局", "2025年6月底前"],
            ["", "稳定务工规模", "县人社局", "长期坚持"],
        ]
        cells = []
        for i, row in enumerate([header, *rows]):
            tcs = "".join(
                f"<w:tc>{_p(v, '1' if i and j == 0 else None).replace(f' {W}', '')}</w:tc>"
                for j, v in enumerate(row)
            )
            cells.append(f"<w:tr>{tcs}</w:tr>")
        table = f"<w:tbl {W}><w:tblGrid>{'<w:gridCol/>' * 4}</w:tblGrid>{''.join(cells)}</w:tbl>"
        path = tmp_path / "fengong.docx"
        path.write_bytes(_document(*[_p(line) for line in HEAD], table, numbering=numbering))

        plan, _ = parse_plan(path, overlay=None)

        assert [["1", "2"]] == [
            [row[0] for row in b[1:]] for b in _lines(path.read_bytes()) if isinstance(b, list)
        ]
        assert [1, 2] == [t.number for t in plan.tasks]
        assert ["县民政局", "县人社局"] == [t.lead.name for t in plan.tasks]


BROKEN = [
    ("numId pointing nowhere", _p("措施", "9"), _abstract(0, _lvl(0, "decimal", "%1."))),
    ("ilvl out of range", _p("措施", "1", 12), _abstract(0, _lvl(0, "decimal", "%1."))),
    ("level not defined", _p("措施", "1", 3), _abstract(0, _lvl(0, "decimal", "%1."))),
    ("start negative", _p("措施", "1"), _abstract(0, _lvl(0, "decimal", "%1.", start="-3"))),
    ("start absurd", _p("措施", "1"), _abstract(0, _lvl(0, "decimal", "%1.", start="9" * 30))),
    ("start not a number", _p("措施", "1"), _abstract(0, _lvl(0, "decimal", "%1.", start="一"))),
    (
        "no level text",
        _p("措施", "1"),
        _abstract(0, '<w:lvl w:ilvl="0"><w:start w:val="1"/></w:lvl>'),
    ),
    ("abstract missing", _p("措施", "1"), _abstract(7, _lvl(0, "decimal", "%1."))),
    (
        "ilvl not a number",
        _p("措施", "1").replace('w:val="0"', 'w:val="x"'),
        _abstract(0, _lvl(0, "decimal", "%1.")),
    ),
]


class TestWhatFollowsTheNumber:
    @pytest.mark.parametrize(
        ("suffix", "shown"),
        [
            ("", "1. 2025年6月底前完成排查。"),
            ('<w:suff w:val="tab"/>', "1. 2025年6月底前完成排查。"),
            ('<w:suff w:val="space"/>', "1. 2025年6月底前完成排查。"),
            ('<w:suff w:val="nothing"/>', "1.2025年6月底前完成排查。"),
        ],
    )
    def test_suffix(self, suffix, shown):
        """Word's tab after a number (w:suff, tab by default) and a space are read as a space, so
        that a clause starting with a digit keeps apart from its number; nothing is nothing."""
        numbering = _abstract(0, _lvl(0, "decimal", "%1.", extra=suffix)) + _num(1, 0)

        assert [shown] == _lines(_document(_p("2025年6月底前完成排查。", "1"), numbering=numbering))

    def test_number_and_digits_stay_apart(self):
        """A number without punctuation (``%1``) and a text starting with a digit stay two
        numbers (1 2025年, not 12025年)."""
        numbering = _abstract(0, _lvl(0, "decimal", "%1")) + _num(1, 0)

        assert ["1 2025年底前完成。"] == _lines(
            _document(_p("2025年底前完成。", "1"), numbering=numbering)
        )

    def test_tab_is_not_a_table_cell(self, tmp_path):
        """The number is followed by a space, not a tab: a line with a tab is a row of a table
        typed as text and is never joined with the next, so a deadline broken across two
        paragraphs (7月上 / 旬前) would be lost; with the space it is read."""
        numbering = OUTLINE + _num(1, 0)
        blocks = [
            *[_p(line) for line in HEAD],
            _p("一、重点任务"),
            _p("监测帮扶", "1", 0),
            _p("开展排查。2025年7月上", "1", 1),
            _p("旬前完成。（牵头单位：县民政局）"),
        ]
        path = tmp_path / "plan.docx"
        path.write_bytes(_document(*blocks, numbering=numbering))

        plan, _ = parse_plan(path, overlay=None)

        assert "\t" not in "".join(str(line) for line in _lines(path.read_bytes()))
        assert ["县民政局"] == [t.lead.name for t in plan.tasks]
        assert [("2025年7月上旬前完成", dt.date(2025, 7, 10))] == [
            (m.text, m.when.end) for m in plan.milestones
        ]

    def test_clause_starting_with_a_digit_is_a_clause(self, tmp_path):
        """Numbered clauses starting with a digit (1. 2025年…, 2. 10个…) are two clauses."""
        numbering = OUTLINE + _num(1, 0)
        blocks = [
            *[_p(line) for line in HEAD],
            _p("一、重点任务"),
            _p("监测帮扶", "1", 0),
            _p("2025年6月底前完成全县农户集中排查。（牵头单位：县民政局）", "1", 1),
            _p("10个乡镇年底前完成帮扶。（牵头单位：县人社局）", "1", 1),
        ]
        path = tmp_path / "plan.docx"
        path.write_bytes(_document(*blocks, numbering=numbering))

        plan, _ = parse_plan(path, overlay=None)

        assert ["县民政局", "县人社局"] == [t.lead.name for t in plan.tasks]


class TestBulletLevels:
    @pytest.mark.parametrize("fmt", ["bullet", "none"])
    def test_bullet_level_in_a_number_shows_nothing(self, fmt):
        """``%2`` naming a bullet level (or one of format none) shows nothing for that level."""
        numbering = _abstract(
            0,
            _lvl(0, "decimal", "%1."),
            _lvl(1, fmt, "\uf06c"),
            _lvl(2, "decimal", "%1.%2%3."),
        ) + _num(1, 0)
        raw = _document(_p("甲", "1", 0), _p("乙", "1", 2), _p("丙", "1", 2), numbering=numbering)

        assert ["1. 甲", "1.1. 乙", "1.2. 丙"] == _lines(raw)


class TestBrokenNumbering:
    @pytest.mark.parametrize(
        ("paragraph", "definition"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
    )
    def test_broken_definition_keeps_the_text(self, paragraph, definition):
        """A list definition that is missing or broken gives no number: the text stays as it is."""
        raw = _document(paragraph, numbering=definition + _num(1, 0))

        assert ["措施"] == _lines(raw)

    def test_no_numbering_part(self):
        """A document without word/numbering.xml whose paragraphs name a list reads their text."""
        document = docx.Document()
        body = document.element.body
        body.insert(0, docx.oxml.parse_xml(_p("措施", "1")))
        part = document.part
        for key, rel in list(part.rels.items()):
            if rel.reltype.endswith("/numbering"):
                part.drop_rel(key)
        out = io.BytesIO()
        document.save(out)

        assert ["措施"] == _lines(out.getvalue())

    @pytest.mark.parametrize("text", ["%1" * 50_000, "%1" * 32 + "."])
    def test_over_long_level_text_is_broken(self, text):
        """A level text longer than 64 characters (``%1`` repeated) gives no number, so a small
        file cannot make a huge text: every line is its own text alone."""
        numbering = _abstract(0, _lvl(0, "decimal", text)) + _num(1, 0)

        lines = _lines(_document(*[_p("措施", "1") for _ in range(200)], numbering=numbering))

        assert ["措施"] * 200 == lines

    def test_level_text_of_64_characters_is_read(self):
        """A level text of 64 characters is still a number."""
        numbering = _abstract(0, _lvl(0, "decimal", "第%1" * 21 + "条")) + _num(1, 0)

        assert ["第1" * 21 + "条 措施"] == _lines(_document(_p("措施", "1"), numbering=numbering))

    def test_over_long_number_is_not_shown(self):
        """A number longer than 256 characters (32 letters repeated 39 times) is not shown."""
        numbering = _abstract(0, _lvl(0, "upperLetter", "%1" * 32, start="1000")) + _num(1, 0)

        assert ["措施"] == _lines(_document(_p("措施", "1"), numbering=numbering))

    def test_numbers_of_a_document_are_bounded(self, monkeypatch):
        """Once a document's numbers add up to the bound, no more are shown."""
        from xiaojie.parsing._readers import Numbering

        # the globals the reader's Numbering reads (a doctest run may import another copy of
        # the module, which patching by name would miss)
        monkeypatch.setitem(Numbering.label.__globals__, "_MAX_TOTAL", 8)
        numbering = _abstract(0, _lvl(0, "decimal", "%1.")) + _num(1, 0)

        lines = _lines(_document(*[_p("措施", "1") for _ in range(6)], numbering=numbering))

        assert ["1. 措施", "2. 措施", "3. 措施", "4. 措施", "措施", "措施"] == lines

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        start=st.text(alphabet="0123456789-x ", max_size=12),
        fmt=st.sampled_from(["decimal", "bullet", "none", "chineseCounting", "weird", ""]),
        text=st.text(alphabet="%0123456789、（）.", max_size=8),
        ilvl=st.integers(-2, 12),
        restart=st.text(alphabet="0123456789-", max_size=4),
    )
    @example(start="0", fmt="decimal", text="", ilvl=0, restart="--0")  # int("--0") raised
    @example(start="--1", fmt="decimal", text="%1.", ilvl=0, restart="0")
    def test_any_definition_reads_without_error(self, start, fmt, text, ilvl, restart):
        """Whatever a list definition holds, the paragraph reads and its text is kept, last."""
        level = (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlRestart w:val="{restart}"/></w:lvl>'
        )
        raw = _document(
            _p("甲", "1", 0), _p("乙", "1", ilvl), numbering=_abstract(0, level) + _num(1, 0)
        )

        lines = _lines(raw)

        assert 2 == len(lines)
        assert all(isinstance(line, str) for line in lines)
        assert str(lines[0]).endswith("甲")
        assert str(lines[1]).endswith("乙")


class TestWordNumbers:
    @given(st.integers(1, 999))
    def test_chinese_counting_thousand_reads_back(self, value):
        """chineseCountingThousand numbers read back as their value (一百〇一 is 101)."""
        from xiaojie.parsing._numbering import format_number

        assert value == chinese_number(format_number(value, "chineseCountingThousand"))

    @given(st.integers(1, 999))
    def test_chinese_counting_reads_back(self, value):
        """chineseCounting numbers read back as their value (十一, 二十; 一〇三 from 100 on)."""
        from xiaojie.parsing._numbering import format_number

        assert value == chinese_number(format_number(value, "chineseCounting"))

    @given(st.integers(1, 20))
    def test_circled_and_full_width(self, value):
        """Circled numbers are ① to ⑳ and full-width digits normalise to the number."""
        from xiaojie.parsing._numbering import format_number

        assert value == ord(format_number(value, "decimalEnclosedCircleChinese")) - 0x2460 + 1
        assert str(value) == unicodedata.normalize("NFKC", format_number(value, "decimalFullWidth"))

    @pytest.mark.parametrize(
        ("value", "fmt", "shown"),
        [
            (10, "chineseCounting", "十"),
            (100, "chineseCounting", "一〇〇"),
            (110, "chineseCountingThousand", "一百一十"),
            (1000, "japaneseCounting", "千"),
            (3, "chineseLegalSimplified", "叁"),
            (11, "chineseLegalSimplified", "壹拾壹"),
            (21, "decimalEnclosedCircle", "21"),
            (4, "lowerRoman", "iv"),
            (28, "upperLetter", "BB"),
            (0, "chineseCounting", "一"),
            (5, "unknownFormat", "5"),
            (1, "ordinal", "1st"),
            (22, "ordinal", "22nd"),
            (113, "ordinal", "113th"),
            (21, "cardinalText", "Twenty-one"),
            (1000, "cardinalText", "One thousand"),
            (3, "ordinalText", "Third"),
            (40, "ordinalText", "Fortieth"),
            (7, "hex", "7"),
        ],
    )
    def test_examples(self, value, fmt, shown):
        """Word's rendering at the edges: past ten, a hundred, zero, English words and ordinals,
        and decimal for a format not rendered (hex)."""
        from xiaojie.parsing._numbering import format_number

        assert shown == format_number(value, fmt)


class TestWhatWordShows:
    def test_tracked_changes(self):
        """Inserted and moved-in text counts, deleted and moved-away text does not."""
        paragraph = (
            f"<w:p {W}><w:r><w:t>1.完成排查，</w:t></w:r>"
            '<w:ins w:id="1" w:author="a"><w:r><w:t>6月底前</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="a"><w:r><w:delText>年底前</w:delText></w:r></w:del>'
            '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>（牵头单位：县财政局）</w:t></w:r></w:moveFrom>'
            "<w:r><w:t>完成。</w:t></w:r>"
            '<w:moveTo w:id="4" w:author="a"><w:r><w:t>（牵头单位：县民政局）</w:t></w:r></w:moveTo></w:p>'
        )

        assert ["1.完成排查，6月底前完成。（牵头单位：县民政局）"] == _lines(_document(paragraph))

    def test_content_controls_and_fields(self):
        """Text in a content control (in a paragraph, around paragraphs, around table rows and
        cells) and a field's shown result are read."""
        paragraph = (
            f"<w:p {W}><w:r><w:t>牵头单位：</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>县民政局</w:t>"
            '</w:r></w:sdtContent></w:sdt><w:fldSimple w:instr="DATE"><w:r><w:t>2025年3月5日</w:t>'
            "</w:r></w:fldSimple></w:p>"
        )
        control = (
            f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>一、重点任务</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        )
        table = (
            f"<w:tbl {W}><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
            "<w:tr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>a1</w:t></w:r></w:p></w:tc></w:sdtContent>"
            "</w:sdt><w:tc><w:p><w:r><w:t>b1</w:t></w:r></w:p></w:tc></w:tr><w:sdt><w:sdtContent>"
            "<w:tr><w:tc><w:p><w:r><w:t>a2</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b2</w:t>"
            "</w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>"
        )
        blocks = [paragraph, control, table]

        assert [
            "牵头单位：县民政局2025年3月5日",
            "一、重点任务",
            [["a1", "b1"], ["a2", "b2"]],
        ] == _lines(_document(*blocks))

    def test_line_breaks_inside_a_clause(self, tmp_path):
        """A line break inside a clause joins its two pieces (6月 / 底前 is 6月底前); one before
        a new item's number or a responsibility label keeps the lines apart, and the plan reads
        as the one typed with those lines."""
        clause = (
            f"<w:p {W}><w:r><w:t>1.开展排查。6月</w:t><w:br/><w:t>底前完成。（牵头单位：县民政局）</w:t>"
            "<w:br/><w:t>2.落实帮扶。年底前完成。</w:t><w:br/><w:t>（牵头单位：县人社局）</w:t></w:r></w:p>"
        )
        lines = [*HEAD, "一、重点任务", "（一）监测帮扶"]
        path, typed = tmp_path / "plan.docx", tmp_path / "typed.docx"
        path.write_bytes(_document(*[_p(line) for line in lines], clause))
        shown = [
            "1.开展排查。6月底前完成。（牵头单位：县民政局）",
            "2.落实帮扶。年底前完成。",
            "（牵头单位：县人社局）",
        ]
        typed.write_bytes(_document(*[_p(line) for line in [*lines, *shown]]))

        plan, _ = parse_plan(path, overlay=None)

        assert "\n".join(shown) == _lines(path.read_bytes())[-1]
        assert _same(parse_plan(typed, overlay=None).plan, plan)
        assert ["开展排查", "落实帮扶"] == [t.title for t in plan.tasks]
        assert "开展排查。6月底前完成。" == plan.task(1).text
        assert ["县人社局"] == [u.name for u in plan.task(2).units]


def _broken(*pieces: str) -> str:
    """A paragraph whose pieces are apart by line breaks (w:br, Shift+Enter in Word)."""
    texts = "<w:br/>".join(f'<w:t xml:space="preserve">{piece}</w:t>' for piece in pieces)
    return f"<w:p {W}><w:r>{texts}</w:r></w:p>"


KEPT = [
    ("signature date", "某县人民政府", "2025年3月5日"),
    ("signature date in Chinese numerals", "某县人民政府", "二〇二五年三月五日"),
    ("date with dashes", "某县乡村振兴局", "2025-03-05"),
    ("after an attachment's heading", "附件", "有关说明"),
    ("attachment's heading", "各乡镇认真贯彻执行。", "附件2：有关说明"),
    ("header keys", "发文字号：某政发〔2025〕1号", "发文时间：2024-03-05"),
    ("labels", "牵头单位：县民政局", "配合单位：县财政局"),
    ("units of a cell", "县民政局", "县财政局、县人社局"),
    ("two numbers", "2025", "3月"),
    ("article", "第一条 总则。", "第二条 适用范围。"),
]
JOINED = [
    ("time phrase", "1.开展排查。6月", "底前完成。", "1.开展排查。6月底前完成。"),
    ("list of units", "配合单位：县民政局、", "县财政局", "配合单位：县民政局、县财政局"),
    ("key and value", "发文字号：", "某政发〔2025〕1号", "发文字号：某政发〔2025〕1号"),
    ("words", "Phase A", "Phase B", "Phase A Phase B"),
    (
        "unit in a sentence",
        "各乡镇要在",
        "县民政局指导下开展排查",
        "各乡镇要在县民政局指导下开展排查",
    ),
]


class TestLineBreaks:
    @pytest.mark.parametrize(("before", "after"), [k[1:] for k in KEPT], ids=[k[0] for k in KEPT])
    def test_break_before_a_line_of_its_own_stays(self, before, after):
        """A line break stays before a date alone, an attachment's heading, a header key, a
        label or a unit's name, after an attachment's heading, and between two numbers."""
        assert [f"{before}\n{after}"] == _lines(_document(_broken(before, after)))

    @pytest.mark.parametrize(
        ("before", "after", "shown"), [j[1:] for j in JOINED], ids=[j[0] for j in JOINED]
    )
    def test_break_inside_running_text_joins(self, before, after, shown):
        """A line break inside running text joins the pieces, with a space only between two
        Latin words."""
        assert [shown] == _lines(_document(_broken(before, after)))

    @pytest.mark.parametrize("date", ["2025年3月5日", "二〇二五年三月五日"])
    def test_signature_date_is_the_reference(self, tmp_path, date):
        """The signature's date, after a line break under the issuing body, is the plan's date."""
        path = tmp_path / "plan.docx"
        lines = ["某县巩固拓展脱贫攻坚成果工作方案", "一、重点任务", "（一）监测帮扶"]
        clause = "1.开展排查。6月底前完成。（牵头单位：县民政局）"
        path.write_bytes(
            _document(*[_p(line) for line in [*lines, clause]], _broken("某县人民政府", date))
        )

        plan, _ = parse_plan(path, overlay=None)

        assert dt.date(2025, 3, 5) == plan.reference_date
        assert ["县民政局"] == [t.lead.name for t in plan.tasks]

    @settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        day=st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)),
        chinese=st.booleans(),
        issuer=st.sampled_from(
            ["某县人民政府", "某县乡村振兴局", "中共某县委员会办公室", "特此通知。"]
        ),
    )
    def test_any_date_alone_keeps_its_line(self, day, chinese, issuer):
        """Any date written alone after a line break, in Arabic or Chinese numerals, stays a
        line of its own."""
        from xiaojie.parsing._numbering import format_number

        if chinese:
            year = format_number(day.year, "ideographDigital")
            month = format_number(day.month, "chineseCounting")
            date = f"{year}年{month}月{format_number(day.day, 'chineseCounting')}日"
        else:
            date = f"{day.year}年{day.month}月{day.day}日"

        assert [f"{issuer}\n{date}"] == _lines(_document(_broken(issuer, date)))

    @settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(
            st.text(alphabet="开展排查工作推进落实完成情况帮扶措施，。", min_size=1), min_size=2
        )
    )
    def test_running_text_joins(self, pieces):
        """Pieces of running text (no number, date, key, label or unit) read as one clause."""
        assert ["".join(pieces)] == _lines(_document(_broken(*pieces)))


RESTART = '<w:vMerge w:val="restart"/>'


def _table(*rows: str, columns: int = 2) -> str:
    return f"<w:tbl {W}><w:tblGrid>{'<w:gridCol/>' * columns}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


class TestTables:
    def test_vertical_merge_in_the_first_row(self):
        """A cell continuing a vertical merge with nothing above keeps its own text (no error)."""
        table = _table(f"<w:tr>{_tc('县民政局', '<w:vMerge/>')}{_tc('年底前')}</w:tr>")

        assert [[["县民政局", "年底前"]]] == _lines(_document(table))

    def test_vertical_merge_under_a_short_row(self):
        """A continuing cell under a row that has no cell there keeps its own text (no error)."""
        table = _table(
            f"<w:tr>{_tc('序号')}</w:tr>",
            f"<w:tr>{_tc('1')}{_tc('县人社局', '<w:vMerge/>')}</w:tr>",
        )

        assert [[["序号"], ["1", "县人社局"]]] == _lines(_document(table))

    def test_vertical_merge_gives_every_row_its_lead(self):
        """A lead unit merged down two rows leads both."""
        table = _table(
            "<w:tr>" + _tc("县民政局", RESTART) + _tc("排查") + "</w:tr>",
            f"<w:tr>{_tc('', '<w:vMerge/>')}{_tc('帮扶')}</w:tr>",
        )

        assert [[["县民政局", "排查"], ["县民政局", "帮扶"]]] == _lines(_document(table))

    def test_row_shifted_right_keeps_its_columns(self):
        """A row that starts one grid column later (w:gridBefore) keeps its cells in their columns."""
        table = _table(
            f"<w:tr>{_tc('序号')}{_tc('牵头单位')}</w:tr>",
            f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{_tc("县民政局")}</w:tr>',
        )

        assert [[["序号", "牵头单位"], ["", "县民政局"]]] == _lines(_document(table))

    def test_nested_table_and_frame(self):
        """A table nested in a cell is read into the cell, a row a line; a one-cell table around
        the text is read as the text and tables it holds."""
        inner = _table(f"<w:tr>{_tc('县民政局')}{_tc('县财政局')}</w:tr>").replace(f" {W}", "")
        outer = _table(
            f"<w:tr>{_tc('配合单位')}<w:tc><w:p><w:r><w:t>见下</w:t></w:r></w:p>{inner}<w:p/></w:tc></w:tr>"
        )
        frame = _table(
            f"<w:tr><w:tc><w:p><w:r><w:t>一、重点任务</w:t></w:r></w:p>{inner}<w:p/></w:tc></w:tr>",
            columns=1,
        )

        assert [
            [["配合单位", "见下\n县民政局 | 县财政局\n"]],
            "一、重点任务",
            [["县民政局", "县财政局"]],
            "",
        ] == _lines(_document(outer, frame))
