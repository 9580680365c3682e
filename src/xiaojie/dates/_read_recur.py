"""The whole-phrase reader: cadences, spans and the choice between readings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from xiaojie.dates._cadence import Cadence, Frequency
from xiaojie.dates._found import PeriodSeries
from xiaojie.dates._grammar import (
    _AT_LEAST_WORDS,
    _AT_MOST_WORDS,
    _FREQUENCIES,
    _MAX_GAP,
    _NOT_CADENCE,
    _RANGE_SEPARATORS,
    _SPAN_PREFIXES,
    _SPAN_SUFFIXES,
    _SPAN_UNITS,
    _ImpossibleError,
    _is_cjk,
    _Marker,
    _Match,
    _Window,
)
from xiaojie.dates._read_periods import _PeriodReader
from xiaojie.dates._values import Comparator, Period, Span, SpanUnit
from xiaojie.errors import DateValueError


if TYPE_CHECKING:
    from collections.abc import Callable


class _Scanner(_PeriodReader):
    """The full reader: periods, cadences and spans."""

    # -- cadences and spans ------------------------------------------------------------------

    def count(self, pos: int) -> tuple[int, int | None, int] | None:
        """Read "1次", "至少1次", "1—2次", "2次以上" …: (min, max, end)."""
        p = pos
        at_least = at_most = False
        word = self.word(p, _AT_LEAST_WORDS)
        if word is not None:
            at_least, p = True, p + len(word)
        else:
            word = self.word(p, _AT_MOST_WORDS)
            if word is not None:
                at_most, p = True, p + len(word)
        got = self.number(p)
        if got is None:
            return None
        low, q, _ = got
        high: int | None = low
        sep = self.word(q, _RANGE_SEPARATORS)
        if sep is not None and not at_least and not at_most:
            second = self.number(q + len(sep))
            if second is not None and self.at(second[1], "次回"):
                high, q = second[0], second[1]
        if not self.at(q, "次回"):
            return None
        q += 1
        tail = self.word(q, ("及以上", "以上", "以下", "以内"))
        if tail is not None and high == low and not at_least and not at_most:
            at_least = tail in {"及以上", "以上"}
            at_most = not at_least
            q += len(tail)
        if at_least:
            return low, None, q
        if at_most:
            return 1, low, q
        return low, high, q

    def cadence(self, pos: int, *, to_end: bool) -> _Match | None:
        if not self.s.startswith("每", pos):
            return None
        p = pos + 1
        frequency: Frequency | None = None
        for word, freq in _FREQUENCIES:
            if self.s.startswith(word, p) and (word != "周" or self.word(p, ("周",)) is not None):
                frequency, p = freq, p + len(word)
                break
        if frequency is None or self.s.startswith(_NOT_CADENCE, p):
            return None
        due_day: int | None = None
        dated = False
        got = self.number(p)
        if got is not None and self.at(got[1], "日号"):
            due_day, p, dated = got[0], got[1] + 1, True
            if not 1 <= due_day <= 31:
                msg = f"due day {due_day} is not 1–31"
                raise _ImpossibleError(msg, pos, p)
        else:
            end_word = self.word(p, ("季度末", "月底", "月末", "季末", "年底", "年末", "底", "末"))
            if end_word is not None:
                p, dated = p + len(end_word), True
        marker = self.word(p, ("之前", "以前", "前"))
        if dated and marker is not None:
            p += len(marker)
        head_end = p
        at_least = False
        lead = self.word(p, _AT_LEAST_WORDS)
        counted = None
        if lead is not None:
            at_least = True
            counted = self.gap_count(p + len(lead))
        if counted is None:
            at_least = False
            counted = self.gap_count(p)
        if counted is not None:
            low, high, end = counted
            if at_least:
                high = None
        else:
            low, high, end = 1, None, head_end
            if to_end and self.is_gap(head_end, self.n):
                end = self.n
        try:
            value = Cadence(
                frequency=frequency,
                min_count=low,
                max_count=high,
                due_day=due_day,
                text=self.s[pos:end],
            )
        except DateValueError as err:
            raise _ImpossibleError(str(err), pos, end) from None
        return _Match(value, end)

    def is_gap(self, start: int, end: int) -> bool:
        text = self.s[start:end]
        return 0 < len(text) <= _MAX_GAP and all(_is_cjk(ch) and ch != "每" for ch in text)

    def gap_count(self, pos: int) -> tuple[int, int | None, int] | None:
        for gap in range(_MAX_GAP + 1):
            q = pos + gap
            if gap and not self.is_gap(pos, q):
                return None
            counted = self.count(q)
            if counted is not None:
                return counted
        return None

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
        if len(values) == 1:
            return _Match(values[0], end, weak)
        return _Match(PeriodSeries(values), end, weak)

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
