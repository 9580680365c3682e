"""Stretches that look like one reading and mean another.

Each was read silently wrong: "2025年以上" as a length of at least 2025 years; a day in a file's
name ("附件2025.12.31台账.xlsx") as a date; "每年6月5日、6日" as a yearly duty on 5 June with the
6th dropped; "每年6月底前和12月底前" (前 after each date) as a yearly duty in June beside a
one-off deadline in December, where "每年6月底和12月底前" is one duty each half-year; a month
after a colon ("完成时限：6月底前", "一、元旦：1月1日至3日") as a clock time, so not at all.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency, Period, Span, SpanUnit, find_when


REF = dt.date(2025, 3, 20)


def _found(text: str) -> tuple[list[tuple[str, object]], list[str]]:
    found = find_when(text, reference=REF)
    return [(f.text, f.value) for f in found], [u.reason for u in found.unread]


@given(
    st.integers(1949, 2100),
    st.sampled_from(
        [
            "{}年以上年度",
            "不高于{}年征收标准",
            "不少于{}年标准",
            "保持{}年以上水平",
            "对{}年以上的老旧小区",
            "{}年以下",
            "完成时间不超过{}年",
            "增幅超过{}年平均水平",
        ]
    ),
)
def test_a_year_before_yi_shang_is_the_year(year: int, shape: str) -> None:
    found, unread = _found(shape.format(year))
    assert unread == []
    assert found == [(f"{year}年", Period(dt.date(year, 1, 1), dt.date(year, 12, 31)))]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("5年以上", Span(amount=5, unit=SpanUnit.YEARS, comparator=">=")),
        ("树龄500年以上", Span(amount=500, unit=SpanUnit.YEARS, comparator=">=")),
        ("有2000年以上历史", Span(amount=2000, unit=SpanUnit.YEARS, comparator=">=")),
        ("树龄2000年以上", Span(amount=2000, unit=SpanUnit.YEARS, comparator=">=")),
        ("历史超过2000年", Span(amount=2000, unit=SpanUnit.YEARS, comparator=">")),
        ("100年以内", Span(amount=100, unit=SpanUnit.YEARS, comparator="<=")),
    ],
)
def test_lengths_of_years_read_as_before(text: str, span: Span) -> None:
    # guard: numbers that are no year stay lengths
    found, unread = _found(text)
    assert unread == []
    assert [value for _, value in found] == [span]


@given(
    st.dates(dt.date(1949, 1, 1), dt.date(2100, 12, 31)),
    st.sampled_from([".", "/", "-"]),
    st.sampled_from(["台账", "进度表", "_汇总", ""]),
    st.sampled_from([".xlsx", ".docx", ".pdf", ".XLS", ".wps", ".ofd"]),
    st.sampled_from(["附件：", "见附件", "", "下载", "填写汇总表和", "附件为"]),
)
def test_a_day_in_a_file_name_is_no_date(
    day: dt.date, sep: str, name: str, extension: str, before: str
) -> None:
    text = f"{before}{day.year}{sep}{day.month}{sep}{day.day}{name}{extension}"
    assert _found(text) == ([], [])


@pytest.mark.parametrize(
    ("text", "quoted", "end"),
    [
        ("请于2025.6.30报送汇总表.xlsx", "2025.6.30", dt.date(2025, 6, 30)),  # after 于
        ("截至2025.6.30的数据汇总.xlsx", "截至2025.6.30", dt.date(2025, 6, 30)),
        ("2025.12.31前完成附件1.xlsx", "2025.12.31前", dt.date(2025, 12, 31)),
        ("2025.12.31前报送（附件1.xlsx）", "2025.12.31前", dt.date(2025, 12, 31)),
        ("请于2025-06-30前报送", "2025-06-30前", dt.date(2025, 6, 30)),
    ],
)
def test_a_day_before_a_time_word_is_read_beside_a_file(
    text: str, quoted: str, end: dt.date
) -> None:
    # guard: a time word right after the day, or a marker before it, makes it a date
    found, unread = _found(text)
    assert unread == []
    assert [(q, v.end) for q, v in found if isinstance(v, Period)] == [(quoted, end)]


@pytest.mark.parametrize(
    "text",
    ["每年6月5日、6日召开", "每年6月5日和6日召开", "每年6月5、6日召开", "每年12月1号、2号"],
)
def test_several_days_of_each_year_are_reported(text: str) -> None:
    found, unread = _found(text)
    assert found == []
    assert len(unread) == 1
    assert "several days of each year are not read as one duty" in unread[0]


@given(
    st.sampled_from([[6, 12], [3, 6, 9, 12], [1, 7], [2, 5, 8, 11]]),
    st.sampled_from(["底", "10日", "15日", "末"]),
    st.sampled_from(["前", "之前", "以前"]),
    st.sampled_from(["和", "、", "及"]),
)
def test_each_year_before_after_every_date_reads_as_before_after_the_last(
    months: list[int], day: str, before: str, sep: str
) -> None:
    each = "每年" + sep.join(f"{m}月{day}{before}" for m in months) + "报送"
    last = "每年" + sep.join(f"{m}月{day}" for m in months) + before + "报送"
    values, unread = _found(each)
    assert unread == []
    assert [v for _, v in values] == [v for _, v in _found(last)[0]]
    [value] = [v for _, v in values]
    assert isinstance(value, Cadence)
    assert value.frequency is {2: Frequency.HALF_YEARLY, 4: Frequency.QUARTERLY}[len(months)]


@given(
    st.sampled_from(["完成时限：", "完成时限:", "时间：", "一、元旦："]),
    st.integers(1, 12),
    st.sampled_from(["月底前", "月", "月10日", "月1日至3日"]),
)
def test_a_month_after_a_colon_is_no_clock_time(lead: str, month: int, rest: str) -> None:
    # "完成时限：6月底前" was not read at all: digits after a colon were taken for a clock time
    phrase = f"{month}{rest}"
    assert _found(lead + phrase) == _found(phrase)
    assert _found(phrase)[0]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("任务1：3月底前完成", "3月底前"),
        ("附件2:6月底前报送", "6月底前"),
        ("配套比例1:1、6月底前", "6月底前"),
    ],
)
def test_a_month_after_a_numbered_label(text: str, quoted: str) -> None:
    # a digit before the colon: a label's number (任务1：) or a ratio (1:1、), never a month list
    found, unread = _found(text)
    assert unread == []
    assert [q for q, _ in found] == [quoted]


@pytest.mark.parametrize("text", ["会议时间：9:00", "时间:10:30开始", "签到：8:30"])
def test_a_clock_time_after_a_colon_is_still_no_date(text: str) -> None:
    # guard
    assert _found(text) == ([], [])


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("6月1号线上线下同步启动", dt.date(2025, 6, 1)),
        ("于6月30号通知各地", dt.date(2025, 6, 30)),
        ("12月1号文明城市测评", dt.date(2025, 12, 1)),
    ],
)
def test_hao_after_a_month_is_the_day(text: str, day: dt.date) -> None:
    # guard: after a month 号 is the day's whatever follows
    found, unread = _found(text)
    assert unread == []
    assert [v for _, v in found] == [Period(day, day)]


def test_hao_of_each_month_before_a_word_is_the_day() -> None:
    # guard: 站 after 号 is another word's (站点), not a station's number
    [(_, value)] = _found("每月15号站点巡检一次")[0]
    assert isinstance(value, Cadence)
    assert (value.due_day, value.max_count) == (15, 1)
