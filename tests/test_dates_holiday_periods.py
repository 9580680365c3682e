"""A public holiday's 期间 (国庆期间, 2026年春节期间) is its days off on the official calendar."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import (
    Period,
    covered_years,
    find_when,
    is_working_day,
    parse_when,
    read_holiday_notice,
    register_holiday_notice,
)
from xiaojie.dates._workdays import holiday_days


D = dt.date
WORDS = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Tomb-sweeping Day",
    "劳动节": "Labour Day",
    "五一": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-autumn Festival",
    "国庆": "National Day",
    "国庆节": "National Day",
}
YEARS = range(max(2010, covered_years().start), covered_years().stop)


@given(st.sampled_from(list(YEARS)), st.sampled_from(sorted(WORDS)))
def test_a_holiday_is_its_run_of_days_off(year, word):
    """The period holds every day the calendar names for the holiday, only days off, and no more."""
    period = parse_when(f"{year}年{word}期间", reference=D(year, 6, 1))
    middle = period.start + (period.end - period.start) / 2
    named = [
        d
        for d, name in chinese_calendar.holidays.items()
        if name == WORDS[word] and abs((d - middle).days) < 15
    ] or [period.start]  # 中秋 on 1 October (2020) is named 国庆

    assert isinstance(period, Period)
    assert period.start <= min(named)
    assert max(named) <= period.end
    day = period.start
    while day <= period.end:
        assert not is_working_day(day)
        day += dt.timedelta(days=1)
    assert is_working_day(period.start - dt.timedelta(days=1))
    assert is_working_day(period.end + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("国庆期间开展安全检查", D(2025, 10, 1), D(2025, 10, 8)),  # 国庆 and 中秋 together
        ("中秋节期间", D(2025, 10, 1), D(2025, 10, 8)),
        ("春节期间做好值班值守", D(2026, 2, 15), D(2026, 2, 23)),  # 2025's is over by June
        ("“五一”期间", D(2026, 5, 1), D(2026, 5, 5)),  # 2025's is over by June
        ("元旦期间", D(2026, 1, 1), D(2026, 1, 3)),  # the coming 1 January, as 元旦前
        ("2026年春节期间", D(2026, 2, 15), D(2026, 2, 23)),
        ("2025年元旦期间", D(2025, 1, 1), D(2025, 1, 1)),
    ],
)
def test_read_in_the_reference_year_or_the_year_written(text, start, end):
    [found] = find_when(text, reference=D(2025, 6, 1))

    assert found.value == Period(start, end)


@pytest.mark.parametrize(
    ("text", "reference", "start", "end"),
    [
        ("春节期间", D(2025, 12, 20), D(2026, 2, 15), D(2026, 2, 23)),  # the coming one
        ("国庆期间", D(2025, 10, 5), D(2025, 10, 1), D(2025, 10, 8)),  # the one under way
        ("国庆期间", D(2025, 10, 20), D(2026, 10, 1), D(2026, 10, 7)),
        ("元旦期间", D(2024, 1, 1), D(2023, 12, 30), D(2024, 1, 1)),
        ("2026年“五一”期间", D(2025, 6, 1), D(2026, 5, 1), D(2026, 5, 5)),
        ("2026年度春节期间", D(2025, 6, 1), D(2026, 2, 15), D(2026, 2, 23)),
    ],
)
def test_the_coming_holiday(text, reference, start, end):
    [found] = find_when(text, reference=reference)

    assert found.value == Period(start, end)


@pytest.mark.parametrize(
    ("text", "stretch", "reason"),
    [
        ("国庆期间前完成隐患排查", "国庆期间前", "before 前 or 后 is no day of its own"),
        ("2026年春节期间后", "2026年春节期间后", "before 前 or 后 is no day of its own"),
        ("元旦、春节期间开展走访慰问", "元旦、春节期间", "names several holidays for one 期间"),
        ("中秋国庆期间加强市场监管", "中秋国庆期间", "names several holidays for one 期间"),
        ("元旦至春节期间", "元旦至春节期间", "a range from one holiday to another"),
        ("每年春节期间开展慰问", "春节期间", "of every year"),
        ("每逢春节期间", "春节期间", "of every year"),
        ("2005年清明节期间", "2005年清明节期间", "no public holiday of 2005"),
        ("2005年中秋节期间", "2005年中秋节期间", "no public holiday of 2005"),
    ],
)
def test_what_is_not_one_holiday_s_days(text, stretch, reason):
    result = find_when(text, reference=D(2025, 6, 1))

    assert not [f for f in result if isinstance(f.value, Period) and f.text in stretch]
    assert [u.text for u in result.unread] == [stretch]
    assert reason in result.unread[0].reason


def test_a_registered_notice_without_the_holiday_says_so(clean_registry):
    year = covered_years().stop
    notice = read_holiday_notice(
        f"关于{year}年部分节假日安排的通知\n二、春节：2月6日至12日放假调休，共7天。", source="n.txt"
    )
    register_holiday_notice(notice)

    result = find_when("端午期间", reference=D(year, 3, 1))
    assert "the registered holiday notice of" in result.unread[0].reason
    assert "(n.txt) names no such holiday" in result.unread[0].reason


@pytest.mark.parametrize("text", ["节假日期间", "汛期期间", "春节前后", "春节前夕"])
def test_other_events_stay_unread(text):
    result = find_when(text, reference=D(2025, 6, 1))

    assert list(result) == []
    assert len(result.unread) == 1


def test_a_year_the_calendar_lacks_is_unread_until_its_notice_is_registered(clean_registry):
    year = covered_years().stop
    first = D(year, 2, 1) + dt.timedelta(days=(5 - D(year, 2, 1).weekday()) % 7)
    last = first + dt.timedelta(days=6)
    notice = read_holiday_notice(
        f"国务院办公厅关于{year}年部分节假日安排的通知\n"
        f"二、春节：{first.month}月{first.day}日至{last.day}日放假调休，共7天。"
    )
    result = find_when(f"{year}年春节期间", reference=D(year, 1, 5))
    assert [u.text for u in result.unread] == [f"{year}年春节期间"]
    assert "register the year's holiday notice" in result.unread[0].reason

    register_holiday_notice(notice)

    [found] = find_when(f"{year}年春节期间", reference=D(year, 1, 5))
    assert found.value == Period(*holiday_days("春节", year))
    assert found.value.start == first
    assert last <= found.value.end  # and the weekend after it, a day off too
