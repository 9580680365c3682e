"""Reading Chinese time phrases: :func:`parse_when` and :func:`find_when`.

The meanings are those of the project's time specification (``TIME.md``): a period is a closed
interval of dates; "X前", "X之前", "X以前", "截至X", "不晚于X" and "到X" are deadlines due at the
end of X, inclusive; a window without 前 ("7月中旬") is the window itself; ranges run from the
start of their first part to the end of their last; a phrase without a year takes the year of the
``reference`` date (the plan's 发文时间), never the clock's.

What a phrase becomes
---------------------
* A window or deadline → :class:`~xiaojie.dates.Period`.
* Two or more dated parts joined by 和/、/及/与 ("7月底和10月底前") → :class:`PeriodSeries`, in the
  written order.
* A recurrence (每月1次, 每季度至少专题研究1次) → :class:`~xiaojie.dates.Cadence`.
* A bounded length (不超过15天, 1年以上, 20个工作日内) → :class:`~xiaojie.dates.Span`.

A bare window that a sentence uses with a reporting verb ("9月底向党中央报送") parses to the window
(25–30 September); whether it is due at its end is for the caller, who sees the verb, to decide.

Readings chosen where the specification is silent
-------------------------------------------------
Periods

* 全年 is the whole year, like 年内. 今年 and 本年 are the reference year, 明年 the one after it and
  去年 the one before. 次年 and 翌年 are the year after the preceding part's year ("12月至次年2月"),
  or after the reference year when nothing precedes. 当年 ("that year") refers to an event, not to
  the document, and is not read.
* "X季度末" is the last part (25th to the end) of the quarter's last month, like 月底.
* "X内", "X以内", "X之内", "X期间" and "X时期" are X itself ("过渡期内", "7月内").
* "X起", "X开始", "X以来", "自X", "从X" start on X's first day and have an open end
  ("2021年以来" is 2021-01-01 onwards). "X后", "X以后", "X之后" start on the day after X ends and
  have an open end ("9月底后" is 1 October onwards), consistent with 过渡期后.
* "到X为止", "最迟X", "最晚X" and "截止X" are deadlines like "截至X".
* A range keeps its start when a deadline word is added ("6月中旬—9月底前" is 11 June–30
  September).
* A range whose second part has no year and would end before the first starts runs into the next
  year ("12月至2月" ends on the last day of the following February).
* The second part of a range or series takes its year from the first ("2025年10月至12月"), and a
  bare day its month ("6月11日至20日", "6月11—20日"). A bare number before a dash takes the unit of
  what follows ("10—12月" is 1 October–31 December).
* In a series a marker written once applies to every part that has none: "7月底和10月底前" is two
  deadlines, as is "到7月底和10月底". "7月中旬和9月底前" is therefore two deadlines as well.
* "月底", "月中" … without a month number are not read: the month is not known. A day alone
  ("15日前") is not read either.
* Years are written with four digits (2025, 二〇二五 or 二零二五).

Cadences

* "N次" is exactly N per window (``min_count == max_count == N``), as :meth:`Cadence.describe`
  writes it; "至少N次", "不少于N次" and "N次以上" are at least N; "不超过N次" and "最多N次" are one
  to N; "N—M次" is N to M.
* A cadence with no count ("每季度听取工作汇报") needs at least one occurrence per window. In
  running text only "每季度" is reported; :func:`parse_when` also accepts the verb after it
  ("每季度听取").
* "每个月", "每季", "每个季度", "每年度" and "每星期" are the same as 每月, 每季度, 每年 and 每周.
* "每月28日前" sets :attr:`Cadence.due_day`; "每月底前" and "每季度末" are due at the window's end.
* "每年累计", "每年平均" and "每年人均" measure a quantity per year; they are not recurrences and
  are not read as cadences.

Spans

* A span needs a bound word: 不超过, 以内, 之内, 内, 以下, 至多, 最多 (at most); 以上, 不少于, 至少,
  满 (at least); 超过, 多于 (more than); 不满, 不足, 少于 (less than). "N个工作日" without one is a
  time limit and means at most N working days. Other bare lengths ("回看四年") are not spans, so
  the bare text :meth:`Span.describe` gives an exact span ("15天") is not read back.
* "半年" is six calendar months; "日" and "天" are both calendar days ("15日内").
* Hours and minutes are not read.

Undated duty words (及时, 常态化, 定期 …) and relative days (明天, 下周) are not time phrases here:
:func:`parse_when` rejects them and :func:`find_when` skips them.

Finding phrases in running text
-------------------------------
:func:`find_when` reads the longest phrase at each place and skips numbers that are not times: an
index number ("640324017/2026-00009"), an ordinal ("第六轮"), a score ("95分"), a list number
("10." or "1.常态化" at a line start), a percentage or count ("60%", "80万人",
"12个闽宁产业园"). Chinese numerals often belong to other words ("统一月底报送", "一年一次"), so
a phrase written in them is reported only after punctuation, a space, the start of the text or a
function word (于, 在, 到, 至, 和, 及, 与, 自, 从, 的, 是, 为 …): "在十月底前" and "，二〇二五年十月"
are found, "各地十月底前" is not. A bare month in Chinese numerals with nothing else ("一月") is not
reported either.
A phrase that has the shape of a date but names an impossible one ("2月30日", "13月") raises
:class:`~xiaojie.errors.TimePhraseError` rather than being dropped silently.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from typing import TYPE_CHECKING, TypeAlias

import attrs

from xiaojie.dates._named import NAMED_PERIODS, NamedPeriods
from xiaojie.dates._values import (
    Cadence,
    Comparator,
    Frequency,
    Period,
    Span,
    SpanUnit,
    as_date,
)
from xiaojie.errors import DateValueError, TimePhraseError


if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


__all__ = ["Found", "PeriodSeries", "When", "find_when", "parse_when"]


# --------------------------------------------------------------------------------------------
# Values


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

    Examples
    --------
    >>> import datetime as dt
    >>> [found] = find_when("9月10日前开展自查验收", reference=dt.date(2025, 6, 18))
    >>> found.text, found.offset, found.end, str(found.value.due)
    ('9月10日前', 0, 6, '2025-09-10')

    .. versionadded:: 0.1.0
    """

    text: str
    offset: int
    value: When

    @property
    def end(self) -> int:
        """The offset just after the phrase."""
        return self.offset + len(self.text)


