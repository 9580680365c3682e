"""Time phrases of real plans from other provinces, cities and counties, read by find_when.

Each case quotes the plan's words with its source address (the corpus file under
``tests/data/real/`` or the public page) and gives the reading an official would take; a phrase
that cannot be read sensibly must be reported unread with a reason, never read wrongly or
skipped. The properties below check each rule over every value it covers.
"""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import (
    Cadence,
    Comparator,
    Frequency,
    Period,
    Span,
    SpanUnit,
    covered_years,
    find_when,
    parse_when,
)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def read(text: str, reference: dt.date) -> tuple[list[tuple[str, object]], list[str]]:
    """Return the (text, value) of each phrase found and the text of each stretch unread."""
    found = find_when(text, reference=reference)
    return [(f.text, f.value) for f in found], [u.text for u in found.unread]


REAL = "tests/data/real/"
# (source, reference date of the plan, the plan's words, phrases found, stretches unread)
CASES = [
    (
        REAL + "hb-caidian-2023-1-fenjie.txt",
        d("2023-01-03"),
        "各责任单位要在每季度最后一个月的30日前将本季度落实各项工作目标",
        # 本季度 is the quarter of each report, not the first quarter of 2023: not a fixed period.
        [
            (
                "每季度最后一个月的30日前",
                Cadence(frequency=Frequency.QUARTERLY, due_month=3, due_day=30),
            ),
        ],
        [],
    ),
    (
        REAL + "cn-guobanfa-2018-117-jili.txt",
        d("2018-12-06"),
        "从2019年起，各有关部门于每年2月底前，根据上一年度工作成效，结合国务院大督查",
        # 上一年度 is the year before each yearly report, not 2017.
        [
            ("从2019年起", Period(d("2019-01-01"), None)),
            ("每年2月底前", Cadence(frequency=Frequency.YEARLY, due_month=2)),
        ],
        [],
    ),
    (
        "http://pdswomen.cn/contents/44376/51527.html",
        d("2012-05-31"),
        "每年年末以书面形式向委员会办公室提交本年度工作总结和下年度工作计划",
        [("每年年末", Cadence(frequency=Frequency.YEARLY))],
        [],
    ),
    (
        "http://extremexp.net/xinwen/touzi/2022/0228/195269.html",
        d("2022-02-28"),
        "將全年投資目標細化分解到各區各部門，按月通報進展情況，年終開展專項考核",
        [
            ("全年", Period(d("2022-01-01"), d("2022-12-31"))),
            ("按月通報", Cadence(frequency=Frequency.MONTHLY)),
        ],
        [],
    ),
    (
        REAL + "gd-guangzhou-2012-rencai-jiju.txt",
        d("2012-09-19"),
        "由市财政给予项目启动资助，5年内在社会管理、企业管理、重点学科",
        [("5年内", Span(amount=5, unit=SpanUnit.YEARS, comparator=Comparator.AT_MOST))],
        [],
    ),
    (
        REAL + "gd-guangzhou-2023-jiatingyisheng.txt",
        d("2023-10-19"),
        "保障全市家庭医生每3～5年参与一次规范化集中培训",
        [],
        ["每3～5年"],
    ),
    (
        REAL + "sh-qingpu-2024-29-xiaofang.txt",
        d("2024-12-23"),
        "结合行业特点、重大节假日期间以及火灾多发季节，组织开展",
        [],
        ["节假日期间"],
    ),
    (
        "http://hdzc.net/html/news/hb/2023_03/01/14280588.html",
        d("2023-03-01"),
        "具备整改条件的，汛前要整改到位。该项工作将持续到5月底。",
        [("到5月底", Period(None, d("2023-05-31")))],
        ["汛前"],
    ),
    (
        "https://www.fanwenji.com/gongzuofangan/42259.html",
        d("2022-04-16"),
        "20xx年10月份前，签订流动人口服务管理协议",
        [],
        ["20xx年10月份前"],
    ),
    (
        "http://henan.kjzch.com/xuchang/2020-05-28/694791.html",
        d("2020-05-28"),
        "并于每季度末向市政府报告重点工作进展情况，年底前向市政府报告全年落实情况",
        [
            ("每季度末", Cadence(frequency=Frequency.QUARTERLY)),
            ("年底前", Period(None, d("2020-12-31"))),
            ("全年", Period(d("2020-01-01"), d("2020-12-31"))),
        ],
        [],
    ),
    (
        "http://www.gaotang.gov.cn/site_gtgtxrmzfbgsc/channel_x_5265_6201/doc_660bc75d70ff59102ab2ab7c.html",
        d("2024-03-28"),
        "县政府办公室将定期开展工作调度，每季度汇总一次工作进展并向县政府报告",
        [("每季度汇总一次", Cadence(frequency=Frequency.QUARTERLY, min_count=1, max_count=1))],
        [],
    ),
    (
        "https://shituxiezuo.com/44846.html",
        d("2024-06-01"),
        "各镇(街)、各专班要及时总结经验做法，于每周二前将工作进展报送",
        [("每周二前", Cadence(frequency=Frequency.WEEKLY, weekday=2))],
        [],
    ),
    (
        "https://newton.com.tw/wiki/%E9%B9%B9%E9%99%BD%E5%B8%822022%E5%B9%B4%E6%B7%B1%E5%8C%96%E2%80%9C%E6%94%BE%E7%AE%A1%E6%9C%8D%E2%80%9D%E6%94%B9%E9%9D%A9%E6%9C%80%E4%BD%B3%E5%8C%96%E7%87%9F%E5%95%86%E7%92%B0%E5%A2%83%E5%B7%A5%E4%BD%9C%E8%A6%81%E9%BB%9E/61994341",
        d("2022-03-01"),
        "依據國家和省行政許可事項清單，2022年10月底前編制並公布市、縣兩級行政許可事項清單",
        [("2022年10月底前", Period(None, d("2022-10-31")))],
        [],
    ),
    (
        "https://www.huoqiu.gov.cn/public/6601741/37419927.html",
        d("2024-05-01"),
        "三流乡属亚热带湿润气候，6月中旬至7月上旬为梅雨季节",
        [("6月中旬至7月上旬", Period(d("2024-06-11"), d("2024-07-10")))],
        [],
    ),
    (
        REAL + "ha-yuzheng-2023-5.txt",
        d("2023-03-01"),
        "重点工作的每季度进展情况,12月25日前报告全年落实情况",
        [
            ("每季度", Cadence(frequency=Frequency.QUARTERLY)),
            ("12月25日前", Period(None, d("2023-12-25"))),
            ("全年", Period(d("2023-01-01"), d("2023-12-31"))),
        ],
        [],
    ),
]


