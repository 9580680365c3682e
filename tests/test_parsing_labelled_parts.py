"""Clauses with a unit label followed by other labelled parts (负责部门:…;适用范围:…;完成时限:…)."""

from __future__ import annotations

import datetime as dt

import pytest

from xiaojie.model import Role
from xiaojie.parsing import parse_plan
from xiaojie.parsing._clauses import parse_responsibility


def _tasks(items: str, reference: str = "2018-11-07") -> list[tuple[str, list[tuple[str, Role]]]]:
    text = f"发文时间:{reference}\n一、营造优良投资环境\n{items}\n"
    plan = parse_plan(text, overlay=None).plan
    return [(t.title, [(r.owner.name, r.role) for r in t.responsibilities]) for t in plan.tasks]


@pytest.mark.parametrize(
    ("body", "names"),
    [
        (
            (
                "负责部门:人力资源社会保障部、住房城乡建设部、商务部;适用范围:所有自贸试验区,"
                "以下除标注适用于特定自贸试验区的措施外,适用范围均为所有自贸试验区"
            ),
            ("人力资源社会保障部", "住房城乡建设部", "商务部"),
        ),
        (
            "负责部门:发展改革委、粮食和储备局,适用范围:浙江自贸试验区",
            ("发展改革委", "粮食和储备局"),
        ),
        ("责任部门:市场监管总局;实施范围:各试点城市", ("市场监管总局",)),
        ("负责单位:县发改局、县财政局;工作要求:按季度报送进展", ("县发改局", "县财政局")),
        (
            "牵头部门:商务部;配合部门:海关总署、税务总局;适用地区:广东自贸试验区",
            ("商务部", "海关总署", "税务总局"),
        ),
    ],
)
def test_unit_label_then_other_labelled_parts(body: str, names: tuple[str, ...]) -> None:
    """The units are read from the unit part only; a scope part or an unknown label ends it."""
    duty = parse_responsibility(body)
    assert duty is not None
    assert duty.names == names
    assert duty.leftovers == ()
    assert not any("自贸试验区" in n or "城市" in n for n in duty.names)


def test_fuze_bumen_without_role_word_takes_first_listed_as_lead() -> None:
    """(负责部门:A、B) names no lead: the first listed leads, the others are co-responsible."""
    duty = parse_responsibility("负责部门:商务部、银保监会、铁路局、中国铁路总公司")
    assert duty is not None
    assert duty.leads == ("商务部",)
    assert duty.supports == ("银保监会", "铁路局", "中国铁路总公司")
    assert duty.guessed


@pytest.mark.parametrize(
    ("part", "due"),
    [
        ("时间进度:2019年底前完成", dt.date(2019, 12, 31)),
        ("完成时限:2019年6月底前", dt.date(2019, 6, 30)),
        ("完成时间:2019年9月", dt.date(2019, 9, 30)),
    ],
)
def test_deadline_part_after_the_units_dates_the_task(part: str, due: dt.date) -> None:
    """A 时间进度/完成时限 part after the units is the task's deadline, not a unit."""
    text = (
        "发文时间:2019-01-10\n一、重点任务\n"
        f"(一)完善储备体系。推进储备改革。(负责部门:发展改革委、粮食和储备局;{part})\n"
    )
    plan = parse_plan(text, overlay=None).plan
    (task,) = plan.tasks
    assert [u.name for u in task.units] == ["发展改革委", "粮食和储备局"]
    assert [m.due for m in plan.milestones if m.task == task.number] == [due]


def test_measures_with_scope_parts_are_tasks() -> None:
    """Numbered measures ending in (负责部门:…;适用范围:…) are tasks with those departments."""
    items = (
        "(一)借鉴北京市服务业扩大开放综合试点经验,放宽人才中介机构限制。"
        "(负责部门:人力资源社会保障部、住房城乡建设部、商务部;适用范围:所有自贸试验区)\n"
        "(二)编制下达全国土地利用计划时,考虑自贸试验区的实际情况。(负责部门:自然资源部)\n"
        "(三)加强顶层设计,探索石油储备模式。(负责部门:发展改革委、粮食和储备局,适用范围:浙江自贸试验区)"
    )
    tasks = _tasks(items)
    assert [units for _, units in tasks] == [
        [
            ("人力资源社会保障部", Role.LEAD),
            ("住房城乡建设部", Role.CO_RESPONSIBLE),
            ("商务部", Role.CO_RESPONSIBLE),
        ],
        [("自然资源部", Role.LEAD)],
        [("发展改革委", Role.LEAD), ("粮食和储备局", Role.CO_RESPONSIBLE)],
    ]


def test_scope_part_alone_is_not_a_clause() -> None:
    """A bracket holding only a scope part names no unit and makes no task."""
    assert parse_responsibility("适用范围:所有自贸试验区") is None
    assert _tasks("(一)开展试点。(适用范围:所有自贸试验区)") == []
