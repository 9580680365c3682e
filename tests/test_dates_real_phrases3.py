"""Time phrases of statistics schedules, notices and work summaries, read by find_when.

Each case quotes the words with their public address and the document's date (the reference);
the reading is the one an official would take, or the stretch is reported unread with a reason
that says what is missing. The properties check each rule over every value it covers.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency, Period, PeriodSeries, find_when, parse_when


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def read(text: str, reference: dt.date) -> tuple[list[tuple[str, object]], list[str]]:
    """Return the (text, value) of each phrase found and the text of each stretch unread."""
    found = find_when(text, reference=reference)
    return [(f.text, f.value) for f in found], [u.text for u in found.unread]


CASES = [
    pytest.param(
        # a statistics office's schedule: the days after each quarter by which a form is due
        "http://www.tcwy.gov.cn/resources/site/151/html/zfxxgk/qzfbmhzbxxgk/qtjj/bmwj/202103/400146.html",
        d("2019-01-15"),
        "202-1表 从业人员及工资总额 季报 法人单位 一季度后8日、二季度后5日、三季度后10日12:00前网上填报,"
        "四季度免报",
        [
            (
                "一季度后8日、二季度后5日、三季度后10日12:00前",
                PeriodSeries(
                    (
                        Period(None, d("2019-04-08")),
                        Period(None, d("2019-07-05")),
                        Period(None, d("2019-10-10")),
                    )
                ),
            ),
            ("四季度", Period(d("2019-10-01"), d("2019-12-31"))),
        ],
        [],
        id="tcwy-days-after-quarters",
    ),
    pytest.param(
        "https://public.xinmi.gov.cn/D49Y/2236467.jhtml",
        d("2018-01-02"),
        "3、从业人员及工资总额(季报) 202-1表 一季度季后7日、二季度季后6日、三季度季后10日12:00(四季度免报)",
        [
            (
                "一季度季后7日、二季度季后6日、三季度季后10日12:00",
                PeriodSeries(
                    (
                        Period(None, d("2018-04-07")),
                        Period(None, d("2018-07-06")),
                        Period(None, d("2018-10-10")),
                    )
                ),
            ),
            ("四季度", Period(d("2018-10-01"), d("2018-12-31"))),
        ],
        [],
        id="xinmi-days-after-quarters",
    ),
    pytest.param(
        "http://www.sctyzx.gov.cn/gdtzgz/201912/54259381.html",
        d("2019-12-15"),
        "三是季度一研判。",
        [("季度一研判", Cadence(frequency=Frequency.QUARTERLY, min_count=1, max_count=1))],
        [],
        id="sctyzx-quarterly-review",
    ),
    pytest.param(
        "http://www.sctyzx.gov.cn/gdtzgz/201912/54259381.html",
        d("2019-12-15"),
        "四是半年一总结。",
        [("半年一总结", Cadence(frequency=Frequency.HALF_YEARLY, min_count=1, max_count=1))],
        [],
        id="sctyzx-half-yearly-summary",
    ),
    pytest.param(
        # 一季度 was read as the first quarter of 2022
        "http://zhld.com/szb/pc/col/202209/06/content_177770.html",
        d("2022-09-06"),
        "要建立健全工作机制,落实工作责任,坚持“一季度一观摩、一月一调度”,切实提高工作执行力。",
        [
            ("一季度一观摩", Cadence(frequency=Frequency.QUARTERLY, min_count=1, max_count=1)),
            ("一月一调度", Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1)),
        ],
        [],
        id="zhld-once-a-quarter",
    ),
    pytest.param(
        # the count written with spaces was lost (每月 alone)
        "https://www.gongwk.com/doc/573727.jhtml",
        d("2025-12-20"),
        "同时,加强与各村的联动,每月召开 2 次办公室与村联络员会议,收集基层诉求 32 条。",
        [("每月召开 2 次", Cadence(frequency=Frequency.MONTHLY, min_count=2, max_count=2))],
        [],
        id="gongwk-count-with-spaces",
    ),
    pytest.param(
        # an amount a year is no duty (每年 was read as a yearly cadence)
        "http://www.gov.cn/zhengce/content/2018-12/24/content_5351607.htm",
        d("2005-03-03"),
        "预计解决管网配套问题、满负荷运行后，每年可实现经济效益4200多万元。",
        [],
        [],
        id="govcn-amount-a-year",
    ),
    pytest.param(
        # the year dates the holiday: not the whole of 2020
        "http://www.nbxinxi.com/a/dinghaiqu/20210603/252939.html",
        d("2019-12-10"),
        "现就做好2020年春节困难群众慰问工作相关事宜通知如下:",
        [],
        ["2020年春节"],
        id="nbxinxi-year-of-a-holiday",
    ),
    pytest.param(
        # a typing slip (日 for 月) was read as the whole of 2018
        "http://nyncj.zhanjiang.gov.cn/zwgk/xztz/content/post_859706.html",
        d("2018-10-11"),
        "2018年10日11日",
        [],
        ["2018年10日"],
        id="zhanjiang-day-without-month",
    ),
    pytest.param(
        # a lunar date in brackets is a note, as a day of the week is (之后 was lost)
        "http://www.yyykp.com/edu/xiaoyuan/1550839-2.html",
        d("2017-01-25"),
        "2月11日(正月十五)之后未完成的学校,应以非上课时间安装。",
        [("2月11日(正月十五)之后", Period(d("2017-02-12"), None))],
        [],
        id="yyykp-lunar-note",
    ),
    pytest.param(
        # a working day moved to another day: that day, no deadline
        "https://miekuo.com/fanwendaquan/qitafanwen/971328.html",
        d("2016-08-01"),
        "9月1日(星期四)上班调到8月28日(星期日)",
        [
            ("9月1日(星期四)", Period(d("2016-09-01"), d("2016-09-01"))),
            ("到8月28日(星期日)", Period(d("2016-08-28"), d("2016-08-28"))),
        ],
        [],
        id="miekuo-working-day-moved",
    ),
]


@pytest.mark.parametrize(("source", "reference", "text", "found", "unread"), CASES)
def test_reading(
    source: str,
    reference: dt.date,
    text: str,
    found: list[tuple[str, object]],
    unread: list[str],
) -> None:
    assert source.startswith("http")
    assert read(text, reference) == (found, unread)


def test_a_day_of_the_week_of_another_year_says_so() -> None:
    """A notice of December 2018 on 2019's holidays: the dates are not read in 2018, and the
    reason names the year in which the day of the week fits (the text was blamed)."""
    # http://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm
    found = find_when("2月2日（星期六）、2月3日（星期日）上班。", reference=d("2018-12-04"))
    assert list(found) == []
    assert [u.text for u in found.unread] == ["2月2日（星期六）", "2月3日（星期日）"]
    assert all("in 2019 it is" in u.reason for u in found.unread)
    # no year fits: nothing is said of one
    [alone] = find_when("2月2日（星期一）", reference=d("2018-12-04")).unread
    assert " is 星期五" in alone.reason
    assert "in 20" not in alone.reason


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("会议推迟到9月10日召开", [("到9月10日", Period(d("2025-09-10"), d("2025-09-10")))]),
        ("活动时间调整到10月15日", [("到10月15日", Period(d("2025-10-15"), d("2025-10-15")))]),
        # guards: a deadline moved stays a deadline; 到 after other verbs is one
        ("报名截止时间推迟至7月21日", [("至7月21日", Period(None, d("2025-07-21")))]),
        ("推迟到9月底前完成", [("到9月底前", Period(None, d("2025-09-30")))]),
        ("工作持续到9月10日", [("到9月10日", Period(None, d("2025-09-10")))]),
        ("限期整改至6月30日", [("至6月30日", Period(None, d("2025-06-30")))]),
        ("持续整改至9月30日", [("至9月30日", Period(None, d("2025-09-30")))]),
    ],
)
def test_a_day_moved_to_is_that_day(text: str, found: list[tuple[str, object]]) -> None:
    assert read(text, d("2025-01-10")) == (found, [])


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("2025年元旦春节期间", ["2025年元旦春节期间"]),  # a list of holidays: as before
        ("2025年“五一”慰问", ["2025年“五一”"]),
    ],
)
def test_a_year_before_a_holiday_is_not_the_whole_year(text: str, unread: list[str]) -> None:
    found = find_when(text, reference=d("2025-01-10"))
    assert list(found) == []
    assert [u.text for u in found.unread] == unread


def test_a_year_before_a_holiday_and_its_words_is_read() -> None:
    assert read("2020年春节前完成", d("2019-12-10")) == (
        [("2020年春节前", Period(None, d("2020-01-23")))],
        [],
    )


@given(
    year=st.integers(2000, 2035),
    quarter=st.integers(1, 4),
    days=st.integers(1, 60),
    word=st.sampled_from(["季度后", "季度季后"]),
    numeral=st.booleans(),
)
def test_days_after_a_quarter_are_the_days_after_its_end(
    year: int, quarter: int, days: int, word: str, numeral: bool
) -> None:
    """ "一季度后8日" is due as "一季度结束后8日内" is: that many days after the quarter's end."""
    name = "一二三四"[quarter - 1] if numeral else str(quarter)
    end = dt.date(year, quarter * 3, 1) + dt.timedelta(days=31)
    end = end.replace(day=1) - dt.timedelta(days=1)
    ref = dt.date(year, 1, 5)
    due = end + dt.timedelta(days=days)
    assert parse_when(f"{year}年第{name}{word}{days}日", reference=ref) == Period(None, due)
    assert parse_when(f"{year}年第{name}季度结束后{days}日内", reference=ref) == Period(None, due)