class TestRealPhrases:
    """Phrases quoted from real plans read as an official would, or are reported unread."""

    @pytest.mark.parametrize(
        ("source", "reference", "text", "expected", "unread"),
        CASES,
        ids=[f"{k}-{case[2][:12]}" for k, case in enumerate(CASES)],
    )
    def test_reading(self, source, reference, text, expected, unread):
        """Every phrase is found with its value, and the unread stretches are exactly these."""
        found, not_read = read(text, reference)

        assert source
        assert expected == found
        assert unread == not_read

    def test_every_unread_stretch_has_a_reason(self):
        """An unread stretch names what it could not read."""
        for _, reference, text, _, unread in CASES:
            reasons = [u.reason for u in find_when(text, reference=reference).unread]

            assert len(unread) == len(reasons)
            assert all(reasons)

    def test_reason_quotes_the_source(self):
        """The reason for "每3～5年" (gd-guangzhou-2023-jiatingyisheng) quotes it as written."""
        text = "保障全市家庭医生每3～5年参与一次规范化集中培训"

        [unread] = find_when(text, reference=d("2023-10-19")).unread

        assert unread.reason.startswith("每3～5年 repeats")


# --------------------------------------------------------------------------------------------
# Properties of each rule

REF = dt.date(2025, 6, 18)
CN = dict(enumerate("〇一二三四五六七八九"))


def cn_number(value: int) -> str:
    """Write 1–99 in Chinese numerals (十二, 二十, 三十一)."""
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN[tens] + "十")
    return head + ("" if ones == 0 and tens else CN[ones])


def cn_year(year: int) -> str:
    return "".join(CN[int(ch)] for ch in str(year))


LEADS = st.sampled_from(["各地", "全区", "县里", "要求", "力争"])


