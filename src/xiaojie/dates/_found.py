"""What the phrase readers return: :class:`PeriodSeries`, :class:`Found` and the :data:`When` union."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import attrs

from xiaojie.dates._cadence import Cadence
from xiaojie.dates._values import Period, Span
from xiaojie.errors import DateValueError


if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Self


__all__ = ["Findings", "Found", "PeriodSeries", "Unread", "When"]


def _periods(value: object) -> tuple[Period, ...]:
    if isinstance(value, Period) or not hasattr(value, "__iter__"):
        msg = f"period series: expected a sequence of Period, found {type(value).__name__}"
        raise DateValueError(msg)
    items = tuple(value)
    if not items:
        msg = "period series: expected at least one period, found none"
        raise DateValueError(msg)
    for item in items:
        if not isinstance(item, Period):
            msg = f"period series: expected Period items, found {type(item).__name__}"
            raise DateValueError(msg)
    return items


@attrs.frozen
class PeriodSeries:
    """Dated parts written together and paired in order: "7月底和10月底前".

    Parameters
    ----------
    periods
        The periods in the order the text gives them (any iterable; stored as a tuple).
    text
        The phrase the series came from (not part of equality).
    offset
        Where ``text`` starts in its source, if known (not part of equality).

    Raises
    ------
    DateValueError
        If there is no period or an item is not a :class:`~xiaojie.dates.Period`.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie.dates import parse_when
    >>> pair = parse_when("7月底和10月底前", reference=dt.date(2025, 6, 18))
    >>> [str(p.due) for p in pair]
    ['2025-07-31', '2025-10-31']
    >>> pair.canonical()
    '2025年7月31日前和2025年10月31日前'
    >>> PeriodSeries([])
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: period series: expected at least one period, found none

    .. versionadded:: 0.1.0
    """

    periods: tuple[Period, ...] = attrs.field(converter=_periods)
    text: str = attrs.field(default="", eq=False, repr=False)
    offset: int | None = attrs.field(default=None, eq=False, repr=False)

    def __iter__(self) -> Iterator[Period]:
        return iter(self.periods)

    def __len__(self) -> int:
        return len(self.periods)

    def __getitem__(self, index: int) -> Period:
        return self.periods[index]

    def canonical(self) -> str:
        """Return an unambiguous text that :func:`parse_when` reads back as the same series.

        Examples
        --------
        >>> import datetime as dt
        >>> from xiaojie.dates import Period
        >>> PeriodSeries([Period(dt.date(2025, 7, 1), dt.date(2025, 7, 31))]).canonical()
        '2025年7月1日至2025年7月31日'
        """
        return "和".join(period.canonical() for period in self.periods)

    def __str__(self) -> str:
        return self.text or self.canonical()


When: TypeAlias = Period | Cadence | Span | PeriodSeries
"""What a time phrase becomes: a period, a series of periods, a cadence or a span."""


@attrs.frozen
class Found:
    """A time phrase found in running text.

    Parameters
    ----------
    text
        The phrase exactly as the source writes it.
    offset
        Where the phrase starts in the source (``source[offset:offset + len(text)] == text``).
    value
        What the phrase means.
    remark
        A note later in the same clause that changes the value: "遇节假日顺延" in "每月25日前报送
        进展情况（遇节假日顺延）" moves each due date off rest days. ``value`` is what
        ``parse_when(text + remark)`` gives. Empty when there is none (a note right after the
        phrase is part of ``text``).
    remark_offset
        Where ``remark`` starts in the source (``None`` without one).

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie.dates import find_when
    >>> [found] = find_when("9月10日前开展自查验收", reference=dt.date(2025, 6, 18))
    >>> found.text, found.offset, found.end, str(found.value.due)
    ('9月10日前', 0, 6, '2025-09-10')
    >>> [found] = find_when("每月25日前报送进展情况（遇节假日顺延）。", reference=dt.date(2025, 6, 18))
    >>> found.text, found.remark, found.value.on_holiday
    ('每月25日前', '（遇节假日顺延）', <HolidayShift.POSTPONE: 'postpone'>)

    .. versionadded:: 0.1.0
    """

    text: str
    offset: int
    value: When
    remark: str = attrs.field(default="", kw_only=True)
    remark_offset: int | None = attrs.field(default=None, kw_only=True)

    @property
    def end(self) -> int:
        """The offset just after the phrase."""
        return self.offset + len(self.text)


@attrs.frozen
class Unread:
    """A stretch of running text that looks like a time phrase but could not be read.

    Parameters
    ----------
    text
        The stretch exactly as the source writes it.
    offset
        Where it starts in the source.
    reason
        Why it was not read ("month 13 is not 1–12", "the year qualifier 当年 is not read" …).

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie.dates import find_when
    >>> found = find_when("当年11月至次年3月开展行动，6月底前完成", reference=dt.date(2025, 6, 18),
    ...                   errors="report")
    >>> [f.text for f in found]
    ['6月底前']
    >>> [(u.text, u.offset) for u in found.unread]
    [('当年11月至次年3月', 0)]

    .. versionadded:: 0.1.0
    """

    text: str
    offset: int
    reason: str

    @property
    def end(self) -> int:
        """The offset just after the stretch."""
        return self.offset + len(self.text)


class Findings(tuple[Found, ...]):  # noqa: SLOT001 - a tuple subclass cannot have slotted fields
    """What :func:`~xiaojie.dates.find_when` read: a tuple of :class:`Found`, plus ``.unread``.

    It is a tuple, so code written for the plain tuple that ``find_when`` used to return keeps
    working; ``unread`` lists, in text order, the stretches that look like time phrases but could
    not be read, each with its offset and reason.

    Examples
    --------
    >>> Findings([]) == ()
    True
    >>> Findings([], [Unread("13月", 0, "month 13 is not 1–12")]).unread[0].reason
    'month 13 is not 1–12'

    .. versionadded:: 0.1.0
    """

    unread: tuple[Unread, ...]

    def __new__(cls, found: Iterable[Found] = (), unread: Iterable[Unread] = ()) -> Self:
        """Make the findings from the phrases read and the stretches not read."""
        self = super().__new__(cls, tuple(found))
        self.unread = tuple(unread)
        return self
