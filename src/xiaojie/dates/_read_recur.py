"""The whole-phrase reader: cadences, spans and the choice between readings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from xiaojie.dates._found import PeriodSeries
from xiaojie.dates._grammar import (
    _SPAN_PREFIXES,
    _SPAN_SUFFIXES,
    _SPAN_UNITS,
    _ImpossibleError,
    _Marker,
    _Match,
    _Window,
)
from xiaojie.dates._read_cadence import _CadenceReader
from xiaojie.dates._values import Comparator, Period, Span, SpanUnit
from xiaojie.errors import DateValueError


if TYPE_CHECKING:
    from collections.abc import Callable

    from xiaojie.dates._found import When


class _Scanner(_CadenceReader):
    """The full reader: periods, cadences and spans."""

    # -- cadences and spans ------------------------------------------------------------------

    def span(self, pos: int) -> _Match | None:
        p = pos
        before: Comparator | None = None
        for word, comparator in _SPAN_PREFIXES:
            if self.s.startswith(word, p):
                before, p = comparator, p + len(word)
                break
        amount: int
        unit: SpanUnit
        if self.s.startswith("半年", p) and self.word(p + 1, ("年",)) is not None:
            amount, unit, p = 6, SpanUnit.MONTHS, p + 2
        else:
            got = self.number(p)
            if got is None:
                return None
            amount, p, _ = got
            for word, candidate in _SPAN_UNITS:
                if self.s.startswith(word, p) and self.word(p, (word,)) is not None:
                    unit, p = candidate, p + len(word)
                    break
            else:
                return None
        after: Comparator | None = None
        for word, comparator in _SPAN_SUFFIXES:
            if self.s.startswith(word, p) and self.word(p, (word,)) is not None:
                if before is None or before is comparator:
                    after, p = comparator, p + len(word)
                break
        comparator_used = before or after
        if comparator_used is None:
            if unit is not SpanUnit.WORKING_DAYS:
                return None
            comparator_used = Comparator.AT_MOST
        try:
            value = Span(amount=amount, unit=unit, comparator=comparator_used, text=self.s[pos:p])
        except DateValueError as err:
            raise _ImpossibleError(str(err), pos, p) from None
        return _Match(value, p)

    # -- whole phrases -----------------------------------------------------------------------

    def periods(self, pos: int) -> _Match | None:
        got = self.series(pos)
        if got is None:
            return None
        items, end = got
        fill = _Marker.NONE
        if items[-1].suffix is not _Marker.NONE:
            fill = items[-1].suffix
        elif items[0].prefix is not _Marker.NONE:
            fill = items[0].prefix
        values: list[Period] = []
        for item in items:
            marker = item.suffix
            if marker is _Marker.NONE:
                marker = item.prefix
            if marker is _Marker.NONE:
                marker = fill
            values.append(self.apply(item.window, marker, pos, end))
        weak = len(items) == 1 and items[0].window.weak and fill is _Marker.NONE
        first = items[0].window
        own = first.year if first.own_year and not first.relative else None
        value: When = values[0] if len(values) == 1 else PeriodSeries(values)
        return _Match(value, end, weak, own_year=own, yearless=own is None)

    def apply(self, window: _Window, marker: _Marker, start: int, end: int) -> Period:
        first, last = window.start, window.end
        ranged = window.kind == "range"
        if marker is _Marker.DEADLINE and not ranged:
            first = None
        elif marker is _Marker.FROM and not ranged:
            last = None
        elif marker is _Marker.AFTER:
            if last is None:
                msg = "a period with no end has no 'after'"
                raise _ImpossibleError(msg, start, end)
            try:
                first, last = last + dt.timedelta(days=1), None
            except OverflowError:
                msg = f"the day after {last} is outside the calendar"
                raise _ImpossibleError(msg, start, end) from None
        if first is None and last is None:
            msg = "the marker leaves the period with neither a start nor an end"
            raise _ImpossibleError(msg, start, end)
        return Period(first, last)

    def phrase(self, pos: int, *, to_end: bool, periods_only: bool = False) -> _Match | None:
        matches: list[_Match] = []
        errors: list[_ImpossibleError] = []
        readers: list[Callable[[], _Match | None]] = [lambda: self.periods(pos)]
        if not periods_only:
            readers += [lambda: self.cadence(pos, to_end=to_end), lambda: self.span(pos)]
        for reader in readers:
            try:
                got = reader()
            except _ImpossibleError as err:
                errors.append(err)
                continue
            if got is not None:
                matches.append(got)
        if matches:
            return max(matches, key=lambda m: m.end)
        if errors:
            raise errors[0]
        return None