@given(
    first=st.integers(1, 6),
    count=st.integers(1, 5),
    sep=st.sampled_from(["和", "、", "及", "与"]),
    verb=st.sampled_from(["开展", "组织", "召开", "集中开展"]),
)
def test_each_date_listed_takes_the_count(first: int, count: int, sep: str, verb: str) -> None:
    """ "每年6月和12月各开展两次" is N occurrences in each half-year, due by the month listed."""
    number = CN[count] if count > 2 else ("两" if count == 2 else "一")
    text = f"每年{first}月{sep}{first + 6}月各{verb}{number}次"

    found, unread = read(text, REF)

    assert [] == unread
    assert [
        (
            text,
            Cadence(
                frequency=Frequency.HALF_YEARLY,
                due_month=first,
                min_count=count,
                max_count=count,
            ),
        )
    ] == found


@given(
    day=st.integers(1, 30),
    which=st.sampled_from(["最后一个月", "末月", "最后1个月"]),
    of=st.sampled_from(["", "的"]),
    year=st.integers(2020, 2030),
    quarter=st.integers(1, 4),
)
def test_last_month_of_each_quarter(day: int, which: str, of: str, year: int, quarter: int) -> None:
    """ "每季度最后一个月的D日前" is due on day D of the quarter's third month, every quarter."""
    text = f"每季度{which}{of}{day}日前"

    found, unread = read(text + "报送", REF)
    cadence = found[0][1]

    assert [] == unread
    assert [(text, Cadence(frequency=Frequency.QUARTERLY, due_month=3, due_day=day))] == found
    assert isinstance(cadence, Cadence)
    first = dt.date(year, 3 * quarter - 2, 1)
    assert dt.date(year, 3 * quarter, day) == cadence.due_in(cadence.full_window(first))


WINDOWS = {"季度": Frequency.QUARTERLY, "月度": Frequency.MONTHLY, "半年": Frequency.HALF_YEARLY}


@given(
    window=st.sampled_from(sorted(WINDOWS)),
    after=st.sampled_from(["结束后", "终了后", "结束之后"]),
    every=st.sampled_from(["", "每"]),
    days=st.integers(1, 60),
    unit=st.sampled_from(["日", "天"]),
    bound=st.sampled_from(["内", "以内", "前"]),
    day=st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
)
def test_days_after_each_window(
    *, window: str, after: str, every: str, days: int, unit: str, bound: str, day: dt.date
) -> None:
    """ "(每)季度结束后N日内" is due N days after each window ends, with or without 每."""
    text = f"{every}{window}{after}{days}{unit}{bound}"

    found, unread = read(f"各单位于{text}报送", REF)
    cadence = found[0][1]

    assert [] == unread
    assert [(text, Cadence(frequency=WINDOWS[window], due_after_days=days))] == found
    assert isinstance(cadence, Cadence)
    full = cadence.full_window(day)
    assert full.end is not None
    assert full.end + dt.timedelta(days=days) == cadence.due_in(full)


@given(
    count=st.integers(2, 12),
    chinese=st.booleans(),
    unit=st.sampled_from(["个月", "月", "年", "周", "个季度", "个星期"]),
    upto=st.sampled_from([None, 1, 3]),
)
def test_several_windows_are_reported(
    count: int, chinese: bool, unit: str, upto: int | None
) -> None:
    """ "每两个月", "每2年", "每3～5年" have no calendar window: reported, nothing read."""
    number = cn_number(count) if chinese else str(count)
    if upto is not None:
        number += f"～{count + upto}"
    head = f"每{number}{unit}"

    found, unread = read(f"{head}开展一次督查", REF)

    assert [] == found
    assert [head] == unread


@given(
    event=st.sampled_from(
        # seasons of the calendar and of school, and 两节 (which two holidays?), were dropped
        # silently: "两节期间开展走访" had no time and no report
        [
            "节假日",
            "汛期",
            "主汛期",
            "汛",
            "冬季",
            "冬春季节",
            "秋冬季",
            "入冬",
            "开学",
            "暑假",
            "两节",
            "三夏",  # (after 在, a word: it was dropped as 两节 was)
        ]
    ),
    marker=st.sampled_from(["前", "之前", "期间", "后", "以后"]),
)
def test_events_are_reported(event: str, marker: str) -> None:
    """A time named by an event whose dates no calendar gives ("汛期前") is reported unread.

    Public holidays are dated: 元旦前 and 国庆节前 the day before them (the next test), a
    holiday's 期间 its days off (tests/test_dates_holiday_periods.py), 春节前 and 春节后 by its
    days off (tests/test_dates_holiday_edges.py).
    """
    found, unread = read(f"各地要在{event}{marker}完成排查整治", REF)

    assert [] == found
    assert [event + marker] == unread


