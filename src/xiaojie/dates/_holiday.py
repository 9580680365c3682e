"""Notes that move a due date off a rest day: "（遇节假日顺延）", "如遇法定节假日提前".

A plan writes them after the date or at the end of the clause that holds it: "每月25日前（遇节
假日顺延）报送", "每季度末月20日前报送进展情况，遇节假日顺延。". :func:`note_at` reads one
where it stands; :func:`note_in` finds one in a stretch of running text; :func:`shifted`
applies it to what a phrase means.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

import attrs

from xiaojie.dates._cadence import Cadence, HolidayShift
from xiaojie.dates._found import PeriodSeries, When
from xiaojie.dates._values import Period
from xiaojie.dates._workdays import covered_years
from xiaojie.errors import CalendarCoverageError


if TYPE_CHECKING:
    import datetime as dt


__all__ = [
    "NOTE_HINT",
    "HolidayNote",
    "note_at",
    "note_in",
    "notes_elsewhere",
    "notes_in",
    "shifted",
]


_REST = (
    r"(?:国家|法定|国家法定|公休)?"
    r"(?:节假日|节日|假日|假期|休息日|双休日|周末|周六日|公休日|休假日)"
)
_RESTS = rf"{_REST}(?:[或和及与、/]{_REST})*"
_IF = r"(?:如果|如若|若是|如|若)?"
_MEET = r"(?:遇到|遇|逢|碰到|赶上)"
_LEAD = rf"{_IF}{_MEET}?"
# Both days of a weekend named, after 遇/逢 ("遇周六、周日顺延"): read as every rest day, as 周末
# is. One day alone ("遇周日顺延") or no 遇 ("，周六、周日提前完成") is no note.
_WEEKEND = r"(?:周六[、和及与/]?周日|星期六[、和及与/]?星期[日天])"
_WHEN = rf"(?:{_LEAD}{_RESTS}|{_IF}{_MEET}{_WEEKEND}(?:[或和及与、/]{_RESTS})?)"
_MIDDLE = (
    r"(?:的|时)?[,，]?(?:则|请)?(?:截止(?:时间|日期)?|报送时间|时间|日期)?"
    r"(?:相应|依次|自动|顺次|往后|向后|往前|向前)?"
)
_LATER = r"(?:顺延|后延|延后)"
_LATER_TAIL = (
    r"(?:(?:至|到)(?:(?:下一个?|下个|之后(?:第一|首)个|其后(?:第一|首)个|节后(?:第一|首)个|节后)?工作日"
    r"|下周一))?"
)
_EARLIER = r"提前"
_EARLIER_TAIL = r"(?:(?:至|到)(?:上一个?|之前最后一个|节前最后一个|节前(?:最后)?一个|节前)?工作日)?"
# A verb the note may end with ("遇节假日请提前报送").
_VERB = r"(?:报送|上报|报告|完成|办理|提交|召开)?"
_BODY = (
    rf"{_WHEN}{_MIDDLE}"
    rf"(?:(?P<later>{_LATER}){_LATER_TAIL}|(?P<earlier>{_EARLIER}){_EARLIER_TAIL}){_VERB}"
)
# A note ends its clause or its brackets: "节假日提前安排值班" is not one.
_END = r"(?(open)[）)]|(?=[，,。；;：:）)\s]|$))"
# Standing right after a phrase: in brackets, or after a comma or nothing.
_AT = re.compile(rf"(?P<open>[（(])?[,，]?{_BODY}{_END}")
# Anywhere in the rest of a clause: the note itself, with its brackets when it has them.
_IN = re.compile(rf"(?P<open>[（(])?{_BODY}{_END}")
# A note that moves a due date to another month or year ("遇节假日顺延至下月第一个工作日",
# "顺延至次年1月"): no shift of the date read; reported, and its words are no phrase.
_ELSEWHERE = re.compile(
    rf"(?P<open>[（(])?{_WHEN}{_MIDDLE}(?P<shift>{_LATER}|{_EARLIER})(?:至|到)"
    r"(?:次年[0-9]{1,2}月|(?:下|次|上)一?个?(?:月|季度|年))"
    r"(?:初|底|末|中旬|上旬|下旬)?"
    r"(?:(?:第一|首)个工作日|最后一个工作日|[0-9]{1,2}[日号](?:之?前)?)?"
    rf"{_VERB}(?(open)[）)])"
)
# A cheap test that a stretch may hold a note: a rest day's word, then a shift within a few
# characters (the plan parser looks for notes only where this finds one).
NOTE_HINT = re.compile(rf"(?:{_REST}|{_WEEKEND}).{{0,12}}?(?:{_LATER}|{_EARLIER})")
# How a note not in brackets may start after a word: "遇春节假期顺延" is about one holiday.
_LEADS = ("如", "若", "遇", "逢", "碰", "赶")


class HolidayNote(NamedTuple):
    """A note found: the shift, and where it stands (``text[start:end]``)."""

    shift: HolidayShift
    start: int
    end: int


def _note(match: re.Match[str]) -> HolidayNote:
    shift = HolidayShift.POSTPONE if match.group("later") else HolidayShift.ADVANCE
    return HolidayNote(shift, match.start(), match.end())


def note_at(text: str, pos: int) -> HolidayNote | None:
    """Return the note that starts at ``pos`` (a comma before it included), or ``None``."""
    match = _AT.match(text, pos)
    return None if match is None else _note(match)


def note_in(text: str, start: int, end: int) -> HolidayNote | None:
    """Return the first note inside ``text[start:end]``, or ``None``.

    A note not in brackets starts after punctuation or with 如/若/遇/逢: in "遇春节假期顺延"
    the words 假期顺延 are about the Spring Festival, not every rest day.
    """
    for match in notes_in(text, start, end):
        return match
    return None


def notes_in(text: str, start: int, end: int) -> list[HolidayNote]:
    """Return every note inside ``text[start:end]`` (see :func:`note_in`)."""
    found = []
    for match in _IN.finditer(text, start, end):
        before = text[match.start() - 1] if match.start() > 0 else ""
        if (
            match.group("open")
            or match.group().startswith(_LEADS)
            or not before
            or not ("\u3400" <= before <= "\u9fff")
        ):
            found.append(_note(match))
    return found


def notes_elsewhere(text: str) -> list[tuple[int, int]]:
    """Return where notes stand that move a date to another month or year (not applied).

    As for :func:`notes_in`, a note not in brackets starts after punctuation or with 如, 遇 …;
    after another word ("遇春节假期顺延至下月") it is taken from its 顺延 or 提前.
    """
    found = []
    for match in _ELSEWHERE.finditer(text):
        before = text[match.start() - 1] if match.start() > 0 else ""
        if (
            match.group("open")
            or match.group().startswith(_LEADS)
            or not ("\u3400" <= before <= "\u9fff")
        ):
            found.append((match.start(), match.end()))
        else:  # 遇春节假期顺延至下月10日前: about one holiday; its 至下月 is still no deadline
            found.append((match.start("shift"), match.end()))
    return found


def shifted(value: When, shift: HolidayShift) -> When | None:
    """Return ``value`` with its due dates moved off rest days, or ``None`` when it has none.

    A cadence keeps the rule (:attr:`Cadence.on_holiday`) and applies it to each due date. A
    deadline ("9月30日前") or a day ("10月1日") moves now; a window longer than a day is not a
    due date (``None``). A series moves each of its periods.

    Raises
    ------
    CalendarCoverageError
        If a period's end lies in a year the official calendar does not cover.
    """
    if isinstance(value, Cadence):
        return attrs.evolve(value, on_holiday=shift)
    if isinstance(value, Period):
        if value.end is None or value.start not in {None, value.end}:
            return None  # a window (7月, 上月) says what is done, not by when
        end = _apply(shift, value.end)
        return attrs.evolve(value, start=None if value.start is None else end, end=end)
    if isinstance(value, PeriodSeries):
        parts = [shifted(p, shift) for p in value.periods]
        if any(p is None for p in parts):
            return None
        return PeriodSeries(tuple(p for p in parts if isinstance(p, Period)), text=value.text)
    return None


def _apply(shift: HolidayShift, day: dt.date) -> dt.date:
    try:
        return shift.apply(day)
    except CalendarCoverageError as err:
        years = covered_years()
        msg = (
            f"{shift.label}: the official calendar covers {years.start}–{years.stop - 1}, not "
            f"{err.year} (upgrade chinesecalendar when the year's holiday notice is out, or "
            "register the notice's text: read_holiday_notice, --holidays)"
        )
        error = CalendarCoverageError(msg)
        error.year = err.year
        raise error from None
