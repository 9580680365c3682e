"""Control, bidirectional and invisible characters: one rule for the model and every format.

A name or title (a unit's name, a task's title …) is on one line without control characters or
invisible formatting characters, however the plan came in: parsed, loaded from a plan file, or
built in Python, so a plan saved and loaded again is the plan that was saved. Every document
format drops the same characters from any other text, so HTML, Markdown, CSV, XLSX, DOCX, plain
text and iCalendar all show the same words.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import xiaojie as xj
from xiaojie._privacy import scrub
from xiaojie.dates import Period
from xiaojie.errors import PlanFileError, PlanValidationError
from xiaojie.io import plan_from_mapping, plan_to_mapping
from xiaojie.io._tabular import csv_text
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
from xiaojie.render import (
    Document,
    Table,
    division_table,
    to_csv,
    to_docx,
    to_html,
    to_ics,
    to_markdown,
    to_text,
    to_xlsx,
)


INVISIBLE = (
    *("\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"),
    *("\u00ad", "\u061c", "\u180e", "\u200b", "\u200e", "\u200f", "\u202a", "\u202e"),
    *("\u2060", "\u2066", "\u2069", "\ufeff", "\ufffe", "\uffff"),
)
"""Characters no document shows: controls, bidirectional and invisible formatting characters."""
ODD = st.sampled_from(
    [
        *INVISIBLE,
        *("\n", "\r", "\t", "\u2028", "\u2029", " ", "\u3000", "\xa0", "\u0301"),
        *("<", "&", "|", "\\", "*", "=", "+", "-", "@", "'", '"', ",", ";", "#", "_"),
        *("农", "Ａ", "Ａ", "１", "0", "7", "\U0001f600", "\u05d0", "\u0627"),
    ]
)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)) | ODD, max_size=30)
"""Any text without a lone surrogate (which no file holds: saving one is refused)."""
ONE_LINE_TEXT = ANY_TEXT.map(lambda words: re.sub(r"[\n\r\u2028\u2029]", "", words))
"""Any text without a line break (which Markdown shows as a space, the others as a break)."""
CONTROL_OR_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    r"\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]"
)
"""What no name holds (tab aside; line ends too, since a name is one line)."""
AS_OF = dt.date(2025, 8, 1)


def built_plan(*, unit_name: str = "县农业农村局", task_title: str = "开发公益岗位") -> Plan:
    """Return a small plan built in Python, no loader in between."""
    unit = ResponsibleUnit(id="agriculture", name=unit_name, aliases=("农业局",))
    return Plan(
        id="small",
        title="某县巩固拓展脱贫攻坚成果行动方案",
        reference_date=dt.date(2025, 6, 1),
        units=UnitRegistry((unit,)),
        campaigns=(Campaign(number=1, name="实施问题整改清零攻坚行动"),),
        tasks=(
            Task(
                number=1,
                title=task_title,
                campaign=1,
                responsibilities=(Responsibility(unit, Role.LEAD),),
            ),
        ),
        milestones=(
            Milestone(
                id="meeting",
                title="召开推进会",
                when=Period(None, dt.date(2025, 7, 31), text="7月底前"),
                owners=(unit,),
                task=1,
            ),
        ),
    )


def built_or_refused(*, unit_name: str, task_title: str) -> Plan | PlanValidationError:
    """Return :func:`built_plan` of the names, or the error that refuses one."""
    try:
        return built_plan(unit_name=unit_name, task_title=task_title)
    except PlanValidationError as err:
        return err


def saved_and_loaded(plan: Plan, suffix: str) -> Plan:
    """Return ``plan`` saved as a plan file and loaded again."""
    with tempfile.TemporaryDirectory() as folder:
        return xj.load_plan(xj.save_plan(plan, Path(folder) / f"plan{suffix}"))


# --- reading each format back --------------------------------------------------------------


class _Rows(HTMLParser):
    """The rows of an HTML page's tables, each cell's text as a browser reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_rows(page: str) -> list[list[str]]:
    parser = _Rows()
    parser.feed(page)
    return parser.rows


def _markdown_cells(line: str) -> list[str]:
    """Split a pipe-table line into cells, each unescaped (``\\x`` is ``x``; ``&amp;`` is ``&``)."""
    cells, cell, k = [], [], 1
    while k < len(line):
        char = line[k]
        if char == "\\":
            cell.append(line[k + 1])
            k += 2
            continue
        if char == "|":
            cells.append("".join(cell).strip())
            cell = []
        else:
            cell.append(char)
        k += 1
    entities = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
    return [re.sub(r"&(?:amp|lt|gt);", lambda m: entities[m.group()], c) for c in cells]


def markdown_rows(page: str) -> list[list[str]]:
    return [_markdown_cells(line) for line in page.splitlines() if line.startswith("|")]


def csv_rows(data: bytes) -> list[list[str]]:
    return [[csv_text(c) for c in row] for row in csv.reader(io.StringIO(data.decode("utf-8-sig")))]


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def xlsx_rows(data: bytes) -> list[list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [[_shown(c.value) for c in row] for sheet in book for row in sheet.iter_rows()]


def docx_rows(data: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(data))
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows]


