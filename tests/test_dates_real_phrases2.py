"""More time phrases of real plans and notices, read by find_when: stages, weekdays, yearly parts.

Each case quotes the words with their public address and gives the reading an official would
take; a phrase that cannot be read with certainty is reported unread with a reason, never read
in a wrong month or year. The properties below check each rule over every value it covers.
"""

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import (
    Cadence,
    Frequency,
    Period,
    covered_years,
    find_when,
    is_working_day,
    parse_when,
)
from xiaojie.errors import TimePhraseError


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def read(text: str, reference: dt.date) -> tuple[list[tuple[str, object]], list[str]]:
    """Return the (text, value) of each phrase found and the text of each stretch unread."""
    found = find_when(text, reference=reference)
    return [(f.text, f.value) for f in found], [u.text for u in found.unread]


REF = dt.date(2025, 6, 18)
WEEKDAYS = "一二三四五六日"
CN = dict(enumerate("〇一二三四五六七八九"))


def cn_month(month: int) -> str:
    """Write a month number 1–12 in Chinese numerals (三, 十, 十二)."""
    return CN[month] if month < 10 else "十" + ("" if month == 10 else CN[month - 10])


# (source, reference date, the words, phrases found, stretches unread)
CASES = [
    pytest.param(
        "https://max.book118.com/html/2026/0202/8123131142010042.shtm",
        d("2026-02-02"),
        "8.1准备阶段(第1个月)\n8.2实施阶段(第2-6个月)\n8.3总结评估阶段(第7个月及以后)",
        # The first and seventh month of the work, not January and July of 2026.
        [],
        ["第1个月", "第7个月"],
        id="book118-stage-months",
    ),
    pytest.param(
        "http://pdswomen.cn/contents/44376/51527.html",
        d("2012-05-31"),
        "所在单位应在一月内将调整后名单以书面形式报告委员会办公室备案。",
        # Within one month of the change, or January: the words do not say which.
        [],
        ["一月内"],
        id="pdswomen-yiyuenei",
    ),
    pytest.param(
        "https://m.docduoduo.com/p-6669827.html",
        REF,
        "公司总裁或董事长阅批后，于每周 5 或每月 10日前将阅批意见反馈至各中心或事业部",
        [
            ("每周 5", Cadence(frequency=Frequency.WEEKLY, weekday=5)),
            ("每月 10日前", Cadence(frequency=Frequency.MONTHLY, due_day=10)),
        ],
        [],
        id="docduoduo-weekly-friday",
    ),
    pytest.param(
        "http://szmalena.com/2019/0319/c8619a246141/pagem.htm",
        d("2019-03-19"),
        "第35届武汉国际楚才作文竞赛将于3月30日(周六)正式开赛",
        [("3月30日(周六)", Period(d("2019-03-30"), d("2019-03-30")))],
        [],
        id="szmalena-saturday",
    ),
    pytest.param(
        "https://paper.hebiw.com/epaper/hbrb/2013/07/12/RB03/story/494464.shtml",
        d("2013-07-12"),
        "报名截止时间推迟至7月21日(星期日)，周六周日也有工作人员值班，接受报名。",
        [("至7月21日(星期日)", Period(None, d("2013-07-21")))],
        [],
        id="hebiw-sunday-deadline",
    ),
]


class TestRealPhrases:
    """Phrases quoted from real documents read as an official would, or reported unread."""

    @pytest.mark.parametrize(("source", "reference", "text", "expected", "unread"), CASES)
    def test_reading(self, source, reference, text, expected, unread):
        """Every phrase is found with its value, and the unread stretches are exactly these."""
        found, not_read = read(text, reference)

        assert source.startswith("http")
        assert expected == found
        assert unread == not_read

    @pytest.mark.parametrize(("source", "reference", "text", "expected", "unread"), CASES)
    def test_every_unread_stretch_has_a_reason(self, source, reference, text, expected, unread):
        """An unread stretch says what it could not read, quoting it."""
        for stretch in find_when(text, reference=reference).unread:
            assert stretch.reason.startswith(stretch.text)

    def test_weekday_of_another_year_is_reported(self):
        """The same notice (szmalena, 3月30日 a Saturday in 2019) read in 2020 is not dated."""
        text = "第35届武汉国际楚才作文竞赛将于3月30日(周六)正式开赛"

        found = find_when(text, reference=d("2020-03-19"))

        assert [] == list(found)
        assert ["3月30日(周六)"] == [u.text for u in found.unread]
        assert "星期一" in found.unread[0].reason


