"""The last quarter and the ordinal quarter ("2025年最后一个季度", "第二个季度"), and 的 after 每X.

"最后一季度" used to be read as 一季度, the first quarter, and "2025年最后一个季度" as the whole of
2025; "今年第二个季度" as the whole year. "每月的10日前" was a monthly duty with no day and
"每年的12月底前" a yearly duty beside a one-off deadline of this year.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Period, find_when


REF = dt.date(2025, 3, 20)


def _read(text: str, reference: dt.date = REF) -> list[tuple[str, object]]:
    return [(f.text, f.value) for f in find_when(text, reference=reference)]


def _unread(text: str) -> list[str]:
    return [u.text for u in find_when(text, reference=REF).unread]


def _quarter(year: int, q: int) -> Period:
    first = dt.date(year, 3 * q - 2, 1)
    last = (dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)) - dt.timedelta(1)
    return Period(first, last)


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        ("2025年最后一个季度完成验收", "2025年最后一个季度", _quarter(2025, 4)),
        ("今年最后一个季度完成", "今年最后一个季度", _quarter(2025, 4)),
        ("力争2026年最后一季度全面完成", "2026年最后一季度", _quarter(2026, 4)),
        ("2025年最后一季度末前完成", "2025年最后一季度末前", Period(None, dt.date(2025, 12, 31))),
        ("今年第二个季度完成", "今年第二个季度", _quarter(2025, 2)),
        ("2026年第四个季度", "2026年第四个季度", _quarter(2026, 4)),
        ("2025年第3个季度开展评估", "2025年第3个季度", _quarter(2025, 3)),
    ],
)
def test_last_and_ordinal_quarters(text: str, found: str, value: Period) -> None:
    assert _read(text) == [(found, value)]


@pytest.mark.parametrize(
    ("text", "stretch"),
    [
        ("最后一季度完成验收", "最后一季度"),
        ("最后一季度末完成", "最后一季度"),
        ("项目实施最后一个季度集中验收", "最后一个季度"),
        ("项目启动后第一个季度完成选址", "第一个季度"),
        ("实施方案印发后的第二个季度完成", "第二个季度"),
        ("第3个季度开展评估", "第3个季度"),
        ("全年最后一个季度", "全年最后一个季度"),
    ],
)
def test_last_quarter_of_an_unnamed_window_is_reported(text: str, stretch: str) -> None:
    # Never the first quarter (一季度) nor a whole year: the window is not named; 第N个季度
    # without a year counts from a start the text names, as 第一个月 does.
    assert _read(text) == []
    assert _unread(text) == [stretch]


@pytest.mark.parametrize("text", ["四个季度", "一个季度内完成", "两个季度"])
def test_a_count_of_quarters_is_no_quarter(text: str) -> None:
    assert not any(isinstance(v, Period) for _, v in _read(text))


@given(
    year=st.integers(2000, 2040),
    last=st.sampled_from(["最后一个季度", "最后一季度", "最末一个季度"]),
    tail=st.sampled_from(["", "末", "末前", "前", "内"]),
)
def test_last_quarter_of_a_year_is_its_fourth(year: int, last: str, tail: str) -> None:
    reference = dt.date(year, 1, 15)
    last_read = _read(f"{year}年{last}{tail}完成", reference)
    fourth = _read(f"{year}年第四季度{tail}完成", reference)
    assert [v for _, v in last_read] == [v for _, v in fourth]
    assert [t for t, _ in last_read] == [t.replace("第四季度", last) for t, _ in fourth]


@given(
    ordinal=st.sampled_from(["一", "二", "三", "四", "1", "2", "3", "4"]),
    year=st.sampled_from(["2024年", "今年", "明年"]),
    tail=st.sampled_from(["", "末", "初", "末前"]),
)
def test_ordinal_quarter_with_ge_is_the_quarter(ordinal: str, year: str, tail: str) -> None:
    with_ge = _read(f"{year}第{ordinal}个季度{tail}完成")
    without = _read(f"{year}第{ordinal}季度{tail}完成")
    assert [v for _, v in with_ge] == [v for _, v in without]
    assert len(with_ge) == 1


# -- 的 between the window of a duty and its day ------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "fields"),
    [
        ("每月的10日前报送", "每月的10日前", {"due_day": 10}),
        ("每年的12月底前报送", "每年的12月底前", {"due_month": 12}),
        ("每年的最后一个季度开展评估", "每年的最后一个季度", {"due_month": 12, "start_month": 10}),
        ("每年的四季度开展评估", "每年的四季度", {"due_month": 12, "start_month": 10}),
        (
            "每年度的最后一个季度开展评估",
            "每年度的最后一个季度",
            {"due_month": 12, "start_month": 10},
        ),
        ("每一年的最后一个季度", "每一年的最后一个季度", {"due_month": 12, "start_month": 10}),
        ("每年第二个季度开展评估", "每年第二个季度", {"due_month": 6, "start_month": 4}),
        ("每季度的第一个月10日前", "每季度的第一个月10日前", {"due_month": 1, "due_day": 10}),
    ],
)
def test_de_after_each_window(text: str, found: str, fields: dict[str, int]) -> None:
    [(got, value)] = _read(text)
    assert got == found
    assert isinstance(value, Cadence)
    for name, expected in fields.items():
        assert getattr(value, name) == expected


@pytest.mark.parametrize("text", ["每年的工作要点", "每月的工作情况"])
def test_de_before_a_word_leaves_the_bare_cadence(text: str) -> None:
    [(got, value)] = _read(text)
    assert got == text[:2]
    assert isinstance(value, Cadence)


@given(
    rule=st.sampled_from(
        [
            ("每月", "10日前"),
            ("每月", "月底前"),
            ("每月", "最后一天"),
            ("每月", "25日至次月5日"),
            ("每季度", "第一个月10日前"),
            ("每季度", "末月25日前"),
            ("每年", "12月底前"),
            ("每年", "6月底和12月底"),
            ("每年", "四季度"),
            ("每年", "最后一个季度"),
            ("每半年", "最后一个月20日前"),
        ]
    ),
    after=st.sampled_from(["", "报送", "，", "完成评估。"]),
)
def test_de_changes_nothing_but_the_text(rule: tuple[str, str], after: str) -> None:
    window, due = rule
    plain = find_when(f"{window}{due}{after}", reference=REF)
    with_de = find_when(f"{window}的{due}{after}", reference=REF)
    assert [f.value for f in with_de] == [f.value for f in plain]
    assert [f.text.replace("的", "", 1) for f in with_de] == [f.text for f in plain]
