"""Spellings of one time that must read alike.

Each was read differently from its usual spelling: "2025.12.31前" and "2025/12/31前" (as tables
write a 完成时限) were not read at all; "6月份底前" was the whole of June, not a deadline;
"2025年度末" and "上年度末" the whole year, not December; "每周星期一" a weekly duty without its
day; "半个月内" nothing, where "15天内" is a length.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Period, find_when


REF = dt.date(2025, 3, 20)


def _values(text: str, reference: dt.date = REF) -> list[object]:
    return [f.value for f in find_when(text, reference=reference)]


def _read(text: str, reference: dt.date = REF) -> tuple[list[tuple[str, object]], list[str]]:
    found = find_when(text, reference=reference)
    return [(f.text, f.value) for f in found], [u.text for u in found.unread]


# -- whole dates as tables write them ---------------------------------------------------


@given(
    day=st.dates(dt.date(1949, 1, 1), dt.date(2100, 12, 31)),
    sep=st.sampled_from([".", "/"]),
    padded=st.booleans(),
    tail=st.sampled_from(["", "前", "以前", "前完成", "起"]),
)
def test_dotted_and_slashed_days_read_as_written_in_chinese(day, sep, padded, tail):
    month, number = (f"{day.month:02d}", f"{day.day:02d}") if padded else (day.month, day.day)
    text = f"{day.year}{sep}{month}{sep}{number}{tail}"
    chinese = f"{day.year}年{day.month}月{day.day}日{tail}"
    assert _values(text, day) == _values(chinese, day)
    found = find_when(text, reference=day)
    assert [f.text for f in found] == [text.removesuffix("完成")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("完成时限：2025.6.30", Period(dt.date(2025, 6, 30), dt.date(2025, 6, 30))),
        ("完成时限:2025/6/30", Period(dt.date(2025, 6, 30), dt.date(2025, 6, 30))),
        ("2025.12.31—2026.3.31", Period(dt.date(2025, 12, 31), dt.date(2026, 3, 31))),
        ("2025.12.31至2026.3.31", Period(dt.date(2025, 12, 31), dt.date(2026, 3, 31))),
    ],
)
def test_table_dates(text, value):
    assert _values(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "2025.1.3.2版本",  # a fourth part: a number, not a date
        "1234.5.6",  # no year a plan dates
        "2025.13.2",  # no month
        "2025.6.32",  # no day of any month
        "2025.12万元",  # an amount
        "v2025.1.3",
        "https://www.gov.cn/art/2021/4/20/art_757.html",  # a path
        "时间:2025.6",
    ],
)
def test_shapes_that_are_no_date(text):
    assert _read(text) == ([], [])


def test_an_impossible_dotted_day_is_reported():
    found, unread = _read("2025.02.30前完成")
    assert found == []
    assert unread == ["2025.02.30"]


# -- 份, 年度, 星期 and 半 -------------------------------------------------------------------


@given(
    month=st.integers(1, 12),
    part=st.sampled_from(["底", "末", "上旬", "中旬", "下旬", "中下旬"]),
    tail=st.sampled_from(["", "前", "完成"]),
)
def test_fen_before_a_part_of_the_month(month, part, tail):
    assert _values(f"{month}月份{part}{tail}") == _values(f"{month}月{part}{tail}")


@pytest.mark.parametrize("text", ["6月份中央下达资金", "6月份初步完成", "6月份上报"])
def test_fen_before_another_word_is_the_month(text):
    assert _values(text) == [Period(dt.date(2025, 6, 1), dt.date(2025, 6, 30))]


@given(
    year=st.sampled_from(["2024年", "2026年", "上年", "本年", "今年", "明年"]),
    part=st.sampled_from([("度末", "末"), ("度底", "底"), ("度初", "初")]),
    tail=st.sampled_from(["", "前", "完成"]),
)
def test_nian_du_before_a_part_of_the_year(year, part, tail):
    with_du, without = part
    assert _values(f"{year}{with_du}{tail}") == _values(f"{year}{without}{tail}")


def test_the_end_of_a_year_written_with_du():
    december = Period(dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    assert _read("上年度末") == ([("上年度末", december)], [])
    assert _read("2025年度末前完成") == (
        [("2025年度末前", Period(None, dt.date(2025, 12, 31)))],
        [],
    )
    assert _values("年度末完成") == [Period(dt.date(2025, 12, 1), dt.date(2025, 12, 31))]


@given(
    named=st.sampled_from(["星期", "周"]),
    day=st.sampled_from([*enumerate("一二三四五六", start=1), (7, "日"), (7, "天")]),
    tail=st.sampled_from(["", "前", "召开", "上午"]),
)
def test_every_week_with_the_day_named(named, day, tail):
    number, written = day
    if named == "周" and written == "天":
        return  # 周天 is no way to write Sunday
    plain = _values(f"每周{written}{tail}")
    with_name = _values(f"每周{named}{written}{tail}")
    assert with_name == plain
    if tail != "上午":
        [value] = with_name
        assert isinstance(value, Cadence)
        assert value.weekday == number


@pytest.mark.parametrize("text", ["每周星期一至星期五值班", "每周星期一、星期三开展"])
def test_several_days_of_each_week_are_reported(text):
    found, unread = _read(text)
    assert found == []
    assert len(unread) == 1


@pytest.mark.parametrize(
    ("half", "days"),
    [
        ("半个月内", "15天内"),
        ("半月内", "15天内"),
        ("不超过半个月", "不超过15天"),
        ("半个月以内", "15天以内"),
        ("发现后，半个月内完成识别", "发现后，15天内完成识别"),
        ("发现后半个月内完成识别", "发现后15天内完成识别"),
        ("项目竣工后半个月内报送", "项目竣工后15天内报送"),
        ("全县上下半个月内完成", "全县上下15天内完成"),
    ],
)
def test_half_a_month_is_fifteen_days(half, days):
    assert _values(half) == _values(days)
    assert len(_values(half)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "半月谈",
        "上半月",
        "半个月",
        # half of a month, or more than half of one: not fifteen days
        "下半个月内完成",
        "上半月内",
        "大半个月内",
        "多半个月以上",
    ],
)
def test_half_a_month_without_a_bound_is_nothing(text):
    assert _read(text) == ([], [])


@pytest.mark.parametrize(
    ("text", "stretch"),
    [
        ("一个半月内", "一个半月"),
        ("1个半月内", "1个半月"),
        ("两个半月内", "两个半月"),
        ("三个半月以上", "三个半月"),
    ],
)
def test_months_and_a_half_are_reported(text, stretch):
    assert _read(text) == ([], [stretch])


@pytest.mark.parametrize(
    "text", ["6月上半个月内完成", "本月下半月内完成", "每月前半个月内报送", "本月后半个月内完成"]
)
def test_half_of_a_month_is_no_length(text):
    assert not [v for v in _values(text) if not isinstance(v, Period | Cadence)]


@given(
    half=st.sampled_from(["上半年", "下半年"]),
    year=st.sampled_from(["", "2024年", "今年", "每年"]),
    tail=st.sampled_from(["", "前", "完成"]),
)
def test_di_after_a_half_year_is_its_last_month(half, year, tail):
    # 上半年底 was the whole half-year; 上半年末 is June.
    assert _values(f"{year}{half}底{tail}") == _values(f"{year}{half}末{tail}")


@given(
    day=st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
    note=st.sampled_from(["（含）", "(含)", "（含当日）", "（含当天）"]),
    marker=st.sampled_from(["前", "以前", "之前", "起"]),
)
def test_a_day_said_to_be_included(day, note, marker):
    written = f"{day.year}年{day.month}月{day.day}日"
    found = find_when(f"{written}{note}{marker}完成", reference=REF)
    assert [f.value for f in found] == _values(f"{written}{marker}完成")
    assert [f.text for f in found] == [f"{written}{note}{marker}"]


@pytest.mark.parametrize("after", ["后", "以后", "之后"])
def test_an_included_day_with_after_starts_on_the_day(after):
    assert _values(f"6月30日（含）{after}开展") == [Period(dt.date(2025, 6, 30), None)]
    assert _values(f"6月30日{after}开展") == [Period(dt.date(2025, 7, 1), None)]


# -- ranges of quarters written with one unit, and of months as tables write them --------------


@given(
    first=st.integers(1, 4),
    last=st.integers(1, 4),
    numerals=st.booleans(),
    form=st.tuples(
        st.sampled_from(["", "第"]),
        st.sampled_from(["", "2026年"]),
        st.sampled_from(["至", "—", "到"]),
    ),
)
def test_a_range_of_quarters_with_one_unit(first, last, numerals, form):
    # 二至三季度 was "至三季度", a deadline; 2025年二至三季度 the whole year beside it.
    ordinal, year, sep = form
    names = "一二三四"
    a, b = (names[first - 1], names[last - 1]) if numerals else (str(first), str(last))
    text = f"{year}{ordinal}{a}{sep}{ordinal}{b}季度开展"
    spelled = f"{year}{names[first - 1]}季度至{names[last - 1]}季度开展"
    if first <= last:
        assert _values(text) == _values(spelled)
        assert [f.text for f in find_when(text, reference=REF)] == [text.removesuffix("开展")]
    else:
        found, unread = _read(text)
        assert found == []
        assert unread == [text.removesuffix("开展")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2025.6—2025.12", Period(dt.date(2025, 6, 1), dt.date(2025, 12, 31))),
        ("动员部署阶段（2025.06—2025.07）", Period(dt.date(2025, 6, 1), dt.date(2025, 7, 31))),
        ("2025/6至2025/12", Period(dt.date(2025, 6, 1), dt.date(2025, 12, 31))),
        ("2024.12-2025.2", Period(dt.date(2024, 12, 1), dt.date(2025, 2, 28))),
        ("2025.6—2025.12.31", Period(dt.date(2025, 6, 1), dt.date(2025, 12, 31))),
        ("2025.12.1—2026.3", Period(dt.date(2025, 12, 1), dt.date(2026, 3, 31))),
    ],
)
def test_a_range_of_months_as_tables_write_them(text, value):
    assert _values(text) == [value]


@pytest.mark.parametrize(("part", "tail"), [("底", "前"), ("末", ""), ("底", "")])
def test_a_range_of_months_as_tables_write_them_ends_with_its_month(part, tail):
    # "2025.6—2025.12底前" read "2025.6—2025.12" and left 底前 out of the phrase
    text = f"2025.6—2025.12{part}{tail}"
    assert _read(text + "完成") == (
        [(text, Period(dt.date(2025, 6, 1), dt.date(2025, 12, 31)))],
        [],
    )


@pytest.mark.parametrize(
    "text", ["2025.12", "2025.12万元", "2025.6—2025/12", "2025.6—12", "12025.6—2025.7"]
)
def test_a_month_written_with_a_dot_alone_is_no_date(text):
    assert _read(text) == ([], [])


# -- words that start as a time does -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "年初步建成",
        "实行年度末位淘汰制",
        "守住年度底线",
        "年度初步计划",
        "年度初审",
        "新年度初",
        "各年度末",
        "每个年度末",
        "下年末",
        "上半年底线",
    ],
)
def test_words_and_other_years_are_no_part_of_this_year(text):
    assert _read(text) == ([], [])


@pytest.mark.parametrize(
    "text",
    [
        "到2025年度初步建成",
        "2025年度初步设计批复",
        "对2025年度末位的单位进行约谈",
        "2025年度底线任务",
    ],
)
def test_a_word_after_a_year_leaves_the_year(text):
    [value] = _values(text)
    assert value.end == dt.date(2025, 12, 31)
    assert value.start in {None, dt.date(2025, 1, 1)}


# -- the second part of a range or series takes the first one's year --------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2025年第一个季度至第二个季度", Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))),
        ("2025年一季度至第三个季度", Period(dt.date(2025, 1, 1), dt.date(2025, 9, 30))),
        ("2025年1月至第二个季度末", Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))),
        ("2025年第二个季度末至第三个季度末", Period(dt.date(2025, 6, 1), dt.date(2025, 9, 30))),
        ("2025年二至2026年三季度", Period(dt.date(2025, 4, 1), dt.date(2026, 9, 30))),
        ("2025年10至2026年3月", Period(dt.date(2025, 10, 1), dt.date(2026, 3, 31))),
    ],
)
def test_ranges_take_the_first_parts_year(text, value):
    assert _read(text) == ([(text, value)], [])


def test_a_series_of_counted_quarters_after_a_year():
    [found] = find_when("2025年第二个季度、第三个季度", reference=REF)
    assert [p.end for p in found.value] == [dt.date(2025, 6, 30), dt.date(2025, 9, 30)]


def test_a_cadence_of_counted_quarters():
    [(_, value)] = _read("每年第二个季度至第三个季度")[0]
    assert isinstance(value, Cadence)
    assert (value.start_month, value.due_month) == (4, 9)


# -- ranges of days and months as tables write them ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "stretch", "value"),
    [
        (
            "2025.6.1-6.30完成招标",
            "2025.6.1-6.30",
            Period(dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ),
        ("2025.6.1—30", "2025.6.1—30", Period(dt.date(2025, 6, 1), dt.date(2025, 6, 30))),
        ("2025.12.20-1.10", "2025.12.20-1.10", Period(dt.date(2025, 12, 20), dt.date(2026, 1, 10))),
        ("2025/6/1-6/30", "2025/6/1-6/30", Period(dt.date(2025, 6, 1), dt.date(2025, 6, 30))),
        (
            "2024.6—2025.12.31.完成",
            "2024.6—2025.12.31",
            Period(dt.date(2024, 6, 1), dt.date(2025, 12, 31)),
        ),
        ("2024.6—2025.12/", "2024.6—2025.12", Period(dt.date(2024, 6, 1), dt.date(2025, 12, 31))),
        (
            "2025年1月1日（含）至2025年12月31日（含）",
            "2025年1月1日（含）至2025年12月31日（含）",
            Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ),
    ],
)
def test_ranges_as_tables_write_them(text, stretch, value):
    assert _read(text) == ([(stretch, value)], [])


@pytest.mark.parametrize("text", ["2025.6.1-123", "2025.6.1-6/30", "2025.6.1-6.30.5"])
def test_a_dotted_range_whose_end_is_not_read_is_reported_whole(text):
    assert _read(text) == ([], [text])


@pytest.mark.parametrize("text", ["2024.5—2025.3万元", "2024.5-2025.3亿元", "增长2024.5-2025.3%"])
def test_a_range_of_amounts_is_no_range_of_months(text):
    assert _read(text) == ([], [])


def test_many_inclusive_notes_raise_nothing():
    found, unread = _read("6月30日" + "（含）" * 3000 + "前")
    assert found == [("6月30日", Period(dt.date(2025, 6, 30), dt.date(2025, 6, 30)))]
    assert unread == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("全县上下年底前完成整改", "年底前"),
        ("全市上下年内完成", "年内"),
        ("推进科技创新年底前取得突破", "年底前"),
        ("管理创新年度末考核", "年度末"),
        ("年底部署", "年底"),
        ("年末尾款结清", "年末"),
        ("2025年年初审定", "2025年年初"),
        ("年底数据", "年底"),
    ],
)
def test_words_around_a_part_of_the_year_that_leave_it(text, found):
    assert [f.text for f in find_when(text, reference=REF)] == [found]


@pytest.mark.parametrize("text", ["当年底前完成", "同年底前完成", "该年度末", "2025年当年底前"])
def test_a_year_of_another_date_is_reported(text):
    found, unread = _read(text)
    assert found == []
    assert len(unread) == 1


def test_a_dotted_month_before_a_month():
    assert _values("2025.6-12月") == [Period(dt.date(2025, 6, 1), dt.date(2025, 12, 31))]
