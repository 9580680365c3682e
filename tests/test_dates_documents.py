"""Time phrases as other documents write them: work reports, 分工方案, 整改方案, statistics bulletins.

Each class covers one way the reader used to give a wrong answer without a word.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import (
    Cadence,
    Findings,
    Frequency,
    Period,
    Unread,
    find_when,
    parse_when,
)
from xiaojie.errors import DateValueError, TimePhraseError


REF = dt.date(2025, 6, 18)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def window(start: str | None, end: str | None) -> Period:
    return Period(d(start) if start else None, d(end) if end else None)


def found(text: str, reference: dt.date = REF) -> list[tuple[str, int, object]]:
    return [(f.text, f.offset, f.value) for f in find_when(text, reference=reference)]


def report(text: str, reference: dt.date = REF) -> Findings:
    return find_when(text, reference=reference, errors="report")


class TestYearQualifiers:
    """1. A year qualifier is read with its phrase, or the phrase is reported."""

    @pytest.mark.parametrize(
        ("phrase", "expected"),
        [
            ("2024年1—9月", window("2024-01-01", "2024-09-30")),
            ("2024年前三季度", window("2024-01-01", "2024-09-30")),
            ("上年底", window("2024-12-01", "2024-12-31")),
            ("前年9月2号", window("2023-09-02", "2023-09-02")),
            ("19年底", window("2019-12-01", "2019-12-31")),
            ("上年11月至今年3月", window("2024-11-01", "2025-03-31")),
        ],
    )
    def test_reads_the_named_year(self, phrase, expected):
        """The phrase is read in the year it names, not in the reference year."""
        assert parse_when(phrase, reference=REF) == expected

    def test_running_text_keeps_the_year(self):
        """In running text "2024年1—9月" is one period of 2024, not 2024 plus January–September 2025."""
        assert found("2024年1—9月，全区累计完成投资") == [
            ("2024年1—9月", 0, window("2024-01-01", "2024-09-30"))
        ]

    def test_compared_with_last_year_end(self):
        """ "较上年底增长" names the end of the year before the reference year."""
        assert found("较上年底增长12%") == [("上年底", 1, window("2024-12-01", "2024-12-31"))]

    def test_unknown_qualifier_is_reported_whole(self):
        """ "当年11月至次年3月" is reported with its qualifier, and nothing of it is read."""
        result = report("当年11月至次年3月开展冬春行动，6月底前完成")

        assert [f.text for f in result] == ["6月底前"]
        assert result.unread == (Unread("当年11月至次年3月", 0, result.unread[0].reason),)
        assert "当年" in result.unread[0].reason

    def test_phrase_after_another_year_in_the_run_is_reported(self):
        """ "2024年全区3月底前" does not read 3月底前 in the reference year 2025."""
        result = report("2024年全区3月底前完成验收")

        assert [f.text for f in result] == ["2024年"]
        assert [(u.text, u.offset) for u in result.unread] == [("3月底前", 7)]

    def test_phrase_after_the_reference_year_is_read(self):
        """After a year equal to the reference year, a phrase without a year is read in it."""
        assert [f.text for f in report("2025年全区3月底前完成验收")] == ["2025年", "3月底前"]

    def test_words_with_nian_are_not_years(self):
        """年度, 青年 and 三年行动 are not years: the phrase after them is read."""
        text = "资产年度盘活利用率力争7月底前达到60%，青年就业三年行动9月底前启动"

        assert [f.text for f in report(text)] == ["7月底前", "9月底前"]

    def test_date_after_a_colon_is_read_whole(self):
        """ "发布时间:2025年5月8日" is one date, not a year qualifier before 5月8日."""
        assert found("发布时间:2025年5月8日") == [
            ("2025年5月8日", 5, window("2025-05-08", "2025-05-08"))
        ]

    def test_ambiguous_two_digit_year_is_reported(self):
        """ "70年底" could be 1970 or 2070 for a 2025 document: reported, never guessed."""
        with pytest.raises(TimePhraseError, match="two-digit year 70 is 1970 or 2070"):
            parse_when("70年底", reference=REF)

    def test_two_digit_year_without_a_part_of_the_year_is_a_length(self):
        """ "从业19年" is a length, not the year 2019."""
        assert found("从业19年，经验丰富") == []

    def test_count_after_a_year_is_reported(self):
        """ "2024年前10天" is not the deadline "by the end of 2024" plus a count."""
        result = report("2024年前10天完成")

        assert list(result) == []
        assert result.unread[0].text.startswith("2024年前")

    def test_same_period_last_year_is_reported(self):
        """ "上年同期" depends on the sentence's period: reported, not read as last year."""
        with pytest.raises(TimePhraseError, match="same period of another year"):
            parse_when("上年同期", reference=REF)

    @pytest.mark.parametrize("word", ["上年", "去年", "上一年"])
    @pytest.mark.parametrize("same", ["同期", "当月", "当月初", "同月", "当季度"])
    def test_the_same_month_of_last_year_is_reported(self, word, same):
        """The income rule's "以识别月份的上年当月初至识别月份前一月底": no part of it is the
        reference's last year, nor January (it used to be all of 2024 and 25-31 January)."""
        result = report(f"家庭收入按以识别月份的{word}{same}至识别月份前一月底计算")
        assert list(result) == []
        assert [u.text for u in result.unread] == [f"{word}{same}", "前一月底"]

    @pytest.mark.parametrize(
        "text", ["提前一月完成申报", "会前一月报送材料", "环比前一月增长5%", "节前一月开展检查"]
    )
    def test_one_month_before_is_no_january_and_no_phrase(self, text):
        """前一月 alone is a length or a comparison: nothing read, nothing reported."""
        result = report(text)
        assert list(result) == []
        assert result.unread == ()

    @pytest.mark.parametrize(
        ("text", "stretch"),
        [
            ("每季度首月10日前报送前一季度数据", "前一季度"),
            ("报送前一季度情况", "前一季度"),
            ("每月5日前报送前一月份数据", "前一月份"),
            ("前一个月", "前一个月"),
        ],
    )
    def test_the_quarter_or_month_before_is_reported(self, text, stretch):
        """ "报送前一季度情况" read the first quarter of the reference year."""
        result = report(text)
        assert [f.text for f in result if not f.text.startswith("每")] == []
        assert [u.text for u in result.unread] == [stretch]

    @pytest.mark.parametrize(
        ("text", "stretch"),
        [
            ("前一月底至本月底", "前一月底至本月底"),
            ("前一季度末至本季度末", "前一季度末至本季度末"),
            ("前一季度末前完成", "前一季度末前"),
            ("会后一月底", "后一月底"),
        ],
    )
    def test_the_part_and_the_range_go_with_it(self, text, stretch):
        """Its 末, 底 … and a range it starts are reported with it (no deadline 至本月底 alone)."""
        result = report(text)
        assert list(result) == []
        assert [u.text for u in result.unread] == [stretch]

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("3月底前一季度任务全部完成", ["3月底前", "一季度"]),
            ("4月10日前一季度数据上报完毕", ["4月10日前", "一季度"]),
            ("目前一季度各项指标", ["一季度"]),
            ("当前一季度经济运行", ["一季度"]),
        ],
    )
    def test_a_first_quarter_after_a_word_ending_in_before(self, text, found):
        """前 ending a deadline or a word (目前) leaves 一季度 the first quarter."""
        result = report(text)
        assert [f.text for f in result] == found
        assert result.unread == ()

    @pytest.mark.parametrize(
        "text",
        ["提前一季度完成", "提前一月份完成", "滞后一季度", "超前一季度完成", "竣工后一个季度内"],
    )
    def test_a_length_ahead_of_time_is_nothing(self, text):
        result = report(text)
        assert list(result) == []
        assert result.unread == ()

    def test_the_first_quarters_and_months_are_still_read(self):
        assert [f.text for f in report("前三季度完成。前两个月完成。第一季度完成。")] == [
            "前三季度",
            "前两个月",
            "第一季度",
        ]

    def test_the_same_month_of_this_year_says_so(self):
        result = report("今年当月完成")
        assert "same period of this year, of another date" in result.unread[0].reason

    def test_the_end_of_a_range_whose_start_is_not_read_goes_with_it(self):
        """ "上年当月至本月", "2月30日至3月5日": no deadline of the range's end alone."""
        assert [u.text for u in report("收入计算时段为上年当月至本月").unread] == ["上年当月至本月"]
        result = report("2月30日至3月5日完成")
        assert list(result) == []
        assert [u.text for u in result.unread] == ["2月30日至3月5日"]

    @pytest.mark.parametrize(
        ("text", "stretch"),
        [
            ("收入计算时段为上年当月 至本月", "上年当月 至本月"),
            ("收入计算时段为上年当月\u3000至本月", "上年当月\u3000至本月"),
            ("以上年当月至本月为准", "上年当月至本月"),
            ("以上年当月 至本月为准", "上年当月 至本月"),
            ("2月30日 至3月5日完成", "2月30日 至3月5日"),
            ("2025年1月 至 2月30日", "2025年1月 至 2月30日"),
            ("2025年1月至2月30日", "2025年1月至2月30日"),
            ("6月至上年同期", "6月至上年同期"),
            ("以上年同期为基数", "上年同期"),
        ],
    )
    def test_spaces_and_yi_do_not_hide_the_start(self, text, stretch):
        """A space before 至, or 以 before 上年 (以上年同期: 以 and last year's), used to leave
        至本月 / 至3月5日 read as a deadline of its own."""
        result = report(text)
        assert list(result) == []
        assert [u.text for u in result.unread] == [stretch]

    @pytest.mark.parametrize(
        "text",
        [
            "60岁以上年龄段人员",
            "以上各项工作",
            "县级以上年度重点项目",
            "规模以上年度营业收入",
            "以上年度目标任务要确保完成",
            "以上年末为基数",
            "以上年底存量为基数",
        ],
    )
    def test_yishang_above_stays_a_word(self, text):
        """以上 ("above") before 年度, 年末: not last year's, nor this year's end (以上年末 is
        either "last year's end" or "above" and this year's: not read)."""
        result = report(text)
        assert list(result) == []
        assert result.unread == ()

    @given(
        start=st.sampled_from(["2025年6月", "6月", "6月底", "3月10日", "上半年"]),
        end=st.sampled_from(["12月", "12月底", "年底", "9月30日"]),
        space=st.sampled_from([" ", "  ", "\u3000", "\xa0", "\t"]),
        word=st.sampled_from(["至", "到"]),
        after=st.sampled_from(["", " "]),
    )
    def test_a_space_before_the_range_word_changes_only_the_text(
        self, start, end, space, word, after
    ):
        plain = report(f"{start}{word}{end}开展")
        spaced = report(f"{start}{space}{word}{after}{end}开展")
        assert [f.value for f in spaced] == [f.value for f in plain]
        assert len(plain) == 1
        assert [f.text for f in spaced] == [f"{start}{space}{word}{after}{end}"]