@pytest.mark.parametrize(
    "text",
    # a season named with no marker is no time (春季攻势, 冬季取暖); 两节课 counts lessons
    ["开展春季攻势", "纳入冬季取暖补贴", "上两节课后", "秋冬季大气污染防治", "暑假作业"],
)
def test_seasons_without_a_marker_are_no_time(text: str) -> None:
    assert read(text, REF) == ([], [])


@pytest.mark.parametrize(
    ("holiday", "due"),
    [("元旦前", dt.date(2025, 12, 31)), ("五一前", dt.date(2025, 4, 30)),
     ("劳动节之前", dt.date(2025, 4, 30)), ("国庆节前", dt.date(2025, 9, 30)),
     ("国庆以前", dt.date(2025, 9, 30))],
)  # fmt: skip
def test_holidays_on_fixed_days_are_due_the_day_before(holiday: str, due: dt.date) -> None:
    """元旦, 五一 and 国庆 fall on fixed days: "X前" is due the day before, in the plan's year."""
    [found] = find_when(f"各地要在{holiday}完成排查整治", reference=dt.date(2025, 3, 1))

    assert found.text == holiday
    assert found.value == Period(None, due)


@given(
    text=st.sampled_from(
        [
            "做好防汛前期准备工作",
            "开展防汛后续工作",
            "抗汛前线人员",
            "节日后续服务",
            "单月最高交易量",
            "单月份排名",
        ]
    ),
    lead=st.sampled_from(["", "各地", "要"]),
)
def test_words_holding_an_event_or_month_are_not_times(text: str, lead: str) -> None:
    """防汛 is the work against floods, 前期 and 后续 are words, 单月 is one month: no time here."""
    assert ([], []) == read(lead + text, REF)


@given(
    year=st.integers(2000, 2099),
    month=st.integers(1, 12),
    part=st.sampled_from(["底前", "份", "前"]),
    lead=LEADS,
)
def test_chinese_year_reads_as_arabic_after_any_word(
    year: int, month: int, part: str, lead: str
) -> None:
    """ "各地二〇二五年十二月底前" is read as "2025年12月底前", whatever word is before it."""
    chinese = f"{cn_year(year)}年{cn_number(month)}月{part}"
    arabic = f"{year}年{month}月{part}"

    found, unread = read(f"{lead}{chinese}完成", dt.date(2025, 6, 18))
    expected, _ = read(f"{lead}{arabic}完成", dt.date(2025, 6, 18))

    assert [] == unread
    assert [(chinese, value) for _, value in expected] == found


@given(
    amount=st.integers(1, 20),
    unit=st.sampled_from(
        [("年", SpanUnit.YEARS), ("个月", SpanUnit.MONTHS), ("天", SpanUnit.DAYS)]
    ),
    lead=st.sampled_from(["，", "争取", "计划"]),
)
def test_length_before_zai_is_a_span(amount: int, unit: tuple[str, SpanUnit], lead: str) -> None:
    """ "5年内在全市推广" is a span of at most 5 years, not the word 内在 nor a year."""
    word, span_unit = unit

    found, unread = read(f"{lead}{amount}{word}内在全市推广", REF)

    assert [] == unread
    assert [
        (
            f"{amount}{word}内",
            Span(amount=amount, unit=span_unit, comparator=Comparator.AT_MOST),
        )
    ] == found


@given(
    blank=st.sampled_from(["20xx", "20XX", "20××", "某"]),
    month=st.integers(1, 12),
    part=st.sampled_from(["月底前", "月份前", "月"]),
)
def test_template_year_is_reported(blank: str, month: int, part: str) -> None:
    """A year left blank in a template ("20xx年10月份前") is reported, not read in the reference year."""
    phrase = f"{blank}年{month}{part}"

    found, unread = read(f"{phrase}，签订协议", REF)

    assert [] == found
    assert [phrase] == unread