# --------------------------------------------------------------------------------------------
# Text helpers

# Length-preserving normalisation, so that offsets in the normalised text are offsets in the source.
_NORMALISE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "－": "-",
        "﹣": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "―": "—",
        "～": "~",
        "〜": "~",
        "．": ".",
        "／": "/",
        "：": ":",
        "％": "%",
    }
)
_STRIP_QUOTES = "“”\"'‘’「」『』《》〈〉"
_STRIP_TRAILING = "。，,;；:：!！?？、"

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = frozenset(_CN_DIGITS) | frozenset(_CN_UNITS)
_MAX_DIGITS = 6

# The characters after which a phrase written in Chinese numerals may start in running text.
_CN_LEAD = frozenset("于在到至止和及与自从起前后的是为年截迟晚满过超少多")

_RANGE_SEPARATORS = ("——", "—", "–", "-", "~", "至", "到")
_SERIES_SEPARATORS = ("以及", "和", "、", "及", "与")
_DEADLINE_PREFIXES = (
    "截至到",
    "截止到",
    "截至",
    "截止",
    "不晚于",
    "最迟于",
    "最晚于",
    "最迟",
    "最晚",
    "到",
    "至",
)
_FROM_PREFIXES = ("自从", "自", "从")

# Characters after which a marker or a month part is the start of another word instead.
_NOT_AFTER = {
    "前": frozenset("期列提沿景进往端后夕面身者台"),
    "后": frozenset("续期来面者果备勤方盾"),
    "起": frozenset("草诉因点步来到身码飞居"),
    "内": frozenset("容部涵在外地需控蒙"),
    "中": frozenset("央国共华心间期小等级外学秋标西部东南北层方文医药型长短专青高初"),
    "初": frozenset("步期级心始中审稿衷次"),
    "底": frozenset("线数色层部子座薪气"),
    "末": frozenset("端尾梢位期"),
    "周": frozenset("年岁边围转"),
    "年": frozenset("级龄度代制份轻华终"),
    "天": frozenset("然气空津下"),
}

_MONTH_PARTS: tuple[tuple[str, int, int | None], ...] = (
    # (word, first day, last day or None for the month's last day)
    ("上中旬", 1, 20),
    ("中下旬", 11, None),
    ("上旬", 1, 10),
    ("中旬", 11, 20),
    ("下旬", 21, None),
    ("初", 1, 5),
    ("中", 11, 20),
    ("底", 25, None),
    ("末", 25, None),
)

