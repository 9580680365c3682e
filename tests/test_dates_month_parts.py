"""Ranges and lists of a month's parts written after the month once.

"6月10日至月底前完成" was read as a deadline on 10 June (the range's end dropped without a word),
"6月上旬至中旬" as the first ten days, "6月上、中旬" as 11–20 June, "每月上旬至中旬" as due on the
10th and "每月10日至月底" on the 10th. A part of the month named before is now read where a range
or a list ends: the 旬 written bare (中旬, 下旬), the month's end, middle or start after 月 (月底,
月中, 月初).
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency, Period, PeriodSeries, find_when


REF = dt.date(2025, 3, 20)
MONTHS = st.integers(1, 12)
YEARS = st.sampled_from(["", "2025年", "2026年", "2028年"])
# A part of a month read after the month named before, by its first and last day (None: the end).
PARTS = {
    "上旬": (1, 10),
    "中旬": (11, 20),
    "下旬": (21, None),
    "上中旬": (1, 20),
    "中下旬": (11, None),
    "月底": (25, None),
    "月末": (25, None),
    "月中": (11, 20),
    "月初": (1, 5),
    "月中旬": (11, 20),
    "月下旬": (21, None),
}
BARE = sorted(word for word in PARTS if not word.startswith("月"))
ENDS = st.sampled_from(sorted(PARTS))
SEPARATORS = st.sampled_from(["至", "到", "—", "-", "~"])


def _year(written: str) -> int:
    return int(written[:4]) if written else REF.year


def _last(year: int, month: int, day: int | None) -> dt.date:
    return dt.date(year, month, day or calendar.monthrange(year, month)[1])


def _read(text: str):
    found = find_when(text, reference=REF)
    return [(f.text, f.value) for f in found], [u.reason for u in found.unread]


@given(YEARS, MONTHS, st.integers(1, 31) | st.sampled_from(BARE), ENDS, SEPARATORS)
@example("", 6, 10, "月底", "至")  # 6月10日至月底前 was read as 10 June
@example("", 6, "上旬", "中旬", "至")  # 6月上旬至中旬 as 1–10 June
def test_a_range_ending_at_a_part_of_the_month_reads_to_that_part(
    written_year: str, month: int, first: int | str, end: str, separator: str
) -> None:
    year = _year(written_year)
    days = calendar.monthrange(year, month)[1]
    if isinstance(first, int):
        if first > days:
            return
        head, start = f"{first}日", dt.date(year, month, first)
    else:
        head, start = first, dt.date(year, month, PARTS[first][0])
    last = _last(year, month, PARTS[end][1])
    phrase = f"{written_year}{month}月{head}{separator}{end}"
    found, unread = _read(phrase + "前完成")
    if last < start:
        assert found == []
        assert len(unread) == 1
        assert "before it starts" in unread[0]
    else:
        assert unread == []
        assert found == [(phrase + "前", Period(start, last))]


@given(
    YEARS, MONTHS, st.sampled_from([["上", "中"], ["中", "下"], ["上", "下"], ["上", "中", "下"]])
)
def test_parts_sharing_the_word_read_as_written_out(
    written_year: str, month: int, parts: list[str]
) -> None:
    """6月上、中旬 is 6月上旬、中旬 is 6月上旬、6月中旬."""
    shared = f"{written_year}{month}月" + "、".join(parts) + "旬"
    out = f"{written_year}{month}月" + "、".join(part + "旬" for part in parts)
    year = _year(written_year)
    expected = PeriodSeries(
        tuple(
            Period(dt.date(year, month, PARTS[p + "旬"][0]), _last(year, month, PARTS[p + "旬"][1]))
            for p in parts
        )
    )
    for text in (shared, out):
        found, unread = _read(text + "完成")
        assert unread == []
        assert [value for _, value in found] == [expected]


@given(st.integers(1, 31) | st.sampled_from(["上旬", "中旬", "下旬"]), ENDS, SEPARATORS)
def test_a_monthly_duty_over_a_range_is_due_at_its_end(
    first: int | str, end: str, separator: str
) -> None:
    head = f"{first}日" if isinstance(first, int) else first
    start = first if isinstance(first, int) else PARTS[first][0]  # 下旬 starts on the 21st
    last = PARTS[end][1]
    phrase = f"每月{head}{separator}{end}"
    found, unread = _read(phrase + "报送")
    if last is not None and last < start:
        assert found == []
        assert len(unread) == 1
        assert "before it starts" in unread[0]
    else:
        assert unread == []
        assert found == [(phrase, Cadence(frequency=Frequency.MONTHLY, due_day=last))]


@pytest.mark.parametrize(
    ("text", "reported", "reason"),
    [
        ("每月上、中旬报送", "每月上、中旬", "a list of parts of each month"),
        ("每年6月上、中旬报送", "每年6月上、中旬", "a list of parts of a month of each year"),
        ("每年6月上旬、中旬报送", "每年6月上旬、中旬", "a list of parts of a month of each year"),
        ("每年1、7月10日至20日报送", "每年1、7月10日至20日", "holding a range"),
        ("每年1月、7月10日至20日报送", "每年1月、7月10日至20日", "holding a range"),
        ("每年3、6月30日报送", "每年3、6月30日", "not the same day of evenly spaced months"),
    ],
)
def test_several_due_days_of_each_window_are_reported(text: str, reported: str, reason: str):
    """Read before as a duty without its due days, as 每年 beside a one-off date, or cut short
    ("每年6月上" due on 10 June)."""
    found = find_when(text, reference=REF)
    assert list(found) == []
    assert [(u.text, reason in u.reason) for u in found.unread] == [(reported, True)]


@given(st.sampled_from(["5", "10", "五", "十五"]), st.sampled_from(["20", "25", "二十", "28"]))
def test_due_days_of_each_month_read_alike_shared_or_written_out(first: str, second: str):
    """每月5、20日前 is 每月5日、20日前 is 每月5日前、20日前: none is one monthly duty."""
    for text in (
        f"每月{first}、{second}日前",
        f"每月{first}日、{second}日前",
        f"每月{first}日前、{second}日前",
    ):
        found = find_when(text + "报送", reference=REF)
        assert list(found) == []
        assert len(found.unread) == 1
        assert "several days of each month" in found.unread[0].reason


@given(
    st.lists(st.integers(1, 12), min_size=2, max_size=4, unique=True).map(sorted),
    st.integers(1, 28),
    st.sampled_from(["前", ""]),
)
@example([1, 7], 10, "前")  # half-yearly, due on 10 January and 10 July
@example([3, 6, 9, 12], 10, "前")  # quarterly
def test_months_sharing_a_day_after_each_year_read_as_written_out(
    months: list[int], day: int, before: str
) -> None:
    """每年1、7月10日前 reads as 每年1月、7月10日前 (a bare month takes the last date's day)."""
    shared = "每年" + "、".join(map(str, months)) + f"月{day}日{before}"
    out = "每年" + "、".join(f"{m}月" for m in months[:-1]) + f"、{months[-1]}月{day}日{before}"
    one, two = find_when(shared + "报送", reference=REF), find_when(out + "报送", reference=REF)
    assert [f.value for f in one] == [f.value for f in two]
    assert [u.reason for u in one.unread] == [u.reason for u in two.unread]
    assert [f.text for f in one] == ([shared] if list(two) else [])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("每年1、7月10日前", Cadence(frequency=Frequency.HALF_YEARLY, due_month=1, due_day=10)),
        (
            "每年3、6、9、12月10日前",
            Cadence(frequency=Frequency.QUARTERLY, due_month=3, due_day=10),
        ),
    ],
)
def test_months_sharing_a_day_after_each_year_are_one_duty(text: str, value: Cadence) -> None:
    """Read before as 每年 beside a one-off deadline on the last date."""
    [found] = find_when(text + "报送", reference=REF)
    assert (found.text, found.value) == (text, value)


