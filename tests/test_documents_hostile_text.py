"""Names and titles with line breaks, control characters or lone surrogates: loaded or refused, then written.

A plan file may hold a title on two lines (a TOML ``\"\"\"…\"\"\"`` string), Word's cell mark U+0007
pasted into a task's title, or a lone surrogate escaped in JSON (``"\\ud800"``). The loader folds
a name or title to one line and drops its control characters, and refuses a lone surrogate
anywhere, naming the field; the parser's line normalisation drops control and formatting
characters; the iCalendar and Word writers make whatever text they are given writable (one-line
calendar names, masked; no character XML cannot hold; a document property of at most 255
characters).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import unicodedata
from typing import Any

import attrs
import docx
import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import xiaojie as xj
from xiaojie.cli import main
from xiaojie.dates import Period
from xiaojie.errors import PlanFileError
from xiaojie.io import _mapping, plan_from_mapping, plan_to_mapping
from xiaojie.model import (
    Campaign,
    Milestone,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Task,
    UnitRegistry,
)
from xiaojie.parsing import parse_plan
from xiaojie.parsing._text import normalize_line
from xiaojie.render import (
    Document,
    Heading,
    Paragraph,
    Table,
    division_table,
    timeline_svg,
    to_csv,
    to_docx,
    to_html,
    to_ics,
    to_markdown,
    to_text,
    to_xlsx,
    unit_sheet,
)


PHONE = "13995127788"
TWO_LINE_TITLE = "某县巩固拓展脱贫攻坚成果\n攻坚行动方案"


def small_plan(**names: str) -> dict[str, Any]:
    """Return the mapping of a small plan, with some of its names and titles replaced.

    The unit is named in lists by its alias, so that its name appears in one field only.
    """
    given_names = {
        "title": "某县巩固拓展脱贫攻坚成果行动方案",
        "unit": "县农业农村局",
        "campaign": "实施问题整改清零攻坚行动",
        "task": "开发公益岗位",
        "milestone": "召开推进会",
        **names,
    }
    return {
        "schema": "xiaojie-plan/1",
        "plan": {"id": "small", "title": given_names["title"], "reference_date": "2025-06-01"},
        "units": [{"id": "agriculture", "name": given_names["unit"], "aliases": ["农业局"]}],
        "campaigns": [{"number": 1, "name": given_names["campaign"], "short_name": "整改"}],
        "tasks": [
            {
                "number": 1,
                "title": given_names["task"],
                "text": "开发公益岗位,托底安置就业。",
                "campaign": 1,
                "units": ["农业局"],
            }
        ],
        "milestones": [
            {
                "id": "meeting",
                "title": given_names["milestone"],
                "when": {"text": "7月底前", "end": "2025-07-31"},
                "owners": ["农业局"],
                "task": 1,
            }
        ],
    }


PATHS = {
    "title": "plan.title",
    "unit": "units[0].name",
    "campaign": "campaigns[0].name",
    "task": "tasks[0].title",
    "milestone": "milestones[0].title",
}
"""Where each replaced name is in the file, as an error names it."""


def python_plan(*, title: str, unit_name: str, milestone_title: str, text: str = "") -> Plan:
    """Return a small plan built in Python (no loader folds or checks its names)."""
    unit = ResponsibleUnit(id="agriculture", name=unit_name, aliases=("农业局",))
    return Plan(
        id="small",
        title=title,
        reference_date=dt.date(2025, 6, 1),
        units=UnitRegistry((unit,)),
        campaigns=(Campaign(number=1, name="实施问题整改清零攻坚行动"),),
        tasks=(
            Task(
                number=1,
                title="开发公益岗位",
                campaign=1,
                responsibilities=(Responsibility(unit, Role.LEAD),),
            ),
        ),
        milestones=(
            Milestone(
                id="meeting",
                title=milestone_title,
                when=Period(None, dt.date(2025, 7, 31), text="7月底前"),
                owners=(unit,),
                task=1,
                text=text,
            ),
        ),
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def calendar_name(feed: bytes) -> str:
    """Return the ``X-WR-CALNAME`` line's value of an iCalendar feed (its folded lines joined)."""
    unfolded = feed.replace(b"\r\n ", b"")
    lines = [line for line in unfolded.split(b"\r\n") if line.startswith(b"X-WR-CALNAME:")]
    assert 1 == len(lines)
    return lines[0].removeprefix(b"X-WR-CALNAME:").decode()


