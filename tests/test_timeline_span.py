"""The timeline keeps the plan's span: a report date outside the plan is pointed to, not drawn."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from strategies import plans
from xiaojie.dates import Period
from xiaojie.render import plain, timeline, timeline_svg


PLAN = xj.load_plan()
SVG = "{http://www.w3.org/2000/svg}"


def _axis(svg: str) -> list[str]:
    """Return the month and year labels of the axis, in order."""
    return re.findall(r">(\d+月|\d+年)</text>", svg)


def _edge_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # noqa: S314 - our own drawing
    return [t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "as-of-edge"]


def test_a_late_date_keeps_the_plans_months():
    """As of a day a year after the plan, the axis still runs June to December 2025."""
    late = timeline_svg(PLAN, as_of=dt.date(2026, 12, 4))

    assert _axis(timeline_svg(PLAN)) == _axis(late)
    assert ["2025年", "6月", "7月", "8月", "9月", "10月", "11月", "12月"] == _axis(late)
    assert ["截至 2026-12-04(在方案期限之后)"] == _edge_texts(late)
    assert "stroke-dasharray" not in late


def test_an_early_date_points_left():
    """A day before the plan is named at the left edge, in English too."""
    early = timeline_svg(PLAN, as_of=dt.date(2024, 3, 1), lang="en")
    root = ET.fromstring(early)  # noqa: S314 - our own drawing
    edge = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "as-of-edge")

    assert "As of 2024-03-01 (before the plan)" == edge.text
    assert edge.get("text-anchor") is None
    assert 430 < float(edge.get("x"))
    assert _axis(timeline_svg(PLAN, lang="en")) == _axis(early)


def test_a_date_inside_is_a_line_a_date_after_is_not():
    """A day inside the plan is a dashed line with its label; a day after it is an edge arrow only."""
    inside = timeline_svg(PLAN, as_of=dt.date(2025, 8, 1))
    after = timeline_svg(PLAN, as_of=dt.date(2026, 1, 15))

    assert "stroke-dasharray" in inside
    assert "截至 2025-08-01" in inside
    assert [] == _edge_texts(inside)
    assert "stroke-dasharray" not in after
    assert ["截至 2026-01-15(在方案期限之后)"] == _edge_texts(after)


def test_a_plan_across_new_year_names_both_years():
    """The axis of a plan whose items run into the next year names both years."""
    last = PLAN.milestones[-1]
    moved = attrs.evolve(last, when=Period(None, dt.date(2026, 2, 10)))
    plan = attrs.evolve(PLAN, milestones=(*PLAN.milestones[:-1], moved))
    svg = timeline_svg(plan)

    assert "2025年" in _axis(svg)
    assert "2026年" in _axis(svg)


def test_the_document_says_the_date_is_outside():
    """The timeline document says, as a notice, that the report date lies after the plan."""
    doc = timeline(PLAN, as_of=dt.date(2026, 3, 1), lang="en")
    notices = [plain(b.text) for b in doc.blocks if getattr(b, "notice", False)]

    assert [
        "The report date 2026-03-01 is after the plan's period (2025-06-11 to 2025-12-31)."
    ] == (notices)
    assert [] == [
        b for b in timeline(PLAN, as_of=dt.date(2025, 9, 1)).blocks if getattr(b, "notice", False)
    ]


@settings(max_examples=40, deadline=None)
@given(plans(), st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
def test_only_a_date_inside_the_plan_can_widen_the_axis(plan, as_of):
    """Outside the plan's period the axis is the one drawn without a date; the date is always named."""
    start, end = plan.period()
    svg = timeline_svg(plan, as_of=as_of)

    assert f"截至 {as_of.isoformat()}" in svg
    if not start <= as_of <= end:
        assert _axis(timeline_svg(plan)) == _axis(svg)
        # a day within the drawn months is a line; a day beyond them is pointed to from the edge
        assert 1 == len(_edge_texts(svg)) + svg.count("stroke-dasharray")
    else:
        assert [] == _edge_texts(svg)
        assert 1 == svg.count("stroke-dasharray")
