"""iCalendar feeds of a plan's deadlines and recurring duties (RFC 5545).

Every event is an all-day event (``VALUE=DATE``), so it shows on the right day in every time
zone:

* a phase, or a milestone that happens inside a window ("7月中旬"), spans the window;
* a milestone due by a date ("9月10日前") and each dated indicator target fall on the due day;
* a recurring duty is one event on the due day of its first window with an ``RRULE`` for the
  rest, following the cadence's due rule (``FREQ=MONTHLY;BYMONTHDAY=-1`` for 每月,
  ``INTERVAL=3`` for 每季度, ``BYDAY=SU`` for 每周 and ``BYDAY=WE`` for 每周三,
  ``BYMONTH=1;BYMONTHDAY=15`` for 每年1月15日前, ``BYMONTHDAY=5`` for 次月5日前, the day an
  offset falls on for 每季度结束后10日内; ``UNTIL`` the last due day). Where the rule alone
  would not give exactly the due days of :meth:`xiaojie.model.Obligation.windows` (a window
  clipped by the active period), ``RDATE`` and ``EXDATE`` correct it; due days N working days
  after a window follow the holidays and are all listed as ``RDATE``.

Summaries quote the plan's time phrase; descriptions give the plan's sentence, the task and the
responsible units. Summaries and the feed's name (``X-WR-CALNAME``: the plan's title, after the
unit's name in a unit's feed) are one line, each run of whitespace holding a line break folded
to one space. Every text is masked (:func:`~xiaojie._privacy.scrub`) and holds no control
character (RFC 5545 allows none but tab; line breaks in a description are escaped) and none of
the invisible formatting characters no document shows (:func:`xiaojie.model._text.visible`). ``DTSTAMP``
is ``stamp`` (the report date), never the clock, so the same plan always gives the same feed.
Needs ``icalendar`` (the ``docs`` extra).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from typing import TYPE_CHECKING, Any

from dateutil.rrule import rrulestr

from xiaojie._extras import require
from xiaojie._privacy import current_names, scrub
from xiaojie.dates import Cadence, Frequency
from xiaojie.model import Obligation, Owner, Plan, ResponsibleUnit, UnitGroup
from xiaojie.model._text import visible
from xiaojie.render._labels import Lang, check_lang, label
from xiaojie.render._plan_docs import item_owners


if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from icalendar import Calendar, Event

    from xiaojie.model import Indicator, Milestone, Phase, Target

    _Held = tuple[list[Milestone], list[Indicator], list[Obligation]]


__all__ = ["calendar", "obligation_rule", "to_ics"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""Characters no iCalendar text may hold (RFC 5545 ``CONTROL``), and U+FFFE, U+FFFF."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_BROKEN_RUN = re.compile(r"\s*\n\s*")


def _ics_text(text: str, *, one_line: bool = False) -> str:
    r"""Return ``text`` as an iCalendar text value holds it, personal data masked.

    Control characters are dropped, line breaks become ``\n`` (which the feed escapes) and a
    lone surrogate U+FFFD. With ``one_line`` each run of whitespace holding a line break is
    folded to one space, and the ends are stripped.

    Examples
    --------
    >>> _ics_text("某县巩固拓展脱贫攻坚成果\n攻坚行动方案", one_line=True)
    '某县巩固拓展脱贫攻坚成果 攻坚行动方案'
    >>> _ics_text("开发公益\x07岗位\r\n联系电话13800138000")
    '开发公益岗位\n联系电话138****8000'
    """
    if not text.isprintable():
        text = _SURROGATE.sub("\ufffd", _LINE_BREAK.sub("\n", _CONTROL.sub("", visible(text))))
        if one_line:
            text = _BROKEN_RUN.sub(" ", text).strip()
    return scrub(text)


_INTERVAL = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
}


def _by_month_day(due_day: int | None) -> dict[str, Any]:
    if due_day is None:
        return {"BYMONTHDAY": [-1]}
    if due_day <= 28:
        return {"BYMONTHDAY": [due_day]}
    # "the due day, or the month's last day if shorter": the last of 28..due_day that exists
    return {"BYMONTHDAY": list(range(28, due_day + 1)), "BYSETPOS": [-1]}


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# A month-based window's end plus this many days at most is a fixed day of the next month.
_SAME_DAY_EVERY_MONTH = 28


def _rule(cadence: Cadence) -> dict[str, Any] | None:
    """Return the ``RRULE`` parts whose days are the cadence's due days, or ``None``.

    ``None`` where no rule gives them: N working days after the window (holidays move them)
    or more than 28 days after a month-based window.
    """
    if cadence.due_after_working_days is not None:
        return None
    after = cadence.due_after_days
    if cadence.frequency is Frequency.WEEKLY:
        if after is not None:
            day = (after - 1) % 7
        elif cadence.weekday is not None:
            day = cadence.weekday - 1
        else:
            day = 6
        return {"FREQ": "WEEKLY", "BYDAY": [_WEEKDAYS[day]]}
    month = 12
    if after is not None:
        if after > _SAME_DAY_EVERY_MONTH:
            return None
        days: dict[str, Any] = {"BYMONTHDAY": [after]}
        month = 1
    else:
        days = _by_month_day(cadence.due_day)
        if cadence.due_next_month:
            month = 1
        elif cadence.due_month is not None:
            month = cadence.due_month
    if cadence.frequency is Frequency.YEARLY:
        return {"FREQ": "YEARLY", "BYMONTH": [month], **days}
    interval = _INTERVAL[cadence.frequency]
    return {"FREQ": "MONTHLY", **({"INTERVAL": interval} if interval > 1 else {}), **days}


def obligation_rule(
    obligation: Obligation,
) -> tuple[dt.date, dict[str, Any] | None, list[dt.date], list[dt.date]]:
    """Return how a recurring duty is written in iCalendar.

    The rule follows the cadence's due rule: the due month and day of a yearly duty
    (``BYMONTH=1;BYMONTHDAY=15`` for 每年1月15日前), the weekday of a weekly one (``BYDAY=WE``
    for 每周三), the day of the next month (次月5日前) or the day an offset after the window
    falls on (每季度结束后10日内: ``INTERVAL=3;BYMONTHDAY=10``). ``UNTIL`` is the last due day.

    Returns
    -------
    tuple
        ``(dtstart, rrule, rdates, exdates)``: the first due day, the ``RRULE`` parts as a
        mapping, and the extra and removed days that make the feed give exactly the due day of
        each window (needed only where the active period clips a window). ``rrule`` is
        ``None`` where no rule gives the due days (N working days after the window): then
        ``rdates`` lists every later due day.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> start, rule, extra, removed = obligation_rule(load_plan().item("monthly-data-comparison"))
    >>> start, rule, extra, removed
    (datetime.date(2025, 6, 30), {'FREQ': 'MONTHLY', 'BYMONTHDAY': [-1], 'UNTIL': datetime.date(2025, 12, 31)}, [], [])
    """
    cadence = obligation.cadence
    dues = sorted({cadence.due_in(w) for w in obligation.windows()})
    assert obligation.active.end is not None  # noqa: S101 - checked on construction
    start = dues[0]
    rule = _rule(cadence)
    if rule is None:
        return start, None, dues[1:], []
    rule["UNTIL"] = max(obligation.active.end, dues[-1])
    generated = set(_expand(start, rule))
    wanted = set(dues)
    return start, rule, sorted(wanted - generated), sorted(generated - wanted)


def _rule_text(rule: dict[str, Any]) -> str:
    parts = []
    for key, value in rule.items():
        if isinstance(value, dt.date):
            shown = value.strftime("%Y%m%d")
        elif isinstance(value, list):
            shown = ",".join(str(v) for v in value)
        else:
            shown = str(value)
        parts.append(f"{key}={shown}")
    return ";".join(parts)


def _expand(start: dt.date, rule: dict[str, Any]) -> list[dt.date]:
    """Return the days the rule gives from ``start`` on, ``start`` included (as RFC 5545 says)."""
    until = rule["UNTIL"]
    text = _rule_text({k: v for k, v in rule.items() if k != "UNTIL"})
    begin = dt.datetime.combine(start, dt.time())
    recurrence = rrulestr(text, dtstart=begin)
    last = dt.datetime.combine(until, dt.time())
    days = {start}
    try:
        for moment in recurrence:
            if moment > last:
                break
            days.add(moment.date())
    except (OverflowError, ValueError):  # the rule runs past 9999-12-31
        pass
    return sorted(days)


def _uid(plan: Plan, key: str) -> str:
    return f"{key}@{plan.id}.xiaojie"


def _names(owners: tuple[Owner, ...]) -> str:
    return "、".join(o.name for o in owners)


def _event(
    plan: Plan,
    *,
    key: str,
    summary: str,
    start: dt.date,
    end: dt.date,
    stamp: dt.datetime,
    category: str,
    description: list[str],
) -> Event:
    event: Event = require("icalendar", "iCalendar feeds").Event()
    event.add("uid", _uid(plan, key))
    event.add("dtstamp", stamp)
    event.add("summary", _ics_text(summary, one_line=True))
    event.add("dtstart", start)
    # DTEND is the day after the last; 9999-12-31 has none, so such an event ends on it
    event.add("dtend", end + dt.timedelta(days=1) if end < dt.date.max else end)
    event.add("transp", "TRANSPARENT")
    event.add("categories", [category])
    lines = [line for line in description if line]
    if lines:
        event.add("description", _ics_text("\n".join(lines)))
    return event


def _by_due(plan: Plan) -> list[Milestone]:
    return sorted(plan.milestones, key=lambda m: (m.due, m.id))


def _held(plan: Plan, owner: Owner | None) -> _Held:
    """Return the milestones (by due date), indicators and obligations ``owner`` answers for.

    All of the plan's for ``None``. Built once per plan for every owner (a site has one feed
    per unit).
    """
    if owner is None:
        return _by_due(plan), list(plan.indicators), list(plan.obligations)

    def make(_: Plan) -> dict[str, _Held]:
        milestones = _by_due(plan)
        owners_of = item_owners(plan)
        index: dict[str, _Held] = {}
        items: tuple[Iterable[Milestone | Indicator | Obligation], ...] = (
            milestones,
            plan.indicators,
            plan.obligations,
        )
        for slot, kind in enumerate(items):
            for item in kind:
                for held_id in dict.fromkeys(o.id for o in owners_of[item.id]):
                    lists = index.setdefault(held_id, ([], [], []))
                    lists[slot].append(item)  # type: ignore[arg-type]
        return index

    return plan.derived("render.ics_held", make).get(owner.id, ([], [], []))


def _owner_of(plan: Plan, unit: Owner | str | None) -> Owner | None:
    if isinstance(unit, str):
        return plan.units.resolve(unit)
    if isinstance(unit, ResponsibleUnit | UnitGroup):
        return plan.units.by_id(unit.id)
    return None


def _head(plan: Plan, owner: Owner | None, language: Lang) -> Calendar:
    """Return the feed without events: its product, version, scale, method and name."""
    feed: Calendar = require("icalendar", "iCalendar feeds").Calendar()
    feed.add("prodid", f"-//xiaojie//{plan.id}//{language.upper()}")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    name = plan.title if owner is None else f"{owner.name} — {plan.title}"
    feed.add("x-wr-calname", _ics_text(name, one_line=True))  # written as is: one line
    return feed


def _events(
    plan: Plan, owner: Owner | None, language: Lang, dtstamp: dt.datetime
) -> list[tuple[str, Callable[[], Event]]]:
    """Return the feed's events in order, each as its unique key and how to make it."""
    task_word = label("of_task", language)
    units_word = label("owners", language)
    owners_of = item_owners(plan)
    when_word = label("when", language)
    events: list[tuple[str, Callable[[], Event]]] = []

    def task_line(number: int | None) -> str:
        return f"{task_word}: {plan.task(number)}" if number is not None else ""

    def phase_event(phase: Phase) -> Event:
        assert phase.when.start is not None  # noqa: S101 - phases have both bounds
        assert phase.when.end is not None  # noqa: S101
        return _event(
            plan,
            key=f"phase-{phase.id}",
            summary=f"{phase.name}({phase.when})",
            start=phase.when.start,
            end=phase.when.end,
            stamp=dtstamp,
            category=label("phases", language),
            description=[phase.text],
        )

    def milestone_event(milestone: Milestone) -> Event:
        owners = owners_of[milestone.id]
        return _event(
            plan,
            key=milestone.id,
            summary=f"{milestone.title}({milestone.when})",
            start=milestone.when.start or milestone.due,
            end=milestone.due,
            stamp=dtstamp,
            category=label("milestones", language),
            description=[
                milestone.text,
                f"{when_word}: {milestone.when}",
                task_line(milestone.task),
                f"{units_word}: {_names(owners)}" if owners else "",
            ],
        )

    def target_event(indicator: Indicator, k: int, target: Target, end: dt.date) -> Event:
        owners = owners_of[indicator.id]
        return _event(
            plan,
            key=f"{indicator.id}-{k}",
            summary=f"{indicator.name}{target.describe()}({target.due})",
            start=end,
            end=end,
            stamp=dtstamp,
            category=label("indicator", language),
            description=[
                indicator.text,
                task_line(indicator.task),
                f"{units_word}: {_names(owners)}" if owners else "",
            ],
        )

    def obligation_event(obligation: Obligation) -> Event:
        owners = owners_of[obligation.id]
        start, rule, rdates, exdates = obligation_rule(obligation)
        event = _event(
            plan,
            key=obligation.id,
            summary=f"{obligation.title}({obligation.cadence.describe()})",
            start=start,
            end=start,
            stamp=dtstamp,
            category=label("recurring", language),
            description=[
                obligation.text,
                f"{label('active', language)}: {obligation.active}",
                task_line(obligation.task),
                f"{units_word}: {_names(owners)}" if owners else "",
            ],
        )
        if rule is not None:
            event.add("rrule", rule)
        if rdates:
            event.add("rdate", rdates)
        if exdates:
            event.add("exdate", exdates)
        return event

    if owner is None:
        events.extend((f"phase-{p.id}", partial(phase_event, p)) for p in plan.phases)
    milestones, indicators, obligations = _held(plan, owner)
    events.extend((m.id, partial(milestone_event, m)) for m in milestones)
    for indicator in indicators:
        for k, target in enumerate(indicator.targets, start=1):
            if target.due is None or target.due.end is None:
                continue
            events.append(
                (f"{indicator.id}-{k}", partial(target_event, indicator, k, target, target.due.end))
            )
    events.extend((o.id, partial(obligation_event, o)) for o in obligations)
    return events