def docx_texts(data: bytes) -> list[str]:
    """Return the text of every paragraph, table cell, header and footer of a DOCX file."""
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        texts.extend(p.text for p in section.header.paragraphs)
        texts.extend(p.text for p in section.footer.paragraphs)
    return texts


class TestLoadingText:
    """The plan loader: a lone surrogate refused, names and titles on one line."""

    def test_lone_surrogate_in_json_unit_name_is_refused_at_its_path(self, tmp_path):
        """A JSON plan file whose unit name holds ``\\ud800`` is refused, naming ``units[0].name``."""
        data = small_plan(unit="县农业\ud800农村局")
        path = tmp_path / "plan.json"
        path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")

        with pytest.raises(PlanFileError) as caught:
            xj.load_plan(path)

        expected = (
            "units[0].name: expected text of whole Unicode characters, found the lone surrogate "
            "U+D800 (half a character) at character 4 of '县农业\\ud800农村局'"
        )
        assert [expected] == [str(p) for p in caught.value.problems]

    @pytest.mark.parametrize(
        ("change", "path"),
        [
            (lambda d: d["units"][0]["aliases"].append("农\udc00局"), "units[0].aliases[1]"),
            (lambda d: d["tasks"][0]["units"].append("农\ud800局"), "tasks[0].units[1]"),
            (lambda d: d["tasks"][0].update(text="开发\ud800岗位"), "tasks[0].text"),
            (
                lambda d: d["milestones"][0]["when"].update(text="7月\ud800"),
                "milestones[0].when.text",
            ),
            (lambda d: d["milestones"][0].update(when="7月底前\udfff"), "milestones[0].when"),
            (lambda d: d["plan"].update(issuer="县\ud800委"), "plan.issuer"),
            (
                lambda d: d.update(lineage={"parent": "p", "links": {"meeting\ud800": "m"}}),
                "lineage.links.'meeting\\ud800'",
            ),
        ],
    )
    def test_lone_surrogate_anywhere_is_refused_at_its_path(self, change, path):
        """A lone surrogate in any string of the file is refused, naming the field's path."""
        data = small_plan()
        change(data)

        with pytest.raises(PlanFileError) as caught:
            plan_from_mapping(data, source="plan.json")

        assert [path] == [p.path for p in caught.value.problems]
        assert "lone surrogate" in caught.value.problems[0].found
        str(caught.value).encode()  # the message itself can be printed

    def test_cli_reports_lone_surrogate_without_traceback(self, tmp_path, capsys):
        """``xiaojie show`` of such a file prints one located error and exits 1."""
        path = tmp_path / "plan.json"
        path.write_text(json.dumps(small_plan(unit="县\ud800局")), encoding="utf-8")

        code, out, err = run(capsys, "--plan", str(path), "show")

        assert 1 == code
        assert "" == out
        assert "Traceback" not in err
        assert f"error: {path}: units[0].name: expected text of whole Unicode characters" in err

    def test_multi_line_toml_title_is_folded(self, tmp_path):
        """A TOML title on two lines is read as one, the lines joined (two Chinese characters meet)."""
        data = plan_to_mapping(plan_from_mapping(small_plan()))
        path = tmp_path / "plan.toml"
        xj.save_plan(plan_from_mapping(data), path)
        text = path.read_text(encoding="utf-8").replace(
            'title = "某县巩固拓展脱贫攻坚成果行动方案"',
            'title = """\n某县巩固拓展脱贫攻坚成果\n    攻坚行动方案\n"""',
        )
        path.write_text(text, encoding="utf-8")

        assert "某县巩固拓展脱贫攻坚成果攻坚行动方案" == xj.load_plan(path).title

    @pytest.mark.parametrize(
        ("written", "read"),
        [
            (TWO_LINE_TITLE, "某县巩固拓展脱贫攻坚成果攻坚行动方案"),
            ("Action\r\nPlan", "Action Plan"),
            ("方案\u2028(2025)", "方案 (2025)"),
            ("  \n开发公益岗位\t\n", "开发公益岗位"),
            ("开发公益\x07岗位", "开发公益岗位"),
            ("开发\x00公益\x0b岗位\x85\x9f\ufffe", "开发公益岗位"),
            ("开发\t公益岗位", "开发\t公益岗位"),
        ],
    )
    def test_names_and_titles_are_one_line_without_control_characters(self, written, read):
        """Every name and title is folded to one line and loses its control characters."""
        plan = plan_from_mapping(
            small_plan(title=written, unit=written, campaign=written, task=written)
        )

        assert read == plan.title
        assert read == plan.units.by_id("agriculture").name
        assert read == plan.campaigns[0].name
        assert read == plan.task(1).title

    def test_name_of_only_control_characters_is_refused(self):
        """A title that is nothing once its control characters and line breaks go is refused."""
        with pytest.raises(PlanFileError) as caught:
            plan_from_mapping(small_plan(task="\x07\n"), source="plan.toml")

        expected = (
            "tasks[0].title: expected the task's title, found '\\x07\\n', empty once control "
            "characters, invisible formatting characters and line breaks are dropped"
        )
        assert [expected] == [str(p) for p in caught.value.problems]

    def test_other_text_is_kept_as_written(self):
        """A task's text keeps its line breaks and control characters: saved, it loads the same."""
        data = small_plan()
        data["tasks"][0]["text"] = "第一段\x07\n第二段"
        data["plan"]["publisher"] = "县\x1f人民政府"

        plan = plan_from_mapping(data)

        assert "第一段\x07\n第二段" == plan.task(1).text
        assert plan == plan_from_mapping(plan_to_mapping(plan))

    def test_quick_and_detailed_readers_agree(self, monkeypatch):
        """Names read the quick way are read as the detailed reader reads them."""
        data = small_plan(
            unit="农业\n农村局", task="开发\x07公益\r\n岗位", milestone="召开\n推进会"
        )
        data["units"][0]["aliases"] = ["农业局", "农业\n局\x07"]
        quick = plan_from_mapping(copy.deepcopy(data))
        monkeypatch.setattr(_mapping, "_QUICK", False)

        assert quick == plan_from_mapping(data)
        assert ("农业农村局", "农业局", "农业局") == quick.units.by_id("agriculture").names


