"""Tests for working days on China's official calendar, including 调休."""

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from xiaojie.dates import (
    WorkingDayAnswer,
    add_working_days,
    count_working_days,
    covered_years,
    is_working_day,
)
from xiaojie.errors import CalendarCoverageError, DateValueError


D = dt.date


def days(first, last):
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


# 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号), written out by hand.
HOLIDAYS_2025 = [
    D(2025, 1, 1),  # 元旦
    *days(D(2025, 1, 28), D(2025, 2, 4)),  # 春节
    *days(D(2025, 4, 4), D(2025, 4, 6)),  # 清明节
    *days(D(2025, 5, 1), D(2025, 5, 5)),  # 劳动节
    *days(D(2025, 5, 31), D(2025, 6, 2)),  # 端午节
    *days(D(2025, 10, 1), D(2025, 10, 8)),  # 国庆节、中秋节
]
MAKEUP_2025 = [
    D(2025, 1, 26),  # Sunday, 春节
    D(2025, 2, 8),  # Saturday, 春节
    D(2025, 4, 27),  # Sunday, 劳动节
    D(2025, 9, 28),  # Sunday, 国庆节
    D(2025, 10, 11),  # Saturday, 国庆节
]
# 国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025).
HOLIDAYS_2026 = [
    *days(D(2026, 1, 1), D(2026, 1, 3)),
    *days(D(2026, 2, 15), D(2026, 2, 23)),
    *days(D(2026, 4, 4), D(2026, 4, 6)),
    *days(D(2026, 5, 1), D(2026, 5, 5)),
    *days(D(2026, 6, 19), D(2026, 6, 21)),
    *days(D(2026, 9, 25), D(2026, 9, 27)),
    *days(D(2026, 10, 1), D(2026, 10, 7)),
]
MAKEUP_2026 = [
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
]


def notice_says_working(day, holidays, makeup):
    return day in makeup or (day.weekday() < 5 and day not in holidays)


class TestIsWorkingDay:
    """is_working_day follows the State Council's notice, including 调休."""

    @pytest.mark.parametrize("day", HOLIDAYS_2025 + HOLIDAYS_2026)
    def test_holidays(self, day):
        """Every day of a holiday in the notices is a rest day."""
        assert is_working_day(day) is False

    @pytest.mark.parametrize("day", MAKEUP_2025 + MAKEUP_2026)
    def test_makeup_weekend_days(self, day):
        """Every weekend day the notices turn into a working day (调休) is a working day."""
        assert day.weekday() >= 5

        assert is_working_day(day) is True

    @pytest.mark.parametrize(
        ("year", "holidays", "makeup"),
        [(2025, HOLIDAYS_2025, MAKEUP_2025), (2026, HOLIDAYS_2026, MAKEUP_2026)],
    )
    def test_whole_year_matches_the_notice(self, year, holidays, makeup):
        """Every day of the year is a working day exactly when the notice makes it one."""
        all_days = days(D(year, 1, 1), D(year, 12, 31))

        expected = [notice_says_working(d, holidays, makeup) for d in all_days]

        assert expected == [is_working_day(d) for d in all_days]

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (D(2025, 6, 18), True),  # the plan's date, a Wednesday
            (D(2025, 6, 21), False),  # an ordinary Saturday
            (D(2025, 6, 22), False),  # an ordinary Sunday
            (D(2004, 1, 2), True),  # first covered year
        ],
    )
    def test_ordinary_days(self, day, expected):
        """Ordinary weekdays work and ordinary weekends rest."""
        assert expected == is_working_day(day)

    @pytest.mark.parametrize("day", [D(2003, 12, 31), D(2027, 1, 4), D(2030, 1, 2)])
    def test_uncovered_year_fails_loudly(self, day):
        """A year the data does not cover raises instead of guessing."""
        with pytest.raises(CalendarCoverageError, match=f"covers 2004–2026, not {day.year}"):
            is_working_day(day)

    def test_approximate_in_uncovered_year(self):
        """With approximate=True an uncovered year is judged Monday–Friday and flagged."""
        monday = is_working_day(D(2027, 1, 4), approximate=True)
        saturday = is_working_day(D(2027, 1, 2), approximate=True)

        assert WorkingDayAnswer(True, True, (2027,)) == monday
        assert WorkingDayAnswer(False, True, (2027,)) == saturday

    def test_approximate_in_covered_year_is_exact(self):
        """With approximate=True a covered year still gives the official, unflagged answer."""
        answer = is_working_day(D(2025, 9, 28), approximate=True)

        assert WorkingDayAnswer(True, False, ()) == answer

    def test_answer_is_not_a_truth_value(self):
        """An approximate answer cannot be used in a condition by mistake."""
        answer = is_working_day(D(2027, 1, 2), approximate=True)

        with pytest.raises(DateValueError, match="truth value is ambiguous"):
            bool(answer)

    @pytest.mark.parametrize(
        ("value", "match"),
        [
            (dt.datetime(2025, 6, 18, 9, 30), "day: expected a date, found a datetime"),
            (20250618, "day: expected a date, found int"),
        ],
    )
    def test_rejects_non_dates(self, value, match):
        """A datetime or a number is refused."""
        with pytest.raises(DateValueError, match=match):
            is_working_day(value)

    def test_agrees_with_the_package_everywhere(self):
        """Every covered day is a working day exactly when chinese_calendar says so."""
        years = covered_years()
        all_days = days(D(years.start, 1, 1), D(years.stop - 1, 12, 31))

        expected = [chinese_calendar.is_workday(d) for d in all_days]

        assert expected == [is_working_day(d) for d in all_days]

    def test_covered_years(self):
        """The coverage is that of the installed chinesecalendar data."""
        years = {d.year for d in chinese_calendar.holidays}

        assert range(min(years), max(years) + 1) == covered_years()
        assert 2025 in covered_years()


