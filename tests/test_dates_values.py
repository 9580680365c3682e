"""Tests for the time values: Period, Cadence, Span, Comparator and as_date."""

import datetime as dt
import itertools

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from xiaojie.dates import (
    Cadence,
    Comparator,
    Frequency,
    Period,
    Span,
    SpanUnit,
    as_date,
)
from xiaojie.errors import DateValueError


D = dt.date


class TestAsDate:
    """as_date accepts dates and ISO strings and refuses everything else."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (D(2025, 6, 18), D(2025, 6, 18)),
            ("2025-06-18", D(2025, 6, 18)),
            (" 2024-02-29 ", D(2024, 2, 29)),
        ],
    )
    def test_accepts(self, value, expected):
        """Dates pass through and ISO strings are read."""
        assert expected == as_date(value)

    @pytest.mark.parametrize(
        ("value", "match"),
        [
            (
                dt.datetime(2025, 6, 18, 0, 0),
                "due: expected a date, found a datetime '2025-06-18T00:00:00'",
            ),
            ("2025-02-29", "due: expected a real calendar date YYYY-MM-DD, found '2025-02-29'"),
            ("6月18日", "due: expected a real calendar date"),
            (20250618, "due: expected a date, found int 20250618"),
            (None, "due: expected a date, found NoneType None"),
        ],
    )
    def test_rejects(self, value, match):
        """Datetimes, impossible dates and other types raise DateValueError naming the field."""
        with pytest.raises(DateValueError, match=match):
            as_date(value, field="due")

    @given(st.datetimes())
    @example(dt.datetime(2024, 2, 29))
    @example(dt.datetime(2025, 12, 31, 23, 59))
    def test_rejects_every_datetime(self, moment):
        """No datetime is ever taken for a date, midnight included."""
        with pytest.raises(DateValueError, match="found a datetime"):
            as_date(moment)


class TestPeriod:
    """Period is a closed interval of dates; either bound may be open."""

    def test_window(self):
        """A window knows its due date, its length with both ends counted and what it contains."""
        period = Period(D(2025, 7, 11), D(2025, 7, 20), text="7月中旬")

        assert D(2025, 7, 20) == period.due
        assert 10 == period.days
        assert period.is_deadline is False
        assert D(2025, 7, 11) in period
        assert D(2025, 7, 20) in period
        assert D(2025, 7, 21) not in period
        assert D(2025, 7, 10) not in period

    def test_deadline(self):
        """A deadline has an open start, no length and contains every earlier day."""
        period = Period(None, D(2025, 9, 10))

        assert period.is_deadline is True
        assert period.days is None
        assert D(1900, 1, 1) in period
        assert D(2025, 9, 11) not in period

    def test_open_end(self):
        """A period with an open end contains every later day."""
        period = Period(D(2026, 1, 1), None)

        assert period.due is None
        assert period.is_deadline is False
        assert D(2099, 1, 1) in period
        assert D(2025, 12, 31) not in period

    def test_contains_only_dates(self):
        """Datetimes and other objects are never inside a period."""
        period = Period(D(2025, 1, 1), D(2025, 12, 31))

        assert dt.datetime(2025, 6, 18) not in period
        assert "2025-06-18" not in period

    def test_converts_iso_strings(self):
        """ISO strings are accepted as bounds."""
        assert Period(D(2025, 6, 1), D(2025, 6, 30)) == Period("2025-06-01", "2025-06-30")

    def test_text_and_offset_are_not_compared(self):
        """Two periods with the same dates are equal whatever their wording."""
        a = Period(None, D(2025, 6, 30), text="6月底前", offset=3)
        b = Period(None, D(2025, 6, 30), text="6月30日前")

        assert a == b
        assert hash(a) == hash(b)

    @pytest.mark.parametrize(
        ("start", "end", "match"),
        [
            (None, None, "expected at least one bound, found neither"),
            (D(2025, 7, 2), D(2025, 7, 1), "end 2025-07-01 is before start 2025-07-02"),
            (dt.datetime(2025, 7, 1), None, "found a datetime"),
            ("2025-02-30", None, "expected a real calendar date"),
        ],
    )
    def test_rejects(self, start, end, match):
        """Open on both sides, reversed or non-date bounds are refused."""
        with pytest.raises(DateValueError, match=match):
            Period(start, end)

    @pytest.mark.parametrize(
        ("period", "expected"),
        [
            (Period(None, D(2025, 9, 10)), "2025年9月10日前"),
            (Period(D(2026, 1, 1), None), "2026年1月1日起"),
            (Period(D(2025, 6, 18), D(2025, 6, 18)), "2025年6月18日"),
            (Period(D(2025, 6, 11), D(2025, 9, 30)), "2025年6月11日至2025年9月30日"),
        ],
    )
    def test_canonical(self, period, expected):
        """The canonical text is unambiguous and names full dates."""
        assert expected == period.canonical()

    def test_str(self):
        """A period prints its text, or its canonical form when it has none."""
        assert "7月中旬" == str(Period(D(2025, 7, 11), D(2025, 7, 20), text="7月中旬"))
        assert "2025年7月20日前" == str(Period(None, D(2025, 7, 20)))

    @given(st.dates(), st.dates())
    def test_start_never_after_end(self, a, b):
        """Every constructed period has start ≤ end, and a reversed pair is refused."""
        if b < a:
            with pytest.raises(DateValueError, match="is before start"):
                Period(a, b)
            return

        period = Period(a, b)

        assert period.start <= period.end
        assert (b - a).days + 1 == period.days


class TestComparator:
    """Comparator says whether a bound is included (民法典 第一千二百五十九条)."""

    @pytest.mark.parametrize(
        ("comparator", "value", "bound", "expected"),
        [
            (Comparator.AT_LEAST, 95, 95, True),
            (Comparator.AT_LEAST, 94.9, 95, False),
            (Comparator.MORE_THAN, 60, 60, False),
            (Comparator.MORE_THAN, 60.1, 60, True),
            (Comparator.AT_MOST, 15, 15, True),
            (Comparator.AT_MOST, 16, 15, False),
            (Comparator.LESS_THAN, 15, 15, False),
            (Comparator.LESS_THAN, 14, 15, True),
            (Comparator.EQUAL, 0, 0, True),
            (Comparator.EQUAL, 1, 0, False),
        ],
    )
    def test_holds(self, comparator, value, bound, expected):
        """Inclusive comparators accept the bound, exclusive ones do not."""
        assert expected == comparator.holds(value, bound)

    @pytest.mark.parametrize(
        ("comparator", "expected"),
        [
            (Comparator.AT_LEAST, True),
            (Comparator.AT_MOST, True),
            (Comparator.EQUAL, True),
            (Comparator.MORE_THAN, False),
            (Comparator.LESS_THAN, False),
        ],
    )
    def test_inclusive(self, comparator, expected):
        """inclusive is true exactly for the comparators that accept their bound."""
        assert expected == comparator.inclusive

    @pytest.mark.parametrize(
        ("word", "expected"),
        [
            ("以上", Comparator.AT_LEAST),
            ("不少于", Comparator.AT_LEAST),
            ("不低于", Comparator.AT_LEAST),
            ("达到", Comparator.AT_LEAST),
            ("至少", Comparator.AT_LEAST),
            ("以下", Comparator.AT_MOST),
            ("以内", Comparator.AT_MOST),
            ("内", Comparator.AT_MOST),
            ("不超过", Comparator.AT_MOST),
            ("不高于", Comparator.AT_MOST),
            ("不多于", Comparator.AT_MOST),
            ("高于", Comparator.MORE_THAN),
            ("超过", Comparator.MORE_THAN),
            ("多于", Comparator.MORE_THAN),
            ("大于", Comparator.MORE_THAN),
            ("低于", Comparator.LESS_THAN),
            ("少于", Comparator.LESS_THAN),
            ("小于", Comparator.LESS_THAN),
            ("不满", Comparator.LESS_THAN),
            ("等于", Comparator.EQUAL),
        ],
    )
    def test_from_word(self, word, expected):
        """Each Chinese bound word maps to the comparator TIME.md gives it."""
        assert expected is Comparator.from_word(word)

    def test_from_unknown_word(self):
        """An unknown word is refused with the list of known ones."""
        with pytest.raises(DateValueError, match=r"expected one of 以上、.*found '左右'"):
            Comparator.from_word("左右")


class TestFrequency:
    """Frequency knows its window length and its Chinese word."""

    @pytest.mark.parametrize(
        ("frequency", "months", "label"),
        [
            (Frequency.WEEKLY, 0, "每周"),
            (Frequency.MONTHLY, 1, "每月"),
            (Frequency.QUARTERLY, 3, "每季度"),
            (Frequency.HALF_YEARLY, 6, "每半年"),
            (Frequency.YEARLY, 12, "每年"),
        ],
    )
    def test_months_and_label(self, frequency, months, label):
        """Each frequency has its window in months and its word."""
        assert (months, label) == (frequency.months, frequency.label)


class TestCadence:
    """Cadence is a calendar-aligned recurrence with a count per window."""

    def test_quarterly_windows_are_clipped(self):
        """Quarterly windows are calendar quarters clipped to the asked range."""
        cadence = Cadence(frequency=Frequency.QUARTERLY)

        windows = cadence.windows(D(2025, 6, 18), D(2025, 12, 31))

        assert [
            Period(D(2025, 6, 18), D(2025, 6, 30)),
            Period(D(2025, 7, 1), D(2025, 9, 30)),
            Period(D(2025, 10, 1), D(2025, 12, 31)),
        ] == list(windows)

    def test_weekly_windows_start_on_monday(self):
        """Weekly windows are Monday–Sunday calendar weeks."""
        cadence = Cadence(frequency=Frequency.WEEKLY, min_count=1, max_count=2)

        windows = cadence.windows(D(2025, 6, 18), D(2025, 6, 30))

        assert [
            Period(D(2025, 6, 18), D(2025, 6, 22)),
            Period(D(2025, 6, 23), D(2025, 6, 29)),
            Period(D(2025, 6, 30), D(2025, 6, 30)),
        ] == list(windows)

    def test_half_yearly_and_yearly_windows(self):
        """Half-years split at 1 July and years at 1 January."""
        half = Cadence(frequency=Frequency.HALF_YEARLY).windows(D(2025, 3, 1), D(2026, 2, 1))
        year = Cadence(frequency=Frequency.YEARLY).windows(D(2025, 3, 1), D(2026, 2, 1))

        assert [D(2025, 3, 1), D(2025, 7, 1), D(2026, 1, 1)] == [w.start for w in half]
        assert [D(2025, 12, 31), D(2026, 2, 1)] == [w.end for w in year]

    def test_windows_reject_reversed_range(self):
        """Asking for windows of a reversed range is refused."""
        with pytest.raises(DateValueError, match="end 2025-01-01 is before start 2025-02-01"):
            Cadence(frequency=Frequency.MONTHLY).windows(D(2025, 2, 1), D(2025, 1, 1))

    def test_full_window(self):
        """The full window of a day is its whole calendar unit."""
        cadence = Cadence(frequency=Frequency.MONTHLY)

        assert Period(D(2024, 2, 1), D(2024, 2, 29)) == cadence.full_window(D(2024, 2, 10))

    @pytest.mark.parametrize(
        ("due_day", "window", "expected"),
        [
            (None, Period(D(2025, 7, 1), D(2025, 9, 30)), D(2025, 9, 30)),
            (28, Period(D(2025, 6, 1), D(2025, 6, 30)), D(2025, 6, 28)),
            (31, Period(D(2025, 2, 1), D(2025, 2, 28)), D(2025, 2, 28)),  # clamped
            (30, Period(D(2024, 2, 1), D(2024, 2, 29)), D(2024, 2, 29)),
            (28, Period(D(2025, 6, 1), D(2025, 6, 18)), D(2025, 6, 18)),  # clipped window
        ],
    )
    def test_due_in(self, due_day, window, expected):
        """The due day falls in the window's last month, clamped and never after the window."""
        cadence = Cadence(frequency=Frequency.MONTHLY, due_day=due_day)

        assert expected == cadence.due_in(window)

    @pytest.mark.parametrize(
        ("cadence", "expected"),
        [
            (Cadence(frequency=Frequency.MONTHLY, min_count=1, max_count=1), "每月1次"),
            (Cadence(frequency=Frequency.QUARTERLY, min_count=1), "每季度至少1次"),
            (Cadence(frequency=Frequency.WEEKLY, min_count=1, max_count=2), "每周1—2次"),
            (Cadence(frequency=Frequency.MONTHLY, due_day=28), "每月28日前至少1次"),
            (Cadence(frequency=Frequency.YEARLY, text="每年开展一次"), "每年开展一次"),
        ],
    )
    def test_describe(self, cadence, expected):
        """A cadence describes itself in the plan's words, or by its text when it has one."""
        assert expected == cadence.describe()

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"min_count": 0}, "min_count expected at least 1, found 0"),
            ({"min_count": True}, "min_count expected an integer, found True"),
            ({"min_count": 2, "max_count": 1}, "max_count 1 is below min_count 2"),
            ({"due_day": 32}, "due_day expected 1-31, found 32"),
            ({"frequency": Frequency.WEEKLY, "due_day": 5}, "due_day expected only for monthly"),
            (
                {"frequency": "daily"},
                "cadence frequency: expected one of weekly, monthly.*found 'daily'",
            ),
        ],
    )
    def test_rejects(self, kwargs, match):
        """Impossible counts and due days are refused."""
        arguments = {"frequency": Frequency.MONTHLY, **kwargs}

        with pytest.raises(DateValueError, match=match):
            Cadence(**arguments)

    @given(
        frequency=st.sampled_from(Frequency),
        start=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
        length=st.integers(0, 1200),
    )
    @example(frequency=Frequency.MONTHLY, start=D(2024, 2, 29), length=1)
    @example(frequency=Frequency.QUARTERLY, start=D(2025, 12, 31), length=0)
    @example(frequency=Frequency.WEEKLY, start=D(2025, 9, 28), length=13)  # 调休 Sunday
    def test_windows_tile_the_range(self, frequency, start, length):
        """Windows are finite, sorted, inside the range and cover it without gaps or overlaps."""
        end = start + dt.timedelta(days=length)

        windows = Cadence(frequency=frequency).windows(start, end)

        assert start == windows[0].start
        assert end == windows[-1].end
        for a, b in itertools.pairwise(windows):
            assert a.end + dt.timedelta(days=1) == b.start
        for w in windows:
            assert start <= w.start <= w.end <= end
            full = Cadence(frequency=frequency).full_window(w.start)
            assert full.start <= w.start
            assert w.end <= full.end
        assert sum(w.days for w in windows) == length + 1


