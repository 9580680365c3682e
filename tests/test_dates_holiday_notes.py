"""Due dates moved off rest days: 遇节假日顺延 (postpone) and 遇节假日提前 (advance)."""

import datetime as dt

import attrs
import pytest
from hypothesis import assume, example, given, reject
from hypothesis import strategies as st

from model_strategies import cadences
from xiaojie.dates import (
    Cadence,
    Frequency,
    HolidayShift,
    Period,
    PeriodSeries,
    count_working_days,
    covered_years,
    find_when,
    is_working_day,
    parse_when,
)
from xiaojie.errors import CalendarCoverageError, TimePhraseError


D = dt.date
REF = D(2025, 3, 1)
YEARS = covered_years()
# Days whose shift stays inside the covered years (the longest run of rest days is 9 days).
covered_days = st.dates(D(YEARS.start, 1, 15), D(YEARS.stop - 1, 12, 15))


class TestShiftOfOneDay:
    @given(day=covered_days, shift=st.sampled_from(HolidayShift))
    @example(day=D(2025, 10, 1), shift=HolidayShift.POSTPONE)  # 国庆节 and 中秋节, 1–8 October
    @example(day=D(2025, 9, 28), shift=HolidayShift.ADVANCE)  # a Sunday made a working day
    def test_nearest_working_day_in_its_direction(self, day, shift):
        """The shifted day is a working day; no working day lies between it and the day."""
        moved = shift.apply(day)

        assert is_working_day(moved)
        if is_working_day(day):
            assert moved == day
        elif shift is HolidayShift.POSTPONE:
            assert moved > day
            assert count_working_days(day, moved) == 1
        else:
            assert moved < day
            assert count_working_days(moved, day) == 0
        assert abs((moved - day).days) <= 9
        assert shift.apply(moved) == moved

    def test_holidays_of_the_official_calendar(self):
        """Spring Festival 2026 (15–23 Feb) and its working Saturday 14 Feb, Labour Day 2025."""
        assert HolidayShift.POSTPONE.apply(D(2026, 2, 15)) == D(2026, 2, 24)
        assert HolidayShift.ADVANCE.apply(D(2026, 2, 15)) == D(2026, 2, 14)
        assert HolidayShift.POSTPONE.apply(D(2025, 5, 1)) == D(2025, 5, 6)
        assert HolidayShift.ADVANCE.apply(D(2025, 5, 5)) == D(2025, 4, 30)

    def test_a_year_the_calendar_does_not_cover_raises(self):
        """Rest days of a year without the State Council's notice are not guessed."""
        with pytest.raises(CalendarCoverageError, match=str(YEARS.stop)):
            HolidayShift.POSTPONE.apply(D(YEARS.stop, 10, 1))


class TestCadenceDueDates:
    @given(cadence=cadences(holidays=True), day=covered_days)
    def test_due_date_is_the_plain_due_date_moved(self, cadence, day):
        """With a shift, each due date is the unshifted one moved to a working day."""
        assume(cadence.on_holiday is not None)
        plain = attrs.evolve(cadence, on_holiday=None)
        window = cadence.full_window(day)
        try:
            base = plain.due_in(window)
        except CalendarCoverageError:  # working days counted into an uncovered year
            reject()
        assume(D(YEARS.start, 1, 15) <= base <= D(YEARS.stop - 1, 12, 15))

        due = cadence.due_in(window)

        assert due == cadence.on_holiday.apply(base)
        assert is_working_day(due)
        assert cadence.occurrence(window).end == due
        assert cadence.occurrence(window).start <= due

    @given(
        cadence=cadences(holidays=True),
        start=st.dates(D(2024, 1, 1), D(2025, 6, 30)),
        days=st.integers(0, 400),
    )
    def test_due_dates_stay_in_window_order(self, cadence, start, days):
        """Moving due dates off rest days never reorders the windows' due dates."""
        assume(cadence.on_holiday is not None)
        assume(cadence.due_after_working_days is None or cadence.due_after_working_days < 120)
        windows = cadence.windows(start, min(start + dt.timedelta(days=days), D(2025, 12, 31)))
        try:
            dues = [cadence.due_in(w) for w in windows]
        except CalendarCoverageError:  # an offset of up to a year after 2025 reaches 2027
            reject()

        assert dues == sorted(dues)

    def test_monthly_report_on_the_25th(self):
        """每月25日前（遇节假日顺延） through 2025, by the State Council's 2025 holiday notice.

        Saturday 25 January moves to Sunday 26 January (a make-up working day), Sunday 25 May
        to Monday 26 May, Saturday 25 October to Monday 27 October.
        """
        cadence = parse_when("每月25日前（遇节假日顺延）", reference=REF)
        dues = [cadence.due_in(w) for w in cadence.windows(D(2025, 1, 1), D(2025, 12, 31))]

        moved = {1: D(2025, 1, 26), 5: D(2025, 5, 26), 10: D(2025, 10, 27)}
        assert dues == [moved.get(month, D(2025, month, 25)) for month in range(1, 13)]

    def test_a_due_date_in_an_uncovered_year_raises(self):
        cadence = Cadence(
            frequency=Frequency.YEARLY, due_month=10, due_day=1, on_holiday="postpone"
        )
        with pytest.raises(CalendarCoverageError):
            cadence.due_in(cadence.full_window(D(YEARS.stop, 1, 1)))

    def test_unknown_shift_is_refused_by_name(self):
        with pytest.raises(Exception, match="on_holiday: expected one of postpone, advance"):
            Cadence(frequency=Frequency.MONTHLY, on_holiday="later")

    @given(cadence=cadences(holidays=True))
    def test_describe_reads_back(self, cadence):
        """describe() of a cadence with a shift is a phrase parse_when reads back as it."""
        cadence = attrs.evolve(cadence, text="")
        assume(cadence.start_month is None)  # 每年9月至11月 reads with its own count words

        assert parse_when(cadence.describe(), reference=REF) == cadence


