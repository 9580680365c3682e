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

from xiaojie.dates import Cadence, Comparator, Frequency, Period, Span, SpanUnit, find_when


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
        [
            (
                "每季度最后一个月的30日前",
                Cadence(frequency=Frequency.QUARTERLY, due_month=3, due_day=30),
            ),
            ("本季度", Period(d("2023-01-01"), d("2023-03-31"))),
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
    event=st.sampled_from(["春节", "元旦", "国庆节", "中秋节", "节假日", "汛期", "主汛期", "汛"]),
    marker=st.sampled_from(["前", "之前", "期间", "后", "以后"]),
)
def test_events_are_reported(event: str, marker: str) -> None:
    """A time named by an event ("春节前", "汛期前") is reported unread, never dated."""
    found, unread = read(f"各地要在{event}{marker}完成排查整治", REF)

    assert [] == found
    assert [event + marker] == unread


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
