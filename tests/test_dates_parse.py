"""Tests for reading Chinese time phrases: parse_when, find_when and named periods."""

import contextlib
import datetime as dt
import doctest
import functools
import importlib.resources
import itertools
import pathlib

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from xiaojie.dates import (
    NAMED_PERIODS,
    Cadence,
    Comparator,
    Found,
    Frequency,
    NamedPeriods,
    Period,
    PeriodSeries,
    Span,
    SpanUnit,
    find_when,
    parse_when,
    register_named_period,
)
from xiaojie.errors import DateValueError, TimePhraseError, XiaojieError


D = dt.date
REF = D(2025, 6, 18)  # the plan's 发文时间
SEED = (importlib.resources.files("xiaojie") / "data" / "ningxia-2025-action-plan.txt").read_text(
    encoding="utf-8"
)


def deadline(y, m, d):
    return Period(None, D(y, m, d))


def window(first, last):
    return Period(D.fromisoformat(first), D.fromisoformat(last))


TRANSITION = window("2021-01-01", "2025-12-31")
AFTER_TRANSITION = Period(D(2026, 1, 1), None)
YEAR_2025 = window("2025-01-01", "2025-12-31")

# Every time phrase of the 2025 Ningxia plan, with its meaning written by hand from the text and
# TIME.md (reference date 2025-06-18, the plan's 发文时间).
SEED_PHRASES = [
    ("2025-06-18", window("2025-06-18", "2025-06-18")),  # 发文时间
    ("过渡期", TRANSITION),  # 标题, "五年过渡期", "党中央过渡期工作目标"
    ("“十四五”", TRANSITION),  # "“十四五”规划"
    ("十四五", TRANSITION),
    ("到2025年年底", deadline(2025, 12, 31)),  # 一、主要目标
    ("2025年年底", window("2025-12-01", "2025-12-31")),
    ("2025年", YEAR_2025),  # "对照2025年…", "2025年实现…", "对2025年国家考核评估…"
    ("2021年以来", Period(D(2021, 1, 1), None)),  # task 2
    ("不超过15天", Span(amount=15, unit=SpanUnit.DAYS, comparator=Comparator.AT_MOST)),  # 4
    ("每月开展1次", Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1)),  # 5
    ("1年以上", Span(amount=1, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)),  # 6
    ("每周1—2次", Cadence(frequency=Frequency.WEEKLY, min_count=1, max_count=2)),  # 7
    ("6个月以上", Span(amount=6, unit=SpanUnit.MONTHS, comparator=Comparator.AT_LEAST)),  # 12
    ("7月底前", deadline(2025, 7, 31)),  # 18, 22
    ("8月底前", deadline(2025, 8, 31)),  # 18, 三(二)
    ("7月底和10月底前", PeriodSeries([deadline(2025, 7, 31), deadline(2025, 10, 31)])),  # 21
    ("12月底前", deadline(2025, 12, 31)),  # 21
    ("9月底前", deadline(2025, 9, 30)),  # 22
    ("10月底前", deadline(2025, 10, 31)),  # 22, 三(三)
    ("6月中旬", window("2025-06-11", "2025-06-20")),  # 三(一)
    ("6月中旬—9月底", window("2025-06-11", "2025-09-30")),  # 三(二)
    ("6月底前", deadline(2025, 6, 30)),
    ("7月中旬", window("2025-07-11", "2025-07-20")),
    ("8月中旬", window("2025-08-11", "2025-08-20")),
    ("9月10日前", deadline(2025, 9, 10)),
    ("9月中旬", window("2025-09-11", "2025-09-20")),
    ("9月底", window("2025-09-25", "2025-09-30")),  # "9月底向党中央…报送": the window
    ("10月—12月底", window("2025-10-01", "2025-12-31")),  # 三(三)
    ("过渡期后", AFTER_TRANSITION),  # 三(三), 四(四)
    ("每季度听取", Cadence(frequency=Frequency.QUARTERLY, min_count=1)),  # 四(一)
    ("每月召开一次", Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1)),
    ("每月听取", Cadence(frequency=Frequency.MONTHLY, min_count=1)),
    ("每季度至少专题研究1次", Cadence(frequency=Frequency.QUARTERLY, min_count=1)),
    ("每月至少专题研究1次", Cadence(frequency=Frequency.MONTHLY, min_count=1)),
    ("7月份", window("2025-07-01", "2025-07-31")),
]

