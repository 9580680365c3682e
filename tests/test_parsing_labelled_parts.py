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
        ("适用范围:广东自贸试验区;负责部门:商务部、海关总署", ("商务部", "海关总署")),
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


_HEADED = """发文时间:2020-03-02
一、袁家军省长主抓重点工作
1.稳企业、防风险。扎实做好稳企业各项工作。
牵头单位:省发展改革委、省经信厅、省财政厅
2.“最多跑一次”改革和政府数字化转型。深入推进政府数字化转型。
牵头单位:省委改革办、省大数据局
二、巩固脱贫成果(责任领导:王强副县长;分管领导:李明)
1.落实帮扶政策。(牵头单位:县乡村振兴局;责任人:张华)
三、郑栅洁常务副省长、冯飞副省长共同牵头的重点工作
1.扩大有效投资。(省发展改革委牵头,省财政厅配合)
四、省发展改革委牵头的重点工作
1.稳定物价。(省发展改革委、省市场监管局负责)
"""


def test_persons_named_on_headings_are_persons_of_the_items_under_them() -> None:
    """Officials named on a heading (袁家军省长主抓…, (责任领导:…)) are the persons of its tasks, never units."""
    plan = parse_plan(_HEADED, overlay=None).plan
    assert [(t.title, t.persons) for t in plan.tasks] == [
        ("稳企业、防风险", ("袁家军",)),
        ("“最多跑一次”改革和政府数字化转型", ("袁家军",)),
        ("落实帮扶政策", ("王强副县长", "李明", "张华")),
        ("扩大有效投资", ("郑栅洁", "冯飞")),
        ("稳定物价", ()),
    ]
    names = {u.name for t in plan.tasks for u in t.units}
    assert not names & {"袁家军", "王强副县长", "李明", "张华", "郑栅洁", "冯飞"}
    assert not any("省长" in n or "领导" in n for n in names)
    assert [c.name for c in plan.campaigns][1] == "巩固脱贫成果"


def _plan(items: str, reference: dt.date = dt.date(2025, 3, 1)):
    text = f"某县2025年重点任务分工方案\n\n一、重点任务\n{items}\n"
    return parse_plan(text, reference=reference, overlay=None)


@pytest.mark.parametrize(
    ("item", "title", "due"),
    [
        (
            "（一）开展防返贫动态监测排查。全面排查脱贫户和监测户。完成时限：2025年6月底前。（责任单位：县农业农村局）",
            "开展防返贫动态监测排查",
            dt.date(2025, 6, 30),
        ),
        (
            "（一）开展防返贫动态监测排查，完成时限：2025年6月30日前。（责任单位：县农业农村局）",
            "开展防返贫动态监测排查",
            dt.date(2025, 6, 30),
        ),
        (
            "（一）开展防返贫动态监测排查。完成时间：2025.6.30。（责任单位：县农业农村局）",
            "开展防返贫动态监测排查",
            dt.date(2025, 6, 30),
        ),
        (
            "（一）开展防返贫动态监测排查。时间节点：2025年9月底前。（牵头单位：县农业农村局；配合单位：县财政局）",
            "开展防返贫动态监测排查",
            dt.date(2025, 9, 30),
        ),
    ],
)
def test_a_deadline_sentence_before_the_clause_is_the_tasks(
    item: str, title: str, due: dt.date
) -> None:
    """ "完成时限:…。" standing in the item before its bracketed clause was "not attached to any
    item" (and after a comma it ended the task's title)."""
    result = _plan(item)
    [task] = result.plan.tasks
    assert task.title == title
    [milestone] = result.plan.milestones
    assert milestone.when.end == due
    assert milestone.task == task.number
    assert not [n for n in result.report.notes if "not attached" in str(n)]


def test_a_unit_label_sentence_before_the_clause_is_left_to_the_clause() -> None:
    """Only deadline labels are read there: a 责任单位 sentence before a bracket stays as it was."""
    result = _plan("（一）开展排查。责任单位：县财政局。（牵头单位：县农业农村局）")
    [task] = result.plan.tasks
    assert [r.owner.name for r in task.responsibilities] == ["县农业农村局"]


@pytest.mark.parametrize(
    ("item", "ends"),
    [
        # a schedule of several dates: a milestone each, from the item's text
        (
            "（一）开展排查。进度安排：2025年4月完成摸底，5月至6月集中整改，7月开展验收。（责任单位：县农业农村局）",
            [dt.date(2025, 4, 30), dt.date(2025, 6, 30), dt.date(2025, 7, 31)],
        ),
        (
            "（一）开展排查。时间节点：2025年6月30日前完成，9月底前“回头看”。（责任单位：县农业农村局）",
            [dt.date(2025, 6, 30), dt.date(2025, 9, 30)],
        ),
        # the clause's own deadline is the task's; the sentence's is left as before
        (
            "（一）开展排查。完成时限：2025年6月底前。（责任单位：县农业农村局；完成时限：2025年12月底前）",
            [dt.date(2025, 12, 31)],
        ),
        # two deadline sentences: neither is taken for the other
        (
            "（一）开展排查。完成时限：2025年6月底前。完成时间：2025年9月底前。（责任单位：县农业农村局）",
            [],
        ),
        # no date
        ("（一）开展排查。完成时间：按要求执行到位，确保不留死角。（责任单位：县农业农村局）", []),
    ],
)
def test_a_sentence_that_says_more_than_one_deadline_is_left_in_the_text(
    item: str, ends: list[dt.date]
) -> None:
    result = _plan(item)
    [task] = result.plan.tasks
    assert sorted(m.when.end for m in result.plan.milestones) == ends
    assert [r.owner.name for r in task.responsibilities] == ["县农业农村局"]
    if "按要求" in item:
        assert "按要求执行到位" in task.text