@pytest.mark.parametrize(
    ("text", "due_day", "next_month"),
    [
        ("每月底至次月5日前报送", 5, True),
        ("每月末至次月5日前报送", 5, True),
        ("每月月末至次月10日前报送", 10, True),
        ("每月下旬至次月月初报送", 5, True),
        ("每月下旬至次月月中报送", 20, True),
        ("每月初至10日前报送", 10, False),
        ("每月月初至10日前报送", 10, False),
        ("每月上旬至15日前报送", 15, False),
        ("每月中旬至25日报送", 25, False),
        # the range starts on the part's first day (下旬 on the 21st), not its due day
        ("每月下旬至25日前报送", 25, False),
        ("每月下旬至28日报送", 28, False),
        ("每月上旬至5日前报送", 5, False),
        ("每月初至3日前报送", 3, False),
        ("每月底至下个月5日前报送", 5, True),
        ("每月25日至下个月5日报送", 5, True),
        ("每月底至次月的5日前报送", 5, True),
        ("每月下旬至次月上旬报送", 10, True),
        ("每月25日至次月中旬报送", 20, True),
        ("每月10日至次月月底报送", None, True),
    ],
)
def test_a_monthly_duty_from_a_part_of_the_month(
    text: str, due_day: int | None, next_month: bool
) -> None:
    """Read before as two duties, as the first part alone, or not at all."""
    [found] = find_when(text, reference=REF)
    assert found.text == text.removesuffix("报送")
    assert found.value == Cadence(
        frequency=Frequency.MONTHLY, due_day=due_day, due_next_month=next_month
    )