# The notes as plans write them.
POSTPONED = [
    "（遇节假日顺延）",
    "(遇节假日顺延)",
    "，遇节假日顺延",
    "（如遇法定节假日顺延）",
    "（节假日顺延）",
    "（遇节假日则顺延至下一个工作日）",
    "（如遇周末或节假日顺延）",
    "（逢节假日顺延）",
    "（遇法定节假日相应顺延）",
    "（遇周六、周日顺延）",
    "，遇星期六、星期日顺延",
    "（遇周六日顺延）",
]
ADVANCED = ["（遇节假日提前）", "（如遇节假日，提前至节前最后一个工作日）", "，遇节假日提前"]


class TestReading:
    @pytest.mark.parametrize("note", POSTPONED)
    def test_postponing_notes(self, note):
        cadence = parse_when(f"每月25日前{note}", reference=REF)

        assert cadence.on_holiday is HolidayShift.POSTPONE
        assert cadence.due_day == 25

    @pytest.mark.parametrize("note", ADVANCED)
    def test_advancing_notes(self, note):
        assert (
            parse_when(f"每季度末月20日前{note}", reference=REF).on_holiday is HolidayShift.ADVANCE
        )

    def test_note_between_date_and_count(self):
        cadence = parse_when("每月5日前（遇节假日顺延）报送1次", reference=REF)

        assert (cadence.due_day, cadence.on_holiday, cadence.max_count) == (
            5,
            HolidayShift.POSTPONE,
            1,
        )

    def test_a_deadline_moves_now(self):
        """A dated deadline is moved when read: 10月1日 2025 is in the National Day holiday."""
        assert parse_when("2025年10月1日前（遇节假日顺延）", reference=REF) == Period(
            None, D(2025, 10, 9)
        )
        assert parse_when("10月1日（遇节假日提前）", reference=REF) == Period(
            D(2025, 9, 30), D(2025, 9, 30)
        )
        assert parse_when("7月底和10月1日前（遇节假日顺延）", reference=REF) == PeriodSeries(
            [Period(None, D(2025, 7, 31)), Period(None, D(2025, 10, 9))]
        )

    def test_a_window_takes_no_note(self):
        """A month or quarter says what is done, not by when: no date to move."""
        with pytest.raises(TimePhraseError, match="unexpected text"):
            parse_when("2025年10月（遇节假日顺延）", reference=REF)

    def test_a_deadline_in_an_uncovered_year_is_an_error_naming_it(self):
        with pytest.raises(TimePhraseError, match=f"not {YEARS.stop}"):
            parse_when(f"{YEARS.stop}年10月1日前（遇节假日顺延）", reference=REF)

    def test_a_span_takes_no_note(self):
        with pytest.raises(TimePhraseError, match="unexpected text"):
            parse_when("不超过15天（遇节假日顺延）", reference=REF)