# What find_when must report over the whole plan, in order of appearance.
SEED_FOUND = [
    ("2025-06-18", window("2025-06-18", "2025-06-18")),
    ("过渡期", TRANSITION),  # 标题
    ("过渡期", TRANSITION),  # 确保五年过渡期圆满收官
    ("十四五", TRANSITION),
    ("到2025年年底", deadline(2025, 12, 31)),
    ("2025年", YEAR_2025),  # task 1
    ("2021年以来", Period(D(2021, 1, 1), None)),  # task 2
    ("不超过15天", Span(amount=15, unit=SpanUnit.DAYS, comparator=Comparator.AT_MOST)),
    ("每月开展1次", Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1)),
    ("1年以上", Span(amount=1, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)),
    ("每周1—2次", Cadence(frequency=Frequency.WEEKLY, min_count=1, max_count=2)),
    ("2025年", YEAR_2025),  # task 12
    ("6个月以上", Span(amount=6, unit=SpanUnit.MONTHS, comparator=Comparator.AT_LEAST)),
    ("7月底前", deadline(2025, 7, 31)),  # task 18
    ("8月底前", deadline(2025, 8, 31)),
    ("7月底和10月底前", PeriodSeries([deadline(2025, 7, 31), deadline(2025, 10, 31)])),
    ("12月底前", deadline(2025, 12, 31)),
    ("7月底前", deadline(2025, 7, 31)),  # task 22
    ("9月底前", deadline(2025, 9, 30)),
    ("10月底前", deadline(2025, 10, 31)),
    ("6月中旬", window("2025-06-11", "2025-06-20")),  # 动员部署(6月中旬)
    ("过渡期", TRANSITION),
    ("6月中旬", window("2025-06-11", "2025-06-20")),  # 6月中旬召开…
    ("6月中旬—9月底", window("2025-06-11", "2025-09-30")),
    ("6月底前", deadline(2025, 6, 30)),
    ("7月中旬", window("2025-07-11", "2025-07-20")),
    ("8月中旬", window("2025-08-11", "2025-08-20")),
    ("8月底前", deadline(2025, 8, 31)),
    ("9月10日前", deadline(2025, 9, 10)),
    ("9月中旬", window("2025-09-11", "2025-09-20")),
    ("9月底", window("2025-09-25", "2025-09-30")),
    ("10月—12月底", window("2025-10-01", "2025-12-31")),
    ("过渡期", TRANSITION),  # 党中央过渡期工作目标
    ("10月底前", deadline(2025, 10, 31)),
    ("过渡期后", AFTER_TRANSITION),
    ("每季度", Cadence(frequency=Frequency.QUARTERLY, min_count=1)),
    ("每月召开一次", Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1)),
    ("每月", Cadence(frequency=Frequency.MONTHLY, min_count=1)),
    ("每季度至少专题研究1次", Cadence(frequency=Frequency.QUARTERLY, min_count=1)),
    ("每月至少专题研究1次", Cadence(frequency=Frequency.MONTHLY, min_count=1)),
    ("7月份", window("2025-07-01", "2025-07-31")),
    ("过渡期", TRANSITION),  # 攻坚行动培训班
    ("2025年", YEAR_2025),  # 对2025年国家考核评估
    ("过渡期后", AFTER_TRANSITION),
]


@functools.cache
def seed_found():
    return find_when(SEED, reference=REF)


class TestSeedPlan:
    """Every time phrase of the bundled plan parses to the meaning written by hand."""

    @pytest.mark.parametrize(("phrase", "expected"), SEED_PHRASES)
    def test_phrase(self, phrase, expected):
        """Each phrase of the plan means what the plan says."""
        actual = parse_when(phrase, reference=REF)

        assert expected == actual
        assert phrase == actual.text

    def test_every_seed_phrase_is_listed(self):
        """Every phrase find_when reports in the plan is in the hand-written table."""
        listed = {phrase for phrase, _ in SEED_PHRASES}

        found = {f.text for f in seed_found()}

        assert found - listed == {"每季度", "每月"}

    def test_find_over_whole_plan(self):
        """find_when reports exactly the plan's time phrases, in order, with their meanings."""
        found = find_when(SEED, reference=REF)

        assert SEED_FOUND == [(f.text, f.value) for f in found]
        assert 44 == len(found)
        assert () == found.unread

    def test_found_offsets_quote_the_source(self):
        """Each found phrase sits at its offset, and the phrases are sorted and disjoint."""
        found = seed_found()

        assert all(SEED[f.offset : f.end] == f.text for f in found)
        assert all(a.end <= b.offset for a, b in itertools.pairwise(found))

    @pytest.mark.parametrize(
        "not_a_time",
        [
            "640324017/2026-00009",
            "第六轮",
            "95分以上",
            "10.提高饮水安全保障水平",
            "1.常态化抓好梳理排查",
            "80万人以上",
            "60%、85%",
            "12个闽宁产业园",
            "9个乡村振兴重点帮扶县",
            "“12317”“12345”热线",
            "回看四年",
            "每年累计务工时长",
            "每次2个课时,每学期不少于60课时",
        ],
    )
    def test_numbers_that_are_not_times(self, not_a_time):
        """Index numbers, ordinals, scores, list numbers and counts are not times."""
        assert not_a_time in SEED

        found = seed_found()
        start = SEED.index(not_a_time)
        end = start + len(not_a_time)

        assert [] == [f.text for f in found if f.offset < end and start < f.end]

    def test_period_offsets_are_kept(self):
        """A found period carries its offset so that documents can quote the plan verbatim."""
        found = seed_found()
        pair = next(f for f in found if isinstance(f.value, PeriodSeries))

        assert pair.offset == pair.value.offset
        assert [pair.offset, pair.offset] == [p.offset for p in pair.value]
        assert "7月底和10月底前" == pair.value[0].text