class TestLeadingMonthsAndQuarters:
    """2. 前三季度, 前N个月, 1—N月, YYYY年M—N月(份) are phrases of their own."""

    @pytest.mark.parametrize(
        ("phrase", "expected"),
        [
            ("前三季度", window("2025-01-01", "2025-09-30")),
            ("前10个月", window("2025-01-01", "2025-10-31")),
            ("前两月", window("2025-01-01", "2025-02-28")),
            ("1—9月", window("2025-01-01", "2025-09-30")),
            ("2024年3—5月份", window("2024-03-01", "2024-05-31")),
            ("2018年2——4月", window("2018-02-01", "2018-04-30")),
            ("2021年后三个月", window("2021-10-01", "2021-12-31")),
            ("2022年首季度", window("2022-01-01", "2022-03-31")),
            ("前三季度末", None),
        ],
    )
    def test_reads(self, phrase, expected):
        """Each is read from 1 January (or the named month) to the end of the named quarter or month."""
        if expected is None:
            with pytest.raises(TimePhraseError, match="unexpected text"):
                parse_when(phrase, reference=REF)
        else:
            assert parse_when(phrase, reference=REF) == expected

    def test_impossible_counts(self):
        """A year has four quarters and twelve months."""
        with pytest.raises(TimePhraseError, match="a year has 4 quarters"):
            parse_when("前五季度", reference=REF)
        with pytest.raises(TimePhraseError, match="a year has 12 months"):
            parse_when("前13个月", reference=REF)

    def test_not_after_a_word(self):
        """ "此前3个月" is three months before something, not January to March."""
        assert [v for _, _, v in found("此前3个月内已完成") if isinstance(v, Period)] == []


