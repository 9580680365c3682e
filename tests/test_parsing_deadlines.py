"""Deadlines inside an item: 年内, 今年内, 到2016年底, 2016年底前, 到2016年6月底, and staged targets."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiaojie.parsing import parse_plan


if TYPE_CHECKING:
    import xiaojie as xj


def _plan(sentence: str, reference: dt.date) -> xj.Plan:
    text = (
        f"发文时间:{reference.isoformat()}\n一、重点任务\n"
        f"(一)推进改革。{sentence}(卫生计生委、人力资源社会保障部负责)\n"
    )
    return parse_plan(text, overlay=None).plan


def _task_dues(plan: xj.Plan) -> list[dt.date]:
    (task,) = plan.tasks
    return sorted(m.due for m in plan.milestones if m.task == task.number)


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("年内各统筹地区要出台具体实施方案并组织实施。", dt.date(2016, 12, 31)),
        ("今年内完成全部改造任务。", dt.date(2016, 12, 31)),
        ("本年内建成10个示范点。", dt.date(2016, 12, 31)),
        ("2016年底前,各地完成清理工作。", dt.date(2016, 12, 31)),
        ("到2017年底,全面推开分级诊疗制度。", dt.date(2017, 12, 31)),
        ("到2016年6月底,全面完成摸底。", dt.date(2016, 6, 30)),
        ("各地要在年底前完成整改。", dt.date(2016, 12, 31)),
        ("年度内完成全部改造任务。", dt.date(2016, 12, 31)),
    ],
)
def test_deadline_phrases_in_item_text_date_the_task(sentence: str, due: dt.date) -> None:
    """A 年内/年底前/到…底 phrase in a task's text is a milestone of the task due at its end."""
    assert _task_dues(_plan(sentence, dt.date(2016, 4, 21))) == [due]


def test_year_alone_frames_and_makes_no_milestone() -> None:
    """ "2016年实现全覆盖" frames the step (no month, no 底/内/前): it is not a deadline."""
    assert _task_dues(_plan("2016年实现全覆盖。", dt.date(2016, 4, 21))) == []


def test_named_period_with_nei_is_not_a_deadline() -> None:
    """ "过渡期内" is a span the step runs through, not a deadline (only 年内 is due at its end)."""
    assert _task_dues(_plan("过渡期内,保持帮扶政策总体稳定。", dt.date(2021, 4, 20))) == []


def test_by_end_of_year_dates_every_target_of_the_sentence() -> None:
    """ "到2016年底,A达到15%以上,B达到30%以上": both targets are due 2016-12-31."""
    plan = _plan(
        "到2016年底,城市家庭医生签约服务覆盖率达到15%以上,重点人群签约服务覆盖率达到30%以上。",
        dt.date(2016, 4, 21),
    )
    dues = {i.name: [t.due.end for t in i.targets if t.due] for i in plan.indicators}
    assert dues == {
        "城市家庭医生签约服务覆盖率": [dt.date(2016, 12, 31)],
        "重点人群签约服务覆盖率": [dt.date(2016, 12, 31)],
    }


def test_preamble_goal_by_year_end_is_not_a_milestone() -> None:
    """Outside any task, "到2025年年底,…走在全国前列" frames a goal and makes no milestone."""
    text = (
        "发文时间:2025-06-18\n到2025年年底,巩固拓展脱贫攻坚成果各项关键指标走在全国前列。\n"
        "一、重点任务\n(一)推进改革。完善制度。(卫生计生委负责)\n"
    )
    assert parse_plan(text, overlay=None).plan.milestones == ()


def test_staged_targets_each_take_the_date_before_them() -> None:
    """One date before each target: each target is due by its own date, a dated step after is a milestone."""
    plan = _plan(
        "全省各部门预算内专项资金须于2017年6月底前下达60%以上、9月底前下达80%以上、"
        "11月底前全部下达到位。",
        dt.date(2017, 2, 24),
    )
    targets = sorted(
        (t.value, t.due.end) for i in plan.indicators for t in i.targets if t.due is not None
    )
    assert targets == [(60, dt.date(2017, 6, 30)), (80, dt.date(2017, 9, 30))]
    assert [(m.title, m.due) for m in plan.milestones] == [("全部下达到位", dt.date(2017, 11, 30))]


