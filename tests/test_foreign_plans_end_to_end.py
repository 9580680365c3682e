"""Plans other than the bundled one, read from the real corpus and taken through every output.

A user parses another province's or county's plan and then writes its documents, its site, its
graph and calendar, and asks it questions. Nothing of the bundled plan may leak into them: its
word for the plan's parts (攻坚行动), or a period where the plan names none.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie import graph, queries, render
from xiaojie.cli import main
from xiaojie.io import load_plan, save_plan
from xiaojie.parsing import parse_plan
from xiaojie.tracking import status


if TYPE_CHECKING:
    from xiaojie.model import Plan


CORPUS = Path(__file__).parent / "data" / "real"
MANIFEST = {
    d["slug"]: d
    for d in tomllib.loads((CORPUS / "MANIFEST.toml").read_text(encoding="utf-8"))["document"]
}

#: Texts of different shapes: 分工表 and 任务清单 tables, whole plans, plans with no deadline
#: (every task 持续推进 or 长期坚持), traditional script, no level of parts, dozens of units,
#: national, provincial, city, county and township documents.
SHAPES = {
    "cn-guoweicaiwu-2016-26-jiankangfupin": "a tab-separated 分工表 with deadlines",
    "gd-guangzhou-2023-jiatingyisheng": "a 任务分工表 with merged cells, targets to 2035",
    "sh-jiaotongwei-2024-jingxihua": "a 任务清单 of 23 parts",
    "cn-guofa-2018-38-zimaoqu": "a whole plan, 53 clauses, nothing dated",
    "cn-guobanfa-2016-26-yigai": "a whole plan with 59 tasks and 17 indicators",
    "gd-guangzhou-2012-rencai-jiju": "a whole plan with 11 parts and 36 units",
    "sh-baoshan-2019-26-laji": "a whole plan with 74 milestones and no level of parts",
    "sh-qingpu-2024-29-xiaofang": "37 district units",
    "sx-yuncheng-2017-yingji": "one task, 持续推进 only",
    "cn-guofa-2019-3-zongbao": "21 tasks, nothing dated",
    "hb-jiayu-2021-fengong": "a county's 分工, nothing dated",
    "sn-xianyang-fangguanfu-2022-trad": "traditional script",
    "cn-guobanhan-2014-31-trad": "traditional script, national",
    "gd-dongguan-2021-54-jiuye-trad": "traditional script with deadlines",
    "hn-xiangzhengfa-2024-15-chengzhenhua-trad": "traditional script, one part",
    "zj-haiyan-2022-16-zerenfenjie": "parts named after officials (责任人)",
    "zj-sizhoutou-2024-zhongdian": "a township",
    "yn-2017-wenzengzhang": "an excerpt with no part heading",
}

#: The plans among them with nothing dated: no phase, milestone, obligation or dated target.
UNDATED = (
    "cn-guofa-2018-38-zimaoqu",
    "sx-yuncheng-2017-yingji",
    "cn-guofa-2019-3-zongbao",
    "hb-jiayu-2021-fengong",
    "cn-guobanhan-2014-31-trad",
)


@functools.cache
def parsed(slug: str) -> Plan:
    """Return the corpus text ``slug`` parsed as a user would, with its manifest's reference."""
    return parse_plan(CORPUS / f"{slug}.txt", reference=MANIFEST[slug]["reference"]).plan


def as_of_dates(plan: Plan) -> tuple[dt.date, ...]:
    """Return report dates before the plan's year, on its date, at its end and years after."""
    start, end = plan.period()
    return (
        dt.date(start.year - 2, 1, 1),
        plan.reference_date,
        end,
        dt.date(end.year + 6, 6, 30),
    )