class TestScanningNeverFailsWhole:
    """3. One odd phrase does not lose the good ones."""

    def test_relative_range_and_deadline(self):
        """The issue's sentence reads both phrases."""
        text = "开展上年11月至今年3月冬春行动,6月底前完成"

        assert found(text) == [
            ("上年11月至今年3月", 2, window("2024-11-01", "2025-03-31")),
            ("6月底前", 17, window(None, "2025-06-30")),
        ]

    def test_impossible_date_is_reported_with_its_offset(self):
        """ "2月30日" goes into .unread with its offset; "6月底前" is still found."""
        result = report("开展2月30日专项行动，6月底前完成")

        assert [(f.text, f.offset) for f in result] == [("6月底前", 12)]
        assert [(u.text, u.offset) for u in result.unread] == [("2月30日", 2)]
        assert "2月30日 does not exist in 2025" in result.unread[0].reason

    def test_report_is_the_default_and_raise_is_kept(self):
        """By default an unread phrase is reported; errors="raise" raises on it, as before."""
        text = "开展2月30日专项行动，6月底前完成"
        result = find_when(text, reference=REF)

        assert [(f.text, f.offset) for f in result] == [("6月底前", 12)]
        assert [(u.text, u.offset) for u in result.unread] == [("2月30日", 2)]
        with pytest.raises(
            TimePhraseError,
            match=r"2月30日 does not exist in 2025 \(2月 has 28 days\) \(at offset 2\)",
        ):
            find_when(text, reference=REF, errors="raise")

    def test_result_is_a_tuple(self):
        """The result compares and indexes like the tuple find_when used to return."""
        result = find_when("6月底前完成", reference=REF)

        assert isinstance(result, tuple)
        assert result == (result[0],)
        assert result.unread == ()

    def test_unknown_errors_word(self):
        """errors accepts only "raise" and "report"."""
        with pytest.raises(DateValueError, match="expected 'raise' or 'report', found 'ignore'"):
            find_when("6月底前", reference=REF, errors="ignore")  # type: ignore[arg-type]


