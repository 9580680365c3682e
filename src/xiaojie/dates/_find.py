"""Finding every time phrase in running text: :func:`find_when`."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Literal

import attrs

from xiaojie.dates._cadence import Cadence, Frequency
from xiaojie.dates._found import Findings, Found, PeriodSeries, Unread, When
from xiaojie.dates._grammar import (
    _CN_CHARS,
    _CN_LEAD,
    _DEADLINE_PREFIXES,
    _FROM_PREFIXES,
    _NORMALISE,
    _SPAN_PREFIXES,
    _ImpossibleError,
    _is_cjk,
    _Match,
    _with_cn_years,
)
from xiaojie.dates._holiday import note_at, note_in, notes_elsewhere, notes_in, shifted
from xiaojie.dates._parse import _registry, _with_text
from xiaojie.dates._read_periods import (
    _AFTER_PERIOD,
    _HOLIDAY_BREAK_WORDS,
    _HOLIDAY_WORDS,
    AHEAD_OR_BEHIND,
)
from xiaojie.dates._read_recur import _EVENTS, _Scanner
from xiaojie.dates._since import from_reference, since_before
from xiaojie.dates._values import Period, as_date
from xiaojie.errors import CalendarCoverageError, DateValueError, TimePhraseError


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from xiaojie.dates._named import NamedPeriods


__all__ = ["find_when"]


# Before these, 上/下/本 belong to another word ("以下月份", "之上").
_NOT_BEFORE_RELATIVE = frozenset("以之其向线")
# The last characters of a time that a range's 至 or 到 may follow ("6月 至 年底").
_RANGE_FROM_ENDS = frozenset("年月日号底末初旬度")
# After 以 these are last year's same period ("以上年同期为基数"), which is reported, not 以上
# ("above"). 以上年度, 以上年末 stay unread: "县级以上年度重点项目" is above and annual.
_LAST_YEAR_AFTER_YI = ("上年同期", "上年当月", "上年同月", "上年当季", "上年同季")
# Characters that end a run of text in which a year named earlier still applies (not a space:
# spaces inside Chinese text are mostly left over from layout).
_RUN_ENDS = frozenset("\n\r，,。；;：:！!？?、（）()【】[]“”\"'《》")
_RUN_LOOKBACK = 120
# Characters that end the clause of a recurring duty, in which 本季度, 上月 … are counted from
# each occurrence ("每季度…将本季度落实情况报送").
_CLAUSE_ENDS = frozenset("。；;\n\r")
# Spaces inside a phrase ("2025 年 6 月底前", "7月 上 旬"): between a digit and a time unit, a unit and
# a digit, a month and its part (上旬, 底), a part and 旬 or 前.
_INNER_SPACE = re.compile(
    r"(?<=[0-9])[ \t\u3000\xa0]+(?=[年月日号季个天周次])"
    r"|(?<=[年月至到—\-~])[ \t\u3000\xa0]+(?=[0-9])"
    r"|(?<=[0-9]年)[ \t\u3000\xa0]+(?=[上下前后首第全底末初中内一二三四])"
    r"|(?<=月)[ \t\u3000\xa0]+(?=[上中下底末初内前])"
    r"|(?<=[上中下])[ \t\u3000\xa0]+(?=旬)"
    r"|(?<=[底末初旬])[ \t\u3000\xa0]+(?=[前内])"
    r"|(?<=[0-9][日号])[ \t\u3000\xa0]+(?=[前内])"
    # "上年当月 至本月", "6月 至 12月": a range's 至 or 到 after a time
    rf"|(?<=[{''.join(sorted(_RANGE_FROM_ENDS))}])[ \t\u3000\xa0]+(?=[至到])"
    # "6月 至 年底": after such a 至 or 到 too (see _after_range_word)
    r"|(?P<range>(?<=[至到])[ \t\u3000\xa0]+(?=[\u4e00-\u9fff“\"]))"
    # 每周 5, 每周 五前: a day of the week, not a word starting with one (每周 三会一课)
    r"|(?<=每周)[ \t\u3000\xa0]+"
    r"(?=[1-7]|[一二三四五六日天](?:[^\u4e00-\u9fff]|前|以前|之前|上午|下午|$))"
    # "春节 前", "国庆节 期间": a holiday and its word (the holiday is checked apart, see
    # _Compact; one class of last characters keeps the pattern quick)
    r"|(?P<holiday>(?<=[" + "".join(sorted({word[-1] for word in _HOLIDAY_WORDS})) + "])"
    r"[ \t\u3000\xa0]+(?=" + "|".join((*_AFTER_PERIOD, "期间", *_HOLIDAY_BREAK_WORDS)) + "))"
)
_HOLIDAY_ENDS = tuple(_HOLIDAY_WORDS)
_ERRORS = ("raise", "report")
# After a colon, digits with a unit are no clock time ("完成时限:6月底前", "任务1:3月底前"), nor,
# after a label's colon (no digit before it), digits before a list's mark ("完成时限:1、4、7、10月
# 底"; not the ratio "比例1:1、6月底前" or the time "14:10、11月").
_LIST_AHEAD = re.compile(r"[0-9]{1,2}、")
_UNIT_AHEAD = re.compile(r"[0-9]{1,2}(?:月|日|号|个|季)")  # "任务1:3月底前" too
_YEAR_AHEAD = re.compile(r"[0-9]{4}(?:年|[-./][0-9]|(?:、[0-9]{4})+年)")


# Every character a phrase can start with, apart from named periods (a quick filter).
_FIRST_CHARS = frozenset(
    "0123456789"
    "今本明去次翌来上下年全第每半前首近这"
    + "".join(_CN_CHARS)
    + "".join(w[0] for w in _DEADLINE_PREFIXES + _FROM_PREFIXES)
    + "".join(w[0] for w, _ in _SPAN_PREFIXES)
    + "".join(w[0] for w in _EVENTS)
    + "季月双单按逐周旬"
)
# Events whose name opens with a numeral (两节, 三夏, 三秋): after any word they are still events.
_NUMERAL_EVENTS = tuple(w for w in _EVENTS if w[0] in _CN_CHARS)
# The most years a list in Chinese numerals is looked through for its 年 (二〇二三、二〇二四年).
_MAX_LISTED_YEARS = 12
# Numbers sharing the unit of the last, after any word ("各地二、三季度", "全省三、六、九月底前"):
# unlike "一季度" in "统一季度报表", a list in Chinese numerals is not part of another word.
_SHARED_UNIT_LIST = re.compile(
    r"[一二三四五六七八九十]{1,2}、(?:第?[一二三四五六七八九十]{1,2}、){0,11}"
    r"第?[一二三四五六七八九十]{1,2}(?:月|季度)"
)
# Before 一 these make a word of it (之一, 统一, 初一, 唯一 …): "之一、3月底前" is no list.
_WORD_BEFORE_YI = frozenset("之统初唯同万专划逐单合归")
# "一季度一次", "一个月两次" after any word ("督查一季度一次"): a duty per window, not a numeral
# of another word.
_ONE_WINDOW_COUNT = re.compile(
    r"一(?:个季度|个星期|个月|季度|星期|季|周|月|年)(?:[0-9]+|[一二两三四五六七八九十]+)[次回]"
    r"|一(?:季度|季|月|周|年)一[\u4e00-\u9fff]"
)


def _may_start(s: str, pos: int, named: NamedPeriods) -> tuple[bool, bool]:
    """Return (a phrase may start at ``pos``, only a period may start there)."""
    if named.match(s, pos) is not None:
        return True, False
    if s[pos] in '“"‘「『' and pos + 1 < len(s) and named.match(s, pos + 1) is not None:
        return True, False  # a named period in quotes: “十四五”末
    if s[pos] in '“"‘「『' and s.startswith(_EVENTS, pos + 1):
        return True, False  # an event in quotes: “五一”前
    ch = s[pos]
    if ch not in _FIRST_CHARS:
        return False, False
    prev = s[pos - 1] if pos else ""
    if ch.isascii() and ch.isdigit():
        ascii_before = bool(prev) and prev.isascii() and (prev.isalnum() or prev in "/-:_%+#")
        label = pos < 2 or not s[pos - 2].isdigit()  # 完成时限:1、4月, not 1:1、6月 or 14:10、
        if prev == ":" and (
            _YEAR_AHEAD.match(s, pos)
            or _UNIT_AHEAD.match(s, pos)
            or (label and _LIST_AHEAD.match(s, pos))
        ):
            ascii_before = False  # "发布时间:2025年5月8日", "时限:6月底前": not a clock time
        if prev in {"月", "第"} or ascii_before:
            return False, False
        if prev == ".":
            j = pos - 1
            while j > 0 and s[j - 1].isascii() and s[j - 1].isdigit():
                j -= 1
            if j == pos - 1:
                return True, False
            line = s.rfind("\n", 0, j)
            line_start = not s[line + 1 : j].strip(" \t\u3000")
            return line_start, True
        return True, False
    if ch in _CN_CHARS and prev and _is_cjk(prev) and prev not in _CN_LEAD:
        return (
            s.startswith(_NUMERAL_EVENTS, pos)  # 做好两节期间, 做好三夏期间: an event
            or _plain_chinese_date(s, pos)
            or _ONE_WINDOW_COUNT.match(s, pos) is not None
            or (
                prev not in _CN_CHARS
                and not (ch == "一" and prev in _WORD_BEFORE_YI)
                and _SHARED_UNIT_LIST.match(s, pos) is not None
            )
        ), False
    if ch in "年月季" and prev and (prev.isdigit() or prev in _CN_CHARS):
        return False, False  # the unit of the number before it ("5年内", "3年内容")
    if ch == "年" and s.endswith("以上", 0, pos):
        return False, False  # 以上年末: last year's end, or 以上 and this year's: not read
    if ch in "前近" and prev and _is_cjk(prev) and prev not in _CN_LEAD:
        return False, False
    if ch in "上下本这" and prev in _NOT_BEFORE_RELATIVE:
        # 以上年同期, 以上年当月: 以 and last year's same period (以上 alone is "above": 以上年龄段)
        return prev == "以" and s.startswith(_LAST_YEAR_AFTER_YI, pos), False
    return True, False


def _plain_chinese_date(s: str, pos: int) -> bool:
    """Return whether Chinese numerals at ``pos`` are a four-digit year, read after any word.

    "各地二〇二五年底前" names its year whole; unlike "一月" in "统一月底报送", four Chinese digits
    and 年 are not part of another word; nor is a list of them ("各地二〇二三、二〇二四年").
    """
    if pos and s[pos - 1] in _CN_CHARS:
        return False
    for _ in range(_MAX_LISTED_YEARS):
        year = s[pos : pos + 4]
        if len(year) != 4 or not all(ch in _CN_YEAR_DIGITS for ch in year):
            return False
        if s[pos + 4 : pos + 5] != "、":  # 二〇二三、二〇二四年: the first of a list of years
            return s[pos + 4 : pos + 5] == "年"
        pos += 5
    return False


def _after_range_word(text: str, at: int) -> bool:
    """Whether the 至 or 到 at ``at`` follows a time ("6月 至", "年底到"), spaces between."""
    while at > 0 and text[at - 1] in " \t\u3000\xa0":
        at -= 1
    return at > 0 and text[at - 1] in _RANGE_FROM_ENDS


class _Compact:
    """The text with spaces inside phrases removed, and the way back to source offsets."""

    def __init__(self, text: str, source: str) -> None:
        pieces: list[str] = []
        written: list[str] = []  # the same pieces of ``source``, as written (not normalised)
        self.cuts: list[int] = []  # compact offsets at which removed spaces sat
        self.shifts: list[int] = []  # source characters removed up to and including that cut
        last = 0
        removed = 0
        for match in _INNER_SPACE.finditer(text):
            if match.lastgroup == "range" and not _after_range_word(text, match.start() - 1):
                continue
            if match.lastgroup == "holiday" and not text.endswith(_HOLIDAY_ENDS, 0, match.start()):
                continue  # "说明 后": no holiday before the space
            pieces.append(text[last : match.start()])
            written.append(source[last : match.start()])
            removed += match.end() - match.start()
            self.cuts.append(match.start() - (removed - (match.end() - match.start())))
            self.shifts.append(removed)
            last = match.end()
        pieces.append(text[last:])
        written.append(source[last:])
        self.text = "".join(pieces) if self.cuts else text
        self.written = "".join(written) if self.cuts else source

    def source(self, offset: int) -> int:
        """Return the source offset of the character at compact ``offset``."""
        index = bisect.bisect_right(self.cuts, offset)
        return offset + (self.shifts[index - 1] if index else 0)

    def source_end(self, end: int) -> int:
        """Return the source offset just after the compact stretch that ends before ``end``."""
        return self.source(end - 1) + 1 if end else 0


def find_when(
    text: str,
    *,
    reference: dt.date,
    named: NamedPeriods | None = None,
    errors: Literal["raise", "report"] = "report",
) -> Findings:
    """Find every time phrase in running text.

    Each phrase is read at its longest ("6月中旬—9月底" is one range, not two windows) and the
    search goes on after it. Numbers that are not times are skipped (see the module notes).
    Spaces between a number and its unit ("2025 年 6 月底前") do not hide a phrase.

    A phrase is read whole or not at all. A stretch that looks like a time phrase but cannot be
    read is *unread*: a date that does not exist ("2月30日"), a year qualifier this parser does
    not know ("当年11月", "该年3月"), a two-digit year that could be in two centuries, a time of
    day ("每周三下午"). So is a phrase without a year that follows a year in the same run of
    text, unless that year is the reference year ("2024年全区3月底前"), because the year it
    belongs to is not clear: it is never read in the reference year silently.

    Parameters
    ----------
    text
        Running text, e.g. a whole plan.
    reference
        The plan's date; phrases without a year take its year.
    named
        The registry of named periods; the default registry when omitted.
    errors
        ``"report"`` (the default): nothing in the text raises; unread stretches are listed in
        the result's ``unread`` and the scan goes on after them. ``"raise"``: the first unread
        stretch raises :class:`~xiaojie.errors.TimePhraseError`.

    Returns
    -------
    Findings
        A tuple of :class:`Found`, sorted by offset, not overlapping, with ``.unread``: the
        :class:`Unread` stretches (always empty with ``errors="raise"``). A found
        :class:`~xiaojie.dates.Period` and :class:`PeriodSeries` also carry the offset in
        ``.offset``.

    Raises
    ------
    TimePhraseError
        With ``errors="raise"``, for the first stretch that cannot be read; the message gives
        its offset.
    DateValueError
        If ``reference`` is not a date or ``errors`` is not one of the two words.

    Examples
    --------
    >>> import datetime as dt
    >>> text = "7月底前召开推进会，8月底前完成培训；落实“每周1—2次”送教上门，综合评分95分以上。"
    >>> [(f.text, f.offset) for f in find_when(text, reference=dt.date(2025, 6, 18))]
    [('7月底前', 0), ('8月底前', 10), ('每周1—2次', 22)]
    >>> find_when("索引号 640324017/2026-00009，第六轮", reference=dt.date(2025, 6, 18))
    ()
    >>> found = find_when("开展2月30日专项行动，6月底前完成", reference=dt.date(2025, 6, 18))
    >>> [f.text for f in found], [u.text for u in found.unread]
    (['6月底前'], ['2月30日'])
    >>> find_when("开展2月30日专项行动", reference=dt.date(2025, 6, 18), errors="raise")
    Traceback (most recent call last):
    ...
    xiaojie.errors.TimePhraseError: time phrase '2月30日': 2月30日 does not exist in 2025 (2月 has 28 days) (at offset 2)

    .. versionadded:: 0.1.0
    """
    reference = as_date(reference, field="reference")
    registry = _registry(named)
    if not isinstance(text, str):
        raise TimePhraseError(repr(text), f"expected a str, found {type(text).__name__}")
    if errors not in _ERRORS:
        msg = f"find_when errors: expected 'raise' or 'report', found {errors!r}"
        raise DateValueError(msg)
    folded = text.translate(_NORMALISE)  # the grammar's words in simplified script, offsets kept
    compact = _Compact(_with_cn_years(folded), text)
    s = compact.text
    scanner = _Scanner(s, reference, registry, source=compact.written)
    found: list[Found] = []
    unread: list[Unread] = []
    # The compact span and own year of the last period found, for the year-in-the-run check.
    last_year: tuple[int, int, int | None] | None = None
    # The compact end and window of the last cadence found, for relative periods after it.
    last_cadence: tuple[int, Frequency] | None = None

    def report(start: int, end: int, reason: str) -> None:
        at = compact.source(start)
        if (
            found
            and (_bare_year(found[-1]) or _range_end_at(text, found[-1], at))
            and 0 <= at - found[-1].end <= _YEAR_GAP
            and not text[found[-1].end : at].strip(" \u3000\xa0")
        ):
            # "2026年元旦春节期间": the year qualifies the stretch not read, and goes with it;
            # "12月至春节后": the start of a range whose end is not read
            at = found.pop().offset
        # Never reach back into what was already found or reported.
        floor = max([f.end for f in found[-1:]] + [u.end for u in unread[-1:]] + [0])
        first = max(at, floor)
        last = max(compact.source_end(max(end, start + 1)), first + 1)
        unread.append(Unread(text[first:last], first, reason))

    pos = 0
    while pos < len(s):
        allowed, periods_only = _may_start(s, pos, registry)
        if not allowed:
            pos += 1
            continue
        if pos and s[pos - 1] in "前后":
            # 提前一季度完成: a length; 识别月份前一月底: the month before another date
            next_to = _month_next_to(
                s, pos, ends_found=bool(found) and found[-1].end == compact.source(pos)
            )
            if next_to is not None:
                stop, reported = next_to
                if reported:
                    report(
                        pos - 1,
                        stop,
                        f"{s[pos - 1 : stop]} is the month or quarter before or after another "
                        "date; it is not read as January or the first quarter",
                    )
                pos = stop
                continue
        try:
            match = scanner.phrase(pos, to_end=False, periods_only=periods_only)
        except _ImpossibleError as err:
            # "2026年春节前后": the year the reader passed over goes with the stretch
            start = pos if _YEAR_ALONE.fullmatch(s, pos, err.start) else err.start
            report(start, err.end, err.reason)
            pos = max(err.end, pos + 1)
            continue
        if match is None or match.weak or match.end == pos:
            pos += 1
            continue
        if _counted_from_each(s, pos, match.each, last_cadence):
            pos = match.end
            continue
        if match.yearless:
            # a holiday without a year is the coming one: right after a year only if that year's
            meant = reference.year if match.holiday_year is None else match.holiday_year
            qualifier = _year_before(s, pos, meant, last_year)
            if qualifier is not None:
                start, year_at = qualifier
                year_text = (
                    compact.written[start : year_at + 1]
                    if start < pos
                    else compact.written[max(0, year_at - 4) : year_at + 1]
                )
                reason = (
                    f"it follows {year_text!r} in the same run of text and may belong to that year; "
                    f"it is not read in the reference year {reference.year}"
                )
                if match.holiday_year is not None:
                    reason = (
                        f"it follows {year_text!r} in the same run of text and may belong to that "
                        f"year; without a year it names the holiday of {match.holiday_year}, so it "
                        "is not read"
                    )
                if any(ch in _PLACEHOLDERS for ch in year_text):
                    reason = (
                        f"the year {year_text!r} is left blank, as in a template; the phrase is "
                        "read once the year is written"
                    )
                report(start, match.end, reason)
                pos = match.end
                continue
        flaw = _flaw_around(s, pos, match)
        if flaw is not None:
            start, end, reason = flaw
            report(start, end, reason)
            pos = max(end, pos + 1)
            continue
        match = _with_clock_deadline(s, match)
        first = compact.source(pos)
        last = compact.source_end(match.end)
        gap = first - unread[-1].end if unread else -1
        if (
            0 <= gap <= _YEAR_GAP
            and not text[unread[-1].end : first].strip(" \t\u3000\xa0")
            and s[pos] in "至到"
            and (gap == 0 or unread[-1].text[-1:] in _RANGE_FROM_ENDS)
        ):
            # "上年当月至本月" (or "上年当月 至本月"): the end of a range whose start is not read
            # goes with it
            gone = unread.pop()
            unread.append(Unread(text[gone.offset : last], gone.offset, gone.reason))
            pos = match.end
            continue
        phrase = text[first:last]
        found.append(Found(phrase, first, _with_text(match.value, phrase, first)))
        if isinstance(match.value, Cadence):
            last_cadence = (match.end, match.value.frequency)
        if match.own_year is not None or match.yearless:
            year = reference.year if match.own_year is None else match.own_year
            last_year = (pos, match.end, year)
        pos = match.end

    def report_note(first: int, last: int, reason: str) -> None:
        unread.append(Unread(text[first:last], first, reason))

    if found:
        # the notes and the words before 至 are looked for in the folded text (遇節假日順延)
        found = _with_holiday_notes(folded, found, unread, report_note=report_note, written=text)
        found = _from_the_plans_date(
            folded, found, reference, report_note=report_note, written=text
        )
        unread.sort(key=lambda u: u.offset)
    if errors == "raise" and unread:
        # Raised only now: what a later step takes back (the words of a holiday note,
        # "提前至节前最后一个工作日") is no stretch left unread.
        earliest = unread[0]
        raise TimePhraseError(earliest.text, f"{earliest.reason} (at offset {earliest.offset})")
    return Findings(found, unread)


_MONTH_NEXT_TO = re.compile(
    r"一(?:月(?:份|底|末|初|中旬|[上下]旬)|个?季度(?:末|初)?)(?:之前|以前|前)?"
)
"""After 前: the month or quarter before another date ("前一月底", "报送前一季度情况"), not
January or the first quarter."""
_MONTH_AFTER = re.compile(r"一月(?:份|底|末|初|中旬|[上下]旬)(?:之前|以前|前)?")
"""After 后: the month after another date ("会后一月底"); 后一个季度 is a length ("竣工后一个季度内")."""


def _month_next_to(s: str, pos: int, *, ends_found: bool) -> tuple[int, bool] | None:
    """Read 一月底, 一季度 … after the 前 or 后 before ``pos``: where they end, and whether to report.

    After 提前, 滞后 … they are a length ahead of or behind time (passed over, not reported);
    after 前 the month or quarter before another date, after 后 a month after one (reported),
    unless the 前 ends a phrase found ("3月底前一季度") or a word (目前一季度): ``None``, read as
    usual.
    """
    if s.endswith(AHEAD_OR_BEHIND, 0, pos):
        ahead = _MONTH_NEXT_TO.match(s, pos)
        if ahead is not None:
            return ahead.end(), False
    if ends_found or s.endswith(_NOW_OR_BEFORE, 0, pos):
        return None
    relative = (_MONTH_NEXT_TO if s[pos - 1] == "前" else _MONTH_AFTER).match(s, pos)
    return None if relative is None else (relative.end(), True)


_NOW_OR_BEFORE = (
    "目前",
    "当前",
    "此前",
    "之前",
    "以前",
    "从前",
    "先前",
    "日前",
    "眼前",
    "空前",
    "前后",
)
"""Words ending in 前 or 后 after which 一季度 is the first quarter ("目前一季度各项指标")."""
_YEAR_ALONE = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年度?|今年|明年|本年度?")
"""A year alone in the compact text, as a reader passes over it before what it cannot read."""


def _bare_year(item: Found) -> bool:
    """Whether ``item`` is a year alone ("2026年", "2026年度"), or the deadline of one ("到2026年")."""
    value = item.value
    return (
        isinstance(value, Period)
        and value.end is not None
        and (value.end.month, value.end.day) == (12, 31)
        and (
            value.start is None
            or (value.start.year, value.start.month, value.start.day) == (value.end.year, 1, 1)
        )
        and item.text.rstrip(" \u3000\xa0").endswith(("年", "年度"))
    )


def _range_end_at(text: str, item: Found, at: int) -> bool:
    """Whether the stretch not read at ``at`` is the end of a range ``item`` starts ("至春节后")."""
    return isinstance(item.value, Period) and text.startswith(("至", "到", "—", "-", "~"), at)


_YEAR_GAP = 3
"""The most spaces between a year and the stretch not read that it goes with ("2026 年 汛期前")."""


def _with_holiday_notes(
    text: str,
    found: list[Found],
    unread: list[Unread],
    *,
    report_note: Callable[[int, int, str], None],
    written: str,
) -> list[Found]:
    """Return ``found`` with the holiday notes of their clauses applied ("遇节假日顺延").

    ``text`` is the text as searched (folded, :data:`_NORMALISE`), ``written`` as given (the
    same length): the phrases' texts are taken from it.

    A note belongs to the nearest due date before it in the same clause (up to 。, ；or the
    line's end) with nothing unread between them: a cadence, a deadline ("9月30日前"), a day or
    a series of them. A window in between ("报送上月工作进展情况") is passed over: it says what
    is reported, not when. Right after the phrase the note becomes part of the phrase's text;
    further on it is the phrase's ``remark``. A period's date in a year the official calendar
    does not cover stays as written and the note is reported unread.
    """
    if not any(word in text for word in ("顺延", "后延", "延后", "提前")):
        return found
    for start, end in notes_elsewhere(text):
        # "遇节假日顺延至下月": not a shift read, and "至下月" in it no deadline
        found = [f for f in found if not (start <= f.offset and f.end <= end)]
        unread[:] = [u for u in unread if not (start <= u.offset and u.end <= end)]
        report_note(
            start,
            end,
            "the note moves a due date to another month or year, which is not read; the date is "
            "read as written",
        )
    # what a note says ("提前至节前最后一个工作日") is the note's, not a phrase left unread
    spans = [(n.start, n.end) for n in notes_in(text, 0, len(text))]
    unread[:] = [u for u in unread if not any(a <= u.offset and u.end <= b for a, b in spans)]
    stops = sorted([f.offset for f in found if _due_date(f.value)] + [u.offset for u in unread])
    result: list[Found] = []
    for item in found:
        if not _due_date(item.value):
            result.append(item)
            continue
        after = bisect.bisect_left(stops, item.end)
        limit = stops[after] if after < len(stops) else len(text)
        clause = next((i for i in range(item.end, limit) if text[i] in _CLAUSE_ENDS), limit)
        note = note_at(text, item.end)
        adjacent = note is not None and note.end <= clause
        if not adjacent:
            note = note_in(text, item.end, clause)
        if note is None or (isinstance(item.value, Cadence) and item.value.on_holiday):
            result.append(item)
            continue
        try:
            moved = shifted(item.value, note.shift)
        except CalendarCoverageError as err:
            start = item.end if adjacent else note.start
            report_note(start, note.end, f"{err}; the date is read as written")
            result.append(item)
            continue
        if moved is None:
            result.append(item)
        elif adjacent:
            phrase = written[item.offset : note.end]
            result.append(Found(phrase, item.offset, _with_text(moved, phrase, item.offset)))
        else:
            remark = written[note.start : note.end]
            shown = f"{item.text}（{remark.strip('（）()')}）"
            result.append(
                Found(
                    item.text,
                    item.offset,
                    _with_text(moved, shown, item.offset),
                    remark=remark,
                    remark_offset=note.start,
                )
            )
    return result


def _from_the_plans_date(
    text: str,
    found: list[Found],
    reference: dt.date,
    *,
    report_note: Callable[[int, int, str], None],
    written: str,
) -> list[Found]:
    """Return ``found`` with "即日起至X" read as the period from the plan's date to X.

    ``text`` is searched (folded), ``written`` gives the phrases' texts (see
    :func:`_with_holiday_notes`).

    The phrase found is "至X"; the words before it (即日起, 自印发之日起 …) join it. A period
    that would end before the plan's date is reported unread and dropped.
    """
    result: list[Found] = []
    floor = 0
    for item in found:
        if item.text.startswith(("至", "到", "直至", "直到")):
            start = since_before(text, item.offset, min(_SINCE_LOOKBACK, item.offset - floor))
            if start is not None:
                period = from_reference(item.value, reference)
                if isinstance(period, str):
                    report_note(start, item.end, period)
                    floor = item.end
                    continue
                if period is not None:
                    phrase = written[start : item.end]
                    item = Found(  # noqa: PLW2901 - the phrase with the words before it
                        phrase,
                        start,
                        _with_text(period, phrase, start),
                        remark=item.remark,
                        remark_offset=item.remark_offset,
                    )
        result.append(item)
        floor = item.end
    return result


# The longest run of words before "至" that names the plan's date (自本方案印发之日起).
_SINCE_LOOKBACK = 14


# A month written twice or a day without 日 after a month: "3月月25日", "6月5前".
_AFTER_MONTH = re.compile(r"月?[0-9]{1,2}(?:日|号)?(?:之前|以前|前)?")
# The rest of a range after such a slip ("3月月25日至4月5日"): unread with it, not read as "至4月5日".
_RANGE_REST = re.compile(
    r"[ \t]*(?:至|到|—|－|-|~|～)[ \t]*(?:[0-9]{4}年)?"
    r"(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月月?(?:份|底|初|末|[上中下]旬)?"
    r"(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[日号])?"
    r"|月?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[日号])"
    r"(?:之前|以前|前)?"
)
# A year written without 年 before a month: "在2023 10月底" (not a figure in a row of cells,
# "任务 2000 9月底前", whose number follows a space).
_BARE_YEAR = re.compile(r"(?:^|(?<=[^\s0-9A-Za-z]))(?:19|20)[0-9]{2}[ \t\u3000]+$")


def _flaw_around(s: str, pos: int, match: _Match) -> tuple[int, int, str] | None:
    """Return the stretch and reason of a phrase that a slip in writing makes unreadable.

    A month followed by its day without 日, or by 月 again ("6月5前", "3月月25日"), is not that
    whole month (nor is the rest of its range a deadline, "3月月25日至4月5日"); a month after a
    year written without 年 ("2023 10月底") is not in the reference year. Both are reported
    rather than read wrongly.
    """
    value = match.value
    if isinstance(value, Period) and s[match.end - 1 : match.end] == "月":
        slip = _AFTER_MONTH.match(s, match.end)
        after = s[match.end : match.end + 1]
        if slip is not None and (after == "月" or slip.group()[-1] in "日号前"):
            end = slip.end()
            rest = _RANGE_REST.match(s, end)
            if rest is not None:
                end = rest.end()
            return (
                pos,
                end,
                "a month followed by a day without 日 or by 月 again; the phrase is not read",
            )
    if s[pos : pos + 1].isdigit():
        bare = _BARE_YEAR.search(s, max(0, pos - 8), pos)
        if bare is not None:
            return (
                bare.start(),
                match.end,
                "a year written without 年 before a month; it is not read in the reference year",
            )
    return None


# A time of day and 前 after a date: "3月9日下午5:00前", "12月5日17时前" (due that day).
_CLOCK_DEADLINE = re.compile(
    r"(?:上午|下午|中午|晚上|早上|晚)?[0-9]{1,2}(?::[0-9]{2}|[时点](?:[0-9]{1,2}分?|半)?)"
    r"(?:之前|以前|前(?!后))"
)


def _with_clock_deadline(s: str, match: _Match) -> _Match:
    """Return a day followed by a time of day and 前 as a deadline due that day."""
    value = match.value
    if not isinstance(value, Period) or value.start is None or value.start != value.end:
        return match
    clock = _CLOCK_DEADLINE.match(s, match.end)
    if clock is None:
        return match
    return attrs.evolve(match, value=Period(None, value.end), end=clock.end())


def clock_deadline(value: When, rest: str) -> When | None:
    """Return the deadline a day and ``rest`` (a time of day and 前) make, else ``None``."""
    if not isinstance(value, Period) or value.start is None or value.start != value.end:
        return None
    if _CLOCK_DEADLINE.fullmatch(rest) is None:
        return None
    return Period(None, value.end)


def _due_date(value: When) -> bool:
    """Return whether a value is a due date a holiday note can move: not a window or a span."""
    if isinstance(value, Cadence):
        return True
    if isinstance(value, Period):
        return value.end is not None and value.start in {None, value.end}
    if isinstance(value, PeriodSeries):
        return all(_due_date(p) for p in value.periods)
    return False


def _counted_from_each(
    s: str, pos: int, each: Frequency | None, cadence: tuple[int, Frequency] | None
) -> bool:
    """Return whether a relative period at ``pos`` is counted from each occurrence of a cadence.

    In "每季度…将本季度落实情况报送" and "每月5日前报送上月进展" the quarter and the month are
    those of each report, not of the plan's date: a relative month or quarter (本月, 上月, 本季度,
    上季度 …) after a cadence in the same clause (up to 。, ；or the line's end) is not a fixed
    period, and neither is 本年度, 上年度 or 上一年 after a yearly one ("每年2月底前，根据上一年度
    工作成效"). Such a period is not reported: the cadence already says when the duty is due.
    """
    if each is None or cadence is None:
        return False
    end, frequency = cadence
    if each is Frequency.YEARLY and frequency is not Frequency.YEARLY:
        return False
    return not any(ch in _CLAUSE_ENDS for ch in s[end:pos])


def _year_before(
    s: str, pos: int, reference_year: int, last: tuple[int, int, int | None] | None
) -> tuple[int, int] | None:
    """Return (start of the unread stretch, offset of 年) when a year named earlier governs ``pos``.

    The year is a written year ("2024年", "19年", "二〇二四年") or a year qualifier ("当年",
    "该年") earlier in the same run of text (no punctuation between); other words with 年 (年度,
    青年, 三年行动) are not years. When the year belongs to the last phrase found and that phrase
    is in the reference year, nothing is wrong. When it belongs to a phrase found, the unread
    stretch is the phrase at ``pos``; otherwise it starts at the qualifier the parser did not
    read.
    """
    stop = max(0, pos - _RUN_LOOKBACK)
    j = pos if s[pos] == "年" else pos - 1
    while j >= stop and s[j] not in _RUN_ENDS:
        if s[j] == "年" and _names_a_year(s, j):
            if last is not None and last[0] <= j < last[1]:
                return None if last[2] == reference_year else (pos, j)
            k = j
            while k > stop and _qualifies(s[k - 1]) and (last is None or k > last[1]):
                k -= 1
            return k, j
        j -= 1
    return None


def _names_a_year(s: str, j: int) -> bool:
    """Return whether the 年 at ``j`` ends a year: digits, four Chinese digits or a qualifier."""
    if j == 0:
        return False
    before = s[j - 1]
    if before.isascii() and before.isdigit():
        return True
    if before in _YEAR_WORDS or before in _PLACEHOLDERS:
        return True
    k = j
    while k > 0 and s[k - 1] in _CN_YEAR_DIGITS:
        k -= 1
    return j - k in {2, 4}


# Characters before 年 that make it a year the parser does not read ("当年", "该年", "同年").
_YEAR_WORDS = frozenset("当同该那其是此")
_CN_YEAR_DIGITS = frozenset("〇零一二三四五六七八九")
# A year left blank in a template ("20xx年", "20××年", "某年"): a year this parser cannot read.
_PLACEHOLDERS = frozenset("xX×*＊某_＿")
_QUALIFIERS = frozenset("当同该那前后上下去本今明次翌来往近每其此")


def _qualifies(ch: str) -> bool:
    """Return whether ``ch`` can be part of a year qualifier before 年 ("19", "当", "该")."""
    return ch.isdigit() or ch in _CN_CHARS or ch in _QUALIFIERS or ch in _PLACEHOLDERS