# --------------------------------------------------------------------------------------------
# A day of the week after a date


BRACKETS = st.sampled_from([("（", "）"), ("(", ")"), ("", "")])
WEEK_WORDS = st.sampled_from(["星期", "周", "礼拜"])


@given(
    day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    brackets=BRACKETS,
    word=WEEK_WORDS,
    marker=st.sampled_from(["前", "之前", ""]),
    with_year=st.booleans(),
)
def test_date_with_its_weekday(
    day: dt.date, brackets: tuple[str, str], word: str, marker: str, with_year: bool
) -> None:
    """ "2月28日（星期五）前" is the deadline 2月28日前: the day of the week is part of the phrase."""
    opening, closing = brackets
    head = f"{day.year}年" if with_year else ""
    note = f"{opening}{word}{WEEKDAYS[day.weekday()]}{closing}"
    phrase = f"{head}{day.month}月{day.day}日{note}{marker}"

    found, unread = read(f"请于{phrase}报送材料", day.replace(month=1, day=1))

    assert [] == unread
    expected = Period(None, day) if marker else Period(day, day)
    assert [(phrase, expected)] == found
    assert expected == parse_when(phrase, reference=day)


@given(
    day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    shift=st.integers(1, 6),
    brackets=BRACKETS,
    word=WEEK_WORDS,
    with_year=st.booleans(),
)
def test_date_with_another_weekday_is_reported(
    day: dt.date, shift: int, brackets: tuple[str, str], word: str, with_year: bool
) -> None:
    """A date that does not fall on the day of the week written after it is never dated."""
    opening, closing = brackets
    head = f"{day.year}年" if with_year else ""
    wrong = WEEKDAYS[(day.weekday() + shift) % 7]
    phrase = f"{head}{day.month}月{day.day}日{opening}{word}{wrong}{closing}"

    found = find_when(f"请于{phrase}前报送材料", reference=day)

    assert [] == list(found)
    assert [phrase] == [u.text for u in found.unread]
    assert f"星期{WEEKDAYS[day.weekday()]}" in found.unread[0].reason
    with pytest.raises(TimePhraseError):
        parse_when(f"{phrase}前", reference=day)


def test_weekday_after_a_date_of_every_year_is_reported() -> None:
    """ "每年3月1日（星期六）前" falls on another weekday each year: not read."""
    found = find_when("每年3月1日（星期六）前报送", reference=REF)

    assert [] == list(found)
    assert len(found.unread) == 1


@given(
    weekday=st.integers(1, 7),
    spaces=st.sampled_from([" ", "  ", "\u3000", "\xa0"]),
    chinese=st.booleans(),
)
def test_weekday_after_a_space(weekday: int, spaces: str, chinese: bool) -> None:
    """ "每周 5" (docduoduo) is 每周5: a space from typesetting does not drop the weekday."""
    written = WEEKDAYS[weekday - 1] if chinese else str(weekday)

    found, unread = read(f"于每周{spaces}{written}前反馈", REF)

    assert [] == unread
    assert [(f"每周{spaces}{written}前", Cadence(frequency=Frequency.WEEKLY, weekday=weekday))] == (
        found
    )


# --------------------------------------------------------------------------------------------
# Months counted from the start of the work