def row_of(rows: list[list[str]], first: str) -> list[str]:
    """Return the one row whose first cell is ``first`` (a task's number)."""
    found = [row for row in rows if row and row[0] == first]
    assert 1 == len(found), rows
    return found[0]


def ics_description(feed: bytes) -> str:
    event = next(iter(Calendar.from_ical(feed).walk("VEVENT")))
    return str(event["DESCRIPTION"])


def ics_calendar_name(feed: bytes) -> str:
    return str(Calendar.from_ical(feed)["X-WR-CALNAME"])


# --- the model ---------------------------------------------------------------------------------


class TestNamesInTheModel:
    """A name or title built in Python is held as a plan file reads it."""

    @pytest.mark.parametrize(
        ("written", "held"),
        [
            ("县农业\x07农村局", "县农业农村局"),
            ("县农业农村局\u202e", "县农业农村局"),
            ("县\u200b农业\u2066农村局\u2069", "县农业农村局"),
            ("县农业\n农村局", "县农业农村局"),
            ("Agriculture\r\n  Bureau", "Agriculture Bureau"),
            ("  县农业农村局\u3000", "县农业农村局"),
            ("县农业\t农村局", "县农业\t农村局"),
        ],
    )
    def test_unit_name_and_task_title_are_held_as_read(self, written, held):
        """Control, invisible and bidirectional characters go, lines are joined, ends stripped."""
        plan = built_plan(unit_name=written, task_title=written)

        assert held == plan.units.by_id("agriculture").name
        assert held == plan.task(1).title

    def test_python_plan_with_a_cell_mark_saves_a_file_that_loads_as_it(self):
        """A unit name holding Word's cell mark: its saved file loads, and as the same plan.

        Before, the file held the mark in the task's unit list but not in the unit's name, so
        it did not load at all ("expected a unit or group of the plan").
        """
        plan = built_plan(unit_name="县农业\x07农村局\u202e", task_title="开发\x1b[31m公益岗位")

        for suffix in (".toml", ".json"):
            assert plan == saved_and_loaded(plan, suffix)

    @pytest.mark.parametrize(
        ("make", "path"),
        [
            (lambda: Campaign(number=1, name="\x07\u202e "), "name"),
            (lambda: built_plan(task_title="\n\u200b\t"), "title"),
            (lambda: built_plan(unit_name="   "), "name"),
            (
                lambda: ResponsibleUnit(id="a", name="农业局", aliases=("农业", "\x0b")),
                "aliases[1]",
            ),
        ],
    )
    def test_a_name_of_nothing_visible_is_refused_naming_the_field(self, make, path):
        """A name that is only control, invisible or space characters is refused, naming it."""
        with pytest.raises(PlanValidationError, match="expected text with visible characters") as e:
            make()

        assert path == e.value.path
        assert "empty once control characters" in e.value.found

    def test_a_plan_file_title_of_spaces_is_refused(self):
        """A plan file whose task title is only spaces is refused (it loaded as a blank title)."""
        data = plan_to_mapping(built_plan())
        data["tasks"][0]["title"] = "   "

        with pytest.raises(PlanFileError) as caught:
            plan_from_mapping(data, source="plan.json")

        assert ["tasks[0].title"] == [p.path for p in caught.value.problems]
        assert "'   '" in caught.value.problems[0].found