class TestSavingText:
    """Saving a plan built in Python whose text no file can hold."""

    def test_save_refuses_lone_surrogate_and_keeps_existing_file(self, tmp_path):
        """A lone surrogate is refused naming its field; the file saved before is untouched."""
        plan = plan_from_mapping(small_plan())
        path = xj.save_plan(plan, tmp_path / "plan.toml")
        before = path.read_bytes()

        with pytest.raises(PlanFileError) as caught:
            xj.save_plan(attrs.evolve(plan, publisher="县\ud800政府"), path)

        assert ["plan.publisher"] == [p.path for p in caught.value.problems]
        assert before == path.read_bytes()
        assert ["plan.toml"] == [p.name for p in tmp_path.iterdir()]


class TestCalendarText:
    """iCalendar feeds: one-line, masked names; no control character."""

    def test_multi_line_title_gives_one_line_calendar_name(self):
        """A title and a unit name on two lines (a plan built in Python) give one-line feed names."""
        plan = python_plan(
            title="某县巩固拓展脱贫攻坚成果\r\n攻坚行动方案",
            unit_name="Agriculture\n  Bureau",
            milestone_title="召开\n推进会",
        )

        whole, own = to_ics(plan), to_ics(plan, unit="农业局")
        summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(own).walk("VEVENT")]

        # folded as the plan-file loader folds them: nothing between two wide characters
        assert "某县巩固拓展脱贫攻坚成果攻坚行动方案" == calendar_name(whole)
        assert "Agriculture Bureau — 某县巩固拓展脱贫攻坚成果攻坚行动方案" == calendar_name(own)
        assert ["召开推进会(7月底前)"] == summaries

    def test_calendar_name_is_masked(self):
        """A telephone number in the plan's title is masked in the feed's name."""
        plan = plan_from_mapping(small_plan(title=f"某县方案(联系电话{PHONE})"))

        for feed in (to_ics(plan), to_ics(plan, unit="农业局")):
            assert PHONE not in calendar_name(feed)
            assert "139****7788" in calendar_name(feed)

    def test_control_characters_do_not_reach_the_feed(self):
        """Control characters in a title and a text are dropped; the feed parses."""
        plan = python_plan(
            title="某县\x0b方案",
            unit_name="县农业农村局",
            milestone_title="召开\x07推进会\r",
            text="第一段\r第二段\x00\ud800",
        )

        feed = to_ics(plan)
        event = next(iter(Calendar.from_ical(feed).walk("VEVENT")))

        assert not any(chr(c).encode() in feed for c in (*range(9), 11, 12, *range(14, 32)))
        assert "召开推进会(7月底前)" == str(event["SUMMARY"])
        assert str(event["DESCRIPTION"]).startswith("第一段\n第二段\ufffd\n")
        assert "某县方案" == calendar_name(feed)

    def test_cli_export_ics_of_a_two_line_title(self, tmp_path, capsys):
        """``xiaojie export --format ics`` of a TOML plan whose title is on two lines succeeds."""
        path = xj.save_plan(plan_from_mapping(small_plan()), tmp_path / "plan.toml")
        text = path.read_text(encoding="utf-8").replace(
            'title = "某县巩固拓展脱贫攻坚成果行动方案"', 'title = """某县巩固拓展\n行动方案"""'
        )
        path.write_text(text, encoding="utf-8")

        code, out, err = run(capsys, "--plan", str(path), "export", "--format", "ics")

        assert 0 == code, err
        assert "X-WR-CALNAME:某县巩固拓展行动方案\r\n" in out