@pytest.mark.parametrize(
    ("text", "frequency", "due_day"),
    [
        ("每季度末至次月10日前报送", Frequency.QUARTERLY, 10),
        ("每季末至下月5日前报送", Frequency.QUARTERLY, 5),
        ("每季度末至次月的15日前报送", Frequency.QUARTERLY, 15),
        ("每半年末至次月10日前报送", Frequency.HALF_YEARLY, 10),
        ("每年末至次月10日前报送", Frequency.YEARLY, 10),
        ("每年底至次月15日前报送", Frequency.YEARLY, 15),
    ],
)
def test_a_duty_from_a_windows_end_into_the_next_month(
    text: str, frequency: Frequency, due_day: int
) -> None:
    """Read before as two duties: one of each window and one of every month (次月10日前)."""
    [found] = find_when(text, reference=REF)
    assert found.text == text.removesuffix("报送")
    cadence = Cadence(frequency=frequency, due_day=due_day, due_next_month=True)
    assert found.value == cadence
    # due in the month after each window ends: 10 April for the first quarter
    window = next(iter(cadence.windows(dt.date(2025, 1, 1), dt.date(2025, 12, 31))))
    assert window.end is not None
    first = window.end + dt.timedelta(days=1)
    assert cadence.due_in(window) == first.replace(day=due_day)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6月10日至当月底前完成", Period(dt.date(2025, 6, 10), dt.date(2025, 6, 30))),
        ("6月10日至该月底", Period(dt.date(2025, 6, 10), dt.date(2025, 6, 30))),
        ("2月上旬至当月中旬", Period(dt.date(2025, 2, 1), dt.date(2025, 2, 20))),
        ("每月10日至当月底", Cadence(frequency=Frequency.MONTHLY, due_day=None)),
    ],
)
def test_the_month_named_again(text: str, value: object) -> None:
    """当月, 该月: the month named before (6月10日至当月底 read as 10 June)."""
    [found] = find_when(text, reference=REF)
    assert found.value == value
    assert found.text == text.removesuffix("完成")


def test_a_month_end_before_a_length_in_the_next_month_reads_as_before() -> None:
    """每月底至次月5个工作日内: 每月底 as before (it became unread for a while)."""
    found = find_when("每月底至次月5个工作日内报送", reference=REF)
    assert [(f.text, f.value) for f in found] == [("每月底", Cadence(frequency=Frequency.MONTHLY))]


@pytest.mark.parametrize("end", ["年底前", "年末", "12月底前"])
def test_the_year_end_in_a_list_of_each_year_is_december(end: str) -> None:
    """每年6月底和年底前 is half-yearly as 每年6月底和12月底前 (it was read as a yearly duty beside
    a one-off deadline, then not at all)."""
    [found] = find_when(f"每年6月底和{end}报送", reference=REF)
    assert found.value == Cadence(frequency=Frequency.HALF_YEARLY, due_month=6)
