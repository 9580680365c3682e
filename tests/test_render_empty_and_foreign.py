"""Documents with nothing to list, and documents of plans other than the bundled one.

An overdue report on a day nothing is overdue, the 任务清单 of a unit with no task, the status
of a unit with nothing open and the timeline of a plan that dates nothing have no table: each
says so in a sentence, and still gives a workbook and a CSV file (the table's header and the
sentence). A plan's timeline leaves out what the plan does not have. A campaign table written
on its own takes the plan's word for its parts, and a plan's period opens with its earliest
day, be it a start or an end.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import io
import json
import re
import tomllib
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie import load_plan, render
from xiaojie.dates import Period
from xiaojie.model import Milestone, Plan, ResponsibleUnit, UnitRegistry
from xiaojie.parsing import parse_plan
from xiaojie.render import Figure, Paragraph, Table
from xiaojie.tracking import status


CORPUS = Path(__file__).parent / "data" / "real"
MANIFEST = {
    d["slug"]: d
    for d in tomllib.loads((CORPUS / "MANIFEST.toml").read_text(encoding="utf-8"))["document"]
}

#: Plans with nothing dated: no phase, milestone, obligation or dated target.
UNDATED = ("cn-guofa-2018-38-zimaoqu", "sx-yuncheng-2017-yingji", "hb-jiayu-2021-fengong")
#: Plans with dated items, of a district, a city (traditional script) and a ministry.
DATED = ("sh-baoshan-2019-26-laji", "gd-dongguan-2021-54-jiuye-trad", "cn-guobanfa-2016-26-yigai")


@functools.cache
def parsed(slug: str) -> Plan:
    """Return the corpus text ``slug`` parsed with its manifest's reference date."""
    return parse_plan(CORPUS / f"{slug}.txt", reference=MANIFEST[slug]["reference"]).plan


def plans() -> list[str]:
    return ["bundled", *UNDATED, *DATED]


def plan_of(name: str) -> Plan:
    return load_plan() if name == "bundled" else parsed(name)


def _idle(plan: Plan) -> tuple[Plan, ResponsibleUnit]:
    """Return the plan with one more unit that answers for nothing, and that unit."""
    idle = ResponsibleUnit(id="idle_unit", name="闲置单位测试办")
    units = UnitRegistry((*plan.units.units, idle), plan.units.groups)
    return attrs.evolve(plan, units=units), idle


@functools.cache
def _filled_overdue(lang: str) -> render.Document:
    """Return the bundled plan's overdue report on a day with overdue items."""
    plan = load_plan()
    return render.overdue_report(plan, status(plan, as_of=dt.date(2025, 8, 1)), lang=lang)


