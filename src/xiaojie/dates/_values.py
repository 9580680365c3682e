"""Time values: periods, cadences, spans and comparators.

The meanings follow ``TIME.md`` of the project design:

* a :class:`Period` is a **closed** interval ``[start, end]`` of :class:`datetime.date`;
  ``end`` is the last day that still counts; ``start`` may be open (``None``) for a pure
  deadline ("6月底前"), and ``end`` may be open for a period with no end ("过渡期后");
* a :class:`~xiaojie.dates.Cadence` (in ``_cadence``) is a calendar-aligned recurrence (calendar weeks starting on Monday,
  calendar months, quarters, half-years, years) with a minimum and optional maximum count per
  window;
* a :class:`Span` is a bounded length anchored to events, never to today: "不超过15天" is at most
  15 calendar days, "1年以上" at least one calendar year (``relativedelta``, clamped to the end of
  a month: 2024-02-29 plus one year is 2025-02-28).

Each value keeps the phrase it came from (``text``) and, where known, its offset in the source.
Neither takes part in equality: two periods with the same dates are equal whatever their wording.
"""

from __future__ import annotations

import datetime as dt
import enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
from dateutil.relativedelta import relativedelta

from xiaojie.errors import DateValueError


if TYPE_CHECKING:
    from collections.abc import Mapping


__all__ = [
    "COMPARATOR_WORDS",
    "Comparator",
    "Period",
    "Span",
    "SpanUnit",
    "as_date",
]


def as_date(value: Any, *, field: str = "date") -> dt.date:  # noqa: ANN401 - accepts anything, checks it
    """Return ``value`` as a :class:`datetime.date`, rejecting ``datetime`` explicitly.

    Parameters
    ----------
    value
        A ``date`` or an ISO string ``YYYY-MM-DD``.
    field
        The name used in the error message.

    Returns
    -------
    datetime.date

    Raises
    ------
    DateValueError
        If ``value`` is a ``datetime``, an impossible date or anything else.

    Examples
    --------
    >>> as_date("2025-07-31")
    datetime.date(2025, 7, 31)
    >>> as_date("2025-02-30")
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: date: expected a real calendar date YYYY-MM-DD, found '2025-02-30'
    """
    if isinstance(value, dt.datetime):
        msg = f"{field}: expected a date, found a datetime {value.isoformat()!r}"
        raise DateValueError(msg)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            msg = f"{field}: expected a real calendar date YYYY-MM-DD, found {value!r}"
            raise DateValueError(msg) from None
    msg = f"{field}: expected a date, found {type(value).__name__} {value!r}"
    raise DateValueError(msg)


def _optional_date(value: Any) -> dt.date | None:  # noqa: ANN401 - converter
    return None if value is None else as_date(value)


def _member(enum_type: type[enum.StrEnum], field: str, value: object) -> Any:  # noqa: ANN401 - the enum member
    try:
        return enum_type(value)  # type: ignore[arg-type]  # any value; ValueError if not a member
    except ValueError:
        choices = ", ".join(m.value for m in enum_type)
        msg = f"{field}: expected one of {choices}, found {value!r}"
        raise DateValueError(msg) from None


def _span_unit(value: object) -> SpanUnit:
    result: SpanUnit = _member(SpanUnit, "span unit", value)
    return result


def _comparator(value: object) -> Comparator:
    result: Comparator = _member(Comparator, "span comparator", value)
    return result


class Comparator(enum.StrEnum):
    """How a measured value is compared with a bound.

    Chinese legal usage (民法典 第一千二百五十九条): 以上/以下/以内/不超过/不少于/不低于/达到 include
    the bound; 高于/低于/超过/多于/少于 exclude it.

    Examples
    --------
    >>> Comparator.AT_LEAST.holds(80, 80)
    True
    >>> Comparator.MORE_THAN.holds(60, 60)
    False
    >>> Comparator.from_word("高于")
    <Comparator.MORE_THAN: '>'>
    """

    AT_LEAST = ">="
    MORE_THAN = ">"
    AT_MOST = "<="
    LESS_THAN = "<"
    EQUAL = "=="

    def holds(self, value: float, bound: float) -> bool:
        """Return whether ``value`` satisfies this comparator against ``bound``."""
        match self:
            case Comparator.AT_LEAST:
                return value >= bound
            case Comparator.MORE_THAN:
                return value > bound
            case Comparator.AT_MOST:
                return value <= bound
            case Comparator.LESS_THAN:
                return value < bound
            case _:
                return value == bound

    @property
    def inclusive(self) -> bool:
        """Whether the bound itself satisfies the comparison."""
        return self in {Comparator.AT_LEAST, Comparator.AT_MOST, Comparator.EQUAL}

    @classmethod
    def from_word(cls, word: str) -> Comparator:
        """Return the comparator a Chinese bound word expresses.

        Raises
        ------
        DateValueError
            If the word is not a known bound word.
        """
        try:
            return _WORDS[word]
        except KeyError:
            known = "、".join(_WORDS)
            msg = f"comparator word: expected one of {known}, found {word!r}"
            raise DateValueError(msg) from None