@given(
    month=st.integers(1, 12),
    chinese=st.booleans(),
    lead=st.sampled_from(["", "准备阶段(", "到", "活动开展"]),
    ge=st.sampled_from(["个", ""]),
)
def test_ordinal_month_without_year_is_reported(
    month: int, chinese: bool, lead: str, ge: str
) -> None:
    """ "第3个月", "首月" without a year count from the start of the work: reported, not dated."""
    number = cn_month(month) if chinese else str(month)
    phrase = f"第{number}{ge}月"

    found, unread = read(f"{lead}{phrase}开展督查", REF)

    assert [] == found
    assert [phrase] == unread


@given(month=st.integers(1, 12), year=st.integers(2000, 2099), part=st.sampled_from(["", "10日"]))
def test_ordinal_month_after_a_year_is_that_month(month: int, year: int, part: str) -> None:
    """ "2025年第3个月" is March 2025, and "2025年第3个月10日" its 10th, as "2025年3月10日"."""
    found, unread = read(f"{year}年第{month}个月{part}完成", REF)
    expected, _ = read(f"{year}年{month}月{part}完成", REF)

    assert [] == unread
    assert [(f"{year}年第{month}个月{part}", value) for _, value in expected] == found


def test_first_month_of_each_year_keeps_its_day() -> None:
    """ "每年首月10日前" is due on 10 January each year, not on 31 January."""
    assert [("每年首月10日前", Cadence(frequency=Frequency.YEARLY, due_month=1, due_day=10))] == (
        read("每年首月10日前报送", REF)[0]
    )
    assert [] == read("首月完成摸底", REF)[0]


# --------------------------------------------------------------------------------------------
# A month in Chinese numerals and 内


@given(month=st.integers(1, 12), within=st.sampled_from(["内", "以内", "之内"]))
def test_chinese_month_and_within_is_reported(month: int, within: str) -> None:
    """ "三月内" is March or within three months: reported; "3月内", "三月份内" are March."""
    chinese = cn_month(month)

    found, unread = read(f"应在{chinese}月{within}完成", REF)
    arabic, _ = read(f"应在{month}月{within}完成", REF)
    fen, _ = read(f"应在{chinese}月份{within}完成", REF)

    assert ([], [f"{chinese}月{within}"]) == (found, unread)
    last = calendar.monthrange(REF.year, month)[1]
    month_period = Period(dt.date(REF.year, month, 1), dt.date(REF.year, month, last))
    assert [(f"{month}月{within}", month_period)] == arabic
    assert [(f"{chinese}月份{within}", month_period)] == fen


# --------------------------------------------------------------------------------------------
# Parts of each year and each month


YEAR_PARTS = {
    "一季度": (1, 3),
    "第一季度": (1, 3),
    "二季度": (4, 6),
    "第二季度": (4, 6),
    "三季度": (7, 9),
    "四季度": (10, 12),
    "第四季度": (10, 12),
    "上半年": (1, 6),
    "下半年": (7, 12),
    "年初": (1, 2),
    "年中": (6, 6),
    "一季度末": (3, 3),
    "四季度初": (10, 10),
}


@given(
    part=st.sampled_from(sorted(YEAR_PARTS)),
    marker=st.sampled_from(["", "前"]),
    tail=st.sampled_from(["开展一次", "完成", "组织"]),
)
def test_part_of_each_year(part: str, marker: str, tail: str) -> None:
    """ "每年一季度" is each year's January to March, as "每年1月至3月"; 前 leaves the start open."""
    first, last = YEAR_PARTS[part]
    found, unread = read(f"每年{part}{marker}{tail}", REF)
    months, _ = read(f"每年{first}月至{last}月{marker}{tail}", REF)

    assert [] == unread
    assert len(found) == 1
    assert found[0][1] == months[0][1]
    assert isinstance(found[0][1], Cadence)
    assert found[0][1].due_month == last
    assert found[0][1].start_month == (None if marker else first)