class TestSpan:
    """Span is a bounded length with calendar months and years."""

    @pytest.mark.parametrize(
        ("span", "anchor", "expected"),
        [
            (Span(amount=15, unit=SpanUnit.DAYS, comparator="<="), D(2025, 6, 1), D(2025, 6, 16)),
            (Span(amount=2, unit=SpanUnit.WEEKS, comparator="<="), D(2025, 6, 1), D(2025, 6, 15)),
            (Span(amount=6, unit=SpanUnit.MONTHS, comparator=">="), D(2025, 8, 31), D(2026, 2, 28)),
            (Span(amount=1, unit=SpanUnit.MONTHS, comparator=">="), D(2025, 1, 31), D(2025, 2, 28)),
            (Span(amount=1, unit=SpanUnit.YEARS, comparator=">="), D(2024, 2, 29), D(2025, 2, 28)),
            (Span(amount=4, unit=SpanUnit.YEARS, comparator=">="), D(2024, 2, 29), D(2028, 2, 29)),
        ],
    )
    def test_threshold(self, span, anchor, expected):
        """Thresholds add calendar lengths and clamp to the end of a month."""
        assert expected == span.threshold(anchor)

    def test_working_days_need_the_calendar(self):
        """A working-day span refuses calendar arithmetic and points to the working-day functions."""
        span = Span(amount=20, unit=SpanUnit.WORKING_DAYS, comparator=Comparator.AT_MOST)

        with pytest.raises(DateValueError, match="working-day spans need the working-day calendar"):
            span.threshold(D(2025, 6, 18))

    @pytest.mark.parametrize(
        ("comparator", "end", "expected"),
        [
            (Comparator.AT_MOST, D(2025, 6, 16), True),
            (Comparator.AT_MOST, D(2025, 6, 17), False),
            (Comparator.LESS_THAN, D(2025, 6, 15), True),
            (Comparator.LESS_THAN, D(2025, 6, 16), False),
            (Comparator.AT_LEAST, D(2025, 6, 16), True),
            (Comparator.AT_LEAST, D(2025, 6, 15), False),
            (Comparator.MORE_THAN, D(2025, 6, 16), False),
            (Comparator.MORE_THAN, D(2025, 6, 17), True),
            (Comparator.EQUAL, D(2025, 6, 16), True),
            (Comparator.EQUAL, D(2025, 6, 17), False),
        ],
    )
    def test_satisfied(self, comparator, end, expected):
        """Each comparator includes or excludes the threshold day as TIME.md says."""
        span = Span(amount=15, unit=SpanUnit.DAYS, comparator=comparator)

        assert expected == span.satisfied(D(2025, 6, 1), end)

    @pytest.mark.parametrize(
        ("span", "expected"),
        [
            (Span(amount=15, unit=SpanUnit.DAYS, comparator="<="), "不超过15天"),
            (Span(amount=1, unit=SpanUnit.YEARS, comparator=">="), "1年以上"),
            (Span(amount=6, unit=SpanUnit.MONTHS, comparator=">="), "6个月以上"),
            (Span(amount=30, unit=SpanUnit.DAYS, comparator=">"), "超过30天"),
            (Span(amount=3, unit=SpanUnit.WORKING_DAYS, comparator="<"), "不满3个工作日"),
            (Span(amount=2, unit=SpanUnit.WEEKS, comparator="=="), "2周"),
            (Span(amount=15, unit=SpanUnit.DAYS, comparator="<=", text="15日内"), "15日内"),
        ],
    )
    def test_describe(self, span, expected):
        """A span describes itself in the plan's words, or by its text when it has one."""
        assert expected == span.describe()

    @pytest.mark.parametrize("amount", [0, -1, True, 1.5])
    def test_rejects_bad_amount(self, amount):
        """The amount must be a positive integer."""
        with pytest.raises(DateValueError, match="amount expected a positive integer"):
            Span(amount=amount, unit=SpanUnit.DAYS, comparator=Comparator.AT_MOST)

    @given(
        anchor=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
        months=st.integers(1, 120),
    )
    @example(anchor=D(2024, 2, 29), months=12)
    @example(anchor=D(2025, 12, 31), months=2)
    @example(anchor=D(2025, 1, 31), months=1)
    def test_months_clamp_to_month_end(self, anchor, months):
        """Adding months keeps the day when it exists and clamps to the month's last day otherwise."""
        span = Span(amount=months, unit=SpanUnit.MONTHS, comparator=Comparator.AT_LEAST)

        reached = span.threshold(anchor)

        total = anchor.year * 12 + anchor.month - 1 + months
        assert (total // 12, total % 12 + 1) == (reached.year, reached.month)
        next_month = reached.replace(day=1) + relativedelta(months=1)
        last_day = (next_month - dt.timedelta(days=1)).day
        assert min(anchor.day, last_day) == reached.day

    @given(anchor=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
    @example(anchor=D(2024, 2, 29))
    @example(anchor=D(2024, 8, 1))
    @example(anchor=D(2025, 12, 31))
    def test_one_year_or_more_includes_exactly_one_year(self, anchor):
        """ "1年以上" is met on the anniversary (clamped) and not the day before."""
        span = Span(amount=1, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)
        anniversary = anchor + relativedelta(years=1)

        assert span.satisfied(anchor, anniversary) is True
        assert span.satisfied(anchor, anniversary - dt.timedelta(days=1)) is False
        assert span.threshold(anchor) == anniversary
