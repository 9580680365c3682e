""" "截至X" dating a figure already reached makes no milestone.

Plans open their tasks with where things stand: "截至2025年6月底，全县累计识别监测对象320户" in a
plan of July 2025 is a figure, not a deadline already past (it used to be a milestone, overdue
the day the plan was issued). A date after the plan's, or 确保/力争 before it, keeps a deadline.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from xiaojie.parsing import parse_plan
from xiaojie.parsing._report import NoteKind


def _plan(item: str, reference: dt.date):
    text = (
        "某县2025年巩固拓展脱贫攻坚成果工作方案\n\n一、重点任务\n（一）强化监测。\n"
        f"1.开展排查。{item}（牵头单位：县农业农村局）\n"
    )
    return parse_plan(text, reference=reference)


def test_a_figure_as_of_a_past_day_is_no_milestone():
    result = _plan(
        "截至2025年6月底，全县累计识别监测对象320户，已消除风险210户。各乡镇要加强动态监测。",
        dt.date(2025, 7, 10),
    )
    assert result.plan.milestones == ()
    [note] = [n for n in result.report.notes if n.kind is NoteKind.SKIPPED]
    assert "'截至2025年6月底' dates what was reached before the reference date" in str(note)


def test_a_day_after_the_plan_or_a_word_of_intent_keeps_the_deadline():
    later = _plan("截至2025年10月底，完成全部人员培训。", dt.date(2025, 7, 10))
    assert [m.when.end for m in later.plan.milestones] == [dt.date(2025, 10, 31)]
    for item in (
        "确保截至2025年6月底完成清理。",
        "截至2025年6月底前完成全部排查。",
        "截至2025年6月底，各乡镇要完成全部排查。",
        "截至2025年6月底，各乡镇需要完成全部排查。",
        "截至2025年6月底，各乡镇必将完成全部排查。",
        "截至2025年6月底，各乡镇主要负责同志要完成全部排查。",
        "截至2025年6月底，各乡镇将完成全部排查。",
        "截至2025年6月底，各乡镇都将完成全部排查。",
        "截至2025年6月底，设备更新将全部完成。",
        "截至2025年6月底，科技创新将取得突破。",
    ):
        meant = _plan(item, dt.date(2025, 7, 10))
        assert [m.when.end for m in meant.plan.milestones] == [dt.date(2025, 6, 30)], item


def test_a_word_of_intent_in_another_sentence_or_word_keeps_nothing():
    """要求 and 目标 end the sentence before; 已将 and 主要 are no intent: still figures."""
    for lead in ("明确工作要求。", "实现目标。"):
        result = _plan(f"{lead}截至2025年6月底，全县累计识别监测对象320户。", dt.date(2025, 7, 10))
        assert result.plan.milestones == (), lead
    for fact in (
        "已将320户纳入监测",
        "全县已经将320户纳入监测",
        "各乡镇曾将87户纳入监测",
        "重新将45户纳入监测",
        "累计培训将近2000人次",
        "主要指标全面完成",
        "应急物资储备充足",
    ):
        result = _plan(f"截至2025年6月底，{fact}。", dt.date(2025, 7, 10))
        assert result.plan.milestones == (), fact


def test_figures_of_a_past_year_are_neither_targets_nor_milestones():
    """截至2024年底 dates results already reached: 达到95% is no target of the plan."""
    result = _plan(
        "截至2024年底，全县农村自来水普及率达到95%，规模化供水工程覆盖农村人口比例达到60%。",
        dt.date(2025, 7, 10),
    )
    assert result.plan.milestones == ()
    assert result.plan.indicators == ()


@given(
    reference=st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
    month=st.integers(1, 12),
    year=st.sampled_from([2024, 2025, 2026]),
    word=st.sampled_from(["截至", "截止"]),
)
def test_a_milestone_from_as_of_exactly_when_its_day_is_not_past(reference, month, year, word):
    result = _plan(f"{word}{year}年{month}月底，完成全部人员培训。", reference)
    ends = [m.when.end for m in result.plan.milestones]
    end = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    assert ends == ([end] if end >= reference else [])