def _workbook(data: bytes) -> list[tuple[str, list[list[object]]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [(s.title, [list(r) for r in s.iter_rows(values_only=True)]) for s in book.worksheets]


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _every_format(doc: render.Document) -> None:
    """Each page format renders the document and says the sentences that stand for tables."""
    sentences = [
        render.plain(b.text)
        for b in doc.blocks
        if isinstance(b, Paragraph) and b.instead_of is not None
    ]
    assert sentences
    assert render.to_docx(doc).startswith(b"PK")
    for page in (render.to_markdown(doc), render.to_html(doc), render.to_text(doc)):
        assert all(s in page for s in sentences)


def _header_and_words(doc: render.Document, table: Table, words: str) -> None:
    """The workbook and the CSV file of ``doc`` hold ``table``'s header and then ``words``."""
    header = [
        *([table.group_column] if table.group_column else []),
        *table.columns,
    ]
    [(sheet, rows)] = _workbook(render.to_xlsx(doc))
    assert doc.title == sheet
    assert header == rows[0]
    assert [words, *[None] * (len(header) - 1)] == rows[1]
    assert 2 == len(rows)
    lines = _csv(render.to_csv(doc))
    assert [header, [words, *[""] * (len(header) - 1)]] == lines


# --------------------------------------------------------------------------------------------
# Documents with no table still give a workbook and a CSV file
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", plans())
@settings(max_examples=5, deadline=None)
@given(years=st.integers(min_value=1, max_value=30), day=st.integers(min_value=0, max_value=364))
def test_an_overdue_report_with_nothing_overdue_is_a_workbook(name, years, day):
    """Before a plan's period nothing is overdue: the report is the header and 无逾期事项。"""
    plan = plan_of(name)
    as_of = dt.date(plan.period()[0].year - years, 1, 1) + dt.timedelta(days=day)
    snapshot = status(plan, as_of=as_of)
    assert not snapshot.overdue()
    for lang, words in (("zh", "无逾期事项。"), ("en", "Nothing is overdue.")):
        doc = render.overdue_report(plan, snapshot, lang=lang)

        assert not doc.tables()
        _every_format(doc)
        _header_and_words(doc, _filled_overdue(lang).tables()[0], words)


@pytest.mark.parametrize("name", plans())
def test_the_status_of_a_unit_with_nothing_open_is_a_workbook(name):
    """A unit with nothing overdue or due soon: its status is the header and the sentence."""
    plan = plan_of(name)
    snapshot = status(plan, as_of=dt.date(plan.period()[0].year - 3, 1, 1))
    owner = plan.owners_in_order()[0]
    doc = render.unit_status(plan, snapshot, owner)
    bundled = load_plan()
    filled = render.unit_status(bundled, status(bundled, as_of=dt.date(2025, 8, 1)), "财政厅")

    assert not doc.tables()
    _every_format(doc)
    _header_and_words(doc, filled.tables()[0], "无逾期或即将到期事项。")


@pytest.mark.parametrize("name", plans())
def test_the_list_of_a_unit_with_no_task_is_a_workbook(name):
    """The 任务清单 of a unit with no task: a sheet each for 牵头任务 and 配合任务, saying 无."""
    plan, idle = _idle(plan_of(name))
    word = render.campaign_word(plan)
    doc = render.unit_sheet(plan, idle)

    assert not doc.tables()
    _every_format(doc)
    sheets = _workbook(render.to_xlsx(doc))
    assert ["牵头任务", "配合任务"] == [s for s, _ in sheets]
    for _, rows in sheets:
        assert word in rows[0]
        assert "攻坚行动" not in rows[0] or word == "攻坚行动"
        assert ["无", *[None] * (len(rows[0]) - 1)] == rows[1]
        assert 2 == len(rows)
    with pytest.raises(render.RenderError, match=r"expected exactly one table for CSV, found 2"):
        render.to_csv(doc)


@pytest.mark.parametrize("slug", UNDATED)
def test_the_timeline_of_an_undated_plan_is_a_workbook(slug):
    """The timeline of a plan that dates nothing: the header of the dated items and a sentence."""
    plan = parsed(slug)
    doc = render.timeline(plan)
    header = render.timeline(load_plan()).tables()[1]

    _every_format(doc)
    _header_and_words(doc, header, "方案未规定实施阶段,也未给任何事项规定日期。")


def test_a_document_with_tables_keeps_a_sheet_for_each_empty_list():
    """A sentence standing for an empty table is a sheet in that table's place, tables or not."""
    plan = load_plan()
    snapshot = status(plan, as_of=dt.date(2025, 8, 1))  # overdue items, nothing due soon
    doc = render.status_report(plan, snapshot)

    stand_ins = [b for b in doc.blocks if isinstance(b, Paragraph) and b.instead_of is not None]
    assert [render.plain(b.text) for b in stand_ins] == ["近期无到期事项。"]
    assert len(doc.sheets()) == len(doc.tables()) + 1
    assert ["概况", "逾期事项", "即将到期事项(7日内)", "指标完成情况", "重点任务进展"] == [
        s for s, _ in _workbook(render.to_xlsx(doc))
    ]


# --------------------------------------------------------------------------------------------
# The timeline leaves out what the plan does not have
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", UNDATED)
def test_an_undated_plan_has_no_empty_table_or_chart(slug):
    """No header-only 实施阶段 or 时间节点总表, no empty gantt: one sentence says why."""
    plan = parsed(slug)
    for as_of in (None, plan.reference_date, plan.reference_date + dt.timedelta(days=900)):
        doc = render.timeline(plan, as_of=as_of)

        assert () == doc.tables()
        assert not any(isinstance(b, Figure) for b in doc.blocks)
        said = [b for b in doc.blocks if isinstance(b, Paragraph) and b.instead_of is not None]
        assert ["方案未规定实施阶段,也未给任何事项规定日期。"] == [
            render.plain(b.text) for b in said
        ]
        markdown = render.to_markdown(doc)
        assert "gantt" not in markdown
        assert "实施阶段" in markdown  # in the sentence only
        assert "## 实施阶段" not in markdown
        assert "时间节点总表" not in markdown
        page = render.to_html(doc)
        assert "<table" not in page
        assert "<svg" not in page
    english = render.to_markdown(render.timeline(plan, lang="en"))
    assert "The plan names no phases and gives no item a date." in english


@pytest.mark.parametrize("slug", UNDATED)
def test_the_site_of_an_undated_plan_has_no_empty_drawing(slug):
    """The site leaves out timeline.svg (and its link) when there is nothing to draw."""
    plan = parsed(slug)
    files = render.site_files(plan, formats=["html", "svg", "md"])
    paths = {f.path for f in files}

    assert "timeline.html" in paths
    assert "timeline.svg" not in paths
    index = next(f for f in files if f.path == "index.html").render().decode("utf-8")
    assert "timeline.svg" not in index
    timeline_md = next(f for f in files if f.path == "markdown/timeline.md").render()
    assert b"gantt" not in timeline_md


@pytest.mark.parametrize("name", ["bundled", *DATED])
def test_a_dated_plan_keeps_only_filled_tables(name):
    """A dated plan's timeline has the drawing and only tables with rows; 实施阶段 only with phases."""
    plan = plan_of(name)
    doc = render.timeline(plan)
    names = [t.name for t in doc.tables()]

    assert all(t.rows for t in doc.tables())
    assert ("phases" in names) == bool(plan.phases)
    assert ("deadlines" in names) == bool(render.dated_items(plan))
    assert any(isinstance(b, Figure) for b in doc.blocks) == bool(plan.phases or plan.milestones)
    assert not any(isinstance(b, Paragraph) and b.instead_of is not None for b in doc.blocks)


def test_a_plan_with_milestones_and_no_phases_has_no_phase_table():
    """Phases left out, milestones kept: the drawing and 时间节点总表, no empty 实施阶段."""
    bundled = load_plan()
    milestones = [attrs.evolve(m, phase=None) for m in bundled.milestones]
    plan = attrs.evolve(bundled, phases=[], milestones=milestones)
    doc = render.timeline(plan)

    assert ["deadlines"] == [t.name for t in doc.tables()]
    assert "## 实施阶段" not in render.to_markdown(doc)
    assert any(isinstance(b, Figure) for b in doc.blocks)


# --------------------------------------------------------------------------------------------
# A campaign table on its own is named with the plan's word for its parts
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bundled", *DATED, *UNDATED])
def test_a_bare_campaign_table_takes_the_plans_word(name):
    """to_xlsx of a campaign's bare table names its sheet 工作方面-N unless the plan says 攻坚行动."""
    plan = plan_of(name)
    word = render.campaign_word(plan)
    for campaign in plan.campaigns[:5]:
        table = render.division_table(plan, campaign=campaign.number).tables()[0]
        [(sheet, _)] = _workbook(render.to_xlsx(table))

        assert f"{word}-{campaign.number}" == sheet
        if name != "bundled":
            assert "攻坚行动" not in sheet
        [(english, _)] = _workbook(render.to_xlsx(table, lang="en"))
        assert f"campaign-{campaign.number}" == english


# --------------------------------------------------------------------------------------------
# The unit search's prefixes come from the plan
# --------------------------------------------------------------------------------------------

_STEMS = st.text(alphabet="青浦东莞嘉定黄泗洲头安运城", min_size=2, max_size=3)
_LEVELS = st.sampled_from(["省", "市", "区", "县", "镇", "自治区"])


@settings(max_examples=60, deadline=None)
@given(
    chain=st.lists(st.tuples(_STEMS, _LEVELS), min_size=1, max_size=2),
    level=_LEVELS,
    units=st.lists(st.sampled_from(["财政局", "教育局", "消防救援局", "发展改革委"]), min_size=1),
)
def test_search_prefixes_are_the_plans_places_and_level_words(chain, level, units):
    """The places a plan's issuer begins with, whole and short, and its units' level word."""
    from xiaojie.render._html import search_prefixes

    places = [stem + word for stem, word in chain]
    issuer = "".join(places) + "人民政府办公室"
    names = [level + u for u in units]

    found = search_prefixes(names, [issuer])

    assert set(places) <= set(found)
    assert {stem for stem, _ in chain} <= set(found)
    assert level in found
    assert list(found) == sorted(found, key=len, reverse=True)


def test_search_prefixes_of_real_plans():
    """The bundled plan's 宁夏回族自治区 and 自治区; 东莞市 and 市 of Dongguan's plan; no verb."""
    from xiaojie.render._html import search_prefixes

    bundled = render.site_files(load_plan(), formats=["html"])
    index = next(f for f in bundled if f.path == "index.html").render().decode("utf-8")
    words = re.search(r'id="unit-list" data-words="([^"]*)"', index)
    assert words is not None
    prefixes = json.loads(html.unescape(words[1]))["prefixes"]
    assert {"宁夏回族自治区", "自治区", "宁夏"} <= set(prefixes)
    dongguan = parsed("gd-dongguan-2021-54-jiuye-trad")
    names = [o.name for o in dongguan.owners_in_order()]
    assert {"东莞市", "东莞", "市"} <= set(search_prefixes(names, [dongguan.title]))
    assert () == search_prefixes(["市场监管局", "城市管理局"], ["推进广州市家庭医生签约服务"])


# --------------------------------------------------------------------------------------------
# A plan's period opens with its earliest day
# --------------------------------------------------------------------------------------------


def _days(plan: Plan) -> list[dt.date]:
    """Return the starts and ends of phases, milestones and obligations and targets' ends.

    (A target's year, 2025年, does not open a plan of June 2025: only its end counts.)
    """
    periods = [p.when for p in plan.phases]
    periods.extend(m.when for m in plan.milestones)
    periods.extend(o.active for o in plan.obligations)
    days = [d for p in periods for d in (p.start, p.end) if d is not None]
    days.extend(t.due.end for i in plan.indicators for t in i.targets if t.due and t.due.end)
    return days


def test_a_milestone_before_every_start_opens_the_period():
    """Dongguan's plan of 2021 with a 2020年底前 milestone: the period opens on 2020-12-31."""
    plan = parsed("gd-dongguan-2021-54-jiuye-trad")
    assert plan.milestones
    assert all(d > dt.date(2020, 12, 31) for d in _days(plan))
    early = attrs.evolve(plan.milestones[0], when=Period(start=None, end=dt.date(2020, 12, 31)))
    plan = attrs.evolve(plan, milestones=[*plan.milestones, attrs.evolve(early, id="m_2020")])
    start, _ = plan.period()

    assert dt.date(2020, 12, 31) == start
    assert render.period_notice(plan, dt.date(2021, 1, 15)) is None
    assert "早于方案期限(2020-12-31至" in (render.period_notice(plan, dt.date(2020, 6, 1)) or "")


@pytest.mark.parametrize("name", plans())
def test_the_period_holds_every_day_of_the_plan(name):
    """No start or end of a phase, milestone, obligation or target lies outside the period."""
    plan = plan_of(name)
    start, end = plan.period()

    assert all(start <= d <= end for d in _days(plan))
    assert start <= plan.reference_date <= end


@settings(max_examples=40, deadline=None)
@given(due=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_a_milestone_anywhere_is_inside_the_period(due):
    """A milestone due on any day, before, inside or after the plan, lies in its period."""
    plan = load_plan()
    first = plan.milestones[0]
    moved = attrs.evolve(first, when=Period(start=None, end=due))
    changed = attrs.evolve(plan, milestones=[moved, *plan.milestones[1:]])
    others = attrs.evolve(plan, milestones=list(plan.milestones[1:]))
    start, end = changed.period()

    assert start == min(others.period()[0], due)
    assert end == max(others.period()[1], due)
    assert isinstance(moved, Milestone)