def test_the_shapes_are_corpus_texts():
    """Every text named here is in the corpus, and the undated ones are indeed undated."""
    assert set(SHAPES) <= set(MANIFEST)
    assert len(SHAPES) >= 15
    for slug in UNDATED:
        plan = parsed(slug)
        assert plan.tasks
        assert not plan.phases
        assert not plan.milestones
        assert not plan.obligations
        assert all(t.due is None for i in plan.indicators for t in i.targets)


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_no_output_calls_the_parts_of_another_plan_campaigns(slug):
    """攻坚行动 is the bundled plan's word for its parts; no document of another plan uses it."""
    plan = parsed(slug)
    source = (CORPUS / f"{slug}.txt").read_text(encoding="utf-8")
    assert "攻坚行动" not in source
    files = render.site_files(plan, snapshot=status(plan, as_of=plan.reference_date), lang="zh")
    for f in files:
        if f.path.endswith((".html", ".md", ".csv", ".svg", ".ics")):
            assert "攻坚行动" not in f.render().decode("utf-8-sig"), f.path
    word = render.campaign_word(plan)
    division = render.division_table(plan).tables()[0]
    assert word == division.group_column == "工作方面"
    for owner in plan.owners_in_order():
        for table in render.unit_sheet(plan, owner).tables():
            assert "攻坚行动" not in table.columns
            if table.name in {"led", "co-owned", "implemented"}:
                assert word in table.columns
    english = render.site_files(plan, formats=["html"], lang="en")
    index = next(f for f in english if f.path == "index.html").render().decode("utf-8")
    assert "Campaign" not in index
    assert f"{len(plan.campaigns)} sections" in index


def test_the_bundled_plan_keeps_its_campaigns():
    """The bundled 攻坚行动方案 still calls its parts 攻坚行动."""
    plan = load_plan()
    assert "攻坚行动" == render.division_table(plan).tables()[0].group_column
    files = render.site_files(plan, formats=["html"])
    index = next(f for f in files if f.path == "index.html").render().decode("utf-8")
    assert f"{len(plan.campaigns)}项攻坚行动" in index
    english = render.site_files(plan, formats=["html"], lang="en")
    index = next(f for f in english if f.path == "index.html").render().decode("utf-8")
    assert f"{len(plan.campaigns)} campaigns" in index


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_every_output_of_another_plan(slug, tmp_path):
    """Every document, the site, the graph, the calendar and the queries work on the plan."""
    plan = parsed(slug)
    owners = plan.owners_in_order()
    assert owners
    for as_of in as_of_dates(plan):
        snapshot = status(plan, None, as_of=as_of)
        assert len(snapshot.entries) >= len(plan.tasks) > 0
        for doc in (
            render.status_report(plan, snapshot),
            render.overdue_report(plan, snapshot),
            render.notice(plan, snapshot),
            render.timeline(plan, as_of=as_of),
            render.unit_status(plan, snapshot, owners[0]),
        ):
            for write in (render.to_markdown, render.to_html, render.to_text, render.to_docx):
                assert write(doc)
        overdue = queries.units_with_overdue_tasks(plan, snapshot)
        listed = {e.key for row in overdue for e in row.entries}
        assert listed <= {e.key for e in snapshot.entries if e.state.name == "OVERDUE"}
        assert all(
            e.due is None or e.due >= as_of for e in queries.due_between(plan, as_of, dt.date.max)
        )
        queries.slack(plan, as_of)
        svg = render.timeline_svg(plan, as_of=as_of)
        assert svg.startswith("<svg")
        days = [*plan.period(), *(d.due for d in render.dated_items(plan))]
        axis = {int(y) for y in re.findall(r">(\d{4})年</text>", svg)}  # the years ticked
        assert axis
        assert all(min(days).year <= y <= max(days).year for y in axis)
    files = render.site_files(plan, snapshot=status(plan, as_of=plan.reference_date))
    written = render.write_site(files, tmp_path / "site")
    assert all(p.stat().st_size > 0 for p in written)
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for owner in owners:  # the unit list names every unit and group of the plan
        assert html.escape(owner.name, quote=False) in index
    again = render.site_files(plan, snapshot=status(plan, as_of=plan.reference_date))
    assert [f.render() for f in files] == [f.render() for f in again]
    calendar = icalendar.Calendar.from_ical(render.to_ics(plan))
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= len(plan.milestones)
    assert all(e.get("DTSTART") is not None for e in events)
    built = graph.build_graph(plan)
    assert built.number_of_nodes() > len(plan.tasks)
    for export in (graph.to_graphml, graph.to_node_link_json, graph.to_dot):
        assert export(plan)
    for owner in owners[:5]:
        assert render.unit_sheet(plan, owner).tables()
        queries.items_of(plan, owner)
        queries.workload(plan, owner)
    queries.responsibility_matrix(plan)


