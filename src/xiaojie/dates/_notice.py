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
_TITLE_YEAR = re.compile(r"关于\s*(?P<year>(?:19|20)\d\d)\s*年\s*部分节假日")
_FIRST_YEAR = re.compile(r"现将\s*(?P<year>(?:19|20)\d\d)\s*年")
_PLAIN = str.maketrans(
    "０１２３４５６７８９關於現將補週調節辦\ufeff",
    "0123456789关于现将补周调节办 ",
)
"""Full-width digits as ASCII, the traditional forms of the words read as simplified, no BOM."""
_DATE = re.compile(
    r"(?:(?P<year>\d{4})\s*年\s*)?(?:(?P<month>\d{1,2})\s*月\s*)?(?P<day>\d{1,2})\s*日"
    r"(?:\s*[（(](?P<note>[^）)]*)[）)])?"
)
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)(?P<day>[一二三四五六日天])")
_TOTAL = re.compile(r"(?:共|放假)\s*(?P<days>\d{1,3})\s*天")
"""How many days the item says the range is: 共3天, 放假3天."""
_SENTENCES = re.compile(r"[^。；;]+")
_CLAUSES = re.compile(r"[^，,]+")
_TO = re.compile(r"^\s*(?:至|到|—|－|-|~|～)\s*$")
_ADVICE = ("鼓励", "提倡", "建议")
"""Sentences of advice, not of the calendar."""
_CALENDAR_WORDS = ("放假", "上班", "补休")


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
        A date outside the notice's year and the year before is refused.
        """
        year, month = None, None
        for match in _DATE.finditer(sentence):
            if match["year"]:
                year = int(match["year"])
            if match["month"]:
                month = int(match["month"])
            if month is None:
                raise self.fail(line, "expected a month before the day", match.group())
            if year is not None:
                on = year
            else:
                on = self.year - 1 if new_year and month == 12 else self.year
            if on not in {self.year - 1, self.year}:
                reason = f"expected a date of {self.year} (or late {self.year - 1})"
                raise self.fail(line, reason, match.group())
            try:
                day = dt.date(on, month, int(match["day"]))
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
        """Read one sentence: its 上班 clauses as working days, the rest as days off."""
        new_year = "元旦" in name
        if not _DATE.search(sentence):
            return
        if sentence.lstrip().startswith(_ADVICE):
            return  # "鼓励……在除夕（2月9日）休息": advice, the day stays a working day
        off: list[str] = []
        for clause in _CLAUSES.findall(sentence):
            if not _DATE.search(clause):
                continue
            if "上班" in clause:
                if "不上班" in clause:
                    raise self.fail(line, "expected days off (放假) or working days (上班)", clause)
                self.work.update(day for _, day in self.dates(line, clause, new_year=new_year))
            elif "补休" in clause and "放假" not in clause:
                self.rest.update(day for _, day in self.dates(line, clause, new_year=new_year))
            else:
                off.append(clause)
        if not off:
            return
        text = "，".join(off)
        if "放假" not in text:
            raise self.fail(line, "expected days off (放假, 补休) or working days (上班)", text)
        found = list(self.dates(line, text, new_year=new_year))
        days: list[dt.date] = []
        k = 0
        while k < len(found):
            match, first = found[k]
            if k + 1 < len(found) and _TO.match(text[match.end() : found[k + 1][0].start()]):
                last = found[k + 1][1]
                if last < first:
                    raise self.fail(line, "expected a range ending after it begins", text)
                days.extend(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
                k += 2
            else:
                days.append(first)
                k += 1
        total = _TOTAL.search(sentence)
        if total and int(total["days"]) != len(days):
            raise self.fail(
                line, f"{total.group()} expected, the dates give {len(days)} days", text
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
    if not isinstance(text, str):
        raise HolidayNoticeError(
            source, 0, f"expected the notice's text, found {type(text).__name__}"
        )
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not 1 < year < 9999
    ):
        raise HolidayNoticeError(source, 0, f"expected year= a year from 2 to 9998, found {year!r}")
    lines = text.translate(_PLAIN).splitlines()
    if year is None:
        found = next(
            (
                m
                for pattern in (_TITLE_YEAR, _FIRST_YEAR)
                for line in lines
                if (m := pattern.search(line))
            ),
            None,
        )
        if found is None:
            msg = "expected its year in the title (关于2027年部分节假日安排的通知) or year="
            raise HolidayNoticeError(source, 0, f"{msg}; found none")
        year = int(found["year"])
    reader = _Reader(source, year)
    name = ""
    for number, line in enumerate(lines, 1):
        item = _ITEM.match(line.replace("\u3000", " "))
        if item is not None:
            name, body = item["name"].strip(), item["body"]
        elif name and _DATE.search(line) and any(word in line for word in _CALENDAR_WORDS):
            body = line  # the item goes on from the line above (a page's or a PDF's wrapping)
        else:
            if line.strip():
                name = ""  # the closing paragraph, the signature: no item goes on after them
            continue
        for sentence in _SENTENCES.findall(body):
            reader.sentence(number, name, sentence)
    if not reader.holidays:
        raise HolidayNoticeError(
            source, 0, "expected numbered items (一、元旦：1月1日放假…); found none"
        )
    both = sorted(reader.rest & reader.work)
    if both:
        days = "、".join(day.isoformat() for day in both)
        raise HolidayNoticeError(source, 0, f"expected each day off or working, found {days} both")
    return HolidayNotice(
        year,
        frozenset(reader.rest),
        frozenset(reader.work),
        tuple(reader.holidays),
        source,
    )
