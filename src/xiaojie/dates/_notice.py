"""The State Council's yearly holiday notice, read from its text.

Each November or December the General Office of the State Council publishes 国务院办公厅关于
YYYY年部分节假日安排的通知: the rest days of each holiday (放假, 放假调休, 补休) and the weekend
days made working days (上班). The working-day calendar (:mod:`xiaojie.dates._workdays`) knows
the years the installed ``chinesecalendar`` carries; a notice read here and registered with
:func:`register_holiday_notice` adds its year the day it is published, before the package does
(``xiaojie status --holidays notice.txt`` on the command line).

The notice's items have kept one shape since 2008::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。…
    一、元旦：1月1日放假，1月2日（星期一）补休。
    一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。

Each date's weekday, when given, is checked against the calendar, and each "共N天" against
the days of its range: a notice copied with a wrong day is refused, its line named, rather than
read into wrong due dates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import attrs

from xiaojie.errors import HolidayNoticeError


if TYPE_CHECKING:
    from collections.abc import Iterator


__all__ = ["HolidayNotice", "HolidayNoticeError", "read_holiday_notice"]


@attrs.frozen
class HolidayNotice:
    """The rest days and the working weekend days one year's notice states.

    Attributes
    ----------
    year : int
        The year the notice is for (its title's year).
    rest_days : frozenset[datetime.date]
        The days off it states: every day of each 放假 range and each 补休 day (weekend days
        inside a range included; a range may begin in the year before, as 元旦 2019 did).
    working_days : frozenset[datetime.date]
        The days it makes working days (调休上班), usually weekend days.
    holidays : tuple[tuple[str, datetime.date, datetime.date], ...]
        Each item: the holiday's name as written, its first and its last day off.
    source : str
        Where the text came from.

    .. versionadded:: 0.1.0
    """

    year: int
    rest_days: frozenset[dt.date]
    working_days: frozenset[dt.date]
    holidays: tuple[tuple[str, dt.date, dt.date], ...] = ()
    source: str = "<text>"

    def is_working_day(self, day: dt.date) -> bool | None:
        """Return what the notice says of ``day``: working (True), off (False) or nothing (None)."""
        if day in self.working_days:
            return True
        if day in self.rest_days:
            return False
        return None


_NUMERALS = "一二三四五六七八九十"
_ITEM = re.compile(
    rf"^\s*[{_NUMERALS}]+\s*[、.．]\s*(?P<name>[^：:，。]{{1,20}}?)\s*[：:]\s*(?P<body>.*)$"
)
_TITLE_YEAR = re.compile(r"(?:关于|现将)\s*(?P<year>(?:19|20)\d\d)\s*年")
_DIGITS = "0123456789０１２３４５６７８９"
_NUMBER = f"[{_DIGITS}]+"
_DATE = re.compile(
    rf"(?:(?P<year>[{_DIGITS}]{{4}})\s*年\s*)?(?:(?P<month>{_NUMBER})\s*月\s*)?(?P<day>{_NUMBER})\s*日"
    r"(?:\s*[（(](?P<note>[^）)]*)[）)])?"
)
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)(?P<day>[一二三四五六日天])")
_TOTAL = re.compile(rf"共\s*(?P<days>{_NUMBER})\s*天")
_SENTENCES = re.compile(r"[^。；;]+")
_ADVICE = ("鼓励", "提倡", "建议")
"""Sentences of advice, not of the calendar."""


def _number(text: str) -> int:
    return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


@attrs.define
class _Reader:
    source: str
    year: int
    rest: set[dt.date] = attrs.Factory(set)
    work: set[dt.date] = attrs.Factory(set)
    holidays: list[tuple[str, dt.date, dt.date]] = attrs.Factory(list)

    def fail(self, line: int, reason: str, text: str) -> HolidayNoticeError:
        return HolidayNoticeError(self.source, line, f"{reason}; found {text.strip()!r}")

    def dates(
        self, line: int, sentence: str, *, new_year: bool
    ) -> Iterator[tuple[re.Match[str], dt.date]]:
        """Yield each date of ``sentence``, a missing year or month taken from the one before.

        In the 元旦 item (``new_year``) a December day without its year is in the year before.
        """
        year, month = None, None
        for match in _DATE.finditer(sentence):
            if match["year"]:
                year = _number(match["year"])
            if match["month"]:
                month = _number(match["month"])
            if month is None:
                raise self.fail(line, "expected a month before the day", match.group())
            if year is not None:
                on = year
            else:
                on = self.year - 1 if new_year and month == 12 else self.year
            try:
                day = dt.date(on, month, _number(match["day"]))
            except ValueError:
                raise self.fail(line, f"expected a real date of {on}", match.group()) from None
            weekday = _WEEKDAY.search(match["note"] or "")
            if weekday and _WEEKDAYS[weekday["day"]] != day.weekday():
                named = "一二三四五六日"[day.weekday()]
                raise self.fail(
                    line,
                    f"{day.isoformat()} is a 星期{named}, not the 星期{weekday['day']} written",
                    match.group(),
                )
            yield match, day

    def sentence(self, line: int, name: str, sentence: str) -> None:
        found = list(self.dates(line, sentence, new_year="元旦" in name))
        if not found:
            return
        if "上班" in sentence:
            self.work.update(day for _, day in found)
            return
        if "补休" in sentence and "放假" not in sentence:
            self.rest.update(day for _, day in found)
            return
        if "放假" not in sentence:
            if sentence.lstrip().startswith(_ADVICE):
                return  # "鼓励……在除夕（2月9日）休息": advice, the day stays a working day
            raise self.fail(line, "expected days off (放假, 补休) or working days (上班)", sentence)
        (first_match, first), *rest = found
        joined = len(rest) == 1 and re.search(
            r"^\s*(?:至|到|—|－|-|~|～)\s*$", sentence[first_match.end() : rest[0][0].start()]
        )
        if joined:
            last = rest[0][1]
            if last < first:
                raise self.fail(line, "expected a range ending after it begins", sentence)
            days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
        else:
            days = [first, *(day for _, day in rest)]
        total = _TOTAL.search(sentence)
        if total and _number(total["days"]) != len(days):
            raise self.fail(
                line, f"共{total['days']}天 expected, the dates give {len(days)} days", sentence
            )
        self.rest.update(days)
        self.holidays.append((name, min(days), max(days)))


def read_holiday_notice(
    text: str, *, year: int | None = None, source: str = "<text>"
) -> HolidayNotice:
    r"""Read the rest days and working days of a holiday notice's text.

    Parameters
    ----------
    text
        The notice as published (title optional, one numbered item a line: "一、元旦：…").
    year
        The year it is for; default: the year its title or first sentence names ("关于2027年…",
        "现将2027年…").
    source
        Where the text came from, for errors (a file name, an address).

    Returns
    -------
    HolidayNotice

    Raises
    ------
    HolidayNoticeError
        If the year is not found, no item is found, a date is impossible, a weekday written
        beside a date is not that date's, or "共N天" disagrees with a range; the line is named.

    Examples
    --------
    >>> notice = read_holiday_notice(
    ...     "国务院办公厅关于2026年部分节假日安排的通知\n"
    ...     "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"
    ... )
    >>> notice.year, sorted(notice.rest_days)[-1], sorted(notice.working_days)
    (2026, datetime.date(2026, 1, 3), [datetime.date(2026, 1, 4)])
    >>> read_holiday_notice("现将2026年元旦…\n一、元旦：1月1日（周五）放假。")
    Traceback (most recent call last):
    ...
    xiaojie.errors.HolidayNoticeError: holiday notice <text>, line 2: 2026-01-01 is a 星期四, not the 星期五 written; found '1月1日（周五）'

    .. versionadded:: 0.1.0
    """
    lines = text.splitlines()
    if year is None:
        for line in lines:
            if found := _TITLE_YEAR.search(line):
                year = int(found["year"])
                break
        else:
            msg = "expected its year in the title (关于2027年部分节假日安排的通知) or year="
            raise HolidayNoticeError(source, 0, f"{msg}; found none")
    reader = _Reader(source, year)
    for number, line in enumerate(lines, 1):
        item = _ITEM.match(line.replace("\u3000", " "))
        if item is None:
            continue
        name, body, at = item["name"].strip(), item["body"], number
        if not body.strip():  # the label alone ("一、元旦："), its text on the next line
            after = next((k for k in range(number, len(lines)) if lines[k].strip()), None)
            if after is None or _ITEM.match(lines[after].replace("\u3000", " ")):
                continue
            at, body = after + 1, lines[after]
        for sentence in _SENTENCES.findall(body):
            for part in re.split(r"[，,]\s*(?=[^，,]*补休)", sentence):
                reader.sentence(at, name, part)
    if not reader.holidays:
        raise HolidayNoticeError(
            source, 0, "expected numbered items (一、元旦：1月1日放假…); found none"
        )
    return HolidayNotice(
        year,
        frozenset(reader.rest),
        frozenset(reader.work),
        tuple(reader.holidays),
        source,
    )