class TestAddWorkingDays:
    """add_working_days moves by working days, never counting the start day."""

    @pytest.mark.parametrize(
        ("day", "n", "expected"),
        [
            (D(2025, 9, 30), 1, D(2025, 10, 9)),  # over the National Day holiday
            (D(2025, 9, 26), 1, D(2025, 9, 28)),  # Friday → the 调休 Sunday
            (D(2025, 10, 10), 1, D(2025, 10, 11)),  # Friday → the 调休 Saturday
            (D(2025, 1, 24), 1, D(2025, 1, 26)),  # Friday → the 调休 Sunday before 春节
            (D(2025, 1, 27), 1, D(2025, 2, 5)),  # over 春节
            (D(2025, 6, 18), 20, D(2025, 7, 16)),
            (D(2025, 10, 9), -1, D(2025, 9, 30)),
            (D(2025, 10, 5), -1, D(2025, 9, 30)),  # back from inside the holiday
            (D(2025, 10, 4), 0, D(2025, 10, 4)),  # zero returns the day itself
            (D(2025, 12, 31), 1, D(2026, 1, 4)),  # year end → the 调休 Sunday of 2026
        ],
    )
    def test_examples(self, day, n, expected):
        """Known moves across holidays and 调休 days."""
        assert expected == add_working_days(day, n)

    def test_uncovered_year_fails_loudly(self):
        """Crossing into an uncovered year raises unless approximate=True."""
        with pytest.raises(CalendarCoverageError, match="not 2027"):
            add_working_days(D(2026, 12, 30), 3)

    def test_approximate_is_flagged(self):
        """An approximate move that crosses into an uncovered year says so."""
        answer = add_working_days(D(2026, 12, 30), 3, approximate=True)

        assert WorkingDayAnswer(D(2027, 1, 4), True, (2027,)) == answer

    def test_approximate_within_coverage_is_exact(self):
        """An approximate move inside the covered years is exact and unflagged."""
        answer = add_working_days(D(2025, 9, 30), 1, approximate=True)

        assert WorkingDayAnswer(D(2025, 10, 9), False, ()) == answer

    @pytest.mark.parametrize(
        ("n", "match"), [(True, "n expected an integer, found True"), (1.5, "found 1.5")]
    )
    def test_rejects_non_integers(self, n, match):
        """The count must be an integer."""
        with pytest.raises(DateValueError, match=match):
            add_working_days(D(2025, 6, 18), n)

    def test_leaving_the_calendar(self):
        """Moving past the last representable date raises DateValueError."""
        with pytest.raises(DateValueError, match="leave the calendar"):
            add_working_days(D(9999, 12, 30), 5, approximate=True)