_FREQUENCIES = (
    ("个星期", Frequency.WEEKLY),
    ("个季度", Frequency.QUARTERLY),
    ("星期", Frequency.WEEKLY),
    ("季度", Frequency.QUARTERLY),
    ("半年", Frequency.HALF_YEARLY),
    ("年度", Frequency.YEARLY),
    ("个月", Frequency.MONTHLY),
    ("周", Frequency.WEEKLY),
    ("季", Frequency.QUARTERLY),
    ("月", Frequency.MONTHLY),
    ("年", Frequency.YEARLY),
)
_NOT_CADENCE = ("累计", "平均", "人均")
_AT_LEAST_WORDS = ("不少于", "至少", "最少")
_AT_MOST_WORDS = ("不超过", "不多于", "最多", "至多")
_MAX_GAP = 10

_SPAN_UNITS = (
    ("个工作日", SpanUnit.WORKING_DAYS),
    ("工作日", SpanUnit.WORKING_DAYS),
    ("个星期", SpanUnit.WEEKS),
    ("星期", SpanUnit.WEEKS),
    ("个月", SpanUnit.MONTHS),
    ("天", SpanUnit.DAYS),
    ("日", SpanUnit.DAYS),
    ("周", SpanUnit.WEEKS),
    ("年", SpanUnit.YEARS),
)
_SPAN_PREFIXES = (
    ("不超过", Comparator.AT_MOST),
    ("不多于", Comparator.AT_MOST),
    ("不高于", Comparator.AT_MOST),
    ("不少于", Comparator.AT_LEAST),
    ("不低于", Comparator.AT_LEAST),
    ("不满", Comparator.LESS_THAN),
    ("不足", Comparator.LESS_THAN),
    ("最多", Comparator.AT_MOST),
    ("至多", Comparator.AT_MOST),
    ("最少", Comparator.AT_LEAST),
    ("至少", Comparator.AT_LEAST),
    ("超过", Comparator.MORE_THAN),
    ("多于", Comparator.MORE_THAN),
    ("少于", Comparator.LESS_THAN),
    ("满", Comparator.AT_LEAST),
)
_SPAN_SUFFIXES = (
    ("及以上", Comparator.AT_LEAST),
    ("以上", Comparator.AT_LEAST),
    ("以下", Comparator.AT_MOST),
    ("以内", Comparator.AT_MOST),
    ("之内", Comparator.AT_MOST),
    ("内", Comparator.AT_MOST),
)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "〇"