class TestClosedRanges:
    """4. 自X起至Y止 and 自X至Y止 are one closed range."""

    @pytest.mark.parametrize(
        "phrase",
        [
            "自2020-05-26起至2020-05-29止",
            "自2020-05-26至2020-05-29止",
            "从2020-05-26至2020-05-29止",
            "自2020年5月26日起至5月29日止",
        ],
    )
    def test_reads_one_range(self, phrase):
        """公示期 and 有效期 phrases run from the first day to the last, both included."""
        assert parse_when(phrase, reference=REF) == window("2020-05-26", "2020-05-29")

    def test_in_running_text(self):
        """In a notice the whole range is one phrase."""
        text = "公示期自2025年6月20日起至6月26日止。"

        assert found(text) == [
            ("自2025年6月20日起至6月26日止", 3, window("2025-06-20", "2025-06-26"))
        ]


class TestRecurringDueDates:
    """5. A recurring due date is one cadence with its due rule."""

    @pytest.mark.parametrize(
        ("phrase", "fields"),
        [
            ("每年12月底前", {"frequency": Frequency.YEARLY, "due_month": 12}),
            ("每年1月15日前", {"frequency": Frequency.YEARLY, "due_month": 1, "due_day": 15}),
            (
                "每年9月至11月",
                {"frequency": Frequency.YEARLY, "due_month": 11, "start_month": 9},
            ),
            (
                "次月5日前",
                {"frequency": Frequency.MONTHLY, "due_next_month": True, "due_day": 5},
            ),
            ("每月5日前", {"frequency": Frequency.MONTHLY, "due_day": 5}),
            (
                "每季度结束后10日内",
                {"frequency": Frequency.QUARTERLY, "due_after_days": 10},
            ),
            (
                "每月结束后5个工作日内",
                {"frequency": Frequency.MONTHLY, "due_after_working_days": 5},
            ),
            (
                "每季度首月10日前",
                {"frequency": Frequency.QUARTERLY, "due_month": 1, "due_day": 10},
            ),
            ("每年2月29日前", {"frequency": Frequency.YEARLY, "due_month": 2, "due_day": 29}),
        ],
    )
    def test_reads(self, phrase, fields):
        """The phrase is one Cadence carrying its due rule."""
        assert parse_when(phrase, reference=REF) == Cadence(**fields)

    def test_in_running_text_it_is_one_phrase(self):
        """ "每年12月底前报送" is not a cadence with no due day plus a one-off date."""
        assert found("每年12月底前报送年度总结") == [
            ("每年12月底前", 0, Cadence(frequency=Frequency.YEARLY, due_month=12))
        ]

    def test_due_dates(self):
        """The due rules give the days an official would name."""
        ref = dt.date(2025, 8, 1)
        cases = {
            "每年12月底前": dt.date(2025, 12, 31),
            "每年1月15日前": dt.date(2025, 1, 15),
            "次月5日前": dt.date(2025, 9, 5),
            "每季度结束后10日内": dt.date(2025, 10, 10),
            "每季度首月10日前": dt.date(2025, 7, 10),
            "每月结束后5个工作日内": dt.date(2025, 9, 5),
            "每年2月29日前": dt.date(2025, 2, 28),
        }
        for phrase, due in cases.items():
            cadence = parse_when(phrase, reference=ref)
            assert cadence.due_in(cadence.full_window(ref)) == due, phrase

    def test_season_occurrence(self):
        """ "每年9月至11月" happens between 1 September and 30 November."""
        cadence = parse_when("每年9月至11月", reference=REF)

        assert cadence.occurrence(cadence.full_window(REF)) == window("2025-09-01", "2025-11-30")

    def test_across_the_year_end_is_refused(self):
        """ "每年12月至次年2月" is not read as a yearly occurrence."""
        with pytest.raises(TimePhraseError, match="across the turn of the year"):
            parse_when("每年12月至次年2月", reference=REF)


