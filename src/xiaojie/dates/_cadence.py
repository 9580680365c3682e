"""Recurrences aligned to the calendar: :class:`Frequency` and :class:`Cadence`.

A cadence (每月, 每季度 …) repeats in calendar weeks (Monday to Sunday), months, quarters,
half-years or years, with a minimum and optional maximum count per window, and optionally a rule
for when in (or after) each window the occurrence is due.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs
from dateutil.relativedelta import relativedelta

from xiaojie.dates._values import Period, _member, as_date
from xiaojie.errors import CalendarCoverageError, DateValueError


__all__ = ["Cadence", "Frequency", "HolidayShift"]


def _frequency(value: object) -> Frequency:
    result: Frequency = _member(Frequency, "cadence frequency", value)
    return result


def _shift(value: object) -> HolidayShift | None:
    if value is None:
        return None
    result: HolidayShift = _member(HolidayShift, "cadence on_holiday", value)
    return result


class Frequency(enum.StrEnum):
    """The calendar unit a cadence repeats in."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        """Length of one window in months (0 for weeks)."""
        return {
            Frequency.WEEKLY: 0,
            Frequency.MONTHLY: 1,
            Frequency.QUARTERLY: 3,
            Frequency.HALF_YEARLY: 6,
            Frequency.YEARLY: 12,
        }[self]

    @property
    def label(self) -> str:
        """The Chinese word for the cadence (每月, 每季度 …)."""
        return {
            Frequency.WEEKLY: "每周",
            Frequency.MONTHLY: "每月",
            Frequency.QUARTERLY: "每季度",
            Frequency.HALF_YEARLY: "每半年",
            Frequency.YEARLY: "每年",
        }[self]


class HolidayShift(enum.StrEnum):
    """What happens to a due date that falls on a rest day of the official calendar.

    ``POSTPONE`` is "遇节假日顺延": the next working day; ``ADVANCE`` is "遇节假日提前": the
    working day before. Rest days are weekends and public holidays, and a weekend day turned
    into a working day (调休上班) is a working day.
    """

    POSTPONE = "postpone"
    ADVANCE = "advance"

    @property
    def label(self) -> str:
        """The plan's words: 遇节假日顺延 or 遇节假日提前."""
        return "遇节假日顺延" if self is HolidayShift.POSTPONE else "遇节假日提前"

    def apply(self, day: dt.date) -> dt.date:
        """Return ``day`` if it is a working day, else the next (or previous) working day.

        Raises
        ------
        CalendarCoverageError
            If a day looked at lies in a year the official calendar does not cover.

        Examples
        --------
        >>> import datetime as dt
        >>> HolidayShift.POSTPONE.apply(dt.date(2025, 10, 1))   # 国庆节: to Thursday 9 October
        datetime.date(2025, 10, 9)
        >>> HolidayShift.ADVANCE.apply(dt.date(2025, 10, 1))
        datetime.date(2025, 9, 30)
        >>> HolidayShift.POSTPONE.apply(dt.date(2025, 9, 28))   # a Sunday made a working day
        datetime.date(2025, 9, 28)
        """
        from xiaojie.dates._workdays import add_working_days, is_working_day  # noqa: PLC0415

        if is_working_day(day):
            return day
        return add_working_days(day, 1 if self is HolidayShift.POSTPONE else -1)


