"""A yearly duty due in the next January (每年…于下年度1月10日前报送) is yearly, not one date.

``每年12月底前完成年度考核,并于下年度1月10日前报县乡村振兴局`` made the report a milestone due
10 January of the plan's second year only; each year's report is due each January after it.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency
from xiaojie.parsing import parse_plan


HEAD = "某县2025年防返贫监测帮扶工作方案\n2025年3月10日\n\n一、重点任务\n"
NEXT_YEAR = ["下年度", "下一年度", "次年", "翌年"]


def _read(item: str) -> tuple[list[tuple[str, Cadence]], list[dt.date], list[str]]:
    result = parse_plan(HEAD + item + "\n")
    duties = [(o.title, o.cadence) for o in result.plan.obligations]
    notes = [n.kind.value for n in result.report.notes if n.kind.value != "new_unit"]
    return duties, [m.due for m in result.plan.milestones], notes


@given(
    word=st.sampled_from(NEXT_YEAR),
    day=st.integers(1, 31),
    written=st.sampled_from(["{}日", "{}号"]),
)
def test_a_yearly_duty_takes_the_next_january_of_its_clause(
    word: str, day: int, written: str
) -> None:
    date = f"{word}1月{written.format(day)}前"
    duties, due, notes = _read(
        f"（一）做好年度总结，每年工作总结于{date}报送县乡村振兴局（县民政局负责）。"
    )
    assert duties == [
        (
            "工作总结报送县乡村振兴局",
            Cadence(frequency=Frequency.YEARLY, due_next_month=True, due_day=day),
        )
    ]
    assert due == []
    assert "unattached_date" not in notes
    [(_, cadence)] = duties
    windows = cadence.windows(dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    assert [cadence.due_in(w) for w in windows] == [
        dt.date(year + 1, 1, day) for year in (2025, 2026, 2027)
    ]


@pytest.mark.parametrize(
    ("item", "duties"),
    [
        # a second duty beside one with its own due: the report, due each January
        (
            "（一）各乡镇每年12月底前完成年度考核，并于下年度1月10日前报县乡村振兴局（县民政局负责）。",
            [
                ("各乡镇完成年度考核", Cadence(frequency=Frequency.YEARLY, due_month=12)),
                (
                    "报县乡村振兴局",
                    Cadence(frequency=Frequency.YEARLY, due_next_month=True, due_day=10),
                ),
            ],
        ),
        # in a clause of its own after the yearly duty
        (
            "（一）每年开展一次考核，次年1月底前报送结果（县民政局负责）。",
            [
                ("开展考核", Cadence(frequency=Frequency.YEARLY, max_count=1)),
                ("报送结果", Cadence(frequency=Frequency.YEARLY, due_next_month=True)),
            ],
        ),
        # the duty's verb stays when it takes the date as its due
        (
            "（一）每年至少开展一次考核并于次年1月10日前报送结果（县民政局负责）。",
            [
                (
                    "开展考核报送结果",
                    Cadence(frequency=Frequency.YEARLY, due_next_month=True, due_day=10),
                ),
            ],
        ),
        # in Chinese numerals
        (
            "（一）每年开展一次考核，次年一月十五日前报送（县民政局负责）。",
            [
                ("开展考核", Cadence(frequency=Frequency.YEARLY, max_count=1)),
                ("报送", Cadence(frequency=Frequency.YEARLY, due_next_month=True, due_day=15)),
            ],
        ),
    ],
)
def test_a_next_january_beside_a_yearly_duty_is_yearly(
    item: str, duties: list[tuple[str, Cadence]]
) -> None:
    read, due, _ = _read(item)
    assert read == duties
    assert due == []


@pytest.mark.parametrize(
    ("item", "due"),
    [
        # a year named before it: the January after that year
        (
            "（一）每年开展一次考核，2025年度考核结果于次年1月底前报送（县民政局负责）。",
            [dt.date(2026, 1, 31)],
        ),
        (
            "（一）每年开展考核，2025年12月底前完成首轮排查，并于次年1月15日前形成总结报告报县委（县民政局负责）。",
            [dt.date(2025, 12, 31), dt.date(2026, 1, 15)],
        ),
        (
            "（一）每年开展一次考核，今年考核结果于次年1月底前报送（县民政局负责）。",
            [dt.date(2026, 1, 31)],
        ),
        # alone in its clause: whose date it is is unsure (reported, as before)
        ("（一）每年开展一次考核，次年1月10日前（县民政局负责）。", []),
        ("（一）每年开展一次考核，并于次年1月10日前（县民政局负责）。", []),
    ],
)
def test_a_next_january_that_is_not_every_year_s_is_left_as_it_was(
    item: str, due: list[dt.date]
) -> None:
    duties, dates, notes = _read(item)
    assert [c.due_next_month for _, c in duties] == [False] * len(duties)
    assert sorted(dates) == due
    if not due:
        assert "unattached_date" in notes


def test_a_next_january_that_dates_a_target_stays_the_target_s() -> None:
    result = parse_plan(
        HEAD + "（一）每年开展一次考核，次年1月底前考核优秀率达到90%以上（县民政局负责）。\n"
    )
    [indicator] = result.plan.indicators
    assert indicator.name == "考核优秀率"
    assert [t.due.end for t in indicator.targets if t.due] == [dt.date(2026, 1, 31)]
    assert [o.title for o in result.plan.obligations] == ["开展考核"]


def test_a_next_january_without_a_yearly_duty_stays_one_date() -> None:
    # guard: nothing says it comes back each year
    duties, due, _ = _read("（一）做好总结，于下年度1月10日前报送（县民政局负责）。")
    assert duties == []
    assert due == [dt.date(2026, 1, 10)]
