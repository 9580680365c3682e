"""A day said to be left out, numbers that are no day, and ranges that end before they start.

Each was read silently wrong: "截至2025年6月30日（不含）" as a deadline on 30 June (the day the
text leaves out), "7月1日（不含）起" as starting on 1 July; "每月1号文件" (a document's number)
as a monthly duty due on the 1st; "2025.6.30-6.29" and "6月30日-6月29日" as ranges of a year
into the next, where "12月20日-1月10日" does run into the next year.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency, Period, find_when
from xiaojie.parsing import parse_plan


REF = dt.date(2025, 3, 20)
DAYS = st.dates(dt.date(1950, 1, 2), dt.date(2099, 12, 30))
LEFT_OUT = st.sampled_from(["（不含）", "(不含)", "（不含当日）", "（不含当天）"])


def _found(text: str) -> tuple[list[tuple[str, object]], list[str]]:
    found = find_when(text, reference=REF)
    return [(f.text, f.value) for f in found], [u.reason for u in found.unread]


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@given(DAYS, LEFT_OUT, st.sampled_from(["前", "之前", "以前"]), st.sampled_from(["", "完成"]))
def test_a_day_left_out_before_a_deadline_is_the_day_before(
    day: dt.date, left_out: str, before: str, tail: str
) -> None:
    phrase = _day(day) + left_out + before
    assert _found(phrase + tail) == ([(phrase, Period(None, day - dt.timedelta(days=1)))], [])


@given(DAYS, LEFT_OUT, st.sampled_from(["截至", "至"]))
def test_until_a_day_left_out_is_the_day_before(day: dt.date, left_out: str, until: str) -> None:
    phrase = until + _day(day) + left_out
    found, unread = _found("数据统计" + phrase)
    assert unread == []
    assert found == [(phrase, Period(None, day - dt.timedelta(days=1)))]


@given(DAYS, LEFT_OUT, st.sampled_from(["起", "以后", "之后"]))
def test_a_day_left_out_before_a_start_is_the_day_after(
    day: dt.date, left_out: str, after: str
) -> None:
    phrase = _day(day) + left_out + after
    assert _found(phrase) == ([(phrase, Period(day + dt.timedelta(days=1), None))], [])


@given(DAYS, st.integers(2, 400), LEFT_OUT, st.booleans())
def test_a_range_leaves_out_its_first_or_last_day(
    first: dt.date, length: int, left_out: str, at_start: bool
) -> None:
    last = first + dt.timedelta(days=length)
    if at_start:
        phrase = _day(first) + left_out + "至" + _day(last)
        expected = Period(first + dt.timedelta(days=1), last)
    else:
        phrase = _day(first) + "至" + _day(last) + left_out
        expected = Period(first, last - dt.timedelta(days=1))
    assert _found(phrase) == ([(phrase, expected)], [])


@given(DAYS, st.integers(1, 400), LEFT_OUT, st.sampled_from(["前", "之前"]))
def test_a_range_before_its_last_day_left_out_ends_the_day_before(
    first: dt.date, length: int, left_out: str, before: str
) -> None:
    """2025年6月10日至6月30日前（不含）: to 29 June (（不含） after 前 was passed over)."""
    last = first + dt.timedelta(days=length)
    phrase = _day(first) + "至" + _day(last) + before + left_out
    assert _found(phrase + "完成") == ([(phrase, Period(first, last - dt.timedelta(days=1)))], [])


def test_a_range_to_the_day_after_a_year_end() -> None:
    text = "12月31日（不含）至1月10日"
    assert _found(text) == ([(text, Period(dt.date(2026, 1, 1), dt.date(2026, 1, 10)))], [])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("6月30日（不含）", "（不含） without 前 or 起 is not read"),
        ("6月（不含）前", "（不含） after a window that is not one day is not read"),
        ("6月前（不含）", "（不含） after a window that is not one day is not read"),
        ("6月10日至月底前（不含）", "（不含） after a window that is not one day is not read"),
        ("1月1日至1月1日（不含）", "range ends on 2024-12-31 before it starts on 2025-01-01"),
    ],
)
def test_a_day_left_out_that_cannot_be_read_is_reported(text: str, reason: str) -> None:
    found, unread = _found(text)
    assert found == []
    assert [r.split(": ", 1)[-1] for r in unread] == [reason]


def test_included_days_read_as_before() -> None:
    # guard: （含） leaves the day in, as without it
    text = "2025年1月1日（含）至2025年12月31日（含）"
    assert _found(text) == ([(text, Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))], [])


# -- 号 of a document, not of a day -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每月1号文件", [("每月", Cadence(frequency=Frequency.MONTHLY))]),
        ("每年的1号文件", [("每年", Cadence(frequency=Frequency.YEARLY))]),
        ("每月3号令", [("每月", Cadence(frequency=Frequency.MONTHLY))]),
        # (read so before too: 2025年 takes no day without its month)
        ("2025年1号文件", [("2025年", Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))]),
    ],
)
def test_hao_of_a_document_is_no_day(text: str, expected: list[tuple[str, object]]) -> None:
    assert _found(text) == (expected, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每月1号前报送", [("每月1号前", Cadence(frequency=Frequency.MONTHLY, due_day=1))]),
        ("6月1号召开", [("6月1号", Period(dt.date(2025, 6, 1), dt.date(2025, 6, 1)))]),
        ("6月1号至10号", [("6月1号至10号", Period(dt.date(2025, 6, 1), dt.date(2025, 6, 10)))]),
        ("6月1号线上启动", [("6月1号", Period(dt.date(2025, 6, 1), dt.date(2025, 6, 1)))]),
        ("每月1号线下办理", [("每月1号", Cadence(frequency=Frequency.MONTHLY, due_day=1))]),
    ],
)
def test_hao_of_a_day_reads_as_before(text: str, expected: list[tuple[str, object]]) -> None:
    # guard: 号 before anything else is still the day's, and before 线上, 线下 (online, offline)
    assert _found(text) == (expected, [])


@pytest.mark.parametrize("text", ["在12月5号线开通前", "12月5号线路检修"])
def test_hao_of_a_metro_line_is_no_day(text: str) -> None:
    """Read before as 5 December; 5号线 is line 5."""
    found, unread = _found(text)
    assert found == []
    assert [reason.split(";")[0] for reason in unread] == [
        "a month followed by a day without 日 or by 月 again"
    ]


# -- ranges that end before they start ------------------------------------------------------


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2098, 12, 31)),
    st.integers(1, 27),
    st.sampled_from(["dots", "chinese"]),
)
def test_a_range_ending_earlier_in_its_own_month_is_reported(
    last: dt.date, back: int, spelling: str
) -> None:
    assume(last.day > back)
    first = last
    end = last - dt.timedelta(days=back)
    if spelling == "dots":
        text = f"{first.year}.{first.month}.{first.day}-{end.month}.{end.day}"
    else:
        text = f"{first.year}年{first.month}月{first.day}日至{end.month}月{end.day}日"
    found, unread = _found(text)
    assert found == []
    assert unread == [f"range ends on {end} before it starts on {first}"]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025.12.20-1.10", (dt.date(2025, 12, 20), dt.date(2026, 1, 10))),
        ("2025年12月20日至1月10日", (dt.date(2025, 12, 20), dt.date(2026, 1, 10))),
        ("2025年12月至11月", (dt.date(2025, 12, 1), dt.date(2026, 11, 30))),
    ],
)
def test_a_range_into_the_next_year_reads_as_before(
    text: str, period: tuple[dt.date, dt.date]
) -> None:
    # guard: an end in an earlier month is in the next year
    assert _found(text) == ([(text, Period(*period))], [])


@pytest.mark.parametrize(
    "text",
    ["每年6月30日（不含）前", "每月10日（不含）前", "每年1月1日（不含）起", "每月10日前（不含）"],
)
def test_a_day_left_out_of_a_recurring_duty_is_reported(text: str) -> None:
    found, unread = _found(text)
    assert found == []
    assert [r.split(": ", 1)[-1] for r in unread] == ["（不含） in a recurring duty is not read"]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("6月11-20日（不含）", (dt.date(2025, 6, 11), dt.date(2025, 6, 19))),
        ("6月11日至20日（不含）", (dt.date(2025, 6, 11), dt.date(2025, 6, 19))),
        ("6月30日（不含）止", (None, dt.date(2025, 6, 29))),
        ("6月30日（不含）为止", (None, dt.date(2025, 6, 29))),
        ("6月30日（ 不含 ）起", (dt.date(2025, 7, 1), None)),
        ("6月30日 （不含） 前", (None, dt.date(2025, 6, 29))),
        ("2025年6月30日前（不含）", (None, dt.date(2025, 6, 29))),
        ("7月1日起（不含）", (dt.date(2025, 7, 2), None)),
    ],
)
def test_other_spellings_of_a_day_left_out(
    text: str, period: tuple[dt.date | None, dt.date | None]
) -> None:
    assert _found(text) == ([(text, Period(*period))], [])


def test_a_deadline_cell_with_its_day_left_out() -> None:
    text = (
        "发文时间:2025-03-05\n一、任务\n"
        "1.报送进展。(牵头单位:县财政局;完成时限:2025年6月30日（不含）)\n"
    )
    [milestone] = parse_plan(text).plan.milestones
    assert (milestone.due, milestone.when.text) == (dt.date(2025, 6, 29), "2025年6月30日(不含)")