def _stamp(plan: Plan, stamp: dt.date | None) -> dt.datetime:
    return dt.datetime.combine(stamp or plan.reference_date, dt.time(), tzinfo=dt.UTC)


def calendar(
    plan: Plan,
    *,
    unit: Owner | str | None = None,
    stamp: dt.date | None = None,
    lang: str = "zh",
) -> Calendar:
    """Return an iCalendar calendar of the plan's deadlines and recurring duties.

    Parameters
    ----------
    plan
        The plan.
    unit
        A unit or group (or any name it is written as) for its own feed: only what it answers
        for. ``None`` for the whole plan, phases included.
    stamp
        The date written as every event's ``DTSTAMP`` (default: the plan's reference date).
    lang
        ``"zh"`` or ``"en"`` for the feed's own words.

    Returns
    -------
    icalendar.Calendar

    Raises
    ------
    UnknownUnitError
        If ``unit`` is a name no unit has.
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> feed = calendar(load_plan(), unit="农办")
    >>> sorted(str(e["SUMMARY"]) for e in feed.walk("VEVENT"))[:2]
    ['召开全区驻村帮扶工作推进会(7月底前)', '完成驻村干部全覆盖培训(8月底前)']
    """
    language: Lang = check_lang(lang)
    owner = _owner_of(plan, unit)
    feed = _head(plan, owner, language)
    for _, make in _events(plan, owner, language, _stamp(plan, stamp)):
        feed.add_component(make())
    return feed