@given(
    year=st.integers(2000, 2035),
    month=st.integers(1, 12),
    days=st.integers(1, 28),
)
def test_days_after_a_month_are_the_days_after_its_end(year: int, month: int, days: int) -> None:
    end = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    ref = dt.date(year, 1, 5)
    assert parse_when(f"{year}年{month}月后{days}日", reference=ref) == Period(
        None, end + dt.timedelta(days=days)
    )


@given(
    window=st.sampled_from(
        [
            ("季度", Frequency.QUARTERLY),
            ("半年", Frequency.HALF_YEARLY),
            ("一季", Frequency.QUARTERLY),
            ("一月", Frequency.MONTHLY),
            ("一周", Frequency.WEEKLY),
        ]
    ),
    verb=st.sampled_from(["调度", "研判", "总结", "观摩", "通报", "督查"]),
)
def test_once_a_window_and_a_duty(window: tuple[str, Frequency], verb: str) -> None:
    """ "季度一研判", "一月一调度": once a window, whichever duty verb follows."""
    word, frequency = window
    assert parse_when(f"{word}一{verb}", reference=d("2025-01-10")) == Cadence(
        frequency=frequency, min_count=1, max_count=1
    )


@given(
    every=st.sampled_from([("每月", Frequency.MONTHLY), ("每季度", Frequency.QUARTERLY)]),
    verb=st.sampled_from(["召开", "开展", "调度"]),
    count=st.integers(1, 9),
    spaces=st.sampled_from([(" ", " "), (" ", ""), ("", " "), ("\u3000", "\u3000")]),
    least=st.booleans(),
)
def test_a_count_with_spaces_is_the_count(
    every: tuple[str, Frequency], verb: str, count: int, spaces: tuple[str, str], least: bool
) -> None:
    word, frequency = every
    before, after = spaces
    text = f"{word}{verb}{'至少' if least else ''}{before}{count}{after}次"
    assert parse_when(text, reference=d("2025-01-10")) == Cadence(
        frequency=frequency, min_count=count, max_count=None if least else count
    )
