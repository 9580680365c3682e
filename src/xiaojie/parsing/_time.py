"""Time phrases in a plan's sentences, read with :func:`xiaojie.dates.find_when`.

The scanner only hands clauses that can hold a time phrase to ``find_when`` (those with a
digit, 每, 年, 季, 旬, a Chinese numeral before 月/日, or a named period), which keeps parsing
fast on long plans; a window of text read once is not read again (plans repeat their time
phrases: 年底前, 年内持续推进). A phrase that has the shape of a date but cannot be read (an impossible
date, a year qualifier not understood) is one of ``find_when``'s unread stretches: the scanner
collects it with its offset for the parse report, and the phrases around it are still read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import attrs

from xiaojie.dates import NAMED_PERIODS, Found, Period, find_when
from xiaojie.dates._holiday import NOTE_HINT
from xiaojie.dates._read_recur import _FARM_SEASONS


if TYPE_CHECKING:
    from xiaojie.dates import Findings, NamedPeriods


__all__ = ["Hit", "TimeScanner", "is_by_end", "is_frame", "is_whole_year"]

_GRAIN = re.compile(r"[月日旬季]")
# How far a phrase can start before the character that reveals it (截至到 + 二〇二五 …) and
# run on after it (…月中下旬以前); each window around a revealing character is read whole.
_BEFORE = 10
_AFTER = 20
# A window does not start inside a list of numbers sharing a unit ("二〇二三、二〇二四、二〇二五年",
# "第一、第二、第三、第四季度"): it reaches back over these characters (this far at most) and
# as far again before them as before any phrase.
_LIST_CHARS = frozenset("0123456789〇零一二两三四五六七八九十第、")
_LIST = 60


@attrs.frozen
class Hit:
    """A time phrase found in a passage: ``found.offset`` is relative to the passage."""

    found: Found

    @property
    def start(self) -> int:
        """Where the phrase starts in the passage."""
        return self.found.offset

    @property
    def end(self) -> int:
        """Where the phrase ends in the passage."""
        return self.found.end


def _moved(found: Found, by: int) -> Found:
    """Return ``found`` with its offsets (and its remark's) moved on by ``by``."""
    return Found(
        found.text,
        found.offset + by,
        found.value,
        remark=found.remark,
        remark_offset=None if found.remark_offset is None else found.remark_offset + by,
    )


# The words of a holiday note (遇节假日顺延, 节假日提前) and the ends of a sentence.
_SENTENCE_ENDS = re.compile(r"[。；;\n\r]")


def _sentence_end(text: str, pos: int) -> int:
    match = _SENTENCE_ENDS.search(text, pos)
    return len(text) if match is None else match.start()


def is_frame(found: Found) -> bool:
    """Whether a period phrase has no month or day grain: "2025年", "到2025年年底", "过渡期"."""
    return isinstance(found.value, Period) and _GRAIN.search(found.text) is None


_BY_END = re.compile(r"(?:年度?内|[底末](?:前|以前|之前)?|年(?:前|以前|之前))$")


def is_by_end(found: Found) -> bool:
    """Whether a period phrase says by when, not during when: "年内", "到2016年底", "2016年底前".

    Such a phrase is a deadline due at the end of its period (TIME.md: 年内 is due 31 December),
    never a frame over the rest of its sentence, even without a month or day.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie.dates import find_when
    >>> found = find_when("年内完成,2016年实现,到2016年底,过渡期内", reference=dt.date(2016, 1, 1))
    >>> [(f.text, is_by_end(f)) for f in found]
    [('年内', True), ('2016年', False), ('到2016年底', True), ('过渡期内', False)]
    """
    return isinstance(found.value, Period) and _BY_END.search(found.text) is not None


def is_whole_year(found: Found) -> bool:
    """Whether a period phrase is a whole year or longer, or open ("2025年", "十四五", "以来")."""
    value = found.value
    if not isinstance(value, Period) or not is_frame(found):
        return False
    if value.start is None:
        return False
    if value.end is None:
        return True
    return (
        value.start.month == 1
        and value.start.day == 1
        and value.end >= dt.date(value.start.year, 12, 31)
    )


class TimeScanner:
    """Finds time phrases clause by clause, collecting impossible ones.

    Parameters
    ----------
    reference
        The date that gives phrases without a year their year.
    named
        The registry of named periods (the default registry when ``None``).
    """

    def __init__(self, reference: dt.date, named: NamedPeriods | None = None) -> None:
        self.reference = reference
        self.named = named if named is not None else NAMED_PERIODS
        names = "|".join(re.escape(n) for n in self.named.names())
        trigger = (
            r"[0-9每]|[今明去本全次翌当上下半]年|年[底末内初度]|[零〇一二两三四五六七八九十]季|"
            r"[零〇一二两三四五六七八九十][月日年]|"
            # duties without 每 (按季度报送, 逐月调度, 季度调度一次, 月度调度), every other month,
            # times named by an event, which are reported unread, and one character for the
            # window and a duty (月调度、季通报、年考核; 旬调度 unread)
            r"季度|月度|[按逐][月季年周]|双月|春节|元旦|国庆|中秋|端午|清明|五一|节假日|汛|"
            + "".join(f"{season}|" for season in _FARM_SEASONS)
            + r"[月季年周旬半][调通报会會研考督分总小评排点讲盘一推例观調報總評點講觀]"
        )
        self._trigger = re.compile(f"{trigger}|{names}" if names else trigger)
        self.errors: list[tuple[int, str, str]] = []
        self._read: dict[str, Findings] = {}

    def scan(self, text: str, start: int, end: int) -> list[Hit]:
        """Return the phrases in ``text[start:end]``, with offsets relative to ``text``.

        Only windows around the places where a phrase can be (a digit, 每, a named period …)
        are read. A phrase that cannot be read (an impossible date) is recorded in
        :attr:`errors` as ``(offset, phrase, reason)``, its offset relative to ``text``.
        """
        windows: list[list[int]] = []
        for match in self._trigger.finditer(text, start, end):
            low = max(start, match.start() - _BEFORE)
            if low > start and text[low] in _LIST_CHARS:
                # "第一、第二、第三、第四季度": from before the list's first number
                while low > start and text[low - 1] in _LIST_CHARS and match.start() - low < _LIST:
                    low -= 1
                low = max(start, low - _BEFORE)
            high = min(end, match.end() + _AFTER)
            if windows and low <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], high)
            else:
                windows.append([low, high])
        hits: list[Hit] = []
        for low, high in windows:
            for item in self._find(text, low, high):
                offset = item.offset + low
                if offset == low and low > start:
                    continue
                if offset + len(item.text) == high and high < end:
                    return self._whole(text, start, end)
                hits.append(Hit(_moved(item, low)))
        return self._with_notes(text, hits)

    def scan_whole(self, text: str, start: int, end: int) -> list[Hit]:
        """Return the phrases in ``text[start:end]`` read as one stretch (no windows)."""
        return self._whole(text, start, end)

    def _whole(self, text: str, start: int, end: int) -> list[Hit]:
        found = self._find(text, start, end)
        return self._with_notes(text, [Hit(_moved(f, start)) for f in found])

    def _with_notes(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Apply the holiday notes of their sentences to phrases read without them.

        A phrase is read in a window of a few characters around it, or in a stretch that ends
        at a comma ("每季度结束后10日内报送工作总结，遇节假日提前。"), and a note may stand further
        on in the sentence ("10月1日前由各乡镇组织完成…资料归档整理工作（遇节假日顺延）"). Each
        phrase with a note after it in its sentence is read again up to the sentence's end;
        it takes the note when find_when gives it there (nothing else due on the way).
        """
        for index, hit in enumerate(hits):
            last = hit.found
            if last.remark or last.text != text[last.offset : last.end]:
                continue
            stop = _sentence_end(text, last.end)
            if not NOTE_HINT.search(text, last.end, stop):
                continue
            found = self._find(text, last.offset, stop)
            if found and found[0].offset == 0 and found[0].text == last.text and found[0].remark:
                hits[index] = Hit(_moved(found[0], last.offset))
        return hits

    def _find(self, text: str, low: int, high: int) -> tuple[Found, ...]:
        window = text[low:high]
        found = self._read.get(window)
        if found is None:
            found = find_when(window, reference=self.reference, named=self.named)
            self._read[window] = found
        for unread in found.unread:
            error = (low + unread.offset, unread.text, unread.reason)
            if error not in self.errors:
                self.errors.append(error)
        return tuple(f for f in found if f.text)
