"""Time values and Chinese time phrases: the lowest layer of xiaojie.

Meanings are those of the project's time specification: a period is a closed interval
``[start, end]`` of :class:`datetime.date`; "X前" is due at the end of X, inclusive; months and
years are calendar lengths. Nothing here reads the clock.

* Values: :class:`Period`, :class:`PeriodSeries`, :class:`Cadence` (with
  :class:`HolidayShift` for 遇节假日顺延), :class:`Span`, :class:`Comparator`.
* Phrases: :func:`parse_when` reads one phrase, :func:`find_when` finds every phrase in running
  text and returns :class:`Findings`, which also lists what it could not read (:class:`Unread`); named periods (过渡期, 十四五 …) come from :data:`NAMED_PERIODS`, which
  :func:`register_named_period` extends.
* Working days on the official calendar with 调休: :func:`is_working_day`,
  :func:`add_working_days`, :func:`count_working_days`; a year's holiday notice read from its
  text (:func:`read_holiday_notice`) extends it (:func:`register_holiday_notice`).
"""

from xiaojie.dates._cadence import Cadence, Frequency, HolidayShift
from xiaojie.dates._find import find_when
from xiaojie.dates._found import Findings, Found, PeriodSeries, Unread, When
from xiaojie.dates._named import NAMED_PERIODS, NamedPeriods, register_named_period
from xiaojie.dates._notice import HolidayNotice, read_holiday_notice
from xiaojie.dates._parse import parse_when
from xiaojie.dates._values import (
    COMPARATOR_WORDS,
    Comparator,
    Period,
    Span,
    SpanUnit,
    as_date,
)
from xiaojie.dates._workdays import (
    WorkingDayAnswer,
    add_working_days,
    count_working_days,
    covered_years,
    forget_holiday_notice,
    holiday_notices,
    is_working_day,
    register_holiday_notice,
)
from xiaojie.errors import HolidayNoticeError


__all__ = [
    "COMPARATOR_WORDS",
    "NAMED_PERIODS",
    "Cadence",
    "Comparator",
    "Findings",
    "Found",
    "Frequency",
    "HolidayNotice",
    "HolidayNoticeError",
    "HolidayShift",
    "NamedPeriods",
    "Period",
    "PeriodSeries",
    "Span",
    "SpanUnit",
    "Unread",
    "When",
    "WorkingDayAnswer",
    "add_working_days",
    "as_date",
    "count_working_days",
    "covered_years",
    "find_when",
    "forget_holiday_notice",
    "holiday_notices",
    "is_working_day",
    "parse_when",
    "read_holiday_notice",
    "register_holiday_notice",
    "register_named_period",
]
