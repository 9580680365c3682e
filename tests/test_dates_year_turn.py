"""Lists of months that run into the next year: "12月和1月", "10月至12月和1—2月", "来年1月".

A list was read in one year: "12月和1月开展走访" was December and then January of the same year,
eleven months before it, where a range ("12月至2月") already ended in the next year. A window
of a list that names an earlier month than the one before it, with no year of its own, is now
in the year after, as the end of a range is: written out ("12月、1月、2月", "12月底、1月底前"),
after a range ("10月至12月和1月"), after a quarter ("第四季度和1月"), and a range after ("12月和1—2月"). 来年 (the coming year) is
the year after the one before it, as 次年 is ("12月和来年1月", "至来年3月底前"), where it
stood alone; 上一年度 before a month is that month of the year before ("上一年度3月" was the
whole of last year beside March of this one).

Left as they were (guards): a later window with its own year (次年1月, 2026年1月), one named
from the reference date (本月和1月), a bare day of the same month ("6月5日和3日"), a window
after a range into the next year ("12月至2月和3月": March after February, as before), and 来年
inside a word (未来年度) or before no part of a year (来年春耕).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Period, PeriodSeries, find_when


REF = dt.date(2025, 3, 20)


def _firsts(text: str) -> list[tuple[int, int]]:
    """(year, month) of the first day (or the last, for a deadline) of each period read."""
    found = find_when(text, reference=REF)
    assert not found.unread, found.unread
    assert len(found) == 1, list(found)
    value = found[0].value
    periods = list(value) if isinstance(value, PeriodSeries) else [value]
    days = [p.start or p.end for p in periods]
    assert all(d is not None for d in days)
    return [(d.year, d.month) for d in days if d is not None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12月和1月开展走访", [(2025, 12), (2026, 1)]),
        ("12月、1月、2月开展", [(2025, 12), (2026, 1), (2026, 2)]),
        ("10月至12月和1月", [(2025, 10), (2026, 1)]),
        ("第四季度和1月", [(2025, 10), (2026, 1)]),
        ("12月和1-2月", [(2025, 12), (2026, 1)]),
        ("11月底和1月底前完成", [(2025, 11), (2026, 1)]),
        ("12月25日和1月5日", [(2025, 12), (2026, 1)]),
        ("2024年12月和1、2月", [(2024, 12), (2025, 1), (2025, 2)]),
        ("12月和1、2月", [(2025, 12), (2026, 1), (2026, 2)]),
        ("12月和来年1月", [(2025, 12), (2026, 1)]),
    ],
)
def test_a_list_runs_forward_into_the_next_year(text: str, expected: list[tuple[int, int]]) -> None:
    assert _firsts(text) == expected


def test_a_range_after_a_list_ends_in_the_year_it_starts_in_or_after() -> None:
    found = find_when("12月和1-2月", reference=REF)
    value = found[0].value
    assert isinstance(value, PeriodSeries)
    assert value[1] == Period(dt.date(2026, 1, 1), dt.date(2026, 2, 28))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12月和次年1月", [(2025, 12), (2026, 1)]),
        ("12月和2026年1月", [(2025, 12), (2026, 1)]),
        ("12月和2025年1月", [(2025, 12), (2025, 1)]),  # its own year, as written
        ("本月和1月", [(2025, 3), (2025, 1)]),
        ("6月5日和3日", [(2025, 6), (2025, 6)]),
        ("3月和6月", [(2025, 3), (2025, 6)]),
        ("12月至2月和3月", [(2025, 12), (2026, 3)]),  # the range's end is the year's
    ],
)
def test_left_in_their_year(text: str, expected: list[tuple[int, int]]) -> None:
    # guards
    assert _firsts(text) == expected


@pytest.mark.parametrize(
    ("text", "quoted", "period"),
    [
        ("至来年3月底前完成", "至来年3月底前", Period(None, dt.date(2026, 3, 31))),
        ("来年底前完成", "来年底前", Period(None, dt.date(2026, 12, 31))),
        (
            "2024年11月至来年2月",
            "2024年11月至来年2月",
            Period(dt.date(2024, 11, 1), dt.date(2025, 2, 28)),
        ),
        ("上一年度3月", "上一年度3月", Period(dt.date(2024, 3, 1), dt.date(2024, 3, 31))),
    ],
)
def test_the_coming_year_and_the_year_before(text: str, quoted: str, period: Period) -> None:
    found = find_when(text, reference=REF)
    assert [(f.text, f.value) for f in found] == [(quoted, period)]


@pytest.mark.parametrize(
    ("text", "quoted", "period"),
    [
        ("下一年3月底前完成", "下一年3月底前", Period(None, dt.date(2026, 3, 31))),
        ("下年度6月底前", "下年度6月底前", Period(None, dt.date(2026, 6, 30))),
        # before any part of a year (下一年1至3月 was read in the reference's year)
        ("下一年1至3月集中开展", "下一年1至3月", Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))),
        ("下一年年底前", "下一年年底前", Period(None, dt.date(2026, 12, 31))),
        ("下一年春节前", "下一年春节前", Period(None, dt.date(2026, 2, 14))),
        ("编写下一年度计划", "下一年度", Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
        # the end of the next year, as 次年末 (once left unread, never this year's end)
        ("下年度末", "下年度末", Period(dt.date(2026, 12, 1), dt.date(2026, 12, 31))),
        ("下年度底前", "下年度底前", Period(None, dt.date(2026, 12, 31))),
        (
            "2024年11月至下一年2月",
            "2024年11月至下一年2月",
            Period(dt.date(2024, 11, 1), dt.date(2025, 2, 28)),
        ),
    ],
)
def test_the_next_year(text: str, quoted: str, period: Period) -> None:
    """下一年, 下年度: the year after the one before them, as 次年 (下一年3月 was read as March
    of the reference's year, its 下一年 dropped)."""
    found = find_when(text, reference=REF)
    assert [(f.text, f.value) for f in found] == [(quoted, period)]


@pytest.mark.parametrize(
    "text",
    [
        "剩下一年时间",
        "余下一年",
        "以下年度目标",
        "下一年级学生",
        # a length after 下 as "under", or after 上下 (all levels), 签下
        "在县乡村振兴局指导下一年内完成改造",
        "在此前提下一年度目标不变",
        "全区上下一年来共投入衔接资金5亿元",
        "统筹上下年度资金",
        "签下一年期用工合同",
        # 一年一度 (annual), 打下, 一下, 拿下, 眼下; 在…下 ("under") however long
        "眼下一年一度的春耕生产即将开始",
        "为乡村振兴打下一年的坚实基础",
        "总结一下一年的工作",
        "拿下一年度订单",
        "在各方支持下一年度目标明确",
        "在新形势下一年度工作",
    ],
)
def test_next_year_inside_another_word(text: str) -> None:
    """下 ends another word (剩下, 以下, 上下, 指导下), the year word begins one (年级), or 下一年
    is a length (一年内, 一年来, 一年期): 指导下一年内 and 上下一年来 were read as the next year."""
    assert [f.text for f in find_when(text, reference=REF)] == []


@pytest.mark.parametrize(
    ("text", "quoted", "end"),
    [
        ("每年11月底前申报，下一年度1月底前批复", "下一年度1月底前", dt.date(2026, 1, 31)),
        ("每年组织一次评估，下一年3月底前完成整改", "下一年3月底前", dt.date(2026, 3, 31)),
    ],
)
def test_the_next_year_after_a_yearly_duty_is_read_as_next_year_is(
    text: str, quoted: str, end: dt.date
) -> None:
    """As 次年 after 每年: the date was dropped silently, neither read nor reported unread."""
    found = find_when(text, reference=REF)
    assert [(f.text, f.value) for f in found][1:] == [(quoted, Period(None, end))]


@pytest.mark.parametrize("text", ["未来年度预算", "来年春耕", "以来年均增长5%", "将来年底"])
def test_coming_year_inside_a_word_or_before_no_part(text: str) -> None:
    # guards: 来 ends another word, or no part of a year follows
    found = find_when(text, reference=REF)
    assert [f.text for f in found if "来年" in f.text] == []


_SEPARATORS = ("和", "、", "及", "与")
_PARTS = ("月", "月份", "月底", "月中旬", "月上旬")


@given(
    months=st.lists(st.integers(1, 12), min_size=2, max_size=5),
    separators=st.lists(st.sampled_from(_SEPARATORS), min_size=4, max_size=4),
    part=st.sampled_from(_PARTS),
    deadline=st.booleans(),
)
def test_each_month_written_out_is_in_the_year_after_each_turn(
    months: list[int], separators: list[str], part: str, deadline: bool
) -> None:
    # a list of months written out runs forward: every month smaller than the one before starts
    # a new year; each period is in its month, and they follow one another
    text = "".join(
        f"{m}{part}" + (separators[i] if i < len(months) - 1 else "") for i, m in enumerate(months)
    ) + ("前完成" if deadline else "开展")
    firsts = _firsts(text)
    year = REF.year
    expected = []
    for i, month in enumerate(months):
        if i and month < months[i - 1]:
            year += 1
        expected.append((year, month))
    assert firsts == expected
    days = [dt.date(y, m, 1) for y, m in firsts]
    assert days == sorted(days)


@given(
    start=st.integers(2, 12),
    data=st.data(),
    part=st.sampled_from(("月", "月底", "月份")),
)
def test_a_shared_list_turning_once_is_read_into_the_next_year(
    start: int, data: st.DataObject, part: str
) -> None:
    # "11、12、1、2月": numbers rising to the turn, then rising again below the first
    before = sorted(data.draw(st.sets(st.integers(start, 12), min_size=0, max_size=3)) | {start})
    after = sorted(data.draw(st.sets(st.integers(1, start - 1), min_size=1, max_size=3)))
    numbers = [*before, *after]
    text = "安排" + "、".join(str(n) for n in numbers) + part + "开展"
    expected = [(REF.year, n) for n in before] + [(REF.year + 1, n) for n in after]
    assert _firsts(text) == expected


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # named from the reference, as the relative year before it
        ("上一年度和下一年度的对比", [2024, 2026]),
        ("去年和下一年的目标", [2024, 2026]),
        # after the year in figures that opens its range or list, that year's next
        ("2024年11月至下一年1月和下一年2月", [2024, 2025]),
        ("2025年10月1日至下一年度4月30日", [2025]),
        ("计划在下一年度完成", [2026]),
        # a year in other words before it is no part of its phrase (2019 gave 2020: overdue)
        ("根据2019年文件精神，下一年度3月底前完成验收", [2019, 2026]),
        ("自2021年起实施的政策，下一年度1月起调整", [2021, 2026]),
        # a time closes what 在 opened: not 在…下 ("under")
        ("在各乡镇排查后下一年度3月前完成验收", [2026]),
    ],
)
def test_the_year_next_year_counts_from(text: str, years: list[int]) -> None:
    """上一年度和下一年度 read 2024 and 2025 (next to the year before it, not to this one);
    下一年 after a year in other words took that year's next."""
    found = find_when(text, reference=REF)
    periods = [
        p for f in found for p in (f.value if isinstance(f.value, PeriodSeries) else [f.value])
    ]
    assert [(p.start or p.end).year for p in periods] == years
