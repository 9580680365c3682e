"""Working days on China's official calendar, including 调休 make-up days.

A working day (工作日) is a day the State Council's yearly holiday notice leaves as a working day:
Monday to Friday unless it is a public holiday or a bridging rest day, plus the weekend days the
notice turns into working days (调休上班). "20个工作日内" counts these days.

Provenance
----------
The calendar data is that of the maintained package `chinesecalendar
<https://github.com/LKI/chinese-calendar>`_ (module ``chinese_calendar``), version 1.11.0 or later,
which transcribes each year's notice of the General Office of the State Council (国务院办公厅关于
YYYY年部分节假日安排的通知). It covers 2004–2026; :func:`covered_years` says what the installed
version covers. The two years nearest the bundled plan were checked against the notices:

* 2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 12 November 2024),
  reprinted by Xinhua: https://m.gmw.cn/2024-11/12/content_1303894933.htm. Holidays 1 Jan; 28 Jan–4 Feb; 4–6 Apr;
  1–5 May; 31 May–2 Jun; 1–8 Oct. Make-up working days 26 Jan (Sun), 8 Feb (Sat), 27 Apr (Sun),
  28 Sep (Sun), 11 Oct (Sat).
* 2026: 国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025), reprinted by Xinhua:
  https://politics.gmw.cn/2025-11/04/content_38391083.htm. Holidays 1–3 Jan; 15–23 Feb;
  4–6 Apr; 1–5 May; 19–21 Jun; 25–27 Sep; 1–7 Oct. Make-up working days 4 Jan (Sun), 14 Feb
  (Sat), 28 Feb (Sat), 9 May (Sat), 20 Sep (Sun), 10 Oct (Sat).

Counting convention
-------------------
:func:`count_working_days` counts the working days in ``(start, end]``: the start day is not
counted and the end day is. This is the rule of 民法典 第二百零一条 for periods counted in days
(开始的当日不计入，自下一日开始计算), and it makes :func:`add_working_days` and
:func:`count_working_days` inverse: ``count_working_days(d, add_working_days(d, n)) == n``.

Approximate answers
-------------------
For a year the data does not cover, every function raises
:class:`~xiaojie.errors.CalendarCoverageError`. With ``approximate=True`` it instead treats
Monday–Friday as working days in uncovered years and returns a :class:`WorkingDayAnswer`, never a
plain value, whose ``approximate`` flag says whether any uncovered day was involved. Such an
answer cannot be used as a truth value or a number by mistake: ``bool()`` on it raises.

Notices read from their text
----------------------------
The notice for a year appears in November or December of the year before, and the package some
weeks later. :func:`register_holiday_notice` adds a notice read by
:func:`~xiaojie.dates.read_holiday_notice` for the year right after those covered (a notice of a
covered year changes no day: the package carries the later changes too);
``xiaojie … --holidays notice.txt`` does so for one run of the command line. :func:`holiday_days`
gives a public holiday's days off, which "国庆期间" is read as.

Limitations
-----------
* Verify each December that the coming year is covered (``covered_years()``): upgrade
  ``chinesecalendar``, or register the year's notice.
* Only the national calendar is known. Regional holidays (for example those of ethnic autonomous
  regions) and emergency changes to the schedule are not.
* A Monday–Friday answer for an uncovered year ignores its holidays entirely; it is a planning
  estimate only.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Generic, Literal, TypeVar, overload

import attrs
import chinese_calendar

from xiaojie.dates._notice import HolidayNotice
from xiaojie.dates._values import as_date
from xiaojie.errors import CalendarCoverageError, DateValueError, HolidayNoticeError


if TYPE_CHECKING:
    from collections.abc import Sequence


__all__ = [
    "WorkingDayAnswer",
    "add_working_days",
    "count_working_days",
    "covered_years",
    "forget_holiday_notice",
    "holiday_days",
    "holiday_notices",
    "is_working_day",
    "register_holiday_notice",
    "restore_holiday_notices",
]

T = TypeVar("T")
_ONE_DAY = dt.timedelta(days=1)
_SATURDAY = 5


@attrs.frozen
class WorkingDayAnswer(Generic[T]):
    """An answer computed with ``approximate=True``.

    Parameters
    ----------
    value
        The answer (a ``bool``, a ``date`` or an ``int``).
    approximate
        ``True`` when at least one day lay in a year the official calendar does not cover and was
        judged by Monday–Friday instead; ``False`` when the answer is exact.
    assumed_years
        The uncovered years that were judged by Monday–Friday, sorted.

    Raises
    ------
    DateValueError
        On ``bool(answer)``: use ``answer.value`` and check ``answer.approximate``.

    Examples
    --------
    >>> import datetime as dt
    >>> answer = is_working_day(dt.date(2031, 1, 1), approximate=True)
    >>> answer.value, answer.approximate, answer.assumed_years
    (True, True, (2031,))
    >>> bool(answer)
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: working-day answer: truth value is ambiguous; use .value and check .approximate

    .. versionadded:: 0.1.0
    """

    value: T
    approximate: bool
    assumed_years: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        msg = "working-day answer: truth value is ambiguous; use .value and check .approximate"
        raise DateValueError(msg)


def covered_years() -> range:
    """Return the years the official working-day calendar covers.

    Returns
    -------
    range
        The covered years, e.g. ``range(2004, 2027)`` for 2004–2026.

    Examples
    --------
    >>> years = covered_years()
    >>> 2025 in years, 2003 in years
    (True, False)

    .. versionadded:: 0.1.0
    """
    return _coverage()


@functools.cache
def _package_years() -> range:
    years = {day.year for day in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


_NOTICES: dict[int, HolidayNotice] = {}
"""The registered notices by year."""
_RULED: dict[dt.date, bool] = {}
"""What the registered notices say of the days they name: working (True) or off (False)."""


def _coverage() -> range:
    years = _package_years()
    end = years.stop
    while end in _NOTICES:
        end += 1
    return range(years.start, end)


def register_holiday_notice(notice: HolidayNotice) -> None:
    r"""Add a year's holiday notice to the official calendar of this process.

    For a year the installed ``chinesecalendar`` does not cover, the days the notice names
    are rest or working days as it says (those of the year before too: a 元旦 beginning in
    December) and its year is covered. A notice of a year the package covers changes no day:
    the package also carries the changes made after the yearly notice (the 2020 Spring
    Festival extension, the 2019 Labour Day change). Registering a year again replaces its
    notice.

    Parameters
    ----------
    notice
        A notice read by :func:`~xiaojie.dates.read_holiday_notice`.

    Raises
    ------
    HolidayNoticeError
        If its year is neither covered already nor the year after the last covered one (a
        calendar with a gap would count working days across a year it does not know).

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie.dates import read_holiday_notice
    >>> notice = read_holiday_notice(
    ...     "关于2031年部分节假日安排的通知\n一、元旦：1月1日（周三）放假，共1天。", source="2031.txt"
    ... )
    >>> register_holiday_notice(notice)
    Traceback (most recent call last):
    ...
    xiaojie.errors.HolidayNoticeError: holiday notice 2031.txt: expected a notice for a covered year or for 2027, the year after the last covered; found one for 2031

    .. versionadded:: 0.1.0
    """
    if not isinstance(notice, HolidayNotice):
        found = type(notice).__name__
        raise HolidayNoticeError(
            "register_holiday_notice", 0, f"expected a HolidayNotice, found {found}"
        )
    covered = _coverage()
    if notice.year not in covered and notice.year != covered.stop:
        msg = (
            f"expected a notice for a covered year or for {covered.stop}, the year after the "
            f"last covered; found one for {notice.year}"
        )
        raise HolidayNoticeError(notice.source, 0, msg)
    _NOTICES[notice.year] = notice
    _rule()


def forget_holiday_notice(year: int) -> None:
    """Remove the notice registered for ``year`` (and the years registered after it).

    The calendar goes back to what the installed package says for those years; a year after a
    forgotten one would otherwise be covered across a gap.

    .. versionadded:: 0.1.0
    """
    if isinstance(year, bool) or not isinstance(year, int):
        found = type(year).__name__
        raise HolidayNoticeError(
            "forget_holiday_notice", 0, f"expected a year (int), found {found}"
        )
    for registered in [y for y in _NOTICES if y >= year]:
        del _NOTICES[registered]
    _rule()


def restore_holiday_notices(notices: Sequence[HolidayNotice]) -> None:
    """Make ``notices`` (earlier ones of :func:`holiday_notices`) the registered ones again."""
    if holiday_notices() == tuple(notices):
        return
    if _NOTICES:
        forget_holiday_notice(min(_NOTICES))
    for notice in notices:
        register_holiday_notice(notice)


def holiday_notices() -> tuple[HolidayNotice, ...]:
    """Return the registered notices, by year.

    .. versionadded:: 0.1.0
    """
    return tuple(_NOTICES[year] for year in sorted(_NOTICES))


def _rule() -> None:
    _RULED.clear()
    package = _package_years()
    for year in sorted(_NOTICES):
        if year in package:
            continue  # the package's calendar, later changes included
        notice = _NOTICES[year]
        _RULED.update(dict.fromkeys(notice.rest_days, False))
        _RULED.update(dict.fromkeys(notice.working_days, True))


_LUNAR_HOLIDAYS_SINCE = 2008
"""The first year 清明, 端午 and 中秋 were public holidays."""
_HOLIDAY_NAMES = {
    "元旦": chinese_calendar.Holiday.new_years_day,
    "春节": chinese_calendar.Holiday.spring_festival,
    "清明": chinese_calendar.Holiday.tomb_sweeping_day,
    "劳动": chinese_calendar.Holiday.labour_day,
    "端午": chinese_calendar.Holiday.dragon_boat_festival,
    "中秋": chinese_calendar.Holiday.mid_autumn_festival,
    "国庆": chinese_calendar.Holiday.national_day,
}
"""The holidays by the word a notice item names them with, and the package's name of each."""