_YEARLESS = ("年内", "今年内", "本年内", "年底前", "今年底前", "本年度内", "年度内")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    reference=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2098, 12, 31)),
    form=st.sampled_from(_YEARLESS),
)
def test_yearless_deadline_is_due_at_the_end_of_the_reference_year(
    reference: dt.date, form: str
) -> None:
    """A deadline without a year (年内, 今年内, 年底前 …) is due 31 December of the reference year."""
    plan = _plan(f"{form}完成全部改造任务。", reference)
    assert _task_dues(plan) == [dt.date(reference.year, 12, 31)]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    reference=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)),
    ahead=st.integers(min_value=0, max_value=5),
    month=st.none() | st.integers(min_value=1, max_value=12),
    form=st.sampled_from(
        ("到{when},全面完成摸底。", "{when}前,各地完成清理工作。", "各地{when}前完成清理工作。")
    ),
)
def test_dated_deadline_is_due_at_the_end_of_its_month_or_year(
    reference: dt.date, ahead: int, month: int | None, form: str
) -> None:
    """ "到YYYY年底" / "YYYY年M月底前" in a task's text is due on the last day of that year or month."""
    year = reference.year + ahead
    when = f"{year}年底" if month is None else f"{year}年{month}月底"
    last = 12 if month is None else month
    due = dt.date(year, last, calendar.monthrange(year, last)[1])
    assert _task_dues(_plan(form.format(when=when), reference)) == [due]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    months=st.lists(st.integers(min_value=1, max_value=12), min_size=2, max_size=4, unique=True),
    values=st.lists(st.integers(min_value=10, max_value=95), min_size=4, max_size=4, unique=True),
)
def test_staged_targets_pair_dates_and_values_in_order(
    months: list[int], values: list[int]
) -> None:
    """ "M1月底前下达V1%以上、M2月底前下达V2%以上…": the i-th value is due at the end of the i-th month."""
    months = sorted(months)
    values = sorted(values)[: len(months)]
    stages = "、".join(f"{m}月底前下达{v}%以上" for m, v in zip(months, values, strict=True))
    plan = _plan(f"专项资金须于{stages}。", dt.date(2017, 1, 5))
    found = sorted(
        (t.due.end, t.value) for i in plan.indicators for t in i.targets if t.due is not None
    )
    assert found == [
        (dt.date(2017, m, calendar.monthrange(2017, m)[1]), v)
        for m, v in zip(months, values, strict=True)
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    reference=st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2025, 12, 31)),
    form=st.sampled_from(
        ("到“十四五”末,{rest}", '到"十四五"末,{rest}', "“十四五”末{rest}", "十四五期末{rest}")
    ),
)
def test_end_of_a_named_period_dates_the_task(reference: dt.date, form: str) -> None:
    """ "到“十四五”末" and its forms in a task's text are due on the period's last day."""
    plan = _plan(form.format(rest="实现公园服务全覆盖。"), reference)
    assert _task_dues(plan) == [dt.date(2025, 12, 31)]


def test_named_period_in_quotes_without_a_marker_is_not_a_deadline() -> None:
    """ "“十四五”规划" names the plan period in quotes: no marker, no milestone."""
    assert _task_dues(_plan("落实“十四五”规划确定的任务。", dt.date(2021, 4, 20))) == []


def test_year_naming_a_plan_does_not_date_the_targets_after_it() -> None:
    """ "2023年培训计划,培养不少于3500名" names a plan: the target gets no due date from it."""
    text = (
        "发文时间:2023-10-19\n一、重点任务\n(一)加强培训。做实基层医生全科能力提升工程"
        "2023年培训计划,培养不少于3500名基层医生。(市卫生健康委负责)\n"
    )
    plan = parse_plan(text, overlay=None).plan
    assert plan.milestones == ()
    assert [(t.value, t.due) for i in plan.indicators for t in i.targets] == [(3500, None)]


def test_by_year_before_a_target_dates_it() -> None:
    """ "到2025年,为各区至少培育1家示范基地" dates the target by the end of 2025."""
    text = (
        "发文时间:2023-10-19\n一、重点任务\n(一)加强培训。到2025年,为各区至少培育1家"
        "家庭医生培训示范基地。(市卫生健康委负责)\n"
    )
    plan = parse_plan(text, overlay=None).plan
    dues = {t.due.end for i in plan.indicators for t in i.targets if t.due is not None}
    dues |= {m.due for m in plan.milestones}
    assert dues == {dt.date(2025, 12, 31)}