class TestCountWorkingDays:
    """count_working_days counts (start, end]: the start day is excluded, the end day included."""

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            (D(2025, 9, 30), D(2025, 10, 9), 1),
            (D(2025, 9, 30), D(2025, 10, 8), 0),
            (D(2025, 6, 18), D(2025, 6, 18), 0),
            (D(2025, 6, 17), D(2025, 6, 18), 1),
            (D(2025, 9, 26), D(2025, 9, 28), 1),  # the 调休 Sunday counts
            # 365 days − 104 weekend days − 18 weekday holidays + 5 调休 days:
            (D(2025, 1, 1), D(2025, 12, 31), 248),
            # 365 days − 104 weekend days − 19 weekday holidays + 6 调休 days:
            (D(2025, 12, 31), D(2026, 12, 31), 248),
        ],
    )
    def test_examples(self, start, end, expected):
        """Known counts across holidays and 调休 days."""
        assert expected == count_working_days(start, end)

    def test_end_before_start(self):
        """An end before the start is refused."""
        with pytest.raises(DateValueError, match="end 2025-06-17 is before start 2025-06-18"):
            count_working_days(D(2025, 6, 18), D(2025, 6, 17))

    def test_uncovered_year_fails_loudly(self):
        """Counting into an uncovered year raises unless approximate=True."""
        with pytest.raises(CalendarCoverageError, match="not 2027"):
            count_working_days(D(2026, 12, 1), D(2027, 1, 31))

    def test_approximate_is_flagged(self):
        """An approximate count that touches an uncovered year says which one."""
        answer = count_working_days(D(2026, 12, 31), D(2027, 1, 8), approximate=True)

        assert WorkingDayAnswer(6, True, (2027,)) == answer


covered_days = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 9, 30))


class TestProperties:
    """Properties of working-day arithmetic on the official calendar."""

    @given(day=covered_days, n=st.integers(0, 60))
    @example(day=D(2024, 2, 29), n=1)
    @example(day=D(2025, 12, 31), n=1)
    @example(day=D(2025, 9, 26), n=1)  # lands on the 调休 Sunday
    @example(day=D(2025, 10, 11), n=0)  # the 调休 Saturday itself
    def test_add_then_count_back(self, day, n):
        """Adding N working days then counting back gives N and never lands on a rest day."""
        reached = add_working_days(day, n)

        assert n == count_working_days(day, reached)
        assert n == 0 or is_working_day(reached)

    @given(day=st.dates(min_value=D(2004, 6, 1), max_value=D(2026, 12, 31)), n=st.integers(1, 60))
    @example(day=D(2025, 10, 12), n=1)  # the day after the 调休 Saturday
    @example(day=D(2024, 3, 1), n=2)
    def test_moving_back(self, day, n):
        """Moving back N working days lands on a working day with N − 1 working days in between."""
        reached = add_working_days(day, -n)

        assert is_working_day(reached)
        assert n - 1 + int(is_working_day(day)) == count_working_days(reached, day)

    @given(
        start=st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 31)),
        length=st.integers(0, 120),
    )
    @example(start=D(2025, 9, 27), length=15)
    def test_count_matches_the_package(self, start, length):
        """The count equals the package's own list of working days in (start, end]."""
        end = min(start + dt.timedelta(days=length), D(2026, 12, 31))

        expected = len(chinese_calendar.get_workdays(start, end)) - int(is_working_day(start))

        assert expected == count_working_days(start, end)

    @given(day=st.dates(min_value=D(2027, 1, 1), max_value=D(2200, 12, 31)), n=st.integers(0, 60))
    @example(day=D(2028, 2, 29), n=5)
    def test_approximate_add_then_count_back(self, day, n):
        """In uncovered years the Monday–Friday estimate is consistent and always flagged."""
        reached = add_working_days(day, n, approximate=True)
        counted = count_working_days(day, reached.value, approximate=True)

        assert n == counted.value
        assert n == 0 or reached.value.weekday() < 5
        assert reached.approximate is (n > 0)
        assert counted.approximate is (n > 0)