@given(part=st.sampled_from(["四季度", "第四季度", "下半年"]), days=st.integers(1, 60))
def test_days_after_a_part_that_ends_the_year(part: str, days: int) -> None:
    """ "每年四季度结束后10日内" is due 10 days after each year ends; after 一季度 it is reported."""
    found, unread = read(f"每年{part}结束后{days}日内报送", REF)
    early, early_unread = read(f"每年一季度结束后{days}日内报送", REF)

    assert [] == unread
    assert [
        (f"每年{part}结束后{days}日内", Cadence(frequency=Frequency.YEARLY, due_after_days=days))
    ] == found
    assert [] == early
    assert [f"每年一季度结束后{days}日内"] == early_unread


MONTH_PARTS = {
    "上旬": 10,
    "中旬": 20,
    "上中旬": 20,
    "初": 5,
    "月初": 5,
    "下旬": None,
    "中下旬": None,
    "底": None,
    "最后一天": None,
    "最后一周": None,
}


@given(
    part=st.sampled_from(sorted(MONTH_PARTS)),
    marker=st.sampled_from(["", "前"]),
    day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
)
def test_part_of_each_month(part: str, marker: str, day: dt.date) -> None:
    """ "每月上旬" is due on the 10th of each month, "每月下旬" at its end."""
    phrase = f"每月{part}{marker}"
    due_day = MONTH_PARTS[part]

    found, unread = read(f"各乡镇{phrase}报送上月工作进展", REF)
    cadence = found[0][1]

    assert [] == unread
    assert [(phrase, Cadence(frequency=Frequency.MONTHLY, due_day=due_day))] == found
    assert isinstance(cadence, Cadence)
    last = calendar.monthrange(day.year, day.month)[1]
    assert day.replace(day=due_day or last) == cadence.due_in(cadence.full_window(day))


@given(
    part=st.sampled_from(
        ["第一周", "第2周", "第二个星期", "首周", "第一个工作日", "首个工作日", "的第三周"]
    ),
    marker=st.sampled_from(["", "前", "内"]),
)
def test_a_week_or_working_day_of_each_month_is_reported(part: str, marker: str) -> None:
    """ "每月第一周" was read as 每月 alone, the week dropped without a word."""
    found, unread = read(f"各乡镇每月{part}{marker}报送工作进展", REF)

    assert [] == found
    assert [f"每月{part}"] == unread


@given(
    first=st.integers(1, 28),
    length=st.integers(0, 3),
    form=st.sampled_from(["{a}日至{b}日", "{a}日—{b}日", "{a}—{b}日", "{a}日-{b}日", "{a}至{b}日"]),
    marker=st.sampled_from(["", "前"]),
)
def test_days_of_each_month(first: int, length: int, form: str, marker: str) -> None:
    """ "每月20日至25日", "每月20—25日" are due on the 25th: never on the 20th, nor at the month's end."""
    last = first + length
    phrase = "每月" + form.format(a=first, b=last) + marker

    found, unread = read(f"{phrase}报送统计报表", REF)

    assert [] == unread
    assert [(phrase, Cadence(frequency=Frequency.MONTHLY, due_day=last))] == found


@given(first=st.integers(2, 28), back=st.integers(1, 27))
def test_days_of_each_month_backwards_are_reported(first: int, back: int) -> None:
    """ "每月25日至20日" ends before it starts: reported."""
    last = max(1, first - back)
    phrase = f"每月{first}日至{last}日"

    found, unread = read(f"{phrase}报送", REF)

    assert [] == found
    assert [phrase] == unread


@given(first=st.integers(15, 31), due=st.integers(1, 15))
def test_days_into_the_next_month(first: int, due: int) -> None:
    """ "每月25日至次月5日" is due on the 5th of the month after each."""
    phrase = f"每月{first}日至次月{due}日"

    found, unread = read(f"{phrase}报送", REF)

    assert [] == unread
    assert [
        (phrase, Cadence(frequency=Frequency.MONTHLY, due_day=due, due_next_month=True))
    ] == found


# --------------------------------------------------------------------------------------------
# The last working day