class TestFindingInClauses:
    def test_note_at_the_end_of_the_clause_is_a_remark(self):
        text = "各乡镇每月25日前报送上月工作进展情况（遇节假日顺延）。"
        [found] = find_when(text, reference=REF)

        assert found.text == "每月25日前"
        assert found.remark == "（遇节假日顺延）"
        assert text[found.remark_offset :].startswith(found.remark)
        assert found.value.on_holiday is HolidayShift.POSTPONE
        assert parse_when(found.text + found.remark, reference=REF) == found.value

    def test_note_right_after_the_phrase_is_part_of_it(self):
        [found] = find_when("请于次月5日前（遇节假日顺延）报送。", reference=REF)

        assert found.text == "次月5日前（遇节假日顺延）"
        assert not found.remark
        assert found.value.on_holiday is HolidayShift.POSTPONE

    def test_note_belongs_to_the_nearest_phrase_before_it(self):
        first, second = find_when("每月5日前报送，10月1日前完成验收（遇节假日顺延）", reference=REF)

        assert first.value.on_holiday is None
        assert second.value == Period(None, D(2025, 10, 9))

    def test_note_in_another_sentence_does_not_apply(self):
        [found] = find_when("每月25日前报送进展。节假日顺延办理其他事项。", reference=REF)

        assert found.value.on_holiday is None

    def test_uncovered_year_keeps_the_date_and_reports_the_note(self):
        text = f"{YEARS.stop}年10月1日前完成（遇节假日顺延）"
        result = find_when(text, reference=REF)

        assert [f.value for f in result] == [Period(None, D(YEARS.stop, 10, 1))]
        [unread] = result.unread
        assert unread.text == "（遇节假日顺延）"
        assert str(YEARS.stop) in unread.reason
        with pytest.raises(TimePhraseError, match="遇节假日顺延"):
            find_when(text, reference=REF, errors="raise")

    @given(
        lead=st.sampled_from(
            ["每月25日前", "次月10日前", "每周五", "每季度结束后10日内", "9月30日前"]
        ),
        verb=st.sampled_from(["", "报送进展", "报送上月工作进展情况"]),
        note=st.sampled_from(POSTPONED + ADVANCED),
        tail=st.sampled_from(["", "。", "；7月底前完成"]),
    )
    def test_value_is_parse_when_of_text_and_remark(self, lead, verb, note, tail):
        """Every phrase found is what parse_when reads from its text and its remark."""
        text = lead + verb + note + tail
        result = find_when(text, reference=REF)

        first = result[0]
        assert first.offset == 0
        assert parse_when(first.text + first.remark, reference=REF) == first.value
        shift = HolidayShift.ADVANCE if note in ADVANCED else HolidayShift.POSTPONE
        if isinstance(first.value, Cadence):
            assert first.value.on_holiday is shift
        else:
            assert first.value.end == shift.apply(D(2025, 9, 30))
        assert all(not f.remark for f in result[1:])


class TestPlans:
    TEXT = """某县2025年巩固拓展脱贫攻坚成果工作方案

一、重点任务
（一）加强动态监测。
1.按月调度进展。各乡镇每月25日前报送上月工作进展情况（遇节假日顺延）。（牵头单位：县农业农村局）
2.定期报送。每季度结束后10日内报送工作总结，遇节假日提前。（牵头单位：县财政局）
3.组织验收。10月1日前完成验收（遇节假日顺延）。（牵头单位：县财政局）
"""

    def test_parsed_plan_carries_the_shifts(self):
        from xiaojie.parsing import parse_plan

        plan = parse_plan(self.TEXT, reference=REF).plan
        monthly, quarterly = plan.obligations[-2:]
        [milestone] = plan.milestones

        assert monthly.cadence.on_holiday is HolidayShift.POSTPONE
        assert quarterly.cadence.on_holiday is HolidayShift.ADVANCE
        assert "遇节假日" in monthly.cadence.describe()
        # 10 January 2026 is a Saturday: the report is due the Friday before
        assert quarterly.cadence.due_in(quarterly.cadence.full_window(D(2025, 12, 1))) == D(
            2026, 1, 9
        )
        assert milestone.due == D(2025, 10, 9)
        assert "顺延" not in milestone.title

    def test_status_follows_the_moved_date(self):
        """A report due on Saturday 25 October is not overdue until after Monday 27 October."""
        from xiaojie.parsing import parse_plan
        from xiaojie.tracking import State, status

        plan = parse_plan(self.TEXT, reference=REF).plan
        monthly = plan.obligations[-2]

        def state(day):
            entries = [e for e in status(plan, as_of=day).entries if e.item_id == monthly.id]
            october = [e for e in entries if e.due == D(2025, 10, 27)]
            return october[0].state

        assert state(D(2025, 10, 27)) is not State.OVERDUE
        assert state(D(2025, 10, 28)) is State.OVERDUE