class TestSpacesInsidePhrases:
    """6. Spaces from PDFs and typed documents do not hide a phrase."""

    def test_parse_when(self):
        """parse_when ignores spaces inside a phrase."""
        assert parse_when("2025 年 6 月底前", reference=REF) == window(None, "2025-06-30")
        assert parse_when("2017 年", reference=REF) == window("2017-01-01", "2017-12-31")

    def test_find_when_keeps_source_offsets(self):
        """Found text and offsets are those of the source, spaces included."""
        text = "各地要在 2025 年 6 月底前完成，6 月底前报送"

        assert [(f.text, f.offset) for f in find_when(text, reference=REF)] == [
            ("2025 年 6 月底前", 5),
            ("6 月底前", 20),
        ]
        for f in find_when(text, reference=REF):
            assert text[f.offset : f.end] == f.text

    def test_numbers_stay_apart(self):
        """Spaces between two numbers are kept: "10 2025年" is not the year 102025."""
        assert [f.text for f in find_when("第10 2025年", reference=REF)] == ["2025年"]

    @pytest.mark.parametrize("space", [" ", "\u3000", "  "])
    @pytest.mark.parametrize("word", ["前", "后第一个工作日", "期间", "假期后第一个工作日"])
    @pytest.mark.parametrize("holiday", ["春节", "国庆节", "元旦", "五一"])
    def test_a_holiday_and_its_word(self, holiday, word, space):
        """ "春节 前" reads as "春节前" (it was not read at all)."""
        spaced = find_when(f"{holiday}{space}{word}完成", reference=REF)
        plain = find_when(f"{holiday}{word}完成", reference=REF)
        assert [f.value for f in spaced] == [f.value for f in plain]
        assert [f.text for f in spaced] == [
            f.text.replace(holiday, holiday + space, 1) for f in plain
        ]
        assert [u.reason for u in spaced.unread] == [u.reason for u in plain.unread]
        assert list(plain)
        assert not plain.unread

    @pytest.mark.parametrize(
        ("text", "found"),
        [("国庆 长假期间", ["国庆 长假期间"]), ("五一 小长假期间", ["五一 小长假期间"])],
    )
    def test_a_holiday_and_its_break(self, text, found):
        assert [f.text for f in find_when(text, reference=REF)] == found

    def test_a_space_after_no_holiday_stays(self):
        """ "说明 后": no holiday before the space; nothing is read."""
        found = find_when("情况说明 后附", reference=REF)
        assert (list(found), found.unread) == ([], ())


class TestRelativeWords:
    """7. Words relative to the document's reference date."""

    @pytest.mark.parametrize(
        ("phrase", "expected"),
        [
            ("上年", window("2024-01-01", "2024-12-31")),
            ("上年度", window("2024-01-01", "2024-12-31")),
            ("去年", window("2024-01-01", "2024-12-31")),
            ("前年", window("2023-01-01", "2023-12-31")),
            ("本年度", window("2025-01-01", "2025-12-31")),
            ("本季度", window("2025-04-01", "2025-06-30")),
            ("上季度", window("2025-01-01", "2025-03-31")),
            ("上季度末", window("2025-03-01", "2025-03-31")),
            ("本月10日", window("2025-06-10", "2025-06-10")),
            ("本月初", window("2025-06-01", "2025-06-05")),
            ("上个月", window("2025-05-01", "2025-05-31")),
            ("下月底前", window(None, "2025-07-31")),
            ("今明两年", window("2025-01-01", "2026-12-31")),
            ("近三年", window("2022-01-01", "2024-12-31")),
            ("今后五年", window("2026-01-01", "2030-12-31")),
            ("年中", window("2025-06-01", "2025-06-30")),
            ("上半年末", window("2025-06-01", "2025-06-30")),
        ],
    )
    def test_reads(self, phrase, expected):
        """Each word is read against the reference date 2025-06-18."""
        assert parse_when(phrase, reference=REF) == expected

    def test_quarter_across_the_year(self):
        """上季度 of a January reference is the fourth quarter of the year before."""
        assert parse_when("上季度", reference=dt.date(2025, 1, 5)) == window(
            "2024-10-01", "2024-12-31"
        )

    def test_not_inside_other_words(self):
        """ "以下月份" is not next month, "上年均" not last year."""
        assert found("以下月份不计，比上年均增长") == []