def _window_start(frequency: Frequency, day: dt.date) -> dt.date:
    if frequency is Frequency.WEEKLY:
        return day - dt.timedelta(days=day.weekday())
    months = frequency.months
    first_month = ((day.month - 1) // months) * months + 1
    return dt.date(day.year, first_month, 1)


def _next_window_start(frequency: Frequency, start: dt.date) -> dt.date | None:
    """Return the start of the window after the one starting ``start`` (None after year 9999)."""
    try:
        if frequency is Frequency.WEEKLY:
            return start + dt.timedelta(days=7)
        result: dt.date = start + relativedelta(months=frequency.months)
    except (OverflowError, ValueError):
        return None
    return result


def _window_end(frequency: Frequency, start: dt.date) -> dt.date:
    """Return the last day of the window starting ``start`` (9999-12-31 at the latest)."""
    following = _next_window_start(frequency, start)
    return dt.date.max if following is None else following - dt.timedelta(days=1)


@attrs.frozen(kw_only=True, repr=False)
class Cadence:
    """A calendar-aligned recurrence with a count per window: 每月1次, 每季度至少1次, 每周1—2次.

    A recurring duty may also say when in each window it is due. At most one of these is set:

    * ``due_day`` alone: that day of the window's last month ("每月28日前");
    * ``due_month`` (with ``due_day`` or the month's end): that month of the window, counted from
      1 ("每年12月底前" is month 12 of the year, "每季度首月10日前" month 1 of the quarter);
    * ``due_next_month`` (with ``due_day`` or the month's end): the month after the window
      ("次月5日前", "每季度结束后次月10日前");
    * ``weekday``: that day of each Monday–Sunday week, 1 for Monday to 7 for Sunday ("每周三");
    * ``due_after_days`` or ``due_after_working_days``: N calendar or working days after the
      window ends ("每季度结束后10日内", "每月结束后5个工作日内"). Working days follow the
      official calendar with 调休.

    Whichever rule gives the due date, ``on_holiday`` may move it off a rest day:
    :attr:`HolidayShift.POSTPONE` ("遇节假日顺延") to the next working day, possibly after the
    window's end, :attr:`HolidayShift.ADVANCE` ("遇节假日提前") to the working day before.

    A yearly duty may also start inside its year: ``start_month`` (and ``start_day``) give the
    first day of each occurrence ("每年9月至11月" starts on 1 September, due on 30 November).

    Parameters
    ----------
    frequency
        The window: a calendar week (Monday–Sunday), month, quarter, half-year or year.
    min_count
        The least number of occurrences each window needs (at least 1).
    max_count
        The most allowed (``None`` for no upper bound); never below ``min_count``.
    due_day
        The day of the due month (1–31, clamped to the month's length); ``None`` for its end.
    due_month
        The month of the window the occurrence is due in, counted from 1.
    due_next_month
        Whether the occurrence is due in the month after the window.
    weekday
        The day of the week (1 Monday … 7 Sunday) of a weekly occurrence.
    due_after_days, due_after_working_days
        The number of calendar or working days after the window's end by which it is due.
    start_month, start_day
        For a yearly cadence, the first day of each occurrence inside its year.
    on_holiday
        What happens to a due date on a rest day (``None``: nothing; the date stands).
    text
        The phrase the cadence came from (not part of equality).

    Raises
    ------
    DateValueError
        If a count is below 1 or inverted, a day or month is out of range, a field does not fit
        the frequency, or more than one way of being due is given.

    Examples
    --------
    >>> import datetime as dt
    >>> c = Cadence(frequency=Frequency.QUARTERLY, min_count=1, text="每季度至少1次")
    >>> [str(w) for w in c.windows(dt.date(2025, 6, 18), dt.date(2025, 12, 31))]
    ['2025年6月18日至2025年6月30日', '2025年7月1日至2025年9月30日', '2025年10月1日至2025年12月31日']
    >>> yearly = Cadence(frequency=Frequency.YEARLY, due_month=1, due_day=15)
    >>> yearly.due_in(yearly.full_window(dt.date(2025, 6, 18)))
    datetime.date(2025, 1, 15)
    >>> quarterly = Cadence(frequency=Frequency.QUARTERLY, due_after_working_days=10)
    >>> quarterly.due_in(quarterly.full_window(dt.date(2025, 8, 1)))
    datetime.date(2025, 10, 21)
    >>> Cadence(frequency=Frequency.WEEKLY, min_count=2, max_count=1)
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: cadence '': max_count 1 is below min_count 2

    .. versionadded:: 0.1.0
    """

    frequency: Frequency = attrs.field(converter=_frequency)
    min_count: int = 1
    max_count: int | None = None
    due_day: int | None = None
    due_month: int | None = None
    due_next_month: bool = False
    weekday: int | None = None
    due_after_days: int | None = None
    due_after_working_days: int | None = None
    start_month: int | None = None
    start_day: int | None = None
    on_holiday: HolidayShift | None = attrs.field(default=None, converter=_shift)
    text: str = attrs.field(default="", eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        label = f"cadence {self.text!r}"
        if isinstance(self.min_count, bool) or not isinstance(self.min_count, int):
            msg = f"{label}: min_count expected an integer, found {self.min_count!r}"
            raise DateValueError(msg)
        if self.min_count < 1:
            msg = f"{label}: min_count expected at least 1, found {self.min_count}"
            raise DateValueError(msg)
        if self.max_count is not None and self.max_count < self.min_count:
            msg = f"{label}: max_count {self.max_count} is below min_count {self.min_count}"
            raise DateValueError(msg)
        weekly = self.frequency is Frequency.WEEKLY
        _check_int(label, "due_day", self.due_day, 1, 31)
        if self.due_day is not None and weekly:
            msg = f"{label}: due_day expected only for monthly or longer cadences"
            raise DateValueError(msg)
        _check_int(label, "due_month", self.due_month, 1, max(self.frequency.months, 1))
        if self.due_month is not None and self.frequency.months < 2:
            msg = f"{label}: due_month expected only for quarterly or longer cadences"
            raise DateValueError(msg)
        if self.due_next_month and weekly:
            msg = f"{label}: due_next_month expected only for monthly or longer cadences"
            raise DateValueError(msg)
        _check_int(label, "weekday", self.weekday, 1, 7)
        if self.weekday is not None and not weekly:
            msg = f"{label}: weekday expected only for weekly cadences"
            raise DateValueError(msg)
        _check_int(label, "due_after_days", self.due_after_days, 1, 366)
        _check_int(label, "due_after_working_days", self.due_after_working_days, 1, 250)
        _check_int(label, "start_month", self.start_month, 1, 12)
        _check_int(label, "start_day", self.start_day, 1, 31)
        if (self.start_month is not None or self.start_day is not None) and (
            self.frequency is not Frequency.YEARLY or self.start_month is None
        ):
            msg = f"{label}: start_month (and start_day) expected only for yearly cadences"
            raise DateValueError(msg)
        self._check_season(label)
        ways = [
            self.due_month is not None,
            self.due_next_month,
            self.weekday is not None,
            self.due_after_days is not None,
            self.due_after_working_days is not None,
        ]
        if sum(ways) > 1:
            msg = f"{label}: expected at most one way of being due, found {sum(ways)}"
            raise DateValueError(msg)
        if self.due_day is not None and any(ways[2:]):
            msg = f"{label}: due_day does not combine with a weekday or an offset"
            raise DateValueError(msg)

    def __repr__(self) -> str:
        parts = [
            f"frequency={self.frequency!r}",
            f"min_count={self.min_count!r}",
            f"max_count={self.max_count!r}",
            f"due_day={self.due_day!r}",
        ]
        defaults: dict[str, object] = {"due_next_month": False}
        for name in _RULE_FIELDS:
            value = getattr(self, name)
            if value != defaults.get(name):
                parts.append(f"{name}={value!r}")
        return f"Cadence({', '.join(parts)})"

    def _check_season(self, label: str) -> None:
        if self.frequency is not Frequency.YEARLY or self.due_month is None:
            return
        if self.due_day is not None and self.due_day > _LONGEST[self.due_month]:
            msg = f"{label}: {self.due_month}月{self.due_day}日 does not exist in any year"
            raise DateValueError(msg)
        if self.start_month is None:
            return
        if self.start_day is not None and self.start_day > _LONGEST[self.start_month]:
            msg = f"{label}: {self.start_month}月{self.start_day}日 does not exist in any year"
            raise DateValueError(msg)
        first = (self.start_month, self.start_day or 1)
        due = (self.due_month, self.due_day or 31)
        if first > due:
            msg = f"{label}: the occurrence starts ({first[0]}月{first[1]}日) after it is due"
            raise DateValueError(msg)

    def windows(self, start: dt.date, end: dt.date) -> tuple[Period, ...]:
        """Return the cadence's windows that meet ``[start, end]``, clipped to it.

        The windows are sorted, lie inside ``[start, end]`` and cover it without gaps or overlaps.

        Raises
        ------
        DateValueError
            If ``end`` is before ``start``.
        """
        start = as_date(start, field="start")
        end = as_date(end, field="end")
        if end < start:
            msg = f"cadence windows: end {end} is before start {start}"
            raise DateValueError(msg)
        result: list[Period] = []
        cursor = _window_start(self.frequency, start)
        while True:
            last = _window_end(self.frequency, cursor)
            result.append(Period(max(cursor, start), min(last, end)))
            if last >= end:
                break
            cursor = last + dt.timedelta(days=1)
        return tuple(result)

    def full_window(self, day: dt.date) -> Period:
        """Return the whole (unclipped) calendar window that contains ``day``."""
        first = _window_start(self.frequency, day)
        return Period(first, _window_end(self.frequency, first))

    def due_in(self, window: Period) -> dt.date:
        """Return the day by which the occurrence of ``window`` is due.

        With only ``due_day`` set, that day of the month the window ends in (clamped to the
        month's length, never after the window's end), as before. Every other rule is counted on
        the whole calendar window that contains ``window.start``, so a window clipped to a range
        has the same due date as the full one.

        With ``on_holiday`` set, the day so found moves to the next (or previous) working day
        when it is a rest day.

        Raises
        ------
        CalendarCoverageError
            For ``due_after_working_days`` or ``on_holiday`` in a year the official calendar
            does not cover.
        """
        try:
            due = self._due_in(window)
            return due if self.on_holiday is None else self.on_holiday.apply(due)
        except CalendarCoverageError as err:
            raise _uncovered(self, window, err) from None

    def _due_in(self, window: Period) -> dt.date:
        assert window.end is not None  # noqa: S101 - windows always have both bounds
        assert window.start is not None  # noqa: S101
        full = self.full_window(window.start)
        assert full.start is not None  # noqa: S101
        assert full.end is not None  # noqa: S101
        if self.weekday is not None:
            return full.start + dt.timedelta(days=self.weekday - 1)
        if self.due_after_days is not None:
            return full.end + dt.timedelta(days=self.due_after_days)
        if self.due_after_working_days is not None:
            from xiaojie.dates._workdays import add_working_days  # noqa: PLC0415 - cycle

            return add_working_days(full.end, self.due_after_working_days)
        if self.due_next_month:
            return _day_of(full.end + dt.timedelta(days=1), self.due_day)
        if self.due_month is not None:
            month_start: dt.date = full.start + relativedelta(months=self.due_month - 1)
            return _day_of(month_start, self.due_day)
        if self.due_day is None:
            return window.end
        candidate = _day_of(window.end.replace(day=1), self.due_day)
        return min(candidate, window.end)

    def occurrence(self, window: Period) -> Period:
        """Return the days in which the occurrence of ``window`` is to take place.

        From the window's start (or the yearly ``start_month``/``start_day``, or the weekday
        itself) to :meth:`due_in`.

        Examples
        --------
        >>> import datetime as dt
        >>> season = Cadence(frequency=Frequency.YEARLY, due_month=11, start_month=9)
        >>> str(season.occurrence(season.full_window(dt.date(2025, 1, 1))))
        '2025年9月1日至2025年11月30日'
        """
        due = self.due_in(window)
        assert window.start is not None  # noqa: S101
        full = self.full_window(window.start)
        assert full.start is not None  # noqa: S101
        first = full.start
        if self.weekday is not None:
            first = due
        elif self.start_month is not None:
            first = _day_of(dt.date(full.start.year, self.start_month, 1), self.start_day or 1)
        return Period(min(first, due), due)

    def describe(self) -> str:
        """Return the cadence in the plan's words, e.g. ``每季度至少1次``."""
        if self.text:
            return self.text
        if self.max_count is None:
            count = f"至少{self.min_count}次"
        elif self.max_count == self.min_count:
            count = f"{self.min_count}次"
        else:
            count = f"{self.min_count}—{self.max_count}次"
        shift = f"（{self.on_holiday.label}）" if self.on_holiday is not None else ""
        return f"{self.frequency.label}{self._due_words()}{shift}{count}"

    def _due_words(self) -> str:
        day = f"{self.due_day}日前" if self.due_day else "底前"
        if self.weekday is not None:
            return "一二三四五六日"[self.weekday - 1]
        if self.due_after_days is not None:
            return f"结束后{self.due_after_days}日内"
        if self.due_after_working_days is not None:
            return f"结束后{self.due_after_working_days}个工作日内"
        if self.due_next_month:
            return f"次月{day}" if self.due_day else "次月底前"
        if self.due_month is not None:
            if self.frequency is Frequency.YEARLY:
                season = ""
                if self.start_month is not None:
                    start = f"{self.start_month}月" + (
                        f"{self.start_day}日" if self.start_day else ""
                    )
                    season = f"{start}至"
                month = f"{self.due_month}月"
                if season:
                    return (
                        f"{season}{month}{self.due_day}日" if self.due_day else f"{season}{month}"
                    )
                return f"{month}{day}" if self.due_day else f"{month}底前"
            which = {1: "首月", self.frequency.months: "末月"}.get(
                self.due_month, f"第{self.due_month}个月"
            )
            return f"{which}{day}"
        return f"{self.due_day}日前" if self.due_day else ""


# The longest each month can be (February in a leap year).
_LONGEST = {
    month: 29 if month == 2 else (30 if month in {4, 6, 9, 11} else 31) for month in range(1, 13)
}
_RULE_FIELDS = (
    "due_month",
    "due_next_month",
    "weekday",
    "due_after_days",
    "due_after_working_days",
    "start_month",
    "start_day",
    "on_holiday",
)


def _uncovered(
    cadence: Cadence, window: Period, err: CalendarCoverageError
) -> CalendarCoverageError:
    """Return the error of a due date that needs working days of a year not yet published."""
    from xiaojie.dates._workdays import covered_years  # noqa: PLC0415 - cycle

    years = covered_years()
    year = err.year if err.year is not None else window.end.year if window.end else "?"
    rule = (
        cadence.on_holiday.label
        if cadence.on_holiday is not None
        else f"结束后{cadence.due_after_working_days}个工作日内"
    )
    msg = (
        f"cadence {cadence.describe()!r}: the due date of the window {window} ({rule}) needs the "
        f"official working-day calendar of {year}, which covers {years.start}–{years.stop - 1}; "
        f"upgrade chinesecalendar once the State Council's holiday notice for {year} is out, or "
        "register the notice's text (read_holiday_notice, --holidays)"
    )
    error = CalendarCoverageError(msg)
    error.year = err.year
    return error


def _check_int(label: str, field: str, value: int | None, low: int, high: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        msg = f"{label}: {field} expected {low}-{high}, found {value!r}"
        raise DateValueError(msg)


def _day_of(month_start: dt.date, day: int | None) -> dt.date:
    """Return ``day`` of the month of ``month_start`` (clamped), or the month's last day."""
    following: dt.date = month_start.replace(day=1) + relativedelta(months=1)
    last = following - dt.timedelta(days=1)
    return last if day is None else last.replace(day=min(day, last.day))