class TestNotNotes:
    """Words about holidays that are not a rule for the due date leave it where it is."""

    @pytest.mark.parametrize(
        "text",
        [
            "2025年10月1日前完成排查，节假日提前安排值班人员。",
            "2025年10月1日前完成走访，国庆假期提前部署安全生产工作。",
            "2025年10月1日前完成排查，遇节假日顺延的工作要提前报备",
            "2025年10月1日前完成排查，遇春节假期顺延",  # one holiday, not every rest day
            "2025年10月1日前完成排查，节假日期间提前做好准备",
            "2025年10月1日前报送（遇周日顺延）",  # the note names one day, Sunday, only
            "2025年10月1日前完成，周六、周日提前完成",  # no 遇: what is done, not a note
            "2025年10月1日前完成，星期日提前",
        ],
    )
    def test_deadline_stays(self, text):
        [found] = find_when(text, reference=REF)

        assert found.value == Period(None, D(2025, 10, 1))
        assert not found.remark

    def test_cadence_stays(self):
        [found] = find_when("每月5日前报送数据，春节假期提前做好返乡人员排查。", reference=REF)

        assert found.value.on_holiday is None


class TestWholeNotes:
    @pytest.mark.parametrize(
        ("note", "due"),
        [
            ("（如遇节假日，提前至节前最后一个工作日）", D(2025, 9, 30)),
            ("（遇节假日顺延至下一个工作日）", D(2025, 10, 9)),
            ("（如遇节假日则往后顺延）", D(2025, 10, 9)),
            ("（遇节假日请提前报送）", D(2025, 9, 30)),
        ],
    )
    def test_a_note_is_read_whole_and_nothing_in_it_is_unread(self, note, due):
        result = find_when(f"10月1日前完成验收{note}。", reference=REF)

        [found] = result
        assert found.value == Period(None, due)
        assert found.remark == note
        assert result.unread == ()

    def test_uncovered_year_names_the_cadence_and_the_year(self):
        cadence = parse_when("每月25日前（遇节假日顺延）", reference=REF)
        window = cadence.full_window(D(YEARS.stop, 5, 1))

        with pytest.raises(CalendarCoverageError) as caught:
            cadence.due_in(window)
        message = str(caught.value)
        assert "每月25日前（遇节假日顺延）" in message
        assert f"official working-day calendar of {YEARS.stop}" in message
        assert "approximate" not in message
        assert caught.value.year == YEARS.stop


def test_plan_takes_a_weekend_note_far_from_its_date():
    """The plan parser finds "遇周六、周日顺延" later in the sentence, as find_when does."""
    from xiaojie.parsing import parse_plan

    text = """某县2025年巩固拓展脱贫攻坚成果工作方案

一、重点任务
（一）加强调度。
1.组织验收。10月1日前由各乡镇组织完成本辖区内所有项目的自查验收和资料归档整理工作，遇星期六、星期日顺延。（牵头单位：县财政局）
"""
    [milestone] = parse_plan(text, reference=REF).plan.milestones

    assert milestone.due == D(2025, 10, 9)
    assert "顺延" not in milestone.title


def test_plan_takes_a_note_far_from_its_date():
    """A note at the end of a long sentence still moves the date the parser reads, as find_when does."""
    from xiaojie.parsing import parse_plan

    text = """某县2025年巩固拓展脱贫攻坚成果工作方案

一、重点任务
（一）加强动态监测。
1.组织验收。10月1日前由各乡镇组织完成本辖区内所有项目的自查验收和资料归档整理工作（遇节假日顺延）。（牵头单位：县财政局）
2.按月报送。每月25日前报送上月工作进展情况、存在的主要问题和困难以及下一步工作打算和意见建议（遇节假日顺延）。（牵头单位：县财政局）
3.组织排查。2025年10月1日前完成排查，节假日提前安排值班人员。（牵头单位：县财政局）
"""
    plan = parse_plan(text, reference=REF).plan
    first, third = plan.milestones
    report = plan.obligations[-1]

    assert first.due == D(2025, 10, 9)
    assert "顺延" not in first.title
    assert report.cadence.on_holiday is HolidayShift.POSTPONE
    assert "顺延" not in report.title
    assert third.due == D(2025, 10, 1)