class TestParseWhen:
    """parse_when reads one phrase into a period, series, cadence or span."""

    @pytest.mark.parametrize(
        ("phrase", "expected"),
        [
            ("7月上旬", window("2025-07-01", "2025-07-10")),
            ("7月下旬", window("2025-07-21", "2025-07-31")),
            ("7月上中旬", window("2025-07-01", "2025-07-20")),
            ("7月中下旬", window("2025-07-11", "2025-07-31")),
            ("7月初", window("2025-07-01", "2025-07-05")),
            ("7月中", window("2025-07-11", "2025-07-20")),
            ("6月末", window("2025-06-25", "2025-06-30")),
            ("2月下旬", window("2025-02-21", "2025-02-28")),
            ("上半年", window("2025-01-01", "2025-06-30")),
            ("下半年", window("2025-07-01", "2025-12-31")),
            ("一季度", window("2025-01-01", "2025-03-31")),
            ("二季度", window("2025-04-01", "2025-06-30")),
            ("第三季度", window("2025-07-01", "2025-09-30")),
            ("第4季度", window("2025-10-01", "2025-12-31")),
            ("四季度末", window("2025-12-01", "2025-12-31")),
            ("年初", window("2025-01-01", "2025-02-28")),
            ("年底", window("2025-12-01", "2025-12-31")),
            ("年末", window("2025-12-01", "2025-12-31")),
            ("年内", YEAR_2025),
            ("全年", YEAR_2025),
            ("2025年底前", deadline(2025, 12, 31)),
            ("2026年上半年", window("2026-01-01", "2026-06-30")),
            ("2026年第一季度", window("2026-01-01", "2026-03-31")),
            ("今年年底前", deadline(2025, 12, 31)),
            ("明年6月", window("2026-06-01", "2026-06-30")),
            ("2025年6月18日", window("2025-06-18", "2025-06-18")),
            ("6月18日", window("2025-06-18", "2025-06-18")),
            ("6月18号前", deadline(2025, 6, 18)),
            ("2025-6-8", window("2025-06-08", "2025-06-08")),
            ("２０２５－０６－１８", window("2025-06-18", "2025-06-18")),
            ("十月", window("2025-10-01", "2025-10-31")),
            ("十二月底前", deadline(2025, 12, 31)),
            ("二〇二五年", YEAR_2025),
            ("二零二六年三月", window("2026-03-01", "2026-03-31")),
            ("十月二十八日前", deadline(2025, 10, 28)),
            ("9月底之前", deadline(2025, 9, 30)),
            ("9月底以前", deadline(2025, 9, 30)),
            ("截至9月底", deadline(2025, 9, 30)),
            ("截止9月底", deadline(2025, 9, 30)),
            ("不晚于9月10日", deadline(2025, 9, 10)),
            ("不迟于9月10日", deadline(2025, 9, 10)),
            ("不迟于2025年6月30日", deadline(2025, 6, 30)),
            ("不得迟于9月10日", deadline(2025, 9, 10)),
            ("不得晚于9月10日", deadline(2025, 9, 10)),
            ("到9月底为止", deadline(2025, 9, 30)),
            ("最迟9月底", deadline(2025, 9, 30)),
            ("6月至9月", window("2025-06-01", "2025-09-30")),
            ("6月到9月", window("2025-06-01", "2025-09-30")),
            ("6月-9月", window("2025-06-01", "2025-09-30")),
            ("6月–9月", window("2025-06-01", "2025-09-30")),
            ("6月中旬—9月底前", window("2025-06-11", "2025-09-30")),
            ("10—12月", window("2025-10-01", "2025-12-31")),
            ("6月11日至20日", window("2025-06-11", "2025-06-20")),
            ("6月11—20日", window("2025-06-11", "2025-06-20")),
            ("2025年10月至12月", window("2025-10-01", "2025-12-31")),
            ("12月至2月", window("2025-12-01", "2026-02-28")),
            ("12月至次年2月", window("2025-12-01", "2026-02-28")),
            ("次年3月底前", deadline(2026, 3, 31)),
            ("2025年12月至2026年2月", window("2025-12-01", "2026-02-28")),
            ("2024—2025年", window("2024-01-01", "2025-12-31")),
            ("12—2月", window("2025-12-01", "2026-02-28")),
            ("6月底和9月底前", PeriodSeries([deadline(2025, 6, 30), deadline(2025, 9, 30)])),
            ("到7月底和10月底", PeriodSeries([deadline(2025, 7, 31), deadline(2025, 10, 31)])),
            (
                "6月、9月和12月底前",
                PeriodSeries(
                    [deadline(2025, 6, 30), deadline(2025, 9, 30), deadline(2025, 12, 31)]
                ),
            ),
            (
                "7月中旬和8月中旬",
                PeriodSeries(
                    [window("2025-07-11", "2025-07-20"), window("2025-08-11", "2025-08-20")]
                ),
            ),
            (
                "2026年7月底和10月底前",
                PeriodSeries([deadline(2026, 7, 31), deadline(2026, 10, 31)]),
            ),
            ("9月底后", Period(D(2025, 10, 1), None)),
            ("2026年起", Period(D(2026, 1, 1), None)),
            ("自2026年1月1日起", Period(D(2026, 1, 1), None)),
            # not before: a start, not a deadline
            ("不早于2025年7月1日", Period(D(2025, 7, 1), None)),
            ("不早于7月", Period(D(2025, 7, 1), None)),
            ("不得早于7月1日", Period(D(2025, 7, 1), None)),
            ("从7月开始", Period(D(2025, 7, 1), None)),
            ("7月内", window("2025-07-01", "2025-07-31")),
            ("过渡期内", TRANSITION),
            ("过渡期前", deadline(2025, 12, 31)),
            ("十四五期间", TRANSITION),
            ("十五五", window("2026-01-01", "2030-12-31")),
            ("“过渡期后”", AFTER_TRANSITION),
            (" 6月底前。", deadline(2025, 6, 30)),
        ],
    )
    def test_periods(self, phrase, expected):
        """Fuzzy parts, deadlines, ranges, series and named periods mean what TIME.md says."""
        actual = parse_when(phrase, reference=REF)

        assert expected == actual

    @pytest.mark.parametrize(
        ("phrase", "expected"),
        [
            ("每月1次", Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1)),
            ("每月一次", Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1)),
            ("每季度至少1次", Cadence(frequency=Frequency.QUARTERLY, min_count=1)),
            ("每季度1次以上", Cadence(frequency=Frequency.QUARTERLY, min_count=1)),
            ("每年不少于2次", Cadence(frequency=Frequency.YEARLY, min_count=2)),
            ("每年最多3次", Cadence(frequency=Frequency.YEARLY, min_count=1, max_count=3)),
            ("每半年1次", Cadence(frequency=Frequency.HALF_YEARLY, min_count=1, max_count=1)),
            ("每周两次", Cadence(frequency=Frequency.WEEKLY, min_count=2, max_count=2)),
            ("每星期1至2次", Cadence(frequency=Frequency.WEEKLY, min_count=1, max_count=2)),
            ("每个月1次", Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1)),
            ("每季", Cadence(frequency=Frequency.QUARTERLY, min_count=1)),
            ("每年度", Cadence(frequency=Frequency.YEARLY, min_count=1)),
            ("每月28日前", Cadence(frequency=Frequency.MONTHLY, min_count=1, due_day=28)),
            (
                "每月28日前报送1次",
                Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1, due_day=28),
            ),
            ("每月底前", Cadence(frequency=Frequency.MONTHLY, min_count=1)),
            ("每季度末", Cadence(frequency=Frequency.QUARTERLY, min_count=1)),
            ("每月开展至少1次", Cadence(frequency=Frequency.MONTHLY, min_count=1)),
        ],
    )
    def test_cadences(self, phrase, expected):
        """Cadences carry their window, counts and due day."""
        actual = parse_when(phrase, reference=REF)

        assert expected == actual

    @pytest.mark.parametrize(
        ("phrase", "expected"),
        [
            ("15日内", Span(amount=15, unit=SpanUnit.DAYS, comparator=Comparator.AT_MOST)),
            ("15天以内", Span(amount=15, unit=SpanUnit.DAYS, comparator=Comparator.AT_MOST)),
            ("15天之内", Span(amount=15, unit=SpanUnit.DAYS, comparator=Comparator.AT_MOST)),
            (
                "20个工作日内",
                Span(amount=20, unit=SpanUnit.WORKING_DAYS, comparator=Comparator.AT_MOST),
            ),
            (
                "5个工作日",
                Span(amount=5, unit=SpanUnit.WORKING_DAYS, comparator=Comparator.AT_MOST),
            ),
            ("一年以上", Span(amount=1, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)),
            ("半年以上", Span(amount=6, unit=SpanUnit.MONTHS, comparator=Comparator.AT_LEAST)),
            ("满1年", Span(amount=1, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)),
            ("超过30天", Span(amount=30, unit=SpanUnit.DAYS, comparator=Comparator.MORE_THAN)),
            ("不满6个月", Span(amount=6, unit=SpanUnit.MONTHS, comparator=Comparator.LESS_THAN)),
            ("2周以内", Span(amount=2, unit=SpanUnit.WEEKS, comparator=Comparator.AT_MOST)),
            ("三年内", Span(amount=3, unit=SpanUnit.YEARS, comparator=Comparator.AT_MOST)),
            ("一百零五天以内", Span(amount=105, unit=SpanUnit.DAYS, comparator=Comparator.AT_MOST)),
        ],
    )
    def test_spans(self, phrase, expected):
        """Spans carry their amount, calendar unit and inclusive or exclusive bound."""
        actual = parse_when(phrase, reference=REF)

        assert expected == actual

    @pytest.mark.parametrize(
        ("phrase", "match"),
        [
            ("2月30日", r"2月30日 does not exist in 2025 \(2月 has 28 days\)"),
            ("13月底前", "month 13 is not 1–12"),
            ("十三月", "month 13 is not 1–12"),
            ("2025-02-29", "2月29日 does not exist in 2025"),
            ("6月31日前", "6月31日 does not exist"),
            ("第五季度", "quarter 5 is not 1–4"),
            ("0000年", "year 0 does not exist"),
            ("每月32日前", "due day 32 is not 1–31"),
            ("每月0次", "min_count expected at least 1"),
            ("每周2—1次", "max_count 1 is below min_count 2"),
            ("每周5日前", "due_day expected only for monthly or longer cadences"),
            ("2025年10月至2025年3月", "range ends on 2025-03-31 before it starts on 2025-10-01"),
            ("9999年底后", "outside the calendar"),
            ("0000-01-01", "year 0 is outside 1–9999"),
            ("2025-13-01", "month 13 is not 1–12"),
            ("13—12月", "month 13 is not 1–12"),
            ("6月20—11日", "6月20日至11日 ends before it starts"),
            ("0天以内", "amount expected a positive integer, found 0"),
            ("零天内", "amount expected a positive integer, found 0"),
            ("过渡期后以后", "a period with no end has no 'after'"),
            ("过渡期后前", "leaves the period with neither a start nor an end"),
            ("2025-06", "not a time phrase this parser reads"),
            ("2025-001-01", "not a time phrase this parser reads"),
            ("10—12月18日", "not a time phrase this parser reads"),
            ("二十十天内", "not a time phrase this parser reads"),
            ("6月11日至20", "unexpected text '至20' after '6月11日'"),
            ("9月底为止", "unexpected text '为止' after '9月底'"),
            ("2025年内蒙古", "unexpected text '内蒙古' after '2025年'"),
            ("", "empty; expected a time phrase"),
            ("   ", "empty; expected a time phrase"),
            ("明天", "not a time phrase this parser reads"),
            ("及时", "not a time phrase this parser reads"),
            ("月底前", "not a time phrase this parser reads"),
            ("15日前", "not a time phrase this parser reads"),
            ("回看四年", "not a time phrase this parser reads"),
            ("6月底前完成", "unexpected text '完成' after '6月底前'"),
            ("到9月底起", "unexpected text '起' after '到9月底'"),
            ("每年12月至次年2月", "a yearly occurrence across the turn of the year is not read"),
        ],
    )
    def test_rejects(self, phrase, match):
        """Impossible or unreadable input raises TimePhraseError naming the problem."""
        with pytest.raises(TimePhraseError, match=match) as info:
            parse_when(phrase, reference=REF)

        assert phrase == info.value.phrase

    def test_rejects_non_text(self):
        """A phrase that is not a str is refused with a TimePhraseError."""
        with pytest.raises(TimePhraseError, match="expected a str, found int"):
            parse_when(20250618, reference=REF)

    def test_reference_must_be_a_date(self):
        """A datetime reference is refused: dates are dates."""
        with pytest.raises(DateValueError, match="reference: expected a date, found a datetime"):
            parse_when("6月底前", reference=dt.datetime(2025, 6, 18, 9, 0))

    def test_year_comes_from_the_reference(self):
        """A phrase without a year takes the reference's year, never the clock's."""
        actual = parse_when("6月底前", reference=D(2031, 1, 1))

        assert D(2031, 6, 30) == actual.end

    def test_text_is_kept(self):
        """The value keeps the phrase exactly as given."""
        actual = parse_when(" 每月开展1次 ", reference=REF)

        assert " 每月开展1次 " == actual.text
        assert " 每月开展1次 " == actual.describe()

    def test_leap_february(self):
        """February's last part ends on the 29th in a leap year."""
        actual = parse_when("2月底前", reference=D(2024, 3, 1))

        assert D(2024, 2, 29) == actual.end

    def test_custom_registry(self):
        """A registry passed as named= is used instead of the default one."""
        registry = NamedPeriods({"春耕": window("2025-03-01", "2025-05-31")})

        actual = parse_when("春耕前", reference=REF, named=registry)

        assert deadline(2025, 5, 31) == actual
        with pytest.raises(TimePhraseError, match="not a time phrase"):
            parse_when("过渡期", reference=REF, named=registry)

    def test_registry_type_is_checked(self):
        """Passing something other than a NamedPeriods registry is refused."""
        with pytest.raises(DateValueError, match="expected a NamedPeriods registry, found dict"):
            parse_when("过渡期", reference=REF, named={"过渡期": TRANSITION})