def holiday_days(holiday: str, year: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day off of a public holiday in ``year``.

    ``holiday`` is 元旦, 春节, 清明, 劳动, 端午, 中秋 or 国庆. The days are those of the
    installed calendar for a year it carries, else of the year's registered notice (the item
    naming the holiday), with the days off next to them: a 中秋 inside the 国庆 holiday has its
    days, a 元旦 "与周末连休" the weekend.

    Raises
    ------
    CalendarCoverageError
        If neither knows the year.
    DateValueError
        If the holiday was none that year (清明 before 2008), or the notice names no such one.

    Examples
    --------
    >>> import datetime as dt
    >>> holiday_days("国庆", 2025) == holiday_days("中秋", 2025)
    True
    >>> holiday_days("春节", 2026), holiday_days("元旦", 2018)[0]
    ((datetime.date(2026, 2, 15), datetime.date(2026, 2, 23)), datetime.date(2017, 12, 30))
    """
    package = _HOLIDAY_NAMES[holiday]
    found: tuple[dt.date, dt.date] | None = None
    if year in _package_years():
        # 元旦 may begin in the December before (2018-12-30) and the next one in this December
        low, high = (
            (dt.date(year - 1, 12, 20), dt.date(year, 1, 10))
            if holiday == "元旦"
            else (dt.date(year, 1, 11), dt.date(year, 12, 19))
        )
        days = [
            d
            for d, name in chinese_calendar.holidays.items()
            if low <= d <= high and name == package.value
        ]
        if not days and holiday == "中秋" and year >= _LUNAR_HOLIDAYS_SINCE:
            return holiday_days("国庆", year)  # 中秋 on 1 October (2020): its days are 国庆's
        if not days:
            msg = f"{holiday}: no public holiday of {year} on the official calendar"
            raise DateValueError(msg)  # 清明, 端午 and 中秋 are public holidays since 2008
        found = (min(days), max(days))
    elif (notice := _NOTICES.get(year)) is not None:
        found = next(((f, t) for name, f, t in notice.holidays if holiday in name), None)
        if found is None:
            msg = f"{holiday}: the registered holiday notice of {year} ({notice.source}) names no such holiday"
            raise DateValueError(msg)
    if found is None:
        raise _uncovered(year)
    first, last = found
    # the days off around it: 中秋 inside 国庆's days, 元旦 与周末连休
    try:
        while not _working(first - _ONE_DAY, None):
            first -= _ONE_DAY
    except CalendarCoverageError:
        pass
    try:
        while not _working(last + _ONE_DAY, None):
            last += _ONE_DAY
    except CalendarCoverageError:
        pass
    return first, last


def _uncovered(year: int) -> CalendarCoverageError:
    years = _coverage()
    msg = (
        f"working days: the official calendar covers {years.start}–{years.stop - 1}, "
        f"not {year}; upgrade chinesecalendar, register the year's holiday notice "
        "(register_holiday_notice, --holidays) or pass approximate=True for a Monday–Friday "
        "estimate"
    )
    error = CalendarCoverageError(msg)
    error.year = year
    return error


def _working(day: dt.date, assumed: set[int] | None) -> bool:
    """Return whether ``day`` is a working day; collect uncovered years in ``assumed``.

    For covered years this is ``chinese_calendar.is_workday`` read straight from the package's
    published tables (``workdays``: 调休 working days; ``holidays``: rest days), which avoids
    re-checking the coverage for every day of a long count.
    """
    if _RULED and (ruled := _RULED.get(day)) is not None:
        return ruled
    if day.year in _package_years():
        if day in chinese_calendar.workdays:
            return True
        return day.weekday() < _SATURDAY and day not in chinese_calendar.holidays
    if day.year in _NOTICES:
        return day.weekday() < _SATURDAY
    if assumed is None:
        raise _uncovered(day.year)
    assumed.add(day.year)
    return day.weekday() < _SATURDAY


def _day(value: dt.date, field: str) -> dt.date:
    return as_date(value, field=field)


def _answer(value: T, assumed: set[int]) -> WorkingDayAnswer[T]:
    return WorkingDayAnswer(value, bool(assumed), tuple(sorted(assumed)))


@overload
def is_working_day(day: dt.date, *, approximate: Literal[False] = False) -> bool: ...
@overload
def is_working_day(day: dt.date, *, approximate: Literal[True]) -> WorkingDayAnswer[bool]: ...
@overload
def is_working_day(day: dt.date, *, approximate: bool) -> bool | WorkingDayAnswer[bool]: ...
def is_working_day(day: dt.date, *, approximate: bool = False) -> bool | WorkingDayAnswer[bool]:
    """Return whether ``day`` is a working day on China's official calendar.

    Parameters
    ----------
    day
        The day (a ``date``; ``datetime`` is refused).
    approximate
        For a year the calendar does not cover, judge by Monday–Friday and return a
        :class:`WorkingDayAnswer` instead of raising.

    Returns
    -------
    bool or WorkingDayAnswer[bool]
        A plain ``bool`` when ``approximate`` is false; a :class:`WorkingDayAnswer` otherwise.

    Raises
    ------
    CalendarCoverageError
        If the year is not covered and ``approximate`` is false.
    DateValueError
        If ``day`` is not a date.

    Examples
    --------
    >>> import datetime as dt
    >>> is_working_day(dt.date(2025, 10, 8))     # Wednesday in the National Day holiday
    False
    >>> is_working_day(dt.date(2025, 9, 28))     # Sunday made a working day (调休)
    True
    >>> is_working_day(dt.date(2030, 1, 2))
    Traceback (most recent call last):
    ...
    xiaojie.errors.CalendarCoverageError: working days: the official calendar covers 2004–2026, not 2030; upgrade chinesecalendar, register the year's holiday notice (register_holiday_notice, --holidays) or pass approximate=True for a Monday–Friday estimate

    .. versionadded:: 0.1.0
    """
    day = _day(day, "day")
    if not approximate:
        return _working(day, None)
    assumed: set[int] = set()
    return _answer(_working(day, assumed), assumed)


def _add(day: dt.date, n: int, assumed: set[int] | None) -> dt.date:
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    remaining = abs(n)
    try:
        while remaining:
            day += step
            if _working(day, assumed):
                remaining -= 1
    except OverflowError:
        msg = f"working days: {n} working days from the start leave the calendar"
        raise DateValueError(msg) from None
    return day


@overload
def add_working_days(day: dt.date, n: int, *, approximate: Literal[False] = False) -> dt.date: ...
@overload
def add_working_days(
    day: dt.date, n: int, *, approximate: Literal[True]
) -> WorkingDayAnswer[dt.date]: ...
@overload
def add_working_days(
    day: dt.date, n: int, *, approximate: bool
) -> dt.date | WorkingDayAnswer[dt.date]: ...
def add_working_days(
    day: dt.date, n: int, *, approximate: bool = False
) -> dt.date | WorkingDayAnswer[dt.date]:
    """Return the ``n``-th working day after ``day`` (before it when ``n`` is negative).

    ``day`` itself is never counted, so the result of a non-zero ``n`` is always a working day
    and ``count_working_days(day, add_working_days(day, n)) == n`` for ``n >= 0``. ``n == 0``
    returns ``day`` unchanged, working day or not.

    Parameters
    ----------
    day
        The day to count from ("from the day the clue was found").
    n
        How many working days to move; negative moves back.
    approximate
        For uncovered years, count Monday–Friday and return a :class:`WorkingDayAnswer`.

    Returns
    -------
    datetime.date or WorkingDayAnswer[datetime.date]
        The day reached; wrapped in a :class:`WorkingDayAnswer` when ``approximate`` is true.

    Raises
    ------
    CalendarCoverageError
        If a day on the way lies in an uncovered year and ``approximate`` is false.
    DateValueError
        If ``day`` is not a date, ``n`` is not an integer, or the result would leave the
        calendar.

    Examples
    --------
    >>> import datetime as dt
    >>> add_working_days(dt.date(2025, 9, 30), 1)   # over the 1–8 October holiday
    datetime.date(2025, 10, 9)
    >>> add_working_days(dt.date(2025, 9, 26), 1)   # Friday → Sunday 28 September (调休)
    datetime.date(2025, 9, 28)
    >>> add_working_days(dt.date(2025, 10, 9), -1)
    datetime.date(2025, 9, 30)
    >>> add_working_days(dt.date(2026, 12, 30), 3, approximate=True)
    WorkingDayAnswer(value=datetime.date(2027, 1, 4), approximate=True, assumed_years=(2027,))

    .. versionadded:: 0.1.0
    """
    day = _day(day, "day")
    if isinstance(n, bool) or not isinstance(n, int):
        msg = f"working days: n expected an integer, found {n!r}"
        raise DateValueError(msg)
    if not approximate:
        return _add(day, n, None)
    assumed: set[int] = set()
    return _answer(_add(day, n, assumed), assumed)


def _count(start: dt.date, end: dt.date, assumed: set[int] | None) -> int:
    total = 0
    day = start
    while day < end:
        day += _ONE_DAY
        if _working(day, assumed):
            total += 1
    return total


@overload
def count_working_days(
    start: dt.date, end: dt.date, *, approximate: Literal[False] = False
) -> int: ...
@overload
def count_working_days(
    start: dt.date, end: dt.date, *, approximate: Literal[True]
) -> WorkingDayAnswer[int]: ...
@overload
def count_working_days(
    start: dt.date, end: dt.date, *, approximate: bool
) -> int | WorkingDayAnswer[int]: ...
def count_working_days(
    start: dt.date, end: dt.date, *, approximate: bool = False
) -> int | WorkingDayAnswer[int]:
    """Count the working days after ``start`` up to and including ``end``: ``(start, end]``.

    The start day is not counted (民法典 第二百零一条: 开始的当日不计入) and the end day is, so a
    reply on the 20th working day after a request is "within 20个工作日".

    Parameters
    ----------
    start
        The day the period starts from (not counted).
    end
        The last day (counted); not before ``start``.
    approximate
        For uncovered years, count Monday–Friday and return a :class:`WorkingDayAnswer`.

    Returns
    -------
    int or WorkingDayAnswer[int]
        The number of working days; wrapped when ``approximate`` is true.

    Raises
    ------
    CalendarCoverageError
        If a counted day lies in an uncovered year and ``approximate`` is false.
    DateValueError
        If a bound is not a date or ``end`` is before ``start``.

    Examples
    --------
    >>> import datetime as dt
    >>> count_working_days(dt.date(2025, 9, 30), dt.date(2025, 10, 9))
    1
    >>> count_working_days(dt.date(2025, 9, 1), dt.date(2025, 9, 1))     # empty interval
    0
    >>> count_working_days(dt.date(2025, 9, 2), dt.date(2025, 9, 1))
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: working days: end 2025-09-01 is before start 2025-09-02

    .. versionadded:: 0.1.0
    """
    start = _day(start, "start")
    end = _day(end, "end")
    if end < start:
        msg = f"working days: end {end} is before start {start}"
        raise DateValueError(msg)
    if not approximate:
        return _count(start, end, None)
    assumed: set[int] = set()
    return _answer(_count(start, end, assumed), assumed)