_END = b"END:VCALENDAR\r\n"


def to_ics(
    plan: Plan,
    *,
    unit: Owner | str | None = None,
    stamp: dt.date | None = None,
    lang: str = "zh",
) -> bytes:
    """Return :func:`calendar` as iCalendar bytes (UTF-8, CRLF line ends).

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> data = to_ics(load_plan())
    >>> data.startswith(b"BEGIN:VCALENDAR"), data.count(b"RRULE:")
    (True, 7)
    """
    language: Lang = check_lang(lang)
    owner = _owner_of(plan, unit)
    dtstamp = _stamp(plan, stamp)
    # each event's text is kept with the plan: the same item is in the feed of each of its
    # units and in the whole plan's, and its text depends only on the item, the language,
    # the stamp and the names masked (a filled-in cache: the same key always gives the same text)
    written: dict[tuple[str, str, dt.datetime, int], bytes] = plan.derived(
        "render.ics_events", lambda _: {}
    )
    version = current_names().version
    head: bytes = _head(plan, owner, language).to_ical()
    parts = [head.removesuffix(_END)]
    for key, make in _events(plan, owner, language, dtstamp):
        cached = (key, language, dtstamp, version)
        text = written.get(cached)
        if text is None:
            text = written[cached] = make().to_ical()
        parts.append(text)
    parts.append(_END)
    return b"".join(parts)
