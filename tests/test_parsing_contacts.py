"""Contact details written into a responsibility clause: they name no unit and hide none."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiaojie.parsing import parse_plan


_HEAD = "关于印发某县巩固衔接工作方案的通知\n一、重点任务\n"
_REFERENCE = dt.date(2025, 3, 1)
_PHONE = re.compile(r"1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-[0-9]{7,8}")


def _parse(clause: str):
    return parse_plan(f"{_HEAD}1.加强教育帮扶,6月底前完成。{clause}\n", reference=_REFERENCE)


def _who(clause: str) -> tuple[str | None, list[str]]:
    plan = _parse(clause).plan
    assert len(plan.tasks) == 1, plan.tasks
    task = plan.tasks[0]
    return (task.lead.name if task.lead else None, [u.name for u in task.units])


_UNITS = ("县教育局", "县人社局", "县民政局", "县财政局", "县卫健局", "县乡村振兴局")
_MOBILES = st.from_regex(r"\A1[3-9][0-9]{9}\Z")
_LANDLINES = st.from_regex(r"\A09[5-6][0-9]-[1-9][0-9]{6}\Z")
_PERSONS = st.sampled_from(("王小明", "李四", "马秀兰", "张建国"))


@st.composite
def _contacts(draw: st.DrawFn) -> str:
    """A contact as plans write one after a unit: with or without a label, bracketed or not."""
    number = draw(st.one_of(_MOBILES, _LANDLINES))
    person = draw(_PERSONS)
    space = draw(st.sampled_from(("", " ", "\u3000")))
    return draw(
        st.sampled_from(
            (
                f"{space}{number}",
                f"（联系人：{person}，{number}）",
                f"（联系人：{person}，联系电话：{number}）",
                f"，联系人：{person}，电话{number}",
                f"，联系人及电话：{person}{space}{number}",
                f"，{person}{space}{number}",
                f"{space}电话：{number}",
            )
        )
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    lead=st.sampled_from(_UNITS),
    others=st.lists(st.sampled_from(_UNITS), min_size=1, max_size=3, unique=True),
    contact=_contacts(),
    labelled=st.booleans(),
)
def test_a_contact_after_the_lead_changes_nothing_but_is_dropped(lead, others, contact, labelled):
    """县人社局 13812345678；配合单位：… reads as the clause without the contact."""
    others = [u for u in others if u != lead] or [u for u in _UNITS if u != lead][:1]
    if labelled:
        plain = f"（牵头单位：{lead}；配合单位：{'、'.join(others)}）"
        with_contact = f"（牵头单位：{lead}{contact}；配合单位：{'、'.join(others)}）"
    else:
        plain = f"（{lead}牵头，{'、'.join(others)}配合）"
        with_contact = f"（{lead}牵头{contact}；{'、'.join(others)}配合）"
    assert _who(with_contact) == _who(plain) == (lead, [lead, *others])


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    units=st.lists(st.sampled_from(_UNITS), min_size=1, max_size=3, unique=True),
    contact=_contacts(),
)
def test_a_contact_ending_a_list_of_units_is_no_unit(units, contact):
    """（责任单位：县教育局、县民政局，联系人：王某，电话…）: the units, and no more."""
    result = _parse(f"（责任单位：{'、'.join(units)}{contact}）")
    task = result.plan.tasks[0]
    assert [u.name for u in task.units] == units
    assert _PHONE.search(task.units_text.replace(" ", "")) is None
    assert _PHONE.search(str(result.report)) is None


@pytest.mark.parametrize(
    ("clause", "lead", "units"),
    [
        ("（责任单位：县教育局 13912345678）", "县教育局", ["县教育局"]),
        (
            "（牵头单位：县人社局（联系人：李四，13812345678）；配合单位：县财政局）",
            "县人社局",
            ["县人社局", "县财政局"],
        ),
        ("（责任单位：县教育局，联系电话：0951-5012345）", "县教育局", ["县教育局"]),
    ],
)
def test_contacts_as_written(clause, lead, units):
    """The number stuck to a unit's name no longer hides the unit (no task, or the lead lost)."""
    assert _who(clause) == (lead, units)


def test_the_report_masks_a_number_it_quotes():
    """A note quoting a sentence with a mobile number shows it masked, as every message does."""
    result = _parse("（责任单位：县教育局）联系人：王小明 13912345678")
    shown = str(result.report)
    assert "13912345678" not in shown
    assert "139****5678" in shown


def test_a_contact_between_labelled_parts_keeps_the_parts_after_it():
    """（牵头单位：县教育局，联系人：王明，配合单位：…）: the support units are kept."""
    assert _who("（牵头单位：县教育局，联系人：王明，配合单位：县民政局、县财政局）") == (
        "县教育局",
        ["县教育局", "县民政局", "县财政局"],
    )


@pytest.mark.parametrize(
    "line",
    [
        "牵头单位：县人社局（联系人：王明，13812345678）",
        "牵头单位：县人社局 13812345678",
        "牵头单位：县人社局 联系人：王明",
    ],
)
def test_a_contact_on_a_labelled_line_hides_no_unit(line):
    """The labelled-lines format (a 牵头单位 line under the item) drops the contact too."""
    text = f"{_HEAD}1.加强教育帮扶,6月底前完成。\n{line}\n配合单位：县财政局\n2.推进整改。（牵头单位：县民政局）\n"
    tasks = parse_plan(text, reference=_REFERENCE).plan.tasks
    assert [(t.lead.name, [u.name for u in t.units]) for t in tasks] == [
        ("县人社局", ["县人社局", "县财政局"]),
        ("县民政局", ["县民政局"]),
    ]