_WORDS: dict[str, Comparator] = {
    "以上": Comparator.AT_LEAST,
    "及以上": Comparator.AT_LEAST,
    "不少于": Comparator.AT_LEAST,
    "不低于": Comparator.AT_LEAST,
    "达到": Comparator.AT_LEAST,
    "至少": Comparator.AT_LEAST,
    "以下": Comparator.AT_MOST,
    "以内": Comparator.AT_MOST,
    "内": Comparator.AT_MOST,
    "不超过": Comparator.AT_MOST,
    "不高于": Comparator.AT_MOST,
    "不多于": Comparator.AT_MOST,
    "高于": Comparator.MORE_THAN,
    "超过": Comparator.MORE_THAN,
    "多于": Comparator.MORE_THAN,
    "大于": Comparator.MORE_THAN,
    "优于": Comparator.MORE_THAN,
    "好于": Comparator.MORE_THAN,
    "快于": Comparator.MORE_THAN,
    "低于": Comparator.LESS_THAN,
    "少于": Comparator.LESS_THAN,
    "小于": Comparator.LESS_THAN,
    "不满": Comparator.LESS_THAN,
    "等于": Comparator.EQUAL,
}
COMPARATOR_WORDS: Mapping[str, Comparator] = MappingProxyType(_WORDS)
"""Every Chinese bound word and the comparator it expresses: the one table xiaojie reads them by.

Bound words written after the number (以上, 以下, 以内) and before it (不超过, 高于 …) alike;
``以上`` and ``不低于`` include the bound, ``高于`` excludes it.

Examples
--------
>>> COMPARATOR_WORDS["不超过"], COMPARATOR_WORDS["高于"]
(<Comparator.AT_MOST: '<='>, <Comparator.MORE_THAN: '>'>)
"""


@attrs.frozen
class Period:
    """A closed interval of dates ``[start, end]``; either bound may be open (``None``).

    A period with an open start is a pure deadline ("9月10日前"): it is due on ``end``.
    A period with both bounds is a window ("7月中旬"): the thing happens inside it.

    Parameters
    ----------
    start
        The first day that counts, or ``None`` for "any time before ``end``".
    end
        The last day that counts (the due date), or ``None`` for "from ``start`` on".
    text
        The phrase the period came from (not part of equality).
    offset
        Where ``text`` starts in its source, if known (not part of equality).

    Raises
    ------
    DateValueError
        If both bounds are open, a bound is not a ``date`` (``datetime`` is refused), or
        ``end`` is before ``start``.

    Examples
    --------
    >>> import datetime as dt
    >>> p = Period(dt.date(2025, 7, 11), dt.date(2025, 7, 20), text="7月中旬")
    >>> p.due, dt.date(2025, 7, 20) in p, p.days
    (datetime.date(2025, 7, 20), True, 10)
    >>> Period(None, dt.date(2025, 9, 10)).is_deadline
    True
    >>> Period(dt.date(2025, 7, 2), dt.date(2025, 7, 1))
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: period: end 2025-07-01 is before start 2025-07-02
    """

    start: dt.date | None = attrs.field(converter=_optional_date)
    end: dt.date | None = attrs.field(converter=_optional_date)
    text: str = attrs.field(default="", eq=False, repr=False)
    offset: int | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.start is None and self.end is None:
            msg = f"period {self.text!r}: expected at least one bound, found neither"
            raise DateValueError(msg)
        if self.start is not None and self.end is not None and self.end < self.start:
            label = f" {self.text!r}" if self.text else ""
            msg = f"period{label}: end {self.end} is before start {self.start}"
            raise DateValueError(msg)

    @property
    def due(self) -> dt.date | None:
        """The due date: the last day that still counts (``end``)."""
        return self.end

    @property
    def is_deadline(self) -> bool:
        """Whether the period is a pure deadline (open start, known end)."""
        return self.start is None and self.end is not None

    @property
    def days(self) -> int | None:
        """The number of days in the period, both ends included; ``None`` if a bound is open."""
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            return False
        if self.start is not None and day < self.start:
            return False
        return not (self.end is not None and day > self.end)

    def canonical(self) -> str:
        """Return an unambiguous text for the period that :func:`parse_when` reads back.

        Examples
        --------
        >>> import datetime as dt
        >>> Period(None, dt.date(2025, 9, 10)).canonical()
        '2025年9月10日前'
        >>> Period(dt.date(2025, 6, 11), dt.date(2025, 9, 30)).canonical()
        '2025年6月11日至2025年9月30日'
        """

        def cn(day: dt.date) -> str:
            return f"{day.year}年{day.month}月{day.day}日"

        if self.start is None:
            assert self.end is not None  # noqa: S101 - guaranteed by the validator
            return f"{cn(self.end)}前"
        if self.end is None:
            return f"{cn(self.start)}起"
        if self.start == self.end:
            return cn(self.start)
        return f"{cn(self.start)}至{cn(self.end)}"

    def __str__(self) -> str:
        return self.text or self.canonical()