class TestWeekdays:
    """8. 每周三 keeps its weekday; 每周三下午 is a time of day, not read."""

    def test_weekday(self):
        """ "每周三" is due on the Wednesday of each week."""
        cadence = parse_when("每周三", reference=REF)

        assert cadence == Cadence(frequency=Frequency.WEEKLY, weekday=3)
        assert cadence.due_in(cadence.full_window(REF)) == dt.date(2025, 6, 18)

    def test_time_of_day_is_refused(self):
        """ "每周三下午" is not accepted as a weekly cadence."""
        with pytest.raises(TimePhraseError, match="a time of day is not read"):
            parse_when("每周三下午", reference=REF)
        assert [u.text for u in report("每周三下午开会").unread] == ["每周三下午"]

    def test_counts_are_not_weekdays(self):
        """ "每周三次" and "每周1—2次" are counts."""
        assert parse_when("每周三次", reference=REF) == Cadence(
            frequency=Frequency.WEEKLY, min_count=3, max_count=3
        )
        assert parse_when("每周1—2次", reference=REF) == Cadence(
            frequency=Frequency.WEEKLY, min_count=1, max_count=2
        )


class TestFalseReadings:
    """9. Amounts per year are not cadences; a day number is not a range start."""

    @pytest.mark.parametrize(
        "text",
        [
            "每户每年增收2000元",
            "人均每年增收",
            "每年转移就业稳定在1万人以上",
            "每人每年补助500元",
        ],
    )
    def test_amounts_per_year(self, text):
        """A quantity per year is not a recurring duty."""
        assert found(text) == []

    def test_dated_duty_with_an_amount_is_still_a_cadence(self):
        """A due rule makes a duty even when the clause states an amount."""
        text = "每季度结束后10日内报送1000户的数据，每年12月底前完成1000户"

        assert [f.text for f in find_when(text, reference=REF)] == [
            "每季度结束后10日内",
            "每年12月底前",
        ]

    def test_duty_per_year_is_still_a_cadence(self):
        """ "每年开展一次" is a duty."""
        assert [f.text for f in find_when("每年开展一次排查", reference=REF)] == ["每年开展一次"]

    def test_day_without_ri(self):
        """ "1月3至2月10" is one range, never "3至2月"."""
        assert found("1月3至2月10", reference=dt.date(2021, 6, 14)) == [
            ("1月3至2月10", 0, window("2021-01-03", "2021-02-10"))
        ]


@pytest.mark.parametrize(
    ("text", "found", "stretch"),
    [
        ("对比上年同期 到2025年底，全市增长10%", ["到2025年底"], "上年同期"),
        ("汛期前 至年底完成", ["至年底"], "汛期前"),
    ],
)
def test_a_space_keeps_apart_what_ends_with_no_time(text, found, stretch):
    """Across a space only a stretch ending as a time does (月, 日, 底 …) takes the 至 phrase after
    it; 上年同期 and 汛期前 do not."""
    result = report(text)
    assert [f.text for f in result] == found
    assert [u.text for u in result.unread] == [stretch]


@pytest.mark.parametrize(
    ("text", "stretch", "reason"),
    [
        (
            "每年2月30日前报送",
            "每年2月30日",
            "2月30日 does not exist in any year (2月 has at most 29 days)",
        ),
        (
            "每年的4月31日前",
            "每年的4月31日",
            "4月31日 does not exist in any year (4月 has at most 30 days)",
        ),
    ],
)
def test_an_impossible_day_of_every_year(text, stretch, reason):
    """The whole duty is reported (its 每年 was left as a yearly duty with no day), and the reason
    names no year: the day is read in a leap year, and exists in none."""
    result = report(text)
    assert list(result) == []
    assert [(u.text, u.reason) for u in result.unread] == [(stretch, reason)]