class TestFindWhen:
    """find_when finds phrases in running text and skips numbers that are not times."""

    def test_longest_phrase_wins(self):
        """A range is found as one phrase, not as two windows."""
        found = find_when("集中攻坚(6月中旬—9月底)。", reference=REF)

        assert ["6月中旬—9月底"] == [f.text for f in found]

    def test_list_number_before_a_date(self):
        """A list number at a line start does not hide the date that follows it."""
        found = find_when("3.6月底前完成整改\n4.常态化开展", reference=REF)

        assert [("6月底前", 2)] == [(f.text, f.offset) for f in found]

    def test_decimal_is_not_a_span(self):
        """The fraction of a decimal number is not read as a span."""
        found = find_when("监测时长达到1.5年以上", reference=REF)

        assert () == found

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("统一月度调度，十月底前完成", ["十月底前"]),
            ("一年一次的体检，三年内完成，统一月底报送", ["三年内"]),
            ("在十月底前完成", ["十月底前"]),
            ("各地十月底前完成", []),
            ("落实十四五规划", ["十四五"]),
            ("期限满一年以上", ["满一年以上"]),
            ("，二〇二五年十月召开", ["二〇二五年十月"]),
            ("召开一月一次的例会", []),
        ],
    )
    def test_chinese_numerals_in_words(self, text, expected):
        """Chinese numerals that belong to other words are skipped; those after punctuation or a function word are read."""
        found = find_when(text, reference=REF)

        assert expected == [f.text for f in found]

    def test_words_after_markers(self):
        """前 starting another word (前列, 前期) is not a deadline marker."""
        found = find_when("7月底前期工作", reference=REF)

        assert [("7月底", window("2025-07-25", "2025-07-31"))] == [(f.text, f.value) for f in found]

    def test_impossible_date_raises(self):
        """An impossible date in running text raises with its offset instead of vanishing."""
        with pytest.raises(
            TimePhraseError,
            match=r"2月30日 does not exist in 2025 \(2月 has 28 days\) \(at offset 2\)",
        ):
            find_when("要求2月30日前完成", reference=REF, errors="raise")

    def test_full_width_digits_keep_offsets(self):
        """Full-width digits are read, and offsets still point into the original text."""
        text = "于９月１０日前完成"

        found = find_when(text, reference=REF)

        assert [("９月１０日前", 1)] == [(f.text, f.offset) for f in found]
        assert deadline(2025, 9, 10) == found[0].value

    def test_rejects_non_text(self):
        """Running text that is not a str is refused."""
        with pytest.raises(TimePhraseError, match="expected a str, found bytes"):
            find_when(b"6\xe6\x9c\x88", reference=REF)

    def test_unfinished_range_and_series(self):
        """A separator not followed by a time ends the phrase before it."""
        found = find_when("6月底到位，6月底前和有关部门，2025-06-18T09", reference=REF)

        assert ["6月底", "6月底前", "2025-06-18"] == [f.text for f in found]

    def test_found_is_a_value(self):
        """Found compares by value and gives the end offset."""
        found = Found("6月底前", 3, deadline(2025, 6, 30))

        assert 7 == found.end
        assert Found("6月底前", 3, deadline(2025, 6, 30)) == found