@given(day=st.integers(1, 28), month=st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
def test_next_month_day(day: int, month: dt.date) -> None:
    """ "次月N日前" of any month is due on day N of the month after it."""
    found, unread = read(f"于次月{day}日前报送", REF)
    cadence = found[0][1]

    assert [] == unread
    assert isinstance(cadence, Cadence)
    following = month.replace(day=1) + relativedelta(months=1)
    assert following.replace(day=day) == cadence.due_in(cadence.full_window(month))


# One window and the days after its end: a one-off deadline, as "4月10日前" is.
QUARTER_WORDS = {
    1: ["一季度", "第一季度", "第1季度", "1季度"],
    2: ["二季度", "第二季度", "第2季度"],
    3: ["三季度", "第三季度", "第3季度"],
    4: ["四季度", "第四季度", "第4季度"],
}
HALVES = {"上半年": (1, 6), "下半年": (7, 12)}


@st.composite
def one_window(draw: st.DrawFn) -> tuple[str, Frequency, dt.date]:
    """A quarter or half-year of a year, as written, its kind and a day inside it."""
    year = draw(st.integers(min(covered_years()), max(covered_years()) - 1))
    if draw(st.booleans()):
        quarter = draw(st.integers(1, 4))
        word = draw(st.sampled_from(QUARTER_WORDS[quarter]))
        return f"{year}年{word}", Frequency.QUARTERLY, dt.date(year, 3 * quarter - 2, 1)
    word = draw(st.sampled_from(sorted(HALVES)))
    return f"{year}年{word}", Frequency.HALF_YEARLY, dt.date(year, HALVES[word][0], 1)


@given(
    window=one_window(),
    after=st.sampled_from(["结束后", "结束之后", "终了后"]),
    days=st.integers(1, 60),
    unit=st.sampled_from(["日", "天", "个工作日", "工作日"]),
    bound=st.sampled_from(["内", "以内", "前"]),
    lead=st.sampled_from(["", "于", "，"]),
)
def test_days_after_one_window(
    *,
    window: tuple[str, Frequency, dt.date],
    after: str,
    days: int,
    unit: str,
    bound: str,
    lead: str,
) -> None:
    """ "2025年一季度结束后10日内" is one deadline: due 10 (working) days after that quarter ends.

    The due day is the one a recurring duty of the same words would have in that window, and the
    deadline has an open start, like "4月10日前".
    """
    named, frequency, inside = window
    phrase = f"{named}{after}{days}{unit}{bound}"
    working = "工作日" in unit
    rule = {"due_after_working_days": days} if working else {"due_after_days": days}
    each = Cadence(frequency=frequency, **rule)

    found, unread = read(f"{lead}{phrase}报送完成情况", REF)

    assert [] == unread
    assert [(phrase, Period(None, each.due_in(each.full_window(inside))))] == found
    assert parse_when(phrase, reference=REF) == found[0][1]


@given(
    quarter=st.integers(1, 4),
    days=st.integers(1, 30),
    reference=st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)),
)
def test_days_after_a_window_of_the_reference_year(
    quarter: int, days: int, reference: dt.date
) -> None:
    """Without a year, "一季度结束后10日内" is in the reference year, and 本季度 is the reference's."""
    cadence = Cadence(frequency=Frequency.QUARTERLY, due_after_days=days)
    first = dt.date(reference.year, 3 * quarter - 2, 1)
    words = QUARTER_WORDS[quarter][0]

    found, unread = read(f"{words}结束后{days}日内报送，本季度结束后{days}日内总结", reference)

    assert [] == unread
    assert [
        (f"{words}结束后{days}日内", Period(None, cadence.due_in(cadence.full_window(first)))),
        (f"本季度结束后{days}日内", Period(None, cadence.due_in(cadence.full_window(reference)))),
    ] == found


def test_working_days_after_a_window_outside_the_calendar_are_reported() -> None:
    """Working days in a year the official calendar does not cover are reported, not guessed."""
    year = max(covered_years()) + 5
    phrase = f"{year}年一季度结束后10个工作日内"

    found = find_when(f"{phrase}报送", reference=REF)

    assert [] == list(found)
    assert [phrase] == [u.text for u in found.unread]
    assert "the official calendar covers" in found.unread[0].reason