@pytest.mark.parametrize("slug", UNDATED)
@settings(max_examples=25, deadline=None)
@given(days=st.integers(min_value=1, max_value=20 * 366))
def test_a_plan_with_nothing_dated_has_no_end_to_be_after(slug, days):
    """A plan whose tasks are all 持续推进/长期坚持 is never over: no day is after its period."""
    plan = parsed(slug)
    later = plan.reference_date + dt.timedelta(days=days)
    notices = render.status_notices(plan, status(plan, as_of=later))
    assert not any("方案期限" in n for n in notices)
    assert not any(getattr(b, "notice", False) for b in render.timeline(plan, as_of=later).blocks)
    assert "方案期限" not in render.timeline_svg(plan, as_of=later)
    earlier = plan.period()[0] - dt.timedelta(days=days)
    before = render.status_notices(plan, status(plan, as_of=earlier))
    assert (
        f"报告日期 {earlier.isoformat()} 早于方案日期({plan.period()[0].isoformat()})。" in before
    )


@pytest.mark.parametrize(
    "slug",
    ["sh-baoshan-2019-26-laji", "gd-dongguan-2021-54-jiuye-trad", "cn-guobanfa-2016-26-yigai"],
)
@settings(max_examples=25, deadline=None)
@given(days=st.integers(min_value=1, max_value=20 * 366))
def test_a_dated_plan_says_when_a_day_is_after_it(slug, days):
    """A plan with dated items ends with the last of them; a later day is said to be after it."""
    plan = parsed(slug)
    start, end = plan.period()
    later = end + dt.timedelta(days=days)
    expected = (
        f"报告日期 {later.isoformat()} 晚于方案期限({start.isoformat()}至{end.isoformat()})。"
    )
    assert expected in render.status_notices(plan, status(plan, as_of=later))
    assert "方案期限之后" in render.timeline_svg(plan, as_of=later)


@pytest.mark.parametrize(
    "slug",
    ["sx-yuncheng-2017-yingji", "sh-qingpu-2024-29-xiaofang", "sn-xianyang-fangguanfu-2022-trad"],
)
def test_the_command_line_on_a_saved_plan(slug, tmp_path, capsys):
    """The parsed plan, saved as a plan file, goes through the commands that take a plan."""
    plan = parsed(slug)
    path = save_plan(plan, tmp_path / f"{slug}.toml")
    later = (plan.reference_date + dt.timedelta(days=800)).isoformat()
    assert 0 == main(["--plan", str(path), "docs", "--as-of", later, "--out", str(tmp_path / "s")])
    assert (tmp_path / "s" / "index.html").exists()
    index = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert "攻坚行动" not in index
    capsys.readouterr()
    assert 0 == main(["--plan", str(path), "status", "--as-of", later])
    out = capsys.readouterr().out
    assert plan.tasks[0].title in out
    assert ("晚于方案期限" in out) == (slug != "sx-yuncheng-2017-yingji")
    assert 0 == main(
        ["--plan", str(path), "export", "--format", "ics", "-o", str(tmp_path / "p.ics")]
    )
    assert (tmp_path / "p.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    owner = plan.owners_in_order()[0]
    assert 0 == main(["--plan", str(path), "unit", owner.name])
    assert owner.name in capsys.readouterr().out


@pytest.mark.parametrize(
    ("slug", "days", "said"),
    [
        ("sh-qingpu-2024-29-xiaofang", -200, "早于方案期限"),
        ("sx-yuncheng-2017-yingji", -30, "早于方案日期"),
        ("gd-dongguan-2021-54-jiuye-trad", 900, "晚于方案期限"),
    ],
)
def test_a_notice_dated_outside_the_plan_says_so(slug, days, said):
    """A 通报 dated before a plan was issued, or after its last date, says so under its opening."""
    plan = parsed(slug)
    start, end = plan.period()
    day = (start if days < 0 else end) + dt.timedelta(days=days)
    doc = render.notice(plan, status(plan, as_of=day))
    notices = [render.plain(b.text) for b in doc.blocks if getattr(b, "notice", False)]
    assert notices == [render.period_notice(plan, day)]
    assert said in notices[0]
    inside = render.notice(plan, status(plan, as_of=start))
    assert not [b for b in inside.blocks if getattr(b, "notice", False)]