class TestPeriodSeries:
    """PeriodSeries holds dated parts in the written order."""

    def test_sequence(self):
        """A series iterates, indexes and counts its periods in order."""
        series = PeriodSeries([deadline(2025, 7, 31), deadline(2025, 10, 31)])

        assert 2 == len(series)
        assert deadline(2025, 10, 31) == series[1]
        assert [D(2025, 7, 31), D(2025, 10, 31)] == [p.end for p in series]

    def test_str(self):
        """A series prints its text, or its canonical form when it has none."""
        series = PeriodSeries([deadline(2025, 7, 31)], text="7月底前")

        assert "7月底前" == str(series)
        assert "2025年7月31日前" == str(PeriodSeries([deadline(2025, 7, 31)]))

    @pytest.mark.parametrize(
        ("items", "match"),
        [
            ([], "expected at least one period, found none"),
            ([D(2025, 7, 31)], "expected Period items, found date"),
            (deadline(2025, 7, 31), "expected a sequence of Period, found Period"),
            (5, "expected a sequence of Period, found int"),
        ],
    )
    def test_rejects(self, items, match):
        """A series needs at least one Period and nothing else."""
        with pytest.raises(DateValueError, match=match):
            PeriodSeries(items)


class TestNamedPeriods:
    """The registry of named periods is data that users can extend."""

    def test_defaults(self):
        """The built-in names are those of TIME.md."""
        expected = {
            "过渡期": TRANSITION,
            "过渡期后": AFTER_TRANSITION,
            "十四五": TRANSITION,
            "十五五": window("2026-01-01", "2030-12-31"),
        }

        assert expected == {name: NAMED_PERIODS[name] for name in NAMED_PERIODS}
        assert 4 == len(NAMED_PERIODS)

    def test_register_named_period(self):
        """A name registered in the default registry is then read by parse_when and find_when."""
        register_named_period("三年行动", window("2023-01-01", "2025-12-31"))
        try:
            parsed = parse_when("三年行动期间", reference=REF)
            found = find_when("完成三年行动任务", reference=REF)
        finally:
            NAMED_PERIODS.remove("三年行动")

        assert window("2023-01-01", "2025-12-31") == parsed
        assert [("三年行动", 2)] == [(f.text, f.offset) for f in found]
        assert "三年行动" not in NAMED_PERIODS

    def test_same_period_again_is_fine(self):
        """Registering a name again with the same period changes nothing."""
        registry = NAMED_PERIODS.copy()

        registry.register("过渡期", TRANSITION)

        assert TRANSITION == registry["过渡期"]

    def test_replace(self):
        """replace=True changes the period of a known name."""
        registry = NAMED_PERIODS.copy()

        registry.register("过渡期", window("2021-01-01", "2026-06-30"), replace=True)

        assert D(2026, 6, 30) == registry["过渡期"].end
        assert D(2025, 12, 31) == NAMED_PERIODS["过渡期"].end

    @pytest.mark.parametrize(
        ("name", "period", "match"),
        [
            ("", TRANSITION, "expected a non-empty name"),
            ("2025行动", TRANSITION, "without digits or spaces"),
            ("三年 行动", TRANSITION, "without digits or spaces"),
            ("三年行动", (D(2023, 1, 1), D(2025, 12, 31)), "expected a Period, found tuple"),
            ("过渡期", window("2021-01-01", "2026-06-30"), "already registered"),
        ],
    )
    def test_register_rejects(self, name, period, match):
        """Unusable names, non-periods and silent redefinitions are refused."""
        registry = NAMED_PERIODS.copy()

        with pytest.raises(DateValueError, match=match):
            registry.register(name, period)

    def test_unknown_name(self):
        """Looking up or removing an unknown name raises DateValueError."""
        registry = NamedPeriods()

        with pytest.raises(DateValueError, match="'春耕': not registered"):
            registry["春耕"]
        with pytest.raises(DateValueError, match="'春耕': not registered"):
            registry.remove("春耕")

    def test_longest_match_first(self):
        """过渡期后 is matched before 过渡期."""
        assert "过渡期后" == NAMED_PERIODS.match("在过渡期后的政策", 1)
        assert ("过渡期后", "十五五", "十四五", "过渡期") == NAMED_PERIODS.names()

    def test_repr(self):
        """The registry shows its names and periods."""
        assert "NamedPeriods(过渡期=2021年1月1日至2025年12月31日)" == repr(
            NamedPeriods({"过渡期": TRANSITION})
        )