class TestWordText:
    """DOCX: nothing XML cannot hold; a document property of at most 255 characters."""

    def test_control_characters_are_dropped(self):
        """NUL, U+0007, U+000B and a lone surrogate anywhere in a document are dropped."""
        document = Document(
            slug="t",
            title="通报\x07",
            blocks=[
                Heading("一、总体\x00情况"),
                Paragraph("各项工作\x0b有序推进\ud800。"),
                Table(name="t", columns=["单位\x07", "逾期"], rows=[["财政\x1f厅", "1\uffff"]]),
            ],
        )

        texts = docx_texts(to_docx(document, running_header="农业\x07局", preface=["县\x00发"]))

        for expected in ("通报", "一、总体情况", "各项工作有序推进。", "单位", "财政厅", "1"):
            assert expected in texts
        assert "农业局" in texts
        assert "县发" in texts

    def test_telephone_split_by_a_control_character_is_masked(self):
        """A number a control character splits is masked once the character is dropped."""
        document = Document(slug="t", title="通报", blocks=[Paragraph("联系电话139\x0795127788")])

        texts = docx_texts(to_docx(document))

        assert "联系电话139****7788" in texts
        assert not any(PHONE in t for t in texts)

    def test_parsed_plan_with_a_cell_mark(self):
        """A plan parsed from text with Word's cell mark in a task's title writes as DOCX."""
        plan = plan_from_mapping(small_plan())
        text = (
            "某县巩固拓展脱贫攻坚成果行动方案\n一、重点任务\n(一)实施问题整改清零攻坚行动\n"
            "1.开发公益\x07岗位。托底安置就业。(责任单位:县农业农村局)\n"
        )
        parsed, _ = parse_plan(text, reference=dt.date(2025, 6, 1))

        texts = docx_texts(to_docx(division_table(parsed)))

        assert any("开发公益岗位" in t for t in texts)
        assert plan.title == parsed.title

    def test_long_unit_name_shortens_the_property_title_only(self):
        """A 任务清单 of a unit with a 300-character name: property title cut to 255, page title whole."""
        name = "农" * 300
        plan = plan_from_mapping(small_plan(unit=name))

        data = to_docx(unit_sheet(plan, "农业局"))
        document = docx.Document(io.BytesIO(data))

        assert 255 == len(document.core_properties.title)
        assert document.core_properties.title.endswith("农…")
        assert f"{name} 任务清单" in [p.text for p in document.paragraphs]

    def test_property_title_keeps_a_combining_mark_with_its_letter(self):
        """A cut never parts a letter from the combining mark after it."""
        title = "a" * 253 + "e\u0301" + "b" * 10

        data = to_docx(Document(slug="t", title=title, blocks=[]))
        stored = docx.Document(io.BytesIO(data)).core_properties.title

        assert "a" * 253 + "…" == stored


