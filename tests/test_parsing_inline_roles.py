"""Roles written in an item's own sentence, without brackets or labels.

Three ways county plans write them were read short: "（一）开展排查，县民政局牵头，各乡镇配合，5月底
前完成。" (one sentence: the roles after the task's words) gave no task; "由县民政局牵头，各乡镇配合，
5月底前完成。" dropped the supporting units and the deadline; "由县农业农村局负责，6月底前完成。"
gave no task.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.parsing import parse_plan


HEAD = "某县工作方案\n发文时间:2025年3月1日\n一、重点任务\n"
LEADS = ["县民政局", "县农业农村局", "县财政局", "县人社局"]
SUPPORTS = ["各乡镇", "县教体局", "县卫健局"]


def _tasks(items: list[str]) -> list[tuple[int, str, str | None, list[str], list[dt.date]]]:
    plan = parse_plan(HEAD + "\n".join(items) + "\n").plan
    return [
        (
            t.number,
            t.title,
            t.lead.name if t.lead is not None else None,
            [u.name for u in t.units],
            [m.due for m in plan.milestones if m.task == t.number],
        )
        for t in plan.tasks
    ]


@given(
    lead=st.sampled_from(LEADS),
    support=st.one_of(st.none(), st.sampled_from(SUPPORTS)),
    month=st.integers(4, 12),
    shape=st.sampled_from(["comma", "sentence", "you", "bracket"]),
    verb=st.sampled_from(["牵头", "负责"]),
)
def test_roles_in_the_item_sentence_read_as_a_bracketed_clause(
    lead: str, support: str | None, month: int, shape: str, verb: str
) -> None:
    roles = f"{lead}{verb}" + (f"，{support}配合" if support else "")
    deadline = f"{month}月底前完成"
    if shape == "comma":
        item = f"（一）开展排查，{roles}，{deadline}。"
    elif shape == "sentence":
        item = f"（一）开展排查。{roles}，{deadline}。"
    elif shape == "you":
        item = f"（一）开展排查。由{roles}，{deadline}。"
    else:  # the same duty in the bracketed form every parser of plans reads
        item = f"（一）开展排查，{deadline}。（{roles}）"
    due = dt.date(2025, month, 1) + dt.timedelta(days=31)
    due = due.replace(day=1) - dt.timedelta(days=1)
    units = [lead] + ([support] if support else [])
    [(number, title, read_lead, read_units, dues)] = _tasks([item])
    assert (number, read_lead, read_units, dues) == (1, lead, units, [due])
    assert title.startswith("开展排查")


def test_two_items_each_with_its_roles() -> None:
    assert _tasks(
        [
            "（一）开展排查，县民政局牵头，各乡镇配合，5月底前完成。",
            "（二）加强产业帮扶。由县农业农村局负责，6月底前完成。",
        ]
    ) == [
        (1, "开展排查", "县民政局", ["县民政局", "各乡镇"], [dt.date(2025, 5, 31)]),
        (2, "加强产业帮扶", "县农业农村局", ["县农业农村局"], [dt.date(2025, 6, 30)]),
    ]


def test_you_then_huitong_reads_as_before() -> None:
    # guard: 由X牵头,根据…,会同Y、Z等相关部门… keeps its running text
    [(_, _, lead, units, _)] = _tasks(
        ["（一）加强管理。由县财政局牵头，根据要求，会同县审计局、县民政局等相关部门开展检查。"]
    )
    assert (lead, units) == ("县财政局", ["县财政局", "县审计局", "县民政局"])


@pytest.mark.parametrize(
    "item",
    [
        "（一）开展排查，各乡镇要高度重视，5月底前完成。",  # no role verb
        "（一）开展排查，切实负起责任，5月底前完成。",  # 负 without a unit
    ],
)
def test_sentences_without_a_unit_and_its_role_give_no_task(item: str) -> None:
    assert _tasks([item]) == []