@given(
    year=st.sampled_from(list(covered_years())),
    month=st.integers(1, 12),
    marker=st.sampled_from(["", "前"]),
)
def test_last_working_day_of_a_month(year: int, month: int, marker: str) -> None:
    """ "2025年12月最后一个工作日前" is due on December's last working day (调休 included)."""
    phrase = f"{year}年{month}月最后一个工作日{marker}"

    found, unread = read(f"{phrase}报送", REF)
    [(text, period)] = found

    assert [] == unread
    assert text == phrase
    assert isinstance(period, Period)
    due = period.end
    assert due is not None
    assert (due.year, due.month) == (year, month)
    assert is_working_day(due)
    last = calendar.monthrange(year, month)[1]
    later = [dt.date(year, month, n) for n in range(due.day + 1, last + 1)]
    assert not any(is_working_day(day) for day in later)


def test_last_working_day_known_cases() -> None:
    """January 2025 ends in the Spring Festival holiday: its last working day is the 27th."""
    assert parse_when("2025年1月最后一个工作日", reference=REF).end == dt.date(2025, 1, 27)
    assert parse_when("2025年5月最后一个工作日", reference=REF).end == dt.date(2025, 5, 30)


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("每月最后一个工作日报送", "每月最后一个工作日"),
        ("每季度最后1个工作日报送", "每季度最后1个工作日"),
        ("于最后一个工作日报送", "最后一个工作日"),
        (f"{max(covered_years()) + 3}年12月最后一个工作日前完成", None),
    ],
)
def test_last_working_day_not_read(text: str, unread: str | None) -> None:
    """The last working day of each window, or of no month, is reported, never a span of a day."""
    found = find_when(text, reference=REF)

    assert [] == list(found)
    assert len(found.unread) == 1
    if unread is not None:
        assert unread == found.unread[0].text


# --------------------------------------------------------------------------------------------
# Events


# The words and the event that is reported ("元旦春节前后": the event next to 前后).
AROUND = {
    "春节": "春节",
    "元旦": "元旦",
    "国庆节": "国庆节",
    "中秋节": "中秋节",
    "元旦春节": "春节",
}


@given(event=st.sampled_from(sorted(AROUND)))
def test_around_an_event_is_reported_whole(event: str) -> None:
    """ "春节前后" is reported as written, not as "春节前"."""
    found, unread = read(f"在{event}前后开展走访慰问", REF)

    assert [] == found
    assert [AROUND[event] + "前后"] == unread


_YEAR_PARTS = ("一季度", "二季度", "三季度", "四季度", "上半年", "下半年", "年初", "年中")
_MONTH_PARTS = ("上旬", "中旬", "下旬", "月初")


@given(
    parts=st.lists(st.sampled_from(_YEAR_PARTS), min_size=2, max_size=3, unique=True),
    sep=st.sampled_from(["和", "、", "及"]),
    tail=st.sampled_from(["各报送一次", "报送", "开展"]),
)
def test_a_list_of_parts_of_each_year_is_reported(parts, sep, tail) -> None:
    """每年上半年和下半年各报送一次: never read as the first part alone (nor the rest as 2025's)."""
    text = "每年" + sep.join(parts)
    found, unread = read(text + tail, REF)
    assert found == []
    assert unread == [text]


@given(
    parts=st.lists(st.sampled_from(_MONTH_PARTS), min_size=2, max_size=3, unique=True),
    sep=st.sampled_from(["和", "、"]),
)
def test_a_list_of_parts_of_each_month_is_reported(parts, sep) -> None:
    """每月上旬、中旬各报送一次: the due day of the first part would drop the others."""
    text = "每月" + sep.join(p.removeprefix("月") for p in parts)
    found, unread = read(text + "各报送一次", REF)
    assert found == []
    assert unread == [text]


