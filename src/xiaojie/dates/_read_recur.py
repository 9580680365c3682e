"""The whole-phrase reader: cadences, spans and the choice between readings."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import attrs

from xiaojie.dates._found import PeriodSeries
from xiaojie.dates._grammar import (
    _RANGE_SEPARATORS,
    _SPAN_PREFIXES,
    _SPAN_SUFFIXES,
    _SPAN_UNITS,
    _ImpossibleError,
    _Marker,
    _Match,
    _Window,
)
from xiaojie.dates._read_cadence import _BEFORE_WORDS, _CadenceReader
from xiaojie.dates._read_periods import (
    _CLOSE_QUOTES,
    _FIRST_WORKING_DAY,
    _FIXED_HOLIDAYS,
    _HOLIDAY_WORDS,
    _OPEN_QUOTES,
    _SEASON_FILLERS,
)
from xiaojie.dates._values import Comparator, Period, Span, SpanUnit
from xiaojie.errors import DateValueError


if TYPE_CHECKING:
    from collections.abc import Callable

    from xiaojie.dates._found import When


# The seasons of farm work: when they fall differs by region and year (春耕前, 秋收后).
_FARM_SEASONS = (
    "春耕", "春播", "夏收", "夏播", "夏种", "三夏", "秋收", "秋播", "秋种", "三秋", "麦收", "秋冬种",
)  # fmt: skip
# Seasons of the calendar and of the year's work whose dates a plan does not give either: where
# a season starts differs by region and by reckoning (冬季, 入冬前), as do school terms (开学前,
# 暑假期间); 两节 names two holidays (元旦 and 春节, or 中秋 and 国庆) without saying which.
_OTHER_SEASONS = (
    "春季", "夏季", "秋季", "冬季", "冬春季节", "秋冬季节", "冬春季", "秋冬季", "入冬", "入夏",
    "开学", "寒假", "暑假", "寒暑假", "两节",
)  # fmt: skip
# Events that date a duty (longest first), and the words that make them a time; the public
# holidays among them are dated by the official calendar, the others (汛期, 节假日, 春耕, 冬季)
# reported.
_EVENTS = tuple(
    sorted(
        {*_HOLIDAY_WORDS, "节假日", "主汛期", "汛期", "汛", *_FARM_SEASONS, *_OTHER_SEASONS},
        key=lambda w: (-len(w), w),
    )
)
_SEASON_EVENTS = tuple(w for w in _EVENTS if w not in _HOLIDAY_WORDS and w != "节假日")
_SEASON_WORD = re.compile("|".join(_SEASON_EVENTS))
# A holiday (and a list's separator) right before another one's 期间: "元旦、春节期间".
_LISTED_HOLIDAY = re.compile(
    f"(?:{'|'.join(sorted(_HOLIDAY_WORDS, key=len, reverse=True))})"
    r"[”’」』\"]?[、和及与暨至到]?[“‘「『\"]?$"
)
# Before a holiday these make it the end of a period (至春节期间: to the last day off).
_UNTIL_HOLIDAY = ("截至", "截止到", "截止", "直至", "直到", "至", "到")
# Before 至 and a holiday's 后 these put a thing off until after the break (推迟至国庆节后).
_POSTPONED = ("推迟", "延迟", "延期", "推后", "延后", "顺延", "延长")
# How a holiday read by :meth:`_Scanner.event` starts (its name, or a quote before it).
_HOLIDAY_START = (*_HOLIDAY_WORDS, *_OPEN_QUOTES)
# Before 半个月 these make it another length or half of a month ("一个半月", "下半月内").
_NOT_BEFORE_HALF = frozenset("个上下大多")
# The numerals of a count of months ("两个半月"; not 〇, 零, 百: no count of months starts so).
_COUNT_NUMERALS = frozenset("一二两三四五六七八九十")
# Before a count of one unit these make it the last of a window ("最后一个工作日"), not a length.
_LAST_OF = frozenset({"最后", "最末"})
_BEFORE_MARKERS = frozenset(_BEFORE_WORDS)
_AFTER_MARKERS = frozenset({"后", "之后", "以后", "过后"})
_EVENT_MARKERS = (
    "之前", "以前", "前夕", "前后", "前期", "前", "期间", "之后", "以后", "过后", "后期", "后",
)  # fmt: skip
# Before 汛 these make it the work against floods (防汛, 抗汛), not the flood season.
_NOT_FLOOD_SEASON = frozenset("防抗")
# After a one-character 前/后 these make a word of their own (后续, 后置, 后来, 后勤, 后备, 后盾).
_WORD_AFTER_MARKER = frozenset("续置来者勤备盾茬提劲")
# Before a holiday these make it every year's (每年春节前, 每到春节前, 历年春节期间).
_EACH_YEAR_BEFORE = (
    "每年的",
    "每年度",
    "每一年",
    "每年",
    "每逢",
    "每到",
    "每至",
    "每当",
    "每次",
    "每个",
    "历年的",
    "历年",
    "每",
)
# 至 or 到 between two holidays: a range from one to the other ("元旦至春节期间").
_RANGE_BETWEEN = re.compile(r"[至到][“‘「『\"]?$")
# 五一 right before 劳动节 is the same holiday's name, not a list ("“五一”劳动节后").
_MAY_DAY = re.compile(r"五一[”’」』\"]?$")


def _numeral(ch: str) -> bool:
    """Whether ``ch`` is a digit or a Chinese numeral (二 of 两个半月, 1 of 1个半月)."""
    return ch.isdigit() or ch in _COUNT_NUMERALS


# Four-digit numbers before 年 in these bounds are years, not lengths ("2025年以上年度").
_SPAN_NOT_YEARS = (1949, 2100)
# Before such a number (and a length's first word) these make it a length after all (树龄2000年
# 以上, 长达2000年); 史 after it or just before does too (有2000年以上历史, 历史超过2000年).
_LENGTH_BEFORE = ("龄", "长达", "已有", "历时")


class _Scanner(_CadenceReader):
    """The full reader: periods, cadences and spans."""

    # -- cadences and spans ------------------------------------------------------------------

    def span(self, pos: int) -> _Match | None:
        if self.s[max(0, pos - 2) : pos] in _LAST_OF:
            # "12月最后一个工作日": the last working day of a window, not a length of one day.
            end = self.last_of_end(pos)
            if end is not None:
                msg = (
                    f"{self.quote(pos - 2, end)} is the last of a window, not a length; it is "
                    "not read"
                )
                raise _ImpossibleError(msg, pos - 2, end)
        p = pos
        before: Comparator | None = None
        for word, comparator in _SPAN_PREFIXES:
            if self.s.startswith(word, p):
                before, p = comparator, p + len(word)
                break
        amount: int
        unit: SpanUnit
        first = -1  # where the number starts (not for 半年, 半个月)
        if self.s.startswith("半年", p) and self.word(p + 1, ("年",)) is not None:
            amount, unit, p = 6, SpanUnit.MONTHS, p + 2
        elif self.s.startswith(("半个月", "半月"), p) and self.half_month_length(p):
            # 半个月内: fifteen days (as 半年 is six months); not 一个半月, 下半月, 大半个月
            amount, unit = 15, SpanUnit.DAYS
            p += 3 if self.s.startswith("半个月", p) else 2
        else:
            got = self.number(p)
            if got is None:
                return None
            first = p
            amount, p, _ = got
            for word, candidate in _SPAN_UNITS:
                if self.s.startswith(word, p) and self.word(p, (word,)) is not None:
                    unit, p = candidate, p + len(word)
                    break
            else:
                return None
        after: Comparator | None = None
        for word, comparator in _SPAN_SUFFIXES:
            # After a length, "内在" is 内 and 在 ("5年内在全市推广"), not the word 内在.
            bound = self.word(p, (word,)) is not None or self.s.startswith("内在", p)
            if self.s.startswith(word, p) and bound:
                if before is None or before is comparator:
                    after, p = comparator, p + len(word)
                break
        year = self.number(first, year=True) if first >= 0 else None
        if (
            unit is SpanUnit.YEARS
            and year
            and year[1] - first == 4
            and _SPAN_NOT_YEARS[0] <= year[0] <= _SPAN_NOT_YEARS[1]
            and "史" not in self.s[p : p + 4]
            and "史" not in self.s[max(0, pos - 3) : pos]
            and not self.s[max(0, pos - 2) : pos].endswith(_LENGTH_BEFORE)
        ):
            # "不高于2017年征收标准", "保持2024年以上水平": a year, not a length of two thousand
            # years ("有2000年以上历史", "树龄2000年以上" are lengths)
            return None
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

    def half_month_length(self, p: int) -> bool:
        """Whether 半个月 at ``p`` is a length of fifteen days (竣工后半个月内, 不超过半个月).

        Not half of a month (下半月, 上半个月, 本月后半个月) nor part of another length (大半个月);
        "一个半月内" (a month and a half) is reported.
        """
        before = self.s[p - 1] if p else ""
        if before == "个" and p > 1 and _numeral(self.s[p - 2]):
            start = p - 2
            while start and _numeral(self.s[start - 1]):
                start -= 1
            stop = p + (3 if self.s.startswith("半个月", p) else 2)
            msg = f"{self.quote(start, stop)} is a length of months and a half; it is not read"
            raise _ImpossibleError(msg, start, stop)
        if before and before in "前后":
            # 竣工后半个月内 (after an event); 本月后半个月, 每月前半个月 (a half of the month)
            return not (p > 1 and self.s[p - 2] in "月旬周年")
        if self.s[max(0, p - 2) : p] == "上下":
            return True  # 全县上下半个月内完成
        return not before or not (before in _NOT_BEFORE_HALF or _numeral(before))

    def last_of_end(self, pos: int) -> int | None:
        """Return the end of "一个工作日", "1天", "一周" … at ``pos`` (after 最后), or ``None``."""
        got = self.number(pos)
        if got is None or got[0] != 1:
            return None
        unit = next((w for w, _ in _SPAN_UNITS if self.s.startswith(w, got[1])), None)
        return None if unit is None else got[1] + len(unit)

    def event(self, pos: int) -> _Match | None:
        """Read or refuse a time named by an event: "国庆期间", "春节前"; "汛期前", "节假日期间".

        A public holiday is read by :meth:`holiday`. Flood seasons differ by region and year
        and 节假日 names no holiday: the plan does not say which dates it means, so the phrase
        is reported rather than skipped (the duty is dated) or given invented dates.
        """
        lead = self.word(pos, _UNTIL_HOLIDAY)  # 至春节期间, 到春节前: the end of a period
        if lead is not None and not self.until_word(lead, pos):
            return None
        if lead is not None:
            q = pos + len(lead)
            got = self.event(q) if self.s.startswith(_HOLIDAY_START, q) else None
            return None if got is None else self.until_holiday(got, pos)
        opened = self.s[pos : pos + 1] in _OPEN_QUOTES  # “五一”前
        for word in _EVENTS:
            if not self.s.startswith(word, pos + opened):
                continue
            p = pos + opened + len(word)
            if self.s[p : p + 1] in _CLOSE_QUOTES:
                p += 1
            elif opened:
                continue
            if word in _HOLIDAY_WORDS:
                p = self.holiday_name_end(word, p)  # “五一”劳动节, 春节假期后, 国庆长假期间
            elif word in _SEASON_EVENTS:
                p = self.season_end(p)  # 春耕生产前, 三夏、三秋期间
            marker = next((m for m in _EVENT_MARKERS if self.s.startswith(m, p)), None)
            if marker is None:
                continue
            end = p + len(marker)
            if word == "汛" and pos and self.s[pos - 1] in _NOT_FLOOD_SEASON:
                return None  # 防汛前期, 抗汛后: the work against floods, not their season
            if len(marker) == 1 and self.char(end) in _WORD_AFTER_MARKER:
                return None  # 后续, 后勤: a word of its own
            if word in _HOLIDAY_WORDS:
                return self.holiday(word, marker, pos, p)
            named = "、".join(dict.fromkeys(_SEASON_WORD.findall(self.s, pos, end))) or word
            msg = (
                f"{self.quote(pos, end)} is dated by an event ({named}) whose dates the plan does "
                "not give; it is not read as a date"
            )
            raise _ImpossibleError(msg, pos, end)
        return None

    def season_end(self, p: int) -> int:
        """Return where a season read up to ``p`` ends, with what may stand before its marker.

        Words of its work (春耕生产, 秋收结束) and other seasons listed after it (三夏、三秋,
        秋收秋种: one marker for all of them).
        """
        while True:
            filler = self.word(p, _SEASON_FILLERS)
            if filler is not None:
                p += len(filler)
            joined = self.word(p, _SEASON_EVENTS)  # 秋收秋种期间
            if joined is not None:
                p += len(joined)
                continue
            if self.s[p : p + 1] not in ("、", "和", "及", "与"):
                return p
            other = self.word(p + 1, _SEASON_EVENTS)
            if other is None:
                return p
            p += 1 + len(other)

    def until_holiday(self, got: _Match, pos: int) -> _Match | None:
        """Read "至春节期间", "到国庆节前" (``got`` read after the 至 or 到 at ``pos``): a deadline.

        The period a plan runs "至春节期间" ends on the holiday's last day off; "至春节前" is
        the deadline "春节前" is. "至春节后" gives no day the period ends: refused.
        """
        value = got.value
        if isinstance(value, Period) and value.end is None and self.s.endswith(_POSTPONED, 0, pos):
            return None  # 推迟至国庆节后: from the day after the break, read without the 至
        if not isinstance(value, Period) or value.end is None:
            msg = (
                f"{self.quote(pos, got.end)} runs to a time after a holiday, a day the plan does "
                "not give; it is not read"
            )
            raise _ImpossibleError(msg, pos, got.end)
        text = self.s[pos : got.end]
        return attrs.evolve(got, value=Period(None, value.end, text=text))

    def holiday(self, word: str, marker: str, pos: int, after: int) -> _Match:
        """Read "国庆期间", "春节前", "国庆节前", "春节后" (``after`` is where the marker starts).

        期间 is the days off (:meth:`holiday_period`). 前 of a holiday on a fixed day (元旦,
        五一, 国庆) is the day before it; of one that moves with the lunar calendar or a solar
        term (春节, 清明, 端午, 中秋) the day before its first day off: "春节前" is 14 February
        2026 (days off 15-23 February), the last day the offices work before it. 后 of any
        holiday is from the day after its last day off, to the end of a range if one follows
        ("春节后至3月底"). The holiday is the coming one (:meth:`coming_holiday`).

        Refused: 前后, 前夕, 前期, 后期 (around it, no day); a count after the marker ("春节后一周
        内", "春节前一个月": from a day the plan does not fix); one marker for several holidays
        ("元旦春节前"); a holiday of every year ("每年春节前", "每到春节前").
        """
        end = after + len(marker)
        self.refuse_around_holiday(word, pos, after)
        if marker == "期间":
            return self.holiday_period(word, pos, end)
        self.refuse_shared_or_yearly(word, pos, end)
        if marker not in _BEFORE_MARKERS and _FIRST_WORKING_DAY.match(self.s, end):
            # 春节后第一个工作日: that day; 前 after it, by that day; 起, from it; a range, to its end
            last = self.coming_holiday(word, pos, end, meant_until="month after")[1]
            day, stop = self.first_working_day(last, pos, end)
            first, until, stop = self.around_first_working_day(day, pos, stop)
            value = Period(first, until, text=self.s[pos:stop])
            return _Match(value, stop, yearless=True, holiday_year=last.year)
        self.refuse_holiday_count(pos, end)
        text = self.s[pos:end]
        if marker in _BEFORE_MARKERS:
            sep = self.word(end, _RANGE_SEPARATORS)
            other = (
                None if sep is None else self.atom(end + len(sep), self.ref.year, explicit=False)
            )
            if other is not None:
                stop = other[1]
                msg = (
                    f"{self.quote(pos, stop)} starts a range before a holiday, on a day the plan "
                    "does not give; it is not read"
                )
                raise _ImpossibleError(msg, pos, stop)
            if word in _FIXED_HOLIDAYS:  # 五一前, 国庆节前, 元旦前: the day before the coming one
                eve = self.fixed_eve(word, self.ref.year, pos, end)
                if eve < self.ref:
                    eve = self.fixed_eve(word, self.ref.year + 1, pos, end)
            else:
                eve = self.coming_holiday(word, pos, end, meant_until="first")[0]
                eve -= dt.timedelta(days=1)
            year = (eve + dt.timedelta(days=1)).year  # 元旦前: the eve is in December
            return _Match(Period(None, eve, text=text), end, yearless=True, holiday_year=year)
        last = self.coming_holiday(word, pos, end, meant_until="month after")[1]
        start = last + dt.timedelta(days=1)
        ranged = self.holiday_range(start, pos, end)
        if ranged is not None:
            stop = ranged[1]
            value = Period(start, ranged[0], text=self.s[pos:stop])
            return _Match(value, stop, yearless=True, holiday_year=last.year)
        return _Match(Period(start, None, text=text), end, yearless=True, holiday_year=last.year)

    def holiday_period(self, word: str, pos: int, end: int) -> _Match:
        """Read "国庆期间", "春节期间": the coming holiday's days off on the official calendar.

        The holiday of the reference year, or the next year's once that one is over. Not read:
        a list of holidays sharing the 期间 ("元旦、春节期间", "中秋国庆期间": one period each is
        not what is written), a holiday of every year ("每年春节期间": a cadence's window) and
        the run-up to one ("迎国庆期间").
        """
        self.refuse_shared_or_yearly(word, pos, end)
        if self.s[max(0, pos - 1) : pos] == "迎":
            # 迎国庆期间, 喜迎春节期间: the days leading up to the holiday, not its days off
            msg = (
                f"{self.quote(pos - 1, end)} is the run-up to the {word} holiday, whose start the "
                "plan does not give; it is not read as a date"
            )
            raise _ImpossibleError(msg, pos - 1, end)
        first, last = self.coming_holiday(word, pos, end, meant_until="last", check_marker=True)
        value = Period(first, last, text=self.s[pos:end])
        return _Match(value, end, yearless=True, holiday_year=last.year)

    def refuse_shared_or_yearly(self, word: str, pos: int, end: int) -> None:
        """Refuse a holiday that shares its marker with another or comes back every year.

        "元旦、春节期间", "中秋国庆期间", "元旦春节前": one marker for several holidays is not one
        of them; "每年春节期间", "每逢春节前", "每到春节前": a cadence's window, whose dates
        differ every year. "“五一”劳动节" is one holiday.
        """
        before = self.s[max(0, pos - 8) : pos]
        listed = _LISTED_HOLIDAY.search(before)
        if listed is not None and not (word == "劳动节" and _MAY_DAY.search(before)):
            start = pos - (len(before) - listed.start())
            marker = next(m for m in _EVENT_MARKERS if self.s.endswith(m, 0, end))
            what = (
                "is a range from one holiday to another"
                if _RANGE_BETWEEN.search(before)
                else f"names several holidays for one {marker}"
            )
            msg = f"{self.quote(start, end)} {what}; the phrase is not read"
            raise _ImpossibleError(msg, start, end)
        if before.endswith(_EACH_YEAR_BEFORE):
            msg = (
                f"{self.quote(pos, end)} names the {word} holiday of every year (a cadence's "
                "window, not one date); it is not read as a date"
            )
            raise _ImpossibleError(msg, pos, end)

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
        return _Match(value, end, weak, own_year=own, yearless=own is None, each=first.each)

    def apply(self, window: _Window, marker: _Marker, start: int, end: int) -> Period:
        if window.kind == "holiday" and marker is not _Marker.AFTER:
            # 从2026年春节后: the days off of a holiday are read only with the 后 after them
            msg = f"{self.quote(start, end)} is not read: 后 of a holiday with another marker"
            raise _ImpossibleError(msg, start, end)
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
            readers += [
                lambda: self.cadence(pos, to_end=to_end),
                lambda: self.span(pos),
                lambda: self.event(pos),
            ]
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
