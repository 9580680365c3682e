"""Duties written without 每 (按季度报送, 逐月调度, 半年报送一次) become obligations of their task.

The time phrases are read by :mod:`xiaojie.dates` (``tests/test_dates_real_phrases.py``); here the
parser must look for them (they hold no digit and no 每) and keep their verb in the title, as it
does for 每季度报送一次.
"""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Frequency
from xiaojie.parsing import parse_plan


REF = dt.date(2025, 6, 1)
WORDS = [
    ("按季度", Frequency.QUARTERLY),
    ("季度", Frequency.QUARTERLY),
    ("按月", Frequency.MONTHLY),
    ("逐月", Frequency.MONTHLY),
    ("月度", Frequency.MONTHLY),
    ("按半年", Frequency.HALF_YEARLY),
    ("半年", Frequency.HALF_YEARLY),
]


def obligations(body: str) -> list[tuple[int | None, str, Frequency]]:
    text = (
        f"关于印发某县工作方案的通知\n一、重点任务\n1.加强监测帮扶。{body}(牵头单位:县农业农村局)\n"
    )
    plan = parse_plan(text, reference=REF).plan
    return [(o.task, o.title, o.cadence.frequency) for o in plan.obligations]


@given(
    word=st.sampled_from(WORDS),
    verb=st.sampled_from(["报送", "调度", "通报"]),
    count=st.sampled_from(["", "一次"]),
    who=st.sampled_from(["", "各乡镇"]),
)
def test_a_duty_without_every_is_an_obligation_keeping_its_verb(
    word: tuple[str, Frequency], verb: str, count: str, who: str
) -> None:
    """A quarterly duty "各乡镇按季度报送工作进展" is an obligation titled 各乡镇报送工作进展."""
    phrase, frequency = word
    if phrase in {"季度", "月度", "半年"} and not count:
        count = "一次"  # "季度报送" alone is a noun phrase ("季度报送制度"), not a duty

    found = obligations(f"{who}{phrase}{verb}{count}工作进展。")

    assert [(1, f"{who}{verb}工作进展", frequency)] == found


@given(
    duty=st.sampled_from(["每季度", "按季度", "每月5日前", "每月"]),
    relative=st.sampled_from(["本季度", "本月", "上月", "上季度"]),
    gap=st.sampled_from(["", "落实情况", "落实情况和问题整改进展情况,包括"]),
)
def test_a_relative_period_after_a_duty_is_counted_from_each_report(
    duty: str, relative: str, gap: str
) -> None:
    """ "每季度报送…,包括本季度完成的整改清单": the quarter is each report's, no milestone."""
    text = (
        "关于印发某县工作方案的通知\n一、重点任务\n"
        f"1.加强监测帮扶。{duty}向县政府报送{gap},{relative}完成的整改任务清单。"
        "(牵头单位:县农业农村局)\n"
    )
    plan = parse_plan(text, reference=REF).plan

    assert [] == [m.title for m in plan.milestones]
    assert 1 == len(plan.obligations)