@pytest.mark.parametrize("word", ["日常巡查", "三会一课", "一线走访", "六稳六保"])
@pytest.mark.parametrize("space", [" ", "\u3000"])
def test_a_word_after_every_week_and_a_space_is_no_weekday(word: str, space: str) -> None:
    """每周 三会一课: 三 starts a word here, not Wednesday."""
    found, unread = read(f"每周{space}{word}", REF)
    assert found == [("每周", Cadence(frequency=Frequency.WEEKLY))]
    assert unread == []


@pytest.mark.parametrize(
    ("part", "due"), [("初", 5), ("上旬", 10), ("中旬", 20), ("5日", 5), ("10号", 10)]
)
@pytest.mark.parametrize("next_month", ["次月", "下月"])
def test_days_into_the_next_month_by_part(part: str, due: int, next_month: str) -> None:
    """每月25日至次月初 is due on the 5th of the next month, 次月上旬 on the 10th."""
    text = f"每月25日至{next_month}{part}"
    found, unread = read(text + "报送", REF)
    assert found == [(text, Cadence(frequency=Frequency.MONTHLY, due_day=due, due_next_month=True))]
    assert unread == []


@pytest.mark.parametrize("part", ["四季度", "下半年", "一季度"])
def test_after_each_part_without_days_is_reported_as_such(part: str) -> None:
    """每年四季度结束后开展评估: the reason quotes 结束后 and says the days are missing."""
    found = find_when(f"每年{part}结束后开展评估", reference=REF)
    assert [f.text for f in found] == []
    assert [u.text for u in found.unread] == [f"每年{part}结束后"]
    assert "without the number of days" in found.unread[0].reason


@pytest.mark.parametrize("mark", ["至", "到", "—", "、"])
def test_a_range_of_weekdays_after_a_date_is_no_note(mark: str) -> None:
    """2025年3月3日周一至周五: 周一 starts a range of weekdays, not a note on the date."""
    found, unread = read(f"9月1日周三{mark}周五开展", REF)
    assert found == [("9月1日", Period(d("2025-09-01"), d("2025-09-01")))]
    assert unread == []


@given(
    days=st.lists(st.integers(1, 28), min_size=2, max_size=4, unique=True),
    sep=st.sampled_from(["、", "和", "及"]),
    ranged=st.booleans(),
)
def test_several_days_of_each_month_are_reported(days, sep, ranged) -> None:
    """每月1日、5日报送: never read as due on the 1st alone (the 5th dropped)."""
    days = sorted(days)
    parts = [f"{d}日至{d + 1}日" if ranged else f"{d}日" for d in days]
    text = "每月" + sep.join(parts)
    found, unread = read(text + "报送", REF)
    assert found == []
    assert unread == [text]


@given(day=st.integers(1, 28), weekday=st.sampled_from(WEEKDAYS), bracket=st.booleans())
def test_a_weekday_after_a_day_of_each_month_is_reported(day, weekday, bracket) -> None:
    """每月10日（周五）前: the 10th is a Friday in some months only, so it is not read."""
    note = f"（周{weekday}）" if bracket else f"星期{weekday}"
    found, unread = read(f"每月{day}日{note}前报送", REF)
    assert found == []
    assert unread == [f"每月{day}日{note}"]


@pytest.mark.parametrize(
    "text",
    ["每周一至周五", "每周三至五", "每周一、周三", "每周一、三", "每周二和周四", "每周一至星期五"],
)
def test_several_days_of_each_week_are_reported(text: str) -> None:
    """每周一至周五值班 is every working day, 每周一、周三 two days: neither is once a week."""
    found, unread = read(text + "开展值班", REF)
    assert found == []
    assert unread == [text]


@pytest.mark.parametrize("text", ["每周1—2次", "每周2至3次", "每周三", "每周一、三会一课"])
def test_a_count_or_one_day_of_each_week_still_reads(text: str) -> None:
    """每周1—2次 is a count; 每周一、三会一课 is Monday and a word."""
    found, unread = read(text, REF)
    assert unread == []
    assert found
    assert found[0][0].startswith("每周")
