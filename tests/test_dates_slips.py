"""Time phrases as real pages write them, slips included: quotes from the pages named beside them."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency, Period, find_when, parse_when


D = dt.date


@pytest.mark.parametrize(
    ("text", "reference", "phrase", "value"),
    [
        # http://xiexiebang.com/a2/2019051216/cd1a8abc427eabc7.html: ○ (U+25CB) typed for 〇
        ("二○一一年三月八日", D(2011, 3, 1), "二○一一年三月八日", Period(D(2011, 3, 8), D(2011, 3, 8))),
        ("二○二○年12月底前完成", D(2023, 1, 1), "二○二○年12月底前", Period(None, D(2020, 12, 31))),
        ("二0二0年12月底前完成", D(2023, 1, 1), "二0二0年12月底前", Period(None, D(2020, 12, 31))),
        ("二O二O年底前完成", D(2023, 1, 1), "二O二O年底前", Period(None, D(2020, 12, 31))),
        # http://zyrhbw.com/gdqy/newxxgk/fgwj/bmwj/content/post_1080806.html: a clock before 前
        ("于3月9日下午5:00前发送", D(2023, 3, 1), "3月9日下午5:00前", Period(None, D(2023, 3, 9))),
        ("请于12月5日（星期二）17:00前报送", D(2023, 3, 1), "12月5日（星期二）17:00前",
         Period(None, D(2023, 12, 5))),
        ("12月5日17时前报送", D(2023, 3, 1), "12月5日17时前", Period(None, D(2023, 12, 5))),
    ],
)  # fmt: skip
def test_read_as_meant(text, reference, phrase, value):
    [found] = find_when(text, reference=reference)

    assert (found.text, found.value) == (phrase, value)
    assert parse_when(found.text, reference=reference) == value


@pytest.mark.parametrize(
    ("text", "stretch", "reason"),
    [
        # https://www.shwhmap.com/content/97ba4435.html: 月 typed twice
        (
            "走访阶段(3月月25日-4月月5日)",
            "3月月25日-4月月5日",
            "a month followed by a day without 日",
        ),
        # the rest of a range after a slip is not a deadline of its own
        ("3月月25日至4月5日开展自查", "3月月25日至4月5日", "a month followed by a day without 日"),
        ("3月月25日至30日", "3月月25日至30日", "a month followed by a day without 日"),
        # https://m.gw8i.com/2023/05-06/3341394.html: a day without 日
        ("6月5前录入系统", "6月5前", "a month followed by a day without 日"),
        # http://www.hyx.gov.cn/zwgk/zdlyxxgk/tpgj/fpxm/20231010/i3131189.html: 年 lost
        ("2023 10月底前完成", "2023 10月底前", "a year written without 年 before a month"),
        # http://www.hymsn.cn/316652.html: a template's blank year
        ("20__年3月12日召开", "20__年3月12日", "is left blank"),
        ("____年3月30日前报送", "____年3月30日前", "is left blank"),
        ("每旬报送一次", "每旬", "a duty every 旬 is not read"),
        ("每10天报送一次", "每10天", "a duty every 10天 is not read"),
    ],
)
def test_slips_are_reported_not_misread(text, stretch, reason):
    """A slip in writing is reported with its stretch, never read as another date."""
    result = find_when(text, reference=D(2023, 3, 1))

    assert not [f for f in result if stretch.startswith(f.text) or f.text in stretch]
    assert stretch in [u.text for u in result.unread]
    assert any(reason in u.reason for u in result.unread if u.text == stretch)


def test_once_a_window_written_short():
    """ "一月一调度、一季一通报" (http://szb.gansudaily.com.cn/gsrb/202110/18/c277498.html)."""
    found = find_when("采取一月一调度、一季一通报等方式", reference=D(2021, 10, 18))

    assert [(f.text, f.value) for f in found] == [
        ("一月一调度", Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1)),
        ("一季一通报", Cadence(frequency=Frequency.QUARTERLY, min_count=1, max_count=1)),
    ]
    assert find_when("一月一日前完成", reference=D(2021, 10, 18))[0].value == Period(
        None, D(2021, 1, 1)
    )


@given(
    year=st.integers(1950, 2099),
    lookalike=st.sampled_from(["○", "O", "0", "〇"]),
    month=st.integers(1, 12),
)
def test_any_chinese_year_with_a_lookalike_zero(year, lookalike, month):
    """A year in Chinese digits with ○, O or 0 for 〇 is the year, in any century."""
    digits = "".join("〇一二三四五六七八九"[int(ch)] for ch in str(year)).replace("〇", lookalike)
    text = f"{digits}年{month}月底前完成"
    if sum(ch in "一二三四五六七八九" for ch in digits) < 2:
        return  # 二〇〇〇年: too few digits other than zero to tell from a code
    [found] = find_when(text, reference=D(2025, 1, 1))

    assert found.value.end.year == year
    assert found.value.end.month == month


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("完成高标准农田建设任务 2000 9月底前完成验收", "9月底前", Period(None, D(2025, 9, 30))),
        ("投资12020 6月底前完成", "6月底前", Period(None, D(2025, 6, 30))),
        ("2025年元旦前完成", "2025年元旦前", Period(None, D(2024, 12, 31))),
        ("2026年元旦前完成", "2026年元旦前", Period(None, D(2025, 12, 31))),
        ("2024年国庆前完成", "2024年国庆前", Period(None, D(2024, 9, 30))),
    ],
)
def test_figures_and_years_before_a_date(text, phrase, value):
    """A figure in a row of cells is not a year; a year before a holiday is that holiday's."""
    result = find_when(text, reference=D(2025, 3, 1))

    assert [(f.text, f.value) for f in result] == [(phrase, value)]
    assert result.unread == ()


@pytest.mark.parametrize(
    "text", ["坚持每天进步一点", "保持每天好心情", "政务大厅每天8:00-12:00开放"]
)
def test_every_day_in_prose_is_not_a_duty(text):
    assert find_when(text, reference=D(2025, 3, 1), errors="raise") == ()


def test_a_clock_around_a_time_is_not_a_deadline():
    [found] = find_when("6月30日18点前后到达", reference=D(2025, 3, 1))

    assert found.value == Period(D(2025, 6, 30), D(2025, 6, 30))


@pytest.mark.parametrize(
    ("text", "phrase", "due"),
    [("“五一”前完成", "“五一”前", D(2025, 4, 30)), ("在“国庆”前完成", "“国庆”前", D(2025, 9, 30))],
)
def test_a_holiday_in_quotes(text, phrase, due):
    [found] = find_when(text, reference=D(2025, 3, 1))

    assert (found.text, found.value) == (phrase, Period(None, due))
    # the coming Spring Festival's: 2025's days off began on 28 January, 2026's on 15 February
    [spring] = find_when("“春节”前完成", reference=D(2025, 3, 1))
    assert (spring.text, spring.value) == ("“春节”前", Period(None, D(2026, 2, 14)))