class TestNotesToAnotherMonth:
    """ "遇节假日顺延至下月第一个工作日" moves a date to another month: reported, not applied, and
    its "至下月" is no deadline (it used to be one: the end of the month after the plan's)."""

    @given(
        phrase=st.sampled_from(["每月25日前", "2025年12月31日前", "9月30日前", "每季度末月20日前"]),
        note=st.sampled_from(
            [
                "顺延至下月",
                "顺延至下月第一个工作日",
                "顺延至次月5日",
                "顺延至次年1月",
                "提前至上月末",
            ]
        ),
        bracket=st.booleans(),
    )
    def test_reported_and_the_date_read_as_written(self, phrase, note, bracket):
        written = f"（遇节假日{note}）" if bracket else f"，遇节假日{note}"
        plain = find_when(f"{phrase}报送。", reference=REF)
        result = find_when(f"{phrase}报送{written}。", reference=REF)
        assert [(f.text, f.value) for f in result] == [(f.text, f.value) for f in plain]
        assert [u.text for u in result.unread] == [written.lstrip("，")]
        assert "another month or year" in result.unread[0].reason

    @pytest.mark.parametrize("to", ["下一个工作日", "下个工作日"])
    def test_the_next_working_day_is_still_applied(self, to):
        result = find_when(f"每月25日前报送，遇节假日顺延至{to}", reference=REF)
        assert result.unread == ()
        assert result[0].value.on_holiday is HolidayShift.POSTPONE

    def test_the_note_ends_at_its_day(self):
        """What follows the note is read: "并于12月31日前完成" keeps its deadline."""
        result = find_when(
            "每月5日前报送，遇节假日顺延至下月初并于12月31日前完成全部任务", reference=REF
        )
        assert [f.text for f in result] == ["每月5日前", "12月31日前"]
        assert [u.text for u in result.unread] == ["遇节假日顺延至下月初"]

    def test_a_note_about_one_holiday_is_taken_from_its_shift(self):
        result = find_when("遇春节假期顺延至下月10日前", reference=REF)
        assert list(result) == []
        assert [u.text for u in result.unread] == ["顺延至下月10日前"]

    def test_a_day_of_the_same_week_is_no_other_month(self):
        result = find_when("每周五前报送，遇节假日提前至本周四", reference=REF)
        assert [f.text for f in result] == ["每周五前"]
        assert result.unread == ()


_PIECES = [
    "每月10日前报送",
    "（遇节假日提前至节前最后一个工作日）",
    "遇节假日提前至节前最后一个工作日",
    "9月30日前完成",
    "，遇节假日顺延",
    "遇节假日顺延至下月第一个工作日",
    "开展2月30日专项行动",
    "汛期前完成",
    "每季度末月25日前",
    "。",
    "，",
    "2026年元旦春节期间",
    "12月至春节后",
]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6))
def test_raise_mode_raises_for_the_first_stretch_report_mode_leaves(pieces):
    """errors="raise" raises exactly when the report lists a stretch, for its first one.

    It used to raise on the words of a holiday note ("提前至节前最后一个工作日") that the
    report leaves out, before the note was read."""
    text = "".join(pieces)
    reported = find_when(text, reference=REF)
    if not reported.unread:
        assert find_when(text, reference=REF, errors="raise") == reported
        return
    first = reported.unread[0]
    with pytest.raises(TimePhraseError) as raised:
        find_when(text, reference=REF, errors="raise")
    assert raised.value.phrase == first.text
    assert raised.value.reason == f"{first.reason} (at offset {first.offset})"


@pytest.mark.parametrize(
    "text",
    [
        "每月10日前报送（遇节假日提前至节前最后一个工作日）",
        "9月30日前完成，遇节假日提前至节前最后一个工作日",
    ],
)
def test_raise_mode_reads_an_earlier_working_day_note(text):
    [found] = find_when(text, reference=REF, errors="raise")
    assert found.remark.strip("（），") == "遇节假日提前至节前最后一个工作日"