# A duty per window written without 每, or with 每一.
VERBS = st.sampled_from(["报送", "调度", "通报", "上报", "督查"])
WITHOUT_EVERY = {
    "半年{verb}一次": (Frequency.HALF_YEARLY, 1, 1),
    "季度{verb}一次": (Frequency.QUARTERLY, 1, 1),
    "月度{verb}两次": (Frequency.MONTHLY, 2, 2),
    "一季度一次": (Frequency.QUARTERLY, 1, 1),
    "一个月一次": (Frequency.MONTHLY, 1, 1),
    "一周两次": (Frequency.WEEKLY, 2, 2),
    "按季度{verb}": (Frequency.QUARTERLY, 1, None),
    "按季{verb}": (Frequency.QUARTERLY, 1, None),
    "按月{verb}": (Frequency.MONTHLY, 1, None),
    "按半年{verb}": (Frequency.HALF_YEARLY, 1, None),
    "按年度{verb}": (Frequency.YEARLY, 1, None),
    "逐月{verb}": (Frequency.MONTHLY, 1, None),
    "月度{verb}": (Frequency.MONTHLY, 1, None),
    "季度{verb}": (Frequency.QUARTERLY, 1, None),
}


@given(
    form=st.sampled_from(sorted(WITHOUT_EVERY)),
    verb=VERBS,
    lead=st.sampled_from(["", "，", "各地", "要"]),
)
def test_duty_per_window_without_every(form: str, verb: str, lead: str) -> None:
    """ "半年报送一次", "按季度报送", "逐月调度", "月度调度" are duties like 每半年, 每季度, 每月."""
    phrase = form.format(verb=verb)
    frequency, low, high = WITHOUT_EVERY[form]

    found, unread = read(f"{lead}{phrase}工作进展。", REF)

    assert [] == unread
    assert [(phrase, Cadence(frequency=frequency, min_count=low, max_count=high))] == found
    assert parse_when(phrase, reference=REF) == found[0][1]


@given(
    one=st.sampled_from(["一", "1"]),
    unit=st.sampled_from(
        [
            ("个月", Frequency.MONTHLY),
            ("月", Frequency.MONTHLY),
            ("季度", Frequency.QUARTERLY),
            ("个季度", Frequency.QUARTERLY),
            ("年", Frequency.YEARLY),
            ("周", Frequency.WEEKLY),
        ]
    ),
    tail=st.sampled_from(["", "报送一次"]),
)
def test_every_one_window(one: str, unit: tuple[str, Frequency], tail: str) -> None:
    """ "每一个月", "每1个月", "每一年" are 每月, 每年: one window is not several."""
    word, frequency = unit
    counted = {"min_count": 1, "max_count": 1} if tail else {}

    found, unread = read(f"，每{one}{word}{tail}，", REF)

    assert [] == unread
    assert [(f"每{one}{word}{tail}", Cadence(frequency=frequency, **counted))] == found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一季度开展一次督查", ["一季度"]),  # the first quarter, and once in it
        ("第一季度调度一次", ["第一季度"]),
        ("上半年报送一次", ["上半年"]),
        ("半年内开展一次检查", ["半年内"]),  # within six months
        ("统一月底报送", []),
        ("发放一次性补助", []),
        ("一季度一次性拨付", ["一季度"]),
        ("收入逐月下降", []),
        ("按年龄分组", []),
        ("推进按月结算优惠服务", []),
        ("提交月度报告", []),
    ],
)
def test_words_that_are_not_duties_per_window(text: str, expected: list[str]) -> None:
    """A numbered window, a length, 一次性 or a word with 月/年 in it is no duty per window."""
    found = find_when(text, reference=REF)

    assert expected == [f.text for f in found]
    assert not any(isinstance(f.value, Cadence) for f in found)


# Relative periods in the clause of a recurring duty are counted from each occurrence.
DUTIES = st.sampled_from(
    [
        "每季度",
        "每月5日前",
        "每季度最后一个月的30日前",
        "每季度结束后10日内",
        "次月5日前",
        "按季度报送",
        "每周",
    ]
)
RELATIVE = st.sampled_from(
    ["本季度", "上季度", "下季度", "本月", "上月", "上个月", "下个月", "本季度末", "本月底"]
)
GAPS = st.sampled_from(["", "将", "，将", "报送", "向县政府报送"])