def _cn_value(run: str) -> int | None:
    """Return the value of a Chinese numeral written with 十/百/千, or of a single digit."""
    if not any(ch in _CN_UNITS for ch in run):
        return _CN_DIGITS[run] if len(run) == 1 else None
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in run:
        if ch in _CN_DIGITS:
            value = _CN_DIGITS[ch]
            if value == 0:
                if digit is not None or total == 0:
                    return None
                continue
            if digit is not None:
                return None
            digit = value
        else:
            unit = _CN_UNITS[ch]
            if unit >= last_unit:
                return None
            if digit is None:
                if total != 0 or unit != 10:
                    return None
                digit = 1
            total += digit * unit
            digit = None
            last_unit = unit
    if digit is not None:
        total += digit
    return total


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class _ImpossibleError(Exception):
    """A phrase has the shape of a date but names an impossible one (internal)."""

    def __init__(self, reason: str, start: int, end: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.start = start
        self.end = end


class _Marker(enum.Enum):
    NONE = "none"
    DEADLINE = "deadline"
    FROM = "from"
    AFTER = "after"
    WITHIN = "within"


@attrs.frozen
class _Window:
    start: dt.date | None
    end: dt.date | None
    year: int
    explicit_year: bool
    month: int | None
    kind: str
    weak: bool = False
    own_year: bool = False


@attrs.frozen
class _Item:
    window: _Window
    prefix: _Marker
    suffix: _Marker
    start: int


@attrs.frozen
class _Match:
    value: When
    end: int
    weak: bool = False


# --------------------------------------------------------------------------------------------
# The scanner


class _Scanner:
    """A recursive-descent reader over normalised text; every method returns ``None`` or a parse."""

    def __init__(self, text: str, reference: dt.date, named: NamedPeriods) -> None:
        self.s = text
        self.n = len(text)
        self.ref = reference
        self.named = named

    # -- small pieces ------------------------------------------------------------------------

    def word(self, pos: int, words: tuple[str, ...]) -> str | None:
        for w in words:
            if self.s.startswith(w, pos):
                follow = self.s[pos + len(w)] if pos + len(w) < self.n else ""
                if follow and follow in _NOT_AFTER.get(w[-1], frozenset()) and len(w) == 1:
                    continue
                return w
        return None

    def char(self, pos: int) -> str:
        return self.s[pos] if pos < self.n else ""

    def at(self, pos: int, chars: str) -> bool:
        """Return whether the character at ``pos`` exists and is one of ``chars``."""
        return pos < self.n and self.s[pos] in chars

    def number(self, pos: int, *, year: bool = False) -> tuple[int, int, bool] | None:
        """Read a number at ``pos``: (value, end, written in Chinese)."""
        end = pos
        while end < self.n and self.s[end].isascii() and self.s[end].isdigit():
            end += 1
        if end > pos:
            if end - pos > _MAX_DIGITS:
                return None
            return int(self.s[pos:end]), end, False
        while end < self.n and self.s[end] in _CN_CHARS:
            end += 1
        if end == pos:
            return None
        run = self.s[pos:end]
        if year:
            if len(run) == 4 and all(ch in _CN_DIGITS and ch != "两" for ch in run):
                return int("".join(str(_CN_DIGITS[ch]) for ch in run)), end, True
            return None
        # Take the longest prefix of the run that is a valid numeral ("十二月" → 十二).
        for stop in range(end, pos, -1):
            value = _cn_value(self.s[pos:stop])
            if value is not None:
                return value, stop, True
        return None

    def date(self, year: int, month: int, day: int, start: int, end: int) -> dt.date:
        try:
            return dt.date(year, month, day)
        except (ValueError, OverflowError):
            if not 1 <= month <= 12:
                reason = f"month {month} is not 1–12"
            elif not dt.MINYEAR <= year <= dt.MAXYEAR:
                reason = f"year {year} is outside {dt.MINYEAR}–{dt.MAXYEAR}"
            else:
                last = _month_end(year, month).day
                reason = f"{month}月{day}日 does not exist in {year} ({month}月 has {last} days)"
            raise _ImpossibleError(reason, start, end) from None

    def month_end(self, year: int, month: int, start: int, end: int) -> dt.date:
        self.date(year, month, 1, start, end)
        return _month_end(year, month)

    # -- atoms: one window ------------------------------------------------------------------

    def year_prefix(self, pos: int, year: int) -> tuple[int, int] | None:
        """Read "2025年", "二〇二五年", "今年", "次年" …: (year, end after 年)."""
        for word, delta in (("今年", 0), ("本年", 0), ("明年", 1), ("去年", -1)):
            if self.s.startswith(word, pos):
                return self.ref.year + delta, pos + 2
        if self.s.startswith(("次年", "翌年"), pos):
            return year + 1, pos + 2
        got = self.number(pos, year=True)
        if got is None:
            return None
        value, end, _ = got
        if end - pos == 4 and self.char(end) == "年":
            if value == 0:
                msg = "year 0 does not exist"
                raise _ImpossibleError(msg, pos, end + 1)
            return value, end + 1
        return None

    def atom(
        self, pos: int, year: int, *, explicit: bool, month: int | None = None
    ) -> tuple[_Window, int] | None:
        """Read one window at ``pos``; ``year`` is the default year, ``month`` for a bare day."""
        name = self.named.match(self.s, pos)
        if name is not None:
            period = self.named[name]
            known = period.start or period.end
            assert known is not None  # noqa: S101 - a Period always has a bound
            window = _Window(
                period.start,
                period.end,
                known.year,
                explicit_year=True,
                month=None,
                kind="named",
                own_year=True,
            )
            return window, pos + len(name)
        iso = self.iso(pos)
        if iso is not None:
            return iso
        prefix = self.year_prefix(pos, year)
        if prefix is not None:
            y, p = prefix
            window, end = self.after_year(pos, y, p, explicit=True)
            return attrs.evolve(window, own_year=True), end
        part = self.year_part(pos, year, pos, explicit=explicit)
        if part is not None:
            return part
        quarter = self.quarter(pos, year, pos, explicit=explicit)
        if quarter is not None:
            return quarter
        got = self.month(pos, year, pos, explicit=explicit)
        if got is not None:
            return got
        if month is not None:
            return self.day_only(pos, year, month, explicit=explicit)
        return None

    def iso(self, pos: int) -> tuple[_Window, int] | None:
        s = self.s
        if pos + 8 > self.n or not s[pos : pos + 4].isdigit() or not s[pos : pos + 4].isascii():
            return None
        if self.char(pos + 4) != "-":
            return None
        p = pos + 5
        parts: list[int] = []
        for index in range(2):
            q = p
            while q < self.n and q - p < 3 and s[q].isascii() and s[q].isdigit():
                q += 1
            if q == p or q - p > 2:
                return None
            parts.append(int(s[p:q]))
            p = q
            if index == 0:
                if self.char(p) != "-":
                    return None
                p += 1
        if self.char(p).isdigit():
            return None
        y = int(s[pos : pos + 4])
        day = self.date(y, parts[0], parts[1], pos, p)
        return _Window(
            day, day, y, explicit_year=True, month=parts[0], kind="day", own_year=True
        ), p

    def after_year(self, start: int, year: int, pos: int, *, explicit: bool) -> tuple[_Window, int]:
        """Read what follows "2025年": a part of the year, a quarter, a month or nothing."""
        s = self.s
        part = self.year_part(start, year, pos, explicit=explicit)
        if part is None and self.word(pos, ("底", "末", "初", "内")) is not None:
            # "2025年底": the 年 of the year also serves 年底.
            part = self.year_part(start, year, pos - 1, explicit=explicit)
        if part is not None:
            return part
        quarter = self.quarter(start, year, pos, explicit=explicit)
        if quarter is not None:
            return quarter
        got = self.month(start, year, pos, explicit=explicit)
        if got is not None:
            return got
        end = pos + 1 if s.startswith("度", pos) else pos
        first = self.date(year, 1, 1, start, end)
        return _Window(first, dt.date(year, 12, 31), year, explicit, None, "year"), end

    def year_part(
        self, start: int, year: int, pos: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        """Read 上半年, 下半年, 年底, 年末, 年初, 年内 or 全年 at ``pos`` in ``year``."""
        s = self.s
        if not s.startswith(("上半年", "下半年", "年底", "年末", "年初", "年内", "全年"), pos):
            return None
        self.date(year, 1, 1, start, pos + 1)
        parts = {
            "上半年": (dt.date(year, 1, 1), dt.date(year, 6, 30)),
            "下半年": (dt.date(year, 7, 1), dt.date(year, 12, 31)),
            "年底": (dt.date(year, 12, 1), dt.date(year, 12, 31)),
            "年末": (dt.date(year, 12, 1), dt.date(year, 12, 31)),
            "年初": (dt.date(year, 1, 1), _month_end(year, 2)),
            "年内": (dt.date(year, 1, 1), dt.date(year, 12, 31)),
            "全年": (dt.date(year, 1, 1), dt.date(year, 12, 31)),
        }
        for word, (first, last) in parts.items():
            if s.startswith(word, pos):
                return _Window(first, last, year, explicit, None, "yearpart"), pos + len(word)
        return None

    def quarter(
        self, start: int, year: int, pos: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        p = pos + 1 if self.s.startswith("第", pos) else pos
        got = self.number(p)
        if got is None:
            return None
        value, end, _ = got
        if not self.s.startswith("季度", end):
            return None
        end += 2
        if not 1 <= value <= 4:
            msg = f"quarter {value} is not 1–4"
            raise _ImpossibleError(msg, start, end)
        first_month = 3 * value - 2
        first = self.date(year, first_month, 1, start, end)
        last = _month_end(year, first_month + 2)
        if self.word(end, ("末",)) is not None:
            return _Window(last.replace(day=25), last, year, explicit, None, "quarterpart"), end + 1
        return _Window(first, last, year, explicit, None, "quarter"), end

    def month(
        self, start: int, year: int, pos: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        got = self.number(pos)
        if got is None or self.char(got[1]) != "月":
            return None
        value, end, chinese = got
        p = end + 1
        if not 1 <= value <= 12:
            msg = f"month {value} is not 1–12"
            raise _ImpossibleError(msg, start, p)
        fen = self.char(p) == "份"
        if fen:
            p += 1
        # A day, or a range of days within the month ("6月11—20日").
        day = self.number(p)
        if day is not None:
            d1, q, _ = day
            if self.at(q, "日号"):
                first = self.date(year, value, d1, start, q + 1)
                return _Window(first, first, year, explicit, value, "day"), q + 1
            sep = self.word(q, _RANGE_SEPARATORS)
            if sep is not None:
                day2 = self.number(q + len(sep))
                if day2 is not None and self.at(day2[1], "日号"):
                    first = self.date(year, value, d1, start, day2[1] + 1)
                    last = self.date(year, value, day2[0], start, day2[1] + 1)
                    if last < first:
                        msg = f"{value}月{d1}日至{day2[0]}日 ends before it starts"
                        raise _ImpossibleError(msg, start, day2[1] + 1)
                    return _Window(first, last, year, explicit, value, "range"), day2[1] + 1
        if not fen:
            for word, first_day, last_day in _MONTH_PARTS:
                if self.word(p, (word,)) is not None:
                    last = self.month_end(year, value, start, p + len(word))
                    first = last.replace(day=first_day)
                    if last_day is not None:
                        last = last.replace(day=last_day)
                    return _Window(first, last, year, explicit, value, "monthpart"), p + len(word)
        first = self.date(year, value, 1, start, p)
        weak = chinese and not fen and not explicit
        window = _Window(first, _month_end(year, value), year, explicit, value, "month", weak)
        return window, p

    def day_only(
        self, pos: int, year: int, month: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        got = self.number(pos)
        if got is None or not self.at(got[1], "日号"):
            return None
        value, end, _ = got
        day = self.date(year, month, value, pos, end + 1)
        return _Window(day, day, year, explicit, month, "day"), end + 1

    # -- ranges, markers and series ----------------------------------------------------------

    def range(
        self, pos: int, year: int, *, explicit: bool, month: int | None
    ) -> tuple[_Window, int] | None:
        first = self.atom(pos, year, explicit=explicit, month=month)
        if first is None:
            return self.bare_number_range(pos, year, explicit=explicit)
        a, end = first
        sep = self.word(end, _RANGE_SEPARATORS)
        if sep is None or a.start is None:
            return first
        b_pos = end + len(sep)
        second = self.atom(b_pos, a.year, explicit=a.explicit_year, month=a.month)
        if second is None:
            return first
        b, b_end = second
        if not b.own_year and b.end is not None and b.end < a.start:
            rolled = self.atom(b_pos, a.year + 1, explicit=False, month=a.month)
            if rolled is not None:
                b, b_end = rolled
        if b.end is not None and b.end < a.start:
            msg = f"range ends on {b.end} before it starts on {a.start}"
            raise _ImpossibleError(msg, pos, b_end)
        window = _Window(
            a.start, b.end, b.year, a.explicit_year or b.explicit_year, b.month, "range"
        )
        return window, b_end

    def bare_number_range(
        self, pos: int, year: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        """Read "10—12月" or "2024—2025年": a number that takes the unit of what follows."""
        got = self.number(pos)
        if got is None:
            return None
        value, end, _ = got
        sep = self.word(end, _RANGE_SEPARATORS)
        if sep is None:
            return None
        second = self.atom(end + len(sep), year, explicit=explicit)
        if second is None:
            return None
        b, b_end = second
        if b.kind in {"month", "monthpart"}:
            if not 1 <= value <= 12:
                msg = f"month {value} is not 1–12"
                raise _ImpossibleError(msg, pos, end)
            start = self.date(b.year, value, 1, pos, end)
            if not b.own_year and b.end is not None and b.end < start:
                rolled = self.atom(end + len(sep), year + 1, explicit=explicit)
                if rolled is not None:
                    b, b_end = rolled
        elif b.kind in {"year", "yearpart", "quarter", "quarterpart"} and end - pos == 4:
            start = self.date(value, 1, 1, pos, end)
        else:
            return None
        if b.end is not None and b.end < start:
            msg = f"range ends on {b.end} before it starts on {start}"
            raise _ImpossibleError(msg, pos, b_end)
        return _Window(start, b.end, b.year, b.explicit_year, b.month, "range"), b_end

    def marked(
        self, pos: int, year: int, *, explicit: bool, month: int | None
    ) -> tuple[_Item, int] | None:
        prefix = _Marker.NONE
        p = pos
        word = self.word(pos, _DEADLINE_PREFIXES)
        if word is not None:
            prefix, p = _Marker.DEADLINE, pos + len(word)
        else:
            word = self.word(pos, _FROM_PREFIXES)
            if word is not None:
                prefix, p = _Marker.FROM, pos + len(word)
        core = self.range(p, year, explicit=explicit, month=month)
        if core is None:
            return None
        window, end = core
        suffix, end = self.suffix(end, prefix)
        return _Item(window, prefix, suffix, p), end

    def suffix(self, pos: int, prefix: _Marker) -> tuple[_Marker, int]:
        table: tuple[tuple[tuple[str, ...], _Marker], ...] = (
            (("之前", "以前", "为止", "前"), _Marker.DEADLINE),
            (("以来", "开始", "起"), _Marker.FROM),
            (("以后", "之后", "后"), _Marker.AFTER),
            (("以内", "之内", "期间", "时期", "内"), _Marker.WITHIN),
        )
        for words, marker in table:
            word = self.word(pos, words)
            if word is None:
                continue
            if prefix is not _Marker.NONE and marker is not prefix:
                return _Marker.NONE, pos
            if word == "为止" and prefix is not _Marker.DEADLINE:
                return _Marker.NONE, pos
            return marker, pos + len(word)
        return _Marker.NONE, pos

    def series(self, pos: int) -> tuple[list[_Item], int] | None:
        first = self.marked(pos, self.ref.year, explicit=False, month=None)
        if first is None:
            return None
        items = [first[0]]
        end = first[1]
        while True:
            sep = self.word(end, _SERIES_SEPARATORS)
            if sep is None:
                break
            last = items[-1].window
            following = self.marked(
                end + len(sep), last.year, explicit=last.explicit_year, month=last.month
            )
            if following is None:
                break
            items.append(following[0])
            end = following[1]
        return items, end

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


# --------------------------------------------------------------------------------------------
# Public functions


def _with_text(value: When, text: str, offset: int | None) -> When:
    if isinstance(value, PeriodSeries):
        parts = tuple(attrs.evolve(p, text=text, offset=offset) for p in value.periods)
        return PeriodSeries(parts, text=text, offset=offset)
    if isinstance(value, Period):
        return attrs.evolve(value, text=text, offset=offset)
    return attrs.evolve(value, text=text)


def _registry(named: NamedPeriods | None) -> NamedPeriods:
    if named is None:
        return NAMED_PERIODS
    if not isinstance(named, NamedPeriods):
        msg = f"named: expected a NamedPeriods registry, found {type(named).__name__}"
        raise DateValueError(msg)
    return named


def parse_when(text: str, *, reference: dt.date, named: NamedPeriods | None = None) -> When:
    """Return what one Chinese time phrase means.

    Parameters
    ----------
    text
        One phrase: "6月底前", "6月中旬—9月底", "7月底和10月底前", "每季度至少1次",
        "不超过15天", "过渡期后" … Surrounding spaces, quotation marks and a final punctuation
        mark are ignored.
    reference
        The plan's date (its 发文时间). A phrase without a year takes this date's year; the clock
        is never read.
    named
        The registry of named periods to use; the default registry
        :data:`~xiaojie.dates.NAMED_PERIODS` when omitted.

    Returns
    -------
    Period or PeriodSeries or Cadence or Span
        The meaning, keeping ``text`` in its ``.text``.

    Raises
    ------
    TimePhraseError
        If the text is empty, is not a time phrase this parser reads ("明天", "及时"), names an
        impossible date ("2月30日", "13月底前") or has text left over after the phrase.
    DateValueError
        If ``reference`` is not a date (a ``datetime`` is refused).

    Examples
    --------
    >>> import datetime as dt
    >>> ref = dt.date(2025, 6, 18)
    >>> parse_when("9月10日前", reference=ref)
    Period(start=None, end=datetime.date(2025, 9, 10))
    >>> parse_when("6月中旬—9月底", reference=ref).canonical()
    '2025年6月11日至2025年9月30日'
    >>> parse_when("每周1—2次", reference=ref)
    Cadence(frequency=<Frequency.WEEKLY: 'weekly'>, min_count=1, max_count=2, due_day=None)
    >>> parse_when("1年以上", reference=ref).describe()
    '1年以上'
    >>> parse_when("2月下旬", reference=dt.date(2024, 1, 1)).end    # leap year
    datetime.date(2024, 2, 29)
    >>> parse_when("2月30日", reference=ref)
    Traceback (most recent call last):
    ...
    xiaojie.errors.TimePhraseError: time phrase '2月30日': 2月30日 does not exist in 2025 (2月 has 28 days)

    .. versionadded:: 0.1.0
    """
    reference = as_date(reference, field="reference")
    registry = _registry(named)
    if not isinstance(text, str):
        raise TimePhraseError(repr(text), f"expected a str, found {type(text).__name__}")
    body = "".join(text.translate(_NORMALISE).split())
    body = body.rstrip(_STRIP_TRAILING).strip(_STRIP_QUOTES)
    if not body:
        raise TimePhraseError(
            text, "empty; expected a time phrase such as 6月底前, 每月1次 or 不超过15天"
        )
    scanner = _Scanner(body, reference, registry)
    try:
        found = scanner.phrase(0, to_end=True)
    except _ImpossibleError as err:
        raise TimePhraseError(text, err.reason) from None
    if found is None:
        reason = (
            "not a time phrase this parser reads; expected a date, a part of a month or year, "
            "a quarter, a named period, a cadence (每月1次) or a span (不超过15天)"
        )
        raise TimePhraseError(text, reason)
    if found.end != len(body):
        reason = f"unexpected text {body[found.end :]!r} after {body[: found.end]!r}"
        raise TimePhraseError(text, reason)
    return _with_text(found.value, text, None)


# Every character a phrase can start with, apart from named periods (a quick filter).
_FIRST_CHARS = frozenset(
    "0123456789"
    "今本明去次翌上下年全第每半"
    + "".join(_CN_CHARS)
    + "".join(w[0] for w in _DEADLINE_PREFIXES + _FROM_PREFIXES)
    + "".join(w[0] for w, _ in _SPAN_PREFIXES)
)


def _may_start(s: str, pos: int, named: NamedPeriods) -> tuple[bool, bool]:
    """Return (a phrase may start at ``pos``, only a period may start there)."""
    if named.match(s, pos) is not None:
        return True, False
    ch = s[pos]
    if ch not in _FIRST_CHARS:
        return False, False
    prev = s[pos - 1] if pos else ""
    if ch.isascii() and ch.isdigit():
        if prev == "第" or (prev and prev.isascii() and (prev.isalnum() or prev in "/-:_%+#")):
            return False, False
        if prev == ".":
            j = pos - 1
            while j > 0 and s[j - 1].isascii() and s[j - 1].isdigit():
                j -= 1
            if j == pos - 1:
                return True, False
            line_start = j == 0 or s[:j].rstrip(" \t\u3000").endswith("\n") or not s[:j].strip()
            return line_start, True
        return True, False
    if ch in _CN_CHARS and prev and _is_cjk(prev) and prev not in _CN_LEAD:
        return False, False
    return True, False


def find_when(
    text: str, *, reference: dt.date, named: NamedPeriods | None = None
) -> tuple[Found, ...]:
    """Find every time phrase in running text.

    Each phrase is read at its longest ("6月中旬—9月底" is one range, not two windows) and the
    search goes on after it. Numbers that are not times are skipped (see the module notes).

    Parameters
    ----------
    text
        Running text, e.g. a whole plan.
    reference
        The plan's date; phrases without a year take its year.
    named
        The registry of named periods; the default registry when omitted.

    Returns
    -------
    tuple of Found
        The phrases, sorted by offset, not overlapping. A found :class:`~xiaojie.dates.Period`
        and :class:`PeriodSeries` also carry the offset in ``.offset``.

    Raises
    ------
    TimePhraseError
        If a phrase has the shape of a date but names an impossible one ("2月30日"); the message
        gives its offset.
    DateValueError
        If ``reference`` is not a date.

    Examples
    --------
    >>> import datetime as dt
    >>> text = "7月底前召开推进会，8月底前完成培训；落实“每周1—2次”送教上门，综合评分95分以上。"
    >>> [(f.text, f.offset) for f in find_when(text, reference=dt.date(2025, 6, 18))]
    [('7月底前', 0), ('8月底前', 10), ('每周1—2次', 22)]
    >>> find_when("索引号 640324017/2026-00009，第六轮", reference=dt.date(2025, 6, 18))
    ()

    .. versionadded:: 0.1.0
    """
    reference = as_date(reference, field="reference")
    registry = _registry(named)
    if not isinstance(text, str):
        raise TimePhraseError(repr(text), f"expected a str, found {type(text).__name__}")
    s = text.translate(_NORMALISE)
    scanner = _Scanner(s, reference, registry)
    found: list[Found] = []
    pos = 0
    while pos < len(s):
        allowed, periods_only = _may_start(s, pos, registry)
        if not allowed:
            pos += 1
            continue
        try:
            match = scanner.phrase(pos, to_end=False, periods_only=periods_only)
        except _ImpossibleError as err:
            phrase = text[err.start : max(err.end, err.start + 1)]
            raise TimePhraseError(phrase, f"{err.reason} (at offset {err.start})") from None
        if match is None or match.weak or match.end == pos:
            pos += 1
            continue
        phrase = text[pos : match.end]
        found.append(Found(phrase, pos, _with_text(match.value, phrase, pos)))
        pos = match.end
    return tuple(found)
