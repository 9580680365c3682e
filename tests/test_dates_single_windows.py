"""Duties written with one character for the window: "实行月调度、季通报、年考核".

Plans list their working mechanisms this way; each is a duty every month, quarter, year or week.
The same characters also begin other words (本月调度会, 2025年考核, 全年考核), which stay what
they are. The sentences of ``REAL`` are quoted from published documents, with their addresses.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency, find_when
from xiaojie.parsing import parse_plan


REF = dt.date(2025, 3, 1)
F = Frequency


def _cadences(text: str) -> list[tuple[str, Frequency]]:
    return [
        (f.text, f.value.frequency)
        for f in find_when(text, reference=REF)
        if isinstance(f.value, Cadence)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "建立月调度、季通报、年考核工作机制。",
            [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY), ("年考核", F.YEARLY)],
        ),
        (
            "实行“周调度、月通报、季点评”制度。",
            [("周调度", F.WEEKLY), ("月通报", F.MONTHLY), ("季点评", F.QUARTERLY)],
        ),
        ("各地要坚持月调度，及时掌握进展。", [("月调度", F.MONTHLY)]),
        ("常态化月调度、季会商", [("月调度", F.MONTHLY), ("季会商", F.QUARTERLY)]),
        ("落实周报告和月分析制度", [("周报告", F.WEEKLY), ("月分析", F.MONTHLY)]),
        ("月调度会上通报进展", [("月调度", F.MONTHLY)]),
    ],
)
def test_mechanisms_are_duties(text, expected):
    assert _cadences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "本月调度会议",
        "3月调度情况",
        "2025年考核结果",
        "全年考核",
        "上年考核",
        "上月通报的问题",
        "年考核排名靠后的单位",
        "对季通报的问题整改",
        "一季度通报",
        "每年考核",
        "每月调度一次",
        "月度调度",
        "按月调度",
        "周一调度",
        "下周调度会",
    ],
)
def test_other_words_are_not_these_duties(text):
    found = find_when(text, reference=REF)
    assert all(
        not (isinstance(f.value, Cadence) and len(f.text) <= 3 and f.text[0] in "月季年周")
        for f in found
    ), found
    # and what was read before is read as before: 每月, 月度, 按月 stay duties of their own kind
    if text.startswith(("每月", "月度", "按月")):
        assert [f.value.frequency for f in found if isinstance(f.value, Cadence)] == [F.MONTHLY]


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("实行旬调度、月通报。", "旬调度"),
        ("坚持半月一调度。", "半月一调度"),
        ("半月调度", "半月调度"),
    ],
)
def test_ten_days_and_half_months_are_reported(text, unread):
    result = find_when(text, reference=REF)
    assert [u.text for u in result.unread] == [unread]
    assert "is not read: the windows read are the week" in result.unread[0].reason


WINDOWS = {"月": F.MONTHLY, "季": F.QUARTERLY, "年": F.YEARLY, "周": F.WEEKLY}
DUTIES = ["调度", "通报", "报告", "会商", "考核", "点评", "督导", "研判"]


@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(WINDOWS)), st.sampled_from(DUTIES)),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    st.sampled_from(["实行", "坚持", "建立", ""]),
    st.sampled_from(["制度", "工作机制", "。", ""]),
)
def test_any_list_of_mechanisms(pairs, lead, tail):
    text = lead + "、".join(w + d for w, d in pairs) + tail
    assert _cadences(text) == [(w + d, WINDOWS[w]) for w, d in pairs]


@given(
    st.sampled_from(sorted(WINDOWS)),
    st.sampled_from(DUTIES),
    st.sampled_from(list("本上下当今去明全次该每第0123456789一二三")),
)
def test_a_window_after_a_word_of_time_is_not_each(window, duty, before):
    assert all(
        f.text != window + duty for f in find_when(f"{before}{window}{duty}。", reference=REF)
    )


def test_the_plan_gets_an_obligation_per_mechanism():
    text = """某县2025年巩固拓展脱贫攻坚成果工作方案

一、重点任务
（一）加强调度。
1.健全推进机制。建立月调度、季通报、年考核工作机制，及时掌握工作进展。（牵头单位：县财政局）
2.开展监测。实行旬调度。（牵头单位：县财政局）
"""
    result = parse_plan(text, reference=REF)

    assert sorted(o.cadence.frequency for o in result.plan.obligations) == sorted(
        [F.MONTHLY, F.QUARTERLY, F.YEARLY]
    )
    assert any("旬调度" in str(note) and "not read" in str(note) for note in result.report.notes)