@given(duty=DUTIES, gap=GAPS, relative=RELATIVE, reference=st.dates(dt.date(2000, 1, 1)))
def test_relative_period_in_a_duty_is_not_fixed(
    duty: str, gap: str, relative: str, reference: dt.date
) -> None:
    """ "每月5日前报送上月进展": 上月 is the month before each report, not a fixed month.

    After the end of the clause (。, ；, a new line) the same word is a fixed period again.
    """
    text = f"{duty}{gap}{relative}工作进展"

    found = find_when(text, reference=reference)

    assert [] == list(found.unread)
    assert [duty] == [f.text for f in found]
    for end in ("。", "；", ";", "\n"):
        later = find_when(f"{text}{end}{relative}完成", reference=reference)
        assert later[-1].text == relative
        assert later[-1].value == parse_when(relative, reference=reference)


@given(
    word=st.sampled_from(["本年度", "上年度", "上一年度", "上年", "本年"]),
    gap=st.sampled_from(["，根据", "报送", "向县政府上报"]),
)
def test_year_word_in_a_yearly_duty_is_not_fixed(word: str, gap: str) -> None:
    """In a yearly duty 上年度 is the year before each report; after a monthly one it is fixed."""
    yearly = find_when(f"每年2月底前{gap}{word}工作总结", reference=REF)
    monthly = find_when(f"每月5日前{gap}{word}工作总结", reference=REF)

    assert ["每年2月底前"] == [f.text for f in yearly]
    assert ["每月5日前", word] == [f.text for f in monthly]


@given(
    count=st.integers(2, 9),
    upto=st.integers(1, 5),
    wide=st.booleans(),
    sep=st.sampled_from(["～", "〜", "~", "－", "-", "—"]),
    unit=st.sampled_from(["年", "个月", "周"]),
)
def test_unread_reason_quotes_the_text_as_written(
    count: int, upto: int, wide: bool, sep: str, unit: str
) -> None:
    """The reason for "每３～５年" quotes the stretch as the plan writes it, not normalised."""

    def digits(n: int) -> str:
        return "".join(chr(0xFF10 + int(ch)) for ch in str(n)) if wide else str(n)

    head = f"每{digits(count)}{sep}{digits(count + upto)}{unit}"

    [unread] = find_when(f"各地{head}开展一次", reference=REF).unread

    assert head == unread.text
    assert unread.reason.startswith(f"{head} repeats")


@given(
    month=st.integers(1, 12),
    part=st.sampled_from(["底", "上旬", "中旬", "下旬", "15日", "1日"]),
    verb=st.sampled_from(
        ["提交", "提出", "提供", "提请", "提报", "提高", "提升", "进行", "进一步", "列入"]
    ),
    every=st.booleans(),
)
def test_deadline_before_a_verb_sharing_a_word_with_qian(
    month: int, part: str, verb: str, every: bool
) -> None:
    """Deadlines before 提交 or 进行 ("6月底前提交") read as before 完成 (前提, 前进 are words)."""
    head = f"{'每年' if every else '2025年'}{month}月{part}前"

    assert read(f"{head}{verb}工作方案", REF) == read(f"{head}完成工作方案", REF)
    assert [head] == [text for text, _ in read(f"{head}{verb}工作方案", REF)[0]]


@pytest.mark.parametrize("text", ["工作前提是", "走在全国前列", "推动工作前进", "年底前后"])
def test_qian_words_without_a_deadline_stay_as_they_were(text: str) -> None:
    """Guard: 前提, 前列 and 前进 without a date, and 前后 after one, are not deadlines."""
    found, _ = read(text, REF)

    assert not any(isinstance(value, Period) and value.start is None for _, value in found)


@given(
    window=st.sampled_from(
        [("按季度", Frequency.QUARTERLY), ("按月", Frequency.MONTHLY), ("逐月", Frequency.MONTHLY)]
    ),
    to=st.sampled_from(["县政府", "市乡村振兴局", "自治区乡村振兴局"]),
    verb=st.sampled_from(["报送", "汇报", "上报"]),
)
def test_a_duty_by_window_reads_through_its_addressee(
    window: tuple[str, Frequency], to: str, verb: str
) -> None:
    """ "按季度向县政府报送" is the duty "按季度报送" with its addressee, not nothing."""
    word, frequency = window
    found, unread = read(f"各乡镇{word}向{to}{verb}工作进展", REF)

    assert [(f"{word}向{to}{verb}", Cadence(frequency=frequency))] == [
        (text, Cadence(frequency=value.frequency)) for text, value in found
    ]
    assert [] == unread