class TestParsingText:
    """The parser's line normalisation drops control and formatting characters."""

    @pytest.mark.parametrize(
        "char",
        ["\x00", "\x07", "\x1b", "\x7f", "\x80", "\x9f", "\u202e", "\u2066", "\u061c", "\u2063"],
    )
    def test_line_normalisation_drops_the_character(self, char):
        """A control, bidirectional or invisible formatting character is dropped from a line."""
        line = normalize_line(f"1.开发公益{char}岗位。")

        assert "1.开发公益岗位。" == line.text
        assert 8 == line.column(line.text.index("岗"))

    def test_lone_surrogate_becomes_the_replacement_character(self):
        """A lone surrogate (a text decoded with surrogateescape) is written as U+FFFD."""
        assert "开发\ufffd岗位" == normalize_line("开发\udc80岗位").text

    def test_parsed_plan_has_no_control_character(self):
        """Text pasted from Word (cell marks, a bidi mark) gives a plan whose titles have none."""
        text = (
            "某县\u202e方案\n一、重点任务\n(一)实施问题整改清零攻坚行动\x07\n"
            "1.开发公益\x07岗位\x00。托底安置就业。(责任单位:县农业农村局)\n"
        )
        plan, _ = parse_plan(text, reference=dt.date(2025, 6, 1))

        titles = [plan.title, *(c.name for c in plan.campaigns), *(t.title for t in plan.tasks)]
        assert titles
        assert all(t.isprintable() for t in titles)


ANY_CHARACTER = st.characters(exclude_categories=())
"""Any character (Hypothesis draws no surrogates: :data:`SPECIAL` adds two)."""
SPECIAL = st.sampled_from(
    [
        *("\x00", "\x07", "\x0b", "\n", "\r", "\t", "\x85", "\u2028", "\ud800", "\udfff"),
        *("\ufffe", "\u202e", "\u200b", "\u3000", "\u0301", "<", "&", "=", '"', "\\", " ", "农"),
    ]
)
ANY_TEXT = st.text(ANY_CHARACTER | SPECIAL, max_size=40)


def load_or_refuse(data: dict[str, Any]) -> Plan | PlanFileError:
    """Return the plan of ``data``, or the error that refuses it."""
    try:
        return plan_from_mapping(data, source="plan.json")
    except PlanFileError as err:
        return err


# each example renders every format of a plan (about 0.3 s): a fifth of the profile's examples
@settings(max_examples=max(12, settings.default.max_examples // 5), deadline=None)
@given(field=st.sampled_from(sorted(PATHS)), text=ANY_TEXT)
@example(field="title", text=TWO_LINE_TITLE)
@example(field="unit", text="农" * 300)
@example(field="task", text="\ud800")
@example(field="milestone", text="\x07")
@example(field="unit", text="农业\x0b局\u2029")
def test_any_name_loads_and_renders_or_is_refused_at_its_field(field, text):
    """Any text as a name or title loads and renders in every format, or is refused naming the field."""
    plan = load_or_refuse(small_plan(**{field: text}))
    if isinstance(plan, PlanFileError):
        assert {PATHS[field]} == {p.path for p in plan.problems}
        str(plan).encode()
        return
    as_of = dt.date(2025, 8, 1)
    documents = [division_table(plan), unit_sheet(plan, "农业局")]
    written: list[str | bytes] = [to_ics(plan), to_ics(plan, unit="农业局")]
    written.append(timeline_svg(plan, as_of=as_of))
    for document in documents:
        written.extend((to_markdown(document), to_html(document), to_text(document)))
        written.extend(to_csv(table) for table in document.tables())
        written.append(to_docx(document, running_header=text))
    written.append(to_xlsx(documents))

    for output in written:
        if isinstance(output, str):
            output.encode()
    for feed in written[:2]:
        assert isinstance(feed, bytes)
        Calendar.from_ical(feed)
        assert "\n" not in calendar_name(feed)
    for document in documents:
        assert docx_texts(to_docx(document))
    assert isinstance(written[-1], bytes)
    openpyxl.load_workbook(io.BytesIO(written[-1]))
    names = [plan.title, plan.units.by_id("agriculture").name, plan.task(1).title]
    assert all(unicodedata.category(c) not in {"Cc", "Cs"} or c == "\t" for n in names for c in n)