class SpanUnit(enum.StrEnum):
    """The unit a span is measured in."""

    DAYS = "days"
    WORKING_DAYS = "working_days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"

    @property
    def label(self) -> str:
        """The Chinese unit word."""
        return {
            SpanUnit.DAYS: "天",
            SpanUnit.WORKING_DAYS: "个工作日",
            SpanUnit.WEEKS: "周",
            SpanUnit.MONTHS: "个月",
            SpanUnit.YEARS: "年",
        }[self]


@attrs.frozen(kw_only=True)
class Span:
    """A bounded length of time between two events: "不超过15天", "1年以上".

    Parameters
    ----------
    amount
        The number of units (positive).
    unit
        Days, working days, weeks, calendar months or calendar years.
    comparator
        How an actual length compares with ``amount``: ``<=`` for 不超过/以内, ``>=`` for 以上.
    text
        The phrase the span came from (not part of equality).

    Examples
    --------
    >>> import datetime as dt
    >>> year = Span(amount=1, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)
    >>> year.threshold(dt.date(2024, 2, 29))
    datetime.date(2025, 2, 28)
    >>> year.satisfied(dt.date(2024, 8, 1), dt.date(2025, 8, 1))
    True
    >>> limit = Span(amount=15, unit=SpanUnit.DAYS, comparator=Comparator.AT_MOST)
    >>> limit.satisfied(dt.date(2025, 6, 1), dt.date(2025, 6, 16))
    True
    >>> limit.satisfied(dt.date(2025, 6, 1), dt.date(2025, 6, 17))
    False
    """

    amount: int
    unit: SpanUnit = attrs.field(converter=_span_unit)
    comparator: Comparator = attrs.field(converter=_comparator)
    text: str = attrs.field(default="", eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            msg = f"span {self.text!r}: amount expected a positive integer, found {self.amount!r}"
            raise DateValueError(msg)

    def threshold(self, anchor: dt.date) -> dt.date:
        """Return ``anchor`` plus the span's length (calendar units; months clamp to month end).

        Raises
        ------
        DateValueError
            For working-day spans, which need a calendar: use
            :func:`xiaojie.dates.add_working_days`.
        """
        anchor = as_date(anchor, field="anchor")
        match self.unit:
            case SpanUnit.DAYS:
                return anchor + dt.timedelta(days=self.amount)
            case SpanUnit.WEEKS:
                return anchor + dt.timedelta(weeks=self.amount)
            case SpanUnit.MONTHS:
                months: dt.date = anchor + relativedelta(months=self.amount)
                return months
            case SpanUnit.YEARS:
                years: dt.date = anchor + relativedelta(years=self.amount)
                return years
            case _:
                msg = (
                    f"span {self.text or self.describe()!r}: working-day spans need the "
                    "working-day calendar (xiaojie.dates.add_working_days)"
                )
                raise DateValueError(msg)

    def satisfied(self, start: dt.date, end: dt.date) -> bool:
        """Return whether the length from ``start`` to ``end`` satisfies the span's bound.

        "Within 15 days" holds when ``end`` is at most ``start + 15 days``; "1 year or more" holds
        when ``end`` is on or after ``start + 1 year``.
        """
        limit = self.threshold(start)
        end = as_date(end, field="end")
        match self.comparator:
            case Comparator.AT_MOST:
                return end <= limit
            case Comparator.LESS_THAN:
                return end < limit
            case Comparator.AT_LEAST:
                return end >= limit
            case Comparator.MORE_THAN:
                return end > limit
            case _:
                return end == limit

    def describe(self) -> str:
        """Return the span in the plan's words, e.g. ``不超过15天``."""
        if self.text:
            return self.text
        number = f"{self.amount}{self.unit.label}"
        match self.comparator:
            case Comparator.AT_MOST:
                return f"不超过{number}"
            case Comparator.AT_LEAST:
                return f"{number}以上"
            case Comparator.MORE_THAN:
                return f"超过{number}"
            case Comparator.LESS_THAN:
                return f"不满{number}"
            case _:
                return number