@settings(max_examples=max(20, settings.default.max_examples // 2), deadline=None)
@given(unit_name=ANY_TEXT, task_title=ANY_TEXT)
@example(unit_name="县农业\x07农村局", task_title="开发公益岗位\u202e")
@example(unit_name="农业\r\n农村局", task_title="\x00")
def test_any_name_survives_saving_or_is_refused_naming_the_field(unit_name, task_title):
    """Any unit name and task title: refused naming the field, or the saved plan loads equal."""
    plan = built_or_refused(unit_name=unit_name, task_title=task_title)
    if isinstance(plan, PlanValidationError):
        given_text = {"name": unit_name, "title": task_title}[plan.path]
        assert not CONTROL_OR_INVISIBLE.sub("", given_text).strip()
        return
    names = [plan.units.by_id("agriculture").name, plan.task(1).title]

    assert all(n == n.strip() and not CONTROL_OR_INVISIBLE.search(n) for n in names)
    assert plan == plan_from_mapping(plan_to_mapping(plan))
    assert plan == saved_and_loaded(plan, ".toml")
    assert plan == saved_and_loaded(plan, ".json")


# --- every format shows the same words -----------------------------------------------------


# each example renders six formats of a plan: a third of the profile's examples
@settings(max_examples=max(12, settings.default.max_examples // 3), deadline=None)
@given(unit_name=ANY_TEXT, task_title=ANY_TEXT)
@example(unit_name="县农业\x07农村局", task_title="开发公益\x07岗位")
@example(unit_name="县农业农村局\u202e", task_title="=cmd|' /C calc'!A0")
@example(unit_name="农业|<b>局</b>", task_title="\\*开发* [公益](x) &amp;")
@example(unit_name="县农业农村局", task_title="007")
def test_any_name_shows_the_same_in_every_format(unit_name, task_title):
    """A unit name and a task title read back the same from HTML, Markdown, CSV, XLSX, DOCX, ICS."""
    plan = built_or_refused(unit_name=unit_name, task_title=task_title)
    if isinstance(plan, PlanValidationError):
        return  # a name of nothing visible (see the test above)
    unit, title = scrub(plan.units.by_id("agriculture").name), scrub(plan.task(1).title)
    table = division_table(plan)
    expected = ["1", title, unit, "", "7月底前"]

    rows = {
        "html": row_of(html_rows(to_html(table)), "1"),
        "markdown": row_of(markdown_rows(to_markdown(table)), "1"),
        "csv": row_of(csv_rows(to_csv(table)), "(一)实施问题整改清零攻坚行动")[1:],
        "xlsx": row_of(xlsx_rows(to_xlsx(table)), "(一)实施问题整改清零攻坚行动")[1:],
        "docx": row_of(docx_rows(to_docx(table)), "1"),
    }
    feed = to_ics(plan, unit="农业局")

    assert dict.fromkeys(rows, expected) == rows
    assert f"{unit} — {scrub(plan.title)}" == ics_calendar_name(feed)
    assert f"所属任务: 1.{title}\n责任单位: {unit}" in ics_description(feed)


def _free_text_cells(words: str) -> dict[str, str]:
    """Return the text of a table cell holding ``words`` as each format reads it back."""
    document = Document(
        slug="t",
        title="通报",
        blocks=[Table(name="t", columns=["序号", "备注"], rows=[["1", words]])],
    )
    text_line = to_text(document).splitlines()[-1]
    return {
        "html": row_of(html_rows(to_html(document)), "1")[1].strip(),
        "markdown": row_of(markdown_rows(to_markdown(document)), "1")[1],
        "csv": row_of(csv_rows(to_csv(document)), "1")[1].strip(),
        "xlsx": row_of(xlsx_rows(to_xlsx(document)), "1")[1].strip(),
        "docx": row_of(docx_rows(to_docx(document)), "1")[1].strip(),
        "text": text_line.removeprefix("1").strip(),
    }


class TestFreeText:
    """Text that is not a name (a remark, a task's text): the same characters dropped everywhere."""

    @pytest.mark.parametrize(
        "words",
        ["各项工作\x07有序推进", "各项\x1b[2J工作", "农业\u202e局", "工作\u200b推进\ufeff"],
    )
    def test_control_characters_are_dropped_in_every_format(self, words):
        """Word's cell mark, a terminal escape, a bidi override: dropped in every format.

        Before, HTML, Markdown, CSV and plain text wrote them as they were and XLSX as
        ``_x0007_``, while DOCX dropped the control characters.
        """
        cells = _free_text_cells(words)

        assert dict.fromkeys(cells, CONTROL_OR_INVISIBLE.sub("", words)) == cells

    @settings(max_examples=max(12, settings.default.max_examples // 3), deadline=None)
    @given(words=ONE_LINE_TEXT)
    def test_any_text_shows_the_same_in_every_format(self, words):
        """Any text on one line reads back the same from every format, without what none shows."""
        cells = _free_text_cells(words)
        shown = set(cells.values())

        assert 1 == len(shown), cells
        assert not any(CONTROL_OR_INVISIBLE.search(c) for c in shown)


def test_a_task_number_written_with_leading_zeros_stays_text_in_xlsx():
    """A cell ``007`` is the text ``007`` in a workbook, not the number 7 (``12`` is a number)."""
    table = Table(name="t", columns=["序号", "编号"], rows=[["12", "007"]])

    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table))).active

    assert [12, "007"] == [sheet["A2"].value, sheet["B2"].value]


def test_no_name_holds_a_character_unicode_calls_control_or_format():
    """The rule's characters are the Cc and bidi/invisible Cf characters a name could hold."""
    plan = built_plan(unit_name="".join(INVISIBLE) + "局", task_title="岗位" + "".join(INVISIBLE))

    for name in (plan.units.by_id("agriculture").name, plan.task(1).title):
        assert not [c for c in name if unicodedata.category(c) in {"Cc", "Cf"}]


@pytest.mark.parametrize(
    "twin",
    [
        "县农\u200b业局",
        "县农业局\u202e",
        "县农业局\u2069",
        "\ufeff县农业局",
        "ＡＢＣ局",
        "县农业局 ",
    ],
)
def test_two_units_that_look_alike_are_refused(twin):
    """A unit named as another but for an invisible character (or width, or a space) is refused.

    Before, ``县农\\u200b业局`` and ``县农业局\\u202e`` were accepted as units of their own,
    shown in every document with the same name as ``县农业局``.
    """
    first = "ABC局" if twin == "ＡＢＣ局" else "县农业局"

    with pytest.raises(PlanValidationError, match="names that belong to one unit only") as e:
        UnitRegistry((ResponsibleUnit(id="a", name=first), ResponsibleUnit(id="b", name=twin)))

    assert "units.b" == e.value.path