# --------------------------------------------------------------------------------------------
# Properties

VOCABULARY = [
    *"0123456789",
    *"〇一二两三四五六七八九十百",
    *"年月日号旬份初中底末上下前后起内至到和、及每周季度次天个—–-~第半全今明本",
    "季度",
    "工作日",
    "个月",
    "以上",
    "以内",
    "不超过",
    "至少",
    "截至",
    "不晚于",
    "不迟于",
    "不早于",
    "之前",
    "以来",
    "过渡期",
    "十四五",
    "2025",
    "二〇二五",
    "12",
    "31",
    "29",
    "\n",
    ".",
    "%",
    "/",
    "，",
]
phrases = st.lists(st.sampled_from(VOCABULARY), max_size=12).map("".join)
references = st.one_of(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
    st.sampled_from([D(1, 1, 1), D(9999, 12, 31)]),
)


def periods_of(value):
    if isinstance(value, PeriodSeries):
        return list(value)
    if isinstance(value, Period):
        return [value]
    return []


class TestProperties:
    """Properties of the parser that must hold for any input."""

    @given(text=st.text(max_size=40), reference=references)
    def test_only_xiaojie_errors_on_any_text(self, text, reference):
        """parse_when raises nothing but XiaojieError on arbitrary text."""
        with contextlib.suppress(XiaojieError):
            parse_when(text, reference=reference)

    @given(text=phrases, reference=references)
    @example(text="2月29日前", reference=D(2024, 2, 29))
    @example(text="12月31日至1月1日", reference=D(2025, 12, 31))
    @example(text="9999年底后", reference=D(9999, 12, 31))
    @example(text="9999年12月32日", reference=D(9999, 12, 31))
    @example(text="12月至2月", reference=D(9999, 12, 31))
    @example(text="去年", reference=D(1, 1, 1))
    def test_vocabulary_periods_are_ordered(self, text, reference):
        """Text built from the phrase vocabulary parses to ordered periods or raises our error."""
        try:
            value = parse_when(text, reference=reference)
        except XiaojieError:
            return

        for period in periods_of(value):
            assert period.start is None or period.end is None or period.start <= period.end
        assert text == value.text

    @given(text=st.lists(st.one_of(phrases, st.text(max_size=5)), max_size=6).map("".join))
    def test_find_is_sorted_disjoint_and_quotes_the_source(self, text):
        """find_when returns sorted, disjoint phrases that quote the source at their offsets."""
        try:
            found = find_when(text, reference=REF)
        except XiaojieError:
            return

        assert all(text[f.offset : f.end] == f.text for f in found)
        assert all(a.end <= b.offset for a, b in itertools.pairwise(found))
        for f in found:
            assert f.value == parse_when(f.text + f.remark, reference=REF)

    @given(
        start=st.one_of(st.none(), st.dates(min_value=D(1000, 1, 1))),
        end=st.one_of(st.none(), st.dates(min_value=D(1000, 1, 1))),
    )
    @example(start=D(2024, 2, 29), end=D(2024, 2, 29))
    @example(start=None, end=D(2025, 12, 31))
    @example(start=D(2026, 1, 1), end=None)
    def test_canonical_round_trip(self, start, end):
        """Parsing a period's canonical text gives the same period back."""
        if start is None and end is None:
            return
        if start is not None and end is not None and end < start:
            start, end = end, start
        period = Period(start, end)
        text = period.canonical()

        assert period == parse_when(text, reference=REF)
        assert [Found(text, 0, period)] == list(find_when(text, reference=REF))

    @given(
        st.lists(
            st.tuples(st.dates(min_value=D(1000, 1, 1)), st.dates(min_value=D(1000, 1, 1))),
            min_size=1,
            max_size=4,
        )
    )
    def test_series_canonical_round_trip(self, pairs):
        """Parsing a series' canonical text gives the same series back."""
        series = PeriodSeries([Period(min(a, b), max(a, b)) for a, b in pairs])

        actual = parse_when(series.canonical(), reference=REF)

        assert series == (actual if isinstance(actual, PeriodSeries) else PeriodSeries([actual]))

    @given(
        frequency=st.sampled_from(Frequency),
        low=st.integers(1, 50),
        extra=st.one_of(st.none(), st.integers(0, 5)),
        due_day=st.one_of(st.none(), st.integers(1, 31)),
    )
    def test_cadence_describe_round_trip(self, frequency, low, extra, due_day):
        """Parsing a cadence's description gives the same cadence back."""
        if frequency is Frequency.WEEKLY:
            due_day = None
        cadence = Cadence(
            frequency=frequency,
            min_count=low,
            max_count=None if extra is None else low + extra,
            due_day=due_day,
        )

        assert cadence == parse_when(cadence.describe(), reference=REF)

    @given(
        amount=st.integers(1, 999),
        unit=st.sampled_from(SpanUnit),
        comparator=st.sampled_from(
            [Comparator.AT_MOST, Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.LESS_THAN]
        ),
    )
    def test_span_describe_round_trip(self, amount, unit, comparator):
        """Parsing a bounded span's description gives the same span back."""
        span = Span(amount=amount, unit=unit, comparator=comparator)

        assert span == parse_when(span.describe(), reference=REF)

    @given(
        reference=references,
        month=st.integers(1, 12),
        part=st.sampled_from(
            ["上旬", "中旬", "下旬", "上中旬", "中下旬", "初", "中", "底", "末", ""]
        ),
        marker=st.sampled_from(["", "前", "之前", "以前"]),
    )
    @example(reference=D(2024, 1, 1), month=2, part="底", marker="前")
    @example(reference=D(2025, 12, 31), month=12, part="下旬", marker="")
    def test_month_parts_stay_in_their_month(self, reference, month, part, marker):
        """A part of a month lies inside it, and adding 前 keeps the end and opens the start."""
        bare = parse_when(f"{month}月{part}", reference=reference)
        due = parse_when(f"{month}月{part}{marker}", reference=reference)

        assert (reference.year, month) == (bare.start.year, bare.start.month)
        assert (reference.year, month) == (bare.end.year, bare.end.month)
        assert bare.end == due.end
        assert (due.start is None) == bool(marker)

    @given(
        reference=references,
        frequency=st.sampled_from(["每周", "每月", "每季度", "每半年", "每年"]),
        start=st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)),
        length=st.integers(0, 800),
    )
    @example(reference=REF, frequency="每月", start=D(2024, 2, 29), length=0)
    @example(reference=REF, frequency="每周", start=D(2025, 12, 29), length=10)
    def test_cadence_windows_tile_the_range(self, reference, frequency, start, length):
        """Parsed cadences give finite, sorted windows that tile the asked range exactly."""
        end = start + dt.timedelta(days=length)
        cadence = parse_when(f"{frequency}1次", reference=reference)

        windows = cadence.windows(start, end)

        assert start == windows[0].start
        assert end == windows[-1].end
        for a, b in itertools.pairwise(windows):
            assert a.end + dt.timedelta(days=1) == b.start
        assert all(w.start <= w.end for w in windows)
        assert len(windows) <= length + 1


def test_time_docs_examples():
    """The examples of docs/time.md run and give the output shown."""
    path = pathlib.Path(__file__).parent.parent / "docs" / "time.md"

    result = doctest.testfile(
        str(path),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )

    assert 0 == result.failed
    assert result.attempted > 10
